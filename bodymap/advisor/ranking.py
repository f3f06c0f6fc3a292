"""Rank the likely sources of pain over all spots together.

Each spot adds to a (muscle, side) candidate a contribution

    weight(kind) × (0.5 + 0.5 × prevalence) × (0.5 + intensity / 20)

where ``weight`` is the best of local (superficial 0.85, deep 0.6) and referred
(essential 0.8, spillover 0.4), plus a quarter of the other when a muscle both lies under
the spot and refers pain to it. Muscle regions that only touch the thumb-sized spot
(:mod:`bodymap.advisor.extent`) count at :data:`NEAR` of their weight, referral zones
(surface segments) it only touches at :data:`NEAR_ZONE`. Where a record draws its pattern
over part of a segment (``referral.focus``), the zone is that part: a spot on the segment
outside it, beyond the spot's reach, takes nothing from that muscle there.

Contributions add up over spots, so a muscle that explains several spots rises; the sum
is divided by the best possible total, giving 0..1 without changing the order. Because
the score is a plain sum, adding a spot whose best explanation is a source can never lower
that source's rank.

Prevalence spans half the score (:data:`~bodymap.advisor.tables.PREVALENCE_FLOOR`): the
textbook pain guides (Travell & Simons) list the sources of a pain area commonest first,
and a common referrer such as infraspinatus at the front of the shoulder or iliopsoas at
the front of the thigh must not fall behind a rarer muscle merely lying next to the spot.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from bodymap.advisor.areas import Contributions, area_contributions, area_of
from bodymap.advisor.extent import SPOT_RADIUS
from bodymap.advisor.model import Reason, Source, SpotLike
from bodymap.advisor.tables import Tables
from bodymap.knowledge import Muscle
from bodymap.recent import A_MAPS_WORTH, answer_for
from bodymap.sides import area_centred

if TYPE_CHECKING:
    from bodymap.atlas import Hit, Region

__all__ = [
    "BOTH",
    "DEEP",
    "ESSENTIAL",
    "MAX_SOURCES",
    "MIN_SHOWN",
    "NEAR",
    "NEAR_ZONE",
    "SCORE_DIGITS",
    "SPILLOVER",
    "SUPERFICIAL",
    "intensity_factor",
    "listed",
    "rank_sources",
    "spot_contributions",
]

SUPERFICIAL = 0.85
DEEP = 0.6
ESSENTIAL = 0.8
SPILLOVER = 0.4
NEAR = 0.75
NEAR_ZONE = 0.6
"""A referral zone (surface segment) the spot only touches counts at this share, less than a
muscle region beside the spot (:data:`NEAR`): the edge of a drawn referral pattern is where
it fades, while a muscle beside the spot is still under the roller."""
_BOTH_BONUS = 0.25
_BEST_WEIGHT = SUPERFICIAL + _BOTH_BONUS * ESSENTIAL
MAX_SOURCES = 15
MIN_SHOWN = 0.005
"""A source whose score would read 0.00 (a sliver of its zone in a corner of a painted
area) is not listed among the likely sources."""
SCORE_DIGITS = 9
"""Scores are compared to this many decimals (ties within float noise are ties)."""
BOTH = "both"
"""The side of a source that explains midline spots equally well from the right and left."""
_SIDE_ORDER = {"right": 0, "left": 1, "midline": 2}


def intensity_factor(intensity: float) -> float:
    """How much a spot weighs: 0.5 at intensity 0 up to 1.0 at 10."""
    return 0.5 + max(0.0, min(10.0, intensity)) / 20.0


def spot_contributions(
    index: int,
    hit: Hit,
    intensity: float,
    tables: Tables,
    around: Sequence[Region] = (),
) -> Contributions:
    """The contribution of one spot to every candidate, with the reasons for it.

    A spot beside the midline on a midline segment (sacrum, throat, vertex, ...) takes
    its referred sources from its own side only: referral patterns are ipsilateral.

    ``around`` holds the regions within the spot's reach (see
    :class:`~bodymap.advisor.extent.SpotExtent`); those not under the point itself
    count at :data:`NEAR` (muscles) or :data:`NEAR_ZONE` (referral zones) of their
    weight, and only on the spot's own side (a spot on the midline reaches both sides).
    """
    under = {*hit.regions, *hit.segments}
    spot_side = hit.side
    sources_ok = tables.source_ids
    local: dict[tuple[str, str], tuple[float, str]] = {}
    segments: dict[tuple[str, str], float] = {}
    for region in (*hit.regions, *hit.segments, *around):
        in_reach = region not in under
        if in_reach and spot_side != "midline" and region.side not in (spot_side, "midline"):
            continue  # the spot's reach does not cross the midline to the other side
        key = (region.id, region.side)
        if region.layer == "segment":
            scale = NEAR_ZONE if in_reach else 1.0
            if segments.get(key, 0.0) < scale:
                segments[key] = scale
            continue
        if region.id not in sources_ok:
            continue  # unknown regions, and fascia: rolled around, never a referral source
        weight = (SUPERFICIAL if region.layer == "superficial" else DEEP) * (
            NEAR if in_reach else 1.0
        )
        if key not in local or local[key][0] < weight:
            local[key] = (weight, f"{region.layer}_near" if in_reach else region.layer)
    referred: dict[tuple[str, str], tuple[float, bool, str]] = {}
    focused = tables.focused
    for seg_key, scale in segments.items():
        for key, essential, text in tables.referring_sources(seg_key, spot_side):
            share = scale
            if (key[0], seg_key[0]) in focused:  # the pattern covers part of the segment
                share = tables.focus_scale(
                    hit.view, key, seg_key, hit.point, scale, SPOT_RADIUS, NEAR_ZONE
                )
                if share <= 0.0:
                    continue
            weight = (ESSENTIAL if essential else SPILLOVER) * share
            if key not in referred or referred[key][0] < weight:
                referred[key] = (weight, essential, text)
    factor = intensity_factor(intensity)
    prevalence = tables.prevalence_factor
    local_text = tables.local_text
    out: Contributions = {}
    for key, (lw, layer) in local.items():
        near = "near" if layer.endswith("_near") else None  # within the spot's reach
        reasons = [Reason(index, "local", near, local_text[(key[0], layer)])]
        rw = 0.0
        if key in referred:
            rw, essential, text = referred[key]
            reasons.append(Reason(index, "referred", _zone(essential), text))
        weight = max(lw, rw) + _BOTH_BONUS * min(lw, rw)
        out[key] = (weight * prevalence[key[0]] * factor, tuple(reasons))
    for key, (rw, essential, text) in referred.items():
        if key not in local:
            reason = Reason(index, "referred", _zone(essential), text)
            out[key] = (rw * prevalence[key[0]] * factor, (reason,))
    return out


RECENT_SPOTS = A_MAPS_WORTH
"""How many spots' contributions the tables keep (see :func:`_kept_contributions`)."""


def _kept_contributions(
    index: int, hit: Hit, intensity: float, tables: Tables, around: tuple[Region, ...]
) -> Contributions:
    """:func:`spot_contributions`, kept for the spots asked about lately: it depends only on
    its arguments (a `Hit` never changes), so a map's other spots cost nothing again when
    one spot changes. The answer is shared with the cache: read it, never change it."""
    return answer_for(
        tables.recent_spots,
        (index, hit, float(intensity), around),
        lambda: spot_contributions(index, hit, intensity, tables, around),
        RECENT_SPOTS,
    )


_MIRROR_NOISE = 1e-3
"""Relative difference under which a muscle's right and left scores are one score. The
atlas's sides are mirror images stored to a tenth of a unit, so the overlaps of a painted
shape centred on the midline differ between the sides by up to about 1e-4 of a score (a
small overlap's edge moves by a twentieth of a unit): more than rounding to a fixed number
of digits absorbs, and far less than any real difference between two sides' evidence."""


def _even_sides(found: Contributions) -> Contributions:
    """A spot on the midline (within `bodymap.sides.MIDLINE_BAND` of it) is explained alike by a
    muscle's right and left: each side gets the larger of the two, with both sides'
    reasons, so a spot a hair left of the centre line answers as one on it does ("both"
    sides, each as close as the nearer), not with the left side first and the right below
    it."""
    out = dict(found)
    for muscle in {m for m, side in found if side in ("right", "left")}:
        right = found.get((muscle, "right"), (0.0, ()))
        left = found.get((muscle, "left"), (0.0, ()))
        why = tuple(dict.fromkeys([*right[1], *left[1]]))
        value = max(right[0], left[0])
        out[(muscle, "right")] = (value, why)
        out[(muscle, "left")] = (value, why)
    return out


_CENTRED: dict[tuple[str, Any], bool] = {}


def _centred(view: str, shape: Any, tables: Tables) -> bool:
    """Whether a painted area's part on the body is centred on the midline
    (`bodymap.sides.area_centred`): its muscles' two sides then explain it alike, as for
    a spot on the midline (:func:`_even_sides`). Kept per shape, as the overlaps are."""
    return answer_for(
        _CENTRED,
        (view, shape),
        lambda: area_centred(view, tables.atlas[view].on_body(shape)),
        RECENT_SPOTS,
    )


def _tie_mirrors(raw: dict[tuple[str, str], float]) -> None:
    """Give a muscle's two sides one score where they differ only by float noise."""
    for (muscle, side), right in list(raw.items()):
        if side != "right":
            continue
        left = raw.get((muscle, "left"))
        if left is not None and abs(right - left) <= _MIRROR_NOISE * max(right, left, 0.01):
            raw[(muscle, "right")] = raw[(muscle, "left")] = max(right, left)


def _zone(essential: bool) -> str:
    return "essential" if essential else "spillover"


def _reach(hits: Sequence[Hit], tables: Tables) -> dict[int, tuple[Region, ...]]:
    """The regions around each located spot, one bulk query per view."""
    out: dict[int, tuple[Region, ...]] = {}
    for view, extent in tables.extent.items():
        idx = [i for i, h in enumerate(hits) if h.inside and h.view == view]
        for i, regions in zip(idx, extent.around([hits[i].point for i in idx]), strict=True):
            out[i] = regions
    return out


CATCH_ALL_SHARE = 0.5
"""Where a named part explains the same pain, a catch-all region keeps this share of its
own score (it now stands only for the small muscles not named) and stays below that part."""
_BELOW = 0.99


def _rank_named_parts_first(
    raw: dict[tuple[str, str], float], muscles: Mapping[str, Muscle]
) -> None:
    """Where a named part (``stands_for``) explains the pain, halve the catch-all region
    and keep it below the best such part on the same side: "hand muscles" is where to roll,
    the named thumb muscle the likelier source, and both in the first places would give one
    lead twice."""
    for (muscle_id, side), value in list(raw.items()):
        parts = muscles[muscle_id].stands_for
        best = max((raw.get((p, side), 0.0) for p in parts), default=0.0)
        if best > 0.0:
            raw[(muscle_id, side)] = min(value * CATCH_ALL_SHARE, best * _BELOW)


def listed(ranked: Sequence[Source]) -> tuple[Source, ...]:
    """The likely sources a person is shown: the first :data:`MAX_SOURCES` of ``ranked``
    whose score reads at least 0.01."""
    return tuple(s for s in ranked if s.score >= MIN_SHOWN)[:MAX_SOURCES]


def rank_sources(
    hits: Sequence[Hit],
    spots: Sequence[SpotLike],
    tables: Tables,
    limit: int | None = MAX_SOURCES,
) -> tuple[Source, ...]:
    """Sources ranked best first: score, then prevalence, then id, then side.

    A muscle whose right and left score exactly alike (spots on the midline) is listed
    once with side :data:`BOTH`. Only muscles are ranked: fascia and other non-muscle
    tissue under a spot is an area to roll around, not a source. ``limit=None`` ranks
    every candidate (the routine uses them to give each spot a step).
    """
    raw: dict[tuple[str, str], float] = {}
    reasons: dict[tuple[str, str], list[Reason]] = {}
    per_spot: dict[tuple[str, str], dict[int, float]] = {}
    best_total = 0.0
    reach = _reach(hits, tables)
    for index, (hit, spot) in enumerate(zip(hits, spots, strict=True)):
        if not hit.inside:
            continue
        best_total += _BEST_WEIGHT * intensity_factor(spot.intensity)
        shape = area_of(spot)
        if shape is not None:  # a painted area: overlap with the zones (advisor/areas.py)
            factor = intensity_factor(spot.intensity)
            found = area_contributions(index, shape, hit.view, factor, tables)
            if _centred(hit.view, shape, tables):
                found = _even_sides(found)
        else:
            found = _kept_contributions(index, hit, spot.intensity, tables, reach.get(index, ()))
            if hit.side == "midline":
                found = _even_sides(found)
        for key, (value, said) in found.items():
            if key in raw:
                raw[key] += value
                reasons[key].extend(said)
                per_spot[key][index] = value  # rounded where compared
            else:  # no empty list and dict made for every spot only to be thrown away
                raw[key] = value
                reasons[key] = list(said)
                per_spot[key] = {index: value}
    if not raw:
        return ()
    muscles = tables.knowledge.muscles
    _rank_named_parts_first(raw, muscles)
    # Scores equal but for float noise are equal: overlaps of a shape and of its mirror
    # image differ in the last bits, and a tie must not split a "both" entry on one side only.
    _tie_mirrors(raw)
    raw = {key: round(value, SCORE_DIGITS) for key, value in raw.items()}
    order = sorted(
        raw,
        key=lambda k: (-raw[k], -muscles[k[0]].prevalence, k[0], _SIDE_ORDER.get(k[1], 3)),
    )
    out: list[Source] = []
    k = 0
    while k < len(order) and (limit is None or len(out) < limit):
        m, side = order[k]
        twin = order[k + 1] if k + 1 < len(order) else None
        points = tables.trigger_points.get((m, side), ())
        why = reasons[(m, side)]
        given = per_spot[(m, side)]
        if side == "right" and twin == (m, "left") and raw[twin] == raw[(m, side)]:
            side = BOTH  # a midline spot explained equally by either side: one entry
            points += tables.trigger_points.get(twin, ())
            # both sides' reasons: two mirrored spots (both feet) are each served by it
            why = list(dict.fromkeys([*why, *reasons[twin]]))
            twin_given = per_spot[twin]
            given = {
                i: max(given.get(i, 0.0), twin_given.get(i, 0.0))
                for i in sorted({*given, *twin_given})
            }
            k += 1
        k += 1
        out.append(
            Source(
                muscle=m,
                side=side,
                score=min(1.0, raw[order[k - 1]] / best_total),
                name=muscles[m].name,
                reasons=tuple(why),
                trigger_points=points,
                evidence=tuple(given.items()),  # spot order: the spots were taken in order
            )
        )
    return tuple(out)
