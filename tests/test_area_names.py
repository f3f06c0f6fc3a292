"""A painted area is named by where most of it lies and by the sides it covers ("buttocks,
both sides", "outer thigh, right"), not by the place under its point, and every place that
names an area says the same words: the spot list, the diagram's tooltip, the guide, the
summary, the check-in dialog and History, and the command line."""

from __future__ import annotations

import json
from datetime import date

import pytest
import shapely

from bodymap.advisor import advise_map
from bodymap.advisor.areas import parse_polygon
from bodymap.atlas import load_atlas
from bodymap.cli import main
from bodymap.guide.content import build_guide_content
from bodymap.guide.summary import summary_content
from bodymap.knowledge import load_knowledge
from bodymap.knowledge.places import both_sides_label
from bodymap.maps import TriggerPointMap, add_spot, check_in
from bodymap.maps.area import Area
from bodymap.maps.verbs import set_area
from bodymap.words import area_place, spot_place

# real painted shapes: (view, point, polygon, name)
SHAPES = {
    # across both buttocks, its point on the sacrum between them
    "both_buttocks": ("back", (500, 470), "430,440 570,440 570,495 430,495",
                      "buttocks, both sides"),
    # one buttock, its edge crossing the midline onto the sacrum and the other side
    "right_buttock": ("back", (550, 480), "495,450 585,450 585,520 495,520", "buttock, right"),
    "left_buttock": ("back", (450, 480), "415,450 505,450 505,520 415,520", "buttock, left"),
    # a strip down the side of the right thigh
    "outer_thigh": ("front", (415, 600), "405,520 418,520 425,700 412,700", "outer thigh, right"),
    # across the low back, its point on the spine
    "low_back": ("back", (500, 400), "472,380 528,380 528,420 472,420",
                 "low back beside the spine, both sides"),
    # a patch over the sacrum, mostly on the midline
    "sacrum": ("back", (500, 455), "488,435 512,435 512,480 488,480",
               "sacrum (back of the pelvis)"),
    # both calves in one stroke
    "both_calves": ("back", (460, 820), "440,790 560,790 560,850 440,850", "calves, both sides"),
    # the whole back from the shoulders to the thighs: its largest place holds a tenth of it
    "whole_back": ("back", (500, 300), "300,100 700,100 700,900 300,900",
                   "mid back and 19 more places, both sides"),
    # across the middle back: mostly one place, a few others at its edges
    "mid_back": ("back", (500, 360), "420,300 580,300 580,420 420,420", "mid back, both sides"),
}  # fmt: skip


def _map(*names: str) -> TriggerPointMap:
    tpm = TriggerPointMap("Areas")
    for name in names:
        view, (x, y), polygon, _ = SHAPES[name]
        atlas_side = load_atlas()[view].side_of(x)
        spot = add_spot(tpm, view, x, y, "midline" if x == 500 else atlas_side).spot
        shape = Area.from_geojson(json.loads(shapely.to_geojson(parse_polygon(polygon))))
        set_area(tpm, spot.id, shape, (x, y))
    return tpm


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_an_area_is_named_where_most_of_it_lies_with_its_sides(name: str) -> None:
    tpm = _map(name)
    [spot] = tpm.spots
    expected = SHAPES[name][3]
    atlas = load_atlas()
    assert spot_place(atlas[spot.view], spot) == expected
    [finding] = advise_map(tpm).spots
    assert area_place(finding, spot.side) == expected


def test_the_area_across_both_buttocks_is_not_named_after_the_place_under_its_point() -> None:
    """Its point lies on the sacrum; most of it lies on the buttocks."""
    tpm = _map("both_buttocks")
    [spot] = tpm.spots
    point = load_atlas()["back"].locate(spot.x, spot.y)
    assert point.segments[0].id == "sacrum"
    assert "sacrum" not in spot_place(load_atlas()["back"], spot)


def test_both_sides_names_a_pair_in_the_plural_and_a_place_split_at_the_midline_as_one() -> None:
    assert both_sides_label("Buttock") == "buttocks"
    assert both_sides_label("Calf") == "calves"
    assert both_sides_label("Achilles tendon") == "Achilles tendons"
    assert both_sides_label("Mid back") == "mid back"
    assert both_sides_label("Back of thigh") == "back of thigh"
    labels = {r.name for va in load_atlas().values() for r in va.layer("segment")}
    for label in labels:  # every label has a form said of both sides, lower case but names
        said = both_sides_label(label)
        assert said and (said[0].islower() or said.startswith("Achilles"))


def test_every_place_that_names_an_area_says_the_same_words(capsys) -> None:
    tpm = _map("both_buttocks", "outer_thigh")
    advice = advise_map(tpm)
    expected = [SHAPES["both_buttocks"][3], SHAPES["outer_thigh"][3]]
    summary = summary_content(list(tpm.spots), advice)
    assert [row.where for row in summary.spots] == [f"area: {words}" for words in expected]
    guide = build_guide_content("Areas", tpm.spots, advice, load_knowledge(), date(2026, 1, 2))
    assert [row.where for row in guide.spots] == [f"Area — {words}" for words in expected]
    status = main(
        ["locate", "--view", "back", "--polygon", SHAPES["both_buttocks"][2]]
    )  # the command line's text answer
    out = capsys.readouterr().out
    assert status == 0 and out.startswith("Area 1 — buttocks, both sides (back): ")


def test_the_exports_name_an_area_as_the_spot_list_does(tmp_path) -> None:
    """The CSV's region column and the GeoJSON's region property say where an area lies
    ("buttocks, both sides"), not the one muscle under its disc with one side."""
    import csv
    import json

    from bodymap.ui.printing.exports import export_csv, export_geojson

    tpm = _map("both_buttocks", "outer_thigh")
    expected = [SHAPES["both_buttocks"][3], SHAPES["outer_thigh"][3]]
    rows = list(
        csv.DictReader(export_csv(tpm, tmp_path / "s.csv").read_text("utf-8-sig").splitlines())
    )
    assert [row["region"] for row in rows] == expected
    features = json.loads(export_geojson(tpm, tmp_path / "s.geojson").read_text())["features"]
    assert [f["properties"]["region"] for f in features] == expected


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_the_window_names_an_area_alike_in_the_list_tooltip_check_in_and_history(
    qtbot, tmp_path, monkeypatch, private_settings
) -> None:
    from PySide6.QtWidgets import QLabel

    from bodymap.maps import save_map
    from bodymap.ui.document.document import MapDocument
    from bodymap.ui.window.dialogs import CheckInDialog
    from bodymap.ui.window.mainwindow import MapWindow

    window = MapWindow(MapDocument(recovery_dir=tmp_path / "recovery"))
    monkeypatch.setattr(window, "show_safety_note", lambda: None)
    qtbot.addWidget(window)
    path = tmp_path / "areas.bodymap"
    tpm = _map("both_buttocks", "outer_thigh")
    check_in(tpm, {spot.id: 4 for spot in tpm.spots})
    save_map(tpm, path)
    assert window.document.open(path)
    names = [SHAPES["both_buttocks"][3], SHAPES["outer_thigh"][3]]
    spots = window.document.map.spots
    for row, (spot, words) in enumerate(zip(spots, names, strict=True)):
        heading = f"Area {row + 1} — {words}"
        assert window.panel.spot_list.item(row).text().startswith(f"{heading} — ")
        marker = window.canvas.spot_item(spot.id)
        assert marker is not None and f">{heading}, intensity " in marker.toolTip()
        assert window.spot_label(spot) == words  # the check-in dialog's and History's
    # the details' "Under the spots" names each area as the list does, not the place under
    # its point (the midline disc of the buttocks area lay on the tailbone)
    details = window.panel.details.toPlainText()
    for row, words in enumerate(names):
        line = next(ln for ln in details.splitlines() if ln.startswith(f"{row + 1}: "))
        assert line.split(" — ")[1].startswith(words), line
    dialog = CheckInDialog(window.document.map, window.spot_label)
    qtbot.addWidget(dialog)
    labels = [w.text() for w in dialog.findChildren(QLabel)]
    assert f"Area 1 — {names[0]}" in labels
    window.show_history()
    history = window.history_dialog
    assert history is not None
    legend = [history.legend.list.item(r).text() for r in range(history.legend.list.count())]
    assert any(names[0] in text for text in legend), legend
    # a long area name wraps in the legend instead of running under a sideways scroll bar
    rows = history.legend.list
    assert rows.wordWrap() and not rows.horizontalScrollBar().isVisible()
    assert rows.visualItemRect(rows.item(0)).right() <= rows.viewport().width()
    history.close()
    window.close()


def test_an_area_across_the_midline_has_its_disc_on_its_main_place() -> None:
    """The disc of an area across both buttocks sits well inside one buttock's part of it
    (the place the area is named by), not on the tailbone between them; for any area the
    disc lies inside it."""
    atlas = load_atlas()
    va = atlas["back"]
    both = shapely.Polygon([(450, 470), (550, 470), (550, 525), (450, 525)])
    x, y = va.disc_point(both)
    assert abs(x - 500) > 15 and both.covers(shapely.Point(x, y))
    hit = va.locate(x, y)
    assert not {c.id for c in hit.cautions} & {"spine", "coccyx", "sacrum"}
    for name in SHAPES:
        view, _, polygon, _ = SHAPES[name]
        shape = parse_polygon(polygon)
        px, py = atlas[view].disc_point(shape)
        assert shape.covers(shapely.Point(px, py)), name


def test_an_area_over_many_places_takes_the_sides_of_the_whole_of_it() -> None:
    """One stroke from the left shoulder blade past the left buttock to the right calf (cut
    in two by the outline between the legs): its largest place is the right calf, but most
    of it is on the left, so it is not named "…, right" (paint walk)."""
    left = [(418, 233), (411, 234), (411, 237), (489, 615), (491, 585), (419, 235)]
    right = [(562, 961), (567, 960), (567, 956), (565, 943), (520, 726), (518, 755), (560, 958)]
    shape = shapely.MultiPolygon([shapely.Polygon(left), shapely.Polygon(right)])
    tpm = TriggerPointMap("Areas")
    spot = add_spot(tpm, "back", 523.3, 760.1, "right").spot
    set_area(tpm, spot.id, Area.from_geojson(json.loads(shapely.to_geojson(shape))), (523.3, 760.1))
    finding = advise_map(tpm).spots[0]
    name = area_place(finding, "right")
    assert name.endswith(" more places, both sides"), name
    assert name.startswith("calf and ")  # the main place keeps its own number


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_under_the_spots_names_what_covers_most_of_an_area_deep_muscles_too(
    main_window, tmp_path
) -> None:
    """ "Under the spots" named an area's first three muscles in the atlas's order: fibularis
    (under 1 % of an outer-thigh area) and not vastus lateralis, and nothing deep for a
    low-back area (paint walk). Each layer now comes largest first, the deep one named too."""
    from bodymap.maps import save_map

    tpm = _map("outer_thigh", "low_back")
    for finding in advise_map(tpm).spots:  # the locator's order: largest share first
        sizes = [
            float(shapely.intersection(tpm.spots[finding.index].area.shape, r.geometry).area)
            for r in finding.regions
            if r.layer == "superficial"
        ]
        assert sizes == sorted(sizes, reverse=True)
    path = tmp_path / "areas.bodymap"
    save_map(tpm, path)
    window = main_window()
    assert window.document.open(path)
    text = window.panel.details.toPlainText()
    thigh = next(line for line in text.splitlines() if line.startswith("1: "))
    back = next(line for line in text.splitlines() if line.startswith("2: "))
    assert "Vastus lateralis" in thigh and "Fibularis" not in thigh
    assert "Lumbar erector spinae" in back and "Quadratus lumborum" in back
