"""``dienstscan score`` and ``dienstscan demo``: readable table, JSON with the same numbers, bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scan_factory import make_assessment, make_checklists

from dienstscan.cli import example_scan_path, main
from dienstscan.model import KeyFigureValue
from dienstscan.scoring import report_json, score
from dienstscan.storage import save_scan


ANSWERS = {"5B-1.01": "ingevoerd", "5B-1.02": "ingevoerd", "5B-1.03": "gedeeltelijk", "5B-2.01": "niet_ingevoerd",
           "5B-2.02": "ingevoerd", "5B-2.03": "niet_van_toepassing", "BSC-01": "deels", "ANT-FASE": "fase_2",
           "ANT-PK-1": "niveau_3"}


@pytest.fixture
def checklist_dir(tmp_path) -> Path:
    """The test checklist set written as checklist files (JSON is valid YAML)."""
    folder = tmp_path / "checklists"
    folder.mkdir()
    cl = make_checklists()

    def dump(name, **blocks):
        data = {k: ([m.model_dump(mode="json") for m in v] if isinstance(v, list) else v.model_dump(mode="json"))
                for k, v in blocks.items()}
        (folder / name).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")

    dump("algemeen.yaml", scales=list(cl.scales.values()), themes=list(cl.themes.values()),
         benchmarks=cl.benchmarks, key_figures=list(cl.key_figures.values()))
    for fw in cl.frameworks:
        dump(f"{fw.id.lower()}.yaml", framework=fw)
    return folder


@pytest.fixture
def scan_file(tmp_path) -> Path:
    scan = make_assessment(ANSWERS)
    scan.key_figures["kf-wachttijd"] = KeyFigureValue(value=3 + 14 / 60)
    path = tmp_path / "proef.dienstscan"
    save_scan(scan, path)
    return path


def test_score_table(checklist_dir, scan_file, capsys):
    assert main(["score", str(scan_file), "--checklists", str(checklist_dir)]) == 0
    out = capsys.readouterr().out
    assert "Scores van Gemeente Proef, peildatum 5 juli 2011" in out
    # 5B: 3 of 5 applicable implemented = 60%
    assert ("Met 60% (3 van 5 toepasselijke instrumenten ingevoerd): hoger dan Bergen op 5 juli 2011 (50%); "
            "lager dan de top-10 gemeenten op 15 maart 2010 (85%).") in out
    assert "Bron: 002_df95863a505375c9.txt, 4.5 (Bergen, 5 juli 2011; referentieniveau)." in out
    assert "Met Fase 2: lager dan het doel voor 2015 van Antwoord© (Fase 4)." in out
    assert "Met 3,2 minuten: u haalt de VNG-norm (hoogstens 15 minuten)." in out
    assert "Uitleg ontbreekt bij: BSC-01" in out


def test_score_json_has_the_same_numbers(checklist_dir, scan_file, capsys):
    assert main(["score", str(scan_file), "--json", "--checklists", str(checklist_dir)]) == 0
    data = json.loads(capsys.readouterr().out)
    from dienstscan.storage import load_scan

    expected = score(make_checklists(), load_scan(scan_file))
    assert data == json.loads(report_json(expected))
    five = next(f for f in data["frameworks"] if f["id"] == "5B")
    assert five["tally"]["percentage"] == 60.0 and five["tally"]["not_applicable"] == 1
    assert main(["score", str(scan_file), "--checklists", str(checklist_dir)]) == 0
    assert "60%" in capsys.readouterr().out


@pytest.mark.parametrize(
    "content",
    [b"", b"{niet: json", b'{"format": "dienstscan", "format_version": 1, "scan": {"organisation": ',
     b"PK\x03\x04\x14\x00\x06\x00rest van een xlsx", b"[1, 2, 3]"],
    ids=["leeg", "geen-json", "afgekapt", "xlsx", "verkeerd-type"],
)
def test_bad_scan_file_gives_dutch_message_and_exit_1(checklist_dir, tmp_path, capsys, content):
    path = tmp_path / "kapot.dienstscan"
    path.write_bytes(content)
    assert main(["score", str(path), "--checklists", str(checklist_dir)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Fout: ") and "kapot.dienstscan" in err
    assert "Traceback" not in err
    assert path.read_bytes() == content  # untouched


def test_missing_scan_file(checklist_dir, tmp_path, capsys):
    assert main(["score", str(tmp_path / "bestaat-niet.dienstscan"), "--checklists", str(checklist_dir)]) == 1
    assert "bestaat-niet.dienstscan" in capsys.readouterr().err


def test_bad_checklists_folder(scan_file, tmp_path, capsys):
    assert main(["score", str(scan_file), "--checklists", str(tmp_path / "geen-map")]) == 1
    err = capsys.readouterr().err
    assert "Fout: de checklists in" in err and "geen-map" in err


def test_example_scores(capsys):
    """The shipped example against the shipped checklists: Bergen's 50% with its sentence."""
    assert main(["score", str(example_scan_path())]) == 0
    out = capsys.readouterr().out
    assert "Scores van Gemeente Voorbeeld" in out
    assert "Met 50% (20 van 40 toepasselijke instrumenten ingevoerd): gelijk aan Bergen op 5 juli 2011 (50%)" in out
    # the example fits the checklists it ships with: the only notes say exactly what is still open
    assert [line for line in out.splitlines() if line.startswith("Let op")] == [
        "Let op: Bij 1 item is het antwoord 'Onbekend' of 'Nog niet beoordeeld' (5B-3.08): nog uit te zoeken; "
        "het telt niet als beantwoord.",
        "Let op: Bij 1 antwoord ontbreekt nog de uitleg (BSC-10)."]


def test_demo_prints_scores_of_a_copy(capsys):
    example = example_scan_path()
    before = example.read_bytes()
    assert main(["demo", "--tekst"]) == 0
    out = capsys.readouterr().out
    first = out.splitlines()[0]
    assert first.startswith("Voorbeeldscan gekopieerd naar ")
    copy = Path(first.removeprefix("Voorbeeldscan gekopieerd naar "))
    assert copy.is_file() and copy != example and copy.read_bytes() == before
    assert "Scores van Gemeente Voorbeeld" in out
    assert example.read_bytes() == before


def test_help_and_usage_errors_are_dutch(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("gebruik: dienstscan")
    assert "toon deze hulp en stop" in out and "toon het versienummer en stop" in out
    assert "show this help" not in out and "positional arguments" not in out
    with pytest.raises(SystemExit) as exit_info:
        main(["export"])
    assert exit_info.value.code == 2
    assert "fout: deze argumenten ontbreken: scan" in capsys.readouterr().err


def test_report_and_export_take_extra_benchmark_files(tmp_path, capsys):
    """A benchmark file made with 'dienstscan benchmark' shows up in the report and the Excel plan."""
    from openpyxl import load_workbook

    example = example_scan_path()
    regio = tmp_path / "regio.yaml"
    assert main(["benchmark", str(example), "-o", str(regio), "--label", "Regio Proef 2026"]) == 0
    html = tmp_path / "rapport.html"
    assert main(["report", str(example), "-o", str(html), "--benchmarks", str(regio)]) == 0
    assert "Regio Proef 2026" in html.read_text(encoding="utf-8")
    plan = tmp_path / "plan.xlsx"
    assert main(["export", str(example), "-o", str(plan), "--benchmarks", str(regio)]) == 0
    cells = [str(c.value) for row in load_workbook(plan)["Samenvatting"].iter_rows() for c in row if c.value]
    assert any("Regio Proef 2026" in c for c in cells)
    assert main(["report", str(example), "-o", str(html), "--benchmarks", str(tmp_path / "weg.yaml")]) == 1
