"""The guide's paper: A4 or Letter by locale, safe printer margins, the PDF writer and a
Qt application to paint with when there is no window.

These are the page settings shared by the PDF, the printer and the preview, so the three
lay the guide out on the same page.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPdfWriter

if TYPE_CHECKING:
    from PySide6.QtCore import QLocale
    from PySide6.QtPrintSupport import QPrinter

__all__ = [
    "LETTER_TERRITORIES",
    "MARGIN_MM",
    "PAGE_SIZES",
    "PDF_DPI",
    "default_page_size",
    "ensure_app",
    "guide_printer",
    "is_monochrome",
    "pdf_writer",
    "resolve_page_size",
    "write_pdf",
]

T = TypeVar("T")

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


def default_page_size(locale: QLocale | None = None) -> str:
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


def write_pdf(out: Path, size: str | None, title: str, paint: Callable[[QPdfWriter], T]) -> T:
    """Have ``paint`` draw onto a PDF writer for ``out`` and return what it returns.

    The PDF is written beside ``out`` and moved over it only when complete, so a failure
    leaves an earlier file as it was; it gets the permissions a new file would get.
    """
    out = Path(out)
    fd, temp_name = tempfile.mkstemp(prefix=".bodymap-", suffix=".pdf", dir=out.parent)
    os.close(fd)
    temp = Path(temp_name)
    try:
        writer = pdf_writer(temp, size, title)
        result = paint(writer)
        del writer  # flushes and closes the file
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)  # mkstemp's 0600 would hide the file from others
        os.replace(temp, out)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return result


def guide_printer() -> QPrinter:
    """A high-resolution printer with the locale's paper, the guide's margins and the
    document name, for the print dialog and the preview."""
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(resolve_page_size(None))
    printer.setPageMargins(
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter
    )
    printer.setDocName("Rolling guide")
    return printer


def is_monochrome(printer: QPrinter) -> bool:
    """True when the printer is set to greyscale, so diagrams are drawn for it."""
    from PySide6.QtPrintSupport import QPrinter

    return bool(printer.colorMode() == QPrinter.ColorMode.GrayScale)
