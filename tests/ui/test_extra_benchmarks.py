"""Scan > Extra benchmarks…: a region's benchmark file is checked, used at once and remembered."""

from __future__ import annotations

from pathlib import Path

import pytest

from dienstscan.scoring import score
from dienstscan.ui import benchmark_files, settings

VALID_CHECKLISTS = Path(__file__).resolve().parents[1] / "fixtures" / "checklists" / "valid"


@pytest.fixture
def open_window(window, fake_dialogs, new_assessment):
    window.checklist_dir = VALID_CHECKLISTS
    fake_dialogs.new_scan_result = new_assessment()
    window.action("new").trigger()
    yield window
    settings.set_extra_benchmark_files([])  # settings live for the whole test process


def _region_file(folder: Path, value: float = 70, metric: str = "KA") -> Path:
    path = folder / "regio.yaml"
    path.write_text(
        "benchmarks:\n"
        '  - id: "bm-regio-proef"\n'
        f'    metric: "{metric}"\n'
        f"    value: {value}\n"
        '    comparison: "at_least"\n'
        '    kind: "referentie"\n'
        '    label: "Regio Proef 2026"\n'
        '    source: {document: "dienstscan benchmark, 12 scans"}\n'
        '    date: "2026-11"\n',
        encoding="utf-8",
    )
    return path


def test_extra_benchmarks_are_used_at_once_and_remembered(open_window, monkeypatch, tmp_path, fake_dialogs):
    window = open_window
    window.doc.set_option("KA-01", "toegepast")
    region = _region_file(tmp_path)
    monkeypatch.setattr(benchmark_files, "choose_benchmark_files", lambda parent, folder: [region])
    window.action("extra_benchmarks").trigger()
    assert fake_dialogs.count("show_error") == 0
    assert [b.label for b in window.doc.checklists.benchmarks_for("KA")][-1] == "Regio Proef 2026"
    report = score(window.doc.checklists, window.doc.assessment)
    sentence = next(f for f in report.frameworks if f.id == "KA").comparison.sentence
    assert "Regio Proef 2026" in sentence
    assert window.doc.answer("KA-01").option == "toegepast"  # the scan is untouched
    assert settings.extra_benchmark_files() == [region]
    # the next start uses them too
    again = benchmark_files.startup_checklists(VALID_CHECKLISTS)
    assert any(b.id == "bm-regio-proef" for b in again.benchmarks)
    # and back to the shipped ones
    window.action("clear_benchmarks").trigger()
    assert all(b.id != "bm-regio-proef" for b in window.doc.checklists.benchmarks)
    assert settings.extra_benchmark_files() == []


def test_a_broken_benchmark_file_is_refused_with_file_and_line(open_window, monkeypatch, tmp_path, fake_dialogs):
    window = open_window
    before = window.doc.checklists
    broken = _region_file(tmp_path, metric="BESTAAT-NIET")
    monkeypatch.setattr(benchmark_files, "choose_benchmark_files", lambda parent, folder: [broken])
    window.action("extra_benchmarks").trigger()
    (message,) = fake_dialogs.messages("show_error")
    assert "regio.yaml, regel" in message and "BESTAAT-NIET" in message
    assert window.doc.checklists is before
    assert settings.extra_benchmark_files() == []


def test_a_benchmark_file_without_kind_is_refused_in_dutch(open_window, monkeypatch, tmp_path, fake_dialogs):
    """Issue 15: every benchmark says what it is (norm, referentie, belofte, doel)."""
    window = open_window
    before = window.doc.checklists
    path = _region_file(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace('    kind: "referentie"\n', ""), encoding="utf-8")
    monkeypatch.setattr(benchmark_files, "choose_benchmark_files", lambda parent, folder: [path])
    window.action("extra_benchmarks").trigger()
    (message,) = fake_dialogs.messages("show_error")
    assert "regio.yaml, regel 2: verplicht veld 'kind' ontbreekt" in message
    assert window.doc.checklists is before


def test_a_missing_remembered_file_does_not_stop_the_start(tmp_path, fake_dialogs):
    settings.set_extra_benchmark_files([tmp_path / "weg.yaml"])
    try:
        checklists = benchmark_files.startup_checklists(VALID_CHECKLISTS)
    finally:
        settings.set_extra_benchmark_files([])
    assert checklists.has_item("KA-01")
    assert "weg.yaml" in fake_dialogs.messages("show_error")[0]
