"""The ``bodymap`` command line: the GUI, and the core's answers for scripts.

Every command takes ``--help``. A user's mistake gives one line on stderr and a non-zero exit,
never a traceback. Heavy modules (shapely, Qt) are imported only by the commands that use them.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from bodymap import __version__
from bodymap.atlas.loader import AtlasError
from bodymap.knowledge.fields import KnowledgeError
from bodymap.resources import ResourceError

__all__ = ["CliError", "main"]

VIEWS = ("front", "back")
PAGE_SIZES = ("A4", "Letter")
MAX_POINTS = 100_000


class CliError(Exception):
    """A user's mistake: reported as one line, exit status 1 (or ``status``)."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line naming the command."""

    def error(self, message: str) -> NoReturn:
        raise CliError(f"{self.prog}: {message} (see {self.prog} --help)", status=2)


@dataclass(frozen=True)
class _Point:
    """A spot given on the command line: default intensity and kind."""

    view: str
    x: float
    y: float
    intensity: int = 5
    kind: str = "ache"


def _number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise CliError(f"{text!r} is not a number") from None
    if not math.isfinite(value):
        raise CliError(f"{text!r} is not a finite number")
    return value


def _pairs(values: Sequence[str]) -> list[tuple[float, float]]:
    if len(values) % 2:
        raise CliError(f"coordinates come in X Y pairs; got {len(values)} numbers")
    numbers = [_number(v) for v in values]
    return list(zip(numbers[::2], numbers[1::2], strict=True))


def _read_points_file(path: str) -> list[tuple[float, float]]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:  # Excel writes a BOM
            return _parse_points(path, csv.reader(fh))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise CliError(f"cannot read points file {path}: {reason}") from None


def _parse_points(path: str, rows: Iterable[list[str]]) -> list[tuple[float, float]]:
    """The points of a CSV file, read row by row up to :data:`MAX_POINTS`."""
    points: list[tuple[float, float]] = []
    for number, row in enumerate(rows, start=1):
        cells = [c.strip() for c in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if number == 1 and [c.lower() for c in cells[:2]] == ["x", "y"]:
            continue
        if len(cells) != 2:
            raise CliError(f"{path}, line {number}: expected 'x,y', got {','.join(row)!r}")
        try:
            points.append((_number(cells[0]), _number(cells[1])))
        except CliError as exc:
            raise CliError(f"{path}, line {number}: {exc}") from None
        if len(points) > MAX_POINTS:
            raise CliError(f"{path}: more than {MAX_POINTS} points")
    if not points:
        raise CliError(f"{path}: no points in the file")
    return points


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


def _print_advice(data: dict[str, Any]) -> None:
    """A short human-readable summary of an advice answer."""
    if not data["spots"]:
        print("No spots in this map.")
        return
    for number, spot in enumerate(data["spots"], start=1):
        names = ", ".join(r["name"] for r in spot["regions"]) or "not on the body"
        print(f"Spot {number} ({spot.get('view', data['view'])}, {spot['side']}): {names}")
        for caution in spot["cautions"]:
            print(f"  caution: {caution['text']}")
    if data["sources"]:
        print("Likely sources:")
        for source in data["sources"][:8]:
            print(f"  {source['score']:.2f}  {source['muscle']} ({source['side']})")
    for step in data["routine"]:
        print(f"Roll: {step['muscle']} ({step['side']}) with {step['tool']}: {step['position']}")


def _advice_json(points: Sequence[Any]) -> dict[str, Any]:
    from bodymap.advisor import advise

    result: dict[str, Any] = advise(points).to_json()
    return result


def _cmd_landmarks(args: argparse.Namespace) -> int:
    from bodymap.atlas import load_atlas

    marks = load_atlas()[args.view].landmarks
    if args.json:
        _print_json({name: [round(x, 2), round(y, 2)] for name, (x, y) in marks.items()})
    else:
        for name, (x, y) in marks.items():
            print(f"{name:<28} {x:8.1f} {y:8.1f}")
    return 0


def _cmd_locate(args: argparse.Namespace) -> int:
    pairs = _pairs(args.coords)
    if args.points_file:
        pairs += _read_points_file(args.points_file)
    if not pairs:
        raise CliError("give at least one X Y pair or --points-file FILE", status=2)
    data = _advice_json([_Point(args.view, x, y) for x, y in pairs])
    _print_json(data) if args.json else _print_advice(data)
    return 0


def _load_map(path: str) -> Any:
    from bodymap.maps import MapFileError, load_map

    try:
        return load_map(Path(path))
    except MapFileError as exc:
        raise CliError(f"cannot open {path}: {exc.problem}") from None
    except OSError as exc:
        raise CliError(f"cannot open {path}: {exc.strerror or exc}") from None


def _output_path(text: str) -> Path:
    """A file the command may write: not a folder, in a folder that exists."""
    out = Path(text)
    if out.is_dir():
        raise CliError(f"cannot write {out}: it is a folder")
    if not out.parent.is_dir():
        raise CliError(f"cannot write {out}: folder {out.parent} does not exist")
    return out


def _cmd_advise(args: argparse.Namespace) -> int:
    tpm = _load_map(args.map)
    data = _advice_json(list(tpm.spots))
    _print_json(data) if args.json else _print_advice(data)
    return 0


def _cmd_guide(args: argparse.Namespace) -> int:
    tpm = _load_map(args.map)
    out = _output_path(args.output)
    from bodymap.ui.printing.guide import write_guide_pdf

    try:
        write_guide_pdf(tpm, out, page_size=args.page_size)
    except OSError as exc:
        raise CliError(f"cannot write {out}: {exc.strerror or exc}") from None
    print(f"wrote {out}")
    return 0


def _cmd_muscles(args: argparse.Namespace) -> int:
    from bodymap.atlas import load_atlas
    from bodymap.knowledge import load_knowledge, muscle_entry

    atlas = load_atlas()
    entries = [muscle_entry(m, atlas) for m in load_knowledge().muscles.values()]
    if args.json:
        _print_json(entries)
        return 0
    for e in entries:
        also = f" (also: {', '.join(e['synonyms'])})" if e["synonyms"] else ""
        roll = "" if e["rollable"] else "  [don't roll]"
        print(f"{e['id']:<32} {e['name']}{also}{roll}")
    return 0


def _cmd_muscle(args: argparse.Namespace) -> int:
    from bodymap.atlas import load_atlas
    from bodymap.knowledge import load_knowledge, muscle_geometry

    muscles = load_knowledge().muscles
    if args.id not in muscles:
        word = args.id.replace("_", " ").casefold()
        alike = [
            m.id
            for m in muscles.values()
            if word in (m.name.casefold(), *(w.casefold() for w in m.synonyms))
        ]
        hint = f"did you mean {' or '.join(alike)}?" if alike else "see bodymap muscles for the ids"
        raise CliError(f"unknown muscle {args.id!r} ({hint})")
    muscle = muscles[args.id]
    data = muscle_geometry(muscle, load_atlas(), args.view)
    if args.json:
        _print_json(data)
        return 0
    print(f"{data['name']} ({data['id']}), {data['area'].replace('_', ' ')}")
    if data["synonyms"]:
        print(f"  also called: {', '.join(data['synonyms'])}")
    print(f"  refers pain to: {', '.join(data['essential'])}")
    if data["spillover"]:
        print(f"  and sometimes to: {', '.join(data['spillover'])}")
    tech = muscle.technique
    print(f"  {'how' if data['rollable'] else 'do not roll'}: {tech.how}")
    print(f"  source: {data['source']}")
    return 0


def _cmd_atlas_check(args: argparse.Namespace) -> int:
    from bodymap.atlas import load_atlas
    from bodymap.knowledge import load_knowledge, validate_against_atlas

    atlas = load_atlas()
    problems = atlas.check() + validate_against_atlas(load_knowledge(), atlas)
    for problem in problems:
        print(problem)
    if problems:
        print(f"atlas check: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print("atlas check: ok")
    return 0


def _cmd_atlas_render(args: argparse.Namespace) -> int:
    outdir = Path(args.outdir)
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CliError(f"cannot create {outdir}: {exc.strerror or exc}") from None
    from bodymap.ui.atlas_render import render_atlas

    for path in render_atlas(outdir):
        print(f"wrote {path}")
    return 0


def _cmd_screenshot(args: argparse.Namespace) -> int:
    out = _output_path(args.output)
    if args.map:
        _load_map(args.map)  # a bad map is reported here, before any window exists
    from bodymap.ui.app import screenshot

    try:
        screenshot(out, Path(args.map) if args.map else None)
    except OSError as exc:
        raise CliError(f"cannot write {out}: {exc.strerror or exc}") from None
    print(f"wrote {out}")
    return 0


def _cmd_gui(args: argparse.Namespace) -> int:
    if getattr(args, "map", None):
        path = Path(args.map)
        if path.is_dir():
            raise CliError(f"cannot open {path}: it is a folder, not a map file")
        if not path.is_file():
            raise CliError(f"cannot open {path}: no such file")
    from bodymap.ui.app import run_gui

    status: int = run_gui(getattr(args, "map", None))
    return status


def build_parser() -> argparse.ArgumentParser:
    """The full command-line grammar."""
    parser = _Parser(
        prog="bodymap",
        description="Click where it hurts; see the muscles that commonly refer pain there "
        "and how to roll them. With no command, starts the program.",
    )
    parser.add_argument("--version", action="version", version=f"bodymap {__version__}")
    parser.set_defaults(func=_cmd_gui)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("open", help="open a map in the program")
    p.add_argument("map", help="a .bodymap file")
    p.set_defaults(func=_cmd_gui)

    p = sub.add_parser("landmarks", help="print the named landmarks of a view")
    p.add_argument("--view", choices=VIEWS, required=True)
    p.add_argument("--json", action="store_true", help="print JSON {name: [x, y]}")
    p.set_defaults(func=_cmd_landmarks)

    p = sub.add_parser(
        "locate", help="what lies under points of a view, and what commonly refers pain there"
    )
    p.add_argument("--view", choices=VIEWS, required=True)
    p.add_argument("coords", nargs="*", metavar="X Y", help="atlas coordinates, in pairs")
    p.add_argument("--points-file", metavar="FILE", help="CSV file with one x,y per line")
    p.add_argument("--json", action="store_true", help="print the full answer as JSON")
    p.set_defaults(func=_cmd_locate)
    # Coordinates such as -1e3 are numbers, not options (argparse only knows -12 and -1.5).
    p._negative_number_matcher = re.compile(r"^-(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$|^-(inf|nan)$")

    p = sub.add_parser("advise", help="advice for a saved map (both views)")
    p.add_argument("map", help="a .bodymap file")
    p.add_argument("--json", action="store_true", help="print the full answer as JSON")
    p.set_defaults(func=_cmd_advise)

    p = sub.add_parser("guide", help="write the printable rolling guide for a map as PDF")
    p.add_argument("map", help="a .bodymap file")
    p.add_argument("-o", "--output", required=True, metavar="PDF")
    p.add_argument("--page-size", choices=PAGE_SIZES, default=None, help="default: from locale")
    p.set_defaults(func=_cmd_guide)

    p = sub.add_parser("muscles", help="list every muscle record (id, name, synonyms, zones)")
    p.add_argument("--json", action="store_true", help="print every record as JSON")
    p.set_defaults(func=_cmd_muscles)

    p = sub.add_parser("muscle", help="one muscle record with its zones")
    p.add_argument("id", help="a muscle id, e.g. fibularis (see bodymap muscles)")
    p.add_argument("--view", choices=VIEWS, help="only this view's zones (default: both)")
    p.add_argument("--json", action="store_true", help="print the record and zones as JSON")
    p.set_defaults(func=_cmd_muscle)

    atlas = sub.add_parser("atlas", help="check or draw the body atlas")
    atlas_sub = atlas.add_subparsers(title="atlas commands", metavar="ACTION", parser_class=_Parser)
    atlas.set_defaults(func=lambda _args: _missing_action(atlas))
    p = atlas_sub.add_parser(
        "check", help="validate the atlas (and the knowledge against it); exit 1 listing problems"
    )
    p.set_defaults(func=_cmd_atlas_check)
    p = atlas_sub.add_parser("render", help="draw each view of the atlas to a PNG")
    p.add_argument("outdir", help="folder for the PNG files")
    p.set_defaults(func=_cmd_atlas_render)

    p = sub.add_parser("screenshot", help="render the main window offscreen to a PNG")
    p.add_argument("output", metavar="OUT.png")
    p.add_argument("map", nargs="?", help="a .bodymap file to show")
    p.set_defaults(func=_cmd_screenshot)
    return parser


def _missing_action(parser: argparse.ArgumentParser) -> int:
    raise CliError(f"{parser.prog}: choose an action (see {parser.prog} --help)", status=2)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        status: int = args.func(args)
        return status
    except CliError as exc:
        message = str(exc)
        print(message if message.startswith("bodymap") else f"bodymap: {message}", file=sys.stderr)
        return exc.status
    except (ResourceError, AtlasError, KnowledgeError) as exc:
        print(f"bodymap: the installed data is damaged: {exc}", file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
