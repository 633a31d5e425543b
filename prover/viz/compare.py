"""Two `prove` runs side by side: per theorem, proved in both, only in A, only in B, or in neither;
expansions and time of each; pass rates per split and topic; links to both trees."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from string import Template

from prover.results import ProofRecord
from prover.viz.page import asset
from prover.viz.summary import Row, pass_rates

# Category keys (stable: tests and scripts read them from the page) and their labels.
CATEGORIES = {"both": "proved in both", "only_a": "only in A", "only_b": "only in B", "neither": "in neither"}


@dataclass(frozen=True)
class Side:
    """One run of the comparison: its label, the folder of its pages (relative, ending in `/`), its rows."""

    label: str
    href: str
    rows: Sequence[Row]


@dataclass(frozen=True)
class Pair:
    """A theorem in A, B or both; a run that has no record of it holds None (it counts as not proved)."""

    name: str
    a: Row | None
    b: Row | None

    @property
    def category(self) -> str:
        pa = self.a is not None and self.a.record.proved
        pb = self.b is not None and self.b.record.proved
        return "both" if pa and pb else "only_a" if pa else "only_b" if pb else "neither"


def pair_rows(a: Sequence[Row], b: Sequence[Row]) -> list[Pair]:
    """Theorems matched by name, in A's order then B's extra ones; a name recorded twice in one run
    (a resumed run) keeps its last record, as `prove`'s summary does."""
    by_a = {r.record.name: r for r in a}
    by_b = {r.record.name: r for r in b}
    names = list(dict.fromkeys([*by_a, *by_b]))
    return [Pair(n, by_a.get(n), by_b.get(n)) for n in names]


def category_counts(pairs: Sequence[Pair]) -> dict[str, int]:
    counts = dict.fromkeys(CATEGORIES, 0)
    for p in pairs:
        counts[p.category] += 1
    return counts


def _rate(proved: int, total: int) -> str:
    return f"{proved}/{total} ({100 * proved / total:.1f}%)" if total else "—"


def _rates_rows(a: Sequence[Row], b: Sequence[Row]) -> str:
    ra = {label: (p, t) for label, p, t in pass_rates(r.record for r in a)}
    rb = {label: (p, t) for label, p, t in pass_rates(r.record for r in b)}
    out = []
    for label in sorted(ra.keys() | rb.keys(), key=lambda k: (k != "all", k)):
        pa, ta = ra.get(label, (0, 0))
        pb, tb = rb.get(label, (0, 0))
        delta = f"{pb - pa:+d}" if ta and tb else ""
        out.append(
            f'<tr data-group="{html.escape(label)}"><td>{html.escape(label)}</td>'
            f'<td data-k="a">{_rate(pa, ta)}</td><td data-k="b">{_rate(pb, tb)}</td><td>{delta}</td></tr>'
        )
    return "\n".join(out)


def _cells(row: Row | None, href: str) -> list[str]:
    """Status, expansions, seconds and tree link of one run (dashes when the run lacks the theorem)."""
    if row is None:
        dash = '<td data-sort="-1">—</td>'
        return ['<td data-sort="-1"><span class="hint">absent</span></td>', dash, dash, "<td></td>"]
    r: ProofRecord = row.record
    status = (
        '<span class="badge proved">proved</span>' if r.proved else '<span class="badge failed">failed</span>'
    )
    if r.error:
        status += f' <span class="err" title="{html.escape(r.error)}">error</span>'
    tree = (
        f'<a class="ref" href="{html.escape(href + row.page)}">tree</a>'
        if row.page
        else f'<span class="hint">{html.escape(row.note or "no tree")}</span>'
    )
    return [
        f'<td data-sort="{int(r.proved)}">{status}</td>',
        f'<td data-sort="{r.expansions}">{r.expansions}</td>',
        f'<td data-sort="{r.seconds}">{r.seconds:.2f}</td>',
        f"<td>{tree}</td>",
    ]


def _theorem_row(pair: Pair, a: Side, b: Side) -> str:
    rec = (pair.a or pair.b).record
    ca, cb = _cells(pair.a, a.href), _cells(pair.b, b.href)
    cells = [
        f'<td class="name">{html.escape(pair.name)}</td>',
        f"<td>{html.escape(rec.split)}</td><td>{html.escape(rec.topic)}</td>",
        f'<td class="cat {pair.category}">{CATEGORIES[pair.category]}</td>',
        ca[0],
        cb[0],
        ca[1],
        cb[1],
        ca[2],
        cb[2],
        ca[3],
        cb[3],
    ]
    return f'<tr data-cat="{pair.category}">{"".join(cells)}</tr>\n'


def _totals(side: Side) -> str:
    recs = [r.record for r in side.rows]
    proved = sum(r.proved for r in recs)
    return (
        f"{proved}/{len(recs)} proved · {sum(r.expansions for r in recs)} expansions · "
        f"{sum(r.seconds for r in recs):.1f} s"
    )


def render_compare(a: Side, b: Side) -> str:
    """The comparison page; `a.href`/`b.href` are the folders (relative to it) of each run's pages."""
    esc = html.escape
    pairs = pair_rows(a.rows, b.rows)
    counts = category_counts(pairs)
    buttons = "".join(
        f'<button class="cat-filter" data-cat="{k}"><span id="count-{k}">{counts[k]}</span> {label}</button>'
        for k, label in CATEGORIES.items()
    )
    return Template(asset("compare.html")).substitute(
        title=esc(f"{a.label} vs {b.label} · prove runs"),
        label_a=esc(a.label),
        label_b=esc(b.label),
        index_a=esc(a.href + "index.html"),
        index_b=esc(b.href + "index.html"),
        totals_a=esc(_totals(a)),
        totals_b=esc(_totals(b)),
        n_theorems=len(pairs),
        buttons=buttons,
        rates=_rates_rows(a.rows, b.rows),
        rows="".join(_theorem_row(p, a, b) for p in pairs),
        css=asset("viewer.css") + asset("summary.css"),
        js=asset("table_sort.js") + asset("compare.js"),
    )
