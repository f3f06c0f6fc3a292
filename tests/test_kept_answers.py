"""Each spot's answers are kept between advice runs, and never change the advice.

The advisor keeps each spot's contributions (`advisor/ranking.py`) and each area's
(`advisor/areas.py`), what an area lies on (`ViewAtlas.locate_area`) and its part on the
body (`ViewAtlas.on_body`), so that a click on a map does not work out every other spot
again. These tests ask the same questions in different orders and compare with answers
worked out from nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest
import shapely
from budget import examples
from cold import forget_kept_answers as _forget
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bodymap.advisor import advise
from bodymap.advisor.areas import area_contributions
from bodymap.advisor.model import PainSpot
from bodymap.advisor.ranking import _kept_contributions
from bodymap.advisor.tables import tables_for
from bodymap.atlas import load_atlas
from bodymap.knowledge import load_knowledge

THIGH = shapely.Polygon([(405, 520), (418, 520), (425, 700), (412, 700)])  # front, right
BACK_OF_LEG = shapely.Polygon([(540, 550), (552, 550), (552, 900), (540, 900)])  # back, right


@pytest.fixture(autouse=True)
def _cold() -> Iterator[None]:
    _forget()
    yield
    _forget()


def _spot(view: str, shape: Any, intensity: float) -> PainSpot:
    inner = shapely.intersection(shape, load_atlas()[view].outline).representative_point()
    return PainSpot(view, float(inner.x), float(inner.y), intensity, "ache", area=shape)


def _answer(spots: list[PainSpot]) -> dict[str, Any]:
    return advise(spots).to_json()


def _cold_answer(spots: list[PainSpot]) -> dict[str, Any]:
    _forget()
    return _answer(spots)


def test_an_area_asked_again_at_another_intensity_scores_as_if_asked_first() -> None:
    leg = _spot("back", BACK_OF_LEG, 5)  # beside a second spot, intensity moves the scores

    def scores(answer: dict[str, Any]) -> dict[tuple[str, str], float]:
        return {(s["muscle"], s["side"]): s["score"] for s in answer["sources"]}

    first = _answer([_spot("front", THIGH, 2), leg])
    again = _answer([_spot("front", THIGH, 9), leg])
    assert again == _cold_answer([_spot("front", THIGH, 9), leg])
    assert scores(again) != scores(first)


def test_an_area_that_moves_down_the_list_names_its_new_number() -> None:
    leg = _spot("back", BACK_OF_LEG, 6)
    thigh = _spot("front", THIGH, 6)
    _answer([leg, thigh])  # the thigh is area 2
    second = _answer([thigh, leg])  # now it is area 1
    assert second == _cold_answer([thigh, leg])
    reasons = [r["text"] for s in second["sources"] for r in s["reasons"] if r["spot"] == 0]
    assert any("area 1" in text for text in reasons)
    assert not any("area 2" in text for text in reasons)


def test_a_kept_answer_is_not_changed_by_what_its_caller_does_with_it() -> None:
    atlas, knowledge = load_atlas(), load_knowledge()
    tables = tables_for(atlas, knowledge)
    first = area_contributions(0, THIGH, "front", 0.8, tables)
    # the reasons are tuples: a caller cannot change the kept answer, so it is shared as
    # it is, never copied for each caller (copying cost a 1,000-spot map a tenth of its time)
    for _weight, reasons in first.values():
        assert isinstance(reasons, tuple) and reasons
        with pytest.raises(AttributeError):
            reasons.clear()  # type: ignore[attr-defined]
    again = area_contributions(0, THIGH, "front", 0.8, tables)
    assert again is first and all(reasons for _weight, reasons in again.values())
    hit = atlas["back"].locate(540.0, 300.0)
    spot = _kept_contributions(0, hit, 5.0, tables, ())
    assert spot is _kept_contributions(0, hit, 5.0, tables, ())
    assert all(isinstance(reasons, tuple) for _weight, reasons in spot.values())


def test_an_equal_shape_made_anew_gets_the_same_answer_and_a_changed_one_its_own() -> None:
    spots = [_spot("front", THIGH, 6)]
    first = _answer(spots)
    copy = shapely.from_wkb(shapely.to_wkb(THIGH))
    assert _answer([_spot("front", copy, 6)]) == first
    wider = shapely.Polygon([(400, 520), (418, 520), (425, 700), (405, 700)])
    assert _answer([_spot("front", wider, 6)]) == _cold_answer([_spot("front", wider, 6)])


def test_an_area_named_from_another_point_is_looked_up_from_that_point() -> None:
    above = PainSpot("back", 546.0, 600.0, 6, "ache", area=BACK_OF_LEG)  # the thigh
    below = PainSpot("back", 546.0, 850.0, 6, "ache", area=BACK_OF_LEG)  # the calf
    first = _answer([above])
    second = _answer([below])
    assert second == _cold_answer([below])
    assert first["spots"][0]["segments"][0] != second["spots"][0]["segments"][0]


def _point(view: str, landmark: str, intensity: float, dx: float = 0.0) -> PainSpot:
    x, y = load_atlas()[view].landmarks[landmark]
    return PainSpot(view, x + dx, y, intensity, "ache")


def test_a_spot_asked_again_at_another_intensity_or_number_scores_as_if_asked_first() -> None:
    blade = _point("back", "scapula_spine_root_r", 3, dx=8)
    chest = _point("front", "nipple_r", 6)
    _answer([blade, chest])
    louder = [_point("back", "scapula_spine_root_r", 9, dx=8), chest]
    assert _answer(louder) == _cold_answer(louder)
    swapped = [chest, blade]  # the blade spot is now spot 2
    answer = _answer(swapped)
    assert answer == _cold_answer(swapped)
    numbers = {r["spot"] for s in answer["sources"] for r in s["reasons"]}
    assert numbers == {0, 1}


_SHAPES = [
    ("front", THIGH),
    ("back", BACK_OF_LEG),
    ("back", shapely.Polygon([(520, 200), (560, 200), (560, 240), (520, 240)])),  # blade
    ("front", shapely.Polygon([(470, 380), (530, 380), (530, 420), (470, 420)])),  # midline
]
_POINTS = [
    ("back", "scapula_spine_root_r"),
    ("front", "nipple_r"),
    ("back", "psis_l"),
    ("front", "asis_r"),
]


@st.composite
def _steps(draw: st.DrawFn) -> list[tuple[str, int, float]]:
    """A session of edits: add a point or an area, change a spot's intensity, remove one."""
    kinds = st.sampled_from(["point", "area", "intensity", "remove"])
    return draw(
        st.lists(
            st.tuples(kinds, st.integers(0, 3), st.sampled_from([1.0, 4.0, 7.0, 10.0])),
            min_size=1,
            max_size=6,
        )
    )


@settings(
    max_examples=examples(20),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(steps=_steps())
@example(steps=[("point", 0, 4.0), ("point", 1, 4.0), ("remove", 0, 4.0)])  # spot 2 → 1
@example(steps=[("area", 0, 4.0), ("area", 1, 4.0), ("remove", 0, 4.0)])  # area 2 → 1
@example(steps=[("area", 2, 4.0), ("point", 0, 7.0), ("intensity", 0, 10.0)])
def test_after_any_edits_the_advice_equals_advice_worked_out_from_nothing(
    steps: list[tuple[str, int, float]],
) -> None:
    atlas = load_atlas()
    spots: list[PainSpot] = []
    for kind, which, intensity in steps:
        if kind == "point":
            view, name = _POINTS[which]
            spots.append(_point(view, name, intensity))
        elif kind == "area":
            view, shape = _SHAPES[which]
            spots.append(_spot(view, shape, intensity))
        elif spots and kind == "intensity":
            old = spots[which % len(spots)]
            spots[which % len(spots)] = dataclasses.replace(old, intensity=intensity)
        elif spots:
            del spots[which % len(spots)]
        if spots:
            assert _answer(spots) == _cold_answer(spots)
            advise(spots, atlas)  # and warm again for the next step
