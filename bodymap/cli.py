"""The ``bodymap`` command line: the GUI, and the core's answers for scripts.

Every command takes ``--help``. A user's mistake gives one line on stderr and a non-zero exit,
never a traceback. Heavy modules (shapely, Qt) are imported only by the commands that use them.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import functools
import gc
import io
import itertools
import json
import math
import os
import re
import stat
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from bodymap import __version__
from bodymap.atlas.loader import AtlasError
from bodymap.knowledge.fields import KnowledgeError
from bodymap.resources import ResourceError

if TYPE_CHECKING:
    from bodymap.advisor.model import Advice, PainSpot
    from bodymap.maps import TriggerPointMap

__all__ = ["CliError", "main"]

VIEWS = ("front", "back")
LENGTHS = ("short", "standard", "full")
EXPORT_LAYERS = ("caution", "superficial", "deep", "segment", "outline")
PAGE_SIZES = ("A4", "Letter")
PRESETS = ("warmup", "cooldown", "bedtime", "full")
MAX_POINTS = 100_000
MOSTLY_ON_BODY = 0.5
"""A ``--polygon`` with less of it on the body than this share gets a note: the answer is
for the part on the body, which a polygon drawn mostly beside the body may not show."""
MAX_POINTS_LINE = 1_000
"""The longest line a points file may have (characters): an x,y pair is a few dozen."""
MAX_POINTS_BYTES = 8_000_000
"""The largest points file read (bytes): room for :data:`MAX_POINTS` lines of x,y."""
OUTPUT_KINDS = {"pdf": (".pdf", b"%PDF-"), "png": (".png", b"\x89PNG\r\n\x1a\n")}
"""Each output kind's file name ending and the first bytes every such file starts with."""
MAP_SUFFIX = ".bodymap"


class CliError(Exception):
    """A user's mistake: reported as one line, exit status 1 (or ``status``)."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line naming the command."""

    def error(self, message: str) -> NoReturn:
        raise CliError(f"{self.prog}: {message} (see {self.prog} --help)", status=2)


def _page_size(text: str) -> str:
    """A page size as written ("a4", "LETTER"), in the spelling of the choices."""
    return {size.casefold(): size for size in PAGE_SIZES}.get(text.casefold(), text)


def _writing_command(sub: Any, name: str, help_text: str, metavar: str) -> _Parser:
    """A command that writes one file from a map: its map, ``-o`` and ``--force``."""
    p: _Parser = sub.add_parser(name, help=help_text)
    p.add_argument("map", help="a .bodymap file")
    p.add_argument("-o", "--output", required=True, metavar=metavar)
    p.add_argument("--force", action="store_true", help=_FORCE_HELP)
    return p


def _page_size_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--page-size",
        type=_page_size,
        choices=PAGE_SIZES,
        default=None,
        help="A4 or Letter, in any case (default: from locale)",
    )


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
        count = len(values)
        raise CliError(f"coordinates come in X Y pairs; got {count} number{'s' * (count != 1)}")
    numbers = [_number(v) for v in values]
    return list(zip(numbers[::2], numbers[1::2], strict=True))


def _file_kind(mode: int) -> str | None:
    """What a non-regular file is, in words ("a folder", "a named pipe"…); None if regular."""
    kinds = (
        (stat.S_ISREG, None),
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISSOCK, "a socket"),
    )
    for test, words in kinds:
        if test(mode):
            return words
    return "not a regular file"


def _read_points_file(path: str) -> list[tuple[float, float]]:
    """The points of a CSV file, read line by line: a regular file (opened without
    blocking, so a named pipe with no writer is refused instead of waited on), lines of at
    most :data:`MAX_POINTS_LINE` characters, at most :data:`MAX_POINTS_BYTES` in all."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(fd, encoding="utf-8-sig", newline="") as fh:  # Excel writes a BOM
            kind = _file_kind(os.fstat(fd).st_mode)
            if kind is not None:
                raise CliError(f"cannot read points file {path}: it is {kind}, not a file")
            return _parse_points(path, csv.reader(_bounded_lines(path, fh)))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise CliError(f"cannot read points file {path}: {reason}") from None


def _bounded_lines(path: str, fh: io.TextIOBase) -> Iterator[str]:
    """The lines of ``fh``, refusing one longer than :data:`MAX_POINTS_LINE` or a file
    longer than :data:`MAX_POINTS_BYTES` characters before reading on."""
    total = 0
    for number in itertools.count(1):
        line = fh.readline(MAX_POINTS_LINE + 1)
        if not line:
            return
        if len(line) > MAX_POINTS_LINE:
            raise CliError(f"{path}, line {number}: longer than {MAX_POINTS_LINE:,} characters")
        total += len(line)
        if total > MAX_POINTS_BYTES:
            limit = f"{MAX_POINTS_BYTES:,} characters"
            raise CliError(f"cannot read points file {path}: larger than {limit}")
        yield line


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


def _print_advice(advice: Advice) -> None:
    """A short human-readable summary of an answer, in the words the window and the guide
    use for its spots and warnings."""
    from bodymap.advisor.model import spots_label
    from bodymap.words import (
        AREA_DASH,
        area_place,
        left_out_text,
        position_words,
        tool_words,
    )

    if not advice.spots:
        print("No spots in this map.")
        return
    areas = advice.areas
    for finding in advice.spots:
        # a spot on the midline lies on both sides' regions: name each muscle once
        names = ", ".join(dict.fromkeys(r.name for r in finding.regions)) or "not on the body"
        label = spots_label((finding.index,), areas)
        label = f"{label[:1].upper()}{label[1:]}"
        if finding.area_units2 is not None:  # named where it is, as the spot list names it
            where = area_place(finding, finding.side)
            print(f"{label}{AREA_DASH}{where} ({finding.view}): {names}")
        elif finding.inside:
            print(f"{label} ({finding.view}, {finding.side}): {names}")
        else:  # a point beside the body has no side
            print(f"{label} ({finding.view}): {names}")
        for caution in finding.cautions:
            print(f"  caution: {caution.text}")
    if advice.sources:
        print("Likely sources:")
        for source in advice.sources[:8]:
            print(f"  {source.score:.2f}  {source.name} ({source.side})")
    for step in advice.routine.steps:
        tool = tool_words(step.tool, step.tool_detail, full=True)
        print(f"Roll: {step.name} ({step.side}) — {position_words(step.position)} · {tool}")
    _print_held(advice)
    _print_not_rolled(advice)
    left_out = left_out_text(
        advice.routine, longer="--length full includes them and every other likely source."
    )
    if left_out:
        print(left_out)
    for finding in advice.spots:
        label = spots_label((finding.index,), areas)
        # a point beside the body: its caution above already says so, once is enough
        reason = finding.not_rolled_reason if finding.inside else ""
        for note in (reason, finding.press_note):
            if note:
                print(f"{label[:1].upper()}{label[1:]}: {note}")
    _print_warnings(advice)


def _print_held(advice: Advice) -> None:
    """The muscles held for a clinician's word: one line per marked place, the why once."""
    for place in advice.routine.held_places:
        print(f"Not rolled: {place.text}")
    if advice.routine.held_why:  # why they are held: said once, under them
        print(f"  why: {advice.routine.held_why}")


def _print_not_rolled(advice: Advice) -> None:
    """The likely sources never rolled (no tool reaches them, or no room), each with what to
    do instead and its record's cautions (the signs that need a doctor), said once."""
    for entry, cautions in advice.routine.others_with_cautions():
        why = " ".join(t for t in (entry.reason, entry.instead) if t)
        print(f"Not rolled: {entry.name} ({entry.side}): {why}")
        for text in cautions:
            print(f"  caution: {text}")


def _print_warnings(advice: Advice) -> None:
    """The warning signs the spots raise, each naming its spots."""
    for flag in advice.red_flags:
        print(f"Warning ({flag.aside(advice.areas)}): {flag.text}")


def _advice(points: Sequence[Any], length: str = "standard") -> Advice:
    from bodymap.advisor import advise

    return advise(points, length=length)


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
    areas = [_area_point(args.view, text) for text in args.polygon or ()]
    if not pairs and not areas:
        raise CliError("give at least one X Y pair, --polygon or --points-file FILE", status=2)
    from bodymap.advisor.model import PainSpot

    points = [PainSpot(args.view, x, y, intensity=5) for x, y in pairs]
    advice = _advice(points + areas, args.length)
    _print_json(advice.to_json()) if args.json else _print_advice(advice)
    return 0


def _polygon_option(view_atlas: Any, text: str) -> tuple[Any, Any]:
    """``--polygon "x1,y1 x2,y2 ..."`` as a shape and the part of it on the body (a usage
    error, status 2, for a polygon a map could not hold)."""
    from bodymap.advisor.areas import clipped_area, parse_polygon

    try:
        shape = parse_polygon(text)
    except ValueError as exc:
        raise CliError(f"--polygon: {exc}", status=2) from None
    return shape, clipped_area(shape, view_atlas)


def _area_point(view: str, text: str) -> PainSpot:
    """An area spot from ``--polygon "x1,y1 x2,y2 ..."``, its point inside the body part of it."""
    from bodymap.advisor.model import PainSpot
    from bodymap.atlas import load_atlas

    va = load_atlas()[view]
    shape, on_body = _polygon_option(va, text)
    if on_body.area <= 0:
        raise CliError("--polygon: the polygon does not cover any of the body", status=2)
    share = on_body.area / shape.area
    if share < MOSTLY_ON_BODY:  # the answer is for a sliver: say so, or it reads as the whole
        part = "less than 1 %" if share < 0.01 else f"only {share * 100:.0f} %"
        print(
            f"bodymap: --polygon: {part} of the polygon lies on the body; "
            "the answer is for that part",
            file=sys.stderr,
        )
    x, y = va.disc_point(shape)  # where the window puts a painted area's disc
    return PainSpot(view, x, y, intensity=5, area=shape)


def _load_map(path: str) -> Any:
    from bodymap.maps import MapFileError, NewerMapError, load_map

    _check_map_path(path)
    try:
        return load_map(Path(path))
    except NewerMapError as exc:
        raise CliError(f"cannot open {path}: {exc.problem}") from None
    except MapFileError as exc:
        raise CliError(f"cannot open {path}: {exc.problem}{_previous_hint(path)}") from None
    except OSError as exc:
        raise CliError(f"cannot open {path}: {exc.strerror or exc}") from None


def _previous_hint(path: str) -> str:
    """Where the previous version of an unreadable map is kept, if it can be read."""
    from bodymap.maps import backup_path, previous_version
    from bodymap.maps.values import local_minute

    kept = previous_version(path)
    if kept is None:
        return ""
    return (
        f"\nIts previous version, saved {local_minute(kept[1])}, is kept as "
        f"{backup_path(path)}: copy that file to a new name ending in .bodymap to use it"
    )


def _check_map_path(path: str) -> None:
    """A map path names a regular file: anything else is refused saying what it is."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise CliError(f"cannot open {path}: no such file") from None
    except OSError as exc:
        raise CliError(f"cannot open {path}: {exc.strerror or exc}") from None
    kind = _file_kind(mode)
    if kind is not None:
        raise CliError(f"cannot open {path}: it is {kind}, not a map file")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return a.absolute() == b.absolute()


def _output_path(
    text: str, kind: str | None = None, *, force: bool = False, inputs: Sequence[str] = ()
) -> Path:
    """A file the command may write as ``kind`` ("pdf", "png", or None for any), checked
    before any work.

    Refused: a folder, a missing folder, any input of the command, an existing device,
    named pipe or socket, a name without the kind's ending (``.bodymap`` above all), a map
    under any name or behind a link (even with ``force``), and unless ``force`` an existing
    file that is not already of this kind, so a typo never replaces a map or a document
    with a picture."""
    if not text.strip():
        raise CliError("no output file named: give a file name after -o")
    out = Path(text)
    try:
        return _checked_output(out, kind, force=force, inputs=inputs)
    except OSError as exc:  # a name too long for the file system, a folder not allowed …
        from bodymap.maps.safe_io import os_reason

        raise CliError(f"cannot write {out}: {os_reason(exc)}") from None


def _checked_output(out: Path, kind: str | None, *, force: bool, inputs: Sequence[str]) -> Path:
    """`_output_path`'s checks; OSError when the system cannot even look at ``out``."""
    if out.is_dir():
        raise CliError(f"cannot write {out}: it is a folder")
    if not out.parent.is_dir():
        if out.parent.exists():
            raise CliError(f"cannot write {out}: {out.parent} is a file, not a folder")
        raise CliError(f"cannot write {out}: folder {out.parent} does not exist")
    for source in inputs:
        if _same_file(out, Path(source)):
            raise CliError(f"cannot write {out}: it is the map being read; name another file")
    try:
        mode: int | None = os.stat(out).st_mode
    except FileNotFoundError:
        mode = None
    what = None if mode is None else _file_kind(mode)
    if what is not None:
        raise CliError(f"cannot write {out}: it is {what}, not a file")
    if kind is not None:
        suffix, magic = OUTPUT_KINDS[kind]
        if out.suffix.lower() != suffix:
            what = "a map's name" if out.suffix.lower() == MAP_SUFFIX else "not a {} name"
            raise CliError(
                f"cannot write {out}: {what.format(kind.upper())}; give a name ending in {suffix}"
            )
    from bodymap.maps.fileformat import holds_a_map

    if mode is not None and holds_a_map(out):  # --force or not, a map is never written over
        target = Path(os.path.realpath(out))
        where = "" if target == out.absolute() else f" (it leads to {target})"
        raise CliError(f"cannot write {out}: it is a map{where}; name another file")
    if kind is None:  # a file of any kind: only where it goes is checked
        return out
    if mode is not None and not force and not _starts_with(out, magic):
        raise CliError(
            f"cannot write {out}: it exists and is not a {kind.upper()} (use --force to replace it)"
        )
    return out


def _starts_with(path: Path, magic: bytes) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(len(magic)) == magic
    except OSError:
        return False


def _cmd_advise(args: argparse.Namespace) -> int:
    from bodymap.advisor import advise_map

    tpm = _load_map(args.map)
    advice = advise_map(tpm, args.length)
    _print_json(advice.to_json()) if args.json else _print_advice(advice)
    return 0


def _save(tpm: Any, path: Path) -> None:
    """Save a map a command changed (atomically, the previous file kept as .bak)."""
    from bodymap.maps import MapFileError, save_map

    try:
        save_map(tpm, path)
    except MapFileError as exc:
        raise CliError(f"cannot save {path}: {exc.problem}") from None


def _new_spot_parser(sub: Any, name: str, help_text: str) -> _Parser:
    """A command that adds to a map (``add``, ``paint``): the map and the view first."""
    parser: _Parser = sub.add_parser(name, help=help_text)
    parser.add_argument("map", help="a .bodymap file")
    parser.add_argument("--view", choices=VIEWS, required=True)
    return parser


def _spot_options(parser: argparse.ArgumentParser, noun: str) -> None:
    """The options a new spot or painted area takes (``add``, ``paint``)."""
    parser.add_argument("--intensity", type=_intensity, default=5, help="0–10 (default 5)")
    parser.add_argument(
        "--kind", type=_kind, default="ache", help="ache, sharp, burning, tingling or numb"
    )
    parser.add_argument("--note", default=None, help=f"a note about the {noun}")


def _intensity(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r:.40} is not a whole number from 0 to 10"
        ) from None
    if not 0 <= value <= 10:
        raise argparse.ArgumentTypeError(f"{value} is not from 0 to 10")
    return value


def _kind(text: str) -> str:
    from bodymap.maps.values import PAIN_KINDS

    if text not in PAIN_KINDS:
        raise argparse.ArgumentTypeError(f"{text!r:.40} is not one of {', '.join(PAIN_KINDS)}")
    return text


def _cmd_add(args: argparse.Namespace) -> int:
    """Mark a spot on a saved map, as a click on the diagram does (the side from the atlas;
    a point off the body refused), or (``paint``, with ``--polygon``) a painted area, as a
    brush stroke does (clipped to the body, its disc where the window puts it); saved at
    once with the previous file kept as .bak."""
    from bodymap.atlas import load_atlas
    from bodymap.maps.operations import AddSpot
    from bodymap.maps.verbs import add_spot

    path = Path(args.map)
    made = not os.path.lexists(path)
    view_atlas = load_atlas()[args.view]
    area = _painted_area(view_atlas, args.polygon) if args.polygon is not None else None
    tpm = _new_map(path) if made else _load_map(args.map)
    if area is not None:
        x, y = view_atlas.disc_point(area.shape)  # on the area's main place, as painted
    else:
        x, y = _number(args.x), _number(args.y)
    hit = view_atlas.locate(x, y)
    if not hit.inside:
        raise CliError(
            f"({x:g}, {y:g}) is not on the body in the {args.view} view: "
            f"bodymap landmarks --view {args.view} names places on it"
        )
    side = view_atlas.side_of(x)  # as the window gives a clicked spot its side
    try:
        op = add_spot(
            tpm, args.view, x, y, side, args.intensity, args.kind, args.note or "", apply=False
        )
        if area is not None:
            op = AddSpot(dataclasses.replace(op.spot, area=area), op.index)
        op.apply(tpm)
    except ValueError as exc:
        raise CliError(f"cannot add the spot: {exc}") from None
    _save(tpm, path)
    number = len(tpm.spots)
    to = f"a new map {path}" if made else str(path)
    if area is not None:  # named as the spot list names it ("Area 3 — outer thigh, right")
        from bodymap.advisor import PainSpot, advise
        from bodymap.words import spot_heading

        # what lies under the area alone names it: the rest of the map is not advised again
        finding = advise([PainSpot(args.view, x, y, area=area)]).spots[0]
        heading = spot_heading(number, finding, op.spot.side, True)
        print(_terminal_text(f"added {heading} (id {op.spot.id}) to {to}"))
        return 0
    place = hit.regions[0].name if hit.regions else "on the body"
    print(_terminal_text(f"added spot {number} (id {op.spot.id}), {place}, {side}, to {to}"))
    return 0


def _painted_area(view_atlas: Any, text: str) -> Any:
    """A map area from ``--polygon``: the part of the polygon on the body, as a brush
    stroke keeps the part of a stroke on the body; a clear message when none of it is."""
    from bodymap.maps.area import Area

    _shape, on_body = _polygon_option(view_atlas, text)
    if on_body.is_empty or on_body.area <= 0:
        raise CliError("--polygon: the polygon does not cover any of the body")
    try:
        return Area.from_shape(on_body)
    except ValueError as exc:
        raise CliError(f"--polygon: {exc}") from None


def _new_map(path: Path) -> Any:
    """An empty map named after its file, for ``add`` to a file that does not exist yet
    (as the window's New does); a folder that is not there is refused, not made."""
    from bodymap.maps import TriggerPointMap

    folder = path.parent
    if not folder.is_dir():
        raise CliError(f"cannot make {path}: there is no folder {folder}")
    if path.suffix.lower() != ".bodymap":
        raise CliError(f"cannot make {path}: a new map's name must end in .bodymap")
    return TriggerPointMap(path.stem or "Untitled")


def _cmd_spots(args: argparse.Namespace) -> int:
    """The map's spots as the window's spot list shows them, with their trends."""
    from bodymap.advisor import advise_map
    from bodymap.words import pain_text, reading_text, spot_heading, spot_row, trend_text

    tpm = _load_map(args.map)
    advice = advise_map(tpm)
    rows = []
    for number, (spot, finding) in enumerate(zip(tpm.spots, advice.spots, strict=True), 1):
        area = finding.area_units2 is not None
        latest, label = tpm.latest_reading(spot.id), tpm.trend_label(spot.id)
        rows.append(
            {
                "number": number,
                "id": spot.id,
                "view": spot.view,
                "side": spot.side,
                "heading": spot_heading(number, finding, spot.side, area),
                "intensity": spot.intensity,
                "kind": spot.kind,
                "note": spot.note,
                "latest_reading": latest,
                "trend": label,
                "trend_text": trend_text(label),
                "reading_text": reading_text(spot.intensity, latest, label),
                **({"area_side": finding.area_side} if finding.area_side else {}),
            }
        )
    if args.json:
        _print_json({"map": tpm.name, "spots": rows})
        return 0
    if not rows:
        print("No spots in this map.")
    for row, spot, finding in zip(rows, tpm.spots, advice.spots, strict=True):
        line = spot_row(row["number"], finding, spot, row["latest_reading"], row["trend"])
        print(_terminal_text(f"{line}  (id {row['id']})"))
        for line in pain_text(spot.kind, spot.note).split("\n"):
            print(f"  {_terminal_text(line)}")
    return 0


def _terminal_text(text: str) -> str:
    """A person's text (a note, a name, an id) made safe to print to a terminal: a control
    character (an escape sequence that clears the screen or retitles the window, a carriage
    return that hides what came before) is shown as its code, never obeyed."""
    return "".join(
        f"\\x{ord(c):02x}" if unicodedata.category(c) == "Cc" and c != "\t" else c for c in text
    )


def _cmd_guide(args: argparse.Namespace) -> int:
    out = _output_path(args.output, "pdf", force=args.force, inputs=[args.map])
    tpm = _load_map(args.map)
    from bodymap.ui.printing.guide import write_guide_pdf

    try:
        write_guide_pdf(
            tpm, out, page_size=args.page_size, length=args.length, session=args.session
        )
    except OSError as exc:
        raise CliError(f"cannot write {out}: {exc.strerror or exc}") from None
    print(f"wrote {out}")
    return 0


def _cmd_session(args: argparse.Namespace) -> int:
    tpm = _load_map(args.map)
    from bodymap.advisor import advise_map
    from bodymap.session import plan_session

    advice = advise_map(tpm, args.length)  # with the press answers, as the panel's routine
    plan = plan_session(advice, args.preset, beginner=args.beginner)
    if args.json:
        _print_json(plan.to_json())
        return 0
    if args.text:
        _print_session(plan)
        from bodymap.words import left_out_text

        # the routine's length left these out before the session was planned: say so, as
        # `advise` and the guide do
        left_out = left_out_text(advice.routine, longer="--length full includes them.")
        if left_out:
            print(left_out)
        # what the steps' own cautions refer to ("if the heart warning applies…"), the
        # muscles held for a clinician and those never rolled (the pelvic floor by a sore
        # tailbone, with the signs that need a doctor): printed with the checklist, as
        # advise prints them
        _print_held(advice)
        _print_not_rolled(advice)
        _print_warnings(advice)
        return 0
    problem = display_problem(os.environ, sys.platform)
    if problem:
        raise CliError(problem, status=2)
    from bodymap.ui.app import run_mat_session

    status: int = run_mat_session(
        Path(args.map), args.preset, beginner=args.beginner, length=args.length
    )
    return status


def _print_session(plan: Any) -> None:
    """A session plan as the printed guide's checklist, each step's cautions under it."""
    from bodymap.guide.session import session_checklist

    checklist = session_checklist(plan)
    if checklist is None:
        print(plan.empty_reason or "Nothing to roll in this session.")
        return
    print(checklist.title)
    print(checklist.note)
    for line, step in zip(checklist.lines, plan.steps, strict=True):
        print(f"[ ] {line}")
        for caution in step.cautions:
            print(f"      caution: {caution}")


def _when(text: str) -> datetime:
    """A date and time from the command line: ISO 8601; without a time zone, local time."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise CliError(
            f"--at {text!r:.40} is not a date and time (e.g. 2025-03-03T08:30 or 2025-03-03)"
        ) from None
    try:
        return moment if moment.tzinfo else moment.astimezone()
    except (ValueError, OverflowError):  # a real date too early to give a time zone
        raise CliError(f"--at {text!r:.40} is out of range (years 1900 to 2999 only)") from None


SPOT_KEYS = (
    "a spot is named by its id or its number (1 = the first spot, as the window numbers "
    "them); a key that is both a number and another spot's id is refused: write #N for "
    "spot number N or id:X for the spot whose id is X"
)


def _spot_for(tpm: Any, key: str) -> str:
    """The id of the spot named by ``key``: ``#N`` its number, ``id:X`` its id, else its
    id or its number (1, 2, …), refused when these name two different spots."""
    count = len(tpm.spots)
    numbered = key[1:] if key.startswith("#") else key
    number = int(numbered) if numbered.isascii() and numbered.isdigit() else 0
    by_number = str(tpm.spots[number - 1].id) if 1 <= number <= count else None
    if key.startswith("#"):
        if by_number is None:
            raise CliError(f"no spot number {key[1:]!r:.40} in the map (it has {count})")
        return by_number
    if key.startswith("id:"):
        if not tpm.has_spot(key[3:]):
            raise CliError(f"no spot with the id {key[3:]!r:.40} in the map")
        return key[3:]
    by_id = str(key) if tpm.has_spot(key) else None
    if by_id is not None and by_number is not None and by_id != by_number:
        place = tpm.index_of(by_id) + 1
        raise CliError(
            f"{key!r:.40} is both spot number {key} and the id of spot number {place}: "
            f"write #{key} for spot number {key}, or id:{key} for the spot whose id is {key}"
        )
    if by_id is not None or by_number is not None:
        return str(by_id or by_number)
    known = ", ".join(spot.id for spot in tpm.spots[:5]) + (", …" if count > 5 else "")
    raise CliError(f"no spot {key!r:.40} in the map (give a spot id or number: {known or 'none'})")


def _readings(tpm: Any, items: Sequence[str]) -> dict[str, int]:
    readings: dict[str, int] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise CliError(f"expected ID=INTENSITY, got {item!r:.40}")
        spot_id = _spot_for(tpm, key.strip())
        text = value.strip()
        if not (text.isascii() and text.isdigit() and 0 <= int(text) <= 10):
            raise CliError(f"intensity for {key!r:.40} must be a whole number from 0 to 10")
        if spot_id in readings:
            raise CliError(f"spot {key!r:.40} is given twice")
        readings[spot_id] = int(text)
    return readings


def _check_backdate(tpm: Any, readings: Mapping[str, int], at: datetime | None, text: str) -> None:
    """A typo such as 1925 for 2025 must not stretch History over a century: a check-in is
    dated at most `BACKDATE_LIMIT` before the first of its spots was marked."""
    from bodymap.maps.values import BACKDATE_LIMIT

    if at is None:
        return
    first = min(tpm.spot_by_id(spot_id).created for spot_id in readings)
    if at < first - BACKDATE_LIMIT:
        raise CliError(
            f"--at {text!r:.40} is more than a year before the spots it rates were marked "
            f"({first.astimezone():%Y-%m-%d})"
        )


def _cmd_checkin(args: argparse.Namespace) -> int:
    from bodymap.maps.operations import EditCheckIn
    from bodymap.maps.values import local_minute
    from bodymap.maps.verbs import check_in, check_in_today, with_current_pain

    path = Path(args.map)
    tpm = _load_map(args.map)
    readings = _readings(tpm, args.readings)
    at = None if args.at is None else _when(args.at)
    now = datetime.now(UTC)
    if at is not None and at > now + timedelta(minutes=1):
        raise CliError(f"--at {args.at!r:.40} is in the future")
    try:
        if args.today:  # with --at (a time of today) today's check-in moves there
            op: Any = check_in_today(tpm, readings, note=args.note, now=now, at=at, apply=False)
        else:
            op = check_in(tpm, readings, at, note=args.note or "", apply=False)
        _check_backdate(tpm, readings, at, args.at)
        # like the program: a check-in that is the latest also sets the spots' current pain
        with_current_pain(tpm, op, readings).apply(tpm)
    except ValueError as exc:
        raise CliError(f"cannot check in: {exc}") from None
    _save(tpm, path)
    count = f"{len(readings)} spot{'s' if len(readings) != 1 else ''}"
    if isinstance(op, EditCheckIn):  # today's check-in, updated (and moved when --at says)
        stored, before = op.after.at, op.before.at
        moved = f", moved from {_clock(before)}" if stored != before else ""
        print(f"updated today's check-in of {_clock(stored)}{moved}: {count} in {path}")
    else:
        print(f"checked in {count} at {local_minute(op.checkin.at)} in {path}")
    return 0


def _clock(at: datetime) -> str:
    return at.astimezone().strftime("%H:%M")


def _date_option(text: str | None, option: str, end: bool = False) -> float | None:
    """A --from/--to bound as POSIX seconds: a date means its whole day (the end of it for
    --to), a date and time that moment; local time unless a zone is given."""
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except (ValueError, OverflowError):
        raise CliError(f"{option} {text!r:.40} is not a date (e.g. 2025-03-03)") from None
    if end and len(text.strip()) <= 10:  # a bare date: up to the end of that day
        moment += timedelta(days=1, microseconds=-1)
    return (moment if moment.tzinfo else moment.astimezone()).timestamp()


def _period(args: argparse.Namespace) -> tuple[float | None, float | None]:
    start = _date_option(args.date_from, "--from")
    end = _date_option(args.date_to, "--to", end=True)
    if start is not None and end is not None and end <= start:
        raise CliError("--to must come after --from")
    return start, end


def _cmd_history(args: argparse.Namespace) -> int:
    out = _output_path(args.output, "png", force=args.force, inputs=[args.map])
    tpm = _load_map(args.map)
    start, end = _period(args)
    spots = None
    if args.spots is not None:
        spots = [_spot_for(tpm, key.strip()) for key in args.spots.split(",") if key.strip()]
        if not spots:
            raise CliError("--spots names no spot (give ids or numbers, separated by commas)")
    if not tpm.history:
        raise CliError(f"{args.map} has no check-ins to draw")
    _say_an_empty_period(tpm, start, end, spots)
    # the chart is a widget drawn into a picture: like summary and guide, it needs no
    # display, so it draws offscreen (without this Qt aborts where there is no display)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from bodymap.atlas import load_atlas
    from bodymap.ui.history.window import render_history
    from bodymap.words import spot_place

    app = QApplication.instance() or QApplication(["bodymap"])
    atlas = load_atlas()
    try:
        render_history(
            tpm,
            out,
            start=start,
            end=end,
            spot_ids=spots,
            describe=lambda spot: spot_place(atlas[spot.view], spot),
        )
    except OSError as exc:
        raise CliError(f"cannot write {out}: {exc.strerror or exc}") from None
    del app
    print(f"wrote {out}")
    return 0


def _say_an_empty_period(
    tpm: TriggerPointMap, start: float | None, end: float | None, spots: list[str] | None
) -> None:
    """A note when no check-in of the chosen spots falls in the period (the chart has no
    point to draw), naming when the map's check-ins run."""
    from bodymap.history import HistoryTable  # the chart's own table and period rule

    table = HistoryTable.from_map(tpm)
    ids = table.spot_ids if spots is None else spots
    shown = table.between(start, end)
    if any(len(shown.readings(spot_id)[0]) for spot_id in ids):
        return
    times = [float(t) for spot_id in ids for t in table.readings(spot_id)[0]]
    if not times:
        print("bodymap: the chosen spots have no check-ins, so the chart is empty", file=sys.stderr)
        return
    first, last = (datetime.fromtimestamp(t, UTC).astimezone() for t in (min(times), max(times)))
    print(
        "bodymap: no check-in falls in this period, so the chart is empty; "
        f"the check-ins run from {first:%Y-%m-%d} to {last:%Y-%m-%d}",
        file=sys.stderr,
    )


def _cmd_summary(args: argparse.Namespace) -> int:
    out = _output_path(args.output, "pdf", force=args.force, inputs=[args.map])
    tpm = _load_map(args.map)
    start, end = _period(args)
    from bodymap.ui.printing.summary import write_summary_pdf

    try:
        write_summary_pdf(tpm, out, page_size=args.page_size, start=start, end=end)
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
    from bodymap.advisor.tables import tables_for

    zones = tables_for(atlas, load_knowledge()).roll_zones
    for e in entries:
        also = f" (also: {', '.join(e['synonyms'])})" if e["synonyms"] else ""
        # as `bodymap muscle` says: a record rolled by its technique but with no room to
        # roll anywhere (the front of the neck's) is not rolled either
        rolled = e["rollable"] and zones.is_rollable(e["id"], "right")
        roll = "" if rolled else "  [don't roll]"
        print(f"{e['id']:<32} {e['name']}{also}{roll}")
    return 0


def _cmd_muscle(args: argparse.Namespace) -> int:
    from bodymap.advisor.routine import not_rolled_here
    from bodymap.advisor.tables import tables_for
    from bodymap.atlas import load_atlas
    from bodymap.knowledge import load_knowledge, muscle_geometry
    from bodymap.knowledge.places import face_words, place_labels, sentence_label
    from bodymap.knowledge.search import area_words

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
    atlas, knowledge = load_atlas(), load_knowledge()
    tables = tables_for(atlas, knowledge)
    data = muscle_geometry(muscle, atlas, tables.roll_zones.rollable_geometry, args.view)
    if args.json:
        _print_json(data)
        return 0
    labels = place_labels(atlas)  # the places in words, as the browser names them

    def places(ids: Sequence[str]) -> str:
        return ", ".join(sentence_label(labels.get(i, i.replace("_", " "))) for i in ids)

    print(f"{data['name']} ({data['id']}), body area: {area_words(muscle)}")
    if data["synonyms"]:
        print(f"  also called: {', '.join(data['synonyms'])}")
    print(f"  refers pain to: {places(data['essential'])}")
    if data["spillover"]:
        print(f"  and sometimes to: {places(data['spillover'])}")
    if data["partly"]:
        print(f"  over part of: {places(data['partly'])} (see --json for the shapes)")
    for segment, view in data["faces"].items():
        partly = segment in data["partly"]
        where = places([segment])
        print(f"  {where} on the {face_words(view, partly)}{'' if partly else ' only'}")
    tech = muscle.technique
    # a record rolled by its technique but with no room to roll says so, as the panel and
    # the browser do (the atlas is mirrored: the right side stands for both)
    no_room = not_rolled_here(muscle.id, "right", tables)
    if no_room is not None:
        print(f"  do not roll: {' '.join(no_room)}")
    else:
        print(f"  {'how' if data['rollable'] else 'do not roll'}: {tech.how}")
    for text in data["cautions"]:  # as the browser says them beside the record
        print(f"  caution: {text}")
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


def _cmd_atlas_export(args: argparse.Namespace) -> int:
    from bodymap.advisor.rollable import geojson_of
    from bodymap.atlas import load_atlas

    va = load_atlas()[args.view]
    outline = {"id": "body", "side": "midline", "kind": "outline", "layer": "outline",
               "name": "Body outline"}  # fmt: skip
    features: list[dict[str, Any]] = []
    if args.layer in (None, "outline"):
        features.append({"type": "Feature", "properties": {**outline, "view": va.view},
                         "geometry": geojson_of(va.outline)})  # fmt: skip
    for region in va.regions:
        if args.layer is None or region.layer == args.layer:
            features.append(
                {
                    "type": "Feature",
                    "properties": {**region.as_json(), "view": va.view},
                    "geometry": geojson_of(region.geometry),
                }
            )
    _print_json({"type": "FeatureCollection", "view": va.view, "features": features})
    return 0


def _cmd_atlas_render(args: argparse.Namespace) -> int:
    outdir = Path(args.outdir)
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CliError(f"cannot create {outdir}: {exc.strerror or exc}") from None
    from bodymap.ui.drawing.atlas_render import render_atlas

    for path in render_atlas(outdir):
        print(f"wrote {path}")
    return 0


def _cmd_screenshot(args: argparse.Namespace) -> int:
    inputs = [args.map] if args.map else []
    out = _output_path(args.output, "png", force=args.force, inputs=inputs)
    if args.map:
        _load_map(args.map)  # a bad map is reported here, before any window exists
    if args.mat_mode and not args.map:
        raise CliError("--mat-mode needs a map to plan the session from", status=2)
    from bodymap.ui.app import mat_screenshot, screenshot

    try:
        if args.mat_mode:
            mat_screenshot(out, Path(args.map), args.preset)
        else:
            screenshot(out, Path(args.map) if args.map else None)
    except OSError as exc:
        raise CliError(f"cannot write {out}: {exc.strerror or exc}") from None
    print(f"wrote {out}")
    return 0


def _cmd_gui(args: argparse.Namespace) -> int:
    if getattr(args, "map", None):
        _check_map_path(args.map)
    problem = display_problem(os.environ, sys.platform)
    if problem:
        raise CliError(problem, status=2)
    gc.disable()  # until the window is up (bodymap.ui.app.hold_collection)
    from bodymap.ui.app import run_gui

    status: int = run_gui(getattr(args, "map", None))
    return status


def _length_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--length",
        choices=LENGTHS,
        default="standard",
        help="routine length: short (about 5 min), standard (about 10-15 min, the default) "
        "or full (every step); what a length leaves out is listed",
    )


X11_PACKAGES = (
    "libxcb-cursor0 libegl1 libxkbcommon-x11-0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 "
    "libxcb-render-util0 libxcb-shape0 libxcb-xkb1"
)
"""The Debian/Ubuntu packages Qt's X11 (xcb) platform needs beyond a bare system."""


X11_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libEGL.so.1": "libegl1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
}
"""The libraries Qt's X11 plugin loads that a minimal system may lack, and their packages."""


def _loads(soname: str) -> bool:
    import ctypes

    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def display_problem(env: Any, platform: str, loads: Callable[[str], bool] = _loads) -> str | None:
    """Why the program's window cannot appear, in one line, or None. On Linux with no
    ``DISPLAY``, no ``WAYLAND_DISPLAY`` and no ``QT_QPA_PLATFORM`` chosen, or with an X11
    display but without the libraries Qt's X11 plugin needs, Qt would abort with a plugin
    message and a core dump; say instead what to do."""
    if not platform.startswith("linux"):
        return None
    chosen = env.get("QT_QPA_PLATFORM")
    if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY") or chosen):
        return (
            "no display found: run bodymap in a desktop session (bodymap screenshot and "
            "bodymap guide also work without one, or set QT_QPA_PLATFORM=offscreen); on "
            f"Debian or Ubuntu the window needs: sudo apt install {X11_PACKAGES}"
        )
    if env.get("WAYLAND_DISPLAY") or (chosen and chosen != "xcb"):
        return None
    missing = [package for soname, package in X11_LIBRARIES.items() if not loads(soname)]
    if not missing:
        return None
    return (
        f"the window cannot open: Qt's X11 libraries are missing ({' '.join(missing)}); on "
        f"Debian or Ubuntu: sudo apt install {X11_PACKAGES}"
    )


def _period_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from", dest="date_from", metavar="DATE", help="first day (YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="last day (YYYY-MM-DD)")


_FORCE_HELP = "replace an existing output file even if it is not of this kind"


@functools.cache
def build_parser() -> argparse.ArgumentParser:
    """The full command-line grammar, built once per process (about 5 ms): parsing leaves
    it as it was, so a program that runs several commands in one process reuses it."""
    parser = _Parser(
        prog="bodymap",
        description="Click where it hurts; see the muscles that commonly refer pain there "
        "and how to roll them. With no command, starts the program.",
    )
    parser.add_argument("--version", action="version", version=f"bodymap {__version__}")
    parser.set_defaults(func=_cmd_gui)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)

    _add_answer_commands(sub)
    _add_map_commands(sub)
    _add_record_commands(sub)
    _add_screenshot_command(sub)
    return parser


def _add_answer_commands(sub: argparse._SubParsersAction[_Parser]) -> None:
    """open, landmarks, locate, advise: the program, and what lies under a place and refers
    pain there."""
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
    p.add_argument(
        "--polygon",
        action="append",
        metavar='"X,Y X,Y ..."',
        help="a painted pain area, its corners in atlas units (may be given more than once)",
    )
    p.add_argument("--json", action="store_true", help="print the full answer as JSON")
    _length_option(p)
    p.set_defaults(func=_cmd_locate)
    # Coordinates such as -1e3 are numbers, not options (argparse only knows -12 and -1.5).
    p._negative_number_matcher = re.compile(r"^-(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$|^-(inf|nan)$")

    p = sub.add_parser("advise", help="advice for a saved map (both views)")
    p.add_argument("map", help="a .bodymap file")
    p.add_argument("--json", action="store_true", help="print the full answer as JSON")
    _length_option(p)
    p.set_defaults(func=_cmd_advise)


def _add_map_commands(sub: argparse._SubParsersAction[_Parser]) -> None:
    """guide, session, checkin, summary, history: what is done with a saved map."""
    p = _writing_command(sub, "guide", "write the printable rolling guide for a map as PDF", "PDF")
    _page_size_option(p)
    _length_option(p)
    p.add_argument(
        "--session", choices=PRESETS, default=None, help="add this session as a timed checklist"
    )
    p.set_defaults(func=_cmd_guide)

    p = sub.add_parser(
        "session", help="a timed rolling session for a map: print its plan, or roll it on the mat"
    )
    p.add_argument("map", help="a .bodymap file")
    p.add_argument("--preset", choices=PRESETS, required=True)
    p.add_argument("--beginner", action="store_true", help="shorter holds, a shorter session")
    _length_option(p)
    p.add_argument("--json", action="store_true", help="print the plan as JSON")
    p.add_argument(
        "--text",
        action="store_true",
        help="print the plan as a timed checklist with each step's cautions (no window)",
    )
    p.set_defaults(func=_cmd_session)

    p = _new_spot_parser(
        sub,
        "add",
        "mark a spot on a map, as a click does (saved at once, the previous file kept as .bak; "
        "a map file that does not exist yet is made)",
    )
    p.add_argument("x", metavar="X", help="atlas x (see bodymap landmarks)")
    p.add_argument("y", metavar="Y", help="atlas y")
    _spot_options(p, "spot")
    p.set_defaults(func=_cmd_add, polygon=None)

    p = _new_spot_parser(
        sub,
        "paint",
        "paint a pain area on a map, as a brush stroke does (the part on the body is kept; "
        "saved at once, the previous file kept as .bak; a new file is made)",
    )
    p.add_argument(
        "--polygon",
        required=True,
        metavar='"X,Y X,Y ..."',
        help="the area's corners in atlas units, in order round it",
    )
    _spot_options(p, "area")
    p.set_defaults(func=_cmd_add, x=None, y=None)

    p = sub.add_parser(
        "spots",
        help="list a map's spots as the window's list does: place, pain now and its trend",
    )
    p.add_argument("map", help="a .bodymap file")
    p.add_argument("--json", action="store_true", help="print the spots as JSON")
    p.set_defaults(func=_cmd_spots)

    p = sub.add_parser(
        "checkin",
        help="log how spots of a map feel (saved at once, the previous file kept as .bak)",
    )
    p.add_argument("map", help="a .bodymap file")
    p.add_argument(
        "readings",
        nargs="+",
        metavar="ID=INTENSITY",
        help=f"a spot id or number, and 0–10 ({SPOT_KEYS})",
    )
    p.add_argument("--at", metavar="DATETIME", help="back-date: ISO 8601, local time by default")
    p.add_argument(
        "--note",
        default=None,
        help="a note about this check-in (with --today it replaces today's note; "
        '--note "" removes it; without --note today\'s note is kept)',
    )
    p.add_argument(
        "--today",
        action="store_true",
        help="update today's check-in instead of adding one (with --at, a time of today, "
        "it moves there; a time on another day is refused)",
    )
    p.set_defaults(func=_cmd_checkin)

    p = _writing_command(sub, "summary", "write a one-page summary for a clinician as PDF", "PDF")
    _period_options(p)
    _page_size_option(p)
    p.set_defaults(func=_cmd_summary)

    p = _writing_command(sub, "history", "draw the History chart of a map to a PNG", "PNG")
    _period_options(p)
    p.add_argument(
        "--spots",
        metavar="ID,...",
        help="the spots to draw, by id or number, #N or id:X as for checkin "
        "(default: the first 8 with check-ins)",
    )
    p.set_defaults(func=_cmd_history)


def _add_record_commands(sub: argparse._SubParsersAction[_Parser]) -> None:
    """muscles, muscle, atlas: the knowledge records and the body atlas."""
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
    p = atlas_sub.add_parser(
        "export", help="write one view of the atlas (or one layer of it) as GeoJSON to stdout"
    )
    p.add_argument("--view", choices=VIEWS, required=True)
    p.add_argument("--layer", choices=EXPORT_LAYERS, default=None, help="default: every layer")
    p.set_defaults(func=_cmd_atlas_export)
    p = atlas_sub.add_parser("render", help="draw each view of the atlas to a PNG")
    p.add_argument("outdir", help="folder for the PNG files")
    p.set_defaults(func=_cmd_atlas_render)


def _add_screenshot_command(sub: argparse._SubParsersAction[_Parser]) -> None:
    """screenshot: the main window (or mat mode) drawn offscreen to a PNG."""
    p = sub.add_parser("screenshot", help="render the main window offscreen to a PNG")
    p.add_argument("output", metavar="OUT.png")
    p.add_argument("map", nargs="?", help="a .bodymap file to show")
    p.add_argument("--force", action="store_true", help=_FORCE_HELP)
    p.add_argument(
        "--mat-mode", action="store_true", help="render mat mode (the session's first step)"
    )
    p.add_argument("--preset", choices=PRESETS, default="warmup", help="with --mat-mode")
    p.set_defaults(func=_cmd_screenshot)


def _missing_action(parser: argparse.ArgumentParser) -> int:
    raise CliError(f"{parser.prog}: choose an action (see {parser.prog} --help)", status=2)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status. A map's path alone (what a file
    manager's "Open with" passes) opens it, as ``bodymap open MAP`` does."""
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0].lower().endswith(MAP_SUFFIX):
        argv.insert(0, "open")
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
