"""``dienstscan validate [MAP]``: the summary and exit 0, or every problem and exit 1, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dienstscan.cli import main


def test_valid_folder_prints_the_summary(valid_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(valid_dir)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert f"Checklists in {valid_dir}: 6 bestanden, geen fouten gevonden." in out
    assert "Kaders (2):" in out
    assert "  Testcode (TC, versie 1.0): 2 normen\n" in out
    assert (
        '  Testantwoord (TA, versie 2007): 1 organisatiebreed item ("In welke fase zit uw dienstverlening?") '
        "en 2 bouwstenen met 3 stellingen\n"
    ) in out
    assert "Antwoordschalen (3): toepassing, groeifase, fase" in out
    assert "Benchmarks (4):" in out
    assert "  TC ≥ 85%: de top-10 gemeenten, referentieniveau (test.txt, 4.5; 2011)" in out


def test_without_map_uses_the_default_folder(
    valid_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DIENSTSCAN_CHECKLISTS", str(valid_dir))
    assert main(["validate"]) == 0
    assert "Kaders (2):" in capsys.readouterr().out


def test_invalid_folder_prints_every_problem(overlay, capsys: pytest.CaptureFixture[str]) -> None:
    folder = overlay("many")
    assert main(["validate", str(folder)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert lines[0] == f"De checklists in {folder} bevatten 8 fouten:"
    assert len(lines) == 9
    assert "  checklists/kader-a.yaml, regel 9: schaal 'toepassing2' bestaat niet (bedoelt u 'toepassing'?)" in lines
    assert "  checklists/kader-b.yaml, regel 23: onbekende sleutel 'titel' (bedoelt u 'title'?)" in lines


def test_one_problem_is_singular(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nergens"
    assert main(["validate", str(missing)]) == 1
    err = capsys.readouterr().err
    assert err == f"De checklists in {missing} bevatten 1 fout:\n  {missing}: de map bestaat niet\n"


@pytest.mark.parametrize("case", ["syntax", "encoding", "empty", "duplicate-key", "unquoted-id", "not-a-mapping"])
def test_bad_input_never_shows_a_traceback(case: str, overlay) -> None:
    folder = overlay(case)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(
        [sys.executable, "-m", "dienstscan", "validate", str(folder)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"De checklists in {folder} bevatten")
    assert ", regel " in result.stderr or ": het bestand is leeg" in result.stderr


def test_benchmark_without_kind_and_key_figure_without_direction(valid_dir, tmp_path, capsys):
    """Bad input of issue 15: a Dutch error with file and line from ``dienstscan validate``."""
    import shutil

    folder = tmp_path / "checklists"
    shutil.copytree(valid_dir, folder)
    bench = folder / "benchmarks.yaml"
    bench.write_text(bench.read_text(encoding="utf-8").replace('    kind: "referentie"\n', "", 1), encoding="utf-8")
    figures = folder / "kengetallen.yaml"
    figures.write_text(figures.read_text(encoding="utf-8").replace('    direction: "lower_is_better"\n', ""),
                       encoding="utf-8")
    assert main(["validate", str(folder)]) == 1
    err = capsys.readouterr()
    text = err.out + err.err
    assert "benchmarks.yaml, regel 2: verplicht veld 'kind' ontbreekt: de soort benchmark bepaalt" in text
    assert "'norm'" in text and "'referentie'" in text and "'belofte'" in text and "'doel'" in text
    assert "kengetallen.yaml, regel 9: verplicht veld 'direction' ontbreekt" in text
