"""Every command against broken workspaces, broken inputs and a hostile machine: a message, never a traceback.

The harness is a list of cases; add yours. A *workspace* case breaks the small
workspace (``tests/conftest.py``: MINI) and runs every command of
:data:`COMMANDS` on it. An *input* case runs one command with a broken input file.
A *fault* case runs one writing command while the machine refuses writes (no
permission, a read-only file system, a full disk). Each run must end with an exit
code and a message (``rollout`` fixture: an exception fails the test), and a run
that fails must leave every workspace file as it was.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import WorkspaceFactory
from tests.safety.conftest import Run

# Every command, as run without a terminal, on the workspace "{ws}".
COMMANDS: list[list[str]] = [
    ["validate", "{ws}"],
    ["check", "{ws}"],
    ["status", "{ws}"],
    ["export", "-w", "{ws}"],
    ["checkin", "sales", "-w", "{ws}", "--value", "sales-pipeline-kr1=2.4", "--date", "2027-01-25"],
    ["review", "sales", "-w", "{ws}", "--answers", "{review}"],
    ["close", "2027-Q1", "-w", "{ws}", "--answers", "{close}"],
    ["next", "2027-Q1", "-w", "{ws}"],
    ["draft", "-w", "{ws}", "--answers", "{draft}"],
    ["ask", "readiness", "-r", "ana", "-w", "{ws}", "--defaults"],
    ["readiness", "report", "{ws}"],
    ["questionnaires", "{ws}"],
    ["build", "{ws}", "--site"],
]


def _write(path: str, text: str | bytes) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8")

    return setup


def _folder_instead_of(path: str) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        (root / path).unlink()
        (root / path).mkdir()

    return setup


def _link_outside(path: str) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        outside = root.parent / "outside.yaml"
        outside.write_text((root / path).read_text())
        (root / path).unlink()
        (root / path).symlink_to(outside)

    return setup


def _link_folder_outside(path: str) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        outside = root.parent / "outside-folder"
        (root / path).rename(outside)
        (root / path).symlink_to(outside, target_is_directory=True)

    return setup


UNITS_LONG_NAME = (
    "units:\n  - {id: mini, name: Mini Co, kind: company, owner: ana}\n"
    "  - {id: sales, name: " + "S" * 2000 + ", kind: department, parent: mini, owner: ben}\n"
)

# name → what breaks the workspace
WORKSPACES: dict[str, Callable[[Path], None]] = {
    "empty root file": _write("rollout.yaml", ""),
    "root file is a list": _write("rollout.yaml", "- version\n- 1\n"),
    "binary people": _write("people.yaml", b"\x00\xff\xfe garbage \x80"),
    "utf-16 units": _write("units.yaml", "units: []\n".encode("utf-16")),
    "50,000-deep okrs": _write("okrs/2027-Q1/sales.yaml", "objectives: " + "[" * 50_000 + "]" * 50_000),
    "duplicate keys": _write("cycles.yaml", "cycles: []\ncycles: []\n"),
    "alias bomb": _write("people.yaml", "a: &a [x, x]\nb: &b [*a, *a]\npeople: *b\n"),
    "unit name of 2,000 characters": _write("units.yaml", UNITS_LONG_NAME),
    "check-ins are a list": _write("checkins/2027-Q1/sales.yaml", "- kr: sales-pipeline-kr1\n"),
    "control characters": _write("people.yaml", 'people:\n  - {id: ana, name: "Ana \\e[2J\\e]0;pwned\\a"}\n'),
    "a folder named people.yaml": _folder_instead_of("people.yaml"),
    "people linked outside": _link_outside("people.yaml"),
    "misplaced file": _write("okrs/notes.txt", "hello"),
    "two running cycles": _write(
        "cycles.yaml",
        "cycles:\n  - {id: 2027-Q1, start: 2027-01-01, end: 2027-03-31, status: running}\n"
        "  - {id: 2027-Q2, start: 2027-04-01, end: 2027-06-30, status: running}\n",
    ),
    "broken local questionnaire": _write("questionnaires/readiness.yaml", "id: readiness\nsections: 5\n"),
    "invalid unit id": _write(
        "units.yaml",
        "units:\n  - {id: mini, name: Mini Co, kind: company, owner: ana}\n"
        "  - {id: Sales, name: Sales, kind: department, parent: mini, owner: ben}\n",
    ),
    "duplicate person id": _write("people.yaml", "people:\n  - {id: ana, name: Ana}\n  - {id: ana, name: Ben}\n"),
    "unit parents loop": _write(
        "units.yaml",
        "units:\n  - {id: mini, name: Mini Co, kind: company, owner: ana}\n"
        "  - {id: sales, name: Sales, kind: team, parent: ops, owner: ben}\n"
        "  - {id: ops, name: Ops, kind: team, parent: sales}\n",
    ),
    "cycle ends before it starts": _write(
        "cycles.yaml", "cycles:\n  - {id: 2027-Q1, start: 2027-01-01, end: 2026-12-31, status: running}\n"
    ),
    "check-ins folder linked outside": _link_folder_outside("checkins/2027-Q1"),
    "bad assessment": _write(
        "assessments/readiness/ana.yaml",
        "questionnaire: readiness\nversion: 1\nrespondent: ana\ndate: 2027-01-10\nanswers: {nope: 1}\n",
    ),
}

# Broken answers files: each is given to review, close and draft.
INPUTS: dict[str, str | bytes] = {
    "deep list": "notes: " + "[" * 50_000 + "]" * 50_000,
    "not a mapping": "- a\n- b\n",
    "binary": b"\xff\xfe\x00garbage",
    "misspelled keys": "lesons: [x]\nnotse: y\nunits: {sales: [{tittle: x}]}\n",
    "wrong types": "date: 5\nrisks: [no, on, 0755]\ndecisions: {a: 7}\nunits: 3\n",
    "empty": "",
    "a tag": "notes: !!python/object:os.system echo\n",
    "unknown names everywhere": "attendees: [nobody]\noverrides: [{kr: nope, score: 2, reason: r}]\n"
    "decisions: {ghost: completed}\nlessons: {atlantis: [x]}\nunits: {atlantis: [{title: X, owner: nobody}]}\n"
    "ids: {ghost: new-id}\n",
}


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink() and ".rollout" not in p.parts and "build" not in p.parts
    }


GOOD_ANSWERS = {
    "review": "notes: fine\n",
    "close": "default_decision: completed\n",
    "draft": "units:\n  sales:\n    - title: Build a pipeline the whole company trusts\n",
}


def _answers(root: Path) -> Path:
    """Valid answers files for review, close and draft, next to the workspace."""
    for kind, text in GOOD_ANSWERS.items():
        (root.parent / f"{kind}.yaml").write_text(text)
    return root.parent


def _args(command: list[str], root: Path, answers: Path) -> list[str]:
    out = []
    for part in command:
        part = part.replace("{ws}", str(root))
        for kind in GOOD_ANSWERS:
            part = part.replace("{" + kind + "}", str(answers / f"{kind}.yaml"))
        out.append(part)
    return out


def _check(code: int, output: str, before: dict[str, bytes], root: Path) -> None:
    assert "Traceback" not in output, output
    assert code in (0, 1, 2), (code, output)
    if code != 0:
        assert output.strip(), "a failure says why"
        assert _snapshot(root) == before, "a failed command changed files"
    assert "\x1b" not in output, "a control character reached the terminal"


@pytest.mark.parametrize("case", sorted(WORKSPACES))
def test_every_command_on_a_broken_workspace(case: str, make_ws: WorkspaceFactory, rollout: Run) -> None:
    root = make_ws()
    answers = _answers(root)
    WORKSPACES[case](root)
    for command in COMMANDS:
        before = _snapshot(root)
        code, output = rollout(*_args(command, root, answers))
        _check(code, output, before, root)


@pytest.mark.parametrize("case", sorted(INPUTS))
@pytest.mark.parametrize("command", ["review", "close", "draft", "next"])
def test_every_answers_reader_on_a_broken_file(
    command: str, case: str, make_ws: WorkspaceFactory, rollout: Run
) -> None:
    root = make_ws()
    answers = root.parent / "answers.yaml"
    text = INPUTS[case]
    answers.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    argv = {
        "review": ["review", "sales", "-w", str(root)],
        "close": ["close", "2027-Q1", "-w", str(root)],
        "draft": ["draft", "-w", str(root)],
        "next": ["next", "2027-Q1", "-w", str(root)],
    }[command]
    before = _snapshot(root)
    code, output = rollout(*argv, "--answers", str(answers))
    _check(code, output, before, root)
    if case != "empty":
        assert code == 2, output


@dataclass(frozen=True)
class Fault:
    """What the machine answers when a file is written."""

    error: int

    def install(self, monkeypatch: pytest.MonkeyPatch, root: Path) -> None:
        real_mkstemp, real_replace, real_open = tempfile.mkstemp, os.replace, open
        real_mkdir, real_link = os.mkdir, os.link
        inside = str(root.resolve())

        def refuse(path: object) -> None:
            if os.path.realpath(str(path)).startswith(inside):
                raise OSError(self.error, os.strerror(self.error), str(path))

        def mkstemp(*args: object, **kwargs: object) -> tuple[int, str]:
            refuse(kwargs.get("dir") or (args[2] if len(args) > 2 else ""))
            return real_mkstemp(*args, **kwargs)  # type: ignore[call-overload,no-any-return]

        def replace(src: object, dst: object, *args: object, **kwargs: object) -> None:
            refuse(dst)
            real_replace(src, dst, *args, **kwargs)  # type: ignore[arg-type]

        def opener(file: object, mode: str = "r", *args: object, **kwargs: object) -> object:
            if any(flag in mode for flag in "wax+") and isinstance(file, str | Path):
                refuse(file)
            return real_open(file, mode, *args, **kwargs)  # type: ignore[call-overload]

        def mkdir(path: object, *args: object, **kwargs: object) -> None:
            refuse(path)
            real_mkdir(path, *args, **kwargs)  # type: ignore[arg-type]

        def link(src: object, dst: object, *args: object, **kwargs: object) -> None:
            refuse(dst)
            real_link(src, dst, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
        monkeypatch.setattr(os, "replace", replace)
        monkeypatch.setattr(os, "mkdir", mkdir)
        monkeypatch.setattr(os, "link", link)
        monkeypatch.setattr("builtins.open", opener)


FAULTS = {"permission denied": errno.EACCES, "read-only file system": errno.EROFS, "disk full": errno.ENOSPC}
WRITING = {
    "checkin": ["checkin", "sales", "-w", "{ws}", "--value", "sales-pipeline-kr1=2.4", "--date", "2027-01-25"],
    "build": ["build", "{ws}", "--site"],
    "export -o": ["export", "-w", "{ws}", "-o", "{ws}/export.csv"],
    "review": ["review", "sales", "-w", "{ws}", "--answers", "{review}"],
    "close": ["close", "2027-Q1", "-w", "{ws}", "--answers", "{close}"],
    "init": ["init", "{ws}/new", "--organization", "New Co", "--cycle", "2027-Q1"],
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
@pytest.mark.parametrize("command", sorted(WRITING))
def test_writing_commands_on_a_machine_that_refuses(
    command: str, fault: str, make_ws: WorkspaceFactory, rollout: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_ws()
    answers = _answers(root)
    if command == "build":  # a cold template cache: the first write of a build is into .rollout/
        assert not (root / ".rollout").exists()
    before = _snapshot(root)
    with monkeypatch.context() as patch:
        Fault(FAULTS[fault]).install(patch, root)
        code, output = rollout(*_args(WRITING[command], root, answers))
    _check(code, output, before, root)
    assert code == 2, output
    assert os.strerror(FAULTS[fault]) in output, output


def test_the_commands_work_on_the_unbroken_workspace(make_ws: WorkspaceFactory, rollout: Run) -> None:
    """The harness's commands are right: on the plain workspace each one does its job."""
    root = make_ws()
    answers = _answers(root)
    for command in COMMANDS:
        code, output = rollout(*_args(command, root, answers))
        expected = (2,) if command[0] == "ask" else (0, 1)  # ask: every question needs an answer
        assert code in expected and "Traceback" not in output, (command, output)
