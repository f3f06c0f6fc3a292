"""The guide's vocabulary: how positions, tools, sides and timings are said in print.

Shared by the spot table, the routine steps and the rest of the guide's words, so each
says "Lying face down" or "10–30 s" the same way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bodymap.advisor.model import Routine, SpotFinding
    from bodymap.atlas import Hit
    from bodymap.knowledge.model import Knowledge

__all__ = [
    "AREA_DASH",
    "POSITION_WORDS",
    "SIDE_WORDS",
    "TOOL_WORDS",
    "area_place",
    "left_out_text",
    "minutes_text",
    "muscle_name",
    "position_words",
    "seconds_text",
    "span_of",
    "titled",
    "tool_words",
]

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


def position_words(position: str) -> str:
    """A body position in words, to start a line: "face_up" → "Lying on your back"."""
    return POSITION_WORDS.get(position, position.replace("_", " ").capitalize())


def tool_words(tool: str, detail: str = "", *, full: bool = False) -> str:
    """A tool in words: "massage ball", "foam roller"; for the hands what they do, when
    ``detail`` says it ("fingertips on the side of the neck"), as "your hands" says little.
    ``full`` prefers the detail for any tool ("ball against a wall or in a doorway"), where
    there is room for it (the panel, the muscle browser, the command line)."""
    if detail and (full or tool == "hands"):
        return detail
    return TOOL_WORDS.get(tool, tool.replace("_", " "))


def seconds_text(span: Sequence[float]) -> str:
    """``[10, 30]`` → ``"10–30 s"``."""
    low, high = span_of(span)
    return f"{low:g} s" if low == high else f"{low:g}–{high:g} s"


def minutes_text(span: Sequence[float]) -> str:
    """``[2, 3]`` → ``"2–3 min"``."""
    low, high = span_of(span)
    return f"{low:g} min" if low == high else f"{low:g}–{high:g} min"


def span_of(span: Sequence[float] | float | None) -> tuple[float, float]:
    """A timing span as (low, high): ``[10, 30]`` → (10, 30), ``5`` → (5, 5), None → (0, 0)."""
    if span is None:
        return (0.0, 0.0)
    if isinstance(span, int | float):
        return (float(span), float(span))
    values = [float(v) for v in span] or [0.0]
    return (min(values), max(values))


def titled(name: str, side: str) -> str:
    """A muscle's name with the person's side: "Upper trapezius, right"; alone on the midline."""
    return name if side == "midline" else f"{name}, {SIDE_WORDS.get(side, side)}"


def muscle_name(knowledge: Knowledge, muscle: str) -> str:
    """The muscle's display name from the knowledge tables, or one made from its id."""
    record = knowledge.muscles.get(muscle)
    return (record.name if record is not None else "") or muscle.replace("_", " ").capitalize()


AREA_DASH = " — "
"""Between "Area 3" and where it is, in the panel's spot list and the guide's spot table."""


def area_place(finding: SpotFinding | Hit, side: str) -> str:
    """Where a painted area is, in everyday words: "outer thigh, right" (the surface zone
    under its point, else the muscle there; no side on the midline). Takes the advisor's
    finding or the atlas's hit for the area's point alike."""
    names = [r.name for r in (*finding.segments, *finding.regions) if r.name]
    place = names[0] if names else "body"
    place = place[:1].lower() + place[1:]
    return place if side == "midline" else f"{place}, {SIDE_WORDS.get(side, side)}"


def left_out_text(routine: Routine, *, longer: str) -> str:
    """The steps the chosen routine length has no time for, as one sentence ("" for none),
    ending with how to include them where the reader is (``longer``: "Choose a longer
    routine above to include them."): "The standard routine has no time for: Infraspinatus
    (right), …". Only the steps that length picked and could not fit: the full routine adds
    further sources as well, which the words must not hide."""
    if not routine.left_out:
        return ""
    names = []
    for entry in routine.left_out:
        name, side = entry.name or entry.muscle, entry.side
        names.append(name if side == "midline" else f"{name} ({SIDE_WORDS.get(side, side)})")
    length = routine.length or "standard"
    return f"The {length} routine has no time for: {', '.join(names)}. {longer}"
