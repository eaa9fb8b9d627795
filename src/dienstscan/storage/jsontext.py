"""One scan over JSON text's brackets, for the two questions asked of text not yet parsed.

A scan file that stops halfway (``storage.scanfile``: "is it cut off?") and a phone's request body
(``participation.guard``: "does it nest deeper than allowed?", asked before ``json.loads`` can
recurse) both need to know how brackets nest outside strings. Brackets inside strings, including
escaped quotes, do not count.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BracketScan:
    deepest: int
    """How deep arrays and objects nest at the most."""
    open_at_end: int
    """Brackets still open at the end of the text (negative: more closed than opened)."""
    in_string_at_end: bool
    """The text ends inside a string."""
    closed_too_many: bool
    """Somewhere more brackets were closed than opened (not JSON that was cut off)."""


def scan_brackets(text: str) -> BracketScan:
    depth = deepest = 0
    in_string = escaped = closed_too_many = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
            if depth < 0:
                closed_too_many = True
    return BracketScan(deepest, depth, in_string, closed_too_many)


def json_depth(text: str) -> int:
    """How deep arrays and objects nest in ``text``."""
    return scan_brackets(text).deepest


def looks_cut_off(text: str) -> bool:
    """Whether JSON text stops inside a string or with brackets still open."""
    scan = scan_brackets(text)
    return not scan.closed_too_many and (scan.in_string_at_end or scan.open_at_end > 0)
