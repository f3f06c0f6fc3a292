"""Which map files are open in a bodymap window, seen from every bodymap on the machine.

Each open map holds a `QLockFile` named after the file's real path, in a folder beside the
autosaves. Opening a map another live bodymap holds asks first: two windows editing one
file each save over the other's changes (saving asks then, but only after the work is done
twice). A lock left by a bodymap that crashed is stale (its process is gone) and ignored.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QLockFile

__all__ = ["OpenLock"]

_STALE_MS = 2_000_000_000
"""A lock whose process is alive counts as held for about 23 days (Qt takes an int)."""


class OpenLock:
    """The lock of the one map file a document has open (none while untitled)."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._held: QLockFile | None = None
        self._path: Path | None = None

    def _lock_file(self, path: Path) -> QLockFile:
        real = os.path.realpath(path)
        name = hashlib.sha256(os.fsencode(real)).hexdigest()[:32]
        lock = QLockFile(str(self._folder / f"{name}.lock"))
        lock.setStaleLockTime(_STALE_MS)
        return lock

    def held_elsewhere(self, path: Path) -> bool:
        """Whether another live bodymap window has ``path`` open (never this one's)."""
        if self._same(path):
            return False
        try:
            self._folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return False  # no folder to look in: nothing is known, nothing is asked
        probe = self._lock_file(path)
        if probe.tryLock(0):
            probe.unlock()
            return False
        return probe.error() == QLockFile.LockError.LockFailedError

    def hold(self, path: Path | None) -> None:
        """Hold the lock of ``path`` (None: of no file), letting go of the one held before.
        A file another window holds is left to it."""
        if self._same(path):
            return
        self.release()
        if path is None:
            return
        try:
            self._folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return
        lock = self._lock_file(path)
        if lock.tryLock(0):
            self._held, self._path = lock, path

    def _same(self, path: Path | None) -> bool:
        """Whether ``path`` names the file this lock holds (through any link)."""
        if path is None or self._path is None:
            return False
        return os.path.realpath(path) == os.path.realpath(self._path)

    def release(self) -> None:
        if self._held is not None:
            self._held.unlock()
        self._held, self._path = None, None
