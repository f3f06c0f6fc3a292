"""Mat mode: a guided, timed rolling session readable from the floor at 2–3 m.

Large type on a dark screen, the step's close-up with its roll zone and trigger-point
sites, one or two sentences of instruction, a big countdown ring and what comes next.
Keys: Space start/pause, arrows next/previous, + adds 15 s, Esc stops. Each phase change
flashes the screen and beeps. Time comes from an injected clock (`SessionClock`), so tests
drive a whole session without waiting.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QColor, QFont, QKeyEvent, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bodymap.atlas import ViewAtlas
from bodymap.maps import Spot
from bodymap.session import EXTRA_S, PRESETS, SessionPlan, SessionRun
from bodymap.ui.mat.awake import ScreenAwake
from bodymap.ui.mat.clock import QtClock, SessionClock
from bodymap.ui.mat.crop import StepCrop
from bodymap.ui.mat.ring import CountdownRing, clock_text
from bodymap.words import position_words

__all__ = ["PHASE_COLOURS", "PHASE_WORDS", "MatWindow", "text_sizes"]

PHASE_WORDS: Mapping[str, str] = {
    "setup": "Get into position",
    "on_point": "On the point",
    "around": "Around it",
    "switch": "Switch",
}
PHASE_COLOURS: Mapping[str, QColor] = {
    "setup": QColor("#9fb3c8"),
    "on_point": QColor("#f5a623"),
    "around": QColor("#5cc98a"),
    "switch": QColor("#4fa3e0"),
}
BACKGROUND = QColor("#1b222c")
LONG_INSTRUCTION = 240
"""Characters beyond which an instruction is set smaller (it would not fit at full size)."""
TEXT_LARGEST = (0.024, 0.042, 0.070, 40)
"""Cautions, instruction and title as shares of the window's height, and the close-up's
share of the width against the text's `TEXT_COLUMN`: the sizes a step is shown at when
its words fit."""
TEXT_SMALLEST = (0.017, 0.028, 0.050, 20)
"""The smallest sizes (and the narrowest close-up) a step with long cautions is set at."""
TEXT_STEPS = 12
"""The window takes the first of this many steps from `TEXT_LARGEST` to `TEXT_SMALLEST`
at which the title, the instruction and every caution fit whole beside the countdown at its
smallest: a caution is never cut off or drawn over the instruction."""
MIN_CAUTION_PX = 13
"""The smallest caution text, in pixels, whatever the window's height."""
TEXT_COLUMN = 50
"""The text column's share of the width, against the close-up's (`TEXT_LARGEST`)."""


def text_sizes(level: int) -> tuple[float, float, float, int]:
    """The text sizes and the close-up's width share of step ``level`` (0: the largest)."""
    t = min(max(level, 0), TEXT_STEPS - 1) / (TEXT_STEPS - 1)
    caution, instruction, title, crop = (
        big + (small - big) * t for big, small in zip(TEXT_LARGEST, TEXT_SMALLEST, strict=True)
    )
    return caution, instruction, title, round(crop)


NOT_ROLLED = (
    "A step counts once it has been rolled for at least half its time on the point and "
    "around it; skipping through it does not."
)
HINTS = f"Space start / pause    ← →  previous / next    +  add {EXTRA_S} s    Esc  stop"
MAT_KEYS = (
    ("Space", "Mat session: start or pause"),
    ("Left, Right", "Mat session: previous or next step"),
    ("+", f"Mat session: add {EXTRA_S} s to the step"),
    ("Escape", "Mat session: stop; once ended, close"),
)
"""The keys of a mat session (`HINTS` on its screen), for Help."""
ENDED_HINTS = "Esc  close"
"""The keys once the session has ended: the step keys no longer do anything."""


def _label(name: str, parent: QWidget, *, wrap: bool = False, colour: str = "#ffffff") -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setStyleSheet(f"color: {colour};")
    return label


class MatWindow(QWidget):
    """Runs one `SessionPlan`; emits `ended(stopped)` once, at the end or when stopped."""

    ended = Signal(bool)
    phaseChanged = Signal(int)

    def __init__(
        self,
        plan: SessionPlan,
        spots: Sequence[Spot],
        atlas: Mapping[str, ViewAtlas],
        clock: SessionClock | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.plan = plan
        self.run = SessionRun(plan)
        self.clock: SessionClock = clock if clock is not None else QtClock(self)
        self.flashes = 0
        self.started_at: datetime | None = None
        """When the session was first started (UTC); None until Space is pressed."""
        self.awake = ScreenAwake()
        self._spots = spots
        self._last = 0.0
        self._ended = False
        self._flash = 0.0
        self._flash_colour = PHASE_COLOURS["setup"]
        self._flash_timer = QTimer(self)
        self._flash_timer.setInterval(40)
        self._flash_timer.timeout.connect(self._fade)
        label = PRESETS[plan.preset].label if plan.preset in PRESETS else plan.preset
        self.setWindowTitle(f"Mat mode — {label}")
        self.setAccessibleName("Mat mode")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAutoFillBackground(False)

        self.status = _label("status", self, colour="#c9d3de")
        self.title = _label("title", self, wrap=True)
        self.phase = _label("phase", self)
        self.instruction = _label("instruction", self, wrap=True)
        self.cautions = _label("cautions", self, wrap=True, colour="#ffd27a")
        """The step's cautions and stop rules, as the panel and the guide give them."""
        self.next_up = _label("next", self, wrap=True, colour="#c9d3de")
        self.hints = _label("hints", self, colour="#8a97a6")
        self.hints.setText(HINTS)
        self.ring = CountdownRing(self)
        self.crop = StepCrop(atlas, self)
        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for key, text, slot in (
            ("previous", "◀ Previous", self.previous),
            ("toggle", "Start", self.toggle),
            ("next", "Next ▶", self.next),
            ("more", f"+{EXTRA_S} s", self.add_time),
            ("stop", "Stop", self.stop),
        ):
            button = QPushButton(text, self)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys belong to the window
            button.clicked.connect(slot)
            bar.addWidget(button)
            self.buttons[key] = button
        bar.addStretch(1)
        bar.addWidget(self.hints)

        right = QVBoxLayout()
        right.addWidget(self.title)
        right.addWidget(self.phase)
        right.addWidget(self.ring, 3)
        right.addWidget(self.instruction, 1)
        right.addWidget(self.cautions)
        grid = QGridLayout()
        grid.addWidget(self.crop, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, TEXT_LARGEST[3])
        grid.setColumnStretch(1, TEXT_COLUMN)
        self._grid, self._text_column = grid, right
        self._fitted: tuple[object, ...] = ()
        self.text_size = 0
        """Which step of `text_sizes` the window uses for the words shown (0: the largest)."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 20, 32, 20)
        layout.addWidget(self.status)
        layout.addLayout(grid, 1)
        layout.addWidget(self.next_up)
        layout.addLayout(bar)
        self.resize(1280, 800)
        self.refresh()

    # controls ------------------------------------------------------------------------
    def toggle(self) -> None:
        """Start or pause (Space)."""
        if self._ended:
            return
        if self.run.toggle():
            if self.started_at is None:
                self.started_at = datetime.now(UTC)
            self._last = self.clock.now()
            self.clock.start(self._on_tick)
            self.awake.hold()
        else:
            self.clock.stop()
        self.refresh()

    def next(self) -> None:
        """Skip to the next phase (→)."""
        if self._ended:
            return
        self.run.next()
        self._changed()

    def previous(self) -> None:
        """Back to the start of this phase, or the previous one (←)."""
        if self._ended:
            return
        before = self.run.index
        self.run.previous()
        if self.run.index != before:
            self._changed()
        else:
            self.refresh()

    def add_time(self) -> None:
        """Fifteen more seconds for this phase (+)."""
        self.run.add_time()
        self.refresh()

    def stop(self) -> None:
        """End the session now (Esc); once it has ended, close the window."""
        if self._ended:
            self.close()
            return
        self.run.stop()
        self._finish(True)

    def cue(self) -> None:
        """The sound at a phase change (tests replace it)."""
        QApplication.beep()

    # time ----------------------------------------------------------------------------
    def _on_tick(self) -> None:
        now = self.clock.now()
        elapsed, self._last = now - self._last, now
        if self.run.tick(elapsed):
            self._changed()
        else:
            self.refresh()

    def _changed(self) -> None:
        if self.run.finished:
            self._finish(False)
            return
        ref = self.run.current
        self.flashes += 1
        self._flash = 1.0
        self._flash_colour = PHASE_COLOURS.get(ref.phase.kind if ref else "", BACKGROUND)
        self._flash_timer.start()
        self.cue()
        self.refresh()
        self.phaseChanged.emit(self.run.index)

    def settle(self) -> None:
        """End the flash now (for a still picture)."""
        self._flash = 0.0
        self._flash_timer.stop()
        self.update()

    def _fade(self) -> None:
        self._flash = max(0.0, self._flash - 0.08)
        if self._flash == 0.0:
            self._flash_timer.stop()
        self.update()

    def _finish(self, stopped: bool) -> None:
        self.clock.stop()
        self.awake.release()
        if self._ended:
            return
        self._ended = True
        self.flashes += 1
        self._flash, self._flash_colour = 1.0, PHASE_COLOURS["around"]
        self._flash_timer.start()
        self.cue()
        self.refresh()
        self.ended.emit(stopped)

    @property
    def session_left(self) -> float:
        """Seconds left in the whole session, the current phase included."""
        if self.run.finished:
            return 0.0
        later = sum(ref.phase.seconds for ref in self.run.phases[self.run.index + 1 :])
        return self.run.remaining + later

    # showing -------------------------------------------------------------------------
    def refresh(self) -> None:
        run, plan = self.run, self.plan
        label = PRESETS[plan.preset].label if plan.preset in PRESETS else plan.preset
        ref = run.current
        paused = "Resume" if run.elapsed > 0 else "Start"  # a session once begun resumes
        self.buttons["toggle"].setText("Pause" if run.running else paused)
        for widget in (self.ring, self.crop, *self.buttons.values()):
            widget.setVisible(ref is not None or widget is self.buttons["stop"])
        self.buttons["stop"].setText("Stop" if ref is not None else "Close")
        self.hints.setText(HINTS if ref is not None else ENDED_HINTS)
        if ref is None:
            self.cautions.hide()
            done = run.steps_done
            steps = f"{done} of {len(plan.steps)} steps done" if plan.steps else "no steps"
            self.status.setText(f"{label} · {steps}")
            instruction = plan.empty_reason or "How do the spots feel now?"
            if not plan.steps:  # never "Well done" for a session that had nothing in it
                self.title.setText("Nothing to roll")
            elif run.stopped:
                self.title.setText("Session stopped")
            elif not done:  # every step skipped through: nothing to praise or to ask about
                self.title.setText("No step rolled")
                instruction = NOT_ROLLED
            else:
                self.title.setText("Well done")
            self.phase.setText("")
            self.instruction.setText(instruction)
            self.next_up.setText(self._left_out_text())
            self.ring.show_time(0.0, 1.0, PHASE_COLOURS["around"], False)
            self.crop.show_step(None, self._spots)
            self._fit_text()  # a long reason is set smaller, to be read whole
            self.update()
            return
        self.status.setText(
            f"{label} · step {ref.step_index + 1} of {len(plan.steps)} · "
            f"{clock_text(self.session_left)} left"
        )
        self.title.setText(ref.step.title)
        # the phase's words give its planned time: time added with + is said beside the
        # phase's name, not after its words (a switch's words name the next step, and
        # "Next: Gluteus maximus. (+15 s)" read as if that step were longer)
        more = f" (+{run.added} s)" if run.added else ""
        self.phase.setText(PHASE_WORDS[ref.phase.kind] + more)
        self.phase.setStyleSheet(f"color: {PHASE_COLOURS[ref.phase.kind].name()};")
        self.instruction.setText(ref.phase.text)
        self.cautions.setText("\n".join(f"⚠ {c}" for c in ref.step.cautions))
        self.cautions.setVisible(bool(ref.step.cautions))
        left_out = self._left_out_text() if run.elapsed == 0 and not run.running else ""
        self.next_up.setText("\n".join(t for t in (self._next_text(), left_out) if t))
        self.ring.show_time(
            run.remaining, run.phase_seconds, PHASE_COLOURS[ref.phase.kind], not run.running
        )
        self.crop.show_step(ref.step, self._spots)
        self._fit_text()
        self.update()

    def _left_out_text(self) -> str:
        """The steps the preset had no time for, said before the session starts and at its
        end, so a spot with no step here is not mistaken for one that needs none."""
        left_out = self.plan.left_out
        return f"Not in this session, for time: {'; '.join(left_out)}." if left_out else ""

    def _next_text(self) -> str:
        ref, upcoming = self.run.current, self.run.upcoming
        if upcoming is None:
            return "Next: how do the spots feel now?"
        if ref is not None and upcoming.step_index == ref.step_index:
            return f"Next: {PHASE_WORDS[upcoming.phase.kind]} · {upcoming.phase.seconds} s"
        step = upcoming.step
        where = position_words(step.position).lower()
        return f"Next step: {step.title} — {where}"

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_text()

    def _fit_text(self) -> None:
        """Text sizes for this window and step: the largest of `text_sizes` at which the
        text column holds everything whole. Worked out again only when the size or the
        words change, not on every tick of the clock."""
        key = (
            self.size(),
            self.title.text(),
            self.phase.text(),
            self.instruction.text(),
            self.cautions.text() if not self.cautions.isHidden() else "",
        )
        if key == self._fitted:
            return
        self._fitted = key
        for index in range(TEXT_STEPS):
            self._size_fonts(index)
            if self.text_fits():
                break

    def text_fits(self) -> bool:
        """Whether the text column's words, at their wrapped heights, and the countdown at
        its smallest fit the column's height (the layout brought up to date first)."""
        layout = self.layout()
        assert layout is not None
        layout.invalidate()
        layout.activate()
        column = self._text_column
        room = column.geometry()
        needed, shown = 0, 0
        for index in range(column.count()):
            item = column.itemAt(index)
            widget = item.widget() if item is not None else None
            if widget is None or widget.isHidden():
                continue
            shown += 1
            if widget is self.ring:
                needed += widget.minimumHeight()
            elif widget.hasHeightForWidth():
                needed += widget.heightForWidth(room.width())
            else:
                needed += widget.sizeHint().height()
        needed += column.spacing() * max(0, shown - 1)
        return needed <= room.height()

    def _size_fonts(self, level: int = 0) -> None:
        """Text sizes in proportion to the window's height, to be read from the mat, at one
        of `text_sizes`; an instruction of more than a few lines (why a session has nothing
        to roll) smaller."""
        self.text_size = level
        cautions, instruction, title, crop = text_sizes(level)
        height = max(400, self.height())
        if len(self.instruction.text()) > LONG_INSTRUCTION:
            instruction = min(instruction, 0.024)
        self._grid.setColumnStretch(0, crop)
        for widget, share, bold in (
            (self.status, 0.032, False),
            (self.title, title, True),
            (self.phase, 0.055, True),
            (self.instruction, instruction, False),
            (self.cautions, cautions, False),
            (self.next_up, 0.038, False),
            (self.hints, 0.022, False),
        ):
            font = QFont(self.font())
            pixels = int(height * share)
            font.setPixelSize(max(MIN_CAUTION_PX, pixels) if widget is self.cautions else pixels)
            font.setBold(bold)
            widget.setFont(font)
        for button in self.buttons.values():
            font = QFont(self.font())
            font.setPixelSize(int(height * 0.026))
            button.setFont(font)
            button.setMinimumHeight(int(height * 0.055))

    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        painter = QPainter(self)
        painter.fillRect(self.rect(), BACKGROUND)
        if self._flash > 0:
            colour = QColor(self._flash_colour)
            colour.setAlphaF(0.55 * self._flash)
            painter.fillRect(self.rect(), colour)
        painter.end()

    # keys ----------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        actions = {
            Qt.Key.Key_Space: self.toggle,
            Qt.Key.Key_Right: self.next,
            Qt.Key.Key_Left: self.previous,
            Qt.Key.Key_Plus: self.add_time,
            Qt.Key.Key_Equal: self.add_time,
            Qt.Key.Key_Escape: self.stop,
        }
        action = actions.get(Qt.Key(key))
        if action is None:
            super().keyPressEvent(event)
            return
        action()
        event.accept()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._ended:
            self.stop()
        self._flash_timer.stop()
        super().closeEvent(event)
