"""Atomic output: write to a temporary file beside the target, then rename it into place.

Within `together()`, every output of a run is written to its temporary file first and all are renamed
at the end, or none: a run that fails at its last output leaves every previous output as it was.
A run killed on the way leaves temporary files that `sweep()` removes at the start of the next one.
"""
from __future__ import annotations

import errno
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .plan.errors import OutputError
from .schema import Text

TEMP_PREFIX = ".~tmp-"  # a run's temporary files (submissions.py skips them in an inbox)
OLD_PREFIX = ".~old-"  # the previous output while a run's outputs are renamed into place
MESSAGES = Text("atomic.messages")
# What went wrong, and what to do, by errno; the rest get MESSAGES with the system's own words.
WHY: dict[int, Text] = {
    errno.EACCES: Text("atomic.why.eacces"),
    errno.ENOSPC: Text("atomic.why.enospc"),
    errno.ENOTDIR: Text("atomic.why.enotdir"),
    errno.EISDIR: Text("atomic.why.eisdir"),
    errno.EROFS: Text("atomic.why.erofs"),
    errno.ENOENT: Text("atomic.why.enoent"),
    errno.ENAMETOOLONG: Text("atomic.why.enametoolong"),
}
WHY[errno.EPERM] = WHY[errno.EACCES]
WHY[errno.EEXIST] = WHY[errno.ENOTDIR]  # mkdir where a file of that name stands
WHY[getattr(errno, "EDQUOT", errno.ENOSPC)] = WHY[errno.ENOSPC]
PLAIN = Text("atomic.plain")


def output_error(target: Path, exc: BaseException, lang: str = "lv") -> OutputError:
    """The user's message for a failed write of `target`: the path, what happened and what to do."""
    number = getattr(exc, "errno", None)
    if number in WHY:
        return OutputError(PLAIN(lang).format(path=target, why=WHY[number](lang)))
    why = getattr(exc, "strerror", None) or " ".join(str(exc).split()) or type(exc).__name__
    return OutputError(MESSAGES(lang).format(path=target, why=why))


def _os_error(exc: BaseException) -> OSError | None:
    """The OSError behind a failed write (XlsxWriter wraps it in its FileCreateError)."""
    if isinstance(exc, OSError):
        return exc
    inner = exc.args[0] if exc.args else None
    return inner if isinstance(inner, OSError) else None


class Stage:
    """The outputs of one run: temporary files, renamed into place all together by commit()."""

    def __init__(self, lang: str = "lv") -> None:
        self.lang = lang
        self.moves: list[tuple[Path, Path]] = []  # (temporary file, target)

    def temp_for(self, target: Path) -> Path:
        """A new temporary file beside `target`, renamed onto it by commit()."""
        tmp = _temp_beside(Path(target), self.lang)
        self.moves.append((tmp, Path(target)))
        return tmp

    def commit(self) -> None:
        """Rename every temporary file onto its target; on any failure put every previous file back."""
        done: list[tuple[Path, Path | None]] = []
        for tmp, target in self.moves:
            try:
                backup = target.with_name(OLD_PREFIX + target.name) if os.path.lexists(target) else None
                if backup is not None:
                    os.replace(target, backup)
                done.append((target, backup))
                os.replace(tmp, target)
            except BaseException as exc:  # Ctrl+C too: the previous outputs are put back
                self._undo(done)
                if isinstance(exc, OSError):
                    raise output_error(target, exc, self.lang) from None
                raise
        for _, backup in done:
            if backup is not None:
                _remove(backup)
        self.moves.clear()

    @staticmethod
    def _undo(done: list[tuple[Path, Path | None]]) -> None:
        for target, backup in reversed(done):
            if backup is not None:
                _replace(backup, target)
            else:
                _remove(target)

    def discard(self) -> None:
        for tmp, _ in self.moves:
            _remove(tmp)
        self.moves.clear()


_STAGE: Stage | None = None  # the run whose outputs are being written, if any


@contextmanager
def together(lang: str = "lv") -> Iterator[Stage]:
    """Every atomic write inside goes to a temporary file; at the end all are renamed, or none."""
    global _STAGE
    outer, stage = _STAGE, Stage(lang)
    _STAGE = stage
    try:
        yield stage
        _STAGE = outer
        stage.commit()
    finally:
        _STAGE = outer
        stage.discard()


def staged(target: Path) -> Path:
    """Where to write `target` now: a temporary file of the current run, else the target itself."""
    return _STAGE.temp_for(Path(target)) if _STAGE is not None else Path(target)


@contextmanager
def atomic_path(target: Path, lang: str = "lv") -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces `target`, on failure it is removed.

    An interrupted run therefore leaves the previous file intact. Inside `together()` the rename
    waits for the run's other outputs.
    """
    target = Path(target)
    tmp = _STAGE.temp_for(target) if _STAGE is not None else _temp_beside(target, lang)
    try:
        yield tmp
        if _STAGE is None:
            os.replace(tmp, target)
    except Exception as exc:  # noqa: BLE001 - only failed writes are translated; the rest goes on up
        found = _os_error(exc)
        if found is None:
            raise
        raise output_error(target, found, lang) from exc
    finally:
        if _STAGE is None:
            _remove(tmp)


def _temp_beside(target: Path, lang: str) -> Path:
    """A new empty temporary file in the target's folder (made if missing), with an ordinary file's mode."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_dir():
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
        fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=target.suffix, dir=target.parent)
        os.close(fd)
        os.chmod(name, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are ordinary files
    except OSError as exc:
        raise output_error(target, exc, lang) from None
    return Path(name)


def sweep(folder: Path) -> list[Path]:
    """Remove the temporary files a killed run left in `folder`; put back a previous output it had moved."""
    removed: list[Path] = []
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return removed  # a folder that does not exist yet holds nothing to sweep
    for path in entries:
        name = path.name
        if name.startswith(OLD_PREFIX):
            target = path.with_name(name[len(OLD_PREFIX):])
            if not os.path.lexists(target):
                _replace(path, target)
                continue
        elif not name.startswith(TEMP_PREFIX):
            continue
        if _remove(path):
            removed.append(path)
    return removed


def _replace(source: Path, target: Path) -> None:
    try:
        os.replace(source, target)
    except OSError:
        pass  # left for the next run; the output it would restore is written anew anyway


def _remove(path: Path) -> bool:
    try:
        os.unlink(path)
        return True
    except OSError:
        return False


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text(target: Path, text: str, lang: str = "lv") -> Path:
    """Write a UTF-8 text file atomically."""
    with atomic_path(target, lang) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(target)

