"""What the advisor answers: findings per spot, ranked sources, surrounding areas, routine.

Plain frozen records with a ``to_json`` that gives the command line's ``locate`` shape
(docs/PRODUCT.md), so the CLI, the GUI panel and the printed guide all read the same answer.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from bodymap.atlas.model import Lookup
from bodymap.knowledge.model import Method
from bodymap.knowledge.names import PAIN_KINDS
from bodymap.records import fields_json

if TYPE_CHECKING:
    from bodymap.advisor.press import PressQuestion

__all__ = [
    "LENGTHS",
    "PAIN_KINDS",
    "WATCH_FOR",
    "Advice",
    "CautionNote",
    "HeldPlace",
    "LeftOut",
    "NotRolled",
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
    "spot_noun",
    "spots_label",
]


WATCH_FOR = "watch for these"
"""How a safety-net flag labels its spots, wherever it is shown."""


def spot_noun(area: bool, capital: bool = False) -> str:
    """What a spot is called, as the spot list numbers it: "spot", or "area" for a painted
    area ("Spot", "Area" to start a label)."""
    word = "area" if area else "spot"
    return word.capitalize() if capital else word


def spots_label(indices: Iterable[int], areas: Collection[int] = ()) -> str:
    """How the spots at ``indices`` are named in sentences: "spot 2", "area 3", "spots 1,
    2", "areas 1, 3", and "spot 1 and area 2" when points and painted areas are mixed, as
    the spot list numbers them (numbers count from 1)."""
    numbers = [int(i) for i in indices]
    painted = [i for i in numbers if i in areas]
    points = [i for i in numbers if i not in areas]
    if painted and points:
        return f"{_named(spot_noun(False), points)} and {_named(spot_noun(True), painted)}"
    return _named(spot_noun(bool(painted)), numbers)


def _named(word: str, numbers: Sequence[int]) -> str:
    plural = "" if len(numbers) == 1 else "s"
    return f"{word}{plural} {', '.join(str(i + 1) for i in numbers)}"


LENGTHS = ("short", "standard", "full")
"""Routine lengths a person picks: about 5 minutes, 10 to 15 minutes, or everything."""


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
    area: Any = None
    """A painted area (a shapely geometry, or anything with a ``shape``); None for a point."""


class Reason(NamedTuple):
    """Why a muscle is listed for one spot: it lies there, or commonly refers pain there.

    A named tuple, not a frozen dataclass: advice for a long map makes tens of thousands,
    and a tuple is made in a third of the time."""

    spot: int
    kind: str
    zone: str | None
    """``essential`` or ``spillover`` for a referral; ``near`` for a muscle that lies right
    next to the spot (within its reach), not under its point; else None."""
    text: str
    answer: str | None = None
    """For a press-test reason (kind ``press``): ``yes``, ``partly`` or ``no``."""
    share: float | None = None
    """For a surface muscle lying under a painted area (kind ``local``): the share of the
    area it lies under (0–1), which earns it a routine step of its own from one half."""

    def to_json(self) -> dict[str, Any]:
        out = fields_json(self, "spot", "kind", "text")
        if self.zone is not None:
            out["zone"] = self.zone
        if self.answer is not None:
            out["answer"] = self.answer
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
    evidence: tuple[tuple[int, float], ...] = ()
    """(spot index, the part of the score that spot gave), for the spots it explains: how
    likely a source it is for each spot on its own (the routine gives each spot a step of a
    source that explains that spot well, `bodymap.advisor.routine.OWN_SHARE`)."""

    def to_json(self) -> dict[str, Any]:
        return {
            **fields_json(self, "muscle", "side"),
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

    def to_json(self) -> dict[str, Any]:
        return fields_json(self, "zone", "text")


@dataclass(frozen=True, slots=True)
class SpotFinding(Lookup):
    """What lies under one spot: the atlas's lookup at its point (regions, surface
    segments), its caution zones and what the spot says."""

    index: int
    x: float
    y: float
    cautions: tuple[CautionNote, ...]
    intensity: float
    kind: str
    covered_by: tuple[int, ...] = ()
    not_rolled_reason: str | None = None
    area_units2: float | None = None
    """The painted area on the body in square atlas units (None for a point spot)."""
    area_side: str | None = None
    """A painted area's sides in one word (`bodymap.sides.area_side`): "both" for one
    across the midline, else its side; None for a point spot. ``side`` is its point's."""
    press_note: str = ""
    """Why the spot is asked no press test ("" when it may be): `press_test_withheld`."""
    shares: tuple[float, ...] = ()
    """For a painted area, its size (square atlas units) on each of ``segments`` (as
    `bodymap.atlas.Hit.shares`): where most of it lies names it; empty for a point."""

    def to_json(self) -> dict[str, Any]:
        out = {
            "point": [self.x, self.y],
            **fields_json(self, "view", "side", "inside", "snapped"),
            "looked_up": [round(self.point[0], 1), round(self.point[1], 1)],
            **fields_json(self, "intensity", "kind"),
            "regions": [r.as_json() for r in self.regions],
            "segments": [
                s.id if s.side == "midline" else f"{s.id}_{s.side}" for s in self.segments
            ],
            "cautions": [c.to_json() for c in self.cautions],
            "covered_by": list(self.covered_by),
        }
        if self.not_rolled_reason is not None:
            out["not_rolled_reason"] = self.not_rolled_reason
        if self.area_units2 is not None:
            out["area_units2"] = self.area_units2
        if self.area_side is not None:
            out["area_side"] = self.area_side
        if self.press_note:
            out["press_note"] = self.press_note
        return out


@dataclass(frozen=True, slots=True)
class SurroundingArea:
    """A rollable region next to a spot or a source: roll it too, around the trigger points.

    ``local`` marks tissue under a spot that is rolled around but is not a source of
    referred pain (fascia such as the iliotibial band).
    """

    muscle: str
    side: str
    name: str
    view: str
    roll_zone: Any = None
    local: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            **fields_json(self, "muscle", "side", "name", "view", "local"),
            "roll_zone": _zone_json(self.roll_zone),
        }


def _zone_json(zone: Any) -> dict[str, Any]:
    if zone is None:
        return {"type": "MultiPolygon", "coordinates": []}
    out: dict[str, Any] = zone.geojson()
    return out


@dataclass(frozen=True, slots=True)
class RollingStep(Method):
    """One step of the routine: which muscle, and its method (`bodymap.knowledge.Method`):
    with what, in which position, how long."""

    muscle: str
    side: str
    name: str
    cautions: tuple[str, ...]
    view: str = ""
    roll_zone: Any = None
    spots: tuple[int, ...] = ()
    both_sides: bool = False
    """The step works both sides at once (two balls, one either side of the spine): one
    pass, not one a side."""

    def to_json(self) -> dict[str, Any]:
        return {
            **fields_json(self, "muscle", "side", "name", "tool", "tool_detail", "position"),
            **fields_json(self, "how", "on_point_s", "around_min", "cautions", "view", "spots"),
            **({"hold_where": self.hold_where} if self.hold_where else {}),
            **({"both_sides": True} if self.both_sides else {}),
            "roll_zone": _zone_json(self.roll_zone),
        }


@dataclass(frozen=True, slots=True)
class NotRolled:
    """A muscle the spots point to that is not rolled: why, and what to do instead."""

    muscle: str
    side: str
    name: str
    reason: str
    instead: str
    spots: tuple[int, ...]
    clinician_first: bool = False
    """Rollable, but a tingling or numb spot asks for a clinician's word first."""
    cautions: tuple[str, ...] = ()
    """The record's own cautions for a muscle never worked by the person (tool ``none``):
    what goes with the stretch or breathing done instead, and the signs that need a
    clinician (the pelvic floor's "see a doctor soon"), said as a rolled muscle's step says
    its own."""

    def to_json(self) -> dict[str, Any]:
        return fields_json(
            self,
            "muscle",
            "side",
            "name",
            "reason",
            "instead",
            "spots",
            "clinician_first",
            "cautions",
        )


@dataclass(frozen=True, slots=True)
class HeldPlace:
    """The sources held for a clinician's word because of one place marked tingling or
    numb ("your right arm"), shown together as one line instead of one paragraph each."""

    side: str
    """The side's words ("right", "right or left", "right and left" for a muscle merged to
    both sides and held by both, "" for the middle of the body)."""
    part: str
    """The place's words ("arm", "back, chest or belly")."""
    text: str
    """The line shown: the place and every muscle held there."""
    muscles: tuple[tuple[str, str], ...]
    """(muscle, side) of the held sources, in the order of ``Routine.not_rolled``."""
    names: tuple[str, ...]
    spots: tuple[int, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            **fields_json(self, "side", "part", "text", "names", "spots"),
            "muscles": [{"muscle": m, "side": s} for m, s in self.muscles],
        }


@dataclass(frozen=True, slots=True)
class LeftOut:
    """A step the chosen routine length leaves out (a longer routine includes it)."""

    muscle: str
    side: str
    name: str
    spots: tuple[int, ...]

    def to_json(self) -> dict[str, Any]:
        return fields_json(self, "muscle", "side", "name", "spots")


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
        return fields_json(self, "muscle", "side", "name", "tool", "position", "seconds")


@dataclass(frozen=True, slots=True)
class Routine:
    """Rolling steps grouped by body position, and a 2–3 minute warm-up variant."""

    steps: tuple[RollingStep, ...]
    total_min: int
    warmup: tuple[WarmupStep, ...]
    warmup_min: int
    length: str = "standard"
    not_rolled: tuple[NotRolled, ...] = ()
    left_out: tuple[LeftOut, ...] = ()
    held_places: tuple[HeldPlace, ...] = ()
    """The ``clinician_first`` entries of ``not_rolled`` grouped by the place marked."""
    held_why: str = ""
    """Why the held muscles wait, said once after ``held_places`` ("" when none is held)."""

    @property
    def others_not_rolled(self) -> tuple[NotRolled, ...]:
        """The ``not_rolled`` entries not held for a clinician (each with its own reason)."""
        return tuple(n for n in self.not_rolled if not n.clinician_first)

    def others_with_cautions(self) -> tuple[tuple[NotRolled, tuple[str, ...]], ...]:
        """:attr:`others_not_rolled`, each with its cautions not already said by an entry
        before it: two muscles that share theirs (levator ani and coccygeus) say them once."""
        said: set[str] = set()
        out = []
        for entry in self.others_not_rolled:
            new = tuple(text for text in entry.cautions if text not in said)
            said.update(new)
            out.append((entry, new))
        return tuple(out)

    @property
    def held(self) -> frozenset[tuple[str, str]]:
        """(muscle, side) of the sources a clinician must clear first (tingling, numbness)."""
        return frozenset((n.muscle, n.side) for n in self.not_rolled if n.clinician_first)


@dataclass(frozen=True, slots=True)
class RedFlagNote:
    """A "see a clinician" sign, shown because some spots call for it."""

    id: str
    text: str
    spots: tuple[int, ...]
    watch_for: bool = False
    """A safety net (what to watch for), labelled so with its spots."""

    def heading(self, areas: Collection[int] = ()) -> str:
        """Its spots as a list item's heading: "Spots 1, 2", "Spots 1, 2 (watch for these)"."""
        label = spots_label(self.spots, areas)
        watch = f" ({WATCH_FOR})" if self.watch_for else ""
        return f"{label[:1].upper()}{label[1:]}{watch}"

    def aside(self, areas: Collection[int] = ()) -> str:
        """Its spots as an aside after its text: "for your spots 1, 2", or "for your spots
        1, 2: watch for these". Never "applies to": a flag is raised by where the pain is,
        and most say what to do if something else is also true ("If the pain is there at
        night..."), which the spots cannot show."""
        label = f"for your {spots_label(self.spots, areas)}"
        return f"{label}: {WATCH_FOR}" if self.watch_for else label

    def to_json(self) -> dict[str, Any]:
        return fields_json(self, "id", "text", "spots", "watch_for")


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
    clinician_title: str = ""
    clinician: tuple[str, ...] = ()
    contraindications_title: str = ""
    contraindications: tuple[str, ...] = ()
    warning_signs: tuple[tuple[str, str], ...] = ()
    """Every red flag as ``(id, text)``, raised or not (the clinician section lists them all)."""
    extent: Any = None
    """The pain extent of painted areas (:class:`~bodymap.advisor.areas.Extent`), or None."""
    press: tuple[PressQuestion, ...] = ()
    """The press tests to offer (`bodymap.advisor.press.press_questions`): none for a source
    held for a clinician's word, none whose point lies in or near a zone not to press."""

    @property
    def areas(self) -> frozenset[int]:
        """The indices of the spots that are painted areas."""
        return frozenset(f.index for f in self.spots if f.area_units2 is not None)

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
            "routine_length": self.routine.length,
            "routine_total_min": self.routine.total_min,
            "not_rolled": [n.to_json() for n in self.routine.not_rolled],
            "check_first": {
                "places": [p.to_json() for p in self.routine.held_places],
                "why": self.routine.held_why,
            },
            "left_out": [n.to_json() for n in self.routine.left_out],
            "warmup": [step.to_json() for step in self.routine.warmup],
            "warmup_min": self.routine.warmup_min,
            "red_flags": [f.to_json() for f in self.red_flags],
            "advice": list(self.advice),
            "when_to_see_a_clinician": {
                "title": self.clinician_title,
                "lines": list(self.clinician),
                "contraindications_title": self.contraindications_title,
                "contraindications": list(self.contraindications),
                "warning_signs": [{"id": i, "text": t} for i, t in self.warning_signs],
            },
            "disclaimer": self.disclaimer,
            **({"extent_percent": self.extent.to_json()} if self.extent is not None else {}),
        }
