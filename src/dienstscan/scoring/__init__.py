"""Scoring: pure functions from (checklists, scan) to a ``ScoreReport``. No I/O, no Qt.

``score`` computes everything the GUI, the exports and ``dienstscan score`` show; ``item_state``
and ``node_counts`` serve the GUI tree; ``format_report`` renders the readable Dutch table.
"""

from .engine import item_state, node_counts, score
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
)
from .table import format_report

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
    "format_report",
    "item_state",
    "node_counts",
    "score",
]
