"""The body figure is drawn once per scale and kept for every canvas: what a canvas shows
through the kept figure is, pixel for pixel, what drawing the figure there shows."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from bodymap.ui.canvas import items
from bodymap.ui.canvas.items import BodyItem

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def _canvas_image(window) -> QImage:
    canvas = window.canvas
    for body in (canvas.body_item(view) for view in ("front", "back")):
        body.update()  # Qt's own per-item cache: draw again, through draw()
    return canvas.viewport().grab().toImage()


@pytest.fixture
def drawn_directly(monkeypatch: pytest.MonkeyPatch):
    """Turn the kept figures off: every paint draws the figure path by path."""

    def off() -> None:
        monkeypatch.setattr(items._FIGURES, "figure", lambda item, painter: None)

    return off


@pytest.mark.parametrize(
    ("size", "zoom", "layers"),
    [
        ((1400, 900), 1.0, ()),
        ((1223, 811), 1.0, ("deep", "labels", "caution")),
        ((1000, 700), 1.37, ()),  # zoomed in: the figure is not whole on screen
    ],
)
def test_the_kept_figure_gives_the_pixels_of_drawing_it(
    main_window, drawn_directly, size, zoom, layers
) -> None:
    items._FIGURES.clear()
    window = main_window(*size)
    for layer in layers:
        window.canvas.set_layer_visible(layer, True)
    if zoom != 1.0:
        window.canvas.zoom_by(zoom)
    kept = _canvas_image(window)
    assert len(items._FIGURES) == (2 if zoom == 1.0 else 0)  # kept once shown whole
    again = _canvas_image(window)  # a second paint, from what was kept
    drawn_directly()
    drawn = _canvas_image(window)
    assert kept == drawn
    assert again == drawn


def test_a_second_window_uses_the_figures_the_first_drew(main_window, monkeypatch) -> None:
    items._FIGURES.clear()
    _canvas_image(main_window(1400, 900))
    kept = len(items._FIGURES)
    assert kept == 2  # front and back
    drawn: list[str] = []
    original = BodyItem.draw_figure
    monkeypatch.setattr(
        BodyItem,
        "draw_figure",
        lambda self, painter: (drawn.append(self.view), original(self, painter)),
    )
    _canvas_image(main_window(1400, 900))
    assert drawn == []
    assert len(items._FIGURES) == kept


@pytest.mark.parametrize("layer", ["deep", "labels"])
def test_a_layer_change_draws_a_new_figure(main_window, layer: str) -> None:
    window = main_window(1400, 900)
    shown = window.canvas.layer_visible(layer)
    before = _canvas_image(window)
    window.canvas.set_layer_visible(layer, not shown)
    assert _canvas_image(window) != before
    window.canvas.set_layer_visible(layer, shown)
    assert _canvas_image(window) == before


def test_few_figures_are_kept_however_often_the_scale_changes(main_window, monkeypatch) -> None:
    items._FIGURES.clear()
    window = main_window(1400, 900)
    _canvas_image(window)
    one_size = items._FIGURES.bytes()  # front and back at this size
    monkeypatch.setattr(items._Figures, "KEEP_BYTES", int(one_size * 1.5))
    for size in range(1, 4):
        window.resize(1400 - 20 * size, 900 - 10 * size)  # a new scale each time
        _canvas_image(window)
        assert items._FIGURES.bytes() <= items._Figures.KEEP_BYTES
    assert 1 <= len(items._FIGURES) < 8  # not all four sizes of both views


def _differing(a: QImage, b: QImage) -> tuple[int, int]:
    """How many pixels differ, and by how much at most in any channel."""
    import numpy as np

    assert a.size() == b.size()
    a = a.convertToFormat(QImage.Format.Format_RGBA8888)
    b = b.convertToFormat(QImage.Format.Format_RGBA8888)
    x = np.frombuffer(bytes(a.constBits()), np.uint8).astype(np.int16).reshape(-1, 4)
    y = np.frombuffer(bytes(b.constBits()), np.uint8).astype(np.int16).reshape(-1, 4)
    delta = np.abs(x - y).max(axis=1)
    return int((delta > 0).sum()), int(delta.max())


@pytest.mark.slow  # a sweep of window heights
@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
@pytest.mark.parametrize("height", [700, 760, 780, 811])
def test_at_any_size_the_kept_figure_differs_from_drawing_it_only_by_rounding(
    main_window, drawn_directly, height
) -> None:
    """Laid down at a whole-pixel offset, the kept figure is the drawing itself but for
    rounding where a clip edge (the caution layer is clipped to the body) falls at another
    place within a pixel: at some window sizes a few dozen edge pixels, of half a million,
    differ, most of them by one level."""
    items._FIGURES.clear()
    window = main_window(1223, height)
    for layer in ("deep", "labels", "caution"):
        window.canvas.set_layer_visible(layer, True)
    kept = _canvas_image(window)
    again = _canvas_image(window)  # a second paint, from what was kept
    drawn_directly()
    drawn = _canvas_image(window)
    for image in (kept, again):
        count, _worst = _differing(image, drawn)
        assert count <= 0.0005 * drawn.width() * drawn.height()
