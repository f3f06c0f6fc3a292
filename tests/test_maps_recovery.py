"""Autosave and recovery: a crashed session's map is offered back, whole, with its origin."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

import bodymap
from bodymap.maps import MapFileError, RecoveryStore, TriggerPointMap, add_spot, check_in
from bodymap.maps.recovery import RECOVERY_SUFFIX

T0 = datetime(2025, 3, 3, 18, 0, tzinfo=UTC)


def make_map(name: str = "Desk") -> TriggerPointMap:
    tpm = TriggerPointMap(name, created=T0, modified=T0)
    add_spot(tpm, "back", 550, 170, "right", 7, note="top of shoulder\nworse at 4 pm")
    add_spot(tpm, "front", 462, 55, "right", 5, kind="sharp")
    check_in(tpm)
    return tpm


def test_a_crashed_session_is_offered_back(tmp_path: Path) -> None:
    folder = tmp_path / "recovery"
    crashed = RecoveryStore(folder, session_id="crashed")
    tpm = make_map()
    origin = tmp_path / "maps" / "desk.bodymap"
    written = crashed.save_recovery(tpm, origin)
    assert written == folder / f"crashed{RECOVERY_SUFFIX}"
    assert RecoveryStore(folder).list_recoverable() == []  # still running: not offered
    crashed.close()  # the process dies: the OS drops its lock, the autosave stays

    later = RecoveryStore(folder)
    [entry] = later.list_recoverable()
    assert entry.origin == origin and entry.name == "Desk" and entry.session == "crashed"
    assert entry.modified == tpm.modified and entry.saved.tzinfo is not None
    assert later.load(entry) == tpm
    later.discard(entry)
    assert later.list_recoverable() == [] and list(folder.iterdir()) == []


def test_autosaves_replace_each_other_and_never_list_the_own_session(tmp_path: Path) -> None:
    store = RecoveryStore(tmp_path, session_id="me")
    tpm = make_map()
    store.save_recovery(tpm, None)
    add_spot(tpm, "back", 575, 235, "right")
    store.save_recovery(tpm, None)
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"me{RECOVERY_SUFFIX}", "me.lock"]
    assert store.list_recoverable() == []
    assert RecoveryStore(tmp_path, session_id="other").list_recoverable() == []
    store.close()
    [entry] = RecoveryStore(tmp_path, session_id="other").list_recoverable()
    assert entry.origin is None and len(RecoveryStore(tmp_path).load(entry).spots) == 3
    store.clear()
    assert list(tmp_path.iterdir()) == []
    store.clear()  # clearing twice is fine


def test_newest_first_and_unreadable_files_skipped(tmp_path: Path) -> None:
    for session, name in (("one", "First"), ("two", "Second")):
        store = RecoveryStore(tmp_path, session_id=session)
        store.save_recovery(make_map(name))
        store.close()
    (tmp_path / f"junk{RECOVERY_SUFFIX}").write_bytes(b"\x00not json")
    (tmp_path / f"cut{RECOVERY_SUFFIX}").write_text('{"format": "bodymap-recovery"')
    entries = RecoveryStore(tmp_path).list_recoverable()
    assert [e.name for e in entries] == ["Second", "First"]


def test_loading_a_vanished_or_damaged_entry_is_a_map_file_error(tmp_path: Path) -> None:
    store = RecoveryStore(tmp_path, session_id="a")
    store.save_recovery(make_map())
    store.close()
    [entry] = RecoveryStore(tmp_path).list_recoverable()
    entry.path.write_text('{"format": "bodymap-recovery", "version": 2}')
    with pytest.raises(MapFileError, match="cannot recover"):
        RecoveryStore(tmp_path).load(entry)
    entry.path.unlink()
    with pytest.raises(MapFileError, match="cannot recover"):
        RecoveryStore(tmp_path).load(entry)


def test_missing_folder_lists_nothing_and_session_ids_are_checked(tmp_path: Path) -> None:
    assert RecoveryStore(tmp_path / "absent").list_recoverable() == []
    with pytest.raises(ValueError, match="session id"):
        RecoveryStore(tmp_path, session_id="../escape")


CHILD = """
import sys, time
from bodymap.maps import RecoveryStore, TriggerPointMap
store = RecoveryStore(sys.argv[1], session_id="child")
store.save_recovery(TriggerPointMap("Live"), None)
print("saved", flush=True)
time.sleep(60)
"""


def test_a_live_session_in_another_process_is_left_alone_until_it_dies(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(bodymap.__file__).parent.parent)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(tmp_path)], stdout=subprocess.PIPE, env=env
    )
    try:
        assert child.stdout is not None and child.stdout.readline() == b"saved\n"
        store = RecoveryStore(tmp_path)
        assert store.list_recoverable() == []
        with pytest.raises(MapFileError, match="another running bodymap"):
            RecoveryStore(tmp_path, session_id="child").save_recovery(make_map())
    finally:
        child.kill()
        child.wait()
        if child.stdout is not None:
            child.stdout.close()
    [entry] = store.list_recoverable()
    assert entry.name == "Live" and store.load(entry).spots == ()


def test_a_dropped_store_lets_go_of_its_session(tmp_path: Path) -> None:
    store = RecoveryStore(tmp_path, session_id="gone")
    store.save_recovery(make_map())
    del store
    gc.collect()
    assert [e.session for e in RecoveryStore(tmp_path).list_recoverable()] == ["gone"]
