//! The WebAssembly face of allocation (`cidrplan::allocate`).

use crate::*;

#[wasm_bindgen(js_name = freeSpace)]
pub fn free_space(parent: &str, used: Vec<String>) -> JsResult<Vec<String>> {
    Ok(strs(&cidrplan::free_space(&net(parent)?, &nets(&used)?).js()?))
}

#[wasm_bindgen(unchecked_return_type = "number | string", js_name = freeAlignedBlocks)]
pub fn free_aligned_blocks(parent: &str, used: Vec<String>, prefix_len: f64) -> JsResult<JsValue> {
    Ok(count(cidrplan::free_aligned_blocks(&net(parent)?, &nets(&used)?, u8_arg(prefix_len, "prefix_len")?).js()?))
}

/// Allocate a batch: requests are [{name, prefix_len}]; strategy first_fit or best_fit.
#[wasm_bindgen(unchecked_return_type = "CarveReport")]
pub fn allocate(
    parent: &str,
    used: Vec<String>,
    #[wasm_bindgen(unchecked_param_type = "(AllocationRequest | CamelCase<AllocationRequest>)[]")] requests: JsValue,
    strategy: Option<String>,
) -> JsResult<JsValue> {
    let reqs: Vec<cidrplan::AllocationRequest> = from_js(&requests, "requests")?;
    let s = parse(strategy.as_deref().unwrap_or("first_fit"))?;
    to_js(&cidrplan::allocate(&net(parent)?, &nets(&used)?, &reqs, s).js()?)
}
