"""The shading never lies on hatching: a place kept from other tools only (a ball or a
roller on the back of the neck) shows no hatching where a fingertip step is shaded, on the
canvas as in the guide's close-ups, since the legend says hatched places are not rolled."""

from __future__ import annotations

import pytest
import shapely
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from bodymap.advisor.tables import tables_for
from bodymap.atlas import load_atlas
from bodymap.knowledge import load_knowledge
from bodymap.ui.drawing.painting import Highlight, ViewPainter, view_transform

ATLAS = load_atlas()
KNOWLEDGE = load_knowledge()
ZONES = tables_for(ATLAS, KNOWLEDGE).roll_zones
TARGET = QRectF(0, 0, 900, 1800)
PARTIAL = [z for z in KNOWLEDGE.cautions.values() if z.tools]
PAIRS = sorted(
    (muscle.id, zone.zone)
    for muscle in KNOWLEDGE.muscles.values()
    for zone in PARTIAL
    if muscle.technique.rolled and muscle.technique.tool not in zone.tools
)


def _overlap(view: str, muscle: str, zone: str):
    rolled = ZONES.rollable_geometry(view, muscle, "right")
    if rolled is None:
        return None
    place = shapely.union_all([r.geometry for r in ATLAS[view].find(zone) if r.layer == "caution"])
    inner = rolled.intersection(place).buffer(-3.0)
    return None if inner.is_empty or inner.area < 20 else inner


CASES = [
    (view, muscle, zone)
    for muscle, zone in PAIRS
    for view in ATLAS
    if _overlap(view, muscle, zone) is not None
]


def test_some_fingertip_steps_are_shaded_on_a_place_kept_from_a_ball() -> None:
    assert {"semispinalis_capitis", "splenius_capitis"} <= {m for _, m, _ in CASES}


@pytest.mark.parametrize(("view", "muscle", "zone"), CASES)
def test_no_hatching_shows_under_the_shading(qapp, view: str, muscle: str, zone: str) -> None:
    image = QImage(900, 1800, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    vp = ViewPainter.of(ATLAS[view])
    vp.paint(
        painter,
        TARGET,
        highlight=Highlight(muscle, "right", ()),
        layers=frozenset({"superficial", "caution"}),
    )
    painter.end()
    to_image = view_transform(ATLAS[view], TARGET)
    inner = _overlap(view, muscle, zone)
    x0, y0, x1, y1 = inner.bounds
    colours = set()
    steps = 24
    for i in range(steps + 1):
        for j in range(steps + 1):
            x, y = x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * j / steps
            if inner.contains(shapely.Point(x, y)):
                p = to_image.map(QPointF(x, y))
                colours.add(image.pixel(int(p.x()), int(p.y())))
    assert len(colours) == 1, (muscle, zone, len(colours))
