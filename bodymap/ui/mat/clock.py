"""The clock a mat session runs on: real time in the window, a fake one in tests.

The window asks the clock for the time whenever the clock calls it back, and feeds the
difference to the session; a test moves a `FakeClock` forward and nothing waits.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QElapsedTimer, QObject, QTimer

__all__ = ["FakeClock", "QtClock", "SessionClock"]


class _Callback:
    """A callback held weakly when it is a bound method: a window's clock must not keep
    the window alive (a reference cycle would let the garbage collector delete the
    window at any moment, even in the middle of painting it)."""

    def __init__(self, callback: Callable[[], None]) -> None:
        self._method: weakref.WeakMethod[Callable[[], None]] | None = None
        self._plain: Callable[[], None] | None = None
        if hasattr(callback, "__self__") and hasattr(callback, "__func__"):
            self._method = weakref.WeakMethod(callback)
        else:
            self._plain = callback

    def __call__(self) -> None:
        target = self._method() if self._method is not None else self._plain
        if target is not None:
            target()


class SessionClock(Protocol):
    """Seconds since some start, and a callback now and then while started."""

    def now(self) -> float: ...
    def start(self, callback: Callable[[], None]) -> None: ...
    def stop(self) -> None: ...


class QtClock:
    """Monotonic time from `QElapsedTimer`, called back every ``interval_ms``."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = 100) -> None:
        self._elapsed = QElapsedTimer()
        self._elapsed.start()
        self._timer = QTimer(parent)
        self._timer.setInterval(interval_ms)
        self._callback: _Callback | None = None
        self._timer.timeout.connect(self._fire)

    def now(self) -> float:
        return self._elapsed.nsecsElapsed() / 1e9

    def start(self, callback: Callable[[], None]) -> None:
        self._callback = _Callback(callback)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._callback = None  # no cycle keeps a closed window alive

    def _fire(self) -> None:
        if self._callback is not None:
            self._callback()


class FakeClock:
    """A clock that moves only when told (:meth:`advance`), calling back at once."""

    def __init__(self) -> None:
        self.time = 0.0
        self.started = False
        self._callback: _Callback | None = None

    def now(self) -> float:
        return self.time

    def start(self, callback: Callable[[], None]) -> None:
        self._callback = _Callback(callback)
        self.started = True

    def stop(self) -> None:
        self.started = False
        self._callback = None

    def advance(self, seconds: float, steps: int = 1) -> None:
        """Move time on by ``seconds`` in ``steps`` equal parts, calling back after each."""
        for _ in range(steps):
            self.time += seconds / steps
            if self.started and self._callback is not None:
                self._callback()
