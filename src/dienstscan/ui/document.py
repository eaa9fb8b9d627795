"""The open scan as a Qt document: every edit goes through here, as an undoable command.

``ScanDocument`` holds the checklists (read-only), the assessment (the user's work), the file
path, the lock on that file, the undo stack and the autosave of a recovery copy. The edits
themselves are ``dienstscan.operations`` (the same as the command line's), wrapped here in undo
commands; every change leaves the plan proposed before any page hears of it. Widgets never
change the assessment themselves: they call ``set_option``/``set_text``/``set_evidence``/
``set_list`` (or push their own ``QUndoCommand`` through ``push``), and re-read what they show
when ``changed(item_id)`` is emitted. Every page (answers, dashboard, plan, the workshop) edits
through this one document, so one undo stack and one autosave cover all of them.

``baseline`` is the earlier scan the open scan is compared with (None: no comparison). It is a
session choice, not saved in the file and not an undo step; ``set_baseline`` emits
``baselineChanged`` so the dashboard's progress panel and the menu's enabled states follow it,
and the exports read it when they add the progress sheet or chapter.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from .. import operations, storage
from ..storage.filenames import safe_file_name
from ..model import Answer, Assessment, ChecklistSet
from ..plan import PlanChanges
from ..scoring import item_state, node_counts

#: Seconds of quiet after an edit before the recovery copy is written.
AUTOSAVE_DELAY_MS = 3_000
#: A recovery copy is written at least this often while there are unwritten changes.
AUTOSAVE_MAX_MS = 60_000

#: Undo steps kept; older ones are forgotten. Each step holds only what it changed (an answer,
#: the changed fields of plan actions), at most a few times ``ShortText``'s maximum, so the
#: stack's memory is bounded by this count times that (issue 28: unbounded it grew without end).
UNDO_LIMIT = 300

_TEXT_MERGE_ID = 1001
ANSWER_TEXT_FIELDS = ("explanation", "notes")
ANSWER_LIST_FIELDS = ("barriers", "causes", "solutions")
EVIDENCE_FIELDS = ("basis", "reference", "date")

_FIELD_LABELS = {
    "option": "antwoord",
    "explanation": "uitleg",
    "notes": "notities",
    "barriers": "belemmeringen",
    "causes": "oorzaken",
    "solutions": "oplossingen",
    "basis": "onderbouwing",
    "reference": "vindplaats",
    "date": "datum onderbouwing",
}


#: What an edit of each field owns of an answer. Undo and redo put back only these, so what others
#: added to the same answer meanwhile (a participant's phone answer) stays (issue 25).
_OWNED_FIELDS = {
    "option": ("option", "answered_at", "from_previous_cycle", "explanation_written_for"),
    "explanation": ("explanation", "explanation_written_for"),
    "basis": ("evidence",),
    "reference": ("evidence",),
    "date": ("evidence",),
}


#: An edit of one round of the individual answers (``"individual:snelle_ronde"``) owns only that
#: round: undoing a quick-round key leaves the phones' voorronde and live answers as they are.
_ROUND_FIELD = "individual:"


def _owned(field: str) -> tuple[str, ...]:
    if field in _OWNED_FIELDS:
        return _OWNED_FIELDS[field]
    return (field,) if field in Answer.model_fields else tuple(Answer.model_fields)


class AnswerEdit(QUndoCommand):
    """Change the fields of one item's answer that ``field`` owns; undo puts exactly those back."""

    def __init__(self, doc: ScanDocument, item_id: str, after: Answer, field: str, *, mergeable: bool) -> None:
        super().__init__(f"{_FIELD_LABELS.get(field, field).capitalize()} van {item_id} wijzigen")
        self.doc = doc
        self.item_id = item_id
        existing = doc.assessment.answers.get(item_id)
        self.before = existing.model_copy(deep=True) if existing is not None else None
        self.after = after
        self.field = field
        self.mergeable = mergeable

    def id(self) -> int:  # noqa: A003 - Qt's name
        return _TEXT_MERGE_ID if self.mergeable else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, AnswerEdit) or other.item_id != self.item_id or other.field != self.field:
            return False
        self.after = other.after
        return True

    def _put(self, source: Answer | None) -> None:
        current = self.doc.assessment.answers.get(self.item_id)
        result = current.model_copy(deep=True) if current is not None else Answer()
        source = source if source is not None else Answer()
        if self.field.startswith(_ROUND_FIELD):
            round_ = self.field[len(_ROUND_FIELD):]
            result.individual = {**result.individual, round_: source.individual_in(round_)}
        else:
            for name in _owned(self.field):
                setattr(result, name, getattr(source.model_copy(deep=True), name))
        self.doc._put_answer(self.item_id, None if result == Answer() else result)

    def redo(self) -> None:
        self._put(self.after)

    def undo(self) -> None:
        self._put(self.before)


class ScopeEdit(QUndoCommand):
    """Switch a framework in or out of the scan."""

    def __init__(self, doc: ScanDocument, framework_id: str, in_scope: bool) -> None:
        what = "opnemen in" if in_scope else "weglaten uit"
        super().__init__(f"{framework_id} {what} de scan")
        self.doc = doc
        self.framework_id = framework_id
        self.in_scope = in_scope
        self.before = list(doc.assessment.frameworks)

    def redo(self) -> None:
        frameworks = [f for f in self.before if f != self.framework_id]
        if self.in_scope:
            order = [fw.id for fw in self.doc.checklists.frameworks]
            frameworks = sorted([*frameworks, self.framework_id],
                                key=lambda f: order.index(f) if f in order else len(order))
            version = self.doc.checklists.framework(self.framework_id).version
            self.doc.assessment.checklist_versions.setdefault(self.framework_id, version)
        self.doc.assessment.frameworks = frameworks
        self.doc.notify_changed("")

    def undo(self) -> None:
        self.doc.assessment.frameworks = list(self.before)
        self.doc.notify_changed("")


def suggested_name(assessment: Assessment, folder: Path | None = None, *, before: str = "", after: str = "",
                   suffix: str = storage.FILE_SUFFIX) -> str:
    """``[before ]<organisation> <peildatum>[ after]<suffix>``, safe on Windows and within MAX_PATH
    in ``folder`` (see ``ScanDocument.suggested_file_name``)."""
    name = assessment.organisation.name.strip() or "scan"
    tail = f" {assessment.peildatum:%Y-%m-%d}{' ' + after if after else ''}{suffix}"
    return safe_file_name(f"{before} {name}" if before else name, tail, folder=folder)


class ScanDocument(QObject):
    """One open scan: checklists + assessment + file + undo stack + recovery copy."""

    #: An item's answer changed (item id), or "" for scan-wide data.
    changed = Signal(str)
    #: The unsaved-changes state flipped.
    dirtyChanged = Signal(bool)
    #: The file path changed (after save as).
    pathChanged = Signal(object)
    #: The recovery copy was written (path) or could not be written (Dutch message).
    recoveryWritten = Signal(object)
    recoveryFailed = Signal(str)
    #: The comparison baseline was set or cleared (``baseline``, ``baseline_source``).
    baselineChanged = Signal()
    #: Fields that keep typed text a moment before committing it (the plan form) commit it now:
    #: emitted by ``commit_pending`` before a menu command, saving, a recovery copy or closing.
    commitRequested = Signal()
    #: Another Dienstscan took the scan's lock over ("Toch openen"): a Dutch sentence saying who.
    lockLost = Signal(str)

    def __init__(
        self,
        checklists: ChecklistSet,
        assessment: Assessment,
        path: Path | None = None,
        *,
        lock: storage.ScanLock | None = None,
        unsaved: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.checklists = checklists
        self.assessment = assessment
        self.path = Path(path) if path else None
        self.lock = lock
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(UNDO_LIMIT)  # only possible while the stack is empty
        self._unsaved_outside_stack = unsaved
        self._recovery_pending = False
        self._last_dirty = self.is_dirty()
        #: The earlier scan this one is compared with, and the file name it came from.
        self.baseline: Assessment | None = None
        self.baseline_source = ""
        self.undo_stack.cleanChanged.connect(self._emit_dirty)
        self.undo_stack.indexChanged.connect(self._on_index_changed)
        # The plan's proposals are derived from the answers: kept in step here, once, before any
        # page hears of a change (this slot is connected first), whatever page is open.
        self._answer_proposed = False  # _put_answer's operation has proposed already
        self.sync_proposals()
        self.changed.connect(self._follow_answers)

        self._debounce = QTimer(self, singleShot=True, interval=AUTOSAVE_DELAY_MS)
        self._debounce.timeout.connect(self.write_recovery)
        self._ceiling = QTimer(self, singleShot=True, interval=AUTOSAVE_MAX_MS)
        self._ceiling.timeout.connect(self.write_recovery)
        self._lock_lost_said = False
        self._lock_refresh = QTimer(self, interval=10 * 60_000)
        self._lock_refresh.timeout.connect(self._refresh_lock)
        self._lock_refresh.start()
        if unsaved:
            self._schedule_recovery()

    # ------------------------------------------------------------------ state

    def commit_pending(self) -> None:
        """Have every field commit what was typed and not yet committed (see ``commitRequested``)."""
        self.commitRequested.emit()

    def is_dirty(self) -> bool:
        return self._unsaved_outside_stack or not self.undo_stack.isClean()

    def display_name(self) -> str:
        return self.path.name if self.path else f"{self.assessment.organisation.name} (niet opgeslagen)"

    def suggested_file_name(self, folder: Path | None = None, *, before: str = "", after: str = "",
                            suffix: str = storage.FILE_SUFFIX) -> str:
        """``[before ]<organisation> <peildatum>[ after]<suffix>``: safe on Windows (no forbidden
        characters or device names) and, in ``folder``, within MAX_PATH; a long organisation name
        is shortened, the date and the words around it stay."""
        return suggested_name(self.assessment, folder, before=before, after=after, suffix=suffix)

    def answer(self, item_id: str) -> Answer | None:
        """The answer of an item, or None; read only (edit through the set_* methods)."""
        return self.assessment.answers.get(item_id)

    def item_state(self, item_id: str) -> str:
        return item_state(self.checklists, self.assessment, item_id)

    def counts(self) -> dict:
        return node_counts(self.checklists, self.assessment)

    def snapshot(self) -> tuple[ChecklistSet, Assessment, Assessment | None]:
        """Checklists, a copy of the scan and of the baseline, for a worker thread that writes a
        document: it never sees edits made while it runs."""
        baseline = self.baseline.model_copy(deep=True) if self.baseline is not None else None
        return self.checklists, self.assessment.model_copy(deep=True), baseline

    def set_baseline(self, baseline: Assessment | None, source_name: str = "") -> None:
        """Compare with ``baseline`` from now on (None: no comparison); ``source_name`` names its file."""
        self.baseline = baseline
        self.baseline_source = source_name if baseline is not None else ""
        self.baselineChanged.emit()

    # ------------------------------------------------------------------ edits

    def push(self, command: QUndoCommand) -> None:
        """Push any undoable edit (later parts add their own commands)."""
        self.undo_stack.push(command)

    def _edited(self, item_id: str) -> Answer:
        current = self.assessment.answers.get(item_id)
        return current.model_copy(deep=True) if current is not None else Answer()

    def set_option(self, item_id: str, option_id: str | None) -> None:
        """Choose an answer option (None clears the answer)."""
        current = self.assessment.answers.get(item_id)
        answer = operations.answer_with_option(self.checklists, current, item_id, option_id)
        if (current.option if current is not None else None) == option_id:
            return
        self.push(AnswerEdit(self, item_id, answer, "option", mergeable=False))

    def set_text(self, item_id: str, field: str, text: str) -> None:
        """Change ``explanation`` or ``notes``; consecutive typing merges into one undo step."""
        if field not in ANSWER_TEXT_FIELDS:
            raise ValueError(field)
        answer = self._edited(item_id)
        if getattr(answer, field) == text:
            return
        if field == "explanation":  # the user's own for the present answer: no longer marked
            answer = operations.answer_with_explanation(answer, text)
        else:
            setattr(answer, field, text)
        self.push(AnswerEdit(self, item_id, answer, field, mergeable=True))

    def set_evidence(self, item_id: str, field: str, value: Any) -> None:
        """Change what the answer rests on: ``basis``, ``reference`` or ``date``."""
        if field not in EVIDENCE_FIELDS:
            raise ValueError(field)
        answer = self._edited(item_id)
        if getattr(answer.evidence, field) == value:
            return
        setattr(answer.evidence, field, value)
        self.push(AnswerEdit(self, item_id, answer, field, mergeable=field == "reference"))

    def set_list(self, item_id: str, field: str, values: list[str]) -> None:
        """Replace the barriers, causes or solutions of a BSC norm."""
        if field not in ANSWER_LIST_FIELDS:
            raise ValueError(field)
        answer = self._edited(item_id)
        values = [v for v in (v.strip() for v in values) if v]
        if getattr(answer, field) == values:
            return
        setattr(answer, field, values)
        self.push(AnswerEdit(self, item_id, answer, field, mergeable=False))

    def set_framework_in_scope(self, framework_id: str, in_scope: bool) -> None:
        """Take a framework into the scan or leave it out (undoable)."""
        if (framework_id in self.assessment.frameworks) == in_scope:
            return
        self.push(ScopeEdit(self, framework_id, in_scope))

    def apply_outside_undo(self, item_id: str, edit: Callable[[Assessment], None]) -> None:
        """An edit that is not the user's own and so not on the undo stack: a participant's answer.

        The scan is marked unsaved and the recovery copy follows, as for any edit; Ctrl+Z never
        takes it back (undo is for the facilitator's own steps, issue 25).
        """
        edit(self.assessment)
        self._unsaved_outside_stack = True
        self.changed.emit(item_id)
        self._schedule_recovery()
        self._emit_dirty()

    def _put_answer(self, item_id: str, answer: Answer | None) -> None:
        operations.put_answer(self.checklists, self.assessment, item_id, answer)  # proposes the plan
        self._answer_proposed = True
        try:
            self.changed.emit(item_id)
        finally:
            self._answer_proposed = False

    def _follow_answers(self, _key: str) -> None:
        if not self._answer_proposed:
            self.sync_proposals()

    def sync_proposals(self, _key: str = "") -> PlanChanges:
        """Bring the proposed actions in step with the answers (``operations.follow_answers``).

        Not an undo step: proposals follow from the answers, and proposing never loses what the
        user decided or wrote, so the same answers always give the same plan.
        """
        return operations.follow_answers(self.checklists, self.assessment)

    def notify_changed(self, key: str = "") -> None:
        """For commands of later parts that change scan-wide data."""
        self.changed.emit(key)

    def _on_index_changed(self, _index: int) -> None:
        self._schedule_recovery()
        self._emit_dirty()

    def _emit_dirty(self, *_args: object) -> None:
        dirty = self.is_dirty()
        if dirty != self._last_dirty:
            self._last_dirty = dirty
            self.dirtyChanged.emit(dirty)

    # ------------------------------------------------------------------ files

    def save(self, path: Path | None = None) -> None:
        """Save to ``path`` (or the current file). Raises ``ScanFileError``/``ScanLockedError``.

        On failure nothing changes in memory and the recovery copy is brought up to date, so the
        work survives even if the program is closed next.
        """
        self.commit_pending()
        target = Path(path) if path else self.path
        if target is None:
            raise ValueError("geen bestandsnaam")
        new_lock = None
        same_file = self.path is not None and target.resolve() == self.path.resolve()
        try:
            if same_file and self.lock is not None:
                storage.ensure_held(self.lock)  # another Dienstscan may have taken the scan over
            if not same_file:
                new_lock = storage.acquire_lock(target)
            self.assessment.modified = dt.datetime.now()
            storage.save_scan(self.assessment, target, cache=storage.scan_file_cache())
        except Exception:
            if new_lock is not None:
                new_lock.release()
            if self.is_dirty():
                self.write_recovery()
            raise
        if new_lock is not None:
            if self.lock is not None:
                self.lock.release()
            self.lock = new_lock
        self.path = target
        self._unsaved_outside_stack = False
        self.undo_stack.setClean()
        self._stop_recovery_timers()
        storage.discard_recovery(self.assessment.id)
        self._emit_dirty()
        self.pathChanged.emit(target)

    def close(self) -> None:
        """The user closed the scan on purpose: drop the recovery copy and the lock."""
        self._stop_recovery_timers()
        self._lock_refresh.stop()
        storage.discard_recovery(self.assessment.id)
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    # ------------------------------------------------------------------ recovery copy

    def _schedule_recovery(self) -> None:
        if not self.is_dirty():
            self._stop_recovery_timers()
            return
        self._recovery_pending = True
        self._debounce.start()  # restarts: a few seconds after the last change
        if not self._ceiling.isActive():
            self._ceiling.start()  # not restarted: at least once a minute while typing

    def _stop_recovery_timers(self) -> None:
        self._recovery_pending = False
        self._debounce.stop()
        self._ceiling.stop()

    def recovery_pending(self) -> bool:
        return self._recovery_pending

    def write_recovery(self) -> Path | None:
        """Write the recovery copy now (also called by the timers). Failure is reported, not raised."""
        self.commit_pending()
        self._stop_recovery_timers()
        try:
            written = storage.write_recovery(self.assessment, self.path)
        except storage.ScanFileError as exc:
            self.recoveryFailed.emit(str(exc))
            return None
        self.recoveryWritten.emit(written)
        return written

    def _refresh_lock(self) -> None:
        if self.lock is None:
            return
        try:
            storage.ensure_held(self.lock)
        except storage.LockLostError as exc:
            if not self._lock_lost_said:  # say it once, not every ten minutes
                self._lock_lost_said = True
                self.lockLost.emit(str(exc))
            return
        self.lock.refresh()
