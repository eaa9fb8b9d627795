"""Refusals of a scan's content say what to do (issue 29.7): lone surrogates, NaN key figures and
duplicate action ids named with the place and the way out."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from dienstscan.storage import RepairableScanError, ScanFileError, read_scan

VALID = Path(__file__).resolve().parents[2] / "fixtures" / "scans" / "valid_v2.dienstscan"


def _scan(tmp_path, change) -> Path:
    document = json.loads(VALID.read_text(encoding="utf-8"))
    text = change(document)
    path = tmp_path / "scan.dienstscan"
    path.write_text(text if isinstance(text, str) else json.dumps(document), encoding="utf-8")
    return path


def test_a_lone_surrogate_is_named_with_its_place_and_the_remedy(tmp_path):
    def change(document):
        document["scan"]["organisation"]["name"] = "MARK"
        return json.dumps(document).replace("MARK", "Gem\\ud83deente")

    error = pytest.raises(ScanFileError, read_scan, _scan(tmp_path, change)).value
    text = str(error)
    assert "organisatie › naam: bevat een ongeldig teken (teken nr. 4, U+D83D)" in text
    assert "haal het weg met een teksteditor" in text and "Wat u kunt doen" in text and ".bak" in text


def test_a_nan_key_figure_says_what_to_put_instead(tmp_path):
    def change(document):
        document["scan"]["key_figures"] = {"fcr": {"value": float("nan")}}

    text = str(pytest.raises(ScanFileError, read_scan, _scan(tmp_path, change)).value)
    assert "kengetallen › 'fcr' › waarde: moet een eindig getal zijn" in text
    assert "vervang het door een getal, of door null" in text and "Wat u kunt doen" in text


def test_duplicate_ids_point_to_herstellen_en_openen(tmp_path):
    def change(document):
        document["scan"]["actions"].append(dict(document["scan"]["actions"][0]))

    error = pytest.raises(RepairableScanError, read_scan, _scan(tmp_path, change)).value
    assert "staat 2 keer in het plan" in str(error) and "kies 'Herstellen en openen'" in str(error)
