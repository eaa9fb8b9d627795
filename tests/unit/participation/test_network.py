"""The laptop's addresses: the default route's first, no loopback or link-local; and the QR code."""

from __future__ import annotations

import socket

import segno

from dienstscan.participation import network


class FakeSocket:
    """A UDP socket whose connect picks ``address`` (or fails: no network), sending nothing."""

    sent: list = []

    def __init__(self, address: str | None) -> None:
        self.address = address
        self.connected = None

    def connect(self, target) -> None:
        if self.address is None:
            raise OSError("Network is unreachable")
        self.connected = target

    def getsockname(self):
        return (self.address, 54321)

    def send(self, data) -> None:  # pragma: no cover - would be a bug
        FakeSocket.sent.append(data)

    def close(self) -> None:
        pass


def test_default_route_address_comes_first_and_unusable_ones_are_left_out(monkeypatch):
    monkeypatch.setattr(network.socket, "socket", lambda *a: FakeSocket("192.168.1.20"))
    infos = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, 0))
             for a in ("127.0.1.1", "169.254.3.4", "10.0.0.7", "192.168.1.20")]
    monkeypatch.setattr(network.socket, "getaddrinfo", lambda *a, **k: infos)
    assert network.laptop_addresses() == ["192.168.1.20", "10.0.0.7"]
    assert FakeSocket.sent == []  # the route is chosen without a packet


def test_without_a_network_there_is_no_address(monkeypatch):
    monkeypatch.setattr(network.socket, "socket", lambda *a: FakeSocket(None))
    monkeypatch.setattr(network.socket, "getaddrinfo", lambda *a, **k: [])
    assert network.default_address() is None and network.laptop_addresses() == []


def test_qr_matrix_is_the_code_of_the_address_with_a_quiet_zone():
    url = "http://192.168.1.20:8765/abcdefghijklmnopqrstuv/"
    matrix = network.qr_matrix(url)
    code = segno.make(url, error="m", micro=False)
    side = code.symbol_size(scale=1, border=4)[0]
    assert len(matrix) == side and all(len(row) == side for row in matrix)
    assert not any(matrix[0]) and not any(row[0] for row in matrix)  # light border around it
    assert matrix[4][4] and matrix[4 + 6][4 + 6]  # the finder pattern's corners
