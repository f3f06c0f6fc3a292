"""``referral.faces``: a hand segment seen in both views covered on one face only.

The thumb and the little-finger side of the hand are drawn in both views: the palm side in
front, the back behind. Travell & Simons draw some patterns on one face only (the long thumb
flexor and opponens on the palm side of the thumb, the chest muscles' line down the inner arm
to the palm side of the hand); a focus may add a part of the other face (brachialis on the
back of the thumb, and its base on the palm side). For each such row and both sides: the
named face is the muscle's zone whole, the other face holds only its focus part (none
without one); a spot on the named face is explained by the muscle, a spot on the other face
away from that part is not; an area painted there is not covered; the browser and
``bodymap muscle`` draw and say it.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
import shapely
from test_knowledge import GOOD, _parse

from bodymap.advisor import PainSpot, advise
from bodymap.advisor.areas import area_tables
from bodymap.advisor.extent import SPOT_RADIUS
from bodymap.advisor.tables import place_phrase, tables_for
from bodymap.atlas import load_atlas
from bodymap.cli import main
from bodymap.knowledge import KnowledgeError, load_knowledge, muscle_geometry
from bodymap.knowledge.focus import focus_disc
from bodymap.knowledge.names import FACE_WORDS, FACED_SEGMENTS
from bodymap.knowledge.places import sentence_label
from bodymap.ui.browser.record_text import record_text

ROWS = sorted(
    (m, segment, view)
    for m, rec in load_knowledge().muscles.items()
    for segment, view in rec.referral.faces
)
SIDES = ("right", "left")


def _other(view: str) -> str:
    return "front" if view == "back" else "back"


def _segment(segment: str, view: str, side: str) -> Any:
    va = load_atlas()[view]
    return shapely.union_all([r.geometry for r in va.find(segment, side) if r.layer == "segment"])


def _inside(shape: Any) -> tuple[float, float]:
    inner = shape.buffer(-3)
    point = (inner if inner.area else shape).representative_point()
    return (point.x, point.y)


def _other_part(muscle: str, segment: str, view: str, side: str) -> Any:
    """What the muscle's focus entries keep of the other face (empty without any)."""
    other = _other(view)
    entries = [
        e
        for e in load_knowledge().muscles[muscle].referral.focus_on(segment)
        if e.site.view == other
    ]
    if not entries:
        return shapely.Polygon()
    disc = focus_disc(entries, other, side, load_atlas()[other].landmarks)
    return shapely.intersection(_segment(segment, other, side), disc)


def _away_from(face: Any, part: Any) -> Any:
    """The part of a face a spot's reach away from ``part``."""
    return face.difference(part.buffer(SPOT_RADIUS + 4)) if not part.is_empty else face


def _referred_from(advice: Any, muscle: str, side: str, segment: str, view: str) -> bool:
    """Whether ``muscle`` on ``side`` is listed with a referral reason naming the segment."""
    name = next(r.name for r in load_atlas()[view].find(segment, side) if r.layer == "segment")
    return any(
        r.kind == "referred" and place_phrase(name) in r.text
        for s in advice.sources
        if s.muscle == muscle and s.side in (side, "both")
        for r in s.reasons
    )


def test_there_are_face_rows_and_only_on_hand_segments_seen_in_both_views() -> None:
    assert len(ROWS) >= 6
    atlas = load_atlas()
    for segment in FACED_SEGMENTS:
        assert all(any(r.id == segment for r in va.layer("segment")) for va in atlas.values())
    assert {segment for _, segment, _ in ROWS} <= FACED_SEGMENTS


@pytest.mark.parametrize(("muscle", "segment", "view"), ROWS)
@pytest.mark.parametrize("side", SIDES)
def test_the_named_face_is_the_zone_and_the_other_face_holds_none_of_it(
    muscle: str, segment: str, view: str, side: str
) -> None:
    tables = tables_for(load_atlas(), load_knowledge())
    kept = tables.focus_part(view, muscle, side, (segment, side))
    assert kept.symmetric_difference(_segment(segment, view, side)).area < 1.0
    there = tables.focus_part(_other(view), muscle, side, (segment, side))
    part = _other_part(muscle, segment, view, side)
    assert there.symmetric_difference(part).area < 1.0
    assert there.area <= 0.6 * _segment(segment, _other(view), side).area


@pytest.mark.parametrize(("muscle", "segment", "view"), ROWS)
@pytest.mark.parametrize("side", SIDES)
def test_a_spot_on_the_named_face_is_explained_and_one_on_the_other_face_is_not(
    muscle: str, segment: str, view: str, side: str
) -> None:
    here = advise([PainSpot(view, *_inside(_segment(segment, view, side)), 5, "ache")])
    assert here.spots[0].segments[0].id == segment
    assert _referred_from(here, muscle, side, segment, view), (muscle, segment, view, side)
    other = _other(view)
    away = _away_from(_segment(segment, other, side), _other_part(muscle, segment, view, side))
    there = advise([PainSpot(other, *_inside(away), 5, "ache")])
    assert there.spots[0].segments[0].id == segment
    assert not _referred_from(there, muscle, side, segment, other), (muscle, segment, side)


@pytest.mark.parametrize(("muscle", "segment", "view"), ROWS)
def test_an_area_over_the_other_face_is_not_in_the_muscles_zones(
    muscle: str, segment: str, view: str
) -> None:
    other = _other(view)
    part = _other_part(muscle, segment, view, "right")
    face = _segment(segment, other, "right").difference(part.buffer(2))
    at = area_tables(tables_for(load_atlas(), load_knowledge()), other)
    zones = at.zones(muscle, "right")
    assert zones is None or zones.intersection(face).area < 1.0
    painted = advise([PainSpot(other, *_inside(face), 5, "ache", area=face)])
    assert not _referred_from(painted, muscle, "right", segment, other)


@pytest.mark.parametrize(("muscle", "segment", "view"), ROWS)
def test_the_browser_draws_and_names_the_one_face(muscle: str, segment: str, view: str) -> None:
    knowledge, atlas = load_knowledge(), load_atlas()
    rec = knowledge.muscles[muscle]
    zone = rec.referral.zone(segment)
    assert zone is not None
    for shown in ("front", "back"):
        drawn = muscle_geometry(rec, atlas, lambda *_: None, shown)["zones"][shown]["right"][zone]
        face = _segment(segment, shown, "right")
        covered = shapely.geometry.shape(drawn).intersection(face).area if drawn else 0.0
        part = _other_part(muscle, segment, view, "right")
        assert covered == pytest.approx(face.area if shown == view else part.area, abs=1.0)
    name = next(r.name for r in atlas[view].find(segment, "right") if r.layer == "segment")
    more = f", and part of the {FACE_WORDS[_other(view)]}" if not part.is_empty else ""
    said = sentence_label(f"{name} ({FACE_WORDS[view]}{more})")  # "thumb (palm side)"
    assert said in record_text(rec, atlas, knowledge)


@pytest.mark.parametrize(
    ("muscle", "said"),
    [
        ("opponens_pollicis", "thumb on the palm side only"),
        ("brachialis", "thumb on the back, and part of the palm side"),
    ],
)
def test_bodymap_muscle_says_and_gives_the_face(
    capsys: pytest.CaptureFixture[str], muscle: str, said: str
) -> None:
    assert main(["muscle", muscle]) == 0
    assert said in capsys.readouterr().out
    assert main(["muscle", muscle, "--json"]) == 0
    faces = json.loads(capsys.readouterr().out)["faces"]
    assert faces == dict(load_knowledge().muscles[muscle].referral.faces) and faces


FACES = 'referral.faces = { thumb = "front" }\n'
THUMB = GOOD.replace(
    'referral.spillover = ["sacroiliac"]',
    'referral.spillover = ["sacroiliac", "thumb", "lateral_knee"]',
)


def test_the_loader_reads_faces() -> None:
    text = THUMB.replace("tool =", FACES + "tool =", 1)
    rec = _parse(text).muscles["soleus"]
    assert rec.referral.faces == (("thumb", "front"),)
    assert rec.referral.face_of("thumb") == "front" and rec.referral.face_of("heel") is None
    assert rec.referral.partial() == {"thumb"}


@pytest.mark.parametrize(
    ("faces", "message"),
    [
        ('{ calf = "front" }', "not one of the muscle's referral segments"),
        ('{ lateral_knee = "front" }', "has no faces"),
        ('{ thumb = "side" }', "must be one of front, back"),
        ('"front"', "must be a table of segment = view"),
        ("{}", "must be a table of segment = view"),
    ],
)
def test_the_loader_rejects_bad_faces(faces: str, message: str) -> None:
    text = THUMB.replace("tool =", f"referral.faces = {faces}\ntool =", 1)
    with pytest.raises(KnowledgeError, match="soleus") as err:
        _parse(text)
    assert message in str(err.value)


FOCUS = 'referral.focus = [{ segment = "thumb", view = "VIEW", at = "wrist", reach = 13 }]\n'


def test_a_focus_adds_a_part_of_the_other_face_only() -> None:
    """The back of the thumb whole and its base on the palm side: a focus on the face kept
    whole would say nothing, and is refused."""
    back = FACES.replace('"front"', '"back"')
    text = THUMB.replace("tool =", FOCUS.replace("VIEW", "front") + back + "tool =", 1)
    rec = _parse(text).muscles["soleus"]
    assert rec.referral.face_of("thumb") == "back" and len(rec.referral.focus_on("thumb")) == 1
    text = THUMB.replace("tool =", FOCUS.replace("VIEW", "back") + back + "tool =", 1)
    with pytest.raises(KnowledgeError, match="whole on its back face"):
        _parse(text)
