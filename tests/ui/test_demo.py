"""``dienstscan`` and ``dienstscan demo`` start the GUI; the example opens as an unsaved copy."""

from __future__ import annotations

import pytest

from dienstscan import cli, storage
from dienstscan.checklists import default_checklist_dir, load_checklists
from dienstscan.resources import example_scan_path


@pytest.mark.parametrize("argv, expected", [([], {"scan": None, "demo": False}),
                                            (["demo"], {"scan": None, "demo": True}),
                                            (["gui", "x.dienstscan"], {"scan": "x.dienstscan", "demo": False})])
def test_commands_start_the_gui(monkeypatch, argv, expected):
    import dienstscan.ui.app as app

    calls = []
    monkeypatch.setattr(app, "run", lambda scan=None, demo=False: calls.append((scan, demo)) or 0)
    assert cli.main(argv) == 0
    [(scan, demo)] = calls
    assert (str(scan) if scan else None, demo) == (expected["scan"], expected["demo"])


def test_example_opens_as_an_unsaved_copy_with_the_shipped_checklists(qtbot, fake_dialogs, monkeypatch, tmp_path):
    from dienstscan.ui.app import create_application
    from dienstscan.ui.main_window import MainWindow

    example = example_scan_path()
    before = example.read_bytes()
    original = storage.load_scan(example)
    create_application()
    window = MainWindow(load_checklists(default_checklist_dir()))
    qtbot.addWidget(window)
    window.show()
    assert window.open_example()
    doc = window.doc
    assert doc.path is None and doc.assessment.id != original.id and not doc.is_dirty()
    assert window.windowTitle() == f"{original.organisation.name} (niet opgeslagen)[*] – Dienstscan"
    assert fake_dialogs.count("show_error") == 0
    assert {f.id for f in window.checklists.frameworks} >= {"BSC", "5B", "ANT"}
    # every item of the shipped checklists has its node and page
    for fw in window.checklists.frameworks:
        for item in fw.all_items():
            assert window.navigate(item.id)
            assert window.workspace.item_page.title.text() == item.text
    window.doc.set_option("BSC-01", "toegepast")
    fake_dialogs.save_path = tmp_path / "mijn-voorbeeld.dienstscan"
    assert window.save()
    assert storage.load_scan(fake_dialogs.save_path).answers["BSC-01"].option == "toegepast"
    assert example.read_bytes() == before  # the shipped example is never written
    window.doc.close()
