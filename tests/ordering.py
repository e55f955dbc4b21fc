"""Order the test run so that the xdist workers are busy until the end and finish together.

``--dist worksteal`` first hands each of the ``n`` workers one contiguous share of the
collected items (the first ``len // n`` to the first worker, and so on), and a worker that runs
dry later steals the *last* half of another worker's queue. So the order is made here as ``n``
lanes of exactly those sizes:

1. the modules that cost the most (``tests/costs.json``: CPU seconds per module, measured with
   ``ROLLOUT_RECORD_COSTS``, see below) are dealt to the lanes longest first, each to the lane
   with the least work so far (the "longest processing time first" rule, Graham 1969);
2. each lane starts with its heavy modules, longest first, and is topped up to its size with the
   other modules in collection order.

The lanes' tails are light modules: what is stolen at the end is short, and no long module
starts last. Items of one module stay together (module fixtures are made once per lane). A
module not in the file counts as light; a stale file only costs speed, never a result. Without
xdist (``-n 0``) the collection order is kept.

Record the costs again after adding a heavy module (one process, every test)::

    ROLLOUT_RECORD_COSTS=tests/costs.json .venv/bin/python -m pytest -n 0
"""

from __future__ import annotations

import json
import os
import resource
from collections.abc import Iterator
from pathlib import Path

import pytest

COSTS = Path(__file__).with_name("costs.json")
HEAVY_SECONDS = 2.0  # a module above this much CPU is dealt to a lane on its own (measured costs)
# Session fixtures made once per run behind a lock (tests/conftest.py: shared): the modules that
# use one go to the same lane, or the other worker would wait, idle, while the first makes it.
SHARED_HEAVY = ("demo_packs",)


def _module(item: pytest.Item) -> str:
    return item.nodeid.split("::", 1)[0]


def lanes(items: list[pytest.Item], workers: int, costs: dict[str, float]) -> list[pytest.Item]:
    """The items in lane order (see the module docstring); ``costs`` are CPU seconds per module path."""
    modules: dict[str, list[pytest.Item]] = {}
    for item in items:
        modules.setdefault(_module(item), []).append(item)
    # groups of modules dealt together: one per module, or one per shared heavy fixture
    groups: dict[str, list[str]] = {}
    for module, its in modules.items():
        fixtures = {name for item in its for name in getattr(item, "fixturenames", ())}
        key = next((f"fixture {name}" for name in SHARED_HEAVY if name in fixtures), module)
        groups.setdefault(key, []).append(module)
    cost = {key: sum(costs.get(m, 0.0) for m in members) for key, members in groups.items()}
    heavy = sorted((key for key in groups if cost[key] >= HEAVY_SECONDS), key=lambda key: (-cost[key], key))
    load = [0.0] * workers
    dealt: list[list[str]] = [[] for _ in range(workers)]
    for key in heavy:
        lane = min(range(workers), key=lambda i: (load[i], i))
        dealt[lane] += sorted(groups[key], key=lambda m: (-costs.get(m, 0.0), m))
        load[lane] += cost[key]
    placed = {m for members in dealt for m in members}
    light = [item for module, its in modules.items() if module not in placed for item in its]
    ordered: list[pytest.Item] = []
    remaining = len(items)
    for lane in range(workers):
        size = remaining // (workers - lane)  # what worksteal sends this lane's worker first
        lane_items = [item for module in dealt[lane] for item in modules[module]]
        take = max(0, size - len(lane_items))
        lane_items += light[:take]
        del light[:take]
        ordered += lane_items
        remaining -= len(lane_items)
    return ordered + light


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    workers = int(getattr(config, "workerinput", {}).get("workercount", 1))
    if workers < 2 or not COSTS.is_file():
        return
    costs = {str(k): float(v) for k, v in json.loads(COSTS.read_text(encoding="utf-8")).items()}
    items[:] = lanes(items, workers, costs)


# --- recording the costs (opt-in) ------------------------------------------------------------

_spent: dict[str, float] = {}


def _cpu_seconds() -> float:
    """CPU of this process and of its children that have ended (renderers, browsers, subprocesses)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    if not os.environ.get("ROLLOUT_RECORD_COSTS"):
        yield
        return
    started = _cpu_seconds()
    yield  # set-up, call and tear-down, module fixtures included
    _spent[_module(item)] = _spent.get(_module(item), 0.0) + _cpu_seconds() - started


def pytest_sessionfinish(session: pytest.Session) -> None:
    target = os.environ.get("ROLLOUT_RECORD_COSTS")
    if target and _spent and not hasattr(session.config, "workerinput"):
        kept = {m: round(s, 1) for m, s in sorted(_spent.items()) if s >= 0.5}
        Path(target).write_text(json.dumps(kept, indent=1) + "\n", encoding="utf-8")
