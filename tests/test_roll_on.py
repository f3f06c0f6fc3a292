"""Where a technique works a muscle (``roll_on``), and the head: the shading says what the
words say.

A record whose technique works only part of the muscle ("pinch the muscle on top of the
shoulder") names those surface segments; its roll zone is the muscle there, so a ball is
never shown at the base of the skull for the upper trapezius while its caution says to work
the top of the shoulder instead."""

from __future__ import annotations

import pytest
import shapely

from bodymap.advisor.tables import tables_for
from bodymap.atlas import load_atlas
from bodymap.knowledge import load_knowledge

ATLAS = load_atlas()
KNOWLEDGE = load_knowledge()
TABLES = tables_for(ATLAS, KNOWLEDGE)
HEAD = {"occiput", "vertex", "forehead", "temple", "ear", "eye", "cheek", "jaw", "chin", "tmj"}
HEAD_AREAS = {"head_neck.toml", "face_jaw.toml"}
TOLERANCE = 0.5  # atlas units: the roll zone's opening rounds its edges


def _segments(view: str, ids: set[str]) -> shapely.Geometry:
    return shapely.union_all([r.geometry for r in ATLAS[view].layer("segment") if r.id in ids])


RESTRICTED = sorted(m for m, rec in KNOWLEDGE.muscles.items() if rec.technique.roll_on)


def test_some_records_restrict_where_they_are_rolled() -> None:
    assert {"upper_trapezius", "multifidus", "erector_spinae_lumbar"} <= set(RESTRICTED)


@pytest.mark.parametrize("muscle", RESTRICTED)
def test_a_restricted_records_shading_lies_on_its_segments(muscle: str) -> None:
    roll_on = set(KNOWLEDGE.muscles[muscle].technique.roll_on)
    shaded = 0.0
    for side in ("right", "left"):
        for zone in TABLES.roll_zones.every_view(muscle, side):
            where = _segments(zone.view, roll_on).buffer(TOLERANCE)
            outside = zone.geometry.difference(where)
            assert outside.area < 1.0, f"{muscle} {side} {zone.view}: {outside.area:.1f} units²"
            shaded += zone.area
    assert shaded > 0, f"{muscle}: its segments leave it nothing to roll"


def test_only_head_and_face_records_are_shaded_on_the_head() -> None:
    for muscle, rec in KNOWLEDGE.muscles.items():
        if rec.file in HEAD_AREAS or not rec.technique.rolled:
            continue
        for side in ("right", "left"):
            for zone in TABLES.roll_zones.every_view(muscle, side):
                on_head = zone.geometry.intersection(_segments(zone.view, HEAD)).area
                assert on_head < 1.0, f"{muscle} {side} is shaded on the head ({on_head:.0f})"


def test_the_upper_trapezius_is_shaded_on_the_top_of_the_shoulder_only() -> None:
    zone = TABLES.roll_zones.get("back", "upper_trapezius", "right")
    assert zone is not None and zone.rollable
    top = _segments("back", {"top_of_shoulder"})
    assert zone.geometry.intersection(top).area > 0.8 * zone.area
    assert zone.geometry.bounds[1] > 150  # nothing up at the skull (its base is at y 104)


def test_the_low_back_erector_is_shaded_between_the_ribs_and_the_pelvis() -> None:
    """Its caution: the balls from just below the lowest ribs down to the top of the pelvis."""
    zone = TABLES.roll_zones.get("back", "erector_spinae_lumbar", "right")
    assert zone is not None and zone.rollable
    marks = ATLAS["back"].landmarks
    top, bottom = zone.geometry.bounds[1], zone.geometry.bounds[3]
    assert top >= marks["t12"][1]  # below the lowest ribs
    assert bottom <= marks["sacrum"][1]  # not down the sacrum


STARTS = sorted(m for m, rec in KNOWLEDGE.muscles.items() if rec.technique.roll_from)


def test_the_piriformis_is_rolled_on_the_outer_half_of_its_line_only() -> None:
    assert "piriformis" in STARTS
    assert "outer half of that line" in KNOWLEDGE.muscles["piriformis"].technique.how


@pytest.mark.parametrize("side", ["right", "left"])
@pytest.mark.parametrize("muscle", STARTS)
def test_a_records_shading_starts_where_its_words_say(muscle: str, side: str) -> None:
    """All of the shading lies past the start point along its line, and it reaches
    close to that point: the limit cuts the muscle, as the words do."""
    from bodymap.knowledge.sites import landmark_name

    site = KNOWLEDGE.muscles[muscle].technique.roll_from
    assert site is not None
    marks = ATLAS[site.view].landmarks
    (ax, ay), (bx, by) = (marks[landmark_name(n, site.view, side)] for n in (site.a, site.b))
    zone = TABLES.roll_zones.get(site.view, muscle, side)
    assert zone is not None and zone.rollable
    xy = shapely.get_coordinates(zone.geometry)
    along = ((xy[:, 0] - ax) * (bx - ax) + (xy[:, 1] - ay) * (by - ay)) / (
        (bx - ax) ** 2 + (by - ay) ** 2
    )
    length = ((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5
    assert along.min() >= site.t - TOLERANCE / length
    assert along.min() <= site.t + 0.05


def test_the_brachioradialis_is_shaded_below_the_elbow_to_mid_forearm() -> None:
    """Its words: along the top of the forearm from just below the elbow to its middle
    (the belly; the tendon runs on to the wrist). Nothing above the outer elbow knob."""
    marks = ATLAS["front"].landmarks
    for side, suffix in (("right", "r"), ("left", "l")):
        zone = TABLES.roll_zones.get("front", "brachioradialis", side)
        assert zone is not None and zone.rollable
        top, bottom = zone.geometry.bounds[1], zone.geometry.bounds[3]
        knob, wrist = marks[f"lateral_epicondyle_{suffix}"][1], marks[f"wrist_{suffix}"][1]
        assert top > knob  # no island above the outer elbow knob
        assert len(shapely.get_parts(zone.geometry)) == 1
        assert bottom <= (knob + wrist) / 2 + TOLERANCE  # not past the middle of the forearm


def test_no_finger_extensor_shading_below_the_wrist() -> None:
    """Its words: along the middle of the back of the forearm; the hand is not shaded."""
    marks = ATLAS["back"].landmarks
    for side, suffix in (("right", "r"), ("left", "l")):
        zone = TABLES.roll_zones.get("back", "extensor_digitorum", side)
        assert zone is not None and zone.rollable
        assert zone.geometry.bounds[3] < marks[f"wrist_{suffix}"][1]


@pytest.mark.parametrize("side", ["right", "left"])
def test_the_upper_trapezius_stops_two_fingers_short_of_the_shoulder_tip(side: str) -> None:
    """Its words: out to where it meets the collarbone, about two fingers short of the bony
    tip of the shoulder (the last few centimetres are bone and the joint beside it). The
    back view stops there, level with the front view."""
    short = {}
    for view in ("back", "front"):
        tip = ATLAS[view].landmarks[f"acromion_{side[0]}"][0]
        zone = TABLES.roll_zones.get(view, "upper_trapezius", side)
        assert zone is not None and zone.rollable
        x0, _, x1, _ = zone.geometry.bounds
        outward = (side == "right") == (view == "back")  # the person's side at growing x
        short[view] = tip - x1 if outward else x0 - tip
        assert 8.0 <= short[view] <= 25.0, (view, short[view])  # about 1.5 to 4 cm
    assert abs(short["back"] - short["front"]) < 5.0, short


def test_suboccipital_shading_leaves_the_midline_unshaded() -> None:
    """Its words: either side of the spine, not on it."""
    midline = shapely.LineString([(500, 0), (500, 200)]).buffer(3.0)
    for side in ("right", "left"):
        zone = TABLES.roll_zones.get("back", "suboccipitals", side)
        assert zone is not None and zone.rollable
        assert zone.geometry.intersection(midline).area == 0.0


def test_the_gastrocnemius_starts_at_the_same_level_in_both_views() -> None:
    """Its words: from a hand's width below the crease at the back of the knee; the front
    view's shading starts no higher than the back view's."""
    for side in ("right", "left"):
        front = TABLES.roll_zones.get("front", "gastrocnemius", side)
        back = TABLES.roll_zones.get("back", "gastrocnemius", side)
        assert front is not None and back is not None and front.rollable and back.rollable
        assert abs(front.geometry.bounds[1] - back.geometry.bounds[1]) < 3.0


def test_the_semimembranosus_is_shaded_in_one_piece() -> None:
    """Its words: one pass from a hand's width above the knee crease to just below the
    buttock; its deep and surface parts are one muscle, so the shading has no gap."""
    marks = ATLAS["back"].landmarks
    for side, suffix in (("right", "r"), ("left", "l")):
        zone = TABLES.roll_zones.get("back", "semimembranosus", side)
        assert zone is not None and zone.rollable
        assert len(shapely.get_parts(zone.geometry)) == 1
        top, bottom = zone.geometry.bounds[1], zone.geometry.bounds[3]
        assert top > marks[f"gluteal_fold_{suffix}"][1]  # below the buttock
        assert bottom < marks[f"popliteal_fossa_{suffix}"][1] - 40  # a hand's width above


def test_the_pectoralis_minor_is_shaded_on_the_ribs_in_from_the_shoulder() -> None:
    """Its words: on the upper chest over the ribs, about a hand's width below the
    collarbone and in from the front of the shoulder; not up by the coracoid, where the
    nerves and vessels to the arm pass under it and a pacemaker or port usually sits."""
    marks = ATLAS["front"].landmarks
    for side, suffix in (("right", "r"), ("left", "l")):
        zone = TABLES.roll_zones.get("front", "pectoralis_minor", side)
        assert zone is not None and zone.rollable
        x0, top, x1, _ = zone.geometry.bounds
        assert top >= marks[f"clavicle_mid_{suffix}"][1] + 32  # a hand's width below
        acromion = marks[f"acromion_{suffix}"][0]
        inward = x0 - acromion if side == "right" else acromion - x1  # front view
        assert inward >= 20  # in from the front of the shoulder


def test_the_long_toe_extensors_are_shaded_most_of_the_length_of_the_leg() -> None:
    """Its words: from a hand's width below the knee to above the ankle, along the outer
    front of the shin beside tibialis anterior (not only a strip above the ankle)."""
    marks = ATLAS["front"].landmarks
    for side, suffix in (("right", "r"), ("left", "l")):
        zone = TABLES.roll_zones.get("front", "extensor_digitorum_longus", side)
        assert zone is not None and zone.rollable
        knee, ankle = marks[f"patella_{suffix}"][1], marks[f"lateral_malleolus_{suffix}"][1]
        top, bottom = zone.geometry.bounds[1], zone.geometry.bounds[3]
        assert top < knee + 0.4 * (ankle - knee)  # starts in the upper part of the leg
        assert ankle - 30 < bottom < ankle  # and runs down to just above the ankle
        assert len(shapely.get_parts(zone.geometry)) == 1


def test_the_latissimus_is_shaded_down_the_side_of_the_back() -> None:
    """Its words: a foam roller under the back edge of the armpit, rolled down the side of
    the back to the lowest ribs. Not a band inward over the shoulder blade towards the
    spine: nothing nearer the spine than the blade's lower tip, at the bottom of its inner
    border; from the armpit's level down to the lowest ribs, and its sites are in it."""
    from bodymap.knowledge.sites import site_point

    marks = ATLAS["back"].landmarks
    ribs = marks["t12"][1]  # the lowest ribs at the back
    for side, suffix in (("right", "r"), ("left", "l")):
        zone = TABLES.roll_zones.get("back", "latissimus_dorsi", side)
        assert zone is not None and zone.rollable
        assert len(shapely.get_parts(zone.geometry)) == 1
        x0, top, x1, bottom = zone.geometry.bounds
        tip_x, tip_y = marks[f"scapula_inferior_angle_{suffix}"]
        inward = x0 - tip_x if side == "right" else tip_x - x1  # the back view
        assert inward >= -TOLERANCE, (side, inward)  # not in towards the spine
        assert top <= tip_y + 10  # from the back of the armpit, below the blade's tip
        assert ribs - 5 <= bottom <= ribs + 10, (side, bottom)  # to the lowest ribs
        for site in KNOWLEDGE.muscles["latissimus_dorsi"].trigger_points:
            x, y = site_point(site, side, marks)
            assert shapely.contains_xy(zone.geometry, x, y), (side, site)


OUTSIDE = sorted(m for m, rec in KNOWLEDGE.muscles.items() if rec.technique.roll_outside)


@pytest.mark.parametrize("muscle", OUTSIDE)
@pytest.mark.parametrize("side", ["right", "left"])
def test_a_record_kept_outside_other_muscles_is_not_shaded_under_them(
    muscle: str, side: str
) -> None:
    """``roll_outside``: the shading leaves out the part of the muscle under the named ones,
    in every view, and keeps the rest."""
    kept_off = KNOWLEDGE.muscles[muscle].technique.roll_outside
    for view in ATLAS:
        zone = TABLES.roll_zones.get(view, muscle, side)
        if zone is None or not zone.rollable:
            continue
        under = shapely.union_all(
            [r.geometry for r in ATLAS[view].regions if r.id in kept_off and r.side == side]
        )
        assert zone.geometry.intersection(under).area <= TOLERANCE, (view, muscle)
        assert zone.geometry.area > 0


@pytest.mark.parametrize("side", ["right", "left"])
def test_the_iliopsoas_is_shaded_outside_the_rectus_off_the_great_vessels(side: str) -> None:
    """Its words sink the fingertips "just outside the long strap muscle": the shading keeps
    off the rectus, over the aorta and the iliac arteries near the middle line (it began
    2.5 cm from the line at the navel), at least 6 cm out at the navel's level."""
    zone = TABLES.roll_zones.get("front", "iliopsoas", side)
    assert zone is not None and zone.rollable
    navel_x, navel_y = ATLAS["front"].landmarks["umbilicus"]
    level = zone.geometry.intersection(shapely.LineString([(300, navel_y), (700, navel_y)]))
    assert not level.is_empty
    nearest = min(abs(x - navel_x) for x, _ in shapely.get_coordinates(level))
    assert nearest >= 35, nearest
    assert zone.geometry.distance(shapely.Point(navel_x, navel_y)) >= 30


SITE_REACH = 8.0
"""Atlas units (about 1.4 cm) a ⊕ to press may lie from its muscle's shading: a fingertip's
width past the rounded edge of the zone."""
SITES_OFF_THE_SHADING = {
    "patellar_retinaculum": "stroked with the fingertips right beside the kneecap, whose zone "
    "keeps the shading a little way off; its ⊕ is at the kneecap's edge, where the words work",
}


def test_every_site_to_press_lies_in_its_muscles_shading() -> None:
    """A ⊕ is where a person presses and holds; it lies in the shading that says where the
    muscle is worked (the iliopsoas ⊕ lay below its shading, over the iliac artery, once
    the shading kept to the navel's level, as its words do)."""
    far = []
    for (muscle, side), sites in sorted(TABLES.trigger_points.items()):
        if not KNOWLEDGE.muscles[muscle].technique.rolled or muscle in SITES_OFF_THE_SHADING:
            continue
        for view, x, y in sites:
            if side == "midline" or not TABLES.no_press.clear(view, x, y):
                continue  # an open circle: not pressed
            zone = TABLES.roll_zones.get(view, muscle, side)
            gap = (
                None
                if zone is None or not zone.rollable
                else zone.geometry.distance(shapely.Point(x, y))
            )
            if gap is None or gap > SITE_REACH:
                far.append((muscle, side, view, round(x), round(y), gap and round(gap, 1)))
    assert far == []
