"""The one rule for text that XML cannot carry, used by every writer (Excel plan, workshop
forms, Word report, HTML and PDF report).

XML 1.0 allows no C0 control characters other than tab, line feed and carriage return, no lone
surrogates and not the noncharacters U+FFFE and U+FFFF; openpyxl and lxml refuse a whole file
over one of them (a note pasted from another program, a byte-order mark read the wrong way).
The rule: a vertical tab (Word's line break inside a paragraph) becomes a line break; every
other such character is removed. Nothing else changes, so text that had none reads back
identical, and the plan's read-back compares with the same rule (``layout.clean``), so a text
that lost such a character does not count as edited.
"""

from __future__ import annotations

import re
from typing import Any

#: What XML 1.0 cannot carry (the C0 controls but tab/LF/CR, surrogates, U+FFFE, U+FFFF).
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters XML cannot carry (a vertical tab becomes a line break)."""
    if XML_ILLEGAL.search(text) is None:
        return text
    return XML_ILLEGAL.sub("", text.replace("\x0b", "\n"))


def xml_tree(value: Any) -> Any:
    """``xml_text`` applied to every string in nested dicts, lists and tuples."""
    if isinstance(value, str):
        return xml_text(value)
    if isinstance(value, dict):
        return {k: xml_tree(v) for k, v in value.items()}
    if isinstance(value, list):
        return [xml_tree(v) for v in value]
    if isinstance(value, tuple):
        return tuple(xml_tree(v) for v in value)
    return value
