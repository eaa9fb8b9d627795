"""Dienstscan: measure how mature public service delivery is and turn the gaps into a PDCA plan.

The version lives in one place, ``pyproject.toml``; it is read from the installed metadata the
first time ``dienstscan.__version__`` is asked for. Every start asks (the log's first line, the
scan's lock, the checklist cache's key), and ``importlib.metadata`` alone costs about a sixth of
a bare Qt window's start (its import pulls in ``email``, ``zipfile``, ``csv``...), so the
installed ``dienstscan-X.dist-info/METADATA`` is looked up directly on ``sys.path`` first, as
``importlib.metadata`` would find it (the first on the path wins); ``importlib.metadata`` answers
when that finds nothing (another kind of install). ``tests/unit/test_version.py`` checks both
give the same.
"""

from __future__ import annotations

import os
import sys
from functools import cache

__all__ = ["__version__"]

_DIST = "dienstscan"


def _version_from_dist_info() -> str | None:
    """``Version:`` of the first ``dienstscan-*.dist-info/METADATA`` on ``sys.path``, or None."""
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:  # a zip file, a missing folder
            continue
        for name in names:
            base, _, kind = name.rpartition(".")
            if kind != "dist-info" or base.partition("-")[0].replace("_", "-").lower() != _DIST:
                continue
            try:
                with open(os.path.join(entry or ".", name, "METADATA"), encoding="utf-8") as metadata:
                    for line in metadata:
                        if not line.strip():  # the headers end at the first empty line
                            break
                        key, _, value = line.partition(":")
                        if key.strip().lower() == "version":
                            return value.strip()
            except OSError:
                pass
            return None  # the first dienstscan dist-info decides, as in importlib.metadata
    return None


@cache
def _version() -> str:
    found = _version_from_dist_info()
    if found:
        return found
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(_DIST)
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0.0.0+onbekend"


def __getattr__(name: str) -> str:
    if name == "__version__":
        return _version()
    raise AttributeError(f"module 'dienstscan' has no attribute {name!r}")
