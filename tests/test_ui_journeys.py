"""The three journeys of docs/PRODUCT.md, walked end to end through the real main window: real mouse
and key events on the canvas, the real panel, menu actions and the document's file
commands, with every dialog answered through the window's ``ask_*`` methods."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from test_ui_window import Dialogs, add, click, make_window

from bodymap.atlas import load_atlas
from bodymap.maps import load_map
from bodymap.ui.document.document import MapDocument
from bodymap.ui.window.mainwindow import MapWindow

pytestmark = [
    pytest.mark.qt_log_ignore("does not support propagateSizeHints"),
    pytest.mark.usefixtures("private_settings"),  # settings in each test's own folder
]

UPPER_TRAPEZIUS_R = ("back", 560.0, 175.0)
ANTERIOR_SHOULDER_R = ("front", 408.0, 206.0)


@pytest.fixture
def win(qtbot, tmp_path, monkeypatch) -> tuple[MapWindow, Dialogs]:
    return make_window(qtbot, tmp_path, monkeypatch)


def details(window: MapWindow) -> str:
    return window.panel.details.toPlainText()


def highlighted_views(window: MapWindow) -> set[str]:
    """The views in which the highlight (roll zone and trigger-point sites) is drawn."""
    canvas = window.canvas
    return {
        view
        for item in canvas.highlight_items()
        for view in canvas.views
        if canvas.view_rect(view).contains(item.sceneBoundingRect().center())
    }


# -- journey 1: locate -----------------------------------------------------------------
def test_locate_a_sore_spot_on_the_back(qtbot, win):
    window, _ = win
    click(qtbot, window, UPPER_TRAPEZIUS_R)
    spot = window.document.map.spots[0]
    assert spot.side == "right"
    text = details(window)
    assert "Under the spots" in text and "Upper trapezius" in text
    assert "Routine" in text and "on each tender point" in text and "Also roll around" in text
    # the rolling position in plain words, not the knowledge table's code
    assert "Standing against a wall" in text
    assert ", wall." not in text and "face up." not in text
    assert window.panel.source_rows()[0] == ("upper_trapezius", "right")
    assert "you have" not in text.lower()
    assert window.select_source(0) == ("upper_trapezius", "right")
    assert window.canvas.highlight == ("upper_trapezius", "right")
    assert "back" in highlighted_views(window)


def test_a_source_of_a_front_spot_is_highlighted_on_the_back(qtbot, win):
    window, _ = win
    click(qtbot, window, ANTERIOR_SHOULDER_R)
    rows = window.panel.source_rows()
    rank = rows.index(("infraspinatus", "right"))
    assert rank < 5  # the textbook referrer to the front of the shoulder
    window.select_source(rank)
    assert highlighted_views(window) == {"back"}


def test_a_click_on_the_spine_shows_its_caution_first(qtbot, win):
    window, _ = win
    x, y = load_atlas()["back"].landmarks["l4"]
    click(qtbot, window, ("back", x, y))
    text = details(window)
    assert "Cautions" in text
    assert text.index("Cautions") < text.index("Routine")  # seen without scrolling
    assert "spine" in text[text.index("Cautions") : text.index("Routine")].lower()
    assert "Added spot 1" in window.hover_label.text()
    assert "Caution: Spine" in window.hover_label.text()


def test_a_click_off_the_body_says_so_and_adds_nothing(qtbot, win):
    window, _ = win
    click(qtbot, window, ("back", 320.0, 120.0))
    assert window.document.map.spots == ()
    assert window.hover_label.text() == "Not on the body"
    assert window.hover_label.isVisible()
    assert window.document.undo_stack.count() == 0


def test_the_highlight_follows_the_advice_when_spots_change(qtbot, win):
    window, _ = win
    add(qtbot, window, ANTERIOR_SHOULDER_R)
    rank = window.panel.source_rows().index(("infraspinatus", "right"))
    window.select_source(rank)
    assert window.canvas.highlight == ("infraspinatus", "right")
    shin = load_atlas()["front"].landmarks["tibial_tuberosity_l"]
    add(qtbot, window, ("front", shin[0], shin[1] + 40))  # re-ranked; infraspinatus stays
    tree = window.panel.source_tree
    current = tree.currentItem()
    assert current is not None and "Infraspinatus" in current.text(0)
    assert window.canvas.highlight == ("infraspinatus", "right")
    window.acts.undo.trigger()
    window.acts.undo.trigger()  # no spots, no sources: nothing may stay highlighted
    assert window.canvas.highlight is None


# -- journey 2: keep a map -------------------------------------------------------------
def test_keep_a_map_edit_move_delete_save_and_reopen(qtbot, win, tmp_path, monkeypatch):
    window, dialogs = win
    first = add(qtbot, window, UPPER_TRAPEZIUS_R)
    add(qtbot, window, ("back", 440.0, 175.0))
    window.select_spot(first)
    editor = window.panel.editor
    editor.intensity_box.setValue(8)
    editor.kind_box.setCurrentIndex(1)
    editor.kind_box.activated.emit(1)
    editor.note_edit.setPlainText("worse after desk work")
    editor.commit_note()
    assert window.document.map.spot_by_id(first).intensity == 8
    steps = window.document.undo_stack.count()
    window.select_spot(window.document.map.spots[1].id)
    window.acts.delete_spot.trigger()
    assert len(window.document.map.spots) == 1
    assert not window.acts.delete_spot.isEnabled()
    for _ in range(steps + 1):
        window.acts.undo.trigger()
    assert window.document.map.spots == ()
    for _ in range(steps + 1):
        window.acts.redo.trigger()
    assert [s.note for s in window.document.map.spots] == ["worse after desk work"]

    dialogs.save_path = tmp_path / "my back"
    window.acts.save.trigger()
    saved = tmp_path / "my back.bodymap"
    assert load_map(saved).spots[0].kind == "sharp"
    assert not window.isWindowModified()
    assert "my back" in window.windowTitle()  # which file is open, not "Untitled map"
    assert window.close()

    again = MapWindow(MapDocument(recovery_dir=tmp_path / "recovery"))
    qtbot.addWidget(again)
    Dialogs(again, monkeypatch)
    recent = again.menus["recent"].actions()
    assert recent and "my back.bodymap" in recent[0].text()
    recent[0].trigger()
    assert "my back" in again.windowTitle()
    assert [s.intensity for s in again.document.map.spots] == [8]


def test_a_failed_open_keeps_the_recovery_file_of_the_open_map(qtbot, win, tmp_path):
    window, dialogs = win
    add(qtbot, window)
    written = window.document.autosave()
    assert written is not None and written.exists()
    bad = tmp_path / "bad.bodymap"
    bad.write_text('{"format": "bodymap-map", "version": 1, "spots": [')
    before = bad.read_bytes()
    dialogs.discard, dialogs.open_path = "discard", bad
    window.acts.open.trigger()
    assert [title for title, _ in dialogs.errors] == ["Could not open bad.bodymap"]
    text = dialogs.errors[0][1]  # plain words, no parser jargon
    assert text.startswith("The file is cut short") and "Expecting" not in text
    assert text.endswith("bad.bodymap was left as it is.")
    assert bad.read_bytes() == before
    assert len(window.document.map.spots) == 1  # still open and still unsaved …
    assert window.isWindowModified()
    assert written.exists()  # … so its autosave must survive a crash


# -- journey 3: print ------------------------------------------------------------------
@pytest.mark.slow
def test_print_a_guide_from_the_window(qtbot, win, tmp_path, monkeypatch):
    window, dialogs = win
    window.menus["examples"].actions()[0].trigger()
    dialogs.export_path = tmp_path / "guide"
    window.acts.export_guide.trigger()
    pdf = tmp_path / "guide.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "guide.pdf" in window.statusBar().currentMessage()

    from bodymap.ui.printing import guide

    painted: list[int] = []

    def fake_exec(dialog):
        dialog.paintRequested.connect(lambda printer: painted.append(1))
        from PySide6.QtPrintSupport import QPrintPreviewWidget

        dialog.findChild(QPrintPreviewWidget).updatePreview()
        return 0

    monkeypatch.setattr(guide, "_exec_dialog", fake_exec)
    window.acts.print_preview.trigger()
    assert painted


# -- desktop polish --------------------------------------------------------------------
def test_the_spot_list_shows_six_spots_without_scrolling(qtbot, win):
    window, _ = win
    window.resize(1400, 900)
    window.menus["examples"].actions()[0].trigger()  # six spots
    spot_list = window.panel.spot_list
    qtbot.waitUntil(lambda: spot_list.viewport().height() > 0)
    rows = spot_list.viewport().height() / spot_list.sizeHintForRow(0)
    assert rows >= 6
    assert spot_list.verticalScrollBar().maximum() == 0


def test_every_action_tells_what_it_does(win):
    window, _ = win
    acts = window.acts
    for action in window.findChildren(type(acts.save)):
        if action.objectName() and not action.isSeparator() and action.menu() is None:
            assert action.statusTip(), action.objectName()
    for name in ("print_preview", "export_guide", "history", "check_in", "save_as"):
        assert getattr(acts, name).shortcuts(), name


def test_delete_and_enter_work_from_the_spot_list(qtbot, win):
    window, _ = win
    add(qtbot, window)
    second = add(qtbot, window, ("back", 440.0, 175.0))
    spot_list = window.panel.spot_list
    spot_list.setFocus()
    spot_list.setCurrentRow(1)
    assert window.selected_spot == second
    qtbot.keyClick(spot_list, Qt.Key.Key_Return)
    assert window.panel.editor.intensity_box.hasFocus()
    spot_list.setFocus()
    qtbot.keyClick(spot_list, Qt.Key.Key_Delete)
    assert [s.id for s in window.document.map.spots] != [] and not window.document.map.has_spot(
        second
    )
    # but Delete while typing a note deletes text, not the spot
    window.select_spot(window.document.map.spots[0].id)
    note = window.panel.editor.note_edit
    note.setFocus()
    qtbot.keyClicks(note, "ab")
    qtbot.keyClick(note, Qt.Key.Key_Home)
    qtbot.keyClick(note, Qt.Key.Key_Delete)
    assert len(window.document.map.spots) == 1
    assert note.toPlainText() == "b"


def test_the_panel_grows_with_a_large_font(qtbot, tmp_path, monkeypatch, qapp):
    """With a 1.6× font the panel is wider, so the spots and sources still fit."""
    window, _ = make_window(qtbot, tmp_path, monkeypatch)
    normal = window.dock.width()
    window.close()
    QSettings().clear()  # a first start with the large font, no remembered layout
    font = qapp.font()
    big = type(font)(font)
    big.setPointSizeF(font.pointSizeF() * 1.6)
    qapp.setFont(big)
    try:
        large, _ = make_window(qtbot, tmp_path, monkeypatch)
        large.resize(1400, 900)
        large.menus["examples"].actions()[0].trigger()
        assert large.dock.width() >= normal * 1.4
        assert large.canvas.width() >= large.dock.width()
        spot_list = large.panel.spot_list
        qtbot.waitUntil(lambda: spot_list.viewport().height() > 0)
        assert spot_list.sizeHintForRow(0) < 2 * spot_list.fontMetrics().lineSpacing()
    finally:
        qapp.setFont(font)


def test_arrow_key_nudges_of_one_spot_are_one_undo_step(qtbot, win):
    window, _ = win
    first = add(qtbot, window, ("back", 560.0, 260.0))
    second = add(qtbot, window, ("back", 440.0, 260.0))
    stack = window.document.undo_stack
    canvas = window.canvas
    canvas.setFocus()
    window.select_spot(first)
    start = window.document.map.spot_by_id(first)
    for _ in range(5):
        qtbot.keyClick(canvas, Qt.Key.Key_Right)
    qtbot.keyClick(canvas, Qt.Key.Key_Down)
    moved = window.document.map.spot_by_id(first)
    assert (moved.x - start.x, moved.y - start.y) == pytest.approx((10.0, 2.0))
    assert stack.count() == 3 and stack.undoText() == "Move spot 1"
    window.select_spot(second)  # another spot's nudges are their own step
    qtbot.keyClick(canvas, Qt.Key.Key_Left)
    assert stack.count() == 4
    window.acts.undo.trigger()
    window.acts.undo.trigger()
    back = window.document.map.spot_by_id(first)
    assert (back.x, back.y) == (start.x, start.y)
    assert stack.count() == 4  # redo still has both


def test_a_drag_after_nudges_is_its_own_undo_step(qtbot, win):
    window, _ = win
    spot_id = add(qtbot, window, ("back", 560.0, 260.0))
    canvas = window.canvas
    canvas.setFocus()
    window.select_spot(spot_id)
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    spot = window.document.map.spot_by_id(spot_id)
    window.move_spot(spot_id, spot.x, spot.y + 20)  # what a drag's release requests
    assert window.document.undo_stack.count() == 3


def test_revert_is_offered_only_when_there_is_something_to_go_back_to(qtbot, win, tmp_path):
    window, dialogs = win
    revert = window.acts.revert
    assert not revert.isEnabled()  # never saved
    add(qtbot, window)
    assert not revert.isEnabled()
    dialogs.save_path = tmp_path / "saved.bodymap"
    window.acts.save.trigger()
    assert not revert.isEnabled()  # saved: nothing to go back from
    add(qtbot, window, ("back", 440.0, 175.0))
    assert revert.isEnabled()
    revert.trigger()
    assert len(window.document.map.spots) == 1
    assert not revert.isEnabled()
