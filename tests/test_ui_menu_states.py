"""Menu items act only on something there: Edit → Edit Check-ins… waits for a check-in,
and before the first check-in History and the heat map say the next step — on a map
without spots, to mark one first (Edit → Check In… waits for a spot)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from bodymap.ui.history.heatmap import HeatMapDialog
from bodymap.ui.window.dialogs import CheckInDialog
from bodymap.ui.window.mainwindow import MapWindow

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

MARK_FIRST = (
    "No check-ins yet. Mark where it hurts, then use Edit → Check In… to log how your spots feel."
)
CHECK_IN = "No check-ins yet. Use Edit → Check In… to log how your spots feel."


def _check_in(window: MapWindow) -> None:
    """Edit → Check In…, answered in the real dialog with its values as they stand."""
    seen: list[CheckInDialog] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, CheckInDialog)
        seen.append(dialog)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(0, answer)
    window.acts.check_in.trigger()
    assert seen, "the check-in dialog did not open"


def test_edit_check_ins_is_enabled_only_while_the_map_has_check_ins(
    main_window, tmp_path, messages
) -> None:
    window = main_window()
    edit_check_ins, acts = window.acts.edit_check_ins, window.acts
    enabled: Callable[[], bool] = edit_check_ins.isEnabled
    assert not enabled() and not acts.check_in.isEnabled()  # a new, empty map

    window.add_spot("back", 560, 200)
    assert acts.check_in.isEnabled() and not enabled()  # a spot, still no check-in
    _check_in(window)
    assert len(window.document.map.history) == 1 and enabled()
    acts.undo.trigger()
    assert window.document.map.history == () and not enabled()
    acts.redo.trigger()
    assert enabled()

    dialog = window.show_check_ins()  # delete the last check-in there
    dialog.table.selectRow(0)
    dialog.delete_button.click()
    assert window.document.map.history == () and not enabled()
    dialog.close()
    acts.undo.trigger()
    assert enabled()

    window.document.save_as(tmp_path / "checked.bodymap")
    acts.new.trigger()
    assert not enabled()
    window.document.open(tmp_path / "checked.bodymap")
    assert enabled()
    assert messages == []


def test_history_and_heat_map_say_to_mark_a_spot_first_on_a_map_without_spots(
    main_window,
) -> None:
    window = main_window()
    window.acts.history.trigger()
    window.acts.heat_map.trigger()
    plot = window.history_dialog.plot
    [heat] = window.findChildren(HeatMapDialog)
    assert plot.accessibleDescription() == MARK_FIRST
    assert heat.view.caption == MARK_FIRST  # the same words in both

    window.add_spot("back", 560, 200)  # both follow the map: now the check-in is next
    assert plot.accessibleDescription() == CHECK_IN
    assert heat.view.caption == CHECK_IN
    window.acts.undo.trigger()
    assert plot.accessibleDescription() == MARK_FIRST == heat.view.caption
    window.history_dialog.close()
    heat.close()
