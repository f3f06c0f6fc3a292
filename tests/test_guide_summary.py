"""The summary's words without Qt: spots, likely sources with press answers, the routine."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bodymap.advisor import PainSpot, advise
from bodymap.advisor.model import spots_label
from bodymap.atlas import load_atlas
from bodymap.guide.content import guide_content_for
from bodymap.guide.summary import SOURCES_SHOWN, STEPS_SHOWN, summary_content, summary_content_for
from bodymap.knowledge import load_knowledge
from bodymap.maps import load_map
from bodymap.maps.values import PressAnswer, Spot
from bodymap.maps.verbs import answer_press_test
from bodymap.sides import side_for
from bodymap.words import TOOL_WORDS

EXAMPLE = Path(__file__).parent.parent / "assets" / "examples" / "runner.bodymap"


def test_summary_names_each_spot_the_first_sources_and_the_routine() -> None:
    tpm = load_map(EXAMPLE)
    spots = list(tpm.spots)
    advice = advise(spots, length="full")
    first = advice.sources[0]
    answer = PressAnswer(
        spots[0].id, first.muscle, first.side, "yes", datetime(2026, 1, 2, tzinfo=UTC)
    )
    said = summary_content(spots, advice, [answer])
    assert [row.number for row in said.spots] == list(range(1, len(spots) + 1))
    assert [row.spot_id for row in said.spots] == [s.id for s in spots]
    region = advice.spots[0].regions[0].name
    assert said.spots[0].where == f"{region} ({spots[0].side})"
    where = spots_label(sorted({r.spot for r in first.reasons}), advice.areas)
    assert said.sources[0] == f"{first.name} ({first.side}) — {where} — press test: yes"
    top = advice.sources[:SOURCES_SHOWN]
    assert [line.split(" — ")[0] for line in said.sources[: len(top)]] == [
        f"{s.name} ({s.side})" for s in top
    ]
    assert all("press test" not in line for line in said.sources[1:])
    step = advice.routine.steps[0]
    assert said.routine[0] == f"{step.name} ({step.side}) — {TOOL_WORDS[step.tool]}"
    more = len(advice.routine.steps) - STEPS_SHOWN
    assert more > 0 and said.more_steps == f"… {more} more steps"


def test_a_summary_without_spots_lists_nothing() -> None:
    said = summary_content([], None)
    assert (said.spots, said.sources, said.routine, said.more_steps) == ((), (), (), "")


def test_the_summary_lists_the_routine_the_guide_prints_press_answers_and_all() -> None:
    """The summary and the guide ask the advisor the same question: with the map's
    press-test answers, so the summary never lists a step the guide left out."""
    tpm = load_map(EXAMPLE)
    before = summary_content_for(tpm).routine
    for source in advise(list(tpm.spots)).sources[:3]:  # "not tender" for the likeliest
        for spot in tpm.spots:
            answer_press_test(tpm, spot.id, source.muscle, source.side, "no")
    said = summary_content_for(tpm)
    assert said.routine != before  # the answers change the routine...
    names = load_knowledge().muscles
    printed = [f"{names[step.muscle].name} ({step.side})" for step in guide_content_for(tpm).steps]
    assert [line.split(" — ")[0] for line in said.routine] == printed[: len(said.routine)]


def _explained(said_sources: tuple[str, ...]) -> set[int]:
    """The spots (0-based) the summary's source lines name ("… — spots 1, 3")."""
    found: set[int] = set()
    for line in said_sources:
        where = line.split(" — ")[1]
        found |= {int(n) - 1 for n in where.replace("spots", "").replace("spot", "").split(",")}
    return found


def test_every_spot_with_a_likely_source_has_one_in_the_summary() -> None:
    """A back spot among several thigh spots: the five best sources all serve the thigh,
    and the back spot's own best source is listed after them, with the spots it serves."""
    marks = load_atlas()
    back = marks["back"].landmarks["scapula_inferior_angle_r"]
    front = marks["front"].landmarks
    thigh = [
        (front["patella_r"][0], front["patella_r"][1] - 60 - 25 * i) for i in range(5)
    ]  # the front of the right thigh, above the knee
    points = [PainSpot("back", back[0] - 30, back[1] - 10, 3)] + [
        PainSpot("front", x, y, 8) for x, y in thigh
    ]
    spots = [
        Spot(f"s{i}", p.view, p.x, p.y, side_for(p.view, p.x), p.intensity)
        for i, p in enumerate(points)
    ]
    advice = advise(points)
    assert not any(r.spot == 0 for s in advice.sources[:SOURCES_SHOWN] for r in s.reasons)
    said = summary_content(spots, advice)
    assert _explained(said.sources) >= {r.spot for s in advice.sources for r in s.reasons}
    assert said.sources[-1].endswith(" — spot 1")
    best_for_back = next(s for s in advice.sources if any(r.spot == 0 for r in s.reasons))
    assert said.sources[-1].startswith(f"{best_for_back.name} ({best_for_back.side})")


def test_a_held_spots_likely_source_is_listed_after_the_first_five() -> None:
    """A tingling back spot among five aching thigh spots: its muscles are held for the
    clinician's check, so no routine step serves it, and its best source ranks below the
    thigh's first five. The summary still lists that source for it; without it the
    clinician would see a spot with no candidate muscle."""
    marks = load_atlas()
    back = marks["back"].landmarks["scapula_inferior_angle_r"]
    knee = marks["front"].landmarks["patella_r"]
    points = [PainSpot("back", back[0] - 30, back[1] - 10, 3, "tingling")] + [
        PainSpot("front", knee[0], knee[1] - 60 - 25 * i, 8) for i in range(5)
    ]
    spots = [
        Spot(f"s{i}", p.view, p.x, p.y, side_for(p.view, p.x), p.intensity, p.kind)
        for i, p in enumerate(points)
    ]
    advice = advise(points)
    assert not any(0 in step.spots for step in advice.routine.steps)
    assert not any(r.spot == 0 for s in advice.sources[:SOURCES_SHOWN] for r in s.reasons)
    best = next(s for s in advice.sources if any(r.spot == 0 for r in s.reasons))
    said = summary_content(spots, advice)
    assert f"{best.name} ({best.side}) — spot 1" in said.sources
    assert 0 in _explained(said.sources)


def test_the_example_maps_summaries_leave_no_spot_without_its_sources() -> None:
    for path in sorted(EXAMPLE.parent.glob("*.bodymap")):
        tpm = load_map(path)
        advice = advise(list(tpm.spots))
        said = summary_content(list(tpm.spots), advice)
        wanted = {r.spot for s in advice.sources for r in s.reasons}
        assert _explained(said.sources) >= wanted, path.name


def test_a_spot_no_listed_source_names_takes_the_routines_step_for_it() -> None:
    """Seven spots over the body: the fifteen likeliest sources all serve the other six,
    and the heel is named through the routine's step for it (it had no line at all)."""
    points = [
        PainSpot("back", 530, 400, 3, "ache"),
        PainSpot("back", 560, 800, 3, "tingling"),
        PainSpot("front", 540, 250, 6, "sharp"),
        PainSpot("front", 362, 385, 5, "ache"),
        PainSpot("front", 415, 600, 3, "burning"),
        PainSpot("back", 453, 985, 2, "sharp"),  # the heel
        PainSpot("front", 468, 105, 2, "ache"),
    ]
    spots = [
        Spot(f"s{i}", p.view, p.x, p.y, side_for(p.view, p.x), p.intensity, p.kind)
        for i, p in enumerate(points)
    ]
    advice = advise(points)
    assert not any(r.spot == 5 for s in advice.sources for r in s.reasons)
    step = next(step for step in advice.routine.steps if 5 in step.spots)
    said = summary_content(spots, advice)
    assert f"{step.name} ({step.side}) — spot 6" in said.sources
    assert _explained(said.sources) == set(range(len(points)))
