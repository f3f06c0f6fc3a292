"""The session presets and their time rules.

The rules follow the seed's method: a few seconds (about 10–30) on a tender point, then a
minute or more around it; 2–3 minutes in all before exercise; about 90 s per main muscle
after it, 5–10 minutes in all; a short gentle session at bedtime; too long or too often
leaves muscles sore, so every preset has a ceiling and a beginner one a lower ceiling.

The preset records themselves are data (``assets/session/presets.json``), read strictly
when this module is imported; a key left out there takes the :class:`Preset` default.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from bodymap import resources
from bodymap.knowledge.names import TOOLS
from bodymap.resources import ResourceError

__all__ = ["MAX_ON_POINT_S", "PRESETS", "PRESET_NAMES", "Preset", "parse_presets"]

MAX_ON_POINT_S = 30
"""Never longer on one point than this, whatever a record allows."""


@dataclass(frozen=True, slots=True)
class Preset:
    """How one kind of session is timed.

    ``on_point`` picks from the record's range: ``"low"`` its first value, ``"mid"`` the
    middle, ``"high"`` its last (always capped at :data:`MAX_ON_POINT_S`). ``around``
    says how long a pass around the point lasts: ``"fill"`` shares ``target_s`` between
    the passes, ``"pass"`` makes each pass last ``pass_s`` in all, ``"low"``/``"high"`` take
    the record's minutes. ``min_s``/``max_s`` bound the session (``None``: no bound);
    ``min_s`` holds once the plan has ``min_passes`` passes.
    """

    name: str
    label: str
    summary: str
    on_point: str
    around: str
    tools: tuple[str, ...]
    setup_s: int
    switch_s: int
    max_passes: int | None
    min_s: int
    max_s: int | None
    beginner_max_s: int
    target_s: int = 0
    pass_s: int = 0
    min_passes: int = 1
    around_text: str = "Roll slowly around the point in short passes, a few centimetres each way."
    note: str = ""
    for_exercise: bool = False
    """A session before or after exercise: the printed guide gives its timed checklist in
    place of the routine's short before/after-exercise version, so two lists for the same
    moment never stand side by side."""

    warmup_first: bool = False
    """The session takes the routine's short before/after-exercise version first
    (`bodymap.advisor.routine.warmup_steps`, what the printed guide lists), so the page
    and the mat agree on which muscles a warm-up rolls."""

    def bounds(self, beginner: bool) -> tuple[int, int | None]:
        """The session's (shortest, longest) total in seconds."""
        if beginner:
            return (self.min_s, self.beginner_max_s)
        return (self.min_s, self.max_s)


ON_POINT_CHOICES = ("low", "mid", "high")
AROUND_CHOICES = ("fill", "pass", "low", "high")
PRESETS_ASSET = ("session", "presets.json")
"""Where the preset records are kept: one object per preset, by name, in menu order."""


_ROLLING_TOOLS = tuple(t for t in TOOLS if t != "none")


def _is_whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


_VALUE_CHECKS: dict[str, tuple[str, Callable[[object], bool]]] = {
    "str": ("a non-empty string", lambda v: isinstance(v, str) and bool(v.strip())),
    "int": ("a whole number of at least 0", _is_whole),
    "bool": ("true or false", lambda v: isinstance(v, bool)),
    "int | None": ("a whole number of at least 0, or null", lambda v: v is None or _is_whole(v)),
    "tuple[str, ...]": (
        f"a non-empty list of tools among {', '.join(_ROLLING_TOOLS)}",
        lambda v: isinstance(v, list) and bool(v) and all(t in _ROLLING_TOOLS for t in v),
    ),
}
"""How each kind of :class:`Preset` field is checked, by its annotation."""


def _preset(name: str, record: object) -> Preset:
    where = f"{'/'.join(PRESETS_ASSET)}: preset {name!r}"
    if not isinstance(record, dict):
        raise ResourceError(f"{where} must be an object")
    fields = {f.name: f for f in dataclasses.fields(Preset) if f.name != "name"}
    unknown = sorted(set(record) - set(fields))
    if unknown:
        raise ResourceError(f"{where}: unknown key(s) {', '.join(map(repr, unknown))}")
    for key, field in fields.items():
        if key not in record:
            if field.default is dataclasses.MISSING:
                raise ResourceError(f"{where}: missing key {key!r}")
            continue
        what, check = _VALUE_CHECKS[str(field.type)]
        if not check(record[key]):
            raise ResourceError(f"{where}: {key!r} must be {what}")
    for key, choices in (("on_point", ON_POINT_CHOICES), ("around", AROUND_CHOICES)):
        if record[key] not in choices:
            raise ResourceError(f"{where}: {key!r} must be one of {', '.join(choices)}")
    return Preset(name=name, **{**record, "tools": tuple(record["tools"])})


def parse_presets(text: str) -> dict[str, Preset]:
    """The presets of ``presets.json``, read strictly: known keys only, every required key
    given, every value of its field's kind. A problem raises :class:`ResourceError` naming
    the preset and the key."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ResourceError(f"{'/'.join(PRESETS_ASSET)} is not valid JSON: {exc}") from exc
    if not isinstance(data, dict) or not data:
        raise ResourceError(f"{'/'.join(PRESETS_ASSET)} must be an object of presets by name")
    return {name: _preset(name, record) for name, record in data.items()}


PRESETS: Mapping[str, Preset] = parse_presets(resources.read_text(*PRESETS_ASSET))
PRESET_NAMES = tuple(PRESETS)
