"""The run's order for two workers (tests/ordering.py): heavy modules dealt to two lanes of worksteal's sizes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tests.ordering import lanes


@dataclass
class Item:
    nodeid: str
    fixturenames: list[str] = field(default_factory=list)


def _items(spec: dict[str, int], fixtures: dict[str, list[str]] | None = None) -> list[Any]:
    return [
        Item(f"{module}::t{i}", (fixtures or {}).get(module, []))
        for module, count in spec.items()
        for i in range(count)
    ]


def _modules(items: list[Any]) -> list[str]:
    seen: list[str] = []
    for item in items:
        module = item.nodeid.split("::")[0]
        if not seen or seen[-1] != module:
            seen.append(module)
    return seen


def test_heavy_modules_are_dealt_longest_first_to_the_lane_with_least_work() -> None:
    items = _items({"a.py": 2, "b.py": 2, "c.py": 2, "d.py": 6, "e.py": 8})
    ordered = lanes(items, 2, {"a.py": 5.0, "b.py": 10.0, "c.py": 6.0, "d.py": 0.3})
    first, second = ordered[:10], ordered[10:]  # worksteal sends the first 20 // 2 items to one worker
    assert sorted(i.nodeid for i in ordered) == sorted(i.nodeid for i in items)  # nothing lost or doubled
    assert _modules(first)[0] == "b.py"  # 10 s
    assert _modules(second)[:2] == ["c.py", "a.py"]  # 6 s, then 5 s to the lane that had 6 s
    assert _modules(first)[1:] == ["d.py", "e.py"] and _modules(second)[2:] == ["e.py"]  # light, in order
    assert [i.nodeid for i in ordered if i.nodeid.startswith("e.py")] == [f"e.py::t{i}" for i in range(8)]


def test_modules_sharing_the_demo_packs_share_a_lane() -> None:
    items = _items(
        {"packs.py": 3, "incremental.py": 2, "other.py": 4, "light.py": 9},
        {
            "packs.py": ["demo_packs"],
            "incremental.py": ["demo_packs"],
        },
    )
    ordered = lanes(items, 2, {"packs.py": 12.0, "incremental.py": 4.0, "other.py": 9.0})
    assert _modules(ordered[:9])[:2] == ["packs.py", "incremental.py"]
    assert _modules(ordered[9:])[0] == "other.py"


def test_without_heavy_modules_the_collection_order_is_kept() -> None:
    items = _items({"a.py": 3, "b.py": 2})
    assert lanes(items, 2, {}) == items  # nothing heavy: the collection order
