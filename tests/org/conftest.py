"""HRIS-shaped people exports made in the tests, and a workspace to import them into."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

import pytest
from openpyxl import Workbook

from rollout.workspace.create import create_workspace


@pytest.fixture
def org_ws(tmp_path: Path) -> Path:
    """A fresh workspace (as `rollout init` makes it) with as_of fixed for deterministic dates."""
    from datetime import date

    root = tmp_path / "ws"
    create_workspace(root, "Larkspur", "2027-Q1", date(2027, 1, 1), date(2027, 3, 31))
    settings = root / "rollout.yaml"
    settings.write_text(settings.read_text() + "as_of: 2027-02-15\n")
    return root


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[str]], delimiter: str = ",") -> Path:
    stream = io.StringIO()
    writer = csv.writer(stream, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(stream.getvalue(), encoding="utf-8")
    return path


def write_xlsx(path: Path, header: Sequence[str], rows: Sequence[Sequence[str]], title: str | None = None) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    if title:
        sheet.append([title])
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


# January: managers by email (BambooHR-like headers)
JANUARY_HEADER = ["Employee Name", "Work Email", "Department", "Team", "Job Title", "Reports To", "Employee ID"]
JANUARY = [
    ["Maya Chen", "maya@lark.io", "Leadership", "", "CEO", "", "1"],
    ["Tom Ruiz", "tom@lark.io", "Sales", "", "VP Sales", "maya@lark.io", "2"],
    ["Ana Lima", "ana@lark.io", "Sales", "Field Sales", "Field lead", "tom@lark.io", "3"],
    ["Bo Park", "bo@lark.io", "Sales", "Field Sales", "Account executive", "ana@lark.io", "4"],
    ["Cy Dunn", "cy@lark.io", "Customer Success", "", "Head of Customer Success", "maya@lark.io", "5"],
    ["Di Evans", "di@lark.io", "Customer Success", "Onboarding", "Onboarding lead", "cy@lark.io", "6"],
    ["Ed Fox", "ed@lark.io", "Customer Success", "Onboarding", "Onboarding specialist", "di@lark.io", "7"],
]

# April: managers by name, other header words (Personio-like), semicolons; Ana renamed, Bo left,
# Onboarding moved to Sales.
APRIL_HEADER = ["Full name", "E-mail", "Division", "Squad", "Position", "Line manager"]
APRIL = [
    ["Maya Chen", "maya@lark.io", "Leadership", "", "CEO", ""],
    ["Tom Ruiz", "tom@lark.io", "Sales", "", "VP Sales", "Maya Chen"],
    ["Ana Lima-Souza", "ANA@lark.io", "Sales", "Field Sales", "Field lead", "Tom Ruiz"],
    ["Cy Dunn", "cy@lark.io", "Customer Success", "", "Head of Customer Success", "Maya Chen"],
    ["Di Evans", "di@lark.io", "Sales", "Onboarding", "Onboarding lead", "Tom Ruiz"],
    ["Ed Fox", "ed@lark.io", "Sales", "Onboarding", "Onboarding specialist", "Di Evans"],
]
