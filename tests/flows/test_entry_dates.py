"""Issue 12 class 4 (fe20 finding 4): a check-in or review dated after as-of (or after today), or
outside its cycle, is refused at every door, naming file, row and field; nothing is written.

One rule (:mod:`rollout.flows.entry_dates`) for ``checkin --value/--date``, ``checkin --csv``,
``collect`` (and so ``serve --collect``), ``review --date`` and ``review --answers``.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from rollout.workspace import load
from tests.flows.conftest import call
from tests.metrics.builders import write_workspace

AS_OF = "2027-02-15"


def _workspace(tmp_path: Path, **kwargs: object) -> Path:
    root = write_workspace(tmp_path / "ws", objectives=[[{}]], **kwargs)  # type: ignore[arg-type]
    return root


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".rollout" not in p.parts
    }


def _add_q2(root: Path) -> None:
    path = root / "cycles.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "- id: 2027-Q2\n  start: 2027-04-01\n  end: 2027-06-30\n  status: planned\n  review_cadence: none\n",
        encoding="utf-8",
    )


def test_checkin_value_after_as_of_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _workspace(tmp_path)
    before = _files(root)
    code, _out, err = call(["checkin", "co", "-w", str(root), "--value", "o1-kr1=5", "--date", "2027-02-20"], capsys)
    assert code == 2 and "Traceback" not in err
    assert "check-in date 2027-02-20 is after as-of (2027-02-15)" in err
    assert "--date" in err and "on or before 2027-02-15" in err
    assert _files(root) == before


def test_checkin_csv_row_after_as_of_names_file_row_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _workspace(tmp_path)
    before = _files(root)
    sheet = tmp_path / "future.csv"
    sheet.write_text("KR id,New value,Confidence,Note,Date\no1-kr1,5,6,,2027-02-10\no1-kr1,6,6,,2027-03-01\n")
    code, _out, err = call(["checkin", "-w", str(root), "--csv", str(sheet)], capsys)
    assert code == 2
    assert "future.csv:3:5: Date: check-in date 2027-03-01 is after as-of (2027-02-15)" in err
    assert "future.csv:2:" not in err  # the row in the past is fine; the file is refused whole
    assert _files(root) == before


def test_collect_refuses_a_check_in_after_as_of(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _workspace(tmp_path)
    before = _files(root)
    form = tmp_path / "checkin-co-2027-03-01.csv"
    form.write_text(
        "unit,cycle,kr,key_result,value,confidence,note,date,author\r\n"
        "co,2027-Q1,o1-kr1,Move measure,5,6,,2027-03-01,ana\r\n"
    )
    code, out, err = call(["collect", str(form), "-w", str(root)], capsys)
    assert code == 1
    assert "checkin-co-2027-03-01.csv:2:8: date: check-in date 2027-03-01 is after as-of (2027-02-15)" in out + err
    assert _files(root) == before


def test_serve_collect_door_refuses_it_too(tmp_path: Path) -> None:
    """`rollout serve --collect` hands the posted bytes to collect_bytes: the same rule."""
    from rollout.forms.collect import Session, collect_bytes

    root = _workspace(tmp_path)
    before = _files(root)
    data = b"unit,cycle,kr,key_result,value,confidence,note,date,author\r\nco,2027-Q1,o1-kr1,M,5,6,,2027-02-16,ana\r\n"
    outcome = collect_bytes(Session(load(root)), "checkin-co.csv", data)
    assert outcome.result == "refused"
    assert any("2027-02-16 is after as-of (2027-02-15)" in p for p in outcome.problems)
    assert _files(root) == before


def test_review_answers_after_as_of_names_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _workspace(tmp_path)
    before = _files(root)
    answers = tmp_path / "r.yaml"
    answers.write_text("notes: Monthly review\ndate: 2027-02-20\n")
    code, _out, err = call(["review", "co", "-w", str(root), "--answers", str(answers)], capsys)
    assert code == 2
    assert f"{answers}:2:1: date: 2027-02-20 is after as-of (2027-02-15)" in err
    assert _files(root) == before


def test_review_date_option_after_as_of(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _workspace(tmp_path)
    before = _files(root)
    answers = tmp_path / "r.yaml"
    answers.write_text("notes: Monthly review\n")
    code, _out, err = call(["review", "co", "-w", str(root), "--answers", str(answers), "--date", "2027-02-16"], capsys)
    assert code == 2 and "review date 2027-02-16 is after as-of (2027-02-15)" in err
    assert _files(root) == before
    code, _out, err = call(["review", "co", "-w", str(root), "--answers", str(answers), "--date", AS_OF], capsys)
    assert code == 0, err  # as-of itself is fine


def test_a_date_in_another_cycle_names_that_cycle(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _workspace(tmp_path, as_of="2027-04-10")
    _add_q2(root)
    before = _files(root)
    code, _out, err = call(
        ["checkin", "co", "-w", str(root), "--cycle", "2027-Q1", "--value", "o1-kr1=5", "--date", "2027-04-02"],
        capsys,
    )
    assert code == 2
    assert "2027-04-02 is outside cycle 2027-Q1 (it ended on 2027-03-31)" in err
    assert "falls in cycle 2027-Q2" in err and "--cycle 2027-Q2" in err
    assert _files(root) == before


def test_without_as_of_the_limit_is_today(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    today = date.today()
    cycle = ("C1", (today - timedelta(days=30)).isoformat(), (today + timedelta(days=30)).isoformat(), "running")
    root = _workspace(tmp_path, cycle=cycle)
    text = (root / "rollout.yaml").read_text(encoding="utf-8")
    (root / "rollout.yaml").write_text("\n".join(ln for ln in text.splitlines() if not ln.startswith("as_of")) + "\n")
    before = _files(root)
    tomorrow = (today + timedelta(days=1)).isoformat()
    code, _out, err = call(["checkin", "co", "-w", str(root), "--value", "o1-kr1=5", "--date", tomorrow], capsys)
    assert code == 2 and f"is after today ({today})" in err and "as_of" not in err
    assert _files(root) == before
    code, _out, err = call(["checkin", "co", "-w", str(root), "--value", "o1-kr1=5"], capsys)
    assert code == 0, err


def test_as_of_itself_and_the_cycle_end_are_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _workspace(tmp_path, as_of="2027-04-10")
    code, _out, err = call(
        ["checkin", "co", "-w", str(root), "--value", "o1-kr1=5", "--date", "2027-03-31", "--cycle", "2027-Q1"], capsys
    )
    assert code == 0, err
    assert load(root).checkins["o1-kr1"][-1].date == date(2027, 3, 31)


def test_the_review_prompt_refuses_a_date_after_as_of(tmp_path: Path) -> None:
    """At the terminal the date is refused where it is typed, not after every other answer."""
    from rollout.flows import review as flow
    from tests.builders import two_quarters
    from tests.flows.conftest import ENTER, ESC_ENTER, piped

    root = two_quarters().write(tmp_path / "ws")
    ws = load(root)
    erase = "\x7f" * 12
    keys = [
        erase + "2026-12-20" + ENTER,  # after as-of: refused at the prompt, which asks again
        erase + "2026-11-20" + ENTER,
        ENTER,  # attendees: the owner
        "Hiring ahead of plan." + ESC_ENTER,
        ENTER,  # no risks
        ENTER,  # no decisions
    ]
    with piped(*keys):
        record = flow.interactive_review(ws, "hr", "2026-Q4", ws.today)
    assert record["date"] == date(2026, 11, 20)


def test_a_check_in_dated_in_a_closed_cycle_is_not_sent_there(tmp_path: Path) -> None:
    """fe24 F11: the hint said "or choose cycle 2027-Q1 (--cycle 2027-Q1)", a closed cycle that
    takes no check-in."""
    from rollout.flows.entry_dates import date_problem
    from tests.builders import Org, kr

    org = Org("Hint Co", as_of=date(2027, 4, 20))
    org.unit("co", "company", owner="ceo", name="Hint Co")
    org.cycle("2027-Q1", date(2027, 1, 1), date(2027, 3, 31), "closed", closed_on=date(2027, 3, 31))
    org.cycle("2027-Q2", date(2027, 4, 1), date(2027, 6, 30), "running")
    org.objective("2027-Q2", "co", "co-grow", krs=[kr("co-grow-kr1")])
    ws = load(org.write(tmp_path / "ws"))
    problem = date_problem(ws, date(2027, 3, 15), ws.cycles["2027-Q2"], "check-in", option="--date")
    assert problem is not None
    assert "2027-03-15 falls in cycle 2027-Q1, which is closed" in problem.bare
    assert "--cycle 2027-Q1" not in problem.hint and "change --date to a day within 2027-Q2" in problem.hint
