"""The program's own dialogs, as a person meets them."""

from __future__ import annotations


def test_the_safety_note_fits_a_small_screen_and_scrolls(qtbot) -> None:
    """Its OK button stays on screen however long the safety texts grow."""
    from PySide6.QtWidgets import QApplication

    from bodymap.ui.window.dialogs import SafetyNoteDialog

    dialog = SafetyNoteDialog()
    qtbot.addWidget(dialog)
    screen = QApplication.primaryScreen().availableGeometry()
    assert dialog.height() <= screen.height() and dialog.width() <= screen.width()
    text = dialog.text.toPlainText()
    assert "clinician" in text and len(text) > 500
