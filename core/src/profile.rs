//! Address profiles: which addresses of a subnet a platform keeps for itself,
//! and which subnet sizes it allows.
//!
//! Sources (see `capacity-rules.md`): RFC 3021 and Python `ipaddress.hosts()`
//! (standard), AWS VPC user guide "Subnet CIDR blocks", Azure VNet FAQ, GCP VPC
//! "unusable addresses", OCI VCN documentation.

use crate::addr::{first, host_bits, last, u128_to_addr, Family};
use crate::{Error, Result};
use ipnet::IpNet;
use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;

/// A platform's rules for one subnet.
///
/// ```
/// use cidrplan::AddressProfile;
/// let p: AddressProfile = "aws".parse().unwrap();
/// assert_eq!(p, AddressProfile::Aws);
/// assert_eq!(p.usable_hosts(&"10.0.0.0/24".parse().unwrap()).unwrap(), 251);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum AddressProfile {
    /// On-prem: network and broadcast reserved, none for /31 and /32 (RFC 3021).
    /// IPv6 follows `ipaddress.hosts()`: the Subnet-Router anycast (first) address
    /// is reserved, none for /127 and /128.
    #[default]
    Standard,
    /// AWS VPC: network, +1 router, +2 DNS, +3 future, broadcast; /16 to /28; IPv6 exactly /64.
    Aws,
    /// Azure VNet: network, +1 gateway, +2 and +3 DNS, broadcast; /29 to /2 (current FAQ).
    Azure,
    /// Azure with the older FAQ's largest size, /8. Same reservations as `Azure`.
    AzureOlderFaq,
    /// Google Cloud: network, +1 gateway, second-to-last, broadcast; /29 to /8.
    Gcp,
    /// Oracle Cloud: network, +1 gateway, broadcast; /30 to /16.
    Oci,
}

impl AddressProfile {
    /// Every profile, in a stable order.
    pub const ALL: [AddressProfile; 6] = [
        AddressProfile::Standard,
        AddressProfile::Aws,
        AddressProfile::Azure,
        AddressProfile::AzureOlderFaq,
        AddressProfile::Gcp,
        AddressProfile::Oci,
    ];

    /// The profile's name as accepted by `FromStr`.
    ///
    /// ```
    /// assert_eq!(cidrplan::AddressProfile::Gcp.name(), "gcp");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            AddressProfile::Standard => "standard",
            AddressProfile::Aws => "aws",
            AddressProfile::Azure => "azure",
            AddressProfile::AzureOlderFaq => "azure-older-faq",
            AddressProfile::Gcp => "gcp",
            AddressProfile::Oci => "oci",
        }
    }

    /// Smallest and largest allowed subnet prefix lengths for a family
    /// (smallest subnet = longest prefix). `None` where the platform has no rule
    /// for that family in cidrplan's sources.
    ///
    /// ```
    /// use cidrplan::{AddressProfile, Family};
    /// assert_eq!(AddressProfile::Aws.size_limits(Family::V4), Some((16, 28)));
    /// assert_eq!(AddressProfile::Aws.size_limits(Family::V6), Some((44, 64))); // in steps of 4
    /// assert_eq!(AddressProfile::Gcp.size_limits(Family::V6), None);
    /// ```
    pub const fn size_limits(self, family: Family) -> Option<(u8, u8)> {
        match (self, family) {
            (AddressProfile::Standard, Family::V4) => Some((0, 32)),
            (AddressProfile::Standard, Family::V6) => Some((0, 128)),
            (AddressProfile::Aws, Family::V4) => Some((16, 28)),
            // VPC User Guide, "Subnet CIDR blocks": "Possible IPv6 netmask lengths are between
            // /44 and /64 in increments of /4" (it was a fixed /64 until AWS added the others)
            (AddressProfile::Aws, Family::V6) => Some((44, 64)),
            (AddressProfile::Azure, Family::V4) => Some((2, 29)),
            (AddressProfile::AzureOlderFaq, Family::V4) => Some((8, 29)),
            (AddressProfile::Azure | AddressProfile::AzureOlderFaq, Family::V6) => Some((64, 64)),
            (AddressProfile::Gcp, Family::V4) => Some((8, 29)),
            (AddressProfile::Oci, Family::V4) => Some((16, 30)),
            (AddressProfile::Gcp | AddressProfile::Oci, Family::V6) => None,
        }
    }

    /// The step between allowed subnet prefix lengths within [`size_limits`](Self::size_limits):
    /// AWS IPv6 subnets go in increments of /4 (/44, /48 ... /64), every other rule is 1.
    ///
    /// ```
    /// use cidrplan::{AddressProfile, Family};
    /// assert_eq!(AddressProfile::Aws.size_step(Family::V6), 4);
    /// assert_eq!(AddressProfile::Aws.size_step(Family::V4), 1);
    /// assert!(!AddressProfile::Aws.inspect(&"2600:1f18::/62".parse().unwrap()).unwrap().size_allowed);
    /// assert!(AddressProfile::Aws.inspect(&"2600:1f18::/60".parse().unwrap()).unwrap().size_allowed);
    /// ```
    pub const fn size_step(self, family: Family) -> u8 {
        match (self, family) {
            (AddressProfile::Aws, Family::V6) => 4,
            _ => 1,
        }
    }

    /// Whether a subnet of prefix length `len` is one the platform allows.
    pub(crate) fn allows_len(self, family: Family, len: u8) -> bool {
        let step = self.size_step(family);
        self.size_limits(family)
            .is_some_and(|(big, small)| len >= big && len <= small && (len - big).is_multiple_of(step))
    }

    /// The allowed subnet sizes in words, as findings say them; `None` where there is no rule.
    ///
    /// ```
    /// use cidrplan::{AddressProfile, Family};
    /// assert_eq!(AddressProfile::Aws.allowed_sizes_text(Family::V4).unwrap(), "/16 to /28");
    /// assert_eq!(AddressProfile::Aws.allowed_sizes_text(Family::V6).unwrap(), "/44 to /64 in steps of 4");
    /// assert_eq!(AddressProfile::Azure.allowed_sizes_text(Family::V6).unwrap(), "exactly /64");
    /// ```
    pub fn allowed_sizes_text(self, family: Family) -> Option<String> {
        let (lo, hi) = self.size_limits(family)?;
        let step = self.size_step(family);
        Some(match (lo == hi, step) {
            (true, _) => format!("exactly /{lo}"),
            (false, 1) => format!("/{lo} to /{hi}"),
            (false, s) => format!("/{lo} to /{hi} in steps of {s}"),
        })
    }

    /// The reserved addresses of a subnet, as (offset-from-start or from-end, role).
    /// Errors when the profile has no reservation rule for the family.
    fn reserved_rule(self, net: &IpNet) -> Result<Vec<(Reserved, &'static str)>> {
        use Reserved::{FromEnd, FromStart};
        let fam = Family::of(net);
        let hb = host_bits(net);
        Ok(match (self, fam) {
            (AddressProfile::Standard, Family::V4) if hb <= 1 => vec![],
            (AddressProfile::Standard, Family::V4) => vec![(FromStart(0), "network"), (FromEnd(0), "broadcast")],
            (AddressProfile::Standard, Family::V6) if hb <= 1 => vec![],
            (AddressProfile::Standard, Family::V6) => vec![(FromStart(0), "subnet-router anycast")],
            (AddressProfile::Aws, _) => vec![
                (FromStart(0), "network"),
                (FromStart(1), "VPC router"),
                (FromStart(2), "DNS server"),
                (FromStart(3), "reserved for future use"),
                (FromEnd(0), if fam == Family::V4 { "broadcast" } else { "reserved (last address)" }),
            ],
            (AddressProfile::Azure | AddressProfile::AzureOlderFaq, Family::V4) => vec![
                (FromStart(0), "network"),
                (FromStart(1), "default gateway"),
                (FromStart(2), "Azure DNS"),
                (FromStart(3), "Azure DNS"),
                (FromEnd(0), "broadcast"),
            ],
            (AddressProfile::Gcp, Family::V4) => vec![
                (FromStart(0), "network"),
                (FromStart(1), "default gateway"),
                (FromEnd(1), "second-to-last (reserved by Google Cloud)"),
                (FromEnd(0), "broadcast"),
            ],
            (AddressProfile::Oci, Family::V4) => {
                vec![(FromStart(0), "network"), (FromStart(1), "default gateway"), (FromEnd(0), "broadcast")]
            }
            (p, Family::V6) => {
                return Err(Error::InvalidArgument(format!(
                    "{net}: cidrplan has no IPv6 reservation rule for profile {}; use profile standard or aws",
                    p.name()
                )))
            }
        })
    }

    /// Addresses in `net` that hosts can use under this profile.
    ///
    /// ```
    /// use cidrplan::AddressProfile;
    /// let n = |s: &str| s.parse().unwrap();
    /// assert_eq!(AddressProfile::Standard.usable_hosts(&n("10.0.0.0/24")).unwrap(), 254);
    /// assert_eq!(AddressProfile::Standard.usable_hosts(&n("10.0.0.0/31")).unwrap(), 2);
    /// assert_eq!(AddressProfile::Azure.usable_hosts(&n("10.0.0.0/24")).unwrap(), 251);
    /// assert_eq!(AddressProfile::Gcp.usable_hosts(&n("10.0.0.0/24")).unwrap(), 252);
    /// assert_eq!(AddressProfile::Oci.usable_hosts(&n("10.0.0.0/24")).unwrap(), 253);
    /// assert_eq!(AddressProfile::Aws.usable_hosts(&n("10.0.0.0/30")).unwrap(), 0);
    /// ```
    pub fn usable_hosts(self, net: &IpNet) -> Result<u128> {
        let reserved = self.reserved_rule(net)?;
        let hb = host_bits(net);
        let total = crate::addr::block_size_saturating(hb);
        let reserved_count = self.reserved_addresses_in(net, &reserved).len() as u128;
        // ::/0 saturates at u128::MAX; it has 2^128 - 1 usable under standard.
        if hb == 128 {
            return Ok(u128::MAX - (reserved_count - 1));
        }
        Ok(total.saturating_sub(reserved_count))
    }

    fn reserved_addresses_in(self, net: &IpNet, rule: &[(Reserved, &'static str)]) -> Vec<(u128, &'static str)> {
        let lo = first(net);
        let hi = last(net);
        let mut out: Vec<(u128, &'static str)> = Vec::new();
        for (r, role) in rule {
            let v = match *r {
                Reserved::FromStart(k) => lo.checked_add(k).filter(|v| *v <= hi),
                Reserved::FromEnd(k) => hi.checked_sub(k).filter(|v| *v >= lo),
            };
            if let Some(v) = v {
                if !out.iter().any(|(a, _)| *a == v) {
                    out.push((v, role));
                }
            }
        }
        out.sort_by_key(|(a, _)| *a);
        out
    }

    /// Everything about `net` under this profile; see [`PrefixInfo`].
    ///
    /// ```
    /// use cidrplan::AddressProfile;
    /// let info = AddressProfile::Aws.inspect(&"10.0.0.0/24".parse().unwrap()).unwrap();
    /// assert_eq!(info.usable, 251);
    /// assert_eq!(info.first_usable.unwrap().to_string(), "10.0.0.4");
    /// assert_eq!(info.last_usable.unwrap().to_string(), "10.0.0.254");
    /// assert!(info.size_allowed); // AWS subnets are /16 to /28
    /// assert_eq!(info.reserved.len(), 5);
    /// assert!(!AddressProfile::Aws.inspect(&"10.0.0.0/29".parse().unwrap()).unwrap().size_allowed);
    /// ```
    pub fn inspect(self, net: &IpNet) -> Result<PrefixInfo> {
        let rule = self.reserved_rule(net)?;
        let fam = Family::of(net);
        let hb = host_bits(net);
        let reserved = self.reserved_addresses_in(net, &rule);
        let usable = self.usable_hosts(net)?;
        let lo = first(net);
        let hi = last(net);
        let first_usable = (lo..=hi).find(|a| !reserved.iter().any(|(r, _)| r == a));
        // reserved addresses sit at both ends, so at most a handful of steps either way
        let last_usable = (lo..=hi).rev().take(8).find(|a| !reserved.iter().any(|(r, _)| r == a));
        let (first_usable, last_usable) = if usable == 0 { (None, None) } else { (first_usable, last_usable) };
        let limits = self.size_limits(fam);
        let size_allowed = self.allows_len(fam, net.prefix_len());
        Ok(PrefixInfo {
            prefix: *net,
            profile: self,
            family: fam,
            prefix_len: net.prefix_len(),
            network: net.network(),
            last_address: net.broadcast(),
            broadcast: if fam == Family::V4 && hb >= 2 { Some(net.broadcast()) } else { None },
            netmask: net.netmask(),
            hostmask: net.hostmask(),
            total_addresses: crate::addr::block_size_saturating(hb),
            usable,
            first_usable: first_usable.map(|a| u128_to_addr(fam, a)),
            last_usable: last_usable.map(|a| u128_to_addr(fam, a)),
            reserved: reserved
                .into_iter()
                .map(|(a, role)| ReservedAddress { address: u128_to_addr(fam, a), role: role.to_string() })
                .collect(),
            size_allowed,
            smallest_prefix_len: limits.map(|l| l.1),
            largest_prefix_len: limits.map(|l| l.0),
            prefix_len_step: self.size_step(fam),
        })
    }

    /// Smallest subnet (longest prefix) of `family` that gives at least `hosts`
    /// usable addresses under this profile, never smaller than the profile allows.
    ///
    /// ```
    /// use cidrplan::{AddressProfile, Family};
    /// assert_eq!(AddressProfile::Standard.prefix_for_hosts(Family::V4, 254).unwrap(), 24);
    /// assert_eq!(AddressProfile::Standard.prefix_for_hosts(Family::V4, 255).unwrap(), 23);
    /// assert_eq!(AddressProfile::Aws.prefix_for_hosts(Family::V4, 251).unwrap(), 24);
    /// assert_eq!(AddressProfile::Aws.prefix_for_hosts(Family::V4, 3).unwrap(), 28); // AWS minimum
    /// assert!(AddressProfile::Aws.prefix_for_hosts(Family::V4, 70_000).is_err()); // over /16
    /// ```
    pub fn prefix_for_hosts(self, family: Family, hosts: u128) -> Result<u8> {
        let (largest, smallest) = self.size_limits(family).ok_or_else(|| {
            Error::InvalidArgument(format!(
                "profile {} has no {} subnet rule in cidrplan's sources",
                self.name(),
                family.name()
            ))
        })?;
        for len in (largest..=smallest).rev().filter(|&l| self.allows_len(family, l)) {
            let probe = crate::addr::make_net(family, 0, len);
            if self.usable_hosts(&probe)? >= hosts {
                return Ok(len);
            }
        }
        Err(Error::DoesNotFit(format!(
            "{hosts} hosts do not fit in one {} subnet under profile {}: the largest allowed is /{largest}{}",
            family.name(),
            self.name(),
            if largest == 0 {
                String::new()
            } else {
                format!(" ({} usable)", self.usable_hosts(&crate::addr::make_net(family, 0, largest)).unwrap_or(0))
            }
        )))
    }
}

#[derive(Debug, Clone, Copy)]
enum Reserved {
    FromStart(u128),
    FromEnd(u128),
}

impl fmt::Display for AddressProfile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for AddressProfile {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let key = s.trim().to_ascii_lowercase().replace('_', "-");
        AddressProfile::ALL.into_iter().find(|p| p.name() == key).ok_or_else(|| {
            Error::InvalidArgument(format!(
                "unknown address profile {:?}; choose one of standard, aws, azure, azure-older-faq, gcp, oci",
                crate::parse::echo(s)
            ))
        })
    }
}

/// One reserved address and why it is reserved.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct ReservedAddress {
    /// The address.
    pub address: IpAddr,
    /// What the platform uses it for.
    pub role: String,
}

/// A count of addresses where `u128::MAX` stands for 2^128 (the whole IPv6 space),
/// written and read as the exact number.
#[cfg(feature = "serde")]
mod whole_space_count {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    const TWO_TO_128: &str = "340282366920938463463374607431768211456";

    pub fn serialize<S: Serializer>(v: &u128, s: S) -> Result<S::Ok, S::Error> {
        match TWO_TO_128.parse::<serde_json::Number>() {
            Ok(n) if *v == u128::MAX => n.serialize(s),
            _ => s.serialize_u128(*v),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u128, D::Error> {
        let text = match serde_json::Value::deserialize(d)? {
            serde_json::Value::Number(n) => n.to_string(),
            serde_json::Value::String(t) => t,
            other => return Err(serde::de::Error::custom(format!("a count of addresses, not {other}"))),
        };
        if text == TWO_TO_128 {
            return Ok(u128::MAX);
        }
        text.parse().map_err(|_| serde::de::Error::custom(format!("a count of addresses up to 2^128, not {text}")))
    }
}

/// The result of [`AddressProfile::inspect`] / [`inspect`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct PrefixInfo {
    /// The prefix inspected.
    pub prefix: IpNet,
    /// The profile applied.
    pub profile: AddressProfile,
    /// Its family.
    pub family: Family,
    /// Its prefix length.
    pub prefix_len: u8,
    /// First address.
    pub network: IpAddr,
    /// Last address (what Python calls `broadcast_address`, for both families).
    pub last_address: IpAddr,
    /// IPv4 broadcast address; `None` for IPv6 and for /31 and /32.
    pub broadcast: Option<IpAddr>,
    /// Netmask.
    pub netmask: IpAddr,
    /// Hostmask (wildcard mask).
    pub hostmask: IpAddr,
    /// Number of addresses. `::/0` holds 2^128, one more than a `u128` holds: it is
    /// `u128::MAX` here (no other prefix can give that value: every other count is a
    /// power of two), and serialized as the exact 340282366920938463463374607431768211456,
    /// as Python and JavaScript read it.
    ///
    /// ```
    /// let info = cidrplan::inspect(&"::/0".parse().unwrap(), cidrplan::AddressProfile::Standard).unwrap();
    /// assert_eq!(info.total_addresses, u128::MAX);
    /// # #[cfg(feature = "serde")]
    /// assert_eq!(serde_json::to_value(&info).unwrap()["total_addresses"].to_string(), "340282366920938463463374607431768211456");
    /// ```
    #[cfg_attr(feature = "serde", serde(with = "whole_space_count"))]
    #[cfg_attr(feature = "typescript", tsify(type = "Count"))]
    pub total_addresses: u128,
    /// Addresses usable by hosts under the profile.
    #[cfg_attr(feature = "typescript", tsify(type = "Count"))]
    pub usable: u128,
    /// First usable address, if any.
    pub first_usable: Option<IpAddr>,
    /// Last usable address, if any.
    pub last_usable: Option<IpAddr>,
    /// The reserved addresses with their roles, in address order.
    pub reserved: Vec<ReservedAddress>,
    /// Whether the platform allows a subnet of this size.
    pub size_allowed: bool,
    /// Longest prefix length (smallest subnet) the platform allows.
    pub smallest_prefix_len: Option<u8>,
    /// Shortest prefix length (largest subnet) the platform allows.
    pub largest_prefix_len: Option<u8>,
    /// The step between allowed prefix lengths (4 for AWS IPv6: /44, /48 ... /64; else 1).
    pub prefix_len_step: u8,
}

/// Inspect `net` under `profile`; a shorthand for [`AddressProfile::inspect`].
///
/// ```
/// let info = cidrplan::inspect(&"192.168.1.0/24".parse().unwrap(), cidrplan::AddressProfile::Standard).unwrap();
/// assert_eq!(info.usable, 254);
/// assert_eq!(info.broadcast.unwrap().to_string(), "192.168.1.255");
/// assert_eq!(info.netmask.to_string(), "255.255.255.0");
/// assert_eq!(info.hostmask.to_string(), "0.0.0.255");
/// ```
pub fn inspect(net: &IpNet, profile: AddressProfile) -> Result<PrefixInfo> {
    profile.inspect(net)
}

/// Usable host count of `net` under `profile`; a shorthand for [`AddressProfile::usable_hosts`].
///
/// ```
/// use cidrplan::{usable_hosts, AddressProfile};
/// assert_eq!(usable_hosts(&"10.0.0.0/24".parse().unwrap(), AddressProfile::Aws).unwrap(), 251);
/// ```
pub fn usable_hosts(net: &IpNet, profile: AddressProfile) -> Result<u128> {
    profile.usable_hosts(net)
}
