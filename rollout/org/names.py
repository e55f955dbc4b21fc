"""Did-you-mean hints for ids typed on the command line."""

from __future__ import annotations

from collections.abc import Mapping

FEW = 8  # at most this many known ids are listed in full when none is close


def suggest(typed: str, known: Mapping[str, str], listing_command: str) -> str:
    """A hint for an id that names no record. ``known`` maps each id to its name.

    The record :func:`rollout.workspace.suggestions.did_you_mean` finds (``salse`` → ``'sales'``,
    ``lark`` → ``'larkspur'``, ``Ana Lima`` → ``'ana-lima'``), with the command that lists them;
    else every known id when there are at most :data:`FEW`, else that command.
    """
    from rollout.workspace.suggestions import did_you_mean

    hint = did_you_mean(typed, known)
    if hint:
        return f"{hint} (`rollout {listing_command}` lists them)"
    if not known:
        return "there are none yet"
    if len(known) <= FEW:
        return f"known: {', '.join(known)}"
    return f"`rollout {listing_command}` lists them"
