// The Plan file view: a plan's text checked in a worker, its findings, clusters, spaces,
// usage and /28 maps, carve, export and the clouds' and NetBox's imports.

import { needBuild } from "./builds.js";
import { $, cell, download, errText, fill, fmt, markInvalid, row, showError } from "./dom.js";
import { bindInput, edit, examples, hooks, page, state } from "./state.js";

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
export function render() {
  const p = state.plan;
  const area = $("plan-text");
  const text = planText();
  // the textarea is written only when the state holds other text than it does: reading a
  // 7 MB value back out of it to compare took longer than the check's report
  if (areaText !== text) setArea(text);
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
  inWorker("check", { text, file, map, previous: previousPlacements(file) }).then(async (res) => {
    res.report = JSON.parse(res.report);
    // a large report's parse and its drawing are two tasks, not one long one
    await new Promise((resolve) => setTimeout(resolve));
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
// A report table draws its first rows and a button for the next ones: a plan of 100,000
// networks reports thousands of rows, and drawing them all at once would hold up typing
// for a quarter of a second. Export CSV and JSON still carry every row.
const PAGE_ROWS = 200;
function fillPaged(tableId, items, what, toRows, empty) {
  const table = $(tableId);
  const columns = table.querySelectorAll("thead th").length;
  if (!items.length) {
    fill(tableId, [row([empty, ...Array(columns - 1).fill("")])]);
    return;
  }
  let next = 0;
  const nextRows = () => {
    const rows = [];
    while (next < items.length && rows.length < PAGE_ROWS) rows.push(...toRows(items[next++]));
    if (next < items.length) {
      const left = items.length - next;
      const b = document.createElement("button");
      b.textContent = `Show ${fmt(Math.min(left, PAGE_ROWS))} more (${fmt(next)} of ${fmt(items.length)} ${what} shown)`;
      b.dataset.more = "true";
      b.addEventListener("click", () => {
        const more = nextRows();
        b.closest("tr").replaceWith(...more);
        // the keyboard stays where the list grew: on the next button, else the first new row
        const focus = more.at(-1).querySelector("button[data-more]") ?? more[0];
        if (focus === more[0]) focus.tabIndex = -1;
        focus.focus();
      });
      const td = document.createElement("td");
      td.colSpan = columns;
      td.appendChild(b);
      rows.push(row([td]));
    }
    return rows;
  };
  fill(tableId, nextRows());
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
  showError("plan-error", page.planNote);
  page.planNote = "";
  const { errors, warnings, info } = r.summary;
  $("plan-summary").textContent = `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}, ${info} info` + (errors === 0 ? ": the plan checks clean" : "");
  $("plan-summary").className = errors === 0 ? "summary ok" : "summary";
  fillPaged("plan-findings", r.findings, "findings", (f) => [row([
    cell(f.severity, `sev-${f.severity}`), cell(f.rule, "mono"), whereButton(f.objects.find((o) => o.at)?.at), f.message, f.fix ?? "",
  ])], "No findings");
  fillPaged("plan-clusters", r.clusters, "clusters", (c) => [...c.ranges.map((g, i) => row([
    i === 0 ? `${c.cluster} (${c.platform}, ${fmt(c.nodes)} nodes${c.runs_out_first ? `; ${c.runs_out_first} runs out first` : ""}${c.zone_loss ? (c.zone_loss.holds ? "; one zone lost: holds" : "; one zone lost: short") : ""})` : "",
    g.name + (g.runs_out_with ? ` (${g.runs_out_with} grows out of it first)` : ""), cell(g.cidr, "mono"), g.needed === 0 && g.max_peak_nodes === null ? "by platform default" : g.needed === null ? "not sized" : fmt(g.needed), fmt(g.capacity), cell(g.headroom_percent !== null ? `${g.headroom_percent}%` : g.short !== null ? `short ${fmt(g.short)}` : "", g.short !== null ? "sev-error" : "", g.summary), g.max_peak_nodes === null ? "" : fmt(g.max_peak_nodes),
  ])),
  // each pool: its size, and the range its growth exhausts first (the core's numbers)
  ...c.pools.map((p) => row([
    "", `pool ${p.pool}`, p.platform, `${fmt(p.peak_nodes)} + ${fmt(p.surge_nodes)} surge nodes, ${p.max_pods} pods each`, "",
    p.error ?? (p.runs_out_first ? `${p.runs_out_first} runs out first` : ""), p.max_peak_nodes === null ? "" : fmt(p.max_peak_nodes),
  ])),
  ...(c.observed ? [row(["", "observed", "", `${fmt(c.observed.nodes)} nodes`, "", c.observed.ranges.map((o) => `${o.name}: ${fmt(o.handed_out)} node CIDRs handed out, ${o.left} more fit`).join("; "), ""])] : []),
  ], "No clusters");
  fill("plan-spaces", r.spaces.length ? r.spaces.map((x) => row([x.space, cell(x.cidr, "mono"), `${x.free_percent}%`, cell(x.largest_free ?? "full", "mono")])) : [row(["No spaces", "", "", ""])]);
  fillPaged("plan-subnets", r.subnets, "subnets", (u) => {
    const b = document.createElement("button");
    b.textContent = "Map";
    b.dataset.map = u.subnet;
    b.setAttribute("aria-label", `Show the address map of ${u.subnet}`);
    const td = document.createElement("td");
    td.appendChild(b);
    return [row([u.subnet, cell(u.cidr, "mono"), fmt(u.used), fmt(u.free), fmt(u.free_aligned_28), cell(u.largest_free ?? "none", "mono"), td])];
  }, "No usage data: import exports with network interfaces");
  if (p.map && !r.subnets.some((u) => u.subnet === p.map)) p.map = null;
  renderMap(subnetMap);
  fillPaged("plan-carved", r.carved, "ranges", (x) => [row([x.kind, x.name, cell(x.cidr, "mono"), x.within])], "Nothing to carve: every range has a CIDR");
  $("plan-pin").disabled = r.carved.length === 0;
  $("plan-unpinned").textContent = r.carved.length
    ? `${fmt(r.carved.length)} range${r.carved.length === 1 ? " is" : "s are"} given by size and not pinned yet: each check places ${r.carved.length === 1 ? "it" : "them"} again, keeping ${r.carved.length === 1 ? "it" : "each"} where it was while it still fits. Pin writes the CIDRs into the plan, so they never move and the Terraform export stays the same.`
    : "Every range has a CIDR: nothing moves.";
  restoreExports();
}
// the shown report's findings are what Export CSV/JSON download, while the plan view is on screen
export function restoreExports() {
  const r = shownCheck?.report;
  if (state.tab !== "plan" || !r) return; // the user moved on: the view on screen owns the exports
  const where = (f) => f.objects.find((o) => o.at)?.at;
  page.lastExport = {
    name: "plan-findings",
    rows: r.findings.map((f) => ({ severity: f.severity, rule: f.rule, where: where(f) ? `${where(f).line}:${where(f).column}` : "", message: f.message, fix: f.fix ?? "" })),
    json: r,
  };
  // the report may arrive after hooks.update() ran: its exports become available now
  for (const id of ["export-csv", "export-json"]) $(id).disabled = !page.lastExport;
}
// The quick tools' state as a plan (built by the core), opened in the Plan file tab.
export async function openAsPlan(errorId, file, build) {
  try {
    await needBuild("full");
    const plan = build();
    try {
      const text = plan.toYaml();
      edit(() => { state.plan = { text, file }; state.tab = "plan"; hooks.syncInputs(); });
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
export async function loadExample(name) {
  if (!(name in examples)) {
    const res = await fetch(`examples/${name}`);
    if (!res.ok) throw new Error(`examples/${name}: ${res.status}`);
    examples[name] = await res.text();
  }
  return examples[name];
}

// The text the textarea holds (as last written or typed).
let areaText = null;
function setArea(text) {
  $("plan-text").value = text;
  areaText = text;
}

export function sync() {
  setArea(planText());
}

export function wire() {
  bindInput("plan-text", "plan", "text", "input", () => { areaText = state.plan.text; });
  $("plan-findings").addEventListener("click", (e) => {
    const b = e.target.closest("button[data-line]");
    if (b) showLine(Number(b.dataset.line));
  });
  $("plan-subnets").addEventListener("click", (e) => {
    const b = e.target.closest("button[data-map]");
    if (!b) return;
    state.plan.map = state.plan.map === b.dataset.map ? null : b.dataset.map;
    hooks.update();
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
      if (notes.length) page.planNote = `Left out by the import (${notes.length}): ${notes.join("; ")}`;
      edit(() => { state.plan = { text, file: `${source}-import.yaml` }; state.tab = "plan"; hooks.syncInputs(); });
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
      edit(() => { state.plan = { text, file: file.name }; hooks.syncInputs(); });
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
      edit(() => { state.plan = { text, file: name }; hooks.syncInputs(); });
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
    edit(() => { state.plan.text = text; hooks.syncInputs(); });
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
}
