"""What the History chart and the heat map say before the first check-in: how to make
one, which on a map without spots starts with marking a spot (Edit → Check In… waits
for one)."""

from __future__ import annotations

from bodymap.maps import TriggerPointMap

__all__ = ["NO_CHECKINS", "how_to_check_in"]

NO_CHECKINS = "No check-ins yet."


def how_to_check_in(tpm: TriggerPointMap) -> str:
    """The next step towards a first check-in on ``tpm``.

    >>> how_to_check_in(TriggerPointMap("Empty"))
    'Mark where it hurts, then use Edit → Check In… to log how your spots feel.'
    """
    if not tpm.spots:
        return "Mark where it hurts, then use Edit → Check In… to log how your spots feel."
    return "Use Edit → Check In… to log how your spots feel."
