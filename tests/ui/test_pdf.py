"""The PDF report through Qt (offscreen): text, pages, running header, charts, rows, CLI and GUI entry.

The PDF's text is read back with ``pdftotext`` (poppler-utils); the tests that need it are
skipped only when it is not installed.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from plan_factory import make_assessment, make_checklists

from dienstscan.plan import visible_actions
from dienstscan.export.report.html import render_report_html

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) ontbreekt")


def pdf_pages(path: Path) -> list[str]:
    """The text of every page (pdftotext separates pages with a form feed)."""
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True).stdout
    pages = out.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def pdf_body_pages(path: Path) -> list[str]:
    """The text inside the body area of every page (between running header and footer; A4 in
    points: 25 mm from the top, 252 mm high), without the running header and footer."""
    out = subprocess.run(["pdftotext", "-x", "0", "-y", "71", "-W", "595", "-H", "714", str(path), "-"],
                         capture_output=True, check=True, text=True).stdout
    pages = out.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def pdf_footer_pages(path: Path) -> list[str]:
    """The text of every page's footer band (below the body area), read by itself (Qt once wrote
    hidden text of the next page into the bottom margin, where it mixed with the footer's line)."""
    out = subprocess.run(["pdftotext", "-x", "0", "-y", "785", "-W", "595", "-H", "57", str(path), "-"],
                         capture_output=True, check=True, text=True).stdout
    pages = out.split("\f")
    return pages[:-1] if len(pages) > 1 and not pages[-1].strip() else pages


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def report_scan():
    checklists = make_checklists()
    return checklists, make_assessment(checklists)


@pytest.fixture
def report_pdf(tmp_path, report_scan) -> tuple[Path, int]:
    from dienstscan.ui.pdf import write_pdf

    checklists, assessment = report_scan
    path = tmp_path / "rapport.pdf"
    pages = write_pdf(render_report_html(checklists, assessment), path)
    return path, pages


def test_pdf_is_a4_with_several_pages(report_pdf):
    path, pages = report_pdf
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    assert pages >= 6  # cover, summary, three frameworks, key figures, plan, sources
    assert b"/MediaBox [0 0 595" in data or b"/MediaBox [0 0 594" in data


@needs_pdftotext
def test_pdf_text_holds_organisation_scores_and_every_action(report_pdf, report_scan):
    path, _ = report_pdf
    _, assessment = report_scan
    text = flat(" ".join(pdf_pages(path)))
    assert "Gemeente Proef" in text
    assert "BurgerServiceCode 33%" in text and "5 beloften 40%" in text
    assert "gemiddeld niveau 2,0 van 4" in text  # a growth level, not a percentage
    assert "Met 40% (2 van 5 toepasselijke instrumenten ingevoerd): lager dan Bergen op 5 juli 2011 (50%)" in text
    for action in visible_actions(assessment):
        assert action.id in text
        # a title may wrap inside its table cell; its words stay in order
        words = action.title.split()
        assert all(w in text for w in words), action.title
    assert "Ja 13 / Twijfel 2 / Nee 3 van 18" in text


@needs_pdftotext
def test_running_header_page_numbers_and_no_empty_pages(report_pdf):
    path, pages = report_pdf
    texts = pdf_pages(path)
    assert len(texts) == pages
    assert "peildatum 1 maart 2026" not in texts[0]  # the cover carries no running header
    footers = pdf_footer_pages(path)
    assert len(footers) == pages
    for number, page in enumerate(texts, start=1):
        assert f"Pagina {number} van {pages}" in flat(footers[number - 1])
        if number > 1:
            assert "Gemeente Proef · peildatum 1 maart 2026" in page
        body = page.replace("Gemeente Proef · peildatum 1 maart 2026", "").replace(f"Pagina {number} van {pages}", "")
        body = body.replace("Dienstscan", "")
        assert len(body.split()) > 5, f"pagina {number} is (bijna) leeg"


@needs_pdftotext
def test_chart_is_drawn_as_vectors_with_its_labels(report_pdf):
    path, _ = report_pdf
    summary = flat(" ".join(pdf_pages(path)[0:3]))  # the summary opens on page 1
    # text inside the SVG chart is real text in the PDF, so it was drawn as vectors, not as a picture
    assert "Score per kader (aandeel volledig) naast de benchmarks" in summary
    assert "de top-10 gemeenten (2010): 85%" in summary
    assert "Groeiniveau (0 tot 4) naast de ambitie" in summary
    assert b"/Subtype /Image" not in path.read_bytes()


@needs_pdftotext
def test_table_rows_are_not_split_across_pages(tmp_path):
    from dienstscan.ui.pdf import write_pdf

    rows = "".join(
        f"<tr><td>begin{n}</td><td>{'tekst ' * (12 if n % 5 else 90)} eind{n}</td></tr>" for n in range(120)
    )
    html = (f'<html><head><meta name="dienstscan-kop" content="Proef"></head><body><h1>Tabel</h1>'
            f'<table border="1" width="100%"><thead><tr><th>Kop</th><th>Tekst</th></tr></thead>{rows}</table>'
            f"</body></html>")
    path = tmp_path / "tabel.pdf"
    pages = write_pdf(html, path)
    assert pages > 2
    texts = [flat(t) for t in pdf_pages(path)]
    for n in range(120):
        where_begin = [i for i, t in enumerate(texts) if f"begin{n} " in t + " "]
        where_end = [i for i, t in enumerate(texts) if f"eind{n} " in t + " "]
        assert where_begin == where_end, f"rij {n} is over twee pagina's verdeeld"
    for text in texts:
        assert text.count("Kop Tekst") == 1  # the header row repeats on every page


def test_unwritable_path_raises_oserror_and_leaves_no_file(tmp_path, report_scan):
    from dienstscan.ui.pdf import write_pdf

    target = tmp_path / "bestaat-niet" / "rapport.pdf"
    with pytest.raises(OSError):
        write_pdf("<p>tekst</p>", target)
    assert not target.exists()


def test_svg_to_png_renders_the_chart():
    from PySide6.QtGui import QImage

    from dienstscan.export.common.chart_rows import ScoreRow
    from dienstscan.export.report.svgchart import bar_chart
    from dienstscan.ui.pdf import svg_to_png

    png = svg_to_png(bar_chart([ScoreRow("BSC", "BSC", 50.0, "50%")], title="Proef", width=400), dpi=192)
    image = QImage.fromData(png, "PNG")
    assert image.width() == 800  # twice the CSS width at 192 dpi
    assert image.pixelColor(image.width() // 2, 2).name() == "#ffffff"


@needs_pdftotext
def test_cli_report_pdf(tmp_path, report_scan, capsys):
    import json

    from dienstscan.cli import main
    from dienstscan.storage import save_scan

    checklists, assessment = report_scan
    folder = tmp_path / "checklists"
    folder.mkdir()
    dump = {"scales": [s.model_dump(mode="json") for s in checklists.scales.values()],
            "themes": [t.model_dump(mode="json") for t in checklists.themes.values()],
            "benchmarks": [b.model_dump(mode="json") for b in checklists.benchmarks],
            "key_figures": [k.model_dump(mode="json") for k in checklists.key_figures.values()]}
    (folder / "algemeen.yaml").write_text(json.dumps(dump), encoding="utf-8")
    for fw in checklists.frameworks:
        (folder / f"{fw.id.lower()}.yaml").write_text(json.dumps({"framework": fw.model_dump(mode="json")}),
                                                      encoding="utf-8")
    scan = tmp_path / "proef.dienstscan"
    save_scan(assessment, scan)
    out = tmp_path / "rapport.pdf"
    assert main(["report", str(scan), "-o", str(out), "--checklists", str(folder)]) == 0
    assert f"Rapport geschreven naar {out}" in capsys.readouterr().out
    text = flat(" ".join(pdf_pages(out)))
    assert "Gemeente Proef" in text
    for action in visible_actions(assessment):
        assert action.id in text


class _Doc:
    """What export_report_dialog needs of a ScanDocument."""

    def __init__(self, checklists, assessment, path=None):
        self.checklists, self.assessment, self.path = checklists, assessment, path
        self.baseline = None  # no comparison

    @property
    def snapshot(self):
        from dienstscan.ui.document import ScanDocument

        return ScanDocument.snapshot.__get__(self)  # the document's own copy for the worker


@pytest.mark.parametrize("suffix", [".pdf", ".docx", ".html"])
def test_export_report_dialog_writes_the_chosen_format(qtbot, tmp_path, monkeypatch, report_scan, fake_dialogs,
                                                       suffix):
    from dienstscan.ui import report_dialog

    checklists, assessment = report_scan
    target = tmp_path / f"rapport{suffix}"
    asked: list[Path] = []
    monkeypatch.setattr(report_dialog, "ask_report_path", lambda parent, suggested: asked.append(suggested) or (target, False))
    doc = _Doc(checklists, assessment, tmp_path / "proef.dienstscan")
    assert report_dialog.export_report_dialog(None, doc) == target
    assert asked == [tmp_path / "Gemeente Proef 2026-03-01 rapport.pdf"]
    data = target.read_bytes()
    assert data.startswith({".pdf": b"%PDF", ".docx": b"PK", ".html": b"<!DOCTYPE html>"}[suffix])
    assert fake_dialogs.count("show_error") == 0


def test_export_report_dialog_reports_a_write_error_in_dutch(qtbot, tmp_path, monkeypatch, report_scan,
                                                             fake_dialogs):
    from dienstscan.ui import report_dialog

    checklists, assessment = report_scan
    target = tmp_path / "bestaat-niet" / "rapport.pdf"
    monkeypatch.setattr(report_dialog, "ask_report_path", lambda parent, suggested: (target, False))
    assert report_dialog.export_report_dialog(None, _Doc(checklists, assessment)) is None
    [message] = fake_dialogs.messages("show_error")
    assert message.startswith(f"Kan '{target}' niet opslaan: de map of het bestand bestaat niet. Er is niets opgeslagen.")


def test_export_report_dialog_cancelled(qtbot, monkeypatch, report_scan, fake_dialogs):
    from dienstscan.ui import report_dialog

    checklists, assessment = report_scan
    monkeypatch.setattr(report_dialog, "ask_report_path", lambda parent, suggested: None)
    assert report_dialog.export_report_dialog(None, _Doc(checklists, assessment)) is None
    assert fake_dialogs.shown == []


EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "gemeente-voorbeeld.dienstscan"


@needs_pdftotext
@pytest.mark.skipif(not EXAMPLE.is_file(), reason="de voorbeeldscan ontbreekt nog")
def test_example_scan_report_reads_well(tmp_path):
    """The shipped example with the shipped checklists: every action present, no page (nearly)
    empty, no table row cut by a page boundary."""
    from dienstscan.checklists import default_checklist_dir, load_checklists
    from dienstscan.storage import load_scan
    from dienstscan.ui.pdf import MM, paginate, write_pdf
    from dienstscan.ui.pdf import _first_cut as first_cut

    checklists = load_checklists(default_checklist_dir())
    assessment = load_scan(EXAMPLE)
    html = render_report_html(checklists, assessment)
    path = tmp_path / "voorbeeld.pdf"
    pages = write_pdf(html, path)
    texts = pdf_pages(path)
    assert len(texts) == pages
    body = (210 - 36) * MM, (297 - 45) * MM
    docs, _keep, moves = paginate(html, *body)
    assert moves > 0  # the example has rows that had to move
    assert sum(doc.pageCount() for doc in docs) == pages
    for doc in docs:
        cut = first_cut(doc, body[1])
        assert cut is None or cut[0] == "heading", cut
    for number, page in enumerate(pdf_body_pages(path), start=1):
        if page.split()[:1] == ["Inhoud"]:
            continue  # the contents: one line per chapter
        assert len(page.split()) > 20, f"pagina {number} is (bijna) leeg"
    text = flat(" ".join(texts))
    assert assessment.organisation.name in text
    for action in visible_actions(assessment):
        assert action.id in text


def test_report_is_made_chapter_by_chapter_in_the_gui_thread_and_offers_open_and_folder(
        qtbot, tmp_path, monkeypatch, report_scan, fake_dialogs):
    """Qt prints only in the GUI thread (a worker thread printing the PDF deadlocked with the
    progress dialog on a busy machine); between chapters the window gets its events (it repaints,
    Annuleren is seen), progress goes to the dialog, and afterwards the user may open the report
    or its folder."""
    import threading

    from PySide6.QtCore import QTimer

    from dienstscan.ui import report_dialog

    monkeypatch.setattr(report_dialog, "runs_without_qt", lambda path: False)  # the Qt print's way
    checklists, assessment = report_scan
    target = tmp_path / "rapport.pdf"
    monkeypatch.setattr(report_dialog, "ask_report_path", lambda parent, suggested: (target, False))
    threads, steps, events_seen = [], [], []
    real = report_dialog.write_report

    def spy(*args, progress, **kwargs):
        threads.append(threading.current_thread() is threading.main_thread())
        fired: list[int] = []
        QTimer.singleShot(0, lambda: fired.append(1))  # an event the window gets while the report is made

        def counted(done, total):
            events_seen.append(bool(fired))
            steps.append((done, total))
            progress(done, total)
            events_seen.append(bool(fired))
        return real(*args, progress=counted, **kwargs)

    monkeypatch.setattr(report_dialog, "write_report", spy)
    opened: list[Path] = []
    monkeypatch.setattr(report_dialog, "open_location", lambda path: opened.append(path) or True)
    fake_dialogs.open_report = "folder"
    assert report_dialog.export_report_dialog(None, _Doc(checklists, assessment)) == target
    assert threads == [True]  # the GUI thread
    assert events_seen[0] is False and events_seen[1] is True  # the first step let the event through
    totals = {total for _, total in steps}
    assert len(totals) == 1 and totals.pop() > 1  # one step per chapter of the report
    assert max(done for done, _ in steps) == steps[-1][1] - 1
    assert fake_dialogs.count("ask_open_report") == 1
    assert opened == [tmp_path]  # Map tonen opens the folder
    fake_dialogs.open_report = "open"
    report_dialog.export_report_dialog(None, _Doc(checklists, assessment))
    assert opened[-1] == target


@pytest.mark.parametrize("in_worker", [True, False], ids=["tagged-pdf-in-worker", "in-gui-thread"])
def test_annuleren_in_the_progress_dialog_stops_at_the_next_chapter(qtbot, tmp_path, monkeypatch, report_scan,
                                                                     fake_dialogs, in_worker):
    """The real dialog's Annuleren, pressed while the report is being made, writes nothing: in the
    worker thread (the tagged PDF) as in the GUI thread (the Qt print's way)."""
    import threading

    from PySide6.QtCore import QMetaObject, Qt
    from PySide6.QtWidgets import QProgressDialog, QPushButton

    from dienstscan.ui import report_dialog

    made: list[QProgressDialog] = []

    class Recorded(QProgressDialog):
        def __init__(self, *args):
            super().__init__(*args)
            made.append(self)

    monkeypatch.setattr(report_dialog, "QProgressDialog", Recorded)
    monkeypatch.setattr(report_dialog, "runs_without_qt", lambda path: in_worker)
    checklists, assessment = report_scan
    target = tmp_path / "rapport.pdf"
    monkeypatch.setattr(report_dialog, "ask_report_path", lambda parent, suggested: (target, False))
    real = report_dialog.write_report
    steps: list[int] = []

    def press_cancel_after_first(*args, progress, **kwargs):
        def pressing(done, total):
            steps.append(done)
            assert (threading.current_thread() is threading.main_thread()) is not in_worker
            if done == 1:
                [dialog] = made
                [button] = [b for b in dialog.findChildren(QPushButton) if b.text() == "Annuleren"]
                if in_worker:  # a person clicks in the GUI thread; the worker waits until it has
                    QMetaObject.invokeMethod(button, "click", Qt.ConnectionType.BlockingQueuedConnection)
                else:
                    button.click()
            progress(done, total)
        return real(*args, progress=pressing, **kwargs)

    monkeypatch.setattr(report_dialog, "write_report", press_cancel_after_first)
    assert report_dialog.export_report_dialog(None, _Doc(checklists, assessment)) is None
    assert steps == [0, 1]
    assert not target.exists()
    assert fake_dialogs.count("show_error") == 0 and fake_dialogs.count("ask_open_report") == 0


@pytest.mark.parametrize(("name", "worker"), [("rapport.html", True), ("rapport.docx", False),
                                              ("rapport.pdf", True), ("rapport.pdf", False)])
def test_a_report_without_qt_is_made_in_a_worker_so_the_window_paints(qtbot, tmp_path, monkeypatch, report_scan,
                                                                       fake_dialogs, name, worker):
    """The tagged PDF and the HTML use no Qt: they are made in a worker thread while the window
    keeps painting (the GUI thread answers a queued call during the work). Word (its chart is
    QtSvg) and the Qt print (where WeasyPrint cannot load) stay in the GUI thread."""
    import threading

    from PySide6.QtCore import QMetaObject, QObject, Qt, Slot

    from dienstscan.export.report import pdf as tagged

    class GuiThread(QObject):
        """Lives in the GUI thread: ``answer`` runs only when that thread's event loop runs."""

        def __init__(self):
            super().__init__()
            self.answered = threading.Event()

        @Slot()
        def answer(self):
            self.answered.set()

    gui = GuiThread()
    from dienstscan.ui import report_dialog

    if name.endswith(".pdf") and not worker:
        monkeypatch.setattr(tagged, "available", lambda: False)  # the Qt print
    elif name.endswith(".pdf") and not tagged.available():
        pytest.skip("WeasyPrint/Pango ontbreekt")
    checklists, assessment = report_scan
    target = tmp_path / name
    monkeypatch.setattr(report_dialog, "ask_report_path", lambda parent, suggested: (target, False))
    real = report_dialog.write_report
    seen: dict[str, object] = {}

    def watched(*args, progress, **kwargs):
        def step(done, total):
            seen.setdefault("worker", threading.current_thread() is not threading.main_thread())
            if seen["worker"] and "painted" not in seen:
                QMetaObject.invokeMethod(gui, "answer", Qt.ConnectionType.QueuedConnection)
                seen["painted"] = gui.answered.wait(60)
            progress(done, total)
        return real(*args, progress=step, **kwargs)

    monkeypatch.setattr(report_dialog, "write_report", watched)
    assert report_dialog.export_report_dialog(None, _Doc(checklists, assessment)) == target
    assert target.stat().st_size > 0
    assert seen["worker"] is worker
    assert seen.get("painted", False) is worker


def test_cancelling_the_report_writes_nothing(qtbot, tmp_path, monkeypatch, report_scan, fake_dialogs):
    from dienstscan.ui import report_dialog

    checklists, assessment = report_scan
    target = tmp_path / "rapport.pdf"
    monkeypatch.setattr(report_dialog, "ask_report_path", lambda parent, suggested: (target, False))
    real = report_dialog.write_report

    def cancel_at_second_step(*args, progress, **kwargs):
        def pressed(done, total):
            if done >= 1:
                raise report_dialog.ReportCancelled  # what progress raises after Annuleren
            progress(done, total)
        return real(*args, progress=pressed, **kwargs)

    monkeypatch.setattr(report_dialog, "write_report", cancel_at_second_step)
    assert report_dialog.export_report_dialog(None, _Doc(checklists, assessment)) is None
    assert not target.exists()
    assert fake_dialogs.count("show_error") == 0 and fake_dialogs.count("ask_open_report") == 0


def _band(path: Path, y: int, height: int) -> list[str]:
    out = subprocess.run(["pdftotext", "-x", "0", "-y", str(y), "-W", "595", "-H", str(height), str(path), "-"],
                         capture_output=True, check=True, text=True).stdout
    return [flat(page) for page in out.split("\f")]


@needs_pdftotext
def test_the_bottom_margin_holds_only_the_footer(tmp_path):
    """Issue 24: the next page's first block was drawn on the page before too, clipped; its text
    sat, invisible, in the bottom margin, where pdftotext (and a screen reader) read it before the
    footer (the 2026 example: pages 4, 9 and 10). Now that band holds only the footer. (The top
    margin: ``test_text_split_over_pages_is_written_once_inside_the_body``.)"""
    from dienstscan.checklists import load_checklists
    from dienstscan.storage import load_scan
    from dienstscan.ui.pdf import write_pdf

    examples = Path(__file__).resolve().parents[2] / "examples"
    checklists = load_checklists()
    assessment = load_scan(examples / "gemeente-2026.dienstscan")
    path = tmp_path / "rapport.pdf"
    pages = write_pdf(render_report_html(checklists, assessment), path)
    bodies, bottoms = _band(path, 71, 714), _band(path, 785, 57)
    for n in range(pages):
        assert bottoms[n] == f"Dienstscan Pagina {n + 1} van {pages}", (n + 1, bottoms[n])
    # the page break inside that paragraph is still there: its last line once, at the top of page 5
    assert bodies[4].startswith("2024/06/04).")
    assert sum(body.count("2024/06/04).") for body in bodies) == 2  # that note appears twice in the report


def _split_text(kind: str, sentences: int) -> str:
    """A block of ``sentences`` numbered sentences ("Zin007 ...") as a paragraph, a table cell
    (a row taller than a page, which Qt splits) or a list item."""
    text = " ".join(f"Zin{n:03d} staat in de lange tekst." for n in range(sentences))
    return {"alinea": f"<p>{text}</p>",
            "cel": f'<table border="1" width="100%"><tr><td>cel</td><td>{text}</td></tr></table>',
            "lijst": f"<ul><li>kort</li><li>{text}</li></ul>"}[kind]


@needs_pdftotext
@pytest.mark.parametrize("kind", ["alinea", "cel", "lijst"])
def test_text_split_over_pages_is_written_once_inside_the_body(tmp_path, kind):
    """Issue 24: Qt's layout draws a block that a page boundary splits with one line too many on
    the next page: the line above that page's top edge, clipped (invisible) but written into the
    top margin, where pdftotext, search and a screen reader find it twice. Now every line is
    written once, inside the body of its own page, and only the running header and footer lie in
    the margins. The block here is longer than a page, so it is split twice (three pages)."""
    from printed import read_pages

    from dienstscan.ui.pdf import MARGIN_MM, write_pdf

    filler = "".join(f"<p>Opvulling {n}.</p>" for n in range(12))
    html = (f'<html><head><meta name="dienstscan-kop" content="Gemeente Proef"></head><body>{filler}'
            f"{_split_text(kind, 700)}<p>Slot.</p></body></html>")
    path = tmp_path / "gesplitst.pdf"
    pages = write_pdf(html, path)
    read = read_pages(path)
    assert len(read) == pages
    found: dict[str, list[int]] = {}
    point = 72 / 25.4  # the body area in points: A4 less ``MARGIN_MM``
    left, top = MARGIN_MM["left"] * point, MARGIN_MM["top"] * point
    right, bottom = (210 - MARGIN_MM["right"]) * point, (297 - MARGIN_MM["bottom"]) * point
    for page in read:
        for word in page.words:
            if word.text.startswith("Zin"):
                found.setdefault(word.text, []).append(page.number)
        margins = sorted((w for w in page.words
                          if w.x0 < left - 0.5 or w.y0 < top - 0.5 or w.x1 > right + 0.5 or w.y1 > bottom + 0.5),
                         key=lambda w: (round(w.y0), w.x0))
        header = "Gemeente Proef " if page.number > 1 else ""
        assert " ".join(w.text for w in margins) == f"{header}Dienstscan Pagina {page.number} van {pages}", page.number
    assert sorted(found) == [f"Zin{n:03d}" for n in range(700)]
    assert {text: where for text, where in found.items() if len(where) != 1} == {}
    assert found["Zin000"] != found["Zin699"] and len({p for where in found.values() for p in where}) >= 3


@needs_pdftotext
def test_the_report_dialog_offers_pdf_a_for_the_archive(qtbot, tmp_path, monkeypatch, report_scan, fake_dialogs):
    """Bestand > Exporteren > Rapport: the filter *PDF/A voor het archief* writes PDF/A-3a (also
    tagged); the plain PDF filter the PDF/UA-1 to publish."""
    from PySide6.QtWidgets import QFileDialog

    from dienstscan.export.report import pdf as tagged
    from dienstscan.ui import report_dialog

    if not tagged.available():
        pytest.skip("WeasyPrint/Pango ontbreekt")
    checklists, assessment = report_scan
    for name, chosen_filter, archive in (("archief", report_dialog.ARCHIVE_FILTER, True),
                                         ("publiceren", "PDF-document (*.pdf)", False)):
        monkeypatch.setattr(QFileDialog, "getSaveFileName",
                            lambda *args, n=name, f=chosen_filter: (str(tmp_path / n), f))
        assert report_dialog.ask_report_path(None, tmp_path / "x.pdf") == (tmp_path / f"{name}.pdf", archive)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args: (str(tmp_path / "web.html"), report_dialog.ARCHIVE_FILTER))
    assert report_dialog.ask_report_path(None, tmp_path / "x.pdf") == (tmp_path / "web.html", False)

    target = tmp_path / "archief.pdf"
    monkeypatch.setattr(report_dialog, "ask_report_path", lambda parent, suggested: (target, True))
    assert report_dialog.export_report_dialog(None, _Doc(checklists, assessment)) == target
    meta = subprocess.run(["pdfinfo", "-meta", str(target)], capture_output=True, text=True, check=True).stdout
    assert 'pdfaid:part="3"' in meta and 'pdfaid:conformance="A"' in meta
    monkeypatch.setattr(tagged, "available", lambda: False)  # no WeasyPrint: refused in Dutch, nothing written
    other = tmp_path / "archief2.pdf"
    monkeypatch.setattr(report_dialog, "ask_report_path", lambda parent, suggested: (other, True))
    assert report_dialog.export_report_dialog(None, _Doc(checklists, assessment)) is None
    [message] = fake_dialogs.messages("show_error")
    assert "een PDF/A voor het archief kan op deze computer niet worden gemaakt" in message
    assert not other.exists()
