"""Weekly check-ins: parsing, flags, CSV, appending only new lines, prompts, and no-TTY."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from rollout.errors import UsageError
from rollout.flows import checkin as flow
from rollout.flows.checkin_prompt import interactive_checkin
from rollout.workspace import load
from tests.builders import kr, two_quarters
from tests.conftest import copy_demo
from tests.flows.conftest import CTRL_C, ENTER, call, piped

HR = "checkins/2026-Q4/hr.yaml"


@pytest.fixture
def ws_root(tmp_path: Path) -> Path:
    """A department (hr, owner hr-lead) with four key results in the running quarter, each checked in twice."""
    org = two_quarters()
    org.objective(
        "2026-Q4",
        "hr",
        "hr-first-months",
        parent="co-careers",
        krs=[
            kr("hr-first-months-kr1", baseline=30, target=15, direction="decrease"),
            kr("hr-first-months-kr2", baseline=2, target=4),
        ],
    )
    for name, values in {
        "hr-hire-faster-kr1": [29, 27],
        "hr-hire-faster-kr2": [4, 9],
        "hr-first-months-kr1": [28, 25],
        "hr-first-months-kr2": [2.4, 2.9],
    }.items():
        org.weekly("2026-Q4", "hr", name, date(2026, 11, 9), values, confidence=6, author="hr-lead")
    return org.write(tmp_path / "ws")


def items(root: Path, unit: str = "hr") -> list[flow.CheckinItem]:
    ws = load(root)
    return flow.plan_checkin(ws, unit, flow.target_cycle(ws))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8", 8),
        ("0", 0),
        ("10", 10),
        ("on track", "on_track"),
        ("on-track", "on_track"),
        ("Risk", "at_risk"),
        ("off", "off_track"),
        ("", None),
    ],
)
def test_parse_confidence(text: str, expected: object) -> None:
    assert flow.parse_confidence(text) == expected


@pytest.mark.parametrize("text", ["11", "-1", "7.5", "maybe"])
def test_parse_confidence_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        flow.parse_confidence(text)


def test_find_item_by_id_tail_and_position(ws_root: Path) -> None:
    found = items(ws_root)
    assert flow.find_item(found, "hr-first-months-kr2").kr.id == "hr-first-months-kr2"
    assert flow.find_item(found, "first-months-kr2").kr.id == "hr-first-months-kr2"
    assert flow.find_item(found, "1").kr.id == found[0].kr.id
    with pytest.raises(UsageError, match="several"):
        flow.find_item(found, "kr1")
    with pytest.raises(UsageError, match="no key result"):
        flow.find_item(found, "nope")


def test_flags_append_only_new_lines(ws_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (ws_root / HR).read_text()
    code, out, err = call(
        [
            "checkin", "hr", "-w", str(ws_root),
            "--value", "hr-hire-faster-kr1=24.5", "--confidence", "hr-hire-faster-kr1=on track",
            "--note", "hr-hire-faster-kr1=Two hires started",
            "--value", "first-months-kr2=3",
        ],
        capsys,
    )  # fmt: skip
    assert code == 0, err
    assert "Saved 2 check-ins" in out
    after = (ws_root / HR).read_text()
    assert after.startswith(before)
    added = after[len(before) :]
    assert "value: 24.5" in added and "confidence: on_track" in added and "note: Two hires started" in added
    ws = load(ws_root)
    latest = ws.latest_checkin("hr-hire-faster-kr1")
    assert latest is not None and latest.value == 24.5 and latest.date == date(2026, 11, 24)
    assert latest.author == "hr-lead"  # the key result's owner


def test_bad_flag_changes_nothing(ws_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (ws_root / HR).read_text()
    code, _out, err = call(["checkin", "hr", "-w", str(ws_root), "--value", "hr-first-months-kr1=lots"], capsys)
    assert code == 2 and "'lots' is not a number" in err and "Traceback" not in err
    code, _out, err = call(
        ["checkin", "hr", "-w", str(ws_root), "--value", "hr-first-months-kr1=3", "--date", "2027-05-01"], capsys
    )
    assert code == 2 and "outside cycle 2026-Q4" in err
    assert (ws_root / HR).read_text() == before


def test_csv(ws_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "values.csv"
    good.write_text("kr;value;confidence;note\nhr-first-months-kr1;22,5;at risk;slow\nhr-first-months-kr2;3.1;;\n")
    code, _out, err = call(["checkin", "hr", "-w", str(ws_root), "--csv", str(good)], capsys)
    assert code == 0, err
    ws = load(ws_root)
    latest = ws.latest_checkin("hr-first-months-kr1")
    assert latest is not None and (latest.value, latest.confidence, latest.note) == (22.5, "at_risk", "slow")
    bad = tmp_path / "bad.csv"
    bad.write_text("kr,value\nhr-first-months-kr1,1\nsales-nope,2\n")
    before = (ws_root / HR).read_text()
    code, _out, err = call(["checkin", "hr", "-w", str(ws_root), "--csv", str(bad)], capsys)
    assert code == 2 and "bad.csv:3:1: kr: no key result 'sales-nope' here; key results of this unit: hr-" in err
    assert (ws_root / HR).read_text() == before


def test_interactive_enter_keeps_last_value(ws_root: Path) -> None:
    found = items(ws_root)
    first, second = found[0], found[1]
    assert first.last is not None and second.last is not None
    keys = [
        "24" + ENTER, "\x7f" * 10 + "on track" + ENTER, "Better onboarding" + ENTER,  # value, confidence, note
        ENTER, ENTER, ENTER,  # keep the last value and confidence, no note
    ]  # fmt: skip
    keys += [ENTER, ENTER, ENTER] * (len(found) - 2)
    keys += ["y"]
    with piped(*keys):
        records = interactive_checkin(found, day=date(2026, 11, 24), author=None, unit_name="People & HR")
    assert len(records) == len(found)
    assert (
        records[0]["value"] == 24
        and records[0]["confidence"] == "on_track"
        and records[0]["note"] == "Better onboarding"
    )
    assert records[1]["value"] == second.last.value and records[1]["confidence"] == second.last.confidence
    assert "note" not in records[1]


def test_interactive_ctrl_c_saves_nothing(ws_root: Path) -> None:
    from rollout.errors import Aborted

    with piped("24" + ENTER, CTRL_C), pytest.raises(Aborted):
        interactive_checkin(items(ws_root), day=date(2026, 11, 24), author=None, unit_name="HR")


def test_no_terminal_exits_at_once(demo_source: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "rollout", "checkin", "hr", "-w", str(demo_source)],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode != 0 and "not a terminal" in result.stderr and "--value" in result.stderr


def test_checkin_does_not_import_the_renderer(demo_source: Path, tmp_path: Path) -> None:
    code = (
        "import sys; from rollout.cli import main\n"
        "try:\n main(['checkin', 'hr', '-w', sys.argv[1], '--value', 'hr-first-months-kr1=3', '--date', '2026-11-24'])\n"
        "except SystemExit: pass\n"
        "print(sorted(m for m in ('jinja2', 'markdown_it', 'weasyprint') if m in sys.modules))"
    )
    target = tmp_path / "import-check"  # demo_source is shared by every test of the run: never write next to it
    copy_demo(demo_source, target, ignore=())
    result = subprocess.run([sys.executable, "-c", code, str(target)], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip().endswith("[]"), result.stdout + result.stderr


def test_flags_say_what_was_stored_and_how_a_point_was_read(ws_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """fe24 F9: `--value …=1.250` on a key result measured in thousands stored 1.25 without a word.
    The point is a decimal point (the documented rule); the command now says how it read it,
    and lists the values stored as the site shows them."""
    code, out, err = call(
        [
            "checkin",
            "hr",
            "-w",
            str(ws_root),
            "--value",
            "hr-hire-faster-kr1=1.250",
            "--confidence",
            "hr-hire-faster-kr1=7",
        ],
        capsys,
    )
    assert code == 0, err
    assert "  hr-hire-faster-kr1: 1.25" in out
    assert (
        "note: --value hr-hire-faster-kr1: '1.250' was read as 1.25 (a decimal point); for 1,250, write 1250 or 1,250"
        in err
    )
    code, out, err = call(["checkin", "hr", "-w", str(ws_root), "--value", "hr-hire-faster-kr1=24.5"], capsys)
    assert code == 0 and "note:" not in err, err


@pytest.mark.parametrize(
    ("text", "noted"),
    [
        ("1.250", True),
        ("-2.500", True),
        ("12.5", False),
        ("1,250", False),
        ("1.250,5", False),
        ("1250.000", False),
        ("0.125", False),
    ],
)
def test_point_reading(text: str, noted: bool) -> None:
    from rollout.metrics.values import parse_number, point_reading

    assert (point_reading(text, parse_number(text)) is not None) == noted


def test_the_prompt_says_how_a_point_was_read(ws_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    found = items(ws_root)[:1]
    with piped("1.250" + ENTER, ENTER, ENTER, "y"):
        records = interactive_checkin(found, day=date(2026, 11, 24), author=None, unit_name="People & HR")
    assert records[0]["value"] == 1.25
    assert "'1.250' was read as 1.25 (a decimal point); for 1,250, write 1250 or 1,250" in capsys.readouterr().out


def test_csv_says_how_a_point_was_read(ws_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """fe25 N7: a sheet's "1.250" was stored as 1.25 without a word (flags and the form said it)."""
    comma = tmp_path / "comma.csv"  # a comma-separated file: the point is the decimal mark
    comma.write_text('kr,value\nhr-first-months-kr1,"1.250"\nhr-first-months-kr2,3.5\n', encoding="utf-8")
    code, _out, err = call(["checkin", "hr", "-w", str(ws_root), "--csv", str(comma), "--date", "2026-11-23"], capsys)
    assert code == 0, err
    assert "note: comma.csv:2:" in err and "'1.250' was read as 1.25 (a decimal point); for 1,250" in err, err
    assert err.count("note:") == 1
    semicolon = tmp_path / "semicolon.csv"  # here the point groups thousands: 1250, nothing to say
    semicolon.write_text("kr;value\nhr-first-months-kr1;1.250\n", encoding="utf-8")
    code, _out, err = call(["checkin", "hr", "-w", str(ws_root), "--csv", str(semicolon)], capsys)
    assert code == 0 and "note:" not in err, err
    latest = load(ws_root).latest_checkin("hr-first-months-kr1")
    assert latest is not None and latest.value == 1250
