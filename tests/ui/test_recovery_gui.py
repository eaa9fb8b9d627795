"""The app restores a recovery copy without undoing what was written to the file since (issue 29.2).

A copy left by a crashed Dienstscan whose scan file was then written by someone else (the command
line's import-plan, another program) is offered with a warning and restored as a separate, unsaved
scan; the file stays as it is. A copy of the file as the crashed program left it is restored onto
that file, and the old copy is replaced by the app's own.
"""

from __future__ import annotations

import pytest

from dienstscan import storage
from dienstscan.storage import recovery


@pytest.fixture
def other_program(monkeypatch):
    def switch(token: str) -> None:
        monkeypatch.setattr(recovery, "PROGRAM_TOKEN", token)
        monkeypatch.setattr(recovery, "_written", {})
    return switch


def _crashed_copy(path, new_assessment, other_program):
    """A scan saved at ``path`` and an unsaved change in the recovery copy of a program that died."""
    storage.save_scan(new_assessment("Gemeente Proef"), path)
    other_program("gecrasht")
    opened = storage.read_scan(path).assessment
    opened.organisation.name = "Niet opgeslagen werk"
    return storage.write_recovery(opened, path)


def test_copy_of_a_file_written_since_opens_as_a_separate_scan(window, fake_dialogs, new_assessment, tmp_path,
                                                               other_program):
    path = tmp_path / "scan.dienstscan"
    copy_file = _crashed_copy(path, new_assessment, other_program)
    other_program("opdrachtregel")
    later = storage.read_scan(path).assessment
    later.organisation.name = "Na de import"
    storage.save_scan(later, path)
    before = path.read_bytes()

    other_program("nieuwe-start")
    fake_dialogs.recovery = "restore"
    assert window.offer_recoveries()
    assert window.doc.path is None and window.doc.is_dirty()
    assert window.doc.assessment.organisation.name == "Niet opgeslagen werk"
    assert path.read_bytes() == before  # the later write stands
    assert "aparte" in window.statusBar().currentMessage()
    assert not copy_file.exists()  # replaced by the app's own copy of the restored work
    [own] = storage.find_recoveries()
    assert own.own and own.scan_path is None


def test_copy_of_an_unchanged_file_is_restored_onto_it(window, fake_dialogs, new_assessment, tmp_path, other_program):
    path = tmp_path / "scan.dienstscan"
    _crashed_copy(path, new_assessment, other_program)
    other_program("nieuwe-start")
    fake_dialogs.recovery = "restore"
    assert window.offer_recoveries()
    assert window.doc.path == path.resolve() or window.doc.path == path
    assert window.doc.assessment.organisation.name == "Niet opgeslagen werk"
    assert window.save()
    assert storage.load_scan(path).organisation.name == "Niet opgeslagen werk"
    assert storage.find_recoveries() == []
