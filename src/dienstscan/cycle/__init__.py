"""The next PDCA cycle: a new scan from the last one, comparisons between scans, benchmarks. No Qt.

- ``next_cycle(checklists, previous, *, peildatum, copy_key_figures=False) -> NextCycle``: the new
  scan (``.assessment``) and what could not be copied as it was (``.notes``, ``.describe()``);
  ``unconfirmed`` / ``confirm_answers`` for answers still marked as from the previous cycle.
- ``compare_scans(checklists, baseline, current) -> Comparison``.
- ``metric_statistics``, ``build_benchmarks``, ``benchmarks_yaml``: benchmarks from many scans;
  ``rank_scans``: the ranking the 5 beloften site published.
- ``load_scans(paths, ...) -> ScanBatch``: many scan files, each bad one reported by name.
"""

from .batch import BatchScan, ScanBatch, SkippedScan, load_scans
from .benchmarks import (
    TOP_N,
    MetricStatistics,
    Ranking,
    RankRow,
    benchmarks_yaml,
    build_benchmarks,
    metric_statistics,
    rank_scans,
    top_threshold,
)
from .compare import (
    CHANGE_LABELS,
    ActionProgress,
    Comparison,
    FrameworkComparison,
    ItemChange,
    NotComparable,
    ScoreChange,
    compare_scans,
)
from .nextcycle import CycleError, DroppedAnswer, NextCycle, ResetOption, confirm_answers, next_cycle, unconfirmed

__all__ = [
    "CHANGE_LABELS",
    "TOP_N",
    "ActionProgress",
    "BatchScan",
    "Comparison",
    "CycleError",
    "DroppedAnswer",
    "FrameworkComparison",
    "ItemChange",
    "MetricStatistics",
    "NextCycle",
    "NotComparable",
    "RankRow",
    "Ranking",
    "ResetOption",
    "ScanBatch",
    "ScoreChange",
    "SkippedScan",
    "benchmarks_yaml",
    "build_benchmarks",
    "compare_scans",
    "confirm_answers",
    "load_scans",
    "metric_statistics",
    "next_cycle",
    "rank_scans",
    "top_threshold",
    "unconfirmed",
]
