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


def test_no_reason_carries_a_label_bracket_and_the_browser_says_part_of_in_words() -> None:
    from bodymap.ui.browser.record_text import record_text

    atlas, knowledge = load_atlas(), load_knowledge()
    tables = tables_for(atlas, knowledge)
    texts = [r.text for rows in tables.referrers.values() for r in rows]
    texts += list(tables.local_text.values())
    assert not [t for t in texts if "(" in t]
    assert "Gemelli lie under this spot." in texts
    for rec in knowledge.muscles.values():
        for line in record_text(rec, atlas, knowledge).splitlines():
            if line.startswith(("Commonly refers", "Spilling over", "Felt at")):
                assert not PREPOSITION.search(line) and "part of the between" not in line, line
                assert not re.search(r"part of the (?:top|back|front|side) of (?!the\b)", line)
                assert not re.search(r"part of [^,]*\(", line), line
    scalenes = record_text(knowledge.muscles["scalenes"], atlas, knowledge)
    assert "part of the area between the shoulder blades" in scalenes


def test_a_painted_area_centred_on_the_midline_lists_each_muscle_once_as_both() -> None:
    shapely = pytest.importorskip("shapely")
    for view, box in (
        ("back", (470, 200, 530, 280)),
        ("back", (420, 300, 580, 340)),
        ("back", (460, 380, 540, 440)),
        ("front", (450, 250, 550, 320)),
    ):
        area = shapely.box(*box)
        point = area.centroid
        advice = advise([PainSpot(view, point.x, point.y, 5, "ache", area=area)])
        sides: dict[str, set[str]] = {}
        for s in advice.sources:
            sides.setdefault(s.muscle, set()).add(s.side)
        split = {m: v for m, v in sides.items() if {"right", "left"} <= v}
        assert not split, (view, box, split)


def test_the_panel_shortens_an_area_reason_only_by_its_fill_bracket() -> None:
    from bodymap.advisor.model import Reason
    from bodymap.ui.panel.advice_panel import reason_text

    covered = Reason(0, "referred", "essential", "Its main zone covers 72 % of area 1 (the area "
                     "covers 15 % of that zone).")  # fmt: skip
    assert reason_text(covered, area=True) == "its main zone covers 72 % of area 1"
    named = Reason(0, "local", None, "Some muscle (a label) lies under 38 % of area 1.")
    assert reason_text(named, area=True) == "some muscle (a label) lies under 38 % of area 1"
