"""The example scan that ships with the app (``examples/gemeente-voorbeeld.dienstscan``).

A newcomer's first look at Dienstscan is this scan, so it must load against the shipped
checklists without a single unknown item or option, and show Bergen's 2011 picture.
"""

from __future__ import annotations

from dienstscan.checklists import default_checklist_dir, load_checklists
from dienstscan.resources import example_scan_path
from dienstscan.scoring import score
from dienstscan.storage import check_against_checklists, load_scan


def _load():
    checklists = load_checklists(default_checklist_dir())
    return checklists, load_scan(example_scan_path())


def test_example_matches_the_shipped_checklists():
    checklists, scan = _load()
    report = score(checklists, scan)
    assert report.completeness.unknown_items == []
    assert report.completeness.unknown_options == []
    assert scan.checklist_versions == {fw.id: fw.version for fw in checklists.frameworks if fw.id in scan.frameworks}
    assert "DO26" not in scan.frameworks  # the 2026 checklist is an addition, never switched on in an old scan
    assert check_against_checklists(scan, checklists) == []


def test_example_shows_bergen_2011():
    checklists, scan = _load()
    report = score(checklists, scan)
    five_b = next(f for f in report.frameworks if f.id == "5B")
    assert five_b.tally.percentage == 50.0
    assert scan.organisation.name == "Gemeente Voorbeeld"
    assert five_b.comparison is not None
    assert five_b.comparison.sentence == (
        "Met 50% (20 van 40 toepasselijke instrumenten ingevoerd): gelijk aan Bergen op 5 juli 2011 (50%); "
        "lager dan de ondergrens van de top-10 gemeenten op 5 juli 2011 (85% of meer). De 5 beloften-lijst "
        "is een reconstructie, niet de officiële: de vergelijking is indicatief."
    )
    # the example shows an incomplete comply-or-explain: BSC-10 lacks its explanation
    assert "BSC-10" in report.completeness.explanations_missing
    assert scan.answers["BSC-02"].poll is not None and scan.answers["BSC-02"].poll.total == 18
    assert len(scan.actions) > 10
