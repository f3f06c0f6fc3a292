"""Cautions for spots: zones not to roll, and the red flags the spots raise.

Red flags are data (``cautions.toml``): each has triggers naming surface segments, regions,
pain kinds and a lowest intensity; a spot raises a flag when it meets every condition of
one trigger, and the flag names the spots that raised it. A flag may also be raised by a
cross-spot pattern (``[[pattern]]``: back pain with a tingling leg, tingling in both legs),
met when each of the pattern's spots is met by some spot of the map; it then names every
spot that meets one of them. A painted area counts the surface segments it meaningfully
lies on; a flag marked ``any_overlap`` also those it only grazes. Every flag, raised or
not, is one of the warning signs of the "When to see a clinician" section
(:func:`warning_signs`), which is always reachable whatever the spots.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import shapely

from bodymap.advisor.areas import area_of
from bodymap.advisor.model import CautionNote, RedFlagNote, SpotLike
from bodymap.knowledge import FlagTrigger, Knowledge, Pattern, PatternSpot, RedFlag
from bodymap.recent import answer_for

if TYPE_CHECKING:
    from bodymap.atlas import Hit, Region

__all__ = [
    "NEAR_CAUTION",
    "NERVE_KINDS",
    "NOTE_REACH",
    "OUTSIDE_BODY",
    "pattern_spots",
    "press_test_withheld",
    "red_flags",
    "spot_cautions",
    "warning_signs",
    "withheld_stretches",
]

OUTSIDE_BODY = "outside_body"
NEAR_CAUTION = 8.0
"""Atlas units (about 1.5 cm): a caution zone this close to a spot is one of its cautions,
because a spot is a fingertip's disc, not a point, and a click lands only roughly where it
hurts (a spot on the front of the armpit fold is also told to keep out of its hollow)."""
NOTE_REACH = 24.0
"""Atlas units (about 4 cm): a spot's note on a bone (the kneecap, an ankle bone) goes with
a rolling step only if the step's shading comes this close to it. Shading that stays
further away never rolls on it (a lower-leg step shaded from a hand's width below the knee
is told nothing about the kneecap; the note still stands beside the spot). A note on a
nerve, a vessel or an organ goes with every step under a clicked spot; of a painted area,
which may reach the zone far from where a muscle lies under it, only with the steps whose
shading comes this close to the zone, as for a bone."""
NERVE_KINDS = frozenset({"tingling", "numb"})
"""Pain kinds that mark a limb "check with a clinician first"."""


def _note(zone: str, knowledge: Knowledge, withheld: Mapping[str, str]) -> CautionNote:
    text = knowledge.cautions.get(zone)
    if text is None:
        return CautionNote(zone, "Do not roll or press hard here; work the muscles around it.")
    if zone in withheld:  # what to do instead is withheld: the stop rule in its place
        return CautionNote(zone, f"{text.text} {withheld[zone]}")
    return CautionNote(zone, text.full_text)


def spot_cautions(
    hit: Hit,
    knowledge: Knowledge,
    near: Sequence[Region] = (),
    withheld: Mapping[str, str] | None = None,
) -> tuple[CautionNote, ...]:
    """The caution zones under a spot, then those ``near`` it (within `NEAR_CAUTION`),
    with plain text (a miss is ``outside_body``); a zone whose advice instead is
    ``withheld`` (`withheld_stretches`) says the stop rule in its place."""
    withheld = withheld or {}
    if not hit.inside:
        return (_note(OUTSIDE_BODY, knowledge, withheld),)
    zones = dict.fromkeys(region.id for region in (*hit.cautions, *near))
    return tuple(_note(zone, knowledge, withheld) for zone in zones)


def _applies(
    trigger: FlagTrigger, kind: str, segments: frozenset[str], regions: frozenset[str]
) -> bool:
    """Whether a spot of ``kind`` on these places meets ``trigger`` at some intensity."""
    return (
        (not trigger.kinds or kind in trigger.kinds)
        and (not trigger.segments or not trigger.segments.isdisjoint(segments))
        and (not trigger.regions or not trigger.regions.isdisjoint(regions))
    )


def _least_intensities(
    flags: Sequence[RedFlag],
    kind: str,
    segments: frozenset[str],
    touched: frozenset[str],
    regions: frozenset[str],
) -> list[tuple[str, float]]:
    """For a spot of ``kind`` on these places, each flag it can raise with the least
    intensity that raises it (the lowest `min_intensity` of the triggers met there)."""
    out: list[tuple[str, float]] = []
    for flag in flags:
        where = touched if flag.any_overlap else segments
        least = min(
            (t.min_intensity for t in flag.triggers if _applies(t, kind, where, regions)),
            default=None,
        )
        if least is not None:
            out.append((flag.id, least))
    return out


def _pair_met(need: PatternSpot, seg: str, side: str, part_of: Mapping[str, str]) -> bool:
    return (
        (not need.segments or seg in need.segments)
        and (not need.parts or part_of.get(seg) in need.parts)
        and (not need.side or side == need.side)
    )


class _Places:
    """The spots grouped by what a pattern reads of them: the pain kind and the (segment,
    side) pairs a spot lies on. Many spots share a place, and each part of a pattern is
    matched against the few pairs on the map once, so a map of many spots stays quick."""

    def __init__(
        self,
        spots: Sequence[SpotLike],
        under: Mapping[int, tuple[Region, ...]],
        knowledge: Knowledge,
    ) -> None:
        self.part_of = knowledge.part_of
        by_object: dict[tuple[str, tuple[int, ...]], list[int]] = {}
        regions: dict[tuple[str, tuple[int, ...]], tuple[Region, ...]] = {}
        for i, segments in under.items():  # the atlas's regions are shared objects
            key = (spots[i].kind, tuple(map(id, segments)))
            by_object.setdefault(key, []).append(i)
            regions.setdefault(key, segments)
        self.groups: dict[tuple[str, frozenset[tuple[str, str]]], list[int]] = {}
        for key, idx in by_object.items():
            place = (key[0], frozenset((s.id, s.side) for s in regions[key]))
            self.groups.setdefault(place, []).extend(idx)
        self.pairs = frozenset().union(*(pairs for _, pairs in self.groups))

    def met_by(self, pattern: Pattern) -> set[int]:
        """The spots that make up ``pattern`` (each of its spots met by some spot), or
        none when some part of the picture is missing."""
        found: set[int] = set()
        for need in pattern.spots:
            ok = {p for p in self.pairs if _pair_met(need, *p, self.part_of)}
            meet = [
                i
                for (kind, pairs), spots in self.groups.items()
                if (not need.kinds or kind in need.kinds) and not ok.isdisjoint(pairs)
                for i in spots
            ]
            if not meet:
                return set()
            found.update(meet)
        return found


STRIP = 6.0
"""Half the width (atlas units, about 1 cm) a painted area's part on one body part of its
other side (a leg, the low back …) must have somewhere to count there for a cross-spot
pattern, unless it reaches :data:`DEPTH` inside the part: a patch of the other calf does;
the edge of a stroke that spills a few units across the midline does not."""


DEPTH = 2 * STRIP
"""How far (atlas units, about 2 cm) inside a body part of an area's other side its paint
must reach to count there, unless it is 2 × ``STRIP`` wide: a line or a dab painted down
the other leg does, however thin; the edge of a wide brush or a strip spilled over the
midline, which stays at the leg's inner edge, does not."""


CoreOf = Callable[[str, str, str, float], Any]
"""A body part's core: (view, part, side, depth) → the part more than ``depth`` inside its
edges (`bodymap.advisor.tables.Tables.part_core`)."""


def _on_its_sides(
    hit: Hit,
    segments: tuple[Region, ...],
    spot: SpotLike | None,
    part_of: Mapping[str, str],
    core_of: CoreOf | None = None,
) -> tuple[Region, ...]:
    """The segments a spot counts as lying on for a cross-spot pattern. A painted area lies
    on its larger side's segments and the midline's; on its other side, on those of a body
    part (a leg, the low back …) where it reaches :data:`DEPTH` inside the whole part's
    edges (``core_of``, for a limb; else the edges of the part's segments it lies on) or is
    2 × :data:`STRIP` wide somewhere (the part's segments measured together): a line, a dab
    or a patch painted on the other leg makes an area both legs, however thin and on however
    narrow a segment (the outer leg, the ankle); the edge of a wide brush cut off by the gap,
    a strip spilled over the midline or a low-back area clipping the other buttock's edge
    does not (physiotherapist reviews 2 to 8, round 18). A point lies on its segments."""
    if not hit.sides:
        return segments
    shape = area_of(spot) if spot is not None else None
    main = hit.sides[0]
    others = tuple(s for s in segments if s.side not in ("midline", main))
    if not others:
        return segments
    if shape is None or spot is None:
        kept = frozenset((s.id, s.side) for s in others if s.side in hit.sides)
    else:
        key = (shape, spot.view, main, tuple((s.id, s.side) for s in others), core_of)
        kept = answer_for(
            _OTHER_SIDE,
            key,
            lambda: _other_side(shape, spot.view, others, part_of, core_of),
            RECENT_AREAS,
        )
    return tuple(s for s in segments if s.side in ("midline", main) or (s.id, s.side) in kept)


def _other_side(
    shape: Any,
    view: str,
    others: tuple[Region, ...],
    part_of: Mapping[str, str],
    core_of: CoreOf | None,
) -> frozenset[tuple[str, str]]:
    """The segments of an area's other side (``others``) it counts as lying on: see
    `_on_its_sides`."""
    kept: set[tuple[str, str]] = set()
    by_part: dict[str, list[Region]] = {}
    for s in others:
        by_part.setdefault(part_of.get(s.id, s.id), []).append(s)
    for part, group in by_part.items():
        limb = shapely.union_all([s.geometry for s in group])
        on = shapely.intersection(shape, limb)
        if on.is_empty:
            continue
        side = group[0].side
        core = (  # the body part more than DEPTH inside its edges
            core_of(view, part, side, DEPTH)
            if core_of is not None and part in _PARTS_WITH_CORES
            else shapely.buffer(limb, -DEPTH)
        )
        if shapely.intersects(on, core) or not shapely.buffer(on, -STRIP).is_empty:
            kept |= {(s.id, s.side) for s in group}
    return frozenset(kept)


_PARTS_WITH_CORES = frozenset({"leg", "arm"})
"""The body parts measured whole: the limbs, whose narrow segments (the outer leg, the
ankle) a thin line runs down. A trunk part's segments are measured as they lie."""

RECENT_AREAS = 256
"""How many areas' answers of `_other_side` are kept: a map's areas are asked about on
every click, by every flag's patterns."""
_OTHER_SIDE: dict[tuple[object, ...], frozenset[tuple[str, str]]] = {}


def pattern_spots(
    pattern: Pattern,
    spots: Sequence[SpotLike],
    hits: Sequence[Hit],
    knowledge: Knowledge,
    core_of: CoreOf | None = None,
) -> tuple[int, ...]:
    """The spots (indices) that together make up ``pattern``, each meeting one or more of
    its spots; empty when some part of the picture is missing."""
    return tuple(sorted(_pattern_places(spots, hits, knowledge, core_of).met_by(pattern)))


def _pattern_places(
    spots: Sequence[SpotLike],
    hits: Sequence[Hit],
    knowledge: Knowledge,
    core_of: CoreOf | None,
) -> _Places:
    """The spots' places as the patterns read them (`_on_its_sides`), made once for every
    pattern asked about."""
    under = {
        i: _on_its_sides(hit, hit.segments, spots[i], knowledge.part_of, core_of)
        for i, hit in enumerate(hits)
        if hit.inside
    }
    return _Places(spots, under, knowledge)


def withheld_stretches(
    spots: Sequence[SpotLike],
    hits: Sequence[Hit],
    knowledge: Knowledge,
    core_of: CoreOf | None = None,
) -> dict[str, str]:
    """The muscles and caution zones whose stretch is not offered instead of rolling, each
    with the stop rule shown in its place: those a flag's ``withhold_stretch`` names when
    one of the flag's patterns is met (neck pain with a tingling arm: no neck stretch)."""
    out: dict[str, str] = {}
    withholding = [flag for flag in knowledge.red_flags if flag.withhold_stretch]
    if not withholding:
        return out
    places = _pattern_places(spots, hits, knowledge, core_of)
    for flag in withholding:
        if any(places.met_by(pattern) for pattern in flag.patterns):
            for item in sorted(flag.withhold_stretch):
                out.setdefault(item, flag.text)
    return out


def _raise_patterns(
    raised: dict[str, set[int]],
    spots: Sequence[SpotLike],
    lies: Mapping[int, tuple[Region, ...]],
    touches: Mapping[int, tuple[Region, ...]],
    knowledge: Knowledge,
) -> None:
    """Add to ``raised`` the flags that cross-spot patterns raise, with the spots that make
    up each pattern: from the segments the spots lie on, or for a flag marked
    ``any_overlap`` also those they graze."""
    if not lies:
        return
    places = {False: _Places(spots, lies, knowledge)}
    places[True] = places[False] if touches == lies else _Places(spots, touches, knowledge)
    for flag in knowledge.red_flags:
        for pattern in flag.patterns:
            found = places[flag.any_overlap].met_by(pattern)
            if found:
                raised.setdefault(flag.id, set()).update(found)


_T = TypeVar("_T")


def _per_place(
    spots: Sequence[SpotLike],
    hits: Sequence[Hit],
    named: Collection[str],
    work: Callable[[str, frozenset[str], frozenset[str], frozenset[str]], _T],
) -> Iterator[tuple[int, SpotLike, Hit, _T]]:
    """For each spot on the body: its index, the spot, its hit and ``work(kind, segments,
    touched, regions)``, worked out once per place: many spots share what lies under them
    and their kind. ``touched`` adds the segments the spot only grazes; ``regions`` are the
    regions and caution zones under it that some trigger names (``named``): only they tell
    places apart for the flags."""
    seen: dict[tuple[object, ...], _T] = {}
    for i, (spot, hit) in enumerate(zip(spots, hits, strict=True)):
        if not hit.inside:
            continue
        segments = frozenset(s.id for s in hit.segments)
        touched = segments | {s.id for s in hit.grazed} if hit.grazed else segments
        regions = frozenset(r.id for r in (*hit.regions, *hit.cautions) if r.id in named)
        key = (segments, touched, regions, spot.kind)
        if key not in seen:
            seen[key] = work(spot.kind, segments, touched, regions)
        yield i, spot, hit, seen[key]


def red_flags(
    spots: Sequence[SpotLike],
    hits: Sequence[Hit],
    knowledge: Knowledge,
    core_of: CoreOf | None = None,
) -> tuple[RedFlagNote, ...]:
    """The red flags the spots raise, one spot at a time or together, in the tables'
    order, each naming its spots."""
    raised: dict[str, set[int]] = {}
    lies: dict[int, tuple[Region, ...]] = {}  # the segments each spot lies on
    touches: dict[int, tuple[Region, ...]] = {}  # and with those it only grazes
    triggered = [flag for flag in knowledge.red_flags if flag.triggers]
    named = {r for flag in triggered for t in flag.triggers for r in t.regions}

    def floors(kind: str, *places: frozenset[str]) -> list[tuple[str, float]]:
        # the least intensity at which each flag is raised at this place
        return _least_intensities(triggered, kind, *places)

    for i, spot, hit, found in _per_place(spots, hits, named, floors):
        lies[i] = _on_its_sides(hit, hit.segments, spot, knowledge.part_of, core_of)
        touches[i] = (
            _on_its_sides(hit, (*hit.segments, *hit.grazed), spot, knowledge.part_of, core_of)
            if hit.grazed
            else lies[i]
        )
        for flag_id, least in found:
            if spot.intensity >= least:
                raised.setdefault(flag_id, set()).add(i)
    _raise_patterns(raised, spots, lies, touches, knowledge)
    for flag in knowledge.red_flags:  # a flag another one says in full is not said twice
        mine = raised.get(flag.id)
        if mine and any(mine <= raised.get(other, set()) for other in flag.yields_to):
            del raised[flag.id]
    return tuple(
        RedFlagNote(flag.id, flag.text, tuple(sorted(raised[flag.id])), flag.watch_for)
        for flag in knowledge.red_flags
        if flag.id in raised
    )


def press_test_withheld(
    spots: Sequence[SpotLike], hits: Sequence[Hit], knowledge: Knowledge
) -> dict[int, RedFlag]:
    """The spots asked no press test, whose answers do not count, each with the flag that
    withholds it (its ``press_note`` says why, its ``roll_caution`` goes with the steps for
    the spot): those that raise a red flag through a trigger marked ``press_test =
    false`` (the heart warning on the chest, the upper belly, the jaw or the throat, where
    pressing cannot tell muscle pain from heart pain). Read like the flag itself: where it
    is raised by grazing a place, so is this."""
    withholding = [
        (flag, trigger)
        for flag in knowledge.red_flags
        for trigger in flag.triggers
        if not trigger.press_test
    ]
    out: dict[int, RedFlag] = {}
    if not withholding:
        return out
    named = {r for _flag, trigger in withholding for r in trigger.regions}

    def met(
        kind: str, segments: frozenset[str], touched: frozenset[str], regions: frozenset[str]
    ) -> list[tuple[float, RedFlag]]:
        return [
            (trigger.min_intensity, flag)
            for flag, trigger in withholding
            if _applies(trigger, kind, touched if flag.any_overlap else segments, regions)
        ]

    for i, spot, _hit, found in _per_place(spots, hits, named, met):
        flag = next((flag for least, flag in found if spot.intensity >= least), None)
        if flag is not None:
            out[i] = flag
    return out


def warning_signs(knowledge: Knowledge) -> tuple[tuple[str, str], ...]:
    """Every red flag as ``(id, text)``, whatever the spots: the warning signs of the
    "When to see a clinician" section."""
    return tuple((flag.id, flag.text) for flag in knowledge.red_flags)
