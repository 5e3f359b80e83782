"""Controlled vocabularies taken from the seed plans' guidance text (catalogue §8, §10, §16)."""
from __future__ import annotations

from .model import Choice, Text

RISK_LEVELS = (
    Choice("low", Text("choice.risk_levels.low"), ("zema", "zemi")),
    Choice("medium", Text("choice.risk_levels.medium"), ("vidēja", "vidēji", "videjs")),
    Choice("high", Text("choice.risk_levels.high"), ("augsta", "augsti")),
)

CHECK_STATES = (
    Choice("yes", Text("choice.check_states.yes"), ("x", "+", "v", "✓", "✔", "ja", "jā", "yes", "y")),
    Choice("planned", Text("choice.check_states.planned"), ("plānots", "planots", "planned")),
    Choice("no", Text("choice.check_states.no"), ("ne", "nē", "no", "-", "–")),
)

STATUSES = (
    Choice("achieved", Text("choice.statuses.achieved")),
    Choice("on_track", Text("choice.statuses.on_track")),
    Choice("behind", Text("choice.statuses.behind")),
    Choice("off_track", Text("choice.statuses.off_track")),
    Choice("no_data", Text("choice.statuses.no_data")),
)

# #7 in the yearly cycle: where an activity stands at the end of the reporting year.
ACTIVITY_STATUSES = (
    Choice("planned", Text("choice.activity_statuses.planned"), ("plānota", "planots", "planned")),
    Choice("in_progress", Text("choice.activity_statuses.in_progress"), ("procesa", "notiek", "in progress")),
    Choice("done", Text("choice.activity_statuses.done"), ("izpildīta", "izpildits", "done", "completed")),
    Choice("delayed", Text("choice.activity_statuses.delayed"), ("aizkavēta", "aizkavets", "delayed")),
    Choice("cancelled", Text("choice.activity_statuses.cancelled"), ("atcelta", "atcelts", "cancelled", "canceled")),
)

UNITS = (
    Choice("count", Text("choice.units.count")),
    Choice("participants", Text("choice.units.participants")),
    Choice("events", Text("choice.units.events")),
    Choice("percent", Text("choice.units.percent"), ("procenti", "percent")),
    Choice("eur", Text("choice.units.eur"), ("eiro", "euro", "€")),
    Choice("per_year", Text("choice.units.per_year"), ("gadā",)),
)

# The #8 guidance lists: 7 quantitative and 5 qualitative indicators (seed wording, verbatim).
STANDARD_INDICATORS = (
    Choice("q1_se_count", Text("choice.standard_indicators.q1_se_count")),
    Choice("q2_partnerships", Text("choice.standard_indicators.q2_partnerships")),
    Choice("q3_support_events", Text("choice.standard_indicators.q3_support_events")),
    Choice("q4_participants", Text("choice.standard_indicators.q4_participants")),
    Choice("q5_support_volume", Text("choice.standard_indicators.q5_support_volume")),
    Choice("q6_jobs", Text("choice.standard_indicators.q6_jobs")),
    Choice("q7_engagement", Text("choice.standard_indicators.q7_engagement")),
    Choice("k1_staff_capacity", Text("choice.standard_indicators.k1_staff_capacity")),
    Choice("k2_awareness", Text("choice.standard_indicators.k2_awareness")),
    Choice("k3_solutions", Text("choice.standard_indicators.k3_solutions")),
    Choice("k4_engagement_quality", Text("choice.standard_indicators.k4_engagement_quality")),
    Choice("k5_policy_innovation", Text("choice.standard_indicators.k5_policy_innovation")),
)

# The unit each standard indicator is counted in when a row leaves the unit empty (qualitative ones: none).
STANDARD_UNITS = {"q1_se_count": "count", "q2_partnerships": "count", "q3_support_events": "events",
                  "q4_participants": "participants", "q5_support_volume": "eur", "q6_jobs": "count",
                  "q7_engagement": "count"}

METHODS = (
    Choice("quantitative", Text("choice.methods.quantitative")),
    Choice("qualitative", Text("choice.methods.qualitative")),
    Choice("self_assessment", Text("choice.methods.self_assessment")),
    Choice("surveys", Text("choice.methods.surveys")),
    Choice("monitoring", Text("choice.methods.monitoring")),
)

FUNDING_SOURCES = (
    Choice("municipal", Text("choice.funding_sources.municipal"),
           aliases=("Pašvaldība", "Pašvaldības finansējums", "Pašvaldības līdzfinansējums")),
    Choice("eu_funds", Text("choice.funding_sources.eu_funds"),
           aliases=("ESF", "ERAF", "ES fondu projekti", "ES finansējums", "Eiropas Sociālais fonds")),
    Choice("state", Text("choice.funding_sources.state")),
    Choice("altum", Text("choice.funding_sources.altum")),
    Choice("zpr", Text("choice.funding_sources.zpr")),
    Choice("projects", Text("choice.funding_sources.projects")),
    Choice("sponsors", Text("choice.funding_sources.sponsors"), aliases=("Sponsori",)),
    Choice("other", Text("choice.funding_sources.other")),
)

# #2 "Piemēri sadarbības daudzveidībai" (kept by JN) plus the three example rows' types.
COOPERATION_TYPES = tuple(Choice(f"c{i}", Text(f"choice.cooperation_types.c{i}")) for i in range(1, 13))

RECURRENCES = (
    Choice("once", Text("choice.recurrences.once")),
    Choice("yearly", Text("choice.recurrences.yearly")),
    Choice("half_yearly", Text("choice.recurrences.half_yearly")),
    Choice("biennial", Text("choice.recurrences.biennial")),
    Choice("quarterly", Text("choice.recurrences.quarterly")),
    Choice("monthly", Text("choice.recurrences.monthly")),
    Choice("school_year", Text("choice.recurrences.school_year")),
    Choice("on_demand", Text("choice.recurrences.on_demand")),
    Choice("continuous", Text("choice.recurrences.continuous")),
)
