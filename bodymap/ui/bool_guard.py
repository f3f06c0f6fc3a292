"""Keep ``True`` and ``False`` alive under PySide6 6.12 on Python 3.11.

``SignalInstance.emit()`` in PySide6 6.12 returns ``True`` without adding a reference, so on
Python 3.11 (where the booleans are not immortal yet) every ``signal.emit(...)`` made from
Python takes one reference away from ``True``; after enough emissions the interpreter aborts
with "bool_dealloc: deallocating True or False". As `bodymap.ui.none_guard` does for
``None``, this gives both booleans the near-infinite reference count Python 3.12 gives them
(PEP 683). Importing it twice is harmless.
"""

from __future__ import annotations

import ctypes
import sys

from bodymap.ui import none_guard

__all__ = ["ensure_bools_immortal"]

_FLOOR = 1 << 60


def ensure_bools_immortal() -> None:
    """Raise the reference counts of ``True`` and ``False`` far beyond reach (< 3.12 only)."""
    none_guard.ensure_none_immortal()
    if sys.version_info >= (3, 12):
        return
    for value in (True, False):
        refcount = ctypes.c_ssize_t.from_address(id(value))
        if refcount.value < _FLOOR:
            refcount.value += _FLOOR


ensure_bools_immortal()
