//! The inverse: from a cluster requirement to the address ranges it needs, a
//! side-by-side comparison of platforms and modes, and a complete cluster plan
//! carved out of a VPC/VNet with the core allocator.

use crate::addr::{first, Family};
use crate::aks::{self, Surge};
use crate::allocate::{allocate, free_space, AllocationRequest, Strategy};
use crate::carve::supernet;
use crate::eks::{self, MaxPodsOptions};
use crate::gke::{self, ClusterKind};
use crate::k8s;
use crate::overlap::{find_overlaps, NamedPrefix, Overlap};
use crate::profile::AddressProfile;
use crate::set::PrefixSet;
use crate::{Error, Result};
use ipnet::IpNet;

/// EKS pod networking mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
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

impl std::str::FromStr for Platform {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let spec = s.trim().to_ascii_lowercase();
        let parts: Vec<&str> = spec.split('/').map(str::trim).collect();
        let bad = |why: &str| {
            Error::InvalidArgument(format!(
                "platform {:?}: {why}; write eks/<secondary-ip|prefix-delegation|custom-networking>/<instance type>, \
                 eks/fargate, aks/<kubenet|azure-cni|pod-subnet-dynamic|pod-subnet-static|overlay>, gke/<standard|autopilot> \
                 or kubernetes[/<node mask>]",
                crate::parse::echo(s)
            ))
        };
        match parts.as_slice() {
            ["eks", mode, instance] => {
                let mode = match *mode {
                    "secondary-ip" | "secondary" => EksMode::SecondaryIp,
                    "prefix-delegation" | "pd" => EksMode::PrefixDelegation,
                    "custom-networking" | "custom" => EksMode::CustomNetworking,
                    _ => return Err(bad("unknown EKS mode")),
                };
                Ok(Platform::Eks { instance_type: instance.to_string(), mode })
            }
            ["eks", "fargate"] => Ok(Platform::Eks { instance_type: "fargate".into(), mode: EksMode::Fargate }),
            ["eks", instance] => Ok(Platform::Eks { instance_type: instance.to_string(), mode: EksMode::SecondaryIp }),
            ["eks"] => Err(bad("EKS needs an instance type")),
            ["aks", mode] => Ok(Platform::Aks { mode: mode.parse()? }),
            ["aks"] => Ok(Platform::Aks { mode: aks::Mode::Overlay }),
            ["gke"] | ["gke", "standard"] => Ok(Platform::Gke { kind: ClusterKind::Standard }),
            ["gke", "autopilot"] => Ok(Platform::Gke { kind: ClusterKind::Autopilot }),
            ["kubernetes" | "k8s"] => Ok(Platform::Kubernetes { node_mask: 24 }),
            ["kubernetes" | "k8s", mask] => {
                let m: u8 = mask.trim_start_matches('/').parse().map_err(|_| bad("node mask is not a number"))?;
                if !(16..=30).contains(&m) {
                    return Err(bad("node mask must be /16 to /30"));
                }
                Ok(Platform::Kubernetes { node_mask: m })
            }
            _ => Err(bad("unknown platform")),
        }
    }
}

/// A platform and its network mode.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "platform", rename_all = "lowercase"))]
pub enum Platform {
    /// AWS EKS with the VPC CNI.
    Eks {
        /// Worker instance type.
        instance_type: String,
        /// Pod networking mode.
        mode: EksMode,
    },
    /// Azure AKS.
    Aks {
        /// Network mode.
        mode: aks::Mode,
    },
    /// Google GKE, VPC-native.
    Gke {
        /// Standard or Autopilot.
        kind: ClusterKind,
    },
    /// Plain Kubernetes with the range allocator (host-local IPAM).
    Kubernetes {
        /// `--node-cidr-mask-size` (IPv4); 24 is the default.
        node_mask: u8,
    },
}

impl Platform {
    /// The canonical spec string, which [`FromStr`](std::str::FromStr) reads back:
    /// `eks/<secondary-ip|prefix-delegation|custom-networking>/<instance type>`,
    /// `aks/<mode>`, `gke/<standard|autopilot>`, `kubernetes/<node mask>`.
    ///
    /// ```
    /// use cidrplan::plan::Platform;
    /// assert_eq!(Platform::Aks { mode: cidrplan::aks::Mode::Overlay }.label(), "aks/overlay");
    /// let p: Platform = "eks/prefix-delegation/m5.large".parse().unwrap();
    /// assert_eq!(p.label(), "eks/prefix-delegation/m5.large");
    /// assert_eq!("gke".parse::<Platform>().unwrap().label(), "gke/standard");
    /// assert_eq!("kubernetes".parse::<Platform>().unwrap().label(), "kubernetes/24");
    /// assert!("eks".parse::<Platform>().is_err()); // needs an instance type
    /// ```
    pub fn label(&self) -> String {
        match self {
            Platform::Eks { mode: EksMode::Fargate, .. } => "eks/fargate".into(),
            Platform::Eks { instance_type, mode } => format!("eks/{}/{instance_type}", mode.name()),
            Platform::Aks { mode } => format!("aks/{mode}"),
            Platform::Gke { kind: ClusterKind::Standard } => "gke/standard".into(),
            Platform::Gke { kind: ClusterKind::Autopilot } => "gke/autopilot".into(),
            Platform::Kubernetes { node_mask } => format!("kubernetes/{node_mask}"),
        }
    }

    /// Every platform and mode, EKS on `instance_type`.
    ///
    /// ```
    /// assert_eq!(cidrplan::plan::Platform::all("m5.large").len(), 10);
    /// ```
    pub fn all(instance_type: &str) -> Vec<Platform> {
        let mut v: Vec<Platform> = [EksMode::SecondaryIp, EksMode::PrefixDelegation, EksMode::CustomNetworking]
            .into_iter()
            .map(|mode| Platform::Eks { instance_type: instance_type.to_string(), mode })
            .collect();
        v.extend(aks::Mode::ALL.into_iter().map(|mode| Platform::Aks { mode }));
        v.push(Platform::Gke { kind: ClusterKind::Standard });
        v.push(Platform::Kubernetes { node_mask: 24 });
        v
    }
}

/// What the cluster must hold.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Requirement {
    /// Nodes now.
    pub nodes: u64,
    /// Nodes at peak (autoscaling); `nodes` when `None`.
    pub peak_nodes: Option<u64>,
    /// Pods per node; the platform's default when `None`.
    pub max_pods: Option<u32>,
    /// Upgrade surge on top of the peak (default 1 node).
    #[cfg_attr(feature = "serde", serde(default))]
    pub surge: Surge,
    /// Availability zones (node subnets per zone where the platform uses them); default 3.
    #[cfg_attr(feature = "serde", serde(default = "default_zones"))]
    pub zones: u32,
    /// Services (ClusterIPs) to plan for; the platform's default range when `None`.
    pub services: Option<u64>,
    /// Internal load-balancer front ends that take node-subnet IPs (AKS).
    #[cfg_attr(feature = "serde", serde(default))]
    pub internal_load_balancer_ips: u64,
}

#[cfg(feature = "serde")]
fn default_zones() -> u32 {
    3
}

impl Requirement {
    /// A requirement with defaults: surge 1, 3 zones.
    ///
    /// ```
    /// let r = cidrplan::plan::Requirement::new(50);
    /// assert_eq!((r.zones, r.peak()), (3, 50));
    /// ```
    pub fn new(nodes: u64) -> Self {
        Requirement {
            nodes,
            peak_nodes: None,
            max_pods: None,
            surge: Surge::Nodes(1),
            zones: 3,
            services: None,
            internal_load_balancer_ips: 0,
        }
    }

    /// Peak nodes.
    pub fn peak(&self) -> u64 {
        self.peak_nodes.unwrap_or(self.nodes).max(self.nodes)
    }

    /// Peak plus surge.
    pub fn total(&self) -> u64 {
        self.peak().saturating_add(self.surge.nodes_for(self.peak()))
    }
}

/// The role of a range in a cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum Role {
    /// Node (primary) subnet.
    NodeSubnet,
    /// A VPC/VNet subnet holding pod IPs (EKS custom networking, AKS pod subnet).
    PodSubnet,
    /// A pod range: GKE secondary range, or a private pod CIDR (kubenet, overlay, Kubernetes).
    PodRange,
    /// Service (ClusterIP) range.
    ServiceRange,
}

/// One range a cluster needs.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RangeNeed {
    /// Name, e.g. `nodes` (one per zone when `count` > 1).
    pub name: String,
    /// Role.
    pub role: Role,
    /// How many such ranges (one per zone for EKS subnets).
    pub count: u32,
    /// Minimum prefix length of each.
    pub prefix_len: u8,
    /// Addresses each must provide.
    pub addresses: u128,
    /// Whether it is carved out of the VPC/VNet (false: a virtual or overlay range).
    pub in_vpc: bool,
    /// How the size was derived.
    pub rule: String,
}

/// Sizing of one platform for a requirement.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Sizing {
    /// Platform label.
    pub platform: String,
    /// Pods per node used.
    pub max_pods: u32,
    /// Nodes planned for (peak + surge).
    pub nodes: u64,
    /// Pods at that size.
    pub pods: u64,
    /// The ranges.
    pub ranges: Vec<RangeNeed>,
    /// VPC/VNet addresses the in-VPC ranges take (sum of their block sizes).
    pub vpc_addresses: u128,
    /// What limits this platform for the requirement (addresses, route table, policy ceiling).
    pub limited_by: Vec<String>,
}

fn aws_prefix_for(ips: u128) -> Result<u8> {
    AddressProfile::Aws.prefix_for_hosts(Family::V4, ips)
}

fn v4_block(len: u8) -> u128 {
    1u128 << (32 - len as u32)
}

/// The service (ClusterIP) range: the platform's default length, or sized for
/// `req.services` within the allowed lengths.
fn services_range(req: &Requirement, default_len: u8, lo: u8, hi: u8, in_vpc: bool) -> Result<RangeNeed> {
    let (prefix_len, rule) = match req.services {
        None => (default_len, format!("platform default /{default_len}")),
        Some(s) => {
            let len = 32 - (64 - s.max(1).saturating_sub(1).leading_zeros()).min(32);
            let len = (len as u8).clamp(lo, hi);
            if v4_block(len) < s as u128 {
                return Err(Error::DoesNotFit(format!("{s} services need more than a /{lo} service range")));
            }
            (len, format!("{s} services; allowed /{lo}../{hi}"))
        }
    };
    Ok(RangeNeed {
        name: "services".into(),
        role: Role::ServiceRange,
        count: 1,
        prefix_len,
        addresses: v4_block(prefix_len),
        in_vpc,
        rule,
    })
}

/// The ranges `platform` needs for `req`, at minimum sizes.
///
/// ```
/// use cidrplan::plan::{size, Platform, Requirement};
/// use cidrplan::aks::{Mode, Surge};
/// let req = Requirement { max_pods: Some(30), zones: 1, ..Requirement::new(50) };
/// let s = size(&Platform::Aks { mode: Mode::AzureCni }, &req).unwrap();
/// assert_eq!((s.ranges[0].prefix_len, s.ranges[0].addresses), (21, 1581));
/// // GKE regional: 50 nodes + 1 surge in 3 zones are 17 per zone, 51 nodes
/// let g = size(&Platform::Gke { kind: Default::default() }, &Requirement { zones: 3, ..req.clone() }).unwrap();
/// assert_eq!(g.nodes, 51);
/// let g = size(&Platform::Gke { kind: Default::default() }, &Requirement { nodes: 51, zones: 3, ..req }).unwrap();
/// assert_eq!(g.nodes, 54); // 52 rounds up to 18 per zone
/// ```
pub fn size(platform: &Platform, req: &Requirement) -> Result<Sizing> {
    if req.nodes == 0 && req.peak_nodes.unwrap_or(0) == 0 {
        return Err(Error::InvalidArgument("a cluster needs at least one node".into()));
    }
    crate::bounds::check("zones", req.zones, 1, crate::bounds::MAX_ZONES, "no cloud region has more zones")?;
    if req.peak() > crate::bounds::MAX_CLUSTER_NODES {
        return Err(Error::LimitExceeded(format!(
            "{} nodes: no platform runs more than {} nodes per cluster; split the workload into clusters",
            req.peak(),
            crate::bounds::MAX_CLUSTER_NODES
        )));
    }
    if let Some(s) = req.services {
        crate::bounds::check("services", s, 1, 1 << 20, "a service range is at most a /12")?;
    }
    let mut total = req.total();
    let label = platform.label();
    let per_zone = total.div_ceil(req.zones as u64);
    let mut ranges = Vec::new();
    let mut limited_by = Vec::new();
    let max_pods;
    match platform {
        Platform::Eks { mode: EksMode::Fargate, .. } => {
            if req.zones < 2 {
                return Err(Error::config("eks.two-azs", "EKS needs subnets in at least two availability zones"));
            }
            if req.max_pods.is_some_and(|p| p != 1) {
                return Err(Error::config("eks.fargate-one-pod", "Fargate runs one pod per node; max pods is 1"));
            }
            max_pods = 1;
            let ips = eks::fargate_subnet_ips(per_zone) as u128;
            ranges.push(RangeNeed {
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
        }
        Platform::Eks { instance_type, mode } => {
            if req.zones < 2 {
                return Err(Error::config("eks.two-azs", "EKS needs subnets in at least two availability zones"));
            }
            let t = eks::instance_type(instance_type)?;
            let opts = MaxPodsOptions {
                prefix_delegation: *mode == EksMode::PrefixDelegation,
                custom_networking: *mode == EksMode::CustomNetworking,
                ..Default::default()
            };
            let mp = eks::max_pods_for(t, &opts)?;
            let addr_limit = mp.address_limit.unwrap_or(u32::MAX);
            max_pods = match req.max_pods {
                Some(p) if p > addr_limit => {
                    return Err(Error::config(
                        "eks.max-pods-exceeds-addresses",
                        format!("{p} pods per node exceed the {addr_limit} that {} allows in this mode", t.name),
                    ))
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
            let warm = eks::WarmPool { max_pods: Some(max_pods), ..Default::default() };
            match mode {
                EksMode::SecondaryIp | EksMode::PrefixDelegation => {
                    let pd = *mode == EksMode::PrefixDelegation && mp.prefix_delegation;
                    let use_ = eks::node_subnet_ips(t, pods_needing_ips, pd, &warm)?;
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
                        name: "nodes".into(),
                        role: Role::NodeSubnet,
                        count: req.zones,
                        prefix_len: len,
                        addresses: ips,
                        in_vpc: true,
                        rule,
                    });
                }
                EksMode::Fargate => unreachable_fargate()?,
                EksMode::CustomNetworking => {
                    let pod_t = eks::InstanceType { max_enis: t.max_enis - 1, ..t.clone() };
                    let use_ = eks::node_subnet_ips(&pod_t, pods_needing_ips, false, &warm)?;
                    let node_ips = per_zone as u128;
                    ranges.push(RangeNeed {
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
        Platform::Aks { mode } => {
            max_pods = req.max_pods.unwrap_or(mode.default_max_pods());
            let peak = req.peak();
            let ips = aks::required_node_subnet_ips(*mode, peak, max_pods, req.surge)?
                .saturating_add(req.internal_load_balancer_ips);
            let len = AddressProfile::Azure.prefix_for_hosts(Family::V4, ips as u128)?;
            ranges.push(RangeNeed {
                name: "nodes".into(),
                role: Role::NodeSubnet,
                count: 1,
                prefix_len: len,
                addresses: ips as u128,
                in_vpc: true,
                rule: format!(
                    "{}{} + 5 reserved",
                    if *mode == aks::Mode::AzureCni {
                        format!("({peak} + surge) x (1 + {max_pods})")
                    } else {
                        format!("{peak} + surge nodes")
                    },
                    if req.internal_load_balancer_ips > 0 {
                        format!(" + {} internal load-balancer IPs", req.internal_load_balancer_ips)
                    } else {
                        String::new()
                    }
                ),
            });
            let need = aks::pod_address_need(*mode, peak, max_pods, req.surge)?;
            if let Some(plen) = need.min_prefix {
                let pod_subnet = need.source == "pod-subnet";
                ranges.push(RangeNeed {
                    name: "pods".into(),
                    role: if pod_subnet { Role::PodSubnet } else { Role::PodRange },
                    count: 1,
                    prefix_len: plen,
                    addresses: need.addresses as u128,
                    in_vpc: pod_subnet,
                    rule: need.rule.clone(),
                });
            } else if need.source != "node-subnet" {
                return Err(Error::DoesNotFit(format!("{} nodes need more pod addresses than any IPv4 range", total)));
            }
            if total > aks::MAX_NODES_PER_CLUSTER {
                return Err(Error::config(
                    "aks.nodes-per-cluster",
                    format!("{total} nodes; AKS allows {}", aks::MAX_NODES_PER_CLUSTER),
                ));
            }
            if *mode == aks::Mode::Kubenet {
                if total > aks::KUBENET_MAX_NODES {
                    return Err(Error::config(
                        "aks.kubenet-route-table",
                        format!("kubenet: {total} nodes with surge; a route table holds {}", aks::KUBENET_MAX_NODES),
                    ));
                }
                limited_by.push(format!(
                    "kubenet route table: {} nodes at most; kubenet retires 31 March 2028",
                    aks::KUBENET_MAX_NODES
                ));
            }
            if *mode == aks::Mode::AzureCni {
                limited_by.push("node-subnet addresses: every pod takes a VNet IP".into());
            }
            if *mode == aks::Mode::Overlay && total.saturating_mul(max_pods as u64) > aks::OVERLAY_MAX_PODS {
                limited_by.push(format!(
                    "Azure CNI Overlay holds at most {} pods per cluster, fewer than {total} nodes x {max_pods}",
                    aks::OVERLAY_MAX_PODS
                ));
            }
            ranges.push(services_range(req, 16, 13, 28, false)?);
        }
        Platform::Gke { kind } => {
            max_pods = match kind {
                ClusterKind::Autopilot => 32,
                ClusterKind::Standard => req.max_pods.unwrap_or(110),
            };
            if req.zones > 1 {
                // a regional node pool has the same number of nodes in every zone
                let rounded = total.div_ceil(req.zones as u64).saturating_mul(req.zones as u64);
                if rounded != total {
                    limited_by.push(format!(
                        "regional: {total} nodes round up to {rounded}, a multiple of the {} zones",
                        req.zones
                    ));
                }
                total = rounded;
            }
            if total > gke::MAX_NODES_PER_CLUSTER {
                return Err(Error::config(
                    "gke.nodes-per-cluster",
                    format!("{total} nodes; GKE allows {}", gke::MAX_NODES_PER_CLUSTER),
                ));
            }
            let plen = gke::primary_prefix_for(total)?;
            ranges.push(RangeNeed {
                name: "nodes".into(),
                role: Role::NodeSubnet,
                count: 1,
                prefix_len: plen,
                addresses: total as u128 + 4,
                in_vpc: true,
                rule: format!("{total} nodes + 4 reserved"),
            });
            let podlen = gke::pod_range_prefix_for(total, max_pods)?;
            let m = gke::pod_range_prefix(max_pods, true)?;
            ranges.push(RangeNeed {
                name: "pods".into(),
                role: Role::PodRange,
                count: 1,
                prefix_len: podlen,
                addresses: total as u128 * v4_block(m),
                in_vpc: true,
                rule: format!("{total} nodes x /{m} per node ({max_pods} pods, doubled and rounded to a power of two)"),
            });
            ranges.push(services_range(req, 20, 16, 28, true)?);
            limited_by.push("pod range: each node takes a whole /".to_string() + &m.to_string());
        }
        Platform::Kubernetes { node_mask } => {
            max_pods = req.max_pods.unwrap_or(k8s::DEFAULT_MAX_PODS);
            let host_local = k8s::host_local_pod_ips(Family::V4, *node_mask)?;
            if (max_pods as u128) > host_local {
                return Err(Error::config(
                    "k8s.node-cidr-mask-size",
                    format!("a /{node_mask} per node holds {host_local} pods, fewer than {max_pods}"),
                ));
            }
            let nlen = AddressProfile::Standard.prefix_for_hosts(Family::V4, total as u128)?;
            ranges.push(RangeNeed {
                name: "nodes".into(),
                role: Role::NodeSubnet,
                count: 1,
                prefix_len: nlen,
                addresses: total as u128,
                in_vpc: true,
                rule: format!("{total} nodes + network and broadcast"),
            });
            let bits = 64 - total.saturating_sub(1).leading_zeros();
            if bits > 16 || bits as u8 > *node_mask {
                return Err(Error::config(
                    "k8s.node-cidr-mask-size",
                    format!("{total} nodes need more than 2^16 node CIDRs"),
                ));
            }
            let clen = node_mask - bits as u8;
            ranges.push(RangeNeed {
                name: "pods".into(),
                role: Role::PodRange,
                count: 1,
                prefix_len: clen,
                addresses: total as u128 * v4_block(*node_mask),
                in_vpc: false,
                rule: format!("--cluster-cidr for {total} nodes x /{node_mask}"),
            });
            ranges.push(services_range(req, 12, 12, 28, false)?);
        }
    }
    let vpc_addresses = ranges.iter().filter(|r| r.in_vpc).map(|r| v4_block(r.prefix_len) * r.count as u128).sum();
    let mut pods = total.saturating_mul(max_pods as u64);
    if matches!(platform, Platform::Aks { mode: aks::Mode::Overlay }) {
        pods = pods.min(aks::OVERLAY_MAX_PODS);
    }
    Ok(Sizing { platform: label, max_pods, nodes: total, pods, ranges, vpc_addresses, limited_by })
}

fn unreachable_fargate() -> Result<()> {
    Err(Error::InvalidArgument("internal: Fargate is sized before instance types are looked up".into()))
}

/// One row of a comparison: a sizing, or why the platform cannot do it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ComparisonRow {
    /// Platform label.
    pub platform: String,
    /// The sizing when it fits.
    pub sizing: Option<Sizing>,
    /// The reason when it does not.
    pub error: Option<String>,
}

/// Size the same requirement on several platforms, side by side.
///
/// ```
/// use cidrplan::plan::{compare, Platform, Requirement};
/// let rows = compare(&Requirement::new(100), &Platform::all("m5.large"));
/// assert_eq!(rows.len(), 10);
/// assert!(rows.iter().all(|r| r.sizing.is_some() != r.error.is_some()));
/// ```
pub fn compare(req: &Requirement, platforms: &[Platform]) -> Vec<ComparisonRow> {
    platforms
        .iter()
        .map(|p| match size(p, req) {
            Ok(s) => ComparisonRow { platform: p.label(), sizing: Some(s), error: None },
            Err(e) => ComparisonRow { platform: p.label(), sizing: None, error: Some(e.to_string()) },
        })
        .collect()
}

/// One range of a carved plan.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PlannedRange {
    /// Name (`nodes-a`, `pods`, `services` ...).
    pub name: String,
    /// Role.
    pub role: Role,
    /// The prefix.
    pub prefix: IpNet,
    /// Inside the VPC/VNet or not.
    pub in_vpc: bool,
}

/// A complete cluster address plan.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ClusterPlan {
    /// The VPC/VNet.
    pub vpc: IpNet,
    /// The sizing it implements.
    pub sizing: Sizing,
    /// Every range, VPC ones first.
    pub ranges: Vec<PlannedRange>,
    /// Overlaps among the planned ranges (always empty for a plan returned Ok).
    pub overlaps: Vec<Overlap>,
    /// Free VPC space left.
    pub headroom: Vec<IpNet>,
    /// Free VPC addresses left.
    pub headroom_addresses: u128,
}

const ZONE_LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyz";

/// Where virtual ranges go by default, per platform and role (tried first). EKS picks
/// its service range by the VPC ([`eks::default_service_cidr`]).
fn default_virtual(platform: &Platform, role: Role, vpc: &IpNet) -> Result<IpNet> {
    let text = match (platform, role) {
        (Platform::Eks { .. }, _) => return Ok(eks::default_service_cidr(std::slice::from_ref(vpc)).0),
        (Platform::Aks { .. }, Role::ServiceRange) => aks::DEFAULT_SERVICE_CIDR,
        (Platform::Aks { .. }, _) => aks::DEFAULT_POD_CIDR,
        (Platform::Kubernetes { .. }, Role::ServiceRange) => "10.96.0.0/12",
        _ => "10.244.0.0/16",
    };
    crate::parse_prefix(text)
}

/// Carve a cluster plan out of `vpc`: in-VPC ranges by best-fit allocation (largest
/// first), virtual ranges (service CIDRs, overlay pod CIDRs) placed outside the VPC
/// and off AKS's forbidden ranges, every range checked for overlaps.
///
/// ```
/// use cidrplan::plan::{carve_cluster_plan, Platform, EksMode, Requirement};
/// let vpc = "10.0.0.0/16".parse().unwrap();
/// let p = carve_cluster_plan(&vpc, &Platform::Eks { instance_type: "m5.large".into(), mode: EksMode::SecondaryIp },
///                            &Requirement::new(30)).unwrap();
/// assert!(p.overlaps.is_empty());
/// assert_eq!(p.ranges.iter().filter(|r| r.in_vpc).count(), 3); // one node subnet per zone
/// assert!(p.headroom_addresses > 0);
/// ```
pub fn carve_cluster_plan(vpc: &IpNet, platform: &Platform, req: &Requirement) -> Result<ClusterPlan> {
    let vpc = vpc.trunc();
    if Family::of(&vpc) != Family::V4 {
        return Err(Error::InvalidArgument(format!("{vpc}: cluster plans are IPv4 here")));
    }
    let sizing = size(platform, req)?;
    // in-VPC requests, largest first so best-fit leaves no alignment holes
    let mut wanted: Vec<(String, Role, u8)> = Vec::new();
    for r in sizing.ranges.iter().filter(|r| r.in_vpc) {
        for z in 0..r.count {
            let name = if r.count > 1 {
                format!("{}-{}", r.name, ZONE_LETTERS[z as usize % 26] as char)
            } else {
                r.name.clone()
            };
            wanted.push((name, r.role, r.prefix_len));
        }
    }
    wanted.sort_by_key(|w| w.2);
    let requests: Vec<AllocationRequest> =
        wanted.iter().map(|w| AllocationRequest { name: w.0.clone(), prefix_len: w.2 }).collect();
    let carved = allocate(&vpc, &[], &requests, Strategy::BestFit).map_err(|e| match e {
        Error::DoesNotFit(m) => Error::DoesNotFit(format!(
            "{vpc} is too small for {}: it needs {} addresses ({m})",
            sizing.platform, sizing.vpc_addresses
        )),
        other => other,
    })?;
    let mut ranges: Vec<PlannedRange> = carved
        .subnets
        .iter()
        .zip(&wanted)
        .map(|(s, w)| PlannedRange { name: w.0.clone(), role: w.1, prefix: s.prefix, in_vpc: true })
        .collect();
    ranges.sort_by_key(|r| first(&r.prefix));
    // virtual ranges
    let forbidden = crate::overlap::ReservedSet::aks_forbidden();
    let mut taken =
        PrefixSet::from_prefixes([vpc]).union(&PrefixSet::from_prefixes(forbidden.entries.iter().map(|e| e.prefix)));
    let private_pool: Vec<IpNet> =
        ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].iter().filter_map(|s| s.parse().ok()).collect();
    for r in sizing.ranges.iter().filter(|r| !r.in_vpc) {
        let default = default_virtual(platform, r.role, &vpc)?;
        let candidate = supernet(
            &IpNet::new(default.network(), 32).map_err(|_| Error::InvalidArgument("internal".into()))?,
            r.prefix_len,
        )?;
        let chosen = if !taken.overlaps(&candidate) {
            candidate
        } else {
            let mut found = None;
            for pool in &private_pool {
                let used: Vec<IpNet> = taken.prefixes().into_iter().filter(|p| Family::of(p) == Family::V4).collect();
                if let Ok(p) = crate::allocate::allocate_one(pool, &used, r.prefix_len, Strategy::BestFit) {
                    found = Some(p);
                    break;
                }
            }
            found.ok_or_else(|| {
                Error::DoesNotFit(format!("no private range left for the {} /{}", r.name, r.prefix_len))
            })?
        };
        taken = taken.union(&PrefixSet::from_prefixes([chosen]));
        ranges.push(PlannedRange { name: r.name.clone(), role: r.role, prefix: chosen, in_vpc: false });
    }
    let named: Vec<NamedPrefix> = ranges.iter().map(|r| NamedPrefix::new(r.name.clone(), r.prefix)).collect();
    let overlaps = find_overlaps(&named)?;
    if !overlaps.is_empty() {
        return Err(Error::InvalidConfig {
            rule: "plan.overlap",
            message: format!("planned ranges overlap: {} and {}", overlaps[0].a, overlaps[0].b),
        });
    }
    let in_vpc: Vec<IpNet> = ranges.iter().filter(|r| r.in_vpc).map(|r| r.prefix).collect();
    let headroom = free_space(&vpc, &in_vpc)?;
    let headroom_addresses = PrefixSet::from_prefixes(headroom.iter().copied()).ipv4_address_count() as u128;
    Ok(ClusterPlan { vpc, sizing, ranges, overlaps, headroom, headroom_addresses })
}
