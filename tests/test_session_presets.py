"""The session presets are read strictly from their shipped data file."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bodymap import resources
from bodymap.resources import ResourceError
from bodymap.session.presets import PRESET_NAMES, PRESETS, parse_presets


def _shipped() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resources.read_text("session", "presets.json"))
    return data


def _with(name: str, **changes: Any) -> str:
    data = _shipped()
    data[name].update(changes)
    return json.dumps(data)


def test_the_shipped_presets_are_the_four_in_menu_order() -> None:
    assert PRESET_NAMES == ("warmup", "cooldown", "bedtime", "full")
    assert parse_presets(resources.read_text("session", "presets.json")) == PRESETS


def test_a_key_left_out_takes_the_default_and_null_means_no_bound() -> None:
    full = PRESETS["full"]
    assert (full.target_s, full.pass_s, full.min_passes) == (0, 0, 1)
    assert full.around_text.startswith("Roll slowly around the point")
    assert full.max_s is None and full.max_passes is None
    assert PRESETS["warmup"].tools == ("foam_roller", "ball")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "not valid JSON"),
        ("[]", "an object of presets by name"),
        ("{}", "an object of presets by name"),
        (json.dumps({"warmup": []}), "preset 'warmup' must be an object"),
        (_with("warmup", colour="red"), "unknown key\\(s\\) 'colour'"),
        (_with("cooldown", setup_s=-1), "'setup_s' must be a whole number of at least 0"),
        (_with("cooldown", setup_s=True), "'setup_s' must be a whole number"),
        (_with("cooldown", max_s=1.5), "'max_s' must be a whole number of at least 0, or null"),
        (_with("bedtime", label=" "), "'label' must be a non-empty string"),
        (_with("bedtime", tools=["spoon"]), "'tools' must be a non-empty list of tools"),
        (_with("bedtime", tools=[]), "'tools' must be a non-empty list of tools"),
        (_with("full", on_point="max"), "'on_point' must be one of low, mid, high"),
        (_with("full", around="none"), "'around' must be one of fill, pass, low, high"),
    ],
)
def test_a_malformed_preset_is_refused_with_its_name_and_key(text: str, message: str) -> None:
    with pytest.raises(ResourceError, match=message):
        parse_presets(text)


def test_a_missing_required_key_is_named() -> None:
    data = _shipped()
    del data["cooldown"]["beginner_max_s"]
    with pytest.raises(ResourceError, match="preset 'cooldown': missing key 'beginner_max_s'"):
        parse_presets(json.dumps(data))
