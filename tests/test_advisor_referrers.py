"""The referrer table: who refers pain to a segment on a side, made a segment at a time."""

from __future__ import annotations

from bodymap.advisor.tables import Tables
from bodymap.atlas import load_atlas
from bodymap.knowledge import load_knowledge


def test_every_row_names_each_muscle_and_side_once_and_says_how_it_refers() -> None:
    knowledge = load_knowledge()
    table = Tables(load_atlas(), knowledge).referrers
    assert len(table) > 100
    for (seg, seg_side), rows in table.items():
        pairs = [(r.muscle, r.side) for r in rows]
        assert len(pairs) == len(set(pairs)), (seg, seg_side)
        for r in rows:
            referral = knowledge.muscles[r.muscle].referral
            assert seg in (referral.essential if r.zone == "essential" else referral.spillover)
            if r.zone == "spillover":
                assert seg not in referral.essential  # the essential zone is listed first
            verb = "commonly refer" if r.zone == "essential" else "can spread"
            name = knowledge.muscles[r.muscle].said_name
            assert r.text.startswith(f"Trigger points in the {name[:1].lower()}{name[1:]} {verb}")
            assert seg_side == "midline" or r.side in (seg_side, "midline")


def test_a_segment_nobody_refers_to_has_no_row() -> None:
    table = Tables(load_atlas(), load_knowledge()).referrers
    assert table.get(("no_such_segment", "right"), ()) == ()
    assert ("no_such_segment", "right") not in table
    some = next(iter(table))
    assert table[some] == table.get(some)  # made once, then kept
