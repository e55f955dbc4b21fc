"""Findings as text, JSON or SARIF.

JSON schema (``schema_version`` 1; fields are only ever added, never renamed)::

    {
      "schema_version": 1,
      "tool": "rollout", "version": "<rollout version>",
      "workspace": "<path>",
      "fail_on": "error" | "warning" | "info",
      "summary": {"findings": N, "error": N, "warning": N, "info": N, "files": N, "failed": bool},
      "findings": [
        {
          "code": "OKR201", "name": "activity-key-result",
          "severity": "error" | "warning" | "info",   # "info" is what text calls a note
          "message": "...", "hint": "...",
          "file": "okrs/2026-Q4/hr.yaml",   # relative to the workspace, "/" separators
          "line": 12, "col": 16,            # 1-based; 0 when unknown
          "field": "objectives[0].key_results[2].title",
          "cycle": "2026-Q4" | null, "unit": "hr" | null,
          "objective": "<id>" | null, "kr": "<id>" | null
        }
      ]
    }

SARIF: version 2.1.0, one run, the rules as ``tool.driver.rules`` (id, name,
short and full description, help text and default level) and one result per
finding with its physical location relative to the workspace (``%SRCROOT%``).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import groupby
from pathlib import Path
from typing import Any

from rollout.plural import plural
from rollout.rules.base import SEVERITY_WORDS, Finding
from rollout.rules.registry import REGISTRY

SCHEMA_VERSION = 1
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}


def json_schema_text() -> str:
    """The JSON schema description of this module's docstring (for the reference page)."""
    doc = __doc__ or ""
    start = doc.index("JSON schema")
    return doc[start : doc.index("SARIF:")].strip()


def dumps(value: Any, depth: int, _level: int = 0) -> str:
    """JSON indented down to ``depth``, compact (one line per item) below it.

    ``json.dumps(indent=...)`` uses the pure-Python encoder, about ten times slower;
    one line per finding keeps large reports fast and still readable and diffable.
    """
    if _level >= depth or not isinstance(value, dict | list) or not value:
        return json.dumps(value, ensure_ascii=False, default=str)
    pad, end = "  " * (_level + 1), "  " * _level
    if isinstance(value, dict):
        items = [f"{pad}{json.dumps(k, ensure_ascii=False)}: {dumps(v, depth, _level + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + end + "}"
    return "[\n" + ",\n".join(pad + dumps(v, depth, _level + 1) for v in value) + "\n" + end + "]"


def summary(findings: Sequence[Finding], failed: bool) -> dict[str, Any]:
    counts = Counter(f.severity for f in findings)
    return {
        "findings": len(findings),
        "error": counts["error"],
        "warning": counts["warning"],
        "info": counts["info"],
        "files": len({f.file for f in findings}),
        "failed": failed,
    }


def as_text(
    findings: Sequence[Finding],
    *,
    failed: bool,
    color: bool = False,
    hints: bool = True,
    unit_names: Mapping[str, str] | None = None,
    each: bool = False,
) -> str:
    """``file:line:col SEVERITY CODE message`` grouped by file, each followed by its fix hint.

    SEVERITY is the word people read (:data:`~rollout.rules.base.SEVERITY_WORDS`:
    error, warning, note), also in the summary line.

    Missing fields (findings with a :attr:`~rollout.rules.base.Finding.rollup`, e.g. no
    owner, no baseline) are rolled up into one line per file (a unit in a cycle) and
    kind, "12 key results in Sales (2027-Q1) have no baseline", placed at the first of
    them; ``each=True`` lists every finding. ``unit_names`` maps unit ids to names.
    The summary line counts every finding.
    """
    lines: list[str] = []
    rolled_up = 0
    for file, items in groupby(findings, key=lambda f: f.file):
        group = list(items)
        lines.append(_style(file or "<draft>", bold=True, color=color))
        counts = Counter(f.rollup for f in group if f.rollup and not each)
        shown: set[str] = set()
        for f in group:
            if counts.get(f.rollup, 0) > 1:
                if f.rollup in shown:
                    continue
                shown.add(f.rollup)
                rolled_up += counts[f.rollup]
                message = _rollup_line(f, counts[f.rollup], unit_names or {})
            else:
                message = f.message
            word = _style(SEVERITY_WORDS[f.severity], fg=_COLOURS[f.severity], color=color)
            lines.append(f"{f.where} {word} {f.code} {message}")
            if hints:
                lines.append(f"    hint: {f.hint}")
        lines.append("")
    s = summary(findings, failed)
    if findings:
        parts = [plural(s[k], SEVERITY_WORDS[k]) for k in ("error", "warning", "info") if s[k]]
        lines.append(f"Found {plural(s['findings'], 'finding')} ({', '.join(parts)}) in {plural(s['files'], 'file')}.")
        if rolled_up:
            lines.append(
                f"{plural(rolled_up, 'missing-field finding')} shown as one line per unit and kind; "
                "`--each` lists them one by one, `--format json` with their places."
            )
    else:
        lines.append("All checks passed.")
    return "\n".join(lines)


def _rollup_line(f: Finding, count: int, unit_names: Mapping[str, str]) -> str:
    """ "12 key results in Sales (2027-Q1) have no baseline"."""
    kind, _, missing = f.rollup.partition("|")
    where = ""
    if f.unit:
        where = f" in {unit_names.get(f.unit, f.unit)}" + (f" ({f.cycle})" if f.cycle else "")
    return f"{plural(count, kind)}{where} have {missing}"


def _style(text: str, *, color: bool, bold: bool = False, fg: str | None = None) -> str:
    if not color:
        return text
    import click

    return click.style(text, bold=bold, fg=fg)


def as_json(findings: Sequence[Finding], *, workspace: Path, fail_on: str, failed: bool) -> dict[str, Any]:
    from rollout import __version__

    return {
        "schema_version": SCHEMA_VERSION,
        "tool": "rollout",
        "version": __version__,
        "workspace": str(workspace),
        "fail_on": fail_on,
        "summary": summary(findings, failed),
        "findings": [
            {
                "code": f.code,
                "name": f.name,
                "severity": f.severity,
                "message": f.message,
                "hint": f.hint,
                "file": f.file,
                "line": f.line,
                "col": f.col,
                "field": f.field,
                "cycle": f.cycle,
                "unit": f.unit,
                "objective": f.objective,
                "kr": f.kr,
            }
            for f in findings
        ],
    }


def as_sarif(findings: Sequence[Finding], *, workspace: Path) -> dict[str, Any]:
    from rollout import __version__

    codes = list(REGISTRY)
    rules = []
    for rule in REGISTRY.values():
        parts = rule.sections()
        rules.append(
            {
                "id": rule.code,
                "name": rule.name,
                "shortDescription": {"text": rule.example_message()},
                "fullDescription": {"text": parts["why"]},
                "help": {"text": f"{rule.hint}\n\nBad:\n{parts['bad']}\n\nGood:\n{parts['good']}"},
                "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
                "properties": {"group": rule.group},
            }
        )
    results = []
    for f in findings:
        region: dict[str, int] = {}
        if f.line:
            region = {"startLine": f.line, "startColumn": max(1, f.col)}
        location: dict[str, Any] = {"artifactLocation": {"uri": f.file, "uriBaseId": "%SRCROOT%"}}
        if region:
            location["region"] = region
        result: dict[str, Any] = {
            "ruleId": f.code,
            "ruleIndex": codes.index(f.code),
            "level": _SARIF_LEVEL[f.severity],
            "message": {"text": f"{f.message} Hint: {f.hint}"},
            "locations": [{"physicalLocation": location}],
        }
        logical = [
            {"name": value, "kind": kind} for kind, value in (("objective", f.objective), ("keyResult", f.kr)) if value
        ]
        if logical:
            result["locations"][0]["logicalLocations"] = logical
        results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "rollout",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": workspace.resolve().as_uri() + "/"}},
                "results": results,
            }
        ],
    }
