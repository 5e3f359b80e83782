"""The catalogue of validation rules: slug, severity and message in each language.

Messages speak to the person who fixes the cell. Placeholders: {where} (sheet and cell, filled in by
the issue), {column}, {value}, {expected}, {detail}.
"""
from __future__ import annotations

from .model import Rule, Severity, Text

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO

RULES: dict[str, Rule] = {r.slug: r for r in (
    # files and structure (reader)
    Rule("file-unreadable", E, Text(
        "Failu nevar atvērt kā Excel darbgrāmatu ({detail}). Saglabājiet to kā .xlsx un nosūtiet vēlreiz.",
        "The file cannot be opened as an Excel workbook ({detail}). Save it as .xlsx and send it again.")),
    Rule("file-encrypted", E, Text(
        "Darbgrāmata ir aizsargāta ar paroli. Noņemiet paroli (Fails → Informācija → Aizsargāt darbgrāmatu) "
        "un nosūtiet vēlreiz.",
        "The workbook is password-protected. Remove the password (File → Info → Protect Workbook) and send it again.")),
    Rule("file-legacy-xls", E, Text(
        "Šis ir vecā formāta .xls fails. Atveriet to Excel vai LibreOffice un saglabājiet kā .xlsx.",
        "This is a legacy .xls file. Open it in Excel or LibreOffice and save it as .xlsx.")),
    Rule("file-too-large", E, Text(
        "Fails ir pārāk liels ({detail}); tas netika atvērts. Pārbaudiet, vai nosūtīts pareizais fails.",
        "The file is too large ({detail}); it was not opened. Check that the right file was sent.")),
    Rule("file-macros", I, Text(
        "Darbgrāmatā ir makro; tie netika palaisti, nolasītas tikai vērtības. Nākamreiz sūtiet .xlsx bez makro.",
        "The workbook contains macros; none was run, only values were read. Next time send an .xlsx without macros.")),
    Rule("file-locked", W, Text(
        "Blakus failam ir Excel bloķēšanas fails (~$…): darbgrāmata, iespējams, vēl ir atvērta. "
        "Nolasīta pēdējā saglabātā versija.",
        "An Excel lock file (~$…) lies beside it: the workbook may still be open. The last saved version was read.")),
    Rule("file-not-plan", E, Text(
        "Šī darbgrāmata nav rīcības plāns, kas veidots pēc veidnes: tajā nav veidnes metadatu un titullapas, "
        "un tās lapas ({detail}) neatbilst darba lapām. Tā netika apkopota. Ja tas ir pašvaldības plāns, "
        "pārnesiet to veidnē un nosūtiet vēlreiz.",
        "This workbook is not an action plan made from the template: it has no template metadata or cover, "
        "and its sheets ({detail}) do not match the worksheets. It was not consolidated. If it is a "
        "municipality's plan, move it into the template and send it again.")),
    Rule("file-own-output", W, Text(
        "Šo failu izveidoja reimpact-xl ({detail}); tas nav iesniegums un netika pārbaudīts.",
        "This file was written by reimpact-xl ({detail}); it is not a submission and was not checked.")),
    Rule("sheet-missing", E, Text(
        "Darbgrāmatā nav lapas “{detail}”. Izmantojiet veidni vai atjaunojiet lapu.",
        "The workbook has no sheet “{detail}”. Use the template or restore the sheet.")),
    Rule("sheet-hidden", I, Text(
        "Lapa ir paslēpta {where}; tā tomēr nolasīta.", "The sheet is hidden {where}; it was read all the same.")),
    Rule("column-missing", E, Text(
        "Nav atrasta kolonna “{column}” {where}. Atjaunojiet kolonnu vai izmantojiet veidni.",
        "Column “{column}” was not found {where}. Restore the column or use the template.")),
    Rule("column-unknown", I, Text(
        "Kolonna “{value}” {where} nav veidnē; tās vērtības pārnestas kopsavilkumā kā papildu kolonna.",
        "Column “{value}” {where} is not in the template; its values are carried into the summary "
        "as an extra column.")),
    Rule("header-not-found", E, Text(
        "Lapā nav atrasta virsrakstu rinda {where}. Neatdzēsiet un nepārvietojiet kolonnu nosaukumus.",
        "No header row was found {where}. Do not delete or move the column headings.")),
    Rule("formula-no-value", W, Text(
        "Šūnā ir formula bez saglabātas vērtības {where}. Atveriet failu Excel, pārrēķiniet un saglabājiet.",
        "The cell holds a formula without a saved value {where}. Open the file in Excel, recalculate and save.")),
    Rule("cell-error-value", E, Text(
        "Šūnā ir kļūdas vērtība {value} {where}. Izlabojiet formulu vai ierakstiet vērtību.",
        "The cell holds the error value {value} {where}. Fix the formula or type the value.")),
    Rule("cell-too-long", W, Text(
        "Šūnas teksts ir pārāk garš ({detail}) {where}; tas saīsināts. Saīsiniet tekstu.",
        "The cell's text is too long ({detail}) {where}; it was shortened. Shorten the text.")),
    Rule("too-many-rows", E, Text(
        "Lapā ir pārāk daudz rindu ({detail}) {where}; nolasītas tikai pirmās.",
        "The sheet has too many rows ({detail}) {where}; only the first were read.")),
    Rule("normalised", I, Text(
        "Vērtība “{value}” nolasīta kā “{expected}” {where}.",
        "The value “{value}” was read as “{expected}” {where}.")),
    Rule("template-outdated", I, Text(
        "Darbgrāmata veidota ar veidnes versiju {value} (pašreizējā {expected}); kolonnas nolasītas pēc to atslēgām.",
        "The workbook uses template version {value} (current {expected}); columns were read by their keys.")),
    Rule("municipality-mismatch", W, Text(
        "Metadatos norādīta pašvaldība “{value}”, bet titullapā “{expected}”. Pārbaudiet titullapu.",
        "The metadata names “{value}” but the cover names “{expected}”. Check the cover.")),
    Rule("municipality-file-name", W, Text(
        "Titullapā vai metadatos norādīta pašvaldība “{value}”, bet faila nosaukums “{expected}” norāda uz "
        "“{detail}”. Pārbaudiet, vai nosūtīts pareizais fails; apkopots kā “{value}”.",
        "The cover or metadata name “{value}”, but the file name “{expected}” points to “{detail}”. Check that "
        "the right file was sent; it was consolidated as “{value}”.")),
    Rule("file-superseded", I, Text(
        "Šī pašvaldība iesniegusi jaunāku failu “{expected}”; šis fails apkopojumā neizmantots.",
        "This municipality sent a newer file, “{expected}”; this file was not consolidated.")),
    Rule("municipality-not-expected", W, Text(
        "Pašvaldība “{value}” nav gaidīto pašvaldību sarakstā; tās plāns apkopots. Pārbaudiet nosaukumu "
        "titullapā vai papildiniet sarakstu.",
        "The municipality “{value}” is not on the list of expected municipalities; its plan was consolidated. "
        "Check the name on the cover or add it to the list.")),
    Rule("indicator-not-standard", I, Text(
        "Rādītājs “{value}” {where} nav izvēlēts no saraksta, tāpēc reģiona kopsavilkumā tas ir atsevišķā "
        "rindā. Ja tas ir “{expected}”, izvēlieties to no saraksta.",
        "The indicator “{value}” {where} was not picked from the list, so the regional roll-up shows it on a "
        "row of its own. If it is “{expected}”, pick that from the list.")),
    Rule("plan-empty", W, Text(
        "Darbgrāmata ir tukša: neviena darba lapa nav aizpildīta.",
        "The workbook is empty: no worksheet has been filled.")),
    Rule("formula-text", I, Text(
        "Teksts sākas ar “{value}” {where}; tas saglabāts kā teksts, nevis formula.",
        "The text starts with “{value}” {where}; it is kept as text, never as a formula.")),
    # cell values (validation)
    Rule("required-missing", E, Text(
        "Nav aizpildīta obligātā kolonna “{column}” {where}. Aizpildiet šūnu. {detail}",
        "The required column “{column}” is empty {where}. Fill in the cell. {detail}")),
    Rule("sheet-empty", E, Text(
        "Darba lapa “{detail}” ir tukša {where}, bet tā ir katra rīcības plāna daļa. Aizpildiet to "
        "(vismaz vienu rindu).",
        "Worksheet “{detail}” is empty {where}, but every action plan has it. Fill it in (at least one row).")),
    Rule("goal-text-missing", E, Text(
        "Mērķim “{value}” {where} nav teksta. Ierakstiet mērķa formulējumu tā pirmajā rindā.",
        "Goal “{value}” {where} has no text. Write the goal on its first row.")),
    Rule("target-year-outside", E, Text(
        "Mērķa gads {value} {where} ir ārpus plāna perioda {expected}. Ierakstiet gadu plāna periodā "
        "vai izlabojiet periodu titullapā.",
        "The target year {value} {where} is outside the plan period {expected}. Give a year within the "
        "period or correct the period on the cover.")),
    Rule("actual-undated", E, Text(
        "Faktiskajai vērtībai {value} nav datuma {where}. Ierakstiet datumu, uz kuru tā attiecas (dd.mm.gggg).",
        "The actual value {value} has no date {where}. Enter the date it refers to (dd.mm.yyyy).")),
    Rule("cover-missing", W, Text(
        "Titullapā nav norādīts: “{column}” {where}.", "The cover does not give “{column}” {where}.")),
    Rule("type-number", E, Text(
        "“{value}” nav skaitlis {where}. Ierakstiet tikai skaitli (piemēram, 7694,70), bez vārdiem un mērvienībām.",
        "“{value}” is not a number {where}. Type only the number (e.g. 7694.70), without words or units.")),
    Rule("type-integer", E, Text(
        "“{value}” nav vesels skaitlis {where}. Ierakstiet veselu skaitli.",
        "“{value}” is not a whole number {where}. Type a whole number.")),
    Rule("type-date", E, Text(
        "“{value}” nav derīgs datums {where}. Ierakstiet datumu formātā dd.mm.gggg.",
        "“{value}” is not a valid date {where}. Type the date as dd.mm.yyyy.")),
    Rule("out-of-range", E, Text(
        "Vērtība {value} ir ārpus pieļaujamā diapazona ({expected}) {where}.",
        "The value {value} is outside the allowed range ({expected}) {where}.")),
    Rule("choice-invalid", E, Text(
        "“{value}” nav atļautā vērtība {where}. Izvēlieties no saraksta: {expected}.",
        "“{value}” is not an allowed value {where}. Choose from the list: {expected}.")),
    Rule("choice-other", I, Text(
        "“{value}” nav no ieteiktā saraksta {where}; tas pieņemts kā brīvs teksts.",
        "“{value}” is not from the suggested list {where}; it is accepted as free text.")),
    Rule("id-format", E, Text(
        "ID “{value}” neatbilst formātam {expected} {where}.", "The ID “{value}” does not match {expected} {where}.")),
    Rule("id-duplicate", E, Text(
        "ID “{value}” atkārtojas {where} (jau lietots {detail}). Katram ID jābūt unikālam.",
        "The ID “{value}” is used again {where} (already in {detail}). Each ID must be unique.")),
    Rule("ref-missing", E, Text(
        "Atsauce “{value}” {where} norāda uz ID, kas neeksistē ({expected}). Izvēlieties ID no saraksta.",
        "The reference “{value}” {where} points to an ID that does not exist ({expected}). Pick an ID from the list.")),
    Rule("task-goal-mismatch", E, Text(
        "Uzdevums “{value}” {where} nepieder mērķim {expected}.",
        "Task “{value}” {where} does not belong to goal {expected}.")),
    Rule("orphan-task", W, Text(
        "Uzdevumam “{value}” {where} 7. darba lapā nav nevienas aktivitātes (ne tam, ne tā mērķim). "
        "Pievienojiet aktivitāti vai izdzēsiet uzdevumu.",
        "Task “{value}” {where} has no activity in worksheet 7 (neither it nor its goal). "
        "Add an activity or delete the task.")),
    Rule("orphan-goal-activity", W, Text(
        "Mērķim “{value}” {where} 7. darba lapā nav nevienas aktivitātes (ne tam, ne tā uzdevumiem). "
        "Pievienojiet aktivitāti, kas to īsteno.",
        "Goal “{value}” {where} has no activity in worksheet 7 (neither it nor its tasks). "
        "Add an activity that carries it out.")),
    Rule("links-missing", W, Text(
        "Nevienā rindā {where} nav aizpildīta kolonna “{column}”, tāpēc saikne ar {detail} nav redzama. "
        "Izvēlieties ID no nolaižamā saraksta.",
        "No row {where} fills the column “{column}”, so the link to {detail} cannot be seen. "
        "Pick the ID from the dropdown.")),
    Rule("orphan-goal", W, Text(
        "Mērķim “{value}” {where} 8. darba lapā nav neviena rādītāja. Pievienojiet rādītāju, kas mēra tā "
        "sasniegšanu.",
        "Goal “{value}” {where} has no indicator in worksheet 8. Add an indicator that measures it.")),
    Rule("risk-level-mismatch", E, Text(
        "Riska līmenis “{value}” {where} neatbilst novērtējumam {detail} (jābūt “{expected}”).",
        "The risk level “{value}” {where} contradicts the score {detail} (should be “{expected}”).")),
    Rule("risk-level-missing", E, Text(
        "Riskam {where} nav ne līmeņa, ne novērtējuma. Ievadiet varbūtību un ietekmi vai izvēlieties līmeni.",
        "The risk {where} has neither a level nor a score. Enter likelihood and impact or choose a level.")),
    Rule("risk-measures-missing", E, Text(
        "Riskam ar līmeni “{value}” nav norādīts: {column} {where}. {detail}",
        "The risk with level “{value}” has no {column} {where}. {detail}")),
    Rule("risk-low-measures", I, Text(
        "Riskam ar līmeni “zems” norādīti pasākumi {where}; tie nav obligāti.",
        "A low risk has measures {where}; they are not required.")),
    Rule("actual-without-target", W, Text(
        "Faktiskā vērtība {where} norādīta bez mērķa vērtības. Ierakstiet mērķa vērtību.",
        "An actual value {where} is given without a target. Enter the target.")),
    Rule("baseline-equals-target", W, Text(
        "Bāzes vērtība ir vienāda ar mērķa vērtību {where}; izpildi nevar aprēķināt.",
        "The baseline equals the target {where}; progress cannot be computed.")),
    Rule("placeholder", E, Text(
        "Šūnā palikusi neaizpildīta vieta vai šaubas (“_”, “?”): “{value}” {where}. Ierakstiet kolonnā "
        "“{column}” trūkstošo un izdzēsiet zīmes “_” un “?”.",
        "The cell still holds a blank or a doubt (“_”, “?”): “{value}” {where}. Complete “{column}” and "
        "delete the “_” and “?” marks.")),
    Rule("template-example", W, Text(
        "Šūnā ir veidnes piemēra teksts “{value}” {where}. Aizstājiet to ar savas pašvaldības saturu.",
        "The cell holds the template's example text “{value}” {where}. Replace it with your municipality's "
        "content.")),
    Rule("multiple-items", W, Text(
        "Šūnā ir vairāki punkti ({detail}) {where}: “{value}”. Kolonnā “{column}” – viens punkts rindā; "
        "ierakstiet katru savā rindā.",
        "The cell holds several items ({detail}) {where}: “{value}”. “{column}” takes one item per row; "
        "put each on its own row.")),
    Rule("period-unreadable", W, Text(
        "Laika grafiku “{value}” {where} nevar nolasīt kā periodu. Rakstiet, piemēram, “2026. gada 2. ceturksnis”.",
        "The timeline “{value}” {where} cannot be read as a period. Write e.g. “2026 Q2”.")),
    Rule("template-row-missing", W, Text(
        "Veidnes rinda {detail} “{value}” ir izdzēsta; tās vieta {where}. Ievietojiet to atpakaļ; ja tā nav "
        "attiecināma, ierakstiet “Nav attiecināms”.",
        "Template row {detail} “{value}” was deleted; its place {where}. Insert it again; if it does not apply, "
        "write “Not applicable”.")),
    Rule("duplicate-row", W, Text(
        "Rinda {where} atkārto rindu {detail}. Izdzēsiet lieko rindu.",
        "Row {where} repeats row {detail}. Delete the extra row.")),
)}


def rule(slug: str) -> Rule:
    """The rule with this slug; a KeyError names a slug that the catalogue lacks."""
    return RULES[slug]
