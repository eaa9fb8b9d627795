"""Two Dienstscans on one scan: the one whose lock was taken over never overwrites silently (29.1).

A opens the scan (this test's window). B, a real second process, takes it over ("Toch openen") and
saves. A's save used to go through without a word, and B's work was gone. Now A's save is refused,
A is told who took the scan, and is offered "Opslaan als" for its own work.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from dienstscan import storage

TAKER = Path(__file__).with_name("lock_taker.py")


def test_a_save_after_another_program_took_the_scan_over_is_refused(qtbot, window, fake_dialogs, new_assessment, tmp_path):
    path = tmp_path / "scan.dienstscan"
    storage.save_scan(new_assessment("Gemeente Proef"), path)
    assert window.open_path(path)
    window.doc.set_option("KA-01", "toegepast")

    taker = subprocess.Popen([sys.executable, str(TAKER), str(path)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    try:
        assert taker.stdout.readline().strip() == "ready"
        after_b = path.read_bytes()

        # the next lock refresh (every ten minutes) says so at once, in the status bar
        with qtbot.waitSignal(window.doc.lockLost):
            window.doc._refresh_lock()
        assert "niet meer door u vergrendeld" in window.statusBar().currentMessage()
        assert storage.read_lock(path).describe() in window.statusBar().currentMessage()

        fake_dialogs.save_as_after_lock_lost = False
        assert not window.save()
        [message] = fake_dialogs.messages("ask_save_as_after_lock_lost")
        assert "niet meer door u vergrendeld" in message and "Opslaan als" in message
        assert storage.read_lock(path).describe() in message  # who took it over
        assert path.read_bytes() == after_b  # B's work stands
        assert window.doc.is_dirty()

        elsewhere = tmp_path / "mijn werk.dienstscan"
        fake_dialogs.save_as_after_lock_lost = True
        fake_dialogs.save_path = elsewhere
        assert window.save()
        assert window.doc.path == elsewhere and not window.doc.is_dirty()
        assert storage.load_scan(elsewhere).answers["KA-01"].option == "toegepast"
        assert storage.load_scan(path).organisation.name == "Werk van B"
        assert storage.read_lock(path) is not None  # B's lock is left alone
    finally:
        taker.stdin.close()
        taker.wait()
        taker.stdout.close()
    assert not storage.lock_path(path).exists()  # B released it when it closed
