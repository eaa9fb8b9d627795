"""Where each source is used, as the Bronnen sheet and the report's Bronnen chapter say it."""

from __future__ import annotations

from dienstscan.checklists import load_checklists
from dienstscan.export.common.sources import source_rows


def _row(title_start: str):
    checklists = load_checklists()
    return next(r for r in source_rows(checklists, checklists.frameworks) if r.title.startswith(title_start))


def test_consecutive_items_of_one_section_are_a_run_and_each_kind_is_named_once():
    bsc = _row("Scriptie BurgerServiceCode")
    # the ten norms are one run; the other items follow in checklist order
    assert bsc.used_by.startswith("BSC, BSC-01 t/m BSC-10, 5B-1.01, 5B-2.08, ")
    assert "kengetallen: " in bsc.used_by and bsc.used_by.count("kengetal") == 1
    assert "benchmark: het kabinet in het programma Burgerlink" in bsc.used_by


def test_a_run_never_crosses_into_another_section():
    bergen = _row("Gemeente Bergen (NH)")
    runs = [part for part in bergen.used_by.split("; ")[0].split(", ") if " t/m " in part]
    assert runs
    for run in runs:
        first, last = run.split(" t/m ")
        # same section prefix: ANT-PK-01 t/m ANT-PK-05, 5B-2.04 t/m 5B-2.07
        assert first.rsplit("-", 1)[0] == last.rsplit("-", 1)[0] if first.startswith("ANT") \
            else first.split(".")[0] == last.split(".")[0], run
    # an item that is not in a run of three stays on its own
    assert "5B-1.02, 5B-1.06, 5B-1.07, " in bergen.used_by


def test_every_cited_item_is_still_named():
    checklists = load_checklists()
    rows = source_rows(checklists, checklists.frameworks)
    text = " ".join(r.used_by for r in rows)
    for fw in checklists.frameworks:
        items = fw.all_items()
        for n, item in enumerate(items):
            if item.id in text:
                continue
            # inside a run: some run 'A t/m B' around it in the same framework's order
            ids = [i.id for i in items]
            assert any(f"{a} t/m {b}" in text for a in ids[:n] for b in ids[n + 1:]), item.id
