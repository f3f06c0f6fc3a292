"""The knowledge tables' compact form: built from the TOML as it is, the same knowledge
either way, and ignored file by file where it is stale or damaged."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from bodymap import resources
from bodymap.knowledge import load_knowledge
from bodymap.knowledge.compact import COMPACT_FILE, dumps_compact, loads_compact
from bodymap.knowledge.fields import KnowledgeError
from bodymap.knowledge.loader import ADVICE_FILE, TABLE_FILES, parse_knowledge

ROOT = Path(__file__).resolve().parent.parent
NAMES = TABLE_FILES
REBUILD = "the knowledge tables changed: run `python tools/build_knowledge.py` and commit"


def builder():
    spec = importlib.util.spec_from_file_location(
        "build_knowledge", ROOT / "tools" / "build_knowledge.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return {n: resources.read_text("knowledge", n) for n in NAMES}


@pytest.fixture(scope="module")
def blob() -> bytes:
    data = resources.read_bytes("knowledge", COMPACT_FILE)
    assert data is not None, REBUILD
    return data


def test_the_committed_compact_form_is_what_the_tool_builds(blob: bytes) -> None:
    assert blob.decode("utf-8") == builder().build(), REBUILD


def test_every_shipped_table_is_read_from_the_compact_form(texts, blob) -> None:
    assert set(loads_compact(blob, texts)) == set(NAMES), REBUILD


def test_the_same_knowledge_from_the_compact_form_and_from_the_toml(texts, blob) -> None:
    from_toml = parse_knowledge(texts)
    from_compact = parse_knowledge(texts, parsed=loads_compact(blob, texts))
    assert from_compact == from_toml
    assert load_knowledge() == from_toml


def test_an_edited_table_is_parsed_from_its_toml(texts, blob) -> None:
    edited = dict(texts)
    edited[ADVICE_FILE] = texts[ADVICE_FILE].replace("disclaimer =", "disclaimer = 'Edited.'\nx =")
    parsed = loads_compact(blob, edited)
    assert ADVICE_FILE not in parsed and set(parsed) == set(NAMES) - {ADVICE_FILE}
    # the edit (an unknown key) is found as it would be without a compact form
    with pytest.raises(KnowledgeError, match=r"advice\.toml"):
        parse_knowledge(edited, parsed=parsed)


def test_an_edited_table_with_broken_toml_is_reported_as_before(texts, blob) -> None:
    edited = dict(texts)
    edited["trunk.toml"] = texts["trunk.toml"] + "\n[[muscle]\n"
    with pytest.raises(KnowledgeError, match=r"trunk\.toml: not valid TOML"):
        parse_knowledge(edited, parsed=loads_compact(blob, edited))


@pytest.mark.parametrize(
    "damaged",
    [
        None,
        b"",
        b"{not json",
        b"[]",
        json.dumps({"format": "bodymap-knowledge-compact", "version": 0, "files": {}}).encode(),
        json.dumps({"format": "other", "version": 1, "files": {}}).encode(),
    ],
)
def test_a_missing_damaged_or_older_compact_form_gives_nothing(texts, damaged) -> None:
    assert loads_compact(damaged, texts) == {}


def test_a_compact_entry_of_the_wrong_shape_is_ignored(texts, blob) -> None:
    compact = json.loads(blob)
    compact["files"]["trunk.toml"]["tables"] = ["not", "tables"]
    parsed = loads_compact(json.dumps(compact).encode(), texts)
    assert "trunk.toml" not in parsed and len(parsed) == len(NAMES) - 1


def test_tables_json_cannot_hold_exactly_are_refused() -> None:
    with pytest.raises(ValueError, match=r"dates\.toml"):
        dumps_compact({"dates.toml": "when = 2024-01-01\n"})
    assert json.loads(dumps_compact({"a.toml": "x = 1.5\ny = [1, 'b']\n"}))["files"]["a.toml"][
        "tables"
    ] == {"x": 1.5, "y": [1, "b"]}


def test_check_mode_reports_a_stale_file(tmp_path, monkeypatch, capsys) -> None:
    tool = builder()
    assert tool.main(["--check"]) == 0
    stale = tmp_path / COMPACT_FILE
    stale.write_text("{}\n", encoding="utf-8")
    monkeypatch.setattr(tool, "KNOWLEDGE", tmp_path)
    assert tool.main(["--check"]) == 1
    assert "run python tools/build_knowledge.py" in capsys.readouterr().out
