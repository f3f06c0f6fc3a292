"""The guide's vocabulary: how positions, tools, sides and timings are said in print, and
how a field is read from a knowledge record whichever shape it has.

Shared by the spot table, the routine steps and the rest of the guide's words, so each
says "Lying face down" or "10–30 s" the same way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = [
    "POSITION_WORDS",
    "SIDE_WORDS",
    "TOOL_WORDS",
    "field_of",
    "minutes_text",
    "muscle_name",
    "seconds_text",
    "span_of",
    "text_of",
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


def field_of(obj: Any, name: str, default: Any = None) -> Any:
    """A field of a knowledge record, whether it is an object or a mapping."""
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)


def text_of(item: Any) -> str:
    """The printable text of a knowledge entry (a string, or a record with text)."""
    if isinstance(item, str):
        return item.strip()
    for name in ("text", "summary", "name"):
        value = field_of(item, name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return str(item).strip()


def muscle_name(knowledge: Any, muscle: str) -> str:
    """The muscle's display name from the knowledge tables, or one made from its id."""
    record = (field_of(knowledge, "muscles") or {}).get(muscle)
    name = field_of(record, "name") if record is not None else None
    return name or muscle.replace("_", " ").capitalize()
