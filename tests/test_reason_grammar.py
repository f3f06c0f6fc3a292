"""The reasons a person reads say where pain goes, and name muscles, in plain grammar.

Every surface segment's name, on either view, makes a phrase after "refer pain": "to the
calf", but "between the shoulder blades" (never "to the between the shoulder blades"); and
every muscle's name takes the verb its number asks for: "Soleus lies", "Scalenes lie".
"""

from __future__ import annotations

import re

import pytest

from bodymap.advisor import PainSpot, advise
from bodymap.advisor.tables import place_phrase, tables_for
from bodymap.atlas import load_atlas
from bodymap.knowledge import load_knowledge

SEGMENT_NAMES = sorted({r.name for va in load_atlas().values() for r in va.layer("segment")})
PREPOSITION = re.compile(r"\bto the (?:above|below|behind|beside|between|under|in|on)\b", re.I)
LATIN_OR_ENGLISH_SINGULAR = ("us", "is", "ps", "as", "teres")  # psoas, pronator teres


def _looks_plural(name: str) -> bool:
    """An English plural name ("Rhomboids", "Finger extensors", "Levator ani and ...")."""
    head = re.sub(r"\s*\(.*?\)", "", name).strip()
    last = head.split()[-1].lower()
    return " and " in head or (last.endswith("s") and not last.endswith(LATIN_OR_ENGLISH_SINGULAR))


@pytest.mark.parametrize("name", SEGMENT_NAMES)
def test_every_segment_name_makes_a_place_phrase(name: str) -> None:
    phrase = place_phrase(name)
    assert not PREPOSITION.search(phrase), phrase
    assert "(" not in phrase, phrase  # a label's brackets do not read in a sentence
    assert not re.search(r"\b(?:front|back|side|top) of (?!the\b)", phrase), phrase
    assert phrase.startswith("to the ") or phrase.split()[0] in (
        "above",
        "below",
        "behind",
        "beside",
        "between",
        "under",
    )


def test_every_referral_reason_reads_as_a_sentence() -> None:
    table = tables_for(load_atlas(), load_knowledge()).referrers
    texts = {r.text for rows in table.values() for r in rows}
    assert len(texts) > 300
    for text in texts:
        assert not PREPOSITION.search(text), text
    assert any("refer pain between the shoulder blades." in t for t in texts)
    assert (
        "Trigger points in the rhomboids commonly refer pain between the shoulder blades." in texts
    )
    assert any(t.endswith("pain to the back of the shoulder.") for t in texts)


def test_a_plural_name_is_marked_so() -> None:
    for m, rec in load_knowledge().muscles.items():
        if _looks_plural(rec.name):
            assert rec.plural, f"{m}: {rec.name!r} reads as a plural; mark it plural = true"


def test_the_verb_agrees_with_the_name_in_the_panel_reasons() -> None:
    atlas, knowledge = load_atlas(), load_knowledge()
    marks = atlas["back"].landmarks
    x, y = marks["scapula_spine_root_r"]
    advice = advise([PainSpot("back", x + 6, y + 20, 5, "ache")])
    names = {s.muscle: s for s in advice.sources}
    assert "rhomboids" in names
    texts = [r.text for r in names["rhomboids"].reasons if r.kind == "local"]
    assert texts and all(t.startswith("Rhomboids lie ") for t in texts), texts
    for rec in knowledge.muscles.values():
        assert rec.lies == ("lie" if rec.plural else "lies")


def test_an_area_never_covers_zero_percent_of_a_zone_it_reaches() -> None:
    atlas = load_atlas()
    shapely = pytest.importorskip("shapely")
    area = shapely.box(545, 255, 575, 285)  # the lower tip of the right shoulder blade
    advice = advise([PainSpot("back", 560, 270, 5, "ache", area=area)], atlas)
    texts = [r.text for s in advice.sources for r in s.reasons if "covers" in r.text]
    assert texts and not any(" 0 %" in t for t in texts), texts
    assert any("covers less than 1 % of that zone" in t for t in texts)
