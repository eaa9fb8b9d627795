"""Property tests (hypothesis) for the scoring invariants on arbitrary scans."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from scan_factory import ALL_ITEMS, ANT, BSC, FIVE_B, make_assessment, make_checklists

from dienstscan.model import Answer, ScopeExclusion
from dienstscan.scoring import score

CHECKLISTS = make_checklists()
SECTION_IDS = [s.id for f in CHECKLISTS.frameworks for s in f.sections]
FIVE_B_ITEMS = [i.id for i in FIVE_B.all_items()]
SCORED = [i for i in ALL_ITEMS if CHECKLISTS.item(i).scored]


def _options(item_id: str) -> list[str]:
    return [o.id for o in CHECKLISTS.scale_for(item_id).options]


@st.composite
def scans(draw):
    answers = {}
    for item_id in ALL_ITEMS:
        option = draw(st.one_of(st.none(), st.sampled_from(_options(item_id))))
        if option is not None or draw(st.booleans()):
            answers[item_id] = option
    frameworks = draw(st.lists(st.sampled_from(["BSC", "5B", "ANT"]), unique=True, min_size=1))
    scan = make_assessment(answers, frameworks=frameworks)
    for section_id in draw(st.lists(st.sampled_from(SECTION_IDS), unique=True, max_size=2)):
        scan.out_of_scope[section_id] = ScopeExclusion(justification="buiten scope")
    return scan


def _percentages(report):
    for f in report.frameworks:
        for t in [f.tally, *(s.tally for s in f.sections)]:
            yield t.percentage
            yield t.partial_percentage
            yield t.completeness
    yield report.completeness.percentage


def _framework_pct(report, fw_id):
    return next((f.tally.percentage for f in report.frameworks if f.id == fw_id), None)


def _section_pct(report, section_id):
    for f in report.frameworks:
        for s in f.sections:
            if s.id == section_id:
                return s.tally.percentage
    return None


def _set(scan, item_id, option):
    copy = scan.model_copy(deep=True)
    copy.answers[item_id] = Answer(option=option)
    return copy


@settings(max_examples=200, deadline=None)
@given(scans())
def test_percentages_within_0_and_100_and_counts_add_up(scan):
    report = score(CHECKLISTS, scan)
    for pct in _percentages(report):
        assert pct is None or 0.0 <= pct <= 100.0
    for f in report.frameworks:
        t = f.tally
        assert t.applicable + t.not_applicable == t.items
        assert t.full + t.partial <= t.applicable
        assert t.unanswered <= t.applicable
        assert sum(s.tally.items for s in f.sections) <= t.items


@settings(max_examples=200, deadline=None)
@given(scans(), st.sampled_from(SCORED))
def test_implementing_an_item_never_lowers_a_score(scan, item_id):
    full = next(o.id for o in CHECKLISTS.scale_for(item_id).options if o.weight == 1.0)
    fw, section, _ = CHECKLISTS.locate(item_id)
    before = score(CHECKLISTS, scan)
    after = score(CHECKLISTS, _set(scan, item_id, full))
    for get, key in ((_framework_pct, fw.id), (_section_pct, section.id if section else None)):
        if key is None:
            continue
        old, new = get(before, key), get(after, key)
        if old is not None:
            assert new is not None and new >= old - 1e-9


@settings(max_examples=200, deadline=None)
@given(scans(), st.sampled_from(FIVE_B_ITEMS))
def test_not_applicable_never_counts_against(scan, item_id):
    """N/A scores at least as well as unanswered or any non-full answer, for share_full."""
    na = _set(scan, item_id, "niet_van_toepassing")
    fw_na, sec_na = _framework_pct(score(CHECKLISTS, na), "5B"), _section_pct(score(CHECKLISTS, na), item_id[:4])
    for option in [None, "gedeeltelijk", "niet_ingevoerd", "onbekend"]:
        other = score(CHECKLISTS, _set(scan, item_id, option))
        for old, new in ((_framework_pct(other, "5B"), fw_na), (_section_pct(other, item_id[:4]), sec_na)):
            if old is not None and new is not None:
                assert new >= old - 1e-9


@settings(max_examples=200, deadline=None)
@given(scans(), st.sampled_from(FIVE_B_ITEMS))
def test_not_applicable_is_the_same_as_leaving_the_item_out(scan, item_id):
    """An item answered N/A weighs exactly nothing: the score equals that of a list without it."""
    fw, section, _ = CHECKLISTS.locate(item_id)
    if len(section.items) == 1:
        return  # a section needs at least one item; nothing to remove
    with_na = score(CHECKLISTS, _set(scan, item_id, "niet_van_toepassing"))
    smaller_section = section.model_copy(update={"items": [i for i in section.items if i.id != item_id]})
    smaller_fw = fw.model_copy(update={"sections": [smaller_section if s.id == section.id else s for s in fw.sections]})
    smaller = make_checklists([smaller_fw if f.id == fw.id else f for f in (BSC, FIVE_B, ANT)])
    without = score(smaller, scan)
    assert _framework_pct(with_na, fw.id) == _framework_pct(without, fw.id)
    assert _section_pct(with_na, section.id) == _section_pct(without, section.id)
