"""The summary page of a `prove` run folder: pass rates and one row per theorem linking to its tree."""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from string import Template

from prover.results import ProofRecord
from prover.viz.page import asset


@dataclass(frozen=True)
class Row:
    """One theorem in the summary; `page` is the relative link to its tree page, `note` why none."""

    record: ProofRecord
    page: str | None
    note: str = ""


def page_name(name: str, taken: set[str], suffix: str) -> str:
    """A file name for a theorem's page: unsafe characters become `_`, clashes get `-2`, `-3`, ..."""
    base = re.sub(r"[^A-Za-z0-9._-]", "_", name).strip(".") or "theorem"
    candidate, k = base + suffix, 2
    while candidate.lower() in taken:
        candidate, k = f"{base}-{k}{suffix}", k + 1
    taken.add(candidate.lower())
    return candidate


def pass_rates(records: Iterable[ProofRecord]) -> list[tuple[str, int, int]]:
    """(group label, proved, total) for the whole run, then per split and per split/topic."""
    records = list(records)
    groups: Mapping[str, list[ProofRecord]] = defaultdict(list)
    for r in records:
        groups[f"split {r.split or '-'}"].append(r)
        if r.topic:
            groups[f"split {r.split or '-'} / {r.topic}"].append(r)
    rows = [("all", sum(r.proved for r in records), len(records))]
    rows += [(k, sum(r.proved for r in v), len(v)) for k, v in sorted(groups.items())]
    return rows


def _rate(proved: int, total: int) -> str:
    return f"{100 * proved / total:.1f}%" if total else "—"


def render_summary(run_name: str, rows: list[Row]) -> str:
    esc = html.escape
    rates = "".join(
        f"<tr><td>{esc(label)}</td><td>{p}</td><td>{t}</td><td>{_rate(p, t)}</td></tr>"
        for label, p, t in pass_rates(r.record for r in rows)
    )
    body = "".join(_theorem_row(row) for row in rows)
    total = len(rows)
    proved = sum(r.record.proved for r in rows)
    return Template(asset("summary.html")).substitute(
        title=esc(f"{run_name} · prove run"),
        run=esc(run_name),
        headline=f"{proved} / {total} proved ({_rate(proved, total)})",
        rates=rates,
        rows=body,
        css=asset("viewer.css") + asset("summary.css"),
        js=asset("table_sort.js") + asset("summary.js"),
    )


def _theorem_row(row: Row) -> str:
    esc, r = html.escape, row.record
    status = (
        '<span class="badge proved">proved</span>' if r.proved else '<span class="badge failed">failed</span>'
    )
    if row.page:
        tree = f'<a class="ref" href="{esc(row.page)}">tree</a>'
    else:
        tree = f'<span class="hint">{esc(row.note or "no tree")}</span>'
    cells = [
        f'<td class="name" data-sort="{esc(r.name)}">{esc(r.name)}</td>',
        f'<td data-sort="{int(r.proved)}">{status}</td>',
        f'<td data-sort="{r.seconds}">{r.seconds:.2f}</td>',
        f'<td data-sort="{r.expansions}">{r.expansions}</td>',
        f'<td data-sort="{r.env_calls}">{r.env_calls}</td>',
        f"<td>{esc(r.split)}</td><td>{esc(r.topic)}</td><td>{esc(r.search)}</td>",
        f"<td>{tree}</td>",
        f'<td class="err">{esc(r.error or "")}</td>',
    ]
    return f"<tr>{''.join(cells)}</tr>\n"
