"""Wrapped text for the printed guide: measure a paragraph at a width, then draw it.

Measuring and drawing go through the same `WrappedText` (QTextLayout line breaking on the
target paint device), so the height a block reserves is exactly the height its text takes
and nothing overlaps. Long text can be capped at a number of lines, the last one ending in
an ellipsis. Text is drawn as text, so PDFs stay searchable and sharp.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPaintDevice, QPainter, QTextLayout, QTextOption

__all__ = ["Fonts", "WrappedText", "wrap"]


class Fonts:
    """The guide's type scale, sized in points so it prints the same on every device."""

    def __init__(self, family: str = "") -> None:
        base = QFont(family) if family else QFont()
        base.setStyleHint(QFont.StyleHint.SansSerif)
        base.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        self.body = self._sized(base, 9.5)
        self.small = self._sized(base, 8.0)
        self.small_bold = self._sized(base, 8.0, bold=True)
        self.bold = self._sized(base, 9.5, bold=True)
        self.step_title = self._sized(base, 11.0, bold=True)
        self.heading = self._sized(base, 13.0, bold=True)
        self.group = self._sized(base, 10.5, bold=True)
        self.title = self._sized(base, 22.0, bold=True)
        self.marker = self._sized(base, 8.0, bold=True)

    @staticmethod
    def _sized(base: QFont, points: float, bold: bool = False) -> QFont:
        font = QFont(base)
        font.setPointSizeF(points)
        font.setBold(bold)
        return font


@dataclass(frozen=True)
class _Line:
    text: str
    y: float
    ascent: float
    height: float


class WrappedText:
    """A paragraph broken into lines for a given width on a given paint device."""

    def __init__(
        self,
        text: str,
        font: QFont,
        width: float,
        device: QPaintDevice,
        max_lines: int | None = None,
        line_spacing: float = 1.1,
    ) -> None:
        self.font = font
        self.width = width
        metrics = QFontMetricsF(font, device)
        self._lines: list[_Line] = []
        self.truncated = False
        step = metrics.lineSpacing() * line_spacing
        y = 0.0
        offset = 0
        last_start = 0
        for paragraph in text.split("\n"):
            for start, piece in self._break(paragraph, font, width, device):
                if max_lines is not None and len(self._lines) == max_lines:
                    self.truncated = True
                    break
                self._lines.append(_Line(piece, y, metrics.ascent(), metrics.height()))
                last_start = offset + start
                y += step
            if self.truncated:
                break
            offset += len(paragraph) + 1
        if self.truncated and self._lines:
            last = self._lines[-1]
            rest = text[last_start:]
            elided = metrics.elidedText(
                " ".join(rest.split()) + " …", Qt.TextElideMode.ElideRight, width
            )
            if not elided.endswith("…"):
                elided = elided.rstrip() + "…"
            self._lines[-1] = _Line(elided, last.y, last.ascent, last.height)
        self.height = (self._lines[-1].y + self._lines[-1].height) if self._lines else 0.0
        self.natural_width = max(
            (metrics.horizontalAdvance(ln.text) for ln in self._lines), default=0.0
        )

    @staticmethod
    def _break(
        paragraph: str, font: QFont, width: float, device: QPaintDevice
    ) -> list[tuple[int, str]]:
        if not paragraph.strip():
            return [(0, "")]
        layout = QTextLayout(paragraph, font, device)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.beginLayout()
        pieces: list[tuple[int, str]] = []
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            start = line.textStart()
            pieces.append((start, paragraph[start : start + line.textLength()].rstrip()))
        layout.endLayout()
        return pieces

    @property
    def line_count(self) -> int:
        return len(self._lines)

    @property
    def first_baseline(self) -> float:
        """Distance from the top of the text to the baseline of its first line."""
        return self._lines[0].ascent if self._lines else 0.0

    @property
    def lines(self) -> list[str]:
        return [line.text for line in self._lines]

    def draw(self, painter: QPainter, x: float, y: float) -> None:
        """Draw with the top-left of the first line at (x, y)."""
        painter.setFont(self.font)
        for line in self._lines:
            painter.drawText(QPointF(x, y + line.y + line.ascent), line.text)


def wrap(
    text: str,
    font: QFont,
    width: float,
    device: QPaintDevice,
    max_lines: int | None = None,
) -> WrappedText:
    """Shorthand for `WrappedText`."""
    return WrappedText(text, font, width, device, max_lines)
