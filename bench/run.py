"""Run the benchmark: reimpact-xl against the floor and the user's own script, as whole processes.

    python bench/run.py [--sizes 43,100,1000] [--repeat 3] [--quick] [--out bench/results.md]

Prints a table (case, median seconds, CPU seconds, ratio to its floor, speed-up over the user's
script, peak RSS, target) and writes it, with the machine, its load and where the time goes, to
bench/results.md (with --quick only to --out); the file is rewritten after every stage of a long run.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import DEFAULT_CACHE, Workbooks, ensure  # noqa: E402
from measure import Measurement, Run, machine, run_once  # noqa: E402

QUICK_SIZE = 8  # the smallest inbox that consolidate reads in worker processes
USER_ONCE_FROM = 500  # the user's script takes minutes on big inboxes: one run there
CLI = str(Path(sys.executable).with_name("reimpact-xl"))
NEW_NAME = "Bauskas novads (kopija 999)"  # a copy's name, never a real municipality's


@dataclass(frozen=True)
class Target:
    """What the issue asks of a case: seconds, ratio to its floor, memory (None: no limit)."""

    seconds: float | None = None
    floor_ratio: float | None = None
    rss_mb: float | None = None
    floor: str = "floor"  # which floor the ratio is to

    def text(self) -> str:
        parts = [f"< {self.seconds:g} s" if self.seconds else "",
                 f"≤ {self.floor_ratio:g}× {self.floor}" if self.floor_ratio else "",
                 f"< {self.rss_mb:g} MB" if self.rss_mb else ""]
        return ", ".join(p for p in parts if p) or "—"


# Issue 14's targets, on inboxes made from the real example plans.
TARGETS = {43: Target(floor_ratio=1.5), 1000: Target(floor_ratio=2.0, rss_mb=1024)}
CLICK_TARGET = Target(floor_ratio=3.0, floor="write-back floor")


@dataclass(frozen=True)
class Case:
    name: str
    cmd: tuple[str, ...]
    size: int = 0  # inbox size for the consolidation cases and their references
    role: str = "project"  # project | floor | user
    target: Target | None = None
    ok_codes: tuple[int, ...] = (0,)  # validate and consolidate exit 1 when the files have errors
    max_runs: int = 99
    floor: str | None = None  # the name of the case this one is divided by
    user: str | None = None  # the name of the user's-script case this one is compared with
    out: Path | None = None  # a folder emptied before every run (not timed): each run writes afresh


@dataclass(frozen=True)
class Row:
    case: Case
    measurement: Measurement
    floor: Measurement | None
    user: Measurement | None

    @property
    def floor_ratio(self) -> float | None:
        return self.measurement.seconds / self.floor.seconds if self.floor else None

    @property
    def cpu_ratio(self) -> float | None:
        """CPU seconds / the floor's CPU seconds: what a busy machine's sharing swells least."""
        return self.measurement.cpu / self.floor.cpu if self.floor and self.floor.cpu else None

    @property
    def speedup(self) -> float | None:
        return self.user.seconds / self.measurement.seconds if self.user else None

    @property
    def missed(self) -> list[str] | None:
        """The parts of the target this case misses (empty: met), or None without a target."""
        t = self.case.target
        if t is None:
            return None
        m = self.measurement
        checks = [("seconds", t.seconds is None or m.seconds < t.seconds),
                  ("× floor", t.floor_ratio is None or (self.floor_ratio or 0) <= t.floor_ratio),
                  ("memory", t.rss_mb is None or m.rss_mb < t.rss_mb),
                  ("failed", m.failed is None)]
        return [name for name, ok in checks if not ok]


def size_cases(size: int, inbox: Path, out: Path, whole_click: bool = False) -> list[Case]:
    """The ways of consolidating one inbox: the floor, reimpact-xl, the whole click and its floor, the user's script."""
    py, floor_py = sys.executable, str(HERE / "ref_floor.py")
    floor = Case(f"floor, {size} workbooks", (py, floor_py, str(inbox)), size, "floor")
    user = Case(f"user's script, {size} workbooks", (py, str(HERE / "ref_user.py"), str(inbox),
                                                     str(out / f"user-{size}.xlsx")), size, "user",
                max_runs=1 if size >= USER_ONCE_FROM else 99)
    cases = [floor, Case(f"consolidate {size} workbooks",
                         (CLI, "consolidate", str(inbox), "-o", str(out / f"regional-{size}.xlsx")), size,
                         target=TARGETS.get(size), ok_codes=(0, 1), floor=floor.name, user=user.name)]
    if whole_click:
        back, click = out / f"write-back-{size}", out / f"click-{size}"
        write_back = Case(f"write-back floor, {size} workbooks", (py, floor_py, str(inbox), "--write-back", str(back)),
                          size, "floor", out=back)
        cases += [write_back,
                  Case(f"whole click, {size} workbooks (--report --feedback)",
                       (CLI, "consolidate", str(inbox), "-o", str(click / "regional.xlsx"), "--report",
                        str(click / "report.html"), "--feedback", str(click / "feedback")), size,
                       target=CLICK_TARGET, ok_codes=(0, 1), floor=write_back.name, out=click)]
    return [*cases, user]


def single_cases(books: Workbooks, out: Path) -> list[Case]:
    return [Case(f"validate one workbook ({books.one.name})", (CLI, "validate", str(books.one)),
                 target=Target(seconds=1.5), ok_codes=(0, 1)),
            Case("new: build one template", (CLI, "new", "-m", NEW_NAME, "-o", str(out / "new")),
                 target=Target(seconds=1.0), out=out / "new"),
            Case("reimpact-xl --help", (CLI, "--help"), target=Target(seconds=0.3))]


def measure_interleaved(cases: Sequence[Case], repeat: int) -> dict[str, Measurement]:
    """Repetition by repetition through the cases, so machine noise falls on all of them alike."""
    runs: dict[str, list[Run]] = {c.name: [] for c in cases}
    for _ in range(max(1, repeat)):
        for case in cases:
            done = runs[case.name]
            if done and (done[-1].returncode not in case.ok_codes or done[-1].crashed or len(done) >= case.max_runs):
                continue
            if case.out is not None:  # every run writes into an empty folder, as the first one did
                shutil.rmtree(case.out, ignore_errors=True)
                case.out.mkdir(parents=True)
            done.append(run_once(case.cmd))
            print(f"  {case.name}: {done[-1].seconds:.2f} s, CPU {done[-1].cpu:.2f} s, {done[-1].rss_mb:.0f} MB, "
                  f"exit {done[-1].returncode}", file=sys.stderr, flush=True)
    return {c.name: Measurement(c.name, tuple(runs[c.name]), c.ok_codes) for c in cases}


def rows_of(cases: Sequence[Case], found: dict[str, Measurement]) -> list[Row]:
    """Each case with the floor and the user's script it is compared with."""
    return [Row(c, found[c.name], found.get(c.floor or ""), found.get(c.user or "")) for c in cases]


def benchmark(sizes: Sequence[int], repeat: int, books: Workbooks, out: Path) -> Iterator[list[Row]]:
    """Warm up, then measure stage by stage (the smallest size with the whole click, the single-file
    commands, each larger size), yielding the rows after each stage so that a long run shows its
    figures as they come."""
    run_once((CLI, "--help"))  # warm the file cache for the interpreter and the libraries
    run_once(size_cases(min(sizes), books.inboxes[min(sizes)], out)[0].cmd)
    rows: list[Row] = []
    stages = [size_cases(min(sizes), books.inboxes[min(sizes)], out, whole_click=True), single_cases(books, out),
              *(size_cases(size, books.inboxes[size], out) for size in sorted(sizes)[1:])]
    for cases in stages:
        rows.extend(rows_of(cases, measure_interleaved(cases, repeat)))
        yield list(rows)


def table(rows: Sequence[Row]) -> str:
    """The figures as a Markdown table."""
    head = ("Case", "Seconds (median)", "CPU s", "× floor", "CPU × floor", "× faster than user's script",
            "Peak RSS, MB", "Target", "Met")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        m = r.measurement
        failed = m.failed
        met = "—" if r.missed is None else ("yes" if not r.missed else "**no**: " + ", ".join(r.missed))
        cells = (r.case.name, f"{m.seconds:.2f}" + (f" (exit {failed.returncode})" if failed else ""),
                 f"{m.cpu:.2f}", _ratio(r.floor_ratio), _ratio(r.cpu_ratio), _ratio(r.speedup), f"{m.rss_mb:.0f}",
                 r.case.target.text() if r.case.target else "—", met)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def phases(inbox: Path, *extra: str) -> str:
    """bench/phases.py on one inbox: where a consolidation spends its time (one run)."""
    done = subprocess.run([sys.executable, str(HERE / "phases.py"), str(inbox), *extra], capture_output=True,
                          text=True)
    return done.stdout.strip() or done.stderr.strip()[-2000:]


def profile(size: int, books: Workbooks, whole_click: bool) -> tuple[str, str]:
    """(title, phases.py's table): the whole click at the smallest size, consolidate alone at the largest."""
    if whole_click:
        return (f"the whole click, {size} workbooks (`--report --feedback`)",
                phases(books.inboxes[size], "--report", "--feedback"))
    return f"consolidate, {size} workbooks", phases(books.inboxes[size])


def load() -> str:
    """The machine's load average over 1, 5 and 15 minutes."""
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def report(rows: Sequence[Row], argv: Sequence[str], loads: tuple[str, str],
           profiled: dict[str, str] | None = None, partial: bool = False) -> str:
    """results.md: when, on what, with which command, the table and how to read it."""
    info = machine()
    commit = subprocess.run(["git", "-C", str(HERE), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip() or "?"
    runs = max(len(r.measurement.runs) for r in rows)
    lines = ["# Benchmark results" + (" (partial: the run is still going)" if partial else ""), "",
             f"Measured {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC at commit {commit} with "
             f"`python bench/run.py {' '.join(argv)}` (runs per case: {runs}, interleaved; the median).", "",
             "Machine: " + "; ".join(f"{k} {v}" for k, v in info.items()) + ".",
             f"Load average (1 / 5 / 15 min) before the runs {loads[0]}, after them {loads[1]}: "
             "a load above the number of cores means other programs shared the machine while it was measured.",
             "", table(rows), "",
             "- Inboxes: copies of the five example plans (`workbook/examples/*.yaml`, with their real rows and "
             "their real problems, 56 to 124 issues each), mixed round-robin, each under its own name "
             "(“Bauskas novads (kopija 007)”); built by `bench/generate.py` with the project's template, every "
             "third then saved once by openpyxl.",
             "- *floor*: python, pandas, Pandera and XlsxWriter imported, every sheet of every workbook read with "
             "python-calamine in as many worker processes as the machine has cores (`bench/ref_floor.py`).",
             "- *write-back floor*: the floor, and each workbook's values written back once with XlsxWriter, one "
             "output workbook per input (`bench/ref_floor.py --write-back`); the whole click is measured "
             "against it.",
             "- *whole click*: `consolidate INBOX -o OUT --report R --feedback DIR`, what the master's "
             "“Apkopot” runs.",
             "- *user's script*: `pandas.read_excel(sheet_name=None, engine=\"openpyxl\")` per file, concat per "
             "sheet with a municipality column, one `to_excel` with openpyxl (`bench/ref_user.py`); it runs "
             f"once on inboxes of {USER_ONCE_FROM} workbooks or more (it takes minutes).",
             "- × floor = seconds / the floor's seconds on the same inbox; × faster = the user's script's "
             "seconds / seconds.",
             "- CPU s: user + system seconds of the process and its workers (median); on a busy machine it "
             "moves less than the wall time. CPU × floor = CPU s / the floor's CPU s (no target: the targets are "
             "on wall time; it shows what sharing the machine did to the ratio).",
             "- Peak RSS: the largest single process (the command or one of its workers), from `wait4`.",
             "- `consolidate` and `validate` exit 1 when the workbooks hold errors (every example does): a "
             "normal run. A Python traceback fails the case.", ""]
    for title, text in (profiled or {}).items():
        lines += [f"Where the time goes, {title}: `python bench/phases.py`, one run in one process (the imports "
                  "first, then each step; workers' own steps are not split):", "", "```", text, "```", ""]
    for r in rows:
        if r.measurement.failed:
            lines += [f"Failed: {r.case.name} (exit {r.measurement.failed.returncode}):", "```",
                      r.measurement.failed.stderr.strip(), "```", ""]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(description="reimpact-xl benchmark")
    parser.add_argument("--sizes", default="43,100,1000", help="inbox sizes, comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="runs per case (median)")
    parser.add_argument("--quick", action="store_true", help=f"CI smoke size: {QUICK_SIZE} files, one run")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="folder of the generated workbooks")
    parser.add_argument("--rebuild", action="store_true", help="build the workbooks afresh")
    parser.add_argument("--out", type=Path, help="where to write the results (default bench/results.md)")
    args = parser.parse_args(argv)
    sizes = [QUICK_SIZE] if args.quick else sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    out = args.out or (None if args.quick else HERE / "results.md")
    books = ensure(sizes, args.cache, rebuild=args.rebuild)
    before, rows, profiled = load(), [], {}
    with tempfile.TemporaryDirectory(prefix="reimpact-bench-") as tmp:
        for stage, rows in enumerate(benchmark(sizes, 1 if args.quick else args.repeat, books, Path(tmp))):
            if stage == 0 and not args.quick:
                profiled.update([profile(min(sizes), books, whole_click=True)])
            if out is not None:  # the figures so far, in case a long run is cut short
                out.write_text(report(rows, argv, (before, load()), profiled, partial=True), encoding="utf-8")
    after = load()
    if len(sizes) > 1 and not args.quick:
        profiled.update([profile(max(sizes), books, whole_click=False)])
    print(table(rows))
    if out is not None:
        out.write_text(report(rows, argv, (before, after), profiled), encoding="utf-8")
        print(f"\n{out}")
    return 1 if any(r.measurement.failed for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
