// A user's CommonJS script: `require` the installed package.
const assert = require("node:assert/strict");
const { eks, parsePrefix, split, Plan } = require("cidrplan");

assert.equal(parsePrefix("10.0.0.1/16", false), "10.0.0.0/16");
assert.deepEqual(split("10.0.0.0/23", 24), ["10.0.0.0/24", "10.0.1.0/24"]);
assert.equal(eks.maxPods("m5.large", { prefixDelegation: true }).address_limit, 434);
const p = new Plan({ version: 1, networks: [{ name: "vpc", cidr: "10.0.0.0/16" }] });
assert.equal(p.check().summary.errors, 0);
p.free();
console.log("cjs: ok");
