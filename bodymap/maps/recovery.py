"""Autosave and recovery after a crash.

Each running session autosaves its open map into one file of a recovery folder (the GUI
passes a ``QStandardPaths`` data location; tests pass ``tmp_path``). On a clean close or
after a real save the session's file is cleared; at start-up, files left by other sessions
are offered back with `RecoveryStore.list_recoverable`. A session that autosaves holds an
OS lock on ``<session_id>.lock`` until it clears or dies, so a second bodymap running at the
same time never offers (or deletes) a live session's autosave.

An autosave that cannot be read, or that was being offered each of the last two times
bodymap stopped (so showing or opening it may be what stops it), is set aside: renamed to
``….set-aside`` and kept, never offered again, so a bad autosave cannot stop every start.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
import uuid
import weakref
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bodymap.maps.errors import MapFileError
from bodymap.maps.fileformat import map_from_data, map_to_data, parse_json, read_map_bytes
from bodymap.maps.model import TriggerPointMap
from bodymap.maps.safe_io import FileStamp, atomic_write
from bodymap.maps.values import utc_now

__all__ = [
    "LOCK_SUFFIX",
    "RECOVERY_SUFFIX",
    "SET_ASIDE_SUFFIX",
    "OpenedMap",
    "RecoveryEntry",
    "RecoveryStore",
    "SetAside",
    "open_map_file",
]

RECOVERY_SUFFIX = ".bodymap-recovery"
LOCK_SUFFIX = ".lock"
OFFERED_SUFFIX = ".offered"
"""Marks an autosave while it is offered, holding how many offers went unanswered: left
behind only if bodymap stopped meanwhile."""
MAX_UNANSWERED_OFFERS = 2
"""Offers of one autosave that may end with bodymap stopping before it is set aside: one
may be a power cut or a kill, two in a row are the autosave's doing."""
SET_ASIDE_SUFFIX = ".set-aside"
_FORMAT = "bodymap-recovery"
_ENVELOPE_KEYS = {"format", "version", "session", "origin", "saved", "map"}
_SESSION = re.compile(r"[A-Za-z0-9_-]{1,64}")


@dataclass(frozen=True)
class RecoveryEntry:
    """An autosaved map left by an earlier session."""

    path: Path
    origin: Path | None
    name: str
    modified: datetime
    saved: datetime
    session: str


@dataclass(frozen=True)
class SetAside:
    """An autosave that will not be offered again: where it is kept now, and why."""

    path: Path
    reason: str


def _lock(fd: int) -> bool:
    """Take an exclusive lock on ``fd`` without waiting; False if another process has it."""
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _session_alive(lock_path: Path) -> bool:
    """True while the session owning ``lock_path`` still runs (it holds the lock)."""
    try:
        fd = os.open(lock_path, os.O_RDWR)
    except OSError:
        return False
    try:
        return not _lock(fd)
    finally:
        os.close(fd)  # closing releases a lock we took


def _unanswered(path: Path) -> int:
    """How many offers of the autosave at ``path`` ended with bodymap stopping."""
    try:
        text = path.with_suffix(OFFERED_SUFFIX).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return 0
    return int(text) if text.isdigit() else MAX_UNANSWERED_OFFERS


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


class RecoveryStore:
    """One recovery folder; this session writes ``<session_id>.bodymap-recovery`` in it."""

    def __init__(self, directory: str | os.PathLike[str], session_id: str | None = None) -> None:
        self.directory = Path(directory)
        self.session_id = session_id or uuid.uuid4().hex
        if not _SESSION.fullmatch(self.session_id):
            raise ValueError("a session id is 1–64 letters, digits, '-' or '_'")
        self._lock_fd: int | None = None
        self._offers: dict[Path, int] = {}
        """Autosaves of other sessions being offered now: their lock file descriptors."""

    @property
    def path(self) -> Path:
        """This session's recovery file."""
        return self.directory / f"{self.session_id}{RECOVERY_SUFFIX}"

    def save_recovery(
        self, tpm: TriggerPointMap, origin: str | os.PathLike[str] | None = None
    ) -> Path:
        """Autosave ``tpm`` (opened from ``origin``, or never saved when None), atomically."""
        self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._hold_lock()
        envelope = {
            "format": _FORMAT,
            "version": 1,
            "session": self.session_id,
            "origin": None if origin is None else os.fspath(Path(origin).absolute()),
            "saved": _iso(utc_now()),
            "map": map_to_data(tpm),
        }
        atomic_write(self.path, json.dumps(envelope, ensure_ascii=False).encode("utf-8"))
        return self.path

    def clear(self) -> None:
        """Forget this session's autosave (after a real save or a clean close)."""
        self.path.unlink(missing_ok=True)
        self.close()
        (self.directory / f"{self.session_id}{LOCK_SUFFIX}").unlink(missing_ok=True)

    def close(self) -> None:
        """Release this session's lock, leaving any autosave for a later session to offer."""
        if self._lock_fd is not None:
            self._finalizer()
            self._lock_fd = None

    def _hold_lock(self) -> None:
        if self._lock_fd is not None:
            return
        lock_path = self.directory / f"{self.session_id}{LOCK_SUFFIX}"
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        if not _lock(fd):
            os.close(fd)
            raise MapFileError("another running bodymap uses this recovery session", lock_path)
        self._lock_fd = fd
        self._finalizer = weakref.finalize(self, os.close, fd)  # a dropped store lets go too

    def list_recoverable(self) -> list[RecoveryEntry]:
        """Readable autosaves from other sessions, newest first (unreadable ones are skipped)."""
        if not self.directory.is_dir():
            return []
        entries = []
        for path in self.directory.glob(f"*{RECOVERY_SUFFIX}"):
            if path == self.path or _session_alive(path.with_suffix(LOCK_SUFFIX)):
                continue
            try:
                entry, _ = self._read(path)
            except MapFileError:
                continue
            entries.append(entry)
        return sorted(entries, key=lambda e: e.saved, reverse=True)

    def set_aside_unusable(self) -> list[SetAside]:
        """Set aside the autosaves of other, dead sessions that cannot be read or that were
        being offered when bodymap stopped; what was set aside, for a notice."""
        if not self.directory.is_dir():
            return []
        kept = []
        for path in sorted(self.directory.glob(f"*{RECOVERY_SUFFIX}")):
            if path == self.path or _session_alive(path.with_suffix(LOCK_SUFFIX)):
                continue
            if _unanswered(path) >= MAX_UNANSWERED_OFFERS:
                reason = f"bodymap stopped {MAX_UNANSWERED_OFFERS} times while offering it"
            else:
                try:
                    self._read(path)
                    continue
                except MapFileError as exc:
                    reason = exc.problem
            try:
                kept.append(SetAside(self._set_aside(path), reason))
            except OSError:
                continue  # a folder we cannot write: it is skipped as before
        return kept

    def set_aside(self, entry: RecoveryEntry) -> Path:
        """Keep ``entry``'s autosave under a name that is never offered; the new path."""
        return self._set_aside(entry.path)

    @staticmethod
    def _set_aside(path: Path) -> Path:
        target = path.with_name(path.name + SET_ASIDE_SUFFIX)
        number = 1
        while target.exists():
            number += 1
            target = path.with_name(f"{path.name}.{number}{SET_ASIDE_SUFFIX}")
        os.replace(path, target)
        path.with_suffix(OFFERED_SUFFIX).unlink(missing_ok=True)
        path.with_suffix(LOCK_SUFFIX).unlink(missing_ok=True)
        return target

    def begin_offer(self, entry: RecoveryEntry) -> bool:
        """Before asking about ``entry``: hold its session's lock (another bodymap starting
        now skips it) and leave a mark that outlives a crash. False if another bodymap
        holds it already."""
        lock_path = entry.path.with_suffix(LOCK_SUFFIX)
        try:
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:  # a folder we may not write: offer it without lock or mark
            self._offers[entry.path] = -1
            return True
        if not _lock(fd):
            os.close(fd)
            return False
        with contextlib.suppress(OSError):  # no mark: the question comes back after a crash
            marker = entry.path.with_suffix(OFFERED_SUFFIX)
            marker.write_text(str(_unanswered(entry.path) + 1), encoding="ascii")
        self._offers[entry.path] = fd
        return True

    def end_offer(self, entry: RecoveryEntry, *, finished: bool = True) -> None:
        """After asking about ``entry``: let go of it. ``finished=False`` (the question or
        the opening failed unexpectedly) keeps the mark, so the next start sets it aside."""
        fd = self._offers.pop(entry.path, None)
        if fd is None or fd < 0:
            return
        if finished:
            entry.path.with_suffix(OFFERED_SUFFIX).unlink(missing_ok=True)
        os.close(fd)

    def load(self, entry: RecoveryEntry) -> TriggerPointMap:
        """The autosaved map of ``entry``; MapFileError if it can no longer be read."""
        return self._read(entry.path)[1]

    def discard(self, entry: RecoveryEntry) -> None:
        """Delete an autosave the user does not want back (never one of a live session)."""
        lock_path = entry.path.with_suffix(LOCK_SUFFIX)
        if _session_alive(lock_path):
            return
        entry.path.unlink(missing_ok=True)
        entry.path.with_suffix(OFFERED_SUFFIX).unlink(missing_ok=True)
        lock_path.unlink(missing_ok=True)

    @staticmethod
    def _read(path: Path) -> tuple[RecoveryEntry, TriggerPointMap]:
        try:
            data = parse_json(path.read_bytes())
        except (OSError, ValueError) as exc:
            raise MapFileError(f"cannot recover this map ({exc})", path) from exc
        return _envelope(path, data)


def _envelope(path: Path, data: object) -> tuple[RecoveryEntry, TriggerPointMap]:
    """The autosave in the parsed recovery file ``data`` read from ``path``."""
    try:
        if not isinstance(data, dict) or set(data) != _ENVELOPE_KEYS:
            raise MapFileError("not a bodymap recovery file")
        if data["format"] != _FORMAT or data["version"] != 1:
            raise MapFileError("not a recovery file this bodymap can read")
        origin, session = data["origin"], data["session"]
        if not (origin is None or isinstance(origin, str)) or not isinstance(session, str):
            raise MapFileError("the recovery file is damaged")
        saved = datetime.fromisoformat(str(data["saved"]))
        saved = saved.astimezone(UTC) if saved.tzinfo else saved.replace(tzinfo=UTC)
        tpm = map_from_data(data["map"])
    except (ValueError, OverflowError) as exc:
        raise MapFileError(f"cannot recover this map ({exc})", path) from exc
    entry = RecoveryEntry(
        path,
        None if origin is None else Path(origin),
        tpm.name,
        tpm.modified,
        saved,
        session,
    )
    return entry, tpm


@dataclass(frozen=True)
class OpenedMap:
    """A map read from a file the user chose: a ``.bodymap`` file, or an autosave (offered
    or set aside), which is then ``recovered`` and holds work never saved."""

    map: TriggerPointMap
    stamp: FileStamp
    recovered: RecoveryEntry | None = None


def open_map_file(path: str | os.PathLike[str]) -> OpenedMap:
    """Read the map in ``path``, a map file or a recovery file (its format says which,
    whatever its name: ``….set-aside`` too); MapFileError, naming the file, if it is
    neither. The file is only read, never changed, moved or deleted."""
    path = Path(path)
    raw, saved = read_map_bytes(path)
    try:
        data = parse_json(raw)
        if isinstance(data, dict) and data.get("format") == _FORMAT:
            entry, tpm = _envelope(path, data)
            return OpenedMap(tpm, FileStamp.of(raw), entry)
        return OpenedMap(map_from_data(data, now=saved), FileStamp.of(raw))
    except MapFileError as exc:
        raise type(exc)(exc.problem, path) from None
