"""bodymap's vocabulary: how places, positions, tools, sides and timings are said.

One wording module for the panel, the printed guide, the sessions, the exports, the
dialogs and the command line, so each says "Lying face down", "two balls", "Upper
trapezius, right" or "10–30 s" the same way. Below the guide and the sessions, above the
advisor (whose answers it words); no Qt.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from bodymap.advisor.model import spot_noun
from bodymap.atlas.model import main_place, places_of
from bodymap.knowledge.places import both_sides_label, sentence_label
from bodymap.sides import BOTH_SIDES_SHARE

if TYPE_CHECKING:
    from bodymap.advisor.model import Routine, SpotFinding
    from bodymap.atlas import Hit, ViewAtlas
    from bodymap.knowledge.model import Knowledge, Method
    from bodymap.maps.values import Spot

__all__ = [
    "AREA_DASH",
    "MAIN_PLACE_SHARE",
    "NOTE_LIMIT",
    "OTHER_PLACE_SHARE",
    "POSITION_WORDS",
    "SIDE_WORDS",
    "TOOL_WORDS",
    "TRENDS",
    "area_place",
    "hold_text",
    "left_out_text",
    "minutes_text",
    "muscle_name",
    "pain_text",
    "percent_text",
    "position_words",
    "reading_text",
    "seconds_text",
    "short_note",
    "span_of",
    "spot_heading",
    "spot_noun",
    "spot_place",
    "spot_row",
    "spot_tooltip_text",
    "tender_point",
    "titled",
    "tool_noun",
    "tool_words",
    "trend_text",
    "user_text",
]

POSITION_WORDS: Mapping[str, str] = {
    "face_up": "Lying on your back",
    "face_down": "Lying face down",
    "side_lying": "Lying on your side",
    "seated": "Sitting",
    "wall": "Standing against a wall",
    "standing": "Standing",
}
TOOL_WORDS: Mapping[str, str] = {
    "foam_roller": "foam roller",
    "ball": "massage ball",
    "hands": "your hands",
    "none": "no tool",
}
SIDE_WORDS: Mapping[str, str] = {
    "right": "right",
    "left": "left",
    "midline": "middle",
    "both": "both sides",
}


_RIGHT_TO_LEFT = frozenset(
    {"R", "AL", "RLE", "RLO", "LRE", "LRO", "PDF", "RLI", "LRI", "FSI", "PDI"}
)
FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE = "\u2068", "\u2069"


def user_text(text: str) -> str:
    """A person's own text (a map's name, a note) set among the program's words: held apart
    for right-to-left display (first-strong isolate … pop isolate) when it holds a
    right-to-left letter or a direction control, so that it cannot reorder the words round
    it (a name ending in U+202E turned "1 December 2026" into "6202 rebmeceD 1"); left as it
    is otherwise, so ordinary names read and copy exactly as typed."""
    if text.isascii() or not any(unicodedata.bidirectional(c) in _RIGHT_TO_LEFT for c in text):
        return text
    return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}"


def position_words(position: str) -> str:
    """A body position in words, to start a line: "face_up" → "Lying on your back"."""
    return POSITION_WORDS.get(position, position.replace("_", " ").capitalize())


def tool_words(tool: str, detail: str = "", *, full: bool = False) -> str:
    """A tool in words: "massage ball", "foam roller"; for the hands what they do, when
    ``detail`` says it ("fingertips on the side of the neck"), as "your hands" says little.
    ``full`` prefers the detail for any tool ("ball against a wall or in a doorway"), where
    there is room for it (the panel, the muscle browser, the command line)."""
    if detail and (full or tool == "hands"):
        return detail
    return TOOL_WORDS.get(tool, tool.replace("_", " "))


_PLACE_WORDS = re.compile(r" (?:on|against|under|in|for) .*$")
_TOOL_NOUN = re.compile(r"\b(?:balls?|roller)$")


def tool_noun(tool: str, detail: str = "") -> str:
    """The thing a step lies on, for a sentence that says where it goes ("…, the two balls
    under your lumbar erector spinae"): the detail's first choice without its place
    ("two balls in a sock, or a peanut ball" → "two balls", "smooth foam roller") when it
    names a ball or a roller that says more than the bare tool; else :func:`tool_words`."""
    if tool in ("ball", "foam_roller") and detail:
        first = re.split(r",? or ", detail, maxsplit=1)[0]
        noun = _PLACE_WORDS.sub("", first).strip()
        if _TOOL_NOUN.search(noun) and noun not in ("ball", "roller"):
            return noun
    return tool_words(tool, detail)


def tender_point(where: str = "", *, which: str = "each") -> str:
    """The point a step holds, in words: "each tender point", or with where to find it when
    the usual sites are not to be pressed ("each tender point on the lower ribs themselves,
    … (not on the open circle)")."""
    if not where:
        return f"{which} tender point"
    return f"{which} tender point {where} (not on the open circle)"


def hold_text(method: Method, *, which: str = "each") -> str:
    """A method's timing in words, the same wherever it is said (guide, panel, browser):
    "10–30 s on each tender point, then 2–3 min around it"; for one with no hold
    (`Method.holds`) "1–2 min, gently, just behind …; no holding"."""
    where, around = method.hold_where, minutes_text(method.around_min)
    if not method.holds:
        place = f", gently, {where}" if where else ", gently"
        return f"{around}{place}; no holding"
    point = tender_point(where, which=which)
    return f"{seconds_text(method.on_point_s)} on {point}, then {around} around it"


def seconds_text(span: Sequence[float]) -> str:
    """``[10, 30]`` → ``"10–30 s"``."""
    low, high = span_of(span)
    return f"{low:g} s" if low == high else f"{low:g}–{high:g} s"


def minutes_text(span: Sequence[float]) -> str:
    """``[2, 3]`` → ``"2–3 min"``."""
    low, high = span_of(span)
    return f"{low:g} min" if low == high else f"{low:g}–{high:g} min"


def span_of(span: Sequence[float] | float | None) -> tuple[float, float]:
    """A timing span as (low, high): ``[10, 30]`` → (10, 30), ``5`` → (5, 5), None → (0, 0)."""
    if span is None:
        return (0.0, 0.0)
    if isinstance(span, int | float):
        return (float(span), float(span))
    values = [float(v) for v in span] or [0.0]
    return (min(values), max(values))


def titled(name: str, side: str) -> str:
    """A muscle's name with the person's side: "Upper trapezius, right"; alone on the midline."""
    return name if side == "midline" else f"{name}, {SIDE_WORDS.get(side, side)}"


def muscle_name(knowledge: Knowledge, muscle: str) -> str:
    """The muscle's display name from the knowledge tables, or one made from its id."""
    record = knowledge.muscles.get(muscle)
    return (record.name if record is not None else "") or muscle.replace("_", " ").capitalize()


AREA_DASH = " — "
"""Between "Area 3" and where it is, in the panel's spot list and the guide's spot table."""


MAIN_PLACE_SHARE = 1 / 3
"""A painted area whose largest place holds less than a third of it is named with how
many more places it covers ("lower back and 3 more places, both sides")."""
OTHER_PLACE_SHARE = 0.02
"""The share of an area another place must hold to count among those "more places" (a
sliver along an edge does not)."""


def area_place(finding: SpotFinding | Hit, side: str) -> str:
    """Where a painted area is, in everyday words: "outer thigh, right", "buttocks, both
    sides", "sacrum (back of the pelvis)" (a midline place has no side).

    The place is the surface segment holding the largest share of the area, the same
    segment of both sides counted together (``shares``, from the atlas's `locate_area`),
    and its sides are those holding at least :data:`BOTH_SIDES_SHARE` of the area's part
    on it; for an area named with "and N more places" those of the whole area (a stroke
    from the left shoulder blade to the right calf is not the calf's side alone). Every
    place that names an area says it with this: the spot list, the tooltip,
    the guide, the summary, the History, the check-in dialog and the command line.
    Without shares (an area off the body, or a point's hit) the surface segment under its
    point, else the muscle there, with ``side``."""
    shares = finding.shares
    if shares and len(shares) == len(finding.segments):
        # the largest place; on a tie the first, the one under the area's point
        place, sizes = main_place(finding.segments, shares)
        name = next(r.name for r in finding.segments if r.id == place) or place
        places = places_of(finding.segments, shares)
        more = _more_places(places, place)
        if more:  # spread over several places: the whole area's sides, not the main one's
            whole: dict[str, float] = {}
            for sides in places.values():
                for side, size in sides.items():
                    if side != "midline":
                        whole[side] = whole.get(side, 0.0) + size
            sizes = whole or {"midline": 0.0}
        held = [s for s, size in sizes.items() if size >= BOTH_SIDES_SHARE * sum(sizes.values())]
        if "midline" in sizes:
            return sentence_label(name) + more
        if "left" in held and "right" in held:
            # a pair named in the plural ("buttocks"); among more places the main one keeps
            # its own number ("calf and 11 more places")
            return f"{sentence_label(name) if more else both_sides_label(name)}{more}, both sides"
        most = max(sizes, key=lambda s: sizes[s])
        return f"{sentence_label(name)}{more}, {SIDE_WORDS.get(most, most)}"
    names = [r.name for r in (*finding.segments, *finding.regions) if r.name]
    place = sentence_label(names[0]) if names else "body"
    return place if side == "midline" else f"{place}, {SIDE_WORDS.get(side, side)}"


def _more_places(places: Mapping[str, Mapping[str, float]], main: str) -> str:
    """The words " and 3 more places" when an area's main place holds less than
    :data:`MAIN_PLACE_SHARE` of it: the others that hold at least :data:`OTHER_PLACE_SHARE`
    each, so a stroke across the whole back is not named after one part of it."""
    sizes = {place: sum(sides.values()) for place, sides in places.items()}
    total = sum(sizes.values())
    if total <= 0 or sizes[main] >= MAIN_PLACE_SHARE * total:
        return ""
    more = sum(1 for p, size in sizes.items() if p != main and size >= OTHER_PLACE_SHARE * total)
    if not more:
        return ""
    return f" and {more} more place{'s' if more > 1 else ''}"


def spot_place(view_atlas: ViewAtlas, spot: Spot) -> str:
    """A spot's place and side as the check-in dialog, the History and ``bodymap history``
    name it: "Upper trapezius, right" (the muscle under a point), and for a painted area
    :func:`area_place` ("buttocks, both sides")."""
    area = spot.area.shape if spot.area is not None else None
    hit = view_atlas.locate_spot(spot.x, spot.y, area)
    if area is not None and hit.inside:
        return area_place(hit, spot.side)
    name = hit.regions[0].name if hit.regions else "outside the body"
    return name if spot.side == "midline" else f"{name}, {spot.side}"


def left_out_text(routine: Routine, *, longer: str) -> str:
    """The steps the chosen routine length has no time for, as one sentence ("" for none),
    ending with how to include them where the reader is (``longer``: "Choose a longer
    routine above to include them."): "The standard routine has no time for: Infraspinatus
    (right), …". Only the steps that length picked and could not fit: the full routine adds
    further sources as well, which the words must not hide."""
    if not routine.left_out:
        return ""
    names = []
    for entry in routine.left_out:
        name, side = entry.name or entry.muscle, entry.side
        names.append(name if side == "midline" else f"{name} ({SIDE_WORDS.get(side, side)})")
    length = routine.length or "standard"
    return f"The {length} routine has no time for: {', '.join(names)}. {longer}"


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


def spot_row(
    number: int, place: SpotFinding, spot: Spot, latest: int | None, trend_label: str
) -> str:
    """A spot's line in the spot list and in ``bodymap spots``: "Spot 2 — Upper trapezius
    (right) — 6/10 · ↓ better" (`spot_heading`, then `reading_text`)."""
    heading = spot_heading(number, place, spot.side, place.area_units2 is not None)
    return f"{heading}{AREA_DASH}{reading_text(spot.intensity, latest, trend_label)}"


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


TRENDS: Mapping[str, str] = {
    "better": "↓ better",
    "worse": "↑ worse",
    "steady": "→ steady",
    "new": "new",
    "resumed": "after a break",
}
"""A spot's trend label (`TriggerPointMap.trend_label`) as the spot list shows it."""


def trend_text(label: str) -> str:
    """A short arrow and word for a spot's trend label: "↓ better"."""
    return TRENDS.get(label, label)


def reading_text(intensity: int, latest: int | None, trend_label: str) -> str:
    """A spot's pain now and its trend, as the spot list and ``bodymap spots`` say them:
    "6/10 · ↓ better". When the spot was set since its last check-in the trend (which is of
    the check-ins) says which reading it ends at: "6/10 · last check-in 3/10, ↓ better",
    else a 6 just typed would read as better."""
    trend = trend_text(trend_label)
    if latest is not None and latest != intensity:
        trend = f"last check-in {latest}/10, {trend}"
    return f"{intensity}/10 · {trend}"


def percent_text(value: float) -> str:
    """A share of the body to one decimal, as the panel gives pain extent: "12.4"; a share
    too small to show is "under 0.1", never "0.0", which reads as nothing painted."""
    if 0 < value < 0.05:
        return "under 0.1"
    return f"{value:.1f}"
