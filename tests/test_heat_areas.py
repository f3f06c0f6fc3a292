"""The heat map and the summary's diagrams colour a painted area where it is painted: every
body area it lies on, only its own part of each; a point spot colours its segment as before.
The summary's diagrams show pain on one colour scale, without the no-roll hatching."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import shapely

from bodymap.advisor.areas import parse_polygon
from bodymap.atlas import load_atlas
from bodymap.cli import main
from bodymap.history.heat import heat_cells, segment_values
from bodymap.maps import TriggerPointMap, add_spot, check_in, save_map
from bodymap.maps.area import Area
from bodymap.maps.verbs import set_area

DAY0 = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
BUTTOCKS = ("back", (500, 470), "430,440 570,440 570,495 430,495")
THIGH = ("front", (415, 560), "405,520 418,520 421,600 408,600")  # upper outer right thigh
NECK = ("back", (560, 170))


def _map() -> tuple[TriggerPointMap, list[str]]:
    tpm = TriggerPointMap("Heat areas")
    ids = []
    for view, (x, y), polygon in (BUTTOCKS, THIGH):
        spot = add_spot(tpm, view, x, y, "midline" if x == 500 else "right", 7).spot
        shape = Area.from_geojson(json.loads(shapely.to_geojson(parse_polygon(polygon))))
        set_area(tpm, spot.id, shape, (x, y))
        ids.append(spot.id)
    ids.append(add_spot(tpm, NECK[0], *NECK[1], "right", 4).spot.id)
    for day in range(14):
        values = {ids[0]: 6 if day < 7 else 2, ids[1]: 5 if day < 7 else 8, ids[2]: 4}
        check_in(tpm, values, at=DAY0 + timedelta(days=day))
    return tpm, ids


def test_an_area_across_both_buttocks_counts_for_both_buttocks_not_its_point() -> None:
    tpm, (buttocks, _thigh, _neck) = _map()
    back = load_atlas()["back"]
    values = segment_values(back, tpm.spots, {buttocks: 6.0}, change=False)
    places = {(r.id, r.side) for r in values}
    assert {("buttock", "left"), ("buttock", "right"), ("sacrum", "midline")} <= places
    assert set(values.values()) == {6.0}
    painted = shapely.union_all([c.shape for c in heat_cells(back, tpm.spots, {buttocks: 6.0},
                                                              change=False)])  # fmt: skip
    area = back.on_body(tpm.spots[0].area.shape)
    assert painted.area == pytest.approx(area.area, rel=0.03)  # the painted extent, all of it


def test_an_area_colours_its_painted_part_not_the_whole_strip_it_lies_on() -> None:
    tpm, (_buttocks, thigh, _neck) = _map()
    front = load_atlas()["front"]
    cells = heat_cells(front, tpm.spots, {thigh: 7.0}, change=False)
    assert cells and all(cell.painted for cell in cells)
    strip = next(c.segment for c in cells if c.segment.id == "lateral_thigh")
    coloured = shapely.union_all([c.shape for c in cells])
    assert coloured.area < 0.6 * strip.geometry.area
    assert coloured.within(front.on_body(tpm.spots[1].area.shape).buffer(0.01))


def test_a_point_spot_still_colours_the_whole_segment_under_it() -> None:
    tpm, (_buttocks, _thigh, neck) = _map()
    back = load_atlas()["back"]
    [cell] = heat_cells(back, tpm.spots, {neck: 4.0}, change=False)
    under = back.locate(*NECK[1]).segments
    assert not cell.painted and cell.segment == under[0] and cell.shape is under[0].geometry


def test_two_point_spots_on_one_segment_show_the_stronger() -> None:
    """A 9/10 spot beside a 2/10 spot on one body area colours it 9, whichever was marked
    first: the weaker value would make the worst place look mild on the heat map and in the
    printed summary. In a change map the change furthest from zero wins."""
    tpm = TriggerPointMap("Two points")
    x, y = NECK[1]
    first = add_spot(tpm, "back", x, y, "right").spot.id
    second = add_spot(tpm, "back", x + 3, y, "right").spot.id
    back = load_atlas()["back"]
    under = back.locate(x, y).segments
    assert under and back.locate(x + 3, y).segments == under  # one segment under both
    for a, b in ((2.0, 9.0), (9.0, 2.0)):
        values = segment_values(back, tpm.spots, {first: a, second: b}, change=False)
        assert values[under[0]] == 9.0
    for a, b in ((-5.0, 1.0), (1.0, -5.0)):
        values = segment_values(back, tpm.spots, {first: a, second: b}, change=True)
        assert values[under[0]] == -5.0


def test_in_a_change_map_the_change_furthest_from_zero_lies_on_top() -> None:
    tpm, (buttocks, _thigh, _neck) = _map()
    point = add_spot(tpm, "back", 470, 470, "left", 3).spot.id  # on the left buttock
    back = load_atlas()["back"]
    cells = heat_cells(back, tpm.spots, {buttocks: -4.0, point: 1.0}, change=True)
    assert cells[-1].value == -4.0  # drawn last
    values = segment_values(back, tpm.spots, {buttocks: -4.0, point: 1.0}, change=True)
    assert values[next(r for r in values if (r.id, r.side) == ("buttock", "left"))] == -4.0


@pytest.mark.parametrize("mode", ["whole", "change"])
def test_the_heat_map_window_colours_the_painted_extent(qtbot, mode: str, tmp_path) -> None:
    from PySide6.QtCore import QPointF

    from bodymap.ui.drawing.painting import view_transform
    from bodymap.ui.history.heatmap import HeatMapDialog

    tpm, _ids = _map()
    dialog = HeatMapDialog(tpm)
    qtbot.addWidget(dialog)
    dialog.set_mode(mode)
    view = dialog.view
    view.resize(900, 700)
    image = view.grab().toImage()
    image.save(str(tmp_path / f"heat-{mode}.png"))
    view.show_values(view.spots, {}, view.change, view.caption)
    blank = view.grab().toImage()  # the same picture with nothing coloured
    line = view.fontMetrics().height() + 8  # the caption's line, as the view paints it
    atlas = load_atlas()

    def tinted(name: str, point: tuple[float, float]) -> bool:
        rect = view.view_rect(name, view.width(), view.height(), line)
        at = view_transform(atlas[name], rect).map(QPointF(*point)).toPoint()
        c, b = image.pixelColor(at), blank.pixelColor(at)
        return abs(c.red() - b.red()) + abs(c.green() - b.green()) + abs(c.blue() - b.blue()) > 40

    assert tinted("back", (445, 450))  # the left buttock, far from the area's point
    assert tinted("back", (555, 450))  # and the right one
    assert tinted("front", (413, 540))  # the painted upper outer thigh
    assert not tinted("front", (417, 660))  # the same strip below the painting
    assert tinted("back", NECK[1])  # a point spot's disc


def _render(pdf: Path, out: Path, dpi: int = 100) -> Path:
    done = subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), "-singlefile", str(pdf), str(out)],
        capture_output=True,
    )
    if done.returncode:
        pytest.skip("pdftoppm is not installed")
    return out.with_suffix(".png")


def test_the_summary_draws_pain_on_one_scale_without_the_no_roll_hatching(
    qapp, tmp_path, capsys
) -> None:
    from PySide6.QtCore import QPointF, QRectF
    from PySide6.QtGui import QImage

    from bodymap.ui.drawing.painting import view_transform
    from bodymap.ui.printing.summary import DIAGRAM_HEIGHT, write_summary_pdf

    tpm, _ids = _map()
    path = tmp_path / "m.bodymap"
    save_map(tpm, path)
    pdf = tmp_path / "s.pdf"
    assert main(["summary", str(path), "-o", str(pdf)]) == 0, capsys.readouterr().err
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    text = " ".join(text.split())
    assert "Colour: pain (0–10), on both diagrams" in text
    assert "Places not to roll are not drawn here" in text
    # where the diagrams went, from the same layout written to a second file
    layout = write_summary_pdf(tpm, tmp_path / "again.pdf", today=date.today())
    [caption] = [p for p in layout.placed if p.text.startswith("Spots and painted areas")]
    image = QImage(str(_render(pdf, tmp_path / "page", 100)))
    scale = 100 / 25.4  # pixels a millimetre
    margin = (image.width() / scale - layout.width) / 2  # the same on every edge
    top = caption.rect.top() - DIAGRAM_HEIGHT  # the diagrams stand on their captions
    atlas = load_atlas()

    def colour(view: str, index: int, point: tuple[float, float]):
        quarter = layout.width / 4
        rect = QRectF(
            (margin + index * quarter) * scale,
            (margin + top) * scale,
            quarter * scale,
            DIAGRAM_HEIGHT * scale,
        )
        at = view_transform(atlas[view], rect).map(QPointF(*point)).toPoint()
        return image.pixelColor(at)

    # no caution zone is hatched on the "as marked" diagram: the breasts, the groin and
    # the front of the neck are the body's own colour
    front = atlas["front"]
    zones = [r for r in front.layer("caution") if r.geometry.area > 150]
    assert {"breast", "femoral_triangle"} <= {r.id for r in zones}
    for region in zones:
        inside = region.geometry.representative_point()
        c = colour("front", 0, (inside.x, inside.y))
        assert c.red() - c.blue() < 60 and c.lightness() > 150, (region.id, c.name())
    # the 7/10 area is drawn strongly, as the scale gives 7
    area = colour("front", 0, (414, 548))  # the middle of the stroke, off its border
    assert area.red() - area.green() > 60 and area.lightness() < 190, area.name()
