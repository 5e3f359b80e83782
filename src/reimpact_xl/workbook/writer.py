"""XlsxWriter's Workbook for the municipality workbook, its formula preparation remembered per process.

XlsxWriter prepares every formula it is given (strips "=", runs ~30 regular expressions that prefix the
newer functions with "_xlfn."): a pure function of the formula text. A municipality workbook holds ~2,000
formulas (the hidden ID lists, the status columns, the cover's counts), and the feedback workbooks of a
run repeat most of them letter for letter (the same cells of the same sheets), so one worker preparing
40 of them prepared the same text 40 times: ~a third of each workbook's CPU time. Here each distinct
text is prepared once per process; what is written is XlsxWriter's own result, unchanged.
Subclassing Worksheet and naming it in Workbook.worksheet_class is XlsxWriter's documented way to
extend it; _prepare_formula is its own (private) step, so when a release renames it this class only
stops saving time.
"""
from __future__ import annotations

from typing import Any

from xlsxwriter.workbook import Workbook as _Workbook
from xlsxwriter.worksheet import Worksheet as _Worksheet

MAX_REMEMBERED = 200_000  # distinct formula texts kept (~60 MB at most); then it starts again empty
_prepared: dict[tuple[Any, ...], str] = {}


class Worksheet(_Worksheet):  # type: ignore[misc]
    """XlsxWriter's worksheet; a formula text it has prepared before is not prepared again."""

    def _prepare_formula(self, formula: str, *args: Any, **kwargs: Any) -> str:
        key = (formula, self.use_future_functions, args, tuple(sorted(kwargs.items())))
        prepared = _prepared.get(key)
        if prepared is None:
            if len(_prepared) >= MAX_REMEMBERED:
                _prepared.clear()
            prepared = _prepared[key] = super()._prepare_formula(formula, *args, **kwargs)
        return prepared


class Workbook(_Workbook):  # type: ignore[misc]
    """XlsxWriter's workbook whose worksheets are the Worksheet above."""

    worksheet_class = Worksheet
