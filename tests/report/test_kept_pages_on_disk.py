"""A build from process start keeps an unchanged page only if it is still on disk
(``output.files_in`` lists the build folder once instead of a stat per page)."""

from __future__ import annotations

from pathlib import Path

from rollout.report.build import build
from rollout.report.site.output import files_in


def test_a_deleted_page_and_form_are_made_again(demo_copy: Path) -> None:
    live = build(demo_copy, site=True, packs=False).out
    page = next(p for p in sorted((live / "units").rglob("*.html")))
    form = next(p for p in sorted((live / "forms").glob("checkin-*.html")))
    expected = page.read_bytes(), form.read_bytes()
    page.unlink()
    form.unlink()
    again = build(demo_copy, site=True, packs=False)
    assert (page.read_bytes(), form.read_bytes()) == expected
    assert page.relative_to(live).as_posix() in again.rendered_paths


def test_files_in_lists_files_of_subfolders(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "page.html").write_text("x")
    (tmp_path / "top.html").write_text("y")
    (tmp_path / "link.html").symlink_to(tmp_path / "top.html")
    (tmp_path / "dangling.html").symlink_to(tmp_path / "gone.html")
    assert files_in(tmp_path) == {"a/b/page.html", "top.html", "link.html"}
    assert files_in(tmp_path / "missing") == set()
