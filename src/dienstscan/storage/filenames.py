"""File names that every file system takes: made from a scan's name, and checked before a write.

A scan's organisation name or a participant's name may hold anything (``Gemeente A/B: "Test"``,
``CON``, 300 characters of Chinese). Windows forbids ``<>:"/\\|?*`` and control characters in a
name, drops a trailing dot or space, reserves the device names (``CON``, ``PRN``, ``AUX``, ``NUL``,
``COM1``-``COM9``, ``LPT1``-``LPT9``, also with an extension: ``nul.xlsx``), and the usual limits
are 255 bytes (ext4, UTF-8) or 255 UTF-16 units (NTFS) per name, and 260 characters (MAX_PATH)
for a whole path in programs that do not opt in to long paths (Excel among them).

``safe_file_name`` makes a name within all of these, leaving room for what storage adds beside a
file (``.~NAME.1234abcd.tmp`` while writing, ``~NAME.lock``, ``NAME.bak``).
``name_problem`` says in Dutch why a path the user chose cannot be written, before any write.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path, PurePath

#: Characters Windows forbids in a file name (besides control characters).
FORBIDDEN = '<>:"/\\|?*'
#: Device names Windows reserves, with or without an extension (compared case-insensitively).
RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"COM{n}" for n in "123456789¹²³"}
    | {f"LPT{n}" for n in "123456789¹²³"}
)
#: Longest name (one path component) in bytes: ext4 and most Linux file systems; NTFS allows 255
#: UTF-16 units, never fewer than 255 UTF-8 bytes take.
MAX_COMPONENT_BYTES = 255
#: What storage adds to a name beside it, the longest of its companions: the temporary file of a
#: scan's lock, ``.~`` + ``~NAME.lock`` + ``.1234abcd.tmp`` (a backup's is ``.~NAME.bak.….tmp``).
COMPANION_ROOM = max(len(".~~.lock.1234abcd.tmp"), len(".~.bak.1234abcd.tmp"))
#: Windows' MAX_PATH: 260 UTF-16 units including the closing NUL.
MAX_PATH = 260

_SPACE = re.compile(r"\s+")


def utf8_len(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _clean(text: str) -> str:
    out = []
    for ch in text:
        category = unicodedata.category(ch)
        if ch in FORBIDDEN or category in ("Cc", "Cs", "Co", "Cn") and not ch.isspace():
            out.append("-")  # forbidden, control, lone surrogate, private use, unassigned (U+FFFF)
        elif category in ("Zl", "Zp") or ch.isspace():
            out.append(" ")
        elif category == "Cf":
            continue  # invisible format characters (zero-width space, direction marks)
        else:
            out.append(ch)
    return _SPACE.sub(" ", "".join(out))


def _trim(text: str) -> str:
    """No leading/trailing spaces, no trailing dots (Windows drops them), no leading dot (hidden)."""
    return text.strip(" ").rstrip(". ").lstrip(". ")


def is_reserved(name: str) -> bool:
    """Whether Windows treats ``name`` as a device: ``CON``, ``nul.xlsx``, ``Com1 .txt``."""
    base = name.split(".", 1)[0].rstrip(" ")
    return base.upper() in RESERVED


def _shorten(text: str, max_bytes: int) -> str:
    """``text`` cut to at most ``max_bytes`` UTF-8 bytes, never inside a character."""
    if utf8_len(text) <= max_bytes:
        return text
    encoded = text.encode("utf-8", "surrogatepass")[:max_bytes]
    return encoded.decode("utf-8", "ignore")


def safe_file_name(stem: str, suffix: str = "", *, folder: str | PurePath | None = None,
                   fallback: str = "scan", room: int = COMPANION_ROOM) -> str:
    """``stem + suffix`` as a name every file system takes, for a file in ``folder``.

    Forbidden and control characters become ``-``, runs of white space one space; a reserved
    device name gets ``_`` after it; the stem is shortened (at a character, then trimmed again)
    so that the name plus ``room`` bytes for storage's companion files stays within 255 bytes,
    and, with ``folder``, the whole path plus ``room`` within MAX_PATH where that can be reached.
    An empty result becomes ``fallback``. ``suffix`` (".xlsx") is kept as given.
    """
    body = _trim(_clean(stem)) or fallback
    limit = MAX_COMPONENT_BYTES - room - utf8_len(suffix)
    if folder is not None:
        # UTF-16 units of the whole path (what MAX_PATH counts), minus the NUL and a separator.
        left = MAX_PATH - 1 - utf16_len(str(folder)) - 1 - room - utf16_len(suffix)
        body = _shorten_utf16(body, max(left, 8))
    body = _trim(_shorten(body, max(limit, 8))) or fallback
    if is_reserved(body + suffix):
        base = body.split(".", 1)[0].rstrip(" ")
        body = base + "_" + body[len(base):]
    return body + suffix


def _shorten_utf16(text: str, max_units: int) -> str:
    while utf16_len(text) > max_units:
        text = text[:-1]
    return text


def name_problem(path: str | PurePath, *, room: int = 0) -> str | None:
    """Why ``path`` cannot be written as a file, in Dutch; None when its names are fine.

    Only what is certain before trying: a name (component) over 255 bytes, with ``room`` bytes
    for what storage adds beside it. The message names the part and its length.
    """
    for part in PurePath(path).parts:
        size = utf8_len(part)
        if size + room > MAX_COMPONENT_BYTES and part not in ("/", "\\"):
            shown = part if len(part) <= 60 else part[:40] + "…" + part[-15:]
            most = MAX_COMPONENT_BYTES - room
            return (f"de naam '{shown}' is te lang ({size} bytes; hoogstens {most} bytes per map- of "
                    "bestandsnaam). Kies een kortere naam")
    return None


def exists_quietly(path: Path) -> bool:
    """``path.exists()`` that answers False instead of raising (a name too long, a share gone)."""
    try:
        return Path(path).exists()
    except OSError:
        return False
