"""Cautions for spots: zones not to roll, and when to see a clinician instead."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from bodymap.advisor.model import CautionNote, RedFlagNote, SpotLike
from bodymap.knowledge import Knowledge

if TYPE_CHECKING:
    from bodymap.atlas import Hit

__all__ = ["OUTSIDE_BODY", "RED_FLAG_INTENSITY", "RED_FLAG_KINDS", "red_flags", "spot_cautions"]

OUTSIDE_BODY = "outside_body"
RED_FLAG_KINDS = frozenset({"tingling", "numb"})
RED_FLAG_INTENSITY = 8.0


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


def red_flags(spots: Sequence[SpotLike], knowledge: Knowledge) -> tuple[RedFlagNote, ...]:
    """The "see a clinician" signs, when a spot tingles, is numb or hurts 8/10 or more."""
    flagged = tuple(
        i
        for i, spot in enumerate(spots)
        if spot.kind in RED_FLAG_KINDS or spot.intensity >= RED_FLAG_INTENSITY
    )
    if not flagged:
        return ()
    return tuple(RedFlagNote(flag.id, flag.text, flagged) for flag in knowledge.red_flags)
