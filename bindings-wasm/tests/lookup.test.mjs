// Route lookup, lazy address ranges and zone ids in JavaScript: the same answers as the
// core's (golden corpus) and the iteration protocols JS users rely on.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as cp from "../pkg/cidrplan_node.js";

test("an AddressRange iterates with for...of and spread, and reaches any position at once", () => {
  const r = cp.addresses("10.0.0.0/30");
  assert.deepEqual([...r], ["10.0.0.0", "10.0.0.1", "10.0.0.2", "10.0.0.3"]);
  assert.deepEqual([...cp.addresses("10.0.0.0/30", true)], ["10.0.0.1", "10.0.0.2"]);
  const big = cp.addresses("2001:db8::/64");
  assert.equal(big.count, "18446744073709551616");
  assert.equal(big.get(2n ** 63n), "2001:db8:0:0:8000::");
  assert.equal(big.get("18446744073709551616"), undefined);
  assert.deepEqual(big.slice("18446744073709551614", 5), ["2001:db8::ffff:ffff:ffff:fffe", "2001:db8::ffff:ffff:ffff:ffff"]);
  assert.deepEqual(big.slice(2n ** 64n, 5), []);
  assert.equal(big.indexOf("2001:db8::ff"), 255);
  assert.equal(big.indexOf("10.0.0.1"), undefined);
  assert.equal(big.has("not an address"), false);
  // breaking out of a loop over the whole IPv6 space costs nothing
  let n = 0;
  for (const a of cp.addresses("::/0")) if (++n === 3 || !a) break;
  assert.equal(n, 3);
  assert.throws(() => cp.addressRange("10.0.0.2", "10.0.0.1"), (e) => e.kind === "invalid-argument");
  assert.throws(() => big.slice(0, 5e6), (e) => e.kind === "limit-exceeded" || e.kind === "invalid-argument");
  assert.throws(() => big.get(-1), (e) => e.field === "index");
});

test("a PrefixTable answers as a scan of the list does", () => {
  const list = [];
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  for (let i = 0; i < 300; i++) {
    const len = 8 + (rand() % 25);
    const addr = (0x0a000000 | (rand() & 0xffffff)) >>> 0;
    const masked = len === 32 ? addr : (addr & ~((2 ** (32 - len)) - 1)) >>> 0;
    list.push(`${masked >>> 24}.${(masked >>> 16) & 255}.${(masked >>> 8) & 255}.${masked & 255}/${len}`);
  }
  const table = new cp.PrefixTable(list);
  for (let i = 0; i < 300; i++) {
    const a = (0x0a000000 | (rand() & 0xffffff)) >>> 0;
    const address = `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`;
    assert.equal(table.longestMatch(address), cp.longestMatch(address, list), address);
    assert.equal(table.shortestMatch(address), cp.shortestMatch(address, list), address);
    const all = table.allMatches(address);
    assert.equal(all[0], table.shortestMatch(address));
    assert.equal(all.at(-1), table.longestMatch(address));
  }
  assert.ok(table.size <= 300 && table.has(list[0]));
  table.free();
});

test("zone ids: read with parseScopedAddress, refused by parseAddress with the reason", () => {
  assert.deepEqual(cp.parseScopedAddress("fe80::1%eth0"), ["fe80::1", "eth0"]);
  assert.deepEqual(cp.parseScopedAddress("10.0.0.1"), ["10.0.0.1", null]);
  assert.throws(() => cp.parseAddress("fe80::1%eth0"), /zone id \(%eth0\)/);
  assert.throws(() => cp.parseScopedAddress("fe80::1%"), (e) => e.kind === "parse");
});
