"""The manual's screenshots, made again from the shipped example in the test run (issue 28): what
they show is right (counts as the scan counts them, no stray button), and the pictures committed
in assets/help were made with the same counts (``screenshots.json`` beside them)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[2]


def _tool():
    spec = importlib.util.spec_from_file_location("make_help_screenshots", ROOT / "tools" / "make_help_screenshots.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_screenshots_are_made_again_and_match_the_committed_ones(qtbot, cycle_window, tmp_path, monkeypatch):
    from dienstscan.ui import dialogs

    monkeypatch.setattr(dialogs, "show_info", dialogs.show_info)  # the tool replaces it: put it back after
    tool = _tool()
    counts = tool.help_shots(QApplication.instance(), cycle_window, tmp_path)  # raises on a problem
    for name, _scan, _node, width, height in tool.HELP_SHOTS:
        image = QImage(str(tmp_path / name))
        assert (image.width(), image.height()) == (width, height), name
        committed = QImage(str(tool.HELP_DIR / name))
        assert (committed.width(), committed.height()) == (width, height), name
    assert counts["dashboard.png"]["ANT"] == "28/28"  # the example answers every ANT item
    # one 5 beloften instrument is 'Onbekend': an answer, but not a known one (issue 24 point 4)
    assert counts["dashboard.png"]["5B"] == "39/40 (1 ?)"
    assert counts["dashboard.png"]["statusbalk"].startswith("77 van 78 beantwoord  ·  1 met antwoord 'Onbekend'")
    committed_counts = json.loads((tool.HELP_DIR / tool.COUNTS_FILE).read_text(encoding="utf-8"))
    assert committed_counts == counts, ("de plaatjes van de handleiding tonen andere aantallen dan de "
                                       "voorbeeldscan nu: draai tools/make_help_screenshots.py")


def test_a_stray_button_or_a_stale_count_is_found(qtbot, cycle_window, fake_dialogs, new_assessment):
    tool = _tool()
    fake_dialogs.new_scan_result = new_assessment()
    cycle_window.action("new").trigger()
    cycle_window.workspace.navigate(cycle_window.workspace.tree.item_order()[0])
    QApplication.processEvents()
    assert tool.problems(cycle_window) == []
    page = cycle_window.workspace.item_page
    stray = page.group.buttons()[-1]
    stray.move(0, 0)  # what the old screenshot showed: a button above its row
    assert any("buiten de rij" in p or "over elkaar" in p for p in tool.problems(cycle_window))
    cycle_window.status.counts.setText("76 van 76 beantwoord")
    assert any(p.startswith("statusbalk") for p in tool.problems(cycle_window))
