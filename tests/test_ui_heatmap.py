"""The body heat map: periods, the change scale, the month slider and the PNG export."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bodymap.history import HistoryTable, month_periods, period_means, standard_periods
from bodymap.history.periods import trend_changes
from bodymap.maps import TriggerPointMap, add_spot, check_in
from bodymap.ui.drawing.heat import change_colour
from bodymap.ui.history.heatmap import HeatMapDialog

DAY0 = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)


def _map(days: int = 70) -> tuple[TriggerPointMap, str, str]:
    tpm = TriggerPointMap("Heat")
    neck = add_spot(tpm, "back", 560, 170, "right").spot.id
    hip = add_spot(tpm, "back", 440, 470, "left").spot.id
    for day in range(days):
        check_in(
            tpm,
            {neck: 8 if day < 7 else 3, hip: 2 if day < 63 else 6},
            at=DAY0 + timedelta(days=day),
        )
    return tpm, neck, hip


def test_periods_give_each_spot_its_mean_and_the_change():
    tpm, neck, hip = _map()
    table = HistoryTable.from_map(tpm)
    periods = standard_periods(table)
    assert period_means(table, periods["first_week"]) == {neck: 8.0, hip: 2.0}
    assert period_means(table, periods["last_week"])[neck] == 3.0
    assert period_means(table, periods["last_week"])[hip] == pytest.approx(6.0, abs=0.6)
    # the change is each spot's recent trend: the neck has been 3 for two weeks, the hip
    # went from 2 to 6 in its last week
    assert trend_changes(table) == {neck: 0.0, hip: 4.0}
    months = month_periods(table)
    assert [m.label for m in months] == ["January 2026", "February 2026", "March 2026"]


def test_a_spots_period_mean_counts_only_the_check_ins_that_rated_it():
    """A spot rated 8 at every other check-in has a mean of 8, not 4: averaged over the
    check-ins that left it out, the person's worst place would look mild on the heat map
    and in the printed summary."""
    tpm = TriggerPointMap("Heat")
    steady = add_spot(tpm, "back", 560, 170, "right").spot.id
    flare = add_spot(tpm, "back", 440, 470, "left").spot.id
    for day in range(4):
        readings = {steady: 2, flare: 8} if day % 2 == 0 else {steady: 2}
        check_in(tpm, readings, at=DAY0 + timedelta(days=day))
    table = HistoryTable.from_map(tpm)
    periods = standard_periods(table)
    assert period_means(table, periods["whole"]) == {steady: 2.0, flare: 8.0}
    assert period_means(table, periods["first_week"]) == {steady: 2.0, flare: 8.0}


def test_the_change_scale_is_blue_for_better_red_for_worse_and_differs_in_grey():
    better, worse, none = change_colour(-4), change_colour(4), change_colour(0)
    assert better.blue() > better.red() and worse.red() > worse.blue()
    assert none.lightness() > 240
    assert abs(better.lightness() - none.lightness()) > 60


@pytest.mark.slow
def test_the_dialog_switches_periods_and_replays_months(qtbot, tmp_path):
    tpm, neck, _hip = _map()
    dialog = HeatMapDialog(tpm)
    qtbot.addWidget(dialog)
    assert dialog.view.values[neck] == 8.0  # the first week by default
    dialog.set_mode("last_week")
    assert dialog.view.values[neck] == 3.0
    dialog.set_mode("change")
    assert dialog.view.change and dialog.view.values[neck] == 0.0
    dialog.set_mode("month")
    assert dialog.slider.maximum() == 2 and dialog.slider.isEnabled()
    dialog.slider.setValue(2)
    assert "March 2026" in dialog.view.caption
    dialog.slider.setValue(0)
    with qtbot.waitSignal(dialog.slider.valueChanged, timeout=3000):
        dialog.play.setChecked(True)
    dialog.play.setChecked(False)
    out = tmp_path / "heat.png"
    dialog.view.export_png(out)
    assert out.read_bytes().startswith(b"\x89PNG")


def test_a_new_check_in_updates_the_open_heat_map(qtbot):
    tpm, neck, hip = _map(3)
    dialog = HeatMapDialog(tpm)
    qtbot.addWidget(dialog)
    dialog.set_mode("whole")
    before = dialog.view.values[neck]
    check_in(tpm, {neck: 0, hip: 0}, at=DAY0 + timedelta(days=3))
    assert dialog.view.values[neck] < before


def test_a_small_heat_map_keeps_its_values_readable(qtbot):
    """At the dialog's size a figure is about 0.45 pixels an atlas unit: a value's disc and
    digits keep a least size in pixels (they were 6 px across and unreadable)."""
    from PySide6.QtCore import QPointF, QRectF
    from PySide6.QtGui import QColor, QImage, QPainter

    from bodymap.atlas import load_atlas
    from bodymap.maps.values import Spot
    from bodymap.ui.drawing.heat import DISC_PX, _fill, paint_heat_view
    from bodymap.ui.drawing.painting import ViewPainter, view_transform

    view = load_atlas()["back"]
    x, y = view.landmarks["scapula_inferior_angle_r"]
    spot = Spot("s1", "back", x, y, "right", 5)
    image = QImage(340, 460, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    target = QRectF(0, 0, 340, 460)
    painter = QPainter(image)
    paint_heat_view(painter, target, ViewPainter.of(view), [spot], {"s1": 5.0})
    painter.end()
    centre = view_transform(view, target).map(QPointF(x, y))
    fill = _fill(5.0, False, False).rgb()
    disc = sum(
        1
        for dx in range(-20, 21)
        for dy in range(-20, 21)
        if image.pixel(int(centre.x()) + dx, int(centre.y()) + dy) == fill
    )
    assert disc >= 0.6 * 3.14159 * DISC_PX**2  # the disc less its digits and rim


def test_a_week_is_seven_whole_days_and_its_label_names_them():
    """A person who checks in every morning read "First week (11 Nov – 18 Nov)", but the
    18th's check-in was not in it: a week is the first check-in's day and the six after
    it, whole local days, and the label names the seventh."""
    tpm = TriggerPointMap("Weeks")
    neck = add_spot(tpm, "back", 560, 170, "right").spot.id
    start = datetime(2026, 11, 11, 8, 0).astimezone()
    for day in range(21):  # 11 Nov … 1 Dec, 08:00 local
        check_in(tpm, {neck: 8 if day < 7 else 2}, at=start + timedelta(days=day))
    check_in(tpm, {neck: 8}, at=datetime(2026, 11, 17, 23, 59).astimezone())  # the 7th day
    table = HistoryTable.from_map(tpm)
    periods = standard_periods(table)
    assert periods["first_week"].label == "First week (11 Nov 2026 – 17 Nov 2026)"
    assert period_means(table, periods["first_week"]) == {neck: 8.0}  # not the 18th's 2
    assert periods["last_week"].label == "Last week (25 Nov 2026 – 1 Dec 2026)"
    assert period_means(table, periods["last_week"]) == {neck: 2.0}
    late_first = datetime(2026, 11, 25, 0, 0).astimezone().timestamp()
    assert periods["last_week"].start == pytest.approx(late_first)


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [(1.74, 1, "+1.7"), (-2.66, 1, "−2.7"), (0.0, 1, "0.0"), (0.04, 1, "0.0"),
     (-0.04, 1, "0.0"), (-0.2, 0, "0"), (3.0, 0, "+3"), (-4.0, 0, "−4")],
)  # fmt: skip
def test_a_change_reads_with_a_true_minus_and_no_change_has_no_sign(value, decimals, text):
    from bodymap.ui.drawing.heat import change_text

    assert change_text(value, decimals) == text


def test_a_spot_left_out_of_the_periods_check_ins_is_outlined_not_gone(qtbot):
    """A painted area left out of every check-in vanished from the heat map, as if it had
    been deleted (paint walk): a spot or area with no reading in the period is drawn as a
    dashed outline, and the map says what the dashes mean."""
    import shapely
    from PySide6.QtCore import QPointF, QRectF
    from PySide6.QtGui import QColor, QImage, QPainter

    from bodymap.atlas import load_atlas
    from bodymap.maps.area import Area
    from bodymap.maps.verbs import set_area
    from bodymap.ui.drawing.heat import paint_heat_view, unread
    from bodymap.ui.drawing.painting import ViewPainter, view_transform

    tpm, _neck, _hip = _map(3)
    dialog = HeatMapDialog(tpm)
    qtbot.addWidget(dialog)
    dialog.set_mode("whole")
    assert dialog.view.note == ""  # every spot read: nothing to explain
    low_back = add_spot(tpm, "back", 520, 400, "right").spot.id
    box = shapely.box(450, 370, 550, 425)
    set_area(tpm, low_back, Area.from_geojson(shapely.geometry.mapping(box)))
    dialog.refresh()
    values = dialog.view.values
    assert low_back not in values and [s.id for s in unread(tpm.spots, values)] == [low_back]
    assert dialog.view.note == "Dashed: no reading in this period"

    view = load_atlas()["back"]
    target = QRectF(0, 0, 400, 560)

    def picture(spots) -> QImage:
        image = QImage(400, 560, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        paint_heat_view(painter, target, ViewPainter.of(view), spots, values)
        painter.end()
        return image

    with_area, without = picture(tpm.spots), picture(tpm.spots[:2])
    edge = view_transform(view, target).map(QPointF(450, 397))  # the area's left edge
    changed = sum(
        with_area.pixel(int(edge.x()) + dx, int(edge.y()) + dy)
        != without.pixel(int(edge.x()) + dx, int(edge.y()) + dy)
        for dx in range(-2, 3)
        for dy in range(-12, 13)
    )
    assert changed >= 5


def test_every_signed_change_fits_inside_its_disc() -> None:
    """ "−2.3" ran past its disc on the change map (a walk's finding): in a change map every
    value, signed, is drawn no wider than its disc, all at one size."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter

    from bodymap.atlas import load_atlas
    from bodymap.maps.values import Spot
    from bodymap.ui.drawing import heat, markers
    from bodymap.ui.drawing.painting import ViewPainter, view_transform

    drawn: list[tuple[str, float]] = []
    real = markers.paint_text

    def spy(painter, text, centre, height, colour, **kw):  # type: ignore[no-untyped-def]
        drawn.append((text, markers.text_width(text, height)))
        return real(painter, text, centre, height, colour, **kw)

    view = load_atlas()["back"]
    spots = [Spot("a", "back", 560, 175, "right", 5), Spot("b", "back", 440, 470, "left", 5)]
    image = QImage(340, 460, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    original = heat.paint_text
    heat.paint_text = spy  # type: ignore[assignment]
    try:
        heat.paint_heat_view(
            painter, QRectF(0, 0, 340, 460), ViewPainter.of(view), spots,
            {"a": -2.3, "b": 0.0}, change=True,
        )  # fmt: skip
    finally:
        heat.paint_text = original  # type: ignore[assignment]
        painter.end()
    pixels = view_transform(view, QRectF(0, 0, 340, 460)).m11()  # per atlas unit
    radius = max(heat.HEAT_RADIUS * 0.62, heat.DISC_PX / pixels)
    assert [text for text, _ in drawn] == ["−2.3", "0.0"]
    assert all(width <= 1.6 * radius + 1e-6 for _, width in drawn), (drawn, radius)
