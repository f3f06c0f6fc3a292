"""Timed rolling sessions: a preset's plan from the advice, and where a running one is.

Pure Python on top of :mod:`bodymap.advisor`; never imports Qt. The mat-mode window and
the printed guide both read these plans.
"""

from __future__ import annotations

from bodymap.session.model import PHASE_KINDS, Phase, SessionPlan, SessionStep
from bodymap.session.planner import plan_session, step_is_plannable, step_spots, step_view
from bodymap.session.presets import MAX_ON_POINT_S, PRESET_NAMES, PRESETS, Preset
from bodymap.session.runner import EXTRA_S, PhaseRef, SessionRun
from bodymap.session.week import sessions_this_week

__all__ = [
    "EXTRA_S",
    "MAX_ON_POINT_S",
    "PHASE_KINDS",
    "PRESETS",
    "PRESET_NAMES",
    "Phase",
    "PhaseRef",
    "Preset",
    "SessionPlan",
    "SessionRun",
    "SessionStep",
    "plan_session",
    "sessions_this_week",
    "step_is_plannable",
    "step_spots",
    "step_view",
]
