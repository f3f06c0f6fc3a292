"""The printed spot table shows a spot's caution whole, never cut mid-sentence, and only
cautions in the caution red."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from bodymap.atlas import load_atlas
from bodymap.maps import TriggerPointMap, add_spot

if TYPE_CHECKING:
    from bodymap.guide.content import SpotRow

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
    from bodymap.ui.printing.guide import write_guide_pdf

    front = load_atlas()["front"]
    notch, jaw = front.landmarks["sternal_notch"], front.landmarks["jaw_angle_r"]
    x, y = (notch[0] + jaw[0]) / 2, (notch[1] + jaw[1]) / 2
    tpm = TriggerPointMap(name="Neck")
    add_spot(tpm, "front", x, y, front.side_of(x), intensity=5)
    finding = advise(tpm.spots).spots[0]
    expected = finding.not_rolled_reason or finding.cautions[0].text
    assert len(expected) > 60  # long enough that two narrow lines used to cut it
    out = tmp_path / "guide.pdf"
    write_guide_pdf(tpm, out, "A4")
    text = " ".join(first_page_text(out).split())
    assert " ".join(expected.split()) in text
    # the spot has no note: no "–" for an empty note under its caution, as if a stray mark
    assert f"{' '.join(expected.split())} –" not in text


def _reddish_pixels(row: SpotRow) -> int:
    """Paint one table row at print size and count caution-red pixels right of its marker
    (the numbered disc has the intensity's colour)."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter

    from bodymap.knowledge import load_knowledge
    from bodymap.ui.printing.diagram import DiagramPainter
    from bodymap.ui.printing.table import SpotTableBlocks

    image = QImage(1400, 400, QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(7874)  # 200 dpi
    image.setDotsPerMeterY(7874)
    image.fill(QColor("white"))
    table = SpotTableBlocks(image, 1400.0, DiagramPainter(load_atlas(), load_knowledge()))
    block = table.spot_row(row, table.table_header())
    painter = QPainter(image)
    block.payload(painter, QRectF(0, 0, 1400, block.height))
    painter.end()
    count = 0
    for x in range(int(table.u.mm(9)), image.width(), 2):
        for y in range(0, min(image.height(), int(block.height)), 2):
            c = image.pixelColor(x, y)
            count += c.red() - max(c.green(), c.blue()) > 60
    return count


def test_only_safety_texts_are_printed_in_the_caution_red(qapp) -> None:
    """A spot the chosen routine length left out says so in the ordinary ink; red stays
    for cautions (a place not to roll, see a clinician first)."""
    from bodymap.guide.content import SpotRow

    text = "Left out of the short routine: choose a longer routine to add Gluteus medius."
    left_out = SpotRow(1, "back", "Gluteus maximus, right", 1, "ache", "", left_out=text)
    caution = SpotRow(1, "back", "Gluteus maximus, right", 1, "ache", "", caution=text)
    assert _reddish_pixels(left_out) == 0
    assert _reddish_pixels(caution) > 20
