"""Scans and checklist arguments the command-line tests of the cycle share."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dienstscan.model import Answer, Assessment, Organisation
from dienstscan.storage import save_scan

VALID = Path(__file__).resolve().parents[2] / "fixtures" / "checklists" / "valid"
CL = ["--checklists", str(VALID)]


def write_scan(folder: Path, name: str, org: str, ka01: str, *, peildatum=dt.date(2025, 6, 1), **kw) -> Path:
    scan = Assessment(organisation=Organisation(name=org), peildatum=peildatum, frameworks=["KA", "KB"],
                      checklist_versions={"KA": "1.0", "KB": "2007"}, **kw)
    scan.answers["KA-01"] = Answer(option=ka01, explanation="" if ka01 == "toegepast" else "nog niet")
    scan.answers["KA-02"] = Answer(option="toegepast")
    scan.answers["KB-LM-01"] = Answer(option="2")
    path = folder / name
    save_scan(scan, path)
    return path
