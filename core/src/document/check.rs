//! Checking a plan: findings with a severity, a stable rule id, the objects involved
//! (with where they were written) and the fix; the capacity of every cluster at peak
//! with surge; the use of every space.

use super::model::{Cluster, Plan};
use super::source::Position;
use super::FlatNetwork;
use crate::addr::Family;
use crate::cluster::{RangeNeed, Requirement, Role};
use crate::overlap::overlap_index_pairs;
use crate::plan::{size, Platform};
use crate::set::PrefixSet;
use crate::{AddressProfile, ReservedSet};
use ipnet::IpNet;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// How serious a finding is. `cidrplan check` exits 1 when there is an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The plan is wrong: routing breaks, a range runs out, a rule is broken.
    Error,
    /// Likely a mistake, or a risk (a zone loss the cluster cannot absorb).
    Warning,
    /// Worth knowing (an allowed overlap between isolated networks).
    Info,
}

impl Severity {
    /// `error`, `warning` or `info`.
    pub const fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// An object a finding is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FindingObject {
    /// network, subnet, external, reservation, space, cluster, cluster-range, forbidden, link.
    pub kind: &'static str,
    /// Its name (a cluster range is `cluster/pods`).
    pub name: String,
    /// The range involved, when one is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cidr: Option<String>,
    /// The resource id of an imported entry (vpc-..., a VNet id, a Terraform address).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Where it was written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<Position>,
}

/// One thing `check` found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// error, warning or info.
    pub severity: Severity,
    /// Stable rule id, e.g. `overlap.connected`.
    pub rule: &'static str,
    /// What is wrong, naming the values.
    pub message: String,
    /// The objects involved.
    pub objects: Vec<FindingObject>,
    /// How to fix it, where there is one way.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
}

/// A cluster range and how much of it the cluster uses at peak with surge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RangeCapacity {
    /// The range's name in the plan (a subnet) or `pods`/`services`.
    pub name: String,
    /// node-subnet, pod-subnet, pod-range or service-range.
    pub role: Role,
    /// The range.
    pub cidr: String,
    /// Addresses it offers (usable hosts of a subnet under its profile).
    pub capacity: u128,
    /// Addresses the cluster needs from it at peak with surge.
    pub needed: u128,
    /// The longest prefix that would still do.
    pub needed_prefix_len: u8,
    /// Free share at peak, percent, rounded down (negative when it does not fit).
    pub headroom_percent: i64,
    /// Most peak nodes this range holds (surge added on top), if the platform sizes it by nodes.
    pub max_peak_nodes: Option<u64>,
}

/// What losing one zone does: its nodes move to the other zones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ZoneLoss {
    /// Zones left.
    pub zones_left: u32,
    /// Whether every zonal range holds its share.
    pub holds: bool,
    /// Zonal ranges that do not.
    pub short: Vec<String>,
}

/// A cluster's capacity at peak with surge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClusterCapacity {
    /// Cluster name.
    pub cluster: String,
    /// Platform label.
    pub platform: String,
    /// Nodes planned for: peak plus surge.
    pub nodes: u64,
    /// Pods per node used.
    pub max_pods: u32,
    /// The range that runs out first as nodes grow.
    pub runs_out_first: Option<String>,
    /// Most peak nodes all ranges hold together.
    pub max_peak_nodes: Option<u64>,
    /// Every range.
    pub ranges: Vec<RangeCapacity>,
    /// One zone lost (zonal platforms with two zones or more).
    pub zone_loss: Option<ZoneLoss>,
}

/// How much of a space is used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpaceUsage {
    /// Space name.
    pub space: String,
    /// Its range.
    pub cidr: String,
    /// Addresses in it (exact, as decimal text: IPv6 spaces pass 2^64).
    pub addresses: String,
    /// Addresses taken by networks, reservations and cluster ranges.
    pub used: String,
    /// Free share, percent, rounded down.
    pub free_percent: u8,
    /// The largest free block.
    pub largest_free: Option<String>,
}

/// How many findings of each severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Errors: `cidrplan check` exits 1 when there is one.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Info.
    pub info: usize,
}

/// A /28 that is not free because of a few addresses: what to drain to free it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Blocker {
    /// The aligned /28.
    pub block: String,
    /// Addresses in use in it.
    pub used: u32,
    /// What holds them (network interface ids).
    pub by: Vec<String>,
}

/// Use of a subnet whose addresses in use are known (an import): free addresses,
/// free aligned /28 blocks (what EKS prefix delegation needs), the largest free block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SubnetUsage {
    /// Subnet name (the resource id for an import).
    pub subnet: String,
    /// Its IPv4 range.
    pub cidr: String,
    /// Usable addresses under its profile.
    pub usable: u128,
    /// Addresses in use (delegated prefixes count whole).
    pub used: u128,
    /// Usable addresses free.
    pub free: u128,
    /// Free aligned /28 blocks.
    pub free_aligned_28: u128,
    /// The largest free block.
    pub largest_free: Option<String>,
    /// /28s held by the fewest addresses, fewest first (at most 20): candidates to drain.
    pub blockers: Vec<Blocker>,
}

/// The result of [`Plan::check`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Counts by severity.
    pub summary: Summary,
    /// Findings, errors first.
    pub findings: Vec<Finding>,
    /// Ranges the check placed first because the plan gave them by size (what `carve` would write).
    pub carved: Vec<super::Placement>,
    /// Every cluster's capacity.
    pub clusters: Vec<ClusterCapacity>,
    /// Every space's use.
    pub spaces: Vec<SpaceUsage>,
    /// Every subnet with addresses in use (imports): usage and fragmentation.
    pub subnets: Vec<SubnetUsage>,
}

impl Report {
    /// How many findings have `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == severity).count()
    }
    /// Whether the plan has no errors.
    pub fn is_clean(&self) -> bool {
        self.count(Severity::Error) == 0
    }
}

impl Plan {
    /// Check the plan. Ranges given by size are carved first (in memory, as
    /// [`Plan::carve`] would); what cannot be carved is an error finding. Findings
    /// come errors first, then in the order of the plan.
    ///
    /// ```
    /// use cidrplan::document::{Plan, Severity};
    /// let p = Plan::from_text("version: 1\nnetworks:\n  - {name: a, cidr: 10.0.0.0/16}\n  - {name: b, cidr: 10.0.128.0/17}\n", "p.yaml").unwrap();
    /// let r = p.check();
    /// assert_eq!(r.findings[0].rule, "overlap.connected");
    /// assert_eq!(r.findings[0].objects[1].at.as_ref().unwrap().to_string(), "p.yaml:4:5");
    /// ```
    pub fn check(&self) -> Report {
        let (carved, unplaced) = self.carve_partial();
        let (plan, carved) = (carved.plan, carved.placements);
        let mut findings: Vec<Finding> = unplaced.into_iter().map(carve_failure).collect();
        let mut ctx = Checker::new(&plan);
        ctx.findings.append(&mut findings);
        ctx.run();
        let mut findings = ctx.findings;
        // stable: errors first, then in the order found (which follows the plan)
        findings.sort_by_key(|f| f.severity);
        let n = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
        let summary = Summary { errors: n(Severity::Error), warnings: n(Severity::Warning), info: n(Severity::Info) };
        Report { summary, findings, carved, clusters: ctx.clusters, spaces: ctx.spaces, subnets: ctx.subnets }
    }
}

fn carve_failure(u: super::carve::Unplaced) -> Finding {
    Finding {
        severity: Severity::Error,
        rule: "carve.does-not-fit",
        message: format!("{}: {}", u.name, u.message),
        objects: vec![FindingObject { kind: u.kind, name: u.name, cidr: None, id: None, at: u.at }],
        // the message says what to add when something is missing; else the ways to make room
        fix: (!u.message.contains("add space") && !u.message.contains("give it"))
            .then(|| "make the space larger, the requests smaller, or give some of them a cidr".into()),
    }
}

/// Who a range in an overlap sweep belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Owner {
    Network(usize),
    External(usize),
    Reservation(usize),
    Forbidden(usize),
    ClusterRange(usize, Role),
}

struct Checker<'a> {
    plan: &'a Plan,
    flat: Vec<FlatNetwork<'a>>,
    /// Network and external names to (is_external, index).
    names: HashMap<&'a str, (bool, usize)>,
    isolation: HashMap<&'a str, Vec<usize>>,
    links: HashMap<&'a str, Vec<usize>>,
    /// The ranges each cluster uses (after defaults), for overlaps and capacity.
    cluster_ranges: Vec<Vec<(Role, String, IpNet, bool)>>,
    findings: Vec<Finding>,
    clusters: Vec<ClusterCapacity>,
    spaces: Vec<SpaceUsage>,
    subnets: Vec<SubnetUsage>,
}

fn cidr_text(nets: &[IpNet]) -> Option<String> {
    if nets.is_empty() {
        None
    } else {
        Some(nets.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(", "))
    }
}

impl<'a> Checker<'a> {
    fn new(plan: &'a Plan) -> Self {
        Checker {
            plan,
            flat: plan.flat_networks(),
            names: HashMap::new(),
            isolation: HashMap::new(),
            links: HashMap::new(),
            cluster_ranges: Vec::new(),
            findings: Vec::new(),
            clusters: Vec::new(),
            spaces: Vec::new(),
            subnets: Vec::new(),
        }
    }

    fn push(
        &mut self,
        severity: Severity,
        rule: &'static str,
        message: String,
        objects: Vec<FindingObject>,
        fix: Option<String>,
    ) {
        self.findings.push(Finding { severity, rule, message, objects, fix });
    }

    fn network_obj(&self, i: usize) -> FindingObject {
        let f = &self.flat[i];
        FindingObject {
            id: f.net.source.as_ref().map(|s| s.id.clone()),
            kind: if f.parent.is_some() { "subnet" } else { "network" },
            name: f.net.name.clone(),
            cidr: cidr_text(&f.net.cidr),
            at: f.net.at.clone(),
        }
    }

    fn owner_obj(&self, o: Owner, prefix: &IpNet) -> FindingObject {
        let p = self.plan;
        let obj = |kind, name: &str, at: &Option<Position>| FindingObject {
            id: None,
            kind,
            name: name.to_string(),
            cidr: Some(prefix.to_string()),
            at: at.clone(),
        };
        match o {
            Owner::Network(i) => FindingObject { cidr: Some(prefix.to_string()), ..self.network_obj(i) },
            Owner::External(i) => obj("external", &p.external[i].name, &p.external[i].at),
            Owner::Reservation(i) => obj("reservation", &p.reservations[i].name, &p.reservations[i].at),
            Owner::Forbidden(i) => obj("forbidden", &p.policies.forbidden[i].name, &p.policies.forbidden[i].at),
            Owner::ClusterRange(c, role) => {
                let name = self.cluster_ranges[c]
                    .iter()
                    .find(|r| r.0 == role && r.2 == *prefix)
                    .map_or(role_word(role).to_string(), |r| r.1.clone());
                obj("cluster-range", &format!("{}/{}", p.clusters[c].name, name), &p.clusters[c].at)
            }
        }
    }

    fn name_of(&self, o: Owner) -> &str {
        match o {
            Owner::Network(i) => &self.flat[i].net.name,
            Owner::External(i) => &self.plan.external[i].name,
            _ => "",
        }
    }

    fn run(&mut self) {
        self.names_and_references();
        self.networks();
        self.top_level_overlaps();
        self.spaces_and_reservations();
        self.clusters();
        self.held_ranges();
        self.usage();
    }

    /// Subnets with addresses in use: free addresses, free aligned /28s, and a warning
    /// where addresses are plenty but aligned /28s few (EKS prefix delegation then
    /// fails with InsufficientCidrBlocks although addresses are free).
    fn usage(&mut self) {
        for i in 0..self.flat.len() {
            let f = self.flat[i];
            if f.net.used.is_empty() {
                continue;
            }
            for net in f.net.cidr.iter().filter(|c| Family::of(c) == Family::V4 && c.prefix_len() <= 28) {
                let Ok(info) = f.profile.inspect(net) else { continue };
                let mut taken: Vec<IpNet> = f.net.used.iter().map(|u| u.cidr).filter(|u| net.contains(u)).collect();
                let used_set = PrefixSet::from_prefixes(taken.iter().copied());
                let used = used_set.ipv4_address_count() as u128;
                taken.extend(info.reserved.iter().map(|r| IpNet::from(r.address)));
                let all = PrefixSet::from_prefixes(taken.iter().copied());
                let total = 1u128 << (32 - net.prefix_len());
                let free = total.saturating_sub(all.ipv4_address_count() as u128);
                let free28 = crate::free_aligned_blocks(net, &taken, 28).unwrap_or(0);
                let largest = crate::free_space(net, &taken)
                    .ok()
                    .and_then(|v| v.into_iter().min_by_key(|p| (p.prefix_len(), crate::addr::first(p))));
                // the /28s held by a few single addresses (not by a delegated prefix)
                let mut blocks: BTreeMap<u128, (u32, Vec<String>)> = BTreeMap::new();
                let mut whole: HashSet<u128> = HashSet::new();
                for u in f.net.used.iter().filter(|u| net.contains(&u.cidr)) {
                    let start = crate::addr::first(&u.cidr) & !0xf;
                    if u.cidr.prefix_len() <= 28 {
                        whole.insert(start);
                        continue;
                    }
                    let e = blocks.entry(start).or_default();
                    e.0 += 1;
                    if !e.1.contains(&u.by) {
                        e.1.push(u.by.clone());
                    }
                }
                let reserved_blocks: HashSet<u128> =
                    info.reserved.iter().map(|r| crate::addr::first(&IpNet::from(r.address)) & !0xf).collect();
                let mut blockers: Vec<Blocker> = blocks
                    .into_iter()
                    .filter(|(s, _)| !whole.contains(s) && !reserved_blocks.contains(s))
                    .map(|(s, (n, by))| Blocker {
                        block: crate::addr::make_net(Family::V4, s, 28).to_string(),
                        used: n,
                        by,
                    })
                    .collect();
                blockers.sort_by_key(|b| b.used);
                blockers.truncate(20);
                let usable = info.usable;
                let free_usable = free.min(usable);
                if free_usable >= 32 && free28 * 16 * 2 < free_usable {
                    let drain: Vec<String> =
                        blockers.iter().filter(|b| b.used <= 2).flat_map(|b| b.by.clone()).take(5).collect();
                    let hint = if drain.is_empty() {
                        String::new()
                    } else {
                        format!("; draining {} would free aligned /28s", drain.join(", "))
                    };
                    self.push(
                        Severity::Warning,
                        "usage.fragmented",
                        format!("{} ({net}): {free_usable} addresses free but only {free28} aligned /28 block{} free: EKS prefix delegation needs whole /28s and fails with InsufficientCidrBlocks{hint}", f.net.name, if free28 == 1 { "" } else { "s" }),
                        vec![FindingObject { cidr: Some(net.to_string()), ..self.network_obj(i) }],
                        Some("drain the interfaces that hold single addresses in otherwise free /28s, or add a subnet for prefix delegation (or a /28 reservation with a subnet CIDR reservation)".into()),
                    );
                }
                self.subnets.push(SubnetUsage {
                    subnet: f.net.name.clone(),
                    cidr: net.to_string(),
                    usable,
                    used,
                    free: free_usable,
                    free_aligned_28: free28,
                    largest_free: largest.map(|p| p.to_string()),
                    blockers,
                });
            }
        }
    }

    fn names_and_references(&mut self) {
        let plan = self.plan;
        let mut dupes: Vec<(&'static str, String, Vec<FindingObject>)> = Vec::new();
        for i in 0..self.flat.len() {
            let name = self.flat[i].net.name.as_str();
            if let Some(&(ext, j)) = self.names.get(name) {
                let first =
                    if ext { self.owner_obj(Owner::External(j), &IpNet::default()) } else { self.network_obj(j) };
                dupes.push(("network", name.to_string(), vec![first, self.network_obj(i)]));
            } else {
                self.names.insert(name, (false, i));
            }
        }
        for (i, e) in plan.external.iter().enumerate() {
            if let Some(&(ext, j)) = self.names.get(e.name.as_str()) {
                let first =
                    if ext { self.owner_obj(Owner::External(j), &IpNet::default()) } else { self.network_obj(j) };
                dupes.push((
                    "external range",
                    e.name.clone(),
                    vec![
                        first,
                        FindingObject {
                            id: None,
                            kind: "external",
                            name: e.name.clone(),
                            cidr: cidr_text(&e.cidr),
                            at: e.at.clone(),
                        },
                    ],
                ));
            } else {
                self.names.insert(&e.name, (true, i));
            }
        }
        fn unique<T>(
            items: &[T],
            name: impl Fn(&T) -> &str,
            kind: &'static str,
            at: impl Fn(&T) -> Option<Position>,
            dupes: &mut Vec<(&'static str, String, Vec<FindingObject>)>,
        ) {
            let mut seen: HashMap<&str, usize> = HashMap::new();
            for (i, it) in items.iter().enumerate() {
                if let Some(&j) = seen.get(name(it)) {
                    let o = |k: usize| FindingObject {
                        id: None,
                        kind,
                        name: name(&items[k]).to_string(),
                        cidr: None,
                        at: at(&items[k]),
                    };
                    dupes.push((kind, name(it).to_string(), vec![o(j), o(i)]));
                } else {
                    seen.insert(name(it), i);
                }
            }
        }
        unique(&plan.spaces, |s| &s.name, "space", |s| s.at.clone(), &mut dupes);
        unique(&plan.clusters, |s| &s.name, "cluster", |s| s.at.clone(), &mut dupes);
        unique(&plan.reservations, |s| &s.name, "reservation", |s| s.at.clone(), &mut dupes);
        for (kind, name, objects) in dupes {
            self.push(
                Severity::Error,
                "plan.duplicate-name",
                format!("two entries are named {name:?}; names identify entries in links, isolation and clusters"),
                objects,
                Some(format!("rename one {kind}")),
            );
        }
        // references
        let spaces: HashSet<&str> = plan.spaces.iter().map(|s| s.name.as_str()).collect();
        let mut missing: Vec<(String, String, FindingObject)> = Vec::new();
        for i in 0..self.flat.len() {
            if let Some(s) = &self.flat[i].net.space {
                if !spaces.contains(s.as_str()) {
                    missing.push(("space".into(), s.clone(), self.network_obj(i)));
                }
            }
        }
        for (li, l) in plan.connectivity.iter().enumerate() {
            let obj = FindingObject {
                id: None,
                kind: "link",
                name: l.name.clone().unwrap_or_else(|| format!("connectivity[{li}]")),
                cidr: None,
                at: l.at.clone(),
            };
            if l.networks.len() < 2 {
                self.push(
                    Severity::Error,
                    "connectivity.too-few",
                    "a link joins two networks or more".into(),
                    vec![obj.clone()],
                    Some("list at least two networks".into()),
                );
            }
            for n in &l.networks {
                if self.names.contains_key(n.as_str()) {
                    self.links.entry(n.as_str()).or_default().push(li);
                } else {
                    missing.push(("network".into(), n.clone(), obj.clone()));
                }
            }
        }
        for (gi, g) in plan.isolated.iter().enumerate() {
            let obj = FindingObject {
                id: None,
                kind: "isolation",
                name: format!("isolated[{gi}]"),
                cidr: None,
                at: g.at.clone(),
            };
            for n in &g.networks {
                if self.names.contains_key(n.as_str()) {
                    self.isolation.entry(n.as_str()).or_default().push(gi);
                } else {
                    missing.push(("network".into(), n.clone(), obj.clone()));
                }
            }
        }
        for c in &plan.clusters {
            let obj = FindingObject { kind: "cluster", name: c.name.clone(), cidr: None, id: None, at: c.at.clone() };
            for n in c.network.iter().chain(&c.node_subnets).chain(&c.pod_subnets) {
                if !matches!(self.names.get(n.as_str()), Some((false, _))) {
                    missing.push(("network".into(), n.clone(), obj.clone()));
                }
            }
            for r in [&c.pod_range, &c.service_range].into_iter().flatten() {
                if let Some(s) = &r.space {
                    if !spaces.contains(s.as_str()) {
                        missing.push(("space".into(), s.clone(), obj.clone()));
                    }
                }
            }
        }
        for r in &plan.reservations {
            if let Some(s) = &r.space {
                if !spaces.contains(s.as_str()) {
                    missing.push((
                        "space".into(),
                        s.clone(),
                        FindingObject {
                            kind: "reservation",
                            name: r.name.clone(),
                            cidr: None,
                            id: None,
                            at: r.at.clone(),
                        },
                    ));
                }
            }
        }
        for (kind, name, obj) in missing {
            self.push(
                Severity::Error,
                "plan.unknown-name",
                format!("{} names a {kind} {name:?} that the plan does not have", obj.name),
                vec![obj],
                Some(format!("add the {kind} or correct the name")),
            );
        }
        // a link between isolated networks contradicts itself
        for (li, l) in plan.connectivity.iter().enumerate() {
            for (x, a) in l.networks.iter().enumerate() {
                for b in &l.networks[x + 1..] {
                    if self.isolated(a, b) {
                        let obj = FindingObject {
                            id: None,
                            kind: "link",
                            name: l.name.clone().unwrap_or_else(|| format!("connectivity[{li}]")),
                            cidr: None,
                            at: l.at.clone(),
                        };
                        self.push(
                            Severity::Error,
                            "connectivity.isolated-link",
                            format!("{a} and {b} are declared isolated but a {} link joins them", link_word(l.kind)),
                            vec![obj],
                            Some("remove the link or the isolation".into()),
                        );
                    }
                }
            }
        }
    }

    fn isolated(&self, a: &str, b: &str) -> bool {
        match (self.isolation.get(a), self.isolation.get(b)) {
            (Some(x), Some(y)) => x.iter().any(|g| y.contains(g)),
            _ => false,
        }
    }

    fn linked(&self, a: &str, b: &str) -> Option<usize> {
        match (self.links.get(a), self.links.get(b)) {
            (Some(x), Some(y)) => x.iter().copied().find(|l| y.contains(l)),
            _ => None,
        }
    }

    fn networks(&mut self) {
        let spaces: HashMap<&str, usize> =
            self.plan.spaces.iter().enumerate().map(|(i, s)| (s.name.as_str(), i)).collect();
        let mut children: HashMap<usize, Vec<usize>> = HashMap::new();
        for i in 0..self.flat.len() {
            let f = self.flat[i];
            let n = f.net;
            if let Some(p) = f.parent {
                children.entry(p).or_default().push(i);
            }
            if n.cidr.is_empty() && (n.size.is_some() || n.hosts.is_some()) {
                continue; // carve said why it could not place it
            }
            if n.cidr.is_empty() {
                self.push(
                    Severity::Error,
                    "network.no-range",
                    format!("{} has neither a cidr nor a size", n.name),
                    vec![self.network_obj(i)],
                    Some("give it a cidr, or a size (or hosts) and a space for carve".into()),
                );
                continue;
            }
            if let Some(s) = n.size {
                if !n.cidr.iter().any(|c| c.prefix_len() == s.0) {
                    self.push(
                        Severity::Warning,
                        "network.size-mismatch",
                        format!(
                            "{} is sized /{} but its cidr is {}",
                            n.name,
                            s.0,
                            cidr_text(&n.cidr).unwrap_or_default()
                        ),
                        vec![self.network_obj(i)],
                        Some("make the size match the cidr, or drop the size".into()),
                    );
                }
            }
            // inside its parent
            if let Some(p) = f.parent {
                let parent = self.flat[p].net;
                for c in &n.cidr {
                    let fam = Family::of(c);
                    let same: Vec<&IpNet> = parent.cidr.iter().filter(|x| Family::of(x) == fam).collect();
                    if !same.is_empty() && !same.iter().any(|x| x.contains(c)) {
                        self.push(
                            Severity::Error,
                            "network.outside-parent",
                            format!(
                                "{} ({c}) is not inside {} ({})",
                                n.name,
                                parent.name,
                                cidr_text(&parent.cidr).unwrap_or_default()
                            ),
                            vec![self.network_obj(i), self.network_obj(p)],
                            Some(format!("carve {} from {}'s ranges", n.name, parent.name)),
                        );
                    } else if same.is_empty() && !parent.cidr.is_empty() {
                        self.push(
                            Severity::Error,
                            "network.outside-parent",
                            format!("{} has an {} range ({c}) but {} has none", n.name, fam.name(), parent.name),
                            vec![self.network_obj(i), self.network_obj(p)],
                            Some(format!("add an {} range to {}", fam.name(), parent.name)),
                        );
                    }
                }
            }
            // the cloud's size rules: subnets always; AWS VPCs too (same /16 to /28 rule)
            let profile = f.profile;
            for c in &n.cidr {
                let fam = Family::of(c);
                let applies = f.parent.is_some() || (profile == AddressProfile::Aws && fam == Family::V4);
                if let (true, Some((lo, hi))) = (applies, profile.size_limits(fam)) {
                    if c.prefix_len() < lo || c.prefix_len() > hi {
                        let what = if f.parent.is_some() { "subnet" } else { "VPC" };
                        let allowed = if lo == hi { format!("exactly /{lo}") } else { format!("/{lo} to /{hi}") };
                        self.push(
                            Severity::Error,
                            "cloud.size",
                            format!(
                                "{} is a /{}; a {} {what} {} range must be {allowed}",
                                n.name,
                                c.prefix_len(),
                                profile.name(),
                                fam.name()
                            ),
                            vec![self.network_obj(i)],
                            Some(format!("use a prefix length {allowed}")),
                        );
                    }
                }
                if fam == Family::V6 && c.prefix_len() % 4 != 0 {
                    self.push(Severity::Info, "ipv6.nibble", format!("{} ({c}) does not end on a nibble boundary (a multiple of 4 bits): harder to read and to delegate reverse DNS", n.name), vec![self.network_obj(i)], Some(format!("use /{}", c.prefix_len() / 4 * 4)));
                }
            }
            // inside its space, with an allowed length
            if let Some(si) = n.space.as_deref().and_then(|s| spaces.get(s).copied()) {
                let space = &self.plan.spaces[si];
                let sobj = FindingObject {
                    id: None,
                    kind: "space",
                    name: space.name.clone(),
                    cidr: Some(space.cidr.to_string()),
                    at: space.at.clone(),
                };
                for c in n.cidr.iter().filter(|c| Family::of(c) == Family::of(&space.cidr)) {
                    // a second range may come from another space (a 100.64.0.0/10 pod range)
                    if !space.cidr.contains(c) && !self.plan.spaces.iter().any(|o| o.cidr.contains(c)) {
                        self.push(
                            Severity::Error,
                            "space.outside",
                            format!("{} ({c}) is not inside its space {} ({})", n.name, space.name, space.cidr),
                            vec![self.network_obj(i), sobj.clone()],
                            Some(format!("carve it from {} or name the space it is in", space.cidr)),
                        );
                    }
                    if let Some(l) = space.allowed_prefix_lengths {
                        if c.prefix_len() < l.min || c.prefix_len() > l.max {
                            self.push(
                                Severity::Error,
                                "space.prefix-length",
                                format!(
                                    "{} is a /{}; space {} allows /{} to /{}",
                                    n.name,
                                    c.prefix_len(),
                                    space.name,
                                    l.min,
                                    l.max
                                ),
                                vec![self.network_obj(i), sobj.clone()],
                                Some(format!("size it /{} to /{}", l.min, l.max)),
                            );
                        }
                    }
                }
            }
        }
        // siblings (and their secondary ranges) must not overlap
        let mut parents: Vec<usize> = children.keys().copied().collect();
        parents.sort_unstable();
        for p in parents {
            let kids = &children[&p];
            let mut prefixes: Vec<IpNet> = Vec::new();
            let mut owner: Vec<(usize, Option<usize>)> = Vec::new();
            for &k in kids {
                for c in &self.flat[k].net.cidr {
                    prefixes.push(*c);
                    owner.push((k, None));
                }
                for (ri, r) in self.flat[k].net.secondary_ranges.iter().enumerate() {
                    prefixes.push(r.cidr);
                    owner.push((k, Some(ri)));
                }
            }
            match overlap_index_pairs(prefixes.iter(), crate::bounds::MAX_OVERLAP_PAIRS) {
                Ok(pairs) => {
                    for (a, b) in pairs {
                        if owner[a].0 == owner[b].0 && owner[a].1.is_none() && owner[b].1.is_none() {
                            continue;
                        }
                        let obj = |x: usize| {
                            let (k, r) = owner[x];
                            let n = self.flat[k].net;
                            match r {
                                None => FindingObject { cidr: Some(prefixes[x].to_string()), ..self.network_obj(k) },
                                Some(ri) => FindingObject {
                                    id: None,
                                    kind: "secondary-range",
                                    name: format!("{}/{}", n.name, n.secondary_ranges[ri].name),
                                    cidr: Some(prefixes[x].to_string()),
                                    at: n.secondary_ranges[ri].at.clone(),
                                },
                            }
                        };
                        let (oa, ob) = (obj(a), obj(b));
                        self.push(
                            Severity::Error,
                            "overlap.subnets",
                            format!(
                                "{} ({}) and {} ({}) overlap inside {}",
                                oa.name, prefixes[a], ob.name, prefixes[b], self.flat[p].net.name
                            ),
                            vec![oa, ob],
                            Some("give each subnet its own range (cidrplan carve places sized ones)".into()),
                        );
                    }
                }
                Err(e) => self.push(Severity::Error, "plan.limit", e.to_string(), vec![self.network_obj(p)], None),
            }
        }
    }

    /// Top-level networks and external ranges: connected unless isolated.
    fn top_level_overlaps(&mut self) {
        let mut prefixes: Vec<IpNet> = Vec::new();
        let mut owners: Vec<Owner> = Vec::new();
        for (i, f) in self.flat.iter().enumerate() {
            if f.parent.is_none() {
                for c in &f.net.cidr {
                    prefixes.push(*c);
                    owners.push(Owner::Network(i));
                }
            }
        }
        for (i, e) in self.plan.external.iter().enumerate() {
            for c in &e.cidr {
                prefixes.push(*c);
                owners.push(Owner::External(i));
            }
        }
        let pairs = match overlap_index_pairs(prefixes.iter(), crate::bounds::MAX_OVERLAP_PAIRS) {
            Ok(p) => p,
            Err(e) => {
                self.push(Severity::Error, "plan.limit", e.to_string(), Vec::new(), None);
                return;
            }
        };
        let mut pairs: Vec<(usize, usize)> =
            pairs.into_iter().map(|(a, b)| if a < b { (a, b) } else { (b, a) }).collect();
        pairs.sort_unstable();
        for (a, b) in pairs {
            if owners[a] == owners[b] {
                continue;
            }
            let (na, nb) = (self.name_of(owners[a]).to_string(), self.name_of(owners[b]).to_string());
            let objects = vec![self.owner_obj(owners[a], &prefixes[a]), self.owner_obj(owners[b], &prefixes[b])];
            let what = format!("{na} ({}) and {nb} ({})", prefixes[a], prefixes[b]);
            if let Some(l) = self.linked(&na, &nb) {
                let kind = link_word(self.plan.connectivity[l].kind);
                self.push(
                    Severity::Error,
                    "connectivity.overlap",
                    format!(
                        "{what} overlap and a {kind} link joins them: traffic to the shared addresses cannot be routed"
                    ),
                    objects,
                    Some(format!("renumber {nb} or drop the {kind} link")),
                );
            } else if self.isolated(&na, &nb) {
                self.push(
                    Severity::Info,
                    "overlap.isolated",
                    format!("{what} overlap; allowed because they are declared isolated"),
                    objects,
                    None,
                );
            } else {
                self.push(
                    Severity::Error,
                    "overlap.connected",
                    format!("{what} overlap; networks count as connected unless the plan declares them isolated"),
                    objects,
                    Some(format!("renumber one, or declare them isolated: isolated: [{{networks: [{na}, {nb}]}}]")),
                );
            }
        }
    }

    fn spaces_and_reservations(&mut self) {
        let plan = self.plan;
        // spaces overlapping each other
        let sp: Vec<IpNet> = plan.spaces.iter().map(|s| s.cidr).collect();
        if let Ok(pairs) = overlap_index_pairs(sp.iter(), crate::bounds::MAX_OVERLAP_PAIRS) {
            for (a, b) in pairs {
                let o = |i: usize| FindingObject {
                    id: None,
                    kind: "space",
                    name: plan.spaces[i].name.clone(),
                    cidr: Some(plan.spaces[i].cidr.to_string()),
                    at: plan.spaces[i].at.clone(),
                };
                self.push(
                    Severity::Warning,
                    "space.overlap",
                    format!(
                        "spaces {} ({}) and {} ({}) overlap: two owners may hand out the same addresses",
                        plan.spaces[a].name, sp[a], plan.spaces[b].name, sp[b]
                    ),
                    vec![o(a), o(b)],
                    Some("nest the smaller space deliberately or renumber it".into()),
                );
            }
        }
        for r in &plan.reservations {
            if let (Some(c), Some(si)) =
                (r.cidr, r.space.as_deref().and_then(|s| plan.spaces.iter().position(|x| x.name == s)))
            {
                if !plan.spaces[si].cidr.contains(&c) {
                    let s = &plan.spaces[si];
                    self.push(
                        Severity::Error,
                        "space.outside",
                        format!("reservation {} ({c}) is not inside its space {} ({})", r.name, s.name, s.cidr),
                        vec![FindingObject {
                            id: None,
                            kind: "reservation",
                            name: r.name.clone(),
                            cidr: Some(c.to_string()),
                            at: r.at.clone(),
                        }],
                        None,
                    );
                }
            }
        }
    }

    fn clusters(&mut self) {
        for ci in 0..self.plan.clusters.len() {
            let ranges = self.cluster(ci);
            self.cluster_ranges.push(ranges);
        }
    }

    fn subnet_index(&self, name: &str) -> Option<usize> {
        match self.names.get(name) {
            Some(&(false, i)) => Some(i),
            _ => None,
        }
    }

    /// Check one cluster; returns the ranges it uses.
    fn cluster(&mut self, ci: usize) -> Vec<(Role, String, IpNet, bool)> {
        let c: &Cluster = &self.plan.clusters[ci];
        let cobj = FindingObject { kind: "cluster", name: c.name.clone(), cidr: None, id: None, at: c.at.clone() };
        let req = c.requirement();
        let zones = req.zones;
        let sizing = match size(&c.platform, &req) {
            Ok(s) => s,
            Err(e) => {
                let rule = if e.rule().is_some() { "cluster.platform-rule" } else { "cluster.sizing" };
                self.push(Severity::Error, rule, format!("{}: {e}", c.name), vec![cobj], None);
                return Vec::new();
            }
        };
        let network = c.network.as_deref().and_then(|n| self.subnet_index(n));
        // the ranges it uses, by role
        let mut used: Vec<(Role, String, IpNet, bool, AddressProfile)> = Vec::new();
        for (role, names) in [(Role::NodeSubnet, &c.node_subnets), (Role::PodSubnet, &c.pod_subnets)] {
            for n in names {
                let Some(i) = self.subnet_index(n) else { continue };
                if let Some(net) = network {
                    if !self.descends(i, net) {
                        self.push(
                            Severity::Error,
                            "cluster.subnet-outside-network",
                            format!("{} uses {n}, which is not in its network {}", c.name, self.flat[net].net.name),
                            vec![cobj.clone(), self.network_obj(i)],
                            Some(format!("use subnets of {}", self.flat[net].net.name)),
                        );
                    }
                }
                let f = self.flat[i];
                for cidr in f.net.cidr.iter().filter(|x| Family::of(x) == Family::V4) {
                    used.push((role, n.clone(), *cidr, true, f.profile));
                }
            }
        }
        let net_cidrs: Vec<IpNet> = network.map(|n| self.flat[n].net.cidr.clone()).unwrap_or_default();
        for need in sizing.ranges.iter().filter(|r| matches!(r.role, Role::PodRange | Role::ServiceRange)) {
            let given = if need.role == Role::PodRange { &c.pod_range } else { &c.service_range };
            let word = role_word(need.role);
            let name = if need.role == Role::PodRange { "pods" } else { "services" };
            match given.as_ref().and_then(|g| g.cidr) {
                Some(cidr) => used.push((need.role, name.to_string(), cidr, need.in_vpc, AddressProfile::Standard)),
                None if !need.in_vpc || need.role == Role::ServiceRange => {
                    match super::carve::default_virtual_range(&c.platform, need.role, &net_cidrs) {
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
                            used.push((need.role, name.to_string(), d, need.in_vpc, AddressProfile::Standard));
                        }
                        None => self.push(
                            Severity::Error,
                            "cluster.missing-range",
                            format!(
                                "{} needs a {word} range (at least a /{}) and the plan gives none",
                                c.name, need.prefix_len
                            ),
                            vec![cobj.clone()],
                            Some(format!("add {word}_range: auto (or a CIDR)")),
                        ),
                    }
                }
                None => self.push(
                    Severity::Error,
                    "cluster.missing-range",
                    format!(
                        "{} needs a {word} range (at least a /{}) and the plan gives none",
                        c.name, need.prefix_len
                    ),
                    vec![cobj.clone()],
                    Some(format!("add {word}_range: auto (or a CIDR)")),
                ),
            }
        }
        for (role, what) in [(Role::NodeSubnet, "node_subnets"), (Role::PodSubnet, "pod_subnets")] {
            if let Some(need) = sizing.ranges.iter().find(|r| r.role == role) {
                if !used.iter().any(|u| u.0 == role) {
                    self.push(
                        Severity::Error,
                        "cluster.missing-range",
                        format!(
                            "{} needs {} {} of at least /{} and names none",
                            c.name,
                            need.count,
                            if need.count == 1 { role_word(role).trim_end_matches('s') } else { role_word(role) },
                            need.prefix_len
                        ),
                        vec![cobj.clone()],
                        Some(format!("list them in {what}")),
                    );
                } else if need.count > 1 && used.iter().filter(|u| u.0 == role).count() < need.count as usize {
                    self.push(
                        Severity::Warning,
                        "cluster.zones",
                        format!(
                            "{} spreads over {} zones but names {} {}",
                            c.name,
                            need.count,
                            used.iter().filter(|u| u.0 == role).count(),
                            what
                        ),
                        vec![cobj.clone()],
                        Some(format!("name one per zone in {what}, or set zones")),
                    );
                }
            }
        }
        // capacity of each range at peak with surge
        let min_headroom = self.plan.policies.min_headroom_percent;
        let mut caps: Vec<RangeCapacity> = Vec::new();
        for (role, name, cidr, _, profile) in &used {
            let Some(need) = sizing.ranges.iter().find(|r| r.role == *role) else { continue };
            let capacity = match role {
                Role::NodeSubnet | Role::PodSubnet => profile.usable_hosts(cidr).unwrap_or(0),
                _ => 1u128 << (Family::of(cidr).bits() - cidr.prefix_len()).min(127),
            };
            let sized_by_nodes = !(*role == Role::ServiceRange);
            let needed = if sized_by_nodes || c.services.is_some() { need.addresses } else { 0 };
            let fits = !sized_by_nodes && c.services.is_none() || cidr.prefix_len() <= need.prefix_len;
            let headroom_percent = if capacity == 0 {
                -100
            } else {
                ((capacity as i128 - needed as i128) * 100 / capacity as i128) as i64
            };
            let max_peak_nodes =
                if sized_by_nodes { max_peak(&c.platform, &req, *role, cidr.prefix_len()) } else { None };
            let obj = self.range_obj(ci, *role, name, cidr);
            if !fits {
                self.push(Severity::Error, "cluster.capacity", format!("{}: {name} ({cidr}) is too small at peak with surge: {} nodes need {} addresses, at least a /{} ({})", c.name, sizing.nodes, need.addresses, need.prefix_len, need.rule), vec![cobj.clone(), obj], Some(format!("give {name} a /{} or larger, or lower peak_nodes or max_pods", need.prefix_len)));
            } else if let Some(min) = min_headroom {
                if sized_by_nodes && headroom_percent < min as i64 {
                    self.push(
                        Severity::Warning,
                        "policy.headroom",
                        format!(
                            "{}: {name} ({cidr}) keeps {headroom_percent}% free at peak; the policy asks for {min}%",
                            c.name
                        ),
                        vec![cobj.clone(), obj],
                        Some(format!("give {name} a larger range or plan a lower peak")),
                    );
                }
            }
            caps.push(RangeCapacity {
                name: name.clone(),
                role: *role,
                cidr: cidr.to_string(),
                capacity,
                needed,
                needed_prefix_len: need.prefix_len,
                headroom_percent,
                max_peak_nodes,
            });
        }
        let first = caps.iter().filter_map(|r| r.max_peak_nodes.map(|m| (m, r.name.clone()))).min();
        // one zone lost: its nodes move to the others
        let zone_loss = if zones >= 2 && sizing.ranges.iter().any(|r| r.count > 1) {
            let fewer = Requirement { zones: zones - 1, ..req.clone() };
            match size(&c.platform, &fewer) {
                Ok(s) => {
                    let mut short = Vec::new();
                    for need in s.ranges.iter().filter(|r| r.count > 1) {
                        for (role, name, cidr, _, _) in used.iter().filter(|u| u.0 == need.role) {
                            let _ = role;
                            if cidr.prefix_len() > need.prefix_len {
                                short.push(format!("{name} ({cidr}, needs /{})", need.prefix_len));
                            }
                        }
                    }
                    if !short.is_empty() {
                        self.push(Severity::Warning, "cluster.zone-loss", format!("{}: if one of {zones} zones is lost and its nodes move to the other {}, {} run out", c.name, zones - 1, short.join(", ")), vec![cobj.clone()], Some("size zonal subnets for the nodes of one zone more, or accept reduced capacity during a zone outage".into()));
                    }
                    Some(ZoneLoss { zones_left: zones - 1, holds: short.is_empty(), short })
                }
                Err(_) => None,
            }
        } else {
            None
        };
        self.clusters.push(ClusterCapacity {
            cluster: c.name.clone(),
            platform: sizing.platform.clone(),
            nodes: sizing.nodes,
            max_pods: sizing.max_pods,
            runs_out_first: first.as_ref().map(|f| f.1.clone()),
            max_peak_nodes: first.map(|f| f.0),
            ranges: caps,
            zone_loss,
        });
        // any two ranges of one cluster must not overlap
        let prefixes: Vec<IpNet> = used.iter().map(|u| u.2).collect();
        if let Ok(pairs) = overlap_index_pairs(prefixes.iter(), crate::bounds::MAX_OVERLAP_PAIRS) {
            for (a, b) in pairs {
                if used[a].1 == used[b].1 && used[a].0 == used[b].0 {
                    continue;
                }
                let (oa, ob) = (
                    self.range_obj(ci, used[a].0, &used[a].1, &used[a].2),
                    self.range_obj(ci, used[b].0, &used[b].1, &used[b].2),
                );
                self.push(
                    Severity::Error,
                    "overlap.cluster-ranges",
                    format!("{}: {} ({}) and {} ({}) overlap", c.name, used[a].1, used[a].2, used[b].1, used[b].2),
                    vec![oa, ob],
                    Some("give every cluster range its own addresses".into()),
                );
            }
        }
        // AKS: its ranges must avoid the forbidden ranges
        if matches!(c.platform, Platform::Aks { .. }) {
            let forbidden = ReservedSet::aks_forbidden();
            let mut mine: Vec<(String, IpNet)> = used.iter().map(|u| (u.1.clone(), u.2)).collect();
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
            .filter(|u| matches!(u.0, Role::PodRange | Role::ServiceRange))
            .map(|u| (u.0, u.1, u.2, u.3))
            .collect()
    }

    fn range_obj(&self, ci: usize, role: Role, name: &str, cidr: &IpNet) -> FindingObject {
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

    fn descends(&self, mut i: usize, ancestor: usize) -> bool {
        loop {
            if i == ancestor {
                return true;
            }
            match self.flat[i].parent {
                Some(p) => i = p,
                None => return false,
            }
        }
    }

    /// Cluster pod and service ranges, reservations and forbidden ranges against
    /// everything they must not overlap; special-purpose ranges.
    fn held_ranges(&mut self) {
        let plan = self.plan;
        let mut prefixes: Vec<IpNet> = Vec::new();
        let mut owners: Vec<Owner> = Vec::new();
        for (i, f) in self.flat.iter().enumerate() {
            for c in &f.net.cidr {
                prefixes.push(*c);
                owners.push(Owner::Network(i));
            }
        }
        for (i, e) in plan.external.iter().enumerate() {
            for c in &e.cidr {
                prefixes.push(*c);
                owners.push(Owner::External(i));
            }
        }
        for (i, r) in plan.reservations.iter().enumerate() {
            if let Some(c) = r.cidr {
                prefixes.push(c);
                owners.push(Owner::Reservation(i));
            }
        }
        for (i, r) in plan.policies.forbidden.iter().enumerate() {
            prefixes.push(r.cidr);
            owners.push(Owner::Forbidden(i));
        }
        let mut routed: HashMap<(usize, Role), bool> = HashMap::new();
        for (ci, ranges) in self.cluster_ranges.iter().enumerate() {
            for (role, _, cidr, in_vpc) in ranges {
                prefixes.push(*cidr);
                owners.push(Owner::ClusterRange(ci, *role));
                routed.insert((ci, *role), *in_vpc && *role == Role::PodRange);
            }
        }
        let pairs = match overlap_index_pairs(prefixes.iter(), crate::bounds::MAX_OVERLAP_PAIRS) {
            Ok(p) => p,
            Err(e) => {
                self.push(Severity::Error, "plan.limit", e.to_string(), Vec::new(), None);
                return;
            }
        };
        let mut pairs: Vec<(usize, usize)> =
            pairs.into_iter().map(|(a, b)| if a < b { (a, b) } else { (b, a) }).collect();
        pairs.sort_unstable();
        for (a, b) in pairs {
            let (oa, ob) = (owners[a], owners[b]);
            let objs = |s: &Self| vec![s.owner_obj(oa, &prefixes[a]), s.owner_obj(ob, &prefixes[b])];
            let text = |s: &Self| {
                let o = objs(s);
                format!("{} ({}) and {} ({})", o[0].name, prefixes[a], o[1].name, prefixes[b])
            };
            use Owner::*;
            match (oa, ob) {
                (Forbidden(_), Forbidden(_)) => {}
                (Forbidden(f), _) | (_, Forbidden(f)) => {
                    let other = if matches!(oa, Forbidden(_)) { ob } else { oa };
                    if !matches!(other, Network(i) if self.flat[i].parent.is_some()) {
                        let p = if matches!(oa, Forbidden(_)) { prefixes[b] } else { prefixes[a] };
                        let name = self.owner_obj(other, &p).name;
                        let fr = &plan.policies.forbidden[f];
                        self.push(
                            Severity::Error,
                            "policy.forbidden",
                            format!("{name} ({p}) overlaps the forbidden range {} ({})", fr.name, fr.cidr),
                            objs(self),
                            Some(format!("move {name} off {}", fr.cidr)),
                        );
                    }
                }
                (Reservation(_), Reservation(_)) => self.push(
                    Severity::Warning,
                    "reservation.overlap",
                    format!("reservations {} overlap", text(self)),
                    objs(self),
                    None,
                ),
                (Reservation(_), _) | (_, Reservation(_)) => {
                    let other = if matches!(oa, Reservation(_)) { ob } else { oa };
                    if !matches!(other, Network(i) if self.flat[i].parent.is_some()) {
                        self.push(
                            Severity::Error,
                            "reservation.used",
                            format!("{} overlap: a reserved range is in use", text(self)),
                            objs(self),
                            Some("move the range out of the reservation, or release the reservation".into()),
                        );
                    }
                }
                (ClusterRange(x, rx), ClusterRange(y, ry)) => {
                    if x == y {
                        continue; // reported with the cluster
                    }
                    if routed[&(x, rx)] || routed[&(y, ry)] {
                        self.push(
                            Severity::Error,
                            "overlap.cluster-ranges",
                            format!("{} overlap and pods in them are routed", text(self)),
                            objs(self),
                            Some("give each cluster its own pod range".into()),
                        );
                    } else {
                        self.push(
                            Severity::Info,
                            "overlap.cluster-reuse",
                            format!("{} overlap; they never leave their clusters, so reuse is allowed", text(self)),
                            objs(self),
                            None,
                        );
                    }
                }
                (ClusterRange(x, _), Network(i)) | (Network(i), ClusterRange(x, _)) => {
                    // a cluster's in-VPC range may sit inside its own network, not on its subnets
                    let own = plan.clusters[x].network.as_deref().and_then(|n| self.subnet_index(n));
                    if own.is_some_and(|o| i == o || self.descends(o, i)) {
                        let cr = if matches!(oa, ClusterRange(..)) { prefixes[a] } else { prefixes[b] };
                        let nr = if matches!(oa, ClusterRange(..)) { prefixes[b] } else { prefixes[a] };
                        if nr.contains(&cr) && nr != cr {
                            continue;
                        }
                    }
                    self.push(Severity::Error, "overlap.cluster-range", format!("{} overlap: pods or services would shadow those addresses", text(self)), objs(self), Some("move the cluster range to space no network uses (100.64.0.0/10 is the usual home of pod ranges)".into()));
                }
                (ClusterRange(..), External(_)) | (External(_), ClusterRange(..)) => {
                    self.push(
                        Severity::Error,
                        "overlap.cluster-range",
                        format!("{} overlap: the cluster could not reach those addresses", text(self)),
                        objs(self),
                        Some("move the cluster range off the external range".into()),
                    );
                }
                _ => {} // networks among themselves: checked above
            }
        }
        // special-purpose ranges a private plan should not use
        let special = ReservedSet::iana_not_for_private_networks();
        let sp: Vec<IpNet> = special.entries.iter().map(|e| e.prefix).collect();
        let mut mine: Vec<(Owner, IpNet)> = Vec::new();
        for (i, f) in self.flat.iter().enumerate() {
            if f.parent.is_none() {
                mine.extend(f.net.cidr.iter().map(|c| (Owner::Network(i), *c)));
            }
        }
        for (ci, ranges) in self.cluster_ranges.iter().enumerate() {
            mine.extend(ranges.iter().map(|r| (Owner::ClusterRange(ci, r.0), r.2)));
        }
        let all: Vec<IpNet> = sp.iter().copied().chain(mine.iter().map(|m| m.1)).collect();
        if let Ok(pairs) = overlap_index_pairs(all.iter(), crate::bounds::MAX_OVERLAP_PAIRS) {
            let mut hits: Vec<(usize, usize)> = pairs
                .into_iter()
                .filter_map(|(a, b)| match (a < sp.len(), b < sp.len()) {
                    (true, false) => Some((b - sp.len(), a)),
                    (false, true) => Some((a - sp.len(), b)),
                    _ => None,
                })
                .collect();
            hits.sort_unstable();
            for (m, s) in hits {
                let (o, p) = mine[m];
                let obj = self.owner_obj(o, &p);
                self.push(
                    Severity::Warning,
                    "reserved.special-purpose",
                    format!(
                        "{} ({p}) overlaps {} ({}), which is not for private networks",
                        obj.name, sp[s], special.entries[s].name
                    ),
                    vec![obj],
                    Some("use RFC 1918 space, 100.64.0.0/10 or your own public range".into()),
                );
            }
        }
        self.space_usage();
    }

    fn space_usage(&mut self) {
        let plan = self.plan;
        let mut taken: Vec<IpNet> = Vec::new();
        for f in &self.flat {
            if f.parent.is_none() {
                taken.extend(f.net.cidr.iter().copied());
            }
        }
        taken.extend(plan.reservations.iter().filter_map(|r| r.cidr));
        for ranges in &self.cluster_ranges {
            taken.extend(ranges.iter().map(|r| r.2));
        }
        let taken = PrefixSet::from_prefixes(taken);
        for s in &plan.spaces {
            let space = PrefixSet::from_prefixes([s.cidr]);
            let used = space.intersection(&taken);
            let free = space.difference(&taken);
            let total_bits = Family::of(&s.cidr).bits() - s.cidr.prefix_len();
            let used_count = exact_count(&used);
            let free_percent = percent_free(&free, total_bits);
            let largest_free = free.prefixes().into_iter().min_by_key(|p| (p.prefix_len(), crate::addr::first(p)));
            if let Some(min) = plan.policies.min_headroom_percent {
                if free_percent < min {
                    self.push(
                        Severity::Warning,
                        "policy.headroom",
                        format!("space {} ({}) is {}% free; the policy asks for {min}%", s.name, s.cidr, free_percent),
                        vec![FindingObject {
                            id: None,
                            kind: "space",
                            name: s.name.clone(),
                            cidr: Some(s.cidr.to_string()),
                            at: s.at.clone(),
                        }],
                        Some("add a space or release ranges".into()),
                    );
                }
            }
            self.spaces.push(SpaceUsage {
                space: s.name.clone(),
                cidr: s.cidr.to_string(),
                addresses: if total_bits >= 128 {
                    "340282366920938463463374607431768211456".into()
                } else {
                    (1u128 << total_bits).to_string()
                },
                used: used_count,
                free_percent,
                largest_free: largest_free.map(|p| p.to_string()),
            });
        }
    }
}

fn exact_count(set: &PrefixSet) -> String {
    set.address_count_decimal()
}

fn percent_free(free: &PrefixSet, total_bits: u8) -> u8 {
    // exact in integers: sum of 2^(host bits) scaled to the space, floor percent
    let mut num: u128 = 0;
    for p in free.prefixes() {
        let bits = Family::of(&p).bits() - p.prefix_len();
        // share of the space as a fraction of 2^total_bits; shift to keep 100x in range
        let shift = total_bits.saturating_sub(bits);
        if shift < 100 {
            num = num.saturating_add((100u128 << 20) >> shift.min(127));
        }
    }
    (num >> 20).min(100) as u8
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
    if !fits(1) {
        return Some(0);
    }
    let (mut lo, mut hi) = (1u64, crate::bounds::MAX_CLUSTER_NODES);
    if fits(hi) {
        return Some(hi);
    }
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if fits(mid) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Some(lo)
}

fn role_word(role: Role) -> &'static str {
    match role {
        Role::NodeSubnet => "node subnets",
        Role::PodSubnet => "pod subnets",
        Role::PodRange => "pod",
        Role::ServiceRange => "service",
    }
}

fn link_word(k: super::LinkKind) -> &'static str {
    match k {
        super::LinkKind::Peering => "peering",
        super::LinkKind::Transit => "transit",
        super::LinkKind::Vpn => "VPN",
        super::LinkKind::Circuit => "circuit",
    }
}
