//! The addresses of a prefix, a range or a set, lazily: nothing is built, any position
//! is reached at once (`get`, `nth`), and an IPv6 /64 is as cheap as an IPv4 /30.
//! `hosts` follows Python's `ipaddress`: an IPv4 prefix without its network and broadcast
//! addresses (a /31 and /32 keep theirs, RFC 3021), an IPv6 prefix without its
//! Subnet-Router anycast address (its first, RFC 4291 §2.6.1; a /127 and /128 keep it).

use crate::addr::{addr_to_u128, first, last, u128_to_addr, Family};
use crate::{Error, Result};
use ipnet::IpNet;
use std::net::IpAddr;

/// The addresses from one address to another, both included: a lazy, re-iterable view.
///
/// ```
/// use cidrplan::AddressRange;
/// let hosts = AddressRange::hosts(&"10.0.0.0/29".parse().unwrap());
/// assert_eq!(hosts.total(), 6);
/// assert_eq!(hosts.get(0).unwrap().to_string(), "10.0.0.1");
/// assert_eq!(hosts.iter().last().unwrap().to_string(), "10.0.0.6");
/// let all = AddressRange::of_prefix(&"2001:db8::/64".parse().unwrap());
/// assert_eq!(all.total(), 1 << 64);
/// assert_eq!(all.get(1 << 63).unwrap().to_string(), "2001:db8:0:0:8000::");
/// assert_eq!(all.position("2001:db8::ff".parse().unwrap()), Some(255));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AddressRange {
    family: Family,
    first: u128,
    last: u128,
}

impl AddressRange {
    /// From `first` to `last`, both included: one family, `first` not after `last`.
    ///
    /// ```
    /// use cidrplan::AddressRange;
    /// let a = |s: &str| s.parse().unwrap();
    /// let r = AddressRange::new(a("10.0.0.250"), a("10.0.1.5")).unwrap();
    /// assert_eq!(r.total(), 12);
    /// assert!(AddressRange::new(a("10.0.0.2"), a("10.0.0.1")).is_err());
    /// assert!(AddressRange::new(a("10.0.0.1"), a("::1")).is_err());
    /// ```
    pub fn new(first: IpAddr, last: IpAddr) -> Result<AddressRange> {
        let family = Family::of_addr(&first);
        if family != Family::of_addr(&last) {
            return Err(Error::InvalidArgument(format!(
                "{first} and {last} are of different families; a range is IPv4 or IPv6"
            )));
        }
        let (a, b) = (addr_to_u128(first), addr_to_u128(last));
        if a > b {
            return Err(Error::InvalidArgument(format!("{first} comes after {last}; give the first address first")));
        }
        Ok(AddressRange { family, first: a, last: b })
    }

    /// Every address of `prefix`.
    pub fn of_prefix(prefix: &IpNet) -> AddressRange {
        AddressRange { family: Family::of(prefix), first: first(prefix), last: last(prefix) }
    }

    /// The host addresses of `prefix`, as `ipaddress`'s `hosts()` gives them.
    ///
    /// ```
    /// use cidrplan::AddressRange;
    /// let hosts = |s: &str| AddressRange::hosts(&s.parse().unwrap()).iter().map(|a| a.to_string()).collect::<Vec<_>>();
    /// assert_eq!(hosts("10.0.0.0/30"), ["10.0.0.1", "10.0.0.2"]);
    /// assert_eq!(hosts("10.0.0.0/31"), ["10.0.0.0", "10.0.0.1"]);
    /// assert_eq!(hosts("2001:db8::/126"), ["2001:db8::1", "2001:db8::2", "2001:db8::3"]);
    /// assert_eq!(hosts("2001:db8::/127"), ["2001:db8::", "2001:db8::1"]);
    /// ```
    pub fn hosts(prefix: &IpNet) -> AddressRange {
        let mut r = AddressRange::of_prefix(prefix);
        let keep_all = prefix.max_prefix_len() - prefix.prefix_len() <= 1;
        if !keep_all {
            r.first += 1;
            if r.family == Family::V4 {
                r.last -= 1;
            }
        }
        r
    }

    /// The first address.
    pub fn first(&self) -> IpAddr {
        u128_to_addr(self.family, self.first)
    }

    /// The last address.
    pub fn last(&self) -> IpAddr {
        u128_to_addr(self.family, self.last)
    }

    /// How many addresses, saturating at `u128::MAX` for the whole IPv6 space (2^128; see
    /// [`AddressRange::total_decimal`]).
    pub fn total(&self) -> u128 {
        (self.last - self.first).saturating_add(1)
    }

    /// How many addresses, exact, as decimal text.
    ///
    /// ```
    /// use cidrplan::AddressRange;
    /// assert_eq!(AddressRange::of_prefix(&"::/0".parse().unwrap()).total_decimal(), "340282366920938463463374607431768211456");
    /// ```
    pub fn total_decimal(&self) -> String {
        match (self.last - self.first).checked_add(1) {
            Some(n) => n.to_string(),
            None => "340282366920938463463374607431768211456".to_string(),
        }
    }

    /// The address at `index` (from 0), if there is one.
    pub fn get(&self, index: u128) -> Option<IpAddr> {
        (index <= self.last - self.first).then(|| u128_to_addr(self.family, self.first + index))
    }

    /// Where `address` is in the range, if it is.
    pub fn position(&self, address: IpAddr) -> Option<u128> {
        let v = addr_to_u128(address);
        (Family::of_addr(&address) == self.family && (self.first..=self.last).contains(&v)).then(|| v - self.first)
    }

    /// Whether `address` is in the range.
    pub fn contains(&self, address: IpAddr) -> bool {
        self.position(address).is_some()
    }

    /// The addresses in order, lazily (also from the back, and `nth` at once).
    pub fn iter(&self) -> Addresses {
        self.iter_from(0)
    }

    /// The addresses from position `start` on (none when `start` is past the end).
    ///
    /// ```
    /// use cidrplan::AddressRange;
    /// let r = AddressRange::of_prefix(&"2001:db8::/64".parse().unwrap());
    /// let tail: Vec<String> = r.iter_from((1 << 64) - 2).map(|a| a.to_string()).collect();
    /// assert_eq!(tail, ["2001:db8::ffff:ffff:ffff:fffe", "2001:db8::ffff:ffff:ffff:ffff"]);
    /// assert_eq!(r.iter_from(1 << 64).next(), None);
    /// ```
    pub fn iter_from(&self, start: u128) -> Addresses {
        match self.first.checked_add(start).filter(|v| *v <= self.last) {
            Some(next) => Addresses { family: self.family, next, last: self.last, done: false },
            None => Addresses { family: self.family, next: self.last, last: self.last, done: true },
        }
    }
}

impl IntoIterator for AddressRange {
    type Item = IpAddr;
    type IntoIter = Addresses;
    fn into_iter(self) -> Addresses {
        self.iter()
    }
}

/// An iterator over the addresses of an [`AddressRange`].
#[derive(Debug, Clone)]
pub struct Addresses {
    family: Family,
    next: u128,
    last: u128,
    done: bool,
}

impl Iterator for Addresses {
    type Item = IpAddr;

    fn next(&mut self) -> Option<IpAddr> {
        if self.done {
            return None;
        }
        let a = u128_to_addr(self.family, self.next);
        if self.next == self.last {
            self.done = true;
        } else {
            self.next += 1;
        }
        Some(a)
    }

    fn nth(&mut self, n: usize) -> Option<IpAddr> {
        if self.done {
            return None;
        }
        match self.next.checked_add(n as u128).filter(|v| *v <= self.last) {
            Some(v) => {
                self.next = v;
                self.next()
            }
            None => {
                self.done = true;
                None
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.done {
            return (0, Some(0));
        }
        match usize::try_from(self.last - self.next).ok().and_then(|n| n.checked_add(1)) {
            Some(n) => (n, Some(n)),
            None => (usize::MAX, None),
        }
    }
}

impl DoubleEndedIterator for Addresses {
    fn next_back(&mut self) -> Option<IpAddr> {
        if self.done {
            return None;
        }
        let a = u128_to_addr(self.family, self.last);
        if self.next == self.last {
            self.done = true;
        } else {
            self.last -= 1;
        }
        Some(a)
    }
}

impl std::iter::FusedIterator for Addresses {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ends_of_the_space() {
        let all4 = AddressRange::of_prefix(&"0.0.0.0/0".parse().unwrap());
        assert_eq!(all4.total(), 1 << 32);
        assert_eq!(all4.iter().next_back().unwrap().to_string(), "255.255.255.255");
        assert_eq!(all4.iter().nth(usize::MAX), None);
        let all6 = AddressRange::of_prefix(&"::/0".parse().unwrap());
        assert_eq!(all6.total(), u128::MAX);
        assert_eq!(all6.get(u128::MAX).unwrap().to_string(), "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
        let mut it = AddressRange::of_prefix(&"ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/127".parse().unwrap()).iter();
        assert_eq!(it.size_hint(), (2, Some(2)));
        assert!(it.next().is_some() && it.next().is_some() && it.next().is_none() && it.next_back().is_none());
    }

    #[test]
    fn both_ends_meet() {
        let r = AddressRange::of_prefix(&"10.0.0.0/30".parse().unwrap());
        let mut it = r.iter();
        assert_eq!(it.next().unwrap().to_string(), "10.0.0.0");
        assert_eq!(it.next_back().unwrap().to_string(), "10.0.0.3");
        assert_eq!(it.by_ref().map(|a| a.to_string()).collect::<Vec<_>>(), ["10.0.0.1", "10.0.0.2"]);
        assert_eq!(it.next_back(), None);
        assert_eq!(r.position("10.0.0.9".parse().unwrap()), None);
        assert!(!r.contains("::".parse().unwrap()));
    }
}
