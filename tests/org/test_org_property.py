"""A property (issue 15): after any sequence of organization commands the workspace validates.

Every command either succeeds (exit 0) or refuses (exit 2) with a message and no
traceback, leaving every file as it was; either way the workspace still loads.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import tempfile
import textwrap
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from rollout.cli import main
from rollout.workspace import load
from tests.conftest import MINI
from tests.org.conftest import JANUARY, JANUARY_HEADER, write_csv

PEOPLE = ["ana", "ben", "maya-chen", "tom-ruiz", "ana-lima", "cy", "ghost"]
UNITS = ["mini", "sales", "customer-success", "field-sales", "onboarding", "team-x", "nowhere"]
NAMES = ["Cy", "Customer Success", "Field Sales", "Onboarding", "Team X", "Sales", "Ana Lima"]
DAYS = ["2027-01-15", "2027-04-01", "2027-05-01", "2027-07-01"]

person = st.sampled_from(PEOPLE)
unit = st.sampled_from(UNITS)
name = st.sampled_from(NAMES)
day = st.sampled_from(DAYS)

command = st.one_of(
    st.tuples(st.just("people"), st.just("add"), name, st.just("--unit"), unit),
    st.tuples(st.just("people"), st.just("add"), name, st.just("--manager"), person),
    st.tuples(st.just("people"), st.just("rename"), person, name),
    st.tuples(st.just("people"), st.just("leave"), person, st.just("--on"), day),
    st.tuples(st.just("people"), st.just("leave"), person, st.just("--hand-over-to"), person),
    st.tuples(st.just("people"), st.just("remove"), person),
    st.tuples(st.just("units"), st.just("add"), name, st.just("--parent"), unit),
    st.tuples(st.just("units"), st.just("rename"), unit, name),
    st.tuples(st.just("units"), st.just("move"), unit, st.just("--to"), unit, st.just("--on"), day),
    st.tuples(st.just("units"), st.just("archive"), unit, st.just("--on"), day),
    st.tuples(st.just("units"), st.just("remove"), unit),
    st.tuples(
        st.just("org"),
        st.just("import"),
        st.just("EXPORT"),
        st.sampled_from(["--mark-left", "--dry-run", "--on=2027-04-01"]),
    ),
    st.tuples(
        st.just("phases"),
        st.just("add"),
        st.just("--id=p1"),
        st.just("--name=P"),
        st.just("--strategy=broad"),
        st.just("--unit"),
        unit,
    ),
)


def _workspace(base: Path) -> Path:
    root = base / "ws"
    for file, text in MINI.items():
        path = root / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


def _files(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): p.read_text() for p in sorted(root.rglob("*.yaml"))}


def _run(args: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(args)
        except SystemExit as exc:
            return int(exc.code or 0), err.getvalue()
    return 0, err.getvalue()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(command, min_size=1, max_size=8))
def test_any_sequence_of_commands_leaves_a_valid_workspace(commands: list[tuple[str, ...]]) -> None:
    base = Path(tempfile.mkdtemp(prefix="rollout-org-"))
    try:
        root = _workspace(base)
        export = write_csv(base / "people.csv", JANUARY_HEADER, JANUARY)
        for cmd in commands:
            args = [str(export) if part == "EXPORT" else part for part in cmd]
            before = _files(root)
            code, err = _run([*args, "-w", str(root)])
            assert "Traceback" not in err
            assert code in (0, 2), (args, err)
            event(f"{cmd[0]} {cmd[1]}: {'ok' if code == 0 else 'refused'}")
            if code != 0:
                assert err.startswith("error:") or "problem" in err, (args, err)
                assert _files(root) == before, args
            load(root, use_cache=False)  # still a valid workspace
    finally:
        shutil.rmtree(base, ignore_errors=True)
