"""A pack render worker: ``python -m rollout.report.packs.worker``.

Reads render jobs from stdin and writes outcomes to its original stdout, one
length-prefixed pickle frame each (parent and worker are the same program, so
pickle is safe here). Anything else the process prints goes to stderr, so it can
never corrupt a frame. The worker imports WeasyPrint once and renders jobs until
its stdin closes; the parent retires it when its memory peak passes a budget.

A separate interpreter (rather than ``multiprocessing``) never re-imports the
caller's ``__main__``, so any script may call the build without a main guard.
"""

from __future__ import annotations

import os
import pickle
import struct
import sys
from typing import IO, Any

_HEADER = struct.Struct("!Q")


def write_frame(stream: IO[bytes], obj: Any) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def read_frame(stream: IO[bytes]) -> Any:
    """The next object, or None at end of stream."""
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack(header)
    data = stream.read(size)
    if len(data) < size:
        return None
    return pickle.loads(data)


def main() -> int:
    frames_out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # stray prints go to stderr, never into the frames
    frames_in = sys.stdin.buffer
    import weasyprint  # noqa: F401  (loaded once, before the first job)

    from rollout.report.packs.parallel import render_job

    write_frame(frames_out, "ready")
    while True:
        job = read_frame(frames_in)
        if job is None:
            return 0
        write_frame(frames_out, render_job(job))


if __name__ == "__main__":
    sys.exit(main())
