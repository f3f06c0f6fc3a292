"""What the printed guide says, as plain values: no Qt, no layout, no drawing.

`build_guide_content` turns a map's spots, the advisor's typed answer (`Advice`) and the
knowledge tables into a `GuideContent`: the spot table rows, the routine grouped by body
position in the advisor's order, the quick before/after-exercise variant, the general
advice, the red flags and the disclaimer. Keeping this apart from painting lets tests check
the words without pixels, and lets the PDF and the printer share one source of truth. The
routine is worded in `bodymap.guide.routine` and the shared vocabulary lives in
`bodymap.words`; the names other modules read from here are re-exported.
"""

from __future__ import annotations

import dataclasses
import re
import string
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from bodymap.advisor.model import Advice, SpotFinding
from bodymap.guide.routine import (
    GuideStep,
    StepGroup,
    group_steps,
    make_steps,
    quick_lines,
    source_sites,
)
from bodymap.guide.session import SessionChecklist
from bodymap.knowledge.model import Knowledge
from bodymap.maps.values import Spot
from bodymap.words import (
    AREA_DASH,
    POSITION_WORDS,
    SIDE_WORDS,
    TOOL_WORDS,
    area_place,
    left_out_text,
    minutes_text,
    seconds_text,
    titled,
    user_text,
)

if TYPE_CHECKING:
    from bodymap.maps.model import TriggerPointMap

__all__ = [
    "NOTE_EXCERPT_CHARS",
    "POSITION_WORDS",
    "TOOL_WORDS",
    "GuideContent",
    "GuideStep",
    "SpotRow",
    "StepGroup",
    "build_guide_content",
    "guide_content_for",
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
    """A safety text for the spot: a place not to roll, see a clinician first …"""
    left_out: str = ""
    """Why the spot has no step when the chosen routine length left its muscles out (not
    a safety text: a longer routine adds them)."""


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
    routine_intro: str = ""
    """Said above the routine: the order of the steps and what each picture's marks mean."""
    diagram_caption: str = ""
    """Said under the map's diagrams, below their legend: the discs' shades and the sides."""

    @property
    def steps(self) -> tuple[GuideStep, ...]:
        return tuple(step for group in self.groups for step in group.steps)


def _where(finding: SpotFinding | None, side: str) -> str:
    """Main region under the spot and the person's side, e.g. "Upper trapezius, right"."""
    if finding is None or not finding.regions:
        return "outside the body outline"
    region = finding.regions[0]
    name = region.name or region.id.replace("_", " ")
    side = finding.side or side
    if finding.area_units2 is not None:  # as the panel's spot list says it
        return f"Area{AREA_DASH}{area_place(finding, side)}"
    return f"{name}, {SIDE_WORDS.get(side, side)}" if side != "midline" else f"{name}, middle"


def _template_pattern(template: str) -> re.Pattern[str]:
    """A sentence template of the knowledge tables ("Left out of the {length} routine …")
    as a pattern that matches any filled-in copy of it."""
    parts = [
        re.escape(literal) + ("(?:.+)" if field is not None else "")
        for literal, field, _spec, _conv in string.Formatter().parse(template)
    ]
    return re.compile("".join(parts), re.DOTALL)


def _spot_notes(finding: SpotFinding | None, knowledge: Knowledge) -> tuple[str, str]:
    """``(caution, left_out)`` for a spot's row.

    The caution is why the spot gets no step (a place not to roll, tingling, nothing to
    roll …), else the first caution zone under it; a spot whose muscles only the chosen
    routine length left out gets that note too, which is not a safety text and never
    takes the caution's place.
    """
    if finding is None:
        return "", ""
    first = next((c.text.strip() for c in finding.cautions if c.text.strip()), "")
    reason = (finding.not_rolled_reason or "").strip()
    if reason:
        safety = knowledge.safety
        if safety is not None and _template_pattern(safety.spot_left_out).fullmatch(reason):
            return first, reason
        return reason, ""
    return first, ""


def _excerpt(note: str) -> str:
    """A note squeezed to one paragraph and cut at a word near the excerpt length."""
    text = " ".join(note.split())
    if len(text) <= NOTE_EXCERPT_CHARS:
        return text
    cut = text.rfind(" ", 0, NOTE_EXCERPT_CHARS)
    return text[: cut if cut > NOTE_EXCERPT_CHARS // 2 else NOTE_EXCERPT_CHARS].rstrip() + "…"


def _red_flags(advice: Advice | None, knowledge: Knowledge) -> tuple[str, ...]:
    """Every red flag, the ones the map's spots call for marked with their spot numbers."""
    raised = advice.red_flags if advice is not None else ()
    areas = advice.areas if advice is not None else frozenset()
    flagged = {f.id: f for f in raised}
    lines: list[str] = []
    for flag in knowledge.red_flags:
        text = flag.text
        note = flagged.pop(flag.id, None)
        if note is not None and note.spots:
            text += f" ({note.aside(areas)})"
        lines.append(text)
    lines.extend(f.text.strip() for f in raised if f.id in flagged)
    return tuple(lines)


def _not_rolled(advice: Advice) -> tuple[str, ...]:
    """ "Do not roll" entries: the muscle, why, and what to do instead (never a time)."""
    routine = advice.routine
    # the muscles held for a clinician's word: one line per marked place, the why once
    lines = [place.text.strip() for place in routine.held_places]
    if routine.held_why:
        lines.append(routine.held_why.strip())
    for entry, cautions in routine.others_with_cautions():
        title = titled((entry.name or entry.muscle).strip(), entry.side)
        said = " ".join(f"⚠ {text.strip()}" for text in cautions)
        lines.append(f"{title}: {entry.reason.strip()} {entry.instead.strip()} {said}".strip())
    return tuple(lines)


def _left_out(advice: Advice) -> str:
    """The steps the chosen routine length leaves out, as one sentence ("" for none)."""
    return left_out_text(advice.routine, longer="Print the full routine for every step.")


_MONTHS = "January February March April May June July August September October November December"


def build_guide_content(
    map_name: str,
    spots: Sequence[Spot],
    advice: Advice | None,
    knowledge: Knowledge,
    today: date,
    date_format: str = "{d} {month} {y}",
) -> GuideContent:
    """Everything the guide prints for ``spots`` (a map's spots in order) and ``advice``,
    the advisor's answer for them (None for a map without spots).

    Every sentence about safety (advice, warning signs, disclaimer) comes from the
    knowledge tables, directly or through the advice; this module holds none of its own.
    """
    findings = advice.spots if advice is not None else ()
    rows: list[SpotRow] = []
    for index, spot in enumerate(spots):
        finding = findings[index] if index < len(findings) else None
        caution, left_out = _spot_notes(finding, knowledge)
        rows.append(
            SpotRow(
                number=index + 1,
                view=spot.view,
                where=_where(finding, spot.side),
                intensity=int(spot.intensity),
                kind=str(spot.kind),
                note=_excerpt(spot.note or ""),
                caution=caution,
                left_out=left_out,
            )
        )
    if advice is None:
        steps: list[GuideStep] = []
        warmup: tuple[str, ...] = ()
        total: float = 0
        warmup_min = 3
    else:
        routine = advice.routine
        steps = make_steps(routine.steps, knowledge, source_sites(advice.sources))
        warmup = quick_lines(routine.warmup, knowledge)
        total = routine.total_min or sum(step.minutes for step in steps)
        warmup_min = routine.warmup_min or 3
    total_text = (
        f"Total: about {max(1, round(total))} minutes for {len(steps)} "
        f"step{'s' if len(steps) != 1 else ''}. Split it over two sessions if that feels long."
        if steps
        else ""
    )
    month = _MONTHS.split()[today.month - 1]
    said = knowledge.symbols
    return GuideContent(
        title="Rolling guide",
        profile=user_text(map_name),
        date_text=date_format.format(d=today.day, month=month, y=today.year),
        spots=tuple(rows),
        groups=group_steps(steps),
        total_text=total_text,
        quick_title=f"Short version before or after exercise (about {warmup_min} minutes)",
        quick_note=knowledge.warmup_note,
        quick_lines=warmup,
        advice=knowledge.advice,
        red_flags=_red_flags(advice, knowledge),
        disclaimer=knowledge.disclaimer,
        roll_zones=tuple(dict.fromkeys((s.muscle, s.side) for s in steps)),
        not_rolled=_not_rolled(advice) if advice is not None else (),
        left_out=_left_out(advice) if advice is not None else "",
        clinician_title=(advice.clinician_title if advice is not None else "")
        or "When to see a clinician",
        clinician=tuple(t.strip() for t in advice.clinician) if advice is not None else (),
        contraindications_title=advice.contraindications_title if advice is not None else "",
        contraindications=(
            tuple(t.strip() for t in advice.contraindications) if advice is not None else ()
        ),
        routine_intro=(
            "Do the steps in order; the headings tell you when to change position. On each "
            f"picture, shaded: {said['shaded']}. Hatched: {said['hatched']}. Crossed circle: "
            f"{said['crossed_circle']}. Open circle: {said['open_circle']}."
        ),
        diagram_caption="A darker disc: a more intense spot. Sides are the person's own (R, L).",
    )


def guide_content_for(
    tpm: TriggerPointMap,
    today: date | None = None,
    length: str = "standard",
    session: str | None = None,
    beginner: bool = False,
) -> GuideContent:
    """Ask the advisor about the map's spots and put the guide's words together; with
    ``session`` (a preset name) the guide also carries that session as a timed checklist."""
    from bodymap.advisor import advise_map
    from bodymap.knowledge import load_knowledge

    knowledge = load_knowledge()
    spots = list(tpm.spots)
    advice = advise_map(tpm, length) if spots else None  # as the panel ranks them
    content = build_guide_content(tpm.name, spots, advice, knowledge, today or date.today())
    if session is None or advice is None:
        return content
    from bodymap.guide.session import session_checklist
    from bodymap.session import PRESETS, plan_session

    checklist = session_checklist(plan_session(advice, session, beginner=beginner))
    if PRESETS[session].for_exercise:  # the session is the before/after-exercise list
        return dataclasses.replace(content, session=checklist, quick_lines=())
    return dataclasses.replace(content, session=checklist)
