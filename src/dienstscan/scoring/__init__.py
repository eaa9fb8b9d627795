"""Scoring: pure functions from (checklists, scan) to a ``ScoreReport``. No I/O, no Qt.

``score`` computes everything the GUI, the exports and ``dienstscan score`` show; ``item_state``
and ``node_counts`` serve the GUI tree. The text table of ``dienstscan score`` is ``cli_tables``.
"""

from .engine import item_state, node_counts, score, withheld_reason
from .report import (
    BenchmarkComparison,
    Completeness,
    ExcludedPart,
    ExplanationStatus,
    FrameworkScore,
    ItemState,
    KeyFigureResult,
    MetricComparison,
    NodeCounts,
    ScoreReport,
    SectionScore,
    SeparateItem,
    Tally,
    report_dict,
    report_from_json,
    report_json,
)

__all__ = [
    "BenchmarkComparison",
    "Completeness",
    "ExcludedPart",
    "ExplanationStatus",
    "FrameworkScore",
    "ItemState",
    "KeyFigureResult",
    "MetricComparison",
    "NodeCounts",
    "ScoreReport",
    "SectionScore",
    "SeparateItem",
    "Tally",
    "report_dict",
    "report_from_json",
    "report_json",
    "item_state",
    "node_counts",
    "score",
    "withheld_reason",
]
