"""The start screen shown when no scan is open: new scan, open, recent files, the example scan."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from . import settings
from .icons import app_icon
from .pages.common import heading, text_label, vertical_scroll

_PATH_ROLE = Qt.ItemDataRole.UserRole


class StartScreen(QWidget):
    """Buttons for the first steps and the list of recent files (Enter or double-click opens)."""

    newScan = Signal()
    openFile = Signal()
    openExample = Signal()
    openRecent = Signal(object)  # Path

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QWidget(self)
        column.setMaximumWidth(760)
        layout = QVBoxLayout(column)
        layout.setSpacing(10)

        top = QHBoxLayout()
        logo = QLabel(column)
        logo.setPixmap(app_icon().pixmap(QSize(64, 64)))
        logo.setAccessibleName("Dienstscan-logo")
        top.addWidget(logo)
        top.addWidget(heading("Dienstscan", size=1.9), 1)
        layout.addLayout(top)
        layout.addWidget(text_label(
            "Meet uw publieke dienstverlening aan de BurgerServiceCode, de 5 beloften en Antwoord©, "
            "vergelijk met de benchmarks en maak een verbeterplan.", muted=True))
        layout.addSpacing(12)

        self.new_button = QPushButton("&Nieuwe scan…", column)
        self.new_button.setToolTip("Een nieuwe scan beginnen (Ctrl+N)")
        self.open_button = QPushButton("Scan &openen…", column)
        self.open_button.setToolTip("Een opgeslagen scan openen (Ctrl+O)")
        self.example_button = QPushButton("&Voorbeeldscan bekijken", column)
        self.example_button.setToolTip("Een kopie van de voorbeeldscan ‘Gemeente Voorbeeld’ openen; "
                                       "het voorbeeld zelf blijft ongewijzigd")
        buttons = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.example_button):
            button.setMinimumHeight(36)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addSpacing(16)

        recent_label = QLabel("&Recente bestanden:", column)
        self.recent = QListWidget(column)
        self.recent.setAccessibleName("Recente bestanden")
        self.recent.setMinimumHeight(120)
        self.recent.setMaximumHeight(320)
        recent_label.setBuddy(self.recent)
        self.no_recent = text_label("Nog geen recente bestanden. Begin een nieuwe scan of bekijk de voorbeeldscan.",
                                    muted=True)
        layout.addWidget(recent_label)
        layout.addWidget(self.recent)
        layout.addWidget(self.no_recent)
        layout.addStretch(1)

        holder = QWidget(self)
        outer = QHBoxLayout(holder)
        outer.setContentsMargins(24, 24, 24, 24)
        outer.addStretch(1)
        outer.addWidget(column, 4)
        outer.addStretch(1)
        # scrolls in a short window (200% scaling on 1366x768) instead of cutting the text off
        page = QVBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(vertical_scroll(holder, "Startscherm"))

        self.new_button.clicked.connect(self.newScan)
        self.open_button.clicked.connect(self.openFile)
        self.example_button.clicked.connect(self.openExample)
        self.recent.itemActivated.connect(self._activated)
        self.setTabOrder(self.new_button, self.open_button)
        self.setTabOrder(self.open_button, self.example_button)
        self.setTabOrder(self.example_button, self.recent)
        self.refresh()

    def refresh(self) -> None:
        self.recent.clear()
        for path in settings.recent_files():
            entry = QListWidgetItem(f"{path.name}\n{path.parent}")
            entry.setData(_PATH_ROLE, str(path))
            entry.setToolTip(str(path))
            self.recent.addItem(entry)
        has_any = self.recent.count() > 0
        self.recent.setVisible(has_any)
        self.no_recent.setVisible(not has_any)
        if has_any:
            self.recent.setCurrentRow(0)

    def _activated(self, entry: QListWidgetItem) -> None:
        self.openRecent.emit(Path(entry.data(_PATH_ROLE)))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.refresh()
        super().showEvent(event)
