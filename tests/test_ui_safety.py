"""The window shows the core's safety: the chosen routine length and what it leaves out,
muscles not rolled (without times), red flags naming spots, "check with a clinician
first" steps, and a "When to see a clinician" section reachable whatever the spots."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QImage, QPainter
from test_safety import FIVE, TABLES, keep_out

from bodymap.maps import TriggerPointMap, add_spot, remove_spot
from bodymap.ui.drawing.painting import ViewPainter
from bodymap.ui.panel.advice_panel import AdvicePanel

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def tpm():
    return TriggerPointMap("Test")


@pytest.fixture
def panel(qtbot, tpm):
    widget = AdvicePanel()
    qtbot.addWidget(widget)
    widget.resize(420, 800)
    widget.set_map(tpm)
    return widget


def _add(tpm, points):
    from bodymap.sides import side_for

    for p in points:
        add_spot(tpm, p.view, p.x, p.y, side_for(p.view, p.x), intensity=int(p.intensity),
                 kind=p.kind)  # fmt: skip


def test_clinician_section_is_there_without_spots(panel, qtbot):
    assert panel.clinician_button.isVisible() or not panel.isVisible()
    dialog = panel.show_clinician()
    qtbot.waitUntil(dialog.isVisible)
    text = dialog.browser.toPlainText()
    assert "When to see a clinician" in text
    for word in ("Pregnancy", "Blood thinners", "Lymphoedema", "emergency services"):
        assert word in text


def test_the_clinician_section_puts_the_signs_the_spots_raise_first(panel, tpm, qtbot):
    """ "See a clinician?" opens on the warning signs the map's own spots raise, each
    naming its spots, before what applies to everyone; an open section follows the map."""
    from bodymap.advisor import PainSpot
    from bodymap.ui.panel.clinician import FOR_YOUR_SPOTS

    dialog = panel.show_clinician()
    qtbot.waitUntil(dialog.isVisible)
    assert FOR_YOUR_SPOTS not in dialog.browser.toPlainText()  # no spots, nothing raised
    _add(tpm, [PainSpot("front", 440, 280, 6, "ache")])  # the chest: the heart warning
    section = dialog.browser.toPlainText()
    raised = panel.advice.red_flags
    assert raised and "cardiac" in {flag.id for flag in raised}
    first = section.index(FOR_YOUR_SPOTS)
    assert first < section.index("When to see a clinician")
    for flag in raised:
        assert first < section.index(f"{flag.heading(panel.advice.areas)}: {flag.text}")
    remove_spot(tpm, tpm.spots[0].id)
    assert FOR_YOUR_SPOTS not in dialog.browser.toPlainText()


def test_length_chooser_says_what_short_leaves_out(panel, tpm, qtbot):
    _add(tpm, FIVE)
    standard = len(panel.advice.routine.steps)
    with qtbot.waitSignal(panel.lengthChanged) as blocker:
        panel.set_length("short")
    assert blocker.args == ["short"]
    assert len(panel.advice.routine.steps) < standard
    text = panel.details.toPlainText()
    assert "The short routine has no time for:" in text
    assert "Left out of the short routine" in text  # the spots without a step say so
    panel.set_length("full")
    assert "has no time for" not in panel.details.toPlainText()


def test_flags_name_spots_and_not_rolled_has_no_times(panel, tpm):
    from test_safety import spot

    _add(tpm, [spot("front", "nipple_l", dx=-10, intensity=3),
               spot("back", "popliteal_fossa_r", dy=10, intensity=6)])  # fmt: skip
    text = panel.details.toPlainText()
    assert "Spot 1:" in text and "breathlessness" in text
    assert "Do not roll — do this instead" in text
    section = text.split("Do not roll — do this instead", 1)[1].split("Routine", 1)[0]
    assert "Popliteus" in section and " s on the point" not in section and " min" not in section


def test_a_tingling_knee_lists_the_leg_as_not_rolled_until_a_clinician_clears_it(panel, tpm):
    from test_safety import spot

    _add(tpm, [spot("front", "patella_r", dx=-26, dy=4, kind="tingling")])
    text = panel.details.toPlainText()
    assert "Tingling or numbness: see a clinician" in text
    section = text.split("Do not roll — do this instead", 1)[1]
    assert "Check with a clinician first" in section.split("Routine", 1)[0]
    assert "Routine" not in section  # no step rolls the tingling leg


def test_canvas_shading_is_the_roll_zone(qtbot):
    from bodymap.atlas import load_atlas

    vp = ViewPainter(load_atlas()["back"])
    for muscle in ("upper_trapezius", "multifidus", "quadratus_lumborum"):
        path = vp.roll_zone(muscle, "right")
        zone = TABLES.roll_zones.get("back", muscle, "right")
        assert (
            abs(path.boundingRect().width() - (zone.geometry.bounds[2] - zone.geometry.bounds[0]))
            < 1.5
        )
        # sample the path: no shaded point lies in the caution keep-out
        box = path.boundingRect()
        import shapely

        xs = [box.left() + box.width() * i / 40 for i in range(41)]
        ys = [box.top() + box.height() * j / 80 for j in range(81)]
        from PySide6.QtCore import QPointF

        inside = [(x, y) for x in xs for y in ys if path.contains(QPointF(x, y))]
        assert inside
        keep = keep_out("back", muscle).buffer(-1.0)
        assert not any(shapely.contains_xy(keep, x, y) for x, y in inside), muscle
    assert vp.roll_zone("popliteus", "right").isEmpty()
    image = QImage(200, 300, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    vp.paint_cautions(painter)
    painter.end()


def test_printed_guide_lists_not_rolled_without_times_and_clinician_section():
    from datetime import date

    from test_safety import spot

    from bodymap.advisor import advise
    from bodymap.guide.content import build_guide_content
    from bodymap.knowledge import load_knowledge
    from bodymap.maps import Spot
    from bodymap.sides import side_for

    points = [spot("back", "popliteal_fossa_r", dy=10, intensity=6), *FIVE]
    spots = [
        Spot(f"s{i}", p.view, p.x, p.y, side_for(p.view, p.x), int(p.intensity))
        for i, p in enumerate(points)
    ]
    advice = advise(spots, length="short")
    content = build_guide_content("Knee", spots, advice, load_knowledge(), date(2026, 1, 2))
    assert any(line.startswith("Popliteus") for line in content.not_rolled)
    timed = re.compile(r"\b\d+(?:–\d+)? (?:s|min)\b")  # "10–30 s", "2 min"
    assert not any(timed.search(line) for line in content.not_rolled)
    assert content.left_out.startswith("The short routine has no time for:")
    assert content.clinician and content.contraindications
    assert any("for your spot" in line for line in content.red_flags)


def test_a_low_back_ache_at_4_reaches_the_general_warning_signs(panel, tpm, qtbot):
    from test_safety import GENERAL, spot

    from bodymap.knowledge import load_knowledge

    flags = {flag.id: flag.text for flag in load_knowledge().red_flags}
    _add(tpm, [spot("back", "l4", dx=14, intensity=4)])
    text = panel.details.toPlainText()
    assert "Spot 1:" in text and "you have" not in text.lower()
    dialog = panel.show_clinician()
    qtbot.waitUntil(dialog.isVisible)
    section = dialog.browser.toPlainText()
    for flag_id in [*sorted(GENERAL), "abdomen", "hot_joint", "dvt", "cardiac"]:
        assert flags[flag_id] in text or flag_id not in GENERAL, flag_id  # raised for the spot
        assert flags[flag_id] in section, flag_id  # and always in the clinician section
    assert "Severe" not in section


def test_a_muscle_never_worked_says_its_cautions_in_the_panel_the_guide_and_the_cli(
    panel, tpm, tmp_path, capsys
):
    """The tailbone: levator ani and coccygeus are not rolled; what goes with what is done
    instead, and the signs that need a doctor, are said with them, once for the two, in
    the panel, the printed guide's lines and ``bodymap advise``."""
    from test_safety import spot

    from bodymap.cli import main
    from bodymap.guide.content import _not_rolled
    from bodymap.maps import save_map

    _add(tpm, [spot("back", "coccyx", dy=6, intensity=6)])
    section = panel.details.toPlainText().split("Do not roll — do this instead", 1)[1]
    section = section.split("Routine", 1)[0]
    assert "Coccygeus" in section and "Levator ani" in section
    assert section.count("See a doctor soon for bleeding from the back passage") == 1
    assert "clinician's check for a fracture" in section  # an apostrophe, said as typed
    lines = _not_rolled(panel.advice)
    assert sum("See a doctor soon" in line for line in lines) == 1
    path = tmp_path / "tail.bodymap"
    save_map(tpm, path)
    assert main(["advise", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.count("  caution: See a doctor soon for bleeding") == 1


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_choosing_a_muscle_never_worked_says_why_nothing_is_shaded(main_window, qtbot):
    """The tailbone's levator ani chosen in the list of likely sources: no shading, open
    rings, and the status line says it is not rolled or pressed and where the panel says
    what to do instead; a rolled source chosen next shades as before."""
    from PySide6.QtCore import Qt

    from bodymap.ui.canvas.items import SiteItem

    window = main_window()
    x, y = window.atlas["back"].landmarks["coccyx"]
    point = window.canvas.viewport_point("back", x, y + 6)
    qtbot.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=point)
    sources = [s.muscle for s in window.panel.advice.sources]
    rank = sources.index("levator_ani")
    assert window.panel.select_source(rank) == ("levator_ani", "both")
    text = window.hover_label.text()
    assert text.startswith("Levator ani (pelvic floor) is not rolled or pressed")
    assert "Do not roll — do this instead" in text
    rings = [i for i in window.canvas.highlight_items() if isinstance(i, SiteItem)]
    assert rings and not any(ring.clear for ring in rings)
    window.panel.select_source(sources.index("gluteus_maximus"))
    assert any(i.clear for i in window.canvas.highlight_items() if isinstance(i, SiteItem))
    assert "is not rolled" not in window.hover_label.text()  # not left from the one before
