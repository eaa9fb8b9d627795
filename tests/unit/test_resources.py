"""Where shipped data is found: source checkout, PyInstaller bundle (sys._MEIPASS), installed wheel."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from dienstscan import cli, resources
from dienstscan.checklists import default_checklist_dir, load_checklists

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _no_override(monkeypatch):
    monkeypatch.delenv(resources.CHECKLISTS_ENV_VAR, raising=False)
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)


def test_checkout_mode_uses_the_repository_folders():
    assert resources.bundle_dir() is None
    assert resources.checklist_dir() == REPO / "checklists"
    assert default_checklist_dir() == REPO / "checklists"
    assert resources.example_scan_path() == REPO / "examples" / "gemeente-voorbeeld.dienstscan"
    assert resources.assets_dir() == REPO / "assets"
    assert (resources.assets_dir() / "dienstscan.svg").is_file()
    assert resources.template_dir() == REPO / "src" / "dienstscan" / "export" / "report" / "templates"
    assert resources.template_dir().is_dir()
    assert resources.running_from() == "broncode"


def test_the_environment_variable_wins_everywhere(tmp_path, monkeypatch):
    monkeypatch.setenv(resources.CHECKLISTS_ENV_VAR, str(tmp_path / "eigen"))
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "bundel"), raising=False)
    assert resources.checklist_dir() == tmp_path / "eigen"


def _fake_bundle(root: Path) -> Path:
    """A folder laid out as installer/dienstscan.spec lays out _internal/."""
    shutil.copytree(REPO / "checklists", root / "checklists", ignore=shutil.ignore_patterns("schema"))
    (root / "examples").mkdir()
    (root / "examples" / "gemeente-voorbeeld.dienstscan").write_text("{}", encoding="utf-8")
    (root / "assets").mkdir()
    shutil.copyfile(REPO / "assets" / "dienstscan.svg", root / "assets" / "dienstscan.svg")
    (root / "dienstscan" / "export" / "report" / "templates").mkdir(parents=True)
    return root


def test_bundle_mode_reads_everything_from_meipass(tmp_path, monkeypatch):
    bundle = _fake_bundle(tmp_path / "_internal")
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    assert resources.bundle_dir() == bundle
    assert resources.checklist_dir() == bundle / "checklists"
    assert default_checklist_dir() == bundle / "checklists"
    assert resources.example_scan_path() == bundle / "examples" / "gemeente-voorbeeld.dienstscan"
    assert resources.assets_dir() == bundle / "assets"
    assert resources.template_dir() == bundle / "dienstscan" / "export" / "report" / "templates"
    assert resources.running_from() == "geïnstalleerd programma"
    # The loader really reads the bundled copy, not the checkout.
    checklists = load_checklists()
    assert checklists.frameworks
    (bundle / "checklists" / "bsc.yaml").unlink()
    (bundle / "checklists" / "stand-2026.yaml").unlink()  # its notes on BSC norms would dangle
    assert "BSC" not in {fw.id for fw in load_checklists().frameworks}


def test_bundle_mode_validate_command_names_the_bundled_folder(tmp_path, monkeypatch, capsys):
    bundle = _fake_bundle(tmp_path / "_internal")
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    assert cli.main(["validate"]) == 0
    assert str(bundle / "checklists") in capsys.readouterr().out


def test_bundle_mode_without_example_gives_a_dutch_error(tmp_path, monkeypatch, capsys):
    bundle = _fake_bundle(tmp_path / "_internal")
    (bundle / "examples" / "gemeente-voorbeeld.dienstscan").unlink()
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    assert cli.main(["demo"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Fout: de voorbeeldscan ontbreekt")
    assert str(bundle / "examples") in err


def test_wheel_mode_reads_the_copy_inside_the_package(tmp_path, monkeypatch):
    package = tmp_path / "site-packages" / "dienstscan"
    shipped = package / resources.SHIPPED_PACKAGE_DIR
    (shipped / "checklists").mkdir(parents=True)
    (shipped / "examples").mkdir()
    (shipped / "assets").mkdir()
    monkeypatch.setattr(resources, "package_dir", lambda: package)
    assert resources.checklist_dir() == shipped / "checklists"
    assert resources.example_scan_path() == shipped / "examples" / "gemeente-voorbeeld.dienstscan"
    assert resources.assets_dir() == shipped / "assets"
    assert resources.template_dir() == package / "export" / "report" / "templates"
    assert resources.running_from() == "Python-pakket"


def test_setup_py_ships_what_resources_looks_for():
    """The wheel's copy list (setup.py) and the bundle's (the spec) cover the folders used here."""
    setup_text = (REPO / "setup.py").read_text(encoding="utf-8")
    spec_text = (REPO / "installer" / "dienstscan.spec").read_text(encoding="utf-8")
    for folder, pattern in [("checklists", "*.yaml"), ("examples", "*.dienstscan"), ("assets", "dienstscan.*")]:
        assert f'("{folder}", "{pattern}")' in setup_text
        assert f'_files("{folder}", "{pattern}", "{folder}")' in spec_text
