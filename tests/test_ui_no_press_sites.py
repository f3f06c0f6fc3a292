"""⊕ is the press test's mark ("press the spot marked ⊕"): the diagrams draw it only where a
finger may press. A trigger-point site inside a zone not to press (the scalenes in the front
of the neck, the thoracic erector spinae over the kidneys) is an open ring, on the canvas,
in its legend and in the printed guide's close-ups."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from bodymap.advisor.tables import tables_for
from bodymap.atlas import load_atlas
from bodymap.knowledge import load_knowledge
from bodymap.maps import TriggerPointMap, add_spot
from bodymap.ui.canvas.items import SiteItem
from bodymap.ui.drawing import painting
from bodymap.ui.drawing.legend import legend_items

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

UPPER_BACK_R = ("back", 545.0, 215.0)
"""A spot between the right shoulder blade and the spine, level with its upper half: the
scalenes commonly refer there."""


def _may_press(view: str, x: float, y: float) -> bool:
    return tables_for(load_atlas(), load_knowledge()).no_press.clear(view, x, y)


def _choose_source(qtbot, window, muscle: str) -> None:
    """Click ``muscle``'s row in the sources list as a person would."""
    tree = window.panel.source_tree
    (item,) = [
        tree.topLevelItem(i)
        for i, (row_muscle, _side) in enumerate(window.panel.source_rows())
        if row_muscle == muscle
    ]
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _marks_cross(item: SiteItem) -> bool:
    """Whether the drawn marker has the cross: ink beyond its ring, where only an arm reaches."""
    size = 64
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    painter.translate(size / 2, size / 2)
    item.paint(painter, None)  # type: ignore[arg-type]
    painter.end()
    arm_tip = QPointF(size / 2 + item.radius * 1.35, size / 2)
    return image.pixelColor(arm_tip.toPoint()).alpha() > 0


def test_choosing_a_source_draws_sites_in_no_press_zones_without_the_press_mark(
    qtbot, main_window
) -> None:
    window = main_window()
    point = window.canvas.viewport_point(*UPPER_BACK_R)
    qtbot.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=point)
    _choose_source(qtbot, window, "scalenes")
    assert window.canvas.highlight is not None and window.canvas.highlight[0] == "scalenes"

    sites = [i for i in window.canvas.highlight_items() if isinstance(i, SiteItem)]
    assert sites
    for site in sites:
        assert site.clear == _may_press(site.view, *site.atlas_xy)
        assert _marks_cross(site) == site.clear
    # the scalenes sit in the front of the neck: some of their sites are not to be pressed
    assert any(not site.clear for site in sites)
    assert any("do not press" in site.toolTip() for site in sites if not site.clear)


def test_a_press_tests_show_button_marks_its_point_with_the_press_mark(qtbot, main_window) -> None:
    """A press test's Show still marks its own point with ⊕ (always clear to press)."""
    window = main_window()
    point = window.canvas.viewport_point(*UPPER_BACK_R)
    qtbot.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=point)
    row = window.panel.press_box.rows[0]
    qtbot.mouseClick(row.show_button, Qt.MouseButton.LeftButton)
    (site,) = [i for i in window.canvas.highlight_items() if isinstance(i, SiteItem)]
    assert site.clear and _marks_cross(site)


def test_the_legend_says_the_crossed_circle_may_be_pressed_and_the_open_one_not() -> None:
    texts = dict(legend_items())
    # lay words first, the term in brackets; what pressing is for, and why not
    assert texts["site"] == (
        "Crossed circle: a usual tender spot (trigger point): press it gently to check it"
    )
    # any zone not to press (nerve, vessel, organ, bone): not only "a nerve or blood vessel"
    assert texts["no_press_site"] == (
        "Open circle: a usual tender spot that lies in, or too close to, a place not to "
        "press: do not press it"
    )


@pytest.mark.slow  # an exhaustive grid, or a PDF rendered: CI runs it
def test_the_printed_guide_draws_no_press_mark_inside_a_zone_not_to_press(
    qtbot, tmp_path: Path, monkeypatch
) -> None:
    from bodymap.ui.printing.guide import write_guide_pdf

    drawn: list[tuple[str, float, float, bool]] = []
    views: list[str] = []
    mark, highlight = painting.paint_site_marker, painting.ViewPainter.paint_highlight

    def record_mark(painter, centre, radius, *, monochrome=False, clear=True):
        drawn.append((views[-1], centre.x(), centre.y(), clear))
        mark(painter, centre, radius, monochrome=monochrome, clear=clear)

    def record_view(self, *args, **kwargs):
        views.append(self.view)
        highlight(self, *args, **kwargs)

    monkeypatch.setattr(painting, "paint_site_marker", record_mark)
    monkeypatch.setattr(painting.ViewPainter, "paint_highlight", record_view)
    tpm = TriggerPointMap("Upper back")
    add_spot(tpm, *UPPER_BACK_R, "right", intensity=7)
    add_spot(tpm, "back", 530.0, 420.0, "right", intensity=6)  # low back: the erectors
    write_guide_pdf(tpm, tmp_path / "guide.pdf", length="full")
    assert drawn
    for view, x, y, clear in drawn:  # ⊕ exactly where a finger may press
        assert clear == _may_press(view, x, y), (view, x, y)
    assert any(not clear for *_where, clear in drawn)


def test_the_muscle_browsers_pattern_keeps_the_press_mark_for_places_to_press(
    qtbot, main_window
) -> None:
    window = main_window()
    window.show_muscles("scalenes", "right")
    qtbot.waitUntil(lambda: window.canvas.pattern == ("scalenes", "right"))
    sites = [i for i in window.canvas.pattern_items() if isinstance(i, SiteItem)]
    assert sites and any(not site.clear for site in sites)
    for site in sites:
        assert site.clear == _may_press(site.view, *site.atlas_xy)
        assert _marks_cross(site) == site.clear
