"""The one bounded memo (bodymap/recent.py): a full cache starts again, never grows."""

from __future__ import annotations

from bodymap.recent import answers_for, keep


def test_a_full_cache_is_emptied_before_the_next_answer() -> None:
    cache: dict[int, str] = {}
    for k in range(3):
        assert keep(cache, k, str(k), limit=3) == str(k)
    keep(cache, 9, "9", limit=3)
    assert cache == {9: "9"}


def test_answers_for_asks_once_for_each_new_key_in_order() -> None:
    asked: list[list[int]] = []

    def ask(keys: list[int]) -> list[int]:
        asked.append(keys)
        return [k * 10 for k in keys]

    cache: dict[int, int] = {1: 10}
    assert answers_for(cache, [1, 2, 2, 3], ask, limit=2) == [10, 20, 20, 30]
    assert asked == [[2, 3]] and len(cache) <= 2
