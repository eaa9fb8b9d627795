"""One way to name a section (``section_heading``), and one value per answer (``ScaleOption.value``)."""

from __future__ import annotations

from dienstscan.model import ScaleOption, section_heading


def test_with_the_framework_label():
    assert section_heading(2, "Regie", "Belofte") == "Belofte 2: Regie"


def test_without_a_label_the_number_leads():
    assert section_heading(2, "Regie") == "2. Regie"


def test_an_unnumbered_section_is_its_title_with_or_without_label():
    assert section_heading(None, "Regie", "Belofte") == "Regie"
    assert section_heading(None, "Regie") == "Regie"


def test_section_heading_method_agrees(checklists):
    first = checklists.framework("A")
    assert first.sections[0].heading(first.section_label) == "Belofte 1: Regie"
    assert first.sections[0].heading() == "1. Regie"
    assert first.sections[1].heading(first.section_label) == "Zonder nummer"


def test_an_answer_value_is_its_level_else_its_weight():
    assert ScaleOption(id="fase_3", label="Fase 3", level=3, weight=None).value == 3.0
    assert ScaleOption(id="niveau_2", label="Niveau 2", level=2, weight=0.5).value == 2.0
    assert ScaleOption(id="deels", label="Deels", weight=0.5).value == 0.5
    assert ScaleOption(id="nvt", label="Niet van toepassing", weight=None).value is None
