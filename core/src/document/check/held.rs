//! Ranges held apart from the networks (cluster pod and service ranges, reservations,
//! forbidden ranges) against everything they must not overlap; special-purpose ranges.

use super::*;

impl Checker<'_> {
    /// Cluster pod and service ranges, reservations and forbidden ranges against
    /// everything they must not overlap; special-purpose ranges.
    pub(super) fn held_ranges(&mut self) {
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
        let secondary = self.secondary_ranges();
        for &(o, c) in &secondary {
            prefixes.push(c);
            owners.push(o);
        }
        let mut routed: HashMap<(usize, Role), bool> = HashMap::new();
        for (ci, ranges) in self.cluster_ranges.iter().enumerate() {
            for (role, _, cidr, in_vpc) in ranges {
                prefixes.push(*cidr);
                owners.push(Owner::ClusterRange(ci, *role));
                routed.insert((ci, *role), *in_vpc && *role == Role::PodRange);
            }
        }
        // a cluster range inside its own network's routed space (its VPC's range, or one of
        // its subnets' secondary ranges): any overlap with another network or an external
        // range is that network's overlap, reported once there
        let secondary_by_root: Vec<(usize, IpNet)> = secondary
            .iter()
            .filter_map(|&(o, c)| match o {
                Owner::Secondary(i, _) => Some((self.root(i), c)),
                _ => None,
            })
            .collect();
        let own_routed: HashSet<Owner> = prefixes
            .iter()
            .zip(&owners)
            .filter(|(p, o)| {
                let Owner::ClusterRange(ci, _) = **o else { return false };
                let Some(own) = plan.clusters[ci].network.as_deref().and_then(|n| self.subnet_index(n)) else {
                    return false;
                };
                let root = self.root(own);
                self.flat[root].net.cidr.iter().any(|c| c.contains(*p))
                    || secondary_by_root.iter().any(|(r, c)| *r == root && c.contains(*p))
            })
            .map(|(_, o)| *o)
            .collect();
        // past the pair bound the plan.limit error says so; the checks below still run
        let pairs = self.overlapping_pairs(&prefixes).unwrap_or_default();
        // a held range (reservation, forbidden or cluster range) against a network's tree is
        // one finding per top-level network, at its outermost objects, naming the rest
        let mut groups: Vec<(Held, Vec<Held>)> = Vec::new();
        let mut group_of: HashMap<(Owner, usize), usize> = HashMap::new();
        let in_tree = |o: Owner| matches!(o, Owner::Network(_) | Owner::Secondary(..));
        for (a, b) in pairs {
            let (oa, ob) = (owners[a], owners[b]);
            let objs = |s: &Self| vec![s.owner_obj(oa, &prefixes[a]), s.owner_obj(ob, &prefixes[b])];
            let text = |s: &Self| {
                let o = objs(s);
                format!("{} ({}) and {} ({})", o[0].name, prefixes[a], o[1].name, prefixes[b])
            };
            // (held, held prefix, tree member, its prefix) when one side is a network's
            let held_vs_tree = if in_tree(oa) && !in_tree(ob) {
                Some((ob, prefixes[b], oa, prefixes[a]))
            } else if in_tree(ob) && !in_tree(oa) {
                Some((oa, prefixes[a], ob, prefixes[b]))
            } else {
                None
            };
            use Owner::*;
            // against anything but another cluster's range, the network's own finding covers it
            let both_clusters = matches!((oa, ob), (ClusterRange(..), ClusterRange(..)));
            if !both_clusters && (own_routed.contains(&oa) || own_routed.contains(&ob)) {
                continue;
            }
            if let Some((held, hp, member, mp)) = held_vs_tree {
                if matches!(held, External(_)) {
                    continue; // networks and external ranges: the connectivity check
                }
                if let ClusterRange(x, _) = held {
                    // a cluster's own range may sit inside its own network (an in-VPC pod
                    // range) or be one of its secondary ranges (a GKE Pod range)
                    let own = plan.clusters[x].network.as_deref().and_then(|n| self.subnet_index(n));
                    let mine = match member {
                        Network(i) => {
                            own.is_some_and(|o| i == o || self.descends(o, i)) && mp.contains(&hp) && mp != hp
                        }
                        Secondary(i, _) => own.is_some_and(|o| self.descends(i, o)) && mp.contains(&hp),
                        _ => false,
                    };
                    if mine {
                        continue;
                    }
                }
                let root = match member {
                    Network(i) | Secondary(i, _) => self.root(i),
                    _ => unreachable!("in_tree"),
                };
                let g = *group_of.entry((held, root)).or_insert_with(|| {
                    groups.push(((held, hp), Vec::new()));
                    groups.len() - 1
                });
                groups[g].1.push((member, mp));
                continue;
            }
            match (oa, ob) {
                (Forbidden(_), Forbidden(_)) => {}
                (Forbidden(f), _) | (_, Forbidden(f)) => {
                    let other = if matches!(oa, Forbidden(_)) { ob } else { oa };
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
                (Reservation(_), Reservation(_)) => self.push(
                    Severity::Warning,
                    "reservation.overlap",
                    format!("reservations {} overlap", text(self)),
                    objs(self),
                    None,
                ),
                (Reservation(_), _) | (_, Reservation(_)) => self.push(
                    Severity::Error,
                    "reservation.used",
                    format!("{} overlap: a reserved range is in use", text(self)),
                    objs(self),
                    Some("move the range out of the reservation, or release the reservation".into()),
                ),
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
        for ((held, hp), members) in groups {
            self.held_over_network(held, hp, members);
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
        mine.extend(secondary);
        for (ci, ranges) in self.cluster_ranges.iter().enumerate() {
            mine.extend(ranges.iter().map(|r| (Owner::ClusterRange(ci, r.0), r.2)));
        }
        let all: Vec<IpNet> = sp.iter().copied().chain(mine.iter().map(|m| m.1)).collect();
        let pairs = overlap_index_pairs(all.iter(), crate::bounds::MAX_OVERLAP_PAIRS);
        if let Err(e) = &pairs {
            self.push(Severity::Error, "plan.limit", e.to_string(), Vec::new(), None);
        }
        if let Ok(pairs) = pairs {
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
                    Some(private_advice(&p).into()),
                );
            }
        }
        self.public_unowned(&mine);
        self.space_usage();
    }

    /// IPv4 public space used as if private: a warning unless a space or external range
    /// with an owner declares it (an organisation's own allocation). Traffic to the real
    /// holders of those addresses would stay inside the plan's networks.
    fn public_unowned(&mut self, mine: &[(Owner, IpNet)]) {
        let plan = self.plan;
        let owned: Vec<IpNet> = plan
            .spaces
            .iter()
            .filter(|s| s.owner.is_some())
            .map(|s| s.cidr)
            .chain(plan.external.iter().filter(|e| e.owner.is_some()).flat_map(|e| e.cidr.iter().copied()))
            .collect();
        let owned = PrefixSet::from_prefixes(owned);
        for &(o, p) in mine {
            if Family::of(&p) != Family::V4 || !crate::classify(&p).is_ok_and(|c| c.category == "global-unicast") {
                continue;
            }
            if PrefixSet::from_prefixes([p]).difference(&owned).is_empty() {
                continue;
            }
            // a platform's documented default (GKE's shared 34.118.224.0/20 services range)
            // is the platform's to use
            if let Owner::ClusterRange(ci, role) = o {
                let c = &plan.clusters[ci];
                let net: Vec<IpNet> = c
                    .network
                    .as_deref()
                    .and_then(|n| self.subnet_index(n))
                    .map(|n| self.flat[n].net.cidr.clone())
                    .unwrap_or_default();
                if crate::document::carve::default_virtual_range(&c.platform, role, &net)
                    .is_some_and(|d| d.contains(&p))
                {
                    continue;
                }
            }
            let obj = self.owner_obj(o, &p);
            self.push(
                Severity::Warning,
                "address.public",
                format!(
                    "{} ({p}) is public address space that no space or external range of the plan owns: the real holders of those addresses become unreachable from it",
                    obj.name
                ),
                vec![obj],
                Some("use RFC 1918 space or 100.64.0.0/10; if your organisation holds this range, declare it as a space with an owner".into()),
            );
        }
    }

    /// One finding for a held range (reservation, forbidden or cluster range) over one
    /// network's tree: at the outermost objects it overlaps, naming the inner ones.
    fn held_over_network(&mut self, held: Owner, hp: IpNet, members: Vec<Held>) {
        let nets: HashSet<usize> = members
            .iter()
            .filter_map(|m| match m.0 {
                Owner::Network(i) => Some(i),
                _ => None,
            })
            .collect();
        // a member is inner when a network above it is in the finding too
        let inner = |s: &Self, o: &Owner| {
            let start = match *o {
                Owner::Network(i) => s.flat[i].parent,
                Owner::Secondary(i, _) => Some(i),
                _ => None,
            };
            let mut at = start;
            while let Some(i) = at {
                if nets.contains(&i) {
                    return true;
                }
                at = s.flat[i].parent;
            }
            false
        };
        let (mut outer, mut inside): (Vec<_>, Vec<_>) = (Vec::new(), Vec::new());
        for m in members {
            if inner(self, &m.0) {
                inside.push(m);
            } else {
                outer.push(m);
            }
        }
        let hobj = self.owner_obj(held, &hp);
        let describe = |s: &Self, ms: &[Held]| {
            ms.iter().map(|(o, p)| format!("{} ({p})", s.owner_obj(*o, p).name)).collect::<Vec<_>>().join(", ")
        };
        let mut what = describe(self, &outer);
        if !inside.is_empty() {
            const NAMED: usize = 8;
            let more = inside.len().saturating_sub(NAMED);
            let subnets = inside.iter().all(|m| matches!(m.0, Owner::Network(_)));
            what.push_str(&format!(
                " and the {} {}{} inside it ({}{})",
                inside.len(),
                if subnets { "subnet" } else { "range" },
                if inside.len() == 1 { "" } else { "s" },
                describe(self, &inside[..inside.len().min(NAMED)]),
                if more > 0 { format!(" and {more} more") } else { String::new() }
            ));
        }
        let mut objects: Vec<FindingObject> = outer.iter().map(|(o, p)| self.owner_obj(*o, p)).collect();
        objects.extend(inside.iter().map(|(o, p)| self.owner_obj(*o, p)));
        objects.push(hobj.clone());
        let outer_names = outer.iter().map(|(o, p)| self.owner_obj(*o, p).name).collect::<Vec<_>>().join(", ");
        match held {
            Owner::Forbidden(f) => {
                let fr = &self.plan.policies.forbidden[f];
                self.push(
                    Severity::Error,
                    "policy.forbidden",
                    format!("the forbidden range {} ({}) is used by {what}", fr.name, fr.cidr),
                    objects,
                    Some(format!("move {outer_names} off {}", fr.cidr)),
                );
            }
            Owner::Reservation(_) => self.push(
                Severity::Error,
                "reservation.used",
                format!("the reservation {} ({hp}) overlaps {what}: a reserved range is in use", hobj.name),
                objects,
                Some("move the range out of the reservation, or release the reservation".into()),
            ),
            _ => self.push(
                Severity::Error,
                "overlap.cluster-range",
                format!("{} ({hp}) overlaps {what}: pods or services would shadow those addresses", hobj.name),
                objects,
                Some(
                    "move the cluster range to space no network uses (100.64.0.0/10 is the usual home of pod ranges)"
                        .into(),
                ),
            ),
        }
    }
}

/// A range and who holds it.
type Held = (Owner, IpNet);

/// Where private addresses come from, per family.
fn private_advice(p: &IpNet) -> &'static str {
    match Family::of(p) {
        Family::V4 => "use RFC 1918 space, 100.64.0.0/10 or your own public range",
        Family::V6 => "use a unique local range (a random /48 of fd00::/8), your cloud provider's IPv6 ranges or your own RIR allocation",
    }
}
