"""The Paint tool: real mouse events on the canvas's viewport paint, erase and group strokes."""

from __future__ import annotations

import pytest
import shapely
import shapely.affinity
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from bodymap.atlas import load_atlas
from bodymap.maps import TriggerPointMap
from bodymap.ui.canvas.body_canvas import BodyCanvas
from bodymap.ui.canvas.brush import MAX_RADIUS, MIN_RADIUS, apply_stroke, stroke_shape

pytestmark = pytest.mark.gui
LEFT, RIGHT = Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton
NO_MOD = Qt.KeyboardModifier.NoModifier


class Areas:
    """Stands in for the map: keeps the areas the canvas asks for, as the window would."""

    def __init__(self, canvas: BodyCanvas) -> None:
        self.shapes: dict[str, tuple[str, object]] = {}
        self.requests: list[tuple[str, str, object]] = []
        self.selected = ""
        canvas.paintRequested.connect(self.apply)
        canvas.brush._areas = lambda: [(sid, v, s) for sid, (v, s) in self.shapes.items()]
        canvas.brush._selected = lambda: self.selected

    def apply(self, view: str, spot_id: str, shape: object) -> None:
        self.requests.append((view, spot_id, shape))
        if not spot_id:
            spot_id = f"a{len(self.shapes) + 1}"
            self.selected = spot_id  # the window selects the new area: the stroke group
        if shape is None:
            self.shapes.pop(spot_id, None)
        else:
            self.shapes[spot_id] = (view, shape)


@pytest.fixture
def canvas(qtbot):
    widget = BodyCanvas()
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.set_map(TriggerPointMap("Paint"))
    widget.show()
    qtbot.waitExposed(widget)
    widget.fit()
    widget.set_tool("paint")
    return widget


def stroke(canvas, view, points, button=LEFT):
    vp = canvas.viewport()
    QTest.mousePress(vp, button, NO_MOD, canvas.viewport_point(view, *points[0]))
    for x, y in points[1:]:
        QTest.mouseMove(vp, canvas.viewport_point(view, x, y))
    QTest.mouseRelease(vp, button, NO_MOD, canvas.viewport_point(view, *points[-1]))


def line(x0, y0, x1, y1, n=12):
    return [(x0 + (x1 - x0) * k / n, y0 + (y1 - y0) * k / n) for k in range(n + 1)]


def test_a_stroke_paints_one_area_along_the_track(canvas) -> None:
    areas = Areas(canvas)
    stroke(canvas, "front", line(414, 530, 428, 690))
    assert len(areas.requests) == 1
    view, spot_id, shape = areas.requests[0]
    assert (view, spot_id) == ("front", "")
    assert shape.contains(shapely.Point(421, 610))
    assert not shape.contains(shapely.Point(380, 610))
    assert shape.area == pytest.approx(160 * 2 * canvas.brush.radius, rel=0.25)


def test_painting_is_clipped_to_the_body_outline(canvas) -> None:
    areas = Areas(canvas)
    canvas.set_brush_radius(40)
    stroke(canvas, "back", line(430, 300, 300, 300))  # from the flank out into the air
    shape = areas.requests[0][2]
    outline = load_atlas()["back"].outline
    assert shapely.difference(shape, outline.buffer(0.5)).area < 1.0
    assert shape.area < stroke_shape([line(430, 300, 300, 300)], 40).area


def test_a_wide_brush_along_the_thigh_does_not_paint_the_hand_beside_it(canvas) -> None:
    """A walk's finding: a large brush along the outer thigh also painted the hand hanging
    beside it, across the gap in the outline, and the "outer thigh" area then raised the
    heart and hot-joint warnings of the hand. A piece of another limb the brush's edge
    reaches is left out; the fingers beside the one under the brush are not."""
    areas = Areas(canvas)
    canvas.set_brush_radius(45)
    stroke(canvas, "back", line(592, 480, 592, 600))
    (_view, _spot_id, shape) = areas.requests[-1]
    on = {
        r.id
        for r in load_atlas()["back"].layer("segment")
        if r.geometry.intersection(shape).area > 5
    }
    assert "lateral_thigh" in on
    assert not on & {"medial_forearm", "wrist_dorsal_ulnar", "ulnar_hand", "back_of_hand"}, on
    areas.selected = ""  # nothing selected: the next stroke starts a new area
    canvas.set_brush_radius(12)
    stroke(canvas, "back", [(655, 610)])  # a dab over the fingers: all three under it
    (_view, _spot_id, shape) = areas.requests[-1]
    assert len(shapely.get_parts(shape)) == 3  # separate pieces of the outline, all kept


def test_a_wide_brush_on_one_calf_leaves_no_sliver_on_the_other(canvas) -> None:
    """A wide brush down the right calf reaches across the gap onto the edge of the left
    calf; that piece is the brush's edge, not paint the stroke ran over, and would make the
    area both legs for the warnings (physiotherapist review 6, round 18)."""
    areas = Areas(canvas)
    canvas.set_brush_radius(50)
    stroke(canvas, "back", line(528, 760, 528, 840))
    (_view, _spot_id, shape) = areas.requests[-1]
    assert shapely.intersection(shape, shapely.box(0, 0, 500, 1000)).area < 1.0
    assert shape.area > 3000  # the right calf is painted


def test_strokes_merge_into_the_selected_area_and_the_eraser_takes_away(canvas) -> None:
    areas = Areas(canvas)
    stroke(canvas, "front", line(414, 530, 420, 600))
    stroke(canvas, "front", line(420, 600, 428, 690))
    assert [r[1] for r in areas.requests] == ["", "a1"]  # one area: a stroke group
    shape = areas.shapes["a1"][1]
    assert shape.contains(shapely.Point(416, 540)) and shape.contains(shapely.Point(427, 680))
    before = shape.area
    stroke(canvas, "front", line(380, 610, 450, 610), button=RIGHT)  # right-drag erases
    after = areas.shapes["a1"][1]
    assert after.area < before and not after.contains(shapely.Point(421, 610))
    canvas.set_eraser(True)
    stroke(canvas, "front", line(414, 520, 428, 700, n=20))
    assert areas.requests[-1][2] is None or areas.requests[-1][2].area < 0.2 * before


def test_a_new_area_starts_when_nothing_is_selected(canvas) -> None:
    areas = Areas(canvas)
    stroke(canvas, "front", line(414, 530, 420, 600))
    areas.selected = ""
    stroke(canvas, "back", line(545, 560, 545, 700))
    assert [r[1] for r in areas.requests] == ["", ""]
    assert areas.requests[1][0] == "back"


def test_painting_off_the_body_or_erasing_nothing_asks_nothing(canvas) -> None:
    areas = Areas(canvas)
    stroke(canvas, "front", line(100, 100, 150, 120))
    stroke(canvas, "front", line(414, 530, 420, 600), button=RIGHT)
    assert areas.requests == []


def test_brush_size_keys_stay_in_their_limits(canvas) -> None:
    start = canvas.brush.radius
    canvas.grow_brush()
    assert canvas.brush.radius > start
    for _ in range(40):
        canvas.grow_brush()
    assert canvas.brush.radius == MAX_RADIUS
    for _ in range(60):
        canvas.shrink_brush()
    assert canvas.brush.radius == MIN_RADIUS


def test_the_click_tool_still_adds_spots(canvas, qtbot) -> None:
    canvas.set_tool("click")
    with qtbot.waitSignal(canvas.addRequested):
        QTest.mouseClick(canvas.viewport(), LEFT, NO_MOD, canvas.viewport_point("front", 415, 600))


def test_erase_undoes_paint_on_an_area() -> None:
    outline = load_atlas()["front"].outline
    base = apply_stroke(None, stroke_shape([line(414, 530, 420, 600)], 10), outline, False)
    extra = stroke_shape([line(420, 560, 440, 560)], 6)
    grown = apply_stroke(base, extra, outline, False)
    back = apply_stroke(grown, shapely.difference(extra, base), outline, True)
    assert shapely.symmetric_difference(back, base).area < 2.0


def test_an_eraser_takes_the_sliver_its_edge_leaves_but_keeps_what_it_splits() -> None:
    outline = load_atlas()["front"].outline
    base = shapely.box(400, 500, 440, 600)  # a painted patch on the front of the thigh
    # erasing across the bottom, a little short of its edge: a strip 3 units tall is left
    eraser = shapely.box(380, 571.5, 460, 597)
    cut = apply_stroke(base, eraser, outline, True, radius=12)
    assert cut is not None and cut.geom_type == "Polygon"  # the strip went with the stroke
    assert cut.bounds[3] == pytest.approx(571.5)
    # a cut through the middle leaves two halves a finger wide or more: both are kept
    split = apply_stroke(base, shapely.box(380, 545, 460, 555), outline, True, radius=12)
    assert split is not None and len(shapely.get_parts(split)) == 2
    assert split.area == pytest.approx(base.area - 40 * 10, abs=2)
    # a line painted with a small brush is thin to begin with: a big eraser taking its middle
    # leaves both ends, however narrow, and a thin tail stays when the blob it hung from goes
    line = stroke_shape([line_points := [(415.0, 520.0 + 4 * i) for i in range(21)]], 3)
    ends = apply_stroke(line, shapely.box(380, 550, 460, 570), outline, True, radius=60)
    assert ends is not None and len(shapely.get_parts(ends)) == 2
    assert ends.area == pytest.approx(
        shapely.difference(line, shapely.box(380, 550, 460, 570)).area, rel=0.02
    )
    blob = shapely.union(shapely.box(400, 500, 440, 540), stroke_shape([line_points], 3))
    tail = apply_stroke(blob, shapely.box(380, 490, 460, 545), outline, True, radius=30)
    assert tail is not None and tail.bounds[3] == pytest.approx(603, abs=0.5)


# -- in the main window: the map, the undo stack, the panel and the keys -----------------

from pathlib import Path  # noqa: E402

from PySide6.QtWidgets import QLabel, QSlider, QToolBar, QToolButton  # noqa: E402

from bodymap.ui.document.document import MapDocument  # noqa: E402
from bodymap.ui.window.dialogs import CheckInDialog  # noqa: E402
from bodymap.ui.window.mainwindow import HINT, MapWindow  # noqa: E402
from bodymap.ui.window.paint_bar import ERASE_HINT, PAINT_HINT  # noqa: E402


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch, private_settings):
    win = MapWindow(MapDocument(recovery_dir=tmp_path / "recovery"))
    monkeypatch.setattr(win, "show_safety_note", lambda: None)
    monkeypatch.setattr(win.document, "ask_discard", lambda name: "discard")
    qtbot.addWidget(win)
    win.resize(1300, 850)
    win.show()
    win.activateWindow()
    qtbot.waitActive(win)
    yield win
    win.close()


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_paint_in_the_window_makes_an_area_spot_one_undo_step_per_stroke(qtbot, window) -> None:
    canvas = window.canvas
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_B)
    assert canvas.tool == "paint" and window.acts.paint_tool.isChecked()
    stack = window.document.undo_stack
    stroke(canvas, "front", line(414, 530, 420, 600))
    [spot] = window.document.map.spots
    assert spot.area is not None and spot.area.contains(spot.x, spot.y)
    assert window.selection.current == spot.id
    assert stack.count() == 1
    first_size = spot.area.size
    stroke(canvas, "front", line(420, 600, 428, 690))  # the same stroke group
    [spot] = window.document.map.spots
    assert spot.area.size > first_size * 1.5 and stack.count() == 2
    assert stack.undoText() == "Paint onto area 1"
    assert window.acts.edit_spot.text() == "&Edit Area…"  # the area is selected
    assert window.acts.delete_spot.text() == "&Delete Area"
    assert canvas.area_item(spot.id) is not None
    assert window.hover_label.text() == "Painted area 1"
    row = window.panel.spot_list.item(0).text()
    assert row.startswith("Area 1 — ") and ", right — 5/10" in row
    # the check-in dialog and History name the area as the spot list does
    assert row.startswith(f"Area 1 — {window.spot_label(spot)} — ")
    dialog = CheckInDialog(window.document.map, window.spot_label)
    qtbot.addWidget(dialog)
    labels = [w.text() for w in dialog.findChildren(QLabel)]
    assert f"Area 1 — {window.spot_label(spot)}" in labels
    reasons = [
        window.panel.source_tree.topLevelItem(i).child(j).text(0)
        for i in range(window.panel.source_tree.topLevelItemCount())
        for j in range(window.panel.source_tree.topLevelItem(i).childCount())
    ]
    assert any(r.startswith("its main zone covers") and "of area 1" in r for r in reasons)
    details = window.panel.details.toPlainText()
    assert "Pain extent:" in details and "right side" in details
    assert "(area, " in details and "% of the body)" in details
    assert "for area 1" in details and "for spot 1" not in details  # the routine's steps
    stroke(canvas, "front", line(380, 610, 450, 610), button=RIGHT)
    [spot] = window.document.map.spots
    assert not spot.area.contains(421, 610) and stack.count() == 3
    assert stack.undoText() == "Erase from area 1"  # as the status line says it
    assert window.hover_label.text() == "Erased from area 1"  # not "Painted" after the eraser
    window.acts.undo.trigger()
    assert window.hover_label.text() == PAINT_HINT  # the stroke it named is undone
    window.acts.redo.trigger()
    stack.undo()
    assert window.document.map.spots[0].area.contains(421, 610)
    stack.undo()
    assert window.document.map.spots[0].area.size == pytest.approx(first_size)
    stack.undo()
    assert window.document.map.spots == ()
    assert canvas.area_item(spot.id) is None


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_brush_keys_and_slider_move_together(qtbot, window) -> None:
    canvas = window.canvas
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_B)
    slider = window.findChild(QSlider, "brushSize")
    start = canvas.brush.radius
    qtbot.keyClick(canvas, Qt.Key.Key_BracketRight)
    assert canvas.brush.radius > start and slider.value() == round(canvas.brush.radius)
    slider.setValue(30)
    assert canvas.brush.radius == 30
    qtbot.keyClick(canvas, Qt.Key.Key_BracketLeft)
    assert canvas.brush.radius < 30
    qtbot.keyClick(canvas, Qt.Key.Key_E)
    assert canvas.brush.eraser and window.acts.eraser.isChecked()
    qtbot.keyClick(canvas, Qt.Key.Key_B)
    assert canvas.tool == "paint" and not canvas.brush.eraser


def _checked_tools(window) -> list[str]:
    return [a.iconText() for a in window.acts.tool_actions() if a.isChecked()]


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_exactly_one_tool_shows_pressed_and_each_key_toggles_back(qtbot, window) -> None:
    """Spots, Paint and Erase are one choice: the bar never shows two pressed (Paint and
    Erase both pressed read as two modes at once) nor none. B toggles painting and marking
    spots and brings the eraser back to painting; E, or the Erase button, chooses the eraser
    and keeps it when pressed again (a pressed tool button stays the tool)."""
    canvas = window.canvas
    canvas.setFocus()
    bar = window.findChild(QToolBar, "paintBar")
    buttons = {b.text(): b for b in bar.findChildren(QToolButton) if b.text()}
    assert {"Spots", "Paint", "Erase"} <= set(buttons)
    assert _checked_tools(window) == ["Spots"] and window.hover_label.text() == HINT
    steps = [
        (Qt.Key.Key_B, "Paint", "paint", PAINT_HINT),
        (Qt.Key.Key_E, "Erase", "erase", ERASE_HINT),
        (Qt.Key.Key_E, "Erase", "erase", ERASE_HINT),
        (Qt.Key.Key_B, "Paint", "paint", PAINT_HINT),
        (Qt.Key.Key_B, "Spots", "click", HINT),
        (Qt.Key.Key_E, "Erase", "erase", ERASE_HINT),
        (Qt.Key.Key_B, "Paint", "paint", PAINT_HINT),
    ]
    for key, shown, tool, hint in steps:
        qtbot.keyClick(canvas, key)
        assert _checked_tools(window) == [shown] and window.tool == tool
        assert window.hover_label.text() == hint
    qtbot.mouseClick(buttons["Spots"], Qt.MouseButton.LeftButton)
    assert _checked_tools(window) == ["Spots"] and canvas.tool == "click"
    qtbot.mouseClick(buttons["Erase"], Qt.MouseButton.LeftButton)
    assert _checked_tools(window) == ["Erase"] and canvas.brush.eraser
    assert canvas.tool == "paint"
    qtbot.mouseClick(buttons["Erase"], Qt.MouseButton.LeftButton)  # pressed again: stays
    assert _checked_tools(window) == ["Erase"] and canvas.brush.eraser
    qtbot.mouseClick(buttons["Paint"], Qt.MouseButton.LeftButton)
    assert _checked_tools(window) == ["Paint"] and not canvas.brush.eraser
    with pytest.raises(ValueError, match="unknown tool"):
        window.choose_tool("smudge")


def _area_map(with_area: bool) -> TriggerPointMap:
    import json as _json

    from bodymap.maps import add_spot
    from bodymap.maps.area import Area
    from bodymap.maps.verbs import set_area

    tpm = TriggerPointMap("Areas")
    add_spot(tpm, "back", 547.0, 700.0, "right", intensity=8)
    if with_area:
        shape = stroke_shape([line(547, 560, 548, 900)], 9)
        shape = shapely.intersection(shape, load_atlas()["back"].outline)
        set_area(tpm, tpm.spots[0].id, Area.from_geojson(_json.loads(shapely.to_geojson(shape))))
    return tpm


@pytest.mark.slow
def test_the_map_picture_and_the_guide_draw_painted_areas(qapp, tmp_path) -> None:
    from bodymap.ui.printing.exports import render_map_image
    from bodymap.ui.printing.guide import write_guide_pdf

    plain, painted = render_map_image(_area_map(False)), render_map_image(_area_map(True))
    assert plain.size() == painted.size()
    differ = sum(
        plain.pixel(x, y) != painted.pixel(x, y)
        for x in range(0, plain.width(), 4)
        for y in range(0, plain.height(), 4)
    )
    assert differ > 200  # the stripe down the back of the leg is filled
    from datetime import date

    from bodymap.advisor import advise
    from bodymap.guide.content import build_guide_content
    from bodymap.knowledge import load_knowledge

    tpm = _area_map(True)
    answer = advise(tpm.spots)
    content = build_guide_content("Areas", tpm.spots, answer, load_knowledge(), date(2026, 11, 30))
    rows = content.spots
    assert rows[0].where == "Area — back of thigh, right"  # as the panel names it
    out = tmp_path / "guide.pdf"
    write_guide_pdf(_area_map(True), out)
    assert out.read_bytes().startswith(b"%PDF")


def test_keyboard_grows_an_area_region_by_region(qtbot, canvas) -> None:
    areas = Areas(canvas)
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert canvas.cursor_region is not None
    first = canvas.cursor_region
    qtbot.keyClick(canvas, Qt.Key.Key_Insert)
    assert [r[1] for r in areas.requests] == [""]
    qtbot.keyClick(canvas, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert canvas.cursor_region != first
    qtbot.keyClick(canvas, Qt.Key.Key_Insert)
    assert [r[1] for r in areas.requests] == ["", "a1"]
    grown = areas.shapes["a1"][1]
    assert grown.area > areas.requests[0][2].area
    assert shapely.difference(first[1].geometry, grown).area < 1.0


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_dragging_an_area_moves_it_whole_in_one_step(qtbot, window) -> None:
    canvas = window.canvas
    canvas.set_tool("paint")
    stroke(canvas, "back", line(545, 600, 547, 680))
    [spot] = window.document.map.spots
    before = spot.area.shape
    canvas.set_tool("click")
    vp = canvas.viewport()
    start = canvas.viewport_point("back", spot.x, spot.y)
    QTest.mousePress(vp, LEFT, NO_MOD, start)
    for k in range(1, 11):
        QTest.mouseMove(vp, canvas.viewport_point("back", spot.x, spot.y + 4 * k))
    QTest.mouseRelease(vp, LEFT, NO_MOD, canvas.viewport_point("back", spot.x, spot.y + 40))
    [moved] = window.document.map.spots
    assert moved.area.contains(moved.x, moved.y)
    # named as the spot list names it, not by the muscle under its disc (a walk's finding)
    assert window.hover_label.text() == f"Moved area 1: {window.spot_label(moved)}"
    dy = moved.area.shape.centroid.y - before.centroid.y
    assert dy == pytest.approx(40, abs=3)
    assert window.document.undo_stack.count() == 2
    assert window.document.undo_stack.undoText() == "Move area 1"
    window.panel.editor.intensity_box.setValue(7)
    assert window.document.undo_stack.undoText() == "Set area 1's intensity to 7"
    window.document.undo_stack.undo()
    window.document.undo_stack.undo()
    assert window.document.map.spots[0].area.shape.equals(before)


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_an_area_dragged_off_the_body_stays_and_the_status_line_calls_it_an_area(
    qtbot, window
) -> None:
    """Dropping an area's disc beside the body said "the spot stays where it was" (paint
    walk): it says area, and the area is unchanged."""
    canvas = window.canvas
    canvas.set_tool("paint")
    stroke(canvas, "back", line(545, 600, 547, 680))
    [spot] = window.document.map.spots
    canvas.set_tool("click")
    said: list[str] = []
    canvas.regionHovered.connect(said.append)
    vp = canvas.viewport()
    QTest.mousePress(vp, LEFT, NO_MOD, canvas.viewport_point("back", spot.x, spot.y))
    for k in range(1, 11):
        QTest.mouseMove(vp, canvas.viewport_point("back", spot.x + 30 * k, spot.y))
    QTest.mouseRelease(vp, LEFT, NO_MOD, canvas.viewport_point("back", spot.x + 300, spot.y))
    assert window.document.map.spots == (spot,)
    assert (
        "the area stays where it was (an area moves on the back diagram's body only)" in (said[-1])
    )


def test_the_guide_names_a_painted_area_as_an_area() -> None:
    from datetime import date

    from bodymap.advisor import advise
    from bodymap.guide.content import build_guide_content
    from bodymap.knowledge import load_knowledge

    tpm = _area_map(True)  # down the back of the leg: the clot warning applies
    content = build_guide_content(
        "Areas", tpm.spots, advise(tpm.spots), load_knowledge(), date(2026, 11, 30)
    )
    flags = [line for line in content.red_flags if "for your" in line]
    assert flags and all(line.endswith("(for your area 1)") for line in flags)


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_a_painted_area_gets_the_same_answer_live_and_after_a_reload(
    qtbot, window, tmp_path
) -> None:
    """What the panel says while the person paints is what the saved map gives: an area
    split in two by the eraser, over the back of the knee, has the same regions, cautions
    and routine in the live panel and from the map saved and opened again."""
    from bodymap.advisor import advise
    from bodymap.maps import load_map, save_map

    canvas = window.canvas
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_B)
    stroke(canvas, "back", line(548, 620, 552, 760))  # back of the right thigh onto the knee
    stroke(canvas, "back", line(520, 660, 580, 660), button=RIGHT)  # erased across: two parts
    [spot] = window.document.map.spots
    assert spot.area is not None and spot.area.kind == "MultiPolygon"
    live = window.panel.advice
    assert live is not None
    assert "popliteal_fossa" in [c.zone for c in live.spots[0].cautions]
    path = tmp_path / "painted.bodymap"
    save_map(window.document.map, path)
    again = advise(list(load_map(path).spots))
    assert again.to_json() == live.to_json()


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_a_stroke_across_both_buttocks_puts_its_disc_on_a_buttock(qtbot, window) -> None:
    """The disc (and the point the area is located by) goes on the area's main place, not
    on the tailbone between the buttocks where the stroke's middle lies."""
    canvas = window.canvas
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_B)
    stroke(canvas, "back", line(455, 500, 545, 500))
    [spot] = window.document.map.spots
    assert spot.area is not None and spot.area.contains(spot.x, spot.y)
    assert abs(spot.x - 500) > 15, spot.x


def test_a_right_drag_over_an_areas_border_takes_the_sliver_it_would_leave(canvas) -> None:
    """Through the mouse: the canvas's eraser works with its own radius, so the strip its
    edge leaves along the border goes with the stroke."""
    areas = Areas(canvas)
    areas.shapes["a1"] = ("front", shapely.box(400, 500, 440, 600))
    areas.selected = "a1"
    radius = canvas.brush.radius
    y = 597 - radius  # the eraser's band stops 3 units short of the area's lower edge
    stroke(canvas, "front", [(370 + 5 * i, y) for i in range(19)], button=RIGHT)
    view, spot_id, shape = areas.requests[-1]
    assert (view, spot_id) == ("front", "a1")
    assert shape.geom_type == "Polygon" and shape.bounds[3] <= y - radius + 0.5


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_a_heel_painted_to_the_edge_of_the_sole_is_kept(main_window) -> None:
    """The outline reaches a hair past the diagram's square under the soles (y 1001.2):
    a heel painted to it is kept, inside the square, and no error is shown (paint walk)."""
    window = main_window()
    errors: list[str] = []
    window.document.show_error = lambda title, text: errors.append(text)  # type: ignore[method-assign]
    window.canvas.set_tool("paint")
    window.canvas.set_brush_radius(14)
    stroke(window.canvas, "back", line(540, 975, 560, 1000, n=8))
    assert errors == []
    (spot,) = window.document.map.spots
    assert spot.area is not None
    assert spot.area.shape.bounds[3] <= 1000.0
    assert spot.area.shape.area > 200


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_a_moved_area_keeps_no_piece_that_lands_on_another_body_part(main_window) -> None:
    """A low-back area dragged sideways over the hanging forearm: the piece the outline
    cuts off onto the arm is dropped, not kept as part of the area (paint walk)."""
    from bodymap.ui.document import spot_requests

    window = main_window()
    window.canvas.set_tool("paint")
    window.canvas.set_brush_radius(30)
    stroke(window.canvas, "back", line(470, 420, 530, 420, n=8))
    (spot,) = window.document.map.spots
    atlas = window.atlas
    before = spot.area.shape.area
    # 60 units towards the person's right: the outline cuts a sliver off onto the forearm
    cut = shapely.intersection(
        shapely.affinity.translate(spot.area.shape, 60, 0), atlas["back"].outline
    )
    assert len(shapely.get_parts(cut)) == 2
    spot_requests.request_move(window.document, atlas, spot.id, spot.x + 60, spot.y)
    moved = window.document.map.spots[0].area
    assert moved is not None
    (part,) = shapely.get_parts(moved.shape)
    assert part.area > 0.8 * before  # the part on the trunk, not the sliver on the arm
    assert part.contains(shapely.Point(560, 420))


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_off_the_body_the_status_line_gives_the_current_tools_hint(main_window) -> None:
    """With the brush on, moving off the body brought back the Spots hint (paint walk)."""
    from bodymap.ui.window.mainwindow import TOOL_HINTS

    window = main_window()
    for tool in ("paint", "erase", "click"):
        window.choose_tool(tool)
        # what the canvas says as the pointer crosses the body, then leaves it (the signal,
        # not a synthetic mouse move: those reach a window of a busy test run unreliably)
        window.canvas.regionHovered.emit("Upper trapezius (right) · Top of shoulder")
        assert window.hover_label.text().startswith("Upper trapezius")
        window.canvas.regionHovered.emit("")
        assert window.hover_label.text() == TOOL_HINTS[tool], tool


def test_erasing_over_another_area_of_the_view_erases_that_one(canvas) -> None:
    """With area a1 selected, a right-drag over area a2 (same view, away from a1) erased
    nothing and said nothing (paint walk): it now erases from a2, the area it touches."""
    areas = Areas(canvas)
    stroke(canvas, "front", line(414, 530, 420, 600))  # a1: the right thigh
    areas.selected = ""
    stroke(canvas, "front", line(580, 530, 586, 600))  # a2: the left thigh
    areas.selected = "a1"
    before = areas.shapes["a2"][1].area
    stroke(canvas, "front", line(550, 565, 620, 565), button=RIGHT)
    assert areas.requests[-1][1] == "a2"
    assert areas.shapes["a2"][1].area < before
    assert areas.shapes["a1"][1].contains(shapely.Point(417, 565))  # a1 untouched


def test_a_stroke_off_the_body_says_so(canvas) -> None:
    """Painting beside the body kept nothing and said nothing (paint walk)."""
    from bodymap.ui.canvas.brush import OFF_BODY

    areas = Areas(canvas)
    said: list[str] = []
    canvas.regionHovered.connect(said.append)
    stroke(canvas, "front", line(320, 80, 360, 80))  # in the front diagram, beside the head
    assert areas.requests == []
    assert said[-1] == OFF_BODY
    said.clear()
    stroke(canvas, "front", line(60, 80, 120, 80))  # beside the diagram altogether
    assert areas.requests == [] and said[-1] == OFF_BODY


def test_a_stroke_into_the_other_view_paints_its_own_view_and_says_so(canvas) -> None:
    """An area lies on one view: a stroke from the belly into the back view kept its front
    part and dropped the rest without a word (paint walk). The part beyond its view is
    not painted, the status line says why, and a stroke that stays says nothing of it."""
    from bodymap.ui.canvas.brush import ONE_VIEW

    areas = Areas(canvas)
    said: list[str] = []
    canvas.regionHovered.connect(said.append)
    vp = canvas.viewport()
    QTest.mousePress(vp, LEFT, NO_MOD, canvas.viewport_point("front", 470, 330))
    track = [("front", *p) for p in line(470, 330, 560, 330, 6)]
    track += [("back", *p) for p in line(440, 330, 560, 330, 8)]
    for view, x, y in track:
        QTest.mouseMove(vp, canvas.viewport_point(view, x, y))
    QTest.mouseRelease(vp, LEFT, NO_MOD, canvas.viewport_point("back", 560, 330))
    assert [(view, sid) for view, sid, _ in areas.requests] == [("front", "")]
    assert areas.requests[0][2].contains(shapely.Point(520, 330))
    assert said[-1] == ONE_VIEW.format(view="front", other="back")
    said.clear()
    areas.selected = ""
    stroke(canvas, "front", line(414, 530, 428, 690))
    assert len(areas.requests) == 2 and ONE_VIEW.format(view="front", other="back") not in said


def test_a_stroke_that_comes_back_into_its_view_is_not_joined_across_the_gap(canvas) -> None:
    """Out of the front view at the forearm, through the back view, and back in at the
    hand: the pointer never crossed the wrist between, so nothing is painted there."""
    areas = Areas(canvas)
    vp = canvas.viewport()
    QTest.mousePress(vp, LEFT, NO_MOD, canvas.viewport_point("front", 630, 440))
    QTest.mouseMove(vp, canvas.viewport_point("front", 632, 441))
    for y in (440, 480, 520, 560):  # across the back view, where a stroke does not paint
        QTest.mouseMove(vp, canvas.viewport_point("back", 560, y))
    QTest.mouseMove(vp, canvas.viewport_point("front", 640, 560))
    QTest.mouseRelease(vp, LEFT, NO_MOD, canvas.viewport_point("front", 641, 561))
    [(view, _, shape)] = areas.requests
    assert view == "front"
    assert shape.contains(shapely.Point(630, 440)) and shape.contains(shapely.Point(640, 560))
    assert not shape.contains(shapely.Point(635, 500))


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_a_tiny_dab_is_not_reported_as_none_of_the_body(main_window) -> None:
    """A one-click dab of the smallest brush read "0.0 % of the body", as if nothing was
    painted (paint walk): a share too small to show reads "under 0.1 %"."""
    from bodymap.words import percent_text

    assert [percent_text(v) for v in (0.0, 0.01, 0.049, 0.05, 12.44)] == [
        "0.0", "under 0.1", "under 0.1", "0.1", "12.4",
    ]  # fmt: skip
    window = main_window()
    window.canvas.set_tool("paint")
    window.canvas.set_brush_radius(MIN_RADIUS)
    stroke(window.canvas, "back", [(560.0, 175.0), (560.5, 175.0)])
    assert window.document.map.spots and window.document.map.spots[0].area is not None
    text = window.panel.details.toPlainText()
    assert "(area, under 0.1 % of the body)" in text or "(area, 0.1 % of the body)" in text
    assert "(area, 0.0 % of the body)" not in text
