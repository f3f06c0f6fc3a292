"""Cold start, side by side with a floor program (docs/PRODUCT.md: ≤ 1.6 × the floor).

The floor is the least any program like this can do: import shapely and numpy, make a
QApplication and show a bare main window. bodymap's round starts as the program does
(``bodymap.ui.app.run_gui``, with Python's cycle collector paused until the event loop
runs), imports the GUI, builds the window, opens the desk-worker example and shows it. Each
round is a fresh process (offscreen, private settings and data folders, bytecode cached as
an installed program has it); the two programs alternate so both see the same machine. The
figures are CPU seconds (user + system) from ``os.wait4``, and each child's own peak memory
(VmHWM).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from pathlib import Path

import pytest

RATIO_LIMIT = 1.6
MEMORY_LIMIT_MB = 150
ROUNDS = 7
ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "assets" / "examples" / "desk_worker.bodymap"

PEAK = """
def PEAK():
    # this program's own high-water mark (VmHWM starts afresh at exec, unlike ru_maxrss,
    # which would count the forked copy of the test runner)
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0
"""

FLOOR = (
    PEAK
    + """
import sys
import numpy, shapely
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication([])
window = QMainWindow()
window.resize(1200, 800)
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
print(PEAK())
"""
)

BODYMAP = (
    PEAK
    + """
import gc
import sys
gc.disable()  # as the command line does before it imports the GUI
from bodymap.ui.app import hold_collection, make_application  # before Qt, as in run_gui
from bodymap.ui.window.mainwindow import MapWindow
from PySide6.QtCore import QTimer

app = make_application([])
hold_collection()  # as run_gui does: collect cycles again once the event loop runs
window = MapWindow(remember=False)
window.document.open(sys.argv[1])
window.show()

def shown():
    assert window.isVisible() and window.canvas.spot_items()
    window.document.close()
    app.quit()

QTimer.singleShot(0, shown)
app.exec()
print(PEAK())
"""
)


def _environment(home: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home))
    for var, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data")):
        (home / sub).mkdir(parents=True, exist_ok=True)
        env[var] = str(home / sub)
    env.pop("PYTHONSTARTUP", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed program has its bytecode
    env["PYTHONPYCACHEPREFIX"] = str(home / "pycache")
    return env


def _run(code: str, env: dict[str, str]) -> tuple[float, float]:
    """CPU seconds and peak memory (MB) of one child running ``code``."""
    child = subprocess.Popen(
        [sys.executable, "-c", code, str(EXAMPLE)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    out = child.stdout.read().decode() if child.stdout else ""
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    errors = child.stderr.read().decode() if child.stderr else ""
    for stream in (child.stdout, child.stderr):
        if stream:
            stream.close()
    assert child.returncode == 0, errors
    return usage.ru_utime + usage.ru_stime, float(out.split()[-1])


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    environment = _environment(tmp_path)
    for code in (FLOOR, BODYMAP):  # warm the bytecode cache and the file cache
        _run(code, environment)
    return environment


def test_bench_startup(benchmark, env: dict[str, str]) -> None:
    floor: list[tuple[float, float]] = []
    ours: list[tuple[float, float]] = []

    def side_by_side() -> None:
        floor.append(_run(FLOOR, env))
        ours.append(_run(BODYMAP, env))

    benchmark.pedantic(side_by_side, rounds=ROUNDS, iterations=1)
    floor_cpu = statistics.median(cpu for cpu, _ in floor)
    our_cpu = statistics.median(cpu for cpu, _ in ours)
    benchmark.extra_info["floor_cpu_s"] = round(floor_cpu, 3)
    benchmark.extra_info["bodymap_cpu_s"] = round(our_cpu, 3)
    benchmark.extra_info["ratio"] = round(our_cpu / floor_cpu, 2)
    benchmark.extra_info["ratio_limit"] = RATIO_LIMIT
    benchmark.extra_info["floor_peak_mb"] = round(max(mb for _, mb in floor), 1)
    benchmark.extra_info["bodymap_peak_mb"] = round(max(mb for _, mb in ours), 1)
    benchmark.extra_info["memory_limit_mb"] = MEMORY_LIMIT_MB
    print(
        f"\ncold start: bodymap {our_cpu:.3f} s CPU vs floor {floor_cpu:.3f} s "
        f"= {our_cpu / floor_cpu:.2f} x (limit {RATIO_LIMIT}); peak memory "
        f"{max(mb for _, mb in ours):.0f} MB vs {max(mb for _, mb in floor):.0f} MB"
    )
