"""Display names in plain English, derived from ids with a few hand-written exceptions."""

from __future__ import annotations

__all__ = ["display_name"]

_SPECIAL = {
    "lateral_neck": "Side of neck",
    "top_of_shoulder": "Top of shoulder",
    "neck_front": "Front of neck",
    "popliteal_fossa": "Back of knee",
    "femoral_triangle": "Groin (femoral triangle)",
    "axilla": "Armpit",
    "kidney": "Kidney area",
    "spine": "Spine",
    "c7": "C7 (base of neck)",
    "t12": "T12",
    "l4": "L4",
    "asis": "ASIS (front hip bone)",
    "psis": "PSIS (back hip dimple)",
    "facial_muscles": "Face muscles",
    "hand_muscles": "Hand muscles",
    "epicranial_aponeurosis": "Scalp (epicranial aponeurosis)",
    "fibularis": "Fibularis (peroneus)",
    "wrist_flexors": "Wrist flexors",
    "lateral_chest": "Side of chest",
    "lateral_hip": "Side of hip",
    "lateral_thigh": "Outer thigh",
    "lateral_knee": "Outer knee",
    "medial_thigh": "Inner thigh",
    "lateral_leg": "Outer lower leg",
    "dorsum_of_foot": "Top of foot",
    "sole": "Sole",
    "gluteal_fold": "Lower buttock (sit bone)",
    "lateral_shoulder": "Side of shoulder",
    "thoracolumbar": "Upper low back (thoracolumbar junction)",
    "lumbar_paraspinal": "Low back beside the spine",
    "lateral_low_back": "Low back above the hip bone",
    "tmj": "Jaw joint (TMJ)",
    "antecubital_fossa": "Elbow crease",
    "ulnar_hand": "Little-finger side of the hand",
    "wrist_palmar_ulnar": "Little-finger side of the wrist (palm side)",
    "wrist_dorsal_ulnar": "Little-finger side of the wrist (back)",
    "big_toe": "Big toe",
    "abductor_digiti_minimi_hand": "Abductor digiti minimi (hand)",
    "abductor_digiti_minimi_foot": "Abductor digiti minimi (foot)",
    "interossei_foot": "Interossei (foot)",
    "levator_ani": "Levator ani and coccygeus (pelvic floor)",
    "gemelli": "Gemelli (superior and inferior)",
    "intercostals": "Intercostals",
    # surface segments: the words a person uses, not the anatomical terms
    "anterior_ankle": "Front of ankle",
    "anterior_forearm": "Front of forearm",
    "anterior_hip": "Front of hip",
    "anterior_knee": "Front of knee",
    "anterior_shoulder": "Front of shoulder",
    "anterior_thigh": "Front of thigh",
    "anterior_upper_arm": "Front of upper arm",
    "fingers_palmar": "Fingers (palm side)",
    "fingers_dorsal": "Fingers (back)",
    "lateral_ankle": "Outer ankle",
    "lateral_elbow": "Outer elbow",
    "medial_ankle": "Inner ankle",
    "medial_elbow": "Inner elbow",
    "medial_knee": "Inner knee",
    "wrist_palmar": "Wrist (palm side)",
    "wrist_dorsal": "Back of wrist",
    "achilles": "Achilles tendon",
    "clavicle": "Collarbone",
    "sternum": "Breastbone",
    "interscapular": "Between the shoulder blades",
    "mastoid": "Behind the ear (mastoid)",
    "occiput": "Base of the skull",
    "posterior_elbow": "Back of elbow",
    "posterior_forearm": "Back of forearm",
    "posterior_knee": "Back of knee",
    "posterior_neck": "Back of neck",
    "posterior_shoulder": "Back of shoulder",
    "posterior_thigh": "Back of thigh",
    "posterior_upper_arm": "Back of upper arm",
    "sacroiliac": "Sacroiliac joint area",
    "scapula": "Shoulder blade",
    "suprascapular": "Above the shoulder blade",
    "vertex": "Top of head",
    "coccyx": "Tailbone",
    "shin": "Shin",
    "sacrum": "Sacrum (back of the pelvis)",
}


def display_name(id_: str) -> str:
    """'upper_trapezius' -> 'Upper trapezius'; sided landmark suffixes are spelled out."""
    side = ""
    base = id_
    if id_.endswith(("_r", "_l")):
        base, side = id_[:-2], " (right)" if id_.endswith("_r") else " (left)"
    if base in _SPECIAL:
        return _SPECIAL[base] + side
    return base.replace("_", " ").capitalize() + side
