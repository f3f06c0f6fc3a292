"""The summary's words without Qt: spots, likely sources with press answers, the routine."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bodymap.advisor import advise
from bodymap.guide.content import guide_content_for
from bodymap.guide.summary import SOURCES_SHOWN, STEPS_SHOWN, summary_content, summary_content_for
from bodymap.guide.words import TOOL_WORDS
from bodymap.knowledge import load_knowledge
from bodymap.maps import load_map
from bodymap.maps.values import PressAnswer
from bodymap.maps.verbs import answer_press_test

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
    assert said.sources[0] == f"{first.name} ({first.side}) — press test: yes"
    assert len(said.sources) == min(SOURCES_SHOWN, len(advice.sources))
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
