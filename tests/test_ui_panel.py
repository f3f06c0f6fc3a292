"""AdvicePanel and SpotEditor with real widgets: lists, advice, edits as single requests."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from bodymap.maps import TriggerPointMap, add_spot, check_in, edit_spot, remove_spot
from bodymap.ui.panel.advice_panel import EMPTY_TEXT, AdvicePanel, reason_text

OFFSCREEN_NOISE = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
NOTE_PAUSE_MS = 30
"""A short typing pause for the tests (the program waits longer), so no test sleeps."""
"""The offscreen platform plugin's note when a top-level window with size hints is shown."""


@pytest.fixture
def tpm():
    return TriggerPointMap("Test")


@pytest.fixture
def panel(qtbot, tpm):
    widget = AdvicePanel(note_debounce_ms=NOTE_PAUSE_MS)
    qtbot.addWidget(widget)
    widget.resize(420, 800)
    widget.set_map(tpm)
    widget.editRequested.connect(lambda sid, fields: edit_spot(tpm, sid, **fields))
    return widget


def test_empty_state_invites_a_click(panel):
    assert panel.stack.currentWidget() is panel.empty_label
    assert panel.empty_label.text() == EMPTY_TEXT
    assert panel.advice is None


def test_a_spot_lists_sources_routine_and_disclaimer(panel, tpm):
    add_spot(tpm, "back", 545, 200, "right", intensity=7)
    assert panel.stack.currentIndex() == 1
    assert panel.spot_list.count() == 1
    row = panel.spot_list.item(0).text()
    assert row.startswith("Spot 1 — ") and "7/10" in row and "new" in row  # as areas: "Area 2 — "
    assert panel.source_rows()[0][1] == "right"
    top = panel.source_tree.topLevelItem(0)
    assert top.childCount() >= 1
    reasons = [top.child(i).text(0) for i in range(top.childCount())]
    assert any("spot 1" in r for r in reasons)
    tree = panel.source_tree  # every source shows its reasons
    assert all(tree.topLevelItem(i).isExpanded() for i in range(tree.topLevelItemCount()))
    text = panel.details.toPlainText()
    assert "Routine" in text and "on each tender point" in text
    assert "not medical advice" in text
    assert panel.editor.spot_id == tpm.spots[0].id  # a new spot is selected for editing


def test_advises_once_per_change_not_per_paint(panel, tpm):
    add_spot(tpm, "back", 545, 200, "right")
    count = panel.advise_count
    panel.repaint()
    panel.grab()
    assert panel.advise_count == count
    add_spot(tpm, "back", 520, 420, "right")
    assert panel.advise_count == count + 1


def test_reason_words():
    class R:
        def __init__(self, kind, zone):
            self.spot, self.kind, self.zone, self.text = 1, kind, zone, "x"

    assert reason_text(R("local", None)) == "local — under spot 2"
    assert reason_text(R("local", "near")) == "local — right next to spot 2"
    assert reason_text(R("referred", "essential")) == "commonly refers pain to spot 2 (main zone)"
    assert reason_text(R("referred", "spillover")) == "commonly refers pain to spot 2 (spillover)"


def test_a_muscle_beside_the_spot_is_not_said_to_lie_under_it(panel, tpm):
    """A click on the side of the neck lies on levator scapulae, which "Under the spots"
    names; the upper trapezius right next to it is listed as local "right next to spot
    1", not "under" it (the two lists once seemed to disagree)."""
    add_spot(tpm, "back", 532.6, 141.8, "right", intensity=5)
    under = {r.name for r in panel.advice.spots[0].regions}
    texts = {
        item.text(0)
        for i in range(panel.source_tree.topLevelItemCount())
        for item in [panel.source_tree.topLevelItem(i)]
        for item in [item.child(k) for k in range(item.childCount())]
    }
    assert "Levator scapulae" in under and "Upper trapezius" not in under
    assert "local — under spot 1" in texts and "local — right next to spot 1" in texts


def test_trend_is_shown(panel, tpm):
    op = add_spot(tpm, "back", 545, 200, "right", intensity=8)
    check_in(tpm)
    edit_spot(tpm, op.spot.id, intensity=3)
    check_in(tpm)
    assert panel.spot_list.item(0).text().endswith("— 3/10 · ↓ better")


def test_a_pain_raised_since_the_last_check_in_says_which_reading_the_trend_ends_at(panel, tpm):
    """Raised from 3 to 6 in the panel, a spot read "6/10 · ↓ better": the trend is of the
    check-ins, which never saw the 6."""
    op = add_spot(tpm, "back", 545, 200, "right", intensity=8)
    check_in(tpm)
    edit_spot(tpm, op.spot.id, intensity=3)
    check_in(tpm)
    edit_spot(tpm, op.spot.id, intensity=6)
    assert panel.spot_list.item(0).text().endswith("— 6/10 · last check-in 3/10, ↓ better")
    check_in(tpm)  # checked in at 6: one number again
    assert tpm.latest_reading(op.spot.id) == 6
    assert "last check-in" not in panel.spot_list.item(0).text()


def test_intensity_edit_is_one_request(qtbot, panel, tpm):
    add_spot(tpm, "back", 545, 200, "right", intensity=5)
    spot_id = tpm.spots[0].id
    with qtbot.waitSignal(panel.editRequested) as blocker:
        panel.editor.intensity_box.setValue(6)
    assert blocker.args == [spot_id, {"intensity": 6}]
    assert tpm.spots[0].intensity == 6
    assert panel.editor.intensity_slider.value() == 6


@OFFSCREEN_NOISE
def test_a_typed_intensity_is_one_request(qtbot, panel, tpm):
    add_spot(tpm, "back", 545, 200, "right", intensity=5)
    seen: list = []
    panel.editRequested.connect(lambda *a: seen.append(a))
    panel.show()
    qtbot.waitExposed(panel)
    box = panel.editor.intensity_box
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    box.selectAll()
    qtbot.keyClicks(box, "10")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert seen == [(tpm.spots[0].id, {"intensity": 10})]  # not 1, then 10
    assert tpm.spots[0].intensity == 10


def test_slider_drag_is_one_request(qtbot, panel, tpm):
    add_spot(tpm, "back", 545, 200, "right", intensity=2)
    seen: list = []
    panel.editRequested.connect(lambda *a: seen.append(a))
    slider = panel.editor.intensity_slider
    slider.setSliderDown(True)
    for value in (3, 4, 5, 6):
        slider.setValue(value)
    assert seen == []
    slider.setSliderDown(False)
    slider.sliderReleased.emit()
    assert seen == [(tpm.spots[0].id, {"intensity": 6})]


def test_kind_edit(qtbot, panel, tpm):
    add_spot(tpm, "back", 545, 200, "right")
    box = panel.editor.kind_box
    with qtbot.waitSignal(panel.editRequested) as blocker:
        box.activated.emit(box.findData("burning"))
    assert blocker.args[1] == {"kind": "burning"}
    assert tpm.spots[0].kind == "burning"


@OFFSCREEN_NOISE
def test_note_is_committed_once_after_typing(qtbot, panel, tpm):
    add_spot(tpm, "back", 545, 200, "right")
    panel.show()
    qtbot.waitExposed(panel)
    seen: list = []
    panel.editRequested.connect(lambda *a: seen.append(a))
    note = panel.editor.note_edit
    note.setFocus()
    QTest.keyClicks(note, "worse after desk work")
    assert seen == []
    with qtbot.waitSignal(panel.editRequested, timeout=5000):
        pass
    assert seen == [(tpm.spots[0].id, {"note": "worse after desk work"})]
    assert tpm.spots[0].note == "worse after desk work"


@OFFSCREEN_NOISE
def test_note_is_committed_on_focus_out(qtbot, panel, tpm):
    add_spot(tpm, "back", 545, 200, "right")
    panel.show()
    qtbot.waitExposed(panel)
    note = panel.editor.note_edit
    note.setFocus()
    QTest.keyClicks(note, "sharp")
    with qtbot.waitSignal(panel.editRequested) as blocker:
        panel.spot_list.setFocus()
    assert blocker.args[1] == {"note": "sharp"}


@OFFSCREEN_NOISE
def test_clicking_rows_selects_spots_and_sources(qtbot, panel, tpm):
    add_spot(tpm, "back", 545, 200, "right")
    add_spot(tpm, "front", 470, 260, "right")
    panel.show()
    qtbot.waitExposed(panel)
    first = tpm.spots[0].id
    rect = panel.spot_list.visualItemRect(panel.spot_list.item(0))
    with qtbot.waitSignal(panel.selection.changed) as blocker:
        QTest.mouseClick(panel.spot_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [first]
    assert panel.editor.spot_id == first
    assert panel.editor_title.text() == "Spot 1"
    top = panel.source_tree.topLevelItem(1)
    rect = panel.source_tree.visualItemRect(top)
    with qtbot.waitSignal(panel.sourceSelected) as blocker:
        QTest.mouseClick(panel.source_tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tuple(blocker.args) == panel.source_rows()[1]


@OFFSCREEN_NOISE
def test_arrow_keys_in_the_sources_choose_as_a_click_does(qtbot, panel, tpm):
    """A keyboard user moving down the likely sources sees each one's roll zone on the
    diagram, as a click shows it: the row highlighted is the source drawn. Its reason rows
    stand for their source; the list filled again after an edit chooses nothing."""
    add_spot(tpm, "back", 545, 200, "right")
    panel.show()
    qtbot.waitExposed(panel)
    chosen: list[tuple[str, str]] = []
    panel.sourceSelected.connect(lambda muscle, side: chosen.append((muscle, side)))
    panel.source_tree.setFocus()
    panel.select_source(0)
    first, second = panel.source_rows()[:2]
    assert chosen == [first]
    while panel.source_tree.currentItem() is not panel.source_tree.topLevelItem(1):
        QTest.keyClick(panel.source_tree, Qt.Key.Key_Down)  # through the first one's reasons
    assert chosen == [first, second]
    QTest.keyClick(panel.source_tree, Qt.Key.Key_Up)  # the first source's last reason
    assert chosen == [first, second, first]
    add_spot(tpm, "back", 520, 420, "right")  # the list is filled again
    assert chosen == [first, second, first]


@OFFSCREEN_NOISE
def test_a_refresh_brings_the_spot_list_back_to_the_selected_spot(qtbot, panel, tpm):
    """Rows are updated in place, but the list moves as it did when it was filled afresh:
    to the selected spot's row, and nowhere without one."""
    for k in range(14):
        add_spot(tpm, "back", 530 + 4 * k, 200 + 30 * k, "right")
    panel.show()
    qtbot.waitExposed(panel)
    bar = panel.spot_list.verticalScrollBar()
    panel.select_spot(tpm.spots[0].id)
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())  # the user scrolls down, away from spot 1
    edit_spot(tpm, tpm.spots[5].id, intensity=9)  # a refresh that keeps the selection
    assert panel.spot_list.currentRow() == 0
    assert bar.value() == 0
    panel.select_spot(tpm.spots[13].id)  # the last row: scrolled into view
    bar.setValue(0)
    edit_spot(tpm, tpm.spots[5].id, intensity=3)
    assert bar.value() > 0
    rect = panel.spot_list.visualItemRect(panel.spot_list.item(13))
    assert panel.spot_list.viewport().rect().contains(rect)
    panel.select_spot("")  # no selection: the list stays where it was scrolled to
    bar.setValue(bar.maximum())
    edit_spot(tpm, tpm.spots[5].id, intensity=4)
    assert bar.value() == bar.maximum() > 0


def test_select_spot_selects_only_a_spot_of_the_map_and_removal_clears(qtbot, panel, tpm):
    add_spot(tpm, "back", 545, 200, "right")
    add_spot(tpm, "back", 520, 420, "right")
    seen: list = []
    panel.selection.changed.connect(seen.append)
    panel.select_spot(tpm.spots[0].id)
    assert seen == [tpm.spots[0].id] and panel.editor.spot_id == tpm.spots[0].id
    panel.select_spot("no-such-spot")
    assert seen[-1] == "" and panel.selected_spot == ""
    panel.select_spot(tpm.spots[0].id)
    remove_spot(tpm, tpm.spots[0].id)
    assert panel.selected_spot == ""
    assert panel.spot_list.count() == 1
    remove_spot(tpm, tpm.spots[0].id)
    assert panel.stack.currentWidget() is panel.empty_label


@OFFSCREEN_NOISE
def test_text_is_readable_at_double_scale(qtbot, tpm):
    """At 200 % font size the rows grow with the text instead of overlapping it."""
    panel = AdvicePanel()
    qtbot.addWidget(panel)
    font = panel.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    panel.setFont(font)
    panel.set_map(tpm)
    add_spot(tpm, "back", 545, 200, "right")
    panel.resize(500, 900)
    panel.show()
    qtbot.waitExposed(panel)
    tree = panel.source_tree
    top = tree.topLevelItem(0)
    row = tree.visualItemRect(top)
    assert row.height() >= tree.fontMetrics().height()
    child = tree.visualItemRect(top.child(0))
    assert child.top() >= row.bottom()


def test_likelihood_bars_are_relative_to_the_most_likely_source(panel, tpm):
    """With several unrelated spots every raw score is small; the bars still show the top
    source full and the rest in proportion, and the tooltip says how much each explains."""
    add_spot(tpm, "back", 560, 175, "right")
    add_spot(tpm, "front", 408, 206, "right")
    add_spot(tpm, "back", 470, 395, "left")
    tree = panel.source_tree
    bars = [tree.topLevelItem(i).data(1, Qt.ItemDataRole.UserRole + 1) for i in range(3)]
    assert panel.advice.sources[0].score < 0.6  # the raw score would draw a short bar
    assert bars[0] == pytest.approx(1.0)
    assert bars[0] >= bars[1] >= bars[2] > 0
    tip = tree.topLevelItem(0).toolTip(1)
    assert "of 3 spots" in tip


def test_a_spot_on_the_spine_names_each_muscle_once(panel, tpm):
    from bodymap.atlas import load_atlas

    x, y = load_atlas()["back"].landmarks["l4"]
    add_spot(tpm, "back", x, y, "midline")
    line = next(
        row for row in panel.details.toPlainText().splitlines() if row.strip().startswith("1:")
    )
    names = line.split(":", 1)[1].split("—")[0].split(",")
    assert len(names) == len({n.strip() for n in names}), line


@OFFSCREEN_NOISE
def test_other_sources_and_questions_are_shown_from_the_top(qtbot, panel, tpm):
    """The likely sources and the press test keep where they were scrolled to while their
    rows stay the same (an edit of intensity), and start from the top when other sources or
    questions come (a spot elsewhere): never a list of reasons with no muscle above it, or
    answer buttons whose question is scrolled away."""
    add_spot(tpm, "back", 545, 200, "right", intensity=7)
    panel.resize(420, 640)
    panel.show()
    qtbot.waitExposed(panel)
    tree = panel.source_tree.verticalScrollBar()
    press = panel.press_box.scroller.verticalScrollBar()
    qtbot.waitUntil(lambda: tree.maximum() > 0 and press.maximum() > 0)
    tree.setValue(tree.maximum())
    press.setValue(press.maximum())
    edit_spot(tpm, tpm.spots[0].id, intensity=8)  # the same sources and questions
    assert tree.value() == tree.maximum() > 0 and press.value() == press.maximum() > 0
    add_spot(tpm, "front", 560, 620, "left", intensity=9)  # the thigh: others come first
    assert tree.value() == 0 and press.value() == 0
