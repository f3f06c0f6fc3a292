"""Shared set-up for the benchmarks that run the real main window."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest


def pytest_configure(config: pytest.Config) -> None:
    """The application as the program makes it (its style, and fills in the painting
    thread), before pytest-qt would make a plain one."""
    from bodymap.ui.app import make_application

    make_application(["bodymap-benchmarks"])


@pytest.fixture
def shown_window(qtbot, monkeypatch):
    """The main window at 1400 × 900, shown and exposed; losing its map asks nothing."""
    from bodymap.ui.window.mainwindow import MapWindow

    window = MapWindow(remember=False)
    monkeypatch.setattr(window.document, "ask_discard", lambda _name: "discard")
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    return window
