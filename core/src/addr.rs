//! Address arithmetic shared by every module: prefixes as integer ranges.
//!
//! Both families are held in a `u128` so one implementation serves IPv4 and IPv6;
//! `Family::bits` tells how many of those bits are meaningful.

use ipnet::{IpNet, Ipv4Net, Ipv6Net};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// An IP address family.
///
/// ```
/// use cidrplan::Family;
/// assert_eq!(Family::V4.bits(), 32);
/// assert_eq!(Family::of(&"2001:db8::/32".parse().unwrap()), Family::V6);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum Family {
    /// IPv4, 32-bit addresses.
    V4,
    /// IPv6, 128-bit addresses.
    V6,
}

impl Family {
    /// Address width in bits: 32 or 128.
    ///
    /// ```
    /// assert_eq!(cidrplan::Family::V6.bits(), 128);
    /// ```
    pub const fn bits(self) -> u8 {
        match self {
            Family::V4 => 32,
            Family::V6 => 128,
        }
    }

    /// The family of a prefix.
    ///
    /// ```
    /// use cidrplan::Family;
    /// assert_eq!(Family::of(&"10.0.0.0/8".parse().unwrap()), Family::V4);
    /// ```
    pub fn of(net: &IpNet) -> Family {
        match net {
            IpNet::V4(_) => Family::V4,
            IpNet::V6(_) => Family::V6,
        }
    }

    /// The family of an address.
    ///
    /// ```
    /// use cidrplan::Family;
    /// assert_eq!(Family::of_addr(&"::1".parse().unwrap()), Family::V6);
    /// ```
    pub fn of_addr(addr: &IpAddr) -> Family {
        match addr {
            IpAddr::V4(_) => Family::V4,
            IpAddr::V6(_) => Family::V6,
        }
    }

    /// Largest address value of the family.
    pub(crate) const fn max(self) -> u128 {
        match self {
            Family::V4 => u32::MAX as u128,
            Family::V6 => u128::MAX,
        }
    }

    /// "IPv4" or "IPv6", for messages.
    pub(crate) const fn name(self) -> &'static str {
        match self {
            Family::V4 => "IPv4",
            Family::V6 => "IPv6",
        }
    }
}

/// The network address of `net` in bits, as bit views of subnet calculators show it:
/// IPv4 as four octets of 8 bits joined by `.`, IPv6 as eight groups of 16 bits joined
/// by `:`. The first `net.prefix_len()` digits are the network bits.
///
/// ```
/// let net = "10.1.128.0/17".parse().unwrap();
/// assert_eq!(cidrplan::network_bits(&net), "00001010.00000001.10000000.00000000");
/// let v6 = cidrplan::network_bits(&"2001:db8:4000::/34".parse().unwrap());
/// assert_eq!(v6.split(':').take(3).collect::<Vec<_>>(), ["0010000000000001", "0000110110111000", "0100000000000000"]);
/// assert_eq!(v6.len(), 128 + 7);
/// ```
pub fn network_bits(net: &IpNet) -> String {
    let family = Family::of(net);
    let (group, sep) = if family == Family::V4 { (8, '.') } else { (16, ':') };
    let bits = family.bits() as usize;
    let value = first(net);
    let mut out = String::with_capacity(bits + bits / group);
    for i in 0..bits {
        if i > 0 && i % group == 0 {
            out.push(sep);
        }
        out.push(if value >> (bits - 1 - i) & 1 == 1 { '1' } else { '0' });
    }
    out
}

/// Address as an integer.
pub(crate) fn addr_to_u128(addr: IpAddr) -> u128 {
    match addr {
        IpAddr::V4(a) => u32::from(a) as u128,
        IpAddr::V6(a) => u128::from(a),
    }
}

/// Integer back to an address of the family; `value` must fit the family.
pub(crate) fn u128_to_addr(family: Family, value: u128) -> IpAddr {
    match family {
        Family::V4 => IpAddr::V4(Ipv4Addr::from(value as u32)),
        Family::V6 => IpAddr::V6(Ipv6Addr::from(value)),
    }
}

/// Number of addresses in a block with `host_bits` host bits, minus one
/// (so that a whole-space block does not overflow).
pub(crate) const fn span_minus_one(host_bits: u8) -> u128 {
    if host_bits >= 128 {
        u128::MAX
    } else {
        (1u128 << host_bits) - 1
    }
}

/// `2^host_bits`, saturating at `u128::MAX` for the whole IPv6 space.
pub(crate) const fn block_size_saturating(host_bits: u8) -> u128 {
    if host_bits >= 128 {
        u128::MAX
    } else {
        1u128 << host_bits
    }
}

/// First address of a prefix as an integer.
pub(crate) fn first(net: &IpNet) -> u128 {
    addr_to_u128(net.network())
}

/// Last address of a prefix as an integer.
pub(crate) fn last(net: &IpNet) -> u128 {
    first(net) | span_minus_one(host_bits(net))
}

/// Host bits of a prefix.
pub(crate) fn host_bits(net: &IpNet) -> u8 {
    Family::of(net).bits() - net.prefix_len()
}

/// Build a prefix from an aligned start and a length (both already valid).
pub(crate) fn make_net(family: Family, start: u128, len: u8) -> IpNet {
    match family {
        Family::V4 => IpNet::V4(Ipv4Net::new_assert(Ipv4Addr::from(start as u32), len)),
        Family::V6 => IpNet::V6(Ipv6Net::new_assert(Ipv6Addr::from(start), len)),
    }
}

/// An inclusive integer address range of one family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Span {
    pub lo: u128,
    pub hi: u128,
}

impl Span {
    pub fn of(net: &IpNet) -> Span {
        Span { lo: first(net), hi: last(net) }
    }

    /// Number of addresses minus one.
    pub fn width_minus_one(&self) -> u128 {
        self.hi - self.lo
    }
}

/// Append the minimal list of CIDR blocks that exactly cover `[lo, hi]`, in
/// address order. This is what `ipaddress.summarize_address_range` does.
pub(crate) fn push_range_as_prefixes(family: Family, mut lo: u128, hi: u128, out: &mut Vec<IpNet>) {
    let bits = family.bits();
    loop {
        // Largest block allowed by the alignment of `lo`.
        let align_bits = if lo == 0 { bits } else { (lo.trailing_zeros() as u8).min(bits) };
        // Largest block that does not run past `hi`: 2^b - 1 <= hi - lo.
        let remaining = hi - lo;
        let len_bits = if remaining == u128::MAX { 128 } else { 127 - (remaining + 1).leading_zeros() as u8 };
        let b = align_bits.min(len_bits).min(bits);
        out.push(make_net(family, lo, bits - b));
        let block_last = lo | span_minus_one(b);
        if block_last >= hi {
            break;
        }
        lo = block_last + 1;
    }
}

/// IPv4 fast path of [`push_range_as_prefixes`] in 64-bit arithmetic.
pub(crate) fn push_v4_range_as_prefixes(mut lo: u64, hi: u64, out: &mut Vec<IpNet>) {
    loop {
        let align_bits = if lo == 0 { 32 } else { lo.trailing_zeros().min(32) };
        let len_bits = 63 - (hi - lo + 1).leading_zeros();
        let b = align_bits.min(len_bits);
        out.push(IpNet::V4(Ipv4Net::new_assert(Ipv4Addr::from(lo as u32), (32 - b) as u8)));
        lo += 1u64 << b;
        if lo > hi {
            break;
        }
    }
}

/// Count the prefixes `push_range_as_prefixes` would produce, without building them.
pub(crate) fn count_range_prefixes(family: Family, mut lo: u128, hi: u128) -> usize {
    let bits = family.bits();
    let mut n = 0;
    loop {
        let align_bits = if lo == 0 { bits } else { (lo.trailing_zeros() as u8).min(bits) };
        let remaining = hi - lo;
        let len_bits = if remaining == u128::MAX { 128 } else { 127 - (remaining + 1).leading_zeros() as u8 };
        let b = align_bits.min(len_bits).min(bits);
        n += 1;
        let block_last = lo | span_minus_one(b);
        if block_last >= hi {
            return n;
        }
        lo = block_last + 1;
    }
}

/// The family shared by all prefixes, or a `MixedFamilies` error naming the first
/// of each family. `None` for an empty list.
pub(crate) fn common_family(operation: &'static str, nets: &[IpNet]) -> crate::Result<Option<Family>> {
    let Some(firstnet) = nets.first() else { return Ok(None) };
    let fam = Family::of(firstnet);
    if let Some(other) = nets.iter().find(|n| Family::of(n) != fam) {
        return Err(crate::Error::MixedFamilies { operation, first: firstnet.to_string(), other: other.to_string() });
    }
    Ok(Some(fam))
}

/// Check that `net` is of `family`; a `MixedFamilies` error otherwise.
pub(crate) fn same_family(operation: &'static str, base: &IpNet, net: &IpNet) -> crate::Result<()> {
    if Family::of(base) != Family::of(net) {
        return Err(crate::Error::MixedFamilies { operation, first: base.to_string(), other: net.to_string() });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nets(v: &[&str]) -> Vec<IpNet> {
        v.iter().map(|s| s.parse().unwrap()).collect()
    }

    #[test]
    fn range_to_prefixes_matches_python_example() {
        let mut out = vec![];
        let lo = addr_to_u128("10.0.0.1".parse().unwrap());
        let hi = addr_to_u128("10.0.0.10".parse().unwrap());
        push_range_as_prefixes(Family::V4, lo, hi, &mut out);
        assert_eq!(out, nets(&["10.0.0.1/32", "10.0.0.2/31", "10.0.0.4/30", "10.0.0.8/31", "10.0.0.10/32"]));
        assert_eq!(count_range_prefixes(Family::V4, lo, hi), 5);
    }

    #[test]
    fn whole_spaces() {
        let mut out = vec![];
        push_range_as_prefixes(Family::V6, 0, u128::MAX, &mut out);
        assert_eq!(out, nets(&["::/0"]));
        out.clear();
        push_range_as_prefixes(Family::V4, 0, u32::MAX as u128, &mut out);
        assert_eq!(out, nets(&["0.0.0.0/0"]));
        out.clear();
        push_range_as_prefixes(Family::V6, u128::MAX, u128::MAX, &mut out);
        assert_eq!(out, nets(&["ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128"]));
    }
}
