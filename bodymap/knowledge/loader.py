"""Read the knowledge tables (TOML) strictly into :class:`~bodymap.knowledge.model.Knowledge`.

``parse_knowledge`` takes file texts, so tests can feed it broken tables;
``load_knowledge`` reads the shipped files once through :mod:`bodymap.resources`.
"""

from __future__ import annotations

import functools
from collections.abc import Container, Mapping
from types import MappingProxyType
from typing import Any

from bodymap import resources
from bodymap.knowledge.compact import COMPACT_FILE, loads_compact
from bodymap.knowledge.fields import Fields, KnowledgeError
from bodymap.knowledge.model import (
    MAX_ZONE_MARGIN,
    NOT_TIMED,
    SYMBOLS,
    ZONE_MARGIN,
    BodyPart,
    CautionText,
    Contraindication,
    FlagTrigger,
    Knowledge,
    Muscle,
    Pattern,
    PatternSpot,
    RedFlag,
    Referral,
    ReferralFocus,
    SafetyText,
    Technique,
    TriggerPointSite,
    UrgencyLevel,
)
from bodymap.knowledge.names import (
    FACED_SEGMENTS,
    FASCIA_IDS,
    GROUPS,
    LANDMARKS,
    PAIN_KINDS,
    POSITIONS,
    REGION_IDS,
    SEGMENT_IDS,
    TOOLS,
    ZONE_KINDS,
)
from bodymap.knowledge.terms import SEARCH_TERMS_FILE, parse_search_terms

__all__ = [
    "ADVICE_FILE",
    "BODY_AREAS",
    "CAUTIONS_FILE",
    "MUSCLE_FILES",
    "SEARCH_TERMS_FILE",
    "TABLE_FILES",
    "load_knowledge",
    "parse_knowledge",
]

MUSCLE_FILES = (
    "head_neck.toml",
    "shoulder_arm.toml",
    "trunk.toml",
    "hip_thigh.toml",
    "leg_foot.toml",
    "face_jaw.toml",
    "chest_wall.toml",
    "forearm_hand.toml",
    "hip_deep.toml",
    "foot.toml",
)
BODY_AREAS = tuple(name.removesuffix(".toml") for name in MUSCLE_FILES)
"""The body areas a record may be listed under: the muscle tables' names."""
CAUTIONS_FILE = "cautions.toml"
ADVICE_FILE = "advice.toml"
TABLE_FILES = (*MUSCLE_FILES, CAUTIONS_FILE, ADVICE_FILE, SEARCH_TERMS_FILE)
"""Every shipped knowledge table file."""

_ALL_SEGMENTS = SEGMENT_IDS["front"] | SEGMENT_IDS["back"]


def _toml(text: str, name: str, parsed: Mapping[str, dict[str, Any]]) -> Fields:
    """The tables of one file: prebuilt in ``parsed`` (made from this very text), else
    parsed from ``text``."""
    data = parsed.get(name)
    if data is None:
        import tomllib  # only for tables edited since their compact form was built

        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise KnowledgeError(f"{name}: not valid TOML: {exc}") from exc
    return Fields(data, name)


def _record_id(f: Fields, what: str, taken: Container[str]) -> str:
    """The ``id`` of a record of ``cautions.toml``, which names the record in its later
    errors; an id already ``taken`` by a record of the same kind is refused."""
    record_id = f.text("id")
    f.where = f"{CAUTIONS_FILE}: {what} {record_id!r}"
    if record_id in taken:
        raise f.error(f"{what} listed twice")
    return record_id


def _site(f: Fields) -> TriggerPointSite:
    view = f.text("view")
    if view not in LANDMARKS:
        raise f.error(f"unknown view {view!r}")
    lerp = f.raw("lerp")
    at = f.raw("at")
    if (lerp is None) == (at is None):
        raise f.error("give exactly one of 'lerp' or 'at'")
    if lerp is not None:
        if (
            not isinstance(lerp, list)
            or len(lerp) != 3
            or not isinstance(lerp[0], str)
            or not isinstance(lerp[1], str)
            or isinstance(lerp[2], bool)
            or not isinstance(lerp[2], int | float)
            or not 0.0 <= lerp[2] <= 1.0
        ):
            raise f.error("'lerp' must be [landmark, landmark, fraction 0..1]")
        a, b, t = lerp[0], lerp[1], float(lerp[2])
    else:
        if not isinstance(at, str):
            raise f.error("'at' must be a landmark name")
        a, b, t = at, at, 0.0
    for name in (a, b):
        if name not in LANDMARKS[view]:
            raise f.error(f"unknown {view} landmark {name!r} (use names without _r/_l)")
    dx = f.number("dx", -200.0, 200.0, default=0.0)
    dy = f.number("dy", -200.0, 200.0, default=0.0)
    f.finish()
    return TriggerPointSite(view, a, b, t, dx, dy)


def _roll_outside(f: Fields, muscle_id: str) -> tuple[str, ...]:
    """A technique's ``roll_outside``: other muscles (region ids) whose part of this muscle
    is not rolled ("just outside the long strap muscle")."""
    ids = f.texts("roll_outside", required=False)
    unknown = [i for i in ids if i not in REGION_IDS or i == muscle_id]
    if unknown:
        raise f.error(f"roll_outside names unknown or its own muscle {unknown}")
    return ids


def _roll_from(f: Fields) -> TriggerPointSite | None:
    """A technique's ``roll_from``: a site on the line between two landmarks, with no
    shift off it (the line's direction says which part is rolled)."""
    if f.raw("roll_from") is None:
        return None
    site = _site(f.table("roll_from"))
    if site.a == site.b or site.dx or site.dy:
        raise f.error("'roll_from' is a point on a line: 'lerp' between two landmarks, no dx or dy")
    return site


FOCUS_REACH = (5.0, 150.0)
"""The narrowest and widest ``reach`` of a referral focus, in atlas units (about 1 to
26 cm on an adult)."""


def _focus(f: Fields, segments: tuple[str, ...]) -> ReferralFocus:
    """One ``referral.focus`` entry: a segment of the muscle's zones, the point its
    pattern centres on (a site, as for trigger points) and how far it reaches."""
    segment = f.text("segment")
    if segment not in segments:
        raise f.error(f"focus segment {segment!r} is not one of the muscle's referral segments")
    reach = f.number("reach", *FOCUS_REACH)
    return ReferralFocus(segment, _site(f), reach)


def _faces(
    f: Fields, segments: tuple[str, ...], focus: tuple[ReferralFocus, ...]
) -> tuple[tuple[str, str], ...]:
    """``referral.faces = { thumb = "back" }``: segments of the muscle's zones, each seen in
    both views, that the pattern covers whole in the named view only; focus entries for
    such a segment may add a part of it in the other view (the base of the thumb)."""
    value = f.raw("faces")
    if value is None:
        return ()
    if not isinstance(value, dict) or not value:
        raise f.error("'faces' must be a table of segment = view, such as { thumb = \"back\" }")
    faces = []
    for segment, view in value.items():
        if segment not in segments:
            raise f.error(f"faces segment {segment!r} is not one of the muscle's referral segments")
        if segment not in FACED_SEGMENTS:
            faced = ", ".join(sorted(FACED_SEGMENTS))
            raise f.error(f"faces segment {segment!r} has no faces (only {faced} have)")
        if view not in SEGMENT_IDS:
            raise f.error(f"faces view for {segment!r} must be one of {', '.join(SEGMENT_IDS)}")
        if any(e.segment == segment and e.site.view == view for e in focus):
            raise f.error(
                f"faces segment {segment!r} is whole on its {view} face: focus entries may "
                "only add a part of the other face"
            )
        faces.append((segment, view))
    return tuple(faces)


def _segments(f: Fields, key: str, *, required: bool = True) -> tuple[str, ...]:
    """The surface segments listed under ``key``, each a known one."""
    ids = f.texts(key, required=required)
    for seg in ids:
        if seg not in _ALL_SEGMENTS:
            raise f.error(f"{key} names unknown surface segment {seg!r}")
    return ids


def _pain_kinds(f: Fields) -> tuple[str, ...]:
    """The pain kinds a pattern's spot or a red flag's trigger asks for (may be none)."""
    kinds = f.texts("kinds", required=False)
    for kind in kinds:
        if kind not in PAIN_KINDS:
            raise f.error(f"kinds names unknown pain kind {kind!r}")
    return kinds


def _muscle(f: Fields, file: str, zones: Mapping[str, CautionText] | None) -> Muscle:
    muscle_id = f.text("id")
    f.where = f"{file}: muscle {muscle_id!r}"
    if muscle_id not in REGION_IDS:
        raise f.error("id is not one of the region ids in docs/ARCHITECTURE.md")
    group = f.text("group", required=False) or None
    if group is not None and muscle_id not in GROUPS.get(group, ()):
        raise f.error(f"group {group!r} does not list {muscle_id!r} as a part")
    referral_f = f.table("referral")
    essential = _segments(referral_f, "essential")
    spillover = _segments(referral_f, "spillover")
    if not essential:
        raise f.error("referral.essential must name at least one segment")
    both = set(essential) & set(spillover)
    if both:
        raise f.error(f"segments both essential and spillover: {sorted(both)}")
    focus = tuple(
        _focus(ff, (*essential, *spillover)) for ff in referral_f.tables("focus", required=False)
    )
    faces = _faces(referral_f, (*essential, *spillover), focus)
    referral_f.finish()
    referral = Referral(essential, spillover, focus, faces)
    tool = f.choice("tool", TOOLS)
    position = f.choice("position", POSITIONS)
    if tool == "none":
        # not rolled: the `how` says what to do instead, and there is nothing to time
        timed = [
            k
            for k in (
                "on_point_s",
                "around_min",
                "roll_on",
                "roll_from",
                "roll_outside",
                "hold_where",
                "hold",
            )
            if f.raw(k) is not None
        ]
        if timed:
            raise f.error(f"tool 'none' is not rolled, so give no {' or '.join(timed)}")
        on_point_s, around_min = NOT_TIMED, NOT_TIMED
    elif f.raw("hold") is not None:
        # worked without a hold on a point (only a tendon is within reach, beside a nerve):
        # only the time around it is given, and where, gently
        if f.raw("hold") is not False:
            raise f.error("'hold' may only be false (no hold on a point)")
        if f.raw("on_point_s") is not None or f.raw("hold_where") is None:
            raise f.error("hold = false gives no on_point_s, and says where in hold_where")
        on_point_s = NOT_TIMED
        around_min = f.int_range("around_min", 1, 10)
    else:
        on_point_s = f.int_range("on_point_s", 5, 60)
        around_min = f.int_range("around_min", 1, 10)
    technique = Technique(
        tool=tool,
        tool_detail=f.text("tool_detail", required=False),
        position=position,
        how=f.text("how"),
        on_point_s=on_point_s,
        around_min=around_min,
        roll_on=_segments(f, "roll_on", required=False),
        roll_from=_roll_from(f),
        roll_outside=_roll_outside(f, muscle_id),
        hold_where=f.text("hold_where", required=False),
        both_sides=f.flag("both_sides"),
        fills_last=f.flag("fills_last"),
    )
    avoid = f.texts("avoid", required=False)
    synonyms = f.texts("synonyms", required=False)
    stands_for = f.texts("stands_for", required=False)
    unknown = [i for i in stands_for if i not in REGION_IDS]
    if unknown:
        raise f.error(f"stands_for names unknown muscles {unknown}")
    also_in = _also_in(f, file)
    cautions_cover = f.texts("cautions_cover", required=False)
    if zones is not None:
        for key, listed in (("avoid", avoid), ("cautions_cover", cautions_cover)):
            for zone in listed:
                if zone not in zones:
                    raise f.error(f"{key} names unknown caution zone {zone!r}")
    muscle = Muscle(
        id=muscle_id,
        name=f.text("name"),
        group=group,
        kind="fascia" if muscle_id in FASCIA_IDS else "muscle",
        prevalence=f.number("prevalence", 0.0, 1.0),
        trigger_points=tuple(_site(s) for s in f.tables("trigger_points")),
        referral=referral,
        technique=technique,
        cautions=f.texts("cautions", nonempty=True),
        avoid=avoid,
        source=f.text("source"),
        file=file,
        synonyms=synonyms,
        stands_for=stands_for,
        plural=f.flag("plural"),
        also_in=also_in,
        cautions_cover=cautions_cover,
        held_with=f.texts("held_with", required=False),
    )
    f.finish()
    return muscle


def _also_in(f: Fields, file: str) -> tuple[str, ...]:
    """The other body areas a muscle is listed under: known areas, never its own."""
    also_in = f.texts("also_in", required=False)
    for area in also_in:
        if area == file.removesuffix(".toml"):
            raise f.error(f"also_in names the record's own body area {area!r}")
        if area not in BODY_AREAS:
            raise f.error(
                f"also_in names unknown body area {area!r} (one of {', '.join(BODY_AREAS)})"
            )
    return also_in


class _Cautions:
    """Everything ``cautions.toml`` holds, read strictly."""

    def __init__(self, text: str, parsed: Mapping[str, dict[str, Any]]) -> None:
        top = _toml(text, CAUTIONS_FILE, parsed)
        self.zones: dict[str, CautionText] = {}
        for z in top.tables("zone"):
            zone_id = _record_id(z, "zone", self.zones)
            kind = z.choice("kind", ZONE_KINDS)
            tools = z.texts("tools", required=False)
            if any(tool not in TOOLS or tool == "none" for tool in tools):
                raise z.error(f"tools must be among {', '.join(t for t in TOOLS if t != 'none')}")
            margin = z.number("margin", 0.0, MAX_ZONE_MARGIN, default=ZONE_MARGIN)
            if margin <= 0:
                raise z.error(f"'margin' = {margin:g} must be more than 0 atlas units")
            press_margin = z.number("press_margin", 0.0, MAX_ZONE_MARGIN, default=-1.0)
            if press_margin != -1.0 and not 0 < press_margin <= margin:
                raise z.error(
                    f"'press_margin' = {press_margin:g} must be more than 0 and at most "
                    f"'margin' ({margin:g})"
                )
            self.zones[zone_id] = CautionText(
                zone_id, z.text("name"), z.text("text"), z.text("instead"), kind,
                z.text("spot_reason"), tools, margin,
                None if press_margin == -1.0 else press_margin,
            )  # fmt: skip
            z.finish()
        self.body_parts = tuple(self._body_parts(top))
        self.patterns = tuple(self._patterns(top))
        self.flags = tuple(self._flags(top))
        self.contraindications = tuple(self._contraindications(top))
        self.urgency = tuple(self._urgency(top))
        self.safety = self._safety(top.table("safety"))
        unknown = sorted(self.safety.limbs - {b.id for b in self.body_parts})
        if unknown:
            raise KnowledgeError(
                f"{CAUTIONS_FILE}: [safety] limbs names unknown body part(s) {unknown}"
            )
        top.finish()

    def _flags(self, top: Fields) -> list[RedFlag]:
        flags: list[RedFlag] = []
        for r in top.tables("red_flag"):
            flag_id = _record_id(r, "red flag", [flag.id for flag in flags])
            triggers = r.tables("trigger", required=False)
            named = r.texts("patterns", required=False)
            unknown = [p for p in named if not any(pat.id == p for pat in self.patterns)]
            if unknown:
                raise r.error(f"patterns names unknown pattern(s) {unknown}")
            if not triggers and not named:
                raise r.error("give a [[red_flag.trigger]] or a pattern that raises it")
            withhold = r.texts("withhold_stretch", required=False)
            if withhold and not named:
                raise r.error("'withhold_stretch' needs a pattern that raises the flag")
            parsed = tuple(map(self._trigger, triggers))
            press_note = r.text("press_note", required=False)
            if any(not t.press_test for t in parsed) and not press_note:
                raise r.error("a trigger with 'press_test = false' needs the flag's 'press_note'")
            flags.append(
                RedFlag(
                    flag_id,
                    r.text("text"),
                    parsed,
                    tuple(pat for p in named for pat in self.patterns if pat.id == p),
                    any_overlap=r.flag("any_overlap"),
                    source=r.text("source"),
                    withhold_stretch=frozenset(withhold),
                    watch_for=r.flag("watch_for"),
                    yields_to=tuple(r.texts("yields_to", required=False)),
                    press_note=press_note,
                    press_caveat=r.text("press_caveat", required=False),
                    roll_caution=r.text("roll_caution", required=False),
                )
            )
            r.finish()
        unused = [p.id for p in self.patterns if not any(p in f.patterns for f in flags)]
        if unused:
            raise KnowledgeError(f"{CAUTIONS_FILE}: no red flag uses pattern(s) {unused}")
        ids = {f.id for f in flags}
        for flag in flags:
            unknown = [i for i in flag.yields_to if i not in ids or i == flag.id]
            if unknown:
                raise KnowledgeError(
                    f"{CAUTIONS_FILE}: red flag {flag.id!r}: yields_to names unknown or "
                    f"its own flag(s) {unknown}"
                )
        return flags

    def _patterns(self, top: Fields) -> list[Pattern]:
        out: list[Pattern] = []
        for p in top.tables("pattern", required=False):
            pid = _record_id(p, "pattern", [item.id for item in out])
            spots = tuple(map(self._pattern_spot, p.tables("spot")))
            if len(spots) < 2:
                raise p.error("a pattern needs at least two [[pattern.spot]] tables")
            out.append(Pattern(pid, spots, p.text("source")))
            p.finish()
        return out

    def _pattern_spot(self, t: Fields) -> PatternSpot:
        parts = t.texts("parts", required=False)
        for part in parts:
            if not any(b.id == part for b in self.body_parts):
                raise t.error(f"parts names unknown body part {part!r}")
        segments = _segments(t, "segments", required=False)
        kinds = _pain_kinds(t)
        side = t.text("side", required=False)
        if side not in ("", "left", "right"):
            raise t.error(f"side must be 'left' or 'right', not {side!r}")
        if not parts and not segments:
            raise t.error("give 'parts' or 'segments': where the spot lies")
        t.finish()
        return PatternSpot(frozenset(parts), frozenset(segments), frozenset(kinds), side)

    def _trigger(self, t: Fields) -> FlagTrigger:
        segments = _segments(t, "segments", required=False)
        regions = t.texts("regions", required=False)
        for region in regions:
            if region not in REGION_IDS and region not in self.zones:
                raise t.error(f"regions names unknown region {region!r}")
        kinds = _pain_kinds(t)
        trigger = FlagTrigger(
            frozenset(segments), frozenset(regions), frozenset(kinds),
            t.number("min_intensity", 0.0, 10.0, default=0.0),
            press_test=t.flag("press_test", default=True),
        )  # fmt: skip
        t.finish()
        return trigger

    @staticmethod
    def _contraindications(top: Fields) -> list[Contraindication]:
        out: list[Contraindication] = []
        for c in top.tables("contraindication"):
            cid = _record_id(c, "contraindication", [item.id for item in out])
            out.append(Contraindication(cid, c.text("text")))
            c.finish()
        return out

    @staticmethod
    def _urgency(top: Fields) -> list[UrgencyLevel]:
        out: list[UrgencyLevel] = []
        for u in top.tables("urgency", required=False):
            level = _record_id(u, "urgency level", [item.id for item in out])
            words = u.texts("words", nonempty=True)
            out.append(UrgencyLevel(level, tuple(" ".join(w.lower().split()) for w in words)))
            u.finish()
        return out

    @staticmethod
    def _body_parts(top: Fields) -> list[BodyPart]:
        out: list[BodyPart] = []
        seen: dict[str, str] = {}
        for b in top.tables("body_part"):
            pid = b.text("id")
            b.where = f"{CAUTIONS_FILE}: body part {pid!r}"
            segments = b.texts("segments", nonempty=True)
            for seg in segments:
                if seg not in _ALL_SEGMENTS:
                    raise b.error(f"segments names unknown surface segment {seg!r}")
                if seg in seen:
                    raise b.error(f"segment {seg!r} already belongs to {seen[seg]!r}")
                seen[seg] = pid
            out.append(BodyPart(pid, b.text("name"), frozenset(segments)))
            b.finish()
        missing = sorted(_ALL_SEGMENTS - set(seen))
        if missing:
            raise KnowledgeError(f"{CAUTIONS_FILE}: body parts leave out segments {missing}")
        return out

    @staticmethod
    def _safety(s: Fields) -> SafetyText:
        tools = s.texts("surrounding_tools", nonempty=True)
        for tool in tools:
            if tool not in TOOLS:
                raise s.error(f"surrounding_tools names unknown tool {tool!r}")
        never = s.texts("not_surrounding", required=False)
        for region in never:
            if region not in REGION_IDS:
                raise s.error(f"not_surrounding names unknown region {region!r}")
        safety = SafetyText(
            surrounding_tools=tools,
            not_surrounding=frozenset(never),
            check_first=s.text("check_first"),
            spot_tingling=s.text("spot_tingling"),
            spot_left_out=s.text("spot_left_out"),
            spot_not_rolled=s.text("spot_not_rolled"),
            spot_no_step=s.text("spot_no_step"),
            no_tool=s.text("no_tool"),
            in_zone=s.text("in_zone"),
            too_small=s.text("too_small"),
            clinician_title=s.text("clinician_title"),
            clinician=s.texts("clinician", nonempty=True),
            contraindications_title=s.text("contraindications_title"),
            burning_limb=s.text("burning_limb"),
            limbs=frozenset(s.texts("limbs", nonempty=True)),
        )
        s.finish()
        return safety


def _template(table: Fields, key: str, **fields: Any) -> str:
    """A text with ``{fields}`` in it, checked to take only those: "'place' takes only
    {side}, {part} and {muscles}" when it names another."""
    text = table.text(key)
    try:
        text.format(**fields)
    except (KeyError, IndexError, ValueError) as exc:
        names = [f"{{{name}}}" for name in fields]
        said = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
        raise table.error(f"{key!r} takes only {said}: {exc}") from exc
    return text


def parse_knowledge(
    texts: Mapping[str, str],
    *,
    complete: bool = True,
    parsed: Mapping[str, dict[str, Any]] | None = None,
) -> Knowledge:
    """Build the knowledge from file texts keyed by file name.

    ``complete`` demands a record for every region id in the architecture contract (the
    shipped tables); tests pass ``False`` to parse a fragment. ``parsed`` holds files'
    tables already parsed from exactly their text in ``texts`` (the compact form, see
    :mod:`bodymap.knowledge.compact`); the other files are parsed here. The search terms
    (``search_terms.toml``) are read when given; their muscles must be among the records.
    """
    parsed = parsed if parsed is not None else {}
    missing = [n for n in (CAUTIONS_FILE, ADVICE_FILE) if n not in texts]
    if missing:
        raise KnowledgeError(f"missing knowledge file(s): {', '.join(missing)}")
    cautions = _Cautions(texts[CAUTIONS_FILE], parsed)
    zones = cautions.zones
    muscles: dict[str, Muscle] = {}
    for name in sorted(texts, key=lambda n: (n not in MUSCLE_FILES, n)):
        if name in (CAUTIONS_FILE, ADVICE_FILE, SEARCH_TERMS_FILE):
            continue
        top = _toml(texts[name], name, parsed)
        for f in top.tables("muscle"):
            muscle = _muscle(f, name, zones)
            if muscle.id in muscles:
                raise KnowledgeError(
                    f"{name}: muscle {muscle.id!r}: already defined in {muscles[muscle.id].file}"
                )
            muscles[muscle.id] = muscle
        top.finish()
    if complete:
        absent = [i for i in REGION_IDS if i not in muscles]
        if absent:
            raise KnowledgeError(f"knowledge tables lack records for: {', '.join(absent)}")
    for flag in cautions.flags:
        unknown = sorted(i for i in flag.withhold_stretch if i not in zones and i not in muscles)
        if unknown and complete:
            raise KnowledgeError(
                f"{CAUTIONS_FILE}: red flag {flag.id!r}: withhold_stretch names unknown "
                f"muscle(s) or zone(s) {unknown}"
            )
    search_terms = (
        parse_search_terms(_toml(texts[SEARCH_TERMS_FILE], SEARCH_TERMS_FILE, parsed), muscles)
        if SEARCH_TERMS_FILE in texts
        else ()
    )
    advice = _toml(texts[ADVICE_FILE], ADVICE_FILE, parsed)
    spine = advice.table("beside_spine")
    spine_pattern = spine.text("pattern")
    if spine_pattern not in {p.id for p in cautions.patterns}:
        raise spine.error(f"'pattern' names unknown pattern {spine_pattern!r}")
    spine_muscles = spine.texts("muscles", nonempty=True)
    unknown = sorted(m for m in spine_muscles if m not in muscles)
    if unknown and complete:
        raise spine.error(f"'muscles' names unknown muscle(s) {unknown}")
    check_first = advice.table("check_first")
    place = _template(check_first, "place", side="", part="", muscles="")
    shown = _template(check_first, "shown", muscle="")
    not_worked = _template(advice.table("not_worked"), "shown", muscle="")
    symbols = advice.table("symbols")
    symbol_texts = {key: symbols.text(key) for key in SYMBOLS}
    pinch = advice.table("pinch")
    pinch_hold = _template(pinch, "hold", s=0)
    parts = {b.id for b in cautions.body_parts}
    for record in muscles.values():
        unknown = sorted(set(record.held_with) - parts)
        if unknown:
            raise KnowledgeError(
                f"{record.file}: muscle {record.id!r}: held_with names unknown body part(s) "
                f"{unknown}"
            )
    knowledge = Knowledge(
        muscles=MappingProxyType(muscles),
        cautions=MappingProxyType(zones),
        red_flags=cautions.flags,
        advice=advice.texts("lines", nonempty=True),
        disclaimer=advice.text("disclaimer"),
        warmup_note=advice.text("warmup_note"),
        contraindications=cautions.contraindications,
        body_parts=cautions.body_parts,
        safety=cautions.safety,
        patterns=cautions.patterns,
        check_first_place=place,
        check_first_why=check_first.text("why"),
        check_first_shown=shown,
        not_worked_shown=not_worked,
        beside_spine_pattern=spine_pattern,
        beside_spine=frozenset(spine_muscles),
        beside_spine_caution=spine.text("caution"),
        urgency=cautions.urgency,
        search_terms=search_terms,
        symbols=MappingProxyType(symbol_texts),
        pinch_hold=pinch_hold,
        pinch_around=pinch.text("around"),
    )
    symbols.finish()
    pinch.finish()
    check_first.finish()
    spine.finish()
    advice.finish()
    return knowledge


@functools.cache
def load_knowledge() -> Knowledge:
    """The shipped knowledge tables, read and checked once per process (from their compact
    form where it was made from the tables as they are)."""
    texts = {n: resources.read_text("knowledge", n) for n in TABLE_FILES}
    parsed = loads_compact(resources.read_bytes("knowledge", COMPACT_FILE), texts)
    return parse_knowledge(texts, parsed=parsed)
