"""The one rule for "counts in this scan": ``Assessment.in_scope`` and ``items_in_scope``."""

from __future__ import annotations

from dienstscan.model import ScopeExclusion, items_in_scope


def _ids(checklists, scan) -> list[str]:
    return [item.id for _, _, item in items_in_scope(checklists, scan)]


def test_everything_chosen_is_in_scope_in_checklist_order(checklists, scan):
    assert scan.in_scope("A") and scan.in_scope("A", "A-1") and scan.in_scope("B")
    assert _ids(checklists, scan) == ["A-0", "A-1.1", "A-1.2", "A-2.1", "B-0"]


def test_a_framework_not_chosen_is_out_with_its_sections(checklists, scan):
    scan.frameworks = ["B"]
    assert not scan.in_scope("A")
    assert not scan.in_scope("A", "A-1")  # a section of a framework not chosen never counts
    assert _ids(checklists, scan) == ["B-0"]


def test_an_excluded_framework_is_out_even_when_chosen(checklists, scan):
    scan.out_of_scope["A"] = ScopeExclusion(justification="Niet van toepassing op ons")
    assert "A" in scan.frameworks
    assert not scan.in_scope("A") and not scan.in_scope("A", "A-2")
    assert _ids(checklists, scan) == ["B-0"]


def test_an_excluded_section_leaves_the_rest_of_its_framework(checklists, scan):
    scan.out_of_scope["A-1"] = ScopeExclusion(justification="Uitbesteed")
    assert scan.in_scope("A") and not scan.in_scope("A", "A-1") and scan.in_scope("A", "A-2")
    assert _ids(checklists, scan) == ["A-0", "A-2.1", "B-0"]


def test_walk_yields_every_item_with_its_place(checklists):
    placed = [(fw.id, section.id if section else None, item.id) for fw, section, item in checklists.walk()]
    assert placed == [("A", None, "A-0"), ("A", "A-1", "A-1.1"), ("A", "A-1", "A-1.2"), ("A", "A-2", "A-2.1"),
                      ("B", None, "B-0")]
    assert checklists.locate("A-1.2")[1].id == "A-1"
