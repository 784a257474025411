// Compile-only check that the package's TypeScript types describe what the code
// returns (scripts/test runs: npx tsc -p tests/e2e). Never executed.
import init, * as cp from "../../bindings-wasm/pkg/cidrplan_web.js";
import type { ClusterPlan, Count, MaxPods, Overlap, PrefixInfo, Sizing, CidrplanError } from "../../bindings-wasm/pkg/cidrplan_web.js";

export async function check(): Promise<void> {
  await init();
  const info: PrefixInfo = cp.inspect("10.0.0.0/24", "aws");
  const usable: Count = info.usable; // a number while exact, a decimal string past 2^53
  const first: string | null = info.first_usable;
  const pods: MaxPods = cp.eks.maxPods("m5.large", { prefix_delegation: true });
  const limit: number | null = pods.address_limit;
  const overlaps: Overlap[] = cp.findOverlaps([{ name: "vpc", prefix: "10.0.0.0/16" }]);
  const relation: "equal" | "contains" | undefined = overlaps[0]?.relation;
  const sizing: Sizing = cp.plan.size("gke", { nodes: 10, surge: { percent: 10 } });
  const plan: ClusterPlan = cp.plan.carve("10.0.0.0/16", "aks/overlay", { nodes: 10 });
  const names: string[] = plan.ranges.map((r) => r.name);
  const subnets: string[] = cp.split("10.0.0.0/16", 20);
  const nodes = cp.aks.maxNodes("10.0.0.0/24", { mode: "azure-cni", max_pods: 30, surge: "0" }).nodes;
  try {
    cp.parsePrefix("10.0.0.1/24");
  } catch (e) {
    const err = e as CidrplanError;
    const kind: string = err.kind;
    void kind;
  }
  void [usable, first, limit, relation, sizing, names, subnets, nodes];
}

import * as api from "../../bindings-wasm/pkg/cidrplan_web.js";
export function checkNamespaces(): void {
  const pods: number | null = api.eks.maxPods("m5.large", {}).address_limit;
  const ips: number = api.aks.requiredNodeSubnetIps({ nodes: 50, mode: "azure-cni" });
  const p: string = api.parsePrefix("10.0.0.0/8");
  void [pods, ips, p];
}

import type { PlanReport, Finding, Placement } from "../../bindings-wasm/pkg/cidrplan_web.js";
export function checkPlan(text: string): void {
  const plan = api.Plan.load(text, "plan.yaml");
  const report: PlanReport = plan.check();
  const errors: number = report.summary.errors;
  const first: Finding | undefined = report.findings[0];
  const line: number | undefined = first?.objects[0]?.at?.line;
  const placed: Placement[] = plan.placements();
  const carved = plan.carve();
  const tf: string = carved.export("terraform");
  const written: string = api.Plan.carveText(text, "plan.yaml");
  const runsOut: string | null = report.clusters[0]?.runs_out_first ?? null;
  plan.free();
  carved.free();
  void [errors, line, placed, tf, written, runsOut];
}

export function checkLookupAndAddresses(): void {
  const table = new api.PrefixTable(["10.0.0.0/8", "10.1.0.0/16"]);
  const hit: string | undefined = table.longestMatch("10.1.2.3");
  const all: string[] = table.allMatches("10.1.2.3");
  const size: number = table.size;
  const range = api.addresses("10.0.0.0/30", true);
  const list: string[] = [];
  for (const a of range) list.push(a);
  const count: Count = range.count;
  const at: string | undefined = range.get(2n ** 1n);
  const page: string[] = range.slice(0, 10);
  const scoped: [string, string | null] = api.parseScopedAddress("fe80::1%eth0");
  table.free();
  void [hit, all, size, count, at, page, scoped];
}
