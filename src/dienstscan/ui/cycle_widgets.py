"""Widgets of the next PDCA cycle that live on other pages: the item page's marker for answers
copied from the previous scan, and the dashboard's progress since an earlier scan.

- ``PreviousCycleBar``: on the item page, visible while the answer is still the copy from the
  previous cycle (``Answer.from_previous_cycle``): "Uit vorige scan – bevestig of wijzig", with
  a button (and ``Ctrl+Shift+B``) that confirms it as one undoable step (``confirm_answer``).
  Choosing another option confirms it too (``ScanDocument.set_option`` clears the flag).
- ``confirm_all_answers(doc, section_id=None)``: every answer still from the previous cycle (of
  one section, or of the whole scan) confirmed as one undoable step (``ConfirmAnswersCommand``);
  ``unconfirmed_items(doc, section_id=None)`` lists them in checklist order.
- ``ConfirmSectionBar``: on the section page, "n te bevestigen" with the button that confirms
  the section's answers (the dialog asking first is ``cycle_dialogs.confirm_previous_answers``).
- ``ProgressPanel``: on the dashboard (following ``ScanDocument.baselineChanged``), the change
  per framework and section ("+12,5 punten
  sinds 05-07-2011") and the actions completed in between, from ``dienstscan.cycle.compare_scans``
  worded by ``dienstscan.export.common.progress`` (the same words as the Excel sheet and the report).
"""

from __future__ import annotations

import html

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QUndoCommand
from PySide6.QtWidgets import QFrame, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from .contrast import set_sheet
from .document import AnswerEdit, ScanDocument

PREVIOUS_CYCLE_TEXT = "Uit vorige scan – bevestig of wijzig"
CONFIRM_SHORTCUT = "Ctrl+Shift+B"
#: The dashboard lists at most this many changed items (the Excel sheet and the report list all).
MAX_ITEMS = 15


def confirm_answer(doc: ScanDocument, item_id: str) -> bool:
    """Confirm an answer copied from the previous cycle, as it is (one undo step). False when
    there was nothing to confirm."""
    answer = doc.answer(item_id)
    if answer is None or not answer.from_previous_cycle:
        return False
    after = answer.model_copy(deep=True)
    after.from_previous_cycle = False
    command = AnswerEdit(doc, item_id, after, "from_previous_cycle", mergeable=False)
    command.setText(f"Antwoord van {item_id} bevestigen")
    doc.push(command)
    return True


def unconfirmed_items(doc: ScanDocument, section_id: str | None = None) -> list[str]:
    """Item ids still marked as from the previous cycle, in checklist order (one section or all)."""
    from ..cycle import unconfirmed  # the cycle package on first use: not needed for the first window

    pending = set(unconfirmed(doc.assessment))
    if section_id is not None:
        ids = [item.id for item in doc.checklists.section(section_id).items]
    else:
        ids = [item.id for fw in doc.checklists.frameworks for item in fw.all_items()]
    ordered = [i for i in ids if i in pending]
    if section_id is None:  # answers to items the checklists no longer hold are confirmed too
        ordered += sorted(pending - set(ordered))
    return ordered


class ConfirmAnswersCommand(QUndoCommand):
    """Confirm several answers from the previous cycle at once; undo marks them again."""

    def __init__(self, doc: ScanDocument, item_ids: list[str], text: str) -> None:
        super().__init__(text)
        self.doc = doc
        self.item_ids = list(item_ids)

    def redo(self) -> None:
        from ..cycle import confirm_answers

        confirm_answers(self.doc.assessment, self.item_ids)
        self.doc.notify_changed("")

    def undo(self) -> None:
        for item_id in self.item_ids:
            answer = self.doc.assessment.answers.get(item_id)
            if answer is not None:
                answer.from_previous_cycle = True
        self.doc.notify_changed("")


def confirm_all_answers(doc: ScanDocument, section_id: str | None = None) -> int:
    """Confirm every answer still from the previous cycle (of ``section_id``, or all) as one undo
    step; returns how many were confirmed (0: nothing pushed)."""
    ids = unconfirmed_items(doc, section_id)
    if not ids:
        return 0
    where = f" van {doc.checklists.section(section_id).title}" if section_id is not None else ""
    doc.push(ConfirmAnswersCommand(doc, ids, f"{len(ids)} antwoorden uit vorige scan{where} bevestigen"))
    return len(ids)


class ConfirmSectionBar(QFrame):
    """On the section page: how many answers of the section are still to confirm, and a button
    that confirms them all (``on_confirm(section_id)`` asks first)."""

    def __init__(self, doc: ScanDocument, on_confirm: Callable[[str], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.on_confirm = on_confirm
        self.section_id: str | None = None
        self.setObjectName("confirmSectionBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        set_sheet(self, "#confirmSectionBar { background-color: #fff2cc; border: 1px solid #bf8f00; }")
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.button = QPushButton("Alle antwoorden uit vorige scan &bevestigen…", self)
        self.button.setToolTip("De overgenomen antwoorden van dit onderdeel bevestigen zoals ze zijn "
                               "(ongedaan te maken met Ctrl+Z)")
        self.button.clicked.connect(self._confirm)
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)
        doc.changed.connect(self._on_changed)
        self.setVisible(False)

    def _on_changed(self, _key: str) -> None:
        if self.section_id is not None:
            self.refresh()

    def set_section(self, section_id: str | None) -> None:
        self.section_id = section_id
        self.refresh()

    def count(self) -> int:
        return len(unconfirmed_items(self.doc, self.section_id)) if self.section_id else 0

    def refresh(self) -> None:
        n = self.count()
        self.label.setText(f"↻ <b>{n} te bevestigen</b>: {'dit antwoord is' if n == 1 else 'deze antwoorden zijn'} "
                           "overgenomen uit de vorige scan en nog niet bevestigd.")
        self.button.setAccessibleName(f"Alle {n} antwoorden uit vorige scan van dit onderdeel bevestigen")
        self.setVisible(n > 0)

    def _confirm(self) -> None:
        if self.section_id is not None:
            self.on_confirm(self.section_id)


class PreviousCycleBar(QFrame):
    """The marker above the answer; ``set_item(item_id)`` when the page shows another item."""

    def __init__(self, doc: ScanDocument, page: QWidget) -> None:
        super().__init__(page)
        self.doc = doc
        self.item_id: str | None = None
        self.setObjectName("previousCycleBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # the marker must stand out by more than colour: a symbol, bold text and a button
        set_sheet(self, "#previousCycleBar { background-color: #fff2cc; border: 1px solid #bf8f00; }")
        self.label = QLabel(f"↻ <b>{html.escape(PREVIOUS_CYCLE_TEXT)}</b>", self)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.detail = QLabel("Dit antwoord is overgenomen uit de vorige scan en nog niet bevestigd. "
                             "Klopt het nog? Bevestig het, of kies een ander antwoord.", self)
        self.detail.setWordWrap(True)
        self.confirm_button = QPushButton("Bevestig &antwoord", self)
        self.confirm_button.setToolTip(f"Het antwoord klopt nog: bevestigen voor deze scan ({CONFIRM_SHORTCUT})")
        self.confirm_button.setAccessibleName("Antwoord uit de vorige scan bevestigen")
        self.confirm_button.clicked.connect(self.confirm)
        texts = QVBoxLayout()
        texts.addWidget(self.label)
        texts.addWidget(self.detail)
        layout = QHBoxLayout(self)
        layout.addLayout(texts, 1)
        layout.addWidget(self.confirm_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.shortcut = QShortcut(QKeySequence(CONFIRM_SHORTCUT), page)
        self.shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.shortcut.activated.connect(self.confirm)
        doc.changed.connect(self._on_changed)
        self.setVisible(False)

    def set_item(self, item_id: str | None) -> None:
        self.item_id = item_id
        self.refresh()

    def refresh(self) -> None:
        answer = self.doc.answer(self.item_id) if self.item_id else None
        self.setVisible(bool(answer and answer.from_previous_cycle))

    def confirm(self) -> bool:
        return self.item_id is not None and confirm_answer(self.doc, self.item_id)

    def _on_changed(self, key: str) -> None:
        if key in ("", self.item_id):
            self.refresh()


class ProgressPanel(QGroupBox):
    """Progress since the baseline scan, per framework and section, and the completed actions."""

    def __init__(self, doc: ScanDocument, parent: QWidget | None = None) -> None:
        super().__init__("Voortgang", parent)
        self.doc = doc
        self.context: dict | None = None
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setAccessibleName("Voortgang sinds de vorige scan")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        doc.baselineChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        baseline = self.doc.baseline
        if baseline is None:
            self.context = None
            self.summary.clear()
            self.setVisible(False)
            return
        from ..cycle import compare_scans  # only with a baseline: not for the first window
        from ..export.common.progress import progress_context

        self.context = progress_context(compare_scans(self.doc.checklists, baseline, self.doc.assessment))
        self.setTitle(f"Voortgang sinds {self.context['baseline_short']}")
        self.summary.setText(self.html())
        self.setVisible(True)

    def lines(self) -> list[str]:
        """The change per framework and section as plain lines (also what tests read)."""
        c = self.context
        if c is None:
            return []
        since = c["baseline_short"]
        out = []
        for fw in c["frameworks"]:
            out.append(f"{fw['short_title']}: {fw['delta_text']} sinds {since} ({fw['baseline_text']} → "
                       f"{fw['current_text']})")
            out.extend(f"   {s['title']}: {s['delta_text']} ({s['baseline_text']} → {s['current_text']})"
                       for s in fw["sections"] if s["delta_text"] != "gelijk")
        return out

    def html(self) -> str:
        c = self.context
        assert c is not None
        e = html.escape
        parts = [f"<p>Deze scan ({e(c['current_short'])}) vergeleken met de scan van {e(c['baseline_short'])}"
                 + (f" ({e(self.doc.baseline_source)})" if self.doc.baseline_source else "") + ".</p>"]
        parts.extend(f"<p><b>Let op:</b> {e(n)}</p>" for n in c["notes"])
        rows = []
        for fw in c["frameworks"]:
            rows.append(f"<tr><td><b>{e(fw['short_title'])}</b></td><td align='right'>{e(fw['baseline_text'])}</td>"
                        f"<td align='right'>{e(fw['current_text'])}</td><td><b>{e(fw['delta_text'])}</b></td></tr>")
            for s in fw["sections"]:
                rows.append(f"<tr><td>&nbsp;&nbsp;{e(s['title'])}</td><td align='right'>{e(s['baseline_text'])}</td>"
                            f"<td align='right'>{e(s['current_text'])}</td><td>{e(s['delta_text'])}</td></tr>")
        parts.append("<table cellspacing='0' cellpadding='3'><tr><th align='left'>Kader en onderdeel</th>"
                     f"<th align='right'>{e(c['baseline_short'])}</th><th align='right'>{e(c['current_short'])}</th>"
                     "<th align='left'>Verschil</th></tr>" + "".join(rows) + "</table>")
        counts = "<br>".join(f"{e(fw['short_title'])}: {e(fw['counts_text'])}." for fw in c["frameworks"])
        if counts:
            parts.append(f"<p><b>Items per kader</b><br>{counts}</p>")
        changed = [i for fw in c["frameworks"] for i in fw["changed_items"]]
        order = {"slechter": 0, "beter": 1, "nieuw": 2, "vervallen": 3}
        changed.sort(key=lambda i: order.get(i["change"], 4))
        if changed:
            shown = "".join(f"<li><b>{e(i['change'])}</b>: {e(i['id'])} {e(i['text'])} "
                            f"<i>({e(i['before'])} → {e(i['after'])})</i></li>" for i in changed[:MAX_ITEMS])
            more = (f"<p>En nog {len(changed) - MAX_ITEMS} items: zie het blad Voortgang in het Excel-plan.</p>"
                    if len(changed) > MAX_ITEMS else "")
            parts.append(f"<p><b>Veranderde items, het slechtere eerst:</b></p><ul>{shown}</ul>{more}")
        if c["completed"]:
            items = "".join(f"<li>{e(a['id'])} {e(a['title'])} <i>(was: {e(a['was'].lower())})</i></li>"
                            for a in c["completed"])
            parts.append(f"<p><b>Afgeronde acties sinds {e(c['baseline_short'])} ({len(c['completed'])}):</b></p>"
                         f"<ul>{items}</ul>")
        else:
            parts.append(f"<p>Sinds {e(c['baseline_short'])} is geen actie afgerond.</p>")
        if c["not_comparable"]:
            nc = "; ".join(f"{e(n['id'])}: {e(n['reason'])}" for n in c["not_comparable"])
            parts.append(f"<p><b>Niet te vergelijken:</b> {nc}.</p>")
        return "".join(parts)
