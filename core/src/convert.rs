//! Conversions between `ipnetwork` (used by sqlx and pnet) and `ipnet` types.
//!
//! ```
//! use cidrplan::convert::{from_ipnetwork, to_ipnetwork};
//! let n: ipnetwork::IpNetwork = "10.0.0.0/8".parse().unwrap();
//! let i = from_ipnetwork(n);
//! assert_eq!(i.to_string(), "10.0.0.0/8");
//! assert_eq!(to_ipnetwork(i), n);
//! ```

use ipnet::{IpNet, Ipv4Net, Ipv6Net};
use ipnetwork::IpNetwork;

/// `ipnetwork::IpNetwork` to `ipnet::IpNet` (the address, host bits and all, is kept).
pub fn from_ipnetwork(n: IpNetwork) -> IpNet {
    match n {
        IpNetwork::V4(v) => IpNet::V4(Ipv4Net::new_assert(v.ip(), v.prefix())),
        IpNetwork::V6(v) => IpNet::V6(Ipv6Net::new_assert(v.ip(), v.prefix())),
    }
}

/// `ipnet::IpNet` to `ipnetwork::IpNetwork`.
pub fn to_ipnetwork(n: IpNet) -> IpNetwork {
    // ipnet prefix lengths are always valid, so the fallbacks (single addresses) are never taken.
    match n {
        IpNet::V4(v) => IpNetwork::V4(
            ipnetwork::Ipv4Network::new(v.addr(), v.prefix_len())
                .unwrap_or_else(|_| ipnetwork::Ipv4Network::from(v.addr())),
        ),
        IpNet::V6(v) => IpNetwork::V6(
            ipnetwork::Ipv6Network::new(v.addr(), v.prefix_len())
                .unwrap_or_else(|_| ipnetwork::Ipv6Network::from(v.addr())),
        ),
    }
}
