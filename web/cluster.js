// The cluster planner: a cluster's requirement (and its pools) sized and carved by the
// core for one platform, and every platform compared at the same nodes or pods.

import { cp } from "./builds.js";
import { $, cell, copyText, errText, fill, fmt, markInvalid, row, showError } from "./dom.js";
import { openAsPlan } from "./plan.js";
import { bindInput, edit, hooks, page, state } from "./state.js";

// the instance types the core knows, offered as the instance field is typed
function fillInstanceTypes() {
  if ($("instances").options.length) return;
  const names = cp.eks.instanceTypes().map((t) => t.name);
  $("instances").replaceChildren(...names.map((n) => Object.assign(document.createElement("option"), { value: n })));
}

export function requirement(c) {
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
export function platformSpec(c) {
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
    el.addEventListener("input", () => { state.cluster.pools[i][key] = el.value; hooks.update(); });
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
    os.addEventListener("change", () => { state.cluster.pools[i].os = os.value; hooks.update(); });
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

export function render() {
  const c = state.cluster;
  fillInstanceTypes();
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
    page.lastExport = { name: "cluster-plan", rows: plan.ranges, json: { requirement: req, platform: spec, sizing, plan } };
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

export function sync() {
  const c = state.cluster;
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
}

export function wire() {
  bindInput("platform", "cluster", "platform", "change");
  bindInput("compare-by", "cluster", "compareBy", "change");
  for (const [id, key] of [["instance", "instance"], ["nodes", "nodes"], ["peak", "peak"], ["max-pods", "maxPods"], ["surge", "surge"], ["zones", "zones"], ["vpc", "vpc"], ["compare-pods", "comparePods"]]) bindInput(id, "cluster", key);
  $("pool-add").addEventListener("click", () => edit(() => {
    const pools = state.cluster.pools;
    // the first pool takes the cluster's nodes; AKS names: lowercase letters and digits
    pools.push({ name: pools.length ? `pool${pools.length + 1}` : "system", nodes: pools.length ? "3" : String(state.cluster.nodes ?? ""), peak: "", maxPods: "", surge: "", instance: "", os: "linux" });
  }, `Pool ${state.cluster.pools.length + 1} name`));
  $("cluster-to-plan").addEventListener("click", () => openAsPlan("cluster-error", "cluster.yaml", () => {
    const c = state.cluster;
    return cp.Plan.forCluster("cluster", c.vpc.trim(), platformSpec(c), requirement(c));
  }));
  $("copy-terraform").dataset.label = $("copy-terraform").textContent;
  $("copy-terraform").addEventListener("click", () => copyText($("terraform").textContent, $("copy-terraform")));
}
