"""Find muscle records by the names people use: the record's name, its id, its group and
its synonyms ("peroneus" finds fibularis, "lats" latissimus dorsi, "ITB" the iliotibial band).

Plain Python for the muscle browser's search box and its completion; the GUI only shows
what :func:`search_muscles` answers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from bodymap.knowledge.model import Knowledge, Muscle

__all__ = [
    "AREA_NAMES",
    "MuscleMatch",
    "area_name",
    "area_words",
    "areas",
    "normalise",
    "search_muscles",
]

AREA_NAMES: dict[str, str] = {
    "head_neck": "Head and neck",
    "face_jaw": "Face and jaw",
    "shoulder_arm": "Shoulder and arm",
    "forearm_hand": "Forearm and hand",
    "chest_wall": "Chest wall",
    "trunk": "Trunk and back",
    "hip_thigh": "Hip and thigh",
    "hip_deep": "Deep hip and pelvis",
    "leg_foot": "Leg",
    "foot": "Foot",
}
"""Body areas (the knowledge table a record comes from, and those its ``also_in`` names) in
head-to-toe order, with the words the browser shows for them."""

_EXACT, _PREFIX, _WORD_PREFIX, _INSIDE = 0, 1, 2, 3
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def normalise(text: str) -> str:
    """Lower case, with every run of punctuation, underscores and spaces made one space:
    ``"Boxer's muscle"`` → ``"boxer s muscle"``, ``"gluteus_medius"`` → ``"gluteus medius"``."""
    return " ".join(_NOT_WORD.sub(" ", text.casefold()).split())


def area_name(area: str) -> str:
    """The words for a body area (a table name such as ``forearm_hand``)."""
    return AREA_NAMES.get(area, area.replace("_", " ").capitalize())


def area_words(muscle: Muscle) -> str:
    """The body areas a record is listed under, in words: "Head and neck (also listed
    under Face and jaw)"."""
    words = area_name(muscle.area)
    if muscle.also_in:
        words += f" (also listed under {', '.join(map(area_name, muscle.also_in))})"
    return words


def areas(knowledge: Knowledge) -> list[str]:
    """The body areas that hold records, head to toe (known areas first)."""
    present = {area for m in knowledge.muscles.values() for area in m.areas}
    known = [a for a in AREA_NAMES if a in present]
    return known + sorted(present - set(known))


@dataclass(frozen=True, slots=True)
class MuscleMatch:
    """A record that matches a query, and the name it matched by (its own name or a
    synonym, as the record spells it)."""

    muscle: Muscle
    term: str
    rank: int
    """0 exact, 1 the name starts with the query, 2 a word of it does, 3 it holds it."""

    @property
    def by_synonym(self) -> bool:
        return self.term != self.muscle.name

    @property
    def label(self) -> str:
        """What a completion list shows: "Fibularis (peroneus)" or "Fibularis"."""
        return f"{self.muscle.name} ({self.term})" if self.by_synonym else self.muscle.name


def _terms(muscle: Muscle) -> Iterable[str]:
    yield muscle.name
    yield from muscle.synonyms
    yield muscle.id.replace("_", " ")
    if muscle.group:
        yield muscle.group.replace("_", " ")


def _rank(query: str, words: list[str], term: str) -> int | None:
    if term == query:
        return _EXACT
    if term.startswith(query):
        return _PREFIX
    term_words = term.split()
    if all(any(t.startswith(w) for t in term_words) for w in words):
        return _WORD_PREFIX
    if query in term:
        return _INSIDE
    return None


def search_muscles(query: str, knowledge: Knowledge, area: str | None = None) -> list[MuscleMatch]:
    """The records matching ``query``, best first, each once.

    A record matches when its name, a synonym, its id or its group equals the query, starts
    with it, has words starting with each word of it, or holds it; case and punctuation do
    not count. The best-matching name of each record is kept; ties go by the record's name.
    An empty query lists every record by name; one of punctuation only ("***") matches
    none. ``area`` keeps only the records listed under that body area (their own table's,
    or one their ``also_in`` names).

    Examples
    --------
    >>> from bodymap.knowledge import load_knowledge
    >>> [m.muscle.id for m in search_muscles("peroneus", load_knowledge())][:1]
    ['fibularis']
    """
    q = normalise(query)
    if not q and query.strip():
        return []  # punctuation alone names no muscle
    words = q.split()
    found: list[MuscleMatch] = []
    for muscle in knowledge.muscles.values():
        if area is not None and area not in muscle.areas:
            continue
        if not q:
            found.append(MuscleMatch(muscle, muscle.name, _INSIDE))
            continue
        best: MuscleMatch | None = None
        for term in _terms(muscle):
            rank = _rank(q, words, normalise(term))
            if rank is not None and (best is None or rank < best.rank):
                # a match by id or group is shown under the record's own name
                shown = term if term in muscle.synonyms else muscle.name
                best = MuscleMatch(muscle, shown, rank)
        if best is not None:
            found.append(best)
    found.sort(key=lambda m: (m.rank, m.by_synonym, normalise(m.muscle.name)))
    return found
