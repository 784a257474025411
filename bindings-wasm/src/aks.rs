//! The WebAssembly face of Azure AKS (`cidrplan::aks`).

use crate::*;
use cidrplan::aks;

/// AKS inputs shared by the node/pod functions; surge: a node count ("1") or a percentage ("10%").
#[derive(serde::Deserialize, tsify::Tsify)]
#[serde(deny_unknown_fields)]
struct AksArgs {
    #[tsify(optional)]
    nodes: Option<u64>,
    #[tsify(optional)]
    max_pods: Option<u32>,
    #[tsify(optional)]
    surge: Option<String>,
    #[tsify(type = "AksMode")]
    mode: String,
}

fn aks_args(v: &JsValue) -> JsResult<(aks::Mode, Option<u64>, u32, aks::Surge)> {
    let a: AksArgs = from_js(v, "AKS arguments")?;
    let mode: aks::Mode = parse(&a.mode)?;
    let surge = match a.surge {
        Some(s) => parse(&s)?,
        None => aks::Surge::default(),
    };
    Ok((mode, a.nodes, a.max_pods.unwrap_or(mode.default_max_pods()), surge))
}

/// The node count the sizing functions need.
fn nodes(n: Option<u64>) -> JsResult<u64> {
    n.ok_or_else(|| arg_err("nodes", "missing: give the number of nodes of the pool"))
}

#[wasm_bindgen(js_namespace = aks, js_name = requiredNodeSubnetIps)]
pub fn aks_required_node_subnet_ips(
    #[wasm_bindgen(unchecked_param_type = "AksArgs | CamelCase<AksArgs>")] args: JsValue,
) -> JsResult<f64> {
    let (m, n, p, s) = aks_args(&args)?;
    let n = nodes(n)?;
    Ok(aks::required_node_subnet_ips(m, n, p, s).js()? as f64)
}

#[wasm_bindgen(js_namespace = aks, js_name = minNodeSubnetPrefix)]
pub fn aks_min_node_subnet_prefix(
    #[wasm_bindgen(unchecked_param_type = "AksArgs | CamelCase<AksArgs>")] args: JsValue,
) -> JsResult<u8> {
    let (m, n, p, s) = aks_args(&args)?;
    let n = nodes(n)?;
    aks::min_node_subnet_prefix(m, n, p, s).js()
}

#[wasm_bindgen(unchecked_return_type = "NodeCapacity", js_namespace = aks, js_name = maxNodes)]
pub fn aks_max_nodes(
    subnet: &str,
    #[wasm_bindgen(unchecked_param_type = "AksArgs | CamelCase<AksArgs>")] args: JsValue,
) -> JsResult<JsValue> {
    let (m, _, p, s) = aks_args(&args)?;
    to_js(&aks::max_nodes(&net(subnet)?, m, p, s).js()?)
}

#[wasm_bindgen(unchecked_return_type = "PodAddressNeed", js_namespace = aks, js_name = podAddressNeed)]
pub fn aks_pod_address_need(
    #[wasm_bindgen(unchecked_param_type = "AksArgs | CamelCase<AksArgs>")] args: JsValue,
) -> JsResult<JsValue> {
    let (m, n, p, s) = aks_args(&args)?;
    let n = nodes(n)?;
    to_js(&aks::pod_address_need(m, n, p, s).js()?)
}

#[wasm_bindgen(js_namespace = aks, js_name = maxNodesForPodRange)]
pub fn aks_max_nodes_for_pod_range(
    range: &str,
    #[wasm_bindgen(unchecked_param_type = "AksArgs | CamelCase<AksArgs>")] args: JsValue,
) -> JsResult<f64> {
    let (m, _, p, _) = aks_args(&args)?;
    Ok(aks::max_nodes_for_pod_range(&net(range)?, m, p).js()? as f64)
}

/// Every rule an AKS cluster configuration breaks.
#[wasm_bindgen(unchecked_return_type = "AksIssue[]", js_namespace = aks, js_name = validate)]
pub fn aks_validate(
    #[wasm_bindgen(unchecked_param_type = "AksCluster | CamelCase<AksCluster>")] cluster: JsValue,
) -> JsResult<JsValue> {
    let c: aks::Cluster = from_js(&cluster, "AKS cluster")?;
    to_js(&aks::validate(&c))
}
