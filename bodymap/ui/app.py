"""Starting the GUI: the application object, the main loop and offscreen screenshots.

Only what the first frame needs happens before the window is shown; the safety note and
the recovery offer follow once the event loop runs. Python's cycle collector waits until
then too: starting makes hundreds of thousands of objects and next to no garbage, and
collecting while starting cost about a tenth of the start (`hold_collection`). Those objects
(the atlas, the knowledge, the tables, the window) then live as long as the program, so
the collector is told to leave them be (`gc.freeze`): no later collection walks them again,
and leaving the program no longer spends about 45 ms collecting them one last time.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QMessageLogContext,
    QSize,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication

from bodymap import __version__

__all__ = [
    "hold_collection",
    "make_application",
    "mat_screenshot",
    "run_gui",
    "run_mat_session",
    "screenshot",
    "serial_fills",
]


def hold_collection() -> None:
    """Pause Python's cycle collector until the event loop runs (the first frame is then on
    its way); call it once the application exists, before the window is imported and built
    (the command line pauses it already before importing the GUI). Objects freed by
    reference counting, nearly all of them, are freed as usual meanwhile. When it resumes,
    what start-up made is frozen (`gc.freeze`): it lives until the program ends, and later
    collections, the last one when the program ends included, need not walk it. Nothing
    at start-up waits on a collection to be released: files and settings are written and
    closed as they are used, and PySide deletes the application's widgets when Python
    ends."""
    gc.disable()
    QTimer.singleShot(0, _resume_collection)


def _resume_collection() -> None:
    gc.freeze()
    gc.enable()


def serial_fills() -> None:
    """Have Qt fill in the thread that paints, unless the user's environment says otherwise.

    Qt hands each fill taller than about 96 lines to a pool of threads in slices of 64 lines
    and waits for them. bodymap's fills are small (scroll bars, buttons, spot discs) or a
    copy of a figure drawn once and kept, so the hand-overs cost more than the slices: on a
    two-core machine a scroll bar of the panel took 0.46 ms to repaint with the pool and
    0.05 ms without, the whole canvas 0.9 ms against 0.3 ms, and a click with its repaint
    about a fifth less. Call before the application object is made (Qt reads it once)."""
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")


def make_application(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication (reused if one exists), named for QSettings ("bodymap"/"bodymap").

    Fusion style with the system palette, so light and dark desktops both look right;
    Qt 6's high-DPI scaling is on by default.
    """
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        serial_fills()
        QCoreApplication.setOrganizationName("bodymap")
        QCoreApplication.setApplicationName("bodymap")
        args = list(argv) if argv is not None else sys.argv[:1]
        # Fusion through Qt's own "-style" option: app.setStyle() had Python build QStyle's
        # enum types, about 8 ms of the start, for a style nothing else here asks about
        app = QApplication([*(args[:1] or ["bodymap"]), "-style", "Fusion", *args[1:]])
    app.setOrganizationName("bodymap")
    app.setApplicationName("bodymap")
    app.setApplicationDisplayName("bodymap")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("bodymap")
    return app


def run_gui(map_path: str | None) -> int:
    """Show the main window (with ``map_path`` open) and run until it closes."""
    app = make_application()
    hold_collection()
    from bodymap.ui.window.mainwindow import MapWindow

    window = MapWindow()
    window.show()
    if map_path is not None:
        window.document.open(Path(map_path))
    window.schedule_startup()
    return app.exec()


def run_mat_session(
    map_path: Path, preset: str, *, beginner: bool = False, length: str = "standard"
) -> int:
    """Open ``map_path`` and go straight into a full-screen mat session; the main window
    stays behind it, so the check-in at the end can be saved (or undone)."""
    app = make_application()
    from bodymap.ui.window.mainwindow import MapWindow

    window = MapWindow()
    window.show()
    window.document.open(Path(map_path))
    window.panel.set_length(length)
    window.mat.start(preset, beginner)
    return app.exec()


def _quiet_offscreen(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    """Pass Qt's messages on to stderr, except the offscreen platform's note that it cannot
    propagate size hints (said whenever a window with a dock is shown)."""
    if "propagateSizeHints" not in message and kind != QtMsgType.QtDebugMsg:
        print(message, file=sys.stderr)


def screenshot(out: Path, map_path: Path | None, size: tuple[int, int] = (1400, 900)) -> Path:
    """Render the main window offscreen to ``out`` (PNG): the map open, its first spot and
    first likely source selected, so the picture shows the advice and the highlight.

    Remembered window state and layer choices are ignored, so the picture is the same on
    every machine. A map that cannot be opened raises MapFileError (no dialog)."""
    from bodymap.maps import load_map
    from bodymap.ui.window.mainwindow import MapWindow

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    previous = qInstallMessageHandler(_quiet_offscreen)
    try:
        app = make_application()
        window = MapWindow(remember=False)
        try:
            if map_path is not None:
                load_map(map_path)  # a bad map raises MapFileError here, before any dialog
                window.document.open(Path(map_path))
            window.resize(QSize(*size))
            window.show()
            tpm = window.document.map
            if tpm.spots:
                window.select_spot(tpm.spots[0].id)
                window.select_source(0)
            app.processEvents()
            out = Path(out)
            if not window.grab().save(str(out), "PNG"):
                raise OSError(f"could not write {out}")
        finally:
            window.document.close()
            window.hide()
            window.deleteLater()
            app.processEvents()
    finally:
        qInstallMessageHandler(previous)
    return out


def mat_screenshot(
    out: Path, map_path: Path, preset: str = "warmup", size: tuple[int, int] = (1920, 1080)
) -> Path:
    """Render mat mode offscreen to ``out`` (PNG): the first step's tender-point phase a
    few seconds in, as it looks on a full-HD screen. Raises MapFileError for a bad map."""
    from bodymap.advisor import advise_map
    from bodymap.atlas import load_atlas
    from bodymap.maps import load_map
    from bodymap.session import plan_session
    from bodymap.ui.mat.clock import FakeClock
    from bodymap.ui.mat.window import MatWindow

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    previous = qInstallMessageHandler(_quiet_offscreen)
    try:
        app = make_application()
        tpm = load_map(map_path)
        clock = FakeClock()
        atlas = load_atlas()
        mat = MatWindow(plan_session(advise_map(tpm, atlas=atlas), preset), tpm.spots, atlas, clock)
        mat.cue = lambda: None  # type: ignore[method-assign]  # a picture makes no sound
        try:
            mat.resize(QSize(*size))
            mat.show()
            if mat.run.current is not None and mat.run.current.phase.kind == "setup":
                mat.next()
            mat.toggle()
            clock.advance(3.0)
            mat.settle()
            app.processEvents()
            out = Path(out)
            if not mat.grab().save(str(out), "PNG"):
                raise OSError(f"could not write {out}")
        finally:
            mat.hide()
            mat.deleteLater()
            app.processEvents()
    finally:
        qInstallMessageHandler(previous)
    return out
