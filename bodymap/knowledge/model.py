"""The knowledge records: muscles with their trigger points, referral zones and technique.

All records are frozen; the tables are read once and shared by the advisor, the GUI and
the printed guide.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from bodymap.knowledge.terms import SearchTerm

__all__ = [
    "MAX_ZONE_MARGIN",
    "NOT_TIMED",
    "SYMBOLS",
    "ZONE_MARGIN",
    "BodyPart",
    "CautionText",
    "Contraindication",
    "FlagTrigger",
    "Knowledge",
    "Method",
    "Muscle",
    "Pattern",
    "PatternSpot",
    "RedFlag",
    "Referral",
    "ReferralFocus",
    "SafetyText",
    "Technique",
    "TriggerPointSite",
    "UrgencyLevel",
    "tools_kept_out",
]


@dataclass(frozen=True)
class TriggerPointSite:
    """Where a trigger point commonly sits, anchored on landmarks of one view.

    The point is ``a + (b - a) * t`` shifted by ``dx`` (atlas units *away from the
    midline*, so one number serves both sides) and ``dy`` (down). Landmark names carry no
    side; they resolve to the muscle's side.
    """

    view: str
    a: str
    b: str
    t: float
    dx: float = 0.0
    dy: float = 0.0


@dataclass(frozen=True)
class ReferralFocus:
    """The part of one referral segment a muscle's pattern covers: the segment within
    ``reach`` atlas units of a landmark-anchored point of one view.

    Travell & Simons draw some patterns over a part of a segment only (latissimus dorsi
    at the lower tip of the shoulder blade, not the whole blade); a muscle with focus
    entries for a segment refers pain to the union of their parts of it, in their views."""

    segment: str
    site: TriggerPointSite
    reach: float


@dataclass(frozen=True)
class Referral:
    """Surface segments a muscle's trigger points commonly refer pain to (same side)."""

    essential: tuple[str, ...]
    spillover: tuple[str, ...]
    focus: tuple[ReferralFocus, ...] = ()
    """Segments the pattern covers only in part (see :class:`ReferralFocus`)."""
    faces: tuple[tuple[str, str], ...] = ()
    """(segment, view) pairs: a segment seen in both views (the thumb, the little-finger
    side of the hand) that the pattern covers on one face only, the palm side (``front``)
    or the back (``back``); the other view holds none of it for the muscle."""

    def focus_on(self, segment: str) -> tuple[ReferralFocus, ...]:
        """The focus entries for ``segment`` (none: the pattern covers all of it)."""
        return tuple(f for f in self.focus if f.segment == segment)

    def face_of(self, segment: str) -> str | None:
        """The one view whose face of ``segment`` the pattern covers (None: every view)."""
        return next((view for seg, view in self.faces if seg == segment), None)

    def partial(self) -> frozenset[str]:
        """The segments the pattern covers only in part: by a focus or on one face."""
        return frozenset(f.segment for f in self.focus) | {seg for seg, _ in self.faces}

    def zone(self, segment: str) -> str | None:
        """``"essential"``, ``"spillover"`` or ``None`` for a segment id."""
        if segment in self.essential:
            return "essential"
        if segment in self.spillover:
            return "spillover"
        return None


NOT_TIMED = (0, 0)
"""The timings of a record that is not rolled (``tool = "none"``): nothing to time."""


@dataclass(frozen=True, slots=True)
class Method:
    """How a muscle is worked: the tool, the body position, what to do and for how long.

    A muscle's :class:`Technique` is one, with where on the muscle it applies; so is each
    step of a routine (`bodymap.advisor.RollingStep`), which keeps its muscle's method as
    it is and adds the side, the spots and the place to roll.
    """

    tool: str
    tool_detail: str
    position: str
    how: str
    on_point_s: tuple[int, int]
    around_min: tuple[int, int]
    hold_where: str
    """Where to find a tender point to hold, when the usual sites drawn for the muscle are
    all too close to a nerve or blood vessel to press ("on the lower ribs themselves, just
    outside the long back muscles"), or with no hold where to work gently: said after "each
    tender point" wherever the hold is timed. Empty: the drawn sites (⊕) say where."""

    @property
    def holds(self) -> bool:
        """Whether a tender point is held for a time (``on_point_s``); a record with
        ``hold = false`` is worked gently around the place its ``hold_where`` names."""
        return self.on_point_s != NOT_TIMED


@dataclass(frozen=True)
class Technique(Method):
    """How to work a muscle: the tool, the body position and the timing.

    A record with ``tool = "none"`` is not rolled at all: its ``how`` says what to do
    instead (stretch, another area, a clinician) and both timings are :data:`NOT_TIMED`.
    """

    roll_on: tuple[str, ...] = ()
    """The surface segments where this technique works the muscle ("the top of the
    shoulder"), when it is not the whole muscle: its roll zone is the part of the muscle on
    them (empty: all of it). What the shading says must agree with the words."""

    roll_outside: tuple[str, ...] = ()
    """Other muscles the technique keeps outside of ("just outside the long strap muscle
    down its middle"): its roll zone leaves out their part of it (empty: none)."""

    roll_from: TriggerPointSite | None = None
    """Where along a line the technique starts: only the part of the muscle beyond the
    site's point, across the line from its first landmark to its second and on the second's
    side, is rolled ("the outer half of the line from the sacrum to the bony point of the
    hip"). None: no such limit. The shading must agree with the words here too."""

    both_sides: bool = False
    """The technique works both sides at once (two balls in a sock, one either side of the
    spine): a routine gives the muscle one step for both sides, never one side's."""

    fills_last: bool = False
    """The technique presses deep into the belly: a routine's spare time comes to it only
    after the other sources that explain a spot well (for back pain it is not a first
    choice: an aneurysm of the aorta can feel like back pain). A spot's own step is not
    affected."""

    @property
    def rolled(self) -> bool:
        """Whether the muscle is worked with pressure at all (``tool`` is not ``"none"``)."""
        return self.tool != "none"


@dataclass(frozen=True)
class Muscle:
    """One muscle or fascia record (no side: the tables hold for either side)."""

    id: str
    name: str
    group: str | None
    kind: str
    prevalence: float
    trigger_points: tuple[TriggerPointSite, ...]
    referral: Referral
    technique: Technique
    cautions: tuple[str, ...]
    avoid: tuple[str, ...]
    source: str
    file: str
    synonyms: tuple[str, ...] = ()
    """Other names people use for it ("peroneus", "lats"), for search."""
    stands_for: tuple[str, ...] = ()
    """For a catch-all region (hand muscles, facial muscles): the named
    muscles it covers. A named one that explains a spot ranks above the catch-all."""
    plural: bool = False
    """The name is a plural ("Scalenes", "Finger extensors"): sentences say "lie"."""
    held_with: tuple[str, ...] = ()
    """Body parts (`BodyPart` ids) that hold this muscle for a clinician's word whenever
    one on its side is marked tingling or numb, wherever it is rolled: a nerve plexus runs
    through it (the lumbar plexus through the psoas, to the leg)."""
    cautions_cover: tuple[str, ...] = ()
    """The caution zones its own cautions already speak of (the kneecap for a thigh
    muscle that says "keep off the kneecap"): a spot's note on one of them is not said
    again in this muscle's rolling step, which would repeat it in other words. The note
    still stands beside the spot."""
    also_in: tuple[str, ...] = ()
    """Other body areas the muscle lies in and is listed under (the pectorals are in
    ``shoulder_arm`` and also in ``chest_wall``)."""

    @property
    def area(self) -> str:
        """The body area the record belongs to: the name of its table file (``head_neck``)."""
        return self.file.removesuffix(".toml")

    @property
    def areas(self) -> tuple[str, ...]:
        """Every body area the muscle is listed under, its own first."""
        return (self.area, *self.also_in)

    @property
    def lies(self) -> str:
        """The verb after the name: "Soleus lies", "Scalenes lie"."""
        return "lie" if self.plural else "lies"

    @property
    def said_name(self) -> str:
        """The name as a sentence says it, without a label's brackets: "Gemelli" for
        "Gemelli (superior and inferior)", "Fibularis muscles" for "Fibularis (peroneal)
        muscles"."""
        return re.sub(r"\s*\([^)]*\)", "", self.name).strip()


ZONE_MARGIN = 4.0
"""Atlas units (about 7 mm on an adult) every roll zone keeps clear of a caution zone
whose record gives no ``margin`` of its own."""
MAX_ZONE_MARGIN = 60.0
"""The widest ``margin`` a caution zone may ask for (about 10 cm, a broad hand's width)."""


def tools_kept_out(tools: tuple[str, ...], tool: str) -> bool:
    """Whether a caution zone that keeps out ``tools`` (empty: every tool) keeps ``tool``
    out: the one rule for its hatching, a roll zone's edge and a step's close-up."""
    return not tools or tool in tools


@dataclass(frozen=True)
class CautionText:
    """What to say about a caution zone: do not roll here, and what to roll instead."""

    zone: str
    name: str
    text: str
    instead: str
    kind: str = "danger"
    spot_reason: str = ""
    tools: tuple[str, ...] = ()
    """The tools the zone keeps out (a ball and a roller on the back of the neck, where
    fingertips may work); empty: every tool."""
    margin: float = ZONE_MARGIN
    """Atlas units the roll zones keep clear of this zone (wider where the text asks for
    a hand's width, as behind the knee)."""
    press_margin: float | None = None
    """Atlas units a press test's point keeps clear of this zone, where a fingertip may come
    closer than a roller (the anconeus beside the elbow tip, the bone between it and the
    ulnar nerve); None: the same as ``margin``."""

    @property
    def full_text(self) -> str:
        return f"{self.text} {self.instead}"

    def keeps_out(self, tool: str) -> bool:
        """Whether the zone keeps ``tool`` out (`tools_kept_out` says it)."""
        return tools_kept_out(self.tools, tool)


@dataclass(frozen=True)
class FlagTrigger:
    """When a spot raises a red flag: every given condition holds for that one spot.

    An empty tuple means "any"; ``segments`` and ``regions`` are ids without a side.
    """

    segments: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    min_intensity: float = 0.0
    press_test: bool = True
    """False: a spot that raises the flag here is asked no press test, and an answer about
    it does not count (pressing cannot tell what the flag warns of from muscle pain)."""


@dataclass(frozen=True)
class PatternSpot:
    """One spot a cross-spot pattern needs: a spot whose pain kind is among ``kinds`` and
    which lies on a surface segment that is among ``segments``, belongs to one of the body
    ``parts`` and lies on ``side`` (each empty = any)."""

    parts: frozenset[str] = frozenset()
    segments: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    side: str = ""


@dataclass(frozen=True)
class Pattern:
    """A picture the spots make together, not any one of them (back pain with a tingling
    leg, tingling in both legs): it is met when each of its ``spots`` is met by some spot
    of the map (one painted area may meet several)."""

    id: str
    spots: tuple[PatternSpot, ...]
    source: str = ""


@dataclass(frozen=True)
class RedFlag:
    """A symptom that calls for a clinician, in plain words, and the spots that raise it.

    A flag is raised by any of its single-spot ``triggers`` or by any of its cross-spot
    ``patterns``; a pattern met may withhold some stretches (``withhold_stretch``). A
    painted area raises it through the surface segments it covers meaningfully; with
    ``any_overlap`` (a flag too costly to miss) through every segment it touches at all.
    """

    id: str
    text: str
    triggers: tuple[FlagTrigger, ...] = ()
    patterns: tuple[Pattern, ...] = ()
    any_overlap: bool = False
    source: str = ""
    withhold_stretch: frozenset[str] = frozenset()
    """Muscles and caution zones whose stretch (a muscle's ``how``, a zone's ``instead``)
    is not offered when one of the flag's ``patterns`` is met: the flag's text, its stop
    rule, is shown in its place (no neck stretch for neck pain with a tingling arm)."""
    watch_for: bool = False
    """A safety net: what to watch for, not a sign the spots already show. Where the flag is
    raised it is labelled "watch for these" with its spots."""
    yields_to: tuple[str, ...] = ()
    """Flags that say all this one says and more: where one of them is raised for every
    spot that raises this one, this one is not listed as well (the cauda equina safety net
    beside the both-legs emergency read as the same warning twice)."""
    press_note: str = ""
    """Said of a spot that raises the flag through a trigger with ``press_test = false``:
    why it is asked no press test (required when a trigger has one)."""
    press_caveat: str = ""
    """Said with the press test of a spot that raises the flag (and may be asked one)."""
    roll_caution: str = ""
    """A caution of every routine step for a spot asked no press test through this flag."""


@dataclass(frozen=True)
class UrgencyLevel:
    """How soon a warning sign asks the person to act, and the words of a flag's text
    that say so (``cautions.toml``, ``[[urgency]]``, the most urgent first)."""

    id: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class Contraindication:
    """A condition under which a person should ask a clinician before rolling at all."""

    id: str
    text: str


@dataclass(frozen=True)
class BodyPart:
    """A limb or area as a set of surface segments (no side)."""

    id: str
    name: str
    segments: frozenset[str]


@dataclass(frozen=True)
class SafetyText:
    """The routine's and the panel's safety sentences and rules (``cautions.toml``)."""

    surrounding_tools: tuple[str, ...]
    not_surrounding: frozenset[str]
    check_first: str
    spot_tingling: str
    spot_left_out: str
    spot_not_rolled: str
    spot_no_step: str
    no_tool: str
    in_zone: str
    too_small: str
    clinician_title: str
    clinician: tuple[str, ...]
    contraindications_title: str
    burning_limb: str = ""
    """A step caution for the steps serving a burning spot on one of the ``limbs``."""
    limbs: frozenset[str] = frozenset()
    """The body parts (ids) on which a burning spot is a stop cue."""


SYMBOLS = (
    "hatched",
    "shaded",
    "crossed_circle",
    "open_circle",
    "disc",
    "essential",
    "spillover",
    "fascia",
    "painted",
)
"""The marks on the diagrams whose meaning ``advice.toml``'s ``[symbols]`` says."""


@dataclass(frozen=True)
class Knowledge:
    """All knowledge tables."""

    muscles: Mapping[str, Muscle]
    cautions: Mapping[str, CautionText]
    red_flags: tuple[RedFlag, ...]
    advice: tuple[str, ...]
    disclaimer: str
    warmup_note: str
    contraindications: tuple[Contraindication, ...] = ()
    body_parts: tuple[BodyPart, ...] = ()
    safety: SafetyText | None = None
    patterns: tuple[Pattern, ...] = ()
    check_first_place: str = ""
    """One line per place marked tingling or numb: ``{side} {part}`` and the held ``{muscles}``."""
    check_first_why: str = ""
    """Why those muscles wait for a clinician, said once below the lines."""
    check_first_shown: str = ""
    """Said when a held ``{muscle}`` is chosen: the diagram shows none of it."""
    not_worked_shown: str = ""
    """The status line for a chosen likely source the person never works (``{muscle}``)."""
    beside_spine_pattern: str = ""
    """The pattern (a back spot with a tingling or numb leg) in which ``beside_spine``
    muscles are not held for the leg but rolled with ``beside_spine_caution``."""
    beside_spine: frozenset[str] = frozenset()
    beside_spine_caution: str = ""
    urgency: tuple[UrgencyLevel, ...] = ()
    """How soon a warning sign asks to act, the most urgent first (``flag_urgency``)."""
    search_terms: tuple[SearchTerm, ...] = ()
    """Everyday names of complaints and muscle groups, for search (``search_terms.toml``)."""
    symbols: Mapping[str, str] = field(default_factory=dict)
    """What each mark on the diagrams means, by :data:`SYMBOLS` key ("do not roll here")."""
    pinch_hold: str = ""
    """A pinched step's hold in a session, ``{s}`` its seconds."""
    pinch_around: str = ""
    """A pinched step's work around the point in a session."""

    @functools.cached_property
    def part_of(self) -> Mapping[str, str]:
        """Surface segment id → the id of the body part it belongs to (`BodyPart`)."""
        return MappingProxyType({seg: part.id for part in self.body_parts for seg in part.segments})
