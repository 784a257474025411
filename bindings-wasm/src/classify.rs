//! The WebAssembly face of the IANA registries (`cidrplan::classify`).

use crate::*;

#[wasm_bindgen(unchecked_return_type = "Classification")]
pub fn classify(prefix: &str) -> JsResult<JsValue> {
    to_js(&cidrplan::classify(&net(prefix)?).js()?)
}
