// A user's page, bundled by esbuild from the installed package (scripts/test-npm) and run
// in headless Chromium: the browser build fetches its .wasm next to the bundle.
import init, { eks, split, Plan, parsePrefix } from "cidrplan";

await init();
const p = Plan.load("version: 1\nnetworks:\n  - name: vpc\n    cidr: 10.0.0.0/16\n", "plan.yaml");
const result = {
  split: split("10.0.0.0/23", 24),
  maxPods: eks.maxPods("m5.large").recommended,
  errors: p.check().summary.errors,
  prefix: parsePrefix("10.0.0.1/8", false),
};
p.free();
document.getElementById("out").textContent = JSON.stringify(result);
document.body.dataset.done = "true";
