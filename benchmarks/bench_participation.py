"""Benchmark: from a phone's answer to the document's ``changed`` signal, against a hand-over floor.

Not a test. A live session of the example scan runs in this process (Qt offscreen) as in the app;
50 simulated phones (aiohttp clients in a separate process, as real phones are separate devices)
each answer 20 items, all at the same time. For every answer the delay from its arrival at the
server (parsed and checked) to the ``ScanDocument.changed`` signal for it on the GUI thread is
measured: the hand-over to the GUI thread, ``apply_change`` and the undo command. Printed: median
and 95th percentile. Target: well under 100 ms.

The floor, measured in the same run under the same load: the delay of the server's presence
reports ("12 van 15 geantwoord") through the same queued signal, which do no document work. The
ratio says what the document work adds to the bare hand-over between the threads.

Run:  .venv/bin/python benchmarks/bench_participation.py [PHONES] [ITEMS]
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DIENSTSCAN_NO_SETTINGS", "1")


def phones_process(url: str, phones: int, items: list[tuple[str, list[str]]]) -> None:
    """The simulated phones (run in a child process): each answers every item, waiting for 'ontvangen'."""
    import aiohttp

    async def phone(s: aiohttp.ClientSession, p: int) -> None:
        device = f"bank-{p:016d}"
        for item_id, options in items:
            async with s.post(url + "api/antwoord",
                              json={"apparaat": device, "item": item_id, "optie": options[p % len(options)]}) as r:
                assert r.status == 200, r.status

    async def all_phones() -> None:
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=phones)) as s:
            await asyncio.gather(*(phone(s, p) for p in range(phones)))

    asyncio.run(all_phones())


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main(argv: list[str]) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from dienstscan.checklists import load_checklists
    from dienstscan.participation import Accepted, Limits, Presence
    from dienstscan.resources import example_scan_path
    from dienstscan.storage import load_scan
    from dienstscan.ui.document import ScanDocument
    from dienstscan.ui.live_session import LiveSession

    phones = int(argv[1]) if len(argv) > 1 else 50
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

    session = TimedSession(doc, host="127.0.0.1", addresses=["127.0.0.1"], port=0,
                           limits=Limits(address_burst=1e9, device_burst=1e9))

    def changed(_item_id: str) -> None:
        if getattr(session, "_arrived", None) is not None:
            delays.append(time.perf_counter() - session._arrived)
            session._arrived = None

    doc.changed.connect(changed)
    session.start()
    while session.starting:  # the port opens on the server's thread (the GUI never waits on it)
        app.processEvents()
    items = [(item.id, [o for o, _ in item.options]) for item in session.content.items[:per_phone]]
    child = subprocess.Popen([sys.executable, __file__, "--telefoons", session.server.url(), str(phones),
                              repr(items)])
    timer = QTimer(interval=20)
    timer.timeout.connect(lambda: child.poll() is not None and app.quit())
    timer.start()
    app.exec()
    timer.stop()
    session.stop()
    assert child.returncode == 0, child.returncode
    total = phones * len(items)
    assert len(delays) == total, (len(delays), total)
    for item_id, _ in items:
        assert len(doc.answer(item_id).individual) >= phones
    median, p95 = statistics.median(delays) * 1e3, percentile(delays, 0.95) * 1e3
    floor_median, floor_p95 = statistics.median(floor) * 1e3, percentile(floor, 0.95) * 1e3
    print(f"{phones} telefoons x {len(items)} items = {total} antwoorden, allemaal vastgelegd")
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

        phones_process(sys.argv[2], int(sys.argv[3]), ast.literal_eval(sys.argv[4]))
        sys.exit(0)
    sys.exit(main(sys.argv))
