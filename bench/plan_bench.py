"""Plan 10,000 random valid intake profiles on one core; print plans per second and p99.

    .venv/bin/python bench/plan_bench.py [--count 10000] [--seed 1]     (or: make bench)

The profiles are made up front from a fixed seed. Each timed plan validates the intake,
screens it, applies the precautions, chooses and doses the routine, and then either writes
the JSON text that `supple plan` prints or builds the document the web app stores; both
are reported. The library is loaded once, before timing. Target: 2,000 plans per second.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from supple.domain.intake import (
    HIP_APPROACHES,
    INFLAMMATORY_SIGNS,
    PAIN_AREAS,
    RED_FLAGS,
    ROTATIONAL_SPORTS,
    SPORTS,
    SURGERY_SITES,
    WORSE_WITH,
    parse_intake,
)
from supple.domain.library import load_library
from supple.domain.planning import build_plan, plan_json

TARGET_PLANS_PER_SECOND = 2000


def random_profile(rng: random.Random) -> dict[str, Any]:
    """A valid profile; most answer every red flag no, as most people do."""
    flags: dict[str, Any] = dict.fromkeys(RED_FLAGS, False)
    if rng.random() < 0.15:
        flags[rng.choice(RED_FLAGS)] = rng.choice([True, None])
    doc: dict[str, Any] = {
        "version": 1,
        "age": rng.randint(16, 90),
        "pain": {
            "intensity": rng.randint(0, 10),
            "weeks": rng.choice([rng.randint(0, 12), rng.randint(0, 520)]),
            "areas": rng.sample(PAIN_AREAS[:5], rng.randint(0, 3)),
            "below_knee": rng.random() < 0.1,
            "worse_with": rng.sample(WORSE_WITH, rng.randint(0, 2)),
        },
        "red_flags": flags,
        "inflammatory": {name: rng.random() < 0.2 for name in INFLAMMATORY_SIGNS},
        "conditions": _conditions(rng),
        "lifestyle": {
            "sitting_hours": round(rng.uniform(0, 12), 1),
            "driving_hours": round(rng.uniform(0, 3), 1),
            "sports": rng.sample(SPORTS + ROTATIONAL_SPORTS, rng.randint(0, 2)),
            "posture_concern": rng.random() < 0.3,
        },
        "preferences": {
            "minutes_per_day": rng.randint(3, 60),
            "can_get_on_floor": rng.random() < 0.8,
            "has_chair": rng.random() < 0.9,
        },
    }
    if rng.random() < 0.7:
        doc["height_cm"] = rng.randint(150, 200)
        doc["weight_kg"] = rng.randint(45, 140)
    return doc


def _conditions(rng: random.Random) -> dict[str, Any]:
    def operation(key: str, kinds: tuple[str, ...]) -> dict[str, Any] | None:
        if rng.random() > 0.1:
            return None
        return {key: rng.choice(kinds), "weeks_ago": rng.randint(0, 60), "cleared": rng.random() < 0.3}

    return {
        "pregnancy_trimester": rng.choice([0] * 9 + [1, 2, 3]),
        "hip_replacement": operation("approach", HIP_APPROACHES),
        "knee_problem": rng.random() < 0.15,
        "osteoporosis": rng.random() < 0.1,
        "spinal_stenosis": rng.random() < 0.1,
        "recent_surgery": operation("site", SURGERY_SITES),
        "hypermobility": rng.random() < 0.05,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    library = load_library()
    rng = random.Random(args.seed)  # noqa: S311 -- reproducible test data, not secrets
    profiles = [random_profile(rng) for _ in range(args.count)]
    decisions: dict[str, int] = {}
    for profile in profiles:  # also warms up the per-library index
        decision = build_plan(parse_intake(profile), library).decision
        decisions[decision] = decisions.get(decision, 0) + 1
    print(f"profiles: {len(profiles)} (seed {args.seed}); decisions: {dict(sorted(decisions.items()))}")
    _report(
        "plan as JSON text (what `supple plan` prints)",
        lambda p: plan_json(build_plan(parse_intake(p), library)),
        profiles,
    )
    _report(
        "plan document only (what the web app stores)",
        lambda p: build_plan(parse_intake(p), library).to_document(),
        profiles,
    )


def _report(label: str, plan: Callable[[dict[str, Any]], object], profiles: list[dict[str, Any]]) -> None:
    times = []
    clock = time.perf_counter_ns
    started = clock()
    for profile in profiles:
        before = clock()
        plan(profile)
        times.append(clock() - before)
    rate = len(profiles) / ((clock() - started) / 1e9)
    times.sort()
    p99 = times[math.ceil(len(times) * 0.99) - 1] / 1e6
    median = statistics.median(times) / 1e6
    verdict = "meets" if rate >= TARGET_PLANS_PER_SECOND else "MISSES"
    print(f"{label}:")
    print(f"  plans per second: {rate:,.0f} ({verdict} the target of {TARGET_PLANS_PER_SECOND:,})")
    print(f"  time per plan: median {median:.3f} ms, 99th percentile {p99:.3f} ms, max {times[-1] / 1e6:.3f} ms")


if __name__ == "__main__":
    main()
