"""Typos and special files on the command line: one line, a non-zero exit, no traceback, and
every file the user gave left byte for byte as it was."""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from bodymap.atlas.loader import AtlasError
from bodymap.cli import X11_LIBRARIES, X11_PACKAGES, display_problem, main
from bodymap.knowledge import KnowledgeError
from bodymap.resources import ResourceError

EXAMPLES = Path(__file__).resolve().parents[1] / "assets" / "examples"
PNG = b"\x89PNG\r\n\x1a\n"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


@pytest.fixture
def a_map(tmp_path: Path) -> Path:
    path = tmp_path / "desk.bodymap"
    shutil.copyfile(EXAMPLES / "runner.bodymap", path)
    return path


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["screenshot", "{map}"], "cannot write {map}: a map's name; give a name ending in .png"),
        (
            ["screenshot", "{map}", "{map}"],
            "cannot write {map}: it is the map being read; name another file",
        ),
        (
            ["guide", "{map}", "-o", "{map}"],
            "cannot write {map}: it is the map being read; name another file",
        ),
        (
            ["guide", "{map}", "-o", "{map}", "--force"],
            "cannot write {map}: it is the map being read; name another file",
        ),
        (
            ["guide", "{map}", "-o", "{other}"],
            "cannot write {other}: a map's name; give a name ending in .pdf",
        ),
        (
            ["guide", "{map}", "-o", "{dir}/guide.png"],
            "cannot write {dir}/guide.png: not a PDF name; give a name ending in .pdf",
        ),
        (
            ["guide", "{map}", "-o", "{dir}/guide"],
            "cannot write {dir}/guide: not a PDF name; give a name ending in .pdf",
        ),
        (
            ["screenshot", "{dir}/shot.pdf", "{map}"],
            "cannot write {dir}/shot.pdf: not a PNG name; give a name ending in .png",
        ),
    ],
)
def test_a_typo_never_replaces_the_map(tmp_path, a_map, capsys, args, message) -> None:
    other = tmp_path / "other.bodymap"
    shutil.copyfile(a_map, other)
    before = sha(a_map), sha(other)
    fill = {"map": str(a_map), "other": str(other), "dir": str(tmp_path)}
    status, out, err = call(capsys, *(a.format(**fill) for a in args))
    assert status == 1
    assert one_line(err) == "bodymap: " + message.format(**fill)
    assert out == ""
    assert (sha(a_map), sha(other)) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["desk.bodymap", "other.bodymap"]


def test_the_map_is_recognised_under_another_spelling_of_its_path(
    tmp_path, a_map, capsys, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    link = tmp_path / "shot.png"
    link.symlink_to(a_map)
    before = sha(a_map)
    status, _, err = call(capsys, "screenshot", "./shot.png", str(a_map))
    assert status == 1
    assert "it is the map being read" in one_line(err)
    assert sha(a_map) == before


@pytest.mark.parametrize(("kind", "command"), [("pdf", "guide"), ("png", "screenshot")])
def test_an_existing_file_of_another_kind_needs_force(
    tmp_path, a_map, capsys, kind: str, command: str
) -> None:
    out = tmp_path / f"notes.{kind}"
    out.write_text("my notes, not a picture\n")
    args = ["guide", str(a_map), "-o", str(out)] if command == "guide" else [command, str(out)]
    status, _, err = call(capsys, *args)
    assert status == 1
    assert one_line(err) == (
        f"bodymap: cannot write {out}: it exists and is not a {kind.upper()} "
        "(use --force to replace it)"
    )
    assert out.read_text() == "my notes, not a picture\n"


@pytest.mark.slow
def test_force_replaces_a_file_of_another_kind_and_a_guide_replaces_a_guide(
    tmp_path, a_map, capsys
) -> None:
    out = tmp_path / "guide.pdf"
    out.write_text("not a pdf")
    before = sha(a_map)
    status, _, err = call(capsys, "guide", str(a_map), "-o", str(out), "--force")
    assert (status, err) == (0, "")
    assert out.read_bytes().startswith(b"%PDF-")
    status, _, err = call(capsys, "guide", str(a_map), "-o", str(out))  # a PDF: no --force
    assert (status, err) == (0, "")
    assert sha(a_map) == before


@pytest.mark.parametrize("command", ["guide", "screenshot"])
def test_special_files_are_never_outputs(tmp_path, a_map, capsys, command: str) -> None:
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    sock_path = tmp_path / "sock.pdf"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(sock_path))
    try:
        cases = [
            (Path("/dev/null"), "a character device"),
            (fifo, "a named pipe (FIFO)"),
            (sock_path, "a socket"),
        ]
        for target, words in cases:
            args = (
                ["guide", str(a_map), "-o", str(target), "--force"]
                if command == "guide"
                else ["screenshot", str(target), "--force"]
            )
            status, _, err = call(capsys, *args)
            assert status == 1
            assert one_line(err) == f"bodymap: cannot write {target}: it is {words}, not a file"
            assert fifo.exists() and not fifo.is_file()
    finally:
        sock.close()


def test_a_symlink_to_a_device_is_a_device(tmp_path, a_map, capsys) -> None:
    link = tmp_path / "guide.pdf"
    link.symlink_to("/dev/null")
    status, _, err = call(capsys, "guide", str(a_map), "-o", str(link))
    assert status == 1
    assert one_line(err).endswith("it is a character device, not a file")
    assert link.is_symlink()


@pytest.mark.parametrize(
    "command", [["open"], ["advise"], ["guide", "-o", "{dir}/g.pdf"], ["screenshot", "{dir}/s.png"]]
)
def test_a_special_file_as_the_map_says_what_it_is(tmp_path, capsys, command) -> None:
    fifo = tmp_path / "pipe.bodymap"
    os.mkfifo(fifo)
    for target, words in [("/dev/zero", "a character device"), (str(fifo), "a named pipe (FIFO)")]:
        args = [c.format(dir=tmp_path) for c in command]
        args = [*args[:1], target, *args[1:]] if args[0] != "screenshot" else [*args, target]
        status, _, err = call(capsys, *args)
        assert status == 1
        assert one_line(err) == f"bodymap: cannot open {target}: it is {words}, not a map file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe.bodymap"]


@pytest.mark.parametrize(("target", "words"), [("/dev/zero", "a character device")])
def test_a_device_as_points_file_is_refused(capsys, target: str, words: str) -> None:
    status, _, err = call(capsys, "locate", "--view", "front", "--points-file", target)
    assert status == 1
    assert one_line(err) == f"bodymap: cannot read points file {target}: it is {words}, not a file"


def test_a_fifo_with_no_writer_as_points_file_does_not_hang(tmp_path) -> None:
    fifo = tmp_path / "points.csv"
    os.mkfifo(fifo)
    proc = subprocess.run(
        [sys.executable, "-m", "bodymap", "locate", "--view", "front", "--points-file", str(fifo)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1
    assert one_line(proc.stderr) == (
        f"bodymap: cannot read points file {fifo}: it is a named pipe (FIFO), not a file"
    )


def test_an_endless_line_in_a_points_file_stops_at_the_bound(tmp_path, capsys) -> None:
    path = tmp_path / "points.csv"
    path.write_bytes(b"1,2\n" + b"3" * 50_000 + b",4\n")
    status, _, err = call(capsys, "locate", "--view", "front", "--points-file", str(path))
    assert status == 1
    assert one_line(err) == f"bodymap: {path}, line 2: longer than 1,000 characters"


def test_a_points_file_stops_at_its_size_bound(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setattr("bodymap.cli.MAX_POINTS_BYTES", 100)
    path = tmp_path / "points.csv"
    path.write_bytes(b"# a comment line that does not count as a point\n" * 10)
    status, _, err = call(capsys, "locate", "--view", "front", "--points-file", str(path))
    assert status == 1
    assert one_line(err) == f"bodymap: cannot read points file {path}: larger than 100 characters"


def test_dev_zero_as_points_file_through_the_real_process(tmp_path) -> None:
    args = ["locate", "--view", "front", "--points-file", "/dev/zero"]
    proc = subprocess.run(
        [sys.executable, "-m", "bodymap", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1
    one_line(proc.stderr)


def _bare_env() -> dict[str, str]:
    env = dict(os.environ)
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        env.pop(name, None)
    return env


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland are Linux's")
@pytest.mark.parametrize("args", [[], ["open", "{map}"]])
def test_a_bare_desktop_gets_one_line_and_exit_2(tmp_path, a_map, args) -> None:
    before = sha(a_map)
    proc = subprocess.run(
        [sys.executable, "-m", "bodymap", *(a.format(map=a_map) for a in args)],
        capture_output=True,
        text=True,
        timeout=60,
        env=_bare_env(),
        cwd=tmp_path,
    )
    assert proc.returncode == 2, proc.stderr
    line = one_line(proc.stderr)
    assert line.startswith("bodymap: no display found: run bodymap in a desktop session")
    assert "QT_QPA_PLATFORM=offscreen" in line
    assert line.endswith(f"sudo apt install {X11_PACKAGES}")
    assert not list(tmp_path.glob("core*"))
    assert sha(a_map) == before


def test_display_problem_knows_every_way_to_a_display() -> None:
    def every(_soname: str) -> bool:
        return True

    assert display_problem({}, "linux", every) is not None
    assert display_problem({"DISPLAY": ":0"}, "linux", every) is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux", every) is None
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux", every) is None
    assert display_problem({}, "darwin", every) is None
    assert display_problem({}, "win32", every) is None


def test_missing_x11_libraries_are_named_instead_of_a_core_dump() -> None:
    def lacks_cursor(soname: str) -> bool:
        return soname != "libxcb-cursor.so.0"

    problem = display_problem({"DISPLAY": ":0"}, "linux", lacks_cursor)
    assert problem == (
        "the window cannot open: Qt's X11 libraries are missing (libxcb-cursor0); on "
        f"Debian or Ubuntu: sudo apt install {X11_PACKAGES}"
    )
    assert display_problem({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}, "linux", lacks_cursor)
    assert display_problem({"DISPLAY": ":0", "WAYLAND_DISPLAY": "w"}, "linux", lacks_cursor) is None
    assert set(X11_LIBRARIES.values()) == set(X11_PACKAGES.split())


def test_this_machine_has_what_the_x11_plugin_loads() -> None:
    """The real check finds the libraries that are here (the tests' own display needs them)."""
    if shutil.which("Xvfb") is None:
        pytest.skip("no X11 here")
    assert display_problem({"DISPLAY": ":0"}, "linux") is None


def test_the_readme_apt_line_lists_every_package() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert f"sudo apt install {X11_PACKAGES}" in readme


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland are Linux's")
def test_screenshot_and_guide_work_on_a_bare_desktop(tmp_path, a_map) -> None:
    env = _bare_env()
    for args, out in [
        (["screenshot", str(tmp_path / "s.png"), str(a_map)], tmp_path / "s.png"),
        (["guide", str(a_map), "-o", str(tmp_path / "g.pdf")], tmp_path / "g.pdf"),
    ]:
        proc = subprocess.run(
            [sys.executable, "-m", "bodymap", *args],
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
        )
        assert proc.returncode == 0, proc.stderr
        assert out.read_bytes()[:4] in (PNG[:4], b"%PDF")


def test_an_output_of_any_kind_still_refuses_devices_and_inputs(tmp_path, a_map) -> None:
    """The shared check as other commands (exports of any format) use it."""
    from bodymap.cli import CliError, _output_path

    assert _output_path(str(tmp_path / "table.csv")) == tmp_path / "table.csv"
    with pytest.raises(CliError, match="it is a character device, not a file"):
        _output_path("/dev/null")
    with pytest.raises(CliError, match="it is the map being read"):
        _output_path(str(a_map), inputs=[str(a_map)])


@pytest.mark.parametrize(
    ("command", "ending"),
    [("history", ".png"), ("screenshot", ".png"), ("guide", ".pdf"), ("summary", ".pdf")],
)
def test_no_output_is_written_over_a_map_even_with_force(
    capsys, tmp_path: Path, a_map: Path, command: str, ending: str
) -> None:
    """A link named like a picture that leads to another map, or a map saved under a
    picture's name: --force replaces a file of another kind, never a map (history and
    screenshot wrote through such a link)."""
    other = tmp_path / "other.bodymap"
    shutil.copyfile(EXAMPLES / "runner.bodymap", other)
    link = tmp_path / f"link{ending}"
    link.symlink_to(other)
    disguised = tmp_path / f"disguised{ending}"
    shutil.copyfile(EXAMPLES / "runner.bodymap", disguised)
    before = {path: sha(path) for path in (other, disguised, a_map)}
    for out in (link, disguised):
        args = [command, str(out), str(a_map)] if command == "screenshot" else []
        args = args or [command, str(a_map), "-o", str(out)]
        status, _out, err = call(capsys, *args, "--force")
        assert status != 0
        line = one_line(err)
        assert "it is a map" in line and "name another file" in line, line
    assert {path: sha(path) for path in before} == before
    assert link.is_symlink()


def test_small_slips_are_read_kindly_or_named_plainly(capsys, tmp_path: Path, a_map: Path) -> None:
    """A page size in any case is understood; an empty output name, and a lone coordinate,
    are said in plain words."""
    out = tmp_path / "guide.pdf"
    status, _printed, err = call(capsys, "guide", str(a_map), "-o", str(out), "--page-size", "a4")
    assert (status, err) == (0, "") and out.read_bytes().startswith(b"%PDF")
    status, _printed, err = call(capsys, "guide", str(a_map), "-o", "")
    assert (
        status != 0 and one_line(err) == "bodymap: no output file named: give a file name after -o"
    )
    status, _printed, err = call(capsys, "locate", "--view", "front", "500")
    assert status != 0 and one_line(err).endswith("got 1 number")


@pytest.mark.parametrize(
    ("loader", "error"),
    [
        ("bodymap.atlas.load_atlas", AtlasError("front.geojson: feature 12 has no 'id'")),
        ("bodymap.atlas.load_atlas", ResourceError("bodymap asset atlas/front.geojson is missing")),
        ("bodymap.knowledge.load_knowledge", KnowledgeError("cautions.toml: line 3: bad value")),
    ],
    ids=["atlas", "missing file", "knowledge"],
)
def test_damaged_installed_data_exits_3_in_one_line(
    capsys, monkeypatch, loader: str, error: Exception
) -> None:
    """A broken installation (a data file missing or malformed) says so in one line and
    exits 3, so a script or a packager can tell it from a mistake in what was typed (1) or
    a usage error (2)."""

    def damaged(*_args: object) -> None:
        raise error

    monkeypatch.setattr(loader, damaged)
    status, out, err = call(capsys, "muscles")
    assert (status, out) == (3, "")
    assert one_line(err) == f"bodymap: the installed data is damaged: {error}"
