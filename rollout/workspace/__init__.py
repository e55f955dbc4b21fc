"""The workspace: one organization's OKR rollout as plain YAML files.

``load()`` reads and validates a folder; :mod:`.editing` writes to it without
losing comments; :mod:`.layout` says where each record lives.
"""

from rollout.workspace.loader import load
from rollout.workspace.workspace import Workspace

__all__ = ["Workspace", "load"]
