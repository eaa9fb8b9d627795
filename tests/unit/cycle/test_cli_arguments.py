"""Issue 20, class 9: command-line options are checked before anything is written. Dates that do not
exist or lie outside 1900-2199, labels with line breaks or control characters (which would write a
benchmark file its own loader refuses), absurd counts and times: each refused in Dutch, exit 1."""

from __future__ import annotations

import pytest
from cycle_cli import CL, VALID, write_scan

from dienstscan.checklists import ChecklistError, load_checklists
from dienstscan.cli import main


def _refused(capsys, argv, *needles):
    capsys.readouterr()
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith("Fout: ") and "Traceback" not in err
    for needle in needles:
        assert needle in err, err
    return err


@pytest.mark.parametrize("datum,reason", [
    ("2026-02-30", "'2026-02-30' bestaat niet als datum"),
    ("2026-13", "geen geldige maand (13)"),
    ("2026-00-10", "geen geldige maand (0)"),
    ("0000", "het jaar 0 ligt buiten 1900-2199"),
    ("9999-12-31", "het jaar 9999 ligt buiten"),
    ("2026-2-3", "geen datum in de vorm JJJJ, JJJJ-MM of JJJJ-MM-DD"),
    ("1-3-2026", "geen datum in de vorm"),
])
def test_benchmark_datum_must_exist(tmp_path, capsys, datum, reason):
    scan = write_scan(tmp_path, "a.dienstscan", "Gemeente A", "niet")
    out = tmp_path / "bm.yaml"
    _refused(capsys, ["benchmark", str(scan), "-o", str(out), "--datum", datum, *CL], "--datum: ", reason)
    assert not out.exists()


@pytest.mark.parametrize("label", ["Regio\nNoord", "Regio\tNoord", "Regio\x1b[31m", "Regio\u2028Noord", "x" * 201,
                                   "Regio\rNoord", "Regio\x00"])
def test_benchmark_label_with_control_characters_is_refused(tmp_path, capsys, label):
    scan = write_scan(tmp_path, "a.dienstscan", "Gemeente A", "niet")
    out = tmp_path / "bm.yaml"
    _refused(capsys, ["benchmark", str(scan), "-o", str(out), "--label", label, *CL], "het label (--label)")
    assert not out.exists()


@pytest.mark.parametrize("label", ['Regio "Noord": 2026 # eerste', "Zuid-Holland – ‘t Gooi & Co", "  spaties  "])
def test_an_awkward_label_writes_a_file_its_own_loader_reads(tmp_path, capsys, label):
    scans = [write_scan(tmp_path, f"{n}.dienstscan", f"Gemeente {n}", "niet" if n % 2 else "toegepast")
             for n in range(3)]
    out = tmp_path / "bm.yaml"
    assert main(["benchmark", *map(str, scans), "-o", str(out), "--label", label, "--datum", "2026-03", *CL]) == 0
    loaded = load_checklists(VALID, extra_benchmarks=[out])
    own = [b for b in loaded.benchmarks if label.strip() in b.label]
    assert own and all(b.date == "2026-03" for b in own)


@pytest.mark.parametrize("peildatum,needle", [("0001-01-01", "ligt buiten de jaren 1900-2199"),
                                              ("2026-02-30", "is geen datum"),
                                              ("morgen", "is geen datum")])
def test_next_cycle_peildatum_is_checked(tmp_path, capsys, peildatum, needle):
    first = write_scan(tmp_path, "a.dienstscan", "Gemeente A", "niet")
    out = tmp_path / "b.dienstscan"
    _refused(capsys, ["next-cycle", str(first), "-o", str(out), "--peildatum", peildatum, *CL], needle)
    assert not out.exists()


@pytest.mark.parametrize("argv,needle", [
    (["--aantal", "0"], "kies een aantal van 1 tot en met 500"),
    (["--aantal", "-3"], "kies een aantal van 1 tot en met 500"),
    (["--aantal", "1000000"], "kies een aantal van 1 tot en met 500"),
    (["--deelnemer", "Jan\nPiet"], "mag geen regeleinden"),
    (["--deelnemer", "   "], "--deelnemer mag niet leeg zijn"),
    (["--deelnemer", "x" * 300], "is te lang"),
])
def test_forms_options_are_checked(tmp_path, capsys, argv, needle):
    scan = write_scan(tmp_path, "a.dienstscan", "Gemeente A", "niet")
    folder = tmp_path / "f"
    folder.mkdir()
    _refused(capsys, ["formulieren", str(scan), "-o", str(folder), *argv, *CL], needle)
    assert not list(folder.iterdir())


@pytest.mark.parametrize("seconds", ["nan", "inf", "-1", "1e9"])
def test_gui_quit_timer_is_checked_before_the_gui_starts(capsys, seconds):
    _refused(capsys, ["gui", "--afsluiten-na", seconds], "geef een aantal seconden van 0 tot en met 86400")


def test_a_benchmark_date_that_does_not_exist_in_a_checklist_is_named(checklist_copy):
    path = checklist_copy / "benchmarks.yaml"
    text = path.read_text(encoding="utf-8")
    first_date = text.index("date: ")
    end = text.index("\n", first_date)
    path.write_text(text[:first_date] + 'date: "2011-02-30"' + text[end:], encoding="utf-8")
    with pytest.raises(ChecklistError) as caught:
        load_checklists(checklist_copy)
    assert any("'2011-02-30' bestaat niet als datum" in str(p) and "benchmarks.yaml, regel" in str(p)
               for p in caught.value.problems)


@pytest.fixture
def checklist_copy(tmp_path):
    import shutil

    target = tmp_path / "checklists"
    shutil.copytree(VALID, target)
    return target
