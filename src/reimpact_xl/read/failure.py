"""What went wrong reading a file, in words for its file-unreadable issue (gather and check use it)."""
from __future__ import annotations

from ..schema import Text
from .safety import detail

READ_FAILED = Text("failure.read_failed")


def failure_detail(exc: BaseException, lang: str = "lv") -> str:
    """What went wrong reading a file, for its file-unreadable issue."""
    if isinstance(exc, PermissionError):
        return detail("no-access", lang)
    why = (exc.strerror if isinstance(exc, OSError) else None) or " ".join(str(exc).split())[:120]
    if isinstance(exc, OSError):
        return READ_FAILED(lang).format(why=why or type(exc).__name__)
    return detail("damaged", lang, why=why or type(exc).__name__)
