"""The guide's paper: A4 or Letter by locale, safe printer margins, the PDF writer and a
Qt application to paint with when there is no window.

These are the page settings shared by the PDF, the printer and the preview, so the three
lay the guide out on the same page.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPdfWriter

__all__ = [
    "LETTER_TERRITORIES",
    "MARGIN_MM",
    "PAGE_SIZES",
    "PDF_DPI",
    "default_page_size",
    "ensure_app",
    "is_monochrome",
    "pdf_writer",
    "prepare_printer",
    "resolve_page_size",
]

PAGE_SIZES = ("A4", "Letter")
MARGIN_MM = 15.0
"""Page margins: wider than the 12 mm most printers need, so nothing is clipped."""
PDF_DPI = 1200

LETTER_TERRITORIES = frozenset(
    {
        "UnitedStates",
        "Canada",
        "Mexico",
        "Philippines",
        "Chile",
        "Colombia",
        "Venezuela",
        "CostaRica",
        "Guatemala",
        "Panama",
        "PuertoRico",
        "ElSalvador",
        "DominicanRepublic",
        "Nicaragua",
        "Honduras",
        "Belize",
        "UnitedStatesOutlyingIslands",
        "UnitedStatesVirginIslands",
        "AmericanSamoa",
        "Guam",
        "NorthernMarianaIslands",
    }
)
"""Territories that use US Letter paper; everyone else gets A4."""

_APP: QGuiApplication | None = None


def default_page_size(locale: Any = None) -> str:
    """ "Letter" where the locale's territory uses US Letter paper, else "A4"."""
    from PySide6.QtCore import QLocale

    territory = (locale or QLocale()).territory()
    return "Letter" if territory.name in LETTER_TERRITORIES else "A4"


def resolve_page_size(name: str | None) -> QPageSize:
    """The QPageSize for "A4" or "Letter" (any case; None: the locale's), else ValueError."""
    chosen = name or default_page_size()
    if chosen.lower() == "letter":
        return QPageSize(QPageSize.PageSizeId.Letter)
    if chosen.lower() == "a4":
        return QPageSize(QPageSize.PageSizeId.A4)
    raise ValueError(f"page size must be A4 or Letter, got {name!r}")


def ensure_app() -> None:
    """A QGuiApplication for fonts and painting; offscreen when there is no display, so
    ``bodymap guide`` works over SSH and in CI without a window."""
    global _APP
    if QGuiApplication.instance() is not None:
        return
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _APP = QGuiApplication(["bodymap"])


def pdf_writer(path: Path, size: str | None, title: str) -> QPdfWriter:
    """A high-resolution PDF writer for ``path`` with the guide's page size and margins."""
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_DPI)
    writer.setCreator("bodymap")
    writer.setTitle(title)
    layout = QPageLayout(
        resolve_page_size(size),
        QPageLayout.Orientation.Portrait,
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
        QPageLayout.Unit.Millimeter,
    )
    writer.setPageLayout(layout)
    return writer


def prepare_printer(printer: Any) -> None:
    """Give a QPrinter the locale's paper, the guide's margins and the document name."""
    printer.setPageSize(resolve_page_size(None))
    printer.setPageMargins(
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter
    )
    printer.setDocName("Rolling guide")


def is_monochrome(printer: Any) -> bool:
    """True when the printer is set to greyscale, so diagrams are drawn for it."""
    from PySide6.QtPrintSupport import QPrinter

    return bool(printer.colorMode() == QPrinter.ColorMode.GrayScale)
