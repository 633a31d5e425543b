"""Synthetic `htps-tree/1` trees of any size, for the viewer's tests and benches.

The generator grows a tree the way a search does (one goal expanded per step, tactics that fail with a
Lean error, close the goal, or open subgoals, some merged with an existing goal) and then derives every
status from the edges, so the trees obey the same invariants as the search's own output.
"""

from __future__ import annotations

import random

ERRORS = [
    "unknown identifier 'h'",
    "type mismatch\n  h\nhas type\n  a < b : Prop\nbut is expected to have type\n  b < a : Prop",
    "linarith failed to find a contradiction",
    "unsolved goals\n⊢ 0 < n + 1 </script><!-- not markup -->",
]
TACTICS = [
    "intro h",
    "simp",
    "omega",
    "exact h",
    "constructor",
    "cases n",
    "induction n with\n| zero => simp\n| succ k ih => omega",
    "rfl",
    "apply Nat.le_of_lt",
    "rw [Nat.add_comm]",
]


def _goal_text(rng: random.Random, i: int) -> str:
    hyps = [f"h{j} : x{j} + {rng.randint(0, 9)} ≤ y{j}" for j in range(rng.randint(0, 3))]
    return "\n".join(["n m : ℕ", *hyps, f"⊢ n * {i} + m = m + n * {i} ∧ P{i} <x>"])


def make_tree(
    n_nodes: int, *, seed: int = 0, branching: int = 4, proved: bool = True, error_rate: float = 0.3
) -> dict:
    """A valid tree with exactly `n_nodes` goals (at least 1). With `proved`, the root is proved by
    closing tactics added at the last step; the marked proof prefers tactics with more subgoals (a deep
    proof to look at, not necessarily the minimal one). Without it, no tactic closes a goal.
    `error_rate` is the share of tactics that fail with a Lean error (real runs with the rule policy:
    about 0.7, i.e. some 4 tactics per goal)."""
    rng = random.Random(seed)
    nodes = [_node(0, _goal_text(rng, 0), depth=0, created_at=0)]
    edges: list[dict] = []
    frontier = [0]
    t = 0
    while len(nodes) < n_nodes and frontier:
        t += 1
        parent = frontier.pop(rng.randrange(len(frontier)) if rng.random() < 0.3 else 0)
        nodes[parent]["expanded_at"] = t
        for k in range(rng.randint(1, branching)):
            # A search whose frontier ran dry stops; keep growing until the requested size.
            kind = 1.0 if k == 0 and not frontier else rng.random()
            children: list[int] = []
            error = None
            if kind < error_rate:
                error = rng.choice(ERRORS)
            elif kind < error_rate + 0.1 and proved:
                pass  # closes the goal
            else:
                for _ in range(rng.choice([1, 1, 2])):
                    # Merging only into later goals keeps the graph acyclic, as the search guarantees.
                    later = [nid for nid in frontier[-20:] if nid > parent and nid not in children]
                    if later and rng.random() < 0.1:
                        children.append(rng.choice(later))
                    elif len(nodes) < n_nodes:
                        nid = len(nodes)
                        nodes.append(
                            _node(nid, _goal_text(rng, nid), depth=nodes[parent]["depth"] + 1, created_at=t)
                        )
                        frontier.append(nid)
                        children.append(nid)
                if not children:
                    error = rng.choice(ERRORS)
            edges.append(_edge(len(edges), parent, rng.choice(TACTICS), children, error, t, rng))
    if proved:
        _prove_path(nodes, edges, t + 1)
    _propagate(nodes, edges)
    proof = _mark_proof(nodes, edges)
    return {
        "format": "htps-tree/1",
        "theorem": f"synthetic_{n_nodes}_{seed}",
        "search": "htps",
        "proved": nodes[0]["status"] == "proved",
        "root": 0,
        "nodes": nodes,
        "edges": edges,
        "proof": proof,
        "stats": {
            "expansions": max(t, 1),
            "env_calls": len(edges),
            "seconds": 0.5 + n_nodes / 1000,
            "stop_reason": "proved" if proof else "budget",
        },
    }


def _node(nid: int, goal: str, *, depth: int, created_at: int) -> dict:
    return {
        "id": nid,
        "goal": goal,
        "key": goal,
        "status": "open",
        "visits": 0,
        "value": None,
        "q": None,
        "depth": depth,
        "created_at": created_at,
        "expanded_at": None,
        "in_proof": False,
    }


def _edge(eid: int, parent: int, tactic: str, children: list[int], error, t: int, rng: random.Random) -> dict:
    visits = 0 if error else rng.randint(0, 50)
    return {
        "id": eid,
        "parent": parent,
        "tactic": tactic,
        "prior": round(rng.random(), 4),
        "logprob": round(-rng.random() * 5, 4),
        "visits": visits,
        "q": round(rng.random(), 4) if visits else None,
        "children": children,
        "status": "open",
        "error": error,
        "created_at": t,
        "in_proof": False,
    }


def _prove_path(nodes: list[dict], edges: list[dict], t: int) -> None:
    """Prove the root along its first-child chain: close each side subgoal with `simp` and the last goal
    of the chain with `omega`, so the proof runs as deep as the tree does."""
    nid = 0
    while True:
        opening = [e for e in edges if e["parent"] == nid and e["children"] and e["error"] is None]
        if not opening:
            break
        for c in opening[0]["children"][1:]:
            nodes[c]["expanded_at"] = nodes[c]["expanded_at"] or t
            edges.append(_edge(len(edges), c, "simp", [], None, t, random.Random(c)))
        nid = opening[0]["children"][0]
    nodes[nid]["expanded_at"] = nodes[nid]["expanded_at"] or t
    edges.append({**_edge(len(edges), nid, "omega", [], None, t, random.Random(nid)), "prior": 0.9})


def _propagate(nodes: list[dict], edges: list[dict]) -> None:
    out: dict[int, list[dict]] = {n["id"]: [] for n in nodes}
    for e in edges:
        out[e["parent"]].append(e)
    for n in reversed(nodes):  # children always have larger ids than their parents
        for e in out[n["id"]]:
            cs = [nodes[c]["status"] for c in e["children"]]
            e["status"] = (
                "failed"
                if e["error"] or "failed" in cs
                else "proved"
                if all(s == "proved" for s in cs)
                else "open"
            )
        ss = [e["status"] for e in out[n["id"]]]
        n["status"] = (
            "proved" if "proved" in ss else "failed" if ss and all(s == "failed" for s in ss) else "open"
        )
        n["visits"] = sum(e["visits"] for e in out[n["id"]])
        n["value"] = (
            1.0
            if n["status"] == "proved"
            else 0.0
            if n["status"] == "failed"
            else round(0.5 / (1 + n["depth"]), 4)
        )
        n["q"] = n["value"] if n["visits"] else None


def _mark_proof(nodes: list[dict], edges: list[dict]) -> dict | None:
    if nodes[0]["status"] != "proved":
        return None
    lines, ids, stack = [], [], [(0, 0)]
    while stack:
        nid, indent = stack.pop()
        nodes[nid]["in_proof"] = True
        edge = min(
            (e for e in edges if e["parent"] == nid and e["status"] == "proved"),
            key=lambda e: -len(e["children"]),
        )
        edge["in_proof"] = True
        ids.append(edge["id"])
        lines.append("  " * indent + edge["tactic"])
        stack.extend((c, indent + 1) for c in reversed(edge["children"]))
    return {"script": "\n".join(lines), "edges": ids}
