"""The analysis of a BSC norm on the item page: barriers, causes and solutions (as in the thesis).

``AnalysisBox(doc)`` holds the three lists; ``show(item_id)`` loads them from the answer and every
edit goes through ``ScanDocument.set_list`` (undoable). A chosen solution becomes an accepted
action in the plan ("Als actie in het plan", ``plan_commands.solution_to_action``): each solution
can become a plan action.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPushButton, QWidget

from ..document import ScanDocument
from ..plan_commands import solution_to_action
from ..widgets import EditableList, TwoWayGrid

#: (answer field, label with mnemonic, singular for the list's buttons)
LISTS = (
    ("barriers", "B&elemmeringen", "belemmering"),
    ("causes", "Oo&rzaken", "oorzaak"),
    ("solutions", "Op&lossingen", "oplossing"),
)


TITLE = "Analyse (zoals in de scriptie): belemmeringen, oorzaken en oplossingen"
#: on a narrow page: a group box is never narrower than its title, and each list has its own label
TITLE_NARROW = "Analyse (zoals in de scriptie)"


class AnalysisBox(QGroupBox):
    """Barriers, causes and solutions of one item, side by side."""

    def __init__(self, doc: ScanDocument, parent: QWidget | None = None) -> None:
        super().__init__(TITLE, parent)
        self.doc = doc
        self.item_id: str | None = None
        self._loading = False
        grid = QGridLayout(self)
        self.lists: dict[str, EditableList] = {}
        wide: list[tuple] = []
        narrow: list[tuple] = []
        for column, (field, text, singular) in enumerate(LISTS):
            editor = EditableList(text.replace("&", ""), singular, self)
            editor.list.setFixedHeight(78)
            label = QLabel(text + ":", self)
            label.setBuddy(editor.list)
            wide += [(label, 0, column, 1, 1), (editor, 1, column, 1, 1)]
            narrow += [(label, 2 * column, 0, 1, 1), (editor, 2 * column + 1, 0, 1, 1)]
            editor.valuesChanged.connect(lambda values, f=field: self._edit_list(f, values))
            self.lists[field] = editor
        solutions = self.lists["solutions"]
        self.solution_action_button = QPushButton("Als &actie in het plan", solutions)
        self.solution_action_button.setAccessibleName("gekozen oplossing als actie in het verbeterplan opnemen")
        self.solution_action_button.setToolTip("De gekozen oplossing als geaccepteerde actie in het verbeterplan opnemen")
        solutions.layout().itemAt(1).layout().insertWidget(2, self.solution_action_button)
        self.solution_action_button.clicked.connect(self._solution_to_action)
        solutions.list.currentRowChanged.connect(lambda _row: self._update_solution_button())
        self.solution_status = QLabel("", self)
        self.solution_status.setWordWrap(True)
        wide.append((self.solution_status, 2, 0, 1, 3))
        narrow.append((self.solution_status, 6, 0, 1, 1))
        #: side by side, or one under the other on a narrow page (``set_narrow``)
        self.grid = TwoWayGrid(grid, wide, narrow, narrow_stretch={0: 1})

    def set_narrow(self, narrow: bool) -> None:
        self.grid.set_narrow(narrow)
        self.setTitle(TITLE_NARROW if narrow else TITLE)

    def set_item(self, item_id: str) -> None:
        """Another item: its lists, and no status line of the previous one."""
        self.item_id = item_id
        self.solution_status.setText("")
        self.refresh()

    def refresh(self) -> None:
        answer = self.doc.answer(self.item_id) if self.item_id else None
        self._loading = True
        try:
            for field, editor in self.lists.items():
                editor.set_values(list(getattr(answer, field)) if answer else [])
            self._update_solution_button()
        finally:
            self._loading = False

    def _edit_list(self, field: str, values: list[str]) -> None:
        if not self._loading and self.item_id is not None:
            self.doc.set_list(self.item_id, field, values)

    def _update_solution_button(self) -> None:
        editor = self.lists["solutions"]
        row = editor.list.currentRow()
        self.solution_action_button.setEnabled(0 <= row < len(editor.values()))

    def _solution_to_action(self) -> None:
        if self.item_id is None:
            return
        row = self.lists["solutions"].list.currentRow()
        try:
            action_id = solution_to_action(self.doc, self.item_id, row)
        except ValueError as exc:
            self.solution_status.setText(str(exc))
            return
        self.solution_status.setText(f"Opgenomen in het verbeterplan als actie {action_id} (geaccepteerd).")
