"""The "Over Dienstscan" dialog: what a helpdesk asks first (version, log file, checklists).

``show_about(parent)`` opens it modally (Help > Over Dienstscan). It shows the program's version,
how it was installed, the version of every loaded checklist, where the log file and the user's
data are (the log folder opens with one click), the licence and Qt/Python versions. "Gegevens
kopiëren" puts the same facts on the clipboard as plain text for an e-mail to the helpdesk.

``about_facts`` gathers the facts without building widgets, so tests check the content and the
dialog only lays it out.
"""

from __future__ import annotations

import html
import platform
import sys
from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from . import dialogs
from .. import __version__
from ..checklists import ChecklistError, default_checklist_dir, load_checklists
from ..logs import log_path, log_problem
from ..model import ChecklistSet
from ..resources import package_dir, running_from
from ..storage.recovery import data_dir
from .icons import app_icon

LICENCE = (
    "Dienstscan is vrije software onder de European Union Public Licence 1.2 (EUPL-1.2): u mag het "
    "programma gebruiken, bestuderen, aanpassen en delen. Het gebruikt Qt (LGPL-3.0) via PySide6."
)


open_folder = dialogs.open_in_system  # one home; tests replace it here


def checklist_lines(checklists: ChecklistSet | None = None) -> list[str]:
    """One Dutch line per framework with its version; or why the checklists could not be read."""
    if checklists is None:
        try:
            checklists = load_checklists(default_checklist_dir())
        except ChecklistError as exc:
            count = len(exc.problems)
            return [f"de checklists bevatten {count} {'fout' if count == 1 else 'fouten'} "
                    "(zie 'dienstscan validate')"]
        except OSError as exc:
            return [f"de checklists zijn niet te lezen ({describe_os_error(exc)})"]
    return [f"{fw.title} ({fw.short_title}), versie {fw.version}" for fw in checklists.frameworks]


def program_dir() -> Path:
    """Where the program itself is: the bundle's folder, else the ``dienstscan`` package."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return package_dir()


def about_facts(checklists: ChecklistSet | None = None) -> list[tuple[str, str]]:
    """The dialog's rows as (label, value), in the order shown; also the clipboard text."""
    log = log_path()
    problem = log_problem()
    log_text = f"{log} ({problem})" if problem else str(log)
    return [
        ("Versie", f"{__version__} ({running_from()})"),
        ("Checklists", "\n".join(checklist_lines(checklists))),
        ("Checklistmap", str(default_checklist_dir())),
        ("Logbestand", log_text),
        ("Gegevensmap", str(data_dir())),
        ("Programma", str(program_dir())),
        ("Onderdelen", f"Python {platform.python_version()}, Qt {qVersion()}, PySide6 {PySide6.__version__}"),
        ("Systeem", platform.platform()),
    ]


def facts_text(facts: list[tuple[str, str]]) -> str:
    """The facts as plain text for the clipboard."""
    lines = ["Dienstscan"]
    for label, value in facts:
        first, *rest = value.split("\n")
        lines.append(f"{label}: {first}")
        lines.extend(f"    {more}" for more in rest)
    return "\n".join(lines) + "\n"


class AboutDialog(QDialog):
    """The dialog itself; ``show_about`` is what the main window calls."""

    def __init__(self, parent: QWidget | None = None, checklists: ChecklistSet | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Over Dienstscan")
        self.facts = about_facts(checklists)

        layout = QVBoxLayout(self)
        header = QHBoxLayout()
        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(64, 64))
        icon.setAccessibleName("Dienstscan-pictogram")
        header.addWidget(icon)
        title = QLabel(f"<h2>Dienstscan {html.escape(__version__)}</h2>"
                       "<p>Meet de volwassenheid van de publieke dienstverlening<br>"
                       "en maak er een verbeterplan van.</p>")
        header.addWidget(title, 1)
        layout.addLayout(header)

        form = QFormLayout()
        self.value_labels: dict[str, QLabel] = {}
        for label, value in self.facts:
            if label == "Logbestand":
                shown = QLabel(f'<a href="log">{html.escape(value)}</a>')
                shown.setToolTip("Klik om de map met het logbestand te openen")
                shown.linkActivated.connect(lambda _link: self.open_log_folder())
            else:
                shown = QLabel(html.escape(value).replace("\n", "<br>"))
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            caption = QLabel(f"{label}:")
            caption.setBuddy(shown)
            form.addRow(caption, shown)
            self.value_labels[label] = shown
        layout.addLayout(form)

        licence = QLabel(LICENCE)
        licence.setWordWrap(True)
        layout.addWidget(licence)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("&Sluiten")
        self.open_log_button = QPushButton("&Logmap openen")
        self.copy_button = QPushButton("Gegevens &kopiëren")
        buttons.addButton(self.open_log_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_log_button.clicked.connect(self.open_log_folder)
        self.copy_button.clicked.connect(self.copy_facts)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def open_log_folder(self) -> None:
        folder = log_path().parent
        folder.mkdir(parents=True, exist_ok=True)
        open_folder(folder)

    def copy_facts(self) -> None:
        QGuiApplication.clipboard().setText(facts_text(self.facts))


def show_about(parent: QWidget | None = None, checklists: ChecklistSet | None = None) -> None:
    """Show "Over Dienstscan" modally; ``checklists`` are the loaded ones (else read from disk)."""
    AboutDialog(parent, checklists).exec()
