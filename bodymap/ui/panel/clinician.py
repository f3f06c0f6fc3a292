"""The "When to see a clinician" section: the red-flag signs and who should ask before
rolling at all, rendered (escaped) from ``cautions.toml`` for the panel and the first-run
note, so the wording has one source."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from bodymap.advisor import Advice
from bodymap.knowledge import Knowledge, load_knowledge

__all__ = ["FOR_YOUR_SPOTS", "ClinicianDialog", "ReadingDialog", "clinician_html"]


FOR_YOUR_SPOTS = "Raised by your spots"
"""The heading above the warning signs the map's own spots raise, first in the section."""


def clinician_html(knowledge: Knowledge | None = None, advice: Advice | None = None) -> str:
    """The section as HTML; every sentence comes from the knowledge tables, escaped. With
    the map's ``advice``, the warning signs its spots raise come first, each naming its
    spots, before what applies to everyone."""
    k = knowledge or load_knowledge()
    e = html.escape
    safety = k.safety
    title = safety.clinician_title if safety else "When to see a clinician"
    out = []
    if advice is not None and advice.red_flags:
        out.append(f"<h3>⚠ {e(FOR_YOUR_SPOTS)}</h3><ul>")
        out += [
            f"<li><b>{e(flag.heading(advice.areas))}:</b> {e(flag.text)}</li>"
            for flag in advice.red_flags
        ]
        out.append("</ul>")
    out.append(f"<h3>{e(title)}</h3><ul>")
    out += [f"<li>{e(line)}</li>" for line in (safety.clinician if safety else ())]
    out.append("</ul>")
    if k.contraindications:
        heading = safety.contraindications_title if safety else ""
        out.append(f"<h4>{e(heading)}</h4><ul>")
        out += [f"<li>{e(c.text)}</li>" for c in k.contraindications]
        out.append("</ul>")
    out.append("<h4>Warning signs</h4><ul>")
    out += [f"<li>{e(flag.text)}</li>" for flag in k.red_flags]
    out.append("</ul>")
    return "".join(out)


class ReadingDialog(QDialog):
    """Escaped safety text in a scrolling area sized to the screen, so its button is always
    on screen whatever the length of the texts (the clinician section, the first-run note)."""

    def __init__(
        self,
        title: str,
        text_html: str,
        button: QDialogButtonBox.StandardButton,
        size: tuple[int, int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setHtml(text_html)
        buttons = QDialogButtonBox(button)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        screen = (parent.screen() if parent is not None else None) or QApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else None
        width, height = size
        if room is not None:
            width = min(width, int(room.width() * 0.9))
            height = min(height, int(room.height() * 0.85))
        self.resize(width, height)


class ClinicianDialog(ReadingDialog):
    """A non-modal window with the section, reachable from the panel whatever the spots;
    the warning signs the map's spots raise come first (`set_advice`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self._shown = clinician_html()
        super().__init__(
            "When to see a clinician",
            self._shown,
            QDialogButtonBox.StandardButton.Close,
            (520, 560),
            parent,
        )
        self.setWindowModality(Qt.WindowModality.NonModal)

    def set_advice(self, advice: Advice | None) -> None:
        """Show the section for this advice (None: the map has no spots)."""
        text = clinician_html(advice=advice)
        if text != self._shown:  # laid out again only when the signs raised changed
            self._shown = text
            self.browser.setHtml(text)
