"""What the canvas says about a place on the body, in the status bar, tooltips and to screen
readers: the same words whether the place was reached by mouse or by keyboard."""

from __future__ import annotations

from bodymap.atlas import Hit

__all__ = ["NOT_ON_BODY", "VIEW_TITLES", "describe_hit"]

VIEW_TITLES = {"front": "Front", "back": "Back"}
NOT_ON_BODY = "Not on the body"


def describe_hit(hit: Hit) -> str:
    """One line for the status bar: main region with side, segment, caution zone. A point
    on the midline names no side: a spot there is both sides' (the spot list, the guide
    and ``bodymap add`` call it midline), though the region drawn under it is one side's."""
    region = hit.main_region
    if region is None:
        return NOT_ON_BODY
    plain = "midline" in (region.side, hit.side)
    parts = [region.name if plain else f"{region.name} ({region.side})"]
    if hit.segments:
        parts.append(hit.segments[0].name)
    if hit.cautions:
        parts.append("Caution: " + ", ".join(c.name for c in hit.cautions))
    return " · ".join(parts)
