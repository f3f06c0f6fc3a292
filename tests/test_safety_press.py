"""The press test and a tingling limb, checked over every muscle and every spot of a grid.

- The point a press test asks the person to press (⊕) keeps, from every zone not to press,
  at least that zone's margin: over every muscle's every trigger-point site on both sides
  and in both views, and over every question the advisor can produce for a spot anywhere
  on the body.
- A tingling or numb spot holds every source that serves it, whether it can be rolled or
  not: "check with a clinician first", no stretch offered instead, no press test.
- Nothing held, and nothing on a limb marked tingling or numb, is offered to roll around.

The zones not to press and their margins are restated here from the data (`cautions.toml`
``[[zone]]``): a ``danger`` zone that keeps fingers out (the back of the neck keeps only a
ball and a roller out), at its own ``press_margin`` or else ``margin`` where the data gives
one, else the roll zones' margin.
"""

from __future__ import annotations

import functools
import json
import math
import re
from typing import Any

import numpy as np
import pytest
import shapely
import shapely.geometry

from bodymap.advisor import PainSpot, Source, advise
from bodymap.advisor.model import Advice, Reason
from bodymap.advisor.press import NEAR_SITE, press_questions
from bodymap.advisor.ranking import MAX_SOURCES
from bodymap.advisor.rollable import MARGIN
from bodymap.advisor.tables import tables_for
from bodymap.atlas import load_atlas
from bodymap.knowledge import load_knowledge

ATLAS = load_atlas()
KNOWLEDGE = load_knowledge()
TABLES = tables_for(ATLAS, KNOWLEDGE)
GRID_STEP = 15.0
VIEWS = ("front", "back")


def test_the_anconeus_step_presses_where_its_picture_allows_it(tmp_path, capsys) -> None:
    """The anconeus step presses the hollow beside the elbow tip: its trigger point lies
    within the inner elbow groove's 12-unit roll margin, but the elbow tip lies between it
    and the nerve, so a fingertip's press keeps only the zone's ``press_margin`` and the
    picture draws a ⊕ there, not a "do not press" ring; the step keeps the thumb away from
    the groove on the inner side (`bodymap advise --json`)."""
    from bodymap.cli import main
    from bodymap.maps import TriggerPointMap, add_spot, save_map
    from bodymap.ui.drawing.sites import trigger_point_sites

    groove = KNOWLEDGE.cautions["ulnar_groove"]
    assert groove.press_margin is not None and groove.press_margin < groove.margin
    for side in ("left", "right"):
        sites = trigger_point_sites("anconeus", side, ATLAS, KNOWLEDGE)
        points = [(view, x, y) for view, pts in sites.items() for x, y in pts]
        assert points, side
        for view, x, y in points:
            assert TABLES.no_press.clear(view, x, y), (side, view, x, y)
            near = [z for z, geom, _ in no_press(view) if z == "ulnar_groove"
                    and shapely.distance(geom, shapely.Point(x, y)) < groove.margin]  # fmt: skip
            assert near, "the roll margin alone would have drawn a ring here"
    tpm = TriggerPointMap("Outer elbow")
    add_spot(tpm, "back", 636, 372, "right", intensity=5, kind="ache")
    path = tmp_path / "elbow.bodymap"
    save_map(tpm, path)
    assert main(["advise", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (step,) = [s for s in data["routine"] if s["muscle"] == "anconeus"]
    assert step["how"].startswith(
        "Sit with the forearm on a table. Press the thumb lightly into the small hollow on the"
        " outer side of the tip of the elbow, between the tip and the outer knob, keeping away"
        " from the groove on the inner side."
    )
    (source,) = [s for s in data["sources"] if s["muscle"] == "anconeus"]
    for site in source["trigger_points"]:
        assert TABLES.no_press.clear(site["view"], *site["point"])


CORACOBRACHIALIS_HOW = (
    "Sit with the arm out to the side on a table, palm up. Two finger-widths below the"
    " armpit's front fold, press the thumb in under the inner edge of the biceps, towards the"
    " bone, not up into the armpit or back into the groove behind the biceps, and stroke"
    " slowly down a few centimetres."
)
SUBSCAPULARIS_HOW = (
    "Lie on your good side, the sore arm forwards on a pillow. Find the lower half of"
    " the shoulder blade's outer edge, below the armpit, with the fingertips of the other"
    " hand; curl them round onto the front of the blade and press gently towards it, keeping"
    " out of the armpit's hollow and off the ribs."
)


def test_the_armpit_muscles_are_worked_below_the_ring_their_picture_draws(tmp_path, capsys):
    """Coracobrachialis' and subscapularis' trigger points lie at the armpit's edge, where
    nothing bony lies between them and the nerves and vessels to the arm: the armpit keeps
    its whole margin for a press (no ``press_margin``), both sites stay "do not press" rings
    and are never a press test, and each step presses below the armpit instead, away from
    its ring (`bodymap advise --json`; the physiotherapist's review round 7)."""
    from bodymap.advisor import advise_map
    from bodymap.cli import main
    from bodymap.maps import TriggerPointMap, add_spot, load_map, save_map
    from bodymap.ui.drawing.sites import trigger_point_sites

    armpit = KNOWLEDGE.cautions["axilla"]
    assert armpit.press_margin is None
    for muscle in ("coracobrachialis", "subscapularis"):
        for side in ("left", "right"):
            sites = trigger_point_sites(muscle, side, ATLAS, KNOWLEDGE)
            points = [(view, x, y) for view, pts in sites.items() for x, y in pts]
            assert points, (muscle, side)
            for view, x, y in points:
                assert TABLES.no_press.too_close(view, x, y) == ("axilla",), (muscle, side)
                assert not TABLES.no_press.clear(view, x, y)
    tpm = TriggerPointMap("Front of the shoulder and upper arm")
    add_spot(tpm, "front", 396, 280, "right", intensity=6, kind="ache")  # inner upper arm
    add_spot(tpm, "back", 610, 215, "right", intensity=6, kind="ache")  # back of the shoulder
    path = tmp_path / "armpit.bodymap"
    save_map(tpm, path)
    assert main(["advise", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    listed = {s["muscle"]: s for s in data["sources"]}
    assert {"coracobrachialis", "subscapularis"} <= set(listed)
    for muscle in ("coracobrachialis", "subscapularis"):
        for site in listed[muscle]["trigger_points"]:
            assert not TABLES.no_press.clear(site["view"], *site["point"]), muscle
    (step,) = [s for s in data["routine"] if s["muscle"] == "coracobrachialis"]
    assert step["how"] == CORACOBRACHIALIS_HOW
    assert "below the armpit" in " ".join(step["cautions"])
    # where the step presses (its shading) keeps the armpit's whole margin, and the ring
    # sits above it, so "two fingers below the armpit" is on the shading, not on the ring
    shading = shapely.geometry.shape(step["roll_zone"])
    (site,) = listed["coracobrachialis"]["trigger_points"]
    ring_view, ring = site["view"], site["point"]
    assert step["view"] == ring_view
    assert ring[1] < shading.bounds[1]
    for zone_id, geometry, margin in no_press(step["view"]):
        assert geometry.distance(shading) >= margin - 0.5, zone_id
    (held,) = [n for n in data["not_rolled"] if n["muscle"] == "subscapularis"]
    assert "armpit" in held["reason"] and "shoulder-blade edge" in held["instead"]
    assert KNOWLEDGE.muscles["subscapularis"].technique.how == SUBSCAPULARIS_HOW
    # the press test, on the map as the panel and the CLI read it: neither is asked about
    loaded = load_map(path)
    spots = [PainSpot(s.view, s.x, s.y, s.intensity, s.kind) for s in loaded.spots]
    asked = {q.muscle for q in every_question(advise_map(loaded), spots)}
    assert asked and not asked & {"coracobrachialis", "subscapularis"}


PRESSES = re.compile(r"\b(press|thumb|fingertips?|fingers?|knead|squeeze|pinch)", re.IGNORECASE)
KEEPS_OFF = {
    # a step may press a muscle whose site is a ring only if it says where to stay off it
    "axilla": re.compile(
        r"below the (?:front fold of the )?armpit[^.]*(?:rather than|keep(?:ing)?|not) (?:up )?"
        r"(?:out of |into )"
    ),
    "neck_front": re.compile(r"lift it away from the neck"),
    "spine": re.compile(r"groove[^.]*never on the spine's bony points"),
}


def _ringed_pressing_steps() -> dict[str, set[str]]:
    """Muscles worked with the hands (or pressed with the fingers) whose ``how`` presses,
    with the zones not to press their trigger-point sites lie in or near."""
    out: dict[str, set[str]] = {}
    for muscle in KNOWLEDGE.muscles.values():
        tech = muscle.technique
        if not tech.rolled or not PRESSES.search(tech.how):
            continue
        for side in ("left", "right"):
            for view, pts in trigger_point_sites_of(muscle.id, side).items():
                for x, y in pts:
                    out.setdefault(muscle.id, set()).update(TABLES.no_press.too_close(view, x, y))
    return {m: zones for m, zones in out.items() if zones}


def trigger_point_sites_of(muscle: str, side: str) -> dict[str, list[tuple[float, float]]]:
    from bodymap.ui.drawing.sites import trigger_point_sites

    return trigger_point_sites(muscle, side, ATLAS, KNOWLEDGE)


@pytest.mark.parametrize(
    "muscle",
    [
        "coracobrachialis",
        "subscapularis",
        "sternocleidomastoid",
        "multifidus",
    ],
)
def test_a_step_that_presses_says_how_to_keep_off_its_ring(muscle: str):
    """Every muscle whose ``how`` tells to press with the thumb or fingertips has its
    trigger-point sites drawn as ⊕, or its ``how`` directs the pressure away from the zone
    its ring lies in; the list below is all such muscles (checked by the next test)."""
    zones = _ringed_pressing_steps().get(muscle, set())
    assert zones, f"{muscle}'s sites are all ⊕ now: drop it from this list"
    how = KNOWLEDGE.muscles[muscle].technique.how
    for zone in zones:
        assert zone in KEEPS_OFF and KEEPS_OFF[zone].search(how), (muscle, zone, how)


def test_every_pressing_step_with_a_ring_is_checked():
    assert set(_ringed_pressing_steps()) == {
        "coracobrachialis",
        "subscapularis",
        "sternocleidomastoid",
        "multifidus",
    }


@functools.cache
def no_press(view: str) -> tuple[tuple[str, Any, float], ...]:
    """(zone id, geometry, margin) of every zone of ``view`` a finger must not press."""
    out = []
    for zone in ATLAS[view].layer("caution"):
        text = KNOWLEDGE.cautions.get(zone.id)
        if text is not None and (
            text.kind != "danger" or (text.tools and "hands" not in text.tools)
        ):
            continue
        if text is None:
            margin = MARGIN
        else:
            margin = float(text.margin if text.press_margin is None else text.press_margin)
        out.append((zone.id, zone.geometry, margin))
    return tuple(out)


def too_close(view: str, x: float, y: float) -> list[tuple[str, float]]:
    """The zones not to press that (x, y) lies closer to than their margin, with the distance."""
    point = shapely.Point(x, y)
    return [
        (zone_id, round(float(geometry.distance(point)), 1))
        for zone_id, geometry, margin in no_press(view)
        if geometry.distance(point) < margin
    ]


@functools.cache
def grid(view: str) -> tuple[tuple[float, float], ...]:
    """Points of a grid inside the outline of ``view``."""
    xs, ys = np.meshgrid(np.arange(150, 850, GRID_STEP), np.arange(4, 1000, GRID_STEP))
    xs, ys = xs.ravel(), ys.ravel()
    inside = shapely.contains_xy(ATLAS[view].outline, xs, ys)
    return tuple((float(x), float(y)) for x, y in zip(xs[inside], ys[inside], strict=True))


def every_question(advice: Advice, spots: list[PainSpot]):
    """What the panel offers, and every question the advisor could ask about a listed
    source (each one as if it were in the top, or already answered)."""
    views = [s.view for s in spots]
    levels = [float(s.intensity) for s in spots]
    every = press_questions(
        advice.sources,
        views,
        levels,
        top=MAX_SOURCES,
        held=advice.routine.held,
        clear=TABLES.no_press.clear,
        spots_at=[(s.x, s.y) for s in spots],
    )
    return (*advice.press, *every)


def test_the_zones_not_to_press_are_the_danger_zones_of_the_safety_model():
    """The spine, the neck, the back of the knee, the groin, the armpit and the kidney
    area (the facts of docs/PRODUCT.md) are never pressed; the kneecap (bone) and the back
    of the neck (fingertips welcome) are no such zone."""
    ids = {zone_id for view in VIEWS for zone_id, _g, _m in no_press(view)}
    assert {"spine", "neck_front", "popliteal_fossa", "femoral_triangle", "axilla", "kidney"} <= ids
    assert not {"kneecap", "back_of_neck"} & ids


def test_every_muscles_press_point_keeps_clear_of_the_zones_not_to_press():
    """Every muscle with trigger points, on each side, asked about a spot on each of its
    sites (and mirrored into the other view): the ⊕ lies clear of every zone not to press
    by its margin, or no test is offered. A spot on a clear site is always asked about at
    that site (nothing is dropped for nothing)."""
    asked = withheld = 0
    for (muscle, side), points in sorted(TABLES.trigger_points.items()):
        if not points:
            continue
        reason = Reason(0, "local", None, "lies under this spot")
        source = Source(muscle, side, 0.9, muscle, (reason,), points)
        for at_view, x, y in points:
            for view in VIEWS:
                questions = press_questions(
                    [source], [view], [5.0], clear=TABLES.no_press.clear, spots_at=[(x, y)]
                )
                for q in questions:
                    assert q.site is not None
                    assert not too_close(*q.site), (muscle, side, q.site, too_close(*q.site))
                if view == at_view and not too_close(at_view, x, y):
                    assert [q.site for q in questions] == [(at_view, x, y)], (muscle, side)
                asked += len(questions)
                withheld += not questions
    assert asked > 350 and withheld >= 40  # 234 sources × 2 views; 32 with no clear site
    print(f"press points checked: {asked} asked, {withheld} withheld")


@pytest.mark.slow  # an exhaustive grid, or a PDF rendered: CI runs it
@pytest.mark.parametrize("view", VIEWS)
def test_no_question_for_a_spot_anywhere_points_into_a_zone_not_to_press(view: str):
    """A spot at every point of a grid over the body: every question the advisor offers or
    could offer about a listed source presses a point clear of every zone not to press."""
    checked = 0
    muscles: set[str] = set()
    for x, y in grid(view):
        spots = [PainSpot(view, x, y, 6)]
        advice = advise(spots)
        for q in every_question(advice, spots):
            assert q.site is not None
            assert not too_close(*q.site), ((x, y), q.muscle, q.site, too_close(*q.site))
            # and it is the site that serves the spot, or one near it, never a far one
            sites = TABLES.trigger_points[(q.muscle, q.side)]
            same = [p for p in sites if p[0] == view] or list(sites)
            serving = min(same, key=lambda p: (p[1] - x) ** 2 + (p[2] - y) ** 2)
            if q.site[0] == serving[0]:
                assert math.dist(q.site[1:], serving[1:]) <= NEAR_SITE, ((x, y), q.muscle)
            checked += 1
            muscles.add(q.muscle)
    assert checked > 5000 and len(muscles) > 70
    print(f"{view}: {len(grid(view))} spots, {checked} questions, {len(muscles)} muscles")


REVIEWED_SPOTS = [
    # where the physiotherapist's review found a press test pointing into a zone not to press
    ("front", 470, 510, {"pectineus"}),  # groin
    ("back", 549, 720, {"popliteus"}),  # back of the knee
    ("front", 490, 150, {"sternocleidomastoid", "infrahyoids"}),  # throat
    ("front", 470, 150, {"scalenes"}),  # side of the neck
    ("back", 540, 340, {"serratus_posterior_inferior"}),  # flank, kidney area
]


@pytest.mark.parametrize(("view", "x", "y", "never"), REVIEWED_SPOTS)
def test_the_reviewed_spots_get_no_press_test_in_a_zone(view, x, y, never):
    advice = advise([PainSpot(view, x, y, 6)])
    assert never & {s.muscle for s in advice.sources}  # listed as likely sources...
    assert not never & {q.muscle for q in advice.press}  # ...but not asked about
    # others are asked about, but for the throat, where the heart warning asks none at all
    assert bool(advice.press) != bool(advice.spots[0].press_note)


def test_a_neck_spot_is_never_asked_about_by_pressing_the_low_back():
    """Multifidus has a point beside the neck and one beside the low back; with the neck's
    blocked or not, a neck spot's test never sends the ⊕ to the low back (the
    physiotherapist's re-review found it did)."""
    neck = ATLAS["back"].landmarks["c7"]
    listed = 0
    for dx, dy in ((8, -20), (-8, -20), (10, -30), (0, -35), (12, -10)):
        spots = [PainSpot("back", neck[0] + dx, neck[1] + dy, 6)]
        advice = advise(spots)
        listed += any(s.muscle == "multifidus" for s in advice.sources)
        for q in every_question(advice, spots):
            if q.muscle == "multifidus":
                assert q.site is not None and q.site[2] < neck[1] + 60, q.site
    assert listed  # multifidus is a listed source of these neck spots


def _serves(source: Source, index: int) -> bool:
    return any(r.spot == index and r.answer != "no" for r in source.reasons)


def _side_ok(source_side: str, spot_side: str) -> bool:
    return spot_side == "midline" or source_side in (spot_side, "both", "midline")


def check_holds(advice: Advice) -> int:
    """Every listed source serving a tingling or numb spot (on its side) is held: no step,
    "check with a clinician first" and no stretch instead, no press test. Nothing held,
    nor anything on a marked body part and side, is offered to roll around. Returns how
    many held sources that cannot be rolled it saw."""
    held = advice.routine.held
    entries = {(n.muscle, n.side): n for n in advice.routine.not_rolled}
    stepped = {(s.muscle, s.side) for s in advice.routine.steps}
    pressed = {(q.muscle, q.side) for q in advice.press}
    unrollable = 0
    marked: set[tuple[str, str]] = set()
    eased: dict[tuple[str, str], Source] = {}
    for finding in advice.spots:
        if not (finding.inside and finding.kind in ("tingling", "numb")):
            continue
        parts = {(TABLES.part_of[s.id], s.side) for s in finding.segments if s.id in TABLES.part_of}
        marked |= parts
        for source in advice.sources:
            if not _serves(source, finding.index):
                continue
            if not any(_side_ok(source.side, side) for _part, side in parts):
                continue
            key = (source.muscle, source.side)
            if key not in held and source.muscle in KNOWLEDGE.beside_spine:
                # beside the spine, serving an ache too (the back-and-leg picture): rolled
                # for it with the stop rule, never held back for the leg alone
                aches = {f.index for f in advice.spots if f.kind not in ("tingling", "numb")}
                assert any(_serves(source, j) for j in aches), key
                eased[key] = source
                continue
            assert key in held, (finding.index, key)
            entry = entries[key]
            assert entry.clinician_first and entry.instead == "", key
            assert entry.reason.startswith("Check with a clinician first")
            assert key not in stepped and key not in pressed, key
            unrollable += not TABLES.roll_zones.is_rollable(*key)
    zones = TABLES.roll_zones
    for area in advice.surrounding:
        assert (area.muscle, area.side) not in held, area.muscle
        for part, side in marked:
            if area.side in (side, "midline"):
                # in every view, not only the map the area is offered on
                for zone in zones.every_view(area.muscle, area.side):
                    touches = TABLES.part_touches(zone.view, part, side, zone.geometry)
                    assert not touches, (area.muscle, area.side, zone.view, part, side)
    caution = KNOWLEDGE.beside_spine_caution
    for step in advice.routine.steps:  # the hold uses the same rule: every view
        if (step.muscle, step.side) in eased:
            assert caution in step.cautions, step.muscle
        if step.muscle in KNOWLEDGE.beside_spine and caution in step.cautions:
            continue  # beside the spine for a back spot, with the stop rule
        for part, side in marked:
            if _side_ok(step.side, side):
                for zone in zones.every_view(step.muscle, step.side):
                    touches = TABLES.part_touches(zone.view, part, side, zone.geometry)
                    assert not touches, (step.muscle, step.side, zone.view, part, side)
    return unrollable


@pytest.mark.slow  # an exhaustive grid, or a PDF rendered: CI runs it
@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("kind", ["tingling", "numb"])
def test_a_tingling_spot_anywhere_holds_every_source_serving_it(view: str, kind: str):
    spots_seen = unrollable = 0
    for x, y in grid(view):
        advice = advise([PainSpot(view, x, y, 6, kind)])
        unrollable += check_holds(advice)
        spots_seen += 1
    assert unrollable > 50  # muscles worked without a roller are among those held
    print(f"{view} {kind}: {spots_seen} spots, {unrollable} held sources without a roller")


@pytest.mark.slow  # an exhaustive grid, or a PDF rendered: CI runs it
@pytest.mark.parametrize(
    ("ache", "tingle"),
    [
        (("back", 470.0, 395.0), "back"),  # low back ache, tingling leg or arm at the back
        (("back", 560.0, 175.0), "back"),  # neck ache
        (("front", 470.0, 300.0), "front"),  # chest ache
    ],
)
def test_with_an_ache_elsewhere_nothing_on_the_tingling_limb_is_rolled_around(ache, tingle):
    """An ache on the trunk or neck with a tingling spot anywhere (every other grid point):
    the ache's steps bring areas to roll around, never one on the tingling limb."""
    for x, y in grid(tingle)[::3]:
        advice = advise([PainSpot(*ache, 5), PainSpot(tingle, x, y, 6, "tingling")])
        check_holds(advice)


def test_a_muscle_held_on_one_map_is_not_offered_to_roll_around_on_the_other():
    """The re-review's case: a tingling front of the right shoulder. A back muscle whose
    back roll zone lies on the arm (latissimus dorsi, up to the back of the shoulder and
    arm) is held by a tingling arm, so it is not offered to roll around from the front map
    either. (The upper trapezius was the case until its zone became the top of the
    shoulder only.)"""
    lats = [
        z
        for z in TABLES.roll_zones.every_view("latissimus_dorsi", "right")
        if TABLES.part_touches(z.view, "arm", "right", z.geometry)
    ]
    assert lats, "the case no longer arises: latissimus dorsi's zones miss the arm"
    advice = advise([PainSpot("front", 395.0, 250.0, 3, "tingling")])
    assert ("latissimus_dorsi", "right") in advice.routine.held
    assert ("latissimus_dorsi", "right") not in {(a.muscle, a.side) for a in advice.surrounding}
    hand = advise([PainSpot("front", 370.0, 480.0, 6, "tingling"), PainSpot("back", 600, 300, 5)])
    assert ("latissimus_dorsi", "right") in {(s.muscle, s.side) for s in hand.sources[:3]}
    assert ("latissimus_dorsi", "right") in hand.routine.held
    assert ("latissimus_dorsi", "right") not in {(a.muscle, a.side) for a in hand.surrounding}
    check_holds(advice)
    check_holds(hand)


def test_back_pain_with_a_tingling_leg_keeps_gentle_work_beside_the_spine():
    """The back_leg picture says gentle ball work beside the spine is usually fine: the
    muscles beside the spine stay steps for the back spot, each with the stop rule, while
    the leg and the buttock stay held. Without the back spot nothing is eased."""
    # the review's map: a tingling right calf and a right low-back ache
    calf, back = PainSpot("back", 548.0, 800.0, 6, "tingling"), PainSpot("back", 520, 420, 5)
    advice = advise([calf, back])
    steps = {(s.muscle, s.side): s for s in advice.routine.steps}
    caution = KNOWLEDGE.beside_spine_caution
    assert ("multifidus", "right") in steps  # its zone reaches the buttock: held before
    for muscle in ("multifidus", "erector_spinae_lumbar", "quadratus_lumborum"):
        assert muscle in KNOWLEDGE.beside_spine
        # two balls either side of the spine: one step for both sides, the stop rule kept
        side = "both" if KNOWLEDGE.muscles[muscle].technique.both_sides else "right"
        assert caution in steps[(muscle, side)].cautions, muscle
        assert (muscle, "right") not in advice.routine.held
    for muscle in ("soleus", "gluteus_maximus", "gluteus_medius", "piriformis"):
        assert (muscle, "right") in advice.routine.held, muscle
    assert not any(
        caution in s.cautions for s in steps.values() if s.muscle not in KNOWLEDGE.beside_spine
    )
    check_holds(advice)
    # the same muscles with no tingling leg: no stop rule, nothing held
    plain = advise([PainSpot("back", 548.0, 800.0, 6), back])
    assert not plain.routine.held
    assert not any(caution in s.cautions for s in plain.routine.steps)
    # a tingling calf with an ache higher up the back (not the low back): nothing eased
    upper = advise([calf, PainSpot("back", 530.0, 250.0, 5)])
    assert ("multifidus", "right") not in {(s.muscle, s.side) for s in upper.routine.steps}
    assert not any(caution in s.cautions for s in upper.routine.steps)
    check_holds(upper)


@pytest.mark.slow  # a grid sweep; the fast lane keeps the tingling calf cases above
@pytest.mark.parametrize("view", VIEWS)
def test_a_tingling_leg_with_a_low_back_ache_eases_only_the_muscles_beside_the_spine(view):
    """Every grid point as the tingling spot, with a low-back ache: the stop rule goes only
    on muscles beside the spine, each serving the back spot; the rest keeps the hold."""
    back = PainSpot("back", 520.0, 420.0, 5)
    caution = KNOWLEDGE.beside_spine_caution
    eased = 0
    for x, y in grid(view)[::3]:
        advice = advise([back, PainSpot(view, x, y, 6, "tingling")])
        for step in advice.routine.steps:
            if caution in step.cautions:
                assert step.muscle in KNOWLEDGE.beside_spine, step.muscle
                assert 0 in step.spots, (step.muscle, x, y)
                eased += 1
        check_holds(advice)
    assert eased > 10  # the tingling legs on the grid do ease the back spot's steps


def test_the_reviewed_maps_hold_what_they_should():
    """The review's maps: a tingling calf with a low-back ache lists no soleus to roll
    around; a tingling upper arm offers neither the scalenes' press test nor its stretch."""
    leg = advise([PainSpot("back", 560.0, 800.0, 6, "tingling"), PainSpot("back", 470, 395, 5)])
    assert ("soleus", "right") in leg.routine.held
    assert not {a.muscle for a in leg.surrounding if a.side == "right"}
    arm = advise([PainSpot("front", 390.0, 300.0, 6, "tingling")])
    scalenes = next(n for n in arm.routine.not_rolled if n.muscle == "scalenes")
    assert scalenes.clinician_first and "tilt" not in scalenes.instead
    assert not arm.press


def write_map(path, spots: list[PainSpot]):
    """Save the spots as a map file, as the window would."""
    from bodymap.maps import TriggerPointMap, add_spot, save_map
    from bodymap.sides import side_for

    tpm = TriggerPointMap("Review")
    for s in spots:
        add_spot(tpm, s.view, s.x, s.y, side_for(s.view, s.x), int(s.intensity), s.kind)
    save_map(tpm, path)
    return path


TINGLING_HAND_NECK = [PainSpot("front", 370.0, 480.0, 6, "tingling"), PainSpot("back", 520, 140, 5)]
TINGLING_CALF_BACK = [PainSpot("back", 560.0, 800.0, 6, "tingling"), PainSpot("back", 470, 395, 5)]


def test_bodymap_advise_holds_the_scalenes_and_rolls_nothing_around_the_tingling_limb(
    tmp_path, capsys
):
    """Through the real command line: a tingling hand with a neck ache holds the scalenes
    ("check with a clinician first", no side-bend stretch); a tingling calf with a low-back
    ache lists no soleus, nor anything else on that leg, to roll around."""
    from bodymap.cli import main

    path = write_map(tmp_path / "hand.bodymap", TINGLING_HAND_NECK)
    assert main(["advise", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    scalenes = next(n for n in data["not_rolled"] if n["muscle"] == "scalenes")
    assert scalenes["clinician_first"] is True and scalenes["instead"] == ""
    assert scalenes["reason"].startswith("Check with a clinician first")
    assert not any("tilt the ear" in n["instead"] for n in data["not_rolled"])
    held = {(n["muscle"], n["side"]) for n in data["not_rolled"] if n["clinician_first"]}
    assert not held & {(a["muscle"], a["side"]) for a in data["surrounding"]}
    assert main(["advise", str(path)]) == 0
    text = capsys.readouterr().out
    # held muscles come grouped: one line per marked place naming them all
    line = next(x for x in text.splitlines() if "Scalenes" in x and x.startswith("Not rolled:"))
    assert "Check with a clinician first" in line and "tilt" not in line
    assert not line.endswith(" ")

    path = write_map(tmp_path / "calf.bodymap", TINGLING_CALF_BACK)
    assert main(["advise", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert any(n["muscle"] == "soleus" and n["clinician_first"] for n in data["not_rolled"])
    around = {(a["muscle"], a["side"]) for a in data["surrounding"]}
    assert around and ("soleus", "right") not in around
    for area in data["surrounding"]:  # the shaded roll zone printed for each area
        if area["side"] in ("right", "midline"):
            zone = shapely.geometry.shape(area["roll_zone"])
            assert not TABLES.part_touches(area["view"], "leg", "right", zone), area["muscle"]


def test_an_answer_given_before_a_hold_brings_back_no_press_test():
    """An answer stored while the limb did not tingle stays a reason, but the question is
    not asked again once a clinician's word is needed first."""
    arm = PainSpot("front", 390.0, 300.0, 6)
    plain = advise([arm])
    q = plain.press[0]
    tingling = PainSpot("front", 390.0, 300.0, 6, "tingling")
    held = advise([tingling], press={(0, q.muscle, q.answer_side): "yes"})
    assert (q.muscle, q.side) in held.routine.held
    assert (q.muscle, q.side) not in {(x.muscle, x.side) for x in held.press}


def test_a_chest_spot_at_the_least_intensity_of_the_heart_warning_is_still_not_press_tested():
    """The heart warning on the chest, the upper belly, the jaw and the throat is raised
    from its trigger's least intensity up, 0 included (a spot still marked, now painless):
    at that intensity too the spot is asked no press test, or a "yes" would lift a chest
    muscle over the warning shown beside it. (The triggers that count only over the chest
    muscles are checked over a grid in test_advisor_press.py.)"""
    front = ATLAS["front"]
    checked = set()
    for flag in KNOWLEDGE.red_flags:
        for trigger in flag.triggers:
            if trigger.press_test or trigger.regions or trigger.kinds:
                continue
            least = math.ceil(trigger.min_intensity)
            for region in front.layer("segment"):
                if region.id not in trigger.segments:
                    continue
                point = shapely.point_on_surface(region.geometry)
                advice = advise([PainSpot("front", point.x, point.y, least, "ache")])
                where = (region.id, region.side, least)
                assert flag.id in {f.id for f in advice.red_flags}, where
                assert advice.press == (), where
                assert advice.spots[0].press_note == flag.press_note, where
                checked.add(region.id)
    assert {"chest", "sternum", "upper_abdomen", "jaw", "throat"} <= checked


def _sites_not_to_press() -> set[str]:
    """Rolled records whose every drawn trigger-point site, on either side, lies in a zone
    not to press (drawn as an open circle)."""
    tables = tables_for(ATLAS, KNOWLEDGE)
    out = set()
    for (muscle, _side), sites in tables.trigger_points.items():
        if not KNOWLEDGE.muscles[muscle].technique.rolled or not sites:
            continue
        if not any(tables.no_press.clear(view, x, y) for view, x, y in sites):
            out.add(muscle)
    return out


def test_a_hold_whose_usual_sites_are_not_to_be_pressed_says_where_to_hold() -> None:
    """The step's timing says "10–30 s on each tender point"; where every drawn site is an
    open circle ("do not press"), the record says where else on the muscle a tender point
    may be held, and the guide, the session and the panel say it (eight steps said only
    "each tender point" beside a site marked not to press)."""
    from bodymap.guide.routine import make_steps
    from bodymap.session import plan_session

    unpressed = _sites_not_to_press()
    assert {"serratus_posterior_inferior", "sternocleidomastoid"} <= unpressed
    for muscle in sorted(unpressed):
        where = KNOWLEDGE.muscles[muscle].technique.hold_where
        assert len(where) > 20, f"{muscle}: say where to hold (hold_where)"
    # the words reach every place that times the hold
    tables = tables_for(ATLAS, KNOWLEDGE)
    (view, x, y), *_ = tables.trigger_points[("serratus_posterior_inferior", "right")]
    advice = advise([PainSpot(view, x + 6, y + 4, 6)], length="full")
    [step] = [s for s in advice.routine.steps if s.muscle == "serratus_posterior_inferior"]
    where = KNOWLEDGE.muscles["serratus_posterior_inferior"].technique.hold_where
    assert step.hold_where == where and step.to_json()["hold_where"] == where
    [guide_step] = [g for g in make_steps([step], KNOWLEDGE, {}) if g.muscle == step.muscle]
    assert f"each tender point {where} (not on the open circle), then" in guide_step.timing
    plan = plan_session(advice, "full")
    [planned] = [s for s in plan.steps if s.muscle == step.muscle]
    [hold] = [p for p in planned.phases if p.kind == "on_point"][:1]
    assert f"most tender point {where} (not on the open circle), and rest" in hold.text


def test_a_step_with_no_hold_is_worked_gently_and_never_timed_on_a_point() -> None:
    """Obturator internus: outside the pelvis only its tendon is in reach, beside the sciatic
    nerve, so nothing is held (``hold = false``): the guide, the panel's words and the
    session all say to work gently where its record says, with no hold on a point."""
    from bodymap.guide.routine import make_steps
    from bodymap.guide.session import session_checklist
    from bodymap.session import plan_session

    record = KNOWLEDGE.muscles["obturator_internus"].technique
    assert not record.holds and record.hold_where
    tables = tables_for(ATLAS, KNOWLEDGE)
    (view, x, y), *_ = tables.trigger_points[("obturator_internus", "right")]
    advice = advise([PainSpot(view, x + 12, y - 20, 6)], length="full")
    [step] = [s for s in advice.routine.steps if s.muscle == "obturator_internus"]
    [guide_step] = make_steps([step], KNOWLEDGE, {})
    assert guide_step.timing == f"1–2 min, gently, {record.hold_where}; no holding"
    said = step.to_json()  # the command line's contract (docs/PRODUCT.md)
    assert said["on_point_s"] == [0, 0] and said["hold_where"] == record.hold_where
    plan = plan_session(advice, "full")
    [planned] = [s for s in plan.steps if s.muscle == "obturator_internus"]
    assert "on_point" not in {p.kind for p in planned.phases}
    [gentle, *_] = [p for p in planned.phases if p.kind == "around"]
    assert record.hold_where in gentle.text and "No holding" in gentle.text
    checklist = session_checklist(plan)
    assert checklist is not None
    [line] = [ln for ln in checklist.lines if "Obturator internus" in ln]
    assert "no holding" in line and "tender point" not in line


def test_a_muscle_never_worked_is_listed_but_never_press_tested_and_says_its_cautions():
    """Every record the person never works (tool ``none``: inside the pelvis, under the jaw,
    the front of the neck, the groin crease, the back of the knee), a spot on each of its
    sites on each side: when it is listed it is never asked about by pressing (its record
    says not to press it, wherever its site lies), and its "do not roll" entry carries the
    record's own cautions (the stretch done instead, the signs that need a clinician)."""
    unworked = sorted(m for m, r in KNOWLEDGE.muscles.items() if not r.technique.rolled)
    assert {"levator_ani", "coccygeus", "scalenes", "digastric"} <= set(unworked)
    listed = set()
    for muscle in unworked:
        for side in ("right", "left"):
            for view, x, y in _sites_and_main_zone(muscle, side):
                advice = advise([PainSpot(view, x, y, 6)])
                assert muscle not in {q.muscle for q in advice.press}, (muscle, side)
                entries = [n for n in advice.routine.not_rolled if n.muscle == muscle]
                for entry in entries:
                    assert entry.cautions == KNOWLEDGE.muscles[muscle].cautions
                    listed.add(muscle)
    assert {"levator_ani", "coccygeus", "scalenes"} <= listed


def _sites_and_main_zone(muscle: str, side: str) -> list[tuple[str, float, float]]:
    """A muscle's trigger-point sites, and a point inside each segment of its main zone on
    its side (where the pain it refers is felt, often far from the site)."""
    points = list(TABLES.trigger_points.get((muscle, side), ()))
    for view in VIEWS:
        for region in ATLAS[view].layer("segment"):
            essential = KNOWLEDGE.muscles[muscle].referral.essential
            if region.id in essential and region.side in (side, "midline"):
                inner = region.geometry.buffer(-3).representative_point()
                points.append((view, inner.x, inner.y))
    return points


def test_two_muscles_that_share_their_cautions_say_them_once():
    x, y = ATLAS["back"].landmarks["coccyx"]
    routine = advise([PainSpot("back", x, y + 6, 6)]).routine
    said = [text for _, cautions in routine.others_with_cautions() for text in cautions]
    assert len(said) == len(set(said)) and any(t.startswith("See a doctor soon") for t in said)
    pelvic = {n.muscle: n.cautions for n in routine.others_not_rolled}
    assert pelvic["levator_ani"][1] == pelvic["coccygeus"][1]  # both carry it in the JSON
