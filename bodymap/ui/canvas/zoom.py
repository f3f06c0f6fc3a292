"""ViewZoom: fit, zoom in and out of a graphics view within limits relative to the fit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsView

__all__ = ["MAX_ZOOM", "MIN_ZOOM", "ZOOM_STEP", "ViewZoom"]

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.5, 16.0
"""Zoom limits relative to the fitted scale."""


class ViewZoom:
    """The zoom of one view; after :meth:`fit` a resize fits again until the user zooms."""

    def __init__(self, view: QGraphicsView) -> None:
        self._view = view
        self.auto_fit = True

    def fit(self) -> None:
        """Fit the scene into the view."""
        view = self._view
        self.auto_fit = True
        rect = view.sceneRect()
        if rect.isEmpty() or view.viewport().width() < 2:
            return
        view.resetTransform()
        view.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)

    def level(self) -> float:
        """The current scale relative to the fitted one (1.0 = fitted)."""
        view = self._view
        rect = view.sceneRect()
        vw, vh = max(1, view.viewport().width()), max(1, view.viewport().height())
        fitted = min(vw / rect.width(), vh / rect.height()) if not rect.isEmpty() else 1.0
        return view.transform().m11() / fitted

    def by(self, factor: float, anchor_under_mouse: bool = False) -> None:
        """Zoom by ``factor`` around the mouse (or the view's centre), within limits."""
        view = self._view
        current = self.level()
        factor = max(MIN_ZOOM / current, min(MAX_ZOOM / current, factor))
        self.auto_fit = False
        view.setTransformationAnchor(
            QGraphicsView.ViewportAnchor.AnchorUnderMouse
            if anchor_under_mouse
            else QGraphicsView.ViewportAnchor.AnchorViewCenter
        )
        view.scale(factor, factor)
        view.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)

    def zoom_in(self) -> None:
        self.by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self.by(1 / ZOOM_STEP)
