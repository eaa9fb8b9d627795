"""The laptop's addresses on the local network, the address phones are sent to, and its QR code.

``laptop_addresses()`` lists the IPv4 addresses of this computer (no loopback, no link-local);
``default_address()`` is the one of the network the default route goes through, found with a
UDP socket that is *connected* but never sends anything (connect only picks a route). That is
the address a phone on the same Wi-Fi can reach. ``qr_matrix(text)`` gives the QR code as rows
of dark/light modules, drawn by the UI at any size (``segno``: pure Python, no dependencies).
"""

from __future__ import annotations

import ipaddress
import socket

import segno

#: A documentation address (RFC 5737, TEST-NET-1): routed like the internet, never answered.
_PROBE = ("192.0.2.1", 9)

#: Dutch help for when phones cannot reach the laptop (shown in the app and in docs/participation.md).
NETWORK_HELP = (
    "Lukt het verbinden niet?",
    [
        "Zit de telefoon op hetzelfde wifi-netwerk als de laptop? Mobiele data werkt niet: "
        "het adres bestaat alleen op het eigen netwerk.",
        "Een gastnetwerk (gasten-wifi) houdt apparaten vaak van elkaar gescheiden: dan kan geen "
        "telefoon de laptop bereiken. Zet een hotspot aan op de laptop of op een telefoon, laat "
        "iedereen daarop verbinden en start de sessie opnieuw (het adres verandert).",
        "Vroeg Windows of Dienstscan het netwerk mag gebruiken? Sta het toe voor privénetwerken "
        "(niet voor openbare). Op Annuleren geklikt: Windows-beveiliging > Firewall- en "
        "netwerkbeveiliging > Een app toestaan via de firewall > Dienstscan, vinkje bij Privé.",
        "Staat de laptop op een 'openbaar' netwerk? Zet het in de Windows-instellingen op "
        "'privé' of gebruik een hotspot.",
        "Typ het adres precies over, met het getal na de dubbele punt, en begin met http:// "
        "(niet https://).",
        "Heeft de laptop meer adressen (bekabeld en wifi)? Kies in het venster het adres van het "
        "wifi-netwerk waar de telefoons op zitten.",
    ],
)


def _usable(address: str) -> bool:
    try:
        ip = ipaddress.IPv4Address(address)
    except ValueError:
        return False
    return not (ip.is_loopback or ip.is_link_local or ip.is_unspecified or ip.is_multicast)


def default_address() -> str | None:
    """The IPv4 address of the network with the default route, or None without a network."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(_PROBE)  # UDP: no packet is sent, the kernel only chooses the route
        address = probe.getsockname()[0]
    except OSError:
        return None
    finally:
        probe.close()
    return address if _usable(address) else None


def laptop_addresses() -> list[str]:
    """The laptop's usable IPv4 addresses, the default route's first; empty without a network."""
    found: list[str] = []
    first = default_address()
    if first:
        found.append(first)
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET, socket.SOCK_STREAM)
    except OSError:
        infos = []
    for info in infos:
        address = str(info[4][0])
        if _usable(address) and address not in found:
            found.append(address)
    return found


def qr_matrix(text: str) -> list[list[bool]]:
    """The QR code of ``text`` as rows of modules (True = dark), with the quiet zone around it."""
    code = segno.make(text, error="m", micro=False)
    return [[bool(module) for module in row] for row in code.matrix_iter(scale=1, border=4)]
