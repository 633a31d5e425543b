// "Where the budget went": per-depth expansions and visits, branching, tactics tried / valid / proving,
// the most frequent Lean errors, and the critic's values along the principal variation. Computed from
// the tree JSON alone (final numbers, not the replay time).
"use strict";
window.HtpsBudget = function (DATA, model) {
  const head = (tactic) => (tactic.trim().match(/^[^\s([{;]+/) || [tactic.trim()])[0];
  const firstLine = (text) => { const i = text.indexOf("\n"); return (i < 0 ? text : text.slice(0, i)).trim(); };

  function compute() {
    const depth = new Map();
    let expanded = 0;
    for (const n of DATA.nodes) {
      if (!depth.has(n.depth)) depth.set(n.depth, { depth: n.depth, goals: 0, expanded: 0, visits: 0 });
      const d = depth.get(n.depth);
      d.goals++;
      d.visits += n.visits;
      if (n.expanded_at !== null) { d.expanded++; expanded++; }
    }
    let valid = 0, proving = 0, subgoals = 0;
    const heads = new Map(), errors = new Map();
    for (const e of DATA.edges) {
      const h = head(e.tactic);
      if (!heads.has(h)) heads.set(h, { head: h, tried: 0, valid: 0, proving: 0 });
      const row = heads.get(h);
      row.tried++;
      if (e.error === null) { valid++; row.valid++; subgoals += e.children.length; } else {
        const msg = firstLine(e.error);
        if (!errors.has(msg)) errors.set(msg, { message: msg, count: 0, example: e.id, tactics: new Map() });
        const er = errors.get(msg);
        er.count++;
        er.tactics.set(h, (er.tactics.get(h) || 0) + 1);
      }
      if (e.status === "proved") { proving++; row.proving++; }
    }
    const byCount = (a, b) => b.count - a.count || (a.message < b.message ? -1 : 1);
    return {
      depths: [...depth.values()].sort((a, b) => a.depth - b.depth),
      expanded, tried: DATA.edges.length, valid, proving,
      branching: expanded ? DATA.edges.length / expanded : 0,
      validBranching: expanded ? valid / expanded : 0,
      subgoals: valid ? subgoals / valid : 0,
      heads: [...heads.values()].sort((a, b) => b.tried - a.tried || (a.head < b.head ? -1 : 1)),
      errors: [...errors.values()].sort(byCount),
      pv: model.pv.map((s) => ({ node: model.nodes.get(s.node), edge: s.edge === null ? null : model.edges.get(s.edge) })),
    };
  }

  // `ui` holds the panel helpers: el(tag, text, cls), link(text, kind, id), num(v, digits).
  function render(root, ui) {
    const b = compute(), { el, link, num } = ui;
    const stats = DATA.stats || {};
    root.appendChild(el("h2", "Where the budget went"));
    root.appendChild(kvTable("budget-summary", [
      ["expansions (search stats)", "stats_expansions", stats.expansions ?? "—"],
      ["goals expanded", "expanded", b.expanded],
      ["goals", "goals", DATA.nodes.length],
      ["tactics tried", "tried", b.tried],
      ["valid (no Lean error)", "valid", b.valid],
      ["proving (closed their goal)", "proving", b.proving],
      ["tactics per expanded goal", "branching", num(b.branching, 2)],
      ["valid tactics per expanded goal", "valid_branching", num(b.validBranching, 2)],
      ["subgoals per valid tactic", "subgoals", num(b.subgoals, 2)],
    ], el));
    root.appendChild(el("h3", "By depth"));
    const maxExp = Math.max(1, ...b.depths.map((d) => d.expanded));
    root.appendChild(grid("budget-depth", ["depth", "goals", "expanded", "visits", ""], b.depths, (d, tr) => {
      for (const k of ["depth", "goals", "expanded", "visits"]) cell(tr, d[k], k);
      const bar = el("div", null, "bar");
      bar.style.width = `${(100 * d.expanded) / maxExp}%`;
      tr.insertCell().appendChild(bar);
    }, el));
    root.appendChild(el("h3", "Tactics tried / valid / proving"));
    root.appendChild(grid("budget-tactics", ["tactic", "tried", "valid", "proving"], b.heads.slice(0, 12), (h, tr) => {
      cell(tr, h.head, "head").className = "mono";
      for (const k of ["tried", "valid", "proving"]) cell(tr, h[k], k);
    }, el));
    if (b.heads.length > 12) root.appendChild(el("p", `${b.heads.length - 12} more tactic names`, "hint"));
    root.appendChild(el("h3", `Most frequent errors (${b.tried - b.valid} failed tactics, ${b.errors.length} messages)`));
    root.appendChild(grid("budget-errors", ["count", "Lean error (first line)", "tactics"], b.errors.slice(0, 10), (er, tr) => {
      cell(tr, er.count, "count");
      const td = tr.insertCell();
      td.dataset.k = "message";
      td.appendChild(link(er.message || "(empty message)", "edge", er.example));
      const top = [...er.tactics].sort((x, y) => y[1] - x[1]).slice(0, 3).map(([t, c]) => `${t} ×${c}`).join(", ");
      cell(tr, top, "tactics").className = "mono";
    }, el));
    root.appendChild(el("h3", "Critic along the principal variation"));
    root.appendChild(grid("budget-pv", ["depth", "goal", "visits", "value", "Q", "tactic"], b.pv, (s, tr) => {
      cell(tr, s.node.depth, "depth");
      const td = tr.insertCell();
      td.dataset.k = "goal";
      td.className = "mono";
      td.appendChild(link(model.targetLine(s.node.goal), "node", s.node.id));
      cell(tr, s.node.visits, "visits");
      cell(tr, num(s.node.value), "value");
      cell(tr, num(s.node.q), "q");
      cell(tr, s.edge ? s.edge.tactic.replace(/\s+/g, " ") : "—", "tactic").className = "mono";
      if (s.node.status !== "open") tr.className = s.node.status;
    }, el));
    return b;
  }

  function cell(tr, value, key) {
    const td = tr.insertCell();
    td.textContent = String(value);
    td.dataset.k = key;
    return td;
  }

  function kvTable(id, rows, el) {
    const t = el("table", null, "kv");
    t.id = id;
    for (const [label, key, value] of rows) {
      const tr = t.insertRow();
      tr.appendChild(el("th", label));
      cell(tr, value, key);
    }
    return t;
  }

  function grid(id, heads, rows, fill, el) {
    const t = el("table", null, "tactics budget");
    t.id = id;
    const h = t.createTHead().insertRow();
    for (const c of heads) h.appendChild(el("th", c));
    const body = t.createTBody();
    for (const r of rows) fill(r, body.insertRow());
    return t;
  }

  return { compute, render };
};
