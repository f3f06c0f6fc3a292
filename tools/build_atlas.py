"""Build the body atlas GeoJSON (assets/atlas/{front,back}.geojson) from landmarks.

Usage: ``python tools/build_atlas.py`` writes the files; ``--check`` exits 1 if the
committed files differ from what this script builds (the test suite runs the same check).
The geometry lives in ``tools/atlas_build/``; nothing here is random, so output is exact.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from atlas_build.geojson import build_view, dumps

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "assets" / "atlas"
VIEWS = ("front", "back")


def build() -> dict[str, str]:
    """The GeoJSON text of every view, keyed by view name."""
    return {view: dumps(build_view(view)) for view in VIEWS}


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
        if args.check:
            current = path.read_text(encoding="utf-8") if path.is_file() else None
            if current != text:
                stale.append(str(path))
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
    if stale:
        print("atlas out of date (run tools/build_atlas.py): " + ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
