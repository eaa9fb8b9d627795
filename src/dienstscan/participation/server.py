"""The participation server: phones answer over the local network, the laptop keeps the answers.

``ParticipationServer(content, sink)`` runs an aiohttp web server on a background thread with its
own asyncio event loop. It serves the participant page (``static/``) and a small JSON API under a
secret path, and pushes the current item to phones over a WebSocket in live mode. Nothing listens
before ``start()``; ``stop()`` closes the socket, every WebSocket and the thread.

Every accepted answer becomes an ``Accepted`` event handed to ``sink`` (called on the server
thread: the receiver marshals it to its own thread, e.g. a queued Qt signal or a queue). The
phone is told "ontvangen" only after the receiver called ``Accepted.confirm()``, which it does
once the answer is in the recovery copy (see ``ui/live_session.py`` and ``runner.py``). A
``Presence`` event reports how many phones take part and how many answered each item.

Security on a shared network (docs/participation.md states the threat model):
- the address carries a random secret of 128 bits (``secrets.token_urlsafe(16)``); every request
  without it (or without the cookie the short code sets) is refused with 403. A short code to type
  (``/K7QX3M``) sets that cookie and redirects to the clean path ``/`` (no secret in a Location
  header); each client address may type a wrong code ``Limits.code_attempts`` times;
- a phone's identity is issued by the server (``devices.py``: an id with a per-device secret), so
  a client cannot make up ids or use another phone's id;
- ``guard.py``: the Host header must be one of the served addresses (421: no DNS rebinding), every
  state-changing request (POST, WebSocket) must come from the session's own page (Origin and
  Fetch-Metadata, 403) and a POST must be JSON (415); bodies above ``Limits.max_body`` 413, nested
  deeper than ``Limits.max_json_depth`` or malformed 400; security headers on every response;
- ``limits.py``: per client address a request bucket, a bucket of new device ids and a number of
  WebSockets; per phone an answer bucket and at most ``Limits.sockets_per_device`` sockets; per
  socket a message bucket; at most ``Limits.max_participants`` phones (503);
- it listens only on the served addresses (never on every network of the laptop, 0.0.0.0);
- one current answer per phone per item: the last counts. The server keeps device ids in memory
  only, never client addresses (the limits are keyed by a salted hash), logs no address, and
  writes nothing itself.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import logging
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from aiohttp import WSMsgType, web

from . import guard
from .content import MAX_COMMENT, VOTES, AnswerChange, Change, Mode, SessionContent, clean_comment
from .devices import DeviceKeys
from .limits import Client, ClientTable, Limits, TokenBucket

log = logging.getLogger(__name__)

__all__ = ["CODE_ALPHABET", "Accepted", "Event", "Limits", "ParticipationServer", "Presence", "TokenBucket"]

#: Letters of the short code: no 0/O, 1/I/L, so it can be read from a projector and typed.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
_STATIC = {"app.js": "text/javascript", "app.css": "text/css"}
#: Served without the secret: the stylesheet of the error pages (nothing in it is secret).
_PUBLIC = frozenset({"/app.css"})
#: WebSocket close codes the page acts on (4000-4999 are the application's own).
CLOSE_ENDED = 4000  # the facilitator stopped the session: show "sessie afgelopen", do not reconnect
CLOSE_REPLACED = 4001  # the same phone opened the page again elsewhere: this one stops
CLOSE_FLOOD = 1008  # policy violation: too many messages


class Accepted:
    """An accepted answer on its way to the scan; ``confirm()`` once it is safe (any thread).

    The change may be empty: a phone sent again an answer that was not confirmed yet; there is
    nothing to apply, only to confirm once everything received so far is safe.
    """

    def __init__(self, change: AnswerChange) -> None:
        self.change = change
        self._done: concurrent.futures.Future[bool] = concurrent.futures.Future()
        self.received = time.perf_counter()

    def confirm(self) -> None:
        if not self._done.done():
            self._done.set_result(True)

    def fail(self) -> None:
        if not self._done.done():
            self._done.set_result(False)


@dataclass(frozen=True)
class Presence:
    """How many phones take part and how many of them answered each item (no one's answer)."""

    participants: int
    answered: dict[str, int]
    #: ``time.perf_counter()`` when the server made it (the benchmark measures the hand-over).
    created: float = field(default_factory=time.perf_counter, compare=False)


Event = Accepted | Presence


@dataclass
class _Phone:
    bucket: TokenBucket
    #: item id -> {"option": ..., "comment": ..., "vote": ...}: this phone's current answers.
    answers: dict[str, dict[str, str | None]] = field(default_factory=dict)
    #: Items whose latest answer the receiver has not confirmed yet (a retry asks again).
    unconfirmed: set[str] = field(default_factory=set)


_json_error = guard.json_error


def _static_text(name: str) -> str:
    return resources.files(__package__).joinpath("static", name).read_text(encoding="utf-8")


class ParticipationServer:
    """One session: ``start()`` listens, ``stop()`` closes everything. Thread-safe controls."""

    def __init__(self, content: SessionContent, sink: Callable[[Event], None], *, mode: Mode = "voorronde",
                 host: str | None = None, port: int = 0, addresses: list[str] | None = None,
                 limits: Limits | None = None, clock: Callable[[], float] = time.monotonic,
                 device_key: bytes | None = None) -> None:
        """``host``: listen there only (default: on each of ``addresses``, or 127.0.0.1 without any);
        ``device_key``: the key of the phones' identities (random unless a resumed session keeps it).
        """
        self.content = content
        self.sink = sink
        self.mode: Mode = mode
        self.host = host
        self.requested_port = port
        self.limits = limits or Limits()
        self.clock = clock
        self.secret = secrets.token_urlsafe(16)  # 128 bits
        self.code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        self._addresses = list(addresses) if addresses is not None else []
        self.devices = DeviceKeys(device_key)
        self.clients = ClientTable(self.limits, clock)
        #: device id (never the token) -> the phone
        self._phones: dict[str, _Phone] = {}
        self._sockets: set[web.WebSocketResponse] = set()
        self._device_sockets: dict[str, list[web.WebSocketResponse]] = {}
        #: item id -> phones whose current answer to it has an option (kept up to date per answer)
        self._answered: dict[str, int] = {}
        self.current: str | None = None
        self.port: int | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._thread: threading.Thread | None = None
        self._started = threading.Event()
        self._start_error: BaseException | None = None
        self._page = {name: _static_text(name) for name in ("index.html", *_STATIC)}

    # ------------------------------------------------------------------ addresses

    @property
    def address(self) -> str:
        """The address phones are sent to (the first served address)."""
        return self._addresses[0] if self._addresses else "127.0.0.1"

    def url(self, address: str | None = None) -> str:
        """The full address behind the QR code, with the secret."""
        return f"http://{address or self.address}:{self.port}/{self.secret}/"

    def typed_address(self, address: str | None = None) -> str:
        """The short address to type: ``192.168.1.20:8765/K7QX3M`` (redirects to the full one)."""
        return f"{address or self.address}:{self.port}/{self.code}"

    def served_addresses(self) -> list[str]:
        return list(self._addresses)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive() and self.port is not None

    def _allowed_hosts(self) -> set[str]:
        hosts = {f"{a}:{self.port}" for a in self._addresses}
        hosts |= {f"127.0.0.1:{self.port}", f"localhost:{self.port}"}
        return {h.lower() for h in hosts}

    def bind_hosts(self) -> list[str]:
        """Where the server listens: the chosen host, else the served addresses (never 0.0.0.0 unasked)."""
        if self.host:
            return [self.host]
        return list(dict.fromkeys(self._addresses)) or ["127.0.0.1"]

    @property
    def cookie_name(self) -> str:
        """The cookie that carries the secret after a typed short code (a cookie ignores the port)."""
        return f"dienstscan-{self.port}"

    # ------------------------------------------------------------------ life cycle

    def start(self) -> None:
        """Listen (on a background thread); raises ``OSError`` when the port cannot be opened."""
        if self._thread is not None:
            raise RuntimeError("de sessie loopt al")
        self._thread = threading.Thread(target=self._run, name="dienstscan-deelname", daemon=True)
        self._thread.start()
        self._started.wait()
        if self._start_error is not None:
            self._thread.join()
            self._thread = None
            raise self._start_error

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(self._open())
        except BaseException as exc:  # noqa: BLE001 - handed to start() in the caller's thread
            self._start_error = exc
            self._started.set()
            loop.close()
            return
        self._started.set()
        try:
            loop.run_forever()
        finally:
            loop.run_until_complete(self._close())
            loop.close()

    async def _open(self) -> None:
        app = web.Application(client_max_size=self.limits.max_body, middlewares=[self._guard])
        app.on_response_prepare.append(guard.add_headers)
        # the address behind the QR code carries the secret; after a typed code the clean paths
        # serve the same with the secret in a cookie
        for prefix in (f"/{self.secret}", ""):
            app.router.add_get(f"{prefix}/", self._index)
            app.router.add_get(prefix + "/{name:app\\.(?:js|css)}", self._asset)
            app.router.add_get(f"{prefix}/api/sessie", self._session)
            app.router.add_post(f"{prefix}/api/apparaat", self._join)
            app.router.add_post(f"{prefix}/api/antwoord", self._answer)
            app.router.add_get(f"{prefix}/ws", self._websocket)
        # no access log and a logger without addresses: nothing about who took part is written
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=1.0,
                                     logger=guard.QUIET)
        await self._runner.setup()
        port = self.requested_port
        try:
            for host in self.bind_hosts():
                site = web.TCPSite(self._runner, host, port)
                await site.start()
                server = site._server  # noqa: SLF001 - aiohttp keeps the asyncio server here
                port = server.sockets[0].getsockname()[1] if server and server.sockets else port
        except BaseException:
            await self._runner.cleanup()
            raise
        self.port = port
        if not self._addresses:
            self._addresses = ["127.0.0.1"]

    async def _close(self) -> None:
        ended = json.dumps({"type": "einde"})
        for ws in list(self._sockets):  # the phones show "sessie afgelopen" and stop reconnecting
            if not ws.closed:
                try:
                    await ws.send_str(ended)
                except ConnectionError:
                    pass
            await ws.close(code=CLOSE_ENDED, message=b"sessie afgelopen")
        if self._runner is not None:
            await self._runner.cleanup()

    def stop(self) -> None:
        """Close the socket, the WebSockets and the thread; safe to call twice or before start."""
        thread, loop = self._thread, self._loop
        if thread is None or loop is None:
            return
        if thread.is_alive():
            loop.call_soon_threadsafe(loop.stop)
            thread.join(timeout=10)
        self._thread = None
        self.port = None

    # ------------------------------------------------------------------ controls (any thread)

    def _call(self, fn: Callable[..., Any], *args: Any) -> None:
        if self._loop is not None and self.running:
            self._loop.call_soon_threadsafe(fn, *args)

    def show_item(self, item_id: str | None) -> None:
        """Live: the phones follow the item on the projector (None: 'wacht op de volgende vraag')."""
        self._call(self._set_current, item_id)

    def set_mode(self, mode: Mode) -> None:
        self._call(self._set_mode, mode)

    def _set_current(self, item_id: str | None) -> None:
        self.current = item_id if item_id is None or self.content.item(item_id) else None
        self._broadcast()

    def _set_mode(self, mode: Mode) -> None:
        self.mode = mode
        self._broadcast()

    def _broadcast(self) -> None:
        message = json.dumps(self._state_message())
        for ws in list(self._sockets):
            if not ws.closed:
                asyncio.ensure_future(ws.send_str(message))

    def _state_message(self) -> dict:
        item = self.content.item(self.current) if self.current else None
        return {"type": "stand", "modus": self.mode, "item": item.as_json() if item else None}

    # ------------------------------------------------------------------ guards

    @web.middleware
    async def _guard(self, request: web.Request, handler: Callable) -> web.StreamResponse:
        """Every request: Host, the address's rate, same-origin for changes, then the secret."""
        hosts = self._allowed_hosts()
        if request.headers.get("Host", "").lower() not in hosts:
            return guard.refusal(request, guard.WRONG_HOST)
        client = self.clients.get(request.remote)
        if not client.requests.take():
            return guard.refusal(request, guard.TOO_MANY, "Te veel verzoeken; wacht even.")
        if guard.is_state_changing(request):
            if guard.cross_site(request, hosts):
                return guard.refusal(request, guard.CROSS_SITE, "Geen toegang vanaf een andere website.")
            if request.method == "POST" and request.content_type != "application/json":
                return guard.refusal(request, guard.NOT_JSON)
        first, _, rest = request.path.lstrip("/").partition("/")
        if (secrets.compare_digest(first.encode("utf-8"), self.secret.encode("utf-8"))
                or request.path in _PUBLIC or self._has_cookie(request)):
            return await self._handle(request, handler)
        if not rest and len(first) == CODE_LENGTH and request.method == "GET":
            return self._typed_code(request, client, first)
        return guard.refusal(request, guard.NO_ACCESS,
                             "Geen toegang: scan de QR-code of typ het adres van het scherm.")

    async def _handle(self, request: web.Request, handler: Callable) -> web.StreamResponse:
        try:
            return await handler(request)
        except web.HTTPNotFound:
            return guard.refusal(request, guard.NOT_FOUND)
        except web.HTTPMethodNotAllowed as exc:
            return guard.refusal(request, guard.NOT_ALLOWED, headers={"Allow": exc.headers.get("Allow", "")})
        except web.HTTPException:
            raise
        except Exception as exc:  # noqa: BLE001 - a phone gets a Dutch 500; the log gets no address
            log.error("Fout in de deelnamepagina (%s)", type(exc).__name__, exc_info=exc)
            return guard.refusal(request, guard.BROKEN)

    def _has_cookie(self, request: web.Request) -> bool:
        value = request.cookies.get(self.cookie_name)
        return value is not None and secrets.compare_digest(value.encode("utf-8"), self.secret.encode("utf-8"))

    def _typed_code(self, request: web.Request, client: Client, text: str) -> web.StreamResponse:
        """A short code: right sets the cookie and goes to ``/``; wrong counts for this address only."""
        if client.code_failures >= self.limits.code_attempts:
            return guard.refusal(request, guard.CODE_LOCKED)
        if not secrets.compare_digest(text.upper().encode("utf-8"), self.code.encode("utf-8")):
            client.code_failures += 1
            return guard.refusal(request, guard.NO_ACCESS,
                                 "Geen toegang: scan de QR-code of typ het adres van het scherm.")
        response = web.Response(status=303, headers={"Location": "/"})
        response.set_cookie(self.cookie_name, self.secret, path="/", httponly=True, samesite="Strict")
        return response

    def _phone(self, token: object) -> _Phone | web.Response:
        """The phone of a token the server issued; a made-up or another session's token gets 403."""
        device_id = self.devices.verify(token)
        if device_id is None:
            return web.json_response({"ok": False, "reden": "apparaat",
                                      "melding": "Deze telefoon is niet aangemeld bij deze sessie; de pagina "
                                                 "meldt hem opnieuw aan."}, status=403)
        phone = self._phones.get(device_id)
        if phone is None:  # issued by this key before a restart of the session
            if len(self._phones) >= self.limits.max_participants:
                return _json_error(503, "De sessie is vol: er doen al genoeg telefoons mee.")
            phone = self._add_phone(device_id)
        return phone

    def _add_phone(self, device_id: str) -> _Phone:
        phone = self._phones[device_id] = _Phone(TokenBucket(self.limits.device_burst, self.limits.device_rate,
                                                             self.clock))
        self._report_presence()
        return phone

    # ------------------------------------------------------------------ handlers

    async def _index(self, request: web.Request) -> web.Response:
        return web.Response(text=self._page["index.html"], content_type="text/html", charset="utf-8")

    async def _asset(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        return web.Response(text=self._page[name], content_type=_STATIC[name], charset="utf-8")

    async def _session(self, request: web.Request) -> web.Response:
        phone = self._phone(request.query.get("apparaat"))
        if isinstance(phone, web.Response):
            return phone
        items = self.content.items if self.mode == "voorronde" else ()
        return web.json_response({
            "ok": True,
            "titel": self.content.title,
            "modus": self.mode,
            "items": [item.as_json() for item in items],
            "item": self._state_message()["item"],
            "mijn": phone.answers,  # only this phone's own answers
        })

    async def _join(self, request: web.Request) -> web.Response:
        """A new phone: the server issues its identity (limited per client address)."""
        try:
            await guard.read_json(request, self.limits)
        except guard.BadBody as bad:
            return _json_error(bad.status, bad.message)
        if len(self._phones) >= self.limits.max_participants:
            return _json_error(503, "De sessie is vol: er doen al genoeg telefoons mee.")
        if not self.clients.get(request.remote).new_devices.take():
            return _json_error(429, "Dit apparaat meldde zich te vaak opnieuw aan; wacht een minuut.")
        device_id, token = self.devices.issue()
        self._add_phone(device_id)
        return web.json_response({"ok": True, "apparaat": token})

    async def _answer(self, request: web.Request) -> web.Response:
        try:
            body = await guard.read_json(request, self.limits)
        except guard.BadBody as bad:
            return _json_error(bad.status, bad.message)
        if not isinstance(body, dict):
            return _json_error(400, "Het antwoord is onleesbaar.")
        phone = self._phone(body.get("apparaat"))
        if isinstance(phone, web.Response):
            return phone
        if not phone.bucket.take():
            return _json_error(429, "Te veel antwoorden achter elkaar; wacht even.")
        parsed = self._parse_answer(body)
        if isinstance(parsed, web.Response):
            return parsed
        item_id, values = parsed
        mine = phone.answers.setdefault(item_id, {"option": None, "comment": None, "vote": None})
        changes = {k: Change(mine[k], v) for k, v in values.items() if v != mine[k]}
        change = AnswerChange(item_id, **changes)
        if change.option is not None:  # keep the count per item as it goes (not recounted per answer)
            step = (change.option.new is not None) - (change.option.previous is not None)
            self._answered[item_id] = self._answered.get(item_id, 0) + step
        mine.update(values)
        if change.is_empty() and item_id not in phone.unconfirmed:
            return web.json_response({"ok": True, "ontvangen": True})
        # an empty change is a retry of an answer not yet confirmed: confirmed with the next safe point
        phone.unconfirmed.add(item_id)
        accepted = Accepted(change)
        self.sink(accepted)
        if change.option is not None:
            self._report_presence()
        try:
            safe = await asyncio.wait_for(asyncio.wrap_future(accepted._done), self.limits.confirm_timeout)  # noqa: SLF001
        except asyncio.TimeoutError:
            safe = False
        if not safe:
            return _json_error(503, "Nog niet bevestigd door de laptop; probeer het opnieuw.")
        phone.unconfirmed.discard(item_id)
        return web.json_response({"ok": True, "ontvangen": True})

    def _parse_answer(self, body: dict) -> tuple[str, dict[str, str | None]] | web.Response:
        item = self.content.item(body.get("item")) if isinstance(body.get("item"), str) else None
        if item is None:
            return _json_error(422, "Dit item hoort niet bij deze scan.")
        values: dict[str, str | None] = {}
        if "optie" in body:
            option = body["optie"]
            if option is not None and (not isinstance(option, str) or not item.has_option(option)):
                return _json_error(422, "Dit antwoord hoort niet bij de schaal van dit item.")
            values["option"] = option
        if "opmerking" in body:
            comment = body["opmerking"]
            if not isinstance(comment, str) or len(comment) > MAX_COMMENT:
                return _json_error(422, f"Een opmerking mag hoogstens {MAX_COMMENT} tekens lang zijn.")
            values["comment"] = clean_comment(comment) or None
        if "stem" in body:
            vote = body["stem"]
            if vote is not None and vote not in VOTES:
                return _json_error(422, "Een stem is Ja, Twijfel of Nee.")
            values["vote"] = vote
        if not values:
            return _json_error(400, "Er staat geen antwoord in.")
        return item.id, values

    async def _websocket(self, request: web.Request) -> web.StreamResponse:
        """Live pushes (and the end of the session); Origin was checked by the guard."""
        device_id = self.devices.verify(request.query.get("apparaat"))
        phone = self._phone(request.query.get("apparaat"))
        if isinstance(phone, web.Response):
            return phone
        assert device_id is not None
        client = self.clients.get(request.remote)
        if client.sockets >= self.limits.sockets_per_address:
            return _json_error(429, "Te veel verbindingen vanaf dit apparaat.")
        if len(self._sockets) >= self.limits.max_sockets:
            return _json_error(503, "De sessie is vol.")
        ws = web.WebSocketResponse(heartbeat=20, max_msg_size=1_024)
        await ws.prepare(request)
        mine = self._device_sockets.setdefault(device_id, [])
        while len(mine) >= self.limits.sockets_per_device:  # the page opened again: the oldest goes
            await mine.pop(0).close(code=CLOSE_REPLACED, message=b"elders geopend")
        mine.append(ws)
        self._sockets.add(ws)
        client.sockets += 1
        messages = TokenBucket(self.limits.message_burst, self.limits.message_rate, self.clock)
        try:
            await ws.send_str(json.dumps(self._state_message()))
            async for message in ws:  # the phone only listens: what it sends is ignored, within a rate
                if message.type == WSMsgType.ERROR:
                    break
                if not messages.take():
                    await ws.close(code=CLOSE_FLOOD, message=b"te veel berichten")
                    break
        finally:
            self._sockets.discard(ws)
            client.sockets -= 1
            if ws in mine:
                mine.remove(ws)
            if not mine and self._device_sockets.get(device_id) is mine:
                del self._device_sockets[device_id]
        return ws

    # ------------------------------------------------------------------ presence

    def _report_presence(self) -> None:
        answered = {item_id: count for item_id, count in self._answered.items() if count}
        self.sink(Presence(len(self._phones), answered))
