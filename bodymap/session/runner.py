"""Where a running session is: which phase, how long is left, paused or not.

Qt-free and clock-free: the caller feeds elapsed seconds with :meth:`SessionRun.tick`, so
a window can drive it from any timer and a test from a fake clock, without waiting.
"""

from __future__ import annotations

from dataclasses import dataclass

from bodymap.session.model import Phase, SessionPlan, SessionStep

__all__ = ["DONE_SHARE", "EXTRA_S", "ROLLING_PHASES", "PhaseRef", "SessionRun"]

EXTRA_S = 15
"""What the "+15 s" key adds to the current phase."""

ROLLING_PHASES = ("on_point", "around")
"""The phases in which a muscle is worked (getting into position and turning are not)."""

DONE_SHARE = 0.5
"""A step is done once at least this share of its planned time on the point and around it
has passed while the session ran: skipping through its phases with the arrow keys does not
make it done (a session stored with steps it never rolled would say more was done than was),
while moving on from a step half rolled still counts it."""


@dataclass(frozen=True, slots=True)
class PhaseRef:
    """One phase of the plan with the step it belongs to."""

    step_index: int
    step: SessionStep
    phase: Phase


class SessionRun:
    """A plan being rolled through: start/pause, skip, go back, add time, stop."""

    def __init__(self, plan: SessionPlan) -> None:
        self.plan = plan
        self.phases = tuple(
            PhaseRef(i, step, phase) for i, step in enumerate(plan.steps) for phase in step.phases
        )
        self.index = 0
        self.remaining = float(self.phases[0].phase.seconds) if self.phases else 0.0
        self.running = False
        self.finished = not self.phases
        self.stopped = False
        self.elapsed = 0.0
        self.added = 0
        """Seconds added to the current phase with + (its own words give the planned time)."""
        self._reached = 0
        self._rolled = [0.0] * len(plan.steps)
        """Seconds each step's rolling phases have run."""
        self._to_roll = [
            sum(p.seconds for p in step.phases if p.kind in ROLLING_PHASES) for step in plan.steps
        ]

    # where we are ------------------------------------------------------------------------
    @property
    def current(self) -> PhaseRef | None:
        return None if self.finished else self.phases[self.index]

    @property
    def upcoming(self) -> PhaseRef | None:
        """The next phase, or None at the last one."""
        nxt = self.index + 1
        return self.phases[nxt] if not self.finished and nxt < len(self.phases) else None

    @property
    def phase_seconds(self) -> float:
        """The current phase's length including added time (for a countdown ring)."""
        ref = self.current
        return max(self.remaining, float(ref.phase.seconds)) if ref else 0.0

    @property
    def steps_done(self) -> int:
        """Steps rolled for at least :data:`DONE_SHARE` of their planned rolling time (a step
        with no rolling phase: once its every phase has been reached)."""
        last: dict[int, int] = {}
        for index, ref in enumerate(self.phases):
            last[ref.step_index] = index
        return sum(
            1
            for step, index in last.items()
            if (
                self._rolled[step] >= DONE_SHARE * self._to_roll[step]
                if self._to_roll[step]
                else index < self._reached
            )
        )

    # controls ----------------------------------------------------------------------------
    def start(self) -> None:
        if not self.finished:
            self.running = True

    def pause(self) -> None:
        self.running = False

    def toggle(self) -> bool:
        """Start or pause; True when now running."""
        if self.running:
            self.pause()
        else:
            self.start()
        return self.running

    def tick(self, seconds: float) -> int:
        """Let ``seconds`` pass while running; returns how many phases ended."""
        if not self.running or self.finished or seconds <= 0:
            return 0
        self.elapsed += seconds
        ended = 0
        left = seconds
        while left > 0 and not self.finished:
            ref = self.phases[self.index]
            spent = min(left, self.remaining)
            if ref.phase.kind in ROLLING_PHASES:
                self._rolled[ref.step_index] += spent
            if left < self.remaining:
                self.remaining -= left
                break
            left -= self.remaining
            ended += 1
            self._go(self.index + 1)
        return ended

    def next(self) -> None:
        """Skip to the next phase (the end after the last)."""
        if not self.finished:
            self._go(self.index + 1)

    def previous(self) -> None:
        """Back to the start of this phase, or to the previous one when barely begun."""
        if self.finished and not self.stopped and self.phases:
            self.finished = False
            self._go(len(self.phases) - 1)
            return
        if self.finished:
            return
        ref = self.phases[self.index]
        if ref.phase.seconds - self.remaining < 2 and self.index > 0:
            self._go(self.index - 1)
        else:
            self._go(self.index)

    def add_time(self, seconds: int = EXTRA_S) -> None:
        if not self.finished:
            self.remaining += seconds
            self.added += seconds

    def stop(self) -> None:
        self.running = False
        self.stopped = True
        self.finished = True

    def _go(self, index: int) -> None:
        if index >= len(self.phases):
            self._reached = len(self.phases)
            self.finished = True
            self.running = False
            self.remaining = 0.0
            return
        self.index = index
        self._reached = max(self._reached, index)
        self.remaining = float(self.phases[index].phase.seconds)
        self.added = 0
