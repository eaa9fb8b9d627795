"""Dienstscan: measure how mature public service delivery is and turn the gaps into a PDCA plan.

The version lives in one place, ``pyproject.toml``; it is read from the installed metadata.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("dienstscan")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+onbekend"

__all__ = ["__version__"]
