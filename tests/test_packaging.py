"""A plain, non-editable install finds its data: build the wheel, install it elsewhere, use it.

The fresh environment gets only shapely and numpy besides the wheel, which also proves the
command-line core runs without Qt installed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def _run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=600, env=env)
    assert proc.returncode == 0, f"{' '.join(cmd)}\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}"
    return proc


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the bodymap wheel installed; returns its bin folder."""
    work = tmp_path_factory.mktemp("wheel")
    _run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-w", str(work)], work)
    (wheel,) = work.glob("bodymap-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
    assert "bodymap/assets/atlas/front.geojson" in names
    assert any(n.startswith("bodymap/assets/knowledge/") for n in names)
    assert "bodymap/assets/session/presets.json" in names
    env_dir = work / "env"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bindir = env_dir / "bin"
    pip = [str(bindir / "python"), "-m", "pip", "install", "-q"]
    _run([*pip, "--no-deps", str(wheel)], work)
    _run([*pip, "shapely>=2", "numpy"], work)
    return bindir


def test_installed_wheel_locates_from_outside_the_source_tree(installed: Path, tmp_path) -> None:
    proc = _run([str(installed / "bodymap"), "landmarks", "--view", "back", "--json"], tmp_path)
    c7 = json.loads(proc.stdout)["c7"]
    proc = _run(
        [
            str(installed / "bodymap"),
            "locate",
            "--view",
            "back",
            str(c7[0] + 50),
            str(c7[1] + 12),
            "--json",
        ],
        tmp_path,
    )
    answer = json.loads(proc.stdout)
    assert answer["spots"][0]["regions"], "the installed atlas answered nothing"
    assert answer["sources"], "the installed knowledge answered nothing"


def test_installed_wheel_has_a_sound_atlas(installed: Path, tmp_path) -> None:
    proc = _run([str(installed / "bodymap"), "atlas", "check"], tmp_path)
    assert "atlas check: ok" in proc.stdout
