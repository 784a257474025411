// A user's TypeScript file, compiled with tsc --strict and TypeScript's default lib
// settings (scripts/test-npm): the types come with the package.
import { eks, plan, parsePrefix, split, Plan } from "cidrplan";
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
  void [halves, pods, limit, sizing, first, capacity];
  return report.summary.errors;
}
