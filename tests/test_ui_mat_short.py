"""A mat session stopped at once is not a session: with no step done and under a minute it
is not stored, not asked about and not counted, in the window and through `bodymap
session` alike; the status line says why. One step done, or a minute rolled, counts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from bodymap.maps import TriggerPointMap, load_map, session_counts
from bodymap.maps.values import MIN_SESSION_SECONDS, SessionRecord
from bodymap.maps.verbs import record_session
from bodymap.ui.mat.clock import FakeClock
from bodymap.ui.panel.advice_panel import AdvicePanel
from tests.test_cli import EXAMPLES, call
from tests.test_ui_window import _settings, make_window, trigger

__all__ = ["_settings"]  # the settings fixture, used by every test here
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

DESK = EXAMPLES / "desk_worker.bodymap"


def test_the_rule_a_step_done_or_a_minute_rolled():
    assert not session_counts(0, 0) and not session_counts(MIN_SESSION_SECONDS - 1, 0)
    assert session_counts(MIN_SESSION_SECONDS, 0) and session_counts(1, 1)
    tpm = TriggerPointMap("m")
    now = datetime.now(UTC)
    with pytest.raises(ValueError, match="no step done and under 60 s is not kept"):
        record_session(tpm, "bedtime", now, 4, 0)
    assert tpm.sessions == ()
    record_session(tpm, "bedtime", now, 60, 0)
    record_session(tpm, "warmup", now, 35, 1)
    assert len(tpm.sessions) == 2


def _start(qtbot, tmp_path, monkeypatch, preset: str = "bedtime"):
    window, _dialogs = make_window(qtbot, tmp_path, monkeypatch)
    window.document.open(DESK)
    window.mat.full_screen = False
    clock = FakeClock()
    window.mat.clock = clock
    monkeypatch.setattr(window.mat, "ask_preset", lambda: (preset, False))
    asked: list[bool] = []
    monkeypatch.setattr(window.mat, "ask_check_in", lambda tpm, parent: asked.append(True) or None)
    assert window.acts.mat_session.shortcut().toString() == "Ctrl+M"
    trigger(window, "mat_session")
    mat = window.mat.current
    assert mat is not None
    mat.cue = lambda: None  # type: ignore[method-assign]
    qtbot.keyClick(mat, Qt.Key.Key_Space)
    return window, mat, clock, asked


def test_a_session_stopped_after_four_seconds_is_not_kept_and_says_so(qtbot, tmp_path, monkeypatch):
    window, mat, clock, asked = _start(qtbot, tmp_path, monkeypatch)
    clock.advance(4, steps=8)
    with qtbot.waitSignal(window.mat.finished):
        qtbot.keyClick(mat, Qt.Key.Key_Escape)
    tpm = window.document.map
    assert asked == []  # no "How do the spots feel now?" for a session not kept
    assert tpm.sessions == () and not window.document.is_modified()
    assert not window.panel.sessions_label.isVisibleTo(window.panel)
    words = window.statusBar().currentMessage()
    assert "stopped after 4 s with no step done: not kept" in words
    assert "once a step is done or after 1 minute" in words
    assert window.document.undo_stack.count() == 0


def test_a_minute_of_rolling_without_a_step_done_counts(qtbot, tmp_path, monkeypatch):
    window, mat, clock, asked = _start(qtbot, tmp_path, monkeypatch)
    clock.advance(61, steps=122)
    assert mat.run.steps_done == 0  # bedtime rolls 2 min around its first point
    with qtbot.waitSignal(window.mat.finished):
        qtbot.keyClick(mat, Qt.Key.Key_Escape)
    tpm = window.document.map
    assert asked == [True]
    assert [(r.preset, r.duration_s, r.steps_done) for r in tpm.sessions] == [("bedtime", 61, 0)]
    assert window.panel.sessions_label.text() == "1 mat session this week"
    trigger(window, "undo")
    assert tpm.sessions == ()


def test_sessions_an_older_file_kept_that_do_not_count_are_not_counted_or_drawn(
    qtbot, tmp_path, monkeypatch
):
    """What an earlier version stored stays in the file, but the panel and the History no
    longer call it a session."""
    from bodymap.maps import save_map
    from bodymap.maps.operations import SessionOp

    tpm = load_map(DESK)
    now = datetime.now(UTC)
    SessionOp(SessionRecord("bedtime", now - timedelta(hours=1), 4, 0)).apply(tpm)
    path = tmp_path / "older.bodymap"
    save_map(tpm, path)
    window, _dialogs = make_window(qtbot, tmp_path, monkeypatch)
    window.document.open(path)
    panel: AdvicePanel = window.panel
    assert len(window.document.map.sessions) == 1  # nothing the person saved is lost
    assert not panel.sessions_label.isVisibleTo(panel)
    window.show_history()
    plot = window.history_dialog.plot
    plot.grab()
    assert plot.sessions_drawn == 0
    window.history_dialog.close()


def test_bodymap_session_leaves_a_session_stopped_at_once_out(qtbot, tmp_path, monkeypatch, capsys):
    """`bodymap session MAP --preset bedtime` runs the window's own mat session: stopped
    after 4 s it stores nothing and asks nothing."""
    import bodymap.ui.mat.window as mat_window
    from bodymap.ui.window.mainwindow import MapWindow

    clock = FakeClock()
    monkeypatch.setattr(mat_window, "QtClock", lambda parent: clock)
    seen: dict[str, object] = {}

    def run_the_session(_app=None) -> int:
        window = next(
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, MapWindow) and w._mat is not None and w.mat.current is not None
        )
        monkeypatch.setattr(
            window.mat, "ask_check_in", lambda tpm, parent: seen.setdefault("asked", True)
        )
        mat = window.mat.current
        assert mat is not None and mat.plan.preset == "bedtime"
        mat.cue = lambda: None  # type: ignore[method-assign]
        mat.toggle()
        clock.advance(4, steps=8)
        mat.stop()
        seen["sessions"] = window.document.map.sessions
        seen["modified"] = window.document.is_modified()
        seen["status"] = window.statusBar().currentMessage()
        window.document.close()
        window.hide()
        window.deleteLater()
        return 0

    monkeypatch.setattr(QApplication, "exec", run_the_session)
    status, _out, err = call(capsys, "session", str(DESK), "--preset", "bedtime")
    assert status == 0, err
    assert seen["sessions"] == () and seen["modified"] is False and "asked" not in seen
    assert "not kept" in str(seen["status"])


def test_skipping_through_every_step_rolls_none_and_is_not_kept(qtbot, tmp_path, monkeypatch):
    """Pressing → through a whole warm-up reaches its end, but rolls nothing: no step is
    done, the end page says so, and the session is neither stored nor asked about."""
    window, mat, clock, asked = _start(qtbot, tmp_path, monkeypatch, preset="warmup")
    while mat.run.current is not None:
        clock.advance(0.5, steps=1)
        qtbot.keyClick(mat, Qt.Key.Key_Right)
    assert mat.run.steps_done == 0
    assert mat.status.text().endswith(f"0 of {len(mat.plan.steps)} steps done")
    # the end page stays up to be read (the window closed at the last → and said nothing,
    # and further presses moved the selected spot on the diagram: a walk's finding)
    assert mat.isVisible() and window.mat.current is mat
    assert mat.title.text() == "No step rolled"  # not "Well done"
    assert "skipping through it does not" in mat.instruction.text()
    spots = window.document.map.spots
    qtbot.keyClick(mat, Qt.Key.Key_Right)
    assert window.document.map.spots == spots and window.document.undo_stack.count() == 0
    with qtbot.waitSignal(window.mat.finished):
        qtbot.keyClick(mat, Qt.Key.Key_Escape)  # Close
    assert window.mat.current is None
    tpm = window.document.map
    assert asked == [] and tpm.sessions == () and not window.document.is_modified()
    said = window.statusBar().currentMessage()
    assert "no step done: not kept" in said
    window.hover_label.setText("Upper trapezius")  # the pointer's hint does not hide it
    assert window.statusBar().currentMessage() == said
