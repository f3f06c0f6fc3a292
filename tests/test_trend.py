"""A spot's recent trend: one rule for the spot list's label, the heat map's Change view and
the History chart's breaks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bodymap.history import LINE_GAP_DAYS, HistoryTable, joined
from bodymap.history.periods import trend_changes
from bodymap.maps import CheckIn, Spot, TriggerPointMap
from bodymap.trend import TREND_STEP, TREND_WINDOW_DAYS, recent_run, recent_trend

T0 = datetime(2025, 10, 3, 8, tzinfo=UTC)
DAY = 86400.0


def _map(readings: list[tuple[datetime, int]]) -> TriggerPointMap:
    spot = Spot("a", "back", 550.0, 170.0, "right", created=T0)
    return TriggerPointMap("x", [spot], [CheckIn(at, {"a": v}) for at, v in readings])


def _tester_series() -> list[tuple[datetime, int]]:
    """2, 3 in October, then 8, 7, 6, 5, 4 over ten days in late November."""
    october = [(T0, 2), (T0 + timedelta(days=4), 3)]
    late_november = datetime(2025, 11, 20, 8, tzinfo=UTC)
    november = [(late_november + timedelta(days=2.5 * i), v) for i, v in enumerate([8, 7, 6, 5, 4])]
    return october + november


def test_the_testers_spot_is_better_in_the_list_the_heat_map_and_the_chart() -> None:
    tpm = _map(_tester_series())
    trend = tpm.recent_trend("a")
    # the recent run is the November readings: 8, 7 against 5, 4
    assert trend.readings == 5 and trend.change == -3.0
    assert tpm.trend_label("a") == "better"
    table = HistoryTable.from_map(tpm)
    assert trend_changes(table) == {"a": -3.0}
    # the chart breaks its line exactly where the recent run starts
    times, _values = table.readings("a")
    assert joined(times).tolist() == [True, False, True, True, True, True]
    assert recent_run(times) == 2


def test_the_heat_maps_change_view_shows_the_spot_lists_trend(qtbot) -> None:
    from bodymap.ui.history.heatmap import CHANGE_CAPTION, HeatMapDialog
    from bodymap.words import trend_text

    tpm = _map(_tester_series())
    dialog = HeatMapDialog(tpm)
    qtbot.addWidget(dialog)
    dialog.set_mode("change")
    assert dialog.view.change and dialog.view.values == {"a": -3.0}
    assert dialog.view.caption == CHANGE_CAPTION
    assert trend_text(tpm.trend_label("a")) == "↓ better"


@pytest.mark.parametrize(
    ("days", "values", "label", "change"),
    [
        # a break of more than two weeks starts the trend afresh
        ([0, 1, 2, 20, 21, 22], [8, 8, 8, 3, 3, 3], "steady", 0.0),
        ([0, 1, 2, 20, 21], [2, 2, 2, 6, 8], "worse", 2.0),
        # exactly two weeks apart still joins, as the chart's line does
        ([0, LINE_GAP_DAYS], [7, 3], "better", -4.0),
        # the first reading after a break: nothing to compare with yet
        ([0, 1, 2, 30], [8, 8, 8, 2], "resumed", None),
        # readings older than two weeks before the latest one are left out
        ([*range(10), *range(10, 30)], [9] * 10 + [4] * 20, "steady", 0.0),
        # weekly check-ins: three readings in the window, the first against the last
        ([0, 7, 14, 21, 28], [9, 9, 6, 5, 2], "better", -4.0),
        # a long steady history: only the last two weeks count
        (list(range(60)), [5] * 45 + [5, 5, 5] + [6] * 9 + [7, 7, 7], "worse", 2.0),
    ],
)
def test_the_trend_looks_at_the_recent_run_only(
    days: list[float], values: list[int], label: str, change: float | None
) -> None:
    tpm = _map([(T0 + timedelta(days=d), v) for d, v in zip(days, values, strict=True)])
    trend = tpm.recent_trend("a")
    assert (trend.label, trend.change) == (label, change)
    expected = {} if change is None else {"a": change}
    assert trend_changes(HistoryTable.from_map(tpm)) == expected


def test_a_change_of_exactly_one_point_is_not_lost_to_rounding() -> None:
    # means of three: 4/3 against 7/3 differ by one point, which must read "worse"
    trend = recent_trend([0, 1, 2, 3, 4, 5], [1, 1, 2, 2, 2, 3])
    assert trend.change == 1.0 and trend.label == "worse"


def test_a_fall_of_exactly_one_point_reads_better() -> None:
    """The "better" end of the rule includes its step, as "worse" does: means of three,
    7/3 against 4/3, fall by exactly one point."""
    trend = recent_trend([0, 1, 2, 3, 4, 5], [3, 2, 2, 2, 1, 1])
    assert trend.change == -TREND_STEP and trend.label == "better"
    tpm = _map([(T0 + timedelta(days=d), v) for d, v in enumerate([3, 2, 2, 2, 1, 1])])
    assert tpm.trend_label("a") == "better"
    assert trend_changes(HistoryTable.from_map(tpm)) == {"a": -1.0}


def test_the_trend_needs_matching_inputs() -> None:
    assert recent_trend([], []).label == "new"
    assert recent_trend([0.0], [4]).label == "new"
    assert recent_run([]) == 0
    with pytest.raises(ValueError, match="one value per time"):
        recent_trend([0.0, 1.0], [3])


def test_a_period_keeps_the_check_ins_and_notes_on_both_of_its_bounds() -> None:
    """A period takes in its first and its last moment, for the readings and the notes
    alike: a period that ends at the latest check-in (the default) must not keep that
    check-in's reading and lose its note."""
    days = [T0 + timedelta(days=d) for d in range(3)]
    spot = Spot("a", "back", 550.0, 170.0, "right", created=T0)
    history = [CheckIn(at, {"a": 3 + i}, f"day {i + 1}") for i, at in enumerate(days)]
    table = HistoryTable.from_map(TriggerPointMap("x", [spot], history))
    first, middle, last = (at.timestamp() for at in days)
    whole = table.between(first, last)
    assert len(whole) == 3 and [n.text for n in whole.notes] == ["day 1", "day 2", "day 3"]
    one = table.between(middle, middle)
    assert len(one) == 1 and [n.text for n in one.notes] == ["day 2"]


_gaps = st.lists(
    st.one_of(
        st.floats(0.01, 3.0),  # a few check-ins a day to every few days
        st.floats(LINE_GAP_DAYS - 1, LINE_GAP_DAYS + 1),  # around the break
        st.floats(15.0, 90.0),  # a long break
    ),
    min_size=0,
    max_size=40,
)


@given(gaps=_gaps, data=st.data())
def test_the_label_and_the_change_view_agree_in_sign(
    gaps: list[float], data: st.DataObject
) -> None:
    values = data.draw(st.lists(st.integers(0, 10), min_size=len(gaps) + 1, max_size=len(gaps) + 1))
    days = [0.0]
    for gap in gaps:
        days.append(days[-1] + gap)
    tpm = _map([(T0 + timedelta(days=d), v) for d, v in zip(days, values, strict=True)])
    label = tpm.trend_label("a")
    change = trend_changes(HistoryTable.from_map(tpm)).get("a")
    if label == "better":
        assert change is not None and change <= -TREND_STEP < 0
    elif label == "worse":
        assert change is not None and change >= TREND_STEP > 0
    elif label == "steady":
        assert change is not None and abs(change) < TREND_STEP
    else:
        assert change is None and label in ("new", "resumed")
    # the map's shortcut over its latest check-ins gives the rule's own answer
    times = [(T0 + timedelta(days=d)).timestamp() for d in days]
    assert tpm.recent_trend("a") == recent_trend(times, values)
    # the recent run never reaches across a break in the chart, nor past the window
    start = recent_run(times)
    assert all(joined(HistoryTable.from_map(tpm).readings("a")[0][start:]))
    assert times[-1] - times[start] <= TREND_WINDOW_DAYS * DAY


def test_the_maps_trend_needs_no_numpy() -> None:
    import subprocess
    import sys
    from pathlib import Path

    import bodymap

    code = (
        "import sys\n"
        "from datetime import UTC, datetime, timedelta\n"
        "import bodymap.maps as m\n"
        "t = m.TriggerPointMap('x'); s = m.add_spot(t, 'back', 550, 170, 'right').spot.id\n"
        "at = datetime(2026, 1, 1, tzinfo=UTC)\n"
        "for d, v in enumerate([6, 5, 4, 3]): m.check_in(t, {s: v}, at=at + timedelta(days=d))\n"
        "assert t.trend_label(s) == 'better'\n"
        "assert 'numpy' not in sys.modules"
    )
    root = str(Path(bodymap.__file__).parent.parent)
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root)


def test_a_note_shortened_for_the_tooltip_is_never_longer_than_its_limit() -> None:
    from bodymap.words import short_note

    for note in ("x" * 300, "word " * 80, "a" * 119 + " " + "b" * 50):
        short = short_note(note, 120)
        assert len(short) <= 120 and short.endswith("…"), short
    assert short_note("x" * 120, 120) == "x" * 120  # at the limit: whole
