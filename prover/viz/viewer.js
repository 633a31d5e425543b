// Interactive viewer for one htps-tree/1 search tree. Self-contained: no libraries, no network.
// The hypergraph is drawn as a left-to-right tree. Big trees open on the principal variation and the
// proof, each goal showing its most visited tactics and a "+N more (V visits)" stub for the rest.
"use strict";
// The page embeds the tree gzip-compressed and base64-encoded (see page.py); inflate it in the browser.
async function htpsLoadTree() {
  performance.mark("htps:script");
  const holder = document.getElementById("tree-data");
  if (holder.dataset.encoding !== "gzip+base64") return JSON.parse(holder.textContent);
  const bin = atob(holder.textContent.trim());
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  // Writing the bytes straight into the stream and reading the chunks back is about twice as fast as
  // piping a Blob's stream through it in Chromium; the text is decoded once, from one buffer.
  const inflate = new DecompressionStream("gzip");
  const writer = inflate.writable.getWriter();
  writer.write(bytes);
  writer.close();
  const chunks = [], reader = inflate.readable.getReader();
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  const all = new Uint8Array(size);
  for (let i = 0, at = 0; i < chunks.length; at += chunks[i].length, i++) all.set(chunks[i], at);
  const text = new TextDecoder().decode(all);
  performance.mark("htps:inflated");
  const data = JSON.parse(text);
  data.nodes = htpsUnpack(data.nodes);
  data.edges = htpsUnpack(data.edges);
  return data;
}

// Rows back to objects (page.py packs each list as {fields, rows, alias}; the viewer needs no alias).
function htpsUnpack(table) {
  if (Array.isArray(table)) return table;
  const fields = table.fields, n = fields.length;
  return table.rows.map((row) => {
    const item = {};
    for (let i = 0; i < n; i++) item[fields[i]] = row[i];
    return item;
  });
}

htpsLoadTree().then(htpsStartViewer, (err) => {
  const box = document.getElementById("load-error");
  box.textContent = `Could not read the tree embedded in this page: ${err}`;
  box.hidden = false;
  throw err;
});

function htpsStartViewer(DATA) {
  performance.mark("htps:parsed");
  const CONFIG = JSON.parse(document.getElementById("viewer-config").textContent);
  const state = {
    time: Infinity, proofOnly: !!CONFIG.proof_only, focus: DATA.nodes.length > CONFIG.focus_above,
    mode: new Map(), pinned: new Map(), selected: null,
    matches: [], matchSet: new Set(), matchIndex: -1, scale: 1, tx: 20, ty: 20, layout: null, statuses: null,
  };
  const model = window.HtpsTreeModel(DATA, state, CONFIG);
  performance.mark("htps:model");
  const { nodes, edges, outEdges, maxTime } = model;
  state.time = maxTime;
  const canvas = document.getElementById("tree-canvas");
  const mini = document.getElementById("minimap");
  const layout = window.HtpsLayout(model, state);
  const painter = window.HtpsDraw(canvas, mini, state, model, layout);
  const panel = window.HtpsPanel(DATA, state, model, { reveal, toggle, setMode });
  performance.mark("htps:panel");
  let frame = 0, lastFrame = 0;
  const requestDraw = () => {
    if (!frame) frame = requestAnimationFrame(() => { frame = 0; painter.draw(); lastFrame = performance.now(); });
  };

  function resize() {
    const r = canvas.parentElement.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.max(1, Math.floor(r.width * dpr));
    canvas.height = Math.max(1, Math.floor(r.height * dpr));
    canvas.style.width = r.width + "px";
    canvas.style.height = r.height + "px";
    painter.renderMinimap();
    requestDraw();
  }

  // ---- view control ----
  const toWorld = (cx, cy) => {
    const r = canvas.getBoundingClientRect();
    return { x: (cx - r.left - state.tx) / state.scale, y: (cy - r.top - state.ty) / state.scale };
  };
  const hit = (cx, cy) => { const p = toWorld(cx, cy); return painter.hit(p.x, p.y); };

  // The drawn tree's bounding box in world coordinates: the root's column to the deepest one, the
  // first row to the last.
  function bounds() {
    const half = painter.BOX_H / 2;
    return { x0: 0, x1: state.layout.right, y0: -half, y1: (state.layout.rows - 1) * model.ROW_H + half };
  }

  // A drawn item, placed (layout.js keeps positions relative until asked), or undefined.
  const at = (kind, id) => { const it = state.layout.pos[kind].get(id); return it && layout.locate(it); };

  function fitView() {
    const r = canvas.getBoundingClientRect(), b = bounds(), pad = 16;
    state.scale = Math.min(1.5, (r.width - 2 * pad) / (b.x1 - b.x0), (r.height - 2 * pad) / (b.y1 - b.y0));
    state.tx = pad - b.x0 * state.scale + Math.max(0, (r.width - 2 * pad - (b.x1 - b.x0) * state.scale) / 2);
    state.ty = pad - b.y0 * state.scale + Math.max(0, (r.height - 2 * pad - (b.y1 - b.y0) * state.scale) / 2);
    requestDraw();
  }

  function centerOn(it) {
    const r = canvas.getBoundingClientRect();
    if (state.scale < 0.8) state.scale = 1;
    state.tx = r.width / 2 - (it.x + it.w / 2) * state.scale;
    state.ty = r.height / 2 - it.y * state.scale;
    requestDraw();
  }

  // `goals`: the goals whose mode or pins changed, the only change since the last layout; without it
  // (replay time, "proof only", many goals at once) everything is laid out again.
  function relayout(goals) {
    // Keep the selected item (else the root) where it was on screen, so expanding or replaying
    // does not throw the reader somewhere else in a big tree. Items move in place: copy the position.
    const anchor = state.selected || { kind: "node", id: DATA.root };
    const was = state.layout && at(anchor.kind, anchor.id);
    const before = was && { x: was.x, y: was.y };
    if (goals) state.layout = layout.update(goals);
    else {
      state.statuses = model.statusesAt(state.time);
      state.layout = layout.rebuild();
    }
    const after = at(anchor.kind, anchor.id);
    if (before && after) {
      state.tx -= (after.x - before.x) * state.scale;
      state.ty -= (after.y - before.y) * state.scale;
    }
    painter.renderMinimap();
    panel.refresh();
    requestDraw();
  }

  function select(kind, id) {
    if (kind === "stub") { expandStub(id); return; }
    state.selected = { kind, id };
    panel.show(kind, id);
    requestDraw();
  }

  function pin(goal, edgeId) {
    if (!state.pinned.has(goal)) state.pinned.set(goal, new Set());
    state.pinned.get(goal).add(edgeId);
  }

  function reveal(kind, id) {
    // Pin every tactic on a path from the root so the target is drawn, then centre on it.
    const goal = kind === "node" ? id : edges.get(id).parent;
    const path = model.pathTo(goal);
    if (kind === "edge") path.push(edges.get(id));
    for (const e of path) pin(e.parent, e.id);
    relayout(path.map((e) => e.parent));
    const it = at(kind, id);
    if (it) centerOn(it);
    select(kind, id);
  }

  function setMode(id, mode) {
    state.mode.set(id, mode);
    if (mode === 0) state.pinned.delete(id);
    relayout([id]);
  }

  // A stub's click shows the next level: a collapsed goal its top tactics, a goal showing its top
  // tactics all of them.
  function expandStub(id) {
    state.selected = { kind: "node", id };
    const mode = model.modeOf(id);
    const shown = model.split(id).shown.length;
    setMode(id, mode === 0 && shown === 0 && outEdges.get(id).length > model.TOP ? 1 : 2);
  }

  function toggle(id) {
    if (model.split(id).shown.length) setMode(id, 0);
    else setMode(id, state.focus && outEdges.get(id).length > model.TOP ? 1 : 2);
  }

  function expandAll() {
    for (const n of DATA.nodes) state.mode.set(n.id, 2);
    relayout();
  }

  function firstView() {
    state.mode.clear();
    state.pinned.clear();
    relayout();
    fitView();
  }

  // ---- search: matches hidden in collapsed parts count too; Enter reveals them one by one ----
  const searchBox = document.getElementById("search");
  const matchLabel = document.getElementById("match-count");
  let lowered = null;
  function runSearch() {
    const q = searchBox.value.trim().toLowerCase();
    state.matches = [];
    if (q) {
      if (!lowered) lowered = { node: DATA.nodes.map((n) => n.goal.toLowerCase()), edge: DATA.edges.map((e) => e.tactic.toLowerCase()) };
      DATA.nodes.forEach((n, i) => { if (lowered.node[i].includes(q)) state.matches.push(["node", n.id]); });
      DATA.edges.forEach((e, i) => { if (lowered.edge[i].includes(q)) state.matches.push(["edge", e.id]); });
    }
    state.matchSet = new Set(state.matches.map(([k, i]) => k + i));
    state.matchIndex = -1;
    const hidden = state.matches.filter(([k, i]) => !state.layout.pos[k].has(i)).length;
    const word = `match${state.matches.length === 1 ? "" : "es"}`;
    matchLabel.textContent = q ? `${state.matches.length} ${word}` + (hidden ? ` (${hidden} hidden)` : "") : "";
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
    let shown = 0;
    for (const n of DATA.nodes) shown += n.created_at <= state.time;
    replayLabel.textContent = `expansion ${state.time} / ${maxTime} · ${shown} goals`;
    relayout();
  }

  // ---- keyboard: arrows walk the drawn tree, f fits, / searches ----
  function neighbour(it, key) {
    const s = state.layout;
    const parentOf = (x) => x.kind === "edge" || x.kind === "stub"
      ? s.pos.node.get(x.kind === "edge" ? x.ref.parent : x.id)
      : s.home.get(x.id) === null || s.home.get(x.id) === undefined ? null : s.pos.edge.get(s.home.get(x.id));
    if (key === "ArrowLeft") return parentOf(it);
    const kids = (x) => x.kind === "node"
      ? [...s.splits.get(x.id).shown.map((e) => s.pos.edge.get(e.id)), s.pos.stub.get(x.id)].filter(Boolean)
      : x.kind === "edge" ? x.ref.children.filter((c) => s.home.get(c) === x.id).map((c) => s.pos.node.get(c)).filter(Boolean) : [];
    if (key === "ArrowRight") return kids(it)[0] || null;
    const up = parentOf(it);
    if (!up) return null;
    const sibs = [...new Set(kids(up))];
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
    layout.locate(next);
    ev.preventDefault();
    if (next.kind === "stub") { state.selected = { kind: "stub", id: next.id }; requestDraw(); return; }
    select(next.kind, next.id);
    const r = canvas.getBoundingClientRect();
    const sx = state.tx + next.x * state.scale, sy = state.ty + next.y * state.scale;
    if (sx < 0 || sy < 0 || sx + next.w * state.scale > r.width || sy > r.height) centerOn(next);
  }

  // ---- wiring ----
  function wireCanvas() {
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
      const s = Math.min(4, Math.max(0.0005, state.scale * Math.exp(-ev.deltaY * 0.0015)));
      state.tx = mx - ((mx - state.tx) * s) / state.scale;
      state.ty = my - ((my - state.ty) * s) / state.scale;
      state.scale = s;
      requestDraw();
    }, { passive: false });
    canvas.addEventListener("mousemove", (ev) => {
      if (drag) return;
      const it = hit(ev.clientX, ev.clientY);
      canvas.title = !it ? "" : it.kind === "node" ? model.targetLine(it.ref.goal)
        : it.kind === "edge" ? it.ref.tactic : "click: " + painter.stubText(it.ref);
    });
    let miniDrag = false;
    const miniPan = (ev) => {
      const r = mini.getBoundingClientRect(), p = painter.fromMinimap(ev.clientX - r.left, ev.clientY - r.top);
      if (!p) return;
      const c = canvas.getBoundingClientRect();
      state.tx = c.width / 2 - p.x * state.scale;
      state.ty = c.height / 2 - p.y * state.scale;
      requestDraw();
    };
    mini.addEventListener("mousedown", (ev) => { ev.stopPropagation(); miniDrag = true; miniPan(ev); });
    window.addEventListener("mousemove", (ev) => { if (miniDrag) miniPan(ev); });
    window.addEventListener("mouseup", () => { miniDrag = false; });
  }

  function wireToolbar() {
    const on = (id, fn) => document.getElementById(id).addEventListener("click", fn);
    searchBox.addEventListener("input", runSearch);
    searchBox.addEventListener("keydown", (ev) => { if (ev.key === "Enter") nextMatch(ev.shiftKey ? -1 : 1); });
    on("next-match", () => nextMatch(1));
    on("prev-match", () => nextMatch(-1));
    on("fit", fitView);
    on("expand-all", expandAll);
    on("first-view", firstView);
    const proofOnly = document.getElementById("proof-only");
    proofOnly.checked = state.proofOnly;
    proofOnly.disabled = model.proofEdges.size === 0;
    proofOnly.addEventListener("change", () => { state.proofOnly = proofOnly.checked; relayout(); fitView(); });
    slider.max = String(maxTime);
    slider.addEventListener("input", () => setTime(Number(slider.value)));
    on("play", (ev) => {
      if (playing) { clearInterval(playing); playing = null; ev.target.textContent = "▶"; return; }
      if (state.time >= maxTime) setTime(0);
      ev.target.textContent = "❚❚";
      playing = setInterval(() => {
        if (state.time >= maxTime) { clearInterval(playing); playing = null; ev.target.textContent = "▶"; return; }
        setTime(state.time + 1);
      }, Math.max(20, 4000 / Math.max(1, maxTime)));
    });
    window.addEventListener("keydown", onKey);
    window.addEventListener("resize", resize);
  }

  wireCanvas();
  wireToolbar();
  setTime(maxTime);
  resize();
  fitView();
  // A tree fitted whole is often unreadable dots: then start readable, with the root at the left.
  if (state.scale < 0.45) {
    const root = at("node", DATA.root);
    state.scale = 0.8;
    state.tx = 20;
    state.ty = canvas.getBoundingClientRect().height / 2 - root.y * state.scale;
    requestDraw();
  }
  // A stable hook for tests, benches and researchers poking at the tree from the devtools console.
  window.htpsViewer = {
    select, reveal, toggle, setMode, expandStub, expandAll, firstView, setTime, fitView, draw: () => painter.draw(),
    screenPosition(kind, id) {
      const it = at(kind, id);
      if (!it) return null;
      const r = canvas.getBoundingClientRect();
      return { x: r.left + state.tx + (it.x + it.w / 2) * state.scale, y: r.top + state.ty + it.y * state.scale };
    },
    drawnCount: () => state.layout.pos.node.size + state.layout.pos.edge.size,
    // Every drawn item as [id, x, y] (world coordinates) by kind, each goal's home tactic and the
    // tactics with a subgoal drawn under another (dashed links, as [id]); with `fresh`, those of a
    // layout made from scratch for the same state (the viewer's own is untouched).
    positions(fresh = false) {
      const other = fresh && window.HtpsLayout(model, state), L = other ? other.rebuild() : state.layout;
      const place = other ? other.locate : layout.locate;
      const items = (k) => [...L.pos[k].values()].map((it) => place(it) && [it.id, it.x, it.y]);
      return { node: items("node"), edge: items("edge"), stub: items("stub"), home: [...L.home.entries()],
        refs: [...L.refEdges].map((it) => [it.id]) };
    },
    drawn: () => ({ nodes: [...state.layout.pos.node.keys()], edges: [...state.layout.pos.edge.keys()],
      expanded: [...state.layout.pos.node.keys()].filter((id) => state.layout.splits.get(id).shown.length > 0),
      stubs: [...state.layout.pos.stub.values()].map((s) => ({ goal: s.id, count: s.ref.count, visits: s.ref.visits, text: painter.stubText(s.ref) })) }),
    // The drawn tree's box on screen (CSS pixels, relative to the canvas) and the canvas size.
    screenBounds() {
      const b = bounds(), r = canvas.getBoundingClientRect();
      return { left: state.tx + b.x0 * state.scale, right: state.tx + b.x1 * state.scale, top: state.ty + b.y0 * state.scale,
        bottom: state.ty + b.y1 * state.scale, width: r.width, height: r.height };
    },
    pv: () => model.pv,
    lastFrame: () => lastFrame,
    // How the last click's layout was made (layout.js `how`): "afresh", "undo", "change", "undo+change"
    // or "same".
    layoutHow: () => layout.how(),
    minimapPending: () => painter.minimapPending(),
    minimapMs: () => painter.minimapMs(),
    budget: () => panel.budget,
    statuses: () => Object.fromEntries(state.statuses.node.entries()),
    state: () => ({ time: state.time, maxTime, focus: state.focus, matches: state.matches.length,
      scale: state.scale, selected: state.selected }),
  };
  performance.mark("htps:ready");
  document.body.dataset.ready = "1";
}
