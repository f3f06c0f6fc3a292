"""One source for every sentence about safety: the knowledge tables in assets/knowledge/.

The disclaimer, the advice, the warning signs, the contraindications and the cautions are
written once, as data, and the panel, the dialogs, the printed guide and the command line
render them from there. A Python file that carries its own copy (or its own wording of a
disclaimer or a warning) drifts from the data; these tests find one.
"""

from __future__ import annotations

import ast
import functools
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "bodymap"
KNOWLEDGE = ROOT / "assets" / "knowledge"
WINDOW = 40
"""Characters two texts must share, in one run, to count as a copy."""
SAFETY_WORDS = re.compile(
    r"medical advice|emergency|diagnos|pregnan|blood thinner|osteoporosis|aneurysm|hernia",
    re.IGNORECASE,
)
"""Words that only a safety sentence uses; such sentences belong in the tables."""


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


@functools.cache
def data_sentences() -> list[str]:
    """Every text of the knowledge tables long enough to be a sentence."""
    out = []
    for path in sorted(KNOWLEDGE.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        out += [_normal(s) for s in _strings(data) if len(s) >= WINDOW]
    return out


@functools.cache
def python_literals() -> list[tuple[str, int, str]]:
    """(file, line, text) of every string literal in the package (f-string parts too),
    docstrings (a string standing alone as a statement) left out: they are never shown."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {  # module, class, function and attribute docstrings: never shown
            id(node.value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
        }
        for node in ast.walk(tree):
            is_text = isinstance(node, ast.Constant) and isinstance(node.value, str)
            if is_text and id(node) not in docstrings:
                found.append((str(path.relative_to(ROOT)), node.lineno, node.value))
    return found


def test_the_tables_hold_the_safety_sentences() -> None:
    """The check below has something to compare with (it cannot pass by finding nothing)."""
    sentences = " ".join(data_sentences())
    for words in ("not medical advice", "emergency services", "pregnan", "blood thinner"):
        assert words in sentences, words


@pytest.mark.slow
def test_no_python_file_copies_a_sentence_of_the_tables() -> None:
    windows = {
        sentence[i : i + WINDOW]
        for sentence in data_sentences()
        for i in range(len(sentence) - WINDOW + 1)
    }
    copies = []
    for file, line, text in python_literals():
        norm = _normal(text)
        if any(norm[i : i + WINDOW] in windows for i in range(len(norm) - WINDOW + 1)):
            copies.append(f"{file}:{line}: {text[:70]!r}")
    assert not copies, "\n".join(copies)


@pytest.mark.slow
def test_no_python_file_words_a_disclaimer_or_warning_of_its_own() -> None:
    found = [
        f"{file}:{line}: {text[:70]!r}"
        for file, line, text in python_literals()
        if SAFETY_WORDS.search(text)
    ]
    assert not found, "\n".join(found)


# -- a warning's words fit every place it is raised ------------------------------------------

_NO_PRESS_PLACES = [
    ("chest", 440, 280),
    ("jaw", 470, 110),
    ("throat", 500, 160),
    ("belly", 500, 340),
]


@pytest.mark.parametrize(("place", "x", "y"), _NO_PRESS_PLACES)
def test_the_no_press_note_speaks_of_the_spot_wherever_it_is(
    place: str, x: float, y: float
) -> None:
    """The heart warning's note (no press test) is shown on the jaw, the throat and the upper
    belly as on the chest: it speaks of "this spot", never of a chest the spot is not on."""
    from bodymap.advisor import PainSpot, advise

    finding = advise([PainSpot("front", x, y, 5, "ache")]).spots[0]
    assert "this spot" in finding.press_note, (place, finding)
    assert "chest" not in finding.press_note


def test_a_warning_raised_by_a_severe_limb_pain_names_a_case_that_fits_a_limb() -> None:
    """A 7/10 pain on the outer thigh raises the spine's general warning signs (trauma,
    fever, night pain, weight loss, as a bone far from the spine can be their seat too):
    a sign that speaks of back or neck pain also names a case a limb can meet."""
    from bodymap.advisor import PainSpot, advise

    flags = advise([PainSpot("front", 405, 600, 7, "ache")]).red_flags
    assert {"weight_loss", "night_pain", "fever"} <= {flag.id for flag in flags}
    for flag in flags:
        if "back or neck pain" in flag.text:
            assert "any new severe pain" in flag.text, flag.id


NOT_HERE = re.compile(
    r"\b(do not|don't|never) (press|roll|lean)|nerve or (blood )?vessel|too close to",
    re.IGNORECASE,
)
"""Words that tell someone where not to press or roll: they belong in the tables."""
LABEL = 40
"""A text this short is a heading or a label ("Do not roll — do this instead", "[don't
roll]") above the tables' own words, not a sentence about a place."""
UNREACHED = {
    "Do not roll or press hard here; work the muscles around it.",
}
"""The note for a zone the tables do not word: never shown with the shipped tables, which
word every zone (``test_every_caution_zone_has_plain_text``), but safe if one is added."""


@pytest.mark.slow
def test_no_python_file_says_where_not_to_press_or_roll_in_its_own_words() -> None:
    """What an open circle, a hatched place or a pinched muscle means for pressing is said
    once, in ``assets/knowledge/`` (the legend once said "too close to a nerve or blood
    vessel" of marks that also stand beside the kidneys and bony points)."""
    found = [
        f"{file}:{line}: {text[:70]!r}"
        for file, line, text in python_literals()
        if NOT_HERE.search(text) and len(text.strip()) > LABEL and text not in UNREACHED
    ]
    assert not found, "\n".join(found)
