"""Each domain rule has one home; these searches over ``src/`` keep the old copies from coming back.

A hit outside the home means someone wrote the rule again instead of calling it: call the home
(named in each message) instead.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import dienstscan

PACKAGE = Path(dienstscan.__file__).resolve().parent

#: (what, pattern, the one file allowed to match, where to look instead)
RULES = [
    ("in scope: a definition", re.compile(r"def _?(items_)?in_scope\("), "model/assessment.py",
     "Assessment.in_scope / model.items_in_scope"),
    ("in scope: testing membership of out_of_scope", re.compile(r"\bin\s+[\w.]*out_of_scope\b(?![.\w])"),
     "model/assessment.py", "Assessment.in_scope"),
    ("section heading", re.compile(r"number\}[^\"'\n]*\{[\w.]*title\}"), "model/checklist.py",
     "model.section_heading / Section.heading"),
    ("visible actions: a definition", re.compile(r"def visible_actions\("), "plan/visibility.py",
     "plan.visible_actions / plan.is_visible"),
    ("visible actions: rejected and merged tested together",
     re.compile(r"afgewezen.*merged_into|merged_into.*afgewezen"), "plan/visibility.py", "plan.is_visible"),
    ("action field labels", re.compile(r"[\"'](owner|act_note|description)[\"']\s*:\s*[\"']"), "model/assessment.py",
     "model.ACTION_FIELD_LABELS"),
]


def _sources() -> list[tuple[str, list[str]]]:
    return [(p.relative_to(PACKAGE).as_posix(), p.read_text(encoding="utf-8").splitlines())
            for p in sorted(PACKAGE.rglob("*.py"))]


@pytest.mark.parametrize(("what", "pattern", "home", "instead"), RULES, ids=[r[0] for r in RULES])
def test_one_home(what, pattern, home, instead):
    hits = [f"{path}:{n}: {line.strip()}" for path, lines in _sources() if path != home
            for n, line in enumerate(lines, start=1) if pattern.search(line)]
    assert hits == [], f"{what} is written again; use {instead}:\n" + "\n".join(hits)
    assert any(pattern.search(line) for line in dict(_sources())[home]), f"{what}: the home {home} lost it"


def test_the_searches_find_the_old_copies():
    """Each pattern matches the copy it replaced, so a passing search is not an empty one."""
    old = {
        "in scope: a definition": "def _in_scope(assessment: Assessment, fw: Framework, section_id) -> bool:",
        "in scope: testing membership of out_of_scope": "    if fw.id in assessment.out_of_scope:",
        "section heading": '            "title": f"{s.number}. {s.title}" if s.number is not None else s.title,',
        "visible actions: a definition": "def visible_actions(assessment: Assessment) -> list[Action]:",
        "visible actions: rejected and merged tested together":
            '        if a.decision != "afgewezen" and not a.gap_closed and a.merged_into is None]',
        "action field labels": '    "owner": "eigenaar",',
    }
    for what, pattern, _home, _instead in RULES:
        assert pattern.search(old[what]), what
    assert not RULES[1][1].search("    for scope_id, exclusion in previous.out_of_scope.items():")
