//! The WebAssembly face of reserved sets (`cidrplan::reserved`).

use crate::*;

/// Hits on reserved sets: names among iana-special-purpose, aks-forbidden; `custom` is [{name, prefix}].
#[wasm_bindgen(unchecked_return_type = "ReservedHit[]", js_name = checkReserved)]
pub fn check_reserved(
    #[wasm_bindgen(unchecked_param_type = "NamedPrefix[]")] named: JsValue,
    sets: Vec<String>,
    #[wasm_bindgen(unchecked_optional_param_type = "NamedPrefix[]")] custom: Option<JsValue>,
) -> JsResult<JsValue> {
    let mut all = sets.iter().map(|s| cidrplan::ReservedSet::by_name(s)).collect::<cidrplan::Result<Vec<_>>>().js()?;
    if let Some(custom) = custom.filter(|c| !c.is_undefined() && !c.is_null()) {
        all.push(cidrplan::ReservedSet::custom("custom", crate::overlap::named_list(&custom)?));
    }
    to_js(&cidrplan::check_reserved(&crate::overlap::named_list(&named)?, &all).js()?)
}
