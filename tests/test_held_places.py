"""The muscles held for a clinician's word come grouped: one line per place marked tingling or
numb naming every muscle held there, and why they wait said once, in the command line's
text, the panel of the real window, the printed guide and the clinician summary. The
per-muscle entries stay in the JSON for programs.

The physiotherapist's re-review found 15 to 25 copies of the same four-sentence paragraph,
one per held muscle, burying the warning signs below them.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from test_safety_press import write_map

from bodymap.advisor import PainSpot, advise
from bodymap.knowledge import load_knowledge

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

KNOWLEDGE = load_knowledge()
FOREARM = [PainSpot("front", 370.0, 480.0, 6, "tingling")]
"""A tingling spot on the inside of the right forearm."""
ARM_AND_LEG = [*FOREARM, PainSpot("back", 548.0, 800.0, 6, "numb")]
"""… and a numb right calf: two places, two lines, the why still once."""
WHY = KNOWLEDGE.check_first_why
LEAD = "Check with a clinician first"


def _held_names(data: dict) -> list[str]:
    return list(dict.fromkeys(n["name"] for n in data["not_rolled"] if n["clinician_first"]))


def test_the_json_keeps_every_held_muscle_and_adds_the_places(tmp_path, capsys) -> None:
    from bodymap.cli import main

    path = write_map(tmp_path / "forearm.bodymap", FOREARM)
    assert main(["advise", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    held = [n for n in data["not_rolled"] if n["clinician_first"]]
    assert len(held) >= 10  # the per-muscle entries are all still there
    assert all(n["reason"].startswith(LEAD) for n in held)
    places = data["check_first"]["places"]
    assert len(places) == 1
    assert places[0]["side"] == "right" and places[0]["part"] == "arm"
    assert places[0]["muscles"] == [{"muscle": n["muscle"], "side": n["side"]} for n in held]
    assert places[0]["names"] == _held_names(data)
    assert data["check_first"]["why"] == WHY


def test_bodymap_advise_prints_one_line_per_place_and_the_why_once(tmp_path, capsys) -> None:
    from bodymap.cli import main

    path = write_map(tmp_path / "forearm.bodymap", FOREARM)
    assert main(["advise", str(path), "--json"]) == 0
    names = _held_names(json.loads(capsys.readouterr().out))
    assert main(["advise", str(path)]) == 0
    text = capsys.readouterr().out
    grouped = [line for line in text.splitlines() if LEAD in line]
    assert len(grouped) == 1, grouped
    assert "your right arm" in grouped[0]
    assert all(name in grouped[0] for name in names)
    assert text.count(WHY) == 1
    assert text.count("pressing near it can make it worse") == 1
    # the warning signs are no longer buried: a handful of lines, not one per muscle
    lines = text.splitlines()
    first_warning = next(i for i, x in enumerate(lines) if x.startswith("Warning"))
    assert first_warning < 20

    path = write_map(tmp_path / "arm_leg.bodymap", ARM_AND_LEG)
    assert main(["advise", str(path)]) == 0
    text = capsys.readouterr().out
    grouped = [line for line in text.splitlines() if LEAD in line]
    assert len(grouped) == 2
    assert "your right arm" in grouped[0] and "your right leg" in grouped[1]
    assert text.count(WHY) == 1


def test_a_spot_with_nothing_held_shows_no_place_nor_why() -> None:
    advice = advise([PainSpot("back", 560.0, 175.0, 5)])
    assert not advice.routine.held_places and advice.routine.held_why == ""
    assert advice.to_json()["check_first"] == {"places": [], "why": ""}


def _map_spots(points):
    from bodymap.maps import Spot
    from bodymap.sides import side_for

    return [
        Spot(f"s{i}", p.view, p.x, p.y, side_for(p.view, p.x), int(p.intensity), p.kind)
        for i, p in enumerate(points)
    ]


def test_the_printed_guide_and_the_summary_group_the_held_muscles() -> None:
    from bodymap.guide.content import build_guide_content
    from bodymap.guide.summary import summary_content

    spots = _map_spots(ARM_AND_LEG)
    advice = advise(spots)
    names = [n.name for n in advice.routine.not_rolled if n.clinician_first]
    content = build_guide_content("Arm", spots, advice, KNOWLEDGE, date(2026, 12, 1))
    grouped = [line for line in content.not_rolled if line.startswith(LEAD)]
    assert len(grouped) == 2
    assert all(any(name in line for line in grouped) for name in names)
    assert sum(line.count(WHY) for line in content.not_rolled) == 1
    summary = summary_content(spots, advice)
    assert summary.held == tuple(p.text for p in advice.routine.held_places)
    assert all(any(name in line for line in summary.held) for name in names)


def test_the_window_shows_one_grouped_block_for_a_tingling_forearm(
    main_window, tmp_path, qtbot
) -> None:
    path = write_map(tmp_path / "forearm.bodymap", FOREARM)
    window = main_window(1400, 1000)
    assert window.document.open(path)
    advice = advise(FOREARM)
    names = [n.name for n in advice.routine.not_rolled if n.clinician_first]
    assert len(names) >= 10
    text = window.panel.details.toPlainText()
    section = text.split("Do not roll — do this instead", 1)[1]
    assert text.count(LEAD) == 1
    assert text.count(WHY) == 1
    block = next(line for line in section.splitlines() if LEAD in line)
    assert "your right arm" in block
    assert all(name in block for name in names)
    # the warning signs still come before it
    assert text.index("Warning signs") < text.index(LEAD)


@pytest.mark.slow  # a PDF rendered: CI runs it
def test_the_printed_guide_says_why_once_for_every_held_muscle(qapp, tmp_path) -> None:
    from test_guide import normalised, pdf_text

    from bodymap.cli import main

    path = write_map(tmp_path / "forearm.bodymap", FOREARM)
    out = tmp_path / "guide.pdf"
    assert main(["guide", str(path), "-o", str(out)]) == 0
    text = normalised(pdf_text(out))
    assert text.count(normalised(LEAD)) == 1
    assert text.count("pressing near it can make it worse") == 1
    for name in ("Scalenes", "Pronator teres", "Subclavius"):
        assert name in text


NUMB_FEET = [PainSpot("front", 445.0, 960.0, 2, "numb"), PainSpot("front", 555.0, 960.0, 2, "numb")]
"""Both outer ankles numb: the sources explaining them equally on either side merge to one
"both" row."""
TINGLING_HANDS = [
    PainSpot("front", 370.0, 480.0, 3, "tingling"),
    PainSpot("front", 630.0, 480.0, 3, "tingling"),
]


@pytest.mark.parametrize(
    ("spots", "part"), [(NUMB_FEET, "leg"), (TINGLING_HANDS, "arm")], ids=["feet", "hands"]
)
def test_a_row_merged_to_both_sides_names_both_places(tmp_path, capsys, spots, part) -> None:
    """A muscle merged to "both" sides serves both marked places and its check-first line
    names both ("your right and left leg"), never one side only (``bodymap advise``)."""
    from bodymap.cli import main

    path = write_map(tmp_path / "both.bodymap", spots)
    assert main(["advise", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    both = [n for n in data["not_rolled"] if n["clinician_first"] and n["side"] == "both"]
    assert both, "no row merged to both sides"
    assert all(n["spots"] == [0, 1] for n in both), both
    merged = [p for p in data["check_first"]["places"]
              if any(m["side"] == "both" for m in p["muscles"])]  # fmt: skip
    assert merged and all(p["side"] == "right and left" for p in merged), merged
    assert main(["advise", str(path)]) == 0
    text = capsys.readouterr().out
    assert f"on your right and left {part}." in text
    for place in merged:
        assert place["text"].startswith(
            f"Check with a clinician first: you marked tingling or numbness on your right and"
            f" left {part}."
        )


def test_a_spot_whose_muscles_are_all_held_says_so_of_them_all() -> None:
    """A thigh spot whose muscles a tingling calf holds for a clinician lists them, and
    the reason speaks of them all ("these muscles"), not of "this muscle"."""

    advice = advise([PainSpot("back", 560, 800, 3, "tingling"), PainSpot("front", 415, 600, 3)])
    reason = advice.spots[1].not_rolled_reason or ""
    assert reason.count(",") >= 1  # several muscles are named
    assert load_knowledge().check_first_why in reason
    assert "this muscle" not in reason
