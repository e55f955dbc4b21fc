# Shortcuts for developers; the README's two commands are the supported entry points.
.PHONY: demo test lint typecheck bench

demo:
	sh .ci/setup.sh demo

test:
	sh .ci/setup.sh test

lint:
	.venv/bin/ruff check rollout tests
	.venv/bin/ruff format --check rollout tests

typecheck:
	.venv/bin/mypy

bench:
	.venv/bin/python tests/benchmarks/bench_load.py
