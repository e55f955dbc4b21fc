"""The parse cache: parsed YAML, per file, keyed by content hash.

Parsing YAML is the slowest step of every command, so each file's parsed data
and the positions (line, column) of its values are kept under ``.rollout/cache/``
in the workspace: one entry per file content, so placing a finding needs no
second read; positions stay packed until a value is located. An index remembers
each file's size, mtime, inode and hash: an unchanged file is not even read
again. The cache is derived data: safe to delete, ignored by git, rebuilt on
demand. It is stored with :mod:`marshal` (plain data only, nothing executable).
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import shutil
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rollout.errors import WriteError
from rollout.workspace.fileio import STATE_DIR, atomic_write
from rollout.workspace.yamlsafe import Parsed, Path_, Positions, parse_bytes

CACHE_VERSION = "4"  # 4: check-in values must be finite (rows cached by 3 were not checked)


# Positions are cached compactly: every path flattened to one string, every (line, column)
# packed into one 64-bit int, all of them in one bytes object. Unpacking a few thousand
# files' positions (a large `rollout check`) then costs a fifth of unpacking dictionaries
# keyed by tuples, and reading an entry costs little more than reading its data.
_ITEM, _PART, _COL_BITS = "\x1e", "\x1f", 16
CompactPositions = dict[str, int]
PackedPositions = tuple[str, bytes]


def _key(path: Path_) -> str:
    return _PART.join([f"#{part}" if isinstance(part, int) else part for part in path])


def pack_positions(positions: Positions) -> PackedPositions:
    """``{("a", 0): (3, 5)}`` → ``("a\x1f#0", bytes of [3 << 16 | 5])`` (marshal-friendly)."""
    keys = [_key(path) for path in positions]
    values = array("q", [line << _COL_BITS | col for line, col in positions.values()])
    return _ITEM.join(keys), values.tobytes()


def unpack_positions(packed: PackedPositions) -> CompactPositions:
    keys, values = packed
    if not values:
        return {}
    return dict(zip(keys.split(_ITEM), array("q", values), strict=True))


@dataclass
class Source:
    """One parsed workspace file. Positions load lazily, on the first :meth:`locate`."""

    relpath: str
    data: Any
    sha: str
    _positions: CompactPositions | None = None
    _cache: ParseCache | None = field(default=None, repr=False)
    _packed: PackedPositions | None = field(default=None, repr=False)
    rows: list[Any] | None = field(default=None, repr=False)  # a check-in file's validated records, until loaded
    # How many lookups the packed positions answered, and their searchable form (see _position).
    _looked: int = field(default=0, repr=False, compare=False)
    _keys: str | None = field(default=None, repr=False, compare=False)
    _values: array[int] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def parsed(cls, relpath: str, parsed: Parsed) -> Source:
        """A file parsed outside the cache (e.g. a questionnaire), with its positions."""
        return cls(relpath, parsed.data, "", unpack_positions(pack_positions(parsed.positions)))

    def locate(self, path: Path_) -> tuple[int, int]:
        """(line, column) of the value at ``path``, or of its nearest located parent."""
        path = tuple(path)
        while True:
            hit = self._position(_key(path))
            if hit:
                return hit >> _COL_BITS, hit & ((1 << _COL_BITS) - 1)
            if not path:
                return 1, 1
            path = path[:-1]

    def _position(self, key: str) -> int:
        """The packed (line, column) of one flattened path, 0 when it is not in the file.

        The first few lookups in a file search the packed keys instead of unpacking them
        all: a large ``rollout check`` places one or two findings in each of 2,395 files
        (2,000 teams), and unpacking a file's ~80 positions into a dict cost 10-17 µs a
        file, against ~3 µs for a search (2026-11-29, this machine: 25-40 ms of the rules
        pass). From :data:`_UNPACK_AFTER` lookups on, the dict is built once. The answer
        is the dict's: the last entry of a repeated key.
        """
        positions = self._positions
        if positions is None:
            if self._looked < _UNPACK_AFTER and self._packed is not None:
                if self._keys is None:
                    self._keys, self._values = _searchable(self._packed)
                if self._keys is not None and self._values is not None:
                    self._looked += 1
                    at = self._keys.rfind(_ITEM + key + _ITEM)
                    return self._values[self._keys.count(_ITEM, 0, at)] if at >= 0 else 0
            if self._packed is not None:
                positions = unpack_positions(self._packed)
            else:
                positions = self._cache.positions(self) if self._cache else {}
            self._positions, self._packed, self._keys, self._values = positions, None, None, None
        return positions.get(key, 0)


_UNPACK_AFTER = 8


def _searchable(packed: PackedPositions) -> tuple[str | None, array[int] | None]:
    """Packed positions as (separator + keys + separator, values) for :meth:`Source._position`,
    or ``(None, None)`` when they are not one value per key (left to :func:`unpack_positions`)."""
    keys, values = packed
    if not values or len(values) % 8 or keys.count(_ITEM) + 1 != len(values) // 8:
        return None, None
    return _ITEM + keys + _ITEM, array("q", values)


class ParseCache:
    """Per-file parse cache of one workspace."""

    def __init__(self, root: Path, *, enabled: bool = True) -> None:
        self.root = root
        self.enabled = enabled
        self.folder = root / STATE_DIR / "cache" / f"v{CACHE_VERSION}"
        self._root = os.fspath(root)  # plain strings on the hot path: pathlib costs more than the reads
        self._folder = os.fspath(self.folder)
        self._index: dict[str, tuple[int, int, int, str]] = {}
        self._dirty = False
        self._new = True  # no index yet: a first run, or a new cache version
        self.hits = 0
        self.misses = 0
        # What :meth:`prime` found of each file, used once by :meth:`sha` instead of a second
        # ``stat`` of the same file a moment later (5,024 files for 2,000 teams: 15-25 ms of
        # every load, 2026-11-29). A file changed in between is seen by the next load.
        self._stats: dict[str, os.stat_result] = {}
        if enabled and (root / STATE_DIR).is_symlink():
            self.enabled = enabled = False  # never read or write a cache through a link
        if enabled:
            with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
                loaded = marshal.loads((self.folder / "index").read_bytes())
                if isinstance(loaded, dict):
                    self._index, self._new = loaded, False

    def _read_entry(self, sha: str, suffix: str) -> bytes:
        with open(os.path.join(self._folder, sha[:2], sha + suffix), "rb") as handle:
            return handle.read()

    def sha(self, relpath: str) -> tuple[str, bytes | None]:
        """Content hash of a file: from the index when size, mtime and inode match, else by reading it."""
        path = os.path.join(self._root, relpath)
        stat = self._stats.pop(relpath, None) or os.stat(path)
        entry = self._index.get(relpath)
        if entry and entry[:3] == (stat.st_mtime_ns, stat.st_size, stat.st_ino):
            return entry[3], None
        with open(path, "rb") as handle:
            raw = handle.read()
        sha = hashlib.sha256(raw).hexdigest()
        self._remember(relpath, stat, sha)
        return sha, raw

    def read(self, relpath: str) -> Source:
        """Parse ``relpath`` (relative to the root), from the cache when unchanged.

        Raises :class:`~rollout.workspace.yamlsafe.YamlProblem` for a bad file.
        """
        sha, raw = self.sha(relpath)
        if self.enabled:
            entry = self._entry(sha)
            if entry is not None:
                self.hits += 1
                return Source(relpath, entry[0], sha, None, self, entry[1])
        if raw is None:
            raw = (self.root / relpath).read_bytes()
            sha = hashlib.sha256(raw).hexdigest()
        parsed = parse_bytes(raw, relpath)
        self.misses += 1
        packed = pack_positions(parsed.positions)
        if self.enabled:
            with contextlib.suppress(OSError, ValueError, WriteError):
                atomic_write(self.folder / sha[:2] / f"{sha}.d", marshal.dumps((parsed.data, packed)), durable=False)
        return Source(relpath, parsed.data, sha, None, self, packed)

    def _entry(self, sha: str) -> tuple[Any, PackedPositions] | None:
        """The cached (data, packed positions) of a file content, if any."""
        with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
            entry = marshal.loads(self._read_entry(sha, ".d"))
            if isinstance(entry, tuple) and len(entry) == 2:
                return entry[0], entry[1]
        return None

    def prime(self, relpaths: list[str], *, workers: int = 2, threshold: int = 64) -> None:
        """Parse the files missing from the cache in parallel processes (a cold start of a big workspace).

        Workers only fill the cache; :meth:`read` then finds every file there. Files
        with YAML errors are left for :meth:`read` to report.
        """
        if not self.enabled or workers < 2 or (os.cpu_count() or 1) < 2:
            return
        missing = [rel for rel in relpaths if not self._fresh(rel)]
        if len(missing) < threshold:
            return
        import multiprocessing

        try:
            context = multiprocessing.get_context("fork")
        except ValueError:
            return
        chunks = [missing[i::workers] for i in range(workers)]
        with context.Pool(workers) as pool:
            results = pool.starmap(_prime_chunk, [(str(self.root), chunk) for chunk in chunks])
        for entries in results:
            for relpath, entry in entries.items():
                self._index[relpath] = entry
                self._dirty = True

    def _fresh(self, relpath: str) -> bool:
        entry = self._index.get(relpath)
        if entry is None:
            return False
        with contextlib.suppress(OSError):
            stat = self._stats[relpath] = os.stat(os.path.join(self._root, relpath))
            return entry[:3] == (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        return False

    def rows(self, sha: str) -> list[Any] | None:
        """Validated records of a file stored by :meth:`store_rows`, if any."""
        if not self.enabled:
            return None
        with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
            loaded = marshal.loads(self._read_entry(sha, ".v"))
            if isinstance(loaded, list):
                return loaded
        return None

    def store_rows(self, sha: str, rows: list[Any]) -> None:
        """Keep the validated form of a valid file (plain tuples), keyed by its content hash."""
        if self.enabled:
            with contextlib.suppress(OSError, ValueError, WriteError):
                atomic_write(self.folder / sha[:2] / f"{sha}.v", marshal.dumps(rows), durable=False)

    def positions(self, source: Source) -> CompactPositions:
        """The positions of a file's values, from the cache (or by parsing it again)."""
        entry = self._entry(source.sha) if self.enabled else None
        if entry is not None:
            with contextlib.suppress(ValueError, TypeError):
                return unpack_positions(entry[1])
        with contextlib.suppress(Exception):
            parsed = parse_bytes((self.root / source.relpath).read_bytes(), source.relpath)
            return unpack_positions(pack_positions(parsed.positions))
        return {}

    def _remember(self, relpath: str, stat: os.stat_result, sha: str) -> None:
        """Note a file's identity and hash in the index."""
        entry = (stat.st_mtime_ns, stat.st_size, stat.st_ino, sha)
        if self._index.get(relpath) != entry:
            self._index[relpath] = entry
            self._dirty = True

    def save(self) -> None:
        """Write the index if it changed (best effort: a read-only workspace still loads)."""
        if self.enabled and self._dirty:
            with contextlib.suppress(OSError, ValueError, WriteError):
                atomic_write(self.folder / "index", marshal.dumps(self._index), durable=False)
            self._dirty = False
            if self._new:
                self._new = False
                self._remove_other_versions()

    def _remove_other_versions(self) -> None:
        """Delete caches an earlier version of the tool left (they are never read again)."""
        with contextlib.suppress(OSError):
            for old in self.folder.parent.glob("v*"):
                if old.is_dir() and old != self.folder and old.name[1:].isdigit():
                    shutil.rmtree(old, ignore_errors=True)


def _prime_chunk(root: str, relpaths: list[str]) -> dict[str, tuple[int, int, int, str]]:
    """Worker: parse files into the cache; return their index entries."""
    import gc

    gc.disable()
    cache = ParseCache(Path(root))
    for relpath in relpaths:
        with contextlib.suppress(Exception):  # the parent reports problems when it reads the file
            cache.read(relpath)
    return cache._index
