"""Red flags that the spots raise together: cross-spot patterns, over every record.

- Every ``[[pattern]]`` is met by one spot per part of its picture (at 1/10) and raises each
  flag that names it, naming those spots; take any one spot away and it is not met.
- The reviewer's maps: back pain with a tingling leg, tingling in both legs, neck pain with
  a tingling arm, tingling in both hands or an arm and a leg, aching in both shoulders.
- The flags show where every flag shows: ``bodymap advise``, the printed guide, the
  clinician summary and the panel's warning list.
- The loader is strict about patterns, and every flag and pattern names its source.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest
import shapely
from tables import parse_tables
from test_safety import at, spot

from bodymap.advisor import PainSpot, advise
from bodymap.advisor.cautions import pattern_spots
from bodymap.advisor.model import PAIN_KINDS
from bodymap.atlas import load_atlas
from bodymap.cli import main
from bodymap.knowledge import KnowledgeError, Pattern, PatternSpot, load_knowledge
from bodymap.knowledge.loader import ADVICE_FILE, CAUTIONS_FILE
from bodymap.resources import read_text

ATLAS = load_atlas()
KNOWLEDGE = load_knowledge()
PART_OF = {seg: part.id for part in KNOWLEDGE.body_parts for seg in part.segments}


def _meets(need: PatternSpot, kind: str, segment_id: str, side: str) -> bool:
    return (
        (not need.kinds or kind in need.kinds)
        and (not need.segments or segment_id in need.segments)
        and (not need.parts or PART_OF.get(segment_id) in need.parts)
        and (not need.side or side == need.side)
    )


def _spot_for(pattern: Pattern, k: int) -> PainSpot:
    """A spot at 1/10 that meets the pattern's spot ``k`` and none of its others, so each
    spot of the map stands for one part of the picture."""
    need = pattern.spots[k]
    kind = sorted(need.kinds)[0] if need.kinds else "ache"
    others = [n for j, n in enumerate(pattern.spots) if j != k]
    for view, va in ATLAS.items():
        for region in va.layer("segment"):
            if region.side == "midline" or not _meets(need, kind, region.id, region.side):
                continue
            if any(_meets(n, kind, region.id, region.side) for n in others):
                continue
            p = region.geometry.representative_point()
            if [s.id for s in va.locate(p.x, p.y).segments] == [region.id]:
                return PainSpot(view, p.x, p.y, 1, kind)
    raise AssertionError(f"no spot meets part {k} of pattern {pattern.id!r} alone")


def _flags(spots: list[PainSpot]) -> dict[str, tuple[int, ...]]:
    return {f.id: f.spots for f in advise(spots).red_flags}


def test_every_pattern_is_used_sourced_and_raised_at_the_lowest_intensity() -> None:
    assert {p.id for p in KNOWLEDGE.patterns} >= {
        "back_leg", "both_legs", "neck_arm", "both_arms", "arm_leg", "pmr_shoulders", "pmr_hips",
    }  # fmt: skip
    for pattern in KNOWLEDGE.patterns:
        assert pattern.source and len(pattern.spots) >= 2, pattern.id
        raising = [f for f in KNOWLEDGE.red_flags if pattern in f.patterns]
        assert raising, pattern.id
        spots = [_spot_for(pattern, k) for k in range(len(pattern.spots))]
        hits = [ATLAS[s.view].locate(s.x, s.y) for s in spots]
        assert pattern_spots(pattern, spots, hits, KNOWLEDGE) == tuple(range(len(spots)))
        flags = _flags(spots)
        for flag in raising:
            assert set(flags.get(flag.id, ())) >= set(range(len(spots))), (pattern.id, flag.id)
        for k in range(len(spots)):  # any one part of the picture missing: not met
            rest = spots[:k] + spots[k + 1 :]
            hits_rest = hits[:k] + hits[k + 1 :]
            assert pattern_spots(pattern, rest, hits_rest, KNOWLEDGE) == (), (pattern.id, k)


def test_a_flag_raised_only_by_patterns_needs_every_part_of_one() -> None:
    """A flag with no single-spot trigger is raised by one spot alone only where that spot
    makes the whole picture by itself (tingling in the buttock is on the leg and beside the
    low back at once); a spot standing for one part of it never raises it."""
    only_patterns = [f for f in KNOWLEDGE.red_flags if not f.triggers]
    assert {f.id for f in only_patterns} >= {"spinal_cord", "back_leg", "neck_arm", "pmr"}
    for flag in only_patterns:
        for pattern in flag.patterns:
            for k in range(len(pattern.spots)):
                one = _spot_for(pattern, k)
                (segment,) = ATLAS[one.view].locate(one.x, one.y).segments
                for kind in PAIN_KINDS:
                    whole = any(
                        all(_meets(n, kind, segment.id, segment.side) for n in p.spots)
                        for p in flag.patterns
                    )
                    alone = PainSpot(one.view, one.x, one.y, 1, kind)
                    raised = flag.id in _flags([alone])
                    assert raised == whole, (flag.id, pattern.id, k, kind, segment.id)
    buttock = spot("back", "psis_r", "greater_trochanter_r", 0.5, dy=20, kind="tingling")
    assert "back_leg" in _flags([buttock])


# the reviewer's maps (/tmp/physio in the round-5 review)
CALF_R = PainSpot("back", 548, 800, 3, "tingling")
CALF_L = PainSpot("back", 452, 800, 3, "tingling")
SACRUM = PainSpot("back", 500, 430, 4)
SACROILIAC_R = PainSpot("back", 520, 420, 4)
SHIN_R_NUMB = PainSpot("front", 445, 820, 3, "numb")
FOREARM_R = PainSpot("front", 370, 480, 3, "tingling")
NECK_R = PainSpot("back", 520, 140, 4)


def test_tingling_in_both_legs_raises_the_both_legs_emergency_naming_both_legs() -> None:
    flags = _flags([CALF_R, CALF_L, SACRUM])
    assert flags["both_legs"] == (0, 1, 2)  # with the back spot: bilateral sciatica, named
    # with the back spot each leg is also back pain with a tingling leg, but the safety net
    # is not said beside the emergency that says all it says (a walk read it as said twice)
    assert "cauda_equina" not in flags
    # without the back spot: both legs alone are the red flag, and the safety net is not
    # repeated as if the spots showed it
    alone = _flags([CALF_R, CALF_L])
    assert alone["both_legs"] == (0, 1) and "cauda_equina" not in alone
    assert "both_legs" not in _flags([CALF_R, SACRUM])


def test_a_pattern_part_on_one_side_is_met_only_on_that_side() -> None:
    """Every shipped pattern with sides asks for both, so a part met on the wrong side
    would pass unseen there: a one-sided picture shows it."""
    left_leg = Pattern(
        "left_leg_and_back",
        (
            PatternSpot(parts=frozenset({"leg"}), side="left", kinds=frozenset({"tingling"})),
            PatternSpot(segments=frozenset({"sacroiliac"})),
        ),
    )

    def met(spots: list[PainSpot]) -> tuple[int, ...]:
        hits = [ATLAS[s.view].locate(s.x, s.y) for s in spots]
        return pattern_spots(left_leg, spots, hits, KNOWLEDGE)

    assert met([CALF_L, SACROILIAC_R]) == (0, 1)
    assert met([CALF_R, SACROILIAC_R]) == ()
    assert met([CALF_L]) == ()


@pytest.mark.parametrize("kind", ["sharp", "burning"])
def test_back_pain_with_sharp_or_burning_pain_below_both_knees_is_the_emergency(kind) -> None:
    """Sciatica in both legs is a cauda equina red flag, not only tingling in both
    (GIRFT/BASS/CSP 2023; physiotherapist reviews round 17): with a back spot, sharp or
    burning pain below both knees raises the both-legs emergency, naming all three spots."""
    calf_r, calf_l = replace(CALF_R, kind=kind), replace(CALF_L, kind=kind)
    flags = _flags([calf_r, calf_l, SACROILIAC_R])
    assert flags["both_legs"] == (0, 1, 2)
    assert "cauda_equina" not in flags  # the emergency says all the safety net says
    # not without the back, not one leg, not an ache, not sharp pain above the knees
    assert "both_legs" not in _flags([calf_r, calf_l])
    assert "both_legs" not in _flags([calf_r, SACROILIAC_R])
    assert "both_legs" not in _flags([calf_r, replace(CALF_L, kind="ache"), SACROILIAC_R])
    thighs = [PainSpot("back", 548, 620, 4, kind), PainSpot("back", 452, 620, 4, kind)]
    assert "both_legs" not in _flags([*thighs, SACROILIAC_R])
    # one painted area across both calves is both legs
    area = PainSpot("back", 548, 800, 4, kind, area=shapely.box(440, 780, 560, 820))
    assert _flags([area, SACRUM])["both_legs"] == (0, 1)
    # the two legs need not feel alike: pain on one, pins and needles on the other
    mixed = [calf_r, replace(CALF_L, kind="tingling"), SACROILIAC_R]
    assert _flags(mixed)["both_legs"] == (0, 1, 2)


def test_a_flag_yields_only_to_one_that_says_every_sign_of_it_word_for_word() -> None:
    """A flag left out beside another (`yields_to`) loses nothing: each of its signs, as
    its own text lists them after "any of these:", is in the other's text word for word,
    either in its "whatever else applies" emergency or as its lead, itself an emergency
    (physiotherapist reviews 2 and 3, round 18)."""
    flags = {f.id: f for f in KNOWLEDGE.red_flags}
    yielding = [f for f in KNOWLEDGE.red_flags if f.yields_to]
    assert yielding
    for flag in yielding:
        listed = flag.text.split("any of these: ", 1)[1].rstrip(".")
        signs = [sign.strip().removeprefix("or ").strip() for sign in listed.split(";")]
        assert len(signs) >= 4, signs
        for other in flag.yields_to:
            text = flags[other].text
            head, sep, alone = text.partition("Whatever else applies, go to an emergency")
            assert sep, other
            for sign in signs:  # each an emergency on its own, or the text's lead, which is
                lead = sign[:1].upper() + sign[1:]
                assert sign in alone or head.startswith(lead), (flag.id, other, sign)
            # and the lead is itself an emergency, in its first sentence
            assert "go to an emergency department now" in head.split(". ")[0], other


def test_back_pain_with_a_tingling_leg_and_sharp_pain_below_the_other_knee_is_both_legs() -> None:
    """Tingling or numbness is a nerve symptom anywhere on the leg, pain below the knee
    (physiotherapist review 2, round 18): back pain, sharp pain in one calf and a tingling
    other thigh raise the emergency; sharp pain above the knee does not, nor the legs
    without the back."""
    thigh_l = PainSpot("back", 452, 620, 5, "tingling")
    assert _flags([replace(CALF_R, kind="sharp"), thigh_l, SACROILIAC_R])["both_legs"] == (0, 1, 2)
    thigh_r = PainSpot("back", 548, 620, 5, "tingling")
    assert _flags([replace(CALF_L, kind="burning"), thigh_r, SACRUM])["both_legs"] == (0, 1, 2)
    assert "both_legs" not in _flags([replace(CALF_R, kind="sharp"), thigh_l])
    sharp_thigh_r = PainSpot("back", 548, 620, 5, "sharp")
    assert "both_legs" not in _flags([sharp_thigh_r, thigh_l, SACROILIAC_R])


def test_an_area_taking_in_a_patch_of_the_other_calf_is_both_legs() -> None:
    """One painted area on the back of the right leg with a real patch of the left calf
    (under a tenth of it) lies on both legs: each side counts where the area covers as much as
    a clicked spot would (physiotherapist review 2, round 18)."""
    area = shapely.union(shapely.box(505, 560, 590, 980), shapely.box(430, 770, 475, 830))
    patch = PainSpot("back", 545, 800, 5, "sharp", area=area)
    hit = ATLAS["back"].locate_spot(patch.x, patch.y, area)
    assert hit.sides == ("right",)  # the left patch is under a fifth of the area
    assert "both_legs" in _flags([patch, SACROILIAC_R])


@pytest.mark.parametrize(
    ("view", "box", "kind"),
    [
        ("front", (495, 470, 540, 570), "tingling"),  # groin, 5 units past the midline
        ("back", (490, 460, 580, 560), "tingling"),  # buttock, 10 units past it
        ("back", (480, 780, 570, 820), "sharp"),  # calf, a 6-unit strip of the other calf
        # a small patch whose strip is over a fifth of it (review 4)
        ("back", (480, 780, 530, 820), "sharp"),
    ],
)
def test_a_thin_strip_over_the_midline_is_not_the_other_side(view, box, kind) -> None:
    """An area counts on a side only where a clicked spot's disc would fit inside its part
    there (or a fifth of it lies there): a strip a few units past the midline is not the
    other leg (physiotherapist review 3, round 18)."""
    area = PainSpot(view, (box[0] + box[2]) / 2 + 15, (box[1] + box[3]) / 2, 5, kind,
                    area=shapely.box(*box))  # fmt: skip
    assert "both_legs" not in _flags([area, SACROILIAC_R])


def _line(x: float, y0: float, y1: float, radius: float) -> shapely.Geometry:
    return shapely.LineString([(x, y0), (x, y1)]).buffer(radius)


@pytest.mark.parametrize(
    "other",
    [
        _line(452, 720, 880, 8),  # down the left calf, brush radius 8 (review 4)
        _line(452, 720, 880, 3),  # the same with the thinnest brush (review 5)
        _line(435, 720, 880, 10),  # along the border of the calf and the outer leg
        _line(472, 600, 700, 8),  # down the back of the left thigh
        shapely.Point(452, 756).buffer(12),  # a dab on the back of the left knee
        # one thin stroke from the right leg across the buttocks and down the left (review 6)
        shapely.LineString(
            [(548, 900), (548, 560), (540, 500), (460, 500), (452, 560), (452, 900)]
        ).buffer(3),
        # down the narrow outer-leg segment, the line of L5 pain (review 8)
        _line(430, 760, 900, 3),
    ],
    ids=[
        "calf r8",
        "calf r3",
        "calf border",
        "thigh",
        "knee dab",
        "across the buttocks",
        "outer leg r3",
    ],
)
def test_a_mark_painted_on_the_other_leg_into_the_same_area_is_both_legs(other) -> None:
    """The right leg painted, then a tingling mark on the left leg that joins the same
    area: a leg, not a sliver, however thin, and wherever it lies across segment borders
    (physiotherapist reviews 4 and 5, round 18)."""
    right = shapely.box(505, 560, 590, 980)
    area = PainSpot("back", 545, 800, 5, "tingling", area=shapely.union(right, other))
    assert ATLAS["back"].locate_spot(area.x, area.y, area.area).sides == ("right",)
    assert "both_legs" in _flags([area])


@pytest.mark.parametrize(
    ("centre", "radius"),
    [
        ((525, 800), 50),
        ((531, 800), 50),
        ((525, 800), 44),
        ((525, 800), 40),
        ((512, 510), 25),
        ((520, 510), 32),
    ],
)
def test_a_wide_brushs_edge_at_the_other_legs_inner_edge_is_not_that_leg(centre, radius) -> None:
    """A wide brush on the right calf or buttock, cut by the outline, can leave its edge on
    the inner edge of the left leg (given through the API; the brush itself no longer
    paints it): it does not reach 2 cm inside the left leg, so it is not that leg, for
    sharp pain with back pain or for tingling (physiotherapist reviews 6 and 7, round 18)."""
    brush = shapely.intersection(shapely.Point(*centre).buffer(radius), ATLAS["back"].outline)
    assert shapely.intersection(brush, shapely.box(0, 0, 500, 1000)).area > 5
    for kind in ("sharp", "tingling"):
        area = PainSpot("back", centre[0], centre[1], 5, kind, area=brush)
        assert "both_legs" not in _flags([area, SACROILIAC_R]), kind


def test_an_area_on_one_calf_spilling_across_the_gap_is_one_leg() -> None:
    """A box on the right calf that reaches a sliver (about 2 %) of the left one lies on
    the right leg only (its sides, `area_sides`): no both-legs emergency, while the same
    box reaching well into the left calf is both legs (physiotherapist review, round 18)."""
    sliver = PainSpot("back", 530, 800, 5, "sharp", area=shapely.box(484, 780, 570, 820))
    assert "both_legs" not in _flags([sliver, SACROILIAC_R])
    assert "both_legs" not in _flags([replace(sliver, kind="tingling")])
    wide = PainSpot("back", 530, 800, 5, "sharp", area=shapely.box(440, 780, 570, 820))
    assert "both_legs" in _flags([wide, SACROILIAC_R])
    assert "both_legs" in _flags([replace(wide, kind="tingling")])


@pytest.mark.parametrize(
    ("x", "y", "segment"),
    [(530, 355, "thoracolumbar"), (500, 505, "coccyx"), (545, 525, "gluteal_fold")],
)
def test_upper_low_back_tailbone_or_lower_buttock_pain_with_a_tingling_leg_is_the_picture(
    x: float, y: float, segment: str
) -> None:
    """The L1-L2 roots leave at the thoracolumbar junction (where the spinal cord ends) and
    reach the groin and the front of the thigh; the tailbone lies over the roots to the
    saddle; buttock-and-leg pain is sciatica: each with a tingling leg gets the sciatica
    advice and the cauda equina safety net (physiotherapist reviews 8 and 9)."""
    back = PainSpot("back", x, y, 5)
    assert ATLAS["back"].locate(x, y).segments[0].id == segment
    for leg in (PainSpot("front", 440, 560, 3, "tingling"), CALF_R):
        flags = _flags([back, leg])
        assert flags["back_leg"] == (0, 1) and flags["cauda_equina"] == (0, 1), leg


@pytest.mark.parametrize("leg", [CALF_R, SHIN_R_NUMB], ids=["tingling calf", "numb shin"])
def test_back_pain_with_a_tingling_leg_gets_the_safety_net_and_the_back_leg_sentence(
    leg: PainSpot,
) -> None:
    flags = _flags([leg, SACROILIAC_R])
    assert flags["cauda_equina"] == (0, 1) and flags["back_leg"] == (0, 1)
    text = next(f.text for f in KNOWLEDGE.red_flags if f.id == "back_leg")
    assert text.startswith("Back pain with tingling or numbness down the leg commonly comes")
    # the leg alone, or the back alone: neither
    for alone in ([leg], [SACROILIAC_R]):
        assert not {"cauda_equina", "back_leg"} & set(_flags(alone)), alone
    # an ache down the leg with the back pain gets the safety net (sciatica is known by
    # where it goes, and is often called an ache), not the tingling leg's sentence
    ache = PainSpot(leg.view, leg.x, leg.y, 3, "ache")
    flags = _flags([ache, SACROILIAC_R])
    assert flags["cauda_equina"] == (0, 1) and "back_leg" not in flags


def test_neck_pain_with_a_tingling_arm_gets_the_neck_arm_sentence_and_keeps_headache() -> None:
    flags = _flags([FOREARM_R, NECK_R])
    assert flags["neck_arm"] == (0, 1) and flags["headache"] == (1,)
    text = next(f.text for f in KNOWLEDGE.red_flags if f.id == "neck_arm")
    assert "do not stretch or tilt it to either side" in text
    assert "Keep the neck moving gently within comfort" in text
    assert "towards the other shoulder" not in text
    assert "neck_arm" not in _flags([FOREARM_R, PainSpot("back", 548, 800, 3)])
    assert "spinal_cord" not in flags  # one arm is one nerve, not the cord


def test_both_hands_or_an_arm_and_a_leg_tingling_raise_the_spinal_cord_flag() -> None:
    hand_r = at("front", "palm", "right", intensity=2, kind="tingling")
    hand_l = at("front", "palm", "left", intensity=2, kind="numb")
    assert _flags([hand_r, hand_l])["spinal_cord"] == (0, 1)
    assert _flags([hand_r, CALF_L])["spinal_cord"] == (0, 1)
    assert "spinal_cord" not in _flags([hand_r])
    ache_l = at("front", "palm", "left", intensity=2)
    assert "spinal_cord" not in _flags([hand_r, ache_l])
    text = next(f.text for f in KNOWLEDGE.red_flags if f.id == "spinal_cord")
    assert text.startswith("New tingling or numbness in both hands, or in an arm and a leg: see a")
    assert "see a doctor soon (within a week)" in text and "commonly comes from the wrists" in text
    assert "same day if the hands are clumsy, walking is unsteady" in text
    assert "call emergency services if it came on suddenly" in text


def test_aching_in_both_shoulders_or_both_hips_raises_polymyalgia_with_the_age() -> None:
    shoulder_r = at("front", "lateral_shoulder", "right", intensity=1)
    shoulder_l = at("back", "posterior_shoulder", "left", intensity=1)
    hip_r = at("front", "lateral_hip", "right", intensity=1)
    hip_l = at("front", "anterior_hip", "left", intensity=1)
    assert _flags([shoulder_r, shoulder_l])["pmr"] == (0, 1)
    assert _flags([hip_r, hip_l])["pmr"] == (0, 1)
    for one_side in ([shoulder_r], [shoulder_r, hip_r], [hip_l, shoulder_l]):
        assert "pmr" not in _flags(one_side)
    # the tops of both shoulders by the neck are the commonest muscle spots, not the girdle
    tops = [spot("back", "c7", "acromion_r", 0.45), spot("back", "c7", "acromion_l", 0.45)]
    assert "pmr" not in _flags(tops)
    text = next(f.text for f in KNOWLEDGE.red_flags if f.id == "pmr")
    assert text.startswith("If you are over 50 and both shoulders or both hips")
    assert "for 2 weeks or more" in text
    assert "soon; the same day if there is also a new headache, a tender scalp, jaw pain" in text


def test_the_flag_texts_carry_the_reviewers_fixes() -> None:
    flags = {f.id: f.text for f in KNOWLEDGE.red_flags}
    assert "on effort" not in flags["cardiac"]
    assert "comes on with effort and eases with rest: see a doctor the same day" in flags["cardiac"]
    assert "more than 15 minutes" in flags["cardiac"]
    for words in ("trouble swallowing", "numbness of the face", "unsteady walking",
                  "drooping eyelid", "after a neck injury"):  # fmt: skip
        assert words in flags["headache"], words
    assert "testicle" in flags["abdomen"] and "could be pregnant" in flags["abdomen"]
    assert "if it spreads" in flags["nerve"]
    assert "suddenly" in flags["nerve"] and "call emergency services now" in flags["nerve"]
    assert "a change in sexual function" in flags["cauda_equina"]
    advice = " ".join(KNOWLEDGE.advice)
    assert "10 to 30 seconds" in advice and "a few seconds" not in advice
    assert "usually means you rolled too long" in advice
    assert "pulse under the tool" in advice
    safety = KNOWLEDGE.safety
    assert safety is not None
    for template in (safety.check_first, safety.spot_tingling):
        assert "this {part}" not in template and "{part}" in template
        assert not re.search(r"\byou have\b", template, re.IGNORECASE)
    assert "Do not roll it" not in safety.check_first
    names = {p.id: p.name for p in KNOWLEDGE.body_parts}
    assert names["low_back"] == "low back" and names["chest"] == "chest"
    assert names["upper_back"] == "upper back" and names["belly"] == "belly"
    assert names["head_neck"] == "head or neck"


# --- shown where every flag shows --------------------------------------------------------


def _map(tmp_path, spots: list[PainSpot]):
    from bodymap.maps import TriggerPointMap, add_spot, save_map
    from bodymap.sides import side_for

    tpm = TriggerPointMap("Patterns")
    for p in spots:
        add_spot(tpm, p.view, p.x, p.y, side_for(p.view, p.x), intensity=int(p.intensity),
                 kind=p.kind)  # fmt: skip
    path = tmp_path / "patterns.bodymap"
    save_map(tpm, path)
    return tpm, path


def test_bodymap_advise_lists_the_pattern_flags(tmp_path, capsys) -> None:
    _, path = _map(tmp_path, [CALF_R, CALF_L, SACRUM])
    assert main(["advise", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    flags = {f["id"]: f["spots"] for f in data["red_flags"]}
    assert "cauda_equina" not in flags and set(flags["back_leg"]) >= {0, 1, 2}
    assert set(flags["both_legs"]) == {0, 1, 2}
    assert main(["advise", str(path)]) == 0
    out = capsys.readouterr().out
    back_leg = next(f.text for f in KNOWLEDGE.red_flags if f.id == "back_leg")
    assert f"Warning (for your spots 1, 2, 3): {back_leg}" in out


def _advise_cli(tmp_path, capsys, spots: list[PainSpot]) -> tuple[dict[str, str], str]:
    """``bodymap advise MAP --json``'s flags by id, and the plain output's warning lines."""
    _, path = _map(tmp_path, spots)
    assert main(["advise", str(path), "--json"]) == 0
    flags = {f["id"]: f["text"] for f in json.loads(capsys.readouterr().out)["red_flags"]}
    assert main(["advise", str(path)]) == 0
    warnings = [line for line in capsys.readouterr().out.splitlines() if line.startswith("Warn")]
    return flags, "\n".join(warnings)


SHIN_L_NUMB = PainSpot("front", 555, 820, 3, "numb")


def test_one_sided_sciatica_gets_the_cauda_equina_safety_net_not_an_emergency(
    tmp_path, capsys
) -> None:
    """Back pain with one tingling leg: "go now *if you notice*", naming the signs; the
    both-legs emergency is not raised."""
    flags, out = _advise_cli(tmp_path, capsys, [CALF_R, SACROILIAC_R])
    assert "both_legs" not in flags
    safety_net = flags["cauda_equina"]
    assert safety_net.startswith("Go to an emergency department now if you notice any of these:")
    for sign in ("around the back passage or genitals", "trouble passing or holding urine",
                 "a change in sexual function", "new tingling, numbness, weakness, or shooting or"
                 " burning pain running down both legs"):  # fmt: skip
        assert sign in safety_net, sign
    # sore legs after exercise are not the warning sign: bilateral nerve symptoms are
    assert "new pain" not in safety_net.lower()
    # a safety net is what to watch for, never "applies to" the spots that raised it
    assert f"Warning (for your spots 1, 2: watch for these): {safety_net}" in out
    assert "See a clinician within a few days" in flags["back_leg"]


@pytest.mark.parametrize(
    "legs", [[CALF_R, CALF_L], [SHIN_R_NUMB, SHIN_L_NUMB]], ids=["tingling calves", "numb shins"]
)
def test_both_legs_is_an_emergency_when_new(tmp_path, capsys, legs: list[PainSpot]) -> None:
    """Both legs marked: the emergency itself, for new nerve symptoms (not sore legs), with
    the back-passage and bladder signs that make it one (the cauda_equina safety net is not
    raised without a back spot); symptoms built up over weeks: the same day; numb feet that
    crept on over months (commonly the nerves of the feet): a doctor soon."""
    flags, out = _advise_cli(tmp_path, capsys, legs)
    assert "cauda_equina" not in flags  # no back spot, no one-leg safety net
    text = flags["both_legs"]
    assert text.startswith(
        "New tingling, numbness, weakness, or shooting or burning pain running down both legs"
        " can come from"
    )
    assert "new pain" not in text.lower()
    # the lead, then the saddle, bladder, bowel and sexual signs as an emergency on their
    # own, before every softer clause (physiotherapist reviews 2 and 3, round 18)
    lead, signs, slow, checked, feet = text.split(". ")[:5]
    assert lead.endswith("nerves at the bottom of the spine: go to an emergency department now")
    assert signs == "Whatever else applies, go to an emergency department now if you notice" \
        " any of these: numbness or tingling around the back passage or genitals; new trouble" \
        " passing or holding urine or stool; a change in sexual function"  # fmt: skip
    assert slow == "If the leg symptoms built up slowly over weeks, see a doctor the same day"
    # known, checked and unchanged: the clinician's plan, so the warning is not learnt away;
    # worse or new: now
    assert checked == "If a clinician has checked them and they have not changed, follow" \
        " their plan; if they get worse or something new starts, go to an emergency department" \
        " now"  # fmt: skip
    assert feet.startswith("Numbness in both feet that crept on over months")
    assert "crept on over months commonly comes from the nerves of the feet" in text
    assert f"Warning (for your spots 1, 2): {text}" in out


SCAPULA_R = at("back", "scapula", "right")
BETWEEN_BLADES_R = at("back", "interscapular", "right")


# (map, flag, words it must say, words it must not say)
CLI_FLAGS = [
    ("both hands", [at("front", "palm", "right", kind="tingling"),
                    at("front", "palm", "left", kind="numb")], "spinal_cord",
     ["see a doctor soon (within a week)", "See a doctor the same day if the hands are clumsy"],
     ["urgently"]),
    ("groin", [at("front", "groin", "right")], "abdomen",
     ["If you could be pregnant and have pain low in the belly or bleeding from the vagina, see a"
      " doctor the same day; call emergency services if you also feel faint or have shoulder-tip"
      " pain.", "sudden pain in a testicle",
      "Call emergency services if it is sudden and severe, if there is a pulsing lump, a tender"
      " bulge that will not go back in", "or pain that does not change when you move: see a"
      " doctor the same day."],
     ["if a testicle hurts, or if you could be pregnant", "promptly",
      "If you could be pregnant, see a doctor the same day"]),
    ("back of the neck", [NECK_R], "headache",
     ["Call emergency services for a sudden, severe headache (the worst ever, reaching its worst"
      " within a few minutes)",
      "See a doctor the same day for a new headache after 50 with a tender scalp"],
     ["Get urgent medical care"]),
    ("both shoulders", [at("front", "lateral_shoulder", "right", intensity=2),
                        at("back", "posterior_shoulder", "left", intensity=2)], "pmr",
     ["If you are over 50 and", "for 2 weeks or more", "the same day if there is"
      " also a new headache, a tender scalp, jaw pain when chewing or a change in vision"], []),
    ("tingling arm, shoulder blade", [FOREARM_R, SCAPULA_R], "neck_arm",
     ["Pain in the neck, over the shoulder blade or between the shoulder blades, with tingling",
      "do not stretch or tilt it to either side"], ["towards the other shoulder", "Neck pain"]),
    ("tingling arm, between the blades", [FOREARM_R, BETWEEN_BLADES_R], "neck_arm",
     ["Pain in the neck, over the shoulder blade or between the shoulder blades, with tingling",
      "do not stretch or tilt it to either side"], ["Neck pain"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("spots", "flag", "says", "never"), [c[1:] for c in CLI_FLAGS], ids=[c[0] for c in CLI_FLAGS]
)
def test_bodymap_advise_shows_each_flag_with_its_urgency(
    tmp_path, capsys, spots, flag, says, never
) -> None:
    flags, out = _advise_cli(tmp_path, capsys, spots)
    assert flag in flags, sorted(flags)
    for words in says:
        assert words in flags[flag], words
    for words in never:
        assert words not in flags[flag], words
    assert not re.search(r"\byou have\b", flags[flag], re.IGNORECASE)
    assert flags[flag] in out


def test_a_tingling_arm_with_an_ache_below_the_shoulder_blades_is_not_the_neck_picture() -> None:
    low_back = at("back", "lumbar_paraspinal", "right")
    assert "neck_arm" not in _flags([FOREARM_R, low_back])
    assert _flags([FOREARM_R, SCAPULA_R])["neck_arm"] == (0, 1)


def test_the_guide_and_the_clinician_summary_show_the_pattern_flags(tmp_path) -> None:
    from bodymap.guide.content import guide_content_for
    from bodymap.guide.summary import summary_content_for

    tpm, _ = _map(tmp_path, [FOREARM_R, NECK_R, at("front", "palm", "left", kind="numb")])
    texts = {f.id: f.text for f in KNOWLEDGE.red_flags}
    guide = guide_content_for(tpm)
    for flag_id in ("neck_arm", "spinal_cord"):
        assert any(line.startswith(texts[flag_id]) and "for your" in line
                   for line in guide.red_flags), flag_id  # fmt: skip
    summary = summary_content_for(tpm)
    assert any(texts["neck_arm"] in line for line in summary.warnings)
    assert any(line.startswith("Spots 1, 3: ") and texts["spinal_cord"] in line
               for line in summary.warnings)  # fmt: skip


def test_a_flag_raised_by_where_the_pain_is_is_for_the_spot_never_applies_to_it(
    tmp_path,
) -> None:
    """A strong ache in the low back raises the spinal checks (fever, night pain, weight
    loss, a fall): each says what to do *if* something is also true, which the spot cannot
    show, so the guide marks them "for your spot 1", never "applies to your spot 1"."""
    from bodymap.guide.content import guide_content_for

    tpm, _ = _map(tmp_path, [PainSpot("back", 530, 385, 8)])
    texts = {f.id: f.text for f in KNOWLEDGE.red_flags}
    guide = guide_content_for(tpm).red_flags
    for flag_id in ("trauma", "fever", "night_pain", "weight_loss"):
        assert f"{texts[flag_id]} (for your spot 1)" in guide, flag_id
    assert not any("applies to" in line for line in guide)


def test_a_safety_net_is_labelled_watch_for_these_never_applies_to(tmp_path, capsys) -> None:
    """One-sided sciatica: the cauda_equina safety net (``watch_for`` in the data) reads
    "watch for these" with its spots in the guide, the clinician summary and ``bodymap
    advise``; the other flags read "for your spots"."""
    from bodymap.guide.content import guide_content_for
    from bodymap.guide.summary import summary_content_for

    assert [f.id for f in KNOWLEDGE.red_flags if f.watch_for] == ["cauda_equina"]
    tpm, path = _map(tmp_path, [CALF_R, SACROILIAC_R])
    texts = {f.id: f.text for f in KNOWLEDGE.red_flags}
    guide = guide_content_for(tpm).red_flags
    assert f"{texts['cauda_equina']} (for your spots 1, 2: watch for these)" in guide
    assert f"{texts['back_leg']} (for your spots 1, 2)" in guide
    assert not any("applies to" in line for line in guide)
    summary = summary_content_for(tpm).warnings
    assert f"Spots 1, 2 (watch for these): {texts['cauda_equina']}" in summary
    assert f"Spots 1, 2: {texts['back_leg']}" in summary
    assert main(["advise", str(path), "--json"]) == 0
    flags = {f["id"]: f for f in json.loads(capsys.readouterr().out)["red_flags"]}
    assert flags["cauda_equina"]["watch_for"] is True
    assert flags["back_leg"]["watch_for"] is False
    assert main(["advise", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"Warning (for your spots 1, 2: watch for these): {texts['cauda_equina']}" in out
    assert f"Warning (for your spots 1, 2): {texts['back_leg']}" in out


def _panel_warnings(qtbot, tmp_path, spots: list[PainSpot]) -> str:
    """The panel's warning signs for a map of ``spots``, as plain text."""
    from bodymap.ui.panel.advice_panel import AdvicePanel

    tpm, _ = _map(tmp_path, spots)
    panel = AdvicePanel()
    qtbot.addWidget(panel)
    panel.set_map(tpm)
    return panel.details.toPlainText().split("Warning signs", 1)[1]


@pytest.mark.gui
def test_the_panel_labels_a_safety_net_watch_for_these(qtbot, tmp_path) -> None:
    warnings = " ".join(_panel_warnings(qtbot, tmp_path, [CALF_R, SACROILIAC_R]).split())
    cauda = next(f.text for f in KNOWLEDGE.red_flags if f.id == "cauda_equina")
    back_leg = next(f.text for f in KNOWLEDGE.red_flags if f.id == "back_leg")
    assert f"Spots 1, 2 (watch for these): {' '.join(cauda.split())}" in warnings
    assert f"Spots 1, 2: {' '.join(back_leg.split())}" in warnings


@pytest.mark.gui
def test_the_panel_warning_list_shows_the_pattern_flags(qtbot, tmp_path) -> None:
    warnings = _panel_warnings(qtbot, tmp_path, [CALF_R, SACROILIAC_R])
    for flag_id in ("cauda_equina", "back_leg"):
        flag = next(f for f in KNOWLEDGE.red_flags if f.id == flag_id)
        assert " ".join(flag.text.split()) in " ".join(warnings.split()), flag_id
    assert "Spots 1, 2:" in warnings


# --- the loader --------------------------------------------------------------------------

_CAUTIONS = read_text("knowledge", CAUTIONS_FILE)


def _parse_cautions(text: str) -> None:
    from test_knowledge import GOOD

    parse_tables(
        {
            "leg_foot.toml": GOOD,
            CAUTIONS_FILE: text,
            ADVICE_FILE: read_text("knowledge", ADVICE_FILE),
        },
        complete=False,
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('patterns = ["both_arms", "arm_leg"]', 'patterns = ["both_arms", "arms"]',
         "red flag 'spinal_cord': patterns names unknown pattern(s) ['arms']"),
        ('patterns = ["both_arms", "arm_leg"]', 'patterns = ["both_arms"]',
         "no red flag uses pattern(s) ['arm_leg']"),
        ('id = "pmr_hips"', 'id = "pmr_shoulders"',
         "pattern 'pmr_shoulders': pattern listed twice"),
        ('parts = ["leg"]\nside = "left"', 'parts = ["legs"]\nside = "left"',
         "pattern 'both_legs', spot[0]: parts names unknown body part 'legs'"),
        ('parts = ["leg"]\nside = "left"', 'parts = ["leg"]\nside = "midline"',
         "pattern 'both_legs', spot[0]: side must be 'left' or 'right'"),
        ('parts = ["leg"]\nside = "left"', 'parts = ["leg"]\nside = "left"\nwhere = "calf"',
         "pattern 'both_legs', spot[0]: unknown key(s) 'where'"),
        ('segments = ["anterior_hip", "lateral_hip"]\nside = "left"',
         'segments = ["front_hip"]\nside = "left"', "unknown surface segment 'front_hip'"),
        ('segments = ["anterior_hip", "lateral_hip"]\nside = "left"', 'side = "left"',
         "pattern 'pmr_hips', spot[0]: give 'parts' or 'segments'"),
        ('id = "eye"\ntext', 'id = "eye"\nany_overlap = "yes"\ntext',
         "red flag 'eye': 'any_overlap' must be true or false"),
        ('source = "NICE CKS Red eye;', 'sources = "NICE CKS Red eye;',
         "red flag 'eye': missing key 'source'"),
        ("watch_for = true", 'watch_for = "yes"',
         "red flag 'cauda_equina': 'watch_for' must be true or false"),
        ('yields_to = ["both_legs"]', 'yields_to = ["both_leg"]',
         "red flag 'cauda_equina': yields_to names unknown or its own flag(s) ['both_leg']"),
        ('yields_to = ["both_legs"]', 'yields_to = ["cauda_equina"]',
         "red flag 'cauda_equina': yields_to names unknown or its own flag(s)"),
    ],
)  # fmt: skip
def test_the_loader_rejects_bad_patterns_naming_file_and_item(
    old: str, new: str, message: str
) -> None:
    assert old in _CAUTIONS, old
    with pytest.raises(KnowledgeError) as err:
        _parse_cautions(_CAUTIONS.replace(old, new, 1))
    assert str(err.value).startswith("cautions.toml"), err.value
    assert message in str(err.value), err.value


def test_a_pattern_needs_two_spots_and_a_flag_needs_a_trigger_or_a_pattern() -> None:
    one = _CAUTIONS.replace(
        '[[pattern.spot]]\nsegments = ["anterior_hip", "lateral_hip"]\nside = "right"\n', "", 1
    )
    assert one != _CAUTIONS
    with pytest.raises(KnowledgeError, match="pattern 'pmr_hips': a pattern needs at least two"):
        _parse_cautions(one)
    bare = _CAUTIONS.replace('[[red_flag.trigger]]\nsegments = ["eye"]\n', "", 1)
    assert bare != _CAUTIONS
    with pytest.raises(KnowledgeError, match="red flag 'eye': give a"):
        _parse_cautions(bare)


FEET_NUMB = [PainSpot("front", 445, 960, 2, "numb"), PainSpot("front", 555, 960, 2, "numb")]


def test_numb_feet_do_not_raise_the_hot_joint_flag_but_an_aching_ankle_does(
    tmp_path, capsys
) -> None:
    """A hot, swollen joint hurts: two numb outer ankles raise the both-legs flag, not the
    hot-joint one, which stays in everyone's "When to see a clinician"; the same places
    marked aching, sharp or burning still raise it (``bodymap advise``)."""
    flags, _ = _advise_cli(tmp_path, capsys, FEET_NUMB)
    assert "both_legs" in flags and "hot_joint" not in flags
    _, path = _map(tmp_path, FEET_NUMB)
    assert main(["advise", str(path), "--json"]) == 0
    signs = json.loads(capsys.readouterr().out)["when_to_see_a_clinician"]["warning_signs"]
    assert "hot_joint" in [s["id"] for s in signs]
    for kind in ("ache", "sharp", "burning"):
        felt = [PainSpot(p.view, p.x, p.y, 2, kind) for p in FEET_NUMB]
        flags, _ = _advise_cli(tmp_path, capsys, felt)
        assert "hot_joint" in flags, kind


@pytest.mark.parametrize("kind", ["ache", "sharp", "burning"])
def test_back_or_buttock_pain_with_pain_down_the_leg_gets_the_safety_net(kind) -> None:
    """Back pain with pain of any kind from the thigh down gets the cauda equina safety
    net, as with a tingling leg (two physiotherapist reviewers, after the GIRFT pathway:
    everyone with back pain and/or sciatica gets it; sciatica is known by where it goes),
    but not the tingling leg's sentence. The buttock counts as the back, as in the
    tingling picture; the buttock alone is not the leg."""
    calf = PainSpot(CALF_R.view, CALF_R.x, CALF_R.y, 5, kind)
    flags = _flags([calf, SACROILIAC_R])
    assert flags["cauda_equina"] == (0, 1) and "back_leg" not in flags
    assert "cauda_equina" not in _flags([calf])
    buttock = at("back", "buttock", "right", intensity=5, kind=kind)
    assert _flags([calf, buttock])["cauda_equina"] == (0, 1)
    assert "cauda_equina" not in _flags([buttock, PainSpot("back", 520, 420, 5, kind)])
    knee = at("front", "anterior_knee", "right", intensity=4, kind=kind)
    assert _flags([knee, SACROILIAC_R])["cauda_equina"] == (0, 1)
