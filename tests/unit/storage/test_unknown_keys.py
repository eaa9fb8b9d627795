"""Top-level keys a newer Dienstscan wrote are kept on every write, not dropped (issue 29.3)."""

from __future__ import annotations

import json

from dienstscan.storage import load_recovery, find_recoveries, read_scan, save_scan, write_recovery


def _with_newer_keys(scan, path):
    save_scan(scan, path)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["sessie"] = {"geheim": "abc", "apparaten": {"x": [1, 2]}}
    document["nieuw_in_versie_3"] = [1, "twee", None]
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return document


def test_unknown_top_level_keys_survive_a_save(scan, tmp_path):
    path = tmp_path / "scan.dienstscan"
    written = _with_newer_keys(scan, path)
    loaded = read_scan(path)
    assert loaded.unknown_keys == ["nieuw_in_versie_3", "sessie"]
    loaded.assessment.organisation.name = "Gewijzigd in een oudere versie"
    save_scan(loaded.assessment, path)
    again = json.loads(path.read_text(encoding="utf-8"))
    assert again["sessie"] == written["sessie"] and again["nieuw_in_versie_3"] == written["nieuw_in_versie_3"]
    assert again["scan"]["organisation"]["name"] == "Gewijzigd in een oudere versie"
    assert read_scan(path).unknown_keys == ["nieuw_in_versie_3", "sessie"]


def test_unknown_keys_survive_a_copy_and_a_recovery_copy(scan, tmp_path, data_dir):
    path = tmp_path / "scan.dienstscan"
    written = _with_newer_keys(scan, path)
    loaded = read_scan(path).assessment
    copied = loaded.model_copy(deep=True)
    write_recovery(copied, path)
    [copy] = find_recoveries()
    restored = load_recovery(copy)
    target = tmp_path / "hersteld.dienstscan"
    save_scan(restored, target)
    again = json.loads(target.read_text(encoding="utf-8"))
    assert again["sessie"] == written["sessie"] and "recovery" not in again


def test_a_scan_without_unknown_keys_is_written_as_before(scan, tmp_path):
    path = tmp_path / "scan.dienstscan"
    save_scan(scan, path)
    assert set(json.loads(path.read_text(encoding="utf-8"))) == {"format", "format_version", "app_version",
                                                                 "saved_at", "scan"}
    assert read_scan(path).unknown_keys == []

