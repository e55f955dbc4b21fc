"""The near-duplicate rule (OKR305) finds exactly the pairs an all-pairs comparison finds (issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rollout.rules.alignment import similar_pairs


def _all_pairs(sets: list[frozenset[str]], threshold: float) -> list[tuple[int, int]]:
    out = []
    for i, a in enumerate(sets):
        for j in range(i + 1, len(sets)):
            b = sets[j]
            small, large = sorted((len(a), len(b)))
            if small / large >= threshold and len(a & b) / len(a | b) >= threshold:
                out.append((i, j))
    return out


WORDS = st.sampled_from([f"w{n}" for n in range(12)])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.frozensets(WORDS, min_size=1, max_size=8), max_size=40, unique=True),
    st.sampled_from([0.1, 0.3, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.99]),
)
def test_same_pairs_as_all_pairs(sets: list[frozenset[str]], threshold: float) -> None:
    assert similar_pairs(sets, threshold) == _all_pairs(sets, threshold)


def test_boundaries_where_rounding_matters() -> None:
    # 4 of 5 words shared: Jaccard 4/6; 5 of 5 and 5 of 6: 5/6 (0.8333…); exactly 0.8: 4/5.
    a = frozenset("abcde")
    sets = [a, a | {"f"}, frozenset("abcd"), frozenset("abcdx"), frozenset("vwxyz")]
    for threshold in (0.8, 0.6666666666666666, 0.8333333333333334):
        assert similar_pairs(sets, threshold) == _all_pairs(sets, threshold)


def _findings(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rollout.rules import alignment, check_workspace
    from rollout.workspace import load

    ws = load(root)
    fast = [(f.code, f.file, f.line, f.message) for f in check_workspace(ws)]
    with monkeypatch.context() as patch:
        patch.setattr(alignment, "similar_pairs", _all_pairs)
        slow = [(f.code, f.file, f.line, f.message) for f in check_workspace(ws)]
    assert fast == slow


def test_identical_findings_on_the_demo(demo_source: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _findings(demo_source, monkeypatch)


def test_identical_findings_on_many_similar_objectives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
    try:
        from bench_check_objectives import generate
    finally:
        sys.path.pop(0)
    generate(tmp_path / "org", 800)
    _findings(tmp_path / "org", monkeypatch)
