"""The knowledge tables: every shipped record is well formed, and the loader is strict."""

from __future__ import annotations

import re
from typing import Any

import pytest
from tables import parse_tables

from bodymap.atlas import CAUTION_ZONES
from bodymap.knowledge import (
    POSITIONS,
    REGION_IDS,
    TOOLS,
    KnowledgeError,
    load_knowledge,
)
from bodymap.knowledge.loader import ADVICE_FILE, CAUTIONS_FILE, MUSCLE_FILES, SEARCH_TERMS_FILE
from bodymap.knowledge.model import NOT_TIMED, SYMBOLS
from bodymap.knowledge.names import MIDLINE_SEGMENTS, SEGMENT_IDS
from bodymap.resources import read_text

KNOWLEDGE = load_knowledge()
ALL_SEGMENTS = SEGMENT_IDS["front"] | SEGMENT_IDS["back"]
DIAGNOSIS = re.compile(r"\byou have\b|\byour diagnosis\b|\bdiagnosed\b", re.IGNORECASE)


def test_every_region_id_has_exactly_one_record() -> None:
    assert len(REGION_IDS) == len(set(REGION_IDS)) >= 79
    assert set(KNOWLEDGE.muscles) == set(REGION_IDS)
    assert len(KNOWLEDGE.muscles) >= 55


@pytest.mark.parametrize("muscle_id", REGION_IDS)
def test_record(muscle_id: str) -> None:
    m = KNOWLEDGE.muscles[muscle_id]
    assert m.id == muscle_id and m.name and m.file in MUSCLE_FILES
    assert 0.0 < m.prevalence <= 1.0
    assert m.trigger_points, "a muscle needs at least one trigger-point site"
    assert m.referral.essential
    for seg in (*m.referral.essential, *m.referral.spillover):
        assert seg in ALL_SEGMENTS
    assert not set(m.referral.essential) & set(m.referral.spillover)
    tech = m.technique
    assert tech.tool in TOOLS and tech.position in POSITIONS
    if tech.rolled:
        # a hold of 5-60 s, or none (hold = false) with where to work gently instead
        assert 5 <= tech.on_point_s[0] <= tech.on_point_s[1] <= 60 or (
            not tech.holds and len(tech.hold_where) > 20
        )
        assert 1 <= tech.around_min[0] <= tech.around_min[1] <= 10
    assert 1 <= len(re.findall(r"[.!?](\s|$)", tech.how)) <= 2, "how: one or two sentences"
    if tech.tool_detail:
        # shown on its own as the tool ("Soleus — foam roller, or a ball …"): a whole phrase
        assert not re.match(r"(or|and|with|for)\b", tech.tool_detail), tech.tool_detail
    assert m.cautions
    assert re.search(r"Travell|Davies|Donnelly", m.source)
    for zone in m.avoid:
        assert zone in KNOWLEDGE.cautions
    for text in (m.name, tech.how, *m.cautions, m.source):
        assert not DIAGNOSIS.search(text)


def test_group_parts_carry_their_group() -> None:
    assert KNOWLEDGE.muscles["vastus_lateralis"].group == "quadriceps"
    assert KNOWLEDGE.muscles["semitendinosus"].group == "hamstrings"
    assert KNOWLEDGE.muscles["deltoid_posterior"].group == "deltoid"


@pytest.mark.parametrize(
    ("muscle_id", "essential"),
    [
        ("upper_trapezius", {"lateral_neck", "temple", "mastoid", "jaw"}),
        ("infraspinatus", {"anterior_shoulder"}),
        ("quadratus_lumborum", {"sacroiliac", "buttock", "lateral_hip"}),
        ("gluteus_minimus", {"lateral_thigh", "posterior_thigh", "lateral_leg", "calf"}),
        ("soleus", {"heel"}),
        ("temporalis", {"temple"}),
        ("scalenes", {"chest", "interscapular", "thumb"}),
        ("tibialis_anterior", {"anterior_ankle"}),
        ("rhomboids", {"interscapular"}),
        ("iliopsoas", {"lumbar_paraspinal", "anterior_thigh"}),
        # T&S vol. 2 pain guides and muscle chapters
        ("rectus_femoris", {"anterior_knee"}),
        ("adductor_longus", {"groin", "anterior_thigh", "medial_thigh"}),
        ("vastus_lateralis", {"lateral_thigh", "lateral_knee"}),
        ("abductor_hallucis", {"medial_ankle", "heel"}),
        ("flexor_digitorum_longus", {"sole"}),
        ("tibialis_posterior", {"achilles"}),
        # T&S vol. 1: the thumb and radial hand
        ("supinator", {"lateral_elbow", "thumb"}),
        ("brachialis", {"thumb"}),
        ("brachioradialis", {"thumb"}),
        # T&S vol. 1 ch. 16 and 48: multifidi beside the whole spine
        ("multifidus", {"posterior_neck", "lumbar_paraspinal", "sacrum", "sacroiliac"}),
        ("semispinalis_capitis", {"forehead"}),
        # T&S vol. 2 ch. 16: the semis refer up to the lower buttock and the gluteal fold
        ("semitendinosus", {"gluteal_fold", "posterior_thigh"}),
        ("semimembranosus", {"gluteal_fold", "posterior_thigh"}),
        ("gluteus_maximus", {"gluteal_fold", "sacrum"}),
        # T&S vol. 1: lateral chest (serratus anterior, latissimus) and the mid back
        ("serratus_anterior", {"lateral_chest", "scapula", "mid_back"}),  # one patch, focused
        ("latissimus_dorsi", {"lateral_chest", "mid_back"}),
        ("rectus_abdominis", {"mid_back", "thoracolumbar", "lumbar_paraspinal"}),
        # T&S vol. 2 ch. 4 and 8, vol. 1 ch. 47 and 21: where in the low back, and the side of
        # the shoulder
        ("quadratus_lumborum", {"lateral_low_back"}),
        ("gluteus_medius", {"lateral_low_back"}),
        ("serratus_posterior_inferior", {"thoracolumbar"}),
        ("supraspinatus", {"lateral_shoulder"}),
        ("deltoid_middle", {"lateral_shoulder"}),
        # T&S vol. 1 ch. 8, 29, 44: masseter's arc over the eyebrow, coracobrachialis' back
        # of the hand, sternalis' breastbone
        ("masseter", {"eye"}),
        ("coracobrachialis", {"back_of_hand"}),
        ("sternalis", {"sternum"}),
        # T&S vol. 2 Fig. 24.1B: the top of the foot over the first long bone, not the toe
        ("extensor_hallucis_longus", {"dorsum_of_foot"}),
        # T&S vol. 2 ch. 6: the pelvic floor's tailbone pain, coccygeus a source of its own
        ("levator_ani", {"coccyx"}),
        ("coccygeus", {"coccyx"}),
    ],
)
def test_textbook_patterns(muscle_id: str, essential: set[str]) -> None:
    assert essential <= set(KNOWLEDGE.muscles[muscle_id].referral.essential)


def test_rare_spillover_is_not_essential() -> None:
    assert "sacroiliac" in KNOWLEDGE.muscles["soleus"].referral.spillover


@pytest.mark.parametrize(
    ("muscle_id", "spillover"),
    [
        ("rectus_femoris", {"anterior_thigh"}),
        ("adductor_longus", {"anterior_knee"}),
        ("infraspinatus", {"thumb"}),
        ("scalenes", {"back_of_hand"}),
        ("extensor_carpi_radialis", {"thumb"}),
        ("latissimus_dorsi", {"back_of_hand", "palm"}),
        ("subscapularis", {"wrist_dorsal"}),
        ("lower_trapezius", {"interscapular"}),
        ("vastus_lateralis", {"lateral_leg"}),
        ("gastrocnemius", {"lateral_leg"}),
        ("piriformis", {"posterior_thigh"}),
        ("multifidus", {"lateral_neck", "interscapular", "coccyx"}),
        ("extensor_hallucis_longus", {"big_toe"}),  # to the tip of the big toe
        ("coccygeus", {"buttock", "lumbar_paraspinal"}),  # the hip region and the back
        ("iliotibial_band", {"lateral_knee"}),
        ("biceps_femoris", {"gluteal_fold"}),
        ("quadratus_lumborum", {"gluteal_fold", "sacrum"}),
        ("serratus_anterior", {"medial_elbow", "fingers_palmar"}),  # ring finger
        ("sternalis", {"chest", "anterior_shoulder", "medial_elbow"}),
        ("intercostals", {"sternum"}),
    ],
)
def test_textbook_spillover(muscle_id: str, spillover: set[str]) -> None:
    assert spillover <= set(KNOWLEDGE.muscles[muscle_id].referral.spillover)


@pytest.mark.parametrize(
    ("muscle_id", "segment"),
    [
        ("infraspinatus", "palm"),  # not on T&S's palmar hand list
        ("infraspinatus", "back_of_hand"),  # the radial (thumb) side instead
        ("gastrocnemius", "posterior_thigh"),  # back of the knee and calf, not the thigh
        ("gluteus_medius", "posterior_thigh"),  # not on T&S's posterior thigh list
        ("brachialis", "back_of_hand"),  # the thumb base, not the back of the hand
        ("supinator", "back_of_hand"),
        ("biceps_brachii", "medial_elbow"),  # the elbow crease, not the inner elbow
        ("vastus_lateralis", "posterior_knee"),  # not on T&S's posterior knee list
        # the pectorals' and serratus anterior's arm band runs on the palm side of the
        # little-finger edge: not the middle of the wrist crease, not the back of the wrist
        ("pectoralis_major", "wrist_palmar"),
        ("pectoralis_major", "wrist_dorsal_ulnar"),
        ("pectoralis_minor", "wrist_palmar"),
        ("pectoralis_minor", "wrist_dorsal_ulnar"),
        ("serratus_anterior", "wrist_palmar"),
        ("serratus_anterior", "wrist_dorsal_ulnar"),
        ("coracobrachialis", "wrist_dorsal"),  # the pattern skips the wrist
        ("tibialis_anterior", "toes"),  # the big toe only
        # T&S vol. 2 Fig. 6.2: the pelvic floor's pattern stays round the tailbone; the
        # back of the thigh is obturator internus' spillover (Fig. 6.3)
        ("levator_ani", "posterior_thigh"),
        ("levator_ani", "buttock"),
        ("coccygeus", "posterior_thigh"),
    ],
)
def test_not_a_textbook_referral(muscle_id: str, segment: str) -> None:
    referral = KNOWLEDGE.muscles[muscle_id].referral
    assert segment not in (*referral.essential, *referral.spillover)


def test_every_caution_zone_has_plain_text() -> None:
    assert set(KNOWLEDGE.cautions) == {*CAUTION_ZONES, "outside_body"}
    for zone in (*CAUTION_ZONES, "outside_body"):
        text = KNOWLEDGE.cautions[zone]
        assert text.text and text.instead
    for zone in CAUTION_ZONES:
        assert KNOWLEDGE.cautions[zone].text.startswith("Do not")


def test_red_flags_say_see_a_clinician() -> None:
    ids = {flag.id for flag in KNOWLEDGE.red_flags}
    assert {"cardiac", "dvt", "cauda_equina", "headache", "nerve", "trauma", "fever",
            "night_pain", "weight_loss", "spinal_cord", "pmr", "back_leg",
            "neck_arm"} <= ids  # fmt: skip
    for flag in KNOWLEDGE.red_flags:
        assert re.search(r"clinician|doctor|medical care|emergency", flag.text)
        assert flag.source, flag.id


def test_general_advice_and_disclaimer() -> None:
    text = " ".join(KNOWLEDGE.advice).lower()
    for phrase in ("10 to 30", "2 to 3 minutes", "bedtime", "morning", "smooth", "soreness"):
        assert phrase in text
    assert "not medical advice" in KNOWLEDGE.disclaimer
    assert not DIAGNOSIS.search(text + KNOWLEDGE.disclaimer)


def test_midline_segments_are_known() -> None:
    assert MIDLINE_SEGMENTS <= ALL_SEGMENTS


# --- the loader is strict ---------------------------------------------------------------

GOOD = """
[[muscle]]
id = "soleus"
name = "Soleus"
prevalence = 0.7
trigger_points = [{ view = "back", lerp = ["popliteal_fossa", "heel", 0.65], dx = 8 }]
referral.essential = ["heel"]
referral.spillover = ["sacroiliac"]
tool = "foam_roller"
position = "seated"
how = "Sit with a roller under the calf."
on_point_s = [10, 30]
around_min = [2, 3]
cautions = ["Stay off the heel cord."]
source = "Travell & Simons, vol. 2 ch. 22."
"""


def _parse(muscles: str, **more: str) -> Any:
    """A fragment: ``muscles`` as the leg table, the shipped cautions and advice, and
    ``more`` files by name."""
    texts = {
        "leg_foot.toml": muscles,
        CAUTIONS_FILE: read_text("knowledge", CAUTIONS_FILE),
        ADVICE_FILE: read_text("knowledge", ADVICE_FILE),
        **more,
    }
    return parse_tables(texts, complete=False)


def test_fragment_parses() -> None:
    knowledge = _parse(GOOD)
    assert list(knowledge.muscles) == ["soleus"]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("prevalence = 0.7", 'prevalence = 0.7\ncolour = "red"', "unknown key(s) 'colour'"),
        ('name = "Soleus"\n', "", "missing key 'name'"),
        ("prevalence = 0.7", 'prevalence = "high"', "'prevalence' must be a number"),
        ("prevalence = 0.7", "prevalence = 1.7", "outside 0.0..1.0"),
        ('tool = "foam_roller"', 'tool = "hammer"', "unknown tool 'hammer'"),
        ('position = "seated"', 'position = "upside_down"', "unknown position"),
        ("on_point_s = [10, 30]", "on_point_s = [2, 30]", "'on_point_s'"),
        ("on_point_s = [10, 30]", "on_point_s = [10, 90]", "'on_point_s'"),
        ('["heel"]', '["heal"]', "unknown surface segment 'heal'"),
        ('"heel", 0.65]', '"heel_r", 0.65]', "unknown back landmark 'heel_r'"),
        ("dx = 8 }", 'dx = 8, at = "heel" }', "exactly one of 'lerp' or 'at'"),
        ('cautions = ["Stay off the heel cord."]', "cautions = []", "must not be empty"),
        ('referral.spillover = ["sacroiliac"]', 'referral.spillover = ["heel"]', "both"),
        ('id = "soleus"', 'id = "soleus_left"', "not one of the region ids"),
        ("[[muscle]]", "[[muscles]]", "missing key 'muscle'"),
        ("prevalence = 0.7", "prevalence = 0.7\navoid = ['lava']", "unknown caution zone 'lava'"),
        ("prevalence = 0.7", "prevalence = 0.7\ngroup = 'quadriceps'", "does not list 'soleus'"),
        ("around_min = [2, 3]", 'around_min = [2, 3]\nroll_on = ["calfs"]', "unknown surface"),
        ("around_min = [2, 3]", "around_min = [2, 3]\nroll_on = 'calf'", "'roll_on'"),
        ("around_min = [2, 3]", 'around_min = [2, 3]\nroll_outside = ["calfs"]', "unknown or its"),
        ("on_point_s = [10, 30]", "hold = false", "says where in hold_where"),
        ("on_point_s = [10, 30]", "hold = true", "'hold' may only be false"),
        ("around_min = [2, 3]", 'around_min = [2, 3]\nroll_outside = ["soleus"]', "its own"),
        ("prevalence = 0.7", "prevalence = 0.7\nalso_in = ['calf']", "unknown body area 'calf'"),
        ("prevalence = 0.7", "prevalence = 0.7\nalso_in = ['leg_foot']", "own body area"),
        ("prevalence = 0.7", "prevalence = 0.7\nalso_in = 'foot'", "'also_in' must be a list"),
        ("prevalence = 0.7", "prevalence = 0.7\nalso_in = ['foot', 'foot']", "an entry twice"),
        (
            "around_min = [2, 3]",
            "around_min = [2, 3]\nroll_from = { view = 'back', at = 'heel' }",
            "a point on a line",
        ),
        (
            "around_min = [2, 3]",
            "around_min = [2, 3]\nroll_from = { view = 'back', dx = 4, "
            "lerp = ['heel', 'popliteal_fossa', 0.5] }",
            "no dx or dy",
        ),
        (
            "around_min = [2, 3]",
            "around_min = [2, 3]\nroll_from = { view = 'back', lerp = ['heel', 'knee', 0.5] }",
            "unknown back landmark 'knee'",
        ),
        (
            "prevalence = 0.7",
            "prevalence = 0.7\ncautions_cover = ['lava']",
            "cautions_cover names unknown caution zone 'lava'",
        ),
    ],
)
def test_loader_rejects_and_names_file_and_record(old: str, new: str, message: str | None) -> None:
    assert old in GOOD
    with pytest.raises(KnowledgeError) as err:
        _parse(GOOD.replace(old, new, 1))
    text = str(err.value)
    assert text.startswith("leg_foot.toml")
    if old != "[[muscle]]":
        assert "'soleus" in text
    if message:
        assert message in text


def test_also_in_lists_the_record_under_more_body_areas_its_own_first() -> None:
    soleus = _parse(GOOD.replace("prevalence = 0.7", "prevalence = 0.7\nalso_in = ['foot']"))
    muscle = soleus.muscles["soleus"]  # type: ignore[attr-defined]
    assert muscle.area == "leg_foot" and muscle.also_in == ("foot",)
    assert muscle.areas == ("leg_foot", "foot")
    assert _parse(GOOD).muscles["soleus"].areas == ("leg_foot",)  # type: ignore[attr-defined]


def test_loader_refuses_timings_on_a_record_that_is_not_rolled() -> None:
    not_rolled = GOOD.replace('tool = "foam_roller"', 'tool = "none"')
    with pytest.raises(KnowledgeError, match=r"'soleus'.*give no on_point_s or around_min"):
        _parse(not_rolled)
    bare = not_rolled.replace("on_point_s = [10, 30]\n", "").replace("around_min = [2, 3]\n", "")
    with pytest.raises(KnowledgeError, match=r"'soleus'.*give no roll_on"):
        _parse(bare.replace('tool = "none"', 'tool = "none"\nroll_on = ["calf"]'))
    technique = _parse(bare).muscles["soleus"].technique  # type: ignore[attr-defined]
    assert not technique.rolled and technique.on_point_s == technique.around_min == NOT_TIMED
    rolled = GOOD.replace("on_point_s = [10, 30]\n", "")
    with pytest.raises(KnowledgeError, match="on_point_s"):
        _parse(rolled)


def test_loader_rejects_duplicates_and_bad_toml() -> None:
    with pytest.raises(KnowledgeError, match="already defined"):
        _parse(GOOD + GOOD)
    with pytest.raises(KnowledgeError, match=r"leg_foot\.toml: not valid TOML"):
        _parse(GOOD + "\n[[muscle]\n")


def test_loader_demands_every_record_for_the_shipped_tables() -> None:
    texts = {
        "leg_foot.toml": GOOD,
        CAUTIONS_FILE: read_text("knowledge", CAUTIONS_FILE),
        ADVICE_FILE: read_text("knowledge", ADVICE_FILE),
    }
    with pytest.raises(KnowledgeError, match="lack records for: temporalis"):
        parse_tables(texts)


def test_cautions_file_is_strict() -> None:
    cautions = read_text("knowledge", CAUTIONS_FILE).replace(
        'id = "kidney"', 'id = "kidney"\ncolour = "red"'
    )
    texts = {
        "leg_foot.toml": GOOD,
        CAUTIONS_FILE: cautions,
        ADVICE_FILE: read_text("knowledge", ADVICE_FILE),
    }
    with pytest.raises(KnowledgeError, match=r"cautions\.toml: zone 'kidney': unknown key"):
        parse_tables(texts, complete=False)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('disc = "your spot"\n', "", r"advice\.toml, symbols: missing key 'disc'"),
        (
            'disc = "your spot"',
            'disc = "your spot"\nstar = "x"',
            r"symbols: unknown key\(s\) 'star'",
        ),
        ("hold it for {s} s", "hold it for {seconds} s", r"'hold' takes only \{s\}"),
    ],
)
def test_the_marks_and_pinch_words_are_read_strictly(old: str, new: str, message: str) -> None:
    """What the diagram's marks mean and how a pinch is held are the tables' words: a
    mark left unsaid, an unknown one or a hold that cannot take its seconds is refused."""
    advice = read_text("knowledge", ADVICE_FILE)
    assert old in advice
    texts = {
        "leg_foot.toml": GOOD,
        CAUTIONS_FILE: read_text("knowledge", CAUTIONS_FILE),
        ADVICE_FILE: advice.replace(old, new, 1),
    }
    with pytest.raises(KnowledgeError, match=message):
        parse_tables(texts, complete=False)


def test_every_mark_of_the_diagrams_is_said_in_the_tables() -> None:
    assert set(KNOWLEDGE.symbols) == set(SYMBOLS)
    assert all(text and text == text.strip() for text in KNOWLEDGE.symbols.values())
    assert "do not press" in KNOWLEDGE.symbols["open_circle"]
    assert KNOWLEDGE.pinch_hold.format(s=20).count("20 s") == 1


def _parse_cautions(cautions: str) -> Any:
    texts = {
        "leg_foot.toml": GOOD,
        CAUTIONS_FILE: cautions,
        ADVICE_FILE: read_text("knowledge", ADVICE_FILE),
    }
    return parse_tables(texts, complete=False)


@pytest.mark.parametrize(
    ("margin", "message"),
    [
        ("0", "must be more than 0"),
        ("-8", "outside 0.0..60.0"),
        ("0.0", "must be more than 0"),
        ("61", "outside 0.0..60.0"),
        ("nan", "outside 0.0..60.0"),
        ("inf", "outside 0.0..60.0"),
        ('"a hand"', "'margin' must be a number"),
        ("true", "'margin' must be a number"),
    ],
)
def test_cautions_file_rejects_a_bad_margin_naming_file_and_zone(margin: str, message: str) -> None:
    """A zone's margin is how far "roll here" stays from it: a typo must not shrink it to
    nothing or swallow the leg."""
    shipped = read_text("knowledge", CAUTIONS_FILE)
    assert 'id = "spine"' in shipped
    with pytest.raises(KnowledgeError) as err:
        _parse_cautions(shipped.replace('id = "spine"', f'id = "spine"\nmargin = {margin}'))
    text = str(err.value)
    assert text.startswith("cautions.toml: zone 'spine'"), text
    assert message in text


@pytest.mark.parametrize(
    ("press_margin", "message"),
    [
        ("0", "'press_margin' = 0 must be more than 0 and at most 'margin' (4)"),
        ("5", "'press_margin' = 5 must be more than 0 and at most 'margin' (4)"),
        ("-1", "outside 0.0..60.0"),
        ('"1 cm"', "'press_margin' must be a number"),
    ],
)
def test_cautions_file_rejects_a_bad_press_margin_naming_file_and_zone(
    press_margin: str, message: str
) -> None:
    """A press margin lets a fingertip come closer than a roller, never further out than the
    zone's own margin and never onto the zone."""
    shipped = read_text("knowledge", CAUTIONS_FILE)
    with pytest.raises(KnowledgeError) as err:
        _parse_cautions(
            shipped.replace('id = "spine"', f'id = "spine"\npress_margin = {press_margin}')
        )
    text = str(err.value)
    assert text.startswith("cautions.toml: zone 'spine'"), text
    assert message in text


def test_a_press_margin_is_read_when_given_and_none_otherwise() -> None:
    assert KNOWLEDGE.cautions["ulnar_groove"].press_margin == 6
    assert KNOWLEDGE.cautions["ulnar_groove"].margin == 12
    assert KNOWLEDGE.cautions["spine"].press_margin is None


def test_a_zone_margin_defaults_to_the_roll_zones_margin_and_is_read_when_given() -> None:
    from bodymap.advisor.rollable import MARGIN

    shipped = read_text("knowledge", CAUTIONS_FILE)
    knowledge = _parse_cautions(shipped.replace('id = "spine"', 'id = "spine"\nmargin = 12.5'))
    assert knowledge.cautions["spine"].margin == 12.5
    assert knowledge.cautions["outside_body"].margin == MARGIN == 4.0
    # the shipped zones that ask for a hand's width keep one
    assert KNOWLEDGE.cautions["popliteal_fossa"].margin > MARGIN
    # and the nerves and vessels close under the skin keep the reviewer's figures
    margins = {zone: KNOWLEDGE.cautions[zone].margin for zone in
               ("fibular_head", "ulnar_groove", "neck_front", "axilla", "kidney")}  # fmt: skip
    assert margins == {"fibular_head": 34, "ulnar_groove": 12, "neck_front": 9, "axilla": 9,
                       "kidney": 6}  # fmt: skip
    assert KNOWLEDGE.cautions["femoral_triangle"].margin > MARGIN


# --- technique and safety rules over every record ----------------------------------------

# The first word of every `how`: instructions in the imperative, starting with what to do.
IMPERATIVE_VERBS = frozenset(
    {"Do", "Kneel", "Lie", "Press", "Pinch", "Roll", "Sit", "Squeeze", "Stand", "Stretch", "Stroke"}
)
# Words in a record's `how` and cautions that name each caution zone plainly.
ZONE_WORDS = {
    "spine": ("spine", "tailbone"),
    "neck_front": ("neck",),
    "popliteal_fossa": ("back of the knee",),
    "femoral_triangle": ("groin",),
    "axilla": ("armpit",),
    "kidney": ("lowest rib", "kidney"),
    "kneecap": ("kneecap",),
    "fibular_head": ("knee", "fibula", "nerve"),
    "ulnar_groove": ("elbow", "ulnar", "funny bone"),
    "sit_bone": ("sit bone",),
    "sciatic_nerve": ("nerve", "sit bone", "hollow"),
    "greater_trochanter": ("bony point", "hip"),
    "breast": ("breast",),
    "shin_bone": ("shin bone", "shin"),
    "inner_ankle_bone": ("ankle",),
    "outer_ankle_bone": ("ankle",),
    "elbow_knob": ("elbow", "knob"),
    "cubital_fossa": ("elbow crease",),
    "navel": ("navel",),
    "xiphoid": ("breastbone",),
    "supraclavicular": ("collarbone",),
    "back_of_neck": ("neck",),
}
TOOL_WORDS = {
    "foam_roller": ("roller",),
    "ball": ("ball",),
    "hands": ("finger", "thumb", "hand", "pinch"),
}


CUT_SHARE = 0.2
"""A danger zone that takes this share of a record's region must be named in its avoid."""


def _caution_neighbours() -> dict[str, set[str]]:
    """Record id → danger zones (vessels, nerves, organs) that, with each zone's own
    roll-zone margin, take at least :data:`CUT_SHARE` of one of its atlas regions (any
    view, any side).

    Tissue that is simply not rolled (``kind = "bone"``, the kneecap) needs no mention:
    the roll zone leaves it out and its own caution text says what to do instead.
    """
    from bodymap.atlas import load_atlas

    near: dict[str, set[str]] = {}
    atlas = load_atlas()
    for view in atlas:
        zones = [
            (z, z.geometry.buffer(KNOWLEDGE.cautions[z.id].margin))
            for z in atlas[view].layer("caution")
            if KNOWLEDGE.cautions[z.id].kind == "danger"
        ]
        for region in atlas[view].regions:
            if region.kind not in ("muscle", "fascia"):
                continue
            tool = (
                KNOWLEDGE.muscles[region.id].technique.tool
                if region.id in KNOWLEDGE.muscles
                else ""
            )
            for zone, grown in zones:
                tools = KNOWLEDGE.cautions[zone.id].tools
                if tools and tool not in tools:
                    continue  # a zone that keeps out other tools than this record's
                cut = region.geometry.intersection(grown).area
                if cut >= CUT_SHARE * region.geometry.area:
                    near.setdefault(region.id, set()).add(zone.id)
    return near


def test_every_record_next_to_a_caution_zone_names_it_and_says_what_to_do() -> None:
    near = _caution_neighbours()
    assert near["sternocleidomastoid"] >= {"neck_front"}  # the lookup itself works
    for muscle_id, m in KNOWLEDGE.muscles.items():
        missing = near.get(muscle_id, set()) - set(m.avoid)
        assert not missing, f"{muscle_id}: lies next to {sorted(missing)}; list it in avoid"
        words = " ".join((m.technique.how, *m.cautions)).lower()
        for zone in m.avoid:
            assert any(w in words for w in ZONE_WORDS[zone]), (
                f"{muscle_id}: avoids {zone} but its how and cautions never name it"
            )


@pytest.mark.parametrize("muscle_id", REGION_IDS)
def test_how_is_imperative_and_plain(muscle_id: str) -> None:
    how = KNOWLEDGE.muscles[muscle_id].technique.how
    first = how.split()[0].rstrip(",")
    assert first in IMPERATIVE_VERBS, f"{muscle_id}: 'how' starts with {first!r}, not a verb"
    assert len(how) <= 300, f"{muscle_id}: 'how' is too long for a routine step"
    assert not re.search(r"\b(you should|you must|patient)\b", how, re.IGNORECASE)


@pytest.mark.parametrize("muscle_id", REGION_IDS)
def test_tool_detail_names_the_tool(muscle_id: str) -> None:
    tech = KNOWLEDGE.muscles[muscle_id].technique
    if tech.tool == "none":
        assert not tech.tool_detail
        return
    # shown on its own in the panel and the guide: it must say which tool
    assert tech.tool_detail, f"{muscle_id}: give a tool_detail"
    assert any(w in tech.tool_detail.lower() for w in TOOL_WORDS[tech.tool]), tech.tool_detail
    assert tech.tool_detail == tech.tool_detail.strip() and not tech.tool_detail.endswith(".")


@pytest.mark.parametrize("muscle_id", REGION_IDS)
def test_timing_stays_within_the_spec(muscle_id: str) -> None:
    # docs/PRODUCT.md: about 10–30 s on a point (less where delicate), a few minutes around it
    tech = KNOWLEDGE.muscles[muscle_id].technique
    assert tech.on_point_s[1] <= 30
    assert tech.around_min[1] <= 3
    if tech.tool == "hands" and KNOWLEDGE.muscles[muscle_id].file == "head_neck.toml":
        assert tech.on_point_s[1] <= 20, "the head and neck take short, light holds"


def _share_in_band(view: str, top: str, bottom: str, half_width: float) -> dict[str, float]:
    """Record id → share of its area in a band across the trunk between two landmarks."""
    from shapely.geometry import box

    from bodymap.atlas import MIDLINE_X, load_atlas

    va = load_atlas()[view]
    y_top, y_bottom = va.landmarks[top][1], va.landmarks[bottom][1]
    band = box(MIDLINE_X - half_width, y_top, MIDLINE_X + half_width, y_bottom)
    total: dict[str, float] = {}
    inside: dict[str, float] = {}
    for region in va.regions:
        if region.kind in ("muscle", "fascia"):
            total[region.id] = total.get(region.id, 0.0) + region.geometry.area
            inside[region.id] = inside.get(region.id, 0.0) + region.geometry.intersection(band).area
    return {i: inside[i] / total[i] for i in total if total[i]}


def test_no_foam_roller_on_the_neck_or_the_low_back() -> None:
    neck = _share_in_band("back", "occiput", "c7", 60)
    low_back = _share_in_band("back", "t12", "sacrum", 60)
    rolled = {i for i, m in KNOWLEDGE.muscles.items() if m.technique.tool == "foam_roller"}
    assert neck["suboccipitals"] > 0.5 and low_back["quadratus_lumborum"] > 0.5  # bands sit right
    for muscle_id in rolled:
        assert neck.get(muscle_id, 0.0) <= 0.25, f"{muscle_id}: no foam roller on the neck"
        assert low_back.get(muscle_id, 0.0) <= 0.25, f"{muscle_id}: no foam roller on the low back"
    for m in KNOWLEDGE.muscles.values():
        if m.file == "head_neck.toml":
            assert m.technique.tool != "foam_roller", m.id


def test_the_lumbar_records_use_balls_beside_the_spine() -> None:
    for muscle_id in ("erector_spinae_lumbar", "multifidus", "thoracolumbar_fascia"):
        m = KNOWLEDGE.muscles[muscle_id]
        assert m.technique.tool == "ball" and "spine" in m.avoid
        how = m.technique.how
        assert "beside the spine" in how or "either side of the spine" in how


def test_the_sternocleidomastoid_is_slackened_not_stretched() -> None:
    # it tilts the head to its own side and turns the face to the other side (Travell &
    # Simons vol. 1 ch. 7): tilting towards the sore side and turning the face away from it
    # shortens it, so it goes slack for the pinch
    first = KNOWLEDGE.muscles["sternocleidomastoid"].technique.how.lower().split(".")[0]
    assert "tilt the head towards the sore side" in first
    assert "face slightly away" in first and "face turned slightly towards" not in first


# --- Content rules a physiotherapist would insist on, held over every record. ---

RECORD_IDS = sorted(KNOWLEDGE.muscles)
NEGATION = re.compile(r"\b(not|never|no|off|out of|keep (?:away|clear))\b", re.IGNORECASE)


def _texts(m: object) -> list[str]:
    tech = m.technique  # type: ignore[attr-defined]
    return [tech.how, tech.tool_detail, *m.cautions]  # type: ignore[attr-defined]


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?;:])\s+", text) if s]


def test_every_record_that_is_not_rolled_says_what_to_do_instead() -> None:
    not_rolled = {i for i, m in KNOWLEDGE.muscles.items() if not m.technique.rolled}
    # the muscles a physiotherapist would not press at all (issue 9)
    assert {"popliteus", "infrahyoids", "pectineus", "scalenes"} <= not_rolled
    for muscle_id in sorted(not_rolled):
        tech = KNOWLEDGE.muscles[muscle_id].technique
        assert tech.on_point_s == tech.around_min == NOT_TIMED, muscle_id
        how = tech.how.lower()
        assert how.startswith("do not"), f"{muscle_id}: say first what not to do"
        assert re.search(r"\binstead\b", how), f"{muscle_id}: say what to do instead"
        assert not re.search(r"\d", how), f"{muscle_id}: no seconds or minutes when not rolled"


@pytest.mark.parametrize("muscle_id", RECORD_IDS)
def test_nothing_is_pressed_in_the_hollow_above_the_collarbone(muscle_id: str) -> None:
    # brachial plexus and subclavian artery (Travell & Simons vol. 1 ch. 20)
    for text in _texts(KNOWLEDGE.muscles[muscle_id]):
        for sentence in _sentences(text):
            if re.search(r"above the collarbone|supraclavicular", sentence, re.IGNORECASE):
                assert NEGATION.search(sentence), f"{muscle_id}: {sentence!r}"


def test_the_hamstring_cues_turn_the_leg_the_right_way() -> None:
    # seated on a roller, turning the hip out lays the outer (biceps femoris) side on it;
    # turning it in lays the inner side (semitendinosus, semimembranosus) on it
    cues = {"biceps_femoris": ("outward", "outer"), "semitendinosus": ("inward", "inner")}
    cues["semimembranosus"] = cues["semitendinosus"]
    for muscle_id, (turn, side) in cues.items():
        how = KNOWLEDGE.muscles[muscle_id].technique.how.lower()
        wrong = "inward" if turn == "outward" else "outward"
        assert turn in how and wrong not in how, muscle_id
        assert f"{side} back of the thigh rests on the roller" in how, muscle_id


def test_face_up_positions_are_covered_by_the_pregnancy_caution() -> None:
    # lying flat on the back late in pregnancy can make a person faint (the womb presses on
    # the large vein): every face-up record names it, or the general advice does
    general = " ".join(KNOWLEDGE.advice).lower()
    in_general = "pregnan" in general and "on your back" in general and "20 weeks" in general
    for muscle_id, m in KNOWLEDGE.muscles.items():
        if m.technique.position == "face_up":
            own = " ".join(m.cautions).lower()
            assert in_general or "pregnan" in own, f"{muscle_id}: face up without pregnancy caution"


TOWARDS_NECK_OR_LOW_BACK = re.compile(
    r"\b(towards|to|onto|on|up|over|across) the (neck|low back)\b", re.IGNORECASE
)


def test_the_general_advice_keeps_the_roller_off_the_neck_and_the_low_back() -> None:
    for line in KNOWLEDGE.advice:
        for sentence in _sentences(line):
            if TOWARDS_NECK_OR_LOW_BACK.search(sentence):
                assert NEGATION.search(sentence), f"advice sends the tool onto the neck: {line!r}"
    general = " ".join(KNOWLEDGE.advice).lower()
    for word in ("pregnan", "blood thinner", "fragile bones", "varicose", "diabetes", "surgery"):
        assert word in general, f"general advice lacks the contraindication {word!r}"


# record ids → words that must appear in their cautions (the nerve, vessel or condition)
REQUIRED_CAUTIONS = {
    "triceps_brachii": ("funny bone", "little finger"),
    "wrist_flexors": ("funny bone", "little finger"),
    "gluteus_maximus": ("sciatic",),
    "piriformis": ("sciatic",),
    "obturator_internus": ("sciatic", "between the sit bone and the bony point of the hip"),
    "quadratus_femoris": ("sciatic", "the hollow just outside it"),
    "biceps_femoris": ("sciatic",),
    "semitendinosus": ("sciatic",),
    "semimembranosus": ("sciatic",),
    "tensor_fasciae_latae": ("outer thigh", "front point of the hip bone"),
    "sternocleidomastoid": ("stroke", "one side at a time"),
    "rectus_abdominis": ("pregnan", "hernia", "surgery", "aneurysm"),
    "external_oblique": ("pregnan", "hernia", "surgery", "aneurysm"),
    "internal_oblique": ("pregnan", "hernia", "surgery", "aneurysm", "outer thigh"),
    "iliopsoas": ("pregnan", "hernia", "surgery", "aneurysm"),
    "erector_spinae_thoracic": ("fragile bones",),
    "plantar_fascia": ("diabetes", "feeling"),
    "abductor_hallucis": ("diabetes", "feeling"),
    "extensor_digitorum_brevis": ("diabetes", "feeling"),
    "interossei_foot": ("diabetes", "feeling"),
    "quadratus_plantae": ("diabetes", "feeling"),
    "flexor_digitorum_brevis": ("diabetes", "feeling"),
    "flexor_hallucis_brevis": ("diabetes", "feeling"),
    "adductor_hallucis": ("diabetes", "feeling"),
    "abductor_digiti_minimi_foot": ("diabetes", "feeling"),
    "gemelli": ("sciatic", "between the sit bone and the bony point of the hip"),
    "scalenes": ("tingl",),
    "suboccipitals": ("dizzy",),
    "temporalis": ("after about 50",),
    "pectoralis_major": ("pacemaker",),
    "pectoralis_minor": ("pacemaker",),
    "subclavius": ("pacemaker",),
    "plantaris": ("same day", "emergency"),
    "flexor_hallucis_longus": ("same day", "emergency"),
    "flexor_carpi_ulnaris": ("funny-bone", "heel of the hand"),
    "abductor_digiti_minimi_hand": ("heel of the hand",),
}


@pytest.mark.parametrize("muscle_id", sorted(REQUIRED_CAUTIONS))
def test_records_near_a_nerve_vessel_or_condition_name_it(muscle_id: str) -> None:
    words = " ".join(KNOWLEDGE.muscles[muscle_id].cautions).lower()
    for word in REQUIRED_CAUTIONS[muscle_id]:
        assert word in words, f"{muscle_id}: cautions do not mention {word!r}"


CALF_IDS = ("gastrocnemius", "soleus", "tibialis_posterior", "flexor_digitorum_longus")


@pytest.mark.parametrize("muscle_id", CALF_IDS)
def test_a_swollen_calf_is_not_rolled_and_gets_same_day_care(muscle_id: str) -> None:
    words = " ".join(KNOWLEDGE.muscles[muscle_id].cautions).lower()
    assert "do not roll" in words and "swollen" in words and "same day" in words, muscle_id
    assert "breath" in words and "emergency" in words, f"{muscle_id}: clot to the lung"
    assert "before rolling" not in words, f"{muscle_id}: a possible clot is never rolled later"


@pytest.mark.parametrize("muscle_id", RECORD_IDS)
def test_every_source_note_cites_the_literature(muscle_id: str) -> None:
    source = KNOWLEDGE.muscles[muscle_id].source
    # a textbook or paper, not only the project's own notes
    assert re.search(r"Travell|Davies|Donnelly|NICE|J Anat|\(19|\(20", source), source


def _parse_advice(advice: str, complete: bool = False) -> Any:
    texts = {
        **({n: read_text("knowledge", n) for n in MUSCLE_FILES} if complete else {"x.toml": GOOD}),
        CAUTIONS_FILE: read_text("knowledge", CAUTIONS_FILE),
        ADVICE_FILE: advice,
    }
    return parse_tables(texts, complete=complete)


@pytest.mark.parametrize(
    ("old", "new", "message", "complete"),
    [
        ('pattern = "back_leg"', 'pattern = "back_legs"', "unknown pattern 'back_legs'", False),
        ('"multifidus", ', '"multifidus", "spinalis", ', "unknown muscle(s) ['spinalis']", True),
        ("{muscles}.", "{muscle}.", "'place' takes only", False),
        ("[check_first]", "[check_first]\ncolour = 'red'", "unknown key(s) 'colour'", False),
        ("[beside_spine]", "[beside_spin]", "missing key 'beside_spine'", False),
    ],
)
def test_the_advice_file_is_strict(old: str, new: str, message: str, complete: bool) -> None:
    """The grouped clinician-first texts and the beside-the-spine rule: bad names and
    placeholders are refused with the file and the table named."""
    advice = read_text("knowledge", ADVICE_FILE)
    assert old in advice
    knowledge = _parse_advice(advice, complete)
    assert "{side}" in knowledge.check_first_place and knowledge.check_first_why
    assert knowledge.beside_spine and knowledge.beside_spine_caution
    with pytest.raises(KnowledgeError) as err:
        _parse_advice(advice.replace(old, new, 1), complete)
    assert str(err.value).startswith(ADVICE_FILE) and message in str(err.value)


# --- the search terms table is strict ---------------------------------------------------

TERMS = """
[said]
complaint = "often involved in what people call {term}"
group = "one of the {term} muscles"

[[term]]
term = "calf pain"
kind = "complaint"
also = ["sore calf"]
muscles = ["soleus"]
source = "Travell & Simons, vol. 2 ch. 22."
"""


def _parse_terms(terms: str) -> Any:
    return _parse(GOOD, **{SEARCH_TERMS_FILE: terms})


def test_a_search_term_lists_its_muscles() -> None:
    (entry,) = _parse_terms(TERMS).search_terms
    assert entry.spellings == ("calf pain", "sore calf") and entry.muscles == ("soleus",)
    # the reason names the entry itself, whatever spelling was typed
    assert entry.why == "often involved in what people call calf pain"
    assert entry.warning == ""
    warned = TERMS.replace(
        'source = "T', 'warning = "See a clinician if the calf swells."\nsource = "T'
    )
    assert _parse_terms(warned).search_terms[0].warning == "See a clinician if the calf swells."


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('muscles = ["soleus"]', 'muscles = ["solius"]', "term 'calf pain': muscles names unknown"),
        ('muscles = ["soleus"]', "muscles = []", "term 'calf pain': 'muscles' must not be empty"),
        ('kind = "complaint"', 'kind = "diagnosis"', "term 'calf pain': unknown kind"),
        ('also = ["sore calf"]', 'also = ["Calf-pain"]', "'Calf-pain' already names term"),
        ('also = ["sore calf"]', 'also = ["***"]', "has no letters"),
        ('source = "T', 'colour = "red"\nsource = "T', "term 'calf pain': unknown key(s) 'colour'"),
        ('source = "Travell & Simons, vol. 2 ch. 22."\n', "", "missing key 'source'"),
        ('call {term}"', 'call it"', "'complaint' must say {term}"),
        ('call {term}"', 'call {terms}"', "'complaint' takes only {term}"),
        ("[said]", "[say]", "missing key 'said'"),
    ],
)
def test_the_search_terms_file_is_strict_and_names_the_entry(old: str, new: str, message: str):
    assert old in TERMS
    with pytest.raises(KnowledgeError) as err:
        _parse_terms(TERMS.replace(old, new, 1))
    assert str(err.value).startswith(SEARCH_TERMS_FILE) and message in str(err.value)


def test_every_shipped_search_term_names_records_and_a_source() -> None:
    assert KNOWLEDGE.search_terms
    for entry in KNOWLEDGE.search_terms:
        assert set(entry.muscles) <= set(KNOWLEDGE.muscles), entry.term
        assert len(entry.source) > 80 and entry.kind in ("complaint", "group"), entry.term
