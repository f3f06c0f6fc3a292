"""MuscleDock: the muscle browser's dock beside the advice.

The dock is part of the window from the start (so the window's remembered layout can place
it), but the browser inside it, with the knowledge search behind it, is built only when the
dock is first shown or asked for.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDockWidget, QWidget

from bodymap.atlas import ViewAtlas
from bodymap.knowledge import Knowledge

if TYPE_CHECKING:
    from bodymap.ui.browser.browser import MuscleBrowser

__all__ = ["MuscleDock"]


class MuscleDock(QDockWidget):
    """The browser in a dock beside the advice; closing it returns the diagram to normal."""

    closed = Signal()
    escaped = Signal()
    """Escape closed the browser: the person is done browsing (the window gives the diagram
    the focus, which would otherwise fall to whatever follows the browser)."""
    patternChosen = Signal(str, str)
    """The browser's ``patternChosen(muscle, side)``, passed on."""

    def __init__(
        self,
        atlas: Mapping[str, ViewAtlas],
        knowledge: Knowledge | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Muscles", parent)
        self.setObjectName("muscleDock")
        self.setAccessibleName("Muscle browser")
        self._atlas = atlas
        self._knowledge = knowledge
        self._browser: MuscleBrowser | None = None
        self.visibilityChanged.connect(self._visibility_changed)

    @property
    def browser(self) -> MuscleBrowser:
        """The browser (built on first use)."""
        if self._browser is None:
            from bodymap.ui.browser.browser import MuscleBrowser

            browser = MuscleBrowser(self._atlas, self._knowledge, self)
            browser.closeRequested.connect(self._escape)
            browser.patternChosen.connect(self.patternChosen)
            self._browser = browser
            self.setWidget(browser)
        return self._browser

    def _visibility_changed(self, visible: bool) -> None:
        """A hidden browser (closed, or behind the Advice tab) leaves the diagram to the
        user's map; shown again, it draws its chosen record again."""
        if visible:
            self.browser.emit_choice()
        else:
            self.patternChosen.emit("", "")

    def open_on(self, muscle: str | None = None, side: str = "right") -> None:
        """Show and raise the dock with the search box focused; on ``muscle`` if given."""
        browser = self.browser
        self.show()
        self.raise_()
        if muscle:
            browser.show_muscle(muscle, side)
        else:
            browser.emit_choice()
        browser.search.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _escape(self) -> None:
        self.close()
        self.escaped.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.closed.emit()
