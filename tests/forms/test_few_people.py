"""A build that makes one check-in form lists its authors from one pass over people.yaml
(:class:`rollout.forms.people.FewPeople`) instead of indexing everyone: the same people in the
same order as the index (:class:`rollout.forms.spec.People`), for every unit; and the index is
reused only for the people.yaml it was made from."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rollout.forms import spec
from rollout.forms.people import FewPeople, people_for
from rollout.forms.spec import People, checkin_form
from rollout.workspace import load

# Ties and edge cases the demo lacks: names equal but for case (ordered by id then), someone who
# left before as-of (not listed), someone who leaves after it (listed), a member with a title.
EXTRA = """\
- id: zed-ames
  name: anna ames
  unit: {unit}
- id: abe-ames
  name: Anna Ames
  unit: {unit}
  title: Analyst <ops> & "data"
- id: gone-person
  name: Aaron Gone
  unit: {unit}
  left: 2020-01-01
- id: later-person
  name: Aaron Later
  unit: {unit}
  left: 2099-01-01
"""


@pytest.fixture(scope="module")
def workspace(demo_source: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import copy_demo

    root = copy_demo(demo_source, tmp_path_factory.mktemp("few") / "demo")
    ws = load(root)
    cycle = ws.running_cycle()
    assert cycle is not None
    from rollout.flows.checkin import checkin_units

    unit = checkin_units(ws, cycle)[0]
    people = root / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8") + EXTRA.format(unit=unit), encoding="utf-8")
    return root


def test_every_form_lists_the_same_authors_either_way(workspace: Path) -> None:
    from rollout.flows.checkin import checkin_units

    ws = load(workspace)
    cycle = ws.running_cycle()
    assert cycle is not None
    index, few = People(ws), FewPeople(ws)
    units = checkin_units(ws, cycle)
    for unit in units:
        expected = checkin_form(ws, cycle, unit, index)
        assert checkin_form(ws, cycle, unit, few) == expected, unit
    first = checkin_form(ws, cycle, units[0], few).people
    names = [p.id for p in first]
    assert names.index("abe-ames") + 1 == names.index("zed-ames")  # same name but for case: by id
    assert "later-person" in names and "gone-person" not in names


def test_the_index_is_used_only_for_its_people_file(workspace: Path, tmp_path: Path) -> None:
    spec._PEOPLE = None
    ws = load(workspace)
    assert isinstance(people_for(ws, None), FewPeople)  # the first form of a new process
    second = people_for(ws, FewPeople(ws))
    assert isinstance(second, People)  # from the second form on: the index, kept for this people.yaml
    assert people_for(ws, None) is second  # `rollout serve`'s next build: the kept index

    other = tmp_path / "ws"
    shutil.copytree(workspace, other, ignore=shutil.ignore_patterns("build", ".rollout"))
    people = other / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8").replace("Anna Ames", "Anna Ames-Lee"), encoding="utf-8")
    changed = load(other)
    assert isinstance(people_for(changed, None), FewPeople)  # not the index of the other people.yaml
    fresh = people_for(changed, FewPeople(changed))
    assert fresh is not second and "Anna Ames-Lee" in [p.name for p in fresh.everyone]


def test_a_build_after_one_checkin_from_process_start_equals_a_fresh_build(workspace: Path, tmp_path: Path) -> None:
    """The one form remade with FewPeople is the page a full build makes with the index."""
    from rollout.flows.checkin import checkin_units, save_checkins
    from rollout.report.build import build

    root = tmp_path / "ws"
    shutil.copytree(workspace, root, ignore=shutil.ignore_patterns("build", ".rollout"))
    build(root, site=True, packs=False)
    ws = load(root)
    cycle = ws.running_cycle()
    assert cycle is not None
    unit = checkin_units(ws, cycle)[0]
    kr = ws.okr_files[(cycle.id, unit)][0].key_results[0]
    save_checkins(root, cycle.id, unit, [{"kr": kr.id, "date": ws.today.isoformat(), "value": 4.25}])
    spec._PEOPLE = None  # a new process
    update = build(root, site=True, packs=False)
    assert update.forms is not None and update.forms.written == 1
    spec._PEOPLE = None
    build(root, site=True, packs=False, out=root / "fresh")
    page = f"forms/checkin-{unit}.html"
    assert (root / "build" / page).read_bytes() == (root / "fresh" / page).read_bytes()
    assert "abe-ames" in (root / "build" / page).read_text(encoding="utf-8")
