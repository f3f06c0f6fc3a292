"""The press test through the real panel: the questions for the top sources, the answer
buttons storing an answer in the map as one undo step, the re-ranking and the reasons,
"⊕ Show" marking where to press, and the answers saved with the map."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from bodymap.atlas import load_atlas
from bodymap.maps import load_map
from bodymap.ui.canvas.items import SiteItem
from bodymap.ui.window.mainwindow import MapWindow

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

NECK_R = ("back", 560.0, 175.0)
SHOULDER_BLADE_R = ("back", 575.0, 235.0)


@pytest.fixture
def window(main_window, qtbot) -> MapWindow:
    win = main_window(1400, 1200)
    for where in (NECK_R, SHOULDER_BLADE_R):
        point = win.canvas.viewport_point(*where)
        qtbot.mouseClick(win.canvas.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert len(win.document.map.spots) == 2
    return win


def rows(window: MapWindow):
    return window.panel.press_box.rows


def row_for(window: MapWindow, muscle: str):
    return next(r for r in rows(window) if r.question.muscle == muscle)


def test_the_panel_asks_about_the_top_three_sources(window):
    sources = window.panel.source_rows()
    assert [(r.question.muscle, r.question.side) for r in rows(window)] == sources[:3]
    spots = window.document.map.spots
    for row in rows(window):
        assert row.spot_id in {s.id for s in spots}
        number = [s.id for s in spots].index(row.spot_id) + 1
        assert row.label.text().endswith(
            f"Press the spot marked ⊕ for 10 s. Does it reproduce your pain at spot {number}?"
        )
        assert row.label.textFormat() == Qt.TextFormat.PlainText
        assert row.answer is None
        assert not any(b.isChecked() for b in row.buttons.values())
    assert window.panel.press_box.scroller.isVisible()


def test_yes_stores_the_answer_as_one_undo_step_and_lifts_the_source(qtbot, window):
    before = window.panel.source_rows()
    muscle, side = before[2]
    row = row_for(window, muscle)
    spot_id = row.spot_id
    qtbot.mouseClick(row.buttons["yes"], Qt.MouseButton.LeftButton)
    tpm = window.document.map
    answer = tpm.answer(spot_id, muscle, side)
    assert answer is not None and answer.answer == "yes"
    after = window.panel.source_rows()
    assert after.index((muscle, side)) < 2
    item = window.panel.source_tree.topLevelItem(after.index((muscle, side)))
    number = [s.id for s in tpm.spots].index(spot_id) + 1
    assert item.child(0).text(0) == f"pressing it reproduced your pain at spot {number}"
    assert row_for(window, muscle).buttons["yes"].isChecked()
    assert row_for(window, muscle).answer == "yes"
    assert window.acts.undo.text() == "&Undo Press test"
    assert window.isWindowModified()
    # where to press is shown: the source's trigger-point sites (⊕) on the diagram
    assert window.canvas.highlight == (muscle, side)
    assert any(isinstance(i, SiteItem) for i in window.canvas.highlight_items())

    window.acts.undo.trigger()
    assert window.document.map.answers == ()
    assert window.panel.source_rows() == before
    assert row_for(window, muscle).answer is None
    window.acts.redo.trigger()
    assert window.document.map.answer(spot_id, muscle, side).answer == "yes"
    assert window.panel.source_rows() == after


def test_no_lowers_the_top_source_and_clicking_it_again_clears_the_answer(qtbot, window):
    before = window.panel.source_rows()
    muscle, side = before[0]
    qtbot.mouseClick(row_for(window, muscle).buttons["no"], Qt.MouseButton.LeftButton)
    after = window.panel.source_rows()
    assert after.index((muscle, side)) > 0
    assert row_for(window, muscle).answer == "no"  # still asked, so it can be changed
    qtbot.mouseClick(row_for(window, muscle).buttons["no"], Qt.MouseButton.LeftButton)
    assert window.document.map.answers == ()
    assert window.panel.source_rows() == before
    assert window.document.undo_stack.count() == 4  # two spots, the answer, its clearing


def test_partly_replaces_yes_in_one_more_step(qtbot, window):
    muscle, side = window.panel.source_rows()[1]
    qtbot.mouseClick(row_for(window, muscle).buttons["yes"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(row_for(window, muscle).buttons["partly"], Qt.MouseButton.LeftButton)
    (answer,) = window.document.map.answers
    assert (answer.muscle, answer.side, answer.answer) == (muscle, side, "partly")
    assert row_for(window, muscle).buttons["partly"].isChecked()
    assert not row_for(window, muscle).buttons["yes"].isChecked()
    window.acts.undo.trigger()
    assert window.document.map.answers[0].answer == "yes"


def test_show_marks_where_to_press(qtbot, window):
    row = rows(window)[1]
    qtbot.mouseClick(row.show_button, Qt.MouseButton.LeftButton)
    assert window.canvas.highlight == (row.question.muscle, row.question.side)
    sites = [i for i in window.canvas.highlight_items() if isinstance(i, SiteItem)]
    assert row.question.site is not None
    view, x, y = row.question.site
    assert (view, x, y) in {(s.view, *s.atlas_xy) for s in sites}
    assert window.document.map.answers == ()  # showing answers nothing
    # the point asked about is drawn over the spot discs: it often lies under its spot
    discs = [i for i in window.canvas.spot_items()]
    assert discs and all(s.zValue() > d.zValue() for s in sites for d in discs)


def test_answers_are_saved_with_the_map(qtbot, window, tmp_path):
    muscle, side = window.panel.source_rows()[0]
    qtbot.mouseClick(row_for(window, muscle).buttons["partly"], Qt.MouseButton.LeftButton)
    path = tmp_path / "mine.bodymap"
    assert window.document.save_as(path)
    (answer,) = load_map(path).answers
    assert (answer.muscle, answer.side, answer.answer) == (muscle, side, "partly")


def test_no_spots_no_questions(window):
    for spot in list(window.document.map.spots):
        window.remove_spot(spot.id)
    assert rows(window) == []
    assert not window.panel.press_box.scroller.isVisible()


def test_a_question_is_sized_like_a_plain_wrapped_label_and_shown_literally(qtbot):
    """The question's sizes, kept by text and width, are those of an ordinary wrapped
    plain-text label, for a text asked before and a new one; markup is shown as typed."""
    from PySide6.QtWidgets import QLabel

    from bodymap.ui.panel.press_test import QuestionLabel

    label, plain = QuestionLabel(), QLabel()
    qtbot.addWidget(label)
    qtbot.addWidget(plain)
    plain.setTextFormat(Qt.TextFormat.PlainText)
    plain.setWordWrap(True)
    texts = ["Scalenes (right): press the spot for 10 s. " * 3, "<b>Short</b>", "Scalenes"]
    for text in (*texts, *texts):  # the second round is answered from what was kept
        label.setText(text)
        plain.setText(text)
        assert label.sizeHint() == plain.sizeHint()
        assert label.minimumSizeHint() == plain.minimumSizeHint()
        for width in (120, 338, 344):
            assert label.heightForWidth(width) == plain.heightForWidth(width)
    label.setText("<b>Short</b>")
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.text() == "<b>Short</b>"


def test_a_question_in_another_font_is_measured_again(qtbot):
    from PySide6.QtWidgets import QLabel

    from bodymap.ui.panel.press_test import QuestionLabel

    label, plain = QuestionLabel(), QLabel()
    qtbot.addWidget(label)
    qtbot.addWidget(plain)
    plain.setWordWrap(True)
    text = "Scalenes (right): press the spot for 10 s. " * 3
    label.setText(text)
    plain.setText(text)
    assert label.heightForWidth(200) == plain.heightForWidth(200)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    label.setFont(font)
    plain.setFont(font)
    assert label.heightForWidth(200) == plain.heightForWidth(200)
    assert label.sizeHint() == plain.sizeHint()


def test_an_answer_moves_no_other_question_under_the_pointer(qtbot, window):
    """ "No" on the top source moves it down the ranking, and another source into the top
    three; the rows already shown stay where they were (the answered one included), so a
    second click where the pointer is answers the same question again (QA round 2)."""
    before = [(r.question.muscle, r.question.spot) for r in rows(window)]
    first = rows(window)[0]
    qtbot.mouseClick(first.buttons["no"], Qt.MouseButton.LeftButton)
    after = [(r.question.muscle, r.question.spot) for r in rows(window)]
    kept = [q for q in before if q in after]
    assert after[: len(kept)] == kept and after[0] == before[0]
    assert rows(window)[0].answer == "no"
    qtbot.mouseClick(rows(window)[0].buttons["no"], Qt.MouseButton.LeftButton)
    assert rows(window)[0].answer is None  # the same question, taken back


@pytest.mark.parametrize("size", [(1400, 900), (1000, 700)])
def test_a_question_of_three_lines_and_its_answers_are_never_cut_off(main_window, qtbot, size):
    """At the window's first size, and smaller, the first question shows whole: three lines
    of text (a long muscle name wraps a question that far) and the answer buttons below,
    without scrolling the box."""
    win = main_window(*size)
    front, back = load_atlas()["front"].landmarks, load_atlas()["back"].landmarks
    x, y = back["scapula_spine_root_r"]
    for where in (("front", *front["nipple_r"]), ("back", x + 12, y + 8)):
        point = win.canvas.viewport_point(*where)
        qtbot.mouseClick(win.canvas.viewport(), Qt.MouseButton.LeftButton, pos=point)
    first = rows(win)[0]
    text = first.label.text()
    while first.label.heightForWidth(first.label.width()) < 3 * first.fontMetrics().lineSpacing():
        text = "Longer name " + text
        first.label.setText(text)
    qtbot.wait(10)  # the box lays the longer question out
    viewport = win.panel.press_box.scroller.viewport()
    for button in (first.show_button, *first.buttons.values()):
        bottom = button.mapTo(viewport, button.rect().bottomLeft()).y()
        assert 0 <= bottom < viewport.height(), button.text()


def test_in_a_narrow_panel_the_answers_stay_whole_without_sideways_scrolling(main_window, qtbot):
    win = main_window(1000, 650)
    front, back = load_atlas()["front"].landmarks, load_atlas()["back"].landmarks
    x, y = back["scapula_spine_root_r"]
    for where in (("front", *front["nipple_r"]), ("back", x + 12, y + 8)):
        point = win.canvas.viewport_point(*where)
        qtbot.mouseClick(win.canvas.viewport(), Qt.MouseButton.LeftButton, pos=point)
    win.resizeDocks([win.dock], [300], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: win.dock.width() <= 310)
    qtbot.wait(10)
    scroller = win.panel.press_box.scroller
    assert not scroller.horizontalScrollBar().isVisible()
    viewport = scroller.viewport()
    first = rows(win)[0]
    for button in (first.show_button, *first.buttons.values()):
        right = button.mapTo(viewport, button.rect().topRight()).x()
        assert 0 < right < viewport.width(), button.text()


def test_the_panel_cannot_be_dragged_so_narrow_that_the_answers_are_cut_off(main_window, qtbot):
    win = main_window(1000, 650)
    point = win.canvas.viewport_point(*SHOULDER_BLADE_R)
    qtbot.mouseClick(win.canvas.viewport(), Qt.MouseButton.LeftButton, pos=point)
    win.resizeDocks([win.dock], [120], Qt.Orientation.Horizontal)  # as far as a drag goes
    qtbot.wait(10)
    assert win.dock.width() >= 280
    scroller = win.panel.press_box.scroller
    assert not scroller.horizontalScrollBar().isVisible()
    viewport = scroller.viewport()
    first = rows(win)[0]
    for button in (first.show_button, *first.buttons.values()):
        assert 0 < button.mapTo(viewport, button.rect().topRight()).x() < viewport.width()


def test_tab_to_a_later_question_shows_its_question_not_only_its_buttons(main_window, qtbot):
    """Tab through the answers scrolls the box: each row Tab reaches is shown whole, its
    question above its buttons, not cut off at the top (keyboard walk)."""
    win = main_window(1000, 650)
    point = win.canvas.viewport_point(*SHOULDER_BLADE_R)
    qtbot.mouseClick(win.canvas.viewport(), Qt.MouseButton.LeftButton, pos=point)
    win.resizeDocks([win.dock], [300], Qt.Orientation.Horizontal)  # questions of 3 lines
    qtbot.waitUntil(lambda: win.dock.width() <= 310)
    scroller = win.panel.press_box.scroller
    viewport = scroller.viewport()
    shown = rows(win)
    assert len(shown) >= 3
    assert shown[-1].mapTo(viewport, shown[-1].rect().bottomLeft()).y() > viewport.height()
    win.activateWindow()
    shown[0].show_button.setFocus(Qt.FocusReason.TabFocusReason)
    focused = shown[0].show_button
    for _ in range(4 * len(shown) - 1):
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        QApplication.processEvents()
        focused = win.focusWidget()
        assert focused is not None
        row = focused.parentWidget()
        assert row in shown
        top = row.label.mapTo(viewport, row.label.rect().topLeft()).y()
        bottom = row.mapTo(viewport, row.rect().bottomLeft()).y()
        assert top >= 0 and bottom <= viewport.height(), (top, bottom, row.label.text())


def test_a_question_about_a_source_of_both_sides_names_the_side_of_its_point(main_window, qtbot):
    """Both calves marked: gastrocnemius is listed once for both sides, and its question
    said no side while ⊕ Show marked one calf (a walk's finding). It names the side of
    the point to press."""
    from bodymap.sides import side_for

    win = main_window(1400, 1200)
    for where in (("back", 548.0, 800.0), ("back", 452.0, 800.0)):
        point = win.canvas.viewport_point(*where)
        qtbot.mouseClick(win.canvas.viewport(), Qt.MouseButton.LeftButton, pos=point)
    both = [r for r in rows(win) if r.question.side == "both"]
    assert both
    for row in both:
        view, x, _y = row.question.site
        side = side_for(view, x)
        assert side in ("right", "left")
        assert row.label.text().startswith(f"{row.question.name} ({side}): Press the spot")
