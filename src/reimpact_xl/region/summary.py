"""The summary table printed at the end of a consolidation."""
from __future__ import annotations

from ..schema import Text
from .model import Result
from .picture import RegionalPicture, build_picture
from .words import NOT_SUBMITTED

HEADERS = (Text("summary.headers.municipality"), Text("summary.headers.file"), Text("summary.headers.status"),
           Text("summary.headers.errors"), Text("summary.headers.warnings"), Text("summary.headers.rows"))
SKIPPED = Text("summary.skipped")
TOTAL = Text("summary.total")


def summary_rows(picture: "RegionalPicture") -> list[tuple[str, ...]]:
    """One row per file (its status word as the status sheet has it), then one per expected municipality
    that sent none ("nav iesniegts")."""
    rows: list[tuple[str, ...]] = []
    for f, status in zip(picture.files, picture.status.rows):
        s = f.source
        rows.append((s.municipality or "—", s.name, str(status[2]), str(f.errors),
                     str(f.warnings), str(sum(s.plan.row_counts().values())) if s.plan else "0"))
    rows += [(m, "—", NOT_SUBMITTED(picture.lang), "", "", "") for m in picture.missing]
    return rows


def summary_table(result: "Result", lang: str) -> str:
    """A plain-text table, one line per file, then the totals and the files written (from the run's
    regional picture; a run that stopped before consolidating gets one of its files)."""
    head = tuple(h(lang) for h in HEADERS)
    picture = result.picture
    if picture is None or picture.lang != lang:
        picture = build_picture(result, lang)
    rows = summary_rows(picture)
    widths = [max(len(r[i]) for r in (head, *rows)) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in (head, *rows)]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append(TOTAL(lang).format(n=len(result.sources), p=len(result.plans), e=result.report.errors,
                              w=result.report.warnings))
    lines.extend(_context_lines(picture))
    if result.skipped:
        lines.append(SKIPPED(lang).format(files="; ".join(f"{k.name} ({k.why(lang)})" for k in result.skipped)))
    lines.extend(str(p) for p in result.outputs)
    return "\n".join(lines)


def _context_lines(picture: "RegionalPicture") -> list[str]:
    """The date indicators were judged on, and who has not submitted, by name."""
    ctx, lang, missing = picture.context, picture.lang, picture.missing
    lines = []
    if ctx.on:
        lines.append(Text("summary.judged_on")(lang)
                     .format(d=ctx.on.strftime("%d.%m.%Y")))
    if missing:
        lines.append(Text("summary.not_submitted")(lang)
                     .format(n=len(missing), names=", ".join(missing)))
    return lines
