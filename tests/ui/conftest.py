"""Fixtures for the GUI tests: checklists -> main window, with every modal dialog replaced.

``fake_dialogs`` swaps the functions of ``dienstscan.ui.dialogs`` for scripted answers and records
what was shown, so no test ever blocks on a dialog. Recovery copies and lock files go to the
test's own folders (``DIENSTSCAN_DATA_DIR``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dienstscan.checklists import default_checklist_dir, load_checklists

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
VALID_CHECKLISTS = FIXTURES / "checklists" / "valid"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "gemeente-voorbeeld.dienstscan"


class FakeDialogs:
    """Scripted answers for ``dienstscan.ui.dialogs``; ``shown`` lists (function, args) calls."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, tuple]] = []
        self.save_path: Path | None = None
        self.open_path: Path | None = None
        self.save_changes = "save"
        self.recovery = "restore"
        self.take_over = False
        self.save_as_after_lock_lost = False
        self.new_scan_result = None
        self.open_report = "close"
        self.repair = False

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from dienstscan.ui import dialogs

        def record(name, result):
            def fake(parent, *args):
                self.shown.append((name, args))
                return result() if callable(result) else result
            return fake

        monkeypatch.setattr(dialogs, "save_scan_file", record("save_scan_file", lambda: self.save_path))
        monkeypatch.setattr(dialogs, "open_scan_file", record("open_scan_file", lambda: self.open_path))
        monkeypatch.setattr(dialogs, "ask_save_changes", record("ask_save_changes", lambda: self.save_changes))
        monkeypatch.setattr(dialogs, "ask_recovery", record("ask_recovery", lambda: self.recovery))
        monkeypatch.setattr(dialogs, "ask_take_over_lock", record("ask_take_over_lock", lambda: self.take_over))
        monkeypatch.setattr(dialogs, "ask_save_as_after_lock_lost",
                            record("ask_save_as_after_lock_lost", lambda: self.save_as_after_lock_lost))
        monkeypatch.setattr(dialogs, "new_scan", record("new_scan", lambda: self.new_scan_result))
        monkeypatch.setattr(dialogs, "ask_repair_scan", record("ask_repair_scan", lambda: self.repair))
        monkeypatch.setattr(dialogs, "show_error", record("show_error", None))
        monkeypatch.setattr(dialogs, "show_info", record("show_info", None))
        from dienstscan.ui import report_dialog

        monkeypatch.setattr(report_dialog, "ask_open_report", record("ask_open_report", lambda: self.open_report))

    def messages(self, name: str) -> list[str]:
        return [args[-1] for n, args in self.shown if n == name]

    def count(self, name: str) -> int:
        return sum(1 for n, _ in self.shown if n == name)


@pytest.fixture(autouse=True)
def _own_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("DIENSTSCAN_DATA_DIR", str(tmp_path / "gegevens"))


@pytest.fixture(scope="session")
def checklists():
    return load_checklists(VALID_CHECKLISTS)


@pytest.fixture
def fake_dialogs(monkeypatch) -> FakeDialogs:
    fake = FakeDialogs()
    fake.install(monkeypatch)
    return fake


def _main_window(qtbot, checklists):
    """A shown main window at 1366x768 over ``checklists``; closed without questions afterwards."""
    from dienstscan.ui.app import create_application
    from dienstscan.ui.main_window import MainWindow

    create_application()
    win = MainWindow(checklists)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    yield win
    if win.doc is not None:  # never ask at teardown
        win.doc.undo_stack.setClean()
        win.doc._unsaved_outside_stack = False
        win.doc.close()


@pytest.fixture
def window(qtbot, checklists, fake_dialogs):
    yield from _main_window(qtbot, checklists)


@pytest.fixture(scope="session")
def real_checklists():
    """The shipped checklists (BSC, 5 beloften, Antwoord)."""
    return load_checklists(default_checklist_dir())


@pytest.fixture
def cycle_window(qtbot, real_checklists, fake_dialogs):
    """The main window over the shipped checklists, for scans like the example."""
    yield from _main_window(qtbot, real_checklists)


@pytest.fixture
def previous(tmp_path) -> Path:
    """A copy of the example scan, as the previous cycle's scan."""
    path = tmp_path / "vorige.dienstscan"
    shutil.copy(EXAMPLE, path)
    return path


@pytest.fixture
def new_assessment():
    import datetime as dt

    from dienstscan.model import Assessment, Organisation, Participant

    def make(name: str = "Gemeente Proef") -> Assessment:
        return Assessment(organisation=Organisation(name=name), peildatum=dt.date(2011, 7, 5),
                          participants=[Participant(name="A. de Vries", role="projectleider")],
                          frameworks=["KA", "KB"], checklist_versions={"KA": "1.0", "KB": "2007"})
    return make


@pytest.fixture
def live_doc(qapp, checklists):
    """A small open scan (the test checklists KA and KB) for the live-session tests; its session
    is stopped and the scan closed without questions afterwards."""
    import datetime as dt

    from dienstscan.model import Assessment, Organisation
    from dienstscan.ui import live_panel
    from dienstscan.ui.document import ScanDocument

    assessment = Assessment(organisation=Organisation(name="Gemeente Proef"), peildatum=dt.date(2026, 11, 29),
                            frameworks=["KA", "KB"], checklist_versions={"KA": "1.0", "KB": "2007"})
    document = ScanDocument(checklists, assessment)
    yield document
    live_panel.stop_session(document)
    document.undo_stack.setClean()
    document.close()


@pytest.fixture
def small_doc(qapp):
    """Make an open scan over the unit-test checklists (``scan_factory``) with the given answers
    (item id -> option id); every scan made is closed after the test."""
    from scan_factory import make_assessment, make_checklists

    from dienstscan.ui.document import ScanDocument

    made = []

    def make(answers: dict[str, str] | None = None) -> ScanDocument:
        document = ScanDocument(make_checklists(), make_assessment(dict(answers or {})))
        made.append(document)
        return document

    yield make
    for document in made:
        document.close()


@pytest.fixture
def shown(qtbot):
    """Show a widget at a size, as a person would see it: ``shown(page, 1300, 800)`` returns the
    page once it is exposed; pytest-qt closes it after the test."""

    def show(widget, width: int, height: int):
        qtbot.addWidget(widget)
        widget.resize(width, height)
        widget.show()
        qtbot.waitExposed(widget)
        return widget

    return show
