"""Page flow for the printed guide: stack measured blocks onto pages, never splitting one.

The guide is a column of blocks (a heading, a step, a table row …) whose heights were
measured beforehand. `flow_blocks` places them top to bottom, starting a new page when the
next block does not fit, keeping a heading on the same page as what follows it and
repeating a table's header at the top of a page the table runs onto. It knows nothing of
Qt or of what a block shows, so the rules are tested with plain numbers and the same
placements are drawn onto a PDF writer or a printer alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

__all__ = ["SHORT_CARRY", "Block", "Flow", "Placement", "flow_blocks"]

SHORT_CARRY = 0.25
"""A block that asks for a new page follows on the current one instead when that page, not
the first, holds only a carry-over from the page before that fills less than this share of
it (the last rows of a table): a page with two table rows and nothing else was left blank."""


@dataclass(frozen=True)
class Block:
    """One unsplittable piece of the guide.

    ``height`` is in the caller's units; ``space_before`` is the gap above the block
    unless it opens a page. ``keep_with_next`` keeps it on the page of the block after it
    (headings); ``page_break_before`` starts a new page (but after a short carry-over, see
    :data:`SHORT_CARRY`, it follows on that page); ``repeat_header`` is drawn again
    above this block when it has to open a new page (a table header for its rows).
    ``payload`` is whatever the painter needs and ``ref`` what the block shows (a step, a
    table row), for tests and debugging; neither is looked at here.
    """

    kind: str
    height: float
    payload: object = None
    space_before: float = 0.0
    keep_with_next: bool = False
    page_break_before: bool = False
    repeat_header: Block | None = field(default=None, repr=False)
    ref: object = None


@dataclass(frozen=True)
class Placement:
    """Where a block landed: page index (0-based) and its top and bottom on that page."""

    block: Block
    page: int
    top: float

    @property
    def bottom(self) -> float:
        return self.top + self.block.height


@dataclass(frozen=True)
class Flow:
    """The laid-out guide: every placement in reading order and the number of pages."""

    placements: tuple[Placement, ...]
    page_count: int
    page_height: float
    oversized: tuple[Block, ...] = ()

    def on_page(self, page: int) -> list[Placement]:
        return [p for p in self.placements if p.page == page]


def _chain_height(blocks: Sequence[Block], start: int) -> float:
    """Height of the block at ``start`` plus every block glued to it by keep_with_next."""
    total = blocks[start].height
    index = start
    while blocks[index].keep_with_next and index + 1 < len(blocks):
        index += 1
        if blocks[index].page_break_before:
            break
        total += blocks[index].space_before + blocks[index].height
    return total


def flow_blocks(blocks: Sequence[Block], page_height: float) -> Flow:
    """Place ``blocks`` in order on pages of ``page_height``.

    A block that does not fit in what is left of a page goes to the top of the next one;
    a block taller than a whole page gets a page of its own and is reported in
    ``Flow.oversized`` (the painter clips it) rather than being split.
    """
    if page_height <= 0:
        raise ValueError("page height must be positive")
    placements: list[Placement] = []
    oversized: list[Block] = []
    page, y = 0, 0.0
    opened_by_break = False  # whether the current page was started by a page break
    for index, block in enumerate(blocks):
        gap = block.space_before if y > 0 else 0.0
        chain = _chain_height(blocks, index)
        if chain > page_height:  # glued blocks that can never share a page: keep this one whole
            chain = block.height
        carried = page > 0 and not opened_by_break and y < SHORT_CARRY * page_height
        wants_page = block.page_break_before and not carried
        if y > 0 and (wants_page or y + gap + chain > page_height):
            opened_by_break = block.page_break_before
            page, y, gap = page + 1, 0.0, 0.0
            if block.repeat_header is not None:
                placements.append(Placement(block.repeat_header, page, y))
                y += block.repeat_header.height
        if block.height > page_height:
            oversized.append(block)
        placements.append(Placement(block, page, y + gap))
        y += gap + block.height
    return Flow(tuple(placements), page + 1, page_height, tuple(oversized))
