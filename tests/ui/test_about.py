"""The "Over Dienstscan" dialog: version, checklist versions, the log file and the helpdesk text."""

from __future__ import annotations

from dienstscan import __version__, logs
from dienstscan.ui import about


def test_dialog_shows_version_checklists_and_log(qtbot, checklists, tmp_path, monkeypatch):
    monkeypatch.setenv(logs.ENV_LOG_DIR, str(tmp_path / "logs"))
    logs.setup_logging()
    try:
        dialog = about.AboutDialog(None, checklists)
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "Over Dienstscan"
        facts = dict(dialog.facts)
        assert facts["Versie"].startswith(__version__)
        for fw in checklists.frameworks:
            assert f"{fw.title} ({fw.short_title}), versie {fw.version}" in facts["Checklists"]
        assert facts["Logbestand"] == str(tmp_path / "logs" / "dienstscan.log")
        assert str(tmp_path / "logs" / "dienstscan.log") in dialog.value_labels["Logbestand"].text()
    finally:
        logs.stop_logging()


def test_clicking_the_log_opens_its_folder(qtbot, checklists, tmp_path, monkeypatch):
    monkeypatch.setenv(logs.ENV_LOG_DIR, str(tmp_path / "logs"))
    opened = []
    monkeypatch.setattr(about, "open_folder", lambda folder: opened.append(folder) or True)
    dialog = about.AboutDialog(None, checklists)
    qtbot.addWidget(dialog)
    dialog.value_labels["Logbestand"].linkActivated.emit("log")
    dialog.open_log_button.click()
    assert opened == [tmp_path / "logs", tmp_path / "logs"]
    assert (tmp_path / "logs").is_dir()  # created, so Verkenner has something to open


def test_copy_puts_the_facts_on_the_clipboard(qtbot, checklists):
    from PySide6.QtGui import QGuiApplication

    dialog = about.AboutDialog(None, checklists)
    qtbot.addWidget(dialog)
    dialog.copy_button.click()
    text = QGuiApplication.clipboard().text()
    assert text.startswith("Dienstscan\nVersie: " + __version__)
    assert "Logbestand: " in text and "Checklists: " in text


def test_broken_checklists_are_named_not_raised(tmp_path, monkeypatch):
    (tmp_path / "kapot.yaml").write_text("framework: [\n", encoding="utf-8")
    monkeypatch.setenv("DIENSTSCAN_CHECKLISTS", str(tmp_path))
    lines = about.checklist_lines()
    assert len(lines) == 1 and lines[0].startswith("de checklists bevatten 1 fout")
