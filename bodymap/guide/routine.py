"""The routine as the guide prints it: the advisor's steps in plain words, grouped by body
position, and the short before/after-exercise variant.

Steps keep the advisor's order; a step's missing timing, tool or position falls back to
the muscle's technique in the knowledge tables, so every step reads complete.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bodymap.guide.words import (
    POSITION_WORDS,
    SIDE_WORDS,
    TOOL_WORDS,
    field_of,
    minutes_text,
    muscle_name,
    seconds_text,
    span_of,
    text_of,
)

__all__ = ["GuideStep", "StepGroup", "group_steps", "make_steps", "quick_lines", "source_sites"]


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


def _step_cautions(item: Mapping[str, Any], record: Any) -> tuple[str, ...]:
    raw = item.get("cautions")
    if raw is None:
        raw = field_of(record, "cautions") or ()
    seen: list[str] = []
    first = text_of(item.get("check_first") or "")
    if first:  # a tingling or numb spot on this limb: the clinician comes first
        seen.append(first)
    for entry in raw:
        text = text_of(entry)
        if text and text not in seen:
            seen.append(text)
    return tuple(seen)


def _step_view(item: Mapping[str, Any], record: Any) -> str | None:
    view = item.get("view")
    if view in ("front", "back"):
        return str(view)
    sites = field_of(record, "trigger_points") or ()
    for site in sites:
        view = field_of(site, "view")
        if view in ("front", "back"):
            return str(view)
    return None


def source_sites(
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


def make_steps(
    routine: Iterable[Mapping[str, Any]],
    knowledge: Any,
    sites: Mapping[tuple[str, str], tuple[tuple[str, float, float], ...]],
) -> list[GuideStep]:
    """The advisor's routine items as numbered steps, each with its trigger-point sites."""
    muscles = field_of(knowledge, "muscles") or {}
    steps: list[GuideStep] = []
    for item in routine:
        muscle = str(item.get("muscle", ""))
        side = str(item.get("side", "midline"))
        muscle_record = muscles.get(muscle)
        record = field_of(muscle_record, "technique") or muscle_record
        on_point = item.get("on_point_s") or field_of(record, "on_point_s") or (10, 30)
        around = item.get("around_min") or field_of(record, "around_min") or (1, 2)
        tool = str(item.get("tool") or field_of(record, "tool") or "none")
        detail = item.get("tool_detail") or field_of(record, "tool_detail")
        tool_words = TOOL_WORDS.get(tool, tool.replace("_", " "))
        if detail and tool == "hands":
            tool_words = str(detail)
        position = str(item.get("position") or field_of(record, "position") or "")
        timing = (
            f"{seconds_text(on_point)} on each tender point, then {minutes_text(around)} around it"
            if tool != "none"
            else f"{minutes_text(around)}"
        )
        name = str(item.get("name") or muscle_name(knowledge, muscle))
        title = name if side == "midline" else f"{name}, {SIDE_WORDS.get(side, side)}"
        minutes = (span_of(on_point)[1] / 60.0) + span_of(around)[1]
        steps.append(
            GuideStep(
                number=len(steps) + 1,
                muscle=muscle,
                side=side,
                title=title,
                tool=tool_words,
                position=POSITION_WORDS.get(position, position.replace("_", " ").capitalize()),
                how=" ".join(str(item.get("how") or field_of(record, "how") or "").split()),
                timing=timing,
                cautions=_step_cautions(item, muscle_record),
                view=_step_view(item, muscle_record),
                minutes=minutes,
                sites=sites.get((muscle, side), ()),
            )
        )
    return steps


def group_steps(steps: Sequence[GuideStep]) -> tuple[StepGroup, ...]:
    """Runs of consecutive steps in the same position, so the reader changes position once."""
    groups: list[StepGroup] = []
    for step in steps:
        if groups and groups[-1].heading == step.position:
            groups[-1] = StepGroup(step.position, (*groups[-1].steps, step))
        else:
            groups.append(StepGroup(step.position, (step,)))
    return tuple(groups)


_WITH_TOOL = {"hands": "with your hands", "none": "without a tool"}
"""How the warm-up names a tool that does not take "with the"."""


def quick_lines(warmup: Iterable[Mapping[str, Any]], knowledge: Any) -> tuple[str, ...]:
    """The 2–3 minute before/after-exercise variant, from the advisor's warm-up steps."""
    lines: list[str] = []
    for item in warmup:
        muscle, side = str(item.get("muscle", "")), str(item.get("side", "midline"))
        name = str(item.get("name") or muscle_name(knowledge, muscle))
        title = name if side == "midline" else f"{name}, {SIDE_WORDS.get(side, side)}"
        tool = str(item.get("tool", ""))
        words = _WITH_TOOL.get(tool, f"with the {TOOL_WORDS.get(tool, tool)}")
        seconds = int(item.get("seconds") or 30)
        lines.append(f"{title}: about {seconds} s of slow passes {words}")
    return tuple(lines)
