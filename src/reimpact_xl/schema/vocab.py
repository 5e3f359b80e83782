"""Controlled vocabularies taken from the seed plans' guidance text (catalogue §8, §10, §16)."""
from __future__ import annotations

from .model import Choice, Text

RISK_LEVELS = (
    Choice("low", Text("zems", "low"), ("zema", "zemi")),
    Choice("medium", Text("vidējs", "medium"), ("vidēja", "vidēji", "videjs")),
    Choice("high", Text("augsts", "high"), ("augsta", "augsti")),
)

CHECK_STATES = (
    Choice("yes", Text("Jā", "Yes"), ("x", "+", "v", "✓", "✔", "ja", "jā", "yes", "y")),
    Choice("planned", Text("Plānots", "Planned"), ("plānots", "planots", "planned")),
    Choice("no", Text("Nē", "No"), ("ne", "nē", "no", "-", "–")),
)

STATUSES = (
    Choice("achieved", Text("sasniegts", "achieved")),
    Choice("on_track", Text("atbilst plānam", "on track")),
    Choice("behind", Text("atpaliek", "behind")),
    Choice("off_track", Text("būtiski atpaliek", "off track")),
    Choice("no_data", Text("nav datu", "no data")),
)

# #7 in the yearly cycle: where an activity stands at the end of the reporting year.
ACTIVITY_STATUSES = (
    Choice("planned", Text("plānots", "planned"), ("plānota", "planots", "planned")),
    Choice("in_progress", Text("procesā", "in progress"), ("procesa", "notiek", "in progress")),
    Choice("done", Text("izpildīts", "done"), ("izpildīta", "izpildits", "done", "completed")),
    Choice("delayed", Text("aizkavēts", "delayed"), ("aizkavēta", "aizkavets", "delayed")),
    Choice("cancelled", Text("atcelts", "cancelled"), ("atcelta", "atcelts", "cancelled", "canceled")),
)

UNITS = (
    Choice("count", Text("skaits", "count")),
    Choice("participants", Text("dalībnieki", "participants")),
    Choice("events", Text("pasākumi", "events")),
    Choice("percent", Text("%", "%"), ("procenti", "percent")),
    Choice("eur", Text("EUR", "EUR"), ("eiro", "euro", "€")),
    Choice("per_year", Text("reizes gadā", "times a year"), ("gadā",)),
)

# The #8 guidance lists: 7 quantitative and 5 qualitative indicators (seed wording, verbatim).
STANDARD_INDICATORS = (
    Choice("q1_se_count", Text(
        "Sociālo uzņēmumu skaits pašvaldības teritorijā (pirms un pēc darbību uzsākšanas)",
        "Number of social enterprises in the municipality (before and after)")),
    Choice("q2_partnerships", Text(
        "Jaunu partnerību skaits, kas izveidotas starp sociālajiem uzņēmumiem, NVO un pašvaldību",
        "New partnerships between social enterprises, NGOs and the municipality")),
    Choice("q3_support_events", Text(
        "Atbalsta pasākumu skaits, ko pašvaldība organizē sociālajiem uzņēmumiem (piemēram, apmācības, konsultācijas)",
        "Support events the municipality organises for social enterprises (training, consultations)")),
    Choice("q4_participants", Text(
        "Dalībnieku skaits atbalsta pasākumos (piemēram, apmācībās, informācijas dienās)",
        "Participants in support events (training, information days)")),
    Choice("q5_support_volume", Text(
        "Finansiālā vai materiālā atbalsta apjoms sociālajiem uzņēmumiem (euro vai citi resursi)",
        "Financial or material support to social enterprises (EUR or other resources)")),
    Choice("q6_jobs", Text(
        "Izveidoto darba vietu skaits sociālajos uzņēmumos, kas saņēmuši pašvaldības atbalstu",
        "Jobs created in social enterprises that received municipal support")),
    Choice("q7_engagement", Text(
        "Sabiedrības iesaistes aktivitāšu skaits (informācijas kampaņas, pasākumi, aptaujas)",
        "Public engagement activities (information campaigns, events, surveys)")),
    Choice("k1_staff_capacity", Text(
        "Uzlabota pašvaldības darbinieku kapacitāte sociālās uzņēmējdarbības jautājumos "
        "(dalībnieku pašvērtējums pirms un pēc apmācībām)",
        "Improved capacity of municipal staff on social entrepreneurship (self-assessment before and after training)")),
    Choice("k2_awareness", Text(
        "Iedzīvotāju un uzņēmēju izpratnes līmenis par sociālo uzņēmējdarbību (aptaujas)",
        "Residents' and entrepreneurs' understanding of social entrepreneurship (surveys)")),
    Choice("k3_solutions", Text(
        "Sociālo problēmu risinājumi, ko ieviesuši sociālie uzņēmumi ar pašvaldības atbalstu",
        "Solutions to social problems introduced by social enterprises with municipal support")),
    Choice("k4_engagement_quality", Text(
        "Sabiedrības iesaistes kvalitāte (iedzīvotāju novērtējums interviju vai aptauju veidā par uzklausīšanu "
        "un iesaisti sociālās uzņēmējdarbības jautājumos)",
        "Quality of public engagement (residents' assessment in interviews or surveys)")),
    Choice("k5_policy_innovation", Text(
        "Jauninājumi sociālās uzņēmējdarbības atbalsta politikā (piemēram, jauni instrumenti vai mehānismi)",
        "Innovations in social-entrepreneurship support policy (new instruments or mechanisms)")),
)

# The unit each standard indicator is counted in when a row leaves the unit empty (qualitative ones: none).
STANDARD_UNITS = {"q1_se_count": "count", "q2_partnerships": "count", "q3_support_events": "events",
                  "q4_participants": "participants", "q5_support_volume": "eur", "q6_jobs": "count",
                  "q7_engagement": "count"}

METHODS = (
    Choice("quantitative", Text("kvantitatīvā analīze (statistikas dati, rādītāji, procenti)",
                                "quantitative analysis (statistics, indicators, percentages)")),
    Choice("qualitative", Text("kvalitatīvā analīze (gadījumu izpēte, intervijas, ekspertu fokusgrupas)",
                               "qualitative analysis (case studies, interviews, expert focus groups)")),
    Choice("self_assessment", Text("pašnovērtējums (pašvaldības un uzņēmumu pašvērtējuma aptaujas)",
                                   "self-assessment (municipal and company self-assessment surveys)")),
    Choice("surveys", Text("aptaujas un sabiedrības viedokļu analīze",
                           "surveys and analysis of public opinion")),
    Choice("monitoring", Text("monitoringa un progresa ziņojumi (regulāri pārskati)",
                              "monitoring and progress reports (regular reviews)")),
)

FUNDING_SOURCES = (
    Choice("municipal", Text("Pašvaldības budžets", "Municipal budget"),
           aliases=("Pašvaldība", "Pašvaldības finansējums", "Pašvaldības līdzfinansējums")),
    Choice("eu_funds", Text("ES fondi", "EU funds"),
           aliases=("ESF", "ERAF", "ES fondu projekti", "ES finansējums", "Eiropas Sociālais fonds")),
    Choice("state", Text("Valsts programmas", "State programmes")),
    Choice("altum", Text("ALTUM", "ALTUM")),
    Choice("zpr", Text("ZPR", "ZPR (planning region)")),
    Choice("projects", Text("Projekti", "Projects")),
    Choice("sponsors", Text("Privātie sponsori", "Private sponsors"), aliases=("Sponsori",)),
    Choice("other", Text("Cits", "Other")),
)

# #2 "Piemēri sadarbības daudzveidībai" (kept by JN) plus the three example rows' types.
COOPERATION_TYPES = tuple(
    Choice(f"c{i}", Text(lv)) for i, lv in enumerate((
        "Partnerības līgums",
        "Kopīgi izstrādāti politikas ieteikumi",
        "Sociālās inovācijas laboratorijas",
        "Kopienas iesaistes platformas",
        "Atbalsta programmas un grantu shēmas",
        "Sociālo pakalpojumu deleģēšana",
        "Kopīgas mārketinga un komunikācijas stratēģijas",
        "Konsultatīvās padomes",
        "Līdzdalības budžeta veidošana",
        "Kopīgi finansēti un īstenoti projekti",
        "Infrastruktūras un resursu koplietošana",
        "Mentoringa un konsultāciju tīkli",
    ), start=1)
)

RECURRENCES = (
    Choice("once", Text("vienreiz", "once")),
    Choice("yearly", Text("katru gadu", "yearly")),
    Choice("half_yearly", Text("reizi pusgadā", "half-yearly")),
    Choice("biennial", Text("reizi divos gados", "every two years")),
    Choice("quarterly", Text("reizi ceturksnī", "quarterly")),
    Choice("monthly", Text("katru mēnesi", "monthly")),
    Choice("school_year", Text("mācību gadā", "school year")),
    Choice("on_demand", Text("pēc pieprasījuma", "on demand")),
    Choice("continuous", Text("pastāvīgi", "continuous")),
)
