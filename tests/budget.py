"""How many examples a Hypothesis test tries: its full count in the whole suite (plain
``pytest``, which CI runs), a quarter of it in the fast lane (``-m "not slow"``).

conftest.py loads the "fast" profile for the fast lane; its ``max_examples`` is a quarter
of Hypothesis's default, so tests that keep the default get a quarter through the profile
and tests that name their own count get a quarter through `examples`.
"""

from __future__ import annotations

from hypothesis import settings

DEFAULT_EXAMPLES = 100
"""Hypothesis's own ``max_examples``, which the whole suite keeps."""
FAST_EXAMPLES = 25
"""The fast lane's ``max_examples`` (the "fast" profile's)."""


def examples(full: int) -> int:
    """``full`` in the whole suite; scaled as the fast profile scales the default there,
    never below 10."""
    current = settings().max_examples
    if current >= DEFAULT_EXAMPLES:
        return full
    return max(10, full * current // DEFAULT_EXAMPLES)
