"""The *Voortgang* sheet: the example scan as the baseline, a year later as the current scan;
the exported workbook re-opened and its cells asserted. Also ``dienstscan export --basis``."""

from __future__ import annotations


import pytest
from cycle_scans import baseline_scan, current_scan, real_checklists
from openpyxl import load_workbook

from dienstscan.cli import main
from dienstscan.export.excel_plan import export_plan
from dienstscan.export.common.progress import delta_text
from dienstscan.cycle import ScoreChange
from dienstscan.storage import save_scan


@pytest.fixture(scope="module")
def scans():
    checklists = real_checklists()
    baseline = baseline_scan()
    return checklists, baseline, current_scan(checklists, baseline)


def rows(ws) -> list[list[object]]:
    return [list(r) for r in ws.iter_rows(values_only=True)]


def row_starting(ws, first: str) -> list[object]:
    found = [r for r in rows(ws) if r and r[0] == first]
    assert found, f"no row starting with {first!r}"
    return found[0]


def section_rows(ws, heading: str) -> list[list[object]]:
    """The rows of the table under ``heading`` (after its header row, until an empty row)."""
    all_rows = rows(ws)
    start = next(i for i, r in enumerate(all_rows) if r[0] == heading)
    header = next(i for i in range(start + 1, len(all_rows)) if all_rows[i][0] in ("Kader", "Item", "Actie"))
    out = []
    for r in all_rows[header + 1:]:
        if all(v is None for v in r):
            break
        out.append(r)
    return out


def test_without_baseline_there_is_no_progress_sheet(tmp_path, scans):
    checklists, _baseline, current = scans
    export_plan(checklists, current, tmp_path / "plan.xlsx")
    assert "Voortgang" not in load_workbook(tmp_path / "plan.xlsx").sheetnames


def test_progress_sheet_scores_items_actions_and_not_comparable(tmp_path, scans):
    checklists, baseline, current = scans
    path = tmp_path / "plan.xlsx"
    export_plan(checklists, current, path, baseline=baseline)
    wb = load_workbook(path)
    assert wb.sheetnames[:3] == ["Samenvatting", "Voortgang", "Verbeterplan"]
    ws = wb["Voortgang"]
    assert ws["A1"].value == "Voortgang sinds 05-07-2011"
    assert "05-07-2012" in ws["A2"].value and "05-07-2011" in ws["A2"].value

    # per framework and section, with both dates in the headers
    scores = section_rows(ws, "Scores per kader en onderdeel")
    header = rows(ws)[[r[0] for r in rows(ws)].index("Kader")]
    assert header[2:] == ["Score 05-07-2011", "Score 05-07-2012", "Verschil"]
    bsc = row_starting(ws, "BSC")
    assert bsc[2:] == ["40%", "50%", "+10 punten"]
    five = row_starting(ws, "5 beloften")
    assert five[4].startswith("\u2212") and five[4].endswith(("punt", "punten"))
    # the difference of the values as shown: the three cells of a row add up
    assert int(five[3].rstrip("%")) - int(five[2].rstrip("%")) == -int(five[4][1:].split()[0])
    belofte1 = next(r for r in scores if r[1] and r[1].startswith("Belofte 1"))
    assert belofte1[4] != "gelijk"
    assert any(r[1] and r[1].startswith("Belofte 2") and r[4] == "gelijk" for r in scores)

    # per item: every kind of change, worse first, unchanged items left out
    items = section_rows(ws, "Wat is er per item veranderd")
    by_id = {r[0]: r for r in items}
    assert by_id["5B-1.01"][2:] == ["Niet ingevoerd", "Ingevoerd", "beter"]
    assert by_id["5B-1.02"][4] == "slechter"
    assert by_id["5B-1.05"][2:] == ["Niet van toepassing", "Ingevoerd", "nieuw"]
    assert by_id["5B-1.04"][3:] == ["niet beantwoord", "vervallen"]
    assert by_id["BSC-04"][4] == "beter" and by_id["ANT-PK-02"][4] == "beter"
    assert items[0][4] == "slechter"
    assert "5B-1.03" not in by_id  # gelijk
    assert any(r[0] == "5 beloften: 1 slechter, 1 beter, 1 nieuw, 1 vervallen, 36 gelijk." for r in rows(ws))

    # actions completed (and cancelled) in between
    actions = {r[0]: r for r in section_rows(ws, "Acties afgerond of vervallen tussen 05-07-2011 en 05-07-2012")}
    assert actions["V-5B-1.01"][2:4] == ["In uitvoering", "Gereed"]
    cancelled = [r for r in actions.values() if r[3] == "Vervallen"]
    assert len(cancelled) == 1

    # what could not be compared is listed, not dropped
    not_comparable = section_rows(ws, "Niet te vergelijken")
    assert not_comparable[0][0] == "5B-9.99" and "niet in de huidige checklists" in not_comparable[0][1]
    assert ws.page_setup.orientation == "portrait" and ws.page_setup.fitToWidth == 1


def test_no_change_and_no_completed_action_say_so(tmp_path, scans):
    checklists, baseline, _current = scans
    path = tmp_path / "plan.xlsx"
    export_plan(checklists, baseline, path, baseline=baseline)
    ws = load_workbook(path)["Voortgang"]
    assert section_rows(ws, "Wat is er per item veranderd")[0][1] == "Geen item is veranderd."
    assert any(r[0] == "Alle items van beide scans konden worden vergeleken." for r in rows(ws))
    assert row_starting(ws, "BSC")[4] == "gelijk"


def test_delta_text():
    def change(before, after, kind):
        return ScoreChange(id="x", title="x", baseline=before, current=after,
                           delta=None if before is None or after is None else after - before, change=kind)
    # the difference of the shares as shown (40% -> 53%), so the row adds up (issue 24)
    assert delta_text(change(40.0, 52.5, "better")) == "+13 punten"
    assert delta_text(change(37.5, 50.0, "better")) == "+12 punten"  # 38% -> 50%
    assert delta_text(change(40.0, 41.0, "better")) == "+1 punt"
    assert delta_text(change(40.0, 40.01, "same")) == "gelijk"
    assert delta_text(change(None, 40.0, "new")) == "nieuw"
    assert delta_text(change(None, None, None)) == "geen score"


def test_cli_export_with_basis(tmp_path, scans, capsys):
    checklists, baseline, current = scans
    save_scan(baseline, tmp_path / "vorige.dienstscan")
    save_scan(current, tmp_path / "nu.dienstscan")
    out = tmp_path / "plan.xlsx"
    assert main(["export", str(tmp_path / "nu.dienstscan"), "-o", str(out),
                 "--basis", str(tmp_path / "vorige.dienstscan")]) == 0
    assert load_workbook(out)["Voortgang"]["A1"].value == "Voortgang sinds 05-07-2011"
    code = main(["export", str(tmp_path / "nu.dienstscan"), "-o", str(tmp_path / "x.xlsx"),
                 "--basis", str(tmp_path / "bestaat-niet.dienstscan")])
    assert code != 0
    assert "bestaat-niet.dienstscan" in capsys.readouterr().err
    assert not (tmp_path / "x.xlsx").exists()
