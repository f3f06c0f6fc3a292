"""Read the knowledge tables (TOML) strictly into :class:`~bodymap.knowledge.model.Knowledge`.

``parse_knowledge`` takes file texts, so tests can feed it broken tables;
``load_knowledge`` reads the shipped files once through :mod:`bodymap.resources`.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from types import MappingProxyType

from bodymap import resources
from bodymap.knowledge.fields import Fields, KnowledgeError
from bodymap.knowledge.model import (
    CautionText,
    Knowledge,
    Muscle,
    RedFlag,
    Referral,
    Technique,
    TriggerPointSite,
)
from bodymap.knowledge.names import (
    FASCIA_IDS,
    GROUPS,
    LANDMARKS,
    POSITIONS,
    REGION_IDS,
    SEGMENT_IDS,
    TOOLS,
)

__all__ = [
    "ADVICE_FILE",
    "CAUTIONS_FILE",
    "MUSCLE_FILES",
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
CAUTIONS_FILE = "cautions.toml"
ADVICE_FILE = "advice.toml"

_ALL_SEGMENTS = SEGMENT_IDS["front"] | SEGMENT_IDS["back"]


def _toml(text: str, name: str) -> Fields:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise KnowledgeError(f"{name}: not valid TOML: {exc}") from exc
    return Fields(data, name)


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


def _segments(f: Fields, key: str) -> tuple[str, ...]:
    ids = f.texts(key)
    for seg in ids:
        if seg not in _ALL_SEGMENTS:
            raise f.error(f"{key} names unknown surface segment {seg!r}")
    return ids


def _muscle(f: Fields, file: str, zones: Mapping[str, CautionText] | None) -> Muscle:
    muscle_id = f.text("id")
    f.where = f"{file}: muscle {muscle_id!r}"
    if muscle_id not in REGION_IDS:
        raise f.error("id is not one of the region ids in docs/ARCHITECTURE.md")
    group = f.text("group", required=False) or None
    if group is not None and muscle_id not in GROUPS.get(group, ()):
        raise f.error(f"group {group!r} does not list {muscle_id!r} as a part")
    referral_f = f.table("referral")
    referral = Referral(_segments(referral_f, "essential"), _segments(referral_f, "spillover"))
    referral_f.finish()
    if not referral.essential:
        raise f.error("referral.essential must name at least one segment")
    both = set(referral.essential) & set(referral.spillover)
    if both:
        raise f.error(f"segments both essential and spillover: {sorted(both)}")
    tool = f.text("tool")
    if tool not in TOOLS:
        raise f.error(f"unknown tool {tool!r} (one of {', '.join(TOOLS)})")
    position = f.text("position")
    if position not in POSITIONS:
        raise f.error(f"unknown position {position!r} (one of {', '.join(POSITIONS)})")
    technique = Technique(
        tool=tool,
        tool_detail=f.text("tool_detail", required=False),
        position=position,
        how=f.text("how"),
        on_point_s=f.int_range("on_point_s", 5, 60),
        around_min=f.int_range("around_min", 1, 10),
    )
    avoid = f.texts("avoid", required=False)
    synonyms = f.texts("synonyms", required=False)
    if zones is not None:
        for zone in avoid:
            if zone not in zones:
                raise f.error(f"avoid names unknown caution zone {zone!r}")
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
    )
    f.finish()
    return muscle


def _cautions(text: str) -> tuple[dict[str, CautionText], tuple[RedFlag, ...]]:
    top = _toml(text, CAUTIONS_FILE)
    zones: dict[str, CautionText] = {}
    for z in top.tables("zone"):
        zone_id = z.text("id")
        z.where = f"{CAUTIONS_FILE}: zone {zone_id!r}"
        if zone_id in zones:
            raise z.error("zone listed twice")
        zones[zone_id] = CautionText(zone_id, z.text("name"), z.text("text"), z.text("instead"))
        z.finish()
    flags: list[RedFlag] = []
    for r in top.tables("red_flag"):
        flag_id = r.text("id")
        r.where = f"{CAUTIONS_FILE}: red flag {flag_id!r}"
        if any(flag.id == flag_id for flag in flags):
            raise r.error("red flag listed twice")
        flags.append(RedFlag(flag_id, r.text("text")))
        r.finish()
    top.finish()
    return zones, tuple(flags)


def parse_knowledge(texts: Mapping[str, str], *, complete: bool = True) -> Knowledge:
    """Build the knowledge from file texts keyed by file name.

    ``complete`` demands a record for every region id in the architecture contract (the
    shipped tables); tests pass ``False`` to parse a fragment.
    """
    missing = [n for n in (CAUTIONS_FILE, ADVICE_FILE) if n not in texts]
    if missing:
        raise KnowledgeError(f"missing knowledge file(s): {', '.join(missing)}")
    zones, flags = _cautions(texts[CAUTIONS_FILE])
    muscles: dict[str, Muscle] = {}
    for name in sorted(texts, key=lambda n: (n not in MUSCLE_FILES, n)):
        if name in (CAUTIONS_FILE, ADVICE_FILE):
            continue
        top = _toml(texts[name], name)
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
    advice = _toml(texts[ADVICE_FILE], ADVICE_FILE)
    knowledge = Knowledge(
        muscles=MappingProxyType(muscles),
        cautions=MappingProxyType(zones),
        red_flags=flags,
        advice=advice.texts("lines", nonempty=True),
        disclaimer=advice.text("disclaimer"),
        warmup_note=advice.text("warmup_note"),
    )
    advice.finish()
    return knowledge


@functools.cache
def load_knowledge() -> Knowledge:
    """The shipped knowledge tables, read and checked once per process."""
    names = (*MUSCLE_FILES, CAUTIONS_FILE, ADVICE_FILE)
    return parse_knowledge({n: resources.read_text("knowledge", n) for n in names})
