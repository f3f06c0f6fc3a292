"""The printed rolling guide: page flow, words, PDF output a reader can use, print paths."""

from __future__ import annotations

import itertools
import shutil
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from bodymap.advisor.model import (
    Advice,
    RedFlagNote,
    RollingStep,
    Routine,
    SpotFinding,
    WarmupStep,
)
from bodymap.guide.content import build_guide_content
from bodymap.guide.layout import Block, flow_blocks
from bodymap.maps import Spot, TriggerPointMap, load_map
from bodymap.resources import asset

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = ("desk_worker", "runner")
PDFTOTEXT = shutil.which("pdftotext")
PDFTOPPM = shutil.which("pdftoppm")
WHEN = datetime(2025, 3, 3, 18, 0, tzinfo=UTC)


# -- helpers -----------------------------------------------------------------------------
def example(name: str) -> TriggerPointMap:
    return load_map(Path(str(asset("examples", f"{name}.bodymap"))))


ALL_KINDS = ("ache", "sharp", "burning", "tingling", "numb")


def spot(
    i: int,
    view: str,
    x: float,
    y: float,
    intensity: int = 5,
    note: str = "",
    kinds: tuple[str, ...] = ALL_KINDS,
) -> Spot:
    from bodymap.maps import side_for

    return Spot(
        id=f"s{i}",
        view=view,
        x=x,
        y=y,
        side=side_for(view, x),
        intensity=intensity,
        kind=kinds[i % len(kinds)],
        note=note,
        created=WHEN,
    )


def landmark_spots(count: int, kinds: tuple[str, ...] = ALL_KINDS) -> list[Spot]:
    """``count`` spots on real landmarks of both views, alternating views, their pain
    kinds taken in turn from ``kinds``."""
    from bodymap.atlas import load_atlas

    atlas = load_atlas()
    points = [
        (view, xy)
        for view in ("back", "front")
        for name, xy in sorted(atlas[view].landmarks.items())
        if name not in ("vertex",)
    ]
    assert len(points) >= count
    chosen = [points[i * len(points) // count] for i in range(count)]
    return [
        spot(i, view, x, y, intensity=(i * 3) % 11, note=f"Spot {i + 1} note.", kinds=kinds)
        for i, (view, (x, y)) in enumerate(chosen)
    ]


def render(tmp_path: Path, tpm: TriggerPointMap, page_size: str | None = "A4"):
    from bodymap.ui.printing.guide import write_guide_pdf

    out = tmp_path / "guide.pdf"
    renderer = write_guide_pdf(tpm, out, page_size)
    assert out.read_bytes().startswith(b"%PDF-")
    return out, renderer


def pdf_text(path: Path) -> str:
    if PDFTOTEXT is None:
        pytest.skip("pdftotext (poppler-utils) is not installed, so PDF text cannot be read")
    result = subprocess.run([PDFTOTEXT, str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(result.stdout.split())


def page_images(path: Path, tmp_path: Path) -> list[QImage]:
    if PDFTOPPM is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed, so pages cannot be rasterised")
    prefix = tmp_path / "page"
    subprocess.run([PDFTOPPM, "-r", "50", "-png", str(path), str(prefix)], check=True)
    return [QImage(str(p)) for p in sorted(tmp_path.glob("page-*.png"))]


def ink_fraction(image: QImage) -> float:
    """Share of sampled pixels above the footer that are clearly not white paper."""
    dark = total = 0
    for y in range(0, int(image.height() * 0.85), 3):
        for x in range(0, image.width(), 3):
            total += 1
            if QColor(image.pixel(x, y)).lightness() < 200:
                dark += 1
    return dark / total


def assert_sound_layout(renderer) -> None:
    """Every block lies inside one page's content area and no two blocks overlap."""
    flow = renderer.flow
    area = renderer.content_rect()
    assert not flow.oversized
    for page in range(flow.page_count):
        placed = flow.on_page(page)
        assert placed, f"page {page + 1} is empty"
        for p in placed:
            rect = QRectF(area.left(), p.top, area.width(), p.block.height)
            assert area.contains(rect), f"{p.block.kind} runs off page {page + 1}"
        for a, b in itertools.pairwise(placed):
            assert a.bottom <= b.top + 1e-6, f"{a.block.kind} overlaps {b.block.kind}"


def normalised(text: str) -> str:
    return " ".join(text.replace("ﬀ", "ff").replace("ﬁ", "fi").replace("ﬂ", "fl").split())


# -- page flow (pure) --------------------------------------------------------------------
def test_flow_moves_a_block_that_does_not_fit_to_the_next_page_whole() -> None:
    blocks = [Block("step", 40), Block("step", 40), Block("step", 40)]
    flow = flow_blocks(blocks, 100)
    assert [(p.page, p.top) for p in flow.placements] == [(0, 0), (0, 40), (1, 0)]
    assert flow.page_count == 2


def test_flow_keeps_a_heading_with_the_block_after_it() -> None:
    blocks = [Block("step", 70), Block("group", 10, keep_with_next=True), Block("step", 30)]
    flow = flow_blocks(blocks, 100)
    assert [p.page for p in flow.placements] == [0, 1, 1]


def test_flow_repeats_a_table_header_on_the_page_a_table_runs_onto() -> None:
    header = Block("table_header", 5, keep_with_next=True)
    blocks = [header, *(Block("spot_row", 20, repeat_header=header) for _ in range(8))]
    flow = flow_blocks(blocks, 100)
    second = flow.on_page(1)
    assert second[0].block is header and second[1].top == 5
    assert all(p.bottom <= 100 for p in flow.placements)


def test_flow_breaks_pages_on_request_and_reports_oversized_blocks() -> None:
    blocks = [Block("a", 10), Block("b", 10, page_break_before=True), Block("c", 150)]
    flow = flow_blocks(blocks, 100)
    assert [p.page for p in flow.placements] == [0, 1, 2]
    assert [b.kind for b in flow.oversized] == ["c"]


def test_a_page_break_after_a_short_carry_over_follows_on_that_page() -> None:
    """The routine starts a page of its own, but not after two rows of the spot table that
    ran over onto a page: that page is not left nearly blank."""
    rows = [Block("row", 10) for _ in range(11)]  # a 100-high page holds ten of them
    routine = Block("routine", 30, page_break_before=True)
    flow = flow_blocks([*rows, routine], 100)
    assert [p.page for p in flow.placements] == [0] * 10 + [1, 1]
    assert flow.placements[-1].top == 10
    # a longer carry-over (a quarter of a page or more) still gets the break
    rows = [Block("row", 10) for _ in range(13)]
    flow = flow_blocks([*rows, routine], 100)
    assert flow.placements[-1].page == 2 and flow.placements[-1].top == 0
    # and the first page never shares a page with what asks for its own
    flow = flow_blocks([Block("title", 10), routine], 100)
    assert [p.page for p in flow.placements] == [0, 1]


def test_flow_gaps_apply_between_blocks_but_not_at_the_top_of_a_page() -> None:
    blocks = [
        Block("a", 60, space_before=5),
        Block("b", 30, space_before=5),
        Block("c", 30, space_before=5),
    ]
    flow = flow_blocks(blocks, 100)
    assert [(p.page, p.top) for p in flow.placements] == [(0, 0), (0, 65), (1, 0)]


# -- words (pure) ------------------------------------------------------------------------
def _routine(*rows: tuple[str, str, str, str]) -> tuple[RollingStep, ...]:
    """Steps as the advisor makes them: the muscle's record with the given tool and position."""
    from bodymap.knowledge import load_knowledge

    muscles = load_knowledge().muscles
    return tuple(
        RollingStep(
            muscle=m,
            side=s,
            name=muscles[m].name,
            tool=t,
            tool_detail="",
            position=p,
            how=muscles[m].technique.how,
            on_point_s=(10, 30),
            around_min=(2, 3),
            hold_where="",
            cautions=muscles[m].cautions,
        )
        for m, s, t, p in rows
    )


def _advice(
    steps: tuple[RollingStep, ...] = (),
    findings: tuple[SpotFinding, ...] = (),
    **routine: Any,
) -> Advice:
    """An advisor's answer with only what a test names (no sources, no surrounding areas)."""
    from bodymap.knowledge import load_knowledge

    knowledge = load_knowledge()
    red_flags = routine.pop("red_flags", ())
    plan = Routine(**{"steps": steps, "total_min": 0, "warmup": (), "warmup_min": 0, **routine})
    return Advice(findings, (), (), plan, red_flags, knowledge.advice, knowledge.disclaimer)


def _finding(region_name: str, side: str, reason: str | None = None) -> SpotFinding:
    from bodymap.atlas import Region

    region = Region("back", "x", side, "muscle", "superficial", region_name, None)
    return SpotFinding(
        index=0, view="back", x=560, y=180, point=(560, 180), inside=True, snapped=False,
        side=side, regions=(region,), segments=(), cautions=(), intensity=5, kind="ache",
        not_rolled_reason=reason,
    )  # fmt: skip


def test_content_groups_steps_by_position_in_the_advisors_order_and_adds_time() -> None:
    from bodymap.knowledge import load_knowledge

    knowledge = load_knowledge()
    routine = _routine(
        ("upper_trapezius", "right", "ball", "wall"),
        ("levator_scapulae", "right", "ball", "wall"),
        ("gluteus_medius", "left", "foam_roller", "side_lying"),
    )
    flag = knowledge.red_flags[0]
    answer = _advice(
        routine,
        warmup=(
            WarmupStep("upper_trapezius", "right", "Upper trapezius", "ball", "wall", 40),
            WarmupStep("gluteus_medius", "left", "Gluteus medius", "foam_roller", "side_lying", 40),
        ),
        warmup_min=2,
        red_flags=(RedFlagNote(flag.id, flag.text, (0, 2)),),
    )
    content = build_guide_content("Me", [], answer, knowledge, date(2025, 3, 7))
    assert [g.heading for g in content.groups] == ["Standing against a wall", "Lying on your side"]
    assert [s.number for s in content.steps] == [1, 2, 3]
    assert content.steps[0].title == "Upper trapezius, right"
    assert content.steps[2].tool == "foam roller"
    assert content.steps[0].timing == "10–30 s on each tender point, then 2–3 min around it"
    assert content.steps[0].how and content.steps[0].cautions
    assert "about 10 minutes" in content.total_text  # 3 × (30 s + 3 min), rounded
    assert content.quick_lines == (
        "Upper trapezius, right: about 40 s of slow passes with the massage ball",
        "Gluteus medius, left: about 40 s of slow passes with the foam roller",
    )
    assert "about 2 minutes" in content.quick_title and content.quick_note
    assert content.date_text == "7 March 2025"
    assert content.advice == knowledge.advice
    assert content.disclaimer == knowledge.disclaimer
    assert content.red_flags[0] == f"{flag.text} (for your spots 1, 3)"
    assert list(content.red_flags[1:]) == [f.text for f in knowledge.red_flags[1:]]


def test_content_cuts_long_notes_and_names_where_each_spot_is() -> None:
    from bodymap.knowledge import load_knowledge

    spots = [spot(0, "back", 560, 180, note="word " * 400)]
    answer = _advice(findings=(_finding("Upper trapezius", "right"),))
    content = build_guide_content("Me", spots, answer, load_knowledge(), date(2025, 1, 2))
    row = content.spots[0]
    assert row.where == "Upper trapezius, right"
    assert len(row.note) <= 241 and row.note.endswith("…")
    assert content.groups == () and content.total_text == ""
    assert content.advice and content.red_flags and "not medical advice" in content.disclaimer


def test_a_spot_left_out_by_the_routine_length_is_a_note_not_a_caution() -> None:
    """Only safety texts go in the caution ink; "choose a longer routine" is not one."""
    from bodymap.knowledge import load_knowledge

    knowledge = load_knowledge()
    safety = knowledge.safety
    assert safety is not None
    left = safety.spot_left_out.format(length="short", muscles="Gluteus medius")
    tingling = safety.spot_tingling.format(side="left", part="leg")
    spots = [spot(0, "back", 560, 180), spot(1, "back", 440, 180)]
    findings = (_finding("Gluteus maximus", "right", left), _finding("Calf", "left", tingling))
    rows = build_guide_content("Me", spots, _advice(findings=findings), knowledge, WHEN.date())
    assert (rows.spots[0].caution, rows.spots[0].left_out) == ("", left)
    assert (rows.spots[1].caution, rows.spots[1].left_out) == (tingling, "")


def test_a_left_out_note_never_takes_the_place_of_a_spots_caution() -> None:
    """The desk worker's short routine leaves spot 5's muscles out: its row keeps the
    caution of the side of the neck and adds the left-out note (a tester saw the caution
    replaced by "Left out of the short routine")."""
    from bodymap.advisor import advise_map
    from bodymap.knowledge import load_knowledge

    tpm = example("desk_worker")
    advice = advise_map(tpm, "short")
    rows = build_guide_content("Me", tpm.spots, advice, load_knowledge(), WHEN.date()).spots
    both = [row for row in rows if row.caution and row.left_out]
    assert both, [(row.number, row.caution[:30], row.left_out[:30]) for row in rows]
    for row in rows:
        finding = advice.spots[row.number - 1]
        if finding.cautions:
            assert row.caution, row.number


def test_a_map_without_spots_still_gets_every_warning_sign_and_no_routine() -> None:
    from bodymap.knowledge import load_knowledge

    knowledge = load_knowledge()
    content = build_guide_content("Empty", [], None, knowledge, WHEN.date())
    assert content.spots == () and content.steps == () and content.left_out == ""
    assert list(content.red_flags) == [f.text for f in knowledge.red_flags]
    assert content.disclaimer == knowledge.disclaimer


def test_a_raised_warning_sign_not_in_the_tables_is_still_printed() -> None:
    """Every warning sign the panel shows is printed in the guide, even one that is not in
    the knowledge tables' list (a pattern or a press caveat could raise one): a guide that
    left it out would hide a reason to see a clinician."""
    from bodymap.knowledge import load_knowledge

    knowledge = load_knowledge()
    extra = RedFlagNote("extra", "  See a doctor about X.  ", (0,))
    content = build_guide_content("Me", [], _advice(red_flags=(extra,)), knowledge, WHEN.date())
    assert list(content.red_flags) == [
        *(f.text for f in knowledge.red_flags),
        "See a doctor about X.",
    ]


# -- text engine -------------------------------------------------------------------------
def test_wrapped_text_caps_lines_with_an_ellipsis_and_never_exceeds_the_width(qapp) -> None:
    from PySide6.QtGui import QFontMetricsF

    from bodymap.ui.printing.text import Fonts, WrappedText

    image = QImage(800, 800, QImage.Format.Format_RGB32)
    font = Fonts().body
    text = "Pressing here sends an ache down the arm. " * 50
    wrapped = WrappedText(text, font, 300.0, image, max_lines=2)
    assert wrapped.line_count == 2 and wrapped.truncated
    assert wrapped.lines[-1].endswith("…")
    metrics = QFontMetricsF(font, image)
    assert all(metrics.horizontalAdvance(line) <= 300.0 + 0.5 for line in wrapped.lines)
    short = WrappedText("Short.", font, 300.0, image, max_lines=2)
    assert short.line_count == 1 and not short.truncated


# -- page size ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("territory", "expected"),
    [
        (QLocale.Country.UnitedStates, "Letter"),
        (QLocale.Country.Canada, "Letter"),
        (QLocale.Country.Mexico, "Letter"),
        (QLocale.Country.Philippines, "Letter"),
        (QLocale.Country.Germany, "A4"),
        (QLocale.Country.UnitedKingdom, "A4"),
        (QLocale.Country.Japan, "A4"),
    ],
)
def test_default_page_size_follows_the_locale(territory, expected: str) -> None:
    from bodymap.ui.printing.guide import default_page_size

    assert default_page_size(QLocale(QLocale.Language.English, territory)) == expected


# -- whole guides ------------------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.parametrize("name", EXAMPLES)
def test_example_guides_name_every_routine_muscle_and_carry_the_disclaimer(
    qapp, tmp_path: Path, name: str
) -> None:
    tpm = example(name)
    out, renderer = render(tmp_path, tpm)
    steps = renderer.content.steps
    assert steps, "an example map must produce a routine"
    assert 2 <= renderer.page_count <= 8
    assert_sound_layout(renderer)
    text = normalised(pdf_text(out))
    assert "Rolling guide" in text and tpm.name in text
    for step in steps:
        assert step.title.split(",")[0] in text, step.title
    assert "not medical advice" in text
    assert f"page 1 of {renderer.page_count}" in text
    assert f"page {renderer.page_count} of {renderer.page_count}" in text
    images = page_images(out, tmp_path)
    assert len(images) == renderer.page_count
    for number, image in enumerate(images, start=1):
        assert ink_fraction(image) > 0.003, f"page {number} looks blank"


@pytest.mark.slow
def test_every_step_block_sits_whole_on_one_page(qapp, tmp_path: Path) -> None:
    # no tingling or numb spot: those hold their limbs' muscles out of the routine
    tpm = TriggerPointMap("Thirty", landmark_spots(30, kinds=("ache", "sharp", "burning")))
    _, renderer = render(tmp_path, tpm)
    step_placements = [p for p in renderer.flow.placements if p.block.kind == "step"]
    assert len(step_placements) == len(renderer.content.steps) > 5
    area = renderer.content_rect()
    for p in step_placements:
        assert p.top >= 0 and p.bottom <= area.height()
    assert_sound_layout(renderer)
    # Headings are never stranded at the bottom of a page.
    for page in range(renderer.page_count):
        placed = renderer.flow.on_page(page)
        assert placed[-1].block.kind not in ("section", "group", "table_header")


@pytest.mark.slow
def test_thirty_spots_all_appear_in_the_table(qapp, tmp_path: Path) -> None:
    tpm = TriggerPointMap("Thirty", landmark_spots(30))
    out, renderer = render(tmp_path, tpm)
    rows = [p.block.ref.number for p in renderer.flow.placements if p.block.kind == "spot_row"]
    assert rows == list(range(1, 31))
    assert renderer.page_count <= 14
    text = normalised(pdf_text(out))
    assert "Spot 30 note." in text


def test_a_guide_without_spots_is_short_and_friendly(qapp, tmp_path: Path) -> None:
    """No empty tables: the basics, every warning sign and the disclaimer (a page and the
    top of a second, since the warning signs are listed in full)."""
    out, renderer = render(tmp_path, TriggerPointMap("Empty"))
    assert renderer.page_count <= 2
    text = normalised(pdf_text(out))
    assert "no spots yet" in text and "not medical advice" in text
    assert f"page {renderer.page_count} of {renderer.page_count}" in text
    assert "Your spots" not in text and "Routine" not in text
    assert_sound_layout(renderer)


@pytest.mark.slow
def test_one_spot_gives_a_short_guide(qapp, tmp_path: Path) -> None:
    from bodymap.atlas import load_atlas

    x, y = load_atlas()["back"].landmarks["acromion_r"]
    _, renderer = render(tmp_path, TriggerPointMap("One", [spot(0, "back", x - 20, y + 5)]))
    assert 2 <= renderer.page_count <= 5  # the diagrams and a routine of about six steps
    assert len(renderer.content.spots) == 1
    assert_sound_layout(renderer)


@pytest.mark.slow
def test_a_two_thousand_character_note_is_cut_to_two_lines(qapp, tmp_path: Path) -> None:
    from bodymap.atlas import load_atlas

    x, y = load_atlas()["back"].landmarks["scapula_inferior_angle_r"]
    note = ("It burns after long drives and wakes me at night sometimes. " * 40)[:2000]
    tpm = TriggerPointMap("Long note", [spot(0, "back", x, y, note=note)])
    out, renderer = render(tmp_path, tpm)
    row = next(p.block for p in renderer.flow.placements if p.block.kind == "spot_row")
    header = next(p.block for p in renderer.flow.placements if p.block.kind == "table_header")
    assert row.height < 4 * header.height  # two lines of note, not forty
    text = normalised(pdf_text(out))
    assert "…" in text and text.count("wakes me at night") <= 3


@pytest.mark.slow
def test_spots_on_both_views_and_on_the_spine_render(qapp, tmp_path: Path) -> None:
    from bodymap.atlas import load_atlas

    atlas = load_atlas()
    spine = atlas["back"].landmarks["t12"]
    front = atlas["front"].landmarks["umbilicus"]
    tpm = TriggerPointMap(
        "Both", [spot(0, "back", *spine, intensity=8), spot(1, "front", front[0] - 30, front[1])]
    )
    out, renderer = render(tmp_path, tpm, page_size="Letter")
    assert {row.view for row in renderer.content.spots} == {"front", "back"}
    assert_sound_layout(renderer)
    text = normalised(pdf_text(out))
    assert "not medical advice" in text
    spine_row = renderer.content.spots[0]
    assert "spine" in spine_row.caution  # a spot over the spinous processes says so
    assert normalised(spine_row.caution)[:40] in text
    assert b"/MediaBox [0 0 612.000000 792.000000]" in out.read_bytes()


@pytest.mark.slow
def test_a4_pages_are_a4(qapp, tmp_path: Path) -> None:
    out, _ = render(tmp_path, example("runner"), page_size="A4")
    assert b"/MediaBox [0 0 595" in out.read_bytes()


def test_marks_of_one_view_never_appear_on_the_other(qapp) -> None:
    from bodymap.atlas import load_atlas
    from bodymap.knowledge import load_knowledge
    from bodymap.ui.printing.diagram import DiagramPainter

    atlas = load_atlas()
    drawing = DiagramPainter(atlas, load_knowledge())
    front_only = [spot(i, "front", *xy) for i, xy in enumerate(atlas["front"].landmarks.values())]

    def draw(view: str, spots: list[Spot]) -> QImage:
        image = QImage(200, 300, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        drawing.paint_view(painter, QRectF(0, 0, 200, 300), view, spots=spots)
        painter.end()
        return image

    assert draw("back", front_only) == draw("back", [])
    assert draw("front", front_only) != draw("front", [])


@pytest.mark.slow
def test_the_pdf_is_written_atomically_and_a_bad_page_size_touches_nothing(
    qapp, tmp_path: Path
) -> None:
    from bodymap.ui.printing.guide import write_guide_pdf

    out = tmp_path / "guide.pdf"
    out.write_bytes(b"old")
    with pytest.raises(ValueError, match="A4 or Letter"):
        write_guide_pdf(example("runner"), out, page_size="A3")
    assert out.read_bytes() == b"old"
    write_guide_pdf(example("runner"), out, page_size="Letter")
    assert out.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir()] == ["guide.pdf"]


# -- print and preview -------------------------------------------------------------------
@pytest.mark.slow
def test_print_guide_prints_when_accepted_and_not_when_cancelled(
    qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    from bodymap.ui.printing import guide

    out = tmp_path / "printed.pdf"

    def accept(dialog) -> int:
        printer = dialog.printer()
        assert printer.pageLayout().margins().left() >= 12
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return int(QPrintDialog.DialogCode.Accepted)

    monkeypatch.setattr(guide, "_exec_dialog", lambda d: int(QPrintDialog.DialogCode.Rejected))
    assert guide.print_guide(None, example("runner")) is False
    assert not out.exists()
    monkeypatch.setattr(guide, "_exec_dialog", accept)
    assert guide.print_guide(None, example("runner")) is True
    assert "not medical advice" in normalised(pdf_text(out))


@pytest.mark.slow
def test_preview_paints_the_same_guide(
    qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from bodymap.ui.printing import guide

    out = tmp_path / "preview.pdf"

    def show(dialog) -> int:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        dialog.paintRequested.emit(printer)
        return 0

    monkeypatch.setattr(guide, "_exec_dialog", show)
    guide.preview_guide(None, example("desk_worker"))
    text = normalised(pdf_text(out))
    assert "Your routine" in text and "not medical advice" in text


# -- command line ------------------------------------------------------------------------
def test_cli_writes_the_guide_without_a_window(tmp_path: Path) -> None:
    out = tmp_path / "g.pdf"
    env = {
        k: v
        for k, v in __import__("os").environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bodymap",
            "guide",
            str(asset("examples", "runner.bodymap")),
            "-o",
            str(out),
            "--page-size",
            "Letter",
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF-")
    assert "Traceback" not in result.stderr


def _words(pdf: Path, page: int) -> list[tuple[str, QRectF]]:
    """The words on ``page`` (from 1) with their boxes in points, from pdftotext."""
    import re

    if PDFTOTEXT is None:
        pytest.skip("pdftotext (poppler-utils) is not installed, so PDF text cannot be read")
    done = subprocess.run(
        [PDFTOTEXT, "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<'
    return [
        (word, QRectF(float(x0), float(y0), float(x1) - float(x0), float(y1) - float(y0)))
        for x0, y0, x1, y1, word in re.findall(pattern, done.stdout)
    ]


@pytest.mark.slow
@pytest.mark.parametrize("page_size", ["A4", "Letter"])
def test_every_legend_entry_and_the_caption_under_the_diagrams_is_legible(
    qapp, tmp_path: Path, page_size: str
) -> None:
    """The legend's third row ("Open circle: … do not press it", a safety line) printed
    over the caption under it: the legend's height was fixed at two rows. No word on the
    guide's first page may overlap another, and every legend entry is there in full."""
    from bodymap.ui.drawing.legend import legend_items

    out, _ = render(tmp_path, example("desk_worker"), page_size)
    words = _words(out, 1)
    for k, (word, box) in enumerate(words):
        for other, other_box in words[k + 1 :]:
            both = box.intersected(other_box)
            assert both.width() < 0.3 or both.height() < 0.3, (word, other, page_size)
    text = normalised(pdf_text(out))
    for _kind, entry in legend_items():
        assert entry in text
    assert "A darker disc: a more intense spot. Sides are the person's own (R, L)." in text


def test_the_legend_wraps_into_rows_that_neither_overlap_nor_leave_the_width(qapp) -> None:
    """Laid out at the printed guide's width and narrower (a small window), each legend
    entry keeps its own box inside the width; `legend_height` is the height they take."""
    from PySide6.QtGui import QFont, QPdfWriter

    from bodymap.ui.drawing.legend import legend_height, legend_items, legend_layout

    device = QPdfWriter(str(Path(__file__)))  # never written: only measured on
    device.setResolution(1200)
    font = QFont()
    font.setPointSizeF(8.0)
    for width_mm in (180.0, 186.0, 120.0, 60.0):
        width = width_mm * 1200 / 25.4
        entries = legend_layout(QRectF(0, 0, width, 1e6), font, device)
        assert [e.kind for e in entries] == [kind for kind, _text in legend_items()]
        assert [" ".join(e.lines) for e in entries] == [text for _kind, text in legend_items()]
        for k, entry in enumerate(entries):
            assert entry.rect.left() >= 0 and entry.rect.right() <= width + 1, width_mm
            for other in entries[k + 1 :]:
                assert not entry.rect.intersects(other.rect), (entry.text, other.text)
        bottom = max(e.rect.bottom() for e in entries)
        assert legend_height(width, font, device) == pytest.approx(bottom)


@pytest.mark.slow
def test_every_step_prints_its_how_to_and_cautions_whole(qapp, tmp_path: Path) -> None:
    """Safety text is never cut to a number of lines. A tester's map (an area over both
    buttocks, an outer-thigh area at 7/10, a chest spot) and a spot beside the spine at
    mid-back bring a step with the spine's long caution ("… is the one exception: not with
    osteoporosis or fragile bones, after a spinal fracture, or on long-term steroid
    tablets."), which was printed cut after "after…": every step prints its how-to and
    every caution in full."""
    from bodymap.maps import add_spot

    tpm = load_map(Path(__file__).parent / "data" / "guide_buttocks_area.bodymap")
    add_spot(tpm, "back", 515.0, 300.0, "right", intensity=8)
    out, renderer = render(tmp_path, tpm)
    text = normalised(pdf_text(out)).replace("- ", "-")
    steps = renderer.content.steps
    assert any("osteoporosis" in c for step in steps for c in step.cautions)
    for step in steps:
        for words in (step.how, *step.cautions):
            whole = normalised(words).replace("- ", "-")
            assert whole in text, (step.title, whole[-60:])
    assert "after…" not in text


def test_a_fingertip_steps_close_up_hatches_no_zone_that_only_keeps_tools_out(
    qapp, monkeypatch
) -> None:
    """The back of the neck is hatched because no ball or roller goes there, but splenius
    cervicis is worked there with the fingertips: its close-up does not hatch that zone
    under its shading (the legend says the hatched places are never rolled); a ball step's
    close-up still does."""
    from PySide6.QtGui import QImage, QPainter

    from bodymap.atlas import load_atlas
    from bodymap.knowledge import load_knowledge
    from bodymap.ui.drawing.painting import ViewPainter
    from bodymap.ui.printing.diagram import DiagramPainter

    skipped: list[set[str]] = []
    real = ViewPainter.paint_cautions

    def spy(self, painter, **options):  # type: ignore[no-untyped-def]
        skipped.append(set(options.get("skip", ())))
        return real(self, painter, **options)

    monkeypatch.setattr(ViewPainter, "paint_cautions", spy)
    diagrams = DiagramPainter(load_atlas(), load_knowledge())
    image = QImage(200, 240, QImage.Format.Format_ARGB32)
    for muscle in ("splenius_cervicis", "upper_trapezius"):
        painter = QPainter(image)
        diagrams.paint_crop(painter, QRectF(0, 0, 200, 240), "back", muscle, "right")
        painter.end()
    assert "back_of_neck" in skipped[0]  # hands: the zone keeps only a ball and a roller out
    assert "back_of_neck" not in skipped[1]  # a ball step: hatched as ever


def test_the_legend_names_the_grey_fascia_and_a_painted_areas_tint(qapp, tmp_path) -> None:
    """A walk's finding: the printed figures drew the grey fascia and a painted area's tint,
    and the legend named neither. It names the fascia always (as the window's legend does)
    and the tint on a map with a painted area."""
    from bodymap.knowledge import load_knowledge

    symbols = load_knowledge().symbols
    area_map = load_map(Path(__file__).parent / "data" / "walk_low_back_thigh.bodymap")
    assert any(s.area is not None for s in area_map.spots)
    out, _ = render(tmp_path, area_map)
    text = pdf_text(out)
    assert f"Grey: {symbols['fascia']}" in text
    assert f"Tinted patch: {symbols['painted']}" in text
    points, _ = render(tmp_path, example("desk_worker"))
    assert "Tinted patch" not in pdf_text(points)
