"""Many municipality workbooks -> one regional picture: read the inbox, keep the newest per municipality, validate."""
from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Sequence

from ..plan.issues import Issue, Report
from ..plan.model import Plan
from ..read import reader  # reader.read_plan looked up at call time: tests stand in for it
from ..read.failure import failure_detail
from ..read.submissions import Skipped, municipality_key, scan
from ..runtime import processes_available
from ..schema import Text
from ..validation import validate
from ..workers import pool
from .model import Progress, Result, Source

READING = Text("gather.reading")

SMALL_INBOX = 100  # files: one worker reads fewer in about the time this process takes to import pandas and Pandera


def inbox_files(inbox: Path) -> list[Path]:
    """The files to consolidate, in name order (submissions.scan() says which, and which it skips)."""
    return scan(inbox)[0]


def read_source(path: Path, lang: str = "lv") -> Source:
    """Read one file (in a worker process): hash, file time, plan and the reader's issues.

    Whatever goes wrong with this file is this file's issue: the other files go on.
    """
    try:
        plan, found = reader.read_plan(path, lang=lang)
    except Exception as exc:  # noqa: BLE001 - one file's failure is its issue, never the run's end
        failed = Issue("file-unreadable", file=path.name, detail=failure_detail(exc, lang))
        plan, found = None, Report([failed])
    report = Report([replace(i, file=path.name) for i in found])
    if plan is not None:
        plan.file = path.name
    size, modified = _stat(path)
    digest = plan.meta.get("sha256") if plan is not None else None  # the reader hashed the bytes it read
    return Source(path, digest or _digest(path), size, modified, plan, report, _status(plan, report))


def _status(plan: Plan | None, report: Report) -> str:
    if plan is not None:
        return "used"
    rules = {i.rule for i in report}
    return "own_output" if "file-own-output" in rules else "not_plan" if "file-not-plan" in rules else "unreadable"


def _stat(path: Path) -> tuple[int, datetime]:
    """Size and file time; an entry that cannot even be looked at has neither (its issue says why)."""
    try:
        info = path.stat()
    except OSError:
        return 0, datetime.fromtimestamp(0, tz=timezone.utc)
    return info.st_size, datetime.fromtimestamp(info.st_mtime, tz=timezone.utc).replace(microsecond=0)


def _digest(path: Path) -> str:
    """SHA-256 of a file the reader did not hash (it read no plan from it); "" when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return ""
    return digest.hexdigest()


def read_sources(paths: Sequence[Path], lang: str, jobs: int, progress: Progress | None,
                 meanwhile: Callable[[], None] | None = None) -> list[Source]:
    """Read every file in worker processes (in this process for a handful); results keep the input order.

    Meanwhile this process imports what validation and writing need (~1 s); for a small inbox it keeps
    a core of its own for that, as the reading is over sooner than the importing.
    """
    cores = min(os.cpu_count() or 1, 4)
    workers = jobs or (max(1, cores - 1) if len(paths) < SMALL_INBOX else cores)
    label = READING(lang)
    if len(paths) < 8 or not processes_available():  # xlwings Lite (Pyodide) has no processes
        sources = []
        for i, path in enumerate(paths, 1):
            sources.append(read_source(path, lang))
            if progress:
                progress(label, i, len(paths))
        return sources

    with pool(workers) as executor:
        sources = []
        chunk = max(1, len(paths) // (workers * 8))
        results = executor.map(read_source, paths, [lang] * len(paths), chunksize=chunk)  # workers start here
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
    """Of several plans of one municipality (submissions.municipality_key) keep the newest; mark the
    others superseded. Files that are no plan take no part."""
    groups: dict[str, list[Source]] = {}
    for s in sources:
        if s.plan is not None and s.status == "used":
            groups.setdefault(municipality_key(s.municipality), []).append(s)
    for group in groups.values():
        group.sort(key=lambda s: (s.saved, s.modified, s.name), reverse=True)
        for older in group[1:]:
            older.status = "superseded"
            older.report.add(Issue("file-superseded", file=older.name, expected=group[0].name))


def gather(inbox: Path, lang: str = "lv", jobs: int = 0, progress: Progress | None = None,
           meanwhile: Callable[[], None] | None = None) -> Result:
    """Read, de-duplicate and validate a folder; writes nothing."""
    files, skipped = scan(inbox)
    sources = read_sources(files, lang, jobs, progress, meanwhile)
    own = [s for s in sources if s.status == "own_output"]
    sources = [s for s in sources if s.status != "own_output"]
    skipped.extend(Skipped(s.path, next(i.value for i in s.report if i.rule == "file-own-output")) for s in own)
    pick_newest(sources)
    report = Report.merge(s.report for s in sources)
    result = Result(sources, report, skipped=sorted(skipped, key=lambda k: k.name.casefold()))
    report.extend(validate(result.plans, lang))
    result.report = report.sorted()
    return result
