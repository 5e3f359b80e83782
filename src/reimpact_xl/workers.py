"""Worker processes that end with their parent: a pool whose workers watch the process that started them.

A forked worker waits on a queue whose other end its siblings also hold, so when the parent is killed
(kill -9, the task manager) nothing would ever wake it. Each worker therefore asks the system to kill
it with its parent (Linux), and a thread checks every half second that the parent still lives.
"""
from __future__ import annotations

import os
import signal
import sys
import threading
from contextlib import contextmanager
from typing import Any, Iterator

from . import atomic

POLL_SECONDS = 0.5
_PR_SET_PDEATHSIG = 1


def pool(max_workers: int) -> Any:
    """A ProcessPoolExecutor whose workers end when this process ends, however it ends."""
    from concurrent.futures import ProcessPoolExecutor

    class Pool(ProcessPoolExecutor):
        """Workers start with Ctrl+C blocked until they ignore it: one pressed while a worker is forked
        would otherwise print a traceback from inside it."""

        def _spawn_process(self) -> None:
            with _sigint_blocked():
                super()._spawn_process()  # type: ignore[misc]

        def _adjust_process_count(self) -> None:
            with _sigint_blocked():
                super()._adjust_process_count()  # type: ignore[misc]

        def __exit__(self, kind: Any, exc: Any, trace: Any) -> bool:
            """On Ctrl+C or an error, stop the workers at once instead of waiting for every queued task."""
            if kind is None:
                return bool(super().__exit__(kind, exc, trace))
            for process in list((getattr(self, "_processes", None) or {}).values()):
                process.terminate()
            self.shutdown(wait=False, cancel_futures=True)
            return False

    return Pool(max_workers=max_workers, initializer=watch_parent, initargs=(os.getpid(),))


@contextmanager
def _sigint_blocked() -> Iterator[None]:
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no fork, a spawned worker starts afresh
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def watch_parent(parent: int) -> None:
    """In a worker: end this process as soon as `parent` is gone."""
    atomic._STAGE = None  # a forked worker must write its files itself, never stage them for the parent's run
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle: no worker traceback
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # blocked while forking (pool())
    if sys.platform.startswith("linux"):
        _die_with_parent()
    if os.getppid() != parent:  # the parent died before this worker started
        os._exit(1)
    threading.Thread(target=_poll, args=(parent,), name="reimpact-parent-watch", daemon=True).start()


def _die_with_parent() -> None:
    """prctl(PR_SET_PDEATHSIG, SIGKILL): the kernel kills this worker when its parent thread exits."""
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):
        pass  # the polling thread still does it


def _poll(parent: int) -> None:
    import time

    sentinel = _parent_sentinel()
    while True:
        if os.getppid() != parent or _gone(sentinel):
            os._exit(1)
        time.sleep(POLL_SECONDS)


def _parent_sentinel() -> Any:
    """On Windows a spawned worker's handle to its parent (os.getppid() does not change there)."""
    if os.name != "nt":
        return None
    import multiprocessing

    parent = multiprocessing.parent_process()
    return parent.sentinel if parent is not None else None


def _gone(sentinel: Any) -> bool:
    if sentinel is None:
        return False
    from multiprocessing.connection import wait

    return bool(wait([sentinel], timeout=0))
