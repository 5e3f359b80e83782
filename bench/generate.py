"""Build the benchmark's synthetic workbooks once into a cache folder and reuse them.

    python bench/generate.py [--sizes 43,100,1000] [--cache bench/.cache]

One pool of distinct workbooks (one synthetic municipality each, built with the project's own
template.build_workbook) serves every size: the inbox of size N holds hard links to the first N.
The cache folder is named after a hash of the synthetic data (synth.py) and the template version: a
workbook of the same template version is what the reader reads, whatever commit built it; a new
version (or --rebuild) gives fresh workbooks.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

HERE = Path(__file__).resolve().parent
DEFAULT_CACHE = HERE / ".cache"


@dataclass(frozen=True)
class Workbooks:
    """Where the benchmark's files are: one inbox per size, one ordinary and one large workbook."""

    root: Path
    inboxes: dict[int, Path]
    one: Path
    large: Path


def cache_key() -> str:
    """A short hash of the synthetic data and the template version."""
    from reimpact_xl.schema import TEMPLATE_VERSION

    digest = hashlib.sha256((HERE / "synth.py").read_bytes())
    digest.update(TEMPLATE_VERSION.encode())
    return f"v{TEMPLATE_VERSION}-{digest.hexdigest()[:10]}"


def file_name(number: int, large: bool = False) -> str:
    return f"sintetisks_novads_{number:04d}{'_liels' if large else ''}.xlsx"


def build_one(target: Path, number: int, scale: int = 1) -> Path:
    """Build one synthetic workbook (in a worker process); written beside the target, then renamed."""
    import synth
    from reimpact_xl.plan.model import Plan
    from reimpact_xl.workbook.build import build_workbook

    data = synth.with_problems(synth.plan_data(synth.Spec(number, scale)), number)
    plan = Plan.from_dict(data)
    tmp = target.with_name(f".part-{target.name}")
    build_workbook(tmp, lang="lv", municipality=plan.municipality, plan=plan,
                   plan_period=str(data["cover"]["plan_period"]))
    os.replace(tmp, target)
    return target


def _build_missing(jobs: list[tuple[Path, int, int]], workers: int) -> None:
    todo = [j for j in jobs if not j[0].exists()]
    if not todo:
        return
    print(f"building {len(todo)} synthetic workbooks ...", file=sys.stderr, flush=True)
    if workers <= 1 or len(todo) == 1:
        for target, number, scale in todo:
            build_one(target, number, scale)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_worker_path) as pool:
        for _ in pool.map(build_one, *zip(*todo), chunksize=8):
            pass


def _worker_path() -> None:
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))


def _link_inbox(pool: Path, inbox: Path, count: int) -> Path:
    """An inbox of the first `count` pool files, as hard links (copies where links are refused)."""
    if inbox.is_dir() and len(list(inbox.glob("*.xlsx"))) == count:
        return inbox
    shutil.rmtree(inbox, ignore_errors=True)
    inbox.mkdir(parents=True)
    for number in range(1, count + 1):
        source = pool / file_name(number)
        try:
            os.link(source, inbox / source.name)
        except OSError:
            shutil.copy2(source, inbox / source.name)
    return inbox


def ensure(sizes: Sequence[int], cache: Path = DEFAULT_CACHE, workers: int = 0, rebuild: bool = False) -> Workbooks:
    """Build what is missing (everything with `rebuild`) and return the paths; cheap when the cache is complete."""
    _worker_path()
    root = Path(cache) / cache_key()
    if rebuild:
        shutil.rmtree(root, ignore_errors=True)
    pool = root / "pool"
    pool.mkdir(parents=True, exist_ok=True)
    top = max([*sizes, 1])
    jobs = [(pool / file_name(n), n, 1) for n in range(1, top + 1)]
    large = root / file_name(0, large=True)
    jobs.append((large, 0, _large_scale()))
    _build_missing(jobs, workers or len(os.sched_getaffinity(0)))
    inboxes = {n: _link_inbox(pool, root / f"inbox-{n}", n) for n in sizes}
    return Workbooks(root, inboxes, pool / file_name(1), large)


def _large_scale() -> int:
    import synth

    return synth.LARGE_SCALE


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
