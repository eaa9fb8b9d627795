"""The phones' session listens only on the address the facilitator chose (issue 25 point 11), not 0.0.0.0.

The panel offers the laptop's addresses (here two loopback addresses stand in for Wi-Fi and cable);
the session started on one of them cannot be reached on the other, and the choice is locked while
the session runs (stop it to choose another).
"""

from __future__ import annotations

import socket

import pytest

from dienstscan.ui import live_panel

CHOSEN, OTHER = "127.0.0.3", "127.0.0.1"


@pytest.fixture
def doc(live_doc):
    return live_doc


def reachable(address: str, port: int) -> bool:
    try:
        socket.create_connection((address, port), timeout=5).close()
    except OSError:
        return False
    return True


def test_the_session_listens_on_the_chosen_address_only(qtbot, doc, monkeypatch):
    monkeypatch.setattr(live_panel, "laptop_addresses", lambda: [OTHER, CHOSEN])
    panel = live_panel.LivePanel(doc)
    qtbot.addWidget(panel)
    panel.address_box.setCurrentText(CHOSEN)
    panel.toggle()
    session = panel.session
    assert session is not None
    assert not panel.address_box.isEnabled()  # locked while the port opens (the start does not block)
    qtbot.waitUntil(lambda: session.running, timeout=30_000)
    port = session.server.port
    assert session.server.served_addresses() == [CHOSEN]
    assert reachable(CHOSEN, port) and not reachable(OTHER, port)
    assert f"http://{CHOSEN}:{port}/" in panel.url_label.text()
    assert not panel.address_box.isEnabled()  # one address: stop the session to choose another
    with qtbot.waitSignal(session.stopped):
        panel.toggle()
    assert panel.address_box.isEnabled()
    assert not reachable(CHOSEN, port)
