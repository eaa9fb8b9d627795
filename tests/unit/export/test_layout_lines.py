"""``lines_needed`` (the row heights of every wrapped cell in the Excel plan) measures line by line;
it gives what the rule says word by word: as many words on a line as fit with one space between
them, a word longer than a line broken into whole lines, its last piece starting the next line."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dienstscan.export.common.layout import CELL_PADDING, CHARS_PER_WIDTH, fit_rows, lines_needed


def word_by_word(text: str, width: float) -> int:
    """The rule, one word at a time."""
    per_line = max(1, int((width - CELL_PADDING) * CHARS_PER_WIDTH))
    total = 0
    for paragraph in text.split("\n"):
        lines, used = 1, 0
        for word in paragraph.split():
            if used and used + 1 + len(word) <= per_line:
                used += 1 + len(word)
                continue
            if used:
                lines += 1
            lines += (len(word) - 1) // per_line
            used = len(word) % per_line or per_line
        total += lines
    return total


TEXT = st.text(alphabet=st.sampled_from(list("ab cdefghij\n\t\u00a0é")), max_size=160)
WIDTH = st.one_of(st.sampled_from([0, 1, 2.5, 3, 4, 8, 10, 12.5, 25, 40]), st.floats(min_value=0, max_value=60))


@settings(max_examples=400, deadline=None)
@given(TEXT, WIDTH)
def test_lines_needed_is_the_rule_word_by_word(text, width):
    assert lines_needed(text, width) == word_by_word(text, width)


def test_long_words_and_lines():
    assert lines_needed("x" * 25 + " y", 10) == 3  # 9 a line: 9, 9, then "xxxxxxx y"
    assert lines_needed("x" * 27 + " yy", 10) == 4  # three whole lines, "yy" on the fourth
    assert lines_needed("aaaa   bbbb", 10) == 1  # spaces count once
    assert lines_needed(" ".join(["woord"] * 40), 40) == word_by_word(" ".join(["woord"] * 40), 40) == 6  # 7 a line (44 characters)


def test_fit_rows_sets_the_tallest_cell_of_each_row():
    from openpyxl import Workbook

    ws = Workbook().active
    ws.row_dimensions[3].hidden = True  # a row dimension set before keeps what it had
    rows = [["kort", "kort"], ["een tekst die over meer regels loopt dan de andere", "x"], ["a\nb\nc", None]]
    fit_rows(ws, 1, 3, {1: 10, 2: 30}, values=rows)
    assert ws.row_dimensions[1].height is None
    assert ws.row_dimensions[2].height == 14.5 * word_by_word(rows[1][0], 10) + 2
    assert ws.row_dimensions[3].height == 14.5 * 3 + 2 and ws.row_dimensions[3].hidden
