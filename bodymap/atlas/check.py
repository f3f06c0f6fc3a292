"""``bodymap atlas check``: every rule the atlas must keep, reported as a list of problems."""

from __future__ import annotations

import shapely
from shapely import affinity

from bodymap.atlas.index import MIDLINE_X, ViewAtlas
from bodymap.atlas.model import CAUTION_ZONES

__all__ = ["MIN_COVERAGE", "MIN_MIRROR_IOU", "MIN_SIDED_REGIONS", "check_atlas"]

MIN_COVERAGE = 0.98
MIN_MIRROR_IOU = 0.95
MIN_SIDED_REGIONS = 80

FRONT_LANDMARKS = (
    "vertex chin sternal_notch xiphoid umbilicus pubic_symphysis".split(),
    (
        "temple jaw_angle acromion clavicle_mid nipple asis elbow_crease lateral_epicondyle "
        "medial_epicondyle wrist greater_trochanter patella tibial_tuberosity medial_malleolus "
        "lateral_malleolus"
    ).split(),
)
BACK_LANDMARKS = (
    "vertex occiput c7 t12 l4 sacrum coccyx".split(),
    (
        "mastoid acromion scapula_superior_angle scapula_spine_root scapula_inferior_angle "
        "olecranon lateral_epicondyle medial_epicondyle wrist iliac_crest psis greater_trochanter "
        "ischial_tuberosity gluteal_fold popliteal_fossa heel medial_malleolus "
        "lateral_malleolus"
    ).split(),
)


def required_landmarks(view: str) -> list[str]:
    """The product's landmark names for a view, sided ones for both sides."""
    single, sided = FRONT_LANDMARKS if view == "front" else BACK_LANDMARKS
    return single + [f"{name}_{s}" for name in sided for s in ("r", "l")]


def _check_view(va: ViewAtlas) -> list[str]:
    problems: list[str] = []
    where = f"{va.view} view"
    outline = va.outline
    for name in required_landmarks(va.view):
        if name not in va.landmarks:
            problems.append(f"{where}: landmark {name} is missing")
        elif outline.distance(shapely.Point(va.landmarks[name])) > 1.0:
            problems.append(f"{where}: landmark {name} lies outside the outline")
    surface = va.layer("superficial")
    union = shapely.union_all([r.geometry for r in surface])
    coverage = union.intersection(outline).area / outline.area
    if coverage < MIN_COVERAGE:
        problems.append(f"{where}: superficial regions cover {coverage:.1%} of the outline")
    overlap = sum(r.geometry.area for r in surface) - union.area
    if overlap > 0.005 * outline.area:
        problems.append(f"{where}: superficial regions overlap over {overlap:.0f} square units")
    for region in va.regions:
        label = f"{where}: {region.layer} {region.id} ({region.side})"
        if not region.geometry.is_valid:
            problems.append(f"{label} is not a valid polygon")
        outside = region.geometry.difference(outline.buffer(1.0)).area
        if outside > 0.02 * region.geometry.area:
            problems.append(f"{label} reaches outside the outline")
        if region.side in ("right", "left"):
            want = "right" if region.side == "left" else "left"
            twins = [r for r in va.find(region.id, want) if r.layer == region.layer]
            if not twins:
                problems.append(f"{label} has no mirror twin on the {want}")
                continue
            mirrored = affinity.scale(region.geometry, -1, 1, origin=(MIDLINE_X, 0))
            twin = twins[0].geometry
            iou = mirrored.intersection(twin).area / mirrored.union(twin).area
            if iou < MIN_MIRROR_IOU:
                problems.append(f"{label} mirrors its twin with IoU {iou:.2f}")
        expected = va.side_of(region.geometry.representative_point().x)
        if region.side in ("right", "left") and expected not in (region.side, "midline"):
            problems.append(f"{label} lies on the person's {expected} side")
    return problems


def check_atlas(views: dict[str, ViewAtlas]) -> list[str]:
    """Every problem with the atlas, one line each; an empty list means it is sound."""
    problems: list[str] = []
    for va in views.values():
        problems.extend(_check_view(va))
    zones = {r.id for va in views.values() for r in va.layer("caution")}
    problems.extend(f"caution zone {z} is missing" for z in CAUTION_ZONES if z not in zones)
    problems.extend(
        f"caution zone {z} is not listed in bodymap.atlas.CAUTION_ZONES, so nothing checks it"
        for z in sorted(zones - set(CAUTION_ZONES))
    )
    sided = {
        (va.view, r.id, r.side)
        for va in views.values()
        for r in va.regions
        if r.kind in ("muscle", "fascia") and r.side != "midline"
    }
    if len(sided) < MIN_SIDED_REGIONS:
        problems.append(
            f"only {len(sided)} sided muscle and fascia regions (need {MIN_SIDED_REGIONS})"
        )
    return problems
