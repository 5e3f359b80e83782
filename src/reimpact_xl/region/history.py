"""Year on year from the archive (pure): each indicator's values by year, and what changed in the plans.

Input: archive.Round objects (plain rows by sheet and municipality); output: plain rows for the
regional workbook, the report and the master. An indicator is followed from year to year by its
municipality, its ID and its text (or standard indicator), as `new --from` carries all three.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from ..plan.indicators import IndicatorRow, standard_key
from ..plan.risks import band
from ..schema import SHEETS_BY_KEY, Text
from ..schema.vocab import STANDARD_INDICATORS

if TYPE_CHECKING:
    from .archive import Round

SPARKS = "▁▂▃▄▅▆▇█"
TRENDS = {"up": "↑", "down": "↓", "flat": "→", "": ""}
CHANGE_KINDS = {
    "activity_added": Text("history.change_kinds.activity_added"),
    "activity_removed": Text("history.change_kinds.activity_removed"),
    "activity_delayed": Text("history.change_kinds.activity_delayed"),
    "activity_status": Text("history.change_kinds.activity_status"),
    "timeline_moved": Text("history.change_kinds.timeline_moved"),
    "risk_rerated": Text("history.change_kinds.risk_rerated"),
    "target_moved": Text("history.change_kinds.target_moved"),
}


@dataclass(frozen=True)
class IndicatorYears:
    """One municipality's indicator across the archived years."""

    municipality: str
    indicator_id: str
    indicator: str  # as written (a standard indicator's key when picked from the list)
    standard_key: str | None
    unit: str
    values: tuple[tuple[int, float | None], ...]  # (year, actual value) for every archived year
    target: float | None  # the latest year's target

    def title(self, lang: str = "lv") -> str:
        choice = next((c for c in STANDARD_INDICATORS if c.key == self.standard_key), None)
        return choice.label(lang) if choice else self.indicator

    @property
    def reported(self) -> list[tuple[int, float]]:
        return [(y, v) for y, v in self.values if v is not None]

    @property
    def change(self) -> float | None:
        """The latest year's value minus the year before it (both archived and reported), else None."""
        if len(self.values) < 2:
            return None
        (_, before), (_, now) = self.values[-2:]
        return None if before is None or now is None else now - before

    @property
    def trend(self) -> str:
        """"up", "down" or "flat" over the reported years; "" with fewer than two."""
        points = self.reported
        if len(points) < 2:
            return ""
        delta = points[-1][1] - points[0][1]
        return "up" if delta > 0 else "down" if delta < 0 else "flat"

    @property
    def spark(self) -> str:
        """The reported values as a little bar line of block characters, e.g. "▁▄█"."""
        numbers = [v for _, v in self.reported]
        if not numbers:
            return ""
        low, high = min(numbers), max(numbers)
        span = high - low
        return "".join(SPARKS[round((v - low) / span * (len(SPARKS) - 1)) if span else 3] for v in numbers)


def _indicator_key(municipality: str, row: Mapping[str, Any]) -> tuple[str, str, str]:
    text = str(row.get("indicator") or "").strip()
    identifier = str(row.get("indicator_id") or "").strip()
    return municipality.casefold().strip(), identifier, standard_key(text) or text.casefold()


def indicator_history(rounds: Sequence["Round"]) -> list[IndicatorYears]:
    """Every indicator of every archived municipality with its actual value in each archived year."""
    years = [r.year for r in rounds]
    found: dict[tuple[str, str, str], dict[str, Any]] = {}
    for rnd in rounds:
        for municipality, rows in rnd.tables.get("indicators", {}).items():
            for row in rows:
                if not row.get("indicator"):
                    continue
                parsed = IndicatorRow.from_row(municipality, row)
                entry = found.setdefault(_indicator_key(municipality, row), {"values": {}})
                entry.update(row=parsed)  # the latest year names it
                entry["values"][rnd.year] = parsed.actual
    out = [IndicatorYears(e["row"].municipality, e["row"].indicator_id, e["row"].indicator, e["row"].standard_key,
                          e["row"].unit, tuple((y, e["values"].get(y)) for y in years), e["row"].target)
           for e in found.values()]
    return sorted(out, key=lambda r: (r.municipality.casefold(), _id_order(r.indicator_id), r.indicator))


def _id_order(identifier: str) -> tuple[int, str]:
    digits = "".join(ch for ch in identifier if ch.isdigit())
    return (int(digits) if digits else 10**6, identifier)


# --- what changed in the plans ----------------------------------------------------------------------


@dataclass(frozen=True)
class PlanChange:
    """One change of one municipality's plan since the previous archived round."""

    municipality: str
    kind: str  # a key of CHANGE_KINDS
    item: str  # the ID (A1, R2, I3) or, without one, the text
    text: str  # the activity, risk factor or indicator
    before: str = ""
    after: str = ""

    def kind_word(self, lang: str = "lv") -> str:
        return CHANGE_KINDS[self.kind](lang)


def plan_changes(previous: "Round", current: "Round", lang: str = "lv") -> list[PlanChange]:
    """Activities added, removed, delayed or re-stated; risks re-rated; targets moved, per municipality
    present in both rounds."""
    out: list[PlanChange] = []
    for municipality in current.municipalities:
        before_name = _same(municipality, previous.municipalities)
        if before_name is None:
            continue
        pair = (previous, before_name, current, municipality)
        out += _activity_changes(*pair, lang) + _risk_changes(*pair, lang) + _target_changes(*pair)
    return out


def _same(name: str, names: Sequence[str]) -> str | None:
    return next((n for n in names if n.casefold().strip() == name.casefold().strip()), None)


def _by_id(rows: Sequence[Mapping[str, Any]], id_key: str, text_key: str) -> dict[str, Mapping[str, Any]]:
    """Rows by their ID, or by their text where the ID is empty (first of duplicates wins)."""
    out: dict[str, Mapping[str, Any]] = {}
    for row in rows:
        key = str(row.get(id_key) or "").strip() or str(row.get(text_key) or "").strip()
        if key:
            out.setdefault(key, row)
    return out


def _activity_changes(prev: "Round", prev_name: str, cur: "Round", name: str, lang: str) -> list[PlanChange]:
    old = _by_id(prev.rows("action_plan", prev_name), "activity_id", "activity")
    new = _by_id(cur.rows("action_plan", name), "activity_id", "activity")
    status = SHEETS_BY_KEY["action_plan"].column("status")
    word = lambda v: str(status.display(v, lang) or "")  # noqa: E731 - a one-line label lookup
    out = [PlanChange(name, "activity_added", k, _s(r, "activity"), after=_s(r, "timeline"))
           for k, r in new.items() if k not in old]
    out += [PlanChange(name, "activity_removed", k, _s(r, "activity"), before=_s(r, "timeline"))
            for k, r in old.items() if k not in new]
    for key in (k for k in new if k in old):
        a, b = old[key], new[key]
        if b.get("status") != a.get("status") and b.get("status"):
            kind = "activity_delayed" if b.get("status") == "delayed" else "activity_status"
            out.append(PlanChange(name, kind, key, _s(b, "activity"), word(a.get("status")), word(b.get("status"))))
        if _s(a, "timeline") != _s(b, "timeline"):
            out.append(PlanChange(name, "timeline_moved", key, _s(b, "activity"), _s(a, "timeline"), _s(b, "timeline")))
    return out


def _risk_changes(prev: "Round", prev_name: str, cur: "Round", name: str, lang: str) -> list[PlanChange]:
    old = _by_id(prev.rows("risks", prev_name), "risk_id", "factor")
    new = _by_id(cur.rows("risks", name), "risk_id", "factor")
    return [PlanChange(name, "risk_rerated", k, _s(new[k], "factor"), _rating(old[k], lang), _rating(new[k], lang))
            for k in new if k in old and _rating(old[k], lang) != _rating(new[k], lang)]


def _rating(row: Mapping[str, Any], lang: str) -> str:
    """A risk's rating as text: "3 × 4 = 12 (augsts)", or the level stated without a score."""
    lik, sev = _int(row.get("likelihood")), _int(row.get("severity"))
    level_col = SHEETS_BY_KEY["risks"].column("level")
    if lik and sev:
        return f"{lik} × {sev} = {lik * sev} ({level_col.display(band(lik * sev), lang)})"
    return str(level_col.display(row.get("level"), lang) or "")


def _target_changes(prev: "Round", prev_name: str, cur: "Round", name: str) -> list[PlanChange]:
    old = _by_id(prev.rows("indicators", prev_name), "indicator_id", "indicator")
    new = _by_id(cur.rows("indicators", name), "indicator_id", "indicator")
    return [PlanChange(name, "target_moved", k, _s(new[k], "indicator"), _target(old[k]), _target(new[k]))
            for k in new if k in old and _target(old[k]) != _target(new[k])]


def _target(row: Mapping[str, Any]) -> str:
    value = IndicatorRow.from_row("", row)
    if value.target is None and value.target_year is None:
        return ""
    number = "" if value.target is None else f"{value.target:g}".replace(".", ",")
    return f"{number} ({value.target_year})" if value.target_year else number


def _s(row: Mapping[str, Any], key: str) -> str:
    value = row.get(key)
    return "" if value is None else " ".join(str(value).split())


def _int(value: Any) -> int | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if number.is_integer() else None
