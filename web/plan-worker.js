// The Plan file tab's work off the page's thread: checking, carving, exporting and
// importing a plan run here, in the npm package's browser build, so that a plan of
// 100,000 networks never freezes typing. The page sends {id, op, ...args}; the answer is
// {id, ok} or {id, error} with the error's fields (kind, line, column, ...) kept.
import init, { Plan } from "./pkg/cidrplan_web.js";

const ready = init();

function plainError(e) {
  const out = { message: e?.message ?? String(e) };
  for (const k of ["name", "kind", "rule", "field", "file", "line", "column", "width", "path", "suggestions"]) {
    if (e?.[k] !== undefined) out[k] = e[k];
  }
  return out;
}

// each op frees what it loads: a worker lives as long as the page
function withPlan(text, file, use) {
  const plan = Plan.load(text, file);
  try {
    return use(plan);
  } finally {
    plan.free();
  }
}

const OPS = {
  // previous: the placements the page showed last, so sized ranges stay where they were
  check: ({ text, file, map, previous }) => withPlan(text, file, (plan) => {
    const report = plan.check(previous);
    const subnetMap = map && report.subnets.some((u) => u.subnet === map) ? plan.subnetMap(map) : null;
    // as JSON text: a string crosses to the page in one copy, where a 3 MB object graph
    // would be rebuilt field by field on the page's thread
    return { report: JSON.stringify(report), subnetMap };
  }),
  carveText: ({ text, file, previous }) => ({ text: Plan.carveText(text, file, previous) }),
  export: ({ text, file, format, previous }) => withPlan(text, file, (plan) => ({ text: plan.export(format, previous), errors: plan.check(previous).summary.errors })),
  importFrom: ({ source, files }) => {
    const plan = Plan.importFrom(source, files.map(({ bytes, file }) => ({ text: Plan.decodeText(bytes, file), file })));
    try {
      return { text: plan.toYaml(), notes: plan.importNotes };
    } finally {
      plan.free();
    }
  },
};

self.onmessage = async ({ data }) => {
  try {
    await ready;
    self.postMessage({ id: data.id, ok: OPS[data.op](data) });
  } catch (e) {
    self.postMessage({ id: data.id, error: plainError(e) });
  }
};
