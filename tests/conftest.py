"""Shared fixtures: the demo workspace (generated once per test run) and small workspaces."""

from __future__ import annotations

import os
import pickle
import re
import shutil
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pytest
from filelock import FileLock
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir

if TYPE_CHECKING:
    from rollout.report.packs import PackResult

from tests.browser import ARGS as CHROMIUM_ARGS
from tests.browser import CHROMIUM
from tests.ordering import pytest_collection_modifyitems, pytest_runtest_protocol, pytest_sessionfinish

__all__ = ["pytest_collection_modifyitems", "pytest_runtest_protocol", "pytest_sessionfinish"]  # hooks: the run's order

# Keep the working tree clean: hypothesis keeps its files outside the repository.
set_hypothesis_home_dir(str(Path(tempfile.gettempdir()) / "rollout-hypothesis"))
settings.register_profile("rollout", database=None)
settings.load_profile("rollout")

DEMO_TODAY = date(2026, 11, 24)


T = TypeVar("T")


def shared(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], T]) -> T:
    """``make(folder)``, run once per test run however many xdist workers ask for it.

    The first worker to ask makes it in ``<run temp>/shared-<name>`` while holding a file lock
    and pickles the value next to it; the others wait on the lock and unpickle. The run's temp
    folder is the parent of each worker's own (``getbasetemp().parent``), so nothing is shared
    between runs. Without xdist it is the session's temp folder: made once, as a session fixture.
    Whatever ``make`` writes is shared: tests treat it as read-only and copy it to change it.
    """
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    folder = base / f"shared-{name}"
    done = base / f"shared-{name}.pickle"
    with FileLock(str(base / f"shared-{name}.lock")):
        if done.is_file():
            value: T = pickle.loads(done.read_bytes())
            return value
        shutil.rmtree(folder, ignore_errors=True)  # a half-made one from a worker that crashed
        folder.mkdir(parents=True)
        value = make(folder)
        done.write_bytes(pickle.dumps(value))
        return value


@pytest.fixture(scope="session")
def demo_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo organization, written once per test run (read-only: copy it to modify).

    Its parse cache is filled once here (one ``load``), so that copies made with
    :func:`copy_demo` start warm."""

    def make(folder: Path) -> Path:
        from rollout.demo import write_demo
        from rollout.workspace import load

        write_demo(folder / "larkspur", today=DEMO_TODAY)
        load(folder / "larkspur")
        return folder / "larkspur"

    return shared(tmp_path_factory, "demo", make)


# Entries of the parse cache (rollout/workspace/cache.py): ``<2 hex>/<sha256>.d`` (parsed) and
# ``.v`` (validated rows), named by the file content's hash and only ever written whole by a
# rename (atomic_write), so a copy can hard-link them: a write in the copy replaces its link and
# never touches the source. The index (inodes of the source's files) and any other state
# (deep-ok marker, spare site, the demo's own file list) are not copied.
_CACHE_ENTRY = re.compile(r"[0-9a-f]{64}\.[dv]")


def copy_demo(source: Path, target: Path, *, ignore: tuple[str, ...] = ("build",)) -> Path:
    """``target``: a copy of the workspace ``source`` without ``.rollout``, except its parse cache's entries.

    A cold copy of the demo spends ~0.2 s of CPU parsing its 74 YAML files again (and forking
    the two processes that prime the cache); a copy whose cache holds the same contents' entries
    loads in ~0.04 s (measured, this machine). Files are looked up by content hash, so what the
    cache serves is exactly what parsing the copy's files gives (a changed file misses).
    Tests about a cold start copy with ``shutil.copytree`` instead (report/test_determinism).
    """
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".rollout", *ignore))
    cache = source / ".rollout" / "cache"
    for version in cache.glob("v*"):
        for folder in version.iterdir():
            if not folder.is_dir():
                continue  # the index
            entries = [entry for entry in folder.iterdir() if _CACHE_ENTRY.fullmatch(entry.name)]
            if entries:
                (target / ".rollout" / "cache" / version.name / folder.name).mkdir(parents=True)
            for entry in entries:
                link = target / ".rollout" / "cache" / version.name / folder.name / entry.name
                try:
                    os.link(entry, link)
                except OSError:  # another file system, or no hard links there
                    shutil.copy2(entry, link)
    return target


@pytest.fixture(scope="session")
def demo_site(demo_source: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's site, built once per test run (site only) into a copy of the demo; returns the build folder."""

    def make(folder: Path) -> Path:
        from rollout.report.build import build

        root = folder / "demo"
        copy_demo(demo_source, root)
        result = build(root, site=True, packs=False, strict=True)  # the demo builds clean, even in strict mode
        assert result.pages > 20 and result.warnings == []
        return result.out

    return shared(tmp_path_factory, "demo-site", make)


@pytest.fixture(scope="session")
def demo_packs(demo_source: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, PackResult]:
    """Every pack of the demo, rendered once (two render processes), by pack id (read-only files)."""

    def make(folder: Path) -> dict[str, PackResult]:
        from rollout.report.packs import build_packs
        from rollout.workspace import load

        root = folder / "demo"
        copy_demo(demo_source, root)
        results = build_packs(load(root), None, root / "build" / "packs", jobs=2)
        return {r.spec.id: r for r in results}

    return shared(tmp_path_factory, "demo-packs", make)


@pytest.fixture
def demo_copy(demo_source: Path, tmp_path: Path) -> Path:
    """A private copy of the demo that a test may change (its parse cache warm: :func:`copy_demo`)."""
    return copy_demo(demo_source, tmp_path / "demo")


MINI = {
    "rollout.yaml": """
        version: 1
        organization: Mini Co
        as_of: 2027-02-15
    """,
    "people.yaml": """
        people:
          - id: ana
            name: Ana Lima
          - id: ben
            name: Ben Okoro
    """,
    "units.yaml": """
        units:
          - id: mini
            name: Mini Co
            kind: company
            owner: ana
          - id: sales
            name: Sales
            kind: department
            parent: mini
            owner: ben
    """,
    "cycles.yaml": """
        cycles:
          - id: 2027-Q1
            start: 2027-01-01
            end: 2027-03-31
            status: running
    """,
    "okrs/2027-Q1/mini.yaml": """
        objectives:
          - id: win-mid-market
            title: Become the supplier mid-market buyers recommend
            owner: ana
            key_results:
              - id: win-mid-market-kr1
                title: Raise NPS from 30 to 45
                metric: NPS
                direction: increase
                baseline: 30
                target: 45
                unit_of_measure: points
                owner: ana
    """,
    "okrs/2027-Q1/sales.yaml": """
        objectives:
          - id: sales-pipeline
            title: Build a pipeline we can trust
            owner: ben
            parent: win-mid-market
            key_results:
              - id: sales-pipeline-kr1
                title: Grow qualified pipeline from 2.0 to 3.5 MEUR
                direction: increase
                baseline: 2.0
                target: 3.5
                owner: ben
    """,
    "checkins/2027-Q1/sales.yaml": """
        checkins:
          - kr: sales-pipeline-kr1
            date: 2027-01-11
            value: 2.2
            confidence: 7
            author: ben
    """,
}


WorkspaceFactory = Callable[..., Path]


@pytest.fixture
def make_ws(tmp_path: Path) -> WorkspaceFactory:
    """Write a small valid workspace; overrides (``people_yaml=``, ``**{"okrs/…": …}``) replace files, None drops one."""

    def make(**files: str | None) -> Path:
        root = tmp_path / "ws"
        contents: dict[str, str | None] = dict(MINI)
        for name, text in files.items():
            if name.endswith("_yaml"):  # people_yaml=... is people.yaml
                name = name[: -len("_yaml")] + ".yaml"
            contents[name] = text
        for name, text in contents.items():
            if text is None:
                continue
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return root

    return make


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium per test module (tests.browser: path and flags)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
