// The npm package's faces (../pkg, made by scripts/build-web): the Node ES module and the
// CommonJS build offer the same API, namespaced as the core's modules (eks.maxPods), the
// TypeScript declarations name every export, and package.json lists what it ships.
// `scripts/test-npm` installs the packed tarball into a fresh project as a user would.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";
import * as esm from "../pkg/cidrplan_node.js";

const pkg = path.join(path.dirname(fileURLToPath(import.meta.url)), "../pkg");
const cjs = createRequire(import.meta.url)(path.join(pkg, "cidrplan_node.cjs"));
const MODULES = ["eks", "aks", "gke", "k8s", "plan"];

const api = (m) =>
  Object.keys(m)
    .filter((k) => k !== "default" && k !== "__esModule")
    .flatMap((k) => (MODULES.includes(k) ? Object.keys(m[k]).map((f) => `${k}.${f}`) : [k]))
    .sort();

test("the ES module and CommonJS builds offer the same names", () => {
  assert.deepEqual(api(esm), api(cjs));
  assert.ok(api(esm).length > 60, api(esm).join(" "));
});

test("functions live under the core's modules, in camelCase", () => {
  for (const m of MODULES) {
    assert.ok(Object.keys(esm[m]).length > 0, m);
    for (const [name, fn] of Object.entries(esm[m])) {
      assert.equal(typeof fn, "function", `${m}.${name}`);
      assert.match(name, /^[a-z][A-Za-z0-9]*$/, `${m}.${name}`);
    }
  }
  for (const name of api(esm).filter((n) => !n.includes("."))) assert.match(name, /^[A-Za-z][A-Za-z0-9]*$/, name);
  // no flat snake_case duplicates of the namespaced functions
  assert.equal(api(esm).filter((n) => n.includes("_")).length, 0);
});

test("both builds answer with the core's numbers", () => {
  for (const cp of [esm, cjs]) {
    assert.equal(cp.eks.maxPods("m5.large").address_limit, 29);
    assert.equal(cp.eks.maxPods("m5.large", { prefixDelegation: true }).address_limit, 434);
    assert.equal(cp.aks.requiredNodeSubnetIps({ nodes: 50, max_pods: 30, surge: "1", mode: "azure-cni" }), 1581);
    assert.equal(cp.parsePrefix("10.0.0.1/24", false), "10.0.0.0/24");
    assert.deepEqual(cp.cidrsubnets("10.1.0.0/16", [4, 4]), ["10.1.0.0/20", "10.1.16.0/20"]);
    assert.equal(cp.plan.size("gke", { nodes: 50, zones: 3 }).nodes, 51);
    assert.equal(cp.gke.maxNodes(20, 14, 110), 1024);
    const plan = new cp.Plan("version: 1\nnetworks:\n  - name: vpc\n    cidr: 10.0.0.0/16\n", "p.yaml");
    assert.equal(plan.check().summary.errors, 0);
    plan.free();
  }
});

test("the TypeScript declarations name every export", () => {
  for (const file of ["cidrplan_node.d.ts", "cidrplan_node.d.cts", "cidrplan_web.d.ts"]) {
    const dts = readFileSync(path.join(pkg, file), "utf8");
    const declared = new Set([...dts.matchAll(/^export (?:function|class|let|const) (\w+)/gm)].map((m) => m[1]));
    for (const name of Object.keys(esm)) assert.ok(declared.has(name), `${file} declares ${name}`);
    for (const m of MODULES) {
      for (const f of Object.keys(esm[m])) assert.match(dts, new RegExp(`^\\s+${f}: typeof ${m}__${f},$`, "m"), `${file}: ${m}.${f}`);
    }
    assert.match(dts, /readonly dispose: unique symbol/, `${file} declares Symbol.dispose for older lib settings`);
  }
});

test("package.json ships every file its exports name, and nothing runs at install", () => {
  const manifest = JSON.parse(readFileSync(path.join(pkg, "package.json"), "utf8"));
  const cargo = readFileSync(path.join(pkg, "../../Cargo.toml"), "utf8");
  assert.equal(manifest.version, cargo.match(/^version = "([^"]+)"$/m)[1]);
  assert.equal(manifest.scripts, undefined);
  assert.equal(manifest.dependencies, undefined);
  const targets = JSON.stringify(manifest.exports).match(/\.\/[\w.-]+/g);
  for (const t of [...targets, manifest.main, manifest.types, manifest.module]) {
    const file = t.slice(2);
    assert.ok(existsSync(path.join(pkg, file)), file);
    assert.ok(file === "package.json" || manifest.files.includes(file), `${file} in files`);
  }
});
