// A user's TypeScript file, compiled with tsc --strict and TypeScript's default lib
// settings (scripts/test-npm): the types come with the package.
import { eks, plan, parsePrefix, split, Plan, addresses, PrefixTable } from "cidrplan";
import type { MaxPods, PlanReport, Finding, Sizing, CidrplanError, Count } from "cidrplan";

export function use(text: string): number {
  const prefix: string = parsePrefix("10.0.0.0/16");
  const halves: string[] = split(prefix, 17);
  const pods: MaxPods = eks.maxPods("m5.large");
  const limit: number | null = eks.maxPods("m5.large", { prefixDelegation: true }).address_limit;
  const sizing: Sizing = plan.size("gke", { nodes: 10 });
  const p: Plan = Plan.load(text, "plan.yaml");
  const report: PlanReport = p.check();
  const first: Finding | undefined = report.findings[0];
  const capacity: Count | undefined = report.subnets[0]?.usable;
  p.free();
  try {
    parsePrefix("nope");
  } catch (e) {
    const err = e as CidrplanError;
    void err.kind;
  }
  const hosts: string[] = [];
  // the iterator protocol by hand: for...of needs an ES2015 target, which the defaults are not
  const it = addresses("10.0.0.0/29", true)[Symbol.iterator]();
  for (let step = it.next(); !step.done; step = it.next()) hosts.push(step.value);
  const route: string | undefined = new PrefixTable(["10.0.0.0/8"]).longestMatch("10.1.2.3");
  void [halves, pods, limit, sizing, first, capacity, route];
  return report.summary.errors;
}
