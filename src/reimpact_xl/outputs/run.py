"""The main job: gather an inbox, compute the regional picture once, then render every output asked for from it."""
from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

from ..atomic import sweep, together
from ..plan.errors import NothingToConsolidate
from ..read.submissions import refuse_outputs
from ..region.archive import keep_round
from ..region.context import ReportingContext, flag_unexpected
from ..region.gather import gather
from ..region.indicator_hints import standard_hints
from ..region.model import Progress, Result
from ..region.picture import build_picture
from ..schema import Text
from .feedback import feedback_started
from .report import write_regional_report

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
    from .regional_workbook import write_regional  # XlsxWriter: imported while the workers read

    inbox, output = Path(inbox), Path(output)
    refuse_outputs(inbox, [output, report, feedback, archive], lang=lang)
    folders = {output.parent, *([Path(report).parent] if report else []), *([Path(feedback)] if feedback else [])}
    for folder in folders:
        sweep(folder)  # the temporary files a killed run left
    result = gather(inbox, lang, jobs, progress, meanwhile=_import_writer)
    if not result.plans:
        raise NothingToConsolidate(_nothing(result, inbox, lang), result)
    result.context = (context or ReportingContext(year=year)).resolved(result)
    flag_unexpected(result, result.context)
    result.report.extend(standard_hints(result, lang))
    result.report = result.report.sorted()
    if archive is not None:
        result.rounds = keep_round(Path(archive), year or result.context.year, result, lang)
    picture = result.picture = build_picture(result, lang)  # every output renders this one object
    with together(lang), ExitStack() as stack:
        finish = None
        if feedback is not None:  # the feedback workbooks build in workers while this process writes the rest
            finish = stack.enter_context(feedback_started(picture, Path(feedback)))
        result.outputs.append(write_regional(picture, output))
        if report is not None:
            result.outputs.append(write_regional_report(picture, Path(report), reader=report_for))
        if finish is not None:
            result.outputs.extend(finish())
    return result


def _nothing(result: Result, inbox: Path, lang: str) -> str:
    if result.sources:
        return NOTHING["no-plan"](lang).format(inbox=inbox, files=len(result.sources))
    skipped = NOTHING["skipped"](lang).format(n=len(result.skipped)) if result.skipped else ""
    return NOTHING["empty"](lang).format(inbox=inbox, skipped=skipped)


def _import_writer() -> None:
    """Import the regional workbook's writer while the workers read (as gather imports validation)."""
    from . import regional_workbook  # noqa: F401
