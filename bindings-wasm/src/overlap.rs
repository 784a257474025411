//! The WebAssembly face of overlap reports (`cidrplan::overlap`).

use crate::*;

/// Every overlapping pair among [{name, prefix}].
#[wasm_bindgen(unchecked_return_type = "Overlap[]", js_name = findOverlaps)]
pub fn find_overlaps(#[wasm_bindgen(unchecked_param_type = "NamedPrefix[]")] named: JsValue) -> JsResult<JsValue> {
    let named = named_list(&named)?;
    to_js(&cidrplan::find_overlaps(&named).js()?)
}

pub(crate) fn named_list(v: &JsValue) -> JsResult<Vec<cidrplan::NamedPrefix>> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Item {
        name: String,
        prefix: String,
    }
    let items: Vec<Item> = from_js(v, "named prefixes ([{name, prefix}])")?;
    items.into_iter().map(|i| Ok(cidrplan::NamedPrefix::new(i.name, net(&i.prefix)?))).collect()
}

/// Named-prefix lines ("name prefix" per line, # comments): the prefixes read and one
/// error per bad line (the other lines are kept).
#[wasm_bindgen(unchecked_return_type = "NamedLines", js_name = parseNamedPrefixes)]
pub fn parse_named_prefixes(text: &str) -> JsResult<JsValue> {
    to_js(&cidrplan::parse_named_lines(text))
}
