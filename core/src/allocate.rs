//! Allocation of new prefixes inside a parent that is already partly used.
//!
//! Two named strategies:
//! - **first-fit** (NetBox "available prefixes"): the lowest free block that fits;
//! - **best-fit** (Go netipx `RemoveFreePrefix` style): the most specific free
//!   block that fits, ties to the lowest address; it fragments least.
//!
//! Free space is kept as CIDR blocks indexed by prefix length, so each request
//! costs O(W log n) for an address width W, whatever the fragmentation.

use crate::addr::{first, make_net, same_family, span_minus_one, Family, Span};
use crate::carve::{report, CarveReport, CarvedSubnet};
use crate::profile::AddressProfile;
use crate::set::PrefixSet;
use crate::{Error, Result};
use ipnet::IpNet;
use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

/// How to choose among free blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Strategy {
    /// Lowest-addressed free block that fits.
    #[default]
    FirstFit,
    /// Smallest free block that fits, lowest address on ties.
    BestFit,
}

impl FromStr for Strategy {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "first_fit" => Ok(Strategy::FirstFit),
            "best_fit" => Ok(Strategy::BestFit),
            _ => Err(Error::InvalidArgument(format!(
                "unknown allocation strategy {:?}; choose first_fit or best_fit",
                crate::parse::echo(s)
            ))),
        }
    }
}

impl fmt::Display for Strategy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Strategy::FirstFit => "first_fit",
            Strategy::BestFit => "best_fit",
        })
    }
}

/// Free space of `parent` given what is `used`: the minimal sorted CIDR list.
/// Used prefixes may overlap each other; the parts outside `parent` are ignored.
///
/// ```
/// use cidrplan::free_space;
/// let n = |s: &str| s.parse().unwrap();
/// let free = free_space(&n("10.0.0.0/24"), &[n("10.0.0.0/26"), n("10.0.0.128/28")]).unwrap();
/// let got: Vec<String> = free.iter().map(|p| p.to_string()).collect();
/// assert_eq!(got, ["10.0.0.64/26", "10.0.0.144/28", "10.0.0.160/27", "10.0.0.192/26"]);
/// ```
pub fn free_space(parent: &IpNet, used: &[IpNet]) -> Result<Vec<IpNet>> {
    Ok(free_set(parent, used)?.prefixes())
}

fn free_set(parent: &IpNet, used: &[IpNet]) -> Result<PrefixSet> {
    for u in used {
        same_family("free space", parent, u)?;
    }
    Ok(PrefixSet::from_prefixes([parent.trunc()]).difference(&PrefixSet::from_prefixes(used.iter().copied())))
}

/// How many aligned blocks of length `block_len` are entirely free in `parent`.
/// An EKS subnet in prefix-delegation mode needs free aligned /28s, which a
/// fragmented subnet may lack although it has free addresses.
///
/// ```
/// use cidrplan::free_aligned_blocks;
/// let n = |s: &str| s.parse().unwrap();
/// // 10.0.0.0/24 with one address used in every /28 except the last: 1 free /28.
/// let used: Vec<ipnet::IpNet> = (0..15).map(|i| format!("10.0.0.{}/32", i * 16 + 5).parse().unwrap()).collect();
/// assert_eq!(free_aligned_blocks(&n("10.0.0.0/24"), &used, 28).unwrap(), 1);
/// assert_eq!(free_aligned_blocks(&n("10.0.0.0/24"), &[], 28).unwrap(), 16);
/// assert!(free_aligned_blocks(&n("10.0.0.0/24"), &[], 33).is_err());
/// ```
pub fn free_aligned_blocks(parent: &IpNet, used: &[IpNet], block_len: u8) -> Result<u128> {
    let fam = Family::of(parent);
    if block_len > fam.bits() {
        return Err(Error::InvalidArgument(format!("block length /{block_len} is longer than /{}", fam.bits())));
    }
    let free = free_set(parent, used)?;
    let hb = fam.bits() - block_len;
    let mut total: u128 = 0;
    for s in free.spans(fam) {
        total = total.saturating_add(aligned_blocks_in(*s, hb));
    }
    Ok(total)
}

/// Aligned blocks of 2^hb addresses entirely inside `s`.
fn aligned_blocks_in(s: Span, hb: u8) -> u128 {
    if hb >= 128 {
        return u128::from(s.lo == 0 && s.hi == u128::MAX);
    }
    let size_m1 = span_minus_one(hb);
    // first aligned start >= lo
    let start = match s.lo.checked_add(size_m1) {
        Some(v) => v & !size_m1,
        None => return 0,
    };
    if start < s.lo || start > s.hi || s.hi - start < size_m1 {
        return 0;
    }
    // blocks from start whose last address <= hi
    // saturates only for 2^128 blocks of one address (::/0 into /128s)
    ((s.hi - start - size_m1) >> hb).saturating_add(1)
}

/// One request of an allocation batch.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct AllocationRequest {
    /// Name for the new prefix (may be empty).
    pub name: String,
    /// Prefix length wanted.
    pub prefix_len: u8,
}

impl AllocationRequest {
    /// A request for a `/prefix_len` named `name`.
    ///
    /// ```
    /// let r = cidrplan::AllocationRequest::new("app", 24);
    /// assert_eq!((r.name.as_str(), r.prefix_len), ("app", 24));
    /// ```
    pub fn new(name: impl Into<String>, prefix_len: u8) -> Self {
        AllocationRequest { name: name.into(), prefix_len }
    }
}

/// Free blocks of one family indexed by prefix length.
#[derive(Debug, Clone)]
pub(crate) struct FreeBlocks {
    family: Family,
    by_len: Vec<BTreeSet<u128>>,
}

impl FreeBlocks {
    pub fn new(family: Family, free: &[IpNet]) -> Self {
        let mut by_len = vec![BTreeSet::new(); family.bits() as usize + 1];
        for b in free {
            by_len[b.prefix_len() as usize].insert(first(b));
        }
        FreeBlocks { family, by_len }
    }

    /// Take a block of `len` by `strategy`; `None` when nothing fits.
    pub fn take(&mut self, len: u8, strategy: Strategy) -> Option<IpNet> {
        let candidates = (0..=len as usize).rev().filter_map(|l| self.by_len[l].first().map(|&s| (l, s)));
        let (block_len, start) = match strategy {
            // most specific length first; the lowest start within it
            Strategy::BestFit => candidates.into_iter().next()?,
            Strategy::FirstFit => candidates.min_by_key(|&(_, s)| s)?,
        };
        self.by_len[block_len].remove(&start);
        // The buddies left over: for each length below `len`, the upper half.
        let bits = self.family.bits();
        for l in (block_len + 1)..=(len as usize) {
            let buddy = start | (1u128 << (bits as usize - l));
            self.by_len[l].insert(buddy);
        }
        Some(make_net(self.family, start, len))
    }

    /// The largest free block length available (shortest prefix), for messages.
    pub fn largest(&self) -> Option<u8> {
        self.by_len.iter().position(|s| !s.is_empty()).map(|l| l as u8)
    }
}

/// Allocate a batch of new prefixes inside `parent` around `used`, all or nothing.
/// Requests are served in the caller's order. The report lists the new prefixes,
/// the holes below the highest one, the remaining space, and the hole addresses.
///
/// ```
/// use cidrplan::{allocate, AllocationRequest, Strategy};
/// let n = |s: &str| s.parse().unwrap();
/// let used = [n("10.0.0.0/26"), n("10.0.0.128/28")];
/// let req = [AllocationRequest { name: "app".into(), prefix_len: 28 }];
/// let ff = allocate(&n("10.0.0.0/24"), &used, &req, Strategy::FirstFit).unwrap();
/// assert_eq!(ff.subnets[0].prefix.to_string(), "10.0.0.64/28");
/// let bf = allocate(&n("10.0.0.0/24"), &used, &req, Strategy::BestFit).unwrap();
/// assert_eq!(bf.subnets[0].prefix.to_string(), "10.0.0.144/28");
/// // a batch that does not fit allocates nothing
/// let big = [AllocationRequest { name: "huge".into(), prefix_len: 24 }];
/// assert_eq!(allocate(&n("10.0.0.0/24"), &used, &big, Strategy::BestFit).unwrap_err().kind(), "does-not-fit");
/// ```
pub fn allocate(
    parent: &IpNet,
    used: &[IpNet],
    requests: &[AllocationRequest],
    strategy: Strategy,
) -> Result<CarveReport> {
    let parent = parent.trunc();
    let fam = Family::of(&parent);
    let free = free_space(&parent, used)?;
    let mut blocks = FreeBlocks::new(fam, &free);
    let mut out = Vec::with_capacity(requests.len());
    for (i, r) in requests.iter().enumerate() {
        if r.prefix_len > fam.bits() {
            return Err(Error::InvalidArgument(format!(
                "request {i} ({:?}): /{} is longer than /{}",
                r.name,
                r.prefix_len,
                fam.bits()
            )));
        }
        if r.prefix_len < parent.prefix_len() {
            return Err(Error::DoesNotFit(format!(
                "request {i} ({:?}): a /{} is larger than the parent {parent}",
                r.name, r.prefix_len
            )));
        }
        let Some(net) = blocks.take(r.prefix_len, strategy) else {
            return Err(Error::DoesNotFit(format!(
                "request {i} ({:?}): no free /{} left in {parent} after {} earlier allocation(s); {}; nothing was allocated",
                r.name,
                r.prefix_len,
                i,
                match blocks.largest() {
                    Some(l) => format!("the largest free block is a /{l}"),
                    None => "it is full".to_string(),
                }
            )));
        };
        out.push(CarvedSubnet {
            name: Some(r.name.clone()),
            prefix: net,
            requested_hosts: None,
            usable: AddressProfile::Standard.usable_hosts(&net)?,
        });
    }
    let used_set = PrefixSet::from_prefixes(used.iter().copied());
    Ok(report(parent, out, &used_set))
}

/// Allocate one prefix of `prefix_len`: a shorthand for [`allocate`] with one request.
///
/// ```
/// let n = |s: &str| s.parse().unwrap();
/// let p = cidrplan::allocate_one(&n("10.0.0.0/24"), &[n("10.0.0.0/26")], 26, cidrplan::Strategy::FirstFit).unwrap();
/// assert_eq!(p.to_string(), "10.0.0.64/26");
/// ```
pub fn allocate_one(parent: &IpNet, used: &[IpNet], prefix_len: u8, strategy: Strategy) -> Result<IpNet> {
    let r = allocate(parent, used, &[AllocationRequest { name: String::new(), prefix_len }], strategy)?;
    Ok(r.subnets[0].prefix)
}
