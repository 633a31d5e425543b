// The data side of the viewer: indexes over the htps-tree/1 JSON, statuses at a replay time, and
// the tree layout. No DOM here; viewer.js draws what this computes.
"use strict";
// `state` is the viewer's live state: this reads its time, proofOnly and collapsed fields.
window.HtpsTreeModel = function (DATA, state) {
  const GOAL_W = 250, TACTIC_W = 190, ROW_H = 32, COL_GAP = 46;
  const nodes = new Map(DATA.nodes.map((n) => [n.id, n]));
  const edges = new Map(DATA.edges.map((e) => [e.id, e]));
  const outEdges = new Map(DATA.nodes.map((n) => [n.id, []]));
  const inEdges = new Map(DATA.nodes.map((n) => [n.id, []]));
  const byTime = (a, b) => a.created_at - b.created_at || a.id - b.id;
  for (const e of [...edges.values()].sort(byTime)) {
    outEdges.get(e.parent).push(e);
    for (const c of e.children) inEdges.get(c).push(e);
  }
  const proofEdges = new Set(DATA.proof ? DATA.proof.edges : DATA.edges.filter((e) => e.in_proof).map((e) => e.id));
  let maxTime = 0;
  for (const n of nodes.values()) maxTime = Math.max(maxTime, n.created_at, n.expanded_at ?? 0);
  for (const e of edges.values()) maxTime = Math.max(maxTime, e.created_at);

  // ---- visibility, statuses at a replay time ----
  const edgeVisible = (e) =>
    e.created_at <= state.time && (!state.proofOnly || proofEdges.has(e.id));

  function statusesAt(t) {
    // At the last step the search's own statuses are exact; earlier ones are re-derived from the
    // tactics that existed then (a goal is proved by one tactic whose children are all proved).
    const node = new Map(), edge = new Map();
    if (t >= maxTime) {
      for (const n of nodes.values()) node.set(n.id, n.status);
      for (const e of edges.values()) edge.set(e.id, e.status);
      return { node, edge };
    }
    const nodeStatus = (id) => {
      if (node.has(id)) return node.get(id);
      node.set(id, "open");  // cycle guard
      const n = nodes.get(id);
      const es = outEdges.get(id).filter((e) => e.created_at <= t);
      const ss = es.map(edgeStatus);
      let s = "open";
      if (ss.includes("proved")) s = "proved";
      else if (n.expanded_at !== null && n.expanded_at <= t && ss.length && ss.every((x) => x === "failed")) s = "failed";
      node.set(id, s);
      return s;
    };
    const edgeStatus = (e) => {
      if (edge.has(e.id)) return edge.get(e.id);
      let s;
      if (e.error !== null || (e.children.length === 0 && e.status === "failed")) s = "failed";
      else if (e.children.length === 0) s = e.status;
      else {
        const cs = e.children.map(nodeStatus);
        s = cs.every((x) => x === "proved") ? "proved" : cs.includes("failed") ? "failed" : "open";
      }
      edge.set(e.id, s);
      return s;
    };
    for (const n of nodes.values()) if (n.created_at <= t) nodeStatus(n.id);
    return { node, edge };
  }

  // ---- layout: one row per leaf, parents centred on their children ----
  function homeEdge(id) {
    let best = null;
    for (const e of inEdges.get(id)) {
      if (!edgeVisible(e)) continue;
      if (!best || (proofEdges.has(e.id) && !proofEdges.has(best.id))) best = e;
    }
    return best;
  }

  function computeLayout() {
    const items = [], links = [], pos = { node: new Map(), edge: new Map() };
    const placed = new Set([DATA.root]);
    let row = 0;
    const place = (kind, ref, col, y) => {
      const item = { kind, ref, id: ref.id, col, x: colX(col), y, w: kind === "node" ? GOAL_W : TACTIC_W };
      items.push(item);
      pos[kind].set(ref.id, item);
      return item;
    };
    // Iterative post-order keeps 10,000-deep chains off the JS call stack.
    const stack = [{ kind: "node", ref: nodes.get(DATA.root), col: 0, kids: null, ys: [] }];
    while (stack.length) {
      const top = stack[stack.length - 1];
      if (top.kids === null) top.kids = childrenOf(top, placed);
      if (top.kids.length) {
        const k = top.kids.shift();
        stack.push({ kind: k.kind, ref: k.ref, col: top.col + 1, kids: null, ys: [], from: top });
        continue;
      }
      stack.pop();
      const y = top.ys.length ? (top.ys[0] + top.ys[top.ys.length - 1]) / 2 : ROW_H * row++;
      const item = place(top.kind, top.ref, top.col, y);
      if (top.from) top.from.ys.push(y);
      item.hidden = top.kind === "node" ? hiddenCount(top.ref.id) : 0;
    }
    for (const e of edges.values()) {
      const from = pos.edge.get(e.id);
      if (!from) continue;
      links.push({ a: pos.node.get(e.parent), b: from, proof: proofEdges.has(e.id), ref: false });
      for (const c of e.children) {
        const to = pos.node.get(c);
        const home = to && homeEdge(c);
        if (to) links.push({ a: from, b: to, proof: proofEdges.has(e.id), ref: !home || home.id !== e.id });
      }
    }
    return { items, links, pos, rows: row };
  }

  function colX(col) {
    const goals = Math.ceil(col / 2), tactics = Math.floor(col / 2);
    return goals * (GOAL_W + COL_GAP) + tactics * (TACTIC_W + COL_GAP);
  }

  function childrenOf(top, placed) {
    if (top.kind === "node") {
      if (state.collapsed.has(top.ref.id)) return [];
      return outEdges.get(top.ref.id).filter(edgeVisible).map((e) => ({ kind: "edge", ref: e }));
    }
    const kids = [];
    for (const c of top.ref.children) {
      const n = nodes.get(c);
      const home = homeEdge(c);
      if (placed.has(c) || n.created_at > state.time || !home || home.id !== top.ref.id) continue;
      placed.add(c);
      kids.push({ kind: "node", ref: n });
    }
    return kids;
  }

  function hiddenCount(id) {
    if (!state.collapsed.has(id)) return 0;
    return outEdges.get(id).filter(edgeVisible).length;
  }

  function targetLine(goal) {
    const lines = goal.split("\n");
    const t = lines.find((l) => l.startsWith("⊢")) || lines[lines.length - 1] || "";
    const more = goal.split("⊢").length - 2;  // several goals merged in one node
    return (more > 0 ? `[${more + 1} goals] ` : "") + t;
  }

  return {
    nodes, edges, outEdges, inEdges, proofEdges, maxTime, edgeVisible, statusesAt, homeEdge, computeLayout,
    targetLine,
  };
};
