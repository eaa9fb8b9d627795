"""Fixtures for the model tests: two tiny frameworks, one with numbered sections, and a scan."""

from __future__ import annotations

import datetime as dt

import pytest

from dienstscan.model import (
    Assessment,
    ChecklistSet,
    Framework,
    Item,
    Organisation,
    Scale,
    ScaleOption,
    Section,
    SourceRef,
    Theme,
)

_SRC = SourceRef(document="bron.txt")


def _item(item_id: str) -> Item:
    return Item(id=item_id, text=f"Item {item_id}", source=_SRC, theme="visie", suggested_action="Doe iets.")


@pytest.fixture
def checklists() -> ChecklistSet:
    scale = Scale(id="ja_nee", label="Ja/nee", options=[ScaleOption(id="ja", label="Ja", weight=1.0)])
    first = Framework(
        id="A", title="Kader A", short_title="A", version="1", description="Eerste kader.", source=_SRC,
        scale="ja_nee", section_label="Belofte", items=[_item("A-0")],
        sections=[Section(id="A-1", title="Regie", number=1, items=[_item("A-1.1"), _item("A-1.2")]),
                  Section(id="A-2", title="Zonder nummer", items=[_item("A-2.1")])],
    )
    second = Framework(
        id="B", title="Kader B", short_title="B", version="1", description="Tweede kader.", source=_SRC,
        scale="ja_nee", items=[_item("B-0")],
    )
    return ChecklistSet(frameworks=[first, second], scales={"ja_nee": scale},
                        themes={"visie": Theme(id="visie", label="Visie")}, benchmarks=[], key_figures={})


@pytest.fixture
def scan() -> Assessment:
    return Assessment(organisation=Organisation(name="Gemeente Test"), peildatum=dt.date(2026, 1, 1),
                      frameworks=["A", "B"])
