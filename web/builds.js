// The WebAssembly builds of the core, loaded as the views need them.

import { errText } from "./dom.js";

// Three builds of the one core package, each a superset of the one before: the first screen
// (subnet calculator, overlap checker) loads the smallest, and a view that needs more loads
// its build the first time it is shown. `cp` is the most complete build loaded so far.
export const BUILDS = {
  calc: { file: "./pkg/cidrplan_calc.js", what: "the calculator" },
  clusters: { file: "./pkg/cidrplan_clusters.js", what: "the cluster planner" },
  full: { file: "./pkg/cidrplan_web.js", what: "the plan file tools" },
};
const BUILD_ORDER = Object.keys(BUILDS);
// the Plan file tab checks in its worker (plan-worker.js), which loads the full build itself
export const VIEW_BUILD = { subnets: "calc", overlaps: "calc", cluster: "clusters", plan: "calc" };
const loading = {};
export let cp = null;
let cpBuild = -1;
export const hasBuild = (build) => cpBuild >= BUILD_ORDER.indexOf(build);
export function needBuild(build) {
  loading[build] ??= (async () => {
    document.body.dataset.loading = build;
    try {
      const mod = await import(BUILDS[build].file);
      await mod.default();
      const rank = BUILD_ORDER.indexOf(build);
      if (rank > cpBuild) {
        cp = mod;
        cpBuild = rank;
      }
    } catch (e) {
      delete loading[build]; // a later visit tries again
      throw new Error(`${BUILDS[build].what} could not be loaded (${errText(e)}); check the connection and try again`);
    } finally {
      if (document.body.dataset.loading === build) delete document.body.dataset.loading;
    }
  })();
  return loading[build];
}
