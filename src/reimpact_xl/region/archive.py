"""The region's archive: every consolidation round in one SQLite file (stdlib sqlite3).

Tables are generated from the plan schema: one per worksheet (its column keys, plus round,
municipality and row), one for the cover, and rounds / submissions. A column the schema gains is
added to its table when the archive is next opened (ALTER TABLE ADD COLUMN); nothing is migrated by
hand and nothing stored is ever rewritten, except the round being re-run, which is replaced whole.
"""
from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from ..plan.errors import OutputError
from ..plan.model import EXTRA_PREFIX
from ..schema import COVER_FIELDS, NUMERIC_TYPES, SHEETS, TEMPLATE_VERSION, Column, ColumnType, Sheet, Text
from .history import indicator_history
from .model import Result

COVER_TABLE = "cover"
ROW_KEYS = ("round", "municipality", "row")  # the columns every worksheet table starts with
FIXED = {
    "rounds": (("year", "INTEGER PRIMARY KEY"), ("created", "TEXT NOT NULL"), ("schema_version", "TEXT NOT NULL"),
               ("note", "TEXT")),
    "submissions": (("round", "INTEGER NOT NULL REFERENCES rounds(year) ON DELETE CASCADE"),
                    ("municipality", "TEXT"), ("file", "TEXT NOT NULL"), ("sha256", "TEXT NOT NULL"),
                    ("status", "TEXT NOT NULL")),
}
MESSAGES = {
    "unreadable": Text("archive.messages.unreadable"),
    "busy": Text("archive.messages.busy"),
}


@dataclass
class Round:
    """One archived round: its year, note, submissions and rows (sheet key -> municipality -> rows)."""

    year: int
    created: str
    schema_version: str
    note: str = ""
    submissions: list[dict[str, Any]] = field(default_factory=list)
    covers: dict[str, dict[str, Any]] = field(default_factory=dict)
    tables: dict[str, dict[str, list[dict[str, Any]]]] = field(default_factory=dict)

    def rows(self, sheet_key: str, municipality: str) -> list[dict[str, Any]]:
        return self.tables.get(sheet_key, {}).get(municipality, [])

    @property
    def municipalities(self) -> list[str]:
        return [s["municipality"] for s in self.submissions if s["status"] == "used" and s["municipality"]]


# --- the tables, from the schema --------------------------------------------------------------------


def _sql_type(column: Column) -> str:
    if column.type in (ColumnType.INTEGER, ColumnType.YEAR):
        return "INTEGER"
    return "REAL" if column.type in NUMERIC_TYPES else "TEXT"


def table_columns() -> dict[str, list[tuple[str, str]]]:
    """Every generated table with its columns (name, SQL type), in schema order."""
    tables = {name: list(cols) for name, cols in FIXED.items()}
    tables[COVER_TABLE] = [("round", "INTEGER NOT NULL REFERENCES rounds(year) ON DELETE CASCADE"),
                           *((c.key, _sql_type(c)) for c in COVER_FIELDS)]
    for sheet in SHEETS:
        clash = set(ROW_KEYS) & set(sheet.keys)
        assert not clash, f"{sheet.key}: column keys {clash} are the archive's own"
        tables[sheet.key] = [("round", "INTEGER NOT NULL REFERENCES rounds(year) ON DELETE CASCADE"),
                             ("municipality", "TEXT NOT NULL"), ("row", "INTEGER NOT NULL"),
                             *((c.key, _sql_type(c)) for c in sheet.columns), ("extra", "TEXT")]
    return tables


def _q(name: str) -> str:
    """An SQL identifier, quoted (column keys such as "no" or "row" are words SQL knows)."""
    return '"' + name.replace('"', '""') + '"'


def _migrate(conn: sqlite3.Connection) -> None:
    """Create missing tables and add missing columns; existing data is never touched."""
    for table, columns in table_columns().items():
        conn.execute(f"CREATE TABLE IF NOT EXISTS {_q(table)} ("
                     + ", ".join(f"{_q(n)} {t}" for n, t in columns) + ")")
        have = {r[1] for r in conn.execute(f"PRAGMA table_info({_q(table)})")}
        for name, sql_type in columns:
            if name not in have:  # ADD COLUMN cannot add NOT NULL without a default: new columns are plain
                conn.execute(f"ALTER TABLE {_q(table)} ADD COLUMN {_q(name)} {sql_type.split()[0]}")
        if table not in FIXED and table != COVER_TABLE:
            conn.execute(f"CREATE INDEX IF NOT EXISTS {_q('ix_' + table)} ON {_q(table)} (round, municipality)")


def connect(path: Path, lang: str = "lv") -> sqlite3.Connection:
    """Open (or create) the archive with its tables up to date with the schema."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=10, isolation_level=None)  # transactions are explicit
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("BEGIN IMMEDIATE")
        _migrate(conn)
        conn.execute("COMMIT")
    except sqlite3.DatabaseError as exc:
        raise OutputError(_message("unreadable" if _not_db(exc) else "busy", lang, path, exc)) from exc
    except OSError as exc:
        raise OutputError(_message("busy", lang, path, exc)) from exc
    return conn


def _not_db(exc: sqlite3.DatabaseError) -> bool:
    return "not a database" in str(exc) or "malformed" in str(exc)


def _message(key: str, lang: str, path: Path, exc: BaseException) -> str:
    why = getattr(exc, "strerror", None) or str(exc)
    return MESSAGES[key](lang).format(path=path, why=why)


# --- storing a round --------------------------------------------------------------------------------


def _cell(value: Any) -> Any:
    """A plan value as SQLite stores it: dates as ISO text, numbers and text as they are."""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value if value is None or isinstance(value, (int, float, str)) else str(value)


PLAIN = (str, float, int, type(None))


def _row_values(keys: Sequence[str], row: Mapping[str, Any], extra_keys: Sequence[str]) -> list[Any]:
    values = [v if type(v) in PLAIN else _cell(v) for v in map(row.get, keys)]
    extra = {k[len(EXTRA_PREFIX):]: _cell(row[k]) for k in extra_keys if row.get(k) not in (None, "")}
    return [*values, json.dumps(extra, ensure_ascii=False) if extra else None]


def store_round(db: Path, year: int, result: "Result", *, note: str = "", lang: str = "lv") -> None:
    """Store one consolidation as the round of `year`, in one transaction; a stored round of that year is
    replaced, every other year is left as it is."""
    with closing(connect(db, lang)) as conn:
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("DELETE FROM rounds WHERE year = ?", (year,))  # its rows go by ON DELETE CASCADE
            created = datetime.now(timezone.utc).isoformat(timespec="seconds")
            conn.execute("INSERT INTO rounds VALUES (?, ?, ?, ?)", (year, created, TEMPLATE_VERSION, note or None))
            _insert(conn, year, result)
            conn.execute("COMMIT")
        except (sqlite3.DatabaseError, OSError) as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise OutputError(_message("busy", lang, Path(db), exc)) from exc


def _insert(conn: sqlite3.Connection, year: int, result: "Result") -> None:
    conn.executemany("INSERT INTO submissions VALUES (?, ?, ?, ?, ?)",
                     [(year, s.municipality or None, s.name, s.sha256, s.status) for s in result.sources])
    cover_keys = [c.key for c in COVER_FIELDS]
    conn.executemany(f"INSERT INTO {COVER_TABLE} (round, {', '.join(map(_q, cover_keys))}) VALUES "
                     f"({', '.join('?' * (len(cover_keys) + 1))})",
                     [(year, *(_cell(p.cover.get(k)) for k in cover_keys)) for p in result.plans])
    for sheet in SHEETS:
        keys = sheet.keys
        names = [*ROW_KEYS, *keys, "extra"]
        sql = f"INSERT INTO {_q(sheet.key)} ({', '.join(map(_q, names))}) VALUES ({', '.join('?' * len(names))})"
        tables = [(plan.municipality, plan.tables[sheet.key]) for plan in result.plans if sheet.key in plan.tables]
        conn.executemany(sql, [(year, name, i, *_row_values(keys, row, extra))
                               for name, table in tables for extra in (table.extra_columns,)
                               for i, row in enumerate(table.rows, 1)])


# --- reading it back --------------------------------------------------------------------------------


def load(db: Path, lang: str = "lv", sheets: Sequence[str] | None = None) -> list[Round]:
    """Every archived round, oldest first, with its rows by sheet and municipality (dates as dates);
    `sheets`: only these worksheets' rows (the year-on-year views need three of them)."""
    if not Path(db).exists():
        return []
    with closing(connect(db, lang)) as conn:
        conn.row_factory = sqlite3.Row
        rounds = [Round(r["year"], r["created"], r["schema_version"], r["note"] or "")
                  for r in conn.execute("SELECT * FROM rounds ORDER BY year")]
        by_year = {r.year: r for r in rounds}
        for s in conn.execute("SELECT * FROM submissions ORDER BY round, rowid"):
            by_year[s["round"]].submissions.append(dict(s))
        for c in conn.execute(f"SELECT * FROM {COVER_TABLE} ORDER BY round, rowid"):
            by_year[c["round"]].covers[c["municipality"]] = _typed(dict(c), COVER_FIELDS)
        conn.row_factory = None
        for sheet in (s for s in SHEETS if sheets is None or s.key in sheets):
            _load_sheet(conn, sheet, by_year)
    return rounds


def _load_sheet(conn: sqlite3.Connection, sheet: Sheet, by_year: Mapping[int, Round]) -> None:
    keys = sheet.keys
    columns = ", ".join(map(_q, keys))
    sql = f"SELECT round, municipality, {columns} FROM {_q(sheet.key)} ORDER BY rowid"  # as stored: plan by plan
    dates = [c for c in sheet.columns if c.type is ColumnType.DATE]
    for year, municipality, *values in conn.execute(sql):
        row = dict(zip(keys, values))
        by_year[year].tables.setdefault(sheet.key, {}).setdefault(municipality, []).append(
            _typed(row, dates) if dates else row)


def _typed(row: dict[str, Any], columns: Iterable[Column]) -> dict[str, Any]:
    """Date columns back as dates (SQLite keeps them as ISO text)."""
    for column in columns:
        value = row.get(column.key)
        if column.type is ColumnType.DATE and isinstance(value, str):
            try:
                row[column.key] = date.fromisoformat(value[:10])
            except ValueError:
                pass
    return row


def history(db: Path, lang: str = "lv") -> list[Any]:
    """Per indicator and municipality, the actual value of each archived year (history.IndicatorYears)."""
    return indicator_history(load(db, lang))


VIEWED = ("indicators", "action_plan", "risks")  # the sheets the year-on-year views compare
ILLUSTRATIVE = Text("archive.illustrative")


def round_year(result: "Result") -> int:
    """The year of a round when none is given: the latest year of the covers' reporting (else
    submission) dates, else the current year."""
    for key in ("reporting_date", "submission_date"):
        years = [v.year for p in result.plans if isinstance(v := p.cover.get(key), date)]
        if years:
            return max(years)
    return date.today().year


def round_note(result: "Result") -> str:
    """The data note the submissions carry (e.g. "ilustratīvi dati"), kept with the round."""
    notes = dict.fromkeys(p.meta["data_note"] for p in result.plans if p.meta.get("data_note"))
    return "; ".join(notes)


def keep_round(db: Path, year: int | None, result: "Result", lang: str = "lv") -> list[Round]:
    """Store the result as the round of `year` (or round_year) and return every archived round."""
    store_round(db, year or round_year(result), result, note=round_note(result), lang=lang)
    return load(db, lang, sheets=VIEWED)
