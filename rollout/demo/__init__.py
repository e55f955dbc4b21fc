"""The bundled demo organization (``rollout demo``)."""

from rollout.demo.generator import write_demo

__all__ = ["write_demo"]
