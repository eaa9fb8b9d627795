"""Key figures: typed in Dutch notation, validated, compared with the norms at once, undoable."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from scan_factory import make_assessment, make_checklists

from dienstscan import storage
from dienstscan.model import KeyFigure, SourceRef
from dienstscan.ui.document import ScanDocument
from dienstscan.ui.pages.keyfigures import KeyFiguresPage, bounds, check_value, parse_number


@pytest.fixture
def doc(small_doc):
    return small_doc()


@pytest.fixture
def page(shown, doc):
    return shown(KeyFiguresPage(doc), 1000, 700)


def type_into(qtbot, edit, text: str) -> None:
    """Select what is in the field and type over it, as a user does."""
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)


def test_typed_value_is_compared_with_the_norm_as_you_type(qtbot, page, doc):
    row = page.row("kf-wachttijd")
    assert "Nog niet te vergelijken met de VNG-norm (hoogstens 15 minuten)" in row.comparison.text()
    type_into(qtbot, row.value_edit, "12,5")
    qtbot.waitUntil(lambda: "Met 12,5 minuten: u haalt de VNG-norm (hoogstens 15 minuten)." in row.comparison.text())
    assert "de VNG-norm (norm, 15 minuten): norm gehaald." in row.comparison.text()
    assert "Bron: 002_df95863a505375c9.txt, 4.5" in row.comparison.text()
    assert doc.assessment.key_figures["kf-wachttijd"].value == 12.5
    assert doc.is_dirty()

    type_into(qtbot, row.value_edit, "18")
    qtbot.waitUntil(lambda: "Met 18 minuten: u haalt de VNG-norm (hoogstens 15 minuten) niet." in row.comparison.text())
    assert "norm niet gehaald" in row.comparison.text()


def test_reference_is_a_level_not_a_verdict(qtbot, page, doc):
    row = page.row("kf-cijfer")
    type_into(qtbot, row.value_edit, "7,8")
    qtbot.waitUntil(lambda: "Met 7,8: hoger en dus beter dan het gemiddelde in 2010 (7,6)." in row.comparison.text())
    assert "het gemiddelde in 2010 (referentieniveau, 7,6): hoger, dus beter." in row.comparison.text()
    assert "gehaald" not in row.comparison.text()  # a reference level is never "gehaald"
    type_into(qtbot, row.value_edit, "7,6")
    qtbot.waitUntil(lambda: "(referentieniveau, 7,6): gelijk." in row.comparison.text())


def test_bad_input_is_explained_and_not_stored(qtbot, page, doc):
    row = page.row("kf-cijfer")
    type_into(qtbot, row.value_edit, "7,5")
    assert doc.assessment.key_figures["kf-cijfer"].value == 7.5
    type_into(qtbot, row.value_edit, "zeven")
    assert row.error.isVisible()
    assert "'zeven' is geen getal" in row.error.text()
    assert doc.assessment.key_figures["kf-cijfer"].value == 7.5  # the last valid value stays
    type_into(qtbot, row.value_edit, "11")
    assert "mag hoogstens 10 zijn" in row.error.text()
    assert doc.assessment.key_figures["kf-cijfer"].value == 1.0  # "1" was valid on the way to "11"
    type_into(qtbot, row.value_edit, "8")
    assert not row.error.isVisible()
    assert doc.assessment.key_figures["kf-cijfer"].value == 8.0
    row.value_edit.selectAll()
    qtbot.keyClick(row.value_edit, Qt.Key.Key_Backspace)
    assert "kf-cijfer" not in doc.assessment.key_figures  # emptied: no value, no note, no date left
    assert "Nog niet te vergelijken" in row.comparison.text()


def test_typing_is_one_undo_step_and_undo_updates_the_field(qtbot, page, doc):
    row = page.row("kf-wachttijd")
    type_into(qtbot, row.value_edit, "3,25")
    assert doc.assessment.key_figures["kf-wachttijd"].value == 3.25
    row.note.setFocus()
    qtbot.keyClicks(row.note, "jaarverslag 2010")
    assert doc.assessment.key_figures["kf-wachttijd"].note == "jaarverslag 2010"
    with qtbot.waitSignal(doc.changed):
        doc.undo_stack.undo()  # the whole note at once
    assert doc.assessment.key_figures["kf-wachttijd"].note == ""
    assert row.note.toPlainText() == ""
    row.date.set_date(dt.date(2010, 12, 31), emit=True)
    assert doc.assessment.key_figures["kf-wachttijd"].date == dt.date(2010, 12, 31)
    doc.undo_stack.undo()
    assert doc.assessment.key_figures["kf-wachttijd"].date is None
    doc.undo_stack.undo()  # the whole value "3,25" at once
    assert "kf-wachttijd" not in doc.assessment.key_figures
    assert row.value_edit.text() == ""
    doc.undo_stack.redo()
    assert row.value_edit.text() == "3,25"
    assert "Met 3,3 minuten" in row.comparison.text()  # shown to one decimal, rounded half up


def test_key_figures_survive_save_and_reopen(qtbot, page, doc, tmp_path):
    type_into(qtbot, page.row("kf-cijfer").value_edit, "7,1")
    path = tmp_path / "scan.dienstscan"
    storage.save_scan(doc.assessment, path)
    reopened = ScanDocument(doc.checklists, storage.load_scan(path))
    other = KeyFiguresPage(reopened)
    qtbot.addWidget(other)
    assert other.row("kf-cijfer").value_edit.text() == "7,1"
    assert "Met 7,1: lager en dus slechter dan het gemiddelde in 2010 (7,6)." in other.row("kf-cijfer").comparison.text()
    reopened.close()


def test_yes_no_figure_is_a_choice(qtbot):
    kf = KeyFigure(id="kf-handvest", label="Kwaliteitshandvest met servicenormen in gebruik", unit="ja/nee",
                   direction="higher_is_better", source=SourceRef(document="thesis.txt", section="3.2"))
    checklists = make_checklists()
    checklists = checklists.model_copy(update={"key_figures": {**checklists.key_figures, kf.id: kf}})
    doc = ScanDocument(checklists, make_assessment({}))
    page = KeyFiguresPage(doc)
    qtbot.addWidget(page)
    row = page.row("kf-handvest")
    assert row.value_edit is None and row.choice is not None
    row.choice.setCurrentIndex(row.choice.findData(1.0))
    assert doc.assessment.key_figures["kf-handvest"].value == 1.0
    page.show()
    doc.undo_stack.undo()
    assert row.choice.currentIndex() == 0
    doc.close()


@pytest.mark.parametrize(("text", "value"), [
    ("7,5", 7.5), ("44.000", 44000.0), ("1.234,5", 1234.5), ("80%", 80.0), (" 7.5 ", 7.5), ("0", 0.0),
    ("", None), ("-3", -3.0), ("12,", 12.0),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["abc", "1,2,3", "7,5 min", "nan", "1e5", "--1"])
def test_parse_number_refuses(text):
    with pytest.raises(ValueError, match="geen getal"):
        parse_number(text)


def test_ranges_come_from_the_checklist_or_the_unit():
    pct = KeyFigure(id="p", label="Aandeel", unit="%", direction="higher_is_better", source=SourceRef(document="x"))
    own = KeyFigure(id="q", label="Eigen", unit="%", minimum=10, maximum=90, direction="neither",
                    source=SourceRef(document="x"))
    assert bounds(pct) == (0.0, 100.0)
    assert bounds(own) == (10, 90)
    assert check_value(pct, 100) is None
    assert "hoogstens 100" in check_value(pct, 100.5)
    assert "minstens 10" in check_value(own, 5)


def test_links_to_the_items_that_name_the_figure(qtbot, checklists):
    """With the valid fixture checklists: section KB-PK names kg-eerste-contact, item KB-PK-01 kg-wachttijd."""
    from dienstscan.model import Assessment, Organisation

    doc = ScanDocument(checklists, Assessment(organisation=Organisation(name="Gemeente Proef"),
                                              peildatum=dt.date(2011, 7, 5), frameworks=["KA", "KB"]))
    page = KeyFiguresPage(doc)
    qtbot.addWidget(page)
    related = page.row("kg-eerste-contact").related
    assert related.text() == 'Hoort bij: <a href="KB-PK">TA: Producten en kanalen</a>'
    with qtbot.waitSignal(page.openItem) as blocker:
        related.linkActivated.emit("KB-PK")
    assert blocker.args == ["KB-PK"]
    assert 'href="KB-PK-01"' in page.row("kg-wachttijd").related.text()
    doc.close()


def test_row_shows_the_comparison_in_a_few_words_and_details_on_demand(qtbot, page, doc):
    row = page.row("kf-wachttijd")
    assert row.summary.text() == "nog niet ingevuld · 1 norm"
    assert not row.details.isVisible()
    type_into(qtbot, row.value_edit, "12,5")
    assert row.summary.text() == "norm gehaald"  # the row follows the typing
    assert "Bron:" in row.summary.toolTip()  # the full comparison with its sources on hover
    type_into(qtbot, row.value_edit, "18")
    assert row.summary.text() == "norm niet gehaald"
    type_into(qtbot, row.value_edit, "zeven")
    assert row.error.isVisible() and not row.summary.isVisible()
    row.details_button.click()
    assert row.details.isVisible() and row.comparison.isVisible()
    assert "de VNG-norm (norm, 15 minuten): norm niet gehaald." in row.comparison.text()
    row.details_button.click()
    assert not row.details.isVisible()


def test_a_long_note_wraps_instead_of_being_cut_off(qtbot, page, doc):
    row = page.row("kf-cijfer")
    row.set_expanded(True)
    text = "gemeten over heel 2025 in alle kanalen, bron: jaarverslag klantcontactcentrum, pagina 12 en verder"
    row.note.setFocus()
    qtbot.keyClicks(row.note, text)
    assert doc.assessment.key_figures["kf-cijfer"].note == text
    assert row.note.lineWrapMode() == row.note.LineWrapMode.WidgetWidth
    assert row.note.horizontalScrollBar().maximum() == 0  # nothing hidden to the right
    assert row.note.width() >= 600  # the width of the page, not a narrow strip
    assert row.note.verticalScrollBar().maximum() == 0  # three lines show this note whole
    assert row.summary.text().endswith("· toelichting")


def test_all_shipped_key_figures_fit_a_few_screens_at_1366x768(qtbot, real_checklists):
    from dienstscan.resources import example_scan_path

    doc = ScanDocument(real_checklists, storage.load_scan(example_scan_path()))
    page = KeyFiguresPage(doc)
    qtbot.addWidget(page)
    page.resize(1366 - 300, 768 - 80)  # beside the navigation, under menu and status bar
    page.show()
    qtbot.waitExposed(page)
    viewport = page.scroll.viewport()
    content = page.scroll.widget()
    assert len(page.rows) >= 20
    assert content.height() <= 2 * viewport.height()  # was about a third of a screen per figure
    assert content.minimumSizeHint().width() <= viewport.width()  # no sideways scrolling
    for row in page.rows.values():  # one line per figure while the details are closed
        # what the title's own text needs (a row may be taller for a wrapped "niet vergelijkbaar:
        # <why>" beside it, and the label then stretches with the row)
        title = row.title
        needed = title.heightForWidth(title.width()) if title.wordWrap() else title.sizeHint().height()
        assert needed <= 3 * title.fontMetrics().lineSpacing(), title.text()
        if row.choice is not None:  # the yes/no choice shows its text whole
            assert row.choice.width() >= row.choice.sizeHint().width()
    assert any(row.choice is not None for row in page.rows.values())
    doc.close()


@pytest.mark.parametrize("inhabitants", [None, 30_000])
def test_a_count_that_cannot_be_compared_says_so_and_why(qtbot, real_checklists, inhabitants):
    """Issue 28: 'Gegronde klachten per jaar' read ' van 2 referenties · toelichting' when its
    references could not be compared; the row says 'niet vergelijkbaar' and why."""
    from dienstscan.resources import example_scan_path

    assessment = storage.load_scan(example_scan_path())
    assessment.organisation.inhabitants = inhabitants
    doc = ScanDocument(real_checklists, assessment)
    page = KeyFiguresPage(doc)
    qtbot.addWidget(page)
    page.show()
    row = page.row("kg-klachten-gegrond")
    type_into(qtbot, row.value_edit, "14")
    row.note.setFocus()
    qtbot.keyClicks(row.note, "jaarverslag")
    text = row.summary.text()
    assert not text.startswith(" ") and not text.startswith("van")
    assert text.startswith("niet vergelijkbaar: ")
    if inhabitants is None:
        assert "de scan heeft geen aantal inwoners" in text
    else:  # the scan knows its size, the sources of the references do not
        assert "de bron noemt het aantal inwoners niet" in text
    assert text.endswith(" · toelichting")
    doc.undo_stack.setClean()
    doc.close()
