"""The body atlas: outlines, muscles, fascia, surface segments, caution zones, landmarks.

Load it once with :func:`load_atlas`; look points up with ``atlas["back"].locate(x, y)``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping

from bodymap import resources
from bodymap.atlas.check import check_atlas, required_landmarks
from bodymap.atlas.compact import loads_compact
from bodymap.atlas.index import MIDLINE_X, SNAP_DISTANCE, ViewAtlas
from bodymap.atlas.loader import AtlasError, ViewData, parse_view
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
    "read_view",
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
    """The shipped atlas, read and indexed once per process: from its compact form when
    that was made from the GeoJSON as it is, else from the GeoJSON itself."""
    return Atlas({view: ViewAtlas(read_view(view)) for view in VIEWS})


def read_view(view: str) -> ViewData:
    """One view of the shipped atlas: its compact form if that was made from the GeoJSON
    as it is, else the GeoJSON parsed strictly."""
    name = f"{view}.geojson"
    text = resources.read_text("atlas", name)
    compact = resources.read_bytes("atlas", f"{view}.compact")
    data = loads_compact(compact, view, text) if compact is not None else None
    return data if data is not None else parse_view(text, f"atlas/{name}", view)
