//! The inverse: from a cluster requirement to the address ranges it needs, a
//! side-by-side comparison of platforms and modes, and a complete cluster plan
//! carved out of a VPC/VNet with the core allocator.

use crate::addr::{first, Family};
use crate::aks;
use crate::allocate::{allocate, free_space, AllocationRequest, Strategy};
use crate::carve::supernet;
use crate::eks;
use crate::overlap::{find_overlaps, NamedPrefix, Overlap};
use crate::set::PrefixSet;
use crate::{Error, Result};
use ipnet::IpNet;

pub use crate::eks::EksMode;

pub use crate::platform::{Platform, DEFAULT_INSTANCE_TYPE};

pub use crate::cluster::{RangeNeed, Requirement, Role, Sizing};

/// The ranges `platform` needs for `req`, at minimum sizes.
///
/// ```
/// use cidrplan::plan::{size, Platform, Requirement};
/// use cidrplan::aks::{Mode, Surge};
/// let req = Requirement { max_pods: Some(30), zones: 1, ..Requirement::new(50) };
/// let s = size(&Platform::Aks { mode: Mode::AzureCni }, &req).unwrap();
/// assert_eq!((s.ranges[0].prefix_len, s.ranges[0].addresses), (21, 1581));
/// // GKE regional: 50 nodes + 1 surge in 3 zones are 17 per zone, 51 nodes
/// let g = size(&Platform::Gke { kind: Default::default() }, &Requirement { zones: 3, ..req.clone() }).unwrap();
/// assert_eq!(g.nodes, 51);
/// let g = size(&Platform::Gke { kind: Default::default() }, &Requirement { nodes: 51, zones: 3, ..req }).unwrap();
/// assert_eq!(g.nodes, 54); // 52 rounds up to 18 per zone
/// ```
pub fn size(platform: &Platform, req: &Requirement) -> Result<Sizing> {
    if !req.pools.is_empty() {
        return crate::pool::size(platform, req);
    }
    platform.size_one_pool(req)
}

/// One row of a comparison: a sizing, or why the platform cannot do it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct ComparisonRow {
    /// Platform label.
    pub platform: String,
    /// The sizing when it fits.
    pub sizing: Option<Sizing>,
    /// The reason when it does not.
    pub error: Option<String>,
    /// In a comparison at equal pods ([`compare_at_pods`]): the nodes at peak this
    /// platform needs for the pods at its pods per node (surge comes on top).
    #[cfg_attr(feature = "serde", serde(default))]
    pub nodes_for_pods: Option<u64>,
}

/// Size the same requirement on several platforms, side by side.
///
/// ```
/// use cidrplan::plan::{compare, Platform, Requirement};
/// let rows = compare(&Requirement::new(100), &Platform::all("m5.large"));
/// assert_eq!(rows.len(), 10);
/// assert!(rows.iter().all(|r| r.sizing.is_some() != r.error.is_some()));
/// ```
pub fn compare(req: &Requirement, platforms: &[Platform]) -> Vec<ComparisonRow> {
    platforms
        .iter()
        .map(|p| {
            // pools compared across platforms: an EKS instance type and an AKS pool mode
            // mean nothing elsewhere
            let mut req = std::borrow::Cow::Borrowed(req);
            if !req.pools.is_empty() {
                let pools = &mut req.to_mut().pools;
                for pool in pools.iter_mut() {
                    if !matches!(p, Platform::Eks { .. }) {
                        pool.instance_type = None;
                    }
                    if !matches!(p, Platform::Aks { .. }) {
                        pool.mode = None;
                    }
                }
            }
            (p, req)
        })
        .map(|(p, req)| match size(p, &req) {
            Ok(s) => ComparisonRow { platform: p.label(), sizing: Some(s), error: None, nodes_for_pods: None },
            Err(e) => {
                ComparisonRow { platform: p.label(), sizing: None, error: Some(e.to_string()), nodes_for_pods: None }
            }
        })
        .collect()
}

/// The same workload on several platforms at equal pods: each platform's nodes are
/// solved from its pods per node (`req.max_pods`, else the platform's default: EKS's
/// ENI limit, AKS's 30 or 250, GKE's 110), then sized as [`compare`] does. `pods` is the
/// pods at peak, DaemonSet and system pods included; `req.nodes` and `req.peak_nodes`
/// are not used. A mode that cannot run `req.max_pods` per node says why, with its
/// numbers.
///
/// ```
/// use cidrplan::plan::{compare_at_pods, Platform, Requirement};
/// let ps: Vec<Platform> = ["eks/secondary-ip/m5.large", "eks/prefix-delegation/m5.large", "aks/overlay"].iter().map(|p| p.parse().unwrap()).collect();
/// let rows = compare_at_pods(1000, &Requirement::new(0), &ps)?;
/// // 29 pods per node on m5.large's ENIs: 35 nodes; 110 with prefixes: 10; AKS overlay's 250: 4
/// assert_eq!(rows.iter().map(|r| r.nodes_for_pods).collect::<Vec<_>>(), [Some(35), Some(10), Some(4)]);
/// let at_110 = Requirement { max_pods: Some(110), ..Requirement::new(0) };
/// let rows = compare_at_pods(1000, &at_110, &ps)?;
/// assert!(rows[0].error.as_deref().unwrap().contains("110 pods per node exceed the 29 that m5.large allows"));
/// assert!(compare_at_pods(0, &at_110, &ps).is_err());
/// # Ok::<(), cidrplan::Error>(())
/// ```
pub fn compare_at_pods(pods: u64, req: &Requirement, platforms: &[Platform]) -> Result<Vec<ComparisonRow>> {
    if pods == 0 {
        return Err(Error::InvalidArgument("pods 0: compare at equal pods needs at least 1 pod".into()));
    }
    if !req.pools.is_empty() {
        return Err(Error::InvalidArgument(
            "compare at equal pods solves one pool's nodes; with pools, compare at their node counts".into(),
        ));
    }
    let at = |nodes: u64| Requirement { nodes, peak_nodes: None, ..req.clone() };
    Ok(platforms
        .iter()
        .map(|p| {
            // the pods per node this platform runs for the requirement (its default, or
            // the requirement's, checked against the platform's limits)
            let solved = size(p, &at(1)).and_then(|probe| {
                let per = u64::from(probe.max_pods);
                if per == 0 {
                    return Err(Error::InvalidArgument(format!("{} runs no pods per node", p.label())));
                }
                let nodes = pods.div_ceil(per);
                size(p, &at(nodes)).map(|s| (nodes, s)).map_err(|e| {
                    Error::InvalidArgument(format!("{pods} pods at {per} per node need {nodes} nodes at peak: {e}"))
                })
            });
            match solved {
                Ok((nodes, s)) => {
                    ComparisonRow { platform: p.label(), sizing: Some(s), error: None, nodes_for_pods: Some(nodes) }
                }
                Err(e) => ComparisonRow {
                    platform: p.label(),
                    sizing: None,
                    error: Some(e.to_string()),
                    nodes_for_pods: None,
                },
            }
        })
        .collect())
}

/// One range of a carved plan.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct PlannedRange {
    /// Name (`nodes-a`, `pods`, `services` ...).
    pub name: String,
    /// Role.
    pub role: Role,
    /// The prefix.
    pub prefix: IpNet,
    /// Inside the VPC/VNet or not.
    pub in_vpc: bool,
}

/// A complete cluster address plan.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct ClusterPlan {
    /// The VPC/VNet.
    pub vpc: IpNet,
    /// The sizing it implements.
    pub sizing: Sizing,
    /// Every range, VPC ones first.
    pub ranges: Vec<PlannedRange>,
    /// Overlaps among the planned ranges (always empty for a plan returned Ok).
    pub overlaps: Vec<Overlap>,
    /// Free VPC space left.
    pub headroom: Vec<IpNet>,
    /// Free VPC addresses left.
    #[cfg_attr(feature = "typescript", tsify(type = "Count"))]
    pub headroom_addresses: u128,
}

const ZONE_LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyz";

/// Where virtual ranges go by default, per platform and role (tried first). EKS picks
/// its service range by the VPC ([`eks::default_service_cidr`]).
pub(crate) fn default_virtual(platform: &Platform, role: Role, vpc: &IpNet) -> Result<IpNet> {
    let text = match (platform, role) {
        (Platform::Eks { .. }, _) => return Ok(eks::default_service_cidr(std::slice::from_ref(vpc)).0),
        (Platform::Aks { .. }, Role::ServiceRange) => aks::DEFAULT_SERVICE_CIDR,
        (Platform::Aks { .. }, _) => aks::DEFAULT_POD_CIDR,
        (Platform::Kubernetes { .. }, Role::ServiceRange) => "10.96.0.0/12",
        _ => "10.244.0.0/16",
    };
    crate::parse_prefix(text)
}

/// The earlier name of [`carve`], kept for callers of cidrplan 0.1.
#[deprecated(note = "use plan::carve, the name every face uses")]
pub fn carve_cluster_plan(vpc: &IpNet, platform: &Platform, req: &Requirement) -> Result<ClusterPlan> {
    carve(vpc, platform, req)
}

/// Carve a cluster plan out of `vpc`: in-VPC ranges by best-fit allocation (largest
/// first), virtual ranges (service CIDRs, overlay pod CIDRs) placed outside the VPC
/// and off AKS's forbidden ranges, every range checked for overlaps.
///
/// ```
/// use cidrplan::plan::{carve, Platform, EksMode, Requirement};
/// let vpc = "10.0.0.0/16".parse().unwrap();
/// let p = carve(&vpc, &Platform::Eks { instance_type: "m5.large".into(), mode: EksMode::SecondaryIp },
///                            &Requirement::new(30)).unwrap();
/// assert!(p.overlaps.is_empty());
/// assert_eq!(p.ranges.iter().filter(|r| r.in_vpc).count(), 3); // one node subnet per zone
/// assert!(p.headroom_addresses > 0);
/// ```
pub fn carve(vpc: &IpNet, platform: &Platform, req: &Requirement) -> Result<ClusterPlan> {
    let vpc = vpc.trunc();
    if Family::of(&vpc) != Family::V4 {
        return Err(Error::InvalidArgument(format!("{vpc}: cluster plans are IPv4 here")));
    }
    let sizing = size(platform, req)?;
    // in-VPC requests, largest first so best-fit leaves no alignment holes
    let mut wanted: Vec<(String, Role, u8)> = Vec::new();
    for r in sizing.ranges.iter().filter(|r| r.in_vpc) {
        for z in 0..r.count {
            let name = if r.count > 1 {
                format!("{}-{}", r.name, ZONE_LETTERS[z as usize % 26] as char)
            } else {
                r.name.clone()
            };
            wanted.push((name, r.role, r.prefix_len));
        }
    }
    wanted.sort_by_key(|w| w.2);
    let requests: Vec<AllocationRequest> =
        wanted.iter().map(|w| AllocationRequest { name: w.0.clone(), prefix_len: w.2 }).collect();
    let carved = allocate(&vpc, &[], &requests, Strategy::BestFit).map_err(|e| match e {
        Error::DoesNotFit(m) => Error::DoesNotFit(format!(
            "{vpc} is too small for {}: it needs {} addresses ({m})",
            sizing.platform, sizing.vpc_addresses
        )),
        other => other,
    })?;
    let mut ranges: Vec<PlannedRange> = carved
        .subnets
        .iter()
        .zip(&wanted)
        .map(|(s, w)| PlannedRange { name: w.0.clone(), role: w.1, prefix: s.prefix, in_vpc: true })
        .collect();
    ranges.sort_by_key(|r| first(&r.prefix));
    // virtual ranges
    let forbidden = crate::reserved::ReservedSet::aks_forbidden();
    let mut taken =
        PrefixSet::from_prefixes([vpc]).union(&PrefixSet::from_prefixes(forbidden.entries.iter().map(|e| e.prefix)));
    let private_pool: Vec<IpNet> =
        ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].iter().filter_map(|s| s.parse().ok()).collect();
    for r in sizing.ranges.iter().filter(|r| !r.in_vpc) {
        let default = default_virtual(platform, r.role, &vpc)?;
        let candidate = supernet(
            &IpNet::new(default.network(), 32).map_err(|_| Error::InvalidArgument("internal".into()))?,
            r.prefix_len,
        )?;
        let chosen = if !taken.overlaps(&candidate) {
            candidate
        } else {
            let mut found = None;
            for pool in &private_pool {
                let used: Vec<IpNet> = taken.prefixes().into_iter().filter(|p| Family::of(p) == Family::V4).collect();
                if let Ok(p) = crate::allocate::allocate_one(pool, &used, r.prefix_len, Strategy::BestFit) {
                    found = Some(p);
                    break;
                }
            }
            found.ok_or_else(|| {
                Error::DoesNotFit(format!("no private range left for the {} /{}", r.name, r.prefix_len))
            })?
        };
        taken = taken.union(&PrefixSet::from_prefixes([chosen]));
        ranges.push(PlannedRange { name: r.name.clone(), role: r.role, prefix: chosen, in_vpc: false });
    }
    let named: Vec<NamedPrefix> = ranges.iter().map(|r| NamedPrefix::new(r.name.clone(), r.prefix)).collect();
    let overlaps = find_overlaps(&named)?;
    if !overlaps.is_empty() {
        return Err(Error::InvalidConfig {
            rule: "plan.overlap",
            message: format!("planned ranges overlap: {} and {}", overlaps[0].a, overlaps[0].b),
        });
    }
    let in_vpc: Vec<IpNet> = ranges.iter().filter(|r| r.in_vpc).map(|r| r.prefix).collect();
    let headroom = free_space(&vpc, &in_vpc)?;
    let headroom_addresses = PrefixSet::from_prefixes(headroom.iter().copied()).ipv4_address_count() as u128;
    Ok(ClusterPlan { vpc, sizing, ranges, overlaps, headroom, headroom_addresses })
}
