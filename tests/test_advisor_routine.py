"""The rolling routine reads like guidance a person can follow on the mat."""

from __future__ import annotations

from pathlib import Path

import pytest

from bodymap.advisor import advise
from bodymap.maps import load_map

EXAMPLES = Path(__file__).resolve().parent.parent / "assets" / "examples"


@pytest.mark.parametrize("name", ["desk_worker", "runner"])
def test_warmup_fits_two_to_three_minutes_in_round_numbers(name: str) -> None:
    routine = advise(load_map(EXAMPLES / f"{name}.bodymap").spots).routine
    assert routine.warmup
    total = sum(step.seconds for step in routine.warmup)
    assert 90 <= total <= 180
    assert all(step.seconds % 5 == 0 for step in routine.warmup)


@pytest.mark.parametrize("name", ["desk_worker", "runner"])
def test_steps_are_grouped_so_nobody_gets_up_and_down(name: str) -> None:
    steps = advise(load_map(EXAMPLES / f"{name}.bodymap").spots).routine.steps
    positions = [step.position for step in steps]
    seen: list[str] = []
    for position in positions:
        if not seen or seen[-1] != position:
            assert position not in seen, f"{position} comes back after another position"
            seen.append(position)
