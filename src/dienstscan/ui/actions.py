"""Every menu entry of the main window, declared once, and the menu bar built from that table.

``MENUS`` lists the menus of the menu bar in their order; ``ENTRIES`` lists every command (an
``ActionSpec``) and every submenu (a ``SubmenuSpec``) with its id, Dutch text with ``&``
mnemonic, shortcut(s), menu, group, when it is enabled (a predicate on the open document, None
while no scan is open) and whether it is checkable. Within a menu the entries keep the order of
the table; a separator goes between two entries of different groups.

A callback takes one ``ActionContext`` (``ui/shell.py``): the open document, the parent widget
for its dialogs and, for the few commands that change what the window shows, the ``Shell``.
Feature modules (cycle dialogs, benchmark files, workshop, exports, report, about) hand over
such callbacks; none of them imports the main window. ``build_menus`` makes the ``QAction`` s
and ``QMenu`` s; ``MenuSet.update(doc)`` re-applies the enabled-when predicates and dynamic texts
(the main window calls it when the document, its undo stack or its baseline changes).

Adding a menu entry: one ``ActionSpec`` row in ``ENTRIES`` (where it belongs in its menu) and
its callback; ``MainWindow.action(id)`` then returns the ``QAction``.

The model is napari's ``_qt/_qapp_model/qactions`` (each action carries menu, group, keybinding
and enablement) and Picard's ``ui/mainwindow/actions.py`` (actions registered by a key).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib import import_module
from types import ModuleType
from typing import NamedTuple

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from . import benchmark_files, settings
from .document import ScanDocument
from .shell import ActionContext

Predicate = Callable[[ScanDocument | None], bool]
Shortcut = str | QKeySequence.StandardKey
S = QKeySequence.StandardKey


# --------------------------------------------------------------------------- enabled-when


def always(_doc: ScanDocument | None) -> bool:
    return True


def has_doc(doc: ScanDocument | None) -> bool:
    return doc is not None


def can_undo(doc: ScanDocument | None) -> bool:
    return doc is not None and doc.undo_stack.canUndo()


def can_redo(doc: ScanDocument | None) -> bool:
    return doc is not None and doc.undo_stack.canRedo()


def has_baseline(doc: ScanDocument | None) -> bool:
    return doc is not None and doc.baseline is not None


def _undo_text(doc: ScanDocument | None) -> str:
    stack = doc.undo_stack if doc is not None else None
    return f"&Ongedaan maken: {stack.undoText()}" if stack is not None and stack.canUndo() else "&Ongedaan maken"


def _redo_text(doc: ScanDocument | None) -> str:
    stack = doc.undo_stack if doc is not None else None
    return f"Opnie&uw: {stack.redoText()}" if stack is not None and stack.canRedo() else "Opnie&uw"


# --------------------------------------------------------------------------- the table


class MenuSpec(NamedTuple):
    """A menu of the menu bar."""

    id: str
    text: str


class ActionSpec(NamedTuple):
    """One command in a menu."""

    id: str
    text: str
    menu: str
    run: Callable[[ActionContext], object]
    group: str = ""
    shortcuts: tuple[Shortcut, ...] = ()
    tip: str = ""
    enabled_when: Predicate = always
    checkable: bool = False
    checked: bool = False
    #: The text for the current document, when it changes with it (undo/redo name the step).
    text_when: Callable[[ScanDocument | None], str] | None = None

    def key_sequences(self) -> list[QKeySequence]:
        """The shortcuts as Qt has them (a standard key as this platform binds it), without repeats."""
        out: list[QKeySequence] = []
        for shortcut in self.shortcuts:
            sequence = QKeySequence(shortcut)
            if not sequence.isEmpty() and sequence not in out:
                out.append(sequence)
        return out


class SubmenuSpec(NamedTuple):
    """A submenu inside a menu; ``fill`` (re)builds it each time it opens, for lists that change."""

    id: str
    text: str
    menu: str
    group: str = ""
    enabled_when: Predicate = always
    fill: Callable[[QMenu, ActionContext], None] | None = None


def fill_recent_menu(menu: QMenu, ctx: ActionContext) -> None:
    """Bestand > Recente bestanden: the remembered files, numbered for the keyboard."""
    menu.clear()
    files = settings.recent_files()
    if not files:
        menu.addAction("(nog geen recente bestanden)").setEnabled(False)
        return
    for n, path in enumerate(files, start=1):
        prefix = f"&{n} " if n < 10 else ""
        action = menu.addAction(f"{prefix}{path.name}")
        action.setToolTip(str(path))
        action.setStatusTip(str(path))
        action.triggered.connect(lambda _c=False, p=path: ctx.shell.open_path(p))


def _workshop(what: str, theme: str = "light") -> Callable[[ActionContext], object]:
    """Workshop mode, imported on first use (keeps openpyxl out of the start-up)."""

    def run(ctx: ActionContext) -> object:
        if ctx.doc is None:
            return None
        from . import workshop

        if what == "present":
            return workshop.start_presentation(ctx.parent, ctx.doc, theme=theme)
        if what == "make_forms":
            return workshop.make_forms(ctx.parent, ctx.doc)
        if what == "phones":
            from .live_panel import open_live_panel

            return open_live_panel(ctx.parent, ctx.doc)
        return workshop.read_forms(ctx.parent, ctx.doc)

    return run


def _later(module: str) -> ModuleType:
    """A module of ``dienstscan.ui`` imported when its command is first used: the dialogs of the
    next cycle, comparing, exporting and *Over Dienstscan* are not needed for the first window
    (and bring in the cycle package), see benchmarks/bench_startup.py."""
    return import_module(f"{__package__}.{module}")


def _manual(ctx: ActionContext) -> object:
    """Help > Handleiding (F1): the manual at the part for the page that is shown."""
    from . import help as manual  # QTextBrowser and the Markdown file: on first use

    return manual.show_help(ctx.parent, ctx.shell.current_page())


MENUS: tuple[MenuSpec, ...] = (
    MenuSpec("file", "&Bestand"),
    MenuSpec("edit", "Be&werken"),
    MenuSpec("scan", "&Scan"),  # not "&Beeld": Alt+B is Bestand
    MenuSpec("go", "&Ga naar"),
    MenuSpec("workshop", "W&orkshop"),
    MenuSpec("help", "&Help"),
)

ENTRIES: tuple[ActionSpec | SubmenuSpec, ...] = (
    # Bestand
    ActionSpec("new", "&Nieuwe scan…", "file", lambda c: c.shell.new_scan(), "open", (S.New,),
               "Een nieuwe scan beginnen"),
    ActionSpec("next_cycle", "Nieuwe scan op basis van &vorige…", "file",
               lambda c: _later("cycle_dialogs").new_scan_from_previous(c), "open",
               tip="Een nieuwe scan beginnen met de antwoorden en het plan van de vorige"),
    ActionSpec("open", "&Openen…", "file", lambda c: c.shell.open_dialog(), "open", (S.Open,),
               "Een opgeslagen scan openen"),
    SubmenuSpec("recent", "&Recente bestanden", "file", "open", fill=fill_recent_menu),
    ActionSpec("example", "Voor&beeldscan bekijken", "file", lambda c: c.shell.open_example(), "open",
               tip="Een kopie van de voorbeeldscan openen"),
    ActionSpec("save", "Op&slaan", "file", lambda c: c.shell.save(), "save", (S.Save,), "De scan opslaan",
               has_doc),
    ActionSpec("save_as", "Opslaan &als…", "file", lambda c: c.shell.save_as(), "save", ("Ctrl+Shift+S",),
               "De scan onder een andere naam opslaan", has_doc),
    SubmenuSpec("export", "&Exporteren", "file", "save", has_doc),
    ActionSpec("import_plan", "Bewerkt verbeterplan &inlezen…", "file",
               lambda c: _later("exporting").import_plan_dialog(c.parent, c.doc), "save",
               tip="Een in Excel bijgewerkt verbeterplan inlezen, met een voorbeeld vooraf", enabled_when=has_doc),
    ActionSpec("close", "Slui&ten", "file", lambda c: c.shell.close_scan(), "close", (S.Close,),
               "De scan sluiten en terug naar het startscherm", has_doc),
    ActionSpec("quit", "A&fsluiten", "file", lambda c: c.shell.quit(), "close", ("Ctrl+Q",),
               "Dienstscan afsluiten"),
    # Bestand > Exporteren
    ActionSpec("export_plan", "&Verbeterplan (Excel)…", "export",
               lambda c: _later("exporting").export_plan_dialog(c.parent, c.doc),
               tip="Het verbeterplan opslaan als Excel-werkmap", enabled_when=has_doc),
    ActionSpec("export_report", "&Rapport (PDF, Word of HTML)…", "export",
               lambda c: _later("report_dialog").export_report_dialog(c.parent, c.doc),
               tip="Het rapport voor het management opslaan", enabled_when=has_doc),
    ActionSpec("preview_report", "Afdrukvoorbeeld van het r&apport…", "export",
               lambda c: _later("report_dialog").preview_report_dialog(c.parent, c.doc), shortcuts=(S.Print,),
               tip="De pagina's van het rapport bekijken voordat u het opslaat", enabled_when=has_doc),
    # Bewerken
    ActionSpec("undo", "&Ongedaan maken", "edit", lambda c: c.doc.undo_stack.undo(), shortcuts=(S.Undo,),
               enabled_when=can_undo, text_when=_undo_text),
    ActionSpec("redo", "Opnie&uw", "edit", lambda c: c.doc.undo_stack.redo(), shortcuts=(S.Redo, "Ctrl+Y"),
               enabled_when=can_redo, text_when=_redo_text),
    ActionSpec("search", "&Zoeken in de scan…", "edit", lambda c: _later("search_dialog").show_search(c), "search",
               (S.Find,), "Zoeken in items, uitleg, notities, acties en kengetallen (op elke pagina)", has_doc),
    # Scan
    ActionSpec("compare", "&Vergelijk met eerdere scan…", "scan",
               lambda c: _later("cycle_dialogs").compare_with_earlier(c), "cycle",
               tip="Een eerdere scan kiezen; het dashboard toont wat er sindsdien veranderd is",
               enabled_when=has_doc),
    ActionSpec("clear_compare", "Vergelijking &wissen", "scan", lambda c: _later("cycle_dialogs").clear_comparison(c),
               "cycle", tip="Niet meer vergelijken met de eerdere scan", enabled_when=has_baseline),
    ActionSpec("confirm_all", "Alle antwoorden uit vorige scan &bevestigen…", "scan",
               lambda c: _later("cycle_dialogs").confirm_previous_answers(c.parent, c.doc), "cycle",
               tip="De antwoorden die uit de vorige scan zijn overgenomen bevestigen zoals ze zijn",
               enabled_when=has_doc),
    ActionSpec("extra_benchmarks", "E&xtra benchmarks…", "scan", benchmark_files.choose_extra_benchmarks,
               "benchmarks",
               tip="Benchmarkbestanden toevoegen, bijvoorbeeld die van uw regio (gemaakt met 'dienstscan benchmark')"),
    ActionSpec("clear_benchmarks", "Alleen &meegeleverde benchmarks", "scan", benchmark_files.clear_extra_benchmarks,
               "benchmarks", tip="De extra benchmarkbestanden niet meer gebruiken"),
    # Ga naar
    ActionSpec("prev", "&Vorig item", "go", lambda c: c.shell.go(-1, unanswered=False), "items", ("Ctrl+PgUp",),
               "Naar het vorige item", has_doc),
    ActionSpec("next", "Vo&lgend item", "go", lambda c: c.shell.go(1, unanswered=False), "items",
               ("Ctrl+PgDown",), "Naar het volgende item", has_doc),
    ActionSpec("prev_open", "Vorige &onbeantwoorde", "go", lambda c: c.shell.go(-1, unanswered=True), "items",
               ("Ctrl+Shift+PgUp",), "Naar het vorige item zonder (volledig) antwoord", has_doc),
    ActionSpec("next_open", "Volgende o&nbeantwoorde", "go", lambda c: c.shell.go(1, unanswered=True), "items",
               ("Ctrl+Shift+PgDown",), "Naar het volgende item zonder (volledig) antwoord", has_doc),
    ActionSpec("focus_nav", "Naar de navi&gatie", "go", lambda c: c.shell.focus_navigation(), "navigation",
               ("F6",), "De cursor naar de navigatie links (F6), nog eens F6: terug", has_doc),
    ActionSpec("nav_visible", "Navigatie &tonen", "go", lambda c: c.shell.set_navigation_visible(c.checked),
               "navigation", ("Ctrl+F6",), "De navigatie links tonen of verbergen (meer ruimte voor de pagina)",
               has_doc, checkable=True, checked=True),
    ActionSpec("zoom_in", "Tekst g&roter", "go", lambda c: _later("zoom").zoom_in(), "zoom", (S.ZoomIn, "Ctrl+="),
               "De tekst van het hele programma groter (wordt onthouden)"),
    ActionSpec("zoom_out", "Tekst &kleiner", "go", lambda c: _later("zoom").zoom_out(), "zoom", (S.ZoomOut,),
               "De tekst van het hele programma kleiner (wordt onthouden)"),
    ActionSpec("zoom_reset", "Nor&male tekstgrootte", "go", lambda c: _later("zoom").zoom_reset(), "zoom", ("Ctrl+0",),
               "De tekst weer op de grootte van het systeem"),
    # Workshop
    ActionSpec("present", "&Presentatiemodus", "workshop", _workshop("present", "light"), "present", ("F5",),
               "Eén item tegelijk op de beamer, bediend met toetsen of een presentatieklikker", has_doc),
    ActionSpec("present_dark", "Presentatiemodus, &donker", "workshop", _workshop("present", "dark"), "present",
               ("Shift+F5",), "De presentatiemodus met lichte tekst op een donkere achtergrond", has_doc),
    ActionSpec("make_forms", "Deelnemersformulieren &maken…", "workshop", _workshop("make_forms"), "present",
               tip="Per deelnemer een Excel-formulier om vooraf alleen in te vullen", enabled_when=has_doc),
    ActionSpec("read_forms", "Deelnemersformulieren &inlezen…", "workshop", _workshop("read_forms"), "present",
               tip="Ingevulde formulieren inlezen: spreiding per item, meeste verschil eerst", enabled_when=has_doc),
    ActionSpec("phones", "Deelnemers via &telefoon…", "workshop", _workshop("phones"), "present",
               tip="Iedereen antwoordt op de eigen telefoon via het wifi-netwerk van deze laptop: QR-code, adres "
                   "en code om te typen", enabled_when=has_doc),
    # Help
    ActionSpec("manual", "&Handleiding", "help", _manual, "manual", ("F1",),
               "De handleiding, geopend bij het deel over deze pagina"),
    ActionSpec("about", "&Over Dienstscan", "help", lambda c: _later("about").show_about(c.parent, c.shell.checklists),
               "about"),
)


# --------------------------------------------------------------------------- building


class MenuSet:
    """The built menus and actions by id; ``update(doc)`` applies the enabled-when predicates."""

    def __init__(self, specs: Sequence[ActionSpec | SubmenuSpec]) -> None:
        self.specs = {spec.id: spec for spec in specs}
        self.actions: dict[str, QAction] = {}
        self.menus: dict[str, QMenu] = {}

    def update(self, doc: ScanDocument | None) -> None:
        for spec in self.specs.values():
            if isinstance(spec, ActionSpec):
                action = self.actions[spec.id]
                action.setEnabled(spec.enabled_when(doc))
                if spec.text_when is not None:
                    action.setText(spec.text_when(doc))
            else:
                menu = self.menus[spec.id]
                menu.menuAction().setEnabled(spec.enabled_when(doc) and (spec.fill is not None or not menu.isEmpty()))


def build_menus(bar: QMenuBar, owner: QWidget, context: Callable[[bool], ActionContext],
                menus: Sequence[MenuSpec] = MENUS,
                entries: Sequence[ActionSpec | SubmenuSpec] = ENTRIES) -> MenuSet:
    """Fill ``bar`` from the table; ``context(checked)`` gives a callback its ``ActionContext``.

    The actions are also added to ``owner``, so their shortcuts work with the menu bar hidden.
    """
    ids = [m.id for m in menus] + [e.id for e in entries]
    if len(ids) != len(set(ids)):
        raise ValueError(f"dubbele id in de menutabel: {sorted({i for i in ids if ids.count(i) > 1})}")
    built = MenuSet(entries)
    for spec in menus:
        built.menus[spec.id] = bar.addMenu(spec.text)
    last_group: dict[str, str] = {}
    for spec in entries:
        parent = built.menus.get(spec.menu)
        if parent is None:
            raise ValueError(f"'{spec.id}' staat in een onbekend menu '{spec.menu}' (eerst het menu declareren)")
        if spec.menu in last_group and last_group[spec.menu] != spec.group:
            parent.addSeparator()
        last_group[spec.menu] = spec.group
        if isinstance(spec, SubmenuSpec):
            submenu = parent.addMenu(spec.text)
            if spec.fill is not None:
                submenu.aboutToShow.connect(lambda m=submenu, f=spec.fill: f(m, context(False)))
            built.menus[spec.id] = submenu
            continue
        action = QAction(spec.text, owner)
        action.setObjectName(f"action-{spec.id}")
        sequences = spec.key_sequences()
        if sequences:
            action.setShortcuts(sequences)
        if spec.tip:
            action.setStatusTip(spec.tip)
            action.setToolTip(spec.tip)
        if spec.checkable:
            action.setCheckable(True)
            action.setChecked(spec.checked)
        action.triggered.connect(lambda checked=False, run=spec.run: run(context(checked)))
        owner.addAction(action)
        parent.addAction(action)
        built.actions[spec.id] = action
    return built
