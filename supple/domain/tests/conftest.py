"""Hypothesis settings for the domain tests: derandomized, so every run is the same and fast."""

from hypothesis import HealthCheck, settings

settings.register_profile(
    "supple-domain",
    derandomize=True,
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
)
settings.load_profile("supple-domain")
