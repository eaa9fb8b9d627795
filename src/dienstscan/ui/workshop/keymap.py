"""The keys of the presentation window as data: one table drives the key handling and the help.

Each ``Binding`` names its keys (Qt's portable key names, as ``QKeySequence`` reads them), the
Dutch description the help overlay shows, the handler (the name of a ``key_*`` method of
``PresentationWindow``, called with the key that matched) and when it applies:

- ``"anywhere"``: also while an overlay is open (undo and redo);
- ``"main"``: no overlay open, on an item or on the closing screen;
- ``"item"``: no overlay open and an item shown;
- the name of an overlay (``"blank"``, ``"help"``, ``"overview"``, ``"round"``, ``"editor"``):
  while that overlay is open. An open overlay takes every key; what it does not bind is ignored.

The help overlay (F1) lists the bindings of ``HELP_CONTEXTS``; each overlay shows its own
bindings as a hint line (``hint``). qutebrowser keeps its bindings the same way
(``config/configdata.yml``) and generates its help from them.

A key matches exactly (key and modifiers) first; failing that, without Shift (Shift+J is a vote
too, and "?" is Shift+/ on most keyboards), and a one-character key also by the text typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence

#: The contexts whose bindings the help overlay lists, in this order.
HELP_CONTEXTS = ("main", "item", "anywhere")

#: How a key is shown (the rest as Qt names it: "F1", "Esc", "Shift+E").
_SHOWN = {"PgDown": "PageDown", "PgUp": "PageUp", "Right": "→", "Left": "←", "Up": "↑", "Down": "↓",
          "Space": "spatie", ".": "punt", "Return": "Enter", "Enter": "Enter", "Del": "Delete",
          "Ctrl+Return": "Ctrl+Enter", "Ctrl+Enter": "Ctrl+Enter"}

_NO_MODIFIER = Qt.KeyboardModifier.NoModifier
_SHIFT = Qt.KeyboardModifier.ShiftModifier


@dataclass(frozen=True)
class Binding:
    keys: tuple[str, ...]
    description: str
    handler: str
    when: str
    #: How the help shows the keys, when not simply each key in turn ("1 … 9").
    shown: str = ""

    @property
    def label(self) -> str:
        if self.shown:
            return self.shown
        names: list[str] = []
        for key in self.keys:
            name = _SHOWN.get(key, key)
            if name not in names:
                names.append(name)
        return " · ".join(names)

    @cached_property
    def combinations(self) -> tuple[tuple[str, Qt.Key, Qt.KeyboardModifier], ...]:
        """(key as written, Qt key, modifiers) for each key."""
        out = []
        for key in self.keys:
            combination = QKeySequence(key)[0]
            out.append((key, combination.key(), combination.keyboardModifiers()))
        return tuple(out)


_DIGITS = tuple(str(n) for n in range(1, 10))

KEYMAP: tuple[Binding, ...] = (
    Binding(("PgDown", "Right", "Space", "Down"), "volgend item (na het laatste: het slotscherm)", "key_next", "main"),
    Binding(("PgUp", "Left", "Up"), "vorig item", "key_previous", "main"),
    Binding(("Home",), "eerste item", "key_first", "main"),
    Binding(("End",), "slotscherm met scores en acties", "key_closing", "main"),
    Binding(_DIGITS, "het antwoord van de groep vastleggen", "key_choose", "item", shown="1 … 9"),
    Binding(("J", "T", "N"), "een stem Ja · Twijfel · Nee voor het draagvlak", "key_vote", "item"),
    Binding(("Backspace",), "de laatste stem terugnemen", "key_take_back_vote", "item"),
    Binding(("E",), "uitleg live typen (Esc of Ctrl+Enter: klaar, F2: naar de notities)", "key_explanation", "item"),
    Binding(("Shift+E",), "notities live typen", "key_notes", "item"),
    Binding(("R",), "snelle ronde: ieders antwoord anoniem met de cijfertoetsen (Enter: klaar)", "key_round", "item"),
    Binding(("V",), "volgorde: meeste verschil eerst ↔ volgorde van de checklist", "key_order", "item"),
    Binding(("S",), "overzicht van het onderdeel", "key_overview", "item"),
    Binding(("B", "."), "scherm zwart (nog eens: terug)", "key_blank", "main"),
    Binding(("L",), "telefoons: iedereen antwoordt op de eigen telefoon (QR-code en adres op het scherm)", "key_live",
            "main"),
    Binding(("O",), "telefoons: de spreiding en de stemmen onthullen (nog eens: verbergen)", "key_reveal", "item"),
    Binding(("Q",), "telefoons: de QR-code groot tonen (nog eens: klein)", "key_qr", "main"),
    Binding(("K",), "opmerkingen van deelnemers bij dit item tonen (nog eens: verbergen)", "key_comments", "item"),
    Binding(("Ctrl+Z",), "ongedaan maken", "key_undo", "anywhere"),
    Binding(("Ctrl+Y", "Ctrl+Shift+Z"), "opnieuw", "key_redo", "anywhere"),
    Binding(("F1", "?"), "deze hulp", "key_help", "main"),
    Binding(("Esc",), "presentatie verlaten", "key_leave", "main"),
    # while an overlay is open
    Binding(("B", ".", "Esc"), "terug naar het beeld", "key_close", "blank"),
    Binding(("F1", "?", "Esc"), "hulp sluiten", "key_close", "help"),
    Binding(("S", "Esc"), "overzicht sluiten", "key_close", "overview"),
    Binding(_DIGITS, "antwoord van de volgende deelnemer", "key_answer", "round", shown="1 … 9"),
    Binding(("Backspace",), "laatste terug", "key_take_back", "round"),
    Binding(("Del",), "eerdere individuele antwoorden wissen", "key_clear", "round"),
    Binding(("Return", "Enter", "R", "Esc"), "ronde klaar", "key_done", "round"),
    Binding(("Esc", "Ctrl+Return", "Ctrl+Enter"), "klaar", "key_done", "editor"),
    Binding(("F2",), "uitleg ↔ notities", "key_switch", "editor"),
)


def bindings(*contexts: str) -> list[Binding]:
    """The bindings that apply in ``contexts``, in table order."""
    return [b for b in KEYMAP if b.when in contexts]


def help_rows() -> list[tuple[str, str]]:
    """(keys, description) as the help overlay lists them."""
    return [(b.label, b.description) for context in HELP_CONTEXTS for b in bindings(context)]


def hint(context: str) -> str:
    """One line with the keys of an overlay: "S · Esc: overzicht sluiten"."""
    return " · ".join(f"{b.label}: {b.description}" for b in bindings(context))


def find(event: QKeyEvent, contexts: tuple[str, ...]) -> tuple[Binding, str] | None:
    """The binding (and which of its keys) that ``event`` presses in ``contexts``, or None."""
    try:
        key = Qt.Key(event.key())
    except ValueError:  # a key Qt has no name for
        return None
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    candidates = bindings(*contexts)
    for binding in candidates:
        for name, bound_key, bound_mods in binding.combinations:
            if bound_key == key and bound_mods == mods:
                return binding, name
    text = event.text()
    unshifted = mods & ~_SHIFT
    for binding in candidates:
        for name, bound_key, bound_mods in binding.combinations:
            if bound_mods != _NO_MODIFIER:
                continue
            if (bound_key == key and unshifted == _NO_MODIFIER) or (len(name) == 1 and text == name):
                return binding, name
    return None
