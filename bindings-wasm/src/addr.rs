//! The WebAssembly face of addresses in bits (`cidrplan::network_bits`, core module `addr`).

use crate::*;

/// The network address of a prefix in bits: IPv4 as four 8-bit octets joined by ".",
/// IPv6 as eight 16-bit groups joined by ":"; the first prefix-length digits are the
/// network bits.
#[wasm_bindgen(js_name = networkBits)]
pub fn network_bits(prefix: &str) -> JsResult<String> {
    Ok(cidrplan::network_bits(&net(prefix)?))
}
