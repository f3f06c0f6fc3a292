"""Strict reading of one TOML table: every key known, every value the right type.

Each problem raises :class:`KnowledgeError` naming the file and the record, so a typo in
the tables is found at load time rather than as a wrong answer in the panel.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["Fields", "KnowledgeError"]


class KnowledgeError(ValueError):
    """The knowledge tables are malformed or disagree with the contracts."""


class Fields:
    """Take values out of one table; :meth:`finish` rejects anything left over."""

    def __init__(self, table: object, where: str) -> None:
        if not isinstance(table, Mapping):
            raise KnowledgeError(f"{where}: expected a table, got {type(table).__name__}")
        self._table: dict[str, Any] = dict(table)
        self._taken: set[str] = set()
        self.where = where

    def error(self, message: str) -> KnowledgeError:
        return KnowledgeError(f"{self.where}: {message}")

    def _get(self, key: str, required: bool) -> Any:
        self._taken.add(key)
        if key not in self._table:
            if required:
                raise self.error(f"missing key {key!r}")
            return None
        return self._table[key]

    def text(self, key: str, *, required: bool = True, default: str = "") -> str:
        value = self._get(key, required)
        if value is None:
            return default
        if not isinstance(value, str) or not value.strip():
            raise self.error(f"{key!r} must be a non-empty string")
        return value.strip()

    def choice(self, key: str, choices: Sequence[str]) -> str:
        """A text that must be one of ``choices`` (the error lists them)."""
        value = self.text(key)
        if value not in choices:
            raise self.error(f"unknown {key} {value!r} (one of {', '.join(choices)})")
        return value

    def flag(self, key: str, *, default: bool = False) -> bool:
        """An optional ``true`` or ``false`` (``default`` when the key is not given)."""
        value = self._get(key, False)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self.error(f"{key!r} must be true or false")
        return value

    def number(self, key: str, lo: float, hi: float, *, default: float | None = None) -> float:
        value = self._get(key, default is None)
        if value is None and default is not None:
            return default
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.error(f"{key!r} must be a number")
        if not lo <= value <= hi:
            raise self.error(f"{key!r} = {value} is outside {lo}..{hi}")
        return float(value)

    def texts(self, key: str, *, required: bool = True, nonempty: bool = False) -> tuple[str, ...]:
        value = self._get(key, required)
        if value is None:
            return ()
        if nonempty and value == []:
            raise self.error(f"{key!r} must not be empty")
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.error(f"{key!r} must be a list of non-empty strings")
        if len(set(value)) != len(value):
            raise self.error(f"{key!r} lists an entry twice")
        return tuple(v.strip() for v in value)

    def int_range(self, key: str, lo: int, hi: int) -> tuple[int, int]:
        value = self._get(key, True)
        if (
            not isinstance(value, list)
            or len(value) != 2
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        ):
            raise self.error(f"{key!r} must be a pair of whole numbers [low, high]")
        low, high = value
        if not lo <= low <= high <= hi:
            raise self.error(f"{key!r} = {value} must satisfy {lo} <= low <= high <= {hi}")
        return (low, high)

    def table(self, key: str) -> Fields:
        value = self._get(key, True)
        return Fields(value, f"{self.where}, {key}")

    def tables(self, key: str, *, required: bool = True) -> list[Fields]:
        """A non-empty list of tables (an empty list when optional and absent)."""
        value = self._get(key, required)
        if value is None:
            return []
        if not isinstance(value, list) or not value:
            raise self.error(f"{key!r} must be a non-empty list of tables")
        return [Fields(item, f"{self.where}, {key}[{i}]") for i, item in enumerate(value)]

    def raw(self, key: str) -> Any:
        """A value the caller checks itself (``None`` when absent)."""
        return self._get(key, False)

    def finish(self) -> None:
        unknown = sorted(set(self._table) - self._taken)
        if unknown:
            raise self.error(f"unknown key(s) {', '.join(map(repr, unknown))}")
