"""Text from the user or from a file, shown as text and never as markup.

Qt guesses whether a string is rich text (``Qt.mightBeRichText``) in tooltips, labels and
message boxes; a map named ``<img src="/dev/zero">`` would then be rendered, and the image
loaded. Everything here shows such a string literally: message boxes and labels in
``Qt.TextFormat.PlainText``, tooltips (which have no format setting) escaped inside a rich
text paragraph, window titles with Qt's ``[*]`` placeholder escaped, menu texts with ``&``.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

__all__ = ["menu_text", "message_box", "plain_label", "plain_tooltip", "plain_window_title"]


def plain_tooltip(text: str, *, heading: bool = False) -> str:
    """``text`` as a tooltip that shows it literally, line breaks kept ("" stays "").
    With ``heading`` its first line is never wrapped: the tooltip is at least that wide
    (Qt wraps a short tooltip at about 40 characters)."""
    if not text:
        return ""
    if heading and "\n" in text:
        first, rest = text.split("\n", 1)
        return (
            f'<p style="white-space:pre; margin:0">{html.escape(first)}</p>'
            f'<p style="white-space:pre-wrap; margin:0">{html.escape(rest)}</p>'
        )
    return f'<p style="white-space:pre-wrap">{html.escape(text)}</p>'


def plain_window_title(text: str) -> str:
    """``text`` for ``setWindowTitle``: a ``[*]`` in it is shown, not taken for the
    unsaved-changes mark (Qt shows a doubled ``[*][*]`` as ``[*]``)."""
    return text.replace("[*]", "[*][*]")


def menu_text(text: str) -> str:
    """``text`` for a menu item: an ``&`` in it is shown, not taken for a mnemonic."""
    return text.replace("&", "&&")


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A label that shows ``text`` literally."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
    default: QMessageBox.StandardButton = QMessageBox.StandardButton.NoButton,
    informative: str = "",
) -> QMessageBox:
    """A message box whose title, text and informative text are all plain text."""
    box = QMessageBox(icon, plain_window_title(title), "", buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    if informative:
        box.setInformativeText(informative)
        for label in box.findChildren(QLabel, "qt_msgbox_informativelabel"):
            label.setTextFormat(Qt.TextFormat.PlainText)
    if default != QMessageBox.StandardButton.NoButton:
        box.setDefaultButton(default)
    return box
