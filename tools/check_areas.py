"""Score bodymap's ranking on the textbook area cases, for ad-hoc use.

    python tools/check_areas.py                 # the figures of the area sets in tests/data
    python tools/check_areas.py -v              # and every miss, explained
    python tools/check_areas.py -v --all FILE   # every case of FILE, explained

For a miss it lists the segments the area lies on (percent of the area), the top seven
sources with their score, and for those and for every expected source the overlap figures:
how much of the area each zone covers (cover), how much of the zone the area fills (fill),
and how much of the area the muscle lies under (under). The measures are those of
``tests/test_area_cases.py``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import shapely

from bodymap.advisor import PainSpot, advise
from bodymap.advisor.areas import area_tables
from bodymap.advisor.tables import tables_for
from bodymap.atlas import load_atlas
from bodymap.knowledge import GROUPS, load_knowledge

ROOT = Path(__file__).resolve().parent.parent
PARENT = {part: group for group, parts in GROUPS.items() for part in parts}


def matches(found: str, accepted: list[str]) -> bool:
    return any(
        found == want or PARENT.get(found) == want or PARENT.get(want) == found for want in accepted
    )


def _figures(shape: Any, view: str, muscle: str, side: str, tables: Any) -> str:
    at = area_tables(tables, view)
    area = shapely.intersection(shape, at.outline)
    size = float(area.area) or 1.0
    inside = {"essential": 0.0, "spillover": 0.0}
    for i, seg in enumerate(at.segments):
        cut = shapely.intersection(area, seg.geometry)
        if cut.area < 1.0:
            continue
        for ref in tables.referrers.get((seg.id, seg.side), ()):
            if ref.muscle == muscle and ref.side == side:
                part = at.focus.get((i, muscle, side), at.own_part(seg, side))
                inside[ref.zone] += float(shapely.intersection(cut, part).area)
    parts = []
    for zone, got in inside.items():
        zsize = sum(
            v for k, v in at.zone_size.items() if (k.muscle, k.side, k.zone) == (muscle, side, zone)
        )
        if got:
            parts.append(f"{zone[:3]} cover {got / size:4.0%} fill {got / (zsize or 1):4.0%}")
    under = max(
        (
            float(shapely.intersection(area, r.geometry).area)
            for r in at.bodies
            if r.id == muscle and r.side == side
        ),
        default=0.0,
    )
    if under:
        parts.append(f"under {under / size:4.0%}")
    return ", ".join(parts) or "-"


def explain(case: dict[str, Any], knowledge: Any) -> list[str]:
    atlas = load_atlas()
    tables = tables_for(atlas, knowledge)
    view = case["view"]
    shape = shapely.Polygon(case["polygon"])
    at = area_tables(tables, view)
    area = shapely.intersection(shape, at.outline)
    size = float(area.area) or 1.0
    lines = [f"  area {size:.0f} units², segments:"]
    segs = []
    for seg in at.segments:
        piece = float(shapely.intersection(area, seg.geometry).area)
        if piece >= 1.0:
            segs.append((piece / size, f"{seg.id}/{seg.side}"))
    lines.append("    " + ", ".join(f"{n} {p:.0%}" for p, n in sorted(segs, reverse=True)))
    inner = area.representative_point()
    advice = advise([PainSpot(view, inner.x, inner.y, 5, "ache", area=shape)], atlas, knowledge)
    shown = set()
    for rank, s in enumerate(advice.sources[:7], 1):
        side = "right" if s.side == "both" else s.side
        want = any(matches(s.muscle, g) for g in case["sources"])
        mark = "*" if want else " "
        lines.append(
            f"  {rank}.{mark}{s.muscle:28} {s.side:6} {s.score:.3f}  "
            + _figures(shape, view, s.muscle, side, tables)
        )
        shown.add(s.muscle)
    names = [s.muscle for s in advice.sources]
    for group in case["sources"]:
        for m in group:
            if m in shown:
                continue
            ids = GROUPS.get(m, (m,))
            for part in ids:
                rank = names.index(part) + 1 if part in names else None
                lines.append(
                    f"   want {part:28} rank {rank}  "
                    + _figures(shape, view, part, case["side"], tables)
                )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "files", nargs="*", type=Path, help="case files (default: the area sets of tests/data)"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="explain each miss")
    parser.add_argument("--all", action="store_true", help="explain every case")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "tests"))
    from test_area_cases import judge

    knowledge = load_knowledge()
    files = args.files or [
        ROOT / "tests/data/area_cases.json",
        ROOT / "tests/data/area_cases_second.json",
        ROOT / "tests/data/area_cases_third.json",
        ROOT / "tests/data/area_cases_fourth.json",
        ROOT / "tests/data/area_cases_fifth.json",
    ]
    for path in files:
        if len(files) > 1:
            print(path.name)
        _score(path, args, knowledge, judge)
    return 0


def _score(path: Path, args: argparse.Namespace, knowledge: Any, judge: Any) -> None:
    cases = json.loads(path.read_text(encoding="utf-8"))["cases"]
    total = {"recall@5": 0.0, "top3": 0.0}
    for case in cases:
        result = judge(case)
        for key in total:
            total[key] += result[key]
        missed = any(v < 1.0 for v in result.values())
        if args.all or (args.verbose and missed):
            print(f"{'MISS' if missed else 'ok  '} {case['id']} {result}")
            print(f"  expected {case['sources']}")
            print("\n".join(explain(case, knowledge)))
    print({k: round(v / len(cases), 3) for k, v in total.items()}, f"over {len(cases)} cases")


if __name__ == "__main__":
    sys.exit(main())
