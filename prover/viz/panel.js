// The side panel: a "Budget" tab (budget.js) and a "Details" tab for the selected goal or tactic.
// textContent only: goal text and Lean errors are data, never markup.
"use strict";
window.HtpsPanel = function (DATA, state, model, actions) {
  const panel = document.getElementById("detail");
  const budgetBox = document.getElementById("budget");
  const tabs = { detail: document.getElementById("tab-detail"), budget: document.getElementById("tab-budget") };
  const el = (tag, text, cls) => {
    const x = document.createElement(tag);
    if (text !== undefined && text !== null) x.textContent = String(text);
    if (cls) x.className = cls;
    return x;
  };
  const num = (v, digits = 3) => (v === null || v === undefined ? "—" : Number.isInteger(v) ? String(v) : v.toFixed(digits));
  const badge = (s) => el("span", s, "badge " + s);

  function link(text, kind, id) {
    const a = el("a", text, "ref");
    a.href = "#";
    a.dataset.kind = kind;
    a.dataset.id = id;
    a.addEventListener("click", (ev) => { ev.preventDefault(); actions.reveal(kind, id); });
    return a;
  }

  function showTab(name) {
    for (const [k, b] of Object.entries(tabs)) b.classList.toggle("active", k === name);
    panel.hidden = name !== "detail";
    budgetBox.hidden = name !== "budget";
  }

  function kv(rows) {
    const t = el("table", null, "kv");
    for (const [k, v] of rows) {
      const tr = t.insertRow();
      tr.appendChild(el("th", k));
      tr.appendChild(el("td", v));
    }
    return t;
  }

  function replayNote() {
    // The file stores only final visit counts and values; statuses are re-derived for the replay step.
    if (state.time < model.maxTime) {
      panel.appendChild(el("p", `Replay at expansion ${state.time}: status as of then, numbers final.`, "hint"));
    }
  }

  function showNode(n) {
    panel.replaceChildren();
    const h = el("h2", `Goal #${n.id} `);
    h.appendChild(badge(state.statuses.node.get(n.id) || "open"));
    if (n.in_proof) h.appendChild(el("span", "in proof", "badge proof"));
    if (model.pvNodes.has(n.id)) h.appendChild(el("span", "principal variation", "badge pv"));
    panel.appendChild(h);
    replayNote();
    panel.appendChild(kv([["visits", num(n.visits)], ["value (critic)", num(n.value)], ["Q", num(n.q)], ["depth", n.depth],
      ["created at", n.created_at], ["expanded at", num(n.expanded_at)]]));
    panel.appendChild(el("pre", n.goal, "goal"));
    const outs = model.outEdges.get(n.id);
    const tools = el("div", null, "tools");
    if (outs.length) {
      const sp = model.split(n.id);
      const b = el("button", sp.shown.length ? "Collapse" : "Expand");
      b.id = "toggle-collapse";
      b.addEventListener("click", () => actions.toggle(n.id));
      tools.appendChild(b);
      if (sp.hidden.length) {
        const all = el("button", `Show all ${outs.length} tactics`);
        all.id = "show-all-tactics";
        all.addEventListener("click", () => actions.setMode(n.id, 2));
        tools.appendChild(all);
      }
    }
    panel.appendChild(tools);
    panel.appendChild(el("h3", `Tactics (${outs.length}), most visited first`));
    panel.appendChild(tacticTable(outs));
    const ins = model.inEdges.get(n.id);
    if (ins.length) {
      panel.appendChild(el("h3", `Reached by (${ins.length})`));
      const ul = el("ul");
      for (const e of ins) {
        const li = el("li");
        li.appendChild(link(e.tactic, "edge", e.id));
        li.appendChild(el("span", ` from goal #${e.parent}`));
        ul.appendChild(li);
      }
      panel.appendChild(ul);
    }
  }

  function tacticTable(outs) {
    const t = el("table", null, "tactics");
    const head = t.createTHead().insertRow();
    for (const c of ["tactic", "status", "prior", "logprob", "N", "Q"]) head.appendChild(el("th", c));
    const body = t.createTBody();
    // A goal can have hundreds of tactics; the first 200 rows keep the panel quick.
    for (const e of outs.slice(0, 200)) {
      const tr = body.insertRow();
      tr.className = "tactic-row" + (model.proofEdges.has(e.id) ? " proof" : "");
      tr.insertCell().appendChild(link(e.tactic, "edge", e.id));
      tr.insertCell().appendChild(badge(state.statuses.edge.get(e.id) || e.status));
      for (const v of [num(e.prior), num(e.logprob, 2), num(e.visits), num(e.q)]) tr.appendChild(el("td", v));
      if (e.error !== null) {
        const c = body.insertRow().insertCell();
        c.colSpan = 6;
        c.appendChild(el("pre", e.error, "error"));
      }
    }
    if (outs.length > 200) body.insertRow().insertCell().textContent = `… ${outs.length - 200} more`;
    return t;
  }

  function showEdge(e) {
    panel.replaceChildren();
    const h = el("h2", `Tactic #${e.id} `);
    h.appendChild(badge(state.statuses.edge.get(e.id) || e.status));
    if (model.proofEdges.has(e.id)) h.appendChild(el("span", "in proof", "badge proof"));
    panel.appendChild(h);
    replayNote();
    panel.appendChild(el("pre", e.tactic, "tactic"));
    panel.appendChild(kv([["prior", num(e.prior)], ["logprob", num(e.logprob, 3)], ["visits", num(e.visits)],
      ["Q", num(e.q)], ["created at", e.created_at]]));
    if (e.error !== null) {
      panel.appendChild(el("h3", "Lean error"));
      panel.appendChild(el("pre", e.error, "error"));
    }
    const p = el("p");
    p.appendChild(el("span", "from "));
    p.appendChild(link(`goal #${e.parent}`, "node", e.parent));
    panel.appendChild(p);
    const status = state.statuses.edge.get(e.id) || e.status;
    const closing = status === "failed" ? "No subgoals: the tactic failed" : status === "proved" ? "Closes the goal" : "No subgoals";
    panel.appendChild(el("h3", e.children.length ? `Subgoals (${e.children.length})` : closing));
    const ul = el("ul");
    for (const c of e.children) {
      const li = el("li");
      li.appendChild(link(`goal #${c}`, "node", c));
      li.appendChild(el("span", " " + model.targetLine(model.nodes.get(c).goal)));
      ul.appendChild(li);
    }
    panel.appendChild(ul);
  }

  function show(kind, id) {
    showTab("detail");
    if (kind === "node") showNode(model.nodes.get(id)); else showEdge(model.edges.get(id));
  }

  function refresh() {
    const s = state.selected;
    if (!s || panel.hidden) return;
    const ref = s.kind === "node" ? model.nodes.get(s.id) : model.edges.get(s.id);
    if (ref.created_at <= state.time) show(s.kind, s.id);
    else {
      state.selected = null;
      panel.replaceChildren(el("p", "Click a goal or a tactic.", "hint"));
    }
  }

  const budget = window.HtpsBudget(DATA, model).render(budgetBox, { el, link, num });
  tabs.detail.addEventListener("click", () => showTab("detail"));
  tabs.budget.addEventListener("click", () => showTab("budget"));
  showTab("budget");
  return { show, refresh, showTab, budget };
};
