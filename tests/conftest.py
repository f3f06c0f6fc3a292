"""Test setup shared by every test: offscreen Qt, private settings and data folders."""

from __future__ import annotations

import itertools
import os
import sys
from pathlib import Path

import hypothesis
import pytest
from budget import FAST_EXAMPLES

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# With PYTHONDONTWRITEBYTECODE set (the development machine sets it), pytest rewrites the
# assertions of all 80 test modules again in every xdist worker on every run: about 3.5 s
# of each worker's 4.5 s collection. The rewritten modules (and the program's own bytecode)
# are kept in __pycache__ folders (ignored by git) like any Python run without that setting.
sys.dont_write_bytecode = False


_APPLICATION = None

hypothesis.settings.register_profile("fast", max_examples=FAST_EXAMPLES)


def pytest_configure(config: pytest.Config) -> None:
    """The fast lane (``-m "not slow"``) tries fewer Hypothesis examples (see budget.py)
    unless a profile is named; the whole suite, which CI runs, tries them all.

    One QApplication for the whole run, made before any module could make a lesser
    QGuiApplication (the guide and the atlas renderer make one when run alone)."""
    global _APPLICATION
    fast_lane = "not slow" in (config.option.markexpr or "")
    if fast_lane and not config.getoption("hypothesis_profile", None):
        hypothesis.settings.load_profile("fast")
    try:
        from PySide6.QtWidgets import QApplication
    except ImportError:  # the core lane can run without Qt installed
        return
    from bodymap.ui.app import make_application  # as the program makes it (style, fills)

    _APPLICATION = QApplication.instance() or make_application(["bodymap-tests"])


def _starts_a_process(function: object) -> bool:
    """Whether a test function starts a process itself, or through a helper that carries
    ``spawns_process = True`` (like ``run`` in test_cli.py)."""
    code = getattr(function, "__code__", None)
    if code is None:
        return False
    names = set(code.co_names)
    found = getattr(function, "__globals__", {})
    return bool({"subprocess", "Popen"} & names) or any(
        getattr(found.get(name), "spawns_process", False) for name in names
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that drive Qt (they use qtbot or qapp) are marked ``gui`` for ``-m "not gui"``;
    tests that start processes are marked ``slow`` for the fast lane ``-m "not slow"`` (heavy
    tests carry ``@pytest.mark.slow`` themselves; CI runs every lane)."""
    for item in items:
        if {"qtbot", "qapp"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)
        if _starts_a_process(getattr(item, "function", None)):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def _user_dirs_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder under which each test gets its own home."""
    return tmp_path_factory.mktemp("homes")


_HOME_NUMBERS = itertools.count()


@pytest.fixture(autouse=True)
def _private_user_dirs(_user_dirs_root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test reads or writes the real user's settings, recovery files or maps: HOME and
    the XDG folders point into a folder of this test's own, made only when something is
    written there (as on a new account). Homes are numbered by a counter rather than by
    ``tmp_path_factory.mktemp``, which lists every earlier folder to find the next number,
    and are not made in advance: the fast lane made 12,800 folders that way, and as each
    run ends pytest deletes an older run's folders, seconds of disk work."""
    home = _user_dirs_root / str(next(_HOME_NUMBERS))
    for var, sub in (
        ("HOME", ""),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
    ):
        monkeypatch.setenv(var, str(Path(home, sub)))
    return home


MODAL_DEADLINE_MS = 20_000
"""How long a modal dialog a test opens may wait for an answer before the test fails."""


@pytest.fixture(autouse=True)
def _no_modal_dialog_waits_forever(monkeypatch: pytest.MonkeyPatch):
    """A modal dialog nobody answers ends the test with a failure that quotes it, not a
    hang: each ``exec`` is closed after :data:`MODAL_DEADLINE_MS` (a test that answers a
    dialog with a timer, or replaces ``exec``, answers it well before that) and raises out
    of the code that asked; the test fails at teardown too, where Qt swallowed the error."""
    if "PySide6.QtWidgets" not in sys.modules:
        yield
        return
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QDialog, QMessageBox

    left_open: list[str] = []

    def with_deadline(original):
        def exec_(dialog: QDialog) -> int:
            def give_up() -> None:
                text = dialog.text() if isinstance(dialog, QMessageBox) else ""
                left_open.append(f"{type(dialog).__name__} {dialog.windowTitle()!r} {text!r}")
                dialog.reject()

            timer = QTimer(dialog)
            timer.setSingleShot(True)
            timer.timeout.connect(give_up)
            timer.start(MODAL_DEADLINE_MS)
            try:
                answer = original(dialog)
            finally:
                timer.stop()
            if left_open:  # out of the code that asked, so a loop round it cannot ask again
                raise AssertionError(f"a modal dialog waited for an answer: {left_open[-1]}")
            return answer

        return exec_

    for cls in (QDialog, QMessageBox):
        monkeypatch.setattr(cls, "exec", with_deadline(cls.exec))
    yield
    assert not left_open, f"a modal dialog waited for an answer no test gave: {left_open}"


def use_private_settings(folder: Path) -> Path:
    """QSettings named like the program's and kept in ``folder`` (emptied)."""
    from PySide6.QtCore import QCoreApplication, QSettings

    QCoreApplication.setOrganizationName("bodymap")
    QCoreApplication.setApplicationName("bodymap")
    folder.mkdir(exist_ok=True)
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(folder))
    QSettings().clear()
    return folder


@pytest.fixture
def private_settings(tmp_path: Path, qapp) -> Path:
    """The program's settings in this test's folder (use with ``usefixtures``)."""
    return use_private_settings(tmp_path / "settings")


@pytest.fixture
def main_window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Make a shown main window with its settings and recovery files in this test's folder,
    no first-run note, "discard" as the answer to losing unsaved changes and "cancel" (write
    nothing) to saving over a file another program changed."""
    from bodymap.ui.document.document import MapDocument
    from bodymap.ui.window.mainwindow import MapWindow

    def make(width: int = 1400, height: int = 900) -> MapWindow:
        use_private_settings(tmp_path / "settings")
        window = MapWindow(MapDocument(recovery_dir=tmp_path / "recovery"), remember=False)
        monkeypatch.setattr(window, "show_safety_note", lambda: None)
        monkeypatch.setattr(window.document, "ask_discard", lambda name: "discard")
        monkeypatch.setattr(window.document, "ask_overwrite", lambda path, gone: "cancel")
        monkeypatch.setattr(window.document, "ask_open_twice", lambda path: True)
        qtbot.addWidget(window)
        window.resize(width, height)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """The (title, text) of every message box the window shows, none of them modal."""
    from bodymap.ui.document import dialogs

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        dialogs, "show_message", lambda _p, _i, title, text: shown.append((title, text))
    )
    return shown
