"""The participation server: phones answer over the local network, the laptop keeps the answers.

``ParticipationServer(content, sink)`` runs an aiohttp web server on a background thread with its
own asyncio event loop. It serves the participant page (``static/``) and a small JSON API under a
secret path, and pushes its state (round, current item, open or closed) to phones over a WebSocket
in both rounds. Nothing listens before ``start()`` (waits until listening: CLI, tests) or
``start_in_background()`` (returns at once, reports on the server thread: the GUI); ``stop()``
closes the socket, every WebSocket and the thread.

The secret, the short code and each phone's answers (under a keyed hash of its device id) come
from the scan's ``LiveIdentity`` (``identity.py``), so a session started again on the same scan
has the same address and knows its phones. Items have a state (``item_state``): only an open item
takes answers (409 otherwise).

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
  a client cannot make up ids or use another phone's id; the device key is derived from the
  session's identity key, so a phone's identity survives a restart of the session;
- ``guard.py``: the Host header must be one of the served addresses (421: no DNS rebinding), every
  state-changing request (POST, WebSocket) must come from the session's own page (Origin and
  Fetch-Metadata, 403) and a POST must be JSON (415); bodies above ``Limits.max_body`` 413, nested
  deeper than ``Limits.max_json_depth`` or malformed 400; items outside the scan's scope or options
  outside the item's scale 422, a comment above ``MAX_COMMENT`` 422; security headers on every response;
- ``limits.py``: per client address a request bucket, a bucket of new device ids and a number of
  WebSockets; per phone an answer bucket and at most ``Limits.sockets_per_device`` sockets; per
  socket a message bucket; at most ``Limits.max_participants`` phones (503);
- it listens only on the served addresses (never on every network of the laptop, 0.0.0.0);
- one current answer per phone per item per round: the last counts. The server keeps device ids
  in memory only (the scan keeps keyed hashes), never client addresses (the limits are keyed by a
  salted hash), logs no address, and writes nothing itself.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import errno
import json
import logging
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Literal

from aiohttp import WSMsgType, web

from ..model import LiveIdentity
from . import guard
from .content import MAX_COMMENT, VOTES, AnswerChange, Change, Mode, SessionContent, clean_comment
from .devices import DeviceKeys
from .identity import CODE_ALPHABET, CODE_LENGTH, new_identity, phone_key, restored_answers
from .limits import Client, ClientTable, Limits, TokenBucket

log = logging.getLogger(__name__)

__all__ = ["CODE_ALPHABET", "CODE_LENGTH", "DEFAULT_PORT", "Accepted", "Event", "Limits", "ParticipationServer",
           "Presence", "TokenBucket", "start_failure_message"]

#: errno values of "the port is in use" (Linux/macOS EADDRINUSE; Windows WSAEADDRINUSE, WSAEACCES).
_PORT_TAKEN = {errno.EADDRINUSE, 10048, 10013}
#: errno values of "this address is not one of this computer's" (Linux, macOS, Windows WSAEADDRNOTAVAIL).
_ADDRESS_GONE = {errno.EADDRNOTAVAIL, 10049}
#: The port tried first: a fixed port keeps a phone's saved place (its browser storage) between sessions.
DEFAULT_PORT = 8765
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
    """How many phones take part and how many of them answered each item (no one's answer).

    ``participants``: phones that answered at least one item in this round; ``connected``: phones
    with the page open now (a live connection). A phone that leaves no longer counts as connected,
    so the count does not only grow (issue 25).
    """

    participants: int
    answered: dict[str, int]
    connected: int = 0
    #: ``time.perf_counter()`` when the server made it (the benchmark measures the hand-over).
    created: float = field(default_factory=time.perf_counter, compare=False)


Event = Accepted | Presence
ItemState = Literal["open", "closed", "revealed"]


@dataclass
class _Phone:
    bucket: TokenBucket
    #: round -> item id -> {"option": ..., "comment": ..., "vote": ...}: this phone's current answers.
    answers: dict[str, dict[str, dict[str, str | None]]] = field(default_factory=dict)
    #: The keyed hash of the device id under which the scan keeps these answers.
    key: str = ""
    #: Open WebSockets of this phone (the page open now).
    sockets: int = 0
    #: Items whose latest answer the receiver has not confirmed yet (a retry asks again).
    unconfirmed: set[str] = field(default_factory=set)


def start_failure_message(error: BaseException, port: int) -> str:
    """Why the session did not start, in Dutch, with what the facilitator can do."""
    number = getattr(error, "errno", None)
    if number in _PORT_TAKEN:
        return (f"De sessie kon niet starten: poort {port} is al in gebruik en er was geen andere vrije poort. "
                "Stop de andere sessie (of het andere programma) en probeer het opnieuw.")
    if number in _ADDRESS_GONE:
        return ("De sessie kon niet starten: het gekozen netwerkadres hoort niet (meer) bij deze laptop. "
                "Kies een ander adres of verbind opnieuw met het wifi-netwerk.")
    return f"De sessie kon niet starten: deze laptop opent geen netwerkpoort ({error})."


_json_error = guard.json_error


def _static_text(name: str) -> str:
    return resources.files(__package__).joinpath("static", name).read_text(encoding="utf-8")


class ParticipationServer:
    """One session: ``start()`` listens, ``stop()`` closes everything. Thread-safe controls."""

    def __init__(self, content: SessionContent, sink: Callable[[Event], None], *, mode: Mode = "voorronde",
                 host: str | None = None, port: int = 0, addresses: list[str] | None = None,
                 limits: Limits | None = None, clock: Callable[[], float] = time.monotonic,
                 identity: LiveIdentity | None = None, device_key: bytes | None = None) -> None:
        """``host``: listen there only (default: on each of ``addresses``, or 127.0.0.1 without any);
        ``identity``: the session's identity from the scan (new when None); ``device_key``: the key of
        the phones' identities (default: derived from the identity's key, so it survives a restart).
        """
        self.content = content
        self.sink = sink
        self.mode: Mode = mode
        self.host = host
        self.requested_port = port
        self.limits = limits or Limits()
        self.clock = clock
        #: The session's identity (from the scan: a restart keeps address, QR code and phones' answers).
        self.identity = identity if identity is not None else new_identity()
        self.secret = self.identity.secret  # 128 bits
        self.code = self.identity.code
        self._restored = restored_answers(self.identity)
        self._addresses = list(addresses) if addresses is not None else []
        self.devices = DeviceKeys(device_key) if device_key is not None else DeviceKeys.derived(self.identity.key)
        self.clients = ClientTable(self.limits, clock)
        #: device id (never the token) -> the phone
        self._phones: dict[str, _Phone] = {}
        self._sockets: set[web.WebSocketResponse] = set()
        self._device_sockets: dict[str, list[web.WebSocketResponse]] = {}
        #: round -> item id -> phones whose current answer to it has an option (kept up to date per answer)
        self._answered: dict[str, dict[str, int]] = {}
        #: round -> phones with at least one option in that round
        self._participants: dict[str, int] = {}
        self.current: str | None = None
        #: Item states (issue 25): live, only the item on the projector is open, until the facilitator
        #: closes or reveals it; the voorronde takes every item in scope until it is closed.
        self._closed: set[str] = set()
        self._revealed: set[str] = set()
        self._voorronde_open = True
        self.port: int | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._thread: threading.Thread | None = None
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
        return (self._thread is not None and self._thread.is_alive() and self.port is not None
                and self._loop is not None)

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
        """Listen and wait until it does (the CLI, tests); raises ``OSError`` when the port cannot be opened.

        A GUI never calls this: it uses ``start_in_background`` and hears back on its own thread.
        """
        done = threading.Event()
        outcome: list[BaseException | None] = []

        def started(error: BaseException | None) -> None:
            outcome.append(error)
            done.set()

        self.start_in_background(started)
        done.wait()
        if outcome[0] is not None:
            raise outcome[0]

    def start_in_background(self, on_started: Callable[[BaseException | None], None], *,
                            any_port_if_taken: bool = False) -> None:
        """Start listening on the server's own thread and return at once (never blocks the caller).

        ``on_started(None)`` is called (on the server thread) once the server listens, or
        ``on_started(error)`` with the ``OSError`` when it cannot. With ``any_port_if_taken`` a
        requested port that is in use gives the next free port (``self.port`` tells which). A
        failed start leaves nothing behind: ``start`` may be called again.
        """
        if self._thread is not None and self._thread.is_alive():
            raise RuntimeError("de sessie loopt al")
        self.port = None
        self._loop = None
        self._runner = None
        self._thread = threading.Thread(target=self._run, args=(on_started, any_port_if_taken),
                                        name="dienstscan-deelname", daemon=True)
        self._thread.start()

    def _run(self, on_started: Callable[[BaseException | None], None], any_port_if_taken: bool) -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        try:
            try:
                loop.run_until_complete(self._open(self.requested_port))
            except OSError as exc:
                if not (any_port_if_taken and self.requested_port and exc.errno in _PORT_TAKEN):
                    raise
                log.info("poort %s bezet; een vrije poort wordt gekozen", self.requested_port)
                loop.run_until_complete(self._close())
                loop.run_until_complete(self._open(0))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller through on_started
            loop.run_until_complete(self._close())
            loop.close()
            self.port = None
            on_started(exc)
            return
        self._loop = loop
        on_started(None)
        try:
            loop.run_forever()
        finally:
            loop.run_until_complete(self._close())
            loop.close()

    async def _open(self, port: int) -> None:
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
        try:
            for host in self.bind_hosts():
                site = web.TCPSite(self._runner, host, port)
                await site.start()
                server = site._server  # noqa: SLF001 - aiohttp keeps the asyncio server here
                port = server.sockets[0].getsockname()[1] if server and server.sockets else port
        except BaseException:
            await self._runner.cleanup()
            self._runner = None
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
            self._runner = None

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

    # ------------------------------------------------------------------ item states (issue 25)

    def item_state(self, item_id: str) -> ItemState:
        """``open`` (takes answers), ``closed`` or ``revealed`` (closed, the spread shown to the room)."""
        if item_id in self._revealed:
            return "revealed"
        if self.mode == "voorronde":
            return "open" if self._voorronde_open else "closed"
        return "open" if item_id == self.current and item_id not in self._closed else "closed"

    def close_item(self, item_id: str) -> None:
        """Live: the item takes no more answers (the phones show "gesloten")."""
        self._call(self._set_item_state, item_id, "closed")

    def reveal_item(self, item_id: str) -> None:
        """The spread of the item is shown to the room: it is closed for good."""
        self._call(self._set_item_state, item_id, "revealed")

    def set_voorronde_open(self, is_open: bool) -> None:
        """Close (or open again) the voorronde: every item at once."""
        self._call(self._set_voorronde_open, is_open)

    def _set_item_state(self, item_id: str, state: ItemState) -> None:
        (self._revealed if state == "revealed" else self._closed).add(item_id)
        self._broadcast()

    def _set_voorronde_open(self, is_open: bool) -> None:
        self._voorronde_open = is_open
        self._broadcast()

    def _is_open(self, item_id: str | None) -> bool:
        if self.mode == "voorronde":
            return self._voorronde_open
        return item_id is not None and self.item_state(item_id) == "open"

    def _set_mode(self, mode: Mode) -> None:
        self.mode = mode
        self._broadcast()
        self._report_presence()  # the counts are per round

    def _broadcast(self) -> None:
        message = json.dumps(self._state_message())
        for ws in list(self._sockets):
            if not ws.closed:
                asyncio.ensure_future(ws.send_str(message))

    def _state_message(self) -> dict:
        item = self.content.item(self.current) if self.current else None
        return {"type": "stand", "modus": self.mode, "item": item.as_json() if item else None,
                "open": self._is_open(self.current)}

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
        phone = self._phones[device_id] = self._new_phone(device_id)
        self._tally(phone, +1)  # answers kept in the scan from before a restart count again
        self._report_presence()
        return phone

    def _new_phone(self, device: str) -> _Phone:
        """A phone seen for the first time in this run: its answers kept in the scan come back."""
        key = phone_key(self.identity.key, device)
        return _Phone(TokenBucket(self.limits.device_burst, self.limits.device_rate, self.clock),
                      answers=self._restored.pop(key, {}), key=key)

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
            "open": self._is_open(self.current),
            "mijn": phone.answers.get(self.mode, {}),  # only this phone's own answers, of this round
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
        round_ = self.mode
        mine = phone.answers.setdefault(round_, {}).setdefault(item_id, {"option": None, "comment": None,
                                                                          "vote": None})
        retry = item_id in phone.unconfirmed and all(mine[k] == v for k, v in values.items())
        if self.item_state(item_id) != "open" and not retry:  # a retry of what came in while open is fine
            return _json_error(409, "Deze vraag is gesloten: er kan niet meer op geantwoord worden.")
        changes = {k: Change(mine[k], v) for k, v in values.items() if v != mine[k]}
        self._tally(phone, -1, round_)  # keep the counts per round as it goes (not recounted per answer)
        mine.update(values)
        self._tally(phone, +1, round_)
        change = AnswerChange(item_id, **changes, phone=phone.key, round=round_, current=dict(mine))
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
        self._connected(phone, +1)
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
            self._connected(phone, -1)
            client.sockets -= 1
            if ws in mine:
                mine.remove(ws)
            if not mine and self._device_sockets.get(device_id) is mine:
                del self._device_sockets[device_id]
        return ws

    # ------------------------------------------------------------------ presence

    def _connected(self, phone: _Phone, step: int) -> None:
        phone.sockets += step
        if phone.sockets in (0, 1):  # the phone came or went
            self._report_presence()

    def _report_presence(self) -> None:
        answered = {item_id: count for item_id, count in self._answered.get(self.mode, {}).items() if count}
        participants = self._participants.get(self.mode, 0)
        connected = sum(1 for phone in self._phones.values() if phone.sockets > 0)
        self.sink(Presence(participants, answered, connected))

    def _tally(self, phone: _Phone, step: int, round_: str | None = None) -> None:
        """Add (+1) or remove (-1) one phone's answers in the counts of ``round_`` (all rounds: None)."""
        for name, answers in phone.answers.items():
            if round_ is not None and name != round_:
                continue
            counts = self._answered.setdefault(name, {})
            given = [item_id for item_id, values in answers.items() if values.get("option") is not None]
            for item_id in given:
                counts[item_id] = counts.get(item_id, 0) + step
            if given:
                self._participants[name] = self._participants.get(name, 0) + step
