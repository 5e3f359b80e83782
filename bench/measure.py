"""Time commands as whole processes: wall seconds and peak resident memory, median of repetitions."""
from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence


@dataclass(frozen=True)
class Run:
    """One process run: wall time, peak RSS of the process or its largest reaped child, exit code."""

    seconds: float
    cpu: float  # user + system seconds of the process and the children it reaped
    rss_mb: float
    returncode: int
    stderr: str = ""

    @property
    def crashed(self) -> bool:
        """A Python traceback is a crash even where the exit code is one the case accepts."""
        return "Traceback (most recent call last)" in self.stderr


@dataclass(frozen=True)
class Measurement:
    """A case measured `len(runs)` times."""

    case: str
    runs: tuple[Run, ...]
    ok_codes: tuple[int, ...] = (0,)

    @property
    def seconds(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def rss_mb(self) -> float:
        return max(r.rss_mb for r in self.runs)

    @property
    def failed(self) -> Run | None:
        return next((r for r in self.runs if r.returncode not in self.ok_codes or r.crashed), None)


def run_once(cmd: Sequence[str], cwd: Path | None = None) -> Run:
    """Run a command to its end; peak RSS comes from wait4 (the process and the children it reaped)."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as null:
        proc = subprocess.Popen(list(cmd), cwd=cwd, stdout=null, stderr=subprocess.PIPE)
        stderr = proc.stderr.read() if proc.stderr else b""  # type: ignore[union-attr]
        _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait again
    if proc.stderr:
        proc.stderr.close()
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode,
               stderr.decode("utf-8", "replace")[-2000:])


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor()
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kb / 1024 / 1024:.1f} GB"
    except (OSError, ValueError, IndexError):
        pass
    return {"cores (nproc)": str(len(os.sched_getaffinity(0))), "CPU": model or "?", "memory": memory or "?",
            "Python": sys.version.split()[0], "OS": f"{platform.system()} {platform.release()}"}
