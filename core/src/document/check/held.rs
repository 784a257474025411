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
        let mut routed: HashMap<(usize, Role), bool> = HashMap::new();
        for (ci, ranges) in self.cluster_ranges.iter().enumerate() {
            for (role, _, cidr, in_vpc) in ranges {
                prefixes.push(*cidr);
                owners.push(Owner::ClusterRange(ci, *role));
                routed.insert((ci, *role), *in_vpc && *role == Role::PodRange);
            }
        }
        let Some(pairs) = self.overlapping_pairs(&prefixes) else { return };
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
}
