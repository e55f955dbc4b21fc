"""The restricted URL fetcher: local files from allowed folders only, nothing else."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from rollout.report.packs.fetcher import FetchRefused, RestrictedFetcher


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    allowed = tmp_path / "allowed"
    outside = tmp_path / "outside"
    allowed.mkdir()
    outside.mkdir()
    (allowed / "style.css").write_text("p { color: black }")
    (outside / "secret.txt").write_text("top secret")
    return allowed, outside


def test_serves_files_inside_the_allowed_folders(folders: tuple[Path, Path]) -> None:
    allowed, _outside = folders
    fetcher = RestrictedFetcher([allowed])
    response = fetcher.fetch((allowed / "style.css").as_uri())
    assert response.read() == b"p { color: black }"
    assert response.content_type == "text/css"
    response.close()
    assert fetcher.refused == []


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/x.png",
        "https://example.com/logo.png",
        "ftp://example.com/file",
        "//example.com/protocol-relative.png",
        "file://otherhost/etc/passwd",
        "javascript:alert(1)",
    ],
)
def test_refuses_every_other_scheme(folders: tuple[Path, Path], url: str) -> None:
    fetcher = RestrictedFetcher([folders[0]])
    with pytest.raises(FetchRefused):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_refuses_files_outside_and_escapes(folders: tuple[Path, Path]) -> None:
    allowed, outside = folders
    (allowed / "link.txt").symlink_to(outside / "secret.txt")
    fetcher = RestrictedFetcher([allowed])
    for url in (
        (outside / "secret.txt").as_uri(),
        allowed.as_uri() + "/../outside/secret.txt",
        (allowed / "link.txt").as_uri(),
        "file:///etc/passwd",
    ):
        with pytest.raises(FetchRefused):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 4


def test_data_urls_only_when_allowed(folders: tuple[Path, Path]) -> None:
    svg = b"<svg xmlns='http://www.w3.org/2000/svg'/>"
    url = "data:image/svg+xml;base64," + base64.b64encode(svg).decode()
    with pytest.raises(FetchRefused):
        RestrictedFetcher([folders[0]]).fetch(url)
    assert RestrictedFetcher([folders[0]], allow_data=True).fetch(url).read() == svg
    with pytest.raises(FetchRefused):
        RestrictedFetcher([folders[0]], allow_data=True).fetch("data:text/html,<b>x</b>")


def test_sealed_fetcher_refuses_everything(folders: tuple[Path, Path]) -> None:
    allowed, _outside = folders
    fetcher = RestrictedFetcher([allowed])
    fetcher.seal()  # after layout, only attachments would be fetched
    with pytest.raises(FetchRefused, match="attachments"):
        fetcher.fetch((allowed / "style.css").as_uri())
