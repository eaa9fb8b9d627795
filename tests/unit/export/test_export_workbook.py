"""The exported workbook, re-opened with openpyxl: sheets, the plan table, dropdowns, dates,
conditional formatting, print setup, properties and the hidden metadata."""

from __future__ import annotations

import datetime as dt
import os
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from plan_sheet import columns, row_of

from dienstscan.checklists import load_checklists
from dienstscan.export.excel_plan import (
    FORMAT_NAME,
    FORMAT_VERSION,
    META_SHEET,
    PLAN_COLUMNS,
    PLAN_HEADER_ROW,
    WORK_SHEET,
    build_workbook,
    export_plan,
)
from dienstscan.model import Assessment, Organisation
from dienstscan.plan import add_own_action, plan_order, propose_actions, visible_actions

EXPECTED_SHEETS = ["Samenvatting", "Verbeterplan", "Voorstellen", "Scores", "BSC", "5 beloften", "Antwoord",
                   "Kengetallen", "Bronnen", "Werkblad PDCA", META_SHEET]


@pytest.fixture
def wb(plan_path: Path):
    return load_workbook(plan_path)


def meta(wb) -> dict[str, list[object]]:
    found: dict[str, list[object]] = {}
    for key, value in wb[META_SHEET].iter_rows(min_row=1, max_col=2, values_only=True):
        if isinstance(key, str):
            found.setdefault(key, []).append(value)
    return found


def test_sheets_in_order_and_only_metadata_hidden(wb):
    assert wb.sheetnames == EXPECTED_SHEETS
    hidden = [ws.title for ws in wb.worksheets if ws.sheet_state != "visible"]
    assert hidden == [META_SHEET]
    assert wb.active.title == "Samenvatting"


def test_sheets_follow_the_frameworks_in_scope(tmp_path, checklists, assessment):
    assessment.frameworks = ["5B"]
    path = tmp_path / "alleen-5b.xlsx"
    export_plan(checklists, assessment, path)
    assert load_workbook(path).sheetnames == ["Samenvatting", "Verbeterplan", "Voorstellen", "Scores", "5 beloften",
                                              "Kengetallen", "Bronnen", "Werkblad PDCA", META_SHEET]


def test_samenvatting_shows_who_when_scores_and_benchmarks(wb):
    ws = wb["Samenvatting"]
    texts = [c for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    joined = "\n".join(str(t) for t in texts)
    assert ws["A1"].value == "Verbeterplan dienstverlening Gemeente Proef"
    assert "01-03-2026" in joined
    assert "A. de Vries (teamleider KCC); B. Jansen" in joined
    # 5 beloften: 2 of 5 applicable instruments implemented = 40%, beside its benchmark and source.
    row = next(r for r in ws.iter_rows(values_only=True) if r[0] == "5 beloften")
    score_text, compared, source = row[2], row[5], row[8]  # Score spans C-D (issue 24: prints whole)
    assert score_text == "40% (2 van 5)"  # with its denominator
    # each benchmark in a few words: label, date, value, kind and the verdict
    assert "Bergen, 5 juli 2011: 50% (referentieniveau); lager" in compared
    assert "002_df95863a505375c9.txt" in source  # the fixture's source has no title


def test_samenvatting_answers_the_mt(tmp_path, checklists, assessment):
    """What was decided (owner, when), the top gaps, and the proposals apart, with a count."""
    assessment.actions[1].decision = "voorgesteld"
    ws = build_workbook(checklists, assessment)["Samenvatting"]
    rows = list(ws.iter_rows(values_only=True))
    headings = [r[0] for r in rows if isinstance(r[0], str)]
    assert "Waar staan we" in headings
    gaps_at = next(i for i, r in enumerate(rows) if isinstance(r[0], str)
                   and r[0].startswith("De 5 belangrijkste tekortkomingen") and r[0].endswith("en wat we eraan doen"))
    decided = [a for a in visible_actions(assessment) if a.decision != "voorgesteld"]
    proposals = [a for a in visible_actions(assessment) if a.decision == "voorgesteld"]
    assert decided and proposals
    # each gap with its action and, in one cell, the decision, owner, end date and status
    header = rows[gaps_at + 1]
    action_col, decision_col = header.index("Actie"), header.index("Besluit; eigenaar; einde; status")
    gap_rows = [r for r in rows[gaps_at + 2:gaps_at + 8] if r[0] != "Tekortkoming"][:5]  # a header again on a new page
    by_id = {a.id: a for a in visible_actions(assessment)}
    above = set()
    for r in gap_rows:
        action_id = r[action_col].split(":")[0]
        if action_id in by_id:
            above.add(action_id)
            action = by_id[action_id]
            if action.decision == "voorgesteld":
                assert r[decision_col] == "Nog niet besloten"
            else:
                assert r[decision_col].split("; ")[0] in ("Voorstel aangenomen", "Eigen actie"), r[decision_col]
                assert action.owner in r[decision_col]
    # the other decided actions follow, without those shown with a gap
    assert ("Verder besloten: wie is eigenaar, wanneer" if above & {a.id for a in decided}
            else "Wat hebben we besloten, wie is eigenaar, wanneer") in headings
    further = [a for a in decided if a.id not in above]
    start = next(i for i, r in enumerate(rows) if r[0] == "Actie")
    shown = [r for r in rows[start + 1:start + 1 + min(5, len(further))]]
    assert {r[0].split(":")[0] for r in shown} <= {a.id for a in further}
    if len(further) > 5:
        assert rows[start + 6][0] == f"En nog {len(further) - 5} acties: zie het blad Verbeterplan."
    for r in shown:
        assert r[rows[start].index("Besluit")] in ("Voorstel aangenomen", "Eigen actie")  # one decision per row
    summary = next(r[0] for r in rows if isinstance(r[0], str) and r[0].startswith("Besloten:"))
    assert f"Nog niet besloten: {len(proposals)} voorstel" in summary
    assert "Over de einddatum" in summary and "(E-1)" in summary
    # one page wide, as long as its text needs at its own size (not squeezed onto one page: issue 24)
    assert ws.page_setup.fitToHeight == 0 and ws.page_setup.fitToWidth == 1


def test_plan_view_holds_only_what_was_decided(wb, assessment):
    ws = wb["Verbeterplan"]
    headers = [c.value for c in ws[4]]
    assert headers == ["ID", "Actie", "Besluit", "Probleemeigenaar", "Looptijd", "Status", "Indicator en streefwaarde"]
    ids = [r[0] for r in ws.iter_rows(min_row=5, values_only=True) if r[0]]
    decided = {a.id for a in visible_actions(assessment) if a.decision != "voorgesteld"}
    assert set(ids) == decided
    assert ws.protection.sheet  # a view: edits go to the Werkblad PDCA, which is read back
    proposals = wb["Voorstellen"]
    ids = [r[0] for r in proposals.iter_rows(min_row=5, values_only=True) if r[0]]
    assert set(ids) == {a.id for a in visible_actions(assessment) if a.decision == "voorgesteld"}
    assert proposals["A1"].value.startswith("Voorstellen waarover nog niet is besloten")
    assert "Gepland" not in {c for r in proposals.iter_rows(values_only=True) for c in r}


def test_scores_sheet_has_native_charts_shares_and_levels_apart(wb):
    ws = wb["Scores"]
    assert len(ws._charts) == 2
    shares, levels = ws._charts
    assert shares.type == "bar" and len(shares.series) == 3
    assert shares.y_axis.scaling.max == 100
    assert levels.y_axis.scaling.max == 4  # growth levels on their own axis, not a % axis
    for chart in (shares, levels):
        assert all(s.dLbls.position == "outEnd" for s in chart.series)
    rows = list(ws.iter_rows(values_only=True))
    data = next(i for i, r in enumerate(rows) if r[:4] == ("Onderdeel", "Score", "Gedeeltelijk (telt niet mee)",
                                                            "Benchmark"))
    table = {r[0]: r[1:4] for r in rows[data + 1:] if r[0]}
    assert table["5 beloften"] == (40, None, None)
    assert table["5 beloften: de top-10 gemeenten (2010)"] == (None, None, 85)
    assert table["5 beloften: Bergen (2011)"] == (None, None, 50)
    level_data = next(i for i, r in enumerate(rows) if r[:3] == ("Onderdeel", "Niveau", "Benchmark"))
    assert any(r[0] and "gemiddeld niveau" in r[0] for r in rows[level_data + 1:])


def _chart_header_rows(ws) -> list[int]:
    return [c.row for c in ws["A"] if c.value == "Onderdeel"]


def test_plan_sheet_is_a_table_with_autofilter_and_pdca_bands(wb, assessment):
    ws = wb[WORK_SHEET]
    actions = visible_actions(assessment)
    assert [c.value for c in ws[PLAN_HEADER_ROW]] == [c.header for c in PLAN_COLUMNS]
    bands = {c.value: c.coordinate for c in ws[PLAN_HEADER_ROW - 1] if c.value}
    assert list(bands) == ["Plan", "Do", "Check", "Act", "Plan (vervolg)"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A2:F2", "G2:H2", "I2:K2", "L2:M2", "N2:U2"} <= merged
    table = ws.tables["WerkbladPDCA"]
    assert table.ref == f"A{PLAN_HEADER_ROW}:U{PLAN_HEADER_ROW + len(actions)}"
    assert table.autoFilter is not None
    assert [c.name for c in table.tableColumns] == [c.header for c in PLAN_COLUMNS]
    ids = [ws.cell(row=r, column=1).value for r in range(PLAN_HEADER_ROW + 1, PLAN_HEADER_ROW + 1 + len(actions))]
    assert ids == [a.id for a in plan_order(actions)]  # the plan's order, as on the Verbeterplan sheet


def test_plan_leaves_out_rejected_and_merged_actions(tmp_path, checklists, assessment):
    assessment.actions[1].decision = "afgewezen"
    assessment.actions[2].merged_into = assessment.actions[3].id
    path = tmp_path / "p.xlsx"
    export_plan(checklists, assessment, path)
    ws = load_workbook(path)[WORK_SHEET]
    ids = {ws.cell(row=r, column=1).value for r in range(PLAN_HEADER_ROW + 1, ws.max_row + 1)}
    assert assessment.actions[1].id not in ids and assessment.actions[2].id not in ids
    assert assessment.actions[3].id in ids


def test_plan_cells_hold_labels_and_real_dates(wb, assessment):
    ws = wb[WORK_SHEET]
    cols = columns(ws)
    first = assessment.actions[0]
    r = row_of(ws, first.id)
    assert ws[f"{cols['Status']}{r}"].value == "In uitvoering"
    assert ws[f"{cols['Prioriteit']}{r}"].value == {"hoog": "Hoog", "midden": "Midden", "laag": "Laag"}[first.priority]
    assert ws[f"{cols['Thema']}{r}"].value == "Visie op dienstverlening"
    start = ws[f"{cols['Start']}{r}"]
    assert start.value == dt.datetime(2026, 4, 1)  # a real date, not text
    assert start.number_format == "DD-MM-YYYY"
    assert ws[f"{cols['Einde']}{r}"].value == dt.datetime(2026, 12, 31)
    assert ws[f"{cols['Probleemeigenaar']}{r}"].value == "Teamleider KCC"
    assert ws[f"{cols['Bron / onderdeel']}{r}"].value == "BSC-02 Norm 2 (BSC)"
    assert ws[f"{cols['Actie']}{r}"].alignment.wrap_text


def _validations(ws) -> dict[str, object]:
    found = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            found[rng.coord.split(":")[0].rstrip("0123456789")] = dv
    return found


def test_dropdowns_are_inline_lists_covering_room_to_add_rows(wb):
    ws = wb[WORK_SHEET]
    cols = columns(ws)
    dvs = _validations(ws)
    assert dvs[cols["Status"]].type == "list"
    assert dvs[cols["Status"]].formula1 == '"Gepland,In uitvoering,Gereed,Uitgesteld,Vervallen"'
    assert dvs[cols["Prioriteit"]].formula1 == '"Hoog,Midden,Laag"'
    assert dvs[cols["PDCA-keuze"]].formula1 == '"Borgen,Bijstellen,Stoppen"'
    assert dvs[cols["Thema"]].formula1 == "Dienstscan_themas"
    assert "Dienstscan_themas" in wb.defined_names
    assert dvs[cols["Besluit"]].formula1 == '"Nog niet besloten,Voorstel aangenomen,Voorstel afgewezen,Eigen actie"'
    for header in ("Start", "Einde", "Datum meting", "Besluitdatum"):
        assert dvs[cols[header]].type == "date"
    # Rows typed below the table still get the dropdown.
    status_range = str(dvs[cols["Status"]].sqref)
    last = int(status_range.split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    assert last >= ws.max_row + 100


def test_validations_survive_a_reload_and_are_not_extension_format(plan_path):
    # openpyxl drops dropdowns stored in the x14 extension format on load; inline lists stay.
    with zipfile.ZipFile(plan_path) as z:
        sheet_xml = z.read(f"xl/worksheets/sheet{EXPECTED_SHEETS.index(WORK_SHEET) + 1}.xml").decode("utf-8")
    assert "x14:dataValidation" not in sheet_xml
    assert sheet_xml.count("<dataValidation ") == 9


def test_conditional_formatting_for_status_and_overdue(wb):
    ws = wb[WORK_SHEET]
    cols = columns(ws)
    rules = {str(rng.sqref): [r.formula[0] for r in rng.rules] for rng in ws.conditional_formatting}
    status_rules = next(v for k, v in rules.items() if k.startswith(cols["Status"]))
    assert any('="in uitvoering"' in f for f in status_rules)
    assert any('="gereed"' in f for f in status_rules)
    overdue = next(v for k, v in rules.items() if k.startswith(cols["Einde"]))[0]
    assert "TODAY()" in overdue and '<>"gereed"' in overdue and '<>"vervallen"' in overdue


def test_freeze_panes_and_print_setup(wb):
    ws = wb[WORK_SHEET]
    assert ws.freeze_panes == f"C{PLAN_HEADER_ROW + 1}"
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    # printed one page wide: the columns a project lead fills in (the rest prints on the director's sheets)
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.print_area == f"'{WORK_SHEET}'!$A$1:$M${ws.max_row}"
    assert [c.header for c in PLAN_COLUMNS[:13]][-1] == "Bijsturing / vervolg"
    assert "Besluit" in [c.header for c in PLAN_COLUMNS[:13]]  # the decision prints
    assert ws.print_title_rows == f"${PLAN_HEADER_ROW - 1}:${PLAN_HEADER_ROW}"
    assert "&P" in ws.oddFooter.right.text and "&N" in ws.oddFooter.right.text
    for name in ("Samenvatting", "BSC", "5 beloften", "Antwoord", "Kengetallen", "Bronnen"):
        other = wb[name]
        assert int(other.page_setup.paperSize) == 9, name
        assert other.sheet_properties.pageSetUpPr.fitToPage, name
        assert other.oddFooter.right.text == "Pagina &P van &N", name
    assert wb["BSC"].print_title_rows == "$4:$4"
    assert wb["BSC"].freeze_panes is not None


def test_workbook_properties(wb):
    props = wb.properties
    assert props.title == "Verbeterplan dienstverlening Gemeente Proef"
    assert "01-03-2026" in props.subject
    assert props.creator == "Dienstscan"
    assert "import-plan" in props.description


def test_hidden_metadata_for_the_read_back(wb, assessment):
    ws = wb[META_SHEET]
    assert ws.sheet_state == "hidden" and ws.protection.sheet
    found = meta(wb)
    assert found["formaat"] == [FORMAT_NAME]
    assert found["formaatversie"] == [FORMAT_VERSION]
    assert found["scan_id"] == [assessment.id]
    assert found["checklist:BSC"] == ["2.2"]
    assert found["actie"] == [a.id for a in visible_actions(assessment)]


def test_framework_sheets_hold_every_item_with_answer_and_analysis(wb, checklists, assessment):
    bsc = wb["BSC"]
    cols = columns(bsc, 4)
    for header in ("Recht van de burger", "Plicht van de overheid", "Belemmeringen", "Oorzaken", "Oplossingen",
                   "Draagvlak: ja"):
        assert header in cols, header
    rows = {r[0]: r for r in bsc.iter_rows(min_row=5, values_only=True) if r[0]}
    assert set(rows) == {"BSC-01", "BSC-02", "BSC-03"}
    headers = [c.value for c in bsc[4]]
    bsc03 = dict(zip(headers, rows["BSC-03"], strict=True))
    assert bsc03["Antwoord"] == "Niet toegepast"
    assert bsc03["Uitleg / toelichting"] == "Nog geen overzicht van rechten en plichten."
    assert bsc03["Belemmeringen"] == "• Geen tijd\n• Geen eigenaar"
    bsc01 = dict(zip(headers, rows["BSC-01"], strict=True))
    assert (bsc01["Draagvlak: ja"], bsc01["twijfel"], bsc01["nee"]) == (13, 2, 3)
    five = wb["5 beloften"]
    headers = [c.value for c in five[4]]
    items = {r[0]: dict(zip(headers, r, strict=True)) for r in five.iter_rows(min_row=5, values_only=True) if r[0]}
    assert len(items) == 6
    assert items["5B-2.01"]["Status in regelgeving"] == "wettelijk verplicht"
    assert items["5B-2.03"]["Antwoord"] == "Niet van toepassing"
    assert five.auto_filter.ref.startswith("A4:")


def test_key_figures_and_sources(wb):
    kf = wb["Kengetallen"]
    rows = {r[0]: r for r in kf.iter_rows(min_row=5, values_only=True) if r[0]}
    wacht = rows["Gemiddelde wachttijd aan de balie"]
    assert "12,5" in wacht[1]
    assert wacht[2] == dt.datetime(2026, 1, 31)
    assert "VNG-norm" in wacht[3]
    assert rows["Rapportcijfer burger als klant"][1] == "niet ingevuld"
    bronnen = wb["Bronnen"]
    docs = {r[0] for r in bronnen.iter_rows(min_row=5, values_only=True) if r[0]}
    assert docs == {"002_df95863a505375c9.txt", "bron.txt"}


def test_empty_plan_still_has_a_table_to_type_in(tmp_path, checklists):
    scan = Assessment(organisation=Organisation(name="Leeg & Co"), peildatum=dt.date(2026, 1, 1),
                      frameworks=["BSC"])
    path = tmp_path / "leeg.xlsx"
    export_plan(checklists, scan, path)
    wb = load_workbook(path)
    ws = wb[WORK_SHEET]
    assert ws.tables["WerkbladPDCA"].ref == f"A{PLAN_HEADER_ROW}:U{PLAN_HEADER_ROW + 1}"
    assert meta(wb).get("actie") is None
    assert ws.oddHeader.left.text == "Leeg && Co"  # '&' is a code in Excel headers


def test_export_with_checklists_loaded_from_yaml(tmp_path, edit_plan):
    checklists = load_checklists(Path(__file__).resolve().parents[2] / "fixtures" / "checklists" / "valid")
    scan = Assessment(organisation=Organisation(name="Gemeente Test"), peildatum=dt.date(2026, 6, 1),
                      frameworks=[fw.id for fw in checklists.frameworks],
                      checklist_versions={fw.id: fw.version for fw in checklists.frameworks})
    for fw in checklists.frameworks:
        for item in fw.all_items():
            scale = checklists.scale_for(item.id)
            gap = next((o for o in scale.options if o.gap), None)
            if gap:
                scan.answer(item.id).option = gap.id
                if gap.requires_explanation:
                    scan.answer(item.id).explanation = "Nog niet"
    propose_actions(checklists, scan)
    add_own_action(scan, "Eigen actie")
    path = tmp_path / "yaml.xlsx"
    export_plan(checklists, scan, path)
    wb = load_workbook(path)
    assert [fw.short_title for fw in checklists.frameworks] == wb.sheetnames[4:4 + len(checklists.frameworks)]
    column = [c.value for c in wb[WORK_SHEET]["A"][PLAN_HEADER_ROW:]]
    ids = [v for v in column if v and v != "ID" and not v.startswith("Voorstellen")]
    # the decided actions first (here the own action), then the proposals under a heading of
    # their own, each in the plan's order (plan.plan_order, as on the Verbeterplan and Voorstellen sheets)
    assert column[1:3] == [None, None] and column[3].startswith("Voorstellen: nog niet besloten")
    assert column[4] == "ID"
    assert ids == ["E-1", *[a.id for a in plan_order([a for a in scan.actions if a.id != "E-1"])]] and len(ids) > 1
    assert scan.actions[-1].id == "E-1"


def test_export_replaces_the_file_at_once_and_leaves_no_temp_files(tmp_path, checklists, assessment):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"oud")
    export_plan(checklists, assessment, path)
    assert zipfile.is_zipfile(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.xlsx"]
    assert os.stat(path).st_mode & 0o044  # a normal document, readable by others like any file


def test_long_texts_get_taller_rows(tmp_path, checklists, assessment):
    assessment.actions[0].description = "Een lange toelichting " * 20
    wb = build_workbook(checklists, assessment)
    ws = wb[WORK_SHEET]
    r = next(c.row for c in ws["A"] if c.value == assessment.actions[0].id)
    assert ws.row_dimensions[r].height > 3 * 14
    assert ws.row_dimensions[r + 1].height is None or ws.row_dimensions[r + 1].height < ws.row_dimensions[r].height


def test_framework_columns_fit_their_content(wb):
    bsc_headers = [c.value for c in wb["BSC"][4]]
    assert bsc_headers[:2] == ["ID", "Norm"]  # no section column for a framework without sections
    assert wb["BSC"].freeze_panes == "C5"
    five = wb["5 beloften"]
    headers = {c.value: c.column_letter for c in five[4]}
    # the printed reading columns first, the section (Belofte) on screen after them
    names = list(headers)
    assert names[:2] == ["ID", "Instrument"]
    assert names.index("Belofte") == names.index("Uitleg / toelichting") + 1
    notes = five.column_dimensions[headers["Notities"]].width  # nobody wrote notes: header-wide only
    assert notes == len("Notities") + 2
    assert five.column_dimensions[headers["Instrument"]].width < 38  # short instrument names
    # The wrapped header 'Status in regelgeving' gets a row tall enough for it.
    assert five.row_dimensions[4].height >= 2 * 14.5


def test_lines_needed_wraps_at_spaces():
    from dienstscan.export.common.layout import lines_needed

    assert lines_needed("", 10) == 1
    assert lines_needed("aaaa bbbb", 10) == 1
    assert lines_needed("aaaa bbbb cccc", 10) == 2
    assert lines_needed("x" * 25, 10) == 3
    assert lines_needed("a\nb\n\nc", 10) == 4


def test_scores_prints_the_charts_but_not_their_data_table(wb):
    ws = wb["Scores"]
    note_row = next(c.row for c in ws["A"] if c.value == "Gegevens voor de grafiek")
    last_printed = int(ws.print_area.split(":")[1].lstrip("$ABCDEFG").replace("$", ""))
    assert last_printed < note_row
    chart_top = next(c.row for c in ws["A"] if str(c.value).startswith("Grafiek: scores naast de benchmarks")) + 1
    assert chart_top < last_printed
    assert [b.id for b in ws.row_breaks.brk] == [chart_top - 2]  # the chart starts on a new page


def test_framework_sheets_print_the_teams_notes_by_section_and_colour_answers(tmp_path, checklists, assessment):
    """The Notities column is not printed: the notes print in full under the table, grouped by
    section (issue 24), and each answer's cell is coloured by its weight in the score."""
    from openpyxl.utils import range_boundaries

    fw = next(f for f in checklists.frameworks if f.sections and f.id in assessment.frameworks)
    first, second = fw.sections[0].items[0], fw.sections[-1].items[-1]
    for item, text in ((first, "Eerste notitie van het team"), (second, "Tweede notitie\nover twee regels")):
        answer = assessment.answers.get(item.id)
        if answer is None:
            from dienstscan.model import Answer

            answer = assessment.answers[item.id] = Answer()
        answer.notes = text
    path = tmp_path / "plan.xlsx"
    export_plan(checklists, assessment, path)
    ws = load_workbook(path)[next(ws for ws in load_workbook(path).sheetnames if ws.startswith(fw.short_title[:10]))]
    _, _, _, last_printed = range_boundaries(str(ws.print_area).split("!")[-1].replace("$", ""))
    texts = {(c.row, c.column): c.value for row in ws.iter_rows(max_row=last_printed) for c in row if c.value}
    [start] = [r for (r, col), v in texts.items() if v == "Aantekeningen van het team bij de antwoorden, per onderdeel"]
    below = [(r, col, v) for (r, col), v in texts.items() if r > start]
    assert (fw.sections[0].heading()) in [v for _, _, v in below]
    assert (fw.sections[-1].heading()) in [v for _, _, v in below]
    assert [v for _, col, v in below if col == 1 and v in (first.id, second.id)] == [first.id, second.id]
    assert "Eerste notitie van het team" in [v for *_, v in below]
    assert "Tweede notitie\nover twee regels" in [v for *_, v in below]
    # answers coloured by weight
    header = next(r for (r, col), v in texts.items() if v == "Antwoord")
    answer_col = next(col for (r, col), v in texts.items() if r == header and v == "Antwoord")
    fills = {}
    for r in range(header + 1, start):
        cell = ws.cell(row=r, column=answer_col)
        if cell.value and cell.value != "Niet beantwoord":
            fills.setdefault(cell.value, set()).add(cell.fill.fgColor.rgb[-6:])
    assert fills and all(len(colours) == 1 for colours in fills.values()), fills
    assert set().union(*fills.values()) <= {"C6EFCE", "FFEB9C", "FFC7CE", "E7E6E6"}
