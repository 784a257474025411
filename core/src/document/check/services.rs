//! Cloud service subnets: a subnet that names its service (`service:`, or an Azure
//! reserved subnet name) gets that service's documented rules (crate::service): size,
//! required name, free addresses, zones, and a subnet of its own.

use super::*;
use crate::service::{Dedicated, ServiceRule};

impl Checker<'_> {
    pub(super) fn services(&mut self) {
        // (top-level network, service) -> its subnets, for the zone rule
        let mut by_network: BTreeMap<(usize, &'static str), (&'static ServiceRule, Vec<usize>)> = BTreeMap::new();
        for i in 0..self.flat.len() {
            let n = self.flat[i].net;
            let rule = match &n.service {
                Some(id) => match crate::service::rule(id) {
                    Ok(r) => r,
                    Err(e) => {
                        self.push(
                            Severity::Error,
                            "service.unknown",
                            format!("{}: {e}", n.name),
                            vec![self.network_obj(i)],
                            Some("name one of the services listed, or drop service".into()),
                        );
                        continue;
                    }
                },
                // Azure's reserved names mean their service in Azure (or an unnamed cloud)
                None if self.flat[i].parent.is_some()
                    && matches!(
                        self.flat[i].profile,
                        AddressProfile::Azure | AddressProfile::AzureOlderFaq | AddressProfile::Standard
                    ) =>
                {
                    match crate::service::implied_by_name(&n.name) {
                        Some(r) => r,
                        None => continue,
                    }
                }
                None => continue,
            };
            self.service_subnet(i, rule);
            if rule.min_zones.is_some() {
                by_network.entry((self.root(i), rule.id.as_str())).or_insert((rule, Vec::new())).1.push(i);
            }
        }
        for ((root, _), (rule, subnets)) in by_network {
            let Some(min) = rule.min_zones else { continue };
            let zones: BTreeSet<&str> = subnets.iter().filter_map(|&i| self.flat[i].net.zone.as_deref()).collect();
            let all_zoned = subnets.iter().all(|&i| self.flat[i].net.zone.is_some());
            let short = (subnets.len() as u64) < u64::from(min) || (all_zoned && (zones.len() as u64) < u64::from(min));
            if short {
                let mut objects = vec![self.network_obj(root)];
                objects.extend(subnets.iter().map(|&i| self.network_obj(i)));
                self.push(
                    Severity::Error,
                    "service.zones",
                    format!(
                        "{}: {} needs subnets in at least {min} zones; {} has {} ({} subnet{}{})",
                        self.flat[root].net.name,
                        rule.what,
                        self.flat[root].net.name,
                        zones.len(),
                        subnets.len(),
                        if subnets.len() == 1 { "" } else { "s" },
                        if zones.is_empty() { String::new() } else { format!(" in {}", join(zones.iter())) }
                    ),
                    objects,
                    Some(format!("add a subnet with service: {} in another zone ({})", rule.id, rule.source)),
                );
            }
        }
    }

    /// Size, name, free addresses and dedication of one service subnet.
    fn service_subnet(&mut self, i: usize, rule: &'static ServiceRule) {
        let f = self.flat[i];
        let n = f.net;
        let cite = |fix: String| Some(format!("{fix} ({})", rule.source));
        if let Some(required) = &rule.name {
            let last = n.name.rsplit('/').next().unwrap_or(&n.name);
            if last != required {
                self.push(
                    Severity::Error,
                    "service.name",
                    format!("{} is for {}, which Azure deploys only into a subnet named {required}", n.name, rule.what),
                    vec![self.network_obj(i)],
                    cite(format!("rename the subnet {required}")),
                );
            }
        }
        for c in n.cidr.iter().filter(|c| Family::of(c) == Family::V4) {
            let len = c.prefix_len();
            let what = &rule.what;
            let refused = match (rule.smallest, rule.largest) {
                (Some(s), Some(l)) if len > s || len < l => {
                    Some(if s == l { format!("exactly a /{s}") } else { format!("a /{l} to /{s}") })
                }
                (Some(s), _) if len > s => Some(format!("a /{s} or larger")),
                (_, Some(l)) if len < l => Some(format!("a /{l} or smaller")),
                _ => None,
            };
            if let Some(allowed) = &refused {
                self.push(
                    Severity::Error,
                    "service.size",
                    format!("{} ({c}) is a /{len}; {what} needs {allowed}", n.name),
                    vec![self.network_obj(i)],
                    cite(format!("make it {allowed}")),
                );
            } else if let Some(r) = rule.recommended.filter(|&r| len > r) {
                self.push(
                    Severity::Warning,
                    "service.size-recommended",
                    format!("{} ({c}) is a /{len}; for {what} the provider recommends a /{r} or larger", n.name),
                    vec![self.network_obj(i)],
                    cite(format!("make it a /{r} or larger")),
                );
            }
            // free addresses: usable under the profile, less what an import says is in use
            // (a subnet already refused for its size gets one finding: making it larger fixes both)
            if refused.is_some() {
                continue;
            }
            let usable = f.profile.usable_hosts(c).unwrap_or(0);
            let used = PrefixSet::from_prefixes(n.used.iter().map(|u| u.cidr).filter(|u| c.contains(u)))
                .ipv4_address_count() as u128;
            let free = usable.saturating_sub(used);
            let short_of = |need: Option<u32>| need.filter(|&m| free < u128::from(m));
            if let Some(m) = short_of(rule.min_free) {
                self.push(
                    Severity::Error,
                    "service.free-addresses",
                    format!("{} ({c}) has {free} free addresses; {what} needs at least {m}", n.name),
                    vec![self.network_obj(i)],
                    cite("use a larger subnet or free addresses in it".into()),
                );
            } else if let Some(m) = short_of(rule.recommended_free) {
                self.push(
                    Severity::Warning,
                    "service.free-addresses",
                    format!(
                        "{} ({c}) has {free} free addresses; for {what} the provider recommends at least {m}",
                        n.name
                    ),
                    vec![self.network_obj(i)],
                    cite(format!("use a subnet with {m} or more free addresses")),
                );
            }
        }
        // a subnet of its own: no cluster uses it, nothing is carved inside it
        if rule.dedicated == Dedicated::No {
            return;
        }
        let mut others: Vec<FindingObject> = Vec::new();
        for c in &self.plan.clusters {
            if c.node_subnets.iter().chain(&c.pod_subnets).any(|s| *s == n.name) {
                others.push(FindingObject {
                    kind: "cluster",
                    name: c.name.clone(),
                    cidr: None,
                    id: None,
                    at: c.at.clone(),
                });
            }
        }
        for (k, g) in self.flat.iter().enumerate() {
            if g.parent == Some(i) {
                others.push(FindingObject { cidr: cidr_text(&g.net.cidr), ..self.network_obj(k) });
            }
        }
        if others.is_empty() {
            return;
        }
        let (severity, verb) = match rule.dedicated {
            Dedicated::Yes => (Severity::Error, "needs"),
            _ => (Severity::Warning, "should have"),
        };
        let names = join(others.iter().map(|o| &o.name));
        let mut objects = vec![self.network_obj(i)];
        objects.extend(others);
        self.push(
            severity,
            "service.dedicated",
            format!(
                "{} is for {}, which {verb} a subnet of its own; {names} use{} it too",
                n.name,
                rule.what,
                if objects.len() == 2 { "s" } else { "" }
            ),
            objects,
            cite(format!("give {names} another subnet")),
        );
    }
}

fn join<T: std::fmt::Display>(items: impl Iterator<Item = T>) -> String {
    items.map(|x| x.to_string()).collect::<Vec<_>>().join(", ")
}
