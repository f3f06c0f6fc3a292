"""The press test's rule: answers re-rank the sources after the ranking and show as reasons.

Property-tested: a "yes" never lowers a source, a "no" never raises it, no answers leave
the ranking unchanged."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bodymap.advisor import PainSpot, Source, advise
from bodymap.advisor.press import (
    PRESS_KIND,
    answers_by_index,
    apply_press_answers,
    press_questions,
    press_text,
)
from bodymap.advisor.tables import tables_for
from bodymap.atlas import load_atlas
from bodymap.knowledge import load_knowledge
from bodymap.maps import load_map, save_map
from bodymap.maps.verbs import answer_press_test
from bodymap.resources import asset


def clear(view: str, x: float, y: float) -> bool:
    """The shipped zones not to press (`bodymap.advisor.press.NoPressZones`)."""
    return bool(tables_for(load_atlas(), load_knowledge()).no_press.clear(view, x, y))


NECK_R = PainSpot("back", 560.0, 175.0, 7)
LOW_BACK = PainSpot("back", 470.0, 395.0, 5)

MUSCLES = [f"m{i}" for i in range(8)]
answers_st = st.dictionaries(
    st.tuples(st.integers(0, 2), st.sampled_from(MUSCLES), st.just("right")),
    st.sampled_from(["yes", "partly", "no"]),
    max_size=10,
)
# Each source's score comes from spots 0..2 in random parts (its evidence), or, built by
# hand, from no recorded spot at all.
parts_st = st.lists(st.floats(0.0, 1.0), min_size=3, max_size=3)
sources_st = st.lists(
    st.tuples(st.floats(0.0, 1.0), parts_st, st.booleans()), min_size=1, max_size=8
).map(
    lambda rows: tuple(
        Source(
            m,
            "right",
            s,
            m,
            (),
            evidence=tuple((i, v) for i, v in enumerate(parts) if v > 0) if recorded else (),
        )
        for m, (s, parts, recorded) in zip(MUSCLES, sorted(rows, key=lambda r: -r[0]), strict=False)
    )
)


def rank_of(sources, muscle: str) -> int:
    return [s.muscle for s in sources].index(muscle)


def score_of(sources, muscle: str) -> float:
    return next(s.score for s in sources if s.muscle == muscle)


@given(sources_st)
def test_no_answers_leave_the_ranking_unchanged(sources):
    assert apply_press_answers(sources, {}) == sources
    assert apply_press_answers(sources, None) == sources


@pytest.mark.slow
@given(sources_st, answers_st, st.integers(0, 7), st.integers(0, 2), st.integers(1, 3))
@settings(max_examples=300)
def test_a_yes_never_lowers_a_source_and_a_no_never_raises_it(sources, answers, pick, spot, points):
    """With the spots served by 1 to 3 points to press (spot i by point i mod ``points``).
    One answer per point counts (`one_per_point`): the property is of that answer, so the
    source's other answers about the same point are left out."""
    muscle = sources[pick % len(sources)].muscle
    key = (spot, muscle, "right")

    def site_of(_source, i: int) -> tuple[str, float, float]:
        return ("back", float(i % points), 0.0)

    answers = {
        (i, m, side): v
        for (i, m, side), v in answers.items()
        if m != muscle or i % points != spot % points
    }
    before = apply_press_answers(sources, answers, site_of=site_of)
    for answer, better in (("yes", True), ("partly", True), ("no", False)):
        after = apply_press_answers(sources, {**answers, key: answer}, site_of=site_of)
        if better:
            assert rank_of(after, muscle) <= rank_of(before, muscle)
            assert score_of(after, muscle) >= score_of(before, muscle)
        else:
            assert rank_of(after, muscle) >= rank_of(before, muscle)
            assert score_of(after, muscle) <= score_of(before, muscle)
        assert 0.0 <= score_of(after, muscle) <= 1.0
        # the other sources keep their scores
        for s in after:
            if s.muscle != muscle:
                assert s.score == score_of(before, s.muscle)


@given(sources_st, st.integers(0, 7))
def test_partly_lifts_less_than_yes(sources, pick):
    muscle = sources[pick % len(sources)].muscle
    yes = score_of(apply_press_answers(sources, {(0, muscle, "right"): "yes"}), muscle)
    partly = score_of(apply_press_answers(sources, {(0, muscle, "right"): "partly"}), muscle)
    plain = score_of(sources, muscle)
    assert plain <= partly <= yes
    if plain < 1.0:
        assert partly < yes


def test_answers_show_as_reasons_first():
    sources = (Source("a", "right", 0.8, "A", ()), Source("b", "left", 0.4, "B", ()))
    out = apply_press_answers(sources, {(1, "b", "left"): "yes", (0, "b", "left"): "no"})
    b = next(s for s in out if s.muscle == "b")
    assert [(r.spot, r.kind, r.answer) for r in b.reasons] == [
        (0, PRESS_KIND, "no"),
        (1, PRESS_KIND, "yes"),
    ]
    assert b.reasons[1].text == "pressing it reproduced your pain at spot 2"
    # without per-spot parts the "no" halves the whole score, then the "yes" halves the gap
    assert b.score == pytest.approx(0.6)
    assert press_text("partly", 0) == "pressing it partly reproduced your pain at spot 1"
    assert press_text("no", 2) == "pressing it did not reproduce your pain at spot 3"


def test_a_no_lowers_only_the_part_of_the_score_its_spot_gave():
    """Pressing the point did not reproduce the pain at spot 1: that says little about
    spot 2, which the muscle also explains (physiotherapist review, round 17)."""
    a = Source("a", "right", 0.6, "A", (), evidence=((0, 3.0), (1, 1.0)))
    b = Source("b", "right", 0.5, "B", (), evidence=((1, 2.0),))
    no_at_1 = apply_press_answers((a, b), {(1, "a", "right"): "no"})
    assert score_of(no_at_1, "a") == pytest.approx(0.6 - 0.15 * 0.5)  # spot 2's quarter halved
    assert [s.muscle for s in no_at_1] == ["a", "b"]
    assert dict(next(s for s in no_at_1 if s.muscle == "a").evidence) == {0: 3.0, 1: 0.5}
    no_at_0 = apply_press_answers((a, b), {(0, "a", "right"): "no"})
    assert score_of(no_at_0, "a") == pytest.approx(0.6 - 0.45 * 0.5)
    assert [s.muscle for s in no_at_0] == ["b", "a"]
    # a "no" about a spot it does not explain (left from before the spot moved): no change
    stale = apply_press_answers((a, b), {(2, "a", "right"): "no"})
    assert score_of(stale, "a") == pytest.approx(0.6)
    # a "no" at each spot halves the whole
    both = apply_press_answers((a, b), {(0, "a", "right"): "no", (1, "a", "right"): "no"})
    assert score_of(both, "a") == pytest.approx(0.3)


def test_in_advise_a_no_reaches_the_spots_the_pressed_point_serves():
    """The test is of a point, not a spot (a physiotherapist reviewer, round 18): gluteus
    minimus has one point to press, which gives its whole pattern, so a "no" about the
    thigh halves what it earns at the calf too, and the question names both spots.
    Multifidus is pressed at the low back for a low-back spot and at the neck for a neck
    spot: a "no" at the low back keeps what it earns at the neck."""
    thigh = PainSpot("back", 548.0, 625.0, 6)  # back of the thigh, right
    calf = PainSpot("back", 542.0, 847.0, 6)  # calf, right
    plain = advise([thigh, calf])
    top = plain.sources[0]
    assert top.muscle == "gluteus_minimus" and {i for i, _ in top.evidence} == {0, 1}
    [question] = [q for q in plain.press if q.muscle == "gluteus_minimus"]
    assert (question.spot, question.also) in {(0, (1,)), (1, (0,))}
    assert question.text().endswith("Does it reproduce your pain at spot 1 or spot 2?")
    after = advise([thigh, calf], press={(question.spot, top.muscle, top.side): "no"})
    moved = next(s for s in after.sources if (s.muscle, s.side) == (top.muscle, top.side))
    assert moved.score == pytest.approx(top.score / 2)
    [reason] = [r for r in moved.reasons if r.kind == PRESS_KIND]
    assert reason.text == "pressing it did not reproduce your pain at spot 1 or spot 2"

    low_back = PainSpot("back", 515.0, 423.0, 6)
    neck = PainSpot("back", 511.0, 133.2, 6)
    plain = advise([low_back, neck])
    multifidus = next(s for s in plain.sources if s.muscle == "multifidus")
    given = dict(multifidus.evidence)
    assert set(given) == {0, 1}
    [question] = [q for q in plain.press if q.muscle == "multifidus"]
    assert question.also == ()
    after = advise(
        [low_back, neck],
        press={(question.spot, "multifidus", question.answer_side): "no"},
    )
    moved = next(s for s in after.sources if s.muscle == "multifidus")
    [reason] = [r for r in moved.reasons if r.kind == PRESS_KIND]
    other = 2 - question.spot  # spot numbers count from 1
    assert reason.text.endswith(f"(spot {other}, served by another of its points, still counts)"), (
        reason.text
    )
    part = multifidus.score * given[question.spot] / sum(given.values())
    assert moved.score == pytest.approx(multifidus.score - part / 2)
    assert moved.score > multifidus.score / 2


def test_of_two_answers_about_one_point_the_first_spots_stands():
    """ "no" about spot 1 and "partly" about spot 2, which the same point serves: one test,
    one reason, one question (physiotherapist review 3, round 18)."""
    thigh = PainSpot("back", 548.0, 625.0, 6)
    calf = PainSpot("back", 542.0, 847.0, 6)
    plain = advise([thigh, calf]).sources[0]
    mixed = {(0, plain.muscle, plain.side): "no", (1, plain.muscle, plain.side): "partly"}
    advice = advise([thigh, calf], press=mixed)
    got = next(s for s in advice.sources if s.muscle == plain.muscle)
    assert got.score == pytest.approx(plain.score / 2)
    assert [r.answer for r in got.reasons if r.kind == PRESS_KIND] == ["no"]
    assert [q.spot for q in advice.press if q.muscle == plain.muscle] == [0]


def test_an_answer_about_a_spot_it_no_longer_explains_never_stands_for_the_point():
    """Of two answers about one point, one about a spot the muscle no longer explains (a
    spot moved since) gives way to the one about a spot it explains."""
    a = Source("a", "right", 0.6, "A", (), evidence=((1, 2.0), (2, 1.0)))

    def one_point(_source, _spot: int) -> tuple[str, float, float]:
        return ("back", 0.0, 0.0)

    answers = {(0, "a", "right"): "yes", (1, "a", "right"): "no"}
    [got] = apply_press_answers((a,), answers, site_of=one_point)
    assert got.score == pytest.approx(0.3)
    assert [r.answer for r in got.reasons] == ["no"]


def test_a_no_names_a_spot_it_lowers_that_the_question_did_not():
    """Biceps femoris is asked about the thigh only (it explains the calf less than half as
    well), but its point serves both: the reason says the "no" lowered the calf too, not
    that the person said so about it (physiotherapist review 3, round 18)."""
    thigh = PainSpot("back", 548.0, 625.0, 6)
    calf = PainSpot("back", 542.0, 847.0, 6)
    advice = advise([thigh, calf], press={(0, "biceps_femoris", "right"): "no"})
    got = next(s for s in advice.sources if s.muscle == "biceps_femoris")
    [reason] = [r for r in got.reasons if r.kind == PRESS_KIND]
    assert reason.text == (
        "pressing it did not reproduce your pain at spot 1"
        " (this also lowers spot 2, which the same point serves)"
    )


def test_two_answers_about_one_point_are_one_test():
    """Answers saved about two spots the same point serves (from a file or the API) are
    one test: the larger "no" halves, not a quarter (physiotherapist review 2, round 18)."""
    thigh = PainSpot("back", 548.0, 625.0, 6)
    calf = PainSpot("back", 542.0, 847.0, 6)
    plain = advise([thigh, calf]).sources[0]
    assert plain.muscle == "gluteus_minimus"
    both = {(0, plain.muscle, plain.side): "no", (1, plain.muscle, plain.side): "no"}
    twice = next(s for s in advise([thigh, calf], press=both).sources if s.muscle == plain.muscle)
    assert twice.score == pytest.approx(plain.score / 2)


def test_an_unknown_answer_is_refused():
    with pytest.raises(ValueError, match="unknown press-test answer"):
        apply_press_answers((Source("a", "right", 0.5, "A", ()),), {(0, "a", "right"): "maybe"})


def test_a_yes_for_the_third_source_lifts_it_in_advise():
    plain = advise([NECK_R, LOW_BACK])
    third = plain.sources[2]
    lifted = advise([NECK_R, LOW_BACK], press={(0, third.muscle, third.side): "yes"})
    assert rank_of(lifted.sources, third.muscle) < 2
    assert lifted.sources[rank_of(lifted.sources, third.muscle)].reasons[0].answer == "yes"
    lowered = advise([NECK_R, LOW_BACK], press={(0, plain.sources[0].muscle, "right"): "no"})
    assert lowered.sources[0].muscle != plain.sources[0].muscle


def test_questions_ask_about_the_top_sources_at_their_most_intense_spot():
    spots = [PainSpot("back", 560.0, 175.0, 3), PainSpot("back", 565.0, 180.0, 8)]
    advice = advise(spots)
    questions = advice.press
    assert questions == press_questions(
        advice.sources,
        [s.view for s in spots],
        [3, 8],
        clear=clear,
        spots_at=[(s.x, s.y) for s in spots],
    )
    assert [q.muscle for q in questions] == [s.muscle for s in advice.sources[:3]]
    for q in questions:
        assert q.spot == 1
        assert q.site is not None and q.site[0] == "back"
        # the same point serves both spots (a hand's width apart): both are named
        assert q.also == (0,)
        assert q.text() == (
            "Press the spot marked ⊕ for 10 s. Does it reproduce your pain at spot 1 or spot 2?"
        )


def test_of_two_equally_intense_spots_the_question_asks_about_the_one_it_explains_best():
    """Spots 1 and 2 hurt alike and the same sources explain both: each question asks about
    the spot the source explains best (its part of the score there), the first on a full
    tie, whatever order the spots are given in the reasons. Asking about the first alone
    asked gluteus minimus about a low-back area it lay under by 1 %, not the outer-thigh
    area its main zone covers (a walk's finding)."""
    spots = [PainSpot("back", 560.0, 175.0, 6), PainSpot("back", 565.0, 180.0, 6)]
    advice = advise(spots)
    assert advice.press

    def best(source) -> int:
        given = dict(source.evidence)
        return max((0, 1), key=lambda i: (given.get(i, 0.0), -i))

    for q in advice.press:
        source = next(s for s in advice.sources if (s.muscle, s.side) == (q.muscle, q.side))
        assert {r.spot for r in source.reasons} == {0, 1}
        assert q.spot == best(source)
    flipped = tuple(replace(s, reasons=s.reasons[::-1]) for s in advice.sources)
    again = press_questions(
        flipped, ["back", "back"], [6, 6], clear=clear, spots_at=[(s.x, s.y) for s in spots]
    )
    assert [q.spot for q in again] == [q.spot for q in advice.press]


def test_the_press_test_asks_about_the_area_a_muscles_main_zone_covers() -> None:
    """A low-back area and an outer-thigh area at the same intensity (a walk's map):
    gluteus minimus, whose main zone covers the thigh area and which lies under the low
    back's edge, is asked about at the thigh."""
    from pathlib import Path

    from bodymap.advisor import advise_map
    from bodymap.maps import edit_spot, load_map

    tpm = load_map(Path(__file__).parent / "data" / "walk_low_back_thigh.bodymap")
    assert [s.intensity for s in tpm.spots] == [5, 5]
    asked = {(q.muscle, q.side): q.spot for q in advise_map(tpm).press}
    assert asked.get(("gluteus_minimus", "right")) == 1, asked
    # the low back a point worse: still the thigh (the reviewer's follow-up)
    edit_spot(tpm, tpm.spots[0].id, intensity=6)
    asked = {(q.muscle, q.side): q.spot for q in advise_map(tpm).press}
    assert asked.get(("gluteus_minimus", "right")) == 1, asked


def test_an_answered_source_keeps_its_question_after_it_falls_out_of_the_top():
    advice = advise([NECK_R])
    top = advice.sources[0]
    others = {(0, s.muscle, s.side): "yes" for s in advice.sources[1:4]}
    lowered = advise([NECK_R], press={(0, top.muscle, top.side): "no", **others})
    assert rank_of(lowered.sources, top.muscle) >= 3
    questions = press_questions(
        lowered.sources, ["back"], [7], clear=clear, spots_at=[(NECK_R.x, NECK_R.y)]
    )
    assert (top.muscle, 0) in {(q.muscle, q.spot) for q in questions}
    assert len(questions) == 4


def test_answers_by_index_follow_the_spots_order():
    class A:
        def __init__(self, spot_id, muscle, side, answer):
            self.spot_id, self.muscle, self.side, self.answer = spot_id, muscle, side, answer

    got = answers_by_index(["s1", "s2"], [A("s2", "m", "left", "yes"), A("gone", "m", "x", "no")])
    assert got == {(1, "m", "left"): "yes"}


def test_bodymap_advise_shows_the_answers_in_the_reasons(tmp_path, capsys):
    from bodymap.cli import main

    tpm = load_map(asset("examples/desk_worker.bodymap"))
    advice = advise(tpm.spots)
    source = advice.sources[2]
    spot = source.reasons[0].spot
    answer_press_test(tpm, tpm.spots[spot].id, source.muscle, source.side, "yes")
    path = tmp_path / "map.bodymap"
    save_map(tpm, path)
    assert main(["advise", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    listed = [s["muscle"] for s in data["sources"]]
    assert listed.index(source.muscle) < 2
    reasons = data["sources"][listed.index(source.muscle)]["reasons"]
    assert reasons[0] == {
        "spot": spot,
        "kind": "press",
        "text": f"pressing it reproduced your pain at spot {spot + 1}",
        "answer": "yes",
    }


def test_an_answer_about_a_source_listed_for_both_sides_is_kept_under_midline():
    """A midline spot lists its sources once for both sides; the press test stores the
    answer as ``midline``, and that answer must reach the source."""
    spine = PainSpot("back", 500.0, 395.0, 6)
    plain = advise([spine]).sources
    both = [s for s in plain if s.side == "both"]
    assert both, "a midline spot lists sources for both sides"
    last = both[-1]
    pressed = advise([spine], press={(0, last.muscle, "midline"): "yes"}).sources
    assert score_of(pressed, last.muscle) > score_of(plain, last.muscle)
    source = next(s for s in pressed if s.muscle == last.muscle)
    assert source.reasons[0].kind == PRESS_KIND


def test_questions_and_reasons_about_a_painted_area_say_area():
    import shapely

    area = shapely.box(455, 380, 485, 410)
    spots = [PainSpot("back", 470.0, 395.0, 6, "ache", area=area)]
    plain = advise(spots).sources
    (first, *_) = press_questions(
        plain, ["back"], [6.0], areas={0}, clear=clear, spots_at=[(470.0, 395.0)]
    )
    assert first.text().endswith("your pain at area 1?")
    pressed = advise(spots, press={(0, first.muscle, first.answer_side): "yes"}).sources
    source = next(s for s in pressed if s.muscle == first.muscle)
    assert source.reasons[0].text == "pressing it reproduced your pain at area 1"
    point = advise([LOW_BACK], press={(0, first.muscle, first.answer_side): "no"}).sources
    texts = [r.text for s in point for r in s.reasons if r.kind == PRESS_KIND]
    assert all(t.endswith("spot 1") for t in texts)


def test_no_press_test_is_offered_on_a_limb_a_clinician_must_clear_first():
    """A tingling thigh holds the leg's muscles for a clinician's word: pressing one hard
    for 10 s is not offered; the neck spot's sources still are."""
    thigh = PainSpot("front", 575.0, 560.0, 9, "tingling")  # front of the left thigh
    neck = PainSpot("back", 560.0, 175.0, 2)
    advice = advise([thigh, neck])
    held = advice.routine.held
    assert held and all(
        n.clinician_first for n in advice.routine.not_rolled if (n.muscle, n.side) in held
    )
    views, levels = ["front", "back"], [9, 2]
    at = [(thigh.x, thigh.y), (neck.x, neck.y)]
    offered = press_questions(advice.sources, views, levels, held=held, clear=clear, spots_at=at)
    assert offered == advice.press
    assert offered and not {(q.muscle, q.side) for q in offered} & held
    assert all(q.spot == 1 for q in offered)  # the neck spot's sources take the places
    every = press_questions(advice.sources, views, levels, clear=clear, spots_at=at)
    assert {(q.muscle, q.side) for q in every} & held  # without the rule they would be asked


def test_the_front_of_the_deltoid_is_pressed_and_the_armpit_hollow_is_not() -> None:
    """The armpit zone starts about 8 cm below the acromion, at the dome of its hollow: the
    anterior deltoid's trigger point above it is a place to press (a zone drawn higher took
    its press test away), while the hollow itself and its margin are not."""
    front = load_atlas()["front"]
    for s in ("r", "l"):
        (ax, ay), (ex, ey) = front.landmarks[f"acromion_{s}"], front.landmarks[f"elbow_crease_{s}"]
        assert clear("front", ax + (ex - ax) * 0.18, ay + (ey - ay) * 0.18), s
    hollow = next(r for r in front.regions if r.id == "axilla" and r.side == "right")
    x, y = hollow.geometry.representative_point().coords[0]
    assert not clear("front", x, y)
    advice = advise([PainSpot("front", 385.0, 232.0, 5)])
    assert advice.press[0].muscle == "deltoid_anterior"


# the heart warning's places where pressing cannot tell muscle pain from heart pain
NO_PRESS_SEGMENTS = ("chest", "sternum", "lateral_chest", "upper_abdomen", "jaw", "chin", "tmj")


def _inside(view: str, segment: str, side: str) -> tuple[float, float]:
    import shapely

    (region,) = [r for r in load_atlas()[view].find(segment, side) if r.layer == "segment"]
    point = shapely.point_on_surface(region.geometry)
    return point.x, point.y


@pytest.mark.parametrize("segment", [*NO_PRESS_SEGMENTS, "throat"])
def test_a_spot_raising_the_heart_warning_on_the_front_is_asked_no_press_test(segment) -> None:
    """On the chest, the upper belly, the jaw and the throat the heart warning is raised and
    no press test is offered, for any pain kind and either side: a tender chest does not rule
    the heart out, and a "yes" would raise a muscle over the warning. The spot says why."""
    knowledge = load_knowledge()
    cardiac = next(flag for flag in knowledge.red_flags if flag.id == "cardiac")
    atlas = load_atlas()
    sides = [r.side for r in atlas["front"].layer("segment") if r.id == segment]
    assert sides, segment
    for side in sides:
        x, y = _inside("front", segment, side)
        for kind in ("ache", "sharp"):
            advice = advise([PainSpot("front", x, y, 7, kind)])
            assert "cardiac" in {f.id for f in advice.red_flags}, (segment, side)
            assert advice.press == (), (segment, side, kind)
            assert advice.spots[0].press_note == cardiac.press_note
            assert advice.to_json()["spots"][0]["press_note"] == cardiac.press_note


UPPER_CHEST = ("chest", "sternum", "clavicle", "anterior_shoulder")
CHEST_MUSCLES = {"pectoralis_major", "sternalis", "subclavius"}


def test_every_spot_over_the_chest_muscles_raises_the_heart_warning_without_a_press_test():
    """Over the chest muscles on the chest, the breastbone, the band below the collarbones
    and the front of the shoulder, a spot raises the heart warning and is asked no press
    test: a grid over the whole upper chest, both sides (the band below the collarbones
    had neither: 338 points there asked to press the chest muscle)."""
    import numpy as np

    front = load_atlas()["front"]
    checked = 0
    for x in np.arange(380.0, 622.0, 8.0):
        for y in np.arange(160.0, 330.0, 8.0):
            hit = front.locate(x, y)
            segments = {r.id for r in hit.segments}
            if not (hit.inside and segments & set(UPPER_CHEST)):
                continue
            if not CHEST_MUSCLES & {r.id for r in hit.regions}:
                continue
            advice = advise([PainSpot("front", x, y, 5)])
            assert "cardiac" in {f.id for f in advice.red_flags}, (x, y, segments)
            assert advice.press == (), (x, y, segments)
            checked += 1
    assert checked > 150


def test_an_answer_about_such_a_spot_does_not_count_and_others_are_still_asked() -> None:
    """A saved "yes" about a chest spot leaves the ranking as it is; a second spot between
    the shoulder blades (the heart warning too, but a common muscle spot) keeps its press
    test, and its answers count."""
    chest = PainSpot("front", 546, 280, 6)
    back = PainSpot("back", 530, 250, 5)
    plain = advise([chest, back])
    muscle, side = plain.sources[0].muscle, plain.sources[0].side
    said = advise([chest, back], press={(0, muscle, side): "yes"})
    assert [(s.muscle, s.score) for s in said.sources] == [
        (s.muscle, s.score) for s in plain.sources
    ]
    assert plain.press and {q.spot for q in plain.press} == {1}
    asked = plain.press[0]
    moved = advise([chest, back], press={(1, asked.muscle, asked.answer_side): "yes"})
    assert [s.score for s in moved.sources] != [s.score for s in plain.sources]


def test_press_test_false_needs_the_flags_press_note() -> None:
    from bodymap.knowledge import KnowledgeError
    from bodymap.resources import read_text
    from tests.test_knowledge import _parse_cautions

    cautions = read_text("knowledge", "cautions.toml")
    note = next(line for line in cautions.splitlines() if line.startswith("press_note = "))
    with pytest.raises(KnowledgeError, match="needs the flag's 'press_note'"):
        _parse_cautions(cautions.replace(note + "\n", ""))
    with pytest.raises(KnowledgeError, match="'press_test' must be true or false"):
        _parse_cautions(cautions.replace("\npress_test = false\n", '\npress_test = "no"\n', 1))


def test_a_press_test_where_the_heart_warning_is_raised_says_what_a_yes_does_not_rule_out():
    """Between the shoulder blades the heart warning is raised but the press test is kept:
    each question there adds the flag's caveat; elsewhere (the calf) none does."""
    cardiac = next(flag for flag in load_knowledge().red_flags if flag.id == "cardiac")
    back = advise([PainSpot("back", 530, 250, 5)])
    assert back.press and all(q.caveat == cardiac.press_caveat for q in back.press)
    assert all(q.text().endswith(cardiac.press_caveat) for q in back.press)
    calf = advise([PainSpot("back", 548, 790, 6)])
    assert calf.press and all(q.caveat == "" for q in calf.press)
    assert all(q.text().endswith("?") for q in calf.press)


def test_the_steps_for_such_a_spot_carry_the_flags_roll_caution() -> None:
    """A chest spot asked no press test is still served by the routine (the chest muscles),
    and each step for it says to have the pain checked first and follow the heart warning;
    steps only for a back spot do not."""
    cardiac = next(flag for flag in load_knowledge().red_flags if flag.id == "cardiac")
    advice = advise([PainSpot("front", 546, 280, 6), PainSpot("back", 548, 790, 5)])
    chest_steps = [s for s in advice.routine.steps if 0 in s.spots]
    assert chest_steps and all(cardiac.roll_caution in s.cautions for s in chest_steps)
    others = [s for s in advice.routine.steps if 0 not in s.spots]
    assert others and not any(cardiac.roll_caution in s.cautions for s in others)
