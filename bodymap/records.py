"""The JSON shape of the core's frozen records, written once.

The advisor's answer and a session plan print as JSON on the command line (a contract);
their records list the fields they print, in order, and `fields_json` reads them.
"""

from __future__ import annotations

from typing import Any

__all__ = ["fields_json"]


def fields_json(record: object, *names: str) -> dict[str, Any]:
    """The named fields of ``record`` in that order, tuples as JSON lists.

    >>> from bodymap.advisor.model import RedFlagNote
    >>> fields_json(RedFlagNote("dvt", "See a clinician.", (0, 2)), "id", "spots")
    {'id': 'dvt', 'spots': [0, 2]}
    """
    out: dict[str, Any] = {}
    for name in names:
        value = getattr(record, name)
        out[name] = list(value) if isinstance(value, tuple) else value
    return out
