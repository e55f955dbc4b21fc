"""Loading validates everything and names file:line:col and field for each problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from rollout.errors import LoadError, WorkspaceNotFound
from rollout.workspace import load
from rollout.workspace.cache import CACHE_VERSION
from tests.conftest import WorkspaceFactory


def problems(root: Path) -> list[str]:
    with pytest.raises(LoadError) as caught:
        load(root)
    return [str(p) for p in caught.value.problems]


def test_the_mini_workspace_loads(make_ws: WorkspaceFactory) -> None:
    ws = load(make_ws())
    assert ws.settings.organization == "Mini Co"
    assert ws.objectives["sales-pipeline"].cycle == "2027-Q1"
    assert ws.objectives["sales-pipeline"].unit == "sales"
    assert ws.kr_objective["sales-pipeline-kr1"] == "sales-pipeline"
    assert [c.value for c in ws.checkins["sales-pipeline-kr1"]] == [2.2]
    assert ws.running_cycle() is not None and ws.running_cycle().id == "2027-Q1"  # type: ignore[union-attr]
    assert ws.locate(ws.objectives["sales-pipeline"], "parent") == ("okrs/2027-Q1/sales.yaml", 5, 5)


def test_not_a_workspace(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceNotFound, match="no rollout.yaml"):
        load(tmp_path)


def test_unknown_key_wrong_type_and_bad_date(make_ws: WorkspaceFactory) -> None:
    root = make_ws(
        cycles_yaml="""
        cycles:
          - id: 2027-Q1
            start: 2027-01-01
            end: 2027-02-30
            status: running
            colour: blue
        """,
        people_yaml="""
        people:
          - id: ana
            name: [Ana]
          - id: ben
            name: Ben
        """,
    )
    found = problems(root)
    assert "cycles.yaml:4:5: cycles[0].end: '2027-02-30' is not a day of the calendar" in found
    assert "cycles.yaml:6:5: cycles[0].colour: unknown key" in found
    assert "people.yaml:3:5: people[0].name: expected text, not a list (put it in quotes to keep it as text)" in found


def test_unknown_references(make_ws: WorkspaceFactory) -> None:
    root = make_ws(
        **{
            "okrs/2027-Q1/sales.yaml": """
            objectives:
              - id: sales-pipeline
                title: Build a pipeline we can trust
                owner: carla
                parent: win-big
                key_results:
                  - id: sales-pipeline-kr1
                    title: Grow qualified pipeline from 2.0 to 3.5 MEUR
                    owner: dan
            """,
            "units.yaml": """
            units:
              - id: mini
                name: Mini Co
                kind: company
              - id: sales
                name: Sales
                kind: department
                parent: minny
            """,
        },
    )
    found = problems(root)
    assert "okrs/2027-Q1/sales.yaml:4:5: objectives[0].owner: unknown person 'carla'" in found
    assert "okrs/2027-Q1/sales.yaml:5:5: objectives[0].parent: unknown parent objective 'win-big'" in found
    assert "okrs/2027-Q1/sales.yaml:9:9: objectives[0].key_results[0].owner: unknown person 'dan'" in found
    assert "units.yaml:8:5: units[1].parent: unknown unit 'minny'" in found


def test_reference_cycles_are_reported_once(make_ws: WorkspaceFactory) -> None:
    root = make_ws(
        **{
            "okrs/2027-Q1/sales.yaml": """
            objectives:
              - id: a-one
                title: First
                parent: b-two
              - id: b-two
                title: Second
                parent: a-one
            """,
            "checkins/2027-Q1/sales.yaml": None,
        }
    )
    found = problems(root)
    cycles = [p for p in found if "form a cycle" in p]
    assert cycles == [
        "okrs/2027-Q1/sales.yaml:4:5: objectives[0].parent: objective parents form a cycle: a-one → b-two → a-one"
    ]


def test_duplicate_ids_across_files(make_ws: WorkspaceFactory) -> None:
    root = make_ws(
        **{
            "okrs/2027-Q1/sales.yaml": """
            objectives:
              - id: win-mid-market
                title: Same id as the company's
            """,
            "checkins/2027-Q1/sales.yaml": None,
        }
    )
    found = problems(root)
    assert any("duplicate objective id 'win-mid-market'" in p for p in found)


def test_checkin_in_the_wrong_file_and_unknown_kr(make_ws: WorkspaceFactory) -> None:
    root = make_ws(
        **{
            "checkins/2027-Q1/mini.yaml": """
            checkins:
              - kr: sales-pipeline-kr1
                date: 2027-01-11
                value: 2.2
              - kr: nope
                date: 2027-01-11
                value: 1
            """
        }
    )
    found = problems(root)
    assert (
        "checkins/2027-Q1/mini.yaml:2:5: checkins[0].kr: key result 'sales-pipeline-kr1' belongs in "
        "checkins/2027-Q1/sales.yaml" in found
    )
    assert "checkins/2027-Q1/mini.yaml:5:5: checkins[1].kr: unknown key result 'nope'" in found


def test_file_names_must_be_known_units_and_cycles(make_ws: WorkspaceFactory) -> None:
    root = make_ws(**{"okrs/2027-Q9/ghost.yaml": "objectives: []\n", "okrs/stray.yaml": "x: 1\n"})
    found = problems(root)
    assert (
        "okrs/2027-Q9/ghost.yaml:1:1: unknown cycle '2027-Q9' (folder name); cycles are listed in cycles.yaml" in found
    )
    assert "okrs/2027-Q9/ghost.yaml:1:1: unknown unit 'ghost' (file name); units are listed in units.yaml" in found
    assert any(p.startswith("okrs/stray.yaml: unexpected file") for p in found)


def test_empty_and_broken_files(make_ws: WorkspaceFactory) -> None:
    root = make_ws(people_yaml="", phases_yaml="phases: [\n", priorities_yaml="- a\n- b\n")
    found = problems(root)
    assert "people.yaml:1:1: file is empty; it must hold a mapping" in found
    assert any(p.startswith("phases.yaml:2:1:") for p in found)
    assert "priorities.yaml:1:1: the file must hold a mapping of keys to values" in found


def test_all_problems_are_reported_in_one_run(make_ws: WorkspaceFactory) -> None:
    root = make_ws(
        cycles_yaml="cycles:\n  - id: 2027-Q1\n    start: 2027-01-01\n    end: 2027-03-31\n    status: running\n    x: 1\n",
        people_yaml="people:\n  - id: Ana\n    name: Ana\n",
    )
    found = problems(root)
    assert any(p.startswith("cycles.yaml:6:5") for p in found)
    assert any(p.startswith("people.yaml:2:5: people[0].id") for p in found)


def test_cache_is_used_and_refreshed(make_ws: WorkspaceFactory) -> None:
    from rollout.workspace.cache import ParseCache

    root = make_ws()
    load(root)
    cache = ParseCache(root)
    cache.read("units.yaml")
    assert cache.hits == 1 and cache.misses == 0
    (root / "units.yaml").write_text((root / "units.yaml").read_text().replace("Sales", "Sales & Ops"))
    assert load(root).units["sales"].name == "Sales & Ops"
    # the cache is derived data: deleting or corrupting it changes nothing
    for item in (root / ".rollout" / "cache").rglob("*"):
        if item.is_file():
            item.write_bytes(b"\x00garbage")
    assert load(root).units["sales"].name == "Sales & Ops"


def test_positions_survive_the_cache(make_ws: WorkspaceFactory) -> None:
    root = make_ws()
    load(root)
    ws = load(root)  # second load: data from the cache, positions loaded lazily
    assert ws.locate(ws.key_results["sales-pipeline-kr1"], "owner") == ("okrs/2027-Q1/sales.yaml", 12, 9)


def test_a_checkin_file_read_back_as_rows_still_locates_its_values(make_ws: WorkspaceFactory) -> None:
    root = make_ws()
    load(root)
    ws = load(root)  # check-ins come back as validated rows; their parsed data is not even read
    source = ws.sources["checkins/2027-Q1/sales.yaml"]
    assert source.data == {} and source.rows is None  # the rows became check-ins
    assert source.locate(("checkins", 0, "value")) == (4, 5)


def test_checkins_read_back_from_the_cache_are_identical(make_ws: WorkspaceFactory) -> None:
    root = make_ws()
    first = load(root).checkins["sales-pipeline-kr1"]
    second = load(root).checkins["sales-pipeline-kr1"]  # validated rows from the cache
    assert first == second and second[0].date.isoformat() == "2027-01-11" and second[0].confidence_score == 7
    path = root / "checkins/2027-Q1/sales.yaml"
    path.write_text(path.read_text().replace("value: 2.2", "value: lots"))
    assert "checkins/2027-Q1/sales.yaml:4:5: checkins[0].value: expected a number, not 'lots'" in problems(root)[0]


def test_a_new_cache_version_removes_the_old_ones(make_ws: WorkspaceFactory) -> None:
    root = make_ws()
    old = root / ".rollout" / "cache" / "v1" / "ab"
    old.mkdir(parents=True)
    (old / "abcd.d").write_bytes(b"old format")
    (root / ".rollout" / "cache" / "jinja").mkdir()  # not a parse cache version: kept
    load(root)
    assert not (root / ".rollout" / "cache" / "v1").exists()
    assert (root / ".rollout" / "cache" / "jinja").is_dir()
    assert (root / ".rollout" / "cache" / f"v{CACHE_VERSION}" / "index").is_file()
