"""Issue 12, item 1: the same workspace gives the same pages and the same PDF text under
any ``PYTHONHASHSEED`` and any order of files and records; ties are broken by written rules."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rollout.report.packs import PackResult

REPO = Path(__file__).resolve().parents[2]


def _run(args: list[str], seed: int, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONHASHSEED": str(seed), "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=600, check=False
    )


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\f".join(page.extract_text() or "" for page in PdfReader(path).pages)


def _contents(build: Path) -> dict[str, bytes | str]:
    """Every file of a build: bytes, except PDFs (their text, page by page) and the build's own records."""
    out: dict[str, bytes | str] = {}
    for path in sorted(build.rglob("*")):
        rel = path.relative_to(build).as_posix()
        # The build's own records (dot files: .rollout-build, packs/.packs.json, forms/.forms.json)
        # hold fingerprints of the workspace folder, not output a person reads.
        if not path.is_file() or any(part.startswith(".") for part in rel.split("/")):
            continue
        if path.suffix == ".pdf":
            out[rel] = _pdf_text(path)
        else:
            out[rel] = path.read_bytes()
    return out


def _differences(a: dict[str, bytes | str], b: dict[str, bytes | str]) -> list[str]:
    return sorted({*a, *b} - {k for k in a if k in b and a[k] == b[k]})


SEEDED_BUILD = """
import json, sys
from pathlib import Path

import rollout.report.packs.parallel as parallel
from rollout.report.build import build

root, seen = Path(sys.argv[1]), Path(sys.argv[2])
render_for_real = sys.argv[3]
htmls = {}
real_run_jobs = parallel.run_jobs


def recording_run_jobs(jobs, workers=2, **options):
    # Every pack and sheet the build would render, by its HTML (the HTML alone determines the
    # PDF: stylesheet inlined, see parallel.py); only the named one is rendered for real.
    for job in jobs:
        htmls[Path(job.target).name] = job.html
    yield from real_run_jobs([j for j in jobs if Path(j.target).name == render_for_real], workers=1)
    for job in jobs:
        if Path(job.target).name != render_for_real:
            yield parallel.JobOutcome(job.key, pages=1)


parallel.run_jobs = recording_run_jobs
build(root)
seen.write_text(json.dumps(htmls, sort_keys=True), encoding="utf-8")
"""

# The smallest pack: rendered to PDF under seed 0 and its text compared with the same pack of
# the run's shared demo packs (rendered by worker processes under their own random hash seeds);
# every pack is compared across the three seeds by the HTML it is rendered from (rendering all
# three builds' PDFs cost 88 s of CPU, one pack under each seed 5 s more than under one).
RENDERED = "phase-department-pilot.pdf"


def test_demo_site_bytes_and_pdf_text_are_the_same_under_three_hash_seeds(
    demo_source: Path, demo_packs: dict[str, PackResult], tmp_path: Path
) -> None:
    """A full ``build`` (site, forms, packs and sheets) under three ``PYTHONHASHSEED`` values: the
    same site bytes, the same HTML for every pack and sheet, and the same text in a rendered pack."""
    script = tmp_path / "seeded_build.py"
    script.write_text(SEEDED_BUILD, encoding="utf-8")
    builds = []
    rendered = f"packs/{RENDERED}"
    for seed in (0, 1, 2):
        root = tmp_path / f"seed{seed}"
        shutil.copytree(demo_source, root, ignore=shutil.ignore_patterns(".rollout", "build"))
        seen = tmp_path / f"seed{seed}.json"
        done = _run([str(script), str(root), str(seen), RENDERED if seed == 0 else "-"], seed)
        assert done.returncode == 0, done.stderr
        contents = _contents(root / "build")
        if seed == 0:
            text = contents[rendered]
            assert isinstance(text, str) and "Department pilot" in text
            assert text == _pdf_text(
                demo_packs["phase-department-pilot"].path
            )  # the same text from another process, under another hash seed
        for rel in [k for k in contents if k.endswith(".pdf")]:
            del contents[rel]  # compared by their HTML below (and the rendered one by its text, above)
        for name, html in json.loads(seen.read_text(encoding="utf-8")).items():
            contents[f"html of {name}"] = html
        builds.append(contents)
    names = set(builds[0])
    assert any(k.startswith("html of phase-") for k in names) and any(k.startswith("html of cycle-") for k in names)
    assert any(k.startswith("html of checkin-") for k in names) and any(k.endswith(".html") for k in names)
    assert f"html of {RENDERED}" in names
    assert _differences(builds[0], builds[1]) == []
    assert _differences(builds[0], builds[2]) == []


TIE = """
import json, sys
from rollout.workspace import load
from rollout.metrics.analysis import analyze
from rollout.questionnaire.report import readiness_report
ws = load(sys.argv[1])
state = analyze(ws).phases["leadership-pilot"]
following = ws.phases["department-pilot"].units
report = readiness_report(ws, units=following)
print(json.dumps([state.recommendation, state.readiness.level, report.level.label,
                  sorted(r.level.label for r in report.respondents), list(state.reasons)]))
"""


def test_the_gate_has_no_tie_that_follows_hash_order(demo_source: Path, tmp_path: Path) -> None:
    """Two respondents of the next units at one level and two at another: a vote ties. The gate
    takes the band of the group's mean answers instead, the level the Readiness page gives the
    same people, whatever the hash seed (issue 12, item 1: 6 × "Expand", 4 × "Extend the pilot")."""
    root = tmp_path / "demo"
    shutil.copytree(demo_source, root, ignore=shutil.ignore_patterns(".rollout", "build"))
    for person, unit in (("annika-brandt", "talent-acquisition"), ("martin-keller", "hr-operations")):
        path = root / "assessments" / "readiness" / f"{person}.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text("\n".join(f"unit: {unit}" if line.startswith("unit:") else line for line in text.split("\n")))
    script = tmp_path / "tie.py"
    script.write_text(TIE, encoding="utf-8")
    seen = set()
    for seed in (0, 1, 2, 3, 4):
        done = _run([str(script), str(root)], seed)
        assert done.returncode == 0, done.stderr
        seen.add(done.stdout)
    assert len(seen) == 1
    _recommendation, gate_level, page_level, levels, _reasons = json.loads(seen.pop())
    assert len(levels) == 4 and len(set(levels)) == 2 and levels.count(levels[0]) == 2  # a tie by vote
    assert gate_level == page_level


def _reverse_records(root: Path) -> None:
    """Write every check-in and review file with its records in reverse order."""
    import yaml

    for folder, key in (("checkins", "checkins"),):
        for path in sorted((root / folder).rglob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            data[key] = list(reversed(data[key]))
            path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def test_the_order_of_files_and_records_changes_no_output(
    demo_source: Path, demo_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Check-ins written newest first, and every folder listed in reverse: the same site as the
    run's shared demo site (built the same way, ``site=True, packs=False``, in order)."""
    from rollout.report.build import build

    expected = _contents(demo_site)

    second = tmp_path / "b"
    shutil.copytree(demo_source, second, ignore=shutil.ignore_patterns(".rollout", "build"))
    _reverse_records(second)
    real_scandir = os.scandir

    class Reversed:
        """``os.scandir`` with its entries in reverse: an iterator and a context manager, as the real one."""

        def __init__(self, path: str | os.PathLike[str] = ".") -> None:
            self.entries = list(reversed(list(real_scandir(path))))
            self.left = iter(self.entries)

        def __iter__(self):  # type: ignore[no-untyped-def]
            return self

        def __next__(self) -> os.DirEntry[str]:
            return next(self.left)

        def close(self) -> None:
            return None

        def __enter__(self) -> Reversed:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

    monkeypatch.setattr(os, "scandir", Reversed)
    got = _contents(build(second, site=True, packs=False).out)
    assert _differences(expected, got) == []
