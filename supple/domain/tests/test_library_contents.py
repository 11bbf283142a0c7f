"""The built-in library holds what docs/exercise-format.md promises: required exercises, tags and variety."""

import pytest

from supple.domain.library import load_library
from supple.domain.planning import CAUSE_TARGETS, TARGET_GROUP
from supple.domain.vocabulary import END_RANGE_TAGS, FLOOR_POSITIONS

LIBRARY = load_library()

# The required entries with the tags each must carry at least
# (docs/exercise-format.md, "What the built-in library holds").
REQUIRED = {
    "standing-hip-flexor-stretch": {"standing", "standing_balance", "hip_extension", "deep_knee_flexion", "desk"},
    "lunging-hip-flexor-stretch": {"kneeling", "floor", "hip_extension", "hip_extension_with_external_rotation"},
    "seated-figure-four-stretch": {"sitting", "needs_chair", "hip_flexion_past_90", "hip_external_rotation", "desk"},
    "supine-figure-four-stretch": {"supine", "floor", "hip_flexion_past_90", "hip_external_rotation"},
    "leg-crossover-stretch": {
        "supine", "floor", "hip_adduction_past_midline", "hip_internal_rotation", "spinal_rotation",
        "spinal_rotation_end_range",
    },
    "knee-to-chest-stretch": {"supine", "floor", "hip_flexion_past_90", "spinal_flexion", "abdominal_compression"},
    "childs-pose": {
        "kneeling", "floor", "deep_knee_flexion", "hip_flexion_past_90", "spinal_flexion", "spinal_flexion_end_range",
        "abdominal_compression",
    },
    "cat-camel": {"quadruped", "kneeling", "floor", "spinal_flexion", "spinal_extension"},
    "prone-press-up": {"prone", "floor", "spinal_extension", "spinal_extension_end_range"},
    "standing-back-extension": {"standing", "spinal_extension", "desk"},
    "pelvic-tilt": {"supine", "floor", "gentle"},
}  # fmt: skip

PREGNANCY_EXCLUDED = {"supine", "prone", "abdominal_compression"}
POSTERIOR_HIP_EXCLUDED = {"hip_flexion_past_90", "hip_adduction_past_midline", "hip_internal_rotation"}


@pytest.mark.parametrize(("exercise_id", "tags"), REQUIRED.items())
def test_every_required_exercise_is_there_with_its_tags(exercise_id, tags):
    assert exercise_id in LIBRARY
    assert tags <= LIBRARY.get(exercise_id).tags


def test_the_library_has_at_least_19_exercises():
    assert len(LIBRARY) >= 19


def test_there_are_at_least_5_desk_exercises():
    assert sum(e.desk for e in LIBRARY) >= 5


def test_at_least_3_suit_the_second_and_third_trimester():
    assert sum(not (e.tags & PREGNANCY_EXCLUDED) for e in LIBRARY) >= 3


def test_at_least_3_suit_a_recent_posterior_hip_replacement_in_three_positions():
    suitable = [e for e in LIBRARY if not (e.tags & POSTERIOR_HIP_EXCLUDED)]
    assert len(suitable) >= 3
    assert {"side_lying", "sitting", "standing"} <= {e.position for e in suitable}


def test_at_least_3_are_gentle_and_2_of_those_desk_friendly():
    gentle = [e for e in LIBRARY if e.gentle]
    assert len(gentle) >= 3
    assert sum(e.desk for e in gentle) >= 2


@pytest.mark.parametrize("exercise", list(LIBRARY), ids=lambda e: e.id)
class TestEveryExercise:
    def test_floor_positions_carry_floor_and_desk_never_does(self, exercise):
        if exercise.tags & FLOOR_POSITIONS:
            assert "floor" in exercise.tags
        if exercise.desk:
            assert "floor" not in exercise.tags
            assert exercise.position in ("sitting", "standing")
            assert not exercise.tags & {"needs_strap"}

    def test_end_range_tags_carry_end_range(self, exercise):
        if exercise.tags & END_RANGE_TAGS:
            assert "end_range" in exercise.tags

    def test_it_says_to_stop_if_pain_spreads_down_the_leg(self, exercise):
        assert any("leg" in sign.lower() and "spread" in sign.lower() for sign in exercise.stop_if)

    def test_its_dose_matches_its_kind(self, exercise):
        if exercise.kind == "hold":
            assert exercise.dose.hold_seconds and exercise.dose.reps is None
        else:
            assert exercise.dose.reps and exercise.dose.hold_seconds is None

    def test_its_steps_are_short_enough_to_read_at_a_glance(self, exercise):
        assert 2 <= len(exercise.steps) <= 8
        assert all(len(step) <= 160 for step in exercise.steps)


@pytest.mark.parametrize("exercise", list(LIBRARY), ids=lambda e: e.id)
def test_its_file_dose_is_the_dose_the_rules_start_with(exercise):
    """2 sets of 30 s holds or 10 slow repetitions (clinical rules, section 5): what a plan gives by default."""
    assert exercise.dose.sets == 2
    assert (exercise.dose.hold_seconds, exercise.dose.reps) == ((30, None) if exercise.kind == "hold" else (None, 10))


# Words a caution uses for each condition, and the tags by which that condition excludes an exercise.
OSTEOPOROSIS_TAGS = {"spinal_flexion_end_range", "spinal_rotation_end_range", "loaded_spinal_flexion"}
CONDITION_WORDS = {
    "osteoporosis": (OSTEOPOROSIS_TAGS, "osteoporosis"),
    "stenosis": ({"spinal_extension_end_range"}, "stenosis"),
    "hypermobility": ({"end_range"}, "flexible"),
    "knee problem": ({"kneeling", "deep_knee_flexion"}, "knee problem"),
    "posterior hip": (
        {"hip_flexion_past_90", "hip_adduction_past_midline", "hip_internal_rotation"},
        "hip replacement",
    ),
    "anterior hip": ({"hip_extension_with_external_rotation", "kneeling"}, "hip replacement"),
    "pregnancy": ({"supine", "prone", "abdominal_compression"}, "pregnan"),
}


@pytest.mark.parametrize("exercise", list(LIBRARY), ids=lambda e: e.id)
def test_a_caution_for_a_condition_that_rules_the_exercise_out_says_to_leave_it_out(exercise):
    for tags, word in CONDITION_WORDS.values():
        if exercise.tags & tags:
            for caution in exercise.cautions:
                if word in caution.lower():
                    assert "leave" in caution.lower(), (exercise.id, caution)


@pytest.mark.parametrize("exercise", list(LIBRARY), ids=lambda e: e.id)
def test_each_cause_it_answers_is_a_habit_whose_muscles_it_works(exercise):
    """Clinical rules, section 4: a cause names a habit whose target muscles the exercise stretches.

    Long sitting is also answered by a desk exercise that moves the lower back: it breaks up the sitting.
    """
    groups = {TARGET_GROUP.get(t, t) for t in exercise.targets}
    for cause in set(exercise.causes) - {"general", "pain_direction"}:
        wanted = set(CAUSE_TARGETS[cause]) | ({"lower_back"} if cause == "sitting_hours" and exercise.desk else set())
        assert groups & wanted, (exercise.id, cause)
