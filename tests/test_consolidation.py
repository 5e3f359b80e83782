"""Consolidation: inbox handling, newest-file choice, atomic output, the end-to-end job on example plans."""
from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from pathlib import Path

import pytest

from reimpact_xl.atomic import atomic_path
from reimpact_xl.plan.errors import OutputError
from reimpact_xl.plan.issues import Report
from reimpact_xl.plan.model import Plan
from reimpact_xl.region.gather import inbox_files, pick_newest
from reimpact_xl.region.model import Source


def test_lock_temporary_and_hidden_files_are_skipped(tmp_path):
    for name in ("bauska.xlsx", "~$bauska.xlsx", ".~lock.dobele.xlsx#", "dobele.xlsx.tmp", ".DS_Store",
                 "Jelgava.xlsx", "notes.pdf"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "sub").mkdir()
    assert [p.name for p in inbox_files(tmp_path)] == ["bauska.xlsx", "Jelgava.xlsx", "notes.pdf"]


def _source(name: str, municipality: str, saved: str = "", mtime: int = 0) -> Source:
    plan = Plan(municipality=municipality, file=name, meta={"modified": saved} if saved else {})
    when = datetime.fromtimestamp(mtime, tz=timezone.utc)
    return Source(Path(name), "0" * 64, 1, when, plan, Report())


def test_newest_file_per_municipality_wins_by_saved_time_then_file_time():
    old = _source("dobele_v1.xlsx", "Dobeles novads", saved="2026-01-10T09:00:00")
    new = _source("dobele_v2.xlsx", "Dobeles novads", saved="2026-02-01T09:00:00")
    other = _source("bauska.xlsx", "Bauskas novads")
    by_time_a = _source("jn_a.xlsx", "Jelgavas novads", mtime=100)
    by_time_b = _source("jn_b.xlsx", "jelgavas novads ", mtime=200)
    sources = [new, old, other, by_time_a, by_time_b]
    pick_newest(sources)
    assert [s.status for s in sources] == ["used", "superseded", "used", "superseded", "used"]
    assert [i.rule for i in old.report] == ["file-superseded"]
    assert "dobele_v2.xlsx" in old.report.issues[0].message()


def test_atomic_output_keeps_the_previous_file_when_writing_fails(tmp_path):
    target = tmp_path / "regional.xlsx"
    target.write_bytes(b"previous")
    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            tmp.write_bytes(b"half")
            raise RuntimeError("interrupted")
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["regional.xlsx"]


def test_an_output_that_cannot_be_replaced_says_so_in_latvian(tmp_path, monkeypatch):
    import os

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OutputError, match="Aizveriet failu"):
        with atomic_path(tmp_path / "regional.xlsx") as tmp:
            tmp.write_bytes(b"x")


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
