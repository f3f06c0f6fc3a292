"""``advise``: from pain spots to findings, ranked sources, areas around them and a routine."""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Protocol

from bodymap.advisor.areas import area_of, clipped_area, pain_extent
from bodymap.advisor.cautions import (
    NEAR_CAUTION,
    press_test_withheld,
    red_flags,
    spot_cautions,
    warning_signs,
    withheld_stretches,
)
from bodymap.advisor.model import (
    LENGTHS,
    PAIN_KINDS,
    Advice,
    CautionNote,
    Routine,
    SpotFinding,
    SpotLike,
)
from bodymap.advisor.press import (
    PressAnswerLike,
    PressKey,
    answers_by_index,
    apply_press_answers,
    press_questions,
    site_finder,
)
from bodymap.advisor.ranking import listed, rank_sources
from bodymap.advisor.routine import build_routine, nerve_parts
from bodymap.advisor.surrounding import surrounding_areas
from bodymap.advisor.tables import tables_for
from bodymap.knowledge import Knowledge, RedFlag, load_knowledge
from bodymap.sides import area_side, sides_word

if TYPE_CHECKING:
    from bodymap.atlas import Hit, Region, ViewAtlas

__all__ = ["MapLike", "advise", "advise_map", "locate_spots"]


def _check(spot: SpotLike, index: int, atlas: Mapping[str, ViewAtlas]) -> None:
    if spot.view not in atlas:
        raise ValueError(f"spot {index + 1}: unknown view {spot.view!r}")
    if not 0 <= spot.intensity <= 10:
        raise ValueError(f"spot {index + 1}: intensity {spot.intensity} is outside 0..10")
    if spot.kind not in PAIN_KINDS:
        raise ValueError(f"spot {index + 1}: unknown pain kind {spot.kind!r}")


def locate_spots(spots: Sequence[SpotLike], atlas: Mapping[str, ViewAtlas]) -> list[Hit]:
    """Atlas hits for the spots in their order, one vectorised lookup per view."""
    hits: list[Hit | None] = [None] * len(spots)
    for view, va in atlas.items():
        idx = [i for i, s in enumerate(spots) if s.view == view]
        if not idx:
            continue
        if len(idx) == 1:
            hits[idx[0]] = va.locate(float(spots[idx[0]].x), float(spots[idx[0]].y))
            continue
        found = va.locate_many([float(spots[i].x) for i in idx], [float(spots[i].y) for i in idx])
        for i, hit in zip(idx, found, strict=True):
            hits[i] = hit
    return [h for h in hits if h is not None]


class MapLike(Protocol):
    """A map as the advisor reads it (`bodymap.maps.TriggerPointMap` is one): its spots,
    each with an ``id``, and the person's press-test answers."""

    @property
    def spots(self) -> Sequence[Any]: ...
    @property
    def answers(self) -> Iterable[PressAnswerLike]: ...


def advise_map(
    tpm: MapLike, length: str = "standard", atlas: Mapping[str, ViewAtlas] | None = None
) -> Advice:
    """Advice for a map's spots with its press-test answers: what the panel, the guide,
    the summary and ``bodymap advise`` all show, so they rank alike."""
    spots = list(tpm.spots)
    press = answers_by_index([spot.id for spot in spots], tpm.answers)
    return advise(spots, atlas, length=length, press=press)


def _area_side(spot: SpotLike, hit: Hit) -> str | None:
    """A painted area's sides in one word ("both" across the midline); None for a point.
    The area's hit measured them already (`Hit.sides`): not cut again at every click."""
    if hit.sides:
        return sides_word(hit.sides)
    shape = area_of(spot)
    return None if shape is None else area_side(spot.view, shape)


def _whole_areas(
    spots: Sequence[SpotLike], hits: list[Hit], atlas: Mapping[str, ViewAtlas]
) -> tuple[list[Hit], dict[int, Any]]:
    """A painted area lies on everything it covers, not only on what is under its point:
    its cautions, red flags and the limbs a tingling area marks come from the whole area.
    Also returns each area (clipped to the body) by spot index."""
    shapes: dict[int, Any] = {}
    for i, spot in enumerate(spots):
        shape = area_of(spot)
        if shape is not None and hits[i].inside:
            va = atlas[spot.view]
            shapes[i] = clipped_area(shape, va)
            hits[i] = va.locate_area(shapes[i], hits[i])
    return hits, shapes


def _cautions_near(
    hits: Sequence[Hit], atlas: Mapping[str, ViewAtlas], shapes: Mapping[int, Any]
) -> dict[int, tuple[Region, ...]]:
    """The caution zones within `NEAR_CAUTION` of each spot on the body, one query a view:
    of a point, near the point; of a painted area, near any part of the area (an area
    ending a centimetre short of the back of the knee is as near it as a click at its
    edge)."""
    out: dict[int, tuple[Region, ...]] = {}
    for view, va in atlas.items():
        on_view = [i for i, h in enumerate(hits) if h.inside and h.view == view]
        idx = [i for i in on_view if shapes.get(i) is None or shapes[i].is_empty]
        found = va.cautions_near([hits[i].point for i in idx], NEAR_CAUTION)
        out.update(zip(idx, found, strict=True))
        areas = [i for i in on_view if i not in out]
        if areas:
            near = va.cautions_near_shapes([shapes[i] for i in areas], NEAR_CAUTION)
            out.update(zip(areas, near, strict=True))
    return out


def _with_roll_cautions(routine: Routine, unpressed: Mapping[int, RedFlag]) -> Routine:
    """The routine with each step for a spot asked no press test (the heart warning on the
    chest) carrying that flag's ``roll_caution`` (once), wherever the step is shown."""
    if not unpressed:
        return routine
    steps = []
    for step in routine.steps:
        extra = [unpressed[i].roll_caution for i in step.spots if i in unpressed]
        extra = [c for c in dict.fromkeys(extra) if c and c not in step.cautions]
        steps.append(
            dataclasses.replace(step, cautions=(*step.cautions, *extra)) if extra else step
        )
    return dataclasses.replace(routine, steps=tuple(steps))


@contextmanager
def _cycles_collected_after() -> Iterator[None]:
    """Python's collector of reference cycles paused while advice is worked out, as it was
    before afterwards. Advice makes tens of thousands of small objects (a reason per spot
    and source) and no cycles; each batch of them set off a collection that walked every
    object the program holds (the atlas, the tables, the kept answers): about a fifth of a
    new 1,000-spot map's advice. Anything left to collect is collected after."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def advise(
    spots: Sequence[SpotLike],
    atlas: Mapping[str, ViewAtlas] | None = None,
    knowledge: Knowledge | None = None,
    length: str = "standard",
    press: Mapping[PressKey, str] | None = None,
) -> Advice:
    """Advice for the spots of one map, taken together, with a routine of ``length``.

    Raises ``ValueError`` for a spot with an unknown view or kind, an intensity outside
    0..10, or an unknown length. Points outside the body give a finding with the
    ``outside_body`` caution. Every spot's finding says which routine steps serve it, or
    why none does. ``press`` holds the person's press-test answers by (spot index, muscle,
    side), applied after the ranking (`bodymap.advisor.press`).
    """
    with _cycles_collected_after():
        return _advise(spots, atlas, knowledge, length, press)


def _advise(
    spots: Sequence[SpotLike],
    atlas: Mapping[str, ViewAtlas] | None,
    knowledge: Knowledge | None,
    length: str,
    press: Mapping[PressKey, str] | None,
) -> Advice:
    if length not in LENGTHS:
        raise ValueError(f"unknown routine length {length!r} (one of {', '.join(LENGTHS)})")
    if atlas is None:
        from bodymap.atlas import load_atlas

        atlas = load_atlas()
    if knowledge is None:
        knowledge = load_knowledge()
    for index, spot in enumerate(spots):
        _check(spot, index, atlas)
    tables = tables_for(atlas, knowledge)
    hits, shapes = _whole_areas(spots, locate_spots(spots, atlas), atlas)
    near = _cautions_near(hits, atlas, shapes)
    withheld = withheld_stretches(spots, hits, knowledge, tables.part_core)
    notes: dict[int, tuple[CautionNote, ...]] = {
        index: spot_cautions(hit, knowledge, near.get(index, ()), withheld)
        for index, hit in enumerate(hits)
    }
    extent, sizes = pain_extent(spots, atlas)
    areas = frozenset(i for i, spot in enumerate(spots) if area_of(spot) is not None)
    unpressed = press_test_withheld(spots, hits, knowledge)
    if press and unpressed:  # an answer about such a spot never raises a muscle over a flag
        press = {key: answer for key, answer in press.items() if key[0] not in unpressed}
    points = [(float(spot.x), float(spot.y)) for spot in spots]
    site_of = site_finder([spot.view for spot in spots], points, tables.no_press.clear, unpressed)
    ranked = apply_press_answers(
        rank_sources(hits, spots, tables, limit=None), press, areas, site_of
    )
    routine, coverage = build_routine(ranked, hits, spots, tables, notes, length, withheld=withheld)
    routine = _with_roll_cautions(routine, unpressed)
    findings = tuple(
        SpotFinding(
            index=index,
            view=spot.view,
            x=float(spot.x),
            y=float(spot.y),
            point=hit.point,
            inside=hit.inside,
            snapped=hit.snapped,
            side=hit.side,
            regions=hit.regions,
            segments=hit.segments,
            cautions=notes[index],
            intensity=float(spot.intensity),
            kind=spot.kind,
            covered_by=coverage[index].covered_by,
            not_rolled_reason=coverage[index].reason,
            area_units2=sizes[index],
            area_side=_area_side(spot, hit),
            press_note=unpressed[index].press_note if index in unpressed else "",
            shares=hit.shares,
        )
        for index, (spot, hit) in enumerate(zip(spots, hits, strict=True))
    )
    stepped = {(st.muscle, st.side) for st in routine.steps}
    step_sources = [s for s in ranked if (s.muscle, s.side) in stepped]
    safety = knowledge.safety
    shown = listed(ranked)
    flags = red_flags(spots, hits, knowledge, tables.part_core)
    caveat_of = {flag.id: flag.press_caveat for flag in knowledge.red_flags if flag.press_caveat}
    caveats = {i: caveat_of[note.id] for note in flags if note.id in caveat_of for i in note.spots}
    return Advice(
        spots=findings,
        sources=shown,
        surrounding=surrounding_areas(
            hits,
            step_sources,
            atlas,
            knowledge,
            tables.roll_zones,
            reach=tables.reach,
            held=routine.held,
            marked=nerve_parts(hits, spots, tables),
            touches=tables.part_touches,
        ),
        routine=routine,
        red_flags=flags,
        advice=knowledge.advice,
        disclaimer=knowledge.disclaimer,
        clinician_title=safety.clinician_title if safety else "",
        clinician=safety.clinician if safety else (),
        contraindications_title=safety.contraindications_title if safety else "",
        contraindications=tuple(c.text for c in knowledge.contraindications),
        warning_signs=warning_signs(knowledge),
        extent=extent if any(size is not None for size in sizes) else None,
        press=press_questions(
            shown,
            [spot.view for spot in spots],
            [float(spot.intensity) for spot in spots],
            areas=areas,
            # nor about a muscle the person never works (inside the pelvis, the front of
            # the neck): its record says not to press it
            held=routine.held
            | {
                (s.muscle, s.side)
                for s in shown
                if not knowledge.muscles[s.muscle].technique.rolled
            },
            clear=tables.no_press.clear,
            spots_at=[(spot.x, spot.y) for spot in spots],
            unpressed=unpressed,
            caveats=caveats,
        ),
    )
