"""Nothing lost: atomic saves keep a backup, failed saves leave the old file, and a save
killed at any moment leaves a whole old or new map on disk."""

from __future__ import annotations

import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

import bodymap
from bodymap.maps import (
    FileStamp,
    MapFileError,
    Spot,
    TriggerPointMap,
    backup_path,
    dumps_map,
    file_stamp,
    load_map,
    load_map_stamped,
    safe_io,
    save_map,
)

T0 = datetime(2025, 3, 3, 18, 0, tzinfo=UTC)


def make_map(name: str, spots: int = 3, note: str = "") -> TriggerPointMap:
    return TriggerPointMap(
        name,
        [
            Spot(f"s{i}", "back", 500 + (i % 80), 160 + (i % 800), "right", i % 11, "ache",
                 note, T0)
            for i in range(spots)
        ],
        created=T0,
        modified=T0,
    )  # fmt: skip


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_save_keeps_the_previous_file_as_bak(tmp_path: Path) -> None:
    path = tmp_path / "desk.bodymap"
    save_map(make_map("first"), path)
    assert not backup_path(path).exists()
    save_map(make_map("second"), path)
    assert backup_path(path) == tmp_path / "desk.bodymap.bak"
    assert load_map(path).name == "second"
    assert load_map(backup_path(path)).name == "first"
    save_map(make_map("third"), path)
    assert load_map(backup_path(path)).name == "second"
    assert leftovers(tmp_path) == []


def test_stamps_say_what_was_read_and_written_and_whether_it_changed(tmp_path: Path) -> None:
    path = tmp_path / "map.bodymap"
    assert file_stamp(path) is None  # no file there
    tpm = TriggerPointMap("Stamped")
    written = save_map(tpm, path)
    assert written == file_stamp(path) == FileStamp.of(path.read_bytes())
    assert written.size == path.stat().st_size
    loaded, read = load_map_stamped(path)
    assert read == written and loaded.name == "Stamped"
    os.utime(path, ns=(1, 1))
    assert file_stamp(path) == written  # a new time, the same bytes: unchanged
    path.write_bytes(path.read_bytes().replace(b"Stamped", b"Stamper"))
    changed = file_stamp(path)
    assert changed is not None and changed != written and changed.size == written.size
    with pytest.raises(OSError):
        file_stamp(tmp_path)  # a folder is not a file it could compare


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_stamp_of_a_named_pipe_fails_without_blocking(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.bodymap"
    os.mkfifo(pipe)
    with pytest.raises(OSError):
        file_stamp(pipe)


def test_new_files_are_private_and_existing_files_keep_their_mode(tmp_path: Path) -> None:
    path = tmp_path / "m.bodymap"
    save_map(make_map("a"), path)
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        path.chmod(0o640)
        save_map(make_map("b"), path)
        assert stat.S_IMODE(path.stat().st_mode) == 0o640


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_saving_through_a_symlink_replaces_the_target(tmp_path: Path) -> None:
    real = tmp_path / "real.bodymap"
    link = tmp_path / "link.bodymap"
    save_map(make_map("a"), real)
    link.symlink_to(real)
    save_map(make_map("b"), link)
    assert link.is_symlink() and load_map(real).name == "b"


@pytest.mark.parametrize("failing", ["replace", "fsync", "write", "backup"])
def test_a_failed_save_leaves_the_old_file_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    path = tmp_path / "desk.bodymap"
    save_map(make_map("old"), path)
    old_bytes = path.read_bytes()

    def boom(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    if failing == "replace":
        monkeypatch.setattr(safe_io.os, "replace", boom)
    elif failing == "fsync":
        monkeypatch.setattr(safe_io.os, "fsync", boom)
    elif failing == "write":
        monkeypatch.setattr(safe_io.os, "fdopen", lambda fd, mode: _FailingStream(fd))
    else:
        monkeypatch.setattr(safe_io.os, "link", boom)
        monkeypatch.setattr(safe_io.shutil, "copyfile", boom)
    with pytest.raises(MapFileError) as info:
        save_map(make_map("new"), path)
    message = str(info.value)
    assert message == (
        "desk.bodymap: could not save (No space left on device); the previous file is unchanged"
    )
    monkeypatch.undo()
    assert path.read_bytes() == old_bytes
    assert leftovers(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) in (
        ["desk.bodymap"],
        ["desk.bodymap", "desk.bodymap.bak"],
    )


class _FailingStream:
    def __init__(self, fd: int) -> None:
        self.fd = fd

    def __enter__(self) -> _FailingStream:
        return self

    def __exit__(self, *exc: object) -> None:
        os.close(self.fd)

    def write(self, data: bytes) -> int:
        raise OSError(28, "No space left on device")


def test_backup_falls_back_to_a_copy_without_hard_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(*args: object) -> None:
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(safe_io.os, "link", no_links)
    path = tmp_path / "m.bodymap"
    save_map(make_map("old"), path)
    save_map(make_map("new"), path)
    assert load_map(backup_path(path)).name == "old" and load_map(path).name == "new"
    assert leftovers(tmp_path) == []


def test_saving_into_a_missing_folder_or_over_a_folder_fails_clearly(tmp_path: Path) -> None:
    with pytest.raises(MapFileError, match="could not save"):
        save_map(make_map("a"), tmp_path / "no" / "such" / "m.bodymap")
    (tmp_path / "dir.bodymap").mkdir()
    with pytest.raises(MapFileError, match="not a regular file"):
        save_map(make_map("a"), tmp_path / "dir.bodymap")


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions (root ignores them)"
)
def test_a_read_only_folder_leaves_the_old_file(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "m.bodymap"
    save_map(make_map("old"), path)
    folder.chmod(0o500)
    try:
        with pytest.raises(MapFileError, match="could not save"):
            save_map(make_map("new"), path)
    finally:
        folder.chmod(0o700)
    assert load_map(path).name == "old"


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_a_file_made_read_only_is_not_replaced(tmp_path: Path) -> None:
    """A person marks a finished map read-only to protect it. A save writes a new file and
    renames it over the old one, which needs only the folder's permission: it must refuse
    instead, leave the file, its mode and any backup as they were, and say why."""
    path = tmp_path / "m.bodymap"
    save_map(make_map("old"), path)
    before = path.read_bytes()
    path.chmod(0o444)
    with pytest.raises(MapFileError, match="the file is read-only"):
        save_map(make_map("new"), path)
    assert path.read_bytes() == before
    assert stat.S_IMODE(path.stat().st_mode) == 0o444
    assert not backup_path(path).exists()
    assert leftovers(tmp_path) == []
    path.chmod(0o644)  # made writable again, it saves
    save_map(make_map("new"), path)
    assert load_map(path).name == "new"


# -- kill -9 while saving ---------------------------------------------------------------
SAVER = """
import sys
from bodymap.maps import loads_map, save_map
path, first, second = sys.argv[1:]
maps = [loads_map(open(first, "rb").read()), loads_map(open(second, "rb").read())]
print("saving", flush=True)
while True:
    for tpm in maps:
        save_map(tpm, path)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_save_killed_at_any_moment_leaves_a_whole_map(tmp_path: Path) -> None:
    rng = random.Random(20250303)
    maps = {name: make_map(name, spots=2500, note=f"{name} " * 40) for name in ("A", "B")}
    sources = {}
    for name, tpm in maps.items():
        sources[name] = tmp_path / f"{name}.json"
        sources[name].write_text(dumps_map(tpm), encoding="utf-8")
    folder = tmp_path / "maps"
    folder.mkdir()
    path = folder / "big.bodymap"
    save_map(maps["A"], path)
    env = {**os.environ, "PYTHONPATH": str(Path(bodymap.__file__).parent.parent)}
    seen, changed_rounds = set(), 0
    for _ in range(12):
        before = path.stat().st_mtime_ns
        child = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(path), str(sources["B"]), str(sources["A"])],
            stdout=subprocess.PIPE,
            env=env,
        )
        assert child.stdout is not None
        assert child.stdout.readline() == b"saving\n"
        time.sleep(rng.uniform(0.0, 0.12))
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        child.stdout.close()
        changed_rounds += path.stat().st_mtime_ns != before
        on_disk = load_map(path)  # a whole map, never a torn one
        assert on_disk in maps.values()
        seen.add(on_disk.name)
        if backup_path(path).exists():
            assert load_map(backup_path(path)) in maps.values()
    assert changed_rounds > 0, "the child never got to save: the test proved nothing"
    assert not [p for p in folder.iterdir() if p.suffix == ".bodymap" and p != path]
    shutil.rmtree(folder)
