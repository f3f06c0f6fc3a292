"""The printed spot table shows a spot's caution whole, never cut mid-sentence."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from bodymap.atlas import load_atlas
from bodymap.maps import TriggerPointMap, add_spot

PDFTOTEXT = shutil.which("pdftotext")


def first_page_text(path: Path) -> str:
    if PDFTOTEXT is None:
        pytest.skip("pdftotext (poppler-utils) is not installed, so PDF text cannot be read")
    done = subprocess.run(
        [PDFTOTEXT, "-f", "1", "-l", "2", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return " ".join(done.stdout.split())


@pytest.mark.slow
def test_a_spot_on_the_neck_prints_its_whole_caution_in_the_table(qapp, tmp_path: Path) -> None:
    from bodymap.advisor import advise
    from bodymap.ui.printing.guide import render_guide_pdf

    front = load_atlas()["front"]
    notch, jaw = front.landmarks["sternal_notch"], front.landmarks["jaw_angle_r"]
    x, y = (notch[0] + jaw[0]) / 2, (notch[1] + jaw[1]) / 2
    tpm = TriggerPointMap(name="Neck")
    add_spot(tpm, "front", x, y, front.side_of(x), intensity=5)
    finding = advise(tpm.spots).spots[0]
    expected = finding.not_rolled_reason or finding.cautions[0].text
    assert len(expected) > 60  # long enough that two narrow lines used to cut it
    out = tmp_path / "guide.pdf"
    render_guide_pdf(tpm, out, "A4")
    assert " ".join(expected.split()) in first_page_text(out)
