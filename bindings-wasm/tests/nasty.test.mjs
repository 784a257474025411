// Hostile inputs through the WebAssembly package: a JS Error with a kind, never a trap.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const cp = createRequire(import.meta.url)(path.join(here, "../pkg/cidrplan_node.cjs"));

const GARBAGE = ["", "/", "10.0.0.0/", "/24", "10.0.0.0/33", "::/129", "010.0.0.0/8", "1.2.3.4.5/8", "\u0000",
  "é/8", "x".repeat(100000), "10.0.0.0/-1", "10.0.0.0/99999999999999999999", "1.2.3.4/255.0.255.0"];

function expectError(fn, label) {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof Error, `${label}: ${e} is an Error`);
    assert.equal(e.name, "CidrplanError", `${label}: ${e.message}`);
    assert.ok(typeof e.kind === "string" && e.message.length < 400, label);
    return e;
  }
  assert.fail(`${label}: no error`);
}

test("garbage prefixes give CidrplanError everywhere", () => {
  for (const g of GARBAGE) {
    for (const [name, fn] of Object.entries({
      parse: () => cp.parsePrefix(g, false), inspect: () => cp.inspect(g, "aws"), split: () => cp.split(g, 24),
      collapse: () => cp.collapse([g]), exclude: () => cp.exclude("10.0.0.0/8", [g]), free: () => cp.freeSpace(g, []),
      overlaps: () => cp.findOverlaps([{ name: "a", prefix: g }]), carve: () => cp.plan.carve(g, "gke", { nodes: 3 }),
      classify: () => cp.classify(g), cidrhost: () => cp.cidrhost(g, 1),
      tree: () => cp.splitTree(g, [], "aws"), treeSplits: () => cp.splitTree("10.0.0.0/8", [g], "aws"),
      leaves: () => cp.splitLeaves("10.0.0.0/8", [g]), row: () => cp.treeRow("10.0.0.0/8", g, "aws"),
    })) expectError(fn, `${name}(${JSON.stringify(g).slice(0, 30)})`);
  }
});

test("hard limits and bad structured input", () => {
  assert.equal(expectError(() => cp.split("::/0", 128), "split").kind, "limit-exceeded");
  assert.equal(cp.splitCount("::/0", 128), (2n ** 128n).toString());
  assert.equal(expectError(() => cp.plan.size("gke", { nodes: 1e15 }), "plan").kind, "limit-exceeded");
  expectError(() => cp.plan.size("gke", { nodes: "many" }), "nodes as text");
  expectError(() => cp.plan.size("nope", { nodes: 3 }), "platform");
  expectError(() => cp.eks.maxPods("m5.lrage", {}), "instance");
  assert.deepEqual(expectError(() => cp.eks.maxPods("m5.lrage", {}), "suggest").suggestions.slice(0, 1), ["m5.large"]);
  expectError(() => cp.aks.validate({ mode: "kubenet" }), "incomplete cluster");
  expectError(() => cp.vlsm("10.0.0.0/24", [{ name: "a", size: { hosts: 1e9 } }], "aws"), "vlsm too big");
  expectError(() => cp.cidrhost("10.0.0.0/8", 0.5), "fractional host");
  expectError(() => cp.setOperation([], [], "xor"), "set op");
  for (const bad of [null, "10.0.0.0/9", [1], { a: 1 }]) expectError(() => cp.splitTree("10.0.0.0/8", bad, "aws"), `splits ${JSON.stringify(bad)}`);
  const everySplit = ["10.0.0.0/8", ...cp.split("10.0.0.0/8", 9), ...Array.from({ length: 16 }, (_, i) => cp.split("10.0.0.0/8", 10 + i)).flat()];
  assert.equal(expectError(() => cp.splitTree("10.0.0.0/8", everySplit, "aws"), "tree too big").kind, "limit-exceeded");
  assert.equal(expectError(() => cp.splitLeaves("10.0.0.0/8", everySplit), "leaves too many").kind, "limit-exceeded");
  assert.match(expectError(() => cp.treeRow("10.0.0.0/8", "11.0.0.0/16", "aws"), "row outside").message, /not inside the base 10\.0\.0\.0\/8/);
  const rule = expectError(() => cp.aks.requiredNodeSubnetIps({ nodes: 3, max_pods: 5, mode: "azure-cni" }), "rule").rule;
  assert.equal(rule, "aks.max-pods-range");
  // after all that the module still works: nothing trapped
  assert.deepEqual(cp.collapse(["10.0.0.0/25", "10.0.0.128/25"]), ["10.0.0.0/24"]);
});

test("random strings never trap the module", () => {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const alphabet = "0123456789abcdef.:/-% x";
  for (let i = 0; i < 3000; i++) {
    let s = "";
    for (let k = Math.floor(rand() * 24); k > 0; k--) s += alphabet[Math.floor(rand() * alphabet.length)];
    for (const fn of [() => cp.parsePrefix(s, true), () => cp.cidrsubnets(s, Uint8Array.from([1, 2])), () => cp.plan.size(s, { nodes: 3 }),
      () => cp.aks.requiredNodeSubnetIps({ nodes: 3, surge: s, mode: "overlay" })]) {
      try { fn(); } catch (e) { assert.ok(e instanceof Error && e.kind, `${s}: ${e}`); }
    }
  }
  assert.deepEqual(cp.cidrsubnets("10.1.0.0/16", Uint8Array.from([4, 4])), ["10.1.0.0/20", "10.1.16.0/20"]);
});

test("a string argument given something else is a TypeError, never a trap or its digits", () => {
  for (const [label, fn] of [["number", () => cp.networkBits(42)], ["object", () => cp.parsePrefix({})], ["null", () => cp.inspect(null)],
    ["array", () => cp.split(["10.0.0.0/8"], 9)], ["optional profile", () => cp.inspect("10.0.0.0/8", 5)], ["BigInt", () => cp.family(10n)]]) {
    assert.throws(fn, (e) => e instanceof TypeError && /expected a string/.test(e.message), label);
  }
  // the module still answers after each
  assert.equal(cp.networkBits("10.0.0.0/8"), "00001010.00000000.00000000.00000000");
  // new Plan(...) reads the plan as Plan.load does, or says what it wants
  const { Plan } = cp;
  assert.equal(new Plan("version: 1\nname: x\n").check().summary.errors, 0);
  assert.throws(() => new Plan(5), (e) => e.kind === "invalid-argument" && e.field === "plan");
});

test("numbers are whole and in range, or refused before any conversion", () => {
  const names = (fn, label, name) => {
    const e = expectError(fn, label);
    assert.equal(e.kind, "invalid-argument", `${label}: ${e.message}`);
    assert.ok(e.message.includes(name), `${label}: ${e.message} names ${name}`);
    assert.equal(e.field, name, `${label}: the error is about ${name}`);
  };
  // once truncated into u8: 260 answered as if it were 4
  names(() => cp.cidrsubnet("10.0.0.0/8", 260, 1), "newbits 260", "newbits");
  names(() => cp.split("10.0.0.0/8", 300), "new_prefix 300", "new_prefix");
  names(() => cp.split("10.0.0.0/8", NaN), "new_prefix NaN", "new_prefix");
  names(() => cp.split("10.0.0.0/8", 24.5), "new_prefix 24.5", "new_prefix");
  names(() => cp.split("10.0.0.0/8", -1), "new_prefix -1", "new_prefix");
  names(() => cp.split("10.0.0.0/8", 24, -5), "limit -5", "limit");
  names(() => cp.split("::/0", 64, 2 ** 60), "limit 2^60", "limit");
  names(() => cp.supernet("10.0.0.0/8", Infinity), "supernet Infinity", "new_prefix");
  names(() => cp.cidrsubnets("10.0.0.0/8", [4, 2.5]), "newbits fraction", "newbits");
  names(() => cp.cidrsubnet("10.0.0.0/8", 8, -1), "netnum -1", "netnum");
  names(() => cp.cidrsubnet("10.0.0.0/8", 8, 2 ** 60), "netnum past 2^53", "netnum");
  names(() => cp.cidrhost("10.0.0.0/8", 2 ** 60), "hostnum past 2^53", "hostnum");
  names(() => cp.freeAlignedBlocks("10.0.0.0/24", [], 28.1), "prefix_len fraction", "prefix_len");
  names(() => cp.gke.primaryPrefixFor(-3), "nodes -3", "nodes");
  names(() => cp.gke.maxNodes(20, 14, 1e20), "max_pods 1e20", "max_pods");
  names(() => cp.k8s.calicoPool("fd00::/48", 300, 110), "block_size 300", "block_size");
  names(() => cp.eks.nodeSubnetIps("m5.large", -1, false, {}), "pods -1", "pods");
  // structured input: the field named in the user's words, no deserializer wording
  const e = expectError(() => cp.plan.size("gke", { nodes: 1e20 }), "nodes 1e20");
  assert.match(e.message, /nodes must be a whole number/);
  assert.doesNotMatch(e.message, /invalid type|floating point|expected u64/);
  assert.equal(e.field, "nodes", "the error says which input it is about");
  // a misspelt field is refused, not replaced by the platform's default, and named as written
  const typo = expectError(() => cp.plan.size("gke/standard", { nodes: 10, maxPodz: 300 }), "maxPodz");
  assert.match(typo.message, /^requirement: unknown field maxPodz, expected one of nodes, peak_nodes, max_pods/);
  assert.equal(typo.field, "maxPodz");
  // options in camelCase, as the functions are named, or snake_case: the same answer
  // (prefix delegation: 29 vs 434 pods on m5.large)
  assert.equal(cp.eks.maxPods("m5.large", { prefixDelegation: true }).address_limit, 434);
  assert.equal(cp.eks.maxPods("m5.large", { prefix_delegation: true }).address_limit, 434);
  assert.equal(cp.aks.requiredNodeSubnetIps({ nodes: 3, maxPods: 30, mode: "azure-cni" }), cp.aks.requiredNodeSubnetIps({ nodes: 3, max_pods: 30, mode: "azure-cni" }));
  assert.deepEqual(cp.plan.size("aks/azure-cni", { nodes: 50, maxPods: 30, zones: 1, peakNodes: 50 }), cp.plan.size("aks/azure-cni", { nodes: 50, max_pods: 30, zones: 1, peak_nodes: 50 }));
  // nested: a requirement's pools
  assert.deepEqual(
    cp.plan.size("aks/azure-cni", { nodes: 3, pools: [{ name: "user", nodes: 5, maxPods: 30, peakNodes: 9 }] }),
    cp.plan.size("aks/azure-cni", { nodes: 3, pools: [{ name: "user", nodes: 5, max_pods: 30, peak_nodes: 9 }] }),
  );
  // both spellings at once is a mistake, said so
  const twice = expectError(() => cp.eks.maxPods("m5.large", { prefixDelegation: true, prefix_delegation: false }), "both");
  assert.match(twice.message, /prefixDelegation and prefix_delegation are the same option/);
  const missing = expectError(() => cp.plan.checkRequirement({ zones: 2 }), "no nodes");
  assert.deepEqual([missing.message, missing.field], ["requirement: nodes is missing", "nodes"]);
  assert.equal(expectError(() => cp.plan.size("gke", { nodes: 10, surge: "ten" }), "surge ten").field, "surge");
  names(() => cp.plan.size("gke", { nodes: 10, zones: 2 ** 31 }), "zones 2^31", "zones");
  const t0 = Date.now();
  names(() => cp.plan.carve("10.0.0.0/8", "eks/secondary-ip/m5.large", { nodes: 10, zones: 2 ** 31 }), "carve zones 2^31", "zones");
  assert.ok(Date.now() - t0 < 5000, "refused before any work");
  // big answers are exact: BigInt or decimal strings, never rounded floats
  assert.equal(cp.cidrsubnet("2001:db8::/32", 32, 2n ** 32n - 1n), "2001:db8:ffff:ffff::/64");
  // Terraform's limit: cidrsubnets takes at most 32 new bits, in IPv6 too; cidrsubnet any
  assert.match(expectError(() => cp.cidrsubnets("::/0", [33]), "newbits 33").message, /may not extend prefix by more than 32 bits/);
  assert.equal(cp.cidrsubnet("::/0", 128, 2n ** 127n), "8000::/128");
  assert.equal(cp.cidrhost("::/0", "-1"), "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
  assert.equal(cp.usableHosts("2001:db8::/48", "standard"), (2n ** 80n - 1n).toString());
  assert.equal(cp.inspect("2001:db8::/48", "standard").usable, (2n ** 80n - 1n).toString());
  assert.equal(cp.k8s.calicoPool("fd00::/48", 122, 110).blocks, (2n ** 74n).toString());
  assert.equal(cp.k8s.ciliumClusterPoolNodes("::/1", 128), 2n ** 127n);
  assert.equal(cp.usableHosts("10.0.0.0/8", "aws"), 16777211);
});

test("hostile plans are refused with a reason, and after each the module stays usable", () => {
  const { Plan } = cp;
  const hostile = [
    ["version: 1\nx: " + Array.from({ length: 60 }, (_, i) => `&a${i} [`).join("") + Array(400000).fill("1").join(",") + "]".repeat(60) + "\n", /anchors and aliases copy/],
    ["version: 1\nx: " + "[".repeat(100000) + "]".repeat(100000), /recursion limit|nested deeper/],
    ["a: &a [x,x,x,x,x,x,x,x,x,x]\n" + Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill("*" + String.fromCharCode(97 + i)).join(",")}]\n`).join(""), /anchors and aliases copy/],
    ["version: 1\nnetworks:\n  - {name: a, size: 010}\n", /not 010/],
    ["version: 1\nname: \u0000\n", /./],
  ];
  for (const [text, says] of hostile) {
    assert.throws(() => Plan.load(text), (e) => typeof e.kind === "string" && says.test(e.message));
    assert.equal(Plan.load("version: 1\nnetworks:\n  - {name: a, cidr: 10.0.0.0/16}\n").check().summary.errors, 0);
  }
});
