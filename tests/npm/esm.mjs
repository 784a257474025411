// A user's ES module script: `import` from the installed package, no init, no arguments.
import assert from "node:assert/strict";
import { eks, plan, parsePrefix, split, Plan, version } from "cidrplan";

assert.equal(parsePrefix("10.0.0.1/16", false), "10.0.0.0/16");
assert.deepEqual(split("10.0.0.0/23", 24), ["10.0.0.0/24", "10.0.1.0/24"]);
assert.equal(eks.maxPods("m5.large").recommended, 29);
assert.equal(plan.size("gke", { nodes: 50, zones: 3 }).nodes, 51);
const p = Plan.load("version: 1\nnetworks:\n  - name: vpc\n    cidr: 10.0.0.0/16\n    subnets:\n      - name: a\n        cidr: 10.1.0.0/24\n", "plan.yaml");
const report = p.check();
assert.equal(report.summary.errors, 1, JSON.stringify(report.findings));
assert.equal(report.findings[0].objects[0].at.line, 6);
p.free();
try {
  parsePrefix("10.0.0.1/33");
  assert.fail("no error");
} catch (e) {
  assert.equal(e.name, "CidrplanError");
  assert.equal(typeof e.kind, "string");
}
console.log(`esm: cidrplan ${version()} ok`);
