"""What the window says about a spot, in one place: the spot list and the diagram's
tooltip name it, give its intensity, its kind of pain and its note the same way.

The texts are plain; a caller shows them through `plain_text` (a note may hold anything).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bodymap.words import AREA_DASH, area_place, spot_noun

if TYPE_CHECKING:
    from bodymap.advisor.model import SpotFinding
    from bodymap.atlas import Hit

__all__ = ["NOTE_LIMIT", "pain_text", "short_note", "spot_heading", "spot_tooltip_text"]

NOTE_LIMIT = 120
"""How many characters of a note the diagram's tooltip shows (the spot list shows it all)."""


def spot_heading(number: int, place: SpotFinding | Hit, side: str, area: bool) -> str:
    """The spot's number and where it is: "Spot 2 — Upper trapezius (right)", "Area 3 —
    outer thigh, right"; from the advisor's finding or the atlas's hit for its point."""
    if area:
        return f"{spot_noun(True, capital=True)} {number}{AREA_DASH}{area_place(place, side)}"
    region = place.regions[0].name if place.regions else "Not on the body"
    noun = spot_noun(False, capital=True)
    return f"{noun} {number}{AREA_DASH}{region}{'' if side == 'midline' else f' ({side})'}"


def short_note(note: str, limit: int = NOTE_LIMIT) -> str:
    """``note`` on one line, cut at a word and marked "…" when longer than ``limit``."""
    text = " ".join(note.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return f"{cut.rstrip(' ,;:.-–—')}…"


def pain_text(kind: str, note: str, note_limit: int | None = None) -> str:
    """The kind of pain and the note: "Ache pain: stiff after desk work" (the note whole,
    or shortened to ``note_limit``)."""
    text = f"{kind.capitalize()} pain"
    if not note:
        return text
    return f"{text}: {note if note_limit is None else short_note(note, note_limit)}"


def spot_tooltip_text(
    number: int,
    place: SpotFinding | Hit,
    side: str,
    area: bool,
    intensity: int,
    kind: str,
    note: str,
) -> str:
    """The diagram's tooltip for a spot: its heading and intensity, then its pain and note
    (shortened)."""
    heading = spot_heading(number, place, side, area)
    return f"{heading}, intensity {intensity}/10\n{pain_text(kind, note, NOTE_LIMIT)}"
