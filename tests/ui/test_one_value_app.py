"""The app shows each score as every other output does (issue 24, point 2): the dashboard's headline
and bars of both examples read ``scoring.display``'s text, the same the CLI, the Excel plan and the
report show (tests/unit/export/test_one_value.py checks those)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dienstscan.checklists import load_checklists
from dienstscan.cli_tables import format_report
from dienstscan.scoring import display, score
from dienstscan.storage import load_scan
from dienstscan.ui.document import ScanDocument
from dienstscan.ui.pages.dashboard import DashboardPage

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.parametrize("name", ["gemeente-voorbeeld.dienstscan", "gemeente-2026.dienstscan"])
def test_dashboard_shows_the_one_value(qtbot, name):
    checklists = load_checklists()
    doc = ScanDocument(checklists, load_scan(EXAMPLES / name))
    try:
        page = DashboardPage(doc)
        qtbot.addWidget(page)
        page.resize(1100, 800)
        page.show()
        qtbot.waitExposed(page)
        report = score(checklists, doc.assessment)
        cli = format_report(report)
        for fs in report.frameworks:
            text = display.score_text(fs.tally)
            assert f"Score: {text} (" in page.framework_box(fs.id).headline.text()
            bar = next(b for b in page.chart(fs.id).bars() if b.key == fs.id)
            assert bar.value_text == text
            if fs.tally.level_top is not None:
                assert "%" not in text and "niveau" in text  # Antwoord: a level, never a percentage
            else:
                assert text in cli
            # every promise, block and theme too: the bar reads the section's one text
            bars = {b.key: b for b in page.chart(fs.id).bars()}
            for section in fs.sections:
                if section.id in bars:
                    assert bars[section.id].value_text == display.score_text(section.tally), section.id
            assert {s.id for s in fs.sections if s.tally.applicable} <= set(bars)
            # its completeness in the CLI's words, with its own noun ("39 van 40 instrumenten")
            said = f"Volledigheid: {display.framework_completeness_text(fs)}."
            assert page.framework_box(fs.id).completeness.text() == said and said in cli
        assert f"Volledigheid: {display.scan_completeness_text(report.completeness)}." in page.completeness.text()
        assert f"Volledigheid: {display.scan_completeness_text(report.completeness)}." in cli
        c = report.completeness
        shown = display.completeness_percentage(c.answered, c.items)
        assert page.progress.value() == int(shown)
        assert page.progress.text().startswith(f"{int(shown)}%")
    finally:
        doc.close()
