"""Searching a whole scan (issue 28 point 7): items, answers, notes, actions, key figures."""

from __future__ import annotations

from scan_factory import make_assessment, make_checklists

from dienstscan.model import Action, KeyFigureValue
from dienstscan.model.search import MAX_HITS, fold, search_scan


def test_finds_answers_notes_actions_and_key_figures():
    checklists = make_checklists()
    scan = make_assessment({"BSC-01": "deels"})
    scan.answers["BSC-01"].explanation = "Geen balie op zaterdag, wel een Loket op afspraak"
    scan.answers["BSC-01"].notes = "Vragen aan de teamleider Burgerzaken"
    scan.actions.append(Action(id="E-1", title="Openingstijden verruimen", owner="Teamleider Burgerzaken"))
    figure = next(iter(checklists.key_figures))
    scan.key_figures[figure] = KeyFigureValue(value=3, note="Bron: jaarverslag burgerzaken")
    hits = search_scan(checklists, scan, "burgerzaken")
    places = [(h.kind, h.target, h.where) for h in hits]
    assert ("item", "BSC-01", "Notities") in places
    assert ("action", "E-1", "Probleemeigenaar") in places
    assert ("keyfigure", figure, "Toelichting") in places
    assert [h.kind for h in hits] == sorted((h.kind for h in hits), key=["item", "action", "keyfigure"].index)
    (hit,) = search_scan(checklists, scan, "LOKET afspraak")  # all words, any case, one field
    assert hit.where == "Uitleg" and "Loket op afspraak" in hit.snippet
    assert search_scan(checklists, scan, "loket burgerzaken") == []  # two fields: no hit
    assert search_scan(checklists, scan, "   ") == []


def test_accents_and_long_texts():
    assert fold("Beëindigen Één") == "beeindigen een"
    checklists = make_checklists()
    scan = make_assessment({"BSC-01": "deels"})
    scan.answers["BSC-01"].explanation = "x " * 200 + "beëindigd contract " + "y " * 200
    (hit,) = search_scan(checklists, scan, "beeindigd")
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…") and "beëindigd contract" in hit.snippet
    assert len(hit.snippet) < 100


def test_many_hits_are_capped():
    checklists = make_checklists()
    scan = make_assessment({})
    scan.actions.extend(Action(id=f"E-{n}", title=f"Actie {n}") for n in range(MAX_HITS + 50))
    assert len(search_scan(checklists, scan, "actie")) == MAX_HITS + 1
