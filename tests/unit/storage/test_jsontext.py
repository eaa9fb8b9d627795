"""The one bracket scan behind "is this scan cut off?" and "does this body nest too deep?"."""

from __future__ import annotations

import json

import pytest

from dienstscan.storage.jsontext import json_depth, looks_cut_off


@pytest.mark.parametrize(("text", "depth"), [
    ("{}", 1), ("[[[]]]", 3), ('{"a": "[[[[["}', 1), ('{"a": "\\"[[["}', 1), ('"{"', 0), ("42", 0),
    ('{"a": [{"b": [1, 2]}, {"c": {}}]}', 4),
])
def test_depth_counts_brackets_outside_strings_only(text, depth):
    assert json_depth(text) == depth


@pytest.mark.parametrize(("text", "cut"), [
    ('{"a": [1, 2', True), ('{"a": "half', True), ('{"a": "\\"', True), ('{"a": 1}', False),
    ('{"a": 1}}', False), ("]", False), ('{"a": "}"}', False),
])
def test_cut_off_is_an_unclosed_bracket_or_string(text, cut):
    assert looks_cut_off(text) is cut


def test_a_whole_scan_is_not_cut_off_and_every_prefix_that_opens_is():
    text = json.dumps({"organisatie": {"naam": "Gemeente \"Proef\" [test]"}, "antwoorden": [{"id": "A{1}"}]})
    assert not looks_cut_off(text)
    assert all(looks_cut_off(text[:end]) for end in range(1, len(text)))
