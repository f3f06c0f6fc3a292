"""The words for places on the body: a surface segment's label as a sentence says it ("to
the back of the shoulder"), which segments a searched place names ("knee", "low back",
"shoulder blade"), and which muscles lie on a place (`PlaceMuscles`).

The labels are the atlas segments' names; this module adds no vocabulary of its own, only
how a label reads in a sentence and which of its words name the place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from bodymap.knowledge.names import FACE_WORDS

if TYPE_CHECKING:
    from bodymap.atlas import ViewAtlas

__all__ = [
    "COVER_SHARE",
    "LIE_SHARE",
    "PlaceMuscles",
    "both_sides_label",
    "face_words",
    "place_labels",
    "place_noun",
    "place_phrase",
    "places_named",
    "sentence_label",
]

_PREPOSITIONS = ("above ", "below ", "behind ", "beside ", "between ", "under ")
_WITH_THE = ("front of ", "back of ", "side of ", "top of ")
"""Names written short for a label ("Back of shoulder") that take "the" in a sentence."""
_SAID = {
    "Fingers (back)": "to the backs of the fingers",
    "Fingers (palm side)": "to the palm side of the fingers",
    "Wrist (palm side)": "to the palm side of the wrist",
    "Little-finger side of the wrist (back)": "to the back of the wrist on the little-finger side",
    "Little-finger side of the wrist (palm side)": "to the inner wrist on the little-finger side",
    "Upper low back (thoracolumbar junction)": "to the upper low back",
    "Lower buttock (sit bone)": "to the lower buttock over the sit bone",
    "Behind the ear (mastoid)": "behind the ear",
    "Sacrum (back of the pelvis)": "to the sacrum",
    "Jaw joint (TMJ)": "to the jaw joint",
}
"""Labels whose brackets do not read in a sentence, as a sentence says them."""
_PROPER = ("Achilles",)
"""Labels that start with a name, which keeps its capital in a sentence."""


def sentence_label(name: str) -> str:
    """A label as it reads inside a sentence: "shoulder blade", but "Achilles tendon"."""
    return name if name.startswith(_PROPER) else name[:1].lower() + name[1:]


_BOTH_SIDES = {
    "Achilles tendon": "Achilles tendons",
    "Big toe": "big toes",
    "Buttock": "buttocks",
    "Calf": "calves",
    "Cheek": "cheeks",
    "Collarbone": "collarbones",
    "Ear": "ears",
    "Elbow crease": "elbow creases",
    "Eye": "eyes",
    "Flank": "flanks",
    "Heel": "heels",
    "Inner ankle": "inner ankles",
    "Inner elbow": "inner elbows",
    "Inner forearm": "inner forearms",
    "Inner knee": "inner knees",
    "Inner thigh": "inner thighs",
    "Inner upper arm": "inner upper arms",
    "Lower buttock (sit bone)": "lower buttocks (sit bones)",
    "Outer ankle": "outer ankles",
    "Outer elbow": "outer elbows",
    "Outer knee": "outer knees",
    "Outer lower leg": "outer lower legs",
    "Outer thigh": "outer thighs",
    "Palm": "palms",
    "Shin": "shins",
    "Shoulder blade": "shoulder blades",
    "Sole": "soles",
    "Temple": "temples",
    "Thumb": "thumbs",
}
"""Labels of a place a person has two of, as said of both ("buttocks, both sides"); a label
of one place split at the midline ("Upper abdomen", "Mid back") or written with "of"
("Back of thigh") stays as it is."""


def face_words(view: str, partly: bool = False) -> str:
    """The face of a hand segment a pattern covers (``referral.faces``), in words: "palm
    side", "back", or with a focus adding part of the other face "back, and part of the
    palm side"."""
    face = FACE_WORDS[view]
    if not partly:
        return face
    return f"{face}, and part of the {FACE_WORDS['back' if view == 'front' else 'front']}"


def both_sides_label(name: str) -> str:
    """A segment's label said of both sides, before ", both sides": "buttocks",
    "calves", but "mid back" and "back of thigh"."""
    return _BOTH_SIDES.get(name) or sentence_label(name)


def place_phrase(name: str) -> str:
    """Where pain goes, from a segment's label: "to the calf", "to the back of the
    shoulder", and for a label that is itself a place phrase "between the shoulder
    blades" (not "to the between ...")."""
    said = _SAID.get(name)
    if said is not None:
        return said
    place = sentence_label(name)
    if place.startswith(_PREPOSITIONS):
        return place
    for start in _WITH_THE:
        if place.startswith(start) and not place.startswith(f"{start}the "):
            place = f"{start}the {place[len(start) :]}"
    return f"to the {place}"


def place_noun(name: str) -> str:
    """A segment's label as a noun phrase: "the back of the shoulder", "the area between
    the shoulder blades" (for "part of ...")."""
    phrase = place_phrase(name)
    return phrase.removeprefix("to ") if phrase.startswith("to ") else f"the area {phrase}"


LIE_SHARE = 0.25
"""A muscle lies on a place when at least this share of its drawn region is on it ..."""
COVER_SHARE = 0.1
"""... or when it covers at least this share of the place (a large muscle over a small
place: the lower trapezius over the area between the shoulder blades)."""


class PlaceMuscles:
    """The muscles lying on a surface place, by segment id, on any view and either side:
    those meeting :data:`LIE_SHARE` or :data:`COVER_SHARE` in a drawn layer (superficial
    or deep), as (muscle id, share of the place it covers), most of the place first.
    Worked out for a place on first use and kept."""

    def __init__(self, atlas: Mapping[str, ViewAtlas]) -> None:
        self._atlas = atlas
        self._known: dict[str, tuple[tuple[str, float], ...]] = {}

    def __call__(self, segment: str) -> tuple[tuple[str, float], ...]:
        known = self._known.get(segment)
        if known is None:
            known = self._known[segment] = self._lying_on(segment)
        return known

    def _lying_on(self, segment: str) -> tuple[tuple[str, float], ...]:
        import shapely

        best: dict[str, float] = {}
        for va in self._atlas.values():
            places = [r for r in va.layer("segment") if r.id == segment]
            muscles = [*va.layer("superficial"), *va.layer("deep")]
            for place in places:
                size = float(place.geometry.area)
                near = [m for m in muscles if m.side in (place.side, "midline")]
                if size <= 0 or not near:
                    continue
                shared = shapely.area(
                    shapely.intersection(place.geometry, [m.geometry for m in near])
                )
                for muscle, common in zip(near, shared.tolist(), strict=True):
                    own = float(muscle.geometry.area)
                    if common <= 0 or own <= 0:
                        continue
                    if common >= LIE_SHARE * own or common >= COVER_SHARE * size:
                        best[muscle.id] = max(best.get(muscle.id, 0.0), common / size)
        return tuple(sorted(best.items(), key=lambda item: (-item[1], item[0])))


def place_labels(atlas: Mapping[str, ViewAtlas]) -> dict[str, str]:
    """Each surface segment's label (its atlas name), by segment id."""
    labels: dict[str, str] = {}
    for va in atlas.values():
        for region in va.layer("segment"):
            labels.setdefault(region.id, region.name)
    return labels


# -- which segments a searched place names ----------------------------------------------
_NOT_WORD = re.compile(r"[^0-9a-z]+")
_WHERE = frozenset("front back side top inner outer upper lower low mid palm base".split())
"""Words that say where on a place a label lies ("Back of knee", "Inner elbow"); a search
must name the place itself, not only where on it ("back" is not the back of the knee)."""
_PREPOSITION_WORDS = frozenset(p.strip() for p in _PREPOSITIONS)
_PLAIN = frozenset("joint area crease tendon junction".split())
"""Words after a place's name that do not name a place themselves ("jaw joint")."""
_FILLER = frozenset("a an and in my of on the pain pains sore ache aches aching hurts".split())
"""Words a search for a place may carry that no label needs ("pain in the knee")."""


def _word(word: str) -> str:
    """A word compared without its plural s and with "lower" as "low" ("lower back")."""
    word = "low" if word == "lower" else word
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _words(text: str) -> list[str]:
    return [_word(w) for w in _NOT_WORD.sub(" ", text.casefold()).split()]


def _place_words(label: str) -> tuple[set[str], set[str]]:
    """All words of a label, and those that name the place itself: "Back of knee" →
    knee; "Mid back" → back; "Between the shoulder blades" → blade; "Jaw joint (TMJ)" →
    jaw and tmj. A bracket that only says where ("(palm side)") names no place."""
    every: set[str] = set()
    heads: set[str] = set()
    main, _, rest = label.partition("(")
    for phrase in (main, rest.rstrip(")")):
        words = _words(phrase)
        every.update(words)
        if not words or (phrase is not main and all(w in _WHERE for w in words)):
            continue
        if "of" in words:
            words = words[words.index("of") + 1 :]
        for i, w in enumerate(words):  # "Low back beside the spine": the place ends there
            if w in _PREPOSITION_WORDS and i:
                words = words[:i]
                break
        words = [w for w in words if w not in _FILLER and w not in _PREPOSITION_WORDS]
        while len(words) > 1 and words[-1] in _PLAIN:
            words = words[:-1]
        if words:
            heads.add(words[-1])
    return every, heads


def places_named(query: str, labels: Mapping[str, str]) -> list[str]:
    """The segments (ids, in ``labels``' order) whose labels name the place ``query`` says:
    every word of the query is a word of the label and one of them names the place itself
    (the last word may be the start of one, from three letters: "kne"). Case, plurals and
    "pain", "the", "of" … do not count; a query that names no place gives none.

    Examples
    --------
    >>> labels = {"anterior_knee": "Front of knee", "posterior_knee": "Back of knee",
    ...           "mid_back": "Mid back", "scapula": "Shoulder blade",
    ...           "posterior_shoulder": "Back of shoulder"}
    >>> places_named("knee pain", labels)
    ['anterior_knee', 'posterior_knee']
    >>> places_named("back", labels)
    ['mid_back']
    >>> places_named("shoulder", labels)
    ['posterior_shoulder']
    """
    words = [w for w in _words(query) if w not in _FILLER]
    if not words:
        return []
    found: list[str] = []
    for segment, label in labels.items():
        every, heads = _place_words(label)
        if _names_place(words, every, heads):
            found.append(segment)
    return found


def _names_place(words: Iterable[str], every: set[str], heads: set[str]) -> bool:
    *whole, last = list(words)
    if not all(w in every for w in whole):
        return False
    if last in every and (last in heads or any(w in heads for w in whole)):
        return True
    # the word being typed: the start of the place's own name
    return len(last) >= 3 and any(h.startswith(last) for h in heads)
