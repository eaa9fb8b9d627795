"""Benchmark: 150 phones answering a live session: the server's CPU per answer, and the hand-over to the GUI.

Not a test. A live session of the example scan runs in this process (Qt offscreen) as in the app,
with the default limits. 150 simulated phones (aiohttp clients in a separate process, as real
phones are separate devices), each from a loopback address of its own (127.0.0.2, 127.0.0.3, ...:
the server sees 150 client addresses, as on a Wi-Fi), join the session (the server issues each
its identity), fetch the session and answer 20 items each, all at the same time; each waits for
"ontvangen" (the answer is in the recovery copy) before its next answer.

Two measurements, each against a floor measured in the same run:

1. The server's CPU per answer: the CPU time of the server's own thread (its event loop: the
   guard, the limits, JSON, the answer's checks and the hand-over) divided by the answers; the
   phones' joining and fetching of the session is measured apart (per phone). The
   floor: a bare aiohttp server on a thread of its own, no middleware, that parses the same POST
   body as JSON and answers ``{"ok": true}``, driven by the same phones with the same number of
   requests. The ratio says what the session's own work costs on top of aiohttp itself.
2. From an answer's arrival at the server to the ``ScanDocument.changed`` signal for it on the
   GUI thread (median and 95th percentile; target: well under 100 ms), against the delay of the
   server's presence reports through the same queued signal, which do no document work.

Run:  .venv/bin/python benchmarks/bench_participation.py [PHONES] [ITEMS]
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DIENSTSCAN_NO_SETTINGS", "1")


def loopback(n: int) -> str:
    import ipaddress

    return str(ipaddress.IPv4Address("127.0.0.1") + n)


def phones_process(url: str, phones: int, items: list[tuple[str, list[str]]], tokens: list[str] | None) -> None:
    """The simulated phones (a child process). Without items: each joins and fetches the session, and
    the tokens are printed (one JSON list); with items: each answers every item with its token (or
    a made-up id for the floor), waiting for 'ontvangen'."""
    import json

    import aiohttp

    joined: list[str] = [""] * phones

    async def phone(p: int) -> None:
        connector = aiohttp.TCPConnector(local_addr=(loopback(p + 1), 0))
        async with aiohttp.ClientSession(connector=connector) as s:
            device = tokens[p] if tokens else f"vloer-{p:016d}"
            if not items:
                async with s.post(url + "api/apparaat", json={}) as r:
                    assert r.status == 200, r.status
                    device = joined[p] = (await r.json())["apparaat"]
                async with s.get(url + "api/sessie", params={"apparaat": device}) as r:
                    assert r.status == 200, r.status
                    await r.read()
            for item_id, options in items:
                async with s.post(url + "api/antwoord",
                                  json={"apparaat": device, "item": item_id, "optie": options[p % len(options)]}) as r:
                    assert r.status == 200, r.status
                    await r.read()

    async def all_phones() -> None:
        await asyncio.gather(*(phone(p) for p in range(phones)))

    asyncio.run(all_phones())
    if not items:
        print(json.dumps(joined), flush=True)


def thread_cpu(thread: threading.Thread) -> float:
    """CPU seconds that ``thread`` used so far (Linux/macOS: its own CPU clock)."""
    return time.clock_gettime(time.pthread_getcpuclockid(thread.ident))


class BareServer:
    """The floor: aiohttp without middleware on a thread with its own loop; parses JSON, says ok."""

    def __init__(self) -> None:
        self.port: int | None = None
        self.thread = threading.Thread(target=self._run, daemon=True)
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None

    def _run(self) -> None:
        from aiohttp import web

        async def answer(request: web.Request) -> web.Response:
            body = await request.json()
            assert isinstance(body, dict)
            return web.json_response({"ok": True, "ontvangen": True})

        async def open_() -> web.AppRunner:
            app = web.Application()
            app.router.add_post("/vloer/api/antwoord", answer)
            runner = web.AppRunner(app, access_log=None, handle_signals=False)
            await runner.setup()
            site = web.TCPSite(runner, "127.0.0.1", 0)
            await site.start()
            self.port = site._server.sockets[0].getsockname()[1]  # noqa: SLF001
            return runner

        loop = self._loop = asyncio.new_event_loop()
        runner = loop.run_until_complete(open_())
        self._ready.set()
        loop.run_forever()
        loop.run_until_complete(runner.cleanup())
        loop.close()

    def start(self) -> str:
        self.thread.start()
        self._ready.wait()
        return f"http://127.0.0.1:{self.port}/vloer/"

    def stop(self) -> None:
        assert self._loop is not None
        self._loop.call_soon_threadsafe(self._loop.stop)
        self.thread.join()


def run_phones(url: str, phones: int, items: list, tokens: list[str] | None, app=None, done=None) -> str:
    """Run the phones' process (its output is returned); with ``app`` run Qt's event loop until it
    ends, then call ``done`` (before Qt quits: quitting stops the session)."""
    import json

    child = subprocess.Popen([sys.executable, __file__, "--telefoons", url, str(phones), repr(items),
                              json.dumps(tokens)], stdout=subprocess.PIPE, text=True)
    output: list[str] = []
    reader = threading.Thread(target=lambda: output.append(child.stdout.read()), daemon=True)
    reader.start()
    if app is None:
        child.wait()
    else:
        from PySide6.QtCore import QTimer

        def check() -> None:
            if child.poll() is not None:
                timer.stop()
                if done is not None:
                    done()
                app.quit()

        timer = QTimer(interval=20)
        timer.timeout.connect(check)
        timer.start()
        app.exec()
        timer.stop()
    reader.join()
    assert child.returncode == 0, child.returncode
    return output[0]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main(argv: list[str]) -> int:
    from PySide6.QtWidgets import QApplication

    from dienstscan.checklists import load_checklists
    from dienstscan.participation import Accepted, Presence
    from dienstscan.resources import example_scan_path
    from dienstscan.storage import load_scan
    from dienstscan.ui.document import ScanDocument
    from dienstscan.ui.live_session import LiveSession

    phones = int(argv[1]) if len(argv) > 1 else 150
    per_phone = int(argv[2]) if len(argv) > 2 else 20
    os.environ.setdefault("DIENSTSCAN_DATA_DIR", tempfile.mkdtemp(prefix="dienstscan-bench-"))
    app = QApplication.instance() or QApplication([])
    doc = ScanDocument(load_checklists(), load_scan(example_scan_path()), unsaved=True)
    delays: list[float] = []
    floor: list[float] = []

    class TimedSession(LiveSession):
        def _on_event(self, event) -> None:
            if isinstance(event, Presence):
                floor.append(time.perf_counter() - event.created)
            arrived = event.received if isinstance(event, Accepted) else None
            self._arrived = arrived
            super()._on_event(event)

    session = TimedSession(doc, addresses=["127.0.0.1"], port=0)  # default limits, as in a room

    def changed(_item_id: str) -> None:
        if getattr(session, "_arrived", None) is not None:
            delays.append(time.perf_counter() - session._arrived)
            session._arrived = None

    doc.changed.connect(changed)
    items = [(item.id, [o for o, _ in item.options]) for item in session.content.items[:per_phone]]
    total = phones * len(items)

    # the floor: the same phones, the same number of POSTs, to aiohttp alone
    bare = BareServer()
    bare_url = bare.start()
    before = thread_cpu(bare.thread)
    run_phones(bare_url, phones, items, None)
    bare_cpu = thread_cpu(bare.thread) - before
    bare.stop()

    session.start()
    while session.starting:  # the port opens on the server's thread (the GUI never waits on it)
        app.processEvents()
    server_thread = session.server._thread  # noqa: SLF001 - the benchmark reads its CPU clock
    assert server_thread is not None
    import json

    # every phone joins (the server issues its identity) and fetches the session: measured apart
    before = thread_cpu(server_thread)
    used: list[float] = []
    tokens = json.loads(run_phones(session.server.url(), phones, [], None))  # no answers: no Qt loop needed
    join_cpu = thread_cpu(server_thread) - before
    app.processEvents()  # the join's presence reports: handed over, not part of the answers' measurement
    floor.clear()
    before = thread_cpu(server_thread)
    run_phones(session.server.url(), phones, items, tokens, app=app,
               done=lambda: used.append(thread_cpu(server_thread) - before))
    server_cpu = used.pop()
    session.stop()

    assert len(delays) == total, (len(delays), total)
    for item_id, _ in items:
        assert sum(len(v) for v in doc.answer(item_id).individual.values()) >= phones  # per round
    per_answer, per_bare = server_cpu / total * 1e6, bare_cpu / total * 1e6
    median, p95 = statistics.median(delays) * 1e3, percentile(delays, 0.95) * 1e3
    floor_median, floor_p95 = statistics.median(floor) * 1e3, percentile(floor, 0.95) * 1e3
    print(f"{phones} telefoons (elk een eigen adres) x {len(items)} items = {total} antwoorden, allemaal vastgelegd")
    print(f"CPU van de server per antwoord: {per_answer:.0f} µs "
          f"(aanmelden en sessie ophalen: {join_cpu / phones * 1e6:.0f} µs per telefoon, apart gemeten)")
    print(f"vloer (kale aiohttp, zelfde verzoeken): {per_bare:.0f} µs per verzoek")
    print(f"verhouding tot de vloer: {per_answer / per_bare:.1f}x")
    print(f"antwoord -> signaal van het document: mediaan {median:.1f} ms, p95 {p95:.1f} ms (doel: ruim onder 100 ms)")
    print(f"vloer (overdracht zonder documentwerk): mediaan {floor_median:.1f} ms, p95 {floor_p95:.1f} ms")
    print(f"verhouding tot de vloer: mediaan {median / floor_median:.1f}x, p95 {p95 / floor_p95:.1f}x")
    doc.undo_stack.setClean()
    doc.close()
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--telefoons":
        import ast

        import json

        phones_process(sys.argv[2], int(sys.argv[3]), ast.literal_eval(sys.argv[4]), json.loads(sys.argv[5]))
        sys.exit(0)
    sys.exit(main(sys.argv))
