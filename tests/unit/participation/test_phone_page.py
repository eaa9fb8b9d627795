"""The phone page in headless chromium (issue 25 point 12): focus, announcements, connection, end, errors, axe.

Each state a participant can meet is opened in a real browser against the real server: a
question in the Voorronde and Live, waiting, done, no connection, the session ended, and the
refusal pages (a wrong code, an old address, a page that does not exist). Every one of them is
checked with axe-core (``axe-playwright-python``, which ships axe-core; nothing is fetched at test
time) and must have no violations. Screenshots go to ``$DIENSTSCAN_SCREENSHOTS`` when set.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from phone_browser import PHONE, browser, screenshot

SAVED = re.compile("^Bewaard")
# waiting is bounded by what happens, not by the clock: generous, for a busy CI machine
expect.set_options(timeout=30_000)


def axe_violations(page) -> list[str]:
    """axe-core's violations of the page as it is now (rule id and the first element), none expected."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [f"{v['id']}: {v['help']} ({v['nodes'][0]['target']})" for v in results.response["violations"]]


@pytest.fixture(scope="module")
def chromium():
    with browser() as launched:
        yield launched


@pytest.fixture
def phone(chromium):
    context = chromium.new_context(**PHONE)
    yield context.new_page()
    context.close()


def test_axe_finds_what_it_should(phone):
    """The check itself can fail: a picture without text and a button without a name are found."""
    phone.set_content('<!doctype html><html><body><img src="data:,"><button></button></body></html>')
    found = " ".join(axe_violations(phone))
    assert "image-alt" in found and "button-name" in found and "html-has-lang" in found


def test_voorronde_tap_keeps_focus_on_the_chosen_option(serve, phone):
    served = serve()
    item = served.server.content.items[0]
    phone.goto(served.url)
    phone.wait_for_selector("#vraag:not([hidden])")
    expect(phone.locator("#verbinding")).to_have_text("Verbonden met de laptop")
    assert axe_violations(phone) == []
    screenshot(phone, "telefoon-1-voorronde-vraag")
    second = phone.locator("#opties button").nth(1)
    second.focus()
    phone.keyboard.press("Enter")  # a keyboard user chooses
    expect(phone.locator("#status")).to_have_text(SAVED)
    assert phone.evaluate("document.activeElement.getAttribute('data-optie')") == item.options[1][0]
    assert phone.evaluate("document.activeElement.getAttribute('aria-pressed')") == "true"
    phone.keyboard.press("Shift+Tab")  # and goes on from there, not from the top of the page
    assert phone.evaluate("document.activeElement.getAttribute('data-optie')") == item.options[0][0]
    screenshot(phone, "telefoon-2-voorronde-bewaard")
    assert axe_violations(phone) == []
    # to the end: the "klaar" screen keeps the connection state too
    for _ in served.server.content.items:
        phone.click("#volgende")
    expect(phone.locator("#klaar")).to_be_visible()
    assert phone.evaluate("document.activeElement.id || document.activeElement.textContent") == "Klaar, dank u wel!"
    expect(phone.locator("#verbinding")).to_have_text("Verbonden met de laptop")
    assert axe_violations(phone) == []


def test_live_question_is_announced_and_focus_is_not_lost(serve, phone):
    served = serve(mode="live")
    first, second = served.server.content.items[:2]
    phone.goto(served.url)
    expect(phone.locator("#wachten")).to_be_visible()
    expect(phone.locator("#verbinding")).to_have_text("Verbonden met de laptop")  # also while waiting
    assert axe_violations(phone) == []
    screenshot(phone, "telefoon-3-live-wachten")
    served.server.show_item(first.id)
    expect(phone.locator("#tekst")).to_have_text(first.text)
    expect(phone.locator("#aankondiging")).to_have_text(f"Nieuwe vraag: {first.text}")
    assert phone.get_attribute("#aankondiging", "aria-live") == "polite"
    button = phone.locator("#opties button").nth(0)
    button.focus()
    phone.keyboard.press("Space")
    expect(phone.locator("#status")).to_have_text(SAVED)
    assert phone.evaluate("document.activeElement.getAttribute('data-optie')") == first.options[0][0]
    phone.locator("[data-stem=ja]").click()
    expect(phone.locator("#status")).to_have_text(SAVED)
    screenshot(phone, "telefoon-4-live-vraag")
    assert axe_violations(phone) == []
    phone.locator("#opties button").nth(1).focus()
    served.server.show_item(second.id)  # the projector moves on while the focus is on an answer
    expect(phone.locator("#tekst")).to_have_text(second.text)
    expect(phone.locator("#aankondiging")).to_have_text(f"Nieuwe vraag: {second.text}")
    assert phone.evaluate("document.activeElement.id") == "tekst"  # on the new question, not the top
    assert [a.change.option.new for a in served.recorder.accepted if a.change.option] == [first.options[0][0]]


def test_session_end_shows_sessie_afgelopen(serve, phone):
    served = serve(mode="live")
    phone.goto(served.url)
    expect(phone.locator("#verbinding")).to_have_text("Verbonden met de laptop")
    served.server.stop()
    expect(phone.locator("#afgelopen")).to_be_visible()
    expect(phone.locator("#verbinding")).to_have_text("Sessie afgelopen")
    assert phone.evaluate("document.activeElement.textContent") == "Sessie afgelopen"
    expect(phone.locator("#aankondiging")).to_have_text("De sessie is afgelopen.")
    screenshot(phone, "telefoon-5-sessie-afgelopen")
    assert axe_violations(phone) == []


def test_lost_connection_is_shown_and_answers_are_sent_again(serve, phone):
    served = serve()
    item = served.server.content.items[0]
    phone.goto(served.url)
    expect(phone.locator("#verbinding")).to_have_text("Verbonden met de laptop")
    phone.context.set_offline(True)  # the Wi-Fi drops
    phone.locator("#opties button").nth(0).click()
    expect(phone.locator("#verbinding")).to_have_text("Verbinding even weg; opnieuw verbinden…")
    expect(phone.locator("#status")).to_contain_text("Geen verbinding")
    screenshot(phone, "telefoon-6-verbinding-weg")
    assert axe_violations(phone) == []
    phone.context.set_offline(False)
    expect(phone.locator("#status")).to_have_text(SAVED)  # sent again by itself
    assert [a.change.option.new for a in served.recorder.accepted] == [item.options[0][0]]


def test_unreachable_laptop_shows_the_no_connection_screen(serve, phone):
    served = serve()
    phone.route("**/api/**", lambda route: route.abort())  # the page came, then the laptop is gone
    phone.goto(served.url)
    expect(phone.locator("#fout")).to_be_visible()
    expect(phone.locator("#fout-tekst")).to_contain_text("niet bereikbaar")
    expect(phone.locator("#verbinding")).to_have_text("Geen verbinding met de laptop")
    screenshot(phone, "telefoon-7-geen-verbinding")
    assert axe_violations(phone) == []


@pytest.mark.parametrize(
    ("path", "status", "title"),
    [
        ("ABCDEF-wrong", 403, "Geen toegang"),
        ("{old_secret}/", 403, "Geen toegang"),
        ("{secret}/bestaat-niet", 404, "Pagina niet gevonden"),
    ],
)
def test_refusal_pages_are_friendly_dutch_and_axe_clean(serve, phone, path, status, title):
    served = serve()
    path = path.format(secret=served.server.secret, old_secret="x" * 22)
    if path == "ABCDEF-wrong":
        path = "ZZZZZZ" if served.server.code != "ZZZZZZ" else "YYYYYY"
    response = phone.goto(f"{served.base}/{path}")
    assert response.status == status
    expect(phone.locator("h1")).to_have_text(title)
    assert phone.evaluate("document.documentElement.lang") == "nl"
    assert "{" not in phone.inner_text("body")  # a page, not raw JSON
    font = phone.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert font >= 16  # the stylesheet loaded without the secret
    screenshot(phone, f"telefoon-fout-{status}-{title.split()[0].lower()}")
    assert axe_violations(phone) == []


def test_typed_code_lands_on_a_clean_address_and_works(serve, phone):
    served = serve()
    item = served.server.content.items[0]
    phone.goto(f"{served.base}/{served.server.code}")
    phone.wait_for_selector("#vraag:not([hidden])")
    assert phone.url == f"{served.base}/"  # the secret is in the cookie, not in the address bar
    phone.locator("#opties button").nth(0).click()
    expect(phone.locator("#status")).to_have_text(SAVED)
    assert len(served.recorder.accepted) == 1 and served.recorder.accepted[0].change.item_id == item.id


def test_code_locked_page(serve, phone):
    from dienstscan.participation import Limits

    served = serve(limits=Limits(code_attempts=1))
    wrong = "ZZZZZZ" if served.server.code != "ZZZZZZ" else "YYYYYY"
    phone.goto(f"{served.base}/{wrong}")
    response = phone.goto(f"{served.base}/{served.server.code}")
    assert response.status == 403
    expect(phone.locator("h1")).to_have_text("Te vaak een verkeerde code")
    assert axe_violations(phone) == []


def test_a_phone_the_session_no_longer_knows_signs_on_again(serve, phone):
    """As after a restart that did not keep the phones' key: the refused live connection is looked into."""
    import asyncio

    from dienstscan.participation.devices import DeviceKeys

    served = serve(mode="live")
    phone.goto(served.url)
    expect(phone.locator("#verbinding")).to_have_text("Verbonden met de laptop")
    old_token = phone.evaluate("localStorage.getItem('dienstscan-apparaat')")
    server = served.server
    server.devices = DeviceKeys()  # the old token is now unknown
    loop = server._loop  # noqa: SLF001 - drop the live connections as a restart would
    async def drop() -> None:
        for ws in list(server._sockets):  # noqa: SLF001
            await ws.close(code=1012)

    asyncio.run_coroutine_threadsafe(drop(), loop).result(10)
    # Wait for what the page does, not for time: the server having sent the close does not mean the
    # page has seen it yet, so "Verbonden" right now may still be the old connection (this test
    # failed once under load that way). The page signs on again only after its refused reconnect
    # (socket closed, probe answered 403 "apparaat"), so a new token in its storage marks that point.
    phone.wait_for_function("old => localStorage.getItem('dienstscan-apparaat') !== old", arg=old_token)
    new_token = phone.evaluate("localStorage.getItem('dienstscan-apparaat')")
    assert new_token and new_token != old_token and server.devices.verify(new_token) is not None
    assert server.devices.verify(old_token) is None  # the old one is refused: it really signed on again
    expect(phone.locator("#verbinding")).to_have_text("Verbonden met de laptop")  # over the new token's socket
    server.show_item(server.content.ids()[0])
    expect(phone.locator("#tekst")).to_have_text(server.content.items[0].text)
