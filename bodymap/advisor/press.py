"""The press test: "Press the spot marked ⊕ for 10 s. Does it reproduce your pain at spot N?"

Pain recognised on pressure is one of the more reliable trigger-point criteria (κ ≈ 0.58
between examiners), so the person's answers re-rank the sources after the ranking:

* each answer about a source at a spot counts ``yes`` +1, ``partly`` +½, ``no`` −1, summed
  per spot into ``e_i``;
* a spot's ``e_i < 0`` reaches the spots the same point serves (`same_site`: the point
  pressed for it is the one that would be pressed for them) and lowers only their parts
  of the score: with ``n_j`` the "no" weight reaching spot ``j`` and ``c_j = s · v_j / Σ v``
  its part (``v`` the source's ``evidence``, raw contributions per spot),
  ``s₀ = s − Σ c_j · (1 − ½^n_j)``, ``n_j`` the largest "no" reaching ``j`` (two answers
  about one point are one test). A "no" halves the parts the pressed point serves, and
  keeps what the muscle earns at spots another of its points serves: a muscle with one
  point to press (most) loses half its score, as one point gives its whole pattern, while
  a "no" at the medial gastrocnemius point says nothing of a spot the lateral head serves;
* the positive rest ``p = Σ e_i`` over the spots with ``e_i > 0`` lifts the score towards 1:
  ``s' = 1 − (1 − s₀) · ½^p`` (a "yes" halves the gap);
* the list is sorted again by the new score, ties keeping the ranking's order.

``s'`` grows with every ``e_i`` and the other sources keep their scores, so a "yes" never
lowers a source and a "no" never raises it; with no answers the ranking is returned
unchanged. A "no" about a spot the source does not explain (an answer left from before the
spot moved) changes nothing; a source without per-spot evidence (built by hand) counts its
whole score as one part. A point pressed by the person is a less reliable test than an
examiner's, so a "no" halves, no more. Each answer is also shown as a reason ("pressing it
reproduced your pain at spot 2").
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Protocol

import shapely

from bodymap.advisor.model import Reason, Source, spots_label
from bodymap.advisor.rollable import MARGIN, zone_margin
from bodymap.knowledge import CautionText, Knowledge
from bodymap.recent import keep
from bodymap.sides import side_for

if TYPE_CHECKING:
    from bodymap.atlas import ViewAtlas

__all__ = [
    "ANSWER_WEIGHTS",
    "NEAR_SITE",
    "PRESS_ANSWERS",
    "PRESS_KIND",
    "PRESS_TOP",
    "NoPressZones",
    "PressAnswerLike",
    "PressClear",
    "PressKey",
    "PressQuestion",
    "SiteOf",
    "answers_by_index",
    "apply_press_answers",
    "asked_spots",
    "keeps_fingers_out",
    "one_per_point",
    "press_margin",
    "press_questions",
    "press_side",
    "press_text",
    "same_site",
    "site_finder",
    "zone_margin",
]

PRESS_ANSWERS = ("yes", "partly", "no")
ANSWER_WEIGHTS = {"yes": 1.0, "partly": 0.5, "no": -1.0}
PRESS_KIND = "press"
"""The ``kind`` of a reason that reports a press-test answer."""
PRESS_TOP = 3
"""How many of the top sources the panel offers a press test for."""

NEAR_SITE = 60.0
"""Atlas units (about 10 cm): how far from the trigger-point site nearest a spot another
site of the same muscle may stand in for it when a zone not to press blocks it."""

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


def either(indices: Sequence[int], areas: Collection[int] = ()) -> str:
    """Spots named as alternatives, in order: "spot 2", "spot 1 or area 2", "spot 1, spot 2
    or spot 4" (a press test asks whether the pain at any of them is reproduced)."""
    names = [spots_label([i], areas) for i in sorted(set(indices))]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def press_text(
    answer: str,
    spot: int,
    area: bool = False,
    also: Sequence[int] = (),
    areas: Collection[int] = (),
) -> str:
    """The reason an answer gives, for spot index ``spot`` (a painted area if ``area``) and
    the spots ``also`` asked about with it (those of them in ``areas`` painted)."""
    where = either([spot, *also], {*(i for i in also if i in areas), *([spot] if area else [])})
    if answer == "yes":
        return f"pressing it reproduced your pain at {where}"
    if answer == "partly":
        return f"pressing it partly reproduced your pain at {where}"
    return f"pressing it did not reproduce your pain at {where}"


SiteOf = Callable[[Source, int], tuple[str, float, float] | None]
"""The point a source is pressed at for a spot index (`_site` for the spot's place), or
None when none may be pressed for it."""


def same_site(source: Source, spot: int, site_of: SiteOf | None) -> tuple[int, ...]:
    """The spots whose parts of ``source``'s score the point pressed for ``spot`` serves:
    ``spot`` and every other spot it explains for which the same point would be pressed
    (98 of 117 muscles have one point to press, and it gives the muscle's whole pattern)."""
    if site_of is None:
        return (spot,)
    site = site_of(source, spot)
    if site is None:
        return (spot,)
    return tuple(j for j, _part in source.evidence if j == spot or site_of(source, j) == site)


def asked_spots(source: Source, spot: int, site_of: SiteOf | None) -> tuple[int, ...]:
    """The spots a press test for ``spot`` asks about: ``spot``, then the others the same
    point serves (`same_site`) that the source explains well (:data:`ASK_SHARE` of the best
    of them). One point gives the muscle's whole pattern, so the question names them all."""
    return _well_served(source, spot, same_site(source, spot, site_of))


def _well_served(source: Source, spot: int, group: Sequence[int]) -> tuple[int, ...]:
    """``spot``, then those of ``group`` (the spots one point serves) the source explains
    well (:data:`ASK_SHARE` of the best of them)."""
    given = dict(source.evidence)
    best = max((given.get(j, 0.0) for j in group), default=0.0)
    return (spot, *(j for j in group if j != spot and given.get(j, 0.0) >= ASK_SHARE * best))


def one_per_point(
    source: Source, found: Sequence[tuple[int, str]] | None, site_of: SiteOf | None
) -> list[tuple[int, str]]:
    """The answers about ``source`` (spot, answer), one per point pressed: two answers about
    spots the same point serves (saved in a file or given through the API) are one test,
    and the one about the first spot it explains stands (physiotherapist review 3, round
    18). In spot order."""
    if not found:
        return []
    if site_of is None:
        return list(found)
    given = dict(source.evidence)
    kept: list[tuple[int, str]] = []
    seen: set[object] = set()
    # an answer about a spot the source explains first: one about a spot it no longer
    # explains (left from before the spot moved) never stands in for it
    for spot, answer in sorted(found, key=lambda item: (item[0] not in given, item[0])):
        point = site_of(source, spot)
        if point is not None and point in seen:
            continue
        seen.add(point if point is not None else ("spot", spot))
        kept.append((spot, answer))
    return sorted(kept)


def _reason_text(
    source: Source, spot: int, answer: str, site_of: SiteOf | None, areas: Collection[int]
) -> str:
    """An answer's reason: the spots the question named (`asked_spots`); after a "no", the
    spots it lowered that the question did not name (the same point serves them, though the
    muscle explains them less well), then those that still count, as another of its points
    serves them (a "no" that barely moved a muscle was not explained)."""
    group = same_site(source, spot, site_of)
    named = _well_served(source, spot, group)
    text = press_text(answer, spot, spot in areas, named[1:], areas)
    given = dict(source.evidence)
    if answer != "no" or spot not in given:
        return text
    lowered = [j for j in group if j not in named]
    if lowered:
        text += f" (this also lowers {spots_label(lowered, areas)}, which the same point serves)"
    best = max(given.values())
    kept = [j for j, part in given.items() if j not in group and part >= ASK_SHARE * best]
    if kept:
        verb = "counts" if len(kept) == 1 else "count"
        text += f" ({spots_label(kept, areas)}, served by another of its points, still {verb})"
    return text


def _pressed(source: Source, per_spot: Mapping[int, float], site_of: SiteOf | None) -> Source:
    """``source`` with its score (and the parts of it the spots a "no" reaches gave) as the
    answers ``per_spot`` (spot index → summed answer weight) leave them (see module)."""
    given = dict(source.evidence)
    total = sum(given.values())
    score = source.score
    against: dict[int, float] = {}  # spot → the "no" weight reaching its part
    for spot, e in per_spot.items():
        if e >= 0 or (given and spot not in given):
            continue  # a "yes", or a stale answer about a spot it no longer explains
        for j in same_site(source, spot, site_of) if given else (spot,):
            # two answers about one point are one test: the larger "no" counts, not both
            against[j] = max(against.get(j, 0.0), -e)
    if total > 0:
        for j, weight in against.items():
            kept = float(0.5**weight)
            score -= source.score * given[j] / total * (1.0 - kept)
            given[j] *= kept
    elif against:  # built by hand, without per-spot parts: the whole score is the part
        score *= float(0.5 ** max(against.values()))
    score = max(0.0, score)
    lift = sum(e for e in per_spot.values() if e > 0)
    if lift > 0:
        score = 1.0 - (1.0 - score) * float(0.5**lift)
    return replace(source, score=score, evidence=tuple(given.items()))


def apply_press_answers(
    sources: Sequence[Source],
    answers: Mapping[PressKey, str] | None,
    areas: Collection[int] = frozenset(),
    site_of: SiteOf | None = None,
) -> tuple[Source, ...]:
    """The sources re-ranked by the press-test answers (see the module's rule), each answer
    added to its source's reasons. Answers about sources not listed change nothing.
    ``site_of`` gives the point pressed for a spot: a "no" reaches every spot the same
    point serves (without it, only the spot asked about).

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
        found = one_per_point(
            source, by_source.get((source.muscle, press_side(source.side))), site_of
        )
        if not found:
            out.append((source.score, rank, source))
            continue
        per_spot = {spot: ANSWER_WEIGHTS[answer] for spot, answer in found}  # one a spot
        reasons = tuple(
            Reason(
                spot, PRESS_KIND, None, _reason_text(source, spot, answer, site_of, areas), answer
            )
            for spot, answer in found
        )
        pressed = _pressed(source, per_spot, site_of)
        out.append((pressed.score, rank, replace(pressed, reasons=reasons + source.reasons)))
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

    @property
    def point_side(self) -> str:
        """The side of the point to press: the source's side, or for a source listed for
        both sides the side its ⊕ lies on (midline for a point on the spine)."""
        if self.side in ("both", "midline") and self.site is not None:
            return side_for(self.site[0], self.site[1])
        return self.side

    area: bool = False
    """The spot asked about is a painted area."""
    caveat: str = ""
    """What a "yes" does not rule out, where the spot raises a warning (the flag's
    ``press_caveat``): said after the question."""
    also: tuple[int, ...] = ()
    """The other spots the same point serves that the source explains well (`asked_spots`):
    the question names them too, and a "no" reaches them all."""
    also_areas: frozenset[int] = frozenset()
    """Those of ``also`` that are painted areas."""

    def where(self) -> str:
        """The spots asked about: "spot 2", "spot 1 or area 2"."""
        return either(
            [self.spot, *self.also], {*self.also_areas, *([self.spot] if self.area else [])}
        )

    def text(self) -> str:
        where = self.where()
        question = f"Press the spot marked ⊕ for 10 s. Does it reproduce your pain at {where}?"
        return f"{question} {self.caveat}" if self.caveat else question


ASK_SHARE = 0.5
"""A press test asks about a spot the source explains at least this share as well as the
spot it explains best (its part of the score there)."""


def _spot_for(source: Source, intensities: Sequence[float]) -> int | None:
    """The spot to ask about: of those the source explains well (:data:`ASK_SHARE`), the
    most intense; on a tie the one it explains best, then the first. Gluteus minimus was
    asked about a low-back area it lay under by 1 %, the more intense, rather than the
    outer-thigh area its main zone covers whole: the answer said nothing about the area
    it is the thigh's textbook source for."""
    spots = sorted({r.spot for r in source.reasons if r.kind != PRESS_KIND})
    if not spots:
        return None
    given = dict(source.evidence)
    strongest = max(given.get(i, 0.0) for i in spots)
    fair = [i for i in spots if given.get(i, 0.0) >= ASK_SHARE * strongest] or spots

    def key(i: int) -> tuple[float, float, int]:
        return (intensities[i] if i < len(intensities) else 0, given.get(i, 0.0), -i)

    return max(fair, key=key)


PressClear = Callable[[str, float, float], bool]
"""Whether a finger may press at (view, x, y): clear of every zone not to press."""


def keeps_fingers_out(text: CautionText | None) -> bool:
    """Whether a caution zone is one not to press with a finger: a ``danger`` zone (vessels,
    nerves, organs) that keeps every tool out, or the hands among them. A zone the data does
    not describe counts as one. The back of the neck keeps only a ball and a roller out:
    fingertips may press there."""
    if text is None:
        return True
    return text.kind == "danger" and text.keeps_out("hands")


def press_margin(text: CautionText | None) -> float:
    """How far (atlas units) a press test's point stays from a caution zone: the zone's own
    ``press_margin`` where the data gives one, else its roll margin (:func:`zone_margin`)."""
    if text is not None and text.press_margin is not None:
        return float(text.press_margin)
    return zone_margin(text)


RECENT_SITES = 4096
"""How many points' answers a :class:`NoPressZones` keeps (the atlas has about 600 sites)."""


class NoPressZones:
    """The caution zones a press test's ⊕ must stay clear of, each by its press margin
    (:func:`press_margin`), per view.

    The press test asks for 10 s of firm finger pressure, so its point keeps out of every
    zone a finger must not press (`keeps_fingers_out`) as far as a roller does.
    """

    def __init__(self, atlas: Mapping[str, ViewAtlas], knowledge: Knowledge) -> None:
        self._zones: dict[str, tuple[tuple[str, ...], tuple[float, ...], shapely.STRtree]] = {}
        self._widest = MARGIN
        self._clear: dict[tuple[str, float, float], bool] = {}
        for view, va in atlas.items():
            zones = [
                z for z in va.layer("caution") if keeps_fingers_out(knowledge.cautions.get(z.id))
            ]
            margins = tuple(press_margin(knowledge.cautions.get(z.id)) for z in zones)
            self._widest = max((self._widest, *margins))
            tree = shapely.STRtree([z.geometry for z in zones])
            self._zones[view] = (tuple(z.id for z in zones), margins, tree)

    def too_close(self, view: str, x: float, y: float) -> tuple[str, ...]:
        """The zones of ``view`` that (x, y) lies in or within its margin of."""
        found = self._zones.get(view)
        if found is None:
            return ()
        ids, margins, tree = found
        point = shapely.Point(x, y)
        near = tree.query(point, predicate="dwithin", distance=self._widest)
        return tuple(
            ids[int(i)]
            for i in sorted(near)
            if shapely.distance(tree.geometries[int(i)], point) < margins[int(i)]
        )

    def clear(self, view: str, x: float, y: float) -> bool:
        """Whether a finger may press at (x, y) in ``view``. Asked about the same few
        trigger-point sites on every click, so the answers are kept."""
        key = (view, x, y)
        known = self._clear.get(key)
        if known is None:
            known = keep(self._clear, key, not self.too_close(view, x, y), RECENT_SITES)
        return known


def _site(
    source: Source, view: str, at: tuple[float, float], clear: PressClear
) -> tuple[str, float, float] | None:
    """The point to press for a spot at ``at`` in ``view``: of the source's trigger-point
    sites (those in the spot's view, else all), the one nearest the spot serves it; if a
    zone not to press blocks it, a clear site within :data:`NEAR_SITE` of it may stand in.
    A far site of the same muscle is never offered instead (a neck spot is not asked about
    by pressing the low back's multifidus): None then, and the next source is asked."""
    x, y = at
    same = [p for p in source.trigger_points if p[0] == view]
    if same:
        serving = min(same, key=lambda p: (p[1] - x) ** 2 + (p[2] - y) ** 2)
    elif source.trigger_points:
        # the muscle's points are all in the other view: the one nearest the spot's level
        serving = min(source.trigger_points, key=lambda p: abs(p[2] - y))
    else:
        return None

    def gap(p: tuple[str, float, float]) -> float:
        return math.hypot(p[1] - serving[1], p[2] - serving[2]) if p[0] == serving[0] else math.inf

    near = sorted((p for p in source.trigger_points if gap(p) <= NEAR_SITE), key=gap)
    return next((p for p in near if clear(*p)), None)


def site_finder(
    spot_views: Sequence[str],
    spots_at: Sequence[tuple[float, float]],
    clear: PressClear,
    unpressed: Collection[int] = frozenset(),
) -> SiteOf:
    """The point pressed for a source at each spot index (`_site`), None for a spot no
    question is asked about (``unpressed``) or not listed. Each (source, spot) is worked out
    once: an answer's reason, its score and the questions all ask which spots a point
    serves."""
    found: dict[tuple[str, str, int], tuple[str, float, float] | None] = {}

    def site_of(source: Source, spot: int) -> tuple[str, float, float] | None:
        if spot >= len(spot_views) or spot in unpressed:
            return None
        key = (source.muscle, source.side, spot)
        if key not in found:
            found[key] = _site(source, spot_views[spot], spots_at[spot], clear)
        return found[key]

    return site_of


def press_questions(
    sources: Sequence[Source],
    spot_views: Sequence[str],
    intensities: Sequence[float],
    top: int = PRESS_TOP,
    areas: Collection[int] = frozenset(),
    held: Collection[tuple[str, str]] = frozenset(),
    *,
    clear: PressClear,
    spots_at: Sequence[tuple[float, float]],
    unpressed: Collection[int] = frozenset(),
    caveats: Mapping[int, str] | None = None,
) -> tuple[PressQuestion, ...]:
    """The press tests to offer: one for each of the ``top`` sources about the most intense
    spot it explains, and one for every answer already given about a listed source (so an
    answer stays visible and changeable after it has moved its source out of the top).

    A test is offered only with a point to press that ``clear`` allows (`NoPressZones`:
    never in or near a zone not to press) and that serves the spot asked about (`_site`,
    ``spots_at`` giving each spot's point); a source with none is not asked about and
    leaves its place to the next. A source ``held`` for a clinician's word (a tingling or
    numb limb) is never asked about: pressing it hard is what that word must clear first.
    No question is asked about an ``unpressed`` spot (`press_test_withheld`: the heart
    warning on the chest); a source is then asked about the most intense other spot it
    explains well (:data:`ASK_SHARE`), or not at all when it explains no other so well. A
    question about a spot in ``caveats`` says its caveat (the flag's ``press_caveat``)."""
    caveats = caveats or {}
    if unpressed:  # never the spot to ask about
        intensities = [-1.0 if i in unpressed else v for i, v in enumerate(intensities)]
    out: list[PressQuestion] = []
    seen: set[tuple[str, str, int]] = set()

    site_for = site_finder(spot_views, spots_at, clear, unpressed)

    # the top sources with a point to press for their most intense spot: (spot, point)
    first: dict[tuple[str, str], tuple[int, tuple[str, float, float]]] = {}
    for source in sources:
        if len(first) == top:
            break
        key = (source.muscle, source.side)
        spot = _spot_for(source, intensities)
        if key in held or spot is None or spot >= len(spot_views) or spot in unpressed:
            continue
        site = site_for(source, spot)
        if site is not None:
            first[key] = (spot, site)
    for source in sources:
        key = (source.muscle, source.side)
        if key in held:
            continue
        answered = [r.spot for r in source.reasons if r.kind == PRESS_KIND]
        asked: list[tuple[int, tuple[str, float, float] | None]] = []
        if answered:
            asked = [(spot, None) for spot in answered]
        elif key in first:
            asked = [first[key]]
        for spot, known in asked:
            if (*key, spot) in seen or spot >= len(spot_views) or spot in unpressed:
                continue
            site = known or site_for(source, spot)
            if site is None:
                continue
            seen.add((*key, spot))
            also = asked_spots(source, spot, site_for)[1:]
            out.append(
                PressQuestion(
                    source.muscle,
                    source.side,
                    source.name,
                    spot,
                    site,
                    spot in areas,
                    caveats.get(spot, ""),
                    also,
                    frozenset(also).intersection(areas),
                )
            )
    return tuple(out)
