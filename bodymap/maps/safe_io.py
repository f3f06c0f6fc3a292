"""Atomic file writes: the file on disk is always the whole old or the whole new content.

The new bytes go to a temporary file in the same folder, are flushed and fsynced, the old
file is kept as ``<name>.bak`` (a hard link, or a copy where links are not supported), and
``os.replace`` swaps the new file in; finally the folder is fsynced where the platform
allows. If anything fails the temporary file is removed, the old file stays as it was and
`MapFileError` says what went wrong.

`FileStamp` says what a file held (its size and a digest of its bytes), so a program that
read or wrote a file can later tell whether another program has changed it since.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
import stat
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from bodymap.maps.errors import MapFileError

__all__ = [
    "FileStamp",
    "atomic_write",
    "backup_path",
    "file_stamp",
    "fsync_directory",
    "os_reason",
]

_CHUNK = 1 << 20


@dataclass(frozen=True)
class FileStamp:
    """What a file held: its size and the SHA-256 digest of its bytes. Two stamps are equal
    exactly when the contents are (a file rewritten with the same bytes has not changed)."""

    size: int
    digest: str

    @classmethod
    def of(cls, data: bytes) -> FileStamp:
        """The stamp of a file holding ``data``."""
        return cls(len(data), hashlib.sha256(data).hexdigest())


def file_stamp(path: str | os.PathLike[str]) -> FileStamp | None:
    """The stamp of the file at ``path`` now; None when there is no file there (OSError
    when there is one that cannot be read, or something that is not a regular file)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(mode):  # before open: a FIFO would block it
        raise OSError(errno.EINVAL, "not a regular file", os.fspath(path))
    digest, size = hashlib.sha256(), 0
    try:
        with open(path, "rb") as stream:
            while chunk := stream.read(_CHUNK):
                digest.update(chunk)
                size += len(chunk)
    except FileNotFoundError:
        return None  # removed between the two looks
    return FileStamp(size, digest.hexdigest())


def os_reason(exc: OSError) -> str:
    """Why the system refused a file, in a user's words ("the file name is too long")."""
    if exc.errno == errno.ENAMETOOLONG:
        return "the file name is too long"
    return str(exc.strerror or exc)


def backup_path(path: str | os.PathLike[str]) -> Path:
    """Where the previous version of ``path`` is kept: ``<name>.bak`` beside it."""
    target = Path(path)
    return target.with_name(target.name + ".bak")


def fsync_directory(folder: str | os.PathLike[str]) -> None:
    """Make a rename in ``folder`` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def _temp_name(target: Path, tag: str) -> Path:
    return target.with_name(f".{target.name}.{tag}.{uuid.uuid4().hex[:8]}.tmp")


def _keep_backup(target: Path) -> None:
    """Point ``<name>.bak`` at the current file, atomically."""
    staged = _temp_name(target, "bak")
    try:
        try:
            os.link(target, staged)
        except OSError:
            shutil.copyfile(target, staged)
            with open(staged, "rb+") as stream:
                os.fsync(stream.fileno())
        os.replace(staged, backup_path(target))
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(staged)
        raise


def _read_only(target: Path, existing: os.stat_result) -> bool:
    """Whether the user made ``target`` read-only: its permissions deny us writing, or
    allow nobody to write (which an administrator's rights would otherwise pass over).
    Replacing a file needs only the folder's permission, so without this look a file
    marked read-only to protect it would be replaced all the same."""
    return not os.access(target, os.W_OK) or stat.S_IMODE(existing.st_mode) & 0o222 == 0


def atomic_write(path: str | os.PathLike[str], data: bytes, *, backup: bool = False) -> None:
    """Replace ``path`` with ``data`` atomically (keeping ``<name>.bak`` when ``backup``).

    New files are created readable by the user only; an existing file keeps its mode. A
    file made read-only is not replaced (`MapFileError`). A symbolic link is followed, so
    the link stays and its target is replaced.
    """
    target = Path(os.path.realpath(path))
    try:
        existing: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise MapFileError(f"could not save ({os_reason(exc)})", path) from exc
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        raise MapFileError("could not save (not a regular file)", path)
    if existing is not None and _read_only(target, existing):
        raise MapFileError("the file is read-only", path)
    try:
        fd, temp_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
    except FileNotFoundError as exc:
        where = target.parent
        raise MapFileError(f"could not save: the folder {where} does not exist", path) from exc
    except OSError as exc:
        raise MapFileError(f"could not save ({os_reason(exc)})", path) from exc
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if existing is not None:
            os.chmod(temp_name, stat.S_IMODE(existing.st_mode))
            if backup:
                _keep_backup(target)
        os.replace(temp_name, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        if isinstance(exc, OSError):
            raise MapFileError(
                f"could not save ({exc.strerror or exc}); the previous file is unchanged", path
            ) from exc
        raise
    fsync_directory(target.parent)
