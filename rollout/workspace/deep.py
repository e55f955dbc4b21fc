"""What ``build`` reads besides the workspace files, checked by ``validate`` and ``check`` too.

A build reads the questionnaires (bundled and the workspace's own
``questionnaires/*.yaml``) and checks every saved assessment against its
questionnaire (the Readiness and retrospective pages). :func:`deep_problems` does
the same reading and checking, so ``validate`` never says "valid" for a workspace
that ``build`` then refuses. Not part of :func:`rollout.workspace.load`: a check-in
does not need questionnaires, and must stay instant.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from rollout.errors import LoadError, Problem, UsageError, WriteError
from rollout.workspace.fileio import STATE_DIR, atomic_write

DEEP_OK = "deep-ok"  # under .rollout/cache/: the fingerprint of files last found fine

if TYPE_CHECKING:
    from rollout.workspace import Workspace


def deep_problems(ws: Workspace) -> list[Problem]:
    """Every problem in the questionnaires and in the answers saved to them (empty: build can read them).

    Remembered when there is none: reading and checking them again cost 0.05 s of each
    `rollout check` of 2,000 teams (a tenth of its own work; cProfile, this machine), so
    ``.rollout/cache/deep-ok`` keeps the fingerprint (:func:`_fingerprint`) of the files
    last found fine, and the same files are not read again.
    """
    from rollout.workspace.layout import LOCAL_QUESTIONNAIRES

    if not ws.assessments and not (ws.root / LOCAL_QUESTIONNAIRES).is_dir():
        return []  # nothing for build to read either (and nothing to import)
    key = _fingerprint(ws)
    marker = ws.root / STATE_DIR / "cache" / DEEP_OK
    if key is not None and _read_marker(marker) == key:
        return []
    problems = _read_and_check(ws)
    if key is not None and not problems:
        with contextlib.suppress(WriteError, OSError):
            atomic_write(marker, key, durable=False, root=ws.root)
    return problems


def _read_and_check(ws: Workspace) -> list[Problem]:
    from rollout.questionnaire.answers import check_assessment
    from rollout.questionnaire.loader import bind, entries

    problems: list[Problem] = []
    try:
        known = {entry.questionnaire.id: entry.questionnaire for entry in entries(ws.root)}
    except LoadError as exc:
        return list(exc.problems)
    except UsageError as exc:
        return [Problem("questionnaires", 0, 0, "", exc.message)]
    bound = {}
    for assessment in ws.assessments:
        questionnaire = known.get(assessment.questionnaire)
        if questionnaire is None:
            problems.append(
                ws.problem(
                    assessment,
                    f"unknown questionnaire {assessment.questionnaire!r} (known: {', '.join(sorted(known))})",
                    "questionnaire",
                )
            )
            continue
        if assessment.questionnaire not in bound:
            bound[assessment.questionnaire] = bind(questionnaire, ws)
        try:
            check_assessment(ws, bound[assessment.questionnaire], assessment)
        except LoadError as exc:
            problems += exc.problems
    return problems


def _fingerprint(ws: Workspace) -> str | None:
    """What decides :func:`deep_problems`, hashed; None when it cannot be told safely.

    The tool's version and the code that reads questionnaires and answers, every workspace
    file but the OKRs, check-ins and reviews (their content hashes, as loaded), and the
    bundled and local questionnaire files' bytes. A local questionnaire that is a link is
    never read here (None: the full check refuses it by name).
    """
    from rollout import __version__
    from rollout.resources import data_dir
    from rollout.workspace.layout import LOCAL_QUESTIONNAIRES

    if not ws.sources or (ws.root / STATE_DIR).is_symlink():
        return None
    digest = hashlib.sha256(f"{__version__}\n".encode())
    code = Path(__file__).resolve().parent.parent / "questionnaire"
    for path in sorted([*code.glob("*.py"), Path(__file__)]):
        digest.update(f"{path.name}:".encode() + path.read_bytes())
    for rel in sorted(ws.sources):
        if not rel.startswith(("okrs/", "checkins/", "reviews/")):
            digest.update(f"\n{rel}:{ws.sources[rel].sha}".encode())
    for label, folder in (("bundled", data_dir("questionnaires")), ("local", ws.root / LOCAL_QUESTIONNAIRES)):
        if folder.is_symlink():
            return None
        if not folder.is_dir():
            continue
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            if entry.name.endswith(".yaml") and not entry.name.startswith("."):
                if entry.is_symlink() or not entry.is_file():
                    return None
                with open(entry.path, "rb") as handle:
                    data = handle.read()
                digest.update(f"\n{label}/{entry.name}:".encode() + hashlib.sha256(data).digest())
    return digest.hexdigest()


def _read_marker(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, ValueError):
        return None


def check_deep(ws: Workspace) -> None:
    """Raise :class:`LoadError` listing :func:`deep_problems`, if any."""
    problems = deep_problems(ws)
    if problems:
        raise LoadError(problems)
