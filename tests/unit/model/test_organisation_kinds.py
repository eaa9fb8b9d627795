"""Items that apply to some kinds of organisation only (issue 26): the reason goes with the kinds,
the scale must offer *Niet van toepassing*, and a new scan answers them so for the other kinds."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest
from pydantic import ValidationError

from dienstscan.checklists import ChecklistError, load_checklists
from dienstscan.model import Answer, Assessment, Item, Organisation, answer_not_applicable


@pytest.fixture(scope="module")
def shipped():
    return load_checklists()


def _item(**kw) -> Item:
    base = dict(id="X-1", text="t", source={"document": "d"}, theme="digitaal", suggested_action="a")
    return Item.model_validate({**base, **kw})


def test_kinds_need_a_reason_and_a_reason_needs_kinds():
    with pytest.raises(ValidationError, match="not_applicable_reason"):
        _item(applies_to=["gemeente"])
    with pytest.raises(ValidationError, match="hoort alleen bij een item met 'applies_to'"):
        _item(not_applicable_reason="waarom")
    with pytest.raises(ValidationError):
        _item(applies_to=["gemeentes"], not_applicable_reason="typo in the kind")
    ok = _item(applies_to=["gemeente"], not_applicable_reason="alleen gemeenten")
    assert ok.applies_to_kind("gemeente") and not ok.applies_to_kind("ministerie")
    assert _item().applies_to_kind("ministerie")   # no kinds: every kind


def test_the_shipped_kinds(shipped):
    na = {item.id: reason for item, reason in shipped.not_applicable_items("ministerie", ["DO26", "BSC"])}
    assert set(na) == {"DO26-2.03", "DO26-2.04", "DO26-4.05"}
    assert "Omgevingswet" in na["DO26-2.04"] and "Gemeentewet" in na["DO26-4.05"]
    assert not shipped.not_applicable_items("gemeente", ["DO26"])
    assert [i.id for i, _ in shipped.not_applicable_items("provincie", ["DO26"])] == ["DO26-2.03"]
    assert not shipped.not_applicable_items("ministerie", ["BSC"])   # only frameworks in the scan


def test_a_new_scan_answers_them_not_applicable_with_the_reason(shipped):
    scan = Assessment(organisation=Organisation(name="Ministerie van Proef", kind="ministerie"),
                      peildatum=dt.date(2026, 12, 1), frameworks=["BSC", "DO26"])
    scan.answers["DO26-2.04"] = Answer(option="ingevoerd")   # answered already: left alone
    done = answer_not_applicable(shipped, scan)
    assert done == ["DO26-2.03", "DO26-4.05"]
    for item_id in done:
        answer = scan.answers[item_id]
        assert answer.option == "nvt"
        assert answer.explanation == shipped.item(item_id).not_applicable_reason
    assert scan.answers["DO26-2.04"].option == "ingevoerd"
    assert answer_not_applicable(shipped, scan) == []   # a second run changes nothing


def test_a_kind_limited_item_on_a_scale_without_not_applicable_is_refused(tmp_path, shipped):
    for name in ("scales.yaml", "themes.yaml"):
        (tmp_path / name).write_text((shipped_dir() / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "k.yaml").write_text(textwrap.dedent("""\
        framework:
          id: "K"
          title: "Kader"
          short_title: "K"
          version: "1"
          description: "Een kader."
          source: {document: "d"}
          scale: "toepassing"
          items:
            - id: "K-1"
              text: "Alleen voor gemeenten"
              source: {document: "d"}
              theme: "digitaal"
              suggested_action: "Doe het."
              applies_to: ["gemeente"]
              not_applicable_reason: "Alleen gemeenten doen dit."
        """), encoding="utf-8")
    assert shipped.scales["toepassing"].not_applicable_option() is None   # the BSC scale has none
    with pytest.raises(ChecklistError) as info:
        load_checklists(tmp_path)
    text = str(info.value)
    assert "K-1" in text and "geen antwoord 'nvt'" in text and "k.yaml" in text and "regel 10" in text


def shipped_dir():
    from dienstscan.resources import checklist_dir
    return checklist_dir()
