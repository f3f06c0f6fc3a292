"""One 0–10 box per spot, labelled as the spot list numbers and names the spots, in a
scroll area: the check-in dialog's and the Edit Readings dialog's form."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtWidgets import QFormLayout, QScrollArea, QSpinBox, QWidget

from bodymap.maps import Spot, TriggerPointMap
from bodymap.ui.drawing.plain_text import plain_label
from bodymap.words import spot_noun

__all__ = ["BELOW_ZERO", "spot_boxes"]

BELOW_ZERO = -1
"""The value of a box one step below 0, when the form offers that step (``below_zero``)."""


def spot_boxes(
    tpm: TriggerPointMap,
    values: Mapping[str, int],
    describe: Callable[[Spot], str],
    what: str,
    *,
    below_zero: str = "",
) -> tuple[QScrollArea, dict[str, QSpinBox]]:
    """A box for each spot of ``tpm`` that ``values`` has a value for, set to it, in the
    map's order ("Spot 2 — Upper trapezius, right"); each box named "``what`` spot 2" for
    a screen reader. ``below_zero``: the words one step below 0 reads (the box then goes
    down to `BELOW_ZERO`). Returns the scroll area and the boxes by spot id."""
    host = QWidget()
    form = QFormLayout(host)
    boxes: dict[str, QSpinBox] = {}
    for number, spot in enumerate(tpm.spots, start=1):
        if spot.id not in values:
            continue
        minimum = BELOW_ZERO if below_zero else 0
        box = QSpinBox(minimum=minimum, maximum=10, value=values[spot.id], suffix=" / 10")
        if below_zero:
            box.setSpecialValueText(below_zero)
        box.setFixedWidth(box.sizeHint().width() + 16)
        word = spot_noun(spot.area is not None, capital=True)
        where = describe(spot)
        box.setAccessibleName(f"{what} {word.lower()} {number}")
        form.addRow(plain_label(f"{word} {number}" + (f" — {where}" if where else "")), box)
        boxes[spot.id] = box
    scroll = QScrollArea(widgetResizable=True)
    scroll.setWidget(host)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    return scroll, boxes
