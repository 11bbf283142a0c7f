"""The shared vocabulary of supple: movement tags, positions, targets, causes and sports, with their names.

Tags and cause codes are public (see docs/plan-format.md and docs/exercise-format.md); changing a
value here changes those formats, so add values, never rename them.
"""

POSITIONS = ("standing", "sitting", "supine", "prone", "side_lying", "quadruped", "kneeling")

# Positions on the ground: an exercise in one of these also carries the `floor` tag.
FLOOR_POSITIONS = frozenset({"supine", "prone", "side_lying", "quadruped", "kneeling"})

NEEDS_TAGS = ("needs_chair", "needs_wall", "needs_strap")

HIP_TAGS = (
    "hip_flexion_past_90",
    "hip_adduction_past_midline",
    "hip_internal_rotation",
    "hip_external_rotation",
    "hip_extension",
    "hip_extension_with_external_rotation",
)

SPINE_TAGS = (
    "spinal_flexion",
    "spinal_flexion_end_range",
    "loaded_spinal_flexion",
    "spinal_extension",
    "spinal_extension_end_range",
    "spinal_rotation",
    "spinal_rotation_end_range",
)

OTHER_TAGS = ("deep_knee_flexion", "abdominal_compression", "standing_balance", "end_range", "gentle", "desk")

TAGS = (*POSITIONS, "floor", *NEEDS_TAGS, *HIP_TAGS, *SPINE_TAGS, *OTHER_TAGS)

END_RANGE_TAGS = frozenset(t for t in TAGS if t.endswith("_end_range"))

# Muscle groups an exercise stretches or moves. The planner balances routines over them.
TARGETS = (
    "hip_flexors",
    "quadriceps",
    "glutes",
    "piriformis",
    "hamstrings",
    "adductors",
    "lower_back",
    "trunk_rotators",
    "side_trunk",
    "abdominals",
    "calves",
)

TARGET_NAMES = {
    "hip_flexors": "hip flexors",
    "quadriceps": "front of the thigh",
    "glutes": "buttocks",
    "piriformis": "deep buttock (piriformis)",
    "hamstrings": "back of the thigh",
    "adductors": "inner thigh",
    "lower_back": "lower back",
    "trunk_rotators": "trunk rotators",
    "side_trunk": "side of the trunk",
    "abdominals": "tummy muscles",
    "calves": "calves",
}

# Cause codes: why an exercise is in a routine. `general` fills a balanced set;
# `pain_direction` answers the direction rules (clinical rules, section 3).
CAUSES = (
    "sitting_hours",
    "driving_hours",
    "sport",
    "rotational_sport",
    "weight_or_posture",
    "general",
    "pain_direction",
)

CAUSE_NAMES = {
    "sitting_hours": "long hours sitting",
    "driving_hours": "time spent driving",
    "sport": "sports such as running, cycling or the gym",
    "rotational_sport": "sports that twist to one side, such as golf or tennis",
    "weight_or_posture": "weight or posture",
    "general": "a balanced set",
    "pain_direction": "the movements that ease your pain",
}

# Sport codes of the intake profile (intake.SPORTS, then intake.ROTATIONAL_SPORTS), as a sentence names them.
# The intake form shows them with a capital letter.
SPORT_NAMES = {
    "running": "running",
    "cycling": "cycling",
    "football": "football",
    "basketball": "basketball",
    "swimming": "swimming",
    "gym": "gym or weights",
    "other": "another sport",
    "golf": "golf",
    "tennis": "tennis or another racket sport",
    "baseball": "baseball or cricket",
    "hockey": "hockey",
}

TAG_NAMES = {
    "standing": "standing",
    "sitting": "sitting",
    "supine": "lying on your back",
    "prone": "lying on your front",
    "side_lying": "lying on your side",
    "quadruped": "on hands and knees",
    "kneeling": "kneeling",
    "floor": "on the floor",
    "needs_chair": "needs a chair",
    "needs_wall": "needs a wall",
    "needs_strap": "needs a strap or towel",
    "desk": "desk-friendly",
    "gentle": "gentle",
}

POSITION_NAMES = {p: TAG_NAMES[p] for p in POSITIONS}
