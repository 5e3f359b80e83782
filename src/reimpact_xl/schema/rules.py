"""The catalogue of validation rules: slug, severity and message in each language.

Messages speak to the person who fixes the cell. Placeholders: {where} (sheet and cell, filled in by
the issue), {column}, {value}, {expected}, {detail}.
"""
from __future__ import annotations

from .model import Rule, Severity, Text

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO

RULES: dict[str, Rule] = {r.slug: r for r in (
    # files and structure (reader)
    Rule("file-unreadable", E, Text("rule.file-unreadable")),
    Rule("file-encrypted", E, Text("rule.file-encrypted")),
    Rule("file-legacy-xls", E, Text("rule.file-legacy-xls")),
    Rule("file-too-large", E, Text("rule.file-too-large")),
    Rule("file-macros", I, Text("rule.file-macros")),
    Rule("file-locked", W, Text("rule.file-locked")),
    Rule("file-not-plan", E, Text("rule.file-not-plan")),
    Rule("file-own-output", W, Text("rule.file-own-output")),
    Rule("sheet-missing", E, Text("rule.sheet-missing")),
    Rule("sheet-hidden", I, Text("rule.sheet-hidden")),
    Rule("column-missing", E, Text("rule.column-missing")),
    Rule("column-unknown", I, Text("rule.column-unknown")),
    Rule("header-not-found", E, Text("rule.header-not-found")),
    Rule("formula-no-value", W, Text("rule.formula-no-value")),
    Rule("cell-error-value", E, Text("rule.cell-error-value")),
    Rule("cell-too-long", W, Text("rule.cell-too-long")),
    Rule("too-many-rows", E, Text("rule.too-many-rows")),
    Rule("normalised", I, Text("rule.normalised")),
    Rule("template-outdated", I, Text("rule.template-outdated")),
    Rule("municipality-mismatch", W, Text("rule.municipality-mismatch")),
    Rule("municipality-file-name", W, Text("rule.municipality-file-name")),
    Rule("file-superseded", I, Text("rule.file-superseded")),
    Rule("municipality-not-expected", W, Text("rule.municipality-not-expected")),
    Rule("indicator-not-standard", I, Text("rule.indicator-not-standard")),
    Rule("plan-empty", W, Text("rule.plan-empty")),
    Rule("formula-text", I, Text("rule.formula-text")),
    # cell values (validation)
    Rule("required-missing", E, Text("rule.required-missing")),
    Rule("sheet-empty", E, Text("rule.sheet-empty")),
    Rule("goal-text-missing", E, Text("rule.goal-text-missing")),
    Rule("target-year-outside", E, Text("rule.target-year-outside")),
    Rule("actual-undated", E, Text("rule.actual-undated")),
    Rule("cover-missing", W, Text("rule.cover-missing")),
    Rule("type-number", E, Text("rule.type-number")),
    Rule("type-integer", E, Text("rule.type-integer")),
    Rule("type-date", E, Text("rule.type-date")),
    Rule("out-of-range", E, Text("rule.out-of-range")),
    Rule("choice-invalid", E, Text("rule.choice-invalid")),
    Rule("choice-other", I, Text("rule.choice-other")),
    Rule("id-format", E, Text("rule.id-format")),
    Rule("id-duplicate", E, Text("rule.id-duplicate")),
    Rule("ref-missing", E, Text("rule.ref-missing")),
    Rule("task-goal-mismatch", E, Text("rule.task-goal-mismatch")),
    Rule("orphan-task", W, Text("rule.orphan-task")),
    Rule("orphan-goal-activity", W, Text("rule.orphan-goal-activity")),
    Rule("links-missing", W, Text("rule.links-missing")),
    Rule("orphan-goal", W, Text("rule.orphan-goal")),
    Rule("risk-level-mismatch", E, Text("rule.risk-level-mismatch")),
    Rule("risk-level-missing", E, Text("rule.risk-level-missing")),
    Rule("risk-measures-missing", E, Text("rule.risk-measures-missing")),
    Rule("risk-low-measures", I, Text("rule.risk-low-measures")),
    Rule("actual-without-target", W, Text("rule.actual-without-target")),
    Rule("baseline-equals-target", W, Text("rule.baseline-equals-target")),
    Rule("placeholder", E, Text("rule.placeholder")),
    Rule("template-example", W, Text("rule.template-example")),
    Rule("multiple-items", W, Text("rule.multiple-items")),
    Rule("period-unreadable", W, Text("rule.period-unreadable")),
    Rule("template-row-missing", W, Text("rule.template-row-missing")),
    Rule("duplicate-row", W, Text("rule.duplicate-row")),
)}


def rule(slug: str) -> Rule:
    """The rule with this slug; a KeyError names a slug that the catalogue lacks."""
    return RULES[slug]
