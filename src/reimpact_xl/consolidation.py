"""Many municipality workbooks -> one regional picture: sources, plans, one merged report."""
from __future__ import annotations

import hashlib
import os
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Sequence

from .context import ReportingContext, flag_unexpected
from .errors import NothingToConsolidate
from .indicator_hints import standard_hints
from .issues import Issue, Report
from .plan import Plan
from .runtime import processes_available
from .schema import Text
from .submissions import Skipped, municipality_key, refuse_outputs, scan

Progress = Callable[[str, int, int], None]
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
    """The files to consolidate, in name order (submissions.scan() says which, and which it skips)."""
    return scan(inbox)[0]


def read_source(path: Path, lang: str = "lv") -> Source:
    """Read one file (in a worker process): hash, file time, plan and the reader's issues.

    Whatever goes wrong with this file is this file's issue: the other files go on.
    """
    from .reader import read_plan

    try:
        plan, found = read_plan(path, lang=lang)
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


READ_FAILED = Text("failu nevar nolasīt ({why}); ja tas ir atvērts citā programmā vai glabājas tikai mākonī "
                   "(OneDrive), aizveriet to vai lejupielādējiet datorā",
                   "the file cannot be read ({why}); if it is open in another program or kept only in the cloud "
                   "(OneDrive), close it or download it to the computer")


def failure_detail(exc: BaseException, lang: str = "lv") -> str:
    """What went wrong reading a file, for its file-unreadable issue."""
    from .safety import detail

    if isinstance(exc, PermissionError):
        return detail("no-access", lang)
    why = (exc.strerror if isinstance(exc, OSError) else None) or " ".join(str(exc).split())[:120]
    if isinstance(exc, OSError):
        return READ_FAILED(lang).format(why=why or type(exc).__name__)
    return detail("damaged", lang, why=why or type(exc).__name__)


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
    from .workers import pool

    with pool(workers) as executor:
        sources = []
        chunk = max(1, len(paths) // (workers * 8))
        results = executor.map(read_source, paths, [lang] * len(paths), chunksize=chunk)  # workers start here
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


def gather(inbox: Path, lang: str = "lv", jobs: int = 0, progress: Progress | None = None) -> Result:
    """Read, de-duplicate and validate a folder; writes nothing."""
    from .validation import validate

    files, skipped = scan(inbox)
    sources = read_sources(files, lang, jobs, progress)
    own = [s for s in sources if s.status == "own_output"]
    sources = [s for s in sources if s.status != "own_output"]
    skipped.extend(Skipped(s.path, next(i.value for i in s.report if i.rule == "file-own-output")) for s in own)
    pick_newest(sources)
    report = Report.merge(s.report for s in sources)
    result = Result(sources, report, skipped=sorted(skipped, key=lambda k: k.name.casefold()))
    report.extend(validate(result.plans, lang))
    result.report = report.sorted()
    return result


NOTHING = {
    "empty": Text("Mapē “{inbox}” nav neviena iesniegta faila{skipped}. Iepriekšējie rezultāti nav mainīti. "
                  "Pārbaudiet, vai izvēlēta pareizā mape.",
                  "The folder “{inbox}” holds no submitted file{skipped}. The previous outputs were kept. "
                  "Check that the right folder was chosen."),
    "no-plan": Text("Mapē “{inbox}” nav neviena plāna, ko apkopot (iesniegti faili: {files}; neviens nav "
                    "nolasāms plāns). Iepriekšējie rezultāti nav mainīti. Pārbaudiet, vai izvēlēta pareizā mape.",
                    "The folder “{inbox}” holds no plan to consolidate ({files} files, none a readable plan). "
                    "The previous outputs were kept. Check that the right folder was chosen."),
    "skipped": Text(" (izlaisti {n}, kas nav iesniegumi)", " ({n} skipped as no submissions)"),
}


def consolidate(inbox: Path, output: Path, *, report: Path | None = None, feedback: Path | None = None,
                lang: str = "lv", jobs: int = 0, progress: Progress | None = None,
                context: ReportingContext | None = None, report_for: str = "coordinator",
                archive: Path | None = None, year: int | None = None) -> Result:
    """The main job: gather the inbox, write the regional workbook, and the report and feedback if asked.

    Outputs inside the inbox or on a submission are refused before anything is read; with no plan to
    consolidate nothing is written (NothingToConsolidate); the outputs are replaced all together or
    not at all. Every output judges with one `context` (its date fixed once: see
    ReportingContext.resolved; `year` stands for a context of that year). With `archive`, the round is
    stored there first as the round of the context's year (else the year the covers' reporting dates
    give) and every output shows the archived years side by side.
    """
    from .atomic import sweep, together
    from .writer import write_regional

    inbox, output = Path(inbox), Path(output)
    refuse_outputs(inbox, [output, report, feedback, archive], lang=lang)
    folders = {output.parent, *([Path(report).parent] if report else []), *([Path(feedback)] if feedback else [])}
    for folder in folders:
        sweep(folder)  # the temporary files a killed run left
    result = gather(inbox, lang, jobs, progress)
    if not result.plans:
        raise NothingToConsolidate(_nothing(result, inbox, lang), result)
    result.context = (context or ReportingContext(year=year)).resolved(result)
    flag_unexpected(result, result.context)
    result.report.extend(standard_hints(result, lang))
    result.report = result.report.sorted()
    if archive is not None:
        from .archive import keep_round

        result.rounds = keep_round(Path(archive), year or result.context.year, result, lang)
    with together(lang), ExitStack() as stack:
        finish = None
        if feedback is not None:  # the feedback workbooks build in workers while this process writes the rest
            from .feedback import feedback_started

            finish = stack.enter_context(feedback_started(result, Path(feedback), lang))
        result.outputs.append(write_regional(result, output, lang))
        if report is not None:
            from .reporting import write_regional_report

            result.outputs.append(write_regional_report(result, Path(report), lang, reader=report_for))
        if finish is not None:
            result.outputs.extend(finish())
    return result


def _nothing(result: Result, inbox: Path, lang: str) -> str:
    if result.sources:
        return NOTHING["no-plan"](lang).format(inbox=inbox, files=len(result.sources))
    skipped = NOTHING["skipped"](lang).format(n=len(result.skipped)) if result.skipped else ""
    return NOTHING["empty"](lang).format(inbox=inbox, skipped=skipped)
