"""Creating a new workspace (``rollout init``)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from rollout.errors import UsageError
from rollout.workspace import layout
from rollout.workspace.editing import new_text
from rollout.workspace.models import (
    FORMAT_VERSION,
    CyclesFile,
    FiscalYearConfig,
    Settings,
    UnitsFile,
    check_cycle_id,
    is_reserved,
)
from rollout.workspace.transaction import Transaction

ROOT_HEADER = (
    "rollout workspace: one organization's OKR rollout.\n"
    "Format documented in the README; `rollout schema` prints a JSON Schema for editors."
)


def slugify(text: str, max_length: int = 40, *, whole_words: bool = False) -> str:
    """A safe id from free text in any script: ``"People & HR"`` → ``people-hr``, ``"李雷"`` → ``li-lei``.

    Letters are transliterated to ASCII with anyascii (``"Søren"`` → ``soren``, ``"Пётр"`` → ``petr``,
    ``"محمد"`` → ``mhmd``); a caseless character that starts a capitalised syllable (Chinese, Korean,
    Japanese) starts a new word; text with no letter or digit gives ``item``. The slug may be a
    reserved name (``con``, ``index``…): callers that make ids add their kind
    (:func:`rollout.org.people.unique_id`, ``rollout.transfer.names.safe_id``).

    ``whole_words``: a slug longer than ``max_length`` is cut at a hyphen (a word boundary)
    rather than in a word, unless that would keep less than half of it (ids an import makes
    from long names: ``operations-finance-legal-bizops-people`` not ``…-people-o``).
    """
    from anyascii import anyascii

    parts: list[str] = []
    for char in text:
        if char.isascii():
            parts.append(char)
            continue
        ascii_char = anyascii(char)
        # Caseless scripts come back as capitalised syllables ("李雷" → "LiLei"): a word each.
        if ascii_char[:1].isupper() and not char.isupper():
            parts.append(" ")
        parts.append(ascii_char)
    slug = re.sub(r"[^a-z0-9]+", "-", "".join(parts).lower()).strip("-")
    if whole_words and len(slug) > max_length and slug[max_length] != "-":
        # Cut at the last word boundary that keeps at least half the length ("…-people-o" → "…-people").
        cut = slug.rfind("-", max_length // 2, max_length)
        slug = slug[:cut] if cut > 0 else slug
    slug = slug[:max_length].rstrip("-")
    return slug or "item"


def create_workspace(
    root: Path,
    organization: str,
    cycle_id: str,
    start: date,
    end: date,
    *,
    company_id: str | None = None,
    fiscal: FiscalYearConfig | None = None,
) -> None:
    """Write a minimal valid workspace: settings, the company unit and the first cycle.

    ``fiscal``: the fiscal-year setting written to ``rollout.yaml`` (left out when None or
    the calendar year, the default).
    """
    if (root / layout.ROOT_FILE).exists():
        raise UsageError(f"{root} already holds a workspace ({layout.ROOT_FILE} exists)")
    if root.exists() and any(p for p in root.iterdir() if not p.name.startswith(".")):
        raise UsageError(f"{root} is not empty", hint="choose a new or empty folder")
    from rollout.tabular.names import clean_name

    organization = clean_name(organization)  # one line, single spaces, as names of units and people
    if not organization:
        raise UsageError("the organization name is empty")
    try:
        check_cycle_id(cycle_id)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if end <= start:
        raise UsageError(f"the cycle must end after it starts ({start} → {end})")
    root.mkdir(parents=True, exist_ok=True)
    company = company_id or slugify(organization)
    if is_reserved(company):  # an organization called "Index" or "CON"
        company = f"{company}-company"
    settings: dict[str, object] = {"version": FORMAT_VERSION, "organization": organization}
    if fiscal is not None and fiscal != FiscalYearConfig():
        settings["fiscal_year"] = {"first_month": fiscal.first_month, "named_by": fiscal.named_by}
    texts = {
        "units.yaml": new_text(
            "units.yaml",
            {"units": [{"id": company, "name": organization, "kind": "company"}]},
            header="Organization units: the company, its departments and teams.",
            model=UnitsFile,
        ),
        "cycles.yaml": new_text(
            "cycles.yaml",
            {"cycles": [{"id": cycle_id, "start": start, "end": end, "status": "running"}]},
            header="OKR cycles (usually quarters).",
            model=CyclesFile,
        ),
        "people.yaml": new_text(
            "people.yaml", {"people": []}, header="People who own objectives, key results and units."
        ),
        ".gitignore": layout.GITIGNORE,
        layout.ROOT_FILE: new_text(layout.ROOT_FILE, settings, header=ROOT_HEADER, model=Settings),
    }
    # One transaction: a workspace exists complete or not at all (a killed init leaves only the
    # tool's own dot files, and `init` can run again).
    with Transaction(root) as tx:
        for relpath, text in texts.items():
            tx.replace(relpath, "", text)
        tx.commit()
