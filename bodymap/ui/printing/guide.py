"""Print, preview or export the rolling guide for a map.

Every output goes through one `GuideRenderer` (`bodymap.ui.printing.renderer`) on the page
settings of `bodymap.ui.printing.pages`, so the PDF, the printout and the preview are the same
document. Dialogs run through `_exec_dialog`, a seam tests replace.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from bodymap.ui.printing.pages import (
    LETTER_TERRITORIES,
    MARGIN_MM,
    PAGE_SIZES,
    default_page_size,
    ensure_app,
    guide_printer,
    is_monochrome,
    resolve_page_size,
    write_pdf,
)
from bodymap.ui.printing.renderer import GuideRenderer, paint_document
from bodymap.words import user_text

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QDialog, QWidget

    from bodymap.maps.model import TriggerPointMap

__all__ = [
    "LETTER_TERRITORIES",
    "MARGIN_MM",
    "PAGE_SIZES",
    "GuideRenderer",
    "default_page_size",
    "preview_guide",
    "print_guide",
    "write_guide_pdf",
]


def write_guide_pdf(
    tpm: TriggerPointMap,
    out: Path,
    page_size: str | None = None,
    length: str = "standard",
    session: str | None = None,
) -> GuideRenderer:
    """Write the rolling guide for ``tpm`` as a PDF (A4 or Letter; default from locale),
    with a routine of ``length`` (short, standard or full); ``session`` (a preset name)
    adds that session as a timed checklist. The file is replaced only once complete;
    the renderer is returned so tests can read how the guide was laid out."""
    ensure_app()
    resolve_page_size(page_size)  # a bad name fails before any file is touched
    return write_pdf(
        out,
        page_size,
        f"Rolling guide – {user_text(tpm.name)}",
        lambda writer: paint_document(writer, tpm, length=length, session=session),
    )


def print_guide(
    parent: QWidget | None,
    tpm: TriggerPointMap,
    length: str = "standard",
    session: str | None = None,
    refuses: Callable[[Path], bool] = lambda path: False,
) -> bool:
    """Ask for a printer (QPrintDialog) and print the guide; False when cancelled.

    Printing to a file names the file in the dialog: ``refuses`` (which says why) keeps a
    map from being written over, and the dialog asks again."""
    from PySide6.QtPrintSupport import QPrintDialog

    printer = guide_printer()
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print rolling guide")
    while True:
        if _exec_dialog(dialog) != QPrintDialog.DialogCode.Accepted:
            return False
        target = print_file(printer)
        if target is None or not refuses(target):
            break
    paint_document(printer, tpm, monochrome=is_monochrome(printer), length=length, session=session)
    return True


def print_file(printer: QPrinter) -> Path | None:
    """The file a printer writes to ("Print to File"), or None for a real printer."""
    from PySide6.QtPrintSupport import QPrinter

    name = printer.outputFileName()
    return (
        Path(name) if name and printer.outputFormat() == QPrinter.OutputFormat.PdfFormat else None
    )


def _exec_dialog(dialog: QDialog) -> int:
    """Run a modal dialog (a seam tests replace)."""
    return int(dialog.exec())


def preview_guide(
    parent: QWidget | None,
    tpm: TriggerPointMap,
    length: str = "standard",
    session: str | None = None,
    refuses: Callable[[Path], bool] = lambda path: False,
) -> None:
    """Show the guide in a print preview, from which the user can print it (``refuses``
    keeps its "Print to File" off a map, as for :func:`print_guide`: the preview, which
    closes once it has printed, then opens again for another choice)."""
    from PySide6.QtGui import QPaintEngine
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    printer = guide_printer()  # kept alive while the dialog runs
    refused: list[Path] = []

    def paint(target: QPrinter) -> None:
        # the preview paints the same printer through a picture engine; printing to a
        # file from it goes through the PDF engine
        engine = target.paintEngine()
        printing_to_file = engine is not None and engine.type() == QPaintEngine.Type.Pdf
        written = print_file(target) if printing_to_file else None
        if written is not None and refuses(written):
            refused.append(written)
            return  # nothing painted: the file is not opened
        paint_document(
            target, tpm, monochrome=is_monochrome(target), length=length, session=session
        )

    while True:
        dialog = QPrintPreviewDialog(printer, parent)
        dialog.setWindowTitle("Rolling guide – preview")
        dialog.paintRequested.connect(paint)
        _exec_dialog(dialog)
        dialog.deleteLater()
        if not refused:
            return
        refused.clear()
