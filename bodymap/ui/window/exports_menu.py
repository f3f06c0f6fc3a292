"""The window's File → Export and guide commands: pick a file, write it, report the outcome.

Each command takes the window as an `ExportHost` (what it uses of the window) so the file
chooser stays behind its ``ask_export_path`` (which tests replace) and errors go through the
document's message methods.
"""

from __future__ import annotations

import functools
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QFileDialog, QMessageBox, QStatusBar, QWidget

from bodymap.atlas import Atlas
from bodymap.maps import TriggerPointMap
from bodymap.maps.fileformat import holds_a_map
from bodymap.maps.safe_io import os_reason
from bodymap.session import PRESET_NAMES
from bodymap.ui import settings as prefs
from bodymap.ui.canvas.body_canvas import BodyCanvas
from bodymap.ui.document.document import MapDocument
from bodymap.ui.drawing.plain_text import message_box

__all__ = [
    "EXPORTS",
    "PNG_LAYERS",
    "ExportHost",
    "choose_export_path",
    "export_map",
    "failed_title",
    "output_guide",
    "output_summary",
]

PNG_LAYERS = ("deep", "fascia", "caution", "segment")
"""Optional layers a PNG export shows when they are shown on the canvas."""
EXPORTS = {
    "png": ("Export map as PNG", "PNG pictures (*.png)", ".png"),
    "csv": ("Export spots as CSV", "CSV tables (*.csv)", ".csv"),
    "geojson": ("Export spots as GeoJSON", "GeoJSON (*.geojson *.json)", ".geojson"),
    "pdf": ("Export guide as PDF", "PDF documents (*.pdf)", ".pdf"),
    "summary": ("Export summary as PDF", "PDF documents (*.pdf)", ".pdf"),
    "heatmap": ("Export heat map as PNG", "PNG pictures (*.png)", ".png"),
}
"""kind → (dialog title, file filter, default suffix) for File → Export, the guide PDF, the
clinician's summary and the heat map's picture."""
_NAMED = {"summary": " summary", "heatmap": " heat map"}
"""kind → words added to the map's name in the suggested file name (the guide PDF and the
summary would otherwise be offered the same name)."""


class ExportHost(Protocol):
    """What the export commands use of the main window."""

    document: MapDocument
    canvas: BodyCanvas
    atlas: Atlas

    def ask_export_path(self, kind: str) -> Path | None: ...

    def statusBar(self) -> QStatusBar: ...

    def window(self) -> QWidget: ...


def failed_title(kind: str) -> str:
    """The title of a message that a ``kind`` export failed: "Could not export map as PNG".
    It names what was exported, never a piece of the file's path (a name typed with a "/"
    in the file chooser is a folder and a file)."""
    title = EXPORTS[kind][0]
    return f"Could not {title[:1].lower()}{title[1:]}"


def choose_export_path(parent: QWidget, document: MapDocument, kind: str) -> Path | None:
    """Ask where to write a ``kind`` export, starting beside the map's file; None: cancelled.

    A name that may not be written (a map file, a device) is refused before anything asks
    whether to replace it, and the person chooses again; replacing another file is asked."""
    title, file_filter, suffix = EXPORTS[kind]
    suggested = document.suggested_path(suffix)
    start = str(suggested.with_name(f"{suggested.stem}{_NAMED.get(kind, '')}{suffix}"))
    while True:
        name, _ = QFileDialog.getSaveFileName(
            parent, title, start, file_filter, options=QFileDialog.Option.DontConfirmOverwrite
        )
        if not name:
            return None
        path = Path(name)
        if not path.suffix:
            path = path.with_suffix(suffix)
        start = str(path)
        if not _may_write(document, path, failed_title(kind)):
            continue
        if path.exists():
            yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
            box = message_box(
                parent, QMessageBox.Icon.Question, title,
                f"{path.name} already exists. Replace it?", yes | no, no,
            )  # fmt: skip
            if box.exec() != yes:
                continue
        return path


def export_map(window: ExportHost, kind: str, path: Path | None = None) -> Path | None:
    """Write the map as ``png``, ``csv`` or ``geojson``; the path written, or None."""
    from bodymap.ui.printing import exports

    window.document.flush()
    path = path or window.ask_export_path(kind)
    if path is None:
        return None
    if not path.suffix:
        path = path.with_suffix(EXPORTS[kind][2])
    if not _may_write(window.document, path, failed_title(kind)):
        return None
    shown = frozenset({"superficial"} | {n for n in PNG_LAYERS if window.canvas.layer_visible(n)})
    writers: dict[str, Callable[[TriggerPointMap, Path], Path]] = {
        "png": functools.partial(exports.export_png, atlas=window.atlas, layers=shown),
        "csv": functools.partial(exports.export_csv, atlas=window.atlas),
        "geojson": functools.partial(exports.export_geojson, atlas=window.atlas),
    }
    writer = writers[kind]
    try:
        writer(window.document.map, path)
    except (OSError, ValueError) as exc:
        window.document.show_error(failed_title(kind), str(exc))
        return None
    window.statusBar().showMessage(f"Exported {path.name}", 5000)
    return path


def output_guide(window: ExportHost, how: str, path: Path | None = None) -> Path | None:
    """The rolling guide: ``print``, ``preview`` or ``pdf`` (to ``path`` or a chosen file)."""
    document = window.document
    document.flush()
    try:
        from bodymap.ui.printing import guide
    except ImportError as exc:
        document.show_info("Guide not available", f"The printed guide is not available "
                           f"in this installation ({exc}).")  # fmt: skip
        return None
    tpm = document.map
    # the printed routine has the length the panel shows
    length = str(getattr(getattr(window, "panel", None), "length", "standard"))
    # the mat session chosen last goes into the guide as a timed checklist
    session = prefs.last_session(PRESET_NAMES)
    extra = {"session": session} if session else {}

    def refuses(path: Path) -> bool:  # "Print to File" never writes over a map
        return not _may_write(document, path, "Cannot print to this file")

    if how == "print":
        guide.print_guide(window.window(), tpm, length, refuses=refuses, **extra)
        return None
    if how == "preview":
        guide.preview_guide(window.window(), tpm, length, refuses=refuses, **extra)
        return None
    path = path or window.ask_export_path("pdf")
    if path is None:
        return None
    if not path.suffix:
        path = path.with_suffix(".pdf")
    if not _may_write(document, path, failed_title("pdf")):
        return None
    try:
        guide.write_guide_pdf(tpm, path, length=length, **extra)
    except (OSError, ValueError) as exc:
        document.show_error(failed_title("pdf"), str(exc))
        return None
    window.statusBar().showMessage(f"Wrote {path.name}", 5000)
    return path


def output_summary(window: ExportHost, path: Path | None = None) -> Path | None:
    """The one-page summary for a clinician as PDF, to ``path`` or a file chosen as the
    other exports are (never over a map file); the path written, or None."""
    from bodymap.ui.printing.summary import write_summary_pdf

    document = window.document
    document.flush()
    path = path or window.ask_export_path("summary")
    if path is None:
        return None
    if not path.suffix:
        path = path.with_suffix(EXPORTS["summary"][2])
    if not _may_write(document, path, failed_title("summary")):
        return None
    try:
        write_summary_pdf(document.map, path)
    except (OSError, ValueError) as exc:
        document.show_error(failed_title("summary"), f"Cannot write {path}: {exc}")
        return None
    window.statusBar().showMessage(f"Wrote {path.name}", 5000)
    return path


def _may_write(document: MapDocument, path: Path, title: str) -> bool:
    """An export never replaces a map (the open one or any ``.bodymap``) nor writes into a
    folder, device or pipe, nor tries a name the system refuses (too long …); False (and a
    message saying which) when ``path`` is such a file."""
    problem = _write_problem(document, path)
    if problem:
        document.show_error(title, problem)
    return not problem


def _write_problem(document: MapDocument, path: Path) -> str:
    """Why an export may not write ``path`` ("" when it may)."""
    try:
        mode: int | None = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    except NotADirectoryError:
        return f"{path.parent.name} is a file, not a folder; choose another place."
    except OSError as exc:
        return f"Cannot write {path.name}: {os_reason(exc)}; choose another name."
    if mode is not None and stat.S_ISDIR(mode):
        return f"{path.name} is a folder; choose a file name."
    if mode is not None and not stat.S_ISREG(mode):
        return f"{path.name} is not a regular file; choose another name."
    if holds_a_map(path) or (document.path is not None and _same(path, document.path)):
        return f"{path.name} is a map file; choose another name so the map is kept."
    return ""


def _same(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return a.absolute() == b.absolute()
