//! Plain Kubernetes and its CNIs: kube-controller-manager's range allocator,
//! Calico IP pools, Cilium cluster-pool and Flannel.
//!
//! Sources (see `capacity-rules.md`): kube-controller-manager flags
//! (`--cluster-cidr`, `--node-cidr-mask-size`), Kubernetes "Considerations for
//! large clusters", Calico IPPool `blockSize`, Cilium cluster-pool IPAM, Flannel
//! `net-conf.json`.

use crate::addr::Family;
use crate::{Error, Result};
use ipnet::IpNet;

/// kubelet's default max pods.
pub const DEFAULT_MAX_PODS: u32 = 110;

/// Nodes the range allocator can give a CIDR to: 2^(M - C), where M - C <= 16.
///
/// ```
/// use cidrplan::k8s::range_allocator_nodes;
/// let n = |s: &str| s.parse().unwrap();
/// assert_eq!(range_allocator_nodes(&n("10.244.0.0/16"), 24).unwrap(), 256);
/// assert_eq!(range_allocator_nodes(&n("fd00::/48"), 64).unwrap(), 65_536);
/// let e = range_allocator_nodes(&n("10.0.0.0/8"), 26).unwrap_err();
/// assert_eq!(e.rule(), Some("k8s.node-cidr-mask-size"));
/// ```
pub fn range_allocator_nodes(cluster_cidr: &IpNet, node_mask: u8) -> Result<u64> {
    let c = cluster_cidr.prefix_len();
    let bits = Family::of(cluster_cidr).bits();
    if node_mask > bits || node_mask < c {
        return Err(Error::config(
            "k8s.node-cidr-mask-size",
            format!("--node-cidr-mask-size {node_mask} must be between the cluster CIDR's /{c} and /{bits}"),
        ));
    }
    if node_mask - c > 16 {
        return Err(Error::config(
            "k8s.node-cidr-mask-size",
            format!("--node-cidr-mask-size {node_mask} is more than 16 bits longer than --cluster-cidr {cluster_cidr}"),
        ));
    }
    Ok(1u64 << (node_mask - c))
}

/// Pod addresses per node block for host-local IPAM: the block minus network and broadcast (IPv4).
///
/// ```
/// use cidrplan::{k8s::host_local_pod_ips, Family};
/// assert_eq!(host_local_pod_ips(Family::V4, 24), 254);
/// ```
pub fn host_local_pod_ips(family: Family, node_mask: u8) -> u128 {
    let hb = family.bits().saturating_sub(node_mask);
    let total = crate::addr::block_size_saturating(hb);
    match family {
        Family::V4 if hb >= 2 => total - 2,
        Family::V4 => 0,
        Family::V6 => total.saturating_sub(1),
    }
}

/// Calico IPAM over one pool.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CalicoPool {
    /// Blocks in the pool.
    pub blocks: u64,
    /// Addresses per block.
    pub block_addresses: u128,
    /// Blocks one node takes for its pods.
    pub blocks_per_node: u64,
    /// Nodes the pool holds at that many pods.
    pub nodes: u64,
}

/// Calico: blocks = 2^(blockSize - pool prefix); a node takes ceil(pods / block size) blocks.
///
/// ```
/// use cidrplan::k8s::calico_pool;
/// let r = calico_pool(&"192.168.0.0/16".parse().unwrap(), 26, 110).unwrap();
/// assert_eq!((r.blocks, r.blocks_per_node, r.nodes), (1024, 2, 512));
/// assert!(calico_pool(&"192.168.0.0/16".parse().unwrap(), 19, 110).is_err());
/// ```
pub fn calico_pool(pool: &IpNet, block_size: u8, pods_per_node: u32) -> Result<CalicoPool> {
    let fam = Family::of(pool);
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
    let extra = block_size - pool.prefix_len();
    let blocks = if extra >= 63 { u64::MAX } else { 1u64 << extra };
    let block_addresses = 1u128 << (fam.bits() - block_size);
    let blocks_per_node = (pods_per_node.max(1) as u128).div_ceil(block_addresses) as u64;
    Ok(CalicoPool { blocks, block_addresses, blocks_per_node, nodes: blocks / blocks_per_node })
}

/// Cilium cluster-pool: nodes = 2^(mask - pool prefix) (default 10.0.0.0/8, /24 per node).
///
/// ```
/// assert_eq!(cidrplan::k8s::cilium_cluster_pool_nodes(&"10.0.0.0/8".parse().unwrap(), 24).unwrap(), 65_536);
/// ```
pub fn cilium_cluster_pool_nodes(pool: &IpNet, node_mask: u8) -> Result<u64> {
    let bits = Family::of(pool).bits();
    if node_mask < pool.prefix_len() || node_mask > bits {
        return Err(Error::config(
            "cilium.mask-size",
            format!("clusterPoolIPv4MaskSize {node_mask} must be between /{} and /{bits}", pool.prefix_len()),
        ));
    }
    let extra = node_mask - pool.prefix_len();
    Ok(if extra >= 63 { u64::MAX } else { 1u64 << extra })
}

/// Flannel: nodes = 2^(SubnetLen - Network prefix) (default 10.244.0.0/16 with /24).
///
/// ```
/// assert_eq!(cidrplan::k8s::flannel_nodes(&"10.244.0.0/16".parse().unwrap(), 24).unwrap(), 256);
/// ```
pub fn flannel_nodes(network: &IpNet, subnet_len: u8) -> Result<u64> {
    let bits = Family::of(network).bits();
    if subnet_len < network.prefix_len() || subnet_len > bits {
        return Err(Error::config(
            "flannel.subnet-len",
            format!("SubnetLen {subnet_len} must be between /{} and /{bits}", network.prefix_len()),
        ));
    }
    let extra = subnet_len - network.prefix_len();
    Ok(if extra >= 63 { u64::MAX } else { 1u64 << extra })
}
