"""The library's one SQLite connection: opening, recovery, migrations, transactions and its errors.

Reliability rules: every user action is one `write()` transaction, committed before the call
returns (no "Save", nothing lost on a crash); WAL mode with synchronous=FULL; writers take the
lock up front (BEGIN IMMEDIATE) and wait for each other, so two windows or processes never see
"database is locked". A database from a newer Dramatis is refused and left untouched; an
unreadable one is moved aside (never overwritten or deleted) and a fresh one is started.

Every sqlite3 error leaving a public method of the connection or of a part built on it (`Part`)
becomes a `LibraryError` with a sentence for the user: that is the store's boundary.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator
from functools import wraps
from pathlib import Path
from typing import Any, ParamSpec, TypeVar
from urllib.parse import quote

import sqlite_utils

from models.errors import LibraryError, LibraryWriteError, StorageError
from models.library.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
# How long a writer keeps retrying when another process holds the write lock.
WRITE_WAIT_S = 30.0
LIBRARY_SUFFIX = ".dramatis-library"
SQLITE_HEADER = b"SQLite format 3\x00"
_CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_SQLITE_READONLY = 8
_SQLITE_FULL = 13
_QUICK_CHECK_MAX_BYTES = 256 * 1024 * 1024

_P = ParamSpec("_P")
_R = TypeVar("_R")


def now() -> str:
    """The time stamp every row carries (UTC, milliseconds), so rows from two machines sort together."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def plain(exc: BaseException) -> str:
    """An exception as a clause for a sentence."""
    return str(exc).rstrip(".") or type(exc).__name__


def _guarded(method: Callable[_P, _R]) -> Callable[_P, _R]:
    """Every SQLite error leaving the library becomes a `LibraryError` with a sentence for the user."""

    @wraps(method)
    def call(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return method(*args, **kwargs)
        except sqlite3.Error as exc:
            owner = args[0]
            connection = owner if isinstance(owner, LibraryConnection) else getattr(owner, "c", None)
            if not isinstance(connection, LibraryConnection):
                raise LibraryError(f"The library could not be read ({plain(exc)}).") from exc
            if connection.depth:  # inside a write: the transaction is undone
                raise connection.write_error(exc) from exc
            if isinstance(exc, sqlite3.DatabaseError) and is_corruption(exc):
                raise LibraryError(
                    f"The library {connection.path} is damaged ({plain(exc)}); "
                    "Library › Export Library can save what is still readable."
                ) from exc
            raise LibraryError(f"The library {connection.path} could not be read ({plain(exc)}).") from exc

    return call


class Guarded:
    """A class whose public methods (all but `write`) turn SQLite errors into `LibraryError`."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name, member in list(vars(cls).items()):
            if name.startswith("_") or name == "write" or isinstance(member, (staticmethod, classmethod, property)):
                continue
            if callable(member) and not isinstance(member, type):
                setattr(cls, name, _guarded(member))


class LibraryConnection(Guarded):
    """The open library database (one connection, used from the thread that opened it)."""

    def __init__(self, path: str | os.PathLike[str], *, recover: bool = True, check: bool = True) -> None:
        """`check=False` skips the whole-file check, for extra connections once the window's own has made it."""
        self.path = Path(path)
        self._check = check
        self.notice: str | None = None  # a sentence for the user when the old file had to be moved aside
        self.moved_to: Path | None = None
        self.depth = 0  # how many `write()` blocks are open (nested ones join the outer transaction)
        # A library file or folder without write permission is opened read-only, visibly, never half-writable.
        self.read_only = _write_protected(self.path)
        if not self.read_only:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StorageError(f"The folder {self.path.parent} could not be made ({exc.strerror or exc}).") from exc
        try:
            self.conn = self._open_read_only() if self.read_only else self._open()
        except sqlite3.DatabaseError as exc:
            if self.read_only or not recover or not is_corruption(exc):
                raise StorageError(f"The library {self.path} could not be opened ({plain(exc)}).") from exc
            self._move_aside(str(exc))
            self.conn = self._open()
        self.db = sqlite_utils.Database(self.conn)

    @property
    def read_only_cause(self) -> str:
        return f"the library {self.path} is read-only"

    @property
    def read_only_message(self) -> str:
        return (
            f"The library {self.path} is read-only, so nothing you change is saved; "
            "make the file and its folder writable, or choose another folder with --data-dir."
        )

    # ----- opening ---------------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        problem = _header_problem(self.path)
        if problem:
            raise _Corrupt(problem)
        existed = self.path.exists() and self.path.stat().st_size > 0
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StorageError(
                    f"The library {self.path} was made by a newer version of Dramatis; "
                    "update Dramatis to open it (the file was left as it is)."
                )
            if existed and version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                raise _Corrupt("the file is an SQLite database but not a Dramatis library")
            if existed and version > 0:
                app_id = conn.execute("PRAGMA application_id").fetchone()[0]
                if app_id != APPLICATION_ID:
                    raise _Corrupt("the file is an SQLite database but not a Dramatis library")
                if self._check and self.path.stat().st_size <= _QUICK_CHECK_MAX_BYTES:
                    rows = conn.execute("PRAGMA quick_check").fetchall()
                    if rows != [("ok",)]:
                        raise _Corrupt("; ".join(str(r[0]) for r in rows[:3]))
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            self.conn = conn
            self._migrate(version)
        except BaseException:
            conn.close()
            raise
        return conn

    def _open_read_only(self) -> sqlite3.Connection:
        """Open without ever writing: `mode=ro`, or `immutable=1` when a WAL file cannot be shared from here."""
        problem = _header_problem(self.path)
        if problem:
            raise _Corrupt(problem)
        if not self.path.exists():
            raise StorageError(f"The library {self.path} does not exist and its folder is read-only.")
        uri = "file:" + quote(str(self.path.resolve()))
        last: sqlite3.Error | None = None
        # In a folder that may not be written, not even the shared-memory file of a WAL reader is made.
        folder_locked = _write_protected(self.path.parent / ".probe")
        choices = ("?mode=ro&immutable=1",) if folder_locked else ("?mode=ro", "?mode=ro&immutable=1")
        for options in choices:
            conn = sqlite3.connect(uri + options, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            try:
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                if version != SCHEMA_VERSION:
                    conn.close()
                    raise StorageError(
                        f"The library {self.path} is read-only and from another version of Dramatis; "
                        "make it writable so it can be brought up to date."
                    )
                if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                    conn.close()
                    raise StorageError(f"The file {self.path} is not a Dramatis library.")
                if self._check and self.path.stat().st_size <= _QUICK_CHECK_MAX_BYTES:
                    rows = conn.execute("PRAGMA quick_check").fetchall()
                    if rows != [("ok",)]:
                        conn.close()
                        raise _Corrupt("; ".join(str(r[0]) for r in rows[:3]))
                conn.execute("PRAGMA query_only = ON")
                log.warning("library %s opened read-only", self.path)
                return conn
            except sqlite3.OperationalError as exc:  # e.g. a WAL library in a folder we may not write to
                conn.close()
                last = exc
        assert last is not None
        raise last

    def integrity_problem(self) -> str | None:
        """None when SQLite's full integrity check passes; otherwise what it found (first lines)."""
        try:
            rows = self.conn.execute("PRAGMA integrity_check(20)").fetchall()
        except sqlite3.DatabaseError as exc:
            return str(exc)
        if rows == [("ok",)]:
            return None
        return "; ".join(str(r[0]) for r in rows[:3])

    def _migrate(self, version: int) -> None:
        for target in range(version, SCHEMA_VERSION):
            with self.write():
                current = self.conn.execute("PRAGMA user_version").fetchone()[0]
                if current > target:  # another process migrated meanwhile
                    continue
                MIGRATIONS[target](self.conn)
                self.conn.execute(f"PRAGMA user_version = {target + 1}")
            log.info("library %s migrated to schema %d", self.path, target + 1)

    def _move_aside(self, reason: str) -> None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"library.corrupt-{stamp}.sqlite3")
        number = 2
        while target.exists():
            target = self.path.with_name(f"library.corrupt-{stamp}-{number}.sqlite3")
            number += 1
        os.replace(self.path, target)
        for extra in ("-wal", "-shm", "-journal"):
            side = Path(str(self.path) + extra)
            if side.exists():
                os.replace(side, Path(str(target) + extra))
        self.moved_to = target
        self.notice = (
            f"The library could not be read, so Dramatis started a new one; "
            f"the old file was kept as {target.name} in {target.parent}."
        )
        log.error("library %s unreadable (%s); moved to %s", self.path, reason, target)

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("PRAGMA optimize")
        self.conn.close()

    # ----- transactions ----------------------------------------------------------------------------

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One transaction, committed on leaving (nested calls join the outer one)."""
        if self.depth:
            self.depth += 1
            try:
                yield self.conn
            finally:
                self.depth -= 1
            return
        if self.read_only:
            raise LibraryWriteError(self.read_only_message, "read-only", self.read_only_cause)
        try:
            self._retry("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise self.write_error(exc) from exc
        self.depth = 1
        try:
            yield self.conn
        except BaseException as exc:
            self.depth = 0
            with contextlib.suppress(sqlite3.Error):  # SQLite may have rolled back itself (disk full)
                self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise self.write_error(exc) from exc
            raise
        self.depth = 0
        try:
            self._retry("COMMIT")
        except BaseException as exc:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise self.write_error(exc) from exc
            raise

    def write_error(self, exc: sqlite3.Error) -> LibraryWriteError:
        """The sentence for a failed write, and whether the window should turn read-only."""
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
        log.error("library write failed: %s", exc)
        if code == _SQLITE_FULL:
            cause = f"the disk holding the library ({self.path.parent}) is full"
            return LibraryWriteError(f"The change was not saved because {cause}; free some space.", "full", cause)
        if code == _SQLITE_READONLY:
            self.read_only = True
            return LibraryWriteError(self.read_only_message, "read-only", self.read_only_cause)
        cause = f"the library {self.path} could not be written ({plain(exc)})"
        return LibraryWriteError(f"The change was not saved because {cause}.", "other", cause)

    def _retry(self, statement: str) -> None:
        deadline = time.monotonic() + WRITE_WAIT_S
        delay = 0.01
        while True:
            try:
                self.conn.execute(statement)
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                if time.monotonic() > deadline:
                    raise StorageError("The library is busy in another window; try again in a moment.") from exc
                time.sleep(delay)
                delay = min(0.2, delay * 2)


class Part(Guarded):
    """One job of the library (documents, items, search...) done on the library's one connection."""

    def __init__(self, connection: LibraryConnection) -> None:
        self.c = connection

    @property
    def conn(self) -> sqlite3.Connection:
        return self.c.conn

    @property
    def db(self) -> sqlite_utils.Database:
        return self.c.db


def _write_protected(path: Path) -> bool:
    """True when the library file, or the folder it must live in, may not be written.

    Permission bits are honoured even for a user (root) the system would let write: a reader who
    made the file read-only meant it.
    """
    if path.exists():
        mode = path.stat().st_mode
        if not os.access(path, os.W_OK) or not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
            return True
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    writable = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH
    return not os.access(folder, os.W_OK | os.X_OK) or not folder.stat().st_mode & writable


class _Corrupt(sqlite3.DatabaseError):
    """The file is not a readable Dramatis library."""

    sqlite_errorcode = 11


def is_corruption(exc: sqlite3.DatabaseError) -> bool:
    """True when the file itself is damaged (not locked, full or read-only)."""
    if isinstance(exc, _Corrupt):
        return True
    if isinstance(exc, sqlite3.OperationalError):
        return False  # locked, busy, no space, permissions: not the file's fault
    return getattr(exc, "sqlite_errorcode", None) in _CORRUPT_CODES or "malformed" in str(exc)


def _header_problem(path: Path) -> str | None:
    """Cheap checks before SQLite sees the file: its signature, and a size that fits its page count."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return None
    if size == 0:
        return None
    with path.open("rb") as handle:
        header = handle.read(100)
    if len(header) < 100 or header[:16] != SQLITE_HEADER:
        return "not an SQLite database"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    valid = header[24:28] == header[92:96]
    wal = Path(str(path) + "-wal")
    wal_empty = not wal.exists() or wal.stat().st_size == 0
    if valid and pages and wal_empty and size < pages * page_size:
        return f"truncated: {size} bytes for {pages} pages of {page_size}"
    return None
