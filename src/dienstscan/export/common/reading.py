"""Opening a workbook a person sends back, and reading its cells without guessing.

Shared by every read-back (the improvement plan, the participant forms): one rule for which files
are no workbook and why, and for which cells cannot be read.

``open_workbook(path)`` refuses, in Dutch and naming the file, what is no ``.xlsx``: a missing file,
a folder, a password-protected workbook (an OLE compound file holding an ``EncryptedPackage``), an
old ``.xls``, an OpenDocument sheet (``.ods``) renamed to ``.xlsx``, another zip, random bytes, a
damaged workbook. It loads the workbook with the values Excel last computed and, when a worksheet
holds any formula, a second time with the formulas, so a formula without a computed value is told
apart from an empty cell (a workbook without formulas, such as every plan Dienstscan writes, loads
the same both ways, so it is loaded once). openpyxl's
warnings are caught here: they never reach stderr, and an out-of-range date serial that openpyxl
turns into ``#VALUE!`` is named as what the user typed.

``cell_problem(book, sheet, row, col)`` says, in Dutch, why a cell cannot be read (a formula without a
computed value, an Excel error value such as ``#DIV/0!``, a number that is no number); None
when the cell may be read.
"""

from __future__ import annotations

import math
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.workbook.workbook import Workbook

from ...storage.limited import FileTooLarge, NotARegularFile, check_regular, megabytes

#: The first bytes of an OLE compound file: an encrypted .xlsx, or an old .xls/.doc.
#: The largest workbook file we read, and the most its parts may hold unpacked. A plan of 2,000
#: actions is 0,3 MB packed and 4 MB unpacked; a "zip bomb" of 1,6 MB unpacks to gigabytes, which
#: openpyxl would try to hold in memory (twice: values and formulas).
MAX_WORKBOOK_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 64 * 1024 * 1024

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument"

#: What each Excel error value means, for the message next to the cell.
ERROR_MEANINGS = {
    "#DIV/0!": "deling door nul",
    "#REF!": "een verwijzing naar een cel die niet meer bestaat",
    "#N/A": "een waarde die niet beschikbaar is",
    "#VALUE!": "een waarde van de verkeerde soort",
    "#NAME?": "een onbekende naam in een formule",
    "#NULL!": "een bereik zonder overlap",
    "#NUM!": "een ongeldig getal",
}

_DATE_SERIAL_WARNING = re.compile(r"Cell (\$?[A-Z]+\$?\d+) is marked as a date but the serial value (\S+) is outside")


class WorkbookReadError(Exception):
    """The file cannot be read as an Excel workbook; ``str()`` is a Dutch message naming the file."""


@dataclass
class OpenedWorkbook:
    """A workbook with ``values`` (what Excel last computed) and ``formulas`` (the same object when
    no worksheet holds a formula: then both loads are equal)."""

    path: Path
    values: Workbook
    formulas: Workbook
    #: Cell coordinate -> the date serial openpyxl could not turn into a date (it shows #VALUE!).
    bad_date_serials: dict[str, str] = field(default_factory=dict)
    _sheets: dict[str, tuple[Any, Any]] = field(default_factory=dict, repr=False, compare=False)

    def sheet_pair(self, sheet: str) -> tuple[Any, Any]:
        """The worksheet ``sheet`` in ``values`` and in ``formulas``, looked up once (openpyxl's
        ``wb[name]`` searches the list of sheets on every call, and it is asked per cell)."""
        pair = self._sheets.get(sheet)
        if pair is None:
            pair = self._sheets[sheet] = (self.values[sheet], self.formulas[sheet])
        return pair


#: A formula element (``<f>``, ``<f t="shared" ...>``, ``<x:f>``) in a worksheet's XML. ``<font>`` and
#: the like do not match: the name must end after the ``f``.
_FORMULA_ELEMENT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")
_WORKSHEET_PART = re.compile(
    rb'<Override\b[^>]*?PartName="/?([^"]+)"[^>]*?ContentType="application/vnd\.openxmlformats-officedocument'
    rb'\.spreadsheetml\.worksheet\+xml"|<Override\b[^>]*?ContentType="application/vnd\.openxmlformats-'
    rb'officedocument\.spreadsheetml\.worksheet\+xml"[^>]*?PartName="/?([^"]+)"')


def _may_hold_formulas(path: Path) -> bool:
    """Whether any worksheet of the (already sniffed) file may hold a formula. Errs towards True:
    a part it cannot find or read, or XML with a DTD (entities could hide an element), counts as
    holding formulas, which only costs the second load."""
    try:
        with zipfile.ZipFile(path) as archive:
            types = archive.read("[Content_Types].xml")
            parts = [(m.group(1) or m.group(2)).decode("utf-8") for m in _WORKSHEET_PART.finditer(types)]
            declared = types.count(b"spreadsheetml.worksheet+xml")  # also by a <Default> extension
            if not parts or declared != len(parts) or b"<!DOCTYPE" in types:
                return True
            for part in parts:
                data = archive.read(part)
                if b"<!DOCTYPE" in data or _FORMULA_ELEMENT.search(data):
                    return True
    except (KeyError, zipfile.BadZipFile, OSError, RuntimeError, ValueError, EOFError, UnicodeDecodeError):
        return True
    return False


def _is_encrypted_ole(head: bytes, path: Path) -> bool:
    """Whether an OLE compound file is a password-protected Office Open XML file."""
    marker = "EncryptedPackage".encode("utf-16-le")
    try:
        with open(path, "rb") as handle:
            data = handle.read(1 << 20)  # the directory of a protected workbook sits near the start
    except OSError:
        return False
    return marker in data or marker in head


def _sniff(path: Path) -> None:
    """Refuse what is no .xlsx, saying what it is instead."""
    name = path.name
    try:
        check_regular(path, MAX_WORKBOOK_BYTES)
        with open(path, "rb") as handle:
            head = handle.read(8)
    except NotARegularFile as exc:
        raise WorkbookReadError(f"{path}: dit is {exc.kind}, geen Excel-werkmap.") from None
    except FileTooLarge as exc:
        raise WorkbookReadError(f"{name}: het bestand is te groot ({megabytes(exc.size)}; een werkmap van "
                                f"Dienstscan is hooguit {megabytes(exc.limit)}). Er is niets ingelezen.") from None
    except FileNotFoundError:
        raise WorkbookReadError(f"{path}: het bestand bestaat niet.") from None
    except IsADirectoryError:
        raise WorkbookReadError(f"{path}: dit is een map, geen Excel-werkmap.") from None
    except PermissionError:
        raise WorkbookReadError(f"{name}: u heeft geen toestemming om het bestand te lezen, of een ander "
                                "programma houdt het vast.") from None
    except OSError as exc:
        raise WorkbookReadError(f"{name}: het bestand kan niet worden gelezen (systeemfout {exc.errno}).") from None
    if head.startswith(OLE_MAGIC):
        if _is_encrypted_ole(head, path):
            raise WorkbookReadError(
                f"{name} is met een wachtwoord beveiligd en kan daardoor niet worden gelezen. Open de werkmap "
                "in Excel, haal het wachtwoord weg (Bestand > Info > Werkmap beveiligen > Versleutelen met "
                "wachtwoord: leeg laten) en sla haar op zonder wachtwoord.")
        raise WorkbookReadError(
            f"{name} is een oud Excel-bestand (Excel 97-2003, .xls) of een ander Office-bestand. Open het in "
            "Excel en sla het op als Excel-werkmap (.xlsx).")
    if not zipfile.is_zipfile(path):
        raise WorkbookReadError(f"{name}: dit is geen Excel-werkmap (.xlsx), of het bestand is beschadigd.")
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            unpacked = sum(max(0, info.file_size) for info in archive.infolist())
            if unpacked > MAX_UNPACKED_BYTES:
                raise WorkbookReadError(
                    f"{name}: de werkmap is uitgepakt {megabytes(unpacked)} groot (een werkmap van Dienstscan is "
                    f"hooguit {megabytes(MAX_UNPACKED_BYTES)}); zo'n bestand zou al het geheugen kunnen "
                    "gebruiken. Er is niets ingelezen.")
            mimetype = archive.read("mimetype")[:80] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, EOFError):
        raise WorkbookReadError(f"{name}: de werkmap is beschadigd en kan niet worden gelezen.") from None
    if mimetype.startswith(_ODS_MIMETYPE) or ("content.xml" in names and "[Content_Types].xml" not in names):
        raise WorkbookReadError(
            f"{name} is een OpenDocument-werkblad (.ods, van LibreOffice of OpenOffice) met de extensie "
            ".xlsx. Open het en kies Opslaan als > Excel 2007-365 (.xlsx).")
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise WorkbookReadError(f"{name}: dit is een zip-archief, maar geen Excel-werkmap (.xlsx).")


def open_workbook(path: Path) -> OpenedWorkbook:
    """Load ``path`` with values and with formulas; ``WorkbookReadError`` (Dutch) when it cannot be."""
    path = Path(path)
    _sniff(path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            # Not read_only: that mode loses merged cells, and we want the real cells.
            values = load_workbook(path, data_only=True)
            formulas = load_workbook(path, data_only=False) if _may_hold_formulas(path) else values
        except MemoryError:
            raise WorkbookReadError(f"{path.name}: de werkmap is te groot om te lezen.") from None
        except Exception as exc:  # openpyxl raises many kinds on a damaged file
            raise WorkbookReadError(
                f"{path.name}: de werkmap is beschadigd en kan niet worden gelezen ({type(exc).__name__}). "
                "Open haar in Excel en sla haar opnieuw op.") from exc
    bad_serials: dict[str, str] = {}
    for warning in caught:
        match = _DATE_SERIAL_WARNING.search(str(warning.message))
        if match:
            bad_serials[match.group(1).replace("$", "")] = match.group(2)
    return OpenedWorkbook(path, values, formulas, bad_serials)


def cell_problem(book: OpenedWorkbook, sheet: str, row: int, col: int) -> str | None:
    """Why the cell cannot be read, in Dutch (without the sheet!cell: the caller names it); None if it can."""
    # ``_cells`` holds only the cells present in the file: looking never creates one (``ws.cell`` would).
    values, formulas = book.sheet_pair(sheet)
    cell = values._cells.get((row, col))
    if cell is None:
        return None
    value = cell.value
    formula_cell = formulas._cells.get((row, col))
    formula = formula_cell.value if formula_cell is not None else None
    is_formula = formula_cell is not None and formula_cell.data_type == "f"  # also array formulas
    if cell.data_type == "e" or (isinstance(value, str) and value.strip() in ERROR_CODES):
        code = str(value).strip()
        serial = book.bad_date_serials.get(cell.coordinate)
        if serial is not None and not is_formula:
            return (f"het getal {serial} is als datum opgemaakt, maar ligt buiten de datums die Excel kent; "
                    "typ een datum als 1-3-2027")
        meaning = ERROR_MEANINGS.get(code)
        return (f"de cel bevat de Excel-foutwaarde {code}" + (f" ({meaning})" if meaning else "")
                + "; verbeter de formule of typ de waarde zelf")
    if is_formula and value is None:
        text = formula if isinstance(formula, str) else getattr(formula, "text", "") or "een formule"
        return (f"de formule {str(text)[:60]} heeft geen berekende waarde (de werkmap is opgeslagen door een "
                "programma dat niet rekent); open en sla de werkmap op in Excel, of typ de waarde zelf")
    if isinstance(value, float) and not math.isfinite(value):
        return "de cel bevat geen geldig getal"
    return None


def merged_ranges(book: OpenedWorkbook, sheet: str) -> list[Any]:
    """The merged cell ranges of ``sheet`` that cover more than one cell."""
    return [r for r in book.values[sheet].merged_cells.ranges if r.size["rows"] * r.size["columns"] > 1]


def filled_rows(book: OpenedWorkbook, sheet: str, first_row: int, cols: set[int]) -> list[int]:
    """The rows from ``first_row`` on with any non-empty cell (value or formula) in ``cols``.

    Only cells present in the file are looked at, so a sheet formatted down to row 1,048,576 is as
    quick as a short one, and a row far below many empty ones is still found.
    """
    rows: set[int] = set()
    for ws in dict.fromkeys(book.sheet_pair(sheet), None):  # once when both are the same load
        for (r, c), cell in ws._cells.items():
            if r >= first_row and c in cols and cell.value not in (None, "") and (
                    not isinstance(cell.value, str) or cell.value.strip()):
                rows.add(r)
    return sorted(rows)
