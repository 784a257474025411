//! The plan document's types: what a plan file holds. Field names are the file's
//! keys; every entry remembers where it was written ([`Position`]).

use super::source::Position;
use crate::cluster::Surge;
use crate::plan::Platform;
use crate::profile::AddressProfile;
use ipnet::IpNet;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;

/// The plan format version this cidrplan reads and writes.
pub const PLAN_VERSION: u32 = 1;

/// A whole address plan: spaces, networks, external ranges, reservations,
/// connectivity, clusters and policies. Read one with [`Plan::from_text`]
/// (YAML or JSON), check it with [`Plan::check`], place sized ranges with
/// [`Plan::carve`], write it with [`Plan::export`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "schema",
    schemars(
        title = "cidrplan address plan",
        description = "An address plan kept as a file: spaces, networks (VPC/VNet/subnet), external ranges, reservations, connectivity, clusters and policies. https://github.com/cidrplan/cidrplan"
    )
)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Format version; 1.
    pub version: u32,
    /// Name of the plan (an organisation, an environment).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Supernets set aside for a purpose: the pools networks are carved from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub spaces: Vec<Space>,
    /// VPCs, VNets, VCNs and on-prem networks, with their subnets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub networks: Vec<Network>,
    /// Ranges that are not ours to carve but are routed to us: on-prem, partners, peers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub external: Vec<ExternalRange>,
    /// Ranges held back: nothing may be placed in them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reservations: Vec<Reservation>,
    /// Routes between networks (peering, transit, VPN). Networks count as connected
    /// unless `isolated` says otherwise; a link between overlapping networks is an error.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub connectivity: Vec<Link>,
    /// Groups of networks that never route to each other: overlaps among them are shown as info.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub isolated: Vec<Isolation>,
    /// Routing domains (VRFs) networks name in `vrf`: networks in different VRFs never
    /// route to each other; one VRF may allow duplicate prefixes (`enforce_unique: false`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vrfs: Vec<Vrf>,
    /// Kubernetes clusters and the ranges they use.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clusters: Vec<Cluster>,
    /// Rules the whole plan must keep.
    #[serde(default, skip_serializing_if = "Policies::is_empty")]
    pub policies: Policies,
}

/// A supernet set aside for a purpose (an IPAM pool).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Space {
    /// Unique name.
    pub name: String,
    /// The supernet.
    #[serde(deserialize_with = "de_cidr", serialize_with = "ser_cidr")]
    #[cfg_attr(feature = "schema", schemars(with = "CidrText"))]
    pub cidr: IpNet,
    /// What it is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    /// Who decides about it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Prefix lengths networks in this space may have (like an IPAM allocation rule).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_prefix_lengths: Option<PrefixLengths>,
    /// Free-form tags.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "de_tags")]
    pub tags: BTreeMap<String, String>,
    /// Where it was written.
    #[serde(skip)]
    pub at: Option<Position>,
}

/// An inclusive range of prefix lengths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PrefixLengths {
    /// Shortest allowed prefix (the largest network), e.g. 16.
    pub min: u8,
    /// Longest allowed prefix (the smallest network), e.g. 24.
    pub max: u8,
}

/// A VPC, VNet, VCN, on-prem network or subnet. Give `cidr`, or a size (`size` as
/// a prefix length, or `hosts`) for `cidrplan carve` to place it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Network {
    /// Unique name across all networks and subnets.
    pub name: String,
    /// Address profile (cloud): aws, azure, gcp, oci or standard; subnets inherit it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<AddressProfile>,
    /// Cloud region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Availability zone (subnets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
    /// Role: public, private, nodes, pods, database ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The cloud service the subnet is for (`azure-firewall`, `aws-alb`, `gcp-proxy-only`, ...):
    /// `check` applies that service's documented size, name, zone and dedication rules.
    /// Azure's reserved subnet names (`GatewaySubnet`, `AzureBastionSubnet`, ...) imply theirs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// The space a top-level network is carved from (and must stay inside).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub space: Option<String>,
    /// The routing domain (VRF, from `vrfs`) a top-level network is in; its subnets are in
    /// it too. Networks in different VRFs never route to each other; none is the global
    /// table, one more domain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vrf: Option<String>,
    /// Lifecycle: planned, active, reserved or deprecated (NetBox's prefix status).
    /// A deprecated entry is kept and reported (`network.deprecated`, info).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<NetworkStatus>,
    /// Its ranges: one CIDR or a list (secondary VPC CIDRs, IPv6 blocks).
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "de_cidrs",
        serialize_with = "ser_cidrs"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "CidrOrList"))]
    pub cidr: Vec<IpNet>,
    /// Size to carve when `cidr` is not given: a prefix length (`24` or `/24`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<PrefixLength>,
    /// Size to carve as a count of usable hosts under the profile's reservations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hosts: Option<u64>,
    /// IPv6 size to carve from the parent's IPv6 range (subnets of dual-stack networks), e.g. 64.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ipv6_size: Option<PrefixLength>,
    /// Named secondary ranges (GCP alias ranges) that belong to this subnet.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub secondary_ranges: Vec<NamedRange>,
    /// Free-form tags.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "de_tags")]
    pub tags: BTreeMap<String, String>,
    /// Subnets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<Network>,
    /// Addresses in use (from an import of what exists): each address or delegated
    /// prefix and what holds it. Subnets with usage get a usage and fragmentation report.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub used: Vec<UsedRange>,
    /// Where an imported entry came from (file and resource id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Provenance>,
    /// Where it was written.
    #[serde(skip)]
    pub at: Option<Position>,
}

impl Network {
    /// A network with a name and nothing else yet.
    ///
    /// ```
    /// let n = cidrplan::document::Network::new("vpc");
    /// assert!(n.cidr.is_empty() && n.subnets.is_empty());
    /// ```
    pub fn new(name: impl Into<String>) -> Self {
        Network {
            name: name.into(),
            profile: None,
            region: None,
            zone: None,
            role: None,
            service: None,
            space: None,
            vrf: None,
            status: None,
            cidr: Vec::new(),
            size: None,
            hosts: None,
            ipv6_size: None,
            secondary_ranges: Vec::new(),
            tags: BTreeMap::new(),
            subnets: Vec::new(),
            used: Vec::new(),
            source: None,
            at: None,
        }
    }
}

/// An address or prefix in use, and what holds it (a network interface id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct UsedRange {
    /// The address (as a /32 or /128) or delegated prefix (a /28 for EKS prefix delegation).
    #[serde(deserialize_with = "de_cidr", serialize_with = "ser_cidr")]
    #[cfg_attr(feature = "schema", schemars(with = "CidrText"))]
    pub cidr: IpNet,
    /// What holds it (eni-..., a NIC id).
    pub by: String,
}

/// Where an imported entry came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// The export file.
    pub file: String,
    /// The resource id or address (vpc-..., a Terraform address).
    pub id: String,
}

/// A named range (a secondary range, a forbidden range).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NamedRange {
    /// Name.
    pub name: String,
    /// The range.
    #[serde(deserialize_with = "de_cidr", serialize_with = "ser_cidr")]
    #[cfg_attr(feature = "schema", schemars(with = "CidrText"))]
    pub cidr: IpNet,
    /// Where it was written.
    #[serde(skip)]
    pub at: Option<Position>,
}

/// A range routed to the plan's networks that is not ours: on-prem, a partner, a peer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ExternalRange {
    /// Unique name (shares the namespace of networks: connectivity and isolation name it).
    pub name: String,
    /// One CIDR or a list.
    #[serde(deserialize_with = "de_cidrs", serialize_with = "ser_cidrs")]
    #[cfg_attr(feature = "schema", schemars(with = "CidrOrList"))]
    pub cidr: Vec<IpNet>,
    /// on-prem, partner, peer ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Who runs it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Free-form tags.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "de_tags")]
    pub tags: BTreeMap<String, String>,
    /// Where it was written.
    #[serde(skip)]
    pub at: Option<Position>,
}

/// Where a network is in its life (NetBox's prefix statuses; a container is a network
/// whose subnets are what it holds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum NetworkStatus {
    /// Holds other prefixes (NetBox `container`).
    Container,
    /// In use.
    Active,
    /// Set aside.
    Reserved,
    /// On its way out: kept, and reported.
    Deprecated,
    /// Planned, not built yet.
    Planned,
}

impl NetworkStatus {
    /// Its name in the plan file (and NetBox's status value).
    ///
    /// ```
    /// assert_eq!(cidrplan::document::NetworkStatus::Deprecated.as_str(), "deprecated");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            NetworkStatus::Container => "container",
            NetworkStatus::Active => "active",
            NetworkStatus::Reserved => "reserved",
            NetworkStatus::Deprecated => "deprecated",
            NetworkStatus::Planned => "planned",
        }
    }
}

/// A routing domain (VRF): its networks route among themselves and to no other VRF.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Vrf {
    /// Unique name; networks name it in `vrf`.
    pub name: String,
    /// Route distinguisher (`65000:100`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rd: Option<String>,
    /// Whether a prefix may appear only once in it (NetBox's `enforce_unique`, default
    /// true): when false, identical prefixes in it are info, not an overlap.
    #[serde(default = "yes", skip_serializing_if = "is_yes")]
    pub enforce_unique: bool,
    /// What it is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Free-form tags.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
    /// Where an imported VRF came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Provenance>,
    /// Where it was written.
    #[serde(skip)]
    pub at: Option<Position>,
}

fn yes() -> bool {
    true
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_yes(v: &bool) -> bool {
    *v
}

/// A range held back. Give `cidr`, or `size` and `space` to have one carved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Reservation {
    /// Unique name.
    pub name: String,
    /// The range.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "de_opt_cidr",
        serialize_with = "ser_opt_cidr"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<CidrText>"))]
    pub cidr: Option<IpNet>,
    /// Size to carve (prefix length) when `cidr` is not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<PrefixLength>,
    /// The space to carve it from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub space: Option<String>,
    /// Why it is held.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    /// Where it was written.
    #[serde(skip)]
    pub at: Option<Position>,
}

/// How two or more networks route to each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum LinkKind {
    /// VPC/VNet peering (pairwise, or a hub with spokes).
    Peering,
    /// A transit gateway, virtual WAN hub or Network Connectivity Center.
    Transit,
    /// Site-to-site VPN.
    Vpn,
    /// A private circuit: Direct Connect, ExpressRoute, Interconnect.
    Circuit,
}

/// A route between networks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// Name (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// peering, transit, vpn or circuit.
    pub kind: LinkKind,
    /// The networks or external ranges it joins (two or more).
    pub networks: Vec<String>,
    /// Where an imported link came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Provenance>,
    /// Where it was written.
    #[serde(skip)]
    pub at: Option<Position>,
}

/// Networks that never route to each other (separate environments, tenants).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Isolation {
    /// Networks or external ranges, each isolated from every other in the list.
    pub networks: Vec<String>,
    /// Why (shown with the overlaps it allows).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Where it was written.
    #[serde(skip)]
    pub at: Option<Position>,
}

/// A Kubernetes cluster: its platform as `plan` parses it, its size and growth, and
/// the ranges it uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Cluster {
    /// Unique name.
    pub name: String,
    /// Platform spec: `eks/<mode>/<instance type>`, `eks/fargate`, `aks/<mode>`, `gke/<standard|autopilot>`, `kubernetes[/<node mask>]`.
    #[serde(deserialize_with = "de_platform", serialize_with = "ser_platform")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub platform: Platform,
    /// The network (VPC/VNet) it runs in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<String>,
    /// Nodes now (the one pool's, or the default of pools that give none; with
    /// `pools` it may be left out).
    #[serde(default)]
    pub nodes: u64,
    /// Nodes at peak (autoscaling maximum).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub peak_nodes: Option<u64>,
    /// EKS: the EC2 instance type, when the platform names the mode only
    /// (`eks/prefix-delegation`); a pool's own `instance_type` wins.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_type: Option<String>,
    /// Node pools (AKS agent pools, EKS managed node groups, GKE node pools); each key a
    /// pool leaves out is the cluster's. None: the cluster is one pool.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pools: Vec<Pool>,
    /// Upgrade surge: a node count or a percentage ("10%"); default 1.
    #[serde(default, skip_serializing_if = "is_default_surge", serialize_with = "ser_surge")]
    #[cfg_attr(feature = "schema", schemars(with = "SurgeText"))]
    pub surge: Surge,
    /// Zones; for EKS the number of node subnets by default, else 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zones: Option<u32>,
    /// Pods per node; the platform default when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_pods: Option<u32>,
    /// Services to plan for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub services: Option<u64>,
    /// Internal load-balancer front ends in the node subnet (AKS).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub internal_load_balancer_ips: u64,
    /// Node subnets, by name (one per zone where the platform uses zonal subnets).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub node_subnets: Vec<String>,
    /// Pod subnets, by name (EKS custom networking, AKS pod subnet modes).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pod_subnets: Vec<String>,
    /// Network policy engine: `none`, `azure-npm` (AKS: at most 250 nodes and 20,000
    /// pods), `calico`, `cilium`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network_policy: Option<crate::aks::NetworkPolicy>,
    /// AKS DNS service IP: inside the service range, neither its network address nor its
    /// first host (default: .10 of the service range).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub dns_service_ip: Option<std::net::IpAddr>,
    /// Pod range (GKE secondary range, kubenet/overlay/Kubernetes pod CIDR): a CIDR,
    /// `auto` (sized by the platform's rule, placed at its default or in `space`),
    /// or `{size, space}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pod_range: Option<ClusterRange>,
    /// Service (ClusterIP) range, same forms as `pod_range`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_range: Option<ClusterRange>,
    /// The IP families of pods and services, primary first: `[ipv4]` (default), `[ipv6]`,
    /// or dual-stack `[ipv4, ipv6]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ip_families: Vec<crate::cluster::IpFamily>,
    /// The IPv6 Pod range of a dual-stack or IPv6 cluster (a CIDR).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pod_range_v6: Option<ClusterRange>,
    /// The IPv6 service range of a dual-stack or IPv6 cluster (a CIDR).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_range_v6: Option<ClusterRange>,
    /// Where an imported cluster came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Provenance>,
    /// What its nodes show (`kubectl get nodes -o json`): the node count and the Pod CIDRs
    /// handed out to them, checked against the plan's Pod range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observed: Option<Observed>,
    /// Free-form tags.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "de_tags")]
    pub tags: BTreeMap<String, String>,
    /// Where it was written.
    #[serde(skip)]
    pub at: Option<Position>,
}

/// A cluster as its nodes show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Observed {
    /// Nodes seen.
    pub nodes: u64,
    /// The Pod CIDRs the nodes hold (`spec.podCIDRs`), one or two per node (dual-stack).
    #[serde(default, deserialize_with = "de_cidrs", serialize_with = "ser_cidr_list")]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<String>"))]
    pub pod_cidrs: Vec<IpNet>,
}

/// A node pool of a plan's cluster. Keys left out take the cluster's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Pool {
    /// Name, unique in the cluster (AKS: 1-12 lowercase letters and digits, 6 on Windows).
    pub name: String,
    /// Nodes now; the cluster's `nodes` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nodes: Option<u64>,
    /// Nodes at peak (the autoscaler's maximum).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub peak_nodes: Option<u64>,
    /// Upgrade surge of this pool: a node count or a percentage ("33%").
    #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "ser_opt_surge")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<SurgeText>"))]
    pub surge: Option<Surge>,
    /// Pods per node.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_pods: Option<u32>,
    /// EKS: the EC2 instance type of this node group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_type: Option<String>,
    /// `linux` (default) or `windows`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub os: Option<crate::pool::Os>,
    /// AKS: `system` or `user`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<crate::pool::PoolMode>,
    /// Zones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zones: Option<u32>,
    /// Node subnets of this pool, by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_subnets: Option<Vec<String>>,
    /// Pod subnets of this pool (AKS pod subnet, EKS custom networking).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pod_subnets: Option<Vec<String>>,
    /// This pool's own Pod range (GKE multi-pod CIDR): a CIDR.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pod_range: Option<ClusterRange>,
    /// Where an imported pool came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Provenance>,
    /// Where it was written.
    #[serde(skip)]
    pub at: Option<Position>,
}

/// A pool with every key it left out taken from its cluster.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ResolvedPool {
    /// The pool as the core sizes it.
    pub pool: crate::pool::NodePool,
    /// Node subnets it draws on.
    pub node_subnets: Vec<String>,
    /// Pod subnets it draws on.
    pub pod_subnets: Vec<String>,
    /// Its Pod range.
    pub pod_range: Option<ClusterRange>,
    /// Where it was written (the cluster's, for the one-pool form).
    pub at: Option<Position>,
}

impl Cluster {
    /// Its pools with the cluster's keys filled in; the one-pool form is one pool named
    /// after the cluster.
    ///
    /// ```
    /// let p = cidrplan::document::Plan::from_text("version: 1\nclusters:\n  - name: a\n    platform: aks/azure-cni\n    max_pods: 30\n    node_subnets: [n]\n    pools:\n      - {name: system, nodes: 3, mode: system}\n      - {name: user, nodes: 50, max_pods: 50}\n", "p").unwrap();
    /// let pools = p.clusters[0].node_pools();
    /// assert_eq!(pools[0].pool.max_pods, Some(30));
    /// assert_eq!(pools[1].pool.max_pods, Some(50));
    /// assert_eq!(pools[1].node_subnets, ["n"]);
    /// ```
    pub fn node_pools(&self) -> Vec<ResolvedPool> {
        let instance = |own: &Option<String>| own.clone().or_else(|| self.instance_type.clone());
        if self.pools.is_empty() {
            let mut pool = crate::pool::NodePool::new(self.name.clone(), self.nodes);
            pool.peak_nodes = self.peak_nodes;
            pool.max_pods = self.max_pods;
            pool.surge = Some(self.surge);
            pool.instance_type = instance(&None);
            return vec![ResolvedPool {
                pool,
                node_subnets: self.node_subnets.clone(),
                pod_subnets: self.pod_subnets.clone(),
                pod_range: self.pod_range.clone(),
                at: self.at.clone(),
            }];
        }
        self.pools
            .iter()
            .map(|p| {
                let mut pool = crate::pool::NodePool::new(p.name.clone(), p.nodes.unwrap_or(self.nodes));
                pool.peak_nodes = p.peak_nodes.or(if p.nodes.is_none() { self.peak_nodes } else { None });
                pool.max_pods = p.max_pods.or(self.max_pods);
                pool.surge = Some(p.surge.unwrap_or(self.surge));
                pool.zones = p.zones;
                pool.instance_type = instance(&p.instance_type);
                pool.os = p.os.unwrap_or_default();
                pool.mode = p.mode;
                ResolvedPool {
                    pool,
                    node_subnets: p.node_subnets.clone().unwrap_or_else(|| self.node_subnets.clone()),
                    pod_subnets: p.pod_subnets.clone().unwrap_or_else(|| self.pod_subnets.clone()),
                    pod_range: p.pod_range.clone().or_else(|| self.pod_range.clone()),
                    at: p.at.clone().or_else(|| self.at.clone()),
                }
            })
            .collect()
    }

    /// The requirement the cluster's fields describe. Zones default to the number of
    /// node subnets where the platform puts one subnet in each zone (EKS), else 3
    /// (AKS, GKE regional clusters and Kubernetes spread nodes over zones within one
    /// subnet).
    ///
    /// ```
    /// let p = cidrplan::document::Plan::from_text("version: 1\nclusters:\n  - {name: a, platform: eks/m5.large, nodes: 3, node_subnets: [x, y]}\n  - {name: b, platform: gke, nodes: 3, node_subnets: [z]}\n", "p").unwrap();
    /// assert_eq!(p.clusters[0].requirement().zones, 2);
    /// assert_eq!(p.clusters[1].requirement().zones, 3);
    /// ```
    pub fn requirement(&self) -> crate::cluster::Requirement {
        let zonal_subnets = matches!(self.platform, Platform::Eks { .. });
        let zones = self.zones.unwrap_or(if zonal_subnets && !self.node_subnets.is_empty() {
            u32::try_from(self.node_subnets.len()).unwrap_or(u32::MAX)
        } else {
            3
        });
        crate::cluster::Requirement {
            nodes: self.nodes,
            peak_nodes: self.peak_nodes,
            max_pods: self.max_pods,
            surge: self.surge,
            zones,
            services: self.services,
            internal_load_balancer_ips: self.internal_load_balancer_ips,
            pools: Vec::new(),
        }
    }
}

/// A cluster's pod or service range: given, or to be carved.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ClusterRange {
    /// The range, when given or carved.
    pub cidr: Option<IpNet>,
    /// Size to carve (prefix length); the platform's rule when `None`.
    pub size: Option<u8>,
    /// Space to carve it from; the platform's default range when `None`.
    pub space: Option<String>,
}

impl ClusterRange {
    /// A range given as a CIDR.
    pub fn fixed(cidr: IpNet) -> Self {
        ClusterRange { cidr: Some(cidr), size: None, space: None }
    }
}

#[derive(Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
enum ClusterRangeShape {
    /// A CIDR, or `auto`.
    Text(String),
    /// To be carved.
    Sized {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "schema", schemars(with = "Option<CidrText>"))]
        cidr: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        size: Option<PrefixLength>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        space: Option<String>,
    },
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for ClusterRange {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ClusterRange".into()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        ClusterRangeShape::json_schema(g)
    }
}

impl<'de> Deserialize<'de> for ClusterRange {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        let v = serde_json::Value::deserialize(d)?;
        match v {
            serde_json::Value::String(t) if t.trim() == "auto" => {
                Ok(ClusterRange { cidr: None, size: None, space: None })
            }
            serde_json::Value::String(t) => crate::parse_prefix(&t).map(ClusterRange::fixed).map_err(D::Error::custom),
            serde_json::Value::Object(m) => {
                for k in m.keys() {
                    if !["cidr", "size", "space"].contains(&k.as_str()) {
                        return Err(D::Error::custom(format!(
                            "unknown field `{k}`, expected one of `cidr`, `size`, `space`"
                        )));
                    }
                }
                let cidr = match m.get("cidr") {
                    None | Some(serde_json::Value::Null) => None,
                    Some(serde_json::Value::String(t)) => Some(crate::parse_prefix(t).map_err(D::Error::custom)?),
                    Some(_) => return Err(D::Error::custom("cidr must be a CIDR like 100.64.0.0/16")),
                };
                let size = match m.get("size") {
                    None | Some(serde_json::Value::Null) => None,
                    Some(v) => Some(PrefixLength::deserialize(v).map_err(D::Error::custom)?.0),
                };
                let space = match m.get("space") {
                    None | Some(serde_json::Value::Null) => None,
                    Some(serde_json::Value::String(s)) => Some(s.clone()),
                    Some(_) => return Err(D::Error::custom("space must be the name of a space")),
                };
                Ok(ClusterRange { cidr, size, space })
            }
            _ => Err(D::Error::custom("a range is a CIDR, auto, or {size, space}")),
        }
    }
}

impl Serialize for ClusterRange {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match (&self.cidr, self.size, &self.space) {
            (Some(c), None, None) => s.serialize_str(&c.to_string()),
            (None, None, None) => s.serialize_str("auto"),
            (cidr, size, space) => ClusterRangeShape::Sized {
                cidr: cidr.map(|c| c.to_string()),
                size: size.map(PrefixLength),
                space: space.clone(),
            }
            .serialize(s),
        }
    }
}

/// Rules the whole plan keeps.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Policies {
    /// Every cluster range and every space keeps at least this share free at peak (0-100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_headroom_percent: Option<u8>,
    /// Ranges nothing in the plan may overlap.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forbidden: Vec<NamedRange>,
}

impl Policies {
    fn is_empty(&self) -> bool {
        self.min_headroom_percent.is_none() && self.forbidden.is_empty()
    }
}

/// A prefix length, written `24` or `"/24"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PrefixLength(pub u8);

impl Serialize for PrefixLength {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u8(self.0)
    }
}

impl<'de> Deserialize<'de> for PrefixLength {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        let bad = |shown: &str| {
            D::Error::custom(format!("a size is a prefix length from 0 to 128, like 24 or /24, not {shown}"))
        };
        match serde_json::Value::deserialize(d)? {
            serde_json::Value::Number(n) => match n.as_u64() {
                Some(v) if v <= 128 => Ok(PrefixLength(v as u8)),
                _ => Err(bad(&n.to_string())),
            },
            serde_json::Value::String(t) => match t.trim().trim_start_matches('/').parse::<u8>() {
                Ok(v) if v <= 128 => Ok(PrefixLength(v)),
                _ => Err(bad(&format!("{:?}", crate::parse::echo(&t)))),
            },
            other => Err(bad(&other.to_string())),
        }
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for PrefixLength {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PrefixLength".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A prefix length: 24 or \"/24\".",
            "oneOf": [
                {"type": "integer", "minimum": 0, "maximum": 128},
                {"type": "string", "pattern": "^/?[0-9]{1,3}$"}
            ]
        })
    }
}

/// Schema-only: a CIDR text.
#[cfg(feature = "schema")]
struct CidrText;
#[cfg(feature = "schema")]
impl schemars::JsonSchema for CidrText {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Cidr".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An IPv4 or IPv6 prefix with no host bits set, like 10.0.0.0/16 or 2001:db8::/56.",
            "type": "string",
            "pattern": "^[0-9A-Fa-f:.]+/[0-9]{1,3}$"
        })
    }
}
/// Schema-only: one CIDR or a list.
#[cfg(feature = "schema")]
#[allow(dead_code)]
#[derive(schemars::JsonSchema)]
#[serde(untagged)]
enum CidrOrList {
    One(CidrText),
    Many(Vec<CidrText>),
}
/// Schema-only: a surge.
#[cfg(feature = "schema")]
#[allow(dead_code)]
#[derive(schemars::JsonSchema)]
#[serde(untagged)]
enum SurgeText {
    /// Nodes.
    Nodes(u32),
    /// A percentage like "10%", or a node count as text.
    Text(String),
}

fn ser_opt_surge<S: Serializer>(v: &Option<Surge>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(x) => ser_surge(x, s),
        None => s.serialize_none(),
    }
}

fn is_zero(v: &u64) -> bool {
    *v == 0
}
fn is_default_surge(s: &Surge) -> bool {
    *s == Surge::default()
}

fn ser_surge<S: Serializer>(v: &Surge, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Surge::Nodes(n) => s.serialize_u32(*n),
        Surge::Percent(p) => s.serialize_str(&format!("{p}%")),
    }
}

fn de_cidr<'de, D: Deserializer<'de>>(d: D) -> Result<IpNet, D::Error> {
    use serde::de::Error as _;
    match serde_json::Value::deserialize(d)? {
        serde_json::Value::String(t) => crate::parse_prefix(&t).map_err(D::Error::custom),
        other => Err(D::Error::custom(format!("a CIDR is text like 10.0.0.0/16, not {other}"))),
    }
}
fn ser_cidr<S: Serializer>(v: &IpNet, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&v.to_string())
}
fn de_opt_cidr<'de, D: Deserializer<'de>>(d: D) -> Result<Option<IpNet>, D::Error> {
    de_cidr(d).map(Some)
}
fn ser_opt_cidr<S: Serializer>(v: &Option<IpNet>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => s.serialize_str(&v.to_string()),
        None => s.serialize_none(),
    }
}
fn de_cidrs<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<IpNet>, D::Error> {
    use serde::de::Error as _;
    match serde_json::Value::deserialize(d)? {
        serde_json::Value::String(t) => crate::parse_prefix(&t).map(|n| vec![n]).map_err(D::Error::custom),
        serde_json::Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| match v {
                serde_json::Value::String(t) => {
                    crate::parse_prefix(t).map_err(|e| D::Error::custom(format!("item {i}: {e}")))
                }
                other => Err(D::Error::custom(format!("item {i}: a CIDR is text like 10.0.0.0/16, not {other}"))),
            })
            .collect(),
        other => Err(D::Error::custom(format!("cidr is one CIDR or a list of them, not {other}"))),
    }
}
fn ser_cidr_list<S: Serializer>(v: &[IpNet], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(v.iter().map(|n| n.to_string()))
}
fn ser_cidrs<S: Serializer>(v: &[IpNet], s: S) -> Result<S::Ok, S::Error> {
    if v.len() == 1 {
        s.serialize_str(&v[0].to_string())
    } else {
        s.collect_seq(v.iter().map(|n| n.to_string()))
    }
}
fn de_platform<'de, D: Deserializer<'de>>(d: D) -> Result<Platform, D::Error> {
    use serde::de::Error as _;
    match serde_json::Value::deserialize(d)? {
        serde_json::Value::String(t) => t.parse().map_err(D::Error::custom),
        other => Err(D::Error::custom(format!("platform is text like eks/prefix-delegation/m5.large, not {other}"))),
    }
}
fn ser_platform<S: Serializer>(v: &Platform, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&v.label())
}

/// Tags are text; numbers and booleans are kept as written (`cost_center: 1234`).
fn de_tags<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, String>, D::Error> {
    use serde::de::Error as _;
    let m = BTreeMap::<String, serde_json::Value>::deserialize(d)?;
    m.into_iter()
        .map(|(k, v)| match v {
            serde_json::Value::String(s) => Ok((k, s)),
            serde_json::Value::Number(n) => Ok((k, n.to_string())),
            serde_json::Value::Bool(b) => Ok((k, b.to_string())),
            other => Err(D::Error::custom(format!("tag {k} must be text, not {other}"))),
        })
        .collect()
}
