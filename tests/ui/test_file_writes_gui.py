"""A full disk from the GUI: the report (PDF, Word, HTML) and the Excel plan keep the previous file
whole and the user reads a Dutch message that names the file. The PDF is printed by Qt."""

from __future__ import annotations

from pathlib import Path

import pytest
from faults import DISK_FULL, inject
from scan_factory import make_assessment, make_checklists

from dienstscan.ui import exporting, report_dialog
from dienstscan.ui.document import ScanDocument


@pytest.fixture
def doc(qtbot):
    document = ScanDocument(make_checklists(), make_assessment({"BSC-02": "deels", "5B-2.01": "gedeeltelijk"}))
    yield document
    document.close()


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("name", ["rapport.pdf", "rapport.docx", "rapport.html"])
def test_report_on_a_full_disk(doc, fake_dialogs, monkeypatch, tmp_path, name):
    target = tmp_path / name
    monkeypatch.setattr(report_dialog, "ask_report_path", lambda parent, suggested: (target, False))
    assert report_dialog.export_report_dialog(None, doc) == target
    before = target.read_bytes()
    if name.endswith(".pdf"):
        assert before.startswith(b"%PDF")

    doc.assessment.organisation.name = "Gemeente Gewijzigd"
    inject(monkeypatch, DISK_FULL)
    assert report_dialog.export_report_dialog(None, doc) is None
    [message] = fake_dialogs.messages("show_error")
    assert message.startswith(f"Kan '{target}' niet opslaan: de schijf is vol. Het bestaande bestand is niet gewijzigd.")
    assert target.read_bytes() == before
    assert _names(tmp_path) == [name]


def test_plan_export_on_a_full_disk(doc, fake_dialogs, monkeypatch, tmp_path):
    target = tmp_path / "plan.xlsx"
    monkeypatch.setattr(exporting, "choose_export_path", lambda parent, suggested: target)
    monkeypatch.setattr(exporting, "ask_open_exported", lambda parent, path: False)
    assert exporting.export_plan_dialog(None, doc) == target
    before = target.read_bytes()

    inject(monkeypatch, DISK_FULL)
    assert exporting.export_plan_dialog(None, doc) is None
    [message] = fake_dialogs.messages("show_error")
    assert message.startswith(f"Kan '{target}' niet opslaan: de schijf is vol. Het bestaande bestand is niet gewijzigd.")
    assert "Uw scan is niet gewijzigd." in message
    assert target.read_bytes() == before
    assert _names(tmp_path) == ["plan.xlsx"]
