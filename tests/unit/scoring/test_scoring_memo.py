"""Scoring remembers comparisons and tallies per checklist set: the result must be what a fresh
scoring gives, whatever was scored before."""

from __future__ import annotations

from dienstscan.checklists import default_checklist_dir, load_checklists
from dienstscan.resources import example_scan_path
from dienstscan.scoring import report_dict, score
from dienstscan.scoring.engine import _index
from dienstscan.storage import load_scan


def test_remembered_parts_never_change_the_result():
    checklists = load_checklists(default_checklist_dir())
    scan = load_scan(example_scan_path())
    edits = [(item.id, option.id) for fw in checklists.frameworks for item in fw.all_items()
             if item.id in scan.answers for option in checklists.scale_for(item.id).options][::7]
    assert len(edits) > 30
    score(checklists, scan)
    for n, (item_id, option_id) in enumerate(edits):
        scan.answers[item_id].option = option_id
        if n % 3 == 0:
            first = next(iter(scan.key_figures))
            scan.key_figures[first].value = float(n)
        remembered = report_dict(score(checklists, scan))
        _index(checklists).memo.clear()
        assert report_dict(score(checklists, scan)) == remembered, (item_id, option_id)
