"""Exceptions for misuse and environment faults; data problems are issues, never exceptions."""
from __future__ import annotations


class ReimpactError(Exception):
    """Base of every error reimpact-xl raises on purpose; the message tells the user the fix."""


class UsageError(ReimpactError, ValueError):
    """A command was given arguments it cannot use."""


class OutputError(ReimpactError, OSError):
    """An output file could not be written (e.g. it is open in Excel)."""


class NothingToConsolidate(ReimpactError):
    """The inbox holds no plan to consolidate: nothing was written, the previous outputs stand."""

    def __init__(self, message: str, result: object = None) -> None:
        super().__init__(message)
        self.result = result  # what was found (consolidation.Result), for the summary
