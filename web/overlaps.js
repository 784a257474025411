// The overlap checker: named ranges, one per line, checked by the core for overlaps and
// for special-purpose and AKS-forbidden space.

import { cp } from "./builds.js";
import { $, cell, errText, fill, markInvalid, row, showError } from "./dom.js";
import { bindInput, hooks, page, state } from "./state.js";

// Lines are read by the core: every good line is checked, every bad one reported.
function parseNamed(text) {
  return cp.parseNamedPrefixes(text);
}

export function render() {
  const o = state.overlaps;
  const input = $("overlap-input");
  if (o.text === null) o.text = input.value;
  try {
    const { prefixes: named, errors } = parseNamed(o.text);
    markInvalid(input, errors.length > 0);
    // one item per bad line: a list, not one run-on paragraph
    const list = document.createElement("ul");
    list.replaceChildren(...errors.map((e) => Object.assign(document.createElement("li"), { textContent: `line ${e.line}: ${e.message}` })));
    $("overlap-error").replaceChildren(...(errors.length ? [list] : []));
    const overlaps = cp.findOverlaps(named);
    fill("overlap-table", overlaps.map((x) => row([x.a, cell(x.a_prefix, "mono"), x.relation === "equal" ? "is the same range as" : "contains", x.b, cell(x.b_prefix, "mono")])));
    // RFC 1918, unique-local and CG-NAT space are where private networks belong: not findings
    const sets = [o.iana && "iana-not-for-private-networks", o.aks && "aks-forbidden"].filter(Boolean);
    const hits = sets.length ? cp.checkReserved(named, sets, null) : [];
    fill("reserved-table", hits.map((h) => row([h.name, cell(h.prefix, "mono"), `${h.entry} ${h.entry_prefix}`, h.set, h.inside ? "inside" : "partly"])));
    if (overlaps.length === 0) fill("overlap-table", [row(["No overlaps", "", "", "", ""])]);
    page.lastExport = { name: "overlaps", rows: overlaps, json: { prefixes: named, overlaps, reserved: hits, errors } };
  } catch (e) {
    markInvalid(input, true);
    showError("overlap-error", errText(e));
    fill("overlap-table", []);
    fill("reserved-table", []);
  }
}

export function sync() {
  const o = state.overlaps;
  if (o.text !== null) $("overlap-input").value = o.text;
  $("check-iana").checked = !!o.iana;
  $("check-aks").checked = !!o.aks;
}

export function wire() {
  bindInput("overlap-input", "overlaps", "text");
  $("check-iana").addEventListener("change", () => { state.overlaps.iana = $("check-iana").checked; hooks.update(); });
  $("check-aks").addEventListener("change", () => { state.overlaps.aks = $("check-aks").checked; hooks.update(); });
}
