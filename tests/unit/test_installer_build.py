"""The whole Linux check of the installer (installer/build.sh): slow, so only on request.

Runs PyInstaller, the smoke test of the bundle, the portable zip and makensis (about two
minutes). Set DIENSTSCAN_BUILD_INSTALLER=1 to run it: ``DIENSTSCAN_BUILD_INSTALLER=1
.venv/bin/python -m pytest -m slow tests/unit/test_installer_build.py``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
@pytest.mark.timeout(2400)
@pytest.mark.skipif(os.environ.get("DIENSTSCAN_BUILD_INSTALLER") != "1",
                    reason="zet DIENSTSCAN_BUILD_INSTALLER=1 om de bundel en het installatieprogramma te bouwen")
def test_build_script_builds_and_smoke_tests_the_bundle():
    args = ["bash", str(REPO / "installer" / "build.sh")]
    if shutil.which("makensis") is None and os.geteuid() != 0:
        args.append("--no-nsis")
    result = subprocess.run(args, cwd=REPO, capture_output=True, text=True, encoding="utf-8", timeout=1800)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "Alles geslaagd" in result.stdout
    assert "GUI: Venster: Dienstscan" in result.stdout
