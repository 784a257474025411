// The page's shared state: what every view reads and edits (kept in the URL), undo and
// redo, and the hooks by which an edit re-renders. The views are modules over this state.

import { $, showError } from "./dom.js";

export const DEFAULT_STATE = {
  tab: "subnets",
  subnets: { bases: "10.0.0.0/16", profile: "aws", splits: [], names: {}, notes: {}, vlsm: "", details: false },
  cluster: { platform: "eks/secondary-ip", instance: "m5.large", nodes: 50, peak: "", maxPods: "", surge: "1", zones: 3, vpc: "10.0.0.0/16", pools: [], compareBy: "nodes", comparePods: "3000" },
  overlaps: { text: null, iana: true, aks: true },
  plan: { text: null, file: "startup-eks.yaml" },
};
// the example plans (copied into dist/examples/ by scripts/build-web), fetched once
export const examples = {};
export let state = structuredClone(DEFAULT_STATE);
// a whole state at once (an undo, a link, an imported export)
export function replaceState(next) {
  state = next;
}
export const page = {
  planNote: "", // said once in the Plan file tab (a link that left its plan out, what an import left out)
  lastExport: null, // what Export downloads: the results on screen, null while a view shows an error
};
// set by app.js: re-render the view on screen, and write the state into the inputs
export const hooks = { update: (_focusLabel) => {}, syncInputs: () => {} };

// ---------------------------------------------------------------- state <-> URL
export function encodeState(s) {
  const bytes = new TextEncoder().encode(JSON.stringify(s));
  // binary string in chunks: one concatenation per byte cost 220 ms on a large state
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
export function decodeState(text) {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const bin = atob(b64 + "===".slice((b64.length + 3) % 4));
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}
export function mergeState(loaded) {
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
    page.planNote = "The plan this link was made from was too large for a link: open its file (Open plan file).";
  }
  s.cluster.pools = s.cluster.pools.filter((p) => p && typeof p === "object");
  return s;
}
// The URL follows the state a moment after the last edit: writing a long link on every
// keystroke of a large tree cost more than the edit itself. Anything that reads the link
// (Copy link, a tab switch, leaving the page) writes it first.
let urlTimer = null;
export const urlPending = () => urlTimer !== null;
// A link holds at most this much plan text: browsers cut longer links, and encoding
// megabytes on the page's thread would freeze it. A longer plan stays in the page (Save
// plan keeps it); the link leaves it out and says so when opened.
const LINK_PLAN_CHARS = 100_000;
export function linkState() {
  const text = state.plan.text;
  if (text === null || text.length <= LINK_PLAN_CHARS) return state;
  return { ...state, plan: { ...state.plan, text: null, omitted: true } };
}
export function saveUrl() {
  clearTimeout(urlTimer);
  urlTimer = null;
  delete document.body.dataset.urlPending;
  history.replaceState(null, "", "#s=" + encodeState(linkState()));
}
export function saveUrlSoon() {
  clearTimeout(urlTimer);
  document.body.dataset.urlPending = "true";
  urlTimer = setTimeout(saveUrl, 250);
}
export function dropPendingUrl() {
  clearTimeout(urlTimer);
  urlTimer = null;
  delete document.body.dataset.urlPending;
}
// Applies the state in the URL; false when there is none or it cannot be read (the
// current state is kept and the page says so).
export function loadUrl() {
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
export const undoStack = [];
export const redoStack = [];
export function edit(change, focusLabel) {
  pushUndo();
  change();
  hooks.update(focusLabel);
}
// Undo and redo: the state on top of `from` comes back; the current one goes onto `to`.
function travel(from, to) {
  if (!from.length) return;
  to.push(structuredClone(state));
  state = from.pop();
  hooks.syncInputs();
  hooks.update();
  // the control that had the focus may be gone (an undone Join's rows): keep the keyboard
  // user's place on Undo/Redo, or the tab, rather than dropping focus to the page
  if (document.activeElement === document.body || !document.activeElement) {
    const next = [from === undoStack ? $("undo") : $("redo"), document.querySelector('nav button[aria-selected="true"]')].find((b) => b && !b.disabled);
    next?.focus();
  }
}
export const undo = () => travel(undoStack, redoStack);
export const redo = () => travel(redoStack, undoStack);
// The control that has the focus, by its accessible name: after a re-render the same
// control (or the one an edit names) gets it back, so keyboard users keep their place.
export function focusedLabel() {
  const el = document.activeElement;
  return el && el !== document.body ? el.getAttribute("aria-label") : null;
}
export function restoreFocus(label) {
  if (!label) return;
  const el = document.querySelector(`[aria-label="${CSS.escape(label)}"]`);
  if (el && el !== document.activeElement) el.focus();
}

// One undo step before an edit that is not made through `edit` (typing, whose bursts are
// one step each).
export function pushUndo() {
  undoStack.push(structuredClone(state));
  if (undoStack.length > 200) undoStack.shift();
  redoStack.length = 0;
}
// Typing is undoable as editors make it: one step per burst in one field (a new step after
// a second's pause or in another field); a choice from a list is a step of its own. The
// handler looks the section up at event time, so an imported state is used at once.
let lastTyped = { id: null, at: 0 };
export function bindInput(id, section, key, ev = "input", after = () => {}) {
  $(id).addEventListener(ev, () => {
    const now = performance.now();
    if (ev !== "input" || lastTyped.id !== id || now - lastTyped.at > 1000) pushUndo();
    lastTyped = { id, at: now };
    state[section][key] = $(id).value;
    after();
    hooks.update();
  });
}
