"""Hypothesis strategies for whole maps of the current format, new fields included: check-in
notes, spot areas, press-test answers and sessions."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import strategies as st

from bodymap.maps.area import Area
from bodymap.maps.model import TriggerPointMap
from bodymap.maps.values import (
    ANSWERS,
    PAIN_KINDS,
    PRESETS,
    SIDES,
    VIEWS,
    CheckIn,
    PressAnswer,
    SessionRecord,
    Spot,
    side_for,
)

TEXT = st.characters(codec="utf-8")  # any character a file can hold (no lone surrogates)
MOMENTS = st.datetimes(
    min_value=datetime(1990, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.just(UTC)
)
NOTES = st.text(TEXT, max_size=60) | st.sampled_from(["a\nb\r\nc", '"quoted", \\', "\x00\x1f", ""])
IDS = st.from_regex(r"[A-Za-z0-9_-]{1,16}", fullmatch=True)


@st.composite
def areas(draw: st.DrawFn) -> Area:
    """A Polygon (a triangle or box) or a MultiPolygon of two apart boxes, inside 0…1000."""
    x = draw(st.floats(0, 800))
    y = draw(st.floats(0, 800))
    w = draw(st.floats(1, 199))
    h = draw(st.floats(1, 199))
    box = ((x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y))
    shape = draw(st.sampled_from(["triangle", "box", "two boxes"]))
    if shape == "triangle":
        return Area("Polygon", ((((x, y), (x + w, y), (x, y + h), (x, y)),),))
    if shape == "box":
        return Area("Polygon", ((box,),))
    far = (990.0 - 5, 990.0 - 5)
    other = (far, (995.0, 985.0), (995.0, 995.0), (985.0, 995.0), far)
    return Area("MultiPolygon", ((box,), (other,)))


@st.composite
def spots(draw: st.DrawFn, spot_id: str) -> Spot:
    view = draw(st.sampled_from(VIEWS))
    area = draw(st.none() | areas())
    if area is None:
        x, y = draw(st.floats(0, 1000)), draw(st.floats(-20, 1020))
    else:
        x, y = area.inner_point()
    side = side_for(view, x)
    if side == "midline":
        side = draw(st.sampled_from(SIDES))  # any side is fine on the midline band
    return Spot(
        spot_id,
        view,
        x,
        y,
        side,
        draw(st.integers(0, 10)),
        draw(st.sampled_from(PAIN_KINDS)),
        draw(NOTES),
        draw(MOMENTS),
        area,
    )


@st.composite
def maps(draw: st.DrawFn, max_spots: int = 8) -> TriggerPointMap:
    ids = draw(st.lists(IDS, max_size=max_spots, unique=True))
    spot_list = [draw(spots(spot_id)) for spot_id in ids]
    times = sorted(set(draw(st.lists(MOMENTS, max_size=6))))
    history = [
        CheckIn(
            at,
            draw(st.dictionaries(st.sampled_from(ids), st.integers(0, 10))) if ids else {},
            draw(NOTES),
        )
        for at in times
    ]
    answers = []
    if ids:
        keys = draw(
            st.lists(
                st.tuples(st.sampled_from(ids), IDS, st.sampled_from(SIDES)),
                max_size=5,
                unique=True,
            )
        )
        answers = [
            PressAnswer(s, m, side, draw(st.sampled_from(ANSWERS)), draw(MOMENTS))
            for s, m, side in keys
        ]
    sessions = draw(
        st.lists(
            st.builds(
                SessionRecord,
                st.sampled_from(PRESETS),
                MOMENTS,
                st.integers(0, 24 * 3600),
                st.integers(0, 1000),
            ),
            max_size=4,
        )
    )
    name = draw(st.text(TEXT, min_size=1, max_size=40).filter(str.strip))
    return TriggerPointMap(
        name, spot_list, history, draw(MOMENTS), draw(MOMENTS), answers, sessions
    )
