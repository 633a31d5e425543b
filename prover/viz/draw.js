// Canvas drawing for the viewer: the tree (only what intersects the viewport; plain blocks when zoomed
// far out) and the minimap. Reads the layout from layout.js and the view from the viewer's state.
"use strict";
window.HtpsDraw = function (canvas, mini, state, model, layout) {
  const BOX_H = 24;
  const COLORS = {
    proved: { fill: "#d6f5dc", stroke: "#2f9e44" },
    failed: { fill: "#fbdada", stroke: "#c92a2a" },
    open: { fill: "#e7ecf3", stroke: "#7b8794" },
  };
  const PROOF = "#e8a200", SELECT = "#1c7ed6", MATCH = "#15aabf", NEW = "#9c36b5", PV = "#5f3dc4";
  const ctx = canvas.getContext("2d"), mctx = mini.getContext("2d");
  const rootVisits = Math.max(1, model.nodes.get(model.rootId).visits);

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
    const shown = [];
    layout.visit(Math.floor((view.y0 - BOX_H) / model.ROW_H), Math.ceil((view.y1 + BOX_H) / model.ROW_H), (it) => shown.push(it));
    if (state.scale * model.ROW_H < 1) { drawPixels(shown, view); drawMinimapView(view); return; }
    const coarse = state.scale < 0.2;
    if (coarse) drawLinksCoarse(shown, view); else eachLink(shown, view, drawLink);
    const detail = state.scale > 0.45;
    for (const it of shown) {
      if (it.x > view.x1 || it.x + it.w < view.x0 || it.y < view.y0 - BOX_H || it.y > view.y1 + BOX_H) continue;
      if (coarse) drawBlock(it);
      else if (it.kind === "node") drawGoal(it, detail);
      else if (it.kind === "edge") drawTactic(it, detail);
      else drawStub(it, detail);
    }
    drawMinimapView(view);
  }

  // Width by visits: the share of the root's visits that went through this tactic.
  const visitWidth = (v) => 1 + 9 * Math.sqrt(Math.min(1, v / rootVisits));

  // Each link that may cross the view, as fn(a, b, kind, edge): goal -> tactic and tactic -> the
  // subgoals it is home to (PLAIN), goal -> its stub (STUB), tactic -> a subgoal drawn under another
  // tactic (REF, dashed). `shown` (layout.visit) holds every item in the rows on screen and their
  // ancestors, so every tree link crossing the view leaves one of them. A dashed link is drawn when
  // one of its ends is among them: one joining two goals both off screen up and down is left out.
  const PLAIN = 0, REF = 1, STUB = 2;
  let stamp = 0;
  function eachLink(shown, view, fn) {
    const { pos, home, refEdges } = state.layout;
    const near = (a, b) => {
      const x0 = a.x + a.w, x1 = b.x;
      return !(Math.max(x0, x1) < view.x0 || Math.min(x0, x1) > view.x1 || Math.max(a.y, b.y) < view.y0 || Math.min(a.y, b.y) > view.y1);
    };
    const mark = ++stamp;
    for (const p of shown) p.seen = mark;
    for (const p of shown) {
      const e = p.kind === "edge" ? p.ref : null;
      for (const k of p.kids) {
        if (near(p, layout.locate(k))) fn(p, k, k.kind === "stub" ? STUB : PLAIN, e || (k.kind === "edge" ? k.ref : null));
      }
      if (e && refEdges.has(p)) {
        for (const c of e.children) {
          const to = home.get(c) === e.id ? null : pos.node.get(c);
          if (to && near(p, layout.locate(to))) fn(p, to, REF, e);
        }
      } else if (p.kind === "node") {
        for (const x of model.inEdges.get(p.id)) {
          const from = home.get(p.id) === x.id ? null : pos.edge.get(x.id);
          if (from && from.seen !== mark && near(layout.locate(from), p)) fn(from, p, REF, x);
        }
      }
    }
  }

  function drawLink(a, b, kind, e) {
    const x0 = a.x + a.w, y0 = a.y, x1 = b.x, y1 = b.y;
    ctx.beginPath();
    ctx.moveTo(x0, y0);
    const mx = (x0 + x1) / 2;
    ctx.bezierCurveTo(mx, y0, mx, y1, x1, y1);
    ctx.setLineDash(kind === PLAIN ? [] : [5, 4]);
    const proof = e !== null && model.proofEdges.has(e.id);
    const pv = kind === PLAIN && model.pvEdges.has(e.id);
    ctx.strokeStyle = proof && kind === PLAIN ? PROOF : pv ? PV : "#9aa5b1";
    ctx.globalAlpha = kind === REF ? 0.6 : 0.85;
    ctx.lineWidth = kind === PLAIN ? Math.max(proof ? 3 : 1.2, visitWidth(e.visits)) : 1.2;
    ctx.stroke();
    ctx.globalAlpha = 1;
    ctx.setLineDash([]);
  }

  function drawLinksCoarse(shown, view) {
    ctx.beginPath();
    eachLink(shown, view, (a, b) => {
      ctx.moveTo(a.x + a.w, a.y);
      ctx.lineTo(b.x, b.y);
    });
    ctx.strokeStyle = "#9aa5b1";
    ctx.lineWidth = 1 / state.scale;
    ctx.stroke();
  }

  // Rows thinner than a pixel (a big tree fitted whole): one picture, each pixel holding the most
  // telling colour landing on it (as the minimap), no links; the selection and matches on top.
  function drawPixels(shown, view) {
    const W = canvas.width, H = canvas.height, dpr = window.devicePixelRatio || 1, k = state.scale * dpr;
    const ox = state.tx * dpr, oy = state.ty * dpr, cells = new Uint8Array(W * H);
    for (const it of shown) {
      if (it.x > view.x1 || it.x + it.w < view.x0) continue;
      const row = Math.floor(oy + it.y * k);
      if (row < 0 || row >= H) continue;
      const p = it.mp || (it.mp = priority(it)), c1 = Math.min(W - 1, Math.floor(ox + (it.x + it.w) * k));
      for (let c = Math.max(0, Math.floor(ox + it.x * k)), at = row * W + c; c <= c1; c++, at++) if (cells[at] < p) cells[at] = p;
    }
    const img = new ImageData(W, H), px = img.data;
    for (let i = 0, at = 0; i < cells.length; i++, at += 4) {
      const color = cells[i] ? PALETTE[cells[i]] : WHITE;
      px[at] = color[0]; px[at + 1] = color[1]; px[at + 2] = color[2]; px[at + 3] = 255;
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.putImageData(img, 0, 0);
    ctx.setTransform(k, 0, 0, k, ox, oy);
    const marked = state.matches.map(([kind, id]) => ({ kind, id }));
    if (state.selected) marked.push(state.selected);
    for (const { kind, id } of marked) {
      const it = state.layout.pos[kind].get(id);
      if (it) drawBlock(layout.locate(it));
    }
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
  // After a change it is redrawn in slices of a few milliseconds between frames, so that a click on a
  // 190,000-item tree shows the tree at once; the previous picture stays until the new one is whole.
  const base = document.createElement("canvas");
  let mm = null;  // world -> minimap transform of the picture in `base`
  let job = null;  // the picture being drawn
  let minimapMs = 0;  // how long the last picture took, all its slices together
  const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  // By priority (`priority`): stub, open, proved, failed, proof; 0 is the background.
  const PALETTE = ["#f8f9fa", "#adb5bd", COLORS.open.stroke, COLORS.proved.stroke, COLORS.failed.stroke, PROOF].map(rgb);
  const SLICE_MS = 6, WHITE = [255, 255, 255];

  // An item's minimap colour, the most telling first: proof > failed > proved > open > stub. Read once
  // per item (`mp`): statuses change only with the replay time, which makes new items.
  function priority(it) {
    if (it.kind === "stub") return 1;
    const proof = it.kind === "node" ? it.ref.in_proof : model.proofEdges.has(it.id);
    const s = it.kind === "node" ? state.statuses.node.get(it.id) : state.statuses.edge.get(it.id);
    return 1 + (proof ? 4 : s === "failed" ? 3 : s === "proved" ? 2 : s ? 1 : 0);
  }

  function renderMinimap() {
    const w = mini.clientWidth || 200, h = mini.clientHeight || 140, dpr = window.devicePixelRatio || 1;
    const { rows, right, pos } = state.layout;
    const y0 = -BOX_H, y1 = (rows - 1) * model.ROW_H + BOX_H, x1 = Math.max(1, right);
    const k = Math.min((w - 8) / x1, (h - 8) / Math.max(1, y1 - y0));
    job = {
      w, h, dpr, mm: { k, ox: (w - x1 * k) / 2, oy: (h - (y1 - y0) * k) / 2 - y0 * k },
      cells: new Uint8Array(w * h), stack: [layout.locate(pos.node.get(model.rootId))], rows: [0], cols: [0], ms: 0,
    };
    // Its first slice too comes after the frame that shows the change.
    const j = job;
    requestAnimationFrame(() => setTimeout(() => paintSlice(j), 0));
  }

  // One cell per minimap pixel, holding the most telling colour that lands on it: a tree of 200,000
  // items costs one walk of arithmetic, then the pixels are written at once.
  function paintSlice(j) {
    if (j !== job) return;  // a newer layout started another picture
    const { w, h, cells, stack, rows, cols } = j, { k, ox, oy } = j.mm, t0 = performance.now();
    // Positions summed on the way down (layout.js `locate` without storing them): a walk of the
    // whole tree after every change would otherwise write 190,000 items.
    for (let n = 1; stack.length; n++) {
      const it = stack.pop(), s = rows.pop(), col = cols.pop(), x = layout.colX(col);
      const row = Math.min(h - 1, Math.max(0, Math.floor(oy + model.ROW_H * (s + it.mid) * k)));
      const c1 = Math.min(w - 1, Math.floor(ox + (x + it.w) * k));
      const p = it.mp || (it.mp = priority(it));
      for (let c = Math.max(0, Math.floor(ox + x * k)), at = row * w + c; c <= c1; c++, at++) {
        if (cells[at] < p) cells[at] = p;
      }
      for (const kid of it.kids) { stack.push(kid); rows.push(s + kid.rel); cols.push(col + 1); }
      if (n % 4096 === 0 && performance.now() - t0 > SLICE_MS) {
        j.ms += performance.now() - t0;
        setTimeout(() => paintSlice(j), 0);
        return;
      }
    }
    job = null;
    for (const c of [mini, base]) { c.width = Math.floor(w * j.dpr); c.height = Math.floor(h * j.dpr); }
    const img = new ImageData(base.width, base.height), px = img.data;
    for (let y = 0; y < base.height; y++) {
      // A cell is 1.5 pixels tall (a quarter pixel above and below), so that lone rows stay visible.
      const yc = (y + 0.5) / j.dpr, r1 = Math.min(h - 1, Math.floor(yc));
      const c1 = r1 * w, c0 = (yc - r1 < 0.25 && r1 > 0 ? r1 - 1 : r1) * w, c2 = (yc - r1 > 0.75 && r1 < h - 1 ? r1 + 1 : r1) * w;
      for (let x = 0, at = y * base.width * 4; x < base.width; x++, at += 4) {
        const cx = Math.min(w - 1, Math.floor(x / j.dpr));
        const color = PALETTE[Math.max(cells[c0 + cx], cells[c1 + cx], cells[c2 + cx])];
        px[at] = color[0]; px[at + 1] = color[1]; px[at + 2] = color[2]; px[at + 3] = 255;
      }
    }
    base.getContext("2d").putImageData(img, 0, 0);
    mm = j.mm;
    drawMinimapView(viewBox());
    minimapMs = j.ms + performance.now() - t0;
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
      if (it) mctx.fillRect(mm.ox + layout.locate(it).x * mm.k - 1.5, mm.oy + it.y * mm.k - 1.5, 3, 3);
    }
    mctx.strokeStyle = SELECT;
    mctx.lineWidth = 1.5;
    const x = mm.ox + view.x0 * mm.k, y = mm.oy + view.y0 * mm.k;
    mctx.strokeRect(x, y, Math.max(3, (view.x1 - view.x0) * mm.k), Math.max(3, (view.y1 - view.y0) * mm.k));
  }

  // Minimap pixel -> world point.
  const fromMinimap = (px, py) => (mm ? { x: (px - mm.ox) / mm.k, y: (py - mm.oy) / mm.k } : null);

  function hit(px, py) {
    let found = null;
    layout.visit(Math.floor((py - BOX_H) / model.ROW_H), Math.ceil((py + BOX_H) / model.ROW_H), (it) => {
      if (!found && px >= it.x && px <= it.x + it.w && Math.abs(py - it.y) <= BOX_H / 2) found = it;
    });
    return found;
  }

  return { draw, renderMinimap, fromMinimap, hit, stubText, BOX_H, minimapPending: () => job !== null, minimapMs: () => minimapMs };
};
