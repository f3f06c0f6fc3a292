"""Turn ranked sources into a rolling routine the person can follow on the mat.

Every spot gets an answer: first each spot gets the best rollable source on its own side
(strongest spots first; a painted area across the midline one on each side), then the
other strong sources follow. The chosen length (short about 5 minutes, standard about 15,
full everything) keeps steps in that order while they fit, and what it leaves out is
listed, never dropped silently. A source that cannot be rolled (no tool, or no room clear
of the caution zones) goes to ``not_rolled`` with what to do instead, whenever it is listed
among the likely sources (also one too weak for a step of its own), and so does one a
clinician must clear first: a source of a tingling or numb spot, or one whose roll zone
(or, for one that cannot be rolled, its region) lies on a limb marked tingling or numb, is
never a step and gets no stretch instead (it is not worked without a clinician's word).
Steps are grouped by body position in a fixed order (standing, wall, seated, on the back,
on the side, face down) so nobody gets up and down between them.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from bodymap.advisor.cautions import NERVE_KINDS, NOTE_REACH, OUTSIDE_BODY, pattern_spots
from bodymap.advisor.model import (
    LENGTHS,
    CautionNote,
    HeldPlace,
    LeftOut,
    NotRolled,
    RollingStep,
    Routine,
    Source,
    SpotLike,
    WarmupStep,
)
from bodymap.advisor.ranking import SCORE_DIGITS, listed
from bodymap.advisor.tables import Tables
from bodymap.knowledge import POSITIONS, Knowledge, SafetyText

if TYPE_CHECKING:
    from bodymap.advisor.rollable import RollZone
    from bodymap.atlas import Hit

__all__ = [
    "BUDGET_S",
    "STEP_SHARE",
    "WARMUP_PASSES",
    "Coverage",
    "build_routine",
    "marked_words",
    "nerve_parts",
    "not_rolled_here",
    "step_seconds",
    "warmup_steps",
]

STEP_SHARE = 0.35
"""A source earns a step when its score is at least this share of the best score."""
OWN_SHARE = 0.5
"""A spot's own step goes to the best-ranked source that explains that spot at least this
share as well as the spot's most likely source on its own does."""
BUDGET_S: Mapping[str, int | None] = {"short": 5 * 60, "standard": 15 * 60, "full": None}
"""The time each routine length may fill, at the middle of each step's timing."""
_FULL_EXTRAS = 15
_WARMUP_TOOLS = ("foam_roller", "ball")
WARMUP_PASSES = 4
"""The short before/after-exercise version's passes at most (a step for both sides is
two): the mat's warm-up preset allows as many (``max_passes``)."""
_WARMUP_BUDGET_S = 150


@dataclass(frozen=True, slots=True)
class Coverage:
    """For one spot: the steps that serve it, or why none does."""

    covered_by: tuple[int, ...]
    reason: str | None


def step_seconds(knowledge: Knowledge, muscle: str) -> int:
    """A step's middle time: some seconds on the point, then minutes rolling around it."""
    tech = knowledge.muscles[muscle].technique
    return (sum(tech.around_min) * 60 + sum(tech.on_point_s)) // 2


def _side_ok(source_side: str, spot_side: str) -> bool:
    return spot_side == "midline" or source_side in (spot_side, "both", "midline")


def warmup_steps(
    steps: Sequence[RollingStep], picked: Mapping[tuple[str, str], int]
) -> list[RollingStep]:
    """The short before/after-exercise version of a routine: its roller and ball steps,
    each spot's own step first (``picked``: the order the routine chose them in), while
    they fit :data:`WARMUP_PASSES` passes, in run order. The mat's warm-up takes the same
    steps first (`bodymap.session.plan_session`), so the page and the mat agree, and an
    area's own step is not left out for a second step on another."""
    rollable = [s for s in steps if s.tool in _WARMUP_TOOLS]
    kept: set[tuple[str, str]] = set()
    passes = 0
    for step in sorted(rollable, key=lambda s: picked.get((s.muscle, s.side), len(picked))):
        more = 2 if step.side == "both" and not step.both_sides else 1
        if passes + more <= WARMUP_PASSES:
            kept.add((step.muscle, step.side))
            passes += more
    return [s for s in rollable if (s.muscle, s.side) in kept]


def _beyond_spillover(source: Source) -> frozenset[int]:
    """The spots ``source`` explains by more than its spillover zone: it lies there or right
    next to it, its main zone reaches them, or a press test there said yes."""
    return frozenset(
        r.spot
        for r in source.reasons
        if r.answer != "no" and not (r.kind == "referred" and r.zone == "spillover")
    )


def _on_sides(source_side: str, spot_sides: Sequence[str]) -> bool:
    """Whether a source on ``source_side`` works a spot on any of ``spot_sides``."""
    return any(_side_ok(source_side, side) for side in spot_sides)


UNDER_AREA_STEP = 0.5
"""A surface muscle lying under this share of a painted area gets a step of its own."""


def _under_areas(source: Source) -> set[int]:
    """The painted areas (spot indices) this surface muscle lies under by half or more."""
    return {
        r.spot
        for r in source.reasons
        if r.kind == "local" and r.share is not None and r.share >= UNDER_AREA_STEP
    }


def _served(source: Source) -> tuple[int, ...]:
    return tuple(sorted({r.spot for r in source.reasons if r.answer != "no"}))


def _spot_parts(
    hits: Sequence[Hit], spots: Sequence[SpotLike], tables: Tables
) -> dict[int, set[tuple[str, str]]]:
    """For each tingling or numb spot on the body (by index), the (body part, side) it marks."""
    out: dict[int, set[tuple[str, str]]] = {}
    for i, (hit, spot) in enumerate(zip(hits, spots, strict=True)):
        if hit.inside and spot.kind in NERVE_KINDS:
            out[i] = {
                (tables.part_of[s.id], s.side) for s in hit.segments if s.id in tables.part_of
            }
    return out


def _burning_limbs(
    hits: Sequence[Hit], spots: Sequence[SpotLike], tables: Tables, limbs: frozenset[str]
) -> set[int]:
    """The burning spots (indices) that lie on one of the ``limbs``."""
    return {
        i
        for i, (hit, spot) in enumerate(zip(hits, spots, strict=True))
        if hit.inside
        and spot.kind == "burning"
        and any(tables.part_of.get(s.id) in limbs for s in hit.segments)
    }


def nerve_parts(
    hits: Sequence[Hit], spots: Sequence[SpotLike], tables: Tables
) -> frozenset[tuple[str, str]]:
    """Every (body part, side) a tingling or numb spot marks: nothing there is rolled, or
    rolled around, without a clinician's word."""
    return frozenset(p for parts in _spot_parts(hits, spots, tables).values() for p in parts)


_SIDES = ("right", "left")


def _alternatives(name: str) -> list[str]:
    """A body part's name as the places it stands for ("chest or belly")."""
    return [w.strip() for w in name.replace(" or ", ", ").split(",") if w.strip()]


def marked_words(marks: Iterable[tuple[str, str]], knowledge: Knowledge) -> dict[str, str]:
    """The words a safety sentence takes for the (body part, side) pairs a spot marks:
    ``side`` ("right", "left or right", or empty for the middle of the body) and ``part``,
    every place one list joined with "or" ("leg", "back or leg",
    "chest, belly or leg"), so the sentence reads "your right back or leg"."""
    marks = set(marks)
    sides = [s for s in _SIDES if any(side == s for _, side in marks)]
    places: list[str] = []
    for body_part in knowledge.body_parts:
        if any(pid == body_part.id for pid, _ in marks):
            places += [w for w in _alternatives(body_part.name) if w not in places]
    if not places:
        places = ["area"]
    words = places[0] if len(places) == 1 else f"{', '.join(places[:-1])} or {places[-1]}"
    return {"side": " or ".join(sides), "part": words}


def _fill(template: str, **words: str) -> str:
    """``template`` with ``words`` in it; an empty word leaves no double space."""
    return " ".join(template.format(**words).split())


class _Builder:
    def __init__(
        self,
        ranked: Sequence[Source],
        hits: Sequence[Hit],
        spots: Sequence[SpotLike],
        tables: Tables,
        notes: Mapping[int, Sequence[CautionNote]],
        length: str,
        withheld: Mapping[str, str],
    ) -> None:
        if length not in LENGTHS:
            raise ValueError(f"unknown routine length {length!r} (one of {', '.join(LENGTHS)})")
        self.ranked, self.hits, self.spots, self.tables = ranked, hits, spots, tables
        self.knowledge = tables.knowledge
        safety = self.knowledge.safety
        if safety is None:
            raise ValueError("the knowledge tables lack the [safety] texts")
        self.safety: SafetyText = safety
        self.notes, self.length = notes, length
        self.zones = tables.roll_zones
        self.not_rolled: dict[tuple[str, str], tuple[Source, set[int]]] = {}
        self.held: dict[tuple[str, str], str] = {}
        """Sources a clinician must clear first (tingling or numbness), with why."""
        self.held_at: dict[tuple[str, str], tuple[str, str]] = {}
        """For each held source, the (side, part) words of the place that holds it."""
        self.eased: set[tuple[str, str]] = set()
        """Muscles beside the spine rolled for a back spot, though the leg is held: their
        steps carry the stop rule."""
        self.nerve = _spot_parts(hits, spots, tables)
        self.own: set[tuple[str, str]] = set()
        """The sources a spot's own step went to (filled in by `picks`)."""
        self.spine_spots, self.spine_parts = self._beside_spine()
        self.withheld = withheld
        """Muscles and zones whose stretch is not offered instead, with the stop rule."""
        self.burning = _burning_limbs(hits, spots, tables, self.safety.limbs)
        """Burning spots on a limb: their steps carry the stop cue."""
        self._served: dict[int, tuple[Source, tuple[int, ...]]] = {}

    def served(self, source: Source) -> tuple[int, ...]:
        """The spots ``source`` serves (`_served`), worked out once per source: on a
        1,000-spot map a source carries hundreds of reasons, and the routine asks about one
        source many times (kept by identity, with the source, so an id is never reused)."""
        kept = self._served.get(id(source))
        if kept is None or kept[0] is not source:
            kept = self._served[id(source)] = (source, _served(source))
        return kept[1]

    def _beside_spine(self) -> tuple[frozenset[int], frozenset[str]]:
        """The spots making up the back-and-leg picture (none when it is not met) and the
        body parts (the leg) its tingling or numb spot lies on."""
        k = self.knowledge
        pattern = next((p for p in k.patterns if p.id == k.beside_spine_pattern), None)
        if pattern is None or not self.nerve:
            return frozenset(), frozenset()
        met = frozenset(pattern_spots(pattern, self.spots, self.hits, k, self.tables.part_core))
        parts = frozenset(
            part for need in pattern.spots if need.kinds & NERVE_KINDS for part in need.parts
        )
        return met, parts

    def _spine_marks(self, source: Source, served: set[int]) -> bool:
        """Whether the source is a muscle beside the spine serving the back spot of a met
        back-and-leg picture: the leg's marks do not hold it (the stop rule does)."""
        return (
            source.muscle in self.knowledge.beside_spine
            and bool(self.spine_parts)
            and any(j in self.spine_spots and j not in self.nerve for j in served)
        )

    def _skip(self, source: Source, spots: Sequence[int]) -> None:
        entry = self.not_rolled.setdefault((source.muscle, source.side), (source, set()))
        entry[1].update(spots)

    def may_roll(self, source: Source) -> bool:
        """Whether a source may get a step: it can be rolled, and no tingling or numb spot
        asks for a clinician's word first. Such a source is held, with why, whether it can
        be rolled or not: its press test and the stretch offered instead wait too."""
        key = (source.muscle, source.side)
        if key in self.held:
            return False
        why = self._check_first(source) if self.nerve else ""
        if why:
            self.held[key] = why
            return False
        return self.zones.is_rollable(source.muscle, source.side)

    def _places(self, source: Source) -> list[tuple[str, Any]]:
        """Where a source would be worked, per view: its roll zones (every view) if it can
        be rolled, else every region of it the atlas draws (pressed or stretched there)."""
        if self.zones.is_rollable(source.muscle, source.side):
            # every view's zone, as "Also roll around" tests it: one rule on every map
            return [(z.view, z.geometry) for z in self.zones.every_view(source.muscle, source.side)]
        sides = ("right", "left") if source.side == "both" else (source.side,)
        return [
            (view, region.geometry)
            for view, va in self.tables.atlas.items()
            for side in (*sides, "midline")
            for region in va.find(source.muscle, side)
            if region.layer in ("superficial", "deep")
        ]

    def picks(self) -> list[Source]:
        """Sources in the order they earn a step: one per spot first (the best-ranked one
        that explains that spot well, see :data:`OWN_SHARE`), then the strong ones."""
        by_spot: dict[int, list[Source]] = {}
        under_area: dict[int, list[Source]] = {}
        # the sides each spot's own steps are picked on: a painted area across the midline
        # gets a step on either side, as its two halves rank their own side's muscles
        sides = [hit.own_sides for hit in self.hits]
        # the most a source serving a spot gets from it, by (spot, side)
        best_at: dict[tuple[int, str], float] = {}
        # each source's part of the score by spot, rounded as the ranking rounds scores (a
        # mirrored map, mirrored steps): made once for a ranked source here, and for a
        # source merged to both sides when first asked about
        given: dict[tuple[str, str], dict[int, float]] = {}

        def rounded(source: Source) -> dict[int, float]:
            return {i: round(value, SCORE_DIGITS) for i, value in source.evidence}

        for source in self.ranked:
            served = self.served(source)
            for i in served:
                by_spot.setdefault(i, []).append(source)
            for i in _under_areas(source):
                under_area.setdefault(i, []).append(source)
            serves = set(served)
            table = given[(source.muscle, source.side)] = rounded(source)
            for i, value in table.items():
                if i not in serves:
                    continue
                for side in sides[i]:
                    if _side_ok(source.side, side):
                        key = (i, side)
                        best_at[key] = max(best_at.get(key, 0.0), value)

        def best(spot: int) -> float:
            return max((best_at.get((spot, side), 0.0) for side in sides[spot]), default=0.0)

        def at(source: Source, spot: int) -> float:
            key = (source.muscle, source.side)
            table = given.get(key)
            if table is None:
                table = given[key] = rounded(source)
            return table.get(spot, 0.0)

        # the spots each source explains by more than its spillover zone, made once
        main: dict[tuple[str, str], frozenset[int]] = {}

        def beyond_spillover(source: Source, spot: int) -> bool:
            key = (source.muscle, source.side)
            spots = main.get(key)
            if spots is None:
                spots = main[key] = _beyond_spillover(source)
            return spot in spots

        out: dict[tuple[str, str], Source] = {}
        # a both-sides pair merged once a side, not once for every spot it serves (a
        # 1,000-spot map asked for the same pair hundreds of times): while the steps are
        # picked nothing it depends on changes, but what it sets itself
        pairs: dict[tuple[str, str], Source | None] = {}

        def add(source: Source, own: bool = False) -> None:
            if self.at_once(source):  # one step works both sides: the pair as one source
                key = (source.muscle, source.side)
                if key not in pairs:
                    pairs[key] = self.both_sides(source)
                merged = pairs[key]
                if merged is None and not self.may_roll(source):
                    self._skip(source, self.served(source))  # it would press the held side
                    return
                source = merged or source
            out.setdefault((source.muscle, source.side), source)
            if own:  # a spot's own step
                self.own.add((source.muscle, source.side))

        order = sorted(
            (i for i, h in enumerate(self.hits) if h.inside),
            key=lambda i: (-self.spots[i].intensity, i),
        )
        upgrades: list[Source] = []
        for i in order:
            # on each of its sides, the best-ranked source that explains this spot well:
            # at least OWN_SHARE of what the spot's own most likely source there gets from
            # it (one ranked high for other spots may explain this one little: an
            # outer-thigh area beside a back spot). One that reaches the spot by its
            # spillover zone alone (a neck muscle's spillover on the shoulder blade) is
            # followed, once every spot has a step, by the best-ranked one that lies there
            # or whose main zone reaches it: no spot's second step comes ahead of another
            # spot's first in a short routine's little time
            for side in sides[i]:
                here = [s for s in by_spot.get(i, ()) if _side_ok(s.side, side)]
                enough = OWN_SHARE * best_at.get((i, side), 0.0)
                first: Source | None = None
                better: Source | None = None
                belly: Source | None = None  # enough, but deep in the belly: after the rest
                weak: Source | None = None
                for source in here:
                    if not self.may_roll(source):
                        if first is None:
                            self._skip(source, (i,))
                    elif at(source, i) < enough:
                        weak = weak or source
                    elif self.fills_last(source):
                        belly = belly or source
                    else:
                        first = first or source
                        if beyond_spillover(source, i):
                            better = source
                            break
                pick = first or belly or weak
                if pick is not None:
                    add(pick, own=True)
                if better is not None and better is not first:
                    upgrades.append(better)
            # a surface muscle under at least half of a painted area is rolled where it
            # hurts, whatever its referral ranking (the area's shape favours referrers)
            for source in under_area.get(i, ()):
                if self.may_roll(source):
                    add(source)
                elif (source.muscle, source.side) in self.held:
                    self._skip(source, (i,))
        for source in upgrades:
            add(source, own=True)
        if self.ranked:
            floor = self.ranked[0].score * STEP_SHARE
            extras = (
                self.ranked[:_FULL_EXTRAS]
                if self.length == "full"
                else [s for s in self.ranked if s.score >= floor]
            )
            if self.length == "standard":
                # those that explain some spot well fill the time first, the others after
                # (while time is left, else "no time for"): a source ranked high overall
                # that explains no spot well waits behind a spot's second textbook source
                def explains_well(source: Source) -> bool:
                    return any(at(source, i) >= OWN_SHARE * best(i) for i in self.served(source))

                # deep pressure into the belly (iliopsoas) comes after the others: not a
                # first choice for back pain, which an aortic aneurysm can cause
                extras = sorted(extras, key=lambda s: (not explains_well(s), self.fills_last(s)))
            elif self.length == "short":  # in ranking order, but the belly work last here too
                extras = sorted(extras, key=self.fills_last)
            for source in extras:
                if self._covered(source, out):
                    continue  # its catch-all's step works it, or it is one such step's part
                if self.may_roll(source):
                    add(source)
                else:
                    self._skip(source, self.served(source))
        # every likely source shown that cannot be rolled (no room, no tool, or held for a
        # clinician's word) says what to do instead, also one too weak for a step of its
        # own: a press answer that raised another source must not take "do not roll the
        # front of the neck" away from one still shown
        for source in listed(self.ranked):
            if not self.may_roll(source):
                self._skip(source, self.served(source))
        chosen = list(out.values())
        if chosen and all(self.fills_last(s) and not self._serves_front(s) for s in chosen):
            # belly work alone for back pain (every back muscle held, or none explains it):
            # no step; each spot says none is rolled and to see a clinician if it lasts
            return []
        return chosen

    def _serves_front(self, source: Source) -> bool:
        """Whether the source serves a spot on the front view (the belly, the groin)."""
        return any(self.hits[i].view == "front" for i in self.served(source))

    def fills_last(self, source: Source) -> bool:
        """Whether the source is worked deep in the belly (`Technique.fills_last`): a
        spot's own step only when nothing else explains the spot well enough, and in a
        routine's spare time after the rest."""
        return self.knowledge.muscles[source.muscle].technique.fills_last

    def at_once(self, source: Source) -> bool:
        """Whether the source's technique works both sides at once (two balls either side
        of the spine) and it is one side's source."""
        technique = self.knowledge.muscles[source.muscle].technique
        return technique.both_sides and source.side in _SIDES

    def both_sides(self, source: Source) -> Source | None:
        """One side's source of a both-sides-at-once technique as the pair's: side "both",
        with the reasons and the part of the score by spot of either side (a step "under
        your left lumbar erector spinae" contradicted its own words, one ball either side
        of the spine; and the other side was listed as a second step of the same action).
        None when a side may not be rolled: the balls would press it too, so when the
        other side waits for a clinician's word this side's source is held with it (a
        right low-back ache beside a tingling left low back is not worked with two balls).
        The pair's step keeps a side's stop rule (`eased`)."""
        ranked = {s.side: s for s in self.ranked if s.muscle == source.muscle and s.side in _SIDES}
        # a side no spot points to is checked all the same: the balls lie on it
        pair = [
            ranked.get(side) or Source(source.muscle, side, 0.0, source.name, ()) for side in _SIDES
        ]
        blocked = [one for one in pair if not self.may_roll(one)]
        if blocked:
            other = (blocked[0].muscle, blocked[0].side)
            key = (source.muscle, source.side)
            if other in self.held and key not in self.held:
                self.held[key] = self.held[other]
                if other in self.held_at:
                    self.held_at[key] = self.held_at[other]
            return None
        if any((one.muscle, one.side) in self.eased for one in pair):
            self.eased.add((source.muscle, "both"))
        evidence: dict[int, float] = {}
        for one in pair:
            for spot, value in one.evidence:
                evidence[spot] = max(evidence.get(spot, 0.0), value)
        return dataclasses.replace(
            source,
            side="both",
            score=max(one.score for one in pair),
            reasons=tuple(r for one in pair for r in one.reasons),
            trigger_points=tuple(dict.fromkeys(t for one in pair for t in one.trigger_points)),
            evidence=tuple(sorted(evidence.items())),
        )

    def _covered(self, source: Source, chosen: Mapping[tuple[str, str], Source]) -> bool:
        """Whether a step already chosen on the source's side works it too: the catch-all
        it is a named part of ("hand muscles" for adductor pollicis), or a named part of
        the catch-all it is, or one step for both sides of its muscle. The time then goes
        to another source."""
        if self.at_once(source) and (source.muscle, "both") in chosen:
            return True
        muscles = self.knowledge.muscles
        own = muscles[source.muscle].stands_for
        for muscle, side in chosen:
            if side != source.side:
                continue
            if source.muscle in muscles[muscle].stands_for or muscle in own:
                return True
        return False

    def _check_first(self, source: Source) -> str:
        served = set(self.served(source))
        places: list[tuple[str, Any]] | None = None
        spine = self._spine_marks(source, served)
        eased = False
        held: list[tuple[str, str]] = []
        for i, parts in self.nerve.items():
            # a source of the spot is held for every limb the spot marks on its side;
            # another source for the marked limbs its roll zone (or region) lies on
            marks = [(part_id, side) for part_id, side in parts if _side_ok(source.side, side)]
            if spine and i in self.spine_spots:
                # beside the spine, for the back spot: the leg does not hold it
                kept = [
                    (part_id, side) for part_id, side in marks if part_id not in self.spine_parts
                ]
                eased = eased or len(kept) < len(marks)
                marks = kept
            if i not in served and marks:
                places = self._places(source) if places is None else places
                through = self.knowledge.muscles[source.muscle].held_with
                marks = [
                    (part_id, side)
                    for part_id, side in marks
                    if part_id in through  # its nerve plexus runs to the marked limb
                    or any(
                        self.tables.part_touches(view, part_id, side, geometry)
                        for view, geometry in places
                    )
                ]
            held += [mark for mark in marks if mark not in held]
        if held:
            # every marked place that holds it: a source merged to both sides, held by a
            # numb right foot and a numb left foot, names both ("your right and left leg")
            words = marked_words(held, self.knowledge)
            if len({side for _, side in held} & set(_SIDES)) == 2:
                words["side"] = " and ".join(_SIDES)
            self.held_at[(source.muscle, source.side)] = (words["side"], words["part"])
            return _fill(self.safety.check_first, **words)
        if eased:
            self.eased.add((source.muscle, source.side))
        return ""

    def step(self, source: Source) -> RollingStep:
        muscle = self.knowledge.muscles[source.muscle]
        tech = muscle.technique
        extra = [  # a spot's caution notes: none the muscle's own cautions speak of, and
            # none about a bone its shading never comes near (a nerve or vessel's always)
            note.text
            for reason in source.reasons
            if reason.kind == "local"
            for note in self.notes.get(reason.spot, ())
            if note.zone not in muscle.cautions_cover
            and self._concerns(source, note.zone, bool(self.hits[reason.spot].sides))
        ]
        served = self.served(source)
        if self.burning.intersection(served):
            extra.append(self.safety.burning_limb)
        if (source.muscle, source.side) in self.eased:
            extra.append(self.knowledge.beside_spine_caution)
        zone = self.zones.best(source.muscle, source.side)
        assert zone is not None  # a rollable source has a zone
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
            cautions=tuple(dict.fromkeys((*muscle.cautions, *extra))),
            view=zone.view,
            roll_zone=zone,
            spots=served,
            hold_where=tech.hold_where,
            both_sides=tech.both_sides and source.side == "both",
        )

    def _concerns(self, source: Source, zone: str, area: bool = False) -> bool:
        """Whether a note on caution zone ``zone`` concerns the step for ``source``: always
        for a nerve, vessel or organ (someone may work up the muscle towards it), and for
        a bone only where the step's shading comes within `NOTE_REACH` of it. Of a
        painted ``area`` any note only so: the area may reach the zone far from where the
        muscle lies under it (the spine's note on a hip step, from a low-back area the
        gluteus minimus lies under by its edge)."""
        text = self.knowledge.cautions.get(zone)
        if text is None or (text.kind != "bone" and not area):
            return True
        return self.zones.reaches(source.muscle, source.side, zone, NOTE_REACH)

    def _instead(self, muscle: str, zone: str = "") -> str:
        """What to do instead of rolling: the zone's advice if it blocks the muscle, else
        the muscle's own (a stretch); the stop rule when a pattern withholds that stretch."""
        withheld = self.withheld.get(zone) if zone else self.withheld.get(muscle)
        if withheld is not None:
            return withheld
        if zone:
            return self.knowledge.cautions[zone].instead
        return self.knowledge.muscles[muscle].technique.how

    def not_rolled_entries(self) -> tuple[NotRolled, ...]:
        out = []
        for (m, side), (_, spots) in self.not_rolled.items():
            record = self.knowledge.muscles[m]
            zone = self.zones.best(m, side)
            cautions: tuple[str, ...] = ()
            if (m, side) in self.held:  # rollable, once a clinician says it is safe
                reason, instead = self.held[(m, side)], ""
            elif not record.technique.rolled or zone is None:
                reason, instead = self.safety.no_tool, self._instead(m)
                if not record.technique.rolled:  # what goes with what is done instead
                    cautions = record.cautions
            else:
                reason, blocking = _no_room(zone, self.knowledge, self.safety)
                instead = self._instead(m, blocking)
            out.append(
                NotRolled(
                    m,
                    side,
                    record.name,
                    reason,
                    instead,
                    tuple(sorted(spots)),
                    clinician_first=(m, side) in self.held,
                    cautions=cautions,
                )
            )
        return tuple(out)

    def held_places(self, entries: Sequence[NotRolled]) -> tuple[HeldPlace, ...]:
        """The held ``entries`` as one line per place marked tingling or numb, in the order
        the places first hold a muscle."""
        by_place: dict[tuple[str, str], list[NotRolled]] = {}
        for entry in entries:
            if entry.clinician_first:
                place = self.held_at[(entry.muscle, entry.side)]
                by_place.setdefault(place, []).append(entry)
        out = []
        for (side, part), held in by_place.items():
            # one side named by the place: the muscles need no side of their own
            names = list(
                dict.fromkeys(
                    n.name if n.side in (side, "both", "midline") else f"{n.name} ({n.side})"
                    for n in held
                )
            )
            text = _fill(
                self.knowledge.check_first_place, side=side, part=part, muscles=", ".join(names)
            )
            spots = tuple(sorted({i for n in held for i in n.spots}))
            muscles = tuple((n.muscle, n.side) for n in held)
            out.append(HeldPlace(side, part, text, muscles, tuple(names), spots))
        return tuple(out)


def build_routine(
    ranked: Sequence[Source],
    hits: Sequence[Hit],
    spots: Sequence[SpotLike],
    tables: Tables,
    notes: Mapping[int, Sequence[CautionNote]],
    length: str = "standard",
    withheld: Mapping[str, str] | None = None,
) -> tuple[Routine, tuple[Coverage, ...]]:
    """The routine for ``length`` and, per spot, the steps serving it or why none does.

    ``ranked`` is every ranked source (not only the few shown), so that each spot can get
    a step of its own. ``withheld`` maps muscles and caution zones whose stretch is not
    offered instead of rolling to the stop rule shown in its place
    (`bodymap.advisor.cautions.withheld_stretches`). Raises ``ValueError`` for an unknown
    length.
    """
    b = _Builder(ranked, hits, spots, tables, notes, length, withheld or {})
    knowledge = tables.knowledge
    budget = BUDGET_S[length]
    chosen: list[Source] = []
    left: list[Source] = []
    used = 0
    for source in b.picks():
        seconds = step_seconds(knowledge, source.muscle)
        # deep pressure into the belly never fills the time a longer step earlier in the
        # order had no room in (its short step slipped in ahead of the low back's muscles);
        # a spot's own step it is stays a step while it fits
        key = (source.muscle, source.side)
        last = b.fills_last(source) and bool(left) and key not in b.own
        if not last and (budget is None or not chosen or used + seconds <= budget):
            chosen.append(source)
            used += seconds
        else:
            left.append(source)
    # the order the routine picked them in: each spot's own step first
    picked = {(source.muscle, source.side): i for i, source in enumerate(chosen)}
    # in rank order before the run order, as the session ranks its steps, so the printed
    # routine and the mat session agree on which side of a position and tool comes first
    rank: dict[tuple[str, str], int] = {}
    for i, source in enumerate(b.ranked):
        rank.setdefault((source.muscle, source.side), i)
        if b.at_once(source):  # a step for both sides ranks as its better side
            rank.setdefault((source.muscle, "both"), i)
    chosen.sort(key=lambda source: rank[(source.muscle, source.side)])
    ordered = tuple(in_step_order([b.step(source) for source in chosen], lambda step: step))
    # the same middle time per step that fills the length's budget, so a standard routine
    # reads as about 15 minutes, not the sum of every upper bound
    total_s = sum(step_seconds(knowledge, s.muscle) for s in ordered)
    warm = warmup_steps(ordered, picked)
    # whole five seconds: "about 35 s" reads as guidance, "about 37 s" as false precision
    seconds = max(30, min(120, _WARMUP_BUDGET_S // len(warm) // 5 * 5)) if warm else 0
    warmup = tuple(WarmupStep(s.muscle, s.side, s.name, s.tool, s.position, seconds) for s in warm)
    not_rolled = b.not_rolled_entries()
    left_out = tuple(
        LeftOut(s.muscle, s.side, knowledge.muscles[s.muscle].name, b.served(s)) for s in left
    )
    routine = Routine(
        steps=ordered,
        total_min=math.ceil(total_s / 60),
        warmup=warmup,
        warmup_min=math.ceil(seconds * len(warmup) / 60),
        length=length,
        not_rolled=not_rolled,
        left_out=left_out,
        held_places=(places := b.held_places(not_rolled)),
        held_why=knowledge.check_first_why if places else "",
    )
    index = _Index(ordered, left_out, not_rolled)
    return routine, tuple(_coverage(b, i, index) for i in range(len(hits)))


def _no_room(zone: RollZone, knowledge: Knowledge, safety: SafetyText) -> tuple[str, str]:
    """Why a muscle has no room to roll in ``zone`` (its best view), and the caution zone
    whose advice says what to do instead ("" for the muscle's own)."""
    texts = [knowledge.cautions[z] for z in zone.blocked_by if z in knowledge.cautions]
    if not zone.blocked_by:
        return safety.too_small, ""
    names = ", ".join(t.name.lower() for t in texts) or ", ".join(zone.blocked_by)
    return safety.in_zone.format(zones=names), texts[0].zone if texts else ""


def not_rolled_here(muscle: str, side: str, tables: Tables) -> tuple[str, str] | None:
    """For a record whose technique rolls it but which has no room to roll on ``side`` in
    any view, why not and what to do instead, in the words the routine's "not rolled"
    entries use; None when it can be rolled (or its technique is not rolling at all). The
    muscle browser says this instead of a technique the routine would never offer."""
    record = tables.knowledge.muscles[muscle]
    safety = tables.knowledge.safety
    if not record.technique.rolled or safety is None or tables.roll_zones.is_rollable(muscle, side):
        return None
    zone = tables.roll_zones.best(muscle, side)
    if zone is None:
        return safety.no_tool, record.technique.how
    reason, blocking = _no_room(zone, tables.knowledge, safety)
    instead = tables.knowledge.cautions[blocking].instead if blocking else record.technique.how
    return reason, instead


_T = TypeVar("_T")


def in_step_order(items: Sequence[_T], step_of: Callable[[_T], RollingStep]) -> list[_T]:
    """``items`` (in rank order) in the order a routine or a session runs them: by
    position, then tool, then side, the side of the best-ranked step of that position and
    tool first, then rank; so the person gets down, picks up a tool and turns over as few
    times as can be, and the printed guide and the mat session run the same order. A
    mirrored map runs the mirrored order."""
    lead: dict[tuple[str, str], str] = {}
    for item in items:
        step = step_of(item)
        lead.setdefault((step.position, step.tool), step.side)

    def key(pair: tuple[int, _T]) -> tuple[int, str, int, int]:
        rank, item = pair
        step = step_of(item)
        first = lead[(step.position, step.tool)]
        side = 0 if step.side == first else 1 if step.side in ("midline", "both") else 2
        where = POSITIONS.index(step.position) if step.position in POSITIONS else len(POSITIONS)
        return (where, step.tool, side, rank)

    return [item for _, item in sorted(enumerate(items), key=key)]


class _Index:
    """Steps, left-out steps and not-rolled entries by the spots they serve."""

    def __init__(
        self,
        steps: Sequence[RollingStep],
        left_out: Sequence[LeftOut],
        not_rolled: Sequence[NotRolled],
    ) -> None:
        self.steps: dict[int, list[tuple[int, str]]] = {}
        for k, st in enumerate(steps):
            for i in st.spots:
                self.steps.setdefault(i, []).append((k, st.side))
        self.left: dict[int, list[LeftOut]] = {}
        for entry in left_out:
            for i in entry.spots:
                self.left.setdefault(i, []).append(entry)
        self.skipped: dict[int, list[NotRolled]] = {}
        for skip in not_rolled:
            for i in skip.spots:
                self.skipped.setdefault(i, []).append(skip)


def _coverage(b: _Builder, i: int, index: _Index) -> Coverage:
    hit, safety, cautions = b.hits[i], b.safety, b.knowledge.cautions
    if not hit.inside:
        return Coverage((), cautions[OUTSIDE_BODY].spot_reason)
    sides = hit.own_sides  # a painted area across the midline: either side's steps
    covered = tuple(k for k, side in index.steps.get(i, ()) if _on_sides(side, sides))
    if i in b.nerve:
        # a spot inside the body but on no surface segment names its side and "area"
        marks = b.nerve[i] or {("", hit.side)}
        return Coverage(covered, _fill(safety.spot_tingling, **marked_words(marks, b.knowledge)))
    if covered:
        return Coverage(covered, None)
    left = [e.name for e in index.left.get(i, ()) if _on_sides(e.side, sides)][:2]
    if left:
        return Coverage((), safety.spot_left_out.format(length=b.length, muscles=", ".join(left)))
    for region in hit.cautions:
        if region.id in cautions:
            why = b.withheld.get(region.id, cautions[region.id].spot_reason)
            return Coverage((), why)
    skipped = index.skipped.get(i, [])
    if skipped:
        muscles = ", ".join(e.name for e in skipped)
        why = skipped[0].instead or skipped[0].reason  # what to do instead, or why not yet
        if len(skipped) > 1 and all(e.clinician_first for e in skipped):
            why = b.knowledge.check_first_why  # said of these muscles, not of "this muscle"
        return Coverage((), safety.spot_not_rolled.format(muscles=muscles, instead=why))
    return Coverage((), safety.spot_no_step)
