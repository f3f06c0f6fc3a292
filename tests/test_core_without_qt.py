"""The core never imports Qt: the GUI and the command line share a Qt-free core."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import bodymap

CORE_PACKAGES = (
    "bodymap.atlas",
    "bodymap.knowledge",
    "bodymap.advisor",
    "bodymap.maps",
    "bodymap.guide",
    "bodymap.session",
)


def core_modules() -> list[str]:
    names = ["bodymap", "bodymap.cli", "bodymap.resources"]
    for info in pkgutil.walk_packages(bodymap.__path__, prefix="bodymap."):
        if not info.name.startswith("bodymap.ui") and info.name != "bodymap.__main__":
            names.append(info.name)
    return sorted(set(names))


def test_the_core_packages_exist() -> None:
    found = core_modules()
    for package in CORE_PACKAGES:
        assert package in found


def test_importing_every_core_module_loads_no_qt() -> None:
    script = (
        "import importlib, sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'PyQt5', 'PyQt6', 'shiboken6'):\n"
        "            raise ImportError('core imported ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        f"for name in {core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "from bodymap.atlas import load_atlas\n"
        "from bodymap.advisor import advise\n"
        "va = load_atlas()['back']\n"
        "print('ok', len(va.regions))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parent,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("ok")
