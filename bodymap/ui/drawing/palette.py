"""Colours of the body diagram, shared by the canvas, the PNG export and the printed guide.

The intensity scale runs from a calm green through amber to a deep red, and its lightness
falls steadily (CIE L* from about 86 to 35), so it still reads on a greyscale printout.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

__all__ = [
    "CAUTION",
    "FASCIA_TINT",
    "FOCUS",
    "HIGHLIGHT",
    "HIGHLIGHT_EDGE",
    "HOVER",
    "INK",
    "INTENSITY_STOPS",
    "MUSCLE_EDGE",
    "MUSCLE_TINT",
    "NO_PRESS_SITE",
    "PAPER",
    "SITE",
    "SKIN",
    "SKIN_EDGE",
    "greyscale",
    "intensity_colour",
    "relative_luminance",
    "text_colour_on",
]

INTENSITY_STOPS: tuple[str, ...] = (
    "#b8e3c2",
    "#9dd6a0",
    "#93c97c",
    "#a3bb58",
    "#bfa648",
    "#d3913a",
    "#d47c35",
    "#cb6731",
    "#bd532e",
    "#aa402b",
    "#933027",
)
"""The colour of each whole intensity 0–10 (lightness falls monotonically)."""

PAPER = QColor("#fbfaf7")
"""The diagram's paper: the one place a light background is drawn on purpose."""
SKIN = QColor("#f4e2d3")
SKIN_EDGE = QColor("#8c6a57")
MUSCLE_TINT = QColor(196, 112, 104, 22)
MUSCLE_EDGE = QColor(150, 96, 82, 80)
FASCIA_TINT = QColor(170, 185, 205, 70)
CAUTION = QColor(170, 60, 40, 150)
HIGHLIGHT = QColor(30, 130, 200, 95)
HIGHLIGHT_EDGE = QColor(25, 95, 145, 220)
PATTERN_ESSENTIAL = QColor(196, 40, 32, 165)
"""A referral pattern's main zone, as the muscle browser draws it."""
PATTERN_SPILLOVER = QColor(214, 90, 70, 60)
"""… its spillover zone."""
PATTERN_OUTLINE = QColor(90, 60, 50, 200)
"""… and the muscle's outline (dashed)."""
SITE = QColor("#1d4f73")
NO_PRESS_SITE = QColor(150, 45, 30)
"""A trigger-point site inside a zone not to press: the caution zones' red, opaque."""
HOVER = QColor(60, 110, 160, 40)
FOCUS = QColor(30, 100, 170, 230)
INK = QColor("#3b2f2a")


def intensity_colour(intensity: float) -> QColor:
    """The fill colour of a spot with this intensity (0–10, clamped; fractions blend)."""
    value = min(10.0, max(0.0, float(intensity)))
    low = int(value)
    if low >= 10:
        return QColor(INTENSITY_STOPS[10])
    a, b = QColor(INTENSITY_STOPS[low]), QColor(INTENSITY_STOPS[low + 1])
    t = value - low
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: QColor) -> float:
    """WCAG relative luminance (0 black … 1 white)."""
    return (
        0.2126 * _linear(colour.redF())
        + 0.7152 * _linear(colour.greenF())
        + 0.0722 * _linear(colour.blueF())
    )


def greyscale(colour: QColor) -> QColor:
    """The grey with the same perceived lightness (for monochrome printing)."""
    y = relative_luminance(colour)
    grey = 12.92 * y if y <= 0.0031308 else 1.055 * y ** (1 / 2.4) - 0.055
    result = QColor.fromRgbF(grey, grey, grey)
    result.setAlphaF(colour.alphaF())
    return result


def text_colour_on(fill: QColor) -> QColor:
    """Near-black or white, whichever contrasts more with ``fill``."""
    y = relative_luminance(fill)
    dark_contrast = (y + 0.05) / (0.012 + 0.05)
    light_contrast = 1.05 / (y + 0.05)
    return QColor("#1e1916") if dark_contrast >= light_contrast else QColor("#ffffff")
