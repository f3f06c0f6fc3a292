"""The shipped example maps and the published format description agree with the loader."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from bodymap.maps import PAIN_KINDS, SIDES, VIEWS, fileformat, load_map, loads_map, side_for
from bodymap.maps import values as limits
from bodymap.maps.area import MAX_AREA_VERTICES
from bodymap.resources import asset, asset_root

DOCS = Path(__file__).resolve().parent.parent / "docs"
EXAMPLES = sorted(p.name for p in asset_root().joinpath("examples").iterdir()
                  if p.name.endswith(".bodymap"))  # fmt: skip
SCHEMA = json.loads((DOCS / "bodymap-map.schema.json").read_text(encoding="utf-8"))

# Where the example spots may sit (x range, y range) per view, from the atlas landmarks.
BODY_FRAME = {"front": ((400.0, 600.0), (40.0, 990.0)), "back": ((380.0, 620.0), (150.0, 990.0))}


def test_both_examples_ship() -> None:
    assert {"desk_worker.bodymap", "runner.bodymap"} <= set(EXAMPLES)


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_example_loads_and_is_written_as_bodymap_writes(name: str) -> None:
    text = asset("examples", name).read_text(encoding="utf-8")
    tpm = loads_map(text)
    assert fileformat.dumps_map(tpm) == text  # saved by the current bodymap, byte for byte
    assert len(tpm.spots) >= 5
    days = {c.at.date() for c in tpm.history}
    assert 4 <= len(days) <= 5
    for number, spot in enumerate(tpm.spots, start=1):
        (x0, x1), (y0, y1) = BODY_FRAME[spot.view]
        assert x0 <= spot.x <= x1 and y0 <= spot.y <= y1, f"{name} spot {number} is off the body"
        assert spot.side == side_for(spot.view, spot.x), f"{name} spot {number} side"
        assert tpm.trend(spot.id), f"{name} spot {number} has no check-ins"
        assert spot.intensity == tpm.trend(spot.id)[-1][1]  # current = latest reading
    assert tpm.modified >= max(c.at for c in tpm.history)


def test_example_files_load_from_disk_unchanged(tmp_path: Path) -> None:
    for name in EXAMPLES:
        path = tmp_path / name
        path.write_bytes(asset("examples", name).read_bytes())
        load_map(path)
        assert path.read_bytes() == asset("examples", name).read_bytes()


# -- the JSON Schema -------------------------------------------------------------------------------
def test_schema_is_draft_2020_12_with_the_loaders_keys_and_limits() -> None:
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    defs = SCHEMA["$defs"]
    spot, history = defs["spot"], defs["history"]
    assert tuple(SCHEMA["required"]) == fileformat.TOP_KEYS
    assert tuple(spot["required"]) == fileformat.SPOT_KEYS
    assert tuple(history["required"]) == fileformat.HISTORY_KEYS
    assert tuple(defs["press_test"]["required"]) == fileformat.ANSWER_KEYS
    assert tuple(defs["session"]["required"]) == fileformat.SESSION_KEYS
    optional = {id(spot): set(fileformat.SPOT_OPTIONAL_KEYS)}
    for schema in (SCHEMA, spot, history, defs["press_test"], defs["session"]):
        assert schema["additionalProperties"] is False
        assert set(schema["properties"]) == set(schema["required"]) | optional.get(
            id(schema), set()
        )
    assert tuple(defs["press_test"]["properties"]["answer"]["enum"]) == limits.ANSWERS
    assert tuple(defs["session"]["properties"]["preset"]["enum"]) == limits.PRESETS
    assert SCHEMA["properties"]["press_tests"]["maxItems"] == limits.MAX_ANSWERS
    assert SCHEMA["properties"]["sessions"]["maxItems"] == limits.MAX_SESSIONS
    assert history["properties"]["checkins"]["maxItems"] == limits.MAX_CHECKINS
    assert defs["ring"]["maxItems"] == MAX_AREA_VERTICES
    props = spot["properties"]
    assert tuple(props["view"]["enum"]) == VIEWS and tuple(defs["side"]["enum"]) == SIDES
    assert tuple(props["kind"]["enum"]) == PAIN_KINDS
    assert (props["x"]["minimum"], props["x"]["maximum"]) == limits.X_RANGE
    assert (props["y"]["minimum"], props["y"]["maximum"]) == limits.Y_RANGE
    assert props["note"]["maxLength"] == limits.MAX_NOTE_LENGTH
    assert SCHEMA["properties"]["spots"]["maxItems"] == limits.MAX_SPOTS
    assert SCHEMA["properties"]["name"]["maxLength"] == limits.MAX_NAME_LENGTH
    assert SCHEMA["$defs"]["intensity"] == {"type": "integer", "minimum": 0, "maximum": 10}
    assert SCHEMA["properties"]["version"]["const"] == fileformat.CURRENT_VERSION


_TYPES: dict[str, Any] = {"object": dict, "array": list, "string": str, "null": type(None)}


def schema_errors(value: Any, schema: dict[str, Any], where: str = "$") -> list[str]:
    """A small JSON Schema checker for the keywords our schema uses (it refuses others, so
    the schema cannot grow a rule this test silently ignores)."""
    if "$ref" in schema:
        return schema_errors(value, SCHEMA["$defs"][schema["$ref"].split("/")[-1]], where)
    errors: list[str] = []
    for key, rule in schema.items():
        if key in {"$schema", "$id", "$defs", "title", "description", "format"}:
            continue
        if key == "type":
            if rule in ("number", "integer"):
                ok = isinstance(value, int | float) and not isinstance(value, bool)
                ok = ok and (rule == "number" or float(value).is_integer())
            else:
                ok = isinstance(value, _TYPES[rule])
            if not ok:
                return [f"{where}: not {rule}"]
        elif (key == "const" and value != rule) or (key == "enum" and value not in rule):
            errors.append(f"{where}: {value!r} not allowed")
        elif key == "required" and isinstance(value, dict):
            errors += [f"{where}: missing {k}" for k in rule if k not in value]
        elif key == "properties" and isinstance(value, dict):
            for k, sub in rule.items():
                if k in value:
                    errors += schema_errors(value[k], sub, f"{where}.{k}")
        elif key == "additionalProperties" and isinstance(value, dict):
            extra = [k for k in value if k not in schema.get("properties", {})]
            for k in extra:
                errors += [f"{where}: extra {k}"] if rule is False else schema_errors(
                    value[k], rule, f"{where}.{k}")  # fmt: skip
        elif key == "propertyNames" and isinstance(value, dict):
            for k in value:
                errors += schema_errors(k, rule, f"{where}[{k!r}]")
        elif key == "items" and isinstance(value, list):
            for i, item in enumerate(value):
                errors += schema_errors(item, rule, f"{where}[{i}]")
        elif key == "prefixItems" and isinstance(value, list):
            for i, (item, sub) in enumerate(zip(value, rule, strict=False)):
                errors += schema_errors(item, sub, f"{where}[{i}]")
        elif key == "oneOf":
            matches = sum(not schema_errors(value, sub, where) for sub in rule)
            if matches != 1:
                errors.append(f"{where}: matches {matches} of oneOf")
        elif key == "maxItems" and isinstance(value, list) and len(value) > rule:
            errors.append(f"{where}: too many items")
        elif key == "minItems" and isinstance(value, list) and len(value) < rule:
            errors.append(f"{where}: too few items")
        elif key in ("minLength", "maxLength", "pattern", "minimum", "maximum"):
            errors += _scalar_rule(value, key, rule, where)
        elif key not in {"required", "properties", "additionalProperties", "propertyNames",
                         "items", "maxItems", "minItems", "prefixItems", "oneOf", "const",
                         "enum"}:  # fmt: skip
            raise AssertionError(f"the test's schema checker does not know {key!r}")
    return errors


def _scalar_rule(value: Any, key: str, rule: Any, where: str) -> list[str]:
    if isinstance(value, str):
        bad = (key == "minLength" and len(value) < rule) or (
            key == "maxLength" and len(value) > rule
        )
        bad = bad or (key == "pattern" and not re.search(rule, value))
    elif isinstance(value, int | float):
        bad = (key == "minimum" and value < rule) or (key == "maximum" and value > rule)
    else:
        bad = False
    return [f"{where}: fails {key}"] if bad else []


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_example_validates_against_the_schema(name: str) -> None:
    assert schema_errors(json.loads(asset("examples", name).read_bytes()), SCHEMA) == []


@pytest.mark.parametrize(
    ("path", "value"),
    [(("spots", 0, "intensity"), 11), (("spots", 0, "kind"), "stab"), (("spots", 0, "x"), 1001),
     (("spots", 1, "extra"), 1), (("version",), 3), (("history", "columns", 0), "a b"),
     (("history", "checkins", 0, 1), "5X"),
     (("history", "checkins", 0), ["2025-04-07T19:15:00Z", "6", 7]),
     (("spots", 0, "area"), {"type": "Point", "coordinates": [1, 2]}),
     (("press_tests",), [{"spot": "heel-r", "muscle": "soleus", "side": "up", "answer": "yes",
                          "at": "2025-04-08T06:30:00Z"}]),
     (("sessions",), [{"preset": "nap", "start": "2025-04-08T06:30:00Z", "duration_s": 60,
                       "steps_done": 1}]),
     (("spots", 0, "note"), "n" * 2001), (("name",), "")],
)  # fmt: skip
def test_schema_and_loader_refuse_the_same_mistakes(path: tuple[Any, ...], value: Any) -> None:
    data = json.loads(asset("examples", "runner.bodymap").read_bytes())
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    assert schema_errors(data, SCHEMA)
    with pytest.raises(fileformat.MapFileError):
        loads_map(json.dumps(data))


def test_the_format_page_describes_every_field() -> None:
    text = (DOCS / "map-format.md").read_text(encoding="utf-8")
    keys = {*fileformat.TOP_KEYS, *fileformat.SPOT_KEYS, *fileformat.SPOT_OPTIONAL_KEYS}
    keys |= {*fileformat.HISTORY_KEYS, *fileformat.ANSWER_KEYS, *fileformat.SESSION_KEYS}
    for key in keys:
        assert f"`{key}`" in text, key
    for phrase in ("update bodymap to open it", ".bak", ".bodymap-recovery", "Migration 0 → 1",
                   "Migration 1 → 2", "contradicts"):  # fmt: skip
        assert phrase in text
