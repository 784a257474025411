// Hostile inputs through the WebAssembly package: a JS Error with a kind, never a trap.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const cp = createRequire(import.meta.url)(path.join(here, "../pkg-node/cidrplan_wasm.js"));

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
      parse: () => cp.parse_prefix(g, false), inspect: () => cp.inspect(g, "aws"), split: () => cp.split(g, 24),
      collapse: () => cp.collapse([g]), exclude: () => cp.exclude("10.0.0.0/8", [g]), free: () => cp.free_space(g, []),
      overlaps: () => cp.find_overlaps([{ name: "a", prefix: g }]), carve: () => cp.plan_carve(g, "gke", { nodes: 3 }),
      classify: () => cp.classify(g), cidrhost: () => cp.cidrhost(g, 1),
    })) expectError(fn, `${name}(${JSON.stringify(g).slice(0, 30)})`);
  }
});

test("hard limits and bad structured input", () => {
  assert.equal(expectError(() => cp.split("::/0", 128), "split").kind, "limit-exceeded");
  assert.equal(cp.split_count("::/0", 128), (2n ** 128n).toString());
  assert.equal(expectError(() => cp.plan_size("gke", { nodes: 1e15 }), "plan").kind, "limit-exceeded");
  expectError(() => cp.plan_size("gke", { nodes: "many" }), "nodes as text");
  expectError(() => cp.plan_size("nope", { nodes: 3 }), "platform");
  expectError(() => cp.eks_max_pods("m5.lrage", {}), "instance");
  assert.deepEqual(expectError(() => cp.eks_max_pods("m5.lrage", {}), "suggest").suggestions.slice(0, 1), ["m5.large"]);
  expectError(() => cp.aks_validate({ mode: "kubenet" }), "incomplete cluster");
  expectError(() => cp.vlsm("10.0.0.0/24", [{ name: "a", size: { hosts: 1e9 } }], "aws"), "vlsm too big");
  expectError(() => cp.cidrhost("10.0.0.0/8", 0.5), "fractional host");
  expectError(() => cp.set_operation([], [], "xor"), "set op");
  const rule = expectError(() => cp.aks_required_ips({ nodes: 3, max_pods: 5, mode: "azure-cni" }), "rule").rule;
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
    for (const fn of [() => cp.parse_prefix(s, true), () => cp.cidrsubnets(s, Uint8Array.from([1, 2])), () => cp.plan_size(s, { nodes: 3 }),
      () => cp.aks_required_ips({ nodes: 3, surge: s, mode: "overlay" })]) {
      try { fn(); } catch (e) { assert.ok(e instanceof Error && e.kind, `${s}: ${e}`); }
    }
  }
  assert.deepEqual(cp.cidrsubnets("10.1.0.0/16", Uint8Array.from([4, 4])), ["10.1.0.0/20", "10.1.16.0/20"]);
});
