"""Cautions for spots: zones not to roll, and the red flags the spots raise.

Red flags are data (``cautions.toml``): each has triggers naming surface segments, regions,
pain kinds and a lowest intensity; a spot raises a flag when it meets every condition of
one trigger, and the flag names the spots that raised it. A flag may also be raised by a
cross-spot pattern (``[[pattern]]``: back pain with a tingling leg, tingling in both legs),
met when each of the pattern's spots is met by some spot of the map; it then names every
spot that meets one of them. A painted area counts the surface segments it meaningfully
lies on; a flag marked ``any_overlap`` also those it only grazes. Every flag, raised or
not, is one of the warning signs of the "When to see a clinician" section
(:func:`warning_signs`), which is always reachable whatever the spots.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from bodymap.advisor.model import CautionNote, RedFlagNote, SpotLike
from bodymap.knowledge import FlagTrigger, Knowledge, Pattern, PatternSpot

if TYPE_CHECKING:
    from bodymap.atlas import Hit, Region

__all__ = [
    "NEAR_CAUTION",
    "NERVE_KINDS",
    "OUTSIDE_BODY",
    "pattern_spots",
    "red_flags",
    "spot_cautions",
    "warning_signs",
]

OUTSIDE_BODY = "outside_body"
NEAR_CAUTION = 8.0
"""Atlas units (about 1.5 cm): a caution zone this close to a spot is one of its cautions,
because a spot is a fingertip's disc, not a point, and a click lands only roughly where it
hurts (a spot on the front of the armpit fold is also told to keep out of its hollow)."""
NERVE_KINDS = frozenset({"tingling", "numb"})
"""Pain kinds that mark a limb "check with a clinician first"."""


def _note(zone: str, knowledge: Knowledge) -> CautionNote:
    text = knowledge.cautions.get(zone)
    if text is None:
        return CautionNote(zone, "Do not roll or press hard here; work the muscles around it.")
    return CautionNote(zone, text.full_text)


def spot_cautions(
    hit: Hit, knowledge: Knowledge, near: Sequence[Region] = ()
) -> tuple[CautionNote, ...]:
    """The caution zones under a spot, then those ``near`` it (within `NEAR_CAUTION`),
    with plain text (a miss is ``outside_body``)."""
    if not hit.inside:
        return (_note(OUTSIDE_BODY, knowledge),)
    zones = dict.fromkeys(region.id for region in (*hit.cautions, *near))
    return tuple(_note(zone, knowledge) for zone in zones)


def _meets(
    trigger: FlagTrigger, spot: SpotLike, segments: frozenset[str], regions: frozenset[str]
) -> bool:
    return (
        spot.intensity >= trigger.min_intensity
        and (not trigger.kinds or spot.kind in trigger.kinds)
        and (not trigger.segments or not trigger.segments.isdisjoint(segments))
        and (not trigger.regions or not trigger.regions.isdisjoint(regions))
    )


def _pattern_spot_met(
    need: PatternSpot, kind: str, segments: Sequence[Region], part_of: Mapping[str, str]
) -> bool:
    if need.kinds and kind not in need.kinds:
        return False
    return any(
        (not need.segments or s.id in need.segments)
        and (not need.parts or part_of.get(s.id) in need.parts)
        and (not need.side or s.side == need.side)
        for s in segments
    )


def _met_by(
    pattern: Pattern,
    spots: Sequence[SpotLike],
    under: Mapping[int, tuple[Region, ...]],
    part_of: Mapping[str, str],
    memo: dict[tuple[object, ...], bool],
) -> set[int]:
    """The spots that make up ``pattern`` (each of its spots met by some spot), or none."""
    found: set[int] = set()
    for need in pattern.spots:
        meet = set()
        for i, segments in under.items():
            key = (need, spots[i].kind, segments)
            ok = memo.get(key)
            if ok is None:
                ok = memo[key] = _pattern_spot_met(need, spots[i].kind, segments, part_of)
            if ok:
                meet.add(i)
        if not meet:
            return set()
        found |= meet
    return found


def pattern_spots(
    pattern: Pattern, spots: Sequence[SpotLike], hits: Sequence[Hit], knowledge: Knowledge
) -> tuple[int, ...]:
    """The spots (indices) that together make up ``pattern``, each meeting one or more of
    its spots; empty when some part of the picture is missing."""
    part_of = {seg: part.id for part in knowledge.body_parts for seg in part.segments}
    under = {i: hit.segments for i, hit in enumerate(hits) if hit.inside}
    return tuple(sorted(_met_by(pattern, spots, under, part_of, {})))


def _raise_patterns(
    raised: dict[str, set[int]],
    spots: Sequence[SpotLike],
    lies: Mapping[int, tuple[Region, ...]],
    touches: Mapping[int, tuple[Region, ...]],
    knowledge: Knowledge,
) -> None:
    """Add to ``raised`` the flags that cross-spot patterns raise, with the spots that make
    up each pattern (each of its spots met by some spot of the map)."""
    part_of = {seg: part.id for part in knowledge.body_parts for seg in part.segments}
    memo: dict[tuple[object, ...], bool] = {}  # many spots share what lies under them
    for flag in knowledge.red_flags:
        under = touches if flag.any_overlap else lies
        for pattern in flag.patterns:
            found = _met_by(pattern, spots, under, part_of, memo)
            if found:
                raised.setdefault(flag.id, set()).update(found)


def red_flags(
    spots: Sequence[SpotLike], hits: Sequence[Hit], knowledge: Knowledge
) -> tuple[RedFlagNote, ...]:
    """The red flags the spots raise, one spot at a time or together, in the tables'
    order, each naming its spots."""
    raised: dict[str, set[int]] = {}
    seen: dict[tuple[object, ...], list[str]] = {}  # many spots share what lies under them
    lies: dict[int, tuple[Region, ...]] = {}  # the segments each spot lies on
    touches: dict[int, tuple[Region, ...]] = {}  # and with those it only grazes
    for i, (spot, hit) in enumerate(zip(spots, hits, strict=True)):
        if not hit.inside:
            continue
        lies[i], touches[i] = hit.segments, (*hit.segments, *hit.grazed)
        segments = frozenset(s.id for s in hit.segments)
        grazed = frozenset(s.id for s in hit.grazed)
        regions = frozenset(r.id for r in (*hit.regions, *hit.cautions))
        key = (segments, grazed, regions, spot.kind, spot.intensity)
        ids = seen.get(key)
        if ids is None:
            ids = seen[key] = [
                flag.id
                for flag in knowledge.red_flags
                if any(
                    _meets(t, spot, segments | grazed if flag.any_overlap else segments, regions)
                    for t in flag.triggers
                )
            ]
        for flag_id in ids:
            raised.setdefault(flag_id, set()).add(i)
    _raise_patterns(raised, spots, lies, touches, knowledge)
    return tuple(
        RedFlagNote(flag.id, flag.text, tuple(sorted(raised[flag.id])))
        for flag in knowledge.red_flags
        if flag.id in raised
    )


def warning_signs(knowledge: Knowledge) -> tuple[tuple[str, str], ...]:
    """Every red flag as ``(id, text)``, whatever the spots: the warning signs of the
    "When to see a clinician" section."""
    return tuple((flag.id, flag.text) for flag in knowledge.red_flags)
