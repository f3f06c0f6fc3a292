"""Shipped data is found through the package, never through the working directory."""

from __future__ import annotations

import os

import pytest

from bodymap import resources


def test_assets_are_found_from_any_working_directory(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    text = resources.read_text("atlas", "front.geojson")
    assert '"FeatureCollection"' in text


def test_a_missing_asset_names_the_file() -> None:
    with pytest.raises(resources.ResourceError, match=r"atlas/nowhere\.geojson"):
        resources.asset("atlas", "nowhere.geojson")


def test_asset_root_is_a_folder_holding_the_atlas() -> None:
    root = resources.asset_root()
    assert root.joinpath("atlas").is_dir()
    assert os.fspath(root)  # a real path in a checkout or an installed wheel
