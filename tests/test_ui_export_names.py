"""The window's exports and Open say what is the case: a name too long for the file system,
a folder, a file where a folder should be, a map file, a missing file — each a message, and
nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from bodymap.ui.window.mainwindow import MapWindow

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

LONG = "a" * 300


@pytest.fixture
def window(main_window) -> MapWindow:
    win = main_window()
    win.add_spot("back", 560, 175)
    return win


def _exports(window: MapWindow, path: Path) -> dict[str, object]:
    return {
        "csv": lambda: window.export("csv", path.with_suffix(".csv")),
        "geojson": lambda: window.export("geojson", path.with_suffix(".geojson")),
        "png": lambda: window.export("png", path.with_suffix(".png")),
        "guide": lambda: window.guide("pdf", path.with_suffix(".pdf")),
        "summary": lambda: window.export_summary(path.with_suffix(".pdf")),
    }


@pytest.mark.parametrize("what", ["csv", "geojson", "png", "guide", "summary"])
def test_an_over_long_export_name_is_a_message(qtbot, tmp_path, window, messages, what):
    out = tmp_path / "out"
    out.mkdir()
    assert _exports(window, out / LONG)[what]() is None  # type: ignore[operator]
    assert messages and messages[-1][1].endswith("the file name is too long; choose another name.")
    assert list(out.iterdir()) == []


def test_a_folder_named_like_a_map_is_called_a_folder(qtbot, tmp_path, window, messages):
    folder = tmp_path / "dir.bodymap"
    folder.mkdir()
    assert window.export("csv", folder) is None
    assert messages[-1][1] == "dir.bodymap is a folder; choose a file name."
    assert window.export("csv", tmp_path / "x.bodymap") is None
    assert messages[-1][1].startswith("x.bodymap is a map file")


def test_an_export_under_a_file_says_it_is_a_file(qtbot, tmp_path, window, messages):
    (tmp_path / "dw.orig").write_text("a file")
    assert window.export("csv", tmp_path / "dw.orig" / "e.csv") is None
    assert messages[-1][1] == "dw.orig is a file, not a folder; choose another place."


def test_opening_a_missing_file_or_a_folder_says_so(qtbot, tmp_path, window, messages):
    assert not window.document.open(tmp_path / "nonexist.bodymap")
    assert "there is no such file" in messages[-1][1].lower()
    assert "left as it is" not in messages[-1][1]
    folder = tmp_path / "dir.bodymap"
    folder.mkdir()
    assert not window.document.open(folder)
    assert "it is a folder, not a map file" in messages[-1][1].lower()
    assert "left as it is" not in messages[-1][1]
    bad = tmp_path / "bad.bodymap"
    bad.write_text("{not json")
    assert not window.document.open(bad)
    assert messages[-1][1].endswith("bad.bodymap was left as it is.")
