//! The address plan as a file: one model ([`Plan`]) that every face loads the same
//! way, checked ([`Plan::check`]), carved ([`Plan::carve`]) and exported
//! ([`Plan::export`]).
//!
//! ```
//! use cidrplan::document::{Plan, Severity};
//! let plan = Plan::from_text(r#"
//! version: 1
//! spaces:
//!   - {name: aws, cidr: 10.0.0.0/12}
//! networks:
//!   - name: prod
//!     profile: aws
//!     space: aws
//!     size: 16
//!     subnets:
//!       - {name: a, zone: us-east-1a, size: 20}
//!   - {name: dev, cidr: 10.0.0.0/16}
//! "#, "plan.yaml")?;
//! let carved = plan.carve()?;
//! assert_eq!(carved.plan.networks[0].cidr[0].to_string(), "10.1.0.0/16"); // dev holds 10.0/16
//! assert_eq!(carved.plan.networks[0].subnets[0].cidr[0].to_string(), "10.1.0.0/20");
//! let report = carved.plan.check();
//! assert_eq!(report.count(Severity::Error), 0);
//! # Ok::<(), cidrplan::Error>(())
//! ```

mod build;
mod carve;
mod check;
mod csv_cell;
mod diff;
mod export;
pub mod import;
mod model;
mod netbox;
mod rules;
mod source;
mod usage;
mod words;

pub use carve::{Carved, Placement};
pub use check::{
    ClusterCapacity, Finding, FindingObject, ObservedRange, ObservedUse, PoolCapacity, PoolShare, RangeCapacity,
    Report, Severity, SpaceUsage, Summary, ZoneLoss, OBJECT_KINDS,
};
pub use diff::Difference;
pub use export::{carve_text, carve_text_keeping, markdown_cell, write_placements, ExportFormat};
pub use model::{
    Cluster, ClusterRange, ExternalRange, Isolation, Link, LinkKind, NamedRange, Network, NetworkStatus, Plan,
    Policies, PrefixLength, PrefixLengths, Provenance, Reservation, Space, Vrf, PLAN_VERSION,
};
pub use rules::{rule, rules, RuleInfo};
pub use source::{decode_text, Position};
pub use usage::{Block, SubnetMap, MAX_MAP_BLOCKS};

use crate::{Error, Result};
use source::{node_at, parse_tree, Node};
use std::sync::Arc;

/// What the user wrote for `node` (`010`, not the 10.0 it reads as); its value when the
/// source is not at hand.
fn text_of(node: &Node, source: &str) -> String {
    let written: String = source.chars().skip(node.start).take(node.end.saturating_sub(node.start)).collect();
    let written = written.trim();
    if written.is_empty() || written.len() > 200 || matches!(node.kind, source::Kind::Map { .. } | source::Kind::Seq(_))
    {
        node.to_value().to_string()
    } else {
        written.to_string()
    }
}

/// Largest plan or export text read at once (64 MiB, about 1.5 million networks): what
/// the reader holds in under 2 GiB. Measured peaks (BENCHMARKS.md): a plan needs about
/// 27 times its size while it is read and checked (10^6 networks, 43 MB: 1.15 GB), an
/// AWS export about 15 times (10^5 interfaces, 52 MB: 0.75 GB). Several files given
/// together count as one.
pub const MAX_PLAN_BYTES: usize = 64 << 20;

impl Plan {
    /// Read a plan from YAML or JSON text; `file` names it in messages and positions.
    /// Errors (kind `invalid-argument`) start with `file:line:column:` and say what
    /// was expected.
    ///
    /// ```
    /// use cidrplan::document::Plan;
    /// let e = Plan::from_text("version: 1\nnetworks:\n  - name: a\n    cidr: 10.0.0.1/16\n", "p.yaml").unwrap_err();
    /// assert_eq!(e.to_string(), "p.yaml:4:11: networks[0].cidr: 10.0.0.1/16 has host bits set; did you mean 10.0.0.0/16?");
    /// let e = Plan::from_text("version: 1\nnetwork: []\n", "p.yaml").unwrap_err();
    /// assert!(e.to_string().starts_with("p.yaml:2:1: unknown key `network`; did you mean `networks`?"));
    /// assert_eq!(e.location().and_then(|a| a.path.as_deref()), Some("network"));
    /// ```
    pub fn from_text(text: &str, file: &str) -> Result<Plan> {
        if text.len() > MAX_PLAN_BYTES {
            return Err(Error::LimitExceeded(format!(
                "{file}: {} bytes is more than a plan may hold ({MAX_PLAN_BYTES}); split it into several files",
                text.len()
            )));
        }
        let root = parse_tree(text, file)?;
        Plan::from_tree(&root, file, text)
    }

    /// Read a plan file (YAML or JSON): its size within [`MAX_PLAN_BYTES`], UTF-8 (a
    /// leading byte-order mark is dropped), positions named by the path.
    ///
    /// ```
    /// let p = cidrplan::document::Plan::load("examples/plans/startup-eks.yaml").unwrap();
    /// assert_eq!(p.name.as_deref(), Some("acme-startup"));
    /// let e = cidrplan::document::Plan::load("no-such.yaml").unwrap_err();
    /// assert!(e.to_string().starts_with("no-such.yaml: cannot read the plan"));
    /// ```
    pub fn load(path: impl AsRef<std::path::Path>) -> Result<Plan> {
        let path = path.as_ref();
        let shown = path.display().to_string();
        let cannot = |e: std::io::Error| Error::InvalidArgument(format!("{shown}: cannot read the plan: {e}"));
        let size = std::fs::metadata(path).map_err(cannot)?.len();
        if size > MAX_PLAN_BYTES as u64 {
            return Err(Error::LimitExceeded(format!(
                "{shown}: {size} bytes is more than a plan may hold ({MAX_PLAN_BYTES}); split it into several files"
            )));
        }
        let bytes = std::fs::read(path).map_err(cannot)?;
        let text = String::from_utf8(bytes).map_err(|e| {
            Error::InvalidArgument(format!("{shown}: is not UTF-8 text (byte {} is not)", e.utf8_error().valid_up_to()))
        })?;
        Plan::from_text(text.strip_prefix('\u{feff}').unwrap_or(&text), &shown)
    }

    /// Read several plan files as one plan (as `cidrplan check --merge` would), within
    /// [`MAX_PLAN_BYTES`] together.
    ///
    /// ```
    /// let p = cidrplan::document::Plan::load_all(["examples/plans/startup-eks.yaml", "examples/plans/multicloud.yaml"]).unwrap();
    /// assert!(p.networks.len() > 3);
    /// ```
    pub fn load_all<P: AsRef<std::path::Path>>(paths: impl IntoIterator<Item = P>) -> Result<Plan> {
        let mut plans = Vec::new();
        let mut total = 0u64;
        for p in paths {
            total = total.saturating_add(std::fs::metadata(p.as_ref()).map(|m| m.len()).unwrap_or(0));
            if total > MAX_PLAN_BYTES as u64 {
                return Err(Error::LimitExceeded(format!(
                    "{}: the files hold more than {MAX_PLAN_BYTES} bytes together; read them in smaller groups",
                    p.as_ref().display()
                )));
            }
            plans.push(Plan::load(p)?);
        }
        Ok(Plan::merge(plans))
    }

    /// Read a plan from a JSON value (a dict in Python, an object in JavaScript).
    ///
    /// ```
    /// let v = serde_json::json!({"version": 1, "spaces": [{"name": "s", "cidr": "10.0.0.0/8"}]});
    /// let p = cidrplan::document::Plan::from_value(&v, "<dict>").unwrap();
    /// assert_eq!(p.spaces[0].cidr.to_string(), "10.0.0.0/8");
    /// ```
    pub fn from_value(value: &serde_json::Value, file: &str) -> Result<Plan> {
        let text = serde_json::to_string(value).map_err(|e| Error::InvalidArgument(format!("{file}: {e}")))?;
        Plan::from_text(&text, file)
    }

    fn from_tree(root: &Node, file: &str, source: &str) -> Result<Plan> {
        if !matches!(root.kind, source::Kind::Map { .. }) {
            return Err(source::error_at(
                file,
                root.line,
                root.column,
                "a plan is a mapping that starts with `version: 1`",
            ));
        }
        // through JSON text: numbers then keep their kind (1e30 is a float, not "invalid number")
        let mut json = String::with_capacity(1024);
        root.write_json(&mut json);
        let de = &mut serde_json::Deserializer::from_str(&json);
        let mut plan: Plan = serde_path_to_error::deserialize(de).map_err(|e| {
            let raw = e.inner().to_string();
            let raw = raw.rfind(" at line ").map_or(raw.as_str(), |i| &raw[..i]);
            let unknown = source::unknown_field(raw);
            let (node, path) = match &unknown {
                Some((name, _)) => source::unknown_key_at(root, e.path(), name),
                None => (node_at(root, e.path(), false), e.path().to_string()),
            };
            let written = text_of(node, source);
            let mut inner = crate::input::friendly(&e.into_inner().to_string(), &written);
            // a number the message shows as read (10.0, 1e+3): say it as written (010, 1e3)
            if let Some(i) = inner.rfind(" not ") {
                let shown = &inner[i + 5..];
                if shown != written && shown.parse::<f64>().is_ok() && !written.contains('\n') {
                    inner = format!("{} not {written}", &inner[..i]);
                }
            }
            let mut suggestions = Vec::new();
            let message = if let Some((name, expected)) = &unknown {
                suggestions = source::nearest(name, expected).into_iter().collect();
                let known = if expected.is_empty() {
                    "it takes no keys".to_string()
                } else {
                    format!("the keys here are {}", expected.join(", "))
                };
                let parent = path.strip_suffix(name.as_str()).unwrap_or("").trim_end_matches('.');
                let within = if parent.is_empty() { String::new() } else { format!("{parent}: ") };
                match suggestions.first() {
                    Some(best) => format!("{within}unknown key `{name}`; did you mean `{best}`? ({known})"),
                    None => format!("{within}unknown key `{name}` ({known})"),
                }
            } else if path == "." {
                inner
            } else if inner.starts_with("must be") || inner.starts_with("is missing") {
                format!("{path} {inner}")
            } else {
                format!("{path}: {inner}")
            };
            let path = (path != ".").then_some(path);
            source::error_on(file, node, source, path, message, suggestions)
        })?;
        if plan.version != PLAN_VERSION {
            let n = root.get("version").unwrap_or(root);
            return Err(source::error_on(
                file,
                n,
                source,
                Some("version".into()),
                format!("version {} is not one this cidrplan reads; it reads version {PLAN_VERSION}", plan.version),
                Vec::new(),
            ));
        }
        // `nodes` may be left out only where pools give them
        let clusters = root.get("clusters").map(Node::items).unwrap_or(&[]);
        for (i, (c, n)) in plan.clusters.iter().zip(clusters).enumerate() {
            let cluster_nodes = n.get("nodes").is_some();
            if c.pools.is_empty() && !cluster_nodes {
                return Err(source::error_on(
                    file,
                    n,
                    source,
                    Some(format!("clusters[{i}].nodes")),
                    format!("clusters[{i}] is missing nodes"),
                    Vec::new(),
                ));
            }
            let pools = n.get("pools").map(Node::items).unwrap_or(&[]);
            for (j, pn) in pools.iter().enumerate() {
                if !cluster_nodes && pn.get("nodes").is_none() {
                    return Err(source::error_on(
                        file,
                        pn,
                        source,
                        Some(format!("clusters[{i}].pools[{j}].nodes")),
                        format!("clusters[{i}].pools[{j}] is missing nodes (or give the cluster nodes for every pool)"),
                        Vec::new(),
                    ));
                }
            }
        }
        let file: Arc<str> = Arc::from(file);
        plan.locate(root, &file);
        Ok(plan)
    }

    /// Several files that are one plan: their lists joined in order. The first name
    /// wins; policies join their forbidden ranges and keep the strictest headroom.
    ///
    /// ```
    /// use cidrplan::document::Plan;
    /// let a = Plan::from_text("version: 1\nspaces: [{name: a, cidr: 10.0.0.0/8}]", "a.yaml").unwrap();
    /// let b = Plan::from_text("version: 1\nspaces: [{name: b, cidr: 172.16.0.0/12}]", "b.yaml").unwrap();
    /// assert_eq!(Plan::merge(vec![a, b]).spaces.len(), 2);
    /// ```
    pub fn merge(plans: Vec<Plan>) -> Plan {
        let mut out = Plan { version: PLAN_VERSION, ..Plan::default() };
        for p in plans {
            out.name = out.name.or(p.name);
            out.spaces.extend(p.spaces);
            out.networks.extend(p.networks);
            out.external.extend(p.external);
            out.reservations.extend(p.reservations);
            out.connectivity.extend(p.connectivity);
            out.isolated.extend(p.isolated);
            out.vrfs.extend(p.vrfs);
            out.clusters.extend(p.clusters);
            out.policies.forbidden.extend(p.policies.forbidden);
            out.policies.min_headroom_percent =
                match (out.policies.min_headroom_percent, p.policies.min_headroom_percent) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    (a, b) => a.or(b),
                };
        }
        // a cluster as its nodes show it (kubectl import) joins the planned cluster of its name
        let mut k = 0;
        while k < out.clusters.len() {
            let observed_only = out.clusters[k].observed.is_some();
            let planned = out.clusters.iter().position(|c| c.observed.is_none() && c.name == out.clusters[k].name);
            match (observed_only, planned) {
                (true, Some(t)) => {
                    let o = out.clusters.remove(k);
                    let t = if t > k { t - 1 } else { t };
                    out.clusters[t].observed = o.observed;
                }
                _ => k += 1,
            }
        }
        out
    }

    /// Read and merge several texts, each with its file name.
    pub fn from_texts<'a>(texts: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Plan> {
        let plans = texts.into_iter().map(|(text, file)| Plan::from_text(text, file)).collect::<Result<Vec<_>>>()?;
        Ok(Plan::merge(plans))
    }

    /// Fill in every entry's position from the tree it was read from.
    fn locate(&mut self, root: &Node, file: &Arc<str>) {
        let items = |key: &str| root.get(key).map(Node::items).unwrap_or(&[]);
        for (e, n) in self.spaces.iter_mut().zip(items("spaces")) {
            e.at = Some(n.position(file));
        }
        fn networks(list: &mut [Network], nodes: &[Node], file: &Arc<str>) {
            for (e, n) in list.iter_mut().zip(nodes) {
                e.at = Some(n.position(file));
                for (r, rn) in
                    e.secondary_ranges.iter_mut().zip(n.get("secondary_ranges").map(Node::items).unwrap_or(&[]))
                {
                    r.at = Some(rn.position(file));
                }
                networks(&mut e.subnets, n.get("subnets").map(Node::items).unwrap_or(&[]), file);
            }
        }
        networks(&mut self.networks, items("networks"), file);
        for (e, n) in self.external.iter_mut().zip(items("external")) {
            e.at = Some(n.position(file));
        }
        for (e, n) in self.reservations.iter_mut().zip(items("reservations")) {
            e.at = Some(n.position(file));
        }
        for (e, n) in self.connectivity.iter_mut().zip(items("connectivity")) {
            e.at = Some(n.position(file));
        }
        for (e, n) in self.isolated.iter_mut().zip(items("isolated")) {
            e.at = Some(n.position(file));
        }
        for (e, n) in self.vrfs.iter_mut().zip(items("vrfs")) {
            e.at = Some(n.position(file));
        }
        for (e, n) in self.clusters.iter_mut().zip(items("clusters")) {
            e.at = Some(n.position(file));
            for (p, pn) in e.pools.iter_mut().zip(n.get("pools").map(Node::items).unwrap_or(&[])) {
                p.at = Some(pn.position(file));
            }
        }
        let forbidden = root.get("policies").and_then(|p| p.get("forbidden")).map(Node::items).unwrap_or(&[]);
        for (e, n) in self.policies.forbidden.iter_mut().zip(forbidden) {
            e.at = Some(n.position(file));
        }
    }

    /// Every network and subnet, depth first, with its parent's index in the same list.
    pub(crate) fn flat_networks(&self) -> Vec<FlatNetwork<'_>> {
        fn walk<'a>(
            list: &'a [Network],
            parent: Option<usize>,
            profile: crate::AddressProfile,
            out: &mut Vec<FlatNetwork<'a>>,
        ) {
            for n in list {
                let idx = out.len();
                let profile = n.profile.unwrap_or(profile);
                out.push(FlatNetwork { net: n, parent, profile });
                walk(&n.subnets, Some(idx), profile, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.networks, None, crate::AddressProfile::Standard, &mut out);
        out
    }
}

/// A network with its place in the tree.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FlatNetwork<'a> {
    pub net: &'a Network,
    pub parent: Option<usize>,
    /// The profile it has or inherits.
    pub profile: crate::AddressProfile,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_reach_entries() {
        let p = Plan::from_text("version: 1\nnetworks:\n  - name: a\n    cidr: 10.0.0.0/16\n    subnets:\n      - {name: b, cidr: 10.0.0.0/24}\n", "x.yaml").unwrap();
        assert_eq!(p.networks[0].at.as_ref().unwrap().to_string(), "x.yaml:3:5");
        assert_eq!(p.networks[0].subnets[0].at.as_ref().unwrap().to_string(), "x.yaml:6:9");
    }

    #[test]
    fn errors_name_the_place() {
        let e = Plan::from_text("version: 1\nclusters:\n  - name: c\n    platform: eks\n    nodes: 3\n", "c.yaml")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("c.yaml:4:15: clusters[0].platform: platform \"eks\": EKS needs an instance type"),
            "{e}"
        );
        let e = Plan::from_text("version: 2\n", "v.yaml").unwrap_err().to_string();
        assert!(e.starts_with("v.yaml:1:10: version 2"), "{e}");
        let e = Plan::from_text("- a\n", "l.yaml").unwrap_err().to_string();
        assert!(e.starts_with("l.yaml:1:1: a plan is a mapping"), "{e}");
        let e = Plan::from_text("version: 1\nclusters:\n  - name: c\n    platform: aks/overlay\n", "m.yaml")
            .unwrap_err()
            .to_string();
        assert_eq!(e, "m.yaml:3:5: clusters[0] is missing nodes");
    }
}
