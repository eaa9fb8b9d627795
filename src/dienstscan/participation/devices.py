"""Phone identities issued by the server: a device id with a per-device secret, checked with a key.

A phone does not choose its own identity: it asks the server (``POST api/apparaat``) and gets a
token ``<id>.<secret>``. The id is random; the secret is ``HMAC-SHA256(key, id)`` cut to 128 bits,
so the server needs no table to check a token, and a token made up by a client, or an id without
its secret, is refused. The key is random per session unless the caller hands one in: a session
that keeps its key (in the scan, see issue 25 point 4) recognises its phones again after a
restart.

Only the id part identifies a phone inside the server (its answers, its limits); the secret part
is never stored, logged or shown. The phone keeps the token in its browser storage.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets

#: Bytes of the key (HMAC-SHA256 takes any length; 32 is its block of strength).
KEY_BYTES = 32
_ID_BYTES = 12  # 96 random bits: 16 characters
_MAC_BYTES = 16  # 128 bits: 22 characters
TOKEN = re.compile(r"^([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22})$")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


class DeviceKeys:
    """Issues and checks device tokens with one key (random unless given)."""

    def __init__(self, key: bytes | None = None) -> None:
        if key is not None and len(key) < 16:
            raise ValueError("de sleutel voor apparaatcodes is te kort (minstens 16 bytes)")
        self.key = key if key is not None else secrets.token_bytes(KEY_BYTES)

    @classmethod
    def derived(cls, session_key: str | bytes) -> DeviceKeys:
        """Keys derived from a session's own key (hex or bytes, e.g. the one kept in the scan).

        A key of its own for the tokens (BLAKE2b keyed with the session key, personalised
        "apparaat"), so the same session key can serve other purposes without the two meeting.
        """
        raw = bytes.fromhex(session_key) if isinstance(session_key, str) else session_key
        return cls(hashlib.blake2b(b"", key=raw[:64], person=b"apparaat", digest_size=KEY_BYTES).digest())

    def _mac(self, device_id: str) -> str:
        digest = hmac.new(self.key, b"dienstscan-apparaat:" + device_id.encode("ascii"), hashlib.sha256).digest()
        return _b64(digest[:_MAC_BYTES])

    def issue(self) -> tuple[str, str]:
        """A new phone: ``(device id, token)``; the token goes to the phone, the id stays here."""
        device_id = _b64(secrets.token_bytes(_ID_BYTES))
        return device_id, f"{device_id}.{self._mac(device_id)}"

    def verify(self, token: object) -> str | None:
        """The device id of a token this key issued, or None (malformed, made up, or another key's)."""
        if not isinstance(token, str):
            return None
        match = TOKEN.match(token)
        if match is None:
            return None
        device_id, mac = match.groups()
        return device_id if hmac.compare_digest(mac, self._mac(device_id)) else None
