"""Shared fixtures. Qt runs offscreen: set before anything imports Qt."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DIENSTSCAN_NO_SETTINGS", "1")
# the checklist cache of the tests, never the user's own (dienstscan.storage.cache)
os.environ.setdefault("DIENSTSCAN_CACHE_DIR", tempfile.mkdtemp(prefix="dienstscan-test-cache-"))
