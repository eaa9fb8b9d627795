"""Fixtures for the participation server: fixture checklists, a scan, a server on loopback.

``served`` starts a ``ParticipationServer`` on 127.0.0.1 (a free port) whose receiver confirms
every answer at once and records what it got; the test talks to it with a real aiohttp client.
The clock is frozen, so rate limits do not depend on how fast the machine is.
"""

from __future__ import annotations

import asyncio
import threading

import pytest

from dienstscan.checklists import load_checklists
from dienstscan.participation import Accepted, Limits, ParticipationServer, Presence, SessionContent

from participation_scan import VALID, make_assessment


@pytest.fixture(autouse=True)
def _own_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("DIENSTSCAN_DATA_DIR", str(tmp_path / "gegevens"))


@pytest.fixture(scope="session")
def fixture_checklists():
    return load_checklists(VALID)


class Recorder:
    """The receiver: keeps every event and confirms accepted answers at once (or never)."""

    def __init__(self, confirm: bool = True) -> None:
        self.accepted: list[Accepted] = []
        self.presence: list[Presence] = []
        self.confirm = confirm
        self.lock = threading.Lock()

    def __call__(self, event) -> None:
        with self.lock:
            if isinstance(event, Accepted):
                self.accepted.append(event)
                if self.confirm:
                    event.confirm()
            else:
                self.presence.append(event)


class Served:
    def __init__(self, server: ParticipationServer, recorder: Recorder) -> None:
        self.server = server
        self.recorder = recorder

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.port}"

    @property
    def url(self) -> str:
        return self.server.url()

    def token(self) -> str:
        """A device token as the server hands one out (for tests about something else than joining)."""
        return self.server.devices.issue()[1]

    def run(self, coroutine_function):
        return asyncio.run(coroutine_function())


@pytest.fixture
def serve(fixture_checklists):
    started: list[ParticipationServer] = []

    def make(*, mode="voorronde", limits: Limits | None = None, confirm: bool = True, clock=lambda: 0.0,
             **options) -> Served:
        recorder = Recorder(confirm)
        content = SessionContent.build(fixture_checklists, make_assessment())
        server = ParticipationServer(content, recorder, mode=mode, host="127.0.0.1", addresses=["127.0.0.1"],
                                     limits=limits, clock=clock, **options)
        server.start()
        started.append(server)
        return Served(server, recorder)

    yield make
    for server in started:
        server.stop()
