//! Plan against reality: what is planned but missing, present but unplanned, and
//! changed. Networks and subnets are matched within their VRF by name (an imported entry
//! also answers to its `Name` tag and its resource id), then by range at the same depth,
//! then by range at any depth (an IPAM such as NetBox may nest a planned network under a
//! container the plan does not have).

use super::model::{Network, Plan};
use super::source::Position;
use ipnet::IpNet;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One difference between a planned and an actual plan; reads back from
/// `cidrplan diff --format json`'s `differences`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct Difference {
    /// `missing` (planned, not there), `unplanned` (there, not planned) or `changed`.
    #[serde(deserialize_with = "super::words::change")]
    pub change: super::words::Word,
    /// `network` or `subnet`.
    #[serde(deserialize_with = "super::words::kind")]
    pub kind: super::words::Word,
    /// The planned name, or the actual one for an unplanned entry.
    pub name: String,
    /// The actual entry's resource id, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Planned ranges.
    pub planned: Vec<String>,
    /// Actual ranges.
    pub actual: Vec<String>,
    /// Where the planned (else the actual) entry was written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<Position>,
}

/// Every network and subnet with its kind and its VRF (a subnet is in its network's).
type Flat = (&'static str, Option<String>, Network);

fn flat(list: &[Network], top: bool, vrf: Option<&str>, out: &mut Vec<Flat>) {
    for n in list {
        let v = if top { n.vrf.as_deref() } else { vrf };
        out.push((
            if top { "network" } else { "subnet" },
            v.map(str::to_string),
            Network { subnets: Vec::new(), used: Vec::new(), ..n.clone() },
        ));
        flat(&n.subnets, false, v, out);
    }
}

fn texts(v: &[IpNet]) -> Vec<String> {
    v.iter().map(|n| n.to_string()).collect()
}

impl Plan {
    /// The differences between this (planned) plan and `actual` (an import).
    ///
    /// ```
    /// use cidrplan::document::Plan;
    /// let planned = Plan::from_text("version: 1\nnetworks:\n  - {name: prod, cidr: 10.0.0.0/16}\n  - {name: dev, cidr: 10.1.0.0/16}\n", "plan.yaml")?;
    /// let actual = Plan::from_text("version: 1\nnetworks:\n  - {name: vpc-1, cidr: 10.0.0.0/16}\n  - {name: vpc-2, cidr: 10.9.0.0/16}\n", "aws.yaml")?;
    /// let d = planned.diff(&actual);
    /// assert_eq!(d.iter().map(|x| (x.change, x.name.as_str())).collect::<Vec<_>>(), [("missing", "dev"), ("unplanned", "vpc-2")]);
    /// # Ok::<(), cidrplan::Error>(())
    /// ```
    pub fn diff(&self, actual: &Plan) -> Vec<Difference> {
        let (mut p, mut a) = (Vec::new(), Vec::new());
        flat(&self.networks, true, None, &mut p);
        flat(&actual.networks, true, None, &mut a);
        let names = |n: &Network| {
            let mut v = vec![n.name.clone()];
            v.extend(n.tags.get("Name").cloned());
            v.extend(n.source.as_ref().map(|s| s.id.clone()));
            v
        };
        // keyed within a VRF: the same name or prefix in two VRFs is two things
        let mut by_name: HashMap<(&str, Option<&str>, String), Vec<usize>> = HashMap::new();
        let mut by_cidr: HashMap<(Option<&str>, IpNet), Vec<usize>> = HashMap::new();
        for (i, (kind, vrf, n)) in a.iter().enumerate() {
            for k in names(n) {
                by_name.entry((kind, vrf.as_deref(), k)).or_default().push(i);
            }
            for c in &n.cidr {
                by_cidr.entry((vrf.as_deref(), *c)).or_default().push(i);
            }
        }
        let mut matched = vec![false; a.len()];
        let mut out = Vec::new();
        for (kind, vrf, n) in &p {
            if n.cidr.is_empty() {
                continue; // sized and not carved: nothing to compare yet
            }
            let vrf = vrf.as_deref();
            let free = |v: Option<&Vec<usize>>, same_kind: bool, matched: &[bool]| {
                v.into_iter().flatten().copied().find(|&i| !matched[i] && (!same_kind || a[i].0 == *kind))
            };
            let hit = names(n)
                .into_iter()
                .find_map(|k| free(by_name.get(&(*kind, vrf, k)), true, &matched))
                .or_else(|| n.cidr.iter().find_map(|c| free(by_cidr.get(&(vrf, *c)), true, &matched)))
                .or_else(|| n.cidr.iter().find_map(|c| free(by_cidr.get(&(vrf, *c)), false, &matched)));
            match hit {
                Some(i) => {
                    matched[i] = true;
                    let x = &a[i].2;
                    let mut pc = n.cidr.clone();
                    let mut ac = x.cidr.clone();
                    pc.sort();
                    ac.sort();
                    if pc != ac {
                        out.push(Difference {
                            change: "changed",
                            kind,
                            name: n.name.clone(),
                            id: x.source.as_ref().map(|s| s.id.clone()),
                            planned: texts(&n.cidr),
                            actual: texts(&x.cidr),
                            at: n.at.clone(),
                        });
                    }
                }
                None => out.push(Difference {
                    change: "missing",
                    kind,
                    name: n.name.clone(),
                    id: None,
                    planned: texts(&n.cidr),
                    actual: Vec::new(),
                    at: n.at.clone(),
                }),
            }
        }
        for (i, (kind, _, x)) in a.iter().enumerate() {
            if !matched[i] {
                out.push(Difference {
                    change: "unplanned",
                    kind,
                    name: x.name.clone(),
                    id: x.source.as_ref().map(|s| s.id.clone()),
                    planned: Vec::new(),
                    actual: texts(&x.cidr),
                    at: x.at.clone(),
                });
            }
        }
        out
    }
}
