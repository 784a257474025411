//! Networks and their subnets: cloud size rules, subnets outside their network or
//! overlapping a sibling, overlaps between networks (connected, isolated, linked).

use super::*;

impl Checker<'_> {
    pub(super) fn networks(&mut self) {
        let spaces: HashMap<&str, usize> =
            self.plan.spaces.iter().enumerate().map(|(i, s)| (s.name.as_str(), i)).collect();
        let mut children: HashMap<usize, Vec<usize>> = HashMap::new();
        for i in 0..self.flat.len() {
            let f = self.flat[i];
            let n = f.net;
            if let Some(p) = f.parent {
                children.entry(p).or_default().push(i);
            }
            if n.status == Some(super::super::model::NetworkStatus::Deprecated) {
                let what = if f.parent.is_some() { "subnet" } else { "network" };
                self.push(
                    Severity::Info,
                    "network.deprecated",
                    format!(
                        "{what} {} ({}) is deprecated: kept until it is gone",
                        n.name,
                        cidr_text(&n.cidr).unwrap_or_default()
                    ),
                    vec![self.network_obj(i)],
                    None,
                );
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
                let mut sized_wrong = false;
                if let (true, Some(allowed)) = (applies, profile.allowed_sizes_text(fam)) {
                    if !profile.allows_len(fam, c.prefix_len()) {
                        sized_wrong = true;
                        let what = if f.parent.is_some() { "subnet" } else { "VPC" };
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
                // a size the cloud refuses is said once, by cloud.size
                if fam == Family::V6 && c.prefix_len() % 4 != 0 && !sized_wrong {
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
                        // a VRF that does not enforce unique space allows the same prefix twice
                        if prefixes[a] == prefixes[b] && self.vrf_allows_duplicates(self.vrf_of(p)) {
                            let vrf = self.vrf_of(p).unwrap_or_default();
                            self.push(
                                Severity::Info,
                                "overlap.duplicate-allowed",
                                format!("{} and {} are both {} inside {}; VRF {vrf} allows duplicate prefixes (enforce_unique is off)", oa.name, ob.name, prefixes[a], self.flat[p].net.name),
                                vec![oa, ob],
                                None,
                            );
                            continue;
                        }
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
    pub(super) fn top_level_overlaps(&mut self) {
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
        // secondary ranges (GCP alias ranges: VPC-native pods and services) are routed in
        // their network and over its peerings, VPNs and interconnects
        for (o, c) in self.secondary_ranges() {
            prefixes.push(c);
            owners.push(o);
        }
        let Some(pairs) = self.overlapping_pairs(&prefixes) else { return };
        let top = |s: &Self, o: Owner| match o {
            Owner::Network(i) | Owner::Secondary(i, _) => Some(s.root(i)),
            _ => None,
        };
        for (a, b) in pairs {
            // within one network: its own ranges, or a secondary range against its subnets
            // (the sibling check reports those)
            if owners[a] == owners[b] || top(self, owners[a]).is_some_and(|t| top(self, owners[b]) == Some(t)) {
                continue;
            }
            let (na, nb) = (self.name_of(owners[a]).to_string(), self.name_of(owners[b]).to_string());
            let objects = vec![self.owner_obj(owners[a], &prefixes[a]), self.owner_obj(owners[b], &prefixes[b])];
            let label = |s: &Self, o: Owner, p: &IpNet| match o {
                Owner::Secondary(i, ri) => format!(
                    "{} (secondary range {}/{} {p})",
                    s.name_of(o),
                    s.flat[i].net.name,
                    s.flat[i].net.secondary_ranges[ri].name
                ),
                _ => format!("{} ({p})", s.name_of(o)),
            };
            let what = format!("{} and {}", label(self, owners[a], &prefixes[a]), label(self, owners[b], &prefixes[b]));
            // VRFs: routing domains that never route to each other, so the same space in two
            // of them is what VRFs are for, not a finding (external ranges and networks with
            // no vrf are in the global table)
            let vrf = |s: &Self, o: Owner| match o {
                Owner::Network(i) | Owner::Secondary(i, _) => s.vrf_of(i),
                _ => None,
            };
            let (va, vb) = (vrf(self, owners[a]), vrf(self, owners[b]));
            if va != vb {
                continue;
            }
            if prefixes[a] == prefixes[b] && self.vrf_allows_duplicates(va) {
                self.push(
                    Severity::Info,
                    "overlap.duplicate-allowed",
                    format!(
                        "{what} are the same prefix; VRF {} allows duplicate prefixes (enforce_unique is off)",
                        va.unwrap_or_default()
                    ),
                    objects,
                    None,
                );
                continue;
            }
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
                    match self.isolation_reason(&na, &nb) {
                        Some(why) => format!("{what} overlap; allowed because they are isolated: {why}"),
                        None => format!("{what} overlap; allowed because they are declared isolated"),
                    },
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
}
