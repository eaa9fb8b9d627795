"""The Windows workflow (.github/workflows/windows.yml): valid, and every step a real command.

It cannot run here (no Windows), so what can be checked is checked: the file against the GitHub
workflow schema (check-jsonschema's vendored copy, offline; actionlint is not installable from
PyPI here, its package downloads a binary at build time), and each promise of issue 27 as a step
that calls a script of this repository with parameters that script declares.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parents[2]
WORKFLOW = REPO / ".github" / "workflows" / "windows.yml"


def _workflow() -> dict:
    return YAML(typ="safe").load(WORKFLOW.read_text(encoding="utf-8"))


def _steps() -> list[dict]:
    (job,) = _workflow()["jobs"].values()
    return job["steps"]


def _schema_check(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True, text=True, timeout=120,
    )


def test_workflow_passes_the_github_workflow_schema():
    result = _schema_check(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_can_fail(tmp_path):
    broken = tmp_path / "windows.yml"
    text = WORKFLOW.read_text(encoding="utf-8").replace("runs-on: windows-latest", "runs_on: windows-latest")
    broken.write_text(text, encoding="utf-8")
    result = _schema_check(broken)
    assert result.returncode != 0
    assert "runs-on" in result.stdout + result.stderr


def test_runs_on_windows_with_python_311():
    (job,) = _workflow()["jobs"].values()
    assert job["runs-on"] == "windows-latest"
    python = next(s for s in _steps() if str(s.get("uses", "")).startswith("actions/setup-python@"))
    assert python["with"]["python-version"] == "3.11"


def _scripts_called(run: str) -> list[str]:
    return re.findall(r"-File\s+(\S+\.ps1)", run)


def _declared_parameters(script: Path) -> set[str]:
    text = script.read_text(encoding="utf-8")
    block = re.search(r"^param\((.*?)^\)", text, re.M | re.S)
    return {name.lower() for name in re.findall(r"\$(\w+)\s*(?:=|,|$)", block.group(1), re.M)} if block else set()


def test_every_script_the_workflow_calls_exists_with_the_parameters_it_is_given():
    called = []
    for step in _steps():
        run = step.get("run", "")
        for script in _scripts_called(run):
            path = REPO / script.replace("\\", "/")
            assert path.is_file(), f"{step['name']}: {script} bestaat niet"
            given = re.findall(rf"{re.escape(script)}((?:\s+-\w+(?:\s+\"?[^\s-][^\s\"]*\"?)?)*)", run)[0]
            for param in re.findall(r"-(\w+)", given):
                assert param.lower() in _declared_parameters(path), f"{script} kent -{param} niet"
            called.append(script)
    assert called == ["tools\\bootstrap.ps1", "installer\\build-windows.ps1", "installer\\check-windows-install.ps1"]


def test_steps_in_the_order_issue_27_asks():
    runs = [s.get("run", "") + str(s.get("uses", "")) for s in _steps()]
    order = ["bootstrap.ps1", "-m pytest", "lint-imports", "build-windows.ps1", "check-windows-install.ps1",
             "actions/upload-artifact@"]
    positions = [next(i for i, r in enumerate(runs) if marker in r) for marker in order]
    assert positions == sorted(positions)
    upload = next(s for s in _steps() if str(s.get("uses", "")).startswith("actions/upload-artifact@"))
    assert "setup.exe" in upload["with"]["path"] and upload["with"]["if-no-files-found"] == "error"


def test_the_tests_run_as_the_readme_says():
    run = next(s["run"] for s in _steps() if "-m pytest" in s.get("run", ""))
    # the same command as the README's test command, in Windows' .venv layout, failing the step
    assert ".venv\\Scripts\\python.exe -m pytest -q" in run and ".venv\\Scripts\\lint-imports.exe" in run
    assert run.count("exit $LASTEXITCODE") == 2


def test_install_check_starts_the_installed_program_and_reads_its_log():
    text = (REPO / "installer" / "check-windows-install.ps1").read_text(encoding="utf-8")
    assert '"--afsluiten-na"' in text and "ExitCode -ne 0" in text
    assert "Rooktest: venster 'Dienstscan' zichtbaar" in text
    # the log line it waits for is the one the program writes (ui/smoke.py)
    smoke = (REPO / "src" / "dienstscan" / "ui" / "smoke.py").read_text(encoding="utf-8")
    assert 'log.info("Rooktest: venster %r zichtbaar bij afsluiten", title)' in smoke
    assert "-DSOURCE_DIR" in (REPO / "installer" / "build-windows.ps1").read_text(encoding="utf-8")
    assert 'requestedExecutionLevel level="asInvoker"' in text


@pytest.mark.skipif(__import__("shutil").which("makensis") is None, reason="makensis ontbreekt (apt-get install nsis)")
def test_the_installer_manifest_asks_no_admin_rights_as_the_check_expects(tmp_path):
    """What check-windows-install.ps1 looks for in the real installer is in one made here."""
    payload = tmp_path / "Dienstscan"
    (payload / "_internal").mkdir(parents=True)
    (payload / "Dienstscan.exe").write_bytes(b"MZ stand-in")
    (payload / "_internal" / "leesmij.txt").write_text("stand-in", encoding="utf-8")
    out = tmp_path / "Dienstscan-proef-setup.exe"
    result = subprocess.run(
        ["makensis", "-V1", "-WX", "-DVERSION=0.0.1", f"-DSOURCE_DIR={payload}", f"-DOUTFILE={out}",
         "-DCOMPRESSOR=zlib", str(REPO / "installer" / "dienstscan.nsi")],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert b'requestedExecutionLevel level="asInvoker"' in out.read_bytes()


def test_readme_says_windows_is_proven_by_the_workflow():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert ".github/workflows/windows.yml" in readme


def test_the_installer_bundles_pango_and_checks_the_pdf_is_tagged():
    """Issue 24 point 6 on Windows: WeasyPrint needs Pango's DLLs, which the workflow installs from
    MSYS2 and the build bundles; the smoke test fails when the report is not tagged."""
    runs = [s.get("run", "") for s in _steps()]
    pango = next(i for i, run in enumerate(runs) if "mingw-w64-ucrt-x86_64-pango" in run)
    build = next(i for i, run in enumerate(runs) if "build-windows.ps1" in run)
    assert pango < build and "-WithoutPango" not in runs[build]
    script = (REPO / "installer" / "build-windows.ps1").read_text(encoding="utf-8")
    assert '[string]$PangoBin = "C:\\msys64\\ucrt64\\bin"' in script
    assert "$env:DIENSTSCAN_PANGO_BIN = $PangoBin" in script and "/StructTreeRoot" in script
    spec = (REPO / "installer" / "dienstscan.spec").read_text(encoding="utf-8")
    assert 'os.environ.get("DIENSTSCAN_PANGO_BIN")' in spec and "binaries=binaries," in spec


def test_a_frozen_build_points_fontconfig_at_its_bundled_configuration(tmp_path, monkeypatch):
    from dienstscan.export.report import pdf

    conf = tmp_path / "etc" / "fonts" / "fonts.conf"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert pdf.bundled_fontconfig() is None  # not bundled: nothing set
    conf.parent.mkdir(parents=True)
    conf.write_text("<fontconfig/>", encoding="utf-8")
    assert pdf.bundled_fontconfig() == conf
    monkeypatch.delenv("FONTCONFIG_FILE", raising=False)
    monkeypatch.delenv("FONTCONFIG_PATH", raising=False)
    try:
        pdf._weasyprint()
    except pdf.PdfUnavailable:
        pass
    import os

    assert os.environ["FONTCONFIG_FILE"] == str(conf) and os.environ["FONTCONFIG_PATH"] == str(conf.parent)
    monkeypatch.setenv("FONTCONFIG_FILE", "/eigen/fonts.conf")  # the user's own setting wins
    try:
        pdf._weasyprint()
    except pdf.PdfUnavailable:
        pass
    assert os.environ["FONTCONFIG_FILE"] == "/eigen/fonts.conf"
