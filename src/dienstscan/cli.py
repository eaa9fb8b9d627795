"""Command line: ``dienstscan [gui] | validate | score | export | import-plan | demo``, for the
next cycle ``next-cycle | compare | benchmark | rank``, and for workshops ``formulieren |
formulieren-inlezen | sessie`` (phones answer over the local network).

Every command prints Dutch messages and returns exit code 0 (ok) or 1 (a problem the user can
fix, already explained). No Qt here: the GUI is imported only when it is started.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from . import __version__
from .resources import EXAMPLE_SCAN_NAME, example_scan_path


class UserError(Exception):
    """A problem with the user's input, already phrased in Dutch for the user."""


def _output_path(text: str, what: str = "", *, scan: bool = False) -> Path:
    """A path given to write to, checked before any look at the disk: a name over 255 bytes
    gets a Dutch refusal instead of the file system's English "File name too long". A ``scan``
    leaves room for its lock and backup files beside it."""
    from .storage.filenames import COMPANION_ROOM, name_problem

    path = Path(text)
    problem = name_problem(path, room=COMPANION_ROOM if scan else 0)
    if problem:
        raise UserError(f"kan {what or 'het bestand'} niet schrijven: {problem}")
    return path


def _text_arg(text: str, what: str, max_length: int = 200) -> str:
    """A name typed on the command line, stripped; refused when it holds a line break or another
    control character (it ends up in files that must load again) or is absurdly long."""
    text = text.strip()
    if any(not ch.isprintable() for ch in text):
        raise UserError(f"{what} mag geen regeleinden, tabs of andere stuurtekens bevatten")
    if len(text) > max_length:
        raise UserError(f"{what} is te lang ({len(text)} tekens; hoogstens {max_length})")
    return text


def _cmd_validate(args: argparse.Namespace) -> int:
    from .checklists import ChecklistError, default_checklist_dir, describe, load_checklists

    folder = Path(args.map) if args.map else default_checklist_dir()
    try:
        checklists = load_checklists(folder)
    except ChecklistError as exc:
        count = len(exc.problems)
        print(f"De checklists in {folder} bevatten {count} {'fout' if count == 1 else 'fouten'}:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(describe(checklists, folder))
    from .checklists.currency import content_warnings

    warnings = content_warnings(checklists)
    if warnings:
        print(f"\n{len(warnings)} {'waarschuwing' if len(warnings) == 1 else 'waarschuwingen'} (geen fouten):")
        for warning in warnings:
            print(f"  Waarschuwing: {warning}")
    return 0


def _score_text(scan_path: Path, checklist_dir: str | None, as_json: bool,
                extra_benchmarks: Sequence[str] = ()) -> str:
    """The score report of a scan file: a Dutch table or JSON (the same numbers)."""
    from .checklists import ChecklistError, default_checklist_dir, load_checklists
    from .cli_tables import format_report
    from .scoring import report_json, score
    from .storage import check_against_checklists

    folder = Path(checklist_dir) if checklist_dir else default_checklist_dir()
    try:
        checklists = load_checklists(folder, extra_benchmarks=[Path(b) for b in extra_benchmarks])
    except ChecklistError as exc:
        problems = "\n".join(f"  {p}" for p in exc.problems)
        raise UserError(f"de checklists in {folder} bevatten fouten:\n{problems}") from None
    assessment = _load_one(scan_path, checklists)
    report = score(checklists, assessment)
    if as_json:
        return report_json(report, indent=2) + "\n"
    text = format_report(report)
    notes = check_against_checklists(assessment, checklists)
    if notes:
        text += "\nLet op, de scan past niet helemaal bij de checklists:\n" + "".join(f"  {n}\n" for n in notes)
    return text


def _cmd_score(args: argparse.Namespace) -> int:
    sys.stdout.write(_score_text(Path(args.scan), args.checklists, args.json, args.benchmarks or ()))
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    example = example_scan_path()
    if not example.is_file():
        raise UserError(f"de voorbeeldscan ontbreekt: {example} (maak hem met examples/make_example.py)")
    if not args.tekst:
        # the GUI opens a copy of the example in memory: saving asks where, the example stays as it is
        return _start_gui(demo=True)
    # --tekst: print the scores of a copy (the copy keeps the shipped example untouched)
    import shutil
    import tempfile

    copy = Path(tempfile.mkdtemp(prefix="dienstscan-demo-")) / EXAMPLE_SCAN_NAME
    shutil.copyfile(example, copy)
    text = _score_text(copy, None, False)
    print(f"Voorbeeldscan gekopieerd naar {copy}\n")
    sys.stdout.write(text)
    return 0


def _load_for_plan(scan_path: Path, checklist_dir: str | None, extra_benchmarks: Sequence[str] | None = None):
    """Checklists (with any extra benchmark files) and scan for ``export``, ``report`` and
    ``import-plan``, with Dutch errors; the scan opened as the application opens it (plan proposed)."""
    from .checklists import ChecklistError, default_checklist_dir, load_checklists

    folder = Path(checklist_dir) if checklist_dir else default_checklist_dir()
    try:
        checklists = load_checklists(folder, extra_benchmarks=[Path(b) for b in extra_benchmarks or ()])
    except ChecklistError as exc:
        problems = "\n".join(f"  {p}" for p in exc.problems)
        raise UserError(f"de checklists in {folder} bevatten fouten:\n{problems}") from None
    return checklists, _load_one(scan_path, checklists)


def _cmd_export(args: argparse.Namespace) -> int:
    from .operations import export_plan
    from .storage import SaveError

    scan_path = Path(args.scan)
    checklists, assessment = _load_for_plan(scan_path, args.checklists, args.benchmarks)
    baseline = _load_one(Path(args.basis), checklists) if args.basis else None
    if args.output:
        out = _output_path(args.output)
    else:  # beside the scan; a long scan name is shortened so the plan's name still fits
        from .storage.filenames import safe_file_name

        out = scan_path.with_name(safe_file_name(scan_path.stem, "-verbeterplan.xlsx", folder=scan_path.parent))
    if out.suffix.lower() != ".xlsx":
        raise UserError(f"{out.name}: kies een bestandsnaam die eindigt op .xlsx")
    if not out.parent.is_dir():
        raise UserError(f"kan {out} niet schrijven: de map {out.parent} bestaat niet")
    try:
        export_plan(checklists, assessment, out, baseline=baseline)
    except SaveError as exc:
        raise UserError(str(exc)) from None
    print(f"Verbeterplan geschreven naar {out}")
    return 0


REPORT_SUFFIXES = (".pdf", ".html", ".htm", ".docx")


def _cmd_report(args: argparse.Namespace) -> int:
    from .storage import SaveError

    scan_path = Path(args.scan)
    out = _output_path(args.output)
    suffix = out.suffix.lower()
    if suffix not in REPORT_SUFFIXES:
        raise UserError(f"{out.name}: kies een bestandsnaam die eindigt op .pdf, .html of .docx")
    if args.archief and suffix != ".pdf":
        raise UserError(f"{out.name}: --archief geldt alleen voor een PDF-rapport (.pdf)")
    checklists, assessment = _load_for_plan(scan_path, args.checklists, args.benchmarks)
    baseline = _load_one(Path(args.basis), checklists) if args.basis else None
    if not out.parent.is_dir():
        raise UserError(f"kan {out} niet schrijven: de map {out.parent} bestaat niet")
    from .operations import ReportFormatError, write_report

    def qt_pdf(*args, **kwargs):  # only where WeasyPrint or Pango cannot load: Qt's untagged print
        from .ui.pdf import write_report_pdf

        return write_report_pdf(*args, **kwargs)

    svg_to_png = None
    if suffix == ".docx":
        try:  # the chart as a picture needs Qt; without it the score table stands alone
            from .ui.pdf import svg_to_png
        except ImportError:
            svg_to_png = None
    try:
        write_report(checklists, assessment, out, baseline=baseline, archive=args.archief, pdf_writer=qt_pdf,
                     chart_png=svg_to_png)
    except (SaveError, ReportFormatError) as exc:
        raise UserError(str(exc)) from None
    print(f"Rapport geschreven naar {out}")
    return 0


#: The option with which a command takes over a lock the user knows to be abandoned.
TAKE_OVER = "--overnemen"


def _locked_message(path: Path, exc: Exception) -> str:
    from .storage import lock_path

    owner = getattr(exc, "owner", None)
    if owner is None:
        return (f"{exc} De scan is niet gewijzigd. Weet u zeker dat de scan nergens anders open is, geef dan "
                f"{TAKE_OVER} om de vergrendeling over te nemen.")
    return (f"{path.name} is geopend door {owner.describe()}. Zolang de scan daar open is, schrijft deze "
            "opdracht er niet in: de een zou het werk van de ander overschrijven. Sluit de scan daar en probeer "
            f"het opnieuw. Is daar niets meer open (bijvoorbeeld na een vastgelopen computer), geef dan "
            f"{TAKE_OVER} om de vergrendeling ('{lock_path(path)}') over te nemen. De scan is niet gewijzigd.")


def _acquire(path: Path, take_over: bool):
    """The lock of a scan this command writes, as the GUI takes it; ``UserError`` while in use."""
    from .storage import ScanFileError, ScanLockedError, acquire_lock

    try:
        lock = acquire_lock(path, force=take_over)
    except ScanLockedError as exc:
        raise UserError(_locked_message(path, exc)) from None
    except ScanFileError as exc:
        raise UserError(f"{exc} De scan is niet gewijzigd.") from None
    if lock.note:
        print(f"Let op: {lock.note}", file=sys.stderr)
    return lock


def _name_recovery_copies(path: Path) -> None:
    """Say which recovery copies of ``path`` exist before this command writes it (they stay)."""
    from .storage import recoveries_for

    copies = recoveries_for(path) if path.exists() else []
    for copy in copies:
        print(f"Let op: er is niet-opgeslagen werk aan deze scan in een {copy.describe()}.", file=sys.stderr)
    if copies:
        print("Deze opdracht laat die kopie staan. Dienstscan biedt haar bij de volgende start aan, als aparte "
              "scan naast het bestand dat deze opdracht schrijft.", file=sys.stderr)


@contextmanager
def _scan_lock(path: Path, take_over: bool = False) -> Iterator[None]:
    """Hold the lock of a scan this command writes, as the GUI does; refuse while another has it open,
    and name the recovery copies of that scan before anything is written."""
    lock = _acquire(path, take_over)
    with lock:
        _name_recovery_copies(path)
        yield


def _cmd_import_plan(args: argparse.Namespace) -> int:
    with _scan_lock(Path(args.scan), args.overnemen):
        return _import_plan(args)


def _import_plan(args: argparse.Namespace) -> int:
    from .export.excel_plan import PlanFileError, read_plan
    from .operations import import_plan
    from .storage import ScanFileError, save_scan

    scan_path = Path(args.scan)
    checklists, assessment = _load_for_plan(scan_path, args.checklists)
    try:
        plan = read_plan(Path(args.plan), assessment, checklists)
    except PlanFileError as exc:
        raise UserError(str(exc)) from None
    print(plan.describe())
    if not plan.ok:
        print("De scan is niet gewijzigd.", file=sys.stderr)
        return 1
    if not plan.has_changes:
        return 0
    if not args.ja:
        try:
            answer = input(f"Wijzigingen overnemen in {scan_path.name}? [j/N] ")
        except EOFError:
            answer = ""
        if answer.strip().lower() not in {"j", "ja", "y", "yes"}:
            print("Niets overgenomen.")
            return 1
    try:
        import_plan(checklists, assessment, plan)
        save_scan(assessment, scan_path)
    except (PlanFileError, ScanFileError) as exc:
        raise UserError(str(exc)) from None
    print(f"Overgenomen in {scan_path}.")
    return 0

# ------------------------------------------------------------ workshop: participant forms


#: More forms than this in one go is a typing error (a workshop has tens of participants).
MAX_FORMS = 500


def _cmd_forms(args: argparse.Namespace) -> int:
    from .export.forms import FormFileError, write_participant_forms

    checklists, assessment = _load_for_plan(Path(args.scan), args.checklists)
    folder = _output_path(args.output, "de formulieren")
    if not folder.is_dir():
        raise UserError(f"de map {folder} bestaat niet; maak haar eerst aan")
    if args.aantal is not None and not 1 <= args.aantal <= MAX_FORMS:
        raise UserError(f"--aantal {args.aantal}: kies een aantal van 1 tot en met {MAX_FORMS}")
    if args.deelnemer:
        labels = [_text_arg(name, f"de deelnemer '{name[:40]}'", 100) for name in args.deelnemer]
        if not all(labels):
            raise UserError("--deelnemer mag niet leeg zijn")
    elif args.aantal:
        labels = [f"Deelnemer {n}" for n in range(1, args.aantal + 1)]
    elif assessment.participants:
        labels = [p.name for p in assessment.participants]
    else:
        raise UserError("de scan heeft geen deelnemers: geef --deelnemer NAAM (vaker) of --aantal N")
    try:
        paths = write_participant_forms(checklists, assessment, folder, labels)
    except FormFileError as exc:
        raise UserError(str(exc)) from None
    for path in paths:
        print(f"Formulier geschreven: {path}")
    return 0


def _cmd_read_forms(args: argparse.Namespace) -> int:
    if args.opslaan:
        with _scan_lock(Path(args.scan), args.overnemen):
            return _read_forms(args)
    return _read_forms(args)


def _read_forms(args: argparse.Namespace) -> int:
    from .export.forms import read_participant_forms
    from .operations import apply_form_answers
    from .scoring.spread import most_different_first, spread
    from .storage import ScanFileError, save_scan

    scan_path = Path(args.scan)
    checklists, assessment = _load_for_plan(scan_path, args.checklists)
    result = read_participant_forms(checklists, assessment, [Path(f) for f in args.forms])
    print(result.describe() if result.ok else result.describe().split("\n")[0])
    if not result.ok:
        print("\n".join(result.problems), file=sys.stderr)
        print("De scan is niet gewijzigd.", file=sys.stderr)
        return 1
    try:
        apply_form_answers(checklists, assessment, result.answers)
    except ValueError as exc:
        raise UserError(f"{exc} De scan is niet gewijzigd.") from None
    print("Meeste verschil eerst:")
    for s in most_different_first(spread(checklists, assessment, result.answers, "formulier"), only_answered=True):
        print(f"  {s.item_id:<10} {s.text()}")
    if args.opslaan:
        try:
            save_scan(assessment, scan_path)
        except ScanFileError as exc:
            raise UserError(str(exc)) from None
        print(f"Individuele antwoorden opgeslagen in {scan_path} (naast de gezamenlijke, niet in de score).")
    return 0


def _session_recovery(scan_path: Path, assessment, choice: str | None):
    """Offer the recovery copy of ``scan_path`` as the app does at its start (issue 25).

    Returns the scan to run the session on and the copy taken in (None: the scan file's own). A
    copy that is neither taken in nor thrown away on request stops the command: it is never
    overwritten or deleted unseen. A copy whose file was written since is not taken into the file
    (that would undo the later change): the app restores it as a separate scan.
    """
    from .participation.runner import recovery_of
    from .storage import ScanFileError, discard_recovery, load_recovery

    copy = recovery_of(scan_path)
    if copy is None:
        return assessment, None
    when = copy.saved_at.astimezone()
    print(f"Er is niet-opgeslagen werk van deze scan: een herstelkopie van {when:%d-%m-%Y} om {when:%H:%M} "
          "(de vorige sessie of Dienstscan is niet netjes gestopt).", flush=True)
    if choice is None and sys.stdin is not None and sys.stdin.isatty():
        reply = input("Herstellen (h), weggooien (w) of stoppen (s)? [h] ").strip().lower()
        choice = {"": "herstellen", "h": "herstellen", "w": "weggooien"}.get(reply[:1], "stoppen")
    if choice == "herstellen" and copy.changed_since:
        raise UserError("de scan is na deze herstelkopie nog gewijzigd; herstellen zou die wijziging ongedaan maken. "
                        "Open de scan in Dienstscan: dat herstelt de kopie als aparte scan. De herstelkopie blijft staan.")
    if choice == "herstellen":
        try:
            restored = load_recovery(copy)
        except ScanFileError as exc:
            raise UserError(str(exc)) from None
        print("Herstelkopie ingelezen: de sessie gaat verder met dat werk; de eerste keer opslaan zet het in de scan.")
        return restored, copy
    if choice == "weggooien":
        discard_recovery(copy)
        print("Herstelkopie weggegooid.")
        return assessment, None
    raise UserError("de sessie is niet gestart, zodat de herstelkopie blijft staan. Start opnieuw met "
                    "--herstelkopie herstellen (of weggooien), of open de scan in Dienstscan: dat biedt de "
                    "herstelkopie ook aan.")


def _cmd_session(args: argparse.Namespace) -> int:
    """``dienstscan sessie SCAN``: phones answer over the local network until Ctrl+C (issue 17)."""
    import signal
    import threading

    import segno

    from .participation import NETWORK_HELP, laptop_addresses
    from .participation.runner import HeadlessSession
    from .storage import ScanFileError, discard_recovery, write_recovery

    scan_path = Path(args.scan)
    checklists, assessment = _load_for_plan(scan_path, args.checklists)
    lock = _acquire(scan_path, args.overnemen)
    try:
        assessment, restored = _session_recovery(scan_path, assessment, args.herstelkopie)
    except BaseException:
        lock.release()
        raise
    if args.nieuwe_code:
        from .participation.identity import renew_identity

        renew_identity(assessment)  # saved before the session starts (below)
    found = laptop_addresses()
    # listen on the chosen address only (the default route's unless --adres), never on every network
    addresses = [args.adres] if args.adres else found[:1]
    session = HeadlessSession(checklists, assessment, scan_path, lock, port=args.poort, addresses=addresses)
    if restored is not None:
        # as the app does: the work now lives in this program's own recovery copy, the offered one goes
        try:
            write_recovery(session.assessment, scan_path)
        except ScanFileError as exc:
            lock.release()
            raise UserError(f"{exc} De herstelkopie blijft staan.") from None
        discard_recovery(restored)
        session.unsaved = 1  # the restored work goes into the scan with the first save
    if args.nieuwe_code:
        try:  # saved at once: after a crash the old code must not come back
            session.save()
        except ScanFileError as exc:
            lock.release()
            raise UserError(f"{exc} De oude code geldt nog.") from None
    if not session.content.items:
        lock.release()
        raise UserError(f"de scan {scan_path} heeft geen items in scope; er valt niets te beantwoorden")
    try:
        session.start()
    except OSError as exc:
        lock.release()
        raise UserError(f"kan poort {session.server.requested_port} niet openen ({exc.strerror or exc}); kies een "
                        "andere met --poort") from None
    server = session.server
    if args.nieuwe_code:
        print("Nieuwe code gemaakt: oude adressen, QR-codes en de oude code werken niet meer. De antwoorden "
              "die al in de scan staan, blijven staan.")
    print(f"Voorronde voor {assessment.organisation.name}: {len(session.content.items)} items.")
    if not addresses:
        print("Let op: deze computer heeft geen netwerkadres; alleen een browser op deze computer zelf kan "
              "meedoen. Verbind met het wifi-netwerk of zet een hotspot aan en start opnieuw.")
    print("Deelnemers scannen de QR-code of openen dit adres op hun telefoon (zelfde wifi-netwerk):")
    print(f"  {server.url()}")
    print(f"Of typen:  {server.typed_address()}")
    others = [a for a in found if a not in server.served_addresses()]
    if others:
        print("Zitten de telefoons op een ander netwerk? Start dan opnieuw met --adres en een van deze "
              "adressen van deze laptop: " + ", ".join(others))
    try:
        segno.make(server.url(), error="m", micro=False).terminal(compact=True)
    except (OSError, UnicodeEncodeError):
        pass  # a console that cannot draw the code: the address above is enough
    title, points = NETWORK_HELP
    print(title)
    for point in points:
        print(f"  - {point}")
    stop = threading.Event()
    # Ctrl+C only sets a flag: an answer is never cut off half-way between the scan and the phone
    # (installed before the line below, so a Ctrl+C as soon as it shows is already caught)
    previous_handler = signal.signal(signal.SIGINT, lambda *_: stop.set())
    print("Stoppen: Ctrl+C (de antwoorden staan dan in de scan).", flush=True)
    try:
        session.run(stop)
    except ScanFileError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
    finally:
        signal.signal(signal.SIGINT, previous_handler)
        try:
            session.close()
        except ScanFileError as exc:
            raise UserError(f"{exc} De antwoorden staan in de herstelkopie; open de scan in Dienstscan.") from None
    n = session.recorded
    print(f"Sessie gestopt: {n} {'antwoord' if n == 1 else 'antwoorden'} ontvangen en opgeslagen in {scan_path}.")
    return 0


# ------------------------------------------------------------ next cycle, compare, benchmark, rank


def _cycle_checklists(checklist_dir: str | None, extra_benchmarks: Sequence[str] = ()):
    """The checklists (plus extra benchmark files) for the cycle commands, with Dutch errors."""
    from .checklists import ChecklistError, default_checklist_dir, load_checklists

    folder = Path(checklist_dir) if checklist_dir else default_checklist_dir()
    try:
        return load_checklists(folder, extra_benchmarks=[Path(b) for b in extra_benchmarks])
    except ChecklistError as exc:
        problems = "\n".join(f"  {p}" for p in exc.problems)
        raise UserError(f"de checklists in {folder} bevatten fouten:\n{problems}") from None


def _load_one(path: Path, checklists):
    """The scan at ``path`` opened as the application opens it (``operations.open_scan``: the plan
    proposed), with Dutch errors."""
    from .operations import open_scan
    from .storage import ScanFileError

    try:
        return open_scan(path, checklists).assessment
    except ScanFileError as exc:
        raise UserError(str(exc)) from None


def _load_many(paths: Sequence[str], checklists):
    """Every scan that can be used; the skipped files and notes are printed (stderr)."""
    from .cycle import load_scans

    batch = load_scans([Path(p) for p in paths], latest_per_organisation=True, checklists=checklists)
    if batch.notes:
        print("Let op:", file=sys.stderr)
        for note in batch.notes:
            print(f"  {note}", file=sys.stderr)
    if batch.skipped:
        count = len(batch.skipped)
        print(f"{count} {'bestand' if count == 1 else 'bestanden'} overgeslagen:", file=sys.stderr)
        for skipped in batch.skipped:
            print(f"  {skipped}", file=sys.stderr)
    if not batch.scans:
        raise UserError("geen enkele scan kon worden gebruikt")
    return batch


def _date_arg(text: str | None, what: str):
    import datetime as dt

    from .model.checklist import FIRST_YEAR, LAST_YEAR

    if text is None:
        return dt.date.today()
    try:
        date = dt.date.fromisoformat(text)
    except ValueError:
        raise UserError(f"{what} '{text[:40]}' is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2026-03-01") from None
    if not FIRST_YEAR <= date.year <= LAST_YEAR:
        raise UserError(f"{what} '{text}' ligt buiten de jaren {FIRST_YEAR}-{LAST_YEAR}")
    return date


def _cmd_next_cycle(args: argparse.Namespace) -> int:
    previous_path = Path(args.previous)
    out = _output_path(args.output, scan=True)
    if out.suffix.lower() != ".dienstscan":
        raise UserError(f"{out.name}: kies een bestandsnaam die eindigt op .dienstscan")
    if out.exists():
        raise UserError(f"{out} bestaat al; kies een andere naam (de nieuwe scan overschrijft niets)")
    if not out.parent.is_dir():
        raise UserError(f"kan {out} niet schrijven: de map {out.parent} bestaat niet")
    with _scan_lock(out):  # another Dienstscan may be saving a scan under this name right now
        return _next_cycle(args, previous_path, out)


def _next_cycle(args: argparse.Namespace, previous_path: Path, out: Path) -> int:
    from .cycle import CycleError, next_cycle
    from .storage import ScanFileError, save_scan

    if out.exists():  # written meanwhile, before we held the lock
        raise UserError(f"{out} bestaat al; kies een andere naam (de nieuwe scan overschrijft niets)")
    checklists = _cycle_checklists(args.checklists)
    previous = _load_one(previous_path, checklists)
    if args.plan:
        from .export.excel_plan import PlanFileError, read_plan
        from .operations import import_plan

        try:
            plan = read_plan(Path(args.plan), previous, checklists)
        except PlanFileError as exc:
            raise UserError(str(exc)) from None
        print(plan.describe())
        if not plan.ok:
            raise UserError(f"het plan {Path(args.plan).name} kan niet worden overgenomen; er is geen nieuwe scan gemaakt")
        import_plan(checklists, previous, plan)  # in memory only: the previous scan file stays as it was
    peildatum = _date_arg(args.peildatum, "de peildatum")
    try:
        result = next_cycle(checklists, previous, peildatum=peildatum, copy_key_figures=args.kengetallen,
                            add_frameworks=args.kader or ())
    except CycleError as exc:
        raise UserError(str(exc)) from None
    try:
        save_scan(result.assessment, out, keep_backup=False)
    except ScanFileError as exc:
        raise UserError(str(exc)) from None
    print(result.describe())
    if result.offered_frameworks:
        print("Voeg een beschikbaar kader toe met --kader ID (bijvoorbeeld --kader "
              f"{result.offered_frameworks[0]}); de antwoorden uit de vorige scan blijven zoals ze zijn.")
    print(f"Nieuwe scan geschreven naar {out}")
    return 0


def _cmd_compare(args: argparse.Namespace) -> int:
    from .cli_tables import format_comparison
    from .cycle import compare_scans

    checklists = _cycle_checklists(args.checklists)
    baseline = _load_one(Path(args.baseline), checklists)
    current = _load_one(Path(args.current), checklists)
    comparison = compare_scans(checklists, baseline, current)
    if args.json:
        sys.stdout.write(comparison.model_dump_json(indent=2) + "\n")
    else:
        sys.stdout.write(format_comparison(comparison))
    return 0


def _cmd_benchmark(args: argparse.Namespace) -> int:
    import datetime as dt

    from .cycle import benchmarks_yaml, build_benchmarks, metric_statistics
    from .cli_tables import format_benchmark_statistics
    from .storage import SaveError, atomic_write_bytes

    from .model.checklist import partial_date_problem

    date = (args.datum or dt.date.today().isoformat()).strip()
    problem = partial_date_problem(date)
    if problem:
        raise UserError(f"--datum: {problem}; schrijf bijvoorbeeld 2026, 2026-03 of 2026-03-01")
    label = _text_arg(args.label or f"eigen benchmark {date[:4]}", "het label (--label)")
    if not label:
        raise UserError("geef met --label een naam voor de benchmark, bijvoorbeeld 'Regio Noord-Holland 2026'")
    out = _output_path(args.output)
    if out.suffix.lower() not in (".yaml", ".yml"):
        raise UserError(f"{out.name}: kies een bestandsnaam die eindigt op .yaml")
    checklists = _cycle_checklists(args.checklists)
    batch = _load_many(args.scans, checklists)
    scans = batch.assessments
    stats = metric_statistics(checklists, scans)
    benchmarks = build_benchmarks(checklists, scans, label=label, date=date, with_names=args.met_namen,
                                  statistics_=stats)
    notes = [note for st in stats for note in (st.left_out_note, st.top10_note) if note]
    count = len(scans)
    text = benchmarks_yaml(benchmarks, title=f"Benchmark {label}: {count} {'scan' if count == 1 else 'scans'}, "
                                             f"{'met' if args.met_namen else 'zonder'} namen", notes=notes)
    try:
        atomic_write_bytes(out, text.encode("utf-8"))
    except SaveError as exc:
        raise UserError(str(exc)) from None
    sys.stdout.write(format_benchmark_statistics(stats))
    for note in notes:
        print(f"Let op: {note}.")
    print(f"{len(benchmarks)} benchmarks uit {count} {'scan' if count == 1 else 'scans'} geschreven naar {out}")
    return 1 if batch.skipped else 0


def _cmd_rank(args: argparse.Namespace) -> int:
    from .cli_tables import format_ranking
    from .cycle import rank_scans

    checklists = _cycle_checklists(args.checklists)
    ids = [fw.id for fw in checklists.frameworks]
    framework_id = args.kader or ("5B" if "5B" in ids else ids[0])
    if framework_id not in ids:
        raise UserError(f"het kader '{framework_id}' bestaat niet; kies uit {', '.join(ids)}")
    batch = _load_many(args.scans, checklists)
    sys.stdout.write(format_ranking(rank_scans(checklists, batch.assessments, framework_id=framework_id)))
    return 1 if batch.skipped else 0


def _start_gui(scan: Path | None = None, *, demo: bool = False, quit_after: float | None = None) -> int:
    if quit_after is not None:  # smoke test of a build: start, then close by itself
        from .ui.smoke import quit_after as start_quit_timer

        start_quit_timer(quit_after)
    import gc

    # No cyclic garbage collection while the window is built: the start makes most of the
    # objects that live the whole session, and collecting among them was 3% of a start. The
    # application switches it back on once the window stands (``ui.app.settle_after_start``).
    gc.disable()
    try:
        from .ui.app import run  # Qt is imported only here

        return run(scan=scan, demo=demo)
    finally:
        gc.enable()


def _cmd_gui(args: argparse.Namespace) -> int:
    import math

    wait = args.afsluiten_na
    if wait is not None and not (math.isfinite(wait) and 0 <= wait <= 24 * 3600):
        raise UserError(f"--afsluiten-na {wait}: geef een aantal seconden van 0 tot en met 86400")
    return _start_gui(Path(args.scan) if args.scan else None, quit_after=args.afsluiten_na)


#: argparse's own texts in Dutch (it reads them through gettext at the moment it prints them).
_ARGPARSE_DUTCH = {
    "usage: ": "gebruik: ",
    "positional arguments": "opdrachten en argumenten",
    "options": "opties",
    "optional arguments": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "show program's version number and exit": "toon het versienummer en stop",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "expected one argument": "verwacht één waarde",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "ambiguous option: %(option)s could match %(matches)s": "optie %(option)s is niet eenduidig: %(matches)s",
}


def _dutch_argparse() -> None:
    """Let argparse print its usage, headings and errors in Dutch (only for this process's CLI)."""
    english = argparse._  # gettext, as argparse imported it

    def translate(text: str) -> str:
        return _ARGPARSE_DUTCH.get(text, english(text))

    argparse._ = translate


def _take_over_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(TAKE_OVER, action="store_true",
                   help="neem de vergrendeling van de scan over (alleen als de scan zeker nergens anders open is)")


def build_parser() -> argparse.ArgumentParser:
    _dutch_argparse()
    parser = argparse.ArgumentParser(
        prog="dienstscan",
        description="Dienstscan: meet de volwassenheid van uw publieke dienstverlening en maak een verbeterplan.",
    )
    parser.add_argument("--version", action="version", version=f"Dienstscan {__version__}",
                        help="toon het versienummer en stop")
    sub = parser.add_subparsers(dest="command", metavar="opdracht")

    p = sub.add_parser("gui", help="start de toepassing (standaard zonder opdracht)")
    p.add_argument("scan", nargs="?", help="een .dienstscan-bestand om te openen")
    p.add_argument("--afsluiten-na", type=float, metavar="SECONDEN",
                   help="sluit de toepassing vanzelf na zoveel seconden (rooktest van een installatie)")
    p.set_defaults(func=_cmd_gui)

    p = sub.add_parser("validate", help="controleer de checklists (meegeleverd of een eigen map)")
    p.add_argument("map", nargs="?", help="map met checklist-bestanden (.yaml); standaard de meegeleverde")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("score", help="toon de scores van een scan (tabel of JSON)")
    p.add_argument("scan", help="het .dienstscan-bestand")
    p.add_argument("--json", action="store_true", help="uitvoer als JSON met dezelfde getallen")
    p.add_argument("--checklists", metavar="MAP", help="map met checklist-bestanden; standaard de meegeleverde")
    p.add_argument("--benchmarks", metavar="BESTAND", action="append",
                   help="extra benchmarkbestand (.yaml, bijvoorbeeld van 'dienstscan benchmark'); mag vaker")
    p.set_defaults(func=_cmd_score)

    p = sub.add_parser("demo", help="open een kopie van de voorbeeldscan in de toepassing")
    p.add_argument("--tekst", action="store_true", help="toon alleen de scores van de voorbeeldscan als tekst")
    p.set_defaults(func=_cmd_demo)

    p = sub.add_parser("export", help="maak het verbeterplan als Excel-werkmap (.xlsx)")
    p.add_argument("scan", help="het .dienstscan-bestand")
    p.add_argument("-o", "--output", metavar="PLAN.xlsx", help="de werkmap; standaard <scan>-verbeterplan.xlsx")
    p.add_argument("--basis", metavar="VORIGE.dienstscan",
                   help="een eerdere scan: voeg het blad Voortgang toe (wat is er sindsdien veranderd)")
    p.add_argument("--checklists", metavar="MAP", help="map met checklist-bestanden; standaard de meegeleverde")
    p.add_argument("--benchmarks", metavar="BESTAND", action="append",
                   help="extra benchmarkbestand (.yaml, bijvoorbeeld van 'dienstscan benchmark'); mag vaker")
    p.set_defaults(func=_cmd_export)

    p = sub.add_parser("import-plan", help="lees een bewerkt verbeterplan (.xlsx) terug in de scan")
    p.add_argument("plan", help="de bewerkte werkmap (.xlsx)")
    p.add_argument("scan", help="het .dienstscan-bestand waar het plan bij hoort")
    p.add_argument("--ja", action="store_true", help="neem de wijzigingen over zonder te vragen")
    _take_over_option(p)
    p.add_argument("--checklists", metavar="MAP", help="map met checklist-bestanden; standaard de meegeleverde")
    p.set_defaults(func=_cmd_import_plan)

    p = sub.add_parser("report", help="maak het managementrapport (.pdf, .html of .docx)")
    p.add_argument("scan", help="het .dienstscan-bestand")
    p.add_argument("-o", "--output", required=True, metavar="RAPPORT.pdf",
                   help="het rapport; de extensie kiest het formaat: .pdf, .html of .docx")
    p.add_argument("--basis", metavar="VORIGE.dienstscan",
                   help="een eerdere scan: voeg het hoofdstuk 'Voortgang sinds <datum>' toe")
    p.add_argument("--checklists", metavar="MAP", help="map met checklist-bestanden; standaard de meegeleverde")
    p.add_argument("--benchmarks", metavar="BESTAND", action="append",
                   help="extra benchmarkbestand (.yaml, bijvoorbeeld van 'dienstscan benchmark'); mag vaker")
    p.add_argument("--archief", action="store_true",
                   help="PDF/A-3a voor het archief (ook getagd) in plaats van PDF/UA-1 voor publicatie")
    p.set_defaults(func=_cmd_report)

    p = sub.add_parser("next-cycle", help="begin een nieuwe scan op basis van de vorige (volgende PDCA-cyclus)")
    p.add_argument("previous", metavar="VORIGE", help="de vorige scan (.dienstscan)")
    p.add_argument("-o", "--output", required=True, metavar="NIEUW.dienstscan", help="de nieuwe scan")
    p.add_argument("--peildatum", metavar="JJJJ-MM-DD", help="peildatum van de nieuwe scan; standaard vandaag")
    p.add_argument("--kengetallen", action="store_true", help="neem ook de kengetallen van de vorige scan over")
    p.add_argument("--plan", metavar="PLAN.xlsx", help="neem eerst de statussen uit een bewerkt verbeterplan over")
    p.add_argument("--kader", action="append", metavar="ID",
                   help="voeg een kader toe dat de vorige scan niet had (bijvoorbeeld DO26, de checklist 2026); mag vaker")
    p.add_argument("--checklists", metavar="MAP", help="map met checklist-bestanden; standaard de meegeleverde")
    p.set_defaults(func=_cmd_next_cycle)

    p = sub.add_parser("compare", help="vergelijk een scan met een eerdere (basis): wat is beter of slechter")
    p.add_argument("baseline", metavar="BASIS", help="de eerdere scan (.dienstscan)")
    p.add_argument("current", metavar="HUIDIG", help="de huidige scan (.dienstscan)")
    p.add_argument("--json", action="store_true", help="uitvoer als JSON")
    p.add_argument("--checklists", metavar="MAP", help="map met checklist-bestanden; standaard de meegeleverde")
    p.set_defaults(func=_cmd_compare)

    p = sub.add_parser("benchmark", help="maak een benchmarkbestand (.yaml) uit de scores van veel scans")
    p.add_argument("scans", nargs="+", metavar="SCAN", help="de scans (.dienstscan)")
    p.add_argument("-o", "--output", required=True, metavar="BENCHMARK.yaml", help="het benchmarkbestand")
    p.add_argument("--label", help="naam van de benchmark in zinnen, bijvoorbeeld 'Regio Noord-Holland 2026'")
    p.add_argument("--datum", metavar="JJJJ[-MM[-DD]]", help="peildatum van de benchmark; standaard vandaag")
    p.add_argument("--met-namen", action="store_true", help="zet de namen van de organisaties erin (standaard anoniem)")
    p.add_argument("--checklists", metavar="MAP", help="map met checklist-bestanden; standaard de meegeleverde")
    p.set_defaults(func=_cmd_benchmark)

    p = sub.add_parser("formulieren", help="maak per deelnemer een Excel-formulier om vooraf alleen in te vullen")
    p.add_argument("scan", help="het .dienstscan-bestand")
    p.add_argument("-o", "--output", required=True, metavar="MAP", help="de map voor de formulieren")
    p.add_argument("--deelnemer", action="append", metavar="NAAM", help="naam of label van een deelnemer (vaker)")
    p.add_argument("--aantal", type=int, metavar="N", help="N formulieren 'Deelnemer 1' .. 'Deelnemer N'")
    p.add_argument("--checklists", metavar="MAP", help="map met checklist-bestanden; standaard de meegeleverde")
    p.set_defaults(func=_cmd_forms)

    p = sub.add_parser("formulieren-inlezen", help="lees ingevulde deelnemersformulieren in: spreiding per item")
    p.add_argument("scan", help="het .dienstscan-bestand")
    p.add_argument("forms", nargs="+", metavar="FORMULIER", help="de ingevulde formulieren (.xlsx)")
    p.add_argument("--opslaan", action="store_true", help="bewaar de individuele antwoorden in de scan")
    _take_over_option(p)
    p.add_argument("--checklists", metavar="MAP", help="map met checklist-bestanden; standaard de meegeleverde")
    p.set_defaults(func=_cmd_read_forms)

    p = sub.add_parser("sessie", help="laat deelnemers op hun telefoon antwoorden (voorronde) tot Ctrl+C")
    p.add_argument("scan", help="het .dienstscan-bestand")
    p.add_argument("--poort", type=int, default=None, metavar="N",
                   help="de poort (standaard die van de vorige sessie van deze scan, anders 8765; 0: een vrije)")
    _take_over_option(p)
    p.add_argument("--adres", metavar="IP", help="het adres voor de telefoons (de sessie luistert alleen daar); "
                   "standaard dat van het standaardnetwerk")
    p.add_argument("--checklists", metavar="MAP", help="map met checklist-bestanden; standaard de meegeleverde")
    p.add_argument("--herstelkopie", choices=("herstellen", "weggooien"),
                   help="wat te doen met een herstelkopie van deze scan (na een crash); zonder: de vraag, of stoppen")
    p.add_argument("--nieuwe-code", action="store_true",
                   help="maak een nieuw adres en een nieuwe code: oude adressen en QR-codes werken niet meer "
                        "(de antwoorden in de scan blijven)")
    p.set_defaults(func=_cmd_session)

    p = sub.add_parser("rank", help="rangschik scans op score, zoals de 5 beloften-site deed")
    p.add_argument("scans", nargs="+", metavar="SCAN", help="de scans (.dienstscan)")
    p.add_argument("--kader", metavar="ID", help="rangschik op dit kader; standaard 5 beloften (5B)")
    p.add_argument("--checklists", metavar="MAP", help="map met checklist-bestanden; standaard de meegeleverde")
    p.set_defaults(func=_cmd_rank)

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from .logs import setup_logging

    setup_logging()  # never raises: without a writable log folder the program runs unlogged
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
