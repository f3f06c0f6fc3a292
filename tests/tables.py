"""Knowledge tables parsed as the program reads them, for tests that edit some of them.

A test that checks the loader on an edited table parses the shipped tables beside it too;
parsing the 48 kB cautions table from TOML took about 10 ms each time. Here, as in
``load_knowledge``, a file whose text is exactly as shipped comes from the compact form,
and only edited files are parsed from their TOML (so their errors read as in the program).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from bodymap.knowledge.compact import COMPACT_FILE, loads_compact
from bodymap.knowledge.loader import TABLE_FILES, parse_knowledge
from bodymap.resources import read_bytes, read_text


@functools.cache
def _shipped() -> tuple[dict[str, str], dict[str, dict[str, Any]]]:
    texts = {name: read_text("knowledge", name) for name in TABLE_FILES}
    return texts, loads_compact(read_bytes("knowledge", COMPACT_FILE), texts)


def parse_tables(texts: Mapping[str, str], *, complete: bool = True) -> Any:
    """``parse_knowledge(texts, complete=...)``, each file as shipped read from its compact
    form."""
    shipped, parsed = _shipped()
    same = {name: parsed[name] for name, text in texts.items() if shipped.get(name) == text}
    return parse_knowledge(texts, complete=complete, parsed=same)
