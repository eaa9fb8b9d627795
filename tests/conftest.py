"""Shared fixtures. Qt runs offscreen: set before anything imports Qt."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DIENSTSCAN_NO_SETTINGS", "1")
# the checklist cache of the tests, never the user's own (dienstscan.storage.cache)
os.environ.setdefault("DIENSTSCAN_CACHE_DIR", tempfile.mkdtemp(prefix="dienstscan-test-cache-"))
# and the data folder (recovery copies, the caches' installation secret), never the user's own
os.environ.setdefault("DIENSTSCAN_DATA_DIR", tempfile.mkdtemp(prefix="dienstscan-test-data-"))


def _patient_qtbot() -> None:
    """pytest-qt gives up waiting after 5 s, which a busy 2-core CI machine can exceed while a
    window or timer is still on its way. A wait still ends the moment its condition holds; only
    the point at which a wait counts as failed moves to a minute, so no GUI test depends on
    how fast the machine is."""
    from pytestqt.qtbot import QtBot

    for name in ("waitActive", "waitExposed", "waitSignal", "waitSignals", "waitUntil", "waitCallback"):
        defaults = getattr(QtBot, name).__kwdefaults__
        if defaults and defaults.get("timeout") == 5000:
            defaults["timeout"] = 60_000


_patient_qtbot()


def _hypothesis_without_clock() -> None:
    """Hypothesis fails an example that takes over 200 ms and warns about slow data generation:
    both measure the machine, not the code. Off for every property test."""
    from hypothesis import HealthCheck, settings

    settings.register_profile("dienstscan", deadline=None, suppress_health_check=[HealthCheck.too_slow])
    settings.load_profile("dienstscan")


_hypothesis_without_clock()
