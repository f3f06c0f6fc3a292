"""``referral.focus``: a pattern that covers part of a segment, tested over every row.

For each focus entry (muscle, segment, view) and both sides: the point it centres on exists,
its part of the segment is a real part (not empty, not the whole segment) and mirrors the
other side's; a spot inside that part is explained by the muscle from that segment, a spot
on the same segment well away from it is not; an area painted over the part is covered by
the muscle's zone and one painted over the rest of the segment is not; the muscle browser
draws the part, not the segment.
"""

from __future__ import annotations

from typing import Any

import pytest
import shapely
from test_knowledge import GOOD, _parse

from bodymap.advisor import PainSpot, advise
from bodymap.advisor.areas import area_tables
from bodymap.advisor.extent import SPOT_RADIUS
from bodymap.advisor.tables import place_phrase, tables_for
from bodymap.atlas import load_atlas
from bodymap.knowledge import KnowledgeError, load_knowledge, muscle_geometry
from bodymap.knowledge.focus import focus_disc

ROWS = sorted(
    {
        (m, f.segment, f.site.view)
        for m, rec in load_knowledge().muscles.items()
        for f in rec.referral.focus
    }
)
SIDES = ("right", "left")


def _part(muscle: str, segment: str, view: str, side: str) -> Any:
    tables = tables_for(load_atlas(), load_knowledge())
    return tables.focus_part(view, muscle, side, (segment, side))


def _segment(segment: str, view: str, side: str) -> Any:
    va = load_atlas()[view]
    return shapely.union_all([r.geometry for r in va.find(segment, side) if r.layer == "segment"])


def _reason_from(advice: Any, muscle: str, side: str, segment_name: str) -> bool:
    """Whether ``muscle`` on ``side`` is listed with a referral reason naming the segment."""
    for source in advice.sources:
        if source.muscle == muscle and source.side in (side, "both"):
            return any(
                r.kind == "referred" and (not segment_name or place_phrase(segment_name) in r.text)
                for r in source.reasons
            )
    return False


def test_there_are_focus_rows() -> None:
    assert len(ROWS) >= 8


@pytest.mark.parametrize(("muscle", "segment", "view"), ROWS)
def test_a_focus_is_a_real_part_of_its_segment_on_both_sides(
    muscle: str, segment: str, view: str
) -> None:
    sizes = []
    for side in SIDES:
        whole = _segment(segment, view, side)
        part = _part(muscle, segment, view, side)
        assert not whole.is_empty, (muscle, segment, view, side)
        assert part.area >= 150, (muscle, segment, side)  # more than a spot's own disc
        assert part.area <= 0.95 * whole.area, f"{muscle}: the focus holds all of {segment}"
        assert part.difference(whole).area < 1.0
        sizes.append(part.area)
    assert sizes[0] == pytest.approx(sizes[1], rel=0.02)  # the sides mirror


@pytest.mark.parametrize(("muscle", "segment", "view"), ROWS)
@pytest.mark.parametrize("side", SIDES)
def test_a_spot_in_the_focus_is_explained_and_one_far_from_it_is_not(
    muscle: str, segment: str, view: str, side: str
) -> None:
    va = load_atlas()[view]
    name = next(r.name for r in va.find(segment, side) if r.layer == "segment")
    part = _part(muscle, segment, view, side)
    inner = part.buffer(-2).representative_point() if part.buffer(-2).area else part.centroid
    near = advise([PainSpot(view, inner.x, inner.y, 5, "ache")])
    assert near.spots[0].segments[0].id == segment
    # referred from there (the reason may name a stronger zone the spot's reach touches)
    assert _reason_from(near, muscle, side, name) or _reason_from(near, muscle, side, ""), (
        muscle,
        segment,
        side,
    )
    # the segment's farthest reachable point from the focus, beyond a spot's reach of it
    whole = _segment(segment, view, side)
    away = whole.difference(part.buffer(SPOT_RADIUS + 4))
    if away.area < 20:
        pytest.skip("the segment holds no place a spot's reach away from the focus")
    point = away.buffer(-2).representative_point() if away.buffer(-2).area else away.centroid
    far = advise([PainSpot(view, point.x, point.y, 5, "ache")])
    assert not _reason_from(far, muscle, side, name), (muscle, segment, side, point)


@pytest.mark.parametrize(("muscle", "segment", "view"), ROWS)
def test_an_area_over_the_focus_is_covered_and_one_beside_it_is_not(
    muscle: str, segment: str, view: str
) -> None:
    side = "right"
    part = _part(muscle, segment, view, side)
    painted = advise([PainSpot(view, *_inside(part), 5, "ache", area=part)])
    zone = load_knowledge().muscles[muscle].referral.zone(segment)
    word = "main" if zone == "essential" else "spillover"
    covers = [
        r.text
        for s in painted.sources
        if s.muscle == muscle
        for r in s.reasons
        if r.kind == "referred" and r.text.startswith(f"Its {word} zone covers")
    ]
    assert covers and int(covers[0].split("covers ")[1].split(" %")[0]) >= 95, covers
    # the muscle's zones, as the area ranking measures them, hold nothing else of the segment
    at = area_tables(tables_for(load_atlas(), load_knowledge()), view)
    zones = at.zones(muscle, side)
    rest = _segment(segment, view, side).difference(part)
    assert zones is not None and zones.intersection(rest).area < 1.0
    beside = rest.difference(part.buffer(2))
    if beside.area >= 50:  # paint over the rest of the segment: not this muscle's zone there
        advice = advise([PainSpot(view, *_inside(beside), 5, "ache", area=beside)])
        referred = [
            r.text
            for s in advice.sources
            if s.muscle == muscle
            for r in s.reasons
            if r.kind == "referred"
        ]
        assert referred == [], (muscle, segment, referred)


def _inside(shape: Any) -> tuple[float, float]:
    p = shape.representative_point()
    return (p.x, p.y)


@pytest.mark.parametrize(("muscle", "segment", "view"), ROWS)
def test_the_browser_draws_the_focus_not_the_segment(muscle: str, segment: str, view: str) -> None:
    knowledge, atlas = load_knowledge(), load_atlas()
    rec = knowledge.muscles[muscle]
    zone = rec.referral.zone(segment)
    drawn = muscle_geometry(rec, atlas, lambda *_: None, view)["zones"][view]["right"][zone]
    shape = shapely.geometry.shape(drawn)
    part = _part(muscle, segment, view, "right")
    whole = _segment(segment, view, "right")
    assert shape.intersection(part).area == pytest.approx(part.area, rel=0.02)
    assert shape.intersection(whole).area == pytest.approx(part.area, rel=0.02)


def test_a_disc_in_a_view_no_entry_names_is_empty() -> None:
    rec = load_knowledge().muscles[ROWS[0][0]]
    other = "front" if ROWS[0][2] == "back" else "back"
    entries = [f for f in rec.referral.focus if f.site.view != other]
    assert focus_disc(entries, other, "right", load_atlas()[other].landmarks).is_empty


FOCUS = 'referral.focus = [{ segment = "heel", view = "back", at = "heel", reach = 20 }]\n'


def test_the_loader_reads_a_focus() -> None:
    text = GOOD.replace("tool =", FOCUS + "tool =", 1)
    rec = _parse(text).muscles["soleus"]  # type: ignore[attr-defined]
    (focus,) = rec.referral.focus_on("heel")
    assert focus.reach == 20 and focus.site.a == "heel" and rec.referral.focus_on("calf") == ()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('segment = "heel"', 'segment = "calf"', "not one of the muscle's referral segments"),
        ("reach = 20", "reach = 400", "'reach'"),
        ("reach = 20", "reach = 2", "'reach'"),
        ('at = "heel"', 'at = "heel_r"', "unknown back landmark"),
        ("reach = 20", "reach = 20, colour = 1", "unknown key(s) 'colour'"),
        (", reach = 20 }", " }", "missing key 'reach'"),
    ],
)
def test_the_loader_rejects_a_bad_focus(old: str, new: str, message: str) -> None:
    text = GOOD.replace("tool =", FOCUS.replace(old, new) + "tool =", 1)
    with pytest.raises(KnowledgeError, match="soleus") as err:
        _parse(text)
    assert message in str(err.value)


def test_a_midline_segment_is_drawn_on_the_muscles_own_half_as_it_is_ranked() -> None:
    """The sacrum is in gluteus maximus' main zone; the right muscle's drawing covers the
    right half of it (x > 500 behind), as a spot there is explained by the right muscle only."""
    knowledge, atlas = load_knowledge(), load_atlas()
    drawn = muscle_geometry(knowledge.muscles["gluteus_maximus"], atlas, lambda *_: None, "back")
    sacrum = _segment("sacrum", "back", "midline")
    for side, own in (
        ("right", shapely.box(500, 0, 1000, 1000)),
        ("left", shapely.box(0, 0, 500, 1000)),
    ):
        zone = shapely.geometry.shape(drawn["zones"]["back"][side]["essential"])
        on_sacrum = zone.intersection(sacrum)
        assert on_sacrum.area == pytest.approx(sacrum.intersection(own).area, rel=0.01), side
    advice = advise([PainSpot("back", 490, 435, 5, "ache")])  # the left half of the sacrum
    sides = {s.side for s in advice.sources if s.muscle == "gluteus_maximus"}
    assert sides == {"left"}
