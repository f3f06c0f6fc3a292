"""The press test: "Press the spot marked ⊕ for 10 s. Does it reproduce your pain at spot N?"

Pain recognised on pressure is one of the more reliable trigger-point criteria (κ ≈ 0.58
between examiners), so the person's answers re-rank the sources after the ranking:

* each answer about a source counts ``yes`` +1, ``partly`` +½, ``no`` −1, summed over the
  spots it was asked for into the source's evidence ``e``;
* ``e > 0`` lifts the score towards 1: ``s' = 1 − (1 − s) · ½^e`` (a "yes" halves the gap);
* ``e < 0`` lowers it towards 0: ``s' = s · ½^|e|`` (a "no" halves the score);
* the list is sorted again by the new score, ties keeping the ranking's order.

``s'`` grows with ``e`` and the other sources keep their scores, so a "yes" never lowers a
source and a "no" never raises it; with no answers the ranking is returned unchanged. Each
answer is also shown as a reason ("pressing it reproduced your pain at spot 2").
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from bodymap.advisor.model import Reason, Source, spots_label

__all__ = [
    "ANSWER_WEIGHTS",
    "PRESS_ANSWERS",
    "PRESS_KIND",
    "PRESS_TOP",
    "PressAnswerLike",
    "PressKey",
    "PressQuestion",
    "answers_by_index",
    "apply_press_answers",
    "press_questions",
    "press_side",
    "press_text",
]

PRESS_ANSWERS = ("yes", "partly", "no")
ANSWER_WEIGHTS = {"yes": 1.0, "partly": 0.5, "no": -1.0}
PRESS_KIND = "press"
"""The ``kind`` of a reason that reports a press-test answer."""
PRESS_TOP = 3
"""How many of the top sources the panel offers a press test for."""

PressKey = tuple[int, str, str]
"""(spot index, muscle, side) an answer is about; side as `press_side` gives it."""


class PressAnswerLike(Protocol):
    """A stored answer (`bodymap.maps.PressAnswer` is one)."""

    @property
    def spot_id(self) -> str: ...
    @property
    def muscle(self) -> str: ...
    @property
    def side(self) -> str: ...
    @property
    def answer(self) -> str: ...


def press_side(side: str) -> str:
    """The side an answer about a source is stored under: a source listed once for both
    sides (a midline spot) is asked about as ``midline``."""
    return "midline" if side == "both" else side


def answers_by_index(
    spot_ids: Sequence[str], answers: Iterable[PressAnswerLike]
) -> dict[PressKey, str]:
    """A map's answers keyed by the spot's position, as :func:`apply_press_answers` takes
    them; answers about spots not listed are left out."""
    index = {spot_id: i for i, spot_id in enumerate(spot_ids)}
    return {(index[a.spot_id], a.muscle, a.side): a.answer for a in answers if a.spot_id in index}


def press_text(answer: str, spot: int, area: bool = False) -> str:
    """The reason an answer gives, for spot index ``spot`` (a painted area if ``area``)."""
    where = spots_label([spot], {spot} if area else ())
    if answer == "yes":
        return f"pressing it reproduced your pain at {where}"
    if answer == "partly":
        return f"pressing it partly reproduced your pain at {where}"
    return f"pressing it did not reproduce your pain at {where}"


def _pressed(score: float, evidence: float) -> float:
    if evidence > 0:
        return 1.0 - (1.0 - score) * float(0.5**evidence)
    if evidence < 0:
        return score * float(0.5 ** (-evidence))
    return score


def apply_press_answers(
    sources: Sequence[Source],
    answers: Mapping[PressKey, str] | None,
    areas: Collection[int] = frozenset(),
) -> tuple[Source, ...]:
    """The sources re-ranked by the press-test answers (see the module's rule), each answer
    added to its source's reasons. Answers about sources not listed change nothing.

    Examples
    --------
    >>> a = Source("gluteus_medius", "right", 0.8, "Gluteus medius", ())
    >>> b = Source("gluteus_minimus", "right", 0.6, "Gluteus minimus", ())
    >>> [s.muscle for s in apply_press_answers((a, b), {(0, "gluteus_minimus", "right"): "yes"})]
    ['gluteus_minimus', 'gluteus_medius']
    """
    if not answers:
        return tuple(sources)
    for answer in answers.values():
        if answer not in ANSWER_WEIGHTS:
            raise ValueError(f"unknown press-test answer {answer!r} (yes, partly or no)")
    by_source: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for (spot, muscle, side), answer in sorted(answers.items()):
        by_source.setdefault((muscle, side), []).append((spot, answer))
    out: list[tuple[float, int, Source]] = []
    for rank, source in enumerate(sources):
        found = by_source.get((source.muscle, press_side(source.side)))
        if not found:
            out.append((source.score, rank, source))
            continue
        evidence = sum(ANSWER_WEIGHTS[answer] for _spot, answer in found)
        reasons = tuple(
            Reason(spot, PRESS_KIND, None, press_text(answer, spot, spot in areas), answer)
            for spot, answer in found
        )
        score = _pressed(source.score, evidence)
        out.append((score, rank, replace(source, score=score, reasons=reasons + source.reasons)))
    out.sort(key=lambda entry: (-entry[0], entry[1]))
    return tuple(source for _score, _rank, source in out)


@dataclass(frozen=True, slots=True)
class PressQuestion:
    """One press test the panel offers: press ``muscle``'s trigger point at ``site``
    (view, x, y) — does it reproduce the pain at spot index ``spot``?"""

    muscle: str
    side: str
    name: str
    spot: int
    site: tuple[str, float, float] | None

    @property
    def answer_side(self) -> str:
        return press_side(self.side)

    area: bool = False
    """The spot asked about is a painted area."""

    def text(self) -> str:
        where = spots_label([self.spot], {self.spot} if self.area else ())
        return f"Press the spot marked ⊕ for 10 s. Does it reproduce your pain at {where}?"


def _spot_for(source: Source, intensities: Sequence[float]) -> int | None:
    """The spot to ask about: of those the source explains, the most intense (first on a tie)."""
    spots = sorted({r.spot for r in source.reasons if r.kind != PRESS_KIND})
    if not spots:
        return None
    return max(spots, key=lambda i: (intensities[i] if i < len(intensities) else 0, -i))


def _site(source: Source, view: str) -> tuple[str, float, float] | None:
    same = [p for p in source.trigger_points if p[0] == view]
    points = same or list(source.trigger_points)
    return points[0] if points else None


def press_questions(
    sources: Sequence[Source],
    spot_views: Sequence[str],
    intensities: Sequence[float],
    top: int = PRESS_TOP,
    areas: Collection[int] = frozenset(),
    held: Collection[tuple[str, str]] = frozenset(),
) -> tuple[PressQuestion, ...]:
    """The press tests to offer: one for each of the ``top`` sources about the most intense
    spot it explains, and one for every answer already given about a listed source (so an
    answer stays visible and changeable after it has moved its source out of the top).
    A source ``held`` for a clinician's word (a tingling or numb limb) is not offered:
    pressing it hard is what that word must clear first."""
    out: list[PressQuestion] = []
    seen: set[tuple[str, str, int]] = set()
    pressable = [(s.muscle, s.side) for s in sources if (s.muscle, s.side) not in held]
    first = set(pressable[:top])
    for source in sources:
        answered = [r.spot for r in source.reasons if r.kind == PRESS_KIND]
        asked = list(answered)
        if (source.muscle, source.side) in first and not answered:
            spot = _spot_for(source, intensities)
            if spot is not None:
                asked.append(spot)
        for spot in asked:
            if (source.muscle, source.side, spot) in seen or spot >= len(spot_views):
                continue
            seen.add((source.muscle, source.side, spot))
            out.append(
                PressQuestion(
                    source.muscle,
                    source.side,
                    source.name,
                    spot,
                    _site(source, spot_views[spot]),
                    spot in areas,
                )
            )
    return tuple(out)
