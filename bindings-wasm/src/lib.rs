//! WebAssembly face of cidrplan. Every export converts its arguments, calls the
//! core, and converts the result; structured values cross as JSON, errors become
//! real JS `Error` objects carrying core's message and a `kind` (and `rule`, and
//! `field`: the input the error is about).
//! Planning logic found here would be a bug.

use cidrplan::ipnet::IpNet;

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

pub(crate) type JsResult<T> = Result<T, JsValue>;

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
export interface TreeRow {
  prefix: Prefix; depth: number; parent: Prefix | null; first_half: Prefix | null; nibble: number | null;
  nibble_splits: Prefix[]; share: number; info: PrefixInfo;
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
/** `prefix_delegation` -> `prefixDelegation`. */
export type CamelKey<S extends string> = S extends `${infer H}_${infer T}` ? `${H}${Capitalize<CamelKey<T>>}` : S;
/** The same options with camelCase keys, as JavaScript writes them; every function reads
 * both spellings (a key given both ways is an error). */
export type CamelCase<T> = T extends readonly (infer U)[] ? CamelCase<U>[] : T extends object ? { [K in keyof T as CamelKey<K & string>]: CamelCase<T[K]> } : T;
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
export interface NodePool { name: string; nodes: number; peak_nodes?: number | null; max_pods?: number | null; surge?: Surge | null; zones?: number | null; instance_type?: string | null; os?: "linux" | "windows"; mode?: "system" | "user" | null }
export interface Requirement { nodes: number; peak_nodes?: number | null; max_pods?: number | null; surge?: Surge; zones?: number; services?: number | null; internal_load_balancer_ips?: number; pools?: NodePool[] }
export type Role = "node-subnet" | "pod-subnet" | "pod-range" | "service-range";
export interface RangeNeed { name: string; role: Role; count: number; prefix_len: number; addresses: Count; in_vpc: boolean; rule: string }
export interface PoolSizing { name: string; platform: string; max_pods: number; nodes: number; peak_nodes: number; surge_nodes: number; ranges: RangeNeed[] }
export interface Sizing { platform: string; max_pods: number; nodes: number; pods: number; ranges: RangeNeed[]; vpc_addresses: Count; limited_by: string[]; pools: PoolSizing[] }
export interface ComparisonRow { platform: string; sizing: Sizing | null; error: string | null }
export interface PlannedRange { name: string; role: Role; prefix: Prefix; in_vpc: boolean }
export interface ClusterPlan { vpc: Prefix; sizing: Sizing; ranges: PlannedRange[]; overlaps: Overlap[]; headroom: Prefix[]; headroom_addresses: Count }
export interface LineError { line: number; message: string }
export interface NamedLines { prefixes: NamedPrefix[]; errors: LineError[] }
export type Severity = "error" | "warning" | "info";
export interface Position { file: string; line: number; column: number }
export interface FindingObject { kind: string; name: string; cidr?: Prefix; id?: string; at?: Position }
export interface Finding { severity: Severity; rule: string; message: string; objects: FindingObject[]; fix?: string }
export interface Placement { kind: string; name: string; path: string; cidr: Prefix; within: string; at?: Position }
export interface RangeCapacity {
  name: string; role: Role; cidr: Prefix; capacity: Count; needed: Count | null; needed_prefix_len: number | null;
  headroom_percent: number | null; short: Count | null; max_peak_nodes: number | null; summary: string;
  runs_out_with: string | null; pools: PoolShare[];
}
export interface PoolShare { pool: string; needed: Count; surge: Count; max_peak_nodes: number | null }
export interface PoolCapacity {
  pool: string; platform: string; peak_nodes: number; surge_nodes: number; max_pods: number; ranges: string[];
  runs_out_first: string | null; max_peak_nodes: number | null; error: string | null;
}
export interface ZoneLoss { zones_left: number; holds: boolean; short: string[] }
export interface ClusterCapacity {
  cluster: string; platform: string; nodes: number; max_pods: number; runs_out_first: string | null; max_peak_nodes: number | null;
  ranges: RangeCapacity[]; zone_loss: ZoneLoss | null; error: string | null; pools: PoolCapacity[];
  observed: ObservedUse | null;
}
export interface ObservedRange { name: string; cidr: Prefix; handed_out: number; left: string }
export interface ObservedUse { nodes: number; pod_cidrs: number; ranges: ObservedRange[] }
export interface SpaceUsage { space: string; cidr: Prefix; addresses: string; used: string; free_percent: number; largest_free: Prefix | null }
export interface Summary { errors: number; warnings: number; info: number }
export interface Blocker { block: Prefix; used: number; by: string[] }
export interface SubnetUsage {
  subnet: string; cidr: Prefix; usable: Count; used: Count; free: Count; free_aligned_28: Count; largest_free: Prefix | null; blockers: Blocker[];
}
export interface Block { block: Prefix; state: "free" | "partial" | "delegated" | "reserved" | "full"; used: number; by: string[] }
export interface SubnetMap { subnet: string; cidr: Prefix; blocks: Block[] }
export interface Difference {
  change: "missing" | "unplanned" | "changed"; kind: string; name: string; id?: string; planned: Prefix[]; actual: Prefix[]; at?: Position;
}
export interface PlanReport {
  summary: Summary; findings: Finding[]; carved: Placement[]; clusters: ClusterCapacity[]; spaces: SpaceUsage[]; subnets: SubnetUsage[];
}
/** Every error thrown by this package. */
export interface CidrplanError extends Error {
  name: "CidrplanError"; kind: string; rule?: string; field?: string; suggestions?: string[];
  /** Where in a plan the error is (a plan read from text or an object), with the entry's path. */
  file?: string; line?: number; column?: number; width?: number; path?: string;
}
"#;

/// The one place core errors become JS errors.
pub(crate) fn js_err(e: cidrplan::Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    err.set_name("CidrplanError");
    let _ = js_sys::Reflect::set(&err, &"kind".into(), &e.kind().into());
    if let Some(rule) = e.rule() {
        let _ = js_sys::Reflect::set(&err, &"rule".into(), &rule.into());
    }
    if let Some(field) = e.field() {
        let _ = js_sys::Reflect::set(&err, &"field".into(), &field.into());
    }
    if let Some(at) = e.location() {
        let _ = js_sys::Reflect::set(&err, &"file".into(), &at.file.as_str().into());
        let _ = js_sys::Reflect::set(&err, &"line".into(), &at.line.into());
        let _ = js_sys::Reflect::set(&err, &"column".into(), &at.column.into());
        let _ = js_sys::Reflect::set(&err, &"width".into(), &at.width.into());
        if let Some(path) = &at.path {
            let _ = js_sys::Reflect::set(&err, &"path".into(), &path.as_str().into());
        }
    }
    if !e.suggestions().is_empty() {
        let list: js_sys::Array = e.suggestions().iter().map(|s| JsValue::from_str(s)).collect();
        let _ = js_sys::Reflect::set(&err, &"suggestions".into(), &list);
    }
    err.into()
}

/// An error about the argument `what` (its `field`).
pub(crate) fn arg_err(what: &str, detail: impl std::fmt::Display) -> JsValue {
    js_err(cidrplan::Error::InvalidArgument(format!("{what}: {detail}")).about(what))
}

/// A result that could not be handed to JS (never seen: every result type serializes).
fn result_err(detail: impl std::fmt::Display) -> JsValue {
    js_err(cidrplan::Error::InvalidArgument(format!("result: {detail}")))
}

pub(crate) trait Js<T> {
    fn js(self) -> JsResult<T>;
}
impl<T> Js<T> for cidrplan::Result<T> {
    fn js(self) -> JsResult<T> {
        self.map_err(js_err)
    }
}

/// A Rust value to a plain JS value (through JSON). Integers a JS number cannot hold
/// exactly (past 2^53) become decimal strings rather than rounded floats.
pub(crate) fn to_js<T: Serialize>(value: &T) -> JsResult<JsValue> {
    let mut text = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut text, ExactNumbers::default());
    value.serialize(&mut ser).map_err(result_err)?;
    js_sys::JSON::parse(std::str::from_utf8(&text).map_err(result_err)?)
}

pub(crate) const MAX_SAFE_INTEGER: u128 = (1 << 53) - 1;

/// JSON numbers as a JS number holds them exactly, and larger integers as decimal strings:
/// written straight from the value in one pass (a 1,024-row tree in a few milliseconds).
#[derive(Default)]
struct ExactNumbers {
    // map keys are written inside a string already
    in_string: bool,
}

impl ExactNumbers {
    fn integer<W: ?Sized + std::io::Write>(&self, w: &mut W, text: &str, big: bool) -> std::io::Result<()> {
        if big && !self.in_string {
            write!(w, "\"{text}\"")
        } else {
            w.write_all(text.as_bytes())
        }
    }
}

impl serde_json::ser::Formatter for ExactNumbers {
    fn write_u64<W: ?Sized + std::io::Write>(&mut self, w: &mut W, v: u64) -> std::io::Result<()> {
        self.integer(w, &v.to_string(), u128::from(v) > MAX_SAFE_INTEGER)
    }
    fn write_i64<W: ?Sized + std::io::Write>(&mut self, w: &mut W, v: i64) -> std::io::Result<()> {
        self.integer(w, &v.to_string(), u128::from(v.unsigned_abs()) > MAX_SAFE_INTEGER)
    }
    fn write_u128<W: ?Sized + std::io::Write>(&mut self, w: &mut W, v: u128) -> std::io::Result<()> {
        self.integer(w, &v.to_string(), v > MAX_SAFE_INTEGER)
    }
    fn write_i128<W: ?Sized + std::io::Write>(&mut self, w: &mut W, v: i128) -> std::io::Result<()> {
        self.integer(w, &v.to_string(), v.unsigned_abs() > MAX_SAFE_INTEGER)
    }
    // a serde_json::Value's numbers (arbitrary precision) arrive as their text
    fn write_number_str<W: ?Sized + std::io::Write>(&mut self, w: &mut W, text: &str) -> std::io::Result<()> {
        let digits = text.strip_prefix('-').unwrap_or(text);
        let big = !digits.contains(['.', 'e', 'E']) && digits.parse::<u128>().map_or(true, |x| x > MAX_SAFE_INTEGER);
        self.integer(w, text, big)
    }
    fn begin_string<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.in_string = true;
        w.write_all(b"\"")
    }
    fn end_string<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.in_string = false;
        w.write_all(b"\"")
    }
}

/// An exact count as a JS BigInt.
// used by the cluster modules only (the page's first-screen build has none)
#[cfg_attr(not(feature = "clusters"), allow(dead_code))]
pub(crate) fn big(n: u128) -> js_sys::BigInt {
    js_sys::BigInt::from(n)
}

/// A plain JS options value to a Rust input type: keys in camelCase or snake_case
/// (field errors worded by the core).
pub(crate) fn from_js<T: DeserializeOwned>(value: &JsValue, what: &str) -> JsResult<T> {
    cidrplan::input::from_json_any_case(&js_json(value, what)?, what).js()
}

/// A JS value whose keys are the user's own names (`{name: prefix}` maps): read as written.
// used by the plan document only (the page's smaller builds have none)
#[cfg_attr(not(feature = "document"), allow(dead_code))]
pub(crate) fn from_js_exact<T: DeserializeOwned>(value: &JsValue, what: &str) -> JsResult<T> {
    cidrplan::input::from_json(&js_json(value, what)?, what).js()
}

fn js_json(value: &JsValue, what: &str) -> JsResult<String> {
    Ok(if value.is_undefined() || value.is_null() {
        "{}".into()
    } else {
        js_sys::JSON::stringify(value).map_err(|_| arg_err(what, "not JSON-serializable"))?.into()
    })
}

// ------------------------------------------------------------------ numbers: the one place a JS number
// becomes a Rust integer. A number that is not a whole number within the argument's range (a fraction,
// NaN, a negative count, anything past 2^53 where JS numbers stop being exact) is refused before any
// conversion, never truncated.

pub(crate) const JS_MAX_SAFE: f64 = 9_007_199_254_740_991.0;

pub(crate) fn int<T: TryFrom<i64> + std::fmt::Display>(v: f64, name: &str, lo: &str, hi: &str) -> JsResult<T> {
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
        .map_err(|_| js_err(cidrplan::Error::InvalidArgument(format!("{name}={v} is outside {lo}..={hi}")).about(name)))
}
pub(crate) fn u8_arg(v: f64, name: &str) -> JsResult<u8> {
    int(v, name, "0", "255")
}
// used by the cluster modules only (the page's first-screen build has none)
#[cfg_attr(not(feature = "clusters"), allow(dead_code))]
pub(crate) fn u32_arg(v: f64, name: &str) -> JsResult<u32> {
    int(v, name, "0", "4294967295")
}
pub(crate) fn u64_arg(v: f64, name: &str) -> JsResult<u64> {
    int(v, name, "0", "9007199254740991")
}
// used by the cluster modules only (the page's first-screen build has none)
#[cfg_attr(not(feature = "clusters"), allow(dead_code))]
pub(crate) fn opt_u8(v: Option<f64>, name: &str) -> JsResult<Option<u8>> {
    v.map(|x| u8_arg(x, name)).transpose()
}

/// A whole number that may pass 2^53: a safe-integer Number, a BigInt or a decimal string.
pub(crate) fn wide<T: std::str::FromStr>(v: &JsValue, name: &str, range: &str) -> JsResult<T> {
    let text = if let Some(n) = v.as_f64() {
        int::<i64>(n, name, range, "")?.to_string()
    } else if v.is_bigint() {
        String::from(js_sys::BigInt::from(v.clone()).to_string(10).map_err(|_| arg_err(name, "unreadable BigInt"))?)
    } else if let Some(s) = v.as_string() {
        s.trim().to_string()
    } else {
        return Err(arg_err(name, format!("give a whole number ({range}) as a Number, BigInt or decimal string")));
    };
    text.parse::<T>()
        .map_err(|_| js_err(cidrplan::Error::InvalidArgument(format!("{name}={text} is outside {range}")).about(name)))
}

/// A count for JS: a Number when exact, else its decimal string.
pub(crate) fn count(n: u128) -> JsValue {
    if n <= JS_MAX_SAFE as u128 {
        JsValue::from_f64(n as f64)
    } else {
        JsValue::from_str(&n.to_string())
    }
}

pub(crate) fn net(s: &str) -> JsResult<IpNet> {
    cidrplan::parse_prefix(s).js()
}
pub(crate) fn lenient(s: &str) -> JsResult<IpNet> {
    cidrplan::parse_prefix_lenient(s).js()
}
pub(crate) fn nets(v: &[String]) -> JsResult<Vec<IpNet>> {
    v.iter().map(|s| net(s)).collect()
}
pub(crate) fn strs(v: &[IpNet]) -> Vec<String> {
    v.iter().map(|n| n.to_string()).collect()
}
pub(crate) fn parse<T: std::str::FromStr<Err = cidrplan::Error>>(s: &str) -> JsResult<T> {
    s.parse().js()
}

mod addr;
#[cfg(feature = "clusters")]
mod aks;
mod allocate;
mod carve;
mod classify;
#[cfg(feature = "document")]
mod document;
#[cfg(feature = "clusters")]
mod eks;
#[cfg(feature = "clusters")]
mod gke;
#[cfg(feature = "clusters")]
mod k8s;
mod neighbor;
mod overlap;
mod parse;
#[cfg(feature = "clusters")]
mod plan;
mod profile;
mod reserved;
mod reverse;
mod set;

/// Library version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
