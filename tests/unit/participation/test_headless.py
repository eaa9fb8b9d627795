"""The session without a GUI: answers go into the scan through the recovery copy, and ``dienstscan sessie``.

The load test runs 50 simulated phones over loopback, each answering every item in scope (and
changing its mind on some); it is bounded by count, not time: every answer is recorded exactly once.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

import aiohttp

from dienstscan import storage
from dienstscan.participation import Limits
from dienstscan.participation.runner import HeadlessSession

from participation_scan import make_assessment
from phone_client import client, join, loopback

ROOT = Path(__file__).resolve().parents[3]


def _scan(tmp_path: Path) -> Path:
    path = tmp_path / "proef.dienstscan"
    storage.save_scan(make_assessment(), path)
    return path


class Pump:
    """Runs ``session.process`` on a thread of its own, as the CLI's main loop does."""

    def __init__(self, session: HeadlessSession) -> None:
        self.session = session
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self.stopping.is_set():
            self.session.process(0.05)

    def __enter__(self) -> Pump:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopping.set()
        self.thread.join()


async def _answer(s: aiohttp.ClientSession, url: str, device: str, item: str, **values) -> int:
    async with s.post(url + "api/antwoord", json={"apparaat": device, "item": item, **values}) as r:
        return r.status


def test_confirmed_answer_is_in_the_recovery_copy_and_in_the_scan_after_save(tmp_path, fixture_checklists):
    path = _scan(tmp_path)
    session = HeadlessSession(fixture_checklists, storage.load_scan(path), path, storage.acquire_lock(path),
                              host="127.0.0.1", addresses=["127.0.0.1"])
    session.start()
    item = session.content.items[0]
    option = item.options[0][0]

    async def scenario():
        async with aiohttp.ClientSession() as s:
            device = await join(s, session.server.url())
            return await _answer(s, session.server.url(), device, item.id, optie=option, opmerking="Zo is het")

    with Pump(session):
        assert asyncio.run(scenario()) == 200
        # the phone saw "ontvangen": the answer is already in the recovery copy
        [copy] = storage.find_recoveries()
        recovered = storage.load_recovery(copy).answers[item.id]
        assert recovered.individual == [option] and recovered.notes == "Deelnemer: Zo is het"
    session.close()
    assert not session.server.running
    saved = storage.load_scan(path).answers[item.id]
    assert saved.individual == [option] and saved.option is None  # never the agreed answer, never in the score
    assert storage.find_recoveries() == []
    assert storage.read_lock(path) is None  # the lock went with the session


def test_fifty_phones_answer_every_item_each_recorded_once(tmp_path, fixture_checklists):
    path = _scan(tmp_path)
    session = HeadlessSession(fixture_checklists, storage.load_scan(path), path, storage.acquire_lock(path),
                              host="127.0.0.1", addresses=["127.0.0.1"],
                              limits=Limits(device_burst=1_000))
    session.start()
    url = session.server.url()
    items = session.content.items

    def last_choice(p: int, item) -> str:
        return item.options[(p + len(item.id)) % len(item.options)][0]

    async def phone(p: int) -> list[int]:
        statuses = []
        async with client(loopback(p + 1)) as s:  # each phone from its own address, as on a Wi-Fi
            device = await join(s, url)
            for item in items:
                if p % 5 == 0:  # every fifth changes their mind first: only the last answer counts
                    statuses.append(await _answer(s, url, device, item.id, optie=item.options[-1][0]))
                statuses.append(await _answer(s, url, device, item.id, optie=last_choice(p, item)))
        return statuses

    async def scenario():
        return await asyncio.gather(*(phone(p) for p in range(50)))

    with Pump(session):
        results = asyncio.run(scenario())
    assert all(status == 200 for statuses in results for status in statuses)
    session.close()
    saved = storage.load_scan(path)
    for item in items:
        got = Counter(saved.answers[item.id].individual)
        assert got == Counter(last_choice(p, item) for p in range(50)), item.id


def test_dienstscan_sessie_runs_until_ctrl_c_and_keeps_every_answer(tmp_path):
    scan = tmp_path / "voorbeeld.dienstscan"
    scan.write_bytes((ROOT / "examples" / "gemeente-voorbeeld.dienstscan").read_bytes())
    env = {**os.environ, "DIENSTSCAN_DATA_DIR": str(tmp_path / "gegevens"), "PYTHONIOENCODING": "utf-8"}
    process = subprocess.Popen([sys.executable, "-m", "dienstscan", "sessie", str(scan), "--poort", "0",
                                "--adres", "127.0.0.1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, encoding="utf-8", env=env, cwd=ROOT)
    try:
        lines = []
        while not lines or not lines[-1].startswith("Of typen"):
            line = process.stdout.readline()
            assert line, process.stderr.read()
            lines.append(line.rstrip("\n"))
        url = lines[-2].strip()
        port = url.split("/")[2]
        assert url.startswith("http://127.0.0.1:") and lines[-1].split()[-1].startswith(port + "/")
        assert storage.read_lock(scan) is not None  # the scan is locked while the session runs

        async def scenario():
            async with aiohttp.ClientSession() as s:
                device = await join(s, url)
                async with s.get(url + "api/sessie", params={"apparaat": device}) as r:
                    first = (await r.json())["items"][0]
                status = await _answer(s, url, device, first["id"], optie=first["options"][0]["id"])
                return first, status

        first, status = asyncio.run(scenario())
        assert status == 200
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "1 antwoord ontvangen en opgeslagen" in out, out[-300:]
    saved = storage.load_scan(scan).answers[first["id"]]
    assert saved.individual[-1] == first["options"][0]["id"]
    assert storage.read_lock(scan) is None


def test_dienstscan_sessie_refuses_a_locked_scan(tmp_path, capsys):
    from dienstscan.cli import main

    scan = _scan(tmp_path)
    with storage.acquire_lock(scan):
        assert main(["sessie", str(scan), "--poort", "0", "--checklists",
                     str(ROOT / "tests" / "fixtures" / "checklists" / "valid")]) == 1
    assert "Fout:" in capsys.readouterr().err
