//! The WebAssembly face of plain Kubernetes (`cidrplan::k8s`).

use crate::*;
use cidrplan::k8s;

/// Nodes the range allocator serves (a BigInt); node_mask defaults by family, rule is
/// "controller" (kube-controller-manager, the default) or "kubeadm".
#[wasm_bindgen(js_namespace = k8s, js_name = rangeAllocatorNodes)]
pub fn k8s_range_allocator_nodes(
    cluster_cidr: &str,
    node_mask: Option<f64>,
    rule: Option<String>,
) -> JsResult<js_sys::BigInt> {
    let rule = parse(rule.as_deref().unwrap_or("controller"))?;
    Ok(big(k8s::range_allocator_nodes(&net(cluster_cidr)?, opt_u8(node_mask, "node_mask")?, rule).js()?))
}

/// Calico pool; block_size defaults by family (/26, /122).
#[wasm_bindgen(unchecked_return_type = "CalicoPool", js_namespace = k8s, js_name = calicoPool)]
pub fn k8s_calico_pool(pool: &str, block_size: Option<f64>, pods_per_node: f64) -> JsResult<JsValue> {
    let (b, p) = (opt_u8(block_size, "block_size")?, u32_arg(pods_per_node, "pods_per_node")?);
    to_js(&k8s::calico_pool(&net(pool)?, b, p).js()?)
}

/// Cilium cluster-pool nodes (a BigInt); node_mask defaults by family (/24, /120).
#[wasm_bindgen(js_namespace = k8s, js_name = ciliumClusterPoolNodes)]
pub fn k8s_cilium_cluster_pool_nodes(pool: &str, node_mask: Option<f64>) -> JsResult<js_sys::BigInt> {
    Ok(big(k8s::cilium_cluster_pool_nodes(&net(pool)?, opt_u8(node_mask, "node_mask")?).js()?))
}

/// Flannel nodes (a BigInt).
#[wasm_bindgen(js_namespace = k8s, js_name = flannelNodes)]
pub fn k8s_flannel_nodes(network: &str, subnet_len: f64) -> JsResult<js_sys::BigInt> {
    Ok(big(k8s::flannel_nodes(&net(network)?, u8_arg(subnet_len, "subnet_len")?).js()?))
}
