"""Knowledge and atlas agree: every record's region, trigger-point sites and segments."""

from __future__ import annotations

import dataclasses

import pytest
import shapely

from bodymap.atlas import load_atlas
from bodymap.knowledge import REGION_IDS, load_knowledge, site_point, validate_against_atlas

ATLAS = load_atlas()
KNOWLEDGE = load_knowledge()
BODY = ("superficial", "deep")


def test_validate_against_atlas_finds_nothing() -> None:
    assert validate_against_atlas(KNOWLEDGE, ATLAS) == []


@pytest.mark.parametrize("muscle_id", REGION_IDS)
def test_record_matches_atlas(muscle_id: str) -> None:
    muscle = KNOWLEDGE.muscles[muscle_id]
    regions = [r for va in ATLAS.values() for r in va.find(muscle_id) if r.layer in BODY]
    assert regions, f"{muscle_id} is not drawn in the atlas"
    assert {r.kind for r in regions} == {muscle.kind}
    segments = {r.id for va in ATLAS.values() for r in va.layer("segment")}
    for seg in (*muscle.referral.essential, *muscle.referral.spillover):
        assert seg in segments
    checked = 0
    for site in muscle.trigger_points:
        va = ATLAS[site.view]
        for side in ("right", "left"):
            x, y = site_point(site, side, va.landmarks)
            own = [r for r in va.find(muscle_id, side) if r.layer in BODY]
            assert any(shapely.contains_xy(r.geometry, x, y) for r in own), (site, side, (x, y))
            checked += 1
    assert checked == 2 * len(muscle.trigger_points) > 0


def test_site_sides_mirror() -> None:
    site = KNOWLEDGE.muscles["gluteus_medius"].trigger_points[0]
    (rx, ry), (lx, ly) = (site_point(site, s, ATLAS["back"].landmarks) for s in ("right", "left"))
    assert rx > 500 > lx and abs((rx - 500) + (lx - 500)) < 1.0 and ry == ly


def test_validation_reports_a_misplaced_site() -> None:
    soleus = KNOWLEDGE.muscles["soleus"]
    moved = dataclasses.replace(soleus.trigger_points[0], a="occiput", b="occiput", t=0.0)
    broken = dataclasses.replace(soleus, trigger_points=(moved,))
    muscles = {**KNOWLEDGE.muscles, "soleus": broken}
    problems = validate_against_atlas(dataclasses.replace(KNOWLEDGE, muscles=muscles), ATLAS)
    assert len(problems) == 2
    assert all(p.startswith("leg_foot.toml: muscle 'soleus': trigger point 0") for p in problems)


def test_validation_reports_a_segment_the_atlas_lacks() -> None:
    soleus = KNOWLEDGE.muscles["soleus"]
    referral = dataclasses.replace(soleus.referral, spillover=("tail",))
    muscles = {**KNOWLEDGE.muscles, "soleus": dataclasses.replace(soleus, referral=referral)}
    problems = validate_against_atlas(dataclasses.replace(KNOWLEDGE, muscles=muscles), ATLAS)
    assert problems == [
        "leg_foot.toml: muscle 'soleus': referral segment 'tail' is not in the atlas"
    ]


def test_every_muscle_region_carries_its_records_name() -> None:
    """What lies under a spot and the likely sources name a muscle alike: the region the
    atlas draws has the name of the record it stands for ("Thoracic erector spinae" in both,
    not "Erector spinae thoracic" under the spot)."""
    from bodymap.atlas import load_atlas
    from bodymap.knowledge import load_knowledge

    muscles = load_knowledge().muscles
    regions = [
        r
        for va in load_atlas().values()
        for r in va.regions
        if r.layer in ("superficial", "deep") and r.id in muscles
    ]
    assert len(regions) > 200
    assert [r.id for r in regions if r.name != muscles[r.id].name] == []
