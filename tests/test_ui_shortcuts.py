"""The keyboard: one key per action and one action per key, Escape back to the diagram from
anywhere in the panel, no silent value jumps in the intensity box, and a list of the keys."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from bodymap.ui.document.document import MapDocument
from bodymap.ui.window import dialogs as window_dialogs
from bodymap.ui.window.mainwindow import MapWindow

EXAMPLES = Path(__file__).resolve().parent.parent / "assets" / "examples"

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
NECK_R = ("back", 560.0, 175.0)
Ctrl = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(autouse=True)
def _settings(private_settings: Path) -> Path:
    return private_settings


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch) -> Iterator[MapWindow]:
    win = MapWindow(MapDocument(recovery_dir=tmp_path / "recovery"))
    monkeypatch.setattr(win, "show_safety_note", lambda: None)
    monkeypatch.setattr(win.document, "ask_discard", lambda name: "discard")
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitActive(win)
    yield win
    win.close()  # while the answers above still hold: no real question is left open


def with_spot(qtbot, window: MapWindow) -> str:
    point = window.canvas.viewport_point(*NECK_R)
    qtbot.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=point)
    [spot] = window.document.map.spots
    window.select_spot(spot.id)
    return spot.id


def every_action(window: MapWindow) -> set[QAction]:
    found = set(window.findChildren(QAction))
    for widget in [window, *window.findChildren(QWidget)]:
        found.update(widget.actions())
    return found


def test_ctrl_q_quits(qtbot, window) -> None:
    assert [k.toString() for k in window.acts.quit.shortcuts()] == ["Ctrl+Q"]
    qtbot.keyClick(window.canvas, Qt.Key.Key_Q, Ctrl)  # Qt warns (and fails) if ambiguous
    qtbot.waitUntil(lambda: not window.isVisible())


def test_every_shortcut_belongs_to_one_action_only(window) -> None:
    keys = Counter(
        key.toString(QKeySequence.SequenceFormat.PortableText)
        for action in every_action(window)
        for key in action.shortcuts()
    )
    assert keys, "the window has shortcuts"
    assert [key for key, count in keys.items() if count > 1] == []
    for action in every_action(window):
        own = [k.toString() for k in action.shortcuts()]
        assert len(own) == len(set(own)), action.objectName()


def test_escape_returns_to_the_diagram_from_every_panel_control(qtbot, window) -> None:
    with_spot(qtbot, window)
    panel, editor = window.panel, window.panel.editor
    controls = [
        panel.spot_list,
        editor.intensity_slider,
        editor.intensity_box,
        editor.kind_box,
        editor.note_edit,
        panel.source_tree,
        panel.details,
    ]
    for control in controls:
        control.setFocus(Qt.FocusReason.OtherFocusReason)
        qtbot.waitUntil(control.hasFocus)
        qtbot.keyClick(control, Qt.Key.Key_Escape)
        assert window.canvas.hasFocus(), type(control).__name__


def test_escape_from_the_note_keeps_what_was_typed(qtbot, window) -> None:
    spot_id = with_spot(qtbot, window)
    note = window.panel.editor.note_edit
    note.setFocus()
    qtbot.waitUntil(note.hasFocus)
    qtbot.keyClicks(note, "after desk work")
    qtbot.keyClick(note, Qt.Key.Key_Escape)
    assert window.canvas.hasFocus()
    assert window.document.map.spot_by_id(spot_id).note == "after desk work"


def test_enter_then_escape_walks_back_and_ctrl_arrows_leave_the_intensity_alone(
    qtbot, window
) -> None:
    spot_id = with_spot(qtbot, window)
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_Return)
    box = window.panel.editor.intensity_box
    qtbot.waitUntil(box.hasFocus)
    steps = window.document.undo_stack.count()
    start = window.document.map.spot_by_id(spot_id).intensity
    assert 0 < start < 10
    for key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
        for mods in (Ctrl, Qt.KeyboardModifier.AltModifier):
            qtbot.keyClick(box, key, mods)
            assert box.value() == start
            assert window.document.map.spot_by_id(spot_id).intensity == start
    assert window.document.undo_stack.count() == steps
    qtbot.keyClick(box, Qt.Key.Key_Up)  # a plain arrow still steps by one, undoably
    assert window.document.map.spot_by_id(spot_id).intensity == start + 1
    qtbot.keyClick(box, Qt.Key.Key_Z, Ctrl)  # the map's Undo, from inside the box
    assert window.document.map.spot_by_id(spot_id).intensity == start
    assert box.value() == start
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert window.canvas.hasFocus()


def test_help_lists_every_shortcut_from_the_actions(qtbot, window, monkeypatch) -> None:
    shown: list[window_dialogs.ShortcutsDialog] = []
    monkeypatch.setattr(
        window_dialogs.ShortcutsDialog, "exec", lambda self: shown.append(self) or 0
    )
    window.acts.shortcuts.trigger()
    [dialog] = shown
    table = dialog.table
    rows = [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())]
    assert ("Ctrl+Q", "Quit") in rows
    assert ("Esc", "Back to the Diagram") in rows
    listed = {keys for keys, _ in rows}
    for action in window.acts.all_actions():
        for key in action.shortcuts():
            assert any(
                key.toString(QKeySequence.SequenceFormat.NativeText) in keys for keys in listed
            ), action.objectName()
    assert any(what.startswith("Diagram: walk") for _, what in rows)
    assert window.menus  # Help holds the entry
    help_menu = next(m for m in window.menuBar().findChildren(type(window.menus["recent"]))
                     if m.objectName() == "helpMenu")  # fmt: skip
    assert window.acts.shortcuts in help_menu.actions()


def test_help_lists_the_history_charts_and_a_mat_sessions_keys_and_they_work(qtbot, window) -> None:
    """The History chart's and a mat session's own keys are in Help (they were not), and
    the chart's do what Help says."""
    from bodymap.ui.history.window import HISTORY_KEYS, HistoryPlot
    from bodymap.ui.mat.window import MAT_KEYS

    rows = window_dialogs.shortcut_rows(window.acts.all_actions())
    assert set(HISTORY_KEYS) <= set(rows) and set(MAT_KEYS) <= set(rows)
    window.document.open(EXAMPLES / "desk_worker.bodymap")
    window.show_history()
    plot = window.history_dialog.findChild(HistoryPlot)
    assert plot is not None
    full = plot.span
    qtbot.keyClick(plot, Qt.Key.Key_Plus)
    start, end = plot.span
    assert end - start < full[1] - full[0]  # zoomed in
    qtbot.keyClick(plot, Qt.Key.Key_Left)
    assert plot.span[0] < start  # earlier
    qtbot.keyClick(plot, Qt.Key.Key_Home)
    assert plot.span == full  # all dates
    window.history_dialog.close()


def test_a_key_given_twice_is_kept_once(qapp) -> None:
    """Under X11 the standard Quit key is Ctrl+Q: given as both, Qt would call Ctrl+Q
    ambiguous and do nothing."""
    from bodymap.ui.window.actions import _action

    parent = QWidget()
    action = _action(parent, "x", "X", "tip", QKeySequence("Ctrl+Q"), "Ctrl+Q", "Ctrl+W")
    assert [k.toString() for k in action.shortcuts()] == ["Ctrl+Q", "Ctrl+W"]


def test_tab_never_stops_on_an_invisible_widget(main_window) -> None:
    """Tab goes round the window without stopping on a widget that shows no focus: not the
    panel's scroll area, nor the docks' tab bar (hidden with the muscle browser) (QA round 2)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QTabBar

    window = main_window()
    window.add_spot("back", 560, 200)
    start = window.canvas
    start.setFocus()
    seen = []
    widget = start.nextInFocusChain()
    while widget is not start and len(seen) < 500:
        takes_tab = widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        if takes_tab and widget.isVisibleTo(window) and widget.isEnabled():
            seen.append(widget)
        widget = widget.nextInFocusChain()
    assert seen
    for widget in seen:
        assert not isinstance(widget, QTabBar), widget
        assert widget.objectName() != "adviceScroll", widget
    bars = window.findChildren(QTabBar)
    assert all(not bar.focusPolicy() & Qt.FocusPolicy.TabFocus for bar in bars)


@pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise", "does not support grabbing"
)
@pytest.mark.parametrize(
    ("menu_name", "key", "tool"),
    [("fileMenu", Qt.Key.Key_E, "eraser"), ("viewMenu", Qt.Key.Key_E, "eraser"),
     ("editMenu", Qt.Key.Key_B, "paint_tool")],
)  # fmt: skip
def test_a_letter_typed_in_an_open_menu_picks_its_item_not_a_diagram_tool(
    qtbot, window: MapWindow, menu_name: str, key: Qt.Key, tool: str
) -> None:
    """With the diagram focused, Alt+F then E must open File's Export submenu: the bare E
    (the eraser, for the diagram) must not switch tools behind the open menu."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QMenu

    window.canvas.setFocus()
    menu = window.menuBar().findChild(QMenu, menu_name)
    assert menu is not None
    menu.popup(window.mapToGlobal(window.rect().center()))
    qtbot.waitExposed(menu)
    size = window.canvas.brush.radius
    QTest.keyClick(menu, key)
    assert not getattr(window.acts, tool).isChecked()
    assert window.acts.spot_tool.isChecked()
    if menu_name == "fileMenu":  # E is Export's letter: its submenu opens
        export = window.menuBar().findChild(QMenu, "exportMenu")
        assert export is not None and export.isVisible()
    if menu_name == "editMenu":  # B is Smaller Brush's letter
        assert window.canvas.brush.radius < size
    if menu_name == "viewMenu":  # E is Heat Map's letter
        from bodymap.ui.history.heatmap import HeatMapDialog

        (heat_map,) = window.findChildren(HeatMapDialog)
        heat_map.close()
    while QApplication.activePopupWidget() is not None:
        QApplication.activePopupWidget().close()


def test_help_shows_each_row_whole_and_lists_the_browsers_keys(qtbot, window, monkeypatch):
    """A row whose words wrap is as tall as its lines (rows were cut to one line), and the
    muscle browser's Escape is listed, as the README's table says (keyboard walk)."""
    from bodymap.ui.browser.browser import BROWSER_KEYS

    shown: list[window_dialogs.ShortcutsDialog] = []
    monkeypatch.setattr(
        window_dialogs.ShortcutsDialog, "exec", lambda self: shown.append(self) or 0
    )
    window.acts.shortcuts.trigger()
    [dialog] = shown
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.resize(380, 520)  # narrow: long rows wrap
    QApplication.processEvents()
    table = dialog.table
    rows = [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())]
    assert set(BROWSER_KEYS) <= set(rows)
    assert any(what.startswith("Muscle browser: close it") for _, what in rows)
    line = table.fontMetrics().height()
    width = table.columnWidth(1)
    for row, (_, what) in enumerate(rows):
        box = table.fontMetrics().boundingRect(
            0, 0, width - 8, 10_000, Qt.TextFlag.TextWordWrap, what
        )
        needed = box.height()
        assert table.rowHeight(row) >= min(needed, 3 * line), what
    assert max(table.rowHeight(r) for r in range(len(rows))) >= 2 * line  # some did wrap
