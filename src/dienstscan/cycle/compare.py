"""Compare two scans of one organisation: what moved between the baseline and the current scan.

``compare_scans(checklists, baseline, current)`` scores both scans with
``dienstscan.scoring.score`` against the checklists loaded now and reports, per framework, per
section and per item, whether it got better, worse, stayed the same, is new or is gone; which plan
actions were completed (or cancelled) in between; and the dates of both scans.
The Excel *Voortgang* sheet, the report, the dashboard and ``dienstscan compare`` word the same
``Comparison`` (``export.common.progress``, ``cli_tables``).

Decisions:

- Items are matched by id. A scan answered against another checklist version is compared item
  by item where the ids match; an answer to an id the checklists do not have, or an option the
  item's scale does not know, is listed in ``not_comparable`` with the reason, never dropped.
- An item's value is the level of its option when the scale has levels (fases, groeifases),
  otherwise the option's weight. *new*: it has a value now but had none (unanswered, out of scope,
  not applicable); *gone*: the other way round; items without a value in either scan are left out.
- A framework or section is compared on its headline score (percentage); a difference that
  disappears at one decimal, as shown, is *same*.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from ..model.assessment import Action, Assessment
from ..model.checklist import ChecklistSet, Framework, Item, Section
from ..scoring import FrameworkScore, ScoreReport, score
from ..scoring import display, dutch

Change = Literal["better", "worse", "same", "new", "gone"]
CHANGE_LABELS: dict[str, str] = {
    "better": "beter",
    "worse": "slechter",
    "same": "gelijk",
    "new": "nieuw",
    "gone": "vervallen",
}
CHANGES: tuple[Change, ...] = ("better", "worse", "same", "new", "gone")


class _Cmp(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class ScoreChange(_Cmp):
    """A framework's or section's headline score in both scans."""

    id: str
    title: str
    baseline: float | None
    current: float | None
    #: current - baseline in percentage points, when both have a score.
    delta: float | None
    change: Change | None
    #: The top of the growth scale when the score is a mean level (Antwoord), so it reads as a
    #: level, never a percentage (``scoring.display``); None for a share.
    level_top: int | None = None


class ItemChange(_Cmp):
    item_id: str
    text: str
    section_id: str | None
    baseline_option: str | None
    #: The option's label, or why there is no value ("niet beantwoord", "buiten scope" ...).
    baseline_text: str
    current_option: str | None
    current_text: str
    change: Change


class FrameworkComparison(_Cmp):
    id: str
    title: str
    short_title: str
    score: ScoreChange
    sections: list[ScoreChange]
    items: list[ItemChange]
    #: change -> number of items with that change.
    counts: dict[str, int]


class NotComparable(_Cmp):
    item_id: str
    #: "basis", "huidig" or "beide": in which scan the answer does not fit.
    scan: Literal["basis", "huidig", "beide"]
    reason: str


class ActionProgress(_Cmp):
    id: str
    title: str
    item_id: str | None
    baseline_status: str | None
    current_status: str


class Comparison(_Cmp):
    organisation: str
    baseline_id: str
    current_id: str
    baseline_date: str
    current_date: str
    frameworks: list[FrameworkComparison]
    not_comparable: list[NotComparable]
    #: Actions whose status became *gereed* between the two scans (or that are new and gereed).
    completed_actions: list[ActionProgress]
    cancelled_actions: list[ActionProgress]
    #: Action ids in the current plan that the baseline did not have.
    new_actions: list[str]
    #: Action ids of the baseline that the current plan no longer has.
    removed_actions: list[str]
    #: Dutch notes: checklist versions, dates in the wrong order, another organisation ...
    notes: list[str]


# --------------------------------------------------------------------------------- helpers


def _side(checklists: ChecklistSet, scan: Assessment, fw: Framework, section: Section | None,
          item: Item) -> tuple[str | None, str, float | None, bool]:
    """(option id, text, value, option unknown) of one item in one scan."""
    if not scan.in_scope(fw.id, section.id if section else None):
        return None, "buiten scope", None, False
    answer = scan.answers.get(item.id)
    if answer is None or answer.option is None:
        return None, "niet beantwoord", None, False
    option = checklists.scale_for(item.id).option(answer.option)
    if option is None:
        return answer.option, f"onbekend antwoord '{answer.option}'", None, True
    return option.id, option.label, option.value, False


def _change(before: float | None, after: float | None) -> Change | None:
    if before is None and after is None:
        return None
    if before is None:
        return "new"
    if after is None:
        return "gone"
    b, a = dutch.display_round(before, 4), dutch.display_round(after, 4)
    if a > b:
        return "better"
    if a < b:
        return "worse"
    return "same"


def _score_change(id_: str, title: str, before: float | None, after: float | None,
                  level_top: int | None = None) -> ScoreChange:
    delta = after - before if before is not None and after is not None else None
    change = _change(before, after)
    if change in ("better", "worse") and _shown(before, level_top) == _shown(after, level_top):
        change = "same"  # differs only beyond what is shown
    return ScoreChange(id=id_, title=title, baseline=before, current=after, delta=delta, change=change,
                       level_top=level_top)


def _shown(percentage: float, level_top: int | None) -> float:
    """A score as every output shows it: a whole percentage, or a level with one decimal."""
    if level_top:
        return display.level_value(percentage / 100.0 * level_top)
    return display.share_value(percentage)


def _framework_scores(report: ScoreReport) -> dict[str, FrameworkScore]:
    return {f.id: f for f in report.frameworks}


def _progress(action: Action, before: Action | None) -> ActionProgress:
    return ActionProgress(id=action.id, title=action.title, item_id=action.item_id,
                          baseline_status=before.status if before is not None else None,
                          current_status=action.status)


# --------------------------------------------------------------------------------- compare


def compare_scans(checklists: ChecklistSet, baseline: Assessment, current: Assessment) -> Comparison:
    """What changed from ``baseline`` to ``current``; both scans are left unchanged."""
    report_b = _framework_scores(score(checklists, baseline))
    report_c = _framework_scores(score(checklists, current))
    notes: list[str] = []
    not_comparable: list[NotComparable] = []

    frameworks: list[FrameworkComparison] = []
    for fw in checklists.frameworks:
        fb, fc = report_b.get(fw.id), report_c.get(fw.id)
        in_b = fw.id in baseline.frameworks
        in_c = fw.id in current.frameworks
        if not in_b and not in_c:
            continue
        level_top = (fc or fb).tally.level_top if (fc or fb) else None
        fw_change = _score_change(fw.id, fw.title, fb.tally.percentage if fb else None,
                                  fc.tally.percentage if fc else None, level_top)
        sec_b = {s.id: s for s in fb.sections} if fb else {}
        sec_c = {s.id: s for s in fc.sections} if fc else {}
        sections = []
        for section in fw.sections:
            sb, sc = sec_b.get(section.id), sec_c.get(section.id)
            if sb is None and sc is None:
                continue
            sections.append(_score_change(section.id, section.heading(fw.section_label),
                                          sb.tally.percentage if sb else None,
                                          sc.tally.percentage if sc else None, level_top))
        items: list[ItemChange] = []
        located = [(None, item) for item in fw.items] + [(s, item) for s in fw.sections for item in s.items]
        for section, item in located:
            opt_b, text_b, val_b, unknown_b = _side(checklists, baseline, fw, section, item)
            opt_c, text_c, val_c, unknown_c = _side(checklists, current, fw, section, item)
            if unknown_b or unknown_c:
                which = "beide" if unknown_b and unknown_c else ("basis" if unknown_b else "huidig")
                parts = []
                if unknown_b:
                    parts.append(f"in de basisscan '{opt_b}'")
                if unknown_c:
                    parts.append(f"in de huidige scan '{opt_c}'")
                scale = checklists.scale_for(item.id)
                not_comparable.append(NotComparable(
                    item_id=item.id, scan=which,
                    reason=f"het antwoord ({dutch.join_and(parts)}) staat niet op de schaal '{scale.label}'",
                ))
                continue
            change = _change(val_b, val_c)
            if change is None:
                continue
            items.append(ItemChange(
                item_id=item.id, text=item.text, section_id=section.id if section else None,
                baseline_option=opt_b, baseline_text=text_b, current_option=opt_c, current_text=text_c,
                change=change,
            ))
        counts = {c: sum(1 for i in items if i.change == c) for c in CHANGES}
        frameworks.append(FrameworkComparison(
            id=fw.id, title=fw.title, short_title=fw.short_title, score=fw_change,
            sections=sections, items=items, counts=counts,
        ))

    unknown_b = {i for i in baseline.answers if not checklists.has_item(i)}
    unknown_c = {i for i in current.answers if not checklists.has_item(i)}
    for item_id in sorted(unknown_b | unknown_c):
        which = "beide" if item_id in unknown_b and item_id in unknown_c else (
            "basis" if item_id in unknown_b else "huidig")
        where = {"basis": "de basisscan", "huidig": "de huidige scan", "beide": "beide scans"}[which]
        not_comparable.append(NotComparable(
            item_id=item_id, scan=which,
            reason=f"het item staat in {where}, maar niet in de huidige checklists (andere versie?)",
        ))

    loaded = {fw.id: fw for fw in checklists.frameworks}
    for fw_id in sorted(set(baseline.frameworks) | set(current.frameworks)):
        if fw_id not in loaded:
            notes.append(f"Het kader '{fw_id}' staat in een van de scans, maar niet in de huidige checklists; "
                         "het is niet vergeleken.")
            continue
        fw = loaded[fw_id]
        vb, vc = baseline.checklist_versions.get(fw_id), current.checklist_versions.get(fw_id)
        if (vb and vb != fw.version) or (vc and vc != fw.version):
            notes.append(
                f"{fw.short_title}: de basisscan is ingevuld met versie {vb or 'onbekend'}, de huidige met versie "
                f"{vc or 'onbekend'}; vergeleken met versie {fw.version} (nu geladen), per item op id."
            )
    if baseline.peildatum > current.peildatum:
        notes.append("De basisscan heeft een latere peildatum dan de huidige scan; zijn ze verwisseld?")
    if baseline.organisation.name.strip().casefold() != current.organisation.name.strip().casefold():
        notes.append(f"De scans zijn van verschillende organisaties: {baseline.organisation.name} en "
                     f"{current.organisation.name}.")

    before = {a.id: a for a in baseline.actions}
    completed: list[ActionProgress] = []
    cancelled: list[ActionProgress] = []
    for action in current.actions:
        prev = before.get(action.id)
        if action.status == "gereed" and (prev is None or prev.status != "gereed"):
            completed.append(_progress(action, prev))
        elif action.status == "vervallen" and (prev is None or prev.status != "vervallen"):
            cancelled.append(_progress(action, prev))
    current_ids = {a.id for a in current.actions}

    return Comparison(
        organisation=current.organisation.name,
        baseline_id=baseline.id,
        current_id=current.id,
        baseline_date=baseline.peildatum.isoformat(),
        current_date=current.peildatum.isoformat(),
        frameworks=frameworks,
        not_comparable=not_comparable,
        completed_actions=completed,
        cancelled_actions=cancelled,
        new_actions=[a.id for a in current.actions if a.id not in before],
        removed_actions=[a.id for a in baseline.actions if a.id not in current_ids],
        notes=notes,
    )
