// wasm-bindgen's glue hands every string argument to passStringToWasm0, which encodes
// a number as its digits and traps ("memory access out of bounds") on an object. This
// puts one type check at its top, so that every function taking a string throws a
// TypeError naming what it got instead, as the Python face does. Run by scripts/build-web
// on each generated glue file; fails if the glue no longer has the function.
// Usage: node scripts/guard-js-strings.mjs <glue.js>...
import { readFileSync, writeFileSync } from "node:fs";

const HEAD = "function passStringToWasm0(arg, malloc, realloc) {\n";
const GUARD =
  "    if (typeof arg !== \"string\") throw new TypeError(`expected a string (a prefix, address, name or text), got ${arg === null ? \"null\" : Array.isArray(arg) ? \"an array\" : typeof arg}`);\n";
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, "utf8");
  if (text.includes(HEAD + GUARD)) continue;
  if (text.split(HEAD).length !== 2) {
    console.error(`${file}: no single passStringToWasm0 to guard (did wasm-bindgen change?)`);
    process.exit(1);
  }
  writeFileSync(file, text.replace(HEAD, HEAD + GUARD));
}
