"""A live session's identity, kept in the scan: the same QR code after a restart, and no phone counted twice.

``new_identity()`` makes the secret of the address (128 bits), the short code to type and the key
of the phones' hashes; the receiver keeps it in ``Assessment.live_session`` so the recovery copy
and the saved scan hold it. A server started on the same scan again (after a crash, or the next
day) takes the identity from there: same address, same QR code, the phones reconnect by
themselves. Each phone's answers are kept under ``phone_key(key, device id)`` (a keyed BLAKE2b
hash: the scan never holds a device id), so a phone that comes back finds its own answers and a
re-answer replaces its earlier one (issue 25).

``record_phone_answer(identity, change)`` is the one rule that keeps that map up to date; the
receivers call it beside ``content.apply_change`` (see ``apply_to_scan``). No Qt, no I/O.
"""

from __future__ import annotations

import hashlib
import secrets

from ..model import INDIVIDUAL_ROUND_LABELS, INDIVIDUAL_ROUNDS, Assessment, LiveIdentity, PhoneAnswer
from .content import AnswerChange, apply_change

#: Letters of the short code: no 0/O, 1/I/L, so it can be read from a projector and typed.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6


def new_identity() -> LiveIdentity:
    """A fresh identity: random secret (128 bits), short code and hash key."""
    return LiveIdentity(secret=secrets.token_urlsafe(16),
                        code="".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH)),
                        key=secrets.token_hex(32))


def renew_identity(assessment: Assessment) -> LiveIdentity:
    """"Nieuwe code": a fresh secret, short code and hash key for the scan's sessions from now on.

    The old address, QR code and typed code stop working for good (nothing keeps them), and so
    do the phones' device tokens (derived from the old key). The answers already in the scan
    (``Answer.individual``, notes, polls) stay as they are; the kept answers per phone are dropped,
    since no phone can be recognised under the new key: a phone that joins again counts as a new
    participant. The port stays (the new QR code tries it first). Call it while no session runs.
    """
    fresh = new_identity()
    if assessment.live_session is not None:
        fresh.port = assessment.live_session.port
    assessment.live_session = fresh
    return fresh


def phone_key(key: str, device: str) -> str:
    """The keyed hash under which a phone's answers are kept (hex; the device id is not recoverable)."""
    return hashlib.blake2b(device.encode("utf-8"), key=bytes.fromhex(key), digest_size=16).hexdigest()


def restored_answers(identity: LiveIdentity) -> dict[str, dict[str, dict[str, dict[str, str | None]]]]:
    """Plain copies of every phone's kept answers (hash -> round -> item -> values), for the server thread."""
    return {phone: {round_: {item: answer.model_dump() for item, answer in items.items()}
                    for round_, items in rounds.items()}
            for phone, rounds in identity.phones.items()}


def record_phone_answer(identity: LiveIdentity, change: AnswerChange) -> None:
    """Keep the phone's current answer of ``change`` (an answer with nothing left is dropped)."""
    if not change.phone or change.current is None:
        return
    rounds = identity.phones.setdefault(change.phone, {})
    items = rounds.setdefault(change.round, {})
    current = PhoneAnswer(**change.current)
    if current == PhoneAnswer():
        items.pop(change.item_id, None)
    else:
        items[change.item_id] = current


def apply_to_scan(assessment: Assessment, change: AnswerChange) -> None:
    """Put a phone's accepted change into the scan: the item's answers and the phone's kept answer."""
    if not change.is_empty():
        assessment.answers[change.item_id] = apply_change(assessment.answers.get(change.item_id), change)
    if assessment.live_session is not None:
        record_phone_answer(assessment.live_session, change)


#: The rounds of individual answers, in the order the reveal shows them.
ROUNDS = INDIVIDUAL_ROUNDS
ROUND_LABELS = INDIVIDUAL_ROUND_LABELS


def answers_by_round(assessment: Assessment, item_id: str) -> dict[str, list[str]]:
    """The item's individual answers per round (``Answer.individual``: each answer carries its
    round, one per person per round), in workshop order; rounds without answers are left out."""
    answer = assessment.answers.get(item_id)
    return dict(answer.individual_rounds()) if answer else {}
