"""The independent textbook area cases (tests/data/area_cases.json), scored in-process.

Each case is a polygon a reviewer painted where Travell & Simons draw a referral pattern
(without reading bodymap's tables), with the textbook sources in order of importance. The
measures follow the point cases (tests/test_referral_cases.py): recall@5 over the source
groups, and the first group within the top 3. The goal is recall@5 ≥ 0.95 and top 3 ≥ 0.9;
the floors below are the figures the overlap rule reaches today (0.944 and 1.0; the second
set 0.901 and 0.905), so a change that loses textbook sources fails here. Recall was 0.894
(top 3 0.975) before
``referral.focus`` drew the patterns that cover only part of a segment as that part
(latissimus at the lower tip of the shoulder blade, levator scapulae at the angle of the
neck and along the inner border of the blade, teres minor high on the back of the
shoulder, the hamstrings only over the sit bone on the buttock, ...): with whole segments
every muscle naming the shoulder blade or the top of the shoulder scored alike there.
What is left are third-rank sources the literature ties to a place by the muscle lying
there rather than by its drawn pattern, and sources whose pattern shares a crowded zone.
Treat the floor as temporary. ``tools/check_areas.py -v`` explains each miss.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import shapely

from bodymap.advisor import PainSpot, advise
from bodymap.atlas import load_atlas
from bodymap.knowledge import GROUPS

DATA = Path(__file__).parent / "data"
CASES_FILE = DATA / "area_cases.json"
SECOND_FILE = DATA / "area_cases_second.json"
"""A second set by another reviewer, of patterns the first does not draw (the small hand
muscles, the deep hip and thigh, the trunk's midline bands); it joined the tests after the
ranking and the knowledge had been tuned, so it stands for the sets the project never sees."""
THIRD_FILE = DATA / "area_cases_third.json"
"""A third set by a third reviewer, over the whole body (head to foot, thin stripes and
wide areas); it joined the tests as written, with the ranking and the knowledge as they
were (recall@5 0.894, top 3 0.925), so it too stands for the sets the project never sees;
0.900 since anconeus lost a spillover zone the literature does not give it, 0.906 since
coccygeus has a record of its own (the painted tailbone lists it) and extensor hallucis
longus' main zone is the top of the foot over the first long bone."""
FOURTH_FILE = DATA / "area_cases_fourth.json"
"""A fourth set by a fourth reviewer (round 19), weighted as people who roll hurt and with
less famous patterns (soleus at the sacroiliac joint, rectus abdominis across the low back,
tibialis posterior at the Achilles); it joined the tests as it scored when it came (recall@5
0.85, top 3 0.85)."""
FIFTH_FILE = DATA / "area_cases_fifth.json"
"""A fifth set by a fifth reviewer (round 20), who placed each area only with the landmarks,
the outline and the names of the segments under it (a script that hid every ranking), over
the whole body with less famous patterns (serratus posterior superior, the iliocostalis to
the buttock, the lower rectus abdominis across the low back, sternalis); it joined the tests
as it scored when it came (recall@5 0.806, top 3 0.9); 0.812 since a roughly centred area
lists each muscle once (its sternum listed each twice, left and right). It also decided
against a new overlap rule that had raised the four sets before it: there it ranked the
scalenes out of the top 3 for the front of the arm and triceps for the back of it
(docs/ACCURACY.md)."""
FLOORS = {"recall@5": 0.94, "top3": 1.0}
SECOND_FLOORS = {"recall@5": 0.9, "top3": 0.9}
THIRD_FLOORS = {"recall@5": 0.905, "top3": 0.92}
FOURTH_FLOORS = {"recall@5": 0.849, "top3": 0.849}
FIFTH_FLOORS = {"recall@5": 0.81, "top3": 0.9}
SETS = {
    "first": (CASES_FILE, FLOORS),
    "second": (SECOND_FILE, SECOND_FLOORS),
    "third": (THIRD_FILE, THIRD_FLOORS),
    "fourth": (FOURTH_FILE, FOURTH_FLOORS),
    "fifth": (FIFTH_FILE, FIFTH_FLOORS),
}
PARENT = {part: group for group, parts in GROUPS.items() for part in parts}


def matches(found: str, accepted: list[str]) -> bool:
    """A group id and its part ids match each other (as for the point cases)."""
    return any(
        found == want or PARENT.get(found) == want or PARENT.get(want) == found for want in accepted
    )


def _cases(path: Path = CASES_FILE) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["cases"]
    return cases


def judge(case: dict[str, Any]) -> dict[str, float]:
    view = case["view"]
    shape = shapely.Polygon(case["polygon"])
    inner = shapely.intersection(shape, load_atlas()[view].outline).representative_point()
    advice = advise([PainSpot(view, inner.x, inner.y, 5, "ache", area=shape)])
    names = [s.muscle for s in advice.sources]
    expected = case["sources"]
    hits = [any(matches(n, group) for n in names[:5]) for group in expected]
    return {
        "recall@5": sum(hits) / len(hits),
        "top3": float(any(matches(n, expected[0]) for n in names[:3])),
    }


@pytest.mark.parametrize("name", list(SETS))
def test_the_area_cases_are_well_formed(name: str) -> None:
    cases = _cases(SETS[name][0])
    assert len(cases) >= 30
    assert len({case["id"] for case in cases}) == len(cases)
    for case in cases:
        shape = shapely.Polygon(case["polygon"])
        assert shape.is_valid and shape.area > 0, case["id"]
        assert case["view"] in ("front", "back") and case["sources"], case["id"]


@pytest.mark.parametrize("name", list(SETS))
def test_area_cases_meet_their_floors(name: str) -> None:
    path, floors = SETS[name]
    scores = [judge(case) for case in _cases(path)]
    means = {key: sum(s[key] for s in scores) / len(scores) for key in floors}
    for key, floor in floors.items():
        assert means[key] >= floor, (key, round(means[key], 3))


@pytest.mark.parametrize(
    "case_id",
    ["glut-min-anterior-stripe-left", "glut-min-posterior-stripe-right", "gastroc-knee-calf-left"],
)
def test_a_stripe_pattern_finds_its_muscle_in_the_top_three(case_id: str) -> None:
    [case] = [c for c in _cases() if c["id"] == case_id]
    assert judge(case)["top3"] == 1.0
