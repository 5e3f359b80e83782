"""The command line: each command parses its options and makes one library call."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .texts import CatalogueError, languages, lookup


def _remember_lang(ctx: click.Context, _param: click.Parameter, value: str) -> str:
    """Keep --lang where the error handler finds it: its messages speak the command's language.

    The language's catalogue is read and checked now: a broken one (not TOML, a sheet name Excel refuses,
    a changed placeholder) is a usage message naming the file and the text before any work starts.
    """
    from .texts.check import ensure_usable

    try:
        ensure_usable(value)
    except CatalogueError as err:
        click.echo(str(err), err=True)
        ctx.exit(EXIT_USAGE)
    ctx.find_root().meta["reimpact_lang"] = value
    return value


class _Languages(click.Choice):  # type: ignore[type-arg]
    """--lang's choices: the language catalogues found when asked (texts/*.toml and REIMPACT_XL_TEXTS)."""

    def __init__(self) -> None:
        super().__init__(())

    @property  # type: ignore[override]
    def choices(self) -> tuple[str, ...]:
        return languages()

    @choices.setter
    def choices(self, _value: object) -> None:
        """click.Choice sets its list once; ours is read from the catalogues each time."""


LANG = click.option("--lang", type=_Languages(), default="lv", show_default=True,
                    help="Language of the workbook and of the messages.", callback=_remember_lang)


# Exit codes (README, "Exit codes"): each says what the coordinator or a script should do next.
EXIT_OK, EXIT_ERRORS, EXIT_USAGE, EXIT_OUTPUT, EXIT_NOTHING, EXIT_INTERNAL = 0, 1, 2, 3, 4, 5
EXIT_INTERRUPTED = 130  # the shells' code for Ctrl+C


class _Group(click.Group):
    """Errors raised on purpose (ReimpactError) end in their message and exit code, and so does anything
    unexpected: never a traceback (REIMPACT_XL_DEBUG=1 shows one, for the developers)."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        import os

        from .plan.errors import NothingToConsolidate, OutputError, ReimpactError, UsageError
        from .region.summary import summary_table

        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo(lookup("cli.interrupted", _lang(ctx)), err=True)
            sys.exit(EXIT_INTERRUPTED)
        except CatalogueError as exc:  # a catalogue the run needed is broken: its own message, no lookup
            click.echo(str(exc), err=True)
            sys.exit(EXIT_USAGE)
        except NothingToConsolidate as exc:
            if exc.result is not None:
                click.echo(summary_table(exc.result, _lang(ctx)))
            click.echo(str(exc), err=True)
            sys.exit(EXIT_NOTHING)
        except ReimpactError as exc:
            click.echo(str(exc), err=True)
            sys.exit(EXIT_OUTPUT if isinstance(exc, OutputError) else EXIT_USAGE if isinstance(exc, UsageError)
                     else EXIT_ERRORS)
        except Exception as exc:  # noqa: BLE001 - the last guard: a message, never a traceback
            if os.environ.get("REIMPACT_XL_DEBUG"):
                raise
            if _interrupted(exc):  # e.g. a worker pool shut down while Ctrl+C was being handled
                click.echo(lookup("cli.interrupted", _lang(ctx)), err=True)
                sys.exit(EXIT_INTERRUPTED)
            what = f"{type(exc).__name__}: {' '.join(str(exc).split())[:200]}"
            click.echo(lookup("cli.unexpected", _lang(ctx)).format(what=what), err=True)
            sys.exit(EXIT_INTERNAL)


def _interrupted(exc: BaseException | None) -> bool:
    """Whether an exception was raised while a Ctrl+C (KeyboardInterrupt) was being handled."""
    seen = 0
    while exc is not None and seen < 20:
        if isinstance(exc, KeyboardInterrupt):
            return True
        exc, seen = exc.__context__ or exc.__cause__, seen + 1
    return False


def _lang(ctx: click.Context) -> str:
    """The --lang of the command being run ("lv" until its option is parsed)."""
    return ctx.meta.get("reimpact_lang", "lv")


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="reimpact-xl")
def main() -> None:
    """Municipal social-entrepreneurship action plans as Excel workbooks.

    Make the municipality workbooks, validate what comes back, consolidate a folder of them into
    the regional workbook and report.
    """


@main.command()
@click.option("--municipality", "-m", default="", help="Municipality, e.g. \"Bauskas novads\".")
@click.option("--period", default="", help="Plan period, e.g. 2025–2027.")
@click.option("--from", "source", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Carry a plan from last year's workbook into a fresh one of the current template.")
@LANG
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="Folder to write the workbook into.")
def new(municipality: str, period: str, source: Path | None, lang: str, out_dir: Path) -> None:
    """Write a new municipality workbook (plain .xlsx, no macros)."""
    from .workbook.carry import new_workbook

    path, report = new_workbook(out_dir, municipality=municipality, period=period, lang=lang, source=source)
    _echo_issues(report, lang, brief=True)
    click.echo(str(path))


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, readable=False))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@LANG
def validate(files: tuple[Path, ...], fmt: str, lang: str) -> None:
    """Validate workbooks; exit 0 without errors, 1 with errors, 2 for usage.

    A file that cannot be read is that file's error; the others are validated all the same.
    """
    from .validation.check import check_files

    report = check_files(list(files), lang=lang)
    if fmt == "json":
        import json

        click.echo(json.dumps(report.rows(lang), ensure_ascii=False, indent=1))
    else:
        _echo_issues(report, lang)
    sys.exit(1 if report.errors else 0)


@main.command()
@click.argument("inbox", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The regional workbook to write (.xlsx).")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the regional report (HTML).")
@click.option("--feedback", "feedback_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Also write a feedback workbook and page per municipality into this folder.")
@click.option("--jobs", "-j", type=int, default=0, help="Worker processes for reading and writing "
              "(0: one per core, up to 4; one fewer below 100 files).")
@click.option("--year", type=click.IntRange(1900, 2200), help="Reporting year; status is judged on 31 December of it.")
@click.option("--judged-on", "judged_on", type=click.DateTime(["%Y-%m-%d", "%d.%m.%Y"]),
              help="Judge indicator status on this date instead (YYYY-MM-DD or dd.mm.yyyy).")
@click.option("--expected", "expected", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The expected municipalities: a UTF-8 text file, one a line (# comments).")
@click.option("--report-for", "report_for", type=click.Choice(["coordinator", "council"]), default="coordinator",
              show_default=True, help="The report's reader: the council (A4, no data-quality detail) or the "
              "coordinator (adds the problems per file).")
@click.option("--archive", "archive", type=click.Path(dir_okay=False, path_type=Path),
              help="The region's archive (SQLite): store this round as the reporting year's, compare the years.")
@LANG
def consolidate(inbox: Path, output: Path, report_path: Path | None, feedback_dir: Path | None, jobs: int,
                year: int | None, judged_on, expected: Path | None, report_for: str, archive: Path | None,
                lang: str) -> None:
    """Consolidate a folder of municipality workbooks into the regional workbook.

    Exit 0 without errors, 1 when plans have errors, 2 for usage (e.g. an output inside the inbox),
    3 when an output cannot be written, 4 when the folder holds no plan (the previous outputs stay).
    """
    from .outputs.run import consolidate as run
    from .region.context import ReportingContext, read_expected
    from .region.summary import summary_table

    context = ReportingContext(year=year, judged_on=judged_on.date() if judged_on else None,
                               expected=read_expected(expected) if expected else ())
    result = run(inbox, output, report=report_path, feedback=feedback_dir, lang=lang, jobs=jobs,
                 progress=_progress, context=context, report_for=report_for, archive=archive, year=year)
    click.echo(summary_table(result, lang))
    sys.exit(EXIT_ERRORS if result.has_errors else EXIT_OK)


@main.command()
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("demo"), show_default=True)
@LANG
def demo(out_dir: Path, lang: str) -> None:
    """Build the five example workbooks into an inbox and consolidate them, with report and feedback."""
    from .outputs.demo import run_demo
    from .region.summary import summary_table

    result = run_demo(out_dir, lang=lang, progress=_progress)
    click.echo(summary_table(result, lang))


@main.command(name="build-master")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Default: workbook/reimpact_master.xlsm, with --lite workbook/reimpact_master_lite.xlsx.")
@click.option("--lite", is_flag=True, help="The master for xlwings Lite: .xlsx, no macros, its Python inside.")
@click.option("--wheel", help="With --lite: where Lite gets reimpact-xl (a wheel URL or a requirement); "
              "default: the wheel dropped into /data.")
@LANG
def build_master(output: Path | None, lite: bool, wheel: str | None, lang: str) -> None:
    """Build the coordinator's master workbook (.xlsm with buttons and the VBA modules, or --lite .xlsx)."""
    if lite:
        from .excel.lite import build_lite_master

        click.echo(str(build_lite_master(output or Path("workbook/reimpact_master_lite.xlsx"), lang, wheel)))
        return
    from .excel.master import build_master as build

    click.echo(str(build(output or Path("workbook/reimpact_master.xlsm"), lang=lang)))


@main.command(name="build-templates")
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("workbook"), show_default=True)
def build_templates(out_dir: Path) -> None:
    """Build the blank municipality workbooks, Latvian and English (workbook/reimpact_plan_*.xlsx)."""
    from .workbook.build import build_templates as build

    for path in build(out_dir):
        click.echo(str(path))


@main.command(name="build-examples")
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("workbook/examples"), show_default=True)
def build_examples(out_dir: Path) -> None:
    """Rebuild the example workbooks from their transcriptions (workbook/examples/*.yaml)."""
    from .workbook.examples import build_examples as build

    for path in build(out_dir):
        click.echo(str(path))


def _progress(label: str, done: int, total: int) -> None:
    if sys.stderr.isatty():
        width = 30
        filled = int(width * done / total) if total else width
        click.echo(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}", err=True,
                   nl=done >= total)


def _echo_issues(report, lang: str, brief: bool = False) -> None:
    from .plan.issues import SEVERITY_WORDS

    for issue in report:
        if brief and issue.level.value == "info":
            continue
        prefix = f"{issue.file}: " if issue.file else ""
        click.echo(f"{SEVERITY_WORDS[issue.level](lang)}: {prefix}{issue.message(lang)}")
    counts = report.counts()
    if not brief:
        words = {s: SEVERITY_WORDS[s](lang) for s in counts}
        click.echo(", ".join(f"{n} × {words[s]}" for s, n in counts.items()), err=True)


@main.command(name="check-texts")
@LANG
def check_texts(lang: str) -> None:
    """Check the language catalogues (texts/*.toml and REIMPACT_XL_TEXTS): keys, placeholders, sheet names.

    Exit 0 when every catalogue is sound (texts a catalogue lacks are listed: they fall back to Latvian),
    1 when one has problems.
    """
    from .texts import found
    from .texts.check import check

    findings = check(lang=lang)
    for code, path in sorted(found().items()):
        click.echo(lookup("check.listed", lang).format(code=code, path=path))
    for code, keys in sorted(findings.missing.items()):
        shown = ", ".join(keys[:20]) + (" …" if len(keys) > 20 else "")
        click.echo(lookup("check.missing", lang).format(code=code, n=len(keys), keys=shown))
    for problem in findings.problems:
        click.echo(problem, err=True)
    sys.exit(EXIT_ERRORS if findings.problems else EXIT_OK)


if __name__ == "__main__":  # pragma: no cover
    main()
