"""Issue 20, "Done when": generated damaged workbooks and scans go through read-back and load, the way
the command line does. Whatever the damage, only the project's own errors come out (``PlanFileError``,
``ScanFileError``, a refused import with its Dutch problems), no English from a library reaches the
user, and the scan file is byte-identical whenever the import is refused."""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import math
import shutil
import warnings

import pytest
from plan_factory import VALID_CHECKLISTS, accepted_gap_scan
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import IllegalCharacterError

from dienstscan.checklists import load_checklists
from dienstscan.cli import main
from dienstscan.export.excel_plan import PLAN_COLUMNS, PLAN_HEADER_ROW, WORK_SHEET, export_plan
from dienstscan.model import KeyFigureValue
from dienstscan.scoring import score
from dienstscan.storage import ScanFileError, load_scan, save_scan
from dienstscan.storage.scanfile import encode_scan

#: Words from library messages that must never reach a user.
ENGLISH = ("Traceback", "Error:", "Warning", "should be", "Input should", "invalid literal", "Exceeds the limit",
           "No such file", "is not a", "object has no attribute")


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """A scan with a plan and key figures, its exported workbook, and the checklists."""
    folder = tmp_path_factory.mktemp("basis")
    checklists = load_checklists(VALID_CHECKLISTS)
    scan = accepted_gap_scan(checklists, "Gemeente Eigenwijs")
    scan.key_figures["kg-wachttijd"] = KeyFigureValue(value=6.5)
    scan_path = folder / "scan.dienstscan"
    save_scan(scan, scan_path, keep_backup=False)
    plan_path = folder / "plan.xlsx"
    export_plan(checklists, load_scan(scan_path), plan_path)
    return _Base(checklists=checklists, scan=scan_path.read_bytes(), plan=plan_path.read_bytes())


class _Base(dict):
    """The fixture's material; a short repr, so a failing example prints readably."""

    def __init__(self, **parts) -> None:
        super().__init__(**parts)

    def __repr__(self) -> str:
        return "<scan, plan and checklists>"


# ------------------------------------------------------------------------------ workbooks

cell_values = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.sampled_from(["#DIV/0!", "#REF!", "#N/A", "#VALUE!", "#NAME?", "#NULL!", "#NUM!", "=1/0", "=A1&B1",
                     "=TODAY()", "1-3-0000", "31-2-2026", "1 maart 2027", "Gereed", "gereed ", "Hoog", "Borgen",
                     "V-BESTAAT-NIET", "E-1", "x" * 20_001, "\x07bel", "E-999"]),
    st.integers(min_value=-10**20, max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31)),
)
columns = st.integers(min_value=1, max_value=len(PLAN_COLUMNS) + 2)
rows = st.one_of(st.integers(min_value=1, max_value=PLAN_HEADER_ROW + 12), st.integers(min_value=1000, max_value=3000))
edits = st.one_of(
    st.tuples(st.just("set"), rows, columns, cell_values),
    st.tuples(st.just("date_format"), rows, columns, st.integers(min_value=-10, max_value=10**10)),
    st.tuples(st.just("merge"), rows, columns, st.integers(min_value=0, max_value=2), st.integers(min_value=0, max_value=2)),
    st.tuples(st.just("header"), columns, st.sampled_from(["Status", "ID", "Einde", "", "Eigenaar", None])),
    st.tuples(st.just("drop_sheet"), st.sampled_from(["_dienstscan", WORK_SHEET])),
)
byte_damage = st.one_of(
    st.none(),
    st.tuples(st.just("truncate"), st.floats(min_value=0, max_value=1)),
    st.tuples(st.just("flip"), st.lists(st.tuples(st.floats(min_value=0, max_value=1), st.integers(0, 255)),
                                        min_size=1, max_size=8)),
)


def _damaged_workbook(plan: bytes, changes, damage) -> bytes:
    wb = load_workbook(io.BytesIO(plan))
    for change in changes:
        kind = change[0]
        if kind == "drop_sheet":
            if change[1] in wb.sheetnames and len(wb.sheetnames) > 1:
                del wb[change[1]]
            continue
        if WORK_SHEET not in wb.sheetnames:
            continue
        ws = wb[WORK_SHEET]
        if kind == "set":
            _, r, c, value = change
            try:
                ws.cell(row=r, column=c).value = value
            except (ValueError, TypeError, AttributeError, IllegalCharacterError):
                pass  # openpyxl refuses to write it: nothing to read back
        elif kind == "date_format":
            _, r, c, serial = change
            if not hasattr(ws.cell(row=r, column=c), "number_format") or type(ws.cell(row=r, column=c)).__name__ != "Cell":
                continue
            ws.cell(row=r, column=c).value = serial
            ws.cell(row=r, column=c).number_format = "dd-mm-yyyy"
        elif kind == "merge":
            _, r, c, dr, dc = change
            if dr or dc:
                ref = f"{get_column_letter(c)}{r}:{get_column_letter(c + dc)}{r + dr}"
                try:
                    ws.merge_cells(ref)
                except (ValueError, TypeError):
                    pass
        elif kind == "header":
            _, c, text = change
            cell = ws.cell(row=PLAN_HEADER_ROW, column=c)
            if type(cell).__name__ == "Cell":
                cell.value = text
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb.save(out)
    data = out.getvalue()
    if damage is not None:
        if damage[0] == "truncate":
            data = data[: int(len(data) * damage[1])]
        else:
            buffer = bytearray(data)
            for where, byte in damage[1]:
                buffer[min(int(where * len(buffer)), len(buffer) - 1)] = byte
            data = bytes(buffer)
    return data


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])  # capsys is read out first
@given(changes=st.lists(edits, max_size=6), damage=byte_damage)
def test_damaged_workbooks_give_only_our_errors_and_leave_a_refused_scan_byte_identical(
        base, tmp_path_factory, changes, damage, capsys):
    folder = tmp_path_factory.mktemp("wb")
    plan = folder / "plan.xlsx"
    plan.write_bytes(_damaged_workbook(base["plan"], changes, damage))
    scan = folder / "scan.dienstscan"
    scan.write_bytes(base["scan"])
    capsys.readouterr()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        code = main(["import-plan", str(plan), str(scan), "--ja", "--checklists", str(VALID_CHECKLISTS)])
    printed = capsys.readouterr()
    assert not [w for w in caught if "openpyxl" in str(w.filename)], [str(w.message) for w in caught]
    assert code in (0, 1)
    for english in ENGLISH:
        assert english not in printed.err and english not in printed.out, (english, printed)
    if code == 1:
        assert scan.read_bytes() == base["scan"]
    else:
        load_scan(scan, base["checklists"])  # what was written loads again
    shutil.rmtree(folder, ignore_errors=True)


# ------------------------------------------------------------------------------ scans

hostile_values = st.one_of(
    st.none(), st.booleans(), st.text(max_size=20),
    st.sampled_from([math.nan, math.inf, -math.inf, 1e308, -1e308, 10**30, -1, -25, 140, 0, "0001-01-01",
                     "9999-12-31T23:59:59-05:00", "2026-02-30", "", "\x00", [], {}, [1, 2], {"a": 1}]),
    st.integers(), st.floats(),
)


def _paths(node, where=()):
    yield where
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*where, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*where, index))


def _put(document, where, value):
    node = document
    for key in where[:-1]:
        node = node[key]
    node[where[-1]] = value


scan_edits = st.lists(st.tuples(st.floats(min_value=0, max_value=1), hostile_values), max_size=5)
text_damage = st.one_of(
    st.none(),
    st.tuples(st.just("duplicate"), st.floats(min_value=0, max_value=1)),
    st.tuples(st.just("truncate"), st.floats(min_value=0, max_value=1)),
    st.tuples(st.just("flip"), st.floats(min_value=0, max_value=1), st.integers(0, 255)),
)


def _damaged_scan(original: bytes, changes, damage) -> bytes:
    document = json.loads(original)
    for where_fraction, value in changes:
        places = [p for p in _paths(document) if p]
        where = places[min(int(where_fraction * len(places)), len(places) - 1)]
        _put(document, where, copy.deepcopy(value))  # sampled lists/dicts are shared between examples
    text = json.dumps(document, ensure_ascii=False, indent=1)  # NaN and Infinity as JSON allows them in Python
    if damage is None:
        return text.encode("utf-8")
    if damage[0] == "duplicate":  # repeat one "key": value line: the same key twice in one object
        lines = text.split("\n")
        candidates = [i for i, line in enumerate(lines) if line.strip().startswith('"') and line.rstrip().endswith(",")]
        if candidates:
            i = candidates[min(int(damage[1] * len(candidates)), len(candidates) - 1)]
            lines.insert(i, lines[i])
        return "\n".join(lines).encode("utf-8")
    data = text.encode("utf-8")
    if damage[0] == "truncate":
        return data[: int(len(data) * damage[1])]
    buffer = bytearray(data)
    buffer[min(int(damage[1] * len(buffer)), len(buffer) - 1)] = damage[2]
    return bytes(buffer)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changes=scan_edits, damage=text_damage)
def test_damaged_scans_load_or_raise_only_our_error_and_never_crash_scoring(base, tmp_path_factory, changes, damage):
    folder = tmp_path_factory.mktemp("scan")
    path = folder / "scan.dienstscan"
    data = _damaged_scan(base["scan"], changes, damage)
    path.write_bytes(data)
    try:
        assessment = load_scan(path, base["checklists"])
    except ScanFileError as exc:
        message = str(exc)
        assert message.startswith(f"Kan '{path}' niet openen:") or "nieuwere versie" in message
        for english in ENGLISH:
            assert english not in message, (english, message)
    else:
        report = score(base["checklists"], assessment)  # what loads can be scored and saved again
        assert report is not None
        encode_scan(assessment)
    assert path.read_bytes() == data
    shutil.rmtree(folder, ignore_errors=True)
