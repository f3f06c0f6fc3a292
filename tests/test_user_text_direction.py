"""A person's own text cannot turn the program's words round it: a map's name with a
right-to-left override, or in a right-to-left script, is set apart (isolated) wherever it
stands among the program's words, in print and in window titles."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from bodymap.maps import TriggerPointMap, add_spot, save_map
from bodymap.words import FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE, user_text

# offscreen Qt says this when a window with a dock is shown
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

OVERRIDE = "My map \u202e"  # RIGHT-TO-LEFT OVERRIDE, never closed
HEBREW = "\u05de\u05e4\u05d4"  # a name in a right-to-left script


@pytest.mark.parametrize("text", ["Desk worker", "Café <b>&</b>", "Łódź 🦶", ""])
def test_left_to_right_text_is_left_as_typed(text: str) -> None:
    assert user_text(text) == text


@pytest.mark.parametrize(
    "text", [OVERRIDE, HEBREW, "a\u2067b", "stray \u2069 pop", "x\u200fy", "stray \u202c pop"]
)
def test_text_that_could_turn_its_neighbours_is_isolated(text: str) -> None:
    assert user_text(text) == f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}"


def _map(name: str) -> TriggerPointMap:
    tpm = TriggerPointMap(name)
    add_spot(tpm, "back", 560, 170, "right")
    return tpm


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
@pytest.mark.parametrize("name", [OVERRIDE, HEBREW])
def test_the_guide_reads_its_own_words_in_order_after_such_a_name(
    qapp, tmp_path: Path, name: str
) -> None:
    """The tester's case: the subtitle read "My map spets enituor 2 · tops 1 · 6202 rebmeceD"
    as laid out on the page; the footer, the summary's title and its footer likewise."""
    from bodymap.ui.printing.guide import write_guide_pdf
    from bodymap.ui.printing.summary import write_summary_pdf

    tpm = _map(name)
    for write, words in ((write_guide_pdf, "routine step"), (write_summary_pdf, "Pain summary")):
        out = tmp_path / "out.pdf"
        write(tpm, out)
        shown = subprocess.run(
            ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert words in shown, (write.__name__, shown[:300])
        assert "spets" not in shown and "yrammus" not in shown.lower()


def test_window_titles_isolate_the_name(main_window, tmp_path: Path) -> None:
    window = main_window()
    path = tmp_path / "rtl.bodymap"
    save_map(_map(OVERRIDE), path)
    assert window.document.open(path)
    assert window.document.map.name == OVERRIDE
    title = window.windowTitle()
    assert f"{FIRST_STRONG_ISOLATE}{OVERRIDE}{POP_DIRECTIONAL_ISOLATE}" in title
    assert title.endswith(" — bodymap")
    window.show_history()
    assert window.history_dialog is not None
    assert window.history_dialog.windowTitle() == f"History — {user_text(OVERRIDE)}"


def test_no_source_or_table_holds_a_direction_control() -> None:
    """Direction controls are written as escapes (``\\u202e``): a raw one in a source or a
    knowledge table would reorder what a reader sees of the code or the words around it."""
    root = Path(__file__).resolve().parent.parent
    controls = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
    files = [
        *root.joinpath("bodymap").rglob("*.py"),
        *root.joinpath("tests").rglob("*.py"),
        *root.joinpath("tools").rglob("*.py"),
        *root.joinpath("assets", "knowledge").glob("*.toml"),
    ]
    assert len(files) > 100
    held = [str(f.relative_to(root)) for f in files if controls & set(f.read_text("utf-8"))]
    assert held == []
