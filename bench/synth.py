"""Synthetic action plans for the benchmark: Latvian text, linked IDs, numbers, dates, risk ratings.

Every plan is labelled synthetic ("Sintētisks novads 001"); no real municipality's name or text is
used. A plan is plain data in the shape of workbook/examples (Plan.from_dict), built from a seed so
that the same seed always gives the same plan.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from typing import Any

Row = dict[str, Any]

# Row counts per sheet of a plan "sized like the seed plans" (about 100 rows over the eleven worksheets).
BASE_ROWS: dict[str, int] = {
    "legal_acts": 4, "partners": 6, "data_sources": 9, "needs": 5, "resources": 5, "support_given": 5,
    "goals": 9, "action_plan": 14, "indicators": 10, "checklist": 5, "engagement": 8, "risks": 7,
    "monitoring": 9,
}
TASKS_PER_GOAL = 3
LARGE_SCALE = 21  # 21 x 96 = 2,016 rows: "the large one of 2,000 rows"

SUBJECTS = ("sociālie uzņēmumi", "jaunieši", "senioru biedrības", "vietējās NVO", "mazie uzņēmēji",
            "pagastu kopienas", "skolēni", "cilvēki ar invaliditāti", "ilgstošie bezdarbnieki",
            "lauku saimniecības", "amatnieki", "jaunās ģimenes")
VERBS = ("atbalstīt", "apmācīt", "informēt", "iesaistīt", "konsultēt", "popularizēt", "stiprināt",
         "sasaistīt", "izvērtēt", "organizēt")
OBJECTS = ("sociālās uzņēmējdarbības ideju konkursu", "informatīvu semināru ciklu", "mentoringa programmu",
           "kopienu darbnīcas", "grantu programmas nolikumu", "sadarbības memorandu",
           "tīklošanās pasākumu", "pieredzes apmaiņas braucienu",
           "tiešsaistes karti ar sociālajiem uzņēmumiem",
           "iedzīvotāju aptauju", "koprades telpas darbu", "publikāciju sēriju vietējā laikrakstā")
PLACES = ("pagastu pārvaldēs", "jauniešu centrā", "novada bibliotēkā", "kultūras namā",
          "uzņēmējdarbības atbalsta centrā", "skolās", "tiešsaistē", "pašvaldības mājaslapā")
UNITS_LV = ("Attīstības nodaļa", "Sociālais dienests", "Izglītības pārvalde", "Jaunatnes centrs",
            "Uzņēmējdarbības atbalsta centrs", "Kultūras pārvalde", "Komunikācijas nodaļa", "Finanšu nodaļa")
MONTHS = ("janvāris", "februāris", "marts", "aprīlis", "maijs", "jūnijs", "jūlijs", "augusts", "septembris",
          "oktobris", "novembris", "decembris")
SEASONS = ("pavasaris", "vasara", "rudens", "ziema")
# Timeline shapes of the seed plans over four years: about 200 distinct texts, as a region writes them.
TIMELINES = tuple(t for y in range(2025, 2029) for t in (
    *(f"{y}. gada {m}" for m in MONTHS), *(f"{y}. gada {q}. ceturksnis" for q in range(1, 5)),
    *(f"{m:02d}.{y}." for m in range(1, 13)), *(f"{y}. gada {s}" for s in SEASONS),
    f"{y}./{y + 1}. mācību gads", f"Reizi gadā ({y}–{y + 2})", f"{y}. gada pirmā puse", f"{y}. gada otrā puse",
    f"sākot ar {y}. gada janvāri", f"Līdz {y}. gada decembrim")) + tuple(f"Katru gadu - {s}" for s in SEASONS)
FREQUENCIES = ("pastāvīgi", "1x gadā", "Reizi pusgadā", "1x mēnesī", "Pēc nepieciešamības")
FUNDING = ("Pašvaldības budžets", "ES fondi", "Valsts programmas", "ALTUM", "ZPR", "Projekti")
COOPERATION = ("Partnerības līgums", "Konsultatīvās padomes", "Sociālo pakalpojumu deleģēšana",
               "Līdzdalības budžeta veidošana", "Mentoringa un konsultāciju tīkli",
               "Kopīgi finansēti un īstenoti projekti")
INDICATOR_NAMES = (
    "Sociālo uzņēmumu skaits pašvaldības teritorijā (pirms un pēc darbību uzsākšanas)",
    "Jaunu partnerību skaits, kas izveidotas starp sociālajiem uzņēmumiem, NVO un pašvaldību",
    "Dalībnieku skaits atbalsta pasākumos (piemēram, apmācībās, informācijas dienās)",
    "Sabiedrības iesaistes aktivitāšu skaits (informācijas kampaņas, pasākumi, aptaujas)",
)
UNITS = ("skaits", "dalībnieki", "pasākumi", "%", "EUR")
METHODS = ("kvantitatīvā analīze (statistikas dati, rādītāji, procenti)",
           "aptaujas un sabiedrības viedokļu analīze",
           "monitoringa un progresa ziņojumi (regulāri pārskati)")
LEVELS = {1: "zems", 2: "vidējs", 3: "augsts"}  # by band
CHECK_STATES = ("Jā", "Plānots", "Nē")


@dataclass(frozen=True)
class Spec:
    """Which synthetic plan to make: its number (names and seed) and how many times the base rows."""

    number: int
    scale: int = 1

    @property
    def municipality(self) -> str:
        return f"Sintētisks novads {self.number:03d}"


class _Words:
    """Synthetic Latvian phrases from a seeded generator."""

    def __init__(self, rng: random.Random, tag: str) -> None:
        self.rng, self.tag = rng, tag

    def pick(self, options: tuple[str, ...]) -> str:
        return self.rng.choice(options)

    def sentence(self) -> str:
        verb, obj, subj, place = (self.pick(VERBS), self.pick(OBJECTS), self.pick(SUBJECTS), self.pick(PLACES))
        return f"{verb.capitalize()} {subj}, rīkojot {obj} {place} ({self.tag})."

    def org(self) -> str:
        return f"Sintētiskā biedrība “{self.pick(SUBJECTS).capitalize()}” ({self.tag})"


def plan_data(spec: Spec) -> dict[str, Any]:
    """One synthetic plan as plain data (the shape Plan.from_dict reads)."""
    rng = random.Random(spec.number * 7919 + spec.scale)
    words = _Words(rng, f"sint. {spec.number:03d}")
    n = {key: count * spec.scale for key, count in BASE_ROWS.items()}
    goals = _goals(words, n["goals"])
    tasks = [r["task_id"] for r in goals]
    activities = _action_plan(words, n["action_plan"], tasks)
    activity_ids = [r["activity_id"] for r in activities]
    goal_ids = sorted({r["goal_id"] for r in goals}, key=lambda g: int(g[1:]))
    sheets = {
        "legal_acts": [_legal(words, i) for i in range(n["legal_acts"])],
        "partners": [_partner(words, i) for i in range(n["partners"])],
        "data_sources": [_data_source(words, i) for i in range(n["data_sources"])],
        "needs": [_need(words, i) for i in range(n["needs"])],
        "resources": [_resource(words, i) for i in range(n["resources"])],
        "support_given": [_support(words, i) for i in range(n["support_given"])],
        "goals": goals,
        "action_plan": activities,
        "indicators": [_indicator(words, i, goal_ids) for i in range(n["indicators"])],
        "checklist": [_check(words, i) for i in range(n["checklist"])],
        "engagement": [_engagement(words, i, activity_ids) for i in range(n["engagement"])],
        "risks": [_risk(words, i) for i in range(n["risks"])],
        "monitoring": [_monitoring(words, i, activity_ids) for i in range(n["monitoring"])],
    }
    return {"municipality": spec.municipality, "cover": _cover(spec), "sheets": _keep_template_rows(sheets)}


def _keep_template_rows(sheets: dict[str, list[Row]]) -> dict[str, list[Row]]:
    """The template's pre-filled rows (#3, #9, #10, #11) stay, as a specialist keeps them, and get filled."""
    from reimpact_xl.schema import SHEETS_BY_KEY

    for key, rows in sheets.items():
        for row, template_row in zip(rows, SHEETS_BY_KEY[key].prefilled):
            row.update(template_row)
    return sheets


def _cover(spec: Spec) -> Row:
    return {"municipality": spec.municipality, "plan_period": "2025–2027",
            "contact_person": f"Sintētiska kontaktpersona {spec.number:03d}",
            "contact_email": f"sintetisks{spec.number:03d}@example.invalid",
            "submission_date": date(2026, 1, 15), "reporting_date": date(2026, 6, 30)}


def _legal(w: _Words, i: int) -> Row:
    return {"national_act": f"Sintētisks normatīvais akts Nr. {i + 1} par {w.pick(SUBJECTS)}",
            "strategy": f"Sintētiskā novada attīstības programmas 2021.–2027. gadam {i + 1}.{i + 2}. punkts",
            "programme": f"Sintētiska grantu programma “{w.pick(OBJECTS).capitalize()}” ({w.tag})"}


def _partner(w: _Words, i: int) -> Row:
    return {"no": str(i + 1), "organisation": w.org(), "cooperation_type": w.pick(COOPERATION),
            "result": f"{w.sentence()} Kopš {2020 + i % 5}. gada noslēgti {1 + i % 4} līgumi."}


def _data_source(w: _Words, i: int) -> Row:
    return {"no": str(i + 1), "data_type": f"{w.pick(SUBJECTS).capitalize()}: reģistra dati Nr. {i + 1}",
            "source": w.pick(UNITS_LV), "update_frequency": w.pick(FREQUENCIES)}


def _need(w: _Words, i: int) -> Row:
    return {"no": str(i + 1), "target_group": f"{w.pick(SUBJECTS).capitalize()} (grupa {i + 1})",
            "existing_support": w.sentence(), "unmet_needs": w.sentence(), "se_opportunities": w.sentence()}


def _resource(w: _Words, i: int) -> Row:
    return {"no": str(i + 1), "financial": f"Pašvaldības budžets {1000 * (i + 1)} EUR gadā",
            "material": f"Telpas {w.pick(PLACES)}", "infrastructure": f"Koprades telpa Nr. {i + 1}",
            "info_human": f"{1 + i % 3} speciālisti", "holder": w.pick(UNITS_LV)}


def _support(w: _Words, i: int) -> Row:
    return {"recipient": w.org(), "support_type": f"Grants: {w.pick(OBJECTS)}", "year": 2021 + i % 5,
            "amount_eur": round(500 + w.rng.random() * 9500, 2), "note": w.sentence()}


def _goals(w: _Words, count: int) -> list[Row]:
    rows = []
    for i in range(count):
        goal, task = divmod(i, TASKS_PER_GOAL)
        row = {"goal_id": f"M{goal + 1}", "task_id": f"M{goal + 1}.U{task + 1}", "task": w.sentence()}
        if task == 0:
            row["goal"] = f"Stratēģiskais mērķis {goal + 1}: {w.sentence()}"
        rows.append(row)
    return rows


def _action_plan(w: _Words, count: int, tasks: list[str]) -> list[Row]:
    return [{"activity_id": f"A{i + 1}", "task_id": tasks[i % len(tasks)], "activity": w.sentence(),
             "timeline": w.pick(TIMELINES), "funding_source": w.pick(FUNDING),
             "funding_eur": float(500 * (1 + w.rng.randrange(40))), "parties": w.org(),
             "responsible": w.pick(UNITS_LV)} for i in range(count)]


def _indicator(w: _Words, i: int, goals: list[str]) -> Row:
    baseline = w.rng.randrange(0, 20)
    target = baseline + 1 + w.rng.randrange(1, 30)
    row: Row = {"indicator_id": f"I{i + 1}", "goal_id": goals[i % len(goals)],
                "indicator": w.pick(INDICATOR_NAMES), "goal_text": w.sentence(), "unit": w.pick(UNITS),
                "baseline": baseline, "baseline_year": 2024, "target": target, "target_year": 2027,
                "result": w.sentence(), "method": w.pick(METHODS), "recommendations": w.sentence(),
                "parties": w.pick(UNITS_LV)}
    if i % 3:
        row.update(actual=baseline + w.rng.randrange(0, target - baseline + 1),
                   actual_date=date(2025 + i % 2, 1 + i % 12, 1 + i % 28))
    return row


def _check(w: _Words, i: int) -> Row:
    return {"item": f"Sintētisks kontrolsaraksta punkts {i + 1}: {w.pick(OBJECTS)}",
            "state": w.pick(CHECK_STATES), "note": w.sentence()}


def _engagement(w: _Words, i: int, activities: list[str]) -> Row:
    return {"engagement_id": f"S{i + 1}", "activity_id": activities[i % len(activities)],
            "activity": w.sentence(), "audience": w.pick(SUBJECTS), "channel": f"Sociālie tīkli, {w.pick(PLACES)}",
            "timeline": w.pick(TIMELINES), "responsible": w.pick(UNITS_LV)}


def _risk(w: _Words, i: int) -> Row:
    likelihood, impact = 1 + w.rng.randrange(5), 1 + w.rng.randrange(5)
    score = likelihood * impact
    band = 1 if score <= 4 else 2 if score <= 9 else 3
    row: Row = {"risk_id": f"R{i + 1}", "factor": f"Sintētisks risks {i + 1}: {w.pick(OBJECTS)} nenotiek",
                "impact": w.sentence(), "likelihood": likelihood, "severity": impact, "level": LEVELS[band]}
    if band > 1:
        row.update(preventive=w.sentence(), reactive=w.sentence(), responsible=w.pick(UNITS_LV))
    return row


def _monitoring(w: _Words, i: int, activities: list[str]) -> Row:
    return {"monitoring_id": f"K{i + 1}", "activity": f"Uzraudzīt: {w.sentence()}",
            "responsible": w.pick(UNITS_LV), "deadline": w.pick(TIMELINES),
            "indicator": f"Sagatavots pārskats Nr. {i + 1}", "link_id": activities[i % len(activities)]}


def with_problems(data: dict[str, Any], number: int) -> dict[str, Any]:
    """Every fifth plan carries a few problems a coordinator meets: a placeholder, a missing measure."""
    if number % 5:
        return data
    sheets = data["sheets"]
    sheets["partners"][0]["result"] = "???"
    high = [r for r in sheets["risks"] if r.get("level") == LEVELS[3]]
    if high:
        high[0].pop("preventive", None)
    sheets["action_plan"][1]["funding_eur"] = "40 000 EUR"
    return data


def row_count(data: dict[str, Any]) -> int:
    return sum(len(rows) for rows in data["sheets"].values())
