"""Problems found while loading checklist files, each with file, line and a Dutch message.

The loader collects every problem it finds and raises them together in one ``ChecklistError``, so
the person editing the YAML sees all of them at once instead of fixing them one run at a time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class ChecklistProblem:
    """One thing wrong in a checklist file (or in the folder), phrased in Dutch.

    ``file`` is the file (or the folder, for problems with the folder itself); ``line`` is the
    1-based line number, or None when the problem is about the whole file or folder.
    ``str(problem)`` reads like ``checklists/vijf-beloften.yaml, regel 41: schaal 'x' bestaat niet``.
    """

    file: Path
    line: int | None
    message: str
    shown_as: str = field(default="", compare=False)

    @property
    def where(self) -> str:
        """The file as the user sees it: the folder name and the file name (or the given text)."""
        if self.shown_as:
            return self.shown_as
        return display_name(self.file)

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.where}: {self.message}"
        return f"{self.where}, regel {self.line}: {self.message}"


def display_name(path: Path) -> str:
    """``checklists/bsc.yaml``: short enough to read, long enough to find the file."""
    return f"{path.parent.name}/{path.name}" if path.parent.name else path.name


class ChecklistError(Exception):
    """The checklists could not be loaded; ``problems`` lists everything that is wrong."""

    def __init__(self, problems: list[ChecklistProblem]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        summary = "1 fout" if count == 1 else f"{count} fouten"
        super().__init__(f"{summary} in de checklists:\n" + "\n".join(f"  {p}" for p in self.problems))
