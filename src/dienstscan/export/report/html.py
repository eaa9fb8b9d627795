"""The printable management report: one context, rendered to HTML here, to PDF and Word elsewhere.

``report_context(checklists, assessment)`` gathers everything the report shows (cover, one-page
management summary, results per framework with the BSC comply-or-explain register and support
poll, key figures against their norms, the plan by theme, sources; with an earlier scan as the
baseline also "Voortgang sinds <datum>") as plain dicts and lists.
Every number and benchmark sentence comes from ``dienstscan.scoring.score``; the plan is
``assessment.actions`` as the Excel plan shows it (``visible_actions``). ``render_report_html``
renders that context with the jinja2 templates in ``templates/`` (StrictUndefined, autoescape).
The Word version (``docx.py``) and the PDF step (``dienstscan.ui.pdf``) read the same context or
HTML, so the three outputs never disagree. No Qt here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jinja2
import markupsafe

from ... import __version__
from ...resources import template_dir
from ...model.assessment import (
    ACT_CHOICE_LABELS,
    ACTION_STATUS_LABELS,
    PRIORITY_LABELS,
    Action,
    Answer,
    Assessment,
    explanation_shown,
)
from ...model.checklist import ORGANISATION_KIND_LABELS, ChecklistSet, Framework, Item, section_heading
from ...scoring import FrameworkScore, MetricComparison, ScoreReport, score
from ...scoring import display, dutch
from ...scoring.spread import ItemSpread, disagreement_text, most_different_first, round_spreads, spread
from ...cycle import compare_scans
from ...storage import atomic_write_bytes
from ...plan import rejected_actions, status_label, visible_actions
from ..common.item_notes import current_short, item_notes, notes_heading, origin_short
from ..common.chart_rows import growth_scale, level_rows, level_text, section_rows, share_rows
from ..common.plan_view import (decided_heading, decision_line, decision_record, decision_text, gaps_heading, plan_order,
                                rejection_note, rejection_record, split_plan, top_gaps)
from ..common.sources import action_source_text, source_rows, theme_label
from ..common.progress import progress_context
from ..common.xmltext import xml_text
from .svgchart import bar_chart

#: How many decided actions the management summary lists (the plan chapter has them all).
SUMMARY_ACTIONS = 10


def date_text(value: dt.date | None) -> str:
    """``2011-07-05`` -> ``5 juli 2011``; None -> ``''``."""
    return dutch.date_text(value.isoformat()) if value else ""


def _short_date(value: dt.date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


# --------------------------------------------------------------------------- pieces


def _comparison(comparison: MetricComparison | None) -> dict[str, Any] | None:
    if comparison is None:
        return None
    return {
        "sentence": comparison.sentence,
        "actual_text": comparison.actual_text,
        "benchmarks": [
            {"label": b.label, "value_text": b.value_text, "kind": b.kind, "kind_label": b.kind_label,
             "met": b.met, "position": b.position, "verdict": b.verdict, "source_sentence": b.source_sentence}
            for b in comparison.benchmarks
        ],
        "sources": list(dict.fromkeys(b.source_sentence for b in comparison.benchmarks)),
    }


def _pct(value: float | None) -> str:
    return display.share_text(value)


def _answer_label(checklists: ChecklistSet, item: Item, answer: Answer | None) -> str:
    if answer is None or answer.option is None:
        return "Niet beantwoord"
    option = checklists.scale_for(item.id).option(answer.option)
    return option.label if option else f"Onbekend antwoord ({answer.option})"


def _register(checklists: ChecklistSet, assessment: Assessment, fw: Framework) -> list[dict[str, Any]]:
    """Comply or explain: every item in scope not fully applied, with its explanation and analysis."""
    rows = []
    sections = [(None, fw.items), *((s.id, s.items) for s in fw.sections)]
    for section_id, items in sections:
        if not assessment.in_scope(fw.id, section_id):
            continue
        for item in items:
            answer = assessment.answers.get(item.id)
            option = None
            if answer is not None and answer.option is not None:
                option = checklists.scale_for(item.id).option(answer.option)
            if option is not None and option.weight is not None and option.weight >= 1.0:
                continue
            # an explanation written for an earlier answer says so (issue 28)
            explanation = explanation_shown(answer, checklists.scale_for(item.id))
            needs = option is None or option.requires_explanation
            rows.append({
                "id": item.id,
                "text": item.text,
                "answer": _answer_label(checklists, item, answer),
                "explanation": explanation,
                "explanation_missing": needs and not explanation,
                "barriers": list(answer.barriers) if answer else [],
                "causes": list(answer.causes) if answer else [],
                "solutions": list(answer.solutions) if answer else [],
            })
    return rows


def _polls(fw: Framework, assessment: Assessment) -> list[dict[str, Any]]:
    rows = []
    for item in fw.all_items():
        answer = assessment.answers.get(item.id)
        poll = answer.poll if answer else None
        if poll is None:
            continue
        rows.append({
            "id": item.id, "text": item.text, "ja": poll.ja, "twijfel": poll.twijfel, "nee": poll.nee,
            "total": poll.total,
            "tally": f"Ja {poll.ja} / Twijfel {poll.twijfel} / Nee {poll.nee} van {poll.total}",
        })
    return rows


def _spreads(checklists: ChecklistSet, assessment: Assessment, fw: Framework) -> dict[str, Any] | None:
    """The individual answers per item of ``fw`` (anonymous counts), most disagreement first.

    Columns: every option somebody chose in this framework, in scale order. Each round has a line
    of its own (one answer per person per round; voorronde against live, never added up); an
    item's place is that of its round with the most disagreement. None when nobody answered
    individually. The agreed answer stands beside the counts; the counts never enter the score.
    """
    ids = []
    sections = [(None, fw.items), *((s.id, s.items) for s in fw.sections)]
    for section_id, items in sections:
        if assessment.in_scope(fw.id, section_id):
            ids += [item.id for item in items]
    ordered: list[ItemSpread] = most_different_first(spread(checklists, assessment, ids), only_answered=True)
    if not ordered:
        return None
    options: dict[str, str] = {}
    for s in sorted(ordered, key=lambda s: s.order):
        for r in round_spreads(checklists, s.item_id, assessment.answers.get(s.item_id)):  # every round's
            for oid, label, count in r.counts:
                if count:
                    options.setdefault(oid, label)
    # Scale order (the first item's scale), options of other scales after it.
    scale_order = {oid: n for s in ordered for n, (oid, _, _) in enumerate(s.counts)}
    option_ids = sorted(options, key=lambda oid: scale_order.get(oid, 99))
    rows = []
    for s in ordered:
        answer = assessment.answers.get(s.item_id)
        _, _, item = checklists.locate(s.item_id)
        rounds = round_spreads(checklists, s.item_id, answer)
        top = rounds[-1].most_chosen()  # the last round, the nearest to the agreement
        agreed = answer.option if answer else None
        lines = [{"round": r.round_label,
                  "counts": [r.count(oid) for oid in option_ids],
                  "text": r.text() + (f"; {r.unknown} onbekend" if r.unknown else ""),
                  "disagreement": disagreement_text(r.disagreement)} for r in rounds]
        rows.append({
            "id": s.item_id,
            "text": item.text,
            "rounds": lines,
            "text_counts": "\n".join(f"{line['round']}: {line['text']}" for line in lines),
            "agreed": _answer_label(checklists, item, answer),
            "differs": bool(agreed and top and agreed not in top),
            "disagreement": "\n".join(f"{line['round']}: {line['disagreement']}" for line in lines),
        })
    return {"options": [options[oid] for oid in option_ids], "rows": rows}


def _framework(checklists: ChecklistSet, assessment: Assessment, fs: FrameworkScore) -> dict[str, Any]:
    fw = checklists.framework(fs.id)
    t = fs.tally
    shares = fs.score_method == "share_full"
    sections = []
    for s in fs.sections:
        sections.append({
            "title": section_heading(s.number, s.title),
            "score_text": (display.mean_level_text(s.tally.level, s.tally.level_top) if s.tally.level_top is not None
                           else _pct(s.tally.percentage)),
            "partial_text": _pct(s.tally.partial_percentage) if shares and s.tally.partial_percentage is not None else "",
            "counts": (f"{s.tally.full} van {s.tally.applicable} {dutch.plural(fw.item_label)} volledig"
                       if shares else f"gemiddeld over {s.tally.applicable} {dutch.plural(fw.item_label)}"),
            "unanswered": len(s.unanswered),
            "comparison": _comparison(s.comparison),
        })
    items = []
    listed: list[Item] = []
    for section_title, section_id, section_items in [("Organisatiebreed", None, fw.items),
                                                      *((s.title, s.id, s.items) for s in fw.sections)]:
        if not assessment.in_scope(fw.id, section_id):
            continue
        for item in section_items:
            listed.append(item)
            answer = assessment.answers.get(item.id)
            items.append({
                "id": item.id, "text": item.text, "section": section_title,
                "answer": _answer_label(checklists, item, answer),
                "unanswered": answer is None or answer.option is None,
                "explanation": (explanation_shown(answer, checklists.scale_for(item.id))
                                or (answer.notes.strip() if answer else "")),
                "legal": status_label(item, fw.checked),
                # in a few words; the full text under the table (``item_notes``)
                "origin": origin_short(item),
                "current": current_short(checklists, item),
                "scored": item.scored,
            })
    notes = item_notes(checklists, listed)
    has_register = any(i.right or i.duty for i in fw.all_items()) or any(
        (a := assessment.answers.get(i.id)) is not None and (a.barriers or a.causes or a.solutions)
        for i in fw.all_items())
    chart = None
    rows, top = section_rows(checklists, fs)
    if top is None:
        top = growth_scale(checklists, fs)
    if len(rows) > 1:
        if top is None:
            chart = bar_chart(rows, title=f"{fs.short_title}: score per {fw.section_label.lower()}")
        else:
            chart = bar_chart(rows, title=f"{fs.short_title}: gemiddeld groeiniveau per {fw.section_label.lower()}",
                              axis_max=top, tick_step=1, tick_text=_level_tick)
    return {
        "id": fs.id,
        "title": fs.title,
        "short_title": fs.short_title,
        "version": fs.version,
        "description": fw.description,
        "source": fw.source.cite(),
        "item_label": fw.item_label,
        "item_label_plural": dutch.plural(fw.item_label),
        "section_label": fw.section_label,
        "score_text": _score_text(checklists, fs),
        "partial_text": _pct(t.partial_percentage) if shares and t.partial_percentage is not None else "",
        "method_text": ("aandeel volledig " + ("toegepast" if fw.item_label.lower() == "norm" else "ingevoerd")
                        if shares else (f"gemiddeld groeiniveau op een schaal van 0 tot {top}" if top is not None
                                        else "gemiddeld gewicht van de antwoorden")),
        "full": t.full,
        "applicable": t.applicable,
        "completeness_text": _pct(t.completeness) if t.completeness is not None else "",
        "denominator_note": fs.denominator_note,
        "scope_note": fs.scope_note or "",
        "comparison": _comparison(fs.comparison),
        "separate_items": [
            {"text": s.text, "answer": s.option_label or "niet beantwoord", "comparison": _comparison(s.comparison)}
            for s in fs.separate_items
        ],
        "sections": sections,
        "excluded_sections": [{"title": e.title, "justification": e.justification} for e in fs.excluded_sections],
        "chart_svg": chart,
        "item_rows": items,
        "item_notes": [{"id": n.item_id, "text": n.text} for n in notes],
        "item_notes_heading": notes_heading(notes) if notes else "",
        "register": _register(checklists, assessment, fw) if has_register else None,
        "explanations_missing": len(fs.explanation_status.missing),
        "polls": _polls(fw, assessment),
        "spread": _spreads(checklists, assessment, fw),
    }


def _level_tick(value: float) -> str:
    return f"niveau {value:g}"


def _score_text(checklists: ChecklistSet, fs: FrameworkScore) -> str:
    """'40%' for a share; 'gemiddeld niveau 1,6 van 4' for a growth level (never a % of levels)."""
    if fs.tally.level_top is not None:
        return display.mean_level_text(fs.tally.level, fs.tally.level_top)
    return _pct(fs.tally.percentage)


def _places(comparison: MetricComparison | None) -> str:
    """Each source of the benchmarks once, by title and place."""
    if comparison is None or not comparison.benchmarks:
        return ""
    return "Bron: " + "; ".join(dict.fromkeys(b.source for b in comparison.benchmarks)) + "."


def _standing(checklists: ChecklistSet, report: ScoreReport) -> list[dict[str, Any]]:
    """Where do we stand: per framework the score, against what, from which source."""
    rows = []
    for fs in report.frameworks:
        t = fs.tally
        shares = fs.score_method == "share_full"
        rows.append({"title": fs.title, "score_text": _score_text(checklists, fs),
                     "partial_text": _pct(t.partial_percentage) if shares and t.partial_percentage else "",
                     "sentence": fs.comparison.sentence if fs.comparison else fs.denominator_note,
                     "source": _places(fs.comparison), "main": True})
        for sep in fs.separate_items:
            rows.append({"title": f"{fs.short_title}: {sep.text}", "score_text": sep.option_label or "niet beantwoord",
                         "partial_text": "", "sentence": sep.comparison.sentence if sep.comparison else "",
                         "source": _places(sep.comparison), "main": False})
    for part in report.excluded_frameworks:
        rows.append({"title": part.title, "score_text": "buiten scope", "partial_text": "",
                     "sentence": part.justification, "source": "", "main": True})
    return rows


def _summary_charts(checklists: ChecklistSet, report: ScoreReport) -> tuple[str | None, str | None]:
    """The shares on a % axis and the growth levels on their own axis: two charts, never one."""
    shares = share_rows(report)
    share_chart = bar_chart(shares, title="Score per kader (aandeel volledig) naast de benchmarks") if shares else None
    levels, top = level_rows(checklists, report)
    level_chart = (bar_chart(levels, title=f"Groeiniveau (0 tot {top}) naast de ambitie", axis_max=top, tick_step=1,
                             tick_text=_level_tick) if levels and top else None)
    return share_chart, level_chart


def _gaps(checklists: ChecklistSet, assessment: Assessment, actions: list[Action]) -> tuple[list[dict[str, Any]], int]:
    """The most important gaps, each with its action and, in one line, what was decided about it,
    who owns it, when it ends and its status (as on the Excel plan's first page)."""
    found, total = top_gaps(checklists, assessment, actions)
    by_id = {a.id: a for a in actions}
    return [{"id": g.item_id, "framework": g.framework, "text": g.text, "answer": g.answer, "priority": g.priority,
             "legal": g.legal, "action_id": g.action_id, "action": g.action_title, "decision": g.decision,
             "owner": g.owner,
             "decision_line": decision_line(by_id[g.action_id]) if g.action_id in by_id else "–"}
            for g in found], total


def _period(action: Action) -> str:
    if not action.start and not action.end:
        return "geen data"
    return f"{_short_date(action.start) or '…'} – {_short_date(action.end) or '…'}"


def _action(checklists: ChecklistSet, action: Action) -> dict[str, Any]:
    status = ACTION_STATUS_LABELS.get(action.status, action.status)
    return {
        "id": action.id,
        "title": action.title,
        "description": action.description,
        "source": action_source_text(checklists, action) if action.origin == "voorgesteld" else "",
        "priority": PRIORITY_LABELS.get(action.priority, action.priority),
        "owner": action.owner,
        "start": _short_date(action.start),
        "end": _short_date(action.end),
        "status": status,
        "decision": decision_text(action),
        # who decided and when ("MT, 12-03-2027"), as the plan records it (issue 24)
        "record": decision_record(action),
        "period": _period(action),
        "theme": theme_label(checklists, action.theme),
        "indicator": action.indicator,
        "target": action.target,
        "progress": action.progress,
        "check": "; ".join(p for p in (
            f"gemeten: {action.measured_value}" + (f" op {_short_date(action.measured_on)}" if action.measured_on else "")
            if action.measured_value else "",
            action.conclusion) if p),
        "act": (ACT_CHOICE_LABELS.get(action.act, action.act) if action.act else "")
               + (f": {action.act_note}" if action.act_note else ""),
    }


def _plan(checklists: ChecklistSet, actions: list[Action], today: dt.date,
          with_gaps: frozenset[str] = frozenset(), rejected: list[Action] | None = None) -> dict[str, Any]:
    """The decided plan by theme, the proposals apart, the rejected proposals apart (``rejected``:
    who decided against them and when), and the numbers (of the decided plan). The first pages list
    the decided actions that are not already beside a gap (``with_gaps``)."""
    decided, proposals = split_plan(actions)
    themes: dict[str, list[Action]] = {}
    order = list(checklists.themes)
    for action in decided:
        themes.setdefault(action.theme, []).append(action)
    groups = []
    for theme_id in sorted(themes, key=lambda t: (order.index(t) if t in order else len(order), t)):
        groups.append({"id": theme_id, "label": theme_label(checklists, theme_id),
                       "actions": [_action(checklists, a) for a in plan_order(themes[theme_id])]})
    open_ = [a for a in decided if a.status not in ("gereed", "vervallen")]
    overdue = [a for a in open_ if a.end and a.end < today]
    numbers = {
        "total": len(decided),
        "by_status": [{"label": label, "count": sum(1 for a in decided if a.status == s)}
                      for s, label in ACTION_STATUS_LABELS.items()],
        "by_priority": [{"label": label, "count": sum(1 for a in decided if a.priority == p)}
                        for p, label in PRIORITY_LABELS.items()],
        "proposals": len(proposals),
        "no_owner": sum(1 for a in open_ if not a.owner.strip()),
        "overdue": len(overdue),
        # the first ten, in plan order; the plan chapter shows every end date
        "overdue_ids": [a.id for a in plan_order(overdue)][:10] + (["…"] if len(overdue) > 10 else []),
        "themes": len(groups),
    }
    further = [a for a in plan_order(decided) if a.id not in with_gaps]
    return {"groups": groups, "numbers": numbers,
            "summary_heading": decided_heading(bool(with_gaps & {a.id for a in decided})),
            "summary_actions": [_action(checklists, a) for a in further[:SUMMARY_ACTIONS]],
            "more_actions": max(0, len(further) - SUMMARY_ACTIONS),
            "any_decided": bool(decided),
            "proposals": [_action(checklists, a) for a in plan_order(proposals)],
            "rejected": [_rejected(checklists, a) for a in plan_order(rejected or [])]}


def _rejected(checklists: ChecklistSet, action: Action) -> dict[str, Any]:
    """A rejected proposal: the decision with who and when, and what was noted about it."""
    row = _action(checklists, action)
    row["decision_line"] = f"{row['decision']} ({rejection_record(action)})"
    # the report shows the title alone, so the description goes with the note
    row["why"] = "; ".join(p for p in (rejection_note(action), action.description.strip()) if p)
    return row


def _key_figures(checklists: ChecklistSet, assessment: Assessment, report: ScoreReport) -> list[dict[str, Any]]:
    rows = []
    for result in report.key_figures:
        entered = assessment.key_figures.get(result.id)
        kf = checklists.key_figures.get(result.id)
        rows.append({
            "label": result.label,
            "value_text": result.value_text,
            "filled": result.value is not None,
            "date": _short_date(entered.date) if entered else "",
            "note": result.note,
            "norms": [b.listed for b in result.comparison.benchmarks] if result.comparison else [],
            "comparison": _comparison(result.comparison),
            "source": kf.source.cite() if kf else "",
        })
    return rows


def _sources(checklists: ChecklistSet, frameworks: Iterable[Framework]) -> list[dict[str, str]]:
    return [{"document": r.title, "places": r.places, "used_by": r.used_by} for r in source_rows(checklists, frameworks)]


# --------------------------------------------------------------------------- context

#: DEL, invalid in HTML; what XML cannot carry goes by ``common.xmltext``'s rule.
_CONTROL = re.compile(r"[\x7f]")


def _clean(value: Any) -> Any:
    """Remove control characters from every text (pasted into a note or an explanation; the
    checklist loader already strips the fold markers ruamel.yaml leaves) and U+FFFE/U+FFFF:
    ``common.xmltext.xml_text``, the rule of every writer, so HTML, PDF and Word show the same."""
    if isinstance(value, str):
        return _CONTROL.sub("", xml_text(value))
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value



def report_context(checklists: ChecklistSet, assessment: Assessment, *, today: dt.date | None = None,
                   baseline: Assessment | None = None) -> dict[str, Any]:
    """Everything the report shows, as plain data (dicts, lists, strings) for HTML and Word.

    ``baseline``: an earlier scan; the report then has a chapter "Voortgang sinds <datum>"
    (``context["progress"]``, from ``dienstscan.cycle.compare_scans``); without it that is None.
    """
    today = today or dt.date.today()
    progress = progress_context(compare_scans(checklists, baseline, assessment)) if baseline is not None else None
    report = score(checklists, assessment)
    actions = visible_actions(assessment)
    org = assessment.organisation
    kind = ORGANISATION_KIND_LABELS.get(org.kind, org.kind)
    if org.inhabitants:
        kind += f", {dutch.number(org.inhabitants, 0)} inwoners"
    in_scope = [fw for fw in checklists.frameworks if fw.id in assessment.frameworks]
    frameworks = [_framework(checklists, assessment, fs) for fs in report.frameworks]
    share_chart, level_chart = _summary_charts(checklists, report)
    gap_rows, gap_count = _gaps(checklists, assessment, actions)
    completeness = report.completeness
    open_text = display.scan_completeness_text(completeness)
    header = f"{org.name} · peildatum {date_text(assessment.peildatum)}"
    return _clean({
        "title": f"Rapportage dienstverlening {org.name}",
        "header": header,
        "organisation": org.name,
        "kind": kind,
        "peildatum": date_text(assessment.peildatum),
        "participants": [{"name": p.name, "role": p.role} for p in assessment.participants],
        "framework_titles": [fw.title for fw in in_scope],
        "excluded_frameworks": [{"title": e.title, "justification": e.justification} for e in report.excluded_frameworks],
        "completeness_text": open_text,
        "completeness_warnings": display.completeness_warnings(completeness),
        "warnings": list(report.warnings),
        "generated": date_text(today),
        "generated_on": today,
        "scan_id": assessment.id,
        "version": __version__,
        "summary": {
            "standing": _standing(checklists, report),
            "chart_svg": share_chart,
            "level_chart_svg": level_chart,
            "top_gaps": gap_rows,
            "gaps_heading": gaps_heading(len(gap_rows), gap_count) if gap_rows else "Tekortkomingen",
            "gap_count": gap_count,
        },
        "frameworks": frameworks,
        "key_figures": _key_figures(checklists, assessment, report),
        "plan": _plan(checklists, actions, today, frozenset(g["action_id"] for g in gap_rows if g["action_id"]),
                      rejected_actions(assessment)),
        "sources": _sources(checklists, in_scope),
        "progress": progress,
    })


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir()), encoding="utf-8"),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(["html", "htm", "xml"], default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_context_html(context: dict[str, Any]) -> str:
    """The report as one self-contained HTML page (inline CSS and SVG charts)."""
    env = _environment()
    # Markup: the style sheet is ours and goes into <style> as it is (escaped, its quoted font
    # names read '&#34;DejaVu Sans&#34;', which browsers and WeasyPrint drop)
    css = markupsafe.Markup((template_dir() / "report.css").read_text(encoding="utf-8"))
    return env.get_template("report.html").render(css=css, **context)


def render_report_html(checklists: ChecklistSet, assessment: Assessment, *, today: dt.date | None = None,
                       baseline: Assessment | None = None) -> str:
    """Score the scan and render the management report as HTML (Dutch); ``baseline`` adds the progress chapter."""
    return render_context_html(report_context(checklists, assessment, today=today, baseline=baseline))


def write_report_html(checklists: ChecklistSet, assessment: Assessment, path: Path, *,
                      baseline: Assessment | None = None) -> None:
    """Write the HTML report (UTF-8, atomically). Raises ``SaveError`` (Dutch, names the file)
    when it cannot be saved; the old file stays whole."""
    html = render_report_html(checklists, assessment, baseline=baseline)
    atomic_write_bytes(Path(path), html.encode("utf-8"))
