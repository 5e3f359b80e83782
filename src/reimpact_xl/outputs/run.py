"""The main job: gather an inbox into the regional picture, then write every output asked for."""
from __future__ import annotations

from pathlib import Path

from ..region.archive import keep_round
from ..region.context import ReportingContext, flag_unexpected
from ..region.gather import gather
from ..region.indicator_hints import standard_hints
from ..region.model import Progress, Result


def consolidate(inbox: Path, output: Path, *, report: Path | None = None, feedback: Path | None = None,
                lang: str = "lv", jobs: int = 0, progress: Progress | None = None,
                context: ReportingContext | None = None, report_for: str = "coordinator",
                archive: Path | None = None, year: int | None = None) -> Result:
    """The main job: gather the inbox, write the regional workbook, and the report and feedback if asked.

    Every output judges with one `context` (its date fixed once: see ReportingContext.resolved; `year`
    stands for a context of that year). With `archive`, the round is stored there first as the round of
    the context's year (else the year the covers' reporting dates give) and every output shows the
    archived years side by side."""
    from .regional_workbook import write_regional  # XlsxWriter: imported while the workers read

    result = gather(Path(inbox), lang, jobs, progress, meanwhile=_import_writer)
    result.context = (context or ReportingContext(year=year)).resolved(result)
    flag_unexpected(result, result.context)
    result.report.extend(standard_hints(result, lang))
    result.report = result.report.sorted()
    if archive is not None:
        result.rounds = keep_round(Path(archive), year or result.context.year, result, lang)
    result.outputs.append(write_regional(result, Path(output), lang))
    if report is not None:
        from .report import write_regional_report

        result.outputs.append(write_regional_report(result, Path(report), lang, reader=report_for))
    if feedback is not None:
        from .feedback import write_feedback

        result.outputs.extend(write_feedback(result, Path(feedback), lang))
    return result


def _import_writer() -> None:
    """Import the regional workbook's writer while the workers read (as gather imports validation)."""
    from . import regional_workbook  # noqa: F401
