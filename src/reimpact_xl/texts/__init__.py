"""The catalogues of user texts, one TOML file per language (stdlib only); Latvian is the fallback.

The package carries `lv.toml` and `en.toml` beside this module; every folder named in the environment
variable REIMPACT_XL_TEXTS (os.pathsep-separated) adds or overrides catalogues, so a coordinator adds a
language without touching the installed package. Listing the languages reads file names only; a
catalogue's contents are read the first time a text of it is asked for, then kept.
"""
from __future__ import annotations

import os
import string
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

ENV = "REIMPACT_XL_TEXTS"
FALLBACK = "lv"


class CatalogueError(ValueError):
    """A catalogue file that cannot be read as TOML, or is not shaped like one (message in both languages)."""


@dataclass(frozen=True)
class Catalogue:
    """One language's texts: its code, its own name and its flat dotted keys."""

    code: str
    name: str
    texts: dict[str, str]
    path: str


PACKAGED = Path(__file__).parent  # the catalogues are package data beside this module (pyproject.toml)


@lru_cache(maxsize=8)
def _found(env: str) -> dict[str, str]:
    """Language code -> catalogue path: the package's files, then each folder of `env` (later wins)."""
    paths: dict[str, str] = {}
    for folder in (str(PACKAGED), *filter(None, env.split(os.pathsep))):
        for path in sorted(Path(folder).glob("*.toml")):
            paths[path.stem] = str(path)
    return paths


def found() -> dict[str, str]:
    """Language code -> path of its catalogue file, as found now."""
    return _found(os.environ.get(ENV, ""))


def languages() -> tuple[str, ...]:
    """The language codes of the catalogues found: Latvian first, then the others alphabetically."""
    return _languages(os.environ.get(ENV, ""))


@lru_cache(maxsize=8)
def _languages(env: str) -> tuple[str, ...]:
    return (FALLBACK, *sorted(c for c in _found(env) if c != FALLBACK))


def flatten(table: dict[str, Any], prefix: str = "") -> dict[str, str]:
    """{"a": {"b": "x"}} -> {"a.b": "x"}; the [language] table is the catalogue's header, not a text."""
    flat: dict[str, str] = {}
    for key, value in table.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict):
            if dotted != "language":
                flat.update(flatten(value, dotted + "."))
        else:
            flat[dotted] = value if isinstance(value, str) else str(value)
    return flat


BROKEN = ("Valodas katalogu “{path}” nevar nolasīt: {why}. Labojiet failu (TOML) vai izņemiet to no mapes.",
          "The language catalogue “{path}” cannot be read: {why}. Mend the file (TOML) or take it out of the folder.")


def read(path: str) -> Catalogue:
    """Parse one catalogue file; CatalogueError (Latvian and English) when it is not valid TOML."""
    if sys.version_info >= (3, 11):  # imported here: listing the languages (--help) needs no parser
        import tomllib
    else:  # pragma: no cover - Python 3.10 reads TOML with the backport
        import tomli as tomllib
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise CatalogueError("\n".join(t.format(path=path, why=err) for t in BROKEN)) from None
    header = data.get("language", {})
    header = header if isinstance(header, dict) else {}
    code = str(header.get("code", ""))
    return Catalogue(code, str(header.get("name", code)), flatten(data), path)


@lru_cache(maxsize=32)
def _load(path: str) -> Catalogue:
    return read(path)


def catalogue(lang: str) -> Catalogue:
    """The catalogue of `lang`, read once; Latvian's when no catalogue of that language is found."""
    paths = found()
    return _load(paths.get(lang) or paths[FALLBACK])


def lookup(key: str, lang: str = FALLBACK) -> str:
    """The text of `key` in `lang`; Latvian when that catalogue lacks it; "" when no catalogue has it."""
    return _merged(os.environ.get(ENV, ""), lang).get(key, "")


@lru_cache(maxsize=32)  # asked for per cell while writing: one dict look-up once a language is read
def _merged(env: str, lang: str) -> dict[str, str]:
    paths = _found(env)
    base = _load(paths[FALLBACK]).texts
    own = _load(paths[lang]).texts if lang in paths and lang != FALLBACK else {}
    return {**base, **own}


def table(prefix: str, lang: str = FALLBACK) -> dict[str, str]:
    """Every text under `prefix.` (keys without the prefix), Latvian filling what `lang` lacks."""
    start = prefix + "."
    keys = [k for k in catalogue(FALLBACK).texts if k.startswith(start)]
    return {k[len(start):]: lookup(k, lang) for k in keys}


def name(lang: str) -> str:
    """The language's name in its own words, e.g. "Latviešu"."""
    return catalogue(lang).name


def placeholders(text: str) -> frozenset[str]:
    """The {names} a text is formatted with ("{}" counts as one positional "")."""
    try:
        return frozenset(f for _, f, _, _ in string.Formatter().parse(text) if f is not None)
    except ValueError:
        return frozenset({"<unbalanced braces>"})


class _Keep(dict[str, Any]):
    """Format arguments that leave a placeholder nobody filled as it was, for a later .format()."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(text: str, args: tuple[tuple[str, Any], ...]) -> str:
    """`text` with the given named placeholders filled, the others kept."""
    return string.Formatter().vformat(text, (), _Keep(args)) if args else text
