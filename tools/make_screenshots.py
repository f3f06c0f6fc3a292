"""Regenerate the README's picture of the main window (docs/screenshot.png).

Runs ``bodymap screenshot docs/screenshot.png assets/examples/desk_worker.bodymap``
offscreen, with private settings so the user's remembered layout does not leak into it::

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


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="bodymap-shot-") as home:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=home)
        env["XDG_CONFIG_HOME"] = str(Path(home, "config"))
        env["XDG_DATA_HOME"] = str(Path(home, "data"))
        command = [sys.executable, "-m", "bodymap", "screenshot", str(OUT), str(EXAMPLE)]
        return subprocess.run(command, cwd=ROOT, env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
