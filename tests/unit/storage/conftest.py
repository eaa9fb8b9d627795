"""Fixtures for the storage tests: the scan fixture files, a private data folder, a small scan."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from dienstscan.model import Action, Answer, Assessment, Evidence, Organisation, Poll
from dienstscan.storage import ENV_DATA_DIR

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "scans"


@pytest.fixture
def fixture_copy(tmp_path: Path):
    """Copy a file from tests/fixtures/scans into a fresh folder and return the copy's path."""

    def copy(name: str) -> Path:
        folder = tmp_path / "scans"
        folder.mkdir(exist_ok=True)
        return Path(shutil.copy2(FIXTURES / name, folder / name))

    return copy


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private user data folder, so recovery tests never touch the real one."""
    folder = tmp_path / "gebruikersdata"
    monkeypatch.setenv(ENV_DATA_DIR, str(folder))
    return folder


@pytest.fixture
def scan() -> Assessment:
    return Assessment(
        organisation=Organisation(name="Gemeente Ëmmen-Zuid", inhabitants=12_000),
        peildatum=dt.date(2024, 3, 1),
        frameworks=["vijf-beloften"],
        checklist_versions={"vijf-beloften": "2010"},
        answers={
            "5B-1.1": Answer(
                option="ingevoerd",
                explanation="Eén nummer, café-bezoek geregeld",
                evidence=Evidence(basis="interview", reference="Gesprek KCC", date=dt.date(2024, 2, 1)),
                poll=Poll(ja=4, twijfel=1, nee=0),
            )
        },
        actions=[Action(id="E-1", title="Website herschrijven", end=dt.date(2024, 12, 31))],
    )


def _dir_snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def snapshot():
    """``snapshot(folder)``: every file in it with its bytes, to show nothing changed or appeared."""
    return _dir_snapshot
