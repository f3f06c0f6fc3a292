"""Speed of the printed guide: a 20-spot map to a PDF within a second (docs/PRODUCT.md)."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bodymap.atlas import load_atlas
from bodymap.maps import Spot, TriggerPointMap, side_for

LIMIT_S = 1.0


def twenty_spot_map() -> TriggerPointMap:
    """Twenty spots on landmarks of both views, so the routine is long and varied."""
    atlas = load_atlas()
    points = [
        (view, xy)
        for view in ("back", "front")
        for name, xy in sorted(atlas[view].landmarks.items())
        if name != "vertex"
    ]
    chosen = [points[i * len(points) // 20] for i in range(20)]
    when = datetime(2025, 3, 3, 18, 0, tzinfo=UTC)
    return TriggerPointMap(
        "Benchmark",
        [
            Spot(
                id=f"s{i}",
                view=view,
                x=x,
                y=y,
                side=side_for(view, x),
                intensity=(i * 3) % 11,
                kind="ache",
                note="Tender after long days at the desk; worse in the evening.",
                created=when,
            )
            for i, (view, (x, y)) in enumerate(chosen)
        ],
    )


def test_bench_guide_pdf(benchmark, tmp_path: Path, qapp) -> None:
    from bodymap.ui.printing.guide import write_guide_pdf

    tpm = twenty_spot_map()
    out = tmp_path / "guide.pdf"
    renderer = benchmark.pedantic(
        write_guide_pdf, args=(tpm, out, "A4"), rounds=5, iterations=1, warmup_rounds=1
    )
    assert out.read_bytes().startswith(b"%PDF-")
    assert len(renderer.content.steps) >= 5
    if benchmark.stats is not None:
        assert benchmark.stats.stats.max <= LIMIT_S, "a 20-spot guide must be written within 1 s"
