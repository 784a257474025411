// The shared golden corpus (tests/golden/*.json) run through the WebAssembly package
// (the npm package's Node.js build in ../pkg, made by scripts/build-web). Run: node --test bindings-wasm/tests/
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
import * as cp from "../pkg/cidrplan_node.js";
const golden = path.join(here, "../../tests/golden");
// Integers past 2^53 are read as decimal strings, exactly as the package returns them
// (JSON.parse would round them); smaller ones compare as numbers.
const load = (name) =>
  JSON.parse(readFileSync(path.join(golden, name), "utf8").replace(/(?<=[:\[,]\s*)(-?\d{16,})(?=\s*[,\]}])/g, (d) =>
    Number.isSafeInteger(Number(d)) ? d : `"${d}"`));

const surge = (a) => {
  const s = a.surge ?? { nodes: 1 };
  return "nodes" in s ? String(s.nodes) : `${s.percent}%`;
};
const aks = (a) => ({ nodes: a.nodes, max_pods: a.max_pods, surge: surge(a), mode: a.mode });
const named = (obj) => Object.entries(obj).map(([name, prefix]) => ({ name, prefix }));

const OPS = {
  "parse_prefix": (a) => cp.parsePrefix(a.text),
  "parse_prefix_lenient": (a) => cp.parsePrefix(a.text, false),
  split: (a) => cp.split(a.prefix, a.new_prefix),
  supernet: (a) => cp.supernet(a.prefix, a.new_prefix),
  collapse: (a) => cp.collapse(a.prefixes),
  exclude: (a) => cp.exclude(a.prefix, a.remove),
  range_to_cidrs: (a) => cp.rangeToCidrs(a.first, a.last),
  spanning_cidr: (a) => cp.spanningCidr(a.prefixes),
  "PrefixSet": (a) => cp.setOperation(a.a, a.b, a.operation),
  cidrsubnets: (a) => cp.cidrsubnets(a.prefix, a.newbits),
  cidrsubnet: (a) => cp.cidrsubnet(a.prefix, a.newbits, a.netnum),
  cidrhost: (a) => cp.cidrhost(a.prefix, a.hostnum),
  cidrnetmask: (a) => cp.cidrnetmask(a.prefix),
  splits_to: (a) => cp.splitsTo(a.prefix, a.new_prefix),
  named_subnets: (a) => Object.fromEntries(cp.namedSubnets(a.prefix, a.slots).subnets.map((s) => [s.name, s.prefix])),
  vlsm: (a) => cp.vlsm(a.prefix, a.hosts.map((h, i) => ({ name: `s${i}`, size: { hosts: h } })), a.profile).subnets.map((s) => s.prefix),
  free_space: (a) => cp.freeSpace(a.parent, a.used),
  free_aligned_blocks: (a) => cp.freeAlignedBlocks(a.parent, a.used, a.prefix_len),
  allocate: (a) => cp.allocate(a.parent, a.used, a.prefix_lens.map((l) => ({ name: "", prefix_len: l })), a.strategy).subnets.map((s) => s.prefix),
  find_overlaps: (a) => cp.findOverlaps(named(a.prefixes)).map((o) => [o.a, o.b, o.relation]),
  check_reserved: (a) => cp.checkReserved(named(a.prefixes), a.sets, null).map((h) => h.entry_prefix),
  usable_hosts: (a) => cp.usableHosts(a.prefix, a.profile),
  inspect: (a) => cp.inspect(a.prefix, a.profile),
  network_bits: (a) => cp.networkBits(a.prefix),
  reverse_pointer: (a) => cp.reversePointer(a.address),
  reverse_zones: (a) => cp.reverseZones(a.prefix),
  exploded: (a) => cp.exploded(a.address),
  next_address: (a) => cp.nextAddress(a.address),
  previous_address: (a) => cp.previousAddress(a.address),
  next_prefix: (a) => cp.nextPrefix(a.prefix, a.new_prefix),
  previous_prefix: (a) => cp.previousPrefix(a.prefix, a.new_prefix),
  classify: (a) => cp.classify(a.prefix),
  longest_match: (a) => cp.longestMatch(a.address, a.prefixes) ?? null,
  shortest_match: (a) => cp.shortestMatch(a.address, a.prefixes) ?? null,
  addresses: (a) => { const r = cp.addresses(a.prefix, a.hosts ?? false); return { count: r.count, head: r.slice(0, 3), last: r.last }; },
  address_range: (a) => { const r = cp.addressRange(a.first, a.last); return { count: r.count, head: r.slice(0, 3), last: r.last }; },
  parse_scoped_address: (a) => cp.parseScopedAddress(a.text),
  "eks.max_pods": (a) => { const { instance_type, ...opts } = a; return cp.eks.maxPods(instance_type, opts); },
  "eks.node_subnet_ips": (a) => cp.eks.nodeSubnetIps(a.instance_type, a.pods, !!a.prefix_delegation, a.warm ?? {}).subnet_ips,
  "eks.nodes_in_subnet": (a) => cp.eks.nodesInSubnet(a.subnet, a.instance_type, a.pods, false, {}),
  "aks.required_node_subnet_ips": (a) => cp.aks.requiredNodeSubnetIps(aks(a)),
  "aks.min_node_subnet_prefix": (a) => cp.aks.minNodeSubnetPrefix(aks(a)),
  "aks.max_nodes": (a) => cp.aks.maxNodes(a.subnet, aks(a)),
  "aks.pod_address_need": (a) => cp.aks.podAddressNeed(aks(a)),
  "aks.max_nodes_for_pod_range": (a) => cp.aks.maxNodesForPodRange(a.range, aks(a)),
  "aks.validate": (a) => cp.aks.validate(a).map((i) => i.rule),
  "gke.max_nodes_for_primary": (a) => cp.gke.maxNodesForPrimary(a.prefix_len),
  "gke.primary_prefix_for": (a) => cp.gke.primaryPrefixFor(a.nodes),
  "gke.pod_range_prefix": (a) => cp.gke.podRangePrefix(a.max_pods, a.overprovisioning ?? true),
  "gke.nodes_for_pod_range": (a) => cp.gke.nodesForPodRange(a.pod_prefix, a.max_pods, true),
  "gke.max_nodes": (a) => cp.gke.maxNodes(a.node_prefix, a.pod_prefix, a.max_pods),
  "gke.services_for_range": (a) => cp.gke.servicesForRange(a.prefix_len),
  "gke.route_based_max_nodes": (a) => cp.gke.routeBasedMaxNodes(a.prefix_len),
  "gke.cluster_max_nodes": (a) => cp.gke.clusterMaxNodes({ psc_without_private_endpoint_subnet: false, ...a }),
  "k8s.range_allocator_nodes": (a) => Number(cp.k8s.rangeAllocatorNodes(a.cluster_cidr, a.node_mask, a.rule)),
  "k8s.calico_pool": (a) => cp.k8s.calicoPool(a.pool, a.block_size, a.pods_per_node),
  "k8s.cilium_cluster_pool_nodes": (a) => Number(cp.k8s.ciliumClusterPoolNodes(a.pool, a.node_mask)),
  "k8s.flannel_nodes": (a) => Number(cp.k8s.flannelNodes(a.network, a.subnet_len)),
  "eks.default_service_cidr": (a) => cp.eks.defaultServiceCidr(a.vpc_cidrs)[0],
  "gke.default_services_range": (a) => cp.gke.defaultServicesRange(a.kind, a.version[0], a.version[1]) ?? null,
};

const sizing = (s) => {
  const out = { ...s };
  s.ranges.forEach((r, i) => { out[`ranges_${i}_prefix_len`] = r.prefix_len; out[`ranges_${i}_addresses`] = r.addresses; });
  return out;
};
OPS["plan.size"] = (a) => sizing(cp.plan.size(a.platform, a.requirement));
OPS["plan.compare"] = (a) => {
  const rows = cp.plan.compare(a.requirement, [], a.instance_type);
  return { rows: rows.length, rows_with_sizing: rows.filter((r) => r.sizing).length };
};
OPS["plan.compare_at_pods"] = (a) => {
  const rows = cp.plan.compareAtPods(a.pods, a.requirement, a.platforms);
  return { nodes_for_pods: rows.map((r) => r.nodes_for_pods), errors: rows.map((r) => r.error) };
};
OPS["plan.carve"] = (a) => {
  const p = cp.plan.carve(a.vpc, a.platform, a.requirement);
  return { services: p.ranges.find((r) => r.role === "service-range")?.prefix ?? null, in_vpc: p.ranges.filter((r) => r.in_vpc).length, overlaps: p.overlaps.length };
};

function matches(got, want, label) {
  if (want && typeof want === "object" && !Array.isArray(want) && got && typeof got === "object") {
    for (const [k, v] of Object.entries(want)) {
      if (k.endsWith("_between")) {
        const x = got[k.slice(0, -"_between".length)];
        assert.ok(x >= v[0] && x <= v[1], `${label}: ${k} ${x} not in ${v}`);
      } else {
        assert.deepEqual(got[k], v, `${label}: ${k}`);
      }
    }
  } else {
    assert.deepEqual(got, want, label);
  }
}

// One test per case, named by its file and case: a failure names the case.
for (const file of ["cidr.json", "capacity.json", "ipaddress.json", "peers.json"]) {
  for (const c of load(file)) {
    const label = `${file}: ${c.name}`;
    test(label, () => {
      const run = OPS[c.op];
      assert.ok(run, `no op ${c.op}`);
      if (c.error) {
        assert.throws(() => run(c.args), (e) => {
          assert.ok(e instanceof Error, `${label}: a real Error`);
          assert.equal(e.kind, c.error, `${label}: kind (${e.message})`);
          if (c.message) assert.equal(e.message, c.message, label);
          if (c.field) assert.equal(e.field, c.field, `${label}: field (${e.message})`);
          return true;
        }, label);
      } else {
        let got;
        try {
          got = run(c.args);
        } catch (e) {
          assert.fail(`${label}: unexpected error ${e.message}`);
        }
        matches(got, c.expect, label);
      }
    });
  }
}

test("AWS eni-max-pods.txt for every instance type", () => {
  const lines = readFileSync(path.join(golden, "eni-max-pods.txt"), "utf8").split("\n").filter((l) => l.trim() && !l.startsWith("#"));
  for (const line of lines) {
    const [name, want] = line.trim().split(/\s+/);
    assert.equal(cp.eks.maxPods(name, {}).address_limit, Number(want), name);
  }
  assert.equal(lines.length, 1391);
  assert.equal(cp.eks.instanceTypes().length, 1391);
});

test("split_leaves and tree_row give split_tree's rows (the page's incremental tree)", () => {
  for (const [base, splits, profile] of [
    ["10.0.0.0/16", ["10.0.0.0/16", "10.0.0.0/17", "10.0.64.0/18"], "aws"],
    ["2001:db8::/48", ["2001:db8::/48", "2001:db8::/49"], "azure"],
    ["192.168.0.0/24", [], "standard"],
  ]) {
    const rows = cp.splitTree(base, splits, profile);
    assert.deepEqual(cp.splitLeaves(base, splits), rows.map((r) => r.prefix));
    assert.deepEqual(rows.map((r) => cp.treeRow(base, r.prefix, profile)), rows);
  }
});
