//! The WebAssembly face of parsing (`cidrplan::parse`).

use crate::*;

/// Parse a prefix; strict (host bits set is an error) unless `strict` is false, as in Python.
#[wasm_bindgen(js_name = parsePrefix)]
pub fn parse_prefix(text: &str, strict: Option<bool>) -> JsResult<String> {
    Ok(if strict.unwrap_or(true) { net(text)? } else { lenient(text)? }.to_string())
}

/// Parse an address (leading zeros in IPv4 octets are rejected).
#[wasm_bindgen(js_name = parseAddress)]
pub fn parse_address(text: &str) -> JsResult<String> {
    Ok(cidrplan::parse_address(text).js()?.to_string())
}

/// The prefix length of a prefix.
#[wasm_bindgen(js_name = prefixLen)]
pub fn prefix_len(prefix: &str) -> JsResult<u8> {
    Ok(net(prefix)?.prefix_len())
}

/// "v4" or "v6".
#[wasm_bindgen(unchecked_return_type = "\"v4\" | \"v6\"")]
pub fn family(prefix: &str) -> JsResult<String> {
    Ok(match cidrplan::Family::of(&net(prefix)?) {
        cidrplan::Family::V4 => "v4".into(),
        cidrplan::Family::V6 => "v6".into(),
    })
}

/// An IPv6 address with an optional zone id (`fe80::1%eth0`), as Python's `ipaddress`
/// reads it: `[address, zone]`, the zone null without one.
#[wasm_bindgen(js_name = parseScopedAddress, unchecked_return_type = "[string, string | null]")]
pub fn parse_scoped_address(text: &str) -> JsResult<JsValue> {
    let (a, zone) = cidrplan::parse_scoped_address(text).js()?;
    to_js(&(a.to_string(), zone))
}
