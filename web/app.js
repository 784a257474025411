// cidrplan page: presentation only. Every number comes from the WebAssembly core;
// this file keeps the page state (also in the URL), renders tables, and shows errors inline.

const $ = (id) => document.getElementById(id);

// ---------------------------------------------------------------- the WebAssembly builds
// Three builds of the one core package, each a superset of the one before: the first screen
// (subnet calculator, overlap checker) loads the smallest, and a view that needs more loads
// its build the first time it is shown. `cp` is the most complete build loaded so far.
const BUILDS = {
  calc: { file: "./pkg/cidrplan_calc.js", what: "the calculator" },
  clusters: { file: "./pkg/cidrplan_clusters.js", what: "the cluster planner" },
  full: { file: "./pkg/cidrplan_web.js", what: "the plan file tools" },
};
const BUILD_ORDER = Object.keys(BUILDS);
// the Plan file tab checks in its worker (plan-worker.js), which loads the full build itself
const VIEW_BUILD = { subnets: "calc", overlaps: "calc", cluster: "clusters", plan: "calc" };
const loading = {};
let cp = null;
let cpBuild = -1;
const hasBuild = (build) => cpBuild >= BUILD_ORDER.indexOf(build);
function needBuild(build) {
  loading[build] ??= (async () => {
    document.body.dataset.loading = build;
    try {
      const mod = await import(BUILDS[build].file);
      await mod.default();
      const rank = BUILD_ORDER.indexOf(build);
      if (rank > cpBuild) {
        cp = mod;
        cpBuild = rank;
      }
      if (build !== "calc") fillInstanceTypes();
    } catch (e) {
      delete loading[build]; // a later visit tries again
      throw new Error(`${BUILDS[build].what} could not be loaded (${errText(e)}); check the connection and try again`);
    } finally {
      if (document.body.dataset.loading === build) delete document.body.dataset.loading;
    }
  })();
  return loading[build];
}
function fillInstanceTypes() {
  if ($("instances").options.length) return;
  const names = cp.eks.instanceTypes().map((t) => t.name);
  $("instances").replaceChildren(...names.map((n) => Object.assign(document.createElement("option"), { value: n })));
}

const DEFAULT_STATE = {
  tab: "subnets",
  subnets: { bases: "10.0.0.0/16", profile: "aws", splits: [], names: {}, notes: {}, vlsm: "", details: false },
  cluster: { platform: "eks/secondary-ip", instance: "m5.large", nodes: 50, peak: "", maxPods: "", surge: "1", zones: 3, vpc: "10.0.0.0/16", pools: [], compareBy: "nodes", comparePods: "3000" },
  overlaps: { text: null, iana: true, aks: true },
  plan: { text: null, file: "startup-eks.yaml" },
};
// the example plans (copied into dist/examples/ by scripts/build-web), fetched once
const examples = {};
let state = structuredClone(DEFAULT_STATE);
let planNote = ""; // said once in the Plan file tab (a link that left its plan out)
let lastExport = null; // what Export downloads: the results on screen, null while a view shows an error

// ---------------------------------------------------------------- state <-> URL
function encodeState(s) {
  const bytes = new TextEncoder().encode(JSON.stringify(s));
  // binary string in chunks: one concatenation per byte cost 220 ms on a large state
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
function decodeState(text) {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const bin = atob(b64 + "===".slice((b64.length + 3) % 4));
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}
function mergeState(loaded) {
  const s = structuredClone(DEFAULT_STATE);
  if (loaded && typeof loaded === "object") {
    if (typeof loaded.tab === "string") s.tab = loaded.tab;
    for (const k of ["subnets", "cluster", "overlaps", "plan"]) {
      if (loaded[k] && typeof loaded[k] === "object") Object.assign(s[k], loaded[k]);
    }
  }
  if (!Array.isArray(s.subnets.splits)) s.subnets.splits = [];
  if (!Array.isArray(s.cluster.pools)) s.cluster.pools = [];
  if (s.plan.omitted) {
    delete s.plan.omitted;
    planNote = "The plan this link was made from was too large for a link: open its file (Open plan file).";
  }
  s.cluster.pools = s.cluster.pools.filter((p) => p && typeof p === "object");
  return s;
}
// The URL follows the state a moment after the last edit: writing a long link on every
// keystroke of a large tree cost more than the edit itself. Anything that reads the link
// (Copy link, a tab switch, leaving the page) writes it first.
let urlTimer = null;
// A link holds at most this much plan text: browsers cut longer links, and encoding
// megabytes on the page's thread would freeze it. A longer plan stays in the page (Save
// plan keeps it); the link leaves it out and says so when opened.
const LINK_PLAN_CHARS = 100_000;
function linkState() {
  const text = state.plan.text;
  if (text === null || text.length <= LINK_PLAN_CHARS) return state;
  return { ...state, plan: { ...state.plan, text: null, omitted: true } };
}
function saveUrl() {
  clearTimeout(urlTimer);
  urlTimer = null;
  delete document.body.dataset.urlPending;
  history.replaceState(null, "", "#s=" + encodeState(linkState()));
}
function saveUrlSoon() {
  clearTimeout(urlTimer);
  document.body.dataset.urlPending = "true";
  urlTimer = setTimeout(saveUrl, 250);
}
function dropPendingUrl() {
  clearTimeout(urlTimer);
  urlTimer = null;
  delete document.body.dataset.urlPending;
}
// Applies the state in the URL; false when there is none or it cannot be read (the
// current state is kept and the page says so).
function loadUrl() {
  const m = location.hash.match(/^#s=([A-Za-z0-9_-]+)$/);
  if (!m) {
    if (location.hash) showError("bases-error", "This link's saved state could not be read (it may be cut short); the page kept what it had.");
    return false;
  }
  try {
    state = mergeState(decodeState(m[1]));
    return true;
  } catch {
    showError("bases-error", "This link's saved state could not be read (it may be cut short); the page kept what it had.");
    return false;
  }
}

// ---------------------------------------------------------------- undo, redo, focus
// Every edit is undoable: `edit` records the state before it. Undo and redo swap whole
// states, so Join, VLSM and imports can never drop work for good.
const undoStack = [];
const redoStack = [];
function edit(change, focusLabel) {
  undoStack.push(structuredClone(state));
  if (undoStack.length > 200) undoStack.shift();
  redoStack.length = 0;
  change();
  update(focusLabel);
}
// Undo and redo: the state on top of `from` comes back; the current one goes onto `to`.
function travel(from, to) {
  if (!from.length) return;
  to.push(structuredClone(state));
  state = from.pop();
  syncInputs();
  update();
  // the control that had the focus may be gone (an undone Join's rows): keep the keyboard
  // user's place on Undo/Redo, or the tab, rather than dropping focus to the page
  if (document.activeElement === document.body || !document.activeElement) {
    const next = [from === undoStack ? $("undo") : $("redo"), document.querySelector('nav button[aria-selected="true"]')].find((b) => b && !b.disabled);
    next?.focus();
  }
}
const undo = () => travel(undoStack, redoStack);
const redo = () => travel(redoStack, undoStack);
// The control that has the focus, by its accessible name: after a re-render the same
// control (or the one an edit names) gets it back, so keyboard users keep their place.
function focusedLabel() {
  const el = document.activeElement;
  return el && el !== document.body ? el.getAttribute("aria-label") : null;
}
function restoreFocus(label) {
  if (!label) return;
  const el = document.querySelector(`[aria-label="${CSS.escape(label)}"]`);
  if (el && el !== document.activeElement) el.focus();
}

// ---------------------------------------------------------------- helpers
function showError(id, message) {
  const el = $(id);
  if (el) el.textContent = message || "";
}
function markInvalid(input, bad) {
  if (input) input.setAttribute("aria-invalid", bad ? "true" : "false");
}
function errText(e) {
  return e && e.message ? e.message : String(e);
}
function cell(text, cls, title) {
  const td = document.createElement("td");
  td.textContent = text ?? "";
  if (cls) td.className = cls;
  if (title) td.title = title;
  return td;
}
function row(cells) {
  const tr = document.createElement("tr");
  cells.forEach((c) => tr.appendChild(c instanceof Node ? c : cell(c)));
  return tr;
}
function fill(tableId, rows) {
  const body = $(tableId).querySelector("tbody");
  body.replaceChildren(...rows);
}
const numberFormat = new Intl.NumberFormat("en-US");
// Counts arrive exact: a Number up to 2^53, past that a decimal string (BigInt keeps it exact).
function fmt(n) {
  if (typeof n === "number") return numberFormat.format(n);
  if (typeof n === "string" && /^\d+$/.test(n)) return numberFormat.format(BigInt(n));
  return String(n ?? "");
}
function parseBases(text) {
  return text.split(/[\s,]+/).map((t) => t.trim()).filter(Boolean);
}

// ---------------------------------------------------------------- subnet calculator
// The split/join tree (cp.splitTree): a prefix in `splits` is shown as its two halves.
// The rows on screen by prefix, for the table's one click listener.
const treeRows = new Map();

// Elements of the last render by what they show: an edit of one row of a large tree
// rebuilds and lays out that row only, not the 1,024 around it.
let rowCache = new Map(), segCache = new Map(), barCache = new Map(), treeCache = new Map(), treeRowCache = new Map();
function keyed(cache, next, signature, build) {
  const el = cache.get(signature) ?? build();
  next.set(signature, el);
  return el;
}
function swapCaches(rows, segs, bars, trees, treeRows) {
  rowCache = rows;
  segCache = segs;
  barCache = bars;
  treeCache = trees;
  treeRowCache = treeRows;
}
// How many nodes `old` and `nodes` share at the start (a) and, after that, at the end (b):
// only the run between them changed.
function sharedEnds(old, nodes) {
  let a = 0;
  while (a < nodes.length && a < old.length && old[a] === nodes[a]) a++;
  let b = 0;
  while (b < nodes.length - a && b < old.length - a && old[old.length - 1 - b] === nodes[nodes.length - 1 - b]) b++;
  return [a, b];
}
// Makes parent's children `nodes`, touching only the run between the common start and end.
function reconcile(parent, nodes) {
  const old = parent.children;
  const [a, b] = sharedEnds(old, nodes);
  const after = b > 0 ? old[old.length - b] : null;
  for (let i = old.length - b - 1; i >= a; i--) old[i].remove();
  const middle = document.createDocumentFragment();
  middle.append(...nodes.slice(a, nodes.length - b));
  parent.insertBefore(middle, after);
}

// The subnet table's rows sit in chunks of about CHUNK rows, and a chunk off screen is
// neither laid out nor painted (content-visibility): a Split or Join lays out and
// re-checks the visibility of one chunk, not of 1,024 rows. `drawnRows` is the rows in
// order as drawn last.
const CHUNK = 64;
let drawnRows = [];
function newChunk(rows) {
  const chunk = document.createElement("div");
  chunk.className = "chunk";
  chunk.append(...rows);
  return chunk;
}
function reconcileChunks(body, rows) {
  const old = drawnRows;
  drawnRows = rows;
  const [a, b] = sharedEnds(old, rows);
  const removed = old.slice(a, old.length - b);
  const added = rows.slice(a, rows.length - b);
  if (!removed.length && !added.length) return;
  // the new rows go where the first replaced row was, or next to the row before or after
  const next = removed[0] ?? old[a];
  const chunk = next?.parentElement ?? old[a - 1]?.parentElement;
  if (!chunk || removed.length > CHUNK || added.length > CHUNK) {
    const chunks = [];
    for (let i = 0; i < rows.length; i += CHUNK) chunks.push(newChunk(rows.slice(i, i + CHUNK)));
    body.replaceChildren(...chunks);
    return;
  }
  const fragment = document.createDocumentFragment();
  fragment.append(...added);
  chunk.insertBefore(fragment, next?.parentElement === chunk ? next : null);
  const emptied = new Set();
  for (const r of removed) {
    emptied.add(r.parentElement);
    r.remove();
  }
  for (const c of emptied) if (c && !c.firstElementChild) c.remove();
  // a chunk grown past twice its size is cut in two
  if (chunk.childElementCount > 2 * CHUNK) chunk.after(newChunk([...chunk.children].slice(CHUNK)));
}

function rowButton(text, label, action, prefix) {
  const b = document.createElement("button");
  b.textContent = text;
  b.setAttribute("aria-label", label);
  b.dataset[action] = prefix;
  return b;
}

// A count that may be 25 digits long (IPv6): grouped, and allowed to wrap only between
// groups (<wbr> copies as nothing, so the number pastes whole).
function countText(n) {
  return breakAfter(fmt(n), ",");
}
// Text that may wrap only after `sep` (an IPv6 address after its colons), pasting whole.
function breakAfter(text, sep) {
  const frag = document.createDocumentFragment();
  text.split(sep).forEach((part, i, all) => {
    frag.append(part + (i < all.length - 1 ? sep : ""));
    if (i < all.length - 1) frag.appendChild(document.createElement("wbr"));
  });
  return frag;
}
// The subnet grid's rows and cells (ARIA table roles on a grid: see index.html).
function gridCell(content, cls) {
  const d = document.createElement("div");
  d.setAttribute("role", "cell");
  if (content instanceof Node) d.appendChild(content);
  else d.textContent = content ?? "";
  if (cls) d.className = cls;
  return d;
}
function gridRow(cells) {
  const r = document.createElement("div");
  r.setAttribute("role", "row");
  r.append(...cells.map((c) => (c instanceof Node && c.getAttribute("role") === "cell" ? c : gridCell(c))));
  return r;
}
// Named subnets' colours, the same in a row and in the address bar: from the name, so a
// colour stays put while other subnets are split, joined or renamed; a name whose colour
// is taken gets the next free one, in the order the names were given.
const PALETTE_SIZE = 10;
function assignColours(names) {
  const taken = new Set();
  const colours = new Map();
  for (const name of names) {
    if (colours.has(name)) continue;
    let h = 0;
    for (const ch of name) h = (h * 31 + ch.codePointAt(0)) >>> 0;
    let i = h % PALETTE_SIZE;
    for (let k = 0; k < PALETTE_SIZE && taken.has(i); k++) i = (i + 1) % PALETTE_SIZE;
    taken.add(i);
    if (taken.size === PALETTE_SIZE) taken.clear();
    colours.set(name, `var(--c${i})`);
  }
  return colours;
}
// The core's `network_bits` of a prefix, its first `prefix_len` digits (the network
// bits) in bold; IPv6's eight 16-bit groups may wrap after any ":". Formatting only.
function bitView(info) {
  const span = document.createElement("span");
  span.className = "bits";
  const sep = info.family === "v4" ? "." : ":";
  let left = info.prefix_len;
  cp.networkBits(info.prefix).split(sep).forEach((group, i) => {
    const n = Math.max(0, Math.min(group.length, left));
    left -= n;
    if (i) span.append(sep, document.createElement("wbr"));
    if (n) span.appendChild(document.createElement("b")).textContent = group.slice(0, n);
    if (n < group.length) span.append(group.slice(n));
  });
  const bits = info.family === "v4" ? 32 : 128;
  span.title = `${info.prefix}: ${info.prefix_len} network bits (bold), ${bits - info.prefix_len} host bits`;
  return span;
}

// Split, Split to the nibble boundary and Join, for whichever row's button was clicked.
function rowAction(event) {
  const b = event.target.closest("button");
  if (!b) return;
  const s = state.subnets;
  const l = treeRows.get(b.dataset.split ?? b.dataset.nibble ?? b.dataset.join);
  if (!l) return;
  if (b.dataset.split) {
    // focus moves to the first half, which takes this row's place
    edit(() => s.splits.push(l.prefix), `Split ${l.first_half} in two`);
  } else if (b.dataset.nibble) {
    // IPv6 plans split on nibble boundaries (/48 -> /52 -> /56 ...), one click for 16 subnets
    edit(() => s.splits.push(...l.nibble_splits), `Split ${cp.split(l.prefix, l.nibble)[0]} in two`);
  } else {
    // joining removes the parent's split and every split below it, and the names and
    // notes of the subnets it merges: said out loud, and undoable
    const parent = l.parent;
    const dropped = Object.keys(s.names).filter((k) => isInside(k, parent)).map((k) => s.names[k]);
    edit(() => {
      s.splits = s.splits.filter((p) => p !== parent && !isInside(p, parent));
      for (const map of [s.names, s.notes]) for (const k of Object.keys(map)) if (isInside(k, parent)) delete map[k];
    }, `Split ${parent} in two`);
    $("edit-status").textContent = dropped.length
      ? `Joined into ${parent}; removed the names ${dropped.join(", ")}. Undo (Ctrl+Z) brings them back.`
      : `Joined into ${parent}.`;
  }
}

// The base ranges are wrong: say so beside them and show no stale tree, bars or free space.
function subnetsFailed(message) {
  markInvalid($("bases"), true);
  showError("bases-error", message);
  $("subnet-table").querySelector(".body").replaceChildren();
  drawnRows = [];
  $("bars").replaceChildren();
  $("free-summary").textContent = "";
}

function renderSubnets() {
  const s = state.subnets;
  const basesInput = $("bases");
  const rows = [];
  const bars = [];
  const shown = []; // [base, row] in order, for Export (built when asked for)
  let bases;
  try {
    bases = parseBases(s.bases).map((b) => cp.parsePrefix(b));
    if (bases.length === 0) throw new Error("Enter at least one base range, like 10.0.0.0/16");
    markInvalid(basesInput, false);
    showError("bases-error", "");
    // base ranges that overlap would count the same addresses twice: say so
    const clash = cp.findOverlaps(bases.map((b) => ({ name: b, prefix: b })))[0];
    if (clash) {
      throw new Error(`${clash.a_prefix} ${clash.relation === "equal" ? "is given twice" : `contains ${clash.b_prefix}`}: base ranges must not overlap`);
    }
  } catch (e) {
    subnetsFailed(errText(e));
    return;
  }
  treeRows.clear();
  const colours = assignColours(Object.values(s.names));
  const nextRows = new Map(), nextSegs = new Map(), nextBars = new Map(), nextTrees = new Map(), nextTreeRows = new Map();
  let freeTotal = [];
  for (const base of bases) {
    let list;
    try {
      // the core lays the leaves out (cheap); rows already drawn are reused, so a Split or
      // Join asks the core for the one or two new rows only (cp.splitTree gives all at once)
      const leavesKey = JSON.stringify([base, s.splits]);
      const leaves = treeCache.get(leavesKey) ?? cp.splitLeaves(base, s.splits);
      nextTrees.set(leavesKey, leaves);
      list = leaves.map((p) => keyed(treeRowCache, nextTreeRows, `${base} ${s.profile} ${p}`, () => cp.treeRow(base, p, s.profile)));
    } catch (e) {
      subnetsFailed(errText(e));
      return;
    }
    const used = list.filter((l) => s.names[l.prefix]).map((l) => l.prefix);
    const free = cp.freeSpace(base, used);
    freeTotal = freeTotal.concat(free);
    const bar = barCache.get(base) ?? document.createElement("div");
    nextBars.set(base, bar);
    bar.className = "bar";
    bar.setAttribute("aria-hidden", "true"); // the rows below say the same, in order
    reconcile(bar, list.map((l) => {
      const name = s.names[l.prefix];
      const colour = name ? colours.get(name) : null;
      return keyed(segCache, nextSegs, `${l.prefix} ${colour} ${name ?? ""}`, () => {
        const seg = document.createElement("div");
        seg.className = name ? "used" : "free";
        seg.style.flexGrow = String(Math.max(l.share, 2 ** -30));
        if (name) {
          seg.style.background = colour;
          seg.textContent = name; // cut to the segment's width by CSS
        }
        seg.title = `${l.prefix}${name ? " " + name : " (free)"}: click to go to its row`;
        seg.dataset.prefix = l.prefix;
        return seg;
      });
    }));
    const label = document.createElement("div");
    label.className = "bar-label";
    // the profile's size rule, once per base: rows outside it are marked
    const rule = list[0].info;
    const sizes = rule.largest_prefix_len === null ? "" : ` · ${rule.profile} subnets: ${allowedSizes(rule)}`;
    label.textContent = `${base}: ${used.length} named of ${list.length} subnets; free ${free.join(", ") || "none"}${sizes}`;
    bars.push(bar, label);
    for (const l of list) {
      const info = l.info;
      treeRows.set(l.prefix, l);
      // names and notes are written into the row's inputs, so editing one keeps its row
      const signature = `${s.profile} ${l.prefix} ${s.details ? "details" : ""}`;
      const tr = keyed(rowCache, nextRows, signature, () => {
        const prefixCell = gridCell("", "mono prefix");
        // the indent per level is the table's (bounded however deep the tree): --indent-step
        prefixCell.style.setProperty("--depth", String(l.depth));
        prefixCell.title = `${l.prefix}: ${l.depth} level${l.depth === 1 ? "" : "s"} below ${base}`;
        prefixCell.textContent = l.prefix;
        if (!info.size_allowed) {
          const warn = document.createElement("div");
          warn.className = "warn";
          warn.textContent = `size outside ${info.profile} rules`;
          warn.title = `${info.profile} subnets: ${allowedSizes(info)}`;
          prefixCell.appendChild(warn);
        }
        const name = fieldInput("names", l.prefix, `name of ${l.prefix}`);
        const note = fieldInput("notes", l.prefix, `note for ${l.prefix}`);
        const buttons = gridCell("", "buttons");
        // the buttons carry their subnet; one listener on the table acts on them (rowAction)
        if (l.first_half) {
          buttons.appendChild(rowButton("Split", `Split ${l.prefix} in two`, "split", l.prefix));
          if (l.nibble !== null) {
            buttons.appendChild(rowButton(`Split to /${l.nibble}`, `Split to /${l.nibble}: ${l.prefix} into /${l.nibble} subnets`, "nibble", l.prefix));
          }
        }
        if (l.parent) buttons.appendChild(rowButton("Join", `Join ${l.prefix} back into ${l.parent}`, "join", l.prefix));
        const range = gridCell(info.first_usable ? breakAfter(`${info.first_usable} – ${info.last_usable}`, ":") : "none", "mono range");
        if (s.details) {
          // every figure from the core's inspect: mask, wildcard, broadcast, total, bits
          const more = range.appendChild(document.createElement("div"));
          more.className = "details";
          more.textContent = [
            info.family === "v4" ? `mask ${info.netmask}` : null,
            info.family === "v4" ? `wildcard ${info.hostmask}` : null,
            info.broadcast ? `broadcast ${info.broadcast}` : `last ${info.last_address}`,
            `${fmt(info.total_addresses)} addresses`,
          ].filter(Boolean).join(" · ");
          range.appendChild(bitView(info));
        }
        const built = gridRow([prefixCell, gridCell(name), range, gridCell(countText(info.usable), "count"), gridCell(note), buttons]);
        built.inputs = { names: name, notes: note };
        built.dataset.prefix = l.prefix;
        return built;
      });
      // only a changed colour is written: a style write on every row would restyle them all
      const colour = s.names[l.prefix] ? colours.get(s.names[l.prefix]) : "transparent";
      if (tr.colour !== colour) tr.style.setProperty("--row-colour", (tr.colour = colour));
      const name = s.names[l.prefix] || "", note = s.notes[l.prefix] || "";
      if (tr.inputs.names.value !== name) tr.inputs.names.value = name;
      if (tr.inputs.notes.value !== note) tr.inputs.notes.value = note;
      rows.push(tr);
      shown.push([base, l]);
    }
  }
  // every CIDR on one line at any depth: the indent shrinks as the tree deepens (6rem at
  // most in all), and the prefix column is as wide as the longest CIDR plus that indent
  let deepest = 0, longest = 0;
  for (const [, l] of shown) {
    if (l.depth > deepest) deepest = l.depth;
    if (l.prefix.length > longest) longest = l.prefix.length;
  }
  const step = Math.min(0.9, 6 / Math.max(1, deepest));
  const table = $("subnet-table");
  const vars = { "--indent-step": `${step.toFixed(3)}rem`, "--indent-total": `${(deepest * step).toFixed(2)}rem`, "--prefix-text": `calc(${longest + 1}ch + 1.5rem)` };
  for (const [k, v] of Object.entries(vars)) if (table.style.getPropertyValue(k) !== v) table.style.setProperty(k, v);
  reconcileChunks(table.querySelector(".body"), rows);
  reconcile($("bars"), bars);
  swapCaches(nextRows, nextSegs, nextBars, nextTrees, nextTreeRows);
  $("free-summary").textContent = `Free space: ${freeTotal.join(", ") || "none"}`;
  // the state cannot change before Export without a new render (which replaces this)
  const exportRows = () => shown.map(([base, l]) => ({
    base, prefix: l.prefix, name: s.names[l.prefix] || "", first_usable: l.info.first_usable || "", last_usable: l.info.last_usable || "",
    usable: l.info.usable, note: s.notes[l.prefix] || "",
  }));
  lastExport = { name: "subnets", get rows() { return exportRows(); }, get json() { return { bases, profile: s.profile, subnets: exportRows(), free: freeTotal }; } };
}

// A profile's subnet sizes as the core gives them: "/44 to /64 in steps of 4", "exactly /64"
function allowedSizes(info) {
  if (info.largest_prefix_len === info.smallest_prefix_len) return `exactly /${info.largest_prefix_len}`;
  return `/${info.largest_prefix_len} to /${info.smallest_prefix_len}${info.prefix_len_step > 1 ? ` in steps of ${info.prefix_len_step}` : ""}`;
}

// An input bound to state.subnets[mapName][key]: blank removes the entry. The map is looked
// up when the input changes, as the row may outlive the state it was drawn from (undo).
function fieldInput(mapName, key, label) {
  const input = document.createElement("input");
  input.value = state.subnets[mapName][key] || "";
  input.setAttribute("aria-label", label);
  input.addEventListener("change", () => {
    const value = input.value.trim();
    // after the focus has moved on (Tab, Enter, a click), so that it can be kept
    setTimeout(() => edit(() => {
      const map = state.subnets[mapName];
      if (value) map[key] = value;
      else delete map[key];
    }));
  });
  return input;
}

function isInside(p, parent) {
  return p !== parent && cp.contains(parent, p);
}

// A click on a segment of the address bar goes to its row.
function selectRow(prefix) {
  const body = $("subnet-table").querySelector(".body");
  for (const el of body.querySelectorAll(".selected")) el.classList.remove("selected");
  const row = drawnRows.find((r) => r.dataset.prefix === prefix);
  if (!row) return;
  row.classList.add("selected");
  row.scrollIntoView({ block: "center" });
  row.inputs.names.focus({ preventScroll: true });
}
// Pointing at (or focusing) a Join button marks the rows it merges.
let mergeShown = null;
function markMerge(prefix) {
  if (prefix === mergeShown) return;
  mergeShown = prefix;
  const body = $("subnet-table").querySelector(".body");
  for (const el of body.querySelectorAll(".merging")) el.classList.remove("merging");
  const parent = prefix && treeRows.get(prefix)?.parent;
  if (!parent) return;
  for (const r of drawnRows) if (isInside(r.dataset.prefix, parent)) r.classList.add("merging");
}

// "Split 10.0.0.0/16 into /26": every split on the way in one undoable step (the core's
// splitsTo; a tree of more rows than it allows is refused with the reason)
function runSplitTo() {
  const s = state.subnets;
  try {
    const bases = parseBases(s.bases);
    const typed = $("split-prefix").value.trim();
    const prefix = cp.parsePrefix(typed || bases[0] || "");
    const base = bases.find((b) => cp.contains(b, prefix));
    if (!base) throw new Error(`${prefix} is not inside a base range (${bases.join(", ")})`);
    const len = $("split-len").value.trim().replace(/^\//, "");
    if (!/^\d{1,3}$/.test(len)) throw new Error(`give the length to split into, like /26 (from /${cp.prefixLen(prefix)})`);
    const added = cp.splitsTo(prefix, Number(len));
    showError("split-error", "");
    edit(() => { s.splits = [...new Set([...s.splits, ...added])]; });
  } catch (e) {
    showError("split-error", errText(e));
  }
}

function runVlsm() {
  const s = state.subnets;
  const input = $("vlsm");
  s.vlsm = input.value;
  try {
    const bases = parseBases(s.bases);
    if (bases.length !== 1) throw new Error("VLSM plans inside one base range; enter just one");
    const requests = cp.parseVlsmRequests(s.vlsm);
    const base = cp.parsePrefix(bases[0]);
    // the profile as chosen: where it has no rule for IPv6 the core says so, and which to use
    const report = cp.vlsm(base, requests, s.profile);
    // show the result as a tree: every ancestor of an allocated subnet is split
    const splits = new Set();
    const baseLen = cp.prefixLen(base);
    for (const sub of report.subnets) {
      const len = cp.prefixLen(sub.prefix);
      for (let l = baseLen; l < len; l++) splits.add(cp.supernet(sub.prefix, l));
    }
    const replaced = Object.keys(s.names).length;
    markInvalid(input, false);
    showError("vlsm-error", "");
    edit(() => {
      s.splits = [...splits];
      s.names = Object.fromEntries(report.subnets.map((x) => [x.prefix, x.name]));
      s.notes = {};
    });
    $("vlsm-status").textContent = `Planned ${report.subnets.length} subnets; wasted ${fmt(report.wasted_addresses)} addresses; remaining ${report.remaining.join(", ") || "none"}` +
      (replaced ? `. Replaced the ${replaced} named subnet(s) before it: Undo (Ctrl+Z) brings them back.` : "");
    update();
  } catch (e) {
    markInvalid(input, true);
    $("vlsm-status").textContent = "";
    showError("vlsm-error", errText(e));
  }
}

// ---------------------------------------------------------------- cluster planner
function requirement(c) {
  // text to number (the core checks each number's range and names the field it is about)
  const num = (v, field, label) => {
    const n = Number(v);
    if (Number.isInteger(n)) return n;
    throw Object.assign(new Error(`${label}: ${v} is not a whole number`), { field });
  };
  const given = { nodes: [c.nodes, "Nodes"], peak_nodes: [c.peak, "Peak nodes"], max_pods: [c.maxPods, "Pods per node"], zones: [c.zones, "Zones"] };
  const req = {};
  for (const [field, [v, label]] of Object.entries(given)) {
    if (String(v ?? "").trim() !== "") req[field] = num(v, field, label);
  }
  // the core would say "nodes is missing"; the form asks for it
  if (req.nodes === undefined) throw Object.assign(new Error("Nodes: enter how many nodes the cluster runs"), { field: "nodes" });
  // an empty field is left out: the core's default applies (surge 1, 3 zones);
  // the core reads surge ("1" or "10%") and says what is wrong with it
  if (String(c.surge ?? "").trim()) req.surge = String(c.surge).trim();
  // node pools: each field a pool leaves empty is left out, and the core takes the
  // cluster's (max pods, surge, zones; EKS the instance type of the platform)
  const eks = c.platform.startsWith("eks/");
  req.pools = (c.pools ?? []).map((p, i) => {
    const pool = { name: String(p.name ?? "").trim(), os: p.os === "windows" ? "windows" : "linux" };
    const at = (key) => `pools[${i}].${key}`;
    for (const [key, v, label] of [["nodes", p.nodes, "Nodes"], ["peak_nodes", p.peak, "Peak"], ["max_pods", p.maxPods, "Pods per node"]]) {
      if (String(v ?? "").trim() !== "") pool[key] = num(v, at(key), `Pool ${i + 1}: ${label}`);
    }
    if (pool.nodes === undefined) throw Object.assign(new Error(`Pool ${i + 1}: enter how many nodes it runs`), { field: at("nodes") });
    if (String(p.surge ?? "").trim()) pool.surge = String(p.surge).trim();
    if (eks && String(p.instance ?? "").trim()) pool.instance_type = String(p.instance).trim();
    return pool;
  });
  return req;
}
function platformSpec(c) {
  return c.platform.startsWith("eks/") ? `${c.platform}/${c.instance.trim()}` : c.platform;
}

// The input that shows each requirement field the core's errors name (`error.field`,
// or a path under it such as "surge.percent").
const INPUT_OF_FIELD = { nodes: "nodes", peak_nodes: "peak", max_pods: "max-pods", surge: "surge", zones: "zones" };
const POOL_INPUT_OF_FIELD = { name: "name", nodes: "nodes", peak_nodes: "peak", max_pods: "max-pods", surge: "surge", instance_type: "instance", os: "os", mode: "name" };
function fieldOf(error) {
  const field = String(error?.field ?? "");
  // a pool's field, as the core names it: pools[2].max_pods
  const pool = field.match(/^pools\[(\d+)\](?:\.(\w+))?/);
  if (pool) return `pool-${pool[1]}-${POOL_INPUT_OF_FIELD[pool[2]] ?? "name"}`;
  return INPUT_OF_FIELD[field.split(/[.[]/)[0]] ?? null;
}
// While the planner shows an error, none of the earlier results stay on screen.
function clearCluster(keepCompare) {
  fill("sizing-table", []);
  fill("plan-table", []);
  $("limits").replaceChildren();
  $("terraform").textContent = "";
  $("cluster-plan-summary").textContent = "";
  fill("pool-sizing", []);
  $("pool-sizing").hidden = true;
  if (!keepCompare) fill("compare-table", []);
}

// A cluster error stands beside the field it is about (outlined), else under the fields.
const CLUSTER_FIELDS = ["nodes", "peak", "max-pods", "surge", "zones", "vpc", "instance"];
function clusterError(field, message) {
  const input = field && $(field);
  if (input) markInvalid(input, true);
  // a pool's field has no message slot of its own: the message goes under the fields
  showError(input && $(`${field}-error`) ? `${field}-error` : "cluster-error", message);
}

// The pools table: one row of inputs per pool, in the state; the core reads them.
function renderPoolInputs() {
  const c = state.cluster;
  const eks = c.platform.startsWith("eks/");
  const body = $("pool-table").tBodies[0];
  $("pool-table").hidden = c.pools.length === 0;
  for (const th of $("pool-table").querySelectorAll(".eks-only")) th.hidden = !eks;
  const input = (i, key, label, attrs = {}) => {
    const el = document.createElement("input");
    el.id = `pool-${i}-${{ maxPods: "max-pods" }[key] ?? key}`;
    el.value = c.pools[i][key] ?? "";
    el.setAttribute("aria-label", `Pool ${i + 1} ${label}`);
    Object.assign(el, attrs);
    el.addEventListener("input", () => { state.cluster.pools[i][key] = el.value; update(); });
    const td = document.createElement("td");
    td.append(el);
    return td;
  };
  body.replaceChildren(...c.pools.map((p, i) => {
    const tr = document.createElement("tr");
    const os = document.createElement("select");
    os.id = `pool-${i}-os`;
    os.setAttribute("aria-label", `Pool ${i + 1} OS`);
    for (const v of ["linux", "windows"]) os.append(new Option(v, v, false, (p.os ?? "linux") === v));
    os.addEventListener("change", () => { state.cluster.pools[i].os = os.value; update(); });
    const osCell = document.createElement("td");
    osCell.append(os);
    const remove = document.createElement("button");
    remove.textContent = "Remove";
    remove.setAttribute("aria-label", `Remove pool ${i + 1}`);
    remove.addEventListener("click", () => edit(() => { state.cluster.pools.splice(i, 1); }));
    const removeCell = document.createElement("td");
    removeCell.append(remove);
    const instance = input(i, "instance", "instance type", { placeholder: c.instance || "m5.large", spellcheck: false });
    instance.hidden = !eks;
    tr.append(
      input(i, "name", "name", { spellcheck: false, size: 10 }),
      input(i, "nodes", "nodes", { type: "number", min: 0, size: 5 }),
      input(i, "peak", "peak nodes", { type: "number", min: 0, placeholder: "= nodes", size: 5 }),
      input(i, "maxPods", "pods per node", { type: "number", min: 1, placeholder: c.maxPods || "default", size: 5 }),
      input(i, "surge", "surge", { placeholder: c.surge || "1", size: 4 }),
      instance,
      osCell,
      removeCell,
    );
    return tr;
  }));
}

function renderCluster() {
  const c = state.cluster;
  $("instance-label").hidden = !c.platform.startsWith("eks/");
  showError("cluster-error", "");
  for (const id of CLUSTER_FIELDS) {
    markInvalid($(id), false);
    showError(`${id}-error`, "");
  }
  // rebuilt only when the pools change shape: typing in a pool keeps its input and focus
  const shape = JSON.stringify([c.platform, c.pools.length, c.instance, c.maxPods, c.surge]);
  if ($("pool-table").dataset.shape !== shape) {
    renderPoolInputs();
    $("pool-table").dataset.shape = shape;
  }
  for (const el of $("pool-table").querySelectorAll("input, select")) markInvalid(el, false);
  let req;
  try {
    req = requirement(c);
    cp.plan.checkRequirement(req); // the core reads every field and names the one it cannot use
  } catch (e) {
    clusterError(fieldOf(e), errText(e));
    clearCluster(false);
    return;
  }
  const spec = platformSpec(c);
  // GKE's own --num-nodes counts per zone; this form counts every node
  $("nodes-note").textContent = c.platform.startsWith("gke/") ? "GKE's --num-nodes counts per zone: a regional cluster's --num-nodes times its zones is the number here." : "Every node of the cluster, all zones together.";
  // instance summary
  if (c.platform.startsWith("eks/")) {
    try {
      const sec = cp.eks.maxPods(c.instance.trim(), {});
      const pd = cp.eks.maxPods(c.instance.trim(), { prefix_delegation: true });
      $("instance-summary").textContent = `${sec.instance_type}: ${sec.pod_enis} ENIs x ${sec.ipv4_per_eni} IPv4 each, ${sec.vcpus ?? "?"} vCPUs. Max pods ${sec.address_limit} (secondary IP), ${pd.address_limit} (prefix delegation${pd.prefix_delegation ? "" : ": not on this hypervisor"}); recommended ${pd.recommended ?? "unknown"}.`;
    } catch (e) {
      clusterError("instance", errText(e));
      $("instance-summary").textContent = "";
      clearCluster(false);
      return;
    }
  } else {
    $("instance-summary").textContent = "";
  }
  let sizing;
  try {
    sizing = cp.plan.size(spec, req);
  } catch (e) {
    clusterError(fieldOf(e), errText(e));
    clearCluster(true);
    renderCompare(req, c);
    return;
  }
  fill("sizing-table", sizing.ranges.map((r) => row([r.name, r.role, String(r.count), cell(`/${r.prefix_len}`, "mono"), fmt(r.addresses), r.in_vpc ? "in VPC" : "virtual / overlay", r.rule])));
  $("pool-sizing").hidden = sizing.pools.length === 0;
  fill("pool-sizing", sizing.pools.map((p) => row([p.name, p.platform, String(p.peak_nodes), String(p.surge_nodes), String(p.max_pods),
    p.ranges.filter((r) => r.role !== "service-range").map((r) => `${r.name}: ${fmt(r.addresses)}${r.count > 1 ? ` in each of ${r.count}` : ""} (/${r.prefix_len})`).join("; ")])));
  $("limits").replaceChildren(...[`${fmt(sizing.nodes)} nodes with surge, ${sizing.max_pods} pods per node, ${fmt(sizing.pods)} pods`, ...sizing.limited_by].map((t) => {
    const li = document.createElement("li");
    li.textContent = t;
    return li;
  }));
  let planRows = [];
  try {
    const vpc = cp.parsePrefix(c.vpc.trim());
    const plan = cp.plan.carve(vpc, spec, req);
    planRows = plan.ranges;
    fill("plan-table", plan.ranges.map((r) => row([r.name, r.role, cell(r.prefix, "mono"), r.in_vpc ? "in VPC" : "outside the VPC"])));
    $("cluster-plan-summary").textContent = `No overlaps. Headroom: ${fmt(plan.headroom_addresses)} addresses free in ${plan.headroom.join(", ") || "nothing"}.`;
    // VPC subnets and virtual ranges (service CIDRs, overlay pod CIDRs) in separate maps:
    // only the first belong in aws_subnet / azurerm_subnet
    const named = (inVpc) => plan.ranges.filter((r) => r.in_vpc === inVpc).map((r) => ({ name: r.name, prefix: r.prefix }));
    const virtual = named(false);
    $("terraform").textContent = cp.terraformLocals(named(true), "subnets") + (virtual.length ? cp.terraformLocals(virtual, "virtual_ranges") : "");
    lastExport = { name: "cluster-plan", rows: plan.ranges, json: { requirement: req, platform: spec, sizing, plan } };
  } catch (e) {
    clusterError("vpc", errText(e));
    fill("plan-table", []);
    $("terraform").textContent = "";
    $("cluster-plan-summary").textContent = "";
  }
  renderCompare(req, c);
  return planRows;
}

// Every platform at the same nodes, or at the same pods (the core solves each one's nodes
// from its pods per node, and says why a mode cannot run the pods per node asked).
function renderCompare(req, c) {
  const byPods = c.compareBy === "pods";
  $("compare-pods-field").hidden = !byPods;
  markInvalid($("compare-pods"), false);
  showError("compare-pods-error", "");
  let rows;
  try {
    rows = byPods
      ? cp.plan.compareAtPods(Number(c.comparePods), { ...req, pools: [] }, [], c.instance.trim() || "m5.large")
      : cp.plan.compare(req, [], c.instance.trim() || "m5.large");
  } catch (e) {
    if (!byPods) throw e;
    markInvalid($("compare-pods"), true);
    showError("compare-pods-error", errText(e));
    fill("compare-table", []);
    return;
  }
  $("compare-title").textContent = byPods ? `All platforms at ${fmt(Number(c.comparePods))} pods` : "All platforms for the same requirement";
  $("compare-note").textContent = byPods
    ? `Each platform's nodes at peak are solved from its pods per node (${req.max_pods ? `${req.max_pods}, as asked` : "its default: EKS's ENI limit for the instance type, AKS's 30 or 250, GKE's 110"}); surge comes on top.${c.pools.length ? " Pools are left out: at equal pods the cluster is one pool." : ""}`
    : `Every platform at ${req.peak_nodes ? `${fmt(req.peak_nodes)} nodes at peak` : `${fmt(req.nodes ?? 0)} nodes`}, each at its own pods per node: the pods differ.`;
  fill("compare-table", rows.map((r) => {
    if (!r.sizing) return row([r.platform, "", "", "", "", cell(r.error, "warn")]);
    const s = r.sizing;
    const nodes = r.nodes_for_pods === null || r.nodes_for_pods === undefined ? fmt(s.nodes) : `${fmt(s.nodes)} (${fmt(r.nodes_for_pods)} for the pods)`;
    return row([r.platform, nodes, String(s.max_pods), fmt(s.vpc_addresses), s.ranges.map((x) => `${x.count}x /${x.prefix_len} ${x.name}${x.in_vpc ? "" : " (virtual)"}`).join(", "), s.limited_by.join("; ")]);
  }));
}

// ---------------------------------------------------------------- overlap checker
// Lines are read by the core: every good line is checked, every bad one reported.
function parseNamed(text) {
  return cp.parseNamedPrefixes(text);
}

function renderOverlaps() {
  const o = state.overlaps;
  const input = $("overlap-input");
  if (o.text === null) o.text = input.value;
  try {
    const { prefixes: named, errors } = parseNamed(o.text);
    markInvalid(input, errors.length > 0);
    // one item per bad line: a list, not one run-on paragraph
    const list = document.createElement("ul");
    list.replaceChildren(...errors.map((e) => Object.assign(document.createElement("li"), { textContent: `line ${e.line}: ${e.message}` })));
    $("overlap-error").replaceChildren(...(errors.length ? [list] : []));
    const overlaps = cp.findOverlaps(named);
    fill("overlap-table", overlaps.map((x) => row([x.a, cell(x.a_prefix, "mono"), x.relation === "equal" ? "is the same range as" : "contains", x.b, cell(x.b_prefix, "mono")])));
    // RFC 1918, unique-local and CG-NAT space are where private networks belong: not findings
    const sets = [o.iana && "iana-not-for-private-networks", o.aks && "aks-forbidden"].filter(Boolean);
    const hits = sets.length ? cp.checkReserved(named, sets, null) : [];
    fill("reserved-table", hits.map((h) => row([h.name, cell(h.prefix, "mono"), `${h.entry} ${h.entry_prefix}`, h.set, h.inside ? "inside" : "partly"])));
    if (overlaps.length === 0) fill("overlap-table", [row(["No overlaps", "", "", "", ""])]);
    lastExport = { name: "overlaps", rows: overlaps, json: { prefixes: named, overlaps, reserved: hits, errors } };
  } catch (e) {
    markInvalid(input, true);
    showError("overlap-error", errText(e));
    fill("overlap-table", []);
    fill("reserved-table", []);
  }
}

// ---------------------------------------------------------------- plan file
function planText() {
  const p = state.plan;
  return p.text ?? examples["startup-eks.yaml"] ?? "";
}
// a button that selects the line a finding points at in the plan text
function whereButton(at) {
  const td = document.createElement("td");
  if (!at) return td;
  const b = td.appendChild(document.createElement("button"));
  b.textContent = `${at.line}:${at.column}`;
  b.setAttribute("aria-label", `${at.line}:${at.column}, show the line in the plan`);
  b.dataset.line = at.line;
  return td;
}
function showLine(line) {
  const area = $("plan-text");
  const lines = area.value.split("\n");
  const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
  area.focus();
  area.setSelectionRange(start, start + (lines[line - 1] ?? "").length);
  // scroll the line into view: rows are one line-height each
  const lh = parseFloat(getComputedStyle(area).lineHeight) || 20;
  area.scrollTop = Math.max(0, (line - 3) * lh);
}
// ---------------------------------------------------------------- the plan worker
// Checking, carving, exporting and importing a plan run in a Web Worker (plan-worker.js,
// the package's browser build): a large plan never blocks typing. A check made stale by
// newer text is dropped; one still running after 300 ms is stopped with its worker.
let planWorker = null;
let workerSeq = 0;
const workerCalls = new Map(); // id -> {resolve, reject, started}
function stopWorker(reason) {
  planWorker?.terminate();
  planWorker = null;
  for (const call of workerCalls.values()) call.reject(Object.assign(new Error(reason), { stale: true }));
  workerCalls.clear();
}
function inWorker(op, args) {
  if (!planWorker) {
    planWorker = new Worker(new URL("./plan-worker.js", import.meta.url), { type: "module" });
    planWorker.onmessage = ({ data }) => {
      const call = workerCalls.get(data.id);
      if (!call) return;
      workerCalls.delete(data.id);
      if (data.error) call.reject(Object.assign(new Error(data.error.message), data.error));
      else call.resolve(data.ok);
    };
    planWorker.onerror = (e) => {
      e.preventDefault();
      const calls = [...workerCalls.values()];
      workerCalls.clear();
      planWorker = null;
      for (const call of calls) call.reject(new Error(`the plan tools stopped (${e.message || "worker error"}); try again`));
    };
  }
  const id = ++workerSeq;
  return new Promise((resolve, reject) => {
    workerCalls.set(id, { resolve, reject, started: performance.now() });
    planWorker.postMessage({ id, op, ...args });
  });
}
let checkSeq = 0;
let checkTimer = null;
function checkStatus(text) {
  $("loading-plan").textContent = text;
  if (text) document.body.dataset.planChecking = "true";
  else delete document.body.dataset.planChecking;
}

// the /28 blocks of one subnet (the worker's plan.subnetMap), drawn as squares
function renderMap(m) {
  $("subnet-map").hidden = !m;
  if (!m) return;
  const counts = {};
  for (const b of m.blocks) counts[b.state] = (counts[b.state] ?? 0) + 1;
  $("subnet-map-title").textContent = `${m.subnet} (${m.cidr}): ${m.blocks.length} aligned /28 blocks; ${counts.free ?? 0} free, ${counts.partial ?? 0} partly used, ${counts.delegated ?? 0} delegated, ${counts.full ?? 0} full`;
  const STATE = { free: "free", partial: "partly used", delegated: "delegated", full: "full", reserved: "cloud-reserved only" };
  const said = (b) => `${b.block}: ${STATE[b.state] ?? b.state}${b.used ? `, ${b.used} in use` : ""}${b.by.length ? ` by ${b.by.join(", ")}` : ""}`;
  // one tab stop; the arrow keys move between blocks (a roving tabindex), each block named
  $("subnet-map-grid").replaceChildren(...m.blocks.map((b, i) => {
    const d = document.createElement("span");
    d.className = `b-${b.state}`;
    d.setAttribute("role", "img");
    d.tabIndex = i === 0 ? 0 : -1;
    d.title = said(b);
    d.setAttribute("aria-label", said(b));
    return d;
  }));
  $("subnet-map-grid").setAttribute("aria-label", `${m.subnet}: ${m.blocks.length} /28 blocks; arrow keys move between them`);
  fill("subnet-map-table", m.blocks.map((b) => row([cell(b.block, "mono"), STATE[b.state] ?? b.state, fmt(b.used), b.by.join(", ")])));
}
// arrow keys, Home and End within the /28 map (its columns are however many fit a row)
function mapKeys(e) {
  const blocks = [...$("subnet-map-grid").children];
  const at = blocks.indexOf(document.activeElement);
  if (at < 0) return;
  const top = blocks[0].getBoundingClientRect().top;
  const perRow = Math.max(1, blocks.filter((b) => b.getBoundingClientRect().top === top).length);
  const to = { ArrowRight: at + 1, ArrowLeft: at - 1, ArrowDown: at + perRow, ArrowUp: at - perRow, Home: 0, End: blocks.length - 1 }[e.key];
  if (to === undefined) return;
  e.preventDefault();
  const next = blocks[Math.min(blocks.length - 1, Math.max(0, to))];
  blocks[at].tabIndex = -1;
  next.tabIndex = 0;
  next.focus();
}
function clearPlan() {
  shownCheck = null;
  for (const id of ["plan-findings", "plan-clusters", "plan-spaces", "plan-carved", "plan-subnets"]) fill(id, []);
  $("subnet-map").hidden = true;
  $("plan-summary").textContent = "";
  $("plan-unpinned").textContent = "";
  $("plan-pin").disabled = true;
}
// the last check asked of the worker: the same text is never checked twice (a tab switch
// back to a plan still checking waits for that check rather than starting over)
let lastCheck = null;
let shownCheck = null; // the check whose report the tables show
// Where the checks of this plan file placed each range given by size (kind, name, family):
// the next check, export and carve keep them there while they still fit, so editing one
// entry does not move the others (the core's carve_keeping).
const placed = { file: null, byName: new Map() };
function previousPlacements(file) {
  if (placed.file !== file) {
    placed.file = file;
    placed.byName.clear();
  }
  return [...placed.byName.values()];
}
function rememberPlacements(file, carved) {
  if (placed.file !== file) previousPlacements(file);
  for (const x of carved) placed.byName.set(`${x.kind}\t${x.name}\t${x.cidr.includes(":") ? 6 : 4}`, x);
}
function renderPlan() {
  const p = state.plan;
  const area = $("plan-text");
  const text = planText();
  if (area.value !== text) area.value = text;
  $("plan-file").textContent = p.file ? `(${p.file})` : "";
  const file = p.file || "plan.yaml";
  const map = p.map ?? null;
  if (lastCheck && lastCheck.text === text && lastCheck.file === file && lastCheck.map === map) {
    // on screen already (a tab switch back): nothing to redraw
    if (shownCheck === lastCheck) return restoreExports();
    if (lastCheck.report) showPlanReport(lastCheck.report, lastCheck.subnetMap, lastCheck);
    else if (lastCheck.error) showPlanError(lastCheck.error);
    return; // still checking: its answer renders when it comes
  }
  const seq = ++checkSeq;
  const check = (lastCheck = { text, file, map });
  // a check still running for older text is stale: stop it rather than wait for it
  if ([...workerCalls.values()].some((c) => performance.now() - c.started > 300)) stopWorker("a newer edit replaced this check");
  const started = performance.now();
  const mb = text.length > 1e6 ? ` (${(text.length / 1e6).toFixed(1)} MB)` : "";
  clearInterval(checkTimer);
  checkStatus(`Checking the plan${mb}…`);
  checkTimer = setInterval(() => checkStatus(`Checking the plan${mb}… ${((performance.now() - started) / 1000).toFixed(0)} s`), 1000);
  inWorker("check", { text, file, map, previous: previousPlacements(file) }).then((res) => {
    res.report = JSON.parse(res.report);
    Object.assign(check, res);
    rememberPlacements(file, res.report.carved);
    if (seq === checkSeq && state.tab === "plan") {
      showPlanReport(res.report, res.subnetMap, check);
      $("timing").textContent = `checked in ${(performance.now() - started).toFixed(0)} ms, in a worker`;
    }
  }, (e) => {
    if (e.stale) {
      if (lastCheck === check) lastCheck = null;
      return;
    }
    check.error = e;
    if (seq === checkSeq && state.tab === "plan") showPlanError(e);
  }).finally(() => {
    if (seq !== checkSeq) return;
    clearInterval(checkTimer);
    checkStatus("");
  });
}
// the plan cannot be read: say where (file:line:column), keep the last good results away
function showPlanError(e) {
  markInvalid($("plan-text"), true);
  showError("plan-error", errText(e));
  clearPlan();
}
function showPlanReport(r, subnetMap, check) {
  shownCheck = check;
  const p = state.plan;
  const area = $("plan-text");
  markInvalid(area, false);
  showError("plan-error", planNote);
  planNote = "";
  const { errors, warnings, info } = r.summary;
  $("plan-summary").textContent = `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}, ${info} info` + (errors === 0 ? ": the plan checks clean" : "");
  $("plan-summary").className = errors === 0 ? "summary ok" : "summary";
  fill("plan-findings", r.findings.length ? r.findings.map((f) => row([
    cell(f.severity, `sev-${f.severity}`), cell(f.rule, "mono"), whereButton(f.objects.find((o) => o.at)?.at), f.message, f.fix ?? "",
  ])) : [row(["No findings", "", "", "", ""])]);
  const ranges = r.clusters.flatMap((c) => [...c.ranges.map((g, i) => row([
    i === 0 ? `${c.cluster} (${c.platform}, ${fmt(c.nodes)} nodes${c.runs_out_first ? `; ${c.runs_out_first} runs out first` : ""}${c.zone_loss ? (c.zone_loss.holds ? "; one zone lost: holds" : "; one zone lost: short") : ""})` : "",
    g.name + (g.runs_out_with ? ` (${g.runs_out_with} grows out of it first)` : ""), cell(g.cidr, "mono"), g.needed === 0 && g.max_peak_nodes === null ? "by platform default" : g.needed === null ? "not sized" : fmt(g.needed), fmt(g.capacity), cell(g.headroom_percent !== null ? `${g.headroom_percent}%` : g.short !== null ? `short ${fmt(g.short)}` : "", g.short !== null ? "sev-error" : "", g.summary), g.max_peak_nodes === null ? "" : fmt(g.max_peak_nodes),
  ])),
  // each pool: its size, and the range its growth exhausts first (the core's numbers)
  ...c.pools.map((p) => row([
    "", `pool ${p.pool}`, p.platform, `${fmt(p.peak_nodes)} + ${fmt(p.surge_nodes)} surge nodes, ${p.max_pods} pods each`, "",
    p.error ?? (p.runs_out_first ? `${p.runs_out_first} runs out first` : ""), p.max_peak_nodes === null ? "" : fmt(p.max_peak_nodes),
  ])),
  ...(c.observed ? [row(["", "observed", "", `${fmt(c.observed.nodes)} nodes`, "", c.observed.ranges.map((o) => `${o.name}: ${fmt(o.handed_out)} node CIDRs handed out, ${o.left} more fit`).join("; "), ""])] : []),
  ]);
  fill("plan-clusters", ranges.length ? ranges : [row(["No clusters", "", "", "", "", "", ""])]);
  fill("plan-spaces", r.spaces.length ? r.spaces.map((x) => row([x.space, cell(x.cidr, "mono"), `${x.free_percent}%`, cell(x.largest_free ?? "full", "mono")])) : [row(["No spaces", "", "", ""])]);
  fill("plan-subnets", r.subnets.length ? r.subnets.map((u) => {
    const b = document.createElement("button");
    b.textContent = "Map";
    b.dataset.map = u.subnet;
    b.setAttribute("aria-label", `Show the address map of ${u.subnet}`);
    const td = document.createElement("td");
    td.appendChild(b);
    return row([u.subnet, cell(u.cidr, "mono"), fmt(u.used), fmt(u.free), fmt(u.free_aligned_28), cell(u.largest_free ?? "none", "mono"), td]);
  }) : [row(["No usage data: import exports with network interfaces", "", "", "", "", "", ""])]);
  if (p.map && !r.subnets.some((u) => u.subnet === p.map)) p.map = null;
  renderMap(subnetMap);
  fill("plan-carved", r.carved.length ? r.carved.map((x) => row([x.kind, x.name, cell(x.cidr, "mono"), x.within])) : [row(["Nothing to carve: every range has a CIDR", "", "", ""])]);
  $("plan-pin").disabled = r.carved.length === 0;
  $("plan-unpinned").textContent = r.carved.length
    ? `${fmt(r.carved.length)} range${r.carved.length === 1 ? " is" : "s are"} given by size and not pinned yet: each check places ${r.carved.length === 1 ? "it" : "them"} again, keeping ${r.carved.length === 1 ? "it" : "each"} where it was while it still fits. Pin writes the CIDRs into the plan, so they never move and the Terraform export stays the same.`
    : "Every range has a CIDR: nothing moves.";
  restoreExports();
}
// the shown report's findings are what Export CSV/JSON download, while the plan view is on screen
function restoreExports() {
  const r = shownCheck?.report;
  if (state.tab !== "plan" || !r) return; // the user moved on: the view on screen owns the exports
  const where = (f) => f.objects.find((o) => o.at)?.at;
  lastExport = {
    name: "plan-findings",
    rows: r.findings.map((f) => ({ severity: f.severity, rule: f.rule, where: where(f) ? `${where(f).line}:${where(f).column}` : "", message: f.message, fix: f.fix ?? "" })),
    json: r,
  };
  // the report may arrive after update() ran: its exports become available now
  for (const id of ["export-csv", "export-json"]) $(id).disabled = !lastExport;
}
// The quick tools' state as a plan (built by the core), opened in the Plan file tab.
async function openAsPlan(errorId, file, build) {
  try {
    await needBuild("full");
    const plan = build();
    try {
      const text = plan.toYaml();
      edit(() => { state.plan = { text, file }; state.tab = "plan"; syncInputs(); });
    } finally {
      plan.free();
    }
  } catch (e) {
    showError(errorId, errText(e));
  }
}
// A Plan file action (carve, export) run in the worker; its error lands beside the plan.
async function planAction(run) {
  try {
    showError("plan-error", "");
    await run();
  } catch (e) {
    if (!e.stale) showError("plan-error", errText(e));
  }
}
async function loadExample(name) {
  if (!(name in examples)) {
    const res = await fetch(`examples/${name}`);
    if (!res.ok) throw new Error(`examples/${name}: ${res.status}`);
    examples[name] = await res.text();
  }
  return examples[name];
}

// ---------------------------------------------------------------- wiring
function syncInputs() {
  const s = state.subnets, c = state.cluster, o = state.overlaps;
  $("bases").value = s.bases;
  $("profile").value = s.profile;
  $("vlsm").value = s.vlsm || "";
  $("details").checked = !!s.details;
  $("platform").value = c.platform;
  $("instance").value = c.instance;
  $("nodes").value = c.nodes ?? "";
  $("peak").value = c.peak ?? "";
  $("max-pods").value = c.maxPods ?? "";
  $("compare-by").value = c.compareBy ?? "nodes";
  $("compare-pods").value = c.comparePods ?? "";
  $("surge").value = c.surge ?? "1";
  $("zones").value = c.zones ?? 3;
  $("vpc").value = c.vpc;
  $("pool-table").dataset.shape = ""; // the pools' inputs are rebuilt from the state
  if (o.text !== null) $("overlap-input").value = o.text;
  $("check-iana").checked = !!o.iana;
  $("check-aks").checked = !!o.aks;
  $("plan-text").value = planText();
}

function showTab(tab) {
  if (!TABS.includes(tab)) tab = "subnets";
  state.tab = tab;
  for (const b of document.querySelectorAll("nav button")) {
    b.setAttribute("aria-selected", String(b.dataset.tab === tab));
    b.tabIndex = b.dataset.tab === tab ? 0 : -1; // ARIA tabs: one tab stop, arrows move between tabs
  }
  for (const t of TABS) $(`panel-${t}`).hidden = t !== tab;
}

function update(focusLabel) {
  const t0 = performance.now();
  const keep = focusLabel ?? focusedLabel();
  lastExport = null; // set again only by a view that shows valid results
  const errorId = { cluster: "cluster-error", overlaps: "overlap-error", plan: "plan-error" }[state.tab] ?? "bases-error";
  try {
    showTab(state.tab);
    const build = VIEW_BUILD[state.tab];
    if (!hasBuild(build)) {
      // the view's build is on its way: render once it is here
      const status = $(`loading-${state.tab}`);
      status.textContent = `Loading ${BUILDS[build].what}…`;
      needBuild(build).then(() => update(), (e) => showError(errorId, errText(e))).finally(() => { status.textContent = ""; });
    } else if (state.tab === "subnets") renderSubnets();
    else if (state.tab === "cluster") renderCluster();
    else if (state.tab === "plan") renderPlan();
    else renderOverlaps();
  } catch (e) {
    // anything unexpected still lands next to the tool, never in the console
    showError(errorId, errText(e));
  }
  for (const id of ["export-csv", "export-json"]) $(id).disabled = !lastExport;
  $("undo").disabled = !undoStack.length;
  $("redo").disabled = !redoStack.length;
  restoreFocus(keep);
  const ms = performance.now() - t0;
  window.__cidrplanLastRecalcMs = ms;
  $("timing").textContent = `recalculated in ${ms.toFixed(1)} ms`;
  saveUrlSoon();
}

function download(name, type, text) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
function toCsv(rows) {
  if (!rows.length) return "";
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const esc = (v) => {
    const t = typeof v === "object" && v !== null ? JSON.stringify(v) : String(v ?? "");
    return /[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  };
  return [cols.join(","), ...rows.map((r) => cols.map((c) => esc(r[c])).join(","))].join("\n") + "\n";
}
async function copyText(text, button) {
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = "Copied";
  } catch {
    button.textContent = "Select and copy";
  }
  setTimeout(() => (button.textContent = button.dataset.label), 1500);
}

const TABS = ["subnets", "cluster", "overlaps", "plan"];
// Switching tabs is a step Back can undo: each switch is a history entry.
function switchTab(tab) {
  if (tab === state.tab) return;
  saveUrl(); // the entry Back returns to holds the view being left, edits included
  state.tab = tab;
  history.pushState(null, "", "#s=" + encodeState(linkState()));
  update();
}
function wire() {
  for (const b of document.querySelectorAll("nav button")) {
    b.addEventListener("click", () => switchTab(b.dataset.tab));
    b.addEventListener("keydown", (e) => {
      const i = TABS.indexOf(b.dataset.tab);
      const n = TABS.length;
      const next = { ArrowRight: (i + 1) % n, ArrowLeft: (i + n - 1) % n, Home: 0, End: n - 1 }[e.key];
      if (next === undefined) return;
      e.preventDefault();
      switchTab(TABS[next]);
      $(`tab-${TABS[next]}`).focus();
    });
  }
  $("undo").addEventListener("click", undo);
  $("redo").addEventListener("click", redo);
  document.addEventListener("keydown", (e) => {
    const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "z" && !typing) {
      e.preventDefault();
      if (e.shiftKey) redo();
      else undo();
      return;
    }
    if (e.altKey && ["1", "2", "3", "4"].includes(e.key)) {
      switchTab(TABS[Number(e.key) - 1]);
      e.preventDefault();
    }
  });
  // a link pasted into an open tab, or Back and Forward: apply the state it carries
  const fromUrl = () => {
    dropPendingUrl(); // the link given wins over an edit not yet written
    if (!loadUrl()) return;
    syncInputs();
    update();
  };
  window.addEventListener("hashchange", fromUrl);
  window.addEventListener("popstate", fromUrl);
  // handlers look the section up at event time, so an imported state is used at once
  // Typing is undoable as editors make it: one step per burst in one field (a new step
  // after a second's pause or in another field); a choice from a list is a step of its own.
  let lastTyped = { id: null, at: 0 };
  const bind = (id, section, key, ev = "input") => $(id).addEventListener(ev, () => {
    const now = performance.now();
    if (ev !== "input" || lastTyped.id !== id || now - lastTyped.at > 1000) {
      undoStack.push(structuredClone(state));
      if (undoStack.length > 200) undoStack.shift();
      redoStack.length = 0;
    }
    lastTyped = { id, at: now };
    state[section][key] = $(id).value;
    // a new base or profile makes the last Join's and VLSM's messages stale
    if (section === "subnets") for (const m of ["edit-status", "vlsm-status", "vlsm-error"]) $(m).textContent = "";
    update();
  });
  bind("bases", "subnets", "bases");
  bind("profile", "subnets", "profile", "change");
  $("subnet-table").addEventListener("click", rowAction);
  const joinOf = (e) => e.target.closest?.("button[data-join]")?.dataset.join ?? null;
  $("subnet-table").addEventListener("mouseover", (e) => markMerge(joinOf(e)));
  $("subnet-table").addEventListener("focusin", (e) => markMerge(joinOf(e)));
  $("subnet-table").addEventListener("mouseleave", () => markMerge(null));
  $("bars").addEventListener("click", (e) => {
    const seg = e.target.closest(".bar > [data-prefix]");
    if (seg) selectRow(seg.dataset.prefix);
  });
  $("details").addEventListener("change", () => edit(() => { state.subnets.details = $("details").checked; }));
  $("vlsm-go").addEventListener("click", runVlsm);
  $("split-go").addEventListener("click", runSplitTo);
  for (const id of ["split-prefix", "split-len"]) $(id).addEventListener("keydown", (e) => { if (e.key === "Enter") runSplitTo(); });
  $("vlsm").addEventListener("keydown", (e) => { if (e.key === "Enter") runVlsm(); });
  bind("platform", "cluster", "platform", "change");
  bind("compare-by", "cluster", "compareBy", "change");
  for (const [id, key] of [["instance", "instance"], ["nodes", "nodes"], ["peak", "peak"], ["max-pods", "maxPods"], ["surge", "surge"], ["zones", "zones"], ["vpc", "vpc"], ["compare-pods", "comparePods"]]) bind(id, "cluster", key);
  $("pool-add").addEventListener("click", () => edit(() => {
    const pools = state.cluster.pools;
    // the first pool takes the cluster's nodes; AKS names: lowercase letters and digits
    pools.push({ name: pools.length ? `pool${pools.length + 1}` : "system", nodes: pools.length ? "3" : String(state.cluster.nodes ?? ""), peak: "", maxPods: "", surge: "", instance: "", os: "linux" });
  }, `Pool ${state.cluster.pools.length + 1} name`));
  bind("overlap-input", "overlaps", "text");
  bind("plan-text", "plan", "text");
  $("plan-findings").addEventListener("click", (e) => {
    const b = e.target.closest("button[data-line]");
    if (b) showLine(Number(b.dataset.line));
  });
  $("plan-subnets").addEventListener("click", (e) => {
    const b = e.target.closest("button[data-map]");
    if (!b) return;
    state.plan.map = state.plan.map === b.dataset.map ? null : b.dataset.map;
    update();
  });
  // exports (chosen or dropped) become a plan, read by the core's importers
  const importExports = async (files) => {
    if (!files.length) return;
    const source = $("import-source").value;
    try {
      // bytes, not text: the core reads UTF-16 exports (Windows PowerShell's >) as well as UTF-8
      const read = await Promise.all([...files].map(async (f) => ({ bytes: new Uint8Array(await f.arrayBuffer()), file: f.name })));
      checkStatus(`Importing ${files.length} file${files.length === 1 ? "" : "s"}…`);
      const { text, notes } = await inWorker("importFrom", { source, files: read }).finally(() => checkStatus(""));
      // what the exports held that the plan leaves out: said beside the plan, never silent
      if (notes.length) planNote = `Left out by the import (${notes.length}): ${notes.join("; ")}`;
      edit(() => { state.plan = { text, file: `${source}-import.yaml` }; state.tab = "plan"; syncInputs(); });
    } catch (err) {
      showError("plan-error", `Import of ${[...files].map((f) => f.name).join(", ")}: ${errText(err)}; nothing was changed`);
    }
  };
  $("import-exports").addEventListener("change", async (e) => {
    const files = [...e.target.files];
    e.target.value = "";
    await importExports(files);
  });
  $("panel-plan").addEventListener("dragover", (e) => e.preventDefault());
  $("panel-plan").addEventListener("drop", async (e) => {
    e.preventDefault();
    await importExports([...(e.dataTransfer?.files ?? [])]);
  });
  $("plan-open").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    e.target.value = "";
    if (!file) return;
    try {
      const text = await file.text();
      edit(() => { state.plan = { text, file: file.name }; syncInputs(); });
    } catch (err) {
      showError("plan-error", `Open ${file.name}: ${errText(err)}; nothing was changed`);
    }
  });
  $("plan-example").addEventListener("change", async (e) => {
    const name = e.target.value;
    e.target.value = "";
    if (!name) return;
    try {
      const text = await loadExample(name);
      edit(() => { state.plan = { text, file: name }; syncInputs(); });
    } catch (err) {
      showError("plan-error", `The example ${name} could not be loaded: ${errText(err)}`);
    }
  });
  // carving writes each new CIDR into the text (comments kept); an undoable edit
  $("plan-pin").addEventListener("click", () => $("plan-carve").click());
  $("subnet-map-grid").addEventListener("keydown", mapKeys);
  $("plan-carve").addEventListener("click", () => planAction(async () => {
    checkStatus("Carving…");
    const file = state.plan.file || "plan.yaml";
    const { text } = await inWorker("carveText", { text: planText(), file, previous: previousPlacements(file) }).finally(() => checkStatus(""));
    edit(() => { state.plan.text = text; syncInputs(); });
  }));
  $("subnets-to-plan").addEventListener("click", () => openAsPlan("bases-error", "subnets.yaml", () =>
    cp.Plan.forSubnets(parseBases(state.subnets.bases), state.subnets.splits, state.subnets.names, state.subnets.profile)));
  $("cluster-to-plan").addEventListener("click", () => openAsPlan("cluster-error", "cluster.yaml", () => {
    const c = state.cluster;
    return cp.Plan.forCluster("cluster", c.vpc.trim(), platformSpec(c), requirement(c));
  }));
  $("plan-save").addEventListener("click", () => download(state.plan.file || "plan.yaml", "application/yaml", planText()));
  $("plan-export").addEventListener("click", () => planAction(async () => {
    const format = $("plan-export-format").value;
    checkStatus("Exporting…");
    const file = state.plan.file || "plan.yaml";
    const out = await inWorker("export", { text: planText(), file, format, previous: previousPlacements(file) }).finally(() => checkStatus(""));
    // a plan with errors exports what it says, errors included: say so and ask first
    if (out.errors > 0 && !confirm(`The plan has ${out.errors} error${out.errors === 1 ? "" : "s"} (see Findings); the ${format} export would carry ${out.errors === 1 ? "it" : "them"} into what you apply. Export anyway?`)) {
      showError("plan-error", `Not exported: the plan has ${out.errors} error${out.errors === 1 ? "" : "s"}; fix ${out.errors === 1 ? "it" : "them"} or export anyway`);
      return;
    }
    const base = (state.plan.file || "plan.yaml").replace(/\.(ya?ml|json)$/i, "");
    const [ext, type] = {
      terraform: ["auto.tfvars", "text/plain"], csv: ["csv", "text/csv"], markdown: ["md", "text/markdown"], json: ["json", "application/json"], yaml: ["carved.yaml", "application/yaml"],
      "netbox-csv": ["netbox-prefixes.csv", "text/csv"], "netbox-vrfs-csv": ["netbox-vrfs.csv", "text/csv"], "netbox-aggregates-csv": ["netbox-aggregates.csv", "text/csv"], "netbox-json": ["netbox-prefixes.json", "application/json"],
    }[format];
    download(`${base}.${ext}`, type, out.text);
  }));
  $("check-iana").addEventListener("change", () => { state.overlaps.iana = $("check-iana").checked; update(); });
  $("check-aks").addEventListener("change", () => { state.overlaps.aks = $("check-aks").checked; update(); });
  for (const id of ["copy-link", "copy-terraform"]) $(id).dataset.label = $(id).textContent;
  $("copy-link").addEventListener("click", () => { saveUrl(); copyText(location.href, $("copy-link")); });
  window.addEventListener("pagehide", () => { if (urlTimer) saveUrl(); });
  $("copy-terraform").addEventListener("click", () => copyText($("terraform").textContent, $("copy-terraform")));
  $("export-csv").addEventListener("click", () => lastExport && download(`${lastExport.name}.csv`, "text/csv", toCsv(lastExport.rows)));
  $("export-json").addEventListener("click", () => lastExport && download(`${lastExport.name}.json`, "application/json", JSON.stringify({ state, result: lastExport.json }, null, 2)));
  $("import-json").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    e.target.value = ""; // the same file can be chosen again after a fix
    if (!file) return;
    try {
      const data = JSON.parse(await file.text());
      const saved = data && typeof data === "object" && !Array.isArray(data) ? (data.state ?? data) : null;
      if (!saved || typeof saved !== "object" || !["tab", "subnets", "cluster", "overlaps", "plan"].some((k) => k in saved)) {
        throw new Error("this file is not a cidrplan export (Export JSON writes one)");
      }
      showError("import-error", "");
      edit(() => { state = mergeState(saved); syncInputs(); }); // undoable like any edit
    } catch (err) {
      // the page keeps what it had; the message stands beside Import whatever the tab
      showError("import-error", `Import of ${file.name}: ${errText(err)}; nothing was changed`);
    }
  });
  $("theme").addEventListener("click", () => {
    const root = document.documentElement;
    const dark = root.classList.contains("dark") || (!root.classList.contains("light") && matchMedia("(prefers-color-scheme: dark)").matches);
    applyTheme(dark ? "light" : "dark");
    try { localStorage.setItem("cidrplan-theme", dark ? "light" : "dark"); } catch { /* storage refused: the choice lasts this visit */ }
  });
}
function applyTheme(theme) {
  const root = document.documentElement;
  root.classList.toggle("dark", theme === "dark");
  root.classList.toggle("light", theme === "light");
  $("theme").setAttribute("aria-pressed", String(theme === "dark"));
}

async function main() {
  try {
    const saved = localStorage.getItem("cidrplan-theme");
    if (saved === "dark" || saved === "light") applyTheme(saved);
  } catch { /* no storage: follow the system */ }
  loadUrl();
  // the first screen says it is loading (an empty table would look like a broken page)
  showTab(state.tab);
  const first = $(`loading-${state.tab}`);
  if (first) first.textContent = "Loading cidrplan's WebAssembly…";
  await needBuild(VIEW_BUILD[state.tab] ?? "calc").finally(() => { if (first) first.textContent = ""; });
  $("version").textContent = cp.version();
  // the default plan: fetched before the first render (the page works without it)
  try { await loadExample("startup-eks.yaml"); } catch { examples["startup-eks.yaml"] = "version: 1\n"; }
  syncInputs();
  wire();
  update();
  document.body.dataset.ready = "true";
}

main().catch((e) => {
  document.body.dataset.ready = "error";
  showError("bases-error", `cidrplan could not start: ${errText(e)}`);
});
