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
        assert recovered.individual == {"voorronde": [option]} and recovered.notes == "Deelnemer: Zo is het"
    session.close()
    assert not session.server.running
    saved = storage.load_scan(path).answers[item.id]
    assert saved.individual == {"voorronde": [option]} and saved.option is None  # never the agreed answer, never in the score
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
        got = Counter(saved.answers[item.id].individual["voorronde"])
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
    assert saved.individual == {"voorronde": [first["options"][0]["id"]]}
    assert storage.read_lock(scan) is None


def test_dienstscan_sessie_refuses_a_locked_scan(tmp_path, capsys):
    from dienstscan.cli import main

    scan = _scan(tmp_path)
    with storage.acquire_lock(scan):
        assert main(["sessie", str(scan), "--poort", "0", "--checklists",
                     str(ROOT / "tests" / "fixtures" / "checklists" / "valid")]) == 1
    assert "Fout:" in capsys.readouterr().err


# ---------------------------------------------------------------- after a crash (issue 25 point 2)


def _start_sessie(scan: Path, data: Path, *extra: str, port: tuple[str, ...] = ("--poort", "0")
                  ) -> tuple[subprocess.Popen, list[str]]:
    """A real ``dienstscan sessie`` process; returns it with its output up to the address lines."""
    env = {**os.environ, "DIENSTSCAN_DATA_DIR": str(data), "PYTHONIOENCODING": "utf-8"}
    process = subprocess.Popen([sys.executable, "-m", "dienstscan", "sessie", str(scan), *port,
                                "--adres", "127.0.0.1", *extra], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, encoding="utf-8", env=env, cwd=ROOT)
    lines: list[str] = []
    while not lines or not lines[-1].startswith("Of typen"):
        line = process.stdout.readline()
        if not line:
            return process, lines
        lines.append(line.rstrip("\n"))
    return process, lines


def _join_phones(url: str, count: int) -> list[str]:
    """``count`` phones join the session (the server issues their identities)."""
    async def scenario():
        async with aiohttp.ClientSession() as s:
            return [await join(s, url) for _ in range(count)]

    return asyncio.run(scenario())


def _answer_items(url: str, device: str, count: int) -> list[tuple[str, str]]:
    async def scenario():
        async with aiohttp.ClientSession() as s:
            async with s.get(url + "api/sessie", params={"apparaat": device}) as r:
                items = (await r.json())["items"][:count]
            given = []
            for item in items:
                option = item["options"][-1]["id"]
                assert await _answer(s, url, device, item["id"], optie=option) == 200  # the phone shows "Bewaard"
                given.append((item["id"], option))
            return given

    return asyncio.run(scenario())


def test_after_kill_9_sessie_offers_the_recovery_copy_and_never_deletes_it_unseen(tmp_path):
    scan = tmp_path / "voorbeeld.dienstscan"
    scan.write_bytes((ROOT / "examples" / "gemeente-voorbeeld.dienstscan").read_bytes())
    data = tmp_path / "gegevens"  # the data folder this test's own storage calls use too (conftest)
    before = scan.read_bytes()
    process, lines = _start_sessie(scan, data)
    try:
        given = _answer_items(lines[-2].strip(), _join_phones(lines[-2].strip(), 1)[0], 3)
    finally:
        process.kill()  # kill -9: no handler runs, nothing is saved
        process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL
    assert scan.read_bytes() == before  # the scan itself never got the answers
    [copy] = storage.find_recoveries()
    kept = copy.path.read_bytes()
    assert all(storage.load_recovery(copy).answers[i].individual_in("voorronde")[-1] == o for i, o in given)

    # a restart that is not told what to do (no terminal to ask on) stops and leaves the copy alone
    again, lines = _start_sessie(scan, data)
    out, err = again.communicate(timeout=60)
    assert again.returncode == 1 and "herstelkopie van" in "\n".join(lines) + out
    assert "--herstelkopie herstellen" in err
    assert copy.path.read_bytes() == kept and scan.read_bytes() == before
    assert storage.read_lock(scan) is None  # the lock it took went with it

    # told to take it in: the three answers are back and the first save puts them in the scan
    resumed, lines = _start_sessie(scan, data, "--herstelkopie", "herstellen")
    try:
        assert any(line.startswith("Herstelkopie ingelezen") for line in lines), lines
        while not lines[-1].startswith("Stoppen: Ctrl+C"):  # from here on Ctrl+C is caught
            line = resumed.stdout.readline()
            assert line, "\n".join(lines)
            lines.append(line.rstrip("\n"))
    finally:
        resumed.send_signal(signal.SIGINT)
        out, err = resumed.communicate(timeout=60)
    assert resumed.returncode == 0, err
    saved = storage.load_scan(scan)
    assert all(saved.answers[i].individual_in("voorronde")[-1] == o for i, o in given)
    assert storage.find_recoveries() == []  # offered, taken in and saved: now it may go


def test_sessie_throws_a_recovery_copy_away_only_when_asked(tmp_path, fixture_checklists, monkeypatch, capsys):
    from dienstscan.cli import main

    path = _scan(tmp_path)
    stale = make_assessment()
    stale.id = storage.load_scan(path).id
    storage.write_recovery(stale, path)
    [copy] = storage.find_recoveries()  # other work than the file holds: the app would offer it
    checklists = str(ROOT / "tests" / "fixtures" / "checklists" / "valid")
    monkeypatch.setattr("sys.stdin", None)
    assert main(["sessie", str(path), "--poort", "0", "--checklists", checklists]) == 1
    assert copy.path.exists()
    # the file was written after the copy (another command): taking the copy in would undo that
    changed = storage.load_scan(path)
    changed.organisation.name = "Gemeente Later"
    storage.save_scan(changed, path)
    capsys.readouterr()
    assert main(["sessie", str(path), "--poort", "0", "--checklists", checklists, "--herstelkopie", "herstellen"]) == 1
    assert "na deze herstelkopie nog gewijzigd" in capsys.readouterr().err
    assert copy.path.exists() and storage.load_scan(path).organisation.name == "Gemeente Later"
    # 'weggooien' is an answer to the offer: then (and only then) it goes, and the session starts
    started = []

    def port_taken(self) -> None:
        started.append(self)
        raise OSError(98, "bezet")

    monkeypatch.setattr(HeadlessSession, "start", port_taken)
    assert main(["sessie", str(path), "--poort", "0", "--checklists", checklists,
                 "--herstelkopie", "weggooien"]) == 1  # stops at the port: what matters is the copy
    assert started and not copy.path.exists()


# ---------------------------------------------------------------- the session's identity (issue 25 point 4)


def _wait_for_ctrl_c(process: subprocess.Popen, lines: list[str]) -> None:
    while not lines[-1].startswith("Stoppen: Ctrl+C"):
        line = process.stdout.readline()
        assert line, "\n".join(lines)
        lines.append(line.rstrip("\n"))


def test_after_kill_9_the_restart_keeps_address_and_code_and_a_re_answer_replaces(tmp_path):
    scan = tmp_path / "voorbeeld.dienstscan"
    scan.write_bytes((ROOT / "examples" / "gemeente-voorbeeld.dienstscan").read_bytes())
    data = tmp_path / "gegevens"
    process, lines = _start_sessie(scan, data)
    url, typed = lines[-2].strip(), lines[-1]
    try:
        phones = _join_phones(url, 5)  # their tokens (kept in the phones' browsers) still hold after the restart
        firsts = [_answer_items(url, device, 2) for device in phones]
    finally:
        process.kill()  # kill -9
        process.communicate(timeout=60)
    items = [item for item, _option in firsts[0]]

    # restarted without --poort: the port, secret and short code come from the scan (its recovery copy)
    resumed, lines = _start_sessie(scan, data, "--herstelkopie", "herstellen", port=())
    try:
        assert lines[-2].strip() == url and lines[-1] == typed  # the same QR code and typed address

        async def scenario():
            async with aiohttp.ClientSession() as s:
                mine = []
                for device in phones:
                    async with s.get(url + "api/sessie", params={"apparaat": device}) as r:
                        assert r.status == 200  # no "Geen toegang": the phone reconnects as it was
                        mine.append((await r.json())["mijn"])
                    for item in items:  # every phone changes its mind: the new answer replaces the old one
                        assert await _answer(s, url, device, item, optie="niet") == 200
                return mine

        mine = asyncio.run(scenario())
        _wait_for_ctrl_c(resumed, lines)
    finally:
        resumed.send_signal(signal.SIGINT)
        out, err = resumed.communicate(timeout=60)
    assert resumed.returncode == 0, err
    for given, kept in zip(firsts, mine):
        assert {item: values["option"] for item, values in kept.items()} == dict(given)  # its own answers back
    saved = storage.load_scan(scan)
    for item in items:
        assert saved.answers[item].individual == {"voorronde": ["niet"] * len(phones)}, item  # five phones, five answers
    assert saved.live_session is not None and len(saved.live_session.phones) == len(phones)
    assert all(device not in scan.read_text(encoding="utf-8") for device in phones)  # only keyed hashes


# ---------------------------------------------------------------- "nieuwe code" (issue 25)


async def _refused(s: aiohttp.ClientSession, address: str) -> tuple[int, str]:
    async with s.get(address, allow_redirects=False, headers={"Accept": "text/html"}) as r:  # as a browser
        return r.status, await r.text()


def test_sessie_nieuwe_code_refuses_the_old_address_and_code_and_keeps_the_answers(tmp_path):
    scan = tmp_path / "voorbeeld.dienstscan"
    scan.write_bytes((ROOT / "examples" / "gemeente-voorbeeld.dienstscan").read_bytes())
    data = tmp_path / "gegevens"
    process, lines = _start_sessie(scan, data)
    old_url, old_typed = lines[-2].strip(), lines[-1].split()[-1]
    try:
        [device] = _join_phones(old_url, 1)
        given = _answer_items(old_url, device, 2)
        _wait_for_ctrl_c(process, lines)
    finally:
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    port = old_url.split(":")[2].split("/")[0]

    renewed, lines = _start_sessie(scan, data, "--nieuwe-code", port=("--poort", port))
    try:
        assert any(line.startswith("Nieuwe code gemaakt: oude adressen") for line in lines), lines
        new_url, new_typed = lines[-2].strip(), lines[-1].split()[-1]
        assert new_url != old_url and new_typed != old_typed
        assert new_url.split("/")[2] == old_url.split("/")[2]  # the same laptop and port: only the code is new
        # saved before the first phone: a crash now cannot bring the old code back
        assert storage.load_scan(scan).live_session.secret in new_url

        async def scenario():
            async with aiohttp.ClientSession() as s:
                old_page = await _refused(s, old_url)
                old_code = await _refused(s, "http://" + old_typed)
                async with s.get(old_url + "api/sessie", params={"apparaat": device}) as r:
                    old_api = r.status
                fresh = await join(s, new_url)
                status = await _answer(s, new_url, fresh, given[0][0], optie=given[0][1])
                return old_page, old_code, old_api, status

        old_page, old_code, old_api, status = asyncio.run(scenario())
        _wait_for_ctrl_c(renewed, lines)
    finally:
        renewed.send_signal(signal.SIGINT)
        _out, err = renewed.communicate(timeout=60)
    assert renewed.returncode == 0, err
    for refused_status, page in (old_page, old_code):
        assert refused_status == 403 and "Geen toegang" in page and 'lang="nl"' in page  # a Dutch page
    assert old_api == 403  # the old address's API is refused as well
    assert status == 200  # the new address works
    saved = storage.load_scan(scan)
    for item, option in given:  # the answers given under the old code stay in the scan
        assert option in saved.answers[item].individual["voorronde"]
    assert saved.answers[given[0][0]].individual["voorronde"].count(given[0][1]) == 2  # a new phone: counted anew
    assert saved.live_session.secret in new_url and len(saved.live_session.phones) == 1
