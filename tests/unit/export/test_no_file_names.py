"""No user-facing output shows a source document's file name (issue 15, point 11).

The checklists cite the seeds by file name (``source.document``) so every source stays
traceable; what a person reads names each source by its title (``bronnen.yaml``). This test runs
every output of the example scan (CLI score table and JSON, Excel plan, participant forms, report
as HTML and Word) and greps it for the seed file-name pattern. The app's pages and the
presentation are checked in ``tests/ui/test_no_file_names_ui.py``.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from dienstscan.cli import main
from dienstscan.resources import example_scan_path

#: A seed's file name: three digits, an underscore, 16 hex digits, .txt (000_82fd8fda93fd0ad4.txt).
SEED_FILE_NAME = re.compile(r"\d{3}_[0-9a-f]{16}(\.txt)?")


def _workbook_text(path: Path) -> str:
    wb = load_workbook(path)
    parts = []
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue  # the hidden read-back sheet holds ids, not text a person reads
        for row in ws.iter_rows(values_only=True):
            parts += [str(v) for v in row if v is not None]
    return "\n".join(parts)


def _docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return "\n".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))


def test_the_pattern_finds_a_seed_name():
    assert SEED_FILE_NAME.search("Bron: 000_82fd8fda93fd0ad4.txt, 3.4")
    assert not SEED_FILE_NAME.search("Bron: Gemeente Bergen (NH), Op weg naar de top in dienstverlening (2011), 2.3")


def test_no_output_of_the_example_scan_shows_a_seed_file_name(tmp_path, capsys):
    example = example_scan_path()
    outputs: dict[str, str] = {}

    assert main(["score", str(example)]) == 0
    outputs["score"] = capsys.readouterr().out
    assert main(["score", "--json", str(example)]) == 0
    outputs["score --json"] = capsys.readouterr().out

    xlsx = tmp_path / "plan.xlsx"
    assert main(["export", str(example), "-o", str(xlsx)]) == 0
    outputs["Excel"] = _workbook_text(xlsx)

    html = tmp_path / "rapport.html"
    assert main(["report", str(example), "-o", str(html)]) == 0
    outputs["rapport html"] = html.read_text(encoding="utf-8")

    docx = tmp_path / "rapport.docx"
    assert main(["report", str(example), "-o", str(docx)]) == 0
    outputs["rapport docx"] = _docx_text(docx)

    forms = tmp_path / "formulieren"
    forms.mkdir()
    assert main(["formulieren", str(example), "-o", str(forms), "--aantal", "1"]) == 0
    outputs["formulieren"] = "\n".join(_workbook_text(p) for p in sorted(forms.glob("*.xlsx")))
    capsys.readouterr()

    for name, text in outputs.items():
        assert text.strip(), f"{name}: no output to check"
        found = SEED_FILE_NAME.search(text)
        assert found is None, f"{name} shows a file name: …{text[max(0, found.start() - 80):found.end() + 20]}…"
    # the sources read by their titles
    assert "Gemeente Bergen (NH), Op weg naar de top in dienstverlening (2011)" in outputs["rapport html"]
    assert "Gemeente Bergen (NH), Op weg naar de top in dienstverlening (2011)" in outputs["Excel"]


@pytest.mark.parametrize("command", [["validate"]])
def test_validate_summary_cites_titles(command, capsys):
    assert main(command) == 0
    out = capsys.readouterr().out
    assert SEED_FILE_NAME.search(out) is None
