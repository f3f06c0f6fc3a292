"""Keep ``None`` alive under PySide6 6.12 on Python 3.11.

PySide6/shiboken6 6.12 returns ``None`` from every void method (``painter.drawPath``,
``widget.update`` …) without adding a reference, which is harmless on Python 3.12+ where
``None`` is immortal, but on 3.11 each call takes one reference away, and after a few
thousand calls the interpreter aborts with "none_dealloc: deallocating None". This module
gives ``None`` the near-infinite reference count that Python 3.12 gives it (PEP 683).
Import it before any Qt drawing; importing it twice is harmless.
"""

from __future__ import annotations

import ctypes
import sys

__all__ = ["ensure_none_immortal"]

_FLOOR = 1 << 60


def ensure_none_immortal() -> None:
    """Raise ``None``'s reference count far beyond reach (only on Python < 3.12)."""
    if sys.version_info >= (3, 12):
        return
    refcount = ctypes.c_ssize_t.from_address(id(None))
    if refcount.value < _FLOOR:
        refcount.value += _FLOOR


ensure_none_immortal()
