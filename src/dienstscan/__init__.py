"""Dienstscan: measure how mature public service delivery is and turn the gaps into a PDCA plan.

The version lives in one place, ``pyproject.toml``; it is read from the installed metadata the
first time ``dienstscan.__version__`` is asked for (``importlib.metadata`` costs about 0.1 s, too
much for every start of the application).
"""

from __future__ import annotations

from functools import cache

__all__ = ["__version__"]


@cache
def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("dienstscan")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0.0.0+onbekend"


def __getattr__(name: str) -> str:
    if name == "__version__":
        return _version()
    raise AttributeError(f"module 'dienstscan' has no attribute {name!r}")
