"""``dienstscan report SCAN -o rapport.html|.docx``: files written, and Dutch errors with exit code 1.

The PDF path imports Qt and is tested in ``tests/ui/test_pdf.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from dienstscan.cli import main
from dienstscan.plan import visible_actions
from dienstscan.storage import save_scan


@pytest.fixture
def checklist_dir(tmp_path, checklists) -> Path:
    """The test checklist set as checklist files (JSON is valid YAML)."""
    folder = tmp_path / "checklists"
    folder.mkdir()

    def dump(name, **blocks):
        data = {k: ([m.model_dump(mode="json") for m in v] if isinstance(v, list) else v.model_dump(mode="json"))
                for k, v in blocks.items()}
        (folder / name).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")

    dump("algemeen.yaml", scales=list(checklists.scales.values()), themes=list(checklists.themes.values()),
         benchmarks=checklists.benchmarks, key_figures=list(checklists.key_figures.values()))
    for fw in checklists.frameworks:
        dump(f"{fw.id.lower()}.yaml", framework=fw)
    return folder


@pytest.fixture
def scan_file(tmp_path, assessment) -> Path:
    path = tmp_path / "proef.dienstscan"
    save_scan(assessment, path)
    return path


def test_html_report(tmp_path, checklist_dir, scan_file, assessment, capsys):
    out = tmp_path / "rapport.html"
    assert main(["report", str(scan_file), "-o", str(out), "--checklists", str(checklist_dir)]) == 0
    assert f"Rapport geschreven naar {out}" in capsys.readouterr().out
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "Gemeente Proef" in page and "33%" in page and "33,3%" not in page  # one display (issue 24)
    for action in visible_actions(assessment):
        assert action.id in page


def test_docx_report(tmp_path, checklist_dir, scan_file, assessment):
    out = tmp_path / "rapport.docx"
    assert main(["report", str(scan_file), "-o", str(out), "--checklists", str(checklist_dir)]) == 0
    document = docx.Document(str(out))
    assert any(p.style.name == "Heading 1" for p in document.paragraphs)
    cells = " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    for action in visible_actions(assessment):
        assert action.title in cells


def test_missing_folder_is_a_dutch_error(tmp_path, checklist_dir, scan_file, capsys):
    out = tmp_path / "bestaat-niet" / "rapport.pdf"
    assert main(["report", str(scan_file), "-o", str(out), "--checklists", str(checklist_dir)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Fout: kan ") and "de map" in err and "bestaat niet" in err
    assert "Traceback" not in err
    assert not out.exists()


def test_unknown_extension_is_a_dutch_error(tmp_path, checklist_dir, scan_file, capsys):
    assert main(["report", str(scan_file), "-o", str(tmp_path / "rapport.txt"),
                 "--checklists", str(checklist_dir)]) == 1
    assert "Fout: rapport.txt: kies een bestandsnaam die eindigt op .pdf, .html of .docx" in capsys.readouterr().err


def test_unwritable_file_is_a_dutch_error(tmp_path, checklist_dir, scan_file, capsys):
    out = tmp_path / "map.html"
    out.mkdir()  # a folder where the file should go: writing fails
    assert main(["report", str(scan_file), "-o", str(out), "--checklists", str(checklist_dir)]) == 1
    err = capsys.readouterr().err
    assert err == f"Fout: Kan '{out}' niet opslaan: dit is een map, geen bestand. Het bestaande bestand is niet gewijzigd.\n"


def test_bad_scan_is_a_dutch_error(tmp_path, checklist_dir, capsys):
    bad = tmp_path / "kapot.dienstscan"
    bad.write_text("geen json", encoding="utf-8")
    assert main(["report", str(bad), "-o", str(tmp_path / "r.html"), "--checklists", str(checklist_dir)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Fout: ") and "Traceback" not in err
