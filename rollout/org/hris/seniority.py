"""Who is senior to whom in an export: the manager chain.

A unit's computed owner is its most senior member: fewest managers above them within
the export (:func:`depths`), ties broken by most people reporting to them directly or
not (:func:`report_counts`), then by file order. A loop of managers is an error
(:func:`manager_loops`), reported on the row of its first person.
"""

from __future__ import annotations

from collections import defaultdict


def manager_loops(manager_of: dict[str, str | None]) -> list[list[str]]:
    """Each loop of managers once (a → b → … → a), starting at its first person in export order."""
    loops: list[list[str]] = []
    done: set[str] = set()
    for start in manager_of:
        path: list[str] = []
        node: str | None = start
        while node is not None and node in manager_of and node not in done and node not in path:
            path.append(node)
            node = manager_of[node]
        if node is not None and node in path:
            loop = path[path.index(node) :]
            first = min(loop, key=list(manager_of).index)
            loops.append(loop[loop.index(first) :] + loop[: loop.index(first)])
        done.update(path)
    return loops


def depths(manager_of: dict[str, str | None]) -> dict[str, int]:
    """Managers above each person within the export (a loop counts as the top)."""
    out: dict[str, int] = {}
    for start in manager_of:
        seen: list[str] = []
        node: str | None = start
        while node is not None and node in manager_of and node not in seen:
            seen.append(node)
            node = manager_of[node]
        out[start] = len(seen) - 1
    return out


def report_counts(manager_of: dict[str, str | None]) -> dict[str, int]:
    """People reporting to each person, directly or not."""
    out: dict[str, int] = defaultdict(int)
    for start in manager_of:
        seen: set[str] = {start}
        node = manager_of[start]
        while node is not None and node not in seen:
            out[node] += 1
            seen.add(node)
            node = manager_of.get(node)
    return out
