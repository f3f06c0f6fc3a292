"""Answers kept for the last few questions asked: the one bounded memo of the program.

The atlas, the advisor and the panel ask about the same points and texts again on every
click; each keeps its recent answers in a plain dict and stores them through here, so every
such cache is bounded the same way: a full cache is emptied and starts again, never grows.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, MutableMapping, Sequence
from typing import TypeVar, cast

__all__ = ["A_MAPS_WORTH", "answer_for", "answers_for", "keep"]

A_MAPS_WORTH = 2048
"""How many answers a cache of one per spot keeps: all of a map of up to this many spots,
which is advised again on every click. A smaller cache emptied itself part-way through a
1,000-spot map on each pass, so a click on such a map looked every spot up again."""

_NONE = object()
"""What a cache gives for a key it does not hold (a kept answer may itself be None)."""

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


def keep(cache: MutableMapping[K, V], key: K, value: V, limit: int) -> V:
    """Store ``value`` under ``key``, emptying ``cache`` first when it holds ``limit``
    answers; gives ``value`` back."""
    if len(cache) >= limit:
        cache.clear()
    cache[key] = value
    return value


def answer_for(cache: MutableMapping[K, V], key: K, ask: Callable[[], V], limit: int) -> V:
    """The answer kept under ``key``, or ``ask()``'s, which is then kept."""
    found = cache.get(key, _NONE)  # one look-up (a key can be costly to hash: a spot's Hit)
    if found is not _NONE:
        return cast("V", found)
    return keep(cache, key, ask(), limit)


def answers_for(
    cache: MutableMapping[K, V],
    keys: Sequence[K],
    ask: Callable[[list[K]], Sequence[V]],
    limit: int,
) -> list[V]:
    """The answer for each of ``keys``: kept ones from ``cache``, the others from one call
    of ``ask`` (each new key once), which are then kept."""
    found = {key: cache[key] for key in keys if key in cache}
    new = [key for key in dict.fromkeys(keys) if key not in found]
    if new:
        for key, value in zip(new, ask(new), strict=True):
            found[key] = keep(cache, key, value, limit)
    return [found[key] for key in keys]
