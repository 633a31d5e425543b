"""Tactic scripts in Lean's layout: sequences by column, `·` focus blocks, `case`/`next`, structured
`cases ... with | ...`/`induction ... with | ...` alternatives, `;` and `<;>`, `have ... := by` blocks."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from functools import lru_cache

from prover.env.embedded.goals import GoalState, Hyp
from prover.env.embedded.rewrite import t_rewrite, t_rw
from prover.env.embedded.simp import t_simp
from prover.env.embedded.structural import t_cases, t_induction, t_obtain, t_rcases, t_rintro
from prover.env.embedded.tactics import (
    TacticFail,
    _prop,
    t_apply,
    t_assumption,
    t_by_cases,
    t_constructor,
    t_contradiction,
    t_decide,
    t_exact,
    t_exfalso,
    t_exists,
    t_have,
    t_intro,
    t_intros,
    t_left_right,
    t_omega,
    t_refine,
    t_rename_i,
    t_rfl,
    t_show,
    t_trivial,
    unsupported,
)
from prover.env.embedded.terms import fresh_id

TACTICS = {
    "intro": t_intro,
    "intros": t_intros,
    "rintro": t_rintro,
    "exact": t_exact,
    "refine": t_refine,
    "apply": t_apply,
    "assumption": t_assumption,
    "constructor": t_constructor,
    "left": t_left_right("left"),
    "right": t_left_right("right"),
    "exfalso": t_exfalso,
    "contradiction": t_contradiction,
    "trivial": t_trivial,
    "rfl": t_rfl,
    "decide": t_decide,
    "omega": t_omega,
    "cases": t_cases,
    "rcases": t_rcases,
    "obtain": t_obtain,
    "induction": t_induction,
    "exists": t_exists,
    "show": t_show,
    "have": t_have,
    "rw": t_rw,
    "rewrite": t_rewrite,
    "simp": t_simp,
    "by_cases": t_by_cases,
    "rename_i": t_rename_i,
}
FORBIDDEN = {"sorry", "admit", "native_decide", "exact?", "apply?", "simp?", "decide!"}
MAX_SCRIPT = 200_000


class ScriptError(Exception):
    """A tactic failed; `line`/`col` locate it in the script (1-based line, 0-based column)."""

    def __init__(self, line: int, col: int, message: str) -> None:
        super().__init__(f"{line}:{col}: {message}")
        self.line, self.col, self.message = line, col, message


@dataclass(frozen=True)
class Item:
    line: int
    col: int
    text: str


@dataclass(frozen=True)
class Node:
    """kind: tac | focus | case | next | with | have_by | all; `body` holds child nodes."""

    kind: str
    line: int
    col: int
    text: str = ""
    body: tuple[Node, ...] = ()
    alts: tuple[tuple[str, tuple[str, ...], tuple[Node, ...]], ...] = ()


def _items(script: str) -> list[Item]:
    if len(script) > MAX_SCRIPT:
        raise ScriptError(1, 0, f"embedded: script of {len(script)} characters is too long")
    if "\t" in script:
        line = script[: script.index("\t")].count("\n") + 1
        raise ScriptError(line, 0, "tabs are not allowed; please configure your editor to expand them")
    out = []
    for n, raw in enumerate(script.split("\n"), start=1):
        text = raw.split("--", 1)[0].rstrip()
        if text.strip():
            col = len(text) - len(text.lstrip())
            out.append(Item(n, col, text.strip()))
    return out


@lru_cache(maxsize=65536)
def parse_script(script: str) -> tuple[Node, ...]:
    items = _items(script)
    nodes, i = _seq(items, 0, items[0].col if items else 0, 0)
    if i != len(items):
        bad = items[i]
        raise ScriptError(bad.line, bad.col, "unexpected indentation")
    return nodes


def _seq(items: list[Item], i: int, col: int, depth: int) -> tuple[tuple[Node, ...], int]:
    if depth > 60:
        raise ScriptError(items[i].line if i < len(items) else 1, 0, "embedded: script is nested too deeply")
    nodes: list[Node] = []
    while i < len(items) and items[i].col == col:
        head = items[i]
        j = i + 1
        alt_ok = bool(re.search(r"\bwith\s*$", head.text))
        while j < len(items) and (items[j].col > col or (alt_ok and items[j].text.startswith("|"))):
            j += 1
        nodes.extend(_node(head, items[i + 1 : j], depth))
        i = j
    return tuple(nodes), i


def _block(first: Item | None, rest: list[Item], depth: int) -> tuple[Node, ...]:
    items = ([first] if first is not None and first.text else []) + rest
    if not items:
        return ()
    nodes, i = _seq(items, 0, items[0].col, depth + 1)
    if i != len(items):
        raise ScriptError(items[i].line, items[i].col, "expected command (bad indentation)")
    return nodes


def _node(head: Item, rest: list[Item], depth: int) -> list[Node]:
    text = head.text
    if text[0] in "·." and (len(text) == 1 or text[1] == " "):
        sub = text[1:].lstrip()
        first = Item(head.line, head.col + len(text) - len(sub), sub)
        return [Node("focus", head.line, head.col, body=_block(first, rest, depth))]
    m = re.match(r"(case|next)\b(.*?)=>\s*(.*)$", text)
    if m:
        first = Item(head.line, head.col + m.start(3), m.group(3))
        return [Node(m.group(1), head.line, head.col, m.group(2).strip(), _block(first, rest, depth))]
    m = re.match(r"(have\b.*?:=)\s*by\s*(.*)$", text)
    if m:
        first = Item(head.line, head.col + m.start(2), m.group(2))
        return [Node("have_by", head.line, head.col, m.group(1)[:-2].strip(), _block(first, rest, depth))]
    if re.match(r"(cases|induction)\b.*\bwith\s*$", text):
        return [Node("with", head.line, head.col, text[:-4].strip(), alts=_alts(rest, head, depth))]
    for item in rest:
        text += " " + item.text
    return _split_seq(text, head)


def _alts(
    rest: list[Item], head: Item, depth: int
) -> tuple[tuple[str, tuple[str, ...], tuple[Node, ...]], ...]:
    alts = []
    i = 0
    while i < len(rest):
        item = rest[i]
        m = re.match(r"\|\s*([\w.]+)((?:\s+[\w'!?]+)*)\s*=>\s*(.*)$", item.text)
        if not m:
            raise ScriptError(item.line, item.col, "expected '| ctor names => tactics'")
        j = i + 1
        while j < len(rest) and rest[j].col > item.col:
            j += 1
        first = Item(item.line, item.col + m.start(3), m.group(3))
        alts.append((m.group(1), tuple(m.group(2).split()), _block(first, rest[i + 1 : j], depth)))
        i = j
    if not alts:
        raise ScriptError(head.line, head.col, "expected alternatives after 'with'")
    return tuple(alts)


def _split_seq(text: str, head: Item) -> list[Node]:
    parts, depth, cur = [], 0, ""
    k = 0
    while k < len(text):
        ch = text[k]
        depth += ch in "([⟨{"
        depth -= ch in ")]⟩}"
        if depth == 0 and text.startswith("<;>", k):
            parts.append(cur)
            parts.append("<;>")
            cur, k = "", k + 3
            continue
        if depth == 0 and ch == ";":
            parts.append(cur)
            cur = ""
        else:
            cur += ch
        k += 1
    parts.append(cur)
    nodes: list[Node] = []
    pending_all = False
    for p in parts:
        if p == "<;>":
            pending_all = True
            continue
        p = p.strip()
        if not p:
            raise ScriptError(head.line, head.col, "expected tactic")
        node = Node("tac", head.line, head.col, p)
        if pending_all:
            node = Node("all", head.line, head.col, body=(nodes.pop(), node))
            pending_all = False
        nodes.append(node)
    return nodes


@dataclass
class Runner:
    """Runs parsed scripts on goal lists with a step and wall-clock budget."""

    theorem: str
    max_steps: int
    deadline: float
    steps: int = 0

    def tick(self, node: Node) -> None:
        self.steps += 1
        if self.steps > self.max_steps or time.monotonic() > self.deadline:
            raise ScriptError(node.line, node.col, "embedded: step limit exceeded")

    def run(self, nodes: tuple[Node, ...], goals: list[GoalState]) -> list[GoalState]:
        for node in nodes:
            self.tick(node)
            if not goals:
                raise ScriptError(node.line, node.col, "no goals to be proved")
            goals = self._node(node, goals)
        return goals

    def closed(self, nodes: tuple[Node, ...], goal: GoalState, node: Node) -> None:
        left = self.run(nodes, [goal])
        if left:
            raise ScriptError(node.line, node.col, "unsolved goals\n" + "\n\n".join(g.text for g in left))

    def _node(self, node: Node, goals: list[GoalState]) -> list[GoalState]:
        main, rest = goals[0], goals[1:]
        if node.kind == "tac" and node.text.startswith("all_goals "):
            return [g for goal in goals for g in self.tactic(node, goal)]
        if node.kind == "tac":
            return self.tactic(node, main) + rest
        if node.kind == "focus":
            self.closed(node.body, main, node)
            return rest
        if node.kind == "all":
            first = self._node(node.body[0], [main])
            out = []
            for g in first:
                out += self._node(node.body[1], [g])
            return out + rest
        if node.kind in ("case", "next"):
            return self._case(node, goals)
        if node.kind == "have_by":
            return self._have(node, main) + rest
        return self._with(node, main) + rest

    def tactic(self, node: Node, goal: GoalState) -> list[GoalState]:
        name, _, args = node.text.partition(" ")
        if name in ("try", "all_goals") and args.strip():
            # `try t` / `all_goals t` here act on one goal; `_node` maps all_goals over the goal list.
            return self._combinator(node, name, args.strip(), goal)
        if name in FORBIDDEN or re.search(r"\b(sorry|admit|native_decide)\b", node.text):
            raise ScriptError(node.line, node.col, f"embedded: '{name}' is not allowed in proofs")
        fn = TACTICS.get(name)
        try:
            if fn is None:
                raise unsupported(f"the tactic '{name}'")
            return fn(goal, args, self.theorem)
        except TacticFail as exc:
            raise ScriptError(node.line, node.col, str(exc)) from exc

    def _combinator(self, node: Node, name: str, body: str, goal: GoalState) -> list[GoalState]:
        inner = tuple(Node(n.kind, node.line, node.col, n.text, n.body, n.alts) for n in parse_script(body))
        if name == "all_goals":
            return self.run(inner, [goal])
        try:
            return self.run(inner, [goal])
        except ScriptError as exc:
            # An undecided step must not be swallowed: Lean might have succeeded where we gave up.
            if exc.message.startswith("embedded:"):
                raise
            return [goal]

    def _case(self, node: Node, goals: list[GoalState]) -> list[GoalState]:
        words = node.text.split()
        if node.kind == "case":
            if not words:
                raise ScriptError(node.line, node.col, "case expects a tag")
            tag, names = words[0], words[1:]
            idx = next((i for i, g in enumerate(goals) if g.tag == tag or g.tag.endswith("." + tag)), None)
            if idx is None:
                raise ScriptError(node.line, node.col, f"Case tag '{tag}' not found.")
        else:
            idx, names = 0, words
        goal = goals[idx]
        if names:
            goal = self.tactic(Node("tac", node.line, node.col, "rename_i " + " ".join(names)), goal)[0]
        self.closed(node.body, GoalState(goal.hyps, goal.target, ""), node)
        return goals[:idx] + goals[idx + 1 :]

    def _have(self, node: Node, goal: GoalState) -> list[GoalState]:
        m = re.fullmatch(r"have\s+([A-Za-z_][\w'!?]*)?\s*:\s*(.+)", node.text, re.S)
        if not m:
            raise ScriptError(node.line, node.col, "embedded: this form of 'have' is not supported")
        try:
            prop = _prop(m.group(2), goal)
        except TacticFail as exc:
            raise ScriptError(node.line, node.col, str(exc)) from exc
        self.closed(node.body, GoalState(goal.hyps, prop, ""), node)
        return [goal.add(Hyp(fresh_id(), m.group(1) or "this", prop))]

    def _with(self, node: Node, goal: GoalState) -> list[GoalState]:
        name, _, args = node.text.partition(" ")
        names = {ctor: list(ns) for ctor, ns, _ in node.alts}
        try:
            fn = t_cases if name == "cases" else t_induction
            produced = fn(goal, args, self.theorem, names)
        except TacticFail as exc:
            raise ScriptError(node.line, node.col, str(exc)) from exc
        by_ctor = {ctor: body for ctor, _, body in node.alts}
        if len(by_ctor) != len(node.alts):
            raise ScriptError(node.line, node.col, "duplicate alternative")
        tags = [g.tag.rsplit(".", 1)[-1] for g in produced]
        for ctor in by_ctor:
            if ctor not in tags:
                raise ScriptError(node.line, node.col, f"invalid alternative name '{ctor}'")
        for g, tag in zip(produced, tags, strict=True):
            if tag not in by_ctor:
                raise ScriptError(node.line, node.col, f"alternative '{tag}' has not been provided")
            self.closed(by_ctor[tag], g, node)
        return []


def run_script(
    script: str, goals: list[GoalState], *, theorem: str, max_steps: int, timeout_s: float
) -> list[GoalState]:
    """Run `script` on `goals`; return the goals left. Raises ScriptError at the first failure."""
    nodes = parse_script(script)
    runner = Runner(theorem, max_steps, time.monotonic() + timeout_s)
    return runner.run(nodes, goals)
