"""Fuzzing the loader: whatever the bytes, the only failure is MapFileError, and the file on
disk is never touched."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bodymap.maps import MapFileError, TriggerPointMap, dumps_map, load_map, loads_map
from bodymap.resources import asset

SETTINGS = settings(
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=300,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
EXAMPLE = asset("examples", "desk_worker.bodymap").read_bytes()


def _load_or_error(data: bytes | str) -> TriggerPointMap | None:
    """Load; a MapFileError (one line) is fine, anything else fails the test."""
    try:
        return loads_map(data)
    except MapFileError as exc:
        assert str(exc) and "\n" not in str(exc)
        return None


@pytest.mark.slow
@SETTINGS
@given(st.binary(max_size=2000))
def test_random_bytes(data: bytes) -> None:
    _load_or_error(data)


@pytest.mark.slow
@SETTINGS
@given(st.text(max_size=500))
def test_random_text(text: str) -> None:
    _load_or_error(text)


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=10)
    | st.sampled_from(["front", "back", "right", "ache", "bodymap-map", "2025-03-03T18:00:00Z"]),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@pytest.mark.slow
@SETTINGS
@given(JSON_VALUES)
def test_random_json(value: object) -> None:
    _load_or_error(json.dumps(value))


def test_every_truncation_of_a_valid_file_is_refused() -> None:
    end = len(EXAMPLE.rstrip())
    for cut in range(end):
        with pytest.raises(MapFileError):
            loads_map(EXAMPLE[:cut])


@pytest.mark.slow
@settings(SETTINGS, max_examples=150)
@given(st.lists(st.tuples(st.integers(0, len(EXAMPLE) - 1), st.integers(1, 255)), min_size=1,
                max_size=4))  # fmt: skip
def test_flipped_bytes_in_a_file_on_disk(tmp_path: Path, flips: list[tuple[int, int]]) -> None:
    data = bytearray(EXAMPLE)
    for position, mask in flips:
        data[position] ^= mask
    path = tmp_path / "flipped.bodymap"
    path.write_bytes(bytes(data))
    mtime = path.stat().st_mtime_ns
    try:
        load_map(path)
    except MapFileError as exc:
        assert str(exc).startswith("flipped.bodymap: ") and "\n" not in str(exc)
    assert path.read_bytes() == data and path.stat().st_mtime_ns == mtime
    assert [p.name for p in tmp_path.iterdir()] == ["flipped.bodymap"]


# -- structural mutations: walk to a random place in the JSON tree and break it -------------------
REPLACEMENTS = st.sampled_from(
    [None, True, False, 0, -1, 11, 5.5, 1e308, -1e308, 10**40, math.nan, math.inf, "", "x" * 3000,
     "NaN", [], {}, [1], {"a": 1}, "2025-02-30T00:00:00Z", "\u0000", "back", "numb"]
)  # fmt: skip


def _containers(node: Any, found: list[Any]) -> list[Any]:
    if isinstance(node, dict | list):
        found.append(node)
        for child in node.values() if isinstance(node, dict) else node:
            _containers(child, found)
    return found


@pytest.mark.slow
@settings(SETTINGS, max_examples=400)
@given(st.data())
def test_mutated_valid_files(data: st.DataObject) -> None:
    doc = json.loads(EXAMPLE)
    for _ in range(data.draw(st.integers(1, 3))):
        containers = _containers(doc, [])
        target = data.draw(st.sampled_from(containers))
        action = data.draw(st.sampled_from(["replace", "delete", "add", "duplicate"]))
        if isinstance(target, dict):
            keys = list(target)
            key = data.draw(st.sampled_from(keys)) if keys else "k"
        else:
            key = data.draw(st.integers(0, max(0, len(target) - 1)))
        if action == "replace" and (isinstance(target, dict) or target):
            target[key] = data.draw(REPLACEMENTS)
        elif action == "delete" and ((isinstance(target, dict) and keys) or target):
            del target[key]
        elif action == "add" and isinstance(target, dict):
            target[data.draw(st.text(max_size=6))] = data.draw(REPLACEMENTS)
        elif action == "duplicate" and isinstance(target, list) and target:
            target.append(json.loads(json.dumps(target[key])))
    text = json.dumps(doc, allow_nan=True)
    loaded = _load_or_error(text)
    if loaded is not None:  # what loads must also save and load back the same
        assert loads_map(dumps_map(loaded)) == loaded
