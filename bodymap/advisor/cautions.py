"""Cautions for spots: zones not to roll, and the red flags the spots raise.

Red flags are data (``cautions.toml``): each has triggers naming surface segments, regions,
pain kinds and a lowest intensity; a spot raises a flag when it meets every condition of
one trigger, and the flag names the spots that raised it. Every flag, raised or not, is one
of the warning signs of the "When to see a clinician" section (:func:`warning_signs`), which
is always reachable whatever the spots.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from bodymap.advisor.model import CautionNote, RedFlagNote, SpotLike
from bodymap.knowledge import FlagTrigger, Knowledge

if TYPE_CHECKING:
    from bodymap.atlas import Hit, Region

__all__ = [
    "NEAR_CAUTION",
    "NERVE_KINDS",
    "OUTSIDE_BODY",
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


def red_flags(
    spots: Sequence[SpotLike], hits: Sequence[Hit], knowledge: Knowledge
) -> tuple[RedFlagNote, ...]:
    """The red flags the spots raise, in the tables' order, each naming its spots."""
    raised: dict[str, list[int]] = {}
    seen: dict[tuple[object, ...], list[str]] = {}  # many spots share what lies under them
    for i, (spot, hit) in enumerate(zip(spots, hits, strict=True)):
        if not hit.inside:
            continue
        segments = frozenset(s.id for s in hit.segments)
        regions = frozenset(r.id for r in (*hit.regions, *hit.cautions))
        key = (segments, regions, spot.kind, spot.intensity)
        ids = seen.get(key)
        if ids is None:
            ids = seen[key] = [
                flag.id
                for flag in knowledge.red_flags
                if any(_meets(t, spot, segments, regions) for t in flag.triggers)
            ]
        for flag_id in ids:
            raised.setdefault(flag_id, []).append(i)
    return tuple(
        RedFlagNote(flag.id, flag.text, tuple(raised[flag.id]))
        for flag in knowledge.red_flags
        if flag.id in raised
    )


def warning_signs(knowledge: Knowledge) -> tuple[tuple[str, str], ...]:
    """Every red flag as ``(id, text)``, whatever the spots: the warning signs of the
    "When to see a clinician" section."""
    return tuple((flag.id, flag.text) for flag in knowledge.red_flags)
