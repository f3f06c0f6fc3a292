"""Safe by construction, checked over every record, both sides and both views.

- No roll zone and no surrounding area reaches into a caution zone: each keeps a clear
  margin (a test-local :data:`CLEARANCE`, so dropping the core's margin fails here).
- Every point of a dense grid on both views, as a spot, gets a step on its own side or a
  stated reason, at every routine length.
- Red flags fire by where and what (the table below), name their spots, and a tingling
  limb's steps say "check with a clinician first".
"""

from __future__ import annotations

import dataclasses
import functools
import json
from typing import Any

import numpy as np
import pytest
import shapely

from bodymap.advisor import PainSpot, advise
from bodymap.advisor.model import LENGTHS
from bodymap.advisor.rollable import MARGIN, RollZone, RollZones
from bodymap.advisor.tables import tables_for
from bodymap.atlas import load_atlas
from bodymap.cli import main
from bodymap.knowledge import load_knowledge

ATLAS = load_atlas()
KNOWLEDGE = load_knowledge()
TABLES = tables_for(ATLAS, KNOWLEDGE)
CLEARANCE = 3.0
"""Atlas units every roll zone keeps from every caution zone (about half a centimetre)."""
SLIVER = 1.0
GRID_STEP = 12.0


@functools.cache
def keep_out(view: str, muscle: str) -> Any:
    """The caution zones that keep this muscle's tool out, grown by the clearance (a ball
    and a roller stay off the back of the neck, where fingertips may work)."""
    tool = KNOWLEDGE.muscles[muscle].technique.tool
    return TABLES.roll_zones.keep_out(view, tool).buffer(CLEARANCE)


def mark(view: str, a: str, b: str | None = None, t: float = 0.0, dx: float = 0, dy: float = 0):
    marks = ATLAS[view].landmarks
    (ax, ay), (bx, by) = marks[a], marks[b or a]
    return ax + (bx - ax) * t + dx, ay + (by - ay) * t + dy


def spot(view: str, *where: object, intensity: float = 5, kind: str = "ache", **shift: float):
    x, y = mark(view, *where, **shift)  # type: ignore[arg-type]
    return PainSpot(view, x, y, intensity, kind)


def _grid(view: str) -> list[PainSpot]:
    outline = ATLAS[view].outline
    xs, ys = np.meshgrid(np.arange(150, 850, GRID_STEP), np.arange(4, 1000, GRID_STEP))
    inside = shapely.contains_xy(outline, xs.ravel(), ys.ravel())
    return [
        PainSpot(view, float(x), float(y))
        for x, y, ok in zip(xs.ravel(), ys.ravel(), inside, strict=True)
        if ok
    ]


GRID = {view: _grid(view) for view in ATLAS}


def test_every_roll_zone_keeps_clear_of_every_caution_zone() -> None:
    zones = TABLES.roll_zones.zones()
    assert len(zones) >= 2 * len(KNOWLEDGE.muscles) - 10  # every record, both sides
    for zone in zones:
        overlap = zone.geometry.intersection(keep_out(zone.view, zone.muscle)).area
        assert overlap <= SLIVER, (zone.view, zone.muscle, zone.side, round(overlap, 1))


@pytest.mark.parametrize("side", ["right", "left", "both"])
def test_every_record_rolled_or_not_is_safe_on_each_side(side: str) -> None:
    for muscle, record in KNOWLEDGE.muscles.items():
        best = TABLES.roll_zones.best(muscle, side)
        assert best is not None, muscle
        if TABLES.roll_zones.is_rollable(muscle, side):
            assert record.technique.tool != "none", muscle
            assert best.geometry.intersection(keep_out(best.view, muscle)).area <= SLIVER, muscle


ROUNDING = 0.2
"""Atlas units a roll zone may fall inside a margin: the grown zones' arcs are straight
segments (at most 0.1 units in) and geometry is kept to a 0.1 grid."""
HAND = (46.0, 60.0)
"""A hand's width in atlas units (about 8 to 10.5 cm on an adult, 1.75 mm a unit)."""


@functools.cache
def computed_zones() -> tuple[RollZone, ...]:
    """Every roll zone computed afresh (the shipped compact form is checked against these
    in tests/test_roll_zones_compact.py)."""
    return RollZones(ATLAS, KNOWLEDGE).zones()


@pytest.mark.parametrize("source", ["computed", "shipped"])
def test_every_roll_zone_keeps_each_caution_zones_own_margin(source: str) -> None:
    """Over every muscle, side and view: "roll here" stays as far from each caution zone
    as that zone's record asks (a hand's width behind the knee, a few fingers from the
    nerves of the elbow and the outer knee, 4 units elsewhere)."""
    every = computed_zones() if source == "computed" else TABLES.roll_zones.zones()
    zones = [z for z in every if not z.geometry.is_empty]
    assert len(zones) >= 2 * len(KNOWLEDGE.muscles) - 40
    checked: set[str] = set()
    for zone in zones:
        tool = KNOWLEDGE.muscles[zone.muscle].technique.tool
        for caution in ATLAS[zone.view].layer("caution"):
            text = KNOWLEDGE.cautions[caution.id]
            if text.tools and tool not in text.tools:
                continue  # fingertips may work the back of the neck
            gap = zone.geometry.distance(caution.geometry)
            where = (zone.view, zone.muscle, zone.side, caution.id)
            assert gap >= text.margin - ROUNDING, (*where, round(gap, 2), text.margin)
            if gap < text.margin + 1:
                checked.add(caution.id)
    # the widened zones are not vacuous: some muscle's shading ends right at the margin
    widened = {z for z, t in KNOWLEDGE.cautions.items() if t.margin > MARGIN}
    assert {"popliteal_fossa", "femoral_triangle", "fibular_head", "ulnar_groove",
            "neck_front", "axilla", "kidney"} <= widened  # fmt: skip
    assert widened - {"outside_body"} <= checked


@pytest.mark.parametrize("side", ["right", "left"])
def test_nothing_is_shaded_in_the_middle_of_the_elbow_crease(side: str) -> None:
    """The brachial artery and the median nerve lie in the middle of the elbow crease,
    which the biceps, brachialis and pronator teres records tell the reader to keep off: the
    crease's middle is a caution zone, and no shading reaches within its margin (the biceps
    and brachialis shading covered it). Its outer side stays free for the brachialis."""
    front = ATLAS["front"]
    crease = shapely.Point(front.landmarks[f"elbow_crease_{side[0]}"])
    [zone] = [r for r in front.find("cubital_fossa", side) if r.layer == "caution"]
    assert zone.geometry.contains(crease)
    hit = advise([PainSpot("front", crease.x, crease.y, 5)]).spots[0]
    assert "cubital_fossa" in {c.zone for c in hit.cautions}
    near = {z.muscle: z.geometry.distance(zone.geometry) for z in computed_zones()
            if z.view == "front" and z.side == side and z.rollable}  # fmt: skip
    for muscle in ("biceps_brachii", "brachialis", "pronator_teres"):
        assert near[muscle] >= MARGIN - 0.05, (muscle, near[muscle])
    [segment] = [r for r in front.find("antecubital_fossa", side) if r.layer == "segment"]
    outer_side = segment.geometry.difference(zone.geometry)
    assert outer_side.area > 0.2 * segment.geometry.area  # the outer side is left


def _crease_gaps(view: str, crease: Any, side: str) -> dict[str, float]:
    """Each rollable muscle of ``side``: how far its shading lies from ``crease``."""
    out = {}
    for zone in computed_zones():
        if zone.view == view and zone.side == side and zone.rollable:
            out[zone.muscle] = float(zone.geometry.distance(crease))
    return out


@pytest.mark.parametrize("side", ["right", "left"])
def test_back_of_knee_shading_stops_a_hands_width_short_of_the_crease(side: str) -> None:
    """The zone's text: "roll the calf below it and the hamstrings above it, stopping a
    hand's width short of the crease". Nothing is shaded nearer, and the calf and the
    hamstrings are shaded from about there on (no empty strip where the text says roll)."""
    (fossa,) = [
        z for z in ATLAS["back"].layer("caution") if z.id == "popliteal_fossa" and z.side == side
    ]
    y = ATLAS["back"].landmarks[f"popliteal_fossa_{side[0]}"][1]
    crease = shapely.LineString([(0, y), (1000, y)]).intersection(fossa.geometry)
    gaps = _crease_gaps("back", crease, side)
    near = {m: round(g, 1) for m, g in gaps.items() if g < HAND[0]}
    assert not near, near
    for muscle in ("gastrocnemius", "biceps_femoris", "semitendinosus", "semimembranosus"):
        assert gaps[muscle] <= HAND[1], (muscle, round(gaps[muscle], 1))


@pytest.mark.parametrize("side", ["right", "left"])
def test_inner_and_front_thigh_shading_starts_a_hands_width_below_the_groin(side: str) -> None:
    """The groin crease's text: "roll the inner and front thigh a hand's width lower down"
    (the crease runs from the front point of the hip bone to the pubic bone)."""
    marks = ATLAS["front"].landmarks
    crease = shapely.LineString([marks[f"asis_{side[0]}"], marks["pubic_symphysis"]])
    gaps = _crease_gaps("front", crease, side)
    thigh = ("adductor_longus", "adductor_magnus", "sartorius", "rectus_femoris",
             "vastus_intermedius", "vastus_medialis", "gracilis", "pectineus")  # fmt: skip
    near = {m: round(gaps[m], 1) for m in thigh if m in gaps and gaps[m] < HAND[0]}
    assert not near, near
    for muscle in ("adductor_longus", "rectus_femoris"):
        assert gaps[muscle] <= HAND[1] + 10, (muscle, round(gaps[muscle], 1))


@pytest.mark.parametrize("side", ["right", "left"])
def test_outer_shin_shading_starts_a_hands_width_below_the_fibular_head(side: str) -> None:
    """The outer knee bone's text: "roll the outer shin muscles a hand's width below it",
    and the fibularis and long toe extensor texts: "start a hand's width below the outer
    knee, where a nerve wraps around the bone" (it winds round the neck of the bone 1.5 to
    3 cm below the bump). In both views, nothing is shaded in the strip below the bump
    within a hand's width of its top, and the outer shin (fibularis, and tibialis anterior
    beside it) is shaded from about there on."""
    for view in ("front", "back"):
        (head,) = [
            z for z in ATLAS[view].layer("caution") if z.id == "fibular_head" and z.side == side
        ]
        x0, top, x1, _ = head.geometry.bounds
        strip = shapely.box(x0, top, x1, top + HAND[0] - ROUNDING)
        shaded = {
            zone.muscle: round(zone.geometry.intersection(strip).area, 2)
            for zone in computed_zones()
            if zone.view == view and zone.side == side and zone.rollable
        }  # fmt: skip
        shaded = {muscle: area for muscle, area in shaded.items() if area > SLIVER}
        assert not shaded, (view, shaded)
    (head,) = [
        z for z in ATLAS["front"].layer("caution") if z.id == "fibular_head" and z.side == side
    ]
    gaps = _crease_gaps("front", head.geometry, side)
    for muscle in ("fibularis", "tibialis_anterior"):
        assert gaps[muscle] <= HAND[1], (muscle, round(gaps[muscle], 1))


def test_the_cases_from_the_report_are_cut_back() -> None:
    rz = TABLES.roll_zones
    spine = TABLES.roll_zones.cautions["back"]
    for muscle in ("upper_trapezius", "multifidus", "quadratus_lumborum", "erector_spinae_lumbar"):
        zone = rz.best(muscle, "right")
        assert zone is not None and zone.rollable and zone.view == "back"
        assert zone.geometry.distance(spine) >= CLEARANCE, muscle
    assert not rz.is_rollable("popliteus", "right")  # inside the back of the knee
    assert not rz.is_rollable("infrahyoids", "left")  # the throat
    assert not rz.is_rollable("sternocleidomastoid", "right")  # the side of the neck


def test_a_roll_zone_with_less_room_than_a_thumbs_print_is_not_rolled() -> None:
    """A zone smaller than MIN_AREA (about a thumb's print clear of the caution zones) is
    not rollable, so no session times a step on it: a tiny muscle's stored or uncut zone
    would otherwise send a ball where there is no room for it. One just larger is."""
    from bodymap.advisor.rollable import MIN_AREA
    from bodymap.session import step_is_plannable

    small, room = shapely.box(0, 0, 7, 7), shapely.box(0, 0, 8, 8)
    assert small.area < MIN_AREA <= room.area
    assert not RollZone("front", "m", "right", small, small.area, ()).rollable
    assert RollZone("front", "m", "right", room, room.area, ()).rollable
    step = advise([PainSpot("back", 560, 175, 6)]).routine.steps[0]
    tiny = RollZone(step.view, step.muscle, step.side, small, small.area, ())
    assert not step_is_plannable(dataclasses.replace(step, roll_zone=tiny), (0,))


def test_side_of_the_neck_is_a_caution() -> None:
    (x, y) = mark("front", "jaw_angle_r", "sternal_notch", 0.4, dx=-4)
    assert "neck_front" in {r.id for r in ATLAS["front"].locate(x, y).cautions}


@pytest.mark.slow
@pytest.mark.parametrize("view", ["front", "back"])
@pytest.mark.parametrize("length", LENGTHS)
def test_every_grid_point_gets_a_step_on_its_side_or_a_reason(view: str, length: str) -> None:
    assert len(GRID[view]) > 1000
    for point in GRID[view]:
        advice = advise([point], ATLAS, KNOWLEDGE, length=length)
        found = advice.spots[0]
        assert found.covered_by or found.not_rolled_reason, (view, point.x, point.y)
        for k in found.covered_by:
            step = advice.routine.steps[k]
            assert step.side in (found.side, "both", "midline") or found.side == "midline"
            assert 0 in step.spots


@pytest.mark.slow
@pytest.mark.parametrize("view", ["front", "back"])
def test_every_surrounding_area_is_rollable_and_clear(view: str) -> None:
    tools = KNOWLEDGE.safety.surrounding_tools  # type: ignore[union-attr]
    never = {"infrahyoids", "facial_muscles", "frontalis", "occipitalis", "patellar_retinaculum",
             "epicranial_aponeurosis", "masseter", "popliteus", "pectineus"}  # fmt: skip
    for point in GRID[view][::3]:
        for area in advise([point], ATLAS, KNOWLEDGE).surrounding:
            assert area.muscle not in never, (point, area.muscle)
            assert KNOWLEDGE.muscles[area.muscle].technique.tool in tools
            geom = area.roll_zone.geometry
            assert geom.area >= 60
            assert geom.intersection(keep_out(area.view, area.muscle)).area <= SLIVER, (
                point,
                area.muscle,
            )


@pytest.mark.slow
def test_non_muscle_tissue_is_never_a_source() -> None:
    for view in ATLAS:
        for point in GRID[view][::4]:
            advice = advise([point], ATLAS, KNOWLEDGE, length="full")
            kinds = {KNOWLEDGE.muscles[s.muscle].kind for s in advice.sources}
            assert kinds <= {"muscle"}, (point, [s.muscle for s in advice.sources])


def test_fascia_under_a_spot_is_local_tissue_to_roll_around() -> None:
    advice = advise([spot("back", "greater_trochanter_r", "popliteal_fossa_r", 0.4, dx=12)])
    assert "iliotibial_band" not in {s.muscle for s in advice.sources}
    itb = [a for a in advice.surrounding if a.muscle == "iliotibial_band"]
    assert itb and itb[0].local


def test_steps_and_not_rolled_entries() -> None:
    advice = advise([spot("back", "popliteal_fossa_r", dy=10, intensity=6)], length="full")
    assert all(s.tool != "none" for s in advice.routine.steps)
    entry = next(n for n in advice.routine.not_rolled if n.muscle == "popliteus")
    data = entry.to_json()
    assert set(data) == {"muscle", "side", "name", "reason", "instead", "spots", "clinician_first",
                         "cautions"}  # fmt: skip
    assert entry.reason and entry.instead


FIVE = [
    spot("back", "c7", "acromion_l", 0.45, intensity=6),  # left shoulder top
    spot("front", "patella_r", dx=-26, dy=4, intensity=5),  # right outer knee
    spot("back", "l4", "iliac_crest_l", 0.3, intensity=6),  # left low back beside the spine
    spot("back", "heel_l", dy=-4, intensity=4),  # left heel
    spot("front", "temple_r", intensity=5),  # right temple
]


@pytest.mark.parametrize("length", LENGTHS)
def test_five_spots_all_get_an_answer_and_short_says_what_it_leaves_out(length: str) -> None:
    advice = advise(FIVE, length=length)
    for found in advice.spots:
        assert found.covered_by or found.not_rolled_reason
    if length != "short":
        assert all(found.covered_by for found in advice.spots), [
            (f.index, f.not_rolled_reason) for f in advice.spots
        ]
    else:
        assert advice.routine.left_out
        assert any("short routine" in (f.not_rolled_reason or "") for f in advice.spots)
    left_top = advice.spots[0]
    if left_top.covered_by:
        assert any(advice.routine.steps[k].side == "left" for k in left_top.covered_by)
    for step in advice.routine.steps:
        assert step.spots


def test_short_is_shorter_than_standard_and_full_is_everything() -> None:
    lengths = {n: advise(FIVE, length=n).routine for n in LENGTHS}
    assert lengths["short"].total_min <= 8
    assert len(lengths["short"].steps) < len(lengths["standard"].steps)
    assert len(lengths["standard"].steps) <= len(lengths["full"].steps)
    assert not lengths["full"].left_out


# (case, spots, flags that must be raised naming spot 0, flags that must not be raised)
GENERAL = {"trauma", "fever", "night_pain", "weight_loss"}
"""Raised for every spot on the spine or the neck at any intensity, elsewhere from 7/10."""


def at(view: str, segment: str, side: str = "right", intensity: float = 3, kind: str = "ache"):
    """A spot inside one surface segment (its representative point)."""
    (region,) = ATLAS[view].find(segment, side)
    p = region.geometry.representative_point()
    return PainSpot(view, p.x, p.y, intensity, kind)


# fmt: off
FLAG_TABLE = [
    ("chest 3/10", [spot("front", "nipple_l", dx=-10, intensity=3)], {"cardiac"}, set()),
    (
        "inner arm 3/10",
        [spot("front", "elbow_crease_l", "acromion_l", 0.4, intensity=3)],
        {"cardiac"},
        set(),
    ),
    ("jaw 3/10", [spot("front", "jaw_angle_l", "chin", 0.4, intensity=3)], {"cardiac"}, set()),
    ("jaw joint 3/10", [at("front", "tmj", "left")], {"cardiac"}, {"headache"}),
    ("throat 3/10", [at("front", "throat", "midline")], {"cardiac"}, set()),
    ("inner elbow crease 3/10", [at("front", "antecubital_fossa", "left")], {"cardiac"}, set()),
    ("inner upper arm 3/10", [at("front", "medial_upper_arm", "left")], {"cardiac"}, set()),
    ("inner forearm 3/10", [at("front", "medial_forearm", "left")], {"cardiac"}, set()),
    ("ulnar hand 3/10", [at("front", "ulnar_hand", "left")], set(), {"cardiac"}),
    ("ulnar wrist 3/10", [at("front", "wrist_palmar_ulnar", "left")], {"hot_joint"},
     {"cardiac"}),
    (
        "between shoulder blades",
        [spot("back", "c7", "t12", 0.3, dx=12, intensity=2)],
        {"cardiac"} | GENERAL,
        set(),
    ),
    (
        "calf",
        [spot("back", "popliteal_fossa_r", "heel_r", 0.3, intensity=2)],
        {"dvt"},
        {"cardiac"},
    ),
    (
        "back of the thigh 3/10",
        [spot("back", "ischial_tuberosity_r", "popliteal_fossa_r", 0.5, intensity=3)],
        {"dvt"},
        {"cardiac", "cauda_equina"} | GENERAL,
    ),
    ("inner thigh 3/10", [at("front", "medial_thigh")], {"dvt"}, GENERAL),
    ("front of the thigh 3/10", [at("front", "anterior_thigh")], {"dvt"}, set()),
    ("outer thigh 3/10", [at("back", "lateral_thigh")], set(), {"dvt"}),
    (
        "knee ache 9/10",
        [spot("front", "patella_r", intensity=9)],
        GENERAL | {"hot_joint"},
        {"cardiac", "dvt", "headache", "nerve"},
    ),
    ("knee ache 4/10", [spot("front", "patella_r", intensity=4)], {"hot_joint"},
     GENERAL | {"cardiac", "dvt"}),
    ("big toe 3/10", [at("front", "big_toe")], {"hot_joint"}, {"dvt"}),
    # the top of the shoulder is neck in the Neck Pain Task Force's map (down to the spine
    # of the shoulder blade): the spinal signs at any intensity (physiotherapist reviews 17)
    ("shoulder top 5/10", [spot("back", "c7", "acromion_r", 0.45)], GENERAL,
     {"cardiac", "headache", "hot_joint"}),
    ("low back ache 4/10", [spot("back", "l4", dx=14, intensity=4)], GENERAL,
     {"cardiac", "dvt", "cauda_equina", "abdomen"}),
    (
        "buttock numb",
        [spot("back", "psis_r", "greater_trochanter_r", 0.5, dy=20, kind="numb")],
        {"cauda_equina", "nerve"},
        {"cardiac"},
    ),
    ("temple", [spot("front", "temple_r", intensity=4)], {"headache"}, {"cardiac", "dvt"}),
    ("eye 2/10", [at("front", "eye", "left", intensity=2)], {"eye", "headache"}, {"cardiac"}),
    # the front of the shoulder over the chest muscle below the collarbone is chest for the
    # heart; over the deltoid alone it is not
    ("below the collarbone 3/10", [PainSpot("front", 592, 225, 3)], {"cardiac"}, set()),
    ("front of the deltoid 3/10", [PainSpot("front", 614, 241, 3)], set(), {"cardiac"}),
    ("cheek 3/10", [at("front", "cheek")], set(), {"eye"}),
    (
        "back of the neck 3/10",
        [spot("back", "occiput", "c7", 0.5, dx=8, intensity=3)],
        {"headache"} | GENERAL,
        {"cardiac"},
    ),
    # neck pain is neck pain at its sides too: the spinal signs at any intensity (a walk's
    # finding: a spot just off the midline of the back of the neck lost them below 7/10)
    ("side of the neck, front view", [at("front", "lateral_neck")], {"headache"} | GENERAL,
     set()),
    # the front view's top of the shoulder starts where the side of the neck ends
    ("low side of the neck, front view", [PainSpot("front", 456, 160, 3)], {"headache"} | GENERAL,
     set()),
    ("side of the neck, back view", [at("back", "lateral_neck")], {"headache"} | GENERAL, set()),
    ("back of the neck beside the midline 3/10", [PainSpot("back", 525, 150, 3)],
     {"headache"} | GENERAL, set()),
    ("top of the shoulder 3/10", [PainSpot("back", 560, 175, 3)], GENERAL, set()),
    ("over levator scapulae 5/10", [PainSpot("back", 545, 159, 5)], GENERAL, set()),
    ("above the shoulder blade 3/10", [at("back", "suprascapular")], GENERAL, set()),
    # the base of the neck, over the long muscles beside the spine at C7 (a physiotherapist
    # reviewer: the lower neck's joints refer there, and it is neck pain)
    ("base of the neck beside C7 3/10", [PainSpot("back", 526, 165, 3)], GENERAL, set()),
    ("lower belly 3/10", [spot("front", "umbilicus", "pubic_symphysis", 0.5, dx=-25)],
     {"abdomen"}, {"cardiac"} | GENERAL),
    ("upper belly 3/10", [at("front", "upper_abdomen")], {"abdomen", "cardiac"}, set()),
    ("flank 3/10", [at("back", "flank")], {"abdomen"}, set()),
    ("groin 3/10", [at("front", "groin")], {"abdomen"}, {"cauda_equina"}),
    (
        "buttock ache",
        [spot("back", "psis_r", "greater_trochanter_r", 0.5, dy=20)],
        set(),
        {"cauda_equina", "cardiac", "dvt", "nerve"} | GENERAL,
    ),
]
# fmt: on


@pytest.mark.parametrize(("name", "spots", "raised", "quiet"), FLAG_TABLE,
                         ids=[c[0] for c in FLAG_TABLE])  # fmt: skip
def test_red_flag_table(
    name: str, spots: list[PainSpot], raised: set[str], quiet: set[str]
) -> None:
    advice = advise(spots)
    assert advice.spots[0].inside, name
    flags = {f.id: f.spots for f in advice.red_flags}
    for flag in raised:
        assert flags.get(flag) == (0,), (name, flag, flags)
    assert not quiet & set(flags), (name, flags)


def test_cardiac_names_every_spot_that_raised_it() -> None:
    spots = [
        spot("front", "nipple_l", dx=-10, intensity=5),
        spot("front", "elbow_crease_l", "acromion_l", 0.4, intensity=5),
        spot("front", "jaw_angle_l", "chin", 0.4, intensity=5),
        spot("front", "patella_r", intensity=5),
    ]
    advice = advise(spots)
    cardiac = next(f for f in advice.red_flags if f.id == "cardiac")
    assert cardiac.spots == (0, 1, 2)
    assert "breathlessness" in cardiac.text and "emergency services" in cardiac.text


def test_a_tingling_knee_keeps_the_leg_out_of_the_routine_until_a_clinician_clears_it() -> None:
    """A tingling or numb limb is not rolled without a clinician's word: no step (nothing
    shaded "roll here", no warm-up pass) rolls the sources of the tingling spot or a muscle on
    that leg; each is listed as not rolled, with why. The shoulder spot keeps its step."""
    knee = spot("front", "patella_r", dx=-26, dy=4, kind="tingling")
    shoulder = spot("back", "c7", "acromion_l", 0.45)
    advice = advise([knee, shoulder], length="full")
    steps = advice.routine.steps
    assert steps and all(s.spots == (1,) for s in steps), [(s.muscle, s.spots) for s in steps]
    tables = tables_for(load_atlas(), load_knowledge())
    for s in steps:  # nothing shaded on the right leg
        assert not tables.part_touches(s.view, "leg", "right", s.roll_zone.geometry), s.muscle
    check_first = load_knowledge().safety.check_first.format(side="right", part="leg")
    held = [n for n in advice.routine.not_rolled if n.reason == check_first]
    assert held and all(0 in n.spots or n.side == "right" for n in held)
    held_keys = {(n.muscle, n.side) for n in held}
    knee_sources = {
        (s.muscle, s.side) for s in advice.sources if any(r.spot == 0 for r in s.reasons)
    }
    assert knee_sources and knee_sources <= held_keys | {
        (n.muscle, n.side) for n in advice.routine.not_rolled
    }
    assert advice.spots[0].covered_by == ()
    assert "clinician" in (advice.spots[0].not_rolled_reason or "")
    assert not {(w.muscle, w.side) for w in advice.routine.warmup} & held_keys


def test_when_to_see_a_clinician_is_always_there() -> None:
    advice = advise([])
    assert advice.clinician_title and advice.clinician
    text = " ".join(advice.contraindications).lower()
    for word in ("pregnan", "blood thinners", "osteoporosis", "varicose", "operation", "feeling",
                 "lymphoedema"):  # fmt: skip
        assert word in text, word


def test_every_flag_is_a_warning_sign_in_the_clinician_section_whatever_the_spots() -> None:
    every = [flag.id for flag in KNOWLEDGE.red_flags]
    for spots in ([], [spot("back", "l4", dx=14, intensity=4)], [at("front", "anterior_knee")]):
        advice = advise(spots)
        assert [i for i, _ in advice.warning_signs] == every
        signs = advice.to_json()["when_to_see_a_clinician"]["warning_signs"]
        assert [s["id"] for s in signs] == every and all(s["text"] for s in signs)
    assert set(every) >= GENERAL


def test_screening_never_waits_for_intensity() -> None:
    """Every flag is raised somewhere at 1/10 and none says "Severe"; an intensity alone
    raises only the four general flags (from 7/10, severe on the 0-10 scale). Cross-spot
    patterns have no intensity at all (tests/test_flag_patterns.py raises each at 1/10)."""
    for flag in KNOWLEDGE.red_flags:
        assert not flag.text.lower().startswith("severe"), flag.id
        assert flag.patterns or any(t.min_intensity == 0 for t in flag.triggers), flag.id
        for trigger in flag.triggers:
            if not (trigger.segments or trigger.regions or trigger.kinds):
                assert flag.id in GENERAL and trigger.min_intensity >= 7, flag.id
    low_back = advise([spot("back", "l4", dx=14, intensity=1)])
    assert {f.id for f in low_back.red_flags} >= GENERAL


def test_red_flag_and_safety_texts_never_diagnose() -> None:
    from test_knowledge import DIAGNOSIS

    safety = KNOWLEDGE.safety
    assert safety is not None
    texts = [flag.text for flag in KNOWLEDGE.red_flags]
    texts += [c.text for c in KNOWLEDGE.contraindications]
    for zone in KNOWLEDGE.cautions.values():
        texts += [zone.name, zone.text, zone.instead, zone.spot_reason]
    texts += [*safety.clinician, safety.check_first, safety.spot_tingling, safety.spot_no_step]
    texts += [*KNOWLEDGE.advice, KNOWLEDGE.disclaimer]
    for text in texts:
        assert not DIAGNOSIS.search(text), text


def test_dvt_and_spine_texts_say_what_to_do() -> None:
    flags = {flag.id: flag.text for flag in KNOWLEDGE.red_flags}
    dvt = flags["dvt"].lower()
    for words in ("calf", "thigh", "do not roll or massage", "same day", "emergency services",
                  "short of breath", "chest pain"):  # fmt: skip
        assert words in dvt, words
    spine = KNOWLEDGE.cautions["spine"]
    assert "foam roller" in spine.instead and "osteoporosis" in spine.instead
    assert "worst ever" in flags["headache"]


def test_contraindications_are_short_plain_and_complete() -> None:
    text = " ".join(c.text for c in KNOWLEDGE.contraindications).lower()
    for word in ("hernia", "aneurysm", "neck arteries", "stroke", "cancer", "lump",
                 "skin infection", "rash", "pacemaker", "port", "steroid"):  # fmt: skip
        assert word in text, word
    assert all(len(c.text) <= 180 for c in KNOWLEDGE.contraindications)
    # not only "do not roll over a lump": a new one is checked, without waiting in a breast
    # or testicle (NHS, Lumps; NICE NG12; physiotherapist reviews 2 and 3, round 18)
    assert (
        "or a doctor soon if a lump grows, is hard, in a breast or testicle, or lasts 2 weeks"
        in text
    )
    # the pincer grip of the neck meets its lymph nodes
    scm = " ".join(KNOWLEDGE.muscles["sternocleidomastoid"].cautions)
    assert "If you feel a lump that is not the muscle, leave it and have it checked." in scm


def test_a_back_view_spot_on_the_neck_zone_reads_side_of_the_neck() -> None:
    (region, *_) = ATLAS["back"].find("neck_front")
    p = region.geometry.representative_point()
    advice = advise([PainSpot("back", p.x, p.y, 4)])
    (note,) = [c for c in advice.spots[0].cautions if c.zone == "neck_front"]
    assert note.text.startswith("Do not roll or press the side")
    zone = KNOWLEDGE.cautions["neck_front"]
    assert zone.name.startswith("Side") and zone.spot_reason.startswith("On the side")


def test_every_surface_segment_belongs_to_one_body_part() -> None:
    from bodymap.knowledge.names import SEGMENT_IDS

    owned = [seg for part in KNOWLEDGE.body_parts for seg in part.segments]
    assert sorted(owned) == sorted(set(owned))
    assert SEGMENT_IDS["front"] | SEGMENT_IDS["back"] <= set(owned)


def test_cli_advise_json_carries_the_safety_contract(tmp_path, capsys) -> None:
    from bodymap.maps import Spot, TriggerPointMap, save_map
    from bodymap.sides import side_for

    spots = [
        Spot(f"s{i}", p.view, p.x, p.y, side_for(p.view, p.x), int(p.intensity))
        for i, p in enumerate(FIVE)
    ]
    tpm = TriggerPointMap("Five spots", spots)
    path = tmp_path / "five.bodymap"
    save_map(tpm, path)
    assert main(["advise", str(path), "--json", "--length", "short"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["routine_length"] == "short"
    for step in data["routine"]:
        assert step["roll_zone"]["type"] in ("Polygon", "MultiPolygon")
        assert step["view"] in ("front", "back") and step["spots"]
        shape = shapely.geometry.shape(step["roll_zone"])
        assert shape.intersection(keep_out(step["view"], step["muscle"])).area <= SLIVER
    for entry in data["surrounding"]:
        assert entry["view"] in ("front", "back") and entry["roll_zone"]["coordinates"]
    for found in data["spots"]:
        assert found["covered_by"] or found["not_rolled_reason"]
    assert isinstance(data["not_rolled"], list) and data["left_out"]
    assert all(set(f) == {"id", "text", "spots", "watch_for"} for f in data["red_flags"])


def test_cli_atlas_export_gives_the_caution_layer(capsys) -> None:
    assert main(["atlas", "export", "--view", "back", "--layer", "caution"]) == 0
    data = json.loads(capsys.readouterr().out)
    ids = {f["properties"]["id"] for f in data["features"]}
    assert {"spine", "kidney", "popliteal_fossa"} <= ids
    assert all(f["properties"]["layer"] == "caution" for f in data["features"])
    assert main(["atlas", "export", "--view", "side"]) == 2


def test_cli_locate_and_guide_take_a_length(tmp_path, capsys) -> None:
    x, y = mark("back", "c7", "acromion_r", 0.45)
    assert main(["locate", "--view", "back", str(x), str(y), "--json", "--length", "full"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["routine_length"] == "full" and data["routine"]
    assert main(["locate", "--view", "back", str(x), str(y), "--length", "long"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_no_ball_or_roller_is_shaded_up_the_back_of_the_neck() -> None:
    """Upper trapezius is rolled on the top of the shoulder: its shading stops below the
    back-of-the-neck zone, which fingertip work (splenius capitis) may still use."""
    rz = TABLES.roll_zones
    neck = rz.keep_out("back", "ball")
    fingertips = rz.keep_out("back", "hands")
    for side in ("right", "left"):
        trapezius = rz.get("back", "upper_trapezius", side)
        assert trapezius is not None and trapezius.rollable
        assert trapezius.geometry.intersection(neck).area <= SLIVER
        assert "back_of_neck" in trapezius.blocked_by
    assert fingertips.area < neck.area  # the zone keeps balls and rollers out, not fingers
    splenius = rz.get("back", "splenius_capitis", "right")
    assert splenius is not None and "back_of_neck" not in splenius.blocked_by


@pytest.mark.parametrize("view", ["front", "back"])
def test_a_spot_beside_a_caution_zone_is_told_about_it(view: str) -> None:
    """A spot is a fingertip's disc: a zone within NEAR_CAUTION of it is one of its
    cautions (every zone of the view, from a point just outside its edge), and a zone
    further away is not."""
    from bodymap.advisor.cautions import NEAR_CAUTION

    outline = ATLAS[view].outline
    for zone in ATLAS[view].layer("caution"):
        ring = zone.geometry.buffer(NEAR_CAUTION / 2).exterior
        points = [ring.interpolate(t, normalized=True) for t in np.linspace(0, 1, 8)]
        beside = [p for p in points if outline.contains(p)]
        for p in beside[:2]:
            zones = [c.zone for c in advise([PainSpot(view, p.x, p.y)]).spots[0].cautions]
            assert zone.id in zones, (view, zone.id, side_of(p))
        far = zone.geometry.buffer(NEAR_CAUTION * 3).exterior
        for t in np.linspace(0, 1, 8):
            p = far.interpolate(t, normalized=True)
            same = [r for r in ATLAS[view].layer("caution") if r.id == zone.id]
            if outline.contains(p) and all(r.geometry.distance(p) > NEAR_CAUTION for r in same):
                zones = [c.zone for c in advise([PainSpot(view, p.x, p.y)]).spots[0].cautions]
                assert zone.id not in zones, (view, zone.id, side_of(p))


def side_of(point: Any) -> str:
    return f"{point.x:.0f},{point.y:.0f}"


def test_the_inner_arm_starts_at_the_arm_and_the_top_of_the_shoulder_beside_the_neck() -> None:
    """Segment borders a reviewer checked: the chest wall beside the armpit is the side of
    the chest, the arm's inner border the inner arm; the side of the neck keeps its width."""
    front = ATLAS["front"]
    for x in (402, 598):
        assert [s.id for s in front.locate(x, 290).segments] == ["lateral_chest"]
    for x in (396, 604):
        assert [s.id for s in front.locate(x, 300).segments] == ["medial_upper_arm"]
    for x in (456, 544):
        assert [s.id for s in front.locate(x, 160).segments] == ["lateral_neck"]
    assert [s.id for s in front.locate(443, 175).segments] == ["top_of_shoulder"]


@pytest.mark.parametrize("view", ["front", "back"])
def test_a_painted_area_over_a_caution_zone_is_told_about_it_wherever_its_point_is(
    view: str,
) -> None:
    """An area is told about every caution zone it covers, not only one under or beside
    its point: for every zone of the view, an area painted over the zone and well beyond
    it, with its point far from the zone, lists the zone, and the CLI says the same."""
    from bodymap.advisor.cautions import NEAR_CAUTION

    outline = ATLAS[view].outline
    checked = 0
    for zone in ATLAS[view].layer("caution"):
        area = zone.geometry.buffer(40).intersection(outline)
        away = area.difference(zone.geometry.buffer(NEAR_CAUTION * 2))
        if away.is_empty or away.area < 20:
            continue
        inner = away.representative_point()
        point = advise([PainSpot(view, inner.x, inner.y)]).spots[0].cautions
        if zone.id in [c.zone for c in point]:
            continue  # the same zone on the other side lies near the point: not this test
        spot = PainSpot(view, inner.x, inner.y, 5, "ache", area=area)
        zones = [c.zone for c in advise([spot]).spots[0].cautions]
        assert zone.id in zones, (view, zone.id, zone.side)
        checked += 1
    assert checked >= len(ATLAS[view].layer("caution")) // 2


def test_a_tingling_area_holds_every_limb_it_covers() -> None:
    """A tingling area painted from the chest onto the upper arm marks the arm too, though
    its point lies on the chest: no step rolls the right arm, even for an ache on its
    forearm; the other side's neck keeps its steps."""
    front = ATLAS["front"]
    chest_to_arm = shapely.box(375, 255, 445, 360).intersection(front.outline)
    assert chest_to_arm.contains(shapely.Point(430, 270))
    assert [s.id for s in front.locate(430, 270).segments] == ["chest"]
    spot = PainSpot("front", 430, 270, 5, "tingling", area=chest_to_arm)
    forearm = PainSpot("front", 350, 430, 5, "ache")  # the same arm, outside the area
    neck = PainSpot("back", 440, 175, 5, "ache")  # the other side
    advice = advise([spot, forearm, neck], length="full")
    assert "clinician" in (advice.spots[0].not_rolled_reason or "")
    tables = tables_for(ATLAS, load_knowledge())
    assert advice.routine.steps
    for step in advice.routine.steps:
        assert not tables.part_touches(step.view, "arm", "right", step.roll_zone.geometry)


def _leg(view: str, side: str) -> Any:
    """The person's leg on ``side`` in ``view``: its surface segments, as the body parts
    table lists them (the buttock is on the leg, as for sciatica)."""
    (leg,) = [part for part in KNOWLEDGE.body_parts if part.id == "leg"]
    return shapely.union_all(
        [
            r.geometry
            for r in ATLAS[view].layer("segment")
            if r.id in leg.segments and r.side == side
        ]
    )


@pytest.mark.parametrize("side", ["right", "left"])
def test_a_muscle_listed_for_both_sides_is_held_by_a_numb_leg_on_either_side(side: str) -> None:
    """A sacral ache lists the buttock muscles once for both sides; a numb calf on one side
    marks that leg, buttock included. The "both" entry is shaded on both buttocks, so it is
    held whichever leg is numb: no step's shading lies on the numb leg."""
    sacrum = at("back", "sacrum", "midline", intensity=6)
    calf = at("back", "calf", side, intensity=3, kind="numb")
    advice = advise([sacrum, calf], length="full")
    assert ("gluteus_maximus", "both") in {(s.muscle, s.side) for s in advice.sources}
    held = {(n.muscle, n.side) for n in advice.routine.not_rolled if n.clinician_first}
    assert ("gluteus_maximus", "both") in held
    assert advice.routine.steps
    for step in advice.routine.steps:
        sides = ("right", "left") if step.side == "both" else (step.side,)
        for view in ATLAS:
            for s in (*sides, "midline"):
                zone = TABLES.roll_zones.get(view, step.muscle, s)
                if zone is not None:
                    on_leg = zone.geometry.intersection(_leg(view, side)).area
                    assert on_leg < SLIVER, (step.muscle, step.side, view, on_leg)


def test_a_muscle_held_for_both_sides_is_not_rolled_around_on_either() -> None:
    """A tingling sacrum holds its sources, listed once for both sides; "Also roll around"
    offers neither side of a held muscle (the buttock muscles beside the sacrum were offered
    on one side)."""
    advice = advise([at("back", "sacrum", "midline", intensity=5, kind="tingling")])
    held = advice.routine.held
    assert any(side == "both" for _, side in held)
    sides = {"both": ("right", "left", "both")}
    barred = {(m, s) for m, side in held for s in sides.get(side, (side,))}
    assert advice.surrounding
    for area in advice.surrounding:
        assert (area.muscle, area.side) not in barred, (area.muscle, area.side)


def test_a_painted_area_raises_the_red_flags_of_all_it_covers() -> None:
    """An area painted from the thigh down over the knee raises the hot-joint flag, though
    its point lies on the thigh, and the flag names the area."""
    front = ATLAS["front"]
    thigh_to_knee = shapely.box(405, 600, 440, 720).intersection(front.outline)
    assert "knee" not in " ".join(s.id for s in front.locate(420, 620).segments)
    spot = PainSpot("front", 420, 620, 5, "ache", area=thigh_to_knee)
    assert "hot_joint" not in [f.id for f in advise([PainSpot("front", 420, 620)]).red_flags]
    flags = {f.id: f.spots for f in advise([spot]).red_flags}
    assert flags.get("hot_joint") == (0,)
