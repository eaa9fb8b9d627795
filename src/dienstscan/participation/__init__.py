"""Live participation: everyone in the room answers from their own phone, served by the laptop.

No Qt (the GUI marshals the server's events to its own thread). Parts:

- ``content``: what a phone may see of the scan (``SessionContent``) and the one rule that puts a
  participant's answer into the scan (``apply_change``: individual answers, never in the score);
- ``server``: ``ParticipationServer``, an aiohttp server on a background thread (page, JSON API,
  WebSocket), with the secret, Host check and limits;
- ``network``: the laptop's addresses, the default route's one, the QR code, the network help;
- ``runner``: ``HeadlessSession``, the session without a GUI (``dienstscan sessie``).
"""

from .content import AnswerChange, Change, PhoneItem, SessionContent, apply_change
from .network import NETWORK_HELP, default_address, laptop_addresses, qr_matrix
from .server import Accepted, Event, Limits, ParticipationServer, Presence

__all__ = [
    "NETWORK_HELP",
    "Accepted",
    "AnswerChange",
    "Change",
    "Event",
    "Limits",
    "ParticipationServer",
    "PhoneItem",
    "Presence",
    "SessionContent",
    "apply_change",
    "default_address",
    "laptop_addresses",
    "qr_matrix",
]
