//! The WebAssembly face of stepping through the address space (`cidrplan::neighbor`).

use crate::*;

/// The address after `address`; the last address of its family is an error.
#[wasm_bindgen(js_name = nextAddress)]
pub fn next_address(address: &str) -> JsResult<String> {
    Ok(cidrplan::next_address(cidrplan::parse_address(address).js()?).js()?.to_string())
}

/// The address before `address`; the first address of its family is an error.
#[wasm_bindgen(js_name = previousAddress)]
pub fn previous_address(address: &str) -> JsResult<String> {
    Ok(cidrplan::previous_address(cidrplan::parse_address(address).js()?).js()?.to_string())
}

/// The block of length `new_prefix` (default: the prefix's own) after the one holding the
/// prefix's last address, as go-cidr's `NextSubnet`.
#[wasm_bindgen(js_name = nextPrefix)]
pub fn next_prefix(prefix: &str, new_prefix: Option<f64>) -> JsResult<String> {
    let n = net(prefix)?;
    let len = new_prefix.map(|v| u8_arg(v, "new_prefix")).transpose()?.unwrap_or(n.prefix_len());
    Ok(cidrplan::next_prefix(&n, len).js()?.to_string())
}

/// The block of length `new_prefix` (default: the prefix's own) just before the prefix,
/// as go-cidr's `PreviousSubnet`.
#[wasm_bindgen(js_name = previousPrefix)]
pub fn previous_prefix(prefix: &str, new_prefix: Option<f64>) -> JsResult<String> {
    let n = net(prefix)?;
    let len = new_prefix.map(|v| u8_arg(v, "new_prefix")).transpose()?.unwrap_or(n.prefix_len());
    Ok(cidrplan::previous_prefix(&n, len).js()?.to_string())
}
