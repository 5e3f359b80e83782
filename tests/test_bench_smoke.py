"""The benchmark in small (no timing assertions): inboxes of copies of the real example plans, every case runs."""
from __future__ import annotations

import importlib
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
SIZE = 8  # the smallest inbox that consolidate reads in worker processes; copies 1 and 6 are of one example


def _bench(name: str):
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    return importlib.import_module(name)


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("bench-cache")


@pytest.fixture(scope="module")
def books(cache: Path):
    return _bench("generate").ensure([SIZE], cache)


def _values(path: Path) -> dict[str, list[list[object]]]:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def _application(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("docProps/app.xml").decode("utf-8")


def test_inbox_mixes_labelled_copies_of_the_five_examples(books):
    from reimpact_xl.read.reader import read_plan
    from reimpact_xl.workbook.examples import example_files, load_example

    real = [load_example(p).municipality for p in example_files()]
    files = sorted(books.inboxes[SIZE].glob("*.xlsx"))
    assert len(files) == SIZE
    names = [read_plan(f)[0].municipality for f in files]
    assert names == [f"{real[(k - 1) % len(real)]} (kopija {k:03d})" for k in range(1, SIZE + 1)]
    assert not set(names) & set(real)  # never passed off as the real municipality


def test_every_third_copy_is_saved_by_openpyxl(books):
    files = sorted(books.inboxes[SIZE].glob("*.xlsx"))
    by_openpyxl = [k for k, f in enumerate(files, 1) if "openpyxl" in _application(f).casefold()]
    assert by_openpyxl == [3, 6]


def test_copies_carry_their_example_s_issues_whoever_saved_them(books):
    """Copy 1 (XlsxWriter) and copy 6 (openpyxl) of one example: the same problems, in the same cells."""
    from reimpact_xl.validation.check import check_files

    files = sorted(books.inboxes[SIZE].glob("*.xlsx"))

    def rules(path: Path) -> list[tuple[str, str, str]]:
        return sorted((i.rule, i.sheet, i.cell) for i in check_files([path]))

    xlsxwriter_copy, openpyxl_copy = rules(files[0]), rules(files[5])
    assert len(xlsxwriter_copy) >= 50  # the real issue load, not a clean synthetic plan
    assert xlsxwriter_copy == openpyxl_copy


def test_write_back_floor_writes_each_workbook_s_values(books, tmp_path: Path):
    inbox = books.inboxes[SIZE]
    done = subprocess.run([sys.executable, str(BENCH / "ref_floor.py"), str(inbox), "--write-back", str(tmp_path)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    written = sorted(tmp_path.glob("*.xlsx"))
    assert [p.name for p in written] == sorted(p.name for p in inbox.glob("*.xlsx"))
    assert _values(written[1]) == _values(inbox / written[1].name)


def test_quick_benchmark_runs_every_case(books, cache: Path, tmp_path: Path):
    out = tmp_path / "results.md"
    done = subprocess.run([sys.executable, str(BENCH / "run.py"), "--quick", "--cache", str(cache),
                           "--out", str(out)], capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    text = out.read_text(encoding="utf-8")
    for case in (f"floor, {SIZE} workbooks", f"user's script, {SIZE} workbooks", f"consolidate {SIZE} workbooks",
                 f"write-back floor, {SIZE} workbooks", f"whole click, {SIZE} workbooks (--report --feedback)",
                 f"validate one workbook ({books.one.name})", "new: build one template", "reimpact-xl --help"):
        assert f"| {case} |" in text
    assert "bauskas" in books.one.name
    assert "cores (nproc)" in text and "Load average" in text


def test_phases_times_every_step_of_the_whole_click(books):
    done = subprocess.run([sys.executable, str(BENCH / "phases.py"), str(books.inboxes[SIZE]), "--report",
                           "--feedback"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    for step in ("read (in workers)", "Pandera checks, per sheet", "regional workbook", "regional report (HTML)",
                 "waiting for the workers' results", "one feedback workbook"):
        assert step in done.stdout
    assert "not timed" not in done.stdout, done.stdout  # a step renamed in the code: update bench/phases.py


def test_workers_do_not_change_the_regional_workbook(books, tmp_path: Path):
    from reimpact_xl.outputs.run import consolidate

    inbox = books.inboxes[SIZE]
    one = consolidate(inbox, tmp_path / "one.xlsx", jobs=1)
    two = consolidate(inbox, tmp_path / "two.xlsx", jobs=2)
    assert len(one.plans) == len(two.plans) == SIZE
    assert _values(tmp_path / "one.xlsx") == _values(tmp_path / "two.xlsx")
