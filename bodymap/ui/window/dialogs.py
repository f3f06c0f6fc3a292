"""The main window's small dialogs: the safety note, About, and the daily check-in."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from bodymap import __version__
from bodymap.maps import Spot, TriggerPointMap

__all__ = ["SAFETY_NOTE", "CheckInDialog", "show_about", "show_safety_note"]

SAFETY_NOTE = """\
<h3>Using bodymap safely</h3>
<p>bodymap gives <b>self-care guidance, not medical advice or a diagnosis</b>. It shows which
muscles commonly refer pain to a spot and how people roll them; your body may differ.</p>
<ul>
<li>Stay on a tender point only a few seconds (about 10–30 s), then roll the area around it
for a few minutes.</li>
<li>Start gently with a smooth roller and short sessions: too long or too often leaves
muscles sore.</li>
<li>Do not roll or press hard on the spine, the front and side of the neck, the back of the
knee, the groin, the armpit or the kidney area.</li>
</ul>
<p><b>See a clinician</b> rather than rolling if you have numbness, tingling or weakness,
pain after a fall or accident, fever, night pain that does not ease, or any loss of bladder
or bowel control.</p>
"""


def show_safety_note(parent: QWidget | None) -> None:
    """The first-run note (also Help → Using bodymap safely…)."""
    box = QMessageBox(parent)
    box.setWindowTitle("Using bodymap safely")
    box.setIcon(QMessageBox.Icon.Information)
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(SAFETY_NOTE)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAccessibleName("Using bodymap safely")
    box.exec()


def show_about(parent: QWidget | None) -> None:
    QMessageBox.about(
        parent,
        "About bodymap",
        f"<h3>bodymap {__version__}</h3>"
        "<p>Click where it hurts; see which muscles commonly refer pain there and how to "
        "roll them with a foam roller or a massage ball.</p>"
        "<p>Self-care guidance, not medical advice. Your maps stay on your computer.</p>",
    )


class CheckInDialog(QDialog):
    """ "How does each spot feel today?": one 0–10 spin box per spot, prefilled with the
    spot's current intensity. `values()` gives spot id → intensity."""

    def __init__(
        self,
        tpm: TriggerPointMap,
        describe: Callable[[Spot], str] = lambda spot: "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Check in")
        self.setAccessibleName("Check in")
        self._boxes: dict[str, QSpinBox] = {}
        intro = QLabel("How does each spot feel today? (0 = no pain, 10 = worst)")
        intro.setWordWrap(True)
        form_host = QWidget()
        form = QFormLayout(form_host)
        for number, spot in enumerate(tpm.spots, start=1):
            box = QSpinBox(minimum=0, maximum=10, value=spot.intensity, suffix=" / 10")
            box.setFixedWidth(box.sizeHint().width() + 16)
            where = describe(spot)
            label = f"Spot {number}" + (f" — {where}" if where else "")
            box.setAccessibleName(f"Intensity of spot {number}")
            form.addRow(label, box)
            self._boxes[spot.id] = box
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(form_host)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Check in")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(440, min(560, 110 + 34 * len(self._boxes)))

    def values(self) -> dict[str, int]:
        return {spot_id: box.value() for spot_id, box in self._boxes.items()}
