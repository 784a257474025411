//! The WebAssembly face of cluster planning (`cidrplan::plan`).

use crate::*;
use cidrplan::plan;

/// requirement: {nodes, peak_nodes?, max_pods?, surge?: {nodes: n} | {percent: p}, zones, services?, pools?: [{name, nodes, ...}]}.
#[wasm_bindgen(unchecked_return_type = "Sizing", js_namespace = plan, js_name = size)]
pub fn plan_size(
    platform: &str,
    #[wasm_bindgen(unchecked_param_type = "Requirement | CamelCase<Requirement>")] requirement: JsValue,
) -> JsResult<JsValue> {
    let req: plan::Requirement = from_js(&requirement, "requirement")?;
    to_js(&plan::size(&parse(platform)?, &req).js()?)
}

/// The same requirement on several platforms (all when `platforms` is empty).
#[wasm_bindgen(unchecked_return_type = "ComparisonRow[]", js_namespace = plan, js_name = compare)]
pub fn plan_compare(
    #[wasm_bindgen(unchecked_param_type = "Requirement | CamelCase<Requirement>")] requirement: JsValue,
    platforms: Vec<String>,
    instance_type: Option<String>,
) -> JsResult<JsValue> {
    let req: plan::Requirement = from_js(&requirement, "requirement")?;
    let ps = plan::Platform::chosen(&platforms, instance_type.as_deref()).js()?;
    to_js(&plan::compare(&req, &ps))
}

/// The same workload on several platforms at equal pods (all when `platforms` is empty):
/// each platform's nodes solved from its pods per node; `requirement.nodes` is not used.
#[wasm_bindgen(unchecked_return_type = "ComparisonRow[]", js_namespace = plan, js_name = compareAtPods)]
pub fn plan_compare_at_pods(
    pods: f64,
    #[wasm_bindgen(unchecked_param_type = "Requirement | CamelCase<Requirement>")] requirement: JsValue,
    platforms: Vec<String>,
    instance_type: Option<String>,
) -> JsResult<JsValue> {
    let pods = u64_arg(pods, "pods")?;
    let req: plan::Requirement = from_js(&requirement, "requirement")?;
    let ps = plan::Platform::chosen(&platforms, instance_type.as_deref()).js()?;
    to_js(&plan::compare_at_pods(pods, &req, &ps).js()?)
}

#[wasm_bindgen(unchecked_return_type = "ClusterPlan", js_namespace = plan, js_name = carve)]
pub fn plan_carve(
    vpc: &str,
    platform: &str,
    #[wasm_bindgen(unchecked_param_type = "Requirement | CamelCase<Requirement>")] requirement: JsValue,
) -> JsResult<JsValue> {
    let req: plan::Requirement = from_js(&requirement, "requirement")?;
    to_js(&plan::carve(&net(vpc)?, &parse(platform)?, &req).js()?)
}

/// Reads a requirement and makes the checks every platform makes (nodes, zones, services
/// within their bounds, surge); an error names the field.
#[wasm_bindgen(unchecked_return_type = "Requirement", js_namespace = plan, js_name = checkRequirement)]
pub fn plan_check_requirement(
    #[wasm_bindgen(unchecked_param_type = "Requirement | CamelCase<Requirement>")] requirement: JsValue,
) -> JsResult<JsValue> {
    let req: plan::Requirement = from_js(&requirement, "requirement")?;
    req.check().js()?;
    to_js(&req)
}
