"""The participation server with a real HTTP/WebSocket client: what it serves and what it refuses.

Each refusal is checked for its status and for "nothing recorded" (the receiver got no answer).
"""

from __future__ import annotations

import json
import socket

import aiohttp
import pytest

from dienstscan.participation import Limits

from phone_client import join
from phone_client import post as _post

DEVICE = "{device}"  # a token the server issued, filled in per test (served.token())


def test_page_and_session_are_served_with_the_secret(serve):
    served = serve()

    async def scenario():
        async with aiohttp.ClientSession() as s:
            async with s.get(served.url) as r:
                page = await r.text()
                assert r.status == 200
                assert r.headers["Referrer-Policy"] == "no-referrer"
                assert "script-src 'self'" in r.headers["Content-Security-Policy"]
            for asset in ("app.js", "app.css"):
                async with s.get(served.url + asset) as r:
                    assert r.status == 200
            device = await join(s, served.url)
            async with s.get(served.url + "api/sessie", params={"apparaat": device}) as r:
                return page, await r.json()

    page, session = served.run(scenario)
    assert 'lang="nl"' in page and "http" not in page.replace("http-equiv", "")  # nothing from outside
    assert session["modus"] == "voorronde"
    assert [i["id"] for i in session["items"]] == served.server.content.ids()
    first = session["items"][0]
    assert set(first) == {"id", "text", "detail", "explanation", "context", "options"}  # nothing else of the scan
    assert session["mijn"] == {}
    assert len(served.server.secret) >= 22  # 16 random bytes = 128 bits


def test_answer_is_recorded_and_the_last_one_counts(serve):
    served = serve()
    item = served.server.content.items[0]
    first, second = item.options[0][0], item.options[1][0]

    async def scenario():
        async with aiohttp.ClientSession() as s:
            DEVICE, OTHER = await join(s, served.url), await join(s, served.url)
            assert (await _post(s, served.url, {"apparaat": DEVICE, "item": item.id, "optie": first}))[0] == 200
            assert (await _post(s, served.url, {"apparaat": DEVICE, "item": item.id, "optie": second,
                                                "opmerking": "Klopt  niet\nhelemaal"}))[0] == 200
            assert (await _post(s, served.url, {"apparaat": DEVICE, "item": item.id, "optie": second}))[0] == 200
            async with s.get(served.url + "api/sessie", params={"apparaat": DEVICE}) as r:
                mine = (await r.json())["mijn"]
            async with s.get(served.url + "api/sessie", params={"apparaat": OTHER}) as r:
                theirs = (await r.json())["mijn"]
            return mine, theirs

    mine, theirs = served.run(scenario)
    changes = [a.change for a in served.recorder.accepted]
    assert len(changes) == 2  # the repeat changed nothing and was not handed on
    assert (changes[0].option.previous, changes[0].option.new) == (None, first)
    assert (changes[1].option.previous, changes[1].option.new) == (first, second)
    assert changes[1].comment.new == "Klopt niet helemaal"
    assert mine[item.id]["option"] == second and theirs == {}  # never another phone's answers
    assert served.recorder.presence[-1].answered == {item.id: 1}


@pytest.mark.parametrize("path", ["", "verkeerd/", "api/sessie", "{short}", "{secret_wrong}/api/sessie"])
def test_requests_without_the_secret_are_refused(serve, path):
    served = serve()
    secret = served.server.secret
    path = path.format(short=secret[:10], secret_wrong=secret[:-1] + ("A" if secret[-1] != "A" else "B"))

    async def scenario():
        async with aiohttp.ClientSession() as s:
            async with s.get(f"{served.base}/{path}") as r:
                status = r.status
            async with s.post(f"{served.base}/{path}api/antwoord",
                              json={"apparaat": served.token(), "item": served.server.content.ids()[0]}) as r:
                return status, r.status

    assert served.run(scenario) == (403, 403)
    assert served.recorder.accepted == []


def test_wrong_host_is_refused_against_dns_rebinding(serve):
    served = serve()
    item = served.server.content.items[0]

    async def scenario():
        async with aiohttp.ClientSession() as s:
            evil = {"Host": f"aanvaller.example:{served.server.port}"}
            async with s.get(served.url, headers=evil) as r:
                page = r.status
            status, _ = await _post(s, served.url, {"apparaat": served.token(), "item": item.id,
                                                    "optie": item.options[0][0]},
                                    headers=evil)
            return page, status

    assert served.run(scenario) == (421, 421)
    assert served.recorder.accepted == []


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ("{niet json", 400),
        (b"\xff\xfe\x00", 400),
        ("[1, 2]", 400),
        ({"apparaat": "kort", "item": "KA-01", "optie": "x"}, 403),
        ({"apparaat": "a" * 16 + "." + "b" * 22, "item": "{item}", "optie": "x"}, 403),  # a made-up token
        ("[" * 2_000 + "]" * 2_000, 400),  # nested deeper than any answer: 400, not a crash
        ('{"apparaat": {"a": {"b": {"c": {"d": 1}}}}}', 400),
        ({"apparaat": DEVICE}, 422),
        ({"apparaat": DEVICE, "item": "BESTAAT-NIET", "optie": "ja"}, 422),
        ({"apparaat": DEVICE, "item": "{item}", "optie": "geen-optie"}, 422),
        ({"apparaat": DEVICE, "item": "{item}", "optie": 3}, 422),
        ({"apparaat": DEVICE, "item": "{item}", "stem": "misschien"}, 422),
        ({"apparaat": DEVICE, "item": "{item}", "opmerking": "x" * 1_001}, 422),
        ({"apparaat": DEVICE, "item": "{item}"}, 400),
        ("x" * 5_000, 413),
    ],
)
def test_bad_bodies_are_refused_and_nothing_recorded(serve, body, status):
    served = serve()
    item = served.server.content.ids()[0]
    if isinstance(body, dict):
        body = {k: (v.format(item=item, device=served.token()) if isinstance(v, str) else v) for k, v in body.items()}

    async def scenario():
        async with aiohttp.ClientSession() as s:
            return await _post(s, served.url, body)

    got, payload = served.run(scenario)
    assert got == status
    if status != 413:
        assert payload["ok"] is False and payload["melding"]  # a Dutch message for the phone
    assert served.recorder.accepted == []


def test_oversized_body_without_content_length_is_refused(serve):
    served = serve()

    async def scenario():
        async def chunks():
            for _ in range(10):
                yield b"x" * 1_000

        async with aiohttp.ClientSession() as s:
            return (await _post(s, served.url, chunks()))[0]

    assert served.run(scenario) == 413
    assert served.recorder.accepted == []


def test_a_flood_from_one_phone_is_refused_after_the_burst(serve):
    served = serve(limits=Limits(device_burst=5, address_burst=1_000))  # frozen clock: no refill
    item = served.server.content.items[0]
    options = [o for o, _ in item.options]

    async def scenario():
        async with aiohttp.ClientSession() as s:
            device = await join(s, served.url)
            return [(await _post(s, served.url, {"apparaat": device, "item": item.id,
                                                 "optie": options[n % len(options)]}))[0] for n in range(12)]

    statuses = served.run(scenario)
    assert statuses[:5] == [200] * 5 and set(statuses[5:]) == {429}
    assert len(served.recorder.accepted) == 5  # the refused ones were not handed on


def test_a_flood_from_one_address_is_refused(serve):
    served = serve(limits=Limits(address_burst=8))
    tokens = [served.token() for _ in range(12)]

    async def scenario():
        async with aiohttp.ClientSession() as s:
            statuses = []
            for token in tokens:
                async with s.get(served.url + "api/sessie", params={"apparaat": token}) as r:
                    statuses.append(r.status)
            return statuses

    statuses = served.run(scenario)
    assert statuses == [200] * 8 + [429] * 4
    assert served.recorder.presence[-1].participants == 8  # refused phones never joined


def test_participant_limit(serve):
    served = serve(limits=Limits(max_participants=3))
    item = served.server.content.items[0]

    tokens = [served.token() for _ in range(5)]  # issued before a restart: known to the key, not yet here

    async def scenario():
        async with aiohttp.ClientSession() as s:
            answers = [(await _post(s, served.url, {"apparaat": token, "item": item.id,
                                                    "optie": item.options[0][0]}))[0] for token in tokens]
            async with s.post(served.url + "api/apparaat", json={}) as r:
                return answers, r.status

    assert served.run(scenario) == ([200, 200, 200, 503, 503], 503)
    assert len(served.recorder.accepted) == 3


def test_unconfirmed_answer_is_not_reported_as_received(serve):
    served = serve(limits=Limits(confirm_timeout=0.05), confirm=False)
    item = served.server.content.items[0]
    DEVICE = served.token()

    async def scenario():
        async with aiohttp.ClientSession() as s:
            return await _post(s, served.url, {"apparaat": DEVICE, "item": item.id, "optie": item.options[0][0]})

    status, payload = served.run(scenario)
    assert status == 503 and "opnieuw" in payload["melding"]
    served.recorder.confirm = True  # the laptop catches up; the phone sends the same answer again
    assert served.run(scenario)[0] == 200
    first, retry = [a.change for a in served.recorder.accepted]
    assert first.option.new == item.options[0][0] and retry.is_empty()  # asked again, applied once


def test_live_mode_pushes_the_projectors_item_over_the_websocket(serve):
    served = serve(mode="live")
    first, second = served.server.content.ids()[:2]
    DEVICE = served.token()

    async def scenario():
        async with aiohttp.ClientSession() as s:
            async with s.get(served.url + "api/sessie", params={"apparaat": DEVICE}) as r:
                session = await r.json()
            async with s.ws_connect(served.url + f"ws?apparaat={DEVICE}") as ws:
                hello = json.loads((await ws.receive()).data)
                served.server.show_item(first)
                one = json.loads((await ws.receive()).data)
                served.server.show_item(second)
                two = json.loads((await ws.receive()).data)
                served.server.show_item(None)
                none = json.loads((await ws.receive()).data)
            return session, hello, one, two, none

    session, hello, one, two, none = served.run(scenario)
    assert session["items"] == [] and session["modus"] == "live"  # live: only what the projector shows
    assert hello["item"] is None
    assert one["item"]["id"] == first and two["item"]["id"] == second
    assert none["item"] is None


def test_websocket_from_another_origin_or_without_secret_is_refused(serve):
    served = serve(mode="live")
    DEVICE = served.token()

    async def scenario():
        async with aiohttp.ClientSession() as s:
            statuses = []
            for url, headers in ((served.url + f"ws?apparaat={DEVICE}", {"Origin": "http://aanvaller.example"}),
                                 (f"{served.base}/ws?apparaat={DEVICE}", {})):
                try:
                    async with s.ws_connect(url, headers=headers):
                        statuses.append(101)
                except aiohttp.WSServerHandshakeError as exc:
                    statuses.append(exc.status)
            return statuses

    assert served.run(scenario) == [403, 403]


def test_stop_closes_the_port(serve):
    served = serve()
    port = served.server.port
    served.server.stop()
    assert not served.server.running
    with socket.socket() as probe, pytest.raises(OSError):
        probe.connect(("127.0.0.1", port))
    served.server.stop()  # twice is fine


def test_presence_counts_follow_changes_and_withdrawn_answers(serve):
    served = serve()
    first, second = served.server.content.items[:2]

    async def scenario():
        async with aiohttp.ClientSession() as s:
            a, b = await join(s, served.url), await join(s, served.url)
            for device, item, option in ((a, first, first.options[0][0]), (b, first, first.options[1][0]),
                                         (a, first, first.options[1][0]), (a, second, second.options[0][0])):
                assert (await _post(s, served.url, {"apparaat": device, "item": item.id, "optie": option}))[0] == 200
            counts = [served.recorder.presence[-1].answered]
            assert (await _post(s, served.url, {"apparaat": b, "item": first.id, "optie": None}))[0] == 200
            counts.append(served.recorder.presence[-1].answered)
            return counts

    before, after = served.run(scenario)
    assert before == {first.id: 2, second.id: 1}  # a changed mind is not a second answer
    assert after == {first.id: 1, second.id: 1}  # a withdrawn answer no longer counts
    assert served.recorder.presence[-1].participants == 2
