"""A phone as a real aiohttp client: joins the session (gets its identity from the server) and answers.

``client(address)`` is a ``ClientSession`` whose connections leave from ``address`` (127.0.0.2,
127.0.0.3, ...: on Linux all of 127.0.0.0/8 is loopback), so the server sees one client address
per simulated phone, as on a Wi-Fi. ``join(s, url)`` asks the server for a device token, as the
page does; ``answer(s, url, token, item, **values)`` posts an answer and returns (status, payload).
"""

from __future__ import annotations

import ipaddress
import json

import aiohttp


def loopback(n: int) -> str:
    """The n-th loopback address after 127.0.0.1 (n = 1 -> 127.0.0.2); all of 127.0.0.0/8 is loopback."""
    return str(ipaddress.IPv4Address("127.0.0.1") + n)


def client(address: str | None = None, **options) -> aiohttp.ClientSession:
    connector = aiohttp.TCPConnector(local_addr=(address, 0)) if address else None
    return aiohttp.ClientSession(connector=connector, **options)


async def join(s: aiohttp.ClientSession, url: str, headers: dict | None = None) -> str:
    async with s.post(url + "api/apparaat", json={}, headers=headers) as r:
        payload = await r.json(content_type=None)
        assert r.status == 200, (r.status, payload)
        return payload["apparaat"]


async def post(s: aiohttp.ClientSession, url: str, body, headers: dict | None = None) -> tuple[int, dict]:
    """POST ``body`` (a dict as JSON, else as it is) to api/antwoord: (status, payload or {})."""
    data = json.dumps(body) if isinstance(body, (dict, list)) else body
    async with s.post(url + "api/antwoord", data=data,
                      headers={"Content-Type": "application/json", **(headers or {})}) as response:
        try:
            payload = await response.json(content_type=None)
        except ValueError:
            payload = {}
        return response.status, payload


async def answer(s: aiohttp.ClientSession, url: str, token: str, item: str, **values) -> tuple[int, dict]:
    return await post(s, url, {"apparaat": token, "item": item, **values})
