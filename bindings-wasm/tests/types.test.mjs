// The package's TypeScript interfaces (derived from the Rust types by tsify) list exactly
// the fields the code returns: checked on a sample of every result type, so serde
// attributes the derive does not follow would show here.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const pkg = path.join(here, "../pkg");
import * as cp from "../pkg/cidrplan_node.js";
const dts = readFileSync(path.join(pkg, "cidrplan_node.d.ts"), "utf8");

function fields(name) {
  const m = dts.match(new RegExp(`export interface ${name} \\{([\\s\\S]*?)\\n?\\}`));
  assert.ok(m, `interface ${name} in the .d.ts`);
  // field docs (carried over from the Rust doc comments) are not fields
  return m[1].replace(/\/\*\*[\s\S]*?\*\//g, "").split(";").map((f) => f.trim()).filter(Boolean).map((f) => f.split(/\??:/)[0].trim()).sort();
}

const aksCluster = { mode: "overlay", vnet: ["10.224.0.0/12"], node_subnet: "10.224.0.0/16", pod_range: "10.244.0.0/16", service_cidr: "10.0.0.0/16", dns_service_ip: "10.0.0.1", pools: [{ name: "a", nodes: 3 }] };
const SAMPLES = {
  PrefixInfo: () => cp.inspect("10.0.0.0/24", "aws"),
  ReservedAddress: () => cp.inspect("10.0.0.0/24", "aws").reserved[0],
  CarveReport: () => cp.vlsm("10.0.0.0/24", [{ name: "a", size: { hosts: 10 } }], "standard"),
  CarvedSubnet: () => cp.vlsm("10.0.0.0/24", [{ name: "a", size: { hosts: 10 } }], "standard").subnets[0],
  TreeRow: () => cp.splitTree("2001:db8::/48", ["2001:db8::/48"], "aws")[0],
  Overlap: () => cp.findOverlaps([{ name: "a", prefix: "10.0.0.0/8" }, { name: "b", prefix: "10.0.0.0/16" }])[0],
  ReservedHit: () => cp.checkReserved([{ name: "p", prefix: "172.16.0.0/12" }], ["aks-forbidden"], null)[0],
  Classification: () => cp.classify("10.0.0.0/8"),
  SpecialRange: () => cp.classify("10.0.0.0/8").within[0],
  InstanceType: () => cp.eks.instanceTypes()[0],
  MaxPods: () => cp.eks.maxPods("m5.large", {}),
  NodeIpUsage: () => cp.eks.nodeSubnetIps("m5.large", 10, false, {}),
  SubnetNodes: () => cp.eks.nodesInSubnet("10.0.0.0/24", "m5.large", 10, false, {}),
  NodeCapacity: () => cp.aks.maxNodes("10.0.0.0/24", { mode: "azure-cni" }),
  PodAddressNeed: () => cp.aks.podAddressNeed({ nodes: 10, mode: "overlay" }),
  AksIssue: () => cp.aks.validate(aksCluster)[0],
  ClusterNodes: () => cp.gke.clusterMaxNodes({ node_prefix: 20, pod_ranges: [{ prefix_len: 14, max_pods: 110, node_pools: 1 }], zones: 1, regional: false, psc_without_private_endpoint_subnet: false }),
  CalicoPool: () => cp.k8s.calicoPool("192.168.0.0/16", undefined, 110),
  RangeNeed: () => cp.plan.size("gke", { nodes: 10 }).ranges[0],
  Sizing: () => cp.plan.size("gke", { nodes: 10 }),
  ComparisonRow: () => cp.plan.compare({ nodes: 10 }, [], "m5.large")[0],
  PlannedRange: () => cp.plan.carve("10.0.0.0/16", "gke", { nodes: 10 }).ranges[0],
  ClusterPlan: () => cp.plan.carve("10.0.0.0/16", "gke", { nodes: 10 }),
  NamedLines: () => cp.parseNamedPrefixes("a 10.0.0.0/8\nb 10.0.0.1/8"),
  LineError: () => cp.parseNamedPrefixes("b 10.0.0.1/8").errors[0],
  PlanReport: () => samplePlan().check(),
  Summary: () => samplePlan().check().summary,
  Finding: () => samplePlan().check().findings[0],
  FindingObject: () => cp.Plan.load(awsPlan().toYaml(), "aws.yaml").check().findings[0].objects[0],
  SubnetUsage: () => awsPlan().check().subnets[0],
  SubnetMap: () => awsPlan().subnetMap("eks-nodes-a"),
  Block: () => awsPlan().subnetMap("eks-nodes-a").blocks[1],
  Blocker: () => awsPlan().check().subnets.find((s) => s.blockers.length).blockers[0],
  Difference: () => cp.Plan.load({ version: 1, networks: [{ name: "prod", cidr: "10.0.0.0/16" }] }).diff(awsPlan())[0],
  Position: () => samplePlan().check().findings[0].objects[0].at,
  Placement: () => samplePlan().placements()[0],
  ClusterCapacity: () => samplePlan().check().clusters[0],
  RangeCapacity: () => samplePlan().check().clusters[0].ranges[0],
  ZoneLoss: () => samplePlan().check().clusters[0].zone_loss,
  SpaceUsage: () => samplePlan().check().spaces[0],
};

function awsPlan() {
  const dir = path.join(here, "../../tests/golden/imports/aws");
  const files = ["describe-network-interfaces.json", "describe-subnets.json", "describe-vpcs.json"].map((f) => ({ text: readFileSync(path.join(dir, f), "utf8"), file: f }));
  return cp.Plan.importFrom("aws", files);
}

// every field present: a finding with a fix and a position, a zonal cluster, a space
function samplePlan() {
  return cp.Plan.load(
    "version: 1\nspaces: [{name: s, cidr: 10.0.0.0/12}]\nnetworks:\n" +
      "  - name: vpc\n    profile: aws\n    space: s\n    size: 16\n    subnets:\n" +
      "      - {name: a, size: 20}\n      - {name: b, size: 20}\n      - {name: c, size: 20}\n" +
      "  - {name: x, cidr: 192.168.0.0/16}\n  - {name: y, cidr: 192.168.1.0/24}\n" +
      "clusters:\n  - {name: k, platform: eks/secondary-ip/m5.large, network: vpc, nodes: 30, node_subnets: [a, b, c], service_range: 172.20.0.0/16}\n",
    "sample.yaml",
  );
}

for (const [name, sample] of Object.entries(SAMPLES)) {
  test(`TypeScript interface ${name} lists the returned fields`, () => {
    assert.deepEqual(Object.keys(sample()).sort(), fields(name));
  });
}
