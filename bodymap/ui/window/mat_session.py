"""Starting a mat session from the main window, and what happens when it ends.

"Start Mat Session…" asks for a preset (`PresetDialog`), opens the full-screen
`MatWindow` on the open map, and when the session ends or is stopped asks "How do the
spots feel now?" with each spot's intensity filled in; the answer is one undoable
check-in. A session stopped with no step done in under a minute is not a session
(`bodymap.maps.session_counts`): nothing is stored or asked, and the status line says so.
Questions sit behind ``ask_*`` methods tests replace.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Protocol

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QStatusBar,
    QVBoxLayout,
    QWidget,
)

from bodymap.advisor import advise_map
from bodymap.atlas import ViewAtlas
from bodymap.maps import Batch, Spot, TriggerPointMap, check_in, edit_spot, session_counts
from bodymap.maps.operations import Operation
from bodymap.maps.values import MIN_SESSION_SECONDS
from bodymap.maps.verbs import record_session
from bodymap.session import PRESETS, SessionPlan, plan_session
from bodymap.ui import settings as prefs
from bodymap.ui.document.document import MapDocument
from bodymap.ui.mat.clock import SessionClock
from bodymap.ui.mat.ring import clock_text
from bodymap.ui.mat.window import MatWindow
from bodymap.ui.window.dialogs import CheckInDialog

__all__ = [
    "FEEL_NOW",
    "NOT_COUNTED",
    "MatHost",
    "MatSessions",
    "PresetDialog",
    "request_session_end",
]

FEEL_NOW = "How do the spots feel now? (0 = no pain, 10 = worst)"
NOT_KEPT_MS = 15000
"""How long the status line says why a session was not kept."""
NOT_COUNTED = (
    "Mat session stopped after {seconds} s with no step done: not kept. A session counts "
    f"once a step is done or after {MIN_SESSION_SECONDS // 60} minute of rolling."
)


def request_session_end(
    document: MapDocument,
    preset: str,
    start: datetime,
    duration_s: int,
    steps_done: int,
    values: dict[str, int] | None,
    note: str,
) -> bool:
    """Store the session and, when the person answered, their check-in with ``note``
    (spots whose intensity changed take the new value) as one undo step. An answer with no
    reading (every spot left out) stores the session alone."""
    tpm = document.map
    ops: list[Operation] = []
    if values:
        ops.extend(
            edit_spot(tpm, spot.id, intensity=values[spot.id], apply=False)
            for spot in tpm.spots
            if spot.id in values and values[spot.id] != spot.intensity
        )
        ops.append(check_in(tpm, values, note=note, apply=False))
    ops.append(record_session(tpm, preset, start, duration_s, steps_done, apply=False))
    return document.push(Batch(tuple(ops), "Mat session"), "Mat session")


class PresetDialog(QDialog):
    """Which session: each preset with its length for this map, and a beginner option."""

    def __init__(
        self, tpm: TriggerPointMap, parent: QWidget | None = None, length: str = "standard"
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Start mat session")
        advice = advise_map(tpm, length)  # with the press answers, as the panel's routine
        self._group = QButtonGroup(self)
        self.beginner = QCheckBox("Beginner: shorter holds and a shorter session", self)
        layout = QVBoxLayout(self)
        intro = QLabel("Which session? The plan follows your own routine.", self)
        layout.addWidget(intro)
        self._buttons: dict[str, QRadioButton] = {}
        reasons: dict[str, None] = {}  # why each empty session is empty, each said once
        never: tuple[str, ...] = ()  # the likely sources no session rolls (alike in each)
        for name, preset in PRESETS.items():
            plan = plan_session(advice, name)
            never = plan.not_rolled
            if plan.empty_reason:
                reasons.setdefault(plan.empty_reason, None)
            length = clock_text(plan.total_s) if plan.steps else "nothing to roll"
            button = QRadioButton(f"{preset.label} ({length}) — {preset.summary}", self)
            button.setEnabled(bool(plan.steps))
            if plan.empty_reason:
                button.setToolTip(plan.empty_reason)
            self._group.addButton(button)
            self._buttons[name] = button
            layout.addWidget(button)
        first = next((b for b in self._buttons.values() if b.isEnabled()), None)
        if first is not None:
            first.setChecked(True)
        # no session can start: say why (the clinician-first lines, the warnings)
        self.reason = QLabel("" if first is not None else "\n\n".join(reasons), self)
        """Why no session can start ("" when one can)."""
        self.reason.setTextFormat(Qt.TextFormat.PlainText)
        self.reason.setWordWrap(True)
        self.reason.setVisible(bool(self.reason.text()))
        layout.addWidget(self.reason)
        # the likely sources with no step on purpose (the pelvic floor by a sore tailbone):
        # named before the session, so a spot they explain is not taken for one needing none
        self.not_rolled = QLabel(
            f"Not rolled in any session (the advice says what to do instead): {'; '.join(never)}."
            if never and first is not None
            else "",
            self,
        )
        """The likely sources no session rolls ("" when none, or no session can start)."""
        self.not_rolled.setTextFormat(Qt.TextFormat.PlainText)
        self.not_rolled.setWordWrap(True)
        self.not_rolled.setVisible(bool(self.not_rolled.text()))
        layout.addWidget(self.not_rolled)
        layout.addWidget(self.beginner)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Start")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(first is not None)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def choice(self) -> tuple[str, bool] | None:
        for name, button in self._buttons.items():
            if button.isChecked():
                return name, self.beginner.isChecked()
        return None


class MatHost(Protocol):
    """What mat sessions need of the main window (`MapWindow` is one): its map, its atlas,
    the routine length chosen in the panel, its words for a spot and its status line."""

    @property
    def document(self) -> MapDocument: ...
    @property
    def atlas(self) -> Mapping[str, ViewAtlas]: ...
    @property
    def routine_length(self) -> str: ...

    def statusBar(self) -> QStatusBar: ...

    def spot_label(self, spot: Spot) -> str: ...


class MatSessions(QObject):
    """The main window's mat sessions: at most one at a time. `finished` is emitted once
    a session's window has closed and its check-in (if any) is on the undo stack.
    ``parent`` is the window the dialogs and the mat window stand over (the host's)."""

    finished = Signal()

    def __init__(self, host: MatHost, parent: QWidget) -> None:
        super().__init__(parent)
        self.host = host
        self._parent = parent
        self.current: MatWindow | None = None
        self.full_screen = True
        self.clock: SessionClock | None = None
        """The clock new sessions run on (None: real time); tests put a fake here."""

    def ask_preset(self) -> tuple[str, bool] | None:
        dialog = PresetDialog(self.host.document.map, self._parent, self.host.routine_length)
        return dialog.choice() if dialog.exec() else None

    def ask_check_in(self, tpm: TriggerPointMap, parent: QWidget) -> dict[str, int] | None:
        dialog = CheckInDialog(tpm, self.host.spot_label, parent, intro=FEEL_NOW, session=True)
        dialog.setWindowTitle("After the session")
        return dialog.values() if dialog.exec() else None

    def choose_and_start(self) -> MatWindow | None:
        """Ask which session, then start it."""
        choice = self.ask_preset()
        return None if choice is None else self.start(*choice)

    def plan(self, preset: str, beginner: bool = False) -> SessionPlan:
        """The session for the open map, from the routine the panel shows: its length and
        the map's press-test answers (a "no" that drops a muscle drops its step here too)."""
        advice = advise_map(self.host.document.map, self.host.routine_length, self.host.atlas)
        return plan_session(advice, preset, beginner=beginner)

    def start(
        self, preset: str, beginner: bool = False, clock: SessionClock | None = None
    ) -> MatWindow:
        """Open the mat window for ``preset`` on the open map (full screen by default)."""
        if self.current is not None:
            self.current.close()
        prefs.set_last_session(preset)
        tpm = self.host.document.map
        clock = clock if clock is not None else self.clock
        mat = MatWindow(
            self.plan(preset, beginner), tpm.spots, self.host.atlas, clock, self._parent
        )
        mat.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        mat.ended.connect(lambda stopped: self._ended(mat, stopped))
        mat.destroyed.connect(lambda: self._forget(mat))
        self.current = mat
        if self.full_screen:
            # the whole screen even where no window manager honours "full screen"
            mat.setGeometry(self._parent.screen().geometry())
            mat.showFullScreen()
        else:
            mat.show()
        mat.activateWindow()
        mat.setFocus()
        return mat

    def _say_done(self, said: str) -> None:
        """The session is over: say why it was not kept (``said``, if so) where the
        pointer's hints do not overwrite it, and let the window go on (`finished`)."""
        if said:
            self.host.statusBar().showMessage(said, NOT_KEPT_MS)
        self.finished.emit()

    def _forget(self, mat: MatWindow) -> None:
        if self.current is mat:
            self.current = None

    def _ended(self, mat: MatWindow, stopped: bool) -> None:
        """Ask how the spots feel, then store the session and the answer as one undo
        step. A session never started leaves the map alone, and so does one that does not
        count (`session_counts`: stopped with no step done in under a minute): nothing is
        asked, and the status line says why it was not kept. One skipped through to its
        end keeps its end page ("No step rolled") up until it is closed: a window gone at
        the last → left the next presses to the diagram, and said nothing."""
        tpm = self.host.document.map
        started = mat.started_at
        duration, done = round(mat.run.elapsed), mat.run.steps_done
        ran = started is not None and bool(mat.plan.steps)
        said = "" if not ran or session_counts(duration, done) else NOT_COUNTED
        if said and not stopped:
            mat.destroyed.connect(lambda: self._say_done(said.format(seconds=duration)))
            return
        if ran and not said and started is not None:
            values = self.ask_check_in(tpm, mat) if tpm.spots else None
            preset = PRESETS[mat.plan.preset]
            note = preset.note + (" (stopped early)" if stopped else "")
            request_session_end(
                self.host.document, mat.plan.preset, started, duration, done, values, note
            )
        mat.close()
        self._forget(mat)
        self._say_done(said.format(seconds=duration))
