"""The installer's promises that can be read from its files, and a quick makensis compile.

The full build (PyInstaller + smoke test) is installer/build.sh (see test_installer_build.py);
this compiles the NSIS script with a two-file stand-in payload when makensis is installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
NSI = (REPO / "installer" / "dienstscan.nsi").read_text(encoding="utf-8")
SPEC = (REPO / "installer" / "dienstscan.spec").read_text(encoding="utf-8")
VERSION = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def test_nsis_installs_per_user_without_admin_rights():
    assert re.search(r"^RequestExecutionLevel user$", NSI, re.M)
    assert re.search(r'^InstallDir "\$LOCALAPPDATA\\Programs\\\$\{APP_NAME\}"$', NSI, re.M)
    code = "\n".join(line for line in NSI.splitlines() if not line.lstrip().startswith(";"))
    assert "HKLM" not in code and "$PROGRAMFILES" not in code and "SetShellVarContext all" not in code
    assert 'WriteRegStr HKCU "Software\\Classes\\${EXTENSION}"' in code
    assert 'WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString"' in code


def test_version_is_not_written_into_the_installer_files():
    assert VERSION not in NSI
    assert VERSION not in SPEC


def test_spec_builds_one_folder_without_upx():
    assert "COLLECT(" in SPEC and "exclude_binaries=True" in SPEC  # one-folder, not one-file
    assert "upx=True" not in SPEC
    assert 'name="Dienstscan", console=False' in SPEC


@pytest.mark.skipif(shutil.which("makensis") is None, reason="makensis ontbreekt (apt-get install nsis)")
def test_nsis_script_compiles(tmp_path):
    payload = tmp_path / "Dienstscan"
    (payload / "_internal").mkdir(parents=True)
    (payload / "Dienstscan.exe").write_bytes(b"MZ stand-in")
    (payload / "_internal" / "leesmij.txt").write_text("stand-in", encoding="utf-8")
    out = tmp_path / "Dienstscan-proef-setup.exe"
    result = subprocess.run(
        ["makensis", "-V2", "-WX", f"-DVERSION={VERSION}", f"-DSOURCE_DIR={payload}", f"-DOUTFILE={out}",
         "-DCOMPRESSOR=zlib", str(REPO / "installer" / "dienstscan.nsi")],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert out.read_bytes()[:2] == b"MZ"


@pytest.mark.skipif(shutil.which("makensis") is None, reason="makensis ontbreekt (apt-get install nsis)")
def test_nsis_script_refuses_to_compile_without_a_version(tmp_path):
    result = subprocess.run(["makensis", "-V2", f"-DSOURCE_DIR={tmp_path}", str(REPO / "installer" / "dienstscan.nsi")],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert "Geef de versie mee" in result.stdout + result.stderr
