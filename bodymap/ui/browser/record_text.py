"""A muscle record in plain words for the browser: where it refers pain, how to roll it (or
what to do instead), its cautions and its source. No Qt: the browser shows this as plain text.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from bodymap.advisor.routine import not_rolled_here
from bodymap.advisor.tables import tables_for
from bodymap.atlas import ViewAtlas
from bodymap.knowledge import Knowledge, Muscle, load_knowledge
from bodymap.knowledge.places import face_words, place_noun, sentence_label
from bodymap.knowledge.search import area_words
from bodymap.words import hold_text, position_words, tool_words

__all__ = ["DONT_ROLL", "FASCIA", "legend", "record_text", "segment_names"]

DONT_ROLL = "Don't roll — do this instead:"
FASCIA = (
    "Fascia, not a muscle: it has no trigger points of its own and is not listed as a "
    "source of referred pain."
)


def legend(knowledge: Knowledge) -> str:
    """What the marks on the browser's diagram mean, in the words of ``advice.toml``."""
    said = knowledge.symbols
    return (
        f"On the diagram: dark red = {said['essential']}, light red = {said['spillover']}, "
        f"blue shading = {said['shaded']}, ⊕ = {said['crossed_circle']}, "
        f"open circle = {said['open_circle']}."
    )


def segment_names(
    ids: tuple[str, ...],
    atlas: Mapping[str, ViewAtlas],
    partly: Collection[str] = (),
    faces: Mapping[str, str] | None = None,
) -> list[str]:
    """The display names of surface segments, in the record's order, each once; those in
    ``partly`` (a pattern over part of the segment, ``referral.focus``) as "Part of the …"
    ("Part of the area between the shoulder blades"), those in ``faces`` (one face of a
    hand segment, ``referral.faces``) with the face ("Thumb (back)"), and with a part of
    the other face when a focus adds one ("Thumb (back, and part of the palm side)")."""
    names: list[str] = []
    for segment in ids:
        name = next(
            (r.name for va in atlas.values() for r in va.layer("segment") if r.id == segment),
            segment.replace("_", " ").capitalize(),
        )
        if faces and segment in faces:  # "Thumb (back, and part of the palm side)"
            name = f"{name} ({face_words(faces[segment], segment in partly)})"
        elif segment in partly:
            name = f"Part of {place_noun(name)}"
        if name not in names:
            names.append(name)
    return names


def _listed(names: list[str]) -> str:
    """Labels in a running list, as a sentence says them ("shoulder blade, jaw joint
    (TMJ), Achilles tendon")."""
    return ", ".join(sentence_label(name) for name in names)


def record_text(
    muscle: Muscle,
    atlas: Mapping[str, ViewAtlas],
    knowledge: Knowledge | None = None,
    side: str = "right",
) -> str:
    """The record as plain text, the lines the browser shows under the list. A record whose
    technique rolls it but which has no room to roll on ``side`` (it lies in a place not to
    roll) says so and what to do instead, as the advice panel does, not a technique the
    routine would never offer."""
    lines = [muscle.name]
    others = [w for w in muscle.synonyms if w.casefold() != muscle.name.casefold()]
    if others:  # a synonym that is the name itself says nothing new
        lines.append("Also called: " + ", ".join(others))
    lines.append(f"Body area: {area_words(muscle)}")
    lines.append("")
    partly = {focus.segment for focus in muscle.referral.focus}
    faces = dict(muscle.referral.faces)
    essential = segment_names(muscle.referral.essential, atlas, partly, faces)
    spillover = segment_names(muscle.referral.spillover, atlas, partly, faces)
    if muscle.kind == "fascia":  # no trigger points: where it is felt, not a referral
        lines.append(FASCIA)
        if essential:
            lines.append("Felt at: " + _listed(essential) + ".")
    else:
        if essential:
            lines.append("Commonly refers pain to: " + _listed(essential) + ".")
        if spillover:
            lines.append("Spilling over to: " + _listed(spillover) + ".")
    lines.append("")
    tech = muscle.technique
    position = position_words(tech.position)
    no_room = (
        not_rolled_here(muscle.id, side, tables_for(atlas, knowledge))
        if knowledge is not None
        else None
    )
    if tech.tool == "none":
        lines.append(DONT_ROLL)
        lines.append(tech.how)
    elif no_room is not None:
        lines.append(DONT_ROLL)
        lines.append(" ".join(no_room))
    else:
        tool = tool_words(tech.tool, tech.tool_detail, full=True)
        lines.append(f"How to roll: {position.lower()}, {tool}.")
        lines.append(tech.how)
        timing = hold_text(tech, which="a")
        lines.append(f"{timing[:1].upper()}{timing[1:]}.")
    # a muscle not rolled here keeps only the places' cautions: its own are about the
    # technique just withdrawn ("pinch and lift the muscle")
    cautions = list(muscle.cautions) if no_room is None else []
    if knowledge is not None:
        cautions += [  # the places it keeps clear of, unless its own words already say so
            knowledge.cautions[z].text
            for z in muscle.avoid
            if z in knowledge.cautions and (no_room is not None or z not in muscle.cautions_cover)
        ]
    if cautions:
        lines.append("")
        lines.append("Cautions:")
        lines.extend(f"⚠ {text}" for text in dict.fromkeys(cautions))
    lines.append("")
    lines.append(f"Source: {muscle.source}")
    lines.append("")
    lines.append(legend(knowledge or load_knowledge()))
    return "\n".join(lines)
