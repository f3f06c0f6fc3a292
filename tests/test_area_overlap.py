"""A painted area's cautions and red flags come from the area itself, and fairly.

- Near a caution zone: an area whose edge ends a centimetre short of the back of the knee
  is told about it, as a click at that edge is (the near ring is measured from the whole
  area, not from its point).
- Slivers: a surface segment counts for flags and limb marks only where the area lies on
  it meaningfully (``AREA_SEGMENT_SHARE`` of the area or ``AREA_SEGMENT_MIN`` square units);
  less is ``grazed``. Both sides of the threshold are tested, and the flags marked
  ``any_overlap`` (too costly to miss) are still raised by a graze.
"""

from __future__ import annotations

import math

import pytest
import shapely

from bodymap.advisor import PainSpot, advise
from bodymap.atlas import load_atlas
from bodymap.atlas.index import AREA_SEGMENT_MIN, AREA_SEGMENT_SHARE
from bodymap.knowledge import load_knowledge

ATLAS = load_atlas()
KNOWLEDGE = load_knowledge()


def _zones(spot: PainSpot) -> set[str]:
    return {c.zone for c in advise([spot]).spots[0].cautions}


def test_an_area_ending_short_of_the_back_of_the_knee_is_told_about_it() -> None:
    """The reviewer's ``area_above_knee``: hamstrings painted down to about 1 cm above the
    back of the knee, with its point higher up the thigh."""
    back = ATLAS["back"]
    fossa = next(
        r for r in back.layer("caution") if r.id == "popliteal_fossa" and r.side == "right"
    )
    area = shapely.box(535, 600, 563, 684)
    gap = area.distance(fossa.geometry)
    assert 0 < gap <= 8
    assert "popliteal_fossa" in _zones(PainSpot("back", 549, 684))  # a click at its edge
    assert "popliteal_fossa" not in _zones(PainSpot("back", 549, 640))  # its point alone
    assert "popliteal_fossa" in _zones(PainSpot("back", 549, 640, area=area))
    higher = shapely.box(535, 580, 563, 684 - 20)  # 2 cm further up: not near any more
    assert higher.distance(fossa.geometry) > 8
    assert "popliteal_fossa" not in _zones(PainSpot("back", 549, 620, area=higher))


def _disc_in(view: str, segment: str, side: str, size: float):
    """A round piece of ``size`` square units well inside one surface segment."""
    (region,) = ATLAS[view].find(segment, side)
    inner = region.geometry.buffer(-4)
    centre = inner.representative_point()
    disc = centre.buffer(math.sqrt(size / math.pi), quad_segs=32)
    piece = disc.intersection(region.geometry)
    assert abs(piece.area - size) < 0.02 * size, (segment, piece.area, size)
    return piece


def _floor(area) -> float:
    return min(AREA_SEGMENT_SHARE * area.area, AREA_SEGMENT_MIN)


@pytest.mark.parametrize("share", [0.8, 1.2])
def test_a_sliver_on_the_knee_raises_no_hot_joint_and_a_real_overlap_does(share: float) -> None:
    """The reviewer's ``area_thigh_knee``: a front-thigh area with a bit of it on the outer
    knee. Below the threshold the knee is grazed (no hot-joint flag); above, it is on it."""
    front = ATLAS["front"]
    thigh = shapely.box(435, 560, 468, 640).intersection(front.outline)
    assert not any(
        "knee" in s.id for s in front.locate_area(thigh, front.locate(450, 600)).segments
    )
    size = share * min(AREA_SEGMENT_SHARE * (thigh.area + 30), AREA_SEGMENT_MIN)
    piece = _disc_in("front", "lateral_knee", "right", size)
    area = thigh.union(piece)
    assert (piece.area >= _floor(area)) == (share > 1), (piece.area, _floor(area))
    hit = front.locate_area(area, front.locate(450, 600))
    on = {s.id for s in hit.segments}
    grazed = {s.id for s in hit.grazed}
    assert ("lateral_knee" in on) == (share > 1) and ("lateral_knee" in grazed) == (share < 1)
    flags = {f.id for f in advise([PainSpot("front", 450, 600, area=area)]).red_flags}
    assert ("hot_joint" in flags) == (share > 1), flags
    assert "dvt" in flags  # the front of the thigh is a deep-vein place either way


def test_the_threshold_is_a_share_of_a_small_area_and_a_fingertip_of_a_large_one() -> None:
    front = ATLAS["front"]
    small = shapely.box(440, 600, 450, 610)  # 100 u²: 2 % is 2 u²
    large = shapely.box(420, 540, 480, 640)  # 6000 u²: 2 % is 120 u², the fingertip is 30
    assert _floor(small) == pytest.approx(2.0) and _floor(large) == AREA_SEGMENT_MIN
    assert front.locate_area(small, front.locate(445, 605)).grazed == ()


@pytest.mark.parametrize(
    ("kind", "segment", "flag"),
    [("ache", "posterior_thigh", "dvt"), ("tingling", "posterior_thigh", "cauda_equina")],
)
def test_the_flags_too_costly_to_miss_are_raised_by_a_graze(kind, segment, flag) -> None:
    """``any_overlap`` flags (cardiac, dvt, cauda equina, both legs) keep any overlap at all: an
    outer thigh area grazing the back of the thigh raises them, though it does not lie on it."""
    marked = {f.id for f in KNOWLEDGE.red_flags if f.any_overlap}
    assert marked == {"cardiac", "dvt", "cauda_equina", "both_legs"}
    back = ATLAS["back"]
    (outer,) = back.find("lateral_thigh", "right")
    p = outer.geometry.representative_point()
    core = outer.geometry.intersection(p.buffer(12))
    assert flag not in {
        f.id for f in advise([PainSpot("back", p.x, p.y, 3, kind, area=core)]).red_flags
    }
    piece = _disc_in("back", segment, "right", 0.5 * _floor(core))
    area = core.union(piece)
    assert piece.area < _floor(area)
    hit = back.locate_area(area, back.locate(p.x, p.y))
    assert segment in {s.id for s in hit.grazed} and segment not in {s.id for s in hit.segments}
    flags = {
        f.id: f.spots for f in advise([PainSpot("back", p.x, p.y, 3, kind, area=area)]).red_flags
    }
    assert flags.get(flag) == (0,), flags


def test_an_area_grazing_the_upper_belly_is_asked_no_press_test() -> None:
    """The heart warning is raised by any overlap at all (``any_overlap``), and where it is
    raised so is its "no press test": a lower-belly area that only grazes the upper belly
    raises it and is asked no press test, with the flag's note saying why. Without the
    graze the same area is asked, so the check can fail."""
    front = ATLAS["front"]
    (lower,) = front.find("lower_abdomen", "right")
    p = lower.geometry.representative_point()
    core = lower.geometry.intersection(p.buffer(12))
    alone = advise([PainSpot("front", p.x, p.y, 5, "ache", area=core)])
    assert "cardiac" not in {f.id for f in alone.red_flags} and alone.press
    piece = _disc_in("front", "upper_abdomen", "right", 0.5 * _floor(core))
    area = core.union(piece)
    hit = front.locate_area(area, front.locate(p.x, p.y))
    assert "upper_abdomen" in {s.id for s in hit.grazed}
    assert "upper_abdomen" not in {s.id for s in hit.segments}
    advice = advise([PainSpot("front", p.x, p.y, 5, "ache", area=area)])
    assert "cardiac" in {f.id for f in advice.red_flags}
    assert advice.press == ()
    cardiac = next(f for f in KNOWLEDGE.red_flags if f.id == "cardiac")
    assert advice.spots[0].press_note == cardiac.press_note
