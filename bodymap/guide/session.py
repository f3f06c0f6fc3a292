"""A session plan as the printed guide shows it: a timed checklist, one line per step.

Plain values; the printing part draws each line with an empty box to tick on the mat.
"""

from __future__ import annotations

from dataclasses import dataclass

from bodymap.session import PRESETS, SessionPlan, SessionStep
from bodymap.words import tender_point

__all__ = ["SessionChecklist", "clock_text", "session_checklist"]


def clock_text(seconds: int) -> str:
    """``95`` → ``"1:35"``."""
    return f"{seconds // 60}:{seconds % 60:02d}"


@dataclass(frozen=True)
class SessionChecklist:
    """The heading, a one-line note and the timed lines of one preset's session."""

    title: str
    note: str
    lines: tuple[str, ...]


def _step_line(step: SessionStep, start: int) -> str:
    phases = step.phases
    setup = next((p.text for p in phases if p.kind == "setup"), "")
    holds = [p.seconds for p in phases if p.kind == "on_point"]
    passes = [p.seconds for p in phases if p.kind == "around"]
    each = " on each side" if len(passes) > 1 else ""
    if holds and passes:
        point = tender_point(step.hold_where, which="most")
        timing = f"{holds[0]} s on the {point}, then {passes[0]} s around it{each}."
    elif passes:  # a step with no hold: gentle work only
        timing = f"{passes[0]} s, gently; no holding{each}."
    else:
        timing = ""
    span = f"{clock_text(start)}–{clock_text(start + step.seconds)}"
    return f"{span}  {step.title}. {setup} {timing}".strip()


def session_checklist(plan: SessionPlan) -> SessionChecklist | None:
    """The checklist for ``plan``, or None when it has no steps."""
    if not plan.steps:
        return None
    preset = PRESETS.get(plan.preset)
    label = preset.label if preset else plan.preset
    beginner = ", beginner" if plan.beginner else ""
    title = f"{label} session ({clock_text(plan.total_s)} min{beginner})"
    note = (preset.summary.capitalize() + ". " if preset else "") + (
        "Tick each step as you go; the times include getting into position."
    )
    lines: list[str] = []
    start = 0
    for step in plan.steps:
        lines.append(_step_line(step, start))
        start += step.seconds
    if plan.left_out:
        note += " Left out for time: " + "; ".join(plan.left_out) + "."  # titles hold commas
    return SessionChecklist(title=title, note=note, lines=tuple(lines))
