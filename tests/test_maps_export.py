"""CSV and GeoJSON export: every spot, numbered, quoted properly, safe for spreadsheets."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

import pytest
import shapely

from bodymap.maps import Spot, TriggerPointMap, spots_to_csv, spots_to_geojson
from bodymap.sides import side_for

T0 = datetime(2025, 3, 3, 18, 0, tzinfo=UTC)
SPOTS = [
    Spot("a", "back", 550.0, 170.0, "right", 7, "ache", 'knot, "tight"\nafter work', T0),
    Spot("b", "front", 462.0, 55.0, "right", 5, "sharp", '=HYPERLINK("x")', T0),
    Spot("c", "back", 528.5, 235.25, "right", 0, "numb", "", T0),
]


def test_csv_has_a_header_and_one_quoted_row_per_spot() -> None:
    rows = list(csv.reader(io.StringIO(spots_to_csv(TriggerPointMap("x", SPOTS)))))
    assert rows[0] == ["number", "id", "view", "side", "x", "y", "intensity", "kind", "note"]
    assert rows[1] == ["1", "a", "back", "right", "550.0", "170.0", "7", "ache",
                       'knot, "tight"\nafter work']  # fmt: skip
    assert rows[3][:6] == ["3", "c", "back", "right", "528.5", "235.25"]
    assert len(rows) == 4


def test_csv_cells_never_start_a_spreadsheet_formula() -> None:
    rows = list(csv.reader(io.StringIO(spots_to_csv(SPOTS))))
    assert rows[2][8] == '\'=HYPERLINK("x")'


def test_csv_region_column_comes_from_the_caller() -> None:
    text = spots_to_csv(SPOTS, region_names=lambda s: f"region of {s.id}")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][-1] == "region" and [r[-1] for r in rows[1:]] == [
        "region of a", "region of b", "region of c"]  # fmt: skip


def test_geojson_points_carry_the_spot_fields() -> None:
    data = json.loads(spots_to_geojson(TriggerPointMap("x", SPOTS), lambda s: "Upper trapezius"))
    assert data["type"] == "FeatureCollection" and data["bodymap"]["format"] == "bodymap-spots"
    first = data["features"][0]
    assert first["geometry"] == {"type": "Point", "coordinates": [550.0, 170.0]}
    assert first["properties"] == {
        "number": 1, "id": "a", "view": "back", "side": "right", "intensity": 7, "kind": "ache",
        "note": 'knot, "tight"\nafter work', "created": "2025-03-03T18:00:00Z",
        "region": "Upper trapezius",
    }  # fmt: skip
    assert [f["properties"]["number"] for f in data["features"]] == [1, 2, 3]
    assert "region" not in json.loads(spots_to_geojson(SPOTS))["features"][0]["properties"]


def test_painted_areas_are_exported_as_their_shape_and_size() -> None:
    from bodymap.maps.area import Area

    square = {"type": "Polygon", "coordinates": [[[540, 160], [560, 160], [560, 180],
                                                  [540, 180], [540, 160]]]}  # fmt: skip
    painted = Spot("p", "back", 550.0, 170.0, "right", 6, "ache", "", T0,
                   area=Area.from_geojson(square))  # fmt: skip
    spots = [painted, SPOTS[1]]
    rows = list(csv.reader(io.StringIO(spots_to_csv(spots))))
    assert rows[0][-2:] == ["area_units2", "area_side"]
    assert rows[1][-2:] == ["400.0", "right"] and rows[2][-2:] == ["", ""]
    features = json.loads(spots_to_geojson(spots))["features"]
    assert features[0]["geometry"]["type"] == "Polygon"
    assert features[0]["properties"]["point"] == [550.0, 170.0]
    assert features[0]["properties"]["area_units2"] == 400.0
    assert features[0]["properties"]["area_side"] == "right"
    assert features[1]["geometry"]["type"] == "Point"
    plain = next(csv.reader(io.StringIO(spots_to_csv(SPOTS))))
    assert "area_units2" not in plain  # a map of point spots keeps its old columns


@pytest.mark.parametrize(
    ("box", "side"),
    [
        ((430, 370, 570, 420), "both"),  # the low back, across the midline
        ((470, 370, 520, 420), "both"),  # a fifth of it on the smaller side is enough
        ((490, 370, 560, 420), "right"),  # its edge crossing the midline is not
        ((440, 370, 499, 420), "left"),
    ],
)
def test_an_area_across_the_midline_is_exported_on_both_sides(box, side) -> None:
    """An area's ``side`` is its point's; ``area_side`` says where the area lies, so a
    low-back area across the midline whose point is on the right does not read as a
    right-sided problem in a spreadsheet (a paint walk's finding). Back view: x > 500 is
    the person's right."""
    from bodymap.maps.area import Area

    shape = shapely.box(*box)
    point = shape.representative_point()
    area = Area.from_geojson(shapely.geometry.mapping(shape))
    spot = Spot("p", "back", point.x, point.y, side_for("back", point.x), 5, "ache", "", T0,
                area=area)  # fmt: skip
    rows = list(csv.reader(io.StringIO(spots_to_csv([spot]))))
    assert dict(zip(rows[0], rows[1], strict=True))["area_side"] == side
    feature = json.loads(spots_to_geojson([spot]))["features"][0]
    assert feature["properties"]["area_side"] == side
