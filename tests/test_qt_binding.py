"""The installed Qt binding keeps Python's reference counts right.

PySide6 6.12.0 returns None from void methods and True from ``Signal.emit`` without a new
reference; on Python 3.11 the interpreter then aborts after a few thousand calls. This test
fails fast if such a build is installed again.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage, QPainter, QPainterPath


class _Emitter(QObject):
    ping = Signal()


def test_void_calls_and_emits_do_not_leak_references(qapp) -> None:
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    path = QPainterPath()
    emitter = _Emitter()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(500):
        painter.drawPath(path)
        emitter.ping.emit()
    none_delta = sys.getrefcount(None) - none_before
    true_delta = sys.getrefcount(True) - true_before
    painter.end()
    assert none_delta > -100, f"None lost {-none_delta} references"
    assert true_delta > -100, f"True lost {-true_delta} references"
