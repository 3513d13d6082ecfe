"""Settings shared by the whole test suite."""

from __future__ import annotations

import os

from hypothesis import settings

# Continuous integration replays the same generated examples every run, so that
# its verdict depends on the change; local runs keep exploring new ones.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
