"""Rules on the plan as a whole: worksheets it must have, the plan period, how goals reach activities.

The principles are written down in docs/rules.md; each function here implements one of them.
"""
from __future__ import annotations

from typing import Generator, Iterator

from ..plan import layout
from ..plan.issues import Issue
from ..plan.model import Plan, Table
from ..plan.periods import parse_period
from ..schema import SHEETS, Sheet
from .cells import is_blank, is_number


def plan_rule_issues(plan: Plan, lang: str) -> list[Issue]:
    """Every plan-level problem of one plan."""
    checks = (empty_sheets, plan_period, orphans)
    return [issue for check in checks for issue in check(plan, lang)]


def _where(plan: Plan, table: Table, lang: str) -> str:
    return table.sheet_name or table.sheet.name(lang)


def _cell(table: Table, index: int, key: str) -> str:
    """The address of a row's cell; below the last row for index == len(rows) (where a row would go)."""
    letter = table.columns.get(key, "")
    if not letter:
        return ""
    if index < len(table.row_numbers):
        return f"{letter}{table.row_numbers[index]}"
    last = table.row_numbers[-1] if table.row_numbers else layout.FIRST_DATA_ROW - 1
    return f"{letter}{last + 1 + index - len(table.row_numbers)}"


def _issue(plan: Plan, table: Table, index: int, key: str, slug: str, lang: str, *, value: str = "",
           expected: str = "", detail: str = "") -> Issue:
    return Issue(slug, file=plan.file, sheet=_where(plan, table, lang), cell=_cell(table, index, key),
                 column=key, value=value, expected=expected, detail=detail)


# --- every plan has these worksheets ----------------------------------------------------------

def empty_sheets(plan: Plan, lang: str) -> Iterator[Issue]:
    """A worksheet every plan needs (Sheet.required) that holds no row is an error at its first cell.

    A workbook with nothing at all is one "plan-empty" warning instead; a sheet that is not in the
    workbook is the reader's "sheet-missing".
    """
    if not any(t.rows for t in plan.tables.values()):
        return
    for sheet in SHEETS:
        table = plan.tables.get(sheet.key)
        if sheet.required and table is not None and not table.rows:
            key = _first_input(sheet)
            yield _issue(plan, table, 0, key, "sheet-empty", lang, detail=sheet.title(lang).split(": ", 1)[-1])


def _first_input(sheet: Sheet) -> str:
    return next(c.key for c in sheet.input_columns if c.key != "no")


# --- the plan period --------------------------------------------------------------------------

def plan_years(plan: Plan) -> tuple[int, int] | None:
    """The first and last year of the plan period stated on the cover, if it can be read."""
    text = plan.cover.get("plan_period")
    period = parse_period(str(text)) if isinstance(text, (str, int)) and not is_blank(text) else None
    if period is None or period.start is None or period.end is None:
        return None
    return period.start.year, period.end.year


def plan_period(plan: Plan, lang: str) -> Iterator[Issue]:
    """Targets fall within the plan period; every actual value says when it was measured."""
    table = plan.tables.get("indicators")
    if not table:
        return
    years = plan_years(plan)
    for i, row in enumerate(table.rows):
        year = row.get("target_year")
        if years and is_number(year) and not years[0] <= int(year) <= years[1]:
            yield _issue(plan, table, i, "target_year", "target-year-outside", lang, value=str(int(year)),
                         expected=f"{years[0]}–{years[1]}")
        actual = row.get("actual")
        if is_number(actual) and is_blank(row.get("actual_date")):
            yield _issue(plan, table, i, "actual_date", "actual-undated", lang, value=_plain(actual))


def _plain(value: object) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


# --- goals, tasks and the activities that carry them out ---------------------------------------

def orphans(plan: Plan, lang: str) -> Iterator[Issue]:
    """Goals and tasks without activities, judged through the goal whichever way an activity links;
    goals without indicators.

    An activity in #7 names a task (M1.U1) or a whole goal (M1). A goal is carried out when any
    activity names it or one of its tasks; a task when an activity names it or its goal. Tasks
    without IDs (the column is optional) are judged through their goal. An indicator in #8 measures
    the goal it names, directly or through one of its tasks. A sheet that names nothing at all is one
    "links-missing" warning instead (the links cannot be seen).
    """
    goals = plan.tables.get("goals")
    if not goals or not goals.rows:
        return
    named = yield from _named(plan, "action_plan", goals, lang)
    if named is not None:
        yield from _without_activities(plan, goals, named, lang)
    measured = yield from _named(plan, "indicators", goals, lang)
    if measured is not None:
        reached = {n.split(".")[0] for n in measured}
        seen: set[str] = set()
        for i, row in enumerate(goals.rows):
            goal = _text(row.get("goal_id"))
            if goal and goal not in reached and goal not in seen:
                seen.add(goal)
                yield _issue(plan, goals, i, "goal_id", "orphan-goal", lang, value=goal)


def _named(plan: Plan, key: str, goals: Table, lang: str) -> Generator[Issue, None, set[str] | None]:
    """The goal and task IDs a sheet names (None if it has no rows; a warning if it names none)."""
    table = plan.tables.get(key)
    if not table or not table.rows:
        return None
    ref = "task_id" if key == "action_plan" else "goal_id"
    named = {str(v).strip() for _, v in table.values(ref)}
    if not named:
        yield Issue("links-missing", file=plan.file, sheet=_where(plan, table, lang), column=ref,
                    detail=goals.sheet.name(lang))
        return None
    return named


def _without_activities(plan: Plan, goals: Table, named: set[str], lang: str) -> Iterator[Issue]:
    reached_goals = {n.split(".")[0] for n in named}
    seen: set[str] = set()
    for i, row in enumerate(goals.rows):
        goal, task = _text(row.get("goal_id")), _text(row.get("task_id"))
        if goal and goal not in reached_goals and goal not in seen:
            seen.add(goal)
            yield _issue(plan, goals, i, "goal_id", "orphan-goal-activity", lang, value=goal)
        elif goal in reached_goals and task and task not in named and goal not in named and task not in seen:
            seen.add(task)
            yield _issue(plan, goals, i, "task_id", "orphan-task", lang, value=task)


def _text(value: object) -> str:
    return "" if is_blank(value) else str(value).strip()
