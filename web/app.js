// cidrplan page: presentation only. Every number comes from the WebAssembly core. This
// module holds the views together: the tabs, one render per edit, undo and redo keys, the
// link, Export and Import of the page's state, the theme. Each view is its own module over
// the shared state (state.js).

import { BUILDS, VIEW_BUILD, cp, hasBuild, needBuild } from "./builds.js";
import * as cluster from "./cluster.js";
import { $, copyText, download, errText, showError, toCsv } from "./dom.js";
import * as overlaps from "./overlaps.js";
import * as plan from "./plan.js";
import {
  dropPendingUrl, edit, encodeState, examples, focusedLabel, hooks, linkState, loadUrl, mergeState, page, redo, redoStack,
  replaceState, restoreFocus, saveUrl, saveUrlSoon, state, undo, undoStack, urlPending,
} from "./state.js";
import * as subnets from "./subnets.js";

const TABS = ["subnets", "cluster", "overlaps", "plan"];
const VIEWS = { subnets, cluster, overlaps, plan };

function syncInputs() {
  for (const view of Object.values(VIEWS)) view.sync();
}
// the views re-render and re-sync through these (state.js calls them after an edit)
hooks.update = update;
hooks.syncInputs = syncInputs;

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
  page.lastExport = null; // set again only by a view that shows valid results
  const errorId = { cluster: "cluster-error", overlaps: "overlap-error", plan: "plan-error" }[state.tab] ?? "bases-error";
  try {
    showTab(state.tab);
    const build = VIEW_BUILD[state.tab];
    if (!hasBuild(build)) {
      // the view's build is on its way: render once it is here
      const status = $(`loading-${state.tab}`);
      status.textContent = `Loading ${BUILDS[build].what}…`;
      needBuild(build).then(() => update(), (e) => showError(errorId, errText(e))).finally(() => { status.textContent = ""; });
    } else VIEWS[state.tab].render();
  } catch (e) {
    // anything unexpected still lands next to the tool, never in the console
    showError(errorId, errText(e));
  }
  for (const id of ["export-csv", "export-json"]) $(id).disabled = !page.lastExport;
  $("undo").disabled = !undoStack.length;
  $("redo").disabled = !redoStack.length;
  restoreFocus(keep);
  const ms = performance.now() - t0;
  window.__cidrplanLastRecalcMs = ms;
  $("timing").textContent = `recalculated in ${ms.toFixed(1)} ms`;
  saveUrlSoon();
}

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
  for (const view of Object.values(VIEWS)) view.wire();
  $("copy-link").dataset.label = $("copy-link").textContent;
  $("copy-link").addEventListener("click", () => { saveUrl(); copyText(location.href, $("copy-link")); });
  window.addEventListener("pagehide", () => { if (urlPending()) saveUrl(); });
  $("export-csv").addEventListener("click", () => page.lastExport && download(`${page.lastExport.name}.csv`, "text/csv", toCsv(page.lastExport.rows)));
  $("export-json").addEventListener("click", () => page.lastExport && download(`${page.lastExport.name}.json`, "application/json", JSON.stringify({ state, result: page.lastExport.json }, null, 2)));
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
      edit(() => { replaceState(mergeState(saved)); syncInputs(); }); // undoable like any edit
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
  try { await plan.loadExample("startup-eks.yaml"); } catch { examples["startup-eks.yaml"] = "version: 1\n"; }
  syncInputs();
  wire();
  update();
  document.body.dataset.ready = "true";
}

main().catch((e) => {
  document.body.dataset.ready = "error";
  showError("bases-error", `cidrplan could not start: ${errText(e)}`);
});
