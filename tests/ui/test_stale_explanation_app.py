"""The app marks an earlier why-not as the operations (and so the CLI) do: same answer, same file."""

from __future__ import annotations

from pathlib import Path

from dienstscan import operations
from dienstscan.storage import load_scan, save_scan
from dienstscan.ui.document import ScanDocument

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "gemeente-voorbeeld.dienstscan"
WHY_NOT = "Geen balie op zaterdag"


def test_the_app_and_the_operations_mark_alike_and_save_alike(qtbot, real_checklists, tmp_path):
    doc = ScanDocument(real_checklists, load_scan(EXAMPLE), unsaved=True)
    try:
        doc.set_option("BSC-01", "deels")
        doc.set_text("BSC-01", "explanation", WHY_NOT)
        doc.set_option("BSC-01", "toegepast")
        in_app = doc.answer("BSC-01")
        save_scan(doc.assessment, tmp_path / "app.dienstscan")
        doc.undo_stack.undo()  # Toegepast taken back: the text is the why-not of Deels toegepast again
        assert doc.answer("BSC-01").explanation_written_for is None
        doc.undo_stack.redo()
        assert doc.answer("BSC-01").explanation_written_for == "deels"
        doc.undo_stack.setClean()
    finally:
        doc.close()

    mirror = load_scan(EXAMPLE)
    operations.set_answer(real_checklists, mirror, "BSC-01", "deels")
    operations.put_answer(real_checklists, mirror, "BSC-01",
                          operations.answer_with_explanation(mirror.answers["BSC-01"], WHY_NOT))
    operations.set_answer(real_checklists, mirror, "BSC-01", "toegepast")
    by_operations = mirror.answers["BSC-01"]
    assert in_app.explanation_written_for == by_operations.explanation_written_for == "deels"
    assert in_app.model_dump(exclude={"answered_at"}) == by_operations.model_dump(exclude={"answered_at"})
    reopened = load_scan(tmp_path / "app.dienstscan").answers["BSC-01"]
    assert reopened.model_dump(exclude={"answered_at"}) == by_operations.model_dump(exclude={"answered_at"})
