"""One count of what is answered (issue 24 point 4): the status bar, the navigation tree and the
dashboard of the shipped example say the same, and an answer 'Onbekend' is not counted as known."""

from __future__ import annotations

import shutil
from pathlib import Path

from dienstscan.ui.navigation import NavigationTree
from dienstscan.ui.pages.dashboard import DashboardPage

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "gemeente-voorbeeld.dienstscan"


def test_status_bar_tree_and_dashboard_count_the_same(qtbot, cycle_window, tmp_path):
    path = tmp_path / "voorbeeld.dienstscan"
    shutil.copy(EXAMPLE, path)
    assert cycle_window.open_path(path)
    doc = cycle_window.doc
    unknown = [item_id for item_id in doc.assessment.answers if doc.item_state(item_id) == "unknown"]
    assert len(unknown) == 1  # the example has one answer 'Onbekend'
    counts = doc.counts()
    in_scope = [counts[f] for f in doc.assessment.frameworks]
    answered, total = sum(c.answered for c in in_scope), sum(c.total for c in in_scope)
    assert answered == total - 1
    status = cycle_window.status.counts.text()
    assert status.startswith(f"{answered} van {total} beantwoord") and "1 met antwoord 'Onbekend'" in status
    [page] = cycle_window.findChildren(DashboardPage)
    page.refresh()
    assert (f"Volledigheid: {answered} van {total} items beantwoord (99%); 1 met antwoord 'Onbekend'; bij 1 "
            "antwoord ontbreekt nog de uitleg.") in page.completeness.text()
    [tree] = cycle_window.findChildren(NavigationTree)
    owner = next(f for f in doc.assessment.frameworks if any(
        item.id == unknown[0] for item in doc.checklists.framework(f).all_items()))
    node = tree._nodes[("framework", owner)]
    assert "(1 ?)" in node.text(1) and "1 met antwoord 'Onbekend'" in node.toolTip(1)
