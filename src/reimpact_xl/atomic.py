"""Atomic output: write to a temporary file beside the target, then rename it into place."""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .plan.errors import OutputError

MESSAGES = {
    "lv": "Nevar ierakstīt “{path}”: {why}. Ja fails ir atvērts Excel, aizveriet to un mēģiniet vēlreiz.",
    "en": "Cannot write “{path}”: {why}. If the file is open in Excel, close it and try again.",
}


@contextmanager
def atomic_path(target: Path, lang: str = "lv") -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces `target`, on failure it is removed.

    An interrupted run therefore leaves the previous file intact.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=".~tmp-", suffix=target.suffix, dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are ordinary files
    try:
        yield tmp
        os.replace(tmp, target)
    except PermissionError as exc:
        raise OutputError(MESSAGES.get(lang, MESSAGES["en"]).format(path=target, why=exc.strerror)) from exc
    finally:
        if tmp.exists():
            tmp.unlink()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text(target: Path, text: str, lang: str = "lv") -> Path:
    """Write a UTF-8 text file atomically."""
    with atomic_path(target, lang) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(target)
