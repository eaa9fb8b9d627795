"""A baseline and a 'one year later' scan for the progress tests (Voortgang sheet, report section).

The baseline is the shipped example scan (Gemeente Voorbeeld, 5 July 2011); the current scan is
``next_cycle`` of it with answers changed in every direction, one action completed, one
cancelled, and an answer to an item the checklists do not know (as from another version).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dienstscan.checklists import default_checklist_dir, load_checklists
from dienstscan.cycle import confirm_answers, next_cycle
from dienstscan.model import Answer, Assessment, ChecklistSet
from dienstscan.storage import load_scan

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "gemeente-voorbeeld.dienstscan"
CURRENT_DATE = dt.date(2012, 7, 5)


def real_checklists() -> ChecklistSet:
    return load_checklists(default_checklist_dir())


def baseline_scan() -> Assessment:
    """The example scan, with one instrument judged *niet van toepassing* (so it can be 'nieuw' later)."""
    scan = load_scan(EXAMPLE)
    scan.answers["5B-1.05"].option = "nvt"
    return scan


def first_without_value(checklists: ChecklistSet, scan: Assessment, framework_id: str) -> str:
    """An item that counts for nothing in ``scan`` (unanswered, onbekend, niet van toepassing)."""
    for item in checklists.framework(framework_id).all_items():
        answer = scan.answers.get(item.id)
        if answer is None or answer.option is None:
            return item.id
        option = checklists.scale_for(item.id).option(answer.option)
        if option.level is None and option.weight is None:
            return item.id
    raise AssertionError(f"every item of {framework_id} has a value")


def current_scan(checklists: ChecklistSet, baseline: Assessment) -> Assessment:
    """next_cycle of the baseline, then a year of work: better, worse, new, gone, done, cancelled."""
    scan = next_cycle(checklists, baseline, peildatum=CURRENT_DATE).assessment
    assert scan.answers["5B-1.01"].option == "niet"
    scan.answers["5B-1.01"].option = "ingevoerd"          # better
    assert scan.answers["5B-1.02"].option == "ingevoerd"
    scan.answers["5B-1.02"].option = "gedeeltelijk"       # worse
    scan.answers["5B-1.04"].option = None                 # gone (no longer answered)
    assert first_without_value(checklists, baseline, "5B") == "5B-1.05"
    scan.answers["5B-1.05"].option = "ingevoerd"          # new
    scan.answers["BSC-04"].option = "toegepast"           # better: BSC from 40% to 50%
    scan.answers["ANT-PK-02"].option = "3"                # better: a building block from 1 to 3
    scan.answers["5B-9.99"] = Answer(option="ingevoerd")  # an item of another checklist version
    done = scan.action("V-5B-1.01")
    done.status = "gereed"
    done.measured_value = "Handvest vastgesteld door de raad"
    cancelled = next(a for a in scan.actions if a.status == "gepland" and a.id != "V-5B-1.01")
    cancelled.status = "vervallen"
    confirm_answers(scan)
    return scan
