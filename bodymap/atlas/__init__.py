"""The body atlas: outlines, muscles, fascia, surface segments, caution zones, landmarks.

Load it once with :func:`load_atlas`; look points up with ``atlas["back"].locate(x, y)``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping

from bodymap import resources
from bodymap.atlas.check import check_atlas, required_landmarks
from bodymap.atlas.index import MIDLINE_X, SNAP_DISTANCE, ViewAtlas
from bodymap.atlas.loader import AtlasError, parse_view
from bodymap.atlas.model import CAUTION_ZONES, SIDES, VIEWS, Hit, Region, mirror_side

__all__ = [
    "CAUTION_ZONES",
    "MIDLINE_X",
    "SIDES",
    "SNAP_DISTANCE",
    "VIEWS",
    "Atlas",
    "AtlasError",
    "Hit",
    "Region",
    "ViewAtlas",
    "check_atlas",
    "load_atlas",
    "mirror_side",
    "required_landmarks",
]


class Atlas(Mapping[str, ViewAtlas]):
    """Both views of the atlas, by view name."""

    def __init__(self, views: dict[str, ViewAtlas]) -> None:
        self._views = views

    def __getitem__(self, view: str) -> ViewAtlas:
        return self._views[view]

    def __iter__(self) -> Iterator[str]:
        return iter(self._views)

    def __len__(self) -> int:
        return len(self._views)

    def check(self) -> list[str]:
        """Every problem with the atlas (empty when sound)."""
        return check_atlas(self._views)


@functools.cache
def load_atlas() -> Atlas:
    """The shipped atlas, read and indexed once per process."""
    views = {}
    for view in VIEWS:
        name = f"{view}.geojson"
        text = resources.read_text("atlas", name)
        views[view] = ViewAtlas(parse_view(text, f"atlas/{name}", view))
    return Atlas(views)
