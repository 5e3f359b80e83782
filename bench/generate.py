"""Build the benchmark's inboxes from the five real example plans, once, into a cache folder.

    python bench/generate.py [--sizes 43,100,1000] [--cache bench/.cache] [--rebuild]

Copy k of the pool is example (k-1) mod 5 of workbook/examples/*.yaml (loaded with
reimpact_xl.workbook.examples.load_example, so with its real rows and its real issue load), renamed
"<municipality> (kopija 007)" so that every file is a distinct municipality and none passes for
the real one, and built with the project's own template.build_workbook. Every third copy is then
loaded and saved once by openpyxl, as the issue's finder did, so that the reader also meets files
another program wrote. The inbox of size N holds hard links to the first N copies: the five plans
mixed round-robin.

The cache folder is named after the template version and a hash of the code that shapes the files:
the same key means the same files, whatever commit built them. The example transcriptions change
rarely and are not in the key: after changing one, build afresh with --rebuild.
"""
from __future__ import annotations

import argparse
import hashlib
import inspect
import os
import shutil
import sys
import warnings
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Sequence

HERE = Path(__file__).resolve().parent
DEFAULT_CACHE = HERE / ".cache"
RESAVE_EVERY = 3  # copies 3, 6, 9, ...: saved once by openpyxl, as files from other programs arrive
CREATED = datetime(2026, 1, 15, 9, 0)  # the copies' own saved time: fixed, so a rebuild gives the same files
VALIDATE_EXAMPLE = "bauskas_novads"  # the workbook of the "validate one" case: the first Bauska copy


@dataclass(frozen=True)
class Workbooks:
    """Where the benchmark's files are: one inbox per size and one workbook to validate."""

    root: Path
    inboxes: dict[int, Path]
    one: Path


def examples() -> dict[str, Any]:
    """The five example transcriptions by stem ("bauskas_novads"), in name order."""
    from reimpact_xl.workbook.examples import example_files

    found = {path.name.removesuffix(".yaml"): path for path in example_files()}
    if not found:
        raise SystemExit("bench: no example plans (workbook/examples/*.yaml) found")
    return found


def cache_key() -> str:
    """The template version and a short hash of the generator.

    The generator is the code that shapes the files (not this module's prose), so a mended comment
    does not cost a rebuild of 1,000 workbooks. A changed example transcription needs --rebuild.
    """
    from reimpact_xl.schema import TEMPLATE_VERSION

    shaping = (example_of, resaved, copy_name, file_name, build_one, _resave)
    digest = hashlib.sha256(repr((RESAVE_EVERY, CREATED, VALIDATE_EXAMPLE)).encode())
    for function in shaping:
        digest.update(inspect.getsource(function).encode())
    digest.update(TEMPLATE_VERSION.encode())
    return f"v{TEMPLATE_VERSION}-{digest.hexdigest()[:10]}"


def example_of(number: int, count: int) -> int:
    """Copy `number` (from 1) is of example (number - 1) mod count: the inbox mixes them round-robin."""
    return (number - 1) % count


def resaved(number: int) -> bool:
    """Whether copy `number` is saved once more by openpyxl."""
    return number % RESAVE_EVERY == 0


def copy_name(municipality: str, number: int) -> str:
    """A copy's name says it is a copy: "Bauskas novads (kopija 007)"."""
    return f"{municipality} (kopija {number:03d})"


def file_name(number: int, stem: str) -> str:
    """kopija_0007_bauskas_novads.xlsx: name order is copy order."""
    return f"kopija_{number:04d}_{stem}.xlsx"


def build_one(target: Path, example: str, number: int) -> Path:
    """Build copy `number` of the example named `example` (in a worker process); written beside the target."""
    from reimpact_xl.workbook.build import build_workbook
    from reimpact_xl.workbook.examples import load_example

    plan = load_example(examples()[example])
    name = copy_name(plan.municipality, number)
    plan.municipality = name
    plan.cover["municipality"] = name
    tmp = target.with_name(f".part-{target.name}")
    build_workbook(tmp, lang="lv", municipality=name, plan=plan,
                   plan_period=str(plan.cover.get("plan_period") or ""), created=CREATED)
    if resaved(number):
        _resave(tmp)
    os.replace(tmp, target)
    return target


def _resave(path: Path) -> None:
    """Load and save once with openpyxl, as a coordinator's colleague's program would."""
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns of the data-validation extensions it drops
        book = openpyxl.load_workbook(path)
        book.save(path)


def _build_missing(jobs: list[tuple[Path, str, int]], workers: int) -> None:
    todo = [j for j in jobs if not j[0].exists()]
    if not todo:
        return
    print(f"building {len(todo)} workbooks from the example plans ...", file=sys.stderr, flush=True)
    if workers <= 1 or len(todo) == 1:
        for job in todo:
            build_one(*job)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for _ in pool.map(build_one, *zip(*todo), chunksize=4):
            pass


def _link_inbox(pool: Path, names: list[str], inbox: Path) -> Path:
    """An inbox of the given pool files, as hard links (copies where links are refused)."""
    if inbox.is_dir() and sorted(p.name for p in inbox.glob("*.xlsx")) == sorted(names):
        return inbox
    shutil.rmtree(inbox, ignore_errors=True)
    inbox.mkdir(parents=True)
    for name in names:
        try:
            os.link(pool / name, inbox / name)
        except OSError:
            shutil.copy2(pool / name, inbox / name)
    return inbox


def ensure(sizes: Sequence[int], cache: Path = DEFAULT_CACHE, workers: int = 0, rebuild: bool = False) -> Workbooks:
    """Build what is missing (everything with `rebuild`) and return the paths; cheap when the cache is complete."""
    root = Path(cache) / cache_key()
    if rebuild:
        shutil.rmtree(root, ignore_errors=True)
    pool = root / "pool"
    pool.mkdir(parents=True, exist_ok=True)
    stems = list(examples())
    top = max([*sizes, len(stems)])
    jobs = []
    for number in range(1, top + 1):
        stem = stems[example_of(number, len(stems))]
        jobs.append((pool / file_name(number, stem), stem, number))
    _build_missing(jobs, workers or len(os.sched_getaffinity(0)))
    names = [target.name for target, _, _ in jobs]
    inboxes = {n: _link_inbox(pool, names[:n], root / f"inbox-{n}") for n in sizes}
    one = next(t for t, e, n in jobs if e == VALIDATE_EXAMPLE and not resaved(n))
    return Workbooks(root, inboxes, one)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="43,100,1000")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--rebuild", action="store_true", help="build every workbook afresh")
    args = parser.parse_args(argv)
    books = ensure([int(s) for s in args.sizes.split(",") if s], args.cache, rebuild=args.rebuild)
    print(books.root)


if __name__ == "__main__":
    main()
