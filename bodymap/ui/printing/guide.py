"""Print, preview or export the rolling guide for a map.

Every output goes through one `GuideRenderer` (`bodymap.ui.printing.renderer`) on the page
settings of `bodymap.ui.printing.pages`, so the PDF, the printout and the preview are the same
document. Dialogs run through `_exec_dialog`, a seam tests replace.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bodymap.ui.printing.pages import (
    LETTER_TERRITORIES,
    MARGIN_MM,
    PAGE_SIZES,
    default_page_size,
    ensure_app,
    is_monochrome,
    pdf_writer,
    prepare_printer,
    resolve_page_size,
)
from bodymap.ui.printing.renderer import GuideRenderer, paint_document

if TYPE_CHECKING:
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


def render_guide_pdf(
    tpm: TriggerPointMap,
    out: Path,
    page_size: str | None = None,
    length: str = "standard",
    session: str | None = None,
) -> GuideRenderer:
    """Write the guide to ``out`` (atomically) and return the renderer, for tests."""
    ensure_app()
    resolve_page_size(page_size)  # a bad name fails before any file is touched
    out = Path(out)
    fd, temp_name = tempfile.mkstemp(prefix=".guide-", suffix=".pdf", dir=out.parent)
    os.close(fd)
    temp = Path(temp_name)
    try:
        writer = pdf_writer(temp, page_size, f"Rolling guide – {tpm.name}")
        renderer = paint_document(writer, tpm, length=length, session=session)
        del writer  # flushes and closes the file
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)  # mkstemp's 0600 would hide the guide from others
        os.replace(temp, out)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return renderer


def write_guide_pdf(
    tpm: TriggerPointMap,
    out: Path,
    page_size: str | None = None,
    length: str = "standard",
    session: str | None = None,
) -> None:
    """Write the rolling guide for ``tpm`` as a PDF (A4 or Letter; default from locale),
    with a routine of ``length`` (short, standard or full); ``session`` (a preset name)
    adds that session as a timed checklist."""
    render_guide_pdf(tpm, out, page_size, length, session)


def print_guide(
    parent: Any, tpm: TriggerPointMap, length: str = "standard", session: str | None = None
) -> bool:
    """Ask for a printer (QPrintDialog) and print the guide; False when cancelled."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    prepare_printer(printer)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print rolling guide")
    if _exec_dialog(dialog) != QPrintDialog.DialogCode.Accepted:
        return False
    paint_document(printer, tpm, monochrome=is_monochrome(printer), length=length, session=session)
    return True


def _exec_dialog(dialog: Any) -> int:
    """Run a modal dialog (a seam tests replace)."""
    return int(dialog.exec())


def preview_guide(
    parent: Any, tpm: TriggerPointMap, length: str = "standard", session: str | None = None
) -> None:
    """Show the guide in a print preview, from which the user can print it."""
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    prepare_printer(printer)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle("Rolling guide – preview")

    def paint(target: Any) -> None:
        paint_document(
            target, tpm, monochrome=is_monochrome(target), length=length, session=session
        )

    dialog.paintRequested.connect(paint)
    _exec_dialog(dialog)
