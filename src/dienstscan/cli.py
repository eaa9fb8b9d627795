"""Command line: ``dienstscan [gui] | validate | score | export | import-plan | demo``.

Every command prints Dutch messages and returns exit code 0 (ok) or 1 (a problem the user can
fix, already explained). No Qt here: the GUI is imported only when it is started.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__


class UserError(Exception):
    """A problem with the user's input, already phrased in Dutch for the user."""


def _cmd_validate(args: argparse.Namespace) -> int:
    from .checklists import ChecklistError, default_checklist_dir, describe, load_checklists

    folder = Path(args.map) if args.map else default_checklist_dir()
    try:
        checklists = load_checklists(folder)
    except ChecklistError as exc:
        print(f"De checklists in {folder} bevatten {len(exc.problems)} fout(en):", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(describe(checklists, folder))
    return 0


def _start_gui(scan: Path | None = None, *, demo: bool = False) -> int:
    from .ui.app import run  # Qt is imported only here

    return run(scan=scan, demo=demo)


def _cmd_gui(args: argparse.Namespace) -> int:
    return _start_gui(Path(args.scan) if args.scan else None)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dienstscan",
        description="Dienstscan: meet de volwassenheid van uw publieke dienstverlening en maak een verbeterplan.",
    )
    parser.add_argument("--version", action="version", version=f"Dienstscan {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="opdracht")

    p = sub.add_parser("gui", help="start de toepassing (standaard zonder opdracht)")
    p.add_argument("scan", nargs="?", help="een .dienstscan-bestand om te openen")
    p.set_defaults(func=_cmd_gui)

    p = sub.add_parser("validate", help="controleer de checklists (meegeleverd of een eigen map)")
    p.add_argument("map", nargs="?", help="map met checklist-bestanden (.yaml); standaard de meegeleverde")
    p.set_defaults(func=_cmd_validate)

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        return _start_gui()
    try:
        return int(args.func(args) or 0)
    except UserError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def gui_main() -> int:
    """Entry point of the ``dienstscan-gui`` script (no console window on Windows)."""
    return main(["gui", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
