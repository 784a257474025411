//! The WebAssembly face of AWS EKS (`cidrplan::eks`).

use crate::*;
use cidrplan::eks;

#[wasm_bindgen(unchecked_return_type = "InstanceType[]", js_namespace = eks, js_name = instanceTypes)]
pub fn eks_instance_types() -> JsResult<JsValue> {
    to_js(&eks::instance_types())
}

/// Options: {prefix_delegation, custom_networking, max_enis, reserved_enis,
/// security_groups_for_pods, vcpus, ceiling, ip_family}.
#[wasm_bindgen(unchecked_return_type = "MaxPods", js_namespace = eks, js_name = maxPods)]
pub fn eks_max_pods(
    instance_type: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "MaxPodsOptions | CamelCase<MaxPodsOptions>")] options: Option<
        JsValue,
    >,
) -> JsResult<JsValue> {
    let o: eks::MaxPodsOptions = from_js(&options.unwrap_or_default(), "options")?;
    to_js(&eks::max_pods(instance_type, &o).js()?)
}

/// Subnet IPs one node draws; warm is {warm_eni_target, warm_ip_target, minimum_ip_target, warm_prefix_target}.
#[wasm_bindgen(unchecked_return_type = "NodeIpUsage", js_namespace = eks, js_name = nodeSubnetIps)]
pub fn eks_node_subnet_ips(
    instance_type: &str,
    pods: f64,
    prefix_delegation: bool,
    #[wasm_bindgen(unchecked_optional_param_type = "WarmPool | CamelCase<WarmPool>")] warm: Option<JsValue>,
) -> JsResult<JsValue> {
    let w: eks::WarmPool = from_js(&warm.unwrap_or_default(), "warm")?;
    let pods = u32_arg(pods, "pods")?;
    to_js(&eks::node_subnet_ips(eks::instance_type(instance_type).js()?, pods, prefix_delegation, &w).js()?)
}

#[wasm_bindgen(unchecked_return_type = "SubnetNodes", js_namespace = eks, js_name = nodesInSubnet)]
pub fn eks_nodes_in_subnet(
    subnet: &str,
    instance_type: &str,
    pods: f64,
    prefix_delegation: bool,
    #[wasm_bindgen(unchecked_optional_param_type = "WarmPool | CamelCase<WarmPool>")] warm: Option<JsValue>,
) -> JsResult<JsValue> {
    let w: eks::WarmPool = from_js(&warm.unwrap_or_default(), "warm")?;
    let pods = u32_arg(pods, "pods")?;
    let t = eks::instance_type(instance_type).js()?;
    to_js(&eks::nodes_in_subnet(&net(subnet)?, t, pods, prefix_delegation, &w).js()?)
}

/// The service range EKS picks when none is given and its DNS IP: [range, dns].
#[wasm_bindgen(js_namespace = eks, js_name = defaultServiceCidr)]
pub fn eks_default_service_cidr(vpc_cidrs: Vec<String>) -> JsResult<Vec<String>> {
    let (n, dns) = eks::default_service_cidr(&nets(&vpc_cidrs)?);
    Ok(vec![n.to_string(), dns.to_string()])
}
