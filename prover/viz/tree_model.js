// The data side of the viewer: indexes over the htps-tree/1 JSON, the principal variation, which
// tactics each goal shows, statuses at a replay time. No DOM here: layout.js lays out what this
// computes and draw.js draws it.
"use strict";
// `state` is the viewer's live state: this reads its time, proofOnly, focus, mode and pinned fields.
window.HtpsTreeModel = function (DATA, state, CONFIG) {
  const ROW_H = 30;
  const TOP = Math.max(1, CONFIG.top_tactics || 3);
  const nodes = new Map(), edges = new Map(), outEdges = new Map(), inEdges = new Map();
  for (const n of DATA.nodes) { nodes.set(n.id, n); outEdges.set(n.id, []); inEdges.set(n.id, []); }
  for (const e of DATA.edges) edges.set(e.id, e);
  // A goal's tactics by how much the search used them: visits, then proved, then valid, then prior.
  const rank = (a, b) => b.visits - a.visits || (b.status === "proved") - (a.status === "proved") ||
    (a.error === null ? 0 : 1) - (b.error === null ? 0 : 1) || b.prior - a.prior || a.id - b.id;
  for (const e of DATA.edges) {
    outEdges.get(e.parent).push(e);
    for (const c of e.children) inEdges.get(c).push(e);
  }
  for (const list of outEdges.values()) if (list.length > 1) list.sort(rank);
  const byTime = (a, b) => a.created_at - b.created_at || a.id - b.id;
  for (const list of inEdges.values()) if (list.length > 1) list.sort(byTime);
  const proofEdges = new Set(DATA.proof ? DATA.proof.edges : DATA.edges.filter((e) => e.in_proof).map((e) => e.id));
  const proofNodes = new Set([...proofEdges].map((id) => edges.get(id).parent));
  let maxTime = 0;
  for (const n of DATA.nodes) maxTime = Math.max(maxTime, n.created_at, n.expanded_at ?? 0);
  for (const e of DATA.edges) maxTime = Math.max(maxTime, e.created_at);
  const pv = principalVariation();
  const pvNodes = new Set(pv.map((s) => s.node));
  const pvEdges = new Set(pv.filter((s) => s.edge !== null).map((s) => s.edge));

  // The principal variation: from the root, the most visited valid tactic, then its most visited
  // subgoal (an unsolved one first on ties: that is where the search was still working), until a goal
  // with no visited tactic. One path, so it reads like a line of play.
  function principalVariation() {
    const path = [], seen = new Set();
    let id = DATA.root;
    while (!seen.has(id)) {
      seen.add(id);
      const best = outEdges.get(id).find((e) => e.error === null);
      const take = best && (best.visits > 0 || best.status === "proved" || proofEdges.has(best.id)) ? best : null;
      path.push({ node: id, edge: take ? take.id : null });
      if (!take || !take.children.length) break;
      let next = null;
      for (const c of take.children) {
        const n = nodes.get(c);
        if (!next || n.visits > next.visits || (n.visits === next.visits && next.status === "proved" && n.status !== "proved")) next = n;
      }
      id = next.id;
    }
    return path;
  }

  // ---- which tactics a goal shows: mode 0 none, 1 its top few, 2 all; pinned ones always ----
  const edgeVisible = (e) => e.created_at <= state.time && (!state.proofOnly || proofEdges.has(e.id));

  function defaultMode(id) {
    if (!state.focus) return 2;
    return pvNodes.has(id) || proofNodes.has(id) || id === DATA.root ? 1 : 0;
  }
  const modeOf = (id) => (state.mode.has(id) ? state.mode.get(id) : defaultMode(id));

  function split(id) {
    const shown = [], hidden = [];
    const mode = modeOf(id), pinned = state.pinned.get(id);
    let rankNo = 0;
    for (const e of outEdges.get(id)) {
      if (!edgeVisible(e)) continue;
      const keep = state.proofOnly || mode === 2 || (pinned && pinned.has(e.id)) ||
        (mode === 1 && (rankNo < TOP || proofEdges.has(e.id) || pvEdges.has(e.id)));
      (keep ? shown : hidden).push(e);
      rankNo++;
    }
    return { shown, hidden };
  }

  // ---- statuses at a replay time ----
  // The final statuses are the file's own: read them in place (a Map-like view, no copy of 100k entries).
  const finalStatuses = {
    node: { get: (id) => nodes.get(id)?.status, entries: () => DATA.nodes.map((n) => [n.id, n.status]) },
    edge: { get: (id) => edges.get(id)?.status },
  };
  function statusesAt(t) {
    // At the last step the search's own statuses are exact; earlier ones are re-derived from the
    // tactics that existed then (a goal is proved by one tactic whose children are all proved).
    if (t >= maxTime) return finalStatuses;
    const node = new Map(), edge = new Map();
    const nodeStatus = (id) => {
      if (node.has(id)) return node.get(id);
      node.set(id, "open");  // cycle guard
      const n = nodes.get(id);
      const ss = outEdges.get(id).filter((e) => e.created_at <= t).map(edgeStatus);
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
    for (const n of DATA.nodes) if (n.created_at <= t) nodeStatus(n.id);
    return { node, edge };
  }

  // A path of tactics from the root to a goal (through the goal's earliest parents), so that search
  // and links can pin them and reveal a goal hidden in a collapsed part.
  function pathTo(id) {
    const path = [], seen = new Set();
    while (id !== DATA.root && !seen.has(id)) {
      seen.add(id);
      const ins = inEdges.get(id).filter((e) => edgeVisible(e) && !seen.has(e.parent));
      if (!ins.length) break;
      const e = ins.find((x) => proofEdges.has(x.id)) || ins[0];
      path.push(e);
      id = e.parent;
    }
    return path.reverse();
  }

  function targetLine(goal) {
    const lines = goal.split("\n");
    const t = lines.find((l) => l.startsWith("⊢")) || lines[lines.length - 1] || "";
    const more = goal.split("⊢").length - 2;  // several goals merged in one node
    return (more > 0 ? `[${more + 1} goals] ` : "") + t;
  }

  return {
    nodes, edges, outEdges, inEdges, proofEdges, proofNodes, pv, pvNodes, pvEdges, maxTime, edgeVisible,
    statusesAt, split, modeOf, defaultMode, pathTo, targetLine, TOP, ROW_H, rootId: DATA.root,
  };
};
