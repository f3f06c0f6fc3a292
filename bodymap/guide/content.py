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
from bodymap.guide.session import SessionChecklist
from bodymap.guide.words import (
    POSITION_WORDS,
    SIDE_WORDS,
    TOOL_WORDS,
    minutes_text,
    seconds_text,
    text_of,
)
from bodymap.knowledge import Knowledge, load_knowledge

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
    not_rolled: tuple[str, ...] = ()
    left_out: str = ""
    clinician_title: str = "When to see a clinician"
    clinician: tuple[str, ...] = ()
    contraindications_title: str = ""
    contraindications: tuple[str, ...] = ()
    session: SessionChecklist | None = None
    """A chosen preset's plan as a timed checklist (see `bodymap.guide.session`)."""

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
    if (spot_json or {}).get("area_units2") is not None:
        name = f"Painted area over {name[:1].lower()}{name[1:]}"
    return f"{name}, {SIDE_WORDS.get(side, side)}" if side != "midline" else f"{name}, middle"


def _spot_caution(spot_json: Mapping[str, Any] | None) -> str:
    """Why a spot gets no step (when it gets none), else the first caution for a spot over
    a place not to roll (spine, back of the knee …)."""
    reason = text_of((spot_json or {}).get("not_rolled_reason") or "")
    if reason:
        return reason
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


def _red_flags(advice_json: Mapping[str, Any], knowledge: Knowledge) -> tuple[str, ...]:
    """Every red flag, the ones the map's spots call for marked with their spot numbers."""
    flagged = {
        str(f.get("id")): [int(n) + 1 for n in f.get("spots") or ()]
        for f in advice_json.get("red_flags") or ()
    }
    lines: list[str] = []
    for flag in knowledge.red_flags:
        text = flag.text
        numbers = flagged.pop(flag.id, None)
        if numbers:
            label = "spot" if len(numbers) == 1 else "spots"
            text += f" (applies to your {label} {', '.join(map(str, numbers))})"
        lines.append(text)
    for f in advice_json.get("red_flags") or ():
        if str(f.get("id")) in flagged:
            lines.append(text_of(f))
    return tuple(lines)


def _not_rolled(advice_json: Mapping[str, Any]) -> tuple[str, ...]:
    """ "Do not roll" entries: the muscle, why, and what to do instead (never a time)."""
    lines = []
    for entry in advice_json.get("not_rolled") or ():
        side = str(entry.get("side", "midline"))
        name = str(entry.get("name") or entry.get("muscle", "")).strip()
        title = name if side == "midline" else f"{name}, {SIDE_WORDS.get(side, side)}"
        lines.append(
            f"{title}: {text_of(entry.get('reason', ''))} {text_of(entry.get('instead', ''))}"
        )
    return tuple(line.strip() for line in lines)


def _left_out(advice_json: Mapping[str, Any]) -> str:
    left = advice_json.get("left_out") or ()
    if not left:
        return ""
    length = str(advice_json.get("routine_length") or "standard")
    names = []
    for entry in left:
        side = str(entry.get("side", "midline"))
        name = str(entry.get("name") or entry.get("muscle", ""))
        names.append(name if side == "midline" else f"{name} ({SIDE_WORDS.get(side, side)})")
    return (
        f"The {length} routine leaves out: {', '.join(names)}. "
        "Print the full routine for every step."
    )


def build_guide_content(
    map_name: str,
    spots: Sequence[Any],
    advice_json: Mapping[str, Any],
    knowledge: Knowledge | None,
    today: date,
    date_format: str = "{d} {month} {y}",
) -> GuideContent:
    """Everything the guide prints for ``spots`` (a map's spots in order) and their advice.

    ``advice_json`` is ``Advice.to_json()``; ``knowledge`` the loaded knowledge (loaded here
    when None). Every sentence about safety (advice, warning signs, disclaimer) comes from
    the knowledge tables; this module holds none of its own.
    """
    if knowledge is None:
        knowledge = load_knowledge()
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
    advice = knowledge.advice
    disclaimer = knowledge.disclaimer
    warmup = quick_lines(advice_json.get("warmup") or (), knowledge)
    warmup_min = advice_json.get("warmup_min") or 3
    note = knowledge.warmup_note
    months = "January February March April May June July August September October November December"
    date_text = date_format.format(d=today.day, month=months.split()[today.month - 1], y=today.year)
    zones = tuple(dict.fromkeys((s.muscle, s.side) for s in steps))
    clinic: Mapping[str, Any] = advice_json.get("when_to_see_a_clinician") or {}
    return GuideContent(
        title="Rolling guide",
        profile=map_name,
        date_text=date_text,
        spots=rows,
        groups=group_steps(steps),
        total_text=total_text,
        quick_title=f"Short version before or after exercise (about {warmup_min} minutes)",
        quick_note=note,
        quick_lines=warmup,
        advice=advice,
        red_flags=_red_flags(advice_json, knowledge),
        disclaimer=disclaimer,
        roll_zones=zones,
        not_rolled=_not_rolled(advice_json),
        left_out=_left_out(advice_json),
        clinician_title=str(clinic.get("title") or "When to see a clinician"),
        clinician=tuple(text_of(t) for t in clinic.get("lines") or ()),
        contraindications_title=str(clinic.get("contraindications_title") or ""),
        contraindications=tuple(text_of(t) for t in clinic.get("contraindications") or ()),
    )
