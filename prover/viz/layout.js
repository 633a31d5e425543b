// The tree's layout, kept from one click to the next: one row per leaf, each parent centred on its first
// and last child, a column per depth. A goal reached by several drawn tactics sits under one "home"
// tactic, chosen by a fixed order among the drawn ones (a proof tactic, then the earliest created, then
// the lowest id: svg.py's rule), so the homes that a click can change are those of the
// goals it hides, draws or reaches by a new tactic. `update` redoes only that part; positions are
// relative (see `measureOne`), so it re-measures the changed items and their ancestors and nothing
// else: on a fully expanded 50,000-goal tree a click costs what it changes, not 190,000 items.
// Items persist across updates (the viewer reads them through `pos`, placed by `locate`).
"use strict";
window.HtpsLayout = function (model, state) {
  const GOAL_W = 230, TACTIC_W = 160, STUB_W = 150, COL_GAP = 34, ROW_H = model.ROW_H;
  const WIDTH = { node: GOAL_W, edge: TACTIC_W, stub: STUB_W };
  const { nodes, inEdges, proofEdges, rootId } = model;
  const NO_KIDS = Object.freeze([]);
  let L = null, version = 0, stamp = 0, how = "";
  let dirty = null, dirtyMark = 0;  // during an update: the items whose children to list again
  // Undo: each update records how to put the layout back as it was (`log`, flat records of four:
  // what, target, key, old value), and the layouts of the last few clicks stay restorable while the
  // goals clicked since show the tactics they showed then; so collapsing a big subtree and showing it
  // again (or an update that had to start afresh, then undone) costs the changed path, not the subtree.
  const UNDO_DEPTH = 8, ABSENT = {};
  const DONE = 0, HIDES_MOST = 1, DRAWS_MORE = 2, LOOP = 3;  // what `change` did
  const MAP = 0, KIDS = 1, UP = 2, HOME = 3, REFS = 4, SET = 5, MEASURE = 6, REL = 7, NODE = 8, EDGE = 9, DEPTH = 10, FRESH = 11, SPLIT = 12;
  let log = null, undo = [], current = null;  // current: the undo entry of the update under way
  // `serial` numbers the updates; an item made by the one under way (`born`) has no earlier state to
  // log: undoing the update takes it out of the maps, and nothing else refers to it.
  let serial = 0;
  function logOp(what, target, key, old) { if (log) log.push(what, target, key, old); }
  function logItem(what, it, old) { if (log && it.born !== serial) log.push(what, it, null, old); }
  function logMap(map, key, old) {
    if (!log) return;
    log.push(MAP, map, key, old);
  }
  // (No map holds undefined.)
  function put(map, key, value) { const old = map.get(key); logMap(map, key, old === undefined ? ABSENT : old); map.set(key, value); }
  function putNew(map, key, value) { if (log) logMap(map, key, ABSENT); map.set(key, value); }  // key not in map
  function del(map, key) { const old = map.get(key); if (old !== undefined) { logMap(map, key, old); map.delete(key); } }
  function setAdd(set, x) { if (!set.has(x)) { logOp(SET, set, x, false); set.add(x); } }
  function setDel(set, x) { if (set.has(x)) { logOp(SET, set, x, true); set.delete(x); } }

  // `mp`, `seen`: draw.js's (minimap colour, drawn in this frame).
  const item = (kind, ref) => ({ kind, ref, id: ref.id, x: 0, y: 0, w: WIDTH[kind], up: null, kids: NO_KIDS, refs: false, home: null, tag: 0,
    leaves: 1, rel: 0, mid: 0, h: 0, goals: kind === "node" ? 1 : 0, s: 0, c: 0, v: 0, stale: 0, dirty: 0, mp: 0, seen: 0, born: log ? serial : 0, out: false, sp: null });
  const visible = (id) => state.time >= model.maxTime || nodes.get(id).created_at <= state.time;
  // Each drawn goal's home tactic (its item's `home`; null for the root), read like a Map.
  const homes = {
    get: (id) => L.pos.node.get(id)?.home,
    entries: () => [...L.pos.node.values()].map((it) => [it.id, it.home]),
  };

  function stubRef(id, sp) {
    const visits = sp.hidden.reduce((s, e) => s + e.visits, 0);
    return { id, count: sp.hidden.length, visits, more: sp.shown.length > 0 };
  }

  // A drawn goal's tactics and stub, from its split. A new item starts measured as a leaf (`item`), so
  // a new tactic without subgoals is left out of `finish` (most of them: 70% of tactics fail); its
  // goal places it.
  function drawTactics(id, sp) {
    for (const e of sp.shown) {
      if (!L.pos.edge.has(e.id)) { const it = item("edge", e); putNew(L.pos.edge, e.id, it); if (e.children.length) markDirty(it); }
    }
    del(L.pos.stub, id);
    if (sp.hidden.length) put(L.pos.stub, id, item("stub", stubRef(id, sp)));
    markDirty(L.pos.node.get(id));
  }

  // Draws every goal reachable from `queue` through shown tactics that is not drawn yet, with its
  // tactics and stub (none of them drawn before: one record undoes them all; a goal without any is
  // measured as it is made); returns their items, or null as soon as there are more than `limit`.
  // Drawn goals reached again by their tactics go to `again` (their homes may change).
  function reach(queue, limit = Infinity, again = []) {
    const fresh = [], { node, edge, stub } = L.pos;
    for (let i = 0; i < queue.length; i++) {
      const id = queue[i];
      if (node.has(id)) { again.push(id); continue; }
      if (fresh.length >= limit) return null;
      const it = item("node", nodes.get(id)), sp = model.split(id);
      it.sp = sp;
      node.set(id, it);
      for (const e of sp.shown) {
        const t = item("edge", e);
        edge.set(e.id, t);
        if (e.children.length) markDirty(t);
      }
      if (sp.hidden.length) stub.set(id, item("stub", stubRef(id, sp)));
      if (sp.shown.length || sp.hidden.length) markDirty(it);
      if (log) {
        log.push(FRESH, it, sp, null);
        if (!current.splits.has(id)) current.splits.set(id, undefined);
      }
      fresh.push(it);
      for (const e of sp.shown) for (const c of e.children) if (visible(c)) queue.push(c);
    }
    return fresh;
  }

  // A hidden tactic or goal out of the maps, logged as one record (a collapse drops thousands). A goal's
  // record puts back its tactics too (its `kids` stay as they were). Its home tactic is dropped too
  // (see `hide`): nothing to mark.
  function dropEdge(it, logged = true) {
    it.out = true;
    if (it.refs) L.refEdges.delete(it);
    L.pos.edge.delete(it.id);
    if (logged) logOp(EDGE, it, null, null);
  }

  function dropNode(it, hidden) {
    const id = it.id, stub = L.pos.stub.get(id);
    it.out = true;
    for (const e of it.kids) if (e.kind === "edge" && e.tag !== hidden) dropEdge(e, false);  // hidden: dropped already
    if (stub) L.pos.stub.delete(id);
    L.pos.node.delete(id);
    if (!log) return;
    log.push(NODE, it, null, stub);
    if (!current.splits.has(id)) current.splits.set(id, it.sp);
  }

  function homeOf(c) {
    if (c === rootId) return null;
    let first = null;
    for (const e of inEdges.get(c)) {  // by creation time
      if (!L.pos.edge.has(e.id)) continue;
      if (proofEdges.has(e.id)) return e.id;
      if (first === null) first = e.id;
    }
    return first;
  }

  function setHome(it) {
    const old = it.home, h = homeOf(it.id);
    if (old === h) return;
    logItem(HOME, it, old);
    it.home = h;
    if (old !== null) markDirty(L.pos.edge.get(old));
    markDirty(L.pos.edge.get(h));
  }

  function markDirty(it) {
    if (dirty && it && it.dirty !== dirtyMark) { it.dirty = dirtyMark; dirty.push(it); }
  }

  function adopt(parent, kids) {
    logItem(KIDS, parent, parent.kids);
    for (const k of kids) { if (k.up !== parent) logItem(UP, k, k.up); k.up = parent; }
    parent.kids = kids.length ? kids : NO_KIDS;
  }

  function nodeKids(it) {
    const kids = it.sp.shown.map((e) => L.pos.edge.get(e.id));
    const stub = L.pos.stub.get(it.id);
    if (stub) kids.push(stub);
    adopt(it, kids);
  }

  // An edge's subgoals drawn under it; one drawn under another tactic makes it a "ref" edge (draw.js
  // draws a dashed link to it).
  function edgeKids(it) {
    const kids = [];
    let refs = false;
    for (const c of it.ref.children) {
      const n = L.pos.node.get(c);
      if (n && n.home === it.id) { if (!kids.includes(n)) kids.push(n); } else if (n) refs = true;
    }
    adopt(it, kids);
    if (refs === it.refs) return;
    logItem(REFS, it, it.refs);
    it.refs = refs;
    if (refs) setAdd(L.refEdges, it); else setDel(L.refEdges, it);
  }

  // Rebuilds the children lists of the items marked dirty, then measures them and their ancestors.
  function finish() {
    const stale = dirty.filter((it) => !it.out);  // not dropped since
    for (const it of stale) if (it.kind === "node") nodeKids(it); else edgeKids(it);
    dirty = null;
    return measure(stale);
  }

  // Positions are relative, so that a click re-measures only what it changed and the path to the
  // root, never the rows after it: an item knows its number of rows (`leaves`), the row its subtree
  // starts at within its parent's (`rel`), its own row within its subtree (`mid`: a leaf 0, a parent
  // midway between its first and last child) and its subtree's depth (`h`). `locate` adds them up.
  function measureOne(it) {
    const kids = it.kids;
    if (!kids.length) { it.leaves = 1; it.mid = 0; it.h = 0; it.goals = it.kind === "node" ? 1 : 0; return; }
    let at = 0, h = 0, goals = it.kind === "node" ? 1 : 0;
    for (const k of kids) {
      if (log && k.rel !== at && k.born !== serial) log.push(REL, k, null, k.rel);
      k.rel = at;
      at += k.leaves;
      goals += k.goals;
      if (k.h >= h) h = k.h + 1;
    }
    const a = kids[0], b = kids[kids.length - 1];
    it.leaves = at;
    it.goals = goals;
    it.h = h;
    it.mid = (a.rel + a.mid + b.rel + b.mid) / 2;
  }

  // Re-measures the items `stale` (null: all) and their ancestors, children first, by one iterative
  // post-order walk from the root that enters only those (10,000-deep chains stay off the JS call
  // stack); returns how many goals hang under the root (fewer than drawn: homes in a loop, see
  // repairHomes).
  function measure(stale) {
    const mark = ++stamp, all = stale === null;
    if (!all) for (const it of stale) for (let p = it; p && p.stale !== mark; p = p.up) p.stale = mark;
    const root = L.pos.node.get(rootId), stack = [root], next = [0];
    root.up = null;
    root.rel = 0;
    while (stack.length) {
      const top = stack[stack.length - 1], k = next[next.length - 1];
      if (k < top.kids.length) {
        next[next.length - 1] = k + 1;
        if (all || top.kids[k].stale === mark) { stack.push(top.kids[k]); next.push(0); }
        continue;
      }
      stack.pop();
      next.pop();
      // Two flat records, not an array of the four: a number array would hand back whole numbers as
      // doubles, and writing those turns the fields of every item to doubles (a slow walk after).
      if (log && top.born !== serial) log.push(MEASURE, top, top.leaves, top.mid, DEPTH, top, top.h, top.goals);
      measureOne(top);
    }
    version++;
    L.rows = root.leaves;
    // The right edge of the deepest column (a stub is narrower than a tactic: at most 10 px less).
    L.right = colX(root.h) + (root.h % 2 ? TACTIC_W : GOAL_W);
    return root.goals;
  }

  // Sets `it.x`, `it.y` (and the absolute row `s` and column `c`) for the current layout, walking up
  // only as far as an ancestor already placed since the last change.
  function locate(it) {
    if (it.v === version) return it;
    const chain = [];
    for (let p = it; p && p.v !== version; p = p.up) chain.push(p);
    for (let i = chain.length - 1; i >= 0; i--) {
      const q = chain[i], p = q.up;
      q.s = p ? p.s + q.rel : 0;
      q.c = p ? p.c + 1 : 0;
      q.x = colX(q.c);
      q.y = ROW_H * (q.s + q.mid);
      q.v = version;
    }
    return it;
  }

  // Calls fn(item) for every item, placed, whose subtree holds a row in [lo, hi], parents first: the
  // items drawn in those rows and all their ancestors, however big the tree.
  function visit(lo, hi, fn) {
    const stack = [locate(L.pos.node.get(rootId))];
    while (stack.length) {
      const it = stack.pop();
      fn(it);
      for (const k of it.kids) {
        const start = it.s + k.rel;
        if (start <= hi && start + k.leaves > lo) stack.push(locate(k));
      }
    }
  }

  function colX(col) {
    const goals = Math.ceil(col / 2), tactics = Math.floor(col / 2);
    return goals * (GOAL_W + COL_GAP) + tactics * (TACTIC_W + COL_GAP);
  }

  // Everything from scratch: at the start, and when the replay time, "proof only" or many goals' modes
  // change at once.
  function rebuild() {
    how = "afresh";
    undo = [];
    return afresh();
  }

  function afresh() {
    const pos = { node: new Map(), edge: new Map(), stub: new Map() };
    // Each drawn goal's split (its item's `sp`), read like a Map.
    const splits = { get: (id) => pos.node.get(id)?.sp };
    L = { rows: 0, right: 0, repaired: false, refEdges: new Set(), pos, splits, home: homes };
    dirty = null;
    for (const it of reach([rootId])) it.home = homeOf(it.id);
    for (const it of L.pos.node.values()) if (it.sp.shown.length || it.sp.hidden.length) nodeKids(it);
    for (const it of L.pos.edge.values()) if (it.ref.children.length) edgeKids(it);
    if (measure(null) < L.pos.node.size) {
      L.repaired = true;
      repairHomes();
      for (const it of L.pos.edge.values()) if (it.ref.children.length) edgeKids(it);
      measure(null);
    }
    return L;
  }

  // Any choice of homes is a tree when the graph has no cycle (the search refuses cycles). With one
  // (a hand-made file), goals can take homes under each other in a loop that the root does not reach:
  // re-home each such goal under a drawn tactic of a reached goal. Every pass re-homes at least one
  // (a drawn goal is reachable from the root through drawn tactics).
  function repairHomes() {
    const reached = new Set(), stack = [L.pos.node.get(rootId)];
    while (stack.length) {
      const it = stack.pop();
      if (it.kind === "node") reached.add(it.id);
      for (const k of it.kids) stack.push(k);
    }
    let pending = [...L.pos.node.keys()].filter((id) => !reached.has(id));
    while (pending.length) {
      const left = [];
      for (const c of pending) {
        const e = inEdges.get(c).find((x) => L.pos.edge.has(x.id) && reached.has(x.parent));
        if (e) { L.pos.node.get(c).home = e.id; reached.add(c); } else left.push(c);
      }
      pending = left;
    }
  }

  const sameShown = (a, b) => a.shown.length === b.shown.length && a.shown.every((e, i) => e === b.shown[i]);

  // The goals `goals` may show other tactics now (their mode or pins changed): lays out the change.
  // `how` says how the last layout was made (for tests and benches): "afresh", "undo" (a kept layout
  // restored), "change" (only what changed laid out), "undo+change" (a kept layout, then what
  // differs from it: see `rebase`) or "same" (nothing changed).
  function update(goals) {
    how = "afresh";
    if (!L || L.repaired) return rebuild();  // repaired homes do not follow the rule: start afresh
    const asked = [...new Set(goals)];
    how = "undo";
    if (restore(asked)) return L;
    for (const u of undo) for (const g of asked) u.touched.add(g);
    const done = apply(asked);
    if (done === DRAWS_MORE && rebase()) return L;
    if (done !== DONE) startAfresh(asked);  // the layout before the click stays whole, for an undo
    return L;
  }

  function startAfresh(touched) {
    how = "afresh";
    const old = L;
    afresh();
    remember({ L: old, touched: new Set(touched) });
  }

  // Lays out the goals of `asked` whose tactics shown differ from the layout's; DONE, or why it
  // could not (the layout is then as it was).
  function apply(asked) {
    how = "same";
    const changed = [];
    for (const g of asked) {
      const old = L.splits.get(g);
      if (!old) continue;  // not drawn: its split is read when it is
      const sp = model.split(g);
      if (!sameShown(old, sp)) changed.push({ g, old, sp });
    }
    if (!changed.length) return DONE;
    current = { log: [], L: null, splits: new Map(), touched: new Set(asked), rows: L.rows, right: L.right };
    log = current.log;
    serial++;
    const u = current, done = change(changed);
    log = null;
    current = null;
    if (done === DONE) {
      how = "change";
      remember(u);
    } else {
      dirty = null;
      revert(u);
    }
    return done;
  }

  // A click that would draw more than is drawn (showing again most of the tree, e.g. what a collapse
  // near the root hid, when no kept layout matches the goals now): go back to the kept layout that
  // differs from them in the fewest goals (the latest on ties), then lay out those. Gives up the
  // layouts kept after that one; true when done, afresh if need be.
  function rebase() {
    let best = -1, fewest = Infinity;
    for (let k = undo.length - 1; k >= 0; k--) {
      let n = 0;
      for (const g of undo[k].touched) {
        const was = splitAt(k, g);
        if (was && !sameShown(was, model.split(g))) n++;
      }
      if (n < fewest) { fewest = n; best = k; }
    }
    if (best < 0) return false;
    const touched = [...undo[best].touched];
    while (undo.length > best) revert(undo.pop());
    if (apply(touched) !== DONE) startAfresh(touched);
    else how = "undo+change";
    return true;
  }

  // A whole layout kept (up to 190,000 items) forgets the entries before it, so at most one is held.
  function remember(u) {
    if (u.L) undo = [];
    undo.push(u);
    if (undo.length > UNDO_DEPTH) undo.shift();
  }

  // Lays out `changed`: DONE, or why it is cheaper (HIDES_MOST, DRAWS_MORE) or, with a loop of homes,
  // needed (LOOP) to start afresh.
  function change(changed) {
    dirty = [];
    dirtyMark = ++stamp;
    const kept = hide(changed);
    if (!kept) return HIDES_MOST;
    const added = [];
    for (const { g, sp } of changed) {
      if (!L.pos.node.has(g)) continue;
      for (const e of sp.shown) if (!L.pos.edge.has(e.id)) added.push(e);
      drawTactics(g, sp);
    }
    const queue = [];
    for (const e of added) for (const c of e.children) if (visible(c)) queue.push(c);
    const again = [], fresh = reach(queue, L.pos.node.size, again);
    if (!fresh) return DRAWS_MORE;
    rehome(kept, fresh, again);
    // Goals whose homes closed a loop (only a cycle in the graph can) hang off no goal under the root.
    return finish() >= L.pos.node.size ? DONE : LOOP;
  }

  // The split goal `g` had in the layout the undo entry `k` restores (undefined: not drawn then).
  function splitAt(k, g) {
    for (let i = k; i < undo.length; i++) {
      if (undo[i].L) return undo[i].L.splits.get(g);
      if (undo[i].splits.has(g)) return undo[i].splits.get(g);
    }
    return L.splits.get(g);
  }

  // Goes back to the layout of the latest undo entry whose drawn goals all show what they showed
  // then (only the goals clicked since can differ; time and "proof only" changes clear the entries):
  // that layout is the one the current state gives.
  function restore(asked) {
    for (let k = undo.length - 1; k >= 0; k--) {
      let same = true;
      for (const set of [undo[k].touched, asked]) {
        for (const g of set) {
          const was = splitAt(k, g);
          if (was && !sameShown(was, model.split(g))) { same = false; break; }
        }
        if (!same) break;
      }
      if (!same) continue;
      while (undo.length > k) revert(undo.pop());
      for (const u of undo) for (const g of asked) u.touched.add(g);
      return true;
    }
    return false;
  }

  function revert(u) {
    version++;
    if (u.L) { L = u.L; return; }
    const ops = u.log;
    for (let i = ops.length - 4; i >= 0; i -= 4) {
      const what = ops[i], t = ops[i + 1], key = ops[i + 2], old = ops[i + 3];
      if (what === MAP) { if (old === ABSENT) t.delete(key); else t.set(key, old); }
      else if (what === SET) { if (old) t.add(key); else t.delete(key); }
      else if (what === KIDS) t.kids = old;
      else if (what === UP) t.up = old;
      else if (what === HOME) t.home = old;
      else if (what === REFS) t.refs = old;
      else if (what === REL) t.rel = old;
      else if (what === EDGE) { t.out = false; L.pos.edge.set(t.id, t); if (t.refs) L.refEdges.add(t); }
      else if (what === NODE) {
        t.out = false;
        L.pos.node.set(t.id, t);
        if (old) L.pos.stub.set(t.id, old);
        for (const e of t.kids) {
          if (e.kind !== "edge") continue;
          e.out = false;
          L.pos.edge.set(e.id, e);
          if (e.refs) L.refEdges.add(e);
        }
      }
      else if (what === SPLIT) t.sp = old;
      else if (what === MEASURE) { t.leaves = key; t.mid = old; }
      else if (what === FRESH) {
        L.pos.node.delete(t.id);
        L.pos.stub.delete(t.id);
        for (const e of key.shown) L.pos.edge.delete(e.id);
      }
      else { t.h = key; t.goals = old; }
    }
    L.rows = u.rows;
    L.right = u.right;
  }

  // Hides the tactics no longer shown and the goals laid out under them that no other drawn tactic
  // reaches (directly or through each other); returns those it keeps, or null when it would hide most
  // of the tree (laying out what stays from scratch costs less). Likewise, `update` starts afresh when
  // a click draws more than is drawn.
  function hide(changed) {
    const U = ++stamp, K = ++stamp, under = [], walk = [];  // `tag`: under a hidden tactic (U), kept (K)
    for (const { old, sp } of changed) {
      const keep = new Set(sp.shown);
      for (const e of old.shown) if (!keep.has(e)) walk.push(L.pos.edge.get(e.id));
    }
    const gone = walk.slice();
    for (const it of walk) it.tag = U;
    // One goal's tactics hold disjoint subtrees, whose sizes are measured: no walk to find it too big.
    if (changed.length === 1 && 2 * walk.reduce((n, it) => n + it.goals, 0) > L.pos.node.size) return null;
    while (walk.length) {
      const it = walk.pop();
      if (it.kind === "node") { it.tag = U; under.push(it); }
      for (const k of it.kids) if (k.kids.length || k.kind === "node") walk.push(k);  // no goal under the rest
    }
    if (2 * under.length > L.pos.node.size) return null;
    for (const it of gone) dropEdge(it);
    for (const { g, sp } of changed) {
      const it = L.pos.node.get(g);
      logItem(SPLIT, it, it.sp);
      if (!current.splits.has(g)) current.splits.set(g, it.sp);
      it.sp = sp;
    }
    const outside = (e) => { const it = L.pos.edge.get(e.id); return it !== undefined && it.up.tag !== U; };  // up: its goal
    // A goal's only tactic is its home, under the hidden part: most goals need no look-up.
    const kept = under.filter((it) => { const ins = inEdges.get(it.id); return ins.length > 1 && ins.some(outside); });
    for (const it of kept) it.tag = K;
    // Through the layout's own links: a kept goal's tactics (not those hidden, tagged U) and the
    // subgoals each is home to, and, for a tactic whose subgoals sit elsewhere too, those.
    const keepIt = (n) => { if (n !== undefined && n.tag === U) { n.tag = K; kept.push(n); } };
    for (let i = 0; i < kept.length; i++) {
      for (const e of kept[i].kids) {
        if (e.kind !== "edge" || e.tag === U) continue;
        for (const n of e.kids) keepIt(n);
        if (e.refs) for (const c of e.ref.children) keepIt(L.pos.node.get(c));
      }
    }
    for (const it of under) if (it.tag !== K) dropNode(it, U);
    return kept;
  }

  // Homes of the goals kept whose home tactic was hidden, drawn (`fresh`), or reached by a new tactic
  // (`again`: reached by `reach` through one); every other goal keeps its own: its tactic is still
  // drawn and, the drawn ones reaching it being fewer or new (those are candidates), still comes first.
  function rehome(kept, fresh, again) {
    const C = ++stamp;
    for (const it of kept) if (!L.pos.edge.has(it.home) && it.tag !== C) { it.tag = C; setHome(it); }
    for (const it of fresh) if (it.tag !== C) { it.tag = C; setHome(it); }
    for (const id of again) {
      const it = L.pos.node.get(id);
      if (it.tag !== C) { it.tag = C; setHome(it); }
    }
  }

  return { rebuild, update, locate, visit, colX, how: () => how };
};
