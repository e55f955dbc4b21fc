"""An HRIS people export: its columns and synonyms, reading its rows, writing one (see :mod:`rollout.org.hris`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rollout.errors import LoadError, Problem
from rollout.workspace.models import Person
from rollout.workspace.workspace import Workspace

SYNONYMS: dict[str, list[str]] = {
    "name": ["Employee name", "Full name", "Employee", "Display name", "Person", "Employee full name"],
    "first_name": ["First name", "Given name", "Forename"],
    "last_name": ["Last name", "Surname", "Family name"],
    "email": ["Work email", "Email address", "E-mail", "Business email", "Company email", "Work e-mail"],
    "department": ["Dept", "Division", "Business unit", "Function", "Department name"],
    "team": ["Sub-department", "Subdepartment", "Group", "Squad", "Work group", "Team name"],
    "title": ["Job title", "Position", "Role", "Job", "Job role"],
    "manager": ["Reports to", "Line manager", "Manager name", "Supervisor", "Direct manager", "Reporting to"],
    "manager_email": ["Manager email", "Manager e-mail", "Reports to email", "Supervisor email", "Line manager email"],
    "owner": ["Unit owner", "Head of unit"],
}

EXPORT_HEADER = ["Employee name", "Work email", "Department", "Team", "Job title", "Reports to"]


def columns() -> Any:
    """The :class:`rollout.tabular.Columns` of an HRIS people export (unknown columns ignored)."""
    from rollout.tabular import Columns

    return Columns(SYNONYMS, ignore_unknown=True)


@dataclass
class PersonRow:
    """One person as the export has them (names cleaned, email lower-cased)."""

    number: int
    name: str
    email: str
    department: str
    team: str
    title: str
    manager: str  # as written: a name or an email
    owner: bool
    row: Any = field(repr=False)


def read_export(path: Path) -> list[PersonRow]:
    """The rows of an export file, checked one by one; LoadError lists every bad row."""
    from rollout.tabular import clean_name, name_key, read_table

    table = read_table(path, columns())
    name = path.name
    if "name" not in table.positions and not {"first_name", "last_name"} <= set(table.positions):
        found = ", ".join(table.headers.values()) or "no known column"
        raise LoadError(
            [
                Problem(
                    name,
                    table.header_row,
                    0,
                    "header",
                    f"no name column (Employee name, or First and Last name); found: {found}",
                )
            ],
            what=name,
        )
    problems: list[Problem] = []
    out: list[PersonRow] = []
    by_email: dict[str, int] = {}
    by_name: dict[str, tuple[int, str]] = {}  # name key → (first row, its email)
    for row in table.rows:
        full = clean_name(row.text("name") or f"{row.text('first_name')} {row.text('last_name')}")
        if not full:
            problems.append(row.problem("name" if "name" in table.positions else "first_name", "no name"))
            continue
        email = row.text("email").strip().lower()
        if email:
            try:
                Person.model_validate({"id": "x", "name": full, "email": email})
            except ValueError:
                problems.append(row.problem("email", f"{email!r} is not an email address"))
                continue
            if email in by_email:
                problems.append(row.problem("email", f"{email} is also on row {by_email[email]}"))
                continue
            by_email[email] = row.number
        earlier = by_name.get(name_key(full))
        if earlier is not None and not (email and earlier[1]):
            # Two people may share a name, but without both emails a later import cannot tell them apart.
            problems.append(
                row.problem(
                    "name" if "name" in table.positions else "first_name",
                    f"{full!r} is also on row {earlier[0]}; if they are two people, give both their work email, "
                    "else remove the repeated row",
                )
            )
            continue
        by_name.setdefault(name_key(full), (row.number, email))
        department, team = clean_name(row.text("department")), clean_name(row.text("team"))
        if team and not department:
            problems.append(row.problem("department", f"team {team!r} needs a department"))
            continue
        manager = (row.text("manager_email") or row.text("manager")).strip()
        owner_text = row.text("owner").strip().lower()
        owner = owner_text in ("yes", "y", "true", "1", "x", "owner", "head", "lead")
        if owner_text and not owner and owner_text not in ("no", "n", "false", "0", "-"):
            problems.append(row.problem("owner", f"{row.text('owner')!r}: use yes or leave it empty"))
            continue
        title = clean_name(row.text("title"))
        out.append(PersonRow(row.number, full, email, department, team, title, manager, owner, row))
    if problems:
        raise LoadError(problems, what=name)
    if not out:
        # Refused rather than read as "everybody left": --mark-left would mark the whole organization.
        raise LoadError(
            [
                Problem(
                    name, table.header_row, 0, "", "no people below the header row; is this the right file or sheet?"
                )
            ],
            what=name,
        )
    return out


def export_rows(ws: Workspace, *, include_left: bool = False) -> list[list[str]]:
    """people.yaml as an export of the same shape as the import reads (:data:`EXPORT_HEADER`)."""
    rows = [list(EXPORT_HEADER)]
    for p in ws.people.values():
        if p.left is not None and not include_left:
            continue
        department, team = "", ""
        if p.unit in ws.units:
            home = ws.units[p.unit]
            if home.kind == "team":
                team = home.name
                found = ws.department_of(home.id)
                department = found.name if found else ""
            elif home.kind == "department":
                department = home.name
        manager = ""
        if p.manager in ws.people:
            boss = ws.people[p.manager]
            manager = boss.email or boss.name
        rows.append([p.name, p.email or "", department, team, p.title or "", manager])
    return rows
