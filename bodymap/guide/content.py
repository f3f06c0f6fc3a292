"""What the printed guide says, as plain values: no Qt, no layout, no drawing.

`build_guide_content` turns a map, the advisor's answer (its ``to_json()`` shape, the
stable contract the command line prints) and the knowledge tables into a `GuideContent`:
the spot table rows, the routine grouped by body position in the advisor's order, the
quick before/after-exercise variant, the general advice, the red flags and the
disclaimer. Keeping this apart from painting lets tests check the words without pixels,
and lets the PDF and the printer share one source of truth. The routine is worded in
`bodymap.guide.routine` and the shared vocabulary lives in `bodymap.guide.words`;
the names other modules read from here are re-exported.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from bodymap.guide.routine import (
    GuideStep,
    StepGroup,
    group_steps,
    make_steps,
    quick_lines,
    source_sites,
)
from bodymap.guide.words import (
    POSITION_WORDS,
    SIDE_WORDS,
    TOOL_WORDS,
    field_of,
    minutes_text,
    seconds_text,
    text_of,
)

__all__ = [
    "NOTE_EXCERPT_CHARS",
    "POSITION_WORDS",
    "TOOL_WORDS",
    "GuideContent",
    "GuideStep",
    "SpotRow",
    "StepGroup",
    "build_guide_content",
    "minutes_text",
    "seconds_text",
]

NOTE_EXCERPT_CHARS = 240
"""Notes are cut here before layout; the table then elides to two lines."""

_FALLBACK_ADVICE = (
    "Stay on a tender trigger point only a few seconds (about 10–30 s), then spend a few "
    "minutes rolling and massaging the area around it.",
    "Roll for 2–3 minutes before and after exercise.",
    "Roll at bedtime after a day of long sitting or standing, and in the morning when stiff.",
    "Start with a smooth roller and short sessions.",
    "Sore, tender muscles the next day mean the session was too long or too often: do less.",
)
_FALLBACK_RED_FLAGS = (
    "Numbness, tingling or weakness",
    "Pain after a fall or an accident",
    "Fever with the pain",
    "Night pain that does not ease",
    "Loss of bladder or bowel control",
)
_FALLBACK_DISCLAIMER = (
    "This guide is self-care guidance, not medical advice. It does not diagnose or treat "
    "any condition. If pain is severe, lasting or getting worse, see a clinician."
)


@dataclass(frozen=True)
class SpotRow:
    """One line of the spot table: the spot's number as drawn on the diagram."""

    number: int
    view: str
    where: str
    intensity: int
    kind: str
    note: str
    caution: str = ""


@dataclass(frozen=True)
class GuideContent:
    """Everything the guide prints, in reading order."""

    title: str
    profile: str
    date_text: str
    spots: tuple[SpotRow, ...]
    groups: tuple[StepGroup, ...]
    total_text: str
    quick_title: str
    quick_note: str
    quick_lines: tuple[str, ...]
    advice: tuple[str, ...]
    red_flags: tuple[str, ...]
    disclaimer: str
    roll_zones: tuple[tuple[str, str], ...]

    @property
    def steps(self) -> tuple[GuideStep, ...]:
        return tuple(step for group in self.groups for step in group.steps)


def _where(spot_json: Mapping[str, Any] | None, side: str) -> str:
    """Main region under the spot and the person's side, e.g. "Upper trapezius, right"."""
    regions = (spot_json or {}).get("regions") or []
    if not regions:
        return "outside the body outline"
    name = regions[0].get("name") or str(regions[0].get("id", "")).replace("_", " ")
    side = (spot_json or {}).get("side") or side
    return f"{name}, {SIDE_WORDS.get(side, side)}" if side != "midline" else f"{name}, middle"


def _spot_caution(spot_json: Mapping[str, Any] | None) -> str:
    """The first caution for a spot over a place not to roll (spine, back of the knee …)."""
    for caution in (spot_json or {}).get("cautions") or ():
        text = text_of(caution)
        if text:
            return text
    return ""


def _excerpt(note: str) -> str:
    """A note squeezed to one paragraph and cut at a word near the excerpt length."""
    text = " ".join(note.split())
    if len(text) <= NOTE_EXCERPT_CHARS:
        return text
    cut = text.rfind(" ", 0, NOTE_EXCERPT_CHARS)
    return text[: cut if cut > NOTE_EXCERPT_CHARS // 2 else NOTE_EXCERPT_CHARS].rstrip() + "…"


def _red_flags(advice_json: Mapping[str, Any], knowledge: Any) -> tuple[str, ...]:
    """Every red flag, the ones the map's spots call for marked with their spot numbers."""
    flagged = {
        str(f.get("id")): [int(n) + 1 for n in f.get("spots") or ()]
        for f in advice_json.get("red_flags") or ()
    }
    lines: list[str] = []
    for flag in field_of(knowledge, "red_flags") or ():
        text = text_of(flag)
        numbers = flagged.pop(str(field_of(flag, "id", "")), None)
        if numbers:
            label = "spot" if len(numbers) == 1 else "spots"
            text += f" (applies to your {label} {', '.join(map(str, numbers))})"
        lines.append(text)
    for f in advice_json.get("red_flags") or ():
        if str(f.get("id")) in flagged:
            lines.append(text_of(f))
    return tuple(lines) or _FALLBACK_RED_FLAGS


def build_guide_content(
    map_name: str,
    spots: Sequence[Any],
    advice_json: Mapping[str, Any],
    knowledge: Any,
    today: date,
    date_format: str = "{d} {month} {y}",
) -> GuideContent:
    """Everything the guide prints for ``spots`` (a map's spots in order) and their advice.

    ``advice_json`` is ``Advice.to_json()``; ``knowledge`` is the loaded knowledge (or any
    object with ``muscles``, ``advice``, ``red_flags`` and ``disclaimer``); missing general
    texts fall back to built-in wording so a guide is never left without its advice.
    """
    spot_json = list(advice_json.get("spots") or [])
    rows = tuple(
        SpotRow(
            number=index + 1,
            view=spot.view,
            where=_where(spot_json[index] if index < len(spot_json) else None, spot.side),
            intensity=int(spot.intensity),
            kind=str(spot.kind),
            note=_excerpt(spot.note or ""),
            caution=_spot_caution(spot_json[index] if index < len(spot_json) else None),
        )
        for index, spot in enumerate(spots)
    )
    steps = make_steps(
        advice_json.get("routine") or [], knowledge, source_sites(advice_json.get("sources") or [])
    )
    total = advice_json.get("routine_total_min") or sum(step.minutes for step in steps)
    total_text = (
        f"Total: about {max(1, round(total))} minutes for {len(steps)} "
        f"step{'s' if len(steps) != 1 else ''}. Split it over two sessions if that feels long."
        if steps
        else ""
    )
    advice = (
        tuple(
            text_of(a) for a in (field_of(knowledge, "advice") or advice_json.get("advice") or ())
        )
        or _FALLBACK_ADVICE
    )
    disclaimer = (
        text_of(field_of(knowledge, "disclaimer") or advice_json.get("disclaimer") or "")
        or _FALLBACK_DISCLAIMER
    )
    warmup = quick_lines(advice_json.get("warmup") or (), knowledge)
    warmup_min = advice_json.get("warmup_min") or 3
    note = text_of(field_of(knowledge, "warmup_note") or "")
    months = "January February March April May June July August September October November December"
    date_text = date_format.format(d=today.day, month=months.split()[today.month - 1], y=today.year)
    zones = tuple(dict.fromkeys((s.muscle, s.side) for s in steps))
    return GuideContent(
        title="Rolling guide",
        profile=map_name,
        date_text=date_text,
        spots=rows,
        groups=group_steps(steps),
        total_text=total_text,
        quick_title=f"Short version before or after exercise (about {warmup_min} minutes)",
        quick_note=note or "A few slow passes over each area, no long holds on points.",
        quick_lines=warmup,
        advice=advice,
        red_flags=_red_flags(advice_json, knowledge),
        disclaimer=disclaimer,
        roll_zones=zones,
    )
