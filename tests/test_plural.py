"""One pluralising helper for every user-facing count (issue 18: "1 errors", "1 orphan objectives")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rollout.plural import noun, plural

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("count", "singular", "expected"),
    [
        (1, "error", "1 error"),
        (0, "error", "0 errors"),
        (2, "key result", "2 key results"),
        (1, "orphan objective", "1 orphan objective"),
        (3, "check-in", "3 check-ins"),
        (2, "person", "2 people"),
        (2, "priority", "2 priorities"),
        (2, "day", "2 days"),
        (2, "pass", "2 passes"),
        (1.0, "point", "1 point"),
        (2.5, "point", "2.5 points"),
    ],
)
def test_plural(count: float, singular: str, expected: str) -> None:
    assert plural(count, singular) == expected


def test_noun_with_an_explicit_plural() -> None:
    assert noun(1, "is", "are") == "is"
    assert noun(2, "fits", "fit") == "fit"


# Hand-made plurals: "{n} error{'s' if n != 1 else ''}", "finding(s)", "{{ 's' if n != 1 }}".
_HAND_MADE = re.compile(r"""['"]s['"] if |[a-z]\(s\)(?=[\s.:;!?'"])|'' if [^%}]*== ?1 else 's'""")


def test_no_hand_made_plurals_are_left() -> None:
    offenders = []
    for folder, pattern in (("rollout", "*.py"), ("templates", "*.html")):
        for path in sorted((ROOT / folder).rglob(pattern)):
            if path.name == "plural.py":
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if _HAND_MADE.search(line):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "use rollout.plural (or the `plural` filter):\n" + "\n".join(offenders)
