"""Property tests. Their Hypothesis profile: "cec" (150 examples each) for `make test`; with
CEC_HYPOTHESIS_PROFILE=mutation, "mutation" (fewer examples, fixed seed), so that `make mutation`
can run them once per mutant in reasonable time."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "cec", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "mutation",
    max_examples=10,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("CEC_HYPOTHESIS_PROFILE", "cec"))
