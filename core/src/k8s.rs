//! Plain Kubernetes and its CNIs: kube-controller-manager's range allocator,
//! Calico IP pools, Cilium cluster-pool and Flannel.
//!
//! Sources (see `capacity-rules.md`): kube-controller-manager flags
//! (`--cluster-cidr`, `--node-cidr-mask-size`), Kubernetes "Considerations for
//! large clusters", Calico IPPool `blockSize`, Cilium cluster-pool IPAM, Flannel
//! `net-conf.json`.

use crate::addr::Family;
use crate::cluster::{services_range, v4_block, RangeNeed, Requirement, Role, Sizing};
use crate::profile::AddressProfile;
use crate::{Error, Result};
use ipnet::IpNet;

/// kubelet's default max pods.
pub const DEFAULT_MAX_PODS: u32 = 110;
/// The Calico operator's default IP pool.
pub const DEFAULT_CALICO_POOL: &str = "192.168.0.0/16";
/// Cilium's default cluster-pool.
pub const DEFAULT_CILIUM_POOL: &str = "10.0.0.0/8";
/// Flannel's default `Network`.
pub const DEFAULT_FLANNEL_NETWORK: &str = "10.244.0.0/16";

/// Which "node mask at most 16 bits longer than the cluster CIDR" rule applies.
///
/// kube-controller-manager applies it to IPv6 cluster CIDRs only
/// (`pkg/controller/nodeipam/ipam/cidrset/cidr_set.go`: `IP.To4() == nil && diff > 16`);
/// kubeadm's validation applies it to both families.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum MaskLimit {
    /// kube-controller-manager: IPv6 only (the default).
    #[default]
    Controller,
    /// kubeadm: both families.
    Kubeadm,
}

impl std::str::FromStr for MaskLimit {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "controller" | "kube_controller_manager" => Ok(MaskLimit::Controller),
            "kubeadm" => Ok(MaskLimit::Kubeadm),
            _ => Err(Error::InvalidArgument(format!(
                "unknown node-mask rule {:?}; choose controller (kube-controller-manager) or kubeadm",
                crate::parse::echo(s)
            ))),
        }
    }
}

/// `--node-cidr-mask-size` default for a family: /24 for IPv4, /64 for IPv6.
///
/// ```
/// use cidrplan::{k8s::default_node_mask, Family};
/// assert_eq!((default_node_mask(Family::V4), default_node_mask(Family::V6)), (24, 64));
/// ```
pub const fn default_node_mask(family: Family) -> u8 {
    match family {
        Family::V4 => 24,
        Family::V6 => 64,
    }
}

/// Calico `blockSize` default for a family: /26 for IPv4, /122 for IPv6.
pub const fn default_calico_block_size(family: Family) -> u8 {
    match family {
        Family::V4 => 26,
        Family::V6 => 122,
    }
}

/// Cilium cluster-pool mask default for a family: /24 for IPv4, /120 for IPv6.
pub const fn default_cilium_mask(family: Family) -> u8 {
    match family {
        Family::V4 => 24,
        Family::V6 => 120,
    }
}

/// 2^extra as an exact count, or an error past 2^127.
fn power_of_two(extra: u8, what: &str) -> Result<u128> {
    if extra >= 128 {
        return Err(Error::LimitExceeded(format!(
            "{what}: 2^{extra} is past the largest count cidrplan returns (2^127)"
        )));
    }
    Ok(1u128 << extra)
}

/// Nodes the range allocator can give a CIDR to: 2^(M - C). `node_mask` defaults by
/// the family of the cluster CIDR (/24 or /64); `rule` says where M - C <= 16 applies.
///
/// ```
/// use cidrplan::k8s::{range_allocator_nodes, MaskLimit};
/// let n = |s: &str| s.parse().unwrap();
/// assert_eq!(range_allocator_nodes(&n("10.244.0.0/16"), None, MaskLimit::Controller).unwrap(), 256);
/// assert_eq!(range_allocator_nodes(&n("fd00::/48"), None, MaskLimit::Controller).unwrap(), 65_536);
/// // kube-controller-manager: the 16-bit limit is for IPv6 only; kubeadm applies it to IPv4 too
/// assert_eq!(range_allocator_nodes(&n("10.0.0.0/8"), Some(26), MaskLimit::Controller).unwrap(), 262_144);
/// let e = range_allocator_nodes(&n("10.0.0.0/8"), Some(26), MaskLimit::Kubeadm).unwrap_err();
/// assert_eq!(e.rule(), Some("k8s.node-cidr-mask-size"));
/// assert!(range_allocator_nodes(&n("fd00::/32"), Some(64), MaskLimit::Controller).is_err());
/// ```
pub fn range_allocator_nodes(cluster_cidr: &IpNet, node_mask: Option<u8>, rule: MaskLimit) -> Result<u128> {
    let fam = Family::of(cluster_cidr);
    let node_mask = node_mask.unwrap_or(default_node_mask(fam));
    let c = cluster_cidr.prefix_len();
    let bits = fam.bits();
    if node_mask > bits || node_mask < c {
        return Err(Error::config(
            "k8s.node-cidr-mask-size",
            format!("--node-cidr-mask-size {node_mask} must be between the cluster CIDR's /{c} and /{bits}"),
        ));
    }
    let limited = fam == Family::V6 || rule == MaskLimit::Kubeadm;
    if limited && node_mask - c > 16 {
        return Err(Error::config(
            "k8s.node-cidr-mask-size",
            format!(
                "--node-cidr-mask-size {node_mask} is more than 16 bits longer than --cluster-cidr {cluster_cidr} \
                 ({}); use a mask of at most /{}",
                if rule == MaskLimit::Kubeadm { "kubeadm's rule" } else { "kube-controller-manager's rule for IPv6" },
                c + 16
            ),
        ));
    }
    power_of_two(node_mask - c, "range allocator nodes")
}

/// Pod addresses per node block for host-local IPAM: IPv4 leaves out the network and
/// broadcast addresses, IPv6 the network address.
///
/// ```
/// use cidrplan::{k8s::host_local_pod_ips, Family};
/// assert_eq!(host_local_pod_ips(24, Family::V4).unwrap(), 254);
/// assert_eq!(host_local_pod_ips(120, Family::V6).unwrap(), 255);
/// assert!(host_local_pod_ips(33, Family::V4).is_err());
/// ```
pub fn host_local_pod_ips(node_mask: u8, family: Family) -> Result<u128> {
    let bits = family.bits();
    if node_mask > bits {
        return Err(Error::InvalidArgument(format!(
            "node_mask /{node_mask} is longer than /{bits}, the {} maximum",
            family.name()
        )));
    }
    let hb = bits - node_mask;
    Ok(match family {
        Family::V4 if hb >= 2 => (1u128 << hb) - 2,
        Family::V4 => 0,
        Family::V6 => crate::addr::span_minus_one(hb),
    })
}

/// Calico IPAM over one pool.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct CalicoPool {
    /// The blockSize used.
    pub block_size: u8,
    /// Blocks in the pool.
    #[cfg_attr(feature = "typescript", tsify(type = "Count"))]
    pub blocks: u128,
    /// Addresses per block.
    #[cfg_attr(feature = "typescript", tsify(type = "Count"))]
    pub block_addresses: u128,
    /// Blocks one node takes for its pods.
    #[cfg_attr(feature = "typescript", tsify(type = "Count"))]
    pub blocks_per_node: u128,
    /// Nodes the pool holds at that many pods.
    #[cfg_attr(feature = "typescript", tsify(type = "Count"))]
    pub nodes: u128,
}

/// Calico: blocks = 2^(blockSize - pool prefix); a node takes ceil(pods / block size) blocks.
/// `block_size` defaults by the pool's family (/26 or /122).
///
/// ```
/// use cidrplan::k8s::calico_pool;
/// let r = calico_pool(&"192.168.0.0/16".parse().unwrap(), None, 110).unwrap();
/// assert_eq!((r.blocks, r.blocks_per_node, r.nodes), (1024, 2, 512));
/// assert_eq!(calico_pool(&"fd00::/48".parse().unwrap(), None, 110).unwrap().block_size, 122);
/// assert_eq!(calico_pool(&"fd00::/48".parse().unwrap(), Some(122), 110).unwrap().blocks, 1 << 74);
/// assert!(calico_pool(&"192.168.0.0/16".parse().unwrap(), Some(19), 110).is_err());
/// ```
pub fn calico_pool(pool: &IpNet, block_size: Option<u8>, pods_per_node: u32) -> Result<CalicoPool> {
    let fam = Family::of(pool);
    let block_size = block_size.unwrap_or(default_calico_block_size(fam));
    let (lo, hi) = match fam {
        Family::V4 => (20, 32),
        Family::V6 => (116, 128),
    };
    if !(lo..=hi).contains(&block_size) {
        return Err(Error::config(
            "calico.block-size",
            format!("Calico blockSize {block_size} is outside {lo}..{hi} for {}", fam.name()),
        ));
    }
    if block_size < pool.prefix_len() {
        return Err(Error::config(
            "calico.block-size",
            format!("blockSize /{block_size} is larger than the pool {pool}"),
        ));
    }
    let blocks = power_of_two(block_size - pool.prefix_len(), "Calico blocks")?;
    let block_addresses = 1u128 << (fam.bits() - block_size);
    let blocks_per_node = (pods_per_node.max(1) as u128).div_ceil(block_addresses);
    Ok(CalicoPool { block_size, blocks, block_addresses, blocks_per_node, nodes: blocks / blocks_per_node })
}

/// Cilium cluster-pool: nodes = 2^(mask - pool prefix) (default 10.0.0.0/8 with /24 per
/// node; an IPv6 pool defaults to /120 per node).
///
/// ```
/// use cidrplan::k8s::cilium_cluster_pool_nodes;
/// assert_eq!(cilium_cluster_pool_nodes(&"10.0.0.0/8".parse().unwrap(), None).unwrap(), 65_536);
/// assert_eq!(cilium_cluster_pool_nodes(&"fd00::/104".parse().unwrap(), None).unwrap(), 65_536);
/// ```
pub fn cilium_cluster_pool_nodes(pool: &IpNet, node_mask: Option<u8>) -> Result<u128> {
    let fam = Family::of(pool);
    let node_mask = node_mask.unwrap_or(default_cilium_mask(fam));
    let bits = fam.bits();
    if node_mask < pool.prefix_len() || node_mask > bits {
        return Err(Error::config(
            "cilium.mask-size",
            format!("clusterPoolIPv4MaskSize {node_mask} must be between /{} and /{bits}", pool.prefix_len()),
        ));
    }
    power_of_two(node_mask - pool.prefix_len(), "Cilium nodes")
}

/// Flannel: nodes = 2^(SubnetLen - Network prefix) (default 10.244.0.0/16 with /24).
///
/// ```
/// assert_eq!(cidrplan::k8s::flannel_nodes(&"10.244.0.0/16".parse().unwrap(), 24).unwrap(), 256);
/// ```
pub fn flannel_nodes(network: &IpNet, subnet_len: u8) -> Result<u128> {
    let bits = Family::of(network).bits();
    if subnet_len < network.prefix_len() || subnet_len > bits {
        return Err(Error::config(
            "flannel.subnet-len",
            format!("SubnetLen {subnet_len} must be between /{} and /{bits}", network.prefix_len()),
        ));
    }
    power_of_two(subnet_len - network.prefix_len(), "Flannel nodes")
}

/// The ranges a plain Kubernetes cluster needs for `req` with the range allocator at
/// `node_mask`: the node subnet, the `--cluster-cidr` and the service range.
///
/// ```
/// use cidrplan::{k8s, plan::Requirement};
/// let s = k8s::size(24, &Requirement::new(100)).unwrap();
/// assert_eq!(s.ranges[1].prefix_len, 17); // 101 nodes x /24
/// ```
pub fn size(node_mask: u8, req: &Requirement) -> Result<Sizing> {
    let (total, _per_zone) = crate::cluster::start(req)?;
    let mut ranges = Vec::new();
    let limited_by = Vec::new();
    let max_pods = req.max_pods.unwrap_or(DEFAULT_MAX_PODS);
    let host_local = host_local_pod_ips(node_mask, Family::V4)?;
    if (max_pods as u128) > host_local {
        return Err(Error::config(
            "k8s.node-cidr-mask-size",
            format!("a /{node_mask} per node holds {host_local} pods, fewer than {max_pods}"),
        )
        .about("max_pods"));
    }
    let nlen = AddressProfile::Standard.prefix_for_hosts(Family::V4, total as u128)?;
    ranges.push(RangeNeed {
        aligned_blocks: None,
        name: "nodes".into(),
        role: Role::NodeSubnet,
        count: 1,
        prefix_len: nlen,
        addresses: total as u128,
        in_vpc: true,
        rule: format!("{total} nodes + network and broadcast"),
    });
    let bits = 64 - total.saturating_sub(1).leading_zeros();
    if bits > 16 || bits as u8 > node_mask {
        return Err(Error::config("k8s.node-cidr-mask-size", format!("{total} nodes need more than 2^16 node CIDRs"))
            .about(req.peak_field()));
    }
    let clen = node_mask - bits as u8;
    ranges.push(RangeNeed {
        aligned_blocks: None,
        name: "pods".into(),
        role: Role::PodRange,
        count: 1,
        prefix_len: clen,
        addresses: total as u128 * v4_block(node_mask),
        in_vpc: false,
        rule: format!("--cluster-cidr for {total} nodes x /{node_mask}"),
    });
    ranges.push(services_range(req, 12, 12, 28, false)?);
    Ok(crate::cluster::finish(format!("kubernetes/{node_mask}"), max_pods, total, ranges, limited_by, None))
}
