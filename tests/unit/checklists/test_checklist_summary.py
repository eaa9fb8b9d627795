"""The Dutch summary of loaded checklists and its helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

from dienstscan.checklists import describe, load_checklists
from dienstscan.checklists.summary import benchmark_value, count, framework_line, plural


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Norm", "normen"),
        ("Instrument", "instrumenten"),
        ("Stelling", "stellingen"),
        ("Belofte", "beloften"),
        ("Bouwsteen", "bouwstenen"),
        ("Item", "items"),
        ("Vraag", "vragen"),
        ("Maatregel", "maatregelen"),
        ("Rubriek", "rubrieken"),
    ],
)
def test_plural(word: str, expected: str) -> None:
    assert plural(word) == expected


def test_count_uses_singular_for_one() -> None:
    assert count(1, "Norm") == "1 norm"
    assert count(10, "Norm") == "10 normen"
    assert count(0, "Belofte") == "0 beloften"


def test_framework_lines(valid_dir: Path) -> None:
    checklists = load_checklists(valid_dir)
    ka, kb = checklists.frameworks
    assert framework_line(ka) == "Testcode (TC, versie 1.0): 2 normen"
    assert framework_line(kb) == (
        'Testantwoord (TA, versie 2007): 1 organisatiebreed item ("In welke fase zit uw dienstverlening?") '
        "en 2 bouwstenen met 3 stellingen"
    )
    only_sections = kb.model_copy(update={"items": [], "title": "TA", "short_title": "TA"})
    assert framework_line(only_sections) == "TA (versie 2007): 2 bouwstenen met 3 stellingen"


def test_benchmark_values_have_their_unit(valid_dir: Path) -> None:
    checklists = load_checklists(valid_dir)
    values = [benchmark_value(checklists, b) for b in checklists.benchmarks]
    assert values == ["85%", "80%", "15 minuten", "50%"]


def test_describe_lists_key_figures_and_benchmarks(valid_dir: Path) -> None:
    text = describe(load_checklists(valid_dir), valid_dir)
    assert text.splitlines()[0] == f"Checklists in {valid_dir}: 6 bestanden, geen fouten gevonden."
    assert "Thema's (2): Visie op dienstverlening, Klantcontactcentrum" in text
    assert "Kengetallen (2):\n  kg-eerste-contact: Vragen direct beantwoord bij eerste contact (%; hoger is beter)\n" in text
    assert "  kg-wachttijd: Gemiddelde wachttijd aan de balie (minuten; lager is beter)" in text
    # every benchmark says its kind, a goal its year
    assert "  Gemiddelde wachttijd aan de balie ≤ 15 minuten: de VNG-norm, norm (test.txt; 2011-03)" in text
    assert "  TA, Producten en kanalen ≥ 50%: Bergen in 2011, referentieniveau (test.txt; 2011-07-05)" in text
    assert "≥ 80%: Antwoord©, historisch doel voor 2015 (test.txt, 4.2; 2007-01-15)" in text
