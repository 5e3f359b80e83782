"""Run the benchmark: reimpact-xl against the floor and the user's own script, as whole processes.

    python bench/run.py [--sizes 43,100,1000] [--repeat 3] [--quick] [--out bench/results.md]

Prints a table (case, median seconds, ratio to the floor, speed-up over the user's script, peak
RSS, target) and writes it, with the machine, to bench/results.md (with --quick only to --out).
"""
from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import DEFAULT_CACHE, Workbooks, ensure  # noqa: E402
from measure import Measurement, Run, machine, run_once  # noqa: E402

QUICK_SIZE = 8  # the smallest inbox that consolidate reads in worker processes
USER_ONCE_FROM = 500  # the user's script takes minutes on big inboxes: one run there
CLI = str(Path(sys.executable).with_name("reimpact-xl"))


@dataclass(frozen=True)
class Target:
    """What the issue asks of a case: seconds, ratio to the floor, speed-up, memory (None: no limit)."""

    seconds: float | None = None
    floor_ratio: float | None = None
    speedup: float | None = None
    rss_mb: float | None = None

    def text(self) -> str:
        parts = [f"< {self.seconds:g} s" if self.seconds else "",
                 f"≤ {self.floor_ratio:g}× floor" if self.floor_ratio else "",
                 f"≥ {self.speedup:g}× faster" if self.speedup else "",
                 f"< {self.rss_mb:g} MB" if self.rss_mb else ""]
        return ", ".join(p for p in parts if p) or "—"


TARGETS = {43: Target(floor_ratio=1.5, speedup=2.5), 1000: Target(floor_ratio=2.0, speedup=10.0, rss_mb=1024)}


@dataclass(frozen=True)
class Case:
    name: str
    cmd: tuple[str, ...]
    size: int = 0  # inbox size for the consolidation cases and their references
    role: str = "project"  # project | floor | user
    target: Target | None = None
    ok_codes: tuple[int, ...] = (0,)  # validate and consolidate exit 1 when the files have errors
    max_runs: int = 99


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
                  ("× faster", t.speedup is None or (self.speedup or 0) >= t.speedup),
                  ("memory", t.rss_mb is None or m.rss_mb < t.rss_mb),
                  ("failed", m.failed is None)]
        return [name for name, ok in checks if not ok]


def size_cases(size: int, inbox: Path, out: Path) -> list[Case]:
    """The three ways of consolidating one inbox: the floor, the user's script, reimpact-xl."""
    py = sys.executable
    return [Case(f"floor, {size} workbooks", (py, str(HERE / "ref_floor.py"), str(inbox)), size, "floor"),
            Case(f"user's script, {size} workbooks", (py, str(HERE / "ref_user.py"), str(inbox),
                                                      str(out / f"user-{size}.xlsx")), size, "user",
                 max_runs=1 if size >= USER_ONCE_FROM else 99),
            Case(f"consolidate {size} workbooks",
                 (CLI, "consolidate", str(inbox), "-o", str(out / f"regional-{size}.xlsx")), size, "project",
                 TARGETS.get(size), (0, 1))]


def single_cases(books: Workbooks, out: Path) -> list[Case]:
    return [Case("validate one workbook", (CLI, "validate", str(books.one)), target=Target(seconds=1.5),
                 ok_codes=(0, 1)),
            Case("validate one large workbook (2,016 rows)", (CLI, "validate", str(books.large)), ok_codes=(0, 1)),
            Case("new: build one template", (CLI, "new", "-m", "Sintētisks novads 999", "-o", str(out / "new")),
                 target=Target(seconds=1.0)),
            Case("reimpact-xl --help", (CLI, "--help"), target=Target(seconds=0.3))]


def measure_interleaved(cases: Sequence[Case], repeat: int) -> dict[str, Measurement]:
    """Repetition by repetition through the cases, so machine noise falls on all of them alike."""
    runs: dict[str, list[Run]] = {c.name: [] for c in cases}
    for _ in range(max(1, repeat)):
        for case in cases:
            done = runs[case.name]
            if done and (done[-1].returncode not in case.ok_codes or done[-1].crashed or len(done) >= case.max_runs):
                continue
            runs[case.name].append(run_once(case.cmd))
            last = runs[case.name][-1]
            print(f"  {case.name}: {last.seconds:.2f} s, CPU {last.cpu:.2f} s, {last.rss_mb:.0f} MB, "
                  f"exit {last.returncode}", file=sys.stderr, flush=True)
    return {c.name: Measurement(c.name, tuple(runs[c.name]), c.ok_codes) for c in cases}


def benchmark(sizes: Sequence[int], repeat: int, cache: Path, rebuild: bool = False) -> list[Row]:
    """Build or reuse the workbooks, warm up, and measure every case."""
    books = ensure(sizes, cache, rebuild=rebuild)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="reimpact-bench-") as tmp:
        out = Path(tmp)
        run_once((CLI, "--help"))  # warm the file cache for the interpreter and the libraries
        run_once(size_cases(min(sizes), books.inboxes[min(sizes)], out)[0].cmd)
        for size in sizes:
            cases = size_cases(size, books.inboxes[size], out)
            found = measure_interleaved(cases, repeat)
            floor, user = found[cases[0].name], found[cases[1].name]
            rows.extend(Row(c, found[c.name], floor, user) for c in cases)
        singles = single_cases(books, out)
        found = measure_interleaved(singles, repeat)
        rows.extend(Row(c, found[c.name], None, None) for c in singles)
    return rows


def table(rows: Sequence[Row]) -> str:
    """The figures as a Markdown table."""
    head = ("Case", "Seconds (median)", "CPU s", "× floor", "× faster than user's script", "Peak RSS, MB", "Target",
            "Met")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        m = r.measurement
        failed = m.failed
        met = "—" if r.missed is None else ("yes" if not r.missed else "**no**: " + ", ".join(r.missed))
        cells = (r.case.name, f"{m.seconds:.2f}" + (f" (exit {failed.returncode})" if failed else ""),
                 f"{m.cpu:.2f}", _ratio(r.floor_ratio), _ratio(r.speedup), f"{m.rss_mb:.0f}",
                 r.case.target.text() if r.case.target else "—", met)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def phases(inbox: Path) -> str:
    """bench/phases.py on one inbox: where a consolidation spends its time (one run)."""
    done = subprocess.run([sys.executable, str(HERE / "phases.py"), str(inbox)], capture_output=True, text=True)
    return done.stdout.strip() or done.stderr.strip()[-2000:]


def report(rows: Sequence[Row], argv: Sequence[str], profiles: dict[int, str] | None = None) -> str:
    """results.md: when, on what, with which command, the table and how to read it."""
    info = machine()
    commit = subprocess.run(["git", "-C", str(HERE), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip() or "?"
    runs = max(len(r.measurement.runs) for r in rows)
    lines = ["# Benchmark results", "",
             f"Measured {dt.date.today().isoformat()} at commit {commit} with "
             f"`python bench/run.py {' '.join(argv)}` ({runs} runs per case, median).", "",
             "Machine: " + "; ".join(f"{k} {v}" for k, v in info.items()) + ".", "",
             table(rows), "",
             "- *floor*: one Python process that imports pandas, Pandera and XlsxWriter and reads every sheet "
             "of every workbook with python-calamine, nothing else (`bench/ref_floor.py`).",
             "- *user's script*: `pandas.read_excel(sheet_name=None, engine=\"openpyxl\")` per file, concat per "
             "sheet with a municipality column, one `to_excel` with openpyxl (`bench/ref_user.py`).",
             f"- The user's script runs once on inboxes of {USER_ONCE_FROM} workbooks or more (it takes minutes).",
             "- × floor = seconds / floor seconds of the same inbox; × faster = user's script seconds / seconds.",
             "- CPU s: user + system seconds of the process and its workers (median); on a busy machine it "
             "moves less than the wall time.",
             "- Peak RSS: the largest single process (the command or a reading worker), from `wait4`.",
             "- Synthetic workbooks: ~96 rows over the eleven worksheets each, built by `bench/generate.py` "
             "with the project's template; every fifth carries a few errors.", ""]
    for size, text in (profiles or {}).items():
        lines += [f"Where the time goes, {size} workbooks (`python bench/phases.py INBOX`, one run, one process; "
                  "reading in worker processes):", "", "```", text, "```", ""]
    failed = [r for r in rows if r.measurement.failed]
    for r in failed:
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
    parser.add_argument("--rebuild", action="store_true", help="build the synthetic workbooks afresh")
    parser.add_argument("--out", type=Path, help="where to write the results (default bench/results.md)")
    args = parser.parse_args(argv)
    sizes = [QUICK_SIZE] if args.quick else sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    rows = benchmark(sizes, 1 if args.quick else args.repeat, args.cache, args.rebuild)
    print(table(rows))
    out = args.out or (None if args.quick else HERE / "results.md")
    if out is not None:
        inboxes = ensure(sizes, args.cache).inboxes
        profiles = {} if args.quick else {n: phases(inboxes[n]) for n in sorted({min(sizes), max(sizes)})}
        out.write_text(report(rows, argv, profiles), encoding="utf-8")
        print(f"\n{out}")
    return 1 if any(r.measurement.failed for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
