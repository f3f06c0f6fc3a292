"""Self-care guidance, not diagnosis, in every sentence a person reads from the knowledge
tables: none says "you have", "is a sign of" or that the pain "may be" a condition. A pain
that often has another cause says where it "commonly comes from" and what to do.

The check reads every text the loaded tables hold (muscles, zones, red flags, advice,
safety sentences, contraindications, body parts), leaving out only the cited ``source``
strings, which name conditions by design. It is shown to catch the sentences the
physiotherapist review (round 5, caution texts item 10) found, so it can fail.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Mapping

import pytest

from bodymap.knowledge import load_knowledge

KNOWLEDGE = load_knowledge()
NOT_READ = {"source", "file"}
"""Fields no person reads as advice: citations, and the table file a record came from."""

DIAGNOSIS = re.compile(
    r"\byou(?:'ve| have)\b(?! (?:been|had|to)\b)"  # "you have" a condition (not "you have been")
    r"|\bis an? (?:\w+ )?sign of\b"  # "is a (clear) sign of"
    r"|\b(?:may|might|must) be\b"  # "may be a nerve", "might be the joint"
    # "can be shingles", "could be a tear"; not "can be eased" nor "could be pregnant"
    r"|\b(?:can|could) be (?!pregnant\b|\w+ed\b|\w+ly\b)\w+",
    re.IGNORECASE,
)
"""Wording that tells a person what they have."""


def _texts(value: object, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield where, value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            if f.name not in NOT_READ:
                yield from _texts(getattr(value, f.name), f"{where}.{f.name}")
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _texts(item, f"{where}[{key}]")
    elif isinstance(value, (tuple, list, frozenset, set)):
        for k, item in enumerate(
            sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        ):
            yield from _texts(item, f"{where}[{k}]")


TEXTS = list(_texts(KNOWLEDGE, "knowledge"))


def test_the_check_reads_every_kind_of_text() -> None:
    """Not vacuous: it reads muscle cautions and how-tos, zones, flags and the advice."""
    where = " ".join(w for w, _ in TEXTS)
    for part in (".cautions[", ".how", ".red_flags[", ".advice[", ".safety.check_first",
                 ".contraindications[", ".spot_reason"):  # fmt: skip
        assert part in where, part
    assert len(TEXTS) > 1000
    assert not any(w.endswith(".source") for w, _ in TEXTS)


@pytest.mark.parametrize(
    "sentence",
    [  # the sentences the review found, and other ways to say the same
        "Pain after a fall or a cough that hurts to breathe may be a rib injury: see a clinician.",
        "A burning band of pain along a rib, with or before a rash, can be shingles: see a doctor.",
        "Sharp pain between the toes with numbness may be a nerve (Morton's neuroma).",
        "Pain at the base of the thumb might be the joint.",
        "You have a trigger point here.",
        "If you've got numbness, stop.",
        "Swelling is a sign of a stress fracture.",
        "This could be a torn tendon.",
    ],
)
def test_the_check_catches_a_diagnosis(sentence: str) -> None:
    assert DIAGNOSIS.search(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Heel pain on the first steps commonly comes from the plantar fascia.",
        "Call emergency services if you could be pregnant.",
        "Soreness can be eased by rolling less.",
        "Stop if you have been told not to.",
    ],
)
def test_the_check_lets_house_style_through(sentence: str) -> None:
    assert not DIAGNOSIS.search(sentence)


def test_no_knowledge_text_tells_a_person_what_they_have() -> None:
    found = [(where, m.group(0), text) for where, text in TEXTS if (m := DIAGNOSIS.search(text))]
    assert not found, "\n".join(f"{w}: {g!r} in {t}" for w, g, t in found)


def test_the_reworded_cautions_say_where_the_pain_commonly_comes_from() -> None:
    muscles = KNOWLEDGE.muscles
    cautions = " ".join(c for m in muscles.values() for c in m.cautions)
    for words in ("can come from a rib or the lung rather than a muscle: see a clinician before"
                  " rolling here, and call emergency services if you are short of breath or"
                  " coughing blood",
                  "commonly comes from a nerve (as in shingles), not a muscle: do not roll it, and"
                  " see a doctor within a day or two: treatment works best in the first 3 days of"
                  " the rash",
                  "Pain on the top of the foot that is worse with each step and tender on the"
                  " bone, or with swelling, can come from a crack in the bone (a stress fracture)"
                  " rather than a muscle",
                  "commonly comes from the plantar fascia",
                  "commonly comes from a nerve squeezed between the toe bones",
                  "commonly comes from the joint or a tendon rather than a muscle"):  # fmt: skip
        assert words in cautions, words
    # the low back balls: between the ribs and the pelvis, lightly under the ribs (a hand's
    # width below the lowest ribs would be the top of the pelvis itself: no room at all)
    erector = " ".join(muscles["erector_spinae_lumbar"].cautions)
    assert "from just below the lowest ribs down to the top of the pelvis" in erector
    assert "press only lightly just under the ribs" in erector
