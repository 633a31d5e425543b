// Canvas drawing for the viewer: the tree (only what intersects the viewport; plain blocks when zoomed
// far out) and the minimap. Reads the layout from tree_model.js and the view from the viewer's state.
"use strict";
window.HtpsDraw = function (canvas, mini, state, model) {
  const BOX_H = 24;
  const COLORS = {
    proved: { fill: "#d6f5dc", stroke: "#2f9e44" },
    failed: { fill: "#fbdada", stroke: "#c92a2a" },
    open: { fill: "#e7ecf3", stroke: "#7b8794" },
  };
  const PROOF = "#e8a200", SELECT = "#1c7ed6", MATCH = "#15aabf", NEW = "#9c36b5", PV = "#5f3dc4";
  const ctx = canvas.getContext("2d"), mctx = mini.getContext("2d");
  const rootVisits = Math.max(1, model.nodes.get(model.rootId).visits);

  // Items are ordered by row (tree_model.js `byRow`): the first one whose row is at or below y's.
  const rowOf = (y) => Math.floor(y / model.ROW_H);
  function firstAtY(items, y) {
    const target = rowOf(y);
    let lo = 0, hi = items.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (rowOf(items[mid].y) < target) lo = mid + 1; else hi = mid; }
    return lo;
  }

  function viewBox() {
    const dpr = window.devicePixelRatio || 1;
    return {
      x0: -state.tx / state.scale, y0: -state.ty / state.scale,
      x1: (canvas.width / dpr - state.tx) / state.scale, y1: (canvas.height / dpr - state.ty) / state.scale,
    };
  }

  function draw() {
    const dpr = window.devicePixelRatio || 1;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.setTransform(dpr * state.scale, 0, 0, dpr * state.scale, dpr * state.tx, dpr * state.ty);
    const view = viewBox();
    const { items, links } = state.layout;
    const coarse = state.scale < 0.2;
    if (coarse) drawLinksCoarse(links, view); else for (const l of links) drawLink(l, view);
    const detail = state.scale > 0.45;
    const end = firstAtY(items, view.y1 + BOX_H + model.ROW_H);
    for (let i = firstAtY(items, view.y0 - BOX_H); i < end; i++) {
      const it = items[i];
      if (it.x > view.x1 || it.x + it.w < view.x0) continue;
      if (coarse) drawBlock(it);
      else if (it.kind === "node") drawGoal(it, detail);
      else if (it.kind === "edge") drawTactic(it, detail);
      else drawStub(it, detail);
    }
    drawMinimapView(view);
  }

  // Width by visits: the share of the root's visits that went through this tactic.
  const visitWidth = (v) => 1 + 9 * Math.sqrt(Math.min(1, v / rootVisits));

  function drawLink(l, view) {
    const x0 = l.a.x + l.a.w, y0 = l.a.y, x1 = l.b.x, y1 = l.b.y;
    if (Math.max(x0, x1) < view.x0 || Math.min(x0, x1) > view.x1) return;
    if (Math.max(y0, y1) < view.y0 || Math.min(y0, y1) > view.y1) return;
    ctx.beginPath();
    ctx.moveTo(x0, y0);
    const mx = (x0 + x1) / 2;
    ctx.bezierCurveTo(mx, y0, mx, y1, x1, y1);
    ctx.setLineDash(l.ref || l.stub ? [5, 4] : []);
    const pv = !l.stub && !l.ref && model.pvEdges.has(l.b.kind === "edge" ? l.b.id : l.a.id);
    ctx.strokeStyle = l.proof && !l.ref ? PROOF : pv ? PV : "#9aa5b1";
    ctx.globalAlpha = l.ref ? 0.6 : 0.85;
    ctx.lineWidth = l.ref || l.stub ? 1.2 : Math.max(l.proof ? 3 : 1.2, visitWidth(l.visits));
    ctx.stroke();
    ctx.globalAlpha = 1;
    ctx.setLineDash([]);
  }

  function drawLinksCoarse(links, view) {
    ctx.beginPath();
    for (const l of links) {
      const x0 = l.a.x + l.a.w, x1 = l.b.x;
      if (Math.max(x0, x1) < view.x0 || Math.min(x0, x1) > view.x1) continue;
      if (Math.max(l.a.y, l.b.y) < view.y0 || Math.min(l.a.y, l.b.y) > view.y1) continue;
      ctx.moveTo(x0, l.a.y);
      ctx.lineTo(x1, l.b.y);
    }
    ctx.strokeStyle = "#9aa5b1";
    ctx.lineWidth = 1 / state.scale;
    ctx.stroke();
  }

  function drawBlock(it) {
    const s = it.kind === "node" ? state.statuses.node.get(it.id) : it.kind === "edge" ? state.statuses.edge.get(it.id) : "open";
    const inProof = it.kind === "node" ? it.ref.in_proof : it.kind === "edge" && model.proofEdges.has(it.id);
    const sel = state.selected && state.selected.kind === it.kind && state.selected.id === it.id;
    ctx.fillStyle = sel ? SELECT : state.matchSet.has(it.kind + it.id) ? MATCH : inProof ? PROOF : COLORS[s || "open"].stroke;
    ctx.fillRect(it.x, it.y - BOX_H / 2, it.w, BOX_H);
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
    ctx.strokeStyle = model.pvNodes.has(n.id) && s !== "proved" ? PV : c.stroke;
    ctx.lineWidth = model.pvNodes.has(n.id) ? 2.5 : 1.5;
    ctx.stroke();
    outline(it, n.in_proof, n.expanded_at === state.time && state.time < model.maxTime);
    if (detail) label(model.targetLine(n.goal), it.x + 8, it.y, it.w - 16, "#1f2933");
  }

  function drawTactic(it, detail) {
    const e = it.ref, s = state.statuses.edge.get(e.id) || "open", c = COLORS[s];
    hexagon(it.x, it.y - BOX_H / 2 + 2, it.w, BOX_H - 4);
    ctx.fillStyle = "#ffffff";
    ctx.fill();
    ctx.strokeStyle = c.stroke;
    ctx.lineWidth = 1.5;
    ctx.stroke();
    outline(it, model.proofEdges.has(e.id), false);
    if (!detail) return;
    // "∎" marks a tactic that closed its goal outright (no subgoals).
    const closes = e.children.length === 0 && s === "proved" ? " ∎" : "";
    const n = e.visits ? String(e.visits) : "";
    ctx.font = "10px system-ui, sans-serif";
    const nw = n ? ctx.measureText(n).width + 6 : 0;
    label(e.tactic.replace(/\s+/g, " ") + closes, it.x + 12, it.y, it.w - 24 - nw, c.stroke);
    if (n) {
      ctx.font = "10px system-ui, sans-serif";
      ctx.fillStyle = "#52606d";
      ctx.textAlign = "right";
      ctx.fillText(n, it.x + it.w - 11, it.y + 1);
      ctx.textAlign = "left";
    }
  }

  function stubText(r) {
    return `+${r.count} ${r.more ? "more" : r.count === 1 ? "tactic" : "tactics"} (${r.visits} visit${r.visits === 1 ? "" : "s"})`;
  }

  function drawStub(it, detail) {
    roundRect(it.x, it.y - BOX_H / 2 + 3, it.w, BOX_H - 6, 9);
    ctx.fillStyle = "#f1f3f5";
    ctx.fill();
    ctx.strokeStyle = "#868e96";
    ctx.lineWidth = 1;
    ctx.setLineDash([3, 3]);
    ctx.stroke();
    ctx.setLineDash([]);
    outline(it, false, false);
    if (detail) label(stubText(it.ref), it.x + 9, it.y, it.w - 14, "#495057", "11px system-ui, sans-serif");
  }

  function label(text, x, y, maxW, color, font) {
    ctx.font = font || "12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace";
    ctx.fillStyle = color;
    ctx.textBaseline = "middle";
    ctx.fillText(fit(text, maxW), x, y + 1);
  }

  const fitCache = new Map();
  function fit(text, maxW) {
    const key = ctx.font + "\u0000" + maxW + "\u0000" + text;
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

  // ---- minimap: the whole drawn tree in a corner, the viewport as a rectangle ----
  const base = document.createElement("canvas");
  let mm = null;  // world -> minimap transform of the current layout
  function renderMinimap() {
    const w = mini.clientWidth || 200, h = mini.clientHeight || 140, dpr = window.devicePixelRatio || 1;
    for (const c of [mini, base]) { c.width = Math.floor(w * dpr); c.height = Math.floor(h * dpr); }
    const { items } = state.layout;
    let x1 = 1, y0 = Infinity, y1 = -Infinity;
    for (const it of items) { x1 = Math.max(x1, it.x + it.w); y0 = Math.min(y0, it.y); y1 = Math.max(y1, it.y); }
    y0 -= BOX_H; y1 += BOX_H;
    const k = Math.min((w - 8) / x1, (h - 8) / Math.max(1, y1 - y0));
    mm = { k, ox: (w - x1 * k) / 2, oy: (h - (y1 - y0) * k) / 2 - y0 * k };
    const b = base.getContext("2d");
    b.setTransform(dpr, 0, 0, dpr, 0, 0);
    b.fillStyle = "#f8f9fa";
    b.fillRect(0, 0, w, h);
    // One cell per minimap pixel, holding the most telling colour that lands on it, so a tree of
    // 200,000 items costs one pass of arithmetic and at most w*h small rectangles.
    const PRIORITY = ["#adb5bd", COLORS.open.stroke, COLORS.proved.stroke, COLORS.failed.stroke, PROOF];
    const cells = new Uint8Array(w * h);
    for (const it of items) {
      const proof = it.kind === "node" ? it.ref.in_proof : it.kind === "edge" && model.proofEdges.has(it.id);
      const s = it.kind === "stub" ? null : it.kind === "node" ? state.statuses.node.get(it.id) : state.statuses.edge.get(it.id);
      const p = 1 + (proof ? 4 : s === "failed" ? 3 : s === "proved" ? 2 : s ? 1 : 0);
      const row = Math.min(h - 1, Math.max(0, Math.floor(mm.oy + it.y * mm.k)));
      const c1 = Math.min(w - 1, Math.floor(mm.ox + (it.x + it.w) * mm.k));
      for (let c = Math.max(0, Math.floor(mm.ox + it.x * mm.k)); c <= c1; c++) {
        if (cells[row * w + c] < p) cells[row * w + c] = p;
      }
    }
    for (let p = 1; p <= PRIORITY.length; p++) {
      b.beginPath();
      for (let i = 0; i < cells.length; i++) if (cells[i] === p) b.rect(i % w, Math.floor(i / w) - 0.25, 1, 1.5);
      b.fillStyle = PRIORITY[p - 1];
      b.fill();
    }
  }

  function drawMinimapView(view) {
    if (!mm) return;
    const dpr = window.devicePixelRatio || 1;
    mctx.setTransform(1, 0, 0, 1, 0, 0);
    mctx.drawImage(base, 0, 0);
    mctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    mctx.fillStyle = MATCH;
    for (const [kind, id] of state.matches) {
      const it = state.layout.pos[kind].get(id);
      if (it) mctx.fillRect(mm.ox + it.x * mm.k - 1.5, mm.oy + it.y * mm.k - 1.5, 3, 3);
    }
    mctx.strokeStyle = SELECT;
    mctx.lineWidth = 1.5;
    const x = mm.ox + view.x0 * mm.k, y = mm.oy + view.y0 * mm.k;
    mctx.strokeRect(x, y, Math.max(3, (view.x1 - view.x0) * mm.k), Math.max(3, (view.y1 - view.y0) * mm.k));
  }

  // Minimap pixel -> world point.
  const fromMinimap = (px, py) => (mm ? { x: (px - mm.ox) / mm.k, y: (py - mm.oy) / mm.k } : null);

  function hit(px, py) {
    const items = state.layout.items, last = rowOf(py + BOX_H / 2);
    for (let i = firstAtY(items, py - BOX_H / 2), n = items.length; i < n && rowOf(items[i].y) <= last; i++) {
      const it = items[i];
      if (px >= it.x && px <= it.x + it.w && Math.abs(py - it.y) <= BOX_H / 2) return it;
    }
    return null;
  }

  return { draw, renderMinimap, fromMinimap, hit, stubText, BOX_H };
};
