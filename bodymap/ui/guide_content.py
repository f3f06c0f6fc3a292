"""What the printed guide says, as plain values: no Qt, no layout, no drawing.

`build_guide_content` turns a map, the advisor's answer (its ``to_json()`` shape, the
stable contract the command line prints) and the knowledge tables into a `GuideContent`:
the spot table rows, the routine grouped by body position in the advisor's order, the
quick before/after-exercise variant, the general advice, the red flags and the
disclaimer. Keeping this apart from painting lets tests check the words without pixels,
and lets the PDF and the printer share one source of truth.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

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

POSITION_WORDS: Mapping[str, str] = {
    "face_up": "Lying on your back",
    "face_down": "Lying face down",
    "side_lying": "Lying on your side",
    "seated": "Sitting",
    "wall": "Standing against a wall",
    "standing": "Standing",
}
TOOL_WORDS: Mapping[str, str] = {
    "foam_roller": "foam roller",
    "ball": "massage ball",
    "hands": "your hands",
    "none": "no tool",
}
SIDE_WORDS: Mapping[str, str] = {"right": "right", "left": "left", "midline": "middle"}

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
class GuideStep:
    """One routine step in plain words, plus what its diagram crop highlights."""

    number: int
    muscle: str
    side: str
    title: str
    tool: str
    position: str
    how: str
    timing: str
    cautions: tuple[str, ...]
    view: str | None
    minutes: float
    sites: tuple[tuple[str, float, float], ...] = ()


@dataclass(frozen=True)
class StepGroup:
    """Consecutive steps done in the same body position, under one small heading."""

    heading: str
    steps: tuple[GuideStep, ...]


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


def seconds_text(span: Sequence[float]) -> str:
    """``[10, 30]`` → ``"10–30 s"``."""
    low, high = _span(span)
    return f"{low:g} s" if low == high else f"{low:g}–{high:g} s"


def minutes_text(span: Sequence[float]) -> str:
    """``[2, 3]`` → ``"2–3 min"``."""
    low, high = _span(span)
    return f"{low:g} min" if low == high else f"{low:g}–{high:g} min"


def _span(span: Sequence[float] | float | None) -> tuple[float, float]:
    if span is None:
        return (0.0, 0.0)
    if isinstance(span, int | float):
        return (float(span), float(span))
    values = [float(v) for v in span] or [0.0]
    return (min(values), max(values))


def _attr(obj: Any, name: str, default: Any = None) -> Any:
    """A field of a knowledge record, whether it is an object or a mapping."""
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _text_of(item: Any) -> str:
    """The printable text of a knowledge entry (a string, or a record with text)."""
    if isinstance(item, str):
        return item.strip()
    for name in ("text", "summary", "name"):
        value = _attr(item, name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return str(item).strip()


def _muscle_name(knowledge: Any, muscle: str) -> str:
    record = (_attr(knowledge, "muscles") or {}).get(muscle)
    name = _attr(record, "name") if record is not None else None
    return name or muscle.replace("_", " ").capitalize()


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
        text = _text_of(caution)
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


def _step_cautions(item: Mapping[str, Any], record: Any) -> tuple[str, ...]:
    raw = item.get("cautions")
    if raw is None:
        raw = _attr(record, "cautions") or ()
    seen: list[str] = []
    for entry in raw:
        text = _text_of(entry)
        if text and text not in seen:
            seen.append(text)
    return tuple(seen)


def _step_view(item: Mapping[str, Any], record: Any) -> str | None:
    view = item.get("view")
    if view in ("front", "back"):
        return str(view)
    sites = _attr(record, "trigger_points") or ()
    for site in sites:
        view = _attr(site, "view")
        if view in ("front", "back"):
            return str(view)
    return None


def _source_sites(
    sources: Iterable[Mapping[str, Any]],
) -> dict[tuple[str, str], tuple[tuple[str, float, float], ...]]:
    """(muscle, side) → the advisor's trigger-point sites as (view, x, y)."""
    sites: dict[tuple[str, str], tuple[tuple[str, float, float], ...]] = {}
    for source in sources:
        points = tuple(
            (str(tp["view"]), float(tp["point"][0]), float(tp["point"][1]))
            for tp in source.get("trigger_points") or ()
        )
        sites.setdefault((str(source.get("muscle")), str(source.get("side"))), points)
    return sites


def _make_steps(
    routine: Iterable[Mapping[str, Any]],
    knowledge: Any,
    sites: Mapping[tuple[str, str], tuple[tuple[str, float, float], ...]],
) -> list[GuideStep]:
    muscles = _attr(knowledge, "muscles") or {}
    steps: list[GuideStep] = []
    for item in routine:
        muscle = str(item.get("muscle", ""))
        side = str(item.get("side", "midline"))
        muscle_record = muscles.get(muscle)
        record = _attr(muscle_record, "technique") or muscle_record
        on_point = item.get("on_point_s") or _attr(record, "on_point_s") or (10, 30)
        around = item.get("around_min") or _attr(record, "around_min") or (1, 2)
        tool = str(item.get("tool") or _attr(record, "tool") or "none")
        detail = item.get("tool_detail") or _attr(record, "tool_detail")
        tool_words = TOOL_WORDS.get(tool, tool.replace("_", " "))
        if detail and tool == "hands":
            tool_words = str(detail)
        position = str(item.get("position") or _attr(record, "position") or "")
        timing = (
            f"{seconds_text(on_point)} on each tender point, then {minutes_text(around)} around it"
            if tool != "none"
            else f"{minutes_text(around)}"
        )
        name = str(item.get("name") or _muscle_name(knowledge, muscle))
        title = name if side == "midline" else f"{name}, {SIDE_WORDS.get(side, side)}"
        minutes = (_span(on_point)[1] / 60.0) + _span(around)[1]
        steps.append(
            GuideStep(
                number=len(steps) + 1,
                muscle=muscle,
                side=side,
                title=title,
                tool=tool_words,
                position=POSITION_WORDS.get(position, position.replace("_", " ").capitalize()),
                how=" ".join(str(item.get("how") or _attr(record, "how") or "").split()),
                timing=timing,
                cautions=_step_cautions(item, muscle_record),
                view=_step_view(item, muscle_record),
                minutes=minutes,
                sites=sites.get((muscle, side), ()),
            )
        )
    return steps


def _group(steps: Sequence[GuideStep]) -> tuple[StepGroup, ...]:
    groups: list[StepGroup] = []
    for step in steps:
        if groups and groups[-1].heading == step.position:
            groups[-1] = StepGroup(step.position, (*groups[-1].steps, step))
        else:
            groups.append(StepGroup(step.position, (step,)))
    return tuple(groups)


def _quick_lines(warmup: Iterable[Mapping[str, Any]], knowledge: Any) -> tuple[str, ...]:
    """The 2–3 minute before/after-exercise variant, from the advisor's warm-up steps."""
    lines: list[str] = []
    for item in warmup:
        muscle, side = str(item.get("muscle", "")), str(item.get("side", "midline"))
        name = str(item.get("name") or _muscle_name(knowledge, muscle))
        title = name if side == "midline" else f"{name}, {SIDE_WORDS.get(side, side)}"
        tool = TOOL_WORDS.get(str(item.get("tool", "")), str(item.get("tool", "")))
        seconds = int(item.get("seconds") or 30)
        lines.append(
            f"{title}: about {seconds} s of slow passes with the {tool}".replace(
                "with the your hands", "with your hands"
            ).replace("with the no tool", "without a tool")
        )
    return tuple(lines)


def _red_flags(advice_json: Mapping[str, Any], knowledge: Any) -> tuple[str, ...]:
    """Every red flag, the ones the map's spots call for marked with their spot numbers."""
    flagged = {
        str(f.get("id")): [int(n) + 1 for n in f.get("spots") or ()]
        for f in advice_json.get("red_flags") or ()
    }
    lines: list[str] = []
    for flag in _attr(knowledge, "red_flags") or ():
        text = _text_of(flag)
        numbers = flagged.pop(str(_attr(flag, "id", "")), None)
        if numbers:
            label = "spot" if len(numbers) == 1 else "spots"
            text += f" (applies to your {label} {', '.join(map(str, numbers))})"
        lines.append(text)
    for f in advice_json.get("red_flags") or ():
        if str(f.get("id")) in flagged:
            lines.append(_text_of(f))
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
    steps = _make_steps(
        advice_json.get("routine") or [], knowledge, _source_sites(advice_json.get("sources") or [])
    )
    total = advice_json.get("routine_total_min") or sum(step.minutes for step in steps)
    total_text = (
        f"Total: about {max(1, round(total))} minutes for {len(steps)} "
        f"step{'s' if len(steps) != 1 else ''}. Split it over two sessions if that feels long."
        if steps
        else ""
    )
    advice = (
        tuple(_text_of(a) for a in (_attr(knowledge, "advice") or advice_json.get("advice") or ()))
        or _FALLBACK_ADVICE
    )
    disclaimer = (
        _text_of(_attr(knowledge, "disclaimer") or advice_json.get("disclaimer") or "")
        or _FALLBACK_DISCLAIMER
    )
    warmup = _quick_lines(advice_json.get("warmup") or (), knowledge)
    warmup_min = advice_json.get("warmup_min") or 3
    note = _text_of(_attr(knowledge, "warmup_note") or "")
    months = "January February March April May June July August September October November December"
    date_text = date_format.format(d=today.day, month=months.split()[today.month - 1], y=today.year)
    zones = tuple(dict.fromkeys((s.muscle, s.side) for s in steps))
    return GuideContent(
        title="Rolling guide",
        profile=map_name,
        date_text=date_text,
        spots=rows,
        groups=_group(steps),
        total_text=total_text,
        quick_title=f"Short version before or after exercise (about {warmup_min} minutes)",
        quick_note=note or "A few slow passes over each area, no long holds on points.",
        quick_lines=warmup,
        advice=advice,
        red_flags=_red_flags(advice_json, knowledge),
        disclaimer=disclaimer,
        roll_zones=zones,
    )
