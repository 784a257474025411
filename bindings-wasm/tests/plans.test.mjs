// The plan golden cases (tests/golden/plans/expected.json) through the WebAssembly
// package: every plan gives exactly its findings, every unusable plan its error.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
import * as cp from "../pkg/cidrplan_node.js";
const golden = path.join(here, "../../tests/golden/plans");
const { cases } = JSON.parse(readFileSync(path.join(golden, "expected.json"), "utf8"));

for (const c of cases) {
  test(`${c.op} ${c.plan}`, () => {
    const text = readFileSync(path.join(golden, c.plan), "utf8");
    if (c.op === "document.check") {
      const plan = cp.Plan.load(text, c.file);
      const report = plan.check();
      const got = report.findings.map((f) => {
        const o = f.objects.find((x) => x.at);
        return { severity: f.severity, rule: f.rule, objects: f.objects.map((x) => x.name), at: o ? `${o.at.file}:${o.at.line}:${o.at.column}` : null };
      });
      assert.deepEqual(got, c.findings);
      assert.equal(report.summary.errors === 0, c.exit === 0);
      plan.free();
    } else {
      assert.throws(() => cp.Plan.load(text, c.file), (e) => {
        assert.equal(e.name, "CidrplanError");
        assert.equal(e.kind, c.error.kind);
        assert.equal(e.message, c.error.message);
        // the place and path as properties, for an editor to underline
        assert.deepEqual([e.file, e.line, e.column, e.width, e.path ?? null], [c.file, c.error.at.line, c.error.at.column, c.error.at.width, c.error.at.path]);
        assert.deepEqual(e.suggestions ?? [], c.error.suggestions);
        return true;
      });
    }
  });
}

test("Plan: load text or an object, several files, carve, carveText, export", () => {
  const text = readFileSync(path.join(here, "../../examples/plans/startup-eks.yaml"), "utf8");
  const plan = cp.Plan.load(text, "startup-eks.yaml");
  assert.equal(plan.name, "acme-startup");
  assert.equal(plan.placements().length, 13);
  const carved = plan.carve();
  assert.equal(carved.placements().length, 0);
  const again = cp.Plan.load(carved.toObject());
  assert.deepEqual(again.toObject(), carved.toObject());
  assert.match(plan.export("terraform"), /"prod-use1\/nodes\/us-east-1a" = \{/);
  const written = cp.Plan.carveText(text, "startup-eks.yaml");
  assert.ok(written.includes("# EKS nodes and pods (prefix delegation takes whole /28s from these)"));
  assert.ok(written.includes("{name: nodes-a, cidr: 10.0.0.0/19,"));
  const both = cp.Plan.loadAll([{ text, file: "a.yaml" }, { text: "version: 1\nnetworks: [{name: x, cidr: 10.0.0.0/24}]\n", file: "b.yaml" }]);
  assert.deepEqual(both.findings().map((f) => f.rule), ["overlap.connected"]);
  assert.throws(() => plan.export("pdf"), /export format "pdf"/);
  assert.throws(() => cp.Plan.load(42), /plan text/);
  for (const p of [plan, carved, again, both]) p.free();
});

test("Plan.forCluster and Plan.forSubnets: the quick tools' answers as plans", () => {
  const p = cp.Plan.forCluster("prod", "10.0.0.0/16", "eks/prefix-delegation/m5.large", { nodes: 30, peak_nodes: 90, surge: "10%" });
  assert.deepEqual(p.findings().map((f) => f.rule), ["cluster.zone-loss"]);
  const s = cp.Plan.forSubnets(["10.0.0.0/16"], ["10.0.0.0/16"], { "10.0.0.0/17": "app" }, "aws");
  assert.deepEqual(s.toObject().networks[0].subnets, [{ name: "app", cidr: "10.0.0.0/17" }]);
  assert.throws(() => cp.Plan.forCluster("c", "10.0.0.0/16", "gke", { nodes: 10, zones: 9 }), /zones/);
  p.free();
  s.free();
});

test("Plan.importFrom: AWS exports become a plan; overlaps name resource ids; a fragmented subnet; diff", () => {
  const dir = path.join(here, "../../tests/golden/imports/aws");
  const files = ["describe-vpcs.json", "describe-subnets.json", "describe-network-interfaces.json", "describe-vpc-peering-connections.json", "describe-transit-gateway-attachments.json"]
    .map((f) => ({ text: readFileSync(path.join(dir, f), "utf8"), file: f }));
  const aws = cp.Plan.importFrom("aws", files);
  const r = aws.check();
  assert.deepEqual(r.findings.map((f) => [f.rule, f.objects.map((o) => o.name)]), [
    ["overlap.connected", ["prod", "legacy"]],
    ["usage.fragmented", ["eks-nodes-a"]],
  ]);
  const frag = r.subnets.find((s) => s.subnet === "eks-nodes-a");
  assert.deepEqual([frag.used, frag.free, frag.free_aligned_28], [14, 237, 0]);
  const planned = cp.Plan.load({ version: 1, networks: [{ name: "prod", cidr: "10.0.0.0/16" }] });
  assert.equal(planned.diff(aws)[0].change, "changed");
  assert.throws(() => cp.Plan.importFrom("aws", [{ text: "{\"Reservations\": []}", file: "x.json" }]), /x\.json: not an export cidrplan reads/);
  assert.throws(() => cp.Plan.importFrom("oracle", []), /import source "oracle"/);
  aws.free();
  planned.free();
});

test("size sums node pools, one pool upgrading at a time", () => {
  // Microsoft's Azure CNI formula per pool; 3 x 31 + 50 x 31 + one surge node x 31 = 1,674
  const s = cp.plan.size("aks/azure-cni", { nodes: 0, max_pods: 30, pools: [{ name: "system", nodes: 3, mode: "system" }, { name: "user", nodes: 50 }] });
  const nodes = s.ranges.find((r) => r.role === "node-subnet");
  assert.equal(Number(nodes.addresses), 1674);
  assert.equal(nodes.prefix_len, 21);
  assert.deepEqual(s.pools.map((p) => p.name), ["system", "user"]);
});

test("previous placements keep sized ranges where they were (check, placements, export, carveText)", () => {
  const plan = (b) => `version: 1\nnetworks:\n  - name: vpc\n    cidr: 10.0.0.0/16\n    subnets:\n      - {name: a, size: 24}\n      - {name: b, size: ${b}}\n      - {name: c, size: 22}\n`;
  const byName = (xs) => Object.fromEntries(xs.map((x) => [x.name, x.cidr]));
  const shown = cp.Plan.load(plan(24)).check().carved;
  const grown = cp.Plan.load(plan(20));
  const kept = { a: "10.0.4.0/24", b: "10.0.16.0/20", c: "10.0.0.0/22" };
  assert.notEqual(byName(grown.check().carved).a, kept.a, "afresh, largest first moves a");
  assert.deepEqual(byName(grown.check(shown).carved), kept);
  assert.deepEqual(byName(grown.placements(shown)), kept);
  assert.match(grown.export("csv", shown), /subnet,a,vpc,10\.0\.4\.0\/24,/);
  assert.match(cp.Plan.carveText(plan(20), "p.yaml", shown), /\{name: a, cidr: 10\.0\.4\.0\/24, size: 24\}/);
  assert.deepEqual(grown.carve(shown).check().carved, []);
  assert.deepEqual(byName(grown.check(null).carved), byName(grown.check().carved));
  assert.throws(() => grown.check(5), /previous: must be a list/);
});

test("NetBox: its API JSON and its CSV import; the plan exports as NetBox imports it", () => {
  const dir = path.join(here, "../../tests/golden/imports/netbox/planted");
  const files = ["prefixes.json", "vrfs.json", "aggregates.json"].map((f) => ({ text: readFileSync(path.join(dir, f), "utf8"), file: f }));
  const plan = cp.Plan.importFrom("netbox", files);
  const rules = plan.check().findings.map((f) => [f.rule, f.objects.map((o) => o.name)]);
  assert.deepEqual(rules, [
    ["overlap.subnets", ["ams web", "ams web copy"]],
    ["overlap.subnets", ["prod app", "prod app again"]],
    ["network.deprecated", ["old dmz"]],
    ["overlap.duplicate-allowed", ["lab one", "lab two"]],
  ]);
  const csv = [["netbox-csv", "p.csv"], ["netbox-vrfs-csv", "v.csv"], ["netbox-aggregates-csv", "a.csv"]].map(([f, file]) => ({ text: plan.export(f), file }));
  const again = cp.Plan.importFrom("netbox", csv);
  assert.deepEqual(again.check().findings.map((f) => [f.rule, f.objects.map((o) => o.name)]), rules);
  assert.equal(JSON.parse(plan.export("netbox-json")).find((b) => b.description === "prod app").vrf.name, "prod");
  assert.throws(() => cp.Plan.importFrom("netbox", [{ text: "name,cidr\na,10.0.0.0/8\n", file: "x.csv" }]), /x\.csv: not an export cidrplan reads \(a table with name, cidr\)/);
});

test("an import says what it left out (importNotes)", () => {
  const enis = '{"NetworkInterfaces": [{"NetworkInterfaceId": "eni-2", "SubnetId": "subnet-404", "PrivateIpAddresses": [{"PrivateIpAddress": "10.9.0.5"}]}]}';
  const plan = cp.Plan.importFrom("aws", [{ text: enis, file: "enis.json" }]);
  assert.equal(plan.importNotes.length, 1);
  assert.match(plan.importNotes[0], /enis\.json: eni-2 is in subnet-404, which the export does not hold: its address is left out/);
  assert.deepEqual(cp.Plan.load("version: 1\n", "p.yaml").importNotes, []);
});

test("AWS VPNs: the ranges behind them are external ranges, checked against the VPCs that reach them", () => {
  const root = path.join(here, "../../tests/golden/imports");
  const files = ["aws", "aws-routes", "aws-vpn"].flatMap((d) =>
    readdirSync(path.join(root, d)).filter((f) => f.endsWith(".json")).sort().map((f) => ({ text: readFileSync(path.join(root, d, f), "utf8"), file: `${d}/${f}` })),
  );
  const plan = cp.Plan.importFrom("aws", files);
  const external = Object.fromEntries(plan.toObject().external.map((e) => [e.name, e.cidr]));
  assert.deepEqual(external, { "office-london": ["172.20.0.0/16", "10.1.200.0/24", "172.21.0.0/16"], "vpn-0abc": "172.16.0.0/16", "dc-frankfurt": ["10.1.128.0/20", "192.168.0.0/16"] });
  const overlap = plan.check().findings.find((f) => f.rule === "connectivity.overlap");
  assert.deepEqual(overlap.objects.map((o) => o.name), ["eks", "dc-frankfurt"]);
  assert.ok(plan.importNotes.some((n) => /10\.0\.0\.0\/8 is a summary over vpc-0a1111111111111aa's 10\.0\.0\.0\/16/.test(n)), plan.importNotes.join("\n"));
});
