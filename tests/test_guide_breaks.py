"""Long lists in the printed guide break across pages between items: the warning signs, the
"do not roll" list, the contraindications. However long the knowledge's texts grow, no block
runs off a page, no heading is left alone at the bottom of one and every item prints once."""

from __future__ import annotations

import dataclasses
import importlib
import itertools
from pathlib import Path

import pytest
from test_guide import assert_sound_layout, landmark_spots, normalised, pdf_text, render

from bodymap.guide.layout import flow_blocks
from bodymap.knowledge import Knowledge, load_knowledge
from bodymap.maps import TriggerPointMap
from bodymap.ui.printing.blocks import ListItem


def lengthened(text: str) -> str:
    """Three tellings of ``text``, each marked, so the whole can be told apart from its parts."""
    return f"{text} [Second telling] {text} [Third telling] {text}"


@pytest.fixture
def long_knowledge(monkeypatch: pytest.MonkeyPatch) -> Knowledge:
    """The knowledge with every warning sign, contraindication and piece of advice three
    times as long, as the advisor and the guide load it."""
    import bodymap.knowledge

    real = load_knowledge()
    long = dataclasses.replace(
        real,
        red_flags=tuple(dataclasses.replace(f, text=lengthened(f.text)) for f in real.red_flags),
        contraindications=tuple(
            dataclasses.replace(c, text=lengthened(c.text)) for c in real.contraindications
        ),
        advice=tuple(lengthened(a) for a in real.advice),
    )
    monkeypatch.setattr(bodymap.knowledge, "load_knowledge", lambda: long)
    advisor = importlib.import_module("bodymap.advisor.advise")  # the module, not the function
    monkeypatch.setattr(advisor, "load_knowledge", lambda: long)
    return long


def assert_no_stranded_heading(renderer) -> None:
    """No page ends on a block glued to the next (a heading, a table header, a list's
    lead-in), and each list's heading shares a page with the list's first item."""
    flow = renderer.flow
    for page in range(flow.page_count):
        last = flow.on_page(page)[-1].block
        assert not last.keep_with_next, (
            f"{last.kind} is left alone at the bottom of page {page + 1}"
        )
    placements = flow.placements
    for index, placement in enumerate(placements[1:], start=1):
        item = placement.block.ref
        if isinstance(item, ListItem) and item.first:
            before = placements[index - 1]
            if before.block.keep_with_next:
                assert before.page == placement.page, f"{placement.block.kind} left its heading"


def list_items(renderer, kind: str) -> list[str]:
    return [
        p.block.ref.text
        for p in renderer.flow.placements
        if p.block.kind == kind and isinstance(p.block.ref, ListItem)
    ]


def test_each_list_item_is_its_own_block_and_the_list_keeps_its_height(
    qapp, tmp_path: Path
) -> None:
    from PySide6.QtGui import QPdfWriter

    from bodymap.atlas import load_atlas
    from bodymap.ui.printing.blocks import GuideBlocks
    from bodymap.ui.printing.diagram import DiagramPainter

    writer = QPdfWriter(str(tmp_path / "unused.pdf"))  # never painted on: it only measures
    writer.setResolution(1200)
    builder = GuideBlocks(writer, 8000.0, DiagramPainter(load_atlas(), load_knowledge()))
    items = ("One short line.", "A second, " * 30 + "longer.", "Third.")
    for boxed in (False, True):
        blocks = builder.bullets("red_flags", items, boxed=boxed, space_mm=2)
        assert [b.ref for b in blocks] == [
            ListItem(text, i, 3, boxed) for i, text in enumerate(items)
        ]
        assert blocks[0].space_before == pytest.approx(builder.u.mm(2))
        if boxed:  # the pieces of a frame touch
            assert all(b.space_before == 0 for b in blocks[1:])
        # the whole list is as tall as it always was: items, gaps between them, padding
        wrapped = [
            builder.text(
                t,
                builder.fonts.body,
                builder.width - (2 * builder.u.mm(3) if boxed else 0) - builder.u.mm(4),
            ).height
            for t in items
        ]
        gaps = 2 * builder.u.mm(1.2)
        pad = 2 * builder.u.mm(3) if boxed else 0.0
        total = sum(b.height + b.space_before for b in blocks) - blocks[0].space_before
        assert total == pytest.approx(sum(wrapped) + gaps + pad)
    assert builder.bullets("advice", ()) == []


def test_a_heading_and_the_first_item_move_to_the_next_page_together() -> None:
    from bodymap.guide.layout import Block

    heading = Block("section", 10, keep_with_next=True)
    items = [Block("red_flags", 30, ref=ListItem(str(i), i, 5, True)) for i in range(5)]
    flow = flow_blocks([Block("advice", 65), heading, *items], 100)
    assert [p.page for p in flow.placements] == [0, 1, 1, 1, 1, 2, 2]
    flow = flow_blocks([Block("advice", 50), heading, *items], 100)
    assert [p.page for p in flow.placements] == [0, 0, 0, 1, 1, 1, 2]


def test_todays_guide_without_spots_breaks_the_warning_signs_between_flags(
    qapp, tmp_path: Path
) -> None:
    _, renderer = render(tmp_path, TriggerPointMap("Empty"))
    assert renderer.page_count <= 2
    assert list_items(renderer, "red_flags") == list(renderer.content.red_flags)
    assert_sound_layout(renderer)
    assert_no_stranded_heading(renderer)


@pytest.mark.slow
def test_much_longer_warning_signs_still_lay_out_without_spots(
    qapp, tmp_path: Path, long_knowledge: Knowledge
) -> None:
    out, renderer = render(tmp_path, TriggerPointMap("Empty"))
    flags = [lengthened(f.text) for f in load_knowledge().red_flags]
    assert list(renderer.content.red_flags) == flags
    assert list_items(renderer, "red_flags") == flags
    assert renderer.page_count >= 3  # the list now needs more than a page, and gets it
    assert_sound_layout(renderer)
    assert_no_stranded_heading(renderer)
    pages = {p.page for p in renderer.flow.placements if p.block.kind == "red_flags"}
    assert len(pages) >= 2, "the warning signs should run over a page break"
    text = normalised(pdf_text(out))
    for flag in flags:
        assert text.count(normalised(flag)) == 1, flag[:60]
    assert f"page {renderer.page_count} of {renderer.page_count}" in text


@pytest.mark.slow
def test_much_longer_lists_still_lay_out_on_a_thirty_spot_map(
    qapp, tmp_path: Path, long_knowledge: Knowledge
) -> None:
    tpm = TriggerPointMap("Thirty", landmark_spots(30))
    out, renderer = render(tmp_path, tpm)
    c = renderer.content
    assert c.red_flags and c.not_rolled and c.contraindications
    assert all("[Third telling]" in line for line in c.red_flags)
    assert all("[Third telling]" in line for line in c.contraindications)
    for kind, lines in (
        ("red_flags", c.red_flags),
        ("not_rolled", c.not_rolled),
        ("contraindications", c.contraindications),
        ("advice", c.advice),
    ):
        assert list_items(renderer, kind) == list(lines), kind
    assert_sound_layout(renderer)
    assert_no_stranded_heading(renderer)
    text = normalised(pdf_text(out))
    for line in (*c.red_flags, *c.contraindications):
        assert text.count(normalised(line)) == 1, line[:60]


@pytest.mark.slow
def test_todays_thirty_spot_guide_leaves_no_heading_alone(qapp, tmp_path: Path) -> None:
    _, renderer = render(tmp_path, TriggerPointMap("Thirty", landmark_spots(30)))
    assert list_items(renderer, "red_flags") == list(renderer.content.red_flags)
    assert list_items(renderer, "not_rolled") == list(renderer.content.not_rolled)
    assert_sound_layout(renderer)
    assert_no_stranded_heading(renderer)


@pytest.mark.slow
def test_a_frame_cut_by_a_page_break_is_closed_on_both_pages(
    qapp, tmp_path: Path, long_knowledge: Knowledge, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bodymap.ui.printing.blocks import GuideBlocks

    closed: list[bool] = []
    real = GuideBlocks.close_box

    def record(self, painter, rect, *, top: bool) -> None:
        closed.append(top)
        real(self, painter, rect, top=top)

    monkeypatch.setattr(GuideBlocks, "close_box", record)
    _, renderer = render(tmp_path, TriggerPointMap("Empty"))
    flags = [p for p in renderer.flow.placements if p.block.kind == "red_flags"]
    cuts = sum(1 for a, b in itertools.pairwise(flags) if a.page != b.page)
    assert cuts >= 1
    assert closed == [False, True] * cuts  # the foot of one page, then the head of the next
