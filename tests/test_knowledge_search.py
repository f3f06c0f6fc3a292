"""Finding muscle records by the names people use (the muscle browser's search)."""

from __future__ import annotations

import re

import pytest

from bodymap.atlas import load_atlas
from bodymap.knowledge import load_knowledge
from bodymap.knowledge.search import (
    AREA_NAMES,
    area_name,
    areas,
    normalise,
    search_muscles,
    term_warnings,
)


@pytest.fixture(scope="module")
def knowledge():
    return load_knowledge()


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("peroneus", "fibularis"),
        ("Peroneus Longus", "fibularis"),
        ("lats", "latissimus_dorsi"),
        ("ITB", "iliotibial_band"),
        ("it band", "iliotibial_band"),
        ("QL", "quadratus_lumborum"),
        ("infraspinatus", "infraspinatus"),
        ("gluteus_medius", "gluteus_medius"),
        ("psoas", "iliopsoas"),
        ("lateral pter", "lateral_pterygoid"),
    ],
)
def test_a_name_or_synonym_finds_the_record_first(knowledge, query, first):
    assert search_muscles(query, knowledge)[0].muscle.id == first


def test_pecs_finds_both_pectorals_by_the_synonym(knowledge):
    found = search_muscles("pecs", knowledge)
    assert {m.muscle.id for m in found[:2]} == {"pectoralis_major", "pectoralis_minor"}
    assert found[0].label == f"{found[0].muscle.name} (pecs)"
    assert found[0].by_synonym


def test_a_match_by_name_is_labelled_by_the_name_alone(knowledge):
    match = search_muscles("infraspinatus", knowledge)[0]
    assert not match.by_synonym
    assert match.label == match.muscle.name


def test_exact_names_come_before_prefixes_and_prefixes_before_words(knowledge):
    found = search_muscles("soleus", knowledge)
    assert found[0].muscle.id == "soleus" and found[0].rank == 0
    ranks = [m.rank for m in search_muscles("glut", knowledge)]
    assert ranks == sorted(ranks)


def test_each_record_is_listed_once(knowledge):
    ids = [m.muscle.id for m in search_muscles("a", knowledge)]
    assert len(ids) == len(set(ids)) > 20


def test_an_empty_query_lists_every_record_by_name(knowledge):
    found = search_muscles("   ", knowledge)
    assert len(found) == len(knowledge.muscles)
    names = [normalise(m.muscle.name) for m in found]
    assert names == sorted(names)


def test_no_match_gives_nothing(knowledge):
    assert search_muscles("zzzq", knowledge) == []


def test_the_area_filter_keeps_only_that_area(knowledge):
    found = search_muscles("", knowledge, area="foot")
    assert found and all(m.muscle.file == "foot.toml" for m in found)
    assert "flexor_hallucis_brevis" in {m.muscle.id for m in found}
    assert search_muscles("lats", knowledge, area="foot") == []


def test_every_record_is_found_by_its_own_name_and_each_synonym(knowledge):
    for muscle in knowledge.muscles.values():
        assert muscle.id in [m.muscle.id for m in search_muscles(muscle.name, knowledge)]
        for synonym in muscle.synonyms:
            assert muscle.id in [m.muscle.id for m in search_muscles(synonym, knowledge)], synonym


def test_every_area_has_words_and_records(knowledge):
    listed = areas(knowledge)
    assert listed[0] == "head_neck"
    assert {m.file.removesuffix(".toml") for m in knowledge.muscles.values()} == set(listed)
    for area in listed:
        assert area_name(area)[0].isupper()
        assert search_muscles("", knowledge, area=area)


def test_normalise_ignores_case_and_punctuation():
    assert normalise("  Boxer's   MUSCLE ") == "boxer s muscle"
    assert normalise("gluteus_medius") == "gluteus medius"


def test_punctuation_alone_matches_no_muscle() -> None:
    from bodymap.knowledge import load_knowledge
    from bodymap.knowledge.search import search_muscles

    knowledge = load_knowledge()
    assert search_muscles("***", knowledge) == [] and search_muscles("(*[\\", knowledge) == []
    assert len(search_muscles("", knowledge)) == len(knowledge.muscles)


_PLACES = {
    "head_neck": {"lateral_neck", "posterior_neck", "occiput", "throat"},
    "face_jaw": {"jaw", "cheek", "tmj", "chin"},
    "chest_wall": {"chest", "sternum", "clavicle"},
    "trunk": {
        "mid_back", "interscapular", "thoracolumbar", "lumbar_paraspinal", "lateral_low_back",
        "flank", "upper_abdomen", "lower_abdomen",
    },
    "forearm_hand": {
        "anterior_forearm", "posterior_forearm", "medial_forearm", "wrist_palmar", "wrist_dorsal",
        "wrist_palmar_ulnar", "wrist_dorsal_ulnar", "palm", "back_of_hand", "thumb",
        "ulnar_hand", "fingers_palmar", "fingers_dorsal",
    },
    "leg_foot": {
        "anterior_knee", "medial_knee", "lateral_knee", "posterior_knee", "calf", "shin",
        "lateral_leg", "achilles",
    },
    "foot": {"heel", "sole", "dorsum_of_foot", "toes", "big_toe"},
}  # fmt: skip
"""The surface segments over which a body area's muscles lie (the area filter's promise)."""
_ONE_AREA_ONLY = ("forearm_hand", "leg_foot", "foot")
"""Areas whose muscles lie there and nowhere else: listed under that area alone."""


@pytest.fixture(scope="module")
def lies_on(knowledge) -> dict[str, str]:
    """The segment under the middle of each muscle's largest drawn region."""
    atlas = load_atlas()
    out: dict[str, str] = {}
    for muscle_id in knowledge.muscles:
        view, region = max(
            (
                (view, r)
                for view, va in atlas.items()
                for layer in ("superficial", "deep")
                for r in va.layer(layer)
                if r.id == muscle_id
            ),
            key=lambda found: found[1].geometry.area,
        )
        inner = region.geometry.representative_point()
        out[muscle_id] = atlas[view].locate(inner.x, inner.y).segments[0].id
    return out


def test_every_muscle_is_listed_under_each_body_area_it_lies_in(knowledge, lies_on):
    """Filtering the browser by an area finds the muscles that lie there: "Face and jaw" the
    masseter, "Chest wall" the pectorals, "Trunk and back" the rhomboids and lats, "Head and
    neck" the upper trapezius; "Forearm and hand" the forearm muscles (the wrist extensors of
    a tennis elbow too), "Leg" the calf muscles, "Foot" the foot's own."""
    for muscle in knowledge.muscles.values():
        place = lies_on[muscle.id]
        listed = {m.muscle.id for area in muscle.areas for m in search_muscles("", knowledge, area)}
        assert muscle.id in listed
        for name, places in _PLACES.items():
            if place in places:
                found = [m.muscle.id for m in search_muscles("", knowledge, area=name)]
                assert muscle.id in found, f"{muscle.id} lies on {place} but not under {name}"
                if name in _ONE_AREA_ONLY:
                    assert muscle.areas == (name,), f"{muscle.id} lies on {place}: {muscle.areas}"
        if muscle.area in _ONE_AREA_ONLY:
            assert place in _PLACES[muscle.area], f"{muscle.id} ({muscle.area}) lies on {place}"


@pytest.mark.parametrize(
    ("area", "muscles"),
    [
        ("face_jaw", {"masseter", "temporalis", "facial_muscles"}),
        ("chest_wall", {"pectoralis_major", "pectoralis_minor", "serratus_anterior"}),
        ("trunk", {"rhomboids", "middle_trapezius", "lower_trapezius", "latissimus_dorsi",
                   "serratus_posterior_superior", "serratus_posterior_inferior",
                   "splenius_cervicis"}),
        ("head_neck", {"upper_trapezius", "levator_scapulae", "platysma", "masseter"}),
    ],
)  # fmt: skip
def test_the_area_filter_lists_muscles_from_other_tables_that_lie_there(knowledge, area, muscles):
    found = {m.muscle.id for m in search_muscles("", knowledge, area=area)}
    assert muscles <= found
    # and a search within the area finds them by name
    assert [m.muscle.id for m in search_muscles("pecs", knowledge, area="chest_wall")][:2] in (
        ["pectoralis_major", "pectoralis_minor"],
        ["pectoralis_minor", "pectoralis_major"],
    )


def test_a_record_says_every_area_it_is_listed_under(knowledge):
    from bodymap.knowledge.search import area_words

    assert area_words(knowledge.muscles["masseter"]) == (
        "Head and neck (also listed under Face and jaw)"
    )
    assert area_words(knowledge.muscles["soleus"]) == "Leg"


def test_every_area_an_also_in_names_has_words(knowledge):
    from bodymap.knowledge.loader import BODY_AREAS
    from bodymap.knowledge.search import AREA_NAMES

    assert set(AREA_NAMES) == set(BODY_AREAS)


# --- everyday words: complaints, muscle groups, places and body areas -------------------


@pytest.fixture(scope="module")
def places() -> dict[str, str]:
    from bodymap.knowledge.places import place_labels

    return place_labels(load_atlas())


def found(query, knowledge, places, area=None) -> list[str]:
    return [m.muscle.id for m in search_muscles(query, knowledge, area, places)]


def test_every_spelling_of_every_search_term_finds_its_muscles_in_order(knowledge, places):
    assert len(knowledge.search_terms) >= 10
    for entry in knowledge.search_terms:
        for spelling in entry.spellings:
            matches = search_muscles(spelling, knowledge, places=places)
            named = [m for m in matches if m.why == entry.why]
            assert [m.muscle.id for m in named] == list(entry.muscles), spelling


@pytest.mark.parametrize(
    ("query", "muscles"),
    [
        ("tennis elbow", ["supinator", "extensor_carpi_radialis", "brachioradialis"]),
        ("golfer", ["pronator_teres", "flexor_carpi_radialis"]),
        ("golfer's elbow", ["pronator_teres", "flexor_carpi_radialis"]),
        ("rotator cuff", ["supraspinatus", "infraspinatus", "teres_minor", "subscapularis"]),
        ("shin splints", ["tibialis_anterior", "tibialis_posterior", "soleus"]),
        ("TMJ", ["masseter", "lateral_pterygoid", "medial_pterygoid", "temporalis"]),
        ("jaw", ["masseter", "lateral_pterygoid"]),
        ("sciatica", ["gluteus_minimus", "piriformis"]),
        ("plantar fasciitis", ["plantar_fascia", "soleus", "quadratus_plantae"]),
        ("tension headache", ["upper_trapezius", "sternocleidomastoid", "suboccipitals"]),
        ("runner's knee", ["vastus_medialis", "rectus_femoris"]),
        ("ITBS", ["iliotibial_band", "tensor_fasciae_latae"]),
    ],
)
def test_the_testers_words_find_the_muscles_first(knowledge, places, query, muscles):
    assert found(query, knowledge, places)[: len(muscles)] == muscles


@pytest.mark.parametrize(
    ("query", "muscle", "why"),
    [
        ("knee", "vastus_medialis", "refers pain to the front of the knee"),
        ("neck", "upper_trapezius", "refers pain to the side of the neck"),
        ("shoulder", "deltoid_middle", "refers pain to the side of the shoulder"),
        ("elbow", "supinator", "refers pain to the outer elbow"),
        ("heel", "quadratus_plantae", "often involved in what people call heel pain"),
        ("low back", "quadratus_lumborum", "refers pain to the low back above the hip bone"),
        ("lower back pain", "multifidus", "refers pain to the low back beside the spine"),
        ("shoulder blade", "rhomboids", "refer pain between the shoulder blades"),
        ("jaw", "upper_trapezius", "refers pain to the jaw"),
        ("back of knee", "popliteus", "refers pain to the back of the knee"),
    ],
)
def test_a_place_lists_the_muscles_that_commonly_refer_pain_there(
    knowledge, places, query, muscle, why
):
    match = next(
        m for m in search_muscles(query, knowledge, places=places) if m.muscle.id == muscle
    )
    assert match.why == why
    assert match.label == f"{match.muscle.name} — {why}"
    assert not match.by_synonym


def test_a_place_lists_only_muscles_whose_main_zone_lies_there(knowledge, places):
    from bodymap.knowledge.places import places_named

    for query in ("knee", "neck", "shoulder", "elbow", "heel", "low back", "jaw"):
        named = set(places_named(query, places))
        assert named, query
        for match in search_muscles(query, knowledge, places=places):
            if match.why.startswith(("refers pain", "refer pain")):
                assert named & set(match.muscle.referral.essential), (query, match.muscle.id)
                assert match.muscle.kind == "muscle"


def test_where_on_a_place_is_not_the_place(knowledge, places):
    """ "back" is the back, not the back of the knee; "shoulder" the shoulder, not the
    shoulder blade."""
    from bodymap.knowledge.places import places_named

    assert "posterior_knee" not in places_named("back", places)
    assert "mid_back" in places_named("back", places)
    assert not {"scapula", "interscapular"} & set(places_named("shoulder", places))
    assert places_named("tmj", places) == ["tmj"]
    assert places_named("pain", places) == [] and places_named("tennis", places) == []


def test_every_segment_is_found_by_its_own_label(places):
    from bodymap.knowledge.places import places_named

    for segment, label in places.items():
        assert segment in places_named(label, places), label


@pytest.mark.parametrize("area", list(AREA_NAMES))
def test_every_body_area_word_lists_that_areas_muscles(knowledge, places, area):
    words = area_name(area).casefold().replace(" and ", " ").split()
    listed = {m.muscle.id for m in search_muscles("", knowledge, area=area)}
    for word in words:
        if word in ("wall", "deep"):  # not a body part on their own
            continue
        matches = search_muscles(word, knowledge, places=places)
        under = {m.muscle.id for m in matches if m.why == f"listed under {area_name(area)}"}
        got = {m.muscle.id for m in matches}
        assert listed <= got, (word, sorted(listed - got))
        assert under, word


def test_names_come_before_complaints_places_and_areas(knowledge, places):
    matches = search_muscles("knee", knowledge, places=places)
    assert matches[0].muscle.id == "patellar_retinaculum" and not matches[0].why
    ranks = [m.rank for m in matches]
    assert ranks == sorted(ranks)
    assert found("soleus", knowledge, places)[0] == "soleus"
    it_band = search_muscles("IT band", knowledge, places=places)
    assert it_band[0].muscle.id == "iliotibial_band" and it_band[0].rank == 0
    # a complaint's name starts before the places, a later word of it after them
    elbow = search_muscles("elbow", knowledge, places=places)
    first_term = next(i for i, m in enumerate(elbow) if "what people call" in m.why)
    assert all(m.why.startswith("refer") for m in elbow[:first_term])


def test_a_complaint_is_never_said_as_a_diagnosis(knowledge, places):
    for entry in knowledge.search_terms:
        why = entry.why
        assert "you have" not in why.casefold() and "diagnos" not in why.casefold()
        assert why.startswith(("often involved in what people call", "one of the"))
        assert re.search(r"Travell|Anatomy|Davies", entry.source), entry.term


def test_the_area_filter_narrows_the_everyday_answers(knowledge, places):
    assert found("tennis elbow", knowledge, places, area="shoulder_arm") == [
        "triceps_brachii",
        "anconeus",
        "supraspinatus",
    ]
    assert found("knee", knowledge, places, area="foot") == []


def test_without_places_a_place_word_finds_no_referrers(knowledge):
    matches = search_muscles("knee", knowledge)
    assert matches[0].muscle.id == "patellar_retinaculum"
    assert not [m for m in matches if "pain to" in m.why]


def test_a_clinical_spelling_lists_the_muscles_under_the_everyday_name(knowledge):
    """Typing "lateral epicondylitis" or "plantar fasciitis" never puts a clinical
    condition's name in the list: each row says the entry's everyday name."""
    for query, said in (
        ("lateral epicondylitis", "tennis elbow"),
        ("plantar fasciitis", "heel pain"),
        ("sciatica", "sciatica-like pain"),
        ("TMD", "jaw pain"),
    ):
        found = search_muscles(query, knowledge)
        assert found and found[0].why == f"often involved in what people call {said}"


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("sciatica", "Go to an emergency department now"),
        ("shin splints", "stress fracture"),
        ("heel pain", "6 to 12 weeks"),
        ("plantar fasciitis", "6 to 12 weeks"),
        ("TMJ", "heart"),
        ("tension headache", "sudden, severe"),
        ("runner's knee", "swells, locks or gives way"),
    ],
)
def test_a_complaint_that_can_hide_something_else_says_when_to_see_a_clinician(
    knowledge, query, words
):
    warnings = term_warnings(query, knowledge)
    assert len(warnings) == 1 and words in warnings[0]


def test_no_warning_for_a_muscle_name_a_group_or_a_complaint_without_one(knowledge):
    for query in ("soleus", "rotator cuff", "", "tennis elbow", "lateral epicondylitis"):
        assert term_warnings(query, knowledge) == ()


@pytest.mark.parametrize("query", ["headache", "sciatic", "sciatica pain", "runner knee", "knee"])
def test_whenever_a_row_names_a_complaint_its_warning_shows(knowledge, query):
    """Part of a complaint's name lists its muscles ("headache": tension headache); the
    warning comes with them, whichever words brought them."""
    named = {m.why for m in search_muscles(query, knowledge) if "what people call" in m.why}
    expected = [e.warning for e in knowledge.search_terms if e.why in named and e.warning]
    assert expected and list(term_warnings(query, knowledge)) == expected


def test_every_warning_is_self_care_wording(knowledge):
    for entry in knowledge.search_terms:
        if entry.warning:
            assert "you have" not in entry.warning.casefold()
            assert any(w in entry.warning for w in ("clinician", "doctor", "emergency"))


@pytest.fixture(scope="module")
def lying():
    from bodymap.knowledge.places import PlaceMuscles

    return PlaceMuscles(load_atlas())


def test_a_place_lists_the_muscles_that_lie_there_after_those_that_refer_pain_there(
    knowledge, places, lying
):
    """ "shoulder blade" listed only muscles that refer pain there (a walk's finding), not
    infraspinatus, supraspinatus or the teres muscles lying on it, which the README
    promises ("then those that lie there")."""
    matches = search_muscles("shoulder blade", knowledge, places=places, lying=lying)
    why = {m.muscle.id: m.why for m in matches}
    for muscle in ("infraspinatus", "teres_major", "teres_minor"):
        assert why[muscle] == "lies on the shoulder blade", muscle
    assert why["supraspinatus"] == "lies on the area above the shoulder blade"
    kinds = [m.why.startswith(("refers pain", "refer pain")) for m in matches]
    lies = [m.why.startswith(("lies on", "lie on")) for m in matches]
    assert kinds.index(True) < lies.index(True)  # referrers first
    assert not any(kinds[lies.index(True) :])  # then those that lie there
    # without the atlas's answer the search is as before
    plain = search_muscles("shoulder blade", knowledge, places=places)
    assert "infraspinatus" not in {m.muscle.id for m in plain}


@pytest.mark.parametrize("query", ["shoulder blade", "calf", "low back", "neck", "heel"])
def test_a_muscle_said_to_lie_on_a_place_is_drawn_on_it(knowledge, places, lying, query):
    """Every "lies on" row is true of the diagram the browser draws: a region of the
    muscle covers a fair part of a place the query names, on some view."""
    import shapely

    from bodymap.knowledge.places import places_named

    atlas = load_atlas()
    named = set(places_named(query, places))
    rows = [
        m
        for m in search_muscles(query, knowledge, places=places, lying=lying)
        if m.why.startswith(("lies on", "lie on"))
    ]
    assert rows, query
    for match in rows:
        shares = [
            shapely.area(shapely.intersection(m.geometry, p.geometry))
            / min(m.geometry.area, p.geometry.area)
            for va in atlas.values()
            for m in (*va.layer("superficial"), *va.layer("deep"))
            if m.id == match.muscle.id
            for p in va.layer("segment")
            if p.id in named
        ]
        assert max(shares, default=0.0) >= 0.1, (query, match.label)
