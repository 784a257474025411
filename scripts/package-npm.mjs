// Assembles the npm package `cidrplan` in <pkg dir> from wasm-bindgen's three glues in
// <glue dir> (web/, experimental-nodejs-module/, nodejs/: each made with --out-name cidrplan
// over the same .wasm, which the package holds once) and bindings-wasm/npm/ (package.json,
// README). Every name and type in the glues is wasm-bindgen's own; this only places files,
// stamps the version from Cargo.toml and declares `Symbol.dispose` for TypeScript's default
// lib (wasm-bindgen's classes implement it; older `lib` settings do not know the symbol).
// Run by scripts/build-web. Usage: node scripts/package-npm.mjs <glue dir> <pkg dir>
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const [glue, pkg] = process.argv.slice(2);
const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const version = readFileSync(path.join(root, "Cargo.toml"), "utf8").match(/^version = "([^"]+)"$/m)?.[1];
if (!version) throw new Error("no workspace version in Cargo.toml");

const GLOBALS = `// wasm-bindgen's classes implement Symbol.dispose (\`using plan = Plan.load(...)\`) and
// AddressRange Symbol.iterator; declared here so that TypeScript's default lib settings (ES5
// without Symbol, or before esnext.disposable) accept these types. Every engine that runs
// WebAssembly has both.
declare global {
  interface SymbolConstructor {
    readonly dispose: unique symbol;
    readonly iterator: unique symbol;
  }
  var Symbol: SymbolConstructor;
}
`;
const SELF_TYPES = '/* @ts-self-types="./cidrplan.d.ts" */';

function place(target, js, dts) {
  const from = path.join(glue, target);
  const code = readFileSync(path.join(from, "cidrplan.js"), "utf8");
  if (!code.includes(SELF_TYPES)) throw new Error(`${target}: wasm-bindgen's glue no longer starts with ${SELF_TYPES}`);
  writeFileSync(path.join(pkg, js), code.replace(SELF_TYPES, `/* @ts-self-types="./${dts}" */`));
  writeFileSync(path.join(pkg, dts), GLOBALS + readFileSync(path.join(from, "cidrplan.d.ts"), "utf8"));
}
place("web", "cidrplan_web.js", "cidrplan_web.d.ts");
place("experimental-nodejs-module", "cidrplan_node.js", "cidrplan_node.d.ts");
place("nodejs", "cidrplan_node.cjs", "cidrplan_node.d.cts");

const manifest = JSON.parse(readFileSync(path.join(root, "bindings-wasm/npm/package.json"), "utf8"));
manifest.version = version;
writeFileSync(path.join(pkg, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
copyFileSync(path.join(root, "bindings-wasm/npm/README.md"), path.join(pkg, "README.md"));
for (const licence of ["LICENSE-MIT", "LICENSE-APACHE"]) copyFileSync(path.join(root, licence), path.join(pkg, licence));
for (const file of manifest.files) readFileSync(path.join(pkg, file)); // every listed file exists
console.log(`${pkg}: cidrplan ${version}, ${manifest.files.length} files`);
