"""While the muscle browser draws a muscle's pattern, the map's own highlight (the selected
source's "roll here" shading and sites) is out of sight: the browser's legend says blue is
where to roll, and only the browsed muscle's blue may be on screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


def test_the_maps_highlight_hides_while_a_pattern_is_drawn_and_comes_back(qtbot, main_window):
    window = main_window()
    point = window.canvas.viewport_point("back", 520.0, 410.0)  # the low back
    qtbot.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=point)
    muscle, side = window.panel.source_rows()[0]
    window.canvas.set_highlight(muscle, side)
    shading = window.canvas.highlight_items()
    assert shading and all(item.isVisible() for item in shading)

    window.show_muscles("extensor_carpi_radialis", "right")
    assert window.canvas.pattern == ("extensor_carpi_radialis", "right")
    assert not any(item.isVisible() for item in window.canvas.highlight_items())
    window.acts.view_back.trigger()  # drawn again for the views shown: still out of sight
    assert window.canvas.highlight_items()
    assert not any(item.isVisible() for item in window.canvas.highlight_items())

    window.canvas.set_pattern(None)
    assert window.canvas.highlight == (muscle, side)
    assert all(item.isVisible() for item in window.canvas.highlight_items())
