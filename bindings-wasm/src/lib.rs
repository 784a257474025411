//! WebAssembly face of cidrplan. Every export converts its arguments, calls the
//! core, and converts the result; structured values cross as JSON, errors become
//! real JS `Error` objects carrying core's message and a `kind` (and `rule`, and
//! `field`: the input the error is about).
//! Planning logic found here would be a bug.

use cidrplan::ipnet::IpNet;

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

pub(crate) type JsResult<T> = Result<T, JsValue>;

// The value types' declarations come from the Rust definitions (tsify, the core's feature
// `typescript`); here only what has no Rust type: JS-side aliases and the error's shape.
#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** An address count: a number while exact (up to 2^53 - 1), past that its exact decimal string. */
export type Count = number | string;
/** A CIDR prefix in canonical text, e.g. "10.0.0.0/16". */
export type Prefix = string;
/** A CIDR prefix in canonical text (the Rust type `ipnet::IpNet`). */
export type IpNet = Prefix;
/** An address in canonical text (the Rust type `std::net::IpAddr`). */
export type IpAddr = string;
/** One of cidrplan's own words: a rule id, an object kind, a change. */
export type Word = string;
/** `prefix_delegation` -> `prefixDelegation`. */
export type CamelKey<S extends string> = S extends `${infer H}_${infer T}` ? `${H}${Capitalize<CamelKey<T>>}` : S;
/** The same options with camelCase keys, as JavaScript writes them; every function reads
 * both spellings (a key given both ways is an error). */
export type CamelCase<T> = T extends readonly (infer U)[] ? CamelCase<U>[] : T extends object ? { [K in keyof T as CamelKey<K & string>]: CamelCase<T[K]> } : T;
/** Every error thrown by this package. */
export interface CidrplanError extends Error {
  name: "CidrplanError"; kind: string; rule?: string; field?: string; suggestions?: string[];
  /** Where in a plan the error is (a plan read from text or an object), with the entry's path. */
  file?: string; line?: number; column?: number; width?: number; path?: string;
}
"#;

/// The one place core errors become JS errors.
pub(crate) fn js_err(e: cidrplan::Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    err.set_name("CidrplanError");
    let _ = js_sys::Reflect::set(&err, &"kind".into(), &e.kind().into());
    if let Some(rule) = e.rule() {
        let _ = js_sys::Reflect::set(&err, &"rule".into(), &rule.into());
    }
    if let Some(field) = e.field() {
        let _ = js_sys::Reflect::set(&err, &"field".into(), &field.into());
    }
    if let Some(at) = e.location() {
        let _ = js_sys::Reflect::set(&err, &"file".into(), &at.file.as_str().into());
        let _ = js_sys::Reflect::set(&err, &"line".into(), &at.line.into());
        let _ = js_sys::Reflect::set(&err, &"column".into(), &at.column.into());
        let _ = js_sys::Reflect::set(&err, &"width".into(), &at.width.into());
        if let Some(path) = &at.path {
            let _ = js_sys::Reflect::set(&err, &"path".into(), &path.as_str().into());
        }
    }
    if !e.suggestions().is_empty() {
        let list: js_sys::Array = e.suggestions().iter().map(|s| JsValue::from_str(s)).collect();
        let _ = js_sys::Reflect::set(&err, &"suggestions".into(), &list);
    }
    err.into()
}

/// An error about the argument `what` (its `field`).
pub(crate) fn arg_err(what: &str, detail: impl std::fmt::Display) -> JsValue {
    js_err(cidrplan::Error::InvalidArgument(format!("{what}: {detail}")).about(what))
}

/// A result that could not be handed to JS (never seen: every result type serializes).
fn result_err(detail: impl std::fmt::Display) -> JsValue {
    js_err(cidrplan::Error::InvalidArgument(format!("result: {detail}")))
}

pub(crate) trait Js<T> {
    fn js(self) -> JsResult<T>;
}
impl<T> Js<T> for cidrplan::Result<T> {
    fn js(self) -> JsResult<T> {
        self.map_err(js_err)
    }
}

/// A Rust value to a plain JS value (through JSON). Integers a JS number cannot hold
/// exactly (past 2^53) become decimal strings rather than rounded floats.
pub(crate) fn to_js<T: Serialize>(value: &T) -> JsResult<JsValue> {
    let mut text = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut text, ExactNumbers::default());
    value.serialize(&mut ser).map_err(result_err)?;
    js_sys::JSON::parse(std::str::from_utf8(&text).map_err(result_err)?)
}

pub(crate) const MAX_SAFE_INTEGER: u128 = (1 << 53) - 1;

/// JSON numbers as a JS number holds them exactly, and larger integers as decimal strings:
/// written straight from the value in one pass (a 1,024-row tree in a few milliseconds).
#[derive(Default)]
struct ExactNumbers {
    // map keys are written inside a string already
    in_string: bool,
}

impl ExactNumbers {
    fn integer<W: ?Sized + std::io::Write>(&self, w: &mut W, text: &str, big: bool) -> std::io::Result<()> {
        if big && !self.in_string {
            write!(w, "\"{text}\"")
        } else {
            w.write_all(text.as_bytes())
        }
    }
}

impl serde_json::ser::Formatter for ExactNumbers {
    fn write_u64<W: ?Sized + std::io::Write>(&mut self, w: &mut W, v: u64) -> std::io::Result<()> {
        self.integer(w, &v.to_string(), u128::from(v) > MAX_SAFE_INTEGER)
    }
    fn write_i64<W: ?Sized + std::io::Write>(&mut self, w: &mut W, v: i64) -> std::io::Result<()> {
        self.integer(w, &v.to_string(), u128::from(v.unsigned_abs()) > MAX_SAFE_INTEGER)
    }
    fn write_u128<W: ?Sized + std::io::Write>(&mut self, w: &mut W, v: u128) -> std::io::Result<()> {
        self.integer(w, &v.to_string(), v > MAX_SAFE_INTEGER)
    }
    fn write_i128<W: ?Sized + std::io::Write>(&mut self, w: &mut W, v: i128) -> std::io::Result<()> {
        self.integer(w, &v.to_string(), v.unsigned_abs() > MAX_SAFE_INTEGER)
    }
    // a serde_json::Value's numbers (arbitrary precision) arrive as their text
    fn write_number_str<W: ?Sized + std::io::Write>(&mut self, w: &mut W, text: &str) -> std::io::Result<()> {
        let digits = text.strip_prefix('-').unwrap_or(text);
        let big = !digits.contains(['.', 'e', 'E']) && digits.parse::<u128>().map_or(true, |x| x > MAX_SAFE_INTEGER);
        self.integer(w, text, big)
    }
    fn begin_string<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.in_string = true;
        w.write_all(b"\"")
    }
    fn end_string<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.in_string = false;
        w.write_all(b"\"")
    }
}

/// An exact count as a JS BigInt.
// used by the cluster modules only (the page's first-screen build has none)
#[cfg_attr(not(feature = "clusters"), allow(dead_code))]
pub(crate) fn big(n: u128) -> js_sys::BigInt {
    js_sys::BigInt::from(n)
}

/// A plain JS options value to a Rust input type: keys in camelCase or snake_case
/// (field errors worded by the core).
pub(crate) fn from_js<T: DeserializeOwned>(value: &JsValue, what: &str) -> JsResult<T> {
    cidrplan::input::from_json_any_case(&js_json(value, what)?, what).js()
}

/// A JS value whose keys are the user's own names (`{name: prefix}` maps): read as written.
// used by the plan document only (the page's smaller builds have none)
#[cfg_attr(not(feature = "document"), allow(dead_code))]
pub(crate) fn from_js_exact<T: DeserializeOwned>(value: &JsValue, what: &str) -> JsResult<T> {
    cidrplan::input::from_json(&js_json(value, what)?, what).js()
}

fn js_json(value: &JsValue, what: &str) -> JsResult<String> {
    Ok(if value.is_undefined() || value.is_null() {
        "{}".into()
    } else {
        js_sys::JSON::stringify(value).map_err(|_| arg_err(what, "not JSON-serializable"))?.into()
    })
}

// ------------------------------------------------------------------ numbers: the one place a JS number
// becomes a Rust integer. A number that is not a whole number within the argument's range (a fraction,
// NaN, a negative count, anything past 2^53 where JS numbers stop being exact) is refused before any
// conversion, never truncated.

pub(crate) const JS_MAX_SAFE: f64 = 9_007_199_254_740_991.0;

pub(crate) fn int<T: TryFrom<i64> + std::fmt::Display>(v: f64, name: &str, lo: &str, hi: &str) -> JsResult<T> {
    if !v.is_finite() || v.fract() != 0.0 {
        return Err(arg_err(name, format!("{v} is not a whole number; give one from {lo} to {hi}")));
    }
    if v.abs() > JS_MAX_SAFE {
        return Err(arg_err(
            name,
            format!("{v} is past 2^53, where JavaScript numbers stop being exact; give one from {lo} to {hi}"),
        ));
    }
    T::try_from(v as i64)
        .map_err(|_| js_err(cidrplan::Error::InvalidArgument(format!("{name}={v} is outside {lo}..={hi}")).about(name)))
}
pub(crate) fn u8_arg(v: f64, name: &str) -> JsResult<u8> {
    int(v, name, "0", "255")
}
// used by the cluster modules only (the page's first-screen build has none)
#[cfg_attr(not(feature = "clusters"), allow(dead_code))]
pub(crate) fn u32_arg(v: f64, name: &str) -> JsResult<u32> {
    int(v, name, "0", "4294967295")
}
pub(crate) fn u64_arg(v: f64, name: &str) -> JsResult<u64> {
    int(v, name, "0", "9007199254740991")
}
// used by the cluster modules only (the page's first-screen build has none)
#[cfg_attr(not(feature = "clusters"), allow(dead_code))]
pub(crate) fn opt_u8(v: Option<f64>, name: &str) -> JsResult<Option<u8>> {
    v.map(|x| u8_arg(x, name)).transpose()
}

/// A whole number that may pass 2^53: a safe-integer Number, a BigInt or a decimal string.
pub(crate) fn wide<T: std::str::FromStr>(v: &JsValue, name: &str, range: &str) -> JsResult<T> {
    let text = if let Some(n) = v.as_f64() {
        int::<i64>(n, name, range, "")?.to_string()
    } else if v.is_bigint() {
        String::from(js_sys::BigInt::from(v.clone()).to_string(10).map_err(|_| arg_err(name, "unreadable BigInt"))?)
    } else if let Some(s) = v.as_string() {
        s.trim().to_string()
    } else {
        return Err(arg_err(name, format!("give a whole number ({range}) as a Number, BigInt or decimal string")));
    };
    text.parse::<T>()
        .map_err(|_| js_err(cidrplan::Error::InvalidArgument(format!("{name}={text} is outside {range}")).about(name)))
}

/// A count for JS: a Number when exact, else its decimal string.
pub(crate) fn count(n: u128) -> JsValue {
    if n <= JS_MAX_SAFE as u128 {
        JsValue::from_f64(n as f64)
    } else {
        JsValue::from_str(&n.to_string())
    }
}

pub(crate) fn net(s: &str) -> JsResult<IpNet> {
    cidrplan::parse_prefix(s).js()
}
pub(crate) fn lenient(s: &str) -> JsResult<IpNet> {
    cidrplan::parse_prefix_lenient(s).js()
}
pub(crate) fn nets(v: &[String]) -> JsResult<Vec<IpNet>> {
    v.iter().map(|s| net(s)).collect()
}
pub(crate) fn strs(v: &[IpNet]) -> Vec<String> {
    v.iter().map(|n| n.to_string()).collect()
}
pub(crate) fn parse<T: std::str::FromStr<Err = cidrplan::Error>>(s: &str) -> JsResult<T> {
    s.parse().js()
}

mod addr;
#[cfg(feature = "library")]
mod addresses;
#[cfg(feature = "clusters")]
mod aks;
mod allocate;
mod carve;
mod classify;
#[cfg(feature = "document")]
mod document;
#[cfg(feature = "clusters")]
mod eks;
#[cfg(feature = "clusters")]
mod gke;
#[cfg(feature = "clusters")]
mod k8s;
#[cfg(feature = "library")]
mod lookup;
#[cfg(feature = "library")]
mod neighbor;
mod overlap;
mod parse;
#[cfg(feature = "clusters")]
mod plan;
mod profile;
mod reserved;
#[cfg(feature = "library")]
mod reverse;
mod set;

/// Library version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
