"""Issue 20, class 1 for the participant forms (the other Excel read-back): a formula without a
computed value or an Excel error value in an answer is named by file and sheet!cell, never read as
empty or as text; a renamed .ods or a protected workbook gets the same Dutch refusal as the plan."""

from __future__ import annotations

import warnings
import zipfile

import pytest
from test_forms import _fill, checklists, scan  # noqa: F401  (fixtures)

from dienstscan.export.common.reading import OLE_MAGIC
from dienstscan.export.forms.workbook import FORM_SHEET, read_participant_forms, write_participant_form


@pytest.mark.parametrize("value,needle", [('=IF(1,"Toegepast","")', "heeft geen berekende waarde"),
                                          ("#N/A", "de cel bevat de Excel-foutwaarde #N/A"),
                                          ("#REF!", "de cel bevat de Excel-foutwaarde #REF!")])
def test_an_unreadable_answer_is_named_not_skipped(checklists, scan, tmp_path, value, needle):  # noqa: F811
    path = tmp_path / "form.xlsx"
    write_participant_form(checklists, scan, path, "Deelnemer 1")
    _fill(path, {"BSC-01": value})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = read_participant_forms(checklists, scan, [path])
    assert not caught
    assert not result.ok
    assert any(p.startswith(f"form.xlsx, {FORM_SHEET}!") and needle in p for p in result.problems), result.problems
    assert "BSC-01" not in result.answers


def test_an_ods_and_a_protected_form_are_refused_in_dutch(checklists, scan, tmp_path):  # noqa: F811
    ods = tmp_path / "ods.xlsx"
    with zipfile.ZipFile(ods, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<x/>")
    protected = tmp_path / "slot.xlsx"
    protected.write_bytes(OLE_MAGIC + b"\0" * 600 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 600)
    result = read_participant_forms(checklists, scan, [ods, protected])
    text = "\n".join(result.problems)
    assert "ods.xlsx: kan het formulier niet lezen. ods.xlsx is een OpenDocument-werkblad (.ods" in text
    assert "slot.xlsx is met een wachtwoord beveiligd" in text
