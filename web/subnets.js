// The subnet calculator: the split/join tree of the base ranges, named and noted, its
// address bars, Split to /N and VLSM. Every row, size and free range comes from the core.

import { cp } from "./builds.js";
import { $, breakAfter, countText, errText, fmt, markInvalid, showError } from "./dom.js";
import { openAsPlan } from "./plan.js";
import { bindInput, edit, hooks, page, state } from "./state.js";

export function parseBases(text) {
  return text.split(/[\s,]+/).map((t) => t.trim()).filter(Boolean);
}

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

export function render() {
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
  page.lastExport = { name: "subnets", get rows() { return exportRows(); }, get json() { return { bases, profile: s.profile, subnets: exportRows(), free: freeTotal }; } };
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
    hooks.update();
  } catch (e) {
    markInvalid(input, true);
    $("vlsm-status").textContent = "";
    showError("vlsm-error", errText(e));
  }
}

// the inputs show the state (after an undo, a link, an import)
export function sync() {
  const s = state.subnets;
  $("bases").value = s.bases;
  $("profile").value = s.profile;
  $("vlsm").value = s.vlsm || "";
  $("details").checked = !!s.details;
}

export function wire() {
  // a new base or profile makes the last Join's and VLSM's messages stale
  const staleMessages = () => { for (const m of ["edit-status", "vlsm-status", "vlsm-error"]) $(m).textContent = ""; };
  bindInput("bases", "subnets", "bases", "input", staleMessages);
  bindInput("profile", "subnets", "profile", "change", staleMessages);
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
  $("subnets-to-plan").addEventListener("click", () => openAsPlan("bases-error", "subnets.yaml", () =>
    cp.Plan.forSubnets(parseBases(state.subnets.bases), state.subnets.splits, state.subnets.names, state.subnets.profile)));
}
