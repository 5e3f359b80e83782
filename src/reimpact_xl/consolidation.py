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
from .runtime import processes_available

Progress = Callable[[str, int, int], None]
SKIPPED_PREFIXES = ("~$", ".~lock", ".", "~")  # Office and LibreOffice lock files, hidden files
SKIPPED_SUFFIXES = (".tmp", ".part", ".crdownload", "#")
SMALL_INBOX = 100  # files: one worker reads fewer in about the time this process takes to import pandas and Pandera


@dataclass
class Source:
    """One file of the inbox and what became of it."""

    path: Path
    sha256: str
    size: int
    modified: datetime  # the file's time
    plan: Plan | None
    report: Report
    status: str = "used"  # used | superseded | unreadable

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

    stat = path.stat()
    plan, found = read_plan(path, lang=lang)
    report = Report([replace(i, file=path.name) for i in found])
    if plan is not None:
        plan.file = path.name
    status = "used" if plan is not None else "unreadable"
    modified = datetime.fromtimestamp(stat.st_mtime, tz=timezone.utc).replace(microsecond=0)
    digest = plan.meta.get("sha256") if plan is not None else None  # the reader hashed the bytes it read
    if digest is None:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return Source(path, digest, stat.st_size, modified, plan, report, status)


def read_sources(paths: Sequence[Path], lang: str, jobs: int, progress: Progress | None) -> list[Source]:
    """Read every file in worker processes (in this process for a handful); results keep the input order.

    Meanwhile this process imports what validation and writing need (~1 s); for a small inbox it keeps
    a core of its own for that, as the reading is over sooner than the importing.
    """
    cores = min(os.cpu_count() or 1, 4)
    workers = jobs or (max(1, cores - 1) if len(paths) < SMALL_INBOX else cores)
    label = {"lv": "Lasa", "en": "Reading"}.get(lang, "Reading")
    if len(paths) < 8 or not processes_available():  # xlwings Lite (Pyodide) has no processes
        sources = []
        for i, path in enumerate(paths, 1):
            sources.append(read_source(path, lang))
            if progress:
                progress(label, i, len(paths))
        return sources
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        sources = []
        chunk = max(1, len(paths) // (workers * 8))
        results = pool.map(read_source, paths, [lang] * len(paths), chunksize=chunk)  # workers start here
        _import_while_reading()
        for i, source in enumerate(results, 1):
            sources.append(source)
            if progress:
                progress(label, i, len(paths))
    return sources


def _import_while_reading() -> None:
    """The parent would only wait for the workers: meanwhile it imports pandas and Pandera with its
    backends (~0.8 s) for validation, and the writer. Validating here once the plans are in costs less
    than in the workers: the imports overlap the reading, and each sheet's schema runs once for all plans."""
    from . import rollup, summary, writer  # noqa: F401
    from .validation import frames, links  # noqa: F401

    frames.prepare()


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
    """Read, de-duplicate and validate a folder; writes nothing."""
    from .validation import validate

    sources = read_sources(inbox_files(inbox), lang, jobs, progress)
    pick_newest(sources)
    report = Report.merge(s.report for s in sources)
    result = Result(sources, report)
    report.extend(validate(result.plans, lang))
    result.report = report.sorted()
    return result


def consolidate(inbox: Path, output: Path, *, report: Path | None = None, feedback: Path | None = None,
                lang: str = "lv", jobs: int = 0, progress: Progress | None = None) -> Result:
    """The main job: gather the inbox, write the regional workbook, and the report and feedback if asked."""
    from .writer import write_regional

    result = gather(Path(inbox), lang, jobs, progress)
    result.outputs.append(write_regional(result, Path(output), lang))
    if report is not None:
        from .reporting import write_regional_report

        result.outputs.append(write_regional_report(result, Path(report), lang))
    if feedback is not None:
        from .feedback import write_feedback

        result.outputs.extend(write_feedback(result, Path(feedback), lang))
    return result
