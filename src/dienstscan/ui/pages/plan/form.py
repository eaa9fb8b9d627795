"""The plan page's form: every PDCA field of the selected action, each change one undo step.

Typed text is kept in the field while the user types and committed to the scan (one command)
after a pause of ``COMMIT_PAUSE_MS``, on leaving the field, on choosing another action and
whenever the document asks (``ScanDocument.commitRequested``: before a menu command, saving or
closing). All commits made during one visit of a field are one undo step. A keystroke therefore
only repaints the field; the table, the other pages and the score follow the commit.

Plan (title, description, theme, priority, owner, start and end with a date picker, indicator,
target), Besluit (the decision, and who decided and when: ``Besloten door`` and ``Besluitdatum``,
the Excel plan's column words; who/when only once there is a decision), Do (status, progress),
Check (measured value and date, conclusion) and Act (choice and
note); each field is labelled with its Dutch name from ``ACTION_FIELD_LABELS``. A bad value is
refused with a message above the form and the stored value comes back. A proposal nobody has
decided on has no status (``plan.status_text``): its status field is empty and locked until the
decision, as on the Excel plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ....model import ACTION_FIELD_LABELS, Action
from ....model.assessment import ACT_CHOICE_LABELS, ACTION_STATUS_LABELS, PRIORITY_LABELS
from ....plan import ACCEPTED, DECISION_LABELS, REJECTED, UNDECIDED, decision_label, is_undecided
from ... import plan_commands as commands
from ...contrast import set_sheet
from ...document import ScanDocument
from ...widgets import OptionalDateEdit, route_undo_to_document
from ..common import heading, text_label

#: Quiet time after the last keystroke before typed text is committed to the scan.
COMMIT_PAUSE_MS = 700
ERROR_STYLE = "color: #9c0006; font-weight: bold;"
NOTICE_STYLE = "background: #fff2cc; border: 1px solid #bf8f00; padding: 6px; color: #1a1a1a;"

#: The decision field's choices for a proposal (``Action.decision`` -> its words, as the Excel's
#: Besluit dropdown); an own action shows 'Eigen actie' and has no other choice.
_PROPOSAL_DECISIONS = (("voorgesteld", UNDECIDED), ("geaccepteerd", ACCEPTED), ("afgewezen", REJECTED))
#: What an undecided proposal's status and decision record fields say (they are locked).
NO_STATUS_YET = "geen status: eerst besluiten"
NO_RECORD_YET = "eerst besluiten"

#: Where in each field's label the Alt+letter sits: letters no button or other field of the page
#: uses, so every field can be reached from the keyboard.
_MNEMONIC_AT = {"title": 2, "description": 3, "theme": 2, "priority": 0, "owner": 15, "start": 0, "end": 1,
                "indicator": 2, "target": 6, "status": 4, "progress": 0, "measured_value": 0, "measured_on": 4,
                "conclusion": 0, "act": 5, "act_note": 0}


class ActionForm(QWidget):
    """Every PDCA field of one action; each change is one undoable command."""

    def __init__(self, doc: ScanDocument, framework_of: Callable[[Action], tuple[str, str]]) -> None:
        super().__init__()
        self.doc = doc
        self._framework_of = framework_of
        self.action_id: str | None = None
        self._loading = False
        #: (action id, field, text) typed but not yet committed to the scan
        self._pending: tuple[str, str, str] | None = None
        #: one number per visit of a text field: the commits of one visit are one undo step
        self._visit = 0
        self._commit_timer = QTimer(self, singleShot=True, interval=COMMIT_PAUSE_MS)
        self._commit_timer.timeout.connect(self.commit_pending)
        doc.commitRequested.connect(self.commit_pending)

        self.header = heading("", size=1.15)
        self.origin = text_label(muted=True)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        set_sheet(self.notice, NOTICE_STYLE)
        self.notice.hide()
        self.error = QLabel()
        self.error.setWordWrap(True)
        set_sheet(self.error, ERROR_STYLE)
        self.error.hide()

        self.title = QPlainTextEdit()
        self.title.setAccessibleDescription("Wat er gedaan wordt; een actie heeft altijd een titel")
        self.description = QPlainTextEdit()
        self.reason = text_label(muted=True)
        self.theme = QComboBox()
        for theme in self.doc.checklists.themes.values():
            self.theme.addItem(theme.label, theme.id)
        self.priority = self._choice(PRIORITY_LABELS)
        self.owner = QLineEdit()
        self.owner.setPlaceholderText("Wie is probleemeigenaar?")
        self.start = OptionalDateEdit(name="Startdatum")
        self.end = OptionalDateEdit(name="Einddatum")
        self.indicator = QLineEdit()
        self.indicator.setPlaceholderText("Hoe ziet u dat het gelukt is?")
        self.target = QLineEdit()
        # the decision after Plan and before Do (its place in the form and in the Tab order)
        self.decision = QComboBox()
        self.decision.setAccessibleDescription("Aannemen of afwijzen; een eigen actie is besloten door haar toe te voegen")
        self.decided_by = QLineEdit()
        self.decided_by.setPlaceholderText("Wie besloot? (bijvoorbeeld MT, college)")
        self.decided_on = OptionalDateEdit(name=ACTION_FIELD_LABELS["decided_on"])
        self.status = self._choice(ACTION_STATUS_LABELS)
        self.status.setPlaceholderText(NO_STATUS_YET)  # shown while a proposal has no status
        self.progress = QPlainTextEdit()
        self.measured_value = QLineEdit()
        self.measured_on = OptionalDateEdit(name="Datum meting")
        self.conclusion = QPlainTextEdit()
        self.act = QComboBox()
        self.act.addItem("— nog niet gekozen —", None)
        for key, label in ACT_CHOICE_LABELS.items():
            self.act.addItem(label, key)
        self.act_note = QPlainTextEdit()
        for edit in (self.title, self.description, self.progress, self.conclusion, self.act_note):
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(54)
            edit.setMaximumHeight(90)
        self.title.setMaximumHeight(66)
        self._typed = (self.title, self.description, self.owner, self.indicator, self.target, self.decided_by,
                       self.progress, self.measured_value, self.conclusion, self.act_note)
        route_undo_to_document(*self._typed)
        for edit in self._typed:
            edit.installEventFilter(self)

        # Plan in two parts (the texts, the short fields): one above the other beside the table,
        # side by side when the form is under the table and has the page's width (set_wide)
        self.plan_texts = self._form(["title", "description", "reason"])
        self.plan_fields = self._form(["theme", "priority", "owner", "start", "end", "indicator", "target"])
        self.decision_box = self._group(ACTION_FIELD_LABELS["decision"], ["decision", "decided_by", "decided_on"])
        self.plan_box = QGroupBox("Plan")
        self._plan_parts = QBoxLayout(QBoxLayout.Direction.TopToBottom, self.plan_box)
        self._plan_parts.addWidget(self.plan_texts, 3)
        self._plan_parts.addWidget(self.plan_fields, 2)
        self.do_box = self._group("Do", ["status", "progress"])
        self.check_box = self._group("Check", ["measured_value", "measured_on", "conclusion"])
        self.act_box = self._group("Act", ["act", "act_note"])

        self.empty = text_label("Kies een actie in de tabel om haar te bekijken en te bewerken.", muted=True)
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        for widget in (self.header, self.origin, self.notice, self.error):
            body.addWidget(widget)
        self._groups = QGridLayout()
        self._groups.setContentsMargins(0, 0, 0, 0)
        body.addLayout(self._groups)
        body.addStretch(1)
        self.wide = None
        self.set_wide(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.empty)
        layout.addWidget(self.body)
        self.body.hide()

        # user edits -> commands
        for name in ("decided_by", "owner", "indicator", "target", "measured_value"):
            getattr(self, name).textEdited.connect(lambda text, n=name: self._text_edited(n, text))
        for name in ("title", "description", "progress", "conclusion", "act_note"):
            edit: QPlainTextEdit = getattr(self, name)
            edit.textChanged.connect(lambda n=name, e=edit: self._text_edited(n, e.toPlainText()))
        for name in ("theme", "priority", "status", "act"):
            combo: QComboBox = getattr(self, name)
            combo.currentIndexChanged.connect(lambda _i, n=name, c=combo: self._set(n, c.currentData()))
        self.decision.activated.connect(lambda _i: self._decide(self.decision.currentData()))
        for name in ("decided_on", "start", "end", "measured_on"):
            getattr(self, name).dateChanged.connect(lambda value, n=name: self._date_changed(n, value))

    @staticmethod
    def _choice(labels: dict[str, str]) -> QComboBox:
        combo = QComboBox()
        for key, label in labels.items():
            combo.addItem(label, key)
        return combo

    def set_wide(self, wide: bool) -> None:
        """Narrow (beside the table): Plan, Do, Check and Act one below the other. Wide (under the
        table): Plan's texts, Plan's short fields and Do/Check/Act in three columns, so the owner
        and the dates are in view without scrolling on a 1366 px screen."""
        if wide == self.wide:
            return
        self.wide = wide
        for box in (self.decision_box, self.plan_box, self.do_box, self.check_box, self.act_box):
            self._groups.removeWidget(box)
        texts: QFormLayout = self.plan_texts.layout()
        # wide: the texts' labels above them, so the title and description get the column's width
        texts.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows if wide
                               else QFormLayout.RowWrapPolicy.DontWrapRows)
        if wide:
            self._plan_parts.setDirection(QBoxLayout.Direction.LeftToRight)
            self._groups.addWidget(self.plan_box, 0, 0, 4, 1)
            for row, box in enumerate((self.decision_box, self.do_box, self.check_box, self.act_box)):
                self._groups.addWidget(box, row, 1)
            self._groups.setColumnStretch(0, 2)
            self._groups.setColumnStretch(1, 1)
        else:
            self._plan_parts.setDirection(QBoxLayout.Direction.TopToBottom)
            for row, box in enumerate((self.plan_box, self.decision_box, self.do_box, self.check_box,
                                       self.act_box)):
                self._groups.addWidget(box, row, 0)
            self._groups.setColumnStretch(0, 1)
            self._groups.setColumnStretch(1, 0)
        for row in range(5):
            self._groups.setRowStretch(row, 0)
        if self.action_id is not None:
            self.load(self.action_id)  # the heading follows
        if wide:
            self._groups.setRowStretch(3, 1)  # Act takes what Plan's height leaves

    def _form(self, fields: list[str]) -> QWidget:
        part = QWidget()
        form = QFormLayout(part)
        form.setContentsMargins(0, 0, 0, 0)
        self._fill(form, fields)
        return part

    def _group(self, title: str, fields: list[str]) -> QGroupBox:
        box = QGroupBox(title)
        self._fill(QFormLayout(box), fields)
        return box

    def _fill(self, form: QFormLayout, fields: list[str]) -> None:
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name in fields:
            widget = getattr(self, name)
            text = ACTION_FIELD_LABELS[name]
            at = _MNEMONIC_AT.get(name)
            text = (text if at is None else f"{text[:at]}&{text[at:]}") + ":"
            label = QLabel(text)
            target = widget.edit if isinstance(widget, OptionalDateEdit) else widget
            if "&" in text:
                label.setBuddy(target)
            target.setAccessibleName(text.replace("&", "").rstrip(":"))
            form.addRow(label, widget)

    # ---------------------------------------------------------------- editing

    def action(self) -> Action | None:
        return self.doc.assessment.action(self.action_id) if self.action_id else None

    def _show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))

    def _set(self, name: str, value: Any) -> None:
        if self._loading or self.action_id is None:
            return
        try:
            commands.edit_action_fields(self.doc, self.action_id, **{name: value})
        except (ValueError, TypeError) as exc:
            self._show_error(f"Niet opgeslagen: {_first_line(exc)}")
            self.load(self.action_id)
            return
        self._show_error(None)

    def _decide(self, decision: str | None) -> None:
        """The decision chosen in the form: the same command as the page's Accepteren/Afwijzen
        (back to 'Nog niet besloten' also clears who decided and when, in the same step)."""
        action = self.action()
        if self._loading or action is None or decision is None or decision == action.decision:
            return
        self.commit_pending()  # who decided, typed just before, belongs to the old decision's step
        try:
            commands.set_decision(self.doc, [action.id], decision)
        except (ValueError, TypeError) as exc:
            self._show_error(f"Niet opgeslagen: {_first_line(exc)}")
            self.load(action.id)
            return
        self._show_error(None)

    def _text_edited(self, name: str, text: str) -> None:
        if self._loading or self.action_id is None:
            return
        if name == "title":
            text = " ".join(text.splitlines())  # a title is one line, also in the Excel plan
        if name == "title" and not text.strip():
            self._pending = None
            self._commit_timer.stop()
            self._show_error("Niet opgeslagen: een actie heeft een titel nodig. De vorige titel blijft bewaard "
                             "tot u een nieuwe typt.")
            return
        if self._pending is not None and self._pending[:2] != (self.action_id, name):
            self.commit_pending()
        self._pending = (self.action_id, name, text)
        self._commit_timer.start()  # restarts: the pause is counted from the last keystroke

    def commit_pending(self) -> None:
        """Commit what was typed and not yet committed (one command; nothing when nothing waits)."""
        self._commit_timer.stop()
        pending, self._pending = self._pending, None
        if pending is None:
            return
        action_id, name, text = pending
        if self.doc.assessment.action(action_id) is None:
            return  # the action is gone (undone, deleted): nothing to put the text in
        try:
            commands.edit_action_fields(self.doc, action_id, visit=self._visit, **{name: text})
        except (ValueError, TypeError) as exc:
            self._show_error(f"Niet opgeslagen: {_first_line(exc)}")
            if action_id == self.action_id:
                self.load(action_id)
            return
        self._show_error(None)

    def has_pending(self) -> bool:
        return self._pending is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind == QEvent.Type.FocusIn:
            self._visit += 1
        elif kind == QEvent.Type.FocusOut:
            self.commit_pending()
        return False

    def _date_changed(self, name: str, value: dt.date | None) -> None:
        if self._loading or self.action_id is None:
            return
        action = self.action()
        start = value if name == "start" else action.start
        end = value if name == "end" else action.end
        if name in ("start", "end") and start and end and end < start:
            self._show_error("Niet opgeslagen: de einddatum ligt vóór de startdatum.")
            self.load(self.action_id)
            return
        self._set(name, value)

    # ---------------------------------------------------------------- showing

    def load(self, action_id: str | None) -> None:
        """Show an action; fields that already show the stored value are left alone (cursor stays),
        and so is the field whose typed text is not yet committed."""
        if self._pending is not None and self._pending[0] != action_id:
            self.commit_pending()
        self.action_id = action_id
        action = self.action()
        self.empty.setVisible(action is None)
        self.body.setVisible(action is not None)
        if action is None:
            self._show_error(None)
            return
        self._loading = True
        try:
            # wide (under the table) the title is in view in its field: the heading keeps one line
            self.header.setText(action.id if self.wide else f"{action.id}: {action.title}")
            where = self._framework_of(action)[1]
            if action.origin == "voorgesteld":
                self.origin.setText(f"Voorgestelde actie ({where}), besluit: "
                                    f"{DECISION_LABELS[action.decision].lower()}.")
            else:
                self.origin.setText("Eigen actie.")
            notices = []
            if action.gap_closed:
                notices.append("Het tekort achter dit voorstel is opgeheven door een later antwoord. De actie "
                               "blijft bewaard; zet de status op Gereed of Vervallen als ze niet meer nodig is.")
            if action.merged_into:
                notices.append(f"Deze actie is samengevoegd in {action.merged_into} en staat daarom niet apart "
                               "in het verbeterplan.")
            if action.decision == "afgewezen":
                notices.append("Dit voorstel is afgewezen en staat niet in het verbeterplan.")
            self.notice.setText("\n".join(notices))
            self.notice.setVisible(bool(notices))
            self.reason.setText(action.reason or "—")
            self._load_decision(action)
            typing = self._pending[1] if self._pending is not None else None
            for name in ("decided_by", "owner", "indicator", "target", "measured_value"):
                if name == typing:
                    continue
                edit: QLineEdit = getattr(self, name)
                value = getattr(action, name)
                if edit.text() != value:
                    edit.setText(value)
                    if not edit.hasFocus():
                        edit.setCursorPosition(0)  # show the start of a long text, not its end
            for name in ("title", "description", "progress", "conclusion", "act_note"):
                edit: QPlainTextEdit = getattr(self, name)
                value = getattr(action, name)
                if name == typing:
                    continue
                if name == "title" and edit.hasFocus() and not edit.toPlainText().strip():
                    continue  # the user is replacing the title: keep the empty field while typing
                if edit.toPlainText() != value:
                    edit.setPlainText(value)
            undecided = is_undecided(action)
            self.status.setEnabled(not undecided)
            self.status.setToolTip("Een voorstel krijgt een status zodra erover is besloten" if undecided else "")
            for name in ("theme", "priority", "status", "act"):
                combo: QComboBox = getattr(self, name)
                value = getattr(action, name)
                if name == "status" and undecided:
                    value = None  # a proposal has no status until it is decided: never "Gepland"
                index = combo.findData(value)
                if index < 0 and name == "theme":
                    combo.addItem(value, value)  # a theme the checklists no longer know: keep it
                    index = combo.count() - 1
                if combo.currentIndex() != index:
                    combo.setCurrentIndex(index)
            for name in ("decided_on", "start", "end", "measured_on"):
                date_edit: OptionalDateEdit = getattr(self, name)
                if date_edit.date() != getattr(action, name):
                    date_edit.set_date(getattr(action, name))
        finally:
            self._loading = False

    def _load_decision(self, action: Action) -> None:
        """The decision field (a proposal's three choices, or 'Eigen actie'), and who decided and
        when: locked, with what to do, while a proposal is undecided."""
        own = action.origin != "voorgesteld"
        # an own action is decided by adding it: it shows that ('Eigen actie'), with no other choice
        choices = [(action.decision, decision_label(action))] if own else list(_PROPOSAL_DECISIONS)
        if [(self.decision.itemData(i), self.decision.itemText(i)) for i in range(self.decision.count())] != choices:
            self.decision.clear()
            for key, label in choices:
                self.decision.addItem(label, key)
        self.decision.setCurrentIndex(self.decision.findData(action.decision))
        self.decision.setEnabled(len(choices) > 1)
        undecided = is_undecided(action)
        for field in (self.decided_by, self.decided_on):
            field.setEnabled(not undecided)
            field.setToolTip("Kies eerst een besluit; dan vult u in wie besloot en wanneer" if undecided else "")
        self.decided_by.setPlaceholderText(NO_RECORD_YET if undecided else "Wie besloot? (bijvoorbeeld MT, college)")


def _first_line(exc: Exception) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        try:
            first = errors()[0]
            return f"{'.'.join(str(p) for p in first.get('loc', ()))}: {first.get('msg', '')}"
        except Exception:  # noqa: BLE001 - fall back to the message
            pass
    return str(exc).splitlines()[0]


