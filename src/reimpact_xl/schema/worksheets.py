"""The eleven worksheets of the action plan, as the seed plans print them, with the columns they need."""
from __future__ import annotations

from .model import Column, Sheet, Text, bind_columns, examples, prefilled
from .model import ColumnType as T
from .vocab import (
    ACTIVITY_STATUSES,
    CHECK_STATES,
    COOPERATION_TYPES,
    FUNDING_SOURCES,
    METHODS,
    RISK_LEVELS,
    STANDARD_INDICATORS,
    STATUSES,
    UNITS,
)

ID_PATTERNS = {
    "goal": r"M\d+",
    "task": r"M\d+\.U\d+",
    "activity": r"A\d+[a-z]?",
    "indicator": r"I\d+[a-z]?",
    "engagement": r"S\d+[a-z]?",
    "risk": r"R\d+[a-z]?",
    "monitoring": r"K\d+[a-z]?",
}
# A reference may point to several namespaces: #7 and #8 link to a goal or to one of its tasks; #11
# monitors anything the plan names but its own steps.
REF_NAMESPACES = {
    "goal_task": ("goal", "task"),
    "activity": ("activity",),
    "monitored": ("goal", "task", "activity", "indicator", "engagement", "risk"),
}


# Labels and help come from the catalogues (texts/*.toml): column.<sheet>.<column>.label/help, bound by the
# sheet; the helpers below only give the texts several columns share.
def _id(key: str, ns: str, required: bool = True) -> Column:
    prefix = ID_PATTERNS[ns].split("\\")[0]
    return Column(key, type=T.ID, required=required, id_prefix=prefix, id_pattern=ID_PATTERNS[ns], width=9,
                  help=Text("column_common.id.help", example=_example_id(ns)))


def _example_id(ns: str) -> str:
    return {"goal": "M1", "task": "M1.U1", "activity": "A1", "indicator": "I1",
            "engagement": "S1", "risk": "R1", "monitoring": "K1"}[ns]


def _ref(key: str, ns: str) -> Column:
    pattern = "|".join(f"(?:{ID_PATTERNS[n]})" for n in REF_NAMESPACES[ns])
    return Column(key, type=T.REF, id_pattern=pattern, ref_namespace=ns, width=11)


def _no() -> Column:
    return Column("no", Text("column_common.no.label"), T.TEXT, width=6, help=Text("column_common.no.help"))


def _text(key: str, *, required: bool = False, single: bool = False, width: int = 34) -> Column:
    return Column(key, type=T.TEXT, required=required, single_item=single, width=width)


def _period(key: str, required: bool = False) -> Column:
    return Column(key, type=T.PERIOD, required=required, width=20, help=Text("column_common.period.help"))


LEGAL_ACTS = Sheet(
    key="legal_acts", number="1",
    columns=(
        _text("national_act", single=True, width=40),
        _text("strategy", single=True, width=40),
        _text("programme", single=True, width=40),
    ),
    examples=examples("legal_acts", 3),
)

PARTNERS = Sheet(
    key="partners", number="2",
    columns=(
        _no(),
        _text("organisation", required=True),
        Column("cooperation_type", type=T.CHOICE, choices=COOPERATION_TYPES, open_choice=True, width=34),
        _text("result", width=44),
    ),
)

DATA_SOURCES = Sheet(
    key="data_sources", number="3",
    columns=(
        _no(),
        _text("data_type", required=True, width=40),
        _text("source", required=True),
        _text("update_frequency", required=True, width=24),
    ),
    prefilled=prefilled("data_sources", 8, "data_type", no="{}"),
)

NEEDS = Sheet(
    key="needs", number="4",
    columns=(
        _no(),
        _text("target_group", required=True, single=True, width=26),
        _text("existing_support", width=36),
        _text("unmet_needs", required=True, width=36),
        _text("se_opportunities", required=True, width=36),
    ),
    examples=examples("needs", 4),
)

RESOURCES = Sheet(
    key="resources", number="5",
    columns=(
        _no(),
        _text("financial", width=32),
        _text("material", width=28),
        _text("infrastructure", width=28),
        _text("info_human", width=32),
        _text("holder", required=True, width=28),
    ),
    examples=examples("resources", 4),
)

SUPPORT_GIVEN = Sheet(
    key="support_given", number="5b",
    columns=(
        _text("recipient", required=True, single=True, width=30),
        _text("support_type", required=True, width=30),
        Column("year", type=T.YEAR, width=8, minimum=2000, maximum=2100),
        Column("amount_eur", type=T.EUR, width=12, minimum=0),
        _text("note", width=36),
    ),
    min_rows=10,
    required=False,  # three of the five seed plans have no support to list yet
)

GOALS = Sheet(
    key="goals", number="6",
    columns=(
        _id("goal_id", "goal"),
        _text("goal", width=44),
        _id("task_id", "task", required=False),
        _text("task", single=True, width=50),
    ),
    id_namespace="goal",
    examples=examples("goals", 2),
)

ACTION_PLAN = Sheet(
    key="action_plan", number="7",
    columns=(
        _id("activity_id", "activity"),
        _ref("task_id", "goal_task"),
        _text("task", width=36),
        _text("activity", required=True, single=True, width=46),
        _period("timeline", required=True),
        Column("funding_source", type=T.CHOICE, choices=FUNDING_SOURCES, open_choice=True, width=24),
        Column("funding_eur", type=T.EUR, width=13, minimum=0),
        _text("parties", width=28),
        _text("responsible", required=True, width=26),
        Column("status", type=T.CHOICE, choices=ACTIVITY_STATUSES, width=13),
        Column("actual_eur", type=T.EUR, width=13, minimum=0),
    ),
    id_namespace="activity",
    examples=examples("action_plan", 1),
)

INDICATORS = Sheet(
    key="indicators", number="8",
    columns=(
        _id("indicator_id", "indicator"),
        _ref("goal_id", "goal_task"),
        Column("indicator", type=T.CHOICE,
               choices=STANDARD_INDICATORS, open_choice=True, required=True, single_item=True, width=40),
        _text("goal_text", width=36),
        Column("unit", type=T.CHOICE, choices=UNITS, open_choice=True, required=True, width=12),
        Column("baseline", type=T.NUMBER, width=10),
        Column("baseline_year", type=T.YEAR, width=8, minimum=2000, maximum=2100),
        Column("target", type=T.NUMBER, required=True, width=10),
        Column("target_year", type=T.YEAR, required=True, width=8, minimum=2000, maximum=2100),
        Column("actual", type=T.NUMBER, width=10),
        Column("actual_date", type=T.DATE, width=12),
        Column("progress", type=T.FORMULA, width=10),
        Column("status", type=T.FORMULA, choices=STATUSES, width=16),
        _text("result", width=34),
        Column("method", type=T.CHOICE, choices=METHODS, open_choice=True, width=28),
        _text("recommendations", width=30),
        _text("parties", width=26),
    ),
    id_namespace="indicator",
)

CHECKLIST = Sheet(
    key="checklist", number="9a",
    columns=(
        _text("item", required=True, width=60),
        Column("state", type=T.CHOICE, choices=CHECK_STATES, required=True, width=12),
        _text("note", width=50),
    ),
    prefilled=prefilled("checklist", 3, "item"),
    min_rows=6,
)

ENGAGEMENT = Sheet(
    key="engagement", number="9b",
    purpose=CHECKLIST.purpose,
    columns=(
        _id("engagement_id", "engagement"),
        _ref("activity_id", "activity"),
        _text("activity", required=True, single=True, width=36),
        _text("audience", required=True, width=26),
        _text("channel", width=24),  # 9b prints on one page across at ~89 %
        _period("timeline", required=True),
        _text("responsible", required=True, width=26),
    ),
    id_namespace="engagement",
    examples=examples("engagement", 4),
)

RISKS = Sheet(
    key="risks", number="10",
    columns=(
        _id("risk_id", "risk"),
        _text("factor", required=True, single=True, width=34),
        _text("impact", required=True, width=30),
        Column("likelihood", type=T.INTEGER, width=10, minimum=1, maximum=5),
        Column("severity", type=T.INTEGER, width=10, minimum=1, maximum=5),
        Column("score", type=T.FORMULA, width=11),
        Column("level", type=T.CHOICE, choices=RISK_LEVELS, width=17),
        Column("computed_level", type=T.FORMULA, choices=RISK_LEVELS, width=12),
        _text("preventive", width=36),
        _text("reactive", width=36),
        _text("responsible", width=22),
    ),
    prefilled=prefilled("risks", 5, "factor", "impact", risk_id="R{}"),
    id_namespace="risk",
)

MONITORING = Sheet(
    key="monitoring", number="11",
    columns=(
        _id("monitoring_id", "monitoring"),
        _text("activity", required=True, width=40),
        _text("responsible", required=True, width=28),
        _period("deadline", required=True),
        _text("indicator", required=True, width=36),
        _ref("link_id", "monitored"),
        Column("done_date", type=T.DATE, width=12),
    ),
    prefilled=prefilled("monitoring", 6, "activity", monitoring_id="K{}"),
    id_namespace="monitoring",
)

SHEETS: tuple[Sheet, ...] = (
    LEGAL_ACTS, PARTNERS, DATA_SOURCES, NEEDS, RESOURCES, SUPPORT_GIVEN, GOALS, ACTION_PLAN, INDICATORS,
    CHECKLIST, ENGAGEMENT, RISKS, MONITORING,
)
SHEETS_BY_KEY = {s.key: s for s in SHEETS}

# The cover sheet: plan-level facts (key, label, type, required).
COVER_FIELDS: tuple[Column, ...] = bind_columns("cover", (
    Column("municipality", type=T.TEXT, required=True, width=40),
    Column("plan_period", type=T.PERIOD, required=True, width=40),
    Column("contact_person", type=T.TEXT, required=True, width=40),
    Column("contact_email", type=T.TEXT, width=40),
    Column("submission_date", type=T.DATE, width=40),
    Column("reporting_date", type=T.DATE, width=40),
))
