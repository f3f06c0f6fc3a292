"""The one-page summary for a clinician: the PDF, its words, and the command line."""

from __future__ import annotations

import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from bodymap.cli import main
from bodymap.knowledge import load_knowledge
from bodymap.maps import load_map, save_map
from bodymap.ui.printing.summary import write_summary_pdf

EXAMPLE = Path(__file__).parent.parent / "assets" / "examples" / "runner.bodymap"


def _text(pdf: Path) -> str:
    done = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True)
    if done.returncode:
        pytest.skip("pdftotext is not installed")
    return " ".join(done.stdout.split())


@pytest.mark.slow
def test_the_summary_is_one_page_with_figures_sources_and_the_disclaimer(qtbot, tmp_path):
    tpm = load_map(EXAMPLE)
    out = tmp_path / "summary.pdf"
    write_summary_pdf(tpm, out, page_size="A4", today=date(2026, 1, 2))
    data = out.read_bytes()
    assert (
        data.startswith(b"%PDF-")
        and data.count(b"/Type /Page\n") + data.count(b"/Type /Page\r") <= 1
    )
    text = _text(out)
    assert "Pain summary — Runner" in text
    assert "made 2 Jan 2026" in text  # as the period's dates are written: no "02"
    assert "5 check-ins on 5 of 5 days" in text
    assert "Gluteus minimus" in text  # a likely source
    assert " ".join(load_knowledge().disclaimer.split())[:80] in text


@pytest.mark.slow
def test_bodymap_summary_writes_a_pdf_for_a_period_and_leaves_the_map_alone(tmp_path, capsys):
    source = tmp_path / "m.bodymap"
    save_map(load_map(EXAMPLE), source)
    before = source.read_bytes()
    out = tmp_path / "s.pdf"
    status = main(
        ["summary", str(source), "-o", str(out), "--from", "2025-04-08", "--to", "2025-04-09"]
    )
    assert status == 0, capsys.readouterr().err
    assert "2 check-ins on 2 of 2 days" in _text(out)
    assert source.read_bytes() == before


def test_bodymap_summary_refuses_a_bad_date_in_one_line(tmp_path, capsys):
    out = tmp_path / "s.pdf"
    status = main(["summary", str(EXAMPLE), "-o", str(out), "--to", "April"])
    err = capsys.readouterr().err
    assert status == 1 and err.count("\n") == 1 and "--to 'April' is not a date" in err
    assert not out.exists()


def test_a_period_without_check_ins_says_so_once(qapp, tmp_path) -> None:
    import shutil
    import subprocess

    from bodymap.maps import TriggerPointMap, add_spot
    from bodymap.ui.printing.summary import write_summary_pdf

    if shutil.which("pdftotext") is None:
        pytest.skip("needs poppler's pdftotext")
    tpm = TriggerPointMap("Quiet")
    add_spot(tpm, "back", 560.0, 175.0, "right", intensity=5)
    out = tmp_path / "summary.pdf"
    write_summary_pdf(tpm, out)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert text.lower().count("no check-ins") == 1
    # before the first check-in the clinician still reads the pain as marked (a walk's
    # finding: the table gave no number at all)
    assert "no readings in this period · marked 5/10 now" in " ".join(text.split())


def test_the_rate_a_week_is_given_only_for_a_week_or_more() -> None:
    from bodymap.history.figures import CheckInRate

    assert CheckInRate(2, 1, 1).describe() == "2 check-ins on 1 of 1 day"
    assert CheckInRate(6, 5, 6).describe() == "6 check-ins on 5 of 6 days"
    assert CheckInRate(14, 7, 7).describe() == "14 check-ins on 7 of 7 days (14.0 a week)"


def test_the_check_in_rate_counts_the_first_and_the_last_day() -> None:
    """Two check-ins on one day are "2 check-ins on 1 of 1 day", and two a week apart are
    on 2 of 8 days: counting only the days between them, the clinician's summary would
    print "on 1 of 0 days"."""
    from bodymap.history import HistoryTable
    from bodymap.history.figures import CheckInRate, checkin_rate
    from bodymap.maps import CheckIn

    morning = datetime(2025, 3, 3, 8).astimezone()

    def rate(*moments: datetime) -> CheckInRate:
        history = [CheckIn(at, {"a": 3}) for at in moments]
        return checkin_rate(HistoryTable.from_checkins(["a"], history))

    one_day = rate(morning, morning + timedelta(hours=10))
    assert one_day == CheckInRate(2, 1, 1)
    assert one_day.describe() == "2 check-ins on 1 of 1 day"
    assert rate(morning, morning + timedelta(days=7)) == CheckInRate(2, 2, 8)


def test_bodymap_summary_to_a_date_takes_in_the_whole_of_that_day(tmp_path, capsys, monkeypatch):
    """`--to 2025-04-09` is up to the end of the 9th, so that evening's check-in is in the
    summary; ended at the first moment of the day, the period would leave the whole last
    day out. `--from` starts at the first moment of its day."""
    asked: dict[str, float | None] = {}
    monkeypatch.setattr(
        "bodymap.ui.printing.summary.write_summary_pdf",
        lambda _map, _out, **options: asked.update(options),
    )
    out = tmp_path / "s.pdf"
    status = main(
        ["summary", str(EXAMPLE), "-o", str(out), "--from", "2025-04-08", "--to", "2025-04-09"]
    )
    assert status == 0, capsys.readouterr().err
    assert asked["start"] == datetime(2025, 4, 8).astimezone().timestamp()
    assert asked["end"] == datetime(2025, 4, 9, 23, 59, 59, 999999).astimezone().timestamp()


@pytest.mark.slow
def test_the_summary_prints_each_spots_kind_of_pain_and_the_warning_signs(qtbot, tmp_path):
    """A clinician reads "tingling" differently from "ache": each spot's kind is printed,
    and so is every warning sign the spots raise, naming the spots."""
    from bodymap.advisor import advise
    from bodymap.guide.summary import summary_content_for
    from bodymap.maps.verbs import edit_spot

    tpm = load_map(EXAMPLE)
    edit_spot(tpm, tpm.spots[2].id, kind="tingling")
    said = summary_content_for(tpm)
    assert said.spots[2].kind == "tingling"
    flags = advise(list(tpm.spots)).red_flags
    nerve = next(f for f in flags if f.id == "nerve")
    assert any(line.startswith("Spot 3: ") and nerve.text in line for line in said.warnings)
    out = tmp_path / "summary.pdf"
    write_summary_pdf(tpm, out, page_size="A4", today=date(2026, 1, 2))
    text = _text(out)
    assert "· tingling" in text and "Warning signs raised by these spots" in text
    assert " ".join(nerve.text.split())[:60] in text


DATA = Path(__file__).parent / "data"
FIVE = DATA / "summary_five_spots.bodymap"
"""Five spots (a tingling arm, both calves tingling or numb, the low back, the chest):
eleven warning signs, four of them emergencies, and four held places."""
SIXTY = DATA / "summary_sixty_spots.bodymap"
"""Sixty spots all over: fifteen warning signs and thirty-six held places."""
DESK = Path(__file__).parent.parent / "assets" / "examples" / "desk_worker.bodymap"


def test_every_warning_sign_in_the_knowledge_files_says_how_soon_to_act() -> None:
    """The summary lists the warning signs by the most urgent action each one's text
    names, with the words of cautions.toml's [[urgency]] levels; a flag worded without a
    time frame would sort last, so none may be."""
    from bodymap.guide.summary import flag_urgency

    knowledge = load_knowledge()
    assert [level.id for level in knowledge.urgency] == ["emergency", "same_day", "soon"]
    urgency = {flag.id: flag_urgency(flag.text) for flag in knowledge.red_flags}
    assert max(urgency.values()) < len(knowledge.urgency), urgency
    assert urgency["cauda_equina"] == urgency["both_legs"] == urgency["cardiac"] == 0
    assert "call emergency services" in knowledge.urgency[0].words
    assert urgency["trauma"] == urgency["eye"] == 1  # "the same day"
    assert urgency["night_pain"] == 2  # "see a doctor soon (within a week)"
    assert flag_urgency("Rest it.") == 3


def test_the_summary_lists_the_warning_signs_most_urgent_first() -> None:
    from bodymap.advisor import advise_map
    from bodymap.guide.summary import flag_urgency, summary_content_for

    tpm = load_map(FIVE)
    flags = advise_map(tpm).red_flags
    said = summary_content_for(tpm)
    assert len(said.warnings) == len(flags) == 10  # the safety net yields to both_legs
    texts = [next(f.text for f in flags if line.endswith(f": {f.text}")) for line in said.warnings]
    ranks = [flag_urgency(text) for text in texts]
    assert ranks == sorted(ranks)
    ids = [next(f.id for f in flags if f.text == text) for text in texts]
    assert ids.index("both_legs") < ids.index("trauma") < ids.index("night_pain")
    assert "cauda_equina" not in ids


@pytest.mark.slow
@pytest.mark.parametrize("page_size", ["A4", "Letter"])
@pytest.mark.parametrize("path", [DESK, FIVE, SIXTY], ids=["desk", "five", "sixty"])
def test_the_summary_prints_every_warning_sign_and_nothing_over_the_disclaimer(
    qtbot, tmp_path, path, page_size
):
    """The page is handed to a clinician: every warning sign the advice raises is printed
    in full, the most urgent first, flowing onto a second page rather than left out; no
    text reaches into the disclaimer box or off the page, and no two pieces of text
    overlap; every page ends with the disclaimer. An ordinary map stays on one page."""
    from bodymap.advisor import advise_map
    from bodymap.guide.summary import summary_content_for

    tpm = load_map(path)
    said = summary_content_for(tpm)
    out = tmp_path / "summary.pdf"
    layout = write_summary_pdf(tpm, out, page_size=page_size, today=date(2026, 1, 2))
    text = _text(out)
    flags = advise_map(tpm).red_flags
    assert flags and all(" ".join(flag.text.split()) in text for flag in flags)
    # the order's rule in its heading: a within-a-week sign that can call for emergency
    # care (weight loss with cancer and new weakness) sits among the emergencies
    assert "(ordered by the most urgent care each can call for)" in " ".join(text.split())
    assert layout.texts("warning") == [f"• {line}" for line in said.warnings]
    assert layout.texts("held") == [f"• {line}" for line in said.held]
    assert len(layout.texts("disclaimer")) == layout.pages
    if path == DESK:
        assert layout.pages == 1
    else:
        assert layout.pages >= 2
    for item in layout.placed:
        rect = item.rect
        assert rect.left() >= -0.01 and rect.right() <= layout.width + 0.01, item
        assert rect.top() >= -0.01 and rect.bottom() <= layout.height + 0.01, item
        if item.role != "disclaimer":
            assert rect.bottom() <= layout.foot + 0.01, item
    for page in range(layout.pages):
        rects = [(i.rect, i.text) for i in layout.placed if i.page == page]
        for k, (one, words) in enumerate(rects):
            for other, said_too in rects[k + 1 :]:
                overlap = one.intersected(other)
                assert overlap.width() < 0.05 or overlap.height() < 0.05, (words, said_too)


def test_a_painted_area_is_named_in_the_summary_as_in_the_spot_list() -> None:
    """A painted area's row says where it is ("area: outer thigh, right"), as the window's
    spot list does ("Area 1 — outer thigh, right"), not the first muscle under it."""
    import json

    import shapely

    from bodymap.advisor import advise_map
    from bodymap.advisor.areas import parse_polygon
    from bodymap.guide.summary import summary_content
    from bodymap.maps import TriggerPointMap, add_spot
    from bodymap.maps.area import Area
    from bodymap.maps.verbs import set_area
    from bodymap.words import spot_heading

    tpm = TriggerPointMap("Area")
    add_spot(tpm, "front", 415.0, 600.0, "right")
    shape = parse_polygon("405,520 418,520 425,700 412,700")  # the outer right thigh
    set_area(tpm, tpm.spots[0].id, Area.from_geojson(json.loads(shapely.to_geojson(shape))))
    advice = advise_map(tpm)
    (row,) = summary_content(list(tpm.spots), advice).spots
    heading = spot_heading(1, advice.spots[0], "right", True)
    assert heading.startswith("Area 1 — ")
    assert row.where == "area: " + heading.split(" — ", 1)[1]
