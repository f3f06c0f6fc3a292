"""The routine as the guide prints it: the advisor's steps in plain words, grouped by body
position, and the short before/after-exercise variant.

Steps keep the advisor's order and carry its timings, tool and position (the muscle's
technique, see `bodymap.advisor.routine`); a step without a view is drawn where the
muscle's first trigger point sits.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from bodymap.advisor.model import RollingStep, Source, WarmupStep
from bodymap.knowledge.model import Knowledge
from bodymap.words import (
    hold_text,
    minutes_text,
    muscle_name,
    position_words,
    span_of,
    titled,
    tool_words,
)

__all__ = [
    "GuideStep",
    "Sites",
    "StepGroup",
    "group_steps",
    "make_steps",
    "quick_lines",
    "source_sites",
]

Sites = Mapping[tuple[str, str], tuple[tuple[str, float, float], ...]]
"""(muscle, side) → its trigger-point sites as (view, x, y)."""


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


def _step_cautions(step: RollingStep) -> tuple[str, ...]:
    """The step's cautions, each once."""
    seen: list[str] = []
    for entry in step.cautions:
        text = entry.strip()
        if text and text not in seen:
            seen.append(text)
    return tuple(seen)


def _step_view(step: RollingStep, knowledge: Knowledge) -> str | None:
    if step.view in ("front", "back"):
        return step.view
    record = knowledge.muscles.get(step.muscle)
    for site in record.trigger_points if record is not None else ():
        if site.view in ("front", "back"):
            return site.view
    return None


def source_sites(
    sources: Iterable[Source],
) -> dict[tuple[str, str], tuple[tuple[str, float, float], ...]]:
    """(muscle, side) → the advisor's trigger-point sites as (view, x, y)."""
    sites: dict[tuple[str, str], tuple[tuple[str, float, float], ...]] = {}
    for source in sources:
        points = tuple((view, float(x), float(y)) for view, x, y in source.trigger_points)
        sites.setdefault((source.muscle, source.side), points)
    return sites


def make_steps(
    routine: Iterable[RollingStep], knowledge: Knowledge, sites: Sites
) -> list[GuideStep]:
    """The advisor's routine steps as numbered guide steps, each with its trigger-point sites."""
    steps: list[GuideStep] = []
    for step in routine:
        on_point, around = step.on_point_s, step.around_min
        timing = hold_text(step) if step.tool != "none" else minutes_text(around)
        name = step.name or muscle_name(knowledge, step.muscle)
        position = step.position
        steps.append(
            GuideStep(
                number=len(steps) + 1,
                muscle=step.muscle,
                side=step.side,
                title=titled(name, step.side),
                tool=tool_words(step.tool, step.tool_detail, full=True),
                position=position_words(position),
                how=" ".join(step.how.split()),
                timing=timing,
                cautions=_step_cautions(step),
                view=_step_view(step, knowledge),
                minutes=span_of(on_point)[1] / 60.0 + span_of(around)[1],
                sites=sites.get((step.muscle, step.side), ()),
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


def quick_lines(warmup: Iterable[WarmupStep], knowledge: Knowledge) -> tuple[str, ...]:
    """The 2–3 minute before/after-exercise variant, from the advisor's warm-up steps."""
    lines: list[str] = []
    for item in warmup:
        title = titled(item.name or muscle_name(knowledge, item.muscle), item.side)
        words = _WITH_TOOL.get(item.tool, f"with the {tool_words(item.tool)}")
        lines.append(f"{title}: about {item.seconds or 30} s of slow passes {words}")
    return tuple(lines)
