"""Cautions for spots: zones not to roll, and the red flags the spots raise.

Red flags are data (``cautions.toml``): each has triggers naming surface segments, regions,
pain kinds and a lowest intensity; a spot raises a flag when it meets every condition of
one trigger, and the flag names the spots that raised it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from bodymap.advisor.model import CautionNote, RedFlagNote, SpotLike
from bodymap.knowledge import FlagTrigger, Knowledge

if TYPE_CHECKING:
    from bodymap.atlas import Hit

__all__ = ["NERVE_KINDS", "OUTSIDE_BODY", "red_flags", "spot_cautions"]

OUTSIDE_BODY = "outside_body"
NERVE_KINDS = frozenset({"tingling", "numb"})
"""Pain kinds that mark a limb "check with a clinician first"."""


def _note(zone: str, knowledge: Knowledge) -> CautionNote:
    text = knowledge.cautions.get(zone)
    if text is None:
        return CautionNote(zone, "Do not roll or press hard here; work the muscles around it.")
    return CautionNote(zone, text.full_text)


def spot_cautions(hit: Hit, knowledge: Knowledge) -> tuple[CautionNote, ...]:
    """The caution zones under a spot with plain text (a miss is ``outside_body``)."""
    if not hit.inside:
        return (_note(OUTSIDE_BODY, knowledge),)
    zones = dict.fromkeys(region.id for region in hit.cautions)
    return tuple(_note(zone, knowledge) for zone in zones)


def _meets(trigger: FlagTrigger, hit: Hit, spot: SpotLike) -> bool:
    if spot.intensity < trigger.min_intensity:
        return False
    if trigger.kinds and spot.kind not in trigger.kinds:
        return False
    if trigger.segments and not any(s.id in trigger.segments for s in hit.segments):
        return False
    return not trigger.regions or any(
        r.id in trigger.regions for r in (*hit.regions, *hit.cautions)
    )


def red_flags(
    spots: Sequence[SpotLike], hits: Sequence[Hit], knowledge: Knowledge
) -> tuple[RedFlagNote, ...]:
    """The red flags the spots raise, in the tables' order, each naming its spots."""
    out: list[RedFlagNote] = []
    for flag in knowledge.red_flags:
        raised = tuple(
            i
            for i, (spot, hit) in enumerate(zip(spots, hits, strict=True))
            if hit.inside and any(_meets(t, hit, spot) for t in flag.triggers)
        )
        if raised:
            out.append(RedFlagNote(flag.id, flag.text, raised))
    return tuple(out)
