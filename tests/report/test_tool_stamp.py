"""The build's tool stamp covers all the code (fx12d: a build after a code change reused stale pages).

``stamp_of_tools`` decides whether pages of an earlier build can be kept; it hashed a hand-made
list of report modules, which missed every module split off later (viewrecords, viewparts, …).
"""

from __future__ import annotations

from pathlib import Path

import rollout
from rollout.report.stages import stamp_of_tools, tool_files


def test_every_module_of_the_package_is_in_the_stamp() -> None:
    package = Path(rollout.__file__).parent
    hashed = {path for _name, path in tool_files()}
    modules = set(package.rglob("*.py"))
    assert modules <= hashed
    for split_off in ("report/viewrecords.py", "report/viewparts.py", "metrics/figures.py", "report/formats.py"):
        assert package / split_off in hashed


def test_templates_and_assets_are_in_the_stamp() -> None:
    names = [name for name, _path in tool_files()]
    assert any(name.endswith(".html") for name in names)
    assert any(name.endswith(".css") for name in names)


def test_the_stamp_changes_with_a_file(tmp_path: Path) -> None:
    before = stamp_of_tools.__wrapped__()
    assert stamp_of_tools.__wrapped__() == before  # deterministic
    import rollout.report.stages as stages

    extra = tmp_path / "extra.py"
    extra.write_text("x = 1\n", encoding="utf-8")
    original = stages.tool_files
    try:
        stages.tool_files = lambda: [*original(), ("extra.py", extra)]  # type: ignore[assignment]
        with_extra = stamp_of_tools.__wrapped__()
        extra.write_text("x = 2\n", encoding="utf-8")
        assert stamp_of_tools.__wrapped__() != with_extra != before
    finally:
        stages.tool_files = original  # type: ignore[assignment]
