"""The muscle browser through the real window: View → Muscles, typing in the search box,
choosing from the completer and the list, the area filter, the referral pattern drawn on
the canvas, "Show referral pattern" from the advice panel, and Escape."""

from __future__ import annotations

import pytest
import shapely
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QPlainTextEdit

from bodymap.advisor.tables import tables_for
from bodymap.knowledge import load_knowledge, muscle_entry
from bodymap.ui.browser.record_text import DONT_ROLL
from bodymap.ui.canvas.items import SiteItem
from bodymap.ui.canvas.pattern import PatternZoneItem
from bodymap.ui.drawing.legend import (
    fascia_items,
    legend_height,
    legend_items,
    painted_items,
    pattern_items,
)
from bodymap.ui.window.mainwindow import MapWindow

# Qt's offscreen platform says these whenever a dock or a completion popup is shown.
pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints",
    "does not support raise",
    "does not support grabbing the keyboard",
)


@pytest.fixture
def window(main_window) -> MapWindow:
    return main_window(1300, 860)


def zones(window: MapWindow, view: str | None = None) -> dict[tuple[str, str], PatternZoneItem]:
    return {
        (item.view, item.kind): item
        for item in window.canvas.pattern_items()
        if isinstance(item, PatternZoneItem) and (view is None or item.view == view)
    }


def sites(window: MapWindow) -> list[SiteItem]:
    return [i for i in window.canvas.pattern_items() if isinstance(i, SiteItem)]


def segment_geometry(window: MapWindow, view: str, ids, side: str):
    parts = [
        r.geometry
        for r in window.atlas[view].layer("segment")
        if r.id in ids and r.side in (side, "midline")
    ]
    return shapely.union_all(parts) if parts else None


def search_and_choose(qtbot, window: MapWindow, query: str):
    """Open the browser, type ``query`` and press Enter (the best match is chosen)."""
    browser = open_browser(qtbot, window)
    qtbot.keyClicks(browser.search, query)
    browser.completer.popup().hide()
    qtbot.keyClick(browser.search, Qt.Key.Key_Return)
    return browser


def open_browser(qtbot, window: MapWindow):
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.muscle_dock.isVisible()
    return window.muscle_dock.browser


def test_ctrl_f_opens_the_browser_and_is_the_only_action_on_that_key(qtbot, window):
    keys = [
        k.toString() for a in window.findChildren(QAction) for k in a.shortcuts() if a.objectName()
    ]
    assert keys.count("Ctrl+F") == 1
    assert window.acts.muscles.shortcut() == QKeySequence("Ctrl+F")
    view_menu = window.menuBar().findChild(QMenu, "viewMenu")
    assert window.acts.muscles in view_menu.actions()
    assert not window.muscle_dock.isVisible()
    browser = open_browser(qtbot, window)
    qtbot.waitUntil(lambda: browser.search.hasFocus())
    assert window.canvas.pattern is None


def test_typing_a_nickname_offers_the_muscle_and_choosing_it_draws_its_pattern(qtbot, window):
    browser = open_browser(qtbot, window)
    qtbot.keyClicks(browser.search, "peroneus")
    popup = browser.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    model = browser.completer.completionModel()
    first = model.index(0, 0)
    assert "Fibularis" in first.data() and "(peroneus)" in first.data()
    assert browser.listed()[0] == "fibularis"
    popup.setCurrentIndex(first)
    with qtbot.waitSignal(browser.patternChosen) as blocker:
        qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert blocker.args == ["fibularis", "right"]
    assert window.canvas.pattern == ("fibularis", "right")
    assert browser.muscle == "fibularis"
    assert "Fibularis" in browser.text.toPlainText()


@pytest.mark.parametrize(
    ("query", "muscle"), [("lats", "latissimus_dorsi"), ("ITB", "iliotibial_band")]
)
def test_enter_in_the_search_box_chooses_the_best_match(qtbot, window, query, muscle):
    browser = open_browser(qtbot, window)
    qtbot.keyClicks(browser.search, query)
    browser.completer.popup().hide()
    qtbot.keyClick(browser.search, Qt.Key.Key_Return)
    assert window.canvas.pattern == (muscle, "right")


def test_the_pattern_shows_essential_and_spillover_zones_sites_and_roll_zone_on_both_views(
    qtbot, window
):
    window.show_muscles("gluteus_minimus", "right")
    record = load_knowledge().muscles["gluteus_minimus"]
    drawn = zones(window)
    for view in ("front", "back"):
        essential = segment_geometry(window, view, record.referral.essential, "right")
        spillover = segment_geometry(window, view, record.referral.spillover, "right")
        if essential is not None:
            item = drawn[(view, "essential")]
            assert item.geometry.symmetric_difference(essential).area < 0.01 * essential.area
            assert item.pos().x() == window.canvas.view_offset(view)
            inside = essential.representative_point()
            assert item.path().contains(QPointF(inside.x, inside.y))
            assert (
                item.brush().color().alpha()
                > drawn.get((view, "spillover"), item).brush().color().alpha()
                or (view, "spillover") not in drawn
            )
        if spillover is not None:
            assert drawn[(view, "spillover")].geometry.intersects(spillover)
    # the person's right: x > 500 on the back, x < 500 on the front
    back = drawn[("back", "essential")].geometry
    assert back.centroid.x > 500
    roll = drawn[("back", "roll_zone")].geometry
    region = drawn[("back", "region")].geometry
    assert roll.area > 0 and roll.difference(region.buffer(0.5)).area < 1
    # exactly what the routine rolls (the advisor's roll zone), not more
    core = tables_for(window.atlas, load_knowledge()).roll_zones.get(
        "back", "gluteus_minimus", "right"
    )
    assert core is not None and core.rollable
    assert roll.symmetric_difference(core.geometry).area < 0.01 * core.geometry.area
    entry = muscle_entry(record, window.atlas)
    expected = {
        (view, round(x, 1), round(y, 1))
        for view, per_side in entry["sites"].items()
        for x, y in per_side["right"]
    }
    shown = {(s.view, round(s.atlas_xy[0], 1), round(s.atlas_xy[1], 1)) for s in sites(window)}
    assert shown == expected and shown
    for site in sites(window):
        assert site.scenePos() == window.canvas.scene_point(site.view, *site.atlas_xy)


def test_switching_side_draws_the_other_sides_pattern(qtbot, window):
    browser = window.muscle_dock.browser
    window.show_muscles("infraspinatus", "right")
    right = zones(window, "back")[("back", "region")].geometry.centroid.x
    with qtbot.waitSignal(browser.patternChosen) as blocker:
        browser.side.setCurrentIndex(browser.side.findData("left"))
    assert blocker.args == ["infraspinatus", "left"]
    assert window.canvas.pattern == ("infraspinatus", "left")
    left = zones(window, "back")[("back", "region")].geometry.centroid.x
    assert right > 500 > left


def test_the_area_filter_lists_only_that_area_and_a_click_in_the_list_chooses(qtbot, window):
    browser = open_browser(qtbot, window)
    browser.area.setCurrentIndex(browser.area.findText("Foot"))
    listed = browser.listed()
    muscles = load_knowledge().muscles
    assert listed and all(muscles[m].file == "foot.toml" for m in listed)
    assert "latissimus_dorsi" not in listed
    row = listed.index("flexor_hallucis_brevis")
    rect = browser.list.visualItemRect(browser.list.item(row))
    browser.list.scrollToItem(browser.list.item(row))
    rect = browser.list.visualItemRect(browser.list.item(row))
    qtbot.mouseClick(browser.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.canvas.pattern == ("flexor_hallucis_brevis", "right")
    qtbot.keyClicks(browser.search, "hallucis")
    assert set(browser.listed()) <= {m for m in listed}
    assert "flexor_hallucis_brevis" in browser.listed()


def test_a_muscle_from_another_table_is_listed_under_the_area_it_lies_in(qtbot, window):
    browser = open_browser(qtbot, window)
    browser.area.setCurrentIndex(browser.area.findText("Chest wall"))
    listed = browser.listed()
    assert {"pectoralis_major", "pectoralis_minor", "serratus_anterior", "sternalis"} <= set(listed)
    row = browser.list.item(listed.index("pectoralis_major"))
    assert row.toolTip() == "Body area: Shoulder and arm (also listed under Chest wall)"
    browser.list.setCurrentItem(row)
    assert "Body area: Shoulder and arm (also listed under Chest wall)" in (
        browser.text.toPlainText().splitlines()
    )
    browser.area.setCurrentIndex(browser.area.findText("Face and jaw"))
    assert "masseter" in browser.listed() and "pectoralis_major" not in browser.listed()


def test_a_muscle_not_to_roll_says_so_and_has_no_roll_zone(qtbot, window):
    window.show_muscles("digastric", "left")
    browser = window.muscle_dock.browser
    assert isinstance(browser.text, QPlainTextEdit)
    text = browser.text.toPlainText()
    assert DONT_ROLL in text
    assert "Source: Travell & Simons" in text
    drawn = zones(window)
    assert not any(kind == "roll_zone" for _view, kind in drawn)
    assert any(kind == "essential" for _view, kind in drawn)


def test_escape_and_closing_return_the_diagram_to_normal(qtbot, window):
    browser = open_browser(qtbot, window)
    qtbot.keyClicks(browser.search, "lats")
    browser.completer.popup().hide()
    qtbot.keyClick(browser.search, Qt.Key.Key_Return)
    assert window.canvas.pattern_items()
    # the legend says what the pattern's reds and dashed outline are, and has room for it
    legend = window.legend
    normal = legend_items() + fascia_items() + painted_items()  # always named
    assert legend.items == normal + pattern_items()
    assert "Dashed line: the muscle itself" in legend.accessibleDescription()
    qtbot.waitUntil(
        lambda: (
            legend.height()
            >= legend_height(legend.width() - 16, legend.font(), legend, legend.items)
        )
    )
    qtbot.keyClick(browser.list, Qt.Key.Key_Escape)
    assert not window.muscle_dock.isVisible()
    assert QApplication.focusWidget() is window.canvas  # back to the diagram
    assert window.canvas.pattern is None
    assert not window.canvas.pattern_items()
    assert not [i for i in window.canvas.scene().items() if isinstance(i, PatternZoneItem)]
    assert legend.items == normal
    # opened again, it shows the muscle it was left on; the dock's close button clears it
    window.acts.muscles.trigger()
    assert window.canvas.pattern == ("latissimus_dorsi", "right")
    assert legend.items == normal + pattern_items()
    window.muscle_dock.close()
    assert window.canvas.pattern is None
    assert legend.items == normal


def test_show_referral_pattern_from_a_source_opens_the_browser_on_it(qtbot, window, monkeypatch):
    point = window.canvas.viewport_point("back", 560.0, 175.0)
    qtbot.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=point)
    panel = window.panel
    muscle, side = panel.source_rows()[1]
    item = panel.source_tree.topLevelItem(1)
    shown = []
    monkeypatch.setattr(panel, "_exec_menu", lambda menu, at: shown.append(menu))
    rect = panel.source_tree.visualItemRect(item)
    panel._source_context_menu(rect.center())
    (menu,) = shown
    (action,) = [a for a in menu.actions() if a.text() == "Show referral &pattern"]
    action.trigger()
    assert window.muscle_dock.isVisible()
    assert window.muscle_dock.browser.muscle == muscle
    assert window.canvas.pattern == (muscle, side if side in ("right", "left") else "right")
    assert zones(window)


def test_the_pattern_follows_the_views_shown(qtbot, window):
    window.show_muscles("upper_trapezius", "right")
    assert {i.view for i in window.canvas.pattern_items()} == {"front", "back"} or {
        i.view for i in window.canvas.pattern_items()
    } == {"back"}
    window.acts.view_front.trigger()
    assert {i.view for i in window.canvas.pattern_items()} <= {"front"}
    window.acts.view_back.trigger()
    views = {i.view for i in window.canvas.pattern_items()}
    assert views == {"back"}


def test_an_unknown_muscle_is_refused(window):
    with pytest.raises(ValueError, match="unknown muscle"):
        window.canvas.set_pattern("no_such_muscle", "right")
    with pytest.raises(ValueError, match="unknown muscle"):
        window.muscle_dock.browser.show_muscle("no_such_muscle")


def test_the_pattern_leaves_with_the_browser_tab_and_a_search_that_drops_the_record(qtbot, window):
    browser = search_and_choose(qtbot, window, "lats")
    assert window.canvas.pattern == ("latissimus_dorsi", "right")
    # the Advice tab in front: the user's own map is shown plain; back again, the record
    window.dock.raise_()
    qtbot.waitUntil(lambda: window.canvas.pattern is None)
    window.muscle_dock.raise_()
    qtbot.waitUntil(lambda: window.canvas.pattern == ("latissimus_dorsi", "right"))
    # a search that no longer lists the record shows neither its text nor its pattern
    browser.search.clear()
    qtbot.keyClicks(browser.search, "peroneus")
    browser.completer.popup().hide()
    assert browser.listed() == ["fibularis"]
    assert window.canvas.pattern is None and browser.text.toPlainText() == ""


def test_fascia_shows_no_trigger_points_and_no_referral(qtbot, window):
    browser = search_and_choose(qtbot, window, "ITB")
    assert window.canvas.pattern == ("iliotibial_band", "right")
    assert not sites(window)
    text = browser.text.toPlainText()
    assert "no trigger points" in text and "Commonly refers pain to" not in text


def test_a_record_never_lists_its_own_name_as_another_name(window):
    from bodymap.knowledge import load_knowledge
    from bodymap.ui.browser.record_text import record_text

    for muscle in load_knowledge().muscles.values():
        text = record_text(muscle, window.atlas)
        also = next((line for line in text.splitlines() if line.startswith("Also called:")), "")
        names = [w.strip().casefold() for w in also.removeprefix("Also called:").split(",")]
        assert muscle.name.casefold() not in names, muscle.id


def test_a_search_that_finds_nothing_says_so_and_punctuation_finds_nothing(qtbot, window):
    browser = open_browser(qtbot, window)
    qtbot.keyClicks(browser.search, "zzzq")
    browser.completer.popup().hide()
    assert browser.listed() == []
    assert browser.nothing.isVisible()
    assert browser.nothing.text() == (
        "No muscle matches “zzzq” — try a muscle name, a body part such as “knee”, "
        "or a complaint such as “tennis elbow”."
    )
    browser.search.clear()
    qtbot.keyClicks(browser.search, "***")
    browser.completer.popup().hide()
    assert browser.listed() == [] and browser.nothing.isVisible()
    browser.search.clear()
    qtbot.keyClicks(browser.search, "lats")
    browser.completer.popup().hide()
    assert browser.listed()[0] == "latissimus_dorsi" and not browser.nothing.isVisible()


def test_a_pattern_over_part_of_a_segment_says_part_of_it(qtbot, window):
    browser = search_and_choose(qtbot, window, "lats")
    assert window.canvas.pattern == ("latissimus_dorsi", "right")
    line = next(
        t for t in browser.text.toPlainText().splitlines() if t.startswith("Commonly refers")
    )
    assert "part of the shoulder blade" in line and "part of the mid back" in line, line
    assert "side of chest" in line and "part of the side of chest" not in line


def type_query(qtbot, browser, query: str) -> None:
    browser.search.clear()
    qtbot.keyClicks(browser.search, query)
    browser.completer.popup().hide()


def test_typing_a_complaint_or_a_body_part_lists_the_muscles_and_says_why(qtbot, window):
    browser = open_browser(qtbot, window)
    type_query(qtbot, browser, "tennis elbow")
    assert browser.listed()[:2] == ["supinator", "extensor_carpi_radialis"]
    first = browser.list.item(0).text()
    assert first == "Supinator — often involved in what people call tennis elbow"
    # the suggestion is the name alone: the row below says why
    assert browser.completer.completionModel().index(0, 0).data() == "Supinator"
    assert not browser.nothing.isVisible()
    with qtbot.waitSignal(browser.patternChosen) as blocker:
        qtbot.keyClick(browser.search, Qt.Key.Key_Return)
    assert blocker.args == ["supinator", "right"]
    type_query(qtbot, browser, "knee")
    rows = [browser.list.item(i).text() for i in range(browser.list.count())]
    assert "Vastus medialis — refers pain to the front of the knee" in rows
    assert browser.listed()[0] == "patellar_retinaculum"  # a name first ("Knee retinaculum")
    type_query(qtbot, browser, "jaw")
    assert browser.listed()[0] == "masseter"
    type_query(qtbot, browser, "shoulder blade")  # referrers, then the muscles lying there
    rows = [browser.list.item(i).text() for i in range(browser.list.count())]
    assert "Infraspinatus — lies on the shoulder blade" in rows
    # the body-area filter narrows these answers too
    browser.area.setCurrentIndex(browser.area.findText("Shoulder and arm"))
    type_query(qtbot, browser, "neck")
    assert "upper_trapezius" in browser.listed() and "scalenes" not in browser.listed()


def test_a_complaint_that_can_hide_something_else_shows_when_to_see_a_clinician(qtbot, window):
    browser = open_browser(qtbot, window)
    qtbot.keyClicks(browser.search, "sciatica")
    browser.completer.popup().hide()
    assert browser.warning.isVisible()
    assert browser.warning.text().startswith("⚠ Leg pain with numbness")
    assert browser.warning.textFormat() == Qt.TextFormat.PlainText
    assert browser.listed()[:2] == ["gluteus_minimus", "piriformis"]
    browser.search.clear()
    qtbot.keyClicks(browser.search, "tennis elbow")
    browser.completer.popup().hide()
    assert not browser.warning.isVisible() and browser.warning.text() == ""


def test_in_a_narrow_window_the_legend_shows_every_entry(qtbot, main_window):
    """The legend's entries wrap onto more rows in a narrow window, and the legend grows to
    hold them: a fixed two-line height cut off the open circle and the numbered disc."""
    window = main_window(1100, 800)
    legend = window.legend
    needed = legend_height(legend.width() - 16, legend.font(), legend, legend.items)
    assert needed > 2 * legend.fontMetrics().height()  # more than two rows at this width
    qtbot.waitUntil(lambda: legend.height() >= needed)


def test_the_legend_says_what_the_grey_fascia_is(window) -> None:
    """The grey fascia (the low back's diamond, the outer thighs' strips) is named in the
    legend; the entry stays when View → Fascia hides the layer, so the diagrams keep their
    size."""
    fascia = window.acts.layers["fascia"]
    assert fascia.isChecked()  # shown from the start
    assert window.legend.items == legend_items() + fascia_items() + painted_items()
    assert "fascia" in fascia_items()[0][1] and "never a source" in fascia_items()[0][1]
    fascia.trigger()
    assert window.legend.items == legend_items() + fascia_items() + painted_items()


def test_a_completion_chosen_by_keys_keeps_the_query_and_its_results(qtbot, window):
    """Down into the suggestions and Return: the box shows the query again, and the list
    below still lists its results, the one chosen selected (keyboard walk)."""
    browser = open_browser(qtbot, window)
    qtbot.keyClicks(browser.search, "tennis elbow")
    results = browser.listed()
    assert len(results) > 2
    popup = browser.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    second = browser.completer.completionModel().index(1, 0)
    popup.setCurrentIndex(second)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: browser.search.text() == "tennis elbow")
    assert browser.listed() == results
    chosen = browser.muscle
    assert chosen
    assert browser.listed()[browser.list.currentRow()] == chosen
    assert browser.list.currentItem().isSelected()


def test_tab_into_the_list_marks_the_first_row_and_down_goes_to_the_second(qtbot, window):
    browser = open_browser(qtbot, window)
    qtbot.keyClicks(browser.search, "tennis elbow")
    browser.completer.popup().hide()
    first, second = browser.listed()[:2]
    browser.list.setFocus(Qt.FocusReason.TabFocusReason)
    assert browser.list.currentRow() == 0 and browser.list.currentItem().isSelected()
    assert browser.muscle == first
    qtbot.keyClick(browser.list, Qt.Key.Key_Down)
    assert browser.muscle == second and browser.list.currentRow() == 1
