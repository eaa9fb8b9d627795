"""The Dutch names of the action fields: one table, complete, and the same word everywhere."""

from __future__ import annotations

from dienstscan.export.excel_plan import FIELD_HEADERS
from dienstscan.model import ACTION_FIELD_LABELS, Action, in_sentence
from dienstscan.storage.messages import field_path


def test_every_action_field_has_a_dutch_name():
    assert set(ACTION_FIELD_LABELS) == set(Action.model_fields)
    assert len(set(ACTION_FIELD_LABELS.values())) == len(ACTION_FIELD_LABELS)  # no two fields share a name


def test_our_words_for_the_fields_that_had_two():
    assert ACTION_FIELD_LABELS["description"] == "Toelichting"
    assert ACTION_FIELD_LABELS["owner"] == "Probleemeigenaar"
    assert ACTION_FIELD_LABELS["act"] == "PDCA-keuze"
    assert ACTION_FIELD_LABELS["act_note"] == "Bijsturing / vervolg"


def test_the_excel_columns_use_the_table():
    assert FIELD_HEADERS == {field: ACTION_FIELD_LABELS[field] for field in FIELD_HEADERS}


def test_error_messages_use_the_table_inside_a_sentence():
    assert field_path(("actions", 2, "owner")) == "acties › nr. 3 › probleemeigenaar"
    assert field_path(("actions", 0, "act")) == "acties › nr. 1 › PDCA-keuze"


def test_in_sentence_keeps_abbreviations():
    assert in_sentence("Probleemeigenaar") == "probleemeigenaar"
    assert in_sentence("PDCA-keuze") == "PDCA-keuze"
    assert in_sentence("ID") == "ID"
