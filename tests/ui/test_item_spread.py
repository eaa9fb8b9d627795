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
    assert page.spread_label.text() == ("Individuele antwoorden\nSnelle ronde: Toegepast 3 · Deels toegepast 2 · "
                                        "Niet toegepast 1 (6 antwoorden, verschil: groot)")
    # the agreed answer is the facilitator's, the spread does not change it
    assert window.doc.answer("KA-01").option is None

    window.doc.undo_stack.undo()
    assert not page.spread_label.isVisible()

    add_individual(window.doc, "KA-01", "toegepast")
    assert page.spread_label.text() == "Individuele antwoorden\nSnelle ronde: Toegepast 1 (1 antwoord, verschil: geen)"

    window.navigate("KA-02")  # the next item has none: the line goes
    assert not page.spread_label.isVisible()
    window.navigate("KA-01")
    assert page.spread_label.isVisible()


def test_one_line_per_round_so_a_person_who_answered_twice_counts_once_in_each(qtbot, open_scan):
    """Four phones in the voorronde and the same four live: two lines of four, never "8 antwoorden"."""
    window = open_scan
    page = window.workspace.item_page
    window.navigate("KA-01")
    set_individual(window.doc, "KA-01", ["toegepast", "niet", "niet", "toegepast"], round_="voorronde")
    set_individual(window.doc, "KA-01", ["toegepast"] * 4, round_="live")
    assert page.spread_label.text() == (
        "Individuele antwoorden\n"
        "Voorronde: Toegepast 2 · Niet toegepast 2 (4 antwoorden, verschil: groot)\n"
        "Live: Toegepast 4 (4 antwoorden, verschil: geen)")
    # a quick round's key and its undo touch only the quick round: the phones' rounds stay
    add_individual(window.doc, "KA-01", "deels")
    assert window.doc.answer("KA-01").individual == {"snelle_ronde": ["deels"], "voorronde": [
        "toegepast", "niet", "niet", "toegepast"], "live": ["toegepast"] * 4}
    window.doc.undo_stack.undo()
    assert window.doc.answer("KA-01").individual == {"voorronde": ["toegepast", "niet", "niet", "toegepast"],
                                                     "live": ["toegepast"] * 4}
    assert "8 antwoorden" not in page.spread_label.text()


def test_an_older_scans_answers_show_as_round_unknown(qtbot, open_scan):
    window = open_scan
    page = window.workspace.item_page
    window.navigate("KA-01")
    set_individual(window.doc, "KA-01", ["toegepast", "niet"], round_="onbekend")
    assert page.spread_label.text() == ("Individuele antwoorden\nRonde onbekend: Toegepast 1 · Niet toegepast 1 "
                                        "(2 antwoorden, verschil: groot)")
