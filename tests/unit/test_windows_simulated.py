"""Windows behaviour, simulated on Linux (issue 27 point 2, and issue 29's names over 255 bytes).

- file names made from scan names: nothing Windows forbids, no device name, within 255 bytes
  and within MAX_PATH for the folders a Windows user has (ntpath, ``PureWindowsPath``);
- a name over 255 bytes given to export/report/benchmark/next-cycle/formulieren: a Dutch refusal;
- ``os.replace`` onto a file Excel holds open (PermissionError on Windows, patched in here):
  "Sluit ... in Excel en probeer opnieuw", the old file and the scan unchanged;
- OneDrive holding a file for a moment, a network share without hard links or folder fsync, a
  user folder with ü and a OneDrive name, and the Windows branches of storage (folder fsync, is
  the lock's process alive) with the platform patched.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import re
import shutil
import sys
import types
from pathlib import Path, PureWindowsPath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from plan_factory import make_assessment, make_checklists

from dienstscan import cli
from dienstscan.export.excel_plan import export_plan
from dienstscan.export.forms import FormFileError, write_participant_forms
from dienstscan.export.forms.workbook import form_file_name, write_participant_form
from dienstscan.export.report import write_report_html
from dienstscan.export.report.docx import write_report_docx
from dienstscan.model import Assessment, Organisation
from dienstscan.storage import (
    ENV_DATA_DIR,
    SaveError,
    ScanFileError,
    acquire_lock,
    atomic_write_bytes,
    backup_path,
    find_recoveries,
    load_scan,
    read_lock,
    save_scan,
    write_recovery,
)
from dienstscan.storage import atomic, lock
from dienstscan.storage.filenames import (
    COMPANION_ROOM,
    FORBIDDEN,
    MAX_COMPONENT_BYTES,
    MAX_PATH,
    is_reserved,
    safe_file_name,
    utf8_len,
    utf16_len,
)

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "gemeente-voorbeeld.dienstscan"
#: A long name in pytest's temporary folder passes Windows' MAX_PATH unless long paths are enabled
#: (a registry setting of the machine); the names themselves are checked everywhere.
LONG_NAMES_ON_DISK = pytest.mark.skipif(os.name == "nt", reason="lange paden: MAX_PATH zonder LongPathsEnabled")
DEVICES = ["CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)), *(f"LPT{n}" for n in range(1, 10))]

#: Where a Windows user's files are by default: Documenten, redirected to OneDrive by the
#: organisation (its name in the folder), a long user name with ü, and a network share.
WINDOWS_FOLDERS = [
    PureWindowsPath(r"C:\Users\Müller\Documents"),
    PureWindowsPath(r"C:\Users\j.van.der.müller-de.graaff\OneDrive - Gemeente Súdwest-Fryslân\Documenten"),
    PureWindowsPath(r"C:\Users\Müller\OneDrive - Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"
                    r"\Documenten\Dienstverlening\Dienstscan 2026"),
    PureWindowsPath(r"\\fileserver01.gemeente.local\afdelingen$\Publiekszaken\Kwaliteit\Dienstscan"),
    PureWindowsPath(r"C:\Users\Müller\AppData\Local\Dienstscan\herstel"),
]


def _assert_windows_safe(name: str, folder: PureWindowsPath | None = None) -> None:
    assert not set(name) & set(FORBIDDEN), name
    assert all(ord(ch) >= 32 for ch in name), name
    assert name == name.rstrip(". "), name
    assert not name.startswith((" ", ".")), name
    assert not is_reserved(name), name
    assert utf8_len(name) + COMPANION_ROOM <= MAX_COMPONENT_BYTES
    if folder is not None:
        assert utf16_len(str(folder / name)) + COMPANION_ROOM <= MAX_PATH - 1


# ------------------------------------------------------------------ names made from scan names


@settings(max_examples=300, deadline=None)
@given(name=st.text(min_size=0, max_size=400), folder=st.sampled_from([None, *WINDOWS_FOLDERS]))
def test_any_organisation_name_gives_a_name_windows_takes(name, folder):
    for suffix in (".dienstscan", ".xlsx", " 2026-03-01 rapport.pdf"):
        _assert_windows_safe(safe_file_name(name, suffix, folder=folder), folder)


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("form", ["{}", "{}", "{} ", "{}.txt", "{} .dienstscan", "{}."])
def test_device_names_are_never_made(device, form):
    for variant in (device, device.lower(), device.title()):
        stem = form.format(variant)
        for suffix in ("", ".xlsx"):
            name = safe_file_name(stem, suffix)
            assert not is_reserved(name), name
    assert is_reserved(f"{device.lower()}.xlsx") and is_reserved(f"{device} .txt")


def test_forbidden_characters_and_trailing_dots_become_a_readable_name():
    assert safe_file_name('Gemeente A/B: "Test" <1>|?*', ".xlsx") == "Gemeente A-B- -Test- -1----.xlsx"
    assert safe_file_name("Gemeente Ede. ", ".dienstscan") == "Gemeente Ede.dienstscan"
    assert safe_file_name("...", ".xlsx") == "scan.xlsx"
    assert safe_file_name("Tab\there\nen\u200bdaar\ufffe", ".xlsx") == "Tab here endaar-.xlsx"


def test_a_long_name_is_cut_at_a_character_and_keeps_its_date(qtbot):
    from dienstscan.ui.document import ScanDocument

    checklists = make_checklists()
    scan = make_assessment(checklists)
    scan.organisation.name = ("Gemeente Súdwest-Fryslân 🌊🌊🌊🌊 " * 8)[:200]  # the longest allowed
    doc = ScanDocument(checklists, scan, None)
    try:
        for folder in WINDOWS_FOLDERS:
            for name in (doc.suggested_file_name(folder),
                         doc.suggested_file_name(folder, before="Verbeterplan", suffix=".xlsx"),
                         doc.suggested_file_name(folder, after="rapport", suffix=".pdf")):
                _assert_windows_safe(name, folder)
                assert "2026-03-01" in name
                name.encode("utf-8")  # no half character
        assert doc.suggested_file_name().endswith(" 2026-03-01.dienstscan")
    finally:
        doc.deleteLater()


def test_gui_suggestions_use_the_safe_name(qtbot):
    from dienstscan.ui import exporting, report_dialog
    from dienstscan.ui.document import ScanDocument

    checklists = make_checklists()
    scan = make_assessment(checklists)
    scan.organisation.name = "CON"
    doc = ScanDocument(checklists, scan, None)
    try:
        assert exporting.suggested_plan_name(doc) == "Verbeterplan CON 2026-03-01.xlsx"
        assert doc.suggested_file_name() == "CON 2026-03-01.dienstscan"  # not a device: "CON 2026-03-01"
        assert safe_file_name("CON", ".xlsx") == "CON_.xlsx"
        scan.organisation.name = "A/B " + "ẍ" * 196
        _assert_windows_safe(report_dialog.suggested_report_path(doc).name)
    finally:
        doc.deleteLater()


def test_participant_forms_with_long_names_are_written_and_told_apart(tmp_path):
    checklists = make_checklists()
    scan = make_assessment(checklists)
    scan.organisation.name = "Gemeente Ëmmen"
    long_a = "😀" * 99 + "a"
    long_b = "😀" * 99 + "b"  # the same as long_a up to where the name is shortened
    paths = write_participant_forms(checklists, scan, tmp_path, [long_a, long_b, "NUL", "Jan: A/B"])
    assert len(set(paths)) == 4 and all(p.is_file() for p in paths)
    for path in paths:
        _assert_windows_safe(path.name)
    assert form_file_name(scan, "Jan: A/B") == "Deelnemersformulier Gemeente Ëmmen - Jan- A-B.xlsx"


# ------------------------------------------------------------------ names over 255 bytes


@pytest.fixture
def example(tmp_path) -> Path:
    return Path(shutil.copy2(EXAMPLE, tmp_path / "scan.dienstscan"))


@pytest.mark.parametrize("command", [
    ["export", "{scan}", "-o", "{long}.xlsx"],
    ["report", "{scan}", "-o", "{long}.html"],
    ["report", "{scan}", "-o", "{long}.docx"],
    ["benchmark", "{scan}", "-o", "{long}.yaml"],
    ["next-cycle", "{scan}", "-o", "{long}.dienstscan"],
    ["formulieren", "{scan}", "-o", "{long}", "--aantal", "2"],
    ["export", "{scan}", "-o", "{folder}/plan.xlsx"],
])
def test_a_name_over_255_bytes_is_refused_in_dutch(command, example, tmp_path, capsys):
    long = str(tmp_path / ("ë" * 150))  # 300 bytes in one name, 150 characters
    args = [part.format(scan=example, long=long, folder=long) for part in command]
    assert cli.main(args) == 1
    err = capsys.readouterr().err
    assert re.search(r"de naam 'ë+…ë+(\.\w+)?' is te lang \(\d{3} bytes; hoogstens 2\d\d bytes", err), err
    assert "Kies een kortere naam" in err
    assert "Traceback" not in err and "File name too long" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scan.dienstscan"]


@LONG_NAMES_ON_DISK
def test_a_long_scan_name_gets_a_plan_beside_it(tmp_path, capsys):
    scan = Path(shutil.copy2(EXAMPLE, tmp_path / ("ë" * 110 + ".dienstscan")))  # 231 bytes: allowed
    assert cli.main(["export", str(scan)]) == 0
    (plan,) = [p for p in tmp_path.iterdir() if p.suffix == ".xlsx"]
    assert plan.name.endswith("-verbeterplan.xlsx") and utf8_len(plan.name) <= MAX_COMPONENT_BYTES


@LONG_NAMES_ON_DISK
def test_a_valid_250_byte_name_is_written_and_its_temporary_file_fits(tmp_path):
    target = tmp_path / ("p" * 245 + ".yaml")  # 250 bytes: valid; ".~NAME.1234abcd.tmp" would not be
    atomic_write_bytes(target, b"a: 1\n")
    atomic_write_bytes(target, b"a: 2\n")
    assert target.read_bytes() == b"a: 2\n"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]
    tmp = atomic.temp_name(target)
    assert utf8_len(tmp.name) <= MAX_COMPONENT_BYTES and atomic.is_temp_for(tmp, target)


def test_save_scan_refuses_a_name_without_room_for_its_lock_in_dutch(tmp_path):
    scan = make_assessment(make_checklists())
    path = tmp_path / ("s" * 240 + ".dienstscan")
    with pytest.raises(ScanFileError) as caught:
        save_scan(scan, path)
    assert caught.value.code == "save_failed" and "is te lang (251 bytes; hoogstens 234" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------ a file Excel holds open


@pytest.fixture
def held_open(monkeypatch):
    """Make ``os.replace`` onto the given targets fail as Windows does while Excel has them open."""
    held: set[Path] = set()
    real_replace = os.replace

    def replace(src, dst, *args, **kwargs):
        if Path(dst) in held:
            # what Windows raises: winerror 32 (sharing violation) maps to EACCES/PermissionError
            raise PermissionError(errno.EACCES, "Het proces heeft geen toegang tot het bestand omdat het "
                                  "door een ander proces wordt gebruikt", str(src), None, str(dst))
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(atomic, "REPLACE_RETRY_SECONDS", 0.05)
    monkeypatch.setattr(os, "replace", replace)
    return held


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_exporting_onto_a_plan_open_in_excel_says_close_it_and_keeps_both_files(tmp_path, held_open):
    checklists = make_checklists()
    scan = make_assessment(checklists)
    scan_path = tmp_path / "scan.dienstscan"
    save_scan(scan, scan_path)
    plan = tmp_path / "Verbeterplan.xlsx"
    export_plan(checklists, scan, plan)
    before = _files(tmp_path)
    held_open.add(plan)
    scan.actions[0].title = "Gewijzigd na de export"
    with pytest.raises(SaveError) as caught:
        export_plan(checklists, scan, plan)
    message = str(caught.value)
    assert "Sluit 'Verbeterplan.xlsx' in Excel en probeer opnieuw." in message
    assert "Het bestaande bestand is niet gewijzigd." in message
    assert "Errno" not in message and "proces" not in message  # no English or raw system text
    assert _files(tmp_path) == before  # the plan Excel has and the scan, unchanged; no temporary file
    held_open.clear()
    export_plan(checklists, scan, plan)  # closed in Excel: the retry works
    assert _files(tmp_path)["Verbeterplan.xlsx"] != before["Verbeterplan.xlsx"]


@pytest.mark.parametrize("name, program", [("rapport.docx", "Word"), ("rapport.html", "de browser"),
                                           ("formulier.xlsx", "Excel"), ("scan.dienstscan", None)])
def test_every_writer_names_the_program_to_close(tmp_path, held_open, name, program):
    checklists = make_checklists()
    scan = make_assessment(checklists)
    target = tmp_path / name
    if name.endswith(".dienstscan"):
        save_scan(scan, target)
        before = _files(tmp_path)
        held_open.add(target)
        with pytest.raises(ScanFileError) as caught:
            save_scan(scan, target)
        assert "Sluit 'scan.dienstscan' in het programma dat het geopend heeft en probeer opnieuw" in str(caught.value)
        after = _files(tmp_path)
        # the scan and its backup both kept: the backup is (again) the scan as it is on disk
        assert after[target.name] == before[target.name] and after[backup_path(target).name] == before[target.name]
        return
    target.write_bytes(b"oud")
    held_open.add(target)
    if name.endswith(".docx"):
        with pytest.raises(SaveError) as caught:
            write_report_docx(checklists, scan, target)
    elif name.endswith(".html"):
        with pytest.raises(SaveError) as caught:
            write_report_html(checklists, scan, target)
    else:
        with pytest.raises(FormFileError) as caught:
            write_participant_form(checklists, scan, target, "Anna")
    assert f"Sluit '{name}' in {program} en probeer opnieuw." in str(caught.value)
    assert target.read_bytes() == b"oud"


def test_a_read_only_folder_is_not_called_open_in_excel(tmp_path, monkeypatch):
    """PermissionError creating the temporary file (one file name) keeps its own message."""
    real_open = os.open

    def refuse(path, *args, **kwargs):
        if str(path).endswith(".tmp"):
            raise PermissionError(errno.EACCES, "Toegang geweigerd", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(SaveError) as caught:
        atomic_write_bytes(tmp_path / "plan.xlsx", b"x")
    assert "geen toestemming" in str(caught.value) and "Sluit" not in str(caught.value)


# ------------------------------------------------------------------ OneDrive, shares, user names


def test_onedrive_holding_the_file_for_a_moment_does_not_fail_the_save(tmp_path, monkeypatch):
    real_replace = os.replace
    refusals = []

    def replace(src, dst, *args, **kwargs):
        if Path(dst).suffix == ".dienstscan" and len(refusals) < 3:  # OneDrive uploads it, then lets go
            refusals.append(dst)
            raise PermissionError(errno.EACCES, "Toegang geweigerd", str(src), None, str(dst))
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    scan = make_assessment(make_checklists())
    path = tmp_path / "OneDrive - Gemeente Ëmmen" / "Documenten" / "scan.dienstscan"
    path.parent.mkdir(parents=True)
    save_scan(scan, path)
    assert len(refusals) == 3 and load_scan(path).organisation.name == scan.organisation.name


def test_a_network_share_without_hard_links_or_folder_fsync_still_saves_with_a_backup(tmp_path, monkeypatch):
    def no_links(*args, **kwargs):
        raise OSError(errno.EPERM, "Operation not permitted")  # SMB shares refuse hard links

    real_fsync = os.fsync

    def fsync(fd):
        if os.path.isdir(f"/proc/self/fd/{fd}") if sys.platform == "linux" else False:
            raise OSError(errno.EINVAL, "Invalid argument")  # a share that cannot sync a folder
        return real_fsync(fd)

    monkeypatch.setattr(os, "link", no_links)
    monkeypatch.setattr(os, "fsync", fsync)
    share = tmp_path / "fileserver01" / "afdelingen$" / "Publiekszaken"
    share.mkdir(parents=True)
    scan = make_assessment(make_checklists())
    path = share / "scan.dienstscan"
    save_scan(scan, path)
    first = path.read_bytes()
    scan.organisation.name = "Gemeente Na Wijziging"
    save_scan(scan, path)
    assert backup_path(path).read_bytes() == first
    assert load_scan(path).organisation.name == "Gemeente Na Wijziging"


@pytest.fixture
def mueller(tmp_path, monkeypatch) -> Path:
    """A Windows-like profile of user Müller, with Documenten synchronised by OneDrive."""
    home = tmp_path / "Users" / "Müller"
    documents = home / "OneDrive - Gemeente Súdwest-Fryslân" / "Documenten"
    documents.mkdir(parents=True)
    monkeypatch.setenv(ENV_DATA_DIR, str(home / "AppData" / "Local" / "Dienstscan"))
    monkeypatch.setattr(lock, "_user", lambda: "Müller")
    return documents


def test_storage_lock_and_recovery_under_a_user_name_with_an_umlaut(mueller):
    scan = Assessment(organisation=Organisation(name="Gemeente Súdwest-Fryslân"), peildatum=dt.date(2026, 3, 1))
    path = mueller / safe_file_name("Gemeente Súdwest-Fryslân 2026-03-01", ".dienstscan", folder=mueller)
    save_scan(scan, path)
    assert load_scan(path).organisation.name == "Gemeente Súdwest-Fryslân"
    held = acquire_lock(path)
    try:
        owner = read_lock(path)
        assert owner is not None and owner.user == "Müller" and "Müller op computer" in owner.describe()
    finally:
        held.release()
    scan.organisation.name = "Gemeente Súdwest-Fryslân (niet opgeslagen)"
    copy_path = write_recovery(scan, path)
    assert "Müller" in str(copy_path)
    offered = [c for c in find_recoveries() if c.scan_id == scan.id]
    assert len(offered) == 1 and offered[0].organisation == "Gemeente Súdwest-Fryslân (niet opgeslagen)"
    assert offered[0].scan_path is not None and offered[0].scan_path.resolve() == path.resolve()


def test_a_recovery_copy_of_a_scan_on_an_unreachable_share_is_still_offered(mueller):
    scan = Assessment(organisation=Organisation(name="Gemeente Share"), peildatum=dt.date(2026, 3, 1))
    copy_path = write_recovery(scan, mueller / "scan.dienstscan")
    # as Windows would have written it: a UNC path, now on a share that is gone (laptop at home)
    data = json.loads(copy_path.read_text(encoding="utf-8"))
    unc = r"\\fileserver01\afdelingen$\Publiekszaken\Müller\scan.dienstscan"
    data["recovery"]["scan_path"] = unc
    copy_path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    offered = [c for c in find_recoveries() if c.scan_id == scan.id]
    assert len(offered) == 1 and str(offered[0].scan_path) == unc


# ------------------------------------------------------------------ Windows branches, platform patched


def test_on_windows_the_folder_is_not_opened_for_fsync(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    real_open = os.open

    def open_(path, flags, *args, **kwargs):
        assert not os.path.isdir(path), "Windows cannot open a folder; fsync_directory must not try"
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_)
    atomic_write_bytes(tmp_path / "plan.xlsx", b"inhoud")
    assert (tmp_path / "plan.xlsx").read_bytes() == b"inhoud"


@pytest.mark.parametrize("open_handle, last_error, exit_code, alive", [
    (7, 0, 259, True),  # STILL_ACTIVE
    (7, 0, 0, False),  # exited, handle still open somewhere
    (0, 5, None, True),  # access denied: another user's live process
    (0, 87, None, False),  # invalid parameter: no such process
])
def test_the_windows_branch_of_is_the_lock_holder_alive(monkeypatch, open_handle, last_error, exit_code, alive):
    import ctypes

    closed = []

    def get_exit_code(handle, pointer):
        pointer._obj.value = exit_code
        return 1

    kernel32 = types.SimpleNamespace(
        OpenProcess=lambda access, inherit, pid: open_handle,
        GetLastError=lambda: last_error,
        GetExitCodeProcess=get_exit_code,
        CloseHandle=lambda handle: closed.append(handle),
    )
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(ctypes, "windll", types.SimpleNamespace(kernel32=kernel32), raising=False)
    monkeypatch.setattr(os, "kill", lambda *a: pytest.fail("os.kill ends a process on Windows"))
    assert lock._pid_alive(4242) is alive
    assert closed == ([open_handle] if open_handle else [])


@LONG_NAMES_ON_DISK
def test_the_stale_temporary_file_of_a_long_name_is_found_and_removed(tmp_path):
    target = tmp_path / ("p" * 245 + ".xlsx")
    stale = atomic.temp_name(target)
    stale.write_bytes(b"half")
    os.utime(stale, (0, 0))
    assert atomic.remove_stale_temps(target) == [stale] and not stale.exists()


# ------------------------------------------------------------------ the firewall, in the manual


def test_the_manual_shows_the_windows_firewall_question_for_the_phone_session():
    from dienstscan.ui import help as manual

    text = manual.manual_path().read_text(encoding="utf-8")
    facilitator = text[text.index("## De facilitator"):text.index("## Wat het management krijgt")]
    for words in ("Deelnemers via telefoon", "Windows-beveiliging", "Privénetwerken", "Toegang toestaan",
                  "Een app toestaan via de firewall", "beheerderswachtwoord"):
        assert words in facilitator, words
