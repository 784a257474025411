//! Azure AKS: node-subnet and pod-address math for every network mode, and
//! validation of a cluster's address configuration.
//!
//! Sources (see `capacity-rules.md`): AKS "Configure Azure CNI", "kubenet",
//! "Azure CNI Overlay", "Azure CNI pod subnet (dynamic / static block)", AKS
//! quotas and limits, the VNet FAQ. Microsoft's node-subnet formulas do not add
//! the 5 addresses Azure reserves per subnet; cidrplan's minimum prefixes do.
//! Surge: the upgrade docs default to 1 node; the large-cluster guide and REST API
//! to 10% (rounded up). cidrplan takes surge as an input, default 1 node.
//!
//! Limits every sizing function enforces, not only [`validate`]: kubenet's 400 routes
//! per route table (surge nodes included); Azure CNI Overlay's 200,000 pods per cluster
//! (best-practices-performance-scale-large: do not multiply 5,000 nodes by maxPods);
//! a static-block pod subnet no larger than /12; dynamic pod-subnet allocation never
//! holds more than min(maxPods, 250) addresses per node (Azure CNS `ipampool`: the
//! batch target is clamped at the node's maximum). The DNS service IP is neither the
//! service CIDR's network address nor its first host (`kubernetes.default`, Kubernetes
//! `pkg/controlplane/services.go`). Dual-stack overlay: IPv6 service CIDR no larger
//! than /108; defaults `fd12:3456:789a::/64` (pods) and `fd12:3456:789a:1::/108`
//! (services) (AKS "Azure CNI Overlay dual-stack"). Windows pools cannot use kubenet.

use crate::addr::{first, last, Family};
use crate::cluster::{services_range, LimitedBy, RangeNeed, Requirement, Role, Sizing};
use crate::profile::AddressProfile;
use crate::{Error, Result};
use ipnet::IpNet;
use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;

/// Cluster-wide node limit.
pub const MAX_NODES_PER_CLUSTER: u64 = 5_000;
/// Per-pool node limit.
pub const MAX_NODES_PER_POOL: u64 = 1_000;
/// Node pools per cluster.
pub const MAX_POOLS: usize = 100;
/// kubenet: routes per route table, so nodes.
pub const KUBENET_MAX_NODES: u64 = 400;
/// Azure CNI Overlay: pods per cluster.
pub const OVERLAY_MAX_PODS: u64 = 200_000;
/// Largest static-block pod subnet (prefix length): a /11 is refused.
pub const POD_SUBNET_STATIC_LARGEST_PREFIX: u8 = 12;
/// Pod IPs a node requests at most under dynamic pod-subnet allocation (CNS clamp).
pub const DYNAMIC_MAX_IPS_PER_NODE: u64 = 250;
/// Largest IPv6 service CIDR (prefix length).
pub const SERVICE_CIDR_V6_LARGEST_PREFIX: u8 = 108;
/// Default service CIDR.
pub const DEFAULT_SERVICE_CIDR: &str = "10.0.0.0/16";
/// Default DNS service IP.
pub const DEFAULT_DNS_SERVICE_IP: &str = "10.0.0.10";
/// Default pod CIDR (kubenet, overlay).
pub const DEFAULT_POD_CIDR: &str = "10.244.0.0/16";
/// Default IPv6 pod CIDR of a dual-stack overlay cluster.
pub const DEFAULT_POD_CIDR_V6: &str = "fd12:3456:789a::/64";
/// Default IPv6 service CIDR of a dual-stack overlay cluster.
pub const DEFAULT_SERVICE_CIDR_V6: &str = "fd12:3456:789a:1::/108";

/// AKS network mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[non_exhaustive]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[cfg_attr(feature = "typescript", tsify(rename = "AksMode"))]
pub enum Mode {
    /// kubenet (retires 31 March 2028): a /24 of the pod CIDR per node, routes.
    Kubenet,
    /// Azure CNI node subnet ("legacy", flat): pods take IPs of the node subnet.
    AzureCni,
    /// Azure CNI with a pod subnet, dynamic allocation in batches of 16.
    PodSubnetDynamic,
    /// Azure CNI with a pod subnet, static /28 blocks per node.
    PodSubnetStatic,
    /// Azure CNI Overlay (the default; also with the Cilium dataplane): a /24 per node.
    Overlay,
}

impl Mode {
    /// Every mode.
    pub const ALL: [Mode; 5] =
        [Mode::Kubenet, Mode::AzureCni, Mode::PodSubnetDynamic, Mode::PodSubnetStatic, Mode::Overlay];

    /// Name as accepted by `FromStr`.
    ///
    /// ```
    /// assert_eq!(cidrplan::aks::Mode::AzureCni.name(), "azure-cni");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Mode::Kubenet => "kubenet",
            Mode::AzureCni => "azure-cni",
            Mode::PodSubnetDynamic => "pod-subnet-dynamic",
            Mode::PodSubnetStatic => "pod-subnet-static",
            Mode::Overlay => "overlay",
        }
    }

    /// Default maxPods of the mode.
    ///
    /// ```
    /// use cidrplan::aks::Mode;
    /// assert_eq!((Mode::Kubenet.default_max_pods(), Mode::AzureCni.default_max_pods(), Mode::Overlay.default_max_pods()), (110, 30, 250));
    /// ```
    pub const fn default_max_pods(self) -> u32 {
        match self {
            Mode::AzureCni => 30,
            Mode::Overlay => 250,
            Mode::Kubenet | Mode::PodSubnetDynamic | Mode::PodSubnetStatic => 110,
        }
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Mode {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let k = s.trim().to_ascii_lowercase().replace('_', "-");
        let k = match k.as_str() {
            "flat" | "azure-cni-node-subnet" | "node-subnet" | "legacy" => "azure-cni",
            "overlay-cilium" | "cilium" | "azure-cni-overlay" => "overlay",
            other => other,
        }
        .to_string();
        Mode::ALL.into_iter().find(|m| m.name() == k).ok_or_else(|| {
            Error::InvalidArgument(format!(
                "unknown AKS mode {:?}; choose kubenet, azure-cni, pod-subnet-dynamic, pod-subnet-static or overlay",
                crate::parse::echo(s)
            ))
        })
    }
}

pub use crate::cluster::Surge;

/// Nodes plus surge, refused past kubenet's route table (every sizing function applies it).
fn nodes_with_surge(mode: Mode, nodes: u64, surge: Surge) -> Result<u64> {
    if nodes > MAX_NODES_PER_CLUSTER {
        return Err(Error::config(
            "aks.nodes-per-cluster",
            format!("{nodes} nodes; AKS allows at most {MAX_NODES_PER_CLUSTER} per cluster (AKS quotas and limits)"),
        ));
    }
    let total = nodes.saturating_add(surge.nodes_for(nodes));
    if mode == Mode::Kubenet && total > KUBENET_MAX_NODES {
        return Err(Error::config(
            "aks.kubenet-route-table",
            format!(
                "kubenet: {nodes} nodes + {} surge = {total} nodes need as many routes; a route table holds \
                 {KUBENET_MAX_NODES} (use Azure CNI Overlay for more)",
                total - nodes
            ),
        ));
    }
    Ok(total)
}

fn check_max_pods(max_pods: u32) -> Result<()> {
    if !(10..=250).contains(&max_pods) {
        return Err(
            Error::config("aks.max-pods-range", format!("maxPods {max_pods} is outside 10..250")).about("max_pods")
        );
    }
    Ok(())
}

/// Node-subnet IPs a pool of `nodes` needs (Microsoft's formula, without the 5 reserved).
///
/// ```
/// use cidrplan::aks::{required_node_subnet_ips, Mode, Surge};
/// assert_eq!(required_node_subnet_ips(Mode::AzureCni, 50, 30, Surge::Nodes(1)).unwrap(), 1581);
/// assert_eq!(required_node_subnet_ips(Mode::AzureCni, 60, 30, Surge::Nodes(1)).unwrap(), 1891);
/// assert_eq!(required_node_subnet_ips(Mode::Overlay, 50, 250, Surge::Nodes(1)).unwrap(), 51);
/// assert!(required_node_subnet_ips(Mode::AzureCni, 50, 300, Surge::Nodes(1)).is_err());
/// // kubenet: 400 routes per route table, surge included
/// assert_eq!(required_node_subnet_ips(Mode::Kubenet, 400, 110, Surge::Nodes(1)).unwrap_err().rule(), Some("aks.kubenet-route-table"));
/// ```
pub fn required_node_subnet_ips(mode: Mode, nodes: u64, max_pods: u32, surge: Surge) -> Result<u64> {
    check_max_pods(max_pods)?;
    let total = nodes_with_surge(mode, nodes, surge)?;
    Ok(match mode {
        Mode::AzureCni => total.saturating_mul(1 + max_pods as u64),
        _ => total,
    })
}

/// Smallest node subnet (longest prefix) for the pool, counting Azure's 5 reserved addresses.
///
/// ```
/// use cidrplan::aks::{min_node_subnet_prefix, Mode, Surge};
/// assert_eq!(min_node_subnet_prefix(Mode::AzureCni, 50, 30, Surge::Nodes(1)).unwrap(), 21);
/// // 3 nodes + 1 surge + 5 reserved = 9 addresses: a /29 has 3 usable, so a /28
/// assert_eq!(min_node_subnet_prefix(Mode::Kubenet, 3, 110, Surge::Nodes(1)).unwrap(), 28);
/// ```
pub fn min_node_subnet_prefix(mode: Mode, nodes: u64, max_pods: u32, surge: Surge) -> Result<u8> {
    let ips = required_node_subnet_ips(mode, nodes, max_pods, surge)?;
    AddressProfile::Azure.prefix_for_hosts(Family::V4, ips as u128)
}

/// How many nodes fit, and why not more.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct NodeCapacity {
    /// Nodes that fit (surge nodes excluded), after platform limits.
    pub nodes: u64,
    /// Nodes the addresses alone allow.
    pub address_nodes: u64,
    /// Pods at maxPods on those nodes, never past overlay's 200,000 per cluster.
    pub pods: u64,
    /// What limits `nodes`: addresses, kubenet's route table or the cluster limit.
    pub limited_by: LimitedBy,
    /// What limits `pods`: the nodes at maxPods, or overlay's pods-per-cluster limit.
    pub pods_limited_by: String,
}

/// Nodes a node subnet holds in `mode` (for modes with a separate pod range, see
/// [`max_nodes_for_pod_range`]).
///
/// ```
/// use cidrplan::aks::{max_nodes, Mode, Surge};
/// let n = |s: &str| s.parse().unwrap();
/// assert_eq!(max_nodes(&n("10.0.0.0/24"), Mode::Kubenet, 110, Surge::Nodes(0)).unwrap().nodes, 251);
/// assert_eq!(max_nodes(&n("10.0.0.0/24"), Mode::Kubenet, 110, Surge::Nodes(0)).unwrap().pods, 27_610);
/// assert_eq!(max_nodes(&n("10.0.0.0/24"), Mode::AzureCni, 30, Surge::Nodes(0)).unwrap().nodes, 8);
/// assert_eq!(max_nodes(&n("10.0.0.0/24"), Mode::AzureCni, 30, Surge::Nodes(0)).unwrap().pods, 240);
/// ```
pub fn max_nodes(subnet: &IpNet, mode: Mode, max_pods: u32, surge: Surge) -> Result<NodeCapacity> {
    check_max_pods(max_pods)?;
    let usable = AddressProfile::Azure.usable_hosts(subnet)? as u64;
    let per_node = if mode == Mode::AzureCni { 1 + max_pods as u64 } else { 1 };
    // (n + surge(n)) * per_node <= usable  <=>  n + surge(n) <= usable / per_node
    let address_nodes = surge.largest_pool_within(usable / per_node);
    let (mut nodes, mut limited_by) = (address_nodes, LimitedBy::Addresses);
    if mode == Mode::Kubenet && nodes + surge.nodes_for(nodes) > KUBENET_MAX_NODES {
        nodes = surge.largest_pool_within(KUBENET_MAX_NODES);
        limited_by = LimitedBy::KubenetRouteTable;
    }
    if nodes > MAX_NODES_PER_CLUSTER {
        nodes = MAX_NODES_PER_CLUSTER;
        limited_by = LimitedBy::ClusterNodeLimit;
    }
    let (pods, pods_limited_by) = cluster_pods(mode, nodes, max_pods);
    Ok(NodeCapacity { nodes, address_nodes, pods, limited_by, pods_limited_by })
}

/// Pods `nodes` nodes hold at `max_pods`, and what limits that: the nodes, or overlay's
/// 200,000 pods per cluster.
fn cluster_pods(mode: Mode, nodes: u64, max_pods: u32) -> (u64, String) {
    let pods = nodes.saturating_mul(max_pods as u64);
    if mode == Mode::Overlay && pods > OVERLAY_MAX_PODS {
        (OVERLAY_MAX_PODS, format!("Azure CNI Overlay's limit of {OVERLAY_MAX_PODS} pods per cluster"))
    } else {
        (pods, format!("{nodes} nodes x maxPods {max_pods}"))
    }
}

/// Where an AKS mode takes pod addresses from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[non_exhaustive]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum PodSource {
    /// The node subnet (Azure CNI, flat).
    NodeSubnet,
    /// A private pod CIDR, a /24 per node (kubenet, overlay).
    PodCidr,
    /// A VNet pod subnet (pod-subnet modes).
    PodSubnet,
}

/// Pod addresses the cluster needs outside the node subnet.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct PodAddressNeed {
    /// The mode.
    #[cfg_attr(feature = "typescript", tsify(type = "AksMode"))]
    pub mode: Mode,
    /// Where pod IPs come from.
    pub source: PodSource,
    /// Addresses to plan for (0 for `node-subnet`: they are in the node subnet's count).
    pub addresses: u64,
    /// Smallest pod CIDR / pod subnet prefix, if the mode has one.
    pub min_prefix: Option<u8>,
    /// How the figure was made.
    pub rule: String,
}

/// Pod-address need of `nodes` (plus surge) at `max_pods`.
///
/// ```
/// use cidrplan::aks::{pod_address_need, Mode, Surge};
/// // kubenet: 20 nodes need 20 /24 blocks; a /20 holds 16, so a /19.
/// assert_eq!(pod_address_need(Mode::Kubenet, 20, 110, Surge::Nodes(0)).unwrap().min_prefix, Some(19));
/// // static block: ceil((110 + 1) / 16) = 7 /28 blocks per node.
/// assert_eq!(pod_address_need(Mode::PodSubnetStatic, 10, 110, Surge::Nodes(0)).unwrap().addresses, 10 * 7 * 16);
/// ```
pub fn pod_address_need(mode: Mode, nodes: u64, max_pods: u32, surge: Surge) -> Result<PodAddressNeed> {
    check_max_pods(max_pods)?;
    let total = nodes_with_surge(mode, nodes, surge)?;
    let p = max_pods as u64;
    let blocks_prefix = |blocks: u64, block_host_bits: u32| -> Option<u8> {
        let bits_needed = 64 - blocks.max(1).saturating_sub(1).leading_zeros();
        32u32.checked_sub(block_host_bits + bits_needed).map(|v| v as u8)
    };
    Ok(match mode {
        Mode::AzureCni => PodAddressNeed {
            mode,
            source: PodSource::NodeSubnet,
            addresses: 0,
            min_prefix: None,
            rule: "pods take node-subnet IPs: counted in (nodes + surge) * (1 + maxPods)".into(),
        },
        Mode::Kubenet | Mode::Overlay => PodAddressNeed {
            mode,
            source: PodSource::PodCidr,
            addresses: total.saturating_mul(256),
            min_prefix: blocks_prefix(total, 8),
            rule: "one /24 of the pod CIDR per node (surge nodes included)".into(),
        },
        Mode::PodSubnetDynamic => {
            let per = dynamic_ips_per_node(p);
            let addresses = total.saturating_mul(per);
            PodAddressNeed {
                mode,
                source: PodSource::PodSubnet,
                addresses,
                min_prefix: AddressProfile::Azure.prefix_for_hosts(Family::V4, addresses as u128).ok(),
                rule: format!(
                    "batches of 16 per node, another when fewer than 8 are free, clamped at min(maxPods, 250): \
                     {per} per node at maxPods {p}"
                ),
            }
        }
        Mode::PodSubnetStatic => {
            let blocks = (p + 1).div_ceil(16);
            let addresses = total.saturating_mul(blocks * 16);
            let min_prefix = AddressProfile::Azure.prefix_for_hosts(Family::V4, addresses as u128).ok();
            if min_prefix.is_none_or(|l| l < POD_SUBNET_STATIC_LARGEST_PREFIX) {
                return Err(Error::config(
                    "aks.pod-subnet-static-size",
                    format!(
                        "{total} nodes x {blocks} /28 blocks need {addresses} addresses, more than a static-block pod \
                         subnet may have (at most /{POD_SUBNET_STATIC_LARGEST_PREFIX})"
                    ),
                ));
            }
            PodAddressNeed {
                mode,
                source: PodSource::PodSubnet,
                addresses,
                min_prefix,
                rule: format!("ceil((maxPods + 1) / 16) = {blocks} /28 block(s) per node"),
            }
        }
    })
}

/// Nodes a pod CIDR (kubenet, overlay) or pod subnet (pod-subnet modes) holds.
///
/// ```
/// use cidrplan::aks::{max_nodes_for_pod_range, Mode};
/// let n = |s: &str| s.parse().unwrap();
/// assert_eq!(max_nodes_for_pod_range(&n("10.244.0.0/16"), Mode::Kubenet, 110).unwrap(), 256);
/// assert_eq!(max_nodes_for_pod_range(&n("10.244.0.0/16"), Mode::Overlay, 250).unwrap(), 256);
/// assert_eq!(max_nodes_for_pod_range(&n("10.244.0.0/24"), Mode::PodSubnetStatic, 110).unwrap(), 2);
/// ```
pub fn max_nodes_for_pod_range(range: &IpNet, mode: Mode, max_pods: u32) -> Result<u64> {
    check_max_pods(max_pods)?;
    if Family::of(range) != Family::V4 {
        return Err(Error::InvalidArgument(format!("{range}: AKS pod ranges here are IPv4")));
    }
    let len = range.prefix_len() as u32;
    let p = max_pods as u64;
    Ok(match mode {
        Mode::Kubenet | Mode::Overlay => {
            if len > 24 {
                0
            } else {
                1u64 << (24 - len)
            }
        }
        Mode::AzureCni => {
            return Err(Error::InvalidArgument(
                "azure-cni (node subnet) has no separate pod range; use max_nodes on the node subnet".into(),
            ))
        }
        Mode::PodSubnetDynamic => AddressProfile::Azure.usable_hosts(range)? as u64 / dynamic_ips_per_node(p),
        Mode::PodSubnetStatic => {
            check_static_pod_subnet(range)?;
            // whole /28 blocks, the first and last hold Azure's reserved addresses
            let blocks = if len <= 28 { (1u64 << (28 - len)).saturating_sub(2) } else { 0 };
            blocks / (p + 1).div_ceil(16)
        }
    })
}

/// Pod IPs one node holds at full maxPods under dynamic allocation: the CNS batch target
/// (16 per batch, a new batch when fewer than 8 are free) clamped at min(maxPods, 250).
fn dynamic_ips_per_node(max_pods: u64) -> u64 {
    let batch_target = 16 * (max_pods + 8).div_ceil(16);
    batch_target.min(max_pods.min(DYNAMIC_MAX_IPS_PER_NODE))
}

fn check_static_pod_subnet(range: &IpNet) -> Result<()> {
    if range.prefix_len() < POD_SUBNET_STATIC_LARGEST_PREFIX {
        return Err(Error::config(
            "aks.pod-subnet-static-size",
            format!(
                "static-block pod subnet {range} is larger than /{POD_SUBNET_STATIC_LARGEST_PREFIX}, the largest AKS \
                 allows; split it or use /{POD_SUBNET_STATIC_LARGEST_PREFIX}"
            ),
        ));
    }
    Ok(())
}

/// Operating system of a node pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum PoolOs {
    /// Linux.
    #[default]
    Linux,
    /// Windows Server: not available with kubenet.
    Windows,
}

/// A node pool.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[cfg_attr(feature = "typescript", tsify(rename = "AksPool"))]
pub struct Pool {
    /// Name.
    pub name: String,
    /// Nodes (at peak).
    pub nodes: u64,
    /// maxPods; the mode's default when `None`.
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub max_pods: Option<u32>,
    /// Upgrade surge (default 1 node).
    #[cfg_attr(feature = "serde", serde(default))]
    pub surge: Surge,
    /// Linux or Windows.
    #[cfg_attr(feature = "serde", serde(default))]
    pub os: PoolOs,
}

impl Pool {
    /// A Linux pool of `nodes` with the mode's default maxPods and the default surge (1 node).
    ///
    /// ```
    /// let p = cidrplan::aks::Pool::new("system", 3);
    /// assert_eq!((p.nodes, p.max_pods), (3, None));
    /// ```
    pub fn new(name: impl Into<String>, nodes: u64) -> Self {
        Pool { name: name.into(), nodes, max_pods: None, surge: Surge::default(), os: PoolOs::Linux }
    }
}

/// Network policy engine (limits differ).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[non_exhaustive]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum NetworkPolicy {
    /// None.
    #[default]
    None,
    /// Azure Network Policy Manager: at most 250 nodes and 20,000 pods.
    AzureNpm,
    /// Calico.
    Calico,
    /// Cilium (with the Azure CNI powered by Cilium dataplane).
    Cilium,
}

/// An AKS cluster's address configuration, for [`validate`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[cfg_attr(feature = "typescript", tsify(rename = "AksCluster"))]
pub struct Cluster {
    /// Network mode.
    #[cfg_attr(feature = "typescript", tsify(type = "AksMode"))]
    pub mode: Mode,
    /// The VNet address space (one or more prefixes).
    pub vnet: Vec<IpNet>,
    /// The node subnet.
    pub node_subnet: IpNet,
    /// Pod CIDR (kubenet, overlay) or pod subnet (pod-subnet modes).
    #[cfg_attr(feature = "serde", serde(default))]
    pub pod_range: Option<IpNet>,
    /// Service CIDR (default 10.0.0.0/16).
    pub service_cidr: IpNet,
    /// DNS service IP (default 10.0.0.10).
    pub dns_service_ip: IpAddr,
    /// Node pools.
    #[cfg_attr(feature = "typescript", tsify(type = "AksPool[]"))]
    pub pools: Vec<Pool>,
    /// Network policy engine.
    #[cfg_attr(feature = "serde", serde(default))]
    pub network_policy: NetworkPolicy,
    /// IPv6 pod CIDR of a dual-stack overlay cluster.
    #[cfg_attr(feature = "serde", serde(default))]
    pub pod_cidr_v6: Option<IpNet>,
    /// IPv6 service CIDR of a dual-stack overlay cluster (no larger than /108).
    #[cfg_attr(feature = "serde", serde(default))]
    pub service_cidr_v6: Option<IpNet>,
    /// Internal load-balancer front-end IPs taken from the node subnet.
    #[cfg_attr(feature = "serde", serde(default))]
    pub internal_load_balancer_ips: u64,
}

/// One broken rule.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[cfg_attr(feature = "typescript", tsify(rename = "AksIssue"))]
pub struct Issue {
    /// Stable rule identifier.
    pub rule: &'static str,
    /// Explanation naming the values.
    pub message: String,
}

impl From<Issue> for Error {
    fn from(i: Issue) -> Error {
        Error::InvalidConfig { rule: i.rule, message: i.message }
    }
}

fn overlaps(a: &IpNet, b: &IpNet) -> bool {
    Family::of(a) == Family::of(b) && first(a) <= last(b) && first(b) <= last(a)
}

/// The network policy engine's scale limit: Azure Network Policy Manager supports at
/// most 250 nodes and 20,000 pods (Microsoft Learn, "Secure traffic between pods by using
/// network policies in AKS", limitations).
///
/// ```
/// use cidrplan::aks::{network_policy_issue, NetworkPolicy};
/// assert!(network_policy_issue(NetworkPolicy::AzureNpm, 250, 20_000).is_none());
/// assert_eq!(network_policy_issue(NetworkPolicy::AzureNpm, 251, 7_530).unwrap().rule, "aks.npm-scale");
/// assert!(network_policy_issue(NetworkPolicy::Cilium, 5_000, 200_000).is_none());
/// ```
pub fn network_policy_issue(policy: NetworkPolicy, nodes: u64, pods: u64) -> Option<Issue> {
    (policy == NetworkPolicy::AzureNpm && (nodes > 250 || pods > 20_000)).then(|| Issue {
        rule: "aks.npm-scale",
        message: format!(
            "Azure Network Policy Manager supports 250 nodes and 20,000 pods; this is {nodes} nodes, up to {pods} pods; use Cilium or Calico"
        ),
    })
}

/// Where the DNS service IP may be: inside the service CIDR, neither its network address
/// nor its first host (the API server's `kubernetes.default`).
///
/// ```
/// use cidrplan::aks::dns_service_ip_issue;
/// let svc = "10.0.0.0/16".parse().unwrap();
/// assert!(dns_service_ip_issue(&svc, "10.0.0.10".parse().unwrap()).is_none());
/// assert!(dns_service_ip_issue(&svc, "10.0.0.1".parse().unwrap()).unwrap().message.contains("first host"));
/// assert!(dns_service_ip_issue(&svc, "10.1.0.10".parse().unwrap()).unwrap().message.contains("outside"));
/// ```
pub fn dns_service_ip_issue(service_cidr: &IpNet, dns_service_ip: IpAddr) -> Option<Issue> {
    let message = if !service_cidr.contains(&dns_service_ip) {
        format!("DNS service IP {dns_service_ip} is outside the service CIDR {service_cidr}")
    } else if dns_service_ip == service_cidr.network() {
        format!("DNS service IP {dns_service_ip} is the service CIDR's network address; by convention use .10")
    } else if crate::cidrhost(service_cidr, 1).is_ok_and(|first_host| first_host == dns_service_ip) {
        format!(
            "DNS service IP {dns_service_ip} is the service CIDR's first host, which the API server takes (kubernetes.default); by convention use .10"
        )
    } else {
        return None;
    };
    Some(Issue { rule: "aks.dns-service-ip", message })
}

/// Every rule the configuration breaks (empty when it is valid).
///
/// ```
/// use cidrplan::aks::*;
/// let n = |s: &str| s.parse().unwrap();
/// let mut c = Cluster {
///     mode: Mode::Overlay, vnet: vec![n("10.224.0.0/12")], node_subnet: n("10.224.0.0/16"),
///     pod_range: Some(n("192.168.0.0/16")), service_cidr: n("10.0.0.0/16"),
///     dns_service_ip: "10.0.0.10".parse().unwrap(),
///     pools: vec![Pool { name: "sys".into(), nodes: 3, max_pods: None, surge: Surge::Nodes(1), os: PoolOs::Linux }],
///     network_policy: NetworkPolicy::None, pod_cidr_v6: None, service_cidr_v6: None, internal_load_balancer_ips: 0,
/// };
/// assert!(validate(&c).is_empty());
/// c.pod_range = Some(n("172.16.0.0/12"));           // holds 172.30/16 and 172.31/16
/// c.dns_service_ip = "10.0.0.0".parse().unwrap();   // the service CIDR's first address
/// let rules: Vec<&str> = validate(&c).iter().map(|i| i.rule).collect();
/// assert_eq!(rules, ["aks.forbidden-range", "aks.forbidden-range", "aks.dns-service-ip"]);
/// assert_eq!(check(&c).unwrap_err().rule(), Some("aks.forbidden-range"));
/// ```
pub fn validate(c: &Cluster) -> Vec<Issue> {
    let mut out = Vec::new();
    let mut push = |rule: &'static str, message: String| out.push(Issue { rule, message });
    // pools and maxPods
    if c.pools.is_empty() {
        push("aks.pools", "a cluster needs at least one node pool".into());
    }
    if c.pools.len() > MAX_POOLS {
        push("aks.pool-count", format!("{} node pools; AKS allows at most {MAX_POOLS}", c.pools.len()));
    }
    let mut total_nodes = 0u64;
    let mut total_with_surge = 0u64;
    let mut total_pods = 0u64;
    for p in &c.pools {
        let mp = p.max_pods.unwrap_or(c.mode.default_max_pods());
        if !(10..=250).contains(&mp) {
            push("aks.max-pods-range", format!("pool {:?}: maxPods {mp} is outside 10..250", p.name));
        } else if (mp as u64).saturating_mul(p.nodes) < 30 {
            push(
                "aks.min-pods-per-pool",
                format!(
                    "pool {:?}: maxPods {mp} x {} node(s) = {} pods; each pool needs room for at least 30",
                    p.name,
                    p.nodes,
                    (mp as u64).saturating_mul(p.nodes)
                ),
            );
        }
        if p.nodes > MAX_NODES_PER_POOL {
            push(
                "aks.nodes-per-pool",
                format!("pool {:?}: {} nodes; at most {MAX_NODES_PER_POOL} per pool", p.name, p.nodes),
            );
        }
        if p.os == PoolOs::Windows && c.mode == Mode::Kubenet {
            push("aks.windows-kubenet", format!("pool {:?}: Windows node pools cannot use kubenet", p.name));
        }
        total_nodes = total_nodes.saturating_add(p.nodes);
        total_with_surge = total_with_surge.saturating_add(p.nodes.saturating_add(p.surge.nodes_for(p.nodes)));
        total_pods = total_pods.saturating_add(p.nodes.saturating_mul(mp as u64));
    }
    if total_nodes > MAX_NODES_PER_CLUSTER {
        push("aks.nodes-per-cluster", format!("{total_nodes} nodes; at most {MAX_NODES_PER_CLUSTER} per cluster"));
    }
    if c.mode == Mode::Kubenet && total_with_surge > KUBENET_MAX_NODES {
        push(
            "aks.kubenet-route-table",
            format!("kubenet: {total_with_surge} nodes with surge need as many routes; a route table holds {KUBENET_MAX_NODES}"),
        );
    }
    if c.mode == Mode::Overlay && total_pods > OVERLAY_MAX_PODS {
        push(
            "aks.overlay-pods-per-cluster",
            format!(
                "{total_pods} pods at maxPods; Azure CNI Overlay supports at most {OVERLAY_MAX_PODS} pods per cluster"
            ),
        );
    }
    if let Some(i) = network_policy_issue(c.network_policy, total_nodes, total_pods) {
        push(i.rule, i.message);
    }
    // forbidden ranges
    let mut named: Vec<(&str, IpNet)> = c.vnet.iter().map(|v| ("VNet", *v)).collect();
    named.push(("service CIDR", c.service_cidr));
    if let Some(p) = c.pod_range {
        named.push((
            if matches!(c.mode, Mode::PodSubnetDynamic | Mode::PodSubnetStatic) { "pod subnet" } else { "pod CIDR" },
            p,
        ));
    }
    for (what, net) in &named {
        for f in crate::reserved::aks_forbidden_entries() {
            if overlaps(net, &f.prefix) {
                push("aks.forbidden-range", format!("{what} {net} overlaps {}", f.name));
            }
        }
    }
    // service CIDR and DNS IP
    if Family::of(&c.service_cidr) == Family::V4 && c.service_cidr.prefix_len() <= 12 {
        push("aks.service-cidr-size", format!("service CIDR {} must be smaller than /12", c.service_cidr));
    }
    if Family::of(&c.service_cidr) == Family::V6 && c.service_cidr.prefix_len() < SERVICE_CIDR_V6_LARGEST_PREFIX {
        push(
            "aks.service-cidr-v6-size",
            format!(
                "IPv6 service CIDR {} is larger than /{SERVICE_CIDR_V6_LARGEST_PREFIX}, the largest AKS allows",
                c.service_cidr
            ),
        );
    }
    if let Some(i) = dns_service_ip_issue(&c.service_cidr, c.dns_service_ip) {
        push(i.rule, i.message);
    }
    // dual-stack overlay
    if c.pod_cidr_v6.is_some() || c.service_cidr_v6.is_some() {
        if c.mode != Mode::Overlay {
            push("aks.dual-stack-overlay-only", format!("dual-stack needs Azure CNI Overlay, not {}", c.mode));
        }
        for (what, net) in [("IPv6 pod CIDR", c.pod_cidr_v6), ("IPv6 service CIDR", c.service_cidr_v6)] {
            if let Some(n) = net.filter(|n| Family::of(n) != Family::V6) {
                push("aks.dual-stack-family", format!("{what} {n} is not IPv6"));
            }
        }
        if let Some(v6) = c.service_cidr_v6.filter(|n| Family::of(n) == Family::V6) {
            if v6.prefix_len() < SERVICE_CIDR_V6_LARGEST_PREFIX {
                push(
                    "aks.service-cidr-v6-size",
                    format!("IPv6 service CIDR {v6} is larger than /{SERVICE_CIDR_V6_LARGEST_PREFIX}, the largest AKS allows"),
                );
            }
        }
        if let (Some(a), Some(b)) = (c.pod_cidr_v6, c.service_cidr_v6) {
            if overlaps(&a, &b) {
                push("aks.service-cidr-overlap", format!("IPv6 service CIDR {b} overlaps the IPv6 pod CIDR {a}"));
            }
        }
    }
    for v in &c.vnet {
        if overlaps(&c.service_cidr, v) {
            push("aks.service-cidr-overlap", format!("service CIDR {} overlaps the VNet {v}", c.service_cidr));
        }
    }
    // pod range
    match (c.mode, c.pod_range) {
        (Mode::Kubenet | Mode::Overlay, Some(p)) => {
            for v in &c.vnet {
                if overlaps(&p, v) {
                    push("aks.pod-cidr-overlaps-vnet", format!("pod CIDR {p} overlaps the VNet {v}"));
                }
            }
            if overlaps(&p, &c.service_cidr) {
                push("aks.service-cidr-overlap", format!("service CIDR {} overlaps the pod CIDR {p}", c.service_cidr));
            }
            let cap = max_nodes_for_pod_range(&p, c.mode, 110).unwrap_or(0);
            if total_with_surge > cap {
                push(
                    "aks.pod-cidr-too-small",
                    format!("pod CIDR {p} holds {cap} node /24s; {total_with_surge} nodes with surge need more"),
                );
            }
        }
        (Mode::PodSubnetDynamic | Mode::PodSubnetStatic, Some(p)) => {
            if !c.vnet.iter().any(|v| v.contains(&p)) {
                push("aks.pod-subnet-outside-vnet", format!("pod subnet {p} is not inside the VNet"));
            }
            if overlaps(&p, &c.node_subnet) {
                push(
                    "aks.pod-subnet-overlaps-node-subnet",
                    format!("pod subnet {p} overlaps the node subnet {}", c.node_subnet),
                );
            }
            if c.mode == Mode::PodSubnetStatic {
                if let Err(e) = check_static_pod_subnet(&p) {
                    push("aks.pod-subnet-static-size", e.to_string());
                }
            }
        }
        (Mode::PodSubnetDynamic | Mode::PodSubnetStatic, None) => {
            push("aks.pod-subnet-missing", format!("mode {} needs a pod subnet", c.mode));
        }
        _ => {}
    }
    // node subnet
    if !c.vnet.iter().any(|v| v.contains(&c.node_subnet)) {
        push("aks.node-subnet-outside-vnet", format!("node subnet {} is not inside the VNet", c.node_subnet));
    }
    let need: u64 = c
        .pools
        .iter()
        .filter_map(|p| {
            required_node_subnet_ips(c.mode, p.nodes, p.max_pods.unwrap_or(c.mode.default_max_pods()), p.surge).ok()
        })
        .fold(c.internal_load_balancer_ips, u64::saturating_add);
    match AddressProfile::Azure.usable_hosts(&c.node_subnet) {
        Ok(usable) if (need as u128) > usable => push(
            "aks.node-subnet-too-small",
            format!("node subnet {} has {usable} usable IPs; the pools need {need}", c.node_subnet),
        ),
        Ok(_) => {}
        Err(e) => push("aks.node-subnet-too-small", e.to_string()),
    }
    out
}

/// [`validate`] as a `Result`: the first broken rule as an [`Error::InvalidConfig`].
pub fn check(c: &Cluster) -> Result<()> {
    match validate(c).into_iter().next() {
        Some(i) => Err(i.into()),
        None => Ok(()),
    }
}

/// The ranges an AKS cluster needs for `req` in `mode`: the node subnet (with Azure's 5
/// reserved addresses and any internal load-balancer IPs), the pod CIDR or pod subnet,
/// and the service range.
///
/// ```
/// use cidrplan::{aks, plan::Requirement};
/// let s = aks::size(aks::Mode::AzureCni, &Requirement { max_pods: Some(30), zones: 1, ..Requirement::new(50) }).unwrap();
/// assert_eq!((s.ranges[0].prefix_len, s.ranges[0].addresses), (21, 1581)); // Microsoft's example
/// // kubenet's default pod CIDR, 10.244.0.0/16, gives 256 nodes a /24 each: 300 + surge do not fit
/// let k = aks::size(aks::Mode::Kubenet, &Requirement::new(300)).unwrap();
/// assert!(k.limited_by.iter().any(|l| l.contains("10.244.0.0/16 holds 256 nodes (a /24 each), fewer than 301: give --pod-cidr a /15")));
/// let k = aks::size(aks::Mode::Kubenet, &Requirement::new(255)).unwrap();
/// assert!(!k.limited_by.iter().any(|l| l.contains("default pod CIDR")));
/// ```
pub fn size(mode: Mode, req: &Requirement) -> Result<Sizing> {
    let (total, _per_zone) = crate::cluster::start(req)?;
    let mut ranges = Vec::new();
    let mut limited_by = Vec::new();
    let max_pods = req.max_pods.unwrap_or(mode.default_max_pods());
    let peak = req.peak();
    // the requirement's own limits first, each error naming the field it is about
    check_max_pods(max_pods)?;
    nodes_with_surge(mode, peak, req.surge).map_err(|e| e.about(req.peak_field()))?;
    let ips = required_node_subnet_ips(mode, peak, max_pods, req.surge)?.saturating_add(req.internal_load_balancer_ips);
    let len = AddressProfile::Azure.prefix_for_hosts(Family::V4, ips as u128)?;
    ranges.push(RangeNeed {
        aligned_blocks: None,
        name: "nodes".into(),
        role: Role::NodeSubnet,
        count: 1,
        prefix_len: len,
        addresses: ips as u128,
        in_vpc: true,
        // the addresses are Microsoft's count; the prefix adds Azure's 5 reserved, and the
        // rule says both so the two numbers agree
        rule: format!(
            "{}{} = {ips} IPs; with Azure's 5 reserved addresses at least a /{len}",
            if mode == Mode::AzureCni {
                format!("({peak} + surge) x (1 + {max_pods})")
            } else {
                format!("{peak} + surge nodes")
            },
            if req.internal_load_balancer_ips > 0 {
                format!(" + {} internal load-balancer IPs", req.internal_load_balancer_ips)
            } else {
                String::new()
            }
        ),
    });
    let need = pod_address_need(mode, peak, max_pods, req.surge)?;
    if let Some(plen) = need.min_prefix {
        let pod_subnet = need.source == PodSource::PodSubnet;
        ranges.push(RangeNeed {
            aligned_blocks: None,
            name: "pods".into(),
            role: if pod_subnet { Role::PodSubnet } else { Role::PodRange },
            count: 1,
            prefix_len: plen,
            addresses: need.addresses as u128,
            in_vpc: pod_subnet,
            rule: need.rule.clone(),
        });
    } else if need.source != PodSource::NodeSubnet {
        return Err(Error::DoesNotFit(format!("{} nodes need more pod addresses than any IPv4 range", total))
            .about(req.peak_field()));
    }
    if total > MAX_NODES_PER_CLUSTER {
        return Err(Error::config(
            "aks.nodes-per-cluster",
            format!("{total} nodes; AKS allows {}", MAX_NODES_PER_CLUSTER),
        )
        .about(req.peak_field()));
    }
    if mode == Mode::Kubenet {
        if total > KUBENET_MAX_NODES {
            return Err(Error::config(
                "aks.kubenet-route-table",
                format!("kubenet: {total} nodes with surge; a route table holds {}", KUBENET_MAX_NODES),
            )
            .about(req.peak_field()));
        }
        limited_by
            .push(format!("kubenet route table: {} nodes at most; kubenet retires 31 March 2028", KUBENET_MAX_NODES));
    }
    if mode == Mode::AzureCni {
        limited_by.push("node-subnet addresses: every pod takes a VNet IP".into());
    }
    // kubenet and overlay give each node a /24 of --pod-cidr; the default /16 holds 256
    if let (Mode::Kubenet | Mode::Overlay, Some(plen)) = (mode, need.min_prefix) {
        let default = DEFAULT_POD_CIDR.parse::<ipnet::IpNet>().map_or(16, |d| d.prefix_len());
        if plen < default {
            limited_by.push(format!(
                "the default pod CIDR {DEFAULT_POD_CIDR} holds {} nodes (a /24 each), fewer than {total}: give --pod-cidr a /{plen} or larger",
                1u64 << (24 - default.min(24))
            ));
        }
    }
    if mode == Mode::Overlay && total.saturating_mul(max_pods as u64) > OVERLAY_MAX_PODS {
        limited_by.push(format!(
            "Azure CNI Overlay holds at most {} pods per cluster, fewer than {total} nodes x {max_pods}",
            OVERLAY_MAX_PODS
        ));
    }
    ranges.push(services_range(req, 16, 13, 28, false)?);
    Ok(crate::cluster::finish(
        format!("aks/{mode}"),
        max_pods,
        total,
        ranges,
        limited_by,
        (mode == Mode::Overlay).then_some(OVERLAY_MAX_PODS),
    ))
}
