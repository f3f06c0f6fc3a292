"""What the advisor answers: findings per spot, ranked sources, surrounding areas, routine.

Plain frozen records with a ``to_json`` that gives the command line's ``locate`` shape
(docs/PRODUCT.md), so the CLI, the GUI panel and the printed guide all read the same answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from bodymap.atlas import Region

__all__ = [
    "PAIN_KINDS",
    "Advice",
    "CautionNote",
    "PainSpot",
    "Reason",
    "RedFlagNote",
    "RollingStep",
    "Routine",
    "Source",
    "SpotFinding",
    "SpotLike",
    "SurroundingArea",
    "WarmupStep",
]

PAIN_KINDS = ("ache", "sharp", "burning", "tingling", "numb")


class SpotLike(Protocol):
    """Anything with a view, a point, an intensity (0–10) and a pain kind."""

    @property
    def view(self) -> str: ...
    @property
    def x(self) -> float: ...
    @property
    def y(self) -> float: ...
    @property
    def intensity(self) -> float: ...
    @property
    def kind(self) -> str: ...


@dataclass(frozen=True, slots=True)
class PainSpot:
    """A minimal spot for callers without a map (the command line, tests)."""

    view: str
    x: float
    y: float
    intensity: float = 5.0
    kind: str = "ache"


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a muscle is listed for one spot: it lies there, or commonly refers pain there."""

    spot: int
    kind: str
    zone: str | None
    text: str

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"spot": self.spot, "kind": self.kind, "text": self.text}
        if self.zone is not None:
            out["zone"] = self.zone
        return out


@dataclass(frozen=True, slots=True)
class Source:
    """A likely source of the pain: a muscle on one side, its 0..1 score and reasons."""

    muscle: str
    side: str
    score: float
    name: str
    reasons: tuple[Reason, ...]
    trigger_points: tuple[tuple[str, float, float], ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "muscle": self.muscle,
            "side": self.side,
            "score": round(self.score, 3),
            "name": self.name,
            "reasons": [r.to_json() for r in self.reasons],
            "trigger_points": [{"view": v, "point": [x, y]} for v, x, y in self.trigger_points],
        }


@dataclass(frozen=True, slots=True)
class CautionNote:
    """A caution zone under a spot and what to say about it."""

    zone: str
    text: str

    def to_json(self) -> dict[str, str]:
        return {"zone": self.zone, "text": self.text}


@dataclass(frozen=True, slots=True)
class SpotFinding:
    """What lies under one spot: regions, surface segments and caution zones."""

    index: int
    view: str
    x: float
    y: float
    point: tuple[float, float]
    inside: bool
    snapped: bool
    side: str
    regions: tuple[Region, ...]
    segments: tuple[Region, ...]
    cautions: tuple[CautionNote, ...]
    intensity: float
    kind: str

    def to_json(self) -> dict[str, Any]:
        return {
            "point": [self.x, self.y],
            "view": self.view,
            "side": self.side,
            "inside": self.inside,
            "snapped": self.snapped,
            "looked_up": [round(self.point[0], 1), round(self.point[1], 1)],
            "intensity": self.intensity,
            "kind": self.kind,
            "regions": [r.as_json() for r in self.regions],
            "segments": [
                s.id if s.side == "midline" else f"{s.id}_{s.side}" for s in self.segments
            ],
            "cautions": [c.to_json() for c in self.cautions],
        }


@dataclass(frozen=True, slots=True)
class SurroundingArea:
    """A region next to a spot or a source: roll it too, around the trigger points."""

    muscle: str
    side: str
    name: str
    view: str

    def to_json(self) -> dict[str, str]:
        return {"muscle": self.muscle, "side": self.side, "name": self.name, "view": self.view}


@dataclass(frozen=True, slots=True)
class RollingStep:
    """One step of the routine: which muscle, with what, in which position, how long."""

    muscle: str
    side: str
    name: str
    tool: str
    tool_detail: str
    position: str
    how: str
    on_point_s: tuple[int, int]
    around_min: tuple[int, int]
    cautions: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "muscle": self.muscle,
            "side": self.side,
            "name": self.name,
            "tool": self.tool,
            "tool_detail": self.tool_detail,
            "position": self.position,
            "how": self.how,
            "on_point_s": list(self.on_point_s),
            "around_min": list(self.around_min),
            "cautions": list(self.cautions),
        }


@dataclass(frozen=True, slots=True)
class WarmupStep:
    """A short pass over one muscle before or after exercise."""

    muscle: str
    side: str
    name: str
    tool: str
    position: str
    seconds: int

    def to_json(self) -> dict[str, Any]:
        return {
            "muscle": self.muscle,
            "side": self.side,
            "name": self.name,
            "tool": self.tool,
            "position": self.position,
            "seconds": self.seconds,
        }


@dataclass(frozen=True, slots=True)
class Routine:
    """Rolling steps grouped by body position, and a 2–3 minute warm-up variant."""

    steps: tuple[RollingStep, ...]
    total_min: int
    warmup: tuple[WarmupStep, ...]
    warmup_min: int


@dataclass(frozen=True, slots=True)
class RedFlagNote:
    """A "see a clinician" sign, shown because some spots call for it."""

    id: str
    text: str
    spots: tuple[int, ...]

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "spots": list(self.spots)}


@dataclass(frozen=True, slots=True)
class Advice:
    """The advisor's whole answer for a set of spots."""

    spots: tuple[SpotFinding, ...]
    sources: tuple[Source, ...]
    surrounding: tuple[SurroundingArea, ...]
    routine: Routine
    red_flags: tuple[RedFlagNote, ...]
    advice: tuple[str, ...]
    disclaimer: str

    @property
    def view(self) -> str:
        """The view of the spots, or ``"both"`` when they span both (or there are none)."""
        views = {s.view for s in self.spots}
        return views.pop() if len(views) == 1 else "both"

    def to_json(self) -> dict[str, Any]:
        """The ``locate`` JSON of the command-line contract (plus a few extra keys)."""
        return {
            "view": self.view,
            "spots": [s.to_json() for s in self.spots],
            "sources": [s.to_json() for s in self.sources],
            "surrounding": [a.to_json() for a in self.surrounding],
            "routine": [step.to_json() for step in self.routine.steps],
            "routine_total_min": self.routine.total_min,
            "warmup": [step.to_json() for step in self.routine.warmup],
            "warmup_min": self.routine.warmup_min,
            "red_flags": [f.to_json() for f in self.red_flags],
            "advice": list(self.advice),
            "disclaimer": self.disclaimer,
        }
