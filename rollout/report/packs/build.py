"""``build_packs``: write the review packs of a workspace into a folder, rendering only what changed.

The pipeline, in order:

1. plan the packs (:func:`~rollout.report.packs.plan.plan_packs`), keep the ones asked for;
2. make each pack's HTML from the shared view model (cheap) and hash it;
3. skip packs whose file is current (same hash in the manifest, file present);
4. render the others in parallel processes with the restricted URL fetcher;
5. record the hashes in the manifest, with what each render logged, and remove packs that
   are no longer planned (for example last month's edition of the running cycle).

A pack's warnings (what WeasyPrint logged, the URLs the fetcher refused) belong to its
file: they are kept in the manifest and replayed whenever the file is found current, so a
build shows them, and ``--strict`` fails on them, every time until the pack is fixed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rollout.report.packs.plan import PackSpec, plan_packs, select_packs
from rollout.report.packs.result import PackResult
from rollout.workspace.workspace import Workspace

PDF_VARIANT = "pdf/ua-1"


def allowed_folders(out_dir: Path) -> tuple[Path, ...]:
    """Where a pack render may read files: the pack templates, the site assets, the build folder."""
    from rollout.resources import data_dir

    return (data_dir("templates") / "packs", data_dir("site"), out_dir)


def build_packs(
    ws: Workspace,
    view: Any,
    out_dir: Path,
    *,
    only: str | Sequence[str] | None = None,
    jobs: int = 2,
    progress: Callable[[PackResult], None] | None = None,
    force: bool = False,
) -> list[PackResult]:
    """Write the packs of ``ws`` into ``out_dir``; return one :class:`PackResult` per pack, in plan order.

    ``view`` is the site's view model (``build_view(ws)``); packs read their figures from it.
    ``only`` names packs (ids such as ``cycle-2026-Q4``, or a cycle or phase id); unknown names
    raise :class:`~rollout.errors.UsageError` before anything is written. ``jobs`` is the number
    of render processes. ``progress`` is called once per pack as it is done (or found current).
    ``force`` renders every selected pack even when its file is current.
    """
    from rollout.report.packs.html import pack_html
    from rollout.report.packs.parallel import (
        RenderJob,
        digest,
        is_current,
        read_manifest,
        recorded,
        run_jobs,
        write_manifest,
    )
    from rollout.report.packs.sections import Sources

    planned = plan_packs(ws)
    chosen = select_packs(planned, only if only is None or isinstance(only, str) else list(only))
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest = read_manifest(out_dir)
    src = Sources.from_view(ws, view)
    base_url = (allowed_folders(out_dir)[0].resolve()).as_uri() + "/"
    allowed = tuple(str(p) for p in allowed_folders(out_dir))

    results: dict[str, PackResult] = {}
    pending: list[RenderJob] = []
    for spec in chosen:
        html = pack_html(src, spec)
        pack_digest = digest(html, PDF_VARIANT)
        target = out_dir / spec.filename
        if not force and is_current(out_dir, spec.filename, pack_digest, manifest):
            entry = manifest[spec.filename]
            result = PackResult(
                spec,
                target,
                rendered=False,
                digest=pack_digest,
                pages=int(entry.get("pages", 0)),
                size=target.stat().st_size,
                warnings=recorded(entry, "warnings"),
                refused=recorded(entry, "refused"),
            )
            results[spec.id] = result
            if progress:
                progress(result)
            continue
        results[spec.id] = PackResult(spec, target, rendered=True, digest=pack_digest)
        pending.append(RenderJob(spec.id, html, str(target), base_url, allowed, PDF_VARIANT))

    for outcome in run_jobs(pending, workers=jobs):
        result = results[outcome.key]
        result.pages = outcome.pages
        result.size = outcome.size
        result.seconds = outcome.seconds
        result.bookmarks = outcome.bookmarks
        result.warnings = outcome.warnings
        result.refused = outcome.refused
        result.error = outcome.error
        result.peak_rss_mb = outcome.peak_rss_mb
        if result.error is None:
            manifest[result.spec.filename] = {
                "id": result.spec.id,
                "digest": result.digest,
                "pages": result.pages,
                "size": result.size,
                "warnings": result.warnings,
                "refused": result.refused,
            }
        else:
            manifest.pop(result.spec.filename, None)
        if progress:
            progress(result)

    if only is None:
        _prune(out_dir, manifest, planned)
    write_manifest(out_dir, manifest)
    return [results[s.id] for s in chosen]


def _prune(out_dir: Path, manifest: dict[str, dict[str, Any]], planned: list[PackSpec]) -> None:
    """Remove packs this tool wrote that are no longer planned (never any other file)."""
    keep = {s.filename for s in planned}
    for filename in list(manifest):
        if filename not in keep:
            target = out_dir / filename
            if target.parent == out_dir and target.suffix == ".pdf":
                target.unlink(missing_ok=True)
            del manifest[filename]
