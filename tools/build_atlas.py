"""Build the body atlas GeoJSON (assets/atlas/{front,back}.geojson) from landmarks.

Usage: ``python tools/build_atlas.py`` writes the files, and beside each the compact form
the program starts from (``{view}.compact``: the GeoJSON's geometry as WKB, see
``bodymap.atlas.compact``); ``--check`` exits 1 if the committed files differ from what
this script builds (the test suite runs the same check). The geometry lives in
``tools/atlas_build/``; nothing here is random, so output is exact.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from atlas_build.geojson import build_view, dumps

from bodymap.atlas.compact import dumps_compact
from bodymap.atlas.loader import parse_view

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "assets" / "atlas"
VIEWS = ("front", "back")


def build() -> dict[str, str]:
    """The GeoJSON text of every view, keyed by view name."""
    return {view: dumps(build_view(view)) for view in VIEWS}


def compact(view: str, text: str) -> bytes:
    """The compact form of one view's GeoJSON text (parsed as strictly as the program does)."""
    return dumps_compact(parse_view(text, f"atlas/{view}.geojson", view), text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="compare with the committed files instead of writing")  # fmt: skip
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output folder")
    args = parser.parse_args(argv)
    texts = build()
    stale = []
    for view, text in texts.items():
        path = args.out / f"{view}.geojson"
        packed = args.out / f"{view}.compact"
        if args.check:
            current = path.read_text(encoding="utf-8") if path.is_file() else None
            if current != text:
                stale.append(str(path))
            if not packed.is_file() or packed.read_bytes() != compact(view, text):
                stale.append(str(packed))
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            packed.write_bytes(compact(view, text))
            print(f"wrote {path} and {packed.name}")
    if stale:
        print("atlas out of date (run tools/build_atlas.py): " + ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
