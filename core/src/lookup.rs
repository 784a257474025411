//! Route lookup: which prefixes of a list hold an address. The longest match is what a
//! router forwards by (netaddr's `smallest_matching_cidr`), the shortest the covering
//! aggregate (`largest_matching_cidr`), and all of them `all_matching_cidrs`.
//!
//! [`PrefixTable`] answers each lookup with one hash probe per prefix length present in
//! the table (at most 33 for IPv4, 129 for IPv6), whatever the table's size; the one-shot
//! functions scan the list once. An address only matches prefixes of its own family: an
//! IPv4-mapped IPv6 address (`::ffff:10.0.0.1`) is an IPv6 address, as in `ipaddress`.

use crate::addr::{addr_to_u128, make_net, Family};
use ipnet::IpNet;
use std::collections::HashSet;
use std::net::IpAddr;

/// A table of prefixes built once for many lookups.
///
/// ```
/// use cidrplan::PrefixTable;
/// let n = |s: &str| s.parse().unwrap();
/// let table = PrefixTable::new(&[n("10.0.0.0/8"), n("10.1.0.0/16"), n("10.1.2.0/24"), n("2001:db8::/32")]);
/// let a = "10.1.2.3".parse().unwrap();
/// assert_eq!(table.longest_match(a), Some(n("10.1.2.0/24")));
/// assert_eq!(table.shortest_match(a), Some(n("10.0.0.0/8")));
/// assert_eq!(table.all_matches(a), vec![n("10.0.0.0/8"), n("10.1.0.0/16"), n("10.1.2.0/24")]);
/// assert_eq!(table.longest_match("192.0.2.1".parse().unwrap()), None);
/// assert_eq!(table.len(), 4);
/// ```
#[derive(Debug, Clone, Default)]
pub struct PrefixTable {
    /// Per family (IPv4, IPv6): the prefix lengths present, longest first, each with the
    /// network addresses of that length.
    by_len: [Vec<(u8, HashSet<u128>)>; 2],
    len: usize,
}

fn slot(family: Family) -> usize {
    match family {
        Family::V4 => 0,
        Family::V6 => 1,
    }
}

fn network(value: u128, family: Family, len: u8) -> u128 {
    let host_bits = u32::from(family.bits() - len);
    if host_bits >= 128 {
        0
    } else {
        value >> host_bits << host_bits
    }
}

impl PrefixTable {
    /// A table of `prefixes` (a prefix given twice is held once).
    pub fn new(prefixes: &[IpNet]) -> PrefixTable {
        prefixes.iter().collect()
    }

    /// How many distinct prefixes the table holds.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the table holds no prefix.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Adds a prefix; false if the table held it already.
    pub fn insert(&mut self, prefix: &IpNet) -> bool {
        let net = prefix.trunc();
        let family = Family::of(&net);
        let lens = &mut self.by_len[slot(family)];
        let at = match lens.binary_search_by(|(l, _)| net.prefix_len().cmp(l)) {
            Ok(i) => i,
            Err(i) => {
                lens.insert(i, (net.prefix_len(), HashSet::new()));
                i
            }
        };
        let added = lens[at].1.insert(addr_to_u128(net.network()));
        self.len += usize::from(added);
        added
    }

    /// Whether the table holds exactly this prefix.
    pub fn contains(&self, prefix: &IpNet) -> bool {
        let net = prefix.trunc();
        self.by_len[slot(Family::of(&net))]
            .iter()
            .any(|(l, nets)| *l == net.prefix_len() && nets.contains(&addr_to_u128(net.network())))
    }

    fn matches(&self, address: IpAddr) -> impl DoubleEndedIterator<Item = IpNet> + '_ {
        let family = Family::of_addr(&address);
        let value = addr_to_u128(address);
        self.by_len[slot(family)].iter().filter_map(move |(len, nets)| {
            let n = network(value, family, *len);
            nets.contains(&n).then(|| make_net(family, n, *len))
        })
    }

    /// The most specific prefix holding `address` (a router's longest-prefix match).
    pub fn longest_match(&self, address: IpAddr) -> Option<IpNet> {
        self.matches(address).next()
    }

    /// The least specific prefix holding `address`.
    pub fn shortest_match(&self, address: IpAddr) -> Option<IpNet> {
        self.matches(address).next_back()
    }

    /// Every prefix holding `address`, the shortest first (each holds the next).
    pub fn all_matches(&self, address: IpAddr) -> Vec<IpNet> {
        let mut all: Vec<IpNet> = self.matches(address).collect();
        all.reverse();
        all
    }
}

impl<'a> FromIterator<&'a IpNet> for PrefixTable {
    fn from_iter<I: IntoIterator<Item = &'a IpNet>>(iter: I) -> Self {
        let mut table = PrefixTable::default();
        for p in iter {
            table.insert(p);
        }
        table
    }
}

/// The most specific of `prefixes` holding `address` (netaddr `smallest_matching_cidr`),
/// by one scan; build a [`PrefixTable`] for many lookups.
///
/// ```
/// let n = |s: &str| s.parse().unwrap();
/// let list = [n("10.0.0.0/8"), n("10.1.0.0/16"), n("192.168.0.0/16")];
/// assert_eq!(cidrplan::longest_match("10.1.2.3".parse().unwrap(), &list), Some(n("10.1.0.0/16")));
/// assert_eq!(cidrplan::longest_match("172.16.0.1".parse().unwrap(), &list), None);
/// ```
pub fn longest_match(address: IpAddr, prefixes: &[IpNet]) -> Option<IpNet> {
    prefixes.iter().filter(|p| p.contains(&address)).max_by_key(|p| p.prefix_len()).map(IpNet::trunc)
}

/// The least specific of `prefixes` holding `address` (netaddr `largest_matching_cidr`).
///
/// ```
/// let n = |s: &str| s.parse().unwrap();
/// let list = [n("10.1.0.0/16"), n("10.0.0.0/8")];
/// assert_eq!(cidrplan::shortest_match("10.1.2.3".parse().unwrap(), &list), Some(n("10.0.0.0/8")));
/// ```
pub fn shortest_match(address: IpAddr, prefixes: &[IpNet]) -> Option<IpNet> {
    prefixes.iter().filter(|p| p.contains(&address)).min_by_key(|p| p.prefix_len()).map(IpNet::trunc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn n(s: &str) -> IpNet {
        s.parse().unwrap()
    }

    #[test]
    fn the_whole_space_and_host_routes() {
        let t = PrefixTable::new(&[n("0.0.0.0/0"), n("10.0.0.1/32"), n("::/0"), n("2001:db8::1/128")]);
        assert_eq!(t.longest_match("10.0.0.1".parse().unwrap()), Some(n("10.0.0.1/32")));
        assert_eq!(t.longest_match("10.0.0.2".parse().unwrap()), Some(n("0.0.0.0/0")));
        assert_eq!(t.shortest_match("2001:db8::1".parse().unwrap()), Some(n("::/0")));
        assert_eq!(t.longest_match("2001:db8::1".parse().unwrap()), Some(n("2001:db8::1/128")));
        // an IPv4-mapped address is IPv6
        assert_eq!(t.longest_match("::ffff:10.0.0.1".parse().unwrap()), Some(n("::/0")));
    }

    #[test]
    fn duplicates_are_held_once() {
        let mut t = PrefixTable::new(&[n("10.0.0.0/8"), n("10.0.0.0/8")]);
        assert_eq!(t.len(), 1);
        assert!(!t.insert(&n("10.0.0.0/8")));
        assert!(t.contains(&n("10.0.0.0/8")) && !t.contains(&n("10.0.0.0/9")));
        assert!(PrefixTable::default().is_empty());
    }

    proptest! {
        #[test]
        fn the_table_agrees_with_a_scan(raw in proptest::collection::vec((any::<u32>(), 0u8..=32), 0..60), probe in any::<u32>()) {
            let list: Vec<IpNet> = raw.iter().map(|(a, l)| IpNet::new(IpAddr::from(a.to_be_bytes()), *l).unwrap().trunc()).collect();
            let t = PrefixTable::new(&list);
            let a = IpAddr::from(probe.to_be_bytes());
            prop_assert_eq!(t.longest_match(a), longest_match(a, &list));
            prop_assert_eq!(t.shortest_match(a), shortest_match(a, &list));
            let mut scan: Vec<IpNet> = list.iter().filter(|p| p.contains(&a)).copied().collect();
            scan.sort_by_key(|p| p.prefix_len());
            scan.dedup();
            prop_assert_eq!(t.all_matches(a), scan);
        }
    }
}
