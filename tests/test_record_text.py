"""The muscle browser's record text and the advice agree on whether a muscle is rolled."""

from __future__ import annotations

from bodymap.advisor.routine import not_rolled_here
from bodymap.advisor.tables import tables_for
from bodymap.atlas import load_atlas
from bodymap.knowledge import load_knowledge
from bodymap.ui.browser.record_text import DONT_ROLL, record_text


def test_a_muscle_with_no_room_to_roll_is_not_given_a_technique_in_the_browser() -> None:
    """Subscapularis lies in the armpit's zone: the panel says it is not rolled and to roll
    the armpit's edges instead; the browser says the same, not its fingertip technique."""
    atlas, knowledge = load_atlas(), load_knowledge()
    text = record_text(knowledge.muscles["subscapularis"], atlas, knowledge, "right")
    assert DONT_ROLL in text and "How to roll" not in text
    assert "It lies in a place not to roll: armpit." in text
    assert knowledge.cautions["axilla"].instead in text


def test_the_browser_offers_a_technique_exactly_when_the_routine_could_roll_it() -> None:
    atlas, knowledge = load_atlas(), load_knowledge()
    tables = tables_for(atlas, knowledge)
    for muscle in knowledge.muscles.values():
        for side in ("right", "left"):
            text = record_text(muscle, atlas, knowledge, side)
            rolled = muscle.technique.rolled and not_rolled_here(muscle.id, side, tables) is None
            assert ("How to roll" in text) == rolled, (muscle.id, side)
            assert (DONT_ROLL in text) == (not rolled), (muscle.id, side)


def test_a_muscle_not_rolled_here_keeps_only_the_places_cautions() -> None:
    """The withdrawn technique's own cautions ("pinch and lift the muscle") are not shown
    under "Don't roll"; the neck zone's text is."""
    atlas, knowledge = load_atlas(), load_knowledge()
    scm = knowledge.muscles["sternocleidomastoid"]
    text = record_text(scm, atlas, knowledge, "right")
    assert DONT_ROLL in text
    assert not any(caution in text for caution in scm.cautions)
    assert knowledge.cautions["neck_front"].text in text


def test_the_browser_says_each_caution_once() -> None:
    """A place a record keeps clear of is named by its own cautions when the record covers
    it: the browser then shows the record's words, not the place's text as well; a place
    it does not cover keeps its text."""
    atlas, knowledge = load_atlas(), load_knowledge()
    tables = tables_for(atlas, knowledge)
    checked = 0
    for muscle in knowledge.muscles.values():
        if not muscle.technique.rolled or not_rolled_here(muscle.id, "right", tables):
            continue
        text = record_text(muscle, atlas, knowledge, "right")
        for zone in muscle.avoid:
            place = knowledge.cautions[zone].text
            assert (place in text) == (zone not in muscle.cautions_cover), (muscle.id, zone)
            checked += 1
    assert checked > 20
