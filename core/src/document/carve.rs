//! Carving a plan: every range given by size is placed, deterministically (largest
//! first, then in the order of the plan, best fit); ranges with a CIDR never move.
//! Given the placements of an earlier carve, a sized range stays where it was while it
//! still fits there (same size, inside its parent, free), so editing one entry does not
//! move the others.

use super::model::{Network, Plan};
use super::source::Position;
use crate::addr::{first, Family};
use crate::allocate::{free_space, FreeBlocks, Strategy};
use crate::cluster::Role;
use crate::plan::{size, Platform};
use crate::{AddressProfile, Error, Result};
use ipnet::IpNet;
use serde::{Deserialize, Serialize};

/// One range `carve` placed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct Placement {
    /// network, subnet, reservation or cluster-range.
    #[serde(deserialize_with = "super::words::kind")]
    pub kind: super::words::Word,
    /// The entry's name (`cluster/pods` for a cluster range).
    pub name: String,
    /// Where it sits in the plan, e.g. `networks[0].subnets[2]` or `clusters[1].pod_range`.
    pub path: String,
    /// The range placed.
    #[serde(serialize_with = "ser_net")]
    pub cidr: IpNet,
    /// What it was carved from (a space, a network, or a platform default).
    pub within: String,
    /// Where the entry was written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<Position>,
}

fn ser_net<S: serde::Serializer>(v: &IpNet, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&v.to_string())
}

/// The result of [`Plan::carve`]: the complete plan and what was placed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Carved {
    /// The plan with every sized range given its CIDR.
    pub plan: Plan,
    /// What was placed, in the order placed.
    pub placements: Vec<Placement>,
}

/// A request that did not fit.
#[derive(Debug, Clone)]
pub(crate) struct Unplaced {
    pub kind: &'static str,
    pub name: String,
    pub message: String,
    pub at: Option<Position>,
}

struct Request {
    len: u8,
    family: Family,
    order: usize,
    target: Target,
    name: String,
    path: String,
    at: Option<Position>,
    kind: &'static str,
}

#[derive(Clone, Copy)]
enum Target {
    Network(usize),
    Reservation(usize),
    ClusterRange(usize, Role),
}

impl Plan {
    /// Place every range given by size: top-level networks and reservations in their
    /// space, subnets in their network (IPv4 by `size`/`hosts`, IPv6 by `ipv6_size`),
    /// cluster ranges marked `auto` or `{size, space}`. Largest first, then plan
    /// order, best fit: the same plan always carves the same way, and a range that
    /// has a CIDR never moves. Fails, placing nothing, with every request that did not fit.
    ///
    /// ```
    /// use cidrplan::document::Plan;
    /// let p = Plan::from_text("version: 1\nspaces: [{name: s, cidr: 10.0.0.0/23}]\nnetworks:\n  - {name: a, space: s, size: 24}\n  - {name: b, space: s, size: 24}\n  - {name: c, space: s, size: 24}\n", "p.yaml").unwrap();
    /// let e = p.carve().unwrap_err();
    /// assert!(e.to_string().contains("c: no free /24 in space s (10.0.0.0/23)"), "{e}");
    /// ```
    pub fn carve(&self) -> Result<Carved> {
        self.carve_keeping(&[])
    }

    /// [`Plan::carve`], keeping each range `previous` placed (an earlier carve's or
    /// check's placements, matched by kind and name) where it was, when it asks for the
    /// same size and that range is still inside its parent and free; the rest are
    /// carved around them. A range whose size changed, or whose parent moved, is placed
    /// afresh.
    ///
    /// ```
    /// use cidrplan::document::Plan;
    /// let text = |b: u8| format!("version: 1\nnetworks:\n  - name: vpc\n    cidr: 10.0.0.0/16\n    subnets:\n      - {{name: a, size: 24}}\n      - {{name: b, size: {b}}}\n");
    /// let before = Plan::from_text(&text(24), "p.yaml")?.carve()?.placements;
    /// assert_eq!(before[1].cidr.to_string(), "10.0.1.0/24"); // b
    /// // b grows to a /20: afresh, largest first, it would take 10.0.0.0/20 and push a out
    /// let fresh = Plan::from_text(&text(20), "p.yaml")?.carve()?.placements;
    /// assert_eq!(fresh[0].cidr.to_string(), "10.0.16.0/24");
    /// // keeping the earlier placements, a stays where it was
    /// let kept = Plan::from_text(&text(20), "p.yaml")?.carve_keeping(&before)?.placements;
    /// assert_eq!((kept[0].cidr.to_string(), kept[1].cidr.to_string()), ("10.0.0.0/24".into(), "10.0.16.0/20".into()));
    /// # Ok::<(), cidrplan::Error>(())
    /// ```
    pub fn carve_keeping(&self, previous: &[Placement]) -> Result<Carved> {
        let (carved, unplaced) = self.carve_partial(previous);
        if unplaced.is_empty() {
            Ok(carved)
        } else {
            Err(Error::DoesNotFit(
                unplaced
                    .iter()
                    .map(|u| match &u.at {
                        Some(at) => format!("{at}: {}: {}", u.name, u.message),
                        None => format!("{}: {}", u.name, u.message),
                    })
                    .collect::<Vec<_>>()
                    .join("; "),
            ))
        }
    }

    /// Carve what fits, keeping `previous` placements that still fit; list what does not.
    pub(crate) fn carve_partial(&self, previous: &[Placement]) -> (Carved, Vec<Unplaced>) {
        let keep = Keep::new(previous);
        let mut plan = self.clone();
        let mut placements = Vec::new();
        let mut unplaced = Vec::new();
        // everything fixed: carving goes around it
        let mut fixed: Vec<IpNet> = Vec::new();
        fn collect(list: &[Network], out: &mut Vec<IpNet>) {
            for n in list {
                out.extend(n.cidr.iter().copied());
                out.extend(n.secondary_ranges.iter().map(|r| r.cidr));
                collect(&n.subnets, out);
            }
        }
        collect(&plan.networks, &mut fixed);
        fixed.extend(plan.external.iter().flat_map(|e| e.cidr.iter().copied()));
        fixed.extend(plan.reservations.iter().filter_map(|r| r.cidr));
        fixed.extend(plan.policies.forbidden.iter().map(|f| f.cidr));
        for c in &plan.clusters {
            fixed.extend([&c.pod_range, &c.service_range].into_iter().flatten().filter_map(|r| r.cidr));
        }
        // requests in spaces
        let mut by_space: Vec<Vec<Request>> = plan.spaces.iter().map(|_| Vec::new()).collect();
        let space_of =
            |name: &Option<String>| name.as_deref().and_then(|s| plan.spaces.iter().position(|x| x.name == s));
        let mut order = 0usize;
        for (i, n) in plan.networks.iter().enumerate() {
            if !n.cidr.is_empty() || (n.size.is_none() && n.hosts.is_none()) {
                continue;
            }
            order += 1;
            let Some(si) = space_of(&n.space) else {
                unplaced.push(Unplaced {
                    kind: "network",
                    name: n.name.clone(),
                    message: "is given by size but names no space to carve it from; add space: <name>".into(),
                    at: n.at.clone(),
                });
                continue;
            };
            let fam = Family::of(&plan.spaces[si].cidr);
            match request_len(n, n.profile.unwrap_or_default(), fam) {
                Ok(len) => by_space[si].push(Request {
                    len,
                    family: fam,
                    order,
                    target: Target::Network(i),
                    name: n.name.clone(),
                    path: format!("networks[{i}]"),
                    at: n.at.clone(),
                    kind: "network",
                }),
                Err(e) => unplaced.push(Unplaced {
                    kind: "network",
                    name: n.name.clone(),
                    message: e.to_string(),
                    at: n.at.clone(),
                }),
            }
        }
        for (i, r) in plan.reservations.iter().enumerate() {
            if r.cidr.is_some() {
                continue;
            }
            order += 1;
            match (space_of(&r.space), r.size) {
                (Some(si), Some(len)) => by_space[si].push(Request {
                    len: len.0,
                    family: Family::of(&plan.spaces[si].cidr),
                    order,
                    target: Target::Reservation(i),
                    name: r.name.clone(),
                    path: format!("reservations[{i}]"),
                    at: r.at.clone(),
                    kind: "reservation",
                }),
                _ => unplaced.push(Unplaced {
                    kind: "reservation",
                    name: r.name.clone(),
                    message: "a reservation needs a cidr, or a size and a space".into(),
                    at: r.at.clone(),
                }),
            }
        }
        // cluster ranges: sized by the platform's rule unless given
        let mut defaults: Vec<(usize, Role, IpNet)> = Vec::new();
        for (ci, c) in plan.clusters.iter().enumerate() {
            for (role, range, field) in
                [(Role::PodRange, &c.pod_range, "pod_range"), (Role::ServiceRange, &c.service_range, "service_range")]
            {
                let Some(range) = range else { continue };
                if range.cidr.is_some() {
                    continue;
                }
                order += 1;
                let name = format!("{}/{}", c.name, if role == Role::PodRange { "pods" } else { "services" });
                let len = match range.size {
                    Some(l) => Ok(l),
                    None => cluster_need(&plan, ci, role),
                };
                let len = match len {
                    Ok(l) => l,
                    Err(e) => {
                        unplaced.push(Unplaced {
                            kind: "cluster-range",
                            name,
                            message: e.to_string(),
                            at: c.at.clone(),
                        });
                        continue;
                    }
                };
                match space_of(&range.space) {
                    Some(si) => by_space[si].push(Request {
                        len,
                        family: Family::of(&plan.spaces[si].cidr),
                        order,
                        target: Target::ClusterRange(ci, role),
                        name,
                        path: format!("clusters[{ci}].{field}"),
                        at: c.at.clone(),
                        kind: "cluster-range",
                    }),
                    None if range.space.is_some() => {} // unknown space: check reports it
                    None => {
                        let net_cidrs: Vec<IpNet> = c
                            .network
                            .as_deref()
                            .and_then(|n| find_network(&plan.networks, n))
                            .map(|n| n.cidr.clone())
                            .unwrap_or_default();
                        match default_virtual_range(&c.platform, role, &net_cidrs) {
                            Some(d) => {
                                let d =
                                    if d.prefix_len() > len { crate::carve::supernet(&d, len).unwrap_or(d) } else { d };
                                defaults.push((ci, role, d));
                                placements.push(Placement {
                                    kind: "cluster-range",
                                    name,
                                    path: format!("clusters[{ci}].{field}"),
                                    cidr: d,
                                    within: format!("{} default", c.platform.label()),
                                    at: c.at.clone(),
                                });
                            }
                            None => unplaced.push(Unplaced {
                                kind: "cluster-range",
                                name,
                                message: "has no platform default; give it a space to carve from, or a CIDR".into(),
                                at: c.at.clone(),
                            }),
                        }
                    }
                }
            }
        }
        for (ci, role, d) in defaults {
            set_cluster_range(&mut plan, ci, role, d);
            fixed.push(d);
        }
        // place, space by space
        for (si, mut reqs) in by_space.into_iter().enumerate() {
            if reqs.is_empty() {
                continue;
            }
            let space = plan.spaces[si].cidr;
            reqs.sort_by_key(|r| (r.len, r.order));
            let used: Vec<IpNet> = fixed.iter().filter(|f| overlaps(f, &space)).copied().collect();
            let placed =
                place(&space, &used, &reqs, &format!("space {} ({space})", plan.spaces[si].name), &keep, &mut unplaced);
            for (r, net) in reqs.iter().zip(placed) {
                let Some(net) = net else { continue };
                fixed.push(net);
                match r.target {
                    Target::Network(i) => plan.networks[i].cidr = vec![net],
                    Target::Reservation(i) => plan.reservations[i].cidr = Some(net),
                    Target::ClusterRange(ci, role) => set_cluster_range(&mut plan, ci, role, net),
                }
                placements.push(Placement {
                    kind: r.kind,
                    name: r.name.clone(),
                    path: r.path.clone(),
                    cidr: net,
                    within: plan.spaces[si].name.clone(),
                    at: r.at.clone(),
                });
            }
        }
        // subnets, top down
        let held = Held::new(&fixed);
        for (i, n) in plan.networks.iter_mut().enumerate() {
            let profile = n.profile.unwrap_or_default();
            carve_children(n, profile, &format!("networks[{i}]"), &held, &keep, &mut placements, &mut unplaced);
        }
        (Carved { plan, placements }, unplaced)
    }
}

fn overlaps(a: &IpNet, b: &IpNet) -> bool {
    a.contains(b) || b.contains(a)
}

fn find_network<'a>(list: &'a [Network], name: &str) -> Option<&'a Network> {
    for n in list {
        if n.name == name {
            return Some(n);
        }
        if let Some(x) = find_network(&n.subnets, name) {
            return Some(x);
        }
    }
    None
}

fn set_cluster_range(plan: &mut Plan, ci: usize, role: Role, net: IpNet) {
    let c = &mut plan.clusters[ci];
    let r = if role == Role::PodRange { &mut c.pod_range } else { &mut c.service_range };
    if let Some(r) = r {
        r.cidr = Some(net);
    }
}

/// The prefix length a sized network asks for.
fn request_len(n: &Network, profile: AddressProfile, family: Family) -> Result<u8> {
    if let Some(s) = n.size {
        if s.0 > family.bits() {
            return Err(Error::InvalidArgument(format!(
                "size /{} is longer than an {} prefix can be (/{})",
                s.0,
                family.name(),
                family.bits()
            )));
        }
        return Ok(s.0);
    }
    let hosts = n.hosts.unwrap_or(0) as u128;
    let profile = if profile.size_limits(family).is_some() { profile } else { AddressProfile::Standard };
    let len = profile.prefix_for_hosts(family, hosts)?;
    // IPv6 is carved on nibble boundaries: round the block up to the next multiple of 4 bits
    Ok(if family == Family::V6 { len / 4 * 4 } else { len })
}

/// Earlier placements by (kind, name): a subnet may have an IPv4 and an IPv6 one.
struct Keep<'a> {
    by_name: std::collections::HashMap<(&'a str, &'a str), Vec<IpNet>>,
}

impl<'a> Keep<'a> {
    fn new(previous: &'a [Placement]) -> Self {
        let mut by_name: std::collections::HashMap<(&str, &str), Vec<IpNet>> = std::collections::HashMap::new();
        for p in previous {
            by_name.entry((p.kind, p.name.as_str())).or_default().push(p.cidr);
        }
        Keep { by_name }
    }

    /// Where `r` was placed before, when that is the size it asks for now.
    fn of(&self, r: &Request) -> Option<IpNet> {
        self.by_name
            .get(&(r.kind, r.name.as_str()))?
            .iter()
            .find(|c| Family::of(c) == r.family && c.prefix_len() == r.len)
            .copied()
    }
}

/// The requests that keep their earlier range: inside `parent`, inside one free block
/// (an aligned range inside a free span is inside one block of its prefix cover), and
/// clear of each other. Sorted `reqs` order decides between two that collide.
fn kept(parent: &IpNet, free: &[IpNet], reqs: &[Request], keep: &Keep) -> Vec<Option<IpNet>> {
    let mut free: Vec<(u128, u128)> = free.iter().map(|b| (first(b), crate::addr::last(b))).collect();
    free.sort_unstable();
    let mut taken: Vec<(u128, u128)> = Vec::new();
    reqs.iter()
        .map(|r| {
            let c = keep.of(r).filter(|c| parent.contains(c))?;
            let (lo, hi) = (first(&c), crate::addr::last(&c));
            let k = free.partition_point(|b| b.0 <= lo);
            let in_free = k > 0 && free[k - 1].1 >= hi;
            // the kept ranges so far, sorted: an aligned range collides with a neighbour
            let t = taken.partition_point(|x| x.0 <= lo);
            let clear = (t == 0 || taken[t - 1].1 < lo) && taken.get(t).is_none_or(|x| x.0 > hi);
            (in_free && clear).then(|| {
                taken.insert(t, (lo, hi));
                c
            })
        })
        .collect()
}

/// Place `reqs` (sorted) in `parent` around `used`, keeping earlier placements that
/// still fit; `None` for each that did not fit. When the kept ranges leave something
/// without room that fits afresh, the parent is carved afresh: moving beats failing.
fn place(
    parent: &IpNet,
    used: &[IpNet],
    reqs: &[Request],
    within: &str,
    keep: &Keep,
    unplaced: &mut Vec<Unplaced>,
) -> Vec<Option<IpNet>> {
    let free = match free_space(parent, used) {
        Ok(f) => f,
        Err(e) => {
            unplaced.extend(reqs.iter().map(|r| Unplaced {
                kind: r.kind,
                name: r.name.clone(),
                message: e.to_string(),
                at: r.at.clone(),
            }));
            return vec![None; reqs.len()];
        }
    };
    let kept = kept(parent, &free, reqs, keep);
    if kept.iter().any(Option::is_some) {
        let mut around = used.to_vec();
        around.extend(kept.iter().flatten());
        if let Ok(rest) = free_space(parent, &around) {
            let mut missed = Vec::new();
            let out = place_in(parent, &rest, reqs, kept, within, &mut missed);
            if missed.is_empty() {
                return out;
            }
        }
    }
    place_in(parent, &free, reqs, vec![None; reqs.len()], within, unplaced)
}

/// Place the requests `kept` has no range for in the `free` blocks, best fit.
fn place_in(
    parent: &IpNet,
    free: &[IpNet],
    reqs: &[Request],
    kept: Vec<Option<IpNet>>,
    within: &str,
    unplaced: &mut Vec<Unplaced>,
) -> Vec<Option<IpNet>> {
    let fam = Family::of(parent);
    let mut blocks = FreeBlocks::new(fam, free);
    reqs.iter()
        .zip(kept)
        .map(|(r, kept)| {
            if kept.is_some() {
                return kept;
            }
            if r.family != fam || r.len > fam.bits() || r.len < parent.prefix_len() {
                let why = if r.family != fam {
                    format!("an {} request cannot go in {within}", r.family.name())
                } else {
                    format!("a /{} does not fit in {within}", r.len)
                };
                unplaced.push(Unplaced { kind: r.kind, name: r.name.clone(), message: why, at: r.at.clone() });
                return None;
            }
            let got = blocks.take(r.len, Strategy::BestFit);
            if got.is_none() {
                let largest =
                    blocks.largest().map_or("it is full".to_string(), |l| format!("the largest free block is a /{l}"));
                unplaced.push(Unplaced {
                    kind: r.kind,
                    name: r.name.clone(),
                    message: format!("no free /{} in {within}; {largest}", r.len),
                    at: r.at.clone(),
                });
            }
            got
        })
        .collect()
}

fn carve_children(
    net: &mut Network,
    profile: AddressProfile,
    path: &str,
    held: &Held,
    keep: &Keep,
    placements: &mut Vec<Placement>,
    unplaced: &mut Vec<Unplaced>,
) {
    if net.subnets.is_empty() {
        return;
    }
    for family in [Family::V4, Family::V6] {
        let Some(&parent) = net.cidr.iter().find(|c| Family::of(c) == family) else {
            continue;
        };
        let mut reqs = Vec::new();
        for (j, s) in net.subnets.iter().enumerate() {
            let has = s.cidr.iter().any(|c| Family::of(c) == family);
            let wants = match family {
                Family::V4 => s.size.is_some() || s.hosts.is_some(),
                Family::V6 => s.ipv6_size.is_some(),
            };
            if has || !wants {
                continue;
            }
            let p = s.profile.unwrap_or(profile);
            let len = match family {
                Family::V4 => request_len(s, p, family),
                Family::V6 => Ok(s.ipv6_size.map_or(64, |l| l.0)),
            };
            match len {
                Ok(len) => reqs.push(Request {
                    len,
                    family,
                    order: j,
                    target: Target::Network(j),
                    name: s.name.clone(),
                    path: format!("{path}.subnets[{j}]"),
                    at: s.at.clone(),
                    kind: "subnet",
                }),
                Err(e) => unplaced.push(Unplaced {
                    kind: "subnet",
                    name: s.name.clone(),
                    message: e.to_string(),
                    at: s.at.clone(),
                }),
            }
        }
        if reqs.is_empty() {
            continue;
        }
        reqs.sort_by_key(|r| (r.len, r.order));
        let mut used: Vec<IpNet> = net
            .subnets
            .iter()
            .flat_map(|s| s.cidr.iter().chain(s.secondary_ranges.iter().map(|r| &r.cidr)))
            .copied()
            .filter(|c| overlaps(c, &parent))
            .collect();
        // held ranges inside the network (reservations, cluster ranges), not the ones around it
        used.extend(held.inside(&parent));
        let placed = place(&parent, &used, &reqs, &format!("{} ({parent})", net.name), keep, unplaced);
        let mut new: Vec<(usize, IpNet, &Request)> = Vec::new();
        for (r, p) in reqs.iter().zip(placed) {
            if let (Some(p), Target::Network(j)) = (p, r.target) {
                new.push((j, p, r));
            }
        }
        new.sort_by_key(|(j, p, _)| (*j, first(p)));
        for (j, p, r) in new {
            net.subnets[j].cidr.push(p);
            placements.push(Placement {
                kind: "subnet",
                name: r.name.clone(),
                path: r.path.clone(),
                cidr: p,
                within: net.name.clone(),
                at: r.at.clone(),
            });
        }
    }
    let profile = net.profile.unwrap_or(profile);
    for (j, s) in net.subnets.iter_mut().enumerate() {
        carve_children(
            s,
            s.profile.unwrap_or(profile),
            &format!("{path}.subnets[{j}]"),
            held,
            keep,
            placements,
            unplaced,
        );
    }
}

/// What the cluster's platform needs for `role`, as a prefix length.
fn cluster_need(plan: &Plan, ci: usize, role: Role) -> Result<u8> {
    let c = &plan.clusters[ci];
    let req = c.requirement();
    let s = size(&c.platform, &req)?;
    let need = s.ranges.iter().find(|r| r.role == role).ok_or_else(|| {
        Error::InvalidArgument(format!(
            "{} does not use a {} range",
            c.platform.label(),
            if role == Role::PodRange { "pod" } else { "service" }
        ))
    })?;
    // keep the policy's headroom free at peak: a larger block until the need is at most (100 - h)%
    let mut len = need.prefix_len;
    if let (Some(h), Role::PodRange) = (plan.policies.min_headroom_percent, role) {
        while len > 0
            && need.addresses.saturating_mul(100)
                > (1u128 << (32 - len as u32).min(127)).saturating_mul(100 - h.min(100) as u128)
        {
            len -= 1;
        }
    }
    Ok(len)
}

/// The platform's default pod or service range (EKS picks its service range by the
/// VPC; GKE's shared services range applies to Standard 1.29+ and Autopilot 1.27+).
pub(crate) fn default_virtual_range(platform: &Platform, role: Role, network: &[IpNet]) -> Option<IpNet> {
    match (platform, role) {
        (Platform::Gke { .. }, Role::PodRange) => None,
        (Platform::Gke { kind }, Role::ServiceRange) => crate::gke::default_services_range(*kind, (1, 29)),
        (Platform::Eks { .. }, Role::PodRange) => None,
        (Platform::Eks { .. }, _) => Some(crate::eks::default_service_cidr(network).0),
        _ => {
            let vpc = network.iter().find(|n| Family::of(n) == Family::V4).copied().unwrap_or_default();
            crate::plan::default_virtual(platform, role, &vpc).ok()
        }
    }
}

/// Fixed ranges sorted by start, to find the ones inside a network without a scan.
pub(crate) struct Held {
    sorted: Vec<(Family, u128, u8, IpNet)>,
}

impl Held {
    fn new(nets: &[IpNet]) -> Self {
        let mut sorted: Vec<(Family, u128, u8, IpNet)> =
            nets.iter().map(|n| (Family::of(n), first(n), n.prefix_len(), *n)).collect();
        sorted.sort_unstable_by_key(|e| (e.0, e.1, e.2));
        Held { sorted }
    }

    /// The held ranges strictly inside `parent` (aligned prefixes: a start inside and a
    /// longer prefix means inside).
    fn inside<'a>(&'a self, parent: &'a IpNet) -> impl Iterator<Item = IpNet> + 'a {
        let fam = Family::of(parent);
        let (lo, hi) = (first(parent), crate::addr::last(parent));
        let from = self.sorted.partition_point(|e| (e.0, e.1) < (fam, lo));
        self.sorted[from..]
            .iter()
            .take_while(move |e| e.0 == fam && e.1 <= hi)
            .filter(move |e| e.2 > parent.prefix_len())
            .map(|e| e.3)
    }
}
