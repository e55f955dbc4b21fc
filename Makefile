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

BENCH_ORG ?= /tmp/rollout-bench-org

# Bytecode is written as an installed package has it: with PYTHONDONTWRITEBYTECODE set (some
# shells and CI images set it) every process compiles every module again (0.13 s each).
BENCH_PY = env -u PYTHONDONTWRITEBYTECODE .venv/bin/python

bench:  # figures for 2,000 teams (the organization is made once, in BENCH_ORG)
	$(BENCH_PY) tests/benchmarks/bench_load.py --keep $(BENCH_ORG)
	$(BENCH_PY) tests/benchmarks/bench_check.py $(BENCH_ORG)
	$(BENCH_PY) tests/benchmarks/bench_site.py $(BENCH_ORG)
	$(BENCH_PY) tests/benchmarks/bench_packs.py
