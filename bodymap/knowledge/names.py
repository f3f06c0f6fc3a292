"""The fixed vocabularies the knowledge tables are checked against.

These mirror the contracts in ``docs/ARCHITECTURE.md`` (region ids, surface segment ids,
product landmarks) so the loader can reject a typo without loading the atlas; the atlas
cross-check (:func:`bodymap.knowledge.validate_against_atlas`) then proves both agree.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "FASCIA_IDS",
    "GROUPS",
    "LANDMARKS",
    "MIDLINE_SEGMENTS",
    "PAIN_KINDS",
    "POSITIONS",
    "REGION_IDS",
    "SEGMENT_IDS",
    "SIDED_LANDMARKS",
    "TOOLS",
    "ZONE_KINDS",
]

TOOLS: Final = ("foam_roller", "ball", "hands", "none")
PAIN_KINDS: Final = ("ache", "sharp", "burning", "tingling", "numb")
ZONE_KINDS: Final = ("danger", "bone")
"""Caution zones: vessels, nerves and organs (danger), or tissue that is not rolled (bone)."""
POSITIONS: Final = ("standing", "wall", "seated", "face_up", "side_lying", "face_down")
"""Body positions, in the order a routine visits them (standing first, floor work last)."""

REGION_IDS: Final = (
    # the product's list (docs/PRODUCT.md), groups split into parts
    "temporalis", "masseter", "sternocleidomastoid", "scalenes", "suboccipitals",
    "splenius_capitis", "semispinalis_capitis", "upper_trapezius", "middle_trapezius",
    "lower_trapezius", "levator_scapulae", "rhomboids", "supraspinatus", "infraspinatus",
    "teres_minor", "teres_major", "subscapularis", "latissimus_dorsi", "serratus_anterior",
    "serratus_posterior_superior", "pectoralis_major", "pectoralis_minor", "deltoid_anterior",
    "deltoid_middle", "deltoid_posterior", "biceps_brachii", "brachialis", "triceps_brachii",
    "brachioradialis", "extensor_carpi_radialis", "extensor_digitorum", "supinator",
    "wrist_flexors", "rectus_abdominis", "external_oblique", "erector_spinae_thoracic",
    "erector_spinae_lumbar", "multifidus", "quadratus_lumborum", "iliopsoas",
    "gluteus_maximus", "gluteus_medius", "gluteus_minimus", "piriformis",
    "tensor_fasciae_latae", "rectus_femoris", "vastus_lateralis", "vastus_medialis",
    "vastus_intermedius", "sartorius", "adductor_longus", "adductor_magnus", "biceps_femoris",
    "semitendinosus", "semimembranosus", "gastrocnemius", "soleus", "tibialis_anterior",
    "fibularis", "thoracolumbar_fascia", "iliotibial_band", "plantar_fascia",
    # extra ids so the superficial layer covers the body
    "frontalis", "occipitalis", "epicranial_aponeurosis", "facial_muscles", "infrahyoids",
    "coracobrachialis", "hand_muscles", "pectineus", "gracilis", "patellar_retinaculum",
    "extensor_digitorum_longus", "extensor_digitorum_brevis", "anconeus", "internal_oblique",
    "serratus_posterior_inferior", "popliteus", "tibialis_posterior",
    "flexor_digitorum_longus", "abductor_hallucis",
    # single muscles of the jaw, face, chest wall, forearm, hand, deep hip and foot
    "lateral_pterygoid", "medial_pterygoid", "digastric", "buccinator", "zygomaticus_major",
    "orbicularis_oculi", "platysma", "subclavius", "sternalis", "intercostals",
    "pronator_teres", "flexor_carpi_radialis", "palmaris_longus", "flexor_carpi_ulnaris",
    "flexor_digitorum_superficialis", "flexor_digitorum_profundus", "flexor_pollicis_longus",
    "extensor_carpi_ulnaris", "opponens_pollicis", "adductor_pollicis",
    "abductor_digiti_minimi_hand", "first_dorsal_interosseous",
    "gemelli", "obturator_internus", "quadratus_femoris", "levator_ani", "coccygeus",
    "plantaris",
    "flexor_hallucis_longus", "extensor_hallucis_longus", "interossei_foot",
    "quadratus_plantae", "flexor_digitorum_brevis", "flexor_hallucis_brevis",
    "adductor_hallucis", "abductor_digiti_minimi_foot", "splenius_cervicis",
)  # fmt: skip

FASCIA_IDS: Final = frozenset(
    {
        "thoracolumbar_fascia",
        "iliotibial_band",
        "plantar_fascia",
        "epicranial_aponeurosis",
        "patellar_retinaculum",
    }
)

GROUPS: Final = {
    "deltoid": ("deltoid_anterior", "deltoid_middle", "deltoid_posterior"),
    "wrist_extensors": ("extensor_carpi_radialis", "extensor_digitorum"),
    "erector_spinae": ("erector_spinae_thoracic", "erector_spinae_lumbar"),
    "quadriceps": ("rectus_femoris", "vastus_lateralis", "vastus_medialis", "vastus_intermedius"),
    "adductors": ("adductor_longus", "adductor_magnus"),
    "hamstrings": ("biceps_femoris", "semitendinosus", "semimembranosus"),
    "zygomaticus": ("zygomaticus_major",),
    "abductor_digiti_minimi": ("abductor_digiti_minimi_hand", "abductor_digiti_minimi_foot"),
}

_FRONT_SEGMENTS = (
    "forehead", "temple", "eye", "cheek", "jaw", "tmj", "chin", "ear", "throat", "lateral_neck",
    "clavicle", "top_of_shoulder", "anterior_shoulder", "lateral_shoulder", "chest", "sternum",
    "lateral_chest", "upper_abdomen", "lower_abdomen", "groin", "anterior_upper_arm",
    "medial_upper_arm", "medial_elbow", "lateral_elbow", "antecubital_fossa", "anterior_forearm",
    "medial_forearm", "wrist_palmar", "palm",
    "fingers_palmar", "thumb", "ulnar_hand", "wrist_palmar_ulnar",
    "anterior_hip", "lateral_hip", "anterior_thigh", "medial_thigh", "lateral_thigh",
    "anterior_knee", "medial_knee", "lateral_knee", "shin", "lateral_leg", "anterior_ankle",
    "medial_ankle", "lateral_ankle", "dorsum_of_foot", "toes", "big_toe",
)  # fmt: skip
_BACK_SEGMENTS = (
    "vertex", "occiput", "mastoid", "posterior_neck", "lateral_neck", "top_of_shoulder",
    "suprascapular", "scapula", "interscapular", "lateral_shoulder", "posterior_shoulder",
    "posterior_upper_arm", "posterior_elbow", "lateral_elbow", "medial_elbow",
    "posterior_forearm", "medial_forearm", "wrist_dorsal", "back_of_hand", "fingers_dorsal",
    "thumb", "ulnar_hand", "wrist_dorsal_ulnar",
    "lateral_chest", "mid_back", "thoracolumbar", "lumbar_paraspinal", "lateral_low_back",
    "flank", "sacroiliac", "sacrum", "coccyx", "buttock", "gluteal_fold", "lateral_hip",
    "posterior_thigh", "lateral_thigh", "medial_thigh", "posterior_knee", "lateral_knee",
    "calf", "lateral_leg", "achilles", "medial_ankle", "lateral_ankle", "heel", "sole",
)  # fmt: skip

SEGMENT_IDS: Final = {"front": frozenset(_FRONT_SEGMENTS), "back": frozenset(_BACK_SEGMENTS)}
"""Surface segment ids per view (a sided id exists for the right and the left)."""
MIDLINE_SEGMENTS: Final = frozenset({"chin", "throat", "sternum", "vertex", "sacrum", "coccyx"})
FACED_SEGMENTS: Final = frozenset({"thumb", "ulnar_hand"})
"""The hand's segments seen in both views, the palm side in front and the back behind: a
record's ``referral.faces`` may keep one face of them."""
FACE_WORDS: Final = {"front": "palm side", "back": "back"}
"""A face of a hand segment in words, by view (the front view shows the palms)."""

_FRONT_MIDLINE = ("vertex", "chin", "sternal_notch", "xiphoid", "umbilicus", "pubic_symphysis")
_FRONT_SIDED = (
    "temple", "jaw_angle", "acromion", "clavicle_mid", "nipple", "asis", "elbow_crease",
    "lateral_epicondyle", "medial_epicondyle", "wrist", "greater_trochanter", "patella",
    "tibial_tuberosity", "medial_malleolus", "lateral_malleolus",
)  # fmt: skip
_BACK_MIDLINE = ("vertex", "occiput", "c7", "t12", "l4", "sacrum", "coccyx")
_BACK_SIDED = (
    "mastoid", "acromion", "scapula_superior_angle", "scapula_spine_root",
    "scapula_inferior_angle", "olecranon", "lateral_epicondyle", "medial_epicondyle", "wrist",
    "iliac_crest", "psis", "greater_trochanter", "ischial_tuberosity", "gluteal_fold",
    "popliteal_fossa", "heel", "medial_malleolus", "lateral_malleolus",
)  # fmt: skip

SIDED_LANDMARKS: Final = {"front": frozenset(_FRONT_SIDED), "back": frozenset(_BACK_SIDED)}
"""Landmark names that carry an ``_r``/``_l`` suffix in the atlas."""
LANDMARKS: Final = {
    "front": frozenset(_FRONT_SIDED + _FRONT_MIDLINE),
    "back": frozenset(_BACK_SIDED + _BACK_MIDLINE),
}
"""Landmark names a trigger-point site may use, per view (without side suffix)."""
