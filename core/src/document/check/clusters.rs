//! Clusters at peak with surge: each range's need against its capacity, the range that
//! runs out first, one zone lost, overlaps and reuse of cluster ranges.

use super::*;

impl Checker<'_> {
    pub(super) fn clusters(&mut self) {
        for ci in 0..self.plan.clusters.len() {
            let ranges = self.cluster(ci);
            self.cluster_ranges.push(ranges);
        }
    }

    /// Check one cluster; returns the ranges it uses. A cluster the platform cannot
    /// size (a rule broken at peak) still gets every check that does not need the
    /// sizing: its subnets, its ranges' overlaps and forbidden ranges, zones, and the
    /// capacity of each range (without a need).
    pub(super) fn cluster(&mut self, ci: usize) -> Vec<(Role, String, IpNet, bool)> {
        let c: &Cluster = &self.plan.clusters[ci];
        let cobj = FindingObject { kind: "cluster", name: c.name.clone(), cidr: None, id: None, at: c.at.clone() };
        let req = c.requirement();
        let zones = req.zones;
        let (sizing, error) = match size(&c.platform, &req) {
            Ok(s) => (Some(s), None),
            Err(e) => {
                let rule = if e.rule().is_some() { "cluster.platform-rule" } else { "cluster.sizing" };
                self.push(Severity::Error, rule, format!("{}: {e}", c.name), vec![cobj.clone()], None);
                (None, Some(e.to_string()))
            }
        };
        // the ranges the platform uses (roles, zonal counts, defaults) do not depend on the
        // node count: when the real sizing fails, one node tells them
        let one = Requirement { nodes: 1, peak_nodes: None, ..req.clone() };
        let one_node = if sizing.is_some() { None } else { Some(size(&c.platform, &one)) };
        // when a rule other than the node count refuses the cluster, no peak fits
        let peak_sizable = sizing.is_some() || one_node.as_ref().is_some_and(|r| r.is_ok());
        let shape = sizing.clone().or_else(|| {
            one_node.and_then(|r| r.ok()).or_else(|| size(&c.platform, &Requirement { max_pods: None, ..one }).ok())
        });
        let needs: &[RangeNeed] = shape.as_ref().map_or(&[], |s| s.ranges.as_slice());
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
        for need in needs.iter().filter(|r| matches!(r.role, Role::PodRange | Role::ServiceRange)) {
            let given = if need.role == Role::PodRange { &c.pod_range } else { &c.service_range };
            let word = role_word(need.role);
            let name = if need.role == Role::PodRange { "pods" } else { "services" };
            let missing = |s: &mut Self| {
                s.push(
                    Severity::Error,
                    "cluster.missing-range",
                    format!(
                        "{} needs a {word} range (at least a /{}) and the plan gives none",
                        c.name, need.prefix_len
                    ),
                    vec![cobj.clone()],
                    Some(format!("add {word}_range: auto (or a CIDR)")),
                )
            };
            match given.as_ref().and_then(|g| g.cidr) {
                Some(cidr) => used.push((need.role, name.to_string(), cidr, need.in_vpc, AddressProfile::Standard)),
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
                            used.push((need.role, name.to_string(), d, need.in_vpc, AddressProfile::Standard));
                        }
                        None => missing(self),
                    }
                }
                None => missing(self),
            }
        }
        if shape.is_none() {
            // nothing says which ranges the platform uses: the ranges the plan gives still
            // get every overlap check
            for (role, r, name) in
                [(Role::PodRange, &c.pod_range, "pods"), (Role::ServiceRange, &c.service_range, "services")]
            {
                if let Some(cidr) = r.as_ref().and_then(|g| g.cidr) {
                    used.push((role, name.to_string(), cidr, false, AddressProfile::Standard));
                }
            }
        }
        for (role, what) in [(Role::NodeSubnet, "node_subnets"), (Role::PodSubnet, "pod_subnets")] {
            if let Some(need) = needs.iter().find(|r| r.role == role) {
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
            if !needs.iter().any(|r| r.role == *role) {
                continue;
            }
            // the real need at peak, when the cluster could be sized
            let need = sizing.as_ref().and_then(|s| s.ranges.iter().find(|r| r.role == *role));
            let capacity = match role {
                Role::NodeSubnet | Role::PodSubnet => profile.usable_hosts(cidr).unwrap_or(0),
                _ => 1u128 << (Family::of(cidr).bits() - cidr.prefix_len()).min(127),
            };
            let sized_by_nodes = *role != Role::ServiceRange;
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
            // when a rule other than the node count refuses the cluster, no peak fits
            let max_peak_nodes = if sized_by_nodes && peak_sizable {
                max_peak(&c.platform, &req, *role, cidr.prefix_len())
            } else {
                None
            };
            let obj = self.range_obj(ci, *role, name, cidr);
            if let (Some(need), Some(false)) = (need, fits) {
                let nodes = sizing.as_ref().map_or(0, |s| s.nodes);
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
                role: *role,
                cidr: cidr.to_string(),
                capacity,
                needed,
                needed_prefix_len: need.map(|n| n.prefix_len),
                headroom_percent,
                short,
                max_peak_nodes,
            });
        }
        let first = caps.iter().filter_map(|r| r.max_peak_nodes.map(|m| (m, r.name.clone()))).min();
        // one zone lost: its nodes move to the others
        let zone_loss = if sizing.is_some() && zones >= 2 && needs.iter().any(|r| r.count > 1) {
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
            platform: shape.as_ref().map_or_else(|| c.platform.label(), |s| s.platform.clone()),
            nodes: sizing.as_ref().map_or_else(|| req.total(), |s| s.nodes),
            max_pods: req.max_pods.or(shape.as_ref().map(|s| s.max_pods)).unwrap_or(0),
            error,
            runs_out_first: first.as_ref().map(|f| f.1.clone()),
            max_peak_nodes: first.map(|f| f.0),
            ranges: caps,
            zone_loss,
        });
        // any two ranges of one cluster must not overlap
        let prefixes: Vec<IpNet> = used.iter().map(|u| u.2).collect();
        if let Some(pairs) = self.overlapping_pairs(&prefixes) {
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
        self.cluster_settings(ci, &cobj, &req, sizing.as_ref(), shape.as_ref(), &used);
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

    /// The network policy engine's scale and the DNS service IP (AKS's settings; on
    /// another platform they are a mistake, said once).
    fn cluster_settings(
        &mut self,
        ci: usize,
        cobj: &FindingObject,
        req: &Requirement,
        sizing: Option<&crate::cluster::Sizing>,
        shape: Option<&crate::cluster::Sizing>,
        used: &[(Role, String, IpNet, bool, AddressProfile)],
    ) {
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
        // every node at peak with surge, each at its max pods
        let nodes = sizing.map_or_else(|| req.total(), |s| s.nodes);
        let max_pods = req.max_pods.or(shape.map(|s| s.max_pods)).unwrap_or(0);
        if let Some(i) = crate::aks::network_policy_issue(
            c.network_policy.unwrap_or_default(),
            nodes,
            nodes.saturating_mul(u64::from(max_pods)),
        ) {
            self.push(
                Severity::Error,
                i.rule,
                format!("{}: {}", c.name, i.message),
                vec![cobj.clone()],
                Some("use network_policy: cilium (or calico)".into()),
            );
        }
        if let Some(ip) = c.dns_service_ip {
            let service =
                used.iter().find(|u| u.0 == Role::ServiceRange && Family::of(&u.2) == Family::of(&IpNet::from(ip)));
            let service = service.or_else(|| used.iter().find(|u| u.0 == Role::ServiceRange));
            if let Some((_, _, svc, _, _)) = service {
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
