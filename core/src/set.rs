//! Prefix sets and the set operations users know from `netaddr.IPSet`,
//! Go's `netipx.IPSet` and Python's `ipaddress`.
//!
//! A [`PrefixSet`] is immutable: every operation returns a new set. Internally it
//! keeps, per family, sorted, disjoint, non-adjacent inclusive integer ranges, so
//! union, intersection and difference are linear merges and lookups are binary
//! searches. A set may hold both families (like `netaddr.IPSet`); the list
//! functions [`collapse`], [`exclude`] and [`spanning_cidr`] insist on one family,
//! like `ipaddress`.

use crate::addr::{
    addr_to_u128, common_family, count_range_prefixes, make_net, push_range_as_prefixes, same_family, Family, Span,
};
use crate::{Error, Result};
use ipnet::IpNet;
use std::net::IpAddr;

/// An immutable set of addresses, stored as minimal ranges, seen as prefixes.
///
/// ```
/// use cidrplan::PrefixSet;
/// let n = |s: &str| s.parse().unwrap();
/// let a = PrefixSet::from_prefixes([n("10.0.0.0/25"), n("10.0.0.128/25")]);
/// assert_eq!(a.prefixes(), vec![n("10.0.0.0/24")]);
/// let b = PrefixSet::from_prefixes([n("10.0.0.64/26")]);
/// let d = a.difference(&b);
/// assert_eq!(d.prefixes(), vec![n("10.0.0.0/26"), n("10.0.0.128/25")]);
/// assert!(a.contains(&n("10.0.0.64/26")));
/// assert!(!d.overlaps(&n("10.0.0.64/27")));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Hash)]
pub struct PrefixSet {
    v4: Vec<Span>,
    v6: Vec<Span>,
}

/// The set's prefixes, smallest address first, IPv4 before IPv6, separated by `, `
/// (nothing for the empty set); [`FromStr`](std::str::FromStr) reads it back.
///
/// ```
/// use cidrplan::PrefixSet;
/// let s: PrefixSet = "10.0.0.0/25, 10.0.0.128/25 2001:db8::/32".parse().unwrap();
/// assert_eq!(s.to_string(), "10.0.0.0/24, 2001:db8::/32");
/// assert_eq!(s.to_string().parse::<PrefixSet>().unwrap(), s);
/// assert!("".parse::<PrefixSet>().unwrap().is_empty());
/// assert!("10.0.0.1/24".parse::<PrefixSet>().is_err()); // host bits set
/// ```
impl std::fmt::Display for PrefixSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut buf = Vec::new();
        let mut first = true;
        for (spans, family) in [(&self.v4, Family::V4), (&self.v6, Family::V6)] {
            for s in spans {
                buf.clear();
                push_range_as_prefixes(family, s.lo, s.hi, &mut buf);
                for p in &buf {
                    if !first {
                        f.write_str(", ")?;
                    }
                    first = false;
                    write!(f, "{p}")?;
                }
            }
        }
        Ok(())
    }
}

/// Prefixes separated by commas and/or whitespace, each strict (no host bits).
impl std::str::FromStr for PrefixSet {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let prefixes = s
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|t| !t.is_empty())
            .map(crate::parse_prefix)
            .collect::<Result<Vec<IpNet>>>()?;
        Ok(PrefixSet::from_prefixes(prefixes))
    }
}

/// Sort and merge overlapping or adjacent spans in place.
fn normalize(spans: &mut Vec<Span>) {
    spans.sort_unstable_by_key(|s| s.lo);
    let mut out = 0usize;
    for i in 0..spans.len() {
        let s = spans[i];
        if out > 0 {
            let prev = &mut spans[out - 1];
            if prev.hi == u128::MAX || s.lo <= prev.hi + 1 {
                if s.hi > prev.hi {
                    prev.hi = s.hi;
                }
                continue;
            }
        }
        spans[out] = s;
        out += 1;
    }
    spans.truncate(out);
}

/// Sort packed IPv4 spans and merge overlapping or adjacent ones.
fn normalize_packed_v4(mut packed: Vec<u64>) -> Vec<Span> {
    packed.sort_unstable();
    let mut out: Vec<Span> = Vec::with_capacity(packed.len() / 2 + 1);
    for key in packed {
        let (lo, hi) = ((key >> 32) as u128, (key & 0xffff_ffff) as u128);
        if let Some(prev) = out.last_mut() {
            if lo <= prev.hi + 1 {
                if hi > prev.hi {
                    prev.hi = hi;
                }
                continue;
            }
        }
        out.push(Span { lo, hi });
    }
    out
}

fn union_spans(a: &[Span], b: &[Span]) -> Vec<Span> {
    let mut v = Vec::with_capacity(a.len() + b.len());
    v.extend_from_slice(a);
    v.extend_from_slice(b);
    normalize(&mut v);
    v
}

fn intersect_spans(a: &[Span], b: &[Span]) -> Vec<Span> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < a.len() && j < b.len() {
        let lo = a[i].lo.max(b[j].lo);
        let hi = a[i].hi.min(b[j].hi);
        if lo <= hi {
            out.push(Span { lo, hi });
        }
        if a[i].hi < b[j].hi {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

fn subtract_spans(a: &[Span], b: &[Span]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut j = 0;
    for s in a {
        let mut lo = s.lo;
        let hi = s.hi;
        let mut alive = true;
        while j < b.len() && b[j].hi < lo {
            j += 1;
        }
        let mut k = j;
        while alive && k < b.len() && b[k].lo <= hi {
            if b[k].lo > lo {
                out.push(Span { lo, hi: b[k].lo - 1 });
            }
            if b[k].hi >= hi {
                alive = false;
            } else {
                lo = b[k].hi + 1;
            }
            k += 1;
        }
        if alive {
            out.push(Span { lo, hi });
        }
    }
    out
}

/// Index of the span containing `x`, if any.
fn find_span(spans: &[Span], x: u128) -> Option<usize> {
    let idx = spans.partition_point(|s| s.lo <= x);
    if idx == 0 {
        return None;
    }
    (spans[idx - 1].hi >= x).then_some(idx - 1)
}

impl PrefixSet {
    /// The empty set.
    ///
    /// ```
    /// assert!(cidrplan::PrefixSet::new().is_empty());
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// A set from any prefixes; overlapping and adjacent ones merge. Both families allowed.
    ///
    /// ```
    /// let s = cidrplan::PrefixSet::from_prefixes(["10.0.0.0/8".parse().unwrap(), "::/0".parse().unwrap()]);
    /// assert_eq!(s.prefixes().len(), 2);
    /// ```
    pub fn from_prefixes<I: IntoIterator<Item = IpNet>>(prefixes: I) -> Self {
        // IPv4 spans are packed as (first << 32 | last) in a u64: sorting 8-byte keys
        // is several times faster than sorting 32-byte u128 pairs.
        let iter = prefixes.into_iter();
        let mut v4: Vec<u64> = Vec::with_capacity(iter.size_hint().0);
        let mut v6 = Vec::new();
        for p in iter {
            match p {
                IpNet::V4(n) => {
                    let lo = u32::from(n.network()) as u64;
                    let hi = u32::from(n.broadcast()) as u64;
                    v4.push(lo << 32 | hi);
                }
                IpNet::V6(_) => v6.push(Span::of(&p)),
            }
        }
        normalize(&mut v6);
        PrefixSet { v4: normalize_packed_v4(v4), v6 }
    }

    /// A set holding the addresses `first..=last`.
    ///
    /// ```
    /// let s = cidrplan::PrefixSet::from_range("10.0.0.1".parse().unwrap(), "10.0.0.10".parse().unwrap()).unwrap();
    /// assert_eq!(s.prefixes().len(), 5);
    /// assert!(cidrplan::PrefixSet::from_range("10.0.0.1".parse().unwrap(), "::1".parse().unwrap()).is_err());
    /// ```
    pub fn from_range(first: IpAddr, last: IpAddr) -> Result<Self> {
        crate::parse::check_range(first, last)?;
        let span = Span { lo: addr_to_u128(first), hi: addr_to_u128(last) };
        Ok(match Family::of_addr(&first) {
            Family::V4 => PrefixSet { v4: vec![span], v6: vec![] },
            Family::V6 => PrefixSet { v4: vec![], v6: vec![span] },
        })
    }

    pub(crate) fn from_spans(family: Family, mut spans: Vec<Span>) -> Self {
        normalize(&mut spans);
        match family {
            Family::V4 => PrefixSet { v4: spans, v6: vec![] },
            Family::V6 => PrefixSet { v4: vec![], v6: spans },
        }
    }

    pub(crate) fn spans(&self, family: Family) -> &[Span] {
        match family {
            Family::V4 => &self.v4,
            Family::V6 => &self.v6,
        }
    }

    /// True when the set holds no address.
    ///
    /// ```
    /// let s = cidrplan::PrefixSet::from_prefixes(["10.0.0.0/8".parse().unwrap()]);
    /// assert!(!s.is_empty());
    /// assert!(s.difference(&s).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.v4.is_empty() && self.v6.is_empty()
    }

    /// The minimal sorted list of prefixes covering exactly the set; IPv4 first.
    ///
    /// ```
    /// let n = |s: &str| s.parse().unwrap();
    /// let s = cidrplan::PrefixSet::from_prefixes([n("10.0.0.2/31"), n("10.0.0.0/31")]);
    /// assert_eq!(s.prefixes(), vec![n("10.0.0.0/30")]);
    /// ```
    pub fn prefixes(&self) -> Vec<IpNet> {
        let mut out = Vec::with_capacity(self.v4.len() + self.v6.len());
        for s in &self.v4 {
            crate::addr::push_v4_range_as_prefixes(s.lo as u64, s.hi as u64, &mut out);
        }
        for s in &self.v6 {
            push_range_as_prefixes(Family::V6, s.lo, s.hi, &mut out);
        }
        out
    }

    /// How many prefixes [`PrefixSet::prefixes`] would return, without building them.
    ///
    /// ```
    /// let s = cidrplan::PrefixSet::from_range("10.0.0.1".parse().unwrap(), "10.0.0.10".parse().unwrap()).unwrap();
    /// assert_eq!(s.prefix_count(), 5);
    /// ```
    pub fn prefix_count(&self) -> usize {
        self.v4.iter().map(|s| count_range_prefixes(Family::V4, s.lo, s.hi)).sum::<usize>()
            + self.v6.iter().map(|s| count_range_prefixes(Family::V6, s.lo, s.hi)).sum::<usize>()
    }

    /// The maximal contiguous address ranges, as (first, last) pairs.
    ///
    /// ```
    /// let n = |s: &str| s.parse().unwrap();
    /// let s = cidrplan::PrefixSet::from_prefixes([n("10.0.0.0/31"), n("10.0.0.2/32")]);
    /// let r = s.ranges();
    /// assert_eq!((r[0].0.to_string(), r[0].1.to_string()), ("10.0.0.0".into(), "10.0.0.2".into()));
    /// ```
    pub fn ranges(&self) -> Vec<(IpAddr, IpAddr)> {
        let conv = |f: Family, s: &Span| (crate::addr::u128_to_addr(f, s.lo), crate::addr::u128_to_addr(f, s.hi));
        self.v4.iter().map(|s| conv(Family::V4, s)).chain(self.v6.iter().map(|s| conv(Family::V6, s))).collect()
    }

    /// Every address of the set in order (IPv4 first), lazily: a range per run of
    /// contiguous addresses.
    ///
    /// ```
    /// let n = |s: &str| s.parse().unwrap();
    /// let s = cidrplan::PrefixSet::from_prefixes([n("10.0.0.2/31"), n("10.0.0.4/32"), n("::/127")]);
    /// let all: Vec<String> = s.addresses().map(|a| a.to_string()).collect();
    /// assert_eq!(all, ["10.0.0.2", "10.0.0.3", "10.0.0.4", "::", "::1"]);
    /// ```
    pub fn addresses(&self) -> impl DoubleEndedIterator<Item = IpAddr> {
        // a set's spans are one family each and in order: `new` never refuses them
        self.ranges().into_iter().filter_map(|(first, last)| crate::AddressRange::new(first, last).ok()).flatten()
    }

    /// Number of IPv4 addresses in the set.
    ///
    /// ```
    /// let s = cidrplan::PrefixSet::from_prefixes(["10.0.0.0/24".parse().unwrap()]);
    /// assert_eq!(s.ipv4_address_count(), 256);
    /// ```
    pub fn ipv4_address_count(&self) -> u64 {
        self.v4.iter().map(|s| (s.hi - s.lo + 1) as u64).sum()
    }

    /// Number of IPv6 addresses in the set; `None` only for the whole IPv6 space (2^128).
    ///
    /// ```
    /// let s = cidrplan::PrefixSet::from_prefixes(["2001:db8::/64".parse().unwrap()]);
    /// assert_eq!(s.ipv6_address_count(), Some(1 << 64));
    /// ```
    pub fn ipv6_address_count(&self) -> Option<u128> {
        self.v6.iter().try_fold(0u128, |acc, s| acc.checked_add(s.width_minus_one())?.checked_add(1))
    }

    /// Number of addresses in the set, both families together, as exact decimal text:
    /// the count can reach 2^128 + 2^32, past every integer type (Python turns it into
    /// an `int`, JavaScript into a `BigInt`).
    ///
    /// ```
    /// let n = |s: &str| s.parse().unwrap();
    /// let s = cidrplan::PrefixSet::from_prefixes([n("::/0"), n("10.0.0.0/8")]);
    /// assert_eq!(s.address_count_decimal(), "340282366920938463463374607431784988672"); // 2^128 + 2^24
    /// assert_eq!(cidrplan::PrefixSet::new().address_count_decimal(), "0");
    /// ```
    pub fn address_count_decimal(&self) -> String {
        let v4 = self.ipv4_address_count() as u128;
        match self.ipv6_address_count() {
            Some(v6) => match v6.checked_add(v4) {
                Some(t) => t.to_string(),
                // v6 + v4 >= 2^128: write 2^128 + (v6 + v4 - 2^128)
                None => add_2_pow_128(v6.wrapping_add(v4)),
            },
            None => add_2_pow_128(v4),
        }
    }

    /// Addresses in either set.
    ///
    /// ```
    /// let n = |s: &str| s.parse().unwrap();
    /// let a = cidrplan::PrefixSet::from_prefixes([n("10.0.0.0/25")]);
    /// let b = cidrplan::PrefixSet::from_prefixes([n("10.0.0.128/25")]);
    /// assert_eq!(a.union(&b).prefixes(), vec![n("10.0.0.0/24")]);
    /// ```
    pub fn union(&self, other: &PrefixSet) -> PrefixSet {
        PrefixSet { v4: union_spans(&self.v4, &other.v4), v6: union_spans(&self.v6, &other.v6) }
    }

    /// Addresses in both sets.
    ///
    /// ```
    /// let n = |s: &str| s.parse().unwrap();
    /// let a = cidrplan::PrefixSet::from_prefixes([n("10.0.0.0/24")]);
    /// let b = cidrplan::PrefixSet::from_prefixes([n("10.0.0.128/25"), n("10.1.0.0/16")]);
    /// assert_eq!(a.intersection(&b).prefixes(), vec![n("10.0.0.128/25")]);
    /// ```
    pub fn intersection(&self, other: &PrefixSet) -> PrefixSet {
        PrefixSet { v4: intersect_spans(&self.v4, &other.v4), v6: intersect_spans(&self.v6, &other.v6) }
    }

    /// Addresses in `self` but not in `other`.
    ///
    /// ```
    /// let n = |s: &str| s.parse().unwrap();
    /// let a = cidrplan::PrefixSet::from_prefixes([n("10.0.0.0/24")]);
    /// let b = cidrplan::PrefixSet::from_prefixes([n("10.0.0.0/25")]);
    /// assert_eq!(a.difference(&b).prefixes(), vec![n("10.0.0.128/25")]);
    /// ```
    pub fn difference(&self, other: &PrefixSet) -> PrefixSet {
        PrefixSet { v4: subtract_spans(&self.v4, &other.v4), v6: subtract_spans(&self.v6, &other.v6) }
    }

    /// Addresses in exactly one of the sets.
    ///
    /// ```
    /// let n = |s: &str| s.parse().unwrap();
    /// let a = cidrplan::PrefixSet::from_prefixes([n("10.0.0.0/24")]);
    /// let b = cidrplan::PrefixSet::from_prefixes([n("10.0.0.128/24")].map(|x: ipnet::IpNet| x.trunc()));
    /// assert!(a.symmetric_difference(&b).is_empty());
    /// ```
    pub fn symmetric_difference(&self, other: &PrefixSet) -> PrefixSet {
        self.difference(other).union(&other.difference(self))
    }

    /// Every address of `family` not in the set.
    ///
    /// ```
    /// use cidrplan::{PrefixSet, Family};
    /// let n = |s: &str| s.parse().unwrap();
    /// let s = PrefixSet::from_prefixes([n("128.0.0.0/1")]);
    /// assert_eq!(s.complement(Family::V4).prefixes(), vec![n("0.0.0.0/1")]);
    /// assert_eq!(PrefixSet::new().complement(Family::V6).prefixes(), vec![n("::/0")]);
    /// ```
    pub fn complement(&self, family: Family) -> PrefixSet {
        let universe = [Span { lo: 0, hi: family.max() }];
        let spans = subtract_spans(&universe, self.spans(family));
        match family {
            Family::V4 => PrefixSet { v4: spans, v6: vec![] },
            Family::V6 => PrefixSet { v4: vec![], v6: spans },
        }
    }

    /// True when every address of `net` is in the set.
    ///
    /// ```
    /// let n = |s: &str| s.parse().unwrap();
    /// let s = cidrplan::PrefixSet::from_prefixes([n("10.0.0.0/25"), n("10.0.0.128/25")]);
    /// assert!(s.contains(&n("10.0.0.0/24")));
    /// assert!(!s.contains(&n("10.0.0.0/23")));
    /// ```
    pub fn contains(&self, net: &IpNet) -> bool {
        let span = Span::of(net);
        let spans = self.spans(Family::of(net));
        find_span(spans, span.lo).is_some_and(|i| spans[i].hi >= span.hi)
    }

    /// True when the address is in the set.
    ///
    /// ```
    /// let s = cidrplan::PrefixSet::from_prefixes(["10.0.0.0/8".parse().unwrap()]);
    /// assert!(s.contains_address("10.1.2.3".parse().unwrap()));
    /// assert!(!s.contains_address("::1".parse().unwrap()));
    /// ```
    pub fn contains_address(&self, addr: IpAddr) -> bool {
        find_span(self.spans(Family::of_addr(&addr)), addr_to_u128(addr)).is_some()
    }

    /// True when any address of `net` is in the set.
    ///
    /// ```
    /// let n = |s: &str| s.parse().unwrap();
    /// let s = cidrplan::PrefixSet::from_prefixes([n("10.0.0.128/25")]);
    /// assert!(s.overlaps(&n("10.0.0.0/24")));
    /// assert!(!s.overlaps(&n("10.0.0.0/25")));
    /// ```
    pub fn overlaps(&self, net: &IpNet) -> bool {
        let span = Span::of(net);
        let spans = self.spans(Family::of(net));
        // first span whose end is at or past our start
        let idx = spans.partition_point(|s| s.hi < span.lo);
        idx < spans.len() && spans[idx].lo <= span.hi
    }

    /// True when the two sets share any address.
    ///
    /// ```
    /// let n = |s: &str| s.parse().unwrap();
    /// let a = cidrplan::PrefixSet::from_prefixes([n("10.0.0.0/24")]);
    /// let b = cidrplan::PrefixSet::from_prefixes([n("10.0.1.0/24")]);
    /// assert!(!a.overlaps_set(&b));
    /// ```
    pub fn overlaps_set(&self, other: &PrefixSet) -> bool {
        !self.intersection(other).is_empty()
    }

    /// True when every address of `self` is in `other`.
    ///
    /// ```
    /// let n = |s: &str| s.parse().unwrap();
    /// let a = cidrplan::PrefixSet::from_prefixes([n("10.0.0.0/25")]);
    /// let b = cidrplan::PrefixSet::from_prefixes([n("10.0.0.0/24")]);
    /// assert!(a.is_subset(&b) && !b.is_subset(&a));
    /// ```
    pub fn is_subset(&self, other: &PrefixSet) -> bool {
        self.difference(other).is_empty()
    }
}

impl PrefixSet {
    /// True when every address of `other` is in `self`.
    ///
    /// ```
    /// let n = |s: &str| s.parse().unwrap();
    /// let a = cidrplan::PrefixSet::from_prefixes([n("10.0.0.0/24")]);
    /// assert!(a.is_superset(&cidrplan::PrefixSet::from_prefixes([n("10.0.0.128/25")])));
    /// ```
    pub fn is_superset(&self, other: &PrefixSet) -> bool {
        other.is_subset(self)
    }

    /// True when the two sets share no address.
    ///
    /// ```
    /// let n = |s: &str| s.parse().unwrap();
    /// let a = cidrplan::PrefixSet::from_prefixes([n("10.0.0.0/24")]);
    /// assert!(a.is_disjoint(&cidrplan::PrefixSet::from_prefixes([n("10.0.1.0/24")])));
    /// ```
    pub fn is_disjoint(&self, other: &PrefixSet) -> bool {
        !self.overlaps_set(other)
    }
}

/// The order Python's `ipaddress` sorts networks in: IPv4 before IPv6, then by network
/// address, then shorter prefixes first. A numeric key, unlike the text's order
/// (`"10.0.0.0/8" < "9.0.0.0/8"` as text).
///
/// ```
/// let n = |s: &str| s.parse().unwrap();
/// assert!(cidrplan::sort_key(&n("9.0.0.0/8")) < cidrplan::sort_key(&n("10.0.0.0/8")));
/// assert!(cidrplan::sort_key(&n("255.0.0.0/8")) < cidrplan::sort_key(&n("::/0")));
/// assert!(cidrplan::sort_key(&n("10.0.0.0/8")) < cidrplan::sort_key(&n("10.0.0.0/16")));
/// ```
pub fn sort_key(net: &IpNet) -> (u8, u128, u8) {
    let version = match Family::of(net) {
        Family::V4 => 4,
        Family::V6 => 6,
    };
    (version, crate::addr::first(net), net.prefix_len())
}

impl FromIterator<IpNet> for PrefixSet {
    fn from_iter<T: IntoIterator<Item = IpNet>>(iter: T) -> Self {
        PrefixSet::from_prefixes(iter)
    }
}

/// Decimal text of 2^128 + `low`, by schoolbook addition.
fn add_2_pow_128(low: u128) -> String {
    const TWO_128: &str = "340282366920938463463374607431768211456";
    let (a, b) = (TWO_128.as_bytes(), low.to_string().into_bytes());
    let mut out = Vec::with_capacity(a.len() + 1);
    let mut carry = 0u8;
    for i in 0..a.len().max(b.len()) {
        let da = if i < a.len() { a[a.len() - 1 - i] - b'0' } else { 0 };
        let db = if i < b.len() { b[b.len() - 1 - i] - b'0' } else { 0 };
        let d = da + db + carry;
        out.push(b'0' + d % 10);
        carry = d / 10;
    }
    if carry > 0 {
        out.push(b'0' + carry);
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Minimal sorted list of prefixes covering the same addresses (merges overlapping
/// and adjacent prefixes), like `ipaddress.collapse_addresses` and
/// `netaddr.cidr_merge`. All prefixes must be of one family, as in `ipaddress`.
///
/// ```
/// use cidrplan::collapse;
/// let n = |s: &str| s.parse().unwrap();
/// assert_eq!(collapse(&[n("10.0.0.0/25"), n("10.0.0.128/25")]).unwrap(), vec![n("10.0.0.0/24")]);
/// assert_eq!(collapse(&[n("10.0.0.0/24"), n("10.0.0.64/26")]).unwrap(), vec![n("10.0.0.0/24")]);
/// assert!(collapse(&[n("10.0.0.0/24"), n("::/64")]).is_err());
/// assert!(collapse(&[]).unwrap().is_empty());
/// ```
pub fn collapse(prefixes: &[IpNet]) -> Result<Vec<IpNet>> {
    common_family("collapse", prefixes)?;
    Ok(PrefixSet::from_prefixes(prefixes.iter().copied()).prefixes())
}

/// `base` minus every prefix in `remove`, as a SORTED minimal list (like
/// `netaddr.cidr_exclude`; Python's `address_exclude` is unsorted and needs
/// containment, this accepts any overlap and ignores what lies outside `base`).
///
/// ```
/// use cidrplan::exclude;
/// let n = |s: &str| s.parse().unwrap();
/// assert_eq!(
///     exclude(&n("10.0.0.0/24"), &[n("10.0.0.64/26")]).unwrap(),
///     vec![n("10.0.0.0/26"), n("10.0.0.128/25")]
/// );
/// assert!(exclude(&n("10.0.0.0/24"), &[n("::/0")]).is_err());
/// ```
pub fn exclude(base: &IpNet, remove: &[IpNet]) -> Result<Vec<IpNet>> {
    for r in remove {
        same_family("exclude", base, r)?;
    }
    let fam = Family::of(base);
    let minus = PrefixSet::from_prefixes(remove.iter().copied());
    let spans = subtract_spans(&[Span::of(base)], minus.spans(fam));
    Ok(PrefixSet::from_spans(fam, spans).prefixes())
}

/// The minimal prefixes covering `first..=last`, like `ipaddress.summarize_address_range`.
///
/// ```
/// use cidrplan::range_to_cidrs;
/// let got: Vec<String> = range_to_cidrs("10.0.0.1".parse().unwrap(), "10.0.0.10".parse().unwrap())
///     .unwrap().iter().map(|p| p.to_string()).collect();
/// assert_eq!(got, ["10.0.0.1/32", "10.0.0.2/31", "10.0.0.4/30", "10.0.0.8/31", "10.0.0.10/32"]);
/// ```
pub fn range_to_cidrs(first: IpAddr, last: IpAddr) -> Result<Vec<IpNet>> {
    Ok(PrefixSet::from_range(first, last)?.prefixes())
}

/// The smallest single prefix covering all the given ones, like `netaddr.spanning_cidr`.
///
/// ```
/// use cidrplan::spanning_cidr;
/// let n = |s: &str| s.parse().unwrap();
/// assert_eq!(spanning_cidr(&[n("10.0.0.0/24"), n("10.0.3.0/24")]).unwrap(), n("10.0.0.0/22"));
/// assert!(spanning_cidr(&[]).is_err());
/// ```
pub fn spanning_cidr(prefixes: &[IpNet]) -> Result<IpNet> {
    let fam = common_family("spanning CIDR", prefixes)?
        .ok_or_else(|| Error::InvalidArgument("spanning CIDR of an empty list: give at least one prefix".into()))?;
    let lo = prefixes.iter().map(crate::addr::first).min().unwrap_or(0);
    let hi = prefixes.iter().map(crate::addr::last).max().unwrap_or(0);
    // Common leading bits of lo and hi, within the family's width.
    let diff = lo ^ hi;
    let bits = fam.bits();
    let common = if diff == 0 { bits } else { (diff.leading_zeros() as u8).saturating_sub(128 - bits) };
    let mask = if common == 0 { 0 } else { !crate::addr::span_minus_one(bits - common) & fam.max() };
    Ok(make_net(fam, lo & mask, common))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> IpNet {
        s.parse().unwrap()
    }

    #[test]
    fn subtract_edge_cases() {
        let a = PrefixSet::from_prefixes([n("::/0")]);
        let b = PrefixSet::from_prefixes([n("::/128"), n("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128")]);
        let d = a.difference(&b);
        assert!(!d.contains(&n("::/128")));
        assert!(d.contains(&n("::1/128")));
        assert_eq!(d.union(&b), a);
        assert_eq!(d.prefix_count(), 254);
    }

    #[test]
    fn spanning_whole_space() {
        assert_eq!(spanning_cidr(&[n("0.0.0.0/32"), n("255.0.0.0/8")]).unwrap(), n("0.0.0.0/0"));
        assert_eq!(spanning_cidr(&[n("::/128"), n("8000::/1")]).unwrap(), n("::/0"));
        assert_eq!(spanning_cidr(&[n("10.0.0.5/32")]).unwrap(), n("10.0.0.5/32"));
    }
}
