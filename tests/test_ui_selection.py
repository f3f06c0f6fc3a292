"""One selection: the document owns the selected spot, and the canvas, the panel and the
window's spot actions all show that one, however it was chosen."""

from __future__ import annotations

import pytest

from bodymap.ui.window.mainwindow import MapWindow

NECK_R = ("back", 560.0, 200.0)
HIP_L = ("back", 430.0, 470.0)

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def window(main_window) -> MapWindow:
    return main_window()


def drawn_selected(window: MapWindow) -> list[str]:
    return [item.spot_id for item in window.canvas.spot_items() if item.selected]


def test_every_view_shares_the_documents_selection(window: MapWindow) -> None:
    selection = window.document.selection
    assert window.canvas.selection is selection and window.panel.selection is selection


def test_a_spot_chosen_in_the_list_is_the_one_the_canvas_and_actions_use(
    qtbot, window: MapWindow
) -> None:
    window.add_spot(*NECK_R)
    window.add_spot(*HIP_L)
    first, second = (s.id for s in window.document.map.spots)
    assert window.selected_spot == second  # the spot just added
    assert drawn_selected(window) == [second]
    with qtbot.waitSignal(window.document.selection.changed) as blocker:
        window.panel.spot_list.setCurrentRow(0)
    assert blocker.args == [first]
    assert window.canvas.selected_spot == first == window.panel.selected_spot
    assert drawn_selected(window) == [first]
    assert window.acts.delete_spot.isEnabled()
    window.acts.delete_spot.trigger()
    assert [s.id for s in window.document.map.spots] == [second]
    assert window.selected_spot == "" and drawn_selected(window) == []
    assert not window.acts.delete_spot.isEnabled()


def test_a_spot_picked_on_the_canvas_is_the_one_the_editor_shows(window: MapWindow) -> None:
    window.add_spot(*NECK_R)
    window.add_spot(*HIP_L)
    first = window.document.map.spots[0].id
    window.canvas.select_spot(first)
    assert window.panel.spot_list.currentRow() == 0
    assert window.panel.editor_title.text() == "Spot 1"
    assert drawn_selected(window) == [first]


def test_opening_another_map_selects_nothing(window: MapWindow) -> None:
    window.add_spot(*NECK_R)
    assert window.selected_spot
    window.document.new()
    assert window.document.selection.current == "" == window.canvas.selected_spot
    assert drawn_selected(window) == []
