//! Node pools: a cluster as several pools, each with its own nodes, instance type,
//! max pods and surge, drawing on shared or own ranges. A range's need is the sum of
//! what the pools that draw on it need at peak, plus the surge of the one pool being
//! upgraded: pools upgrade one at a time (AKS upgrades the control plane, then each
//! node pool; GKE and EKS upgrade node pools one by one too). Each pool is sized by its
//! platform's own rule; this module only adds them up and
//! checks the limits that count pools (`data/pool-limits.csv`, each with its source).

use crate::addr::Family;
use crate::cluster::{RangeNeed, Requirement, Role, Sizing};
use crate::platform::Platform;
use crate::profile::AddressProfile;
use crate::{Error, Result};
use std::sync::OnceLock;

pub use crate::cluster::{NodePool, Os, PoolMode, PoolSizing};

impl NodePool {
    /// The platform this pool's nodes run: the cluster's, with the pool's EKS instance type.
    ///
    /// ```
    /// use cidrplan::{plan::Platform, pool::NodePool};
    /// let eks: Platform = "eks/prefix-delegation".parse().unwrap();
    /// let p = NodePool { instance_type: Some("c6i.4xlarge".into()), ..NodePool::new("big", 3) };
    /// assert_eq!(p.platform(&eks).label(), "eks/prefix-delegation/c6i.4xlarge");
    /// ```
    pub fn platform(&self, cluster: &Platform) -> Platform {
        match (cluster, &self.instance_type) {
            (Platform::Eks { mode, .. }, Some(t)) => Platform::Eks { instance_type: t.clone(), mode: *mode },
            _ => cluster.clone(),
        }
    }
}

/// Size one pool of a cluster on `platform` by its platform's formula, with and without
/// its surge (Windows EKS pools by the Windows rule). `ilb` adds the cluster's internal
/// load-balancer IPs to this pool's node subnet (give them to one pool). The pool's own
/// rules are [`check_pool`]'s.
///
/// ```
/// use cidrplan::{plan::{Platform, Requirement}, pool::{size_pool, NodePool}};
/// let aks: Platform = "aks/azure-cni".parse().unwrap();
/// let cluster = Requirement { max_pods: Some(30), ..Requirement::new(0) };
/// let s = size_pool(&aks, &NodePool::new("user", 50), &cluster, 0).unwrap();
/// assert_eq!((s.ranges[0].addresses, s.at_peak[0].addresses), (1581, 1550)); // 51 x 31, 50 x 31
/// ```
pub fn size_pool(platform: &Platform, pool: &NodePool, cluster: &Requirement, ilb: u64) -> Result<PoolSizing> {
    let p = pool.platform(platform);
    let with = Requirement { internal_load_balancer_ips: ilb, ..pool.requirement(cluster, true) };
    let without = Requirement { internal_load_balancer_ips: ilb, ..pool.requirement(cluster, false) };
    let os = pool.os;
    let size = |r: &Requirement| match (&p, os) {
        (Platform::Eks { instance_type, mode }, Os::Windows) => {
            crate::eks::size_for(instance_type, *mode, crate::eks::NodeOs::Windows, r)
        }
        _ => p.size_one_pool(r),
    };
    let s = size(&with)?;
    let base = size(&without)?;
    Ok(PoolSizing {
        name: pool.name.clone(),
        platform: s.platform.clone(),
        max_pods: s.max_pods,
        nodes: s.nodes,
        peak_nodes: with.peak(),
        surge_nodes: with.surge.nodes_for(with.peak()),
        ranges: s.ranges,
        at_peak: base.ranges,
    })
}

/// The rules a pool breaks on `platform` before any sizing: an AKS system pool must be
/// Linux, AKS pool names are 1-12 lowercase letters and digits (6 on Windows), kubenet
/// has no Windows pools; GKE Autopilot and Fargate have no pools; `mode` is AKS's and
/// `instance_type` EKS's.
///
/// ```
/// use cidrplan::{plan::Platform, pool::{check_pool, NodePool, Os}};
/// let aks: Platform = "aks/overlay".parse().unwrap();
/// assert!(check_pool(&aks, &NodePool::new("user1", 3)).is_ok());
/// let e = check_pool(&aks, &NodePool { os: Os::Windows, ..NodePool::new("winpool1", 3) }).unwrap_err();
/// assert_eq!(e.rule(), Some("aks.pool-name")); // Windows pool names are at most 6 characters
/// ```
pub fn check_pool(platform: &Platform, pool: &NodePool) -> Result<()> {
    let windows = pool.os == Os::Windows;
    match platform {
        Platform::Gke { kind: crate::gke::ClusterKind::Autopilot } => {
            return Err(Error::config(
                "gke.autopilot-pools",
                "GKE Autopilot manages its nodes: a plan gives it no node pools; size it by nodes and max pods",
            ))
        }
        Platform::Eks { mode: crate::eks::EksMode::Fargate, .. } => {
            return Err(Error::config(
                "eks.fargate-pools",
                "Fargate runs each pod on its own node: it has profiles, not node groups",
            ))
        }
        Platform::Aks { mode } => {
            if windows && *mode == crate::aks::Mode::Kubenet {
                return Err(Error::config("aks.windows-kubenet", "Windows node pools cannot use kubenet").about("os"));
            }
            if windows && pool.mode == Some(PoolMode::System) {
                return Err(Error::config(
                    "aks.system-pool-os",
                    "a system node pool runs Linux; put Windows nodes in a user pool",
                )
                .about("mode"));
            }
            // AKS node pool names: lowercase letters and digits, starting with a letter;
            // at most 12 characters on Linux, 6 on Windows
            let most = if windows { 6 } else { 12 };
            let ok = pool.name.len() <= most
                && pool.name.starts_with(|c: char| c.is_ascii_lowercase())
                && pool.name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
            if !ok {
                return Err(Error::config(
                    "aks.pool-name",
                    format!(
                        "AKS pool names are 1 to {most} lowercase letters and digits starting with a letter{}",
                        if windows { " (Windows pools)" } else { "" }
                    ),
                )
                .about("name"));
            }
        }
        _ => {}
    }
    if pool.mode.is_some() && !matches!(platform, Platform::Aks { .. }) {
        return Err(Error::config("pool.mode-aks-only", "mode (system or user) is an AKS setting").about("mode"));
    }
    if pool.instance_type.is_some() && !matches!(platform, Platform::Eks { .. }) {
        return Err(Error::config(
            "pool.instance-type-eks-only",
            "instance_type sets the EKS max pods; other platforms take max_pods",
        )
        .about("instance_type"));
    }
    Ok(())
}

/// The subnet profile of a platform: whose reserved addresses every subnet loses.
pub fn subnet_profile(platform: &Platform) -> AddressProfile {
    match platform {
        Platform::Eks { .. } => AddressProfile::Aws,
        Platform::Aks { .. } => AddressProfile::Azure,
        Platform::Gke { .. } => AddressProfile::Gcp,
        Platform::Kubernetes { .. } => AddressProfile::Standard,
    }
}

/// One pool's share of a range: its need at peak and at peak with its surge.
#[derive(Debug, Clone, Copy)]
pub struct Share<'a> {
    /// Pool name.
    pub pool: &'a str,
    /// At peak.
    pub at_peak: &'a RangeNeed,
    /// At peak with this pool's surge.
    pub with_surge: &'a RangeNeed,
}

/// The need of a range several pools draw on: every pool at peak, plus the largest
/// surge of one pool (one upgrades at a time). One pool alone keeps its own need as
/// its platform sized it. `None` when no share is given.
///
/// ```
/// use cidrplan::{plan::{Platform, Requirement}, pool::{combine, size_pool, NodePool, Share}};
/// let aks: Platform = "aks/azure-cni".parse().unwrap();
/// let cluster = Requirement { max_pods: Some(30), ..Requirement::new(0) };
/// let system = size_pool(&aks, &NodePool::new("system", 3), &cluster, 0).unwrap();
/// let user = size_pool(&aks, &NodePool::new("user", 50), &cluster, 0).unwrap();
/// let shares = [&system, &user].map(|p| Share { pool: &p.name, at_peak: &p.at_peak[0], with_surge: &p.ranges[0] });
/// let need = combine(&aks, &shares).unwrap().unwrap();
/// // 3 x 31 + 50 x 31 at peak, then the user pool's surge node with its 30 pods
/// assert_eq!((need.addresses, need.prefix_len), (1674, 21)); // a /22 holds 1,019
/// ```
pub fn combine(platform: &Platform, shares: &[Share<'_>]) -> Result<Option<RangeNeed>> {
    let Some(first) = shares.first() else { return Ok(None) };
    if shares.len() == 1 {
        return Ok(Some(first.with_surge.clone()));
    }
    let role = first.with_surge.role;
    let surge_of = |s: &Share<'_>| s.with_surge.addresses.saturating_sub(s.at_peak.addresses);
    let at_peak: u128 = shares.iter().fold(0u128, |a, s| a.saturating_add(s.at_peak.addresses));
    let upgrading = shares.iter().max_by_key(|s| surge_of(s)).unwrap_or(first);
    let addresses = at_peak.saturating_add(surge_of(upgrading));
    let subnet = matches!(role, Role::NodeSubnet | Role::PodSubnet);
    let profile = subnet_profile(platform);
    let mut prefix_len = if subnet {
        profile.prefix_for_hosts(Family::V4, addresses)?
    } else {
        let bits = 128 - addresses.max(1).saturating_sub(1).leading_zeros();
        if bits > 32 {
            return Err(Error::DoesNotFit(format!("{addresses} addresses need more than any IPv4 range")));
        }
        32 - bits as u8
    };
    // whole aligned blocks (EKS prefix delegation): the first and last of a subnet hold
    // its reserved addresses
    let blocks: Vec<(u8, u128, u128)> = shares
        .iter()
        .filter_map(|s| {
            let (len, at) = s.at_peak.aligned_blocks?;
            let with = s.with_surge.aligned_blocks.map_or(at, |b| b.1);
            Some((len, at, with.saturating_sub(at)))
        })
        .collect();
    let mut block_note = String::new();
    if let Some(&(len, _, _)) = blocks.first() {
        let n = blocks.iter().fold(0u128, |a, b| a.saturating_add(b.1)) + blocks.iter().map(|b| b.2).max().unwrap_or(0);
        let lost = if subnet { 2 } else { 0 };
        let free = |l: u8| (1u128 << (len.saturating_sub(l)).min(127)).saturating_sub(lost);
        let (largest, _) = profile.size_limits(Family::V4).unwrap_or((0, 32));
        while prefix_len > largest && free(prefix_len) < n {
            prefix_len -= 1;
        }
        if free(prefix_len) < n {
            return Err(Error::DoesNotFit(format!(
                "the pools need {n} free aligned /{len} blocks; the largest subnet has {}",
                free(largest)
            )));
        }
        block_note = format!("; {n} free aligned /{len}s");
    }
    let parts: Vec<String> =
        shares.iter().map(|s| format!("{} {}", s.pool, crate::cluster::grouped(s.at_peak.addresses))).collect();
    let rule = format!(
        "{} at peak + {}'s surge {} = {} addresses{block_note}{}",
        parts.join(" + "),
        upgrading.pool,
        crate::cluster::grouped(surge_of(upgrading)),
        crate::cluster::grouped(addresses),
        if subnet { format!("; with {} at least a /{prefix_len}", reserved_words(profile)) } else { String::new() },
    );
    Ok(Some(RangeNeed {
        name: first.with_surge.name.clone(),
        role,
        count: shares.iter().map(|s| s.with_surge.count).max().unwrap_or(1),
        prefix_len,
        addresses,
        in_vpc: first.with_surge.in_vpc,
        rule,
        aligned_blocks: blocks.first().map(|b| (b.0, 0)),
    }))
}

/// Whose reserved addresses a subnet loses, in words.
fn reserved_words(profile: AddressProfile) -> &'static str {
    match profile {
        AddressProfile::Aws => "AWS's 5 reserved addresses",
        AddressProfile::Azure | AddressProfile::AzureOlderFaq => "Azure's 5 reserved addresses",
        AddressProfile::Gcp => "Google's 4 reserved addresses",
        AddressProfile::Oci => "Oracle's 3 reserved addresses",
        _ => "the network and broadcast addresses",
    }
}

/// A limit that counts pools or their nodes (from `data/pool-limits.csv`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct PoolLimit {
    /// `aks`, `eks`, `gke` or `kubernetes`.
    pub platform: String,
    /// `pools-per-cluster`, `nodes-per-pool`, `nodes-per-cluster`, ...
    pub limit: String,
    /// The value.
    pub value: u64,
    /// `error` for a hard limit, `warning` for an adjustable quota.
    pub severity: String,
    /// Where it is documented.
    pub source: String,
}

/// Every limit that counts pools, as published.
///
/// ```
/// let l = cidrplan::pool::limits();
/// assert!(l.iter().any(|l| l.platform == "aks" && l.limit == "pools-per-cluster" && l.value == 100));
/// ```
pub fn limits() -> &'static [PoolLimit] {
    static TABLE: OnceLock<Vec<PoolLimit>> = OnceLock::new();
    TABLE.get_or_init(|| {
        include_str!("../data/pool-limits.csv")
            .lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty())
            .filter_map(|l| {
                let mut f = l.splitn(5, ',');
                Some(PoolLimit {
                    platform: f.next()?.to_string(),
                    limit: f.next()?.to_string(),
                    value: f.next()?.parse().ok()?,
                    severity: f.next()?.to_string(),
                    source: f.next()?.to_string(),
                })
            })
            .collect()
    })
}

/// A limit broken by a cluster's pools.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct LimitIssue {
    /// Rule id, e.g. `aks.pools-per-cluster`.
    pub rule: &'static str,
    /// `error` (hard limit) or `warning` (adjustable quota).
    pub severity: String,
    /// The pool it is about, if one.
    pub pool: Option<String>,
    /// What is wrong, with the limit and its source.
    pub message: String,
}

/// The limits `pools` break on `platform`: pools per cluster, nodes per pool (per zone
/// on GKE), nodes per cluster (every pool at peak plus the largest surge, one pool
/// upgrading at a time), AKS's system pool and kubenet's 400 routes.
///
/// ```
/// use cidrplan::{plan::{Platform, Requirement}, pool::{check_limits, NodePool}};
/// let aks: Platform = "aks/overlay".parse().unwrap();
/// let pools = vec![NodePool::new("a", 3), NodePool::new("b", 1200)];
/// let rules: Vec<&str> = check_limits(&aks, &Requirement::new(0), &pools).into_iter().map(|i| i.rule).collect();
/// assert_eq!(rules, ["aks.nodes-per-pool"]);
/// ```
pub fn check_limits(platform: &Platform, cluster: &Requirement, pools: &[NodePool]) -> Vec<LimitIssue> {
    let key = match platform {
        Platform::Eks { .. } => "eks",
        Platform::Aks { .. } => "aks",
        Platform::Gke { .. } => "gke",
        Platform::Kubernetes { .. } => "kubernetes",
    };
    let mut out = Vec::new();
    let reqs: Vec<Requirement> = pools.iter().map(|p| p.requirement(cluster, true)).collect();
    let surge = reqs.iter().map(|r| r.surge.nodes_for(r.peak())).max().unwrap_or(0);
    let total = reqs.iter().fold(0u64, |a, r| a.saturating_add(r.peak())).saturating_add(surge);
    for l in limits().iter().filter(|l| l.platform == key) {
        let why = format!("{} ({})", l.value, l.source);
        let mut push = |pool: Option<&str>, message: String| {
            out.push(LimitIssue {
                rule: rule_static(&format!("{key}.{}", l.limit)),
                severity: l.severity.clone(),
                pool: pool.map(str::to_string),
                message,
            })
        };
        match l.limit.as_str() {
            "pools-per-cluster" | "node-groups-per-cluster" if pools.len() as u64 > l.value => {
                push(None, format!("{} node pools; at most {why}", pools.len()))
            }
            "nodes-per-cluster" if total > l.value => {
                push(None, format!("{total} nodes with every pool at peak and one upgrading; at most {why}"))
            }
            "nodes-per-pool" | "nodes-per-node-group" => {
                for (p, r) in pools.iter().zip(&reqs).filter(|(_, r)| r.peak() > l.value) {
                    push(Some(&p.name), format!("pool {}: {} nodes at peak; at most {why}", p.name, r.peak()))
                }
            }
            "nodes-per-pool-zone" => {
                for (p, r) in pools.iter().zip(&reqs) {
                    let per_zone = r.total().div_ceil(u64::from(r.zones.max(1)));
                    if per_zone > l.value {
                        push(
                            Some(&p.name),
                            format!("pool {}: {per_zone} nodes per zone at peak with surge; at most {why}", p.name),
                        )
                    }
                }
            }
            _ => {}
        }
    }
    if let Platform::Aks { mode } = platform {
        if !pools.is_empty()
            && !pools.iter().any(|p| p.mode == Some(PoolMode::System))
            && pools.iter().any(|p| p.mode.is_some())
        {
            out.push(LimitIssue {
                rule: "aks.system-pool",
                severity: "error".into(),
                pool: None,
                message: "no pool has mode: system; every AKS cluster needs one Linux system pool".into(),
            });
        }
        if *mode == crate::aks::Mode::Kubenet && total > crate::aks::KUBENET_MAX_NODES {
            out.push(LimitIssue {
                rule: "aks.kubenet-route-table",
                severity: "error".into(),
                pool: None,
                message: format!(
                    "kubenet: {total} nodes with every pool at peak and one upgrading need as many routes; a route table holds {}",
                    crate::aks::KUBENET_MAX_NODES
                ),
            });
        }
    }
    out
}

/// A cluster of several pools sized on `platform`: each pool by its own rule, every
/// range the sum of the pools (all pools draw on the cluster's ranges), the service
/// range the cluster's. A broken hard limit is an error; a quota past its default is
/// said in `limited_by`.
pub(crate) fn size(platform: &Platform, req: &Requirement) -> Result<Sizing> {
    let mut names = std::collections::HashSet::new();
    for p in &req.pools {
        if !names.insert(p.name.as_str()) {
            return Err(Error::InvalidArgument(format!("two pools are named {:?}; pool names are unique", p.name))
                .about("pools"));
        }
    }
    let mut sized = Vec::with_capacity(req.pools.len());
    for (i, p) in req.pools.iter().enumerate() {
        let ilb = if i == 0 { req.internal_load_balancer_ips } else { 0 };
        sized.push(
            check_pool(platform, p)
                .and_then(|_| size_pool(platform, p, req, ilb))
                .map_err(|e| e.in_pool(i, &p.name))?,
        );
    }
    let mut limited_by = Vec::new();
    for issue in check_limits(platform, req, &req.pools) {
        if issue.severity == "error" {
            return Err(Error::config(issue.rule, issue.message));
        }
        limited_by.push(issue.message);
    }
    let mut ranges = Vec::new();
    let roles: Vec<Role> = sized.first().map(|s| s.ranges.iter().map(|r| r.role).collect()).unwrap_or_default();
    for role in roles {
        if role == Role::ServiceRange {
            if let Some(r) = sized[0].ranges.iter().find(|r| r.role == role) {
                ranges.push(r.clone());
            }
            continue;
        }
        let shares: Vec<Share<'_>> = sized
            .iter()
            .filter_map(|s| {
                Some(Share {
                    pool: &s.name,
                    at_peak: s.at_peak.iter().find(|r| r.role == role)?,
                    with_surge: s.ranges.iter().find(|r| r.role == role)?,
                })
            })
            .collect();
        if let Some(r) = combine(platform, &shares)? {
            ranges.push(r);
        }
    }
    let surge = sized.iter().map(|s| s.surge_nodes).max().unwrap_or(0);
    let nodes = sized.iter().fold(0u64, |a, s| a.saturating_add(s.peak_nodes)).saturating_add(surge);
    let pods = sized.iter().fold(0u64, |a, s| a.saturating_add(s.peak_nodes.saturating_mul(u64::from(s.max_pods))));
    let max_pods = sized.iter().map(|s| s.max_pods).max().unwrap_or(0);
    let mut s = crate::cluster::finish(platform.label(), max_pods, nodes, ranges, limited_by, None);
    s.pods = pods;
    s.pools = sized;
    Ok(s)
}

/// Rule ids are `&'static str` in errors: the few a pool limit can break.
fn rule_static(rule: &str) -> &'static str {
    const RULES: &[&str] = &[
        "aks.pools-per-cluster",
        "aks.nodes-per-pool",
        "aks.nodes-per-cluster",
        "aks.system-pool",
        "aks.kubenet-route-table",
        "eks.node-groups-per-cluster",
        "eks.nodes-per-node-group",
        "gke.nodes-per-cluster",
        "gke.nodes-per-pool-zone",
        "kubernetes.nodes-per-cluster",
    ];
    RULES.iter().find(|r| **r == rule).copied().unwrap_or("pool.limit")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_limit_row_parses_and_has_a_rule() {
        let n = include_str!("../data/pool-limits.csv").lines().skip(1).filter(|l| !l.trim().is_empty()).count();
        assert_eq!(limits().len(), n);
        for l in limits() {
            assert_ne!(rule_static(&format!("{}.{}", l.platform, l.limit)), "pool.limit", "{l:?}");
            assert!(l.source.starts_with("https://"), "{l:?}");
        }
        // the constants the single-pool sizing uses agree with the table
        let v = |p: &str, k: &str| limits().iter().find(|l| l.platform == p && l.limit == k).map(|l| l.value);
        assert_eq!(v("aks", "pools-per-cluster"), Some(crate::aks::MAX_POOLS as u64));
        assert_eq!(v("aks", "nodes-per-pool"), Some(crate::aks::MAX_NODES_PER_POOL));
        assert_eq!(v("aks", "nodes-per-cluster"), Some(crate::aks::MAX_NODES_PER_CLUSTER));
        assert_eq!(v("gke", "nodes-per-cluster"), Some(crate::gke::MAX_NODES_PER_CLUSTER));
        assert_eq!(v("gke", "nodes-per-pool-zone"), Some(crate::gke::MAX_NODES_PER_POOL_PER_ZONE));
    }
}
