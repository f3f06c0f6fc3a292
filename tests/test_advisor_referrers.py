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


def test_tailbone_pain_names_both_pelvic_floor_sources_and_rolls_neither() -> None:
    """T&S vol. 2 ch. 6: levator ani and coccygeus each refer pain to the tailbone; both lie
    inside the pelvis, so they are listed as not rolled, with what to do instead, and the
    routine works the muscles around them."""
    from bodymap.advisor import PainSpot, advise

    x, y = load_atlas()["back"].landmarks["coccyx"]
    answer = advise([PainSpot("back", x, y + 6, 5, "ache")]).to_json()
    top = [s["muscle"] for s in answer["sources"][:5]]
    assert {"levator_ani", "coccygeus", "obturator_internus", "gluteus_maximus"} <= set(top)
    held = {row["muscle"]: row["instead"] for row in answer["not_rolled"]}
    for muscle in ("levator_ani", "coccygeus"):
        assert "pelvic-health physiotherapist" in held[muscle]
        assert "a hand's width from the tailbone" in held[muscle]
    assert not {"levator_ani", "coccygeus"} & {s["muscle"] for s in answer["routine"]}
