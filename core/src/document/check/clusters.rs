//! Clusters at peak with surge: each range's need against its capacity (the sum of the
//! pools that draw on it, one pool upgrading at a time), the range that runs out first
//! and the pool whose growth exhausts it, one zone lost, overlaps and reuse of cluster
//! ranges, and the limits that count pools.

use super::*;
use crate::document::model::{ClusterRange, ResolvedPool};
use crate::pool::{combine, PoolSizing, Share};

/// Pools whose growth is searched for, per cluster: each search sizes every pool on a
/// range again, so a plan of many thousands of pools would take quadratic time.
const MAX_POOLS_SEARCHED: usize = 250;

/// A range a cluster uses: its role, name in the plan, prefix, whether it is carved from
/// the network, the profile of its reserved addresses, and the pools that draw on it.
struct Used {
    role: Role,
    name: String,
    cidr: IpNet,
    in_vpc: bool,
    profile: AddressProfile,
    pools: Vec<usize>,
}

impl Used {
    /// A cluster range outside the VPC (pod or service CIDRs): no cloud reserves
    /// addresses in it.
    fn virtual_range(role: Role, name: &str, cidr: IpNet, pools: Vec<usize>) -> Used {
        Used { role, name: name.to_string(), cidr, in_vpc: false, profile: AddressProfile::Standard, pools }
    }
}

/// A range's need over the pools that draw on it, given each pool's sizing (`None` when a
/// pool on it could not be sized).
type CombinedNeed<'a> = dyn Fn(&Used, &[Option<PoolSizing>]) -> Option<crate::Result<RangeNeed>> + 'a;

impl Checker<'_> {
    pub(super) fn clusters(&mut self) {
        for ci in 0..self.plan.clusters.len() {
            let ranges = self.cluster(ci);
            self.cluster_ranges.push(ranges);
        }
    }

    /// Check one cluster; returns the ranges it uses. A cluster (or pool) the platform
    /// cannot size (a rule broken at peak) still gets every check that does not need the
    /// sizing: its subnets, its ranges' overlaps and forbidden ranges, zones, and the
    /// capacity of each range (without a need).
    pub(super) fn cluster(&mut self, ci: usize) -> Vec<(Role, String, IpNet, bool)> {
        let c: &Cluster = &self.plan.clusters[ci];
        let cobj = FindingObject { kind: "cluster", name: c.name.clone(), cidr: None, id: None, at: c.at.clone() };
        let req = c.requirement();
        let zones = req.zones;
        let pools = c.node_pools();
        let several = !c.pools.is_empty();
        let pobj = |p: &ResolvedPool| FindingObject {
            kind: "pool",
            name: format!("{}/{}", c.name, p.pool.name),
            cidr: None,
            id: None,
            at: p.at.clone(),
        };
        // each pool by its platform's own rule; the one-pool form is the cluster itself
        let mut sized: Vec<Option<PoolSizing>> = Vec::with_capacity(pools.len());
        let mut error = None;
        let mut seen = HashSet::new();
        for (i, p) in pools.iter().enumerate() {
            if several && !seen.insert(p.pool.name.as_str()) {
                self.push(
                    Severity::Error,
                    "cluster.pool-name",
                    format!("{}: two pools are named {}", c.name, p.pool.name),
                    vec![pobj(p), cobj.clone()],
                    Some("give every pool of a cluster its own name".into()),
                );
            }
            let ilb = if i == 0 { req.internal_load_balancer_ips } else { 0 };
            let r = if several {
                crate::pool::check_pool(&c.platform, &p.pool)
                    .and_then(|_| crate::pool::size_pool(&c.platform, &p.pool, &req, ilb))
                    .map_err(|e| e.in_pool(i, &p.pool.name))
            } else {
                crate::pool::size_pool(&c.platform, &p.pool, &req, ilb)
            };
            match r {
                Ok(s) => sized.push(Some(s)),
                Err(e) => {
                    let rule = if e.rule().is_some() { "cluster.platform-rule" } else { "cluster.sizing" };
                    let objects = if several { vec![pobj(p), cobj.clone()] } else { vec![cobj.clone()] };
                    self.push(Severity::Error, rule, format!("{}: {e}", c.name), objects, None);
                    error.get_or_insert_with(|| e.to_string());
                    sized.push(None);
                }
            }
        }
        if several {
            let plain: Vec<crate::pool::NodePool> = pools.iter().map(|p| p.pool.clone()).collect();
            for issue in crate::pool::check_limits(&c.platform, &req, &plain) {
                let severity = if issue.severity == "error" { Severity::Error } else { Severity::Warning };
                let mut objects = vec![cobj.clone()];
                if let Some(p) = issue.pool.as_ref().and_then(|n| pools.iter().find(|p| &p.pool.name == n)) {
                    objects.insert(0, pobj(p));
                }
                self.push(severity, issue.rule, format!("{}: {}", c.name, issue.message), objects, None);
            }
        }
        let all_sized = sized.iter().all(Option::is_some);
        // the ranges the platform uses (roles, zonal counts, defaults) do not depend on the
        // node count: when the real sizing fails, one node tells them
        let one = Requirement { nodes: 1, peak_nodes: None, ..req.clone() };
        let first_platform = pools.first().map_or_else(|| c.platform.clone(), |p| p.pool.platform(&c.platform));
        let shape: Option<(Vec<RangeNeed>, u32)> =
            sized.iter().flatten().next().map(|s| (s.ranges.clone(), s.max_pods)).or_else(|| {
                size(&first_platform, &one)
                    .or_else(|_| size(&first_platform, &Requirement { max_pods: None, ..one.clone() }))
                    .ok()
                    .map(|s| (s.ranges, s.max_pods))
            });
        // when a rule other than the node count refuses a pool, no peak fits
        let peak_sizable = all_sized
            || pools.iter().all(|p| {
                size(
                    &p.pool.platform(&c.platform),
                    &Requirement { nodes: 1, peak_nodes: None, ..p.pool.requirement(&req, true) },
                )
                .is_ok()
            });
        let needs: &[RangeNeed] = shape.as_ref().map_or(&[], |s| s.0.as_slice());
        let network = c.network.as_deref().and_then(|n| self.subnet_index(n));
        // the ranges it uses, by role, and the pools that draw on each
        let mut used: Vec<Used> = Vec::new();
        // by the subnet they resolve to: a pool may name it, another give its resource id
        let mut named: HashSet<(Role, usize)> = HashSet::new();
        for (pi, p) in pools.iter().enumerate() {
            for (role, names) in [(Role::NodeSubnet, &p.node_subnets), (Role::PodSubnet, &p.pod_subnets)] {
                for n in names {
                    let Some(i) = self.subnet_index(n) else { continue };
                    let n = &self.flat[i].net.name;
                    if !named.insert((role, i)) {
                        for u in used.iter_mut().filter(|u| u.role == role && &u.name == n) {
                            if !u.pools.contains(&pi) {
                                u.pools.push(pi);
                            }
                        }
                        continue;
                    }
                    if let Some(net) = network {
                        if !self.descends(i, net) {
                            let mut objects = vec![cobj.clone(), self.network_obj(i)];
                            let mut who = c.name.clone();
                            // a pool's own subnet: the finding names the pool, at its line
                            if several
                                && c.pools[pi]
                                    .node_subnets
                                    .iter()
                                    .chain(&c.pools[pi].pod_subnets)
                                    .flatten()
                                    .any(|x| self.subnet_index(x) == Some(i))
                            {
                                objects.insert(0, pobj(p));
                                who = format!("{}: pool {}", c.name, p.pool.name);
                            }
                            self.push(
                                Severity::Error,
                                "cluster.subnet-outside-network",
                                format!("{who} uses {n}, which is not in its network {}", self.flat[net].net.name),
                                objects,
                                Some(format!("use subnets of {}", self.flat[net].net.name)),
                            );
                        }
                    }
                    let f = self.flat[i];
                    for cidr in f.net.cidr.iter().filter(|x| Family::of(x) == Family::V4) {
                        used.push(Used {
                            role,
                            name: n.clone(),
                            cidr: *cidr,
                            in_vpc: true,
                            profile: f.profile,
                            pools: vec![pi],
                        });
                    }
                }
            }
        }
        let net_cidrs: Vec<IpNet> = network.map(|n| self.flat[n].net.cidr.clone()).unwrap_or_default();
        let every: Vec<usize> = (0..pools.len()).collect();
        for need in needs.iter().filter(|r| matches!(r.role, Role::PodRange | Role::ServiceRange)) {
            let word = role_word(need.role);
            let missing = |s: &mut Self, who: &str| {
                s.push(
                    Severity::Error,
                    "cluster.missing-range",
                    format!("{who} needs a {word} range (at least a /{}) and the plan gives none", need.prefix_len),
                    vec![cobj.clone()],
                    Some(format!("add {word}_range: auto (or a CIDR)")),
                )
            };
            // pools on their own Pod range (GKE multi-pod CIDR) first; the rest on the cluster's
            let mut rest = every.clone();
            if need.role == Role::PodRange && several {
                rest.clear();
                for (pi, p) in pools.iter().enumerate() {
                    let own = c.pools[pi].pod_range.as_ref().and_then(|g| g.cidr);
                    match own {
                        Some(cidr) => match used.iter_mut().find(|u| u.role == Role::PodRange && u.cidr == cidr) {
                            Some(u) => u.pools.push(pi),
                            None => used.push(Used {
                                role: Role::PodRange,
                                name: format!("pods-{}", p.pool.name),
                                cidr,
                                in_vpc: need.in_vpc,
                                profile: AddressProfile::Standard,
                                pools: vec![pi],
                            }),
                        },
                        None => rest.push(pi),
                    }
                }
                if rest.is_empty() {
                    continue;
                }
            }
            let given = if need.role == Role::PodRange { &c.pod_range } else { &c.service_range };
            let name = if need.role == Role::PodRange { "pods" } else { "services" };
            let add = |u: &mut Vec<Used>, cidr: IpNet| {
                u.push(Used {
                    role: need.role,
                    name: name.to_string(),
                    cidr,
                    in_vpc: need.in_vpc,
                    profile: AddressProfile::Standard,
                    pools: rest.clone(),
                })
            };
            match given.as_ref().and_then(|g| g.cidr) {
                Some(cidr) => add(&mut used, cidr),
                None if !need.in_vpc || need.role == Role::ServiceRange => {
                    match crate::document::carve::default_virtual_range(&c.platform, need.role, &net_cidrs) {
                        Some(d) => {
                            self.push(
                                Severity::Info,
                                "cluster.default-range",
                                format!(
                                    "{} has no {word} range in the plan; the platform default {d} is assumed",
                                    c.name
                                ),
                                vec![cobj.clone()],
                                Some(format!("write {word}_range: {d} to make it explicit")),
                            );
                            add(&mut used, d);
                        }
                        None => missing(self, &c.name),
                    }
                }
                None => missing(self, &c.name),
            }
        }
        if shape.is_none() {
            // nothing says which ranges the platform uses: the ranges the plan gives still
            // get every overlap check
            for (role, r, name) in
                [(Role::PodRange, &c.pod_range, "pods"), (Role::ServiceRange, &c.service_range, "services")]
            {
                if let Some(cidr) = r.as_ref().and_then(|g| g.cidr) {
                    used.push(Used::virtual_range(role, name, cidr, every.clone()));
                }
            }
        }
        // every pool names the subnets its platform puts it in, one per zone where zonal
        for (role, what) in [(Role::NodeSubnet, "node_subnets"), (Role::PodSubnet, "pod_subnets")] {
            for (pi, p) in pools.iter().enumerate() {
                let need = sized[pi].as_ref().map_or(needs, |s| s.ranges.as_slice()).iter().find(|r| r.role == role);
                let Some(need) = need else { continue };
                let who = if several { format!("{}: pool {}", c.name, p.pool.name) } else { c.name.clone() };
                let listed = if role == Role::NodeSubnet { &p.node_subnets } else { &p.pod_subnets };
                let known = listed.iter().filter(|n| self.subnet_index(n).is_some()).count();
                if known == 0 {
                    self.push(
                        Severity::Error,
                        "cluster.missing-range",
                        format!(
                            "{who} needs {} {} of at least /{} and names none",
                            need.count,
                            if need.count == 1 { role_word(role).trim_end_matches('s') } else { role_word(role) },
                            need.prefix_len
                        ),
                        if several { vec![pobj(p), cobj.clone()] } else { vec![cobj.clone()] },
                        Some(format!("list them in {what}")),
                    );
                } else if need.count > 1 && known < need.count as usize {
                    self.push(
                        Severity::Warning,
                        "cluster.zones",
                        format!("{who} spreads over {} zones but names {known} {what}", need.count),
                        if several { vec![pobj(p), cobj.clone()] } else { vec![cobj.clone()] },
                        Some(format!("name one per zone in {what}, or set zones")),
                    );
                }
            }
        }
        // each pool's share of each range it draws on, at peak and with its surge
        let share_of = |pi: usize, role: Role, s: &'_ [Option<PoolSizing>]| -> Option<(RangeNeed, RangeNeed)> {
            let p = s[pi].as_ref()?;
            Some((
                p.at_peak.iter().find(|r| r.role == role)?.clone(),
                p.ranges.iter().find(|r| r.role == role)?.clone(),
            ))
        };
        let combined = |u: &Used, s: &[Option<PoolSizing>]| -> Option<crate::Result<RangeNeed>> {
            let parts: Option<Vec<(String, RangeNeed, RangeNeed)>> = u
                .pools
                .iter()
                .map(|&pi| share_of(pi, u.role, s).map(|(a, b)| (pools[pi].pool.name.clone(), a, b)))
                .collect();
            let parts = parts?;
            if u.role == Role::ServiceRange {
                // the cluster's, the same in every pool's sizing
                return parts.into_iter().next().map(|p| Ok(p.2));
            }
            let shares: Vec<Share<'_>> =
                parts.iter().map(|(n, a, b)| Share { pool: n, at_peak: a, with_surge: b }).collect();
            combine(&c.platform, &shares).transpose()
        };
        // capacity of each range at peak with surge
        let min_headroom = self.plan.policies.min_headroom_percent;
        let mut caps: Vec<RangeCapacity> = Vec::new();
        let mut pool_first: Vec<Option<(u64, String)>> = vec![None; pools.len()];
        let mut growth_limit_said = false;
        for u in &used {
            if !needs.iter().any(|r| r.role == u.role) {
                continue;
            }
            let (role, name, cidr, profile) = (u.role, &u.name, &u.cidr, u.profile);
            // an IPv6 range in an IPv4 slot: cluster.range-family says so, once
            if !c.ip_families.is_empty() && Family::of(cidr) == Family::V6 {
                continue;
            }
            // the real need at peak, when every pool on it could be sized
            let need = match combined(u, &sized) {
                Some(Ok(n)) => Some(n),
                Some(Err(e)) => {
                    let obj = self.range_obj(ci, role, name, cidr);
                    self.push(
                        Severity::Error,
                        "cluster.sizing",
                        format!("{}: {name}: {e}", c.name),
                        vec![cobj.clone(), obj],
                        None,
                    );
                    None
                }
                None => None,
            };
            let need = need.as_ref();
            let capacity = match role {
                Role::NodeSubnet | Role::PodSubnet => profile.usable_hosts(cidr).unwrap_or(0),
                _ => 1u128 << (Family::of(cidr).bits() - cidr.prefix_len()).min(127),
            };
            let sized_by_nodes = role != Role::ServiceRange;
            let checked = sized_by_nodes || c.services.is_some();
            let needed = need.map(|n| if checked { n.addresses } else { 0 });
            let fits = need.map(|n| !checked || cidr.prefix_len() <= n.prefix_len);
            let short = needed.filter(|&n| n > capacity).map(|n| n - capacity);
            let headroom_percent = match needed {
                // IPv6 ranges pass 2^121 addresses: never multiply past u128
                Some(n) if n <= capacity && capacity > 0 => {
                    let free = capacity - n;
                    Some(free.checked_mul(100).map_or_else(|| free / (capacity / 100), |x| x / capacity).min(100) as u8)
                }
                _ => None,
            };
            // how far each pool on it can grow, the others at peak; when a rule other than
            // the node count refuses a pool, no peak fits
            let mut shares_out = Vec::new();
            let mut runs_out_with = None;
            let max_peak_nodes = if !sized_by_nodes || !peak_sizable {
                None
            } else if !several {
                let p = &pools[0];
                let r = Requirement {
                    internal_load_balancer_ips: req.internal_load_balancer_ips,
                    ..p.pool.requirement(&req, true)
                };
                max_peak(&p.pool.platform(&c.platform), &r, role, cidr.prefix_len())
            } else if pools.len() > MAX_POOLS_SEARCHED {
                if !growth_limit_said {
                    growth_limit_said = true;
                    self.push(
                        Severity::Info,
                        "plan.limit",
                        format!(
                            "{}: {} pools; how far each can grow is searched for at most {MAX_POOLS_SEARCHED} (every range's need is still checked)",
                            c.name,
                            pools.len()
                        ),
                        vec![cobj.clone()],
                        None,
                    );
                }
                None
            } else {
                // (room to grow, negative when already short; cluster peak then; pool)
                let mut first: Option<(i128, u64, String)> = None;
                let every_sized = u.pools.iter().all(|&pi| sized[pi].is_some());
                for &pi in &u.pools {
                    let Some(own) = sized[pi].as_ref() else { continue };
                    let grow =
                        if every_sized { self.pool_max_peak(ci, &pools, &sized, pi, u, &combined) } else { None };
                    // the cluster's peak when it runs out: every other pool at its peak
                    let others: u64 = sized
                        .iter()
                        .enumerate()
                        .filter(|(o, _)| *o != pi)
                        .filter_map(|(_, s)| s.as_ref())
                        .fold(0u64, |a, s| a.saturating_add(s.peak_nodes));
                    if let Some(g) = grow {
                        let room = i128::from(g) - i128::from(own.peak_nodes);
                        if first.as_ref().is_none_or(|f| room < f.0) {
                            first = Some((room, others.saturating_add(g), own.name.clone()));
                        }
                        if pool_first[pi].as_ref().is_none_or(|f| g < f.0) {
                            pool_first[pi] = Some((g, name.clone()));
                        }
                    }
                    let (at, with) = share_of(pi, role, &sized).map_or((0, 0), |(a, b)| (a.addresses, b.addresses));
                    shares_out.push(PoolShare {
                        pool: own.name.clone(),
                        needed: at,
                        surge: with.saturating_sub(at),
                        max_peak_nodes: grow,
                    });
                }
                runs_out_with = first.as_ref().map(|f| f.2.clone());
                first.map(|f| f.1)
            };
            let obj = self.range_obj(ci, role, name, cidr);
            if let (Some(need), Some(false)) = (need, fits) {
                let nodes = if several {
                    u.pools
                        .iter()
                        .filter_map(|&pi| sized[pi].as_ref())
                        .fold(0u64, |a, s| a.saturating_add(s.peak_nodes))
                        + u.pools.iter().filter_map(|&pi| sized[pi].as_ref()).map(|s| s.surge_nodes).max().unwrap_or(0)
                } else {
                    sized[0].as_ref().map_or(0, |s| s.nodes)
                };
                let gap = match short {
                    Some(s) => format!("short {}", grouped(s)),
                    // enough addresses, but not in a block the platform can hand out
                    None => "too few whole blocks".to_string(),
                };
                self.push(
                    Severity::Error,
                    "cluster.capacity",
                    format!(
                        "{}: {name} ({cidr}) needs {} addresses at peak with surge ({} nodes), has {} ({gap}; a /{} holds it): {}",
                        c.name,
                        grouped(need.addresses),
                        grouped(u128::from(nodes)),
                        grouped(capacity),
                        need.prefix_len,
                        need.rule
                    ),
                    vec![cobj.clone(), obj],
                    Some(format!("give {name} a /{} or larger, or lower peak_nodes or max_pods", need.prefix_len)),
                );
            } else if let (Some(min), Some(h)) = (min_headroom, headroom_percent) {
                if sized_by_nodes && h < min {
                    self.push(
                        Severity::Warning,
                        "policy.headroom",
                        format!("{}: {name} ({cidr}) keeps {h}% free at peak; the policy asks for {min}%", c.name),
                        vec![cobj.clone(), obj],
                        Some(format!("give {name} a larger range or plan a lower peak")),
                    );
                }
            }
            let summary = RangeCapacity::describe(
                capacity,
                needed,
                need.map(|n| n.prefix_len),
                short,
                headroom_percent,
                max_peak_nodes,
            );
            caps.push(RangeCapacity {
                summary,
                name: name.clone(),
                role,
                cidr: cidr.to_string(),
                capacity,
                needed,
                needed_prefix_len: need.map(|n| n.prefix_len),
                headroom_percent,
                short,
                max_peak_nodes,
                runs_out_with,
                pools: shares_out,
            });
        }
        let first = caps.iter().filter_map(|r| r.max_peak_nodes.map(|m| (m, r.name.clone()))).min();
        // one zone lost: its nodes move to the others, in every pool
        let zone_loss = if all_sized && zones >= 2 && needs.iter().any(|r| r.count > 1) {
            let fewer: Option<Vec<Option<PoolSizing>>> = pools
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let mut q = p.pool.clone();
                    let z = q.zones.unwrap_or(zones);
                    q.zones = Some(if z >= 2 { z - 1 } else { z });
                    let ilb = if i == 0 { req.internal_load_balancer_ips } else { 0 };
                    crate::pool::size_pool(&c.platform, &q, &req, ilb).ok().map(Some)
                })
                .collect();
            fewer.map(|fewer| {
                let mut short = Vec::new();
                for u in used.iter().filter(|u| u.role != Role::ServiceRange) {
                    if let Some(Ok(need)) = combined(u, &fewer) {
                        if need.count > 1 && u.cidr.prefix_len() > need.prefix_len {
                            short.push(format!("{} ({}, needs /{})", u.name, u.cidr, need.prefix_len));
                        }
                    }
                }
                if !short.is_empty() {
                    self.push(Severity::Warning, "cluster.zone-loss", format!("{}: if one of {zones} zones is lost and its nodes move to the other {}, {} run out", c.name, zones - 1, short.join(", ")), vec![cobj.clone()], Some("size zonal subnets for the nodes of one zone more, or accept reduced capacity during a zone outage".into()));
                }
                ZoneLoss { zones_left: zones - 1, holds: short.is_empty(), short }
            })
        } else {
            None
        };
        // every node at peak with surge (one pool upgrading), each at its max pods
        let live: Vec<&PoolSizing> = sized.iter().flatten().collect();
        let (nodes, pods) = if !several {
            let n = sized[0].as_ref().map_or_else(|| req.total(), |s| s.nodes);
            let mp = req.max_pods.or(shape.as_ref().map(|s| s.1)).unwrap_or(0);
            (n, n.saturating_mul(u64::from(mp)))
        } else {
            let upgrading = live.iter().max_by_key(|s| s.surge_nodes);
            let n = live
                .iter()
                .fold(0u64, |a, s| a.saturating_add(s.peak_nodes))
                .saturating_add(upgrading.map_or(0, |s| s.surge_nodes));
            let p = live
                .iter()
                .fold(0u64, |a, s| a.saturating_add(s.peak_nodes.saturating_mul(u64::from(s.max_pods))))
                .saturating_add(upgrading.map_or(0, |s| s.surge_nodes.saturating_mul(u64::from(s.max_pods))));
            (n, p)
        };
        let max_pods = if several {
            live.iter().map(|s| s.max_pods).max().unwrap_or(0)
        } else {
            req.max_pods.or(shape.as_ref().map(|s| s.1)).unwrap_or(0)
        };
        let pool_caps: Vec<PoolCapacity> = if several {
            pools
                .iter()
                .enumerate()
                .map(|(pi, p)| PoolCapacity {
                    pool: p.pool.name.clone(),
                    platform: sized[pi]
                        .as_ref()
                        .map_or_else(|| p.pool.platform(&c.platform).label(), |s| s.platform.clone()),
                    peak_nodes: p.pool.requirement(&req, true).peak(),
                    surge_nodes: sized[pi].as_ref().map_or(0, |s| s.surge_nodes),
                    max_pods: sized[pi].as_ref().map_or(p.pool.max_pods.unwrap_or(0), |s| s.max_pods),
                    ranges: used
                        .iter()
                        .filter(|u| u.pools.contains(&pi))
                        .map(|u| u.name.clone())
                        .collect::<BTreeSet<_>>()
                        .into_iter()
                        .collect(),
                    runs_out_first: pool_first[pi].as_ref().map(|f| f.1.clone()),
                    max_peak_nodes: pool_first[pi].as_ref().map(|f| f.0),
                    error: if sized[pi].is_none() {
                        Some("the platform refuses this pool (see its finding)".into())
                    } else {
                        None
                    },
                })
                .collect()
        } else {
            Vec::new()
        };
        let observed = self.observed_use(
            ci,
            &cobj,
            &used,
            pools.iter().fold(0u64, |a, p| a.saturating_add(p.pool.requirement(&req, true).peak())),
        );
        self.clusters.push(ClusterCapacity {
            cluster: c.name.clone(),
            platform: if several {
                c.platform.label()
            } else {
                sized[0].as_ref().map_or_else(|| c.platform.label(), |s| s.platform.clone())
            },
            nodes,
            max_pods,
            error,
            runs_out_first: first.as_ref().map(|f| f.1.clone()),
            max_peak_nodes: first.map(|f| f.0),
            ranges: caps,
            zone_loss,
            pools: pool_caps,
            observed,
        });
        // the IPv6 side of a dual-stack or IPv6 cluster: its own rules, then every overlap check
        let peak_total = pools.iter().fold(0u64, |a, p| a.saturating_add(p.pool.requirement(&req, true).total()));
        self.cluster_families(ci, &cobj, &mut used, network, peak_total);
        // any two ranges of one cluster must not overlap
        let prefixes: Vec<IpNet> = used.iter().map(|u| u.cidr).collect();
        if let Some(pairs) = self.overlapping_pairs(&prefixes) {
            for (a, b) in pairs {
                if used[a].name == used[b].name && used[a].role == used[b].role {
                    continue;
                }
                let (oa, ob) = (
                    self.range_obj(ci, used[a].role, &used[a].name, &used[a].cidr),
                    self.range_obj(ci, used[b].role, &used[b].name, &used[b].cidr),
                );
                self.push(
                    Severity::Error,
                    "overlap.cluster-ranges",
                    format!(
                        "{}: {} ({}) and {} ({}) overlap",
                        c.name, used[a].name, used[a].cidr, used[b].name, used[b].cidr
                    ),
                    vec![oa, ob],
                    Some("give every cluster range its own addresses".into()),
                );
            }
        }
        self.cluster_settings(ci, &cobj, nodes, pods, &used);
        // AKS: its ranges must avoid the forbidden ranges
        if matches!(c.platform, Platform::Aks { .. }) {
            let forbidden = ReservedSet::aks_forbidden();
            let mut mine: Vec<(String, IpNet)> = used.iter().map(|u| (u.name.clone(), u.cidr)).collect();
            mine.extend(net_cidrs.iter().map(|n| (c.network.clone().unwrap_or_default(), *n)));
            for (name, p) in mine {
                for e in forbidden.entries.iter().filter(|e| e.prefix.contains(&p) || p.contains(&e.prefix)) {
                    self.push(
                        Severity::Error,
                        "aks.forbidden-range",
                        format!(
                            "{}: {name} ({p}) overlaps {}, a range AKS refuses for VNet, pod and service ranges",
                            c.name, e.prefix
                        ),
                        vec![cobj.clone()],
                        Some(format!("move {name} off {}", e.prefix)),
                    );
                }
            }
        }
        used.into_iter()
            .filter(|u| matches!(u.role, Role::PodRange | Role::ServiceRange))
            .map(|u| (u.role, u.name, u.cidr, u.in_vpc))
            .collect()
    }

    /// The most peak nodes pool `pi` can grow to, the other pools on `u` at their peak,
    /// before `u`'s combined need outgrows it.
    fn pool_max_peak(
        &self,
        ci: usize,
        pools: &[ResolvedPool],
        sized: &[Option<PoolSizing>],
        pi: usize,
        u: &Used,
        combined: &CombinedNeed<'_>,
    ) -> Option<u64> {
        let c = &self.plan.clusters[ci];
        let req = c.requirement();
        let have = u.cidr.prefix_len();
        let mut trial: Vec<Option<PoolSizing>> = sized.to_vec();
        let fits = |peak: u64| -> bool {
            let mut q = pools[pi].pool.clone();
            q.nodes = q.nodes.min(peak).max(1);
            q.peak_nodes = Some(peak);
            let ilb = if pi == 0 { req.internal_load_balancer_ips } else { 0 };
            match crate::pool::size_pool(&c.platform, &q, &req, ilb) {
                Ok(s) => {
                    trial[pi] = Some(s);
                    matches!(combined(u, &trial), Some(Ok(n)) if have <= n.prefix_len)
                }
                Err(_) => false,
            }
        };
        Some(most_peak_nodes(fits))
    }

    /// `ip_families` and the IPv6 ranges: each range of its family; EKS runs IPv4 or IPv6
    /// clusters, not dual-stack; AKS dual-stack is Azure CNI Overlay's and has no IPv6-only
    /// mode, its IPv6 service CIDR at most a /108 (defaults fd12:3456:789a::/64 and
    /// fd12:3456:789a:1::/108); nodes of an IPv6 or dual-stack cluster take IPv6 addresses
    /// from their subnets (EKS IPv6, AKS and GKE dual-stack), so those need an IPv6 range;
    /// a Kubernetes IPv6 cluster CIDR gives each node a /64, at most 2^16 of them.
    fn cluster_families(
        &mut self,
        ci: usize,
        cobj: &FindingObject,
        used: &mut Vec<Used>,
        network: Option<usize>,
        nodes: u64,
    ) {
        use crate::cluster::IpFamily;
        let c = &self.plan.clusters[ci];
        let families = &c.ip_families;
        let v6 = families.contains(&IpFamily::Ipv6);
        let v4 = families.is_empty() || families.contains(&IpFamily::Ipv4);
        let err = |s: &mut Self, rule: &'static str, message: String, fix: &str| {
            s.push(Severity::Error, rule, format!("{}: {message}", c.name), vec![cobj.clone()], Some(fix.to_string()))
        };
        if families.len() > 2 || (families.len() == 2 && families[0] == families[1]) {
            err(
                self,
                "cluster.ip-families",
                "ip_families lists a family twice".into(),
                "write [ipv4], [ipv6] or [ipv4, ipv6]",
            );
        }
        // each range of its family (when the plan says its families; before ip_families a
        // plan could give an IPv6-only cluster's range in pod_range)
        let slots: &[(&Option<ClusterRange>, Family, &str)] = if families.is_empty() {
            &[]
        } else {
            &[
                (&c.pod_range, Family::V4, "pod_range"),
                (&c.service_range, Family::V4, "service_range"),
                (&c.pod_range_v6, Family::V6, "pod_range_v6"),
                (&c.service_range_v6, Family::V6, "service_range_v6"),
            ]
        };
        for &(r, want, key) in slots {
            if let Some(cidr) = r.as_ref().and_then(|g| g.cidr) {
                if Family::of(&cidr) != want {
                    err(
                        self,
                        "cluster.range-family",
                        format!("{key} {cidr} is not {}", want.name()),
                        &format!("give {key} an {} range", want.name()),
                    );
                }
            }
        }
        if !v6 && (c.pod_range_v6.is_some() || c.service_range_v6.is_some()) {
            self.push(
                Severity::Warning,
                "cluster.ip-families",
                format!("{}: IPv6 ranges are given but ip_families has no ipv6; they are not used", c.name),
                vec![cobj.clone()],
                Some("add ipv6 to ip_families, or drop the IPv6 ranges".into()),
            );
        }
        match &c.platform {
            Platform::Eks { .. } if v4 && v6 => err(
                self,
                "eks.dual-stack",
                "EKS clusters are IPv4 or IPv6 (ipFamily), not dual-stack".into(),
                "choose ip_families: [ipv4] or [ipv6]",
            ),
            Platform::Aks { .. } if v6 && !v4 => err(
                self,
                "aks.ipv6-only",
                "AKS has no IPv6-only clusters; IPv6 comes with IPv4 (dual-stack)".into(),
                "write ip_families: [ipv4, ipv6]",
            ),
            Platform::Aks { mode } if v6 && *mode != crate::aks::Mode::Overlay => err(
                self,
                "aks.dual-stack-overlay-only",
                format!("dual-stack needs Azure CNI Overlay, not {mode}"),
                "use platform: aks/overlay",
            ),
            _ => {}
        }
        if !v6 {
            return;
        }
        // nodes take IPv6 addresses from their subnets (not on plain Kubernetes: its own IPAM)
        if !matches!(c.platform, Platform::Kubernetes { .. }) {
            let v4_only: Vec<String> = used
                .iter()
                .filter(|u| u.role == Role::NodeSubnet)
                .map(|u| u.name.clone())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .filter(|n| {
                    self.subnet_index(n)
                        .is_some_and(|i| !self.flat[i].net.cidr.iter().any(|x| Family::of(x) == Family::V6))
                })
                .collect();
            if !v4_only.is_empty() {
                err(
                    self,
                    "cluster.ipv6-subnet",
                    format!(
                        "its nodes take IPv6 addresses from their subnets, and {} {} no IPv6 range",
                        v4_only.join(", "),
                        if v4_only.len() == 1 { "has" } else { "have" }
                    ),
                    "give those subnets an IPv6 range (a /64)",
                );
            }
        }
        let _ = network;
        // the IPv6 Pod and service ranges: given, the platform's default, or needed
        let aks = matches!(c.platform, Platform::Aks { .. });
        for (role, given, name, default) in [
            (Role::PodRange, &c.pod_range_v6, "pods-v6", aks.then_some(crate::aks::DEFAULT_POD_CIDR_V6)),
            (
                Role::ServiceRange,
                &c.service_range_v6,
                "services-v6",
                aks.then_some(crate::aks::DEFAULT_SERVICE_CIDR_V6),
            ),
        ] {
            let cidr = match (given.as_ref().and_then(|g| g.cidr), default) {
                (Some(x), _) => Some(x),
                (None, Some(d)) => {
                    let d: IpNet = d.parse().unwrap_or_default();
                    self.push(
                        Severity::Info,
                        "cluster.default-range",
                        format!("{} has no {name} range in the plan; the platform default {d} is assumed", c.name),
                        vec![cobj.clone()],
                        Some(format!(
                            "write {}_range_v6: {d} to make it explicit",
                            if role == Role::PodRange { "pod" } else { "service" }
                        )),
                    );
                    Some(d)
                }
                // a Kubernetes cluster's IPAM needs its IPv6 cluster CIDR; the clouds assign theirs
                (None, None) if matches!(c.platform, Platform::Kubernetes { .. }) && role == Role::PodRange => {
                    err(
                        self,
                        "cluster.missing-range",
                        "an IPv6 cluster needs an IPv6 Pod range and the plan gives none".into(),
                        "add pod_range_v6 (a ULA such as fd00:10:244::/56)",
                    );
                    None
                }
                (None, None) => None,
            };
            let Some(cidr) = cidr.filter(|x| Family::of(x) == Family::V6) else { continue };
            if role == Role::ServiceRange && aks && cidr.prefix_len() < crate::aks::SERVICE_CIDR_V6_LARGEST_PREFIX {
                err(
                    self,
                    "aks.service-cidr-v6-size",
                    format!(
                        "IPv6 service range {cidr} is larger than /{}, the largest AKS allows",
                        crate::aks::SERVICE_CIDR_V6_LARGEST_PREFIX
                    ),
                    "use a /108 or smaller",
                );
            }
            if role == Role::PodRange && matches!(c.platform, Platform::Kubernetes { .. }) {
                // --node-cidr-mask-size-ipv6 defaults to /64; kube-controller-manager refuses
                // a cluster CIDR more than 16 bits shorter
                let mask = crate::k8s::default_node_mask(Family::V6);
                let bits = mask.saturating_sub(cidr.prefix_len());
                if cidr.prefix_len() > mask || bits > 16 {
                    err(
                        self,
                        "k8s.node-cidr-mask-size",
                        format!("IPv6 cluster CIDR {cidr} with /{mask} per node: the mask must be longer than the CIDR by at most 16 bits"),
                        "use an IPv6 cluster CIDR from /48 to /63",
                    );
                } else if (1u128 << bits) < u128::from(nodes) {
                    err(
                        self,
                        "cluster.capacity",
                        format!(
                            "{name} ({cidr}) holds {} node /{mask}s; {nodes} nodes at peak with surge need more",
                            1u128 << bits
                        ),
                        "give pod_range_v6 a shorter prefix",
                    );
                }
            }
            used.push(Used::virtual_range(role, name, cidr, Vec::new()));
        }
    }

    /// What the cluster's nodes show against the plan: node Pod CIDRs in each Pod range
    /// and how many more fit; a node CIDR outside every Pod range the plan gives, or
    /// more nodes than the planned peak, is a finding.
    fn observed_use(&mut self, ci: usize, cobj: &FindingObject, used: &[Used], peak: u64) -> Option<ObservedUse> {
        let c = &self.plan.clusters[ci];
        let o = c.observed.as_ref()?;
        let pod_ranges: Vec<&Used> = used.iter().filter(|u| u.role == Role::PodRange).collect();
        let mut ranges = Vec::new();
        for u in &pod_ranges {
            let inside: Vec<&IpNet> = o.pod_cidrs.iter().filter(|p| u.cidr.contains(*p)).collect();
            let block = inside.iter().map(|p| p.prefix_len()).max();
            let left = block.map_or_else(String::new, |b| {
                let total = 1u128.checked_shl(u32::from(b.saturating_sub(u.cidr.prefix_len()))).unwrap_or(u128::MAX);
                total.saturating_sub(inside.len() as u128).to_string()
            });
            ranges.push(ObservedRange {
                name: u.name.clone(),
                cidr: u.cidr.to_string(),
                handed_out: inside.len() as u64,
                left,
            });
        }
        if !pod_ranges.is_empty() {
            let outside: Vec<String> = o
                .pod_cidrs
                .iter()
                .filter(|p| Family::of(p) == Family::V4 && !pod_ranges.iter().any(|u| u.cidr.contains(*p)))
                .map(|p| p.to_string())
                .collect();
            if !outside.is_empty() {
                let shown: Vec<&str> = outside.iter().take(8).map(String::as_str).collect();
                self.push(
                    Severity::Error,
                    "cluster.observed-outside",
                    format!(
                        "{}: {} of its nodes' Pod CIDRs are outside every Pod range the plan gives it ({}{})",
                        c.name,
                        outside.len(),
                        shown.join(", "),
                        if outside.len() > 8 { ", ..." } else { "" }
                    ),
                    vec![cobj.clone()],
                    Some("write the cluster's real Pod range (its --cluster-cidr) in the plan".into()),
                );
            }
        }
        if peak > 0 && o.nodes > peak {
            self.push(
                Severity::Warning,
                "cluster.observed-over-peak",
                format!("{}: {} nodes run now, more than the plan's peak of {peak}", c.name, o.nodes),
                vec![cobj.clone()],
                Some("raise peak_nodes to what the cluster really reaches".into()),
            );
        }
        Some(ObservedUse { nodes: o.nodes, pod_cidrs: o.pod_cidrs.len() as u64, ranges })
    }

    /// The network policy engine's scale and the DNS service IP (AKS's settings; on
    /// another platform they are a mistake, said once).
    fn cluster_settings(&mut self, ci: usize, cobj: &FindingObject, nodes: u64, pods: u64, used: &[Used]) {
        use crate::aks::NetworkPolicy;
        let c = &self.plan.clusters[ci];
        let aks = matches!(c.platform, Platform::Aks { .. });
        if !aks {
            for (set, what) in [
                (c.network_policy == Some(NetworkPolicy::AzureNpm), "network_policy: azure-npm"),
                (c.dns_service_ip.is_some(), "dns_service_ip"),
            ] {
                if set {
                    self.push(
                        Severity::Error,
                        "cluster.aks-only",
                        format!("{}: {what} is an AKS setting; {} has none", c.name, c.platform.label()),
                        vec![cobj.clone()],
                        Some(format!("drop {what}")),
                    );
                }
            }
            return;
        }
        if let Some(i) = crate::aks::network_policy_issue(c.network_policy.unwrap_or_default(), nodes, pods) {
            self.push(
                Severity::Error,
                i.rule,
                format!("{}: {}", c.name, i.message),
                vec![cobj.clone()],
                Some("use network_policy: cilium (or calico)".into()),
            );
        }
        if let Some(ip) = c.dns_service_ip {
            let service = used
                .iter()
                .find(|u| u.role == Role::ServiceRange && Family::of(&u.cidr) == Family::of(&IpNet::from(ip)));
            let service = service.or_else(|| used.iter().find(|u| u.role == Role::ServiceRange));
            if let Some(svc) = service.map(|u| &u.cidr) {
                if let Some(i) = crate::aks::dns_service_ip_issue(svc, ip) {
                    self.push(
                        Severity::Error,
                        i.rule,
                        format!("{}: {}", c.name, i.message),
                        vec![cobj.clone()],
                        Some(format!(
                            "use {}",
                            crate::cidrhost(svc, 10)
                                .map_or_else(|_| "an address inside the service range".to_string(), |a| a.to_string())
                        )),
                    );
                }
            }
        }
    }

    pub(super) fn range_obj(&self, ci: usize, role: Role, name: &str, cidr: &IpNet) -> FindingObject {
        match role {
            Role::NodeSubnet | Role::PodSubnet => match self.subnet_index(name) {
                Some(i) => FindingObject { cidr: Some(cidr.to_string()), ..self.network_obj(i) },
                None => FindingObject {
                    kind: "subnet",
                    name: name.to_string(),
                    cidr: Some(cidr.to_string()),
                    id: None,
                    at: None,
                },
            },
            _ => FindingObject {
                id: None,
                kind: "cluster-range",
                name: format!("{}/{name}", self.plan.clusters[ci].name),
                cidr: Some(cidr.to_string()),
                at: self.plan.clusters[ci].at.clone(),
            },
        }
    }
}

/// The most peak nodes for which `role`'s need still fits in a /`have_len`.
fn max_peak(platform: &Platform, req: &Requirement, role: Role, have_len: u8) -> Option<u64> {
    let fits = |peak: u64| -> bool {
        let r = Requirement { nodes: peak.min(req.nodes).max(1), peak_nodes: Some(peak), ..req.clone() };
        match size(platform, &r) {
            Ok(s) => s.ranges.iter().filter(|n: &&RangeNeed| n.role == role).all(|n| have_len <= n.prefix_len),
            Err(_) => false,
        }
    };
    Some(most_peak_nodes(fits))
}

/// The most peak nodes for which `fits` holds (0 when one node does not fit), by
/// bisection up to the largest cluster any platform runs: a need grows with the nodes.
fn most_peak_nodes(mut fits: impl FnMut(u64) -> bool) -> u64 {
    if !fits(1) {
        return 0;
    }
    let (mut lo, mut hi) = (1u64, crate::bounds::MAX_CLUSTER_NODES);
    if fits(hi) {
        return hi;
    }
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if fits(mid) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    lo
}
