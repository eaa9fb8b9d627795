"""Files like an office program: failing open, failing save, the lock warning, asking to save."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dienstscan import storage
from dienstscan.ui.main_window import NOT_LOST

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

BROKEN = ["broken_json", "empty", "truncated", "renamed_excel", "newer_version", "wrong_types"]


@pytest.mark.parametrize("name", BROKEN)
def test_failing_open_shows_the_storage_message_and_the_app_stays_usable(window, fake_dialogs, tmp_path, name,
                                                                          new_assessment):
    bad = tmp_path / f"{name}.dienstscan"
    shutil.copyfile(FIXTURES / "scans" / f"{name}.dienstscan", bad)
    before = bad.read_bytes()
    with pytest.raises(storage.ScanFileError) as expected:
        storage.load_scan(bad)
    assert not window.open_path(bad)
    assert fake_dialogs.messages("show_error") == [str(expected.value)]
    assert f"{name}.dienstscan" in fake_dialogs.messages("show_error")[0]
    assert window.doc is None and window.central.currentWidget() is window.start_screen
    assert bad.read_bytes() == before and not storage.lock_path(bad).exists()
    # still usable: a new scan works
    fake_dialogs.new_scan_result = new_assessment()
    assert window.new_scan() and window.doc is not None


def test_missing_file_is_dropped_from_recent_files(window, fake_dialogs, tmp_path, new_assessment):
    from dienstscan.ui import settings

    path = tmp_path / "weg.dienstscan"
    storage.save_scan(new_assessment(), path)
    settings.add_recent_file(path)
    path.unlink()
    assert not window.open_path(path)
    assert "weg.dienstscan" in fake_dialogs.messages("show_error")[0]
    assert path not in settings.recent_files()


def test_failed_save_keeps_the_work(window, fake_dialogs, new_assessment, tmp_path):
    fake_dialogs.new_scan_result = new_assessment()
    window.action("new").trigger()
    window.doc.set_option("KA-01", "niet")
    window.doc.set_text("KA-01", "explanation", "Geen budget")
    fake_dialogs.save_path = tmp_path / "bestaat-niet" / "scan.dienstscan"
    assert not window.save()
    [message] = fake_dialogs.messages("show_error")
    assert "bestaat-niet" in message and NOT_LOST in message
    assert window.doc.is_dirty() and window.isWindowModified() and window.doc.path is None
    assert window.doc.answer("KA-01").explanation == "Geen budget"
    [copy] = storage.find_recoveries()
    assert storage.load_recovery(copy).answers["KA-01"].explanation == "Geen budget"


def test_disk_full_on_save_keeps_the_work_and_the_old_file(window, fake_dialogs, new_assessment, tmp_path,
                                                          monkeypatch):
    fake_dialogs.new_scan_result = new_assessment()
    window.action("new").trigger()
    target = tmp_path / "scan.dienstscan"
    fake_dialogs.save_path = target
    assert window.save()
    saved = target.read_bytes()
    window.doc.set_option("KA-01", "toegepast")

    def full(assessment, path, **kwargs):
        raise storage.ScanFileError(path, f"Kan '{path.name}' niet opslaan: de schijf is vol.", "save_failed")

    monkeypatch.setattr(storage, "save_scan", full)
    window.action("save").trigger()
    assert "de schijf is vol" in fake_dialogs.messages("show_error")[0]
    assert target.read_bytes() == saved
    assert window.doc.is_dirty() and window.doc.answer("KA-01").option == "toegepast"
    assert storage.load_recovery(storage.find_recoveries()[0]).answers["KA-01"].option == "toegepast"
    # closing now asks; cancelling a failed save keeps the window open
    fake_dialogs.save_changes = "save"
    assert not window.close_scan() and window.doc is not None


def test_scan_open_elsewhere_warns_and_can_be_taken_over(window, fake_dialogs, new_assessment, tmp_path):
    path = tmp_path / "gedeeld.dienstscan"
    storage.save_scan(new_assessment(), path)
    other = storage.acquire_lock(path)  # another Dienstscan (alive) holds it
    fake_dialogs.take_over = False
    assert not window.open_path(path)
    [(name, (message,))] = [s for s in fake_dialogs.shown if s[0] == "ask_take_over_lock"]
    assert "al geopend door" in message and "gedeeld.dienstscan" in message
    assert window.doc is None
    fake_dialogs.take_over = True
    assert window.open_path(path)
    assert window.doc.lock is not None and window.doc.lock.took_over is not None
    assert not other.still_held()


@pytest.mark.parametrize("choice, closed, saved", [("cancel", False, False), ("discard", True, False),
                                                    ("save", True, True)])
def test_quitting_with_unsaved_changes_asks(window, fake_dialogs, new_assessment, tmp_path, choice, closed, saved):
    fake_dialogs.new_scan_result = new_assessment()
    window.action("new").trigger()
    window.doc.set_option("KA-01", "toegepast")
    fake_dialogs.save_changes = choice
    fake_dialogs.save_path = tmp_path / "bij-afsluiten.dienstscan"
    assert window.close() is closed
    assert fake_dialogs.messages("ask_save_changes") == ["Gemeente Proef (niet opgeslagen)"]
    assert fake_dialogs.save_path.exists() is saved
    if closed:
        assert storage.find_recoveries() == []  # a deliberate close leaves no recovery offer


def _hand_edited(tmp_path: Path, new_assessment) -> Path:
    """A scan a person edited by hand: an action id twice and a key figure above its maximum."""
    import json

    from dienstscan.model import Action, KeyFigureValue

    scan = new_assessment()
    scan.actions = [Action(id="E-1", title="Eerste"), Action(id="E-2", title="Tweede")]
    scan.key_figures["kg-eerste-contact"] = KeyFigureValue(value=80)
    path = tmp_path / "hand.dienstscan"
    storage.save_scan(scan, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["scan"]["actions"][1]["id"] = "E-1"
    data["scan"]["key_figures"]["kg-eerste-contact"]["value"] = 140
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_scan_that_can_be_set_right_is_offered_a_repair_and_not_opened_without_consent(
        window, fake_dialogs, tmp_path, new_assessment):
    path = _hand_edited(tmp_path, new_assessment)
    before = path.read_bytes()
    fake_dialogs.repair = False
    assert not window.open_path(path)
    [(_, (message, repairs))] = [s for s in fake_dialogs.shown if s[0] == "ask_repair_scan"]
    assert "de actie-ID 'E-1' staat 2 keer in het plan" in message and "ligt boven het maximum 100" in message
    assert repairs[0] == "- actie nr. 2 had de ID 'E-1' van actie nr. 1 en heet nu 'E-1-2'"
    assert fake_dialogs.count("show_error") == 0  # the question said what is wrong
    assert window.doc is None and path.read_bytes() == before and not storage.lock_path(path).exists()


def test_a_repaired_scan_opens_unsaved_says_what_changed_and_is_kept_only_on_save(
        window, fake_dialogs, tmp_path, new_assessment):
    path = _hand_edited(tmp_path, new_assessment)
    before = path.read_bytes()
    fake_dialogs.repair = True
    assert window.open_path(path)
    doc = window.doc
    assert doc is not None and doc.is_dirty()  # unsaved: nothing written yet
    assert [a.id for a in doc.assessment.actions] == ["E-1", "E-1-2"]
    assert doc.assessment.key_figures["kg-eerste-contact"].value is None
    assert "Bij openen weggehaald: de waarde 140" in doc.assessment.key_figures["kg-eerste-contact"].note
    [info] = fake_dialogs.messages("show_info")
    assert info.startswith("Bij het openen hersteld (het bestand verandert pas als u opslaat):\n- actie nr. 2")
    assert path.read_bytes() == before
    assert window.save()
    assert storage.read_scan(path, window.checklists).repairs == []  # it opens plainly now
