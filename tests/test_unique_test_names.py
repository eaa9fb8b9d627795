"""Test modules need unique file names: the tests have no packages (pytest's default import mode),
so two ``test_x.py`` in different folders stop the whole run at collection."""

from __future__ import annotations

from collections import Counter
from pathlib import Path


def test_test_module_names_are_unique():
    names = Counter(p.name for p in Path(__file__).resolve().parent.rglob("*.py") if p.name != "conftest.py")
    assert [name for name, n in names.items() if n > 1] == []
