//! AWS EKS with the Amazon VPC CNI: max pods per node, subnet IPs a node draws,
//! and nodes per subnet.
//!
//! Data: `core/data/ec2-instance-network-limits.csv` (1,391 EC2 types), copied
//! from the Amazon VPC CNI's generated limits table (aws/amazon-vpc-cni-k8s,
//! `pkg/vpc/vpc_ip_resource_limit.go`, 2026-08-11, Apache-2.0), with trunking and
//! branch-ENI columns from the VPC resource controller limits (2026-08-06) and
//! vCPUs from EC2 DescribeInstanceTypes (2026-08-17). Compiled in, parsed once.
//!
//! Rules (see `capacity-rules.md`; AWS EKS user guide, VPC CNI README and docs):
//! - secondary IP mode: `E * (I - 1) + 2`; custom networking: `E - 1` ENIs;
//!   `MAX_ENI` caps E first; reserved ENIs (trunk for security groups for pods,
//!   Karpenter `RESERVED_ENIS`) are subtracted;
//! - prefix delegation (Nitro or bare metal): `E * (I - 1) * 16 + 2`; on Xen or an
//!   unknown non-metal hypervisor the CNI stays in secondary IP mode. AWS's old
//!   `max-pods-calculator.sh` refused prefix delegation for bare metal; cidrplan
//!   follows the CNI itself, which supports it there (CNI README, v1.11+);
//! - the managed-node-group ceiling: 110 pods for 30 or fewer vCPUs, 250 above
//!   (a policy, reported beside the address limit); EKS Auto Mode caps at 110;
//! - `MAX_ENI` of 0 or less is ignored (ipamd `getMaxENI`);
//! - IPv6 clusters run only on Nitro or bare-metal instances (EKS user guide,
//!   "IPv6 addresses for clusters, Pods, and services"); Auto Mode supports neither
//!   custom networking nor security groups for pods (EKS user guide, auto-networking);
//! - Windows nodes: one ENI, pods = IPv4 addresses per ENI - 1 (EKS user guide,
//!   "Deploy Windows nodes on EKS clusters"); no IPv6;
//! - Fargate: every pod is its own node and takes one subnet IP (EKS user guide, Fargate);
//! - warm pool (ipamd `isDatastorePoolTooLow`, aws/amazon-vpc-cni-k8s `pkg/ipamd/ipamd.go`):
//!   a `WARM_IP_TARGET` / `MINIMUM_IP_TARGET` of 0 is unset; a warm ENI or prefix
//!   target of 0 allocates only when no address is free; since CNI v1.17.1 ipamd stops
//!   allocating once the node holds max-pods addresses (PR #2745);
//! - the default service range (awslabs/amazon-eks-ami `bootstrap.sh`): 172.20.0.0/16
//!   when a VPC CIDR is in 10.0.0.0/8, else 10.100.0.0/16 (EKS API reference,
//!   `serviceIpv4Cidr`: "either 10.100.0.0/16 or 172.20.0.0/16").

use crate::addr::Family;
use crate::classify::split_csv_line;
use crate::cluster::{aws_prefix_for, services_range, LimitedBy, RangeNeed, Requirement, Role, Sizing};
use crate::profile::AddressProfile;
use crate::{Error, Result};
use ipnet::IpNet;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Where the compiled-in EC2 table comes from and its date.
pub const INSTANCE_DATA_SOURCE: &str = "aws/amazon-vpc-cni-k8s pkg/vpc/vpc_ip_resource_limit.go (2026-08-11); \
     trunking/branch ENIs: VPC resource controller limits (2026-08-06); vCPUs: EC2 DescribeInstanceTypes (2026-08-17)";

/// The date of the compiled-in EC2 table: the newest of its sources' dates.
///
/// ```
/// assert!(cidrplan::eks::INSTANCE_DATA_SOURCE.contains(cidrplan::eks::INSTANCE_DATA_DATE));
/// ```
pub const INSTANCE_DATA_DATE: &str = "2026-08-17";

/// The raw CSV compiled into the crate (for checks and for tools that want it).
pub const INSTANCE_DATA_CSV: &str = include_str!("../data/ec2-instance-network-limits.csv");

/// EC2 hypervisor of an instance type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum Hypervisor {
    /// AWS Nitro.
    Nitro,
    /// Xen (older generations).
    Xen,
    /// Not reported (mostly bare metal).
    Unknown,
}

/// Network limits of one EC2 instance type.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct InstanceType {
    /// e.g. `m5.large`.
    pub name: String,
    /// ENIs on network card 0 (the only card the VPC CNI uses).
    pub max_enis: u32,
    /// IPv4 addresses per ENI.
    pub ipv4_per_eni: u32,
    /// Hypervisor.
    pub hypervisor: Hypervisor,
    /// Bare metal.
    pub bare_metal: bool,
    /// Network cards in all (informational).
    pub network_cards: u32,
    /// Supports ENI trunking (security groups for pods); `None` when unknown.
    pub trunking_compatible: Option<bool>,
    /// Branch ENIs available for security groups for pods; `None` when unknown.
    pub branch_enis: Option<u32>,
    /// Default vCPUs; `None` when unknown.
    pub vcpus: Option<u32>,
}

impl InstanceType {
    /// Limits for a type not in the table (or hypothetical): Nitro, vCPUs unknown.
    ///
    /// ```
    /// let t = cidrplan::eks::InstanceType::custom("lab.box", 3, 10);
    /// assert_eq!(t.max_enis * (t.ipv4_per_eni - 1) + 2, 29);
    /// ```
    pub fn custom(name: impl Into<String>, max_enis: u32, ipv4_per_eni: u32) -> Self {
        InstanceType {
            name: name.into(),
            max_enis,
            ipv4_per_eni,
            hypervisor: Hypervisor::Nitro,
            bare_metal: false,
            network_cards: 1,
            trunking_compatible: None,
            branch_enis: None,
            vcpus: None,
        }
    }

    /// Whether the VPC CNI can use prefix delegation on this type.
    ///
    /// ```
    /// use cidrplan::eks::instance_type;
    /// assert!(instance_type("m5.large").unwrap().supports_prefix_delegation());
    /// assert!(!instance_type("m4.large").unwrap().supports_prefix_delegation()); // Xen
    /// ```
    pub fn supports_prefix_delegation(&self) -> bool {
        self.hypervisor == Hypervisor::Nitro || self.bare_metal
    }
}

pub(crate) fn parse_instance_table(text: &str) -> std::result::Result<Vec<InstanceType>, String> {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let header = lines.next().ok_or("empty table")?;
    let expected = "instance_type,default_card_max_enis,ipv4_per_eni,hypervisor,bare_metal,network_cards,trunking_compatible,branch_enis,vcpus";
    if header.trim() != expected {
        return Err(format!("unexpected header: {header}"));
    }
    let num = |s: &str, what: &str, line: &str| s.parse::<u32>().map_err(|_| format!("bad {what} in {line}"));
    let opt_num = |s: &str, what: &str, line: &str| {
        if s.is_empty() {
            Ok(None)
        } else {
            num(s, what, line).map(Some)
        }
    };
    let mut out = Vec::new();
    for line in lines {
        let f = split_csv_line(line.trim());
        if f.len() != 9 {
            return Err(format!("expected 9 fields: {line}"));
        }
        out.push(InstanceType {
            name: f[0].clone(),
            max_enis: num(&f[1], "ENIs", line)?,
            ipv4_per_eni: num(&f[2], "IPv4 per ENI", line)?,
            hypervisor: match f[3].as_str() {
                "nitro" => Hypervisor::Nitro,
                "xen" => Hypervisor::Xen,
                "unknown" | "" => Hypervisor::Unknown,
                other => return Err(format!("bad hypervisor {other} in {line}")),
            },
            bare_metal: f[4] == "true",
            network_cards: num(&f[5], "network cards", line)?,
            trunking_compatible: match f[6].as_str() {
                "" => None,
                v => Some(v == "true"),
            },
            branch_enis: opt_num(&f[7], "branch ENIs", line)?,
            vcpus: opt_num(&f[8], "vCPUs", line)?,
        });
    }
    Ok(out)
}

struct Table {
    rows: Vec<InstanceType>,
    by_name: HashMap<String, usize>,
}

fn table() -> &'static Table {
    static CELL: OnceLock<Table> = OnceLock::new();
    CELL.get_or_init(|| {
        // A unit test parses the table in full; an empty table is never shipped.
        let rows = parse_instance_table(INSTANCE_DATA_CSV).unwrap_or_default();
        let by_name = rows.iter().enumerate().map(|(i, r)| (r.name.clone(), i)).collect();
        Table { rows, by_name }
    })
}

/// Every instance type of the compiled-in table, sorted by name.
///
/// ```
/// assert_eq!(cidrplan::eks::instance_types().len(), 1391);
/// ```
pub fn instance_types() -> &'static [InstanceType] {
    &table().rows
}

/// Look up an instance type; an unknown name gets the closest known names.
///
/// ```
/// use cidrplan::eks::instance_type;
/// assert_eq!(instance_type("m5.large").unwrap().max_enis, 3);
/// let err = instance_type("m5.lrage").unwrap_err();
/// assert!(err.to_string().contains("did you mean m5.large"), "{err}");
/// ```
pub fn instance_type(name: &str) -> Result<&'static InstanceType> {
    let key = name.trim().to_ascii_lowercase();
    let t = table();
    if let Some(&i) = t.by_name.get(&key) {
        return Ok(&t.rows[i]);
    }
    Err(Error::UnknownInstanceType { name: crate::parse::echo(name), suggestions: closest_names(&key, 3) })
}

fn closest_names(key: &str, k: usize) -> Vec<String> {
    const MAX_DISTANCE: usize = 4;
    if key.len() > 64 {
        return vec![];
    }
    // Instance names are ASCII, so the distance is computed over bytes (no per-name allocation).
    let key = key.as_bytes();
    let mut row_buf = Vec::new();
    // The length difference bounds the distance from below: skip names that cannot be close.
    let mut scored: Vec<(usize, &str)> = instance_types()
        .iter()
        .filter(|r| r.name.len().abs_diff(key.len()) <= MAX_DISTANCE)
        .map(|r| (transposition_distance(key, r.name.as_bytes(), &mut row_buf), r.name.as_str()))
        .collect();
    scored.sort();
    let best = scored.first().map(|s| s.0).unwrap_or(usize::MAX);
    scored
        .into_iter()
        .take_while(|s| s.0 <= best.max(1) + 1 && s.0 <= MAX_DISTANCE)
        .take(k)
        .map(|s| s.1.to_string())
        .collect()
}

/// Optimal string alignment distance (Levenshtein plus adjacent transpositions),
/// in one reused buffer of three rows.
pub(crate) fn transposition_distance(a: &[u8], b: &[u8], buf: &mut Vec<usize>) -> usize {
    let (n, m) = (a.len(), b.len());
    let w = m + 1;
    buf.clear();
    buf.resize(3 * w, 0);
    // rows i-2, i-1, i live at (i % 3) * w
    for (j, cell) in buf[..w].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=n {
        let (cur, prev, prev2) = ((i % 3) * w, ((i - 1) % 3) * w, ((i + 1) % 3) * w);
        buf[cur] = i;
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (buf[prev + j] + 1).min(buf[cur + j - 1] + 1).min(buf[prev + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(buf[prev2 + j - 2] + 1);
            }
            buf[cur + j] = d;
        }
    }
    buf[(n % 3) * w + m]
}

/// EKS pod networking mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[non_exhaustive]
pub enum EksMode {
    /// Secondary IPs (the default).
    SecondaryIp,
    /// Prefix delegation (/28 per slot).
    PrefixDelegation,
    /// Custom networking: pods in separate (often 100.64.0.0/10) subnets.
    CustomNetworking,
    /// AWS Fargate: every pod is its own node with one subnet IP (no instance type).
    Fargate,
}

impl EksMode {
    /// Name used in platform specs.
    pub const fn name(self) -> &'static str {
        match self {
            EksMode::SecondaryIp => "secondary-ip",
            EksMode::PrefixDelegation => "prefix-delegation",
            EksMode::CustomNetworking => "custom-networking",
            EksMode::Fargate => "fargate",
        }
    }
}

/// Which pod ceiling policy to apply beside the address limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum Ceiling {
    /// EKS managed node groups / max-pods-calculator: 110 up to 30 vCPUs, 250 above.
    #[default]
    ManagedNodeGroup,
    /// EKS Auto Mode: 110.
    AutoMode,
    /// No policy ceiling (self-managed nodes with an explicit --max-pods).
    None,
}

pub use crate::cluster::IpFamily;

/// Options of [`max_pods`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct MaxPodsOptions {
    /// `ENABLE_PREFIX_DELEGATION=true`.
    pub prefix_delegation: bool,
    /// Custom networking (ENIConfig): the primary ENI carries no pods.
    pub custom_networking: bool,
    /// `MAX_ENI` / `--cni-max-eni`: E = min(max_enis, E), applied first; 0 or less is
    /// ignored, as ipamd does.
    pub max_enis: Option<i64>,
    /// ENIs kept from pods, e.g. Karpenter's `RESERVED_ENIS`.
    pub reserved_enis: u32,
    /// Security groups for pods (`ENABLE_POD_ENI`): the trunk ENI takes a slot,
    /// added to `reserved_enis`; branch ENIs are reported separately.
    pub security_groups_for_pods: bool,
    /// vCPUs, overriding the table (needed for the ceiling on custom types).
    pub vcpus: Option<u32>,
    /// The policy ceiling to report beside the address limit.
    pub ceiling: Ceiling,
    /// IPv4 or IPv6 pods.
    pub ip_family: IpFamily,
    /// Linux (the default) or Windows nodes.
    pub os: NodeOs,
}

/// Operating system of the worker nodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum NodeOs {
    /// Linux: every ENI serves pods.
    #[default]
    Linux,
    /// Windows: only the primary ENI serves pods (EKS user guide, Windows support).
    Windows,
}

/// The VPC CNI Helm chart's and EKS add-on's `WARM_PREFIX_TARGET` (ipamd's own code
/// default is 0; the CNI README states none).
pub const DEFAULT_WARM_PREFIX_TARGET: u32 = 1;
/// ipamd's default `WARM_ENI_TARGET`.
pub const DEFAULT_WARM_ENI_TARGET: u32 = 1;

/// What limited the recommended max pods.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum MaxPodsLimit {
    /// ENIs and IPs per ENI.
    Addresses,
    /// The managed-node-group ceiling of 110 (30 or fewer vCPUs).
    Ceiling110,
    /// The managed-node-group ceiling of 250 (more than 30 vCPUs).
    Ceiling250,
    /// EKS Auto Mode's ceiling of 110.
    AutoMode110,
    /// The vCPU count is unknown, so the ceiling could not be applied.
    UnknownVcpus,
}

impl std::fmt::Display for MaxPodsLimit {
    /// ```
    /// assert_eq!(cidrplan::eks::MaxPodsLimit::Ceiling110.to_string(), "the 110-pod ceiling (30 or fewer vCPUs)");
    /// ```
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            MaxPodsLimit::Addresses => "ENI and IP addresses",
            MaxPodsLimit::Ceiling110 => "the 110-pod ceiling (30 or fewer vCPUs)",
            MaxPodsLimit::Ceiling250 => "the 250-pod ceiling (more than 30 vCPUs)",
            MaxPodsLimit::AutoMode110 => "EKS Auto Mode's 110-pod ceiling",
            MaxPodsLimit::UnknownVcpus => "nothing: the vCPU count is unknown, so no ceiling was applied",
        })
    }
}

/// Result of [`max_pods`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct MaxPods {
    /// Instance type name.
    pub instance_type: String,
    /// Pods the addresses allow (`None` for IPv6: not address-limited).
    pub address_limit: Option<u32>,
    /// What to set kubelet `--max-pods` to under the chosen ceiling; `None` when the
    /// ceiling needs a vCPU count nobody knows (see `limited_by`).
    pub recommended: Option<u32>,
    /// What limited `recommended`.
    pub limited_by: MaxPodsLimit,
    /// Whether prefix delegation is in effect (false after a Xen fallback).
    pub prefix_delegation: bool,
    /// ENIs carrying pod addresses.
    pub pod_enis: u32,
    /// IPv4 addresses per ENI.
    pub ipv4_per_eni: u32,
    /// vCPUs used for the ceiling.
    pub vcpus: Option<u32>,
    /// Branch ENIs for security groups for pods (pods with their own ENI), when enabled.
    pub branch_eni_pods: Option<u32>,
    /// kubelet memory reserve the EKS AMIs use: 11 MiB * max pods + 255 MiB.
    pub kubelet_memory_reserve_mib: Option<u32>,
    /// Explanations: fallbacks, differences from other sources.
    pub notes: Vec<String>,
}

/// Max pods for a named instance type.
///
/// ```
/// use cidrplan::eks::{max_pods, MaxPodsOptions, MaxPodsLimit};
/// let m = max_pods("m5.large", &MaxPodsOptions::default()).unwrap();
/// assert_eq!((m.address_limit, m.recommended), (Some(29), Some(29)));
/// let pd = MaxPodsOptions { prefix_delegation: true, ..Default::default() };
/// let m = max_pods("m5.large", &pd).unwrap();
/// assert_eq!((m.address_limit, m.recommended, m.limited_by), (Some(434), Some(110), MaxPodsLimit::Ceiling110));
/// let cn = MaxPodsOptions { custom_networking: true, ..Default::default() };
/// assert_eq!(max_pods("m5.large", &cn).unwrap().address_limit, Some(20));
/// assert_eq!(max_pods("m5.4xlarge", &MaxPodsOptions::default()).unwrap().recommended, Some(110));
/// ```
pub fn max_pods(instance: &str, options: &MaxPodsOptions) -> Result<MaxPods> {
    max_pods_for(instance_type(instance)?, options)
}

/// Max pods for explicit limits (a type from [`instance_type`] or [`InstanceType::custom`]).
///
/// ```
/// use cidrplan::eks::{max_pods_for, InstanceType, MaxPodsOptions};
/// let t = InstanceType::custom("x", 4, 15);
/// let m = max_pods_for(&t, &MaxPodsOptions { vcpus: Some(8), ..Default::default() }).unwrap();
/// assert_eq!((m.address_limit, m.recommended), (Some(58), Some(58)));
/// ```
pub fn max_pods_for(t: &InstanceType, options: &MaxPodsOptions) -> Result<MaxPods> {
    let mut notes = Vec::new();
    check_combination(t, options)?;
    if let Some(m) = options.max_enis.filter(|m| *m <= 0) {
        notes.push(format!("MAX_ENI={m} is ignored: ipamd ignores a value of 0 or less"));
    }
    let enis = pod_enis(t, options)?;
    if t.ipv4_per_eni == 0 {
        return Err(Error::config(
            "eks.ipv4-per-eni",
            format!("{}: an ENI must have at least one IPv4 address", t.name),
        ));
    }
    if options.os == NodeOs::Windows {
        return Ok(windows_max_pods(t, options, notes));
    }
    let mut pd = options.prefix_delegation;
    if pd && !t.supports_prefix_delegation() {
        pd = false;
        notes.push(format!(
            "{} runs on the {:?} hypervisor: prefix delegation needs Nitro or bare metal, so the CNI stays in secondary IP mode",
            t.name, t.hypervisor
        ));
    }
    if pd && t.bare_metal && t.hypervisor != Hypervisor::Nitro {
        notes.push(
            "bare metal with prefix delegation: follows the VPC CNI (supported since v1.11); \
             AWS's max-pods-calculator.sh ignored prefix delegation here"
                .to_string(),
        );
    }
    let slots = enis as u64 * (t.ipv4_per_eni as u64 - 1);
    let address_limit = match options.ip_family {
        IpFamily::Ipv6 => {
            notes.push("IPv6: each node gets a /80 prefix; pods are limited by the kubelet max pods only".into());
            notes.push(
                "IPv6 pods reach IPv4 destinations through the node: each pod also gets an egress-only IPv4 \
                 address from 169.254.172.0/22 on the node, translated to the node's primary IPv4 address, \
                 so node subnets still need IPv4 addresses (EKS user guide, IPv6 clusters)"
                    .into(),
            );
            None
        }
        IpFamily::Ipv4 => {
            let v = if pd { slots * 16 + 2 } else { slots + 2 };
            Some(u32::try_from(v).unwrap_or(u32::MAX))
        }
    };
    let (recommended, limited_by, vcpus) = apply_ceiling(t, options, address_limit, &mut notes);
    let branch_eni_pods = if options.security_groups_for_pods {
        if t.trunking_compatible == Some(false) {
            return Err(Error::config(
                "eks.security-groups-for-pods",
                format!("{} does not support ENI trunking, so security groups for pods cannot be used", t.name),
            ));
        }
        t.branch_enis
    } else {
        None
    };
    Ok(MaxPods {
        instance_type: t.name.clone(),
        address_limit,
        recommended,
        limited_by,
        prefix_delegation: pd,
        pod_enis: enis,
        ipv4_per_eni: t.ipv4_per_eni,
        vcpus,
        branch_eni_pods,
        kubelet_memory_reserve_mib: recommended.map(|p| 11 * p + 255),
        notes,
    })
}

/// Combinations the platform refuses, whatever the numbers.
fn check_combination(t: &InstanceType, o: &MaxPodsOptions) -> Result<()> {
    if o.ip_family == IpFamily::Ipv6 && !t.supports_prefix_delegation() {
        return Err(Error::config(
            "eks.ipv6-requires-nitro",
            format!(
                "{} runs on the {:?} hypervisor: IPv6 clusters need Nitro-based or bare-metal instances (EKS user guide)",
                t.name, t.hypervisor
            ),
        ));
    }
    if o.ceiling == Ceiling::AutoMode && o.custom_networking {
        return Err(Error::config(
            "eks.auto-mode-custom-networking",
            "EKS Auto Mode does not support custom networking",
        ));
    }
    if o.ceiling == Ceiling::AutoMode && o.security_groups_for_pods {
        return Err(Error::config(
            "eks.auto-mode-security-groups-for-pods",
            "EKS Auto Mode does not support security groups for pods",
        ));
    }
    if o.os == NodeOs::Windows {
        if o.ip_family == IpFamily::Ipv6 {
            return Err(Error::config("eks.windows-ipv6", "Windows nodes cannot be used in IPv6 EKS clusters"));
        }
        for (on, what) in [
            (o.custom_networking, "custom networking"),
            (o.prefix_delegation, "prefix delegation"),
            (o.security_groups_for_pods, "security groups for pods"),
        ] {
            if on {
                return Err(Error::InvalidArgument(format!(
                    "Windows nodes with {what}: cidrplan does not model this combination (the Windows IPAM is the \
                     VPC resource controller's, with its own rules); size Windows nodes without it"
                )));
            }
        }
    }
    Ok(())
}

/// Windows: only the primary ENI serves pods, one of its addresses being the node's.
fn windows_max_pods(t: &InstanceType, options: &MaxPodsOptions, mut notes: Vec<String>) -> MaxPods {
    let address_limit = Some(t.ipv4_per_eni - 1);
    notes.push("Windows: one ENI per node; pods = IPv4 addresses per ENI - 1 (EKS user guide, Windows support)".into());
    let (recommended, limited_by, vcpus) = apply_ceiling(t, options, address_limit, &mut notes);
    MaxPods {
        instance_type: t.name.clone(),
        address_limit,
        recommended,
        limited_by,
        prefix_delegation: false,
        pod_enis: 1,
        ipv4_per_eni: t.ipv4_per_eni,
        vcpus,
        branch_eni_pods: None,
        kubelet_memory_reserve_mib: recommended.map(|p| 11 * p + 255),
        notes,
    }
}

/// The policy ceiling beside the address limit: (recommended, what limits it, vCPUs used).
fn apply_ceiling(
    t: &InstanceType,
    options: &MaxPodsOptions,
    address_limit: Option<u32>,
    notes: &mut Vec<String>,
) -> (Option<u32>, MaxPodsLimit, Option<u32>) {
    let vcpus = options.vcpus.or(t.vcpus);
    let (ceiling, ceiling_kind) = match options.ceiling {
        Ceiling::None => (None, None),
        Ceiling::AutoMode => (Some(110), Some(MaxPodsLimit::AutoMode110)),
        Ceiling::ManagedNodeGroup => match vcpus {
            Some(v) if v > 30 => (Some(250), Some(MaxPodsLimit::Ceiling250)),
            Some(_) => (Some(110), Some(MaxPodsLimit::Ceiling110)),
            None => {
                notes.push(format!(
                    "{}: vCPU count unknown, so the 110/250 managed-node-group ceiling was not applied; pass vcpus",
                    t.name
                ));
                (None, Some(MaxPodsLimit::UnknownVcpus))
            }
        },
    };
    let (recommended, limited_by) = match (address_limit, ceiling, ceiling_kind) {
        (_, None, Some(MaxPodsLimit::UnknownVcpus)) => (None, MaxPodsLimit::UnknownVcpus),
        (Some(a), Some(c), Some(kind)) if c < a => (Some(c), kind),
        (Some(a), _, _) => (Some(a), MaxPodsLimit::Addresses),
        (None, Some(c), Some(kind)) => (Some(c), kind),
        (None, _, _) => (None, MaxPodsLimit::UnknownVcpus),
    };
    (recommended, limited_by, vcpus)
}

/// ENIs that carry pod addresses after MAX_ENI, custom networking and reservations.
fn pod_enis(t: &InstanceType, o: &MaxPodsOptions) -> Result<u32> {
    // ipamd getMaxENI: a MAX_ENI of 0 or less is ignored
    let e = match o.max_enis {
        Some(m) if m > 0 => u32::try_from(m).unwrap_or(u32::MAX).min(t.max_enis),
        _ => t.max_enis,
    };
    let taken = o
        .reserved_enis
        .saturating_add(u32::from(o.security_groups_for_pods))
        .saturating_add(u32::from(o.custom_networking));
    if taken >= e {
        return Err(Error::config(
            "eks.no-pod-eni",
            format!(
                "{}: {e} usable ENI(s) but {taken} kept from pods (custom networking {}, reserved {}, trunk {}); no ENI is left for pods",
                t.name, o.custom_networking, o.reserved_enis, o.security_groups_for_pods
            ),
        ));
    }
    Ok(e - taken)
}

/// Warm-pool settings of the VPC CNI (`aws-node` environment variables).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct WarmPool {
    /// `WARM_ENI_TARGET` ([`DEFAULT_WARM_ENI_TARGET`] when `None`); used when no IP target is set.
    pub warm_eni_target: Option<u32>,
    /// `WARM_IP_TARGET`; 0 means unset, as in ipamd.
    pub warm_ip_target: Option<u32>,
    /// `MINIMUM_IP_TARGET`; 0 means unset, as in ipamd.
    pub minimum_ip_target: Option<u32>,
    /// `WARM_PREFIX_TARGET` in prefix mode ([`DEFAULT_WARM_PREFIX_TARGET`], the Helm
    /// chart's and add-on's 1, when `None`; ipamd's code default is 0).
    pub warm_prefix_target: Option<u32>,
    /// The node's kubelet max pods. Since VPC CNI v1.17.1 ipamd stops attaching ENIs and
    /// prefixes once the node holds this many addresses, so the warm pool never grows
    /// past it; `None` leaves the warm pool uncapped (older CNIs).
    pub max_pods: Option<u32>,
}

/// Subnet addresses one node draws in steady state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct NodeIpUsage {
    /// ENIs attached.
    pub enis: u32,
    /// /28 prefixes attached (prefix delegation), else 0.
    pub prefixes: u32,
    /// Subnet IPs used: pod IPs held plus one per ENI.
    pub subnet_ips: u64,
}

/// Subnet IPs a node with `pods` non-host-network pods draws (ipamd steady state).
///
/// ```
/// use cidrplan::eks::{node_subnet_ips, instance_type, WarmPool};
/// let c5 = instance_type("c5.large").unwrap();
/// // AWS's example: three c5.large nodes, 2 CoreDNS pods: 20 + 20 + 10 = 50 IPs.
/// let w = WarmPool::default();
/// let ips: u64 = [1, 1, 0].iter().map(|&p| node_subnet_ips(c5, p, false, &w).unwrap().subnet_ips).sum();
/// assert_eq!(ips, 50);
/// // t3.small with WARM_ENI_TARGET=1 and 5 pods: 3 ENIs = 12 IPs.
/// let t3 = instance_type("t3.small").unwrap();
/// assert_eq!(node_subnet_ips(t3, 5, false, &w).unwrap().subnet_ips, 12);
/// // CNI >= 1.17.1 stops at max pods: m5.4xlarge at 110 holds 4 ENIs x 30 = 120 IPs, not 150.
/// let m5 = instance_type("m5.4xlarge").unwrap();
/// let capped = WarmPool { max_pods: Some(110), ..Default::default() };
/// assert_eq!(node_subnet_ips(m5, 108, false, &capped).unwrap().subnet_ips, 120);
/// assert_eq!(node_subnet_ips(m5, 108, false, &w).unwrap().subnet_ips, 150);
/// ```
pub fn node_subnet_ips(t: &InstanceType, pods: u32, prefix_delegation: bool, warm: &WarmPool) -> Result<NodeIpUsage> {
    let e = t.max_enis as u64;
    if t.ipv4_per_eni < 2 || e == 0 {
        return Err(Error::config("eks.ipv4-per-eni", format!("{} cannot hold pod IPs", t.name)));
    }
    let i = t.ipv4_per_eni as u64;
    let s = i - 1; // secondary slots per ENI
    let p = pods as u64;
    let pd = prefix_delegation && t.supports_prefix_delegation();
    let capacity = if pd { e * s * 16 } else { e * s };
    if p > capacity {
        return Err(Error::DoesNotFit(format!(
            "{}: {p} pods exceed the {capacity} pod addresses of the node in {} mode",
            t.name,
            if pd { "prefix delegation" } else { "secondary IP" }
        )));
    }
    // ipamd: a WARM_IP_TARGET or MINIMUM_IP_TARGET of 0 is "not set"
    let w = warm.warm_ip_target.unwrap_or(0) as u64;
    let m = warm.minimum_ip_target.unwrap_or(0) as u64;
    let ip_targets = w > 0 || m > 0;
    // CNI >= 1.17.1: no allocation once the node holds max-pods addresses
    let cap = match warm.max_pods {
        Some(mp) if (mp as u64) < p => {
            return Err(Error::InvalidArgument(format!(
                "{}: {p} pods on a node whose max pods is {mp}; pods must be at most max pods",
                t.name
            )))
        }
        Some(mp) => mp as u64,
        None => u64::MAX,
    };
    // A warm target of 0 allocates only when nothing is free: one block more than the pods fill.
    let warm_blocks =
        |target: u64, pods: u64, per: u64| if target == 0 { pods / per + 1 } else { target + pods.div_ceil(per) };
    let (enis, prefixes, ips) = if pd {
        let k = if ip_targets {
            (p + w).div_ceil(16).max(m.div_ceil(16))
        } else {
            warm_blocks(warm.warm_prefix_target.unwrap_or(DEFAULT_WARM_PREFIX_TARGET) as u64, p, 16)
        };
        let k = k.min(cap.div_ceil(16)).min(e * s);
        let n = k.div_ceil(s).max(1);
        (n, k, 16 * k + n)
    } else if ip_targets {
        let target = (p + w).max(m).min(cap).min(e * s);
        let n = target.div_ceil(s).max(1);
        (n, 0, target + n)
    } else {
        let n = warm_blocks(warm.warm_eni_target.unwrap_or(DEFAULT_WARM_ENI_TARGET) as u64, p, s);
        let n = n.min(cap.div_ceil(s)).min(e).max(1);
        (n, 0, n * i)
    };
    Ok(NodeIpUsage { enis: enis as u32, prefixes: prefixes as u32, subnet_ips: ips })
}

/// How many nodes fit in one subnet.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct SubnetNodes {
    /// Nodes that fit.
    pub nodes: u64,
    /// Per-node usage assumed.
    pub per_node: NodeIpUsage,
    /// Usable subnet IPs (AWS reserves 5).
    #[cfg_attr(feature = "typescript", tsify(type = "Count"))]
    pub usable_ips: u128,
    /// Free aligned /28 blocks in the empty subnet (prefix delegation).
    #[cfg_attr(feature = "typescript", tsify(type = "Count | null"))]
    pub aligned_28_blocks: Option<u128>,
    /// Addresses, free aligned /28 blocks, or /80 prefixes (IPv6).
    pub limited_by: LimitedBy,
}

/// Nodes with `pods` pods each that an (empty) subnet holds. For an IPv6 subnet
/// (IPv6 clusters) each node takes one /80, so pods and warm settings do not matter.
///
/// ```
/// use cidrplan::eks::{nodes_in_subnet, instance_type, WarmPool};
/// let m5 = instance_type("m5.large").unwrap();
/// let r = nodes_in_subnet(&"10.0.0.0/24".parse().unwrap(), m5, 20, false, &WarmPool::default()).unwrap();
/// assert_eq!(r.nodes, 251 / 30); // 3 ENIs * 10 IPs per node
/// let v6 = nodes_in_subnet(&"2001:db8:0:1::/64".parse().unwrap(), m5, 20, false, &WarmPool::default()).unwrap();
/// assert_eq!(v6.nodes, 65_534);
/// assert!(nodes_in_subnet(&"2001:db8::/56".parse().unwrap(), m5, 20, false, &WarmPool::default()).is_err());
/// ```
pub fn nodes_in_subnet(
    subnet: &IpNet,
    t: &InstanceType,
    pods: u32,
    prefix_delegation: bool,
    warm: &WarmPool,
) -> Result<SubnetNodes> {
    if Family::of(subnet) == Family::V6 {
        // IPv6 clusters: every node takes one /80 prefix of its /64 subnet for its pods
        // (not address-limited), plus its ENI's own address. The /80s holding AWS's
        // reserved addresses (the first four and the last) are not handed out.
        if subnet.prefix_len() != 64 {
            return Err(Error::config("eks.ipv6-subnet-size", format!("{subnet}: AWS IPv6 subnets are exactly /64")));
        }
        check_combination(t, &MaxPodsOptions { ip_family: IpFamily::Ipv6, ..Default::default() })?;
        let usable = AddressProfile::Aws.usable_hosts(subnet)?;
        let prefixes_80 = (1u128 << 16) - 2;
        return Ok(SubnetNodes {
            nodes: prefixes_80 as u64,
            per_node: NodeIpUsage { enis: 1, prefixes: 1, subnet_ips: 1 },
            usable_ips: usable,
            aligned_28_blocks: None,
            limited_by: LimitedBy::Prefixes80,
        });
    }
    let usable = AddressProfile::Aws.usable_hosts(subnet)?;
    let per = node_subnet_ips(t, pods, prefix_delegation, warm)?;
    let by_ips = usable / per.subnet_ips as u128;
    if per.prefixes > 0 {
        // The first /28 holds .0-.3 and the last holds the broadcast: both unusable for prefixes.
        let blocks =
            if subnet.prefix_len() <= 28 { (1u128 << (28 - subnet.prefix_len())).saturating_sub(2) } else { 0 };
        let by_blocks = blocks / per.prefixes as u128;
        let (nodes, limited_by) =
            if by_blocks < by_ips { (by_blocks, LimitedBy::AlignedBlocks28) } else { (by_ips, LimitedBy::Addresses) };
        return Ok(SubnetNodes {
            nodes: nodes as u64,
            per_node: per,
            usable_ips: usable,
            aligned_28_blocks: Some(blocks),
            limited_by,
        });
    }
    Ok(SubnetNodes {
        nodes: by_ips as u64,
        per_node: per,
        usable_ips: usable,
        aligned_28_blocks: None,
        limited_by: LimitedBy::Addresses,
    })
}

/// The service (ClusterIP) range EKS picks when none is given, and its DNS address:
/// 172.20.0.0/16 when any VPC CIDR is in 10.0.0.0/8, otherwise 10.100.0.0/16
/// (awslabs/amazon-eks-ami `bootstrap.sh`; EKS API reference, `serviceIpv4Cidr`).
///
/// ```
/// let n = |s: &str| s.parse().unwrap();
/// let (svc, dns) = cidrplan::eks::default_service_cidr(&[n("10.0.0.0/16")]);
/// assert_eq!((svc.to_string(), dns.to_string()), ("172.20.0.0/16".into(), "172.20.0.10".into()));
/// let (svc, _) = cidrplan::eks::default_service_cidr(&[n("192.168.0.0/16"), n("100.64.0.0/16")]);
/// assert_eq!(svc.to_string(), "10.100.0.0/16");
/// ```
pub fn default_service_cidr(vpc_cidrs: &[IpNet]) -> (IpNet, std::net::IpAddr) {
    let ten = IpNet::V4(ipnet::Ipv4Net::new_assert(std::net::Ipv4Addr::new(10, 0, 0, 0), 8));
    let (net, dns) = if vpc_cidrs.iter().any(|v| ten.contains(v)) {
        ((172, 20, 0, 0), (172, 20, 0, 10))
    } else {
        ((10, 100, 0, 0), (10, 100, 0, 10))
    };
    (
        IpNet::V4(ipnet::Ipv4Net::new_assert(std::net::Ipv4Addr::new(net.0, net.1, net.2, net.3), 16)),
        std::net::IpAddr::V4(std::net::Ipv4Addr::new(dns.0, dns.1, dns.2, dns.3)),
    )
}

/// Subnet addresses `pods` Fargate pods take: every pod runs on its own node and takes
/// one subnet IP (EKS user guide, "AWS Fargate considerations").
///
/// ```
/// assert_eq!(cidrplan::eks::fargate_subnet_ips(500), 500);
/// ```
pub const fn fargate_subnet_ips(pods: u64) -> u64 {
    pods
}

/// The ranges an EKS cluster needs for `req`: node subnets per zone (and pod subnets
/// with custom networking, or one IP per pod on Fargate) and the service range.
///
/// ```
/// use cidrplan::{eks, plan::Requirement};
/// let s = eks::size("m5.large", eks::EksMode::SecondaryIp, &Requirement::new(30)).unwrap();
/// assert_eq!((s.max_pods, s.ranges[0].count), (29, 3));
/// let f = eks::size("", eks::EksMode::Fargate, &Requirement::new(300)).unwrap();
/// assert_eq!(f.ranges[0].addresses, 101); // 300 pods + 1 surge over 3 zones, one IP each
/// ```
pub fn size(instance_type: &str, mode: EksMode, req: &Requirement) -> Result<Sizing> {
    size_for(instance_type, mode, NodeOs::Linux, req)
}

/// [`size`] for nodes of `os`. Windows nodes draw one ENI's addresses; the cluster's
/// prefix delegation is the Linux CNI's setting and does not apply to them (Windows has
/// its own, which cidrplan does not model), and custom networking does not support
/// Windows (EKS user guide, "Deploy Windows nodes on EKS clusters").
///
/// ```
/// use cidrplan::{eks, plan::Requirement};
/// let w = eks::size_for("m5.large", eks::EksMode::PrefixDelegation, eks::NodeOs::Windows, &Requirement::new(3)).unwrap();
/// assert_eq!(w.max_pods, 9); // 10 addresses on the primary ENI, one is the node's
/// assert!(eks::size_for("m5.large", eks::EksMode::CustomNetworking, eks::NodeOs::Windows, &Requirement::new(3)).is_err());
/// ```
pub fn size_for(instance_type: &str, mode: EksMode, os: NodeOs, req: &Requirement) -> Result<Sizing> {
    let windows = os == NodeOs::Windows;
    if windows && matches!(mode, EksMode::CustomNetworking | EksMode::Fargate) {
        return Err(Error::config(
            "eks.windows-mode",
            format!("Windows nodes cannot run with {}: EKS supports them in secondary-IP mode only", mode.name()),
        )
        .about("os"));
    }
    if instance_type.trim().is_empty() && mode != EksMode::Fargate {
        return Err(Error::InvalidArgument(format!(
            "eks/{} names no instance type: give the cluster or each pool an instance_type (like m5.large), \
             or write eks/{}/<instance type>",
            mode.name(),
            mode.name()
        ))
        .about("instance_type"));
    }
    let mode = if windows { EksMode::SecondaryIp } else { mode };
    let label = if mode == EksMode::Fargate {
        "eks/fargate".to_string()
    } else {
        format!("eks/{}/{instance_type}", mode.name())
    };
    let (total, per_zone) = crate::cluster::start(req)?;
    let mut ranges = Vec::new();
    let mut limited_by = Vec::new();
    let max_pods;
    if mode == EksMode::Fargate {
        if req.zones < 2 {
            return Err(
                Error::config("eks.two-azs", "EKS needs subnets in at least two availability zones").about("zones")
            );
        }
        if req.max_pods.is_some_and(|p| p != 1) {
            return Err(
                Error::config("eks.fargate-one-pod", "Fargate runs one pod per node; max pods is 1").about("max_pods")
            );
        }
        max_pods = 1;
        let ips = fargate_subnet_ips(per_zone) as u128;
        ranges.push(RangeNeed {
            aligned_blocks: None,
            name: "pods".into(),
            role: Role::NodeSubnet,
            count: req.zones,
            prefix_len: aws_prefix_for(ips)?,
            addresses: ips,
            in_vpc: true,
            rule: format!("Fargate: {per_zone} pods per zone, one subnet IP each (one pod per node)"),
        });
        limited_by.push("Fargate: one pod per node, every pod takes a subnet IP".into());
        ranges.push(services_range(req, 16, 12, 24, false)?);
    } else {
        if req.zones < 2 {
            return Err(
                Error::config("eks.two-azs", "EKS needs subnets in at least two availability zones").about("zones")
            );
        }
        let t = self::instance_type(instance_type)?;
        let opts = MaxPodsOptions {
            prefix_delegation: mode == EksMode::PrefixDelegation,
            custom_networking: mode == EksMode::CustomNetworking,
            os,
            ..Default::default()
        };
        let mp = max_pods_for(t, &opts)?;
        let addr_limit = mp.address_limit.unwrap_or(u32::MAX);
        max_pods = match req.max_pods {
            Some(p) if p > addr_limit => {
                return Err(Error::config(
                    "eks.max-pods-exceeds-addresses",
                    format!("{p} pods per node exceed the {addr_limit} that {} allows in this mode", t.name),
                )
                .about("max_pods"))
            }
            Some(p) => p,
            None => mp.recommended.unwrap_or(addr_limit),
        };
        limited_by.push(format!(
            "max pods {max_pods}: address limit {addr_limit}, recommended {} (limited by {})",
            mp.recommended.map_or("unknown".into(), |r| r.to_string()),
            mp.limited_by
        ));
        let pods_needing_ips = max_pods.saturating_sub(2);
        // CNI >= 1.17.1 stops warming at max pods, so a node never draws more than that
        let warm = WarmPool { max_pods: Some(max_pods), ..Default::default() };
        match mode {
            EksMode::SecondaryIp | EksMode::PrefixDelegation => {
                let pd = mode == EksMode::PrefixDelegation && mp.prefix_delegation;
                let use_ = node_subnet_ips(t, pods_needing_ips, pd, &warm)?;
                let ips = per_zone as u128 * use_.subnet_ips as u128;
                let mut len = aws_prefix_for(ips)?;
                let mut rule = format!(
                    "{per_zone} nodes x {} IPs (WARM_ENI/PREFIX_TARGET=1, capped at max pods {max_pods} as in CNI 1.17.1+)",
                    use_.subnet_ips
                );
                if pd {
                    let blocks = per_zone as u128 * use_.prefixes as u128;
                    let free_28s = |len: u8| (1u128 << (28 - len.min(28))).saturating_sub(2);
                    while len > 16 && free_28s(len) < blocks {
                        len -= 1;
                    }
                    if free_28s(len) < blocks {
                        return Err(Error::DoesNotFit(format!(
                            "{per_zone} nodes per zone need {blocks} free aligned /28 blocks; an AWS subnet of /16 (the largest) has {}",
                            free_28s(16)
                        )));
                    }
                    rule.push_str(&format!("; {blocks} free aligned /28s"));
                    limited_by.push("prefix delegation needs free aligned /28 blocks, not just free IPs".into());
                }
                ranges.push(RangeNeed {
                    aligned_blocks: pd.then_some((28, per_zone as u128 * use_.prefixes as u128)),
                    name: "nodes".into(),
                    role: Role::NodeSubnet,
                    count: req.zones,
                    prefix_len: len,
                    addresses: ips,
                    in_vpc: true,
                    rule,
                });
            }
            EksMode::Fargate => return Err(Error::InvalidArgument("internal: Fargate has no instance type".into())),
            EksMode::CustomNetworking => {
                let pod_t = InstanceType { max_enis: t.max_enis - 1, ..t.clone() };
                let use_ = node_subnet_ips(&pod_t, pods_needing_ips, false, &warm)?;
                let node_ips = per_zone as u128;
                ranges.push(RangeNeed {
                    aligned_blocks: None,
                    name: "nodes".into(),
                    role: Role::NodeSubnet,
                    count: req.zones,
                    prefix_len: aws_prefix_for(node_ips)?,
                    addresses: node_ips,
                    in_vpc: true,
                    rule: format!("{per_zone} nodes x 1 primary IP"),
                });
                let pod_ips = per_zone as u128 * use_.subnet_ips as u128;
                ranges.push(RangeNeed {
                    aligned_blocks: None,
                    name: "pods".into(),
                    role: Role::PodSubnet,
                    count: req.zones,
                    prefix_len: aws_prefix_for(pod_ips)?,
                    addresses: pod_ips,
                    in_vpc: true,
                    rule: format!(
                        "{per_zone} nodes x {} IPs on {} pod ENIs (ENIConfig subnets, often 100.64.0.0/10)",
                        use_.subnet_ips, pod_t.max_enis
                    ),
                });
            }
        }
        ranges.push(services_range(req, 16, 12, 24, false)?);
    }
    Ok(crate::cluster::finish(label, max_pods, total, ranges, limited_by, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_parses_in_full() {
        let rows = parse_instance_table(INSTANCE_DATA_CSV).unwrap();
        assert_eq!(rows.len(), INSTANCE_DATA_CSV.lines().filter(|l| !l.trim().is_empty()).count() - 1);
        assert_eq!(instance_types().len(), rows.len());
    }

    #[test]
    fn xen_prefix_delegation_falls_back() {
        let m = max_pods("m4.xlarge", &MaxPodsOptions { prefix_delegation: true, ..Default::default() }).unwrap();
        assert_eq!(m.address_limit, Some(58));
        assert!(!m.prefix_delegation);
        assert!(m.notes[0].contains("secondary IP"));
    }

    #[test]
    fn distance() {
        let d = |a: &str, b: &str| transposition_distance(a.as_bytes(), b.as_bytes(), &mut Vec::new());
        assert_eq!(d("m5.lrage", "m5.large"), 1);
        assert_eq!(d("abc", "abd"), 1);
        assert_eq!(d("", "abc"), 3);
        assert_eq!(d("kitten", "sitting"), 3);
        assert_eq!(d("ca", "abc"), 3);
    }
}
