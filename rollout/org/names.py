"""Did-you-mean hints for ids typed on the command line."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

FEW = 8  # at most this many known ids are listed in full when none is close


def suggest(typed: str, known: Iterable[str], listing_command: str) -> str:
    """A hint naming the closest known id (difflib ratio ≥ 0.6, or the only id that starts with what was
    typed), else every known id when there are at most :data:`FEW`, else the command that lists them."""
    ids = list(known)
    close = difflib.get_close_matches(typed, ids, n=1)
    if not close:
        prefixed = [i for i in ids if i.startswith(f"{typed}-")]  # "acme" for "acme-freight"
        close = prefixed if len(prefixed) == 1 else []
    if close:
        return f"did you mean {close[0]!r}? (`rollout {listing_command}` lists them)"
    if not ids:
        return "there are none yet"
    if len(ids) <= FEW:
        return f"known: {', '.join(ids)}"
    return f"`rollout {listing_command}` lists them"
