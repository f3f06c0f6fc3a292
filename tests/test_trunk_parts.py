"""Physio reviews 6 (D5) and 7 (item 3): the trunk is no longer one body part. A tingling or
numb spot marks only the back, the top of the shoulder, or the chest and belly, so the hold
and the sentences name that part only ("your right back", not "your right back, chest,
belly or leg"), and a chest muscle is not held for a tingling low back (nor a back muscle
for a tingling chest). Through the real command line (``bodymap advise MAP --json``).
"""

from __future__ import annotations

import json

from test_safety import at

from bodymap.advisor import PainSpot
from bodymap.atlas import load_atlas
from bodymap.cli import main
from bodymap.knowledge import load_knowledge

KNOWLEDGE = load_knowledge()
ATLAS = load_atlas()
PARTS = {p.id: p for p in KNOWLEDGE.body_parts}


def _advise(tmp_path, capsys, spots: list[PainSpot], name: str = "map") -> dict:
    from bodymap.maps import TriggerPointMap, add_spot, save_map
    from bodymap.sides import side_for

    tpm = TriggerPointMap("Trunk")
    for s in spots:
        add_spot(tpm, s.view, s.x, s.y, side_for(s.view, s.x), int(s.intensity), s.kind)
    path = tmp_path / f"{name}.bodymap"
    save_map(tpm, path)
    assert main(["advise", str(path), "--json", "--length", "full"]) == 0
    return json.loads(capsys.readouterr().out)


def _steps(data: dict) -> set[str]:
    return {st["muscle"] for st in data["routine"]}


def _held(data: dict) -> dict[str, str]:
    return {e["muscle"]: e["reason"] for e in data["not_rolled"] if e["clinician_first"]}


def test_every_segment_belongs_to_exactly_one_body_part() -> None:
    assert "trunk" not in PARTS
    assert {"upper_back", "low_back", "chest", "belly", "shoulder_top"} <= set(PARTS)
    for view, atlas in ATLAS.items():
        for region in atlas.layer("segment"):
            owners = [p.id for p in KNOWLEDGE.body_parts if region.id in p.segments]
            assert len(owners) == 1, (view, region.id, owners)
    # the back is drawn on the back view only; the front of the trunk on the front view
    drawn = {view: {r.id for r in a.layer("segment")} for view, a in ATLAS.items()}
    back = PARTS["upper_back"].segments | PARTS["low_back"].segments
    front = PARTS["chest"].segments | PARTS["belly"].segments
    assert back <= drawn["back"] - drawn["front"]
    assert front - {"lateral_chest"} <= drawn["front"] - drawn["back"]
    assert PARTS["low_back"].name == "low back" and PARTS["chest"].name == "chest"


def test_a_tingling_low_back_holds_no_chest_or_belly_muscle(tmp_path, capsys) -> None:
    tingling = at("back", "lumbar_paraspinal", "right", kind="tingling")
    chest = at("front", "chest", "right", intensity=5)
    data = _advise(tmp_path, capsys, [tingling, chest])
    line = data["spots"][0]["not_rolled_reason"]
    assert "before rolling your right low back." in line, line
    assert "chest" not in line and "belly" not in line and "leg" not in line
    # the chest's own muscles lie only on the front of the trunk: rolled for the chest spot
    assert {"pectoralis_major", "pectoralis_minor", "sternalis"} <= _steps(data)
    held = _held(data)
    assert "erector_spinae_lumbar" in held and "multifidus" in held  # the back stays held
    assert all("on your right low back," in r for r in held.values()), held


def test_a_tingling_chest_holds_no_muscle_of_the_back(tmp_path, capsys) -> None:
    tingling = at("front", "chest", "right", kind="tingling")
    aches = [at("back", seg, "right", intensity=5) for seg in ("mid_back", "scapula")]
    data = _advise(tmp_path, capsys, [tingling, *aches])
    line = data["spots"][0]["not_rolled_reason"]
    assert "before rolling your right chest." in line, line
    assert "back" not in line
    back = {"erector_spinae_thoracic", "infraspinatus", "serratus_posterior_inferior"}
    assert back <= _steps(data)
    held = _held(data)
    assert "pectoralis_major" in held  # the chest stays held
    assert all("on your right chest," in r for r in held.values()), held


def test_a_tingling_top_of_shoulder_names_the_shoulder(tmp_path, capsys) -> None:
    tingling = at("back", "top_of_shoulder", "right", kind="tingling")
    low_back = at("back", "lumbar_paraspinal", "right", intensity=5)
    data = _advise(tmp_path, capsys, [tingling, low_back])
    line = data["spots"][0]["not_rolled_reason"]
    assert "before rolling your right shoulder top." in line, line
    assert {"erector_spinae_lumbar", "quadratus_lumborum"} <= _steps(data)


def test_the_chest_and_belly_and_the_upper_and_low_back_are_held_apart(tmp_path, capsys):
    """Their nerves differ (the physiotherapist's eighth review): a tingling chest does not
    hold the belly's muscles from a low-back ache's routine, and a tingling low back does
    not hold a muscle that lies only on the upper back."""
    tingling_chest = at("front", "chest", "right", kind="tingling")
    low_back = at("back", "lumbar_paraspinal", "right", intensity=5)
    data = _advise(tmp_path, capsys, [tingling_chest, low_back])
    held = _held(data)
    assert "iliopsoas" not in held, held  # a belly muscle; rectus abdominis reaches the ribs
    tingling_low = at("back", "lumbar_paraspinal", "right", kind="tingling")
    upper = at("back", "scapula", "right", intensity=5)
    data = _advise(tmp_path, capsys, [tingling_low, upper])
    assert "serratus_posterior_superior" not in _held(data)
