// Drawing helpers every view shares: cells, rows, counts, messages, downloads. Formatting
// only; every figure comes from the core.

export const $ = (id) => document.getElementById(id);

export function showError(id, message) {
  const el = $(id);
  if (el) el.textContent = message || "";
}
export function markInvalid(input, bad) {
  if (input) input.setAttribute("aria-invalid", bad ? "true" : "false");
}
export function errText(e) {
  return e && e.message ? e.message : String(e);
}
export function cell(text, cls, title) {
  const td = document.createElement("td");
  td.textContent = text ?? "";
  if (cls) td.className = cls;
  if (title) td.title = title;
  return td;
}
export function row(cells) {
  const tr = document.createElement("tr");
  cells.forEach((c) => tr.appendChild(c instanceof Node ? c : cell(c)));
  return tr;
}
export function fill(tableId, rows) {
  const body = $(tableId).querySelector("tbody");
  body.replaceChildren(...rows);
}
const numberFormat = new Intl.NumberFormat("en-US");
// Counts arrive exact: a Number up to 2^53, past that a decimal string (BigInt keeps it exact).
export function fmt(n) {
  if (typeof n === "number") return numberFormat.format(n);
  if (typeof n === "string" && /^\d+$/.test(n)) return numberFormat.format(BigInt(n));
  return String(n ?? "");
}

// A count that may be 25 digits long (IPv6): grouped, and allowed to wrap only between
// groups (<wbr> copies as nothing, so the number pastes whole).
export function countText(n) {
  return breakAfter(fmt(n), ",");
}
// Text that may wrap only after `sep` (an IPv6 address after its colons), pasting whole.
export function breakAfter(text, sep) {
  const frag = document.createDocumentFragment();
  text.split(sep).forEach((part, i, all) => {
    frag.append(part + (i < all.length - 1 ? sep : ""));
    if (i < all.length - 1) frag.appendChild(document.createElement("wbr"));
  });
  return frag;
}

export function download(name, type, text) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
export function toCsv(rows) {
  if (!rows.length) return "";
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const esc = (v) => {
    const t = typeof v === "object" && v !== null ? JSON.stringify(v) : String(v ?? "");
    return /[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  };
  return [cols.join(","), ...rows.map((r) => cols.map((c) => esc(r[c])).join(","))].join("\n") + "\n";
}
export async function copyText(text, button) {
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = "Copied";
  } catch {
    button.textContent = "Select and copy";
  }
  setTimeout(() => (button.textContent = button.dataset.label), 1500);
}

