"""Screenshots of Dienstscan made from the application itself (offscreen, ``QWidget.grab()``).

    .venv/bin/python tools/make_help_screenshots.py            # refresh assets/help/*.png
    .venv/bin/python tools/make_help_screenshots.py --review /tmp/pages   # every page, two sizes

The first form refreshes the pictures the manual (``assets/help/handleiding.md``) shows; run it
after a change to a page and commit the PNGs. The second grabs every page at 1366x768 and
1920x1080, with the example scan and with an empty new scan, to look at before a release: no
cut-off control, no sideways scrolling, the navigation in view.

Runs on Qt's offscreen platform, so it needs no display; settings and recovery copies go to a
temporary folder, never the user's own.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["DIENSTSCAN_NO_SETTINGS"] = "1"
os.environ.setdefault("DIENSTSCAN_DATA_DIR", tempfile.mkdtemp(prefix="dienstscan-shots-"))

from PySide6.QtCore import QEvent  # noqa: E402 - after the platform is chosen
from PySide6.QtWidgets import QApplication  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
HELP_DIR = ROOT / "assets" / "help"

#: (file name, scan "example"/"empty", node id to open, width, height) for the manual.
HELP_SHOTS = [
    ("start.png", None, None, 1366, 768),
    ("item.png", "empty", "first-item", 1366, 768),
    ("dashboard.png", "example", "dashboard", 1366, 768),
    ("kengetallen.png", "example", "kengetallen", 1366, 768),
    ("verbeterplan.png", "example", "verbeterplan", 1366, 768),
]
#: The action the plan page's picture shows in its form: a decided proposal, so the manual shows
#: the Besluit group with who decided and when.
PLAN_SHOT_ACTION = "V-5B-1.01"

SIZES = [(1366, 768), (1920, 1080)]
#: Beside the pictures: the counts each one shows (checked by the tests).
COUNTS_FILE = "screenshots.json"


def empty_assessment(checklists):
    """A new scan exactly as the wizard makes it (a gemeente, its frameworks), with no answers."""
    from dienstscan.ui.new_scan import NewScanWizard

    wizard = NewScanWizard(checklists)
    wizard.fill(name="Gemeente Bergen", inhabitants=30_000, participants="A. de Vries - projectleider")
    assessment = wizard.assessment()
    wizard.deleteLater()
    return assessment


def open_scan(window, which: str | None) -> None:
    from dienstscan.ui import dialogs
    from dienstscan.ui.document import ScanDocument

    dialogs.show_info = lambda *a: None  # no 'let op' box over the page
    if which == "example":
        window.open_example()
    elif which == "empty":
        window.set_document(ScanDocument(window.checklists, empty_assessment(window.checklists), None, unsaved=True))


def close_quietly(window) -> None:
    """Close the open scan without the 'save changes?' question (nothing here is worth saving)."""
    if window.doc is not None:
        window.doc.undo_stack.setClean()
        window.doc._unsaved_outside_stack = False
        window.maybe_close_document()


def longest_items(checklists) -> list[str]:
    """Per framework the item with the most text: the hardest one to fit on a screen."""
    ids = []
    for fw in checklists.frameworks:
        items = fw.all_items()
        if items:
            longest = max(items, key=lambda i: len(i.text) + len(i.right) + len(i.duty) + len(i.explanation))
            ids.append(longest.id)
    return ids


def problems(window) -> list[str]:
    """What a screenshot must not show: counts that are not the scan's (the tree's column, the
    status bar, as scoring counts them now) and answer buttons outside their row or on top of
    each other (the stray box of issue 28). Empty when the window is right to photograph."""
    found: list[str] = []
    doc = window.doc
    if doc is None:
        return found
    from dienstscan.scoring import node_counts
    from dienstscan.ui.navigation import counts_short

    counts = node_counts(doc.checklists, doc.assessment)
    tree = window.workspace.tree
    for fw in doc.checklists.frameworks:
        node = tree._nodes.get(("framework", fw.id))
        c = counts.get(fw.id)
        if node is None or c is None or c.out_of_scope:
            continue
        if not node.text(1).startswith(counts_short(c)):
            found.append(f"{fw.id}: de boom toont {node.text(1)!r}, de scan telt {counts_short(c)!r}")
    in_scope = [counts[f] for f in doc.assessment.frameworks if f in counts]
    expected = f"{sum(c.answered for c in in_scope)} van {sum(c.total for c in in_scope)} beantwoord"
    if not window.status.counts.text().startswith(expected):
        found.append(f"statusbalk: {window.status.counts.text()!r}, de scan telt {expected!r}")
    page = window.workspace._item_page
    if page is not None and page.isVisible():
        row = page.buttons_row.geometry()
        buttons = [b for b in page.answer_box.findChildren(type(page.clear_button)) if b.isVisible()
                   and b is not page.clear_button]
        if sorted(map(id, buttons)) != sorted(map(id, page.group.buttons())):
            found.append(f"itempagina: {len(buttons)} zichtbare antwoordknoppen, {len(page.group.buttons())} antwoorden")
        for button in buttons:
            if not row.contains(button.geometry()):
                found.append(f"itempagina: knop {button.text()!r} buiten de rij van antwoorden")
        for n, a in enumerate(buttons):
            for b in buttons[n + 1:]:
                if a.geometry().intersects(b.geometry()):
                    found.append(f"itempagina: knoppen {a.text()!r} en {b.text()!r} over elkaar")
    return found


def grab(app, window, node: str | None, size: tuple[int, int], target: Path) -> Path:
    window.resize(*size)
    if node == "first-item":
        window.workspace.navigate(window.workspace.tree.item_order()[0])
    elif node is not None:
        window.navigate(node)
    if node == "verbeterplan" and window.doc is not None and window.doc.assessment.action(PLAN_SHOT_ACTION):
        window.workspace.page("verbeterplan").select([PLAN_SHOT_ACTION], PLAN_SHOT_ACTION)
    for _ in range(3):  # layouts settle over a few passes (wrapped labels change their height)
        app.processEvents()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)  # as the event loop would
    wrong = problems(window)
    if wrong:
        raise RuntimeError(f"{target.name}: " + "; ".join(wrong))
    target.parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(target))
    return target


def shown_counts(window) -> dict[str, str]:
    """The counts a screenshot shows: the tree's column per framework and the status bar."""
    if window.doc is None:
        return {}
    tree = window.workspace.tree
    shown = {fw.id: node.text(1) for fw in window.doc.checklists.frameworks
             if (node := tree._nodes.get(("framework", fw.id))) is not None}
    shown["statusbalk"] = window.status.counts.text()
    return shown


def help_shots(app, window, folder: Path) -> dict[str, dict[str, str]]:
    """The manual's screenshots (``HELP_SHOTS``) into ``folder``, and ``COUNTS_FILE`` there with
    the counts each shows; RuntimeError when one shows what it must not (``problems``).

    The tests make them again from the shipped example and compare those counts with the file
    committed beside the pictures: pictures made before the checklists or the example changed
    fail there (issue 28: the manual showed 26/26 and 76 items long after both had changed).
    """
    counts = {}
    for name, scan, node, width, height in HELP_SHOTS:
        close_quietly(window)
        if scan is not None:
            open_scan(window, scan)
        grab(app, window, node, (width, height), folder / name)
        counts[name] = shown_counts(window)
    close_quietly(window)
    (folder / COUNTS_FILE).write_text(json.dumps(counts, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                      encoding="utf-8")
    return counts


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--review", metavar="MAP", help="elke pagina in twee formaten in deze map, om te bekijken")
    parser.add_argument("--map", metavar="MAP", help="de plaatjes van de handleiding hier in plaats van assets/help")
    args = parser.parse_args(argv[1:])

    from dienstscan.ui.app import build_window, create_application

    app = create_application(argv[:1])
    window = build_window()
    if window is None:
        return 1
    window.show()
    made: list[Path] = []
    if not args.review:
        folder = Path(args.map) if args.map else HELP_DIR
        made = [folder / name for name, *_ in HELP_SHOTS] + [folder / COUNTS_FILE]
        help_shots(app, window, folder)
    else:
        out = Path(args.review)
        for width, height in SIZES:
            made.append(grab(app, window, None, (width, height), out / f"{width}x{height}-start.png"))
        for scan in ("example", "empty"):
            close_quietly(window)
            open_scan(window, scan)
            workspace = window.workspace
            nodes = ["first-item", *workspace.specs]
            checklists = window.checklists
            for fw in checklists.frameworks:
                nodes.append(fw.id)
                if fw.sections:
                    nodes.append(fw.sections[0].id)
            nodes += longest_items(checklists)
            for width, height in SIZES:
                for node in nodes:
                    made.append(grab(app, window, node, (width, height), out / f"{width}x{height}-{scan}-{node}.png"))
    for path in made:
        print(path)
    close_quietly(window)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
