"""Questionnaire commands: ``questionnaires``, ``ask``, ``readiness`` and ``readiness report``."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

import click

from rollout.cli.common import Day, format_option, print_json, resolve_root, workspace_argument, workspace_option
from rollout.errors import UsageError
from rollout.plural import plural

F = TypeVar("F", bound=Callable[..., Any])

NON_INTERACTIVE = "--answers FILE (YAML or JSON), --data ID=VALUE, or --defaults"


def answer_options(func: F) -> F:
    """The options shared by ``ask`` and ``readiness``."""
    options = [
        workspace_option,
        click.option("--respondent", "-r", metavar="PERSON", help="Id of the person answering (from people.yaml)."),
        click.option("--role", help="Their role, e.g. 'HR lead' (default: their title in people.yaml)."),
        click.option("--unit", metavar="UNIT", help="The unit they answer for (default: their unit in people.yaml)."),
        click.option(
            "--date",
            "day",
            type=Day(),
            help="Date of the answers (default: the workspace's as_of, else today).",
        ),
        click.option(
            "--answers",
            "answers_file",
            type=click.Path(dir_okay=False, path_type=Path),
            help="Answers from a YAML or JSON file (question id: answer), or a saved answers file to replay.",
        ),
        click.option(
            "--data", "-d", multiple=True, metavar="ID=VALUE", help="One answer; repeat for more. Wins over --answers."
        ),
        click.option("--defaults", is_flag=True, help="Ask nothing: unanswered questions take their default."),
        click.option("--resume", is_flag=True, help="Continue where you stopped: skip questions answered before."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@click.command("questionnaires")
@workspace_argument
@format_option("text", "json")
@click.option("--schema", is_flag=True, help="Print the JSON Schema of questionnaire files (for editors) and exit.")
def questionnaires(directory: Path | None, fmt: str, schema: bool) -> None:
    """List the questionnaires: bundled ones and the workspace's own (questionnaires/*.yaml).

    Outside a workspace, lists the bundled questionnaires. A workspace file with
    the id of a bundled questionnaire replaces it; any other id adds one.
    """
    from rollout.errors import WorkspaceNotFound
    from rollout.questionnaire.loader import entries

    if schema:
        from rollout.questionnaire.model import Questionnaire

        print_json(Questionnaire.model_json_schema(by_alias=True))
        return

    try:
        root: Path | None = resolve_root(directory)
    except WorkspaceNotFound:
        root = None
    found = entries(root)
    counts: dict[str, tuple[int, int]] = {}
    if root is not None and (root / "rollout.yaml").is_file():
        from rollout.workspace import layout

        for entry in found:
            folder = root / layout.ASSESSMENTS / entry.questionnaire.id
            files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
            complete = sum(1 for f in files if _is_complete(f))
            counts[entry.questionnaire.id] = (complete, len(files) - complete)
    if fmt == "json":
        print_json(
            [
                {
                    "id": e.questionnaire.id,
                    "version": e.questionnaire.version,
                    "title": e.questionnaire.title,
                    "audience": e.questionnaire.audience,
                    "sections": len(e.questionnaire.all_sections()),
                    "questions": len(e.questionnaire.all_questions()),
                    "dimensions": [d.id for d in e.questionnaire.dimensions],
                    "origin": e.origin,
                    "overrides_bundled": e.overrides,
                    "answered": counts.get(e.questionnaire.id, (0, 0))[0],
                    "in_progress": counts.get(e.questionnaire.id, (0, 0))[1],
                }
                for e in found
            ]
        )
        return
    width = max(len(e.questionnaire.id) for e in found) if found else 10
    for e in found:
        q = e.questionnaire
        origin = "workspace" + (", overrides bundled" if e.overrides else "") if e.origin == "workspace" else "bundled"
        answered = ""
        if q.id in counts:
            done, partial = counts[q.id]
            answered = f"; {done} answered" + (f", {partial} in progress" if partial else "")
        click.echo(
            f"{q.id:<{width}}  {q.title} (v{q.version}, {plural(len(q.all_questions()), 'question')}, "
            f"{origin}{answered})"
        )
        if q.audience:
            click.echo(f"{'':<{width}}  {q.audience}")
    click.echo("\nAnswer one with `rollout ask ID --respondent PERSON`.")


@click.command("ask")
@click.argument("questionnaire_id", metavar="ID")
@answer_options
def ask(questionnaire_id: str, **options: Any) -> None:
    """Answer questionnaire ID and save the answers in the workspace.

    Asks question by question in a terminal; Ctrl-C keeps the answers so far and
    --resume continues. Without a terminal, give the answers with --answers FILE,
    --data ID=VALUE or --defaults. Saved to assessments/ID/PERSON.yaml.

    \b
    Examples:
      rollout ask readiness --respondent annika-brandt
      rollout ask readiness -r annika-brandt --resume
      rollout ask pilot-retrospective -r leila-haddad --answers answers.yaml
      rollout ask cycle-retrospective -r grace-okafor --data focus=4 --data targets=right --defaults
    """
    run_ask(questionnaire_id, command=f"rollout ask {questionnaire_id}", **options)


@click.group("readiness", invoke_without_command=True, subcommand_metavar="[report [DIR]]")
@answer_options
@click.pass_context
def readiness(ctx: click.Context, /, **options: Any) -> None:
    """Answer the readiness assessment (a shortcut for `rollout ask readiness`), or `report` on all answers.

    \b
    Examples:
      rollout readiness --respondent tomasz-wrona
      rollout readiness report
      rollout readiness report --format json
    """
    if ctx.invoked_subcommand is None:
        run_ask("readiness", command="rollout readiness", **options)


@readiness.command("report")
@workspace_argument
@click.option(
    "--questionnaire", "-q", "questionnaire_id", default="readiness", show_default=True, help="Questionnaire to report."
)
@click.option(
    "--only",
    multiple=True,
    metavar="ID=VALUE",
    help="Only respondents whose answer to question ID is VALUE, e.g. --only phase=leadership-pilot.",
)
@format_option("text", "json")
def report(directory: Path | None, questionnaire_id: str, only: tuple[str, ...], fmt: str) -> None:
    """Aggregate every respondent: per dimension mean, spread and who answered; gaps and strategy.

    Works for any questionnaire with -q (the pilot and cycle retrospectives too).

    \b
    Examples:
      rollout readiness report
      rollout readiness report --format json
      rollout readiness report -q pilot-retrospective --only phase=leadership-pilot
    """
    from rollout.cli.common import open_workspace
    from rollout.questionnaire.answers import parse_data
    from rollout.questionnaire.report import readiness_report
    from rollout.questionnaire.report_text import render_text

    filters = parse_data(only).values
    ws = open_workspace(directory)
    result = readiness_report(ws, questionnaire_id, only=filters)
    if fmt == "json":
        print_json(result.to_dict())
    else:
        click.echo(render_text(result))


def _is_complete(path: Path) -> bool:
    from rollout.workspace.yamlsafe import YamlProblem, parse_bytes

    try:
        data = parse_bytes(path.read_bytes(), path.name).data
    except (YamlProblem, OSError):
        return False
    return isinstance(data, dict) and data.get("complete", True) is True


def _interactive() -> bool:
    return sys.stdin.isatty()


def run_ask(
    questionnaire_id: str,
    *,
    command: str,
    directory: Path | None,
    respondent: str | None,
    role: str | None,
    unit: str | None,
    day: datetime | None,
    answers_file: Path | None,
    data: tuple[str, ...],
    defaults: bool,
    resume: bool,
) -> None:
    """One respondent answers one questionnaire (shared by ``ask`` and ``readiness``)."""
    from rollout.prompting import require_terminal

    if defaults:
        interactive = False
    elif _interactive():
        interactive = True
    elif answers_file is not None or data:
        interactive = False
    else:
        require_terminal(f"give the answers with {NON_INTERACTIVE}")
        interactive = False

    from rollout.questionnaire.answers import load_saved, parse_data, read_answers_file, saved_layer
    from rollout.questionnaire.loader import bind, get
    from rollout.questionnaire.session import Respondent, run
    from rollout.workspace import load

    root = resolve_root(directory)
    layers = [parse_data(data)]
    meta: dict[str, Any] = {}
    if answers_file is not None:
        parsed = read_answers_file(answers_file)
        layers.append(parsed.layer)
        meta = parsed.meta
        if meta.get("questionnaire") not in (None, questionnaire_id):
            raise UsageError(
                f"{answers_file} holds answers to {meta['questionnaire']!r}, not {questionnaire_id!r}",
                hint=f"run `rollout ask {meta['questionnaire']} --answers {answers_file}`",
            )
    ws = load(root)
    questionnaire = bind(get(questionnaire_id, root), ws)
    respondent = respondent or meta.get("respondent")
    if respondent is None:
        if not interactive:
            raise UsageError("say who is answering with --respondent PERSON (a person id from people.yaml)")
        respondent = _ask_respondent(ws)
    person = ws.people.get(respondent)
    if person is None:
        from rollout.workspace.references import suggestion

        close = suggestion(ws, "person", respondent)
        raise UsageError(
            f"unknown person {respondent!r}",
            hint=close + " `rollout people list` lists them"
            if close
            else "use a person id (`rollout people list`), e.g. " + ", ".join(_leaders(ws)[:3]),
        )
    unit = unit or meta.get("unit") or person.unit
    if unit is not None and unit not in ws.units:
        ws.unit(unit)  # unknown: "did you mean", and the command that lists the units
    role = role or meta.get("role") or person.title
    when: date = day.date() if day else ws.today
    if day:
        from rollout.flows.entry_dates import check_answers_date

        check_answers_date(ws, when)

    saved = load_saved(root, questionnaire.id, respondent)
    from rollout.workspace import layout

    rel = layout.assessment_file(questionnaire.id, respondent)
    if interactive:
        if saved is not None and not resume:
            state = "completed" if saved.complete else "started"
            click.echo(
                f"{person.name} {state} this on {saved.date}; those answers are offered as defaults "
                "(--resume skips them)."
            )
        elif resume and saved is None:
            click.echo("Nothing saved to resume yet; starting from the first question.")
    where = f" -w {directory}" if directory is not None else ""
    result = run(
        root,
        questionnaire,
        Respondent(respondent, role, unit, when),
        given=layers,
        saved=saved_layer(saved, rel),
        interactive=interactive,
        use_defaults=defaults,
        resume=resume,
        echo=click.echo,
        resume_command=f"{command}{where} --respondent {respondent}",
    )
    click.echo(f"\nSaved {plural(len(result.answers), 'answer')} of {person.name} to {result.relpath}.")
    if questionnaire.scored:
        _print_outcome(questionnaire, result.answers)
        follow = (
            "rollout readiness report"
            if questionnaire.id == "readiness"
            else (f"rollout readiness report -q {questionnaire.id}")
        )
        click.echo(f"Everyone's answers together: {follow}{where.replace(' -w', '')}")


def _print_outcome(questionnaire: Any, answers: dict[str, Any]) -> None:
    from rollout.questionnaire.scoring import score_answers, score_text

    outcome = score_answers(questionnaire, answers)
    click.echo("")
    width = max(len(d.title) for d in outcome.dimensions)
    for d in outcome.dimensions:
        click.echo(f"  {d.title:<{width}}  {score_text(d.score):>4}  {d.band.label if d.band else ''}")
    if outcome.overall is not None and outcome.band is not None:
        click.echo(f"  {'Overall':<{width}}  {score_text(outcome.overall):>4}  {outcome.band.label}")
    if outcome.recommendation is not None:
        rec = outcome.recommendation
        click.echo(f"Your answers suggest: {rec.strategy.title} (decided by {rec.decided_by}).")


def _leaders(ws: Any) -> list[str]:
    return [u.owner for u in ws.units.values() if u.kind in ("company", "department") and u.owner]


def _ask_respondent(ws: Any) -> str:
    import questionary

    from rollout.prompting import ask as ask_question

    people = list(ws.people)
    leaders = _leaders(ws)

    def known(text: str) -> bool | str:
        return True if text.strip() in ws.people else "type a person id from people.yaml (Tab completes)"

    value: str = ask_question(
        questionary.autocomplete(
            "Who is answering? (person id)",
            choices=leaders + [p for p in people if p not in leaders],
            validate=known,
            match_middle=True,
        )
    )
    return value.strip()
