"""The regional picture's inputs: each inbox file (Source) and the run's result (Result), for every layer above."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

from ..plan.issues import Report
from ..plan.model import Plan
from ..read.submissions import Skipped
from .context import ReportingContext

Progress = Callable[[str, int, int], None]


@dataclass
class Source:
    """One file of the inbox and what became of it."""

    path: Path
    sha256: str
    size: int
    modified: datetime  # the file's time
    plan: Plan | None
    report: Report
    status: str = "used"  # used | superseded | unreadable | not_plan | own_output (moved to Result.skipped)

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def municipality(self) -> str:
        return self.plan.municipality if self.plan else ""

    @property
    def saved(self) -> str:
        """The workbook's own saved time (ISO text) when it records one, else the file time."""
        if self.plan and self.plan.meta.get("modified"):
            return str(self.plan.meta["modified"])
        return self.modified.isoformat()


@dataclass
class Result:
    sources: list[Source]
    report: Report
    outputs: list[Path] = field(default_factory=list)
    context: ReportingContext = field(default_factory=ReportingContext)  # the run's year, date, expected list
    rounds: list[Any] = field(default_factory=list)  # archive.Round of every archived year, with this one
    skipped: list[Skipped] = field(default_factory=list)  # no submissions: debris and this tool's own outputs
    picture: Any = None  # the RegionalPicture (region/picture.py) the outputs rendered, once consolidated

    @property
    def plans(self) -> list[Plan]:
        return [s.plan for s in self.sources if s.status == "used" and s.plan is not None]

    @property
    def has_errors(self) -> bool:
        return self.report.errors > 0
