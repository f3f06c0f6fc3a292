"""`bodymap muscles` and `bodymap muscle ID`: the catalogue a muscle browser and scripts read."""

from __future__ import annotations

import json

import pytest
import shapely
from shapely.geometry import shape

from bodymap.atlas import load_atlas
from bodymap.cli import main
from bodymap.knowledge import REGION_IDS, load_knowledge


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture(scope="module")
def catalogue() -> list[dict]:
    from bodymap.knowledge import muscle_entry

    atlas = load_atlas()
    return [muscle_entry(m, atlas) for m in load_knowledge().muscles.values()]


def test_muscles_json_lists_every_record_with_the_contract_keys(capsys) -> None:
    status, out, err = call(capsys, "muscles", "--json")
    assert status == 0 and not err
    entries = json.loads(out)
    assert {e["id"] for e in entries} == set(REGION_IDS)
    assert len(entries) >= 110
    for e in entries:
        for key in ("id", "name", "synonyms", "group", "area", "also_in", "views", "essential",
                    "spillover", "sites", "rollable", "source"):  # fmt: skip
            assert key in e, (e["id"], key)
        assert isinstance(e["rollable"], bool)
        assert e["views"] and e["essential"]
        assert set(e["partly"]) <= {*e["essential"], *e["spillover"]}
    lats = next(e for e in entries if e["id"] == "latissimus_dorsi")
    assert {"scapula", "mid_back"} <= set(lats["partly"])


def test_a_muscle_listed_under_more_body_areas_says_each(capsys) -> None:
    status, out, _err = call(capsys, "muscle", "pectoralis_major", "--json")
    data = json.loads(out)
    assert status == 0 and data["area"] == "shoulder_arm" and data["also_in"] == ["chest_wall"]
    status, out, _err = call(capsys, "muscles", "--json")
    entries = {e["id"]: e for e in json.loads(out)}
    assert entries["masseter"]["also_in"] == ["face_jaw"] and entries["soleus"]["also_in"] == []
    status, out, _err = call(capsys, "muscle", "rhomboids")  # in words, as the browser says it
    assert out.splitlines()[0].endswith(
        "body area: Shoulder and arm (also listed under Trunk and back)"
    )


def test_the_muscle_text_names_the_segments_it_covers_in_part(capsys) -> None:
    status, out, _err = call(capsys, "muscle", "latissimus_dorsi")
    assert status == 0
    line = next(t for t in out.splitlines() if t.strip().startswith("over part of:"))
    assert "shoulder blade" in line and "mid back" in line and "side of chest" not in line
    assert "_" not in out.split("  source:")[0].split(")", 1)[1]  # places in words, no ids
    status, out, _err = call(capsys, "muscle", "soleus")
    assert "over part of" not in out


def test_every_site_is_an_atlas_point_inside_its_muscle_on_both_sides(catalogue) -> None:
    atlas = load_atlas()
    for e in catalogue:
        if e["kind"] == "fascia":  # no trigger points: rolled around, never a source
            assert e["sites"] == {}, e["id"]
            continue
        assert e["sites"], e["id"]
        for view, sides in e["sites"].items():
            assert set(sides) == {"right", "left"}, e["id"]
            for side, points in sides.items():
                regions = [r for r in atlas[view].find(e["id"], side)
                           if r.layer in ("superficial", "deep")]  # fmt: skip
                for x, y in points:
                    assert any(shapely.contains_xy(r.geometry, x, y) for r in regions), (
                        e["id"], view, side, (x, y))  # fmt: skip


def test_common_names_find_their_muscle(catalogue) -> None:
    by_word: dict[str, set[str]] = {}
    for e in catalogue:
        for word in e["synonyms"]:
            by_word.setdefault(word.lower(), set()).add(e["id"])
    assert by_word["peroneus"] == {"fibularis"}
    assert by_word["lats"] == {"latissimus_dorsi"}
    assert "pectoralis_major" in by_word["pecs"]
    assert by_word["itb"] == {"iliotibial_band"}


def test_records_that_must_not_be_rolled_say_so(catalogue) -> None:
    not_rolled = {e["id"] for e in catalogue if not e["rollable"]}
    assert {"platysma", "digastric", "levator_ani", "coccygeus", "infrahyoids"} <= not_rolled
    assert "flexor_carpi_radialis" not in not_rolled


def test_a_muscle_record_says_its_cautions_as_the_browser_does(capsys) -> None:
    """``bodymap muscle`` said how to work a muscle but not its cautions, which the browser
    shows beside the record: the tailbone's "see a doctor soon" signs were missing."""
    from bodymap.knowledge import load_knowledge

    for muscle in ("coccygeus", "piriformis"):
        cautions = load_knowledge().muscles[muscle].cautions
        status, out, _ = call(capsys, "muscle", muscle)
        assert status == 0 and cautions
        assert [line for line in out.splitlines() if line.startswith("  caution: ")] == [
            f"  caution: {text}" for text in cautions
        ]
        status, out, _ = call(capsys, "muscle", muscle, "--json")
        assert json.loads(out)["cautions"] == list(cautions)


def test_muscle_json_gives_its_zones_as_geojson(capsys) -> None:
    status, out, _ = call(capsys, "muscle", "lateral_pterygoid", "--json")
    assert status == 0
    data = json.loads(out)
    assert data["id"] == "lateral_pterygoid" and "tmj" in data["essential"]
    right = data["zones"]["front"]["right"]
    essential = shape(right["essential"])
    assert essential.is_valid and essential.area > 0
    region = shape(right["region"])
    x, y = data["sites"]["front"]["right"][0]
    assert region.contains(shapely.Point(x, y))
    assert set(data["zones"]) == {"front", "back"}


def test_muscle_view_option_and_roll_zone_keeps_clear_of_cautions(capsys) -> None:
    status, out, _ = call(capsys, "muscle", "gastrocnemius", "--view", "back", "--json")
    assert status == 0
    data = json.loads(out)
    assert set(data["zones"]) == {"back"}
    side = data["zones"]["back"]["left"]
    roll, region = shape(side["roll_zone"]), shape(side["region"])
    assert 0 < roll.area < region.area  # the back of the knee is cut out
    fossa = [r for r in load_atlas()["back"].find("popliteal_fossa", "left")]
    assert not any(roll.intersection(r.geometry).area > 0.5 for r in fossa)


def test_a_muscle_not_to_roll_has_no_roll_zone(capsys) -> None:
    status, out, _ = call(capsys, "muscle", "platysma", "--json")
    data = json.loads(out)
    assert status == 0 and data["rollable"] is False
    assert data["zones"]["front"]["right"]["roll_zone"] is None
    assert data["zones"]["front"]["right"]["region"] is not None


def test_unknown_muscle_is_one_line_and_non_zero(capsys) -> None:
    status, out, err = call(capsys, "muscle", "peroneus_maximus")
    assert status != 0 and not out
    assert err.count("\n") == 1 and "peroneus_maximus" in err


def test_a_common_name_for_an_id_is_pointed_to_the_id(capsys) -> None:
    status, out, err = call(capsys, "muscle", "peroneus")
    assert status != 0 and not out
    assert err.count("\n") == 1 and "did you mean fibularis?" in err
    status, _, err = call(capsys, "muscle", "pecs")
    assert status != 0 and "pectoralis_major or pectoralis_minor" in err


def test_plain_listing_shows_synonyms_and_dont_roll(capsys) -> None:
    status, out, _ = call(capsys, "muscles")
    assert status == 0
    lines = {line.split()[0]: line for line in out.splitlines()}
    assert "peroneus" in lines["fibularis"]
    assert "don't roll" in lines["levator_ani"]
    assert "don't roll" in lines["coccygeus"]
    assert "don't roll" not in lines["fibularis"]
    # rolled by its technique, but all of it lies where nothing is rolled: as `muscle` says
    assert "don't roll" in lines["sternocleidomastoid"]
    status, out, _ = call(capsys, "muscle", "sternocleidomastoid")
    assert "do not roll" in out
    status, out, _ = call(capsys, "muscle", "fibularis")
    assert status == 0 and "peroneus" in out and "Travell" in out


@pytest.mark.slow
def test_atlas_check_fails_when_a_new_record_strays(capsys, monkeypatch) -> None:
    """`bodymap atlas check` lists a site outside its muscle and a missing segment, exit 1."""
    import dataclasses

    import bodymap.knowledge as knowledge

    real = load_knowledge()
    fpl = real.muscles["flexor_pollicis_longus"]
    away = dataclasses.replace(fpl.trigger_points[0], a="temple", b="temple", t=0.0, dx=0, dy=0)
    referral = dataclasses.replace(fpl.referral, spillover=("nail_bed",))
    broken = dataclasses.replace(fpl, trigger_points=(away,), referral=referral)
    muscles = {**real.muscles, "flexor_pollicis_longus": broken}
    monkeypatch.setattr(
        knowledge, "load_knowledge", lambda: dataclasses.replace(real, muscles=muscles)
    )
    status, out, err = call(capsys, "atlas", "check")
    assert status == 1 and "problem" in err
    lines = out.splitlines()
    strays = [ln for ln in lines if "'flexor_pollicis_longus': trigger point 0" in ln]
    assert strays and all("outside" in ln for ln in strays)
    assert any("'nail_bed' is not in the atlas" in ln for ln in lines)


@pytest.mark.parametrize("command", ["muscles", "muscle"])
def test_help_names_the_options(capsys, command: str) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "--json" in out and (command == "muscles" or "--view" in out)
