"""Every modal dialog the application shows, as small functions that tests replace.

The windows never call ``QMessageBox``/``QFileDialog`` directly: they call these functions, so a
test patches e.g. ``dialogs.save_scan_file`` with ``monkeypatch`` and no dialog ever blocks. The
file dialogs are the native ones; Qt's buttons are Dutch through the ``qtbase_nl`` translation.
"""

from __future__ import annotations

from pathlib import Path
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ..storage import FILE_SUFFIX

if TYPE_CHECKING:
    from ..model import Assessment, ChecklistSet
    from ..storage import RecoveryCopy

FILE_FILTER = f"Dienstscan-bestanden (*{FILE_SUFFIX});;Alle bestanden (*)"

Role = QMessageBox.ButtonRole
Icon = QMessageBox.Icon


def choose(parent: QWidget | None, *, icon: QMessageBox.Icon, title: str, text: str,
           buttons: Sequence[tuple[str, str, QMessageBox.ButtonRole]], default: str | None = None,
           informative: str = "", details: str = "") -> str | None:
    """A message box with our own Dutch buttons, given as (key, label, role); the key of the one
    clicked, or None when the box is closed another way (Esc, the window's cross)."""
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    if informative:
        box.setInformativeText(informative)
    if details:
        box.setDetailedText(details)
    made = {key: box.addButton(label, role) for key, label, role in buttons}
    if default is not None:
        box.setDefaultButton(made[default])
    box.exec()
    clicked = box.clickedButton()
    return next((key for key, button in made.items() if button is clicked), None)


def open_scan_file(parent: QWidget | None, folder: Path) -> Path | None:
    """Ask which scan to open (native dialog); None when cancelled."""
    name, _ = QFileDialog.getOpenFileName(parent, "Scan openen", str(folder), FILE_FILTER)
    return Path(name) if name else None


def save_scan_file(parent: QWidget | None, suggested: Path) -> Path | None:
    """Ask where to save the scan (native dialog); the suffix is added when missing."""
    name, _ = QFileDialog.getSaveFileName(parent, "Scan opslaan als", str(suggested), FILE_FILTER)
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() != FILE_SUFFIX:
        path = path.with_name(path.name + FILE_SUFFIX)
    return path


def ask_save_changes(parent: QWidget | None, name: str) -> Literal["save", "discard", "cancel"]:
    """'Wijzigingen opslaan?' with Opslaan / Niet opslaan / Annuleren."""
    chosen = choose(parent, icon=Icon.Warning, title="Dienstscan", text=f"Wilt u de wijzigingen in '{name}' opslaan?",
                    informative="Als u niet opslaat, gaan uw wijzigingen verloren.",
                    buttons=[("save", "&Opslaan", Role.AcceptRole), ("discard", "&Niet opslaan", Role.DestructiveRole),
                             ("cancel", "Annuleren", Role.RejectRole)], default="save")
    return "save" if chosen == "save" else "discard" if chosen == "discard" else "cancel"


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.warning(parent, title, message)


def show_info(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.information(parent, title, message)


def ask_recovery(parent: QWidget | None, copy: RecoveryCopy) -> Literal["restore", "discard", "later"]:
    """Offer a recovery copy found at start: Herstellen / Weggooien / Later."""
    when = copy.saved_at.astimezone()
    where = f"van '{copy.scan_path.name}'" if copy.scan_path else "die nog nooit is opgeslagen"
    text = (f"Dienstscan is de vorige keer niet netjes afgesloten. Er is niet-opgeslagen werk "
            f"gevonden van {copy.organisation}, een scan {where}.")
    info = f"Herstelkopie van {when:%d-%m-%Y} om {when:%H:%M}."
    if copy.changed_since and copy.scan_path is not None:
        info += (f" Let op: '{copy.scan_path.name}' is daarna nog gewijzigd (door de opdrachtregel of een ander "
                 "programma). Herstellen opent dit werk als een aparte, nog niet opgeslagen scan; het bestand "
                 "blijft zoals het is. Sla het herstelde werk onder een andere naam op en vergelijk beide.")
    elif copy.state == "weg" and copy.scan_path is not None:
        info += f" Het bestand '{copy.scan_path}' bestaat niet meer; na herstellen kiest u waar u opslaat."
    chosen = choose(parent, icon=Icon.Question, title="Werk herstellen", text=text,
                    informative=info + " Wilt u dit werk herstellen?",
                    buttons=[("restore", "&Herstellen", Role.AcceptRole), ("discard", "&Weggooien", Role.DestructiveRole),
                             ("later", "&Later", Role.RejectRole)], default="restore")
    return "restore" if chosen == "restore" else "discard" if chosen == "discard" else "later"


def ask_save_as_after_lock_lost(parent: QWidget | None, message: str) -> bool:
    """Another Dienstscan took the scan over: True to save this work under another name."""
    return choose(parent, icon=Icon.Warning, title="Scan overgenomen", text=message, default="save_as",
                  buttons=[("save_as", "Opslaan &als...", Role.AcceptRole), ("cancel", "Annuleren", Role.RejectRole)]
                  ) == "save_as"


def ask_new_session_code(parent: QWidget | None) -> bool:
    """"Nieuwe code": True to make a fresh address and code, so old addresses stop working."""
    return choose(parent, icon=Icon.Question, title="Nieuwe code", default="cancel",
                  text="Een nieuw adres, een nieuwe QR-code en een nieuwe code maken?",
                  informative="Oude adressen, QR-codes en de oude code werken daarna niet meer, ook niet voor "
                              "wie ze nog heeft. De antwoorden die al in de scan staan, blijven staan; een "
                              "telefoon die opnieuw meedoet, telt als nieuwe deelnemer. Dit kan niet ongedaan "
                              "worden gemaakt.",
                  buttons=[("make", "&Nieuwe code maken", Role.DestructiveRole),
                           ("cancel", "Annuleren", Role.RejectRole)]) == "make"


def ask_take_over_lock(parent: QWidget | None, message: str) -> bool:
    """The scan is open elsewhere: True to open it anyway (take the lock over)."""
    return choose(parent, icon=Icon.Warning, title="Scan al geopend", text=message, default="cancel",
                  buttons=[("take", "&Toch openen", Role.DestructiveRole), ("cancel", "Annuleren", Role.RejectRole)]
                  ) == "take"


def ask_repair_scan(parent: QWidget | None, message: str, repairs: list[str]) -> bool:
    """The scan holds what its rules forbid but can be set right without losing anything: True to
    open it set right (the file changes only when the user saves)."""
    informative = ("Dienstscan kan de scan openen en dit herstellen; er gaat niets verloren:\n" + "\n".join(repairs)
                   + "\n\nHet bestand verandert pas als u opslaat (de vorige versie blijft als reservekopie bewaard).")
    return choose(parent, icon=Icon.Warning, title="Scan herstellen", text=message, informative=informative,
                  buttons=[("repair", "&Herstellen en openen", Role.AcceptRole), ("cancel", "Annuleren", Role.RejectRole)],
                  default="cancel") == "repair"


def new_scan(parent: QWidget | None, checklists: ChecklistSet) -> Assessment | None:
    """Run the new-scan wizard; the new scan, or None when cancelled."""
    from .new_scan import NewScanWizard

    wizard = NewScanWizard(checklists, parent)
    if wizard.exec() != NewScanWizard.DialogCode.Accepted:
        return None
    return wizard.assessment()


def about(parent: QWidget | None, text: str) -> None:
    QMessageBox.about(parent, "Over Dienstscan", text)


def open_in_system(path: Path) -> bool:
    """Open a file with the program the system uses for it, or a folder in Verkenner (or the
    desktop's file manager). Modules keep their own name for it (``open_file``, ``open_folder``,
    ``open_location``) so tests can replace it where it is used."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
