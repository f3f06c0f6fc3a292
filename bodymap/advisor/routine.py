"""Turn ranked sources into a rolling routine the person can follow on the mat.

Steps are grouped by body position in a fixed order (standing, wall, seated, on the back,
on the side, face down) so nobody gets up and down between them; a short warm-up variant
serves before and after exercise.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from bodymap.advisor.model import CautionNote, RollingStep, Routine, Source, WarmupStep
from bodymap.knowledge import POSITIONS, Knowledge

__all__ = [
    "MAX_STEPS",
    "STEP_SHARE",
    "build_routine",
    "routine_sources",
]

MAX_STEPS = 6
STEP_SHARE = 0.35
"""A source earns a step when its score is at least this share of the best score."""
_WARMUP_TOOLS = ("foam_roller", "ball")
_WARMUP_STEPS = 4
_WARMUP_BUDGET_S = 150


def routine_sources(sources: Sequence[Source]) -> tuple[Source, ...]:
    """The sources worth a step: the strongest few."""
    if not sources:
        return ()
    floor = sources[0].score * STEP_SHARE
    return tuple(s for s in sources if s.score >= floor)[:MAX_STEPS]


def _step(source: Source, knowledge: Knowledge, extra: Sequence[str]) -> RollingStep:
    muscle = knowledge.muscles[source.muscle]
    tech = muscle.technique
    cautions = list(dict.fromkeys((*muscle.cautions, *extra)))
    return RollingStep(
        muscle=source.muscle,
        side=source.side,
        name=muscle.name,
        tool=tech.tool,
        tool_detail=tech.tool_detail,
        position=tech.position,
        how=tech.how,
        on_point_s=tech.on_point_s,
        around_min=tech.around_min,
        cautions=tuple(cautions),
    )


def build_routine(
    sources: Sequence[Source],
    knowledge: Knowledge,
    spot_cautions: Mapping[int, Sequence[CautionNote]],
) -> Routine:
    """One step per chosen source, ordered by position, then by rank.

    A step for a muscle that lies under a spot in a caution zone carries that zone's text,
    so the routine never reads as "roll the spot you marked" there.
    """
    chosen = routine_sources(sources)
    steps: list[tuple[int, int, RollingStep]] = []
    for rank, source in enumerate(chosen):
        extra = [
            note.text
            for reason in source.reasons
            if reason.kind == "local"
            for note in spot_cautions.get(reason.spot, ())
        ]
        step = _step(source, knowledge, extra)
        steps.append((POSITIONS.index(step.position), rank, step))
    ordered = tuple(step for _, _, step in sorted(steps, key=lambda t: (t[0], t[1])))
    total_s = sum(s.around_min[1] * 60 + s.on_point_s[1] for s in ordered)
    warm = [s for s in ordered if s.tool in _WARMUP_TOOLS][:_WARMUP_STEPS]
    # whole five seconds: "about 35 s" reads as guidance, "about 37 s" as false precision
    seconds = max(30, min(120, _WARMUP_BUDGET_S // len(warm) // 5 * 5)) if warm else 0
    warmup = tuple(WarmupStep(s.muscle, s.side, s.name, s.tool, s.position, seconds) for s in warm)
    return Routine(
        steps=ordered,
        total_min=math.ceil(total_s / 60),
        warmup=warmup,
        warmup_min=math.ceil(seconds * len(warmup) / 60),
    )
