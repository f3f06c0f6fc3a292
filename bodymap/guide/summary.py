"""What the one-page clinician summary says about the spots, the likely sources and the
routine, as plain values built from the advisor's typed answer.

The printing part (`bodymap.ui.printing.summary`) lays these lines out next to the
diagrams, the heat map and the trend of each spot, and only draws.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bodymap.advisor.model import Advice, spots_label
from bodymap.knowledge.model import UrgencyLevel
from bodymap.maps.values import PressAnswer, Spot
from bodymap.words import area_place, tool_words

if TYPE_CHECKING:
    from bodymap.maps.model import TriggerPointMap

__all__ = [
    "SOURCES_SHOWN",
    "STEPS_SHOWN",
    "SummaryContent",
    "SummarySpot",
    "flag_urgency",
    "summary_content",
    "summary_content_for",
]

SOURCES_SHOWN = 5
"""The summary lists the first this many likely sources, then the best-ranked source of each
spot none of them explains (so no spot is left without its likely sources)."""
STEPS_SHOWN = 6
"""… and this many routine steps, then says how many more there are."""


def flag_urgency(text: str, levels: Sequence[UrgencyLevel] | None = None) -> int:
    """How soon a warning sign's ``text`` asks to act, as a rank: 0 for the most urgent of
    the knowledge files' ``[[urgency]]`` levels (``levels``; the shipped ones by default),
    ``len(levels)`` when its text uses none of their words. A sign ranks at the most urgent
    level its text names, since any of its cases may be that urgent."""
    if levels is None:
        from bodymap.knowledge import load_knowledge

        levels = load_knowledge().urgency
    words = " ".join(text.lower().split())
    for rank, level in enumerate(levels):
        if any(phrase in words for phrase in level.words):
            return rank
    return len(levels)


@dataclass(frozen=True)
class SummarySpot:
    """One spot of the summary's table: its number on the diagram, where it is and the
    kind of pain marked (a clinician reads "tingling" differently from "ache")."""

    number: int
    spot_id: str
    where: str
    kind: str = ""
    intensity: int | None = None
    """Its pain as marked now (0–10): what a clinician reads for a spot without a check-in
    in the period."""


@dataclass(frozen=True)
class SummaryContent:
    """The summary's words that come from the advice, in reading order."""

    spots: tuple[SummarySpot, ...]
    sources: tuple[str, ...]
    """The first likely sources, each with the person's press-test answers."""
    routine: tuple[str, ...]
    """The first routine steps: muscle, side and tool."""
    more_steps: str
    """ "… 3 more steps" when the routine is longer than the summary shows, else ""."""
    warnings: tuple[str, ...] = ()
    """The warning signs the spots raise, each naming its spots ("Spot 3: …"), the most
    urgent first (`flag_urgency`; the advisor's order among signs as urgent)."""
    held: tuple[str, ...] = ()
    """The muscles held for the clinician's check, one line per place marked tingling or
    numb (the person's own guide lists them the same way)."""
    steps_left: int = 0
    """How many routine steps ``more_steps`` counts (0 when it is "")."""


def _sources_shown(advice: Advice) -> list[tuple[str, str, str, set[int]]]:
    """(muscle, side, name, spots) of the first :data:`SOURCES_SHOWN` sources, and after
    them, in rank order, the best source of each spot they leave unexplained: a map whose
    pain is mostly in one place would otherwise give the clinician no source at all for its
    other spots. A spot none of the listed sources names (the list holds the likeliest
    fifteen) takes the routine's first step for it: the routine ranks every source."""
    shown: list[tuple[str, str, str, set[int]]] = []
    explained: set[int] = set()
    for rank, source in enumerate(advice.sources):
        spots = {reason.spot for reason in source.reasons}
        if rank < SOURCES_SHOWN or spots - explained:
            shown.append((source.muscle, source.side, source.name, spots))
            explained |= spots
    listed = {(muscle, side) for muscle, side, _name, _spots in shown}
    for step in advice.routine.steps:
        spots = set(step.spots) - explained
        if spots and (step.muscle, step.side) not in listed:
            shown.append((step.muscle, step.side, step.name, spots))
            explained |= spots
    return shown


def summary_content(
    spots: Sequence[Spot], advice: Advice | None, answers: Iterable[PressAnswer] = ()
) -> SummaryContent:
    """The summary's spot, source and routine lines for ``spots`` and their ``advice``
    (None for a map without spots); ``answers`` are the map's press-test answers."""
    if advice is None:
        return SummaryContent((), (), (), "")
    rows = []
    for number, (spot, finding) in enumerate(zip(spots, advice.spots, strict=False), start=1):
        if finding.area_units2 is not None:  # an area where it is, as the spot list says it
            where = f"area: {area_place(finding, spot.side)}"
        else:
            name = finding.regions[0].name if finding.regions else "not on a muscle"
            where = f"{name} ({spot.side})"
        rows.append(SummarySpot(number, spot.id, where, str(spot.kind), int(spot.intensity)))
    said: dict[tuple[str, str], list[str]] = {}
    for answer in answers:
        said.setdefault((answer.muscle, answer.side), []).append(answer.answer)
    sources = []
    for muscle, side, name, served in _sources_shown(advice):
        heard = said.get((muscle, side))
        press = f" — press test: {', '.join(heard)}" if heard else ""
        where = spots_label(sorted(served), advice.areas)
        sources.append(f"{name} ({side}) — {where}{press}")
    steps = advice.routine.steps
    routine = tuple(
        f"{step.name} ({step.side}) — {tool_words(step.tool, step.tool_detail)}"
        for step in steps[:STEPS_SHOWN]
    )
    more = len(steps) - STEPS_SHOWN
    return SummaryContent(
        spots=tuple(rows),
        sources=tuple(sources),
        routine=routine,
        more_steps=f"… {more} more steps" if more > 0 else "",
        warnings=tuple(
            f"{flag.heading(advice.areas)}: {flag.text}"
            for flag in sorted(advice.red_flags, key=lambda flag: flag_urgency(flag.text))
        ),
        held=tuple(place.text for place in advice.routine.held_places),
        steps_left=max(more, 0),
    )


def summary_content_for(tpm: TriggerPointMap) -> SummaryContent:
    """Ask the advisor about the map's spots and put the summary's lines together."""
    from bodymap.advisor import advise_map

    spots = list(tpm.spots)
    advice = advise_map(tpm) if spots else None  # as the panel and the guide rank them
    return summary_content(spots, advice, tpm.answers)
