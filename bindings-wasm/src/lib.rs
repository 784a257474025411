//! WebAssembly face of cidrplan. Every export converts its arguments, calls the
//! core, and converts the result; structured values cross as JSON, errors become
//! real JS `Error` objects carrying core's message and a `kind` (and `rule`).
//! Planning logic found here would be a bug.

use cidrplan::ipnet::IpNet;
use cidrplan::{aks, eks, gke, k8s, plan};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

type JsResult<T> = Result<T, JsValue>;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** A CIDR prefix in canonical text, e.g. "10.0.0.0/16". */
/** An address count: a number while exact (up to 2^53 - 1), past that its exact decimal string. */
export type Count = number | string;
export type Prefix = string;
export interface NamedPrefix { name: string; prefix: Prefix }
export interface ReservedAddress { address: string; role: string }
export interface PrefixInfo {
  prefix: Prefix; profile: string; family: "v4" | "v6"; prefix_len: number; network: string; last_address: string;
  broadcast: string | null; netmask: string; hostmask: string; total_addresses: Count; usable: Count;
  first_usable: string | null; last_usable: string | null; reserved: ReservedAddress[]; size_allowed: boolean;
  smallest_prefix_len: number | null; largest_prefix_len: number | null;
}
export interface CarvedSubnet { name: string | null; prefix: Prefix; requested_hosts: Count | null; usable: Count }
export interface CarveReport { parent: Prefix; subnets: CarvedSubnet[]; holes: Prefix[]; remaining: Prefix[]; wasted_addresses: Count }
export interface NamedSlot { name: string | null; new_bits: number }
export interface VlsmRequest { name: string; size: { hosts: number } | { prefix_len: number } }
export interface AllocationRequest { name: string; prefix_len: number }
export interface Overlap { a: string; a_prefix: Prefix; b: string; b_prefix: Prefix; relation: "equal" | "contains" }
export interface ReservedHit { name: string; prefix: Prefix; set: string; entry: string; entry_prefix: Prefix; inside: boolean }
export interface SpecialRange { prefix: Prefix; name: string; rfc: string; registry: string; category: string; globally_reachable: boolean }
export interface Classification {
  prefix: Prefix; within: SpecialRange[]; partly: SpecialRange[]; category: string;
  is_private_use: boolean; is_shared_address_space: boolean; is_globally_reachable: boolean; registry_version: string;
}
export interface InstanceType {
  name: string; max_enis: number; ipv4_per_eni: number; hypervisor: "nitro" | "xen" | "unknown"; bare_metal: boolean;
  network_cards: number; trunking_compatible: boolean | null; branch_enis: number | null; vcpus: number | null;
}
export interface MaxPodsOptions {
  prefix_delegation?: boolean; custom_networking?: boolean; max_enis?: number | null; reserved_enis?: number;
  security_groups_for_pods?: boolean; vcpus?: number | null; ceiling?: "managed_node_group" | "auto_mode" | "none";
  ip_family?: "ipv4" | "ipv6"; os?: "linux" | "windows";
}
export type MaxPodsLimit = "addresses" | "ceiling110" | "ceiling250" | "auto_mode110" | "unknown_vcpus";
export interface MaxPods {
  instance_type: string; address_limit: number | null; recommended: number | null; limited_by: MaxPodsLimit;
  prefix_delegation: boolean; pod_enis: number; ipv4_per_eni: number; vcpus: number | null; branch_eni_pods: number | null;
  kubelet_memory_reserve_mib: number | null; notes: string[];
}
export interface WarmPool { warm_eni_target?: number | null; warm_ip_target?: number | null; minimum_ip_target?: number | null; warm_prefix_target?: number | null; max_pods?: number | null }
export interface NodeIpUsage { enis: number; prefixes: number; subnet_ips: number }
export type LimitedBy = "addresses" | "aligned_blocks28" | "prefixes80" | "kubenet_route_table" | "cluster_node_limit" | "primary_range" | "pod_ranges" | "nodes_per_pool_per_zone";
export interface SubnetNodes { nodes: number; per_node: NodeIpUsage; usable_ips: Count; aligned_28_blocks: Count | null; limited_by: LimitedBy }
export type AksMode = "kubenet" | "azure-cni" | "pod-subnet-dynamic" | "pod-subnet-static" | "overlay";
/** surge: a node count ("1") or a percentage ("10%"). */
export interface AksArgs { nodes?: number; max_pods?: number | null; surge?: string | null; mode: AksMode }
export interface NodeCapacity { nodes: number; address_nodes: number; pods: number; limited_by: LimitedBy; pods_limited_by: string }
export interface PodAddressNeed { mode: AksMode; source: "node-subnet" | "pod-cidr" | "pod-subnet"; addresses: number; min_prefix: number | null; rule: string }
export type Surge = { nodes: number } | { percent: number };
export interface AksPool { name: string; nodes: number; max_pods?: number | null; surge?: Surge; os?: "linux" | "windows" }
export interface AksCluster {
  mode: AksMode; vnet: Prefix[]; node_subnet: Prefix; pod_range?: Prefix | null; service_cidr: Prefix; dns_service_ip: string;
  pools: AksPool[]; network_policy?: "none" | "azure-npm" | "calico" | "cilium";
  pod_cidr_v6?: Prefix | null; service_cidr_v6?: Prefix | null; internal_load_balancer_ips?: number;
}
export interface AksIssue { rule: string; message: string }
export interface PodRangeUse { prefix_len: number; max_pods: number; node_pools: number }
export interface ClusterShape { node_prefix: number; pod_ranges: PodRangeUse[]; zones: number; regional: boolean; psc_without_private_endpoint_subnet: boolean }
export interface ClusterNodes { max_nodes: number; limited_by: LimitedBy; limits: [LimitedBy, number][] }
/** Counts past 2^53 (IPv6 pools) arrive as exact decimal strings. */
export interface CalicoPool { block_size: number; blocks: Count; block_addresses: Count; blocks_per_node: Count; nodes: Count }
export interface Requirement { nodes: number; peak_nodes?: number | null; max_pods?: number | null; surge?: Surge; zones?: number; services?: number | null; internal_load_balancer_ips?: number }
export type Role = "node-subnet" | "pod-subnet" | "pod-range" | "service-range";
export interface RangeNeed { name: string; role: Role; count: number; prefix_len: number; addresses: Count; in_vpc: boolean; rule: string }
export interface Sizing { platform: string; max_pods: number; nodes: number; pods: number; ranges: RangeNeed[]; vpc_addresses: Count; limited_by: string[] }
export interface ComparisonRow { platform: string; sizing: Sizing | null; error: string | null }
export interface PlannedRange { name: string; role: Role; prefix: Prefix; in_vpc: boolean }
export interface ClusterPlan { vpc: Prefix; sizing: Sizing; ranges: PlannedRange[]; overlaps: Overlap[]; headroom: Prefix[]; headroom_addresses: Count }
export interface LineError { line: number; message: string }
export interface NamedLines { prefixes: NamedPrefix[]; errors: LineError[] }
/** Every error thrown by this package. */
export interface CidrplanError extends Error { name: "CidrplanError"; kind: string; rule?: string; suggestions?: string[] }
"#;

/// The one place core errors become JS errors.
fn js_err(e: cidrplan::Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    err.set_name("CidrplanError");
    let _ = js_sys::Reflect::set(&err, &"kind".into(), &e.kind().into());
    if let Some(rule) = e.rule() {
        let _ = js_sys::Reflect::set(&err, &"rule".into(), &rule.into());
    }
    if let cidrplan::Error::UnknownInstanceType { suggestions, .. } = &e {
        let list: js_sys::Array = suggestions.iter().map(|s| JsValue::from_str(s)).collect();
        let _ = js_sys::Reflect::set(&err, &"suggestions".into(), &list);
    }
    err.into()
}

fn arg_err(what: &str, detail: impl std::fmt::Display) -> JsValue {
    js_err(cidrplan::Error::InvalidArgument(format!("{what}: {detail}")))
}

trait Js<T> {
    fn js(self) -> JsResult<T>;
}
impl<T> Js<T> for cidrplan::Result<T> {
    fn js(self) -> JsResult<T> {
        self.map_err(js_err)
    }
}

/// A Rust value to a plain JS value (through JSON). Integers a JS number cannot hold
/// exactly (past 2^53) become decimal strings rather than rounded floats.
fn to_js<T: Serialize>(value: &T) -> JsResult<JsValue> {
    let mut v = serde_json::to_value(value).map_err(|e| arg_err("result", e))?;
    exact_numbers(&mut v);
    let text = serde_json::to_string(&v).map_err(|e| arg_err("result", e))?;
    js_sys::JSON::parse(&text)
}

const MAX_SAFE_INTEGER: u128 = (1 << 53) - 1;

fn exact_numbers(v: &mut serde_json::Value) {
    use serde_json::Value;
    match v {
        Value::Number(n) => {
            let text = n.to_string();
            let big = match text.strip_prefix('-') {
                Some(t) => t.parse::<u128>().map_or(!t.contains(['.', 'e', 'E']), |x| x > MAX_SAFE_INTEGER),
                None => text.parse::<u128>().map_or(!text.contains(['.', 'e', 'E']), |x| x > MAX_SAFE_INTEGER),
            };
            if big {
                *v = Value::String(text);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(exact_numbers),
        Value::Object(o) => o.values_mut().for_each(exact_numbers),
        _ => {}
    }
}

/// An exact count as a JS BigInt.
fn big(n: u128) -> js_sys::BigInt {
    js_sys::BigInt::from(n)
}

/// A plain JS value to a Rust input type (field errors worded by the core).
fn from_js<T: DeserializeOwned>(value: &JsValue, what: &str) -> JsResult<T> {
    let text: String = if value.is_undefined() || value.is_null() {
        "{}".into()
    } else {
        js_sys::JSON::stringify(value).map_err(|_| arg_err(what, "not JSON-serializable"))?.into()
    };
    cidrplan::input::from_json(&text, what).js()
}

// ------------------------------------------------------------------ numbers: the one place a JS number
// becomes a Rust integer. A number that is not a whole number within the argument's range (a fraction,
// NaN, a negative count, anything past 2^53 where JS numbers stop being exact) is refused before any
// conversion, never truncated.

const JS_MAX_SAFE: f64 = 9_007_199_254_740_991.0;

fn int<T: TryFrom<i64> + std::fmt::Display>(v: f64, name: &str, lo: &str, hi: &str) -> JsResult<T> {
    if !v.is_finite() || v.fract() != 0.0 {
        return Err(arg_err(name, format!("{v} is not a whole number; give one from {lo} to {hi}")));
    }
    if v.abs() > JS_MAX_SAFE {
        return Err(arg_err(
            name,
            format!("{v} is past 2^53, where JavaScript numbers stop being exact; give one from {lo} to {hi}"),
        ));
    }
    T::try_from(v as i64)
        .map_err(|_| js_err(cidrplan::Error::InvalidArgument(format!("{name}={v} is outside {lo}..={hi}"))))
}
fn u8_arg(v: f64, name: &str) -> JsResult<u8> {
    int(v, name, "0", "255")
}
fn u32_arg(v: f64, name: &str) -> JsResult<u32> {
    int(v, name, "0", "4294967295")
}
fn u64_arg(v: f64, name: &str) -> JsResult<u64> {
    int(v, name, "0", "9007199254740991")
}
fn opt_u8(v: Option<f64>, name: &str) -> JsResult<Option<u8>> {
    v.map(|x| u8_arg(x, name)).transpose()
}

/// A whole number that may pass 2^53: a safe-integer Number, a BigInt or a decimal string.
fn wide<T: std::str::FromStr>(v: &JsValue, name: &str, range: &str) -> JsResult<T> {
    let text = if let Some(n) = v.as_f64() {
        int::<i64>(n, name, range, "")?.to_string()
    } else if v.is_bigint() {
        String::from(js_sys::BigInt::from(v.clone()).to_string(10).map_err(|_| arg_err(name, "unreadable BigInt"))?)
    } else if let Some(s) = v.as_string() {
        s.trim().to_string()
    } else {
        return Err(arg_err(name, format!("give a whole number ({range}) as a Number, BigInt or decimal string")));
    };
    text.parse::<T>().map_err(|_| js_err(cidrplan::Error::InvalidArgument(format!("{name}={text} is outside {range}"))))
}

/// A count for JS: a Number when exact, else its decimal string.
fn count(n: u128) -> JsValue {
    if n <= JS_MAX_SAFE as u128 {
        JsValue::from_f64(n as f64)
    } else {
        JsValue::from_str(&n.to_string())
    }
}

fn net(s: &str) -> JsResult<IpNet> {
    cidrplan::parse_prefix(s).js()
}
fn lenient(s: &str) -> JsResult<IpNet> {
    cidrplan::parse_prefix_lenient(s).js()
}
fn nets(v: &[String]) -> JsResult<Vec<IpNet>> {
    v.iter().map(|s| net(s)).collect()
}
fn strs(v: &[IpNet]) -> Vec<String> {
    v.iter().map(|n| n.to_string()).collect()
}
fn parse<T: std::str::FromStr<Err = cidrplan::Error>>(s: &str) -> JsResult<T> {
    s.parse().js()
}

// ------------------------------------------------------------------ CIDR

/// Parse a prefix (strict unless `lenient`).
#[wasm_bindgen]
pub fn parse_prefix(text: &str, lenient: Option<bool>) -> JsResult<String> {
    Ok(if lenient.unwrap_or(false) { self::lenient(text)? } else { net(text)? }.to_string())
}

/// The prefix length of a prefix.
#[wasm_bindgen]
pub fn prefix_len(prefix: &str) -> JsResult<u8> {
    Ok(net(prefix)?.prefix_len())
}

/// "v4" or "v6".
#[wasm_bindgen(unchecked_return_type = "\"v4\" | \"v6\"")]
pub fn family(prefix: &str) -> JsResult<String> {
    Ok(match cidrplan::Family::of(&net(prefix)?) {
        cidrplan::Family::V4 => "v4".into(),
        cidrplan::Family::V6 => "v6".into(),
    })
}

/// The next nibble boundary below a prefix (IPv6 plans split /48 -> /52 -> /56 ...).
#[wasm_bindgen]
pub fn next_nibble(prefix: &str) -> JsResult<u8> {
    Ok(cidrplan::next_nibble(&net(prefix)?))
}

/// True when every address of `inner` is in `outer` (both prefixes; families may differ: false).
#[wasm_bindgen]
pub fn contains(outer: &str, inner: &str) -> JsResult<bool> {
    Ok(net(outer)?.contains(&net(inner)?))
}

/// The VLSM text users type ("web:500, app:200, db:/26") as requests for `vlsm`.
#[wasm_bindgen(unchecked_return_type = "VlsmRequest[]")]
pub fn parse_vlsm_requests(text: &str) -> JsResult<JsValue> {
    to_js(&cidrplan::VlsmRequest::parse_list(text).js()?)
}

/// Named-prefix lines ("name prefix" per line, # comments): the prefixes read and one
/// error per bad line (the other lines are kept).
#[wasm_bindgen(unchecked_return_type = "NamedLines")]
pub fn parse_named_prefixes(text: &str) -> JsResult<JsValue> {
    to_js(&cidrplan::parse_named_lines(text))
}

/// Everything about a prefix under a profile (standard, aws, azure, azure-older-faq, gcp, oci).
#[wasm_bindgen(unchecked_return_type = "PrefixInfo")]
pub fn inspect(prefix: &str, profile: Option<String>) -> JsResult<JsValue> {
    let p = parse(profile.as_deref().unwrap_or("standard"))?;
    to_js(&cidrplan::inspect(&net(prefix)?, p).js()?)
}

/// Usable host addresses under a profile (a number, or a decimal string past 2^53).
#[wasm_bindgen(unchecked_return_type = "number | string")]
pub fn usable_hosts(prefix: &str, profile: Option<String>) -> JsResult<JsValue> {
    Ok(count(cidrplan::usable_hosts(&net(prefix)?, parse(profile.as_deref().unwrap_or("standard"))?).js()?))
}

/// Subnets of `new_prefix`, refusing more than `limit` (default 1,048,576).
#[wasm_bindgen]
pub fn split(prefix: &str, new_prefix: f64, limit: Option<f64>) -> JsResult<Vec<String>> {
    let limit = limit.map_or(Ok(cidrplan::DEFAULT_MATERIALIZE_LIMIT), |l| u64_arg(l, "limit"))?;
    Ok(strs(&cidrplan::split_to_vec(&net(prefix)?, u8_arg(new_prefix, "new_prefix")?, limit).js()?))
}

/// Number of subnets a split would give, as a decimal string (it can exceed 2^53).
#[wasm_bindgen]
pub fn split_count(prefix: &str, new_prefix: f64) -> JsResult<String> {
    let new_prefix = u8_arg(new_prefix, "new_prefix")?;
    let parent = net(prefix)?;
    let it = cidrplan::split(&parent, new_prefix).js()?;
    // `total` saturates for 2^128 subnets (::/0 into /128s); say the exact number.
    let extra = new_prefix - parent.prefix_len();
    Ok(if extra >= 128 { "340282366920938463463374607431768211456".into() } else { it.total().to_string() })
}

#[wasm_bindgen]
pub fn supernet(prefix: &str, new_prefix: f64) -> JsResult<String> {
    Ok(cidrplan::supernet(&net(prefix)?, u8_arg(new_prefix, "new_prefix")?).js()?.to_string())
}

#[wasm_bindgen]
pub fn collapse(prefixes: Vec<String>) -> JsResult<Vec<String>> {
    Ok(strs(&cidrplan::collapse(&nets(&prefixes)?).js()?))
}

#[wasm_bindgen]
pub fn exclude(prefix: &str, remove: Vec<String>) -> JsResult<Vec<String>> {
    Ok(strs(&cidrplan::exclude(&net(prefix)?, &nets(&remove)?).js()?))
}

#[wasm_bindgen]
pub fn range_to_cidrs(first: &str, last: &str) -> JsResult<Vec<String>> {
    let (a, b) = (cidrplan::parse_address(first).js()?, cidrplan::parse_address(last).js()?);
    Ok(strs(&cidrplan::range_to_cidrs(a, b).js()?))
}

#[wasm_bindgen]
pub fn spanning_cidr(prefixes: Vec<String>) -> JsResult<String> {
    Ok(cidrplan::spanning_cidr(&nets(&prefixes)?).js()?.to_string())
}

/// Set algebra: operation is union, intersection, difference, symmetric_difference,
/// complement_v4 or complement_v6 (of `a`).
#[wasm_bindgen]
pub fn set_operation(a: Vec<String>, b: Vec<String>, operation: &str) -> JsResult<Vec<String>> {
    let (x, y) = (cidrplan::PrefixSet::from_prefixes(nets(&a)?), cidrplan::PrefixSet::from_prefixes(nets(&b)?));
    let r = match operation {
        "union" => x.union(&y),
        "intersection" => x.intersection(&y),
        "difference" => x.difference(&y),
        "symmetric_difference" => x.symmetric_difference(&y),
        "complement_v4" => x.complement(cidrplan::Family::V4),
        "complement_v6" => x.complement(cidrplan::Family::V6),
        other => return Err(arg_err("set operation", format!("{other:?} is not one of union, intersection, difference, symmetric_difference, complement_v4, complement_v6"))),
    };
    Ok(strs(&r.prefixes()))
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

/// hashicorp/subnets/cidr: slots are [{name: string|null, new_bits: number}].
#[wasm_bindgen(unchecked_return_type = "CarveReport")]
pub fn named_subnets(
    prefix: &str,
    #[wasm_bindgen(unchecked_param_type = "NamedSlot[]")] slots: JsValue,
) -> JsResult<JsValue> {
    let slots: Vec<cidrplan::NamedSlot> = from_js(&slots, "slots")?;
    to_js(&cidrplan::named_subnets(&lenient(prefix)?, &slots).js()?)
}

/// Largest-first VLSM: requests are [{name, size: {hosts: n} | {prefix_len: n}}].
#[wasm_bindgen(unchecked_return_type = "CarveReport")]
pub fn vlsm(
    prefix: &str,
    #[wasm_bindgen(unchecked_param_type = "VlsmRequest[]")] requests: JsValue,
    profile: Option<String>,
) -> JsResult<JsValue> {
    let reqs: Vec<cidrplan::VlsmRequest> = from_js(&requests, "requests")?;
    to_js(&cidrplan::vlsm(&net(prefix)?, &reqs, parse(profile.as_deref().unwrap_or("standard"))?).js()?)
}

#[wasm_bindgen]
pub fn free_space(parent: &str, used: Vec<String>) -> JsResult<Vec<String>> {
    Ok(strs(&cidrplan::free_space(&net(parent)?, &nets(&used)?).js()?))
}

#[wasm_bindgen(unchecked_return_type = "number | string")]
pub fn free_aligned_blocks(parent: &str, used: Vec<String>, prefix_len: f64) -> JsResult<JsValue> {
    Ok(count(cidrplan::free_aligned_blocks(&net(parent)?, &nets(&used)?, u8_arg(prefix_len, "prefix_len")?).js()?))
}

/// Allocate a batch: requests are [{name, prefix_len}]; strategy first_fit or best_fit.
#[wasm_bindgen(unchecked_return_type = "CarveReport")]
pub fn allocate(
    parent: &str,
    used: Vec<String>,
    #[wasm_bindgen(unchecked_param_type = "AllocationRequest[]")] requests: JsValue,
    strategy: Option<String>,
) -> JsResult<JsValue> {
    let reqs: Vec<cidrplan::AllocationRequest> = from_js(&requests, "requests")?;
    let s = parse(strategy.as_deref().unwrap_or("first_fit"))?;
    to_js(&cidrplan::allocate(&net(parent)?, &nets(&used)?, &reqs, s).js()?)
}

/// Every overlapping pair among [{name, prefix}].
#[wasm_bindgen(unchecked_return_type = "Overlap[]")]
pub fn find_overlaps(#[wasm_bindgen(unchecked_param_type = "NamedPrefix[]")] named: JsValue) -> JsResult<JsValue> {
    let named = named_list(&named)?;
    to_js(&cidrplan::find_overlaps(&named).js()?)
}

fn named_list(v: &JsValue) -> JsResult<Vec<cidrplan::NamedPrefix>> {
    #[derive(serde::Deserialize)]
    struct Item {
        name: String,
        prefix: String,
    }
    let items: Vec<Item> = from_js(v, "named prefixes ([{name, prefix}])")?;
    items.into_iter().map(|i| Ok(cidrplan::NamedPrefix::new(i.name, net(&i.prefix)?))).collect()
}

/// Hits on reserved sets: names among iana-special-purpose, aks-forbidden; `custom` is [{name, prefix}].
#[wasm_bindgen(unchecked_return_type = "ReservedHit[]")]
pub fn check_reserved(
    #[wasm_bindgen(unchecked_param_type = "NamedPrefix[]")] named: JsValue,
    sets: Vec<String>,
    #[wasm_bindgen(unchecked_param_type = "NamedPrefix[] | null | undefined")] custom: JsValue,
) -> JsResult<JsValue> {
    let mut all = sets.iter().map(|s| cidrplan::ReservedSet::by_name(s)).collect::<cidrplan::Result<Vec<_>>>().js()?;
    if !custom.is_undefined() && !custom.is_null() {
        all.push(cidrplan::ReservedSet::custom("custom", named_list(&custom)?));
    }
    to_js(&cidrplan::check_reserved(&named_list(&named)?, &all).js()?)
}

#[wasm_bindgen(unchecked_return_type = "Classification")]
pub fn classify(prefix: &str) -> JsResult<JsValue> {
    to_js(&cidrplan::classify(&net(prefix)?).js()?)
}

/// Terraform `locals` block for named prefixes [{name, prefix}].
#[wasm_bindgen]
pub fn terraform_locals(#[wasm_bindgen(unchecked_param_type = "NamedPrefix[]")] named: JsValue) -> JsResult<String> {
    Ok(cidrplan::terraform_locals(&named_list(&named)?))
}

// ------------------------------------------------------------------ EKS

#[wasm_bindgen(unchecked_return_type = "InstanceType[]")]
pub fn eks_instance_types() -> JsResult<JsValue> {
    to_js(&eks::instance_types())
}

/// Options: {prefix_delegation, custom_networking, max_enis, reserved_enis,
/// security_groups_for_pods, vcpus, ceiling, ip_family}.
#[wasm_bindgen(unchecked_return_type = "MaxPods")]
pub fn eks_max_pods(
    instance_type: &str,
    #[wasm_bindgen(unchecked_param_type = "MaxPodsOptions | null | undefined")] options: JsValue,
) -> JsResult<JsValue> {
    let o: eks::MaxPodsOptions = from_js(&options, "options")?;
    to_js(&eks::max_pods(instance_type, &o).js()?)
}

/// Subnet IPs one node draws; warm is {warm_eni_target, warm_ip_target, minimum_ip_target, warm_prefix_target}.
#[wasm_bindgen(unchecked_return_type = "NodeIpUsage")]
pub fn eks_node_subnet_ips(
    instance_type: &str,
    pods: f64,
    prefix_delegation: bool,
    #[wasm_bindgen(unchecked_param_type = "WarmPool | null | undefined")] warm: JsValue,
) -> JsResult<JsValue> {
    let w: eks::WarmPool = from_js(&warm, "warm")?;
    let pods = u32_arg(pods, "pods")?;
    to_js(&eks::node_subnet_ips(eks::instance_type(instance_type).js()?, pods, prefix_delegation, &w).js()?)
}

#[wasm_bindgen(unchecked_return_type = "SubnetNodes")]
pub fn eks_nodes_in_subnet(
    subnet: &str,
    instance_type: &str,
    pods: f64,
    prefix_delegation: bool,
    #[wasm_bindgen(unchecked_param_type = "WarmPool | null | undefined")] warm: JsValue,
) -> JsResult<JsValue> {
    let w: eks::WarmPool = from_js(&warm, "warm")?;
    let pods = u32_arg(pods, "pods")?;
    let t = eks::instance_type(instance_type).js()?;
    to_js(&eks::nodes_in_subnet(&net(subnet)?, t, pods, prefix_delegation, &w).js()?)
}

// ------------------------------------------------------------------ AKS

/// AKS inputs shared by the node/pod functions: {nodes, max_pods?, surge?: "1" | "10%", mode}.
#[derive(serde::Deserialize)]
struct AksArgs {
    nodes: Option<u64>,
    max_pods: Option<u32>,
    surge: Option<String>,
    mode: String,
}

fn aks_args(v: &JsValue) -> JsResult<(aks::Mode, u64, u32, aks::Surge)> {
    let a: AksArgs = from_js(v, "AKS arguments")?;
    let mode: aks::Mode = parse(&a.mode)?;
    let surge = match a.surge {
        Some(s) => parse(&s)?,
        None => aks::Surge::default(),
    };
    Ok((mode, a.nodes.unwrap_or(0), a.max_pods.unwrap_or(mode.default_max_pods()), surge))
}

#[wasm_bindgen]
pub fn aks_required_ips(#[wasm_bindgen(unchecked_param_type = "AksArgs")] args: JsValue) -> JsResult<f64> {
    let (m, n, p, s) = aks_args(&args)?;
    Ok(aks::required_node_subnet_ips(m, n, p, s).js()? as f64)
}

#[wasm_bindgen]
pub fn aks_min_subnet_prefix(#[wasm_bindgen(unchecked_param_type = "AksArgs")] args: JsValue) -> JsResult<u8> {
    let (m, n, p, s) = aks_args(&args)?;
    aks::min_node_subnet_prefix(m, n, p, s).js()
}

#[wasm_bindgen(unchecked_return_type = "NodeCapacity")]
pub fn aks_max_nodes(
    subnet: &str,
    #[wasm_bindgen(unchecked_param_type = "AksArgs")] args: JsValue,
) -> JsResult<JsValue> {
    let (m, _, p, s) = aks_args(&args)?;
    to_js(&aks::max_nodes(&net(subnet)?, m, p, s).js()?)
}

#[wasm_bindgen(unchecked_return_type = "PodAddressNeed")]
pub fn aks_pod_need(#[wasm_bindgen(unchecked_param_type = "AksArgs")] args: JsValue) -> JsResult<JsValue> {
    let (m, n, p, s) = aks_args(&args)?;
    to_js(&aks::pod_address_need(m, n, p, s).js()?)
}

#[wasm_bindgen]
pub fn aks_pod_range_nodes(
    range: &str,
    #[wasm_bindgen(unchecked_param_type = "AksArgs")] args: JsValue,
) -> JsResult<f64> {
    let (m, _, p, _) = aks_args(&args)?;
    Ok(aks::max_nodes_for_pod_range(&net(range)?, m, p).js()? as f64)
}

/// Every rule an AKS cluster configuration breaks.
#[wasm_bindgen(unchecked_return_type = "AksIssue[]")]
pub fn aks_validate(#[wasm_bindgen(unchecked_param_type = "AksCluster")] cluster: JsValue) -> JsResult<JsValue> {
    let c: aks::Cluster = from_js(&cluster, "AKS cluster")?;
    to_js(&aks::validate(&c))
}

// ------------------------------------------------------------------ GKE and Kubernetes

#[wasm_bindgen]
pub fn gke_max_nodes_for_primary(prefix_len: f64) -> JsResult<f64> {
    Ok(gke::max_nodes_for_primary(u8_arg(prefix_len, "prefix_len")?).js()? as f64)
}
#[wasm_bindgen]
pub fn gke_primary_prefix_for(nodes: f64) -> JsResult<u8> {
    gke::primary_prefix_for(u64_arg(nodes, "nodes")?).js()
}
#[wasm_bindgen]
pub fn gke_pod_range_prefix(max_pods: f64, overprovisioning: Option<bool>) -> JsResult<u8> {
    gke::pod_range_prefix(u32_arg(max_pods, "max_pods")?, overprovisioning.unwrap_or(true)).js()
}
#[wasm_bindgen]
pub fn gke_nodes_for_pod_range(pod_prefix: f64, max_pods: f64, overprovisioning: Option<bool>) -> JsResult<f64> {
    let (p, m) = (u8_arg(pod_prefix, "pod_prefix")?, u32_arg(max_pods, "max_pods")?);
    Ok(gke::nodes_for_pod_range_with(p, m, overprovisioning.unwrap_or(true)).js()? as f64)
}
#[wasm_bindgen]
pub fn gke_max_nodes(node_prefix: f64, pod_prefix: f64, max_pods: f64) -> JsResult<f64> {
    let (n, p, m) =
        (u8_arg(node_prefix, "node_prefix")?, u8_arg(pod_prefix, "pod_prefix")?, u32_arg(max_pods, "max_pods")?);
    Ok(gke::max_nodes(&gke::NodeAndPodRanges { node_prefix: n, pod_prefix: p, max_pods: m }).js()? as f64)
}
#[wasm_bindgen]
pub fn gke_services_for_range(prefix_len: f64) -> JsResult<f64> {
    Ok(gke::services_for_range(u8_arg(prefix_len, "prefix_len")?).js()? as f64)
}
#[wasm_bindgen]
pub fn gke_route_based_max_nodes(prefix_len: f64) -> JsResult<f64> {
    Ok(gke::route_based_max_nodes(u8_arg(prefix_len, "prefix_len")?).js()? as f64)
}
/// shape: {node_prefix, pod_ranges: [{prefix_len, max_pods, node_pools}], zones, regional, psc_without_private_endpoint_subnet}.
#[wasm_bindgen(unchecked_return_type = "ClusterNodes")]
pub fn gke_cluster_max_nodes(
    #[wasm_bindgen(unchecked_param_type = "ClusterShape")] shape: JsValue,
) -> JsResult<JsValue> {
    let s: gke::ClusterShape = from_js(&shape, "GKE cluster shape")?;
    to_js(&gke::cluster_max_nodes(&s).js()?)
}
/// Nodes the range allocator serves (a BigInt); node_mask defaults by family, rule is
/// "controller" (kube-controller-manager, the default) or "kubeadm".
#[wasm_bindgen]
pub fn k8s_range_allocator_nodes(
    cluster_cidr: &str,
    node_mask: Option<f64>,
    rule: Option<String>,
) -> JsResult<js_sys::BigInt> {
    let rule = parse(rule.as_deref().unwrap_or("controller"))?;
    Ok(big(k8s::range_allocator_nodes(&net(cluster_cidr)?, opt_u8(node_mask, "node_mask")?, rule).js()?))
}
/// Calico pool; block_size defaults by family (/26, /122).
#[wasm_bindgen(unchecked_return_type = "CalicoPool")]
pub fn k8s_calico_pool(pool: &str, block_size: Option<f64>, pods_per_node: f64) -> JsResult<JsValue> {
    let (b, p) = (opt_u8(block_size, "block_size")?, u32_arg(pods_per_node, "pods_per_node")?);
    to_js(&k8s::calico_pool(&net(pool)?, b, p).js()?)
}
/// Cilium cluster-pool nodes (a BigInt); node_mask defaults by family (/24, /120).
#[wasm_bindgen]
pub fn k8s_cilium_cluster_pool_nodes(pool: &str, node_mask: Option<f64>) -> JsResult<js_sys::BigInt> {
    Ok(big(k8s::cilium_cluster_pool_nodes(&net(pool)?, opt_u8(node_mask, "node_mask")?).js()?))
}
/// Flannel nodes (a BigInt).
#[wasm_bindgen]
pub fn k8s_flannel_nodes(network: &str, subnet_len: f64) -> JsResult<js_sys::BigInt> {
    Ok(big(k8s::flannel_nodes(&net(network)?, u8_arg(subnet_len, "subnet_len")?).js()?))
}

/// The service range EKS picks when none is given and its DNS IP: [range, dns].
#[wasm_bindgen]
pub fn eks_default_service_cidr(vpc_cidrs: Vec<String>) -> JsResult<Vec<String>> {
    let (n, dns) = eks::default_service_cidr(&nets(&vpc_cidrs)?);
    Ok(vec![n.to_string(), dns.to_string()])
}

/// GKE's shared default services range for a cluster kind ("standard", "autopilot") and
/// version, or undefined where GKE carves one from the subnet.
#[wasm_bindgen]
pub fn gke_default_services_range(kind: &str, major: f64, minor: f64) -> JsResult<Option<String>> {
    let kind: gke::ClusterKind = from_js(&JsValue::from_str(kind), "kind")?;
    let version = (u32_arg(major, "major")?, u32_arg(minor, "minor")?);
    Ok(gke::default_services_range(kind, version).map(|n| n.to_string()))
}

// ------------------------------------------------------------------ planning

/// requirement: {nodes, peak_nodes?, max_pods?, surge?: {nodes: n} | {percent: p}, zones, services?}.
#[wasm_bindgen(unchecked_return_type = "Sizing")]
pub fn plan_size(
    platform: &str,
    #[wasm_bindgen(unchecked_param_type = "Requirement")] requirement: JsValue,
) -> JsResult<JsValue> {
    let req: plan::Requirement = from_js(&requirement, "requirement")?;
    to_js(&plan::size(&parse(platform)?, &req).js()?)
}

/// The same requirement on several platforms (all when `platforms` is empty).
#[wasm_bindgen(unchecked_return_type = "ComparisonRow[]")]
pub fn plan_compare(
    #[wasm_bindgen(unchecked_param_type = "Requirement")] requirement: JsValue,
    platforms: Vec<String>,
    instance_type: Option<String>,
) -> JsResult<JsValue> {
    let req: plan::Requirement = from_js(&requirement, "requirement")?;
    let ps = if platforms.is_empty() {
        plan::Platform::all(instance_type.as_deref().unwrap_or("m5.large"))
    } else {
        platforms.iter().map(|p| parse(p)).collect::<JsResult<Vec<plan::Platform>>>()?
    };
    to_js(&plan::compare(&req, &ps))
}

#[wasm_bindgen(unchecked_return_type = "ClusterPlan")]
pub fn plan_carve(
    vpc: &str,
    platform: &str,
    #[wasm_bindgen(unchecked_param_type = "Requirement")] requirement: JsValue,
) -> JsResult<JsValue> {
    let req: plan::Requirement = from_js(&requirement, "requirement")?;
    to_js(&plan::carve(&net(vpc)?, &parse(platform)?, &req).js()?)
}

/// Library version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
