"""Done when: a whole live workshop with phones, run as a test (issue 17).

The facilitator opens the presentation and starts a live session; a real browser phone (headless
chromium, 360x740) and five simulated phones answer the item on the projector and vote; the
projector counts without revealing; the facilitator reveals the spread with the key, records the
agreed answer with a number key; "meeste verschil eerst" orders by the live answers; the scan is
saved and reopened with every individual answer, and the server is gone.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import socket
import threading
from collections import Counter
from pathlib import Path

import aiohttp
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from dienstscan import storage
from dienstscan.checklists import load_checklists
from dienstscan.ui import live_panel
from dienstscan.ui.document import ScanDocument
from dienstscan.ui.workshop import start_presentation

from phone_browser import SCREENSHOTS, PhoneThread
from phone_client import join

#: The round this workshop's phones answer in (the scan keeps each answer under its round).
ROUND = "live"

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "gemeente-voorbeeld.dienstscan"
SIMULATED = 5


#: The simulated phones' identities per session address (issued by the server on their first answer).
_SIMULATED_DEVICES: dict[str, list[str]] = {}


def simulated_answers(url: str, item_id: str, options: list[str], votes: list[str]) -> list[int]:
    """Five phones answer ``item_id`` at once (on a worker thread's own event loop)."""
    async def phone(s, n):
        async with s.post(url + "api/antwoord", json={"apparaat": devices[n], "item": item_id,
                                                      "optie": options[n], "stem": votes[n]}) as r:
            return r.status

    async def all_phones():
        async with aiohttp.ClientSession() as s:
            while len(devices) < SIMULATED:
                devices.append(await join(s, url))
            return await asyncio.gather(*(phone(s, n) for n in range(SIMULATED)))

    devices = _SIMULATED_DEVICES.setdefault(url, [])

    return asyncio.run(all_phones())


def in_thread(qtbot, fn):
    result: list = []
    thread = threading.Thread(target=lambda: result.append(fn()), daemon=True)
    thread.start()
    qtbot.waitUntil(lambda: bool(result), timeout=30_000)
    return result[0]


@pytest.mark.qt_log_ignore("does not support raise")  # the offscreen platform cannot raise a window
def test_whole_live_workshop_with_phones(qtbot, tmp_path):
    path = tmp_path / "workshop.dienstscan"
    shutil.copyfile(EXAMPLE, path)
    checklists = load_checklists()
    doc = ScanDocument(checklists, storage.load_scan(path), path, lock=storage.acquire_lock(path))
    # the facilitator starts the phones (the panel's Start) and then the presentation (F5)
    session = live_panel.start_session(doc, "live", addresses=["127.0.0.1"], host="127.0.0.1", port=0)
    qtbot.waitUntil(lambda: session.running and not session.starting, timeout=20_000)
    window = start_presentation(None, doc)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    qtbot.waitExposed(window)
    projector = window.live
    port = session.server.port
    url = session.server.url()
    phone = PhoneThread(url)
    try:
        phone.wait(qtbot)
        plan = []  # (item id, the browser's option, agreed option)
        for n in range(3):
            item_id = window.current_item_id
            qtbot.waitUntil(lambda: session.server.current == item_id)
            item = session.content.item(item_id)
            options = [o for o, _ in item.options]
            mine = options[n % len(options)]
            label = dict(item.options)[mine]

            def answer_in_browser(page, text=item.text, label=label):
                from playwright.sync_api import expect

                expect(page.locator("#tekst")).to_have_text(text)  # the phone follows the projector
                assert page.locator("#opmerking-blok").is_hidden()  # live: no comment field
                page.get_by_role("button", name=label, exact=True).click()
                expect(page.locator("#status")).to_have_text(re.compile("^Bewaard"))
                page.get_by_role("button", name="Twijfel", exact=True).click()
                expect(page.locator("#status")).to_have_text(re.compile("^Bewaard"))
                if SCREENSHOTS and n == 0:
                    page.screenshot(path=os.path.join(SCREENSHOTS, "telefoon-live.png"), full_page=True)
                return page.get_attribute("[data-stem='twijfel']", "aria-pressed")

            assert phone.do(qtbot, answer_in_browser) == "true"
            sims = [options[(n + k) % len(options)] if n != 0 else mine for k in range(SIMULATED)]
            votes = ["ja", "ja", "nee", "twijfel", "ja"]
            assert in_thread(qtbot, lambda: simulated_answers(url, item_id, sims, votes)) == [200] * SIMULATED
            total = SIMULATED + 1
            qtbot.waitUntil(lambda: projector.badge.count_label.text() == f"{total} van {total} geantwoord")
            spread_before = window.item_view.spread_label.text()
            assert "verborgen" in spread_before and all(lab not in spread_before for _, lab in item.options)
            assert "verborgen" in window.item_view.poll_label.text() and "Ja " not in window.item_view.poll_label.text()
            if SCREENSHOTS and n == 0:
                window.grab().save(os.path.join(SCREENSHOTS, "projector-live-verborgen.png"))
            QTest.keyClick(window, Qt.Key.Key_O)  # the facilitator reveals
            assert f"({total} antwoorden)" in window.item_view.spread_label.text()
            assert window.item_view.poll_label.text().startswith("Draagvlak: Ja ")
            if SCREENSHOTS and n == 0:
                window.grab().save(os.path.join(SCREENSHOTS, "projector-live-onthuld.png"))
            agreed = Counter([mine, *sims]).most_common(1)[0][0]
            QTest.keyClick(window, getattr(Qt.Key, f"Key_{options.index(agreed) + 1}"))
            assert doc.answer(item_id).option == agreed
            plan.append((item_id, [mine, *sims], agreed))
            QTest.keyClick(window, Qt.Key.Key_PageDown)
        # meeste verschil eerst, by the live answers: the first item (everyone agreed) after the other two
        QTest.keyClick(window, Qt.Key.Key_V)
        position = {item_id: window.items.index(item_id) for item_id, _, _ in plan}
        assert position[plan[0][0]] > max(position[plan[1][0]], position[plan[2][0]])
        window.close()
        phone.do(qtbot, lambda page: page.goto("about:blank"))
    finally:
        phone.close()
        live_panel.stop_session(doc)
    with socket.socket() as probe, pytest.raises(OSError):
        probe.connect(("127.0.0.1", port))  # the server is gone
    doc.save()
    doc.close()
    reopened = storage.load_scan(path)
    before = storage.load_scan(EXAMPLE)
    for item_id, individual, agreed in plan:
        answer = reopened.answers[item_id]
        earlier = before.answers[item_id].individual_in(ROUND) if item_id in before.answers else []
        assert Counter(answer.individual_in(ROUND)) == Counter([*earlier, *individual])
        assert answer.option == agreed
        earlier_poll = before.answers[item_id].poll if item_id in before.answers else None
        assert answer.poll.total == (earlier_poll.total if earlier_poll else 0) + SIMULATED + 1
