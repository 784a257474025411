//! The documented bound of every numeric argument a caller can push past what any
//! platform has, checked in one place, so that no call allocates or loops in
//! proportion to an absurd number and no answer is a saturated one.
//!
//! ```
//! use cidrplan::bounds;
//! assert_eq!(bounds::MAX_ZONES, 6);
//! let e = bounds::check("zones", 100_000u32, 1, bounds::MAX_ZONES, "no cloud region has more than 6 zones").unwrap_err();
//! assert_eq!(e.to_string(), "zones=100000 is outside 1..=6 (no cloud region has more than 6 zones)");
//! assert_eq!(e.field(), Some("zones"));
//! ```

use crate::{Error, Result};
use std::fmt::Display;

/// Availability zones per cluster or VPC: AWS us-east-1 has six, the most of any
/// region of AWS, Azure (3) or Google Cloud (3 or 4).
pub const MAX_ZONES: u32 = 6;

/// Prefixes one call may build at once, whatever `limit` the caller passes (2^22:
/// about 130 MiB in Rust, about 0.5 GiB as a Python list of str). Larger splits are
/// iterated lazily.
pub const MAX_MATERIALIZE_LIMIT: u64 = 1 << 22;

/// Overlapping pairs one report may hold (`max_pairs`): 20,000,000 pairs are 320 MB of
/// index pairs in Rust and several GB as Python records.
pub const MAX_OVERLAP_PAIRS: usize = 20_000_000;

/// Nodes of one cluster that sizing accepts: no platform runs more than 65,000
/// (GKE's largest clusters); AKS and upstream Kubernetes stop at 5,000.
pub const MAX_CLUSTER_NODES: u64 = 65_000;

/// `limit`, the most items one call lists at once, if it is at most
/// [`MAX_MATERIALIZE_LIMIT`]; every list built in one go (split, addresses) checks it.
///
/// ```
/// assert_eq!(cidrplan::bounds::list_limit(1000).unwrap(), 1000);
/// assert_eq!(cidrplan::bounds::list_limit(1 << 40).unwrap_err().field(), Some("limit"));
/// ```
pub fn list_limit(limit: u64) -> Result<u64> {
    check("limit", limit, 0, MAX_MATERIALIZE_LIMIT, "the most items cidrplan lists at once; iterate lazily for more")
}

/// `value` if `lo <= value <= hi`, else an [`Error::InvalidArgument`] naming the
/// argument, the value, the allowed range and why, about the input `name`.
pub fn check<T: PartialOrd + Display + Copy>(name: &str, value: T, lo: T, hi: T, why: &str) -> Result<T> {
    if value < lo || value > hi {
        return Err(Error::InvalidArgument(format!("{name}={value} is outside {lo}..={hi} ({why})")).about(name));
    }
    Ok(value)
}
