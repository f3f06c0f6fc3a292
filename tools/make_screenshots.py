"""Regenerate the README's pictures: the main window (docs/screenshot.png) and the heat
map's recent change over a ten-year map (docs/heat-map-10-years-change.png).

Runs ``bodymap screenshot docs/screenshot.png assets/examples/desk_worker.bodymap``
offscreen, with private settings so the user's remembered layout does not leak into it,
then draws the heat map of the benchmarks' ten-year map (``benchmarks/history_maps.py``)
in its Recent change view::

    python tools/make_screenshots.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshot.png"
EXAMPLE = ROOT / "assets" / "examples" / "desk_worker.bodymap"
HEAT_OUT = ROOT / "docs" / "heat-map-10-years-change.png"


def heat_map_change() -> None:
    """The heat map's Recent change view of a ten-year, hundred-spot map."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from history_maps import long_map
    from PySide6.QtWidgets import QApplication

    from bodymap.ui.history.heatmap import HeatMapDialog

    app = QApplication.instance() or QApplication([])
    dialog = HeatMapDialog(long_map())
    dialog.set_mode("change")
    dialog.view.export_png(HEAT_OUT)
    dialog.deleteLater()
    del app


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="bodymap-shot-") as home:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=home)
        env["XDG_CONFIG_HOME"] = str(Path(home, "config"))
        env["XDG_DATA_HOME"] = str(Path(home, "data"))
        command = [sys.executable, "-m", "bodymap", "screenshot", str(OUT), str(EXAMPLE)]
        status = subprocess.run(command, cwd=ROOT, env=env, check=False).returncode
    heat_map_change()
    return status


if __name__ == "__main__":
    sys.exit(main())
