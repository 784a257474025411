//! The WebAssembly face of sets of prefixes (`cidrplan::set`).

use crate::*;

#[wasm_bindgen]
pub fn collapse(prefixes: Vec<String>) -> JsResult<Vec<String>> {
    Ok(strs(&cidrplan::collapse(&nets(&prefixes)?).js()?))
}

#[wasm_bindgen]
pub fn exclude(prefix: &str, remove: Vec<String>) -> JsResult<Vec<String>> {
    Ok(strs(&cidrplan::exclude(&net(prefix)?, &nets(&remove)?).js()?))
}

#[wasm_bindgen(js_name = rangeToCidrs)]
pub fn range_to_cidrs(first: &str, last: &str) -> JsResult<Vec<String>> {
    let (a, b) = (cidrplan::parse_address(first).js()?, cidrplan::parse_address(last).js()?);
    Ok(strs(&cidrplan::range_to_cidrs(a, b).js()?))
}

#[wasm_bindgen(js_name = spanningCidr)]
pub fn spanning_cidr(prefixes: Vec<String>) -> JsResult<String> {
    Ok(cidrplan::spanning_cidr(&nets(&prefixes)?).js()?.to_string())
}

/// Set algebra: operation is union, intersection, difference, symmetric_difference,
/// complement_v4 or complement_v6 (of `a`).
#[wasm_bindgen(js_name = setOperation)]
pub fn set_operation(a: Vec<String>, b: Vec<String>, operation: &str) -> JsResult<Vec<String>> {
    let (x, y) = (cidrplan::PrefixSet::from_prefixes(nets(&a)?), cidrplan::PrefixSet::from_prefixes(nets(&b)?));
    let r = match operation {
        "union" => x.union(&y),
        "intersection" => x.intersection(&y),
        "difference" => x.difference(&y),
        "symmetric_difference" => x.symmetric_difference(&y),
        "complement_v4" => x.complement(cidrplan::Family::V4),
        "complement_v6" => x.complement(cidrplan::Family::V6),
        other => return Err(arg_err("operation", format!("{other:?} is not one of union, intersection, difference, symmetric_difference, complement_v4, complement_v6"))),
    };
    Ok(strs(&r.prefixes()))
}

/// True when every address of `inner` is in `outer` (both prefixes; families may differ: false).
#[wasm_bindgen]
pub fn contains(outer: &str, inner: &str) -> JsResult<bool> {
    Ok(net(outer)?.contains(&net(inner)?))
}
