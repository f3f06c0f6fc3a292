"""The current step's close-up: the muscle's roll zone, its trigger-point sites, the
caution zones nearby and the spots it serves, drawn by `ViewPainter`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QTransform
from PySide6.QtWidgets import QSizePolicy, QWidget

from bodymap.atlas import ViewAtlas
from bodymap.maps import Spot
from bodymap.session import SessionStep
from bodymap.ui.drawing.painting import Highlight, ViewPainter
from bodymap.ui.drawing.sites import press_clear, split_by_press

__all__ = ["StepCrop", "crop_box"]

PAD = 45.0
"""Atlas units around the roll zone and sites (about 8 cm on the body)."""
MIN_SIZE = 180.0
"""The smallest close-up, in atlas units, so a small muscle still shows where it sits."""


def _sides(side: str) -> tuple[str, ...]:
    return ("right", "left") if side == "both" else (side,)


def crop_box(vp: ViewPainter, step: SessionStep) -> QRectF:
    """The atlas rectangle to show for ``step``: roll zone and sites, padded."""
    box = QRectF()
    for side in _sides(step.side):
        zone = vp.roll_zone(step.muscle, side).boundingRect()
        box = zone if box.isNull() else (box.united(zone) if not zone.isNull() else box)
    for x, y in step.sites:
        point = QRectF(x - 1, y - 1, 2, 2)
        box = point if box.isNull() else box.united(point)
    if box.isNull():
        return vp.frame
    box = box.adjusted(-PAD, -PAD, PAD, PAD)
    grow_w = max(0.0, MIN_SIZE - box.width()) / 2
    grow_h = max(0.0, MIN_SIZE - box.height()) / 2
    return box.adjusted(-grow_w, -grow_h, grow_w, grow_h)


SPOT_PX = 20.0
"""Radius of a spot marker on screen, whatever the zoom."""


class StepCrop(QWidget):
    """Shows one step's close-up, fitted into the widget with its aspect kept."""

    def __init__(self, atlas: Mapping[str, ViewAtlas], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._atlas = atlas
        self._painters: dict[str, ViewPainter] = {}
        self.step: SessionStep | None = None
        self.spots: Sequence[Spot] = ()
        self._image: QImage | None = None
        self.setMinimumSize(200, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Where to roll")

    def painter_for(self, view: str) -> ViewPainter:
        if view not in self._painters:
            self._painters[view] = ViewPainter.of(self._atlas[view])
        return self._painters[view]

    def show_step(self, step: SessionStep | None, spots: Sequence[Spot]) -> None:
        """Draw ``step``; ``spots`` are the map's spots (only the ones it serves show)."""
        if step is self.step and spots is self.spots:
            return  # the clock ticks often; the close-up changes only with the step
        self.step = step
        self.spots = spots
        self._image = None
        self.setAccessibleDescription(step.title if step else "")
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        target = QRectF(self.rect()).adjusted(4, 4, -4, -4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#fbfaf7"))
        painter.drawRoundedRect(target, 18, 18)
        inner = target.adjusted(10, 10, -10, -10).toAlignedRect()
        image = self._rendered(inner.size())
        if image is not None:
            painter.drawImage(inner.topLeft(), image)
        painter.end()

    def _rendered(self, size: QSize) -> QImage | None:
        """The close-up drawn into an image of ``size`` (kept until the step or size
        changes); the image's edges clip the figure."""
        step = self.step
        if step is None or step.view not in self._atlas or size.isEmpty():
            return None
        if self._image is not None and self._image.size() == size:
            return self._image
        ratio = self.devicePixelRatioF()
        image = QImage(size * ratio, QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        image.fill(QColor("#fbfaf7"))
        vp = self.painter_for(step.view)
        box = crop_box(vp, step)
        scale = min(size.width() / box.width(), size.height() / box.height())
        dx = size.width() / 2 - box.center().x() * scale
        dy = size.height() / 2 - box.center().y() * scale
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setTransform(QTransform(scale, 0, 0, scale, dx, dy))
        vp.paint_body(painter, layers=frozenset({"superficial", "caution"}))
        # ⊕ is the press test's mark: sites in a zone not to press are open rings
        clear, no_press = split_by_press(step.view, step.sites, press_clear(self._atlas))
        for side in _sides(step.side):
            vp.paint_highlight(painter, Highlight(step.muscle, side, clear, no_press))
        served = set(step.spots)
        shown = [s if i in served else None for i, s in enumerate(self.spots)]
        vp.paint_spots(painter, shown, radius=SPOT_PX / scale)
        painter.end()
        self._image = image
        return image
