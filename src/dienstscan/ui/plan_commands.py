"""Undoable edits of the plan and the key figures, pushed through ``ScanDocument.push``.

The plan functions of ``dienstscan.plan`` (``edit_action``, ``add_own_action``,
``merge_actions``) and ``dienstscan.export.excel_plan.apply_plan_import`` do the work; this module
only wraps them in ``QUndoCommand``s. A plan command keeps what the edit changed (the fields of
an action before and after, an added or removed action whole), so undo restores exactly what was
there and a step costs what it changed, not the whole plan. Typing in one field of one action
(or one key figure) merges into a single undo step, like typing in an answer's explanation.

The document keeps the proposed actions in step with the answers (``ScanDocument.sync_proposals``
after every change; ``sync_proposals`` here runs it on demand). It is not an undo step of its
own: proposals are derived from the answers, and ``propose_actions`` never loses what the user
decided or wrote, so running it after every answer change (and after undo/redo) always gives the
same plan for the same answers.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from ..model import ACTION_FIELD_LABELS, Action, Assessment, KeyFigureValue
from ..operations import import_plan as import_plan_into
from ..plan import PlanChanges, action_from_solution, add_own_action, edit_action, merge_actions
from .document import ScanDocument

if TYPE_CHECKING:  # excel_plan brings openpyxl, imported on first use (start-up time)
    from ..export.excel_plan import PlanImport

#: The key ``changed`` is emitted with after a plan or key-figure edit (scan-wide data).
SCAN_WIDE = ""

_PLAN_MERGE_ID = 2001
_KEY_FIGURE_MERGE_ID = 2002

#: Fields typed character by character: consecutive edits merge into one undo step.
TYPED_FIELDS = frozenset({"title", "description", "decided_by", "owner", "indicator", "target", "progress",
                          "measured_value", "conclusion", "act_note"})


def _copy_actions(actions: Iterable[Action]) -> list[Action]:
    return [a.model_copy(deep=True) for a in actions]


def _field_values(action: Action, names: Iterable[str]) -> dict[str, Any]:
    return {name: copy.deepcopy(getattr(action, name)) for name in names}


class PlanEdit(QUndoCommand):
    """A change of the scan's action list, kept as what changed: for an action that stayed, the
    fields that differ (before and after); an added or removed action whole; the order of the
    ids only when it changed. Typing a word in one field costs that field's two texts, not two
    copies of the whole plan (issue 28: 2,000 edits took 500 MB when every step held both).
    """

    def __init__(self, doc: ScanDocument, text: str, after: list[Action], *, merge_key: tuple | None = None) -> None:
        super().__init__(text)
        self.doc = doc
        self.merge_key = merge_key
        old = {a.id: a for a in doc.assessment.actions}
        new = {a.id: a for a in after}
        #: action id -> {field: value} before / after, for actions in both lists
        self.before_fields: dict[str, dict[str, Any]] = {}
        self.after_fields: dict[str, dict[str, Any]] = {}
        #: whole actions that only exist before (removed) or after (added)
        self.removed = {i: a.model_copy(deep=True) for i, a in old.items() if i not in new}
        self.added = {i: a.model_copy(deep=True) for i, a in new.items() if i not in old}
        for action_id, action in new.items():
            was = old.get(action_id)
            if was is None or was is action or was == action:
                continue
            names = [n for n in Action.model_fields if getattr(was, n) != getattr(action, n)]
            if not names:
                continue
            self.before_fields[action_id] = _field_values(was, names)
            self.after_fields[action_id] = _field_values(action, names)
        before_ids, after_ids = tuple(old), tuple(new)
        same_order = before_ids == after_ids
        self.before_ids = None if same_order else before_ids
        self.after_ids = None if same_order else after_ids

    def is_empty(self) -> bool:
        return not (self.before_fields or self.removed or self.added or self.before_ids is not None)

    def id(self) -> int:  # noqa: A003 - Qt's name
        return _PLAN_MERGE_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, PlanEdit) or other.merge_key != self.merge_key or self.merge_key is None:
            return False
        if other.added or other.removed or other.before_ids is not None:
            return False  # a typed edit never adds or removes; keep anything else its own step
        for action_id, fields in other.after_fields.items():
            before = self.before_fields.setdefault(action_id, {})
            for name, value in other.before_fields[action_id].items():
                before.setdefault(name, value)  # the value before the first of the merged edits
            self.after_fields.setdefault(action_id, {}).update(fields)
        return True

    def _put(self, fields: dict[str, dict[str, Any]], whole: dict[str, Action], order: tuple[str, ...] | None,
             drop: dict[str, Action]) -> None:
        live = self.doc.assessment.actions
        current = {a.id: a for a in live if a.id not in drop}
        for action_id, values in fields.items():
            action = current.get(action_id)
            if action is not None:
                # a new object, never a change in place: what holds the old one sees no half change
                current[action_id] = action.model_copy(update=_copied(values), deep=True)
        for action_id, action in whole.items():
            current[action_id] = action.model_copy(deep=True)
        ids = order if order is not None else [a.id for a in live]  # same ids: nothing added or removed
        self.doc.assessment.actions = [current[i] for i in ids if i in current]
        self.doc.notify_changed(SCAN_WIDE)

    def redo(self) -> None:
        self._put(self.after_fields, self.added, self.after_ids, self.removed)

    def undo(self) -> None:
        self._put(self.before_fields, self.removed, self.before_ids, self.added)


def _copied(values: dict[str, Any]) -> dict[str, Any]:
    return {name: copy.deepcopy(value) for name, value in values.items()}


def _working_copy(doc: ScanDocument) -> Assessment:
    """The assessment with a private copy of its actions: the plan functions change only that."""
    return doc.assessment.model_copy(update={"actions": _copy_actions(doc.assessment.actions)})


def _apply(doc: ScanDocument, text: str, change: Callable[[Assessment], Any], *,
           merge_key: tuple | None = None, work: Assessment | None = None) -> Any:
    """Run ``change`` on a working copy; push the result as one undo step when anything changed.

    Exceptions from ``change`` (bad values) propagate before anything is pushed: the scan stays
    as it was. ``work`` is a working copy made by the caller (one that copies only what the
    change touches).
    """
    work = _working_copy(doc) if work is None else work
    result = change(work)
    command = PlanEdit(doc, text, work.actions, merge_key=merge_key)
    if not command.is_empty():
        doc.push(command)
    return result


def _find(work: Assessment, action_id: str) -> Action:
    action = work.action(action_id)
    if action is None:
        raise ValueError(f"Actie '{action_id}' bestaat niet in deze scan.")
    return action


def edit_action_fields(doc: ScanDocument, action_id: str, *, visit: int | None = None, **fields: Any) -> None:
    """Change fields of one action (``dienstscan.plan.edit_action``: validated, recorded as edited).

    Consecutive edits of one typed field merge into one undo step; with ``visit`` (a number the
    form changes each time the user enters a field) only those of the same visit do.

    Raises ``ValueError`` (pydantic's ``ValidationError`` is one) for a value the action refuses;
    nothing changes then.
    """
    if len(fields) == 1:
        (name,) = fields
        text = f"{ACTION_FIELD_LABELS.get(name, name)} van {action_id} wijzigen"
        merge_key = (action_id, name, visit) if name in TYPED_FIELDS else None
    else:
        text, merge_key = f"Actie {action_id} wijzigen", None
    # only the edited action is copied: the others are shared, unchanged, with the scan
    actions = list(doc.assessment.actions)
    for index, action in enumerate(actions):
        if action.id == action_id:
            actions[index] = action.model_copy(deep=True)
    work = doc.assessment.model_copy(update={"actions": actions})
    _apply(doc, text, lambda work: edit_action(_find(work, action_id), **fields), merge_key=merge_key, work=work)


def set_decision(doc: ScanDocument, action_ids: Iterable[str], decision: str) -> None:
    """Accept (``geaccepteerd``), reject (``afgewezen``) or reopen (``voorgesteld``) actions."""
    ids = list(action_ids)
    verb = {"geaccepteerd": "accepteren", "afgewezen": "afwijzen", "voorgesteld": "terugzetten naar voorstel"}
    what = f"Actie {ids[0]}" if len(ids) == 1 else f"{len(ids)} acties"
    text = f"{what} {verb.get(decision, decision)}"

    # back to an undecided proposal: who decided and when go with the decision (one step)
    record = {"decided_by": "", "decided_on": None} if decision == "voorgesteld" else {}

    def change(work: Assessment) -> None:
        for action_id in ids:
            edit_action(_find(work, action_id), decision=decision, **record)

    _apply(doc, text, change)


def add_action(doc: ScanDocument, title: str, **fields: Any) -> str:
    """Add an own action (``E-<n>``); returns its id."""
    return _apply(doc, "Eigen actie toevoegen", lambda work: add_own_action(work, title, **fields).id)


def solution_to_action(doc: ScanDocument, item_id: str, index: int) -> str:
    """Take over solution ``index`` of an item's analysis as an accepted plan action; returns its id.

    One undo step. Taking the same solution over again changes nothing and returns the existing
    action (``dienstscan.plan.action_from_solution``). Raises ``ValueError`` for a missing solution.
    """
    return _apply(doc, f"Oplossing van {item_id} als actie opnemen",
                  lambda work: action_from_solution(doc.checklists, work, item_id, index).id)


def merge(doc: ScanDocument, action_ids: Iterable[str], into_id: str) -> None:
    """Merge actions into ``into_id`` (``dienstscan.plan.merge_actions``: nothing is deleted)."""
    ids = [i for i in action_ids if i != into_id]
    _apply(doc, f"{len(ids)} actie(s) samenvoegen met {into_id}",
           lambda work: merge_actions(work, ids, into_id))


def unmerge(doc: ScanDocument, action_id: str) -> None:
    """Take a merged action out of the merge again (it keeps everything it had)."""

    def change(work: Assessment) -> None:
        _find(work, action_id).merged_into = None

    _apply(doc, f"Samenvoeging van {action_id} opheffen", change)


def delete_actions(doc: ScanDocument, action_ids: Iterable[str]) -> list[str]:
    """Delete own actions (``origin == "eigen"``); proposals are rejected, never deleted.

    Returns the ids actually deleted. Actions merged into a deleted one are taken out of the
    merge, so their work stays visible.
    """
    wanted = set(action_ids)

    def change(work: Assessment) -> list[str]:
        gone = [a.id for a in work.actions if a.id in wanted and a.origin == "eigen"]
        work.actions = [a for a in work.actions if a.id not in gone]
        for action in work.actions:
            if action.merged_into in gone:
                action.merged_into = None
        return gone

    what = next(iter(wanted)) if len(wanted) == 1 else f"{len(wanted)} acties"
    return _apply(doc, f"Actie {what} verwijderen" if len(wanted) == 1 else f"{what} verwijderen", change)


def import_plan(doc: ScanDocument, plan_import: PlanImport) -> None:
    """Apply a previewed plan import as one undo step (``apply_plan_import``: all or nothing).

    Raises ``PlanFileError`` when the import has errors or no longer fits the scan.
    """
    _apply(doc, f"Verbeterplan {plan_import.path.name} inlezen",
           lambda work: import_plan_into(doc.checklists, work, plan_import))


def sync_proposals(doc: ScanDocument) -> PlanChanges:
    """Bring the proposed actions in step with the answers now (``ScanDocument.sync_proposals``,
    which the document also runs itself on every change)."""
    return doc.sync_proposals()


# --------------------------------------------------------------------------- key figures


class KeyFigureEdit(QUndoCommand):
    """Replace the value (with note and date) of one key figure; typing merges into one step."""

    def __init__(self, doc: ScanDocument, key_figure_id: str, after: KeyFigureValue | None, field: str) -> None:
        label = doc.checklists.key_figures[key_figure_id].label if key_figure_id in doc.checklists.key_figures \
            else key_figure_id
        what = {"value": "Waarde", "note": "Toelichting", "date": "Datum"}.get(field, field)
        super().__init__(f"{what} van kengetal '{label}' wijzigen")
        self.doc = doc
        self.key_figure_id = key_figure_id
        existing = doc.assessment.key_figures.get(key_figure_id)
        self.before = existing.model_copy(deep=True) if existing is not None else None
        self.after = after.model_copy(deep=True) if after is not None else None
        self.field = field

    def id(self) -> int:  # noqa: A003 - Qt's name
        return _KEY_FIGURE_MERGE_ID if self.field in ("value", "note") else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if (not isinstance(other, KeyFigureEdit) or other.key_figure_id != self.key_figure_id
                or other.field != self.field):
            return False
        self.after = other.after
        return True

    def _put(self, value: KeyFigureValue | None) -> None:
        figures = self.doc.assessment.key_figures
        if value is None:
            figures.pop(self.key_figure_id, None)
        else:
            figures[self.key_figure_id] = value.model_copy(deep=True)
        self.doc.notify_changed(SCAN_WIDE)

    def redo(self) -> None:
        self._put(self.after)

    def undo(self) -> None:
        self._put(self.before)


def set_key_figure(doc: ScanDocument, key_figure_id: str, *, value: float | None | type = ...,
                   note: str | None = None, date: dt.date | None | type = ...) -> None:
    """Change a key figure's value, note or date (only the ones given); undoable.

    A key figure with no value, note or date left is removed from the scan.
    """
    current = doc.assessment.key_figures.get(key_figure_id)
    edited = current.model_copy(deep=True) if current is not None else KeyFigureValue()
    field = "value"
    if value is not ...:
        edited.value = value
    if note is not None:
        edited.note = note
        field = "note"
    if date is not ...:
        edited.date = date
        field = "date"
    empty = edited.value is None and not edited.note.strip() and edited.date is None
    after = None if empty else edited
    if (after.model_dump() if after else None) == (current.model_dump() if current else None):
        return
    doc.push(KeyFigureEdit(doc, key_figure_id, after, field))


__all__ = [
    "KeyFigureEdit",
    "PlanEdit",
    "add_action",
    "delete_actions",
    "edit_action_fields",
    "import_plan",
    "merge",
    "set_decision",
    "set_key_figure",
    "sync_proposals",
    "unmerge",
]
