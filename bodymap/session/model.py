"""What a session plan is: timed phases per step, steps in the order they are rolled.

Plain frozen records with a ``to_json`` that gives the ``bodymap session --json`` shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bodymap.records import fields_json
from bodymap.words import titled

__all__ = ["PHASE_KINDS", "Phase", "SessionPlan", "SessionStep"]

PHASE_KINDS = ("setup", "on_point", "around", "switch")
"""``setup``: get into position; ``on_point``: rest on the tender point; ``around``: roll
the area around it; ``switch``: turn to the other side or move to the next step."""


@dataclass(frozen=True, slots=True)
class Phase:
    """One timed part of a step, with the one or two sentences read from the mat."""

    kind: str
    seconds: int
    text: str

    def __post_init__(self) -> None:
        if self.kind not in PHASE_KINDS:
            raise ValueError(f"unknown phase kind {self.kind!r}")
        if self.seconds <= 0:
            raise ValueError(f"a phase lasts at least a second, not {self.seconds}")

    def to_json(self) -> dict[str, Any]:
        return fields_json(self, "kind", "seconds", "text")


@dataclass(frozen=True, slots=True)
class SessionStep:
    """One muscle on one side: where to lie, with what, the spots it serves, its phases.

    ``on_point_range`` is the record's range of seconds on a tender point, kept so a
    reader can check the plan against it.
    """

    muscle: str
    side: str
    name: str
    view: str
    tool: str
    position: str
    spots: tuple[int, ...]
    phases: tuple[Phase, ...]
    on_point_range: tuple[int, int]
    sites: tuple[tuple[float, float], ...] = ()
    cautions: tuple[str, ...] = ()
    """The routine step's cautions and stop rules, shown while it is rolled."""
    hold_where: str = ""
    """Where to find the tender point to hold when the usual sites are not to be pressed."""

    @property
    def seconds(self) -> int:
        return sum(p.seconds for p in self.phases)

    @property
    def title(self) -> str:
        """ "Upper trapezius, right" (the side left out for the midline)."""
        return titled(self.name, self.side)

    def to_json(self) -> dict[str, Any]:
        return {
            **fields_json(self, "muscle", "side", "name", "view", "tool", "position", "spots"),
            "seconds": self.seconds,
            "phases": [p.to_json() for p in self.phases],
            "cautions": list(self.cautions),
        }


@dataclass(frozen=True, slots=True)
class SessionPlan:
    """A preset's whole session: the steps in rolling order and what was left out."""

    preset: str
    beginner: bool
    steps: tuple[SessionStep, ...]
    left_out: tuple[str, ...] = ()
    """Titles of plannable steps that did not fit the preset's time."""
    not_rolled: tuple[str, ...] = ()
    """Titles of the likely sources with no step on purpose (never rolled: no tool reaches
    them, no room, or held for a clinician's word), said before the session starts: a spot
    they explain is not taken for one that needs nothing. The advice says what to do
    instead."""
    empty_reason: str = ""
    """Why a session has no step ("" when it has some): nothing marked, the muscles held for
    a clinician's word, nothing to roll for the spots, or no step with the preset's tools."""

    @property
    def total_s(self) -> int:
        return sum(step.seconds for step in self.steps)

    def to_json(self) -> dict[str, Any]:
        return {
            **fields_json(self, "preset", "beginner", "total_s"),
            "steps": [step.to_json() for step in self.steps],
            "left_out": list(self.left_out),
            "not_rolled": list(self.not_rolled),
            **({"empty_reason": self.empty_reason} if not self.steps else {}),
        }
