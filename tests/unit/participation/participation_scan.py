"""A small scan over the fixture checklists for the participation tests (both frameworks in scope)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dienstscan.model import Assessment, Organisation

VALID = Path(__file__).resolve().parents[2] / "fixtures" / "checklists" / "valid"


def make_assessment() -> Assessment:
    return Assessment(organisation=Organisation(name="Gemeente Proef"), peildatum=dt.date(2026, 11, 29),
                      frameworks=["KA", "KB"], checklist_versions={"KA": "1.0", "KB": "2007"})
