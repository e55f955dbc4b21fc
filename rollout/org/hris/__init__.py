"""The organization from an HRIS people export (``rollout org import`` / ``rollout org export``).

One row per person. Headers are matched case-, space-, underscore- and
hyphen-insensitively (:mod:`rollout.tabular`) against :data:`SYNONYMS`:

============== ==================================================================
column         also accepted
============== ==================================================================
name           Employee name, Full name, Employee, Display name, Person
first_name     First name, Given name, Forename (with last_name, instead of name)
last_name      Last name, Surname, Family name
email          Work email, Email address, E-mail, Business email, Company email
department     Dept, Division, Business unit, Function
team           Sub-department, Subdepartment, Group, Squad, Work group
title          Job title, Position, Role, Job
manager        Reports to, Line manager, Manager name, Supervisor, Direct manager
manager_email  Manager email, Manager e-mail, Reports to email, Supervisor email
owner          Unit owner, Head of unit (a row's person owns the row's team, or its
               department when the row has no team): overrides the computed owner
============== ==================================================================

Other columns are ignored. A manager is named by email or by name.

What an import does (:func:`plan_import`, then :func:`apply_import`):

- **People** are matched to the workspace by email (case-insensitive), else by name
  (:func:`rollout.tabular.name_key`). A matched person keeps their id; a new name,
  email, title, unit or manager is a change. A new person gets an id from the name.
  A person marked as left who is in the export again comes back (``left`` removed).
- **Units**: departments are found by name among the company's departments, teams by
  name (a team's name is looked up across departments, so a team whose department
  changed in the export is *moved*, keeping its former parent for earlier cycles).
  Units missing from the workspace are created. A new unit's name that is nearly an
  existing one ("Customer Servce") is refused with a "did you mean".
- **Owners** of new units, or of units whose owner left or is missing: the
  ``owner`` column or ``--owner UNIT=PERSON`` if given, else a department's most
  senior member by the manager chain (fewest managers above them within the
  export; ties: most people reporting to them directly or not, then file order), and
  a team's lead (the same rule among the team's members). Existing owners are kept.
- **People missing** from the export are listed; with ``mark_left`` they get
  ``left: <day>``. Nobody is ever deleted: OKRs, check-ins and reviews name people.

Every row is checked first; any problem is reported with its row and column and
nothing is written. The writes (people.yaml and units.yaml) are all-or-nothing
(:mod:`rollout.org.store`). Importing the same file again changes nothing.

Modules: :mod:`.sheet` (columns, reading rows, the export), :mod:`.plan` (matching and
planning), :mod:`.apply` (staging the plan, describing it by name).
"""

from __future__ import annotations

from rollout.org.hris.apply import apply_import, describe
from rollout.org.hris.plan import ImportPlan, plan_import
from rollout.org.hris.sheet import EXPORT_HEADER, SYNONYMS, PersonRow, columns, export_rows, read_export

__all__ = [
    "EXPORT_HEADER",
    "SYNONYMS",
    "ImportPlan",
    "PersonRow",
    "apply_import",
    "columns",
    "describe",
    "export_rows",
    "plan_import",
    "read_export",
]
