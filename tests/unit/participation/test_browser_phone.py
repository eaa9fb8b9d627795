"""The participant page in a real browser (headless chromium at 360x740): a Voorronde on a phone.

Opens the address behind the QR code, answers three items (one with a comment), leaves and comes
back on the same "device" (browser storage), and the scan holds the answers after the session.
Also checks what a phone needs: no sideways scrolling, targets at least 44 px, nothing loaded from
anywhere but the laptop.
"""

from __future__ import annotations

import re
import threading

from playwright.sync_api import expect

from dienstscan import storage
from dienstscan.participation import qr_matrix
from dienstscan.participation.runner import HeadlessSession

from participation_scan import make_assessment
from phone_browser import PHONE, browser, screenshot

SAVED = re.compile("^Bewaard")


def test_a_phone_answers_three_items_and_the_scan_holds_them(tmp_path, fixture_checklists):
    path = tmp_path / "proef.dienstscan"
    storage.save_scan(make_assessment(), path)
    session = HeadlessSession(fixture_checklists, storage.load_scan(path), path, storage.acquire_lock(path),
                              host="127.0.0.1", addresses=["127.0.0.1"])
    session.start()
    url = session.server.url()
    assert qr_matrix(url) == qr_matrix(session.server.url())  # the QR code holds exactly this address
    stop = threading.Event()
    pump = threading.Thread(target=lambda: [session.process(0.05) for _ in iter(stop.is_set, True)], daemon=True)
    pump.start()
    items = session.content.items
    requests: list[str] = []
    try:
        with browser() as chromium:
            context = chromium.new_context(**PHONE)
            page = context.new_page()
            page.on("request", lambda r: requests.append(r.url))
            page.goto(url)
            page.wait_for_selector("#vraag:not([hidden])")
            assert page.inner_text("#voortgang").startswith(f"Vraag 1 van {len(items)}")
            assert page.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scrolling
            heights = page.evaluate("Array.from(document.querySelectorAll('button:not([hidden])'))"
                                    ".filter(b => b.offsetParent).map(b => b.getBoundingClientRect().height)")
            assert heights and min(heights) >= 44
            font = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
            assert font >= 16  # readable without zooming
            chosen = []
            for n in range(3):
                item = items[n]
                label = item.options[n % len(item.options)][1]
                page.get_by_role("button", name=label, exact=True).click()
                expect(page.locator("#status")).to_have_text(SAVED)
                if n == 1:
                    page.fill("#opmerking", "Dit hangt af van de afdeling")
                    page.click("#opmerking-bewaren")
                    expect(page.locator("#status")).to_have_text(SAVED)
                if n == 0:
                    screenshot(page, "telefoon-voorronde")
                assert page.get_attribute(f"#opties button:nth-child({n % len(item.options) + 1})",
                                          "aria-pressed") == "true"
                chosen.append((item.id, item.options[n % len(item.options)][0]))
                page.click("#volgende")
                expect(page.locator("#voortgang")).to_have_text(re.compile(f"^Vraag {n + 2} "))
            # the phone is put away and picked up again: same place, own answers shown
            page.goto("about:blank")
            page.goto(url)
            page.wait_for_selector("#vraag:not([hidden])")
            assert page.inner_text("#voortgang").startswith(f"Vraag 4 van {len(items)} · 3 beantwoord")
            page.click("#vorige")
            expect(page.locator("#voortgang")).to_have_text(re.compile("^Vraag 3 "))
            assert page.input_value("#opmerking") == ""
            page.click("#vorige")
            assert page.input_value("#opmerking") == "Dit hangt af van de afdeling"
            page.set_viewport_size({"width": 320, "height": 568})  # the smallest phone in use
            assert page.evaluate("document.documentElement.scrollWidth") <= 320
            context.close()
    finally:
        stop.set()
        pump.join()
        session.close()
    assert all(r.startswith(f"http://127.0.0.1:{url.split(':')[2].split('/')[0]}/") for r in requests)
    saved = storage.load_scan(path)
    for item_id, option in chosen:
        assert saved.answers[item_id].individual == {"voorronde": [option]}
        assert saved.answers[item_id].option is None
    assert saved.answers[chosen[1][0]].notes == "Deelnemer: Dit hangt af van de afdeling"


def test_a_phone_in_the_voorronde_follows_the_switch_to_live_and_shows_a_closed_item(serve):
    """Issue 25 points 6 and 9: no reload needed; a closed item says so and takes no taps."""
    served = serve()
    server = served.server
    item = server.content.items[1]
    with browser() as chromium:
        context = chromium.new_context(**PHONE)
        page = context.new_page()
        page.goto(served.url)
        page.wait_for_selector("html[data-verbinding=open]", state="attached")  # its socket is open in the voorronde too
        page.wait_for_selector("#vraag:not([hidden])")
        expect(page.locator("#stappen")).to_be_visible()  # the voorronde's own pace
        loads = page.evaluate("performance.getEntriesByType('navigation').length")
        server.set_mode("live")
        server.show_item(item.id)
        expect(page.locator("#tekst")).to_have_text(item.text)
        expect(page.locator("#stappen")).to_be_hidden()
        expect(page.locator("#gesloten")).to_be_hidden()
        page.get_by_role("button", name=item.options[0][1], exact=True).click()
        expect(page.locator("#status")).to_have_text(SAVED)
        server.reveal_item(item.id)
        expect(page.locator("#gesloten")).to_be_visible()
        expect(page.get_by_role("button", name=item.options[1][1], exact=True)).to_be_disabled()
        assert page.evaluate("performance.getEntriesByType('navigation').length") == loads  # never reloaded
        screenshot(page, "telefoon-gesloten")
        context.close()
    assert [a.change.option.new for a in served.recorder.accepted] == [item.options[0][0]]
