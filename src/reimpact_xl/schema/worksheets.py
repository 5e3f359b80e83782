"""The eleven worksheets of the action plan, as the seed plans print them, with the columns they need."""
from __future__ import annotations

from .model import Column, Sheet, Text
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


def _id(key: str, ns: str, lv: str, en: str, required: bool = True) -> Column:
    prefix = ID_PATTERNS[ns].split("\\")[0]
    return Column(key, Text(lv, en), T.ID, required=required, id_prefix=prefix,
                  id_pattern=ID_PATTERNS[ns], width=9,
                  help=Text(f"Identifikators, piemēram, {_example_id(ns)}. Katram jābūt unikālam.",
                            f"Identifier, e.g. {_example_id(ns)}. Each must be unique."))


def _example_id(ns: str) -> str:
    return {"goal": "M1", "task": "M1.U1", "activity": "A1", "indicator": "I1",
            "engagement": "S1", "risk": "R1", "monitoring": "K1"}[ns]


def _ref(key: str, ns: str, lv: str, en: str, help_lv: str, help_en: str) -> Column:
    pattern = "|".join(f"(?:{ID_PATTERNS[n]})" for n in REF_NAMESPACES[ns])
    return Column(key, Text(lv, en), T.REF, id_pattern=pattern, ref_namespace=ns, width=11,
                  help=Text(help_lv, help_en))


def _no() -> Column:
    return Column("no", Text("#", "#"), T.TEXT, width=6,
                  help=Text("Rindas numurs (nav obligāts).", "Row number (optional)."))


def _text(key: str, lv: str, en: str, help_lv: str = "", help_en: str = "", *,
          required: bool = False, single: bool = False, width: int = 34) -> Column:
    return Column(key, Text(lv, en), T.TEXT, required=required, single_item=single, width=width,
                  help=Text(help_lv, help_en))


def _period(key: str, lv: str, en: str, required: bool = False) -> Column:
    return Column(key, Text(lv, en), T.PERIOD, required=required, width=20, help=Text(
        "Laiks tekstā, piemēram, “2026. gada 2. ceturksnis”, “Katru gadu - pavasaris”, "
        "“2025./2026. mācību gads”, “01.2026.”.",
        "Time as text, e.g. “2026 Q2”, “every year - spring”, “2025/2026 school year”, “01.2026”."))


LEGAL_ACTS = Sheet(
    key="legal_acts", number="1",
    name=Text("1 Tiesību akti", "1 Legal acts"),
    title=Text("Darba lapa #1: politikas plānošanas dokumenti un normatīvie akti",
               "Worksheet #1: policy planning documents and legal acts"),
    purpose=Text(
        "Mērķis: sniegt pārskatu par regulējošiem politikas plānošanas dokumentiem un normatīvajiem aktiem "
        "nacionālā, reģionālā un pašvaldību līmenī, kas varētu būt saistīti ar sociālās uzņēmējdarbības "
        "attīstību. Šis pārskats palīdzēs iesaistītajām pusēm izprast esošo regulējumu un izmantot pieejamos "
        "atbalsta instrumentus sociālās uzņēmējdarbības veicināšanai. Tie var būt, piemēram, sociālās politikas "
        "pamatnostādnes, uzņēmējdarbības veicināšana, kopienu attīstība u.c. tēmas, kas likumsakarīgi saistītas "
        "ar sociālo uzņēmējdarbību.",
        "Purpose: an overview of national, regional and municipal policy documents and legal acts related to "
        "social entrepreneurship, so that stakeholders understand the regulation and use the support instruments."),
    guidance=Text(
        "Spēkā esošie tiesību akti un politikas dokumenti, kas ietekmē sociālo uzņēmējdarbību (2.kolonnā miniet "
        "konkrētu sadaļu, punktu un vai apakšpunktu, jo tas liecina par pašvaldības iesaisti vietējā līmenī):",
        "Legal acts and policy documents in force that affect social entrepreneurship (in column 2 name the "
        "section, point or sub-point: it shows the municipality's involvement at local level). The three "
        "columns are independent lists."),
    columns=(
        _text("national_act", "Nacionāla līmeņa normatīvie akti", "National-level legal acts",
              "Viens tiesību akts rindā: veids, datums, numurs, nosaukums.",
              "One act per row: type, date, number, title.", single=True, width=40),
        _text("strategy", "Attīstības stratēģijas reģiona un pašvaldības līmenī",
              "Development strategies at regional and municipal level",
              "Dokuments un konkrēta sadaļa, punkts vai apakšpunkts.",
              "Document and the exact section, point or sub-point.", single=True, width=40),
        _text("programme", "Atbalsta programmas (nosaukums un ieviesējs)",
              "Support programmes (name and implementer)",
              "Programmas nosaukums, ieviesējs un, ja ir, saite.",
              "Programme name, implementer and, if any, a link.", single=True, width=40),
    ),
    examples=(
        "Piemērs: Sociālā uzņēmuma likums",
        "Piemērs: Jelgavas valstspilsētas un Jelgavas novada ilgtspējīgas attīstības stratēģijas līdz "
        "2034.gadam 6.nodaļa “Funkcionālās sadarbības teritorijas”",
        "Piemērs: Pašvaldības grantu programma sociālās uzņēmējdarbības atbalstam [saite uz tīmekļa vietni]",
    ),
)

PARTNERS = Sheet(
    key="partners", number="2",
    name=Text("2 Partneri", "2 Partners"),
    title=Text("Darba lapa #2: sadarbības modeļi ar sociāliem partneriem",
               "Worksheet #2: cooperation models with social partners"),
    purpose=Text(
        "Mērķis: identificēt un apkopot pašvaldības sadarbības praksi ar nevalstiskajām organizācijām, "
        "sociālajiem uzņēmumiem un sociālajiem inovatoriem, lai stiprinātu partnerības un veicinātu efektīvu "
        "atbalstu sociālās uzņēmējdarbības attīstībai.",
        "Purpose: identify and summarise the municipality's cooperation with NGOs, social enterprises and "
        "social innovators, to strengthen partnerships and support social entrepreneurship."),
    guidance=Text(
        "Piemēri sadarbības daudzveidībai: Partnerības līgums; Kopīgi izstrādāti politikas ieteikumi; Sociālās "
        "inovācijas laboratorijas; Kopienas iesaistes platformas; Atbalsta programmas un grantu shēmas; Sociālo "
        "pakalpojumu deleģēšana; Kopīgas mārketinga un komunikācijas stratēģijas; Konsultatīvās padomes; "
        "Līdzdalības budžeta veidošana u.c.",
        "Examples of cooperation: partnership agreement; joint policy recommendations; social innovation labs; "
        "community engagement platforms; support programmes and grant schemes; delegation of social services; "
        "joint marketing and communication; advisory boards; participatory budgeting, etc."),
    columns=(
        _no(),
        _text("organisation", "Organizācija", "Organisation", "Partneris: organizācija vai struktūrvienība.",
              "The partner: an organisation or unit.", required=True),
        Column("cooperation_type", Text("Sadarbības veids", "Type of cooperation"), T.CHOICE,
               choices=COOPERATION_TYPES, open_choice=True, width=34,
               help=Text("Izvēlieties no saraksta vai ierakstiet savu.", "Pick from the list or type your own.")),
        _text("result", "Rezultāts", "Result", "Kas sadarbībā sasniegts (skaits, gads).",
              "What the cooperation achieved (counts, years).", width=44),
    ),
)

DATA_SOURCES = Sheet(
    key="data_sources", number="3",
    name=Text("3 Datu avoti", "3 Data sources"),
    title=Text("Darba lapa #3: dati un to avoti", "Worksheet #3: data and their sources"),
    purpose=Text(
        "Mērķis: nodrošināt, lai pašvaldībai būtu pieejami kvalitatīvi un uzticami dati sociālās "
        "uzņēmējdarbības attīstības plānošanai un monitorēšanai. Datu ieguve un monitorings ir būtisks elements "
        "efektīvai lēmumu pieņemšanai un sociālās uzņēmējdarbības ilgtspējīgai attīstībai, tāpēc pašvaldībām "
        "jāstrādā pie integrētu un uzticamu datu avotu veidošanas. Šī sadaļa palīdz identificēt jau pieejamos "
        "datu avotus, kā arī nepieciešamos papildinājumus efektīvākai atbalsta politikai.",
        "Purpose: make sure the municipality has reliable data to plan and monitor social entrepreneurship; "
        "identify the data sources already available and what must be added."),
    guidance=Text("Aizpildiet 2. un 3. kolonnu iepriekš aizpildītajām rindām un pievienojiet savus datu veidus.",
                  "Fill columns 2 and 3 for the pre-filled rows and add your own data types."),
    columns=(
        _no(),
        _text("data_type", "Pašvaldībā jau pieejamie vai potenciāli iegūstamie datu veidi",
              "Data types already available or obtainable in the municipality", required=True, width=40),
        _text("source", "Datu avots (iestāde, struktūrvienība)", "Data source (institution, unit)",
              "Iestāde vai struktūrvienība, kas datus uztur.", "The institution or unit that keeps the data.",
              required=True),
        _text("update_frequency", "Datu atjaunināšanas biežums", "Data update frequency",
              "Piemēram, “1x mēnesī”, “Reizi pusgadā”, “pastāvīgi”.", "E.g. monthly, half-yearly, continuous.",
              required=True, width=24),
    ),
    prefilled=tuple({"no": str(i), "data_type": t} for i, t in enumerate((
        "vietējās uzņēmējdarbības reģistri un datubāzes",
        "pašvaldības attīstības stratēģijā ietvertie statistikas dati",
        "sociālo pakalpojumu saņēmēju statistika",
        "iedzīvotāju aptaujas",
        "valsts institūciju atskaites un pētījumi",
        "atbalsta mehānismi sociālās uzņēmējdarbības attīstībai",
        "sabiedrības vajadzību analīze un novērtējums",
        "sociālo uzņēmumu vai inovatoru nodarbinātības rādītāji",
    ), start=1)),
)

NEEDS = Sheet(
    key="needs", number="4",
    name=Text("4 Vajadzības", "4 Needs"),
    title=Text("Darba lapa #4: vajadzību analīze mērķa grupām", "Worksheet #4: needs analysis of target groups"),
    purpose=Text(
        "Mērķis: noteikt, kādas ir neatrisinātās vajadzības konkrētām mērķa grupām, un kā sociālā "
        "uzņēmējdarbība var tās risināt. Iespējamās mērķa grupas ir sociālās atstumtības riskam pakļautās "
        "sociālās grupas: seniori, ilgstošie bezdarbnieki, jaunieši bez darba pieredzes, cilvēki ar invaliditāti u.c.",
        "Purpose: establish the unmet needs of target groups at risk of social exclusion (seniors, long-term "
        "unemployed, young people without work experience, people with disabilities, etc.) and how social "
        "entrepreneurship can address them."),
    guidance=Text(
        "Kur un kā varat iegūt informāciju? Informācija var būt iegūstama no: pašvaldības sociālo dienestu "
        "datiem un atskaitēm (piemēram, par sociālo pabalstu saņēmējiem); ikgadējām iedzīvotāju aptaujām, ko veic "
        "pašvaldība; statistikas datiem (Centrālās statistikas pārvaldes, Labklājības ministrijas, Nodarbinātības "
        "valsts aģentūras u.c. publiski pieejamie dati); nevalstisko organizāciju un pašvaldības sadarbības "
        "partneru sniegtās informācijas (piemēram, NVO, kas strādā ar dažādām sabiedrības grupām); pašvaldības "
        "esošajām stratēģijām; sociālo uzņēmumu vai inovatoru pieredzes stāsti (intervijas, kas ļauj identificēt "
        "iespējamos risinājumus).",
        "Where to find information: social services' data and reports; the municipality's annual surveys; "
        "statistics (CSP, Ministry of Welfare, State Employment Agency); NGOs and partners; existing strategies; "
        "stories of social enterprises and innovators."),
    columns=(
        _no(),
        _text("target_group", "Mērķa grupa", "Target group", required=True, single=True, width=26),
        _text("existing_support", "Esošie atbalsta formāti, kas jau pieejami un tiek īstenoti",
              "Existing support formats already available", width=36),
        _text("unmet_needs", "Neatrisinātās vajadzības", "Unmet needs", required=True, width=36),
        _text("se_opportunities", "Sociālo uzņēmumu iesaistes iespējas",
              "Opportunities for social-enterprise involvement", required=True, width=36),
    ),
    examples=("Jaunieši bez darba pieredzes", "Jauniešu garantijas programma, pašvaldības jauniešu centri",
              "Ierobežotas prakses un darba iespējas reģionos",
              "Sociālie uzņēmumi kā pirmās darba vietas, jauno uzņēmēju atbalsta programmas"),
)

RESOURCES = Sheet(
    key="resources", number="5",
    name=Text("5 Resursi", "5 Resources"),
    title=Text("Darba lapa #5: pašvaldības rīcībā esošie resursi atbalsta īstenošanai",
               "Worksheet #5: resources available to the municipality"),
    purpose=Text(
        "Mērķis: identificēt un apkopot pašvaldības rīcībā esošos resursus, kas var tikt izmantoti sociālās "
        "uzņēmējdarbības atbalsta pasākumu īstenošanai, lai efektīvi plānotu un nodrošinātu ilgtermiņa atbalstu "
        "sociālajiem uzņēmumiem.",
        "Purpose: identify the municipal resources that can be used for social-entrepreneurship support, to "
        "plan long-term support."),
    guidance=Text(
        "Resursa veids: viens resurss rindā, aizpildiet to kolonnu, kurai tas atbilst. Resursu veidu piemēri: "
        "granti, līdzfinansējuma programmas, sociāli atbildīgi iepirkumi; tehniskais aprīkojums; bezmaksas telpas; "
        "mentorings, sadarbības tīkli, konsultācijas.",
        "Resource type: one resource per row, in the column of its type. Examples: grants, co-financing, "
        "socially responsible procurement; equipment; free premises; mentoring, networks, consultations."),
    columns=(
        _no(),
        _text("financial", "Finanšu resursi", "Financial resources", width=32),
        _text("material", "Materiālie resursi", "Material resources", width=28),
        _text("infrastructure", "Infrastruktūra", "Infrastructure", width=28),
        _text("info_human", "Informatīvie un cilvēkresursi", "Information and human resources", width=32),
        _text("holder", "Resursu turētājs (iestāde/ struktūrvienība)", "Resource holder (institution/unit)",
              "Par resursa pieejamību atbildīgā pašvaldības struktūrvienība.",
              "The municipal unit responsible for the resource.", required=True, width=28),
    ),
    examples=(
        "Granti, līdzfinansējuma programmas, sociāli atbildīgi iepirkumi, nekustamā īpašuma nodokļa atlaide, "
        "pašvaldības deleģēti uzdevumi ar finansējumu",
        "Tehniskais aprīkojums un tā koplietošana",
        "Industriālo teritoriju un infrastruktūras attīstība, bezmaksas telpas resursu koplietošana",
        "Par resursa pieejamību atbildīgā pašvaldības struktūrvienība",
    ),
)

SUPPORT_GIVEN = Sheet(
    key="support_given", number="5b",
    name=Text("5b Sniegtais atbalsts", "5b Support given"),
    title=Text("Darba lapa #5 (turpinājums): jau sniegtais atbalsts",
               "Worksheet #5 (continued): support already given"),
    purpose=Text("Noslēgumā miniet - jau sniegto atbalstu sociāliem uzņēmumiem vai inovatoriem.",
                 "Finally, list the support already given to social enterprises or innovators."),
    guidance=Text("Viens atbalsta gadījums rindā. Summu norādiet eiro kā skaitli; nenaudas atbalstam summu "
                  "atstājiet tukšu un aprakstiet to piezīmēs.",
                  "One award per row. Give the amount in euro as a number; for non-monetary support leave the "
                  "amount empty and describe it in the notes."),
    columns=(
        _text("recipient", "Saņēmējs", "Recipient", required=True, single=True, width=30),
        _text("support_type", "Atbalsta veids", "Type of support", required=True, width=30),
        Column("year", Text("Gads", "Year"), T.YEAR, width=8, minimum=2000, maximum=2100,
               help=Text("Gads, piemēram, 2024.", "Year, e.g. 2024.")),
        Column("amount_eur", Text("Summa, EUR", "Amount, EUR"), T.EUR, width=12, minimum=0,
               help=Text("Summa eiro, skaitlis (piemēram, 7694,70).", "Amount in euro, a number.")),
        _text("note", "Piezīmes", "Notes", width=36),
    ),
    min_rows=10,
    required=False,  # three of the five seed plans have no support to list yet
)

GOALS = Sheet(
    key="goals", number="6",
    name=Text("6 Mērķi un uzdevumi", "6 Goals and tasks"),
    title=Text("Darba lapa #6: stratēģisko mērķu un uzdevumu definēšana",
               "Worksheet #6: strategic goals and tasks"),
    purpose=Text(
        "Mērķis: noteikt prioritātes sociālās uzņēmējdarbības attīstībai un konkrētus uzdevumus. Šeit pašvaldība "
        "iekļauj arī attīstības stratēģijā minētos mērķus un uzdevumus, kas sniedz atbalstu sociālās "
        "uzņēmējdarbības attīstībā.",
        "Purpose: set priorities and concrete tasks for social entrepreneurship, including the goals and tasks "
        "of the municipal development strategy."),
    guidance=Text(
        "Mērķim (pēc SMART principa) veidojam: Skaidru (Specific) – skaidri definētu; Izmērāmu (Measurable) – "
        "ar konkrētiem rādītājiem, pēc kuriem varam novērtēt progresu; Sasniedzamu (Achievable) – reālistisku, "
        "ņemot vērā pieejamos resursus; Atbilstošu (Relevant) – atbilstošu pašvaldības prioritātēm un sociālās "
        "uzņēmējdarbības attīstībai; Laikā ierobežotu (Time-bound) – ar definētu termiņu sasniegšanai. "
        "Uzdevumam jābūt vērstam uz mērķa sasniegšanu, norādot, kas jādara, kā un ar kādu rezultātu. "
        "Viens uzdevums rindā: mērķa tekstu rakstiet tā pirmajā rindā (M1), uzdevumiem – M1.U1, M1.U2 …",
        "Goals are SMART: specific, measurable, achievable, relevant, time-bound. A task says what is done, how "
        "and with what result. One task per row: write the goal's text on its first row (M1); tasks are "
        "M1.U1, M1.U2 …"),
    columns=(
        _id("goal_id", "goal", "Mērķa ID", "Goal ID"),
        _text("goal", "Stratēģiskais mērķis", "Strategic goal",
              "Mērķa teksts tā pirmajā rindā; nākamajās rindās var atstāt tukšu.",
              "The goal's text on its first row; later rows of the same goal may leave it empty.", width=44),
        _id("task_id", "task", "Uzdevuma ID", "Task ID", required=False),
        _text("task", "Specifiskie uzdevumi", "Specific tasks",
              "Viens uzdevums šūnā: kas jādara, kā un ar kādu rezultātu.",
              "One task per cell: what is done, how, with what result.", single=True, width=50),
    ),
    id_namespace="goal",
    examples=(
        "Palielināt sociālo uzņēmumu skaitu pašvaldībā par 20% līdz 2027. gadam, sniedzot finansiālu un "
        "konsultatīvu atbalstu jaunajiem uzņēmējiem",
        "Izstrādāt un ieviest grantu programmu sociālajiem uzņēmumiem līdz 2025. gadam, nodrošinot finansējumu "
        "vismaz 10 jauniem projektiem",
    ),
)

ACTION_PLAN = Sheet(
    key="action_plan", number="7",
    name=Text("7 Rīcības plāns", "7 Action plan"),
    title=Text("Darba lapa #7: rīcības plāna sagatavošana", "Worksheet #7: the action plan"),
    purpose=Text(
        "Mērķis: plānot aktivitātes, kas palīdz sasniegt noteiktos mērķus. Aktivitātei jābūt īsi un konkrēti "
        "definētai darbībai, kas jāveic uzdevuma izpildei.",
        "Purpose: plan the activities that reach the goals; an activity is a short, concrete action needed to "
        "carry out a task."),
    guidance=Text(
        "Piemērs aktivitātei: Organizēt informatīvu semināru par grantu pieteikumu sagatavošanu līdz 2024. gada "
        "decembrim. Uzdevumu izvēlieties no saraksta (6. darba lapas ID); viena aktivitāte rindā.",
        "Example activity: organise an information seminar on preparing grant applications by December 2024. "
        "Pick the task from the list (IDs of worksheet 6); one activity per row."),
    columns=(
        _id("activity_id", "activity", "Aktivitātes ID", "Activity ID"),
        _ref("task_id", "goal_task", "Uzdevuma ID", "Task ID",
             "Uzdevums no 6. darba lapas (M1.U1) vai mērķis (M1).", "A task from worksheet 6 (M1.U1) or a goal (M1)."),
        _text("task", "Specifiskais uzdevums", "Specific task",
              "Uzdevuma teksts, ja tas nav izvēlēts pēc ID.", "The task's text, if not picked by ID.", width=36),
        _text("activity", "Aktivitātes", "Activities", "Viena īsa, konkrēta darbība.", "One short, concrete action.",
              required=True, single=True, width=46),
        _period("timeline", "Laika grafiks", "Timeline", required=True),
        Column("funding_source", Text("Finansējuma avots", "Funding source"), T.CHOICE, choices=FUNDING_SOURCES,
               open_choice=True, width=24,
               help=Text("Izvēlieties no saraksta vai ierakstiet savu.", "Pick from the list or type your own.")),
        Column("funding_eur", Text("Plānotais finansējums, EUR", "Planned funding, EUR"), T.EUR, width=13,
               minimum=0, help=Text("Summa eiro, skaitlis.", "Amount in euro, a number.")),
        _text("parties", "Iesaistītās puses", "Involved parties", width=28),
        _text("responsible", "Atbildīgā struktūrvienība pašvaldībā", "Responsible municipal unit",
              required=True, width=26),
        Column("status", Text("Izpildes statuss", "Status"), T.CHOICE, choices=ACTIVITY_STATUSES, width=13,
               help=Text("Kā aktivitātei veicies pārskata gada beigās: plānots, procesā, izpildīts, aizkavēts "
                         "vai atcelts.", "Where the activity stands at the end of the reporting year: planned, "
                         "in progress, done, delayed or cancelled.")),
        Column("actual_eur", Text("Faktiskie izdevumi pārskata gadā, EUR", "Actual spend in the reporting year, EUR"),
               T.EUR, width=13, minimum=0,
               help=Text("Pārskata gadā faktiski iztērētā summa eiro, skaitlis.",
                         "The amount actually spent in the reporting year, in euro, a number.")),
    ),
    id_namespace="activity",
    examples=("Organizēt informatīvu semināru par grantu pieteikumu sagatavošanu līdz 2024. gada decembrim.",),
)

INDICATORS = Sheet(
    key="indicators", number="8",
    name=Text("8 Rādītāji", "8 Indicators"),
    title=Text("Darba lapa #8: izmērāmie rādītāji un novērtēšanas metodes",
               "Worksheet #8: measurable indicators and evaluation methods"),
    purpose=Text(
        "Mērķis: noteikt rādītājus, pēc kuriem mērīt pašvaldības rīcības plāna ietekmi uz sociālās "
        "uzņēmējdarbības attīstību. Izmērāmo rādītāju izvēle izriet no rīcības plānā izvirzītajiem mērķiem, to "
        "uzdevumiem un aktivitātēm.",
        "Purpose: define the indicators that measure the plan's effect on social entrepreneurship, derived from "
        "its goals, tasks and activities."),
    guidance=Text(
        "Rādītāju izvēlieties no saraksta (7 kvantitatīvie un 5 kvalitatīvie rādītāji) vai ierakstiet savu. "
        "Skaitliskiem rādītājiem norādiet mērvienību, bāzes vērtību un gadu, mērķa vērtību un gadu; faktisko "
        "vērtību un datumu pievienojiet uzraudzības laikā. Izpilde un statuss aprēķinās paši.",
        "Pick the indicator from the list (7 quantitative, 5 qualitative) or type your own. For numeric "
        "indicators give the unit, baseline and year, target and year; add the actual value and its date when "
        "monitoring. Progress and status are computed."),
    columns=(
        _id("indicator_id", "indicator", "Rādītāja ID", "Indicator ID"),
        _ref("goal_id", "goal_task", "Mērķa ID", "Goal ID", "Mērķis (M1) vai uzdevums (M1.U1) no 6. darba lapas.",
             "A goal (M1) or task (M1.U1) from worksheet 6."),
        Column("indicator", Text("Mērķi, uzdevumus un aktivitātes raksturojošie rādītāji",
                                 "Indicators characterising goals, tasks and activities"), T.CHOICE,
               choices=STANDARD_INDICATORS, open_choice=True, required=True, single_item=True, width=40,
               help=Text("Standarta rādītājs no saraksta vai savs; viens rādītājs rindā.",
                         "A standard indicator from the list or your own; one indicator per row.")),
        _text("goal_text", "Rīcības plānā definētais mērķis", "Target defined in the action plan", width=36),
        Column("unit", Text("Mērvienība", "Unit"), T.CHOICE, choices=UNITS, open_choice=True, required=True, width=12,
               help=Text("skaits, dalībnieki, pasākumi, %, EUR …", "count, participants, events, %, EUR …")),
        Column("baseline", Text("Bāzes vērtība", "Baseline"), T.NUMBER, width=10,
               help=Text("Vērtība plāna sākumā (skaitlis).", "The value when the plan starts (a number).")),
        Column("baseline_year", Text("Bāzes gads", "Baseline year"), T.YEAR, width=8, minimum=2000, maximum=2100,
               help=Text("Gads, uz kuru attiecas bāzes vērtība.", "The year of the baseline.")),
        Column("target", Text("Mērķa vērtība", "Target"), T.NUMBER, required=True, width=10,
               help=Text("Vērtība, kas jāsasniedz (skaitlis).", "The value to reach (a number).")),
        Column("target_year", Text("Mērķa gads", "Target year"), T.YEAR, required=True, width=8, minimum=2000,
               maximum=2100,
               help=Text("Gads, līdz kuram mērķa vērtība jāsasniedz.", "The year by which the target is due.")),
        Column("actual", Text("Faktiskā vērtība", "Actual"), T.NUMBER, width=10,
               help=Text("Sasniegtā vērtība pārskata brīdī.", "The value reached at reporting time.")),
        Column("actual_date", Text("Faktiskās vērtības datums", "Date of actual"), T.DATE, width=12,
               help=Text("Datums, uz kuru attiecas faktiskā vērtība (dd.mm.gggg).", "Date of the actual value.")),
        Column("progress", Text("Izpilde", "Progress"), T.FORMULA, width=10,
               help=Text("Aprēķinās: (faktiskā − bāzes) / (mērķa − bāzes).",
                         "Computed: (actual − baseline) / (target − baseline).")),
        Column("status", Text("Statuss", "Status"), T.FORMULA, choices=STATUSES, width=16,
               help=Text("Aprēķinās pret pārskata datumu uz titullapas.",
                         "Computed against the reporting date on the cover.")),
        _text("result", "Sasniegtais rezultāts", "Achieved result", "Rezultāts vārdos.", "The result in words.",
              width=34),
        Column("method", Text("Datu ieguves metode", "Data-collection method"), T.CHOICE, choices=METHODS,
               open_choice=True, width=28,
               help=Text("Izvēlieties metodi vai ierakstiet konkrētu avotu.", "Pick a method or name the source.")),
        _text("recommendations", "Ieteikumi nākamajam plānošanas periodam",
              "Recommendations for the next planning period", width=30),
        _text("parties", "Izvērtēšanā iesaistītās puses", "Parties involved in evaluation", width=26),
    ),
    id_namespace="indicator",
)

CHECKLIST = Sheet(
    key="checklist", number="9a",
    name=Text("9a Kontrolsaraksts", "9a Checklist"),
    title=Text("Darba lapa #9: partnerību veidošana un sabiedrības iesaiste — 1. Partnerības kontrolsaraksts",
               "Worksheet #9: partnerships and engagement — 1. Partnership checklist"),
    purpose=Text(
        "Mērķis: definēt efektīvas informēšanas un iesaistes metodes, lai stiprinātu sociālās uzņēmējdarbības "
        "ekosistēmu.",
        "Purpose: define effective information and engagement methods to strengthen the social-entrepreneurship "
        "ecosystem."),
    guidance=Text("Katram punktam izvēlieties Jā / Plānots / Nē; piezīmē aprakstiet, kas izdarīts vai plānots. "
                  "Savus punktus pievienojiet zemāk.",
                  "For each item choose Yes / Planned / No; describe in the note what was done or is planned. "
                  "Add your own items below."),
    columns=(
        _text("item", "Kontrolsaraksta punkts", "Checklist item", required=True, width=60),
        Column("state", Text("Izpildīts", "Done"), T.CHOICE, choices=CHECK_STATES, required=True, width=12,
               help=Text("Jā, Plānots vai Nē.", "Yes, Planned or No.")),
        _text("note", "Piezīme", "Note", "Kas izdarīts vai kad plānots.", "What was done or when it is planned.",
              width=50),
    ),
    prefilled=(
        {"item": "Ir identificēti potenciālie partneri (NVO, komercsektors, akadēmiskās institūcijas)"},
        {"item": "Ir organizētas tikšanās ar iespējamiem sadarbības partneriem"},
        {"item": "Ir noslēgti sadarbības memorandi vai līgumi sociālās uzņēmējdarbības attīstības sekmēšanai"},
    ),
    min_rows=6,
)

ENGAGEMENT = Sheet(
    key="engagement", number="9b",
    name=Text("9b Iesaistes plāns", "9b Engagement plan"),
    title=Text("Darba lapa #9: partnerību veidošana un sabiedrības iesaiste — 2. Informēšanas un iesaistes plāns",
               "Worksheet #9: partnerships and engagement — 2. Information and engagement plan"),
    purpose=CHECKLIST.purpose,
    guidance=Text("Viena aktivitāte rindā. Ja tā īsteno 7. darba lapas aktivitāti, izvēlieties tās ID.",
                  "One activity per row. If it carries out an activity of worksheet 7, pick its ID."),
    columns=(
        _id("engagement_id", "engagement", "ID", "ID"),
        _ref("activity_id", "activity", "Aktivitātes ID", "Activity ID",
             "Saistītā aktivitāte no 7. darba lapas (A1), ja ir.", "The related activity of worksheet 7, if any."),
        _text("activity", "Aktivitāte", "Activity", required=True, single=True, width=36),
        _text("audience", "Mērķa auditorija", "Target audience", required=True, width=26),
        _text("channel", "Kanāls", "Channel", width=24),  # 9b prints on one page across at ~89 %
        _period("timeline", "Laika grafiks", "Timeline", required=True),
        _text("responsible", "Atbildīgā institūcija / struktūrvienība", "Responsible institution / unit",
              required=True, width=26),
    ),
    id_namespace="engagement",
    examples=("Ideju konkurss “Tirgus iespējas sociālo uzņēmumu attīstībai”", "Jaunieši vecumā no 15 – 25 gadiem",
              "Vispārizglītojošās skolas Jauniešu centri", "2025.gada septembris - novembris"),
)

RISKS = Sheet(
    key="risks", number="10",
    name=Text("10 Riski", "10 Risks"),
    title=Text("Darba lapa #10: ieviešanas risku identifikācija un prevencija",
               "Worksheet #10: implementation risks and prevention"),
    purpose=Text(
        "Mērķis: noteikt iespējamos riskus sociālās uzņēmējdarbības atbalsta pasākumu ieviešanā, kā arī izstrādāt "
        "preventīvus risinājumus to pārvarēšanai. Pasākumi definējami tikai tiem, kas novērtēti kā “vidēji” un "
        "“augsti”.",
        "Purpose: identify the risks of implementing the support measures and plan how to prevent them. "
        "Measures are defined only for risks rated medium or high."),
    guidance=Text(
        "Novērtējiet varbūtību un ietekmi no 1 līdz 5: riska novērtējums = varbūtība × ietekme; 1–4 zems, "
        "5–9 vidējs, 10–25 augsts. Ja novērtējuma nav, izvēlieties līmeni. Vidējam un augstam riskam aizpildiet "
        "preventīvos pasākumus, reaktīvo rīcību un atbildīgo.",
        "Rate likelihood and impact from 1 to 5: score = likelihood × impact; 1–4 low, 5–9 medium, 10–25 high. "
        "Without a score, choose the level. For medium and high risks fill the preventive measures, the "
        "reactive action and the responsible."),
    columns=(
        _id("risk_id", "risk", "Riska ID", "Risk ID"),
        _text("factor", "Risku faktors", "Risk factor", required=True, single=True, width=34),
        _text("impact", "Iespējamā ietekme", "Possible impact", required=True, width=30),
        Column("likelihood", Text("Varbūtība (1–5)", "Likelihood (1–5)"), T.INTEGER, width=10, minimum=1,
               maximum=5, help=Text("1 – maz ticams … 5 – gandrīz noteikti.", "1 – unlikely … 5 – almost certain.")),
        Column("severity", Text("Ietekme (1–5)", "Impact (1–5)"), T.INTEGER, width=10, minimum=1, maximum=5,
               help=Text("1 – nebūtiska … 5 – ļoti liela.", "1 – negligible … 5 – very large.")),
        Column("score", Text("Riska novērtējums", "Score"), T.FORMULA, width=11,
               help=Text("Aprēķinās: varbūtība × ietekme.", "Computed: likelihood × impact.")),
        Column("level", Text("Riska līmenis (zems/vidējs/augsts)", "Risk level (low/medium/high)"), T.CHOICE,
               choices=RISK_LEVELS, width=17,
               help=Text("Ja ir novērtējums, līmenis jāizvēlas atbilstoši tam.",
                         "If there is a score, the level must match it.")),
        Column("computed_level", Text("Līmenis pēc novērtējuma", "Level from score"), T.FORMULA,
               choices=RISK_LEVELS, width=12,
               help=Text("Aprēķinās no riska novērtējuma.", "Computed from the score.")),
        _text("preventive", "Preventīvie pasākumi (kā novērst risku)", "Preventive measures (how to prevent)",
              width=36),
        _text("reactive", "Reaktīvā rīcība (ko dara, ja risks iestājas)", "Reactive action (what is done if it occurs)",
              width=36),
        _text("responsible", "Atbildīgais", "Responsible", "Kas rīkojas, ja risks iestājas.",
              "Who acts if the risk occurs.", width=22),
    ),
    prefilled=tuple({"risk_id": f"R{i}", "factor": f, "impact": imp} for i, (f, imp) in enumerate((
        ("Finansējuma trūkums vai nestabilitāte", "Kavē rīcības plāna ieviešanu"),
        ("Ierobežota sadarbība ar vietējiem uzņēmējiem un NVO", "Grūti nodrošināt ilgtermiņa efektu"),
        ("Normatīvo aktu ierobežojumi", "Aizkavē vai sarežģī ieviešanu"),
        ("Sabiedrības nepietiekama informētība un iesaiste", "Zems atbalsts un iesaiste"),
        ("Trūkst kapacitātes un ekspertīzes vietējā līmenī", "Nespēja efektīvi īstenot plānu"),
    ), start=1)),
    id_namespace="risk",
)

MONITORING = Sheet(
    key="monitoring", number="11",
    name=Text("11 Uzraudzība", "11 Monitoring"),
    title=Text("Darba lapa #11: ieviešanas uzraudzība un atbildības sadalījums",
               "Worksheet #11: monitoring and responsibilities"),
    purpose=Text(
        "Mērķis: nodrošināt skaidru struktūru rīcības plāna uzraudzībai, nosakot atbildīgās puses, izpildes "
        "termiņus, uzraudzības mehānismu un izpildes rādītāju.",
        "Purpose: a clear structure for monitoring the plan: responsible parties, deadlines, the monitoring "
        "mechanism and a completion indicator."),
    guidance=Text("Aizpildiet iepriekš aizpildītās uzraudzības aktivitātes; ja kāda nav attiecināma, ierakstiet "
                  "“Nav attiecināms” rādītāja kolonnā. Savas aktivitātes pievienojiet zemāk.",
                  "Fill the pre-filled monitoring activities; if one does not apply, write “Not applicable” in "
                  "the indicator column. Add your own activities below."),
    columns=(
        _id("monitoring_id", "monitoring", "ID", "ID"),
        _text("activity", "Rīcības plāna ieviešanas uzraudzības aktivitātes",
              "Monitoring activities for plan implementation", required=True, width=40),
        _text("responsible", "Atbildīgā iestāde/ struktūrvienība", "Responsible institution/unit", required=True,
              width=28),
        _period("deadline", "Izpildes termiņš", "Deadline", required=True),
        _text("indicator", "Izpildes rādītājs", "Completion indicator", required=True, width=36),
        _ref("link_id", "monitored", "Saistītais ID", "Linked ID",
             "Mērķis, uzdevums, aktivitāte, rādītājs, iesaistes pasākums vai risks, ko uzrauga (ja ir).",
             "The goal, task, activity, indicator, engagement step or risk monitored (if any)."),
        Column("done_date", Text("Pēdējo reizi veikts", "Last done"), T.DATE, width=12,
               help=Text("Datums, kad šis uzraudzības solis pēdējo reizi veikts (dd.mm.gggg).",
                         "The date this monitoring step was last done (dd.mm.yyyy).")),
    ),
    prefilled=tuple({"monitoring_id": f"K{i}", "activity": a} for i, a in enumerate((
        "Mērķu saskaņošana ar ieinteresētajām pusēm",
        "Iesaistītie izpildītāji ir izpratuši rīcības plānā ietvertos uzdevumus un aktivitātes",
        "Risku analīzes veikšana",
        "Finansējuma diversifikācijas stratēģijas izstrāde",
        "Informatīvās kampaņas organizēšana",
        "Rīcības plāns ir pārskatīts un atjaunots",
    ), start=1)),
    id_namespace="monitoring",
)

SHEETS: tuple[Sheet, ...] = (
    LEGAL_ACTS, PARTNERS, DATA_SOURCES, NEEDS, RESOURCES, SUPPORT_GIVEN, GOALS, ACTION_PLAN, INDICATORS,
    CHECKLIST, ENGAGEMENT, RISKS, MONITORING,
)
SHEETS_BY_KEY = {s.key: s for s in SHEETS}

# The cover sheet: plan-level facts (key, label, type, required).
COVER_FIELDS: tuple[Column, ...] = (
    Column("municipality", Text("Pašvaldība", "Municipality"), T.TEXT, required=True, width=40),
    Column("plan_period", Text("Plāna periods", "Plan period"), T.PERIOD, required=True, width=40,
           help=Text("Piemēram, 2025–2027.", "E.g. 2025–2027.")),
    Column("contact_person", Text("Kontaktpersona", "Contact person"), T.TEXT, required=True, width=40),
    Column("contact_email", Text("E-pasts", "E-mail"), T.TEXT, width=40),
    Column("submission_date", Text("Iesniegšanas datums", "Submission date"), T.DATE, width=40),
    Column("reporting_date", Text("Pārskata datums", "Reporting date"), T.DATE, width=40,
           help=Text("Datums, uz kuru vērtē rādītāju izpildi.", "The date indicator progress is judged against.")),
)
