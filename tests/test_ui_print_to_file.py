"""Print to File never writes over a map: the print dialog and the preview's print name a
file the user chooses, and a map there (the open one, or any other) is refused with a
message, as the exports are (a tester printed the guide over the open map: it became a
PDF, with no backup, and Quit asked nothing)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrintDialog, QPrinter

from bodymap.maps import save_map
from bodymap.resources import asset
from bodymap.ui.printing import guide

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def opened(main_window, tmp_path: Path, monkeypatch):
    """The window with a map open from ``mine.bodymap``, the errors it shows, and the
    map file's bytes as opened."""
    window = main_window()
    path = tmp_path / "mine.bodymap"
    path.write_bytes(asset("examples", "runner.bodymap").read_bytes())
    assert window.document.open(path)
    errors: list[str] = []
    monkeypatch.setattr(window.document, "show_error", lambda title, text: errors.append(text))
    return window, path, errors, path.read_bytes()


def _to_file(printer: QPrinter, path: Path) -> None:
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))


@pytest.mark.slow  # prints the whole guide (about 0.7 s)
def test_print_to_file_over_the_open_map_is_refused_and_asked_again(
    opened, tmp_path: Path, monkeypatch
) -> None:
    window, path, errors, before = opened
    other = tmp_path / "other.bodymap"
    save_map(window.document.map, other)
    kept = other.read_bytes()
    fine = tmp_path / "guide.pdf"
    choices = iter([path, other, fine])

    def choose(dialog) -> int:
        _to_file(dialog.printer(), next(choices))
        return int(QPrintDialog.DialogCode.Accepted)

    monkeypatch.setattr(guide, "_exec_dialog", choose)
    window.acts.print.trigger()
    assert path.read_bytes() == before and other.read_bytes() == kept
    assert [("is a map file" in e) for e in errors] == [True, True]
    assert fine.read_bytes().startswith(b"%PDF")
    assert window.document.undo_stack.isClean()


@pytest.mark.slow  # prints the whole guide (about 0.7 s)
def test_the_previews_print_to_file_over_a_map_writes_nothing(
    opened, tmp_path: Path, monkeypatch
) -> None:
    window, path, errors, before = opened
    fine = tmp_path / "preview.pdf"

    shown = []
    targets = iter([path, fine])

    def print_from_preview(dialog) -> int:  # the preview's Print, to a file; it then closes
        shown.append(dialog)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        _to_file(printer, next(targets))
        dialog.paintRequested.emit(printer)
        return 0

    monkeypatch.setattr(guide, "_exec_dialog", print_from_preview)
    window.acts.print_preview.trigger()
    assert path.read_bytes() == before
    assert len(errors) == 1 and "is a map file" in errors[0]
    assert len(shown) == 2  # refused, the preview opened again for another choice
    assert fine.read_bytes().startswith(b"%PDF")
