"""Opening a scan with a newer version's top-level data says it is kept (issue 29.3)."""

from __future__ import annotations

import json

from dienstscan import storage


def test_the_app_says_it_keeps_a_newer_versions_data(window, fake_dialogs, new_assessment, tmp_path):
    path = tmp_path / "scan.dienstscan"
    storage.save_scan(new_assessment(), path)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["nieuw_in_versie_3"] = {"iets": [1, 2]}
    path.write_text(json.dumps(document), encoding="utf-8")
    assert window.open_path(path)
    [note] = fake_dialogs.messages("show_info")
    assert "nieuwere versie van Dienstscan (nieuw_in_versie_3)" in note and "ongewijzigd terug" in note
    window.doc.set_option("KA-01", "toegepast")
    assert window.save()
    assert json.loads(path.read_text(encoding="utf-8"))["nieuw_in_versie_3"] == {"iets": [1, 2]}
