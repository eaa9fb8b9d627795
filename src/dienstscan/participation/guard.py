"""What every request to the participation server passes, whatever its path: headers, refusals, JSON.

- ``add_headers`` (aiohttp's ``on_response_prepare``): the security headers on *every* response
  the app makes, a 303, 404 or 405 included, and a ``Server`` header without a version.
- ``refusal``: a refusal in Dutch; a friendly HTML page when a browser asked for a page (a wrong
  code, an old address), JSON ``{"ok": false, "melding": ...}`` for the page's own requests.
- ``cross_site``: the Origin and Fetch-Metadata check of every state-changing request (a POST, a
  WebSocket): a page of another site cannot make a phone's browser answer for it.
- ``read_json``: the body of a POST: JSON only, at most ``Limits.max_body`` bytes and
  ``Limits.max_json_depth`` deep (400, never a 500 from a recursion).
- ``QUIET``: the logger handed to aiohttp, which would otherwise write the client's address to
  stderr with every malformed request; ours says what went wrong, never who sent it.
"""

from __future__ import annotations

import html
import json
import logging
from dataclasses import dataclass

from aiohttp import web, web_response

from ..storage.jsontext import json_depth
from .limits import Limits

log = logging.getLogger(__name__)

#: Sent with every response (also errors and redirects).
SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",  # the secret is in the address: never pass it on
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Content-Security-Policy": "default-src 'self'; connect-src 'self'; img-src 'self' data:; "
                               "style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
                               "form-action 'none'",
}
#: The ``Server`` header: a name, no version of Python or aiohttp to look up weaknesses for.
SERVER_NAME = "Dienstscan"
# The few responses aiohttp makes before a request reaches the app (a request its parser refuses:
# a plain 400) take the Server header from this module global; without it they name the versions.
if isinstance(getattr(web_response, "SERVER_SOFTWARE", None), str):
    web_response.SERVER_SOFTWARE = SERVER_NAME

#: Methods that change nothing (the rest must come from the session's own page).
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


async def add_headers(_request: web.BaseRequest, response: web.StreamResponse) -> None:
    response.headers.update(SECURITY_HEADERS)
    response.headers["Server"] = SERVER_NAME


@dataclass(frozen=True)
class Refusal:
    """A refusal: status, a page title and what the person can do about it (Dutch)."""

    status: int
    title: str
    message: str


NO_ACCESS = Refusal(403, "Geen toegang",
                    "Dit adres hoort niet (meer) bij een sessie. Scan de QR-code op het scherm opnieuw, of typ "
                    "het adres dat daar staat.")
CODE_LOCKED = Refusal(403, "Te vaak een verkeerde code",
                      "Vanaf dit apparaat is te vaak een verkeerde code getypt. Scan de QR-code op het scherm: "
                      "dat werkt nog wel.")
WRONG_HOST = Refusal(421, "Onbekend adres",
                     "Open de pagina via de QR-code of het adres op het scherm.")
CROSS_SITE = Refusal(403, "Geweigerd",
                     "Dit verzoek kwam niet van de pagina van de sessie en is niet uitgevoerd.")
NOT_JSON = Refusal(415, "Geweigerd", "Een antwoord wordt als JSON verstuurd; dit verzoek is niet uitgevoerd.")
TOO_MANY = Refusal(429, "Even wachten",
                   "Er kwamen te veel verzoeken van dit apparaat. Wacht een minuut en probeer het dan opnieuw.")
NOT_FOUND = Refusal(404, "Pagina niet gevonden",
                    "Deze pagina bestaat niet. Scan de QR-code op het scherm opnieuw.")
NOT_ALLOWED = Refusal(405, "Dit kan hier niet", "Deze pagina kan dit verzoek niet verwerken.")
BROKEN = Refusal(500, "Er ging iets mis",
                 "De laptop van de begeleider kon dit verzoek niet verwerken. Probeer het opnieuw; lukt het "
                 "niet, zeg het dan tegen de begeleider.")


def wants_page(request: web.BaseRequest) -> bool:
    """True when a browser navigates here (show a page), False for the page's own requests (JSON)."""
    return request.method in ("GET", "HEAD") and "text/html" in request.headers.get("Accept", "")


def error_page(refusal: Refusal) -> str:
    """The friendly page of a refusal: the phone page's look, no script, Dutch."""
    title, message = html.escape(refusal.title), html.escape(refusal.message)
    return (
        '<!doctype html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light">\n'
        f"<title>{title} – Dienstscan</title>\n"
        '<link rel="stylesheet" href="/app.css">\n</head>\n'
        '<body class="foutpagina">\n<header><p class="merk">Dienstscan</p></header>\n'
        f"<main>\n<h1>{title}</h1>\n<p>{message}</p>\n</main>\n"
        '<footer class="klein"><p>Vraag de begeleider om hulp als het niet lukt.</p></footer>\n'
        "</body>\n</html>\n"
    )


def refusal(request: web.BaseRequest, refused: Refusal, message: str | None = None,
            headers: dict[str, str] | None = None) -> web.Response:
    """``refused`` as a page (a browser navigating) or as JSON (with ``message`` instead, if given)."""
    if wants_page(request):
        return web.Response(status=refused.status, text=error_page(refused), content_type="text/html",
                            charset="utf-8", headers=headers)
    return json_error(refused.status, message or refused.message, headers)


def json_error(status: int, message: str, headers: dict[str, str] | None = None) -> web.Response:
    return web.json_response({"ok": False, "melding": message}, status=status, headers=headers)


def cross_site(request: web.BaseRequest, hosts: set[str]) -> bool:
    """True when a state-changing request did not come from the session's own page.

    A browser sends ``Origin`` with every POST and WebSocket, and ``Sec-Fetch-Site`` with every
    request; either one naming another site refuses. A client that sends neither is no browser
    on someone else's page (no one can be made to send a request by it) and passes.
    """
    origin = request.headers.get("Origin")
    if origin is not None and origin.lower() not in {f"http://{host}" for host in hosts}:
        return True
    site = request.headers.get("Sec-Fetch-Site")
    return site is not None and site.lower() != "same-origin"


def is_state_changing(request: web.BaseRequest) -> bool:
    return request.method not in SAFE_METHODS or request.headers.get("Upgrade", "").lower() == "websocket"


class BadBody(Exception):
    """A body that is refused: ``status`` and a Dutch message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


async def read_json(request: web.Request, limits: Limits) -> object:
    """The JSON body, or ``BadBody`` (413 too large, 400 unreadable or nested too deep)."""
    if request.content_length is not None and request.content_length > limits.max_body:
        raise BadBody(413, "Het antwoord is te groot.")
    try:
        raw = await request.read()
    except web.HTTPRequestEntityTooLarge:
        raise BadBody(413, "Het antwoord is te groot.") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BadBody(400, "Het antwoord is onleesbaar (geen UTF-8).") from None
    # cheap test first: an answer has one pair of braces
    if text.count("[") + text.count("{") > limits.max_json_depth and json_depth(text) > limits.max_json_depth:
        raise BadBody(400, "Het antwoord is onleesbaar (te diep genest).")
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        raise BadBody(400, "Het antwoord is onleesbaar (geen JSON).") from None


class QuietLogger:
    """aiohttp's server logger without the client's address (it logs ``request.remote``)."""

    def __init__(self, target: logging.Logger) -> None:
        self.target = target

    def debug(self, *_args: object, **_kw: object) -> None:
        return

    def _say(self, level: int, exc_info: object) -> None:
        kind = type(exc_info).__name__ if isinstance(exc_info, BaseException) else "onbekend"
        self.target.log(level, "Een verzoek aan de deelnamepagina ging mis (%s)", kind)

    def exception(self, *_args: object, exc_info: object = None, **_kw: object) -> None:
        self._say(logging.WARNING, exc_info)

    def warning(self, *_args: object, exc_info: object = None, **_kw: object) -> None:
        self._say(logging.WARNING, exc_info)

    def error(self, *_args: object, exc_info: object = None, **_kw: object) -> None:
        self._say(logging.WARNING, exc_info)

    def info(self, *_args: object, **_kw: object) -> None:
        return

    def isEnabledFor(self, level: int) -> bool:  # noqa: N802 - logging's name
        return self.target.isEnabledFor(level)


QUIET = QuietLogger(log)
