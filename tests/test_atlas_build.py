"""The body atlas: the committed GeoJSON is what tools/build_atlas.py builds, and it is right.

Geometry checks (validity, a partition that covers the outline, mirror symmetry) and
anatomy checks: points built from landmarks, as textbook cases probe them, must land in
the muscles and caution zones a clinician would name.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType

import pytest
import shapely
from shapely.affinity import scale
from shapely.geometry import LineString, Point, shape
from shapely.geometry.base import BaseGeometry

import bodymap.atlas as atlas_package
from bodymap.atlas import CAUTION_ZONES, load_atlas, read_view
from bodymap.atlas.compact import loads_compact
from bodymap.atlas.index import LOOKUP_LAYERS, ViewAtlas
from bodymap.atlas.loader import ViewData, parse_view

ROOT = Path(__file__).resolve().parent.parent
ATLAS = ROOT / "assets" / "atlas"
VIEWS = ("front", "back")
SIDES = ("right", "left")


@functools.cache
def builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_atlas", ROOT / "tools" / "build_atlas.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@functools.cache
def collection(view: str) -> dict:
    return json.loads((ATLAS / f"{view}.geojson").read_text(encoding="utf-8"))


def features(view: str, layer: str | None = None) -> list[dict]:
    feats = collection(view)["features"]
    return [f for f in feats if layer is None or f["properties"]["layer"] == layer]


@functools.cache
def outline(view: str) -> BaseGeometry:
    (feat,) = features(view, "outline")
    return shape(feat["geometry"])


@functools.cache
def marks(view: str) -> dict[str, tuple[float, float]]:
    return {
        f["properties"]["id"]: tuple(f["geometry"]["coordinates"])
        for f in features(view, "landmark")
    }


def lerp(
    view: str, a: str | tuple[float, float], b: str, t: float, dy: float = 0.0
) -> tuple[float, float]:
    ax, ay = marks(view)[a] if isinstance(a, str) else a
    bx, by = marks(view)[b]
    return (ax + (bx - ax) * t, ay + (by - ay) * t + dy)


def ids_at(
    view: str, xy: tuple[float, float], layers: tuple[str, ...] = ("superficial", "deep")
) -> set[str]:
    pt = Point(xy)
    return {ident for ident, layer, geom in shapes(view) if layer in layers and geom.covers(pt)}


@functools.cache
def shapes(view: str) -> list[tuple[str, str, BaseGeometry]]:
    """Every polygon feature of a view as (id, layer, prepared geometry), parsed once."""
    found = []
    for f in features(view):
        if f["geometry"]["type"] != "Point":
            geom = shape(f["geometry"])
            shapely.prepare(geom)
            found.append((f["properties"]["id"], f["properties"]["layer"], geom))
    return found


def doc_list(heading: str, stop: str) -> str:
    text = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    start = text.index(heading)
    return text[start : text.index(stop, start + len(heading))]


def doc_ids(block: str) -> list[str]:
    """The ids of a comma-separated list, without notes in parentheses."""
    block = re.sub(r"\([^)]*\)", "", block.split(":", 1)[1])
    return [item.strip(" .\n") for item in block.split(",") if item.strip(" .\n")]


# -- the build ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_committed_geojson_is_what_the_builder_builds():
    texts = builder().build()
    for view in VIEWS:
        assert (ATLAS / f"{view}.geojson").read_text(encoding="utf-8") == texts[view], view


@pytest.mark.slow
def test_committed_compact_form_is_what_the_builder_builds():
    for view, text in builder().build().items():
        assert (ATLAS / f"{view}.compact").read_bytes() == builder().compact(view, text), view


@pytest.mark.slow
def test_check_mode_reports_a_stale_file(tmp_path, capsys):
    assert builder().main(["--out", str(tmp_path)]) == 0
    assert builder().main(["--check", "--out", str(tmp_path)]) == 0
    (tmp_path / "back.geojson").write_text("{}", encoding="utf-8")
    assert builder().main(["--check", "--out", str(tmp_path)]) == 1
    assert "back.geojson" in capsys.readouterr().out
    assert builder().main(["--out", str(tmp_path)]) == 0
    (tmp_path / "front.compact").write_bytes(b"")
    assert builder().main(["--check", "--out", str(tmp_path)]) == 1
    out = capsys.readouterr().out.splitlines()[-1]
    assert "front.compact" in out and "geojson" not in out


@pytest.mark.parametrize("view", VIEWS)
def test_the_compact_form_holds_the_same_atlas_as_the_geojson(view):
    text = (ATLAS / f"{view}.geojson").read_text(encoding="utf-8")
    strict = parse_view(text, f"atlas/{view}.geojson", view)
    packed = loads_compact((ATLAS / f"{view}.compact").read_bytes(), view, text)
    assert packed is not None
    assert packed.view == view
    rows = [(r.id, r.side, r.kind, r.layer, r.name) for r in packed.regions]
    assert rows == [(r.id, r.side, r.kind, r.layer, r.name) for r in strict.regions]
    assert list(packed.landmarks.items()) == list(strict.landmarks.items())
    geoms = [packed.outline, *(r.geometry for r in packed.regions)]
    expected = [strict.outline, *(r.geometry for r in strict.regions)]
    assert [g.wkb for g in geoms] == [g.wkb for g in expected]
    assert packed.neighbours is not None
    worked_out = ViewAtlas(strict)
    assert {layer: worked_out.neighbour_positions(layer) for layer in LOOKUP_LAYERS} == dict(
        packed.neighbours
    )
    # the program loads the same, and finds the same neighbours
    loaded = load_atlas()[view]
    for region in strict.regions:
        expected_near = [r.key for r in worked_out.neighbours(region)]
        assert [r.key for r in loaded.neighbours(region)] == expected_near, region.key
    assert [r.key for r in loaded.regions] == [r.key for r in strict.regions]
    assert [r.geometry.wkb for r in loaded.regions] == [r.geometry.wkb for r in strict.regions]


def test_a_compact_form_not_made_from_this_geojson_is_not_used():
    text = (ATLAS / "front.geojson").read_text(encoding="utf-8")
    blob = (ATLAS / "front.compact").read_bytes()
    assert loads_compact(blob, "front", text) is not None
    assert loads_compact(blob, "front", text.replace("Upper trapezius", "Upper trapezius!")) is None
    assert loads_compact(blob, "back", text) is None
    assert loads_compact(blob[:-1], "front", text) is None  # cut short
    assert loads_compact(blob[:-9] + bytes(9), "front", text) is None  # damaged
    assert loads_compact(b"", "front", text) is None
    assert loads_compact(b"[]\n", "front", text) is None
    head, _, payload = blob.partition(b"\n")
    header = json.loads(head)
    header["neighbours"]["deep"][0] = [10_000]  # a neighbour that is not there
    damaged = json.dumps(header, separators=(",", ":")).encode() + b"\n" + payload
    assert loads_compact(damaged, "front", text) is None


@pytest.mark.parametrize("compact", [None, b"", b"{}\n"])
def test_without_a_sound_compact_form_the_atlas_is_read_from_the_geojson(monkeypatch, compact):
    calls = []

    def parse(text: str, source: str, view: str) -> ViewData:
        calls.append(source)
        return parse_view(text, source, view)

    monkeypatch.setattr(atlas_package.resources, "read_bytes", lambda *_parts: compact)
    monkeypatch.setattr(atlas_package, "parse_view", parse)
    slow = read_view("back")
    assert calls == ["atlas/back.geojson"]
    fast = load_atlas()["back"]
    assert [r.key for r in slow.regions] == [r.key for r in fast.regions]
    assert slow.landmarks == fast.landmarks


def test_a_sound_compact_form_is_read_instead_of_the_geojson(monkeypatch):
    def parse(*_args: str) -> ViewData:
        raise AssertionError("the GeoJSON was parsed")

    monkeypatch.setattr(atlas_package, "parse_view", parse)
    assert read_view("front").landmarks == load_atlas()["front"].landmarks


@pytest.mark.parametrize("view", VIEWS)
def test_header_and_properties_follow_the_contract(view):
    col = collection(view)
    assert col["bodymap"] == {"format": "bodymap-atlas", "version": 1, "view": view}
    seen = set()
    for f in col["features"]:
        props = f["properties"]
        assert set(props) == {"id", "kind", "layer", "side", "name"}
        assert props["side"] in ("right", "left", "midline")
        assert props["name"] and props["name"][0].isupper()
        key = (props["id"], props["side"], props["layer"])
        assert key not in seen, key
        seen.add(key)


# -- geometry ----------------------------------------------------------------------------------


@pytest.mark.parametrize("view", VIEWS)
def test_every_polygon_is_valid(view):
    for f in features(view):
        if f["properties"]["layer"] == "landmark":
            continue
        geom = shape(f["geometry"])
        assert geom.is_valid and not geom.is_empty and geom.area > 1, f["properties"]


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("layer", ["superficial", "segment"])
def test_layer_partitions_the_outline(view, layer):
    body = outline(view)
    geoms = [shape(f["geometry"]) for f in features(view, layer)]
    union = shapely.union_all(geoms)
    assert union.intersection(body).area >= 0.98 * body.area
    overlap = sum(g.area for g in geoms) - union.area
    assert overlap < 0.005 * body.area


@pytest.mark.parametrize("view", VIEWS)
def test_deep_regions_and_cautions_lie_inside_the_outline(view):
    body = outline(view).buffer(0.5)
    for layer in ("deep", "caution"):
        for f in features(view, layer):
            assert body.contains(shape(f["geometry"])), f["properties"]


@pytest.mark.parametrize("view", VIEWS)
def test_left_and_right_regions_mirror_each_other(view):
    by_key = {}
    for f in features(view):
        p = f["properties"]
        if p["layer"] != "landmark" and p["side"] in SIDES:
            by_key[(p["id"], p["layer"], p["side"])] = shape(f["geometry"])
    for (id_, layer, side), right in by_key.items():
        if side != "right":
            continue
        left = scale(by_key[(id_, layer, "left")], -1.0, 1.0, origin=(500.0, 0.0))
        iou = right.intersection(left).area / right.union(left).area
        assert iou >= 0.95, (id_, layer, iou)


@pytest.mark.parametrize("view", VIEWS)
def test_sides_sit_where_the_contract_says(view):
    right_is_low_x = view == "front"
    for f in features(view, "superficial"):
        x = shape(f["geometry"]).representative_point().x
        if f["properties"]["side"] == "right":
            assert (x < 500) == right_is_low_x, f["properties"]


# -- names ------------------------------------------------------------------------------------


def _documented_landmarks() -> dict[str, list[str]]:
    """The landmark names docs/ARCHITECTURE.md lists, per view and on the midline."""
    text = (Path(__file__).parents[1] / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    section = text[text.index("- `landmark`:") : text.index("(id, side, layer) is unique")]
    lists: dict[str, list[str]] = {}
    for item in re.split(r"\n  - ", section)[1:]:
        label, names = item.split(":", 1)
        lists[label.strip()] = re.findall(r"`(\w+)`", names)
    return lists


DOCUMENTED_LANDMARKS = _documented_landmarks()
MIDLINE_LANDMARKS = set(DOCUMENTED_LANDMARKS["on the midline"])


@pytest.mark.parametrize("view", VIEWS)
def test_every_documented_landmark_is_on_the_body(view):
    body = outline(view)
    assert len(DOCUMENTED_LANDMARKS[view]) >= 20
    for name in DOCUMENTED_LANDMARKS[view]:
        wanted = [name] if name in MIDLINE_LANDMARKS else [name + "_r", name + "_l"]
        for key in wanted:
            assert key in marks(view), key
            assert body.distance(Point(marks(view)[key])) <= 1.0, key
    # and the list is whole: no landmark of the atlas goes unnamed in the docs
    listed = {n if n in MIDLINE_LANDMARKS else f"{n}_{s}" for n in DOCUMENTED_LANDMARKS[view]
              for s in "rl"}  # fmt: skip
    assert set(marks(view)) == listed


def test_every_region_id_exists_on_both_sides():
    ids = set(doc_ids(doc_list("The product's list with groups", "\n\n")))
    ids |= set(doc_ids(doc_list("Extra ids so the superficial", "\n\n")))
    assert len(ids) >= 75
    assert all(re.fullmatch(r"[a-z_]+", i) for i in ids), ids
    present = {(f["properties"]["id"], f["properties"]["side"])
               for v in VIEWS for f in features(v)
               if f["properties"]["kind"] in ("muscle", "fascia")}  # fmt: skip
    for id_ in sorted(ids):
        sides = {s for i, s in present if i == id_}
        assert sides >= {"right", "left"} or "midline" in sides, id_


@pytest.mark.parametrize("view", VIEWS)
def test_every_segment_id_exists(view):
    heading = "Front view: forehead" if view == "front" else "Back view: vertex"
    block = doc_list(heading, "\n\n")
    midline = set(re.findall(r"(\w+) \(midline\)", block))
    ids = doc_ids(block)
    present = {(f["properties"]["id"], f["properties"]["side"]) for f in features(view, "segment")}
    assert len(ids) >= 35
    for id_ in ids:
        if id_ in midline:
            assert (id_, "midline") in present, id_
        else:
            assert {(id_, "right"), (id_, "left")} <= present, id_


def test_the_caution_zones_are_exactly_the_listed_ones():
    """The atlas draws every listed zone and no other: ``bodymap atlas check`` reports a
    listed zone gone missing, so a zone left off the list would go unchecked."""
    zones = {f["properties"]["id"] for v in VIEWS for f in features(v, "caution")}
    assert set(CAUTION_ZONES) == zones
    assert len(CAUTION_ZONES) == len(set(CAUTION_ZONES))


@pytest.mark.slow  # three whole-atlas checks per view: the slowest test of the fast lane
@pytest.mark.parametrize("view", VIEWS)
def test_the_atlas_check_names_a_caution_zone_gone_or_unlisted(view):
    """A listed zone missing from the atlas, and a zone the list does not name, are both
    reported by the check ``bodymap atlas check`` runs."""
    from bodymap.atlas.check import check_atlas

    assert check_atlas(dict(load_atlas())) == []
    datas = {v: read_view(v) for v in VIEWS}
    gone = next(r.id for r in datas[view].regions if r.layer == "caution")

    def atlas_of(edit) -> dict[str, ViewAtlas]:
        return {
            v: ViewAtlas(dataclasses.replace(d, regions=edit(v, d.regions), neighbours=None))
            for v, d in datas.items()
        }

    without = atlas_of(lambda v, rs: tuple(r for r in rs if r.id != gone))
    assert f"caution zone {gone} is missing" in check_atlas(without)
    first = next(r for r in datas[view].regions if r.layer == "caution")
    extra = dataclasses.replace(first, id="unlisted_zone")
    added = atlas_of(lambda v, rs: (*rs, extra) if v == view else rs)
    assert any(p.startswith("caution zone unlisted_zone is not listed") for p in check_atlas(added))


def test_there_are_at_least_80_sided_muscle_and_fascia_regions():
    sided = [f for v in VIEWS for f in features(v)
             if f["properties"]["kind"] in ("muscle", "fascia")
             and f["properties"]["side"] in SIDES]  # fmt: skip
    assert len(sided) >= 80


# -- anatomy: back view --------------------------------------------------------------------------

SIDE_SUFFIX = [("_r", "right"), ("_l", "left")]


@pytest.mark.parametrize(("s", "side"), SIDE_SUFFIX)
def test_top_of_shoulder_is_upper_trapezius(s, side):
    assert "upper_trapezius" in ids_at("back", lerp("back", "c7", "acromion" + s, 0.45))


@pytest.mark.parametrize(("s", "side"), SIDE_SUFFIX)
def test_between_the_shoulder_blades_are_rhomboids_and_middle_trapezius(s, side):
    mid = lerp("back", "c7", "t12", 0.3)
    found = ids_at("back", lerp("back", mid, "scapula_spine_root" + s, 0.5))
    assert {"rhomboids", "middle_trapezius"} <= found


@pytest.mark.parametrize(("s", "side"), SIDE_SUFFIX)
def test_buttock_is_gluteal(s, side):
    found = ids_at("back", lerp("back", "psis" + s, "greater_trochanter" + s, 0.5, dy=20))
    assert found & {"gluteus_maximus", "gluteus_medius"}


@pytest.mark.parametrize("side", ["right", "left"])
def test_multifidus_ends_on_the_sacrum_above_the_coccyx(side):
    """Its lowest fibres attach down to the fourth sacral segment: the shape (and so its
    roll zone) stays off the coccyx and the buttock (a curve overshooting below the sacrum
    once put it, and a ball, beside the tailbone)."""
    back = load_atlas()["back"]
    (muscle,) = [r for r in back.regions if r.id == "multifidus" and r.side == side]
    assert muscle.geometry.bounds[3] < back.landmarks["coccyx"][1] - 15
    for segment in back.regions:
        if segment.layer == "segment" and segment.id in {"coccyx", "buttock", "gluteal_fold"}:
            assert muscle.geometry.intersection(segment.geometry).area < 1.0, segment.id


def test_no_ball_goes_on_the_tailbone():
    """The spine zone runs down the sacrum to the tip of the coccyx: a spot there is on
    the spine, and no roll zone shades it (gluteus maximus' once did)."""
    from bodymap.advisor.tables import tables_for
    from bodymap.knowledge import load_knowledge

    back = load_atlas()["back"]
    x, y = back.landmarks["coccyx"]
    assert "spine" in {c.id for c in back.locate(x, y).cautions}
    zones = tables_for(load_atlas(), load_knowledge()).roll_zones
    tip = shapely.Point(x, y)
    for muscle in ("gluteus_maximus", "multifidus", "levator_ani", "coccygeus"):
        for side in ("right", "left"):
            zone = zones.get("back", muscle, side)
            assert zone is None or zone.geometry is None or zone.geometry.distance(tip) > 5


def test_the_kidney_zone_leaves_the_muscles_beside_the_spine_free():
    """The kidney area lies under the lowest ribs lateral to erector spinae (the renal
    angle); a ball in the groove beside the upper low back is not over it."""
    back = load_atlas()["back"]
    for x in (512.0, 518.0, 488.0, 482.0):
        assert "kidney" not in {c.id for c in back.locate(x, 350.0).cautions}, x
    assert "kidney" in {c.id for c in back.locate(545.0, 345.0).cautions}


@pytest.mark.parametrize(("s", "side"), SIDE_SUFFIX)
def test_upper_calf_is_gastrocnemius(s, side):
    assert "gastrocnemius" in ids_at("back", lerp("back", "popliteal_fossa" + s, "heel" + s, 0.3))


def test_lumbar_midline_is_the_spine_caution():
    assert "spine" in ids_at("back", lerp("back", "t12", "l4", 0.4), layers=("caution",))


@pytest.mark.parametrize(("s", "side"), SIDE_SUFFIX)
def test_infraspinous_fossa_is_infraspinatus(s, side):
    root, angle, acro = (marks("back")[n + s] for n in
                         ("scapula_spine_root", "scapula_inferior_angle", "acromion"))  # fmt: skip
    x = root[0] + 0.45 * (acro[0] - root[0])
    y = (root[1] + angle[1]) / 2
    assert "infraspinatus" in ids_at("back", (x, y), layers=("superficial",))


@pytest.mark.parametrize(("s", "side"), SIDE_SUFFIX)
def test_between_rib_and_crest_beside_the_spine(s, side):
    crest = marks("back")["iliac_crest" + s]
    x = 500 + (crest[0] - 500) * 0.4
    y = (marks("back")["t12"][1] + crest[1]) / 2 + 10
    assert {"quadratus_lumborum", "thoracolumbar_fascia"} <= ids_at("back", (x, y))
    assert "kidney" in ids_at("back", (x, marks("back")["t12"][1] + 15), layers=("caution",))


@pytest.mark.parametrize(("s", "side"), SIDE_SUFFIX)
def test_back_of_thigh_has_hamstrings_lateral_and_medial(s, side):
    fold, fossa = marks("back")["gluteal_fold" + s], marks("back")["popliteal_fossa" + s]
    y = (fold[1] + fossa[1]) / 2
    body = outline("back")
    row = shapely.LineString([(0, y), (1000, y)]).intersection(body)
    legs = [g for g in getattr(row, "geoms", [row]) if abs(g.centroid.x - fossa[0]) < 40]
    (leg,) = legs
    x0, x1 = sorted(c[0] for c in leg.coords)
    outer_x, inner_x = (x1, x0) if fossa[0] > 500 else (x0, x1)
    assert "biceps_femoris" in ids_at("back", (outer_x + (inner_x - outer_x) * 0.3, y))
    assert ids_at("back", (outer_x + (inner_x - outer_x) * 0.75, y)) & {
        "semitendinosus", "semimembranosus"}  # fmt: skip


@pytest.mark.parametrize(("s", "side"), SIDE_SUFFIX)
def test_behind_the_knee_is_a_caution(s, side):
    assert "popliteal_fossa" in ids_at("back", marks("back")["popliteal_fossa" + s],
                                       layers=("caution",))  # fmt: skip


def test_neck_and_occiput():
    occ = marks("back")["occiput"]
    for s in ("_r", "_l"):
        mastoid = marks("back")["mastoid" + s]
        below = lerp("back", "occiput", "mastoid" + s, 0.4, dy=10)
        assert "suboccipitals" in ids_at("back", below)
        neck = (occ[0] + (mastoid[0] - occ[0]) * 0.4, (mastoid[1] + marks("back")["c7"][1]) / 2)
        assert ids_at("back", neck) & {"splenius_capitis", "semispinalis_capitis"}


# -- anatomy: front view -------------------------------------------------------------------------


@pytest.mark.parametrize(("s", "side"), SIDE_SUFFIX)
def test_temple_is_temporalis(s, side):
    assert "temporalis" in ids_at("front", marks("front")["temple" + s])


@pytest.mark.parametrize(("s", "side"), SIDE_SUFFIX)
def test_lateral_thigh_is_vastus_lateralis_or_itb(s, side):
    found = ids_at("front", lerp("front", "greater_trochanter" + s, "patella" + s, 0.45))
    assert found & {"vastus_lateralis", "iliotibial_band"}


@pytest.mark.parametrize(("s", "side"), SIDE_SUFFIX)
def test_outer_third_of_the_thigh_is_lateral_thigh(s, side):
    """Vastus lateralis and the ITB lie in the outer third of the thigh, front and back."""
    at = lerp("front", "greater_trochanter" + s, "patella" + s, 0.45)
    assert "lateral_thigh" in ids_at("front", at, layers=("segment",))
    y = 578.0
    for view in VIEWS:
        row = outline(view).intersection(LineString([(0, y), (1000, y)]))
        lateral = 1 if (view == "front") != (side == "right") else -1  # +x is outward
        pieces = [g for g in getattr(row, "geoms", [row]) if (g.centroid.x - 500) * lateral > 0]
        thigh = min(pieces, key=lambda g: abs(g.centroid.x - 500))  # the hand lies farther out
        inner, outer = sorted((c[0] for c in thigh.coords), key=lambda x: abs(x - 500))
        at = (inner + (outer - inner) * 0.8, y)
        assert "lateral_thigh" in ids_at(view, at, layers=("segment",)), view


@pytest.mark.parametrize(("view", "s"), [(v, s) for v in VIEWS for s, _ in SIDE_SUFFIX])
def test_outer_knee_and_thumb_segments(view, s):
    knee = marks(view)[("patella" if view == "front" else "popliteal_fossa") + s]
    out = 1 if knee[0] > 500 else -1
    row = outline(view).intersection(LineString([(500, knee[1]), (500 + out * 400, knee[1])]))
    edge_x = max((c[0] for c in row.coords), key=lambda x: abs(x - 500))
    assert "lateral_knee" in ids_at(view, (edge_x - out * 4, knee[1]), layers=("segment",))
    wrist = marks(view)["wrist" + s]
    other = marks(view)["wrist" + ("_l" if s == "_r" else "_r")]
    base = lerp(view, "wrist" + ("_l" if s == "_r" else "_r"), "wrist" + s, 1.07, dy=25)
    assert "thumb" in ids_at(view, base, layers=("segment",)), (wrist, other)
    palm = (wrist[0], wrist[1] + 30)
    assert "thumb" not in ids_at(view, palm, layers=("segment",))


@pytest.mark.parametrize(("s", "side"), SIDE_SUFFIX)
def test_kidney_zone_sits_under_the_12th_rib_not_at_l4(s, side):
    """Kidneys lie from about T11/T12 to L2/L3: a click beside L4 is the low back."""
    crest = marks("back")["iliac_crest" + s]
    at_l4 = lerp("back", "l4", "iliac_crest" + s, 0.3, dy=-10)
    assert "kidney" not in ids_at("back", at_l4, layers=("caution",))
    under_rib = lerp("back", "t12", "iliac_crest" + s, 0.45, dy=-20)
    assert "kidney" in ids_at("back", under_rib, layers=("caution",))
    assert crest[1] > under_rib[1]


@pytest.mark.parametrize(("s", "side"), SIDE_SUFFIX)
def test_deep_muscles_added_from_the_textbook(s, side):
    # multifidus runs the whole spine: beside the neck as well as the low back
    c7, l4 = marks("back")["c7"], marks("back")["l4"]
    out = 8 if side == "right" else -8  # back view: the person's right is at x > 500
    assert "multifidus" in ids_at("back", (c7[0] + out, c7[1] - 30), layers=("deep",))
    assert "multifidus" in ids_at("back", (l4[0] + out, l4[1] + 10), layers=("deep",))
    # piriformis reaches its insertion on the greater trochanter
    assert "piriformis" in ids_at("back", marks("back")["greater_trochanter" + s], layers=("deep",))
    # brachialis lies under the biceps in the lower part of the arm
    arm = lerp("front", "acromion" + s, "elbow_crease" + s, 0.6)
    assert {"biceps_brachii", "brachialis"} <= ids_at("front", arm)
    # the inner ankle: abductor hallucis at the surface, flexor digitorum longus close by
    for view in VIEWS:
        ankle = marks(view)["medial_malleolus" + s]
        assert "abductor_hallucis" in ids_at(view, (ankle[0], ankle[1] + 20)), view
        assert "flexor_digitorum_longus" in ids_at(view, (ankle[0], ankle[1] - 40)), view


@pytest.mark.parametrize(("s", "side"), SIDE_SUFFIX)
def test_front_of_thigh_is_rectus_femoris_or_sartorius(s, side):
    found = ids_at("front", lerp("front", "asis" + s, "patella" + s, 0.5))
    assert found & {"rectus_femoris", "sartorius"}


@pytest.mark.parametrize(("s", "side"), SIDE_SUFFIX)
def test_jaw_angle_is_masseter(s, side):
    assert "masseter" in ids_at("front", lerp("front", "jaw_angle" + s, "temple" + s, 0.15))


@pytest.mark.parametrize(("s", "side"), SIDE_SUFFIX)
def test_side_of_neck_is_sternocleidomastoid_with_scalenes_behind(s, side):
    notch, jaw = marks("front")["sternal_notch"], marks("front")["jaw_angle" + s]
    assert "sternocleidomastoid" in ids_at(
        "front", lerp("front", "sternal_notch", "jaw_angle" + s, 0.5)
    )
    lateral = 1 if jaw[0] > notch[0] else -1
    y = 150
    xs = [x for x in range(400, 600) if "scalenes" in ids_at("front", (x, y))]
    xs_scm = [x for x in range(400, 600) if "sternocleidomastoid" in ids_at("front", (x, y))]
    side_xs = [x for x in xs if (x - 500) * lateral > 0]
    side_scm = [x for x in xs_scm if (x - 500) * lateral > 0]
    assert side_xs and side_scm
    assert max(abs(x - 500) for x in side_xs) > max(abs(x - 500) for x in side_scm) - 2


def test_throat_is_neck_front_caution():
    notch, chin = marks("front")["sternal_notch"], marks("front")["chin"]
    assert "neck_front" in ids_at("front", lerp("front", "chin", "sternal_notch", 0.5),
                                  layers=("caution",))  # fmt: skip
    assert notch[1] > chin[1]


@pytest.mark.parametrize(("s", "side"), SIDE_SUFFIX)
def test_chest_armpit_and_groin(s, side):
    nipple = marks("front")["nipple" + s]
    found = ids_at("front", lerp("front", "clavicle_mid" + s, "nipple" + s, 0.5))
    assert "pectoralis_major" in found and "pectoralis_minor" in found
    assert "pectoralis_major" in ids_at("front", nipple)
    acro = marks("front")["acromion" + s]
    armpit = (acro[0] + (500 - acro[0]) * 0.1, acro[1] + 60)
    assert "axilla" in ids_at("front", armpit, layers=("caution",))
    groin = lerp("front", "pubic_symphysis", "asis" + s, 0.5, dy=25)
    assert "femoral_triangle" in ids_at("front", groin, layers=("caution",))


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize(("s", "side"), SIDE_SUFFIX)
def test_forearm_below_the_epicondyles(view, s, side):
    lat = marks(view)["lateral_epicondyle" + s]
    med = marks(view)["medial_epicondyle" + s]
    assert ids_at(view, (lat[0], lat[1] + 15)) & {"extensor_carpi_radialis", "brachioradialis"}
    assert "wrist_flexors" in ids_at(view, (med[0], med[1] + 20))


@pytest.mark.parametrize(("s", "side"), SIDE_SUFFIX)
def test_lower_leg_front(s, side):
    tt = marks("front")["tibial_tuberosity" + s]
    lateral = -1 if tt[0] < 500 else 1
    assert "tibialis_anterior" in ids_at("front", (tt[0] + 8 * lateral, tt[1] + 40))
    row = shapely.LineString([(tt[0], 820), (tt[0] + 200 * lateral, 820)]).intersection(
        outline("front")
    )
    edge = max((c[0] for c in row.coords), key=lambda x: (x - tt[0]) * lateral)
    assert "fibularis" in ids_at("front", (edge - 4 * lateral, 820))


@pytest.mark.parametrize(("s", "side"), SIDE_SUFFIX)
def test_hip_front_has_tfl_below_the_crest(s, side):
    asis = marks("front")["asis" + s]
    lateral = -1 if asis[0] < 500 else 1
    assert "tensor_fasciae_latae" in ids_at("front", (asis[0] + 12 * lateral, asis[1] + 20))


# -- the review renderer --------------------------------------------------------------------------


def test_render_atlas_paints_both_views(tmp_path, monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QColor, QImage

    from bodymap.ui.drawing.atlas_render import render_atlas

    paths = render_atlas(tmp_path, scale=0.5, layers=("outline", "superficial"))
    assert [p.name for p in paths] == ["front.png", "back.png"]
    image = QImage(str(paths[0]))
    assert image.width() > 200 and image.height() > 500
    assert image.pixelColor(2, 2) == QColor("white")
    centre = image.pixelColor(image.width() // 2, image.height() // 2)
    assert centre != QColor("white")
    with pytest.raises(ValueError, match="unknown atlas layers"):
        render_atlas(tmp_path, layers=("muscles",))


# -- literature fixes: neck spine, mid back, sit bone, sacrum, base of the skull --------------


def test_spine_caution_runs_up_the_neck_from_c2():
    # never press the bony points of the spine (docs/PRODUCT.md); C2: first bump below the skull
    for t in (0.3, 0.5, 0.7, 0.95):
        assert "spine" in ids_at("back", lerp("back", "occiput", "c7", t), layers=("caution",))
    assert "spine" not in ids_at("back", marks("back")["occiput"], layers=("caution",))
    assert not [f for f in features("front", "caution") if f["properties"]["id"] == "spine"]
    front_neck = lerp("front", "chin", "sternal_notch", 0.5)
    assert ids_at("front", front_neck, layers=("caution",)) == {"neck_front"}


def segments_at(view: str, xy: tuple[float, float]) -> set[str]:
    return ids_at(view, xy, layers=("segment",))


@pytest.mark.parametrize(("s", "side"), SIDE_SUFFIX)
def test_interscapular_ends_at_the_level_of_the_lower_tip_of_the_scapula(s, side):
    # T1 to T7 between the shoulder blades; at and below the inferior angle (T7) the mid back
    for t, want in ((0.3, "interscapular"), (0.5, "interscapular"), (0.62, "mid_back"),
                    (0.8, "mid_back")):  # fmt: skip
        beside = lerp("back", lerp("back", "c7", "t12", t), "scapula_inferior_angle" + s, 0.3)
        assert segments_at("back", beside) == {want}, (t, segments_at("back", beside))


@pytest.mark.parametrize(("s", "side"), SIDE_SUFFIX)
def test_sit_bone_is_the_lower_buttock_with_the_hamstring_origin(s, side):
    for name in ("ischial_tuberosity", "gluteal_fold"):
        assert segments_at("back", marks("back")[name + s]) == {"gluteal_fold"}
    sit = marks("back")["ischial_tuberosity" + s]
    assert "gluteus_maximus" in ids_at("back", sit, layers=("superficial",))
    assert {"semitendinosus", "semimembranosus"} <= ids_at("back", sit, layers=("deep",))
    mid_buttock = lerp("back", "psis" + s, "greater_trochanter" + s, 0.5, dy=20)
    assert segments_at("back", mid_buttock) == {"buttock"}


@pytest.mark.parametrize(("s", "side"), SIDE_SUFFIX)
def test_multifidus_fills_the_sacral_groove_to_the_psis(s, side):
    assert "multifidus" in ids_at("back", marks("back")["psis" + s], layers=("deep",))


@pytest.mark.parametrize(("s", "side"), SIDE_SUFFIX)
def test_below_the_nuchal_line_are_neck_muscles_not_the_scalp(s, side):
    below = lerp("back", "occiput", "mastoid" + s, 0.3, dy=4)
    assert ids_at("back", below, layers=("superficial",)) == {"upper_trapezius"}
    above = lerp("back", "occiput", "mastoid" + s, 0.5, dy=-12)
    assert ids_at("back", above, layers=("superficial",)) == {"occipitalis"}
    on_mastoid = marks("back")["mastoid" + s]
    assert "sternocleidomastoid" in ids_at("back", on_mastoid, layers=("superficial",))


@pytest.mark.parametrize(("s", "side"), SIDE_SUFFIX)
def test_low_back_is_split_where_its_sources_differ(s, side):
    # T12 to L2 across the back, L2 to the sacrum beside the spine, the rest out to the crest
    t12, l4, crest = marks("back")["t12"], marks("back")["l4"], marks("back")["iliac_crest" + s]
    out = 1 if crest[0] > 500 else -1
    assert segments_at("back", (t12[0] + out * 25, t12[1] + 12)) == {"thoracolumbar"}
    assert segments_at("back", (t12[0] + out * 55, t12[1] + 12)) == {"thoracolumbar"}
    for dy in (-20, 0, 15):
        assert segments_at("back", (l4[0] + out * 15, l4[1] + dy)) == {"lumbar_paraspinal"}
    above_crest = lerp("back", "iliac_crest" + s, "l4", 0.3, dy=-8)
    assert segments_at("back", above_crest) == {"lateral_low_back"}
    assert segments_at("back", marks("back")["psis" + s]) == {"sacroiliac"}
    zones = {
        f["properties"]["id"]: shape(f["geometry"])
        for f in features("back", "segment")
        if f["properties"]["side"] == side
    }
    tl, para, lat = zones["thoracolumbar"], zones["lumbar_paraspinal"], zones["lateral_low_back"]
    # the paraspinal strip lies beside the spine, medial to the lateral low back, below T12
    assert abs(para.centroid.x - 500) < abs(lat.centroid.x - 500)
    assert para.bounds[1] > t12[1] and tl.centroid.y < para.centroid.y
    assert para.intersects(lat) and para.intersects(tl) and tl.intersects(lat)
    assert "erector_spinae_lumbar" in ids_at("back", para.representative_point())
    assert para.area < lat.area


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize(("s", "side"), SIDE_SUFFIX)
def test_side_of_the_shoulder_is_the_middle_deltoid(view, s, side):
    acromion = marks(view)["acromion" + s]
    out = 1 if acromion[0] > 500 else -1
    mid_deltoid = (acromion[0] + out * 22, acromion[1] + 45)
    assert segments_at(view, mid_deltoid) == {"lateral_shoulder"}
    assert "deltoid_middle" in ids_at(view, mid_deltoid, layers=("superficial",))
    zones = {
        f["properties"]["id"]: shape(f["geometry"])
        for f in features(view, "segment")
        if f["properties"]["side"] == side
    }
    lateral = zones["lateral_shoulder"]
    # between the front and back of the shoulder: beside the one its view shows, outermost
    other = zones["anterior_shoulder" if view == "front" else "posterior_shoulder"]
    assert lateral.intersects(other)
    assert abs(lateral.centroid.x - 500) > abs(other.centroid.x - 500)
    assert lateral.bounds[1] > acromion[1] - 10
