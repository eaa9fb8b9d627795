"""The cycle commands end to end: next-cycle, compare, benchmark, rank, score --benchmarks.

Bad input among many files (damaged, duplicate, older format, older scan of the same organisation):
each reported by file name in Dutch, the rest processed, exit code 1 when anything was skipped.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from dienstscan.checklists import load_checklists
from dienstscan.cli import main
from dienstscan.model import Answer
from dienstscan.storage import load_scan, save_scan

from cycle_cli import CL, VALID, write_scan  # shared with the lock and argument tests


def format_1(folder: Path, name: str, org: str) -> Path:
    """A scan in file format 1 (the pilot's layout), answered on the fixture checklists."""
    doc = {
        "format": "dienstscan", "format_version": 1, "app_version": "0.0.3", "saved_at": "2010-11-15T14:02:00+01:00",
        "scan": {
            "id": "0b6f2c1e-7d3a-4e08-9f2b-3c4d5e6f7a81", "organisation": org, "organisation_kind": "gemeente",
            "peildatum": "2025-05-01", "frameworks": ["KA"], "checklist_versions": {"KA": "0.9"},
            "answers": [{"item_id": "KA-01", "option": "toegepast"}, {"item_id": "KA-02", "option": "toegepast"}],
        },
    }
    path = folder / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_next_cycle_then_compare(tmp_path, capsys):
    first = write_scan(tmp_path, "2025.dienstscan", "Gemeente Proef", "niet")
    new = tmp_path / "2026.dienstscan"
    assert main(["next-cycle", str(first), "-o", str(new), "--peildatum", "2026-06-01", *CL]) == 0
    out = capsys.readouterr().out
    assert "3 antwoorden overgenomen" in out and str(new) in out
    scan = load_scan(new)
    assert scan.previous_scan_id == load_scan(first).id
    assert scan.peildatum == dt.date(2026, 6, 1)
    assert all(a.from_previous_cycle for a in scan.answers.values())
    assert scan.action("V-KA-01") is not None

    scan.answers["KA-01"] = Answer(option="toegepast")
    scan.action("V-KA-01").status = "gereed"
    save_scan(scan, new)
    assert main(["compare", str(first), str(new), *CL]) == 0
    out = capsys.readouterr().out
    assert "1 juni 2025 (basis) met 1 juni 2026" in out
    assert "KA-01 Keuzevrijheid contactkanaal: Niet toegepast → Toegepast" in out
    assert "V-KA-01" in out and "Acties afgerond tussen beide scans (1)" in out

    assert main(["compare", str(first), str(new), "--json", *CL]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["completed_actions"][0]["id"] == "V-KA-01"


def test_next_cycle_bad_input(tmp_path, capsys):
    first = write_scan(tmp_path, "2025.dienstscan", "Gemeente Proef", "niet")
    taken = write_scan(tmp_path, "bestaat.dienstscan", "Gemeente Proef", "niet")
    assert main(["next-cycle", str(first), "-o", str(taken), *CL]) == 1
    assert "bestaat al" in capsys.readouterr().err
    assert main(["next-cycle", str(first), "-o", str(tmp_path / "x.dienstscan"), "--peildatum", "1-1-2026", *CL]) == 1
    assert "geen datum" in capsys.readouterr().err
    assert main(["next-cycle", str(first), "-o", str(tmp_path / "x.dienstscan"), "--peildatum", "2020-01-01", *CL]) == 1
    assert "vóór die van de vorige scan" in capsys.readouterr().err
    assert main(["next-cycle", str(tmp_path / "weg.dienstscan"), "-o", str(tmp_path / "x.dienstscan"), *CL]) == 1
    assert "weg.dienstscan" in capsys.readouterr().err
    assert not (tmp_path / "x.dienstscan").exists()


@pytest.fixture
def many(tmp_path):
    paths = [write_scan(tmp_path, f"g{n:02}.dienstscan", f"Gemeente {n:02}", "toegepast" if n % 3 else "niet")
             for n in range(11)]
    return tmp_path, paths


def test_benchmark_writes_a_file_the_score_command_accepts(many, capsys):
    folder, paths = many
    out = folder / "regio.yaml"
    code = main(["benchmark", *map(str, paths), "-o", str(out), "--label", "Regio Test 2026", "--datum", "2026", *CL])
    assert code == 0
    printed = capsys.readouterr()
    assert "benchmarks uit 11 scans geschreven" in printed.out
    assert printed.err == ""
    text = out.read_text(encoding="utf-8")
    assert "Gemeente" not in text  # anonymous
    assert load_checklists(VALID, extra_benchmarks=[out])
    assert main(["score", str(paths[0]), "--benchmarks", str(out), *CL]) == 0
    assert "het gemiddelde van Regio Test 2026" in capsys.readouterr().out

    assert main(["benchmark", *map(str, paths), "-o", str(out), "--label", "Regio", "--met-namen", *CL]) == 0
    assert "Gemeente 00" in out.read_text(encoding="utf-8")


def test_benchmark_reports_each_bad_file_and_uses_the_rest(many, capsys):
    folder, paths = many
    damaged = folder / "kapot.dienstscan"
    damaged.write_text('{"format": "dienstscan", "format_version": 2, "scan": {', encoding="utf-8")
    copy = folder / "kopie.dienstscan"
    copy.write_bytes(paths[0].read_bytes())  # the same scan id
    same_day = write_scan(folder, "nogmaals.dienstscan", "gemeente  01", "niet")  # same organisation and date
    older = write_scan(folder, "ouder.dienstscan", "Gemeente 02", "niet", peildatum=dt.date(2024, 6, 1))
    old_format = format_1(folder, "pilot.dienstscan", "Gemeente Pilot")
    out = folder / "b.yaml"
    args = [*map(str, paths), str(damaged), str(copy), str(same_day), str(older), str(old_format)]
    assert main(["benchmark", *args, "-o", str(out), *CL]) == 1
    err = capsys.readouterr().err
    assert "4 bestanden overgeslagen:" in err
    assert "kapot.dienstscan: " in err
    assert "kopie.dienstscan: dezelfde scan" in err and "g00.dienstscan" in err
    assert "nogmaals.dienstscan: een tweede scan van gemeente  01 met peildatum 2025-06-01" in err
    assert "ouder.dienstscan: een oudere scan van Gemeente 02" in err
    assert "pilot.dienstscan: opgeslagen in bestandsformaat 1" in err
    assert "pilot.dienstscan: ingevuld met versie 0.9 van TC" in err
    assert "uit 12 scans" in out.read_text(encoding="utf-8")  # 11 + the format-1 scan


def test_benchmark_nothing_usable(tmp_path, capsys):
    bad = tmp_path / "leeg.dienstscan"
    bad.write_text("", encoding="utf-8")
    assert main(["benchmark", str(bad), "-o", str(tmp_path / "b.yaml"), *CL]) == 1
    err = capsys.readouterr().err
    assert "leeg.dienstscan" in err and "geen enkele scan kon worden gebruikt" in err
    assert not (tmp_path / "b.yaml").exists()


@pytest.mark.parametrize(("extra", "message"), [
    (["--datum", "juli"], "--datum: 'juli' is geen datum in de vorm JJJJ, JJJJ-MM of JJJJ-MM-DD"),
    (["-o", "b.txt"], "eindigt op .yaml"),
])
def test_benchmark_bad_arguments(many, capsys, extra, message):
    folder, paths = many
    args = ["benchmark", str(paths[0]), "-o", str(folder / "b.yaml"), *CL, *extra]
    assert main(args) == 1
    assert message in capsys.readouterr().err


def test_rank(many, capsys):
    folder, paths = many
    damaged = folder / "kapot.dienstscan"
    damaged.write_text("kapot", encoding="utf-8")
    assert main(["rank", *map(str, paths), *CL, "--kader", "KA"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:3] == ["Positie", "Organisatie", "Peildatum"]
    assert lines[1].split()[:3] == ["1", "Gemeente", "01"]
    assert len(lines) == 12
    assert main(["rank", *map(str, paths), str(damaged), *CL, "--kader", "KA"]) == 1
    assert "kapot.dienstscan" in capsys.readouterr().err
    assert main(["rank", str(paths[0]), *CL, "--kader", "XX"]) == 1
    assert "kies uit KA, KB" in capsys.readouterr().err


def test_next_cycle_takes_statuses_from_the_edited_excel_plan(tmp_path, capsys):
    import openpyxl

    from dienstscan.plan import propose_actions

    first = write_scan(tmp_path, "2025.dienstscan", "Gemeente Proef", "niet")
    scan = load_scan(first)
    propose_actions(load_checklists(VALID), scan)
    save_scan(scan, first)
    plan = tmp_path / "plan.xlsx"
    assert main(["export", str(first), "-o", str(plan), *CL]) == 0
    workbook = openpyxl.load_workbook(plan)
    sheet = workbook["Werkblad PDCA"]  # the sheet the plan is read back from
    header = next(r for r in sheet.iter_rows() if any(c.value == "Status" for c in r))
    status_col = next(c.column for c in header if c.value == "Status")
    row = next(r for r in sheet.iter_rows(min_row=header[0].row + 1) if r[0].value == "V-KA-01")
    decision_col = next(c.column for c in header if c.value == "Besluit")
    # a proposal gets a status once it is decided (a status beside "Nog niet besloten" is refused)
    sheet.cell(row=row[0].row, column=decision_col, value="Voorstel aangenomen")
    sheet.cell(row=row[0].row, column=status_col, value="Gereed")
    workbook.save(plan)
    before = first.read_bytes()
    new = tmp_path / "2026.dienstscan"
    assert main(["next-cycle", str(first), "-o", str(new), "--plan", str(plan),
                 "--peildatum", "2026-06-01", *CL]) == 0
    capsys.readouterr()
    assert load_scan(new).action("V-KA-01").status == "gereed"
    assert first.read_bytes() == before  # the previous scan file is left as it was
    assert main(["compare", str(first), str(new), *CL]) == 0
    assert "Acties afgerond tussen beide scans (1)" in capsys.readouterr().out
