"""The item page shows the anonymous spread of the individual answers under the answer buttons."""

from __future__ import annotations

import pytest

from dienstscan.ui.workshop.commands import add_individual, set_individual


@pytest.fixture
def open_scan(window, fake_dialogs, new_assessment):
    fake_dialogs.new_scan_result = new_assessment()
    window.action("new").trigger()
    return window


def test_spread_line_appears_follows_edits_and_undo(qtbot, open_scan):
    window = open_scan
    page = window.workspace.item_page
    window.navigate("KA-01")
    assert not page.spread_label.isVisible()  # nobody answered individually yet

    set_individual(window.doc, "KA-01", ["toegepast", "niet", "deels", "toegepast", "deels", "toegepast"])
    assert page.spread_label.isVisible()
    assert page.spread_label.text() == ("Individuele antwoorden: Toegepast 3 · Deels toegepast 2 · "
                                        "Niet toegepast 1 (6 antwoorden, verschil: groot)")
    # the agreed answer is the facilitator's, the spread does not change it
    assert window.doc.answer("KA-01").option is None

    window.doc.undo_stack.undo()
    assert not page.spread_label.isVisible()

    add_individual(window.doc, "KA-01", "toegepast")
    assert page.spread_label.text() == "Individuele antwoorden: Toegepast 1 (1 antwoord, verschil: geen)"

    window.navigate("KA-02")  # the next item has none: the line goes
    assert not page.spread_label.isVisible()
    window.navigate("KA-01")
    assert page.spread_label.isVisible()
