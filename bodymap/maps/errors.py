"""The one error a bad map file (or a failed save) gives: a single line naming the problem."""

from __future__ import annotations

import json
import os

__all__ = ["MapFileError", "NewerMapError", "shown"]


def shown(value: object) -> str:
    """A value from a map file as the file spells it (``true``, ``null``, ``"x"``), cut to
    40 characters, for a message: not as Python would (``True``, ``None``)."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text[:40]


class MapFileError(ValueError):
    """A map file cannot be read or written; ``str(err)`` is one line for the user.

    ``path`` is the file concerned (None for text loaded from memory) and ``problem`` the
    message without the file name.
    """

    def __init__(self, problem: str, path: str | os.PathLike[str] | None = None) -> None:
        self.problem = " ".join(problem.split())
        self.path = None if path is None else os.fspath(path)
        name = None if self.path is None else os.path.basename(self.path) or self.path
        super().__init__(self.problem if name is None else f"{name}: {self.problem}")


class NewerMapError(MapFileError):
    """The map was written by a newer bodymap: nothing is wrong with it, this one is too
    old to read it (so an older copy of it is no answer; updating is)."""
