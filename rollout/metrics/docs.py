"""Keep the README section "How the figures are computed" equal to ``figures.md``.

``python -m rollout.metrics.docs [README]`` rewrites the section from
:func:`rollout.metrics.figures.explanation`; :func:`readme_section` reads it
back (a test compares the two, so the README, the site page and the code's
definitions cannot drift apart).
"""

from __future__ import annotations

import sys
from pathlib import Path

from rollout.metrics.figures import explanation

HEADING = "## How the figures are computed\n"


def readme_section(readme: str) -> str:
    """The body of the section in ``readme`` (after its heading and generated-from comment), or ``""``."""
    if HEADING not in readme:
        return ""
    body = readme.split(HEADING, 1)[1]
    end = body.find("\n## ")
    body = body if end < 0 else body[: end + 1]
    if body.lstrip().startswith("<!--"):
        body = body.split("-->", 1)[1]
    return body.strip("\n") + "\n"


def sync_readme(path: Path) -> bool:
    """Rewrite the section of the README at ``path`` from ``figures.md``; True when it changed."""
    text = path.read_text(encoding="utf-8")
    current = readme_section(text)
    wanted = explanation().strip("\n") + "\n"
    if current == wanted:
        return False
    if not current:
        raise SystemExit(f"{path}: no '{HEADING.strip()}' section to fill")
    path.write_text(text.replace(current, wanted, 1), encoding="utf-8")
    return True


if __name__ == "__main__":  # pragma: no cover - a maintainer's command
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "README.md")
    print(f"{target}: {'updated' if sync_readme(target) else 'already up to date'}")
