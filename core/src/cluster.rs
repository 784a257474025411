//! What every platform's sizing shares: the requirement a cluster must meet (with its
//! node pools), the ranges it needs and the sizing result. Each platform module (`eks`, `aks`, `gke`,
//! `k8s`) owns its own rules and its `size` function; [`crate::plan`] parses platform
//! specs, dispatches, compares and carves.

use crate::addr::Family;
use crate::profile::AddressProfile;
use crate::{Error, Result};
use std::str::FromStr;

/// What the cluster must hold. Read from JSON, an unknown field is an error (a typo
/// such as `max_pod` would otherwise leave the platform's default in its place).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct Requirement {
    /// Nodes now.
    pub nodes: u64,
    /// Nodes at peak (autoscaling); `nodes` when `None`.
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub peak_nodes: Option<u64>,
    /// Pods per node; the platform's default when `None`.
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub max_pods: Option<u32>,
    /// Upgrade surge on top of the peak (default 1 node).
    #[cfg_attr(feature = "serde", serde(default))]
    pub surge: Surge,
    /// Availability zones (node subnets per zone where the platform uses them); default 3.
    #[cfg_attr(feature = "serde", serde(default = "default_zones"))]
    pub zones: u32,
    /// Services (ClusterIPs) to plan for; the platform's default range when `None`.
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub services: Option<u64>,
    /// Internal load-balancer front ends that take node-subnet IPs (AKS).
    #[cfg_attr(feature = "serde", serde(default))]
    pub internal_load_balancer_ips: u64,
    /// Node pools; none means one pool of `nodes`. With pools, each range's need is the
    /// sum of the pools at peak plus the largest one pool's surge ([`crate::pool`]).
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub pools: Vec<NodePool>,
}

#[cfg(feature = "serde")]
fn default_zones() -> u32 {
    3
}

impl Requirement {
    /// A requirement with defaults: surge 1, 3 zones.
    ///
    /// ```
    /// let r = cidrplan::plan::Requirement::new(50);
    /// assert_eq!((r.zones, r.peak()), (3, 50));
    /// ```
    pub fn new(nodes: u64) -> Self {
        Requirement {
            nodes,
            peak_nodes: None,
            max_pods: None,
            surge: Surge::Nodes(1),
            zones: 3,
            services: None,
            internal_load_balancer_ips: 0,
            pools: Vec::new(),
        }
    }

    /// Peak nodes.
    ///
    /// ```
    /// let r = cidrplan::plan::Requirement { peak_nodes: Some(80), ..cidrplan::plan::Requirement::new(50) };
    /// assert_eq!((r.peak(), r.total()), (80, 81));
    /// ```
    pub fn peak(&self) -> u64 {
        self.peak_nodes.unwrap_or(self.nodes).max(self.nodes)
    }

    /// The checks every platform's sizing makes first (nodes, zones, services within
    /// their bounds), without sizing anything.
    ///
    /// ```
    /// let r = cidrplan::plan::Requirement { zones: 7, ..cidrplan::plan::Requirement::new(10) };
    /// assert!(r.check().unwrap_err().to_string().contains("zones=7"));
    /// ```
    pub fn check(&self) -> Result<()> {
        if self.pools.is_empty() {
            return start(self).map(|_| ());
        }
        // with pools, each pool's own numbers (its missing keys the cluster's)
        for (i, p) in self.pools.iter().enumerate() {
            start(&p.requirement(self, true)).map_err(|e| e.in_pool(i, &p.name))?;
        }
        Ok(())
    }

    /// The field that sets the peak: `peak_nodes` when given, else `nodes` (what an
    /// error about too many nodes is about).
    pub(crate) fn peak_field(&self) -> &'static str {
        if self.peak_nodes.is_some_and(|p| p >= self.nodes) {
            "peak_nodes"
        } else {
            "nodes"
        }
    }

    /// Peak plus surge.
    pub fn total(&self) -> u64 {
        self.peak().saturating_add(self.surge.nodes_for(self.peak()))
    }
}

/// Operating system of a pool's nodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum Os {
    /// Linux (the default).
    #[default]
    Linux,
    /// Windows Server.
    Windows,
}

/// An AKS pool's mode: system pools run the cluster's own pods and must be Linux.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum PoolMode {
    /// Runs CoreDNS, metrics-server and the other system pods; every AKS cluster needs one.
    System,
    /// Application pods only.
    User,
}

/// One node pool (AKS agent pool, EKS managed node group, GKE node pool). Keys left
/// out take the cluster's.
///
/// ```
/// use cidrplan::pool::NodePool;
/// let p = NodePool { max_pods: Some(30), ..NodePool::new("user", 50) };
/// assert_eq!((p.name.as_str(), p.nodes, p.max_pods), ("user", 50, Some(30)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct NodePool {
    /// Pool name, unique in the cluster.
    pub name: String,
    /// Nodes now.
    pub nodes: u64,
    /// Nodes at peak (the autoscaler's maximum); `nodes` when `None`.
    #[cfg_attr(feature = "serde", serde(default))]
    pub peak_nodes: Option<u64>,
    /// Pods per node; the cluster's, else the platform's default.
    #[cfg_attr(feature = "serde", serde(default))]
    pub max_pods: Option<u32>,
    /// Upgrade surge of this pool; the cluster's when `None`.
    #[cfg_attr(feature = "serde", serde(default))]
    pub surge: Option<Surge>,
    /// Zones; the cluster's when `None`.
    #[cfg_attr(feature = "serde", serde(default))]
    pub zones: Option<u32>,
    /// EKS: the EC2 instance type (the platform string then names the mode only).
    #[cfg_attr(feature = "serde", serde(default))]
    pub instance_type: Option<String>,
    /// Linux or Windows.
    #[cfg_attr(feature = "serde", serde(default))]
    pub os: Os,
    /// AKS: system or user.
    #[cfg_attr(feature = "serde", serde(default))]
    pub mode: Option<PoolMode>,
}

impl NodePool {
    /// A Linux pool of `nodes` taking every other setting from its cluster.
    pub fn new(name: impl Into<String>, nodes: u64) -> Self {
        NodePool {
            name: name.into(),
            nodes,
            peak_nodes: None,
            max_pods: None,
            surge: None,
            zones: None,
            instance_type: None,
            os: Os::Linux,
            mode: None,
        }
    }

    /// The requirement this pool alone describes, its missing keys from `cluster`;
    /// without its surge when `surge` is false. Services and internal load balancers
    /// belong to the cluster and are left out here.
    pub fn requirement(&self, cluster: &Requirement, surge: bool) -> Requirement {
        Requirement {
            nodes: self.nodes,
            peak_nodes: self.peak_nodes,
            max_pods: self.max_pods.or(cluster.max_pods),
            surge: if surge { self.surge.unwrap_or(cluster.surge) } else { Surge::Nodes(0) },
            zones: self.zones.unwrap_or(cluster.zones),
            services: cluster.services,
            internal_load_balancer_ips: 0,
            pools: Vec::new(),
        }
    }
}

impl std::str::FromStr for NodePool {
    type Err = Error;
    /// A pool as one line of `key=value` pairs, the plan file's keys (`name` and `nodes`
    /// needed): what `cidrplan size --pool` takes.
    ///
    /// ```
    /// use cidrplan::pool::{NodePool, Os};
    /// let p: NodePool = "name=win,nodes=3,peak_nodes=6,surge=33%,os=windows,instance_type=m5.large".parse().unwrap();
    /// assert_eq!((p.name.as_str(), p.nodes, p.peak_nodes, p.os), ("win", 3, Some(6), Os::Windows));
    /// assert!("name=a,nodes=three".parse::<NodePool>().unwrap_err().to_string().contains("nodes"));
    /// assert!("name=a".parse::<NodePool>().is_err()); // nodes needed
    /// ```
    fn from_str(s: &str) -> Result<Self> {
        let bad = |m: String| Error::InvalidArgument(format!("pool {:?}: {m}", crate::parse::echo(s)));
        let mut pool = NodePool::new("", 0);
        let (mut named, mut counted) = (false, false);
        for pair in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').ok_or_else(|| bad(format!("{pair:?} is not key=value")))?;
            let (k, v) = (k.trim(), v.trim());
            let number = |what: &str| -> Result<u64> {
                v.parse().map_err(|_| bad(format!("{what} {v:?} is not a whole number")))
            };
            match k {
                "name" => (pool.name, named) = (v.to_string(), true),
                "nodes" => (pool.nodes, counted) = (number("nodes")?, true),
                "peak_nodes" => pool.peak_nodes = Some(number("peak_nodes")?),
                "max_pods" => {
                    pool.max_pods = Some(u32::try_from(number("max_pods")?).map_err(|_| bad("max_pods is too large".into()))?)
                }
                "zones" => pool.zones = Some(u32::try_from(number("zones")?).map_err(|_| bad("zones is too large".into()))?),
                "surge" => pool.surge = Some(v.parse()?),
                "instance_type" => pool.instance_type = Some(v.to_string()),
                "os" => {
                    pool.os = match v {
                        "linux" => Os::Linux,
                        "windows" => Os::Windows,
                        _ => return Err(bad(format!("os {v:?} is linux or windows"))),
                    }
                }
                "mode" => {
                    pool.mode = Some(match v {
                        "system" => PoolMode::System,
                        "user" => PoolMode::User,
                        _ => return Err(bad(format!("mode {v:?} is system or user"))),
                    })
                }
                _ => {
                    return Err(bad(format!(
                        "unknown key {k:?}; a pool takes name, nodes, peak_nodes, max_pods, surge, zones, instance_type, os, mode"
                    )))
                }
            }
        }
        if !named || pool.name.is_empty() {
            return Err(bad("a pool needs a name (name=...)".into()));
        }
        if !counted {
            return Err(bad("a pool needs nodes (nodes=...)".into()));
        }
        Ok(pool)
    }
}

/// One pool sized on its own: at peak with its surge (what the platform's formula gives
/// for this pool alone, Microsoft's per-pool formula on AKS), and at peak without it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct PoolSizing {
    /// Pool name.
    pub name: String,
    /// Platform label of its nodes.
    pub platform: String,
    /// Pods per node used.
    pub max_pods: u32,
    /// Nodes planned for this pool alone: peak plus surge (a regional GKE pool rounds up
    /// to a multiple of its zones).
    pub nodes: u64,
    /// Peak nodes.
    pub peak_nodes: u64,
    /// Extra nodes while this pool is upgraded.
    pub surge_nodes: u64,
    /// This pool's ranges at peak with its surge.
    pub ranges: Vec<RangeNeed>,
    /// The same at peak without surge (what it holds while another pool upgrades).
    #[cfg_attr(feature = "serde", serde(skip))]
    pub at_peak: Vec<RangeNeed>,
}

/// An IP family of a cluster's pods and services (`ipv4`, `ipv6`; both: dual-stack).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum IpFamily {
    /// IPv4 (the default).
    #[default]
    Ipv4,
    /// IPv6 (EKS: one /80 per node, no address limit on pods).
    Ipv6,
}

/// The role of a range in a cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[non_exhaustive]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum Role {
    /// Node (primary) subnet.
    NodeSubnet,
    /// A VPC/VNet subnet holding pod IPs (EKS custom networking, AKS pod subnet).
    PodSubnet,
    /// A pod range: GKE secondary range, or a private pod CIDR (kubenet, overlay, Kubernetes).
    PodRange,
    /// Service (ClusterIP) range.
    ServiceRange,
}

/// One range a cluster needs.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct RangeNeed {
    /// Name, e.g. `nodes` (one per zone when `count` > 1).
    pub name: String,
    /// Role.
    pub role: Role,
    /// How many such ranges (one per zone for EKS subnets).
    pub count: u32,
    /// Minimum prefix length of each.
    pub prefix_len: u8,
    /// Addresses the cluster takes from each (nodes, pods, services); the platform's
    /// reserved addresses (AWS and Azure 5, Google Cloud 4, network and broadcast) come
    /// on top and are counted in `prefix_len`.
    #[cfg_attr(feature = "typescript", tsify(type = "Count"))]
    pub addresses: u128,
    /// Whether it is carved out of the VPC/VNet (false: a virtual or overlay range).
    pub in_vpc: bool,
    /// How the size was derived.
    pub rule: String,
    /// Whole aligned blocks the range must hold besides its addresses: (block prefix
    /// length, blocks), for EKS prefix delegation's /28s. Summing pools needs it.
    #[cfg_attr(feature = "serde", serde(skip))]
    pub(crate) aligned_blocks: Option<(u8, u128)>,
}

/// Sizing of one platform for a requirement.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct Sizing {
    /// Platform label.
    pub platform: String,
    /// Pods per node used.
    pub max_pods: u32,
    /// Nodes planned for (peak + surge).
    pub nodes: u64,
    /// Pods at that size.
    pub pods: u64,
    /// The ranges.
    pub ranges: Vec<RangeNeed>,
    /// VPC/VNet addresses the in-VPC ranges take (sum of their block sizes).
    #[cfg_attr(feature = "typescript", tsify(type = "Count"))]
    pub vpc_addresses: u128,
    /// What limits this platform for the requirement (addresses, route table, policy ceiling).
    pub limited_by: Vec<String>,
    /// Each pool on its own, when the requirement has pools (else empty).
    #[cfg_attr(feature = "serde", serde(default))]
    pub pools: Vec<PoolSizing>,
}

/// Upgrade surge of a node pool. One grammar in every face: a node count (`1`), a
/// percentage text (`"10%"`), or in JSON also `{"nodes": 1}` / `{"percent": 10}`.
///
/// ```
/// # #[cfg(feature = "serde")] {
/// use cidrplan::cluster::Surge;
/// for text in [r#"2"#, r#""2""#, r#"{"nodes": 2}"#] {
///     assert_eq!(serde_json::from_str::<Surge>(text).unwrap(), Surge::Nodes(2));
/// }
/// for text in [r#""10%""#, r#"{"percent": 10}"#] {
///     assert_eq!(serde_json::from_str::<Surge>(text).unwrap(), Surge::Percent(10));
/// }
/// # }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum Surge {
    /// A number of extra nodes.
    Nodes(u32),
    /// A percentage of the pool, rounded up (the REST API's default is 10%).
    Percent(u32),
}

impl Default for Surge {
    fn default() -> Self {
        Surge::Nodes(1)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Surge {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        #[serde(untagged)]
        enum Shape {
            Count(u32),
            Text(String),
            Nodes { nodes: u32 },
            Percent { percent: u32 },
        }
        match Shape::deserialize(d) {
            Ok(Shape::Count(n) | Shape::Nodes { nodes: n }) => Ok(Surge::Nodes(n)),
            Ok(Shape::Percent { percent }) => Ok(Surge::Percent(percent)),
            Ok(Shape::Text(t)) => t.parse().map_err(|_| {
                serde::de::Error::custom(format!(
                    "{:?} is neither a node count (like 1) nor a percentage (like 10%)",
                    crate::parse::echo(&t)
                ))
            }),
            Err(_) => Err(serde::de::Error::custom("surge is a node count (like 1) or a percentage (like \"10%\")")),
        }
    }
}

impl FromStr for Surge {
    type Err = Error;
    /// `"1"` is one node, `"10%"` ten percent.
    ///
    /// ```
    /// use cidrplan::cluster::Surge;
    /// assert_eq!("10%".parse::<Surge>().unwrap(), Surge::Percent(10));
    /// assert_eq!("2".parse::<Surge>().unwrap(), Surge::Nodes(2));
    /// assert!("ten".parse::<Surge>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self> {
        let t = s.trim();
        let bad = || {
            Error::InvalidArgument(format!(
                "surge {:?} is neither a node count (like 1) nor a percentage (like 10%)",
                crate::parse::echo(s)
            ))
        };
        match t.strip_suffix('%') {
            Some(p) => p.trim().parse().map(Surge::Percent).map_err(|_| bad()),
            None => t.parse().map(Surge::Nodes).map_err(|_| bad()),
        }
    }
}

impl Surge {
    /// The largest pool `n` whose `n + surge(n)` nodes fit in `capacity` (surge grows with `n`).
    ///
    /// ```
    /// use cidrplan::cluster::Surge;
    /// assert_eq!(Surge::Percent(10).largest_pool_within(27), 24); // 24 + 3 = 27
    /// assert_eq!(Surge::Nodes(1).largest_pool_within(400), 399);
    /// assert_eq!(Surge::Nodes(5).largest_pool_within(3), 0);
    /// ```
    pub fn largest_pool_within(self, capacity: u64) -> u64 {
        let fits = |n: u64| n.saturating_add(self.nodes_for(n)) <= capacity;
        let (mut lo, mut hi) = (0u64, capacity);
        if !fits(0) {
            return 0;
        }
        while lo < hi {
            let mid = lo + (hi - lo).div_ceil(2);
            if fits(mid) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        lo
    }

    /// Extra nodes during an upgrade of a pool of `nodes`.
    ///
    /// ```
    /// use cidrplan::cluster::Surge;
    /// assert_eq!(Surge::Percent(10).nodes_for(25), 3);
    /// assert_eq!(Surge::Nodes(1).nodes_for(25), 1);
    /// ```
    pub fn nodes_for(self, nodes: u64) -> u64 {
        match self {
            Surge::Nodes(n) => n as u64,
            Surge::Percent(p) => nodes.saturating_mul(p as u64).div_ceil(100),
        }
    }
}

/// What limits a node count, typed (each platform's results name one of these).
///
/// ```
/// use cidrplan::cluster::LimitedBy;
/// assert_eq!(LimitedBy::AlignedBlocks28.to_string(), "free aligned /28 blocks");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum LimitedBy {
    /// Addresses of the subnet or range.
    Addresses,
    /// Free aligned /28 blocks (EKS prefix delegation).
    AlignedBlocks28,
    /// /80 prefixes, one per node (EKS IPv6).
    Prefixes80,
    /// kubenet's 400 routes per route table (AKS).
    KubenetRouteTable,
    /// The platform's nodes-per-cluster limit.
    ClusterNodeLimit,
    /// The subnet's primary range (GKE).
    PrimaryRange,
    /// The pod ranges (GKE).
    PodRanges,
    /// 1,000 nodes per node pool per zone (GKE).
    NodesPerPoolPerZone,
}

impl std::fmt::Display for LimitedBy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            LimitedBy::Addresses => "addresses",
            LimitedBy::AlignedBlocks28 => "free aligned /28 blocks",
            LimitedBy::Prefixes80 => "/80 prefixes (one per node)",
            LimitedBy::KubenetRouteTable => "kubenet route table (400 routes)",
            LimitedBy::ClusterNodeLimit => "the cluster node limit",
            LimitedBy::PrimaryRange => "primary range",
            LimitedBy::PodRanges => "pod ranges",
            LimitedBy::NodesPerPoolPerZone => "1,000 nodes per pool per zone",
        })
    }
}

/// The checks every platform's sizing makes first, and the node counts they need:
/// `(peak + surge, per zone)`.
pub(crate) fn start(req: &Requirement) -> Result<(u64, u64)> {
    if req.nodes == 0 && req.peak_nodes.unwrap_or(0) == 0 {
        return Err(Error::InvalidArgument("a cluster needs at least one node".into()).about("nodes"));
    }
    crate::bounds::check("zones", req.zones, 1, crate::bounds::MAX_ZONES, "no cloud region has more zones")?;
    if req.peak() > crate::bounds::MAX_CLUSTER_NODES {
        return Err(Error::LimitExceeded(format!(
            "{} nodes: no platform runs more than {} nodes per cluster; split the workload into clusters",
            req.peak(),
            crate::bounds::MAX_CLUSTER_NODES
        ))
        .about(req.peak_field()));
    }
    if let Some(s) = req.services {
        crate::bounds::check("services", s, 1, 1 << 20, "a service range is at most a /12")?;
    }
    let total = req.total();
    Ok((total, total.div_ceil(req.zones as u64)))
}

/// The sizing result from a platform's ranges; `pods` is nodes x max pods, or the
/// platform's own cap when it has one.
pub(crate) fn finish(
    platform: String,
    max_pods: u32,
    nodes: u64,
    ranges: Vec<RangeNeed>,
    limited_by: Vec<String>,
    pods_cap: Option<u64>,
) -> Sizing {
    let vpc_addresses = ranges.iter().filter(|r| r.in_vpc).map(|r| v4_block(r.prefix_len) * r.count as u128).sum();
    let pods = nodes.saturating_mul(max_pods as u64);
    let pods = pods_cap.map_or(pods, |cap| pods.min(cap));
    Sizing { platform, max_pods, nodes, pods, ranges, vpc_addresses, limited_by, pools: Vec::new() }
}

pub(crate) fn aws_prefix_for(ips: u128) -> Result<u8> {
    AddressProfile::Aws.prefix_for_hosts(Family::V4, ips)
}

pub(crate) fn v4_block(len: u8) -> u128 {
    1u128 << (32 - len as u32)
}

/// The service (ClusterIP) range: the platform's default length, or sized for
/// `req.services` within the allowed lengths.
pub(crate) fn services_range(req: &Requirement, default_len: u8, lo: u8, hi: u8, in_vpc: bool) -> Result<RangeNeed> {
    let (prefix_len, rule) = match req.services {
        None => (default_len, format!("platform default /{default_len}")),
        Some(s) => {
            let len = 32 - (64 - s.max(1).saturating_sub(1).leading_zeros()).min(32);
            let len = (len as u8).clamp(lo, hi);
            if v4_block(len) < s as u128 {
                return Err(
                    Error::DoesNotFit(format!("{s} services need more than a /{lo} service range")).about("services")
                );
            }
            (len, format!("{s} services; allowed /{lo}../{hi}"))
        }
    };
    Ok(RangeNeed {
        aligned_blocks: None,
        name: "services".into(),
        role: Role::ServiceRange,
        count: 1,
        prefix_len,
        addresses: v4_block(prefix_len),
        in_vpc,
        rule,
    })
}

/// A count with thousands separators (2,486), as people read them.
pub(crate) fn grouped(n: u128) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}
