"""Build the knowledge tables' compact form (assets/knowledge/knowledge.compact.json).

Usage: ``python tools/build_knowledge.py`` writes the file from the TOML tables beside it
(each file's tables as JSON with the digest of the text they were made from, see
``bodymap.knowledge.compact``); ``--check`` exits 1 if the committed file differs from what
this script builds (the test suite runs the same check). Run it after editing any
``assets/knowledge/*.toml``: until then the program parses the edited files from their TOML
at start, which is correct, only slower.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bodymap.knowledge.compact import COMPACT_FILE, dumps_compact
from bodymap.knowledge.loader import TABLE_FILES

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = ROOT / "assets" / "knowledge"


def build(folder: Path = KNOWLEDGE) -> str:
    """The compact form of the table files in ``folder``."""
    return dumps_compact({n: (folder / n).read_text(encoding="utf-8") for n in TABLE_FILES})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="compare with the committed file instead of writing")  # fmt: skip
    args = parser.parse_args(argv)
    text = build()
    path = KNOWLEDGE / COMPACT_FILE
    if args.check:
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current != text:
            print(f"stale: {path} (run python tools/build_knowledge.py)")
            return 1
        return 0
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
