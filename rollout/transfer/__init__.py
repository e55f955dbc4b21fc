"""OKRs from and to spreadsheets (``rollout import`` / ``rollout export``).

One row per key result (a row with an empty key result is an objective alone);
columns and their synonyms in :mod:`rollout.transfer.columns`. Reading goes through
:mod:`rollout.tabular` (encodings, delimiters, title rows, Excel number formats);
:mod:`~rollout.transfer.planning` checks every row and plans the additions without
writing; :mod:`~rollout.transfer.applying` writes the plan as one all-or-nothing
transaction; :mod:`~rollout.transfer.exporting` writes the sheet back.
"""

from __future__ import annotations

from pathlib import Path

from rollout.tabular import Table, read_table
from rollout.transfer.applying import apply_import
from rollout.transfer.columns import OKR_COLUMNS
from rollout.transfer.exporting import WIDTHS, check_output, export_rows
from rollout.transfer.plan import ImportOptions, ImportPlan
from rollout.transfer.planning import plan_import


def read_rows(path: Path) -> Table:
    """The OKR sheet at ``path`` (CSV or XLSX), header matched against :data:`OKR_COLUMNS`."""
    return read_table(path, OKR_COLUMNS)


__all__ = [
    "OKR_COLUMNS",
    "WIDTHS",
    "ImportOptions",
    "ImportPlan",
    "apply_import",
    "check_output",
    "export_rows",
    "plan_import",
    "read_rows",
]
