//! Checking a plan: findings with a severity, a stable rule id, the objects involved
//! (with where they were written) and the fix; the capacity of every cluster at peak
//! with surge; the use of every space.

use super::model::{Cluster, Plan};
use super::source::Position;
use super::words;
pub use super::words::OBJECT_KINDS;
use super::FlatNetwork;
use crate::addr::Family;
use crate::cluster::{RangeNeed, Requirement, Role};
use crate::overlap::overlap_index_pairs;
use crate::plan::{size, Platform};
use crate::set::PrefixSet;
use crate::{AddressProfile, ReservedSet};
use ipnet::IpNet;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

// one file per concern; each adds its checks to Checker
mod clusters;
mod held;
mod names;
mod networks;
mod services;
mod spaces;
mod usage;

/// How serious a finding is. `cidrplan check` exits 1 when there is an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
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

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Severity {
    type Err = crate::Error;
    /// `error`, `warning` or `info` (as `--fail-on` takes them).
    ///
    /// ```
    /// use cidrplan::document::Severity;
    /// assert_eq!("warning".parse::<Severity>().unwrap(), Severity::Warning);
    /// assert_eq!(Severity::Error.to_string(), "error");
    /// assert!("fatal".parse::<Severity>().is_err());
    /// ```
    fn from_str(s: &str) -> crate::Result<Self> {
        match s.trim() {
            "error" => Ok(Severity::Error),
            "warning" => Ok(Severity::Warning),
            "info" => Ok(Severity::Info),
            other => Err(crate::Error::InvalidArgument(format!(
                "severity {:?} is not one of error, warning, info",
                crate::parse::echo(other)
            ))),
        }
    }
}

impl std::fmt::Display for Finding {
    /// One line, as a linter prints it: `file:line:column: severity[rule]: message`.
    ///
    /// ```
    /// let p = cidrplan::document::Plan::from_text("version: 1\nnetworks:\n  - {name: a, cidr: 10.0.0.0/16}\n  - {name: b, cidr: 10.0.0.0/24}\n", "p.yaml").unwrap();
    /// let line = p.check().findings[0].to_string();
    /// assert!(line.starts_with("p.yaml:3:5: error[overlap.connected]: a (10.0.0.0/16) and b (10.0.0.0/24) overlap"), "{line}");
    /// ```
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(at) = self.objects.iter().find_map(|o| o.at.as_ref()) {
            write!(f, "{at}: ")?;
        }
        write!(f, "{}[{}]: {}", self.severity, self.rule, self.message)
    }
}

/// An object a finding is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct FindingObject {
    /// network, subnet, external, reservation, space, cluster, cluster-range, pool,
    /// forbidden, link, isolation, secondary-range ([`OBJECT_KINDS`]).
    #[serde(deserialize_with = "words::kind")]
    pub kind: words::Word,
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct Finding {
    /// error, warning or info.
    pub severity: Severity,
    /// Stable rule id, e.g. `overlap.connected`.
    #[serde(deserialize_with = "words::rule")]
    pub rule: words::Word,
    /// What is wrong, naming the values.
    pub message: String,
    /// The objects involved.
    pub objects: Vec<FindingObject>,
    /// How to fix it, where there is one way.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
}

/// A cluster range and how much of it the cluster uses at peak with surge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct RangeCapacity {
    /// The range's name in the plan (a subnet) or `pods`/`services`.
    pub name: String,
    /// node-subnet, pod-subnet, pod-range or service-range.
    pub role: Role,
    /// The range.
    pub cidr: String,
    /// Addresses it offers (usable hosts of a subnet under its profile).
    #[cfg_attr(feature = "typescript", tsify(type = "Count"))]
    pub capacity: u128,
    /// Addresses the cluster needs from it at peak with surge; `None` when the cluster
    /// could not be sized (its `error` says why).
    #[cfg_attr(feature = "typescript", tsify(type = "Count | null"))]
    pub needed: Option<u128>,
    /// The longest prefix that would still do (`None` likewise).
    pub needed_prefix_len: Option<u8>,
    /// Free share at peak, percent, rounded down; `None` when the need does not fit
    /// (then `short` says by how much) or is not known.
    pub headroom_percent: Option<u8>,
    /// Addresses missing at peak when the need does not fit.
    #[cfg_attr(feature = "typescript", tsify(type = "Count | null"))]
    pub short: Option<u128>,
    /// Most peak nodes this range holds (surge added on top), if the platform sizes it by nodes.
    pub max_peak_nodes: Option<u64>,
    /// The use in words, the same in every face ("needs 2,486 addresses, has 251 (short
    /// 2,235; a /20 holds it)"); never a negative percentage.
    pub summary: String,
    /// With several pools on it: the pool whose growth exhausts it first (then
    /// `max_peak_nodes` counts every pool on it, that one at its largest).
    pub runs_out_with: Option<String>,
    /// With several pools: each pool's share (else empty).
    pub pools: Vec<PoolShare>,
}

/// One pool's share of a range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct PoolShare {
    /// Pool name.
    pub pool: String,
    /// Addresses it needs at peak.
    #[cfg_attr(feature = "typescript", tsify(type = "Count"))]
    pub needed: u128,
    /// Addresses its surge adds while it upgrades.
    #[cfg_attr(feature = "typescript", tsify(type = "Count"))]
    pub surge: u128,
    /// Most peak nodes of this pool the range holds, the other pools at their peak.
    pub max_peak_nodes: Option<u64>,
}

/// One node pool of a cluster: its sizing and how far it can grow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct PoolCapacity {
    /// Pool name.
    pub pool: String,
    /// Platform label of its nodes (EKS: its instance type).
    pub platform: String,
    /// Peak nodes.
    pub peak_nodes: u64,
    /// Extra nodes while it upgrades.
    pub surge_nodes: u64,
    /// Pods per node.
    pub max_pods: u32,
    /// The ranges it draws on.
    pub ranges: Vec<String>,
    /// The range its growth exhausts first, the other pools at their peak.
    pub runs_out_first: Option<String>,
    /// Its most peak nodes before that range runs out.
    pub max_peak_nodes: Option<u64>,
    /// Why the platform refuses it, when it does.
    pub error: Option<String>,
}

impl RangeCapacity {
    /// The words of [`RangeCapacity::summary`] for these numbers.
    ///
    /// ```
    /// use cidrplan::document::RangeCapacity;
    /// assert_eq!(RangeCapacity::describe(251, Some(2486), Some(20), Some(2235), None, Some(3)), "needs 2,486 addresses, has 251 (short 2,235; a /20 holds it)");
    /// assert_eq!(RangeCapacity::describe(4091, Some(1581), Some(21), None, Some(61), Some(40)), "needs 1,581 of 4,091 addresses, 61% free");
    /// ```
    pub fn describe(
        capacity: u128,
        needed: Option<u128>,
        needed_prefix_len: Option<u8>,
        short: Option<u128>,
        headroom_percent: Option<u8>,
        max_peak_nodes: Option<u64>,
    ) -> String {
        let n = grouped;
        match (needed, short, headroom_percent) {
            (Some(0), _, _) if max_peak_nodes.is_none() => {
                format!("has {} addresses (not sized by nodes; set services to check it)", n(capacity))
            }
            (None, _, _) => format!("has {} addresses (need unknown: the cluster could not be sized)", n(capacity)),
            (Some(need), Some(short), _) => format!(
                "needs {} addresses, has {} (short {}; a /{} holds it)",
                n(need),
                n(capacity),
                n(short),
                needed_prefix_len.unwrap_or(0)
            ),
            (Some(need), None, Some(h)) => format!("needs {} of {} addresses, {h}% free", n(need), n(capacity)),
            (Some(need), None, None) => format!(
                "needs {} of {} addresses, but not in blocks the platform can use (a /{} holds it)",
                n(need),
                n(capacity),
                needed_prefix_len.unwrap_or(0)
            ),
        }
    }
}

/// What losing one zone does: its nodes move to the other zones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct ZoneLoss {
    /// Zones left.
    pub zones_left: u32,
    /// Whether every zonal range holds its share.
    pub holds: bool,
    /// Zonal ranges that do not.
    pub short: Vec<String>,
}

/// A cluster's capacity at peak with surge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
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
    /// Why the platform could not size the cluster at peak (a `cluster.platform-rule` or
    /// `cluster.sizing` finding says it too); the ranges then carry no need.
    pub error: Option<String>,
    /// Each node pool, when the plan gives pools (else empty).
    pub pools: Vec<PoolCapacity>,
    /// What its nodes show (`kubectl get nodes` imported), beside the plan.
    pub observed: Option<ObservedUse>,
}

/// A cluster's observed use of its Pod ranges.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct ObservedUse {
    /// Nodes seen.
    pub nodes: u64,
    /// Pod CIDRs handed out to them.
    pub pod_cidrs: u64,
    /// Each Pod range: node CIDRs handed out and how many more it holds.
    pub ranges: Vec<ObservedRange>,
}

/// Node Pod CIDRs handed out from one Pod range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct ObservedRange {
    /// The range's name.
    pub name: String,
    /// The range.
    pub cidr: String,
    /// Node CIDRs inside it.
    pub handed_out: u64,
    /// Node CIDRs of the size handed out that still fit (decimal text: IPv6 passes 2^64).
    pub left: String,
}

/// How much of a space is used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct Summary {
    /// Errors: `cidrplan check` exits 1 when there is one.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Info.
    pub info: usize,
}

/// A /28 that is not free because of a few addresses: what to drain to free it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct SubnetUsage {
    /// Subnet name (the resource id for an import).
    pub subnet: String,
    /// Its IPv4 range.
    pub cidr: String,
    /// Usable addresses under its profile.
    #[cfg_attr(feature = "typescript", tsify(type = "Count"))]
    pub usable: u128,
    /// Addresses in use (delegated prefixes count whole).
    #[cfg_attr(feature = "typescript", tsify(type = "Count"))]
    pub used: u128,
    /// Usable addresses free.
    #[cfg_attr(feature = "typescript", tsify(type = "Count"))]
    pub free: u128,
    /// Free aligned /28 blocks.
    #[cfg_attr(feature = "typescript", tsify(type = "Count"))]
    pub free_aligned_28: u128,
    /// The largest free block.
    pub largest_free: Option<String>,
    /// /28s held by the fewest addresses, fewest first (at most 20): candidates to drain.
    pub blockers: Vec<Blocker>,
}

/// The result of [`Plan::check`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[cfg_attr(feature = "typescript", tsify(rename = "PlanReport"))]
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
    /// A report read back from `cidrplan check --format json` (or the JSON of
    /// [`Report`]): the counts written as decimal strings past 2^53 - 1 are read as
    /// numbers again.
    ///
    /// ```
    /// use cidrplan::document::{Plan, Report};
    /// let plan = Plan::from_text("version: 1\nspaces: [{name: a, cidr: 10.0.0.0/8}, {name: b, cidr: 10.1.0.0/16}]", "p.yaml").unwrap();
    /// let report = plan.check();
    /// let back = Report::from_json(&serde_json::to_string(&report).unwrap()).unwrap();
    /// assert_eq!(back, report);
    /// assert_eq!(back.findings[0].rule, "space.overlap");
    /// ```
    pub fn from_json(text: &str) -> crate::Result<Report> {
        let first = crate::input::from_json(text, "report");
        if first.is_ok() {
            return first;
        }
        // the CLI writes whole numbers past 2^53 - 1 as strings: read them as numbers
        // (only when the text as written does not read: a name of digits stays a name)
        let Ok(mut value) = serde_json::from_str::<serde_json::Value>(text) else { return first };
        fn numbers(v: &mut serde_json::Value) {
            match v {
                serde_json::Value::String(t) if t.len() >= 16 && t.bytes().all(|b| b.is_ascii_digit()) => {
                    if let Ok(n) = t.parse::<serde_json::Number>() {
                        *v = serde_json::Value::Number(n);
                    }
                }
                serde_json::Value::Array(items) => items.iter_mut().for_each(numbers),
                serde_json::Value::Object(fields) => fields.values_mut().for_each(numbers),
                _ => {}
            }
        }
        numbers(&mut value);
        serde_json::from_value(value)
            .map_err(|_| first.err().unwrap_or_else(|| crate::Error::InvalidArgument("report".into())))
    }

    /// Reports of plans checked each on its own, as one: their findings, carved ranges,
    /// clusters, spaces and subnets in order, counts summed (each finding's place names
    /// its file). What `cidrplan check a.yaml b.yaml` prints without `--merge`.
    ///
    /// ```
    /// use cidrplan::document::{Plan, Report};
    /// let a = Plan::from_text("version: 1\nspaces: [{name: a, cidr: 10.0.0.0/8}]", "a.yaml").unwrap();
    /// let b = Plan::from_text("version: 1\nspaces: [{name: a, cidr: 10.0.0.0/8}]", "b.yaml").unwrap();
    /// let both = Report::combine(vec![a.check(), b.check()]);
    /// assert_eq!(both.spaces.len(), 2);
    /// // the same space in two plans is no overlap: each file is its own plan
    /// assert!(both.is_clean());
    /// ```
    pub fn combine(reports: Vec<Report>) -> Report {
        let mut out = Report {
            summary: Summary { errors: 0, warnings: 0, info: 0 },
            findings: Vec::new(),
            carved: Vec::new(),
            clusters: Vec::new(),
            spaces: Vec::new(),
            subnets: Vec::new(),
        };
        for r in reports {
            out.summary.errors += r.summary.errors;
            out.summary.warnings += r.summary.warnings;
            out.summary.info += r.summary.info;
            out.findings.extend(r.findings);
            out.carved.extend(r.carved);
            out.clusters.extend(r.clusters);
            out.spaces.extend(r.spaces);
            out.subnets.extend(r.subnets);
        }
        // errors first over every file, as in one report; each file's order kept
        out.findings.sort_by_key(|f| f.severity);
        out
    }

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
        self.check_keeping(&[])
    }

    /// [`Plan::check`], carving as [`Plan::carve_keeping`] does: sized ranges stay where
    /// `previous` placed them while they still fit.
    ///
    /// ```
    /// use cidrplan::document::Plan;
    /// let p = Plan::from_text("version: 1\nnetworks:\n  - name: vpc\n    cidr: 10.0.0.0/16\n    subnets:\n      - {name: a, size: 24}\n", "p.yaml")?;
    /// let first = p.check().carved;
    /// assert_eq!(first[0].cidr.to_string(), "10.0.0.0/24");
    /// let mut moved = first.clone();
    /// moved[0].cidr = "10.0.9.0/24".parse().unwrap(); // where an earlier carve put it
    /// assert_eq!(p.check_keeping(&moved).carved[0].cidr.to_string(), "10.0.9.0/24");
    /// # Ok::<(), cidrplan::Error>(())
    /// ```
    pub fn check_keeping(&self, previous: &[super::Placement]) -> Report {
        let (carved, unplaced) = self.carve_partial(previous);
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Owner {
    Network(usize),
    External(usize),
    Reservation(usize),
    Forbidden(usize),
    ClusterRange(usize, Role),
    /// A secondary range (GCP alias range) of a network or subnet: routed space of its network.
    Secondary(usize, usize),
}

struct Checker<'a> {
    plan: &'a Plan,
    flat: Vec<FlatNetwork<'a>>,
    /// Network and external names to (is_external, index).
    names: HashMap<&'a str, (bool, usize)>,
    /// Networks and subnets by their source id, lowercased (Azure ids are case-insensitive).
    ids: HashMap<String, usize>,
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
            ids: HashMap::new(),
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

    fn link_obj(&self, li: usize) -> FindingObject {
        let l = &self.plan.connectivity[li];
        FindingObject {
            id: None,
            kind: "link",
            name: l.name.clone().unwrap_or_else(|| format!("connectivity[{li}]")),
            cidr: None,
            at: l.at.clone(),
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
            Owner::Secondary(i, ri) => {
                let r = &self.flat[i].net.secondary_ranges[ri];
                obj("secondary-range", &format!("{}/{}", self.flat[i].net.name, r.name), &r.at)
            }
            Owner::ClusterRange(c, role) => {
                let name = self.cluster_ranges[c]
                    .iter()
                    .find(|r| r.0 == role && r.2 == *prefix)
                    .map_or(role_word(role).to_string(), |r| r.1.clone());
                obj("cluster-range", &format!("{}/{}", p.clusters[c].name, name), &p.clusters[c].at)
            }
        }
    }

    /// The name connectivity and isolation know an owner by: a network's, an external
    /// range's, or for a secondary range its top-level network's.
    fn name_of(&self, o: Owner) -> &str {
        match o {
            Owner::Network(i) => &self.flat[i].net.name,
            Owner::Secondary(i, _) => &self.flat[self.root(i)].net.name,
            Owner::External(i) => &self.plan.external[i].name,
            _ => "",
        }
    }

    /// The overlapping pairs among `prefixes` as (lower, higher) index, in order; past
    /// the bound a `plan.limit` error instead.
    fn overlapping_pairs(&mut self, prefixes: &[IpNet]) -> Option<Vec<(usize, usize)>> {
        let pairs = match overlap_index_pairs(prefixes.iter(), crate::bounds::MAX_OVERLAP_PAIRS) {
            Ok(p) => p,
            Err(e) => {
                self.push(Severity::Error, "plan.limit", e.to_string(), Vec::new(), None);
                return None;
            }
        };
        let mut pairs: Vec<(usize, usize)> =
            pairs.into_iter().map(|(a, b)| if a < b { (a, b) } else { (b, a) }).collect();
        pairs.sort_unstable();
        Some(pairs)
    }

    fn run(&mut self) {
        self.names_and_references();
        self.networks();
        self.services();
        self.top_level_overlaps();
        self.spaces_and_reservations();
        self.clusters();
        self.held_ranges();
        self.usage();
    }

    /// The VRF a network or subnet is in: its top-level network's (none: the global table).
    fn vrf_of(&self, i: usize) -> Option<&'a str> {
        self.flat[self.root(i)].net.vrf.as_deref()
    }

    /// Whether identical prefixes are allowed in `vrf` (a VRF with `enforce_unique: false`).
    fn vrf_allows_duplicates(&self, vrf: Option<&str>) -> bool {
        vrf.is_some_and(|v| self.plan.vrfs.iter().any(|x| x.name == v && !x.enforce_unique))
    }

    /// The reason the isolation group holding both gives (an import's evidence, often).
    fn isolation_reason(&self, a: &str, b: &str) -> Option<&'a str> {
        let (x, y) = (self.isolation.get(a)?, self.isolation.get(b)?);
        x.iter().find(|g| y.contains(g)).and_then(|&g| self.plan.isolated[g].reason.as_deref())
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

    /// A network or subnet by its plan name, or by the resource id it was imported with
    /// (`subnet-0a1b...`, an Azure subnet id, a GCP self link): imported clusters name
    /// their subnets by id, and find them whichever import brought the network.
    fn subnet_index(&self, name: &str) -> Option<usize> {
        match self.names.get(name) {
            Some(&(false, i)) => Some(i),
            Some(_) => None,
            None => self.ids.get(&name.to_ascii_lowercase()).copied(),
        }
    }

    /// The top-level network `i` belongs to.
    fn root(&self, mut i: usize) -> usize {
        while let Some(p) = self.flat[i].parent {
            i = p;
        }
        i
    }

    /// Every secondary range of every network and subnet, with its owner.
    fn secondary_ranges(&self) -> Vec<(Owner, IpNet)> {
        let mut out = Vec::new();
        for (i, f) in self.flat.iter().enumerate() {
            for (ri, r) in f.net.secondary_ranges.iter().enumerate() {
                out.push((Owner::Secondary(i, ri), r.cidr));
            }
        }
        out
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
}

pub(crate) use crate::cluster::grouped;

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
