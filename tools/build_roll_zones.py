"""Build the roll zones' compact form (assets/atlas/roll_zones.compact).

Usage: ``python tools/build_roll_zones.py`` computes every muscle's roll zone from the
shipped atlas and knowledge and writes them (as WKB, see ``bodymap.advisor.zones_compact``);
``--check`` exits 1 if the committed file differs from what this script builds (the test
suite runs the same check). Run it after ``tools/build_atlas.py`` or after editing a
muscle's tool or a caution zone's tools or margin in ``assets/knowledge/*.toml``: until then the
program computes the zones itself when first asked, which is correct, only slower.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bodymap.advisor.zones_compact import ZONES_FILE, dumps_zones
from bodymap.atlas import load_atlas
from bodymap.knowledge import load_knowledge

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "assets" / "atlas" / ZONES_FILE


def build() -> bytes:
    """The compact form of the shipped atlas's roll zones."""
    return dumps_zones(load_atlas(), load_knowledge())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="compare with the committed file instead of writing")  # fmt: skip
    args = parser.parse_args(argv)
    blob = build()
    if args.check:
        if not OUT.is_file() or OUT.read_bytes() != blob:
            print(f"stale: {OUT} (run python tools/build_roll_zones.py)")
            return 1
        return 0
    OUT.write_bytes(blob)
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
