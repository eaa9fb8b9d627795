"""Dashboard: scores follow the answers at once, bars and links open what they show.

Built on the small BSC/5B/Antwoord-shaped checklists of the scoring tests (benchmarks top-10 85%
and Bergen 50% on 5B, the 2015 ambition Fase 4 on the phase item).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt


from dienstscan.scoring import score
from dienstscan.ui.document import ScanDocument
from dienstscan.ui.pages.dashboard import DashboardPage


ANSWERS = {
    "BSC-01": "toegepast", "BSC-02": "deels",
    "5B-1.01": "ingevoerd", "5B-1.02": "niet_ingevoerd", "5B-2.01": "gedeeltelijk",
    "ANT-FASE": "fase_3", "ANT-PK-1": "niveau_2",
}


@pytest.fixture
def doc(small_doc):
    return small_doc(ANSWERS)


@pytest.fixture
def page(shown, doc):
    return shown(DashboardPage(doc), 1100, 800)


def bar(page: DashboardPage, framework_id: str, key: str):
    return next(b for b in page.chart(framework_id).bars() if b.key == key)


def test_answer_change_updates_scores_sentences_and_completeness(qtbot, page, doc):
    before = bar(page, "5B", "5B")
    assert before.value_text == "17%"  # 16,7 as every output shows it (scoring.display)
    # half of the list is still unanswered: no benchmark lines, no position (issue 24)
    assert not before.lines
    assert "1 van 6 instrumenten volledig" in page.framework_box("5B").headline.text()
    answered_before = page.progress.value()

    with qtbot.waitSignal(doc.changed):
        doc.set_option("5B-1.02", "ingevoerd")
        doc.set_option("5B-2.02", "ingevoerd")
        doc.set_option("5B-2.03", "ingevoerd")

    after = bar(page, "5B", "5B")
    expected = score(doc.checklists, doc.assessment).frameworks[1].tally.percentage
    assert after.value == pytest.approx(expected) == pytest.approx(400 / 6)
    assert after.value_text == "67%"
    assert {line.text for line in after.lines} == {"Bergen: 50% (referentieniveau)", "de top-10 gemeenten: 85% (referentieniveau)"}
    assert bar(page, "5B", "5B-2").value_text == "67%"
    box = page.framework_box("5B")
    assert "Score: 67% (4 van 6 instrumenten volledig)" in box.headline.text()
    # the sentence names both benchmarks, and each benchmark comes with its source
    sentences = box.sentences.text()
    assert "hoger dan Bergen op 5 juli 2011 (50%); lager dan de top-10 gemeenten" in sentences
    assert "Bron: 002_df95863a505375c9.txt, 4.5" in sentences
    assert page.progress.value() > answered_before
    assert "Volledigheid: 9 van 13 items beantwoord (69%)" in page.completeness.text()


def test_undo_brings_the_old_score_back(qtbot, page, doc):
    doc.set_option("5B-1.02", "ingevoerd")
    assert bar(page, "5B", "5B-1").value_text == "67%"
    with qtbot.waitSignal(doc.changed):
        doc.undo_stack.undo()
    assert bar(page, "5B", "5B-1").value_text == "33%"


def test_clicking_a_bar_opens_that_section(qtbot, page):
    chart = page.chart("5B")
    rect = chart.bar_rect("5B-2")
    assert rect is not None
    with qtbot.waitSignal(page.openItem) as blocker:
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert blocker.args == ["5B-2"]
    with qtbot.waitSignal(page.openItem) as blocker:
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=chart.bar_rect("5B").center().toPoint())
    assert blocker.args == ["5B"]


def test_bars_open_by_keyboard_too(qtbot, page):
    chart = page.chart("5B")
    chart.setFocus()
    qtbot.keyClick(chart, Qt.Key.Key_Down)
    with qtbot.waitSignal(page.openItem) as blocker:
        qtbot.keyClick(chart, Qt.Key.Key_Return)
    assert blocker.args == ["5B-1"]
    assert "Belofte 1: Mensgericht: 33%" in chart.accessibleDescription()


def test_missing_explanations_are_listed_and_open_the_item(qtbot, page, doc):
    box = page.framework_box("BSC")
    assert "BSC-02" in box.explain.text()
    assert "uitleg gegeven bij 0 van 1" in box.explain_title.text()
    with qtbot.waitSignal(page.openItem) as blocker:
        box.explain.linkActivated.emit("item:BSC-02")
    assert blocker.args == ["BSC-02"]

    doc.set_text("BSC-02", "explanation", "Alleen aan de balie; telefoon volgt in 2026.")
    assert "BSC-02" not in box.explain.text()
    assert "uitleg gegeven bij 1 van 1" in box.explain_title.text()
    assert "Geen uitleg ontbreekt." in page.completeness.text()


def test_phase_against_the_ambition(qtbot, page, doc):
    box = page.framework_box("ANT")
    assert box.phase.isVisible()
    assert "Antwoord: Fase 3." in box.phase_text.text()
    assert "lager dan het doel voor 2015 van Antwoord© (Fase 4)" in box.phase_text.text()
    assert "(historisch doel voor 2015, Fase 4): lager, dus slechter." in box.phase_text.text()
    assert "gehaald" not in box.phase_text.text()  # a past goal is not a norm
    assert "Huidige fase: Fase 3. Ambitie: Fase 4." == box.phase.accessibleDescription()
    doc.set_option("ANT-FASE", "fase_5")
    assert "hoger dan het doel voor 2015" in box.phase_text.text()
    assert "(historisch doel voor 2015, Fase 4): hoger, dus beter." in box.phase_text.text()
    with qtbot.waitSignal(page.openItem) as blocker:
        qtbot.mouseClick(box.phase, Qt.MouseButton.LeftButton)
    assert blocker.args == ["ANT-FASE"]


def test_a_hidden_dashboard_catches_up_when_shown(qtbot, page, doc):
    page.hide()
    doc.set_option("BSC-03", "toegepast")
    assert bar(page, "BSC", "BSC").value_text == "33%"  # not recomputed while hidden
    page.show()
    qtbot.waitUntil(lambda: bar(page, "BSC", "BSC").value_text == "67%")


def test_framework_switched_off_disappears_and_comes_back(qtbot, page, doc):
    doc.set_framework_in_scope("ANT", False)
    with pytest.raises(KeyError):
        page.chart("ANT")
    doc.undo_stack.undo()
    expected = score(doc.checklists, doc.assessment).frameworks[2].tally.percentage
    assert bar(page, "ANT", "ANT").value == pytest.approx(expected) == pytest.approx(100 * 0.5 / 3)
    assert bar(page, "ANT", "ANT").value_text == "gemiddeld niveau 0,7 van 4"  # a level, never a %


def test_the_shipped_example_scan(qtbot):
    """The real checklists and example: every framework and section has its bar, benchmark lines
    carry their text, and every sentence shown is the scoring's own."""
    from dienstscan.checklists import load_checklists
    from dienstscan.resources import example_scan_path
    from dienstscan.storage import load_scan

    doc = ScanDocument(load_checklists(), load_scan(example_scan_path()))
    page = DashboardPage(doc)
    qtbot.addWidget(page)
    page.resize(1036, 708)
    page.show()
    report = score(doc.checklists, doc.assessment)
    for fw in report.frameworks:
        bars = page.chart(fw.id).bars()
        assert [b.key for b in bars] == [fw.id, *(s.id for s in fw.sections)]
        # a share in whole percent, Antwoord's mean growth level as a level (scoring.display)
        assert all(b.value_text.endswith("%") if fw.tally.level_top is None else "niveau" in b.value_text
                   for b in bars)
        for b in bars:
            assert all(line.text for line in b.lines)
        if fw.comparison is not None:
            assert fw.comparison.sentence in page.framework_box(fw.id).sentences.text()
            assert bars[0].lines
    assert any(s.comparison for fw in report.frameworks for s in fw.separate_items)
    assert any(page.framework_box(fw.id).phase.isVisible() for fw in report.frameworks)
    doc.close()


def test_an_answer_updates_only_the_box_of_its_framework(qtbot, page, doc, monkeypatch):
    from dienstscan.ui.pages import dashboard

    updated: list[str] = []
    real = dashboard._FrameworkBox.update_from
    monkeypatch.setattr(dashboard._FrameworkBox, "update_from",
                        lambda box, fw: (updated.append(fw.id), real(box, fw)))
    doc.set_option("5B-1.02", "ingevoerd")
    assert updated == ["5B"]
    assert bar(page, "5B", "5B").value_text != "17%"
    doc.undo_stack.undo()
    assert updated == ["5B", "5B"]
    assert bar(page, "5B", "5B").value_text == "17%"
