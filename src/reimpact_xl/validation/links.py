"""Rules that look across rows and sheets of one plan: IDs, references, orphans, risks, targets."""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterator

from ..plan import risks
from ..plan.issues import Issue
from ..plan.layout import COVER_FIRST_ROW
from ..plan.model import Plan, Table
from ..schema import COVER_FIELDS, COVER_SHEET, REF_NAMESPACES, SHEETS, SHEETS_BY_KEY, Column, ColumnType, Text
from .cells import is_blank, is_empty_text, is_number
from .plan_rules import plan_rule_issues
from .prefilled import template_row_issues

UNIQUE_IDS = {"goals": "task_id", "action_plan": "activity_id", "indicators": "indicator_id",
              "engagement": "engagement_id", "risks": "risk_id", "monitoring": "monitoring_id"}


def plan_issues(plan: Plan, lang: str) -> list[Issue]:
    """All cross-row and cross-sheet problems of one plan."""
    checks = (_cover, _ids, _goal_texts, _references, _risks, _targets, template_row_issues, _duplicates)
    return [issue for check in checks for issue in check(plan, lang)] + plan_rule_issues(plan, lang)


def _issue(plan: Plan, table: Table, row: int, key: str, slug: str, lang: str, *, value: str = "",
           expected: str = "", detail: str = "") -> Issue:
    return Issue(slug, file=plan.file, sheet=table.sheet_name or table.sheet.name(lang),
                 cell=table.cell(row, key), column=key, value=value, expected=expected, detail=detail)


def _cover(plan: Plan, lang: str) -> Iterator[Issue]:
    if not any(t.rows for t in plan.tables.values()):
        yield Issue("plan-empty", file=plan.file)
        return
    for i, field in enumerate(COVER_FIELDS):
        if field.required and is_blank(plan.cover.get(field.key)):
            yield Issue("cover-missing", file=plan.file, sheet=COVER_SHEET(lang),
                        cell=f"B{COVER_FIRST_ROW + i}", column=field.key)


def _ids(plan: Plan, lang: str) -> Iterator[Issue]:
    for sheet_key, id_key in UNIQUE_IDS.items():
        table = plan.tables.get(sheet_key)
        if table is None:
            continue
        seen: dict[str, int] = {}
        for i, value in table.values(id_key):
            if value in seen:
                yield _issue(plan, table, i, id_key, "id-duplicate", lang, value=str(value),
                             detail=table.cell(seen[value], id_key) or str(seen[value] + 1))
            else:
                seen[value] = i


def defined_ids(plan: Plan) -> dict[str, set[str]]:
    """The IDs each namespace defines in this plan."""
    ids: dict[str, set[str]] = {}
    for sheet in SHEETS:
        table = plan.tables.get(sheet.key)
        if table is None:
            continue
        for key, ns in _id_columns(sheet.key):
            ids.setdefault(ns, set()).update([str(v) for _, v in table.values(key)])
    return ids


@lru_cache(maxsize=None)
def _id_columns(sheet_key: str) -> tuple[tuple[str, str], ...]:
    """A sheet's ID columns and the namespace each defines (task_id: "task")."""
    sheet = SHEETS_BY_KEY[sheet_key]
    return tuple((c.key, "task" if c.key == "task_id" else sheet.id_namespace)
                 for c in sheet.columns if c.type is ColumnType.ID)


def _goal_texts(plan: Plan, lang: str) -> Iterator[Issue]:
    table = plan.tables.get("goals")
    if not table:
        return
    first_row: dict[object, int] = {}  # goal ID (as the reader left it) -> its first row
    has_text: set[object] = set()
    for i, row in enumerate(table.rows):
        goal = row.get("goal_id")
        if is_blank(goal):
            continue
        first_row.setdefault(goal, i)
        if not is_blank(row.get("goal")):
            has_text.add(goal)
        task = row.get("task_id")
        if isinstance(task, str) and "." in task and task.split(".")[0] != goal:
            yield _issue(plan, table, i, "task_id", "task-goal-mismatch", lang, value=task, expected=str(goal))
    for goal, i in first_row.items():
        if goal not in has_text:
            yield _issue(plan, table, i, "goal", "goal-text-missing", lang, value=str(goal))


def _references(plan: Plan, lang: str) -> Iterator[Issue]:
    ids = defined_ids(plan)
    known_by_ns: dict[str, set[str]] = {}  # the IDs a reference namespace may name: the same for every column
    for sheet in SHEETS:
        table = plan.tables.get(sheet.key)
        if table is None:
            continue
        for col in sheet.columns:
            if col.type is not ColumnType.REF:
                continue
            if col.ref_namespace not in known_by_ns:
                namespaces = REF_NAMESPACES[col.ref_namespace]
                known_by_ns[col.ref_namespace] = set().union(*(ids.get(ns, set()) for ns in namespaces))
            known = known_by_ns[col.ref_namespace]
            for i, value in table.values(col.key):
                if str(value) not in known:
                    yield _issue(plan, table, i, col.key, "ref-missing", lang, value=str(value),
                                 expected=", ".join(sorted(known)[:12]) or "—")


def _risks(plan: Plan, lang: str) -> Iterator[Issue]:
    table = plan.tables.get("risks")
    if table is None:
        return
    level_col = table.sheet.column("level")
    for i, row in enumerate(table.rows):
        risk = risks.RiskRow.from_row(plan.municipality, row)
        scored, stated = risk.score, _level_key(risk.level)
        banded = risks.band(scored)
        if stated and banded and stated != banded:
            yield _issue(plan, table, i, "level", "risk-level-mismatch", lang, value=_label(level_col, stated, lang),
                         expected=_label(level_col, banded, lang), detail=str(scored))
        level = banded or stated
        if level is None:
            if is_blank(row.get("level")):
                yield _issue(plan, table, i, "level", "risk-level-missing", lang)
            continue
        yield from _measures(plan, table, i, row, level, _label(level_col, level, lang), lang)


def _measures(plan: Plan, table: Table, i: int, row: dict[str, Any], level: str, label: str,
              lang: str) -> Iterator[Issue]:
    keys = ("preventive", "reactive", "responsible")
    if level == "low":
        if any(not is_empty_text(row.get(k)) for k in keys[:2]):
            yield _issue(plan, table, i, "preventive", "risk-low-measures", lang)
        return
    for key in keys:
        if is_empty_text(row.get(key)):
            yield _issue(plan, table, i, key, "risk-measures-missing", lang, value=label,
                         detail=MEASURE_HINTS[key](lang))


MEASURE_HINTS = {
    "preventive": Text("links.measure_hints.preventive"),
    "reactive": Text("links.measure_hints.reactive"),
    "responsible": Text("links.measure_hints.responsible"),
}


def _targets(plan: Plan, lang: str) -> Iterator[Issue]:
    """A missing target, unit or target year is the schema's required-missing; here what needs two cells."""
    table = plan.tables.get("indicators")
    if table is None:
        return
    for i, row in enumerate(table.rows):
        target, actual, baseline = row.get("target"), row.get("actual"), row.get("baseline")
        if is_number(target):
            if is_number(baseline) and baseline == target:
                yield _issue(plan, table, i, "baseline", "baseline-equals-target", lang)
        elif not is_blank(actual):
            yield _issue(plan, table, i, "actual", "actual-without-target", lang)


def _duplicates(plan: Plan, lang: str) -> Iterator[Issue]:
    for sheet in SHEETS:
        table = plan.tables.get(sheet.key)
        if not table:
            continue
        keys, head = _signature_keys(sheet.key)
        for i, first in _repeated_rows(table.rows, keys, head):
            yield _issue(plan, table, i, keys[0], "duplicate-row", lang,
                         detail=str(table.row_numbers[first]) if table.row_numbers else str(first + 1))


@lru_cache(maxsize=None)
def _signature_keys(sheet_key: str) -> tuple[tuple[str, ...], int]:
    """The columns that make two rows the same row (all input columns but IDs and the row number),
    and which of them tells rows apart best: the widest text column, where the row describes itself."""
    columns = [c for c in SHEETS_BY_KEY[sheet_key].input_columns if c.type is not ColumnType.ID and c.key != "no"]
    texts = [i for i, c in enumerate(columns) if c.type is ColumnType.TEXT]
    head = max(texts, key=lambda i: columns[i].width, default=0)
    return tuple(c.key for c in columns), head


def _repeated_rows(rows: list[dict[str, Any]], keys: tuple[str, ...], head: int) -> Iterator[tuple[int, int]]:
    """(row, first row with the same signature) for each row that repeats an earlier one.

    Equal signatures agree in every column, and casefolding is the cost: a row gets its whole signature
    only once its value in the head column repeats one of an earlier row.
    """
    seen: dict[tuple[str, ...], int] = {}
    pending: dict[str, int] = {}  # head value -> the one row that has it, not signed yet
    signed: set[str] = set()  # head values whose rows are all signed (those that count are in seen)
    for i, row in enumerate(rows):
        value = str(row.get(keys[head]) or "").strip().casefold()
        if value not in signed:
            if value not in pending:
                pending[value] = i
                continue
            first = pending.pop(value)
            signed.add(value)
            first_sig = _signature(rows[first], keys)
            if first_sig is not None:
                seen[first_sig] = first
        sig = _signature(row, keys)
        if sig is None:
            continue
        if sig in seen:
            yield i, seen[sig]
        else:
            seen[sig] = i


def _signature(row: dict[str, Any], keys: tuple[str, ...]) -> tuple[str, ...] | None:
    """Every value stripped and casefolded; None for a row with fewer than two values (it never counts)."""
    sig = tuple([str(v or "").strip().casefold() for v in map(row.get, keys)])
    return sig if len(sig) - sig.count("") >= 2 else None


def _label(col: Column, key: str, lang: str) -> str:
    return str(col.display(key, lang))


@lru_cache(maxsize=1024)
def _level_key(text: str | None) -> str | None:
    """risks.level_key builds its spellings on each call; a plan states few distinct levels."""
    return risks.level_key(text)
