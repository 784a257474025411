//! The WebAssembly face of profiles and inspection (`cidrplan::profile`).

use crate::*;

/// Everything about a prefix under a profile (standard, aws, azure, azure-older-faq, gcp, oci).
#[wasm_bindgen(unchecked_return_type = "PrefixInfo")]
pub fn inspect(prefix: &str, profile: Option<String>) -> JsResult<JsValue> {
    let p = parse(profile.as_deref().unwrap_or("standard"))?;
    to_js(&cidrplan::inspect(&net(prefix)?, p).js()?)
}

/// Usable host addresses under a profile (a number, or a decimal string past 2^53).
#[wasm_bindgen(unchecked_return_type = "number | string", js_name = usableHosts)]
pub fn usable_hosts(prefix: &str, profile: Option<String>) -> JsResult<JsValue> {
    Ok(count(cidrplan::usable_hosts(&net(prefix)?, parse(profile.as_deref().unwrap_or("standard"))?).js()?))
}
