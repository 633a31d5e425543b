"""Static SVG image of a search tree or of its proof alone, in pure Python (no graphviz), for papers.

The picture matches the interactive viewer: left to right, goals as rounded boxes coloured by status,
tactics as hexagons, the proof in gold; a goal with several parents is drawn once, under its proof
tactic (else its earliest one), and the other parents point at it with dashed links.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from prover.viz.model import SearchTree, TreeEdge

FILL = {"proved": "#d6f5dc", "failed": "#fbdada", "open": "#e7ecf3"}
STROKE = {"proved": "#2f9e44", "failed": "#c92a2a", "open": "#7b8794"}
PROOF = "#e8a200"
CHAR_W, LINE_H, PAD, ROW_GAP, COL_GAP = 7.3, 16.0, 8.0, 10.0, 40.0


@dataclass(frozen=True)
class Box:
    """One drawn goal (`kind="node"`) or tactic (`kind="edge"`); `y` is its vertical centre."""

    kind: str
    id: int
    col: int
    lines: tuple[str, ...]
    status: str
    in_proof: bool
    y: float
    under: int | None = None  # the tactic this goal is drawn under; None for the root and for tactics

    @property
    def width(self) -> float:
        return max(len(line) for line in self.lines) * CHAR_W + 2 * PAD + (12 if self.kind == "edge" else 0)

    @property
    def height(self) -> float:
        return len(self.lines) * LINE_H + PAD


def _clip(line: str, max_chars: int) -> str:
    return line if len(line) <= max_chars else line[: max_chars - 1] + "…"


def goal_lines(goal: str, *, full: bool, max_chars: int) -> tuple[str, ...]:
    """The goal's text as drawn: every line, or only the `⊢` target (the first one when goals merged)."""
    lines = goal.splitlines() or [""]
    if not full:
        lines = [next((x for x in lines if x.startswith("⊢")), lines[-1])]
    return tuple(_clip(x, max_chars) for x in lines)


def _home_edges(tree: SearchTree, keep: set[int]) -> dict[int, int]:
    """Each goal's home tactic: a proof tactic if one reaches it, else the earliest (then lowest id)."""
    home: dict[int, TreeEdge] = {}
    for edge in tree.edges.values():
        if edge.id not in keep:
            continue
        for child in edge.children:
            best = home.get(child)
            rank = (not edge.in_proof, edge.created_at, edge.id)
            if best is None or rank < (not best.in_proof, best.created_at, best.id):
                home[child] = edge
    return {child: edge.id for child, edge in home.items()}


def layout(
    tree: SearchTree, *, proof_only: bool = False, full_goals: bool = False, max_chars: int = 60
) -> list[Box]:
    """Boxes with rows assigned: one row per leaf, each parent centred on its first and last child."""
    keep = {e.id for e in tree.edges.values() if e.in_proof or not proof_only}
    if proof_only:
        keep &= set(tree.proof_edges) or {e.id for e in tree.edges.values() if e.in_proof}
    home = _home_edges(tree, keep)
    out = tree.out_edges()
    boxes: list[Box] = []
    cursor = 0.0
    # Iterative post-order. Frame: kind, id, column, pending children, children's centres, and where
    # the subtree starts (first box index, first free y) so a tall parent can push its subtree down.
    stack: list[tuple[str, int, int, list[tuple[str, int]], list[float], int, float]] = [
        ("node", tree.root, 0, [("edge", e.id) for e in out[tree.root] if e.id in keep], [], 0, 0.0)
    ]
    while stack:
        kind, ident, col, pending, ys, first, start = stack[-1]
        if pending:
            ckind, cid = pending.pop(0)
            if ckind == "edge":
                grand = [("node", c) for c in dict.fromkeys(tree.edges[cid].children) if home.get(c) == cid]
            else:
                grand = [("edge", e.id) for e in out[cid] if e.id in keep]
            stack.append((ckind, cid, col + 1, grand, [], len(boxes), cursor))
            continue
        stack.pop()
        box = _box(tree, kind, ident, col, full_goals, max_chars)
        y = (ys[0] + ys[-1]) / 2 if ys else start + box.height / 2
        shift = max(0.0, start + box.height / 2 - y)
        if shift:
            boxes[first:] = [Box(**{**b.__dict__, "y": b.y + shift}) for b in boxes[first:]]
            y += shift
        cursor = max(cursor + shift, y + box.height / 2 + ROW_GAP)
        under = stack[-1][1] if stack and kind == "node" else None
        boxes.append(Box(**{**box.__dict__, "y": y, "under": under}))
        if stack:
            stack[-1][4].append(y)
    return boxes


def _box(tree: SearchTree, kind: str, ident: int, col: int, full_goals: bool, max_chars: int) -> Box:
    if kind == "node":
        node = tree.nodes[ident]
        lines = goal_lines(node.goal, full=full_goals, max_chars=max_chars)
        return Box(kind, ident, col, lines, node.status, node.in_proof, 0.0)
    edge = tree.edges[ident]
    lines = tuple(_clip(x, max_chars) for x in edge.tactic.splitlines() or [""])
    if not edge.children and edge.status == "proved":
        lines = (*lines[:-1], lines[-1] + " ∎")  # the tactic closed its goal outright
    return Box(kind, ident, col, lines, edge.status, edge.in_proof, 0.0)


def render_svg(
    tree: SearchTree, *, proof_only: bool = False, full_goals: bool | None = None, max_chars: int = 60
) -> str:
    """The SVG document. `full_goals` (default: on for the proof alone) draws hypotheses too."""
    full = proof_only if full_goals is None else full_goals
    boxes = layout(tree, proof_only=proof_only, full_goals=full, max_chars=max_chars)
    col_w: dict[int, float] = {}
    for b in boxes:
        col_w[b.col] = max(col_w.get(b.col, 0.0), b.width)
    col_x = [20.0]
    for c in range(max(col_w) + 1):
        col_x.append(col_x[-1] + col_w.get(c, 0.0) + COL_GAP)
    top = 44.0
    where = {(b.kind, b.id): b for b in boxes}
    width = col_x[-1] - COL_GAP + 20
    height = top + max(b.y + b.height / 2 for b in boxes) + 20
    title = f"{tree.theorem} — {'proof' if proof_only else tree.search + ' search tree'}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="12">',
        '<rect width="100%" height="100%" fill="#ffffff"/>',
        f'<text x="20" y="26" font-size="15" font-weight="bold" fill="#1f2933">{escape(title)}</text>',
    ]
    parts += _links(tree, where, col_x, col_w, top)
    for b in boxes:
        parts.append(_shape(b, col_x[b.col], col_w[b.col], top))
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _links(
    tree: SearchTree, where: dict, col_x: list[float], col_w: dict[int, float], top: float
) -> list[str]:
    out = []

    def curve(a: Box, b: Box, proof: bool, dashed: bool) -> str:
        x0, y0 = col_x[a.col] + a.width, top + a.y
        x1, y1 = col_x[b.col], top + b.y
        mx = (x0 + x1) / 2
        style = (
            f'stroke="{PROOF}" stroke-width="3"'
            if proof and not dashed
            else 'stroke="#9aa5b1" stroke-width="1.2"'
        )
        dash = ' stroke-dasharray="5 4"' if dashed else ""
        return f'<path d="M{x0:.1f},{y0:.1f} C{mx:.1f},{y0:.1f} {mx:.1f},{y1:.1f} {x1:.1f},{y1:.1f}" fill="none" {style}{dash}/>'

    for edge in tree.edges.values():
        box = where.get(("edge", edge.id))
        if box is None:
            continue
        out.append(curve(where[("node", edge.parent)], box, edge.in_proof, False))
        for child in dict.fromkeys(edge.children):
            target = where.get(("node", child))
            if target is not None:
                out.append(curve(box, target, edge.in_proof, target.under != edge.id))
    return out


def _shape(b: Box, x: float, col_width: float, top: float) -> str:
    w, h = b.width, b.height
    y = top + b.y - h / 2
    stroke = PROOF if b.in_proof else STROKE[b.status]
    sw = 2.5 if b.in_proof else 1.5
    if b.kind == "node":
        shape = f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" rx="7" fill="{FILL[b.status]}" stroke="{stroke}" stroke-width="{sw}"/>'
        tx, color = x + PAD, "#1f2933"
    else:
        d = min(h / 2, 10)
        pts = [
            (x, y + h / 2),
            (x + d, y),
            (x + w - d, y),
            (x + w, y + h / 2),
            (x + w - d, y + h),
            (x + d, y + h),
        ]
        poly = " ".join(f"{px:.1f},{py:.1f}" for px, py in pts)
        shape = f'<polygon points="{poly}" fill="#ffffff" stroke="{stroke}" stroke-width="{sw}"/>'
        tx, color = x + PAD + 6, STROKE[b.status]
    spans = "".join(
        f'<tspan x="{tx:.1f}" y="{y + PAD / 2 + LINE_H * (i + 0.75):.1f}">{escape(line)}</tspan>'
        for i, line in enumerate(b.lines)
    )
    return f'<g class="{b.kind}" data-id="{b.id}">{shape}<text fill="{color}" xml:space="preserve">{spans}</text></g>'
