"""Everyone on the guest Wi-Fi (issue 25 points 10 and 11): each limit and refusal with real clients.

Every simulated phone or attacker is an aiohttp client bound to a loopback address of its own
(127.0.0.2, 127.0.0.3, ...), so the server sees different client addresses as on a Wi-Fi. The
clock is frozen (no bucket refills), so nothing depends on the machine's speed. Each test checks
that the attacker's address is stopped *and* that another address is not.
"""

from __future__ import annotations

import asyncio
import json
import logging
import socket

import aiohttp
import pytest

from dienstscan.participation import Limits
from dienstscan.participation.devices import DeviceKeys
from dienstscan.participation.server import CLOSE_FLOOD, CLOSE_REPLACED

from phone_client import answer, client, join, loopback
from phone_client import post as post_body

ATTACKER, GUEST, THIRD = loopback(1), loopback(2), loopback(3)  # 127.0.0.2, .3, .4

SECURITY_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options",
                    "Cache-Control", "Cross-Origin-Opener-Policy")


def jar() -> aiohttp.CookieJar:
    return aiohttp.CookieJar(unsafe=True)  # aiohttp keeps no cookies of a bare IP address otherwise


def test_wrong_short_codes_lock_out_that_address_only(serve):
    served = serve(limits=Limits(code_attempts=3))
    code = served.server.code
    wrong = "ZZZZZZ" if code != "ZZZZZZ" else "YYYYYY"

    async def scenario():
        async with client(ATTACKER) as s:
            tries = []
            for _ in range(3):
                async with s.get(f"{served.base}/{wrong}", allow_redirects=False) as r:
                    tries.append(r.status)
            async with s.get(f"{served.base}/{code}", allow_redirects=False) as r:
                locked = r.status, await r.text()
        async with client(GUEST, cookie_jar=jar()) as s:
            async with s.get(f"{served.base}/{code.lower()}", allow_redirects=False) as r:
                redirect = r.status, r.headers.get("Location"), r.headers.getall("Set-Cookie")
            # the clean path with the cookie: the page, and the page's own requests
            async with s.get(f"{served.base}/") as r:
                page = r.status, await r.text()
            device = await join(s, f"{served.base}/")
            item = served.server.content.items[0]
            answered = await answer(s, f"{served.base}/", device, item.id, optie=item.options[0][0])
        async with client(THIRD) as s:  # the clean path without the cookie is closed
            async with s.get(f"{served.base}/api/sessie", params={"apparaat": device}) as r:
                cookieless = r.status
        return tries, locked, redirect, page, answered, cookieless

    tries, locked, redirect, page, answered, cookieless = served.run(scenario)
    assert tries == [403, 403, 403]
    assert locked[0] == 403 and "verkeerde code" in locked[1]  # even the right code, from this address
    status, location, cookies = redirect
    assert status == 303 and location == "/"  # no secret in a Location header
    [cookie] = cookies
    assert served.server.secret in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert page[0] == 200 and 'lang="nl"' in page[1]
    assert answered[0] == 200 and len(served.recorder.accepted) == 1
    assert cookieless == 403


def test_new_device_ids_are_limited_per_address(serve):
    served = serve(limits=Limits(new_device_burst=3))

    async def joins(address: str, count: int) -> list[int]:
        async with client(address) as s:
            statuses = []
            for _ in range(count):
                async with s.post(served.url + "api/apparaat", json={}) as r:
                    statuses.append(r.status)
            return statuses

    async def scenario():
        return await joins(ATTACKER, 10), await joins(GUEST, 1)

    attacker, guest = served.run(scenario)
    assert attacker == [200] * 3 + [429] * 7
    assert guest == [200]  # the session is not full: the next phone still joins
    assert served.recorder.presence[-1].participants == 4


def test_made_up_or_borrowed_device_ids_are_refused(serve):
    served = serve()
    item = served.server.content.items[0]

    async def scenario():
        async with client(GUEST) as s:
            token = await join(s, served.url)
            assert (await answer(s, served.url, token, item.id, optie=item.options[0][0]))[0] == 200
        device_id, secret = token.split(".")
        forged = [
            device_id,  # the id seen elsewhere, without its secret
            f"{device_id}.{'A' * 22}",  # with a guessed secret
            "x" * 16 + "." + secret,  # another id with this secret
            DeviceKeys().issue()[1],  # a real token of another session
            "telefoon-0000000000000001",  # an id of the client's own choosing (as before)
        ]
        results = []
        async with client(ATTACKER) as s:
            for fake in forged:
                status, payload = await answer(s, served.url, fake, item.id, optie=item.options[-1][0])
                async with s.get(served.url + "api/sessie", params={"apparaat": fake}) as r:
                    read = r.status, await r.json()
                results.append((status, payload.get("reden"), read[0], "mijn" in read[1]))
        return results

    results = served.run(scenario)
    assert results == [(403, "apparaat", 403, False)] * 5  # neither overwritten nor read
    assert len(served.recorder.accepted) == 1
    assert served.recorder.presence[-1].participants == 1


def test_state_changing_requests_must_come_from_the_sessions_page(serve):
    served = serve()
    item = served.server.content.items[0]
    host = f"http://127.0.0.1:{served.server.port}"

    async def scenario():
        async with client(GUEST) as s:
            token = await join(s, served.url, headers={"Origin": host, "Sec-Fetch-Site": "same-origin"})
            body = {"apparaat": token, "item": item.id, "optie": item.options[0][0]}
            refused = [
                (await post_body(s, served.url, body, {"Origin": "http://aanvaller.example"}))[0],
                (await post_body(s, served.url, body, {"Origin": "null"}))[0],
                (await post_body(s, served.url, body, {"Sec-Fetch-Site": "cross-site"}))[0],
                (await post_body(s, served.url, body, {"Sec-Fetch-Site": "same-site"}))[0],
            ]
            # a no-cors POST from any page: text/plain, which needs no preflight
            async with s.post(served.url + "api/antwoord", data=json.dumps(body),
                              headers={"Content-Type": "text/plain;charset=UTF-8"}) as r:
                refused.append(r.status)
            async with s.post(served.url + "api/apparaat", json={},
                              headers={"Origin": "http://aanvaller.example"}) as r:
                refused.append(r.status)
            allowed = (await post_body(s, served.url, body, {"Origin": host, "Sec-Fetch-Site": "same-origin"}))[0]
            return refused, allowed

    refused, allowed = served.run(scenario)
    assert refused == [403, 403, 403, 403, 415, 403]
    assert allowed == 200
    assert len(served.recorder.accepted) == 1  # only the page's own answer
    assert served.recorder.presence[-1].participants == 1  # the cross-site join made no phone


def test_websockets_are_limited_per_address_and_per_phone(serve):
    served = serve(mode="live", limits=Limits(sockets_per_address=4, sockets_per_device=2))
    tokens = [served.token() for _ in range(3)]
    guest_token = served.token()

    async def scenario():
        async with client(ATTACKER) as s, client(GUEST) as g:
            open_ = []
            refused = []
            for token in tokens:
                for _ in range(2):
                    try:
                        ws = await s.ws_connect(served.url + f"ws?apparaat={token}")
                        await ws.receive()  # the hello
                        open_.append(ws)
                    except aiohttp.WSServerHandshakeError as exc:
                        refused.append(exc.status)
            async with g.ws_connect(served.url + f"ws?apparaat={guest_token}") as guest:
                guest_hello = json.loads((await guest.receive()).data)
            for ws in open_:
                await ws.close()
            return len(open_), refused, guest_hello

    opened, refused, guest_hello = served.run(scenario)
    assert opened == 4 and refused == [429, 429]  # this address is full ...
    assert guest_hello["type"] == "stand"  # ... another phone still connects


def test_a_phone_opening_the_page_again_closes_its_oldest_socket(serve):
    served = serve(mode="live", limits=Limits(sockets_per_device=2))
    token = served.token()

    async def scenario():
        async with client(GUEST) as s:
            first = await s.ws_connect(served.url + f"ws?apparaat={token}", autoclose=False)
            await first.receive()
            second = await s.ws_connect(served.url + f"ws?apparaat={token}")
            await second.receive()
            third = await s.ws_connect(served.url + f"ws?apparaat={token}")
            await third.receive()
            closed = await first.receive()
            served.server.show_item(served.server.content.ids()[0])
            pushed = json.loads((await third.receive()).data)
            for ws in (second, third):
                await ws.close()
            return closed.type, closed.data, pushed

    kind, code, pushed = served.run(scenario)
    assert kind == aiohttp.WSMsgType.CLOSE and code == CLOSE_REPLACED
    assert pushed["item"]["id"] == served.server.content.ids()[0]


def test_a_flooding_socket_is_closed_and_others_keep_their_pushes(serve):
    served = serve(mode="live", limits=Limits(message_burst=5))
    flooder, listener = served.token(), served.token()

    async def scenario():
        async with client(ATTACKER) as a, client(GUEST) as g:
            flood = await a.ws_connect(served.url + f"ws?apparaat={flooder}")
            await flood.receive()
            calm = await g.ws_connect(served.url + f"ws?apparaat={listener}")
            await calm.receive()
            sent = 0
            code = None
            while not flood.closed and sent < 1_000:
                try:
                    await flood.send_str("x" * 100)
                except ConnectionError:
                    break
                sent += 1
                if sent > 5:
                    message = await flood.receive()  # the server's close frame comes after the sixth
                    if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                        code = message.data
                        break
            served.server.show_item(served.server.content.ids()[1])
            pushed = json.loads((await calm.receive()).data)
            await calm.close()
            return sent, code, pushed

    sent, code, pushed = served.run(scenario)
    assert sent == 6 and code == CLOSE_FLOOD
    assert pushed["item"]["id"] == served.server.content.ids()[1]


def test_deep_json_gets_400_and_nothing_logs_the_clients_address(serve, caplog):
    caplog.set_level(logging.DEBUG)
    served = serve()

    async def scenario():
        async with client(ATTACKER) as s:
            deep = (await post_body(s, served.url, "[" * 2_000 + "]" * 2_000))
            objects = (await post_body(s, served.url, '{"a":' * 500 + "1" + "}" * 500))
            return deep[0], objects[0], objects[1]["melding"]

    deep, objects, message = served.run(scenario)
    assert deep == objects == 400 and "genest" in message
    # a request aiohttp itself cannot parse (a header line of 10 KB): it logs an error, without address
    with socket.create_connection(("127.0.0.1", served.server.port), source_address=(ATTACKER, 0)) as raw:
        raw.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Lang: " + b"a" * 10_000 + b"\r\n\r\n")
        reply = raw.recv(4_096)
    assert reply.split()[1] == b"400"
    assert b"Server: Dienstscan\r\n" in reply and b"aiohttp" not in reply
    assert caplog.records, "the broken request was not logged at all"
    assert ATTACKER not in caplog.text and "127.0.0.2" not in caplog.text


def test_a_crash_in_a_handler_is_a_dutch_500_without_the_address(serve, caplog):
    served = serve()
    item = served.server.content.items[0]

    def broken_sink(event):
        raise RuntimeError("de ontvanger is stuk")

    served.server.sink = broken_sink

    async def scenario():
        async with client(ATTACKER) as s:
            status, payload = await answer(s, served.url, served.token(), item.id, optie=item.options[0][0])
            async with s.get(served.url + "api/sessie", params={"apparaat": served.token()},
                             headers={"Accept": "text/html"}) as r:
                return status, payload, r.status

    status, payload, _ = served.run(scenario)
    assert status == 500 and "niet verwerken" in payload["melding"]
    assert "RuntimeError" in caplog.text and ATTACKER not in caplog.text


@pytest.mark.parametrize(
    ("path", "method", "status"),
    [
        ("{secret}/", "GET", 200),
        ("{code}", "GET", 303),
        ("", "GET", 403),
        ("{secret}/bestaat-niet", "GET", 404),
        ("{secret}/api/antwoord", "GET", 405),
        ("{secret}/", "DELETE", 405),
        ("app.css", "GET", 200),
    ],
)
def test_every_response_has_the_security_headers_and_no_server_version(serve, path, method, status):
    served = serve()
    path = path.format(secret=served.server.secret, code=served.server.code)

    async def scenario():
        async with client(GUEST) as s:
            async with s.request(method, f"{served.base}/{path}", allow_redirects=False,
                                 headers={"Accept": "text/html"}) as r:
                return r.status, r.headers, await r.text()

    got, headers, body = served.run(scenario)
    assert got == status
    for name in SECURITY_HEADERS:
        assert name in headers, name
    assert headers["Server"] == "Dienstscan"  # no Python or aiohttp version
    assert served.server.secret not in headers.get("Location", "")
    if status >= 400 and method == "GET":
        assert 'lang="nl"' in body and "<h1>" in body and "{" not in body  # a page, not raw JSON
    elif status >= 400:
        assert json.loads(body)["melding"]  # not a navigation: a Dutch message for the page's script


def test_refused_host_and_rate_also_carry_the_headers(serve):
    served = serve(limits=Limits(address_burst=1))

    async def scenario():
        async with client(GUEST) as s:
            async with s.get(served.url, headers={"Host": "aanvaller.example"}) as r:
                wrong_host = r.status, r.headers
            async with s.get(served.url) as r:
                first = r.status
            async with s.get(served.url) as r:
                flooded = r.status, r.headers
        async with client(THIRD) as s:
            async with s.get(served.url) as r:
                other = r.status
        return wrong_host, first, flooded, other

    wrong_host, first, flooded, other = served.run(scenario)
    assert wrong_host[0] == 421 and flooded[0] == 429
    assert first == 200 and other == 200  # one address flooding does not close the session to others
    for _, headers in (wrong_host, flooded):
        assert all(name in headers for name in SECURITY_HEADERS)
        assert headers["Server"] == "Dienstscan"


def test_the_server_listens_only_on_its_chosen_address(serve):
    served = serve()  # addresses=["127.0.0.1"], host None: listen there only
    assert served.server.bind_hosts() == ["127.0.0.1"]
    with socket.create_connection(("127.0.0.1", served.server.port)):
        pass
    with pytest.raises(OSError):
        socket.create_connection((GUEST, served.server.port), timeout=5).close()


def test_session_end_is_pushed_to_the_phones(serve):
    served = serve(mode="live")
    token = served.token()

    async def scenario():
        async with client(GUEST) as s:
            ws = await s.ws_connect(served.url + f"ws?apparaat={token}")
            await ws.receive()
            await asyncio.get_running_loop().run_in_executor(None, served.server.stop)
            ended = json.loads((await ws.receive()).data)
            closed = await ws.receive()
            return ended, closed.type, closed.data

    ended, kind, code = served.run(scenario)
    assert ended == {"type": "einde"}
    assert kind == aiohttp.WSMsgType.CLOSE and code == 4000
