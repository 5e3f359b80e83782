"""The summary table printed at the end of a consolidation."""
from __future__ import annotations

from ..schema import Text
from .context import context_of
from .model import Result
from .words import NOT_LISTED, NOT_SUBMITTED, STATUS_WORDS

HEADERS = (Text("summary.headers.municipality"), Text("summary.headers.file"), Text("summary.headers.status"),
           Text("summary.headers.errors"), Text("summary.headers.warnings"), Text("summary.headers.rows"))
SKIPPED = Text("summary.skipped")
TOTAL = Text("summary.total")


def summary_rows(result: "Result", lang: str) -> list[tuple[str, ...]]:
    """One row per file, then one per expected municipality that sent none ("nav iesniegts")."""
    ctx = context_of(result)
    rows = []
    for s in result.sources:
        mine = result.report.for_file(s.name)
        word = STATUS_WORDS[s.status](lang)
        if s.status == "used" and s.municipality and not ctx.is_expected(s.municipality):
            word = NOT_LISTED(lang)
        rows.append((s.municipality or "—", s.name, word, str(mine.errors),
                     str(mine.warnings), str(sum(s.plan.row_counts().values())) if s.plan else "0"))
    rows += [(m, "—", NOT_SUBMITTED(lang), "", "", "") for m in ctx.missing(result.sources)]
    return rows


def summary_table(result: "Result", lang: str) -> str:
    """A plain-text table, one line per file, then the totals and the files written."""
    head = tuple(h(lang) for h in HEADERS)
    rows = summary_rows(result, lang)
    widths = [max(len(r[i]) for r in (head, *rows)) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in (head, *rows)]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append(TOTAL(lang).format(n=len(result.sources), p=len(result.plans), e=result.report.errors,
                              w=result.report.warnings))
    lines.extend(_context_lines(result, lang))
    if result.skipped:
        lines.append(SKIPPED(lang).format(files="; ".join(f"{k.name} ({k.why(lang)})" for k in result.skipped)))
    lines.extend(str(p) for p in result.outputs)
    return "\n".join(lines)


def _context_lines(result: "Result", lang: str) -> list[str]:
    """The date indicators were judged on, and who has not submitted, by name."""
    ctx = context_of(result)
    lines = []
    if ctx.on:
        lines.append(Text("summary.context_lines.indicator_status_judged_on_d")(lang)
                     .format(d=ctx.on.strftime("%d.%m.%Y")))
    missing = ctx.missing(result.sources)
    if missing:
        lines.append(Text("summary.context_lines.not_submitted_n_names")(lang)
                     .format(n=len(missing), names=", ".join(missing)))
    return lines
