"""The catalogue check: every language catalogue against Latvian's keys, placeholders and sheet-name limits."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from . import FALLBACK, Catalogue, CatalogueError, catalogue, found, lookup, placeholders, read

SHEET_NAME_MAX = 31  # Excel's limit on a sheet name
SHEET_NAME_FORBIDDEN = set("[]:*?/\\")
FILE_NAME_FORBIDDEN = set('<>:"/\\|?*')  # Windows' list; the texts below become parts of file names
FILE_NAME_KEYS = ("feedback.suffix", "master.output_names.")


@dataclass
class Findings:
    """What the check found: problems (to mend) and, per language, the keys that fall back to Latvian."""

    problems: list[str] = field(default_factory=list)
    missing: dict[str, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def _say(text: str, **args: Any) -> str:
    return text.format(**args)


def _braced(text: str) -> str:
    """A text's placeholders as a translator sees them: "{n}, {where}" (or "—" for none)."""
    return ", ".join("{" + name + "}" for name in sorted(placeholders(text))) or "—"


def _sheet_names(cat: Catalogue, base: Catalogue, lang: str) -> list[str]:
    """Problems with the sheet names a workbook in this language would carry."""
    keys = [k for k in base.texts if k.startswith("sheet.") and k.endswith(".name")]
    keys += ["schema.cover_sheet", "cover.overview_sheet", "cover.matrix_sheet"]
    names = [cat.texts.get(k, base.texts.get(k, "")) for k in keys]
    out = [_say(lookup("check.sheet_long", lang), path=cat.path, key=k, name=n, limit=SHEET_NAME_MAX)
           for k, n in zip(keys, names) if len(n) > SHEET_NAME_MAX]
    out += [_say(lookup("check.sheet_forbidden", lang), path=cat.path, key=k, name=n)
            for k, n in zip(keys, names) if SHEET_NAME_FORBIDDEN & set(n)]
    seen: dict[str, str] = {}
    for k, n in zip(keys, names):
        if n.casefold() in seen:
            out.append(_say(lookup("check.sheet_twice", lang), path=cat.path, key=k, other=seen[n.casefold()], name=n))
        seen.setdefault(n.casefold(), k)
    return out


def check_catalogue(cat: Catalogue, base: Catalogue, code: str, lang: str = FALLBACK,
                    harmless: bool = True) -> Findings:
    """One catalogue against Latvian's: its code, unknown keys, placeholders, missing keys, sheet names;
    the findings in `lang`. Without `harmless`, only what would break a run in it (no code, no unknown key)."""
    found_ = Findings()
    if cat.code != code and harmless:
        found_.problems.append(_say(lookup("check.code", lang), path=cat.path, code=cat.code, name=code))
    for key in sorted(cat.texts.keys() - base.texts.keys()) if harmless else ():
        found_.problems.append(_say(lookup("check.unknown_key", lang), path=cat.path, key=key))
    for key in sorted(cat.texts.keys() & base.texts.keys()):
        if placeholders(cat.texts[key]) != placeholders(base.texts[key]):
            found_.problems.append(_say(lookup("check.placeholders", lang), path=cat.path, key=key,
                                        own=_braced(cat.texts[key]), base=_braced(base.texts[key])))
    missing = [k for k in base.texts if k not in cat.texts]
    if missing:
        found_.missing[code] = missing
    found_.problems.extend(_sheet_names(cat, base, lang))
    found_.problems.extend(_say(lookup("check.file_name", lang), path=cat.path, key=k, value=v)
                           for k, v in cat.texts.items()
                           if k.startswith(FILE_NAME_KEYS) and FILE_NAME_FORBIDDEN & set(v.replace("{year}", "")))
    return found_


def check(paths: dict[str, str] | None = None, complete: tuple[str, ...] = ("en",), lang: str = FALLBACK) -> Findings:
    """Check every catalogue found (or `paths`: code -> file); the languages in `complete` may lack no key;
    the findings in `lang`."""
    paths = paths if paths is not None else found()
    result = Findings()
    try:
        base = read(paths[FALLBACK])
    except CatalogueError as err:
        return Findings([str(err)])
    for code, path in sorted(paths.items()):
        try:
            cat = read(path) if code != FALLBACK else base
        except CatalogueError as err:
            result.problems.append(str(err))
            continue
        one = check_catalogue(cat, base, os.path.basename(path)[:-5], lang)
        result.problems.extend(one.problems)
        result.missing.update(one.missing)
        if code in complete and one.missing.get(code):
            result.problems.append(_say(lookup("check.incomplete", lang), path=path, n=len(one.missing[code]),
                                        keys=", ".join(one.missing[code][:10])))
    return result


def ensure_usable(code: str) -> None:
    """Read the catalogue of `code` and check it would not break a run in that language (placeholders, sheet
    names, file names); CatalogueError naming its mistakes in Latvian, whose catalogue is the package's own."""
    base, cat = catalogue(FALLBACK), catalogue(code)  # read once: the run then looks its texts up in them
    problems = check_catalogue(cat, base, code, FALLBACK, harmless=False).problems
    if problems:
        raise CatalogueError("\n".join([_say(lookup("check.unusable", FALLBACK), code=code), *problems]))
