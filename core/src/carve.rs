//! Carving a prefix into subnets: splitting, Terraform's `cidrsubnet`,
//! `cidrsubnets` and `cidrhost`, named plans like the `hashicorp/subnets/cidr`
//! module, and largest-first VLSM.
//!
//! Every carving strategy returns a [`CarveReport`]: the subnets in the caller's
//! order, the holes it left between them, the space remaining after them, and
//! the addresses wasted.

use crate::addr::{first, host_bits, last, make_net, span_minus_one, Family, Span};
use crate::profile::AddressProfile;
use crate::set::PrefixSet;
use crate::{Error, Result};
use ipnet::IpNet;
use std::net::IpAddr;

/// Default cap on how many prefixes a materialising call may build (2^20).
pub const DEFAULT_MATERIALIZE_LIMIT: u64 = 1 << 20;

/// The subnets of a prefix at a longer prefix length, produced lazily.
///
/// ```
/// use cidrplan::split;
/// let it = split(&"10.0.0.0/16".parse().unwrap(), 19).unwrap();
/// assert_eq!(it.total(), 8);
/// let v: Vec<String> = it.map(|p| p.to_string()).collect();
/// assert_eq!(v[1], "10.0.32.0/19");
/// // Lazy: an IPv6 /32 into /64s is 2^32 subnets, none built until asked for.
/// let mut big = split(&"2001:db8::/32".parse().unwrap(), 64).unwrap();
/// assert_eq!(big.total(), 1u128 << 32);
/// assert_eq!(big.nth(1).unwrap().to_string(), "2001:db8:0:1::/64");
/// ```
#[derive(Debug, Clone)]
pub struct Subnets {
    family: Family,
    next: u128,
    remaining: u128,
    step_bits: u8,
    new_len: u8,
    start_len: u8,
    total: u128,
}

impl Subnets {
    /// Number of subnets in all, saturating at `u128::MAX` (`::/0` into /128s; see
    /// [`Subnets::total_decimal`] for the exact count).
    pub fn total(&self) -> u128 {
        self.total
    }

    /// Number of subnets in all, exact, as decimal text (2^128 for `::/0` into /128s).
    ///
    /// ```
    /// let n = |s: &str| s.parse().unwrap();
    /// assert_eq!(cidrplan::split(&n("::/0"), 128).unwrap().total_decimal(), "340282366920938463463374607431768211456");
    /// assert_eq!(cidrplan::split(&n("10.0.0.0/8"), 24).unwrap().total_decimal(), "65536");
    /// ```
    pub fn total_decimal(&self) -> String {
        if self.new_len - self.start_len >= 128 {
            "340282366920938463463374607431768211456".to_string()
        } else {
            self.total.to_string()
        }
    }
}

impl Iterator for Subnets {
    type Item = IpNet;
    fn next(&mut self) -> Option<IpNet> {
        if self.remaining == 0 {
            return None;
        }
        let net = make_net(self.family, self.next, self.new_len);
        self.remaining -= 1;
        if self.remaining > 0 {
            self.next += 1u128 << self.step_bits;
        }
        Some(net)
    }

    fn nth(&mut self, n: usize) -> Option<IpNet> {
        let n = n as u128;
        if n >= self.remaining {
            self.remaining = 0;
            return None;
        }
        self.next += n << self.step_bits;
        self.remaining -= n;
        self.next()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = usize::try_from(self.remaining).unwrap_or(usize::MAX);
        (n, usize::try_from(self.remaining).ok())
    }
}

/// Lazily split `net` into its subnets of length `new_prefix_len`, like
/// `ipaddress.subnets(new_prefix=...)`.
///
/// ```
/// use cidrplan::split;
/// assert!(split(&"10.0.0.0/16".parse().unwrap(), 15).is_err()); // shorter than /16
/// assert!(split(&"10.0.0.0/16".parse().unwrap(), 33).is_err());
/// assert_eq!(split(&"10.0.0.0/16".parse().unwrap(), 16).unwrap().count(), 1);
/// ```
pub fn split(net: &IpNet, new_prefix_len: u8) -> Result<Subnets> {
    let fam = Family::of(net);
    let bits = fam.bits();
    if new_prefix_len > bits {
        return Err(Error::InvalidArgument(format!(
            "cannot split {net} into /{new_prefix_len}: {} prefixes are at most /{bits}",
            fam.name()
        )));
    }
    if new_prefix_len < net.prefix_len() {
        // the shorter prefix that holds it is its supernet: say which it is
        let holder = supernet(net, new_prefix_len)
            .map_or_else(|_| String::new(), |h| format!("; the /{new_prefix_len} that holds it is {h}"));
        return Err(Error::InvalidArgument(format!(
            "cannot split {net} into /{new_prefix_len}: the new length must be /{} or longer{holder}",
            net.prefix_len()
        )));
    }
    let extra = new_prefix_len - net.prefix_len();
    let total = crate::addr::block_size_saturating(extra);
    // For ::/0 into /128s the true count is 2^128; `remaining` covers all but the last,
    // which is the documented saturation.
    Ok(Subnets {
        family: fam,
        next: first(net),
        remaining: total,
        step_bits: bits - new_prefix_len,
        new_len: new_prefix_len,
        start_len: net.prefix_len(),
        total,
    })
}

/// Split and collect, refusing when more than `limit` subnets would be built.
///
/// ```
/// use cidrplan::split_to_vec;
/// let v = split_to_vec(&"10.0.0.0/8".parse().unwrap(), 24, 100_000).unwrap();
/// assert_eq!(v.len(), 65_536);
/// let err = split_to_vec(&"::/0".parse().unwrap(), 128, 1_000_000).unwrap_err();
/// assert_eq!(err.kind(), "limit-exceeded");
/// // the limit itself is bounded: no call builds more than 2^22 prefixes
/// let err = split_to_vec(&"::/0".parse().unwrap(), 33, 1 << 33).unwrap_err();
/// assert_eq!(err.kind(), "invalid-argument");
/// ```
pub fn split_to_vec(net: &IpNet, new_prefix_len: u8, limit: u64) -> Result<Vec<IpNet>> {
    crate::bounds::list_limit(limit)?;
    let it = split(net, new_prefix_len)?;
    if it.total() > limit as u128 {
        return Err(Error::LimitExceeded(format!(
            "splitting {net} into /{new_prefix_len} gives {} subnets, more than the limit of {limit}; \
             iterate lazily or raise the limit",
            if it.total() == u128::MAX { "2^128".to_string() } else { it.total().to_string() }
        )));
    }
    Ok(it.collect())
}

/// The next nibble (4-bit) boundary longer than the prefix, at most the family's width:
/// IPv6 plans split on nibbles so that every subnet reads as whole hex digits.
///
/// ```
/// let n = |s: &str| s.parse().unwrap();
/// assert_eq!(cidrplan::next_nibble(&n("2001:db8::/48")), 52);
/// assert_eq!(cidrplan::next_nibble(&n("2001:db8::/50")), 52);
/// assert_eq!(cidrplan::next_nibble(&n("::1/128")), 128);
/// ```
pub fn next_nibble(net: &IpNet) -> u8 {
    ((net.prefix_len() / 4 + 1) * 4).min(Family::of(net).bits())
}

/// Rows a split/join tree may have ([`split_tree`]); deeper trees are refused.
pub const MAX_TREE_ROWS: usize = 65_536;

/// One row of a split/join tree: a leaf of `base` under the splits made so far.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct TreeRow {
    /// The subnet.
    pub prefix: IpNet,
    /// How many splits below the base.
    pub depth: u32,
    /// What a Join merges it back into (`None` for the base itself).
    pub parent: Option<IpNet>,
    /// The first half a Split gives (`None` for a single address).
    pub first_half: Option<IpNet>,
    /// IPv6: the next nibble boundary, when it is more than one bit away.
    pub nibble: Option<u8>,
    /// The prefixes a split to the nibble boundary splits (every level on the way).
    pub nibble_splits: Vec<IpNet>,
    /// Its share of the base's addresses (for drawing), 2^(base length - length).
    pub share: f64,
    /// Everything about it under the profile (`standard` where the profile has no rule
    /// for the family, as for IPv6 outside AWS and Azure).
    pub info: crate::PrefixInfo,
}

/// The leaves of `base` after splitting every prefix in `splits` in two, in address
/// order: the split/join tree of a subnet calculator. Splits outside `base` or of
/// another family are ignored; more than [`MAX_TREE_ROWS`] rows are refused.
/// Each row is [`tree_row`] of its leaf ([`split_leaves`]).
///
/// ```
/// use cidrplan::{split_tree, AddressProfile};
/// let n = |s: &str| s.parse().unwrap();
/// let rows = split_tree(&n("10.0.0.0/16"), &[n("10.0.0.0/16"), n("10.0.0.0/17")], AddressProfile::Aws).unwrap();
/// let got: Vec<String> = rows.iter().map(|r| r.prefix.to_string()).collect();
/// assert_eq!(got, ["10.0.0.0/18", "10.0.64.0/18", "10.0.128.0/17"]);
/// assert_eq!((rows[0].depth, rows[0].parent.unwrap().to_string()), (2, "10.0.0.0/17".to_string()));
/// assert_eq!(rows[2].info.usable, 32_763);
/// let v6 = split_tree(&n("2001:db8::/48"), &[], AddressProfile::Gcp).unwrap();
/// assert_eq!((v6[0].nibble, v6[0].nibble_splits.len()), (Some(52), 15));
/// ```
pub fn split_tree(base: &IpNet, splits: &[IpNet], profile: AddressProfile) -> Result<Vec<TreeRow>> {
    let base = base.trunc();
    split_leaves(&base, splits)?.iter().map(|p| tree_row(&base, p, profile)).collect()
}

/// The leaves of [`split_tree`] without their rows: what an editor needs to lay the tree
/// out again after one Split or Join, reusing the rows it has ([`tree_row`] for the new
/// ones), instead of inspecting every leaf again.
///
/// ```
/// use cidrplan::split_leaves;
/// let n = |s: &str| s.parse().unwrap();
/// let leaves = split_leaves(&n("10.0.0.0/16"), &[n("10.0.0.0/16"), n("10.0.0.0/17"), n("192.168.0.0/24")]).unwrap();
/// assert_eq!(leaves, [n("10.0.0.0/18"), n("10.0.64.0/18"), n("10.0.128.0/17")]);
/// ```
pub fn split_leaves(base: &IpNet, splits: &[IpNet]) -> Result<Vec<IpNet>> {
    let base = base.trunc();
    let split_set: std::collections::HashSet<IpNet> =
        splits.iter().filter(|p| Family::of(p) == Family::of(&base) && base.contains(*p)).map(|p| p.trunc()).collect();
    let mut leaves = Vec::new();
    let mut stack = vec![base];
    while let Some(p) = stack.pop() {
        if split_set.contains(&p) && host_bits(&p) > 0 {
            let len = p.prefix_len() + 1;
            let hb = host_bits(&p) - 1;
            let fam = Family::of(&p);
            // the upper half is pushed first so that the lower one comes out first
            stack.push(make_net(fam, first(&p) | (1u128 << hb), len));
            stack.push(make_net(fam, first(&p), len));
        } else {
            leaves.push(p);
            if leaves.len() > MAX_TREE_ROWS {
                return Err(Error::LimitExceeded(format!(
                    "the splits of {base} give more than {MAX_TREE_ROWS} subnets; join some first"
                )));
            }
        }
    }
    Ok(leaves)
}

/// The splits that divide `prefix` into subnets of length `new_len` in one step: every
/// prefix of its subtree shorter than `new_len` (what a split/join tree records, as
/// [`split_tree`] reads it). More than [`MAX_TREE_ROWS`] subnets are refused.
///
/// ```
/// use cidrplan::splits_to;
/// let n = |s: &str| s.parse().unwrap();
/// let s = splits_to(&n("10.0.0.0/24"), 26).unwrap();
/// assert_eq!(s, vec![n("10.0.0.0/24"), n("10.0.0.0/25"), n("10.0.0.128/25")]);
/// assert_eq!(splits_to(&n("10.0.0.0/16"), 26).unwrap().len(), 1023); // 1,024 /26s
/// assert!(splits_to(&n("10.0.0.0/8"), 32).is_err()); // 2^24 subnets
/// assert!(splits_to(&n("10.0.0.0/24"), 24).unwrap().is_empty());
/// ```
pub fn splits_to(prefix: &IpNet, new_len: u8) -> Result<Vec<IpNet>> {
    let p = prefix.trunc();
    if new_len < p.prefix_len() || new_len > Family::of(&p).bits() {
        return Err(Error::InvalidArgument(format!(
            "{p} cannot be split into /{new_len}: give a length from /{} to /{}",
            p.prefix_len(),
            Family::of(&p).bits()
        )));
    }
    let extra = u32::from(new_len - p.prefix_len());
    if extra >= usize::BITS || (1usize << extra) > MAX_TREE_ROWS {
        return Err(Error::LimitExceeded(format!(
            "{p} into /{new_len} gives 2^{extra} subnets, more than the {MAX_TREE_ROWS} rows a tree may have; \
             split a smaller prefix or to a shorter length"
        )));
    }
    Ok((p.prefix_len()..new_len).flat_map(|k| split(&p, k).into_iter().flatten()).collect())
}

/// The row of `prefix` in the split/join tree of `base` (its depth is how many splits
/// below `base` it lies): one row of [`split_tree`].
///
/// ```
/// use cidrplan::{tree_row, AddressProfile};
/// let n = |s: &str| s.parse().unwrap();
/// let row = tree_row(&n("10.0.0.0/16"), &n("10.0.64.0/18"), AddressProfile::Aws).unwrap();
/// assert_eq!((row.depth, row.parent, row.share), (2, Some(n("10.0.0.0/17")), 0.25));
/// assert!(tree_row(&n("10.0.0.0/16"), &n("10.1.0.0/18"), AddressProfile::Aws).is_err());
/// ```
pub fn tree_row(base: &IpNet, prefix: &IpNet, profile: AddressProfile) -> Result<TreeRow> {
    let base = base.trunc();
    let p = prefix.trunc();
    if Family::of(&p) != Family::of(&base) || !base.contains(&p) {
        return Err(Error::InvalidArgument(format!("{p} is not inside the base {base}")));
    }
    let fam = Family::of(&p);
    let depth = u32::from(p.prefix_len() - base.prefix_len());
    let info = profile.inspect(&p).or_else(|_| AddressProfile::Standard.inspect(&p))?;
    let nibble = next_nibble(&p);
    let nibble = (fam == Family::V6 && nibble - p.prefix_len() > 1).then_some(nibble);
    let nibble_splits = match nibble {
        Some(to) => (p.prefix_len()..to).flat_map(|k| split(&p, k).into_iter().flatten()).collect(),
        None => Vec::new(),
    };
    Ok(TreeRow {
        prefix: p,
        depth,
        parent: (depth > 0).then(|| supernet(&p, p.prefix_len() - 1)).transpose()?,
        first_half: (host_bits(&p) > 0).then(|| make_net(fam, first(&p), p.prefix_len() + 1)),
        nibble,
        nibble_splits,
        share: 2f64.powi(-(depth as i32)),
        info,
    })
}

/// The position of `subnet` among the subnets of `parent` at its length: the inverse of
/// [`cidrsubnet`] (`cidrsubnet(parent, len - parent_len, i) == subnet`).
///
/// ```
/// use cidrplan::{subnet_index, cidrsubnet};
/// let n = |s: &str| s.parse().unwrap();
/// assert_eq!(subnet_index(&n("10.0.0.0/16"), &n("10.0.3.0/24")).unwrap(), 3);
/// assert_eq!(cidrsubnet(&n("10.0.0.0/16"), 8, 3).unwrap(), n("10.0.3.0/24"));
/// assert!(subnet_index(&n("10.0.0.0/16"), &n("10.1.0.0/24")).is_err());   // not inside
/// assert!(subnet_index(&n("10.0.0.0/16"), &n("10.0.0.0/8")).is_err());    // larger
/// assert_eq!(subnet_index(&n("::/0"), &n("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128")).unwrap(), u128::MAX);
/// ```
pub fn subnet_index(parent: &IpNet, subnet: &IpNet) -> Result<u128> {
    crate::addr::same_family("subnet index", parent, subnet)?;
    if subnet.prefix_len() < parent.prefix_len() || !parent.contains(subnet) {
        return Err(Error::InvalidArgument(format!("{subnet} is not a subnet of {parent}")));
    }
    let step = host_bits(subnet);
    let offset = first(subnet) - first(parent);
    Ok(if step >= 128 { 0 } else { offset >> step })
}

/// The `index`-th subnet of `parent` extended by `extra` bits, at any width (`::/0` into
/// /128s too): the inverse of [`subnet_index`]. [`cidrsubnet`] is the same with
/// Terraform's limits.
///
/// ```
/// use cidrplan::subnet_at;
/// let n = |s: &str| s.parse().unwrap();
/// assert_eq!(subnet_at(&n("10.0.0.0/16"), 8, 3).unwrap(), n("10.0.3.0/24"));
/// assert_eq!(subnet_at(&n("::/0"), 128, u128::MAX).unwrap(), n("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128"));
/// assert!(subnet_at(&n("10.0.0.0/16"), 8, 256).is_err());
/// ```
pub fn subnet_at(parent: &IpNet, extra: u8, index: u128) -> Result<IpNet> {
    let base = parent.trunc();
    let fam = Family::of(&base);
    let new_len = new_len_within(&base, extra)?;
    if extra < 128 && index >> extra != 0 {
        return Err(Error::InvalidArgument(format!(
            "prefix extension of {extra} bits does not accommodate a subnet numbered {index} \
             (the largest is {})",
            span_minus_one(extra)
        )));
    }
    let step = fam.bits() - new_len;
    let offset = if step >= 128 { 0 } else { index << step };
    Ok(make_net(fam, first(&base) | offset, new_len))
}

fn new_len_within(base: &IpNet, newbits: u8) -> Result<u8> {
    let bits = Family::of(base).bits();
    let new_len = base.prefix_len() as u16 + newbits as u16;
    if new_len > bits as u16 {
        return Err(Error::InvalidArgument(format!(
            "insufficient address space to extend prefix of {} by {newbits} bits (at most {} more)",
            base.prefix_len(),
            bits - base.prefix_len()
        )));
    }
    Ok(new_len as u8)
}

/// A prefix as Terraform's cidr functions read it: host bits dropped, and an
/// IPv4-mapped IPv6 prefix (`::ffff:192.168.0.0/112`) as the IPv4 prefix it maps
/// (`192.168.0.0/16`), as Go's `net.ParseCIDR` gives it to them.
fn terraform_base(base: &IpNet) -> IpNet {
    if let IpNet::V6(n) = base.trunc() {
        if let (Some(v4), true) = (n.network().to_ipv4_mapped(), n.prefix_len() >= 96) {
            return IpNet::V4(ipnet::Ipv4Net::new_assert(v4, n.prefix_len() - 96));
        }
    }
    base.trunc()
}

/// Terraform's `cidrsubnets` (and the hashicorp/subnets/cidr module built on it) refuses to
/// extend a prefix by more than 32 bits ("may not extend prefix by more than 32 bits");
/// `cidrsubnet` has no such limit (its own test: `cidrsubnet("fe80::/48", 33, 6)` is
/// `fe80::3:0:0:0/81`, internal/lang/funcs/cidr_test.go).
const TERRAFORM_MAX_NEWBITS: u8 = 32;

/// The containing prefix of length `new_prefix_len`, like `ipaddress.supernet(new_prefix=...)`.
///
/// ```
/// use cidrplan::supernet;
/// assert_eq!(supernet(&"10.1.2.0/24".parse().unwrap(), 16).unwrap().to_string(), "10.1.0.0/16");
/// assert!(supernet(&"10.1.2.0/24".parse().unwrap(), 25).is_err());
/// ```
pub fn supernet(net: &IpNet, new_prefix_len: u8) -> Result<IpNet> {
    if new_prefix_len > net.prefix_len() {
        return Err(Error::InvalidArgument(format!(
            "the supernet of {net} must be /{} or shorter, not /{new_prefix_len}",
            net.prefix_len()
        )));
    }
    Ok(make_net(Family::of(net), first(net) & !span_minus_one(Family::of(net).bits() - new_prefix_len), new_prefix_len)
        .trunc())
}

// ---------------------------------------------------------------------------
// Terraform
// ---------------------------------------------------------------------------

/// Terraform's `cidrsubnet(prefix, newbits, netnum)`: the `netnum`-th subnet of
/// length `prefix_len + newbits`. Host bits of `base` are ignored, as in Terraform.
///
/// ```
/// use cidrplan::cidrsubnet;
/// let n = |s: &str| s.parse().unwrap();
/// assert_eq!(cidrsubnet(&n("10.1.2.0/24"), 4, 15).unwrap().to_string(), "10.1.2.240/28");
/// assert_eq!(cidrsubnet(&n("172.16.0.0/12"), 4, 2).unwrap().to_string(), "172.18.0.0/16");
/// assert!(cidrsubnet(&n("10.1.2.0/24"), 4, 16).is_err()); // 16 does not fit in 4 bits
/// assert!(cidrsubnet(&n("10.1.2.0/24"), 9, 0).is_err());  // /33
/// // as Terraform: more than 32 new bits (cidrsubnets refuses them); an IPv4-mapped prefix is IPv4
/// assert_eq!(cidrsubnet(&n("fe80::/48"), 33, 6).unwrap().to_string(), "fe80::3:0:0:0/81");
/// assert_eq!(cidrsubnet(&n("::ffff:192.168.0.0/112"), 8, 6).unwrap().to_string(), "192.168.6.0/24");
/// ```
pub fn cidrsubnet(base: &IpNet, newbits: u8, netnum: u128) -> Result<IpNet> {
    subnet_at(&terraform_base(base), newbits, netnum)
}

fn terraform_new_len(base: &IpNet, newbits: u8) -> Result<u8> {
    if newbits > TERRAFORM_MAX_NEWBITS {
        return Err(Error::InvalidArgument(format!(
            "cidrsubnets: newbits {newbits}: may not extend prefix by more than {TERRAFORM_MAX_NEWBITS} bits (Terraform's limit)"
        )));
    }
    new_len_within(base, newbits)
}

/// Terraform's `cidrhost(prefix, hostnum)`: the address `hostnum` into `base`;
/// a negative number counts back from the end (-1 is the last address).
///
/// ```
/// use cidrplan::cidrhost;
/// let n = |s: &str| s.parse().unwrap();
/// assert_eq!(cidrhost(&n("10.0.0.0/8"), -2).unwrap().to_string(), "10.255.255.254");
/// assert_eq!(cidrhost(&n("10.12.112.0/20"), 16).unwrap().to_string(), "10.12.112.16");
/// assert_eq!(cidrhost(&n("10.12.112.0/20"), 268).unwrap().to_string(), "10.12.113.12");
/// assert!(cidrhost(&n("10.0.0.0/30"), 4).is_err());
/// assert!(cidrhost(&n("10.0.0.0/30"), -5).is_err());
/// ```
pub fn cidrhost(base: &IpNet, hostnum: i128) -> Result<IpAddr> {
    let base = terraform_base(base);
    let fam = Family::of(&base);
    let hb = host_bits(&base);
    let max_index = span_minus_one(hb); // last valid non-negative index
    let offset = if hostnum >= 0 {
        let h = hostnum as u128;
        if h > max_index {
            return Err(Error::InvalidArgument(format!(
                "prefix of {} does not accommodate a host numbered {hostnum} (hosts 0 to {max_index})",
                base.prefix_len()
            )));
        }
        h
    } else {
        let back = hostnum.unsigned_abs(); // 1 means last
        if back - 1 > max_index {
            return Err(Error::InvalidArgument(format!(
                "prefix of {} does not accommodate a host numbered {hostnum} (hosts -{} to -1)",
                base.prefix_len(),
                if hb >= 128 { "2^128".to_string() } else { (max_index + 1).to_string() }
            )));
        }
        max_index - (back - 1)
    };
    Ok(crate::addr::u128_to_addr(fam, first(&base) + offset))
}

/// Terraform's `cidrnetmask(prefix)`: the IPv4 netmask (IPv6 is an error, as in Terraform).
///
/// ```
/// let n = |s: &str| s.parse().unwrap();
/// assert_eq!(cidrplan::cidrnetmask(&n("172.16.0.0/12")).unwrap().to_string(), "255.240.0.0");
/// assert!(cidrplan::cidrnetmask(&n("2001:db8::/32")).is_err());
/// ```
pub fn cidrnetmask(base: &IpNet) -> Result<IpAddr> {
    match terraform_base(base) {
        IpNet::V4(n) => Ok(IpAddr::V4(n.netmask())),
        IpNet::V6(_) => Err(Error::InvalidArgument(format!(
            "cidrnetmask: {base} is IPv6; netmasks are an IPv4 notion (use the prefix length)"
        ))),
    }
}

/// Terraform's `cidrsubnets(prefix, newbits...)`: consecutive subnets, each aligned
/// to its own size, never backfilled. Host bits of `base` are ignored.
///
/// ```
/// use cidrplan::cidrsubnets;
/// let got: Vec<String> = cidrsubnets(&"10.1.0.0/16".parse().unwrap(), &[4, 4, 8, 4])
///     .unwrap().iter().map(|p| p.to_string()).collect();
/// assert_eq!(got, ["10.1.0.0/20", "10.1.16.0/20", "10.1.32.0/24", "10.1.48.0/20"]);
/// assert!(cidrsubnets(&"10.1.0.0/16".parse().unwrap(), &[1, 1, 1]).is_err());
/// assert!(cidrsubnets(&"10.1.0.0/16".parse().unwrap(), &[0]).is_err());
/// assert!(cidrsubnets(&"fe80::/48".parse().unwrap(), &[1, 33]).is_err()); // Terraform's 32-bit limit
/// ```
pub fn cidrsubnets(base: &IpNet, newbits: &[u8]) -> Result<Vec<IpNet>> {
    let base = terraform_base(base);
    let fam = Family::of(&base);
    let bits = fam.bits();
    let base_last = last(&base);
    let mut out: Vec<IpNet> = Vec::with_capacity(newbits.len());
    let mut prev_last: Option<u128> = None;
    for (i, &nb) in newbits.iter().enumerate() {
        if nb < 1 {
            return Err(Error::InvalidArgument(format!(
                "cidrsubnets: newbits value {i} is {nb}; each must be at least 1"
            )));
        }
        let new_len = terraform_new_len(&base, nb)?;
        let mask = span_minus_one(bits - new_len);
        let start = match prev_last {
            None => first(&base),
            // The block of the new size holding the previous block's last address, then the next one.
            Some(pl) => match (pl & !mask).checked_add(mask).and_then(|x| x.checked_add(1)) {
                Some(s) if s <= fam.max() => s,
                _ => return Err(not_enough_space(new_len, out.last())),
            },
        };
        if start + mask > base_last || start < first(&base) {
            return Err(not_enough_space(new_len, out.last()));
        }
        let net = make_net(fam, start, new_len);
        prev_last = Some(start + mask);
        out.push(net);
    }
    Ok(out)
}

fn not_enough_space(new_len: u8, after: Option<&IpNet>) -> Error {
    Error::DoesNotFit(match after {
        Some(a) => format!("not enough remaining address space for a subnet with a prefix of {new_len} bits after {a}"),
        None => format!("not enough address space for a subnet with a prefix of {new_len} bits"),
    })
}

// ---------------------------------------------------------------------------
// Reports
// ---------------------------------------------------------------------------

/// One subnet of a carving result.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct CarvedSubnet {
    /// The caller's name for it, if any.
    pub name: Option<String>,
    /// The prefix.
    pub prefix: IpNet,
    /// The hosts asked for, when the request was in hosts.
    #[cfg_attr(feature = "typescript", tsify(type = "Count | null"))]
    pub requested_hosts: Option<u128>,
    /// Usable addresses under the profile used (standard when none was given).
    #[cfg_attr(feature = "typescript", tsify(type = "Count"))]
    pub usable: u128,
}

/// What a carving strategy produced and what it left behind.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct CarveReport {
    /// The parent prefix.
    pub parent: IpNet,
    /// The subnets, in the caller's order.
    pub subnets: Vec<CarvedSubnet>,
    /// Free space below the end of the highest subnet: gaps the strategy left.
    pub holes: Vec<IpNet>,
    /// Free space after the highest subnet.
    pub remaining: Vec<IpNet>,
    /// Addresses in the holes plus, for host-count requests, usable addresses
    /// allocated beyond what was asked.
    #[cfg_attr(feature = "typescript", tsify(type = "Count"))]
    pub wasted_addresses: u128,
}

/// Build a report from placed subnets and the space that was already used.
pub(crate) fn report(parent: IpNet, subnets: Vec<CarvedSubnet>, already_used: &PrefixSet) -> CarveReport {
    let fam = Family::of(&parent);
    let placed = PrefixSet::from_prefixes(subnets.iter().map(|s| s.prefix));
    let free = PrefixSet::from_prefixes([parent]).difference(&placed).difference(already_used);
    let top = subnets.iter().map(|s| last(&s.prefix)).max();
    let (holes, remaining) = match top {
        None => (vec![], free.prefixes()),
        Some(t) => {
            let below = PrefixSet::from_spans(fam, vec![Span { lo: first(&parent), hi: t }]);
            (free.intersection(&below).prefixes(), free.difference(&below).prefixes())
        }
    };
    let hole_addrs: u128 =
        holes.iter().map(|h| span_minus_one(host_bits(h)).saturating_add(1)).fold(0, u128::saturating_add);
    let over: u128 = subnets
        .iter()
        .filter_map(|s| s.requested_hosts.map(|h| s.usable.saturating_sub(h)))
        .fold(0, u128::saturating_add);
    CarveReport { parent, subnets, holes, remaining, wasted_addresses: hole_addrs.saturating_add(over) }
}

/// A slot of a named plan: a name (or `None` to keep the space unnamed) and newbits.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct NamedSlot {
    /// Name of the subnet; `None` reserves the slot's space without emitting it.
    pub name: Option<String>,
    /// Bits added to the base prefix length.
    pub new_bits: u8,
}

/// Named plan like the `hashicorp/subnets/cidr` module: Terraform `cidrsubnets`
/// over all slots, where a slot with no name keeps its space but is not reported,
/// so later subnets keep their addresses when a subnet is retired.
///
/// ```
/// use cidrplan::{named_subnets, NamedSlot};
/// let slot = |n: Option<&str>, b| NamedSlot { name: n.map(String::from), new_bits: b };
/// let r = named_subnets(&"10.0.0.0/8".parse().unwrap(), &[
///     slot(Some("foo"), 8), slot(None, 8), slot(Some("baz"), 4), slot(Some("beep"), 8), slot(Some("boop"), 8),
/// ]).unwrap();
/// let got: Vec<String> = r.subnets.iter().map(|s| format!("{}={}", s.name.as_deref().unwrap(), s.prefix)).collect();
/// assert_eq!(got, ["foo=10.0.0.0/16", "baz=10.16.0.0/12", "beep=10.32.0.0/16", "boop=10.33.0.0/16"]);
/// ```
pub fn named_subnets(base: &IpNet, slots: &[NamedSlot]) -> Result<CarveReport> {
    let bits: Vec<u8> = slots.iter().map(|s| s.new_bits).collect();
    let nets = cidrsubnets(base, &bits)?;
    let mut kept = Vec::new();
    let mut reserved = Vec::new();
    for (slot, net) in slots.iter().zip(nets) {
        match &slot.name {
            Some(name) => kept.push(CarvedSubnet {
                name: Some(name.clone()),
                prefix: net,
                requested_hosts: None,
                usable: AddressProfile::Standard.usable_hosts(&net)?,
            }),
            None => reserved.push(net),
        }
    }
    Ok(report(base.trunc(), kept, &PrefixSet::from_prefixes(reserved)))
}

/// Terraform `cidrsubnets` as a report: subnets (unnamed), holes and waste.
///
/// ```
/// let r = cidrplan::cidrsubnets_report(&"10.1.0.0/16".parse().unwrap(), &[4, 4, 8, 4]).unwrap();
/// assert_eq!(r.holes.iter().map(|h| h.to_string()).collect::<Vec<_>>(),
///            ["10.1.33.0/24", "10.1.34.0/23", "10.1.36.0/22", "10.1.40.0/21"]);
/// assert_eq!(r.wasted_addresses, 15 * 256);
/// ```
pub fn cidrsubnets_report(base: &IpNet, newbits: &[u8]) -> Result<CarveReport> {
    let nets = cidrsubnets(base, newbits)?;
    let subnets = nets
        .into_iter()
        .map(|p| {
            Ok(CarvedSubnet {
                name: None,
                prefix: p,
                requested_hosts: None,
                usable: AddressProfile::Standard.usable_hosts(&p)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(report(base.trunc(), subnets, &PrefixSet::new()))
}

/// One VLSM request: a name and either a prefix length or a host count.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct VlsmRequest {
    /// Name of the subnet (may be empty).
    pub name: String,
    /// What is asked for.
    pub size: SubnetSize,
}

impl VlsmRequest {
    /// The VLSM text users type: items separated by commas, semicolons or new lines,
    /// each `name:hosts` (or `name=hosts`), `name:/len` for an exact prefix length, or
    /// a bare host count (named `subnet-N`).
    ///
    /// ```
    /// use cidrplan::{VlsmRequest, SubnetSize};
    /// let r = VlsmRequest::parse_list("web:500, app=200; /26\n50").unwrap();
    /// assert_eq!(r[0], VlsmRequest { name: "web".into(), size: SubnetSize::Hosts(500) });
    /// assert_eq!(r[2], VlsmRequest { name: "subnet-3".into(), size: SubnetSize::PrefixLen(26) });
    /// assert_eq!(r[3].name, "subnet-4");
    /// let e = VlsmRequest::parse_list("web:lots").unwrap_err();
    /// assert_eq!(e.to_string(), "\"web:lots\" is not a valid VLSM request: write name:hosts, like web:500, or name:/24");
    /// assert!(VlsmRequest::parse_list(" , ").is_err()); // nothing asked for
    /// ```
    pub fn parse_list(text: &str) -> Result<Vec<VlsmRequest>> {
        let items: Vec<&str> = text.split([',', ';', '\n']).map(str::trim).filter(|t| !t.is_empty()).collect();
        if items.is_empty() {
            return Err(Error::Parse {
                input: crate::parse::echo(text),
                expected: "VLSM request list",
                reason: "it is empty; write host counts like web:500, app:200".into(),
            });
        }
        items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let (name, size) = match item.split_once([':', '=']) {
                    Some((n, v)) => (n.trim().to_string(), v.trim()),
                    None => (format!("subnet-{}", i + 1), *item),
                };
                let bad = || Error::Parse {
                    input: crate::parse::echo(item),
                    expected: "VLSM request",
                    reason: "write name:hosts, like web:500, or name:/24".into(),
                };
                if name.is_empty() {
                    return Err(bad());
                }
                let size = match size.strip_prefix('/') {
                    Some(len) => SubnetSize::PrefixLen(len.parse().map_err(|_| bad())?),
                    None => SubnetSize::Hosts(size.parse().map_err(|_| bad())?),
                };
                Ok(VlsmRequest { name, size })
            })
            .collect()
    }
}

/// A subnet size, as a prefix length or as hosts that must fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum SubnetSize {
    /// Exactly this prefix length.
    PrefixLen(u8),
    /// The smallest subnet whose usable addresses (under the profile) hold this many hosts.
    Hosts(u128),
}

/// Largest-first VLSM (jodies `ipcalc -s`): biggest subnets placed first so there
/// are no alignment holes; results come back in the caller's order. Host counts
/// round up to a power of two that fits the hosts plus the profile's reserved
/// addresses, never below the profile's smallest subnet. All or nothing.
///
/// ```
/// use cidrplan::{vlsm, VlsmRequest, SubnetSize, AddressProfile};
/// let req = |n: &str, h| VlsmRequest { name: n.into(), size: SubnetSize::Hosts(h) };
/// let r = vlsm(&"192.168.0.0/24".parse().unwrap(), &[req("a", 10), req("b", 100), req("c", 50)],
///              AddressProfile::Standard).unwrap();
/// let got: Vec<String> = r.subnets.iter().map(|s| s.prefix.to_string()).collect();
/// assert_eq!(got, ["192.168.0.192/28", "192.168.0.0/25", "192.168.0.128/26"]);
/// assert_eq!(r.remaining.iter().map(|p| p.to_string()).collect::<Vec<_>>(), ["192.168.0.208/28", "192.168.0.224/27"]);
/// assert!(vlsm(&"192.168.0.0/24".parse().unwrap(), &[req("x", 300)], AddressProfile::Standard).is_err());
/// // names are unique and every subnet holds at least one host
/// assert!(vlsm(&"192.168.0.0/24".parse().unwrap(), &[req("web", 500), req("web", 20)], AddressProfile::Standard).is_err());
/// assert!(vlsm(&"192.168.0.0/24".parse().unwrap(), &[req("db", 0)], AddressProfile::Standard).is_err());
/// ```
pub fn vlsm(base: &IpNet, requests: &[VlsmRequest], profile: AddressProfile) -> Result<CarveReport> {
    let base = base.trunc();
    let fam = Family::of(&base);
    let bits = fam.bits();
    let mut lens = Vec::with_capacity(requests.len());
    let mut names = std::collections::HashSet::with_capacity(requests.len());
    for r in requests {
        // two subnets of one name would be one row in every export; a subnet for no host is no subnet
        if !r.name.is_empty() && !names.insert(r.name.as_str()) {
            return Err(Error::InvalidArgument(format!(
                "subnet name {:?} is given twice; each subnet needs its own name",
                crate::parse::echo(&r.name)
            )));
        }
        if r.size == SubnetSize::Hosts(0) {
            return Err(Error::InvalidArgument(format!(
                "subnet {:?}: 0 hosts; ask for at least 1 (or give a prefix length)",
                crate::parse::echo(&r.name)
            )));
        }
        let len = match r.size {
            SubnetSize::PrefixLen(l) => {
                if l > bits {
                    return Err(Error::InvalidArgument(format!("subnet {:?}: /{l} is longer than /{bits}", r.name)));
                }
                l
            }
            SubnetSize::Hosts(h) => profile.prefix_for_hosts(fam, h).map_err(|e| match e {
                Error::DoesNotFit(m) => Error::DoesNotFit(format!("subnet {:?}: {m}", r.name)),
                other => other,
            })?,
        };
        if len < base.prefix_len() {
            return Err(Error::DoesNotFit(format!("subnet {:?} needs a /{len}, larger than {base}", r.name)));
        }
        lens.push(len);
    }
    let mut order: Vec<usize> = (0..requests.len()).collect();
    order.sort_by_key(|&i| lens[i]); // stable: equal sizes keep the caller's order
    let mut placed: Vec<Option<IpNet>> = vec![None; requests.len()];
    let mut cursor = first(&base);
    let base_last = last(&base);
    let mut exhausted = false;
    for &i in &order {
        let size_m1 = span_minus_one(bits - lens[i]);
        if exhausted || cursor.checked_add(size_m1).is_none_or(|end| end > base_last) {
            let need: u128 =
                order.iter().map(|&k| span_minus_one(bits - lens[k]).saturating_add(1)).fold(0, u128::saturating_add);
            return Err(Error::DoesNotFit(format!(
                "subnet {:?} (/{}) does not fit: the requests need {need} addresses in all, {base} has {}",
                requests[i].name,
                lens[i],
                span_minus_one(bits - base.prefix_len()).saturating_add(1)
            )));
        }
        placed[i] = Some(make_net(fam, cursor, lens[i]));
        match (cursor + size_m1).checked_add(1) {
            Some(c) => cursor = c,
            None => exhausted = true,
        }
    }
    let subnets = requests
        .iter()
        .zip(placed)
        .map(|(r, p)| {
            let prefix = p.ok_or_else(|| Error::DoesNotFit("internal: unplaced subnet".into()))?;
            Ok(CarvedSubnet {
                name: Some(r.name.clone()),
                prefix,
                requested_hosts: match r.size {
                    SubnetSize::Hosts(h) => Some(h),
                    SubnetSize::PrefixLen(_) => None,
                },
                usable: profile.usable_hosts(&prefix)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(report(base, subnets, &PrefixSet::new()))
}

/// A Terraform `locals` block mapping names to prefixes, ready to paste into a module.
///
/// ```
/// use cidrplan::{terraform_locals, NamedPrefix};
/// let hcl = terraform_locals(&[NamedPrefix::new("nodes-a", "10.0.0.0/19".parse().unwrap())]);
/// assert_eq!(hcl, "locals {\n  subnets = {\n    \"nodes-a\" = \"10.0.0.0/19\"\n  }\n}\n");
/// ```
pub fn terraform_locals(named: &[crate::NamedPrefix]) -> String {
    terraform_locals_map("subnets", named)
}

/// [`terraform_locals`] under a map name of the caller's (`virtual_ranges` for ranges
/// that are not VPC subnets, so they are never fed to `aws_subnet`).
///
/// ```
/// use cidrplan::{terraform_locals_map, NamedPrefix};
/// let hcl = terraform_locals_map("virtual_ranges", &[NamedPrefix::new("services", "172.20.0.0/16".parse().unwrap())]);
/// assert!(hcl.starts_with("locals {\n  virtual_ranges = {"));
/// ```
pub fn terraform_locals_map(map_name: &str, named: &[crate::NamedPrefix]) -> String {
    let escape = |text: &str| -> String {
        text.chars()
            .flat_map(|c| match c {
                '"' => vec!['\\', '"'],
                '\\' => vec!['\\', '\\'],
                '$' => vec!['$', '$'],
                c if c.is_control() => vec![' '],
                c => vec![c],
            })
            .collect()
    };
    let key: String = map_name.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
    let mut out = format!("locals {{\n  {} = {{\n", if key.is_empty() { "subnets" } else { &key });
    for n in named {
        out.push_str(&format!("    \"{}\" = \"{}\"\n", escape(&n.name), n.prefix));
    }
    out.push_str("  }\n}\n");
    out
}
