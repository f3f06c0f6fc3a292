"""A fresh application is made the way the program starts: Fusion style, bodymap's names,
fills in the painting thread unless the person's environment says otherwise, and the
person's own arguments left as they were."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow

PROBE = """
import json, sys
from bodymap.ui.app import make_application
argv = json.loads(sys.argv[1])
app = make_application(argv)
print(json.dumps([app.style().name(), app.applicationName(), app.arguments()[1:]]))
"""

FILLS = """
import os
from bodymap.ui.app import make_application
app = make_application([])
print(os.environ.get("QT_NO_GUI_THREADPOOL"))
"""


@pytest.mark.parametrize(
    ("argv", "rest"),
    [(None, []), ([], []), (["bodymap"], []), (["bodymap", "my.bodymap"], ["my.bodymap"])],
)
def test_a_new_application_is_fusion_styled_and_keeps_its_arguments(argv, rest) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_STYLE_OVERRIDE="windows")
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(argv)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    style, name, arguments = json.loads(proc.stdout.splitlines()[-1])
    assert (style, name, arguments) == ("fusion", "bodymap", rest)


@pytest.mark.parametrize(("given", "kept"), [(None, "1"), ("0", "0")])
def test_qt_fills_in_the_painting_thread_unless_the_environment_says_otherwise(given, kept) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("QT_NO_GUI_THREADPOOL", None)
    if given is not None:
        env["QT_NO_GUI_THREADPOOL"] = given
    proc = subprocess.run(
        [sys.executable, "-c", FILLS], env=env, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1] == kept
