//! Names and references: duplicate names, references to networks, spaces, clusters and
//! links that do not exist, links and isolation that contradict each other.

use super::*;

impl Checker<'_> {
    pub(super) fn names_and_references(&mut self) {
        let plan = self.plan;
        let mut dupes: Vec<(&'static str, String, Vec<FindingObject>)> = Vec::new();
        for i in 0..self.flat.len() {
            if let Some(src) = &self.flat[i].net.source {
                self.ids.entry(src.id.to_ascii_lowercase()).or_insert(i);
            }
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
        unique(&plan.vrfs, |s| &s.name, "vrf", |s| s.at.clone(), &mut dupes);
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
        let vrfs: HashSet<&str> = plan.vrfs.iter().map(|v| v.name.as_str()).collect();
        for i in 0..self.flat.len() {
            if let Some(s) = &self.flat[i].net.space {
                if !spaces.contains(s.as_str()) {
                    missing.push(("space".into(), s.clone(), self.network_obj(i)));
                }
            }
            if let Some(v) = &self.flat[i].net.vrf {
                if !vrfs.contains(v.as_str()) {
                    missing.push(("vrf".into(), v.clone(), self.network_obj(i)));
                }
            }
        }
        for (li, l) in plan.connectivity.iter().enumerate() {
            let obj = self.link_obj(li);
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
            let pools = c.pools.iter().flat_map(|p| p.node_subnets.iter().chain(&p.pod_subnets).flatten());
            for n in c.network.iter().chain(&c.node_subnets).chain(&c.pod_subnets).chain(pools) {
                if self.subnet_index(n).is_none() {
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
                        let obj = self.link_obj(li);
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
}
