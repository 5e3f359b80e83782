"""What in a folder is a submission, which municipality a file is, and which files this tool wrote.

The one place that decides it: Office and LibreOffice lock and temporary files, system and mail debris
and sub-folders are skipped (listed once, never reported as errors); the tool's own outputs are
recognised by the marker they carry and never read back; an output that would land in the inbox or on
a submission is refused before anything is read.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from ..plan.errors import UsageError
from ..schema import Text

OUTPUT_PROPERTY = "reimpact-xl"  # custom document property of every workbook output: its kind
REGIONAL_TITLE = "reimpact-xl"  # the regional workbook's title (also in versions before the marker)
HTML_MARKER = b'<meta name="generator" content="reimpact-xl">'
# Known in every language found: the feedback workbooks' issue list and the master's title (texts/*.toml).
FEEDBACK_SHEET, MASTER_TITLE = Text("feedback.issues_sheet"), Text("master.title")
TEMP_PREFIX = ".~tmp-"  # atomic.py's temporary files: a killed run's are removed by the next run

REASONS: dict[str, Text] = {
    "folder": Text("submissions.reasons.folder"),
    "lock": Text("submissions.reasons.lock"),
    "temp": Text("submissions.reasons.temp"),
    "system": Text("submissions.reasons.system"),
    "mail": Text("submissions.reasons.mail"),
    "hidden": Text("submissions.reasons.hidden"),
    "regional": Text("submissions.reasons.regional"),
    "feedback": Text("submissions.reasons.feedback"),
    "report": Text("submissions.reasons.report"),
    "master": Text("submissions.reasons.master"),
}
_SYSTEM = frozenset({"thumbs.db", "ehthumbs.db", "desktop.ini", ".ds_store", "icon\r", ".localized"})
_MAIL = (".msg", ".eml", ".lnk", ".url", ".ini", ".emlx", ".oft", ".pst", ".ost")
_TEMP = (".tmp", ".temp", ".part", ".crdownload", ".partial", ".download", ".bak", ".~tmp")
_LOCK = ("~$", ".~lock.")


@dataclass(frozen=True)
class Skipped:
    """A file of the inbox that is no submission, and why (a key of REASONS)."""

    path: Path
    reason: str

    @property
    def name(self) -> str:
        return self.path.name

    def why(self, lang: str = "lv") -> str:
        return REASONS[self.reason](lang)


def debris(path: Path) -> str:
    """Why a folder entry is no submission by its name and kind ("" when it may be one)."""
    name = path.name
    low = name.casefold()
    if low.startswith(_LOCK) or (low.startswith(".~") and low.endswith("#")):
        return "lock"
    if low.startswith((TEMP_PREFIX, "~")) or low.endswith(_TEMP) or low.endswith("#"):
        return "temp"
    if low in _SYSTEM or "zone.identifier" in low or low.startswith("._"):  # Windows streams, macOS forks
        return "system"
    if low.endswith(_MAIL):
        return "mail"
    if low.startswith("."):
        return "hidden"
    try:
        if path.is_dir():
            return "folder"
    except OSError:
        return ""  # the reader will say what is wrong with it
    return ""


def scan(inbox: Path) -> tuple[list[Path], list[Skipped]]:
    """(submissions, skipped) of a folder, each in name order; the tool's own HTML pages are skipped."""
    files: list[Path] = []
    skipped: list[Skipped] = []
    for path in sorted(Path(inbox).iterdir(), key=lambda p: p.name.casefold()):
        reason = debris(path) or _own_page(path)
        if reason:
            skipped.append(Skipped(path, reason))
        else:
            files.append(path)
    return files, skipped


def _own_page(path: Path) -> str:
    """ "report" when an .html file is a page this tool wrote (its generator tag), else ""."""
    if path.suffix.casefold() not in (".html", ".htm"):
        return ""
    try:
        with path.open("rb") as handle:
            head = handle.read(2048)
    except OSError:
        return ""
    return "report" if HTML_MARKER in head else ""


# ---- the tool's own workbooks ----


def output_kind(props: Mapping[str, str], sheet_names: Iterable[str] = ()) -> str:
    """What this tool wrote a workbook as ("regional", "feedback", "master"), or "" for anything else.

    A feedback workbook is a plan with its problems marked: once the specialist edits and saves it
    (its saved time then differs from its creation time) it is their submission, no longer an output.
    """
    kind = props.get(OUTPUT_PROPERTY, "")
    untouched = props.get("created", "") == props.get("modified", "") and props.get("creator") == "reimpact-xl"
    if kind == "feedback" or (not kind and untouched and set(FEEDBACK_SHEET.variants()) & set(sheet_names)):
        return "feedback" if untouched else ""
    if kind in ("regional", "master"):
        return kind
    title = props.get("title", "")
    return "regional" if title == REGIONAL_TITLE else "master" if title in MASTER_TITLE.variants() else ""


def doc_properties(core_xml: bytes, custom_xml: bytes = b"") -> dict[str, str]:
    """Core properties by local name (title, creator, created, modified) and custom ones by name."""
    from defusedxml import ElementTree

    props: dict[str, str] = {}
    for xml, custom in ((core_xml, False), (custom_xml, True)):
        if not xml:
            continue
        try:
            root = ElementTree.fromstring(xml)
        except Exception:  # noqa: BLE001 - a damaged property part says nothing; the reader goes on
            continue
        for element in root:
            if custom:
                value = next(iter(element), None)
                props.setdefault(str(element.get("name", "")), (value.text or "").strip() if value is not None else "")
            else:
                props.setdefault(element.tag.rsplit("}", 1)[-1], (element.text or "").strip())
    return props


# ---- outputs must not land in the inbox ----

OUTPUT_IN_INBOX = Text("submissions.output_in_inbox")
OUTPUT_IS_INPUT = Text("submissions.output_is_input")
OUTPUT_TWICE = Text("submissions.output_twice")


def refuse_outputs(inbox: Path | None, outputs: Sequence[Path | None], inputs: Sequence[Path] = (),
                   lang: str = "lv") -> None:
    """Raise UsageError when an output is an input (or a file of the inbox) or lies inside the inbox;
    relative paths and symbolic links are compared where they lead."""
    home = Path(inbox).resolve() if inbox is not None else None
    given = {Path(p).resolve() for p in inputs}
    taken: set[Path] = set()
    for out in outputs:
        if out is None:
            continue
        where = Path(out).resolve()
        if where in taken:
            raise UsageError(OUTPUT_TWICE(lang).format(path=out))
        taken.add(where)
        inside = home is not None and (where == home or home in where.parents)
        if where in given or (inside and where.is_file()):
            raise UsageError(OUTPUT_IS_INPUT(lang).format(path=out))
        if inside:
            raise UsageError(OUTPUT_IN_INBOX(lang).format(path=out, inbox=inbox))


# ---- which municipality ----

_KINDS = {"novads": "novads", "novada": "novads", "nov": "novads", "valstspilseta": "valstspilseta",
          "valstspilsetas": "valstspilseta", "pilseta": "pilseta", "pilsetas": "pilseta", "rajonas": "rajonas",
          "rajono": "rajonas"}
_DROPPED = frozenset({"pasvaldiba", "pasvaldibas", "dome", "domes", "savivaldybe", "savivaldybes"})


def municipality_key(name: str) -> str:
    """The one identity of a municipality: "Bauskas novada pašvaldība", "bauskas_novads" and
    "Bauskas  novads" are "bauskas novads"; "Jelgavas valstspilsēta" and "Jelgavas novads" stay two."""
    folded = unicodedata.normalize("NFKD", str(name or "")).encode("ascii", "ignore").decode().casefold()
    words = [_KINDS.get(w, w) for w in re.findall(r"[a-z0-9]+", folded) if w not in _DROPPED]
    return " ".join(words)


def municipality_slug(name: str) -> str:
    """A file name stem for a municipality: "Bauskas novada pašvaldība" -> "bauskas_novads"."""
    return municipality_key(name).replace(" ", "_") or "pasvaldiba"


def same_municipality(a: str, b: str) -> bool:
    """Equal keys; or one side gives only a name without its kind ("Bauska") that begins the other's."""
    key_a, key_b = municipality_key(a), municipality_key(b)
    if key_a == key_b:
        return bool(key_a)
    bare = [k for k in (key_a, key_b) if not set(k.split()) & set(_KINDS.values())]
    if len(bare) != 1 or not key_a or not key_b:
        return False
    short, other = (key_a, key_b) if bare[0] == key_a else (key_b, key_a)
    head = short.split()[0]
    return len(head) >= 4 and other.split()[0].startswith(head[:-1] if len(head) > 4 else head)


def named_in_file(stem: str) -> str:
    """The municipality a file name names by its kind ("…_bauskas_novads_2025" -> "bauskas novads"), or ""."""
    words = municipality_key(stem).split()
    for i, word in enumerate(words[1:], 1):
        if word in ("novads", "valstspilseta"):
            return f"{words[i - 1]} {word}"
    return ""


def file_name_disagrees(stem: str, municipality: str) -> str:
    """The municipality a file name names when it is another than `municipality`, else "".

    File names are typed loosely ("bauska_novads", "ilustrativs_novads"): a name of the same kind whose
    word shares all but its last three letters (at least four) with the municipality's is the same one."""
    named = named_in_file(stem)
    if not named or same_municipality(named, municipality):
        return ""
    word, kind = named.split()
    theirs = municipality_key(municipality).split()
    if kind in theirs[1:] and theirs[theirs.index(kind) - 1][:max(4, len(word) - 3)] == word[:max(4, len(word) - 3)]:
        return ""
    return named
