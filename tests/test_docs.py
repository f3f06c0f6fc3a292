"""The docs describe the code as it is: every path they name exists, and every module of
the core's parts and of the GUI's is named in docs/ARCHITECTURE.md's table for its package,
so a newcomer reading the table meets every file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARCHITECTURE = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
TABLED = [
    "session",
    "guide",
    *sorted(p.parent.relative_to(ROOT / "bodymap").as_posix()
            for p in (ROOT / "bodymap" / "ui").glob("*/__init__.py")),
]  # fmt: skip


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_path_the_docs_name_exists(doc: Path) -> None:
    text = doc.read_text(encoding="utf-8")
    named = re.findall(r"`([\w./-]+/[\w.-]+\.(?:py|toml|json|md|geojson|compact))(?:::\w+)?`", text)
    gone = [
        path
        for path in named
        # a path outside the checkout (the shared sample check beside it) is not the docs'
        if not path.startswith("../")
        and not any((base / path).exists() for base in (ROOT, ROOT / "bodymap", ROOT / "tests"))
    ]
    assert not gone, gone


@pytest.mark.parametrize("package", TABLED)
def test_every_module_is_named_in_its_packages_row(package: str) -> None:
    rows = [line for line in ARCHITECTURE.splitlines() if line.startswith(f"| `{package}/`")]
    assert len(rows) == 1, package
    listed = rows[0].split(" | ")[1]
    modules = sorted(p.name for p in (ROOT / "bodymap" / package).glob("*.py"))
    unnamed = [m for m in modules if m != "__init__.py" and f"`{m}`" not in listed]
    assert not unnamed, (package, unnamed)
