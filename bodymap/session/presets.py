"""The session presets and their time rules.

The rules follow the seed's method: a few seconds (about 10–30) on a tender point, then a
minute or more around it; 2–3 minutes in all before exercise; about 90 s per main muscle
after it, 5–10 minutes in all; a short gentle session at bedtime; too long or too often
leaves muscles sore, so every preset has a ceiling and a beginner one a lower ceiling.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["MAX_ON_POINT_S", "PRESETS", "PRESET_NAMES", "Preset"]

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

    def bounds(self, beginner: bool) -> tuple[int, int | None]:
        """The session's (shortest, longest) total in seconds."""
        if beginner:
            return (self.min_s, self.beginner_max_s)
        return (self.min_s, self.max_s)


PRESETS: Mapping[str, Preset] = {
    "warmup": Preset(
        name="warmup",
        label="Warm-up",
        summary="2–3 minutes before exercise: short passes, no long holds",
        on_point="low",
        around="fill",
        tools=("foam_roller", "ball"),
        setup_s=10,
        switch_s=5,
        max_passes=4,
        min_s=120,
        max_s=180,
        beginner_max_s=150,
        target_s=150,
        around_text="Short, brisk passes up and down the muscle; keep moving, no long holds.",
        note="after a warm-up session",
    ),
    "cooldown": Preset(
        name="cooldown",
        label="Cool-down",
        summary="after exercise: about 90 s per main muscle, 5–10 minutes",
        on_point="mid",
        around="pass",
        tools=("foam_roller", "ball", "hands"),
        setup_s=15,
        switch_s=10,
        max_passes=None,
        min_s=300,
        max_s=600,
        beginner_max_s=420,
        pass_s=90,
        min_passes=3,
        around_text="Long, slow passes along the muscle; let your weight sink in.",
        note="after a cool-down session",
    ),
    "bedtime": Preset(
        name="bedtime",
        label="Bedtime",
        summary="gentle and short, at most 10 minutes",
        on_point="low",
        around="low",
        tools=("foam_roller", "ball", "hands"),
        setup_s=15,
        switch_s=10,
        max_passes=None,
        min_s=0,
        max_s=600,
        beginner_max_s=420,
        around_text="Slow, gentle passes with light pressure; breathe out as you roll.",
        note="after a bedtime session",
    ),
    "full": Preset(
        name="full",
        label="Full routine",
        summary="every step of your routine at its full length",
        on_point="high",
        around="high",
        tools=("foam_roller", "ball", "hands"),
        setup_s=15,
        switch_s=10,
        max_passes=None,
        min_s=0,
        max_s=None,
        beginner_max_s=900,
        note="after a rolling session",
    ),
}
PRESET_NAMES = tuple(PRESETS)
