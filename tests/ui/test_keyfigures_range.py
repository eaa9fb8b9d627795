"""Issue 20, class 5 at entry: the key figures page refuses what the scan file's load refuses (one
rule, ``KeyFigure.out_of_range``): a negative waiting time, a 21-digit number, never stored, never
a crash of the model underneath."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit" / "scoring"))

from scan_factory import make_assessment, make_checklists  # noqa: E402

from dienstscan.ui.document import ScanDocument  # noqa: E402
from dienstscan.ui.pages.keyfigures import KeyFiguresPage, check_value  # noqa: E402


@pytest.fixture
def entry_page(qtbot):
    document = ScanDocument(make_checklists(), make_assessment({}))
    widget = KeyFiguresPage(document)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    document.close()


@pytest.mark.parametrize("text,needle", [("-25", "moet minstens 0 zijn"),
                                         ("100000000000000000000", "mag hoogstens 1.000.000.000.000 zijn")])
def test_out_of_range_entry_is_refused_with_the_load_rule(qtbot, entry_page, text, needle):
    row = entry_page.row("kf-wachttijd")
    row.value_edit.setFocus()
    row.value_edit.selectAll()
    qtbot.keyClicks(row.value_edit, text)
    assert row.error.isVisible() and needle in row.error.text()
    stored = entry_page.doc.assessment.key_figures.get("kf-wachttijd")
    assert stored is None or stored.value is None or 0 <= stored.value <= 1e12
    kf = entry_page.doc.checklists.key_figures["kf-wachttijd"]
    assert kf.out_of_range(float(text)) is not None  # the same rule the scan file's load applies


def test_check_value_names_non_numbers():
    kf = make_checklists().key_figures["kf-wachttijd"]
    assert check_value(kf, float("nan")) == "Dit is geen getal."
    assert check_value(kf, float("inf")) == "Dit is geen getal."
