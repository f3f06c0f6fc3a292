"""Physio review round 5, what the routine says around nerve symptoms, through the real
command line (``bodymap advise MAP --json`` and ``bodymap guide``):

- Neck pain with a tingling arm (the ``neck_arm`` pattern): no neck stretch is offered
  instead of rolling a neck muscle (the scalenes' "tilt the ear towards the other
  shoulder", the front of the neck's "stretch the neck gently"); the pattern's stop rule
  takes its place. Without the tingling the stretch comes back, so the check can fail.
- "Check with a clinician first" and the tingling spot's line name the side and the limb
  ("your right leg") and join several places with "or", for every body part and side.
- A burning spot on a limb is a stop cue on each step that serves it, not a hold.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from tables import parse_tables
from test_safety import at

from bodymap.advisor import PainSpot
from bodymap.advisor.routine import marked_words
from bodymap.cli import main
from bodymap.knowledge import load_knowledge

KNOWLEDGE = load_knowledge()
SAFETY = KNOWLEDGE.safety
assert SAFETY is not None
FLAGS = {f.id: f for f in KNOWLEDGE.red_flags}
NECK_ARM = FLAGS["neck_arm"].text
SCALENES_STRETCH = KNOWLEDGE.muscles["scalenes"].technique.how
NECK_FRONT_INSTEAD = KNOWLEDGE.cautions["neck_front"].instead
NECK_FRONT_SPOT = KNOWLEDGE.cautions["neck_front"].spot_reason

NECK_R = at("front", "lateral_neck", "right", intensity=5)
ELBOW_R = at("front", "lateral_elbow", "right", kind="tingling")


def _write(tmp_path, spots: list[PainSpot], name: str = "map"):
    from bodymap.maps import TriggerPointMap, add_spot, save_map
    from bodymap.sides import side_for

    tpm = TriggerPointMap("Wording")
    for s in spots:
        add_spot(tpm, s.view, s.x, s.y, side_for(s.view, s.x), int(s.intensity), s.kind)
    path = tmp_path / f"{name}.bodymap"
    save_map(tpm, path)
    return path


def _advise_json(tmp_path, capsys, spots: list[PainSpot], name: str = "map") -> dict:
    path = _write(tmp_path, spots, name)
    assert main(["advise", str(path), "--json", "--length", "full"]) == 0
    return json.loads(capsys.readouterr().out)


# --- neck pain with a tingling arm: no neck stretch ---------------------------------------


def test_neck_arm_offers_the_stop_rule_not_the_neck_stretch(tmp_path, capsys) -> None:
    """The scalenes are not held here (they do not serve the tingling elbow and lie off
    the arm), so without the pattern they would offer their side-bend stretch."""
    plain = _advise_json(tmp_path, capsys, [NECK_R, at("front", "lateral_elbow", "right")], "a")
    before = {(e["muscle"], e["side"]): e for e in plain["not_rolled"]}
    assert before[("scalenes", "right")]["instead"] == SCALENES_STRETCH
    assert "tilt the ear" in SCALENES_STRETCH
    assert NECK_FRONT_INSTEAD in [e["instead"] for e in before.values()]

    data = _advise_json(tmp_path, capsys, [NECK_R, ELBOW_R], "b")
    assert "neck_arm" in {f["id"] for f in data["red_flags"]}
    after = {(e["muscle"], e["side"]): e for e in data["not_rolled"]}
    scalenes = after[("scalenes", "right")]
    assert not scalenes["clinician_first"] and scalenes["instead"] == NECK_ARM
    text = json.dumps(data)
    for stretch in (SCALENES_STRETCH, NECK_FRONT_INSTEAD, NECK_FRONT_SPOT, "tilt the ear"):
        assert json.dumps(stretch)[1:-1] not in text, stretch
    # every line about the neck spot, its zone's caution included, gives the stop rule
    neck = data["spots"][0]
    assert any(NECK_ARM in c["text"] for c in neck["cautions"]), neck["cautions"]
    assert "stretch" not in (neck.get("not_rolled_reason") or "").replace(NECK_ARM, "")


def test_withheld_stretches_are_data_and_name_real_records() -> None:
    withheld = FLAGS["neck_arm"].withhold_stretch
    assert {"scalenes", "neck_front"} <= withheld
    assert all(i in KNOWLEDGE.muscles or i in KNOWLEDGE.cautions for i in withheld)
    assert all(FLAGS[f].patterns for f in FLAGS if FLAGS[f].withhold_stretch)


def test_withhold_stretch_is_checked_by_the_loader() -> None:
    from bodymap.knowledge import KnowledgeError
    from bodymap.knowledge.loader import CAUTIONS_FILE, TABLE_FILES
    from bodymap.resources import read_text

    texts = {n: read_text("knowledge", n) for n in TABLE_FILES}
    good = texts[CAUTIONS_FILE]
    line = 'withhold_stretch = ["scalenes", "platysma", "infrahyoids", "neck_front"]'
    assert line in good
    parse_tables(texts)
    for bad, message in (
        (line.replace("scalenes", "no_such_muscle"), r"'neck_arm'.*\['no_such_muscle'\]"),
        (line.replace("[", "[1, "), "withhold_stretch"),
    ):
        with pytest.raises(KnowledgeError, match=message):
            parse_tables({**texts, CAUTIONS_FILE: good.replace(line, bad)})


@pytest.mark.slow
def test_the_printed_guide_for_neck_arm_has_no_neck_stretch(tmp_path) -> None:
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (poppler-utils) is not installed, so PDF text cannot be read")
    path = _write(tmp_path, [NECK_R, ELBOW_R])
    out = tmp_path / "guide.pdf"
    assert main(["guide", str(path), "-o", str(out), "--length", "full"]) == 0
    raw = subprocess.run([pdftotext, str(out), "-"], capture_output=True, text=True, check=True)
    text = " ".join(raw.stdout.replace("ﬁ", "fi").replace("ﬂ", "fl").split())
    assert "tilt the ear" not in text and "stretch the neck gently" not in text
    assert "do not stretch or tilt it to either side" in text


@pytest.mark.slow
def test_the_printed_guide_labels_the_cauda_equina_safety_net_watch_for(tmp_path) -> None:
    """``bodymap guide`` for one-sided sciatica: the emergency safety net reads "watch for
    these" after its spots, never "applies to"; the back_leg flag reads "for your spots 1, 2"."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (poppler-utils) is not installed, so PDF text cannot be read")
    calf = at("back", "calf", "right", kind="tingling")
    path = _write(tmp_path, [calf, PainSpot("back", 520, 420, 4)])
    out = tmp_path / "guide.pdf"
    assert main(["guide", str(path), "-o", str(out)]) == 0
    raw = subprocess.run([pdftotext, str(out), "-"], capture_output=True, text=True, check=True)
    text = " ".join(raw.stdout.replace("ﬁ", "fi").replace("ﬂ", "fl").split())
    flags = {f.id: f.text for f in load_knowledge().red_flags}
    assert f"{flags['cauda_equina']} (for your spots 1, 2: watch for these)" in text
    assert f"{flags['back_leg']} (for your spots 1, 2)" in text
    assert "applies to" not in text


# --- "your right leg": side and places joined with "or" -----------------------------------

SIDE_WORDS = {"right": "right ", "left": "left ", "midline": ""}


@pytest.mark.parametrize("side", ["right", "left", "midline"])
@pytest.mark.parametrize("part", [p.id for p in KNOWLEDGE.body_parts])
def test_check_first_sentences_read_for_every_part_and_side(part: str, side: str) -> None:
    words = marked_words([(part, side)], KNOWLEDGE)
    name = next(p.name for p in KNOWLEDGE.body_parts if p.id == part)
    want = f"your {SIDE_WORDS[side]}{name}"
    for template in (SAFETY.check_first, SAFETY.spot_tingling):
        sentence = " ".join(template.format(**words).split())
        assert want in sentence, sentence
        assert "  " not in template.format(**words) or side == "midline"
        assert " and " not in sentence.split("your", 1)[1].split(",")[0]
        assert not re.search(r"\{|\}|your (right|left) (right|left)", sentence)


def test_several_places_join_with_or() -> None:
    words = marked_words({("low_back", "right"), ("leg", "right")}, KNOWLEDGE)
    assert words == {"side": "right", "part": "low back or leg"}
    words = marked_words({("chest", "right"), ("belly", "right"), ("leg", "right")}, KNOWLEDGE)
    assert words["part"] in ("chest, belly or leg", "belly, chest or leg")
    words = marked_words({("leg", "left"), ("leg", "right")}, KNOWLEDGE)
    assert words == {"side": "right or left", "part": "leg"}
    words = marked_words({("head_neck", "right"), ("arm", "right")}, KNOWLEDGE)
    assert words["part"] == "head, neck or arm"


def test_a_tingling_area_over_back_and_leg_reads_naturally(tmp_path, capsys) -> None:
    """Through the command line: a tingling area on the buttock and the low back."""
    from bodymap.maps import load_map, save_map
    from bodymap.maps.area import area_from_points
    from bodymap.maps.verbs import set_area

    path = _write(tmp_path, [PainSpot("back", 545, 500, 4, "tingling")])
    tpm = load_map(path)
    corners = [(520, 470), (570, 470), (570, 560), (520, 560)]  # buttock, low back, thigh
    set_area(tpm, tpm.spots[0].id, area_from_points(corners))
    save_map(tpm, path)
    assert main(["advise", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    line = data["spots"][0]["not_rolled_reason"]
    assert "your right low back or leg." in line, line
    held = [e["reason"] for e in data["not_rolled"] if e["clinician_first"]]
    assert held and all("on your right " in r and " and leg" not in r for r in held)


# --- burning on a limb: a stop cue on the steps ------------------------------------------


def test_burning_on_a_limb_adds_the_stop_cue_to_its_steps(tmp_path, capsys) -> None:
    cue = SAFETY.burning_limb
    # a condition ("if"), in lay words ("arm or leg", not "limb"), and a stop cue
    assert cue.startswith("If the burning runs in a line down the arm or leg, or comes with")
    assert "limb" not in cue and "stop rolling here and see a clinician" in cue
    calf = at("back", "calf", "right", intensity=5, kind="burning")
    data = _advise_json(tmp_path, capsys, [calf, at("back", "scapula", "left", intensity=5)])
    serving = [st for st in data["routine"] if 0 in st["spots"]]
    others = [st for st in data["routine"] if 0 not in st["spots"]]
    assert serving and others
    assert all(cue in st["cautions"] for st in serving)
    assert not any(cue in st["cautions"] for st in others)
    assert not any(e["clinician_first"] for e in data["not_rolled"])  # a cue, not a hold
    # the same spot as an ache, or burning off the limbs, gets no such cue
    ache = _advise_json(tmp_path, capsys, [at("back", "calf", "right", intensity=5)], "ache")
    back = _advise_json(
        tmp_path, capsys, [at("back", "scapula", "left", intensity=5, kind="burning")], "back"
    )
    for d in (ache, back):
        assert d["routine"] and not any(cue in st["cautions"] for st in d["routine"])


def test_tool_and_position_words_come_from_one_place() -> None:
    """The panel, the guide, the summary, the mat session, the muscle browser and the
    command line name tools and positions through `tool_words` and `position_words`; no
    other module looks the tables up itself (each had its own fallback and its own rule
    for when a tool's detail is said)."""
    import ast
    from pathlib import Path

    package = Path(__file__).resolve().parent.parent / "bodymap"
    readers = []
    for path in sorted(package.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        if path.relative_to(package).as_posix() == "words.py" or not (
            "TOOL_WORDS" in source or "POSITION_WORDS" in source
        ):
            continue  # a module that never names the tables cannot look them up
        for node in ast.walk(ast.parse(source)):
            looked_up = isinstance(node, ast.Subscript) or (
                isinstance(node, ast.Attribute) and node.attr == "get"
            )
            target = node.value if looked_up else None
            if isinstance(target, ast.Name) and target.id in ("TOOL_WORDS", "POSITION_WORDS"):
                readers.append(f"{path.relative_to(package)}:{node.lineno}")
    assert readers == []


def test_tool_words_say_the_detail_for_the_hands_and_where_there_is_room() -> None:
    from bodymap.words import position_words, tool_words

    assert tool_words("ball") == "massage ball"
    assert tool_words("ball", "ball against a wall") == "massage ball"  # a short name
    assert tool_words("ball", "ball against a wall", full=True) == "ball against a wall"
    assert tool_words("hands", "fingertips on the neck") == "fingertips on the neck"
    assert tool_words("hands") == "your hands"
    assert position_words("face_up") == "Lying on your back"
    assert position_words("on_all_fours") == "On all fours"  # a position with no words yet


def test_the_command_lines_text_names_muscles_tools_and_positions_in_words(capsys) -> None:
    from bodymap.cli import main

    assert main(["locate", "--view", "back", "540", "300"]) == 0
    out = capsys.readouterr().out
    assert "Roll: Latissimus dorsi (right) — Lying on your side · foam roller" in out
    assert "  Latissimus dorsi (right)" in out and "latissimus_dorsi" not in out
