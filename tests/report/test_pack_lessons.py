"""The cycle pack's "Lessons learned" lists every unit's lessons, as the site's cycle page does.

fx12c's note (same class as fe21 #3): the pack listed only the company's and the departments'
lessons while the cycle page listed the teams' too, and both packs cut the list at 24 without a
word. Now the pack groups them like the decisions (company, then each department and its teams)
and says how many more there are.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.clirun import run_cli
from tests.fe21_workspaces import FILES, write

CLOSE = """\
default_decision: carried_over
lessons:
  field: [Field lesson one.]
  odland-apfel-gmbh: [Company lesson one.]
  recruiting: [Recruiting lesson one.]
  sales: [Sales lesson one.]
"""


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&amp;", "&").replace("&#39;", "'")


def _closed(tmp_path: Path, answers_text: str) -> Path:
    rollout_yaml = FILES["w1"]["rollout.yaml"].replace("as_of: 2027-02-15", "as_of: 2027-03-31")
    root = write("w1", tmp_path / "w1", **{"rollout.yaml": rollout_yaml})
    answers = root.parent / "close.yaml"
    answers.write_text(answers_text, encoding="utf-8")
    ran = run_cli("close", "2027-Q1", "--answers", answers, cwd=root)
    assert ran.returncode == 0, ran.stderr
    return root


def _pack(root: Path) -> str:
    from rollout.report.packs.html import pack_html
    from rollout.report.packs.plan import plan_packs
    from rollout.report.packs.sections import Sources
    from rollout.report.viewmodel import build_view
    from rollout.workspace import load

    ws = load(root)
    (spec,) = [s for s in plan_packs(ws) if s.id == "cycle-2027-Q1"]
    return _text(pack_html(Sources(ws, build_view(ws)), spec))


@pytest.fixture
def closed(tmp_path: Path) -> Path:
    return _closed(tmp_path, CLOSE)


def test_every_units_lessons_grouped_like_the_decisions(closed: Path) -> None:
    pack = _pack(closed)
    section = pack[pack.index("Lessons learned") : pack.index("Decisions on objectives")]
    found = re.findall(r"(\w+) lesson one\.", section)
    assert found == ["Company", "Sales", "Field", "Recruiting"], section


def test_a_long_list_says_how_many_more(tmp_path: Path) -> None:
    many = "\n".join(f"    - Lesson {n:02d}." for n in range(1, 31))
    root = _closed(tmp_path, f"default_decision: carried_over\nlessons:\n  sales:\n{many}\n")
    pack = _pack(root)
    assert "Lesson 24." in pack and "Lesson 25." not in pack
    assert "…and 6 more lessons; each unit's page on the site lists its own." in pack
