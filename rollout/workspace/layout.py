"""Where each record lives in a workspace folder.

::

    rollout.yaml                      version: 1, organization, settings, rule config
    people.yaml  units.yaml  priorities.yaml  cycles.yaml  phases.yaml
    okrs/<cycle>/<unit>.yaml          objectives and key results of one unit in one cycle
    checkins/<cycle>/<unit>.yaml      weekly check-ins (append-only; never touches okrs/)
    reviews/<cycle>/<unit>.yaml       monthly reviews, end-of-cycle scores, lessons, decisions
    assessments/<questionnaire>/<respondent>.yaml   questionnaire answers
    questionnaires/<id>.yaml          local questionnaires (override or add to the bundled ones)
    .rollout/                         cache and lock (derived, ignored by git)
    build/                            the built site and packs (ignored by git)

One file per unit and cycle keeps diffs small: a check-in appends a few lines to
one file, and editing one team's OKRs never rewrites another's.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT_FILE = "rollout.yaml"
SINGLE_FILES = ("people.yaml", "units.yaml", "priorities.yaml", "cycles.yaml", "phases.yaml")
PER_UNIT_DIRS = ("okrs", "checkins", "reviews")
ASSESSMENTS = "assessments"
LOCAL_QUESTIONNAIRES = "questionnaires"
# .*.tmp: temporary files of an interrupted write (rollout removes them on its next write)
GITIGNORE = ".rollout/\nbuild/\n.*.tmp\n"
OUTSIDE = "a symbolic link that leads out of the workspace; rollout reads and writes nothing outside it"


def okr_file(cycle: str, unit: str) -> str:
    return f"okrs/{cycle}/{unit}.yaml"


def checkin_file(cycle: str, unit: str) -> str:
    return f"checkins/{cycle}/{unit}.yaml"


def review_file(cycle: str, unit: str) -> str:
    return f"reviews/{cycle}/{unit}.yaml"


def assessment_file(questionnaire: str, name: str) -> str:
    return f"assessments/{questionnaire}/{name}.yaml"


def find_root(start: Path) -> Path | None:
    """The workspace containing ``start`` (a folder with ``rollout.yaml``), if any."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / ROOT_FILE).is_file():
            return folder
    return None


def escapes(root: Path, path: Path | str) -> bool:
    """``path`` (inside ``root`` by name) is, or goes through, a symbolic link that leads out of ``root``."""
    real_root = os.path.realpath(root)
    real = os.path.realpath(path)
    return real != real_root and not real.startswith(real_root.rstrip(os.sep) + os.sep)


def discover(root: Path) -> tuple[list[str], list[str]]:
    """All workspace files (relative, ``/``-separated) and the misplaced ones.

    A file or folder that is a symbolic link leading out of the workspace is listed as
    misplaced with ``"<path>\t"`` + :data:`OUTSIDE` (never read: see :func:`escapes`).
    Links are looked at only where ``scandir`` says there is one, so a plain workspace
    costs no extra system call.
    """
    files: list[str] = []
    misplaced: list[str] = []

    def outside(rel: str) -> bool:
        if escapes(root, root / rel):
            misplaced.append(f"{rel}\t{OUTSIDE}")
            return True
        return False

    for name in (ROOT_FILE, *SINGLE_FILES):
        if (root / name).is_file():
            if (root / name).is_symlink() and outside(name):
                continue
            files.append(name)
        elif (root / (name[:-5] + ".yml")).is_file():
            misplaced.append(name[:-5] + ".yml")
    for top in (*PER_UNIT_DIRS, ASSESSMENTS):
        base = root / top
        if not base.is_dir() or (base.is_symlink() and outside(top)):
            continue
        # os.scandir: thousands of files in a large organization; pathlib objects cost more than the listing
        for entry in sorted(os.scandir(base), key=lambda e: e.name):
            if not entry.is_dir():
                misplaced.append(f"{top}/{entry.name}")
                continue
            if entry.is_symlink() and outside(f"{top}/{entry.name}"):
                continue
            for item in sorted(os.scandir(entry.path), key=lambda e: e.name):
                rel = f"{top}/{entry.name}/{item.name}"
                if item.name.startswith("."):
                    continue  # editor swap files, our own temp files
                if item.is_symlink() and outside(rel):
                    continue
                if item.is_file() and item.name.endswith(".yaml"):
                    files.append(rel)
                else:
                    misplaced.append(rel)
    return files, misplaced
