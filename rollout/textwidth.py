"""Terminal columns of text, for the tables the commands print (people, units, phases, status).

``len()`` counts characters, but a terminal gives a Chinese, Japanese or Korean
character two columns and a combining accent none, so "李雷" padded with ``ljust``
pushes the rest of its row two columns right. :func:`width` measures with wcwidth
(already installed with questionary's prompt_toolkit); :func:`fit` cuts a long
name with "…" and :func:`pad` fills to a width.
"""

from __future__ import annotations


def width(text: str) -> int:
    """Terminal columns of ``text`` (wide characters count two); characters for control characters."""
    from wcwidth import wcswidth

    columns = wcswidth(text)
    return columns if columns >= 0 else len(text)


def fit(text: str, columns: int) -> str:
    """``text`` cut to at most ``columns`` terminal columns, ending in "…" when cut."""
    if width(text) <= columns:
        return text
    out, used = "", 0
    for char in text:
        w = width(char)
        if used + w > columns - 1:
            break
        out, used = out + char, used + w
    return out + "…"


def pad(text: str, columns: int) -> str:
    """``text`` followed by spaces up to ``columns`` terminal columns (never cut)."""
    return text + " " * max(columns - width(text), 0)
