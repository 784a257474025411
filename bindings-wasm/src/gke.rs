//! The WebAssembly face of Google GKE (`cidrplan::gke`).

use crate::*;
use cidrplan::gke;

#[wasm_bindgen(js_namespace = gke, js_name = maxNodesForPrimary)]
pub fn gke_max_nodes_for_primary(prefix_len: f64) -> JsResult<f64> {
    Ok(gke::max_nodes_for_primary(u8_arg(prefix_len, "prefix_len")?).js()? as f64)
}

#[wasm_bindgen(js_namespace = gke, js_name = primaryPrefixFor)]
pub fn gke_primary_prefix_for(nodes: f64) -> JsResult<u8> {
    gke::primary_prefix_for(u64_arg(nodes, "nodes")?).js()
}

#[wasm_bindgen(js_namespace = gke, js_name = podRangePrefix)]
pub fn gke_pod_range_prefix(max_pods: f64, overprovisioning: Option<bool>) -> JsResult<u8> {
    gke::pod_range_prefix(u32_arg(max_pods, "max_pods")?, overprovisioning.unwrap_or(true)).js()
}

#[wasm_bindgen(js_namespace = gke, js_name = nodesForPodRange)]
pub fn gke_nodes_for_pod_range(pod_prefix: f64, max_pods: f64, overprovisioning: Option<bool>) -> JsResult<f64> {
    let (p, m) = (u8_arg(pod_prefix, "pod_prefix")?, u32_arg(max_pods, "max_pods")?);
    Ok(gke::nodes_for_pod_range_with(p, m, overprovisioning.unwrap_or(true)).js()? as f64)
}

#[wasm_bindgen(js_namespace = gke, js_name = maxNodes)]
pub fn gke_max_nodes(node_prefix: f64, pod_prefix: f64, max_pods: f64) -> JsResult<f64> {
    let (n, p, m) =
        (u8_arg(node_prefix, "node_prefix")?, u8_arg(pod_prefix, "pod_prefix")?, u32_arg(max_pods, "max_pods")?);
    Ok(gke::max_nodes(&gke::NodeAndPodRanges { node_prefix: n, pod_prefix: p, max_pods: m }).js()? as f64)
}

#[wasm_bindgen(js_namespace = gke, js_name = servicesForRange)]
pub fn gke_services_for_range(prefix_len: f64) -> JsResult<f64> {
    Ok(gke::services_for_range(u8_arg(prefix_len, "prefix_len")?).js()? as f64)
}

#[wasm_bindgen(js_namespace = gke, js_name = routeBasedMaxNodes)]
pub fn gke_route_based_max_nodes(prefix_len: f64) -> JsResult<f64> {
    Ok(gke::route_based_max_nodes(u8_arg(prefix_len, "prefix_len")?).js()? as f64)
}

/// shape: {node_prefix, pod_ranges: [{prefix_len, max_pods, node_pools}], zones, regional, psc_without_private_endpoint_subnet}.
#[wasm_bindgen(unchecked_return_type = "ClusterNodes", js_namespace = gke, js_name = clusterMaxNodes)]
pub fn gke_cluster_max_nodes(
    #[wasm_bindgen(unchecked_param_type = "ClusterShape | CamelCase<ClusterShape>")] shape: JsValue,
) -> JsResult<JsValue> {
    let s: gke::ClusterShape = from_js(&shape, "GKE cluster shape")?;
    to_js(&gke::cluster_max_nodes(&s).js()?)
}

/// GKE's shared default services range for a cluster kind ("standard", "autopilot") and
/// version, or undefined where GKE carves one from the subnet.
#[wasm_bindgen(js_namespace = gke, js_name = defaultServicesRange)]
pub fn gke_default_services_range(kind: &str, major: f64, minor: f64) -> JsResult<Option<String>> {
    let kind: gke::ClusterKind = from_js(&JsValue::from_str(kind), "kind")?;
    let version = (u32_arg(major, "major")?, u32_arg(minor, "minor")?);
    Ok(gke::default_services_range(kind, version).map(|n| n.to_string()))
}
