//! The WebAssembly face of reverse DNS names and the exploded form (`cidrplan::reverse`).

use crate::*;

/// The PTR name of an address (`5.2.0.192.in-addr.arpa`), as Python's `reverse_pointer`.
#[wasm_bindgen(js_name = reversePointer)]
pub fn reverse_pointer(address: &str) -> JsResult<String> {
    Ok(cidrplan::reverse_pointer(cidrplan::parse_address(address).js()?))
}

/// The reverse DNS zones that hold exactly a prefix, in address order (RFC 2317's
/// classless name for an IPv4 prefix longer than /24).
#[wasm_bindgen(js_name = reverseZones)]
pub fn reverse_zones(prefix: &str) -> JsResult<Vec<String>> {
    cidrplan::reverse_zones(&net(prefix)?).js()
}

/// An address in full (IPv6 with every group of four hex digits), as Python's `exploded`.
#[wasm_bindgen]
pub fn exploded(address: &str) -> JsResult<String> {
    Ok(cidrplan::exploded(cidrplan::parse_address(address).js()?))
}
