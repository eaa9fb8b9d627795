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

Security on a shared network (docs/participation.md):
- the address carries a random secret of 128 bits (``secrets.token_urlsafe(16)``); every request
  without it is refused with 403; a short code to type (``/K7QX3M``) redirects to it and is
  switched off after ``Limits.code_attempts`` wrong tries;
- the Host header must be one of the served addresses (421 otherwise: no DNS rebinding), and a
  WebSocket's Origin must match it;
- request bodies above ``Limits.max_body`` are refused (413), malformed ones 400, items outside
  the scan's scope or options outside the item's scale 422, a comment above ``MAX_COMMENT`` 422;
- each phone (random device id) and each client address has a token bucket (429 when empty);
  at most ``Limits.max_participants`` phones (503);
- one current answer per phone per item per round: the last counts. The server keeps device ids
  in memory only (the scan keeps keyed hashes), never client addresses (buckets are keyed by a
  salted hash), and writes nothing itself.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import errno
import hashlib
import json
import logging
import re
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Literal

from aiohttp import WSMsgType, web

from ..model import LiveIdentity
from .content import MAX_COMMENT, VOTES, AnswerChange, Change, Mode, SessionContent, clean_comment
from .identity import CODE_ALPHABET, CODE_LENGTH, new_identity, phone_key, restored_answers

log = logging.getLogger(__name__)

_DEVICE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
#: errno values of "the port is in use" (Linux/macOS EADDRINUSE; Windows WSAEADDRINUSE, WSAEACCES).
_PORT_TAKEN = {errno.EADDRINUSE, 10048, 10013}
#: errno values of "this address is not one of this computer's" (Linux, macOS, Windows WSAEADDRNOTAVAIL).
_ADDRESS_GONE = {errno.EADDRNOTAVAIL, 10049}
#: The port tried first: a fixed port keeps a phone's saved place (its browser storage) between sessions.
DEFAULT_PORT = 8765
_STATIC = {"app.js": "text/javascript", "app.css": "text/css"}
_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",  # the secret is in the address: never pass it on
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'self'; connect-src 'self'; img-src 'self' data:; "
                               "style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
                               "form-action 'none'",
}


@dataclass(frozen=True)
class Limits:
    """Limits against mistakes and floods; the defaults suit a room of up to a few hundred."""

    max_body: int = 4_096
    max_participants: int = 300
    #: Per phone: a burst of this many answers, refilled at ``device_rate`` per second.
    device_burst: float = 40
    device_rate: float = 4
    #: Per client address (a phone's page, its answers and reconnects together).
    address_burst: float = 120
    address_rate: float = 20
    #: Wrong short codes before the short code is switched off for this session.
    code_attempts: int = 20
    #: Seconds a phone waits for the laptop to confirm an answer is safe (then 503: try again).
    confirm_timeout: float = 10.0


class TokenBucket:
    """``take()`` is True while tokens are left; they come back at ``rate`` per second."""

    def __init__(self, burst: float, rate: float, clock: Callable[[], float]) -> None:
        self.burst = burst
        self.rate = rate
        self.clock = clock
        self.tokens = burst
        self.stamp = clock()

    def take(self) -> bool:
        now = self.clock()
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


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


def _json_error(status: int, message: str) -> web.Response:
    return web.json_response({"ok": False, "melding": message}, status=status, headers=_HEADERS)


def _static_text(name: str) -> str:
    return resources.files(__package__).joinpath("static", name).read_text(encoding="utf-8")


class ParticipationServer:
    """One session: ``start()`` listens, ``stop()`` closes everything. Thread-safe controls."""

    def __init__(self, content: SessionContent, sink: Callable[[Event], None], *, mode: Mode = "voorronde",
                 host: str = "0.0.0.0", port: int = 0, addresses: list[str] | None = None,
                 limits: Limits | None = None, clock: Callable[[], float] = time.monotonic,
                 identity: LiveIdentity | None = None) -> None:
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
        self._salt = secrets.token_bytes(16)
        self._phones: dict[str, _Phone] = {}
        self._address_buckets: dict[bytes, TokenBucket] = {}
        self._sockets: set[web.WebSocketResponse] = set()
        self._code_failures = 0
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
        prefix = f"/{self.secret}"
        app.router.add_get(f"{prefix}/", self._index)
        app.router.add_get(prefix + "/{name:app\\.(?:js|css)}", self._asset)
        app.router.add_get(f"{prefix}/api/sessie", self._session)
        app.router.add_post(f"{prefix}/api/antwoord", self._answer)
        app.router.add_get(f"{prefix}/ws", self._websocket)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=1.0)  # no addresses in a log
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, port)
        await site.start()
        server = site._server  # noqa: SLF001 - aiohttp keeps the asyncio server here
        self.port = server.sockets[0].getsockname()[1] if server and server.sockets else port
        if not self._addresses:
            self._addresses = ["127.0.0.1"]

    async def _close(self) -> None:
        for ws in list(self._sockets):
            await ws.close(message=b"sessie gestopt")
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

    def _client_key(self, request: web.Request) -> bytes:
        peer = request.remote or ""
        return hashlib.blake2b(peer.encode("utf-8"), key=self._salt, digest_size=16).digest()

    @web.middleware
    async def _guard(self, request: web.Request, handler: Callable) -> web.StreamResponse:
        host = request.headers.get("Host", "").lower()
        if host not in self._allowed_hosts():
            return _json_error(421, "Onbekend adres: open de pagina via de QR-code of het getoonde adres.")
        bucket = self._address_buckets.get(key := self._client_key(request))
        if bucket is None:
            bucket = self._address_buckets[key] = TokenBucket(self.limits.address_burst, self.limits.address_rate,
                                                              self.clock)
        if not bucket.take():
            return _json_error(429, "Te veel verzoeken; wacht even.")
        first, _, rest = request.path.lstrip("/").partition("/")
        if secrets.compare_digest(first.encode("utf-8"), self.secret.encode("utf-8")):
            response = await handler(request)
            if not isinstance(response, web.WebSocketResponse):
                response.headers.update(_HEADERS)
            return response
        if not rest and self._code_matches(first):
            raise web.HTTPSeeOther(f"/{self.secret}/")
        return _json_error(403, "Geen toegang: scan de QR-code of typ het adres van het scherm.")

    def _code_matches(self, text: str) -> bool:
        if self._code_failures >= self.limits.code_attempts or len(text) != CODE_LENGTH:
            if len(text) == CODE_LENGTH:
                self._code_failures += 1
            return False
        if secrets.compare_digest(text.upper().encode("utf-8"), self.code.encode("utf-8")):
            return True
        self._code_failures += 1
        return False

    def _phone(self, device: object) -> _Phone | web.Response:
        if not isinstance(device, str) or not _DEVICE.match(device):
            return _json_error(400, "Ongeldige apparaatcode; laad de pagina opnieuw.")
        phone = self._phones.get(device)
        if phone is None:
            if len(self._phones) >= self.limits.max_participants:
                return _json_error(503, "De sessie is vol: er doen al genoeg telefoons mee.")
            phone = self._phones[device] = self._new_phone(device)
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

    async def _answer(self, request: web.Request) -> web.Response:
        if request.content_length is not None and request.content_length > self.limits.max_body:
            return _json_error(413, "Het antwoord is te groot.")
        try:
            body = await request.json()
        except web.HTTPRequestEntityTooLarge:
            return _json_error(413, "Het antwoord is te groot.")
        except (ValueError, UnicodeDecodeError):
            return _json_error(400, "Het antwoord is onleesbaar (geen JSON).")
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
        mine.update(values)
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
        origin = request.headers.get("Origin")
        if origin is not None and origin.lower() not in {f"http://{h}" for h in self._allowed_hosts()}:
            return _json_error(403, "Geen toegang vanaf een andere website.")
        phone = self._phone(request.query.get("apparaat"))
        if isinstance(phone, web.Response):
            return phone
        if len(self._sockets) >= 2 * self.limits.max_participants:
            return _json_error(503, "De sessie is vol.")
        ws = web.WebSocketResponse(heartbeat=20, max_msg_size=1_024)
        await ws.prepare(request)
        self._sockets.add(ws)
        self._connected(phone, +1)
        try:
            await ws.send_str(json.dumps(self._state_message()))
            async for message in ws:  # the phone only listens; what it sends is ignored
                if message.type == WSMsgType.ERROR:
                    break
        finally:
            self._sockets.discard(ws)
            self._connected(phone, -1)
        return ws

    # ------------------------------------------------------------------ presence

    def _connected(self, phone: _Phone, step: int) -> None:
        phone.sockets += step
        if phone.sockets in (0, 1):  # the phone came or went
            self._report_presence()

    def _report_presence(self) -> None:
        answered: dict[str, int] = {}
        participants = 0
        for phone in self._phones.values():
            mine = [item_id for item_id, values in phone.answers.get(self.mode, {}).items()
                    if values.get("option") is not None]
            participants += bool(mine)
            for item_id in mine:
                answered[item_id] = answered.get(item_id, 0) + 1
        connected = sum(1 for phone in self._phones.values() if phone.sockets > 0)
        self.sink(Presence(participants, answered, connected))
