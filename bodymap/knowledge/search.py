"""Find muscle records by the names people use: the record's name, its id, its group and
its synonyms ("peroneus" finds fibularis, "lats" latissimus dorsi, "ITB" the iliotibial band);
then by the everyday name of a complaint or group ("tennis elbow", "rotator cuff", from
``search_terms.toml``); then by where it hurts ("knee", "low back": the muscles that
commonly refer pain there, then those that lie there) and by the body area ("neck": those
listed under "Head and neck").

Plain Python for the muscle browser's search box and its completion; the GUI only shows
what :func:`search_muscles` answers, with the reason each record is listed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bodymap.knowledge.model import Knowledge, Muscle
from bodymap.knowledge.places import PlaceMuscles, place_noun, place_phrase, places_named
from bodymap.knowledge.terms import SearchTerm

__all__ = [
    "AREA_NAMES",
    "MuscleMatch",
    "area_name",
    "area_words",
    "areas",
    "normalise",
    "search_muscles",
    "term_warnings",
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
_TERM, _PLACE, _LIES, _TERM_WORD, _AREA = 4, 5, 6, 7, 8
"""Below the name matches: a complaint or group the query names or starts, a place the
muscle refers pain to, a place it lies on, a complaint a later word of which the query
starts ("elbow" in "tennis elbow"), a body area the muscle is listed under."""
_LEAST = 3
"""The fewest letters a query needs to start a complaint's name (a whole name may be
shorter: "TMJ")."""
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
    synonym, as the record spells it) or why it is listed (a complaint, a place, an area)."""

    muscle: Muscle
    term: str
    rank: int
    """0 exact, 1 the name starts with the query, 2 a word of it does, 3 it holds it;
    4 a complaint's or group's name, 5 a place it refers pain to, 6 a place it lies on,
    7 a word of a complaint's name, 8 its body area."""
    why: str = ""
    """Why a record found by something other than a name is listed: "often involved in
    what people call tennis elbow", "refers pain to the jaw"."""
    order: float = 0.0
    """Order among the matches of one rank before the name (a complaint's own order, the
    more common referrer first)."""

    @property
    def by_synonym(self) -> bool:
        return self.term != self.muscle.name

    @property
    def label(self) -> str:
        """What the list shows: "Fibularis (peroneus)", "Fibularis", or with a reason
        "Masseter — refers pain to the jaw"."""
        if self.why:
            return f"{self.muscle.name} — {self.why}"
        return self.name_label

    @property
    def name_label(self) -> str:
        """The name alone, as the search's suggestions show it: "Fibularis (peroneus)"."""
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


def search_muscles(
    query: str,
    knowledge: Knowledge,
    area: str | None = None,
    places: Mapping[str, str] | None = None,
    lying: PlaceMuscles | None = None,
) -> list[MuscleMatch]:
    """The records matching ``query``, best first, each once.

    A record matches when its name, a synonym, its id or its group equals the query, starts
    with it, has words starting with each word of it, or holds it; case and punctuation do
    not count. The best-matching name of each record is kept; ties go by the record's name.
    After the name matches come, each with the reason it is listed: the muscles of a
    complaint or group the query names (``knowledge.search_terms``: "tennis elbow"), in the
    table's order; the muscles whose essential zone lies on a place the query names
    (``places``: segment id → label, :func:`bodymap.knowledge.places.place_labels`), the
    more common first; then those lying on such a place (``lying``,
    :class:`~bodymap.knowledge.places.PlaceMuscles`: "shoulder blade" also lists
    infraspinatus, which refers its pain to the front of the shoulder), most of the place
    first; the muscles of a complaint one of whose later words the query
    starts ("elbow"); the muscles listed under a body area the query names ("neck").
    An empty query lists every record by name; one of punctuation only ("***") matches
    none. ``area`` keeps only the records listed under that body area (their own table's,
    or one their ``also_in`` names).

    Examples
    --------
    >>> from bodymap.knowledge import load_knowledge
    >>> [m.muscle.id for m in search_muscles("peroneus", load_knowledge())][:1]
    ['fibularis']
    >>> search_muscles("tennis elbow", load_knowledge())[0].label
    'Supinator — often involved in what people call tennis elbow'
    """
    q = normalise(query)
    if not q and query.strip():
        return []  # punctuation alone names no muscle
    muscles = [m for m in knowledge.muscles.values() if area is None or area in m.areas]
    if not q:
        found = [MuscleMatch(m, m.name, _INSIDE) for m in muscles]
    else:
        best: dict[str, MuscleMatch] = {}
        for match in _by_name(q, muscles):
            best[match.muscle.id] = match
        for match in _by_term(q, knowledge, muscles):
            _keep(best, match)
        if places is not None:
            for match in _by_place(query, places, muscles):
                _keep(best, match)
            if lying is not None:
                for match in _by_lying(query, places, lying, muscles):
                    _keep(best, match)
        for match in _by_area(q, muscles):
            _keep(best, match)
        found = list(best.values())
    found.sort(key=lambda m: (m.rank, m.by_synonym, m.order, normalise(m.muscle.name)))
    return found


def _keep(best: dict[str, MuscleMatch], match: MuscleMatch) -> None:
    held = best.get(match.muscle.id)
    if held is None or (match.rank, match.order) < (held.rank, held.order):
        best[match.muscle.id] = match


def _by_name(q: str, muscles: Iterable[Muscle]) -> Iterable[MuscleMatch]:
    words = q.split()
    for muscle in muscles:
        best: MuscleMatch | None = None
        for term in _terms(muscle):
            rank = _rank(q, words, normalise(term))
            if rank is not None and (best is None or rank < best.rank):
                # a match by id or group is shown under the record's own name
                shown = term if term in muscle.synonyms else muscle.name
                best = MuscleMatch(muscle, shown, rank)
        if best is not None:
            yield best


def _terms_named(q: str, knowledge: Knowledge) -> Iterable[tuple[int, SearchTerm, bool]]:
    """The complaints and groups the normalised query names, with their place in the
    table and whether it names them whole: the whole name (any length), or from three
    letters its start or the start of a later word."""
    words = q.split()
    for number, entry in enumerate(knowledge.search_terms):
        ranked = [
            (rank, spelling)
            for spelling in entry.spellings
            if (rank := _rank(q, words, normalise(spelling))) is not None
            and (rank == _EXACT or (len(q) >= _LEAST and rank in (_PREFIX, _WORD_PREFIX)))
        ]
        if not ranked:
            continue
        rank, spelling = min(ranked, key=lambda found: found[0])
        # the name itself or its first whole words ("golfer"); a word's start ("knee" of
        # "kneecap pain") or a later word ("elbow") comes after the places
        whole = rank == _EXACT or (rank == _PREFIX and normalise(spelling)[len(q)] == " ")
        yield number, entry, whole


def term_warnings(query: str, knowledge: Knowledge) -> tuple[str, ...]:
    """When to see a clinician rather than roll, for each complaint whose muscles ``query``
    lists ("sciatica", "sciatic", "headache": whenever a row names the complaint, its
    warning shows), in the table's order, each once.

    >>> from bodymap.knowledge import load_knowledge
    >>> term_warnings("sciatica", load_knowledge())[0].startswith("Leg pain with numbness")
    True
    """
    q = normalise(query)
    found = [e.warning for _n, e, _whole in _terms_named(q, knowledge) if e.warning]
    return tuple(dict.fromkeys(found))


def _by_term(q: str, knowledge: Knowledge, muscles: list[Muscle]) -> Iterable[MuscleMatch]:
    """The muscles of the complaints and groups the query names (`_terms_named`)."""
    ids = {m.id: m for m in muscles}
    for number, entry, whole in _terms_named(q, knowledge):
        tier = _TERM if whole else _TERM_WORD
        why = entry.why
        for place, muscle_id in enumerate(entry.muscles):
            if muscle_id in ids:
                muscle = ids[muscle_id]
                yield MuscleMatch(muscle, muscle.name, tier, why, number + place / 100)


def _by_place(
    query: str, places: Mapping[str, str], muscles: Iterable[Muscle]
) -> Iterable[MuscleMatch]:
    """The muscles whose essential zone lies on a segment the query names ("knee"), the
    more common first; fascia has no trigger points and refers no pain."""
    named = places_named(query, places)
    if not named:
        return
    for muscle in muscles:
        if muscle.kind == "fascia":
            continue
        segment = next((s for s in muscle.referral.essential if s in named), None)
        if segment is None:
            continue
        label = places[segment]
        verb = "refer" if muscle.plural else "refers"
        where = (
            f"to part of {place_noun(label)}"
            if muscle.referral.focus_on(segment)
            else place_phrase(label)
        )
        yield MuscleMatch(muscle, muscle.name, _PLACE, f"{verb} pain {where}", -muscle.prevalence)


def _by_lying(
    query: str, places: Mapping[str, str], lying: PlaceMuscles, muscles: Iterable[Muscle]
) -> Iterable[MuscleMatch]:
    """The muscles lying on a place the query names ("shoulder blade": infraspinatus),
    those covering most of it first; fascia too (it is rolled where it hurts)."""
    named = places_named(query, places)
    ids = {m.id: m for m in muscles}
    for segment in named:
        for muscle_id, share in lying(segment):
            muscle = ids.get(muscle_id)
            if muscle is None:
                continue
            verb = "lie" if muscle.plural else "lies"
            why = f"{verb} on {place_noun(places[segment])}"
            yield MuscleMatch(muscle, muscle.name, _LIES, why, -share)


def _by_area(q: str, muscles: Iterable[Muscle]) -> Iterable[MuscleMatch]:
    """The muscles listed under a body area whose words hold every word of the query
    ("neck": Head and neck)."""
    words = q.split()
    named = [
        area
        for area, name in AREA_NAMES.items()
        if all(w in normalise(name).split() for w in words)
    ]
    for muscle in muscles:
        area = next((a for a in muscle.areas if a in named), None)
        if area is not None:
            yield MuscleMatch(muscle, muscle.name, _AREA, f"listed under {area_name(area)}")
