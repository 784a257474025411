//! A platform and its network mode (`eks/prefix-delegation/m5.large`, `aks/overlay`,
//! `gke/standard`, `kubernetes/24`), and the rule that sizes one pool of nodes on it:
//! each platform module's own.

use crate::aks;
use crate::cluster::{Requirement, Sizing};
use crate::eks::{self, EksMode};
use crate::gke::{self, ClusterKind};
use crate::k8s;
use crate::{Error, Result};

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
            // the mode alone: the instance type comes from the cluster's or each pool's
            // `instance_type`
            ["eks", mode @ ("secondary-ip" | "prefix-delegation" | "custom-networking")] => Ok(Platform::Eks {
                instance_type: String::new(),
                mode: match *mode {
                    "secondary-ip" => EksMode::SecondaryIp,
                    "prefix-delegation" => EksMode::PrefixDelegation,
                    _ => EksMode::CustomNetworking,
                },
            }),
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
#[non_exhaustive]
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

impl std::fmt::Display for Platform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label())
    }
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
            Platform::Eks { instance_type, mode } if instance_type.is_empty() => format!("eks/{}", mode.name()),
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

/// The EKS instance type a comparison of every platform uses when none is given.
pub const DEFAULT_INSTANCE_TYPE: &str = "m5.large";

impl Platform {
    /// What a comparison compares: the platforms `specs` name, or, when it names none,
    /// every platform and mode ([`Platform::all`]) with EKS on `instance_type`, else on
    /// [`DEFAULT_INSTANCE_TYPE`].
    ///
    /// ```
    /// use cidrplan::plan::Platform;
    /// let two = Platform::chosen(&["gke", "aks/overlay"], None).unwrap();
    /// assert_eq!(two.iter().map(Platform::label).collect::<Vec<_>>(), ["gke/standard", "aks/overlay"]);
    /// let all = Platform::chosen::<&str>(&[], None).unwrap();
    /// assert_eq!((all.len(), all[0].label().as_str()), (10, "eks/secondary-ip/m5.large"));
    /// assert_eq!(Platform::chosen::<&str>(&[], Some("m6i.large")).unwrap()[0].label(), "eks/secondary-ip/m6i.large");
    /// assert!(Platform::chosen(&["eks"], None).is_err()); // EKS needs an instance type
    /// ```
    pub fn chosen<S: AsRef<str>>(specs: &[S], instance_type: Option<&str>) -> Result<Vec<Platform>> {
        if specs.is_empty() {
            return Ok(Platform::all(instance_type.unwrap_or(DEFAULT_INSTANCE_TYPE)));
        }
        specs.iter().map(|s| s.as_ref().parse()).collect()
    }

    /// The ranges one pool of `req`'s nodes needs on this platform (its pools ignored:
    /// `plan::size` adds pools up).
    pub(crate) fn size_one_pool(&self, req: &Requirement) -> Result<Sizing> {
        match self {
            Platform::Eks { instance_type, mode } => eks::size(instance_type, *mode, req),
            Platform::Aks { mode } => aks::size(*mode, req),
            Platform::Gke { kind } => gke::size(*kind, req),
            Platform::Kubernetes { node_mask } => k8s::size(*node_mask, req),
        }
    }
}
