"""Did-you-mean hints for ids typed on the command line."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def suggest(typed: str, known: Iterable[str], listing_command: str) -> str:
    """A hint naming the closest known id (difflib ratio ≥ 0.6), else the command that lists them."""
    close = difflib.get_close_matches(typed, list(known), n=1)
    if close:
        return f"did you mean {close[0]!r}? (`rollout {listing_command}` lists them)"
    return f"`rollout {listing_command}` lists them"
