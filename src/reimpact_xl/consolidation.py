"""Many municipality workbooks -> one regional picture: sources, plans, one merged report."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Sequence

from .issues import Issue, Report
from .plan import Plan

Progress = Callable[[str, int, int], None]
SKIPPED_PREFIXES = ("~$", ".~lock", ".", "~")  # Office and LibreOffice lock files, hidden files
SKIPPED_SUFFIXES = (".tmp", ".part", ".crdownload", "#")
BATCHES_PER_WORKER = 2  # progress to show, and the parent takes in the first results while workers go on
MIN_BATCH = 25  # files; a schema run has a fixed cost (~0.1 s for all sheets)


@dataclass
class Source:
    """One file of the inbox and what became of it."""

    path: Path
    sha256: str
    size: int
    modified: datetime  # the file's time
    plan: Plan | None
    report: Report  # what reading the file found
    status: str = "used"  # used | superseded | unreadable
    checks: Report = field(default_factory=Report)  # what validating the plan found; counts while the file is used

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

    @property
    def plans(self) -> list[Plan]:
        return [s.plan for s in self.sources if s.status == "used" and s.plan is not None]

    @property
    def has_errors(self) -> bool:
        return self.report.errors > 0

    def summary(self, lang: str = "lv") -> str:
        from .summary import summary_table

        return summary_table(self, lang)


def inbox_files(inbox: Path) -> list[Path]:
    """The files to consolidate: everything but lock, temporary and hidden files, in name order."""
    files = []
    for path in sorted(inbox.iterdir(), key=lambda p: p.name.casefold()):
        if not path.is_file() or path.name.startswith(SKIPPED_PREFIXES) or path.name.endswith(SKIPPED_SUFFIXES):
            continue
        files.append(path)
    return files


def read_source(path: Path, lang: str = "lv") -> Source:
    """Read one file (in a worker process): hash, file time, plan and the reader's issues."""
    from .reader import read_plan

    data = path.read_bytes()
    stat = path.stat()
    plan, found = read_plan(path, lang=lang)
    report = Report([replace(i, file=path.name) for i in found])
    if plan is not None:
        plan.file = path.name
    status = "used" if plan is not None else "unreadable"
    modified = datetime.fromtimestamp(stat.st_mtime, tz=timezone.utc).replace(microsecond=0)
    return Source(path, hashlib.sha256(data).hexdigest(), len(data), modified, plan, report, status)


def read_batch(paths: Sequence[Path], lang: str, progress: Progress | None = None) -> list[Source]:
    """Read files and validate their plans together, each sheet's schema once for the whole batch."""
    from .validation import validate

    sources = []
    for i, path in enumerate(paths, 1):
        sources.append(read_source(path, lang))
        if progress:
            progress(_reading(lang), i, len(paths))
    found: dict[str, list[Issue]] = {}
    for issue in validate([s.plan for s in sources if s.plan is not None], lang):
        found.setdefault(issue.file, []).append(issue)
    for source in sources:
        source.checks = Report(found.get(source.name, []))
    return sources


def read_sources(paths: Sequence[Path], lang: str, jobs: int, progress: Progress | None) -> list[Source]:
    """Read and validate every file, in worker processes where that pays; results keep the input order.

    Each worker takes a batch of consecutive files, so every sheet's schema runs a few times in all
    rather than once per file; the findings do not depend on how the files were batched.
    """
    workers = jobs or min(os.cpu_count() or 1, 4)
    if workers <= 1 or len(paths) < 8:
        return read_batch(paths, lang, progress)
    from concurrent.futures import ProcessPoolExecutor

    enough = len(paths) >= workers * BATCHES_PER_WORKER * MIN_BATCH  # else one batch each: schema runs cost
    size = -(-len(paths) // (workers * (BATCHES_PER_WORKER if enough else 1)))
    batches = [paths[i:i + size] for i in range(0, len(paths), size)]
    sources: list[Source] = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = pool.map(read_batch, batches, [lang] * len(batches))  # workers start here
        _import_while_reading()
        for batch in results:
            sources.extend(batch)
            if progress:
                progress(_reading(lang), len(sources), len(paths))
    return sources


def _import_while_reading() -> None:
    """The parent would only wait for the workers: it imports what writing the outputs needs meanwhile."""
    from . import rollup, summary, writer  # noqa: F401


def _reading(lang: str) -> str:
    return {"lv": "Lasa un pārbauda", "en": "Reading and checking"}.get(lang, "Reading and checking")


def pick_newest(sources: list[Source]) -> None:
    """Of several files for one municipality keep the newest; mark the others superseded."""
    groups: dict[str, list[Source]] = {}
    for s in sources:
        if s.plan is not None:
            groups.setdefault(s.municipality.casefold().strip(), []).append(s)
    for group in groups.values():
        group.sort(key=lambda s: (s.saved, s.modified, s.name), reverse=True)
        for older in group[1:]:
            older.status = "superseded"
            older.report.add(Issue("file-superseded", file=older.name, expected=group[0].name))


def gather(inbox: Path, lang: str = "lv", jobs: int = 0, progress: Progress | None = None) -> Result:
    """Read, validate and de-duplicate a folder; writes nothing."""
    sources = read_sources(inbox_files(inbox), lang, jobs, progress)
    pick_newest(sources)
    checks = (s.checks for s in sources if s.status == "used")
    report = Report.merge([*(s.report for s in sources), *checks])
    return Result(sources, report.sorted())


def consolidate(inbox: Path, output: Path, *, report: Path | None = None, feedback: Path | None = None,
                lang: str = "lv", jobs: int = 0, progress: Progress | None = None) -> Result:
    """The main job: gather the inbox, write the regional workbook, and the report and feedback if asked."""
    from .writer import write_regional

    result = gather(Path(inbox), lang, jobs, progress)
    result.outputs.append(write_regional(result, Path(output), lang, jobs))
    if report is not None:
        from .reporting import write_regional_report

        result.outputs.append(write_regional_report(result, Path(report), lang))
    if feedback is not None:
        from .feedback import write_feedback

        result.outputs.extend(write_feedback(result, Path(feedback), lang))
    return result
