"""The permanent part of the main window's status bar: answered items and the recovery copy.

``ScanStatus(status_bar)`` adds two labels; ``set_document(doc)`` follows a newly opened scan
(None: clears them): "12 van 40 beantwoord · uitleg ontbreekt bij 2", and when the last
recovery copy was written, or in red that it could not be written.
"""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtWidgets import QFrame, QLabel, QStatusBar

from .document import ScanDocument

log = logging.getLogger(__name__)


class ScanStatus:
    """The two permanent labels of the status bar (``counts``, ``recovery``)."""

    def __init__(self, bar: QStatusBar) -> None:
        self.counts = QLabel(bar)
        self.recovery = QLabel(bar)
        # each message in its own box, with a line between them and between the passing message
        # (left) and these, so "Herstelkopie bewaard om 14:02" and "78 van 78 beantwoord" never
        # read as one sentence (issue 28)
        self.separators: list[QFrame] = []
        for label in (self.recovery, self.counts):
            label.setContentsMargins(8, 0, 8, 0)
            line = QFrame(bar)
            line.setFrameShape(QFrame.Shape.VLine)
            line.setFrameShadow(QFrame.Shadow.Sunken)
            self.separators.append(line)
            bar.addPermanentWidget(line)
            bar.addPermanentWidget(label)
        self.recovery.setAccessibleName("Herstelkopie")
        self.counts.setAccessibleName("Voortgang van de scan")
        self.doc: ScanDocument | None = None

    def _show_separators(self) -> None:
        self.separators[0].setVisible(bool(self.recovery.text()))
        self.separators[1].setVisible(bool(self.counts.text()))

    def set_document(self, doc: ScanDocument | None) -> None:
        self.doc = doc
        self.recovery.clear()
        self.recovery.setStyleSheet("")
        if doc is not None:
            # a closed document is deleted with its connections, so nothing to disconnect
            doc.changed.connect(self.update_counts)
            doc.recoveryWritten.connect(self.recovery_written)
            doc.recoveryFailed.connect(self.recovery_failed)
        self.update_counts()

    def update_counts(self, *_args: object) -> None:
        doc = self.doc
        if doc is None:
            self.counts.clear()
            self._show_separators()
            return
        counts = doc.counts()
        in_scope = [counts[f] for f in doc.assessment.frameworks if f in counts]
        total = sum(c.total for c in in_scope)
        answered = sum(c.answered for c in in_scope)
        missing = sum(c.explanation_missing for c in in_scope)
        unknown = sum(c.unknown for c in in_scope)
        text = f"{answered} van {total} beantwoord"
        if unknown:
            text += f"  ·  {unknown} met antwoord 'Onbekend'"
        if missing:
            text += f"  ·  uitleg ontbreekt bij {missing}"
        self.counts.setText(text)
        self._show_separators()

    def recovery_written(self, _path: object) -> None:
        self.recovery.setStyleSheet("")
        self.recovery.setText(f"Herstelkopie bewaard om {datetime.now():%H:%M}")
        self._show_separators()

    def recovery_failed(self, message: str) -> None:
        self.recovery.setStyleSheet("color: #a00000; font-weight: bold;")
        self.recovery.setText("Geen herstelkopie: sla de scan op!")
        self._show_separators()
        self.recovery.setToolTip(message)
        log.warning("herstelkopie mislukt: %s", message)
