"""Find bodymap's data files (atlas, knowledge, examples) wherever the package lives.

An installed wheel carries the top-level ``assets/`` folder inside the package as
``bodymap/assets``; a source checkout (or an editable install) keeps it beside the package.
Nothing here looks at the working directory.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__all__ = ["ResourceError", "asset", "asset_root", "read_bytes", "read_text"]


class ResourceError(RuntimeError):
    """A data file the program ships with is missing or unreadable."""


@functools.cache
def asset_root() -> Traversable:
    """The folder that holds the shipped assets.

    A package on the file system is looked at directly; importlib.resources (about 10 ms
    of imports at start-up) is asked only for one that is not, such as a zip archive."""
    package = Path(__file__).resolve().parent
    if (package / "assets").is_dir():
        return package / "assets"
    checkout = package.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "assets").is_dir():
        return checkout / "assets"
    from importlib import resources

    packaged = resources.files("bodymap").joinpath("assets")
    if packaged.is_dir():
        return packaged
    raise ResourceError("bodymap's assets folder is missing from this installation")


def asset(*parts: str) -> Traversable:
    """A shipped file, e.g. ``asset("atlas", "front.geojson")``."""
    node = asset_root()
    for part in parts:
        node = node.joinpath(part)
    if not node.is_file():
        raise ResourceError(f"bodymap asset {'/'.join(parts)} is missing")
    return node


@functools.cache
def read_text(*parts: str) -> str:
    """The text of a shipped file, read once."""
    try:
        return asset(*parts).read_text(encoding="utf-8")
    except OSError as exc:
        raise ResourceError(f"cannot read bodymap asset {'/'.join(parts)}: {exc}") from exc


def read_bytes(*parts: str) -> bytes | None:
    """The bytes of a shipped file, or None if it is missing or unreadable (for files the
    program can do without, such as the atlas's compact form)."""
    try:
        return asset(*parts).read_bytes()
    except (OSError, ResourceError):
        return None
