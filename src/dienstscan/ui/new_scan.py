"""The new-scan wizard: organisation, kind, peildatum, participants and the frameworks in scope.

Two short pages. The frameworks are preselected by the organisation's kind from the checklists'
``applies_to`` (BSC for every kind; 5 beloften and Antwoord for gemeenten), and the user can
switch any of them on or off. Items of the chosen frameworks that do not apply to the kind (an
item's ``applies_to``, such as the Omgevingsloket for a ministry) are listed with their reason, and
are answered *Niet van toepassing* with that reason unless the user unticks it.
``NewScanWizard.assessment()`` builds the new scan.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ..model import Assessment, ChecklistSet, Organisation, Participant, answer_not_applicable
from ..model.checklist import ORGANISATION_KIND_LABELS
from .widgets import DATE_FORMAT, from_qdate, to_qdate


def parse_participants(text: str) -> list[Participant]:
    """One participant a line, optionally ``naam - rol`` or ``naam, rol``."""
    people = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        for sep in (" - ", " – ", ", "):
            if sep in line:
                name, role = line.split(sep, 1)
                people.append(Participant(name=name.strip() or line, role=role.strip()))
                break
        else:
            people.append(Participant(name=line))
    return people


class _OrganisationPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Organisatie")
        self.setSubTitle("Voor welke organisatie is de scan, en op welke datum geldt hij?")
        self.name = QLineEdit(self)
        self.name.setPlaceholderText("bijvoorbeeld Gemeente Bergen")
        self.name.setMaxLength(200)
        self.kind = QComboBox(self)
        for key, label in ORGANISATION_KIND_LABELS.items():
            self.kind.addItem(label, key)
        self.inhabitants = QSpinBox(self)
        self.inhabitants.setRange(0, 20_000_000)
        self.inhabitants.setGroupSeparatorShown(True)
        self.inhabitants.setSpecialValueText("onbekend")
        self.inhabitants.setSingleStep(1000)
        self.peildatum = QDateEdit(self)
        self.peildatum.setDisplayFormat(DATE_FORMAT)
        self.peildatum.setCalendarPopup(True)
        self.peildatum.setDate(QDate.currentDate())
        form = QFormLayout(self)
        for text, field in (("&Naam van de organisatie:", self.name), ("&Soort organisatie:", self.kind),
                            ("&Inwoners (optioneel):", self.inhabitants), ("&Peildatum:", self.peildatum)):
            label = QLabel(text, self)
            label.setBuddy(field)
            form.addRow(label, field)
        self.registerField("name*", self.name)
        self.name.textChanged.connect(self.completeChanged)

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return bool(self.name.text().strip())


class _ScopePage(QWizardPage):
    def __init__(self, checklists: ChecklistSet, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.checklists = checklists
        self.setTitle("Deelnemers en kaders")
        self.setSubTitle("Wie doen mee, en aan welke kaders toetst u de dienstverlening?")
        layout = QVBoxLayout(self)
        label = QLabel("&Deelnemers (één per regel, eventueel met rol: ‘Naam - rol’):", self)
        label.setWordWrap(True)
        self.participants = QPlainTextEdit(self)
        self.participants.setTabChangesFocus(True)
        self.participants.setPlaceholderText("A. de Vries - projectleider\nB. Jansen - teamleider KCC")
        label.setBuddy(self.participants)
        layout.addWidget(label)
        layout.addWidget(self.participants, 1)
        layout.addWidget(QLabel("Kaders in de scan:", self))
        self.boxes: dict[str, QCheckBox] = {}
        for fw in checklists.frameworks:
            extra = ", aanvullend" if not fw.preselect else ""
            box = QCheckBox(f"{fw.title} ({fw.short_title}{extra})", self)
            box.setToolTip(fw.description)
            self.boxes[fw.id] = box
            box.toggled.connect(self.completeChanged)
            layout.addWidget(box)
        self.hint = QLabel("Kies minstens één kader.", self)
        layout.addWidget(self.hint)
        self.kind = ""
        self.answer_na = QCheckBox(self)
        self.answer_na.setChecked(True)
        self.not_applicable = QLabel(self)
        self.not_applicable.setWordWrap(True)
        self.not_applicable.setTextFormat(Qt.TextFormat.PlainText)
        self.not_applicable.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.na_scroll = QScrollArea(self)
        self.na_scroll.setWidgetResizable(True)
        self.na_scroll.setWidget(self.not_applicable)
        self.na_scroll.setMaximumHeight(120)
        layout.addWidget(self.answer_na)
        layout.addWidget(self.na_scroll)
        for box in self.boxes.values():
            box.toggled.connect(self._show_not_applicable)

    def preselect(self, kind: str) -> None:
        self.kind = kind
        chosen = set(self.checklists.preselected_frameworks(kind))
        for fw_id, box in self.boxes.items():
            box.setChecked(fw_id in chosen)
        self._show_not_applicable()

    def not_applicable_items(self) -> list[tuple[str, str]]:
        """(item id, reason) for the items of the chosen frameworks that do not apply to the kind."""
        return [(item.id, reason) for item, reason in self.checklists.not_applicable_items(self.kind, self.chosen())]

    def _show_not_applicable(self, *_args: object) -> None:
        items = self.not_applicable_items()
        kind = ORGANISATION_KIND_LABELS.get(self.kind, self.kind).lower()
        self.answer_na.setText(
            f"Beantwoord de {len(items)} items die niet voor een {kind} gelden met ‘Niet van toepassing’, "
            "met de reden als uitleg" if len(items) != 1 else
            f"Beantwoord het item dat niet voor een {kind} geldt met ‘Niet van toepassing’, met de reden als uitleg")
        self.not_applicable.setText("\n\n".join(
            f"{item_id} {self.checklists.item(item_id).text}: {reason}" for item_id, reason in items))
        self.answer_na.setVisible(bool(items))
        self.na_scroll.setVisible(bool(items))

    def chosen(self) -> list[str]:
        return [fw_id for fw_id, box in self.boxes.items() if box.isChecked()]

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        ok = bool(self.chosen())
        self.hint.setVisible(not ok)
        return ok


class NewScanWizard(QWizard):
    """Ask what a new scan needs; ``assessment()`` builds it after ``exec()`` was accepted."""

    def __init__(self, checklists: ChecklistSet, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.checklists = checklists
        self.setWindowTitle("Nieuwe scan")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.organisation_page = _OrganisationPage(self)
        self.scope_page = _ScopePage(checklists, self)
        self.addPage(self.organisation_page)
        self.addPage(self.scope_page)
        self.organisation_page.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        # never taller or wider than the screen (1366x768 at 200% leaves 683x384 logical pixels):
        # the Volgende/Voltooien buttons must stay in view
        screen = (parent.screen() if parent is not None else None) or self.screen()
        room = screen.availableGeometry() if screen is not None else None
        self.resize(min(620, room.width() - 40) if room else 620, min(460, room.height() - 40) if room else 460)

    def _kind_changed(self, *_args: object) -> None:
        self.scope_page.preselect(self.organisation_page.kind.currentData())

    def fill(self, *, name: str, kind: str = "gemeente", peildatum: dt.date | None = None,
             inhabitants: int | None = None, participants: str = "") -> None:
        """Fill the fields as a user would (tests, and a future 'copy from previous scan')."""
        page = self.organisation_page
        page.name.setText(name)
        page.kind.setCurrentIndex(page.kind.findData(kind))
        if peildatum is not None:
            page.peildatum.setDate(to_qdate(peildatum))
        page.inhabitants.setValue(inhabitants or 0)
        self.scope_page.participants.setPlainText(participants)

    def assessment(self) -> Assessment:
        page = self.organisation_page
        chosen = self.scope_page.chosen()
        inhabitants = page.inhabitants.value() or None
        scan = Assessment(
            organisation=Organisation(name=page.name.text().strip(), kind=page.kind.currentData(),
                                      inhabitants=inhabitants),
            peildatum=from_qdate(page.peildatum.date()),
            participants=parse_participants(self.scope_page.participants.toPlainText()),
            frameworks=chosen,
            checklist_versions={fw.id: fw.version for fw in self.checklists.frameworks if fw.id in chosen},
        )
        if self.scope_page.answer_na.isChecked():
            answer_not_applicable(self.checklists, scan)
        return scan
