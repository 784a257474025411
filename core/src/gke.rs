//! Google GKE (VPC-native and route-based): node counts from ranges and ranges
//! from node counts.
//!
//! Sources (see `capacity-rules.md`): GKE "Alias IP ranges / IP address
//! management", "Optimizing IP address allocation" (flexible pod CIDR), GKE
//! quotas and limits, gcloud's route-based estimate.

use crate::cluster::{services_range, v4_block, LimitedBy, RangeNeed, Requirement, Role, Sizing};
use crate::{Error, Result};

/// Nodes per cluster (GKE limit).
pub const MAX_NODES_PER_CLUSTER: u64 = 15_000;
/// Nodes per node pool per zone.
pub const MAX_NODES_PER_POOL_PER_ZONE: u64 = 1_000;
/// The services range newer clusters share by default (Google-managed, not in the VPC).
pub const SHARED_SERVICES_RANGE: &str = "34.118.224.0/20";

/// The services range GKE uses when none is given: the shared 34.118.224.0/20 for
/// Autopilot 1.27 and later and Standard 1.29 and later (GKE docs, "VPC-native clusters":
/// default services range); `None` for older versions, where GKE carves a /20 from the
/// subnet's secondary ranges.
///
/// ```
/// use cidrplan::gke::{default_services_range, ClusterKind};
/// assert_eq!(default_services_range(ClusterKind::Autopilot, (1, 27)).unwrap().to_string(), "34.118.224.0/20");
/// assert!(default_services_range(ClusterKind::Standard, (1, 28)).is_none());
/// assert!(default_services_range(ClusterKind::Standard, (1, 29)).is_some());
/// ```
pub fn default_services_range(kind: ClusterKind, version: (u32, u32)) -> Option<ipnet::IpNet> {
    let since = match kind {
        ClusterKind::Autopilot => (1, 27),
        ClusterKind::Standard => (1, 29),
    };
    if version >= since {
        crate::parse_prefix(SHARED_SERVICES_RANGE).ok()
    } else {
        None
    }
}

fn ceil_log2(x: u64) -> u32 {
    if x <= 1 {
        0
    } else {
        64 - (x - 1).leading_zeros()
    }
}

/// Nodes a primary (node) subnet range /S holds: 2^(32-S) - 4.
///
/// ```
/// use cidrplan::gke::max_nodes_for_primary;
/// assert_eq!(max_nodes_for_primary(20).unwrap(), 4_092);
/// assert_eq!(max_nodes_for_primary(24).unwrap(), 252);
/// assert_eq!(max_nodes_for_primary(29).unwrap(), 4);
/// assert!(max_nodes_for_primary(30).is_err());
/// ```
pub fn max_nodes_for_primary(prefix_len: u8) -> Result<u64> {
    if !(8..=29).contains(&prefix_len) {
        return Err(Error::config(
            "gke.primary-range-size",
            format!("a GKE subnet primary range is /8 to /29, not /{prefix_len}"),
        ));
    }
    Ok((1u64 << (32 - prefix_len)) - 4)
}

/// Smallest primary range for `nodes` nodes: S = 32 - ceil(log2(N + 4)), at most /29.
///
/// ```
/// use cidrplan::gke::primary_prefix_for;
/// assert_eq!(primary_prefix_for(1000).unwrap(), 22);
/// assert_eq!(primary_prefix_for(4092).unwrap(), 20);
/// assert_eq!(primary_prefix_for(4093).unwrap(), 19);
/// assert_eq!(primary_prefix_for(1).unwrap(), 29);
/// assert!(primary_prefix_for(16_777_213).is_err());
/// ```
pub fn primary_prefix_for(nodes: u64) -> Result<u8> {
    let s = 32i64 - ceil_log2(nodes.saturating_add(4)) as i64;
    if s < 8 {
        return Err(Error::config(
            "gke.primary-range-size",
            format!("{nodes} nodes need more than a /8 primary range (at most 16,777,212 nodes)"),
        ));
    }
    Ok(s.min(29) as u8)
}

/// Per-node pod range prefix for `max_pods`: Q rounded up to a power of two and
/// doubled (M = 31 - ceil(log2 Q)); without overprovisioning, M = 32 - ceil(log2 Q).
/// Standard clusters allow 8..256 pods per node.
///
/// ```
/// use cidrplan::gke::pod_range_prefix;
/// assert_eq!(pod_range_prefix(110, true).unwrap(), 24);
/// assert_eq!(pod_range_prefix(8, true).unwrap(), 28);
/// assert_eq!(pod_range_prefix(9, true).unwrap(), 27);
/// assert_eq!(pod_range_prefix(129, true).unwrap(), 23);
/// assert_eq!(pod_range_prefix(32, true).unwrap(), 26); // Autopilot
/// assert_eq!(pod_range_prefix(110, false).unwrap(), 25);
/// assert!(pod_range_prefix(7, true).is_err());
/// ```
pub fn pod_range_prefix(max_pods: u32, overprovisioning: bool) -> Result<u8> {
    if !(8..=256).contains(&max_pods) {
        return Err(Error::config("gke.max-pods-range", format!("max pods per node {max_pods} is outside 8..256"))
            .about("max_pods"));
    }
    let base = if overprovisioning { 31 } else { 32 };
    Ok((base - ceil_log2(max_pods as u64)) as u8)
}

/// Nodes a pod range /R holds at per-node prefix M: 2^(M - R).
///
/// ```
/// use cidrplan::gke::nodes_for_pod_range;
/// assert_eq!(nodes_for_pod_range(14, 110).unwrap(), 1_024);
/// assert_eq!(nodes_for_pod_range(21, 110).unwrap(), 8);
/// assert!(nodes_for_pod_range(25, 110).is_err()); // smaller than /24
/// assert!(nodes_for_pod_range(8, 110).is_err());  // larger than /9
/// ```
pub fn nodes_for_pod_range(pod_prefix: u8, max_pods: u32) -> Result<u64> {
    nodes_for_pod_range_with(pod_prefix, max_pods, true)
}

/// [`nodes_for_pod_range`] with the overprovisioning switch.
pub fn nodes_for_pod_range_with(pod_prefix: u8, max_pods: u32, overprovisioning: bool) -> Result<u64> {
    if !(9..=24).contains(&pod_prefix) {
        return Err(Error::config(
            "gke.pod-range-size",
            format!("a pod range is /9 to /24 (user-managed), not /{pod_prefix}"),
        ));
    }
    let m = pod_range_prefix(max_pods, overprovisioning)?;
    Ok(if m < pod_prefix { 0 } else { 1u64 << (m - pod_prefix) })
}

/// Smallest pod range for `nodes` nodes at `max_pods`.
///
/// ```
/// assert_eq!(cidrplan::gke::pod_range_prefix_for(1024, 110).unwrap(), 14);
/// assert_eq!(cidrplan::gke::pod_range_prefix_for(3, 110).unwrap(), 22);
/// ```
pub fn pod_range_prefix_for(nodes: u64, max_pods: u32) -> Result<u8> {
    let m = pod_range_prefix(max_pods, true)? as i64;
    let r = m - ceil_log2(nodes.max(1)) as i64;
    if r < 9 {
        return Err(Error::config(
            "gke.pod-range-size",
            format!("{nodes} nodes at {max_pods} pods need a pod range larger than /9"),
        ));
    }
    Ok(r.min(24) as u8)
}

/// Services a services range /R holds: 2^(32-R), user-managed /16 to /28.
///
/// ```
/// assert_eq!(cidrplan::gke::services_for_range(20).unwrap(), 4_096);
/// assert!(cidrplan::gke::services_for_range(29).is_err());
/// ```
pub fn services_for_range(prefix_len: u8) -> Result<u64> {
    if !(16..=28).contains(&prefix_len) {
        return Err(Error::config(
            "gke.services-range-size",
            format!("a services range is /16 to /28 (user-managed), not /{prefix_len}"),
        ));
    }
    Ok(1u64 << (32 - prefix_len))
}

/// Route-based (legacy) cluster: nodes = floor((2^(32-R) - 2^12) / 256), the last /20 being services.
///
/// ```
/// assert_eq!(cidrplan::gke::route_based_max_nodes(14).unwrap(), 1_008);
/// ```
pub fn route_based_max_nodes(cluster_prefix: u8) -> Result<u64> {
    if !(8..=19).contains(&cluster_prefix) {
        return Err(Error::config(
            "gke.route-based-range",
            format!("a route-based cluster range must be /8 to /19, not /{cluster_prefix}"),
        ));
    }
    Ok(((1u64 << (32 - cluster_prefix)) - 4096) / 256)
}

/// Pods per node limits by cluster type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum ClusterKind {
    /// Standard: 8..256 pods per node, default 110.
    #[default]
    Standard,
    /// Autopilot: 32 pods per node.
    Autopilot,
}

/// One pod range and the node pools that use it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct PodRangeUse {
    /// Pod range prefix length.
    pub prefix_len: u8,
    /// Max pods per node of the pools on it.
    pub max_pods: u32,
    /// Node pools on this range.
    pub node_pools: u32,
}

/// Inputs of [`cluster_max_nodes`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct ClusterShape {
    /// Primary (node) range prefix length.
    pub node_prefix: u8,
    /// Pod ranges (discontiguous multi-pod CIDR: one per node-pool group).
    pub pod_ranges: Vec<PodRangeUse>,
    /// Zones the node pools span (1 zonal, usually 3 regional).
    pub zones: u32,
    /// Regional cluster: nodes come in multiples of the zone count.
    pub regional: bool,
    /// Private Service Connect cluster without a private endpoint subnet: one fewer node.
    pub psc_without_private_endpoint_subnet: bool,
}

impl ClusterShape {
    /// A zonal cluster (one zone, not regional) with a primary range and its pod ranges.
    ///
    /// ```
    /// use cidrplan::gke::{ClusterShape, PodRangeUse};
    /// let s = ClusterShape::new(20, vec![PodRangeUse::new(14, 110)]);
    /// assert_eq!((s.zones, s.regional), (1, false));
    /// ```
    pub fn new(node_prefix: u8, pod_ranges: Vec<PodRangeUse>) -> Self {
        ClusterShape { node_prefix, pod_ranges, zones: 1, regional: false, psc_without_private_endpoint_subnet: false }
    }
}

impl PodRangeUse {
    /// One node pool on a pod range of `prefix_len` at `max_pods` per node.
    pub fn new(prefix_len: u8, max_pods: u32) -> Self {
        PodRangeUse { prefix_len, max_pods, node_pools: 1 }
    }
}

/// The cluster's node ceiling and what sets it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct ClusterNodes {
    /// Nodes the cluster can have.
    pub max_nodes: u64,
    /// What limits it.
    pub limited_by: LimitedBy,
    /// Each limit considered, with the nodes it allows.
    pub limits: Vec<(LimitedBy, u64)>,
}

/// Cluster max nodes: the minimum of the primary range, the pod ranges, 15,000 per
/// cluster and 1,000 per pool per zone; regional clusters round down to a multiple of zones.
///
/// ```
/// use cidrplan::gke::{cluster_max_nodes, ClusterShape, PodRangeUse};
/// let shape = ClusterShape {
///     node_prefix: 20,
///     pod_ranges: vec![PodRangeUse { prefix_len: 14, max_pods: 110, node_pools: 1 }],
///     zones: 3, regional: true, psc_without_private_endpoint_subnet: false,
/// };
/// let r = cluster_max_nodes(&shape).unwrap();
/// assert_eq!((r.max_nodes, r.limited_by), (1023, cidrplan::cluster::LimitedBy::PodRanges));
/// ```
pub fn cluster_max_nodes(shape: &ClusterShape) -> Result<ClusterNodes> {
    crate::bounds::check("zones", shape.zones, 1, crate::bounds::MAX_ZONES, "no cloud region has more zones")?;
    if shape.pod_ranges.is_empty() {
        return Err(Error::InvalidArgument("give at least one pod range".into()));
    }
    let mut primary = max_nodes_for_primary(shape.node_prefix)?;
    if shape.psc_without_private_endpoint_subnet {
        primary -= 1;
    }
    let mut pods = 0u64;
    let mut pools = 0u64;
    for r in &shape.pod_ranges {
        pods = pods.saturating_add(nodes_for_pod_range(r.prefix_len, r.max_pods)?);
        pools = pools.saturating_add(r.node_pools as u64);
    }
    let limits = vec![
        (LimitedBy::PrimaryRange, primary),
        (LimitedBy::PodRanges, pods),
        (LimitedBy::ClusterNodeLimit, MAX_NODES_PER_CLUSTER),
        (
            LimitedBy::NodesPerPoolPerZone,
            pools.saturating_mul(shape.zones as u64).saturating_mul(MAX_NODES_PER_POOL_PER_ZONE),
        ),
    ];
    let (name, mut n) = limits.iter().min_by_key(|l| l.1).copied().unwrap_or((LimitedBy::PrimaryRange, 0));
    if shape.regional {
        n -= n % shape.zones as u64;
    }
    Ok(ClusterNodes { max_nodes: n, limited_by: name, limits })
}

/// The lengths [`max_nodes`] reads, named so that a node prefix and a pod prefix
/// (both bare numbers) cannot be swapped unnoticed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NodeAndPodRanges {
    /// Primary (node) range prefix length.
    pub node_prefix: u8,
    /// Pod (secondary) range prefix length.
    pub pod_prefix: u8,
    /// Max pods per node.
    pub max_pods: u32,
}

/// The common case, addresses only: min(primary range, one pod range, 15,000).
/// Pool and zone limits need [`cluster_max_nodes`].
///
/// ```
/// use cidrplan::gke::{max_nodes, NodeAndPodRanges};
/// assert_eq!(max_nodes(&NodeAndPodRanges { node_prefix: 20, pod_prefix: 14, max_pods: 110 }).unwrap(), 1024);
/// assert_eq!(max_nodes(&NodeAndPodRanges { node_prefix: 24, pod_prefix: 14, max_pods: 110 }).unwrap(), 252);
/// ```
pub fn max_nodes(r: &NodeAndPodRanges) -> Result<u64> {
    let primary = max_nodes_for_primary(r.node_prefix)?;
    let pods = nodes_for_pod_range(r.pod_prefix, r.max_pods)?;
    Ok(primary.min(pods).min(MAX_NODES_PER_CLUSTER))
}

/// The ranges a GKE cluster needs for `req`: the subnet's primary range, the pod
/// secondary range and the services range; regional clusters round nodes up to a
/// multiple of the zones.
///
/// ```
/// use cidrplan::{gke, plan::Requirement};
/// let s = gke::size(gke::ClusterKind::Standard, &Requirement::new(50)).unwrap();
/// assert_eq!((s.nodes, s.ranges[1].prefix_len), (51, 18)); // 51 nodes x /24 each
/// ```
pub fn size(kind: ClusterKind, req: &Requirement) -> Result<Sizing> {
    let (mut total, _per_zone) = crate::cluster::start(req)?;
    let mut ranges = Vec::new();
    let mut limited_by = Vec::new();
    let max_pods = match kind {
        ClusterKind::Autopilot => 32,
        ClusterKind::Standard => req.max_pods.unwrap_or(110),
    };
    if req.zones > 1 {
        // a regional node pool has the same number of nodes in every zone
        let rounded = total.div_ceil(req.zones as u64).saturating_mul(req.zones as u64);
        if rounded != total {
            limited_by
                .push(format!("regional: {total} nodes round up to {rounded}, a multiple of the {} zones", req.zones));
        }
        total = rounded;
    }
    if total > MAX_NODES_PER_CLUSTER {
        return Err(Error::config(
            "gke.nodes-per-cluster",
            format!("{total} nodes; GKE allows {}", MAX_NODES_PER_CLUSTER),
        )
        .about(req.peak_field()));
    }
    let plen = primary_prefix_for(total).map_err(|e| e.about(req.peak_field()))?;
    ranges.push(RangeNeed {
        aligned_blocks: None,
        name: "nodes".into(),
        role: Role::NodeSubnet,
        count: 1,
        prefix_len: plen,
        // the nodes' own addresses, as every platform counts them; Google's 4 reserved
        // addresses are in the prefix length
        addresses: total as u128,
        in_vpc: true,
        rule: format!("{total} nodes; with Google's 4 reserved addresses at least a /{plen}"),
    });
    let podlen = pod_range_prefix_for(total, max_pods).map_err(|e| e.about(req.peak_field()))?;
    let m = pod_range_prefix(max_pods, true)?;
    ranges.push(RangeNeed {
        aligned_blocks: None,
        name: "pods".into(),
        role: Role::PodRange,
        count: 1,
        prefix_len: podlen,
        addresses: total as u128 * v4_block(m),
        in_vpc: true,
        rule: format!("{total} nodes x /{m} per node ({max_pods} pods, doubled and rounded to a power of two)"),
    });
    ranges.push(services_range(req, 20, 16, 28, true)?);
    limited_by.push("pod range: each node takes a whole /".to_string() + &m.to_string());
    Ok(crate::cluster::finish(
        match kind {
            ClusterKind::Standard => "gke/standard",
            ClusterKind::Autopilot => "gke/autopilot",
        }
        .to_string(),
        max_pods,
        total,
        ranges,
        limited_by,
        None,
    ))
}
