//! The WebAssembly face of splitting and carving (`cidrplan::carve`).

use crate::*;

/// Subnets of `new_prefix`, refusing more than `limit` (default 1,048,576).
#[wasm_bindgen]
pub fn split(prefix: &str, new_prefix: f64, limit: Option<f64>) -> JsResult<Vec<String>> {
    let limit = limit.map_or(Ok(cidrplan::DEFAULT_MATERIALIZE_LIMIT), |l| u64_arg(l, "limit"))?;
    Ok(strs(&cidrplan::split_to_vec(&net(prefix)?, u8_arg(new_prefix, "new_prefix")?, limit).js()?))
}

/// Number of subnets a split would give, as a decimal string (it can exceed 2^53).
#[wasm_bindgen(js_name = splitCount)]
pub fn split_count(prefix: &str, new_prefix: f64) -> JsResult<String> {
    let new_prefix = u8_arg(new_prefix, "new_prefix")?;
    let parent = net(prefix)?;
    Ok(cidrplan::split(&parent, new_prefix).js()?.total_decimal())
}

#[wasm_bindgen]
pub fn supernet(prefix: &str, new_prefix: f64) -> JsResult<String> {
    Ok(cidrplan::supernet(&net(prefix)?, u8_arg(new_prefix, "new_prefix")?).js()?.to_string())
}

/// The next nibble boundary below a prefix (IPv6 plans split /48 -> /52 -> /56 ...).
#[wasm_bindgen(js_name = nextNibble)]
pub fn next_nibble(prefix: &str) -> JsResult<u8> {
    Ok(cidrplan::next_nibble(&net(prefix)?))
}

/// The leaves of `base` after splitting every prefix in `splits` in two, in address order,
/// each with its depth, parent, halves, nibble split and `inspect` details under `profile`.
#[wasm_bindgen(unchecked_return_type = "TreeRow[]", js_name = splitTree)]
pub fn split_tree(
    base: &str,
    #[wasm_bindgen(unchecked_param_type = "string[]")] splits: JsValue,
    profile: Option<String>,
) -> JsResult<JsValue> {
    let splits: Vec<String> = from_js(&splits, "splits")?;
    let splits = splits.iter().map(|p| net(p)).collect::<JsResult<Vec<_>>>()?;
    let profile = parse(profile.as_deref().unwrap_or("standard"))?;
    to_js(&cidrplan::split_tree(&net(base)?, &splits, profile).js()?)
}

/// The leaves of `split_tree` without their rows: after one Split or Join the page lays
/// the tree out from these and asks `tree_row` only for the rows it has not drawn yet.
#[wasm_bindgen(js_name = splitLeaves)]
pub fn split_leaves(
    base: &str,
    #[wasm_bindgen(unchecked_param_type = "string[]")] splits: JsValue,
) -> JsResult<Vec<String>> {
    let splits: Vec<String> = from_js(&splits, "splits")?;
    let splits = splits.iter().map(|p| net(p)).collect::<JsResult<Vec<_>>>()?;
    Ok(strs(&cidrplan::split_leaves(&net(base)?, &splits).js()?))
}

/// The row of `prefix` in the split/join tree of `base`: one row of `split_tree`.
#[wasm_bindgen(unchecked_return_type = "TreeRow", js_name = treeRow)]
pub fn tree_row(base: &str, prefix: &str, profile: Option<String>) -> JsResult<JsValue> {
    let profile = parse(profile.as_deref().unwrap_or("standard"))?;
    to_js(&cidrplan::tree_row(&net(base)?, &net(prefix)?, profile).js()?)
}

#[wasm_bindgen]
pub fn cidrsubnets(prefix: &str, newbits: Vec<f64>) -> JsResult<Vec<String>> {
    let newbits = newbits.into_iter().map(|b| u8_arg(b, "newbits")).collect::<JsResult<Vec<u8>>>()?;
    Ok(strs(&cidrplan::cidrsubnets(&lenient(prefix)?, &newbits).js()?))
}

/// Terraform cidrsubnet; netnum is a Number, a BigInt or a decimal string.
#[wasm_bindgen]
pub fn cidrsubnet(
    prefix: &str,
    newbits: f64,
    #[wasm_bindgen(unchecked_param_type = "number | bigint | string")] netnum: JsValue,
) -> JsResult<String> {
    let netnum: u128 = wide(&netnum, "netnum", "0..=2^128 - 1")?;
    Ok(cidrplan::cidrsubnet(&lenient(prefix)?, u8_arg(newbits, "newbits")?, netnum).js()?.to_string())
}

/// Terraform cidrhost; hostnum is a Number, a BigInt or a decimal string (negative counts from the end).
#[wasm_bindgen]
pub fn cidrhost(
    prefix: &str,
    #[wasm_bindgen(unchecked_param_type = "number | bigint | string")] hostnum: JsValue,
) -> JsResult<String> {
    let hostnum: i128 = wide(&hostnum, "hostnum", "-2^127..=2^127 - 1")?;
    Ok(cidrplan::cidrhost(&lenient(prefix)?, hostnum).js()?.to_string())
}

/// The splits that divide `prefix` into /`new_prefix` subnets in one step, for a split/join
/// tree's `splits` (more than the tree's row limit is refused).
#[wasm_bindgen(js_name = splitsTo)]
pub fn splits_to(prefix: &str, new_prefix: f64) -> JsResult<Vec<String>> {
    Ok(strs(&cidrplan::splits_to(&net(prefix)?, u8_arg(new_prefix, "new_prefix")?).js()?))
}

/// Terraform cidrnetmask: the netmask of an IPv4 prefix (an IPv6 prefix is an error).
#[wasm_bindgen]
pub fn cidrnetmask(prefix: &str) -> JsResult<String> {
    Ok(cidrplan::cidrnetmask(&lenient(prefix)?).js()?.to_string())
}

/// hashicorp/subnets/cidr: slots are [{name: string|null, new_bits: number}].
#[wasm_bindgen(unchecked_return_type = "CarveReport", js_name = namedSubnets)]
pub fn named_subnets(
    prefix: &str,
    #[wasm_bindgen(unchecked_param_type = "(NamedSlot | CamelCase<NamedSlot>)[]")] slots: JsValue,
) -> JsResult<JsValue> {
    let slots: Vec<cidrplan::NamedSlot> = from_js(&slots, "slots")?;
    to_js(&cidrplan::named_subnets(&lenient(prefix)?, &slots).js()?)
}

/// Largest-first VLSM: requests are [{name, size: {hosts: n} | {prefix_len: n}}].
#[wasm_bindgen(unchecked_return_type = "CarveReport")]
pub fn vlsm(
    prefix: &str,
    #[wasm_bindgen(unchecked_param_type = "(VlsmRequest | CamelCase<VlsmRequest>)[]")] requests: JsValue,
    profile: Option<String>,
) -> JsResult<JsValue> {
    let reqs: Vec<cidrplan::VlsmRequest> = from_js(&requests, "requests")?;
    to_js(&cidrplan::vlsm(&net(prefix)?, &reqs, parse(profile.as_deref().unwrap_or("standard"))?).js()?)
}

/// The VLSM text users type ("web:500, app:200, db:/26") as requests for `vlsm`.
#[wasm_bindgen(unchecked_return_type = "VlsmRequest[]", js_name = parseVlsmRequests)]
pub fn parse_vlsm_requests(text: &str) -> JsResult<JsValue> {
    to_js(&cidrplan::VlsmRequest::parse_list(text).js()?)
}

/// Terraform `locals` block for named prefixes [{name, prefix}].
#[wasm_bindgen(js_name = terraformLocals)]
pub fn terraform_locals(
    #[wasm_bindgen(unchecked_param_type = "NamedPrefix[]")] named: JsValue,
    map_name: Option<String>,
) -> JsResult<String> {
    Ok(cidrplan::terraform_locals_map(map_name.as_deref().unwrap_or("subnets"), &crate::overlap::named_list(&named)?))
}
