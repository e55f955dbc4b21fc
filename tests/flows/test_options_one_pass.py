"""Mistakes in command-line options are reported together and in lower case, with "did you mean"."""

from __future__ import annotations

from pathlib import Path

from tests.clirun import run_cli


def test_checkin_options_list_every_mistake_in_one_run(demo_copy: Path) -> None:
    before = (demo_copy / "checkins" / "2026-Q4" / "hr.yaml").read_bytes()
    ran = run_cli(
        "checkin", "hr", "-w", demo_copy,
        "--value", "hr-hire-frontline-kr9=5",
        "--value", "hr-hire-frontline-kr1=abc",
        "--confidence", "hr-hire-frontline-kr2=11",
        "--author", "Tomasz Wrona",
    )  # fmt: skip
    assert ran.returncode == 2
    assert "error: 4 problems in the options; nothing was changed" in ran.stderr
    assert "unknown person 'Tomasz Wrona' (--author); did you mean 'tomasz-wrona' (Tomasz Wrona)?" in ran.stderr
    assert "--value: no key result 'hr-hire-frontline-kr9' here" in ran.stderr
    assert "--value hr-hire-frontline-kr1: 'abc' is not a number" in ran.stderr
    assert "--confidence hr-hire-frontline-kr2: '11' is not a confidence" in ran.stderr
    assert (demo_copy / "checkins" / "2026-Q4" / "hr.yaml").read_bytes() == before


def test_a_key_result_one_letter_off_gets_did_you_mean(demo_copy: Path) -> None:
    ran = run_cli("checkin", "hr", "-w", demo_copy, "--value", "hr-hire-frontline-k1=5")
    assert ran.returncode == 2
    assert "did you mean 'hr-hire-frontline-kr1'" in ran.stderr


def test_click_mistakes_say_error_in_lower_case(demo_copy: Path) -> None:
    ran = run_cli("status", "-w", demo_copy, "--nosuch")
    assert ran.returncode == 2
    assert "error: No such option '--nosuch'" in ran.stderr and "Error:" not in ran.stderr
    assert "Try 'rollout status -h' for help." in ran.stderr


def test_one_message_for_a_date_that_is_no_day_of_the_calendar(demo_copy: Path, tmp_path: Path) -> None:
    """Sheets, answers files and workspace files say the same of ``2026-11-31``."""
    from rollout.tabular.numbers import NumberError, parse_date

    for text in ("2026-11-31", "31.11.2026"):
        try:
            parse_date(text)
        except NumberError as exc:
            assert str(exc) == f"{text!r} is not a day of the calendar"
        else:
            raise AssertionError(text)
    sheet = tmp_path / "checkins.csv"
    sheet.write_text("KR id,New value,Confidence,Date\nhr-hire-frontline-kr2,5,7,2026-11-31\n", encoding="utf-8")
    ran = run_cli("checkin", "--csv", sheet, "-w", demo_copy)
    assert ran.returncode == 2 and "Date: '2026-11-31' is not a day of the calendar" in ran.stderr


def test_next_names_the_option_not_the_place_in_cycles_yaml(demo_copy: Path, tmp_path: Path) -> None:
    close = tmp_path / "c3.yaml"
    close.write_text("default_decision: carried_over\n", encoding="utf-8")
    assert run_cli("close", "2026-Q4", "-w", demo_copy, "--answers", close).returncode == 0
    before = (demo_copy / "cycles.yaml").read_bytes()
    ran = run_cli("next", "2026-Q4", "-w", demo_copy, "--id", "2027 Q1")
    assert ran.returncode == 2
    assert "error: --id: '2027 Q1' is not a valid cycle id" in ran.stderr
    assert "cycles[" not in ran.stderr and "refusing to write" not in ran.stderr
    ran = run_cli("next", "2026-Q4", "-w", demo_copy, "--name", "x" * 200)
    assert "error: --name: too long: 200 characters, at most 120" in ran.stderr
    answers = tmp_path / "n6.yaml"
    answers.write_text(f"name: {'x' * 200}\nid: 2027 Q1\n", encoding="utf-8")
    ran = run_cli("next", "2026-Q4", "-w", demo_copy, "--answers", answers)
    assert f"{answers}:1:1: name: too long: 200 characters, at most 120" in ran.stderr
    assert f"{answers}:2:1: id: '2027 Q1' is not a valid cycle id" in ran.stderr
    assert (demo_copy / "cycles.yaml").read_bytes() == before
