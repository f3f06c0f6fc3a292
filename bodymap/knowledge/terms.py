"""The search terms table (``search_terms.toml``): everyday names of complaints and muscle
groups ("tennis elbow", "rotator cuff") with the muscles each lists, read strictly.

A self-care index, not a diagnosis: the browser says a muscle is "often involved in what
people call tennis elbow", in the words the table's ``[said]`` gives.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass

from bodymap.knowledge.fields import Fields

__all__ = ["SEARCH_TERMS_FILE", "TERM_KINDS", "SearchTerm", "parse_search_terms"]

SEARCH_TERMS_FILE = "search_terms.toml"
TERM_KINDS = ("complaint", "group")
_NOT_WORD = re.compile(r"[^0-9a-z]+")


@dataclass(frozen=True)
class SearchTerm:
    """One everyday name and the muscles it lists, the most commonly involved first."""

    term: str
    kind: str
    also: tuple[str, ...]
    muscles: tuple[str, ...]
    source: str
    said: str
    """Why a muscle is listed, with ``{term}`` for the entry's name: "often involved in
    what people call {term}"."""
    warning: str = ""
    """When to see a clinician rather than roll, shown with the list (a complaint whose
    name can hide something that is not muscle: sciatica, shin splints, heel pain)."""

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.term, *self.also)

    @property
    def why(self) -> str:
        """The reason a listed muscle gives, in the entry's own name whatever was typed:
        "often involved in what people call tennis elbow" (also for "lateral
        epicondylitis": the list names no clinical condition)."""
        return self.said.format(term=self.term)


def _key(text: str) -> str:
    return " ".join(_NOT_WORD.sub(" ", text.casefold()).split())


def parse_search_terms(top: Fields, muscles: Container[str]) -> tuple[SearchTerm, ...]:
    """The entries of ``search_terms.toml``: known keys only, a known kind, every muscle a
    record of ``muscles``, and each spelling naming one entry."""
    said_f = top.table("said")
    said: dict[str, str] = {}
    for kind in TERM_KINDS:
        frame = said_f.text(kind)
        try:
            frame.format(term="")
        except (KeyError, IndexError, ValueError) as exc:
            raise said_f.error(f"{kind!r} takes only {{term}}: {exc}") from exc
        if "{term}" not in frame:
            raise said_f.error(f"{kind!r} must say {{term}}")
        said[kind] = frame
    said_f.finish()
    terms: list[SearchTerm] = []
    owner: dict[str, str] = {}
    for f in top.tables("term"):
        term = f.text("term")
        f.where = f"{top.where}: term {term!r}"
        kind = f.choice("kind", TERM_KINDS)
        also = f.texts("also", required=False)
        for spelling in (term, *also):
            key = _key(spelling)
            if not key:
                raise f.error(f"spelling {spelling!r} has no letters or digits")
            if key in owner:
                raise f.error(f"spelling {spelling!r} already names term {owner[key]!r}")
            owner[key] = term
        listed = f.texts("muscles", nonempty=True)
        unknown = [m for m in listed if m not in muscles]
        if unknown:
            raise f.error(f"muscles names unknown muscle(s) {unknown}")
        warning = f.text("warning", required=False)
        terms.append(SearchTerm(term, kind, also, listed, f.text("source"), said[kind], warning))
        f.finish()
    top.finish()
    return tuple(terms)
