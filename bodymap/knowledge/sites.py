"""Turn landmark-anchored trigger-point sites into atlas points for one side."""

from __future__ import annotations

from collections.abc import Mapping

from bodymap.knowledge.model import TriggerPointSite
from bodymap.knowledge.names import SIDED_LANDMARKS

__all__ = ["landmark_name", "lateral_sign", "site_point"]


def landmark_name(name: str, view: str, side: str) -> str:
    """The atlas landmark id for ``name`` on ``side`` (``acromion`` → ``acromion_l``)."""
    if name in SIDED_LANDMARKS[view]:
        return f"{name}_{'l' if side == 'left' else 'r'}"
    return name


def lateral_sign(view: str, side: str) -> float:
    """+1 when "away from the midline" on ``side`` means growing x in ``view``, else -1."""
    right_is_low_x = view == "front"
    if side == "left":
        return 1.0 if right_is_low_x else -1.0
    return -1.0 if right_is_low_x else 1.0


def site_point(
    site: TriggerPointSite, side: str, landmarks: Mapping[str, tuple[float, float]]
) -> tuple[float, float]:
    """The point of ``site`` for a muscle on ``side``, from a view's landmarks.

    Raises ``KeyError`` naming the landmark when the view lacks it.
    """
    ax, ay = landmarks[landmark_name(site.a, site.view, side)]
    bx, by = landmarks[landmark_name(site.b, site.view, side)]
    x = ax + (bx - ax) * site.t + site.dx * lateral_sign(site.view, side)
    y = ay + (by - ay) * site.t + site.dy
    return (round(x, 1), round(y, 1))
