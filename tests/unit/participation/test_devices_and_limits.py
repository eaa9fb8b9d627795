"""The phones' identities (devices.py) and the per-address bookkeeping (limits.py), without a server."""

from __future__ import annotations

import pytest

from dienstscan.participation.devices import DeviceKeys
from dienstscan.participation.limits import ClientTable, Limits, TokenBucket


def test_a_token_verifies_with_its_key_only():
    keys = DeviceKeys()
    device_id, token = keys.issue()
    assert keys.verify(token) == device_id
    assert DeviceKeys(keys.key).verify(token) == device_id  # a restarted session that kept its key
    assert DeviceKeys().verify(token) is None  # another session
    other_id, other_token = keys.issue()
    assert other_id != device_id
    mac = token.split(".")[1]
    for forged in (device_id, f"{other_id}.{mac}", token[:-1] + ("A" if token[-1] != "A" else "B"),
                   token + "x", f" {token}", None, 42, "", "." * 39):
        assert keys.verify(forged) is None, forged


def test_keys_derived_from_a_session_key_are_stable_and_its_own():
    session_key = "ab" * 32  # as a scan keeps it (hex)
    keys = DeviceKeys.derived(session_key)
    _, token = keys.issue()
    assert DeviceKeys.derived(bytes.fromhex(session_key)).verify(token) is not None  # the same after a restart
    assert keys.key != bytes.fromhex(session_key)  # not the session key itself
    assert DeviceKeys.derived("cd" * 32).verify(token) is None


def test_a_short_key_is_refused():
    with pytest.raises(ValueError, match="te kort"):
        DeviceKeys(b"kort")


def test_token_bucket_refills_at_its_rate():
    now = [0.0]
    bucket = TokenBucket(2, 0.5, lambda: now[0])
    assert [bucket.take() for _ in range(3)] == [True, True, False]
    now[0] = 1.0  # half a token back
    assert not bucket.take()
    now[0] = 2.0  # one whole token
    assert bucket.take() and not bucket.take()
    now[0] = 100.0  # never more than the burst
    assert [bucket.take() for _ in range(3)] == [True, True, False]


def test_client_table_keeps_no_address_and_is_bounded():
    table = ClientTable(Limits(max_clients=3), lambda: 0.0)
    first = table.get("10.0.0.1")
    first.sockets = 1  # a phone with an open live connection is not forgotten
    second = table.get("10.0.0.2")
    second.code_failures = 5
    table.get("10.0.0.3")
    assert table.get("10.0.0.2") is second  # the same address: the same bookkeeping
    table.get("10.0.0.4")  # full: the least recently seen without a socket (10.0.0.3) makes room
    assert len(table) == 3
    assert table.get("10.0.0.1") is first and table.get("10.0.0.2") is second
    assert all(b"10.0.0" not in key for key in table._clients)  # noqa: SLF001 - salted hashes, no addresses
