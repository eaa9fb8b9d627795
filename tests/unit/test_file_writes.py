"""Every file the program writes survives a failing disk: the old file stays byte for byte, no
temporary file is left, and the message is Dutch and names the file.

The writers: the scan, the Excel plan, a participant form, the report as HTML and Word, and the
benchmark YAML (through the command line; the PDF is in ``tests/ui/test_file_writes_gui.py``).
Each is run once for real, then again, with different content, while the disk fills up halfway
through the write; the HTML report also meets every other fault of ``faults.FAULTS`` (they all
take the same path through ``storage.atomic_write_bytes``; what differs is the Dutch reason). ``test_real_full_disk`` repeats the command-line part on a real, tiny,
full file system where the machine allows one without privileges.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from faults import DISK_FULL, FAULTS, Fault, inject

from dienstscan.checklists import load_checklists
from dienstscan.cli import main
from dienstscan.export.excel_plan import export_plan
from dienstscan.export.forms import FormFileError
from dienstscan.export.forms.workbook import write_participant_form
from dienstscan.export.report import write_report_html
from dienstscan.export.report.docx import write_report_docx
from dienstscan.storage import SaveError, ScanFileError, atomic_write_bytes, load_scan, save_scan

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "gemeente-voorbeeld.dienstscan"


@pytest.fixture(scope="module")
def checklists():
    return load_checklists()


def _scan(version: int):
    scan = load_scan(EXAMPLE)
    scan.organisation.name = f"Gemeente Versie {version}"
    scan.peildatum = dt.date(2026, 1, version)
    return scan


def _writers(checklists) -> dict[str, tuple[str, Callable[[Path, int], None]]]:
    """name -> (file name, write(path, version))."""
    return {
        "scan": ("scan.dienstscan", lambda path, v: save_scan(_scan(v), path)),
        "plan": ("verbeterplan.xlsx", lambda path, v: export_plan(checklists, _scan(v), path)),
        "formulier": ("formulier.xlsx",
                      lambda path, v: write_participant_form(checklists, _scan(v), path, f"Deelnemer {v}")),
        "html": ("rapport.html", lambda path, v: write_report_html(checklists, _scan(v), path)),
        "docx": ("rapport.docx", lambda path, v: write_report_docx(checklists, _scan(v), path)),
    }


WRITERS = ["scan", "plan", "formulier", "html", "docx"]


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


CASES = [(writer, DISK_FULL) for writer in WRITERS] + [("html", fault) for fault in FAULTS[1:]]


@pytest.mark.parametrize(("writer", "fault"), CASES, ids=[f"{w}-{f.id}" for w, f in CASES])
def test_a_failing_disk_keeps_the_previous_file(tmp_path, monkeypatch, checklists, writer, fault: Fault):
    name, write = _writers(checklists)[writer]
    path = tmp_path / name
    write(path, 1)
    before = path.read_bytes()
    files_before = _names(tmp_path)

    failures = inject(monkeypatch, fault)
    with pytest.raises((SaveError, ScanFileError, FormFileError)) as caught:
        write(path, 2)

    assert failures, "the fault never happened: the writer did not go through storage's atomic write"
    message = str(caught.value)
    assert f"'{path}'" in message and fault.dutch in message, message
    assert "Het bestaande bestand is niet gewijzigd." in message
    assert path.read_bytes() == before
    assert _names(tmp_path) == files_before  # no temporary file left behind


@pytest.mark.parametrize("writer", WRITERS)
def test_a_first_save_on_a_full_disk_leaves_nothing(tmp_path, monkeypatch, checklists, writer):
    name, write = _writers(checklists)[writer]
    inject(monkeypatch, DISK_FULL)
    with pytest.raises((SaveError, ScanFileError, FormFileError)) as caught:
        write(tmp_path / name, 1)
    assert "de schijf is vol. Er is niets opgeslagen." in str(caught.value)
    assert _names(tmp_path) == []


def test_saved_files_get_normal_permissions_and_keep_changed_ones(tmp_path):
    path = tmp_path / "rapport.html"
    atomic_write_bytes(path, b"een")
    umask = os.umask(0o022)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask  # not the private 0600 of a temp file
    if os.name == "nt":
        return
    path.chmod(0o640)
    atomic_write_bytes(path, b"twee")
    assert path.stat().st_mode & 0o777 == 0o640 and path.read_bytes() == b"twee"


# ------------------------------------------------------------------------------ command line


def _cli_cases(folder: Path) -> dict[str, tuple[Path, list[str]]]:
    scan = folder / "scan.dienstscan"
    return {
        "export": (folder / "plan.xlsx", ["export", str(scan), "-o", str(folder / "plan.xlsx")]),
        "report-html": (folder / "rapport.html", ["report", str(scan), "-o", str(folder / "rapport.html")]),
        "report-docx": (folder / "rapport.docx", ["report", str(scan), "-o", str(folder / "rapport.docx")]),
        "benchmark": (folder / "benchmark.yaml",
                      ["benchmark", str(scan), "-o", str(folder / "benchmark.yaml"), "--label", "Regio Test"]),
        "formulieren": (folder / "formulieren" / "Deelnemersformulier Gemeente Versie 1 - Deelnemer 1.xlsx",
                        ["formulieren", str(scan), "-o", str(folder / "formulieren"), "--aantal", "1"]),
    }


@pytest.mark.parametrize("command", ["export", "report-html", "report-docx", "benchmark", "formulieren"])
def test_command_line_on_a_full_disk_says_so_in_dutch(tmp_path, monkeypatch, capsys, command):
    save_scan(_scan(1), tmp_path / "scan.dienstscan")
    (tmp_path / "formulieren").mkdir()
    out, args = _cli_cases(tmp_path)[command]
    assert main(args) == 0
    before = out.read_bytes()
    capsys.readouterr()

    inject(monkeypatch, DISK_FULL)
    assert main(args) == 1
    err = capsys.readouterr().err
    assert err == f"Fout: Kan '{out}' niet opslaan: de schijf is vol. Het bestaande bestand is niet gewijzigd.\n"
    assert out.read_bytes() == before


FULL_FS_SCRIPT = r"""
set -e
mount -t tmpfs -o size=2m tmpfs "$1"
cp "$2" "$1/scan.dienstscan"
mkdir "$1/formulieren"
run() { "$PYTHON" -m dienstscan "$@"; }
run export "$D/scan.dienstscan" -o "$D/plan.xlsx" >/dev/null
run report "$D/scan.dienstscan" -o "$D/rapport.html" >/dev/null
run report "$D/scan.dienstscan" -o "$D/rapport.docx" >/dev/null
run benchmark "$D/scan.dienstscan" -o "$D/benchmark.yaml" --label Regio >/dev/null
run formulieren "$D/scan.dienstscan" -o "$D/formulieren" --aantal 1 >/dev/null
sha256sum "$D"/*.* "$D"/formulieren/* > "$D.before"
cat /dev/zero > "$D/vol" 2>/dev/null || true
set +e
run export "$D/scan.dienstscan" -o "$D/plan.xlsx"; echo "code $?"
run report "$D/scan.dienstscan" -o "$D/rapport.html"; echo "code $?"
run report "$D/scan.dienstscan" -o "$D/rapport.docx"; echo "code $?"
run benchmark "$D/scan.dienstscan" -o "$D/benchmark.yaml" --label Regio; echo "code $?"
run formulieren "$D/scan.dienstscan" -o "$D/formulieren" --aantal 1; echo "code $?"
rm "$D/vol"
sha256sum "$D"/*.* "$D"/formulieren/* | diff "$D.before" - && echo "unchanged"
ls -a "$D" "$D/formulieren"
"""


def _can_mount_tmpfs(tmp_path: Path) -> bool:
    if sys.platform != "linux" or shutil.which("unshare") is None:
        return False
    probe = tmp_path / "probe"
    probe.mkdir()
    result = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", "mount", "-t", "tmpfs",
                             "-o", "size=64k", "tmpfs", str(probe)], capture_output=True)
    return result.returncode == 0


def test_real_full_disk(tmp_path):
    """A real 2 MB file system (tmpfs in a private mount namespace), filled up: every command
    fails with the Dutch message, and every earlier file is unchanged."""
    if not _can_mount_tmpfs(tmp_path):
        pytest.skip("this machine allows no unprivileged mount namespace (unshare) for a tiny file system")
    disk = tmp_path / "schijf"
    disk.mkdir()
    save_scan(_scan(1), tmp_path / "scan.dienstscan")
    env = {**os.environ, "PYTHON": sys.executable, "D": str(disk), "DIENSTSCAN_LOG_DIR": str(tmp_path / "log")}
    result = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", "bash", "-c", FULL_FS_SCRIPT, "full",
                             str(disk), str(tmp_path / "scan.dienstscan")],
                            capture_output=True, text=True, env=env, timeout=600)
    assert result.stdout.count("code 1") == 5, (result.stdout, result.stderr)
    assert "unchanged" in result.stdout, (result.stdout, result.stderr)
    for name in ("plan.xlsx", "rapport.html", "rapport.docx", "benchmark.yaml", "formulieren/Deelnemersformulier Gemeente Versie 1 - Deelnemer 1.xlsx"):
        assert f"Fout: Kan '{disk / name}' niet opslaan: de schijf is vol." in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr, result.stderr
    assert ".tmp" not in result.stdout  # no temporary file left on the full disk
