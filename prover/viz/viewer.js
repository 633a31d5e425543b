// Interactive viewer for one htps-tree/1 search tree. Self-contained: no libraries, no network.
// The hypergraph is drawn as a left-to-right tree: each goal sits under one "home" tactic (the proof
// tactic if any, else the earliest one); its other parents point at it with dashed links.
"use strict";
(function () {
  const DATA = JSON.parse(document.getElementById("tree-data").textContent);
  const CONFIG = JSON.parse(document.getElementById("viewer-config").textContent);
  const BOX_H = 24;
  const COLORS = {
    proved: { fill: "#d6f5dc", stroke: "#2f9e44" },
    failed: { fill: "#fbdada", stroke: "#c92a2a" },
    open: { fill: "#e7ecf3", stroke: "#7b8794" },
  };
  const PROOF = "#e8a200", SELECT = "#1c7ed6", MATCH = "#15aabf", NEW = "#9c36b5";

  const state = {
    time: Infinity, proofOnly: !!CONFIG.proof_only, collapsed: new Set(), selected: null,
    matches: [], matchSet: new Set(), matchIndex: -1, scale: 1, tx: 20, ty: 20, layout: null, statuses: null,
  };
  const { nodes, edges, outEdges, inEdges, proofEdges, maxTime, edgeVisible, statusesAt, homeEdge, computeLayout,
    targetLine } = window.HtpsTreeModel(DATA, state);
  state.time = maxTime;
  if (DATA.nodes.length > CONFIG.collapse_above) {
    for (const n of nodes.values()) if (n.depth >= CONFIG.collapse_depth && !n.in_proof) state.collapsed.add(n.id);
  }

  // ---- drawing ----
  const canvas = document.getElementById("tree-canvas");
  const ctx = canvas.getContext("2d");
  let frame = 0;
  function requestDraw() {
    if (!frame) frame = requestAnimationFrame(() => { frame = 0; draw(); });
  }

  function resize() {
    const r = canvas.parentElement.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.max(1, Math.floor(r.width * dpr));
    canvas.height = Math.max(1, Math.floor(r.height * dpr));
    canvas.style.width = r.width + "px";
    canvas.style.height = r.height + "px";
    requestDraw();
  }

  function draw() {
    const dpr = window.devicePixelRatio || 1;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.setTransform(dpr * state.scale, 0, 0, dpr * state.scale, dpr * state.tx, dpr * state.ty);
    const view = {
      x0: -state.tx / state.scale, y0: -state.ty / state.scale,
      x1: (canvas.width / dpr - state.tx) / state.scale, y1: (canvas.height / dpr - state.ty) / state.scale,
    };
    const { items, links } = state.layout;
    for (const l of links) drawLink(l, view);
    const detail = state.scale > 0.45;
    for (const it of items) {
      if (it.x > view.x1 || it.x + it.w < view.x0 || it.y - BOX_H > view.y1 || it.y + BOX_H < view.y0) continue;
      if (it.kind === "node") drawGoal(it, detail); else drawTactic(it, detail);
    }
  }

  function drawLink(l, view) {
    const x0 = l.a.x + l.a.w, y0 = l.a.y, x1 = l.b.x, y1 = l.b.y;
    if (Math.max(x0, x1) < view.x0 || Math.min(x0, x1) > view.x1) return;
    if (Math.max(y0, y1) < view.y0 || Math.min(y0, y1) > view.y1) return;
    ctx.beginPath();
    ctx.moveTo(x0, y0);
    const mx = (x0 + x1) / 2;
    ctx.bezierCurveTo(mx, y0, mx, y1, x1, y1);
    ctx.setLineDash(l.ref ? [5, 4] : []);
    ctx.strokeStyle = l.proof && !l.ref ? PROOF : "#9aa5b1";
    ctx.lineWidth = l.proof && !l.ref ? 3 : 1.2;
    ctx.stroke();
    ctx.setLineDash([]);
  }

  function roundRect(x, y, w, h, r) {
    ctx.beginPath();
    ctx.moveTo(x + r, y);
    ctx.arcTo(x + w, y, x + w, y + h, r);
    ctx.arcTo(x + w, y + h, x, y + h, r);
    ctx.arcTo(x, y + h, x, y, r);
    ctx.arcTo(x, y, x + w, y, r);
    ctx.closePath();
  }

  function hexagon(x, y, w, h) {
    const d = h / 2;
    ctx.beginPath();
    ctx.moveTo(x, y + d);
    ctx.lineTo(x + d, y);
    ctx.lineTo(x + w - d, y);
    ctx.lineTo(x + w, y + d);
    ctx.lineTo(x + w - d, y + h);
    ctx.lineTo(x + d, y + h);
    ctx.closePath();
  }

  function outline(it, inProof, isNew) {
    const sel = state.selected && state.selected.kind === it.kind && state.selected.id === it.id;
    const match = state.matchSet.has(it.kind + it.id);
    if (sel || match || isNew) {
      ctx.save();
      ctx.strokeStyle = sel ? SELECT : match ? MATCH : NEW;
      ctx.lineWidth = 4;
      ctx.stroke();
      ctx.restore();
    }
    if (inProof) { ctx.strokeStyle = PROOF; ctx.lineWidth = 2.5; ctx.stroke(); }
  }

  function drawGoal(it, detail) {
    const n = it.ref, s = state.statuses.node.get(n.id) || "open", c = COLORS[s];
    roundRect(it.x, it.y - BOX_H / 2, it.w, BOX_H, 7);
    ctx.fillStyle = c.fill;
    ctx.fill();
    ctx.strokeStyle = c.stroke;
    ctx.lineWidth = 1.5;
    ctx.stroke();
    outline(it, n.in_proof, n.expanded_at === state.time && state.time < maxTime);
    if (detail) label(targetLine(n.goal), it.x + 8, it.y, it.w - 16 - (it.hidden ? 30 : 0), "#1f2933");
    if (it.hidden) {
      ctx.fillStyle = "#495057";
      roundRect(it.x + it.w - 32, it.y - 8, 26, 16, 8);
      ctx.fill();
      ctx.fillStyle = "#fff";
      ctx.font = "bold 10px system-ui, sans-serif";
      ctx.textAlign = "center";
      ctx.fillText("+" + it.hidden, it.x + it.w - 19, it.y + 1);
      ctx.textAlign = "left";
    }
  }

  function drawTactic(it, detail) {
    const e = it.ref, s = state.statuses.edge.get(e.id) || "open", c = COLORS[s];
    hexagon(it.x, it.y - BOX_H / 2 + 2, it.w, BOX_H - 4);
    ctx.fillStyle = "#ffffff";
    ctx.fill();
    ctx.strokeStyle = c.stroke;
    ctx.lineWidth = 1.5;
    ctx.stroke();
    outline(it, proofEdges.has(e.id), false);
    // "∎" marks a tactic that closed its goal outright (no subgoals).
    const closes = e.children.length === 0 && s === "proved" ? " ∎" : "";
    if (detail) label(e.tactic.replace(/\s+/g, " ") + closes, it.x + 12, it.y, it.w - 24, c.stroke);
  }

  function label(text, x, y, maxW, color) {
    ctx.font = "12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace";
    ctx.fillStyle = color;
    ctx.textBaseline = "middle";
    ctx.fillText(fit(text, maxW), x, y + 1);
  }

  const fitCache = new Map();
  function fit(text, maxW) {
    const key = maxW + "\u0000" + text;
    if (fitCache.has(key)) return fitCache.get(key);
    let t = text;
    if (ctx.measureText(t).width > maxW) {
      let lo = 0, hi = t.length;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (ctx.measureText(t.slice(0, mid) + "…").width <= maxW) lo = mid; else hi = mid - 1;
      }
      t = t.slice(0, lo) + "…";
    }
    if (fitCache.size > 50000) fitCache.clear();
    fitCache.set(key, t);
    return t;
  }


  // ---- hit testing and view control ----
  function toWorld(cx, cy) {
    const r = canvas.getBoundingClientRect();
    return { x: (cx - r.left - state.tx) / state.scale, y: (cy - r.top - state.ty) / state.scale };
  }

  function hit(cx, cy) {
    const p = toWorld(cx, cy);
    for (const it of state.layout.items) {
      if (p.x >= it.x && p.x <= it.x + it.w && Math.abs(p.y - it.y) <= BOX_H / 2) return it;
    }
    return null;
  }

  function fitView() {
    const { items } = state.layout;
    const r = canvas.getBoundingClientRect();
    let x1 = 0, y0 = Infinity, y1 = -Infinity;
    for (const it of items) { x1 = Math.max(x1, it.x + it.w); y0 = Math.min(y0, it.y); y1 = Math.max(y1, it.y); }
    const w = x1 + 40, h = y1 - y0 + BOX_H + 40;
    state.scale = Math.min(1.5, Math.max(0.02, Math.min(r.width / w, r.height / h)));
    state.tx = 20;
    state.ty = 20 - (y0 - BOX_H / 2) * state.scale;
    requestDraw();
  }

  function centerOn(it) {
    const r = canvas.getBoundingClientRect();
    if (state.scale < 0.8) state.scale = 1;
    state.tx = r.width / 2 - (it.x + it.w / 2) * state.scale;
    state.ty = r.height / 2 - it.y * state.scale;
    requestDraw();
  }

  function relayout() {
    // Keep the selected item (else the root) where it was on screen, so expanding or replaying
    // does not throw the reader somewhere else in a big tree.
    const anchor = state.selected || { kind: "node", id: DATA.root };
    const before = state.layout && state.layout.pos[anchor.kind].get(anchor.id);
    state.statuses = statusesAt(state.time);
    state.layout = computeLayout();
    const after = state.layout.pos[anchor.kind].get(anchor.id);
    if (before && after) {
      state.tx -= (after.x - before.x) * state.scale;
      state.ty -= (after.y - before.y) * state.scale;
    }
    refreshPanel();
    requestDraw();
  }

  function refreshPanel() {
    const s = state.selected;
    if (!s) return;
    const ref = s.kind === "node" ? nodes.get(s.id) : edges.get(s.id);
    if (ref.created_at <= state.time) {
      if (s.kind === "node") showNode(ref); else showEdge(ref);
    } else {
      state.selected = null;
      panel.replaceChildren(el("p", "Click a goal or a tactic.", "hint"));
    }
  }

  // ---- the detail panel (textContent only: goal text is data, never markup) ----
  const panel = document.getElementById("detail");
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
    a.addEventListener("click", (ev) => { ev.preventDefault(); reveal(kind, id); });
    return a;
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
    if (state.time < maxTime) {
      panel.appendChild(el("p", `Replay at expansion ${state.time}: status as of then, numbers final.`, "hint"));
    }
  }

  function showNode(n) {
    panel.replaceChildren();
    const h = el("h2", `Goal #${n.id} `);
    h.appendChild(badge(state.statuses.node.get(n.id) || "open"));
    if (n.in_proof) h.appendChild(el("span", "in proof", "badge proof"));
    panel.appendChild(h);
    replayNote();
    panel.appendChild(kv([["visits", num(n.visits)], ["value", num(n.value)], ["Q", num(n.q)], ["depth", n.depth],
      ["created at", n.created_at], ["expanded at", num(n.expanded_at)]]));
    panel.appendChild(el("pre", n.goal, "goal"));
    const outs = outEdges.get(n.id);
    const tools = el("div", null, "tools");
    if (outs.length) {
      const b = el("button", state.collapsed.has(n.id) ? "Expand subtree" : "Collapse subtree");
      b.id = "toggle-collapse";
      b.addEventListener("click", () => toggle(n.id));
      tools.appendChild(b);
    }
    panel.appendChild(tools);
    panel.appendChild(el("h3", `Tactics (${outs.length})`));
    panel.appendChild(tacticTable(outs));
    const ins = inEdges.get(n.id);
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
    for (const e of outs) {
      const tr = body.insertRow();
      tr.className = "tactic-row" + (proofEdges.has(e.id) ? " proof" : "");
      const td = tr.insertCell();
      td.appendChild(link(e.tactic, "edge", e.id));
      tr.insertCell().appendChild(badge(state.statuses.edge.get(e.id) || e.status));
      for (const v of [num(e.prior), num(e.logprob, 2), num(e.visits), num(e.q)]) tr.appendChild(el("td", v));
      if (e.error !== null) {
        const er = body.insertRow();
        er.className = "error-row";
        const c = er.insertCell();
        c.colSpan = 6;
        c.appendChild(el("pre", e.error, "error"));
      }
    }
    return t;
  }

  function showEdge(e) {
    panel.replaceChildren();
    const h = el("h2", `Tactic #${e.id} `);
    h.appendChild(badge(state.statuses.edge.get(e.id) || e.status));
    if (proofEdges.has(e.id)) h.appendChild(el("span", "in proof", "badge proof"));
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
      li.appendChild(el("span", " " + targetLine(nodes.get(c).goal)));
      ul.appendChild(li);
    }
    panel.appendChild(ul);
  }

  function select(kind, id) {
    state.selected = { kind, id };
    if (kind === "node") showNode(nodes.get(id)); else showEdge(edges.get(id));
    requestDraw();
  }

  function reveal(kind, id) {
    // Expand every collapsed ancestor along home links so the target is drawn, then centre on it.
    let goal = kind === "node" ? id : edges.get(id).parent;
    let changed = false, guard = 0;
    if (kind === "edge" && state.collapsed.delete(goal)) changed = true;
    while (goal !== DATA.root && guard++ < nodes.size) {
      const home = homeEdge(goal);
      if (!home) break;
      goal = home.parent;
      if (state.collapsed.delete(goal)) changed = true;
    }
    if (changed) relayout();
    const it = state.layout.pos[kind].get(id);
    if (it) centerOn(it);
    select(kind, id);
  }

  function toggle(id) {
    if (!state.collapsed.delete(id)) state.collapsed.add(id);
    relayout();
  }

  // ---- search ----
  const searchBox = document.getElementById("search");
  const matchLabel = document.getElementById("match-count");
  function runSearch() {
    const q = searchBox.value.trim().toLowerCase();
    state.matches = [];
    if (q) {
      for (const n of nodes.values()) if (n.goal.toLowerCase().includes(q)) state.matches.push(["node", n.id]);
      for (const e of edges.values()) if (e.tactic.toLowerCase().includes(q)) state.matches.push(["edge", e.id]);
    }
    state.matchSet = new Set(state.matches.map(([k, i]) => k + i));
    state.matchIndex = -1;
    matchLabel.textContent = q ? `${state.matches.length} match${state.matches.length === 1 ? "" : "es"}` : "";
    requestDraw();
  }
  function nextMatch(step) {
    if (!state.matches.length) return;
    state.matchIndex = (state.matchIndex + step + state.matches.length) % state.matches.length;
    const [kind, id] = state.matches[state.matchIndex];
    matchLabel.textContent = `${state.matchIndex + 1} / ${state.matches.length}`;
    reveal(kind, id);
  }

  // ---- replay ----
  const slider = document.getElementById("replay");
  const replayLabel = document.getElementById("replay-label");
  let playing = null;
  function setTime(t) {
    state.time = Math.max(0, Math.min(maxTime, t));
    slider.value = String(state.time);
    const shown = DATA.nodes.filter((n) => n.created_at <= state.time).length;
    replayLabel.textContent = `expansion ${state.time} / ${maxTime} · ${shown} goals`;
    relayout();
  }

  // ---- keyboard: arrows walk the drawn tree, f fits, / searches ----
  function neighbour(it, key) {
    const s = state.layout;
    if (key === "ArrowLeft") {
      if (it.kind === "edge") return s.pos.node.get(it.ref.parent);
      const home = homeEdge(it.id);
      return home ? s.pos.edge.get(home.id) : null;
    }
    const kids = (x) => x.kind === "node"
      ? (state.collapsed.has(x.id) ? [] : outEdges.get(x.id).filter(edgeVisible).map((e) => s.pos.edge.get(e.id)))
      : x.ref.children.map((c) => s.pos.node.get(c)).filter((k) => k && homeEdge(k.id).id === x.id);
    if (key === "ArrowRight") return kids(it)[0] || null;
    const up = neighbour(it, "ArrowLeft");
    if (!up) return null;
    const sibs = kids(up);
    return sibs[sibs.indexOf(it) + (key === "ArrowDown" ? 1 : -1)] || null;
  }

  function onKey(ev) {
    if (ev.target instanceof HTMLInputElement) return;
    if (ev.key === "f") { fitView(); return; }
    if (ev.key === "/") { ev.preventDefault(); searchBox.focus(); return; }
    if (ev.key === "Enter" && state.selected && state.selected.kind === "node") { toggle(state.selected.id); return; }
    if (!ev.key.startsWith("Arrow")) return;
    const cur = state.selected ? state.layout.pos[state.selected.kind].get(state.selected.id) : null;
    const next = cur ? neighbour(cur, ev.key) : state.layout.pos.node.get(DATA.root);
    if (!next) return;
    ev.preventDefault();
    select(next.kind, next.id);
    const r = canvas.getBoundingClientRect();
    const sx = state.tx + next.x * state.scale, sy = state.ty + next.y * state.scale;
    if (sx < 0 || sy < 0 || sx + next.w * state.scale > r.width || sy > r.height) centerOn(next);
  }

  // ---- wiring ----
  function wire() {
    let drag = null;
    canvas.addEventListener("mousedown", (ev) => { drag = { x: ev.clientX, y: ev.clientY, tx: state.tx, ty: state.ty, moved: false }; });
    window.addEventListener("mousemove", (ev) => {
      if (!drag) return;
      const dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
      state.tx = drag.tx + dx;
      state.ty = drag.ty + dy;
      requestDraw();
    });
    window.addEventListener("mouseup", (ev) => {
      if (drag && !drag.moved) {
        const it = hit(ev.clientX, ev.clientY);
        if (it) select(it.kind, it.id);
      }
      drag = null;
    });
    canvas.addEventListener("dblclick", (ev) => {
      const it = hit(ev.clientX, ev.clientY);
      if (it && it.kind === "node") toggle(it.id);
    });
    canvas.addEventListener("wheel", (ev) => {
      ev.preventDefault();
      const r = canvas.getBoundingClientRect();
      const mx = ev.clientX - r.left, my = ev.clientY - r.top;
      const k = Math.exp(-ev.deltaY * 0.0015);
      const s = Math.min(4, Math.max(0.01, state.scale * k));
      state.tx = mx - ((mx - state.tx) * s) / state.scale;
      state.ty = my - ((my - state.ty) * s) / state.scale;
      state.scale = s;
      requestDraw();
    }, { passive: false });
    searchBox.addEventListener("input", runSearch);
    searchBox.addEventListener("keydown", (ev) => { if (ev.key === "Enter") nextMatch(ev.shiftKey ? -1 : 1); });
    document.getElementById("next-match").addEventListener("click", () => nextMatch(1));
    document.getElementById("prev-match").addEventListener("click", () => nextMatch(-1));
    document.getElementById("fit").addEventListener("click", fitView);
    document.getElementById("expand-all").addEventListener("click", () => { state.collapsed.clear(); relayout(); });
    document.getElementById("collapse-deep").addEventListener("click", () => {
      for (const n of nodes.values()) if (n.depth >= CONFIG.collapse_depth && !n.in_proof) state.collapsed.add(n.id);
      relayout();
    });
    const proofOnly = document.getElementById("proof-only");
    proofOnly.checked = state.proofOnly;
    proofOnly.disabled = proofEdges.size === 0;
    proofOnly.addEventListener("change", () => { state.proofOnly = proofOnly.checked; relayout(); fitView(); });
    slider.max = String(maxTime);
    slider.addEventListener("input", () => setTime(Number(slider.value)));
    document.getElementById("play").addEventListener("click", (ev) => {
      if (playing) { clearInterval(playing); playing = null; ev.target.textContent = "▶"; return; }
      if (state.time >= maxTime) setTime(0);
      ev.target.textContent = "❚❚";
      playing = setInterval(() => {
        if (state.time >= maxTime) { clearInterval(playing); playing = null; ev.target.textContent = "▶"; return; }
        setTime(state.time + 1);
      }, Math.max(20, 4000 / Math.max(1, maxTime)));
    });
    canvas.addEventListener("mousemove", (ev) => {
      if (drag) return;
      const it = hit(ev.clientX, ev.clientY);
      canvas.title = it ? (it.kind === "node" ? targetLine(it.ref.goal) : it.ref.tactic) : "";
    });
    window.addEventListener("keydown", onKey);
    window.addEventListener("resize", resize);
  }

  wire();
  state.statuses = statusesAt(state.time);
  state.layout = computeLayout();
  setTime(maxTime);
  resize();
  fitView();
  // A tree fitted whole is often unreadable dots: then start readable, with the root at the left.
  if (state.scale < 0.5) {
    const root = state.layout.pos.node.get(DATA.root);
    state.scale = 1;
    state.tx = 20;
    state.ty = canvas.getBoundingClientRect().height / 2 - root.y * state.scale;
  }
  // A stable hook for tests and for researchers poking at the tree from the devtools console.
  window.htpsViewer = {
    select, reveal, toggle, setTime, fitView, draw,
    screenPosition(kind, id) {
      const it = state.layout.pos[kind].get(id);
      if (!it) return null;
      const r = canvas.getBoundingClientRect();
      return { x: r.left + state.tx + (it.x + it.w / 2) * state.scale, y: r.top + state.ty + it.y * state.scale };
    },
    drawnCount: () => state.layout.items.length,
    statuses: () => Object.fromEntries(state.statuses.node),
    state: () => ({ time: state.time, maxTime, collapsed: state.collapsed.size, matches: state.matches.length,
      scale: state.scale, selected: state.selected }),
  };
  document.body.dataset.ready = "1";
})();
