"""BodyCanvas with real widgets and real mouse and key events on its viewport."""

from __future__ import annotations

import itertools

import pytest
import shapely
from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtTest import QTest

from bodymap.atlas import load_atlas
from bodymap.maps import TriggerPointMap, add_spot, move_spot, remove_spot, side_for
from bodymap.ui.canvas.body_canvas import NOT_ON_BODY, BodyCanvas
from bodymap.ui.canvas.items import HighlightItem, SiteItem
from bodymap.ui.drawing import palette
from bodymap.ui.drawing.painting import ViewPainter, intensity_colour, region_path, view_transform
from bodymap.ui.panel.advice_panel import AdvicePanel

OFFSCREEN_NOISE = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
"""The offscreen platform plugin's note when a top-level window with size hints is shown."""
LEFT = Qt.MouseButton.LeftButton
NO_MOD = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def atlas():
    return load_atlas()


@pytest.fixture
def tpm():
    return TriggerPointMap("Test")


@pytest.fixture
def canvas(qtbot, tpm):
    widget = BodyCanvas()
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.set_map(tpm)
    widget.show()
    qtbot.waitExposed(widget)
    widget.fit()
    return widget


def connect_harness(canvas, tpm, panel=None):
    """Apply the canvas's requests straight to the map (what the undo commands do)."""
    canvas.addRequested.connect(lambda v, x, y: add_spot(tpm, v, x, y, side_for(v, x)))
    canvas.moveRequested.connect(lambda sid, x, y: move_spot(tpm, sid, x, y))
    canvas.nudgeRequested.connect(lambda sid, x, y: move_spot(tpm, sid, x, y))
    canvas.removeRequested.connect(lambda sid: remove_spot(tpm, sid))
    if panel is not None:
        panel.sourceSelected.connect(canvas.set_highlight)


def click(canvas, view, x, y, button=LEFT):
    QTest.mouseClick(canvas.viewport(), button, NO_MOD, canvas.viewport_point(view, x, y))


def test_the_diagram_follows_the_mouse_without_a_button_held(canvas):
    viewport = canvas.viewport()
    assert viewport.hasMouseTracking()  # hover wash and tooltips need moves without a press
    assert viewport.focusProxy() is canvas  # keys reach the canvas, as with Qt's own viewport


def test_click_on_landmark_requests_a_spot_there(qtbot, canvas, atlas):
    x, y = atlas["back"].landmarks["scapula_spine_root_r"]
    with qtbot.waitSignal(canvas.addRequested) as blocker:
        click(canvas, "back", x, y)
    view, ax, ay = blocker.args
    assert view == "back"
    assert abs(ax - x) < 2 and abs(ay - y) < 2  # within a pixel or so of the landmark


def test_click_on_front_view_uses_front_coordinates(qtbot, canvas, atlas):
    x, y = atlas["front"].landmarks["umbilicus"]
    with qtbot.waitSignal(canvas.addRequested) as blocker:
        click(canvas, "front", x, y)
    assert blocker.args[0] == "front"
    assert abs(blocker.args[1] - x) < 2


def test_click_far_outside_only_says_so(qtbot, canvas):
    seen: list = []
    canvas.addRequested.connect(lambda *a: seen.append(a))
    with qtbot.waitSignal(canvas.regionHovered) as blocker:
        click(canvas, "front", 200, 900)
    assert blocker.args == [NOT_ON_BODY]
    assert seen == []


def test_near_miss_snaps_onto_the_body(qtbot, canvas, atlas):
    va = atlas["front"]
    x0 = va.outline.bounds[0]
    y = 700.0
    edge = next(x for x in range(int(x0) + 2, 500) if shapely.contains_xy(va.outline, x, y))
    canvas.zoom_by(4)
    canvas.centerOn(canvas.scene_point("front", edge, y))
    with qtbot.waitSignal(canvas.addRequested) as blocker:
        click(canvas, "front", edge - 3, y)
    assert not shapely.contains_xy(va.outline, edge - 3, y)
    assert shapely.contains_xy(va.outline, blocker.args[1], blocker.args[2])


def test_spot_appears_and_panel_lists_sources(qtbot, canvas, tpm, atlas):
    panel = AdvicePanel()
    qtbot.addWidget(panel)
    panel.set_map(tpm)
    connect_harness(canvas, tpm, panel)
    x, y = atlas["back"].landmarks["scapula_spine_root_r"]
    click(canvas, "back", x + 10, y + 5)
    assert len(tpm.spots) == 1
    item = canvas.spot_item(tpm.spots[0].id)
    assert item is not None and item.number == 1 and item.view == "back"
    assert panel.source_rows(), "the panel lists the likely sources"
    assert panel.spot_list.count() == 1


def test_drag_emits_one_move_on_release(qtbot, canvas, tpm, atlas):
    connect_harness(canvas, tpm)
    x, y = atlas["back"].landmarks["psis_r"]
    add_spot(tpm, "back", x, y, "right")
    spot_id = tpm.spots[0].id
    moves: list = []
    canvas.moveRequested.connect(lambda *a: moves.append(a))
    vp = canvas.viewport()
    start = canvas.viewport_point("back", x, y)
    QTest.mousePress(vp, LEFT, NO_MOD, start)
    for step in range(1, 6):
        QTest.mouseMove(vp, start + QPoint(0, -8 * step))
    QTest.mouseRelease(vp, LEFT, NO_MOD, start + QPoint(0, -40))
    assert len(moves) == 1
    assert moves[0][0] == spot_id
    assert tpm.spots[0].y < y - 10
    assert canvas.selected_spot == spot_id


def test_click_on_spot_selects_it_without_adding(qtbot, canvas, tpm, atlas):
    connect_harness(canvas, tpm)
    x, y = atlas["front"].landmarks["umbilicus"]
    add_spot(tpm, "front", x, y, "midline")
    with qtbot.waitSignal(canvas.selection.changed) as blocker:
        click(canvas, "front", x, y)
    assert blocker.args == [tpm.spots[0].id]
    assert len(tpm.spots) == 1


def test_delete_key_requests_removal(qtbot, canvas, tpm, atlas):
    connect_harness(canvas, tpm)
    x, y = atlas["front"].landmarks["umbilicus"]
    add_spot(tpm, "front", x, y, "midline")
    spot_id = tpm.spots[0].id
    click(canvas, "front", x, y)
    with qtbot.waitSignal(canvas.removeRequested) as blocker:
        QTest.keyClick(canvas, Qt.Key.Key_Delete)
    assert blocker.args == [spot_id]
    assert not tpm.spots
    assert canvas.spot_items() == []


def test_double_click_and_menu_request_an_edit(qtbot, canvas, tpm, atlas, monkeypatch):
    x, y = atlas["front"].landmarks["umbilicus"]
    add_spot(tpm, "front", x, y, "midline")
    spot_id = tpm.spots[0].id
    with qtbot.waitSignal(canvas.editRequested) as blocker:
        QTest.mouseDClick(canvas.viewport(), LEFT, NO_MOD, canvas.viewport_point("front", x, y))
    assert blocker.args == [spot_id]
    menu = canvas.spot_menu(spot_id)
    assert [a.text() for a in menu.actions()] == ["&Edit…", "&Delete", "Select &source…"]
    with qtbot.waitSignal(canvas.editRequested):
        menu.actions()[0].trigger()


def test_map_changes_update_markers(qtbot, canvas, tpm, atlas):
    a = add_spot(tpm, "front", 480, 300, "right")
    b = add_spot(tpm, "back", 520, 420, "right")
    assert {i.spot_id for i in canvas.spot_items()} == {a.spot.id, b.spot.id}
    remove_spot(tpm, a.spot.id)
    assert canvas.spot_item(b.spot.id).number == 1
    move_spot(tpm, b.spot.id, 530, 430)
    assert canvas.spot_item(b.spot.id).pos() == canvas.scene_point("back", 530, 430)
    other = TriggerPointMap("Other")
    canvas.set_map(other)
    assert canvas.spot_items() == []
    add_spot(tpm, "front", 480, 300, "right")  # the old map no longer reaches the canvas
    assert canvas.spot_items() == []


@OFFSCREEN_NOISE
def test_selecting_a_source_highlights_its_roll_zone_in_the_right_view(qtbot, canvas, tpm):
    panel = AdvicePanel()
    qtbot.addWidget(panel)
    panel.set_map(tpm)
    connect_harness(canvas, tpm, panel)
    add_spot(tpm, "back", 545, 200, "right")
    top = panel.source_tree.topLevelItem(0)
    muscle, side = top.data(0, Qt.ItemDataRole.UserRole)
    with qtbot.waitSignal(panel.sourceSelected):
        rect = panel.source_tree.visualItemRect(top)
        panel.show()
        QTest.mouseClick(panel.source_tree.viewport(), LEFT, NO_MOD, rect.center())
    assert canvas.highlight == (muscle, side)
    zones = [i for i in canvas.highlight_items() if isinstance(i, HighlightItem)]
    sites = [i for i in canvas.highlight_items() if isinstance(i, SiteItem)]
    assert zones and sites
    for item in canvas.highlight_items():
        assert item.scene() is canvas.scene()
        assert canvas.view_rect(item.view).contains(item.sceneBoundingRect().center())
    canvas.set_highlight(None)
    assert canvas.highlight_items() == []


def test_a_muscle_never_worked_has_open_rings_never_a_cross_to_press(canvas):
    """⊕ always marks a place one may press: a muscle whose record says not to work it
    (inside the pelvis, beside the tailbone, where no zone not to press lies) is drawn with
    open rings, in the panel's highlight and in the browser's pattern alike; a rolled
    muscle beside it keeps its crosses."""
    for muscle in ("levator_ani", "coccygeus"):
        canvas.set_highlight(muscle, "right")
        rings = [i for i in canvas.highlight_items() if isinstance(i, SiteItem)]
        assert rings and not any(i.clear for i in rings), muscle
        canvas.set_pattern(muscle, "right")
        rings = [i for i in canvas.pattern_items() if isinstance(i, SiteItem)]
        assert rings and not any(i.clear for i in rings), muscle
        canvas.set_pattern(None)
    canvas.set_highlight("gluteus_maximus", "right")
    assert any(i.clear for i in canvas.highlight_items() if isinstance(i, SiteItem))


def test_highlight_of_a_back_muscle_lies_in_the_back_view_only(canvas):
    canvas.set_highlight("infraspinatus", "left")
    views = {i.view for i in canvas.highlight_items()}
    assert views == {"back"}
    back = canvas.view_rect("back")
    site = next(i for i in canvas.highlight_items() if isinstance(i, SiteItem))
    # the person's left is on the viewer's left in the back view
    assert site.pos().x() < back.center().x()


def test_layer_toggles_change_what_is_drawn(canvas):
    body = canvas.body_item("back")
    assert body.layers == frozenset({"superficial"})
    for name in ("deep", "fascia", "caution", "segment"):
        canvas.set_layer_visible(name, True)
        assert name in body.layers
    canvas.set_layer_visible("labels", True)
    assert body.labels
    canvas.set_layer_visible("deep", False)
    assert "deep" not in body.layers
    with pytest.raises(ValueError):
        canvas.set_layer_visible("bones", True)


def test_caution_layer_changes_pixels(canvas):
    before = canvas.grab().toImage()
    canvas.set_layer_visible("caution", True)
    after = canvas.grab().toImage()
    assert before != after


def test_hover_names_the_region(qtbot, canvas, atlas):
    x, y = atlas["back"].landmarks["scapula_spine_root_r"]
    expected = atlas["back"].locate(x + 20, y + 20).main_region
    with qtbot.waitSignal(canvas.regionHovered) as blocker:
        QTest.mouseMove(canvas.viewport(), canvas.viewport_point("back", x + 20, y + 20))
    assert blocker.args[0].startswith(f"{expected.name} ({expected.side})")
    assert canvas.viewport().toolTip() == blocker.args[0]


def test_keyboard_only_flow(qtbot, canvas, tpm):
    connect_harness(canvas, tpm)
    canvas.setFocus()
    QTest.keyClick(canvas, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    first = canvas.cursor_region
    assert first is not None
    QTest.keyClick(canvas, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    second = canvas.cursor_region
    assert second is not None and second[1] != first[1]
    assert second[1] in load_atlas()[second[0]].neighbours(first[1])
    with qtbot.waitSignal(canvas.addRequested):
        QTest.keyClick(canvas, Qt.Key.Key_Insert)
    assert len(tpm.spots) == 1
    spot = tpm.spots[0]
    assert load_atlas()[spot.view].locate(spot.x, spot.y).main_region == second[1]
    with qtbot.waitSignal(canvas.selection.changed) as blocker:
        QTest.keyClick(canvas, Qt.Key.Key_Tab)
    assert blocker.args == [spot.id]
    with qtbot.waitSignal(canvas.nudgeRequested) as blocker:
        QTest.keyClick(canvas, Qt.Key.Key_Left)
    assert blocker.args[0] == spot.id
    assert tpm.spots[0].x == pytest.approx(spot.x - 2)
    with qtbot.waitSignal(canvas.editRequested) as blocker:
        QTest.keyClick(canvas, Qt.Key.Key_Return)
    assert blocker.args == [spot.id]


def test_cursor_moves_in_the_arrow_direction(canvas):
    canvas.setFocus()
    canvas.move_cursor("down")
    _view, start = canvas.cursor_region
    y0 = start.geometry.representative_point().y
    canvas.move_cursor("down")
    _, below = canvas.cursor_region
    assert below.geometry.representative_point().y > y0
    canvas.move_cursor("up")
    _, above = canvas.cursor_region
    assert above.geometry.representative_point().y < below.geometry.representative_point().y


def test_down_from_the_chest_goes_down_the_trunk_not_out_along_the_arm(canvas, atlas):
    """Ctrl+Down from the chest walked out along the arm to the hand (keyboard walk): an
    arrow keeps to the trunk (or to the limb it is on) while a step that way is left, so
    Down goes on over the belly to the thigh."""
    from bodymap.ui.canvas.nav import limb_of

    canvas.setFocus()
    canvas.move_cursor("down")  # the cursor appears at its start, on the chest
    view, region = canvas.cursor_region
    assert (view, limb_of(atlas[view], region)) == ("front", "")
    places = []
    for _ in range(8):
        canvas.move_cursor("down")
        region = canvas.cursor_region[1]
        places.append(limb_of(atlas[view], region))
    assert "arm" not in places and places[-1] == "leg", places


def test_the_cursor_ring_stays_on_its_region_when_the_views_change(canvas):
    """Back only, cursor on a back region, then both views: the back figure moves to the
    right, and the dashed ring must move with it; Insert marks where the ring is drawn."""
    canvas.set_views(("back",))
    canvas.setFocus()
    canvas.move_cursor("down")
    canvas.move_cursor("down")
    for views in (("front", "back"), ("back", "front"), ("back",)):
        canvas.set_views(views)
        view, region = canvas.cursor_region
        assert view == "back" and canvas.cursor_ring.isVisible()
        x, y = region.geometry.representative_point().coords[0]
        where = canvas.mapToScene(canvas.viewport_point(view, x, y))
        assert canvas.cursor_ring.sceneBoundingRect().contains(where), views


def test_one_view_switch(canvas, tpm):
    add_spot(tpm, "back", 520, 420, "right")
    canvas.set_views(("front",))
    assert canvas.views == ("front",)
    assert canvas.spot_items() == []
    assert canvas.scene().sceneRect() == canvas.view_rect("front")
    canvas.set_views(("front", "back"))
    assert len(canvas.spot_items()) == 1
    assert canvas.view_rect("front").right() < canvas.view_rect("back").left()


def test_zoom_in_out_and_fit(qtbot, canvas):
    assert canvas.zoom_level() == pytest.approx(1.0, rel=0.02)
    QTest.keyClick(canvas, Qt.Key.Key_Plus)
    assert canvas.zoom_level() > 1.2
    QTest.keyClick(canvas, Qt.Key.Key_Minus)
    QTest.keyClick(canvas, Qt.Key.Key_Minus)
    assert canvas.zoom_level() < 0.9
    canvas.fit()
    assert canvas.zoom_level() == pytest.approx(1.0, rel=0.02)
    for _ in range(40):
        canvas.zoom_in()
    assert canvas.zoom_level() <= 16.01


def test_side_marks_are_on_the_persons_sides(atlas):
    front = ViewPainter(atlas["front"]).side_mark_positions()
    back = ViewPainter(atlas["back"]).side_mark_positions()
    assert front["R"].x() < 500 < front["L"].x()
    assert back["L"].x() < 500 < back["R"].x()


def test_painting_api_for_the_guide(qapp, atlas):
    va = atlas["back"]
    target = QRectF(10, 20, 300, 500)
    t = view_transform(va, target)
    mapped = t.map(QRectF(*va.outline.bounds[:2], 1, 1)).boundingRect()
    assert target.contains(mapped)
    path = region_path(va.outline)
    assert region_path(va.outline) == path
    image = QImage(320, 540, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    tpm = TriggerPointMap()
    add_spot(tpm, "back", 520, 420, "right", intensity=9)
    ViewPainter(va).paint(
        painter, target, spots=tpm.spots, highlight=("upper_trapezius", "right", [(550, 175)])
    )
    painter.end()
    centre = t.map(QRectF(520, 420, 0, 0).topLeft()).toPoint()
    assert QColor(image.pixel(centre.x() + 2, centre.y() + 3)).red() > 120


def test_intensity_scale_darkens_steadily():
    lum = [palette.relative_luminance(intensity_colour(i)) for i in range(11)]
    assert all(a > b for a, b in itertools.pairwise(lum))


@pytest.mark.parametrize("ratio", [1.5, 2.0])
def test_high_dpi_draws_the_same_labels_and_line_widths(monkeypatch, atlas, ratio):
    """On a high-DPI screen the diagram is sharper, not different: the same labels at the
    same size and lines as wide as at 1:1 (measured in logical pixels)."""
    import bodymap.ui.drawing.painting as painting

    def render(dpr: float) -> tuple[list[tuple[str, float]], list[float]]:
        labels: list[tuple[str, float]] = []
        widths: list[float] = []
        real_text, real_width = painting.paint_text, painting.line_width

        def text(painter, words, centre, height, *args, **kwargs):
            labels.append((words, round(height, 3)))
            return real_text(painter, words, centre, height, *args, **kwargs)

        def width(painter, units, low, high):
            widths.append(round(real_width(painter, units, low, high), 3))
            return widths[-1]

        monkeypatch.setattr(painting, "paint_text", text)
        monkeypatch.setattr(painting, "line_width", width)
        image = QImage(round(500 * dpr), round(700 * dpr), QImage.Format.Format_ARGB32)
        image.setDevicePixelRatio(dpr)
        image.fill(QColor("white"))
        painter = QPainter(image)
        ViewPainter(atlas["back"]).paint(painter, QRectF(0, 0, 500, 700), labels=True)
        painter.end()
        monkeypatch.setattr(painting, "paint_text", real_text)
        monkeypatch.setattr(painting, "line_width", real_width)
        return labels, widths

    assert render(ratio) == render(1.0)


def test_the_selected_spot_is_drawn_above_a_spot_it_overlaps(qtbot, canvas, tpm):
    """Two spots close together: the one selected (from the list, or by Tab) comes to the
    top, so it is seen whole and a press there drags it, not its neighbour."""
    first = add_spot(tpm, "front", 410, 690, "right").spot.id
    second = add_spot(tpm, "front", 416, 692, "right").spot.id
    where = canvas.viewport_point("front", 413, 691)

    def topmost() -> str:
        return next(i.spot_id for i in canvas.items(where) if hasattr(i, "spot_id"))

    assert topmost() == second  # the later spot lies on top
    canvas.select_spot(first)
    assert topmost() == first
    canvas.select_spot(second)
    assert topmost() == second


def test_a_spot_dragged_off_its_body_stays_and_the_canvas_says_why(qtbot, canvas, tpm, atlas):
    connect_harness(canvas, tpm)
    x, y = atlas["front"].landmarks["umbilicus"]
    add_spot(tpm, "front", x, y, "midline")
    moves: list = []
    said: list = []
    canvas.moveRequested.connect(lambda *a: moves.append(a))
    canvas.regionHovered.connect(said.append)
    vp = canvas.viewport()
    start = canvas.viewport_point("front", x, y)
    off = canvas.viewport_point("front", 340.0, 60.0)  # beside the head: no body there
    QTest.mousePress(vp, LEFT, NO_MOD, start)
    for step in range(1, 9):
        QTest.mouseMove(vp, start + (off - start) * step / 8)
    QTest.mouseRelease(vp, LEFT, NO_MOD, off)
    assert moves == [] and (tpm.spots[0].x, tpm.spots[0].y) == (x, y)
    assert said[-1].startswith(NOT_ON_BODY) and "front diagram" in said[-1]


def test_the_first_insert_only_shows_where_a_spot_would_go(qtbot, canvas, tpm):
    """With no keyboard cursor on screen, Insert shows the cursor and adds nothing: a spot
    is never added at a place the person has not seen."""
    connect_harness(canvas, tpm)
    canvas.setFocus()
    assert canvas.cursor_region is None
    QTest.keyClick(canvas, Qt.Key.Key_Insert)
    assert canvas.cursor_region is not None and not tpm.spots
    QTest.keyClick(canvas, Qt.Key.Key_Insert)
    assert len(tpm.spots) == 1


def test_a_sentence_typed_at_the_diagram_adds_nothing_and_says_where_typing_goes(
    qtbot, canvas, tpm
):
    """A note typed while the diagram has the focus (the Note box not clicked first) once
    added spots at a hidden cursor ("a") and lost the words: letters now change nothing
    and the status line says where to type."""
    from bodymap.ui.canvas.keys import TYPING_HINT

    connect_harness(canvas, tpm)
    canvas.setFocus()
    said: list[str] = []
    canvas.regionHovered.connect(said.append)
    QTest.keyClicks(canvas, "stiff after a long drive")
    assert not tpm.spots
    assert said and said[-1] == TYPING_HINT


def test_the_cursor_starts_at_the_selected_spot_not_at_the_chest(canvas, tpm):
    """A spot chosen in the list (here: on the left calf), then the diagram: the first
    Ctrl+arrow shows the cursor on the spot's muscle, not at the top of the chest, from
    where the calf was some twenty presses away (paint walk)."""
    spot = add_spot(tpm, "back", 455.0, 820.0, "left").spot
    canvas.select_spot(spot.id)
    canvas.setFocus()
    QTest.keyClick(canvas, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    view, region = canvas.cursor_region
    hit = load_atlas()["back"].locate(455.0, 820.0)
    assert view == "back" and region in hit.regions and region.layer == "superficial"
    canvas.select_spot("")  # nothing chosen: the cursor goes on from where it is
    QTest.keyClick(canvas, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert canvas.cursor_region[0] == "back"
