"""Many municipality workbooks -> one regional picture: read the inbox, keep the newest per municipality, validate."""
from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Sequence

from ..plan.issues import Issue, Report
from ..read.reader import read_plan
from ..runtime import processes_available
from ..validation import validate
from .context import municipality_key
from .model import Progress, Result, Source

SKIPPED_PREFIXES = ("~$", ".~lock", ".", "~")  # Office and LibreOffice lock files, hidden files
SKIPPED_SUFFIXES = (".tmp", ".part", ".crdownload", "#")
SMALL_INBOX = 100  # files: one worker reads fewer in about the time this process takes to import pandas and Pandera


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


def read_sources(paths: Sequence[Path], lang: str, jobs: int, progress: Progress | None,
                 meanwhile: Callable[[], None] | None = None) -> list[Source]:
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
        if meanwhile is not None:
            meanwhile()
        for i, source in enumerate(results, 1):
            sources.append(source)
            if progress:
                progress(label, i, len(paths))
    return sources


def _import_while_reading() -> None:
    """The parent would only wait for the workers: meanwhile it imports pandas and Pandera with its
    backends (~0.8 s) for validation, and the writer. Validating here once the plans are in costs less
    than in the workers: the imports overlap the reading, and each sheet's schema runs once for all plans.
    The caller's `meanwhile` imports what it needs next (the outputs: their writers)."""
    from ..validation import frames, links  # noqa: F401
    from . import rollup, summary  # noqa: F401

    frames.prepare()


def pick_newest(sources: list[Source]) -> None:
    """Of several files for one municipality keep the newest; mark the others superseded."""
    groups: dict[str, list[Source]] = {}
    for s in sources:
        if s.plan is not None:
            groups.setdefault(municipality_key(s.municipality), []).append(s)
    for group in groups.values():
        group.sort(key=lambda s: (s.saved, s.modified, s.name), reverse=True)
        for older in group[1:]:
            older.status = "superseded"
            older.report.add(Issue("file-superseded", file=older.name, expected=group[0].name))


def gather(inbox: Path, lang: str = "lv", jobs: int = 0, progress: Progress | None = None,
           meanwhile: Callable[[], None] | None = None) -> Result:
    """Read, de-duplicate and validate a folder; writes nothing."""
    sources = read_sources(inbox_files(inbox), lang, jobs, progress, meanwhile)
    pick_newest(sources)
    report = Report.merge(s.report for s in sources)
    result = Result(sources, report)
    report.extend(validate(result.plans, lang))
    result.report = report.sorted()
    return result
