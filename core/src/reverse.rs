//! Reverse DNS names, for DNS zone planning: the PTR name of an address (what Python's
//! `ipaddress` calls `reverse_pointer`) and the reverse zones that hold a prefix
//! (`in-addr.arpa` by octet, `ip6.arpa` by nibble, RFC 2317's classless names for an IPv4
//! prefix longer than /24), and the exploded IPv6 form.

use crate::addr::{addr_to_u128, first, Family};
use crate::{Error, Result};
use ipnet::IpNet;
use std::net::IpAddr;

/// The most zones [`reverse_zones`] lists: an IPv4 /17 is 128 /24 zones, an IPv6 prefix
/// at most 8 nibble zones; nothing legal asks for more.
pub const MAX_REVERSE_ZONES: usize = 128;

/// The PTR name of an address, as `ipaddress`'s `reverse_pointer` gives it (without the
/// trailing dot).
///
/// ```
/// use cidrplan::reverse_pointer;
/// assert_eq!(reverse_pointer("192.0.2.5".parse().unwrap()), "5.2.0.192.in-addr.arpa");
/// assert_eq!(
///     reverse_pointer("2001:db8::1".parse().unwrap()),
///     "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa"
/// );
/// ```
pub fn reverse_pointer(address: IpAddr) -> String {
    match address {
        IpAddr::V4(a) => {
            let o = a.octets();
            format!("{}.{}.{}.{}.in-addr.arpa", o[3], o[2], o[1], o[0])
        }
        IpAddr::V6(a) => nibbles(u128::from(a), 32) + "ip6.arpa",
    }
}

/// The first `count` nibbles of `value` (from the top), reversed and dot-separated, with a
/// trailing dot.
fn nibbles(value: u128, count: u32) -> String {
    let mut out = String::with_capacity(count as usize * 2 + 9);
    for i in (0..count).rev() {
        let nibble = (value >> (124 - 4 * i)) & 0xf;
        out.push(char::from_digit(nibble as u32, 16).unwrap_or('0'));
        out.push('.');
    }
    out
}

/// The reverse DNS zones that hold exactly `prefix`, in address order.
///
/// IPv4 zones are per octet (`10.in-addr.arpa`, `2.0.192.in-addr.arpa`); a prefix between
/// two octet boundaries is the zones of the next boundary (a /22 is four /24 zones); a
/// prefix longer than /24 is one RFC 2317 classless zone, `<first>/<length>.c.b.a.in-addr.arpa`
/// (the RFC's own example is `0/25.2.0.192.in-addr.arpa`), and a /32 is its PTR name.
/// IPv6 zones are per nibble: a prefix off a nibble boundary is the zones of the next one
/// (a /49 is eight /52 zones).
///
/// ```
/// use cidrplan::reverse_zones;
/// let z = |p: &str| reverse_zones(&p.parse().unwrap()).unwrap();
/// assert_eq!(z("10.0.0.0/8"), ["10.in-addr.arpa"]);
/// assert_eq!(z("192.0.2.0/24"), ["2.0.192.in-addr.arpa"]);
/// assert_eq!(z("192.0.2.0/25"), ["0/25.2.0.192.in-addr.arpa"]);
/// assert_eq!(z("10.1.4.0/23"), ["4.1.10.in-addr.arpa", "5.1.10.in-addr.arpa"]);
/// assert_eq!(z("2001:db8::/32"), ["8.b.d.0.1.0.0.2.ip6.arpa"]);
/// assert_eq!(z("2001:db8::/33").len(), 8);
/// assert_eq!(z("0.0.0.0/0"), ["in-addr.arpa"]);
/// ```
pub fn reverse_zones(prefix: &IpNet) -> Result<Vec<String>> {
    let net = prefix.trunc();
    let len = u32::from(net.prefix_len());
    let start = first(&net);
    match Family::of(&net) {
        Family::V4 => {
            if len > 24 {
                let o = (start as u32).to_be_bytes();
                return Ok(vec![if len == 32 {
                    format!("{}.{}.{}.{}.in-addr.arpa", o[3], o[2], o[1], o[0])
                } else {
                    format!("{}/{len}.{}.{}.{}.in-addr.arpa", o[3], o[2], o[1], o[0])
                }]);
            }
            let zone_len = len.div_ceil(8) * 8;
            let count = 1usize << (zone_len - len);
            Ok((0..count)
                .map(|i| {
                    // zone_len is 0, 8, 16 or 24 here: the shift stays under 64
                    let base = (start as u64 + ((i as u64) << (32 - zone_len))) as u32;
                    let octets = base.to_be_bytes();
                    let mut name = String::new();
                    for o in octets[..(zone_len / 8) as usize].iter().rev() {
                        name.push_str(&format!("{o}."));
                    }
                    name + "in-addr.arpa"
                })
                .collect())
        }
        Family::V6 => {
            let zone_len = len.div_ceil(4) * 4;
            let count = 1usize << (zone_len - len);
            if count > MAX_REVERSE_ZONES {
                return Err(Error::LimitExceeded(format!("{net}: {count} reverse zones")));
            }
            Ok((0..count as u128)
                .map(|i| {
                    let base = if zone_len == 0 { 0 } else { start | (i << (128 - zone_len)) };
                    nibbles(base, zone_len / 4) + "ip6.arpa"
                })
                .collect())
        }
    }
}

/// An address in full: IPv6 with every group four hex digits and no `::`, as
/// `ipaddress`'s `exploded`; IPv4 as it is.
///
/// ```
/// assert_eq!(cidrplan::exploded("2001:db8::1".parse().unwrap()), "2001:0db8:0000:0000:0000:0000:0000:0001");
/// assert_eq!(cidrplan::exploded("10.0.0.1".parse().unwrap()), "10.0.0.1");
/// ```
pub fn exploded(address: IpAddr) -> String {
    match address {
        IpAddr::V4(a) => a.to_string(),
        IpAddr::V6(_) => {
            let v = addr_to_u128(address);
            (0..8).map(|i| format!("{:04x}", (v >> (112 - 16 * i)) & 0xffff)).collect::<Vec<_>>().join(":")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones_cover_the_prefix_and_nothing_else() {
        let z = |p: &str| reverse_zones(&p.parse().unwrap()).unwrap();
        assert_eq!(z("10.0.0.0/7"), ["10.in-addr.arpa", "11.in-addr.arpa"]);
        assert_eq!(z("10.0.128.0/17").len(), 128);
        assert_eq!(z("10.0.128.0/17")[0], "128.0.10.in-addr.arpa");
        assert_eq!(z("10.0.128.0/17")[127], "255.0.10.in-addr.arpa");
        assert_eq!(z("192.0.2.64/26"), ["64/26.2.0.192.in-addr.arpa"]);
        assert_eq!(z("192.0.2.5/32"), ["5.2.0.192.in-addr.arpa"]);
        assert_eq!(z("::/0"), ["ip6.arpa"]);
        assert_eq!(
            z("::/1"),
            [
                "0.ip6.arpa",
                "1.ip6.arpa",
                "2.ip6.arpa",
                "3.ip6.arpa",
                "4.ip6.arpa",
                "5.ip6.arpa",
                "6.ip6.arpa",
                "7.ip6.arpa"
            ]
        );
        assert_eq!(z("2001:db8::1/128").len(), 1);
        assert!(z("2001:db8::1/128")[0].starts_with("1.0.0.0."));
        assert_eq!(z("0.0.0.0/1").len(), 128);
    }
}
