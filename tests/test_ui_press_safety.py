"""The window shows the core's press-test safety: no question, and no ⊕, in or near a zone
not to press; "⊕ Show" marks the one point the question asks to press; a tingling limb
offers no press test, no stretch instead and nothing to roll around on it; the printed
guide says the same."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from test_guide import normalised, pdf_text
from test_safety_press import TINGLING_CALF_BACK, TINGLING_HAND_NECK, too_close, write_map

from bodymap.advisor import PainSpot
from bodymap.ui.canvas.items import SiteItem
from bodymap.ui.window.mainwindow import MapWindow
from tests.test_safety_press import REVIEWED_SPOTS

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def open_map(main_window, tmp_path):
    def make(spots: list[PainSpot]) -> MapWindow:
        window = main_window(1400, 1200)
        assert window.document.open(write_map(tmp_path / "spots.bodymap", spots))
        assert len(window.document.map.spots) == len(spots)
        return window

    return make


def sites(window: MapWindow) -> list[tuple[str, float, float]]:
    return [
        (i.view, *i.atlas_xy) for i in window.canvas.highlight_items() if isinstance(i, SiteItem)
    ]


@pytest.mark.parametrize(("view", "x", "y", "never"), REVIEWED_SPOTS)
def test_show_marks_only_a_point_clear_of_the_zones(qtbot, open_map, view, x, y, never):
    window = open_map([PainSpot(view, x, y, 6)])
    rows = window.panel.press_box.rows
    if window.panel.advice.spots[0].press_note:  # the throat: no press test at all
        assert rows == [] and "No press test here" in window.panel.details.toPlainText()
        return
    assert rows and not never & {r.question.muscle for r in rows}
    assert [r.question for r in rows] == list(window.panel.advice.press)
    for row in rows:
        qtbot.mouseClick(row.show_button, Qt.MouseButton.LeftButton)
        assert window.canvas.highlight == (row.question.muscle, row.question.side)
        assert sites(window) == [row.question.site]  # the one ⊕ the question names
        assert not too_close(*row.question.site)


def test_the_calf_press_test_marks_the_clear_site_not_the_one_by_the_fibular_head(qtbot, open_map):
    """Gastrocnemius has a site on its inner head and one on its outer head beside the bony
    bump below the outer knee (the nerve winds round it there): its press test names the
    clear one, and "⊕ Show" marks that one only."""
    window = open_map([PainSpot("back", 548, 790, 6)])
    row = next(r for r in window.panel.press_box.rows if r.question.muscle == "gastrocnemius")
    qtbot.mouseClick(row.show_button, Qt.MouseButton.LeftButton)
    (site,) = sites(window)
    assert not too_close(*site)
    window.panel.select_source(window.panel.source_rows().index(window.canvas.highlight))
    assert any(too_close(*s) for s in sites(window))  # choosing the source shows every site


def test_a_tingling_arm_offers_no_press_test_and_no_stretch(qtbot, open_map):
    window = open_map(TINGLING_HAND_NECK)
    box = window.panel.press_box
    held = window.panel.advice.routine.held
    assert ("scalenes", "right") in held
    assert not {(r.question.muscle, r.question.side) for r in box.rows} & held
    text = window.panel.details.toPlainText()
    section = text.split("Do not roll — do this instead", 1)[1].split("Routine", 1)[0]
    # held muscles come as one line per marked place, naming them all
    scalenes = next(line for line in section.splitlines() if "Scalenes" in line)
    assert "Check with a clinician first" in scalenes and "tilt the ear" not in text
    arm = open_map([PainSpot("front", 390.0, 300.0, 6, "tingling")])
    assert arm.panel.press_box.rows == [] and not arm.panel.press_box.scroller.isVisible()
    assert sites(arm) == []


def test_nothing_on_a_tingling_leg_is_rolled_around_in_the_window(open_map):
    window = open_map(TINGLING_CALF_BACK)
    text = window.panel.details.toPlainText()
    around = text.split("Also roll around", 1)[1] if "Also roll around" in text else ""
    assert "Soleus" not in around and "(right)" not in around
    assert ("soleus", "right") in window.panel.advice.routine.held


@pytest.mark.slow  # an exhaustive grid, or a PDF rendered: CI runs it
def test_the_guide_holds_the_scalenes_for_a_tingling_arm(qapp, tmp_path, capsys):
    from bodymap.cli import main

    path = write_map(tmp_path / "hand.bodymap", TINGLING_HAND_NECK)
    out = tmp_path / "guide.pdf"
    assert main(["guide", str(path), "-o", str(out)]) == 0
    text = normalised(pdf_text(out))
    assert "Scalenes" in text and "Check with a clinician first" in text
    assert "tilt the ear gently towards the other shoulder" not in text


# Tingling or numb places on each limb, front and back: every source the advice holds for a
# clinician's word there is chosen in the list in turn.
HELD_PLACES = [
    PainSpot("back", 549.0, 800.0, 6, "tingling"),  # calf
    PainSpot("front", 370.0, 480.0, 6, "tingling"),  # hand and forearm
    PainSpot("back", 640.0, 560.0, 6, "numb"),  # back of the thigh
    PainSpot("front", 560.0, 560.0, 6, "numb"),  # front of the thigh
    PainSpot("back", 615.0, 320.0, 6, "tingling"),  # back of the arm
]


@pytest.mark.parametrize("spot", HELD_PLACES, ids=lambda s: f"{s.view}-{s.x:.0f}-{s.y:.0f}")
def test_a_held_source_is_neither_shaded_nor_marked_when_chosen(open_map, spot):
    """A source held for a clinician's word (it lies on, or refers pain to, a limb marked
    tingling or numb) is not to be rolled or pressed: choosing it in the list shades none of
    its roll zone and marks none of its trigger points, and the status line says why. The
    sources that are not held are shaded as before."""
    window = open_map([spot, PainSpot("back", 470, 395, 5)])
    held = window.panel.advice.routine.held
    rows = window.panel.source_rows()
    assert held & set(rows), "the spot holds some listed source"
    for rank, chosen in enumerate(rows):
        window.panel.select_source(rank)
        if chosen in held:
            assert window.canvas.highlight is None and window.canvas.highlight_items() == []
            assert "leave it until a clinician has checked it" in window.hover_label.text()
        else:
            assert window.canvas.highlight == chosen


def test_the_shading_goes_and_comes_back_with_the_tingling(qtbot, open_map):
    """Marking the spot tingling takes the chosen source's shading away at once; marking
    it an ache again brings it back (the choice in the list stays)."""
    window = open_map([PainSpot("back", 549.0, 800.0, 6, "ache")])
    source = ("gastrocnemius", "right")
    window.panel.select_source(window.panel.source_rows().index(source))
    assert window.canvas.highlight == source and window.canvas.highlight_items()
    spot = window.document.map.spots[0].id
    window.edit_spot(spot, {"kind": "tingling"})
    assert window.panel.selected_source == source
    assert window.canvas.highlight is None and window.canvas.highlight_items() == []
    window.document.undo_stack.undo()
    assert window.canvas.highlight == source and window.canvas.highlight_items()


def test_the_browser_draws_a_held_muscle_without_roll_zone_or_press_points(open_map):
    """The muscle browser's pattern of a held muscle shows where it refers pain, but no
    roll zone and no ⊕ (the same muscle on the other leg keeps both)."""
    from bodymap.ui.canvas.pattern import PatternZoneItem

    window = open_map([PainSpot("back", 549.0, 800.0, 6, "tingling")])

    def drawn() -> tuple[set[str], int]:
        items = window.canvas.pattern_items()
        kinds = {i.kind for i in items if isinstance(i, PatternZoneItem)}
        return kinds, sum(isinstance(i, SiteItem) for i in items)

    window.show_muscles("gastrocnemius", "right")
    kinds, marked = drawn()
    assert "essential" in kinds and "roll_zone" not in kinds and marked == 0
    window.show_muscles("gastrocnemius", "left")
    kinds, marked = drawn()
    assert "roll_zone" in kinds and marked > 0


def test_a_held_source_says_so_in_its_row(open_map) -> None:
    """Held sources are listed (they commonly refer the pain) but their rows say "check with
    a clinician first", so the list never reads as "roll these" (QA round 2)."""
    window = open_map(
        [PainSpot("back", 549.0, 800.0, 6, "tingling"), PainSpot("back", 470, 395, 5)]
    )
    held = window.panel.advice.routine.held
    tree = window.panel.source_tree
    rows = window.panel.source_rows()
    assert held & set(rows) and set(rows) - held
    for i, key in enumerate(rows):
        text = tree.topLevelItem(i).text(0)
        assert text.endswith("— check with a clinician first") == (key in held), text


def test_the_session_chooser_says_why_nothing_can_start(open_map, qtbot) -> None:
    """Every preset greyed out "nothing to roll": the chooser says why, in the plan's words;
    with something to roll it says nothing more."""
    from bodymap.ui.window.mat_session import PresetDialog

    window = open_map([PainSpot("back", 549.0, 800.0, 6, "tingling")])
    dialog = PresetDialog(window.document.map, window)
    qtbot.addWidget(dialog)
    assert dialog.reason.isVisibleTo(dialog)
    assert dialog.reason.text().startswith("Check with a clinician first")
    window = open_map([PainSpot("back", 470, 395, 5)])
    dialog = PresetDialog(window.document.map, window)
    qtbot.addWidget(dialog)
    assert not dialog.reason.isVisibleTo(dialog) and dialog.reason.text() == ""
