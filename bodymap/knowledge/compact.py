"""The knowledge tables' compact form: each TOML file's parsed tables as JSON.

Parsing the TOML tables is most of what reading the knowledge costs at start (Python's TOML
parser is pure Python; its JSON parser is not), so ``tools/build_knowledge.py`` writes
``assets/knowledge/knowledge.compact.json``: for each table file, the SHA-256 digest of its
text and the tables ``tomllib`` parsed from that text.

The TOML stays the source: :func:`loads_compact` gives a file's tables only when they were
made from exactly the text given, file by file, so a table edited since the compact form was
built is parsed from its TOML as before (and errors in it are reported as before). The
tables are those ``tomllib`` made, so both ways give the same knowledge (a test compares
them, and says how to rebuild the compact form when it is stale).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

__all__ = ["COMPACT_FILE", "COMPACT_FORMAT", "COMPACT_VERSION", "dumps_compact", "loads_compact"]

COMPACT_FILE = "knowledge.compact.json"
COMPACT_FORMAT = "bodymap-knowledge-compact"
COMPACT_VERSION = 1


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def dumps_compact(texts: Mapping[str, str]) -> str:
    """The compact form of the table files ``texts`` (file name → TOML text). A table that
    JSON cannot hold exactly (a date, say) is refused with ValueError."""
    import tomllib  # building only: the program reads the JSON

    files: dict[str, dict[str, Any]] = {}
    for name in sorted(texts):
        data = tomllib.loads(texts[name])
        try:
            same = json.loads(json.dumps(data)) == data
        except TypeError:
            same = False
        if not same:
            raise ValueError(f"{name}: its tables cannot be held exactly as JSON")
        files[name] = {"sha256": _digest(texts[name]), "tables": data}
    compact = {"format": COMPACT_FORMAT, "version": COMPACT_VERSION, "files": files}
    return json.dumps(compact, ensure_ascii=True, sort_keys=True, separators=(",", ":")) + "\n"


def loads_compact(blob: bytes | None, texts: Mapping[str, str]) -> dict[str, dict[str, Any]]:
    """The parsed tables of those files in ``texts`` whose compact form in ``blob`` was made
    from exactly their text; none for a missing, damaged or older compact form."""
    if not blob:
        return {}
    try:
        compact = json.loads(blob)
    except ValueError:
        return {}
    if (
        not isinstance(compact, dict)
        or compact.get("format") != COMPACT_FORMAT
        or compact.get("version") != COMPACT_VERSION
        or not isinstance(compact.get("files"), dict)
    ):
        return {}
    found: dict[str, dict[str, Any]] = {}
    for name, text in texts.items():
        entry = compact["files"].get(name)
        if (
            isinstance(entry, dict)
            and isinstance(entry.get("tables"), dict)
            and entry.get("sha256") == _digest(text)
        ):
            found[name] = entry["tables"]
    return found
