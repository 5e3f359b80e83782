"""The words of the HTML reports, one dict per language (stdlib only); Latvian is the fallback.

Words follow the glossary (shared/design/GLOSSARY.md); column and status words come from the schema.
A further language is one more dict here.
"""
from __future__ import annotations

from typing import Mapping

LV: Mapping[str, str] = {
    "lang": "lv",
    "regional_title": "Sociālās uzņēmējdarbības rīcības plāni: reģiona kopsavilkums",
    "prepared": "Sagatavots",
    "reporting_date": "Pārskata datums",
    "not_given": "nav norādīts",
    "contents": "Saturs",
    "files": "Faili",
    "consolidated": "Apkopoti",
    "errors": "Kļūdas",
    "warnings": "Brīdinājumi",
    "notes": "Piezīmes",
    "sec_status": "Iesniegtās darbgrāmatas",
    "status_intro": "Katrs iesūtītais fails, tā statuss un atrastās problēmas. Aizpildītība: aizpildīto "
                    "obligāto šūnu daļa esošajās rindās.",
    "empty_inbox": "Mapē nav neviena faila, ko apkopot.",
    "left_out": "Nav iekļauti apkopojumā",
    "left_out_none": "Visi faili iekļauti apkopojumā.",
    "why": "Iemesls",
    "sec_indicators": "Rādītāju kopsavilkums",
    "indicators_intro": "Rādītāji sagrupēti pēc standarta rādītāja (vai teksta) un mērvienības. Skaiti un EUR "
                        "summēti, procenti: vidējais. Izpilde = (faktiskā − bāzes) / (mērķa − bāzes), no "
                        "pašvaldībām, kas norādījušas faktisko vērtību; statuss vērtēts pret pārskata datumu.",
    "no_indicators": "Neviena pašvaldība nav norādījusi rādītājus.",
    "free_text_indicators": "Rādītāji bez skaitliskām vērtībām",
    "free_text_intro": "Šiem rādītājiem nav norādīta ne mērķa, ne faktiskā vērtība; izpildi nevar aprēķināt.",
    "named_by": "plānā",
    "n_head": "Ziņo (n)",
    "reporting": "faktisko vērtību norāda",
    "sec_risks": "Riski",
    "heatmap_title": "Reģiona riska matrica",
    "heatmap_intro": "Novērtētie riski (varbūtība × ietekme, 1–5). Riski, kam norādīts tikai līmenis, "
                     "ieskaitīti tā līmenī tabulā, bet matricā nav ievietoti: novērtējums netiek izdomāts.",
    "levels_title": "Riski pēc līmeņa",
    "scored": "Novērtēti",
    "stated_only": "Tikai līmenis",
    "no_risks": "Neviena pašvaldība nav norādījusi riskus.",
    "sec_timeline": "Aktivitāšu laika grafiks",
    "timeline_intro": "7. darba lapas aktivitātes pēc to laika grafika.",
    "no_activities": "Nav aktivitāšu ar nolasāmu laika grafiku.",
    "undated_title": "Aktivitātes bez konkrētiem datumiem",
    "unread_title": "Laika grafiki, ko nevar nolasīt",
    "unread_intro": "Šo tekstu nevar nolasīt kā periodu; tas netiek uzminēts. Lūdziet pašvaldībai to precizēt.",
    "no_timeline": "laika grafiks nav norādīts",
    "activity": "Aktivitāte",
    "timeline": "Laika grafiks",
    "read_as": "Nolasīts kā",
    "sec_problems": "Biežākās problēmas",
    "problems_intro": "Noteikumi, kas pārkāpti visbiežāk; pilns saraksts ir reģiona darbgrāmatas lapā "
                      "“Problēmu saraksts” un katras pašvaldības atgriezeniskajā saitē.",
    "no_problems_region": "Problēmu nav.",
    "problem": "Problēma",
    "severity": "Smagums",
    "times": "Reizes",
    "municipalities": "Pašvaldības",
    "example": "Piemērs",
    "feedback_title": "Atgriezeniskā saite",
    "municipality": "Pašvaldība",
    "file": "Fails",
    "date": "Datums",
    "status": "Statuss",
    "summary": "Kopsavilkums",
    "feedback_intro": "Zemāk ir katra problēma pa lapām un šūnām, vispirms kļūdas. Izlabojiet tās savā "
                      "darbgrāmatā un nosūtiet to vēlreiz. Kļūdas jāizlabo; brīdinājumus pārbaudiet; "
                      "piezīmes ir informācijai.",
    "feedback_clean": "Problēmu nav: darbgrāmata aizpildīta pareizi. Paldies!",
    "whole_file": "Fails kopumā",
    "whole_sheet": "visa lapa",
    "cell": "Šūna",
    "column": "Kolonna",
    "message": "Ziņojums",
    "sha256": "SHA-256",
    "footer": "Sagatavots ar reimpact-xl",
    "page_of": "lpp.",
}

EN: Mapping[str, str] = {
    "lang": "en",
    "regional_title": "Social entrepreneurship action plans: regional summary",
    "prepared": "Prepared",
    "reporting_date": "Reporting date",
    "not_given": "not given",
    "contents": "Contents",
    "files": "Files",
    "consolidated": "Consolidated",
    "errors": "Errors",
    "warnings": "Warnings",
    "notes": "Notes",
    "sec_status": "Workbooks received",
    "status_intro": "Every file received, its status and the problems found. Completeness: the share of "
                    "required cells filled in the rows that exist.",
    "empty_inbox": "The folder holds no file to consolidate.",
    "left_out": "Not consolidated",
    "left_out_none": "Every file was consolidated.",
    "why": "Reason",
    "sec_indicators": "Indicator roll-up",
    "indicators_intro": "Indicators grouped by standard indicator (or text) and unit. Counts and EUR are "
                        "summed, percentages averaged. Progress = (actual − baseline) / (target − baseline), "
                        "over the municipalities that give an actual value; status is judged against the "
                        "reporting date.",
    "no_indicators": "No municipality gives indicators.",
    "free_text_indicators": "Indicators without numbers",
    "free_text_intro": "These indicators give neither a target nor an actual value; progress cannot be computed.",
    "named_by": "in the plan of",
    "n_head": "n",
    "reporting": "actual given by",
    "sec_risks": "Risks",
    "heatmap_title": "Regional risk matrix",
    "heatmap_intro": "Scored risks (likelihood × impact, 1–5). Risks that give only a level are counted in "
                     "that level in the table but not placed in the matrix: no score is invented.",
    "levels_title": "Risks by level",
    "scored": "Scored",
    "stated_only": "Level only",
    "no_risks": "No municipality gives risks.",
    "sec_timeline": "Activity timeline",
    "timeline_intro": "The activities of worksheet #7 by their timeline.",
    "no_activities": "No activity has a timeline that can be read.",
    "undated_title": "Activities without dates",
    "unread_title": "Timelines that cannot be read",
    "unread_intro": "This text cannot be read as a period; it is not guessed. Ask the municipality to make it precise.",
    "no_timeline": "no timeline given",
    "activity": "Activity",
    "timeline": "Timeline",
    "read_as": "Read as",
    "sec_problems": "Most common problems",
    "problems_intro": "The rules broken most often; the full list is on the “Issues” sheet of the regional "
                      "workbook and in each municipality's feedback.",
    "no_problems_region": "No problems.",
    "problem": "Problem",
    "severity": "Severity",
    "times": "Times",
    "municipalities": "Municipalities",
    "example": "Example",
    "feedback_title": "Feedback",
    "municipality": "Municipality",
    "file": "File",
    "date": "Date",
    "status": "Status",
    "summary": "Summary",
    "feedback_intro": "Below is every problem by sheet and cell, errors first. Fix them in your workbook and "
                      "send it again. Errors must be fixed; check the warnings; notes are for information.",
    "feedback_clean": "No problems: the workbook is filled in correctly. Thank you!",
    "whole_file": "The file as a whole",
    "whole_sheet": "whole sheet",
    "cell": "Cell",
    "column": "Column",
    "message": "Message",
    "sha256": "SHA-256",
    "footer": "Prepared with reimpact-xl",
    "page_of": "p.",
}

LABELS: Mapping[str, Mapping[str, str]] = {"lv": LV, "en": EN}


def labels(lang: str) -> Mapping[str, str]:
    """The report words of a language; Latvian for a language without its own dict."""
    return LABELS.get(lang, LV)
