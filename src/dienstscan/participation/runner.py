"""A participation session without a GUI: ``dienstscan sessie SCAN`` (a Voorronde on the office network).

``HeadlessSession`` owns the scan while the session runs: it holds the scan's lock, starts the
server, and on its own (main) thread takes the accepted answers from a queue, puts them into the
assessment with ``apply_change`` (the same rule the GUI uses), writes the recovery copy and only
then confirms them to the phones. ``save()`` writes the scan itself (atomic, with a backup) and
drops the recovery copy; ``close()`` stops the server, saves and releases the lock.
"""

from __future__ import annotations

import datetime as dt
import queue
import threading
import time
from pathlib import Path

from .. import storage
from ..model import Assessment, ChecklistSet
from .content import Mode, SessionContent, apply_change
from .network import laptop_addresses
from .server import Accepted, Event, Limits, ParticipationServer, Presence


class HeadlessSession:
    """Server + scan + lock, driven by ``process()`` on the caller's thread."""

    def __init__(self, checklists: ChecklistSet, assessment: Assessment, path: Path, lock: storage.ScanLock, *,
                 mode: Mode = "voorronde", port: int = 0, host: str | None = None, addresses: list[str] | None = None,
                 limits: Limits | None = None) -> None:
        self.checklists = checklists
        self.assessment = assessment
        self.path = Path(path)
        self.lock = lock
        self.events: queue.Queue[Event] = queue.Queue()
        self.content = SessionContent.build(checklists, assessment)
        self.server = ParticipationServer(self.content, self.events.put, mode=mode, host=host, port=port,
                                          addresses=addresses if addresses is not None else laptop_addresses(),
                                          limits=limits)
        self.presence = Presence(0, {})
        self.unsaved = 0
        self.recorded = 0

    def start(self) -> None:
        self.server.start()

    def process(self, timeout: float = 0.2) -> int:
        """Apply what arrived (waiting up to ``timeout`` for the first event); returns answers applied.

        The recovery copy is written before any of them is confirmed, so a phone that saw
        "ontvangen" never loses its answer, even if the laptop dies next.
        """
        try:
            batch = [self.events.get(timeout=timeout)]
        except queue.Empty:
            return 0
        while True:
            try:
                batch.append(self.events.get_nowait())
            except queue.Empty:
                break
        accepted = []
        for event in batch:
            if isinstance(event, Presence):
                self.presence = event
                continue
            item_id = event.change.item_id
            if not event.change.is_empty():
                self.assessment.answers[item_id] = apply_change(self.assessment.answers.get(item_id), event.change)
                self.recorded += 1
            accepted.append(event)
        if not accepted:
            return 0
        try:
            storage.write_recovery(self.assessment, self.path)
        except storage.ScanFileError:
            self._fail(accepted)
            return 0
        self.unsaved += len(accepted)
        for event in accepted:
            event.confirm()
        return len(accepted)

    @staticmethod
    def _fail(accepted: list[Accepted]) -> None:
        for event in accepted:
            event.fail()

    def save(self) -> None:
        """Save the scan (raises ``ScanFileError`` in Dutch; the recovery copy then stays)."""
        if not self.lock.still_held():
            raise storage.ScanFileError(self.path, "Het slot op de scan is kwijt; de antwoorden staan in de "
                                        "herstelkopie.", "save_failed")
        self.assessment.modified = dt.datetime.now()
        storage.save_scan(self.assessment, self.path)
        storage.discard_recovery(self.assessment.id)
        self.unsaved = 0

    def run(self, stop: threading.Event, *, save_every: float = 10.0) -> None:
        """Process until ``stop`` is set (Ctrl+C); saves at most every ``save_every`` seconds."""
        last_save = time.monotonic()
        while not stop.is_set():
            self.process(0.5)
            if self.unsaved and time.monotonic() - last_save >= save_every:
                self.save()
                last_save = time.monotonic()
                self.lock.refresh()

    def close(self) -> None:
        """Stop listening, take in what is left, save and release the lock."""
        self.server.stop()
        while self.process(0):
            pass
        try:
            if self.unsaved:
                self.save()
        finally:
            self.lock.release()
