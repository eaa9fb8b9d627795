"""Limits of a participation session, and what each client address has used of them.

``Limits`` holds the numbers (docs/participation.md says what each one stops). ``TokenBucket``
is the rate limiter: a burst, refilled at a rate per second from an injectable clock, so tests
never depend on the machine's speed. ``ClientTable`` keeps, per client address, its request
bucket, its bucket of new device ids, its wrong short codes and its open WebSockets. A guest on
the Wi-Fi is one address: whatever it does uses up only its own share, never the session's.

The table is keyed by a salted hash of the address (the salt is random per session and only in
memory): no address is kept, and the table is bounded (the least recently seen address without
an open WebSocket makes room).
"""

from __future__ import annotations

import hashlib
import secrets
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Limits against mistakes and floods; the defaults suit a room of up to a few hundred."""

    max_body: int = 4_096
    #: Nesting of a JSON body (an answer is one flat object: depth 1); deeper is refused with 400.
    max_json_depth: int = 4
    max_participants: int = 300
    #: Per phone: a burst of this many answers, refilled at ``device_rate`` per second.
    device_burst: float = 40
    device_rate: float = 4
    #: Per client address (a phone's page, its answers and reconnects together).
    address_burst: float = 120
    address_rate: float = 20
    #: New device ids per client address: a burst (a phone in private mode reloading a few
    #: times), then one per ``1 / new_device_rate`` seconds.
    new_device_burst: float = 6
    new_device_rate: float = 1 / 60
    #: Wrong short codes per client address; after that this address cannot type a code any more
    #: in this session (the QR code still works, other addresses still can).
    code_attempts: int = 20
    #: Open WebSockets per client address and per phone (a newer one of the same phone closes the
    #: oldest: a reloaded page), and for the whole session.
    sockets_per_address: int = 6
    sockets_per_device: int = 2
    max_sockets: int = 600
    #: Messages a phone may send over its WebSocket (it only listens): a burst, then per second.
    message_burst: float = 10
    message_rate: float = 1
    #: Client addresses remembered at once (least recently seen without a socket forgotten first).
    max_clients: int = 10_000
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


@dataclass
class Client:
    """What one client address has used."""

    requests: TokenBucket
    new_devices: TokenBucket
    code_failures: int = 0
    sockets: int = 0


class ClientTable:
    """Per client address (salted hash) its ``Client``; bounded to ``limits.max_clients``."""

    def __init__(self, limits: Limits, clock: Callable[[], float]) -> None:
        self.limits = limits
        self.clock = clock
        self._salt = secrets.token_bytes(16)
        self._clients: OrderedDict[bytes, Client] = OrderedDict()

    def key(self, address: str | None) -> bytes:
        return hashlib.blake2b((address or "").encode("utf-8"), key=self._salt, digest_size=16).digest()

    def __len__(self) -> int:
        return len(self._clients)

    def get(self, address: str | None) -> Client:
        key = self.key(address)
        client = self._clients.get(key)
        if client is not None:
            self._clients.move_to_end(key)
            return client
        if len(self._clients) >= self.limits.max_clients:
            self._forget_one()
        client = self._clients[key] = Client(
            TokenBucket(self.limits.address_burst, self.limits.address_rate, self.clock),
            TokenBucket(self.limits.new_device_burst, self.limits.new_device_rate, self.clock),
        )
        return client

    def _forget_one(self) -> None:
        for key, client in self._clients.items():  # oldest first
            if client.sockets == 0:
                del self._clients[key]
                return
        self._clients.popitem(last=False)
