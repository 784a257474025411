//! Stepping through the address space: the next and previous address, and the next and
//! previous block of a size (go-cidr's `NextSubnet`/`PreviousSubnet`, netipx's
//! `Next`/`Prev`). Past either end of the space is an error, never a wrap-around.

use crate::addr::{addr_to_u128, first, last, make_net, u128_to_addr, Family};
use crate::{Error, Result};
use ipnet::IpNet;
use std::net::IpAddr;

fn family_of(a: IpAddr) -> Family {
    if a.is_ipv4() {
        Family::V4
    } else {
        Family::V6
    }
}

/// The address after `address`.
///
/// ```
/// assert_eq!(cidrplan::next_address("10.0.0.255".parse().unwrap()).unwrap().to_string(), "10.0.1.0");
/// assert!(cidrplan::next_address("255.255.255.255".parse().unwrap()).is_err());
/// ```
pub fn next_address(address: IpAddr) -> Result<IpAddr> {
    let fam = family_of(address);
    let v = addr_to_u128(address);
    if v == fam.max() {
        return Err(Error::InvalidArgument(format!(
            "{address} is the last {} address; nothing comes after it",
            fam.name()
        )));
    }
    Ok(u128_to_addr(fam, v + 1))
}

/// The address before `address`.
///
/// ```
/// assert_eq!(cidrplan::previous_address("10.0.1.0".parse().unwrap()).unwrap().to_string(), "10.0.0.255");
/// assert!(cidrplan::previous_address("::".parse().unwrap()).is_err());
/// ```
pub fn previous_address(address: IpAddr) -> Result<IpAddr> {
    let fam = family_of(address);
    let v = addr_to_u128(address);
    if v == 0 {
        return Err(Error::InvalidArgument(format!(
            "{address} is the first {} address; nothing comes before it",
            fam.name()
        )));
    }
    Ok(u128_to_addr(fam, v - 1))
}

fn check_len(prefix: &IpNet, new_len: u8) -> Result<Family> {
    let fam = Family::of(prefix);
    if new_len > fam.bits() {
        return Err(Error::InvalidArgument(format!(
            "prefix length {new_len} is past {}, the {} maximum",
            fam.bits(),
            fam.name()
        )));
    }
    Ok(fam)
}

/// The block of length `new_len` right after the one of that length holding the last
/// address of `prefix` (go-cidr's `NextSubnet(prefix, new_len)`): with `new_len` equal to
/// the prefix's own, the next block of the same size.
///
/// ```
/// use cidrplan::next_prefix;
/// let n = |s: &str| s.parse().unwrap();
/// assert_eq!(next_prefix(&n("10.0.0.0/24"), 24).unwrap().to_string(), "10.0.1.0/24");
/// assert_eq!(next_prefix(&n("10.0.0.0/24"), 23).unwrap().to_string(), "10.0.2.0/23");
/// assert_eq!(next_prefix(&n("10.0.0.0/24"), 26).unwrap().to_string(), "10.0.1.0/26");
/// assert!(next_prefix(&n("255.255.255.0/24"), 24).is_err()); // the end of the space
/// ```
pub fn next_prefix(prefix: &IpNet, new_len: u8) -> Result<IpNet> {
    let fam = check_len(prefix, new_len)?;
    let holding = make_net(fam, last(prefix), new_len).trunc();
    let end = last(&holding);
    if end == fam.max() {
        return Err(Error::InvalidArgument(format!(
            "no /{new_len} after {prefix}: {holding} ends the {} address space",
            fam.name()
        )));
    }
    Ok(make_net(fam, end + 1, new_len))
}

/// The block of length `new_len` right before the first address of `prefix` (go-cidr's
/// `PreviousSubnet(prefix, new_len)`).
///
/// ```
/// use cidrplan::previous_prefix;
/// let n = |s: &str| s.parse().unwrap();
/// assert_eq!(previous_prefix(&n("10.0.1.0/24"), 24).unwrap().to_string(), "10.0.0.0/24");
/// assert_eq!(previous_prefix(&n("10.0.1.0/24"), 26).unwrap().to_string(), "10.0.0.192/26");
/// assert!(previous_prefix(&n("0.0.0.0/24"), 24).is_err());
/// ```
pub fn previous_prefix(prefix: &IpNet, new_len: u8) -> Result<IpNet> {
    let fam = check_len(prefix, new_len)?;
    let start = first(&prefix.trunc());
    if start == 0 {
        return Err(Error::InvalidArgument(format!(
            "no /{new_len} before {prefix}: it starts the {} address space",
            fam.name()
        )));
    }
    Ok(make_net(fam, start - 1, new_len).trunc())
}
