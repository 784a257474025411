//! Overlap reports: which named prefixes collide, and which hit reserved ranges.
//!
//! Two CIDR blocks either nest or are disjoint, so an overlap is always a
//! containment. A single sweep over the prefixes sorted by (start, length) with a
//! stack of open enclosing blocks reports every pair in O(n log n + k).

use crate::addr::{first, last, Family};
use crate::classify::{special_ranges, SpecialRange};
use crate::{Error, Result};
use ipnet::IpNet;

/// A prefix with a name (a VPC, a subnet, a pod range, an on-prem network ...).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NamedPrefix {
    /// What the user calls it.
    pub name: String,
    /// The prefix.
    pub prefix: IpNet,
}

impl NamedPrefix {
    /// Build one.
    ///
    /// ```
    /// let p = cidrplan::NamedPrefix::new("vpc", "10.0.0.0/16".parse().unwrap());
    /// assert_eq!(p.name, "vpc");
    /// ```
    pub fn new(name: impl Into<String>, prefix: IpNet) -> Self {
        NamedPrefix { name: name.into(), prefix }
    }
}

/// How the two prefixes of an overlap relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Relation {
    /// The same prefix.
    Equal,
    /// `a` contains `b`.
    Contains,
}

/// One overlapping pair. `a` is the containing (or, when equal, the earlier) prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Overlap {
    /// Name of the containing prefix.
    pub a: String,
    /// The containing prefix.
    pub a_prefix: IpNet,
    /// Name of the contained prefix.
    pub b: String,
    /// The contained prefix.
    pub b_prefix: IpNet,
    /// Equal or contains.
    pub relation: Relation,
}

/// Default cap on reported pairs: past it the report is refused, not truncated.
pub const DEFAULT_MAX_OVERLAP_PAIRS: usize = 10_000_000;

/// Every overlapping pair among `prefixes`, sorted by the containing prefix's
/// address. Prefixes of different families never overlap and may be mixed.
///
/// ```
/// use cidrplan::{find_overlaps, NamedPrefix, Relation};
/// let p = |n: &str, s: &str| NamedPrefix::new(n, s.parse().unwrap());
/// let r = find_overlaps(&[p("vpc", "10.0.0.0/16"), p("onprem", "10.0.0.0/8"), p("peer", "172.16.0.0/16")]).unwrap();
/// assert_eq!(r.len(), 1);
/// assert_eq!((r[0].a.as_str(), r[0].b.as_str(), r[0].relation), ("onprem", "vpc", Relation::Contains));
/// ```
pub fn find_overlaps(prefixes: &[NamedPrefix]) -> Result<Vec<Overlap>> {
    find_overlaps_limited(prefixes, DEFAULT_MAX_OVERLAP_PAIRS)
}

/// [`find_overlaps`] with a caller-set cap on the number of pairs (memory stays bounded).
///
/// ```
/// use cidrplan::{find_overlaps_limited, NamedPrefix};
/// let same: Vec<NamedPrefix> = (0..100).map(|i| NamedPrefix::new(format!("n{i}"), "10.0.0.0/8".parse().unwrap())).collect();
/// let err = find_overlaps_limited(&same, 1000).unwrap_err(); // 4,950 pairs
/// assert_eq!(err.kind(), "limit-exceeded");
/// ```
pub fn find_overlaps_limited(prefixes: &[NamedPrefix], max_pairs: usize) -> Result<Vec<Overlap>> {
    let pairs = overlap_index_pairs(prefixes.iter().map(|p| &p.prefix), max_pairs)?;
    Ok(pairs
        .into_iter()
        .map(|(i, j)| {
            let (a, b) = (&prefixes[i], &prefixes[j]);
            Overlap {
                a: a.name.clone(),
                a_prefix: a.prefix,
                b: b.name.clone(),
                b_prefix: b.prefix,
                relation: if a.prefix.trunc() == b.prefix.trunc() { Relation::Equal } else { Relation::Contains },
            }
        })
        .collect())
}

/// Every overlapping pair as indexes `(container, contained)` into `prefixes`: the
/// allocation-light form of [`find_overlaps`] for very large inputs, and for callers
/// that keep their own names. Equal prefixes pair in input order.
///
/// ```
/// let n = |s: &str| s.parse().unwrap();
/// let pairs = cidrplan::overlapping_pairs(&[n("10.0.0.0/16"), n("10.0.0.0/8"), n("192.0.2.0/24")], 100).unwrap();
/// assert_eq!(pairs, vec![(1, 0)]);
/// ```
pub fn overlapping_pairs(prefixes: &[IpNet], max_pairs: usize) -> Result<Vec<(usize, usize)>> {
    overlap_index_pairs(prefixes.iter(), max_pairs)
}

/// The sweep: index pairs (container, contained) over any prefixes.
pub(crate) fn overlap_index_pairs<'a, I>(prefixes: I, max_pairs: usize) -> Result<Vec<(usize, usize)>>
where
    I: Iterator<Item = &'a IpNet>,
{
    // (family, start, len, index): shorter prefixes first at equal start, input order on ties.
    let mut keyed: Vec<(Family, u128, u8, usize, u128)> =
        prefixes.enumerate().map(|(i, p)| (Family::of(p), first(p), p.prefix_len(), i, last(p))).collect();
    keyed.sort_unstable_by_key(|&(f, s, l, i, _)| (f, s, l, i));
    let mut out = Vec::new();
    let mut stack: Vec<(Family, u128, usize)> = Vec::new(); // (family, last, index)
    for &(fam, start, _, idx, end) in &keyed {
        while let Some(&(sf, slast, _)) = stack.last() {
            if sf != fam || slast < start {
                stack.pop();
            } else {
                break;
            }
        }
        if out.len() + stack.len() > max_pairs {
            return Err(Error::LimitExceeded(format!(
                "more than {max_pairs} overlapping pairs; narrow the input or raise the limit"
            )));
        }
        out.extend(stack.iter().map(|&(_, _, outer)| (outer, idx)));
        stack.push((fam, end, idx));
    }
    Ok(out)
}

/// A named list of ranges to check prefixes against.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ReservedSet {
    /// Name of the list ("iana-special-purpose", "aks-forbidden", "my-corp").
    pub name: String,
    /// Its entries.
    pub entries: Vec<NamedPrefix>,
}

impl ReservedSet {
    /// The IANA special-purpose registries (and multicast) compiled into cidrplan.
    ///
    /// ```
    /// let s = cidrplan::ReservedSet::iana_special_purpose();
    /// assert!(s.entries.iter().any(|e| e.prefix.to_string() == "100.64.0.0/10"));
    /// ```
    pub fn iana_special_purpose() -> Self {
        ReservedSet {
            name: "iana-special-purpose".into(),
            entries: special_ranges()
                .iter()
                .map(|r: &SpecialRange| NamedPrefix::new(format!("{} ({})", r.name, r.rfc), r.prefix))
                .collect(),
        }
    }

    /// Ranges AKS refuses for service, pod and VNet CIDRs.
    ///
    /// ```
    /// assert_eq!(cidrplan::ReservedSet::aks_forbidden().entries.len(), 4);
    /// ```
    pub fn aks_forbidden() -> Self {
        ReservedSet {
            name: "aks-forbidden".into(),
            entries: crate::aks::FORBIDDEN_RANGES
                .iter()
                .map(|(p, why)| NamedPrefix::new(*why, p.parse().unwrap_or_else(|_| unreachable_prefix())))
                .collect(),
        }
    }

    /// A compiled-in set by name: `iana-special-purpose` or `aks-forbidden`.
    ///
    /// ```
    /// use cidrplan::ReservedSet;
    /// assert_eq!(ReservedSet::by_name("aks-forbidden").unwrap(), ReservedSet::aks_forbidden());
    /// assert_eq!(ReservedSet::by_name("corp").unwrap_err().kind(), "invalid-argument");
    /// ```
    pub fn by_name(name: &str) -> Result<Self> {
        match name.trim() {
            "iana-special-purpose" => Ok(ReservedSet::iana_special_purpose()),
            "aks-forbidden" => Ok(ReservedSet::aks_forbidden()),
            other => Err(Error::InvalidArgument(format!(
                "unknown reserved set {:?}; the compiled-in sets are iana-special-purpose and aks-forbidden \
                 (pass your own list as a custom set)",
                crate::parse::echo(other)
            ))),
        }
    }

    /// A user's own list.
    ///
    /// ```
    /// use cidrplan::{ReservedSet, NamedPrefix};
    /// let s = ReservedSet::custom("corp", vec![NamedPrefix::new("lab", "10.99.0.0/16".parse().unwrap())]);
    /// assert_eq!(s.name, "corp");
    /// ```
    pub fn custom(name: impl Into<String>, entries: Vec<NamedPrefix>) -> Self {
        ReservedSet { name: name.into(), entries }
    }
}

// The compiled-in tables are tested to parse; this only keeps the code panic-free.
fn unreachable_prefix() -> IpNet {
    IpNet::V4(ipnet::Ipv4Net::default())
}

/// A prefix that overlaps an entry of a reserved set.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ReservedHit {
    /// The user's name for the prefix.
    pub name: String,
    /// The user's prefix.
    pub prefix: IpNet,
    /// Which reserved set.
    pub set: String,
    /// The reserved entry's name.
    pub entry: String,
    /// The reserved entry's prefix.
    pub entry_prefix: IpNet,
    /// True when the whole prefix lies inside the entry (otherwise it only overlaps part).
    pub inside: bool,
}

/// Every overlap between `prefixes` and the entries of `sets`.
///
/// ```
/// use cidrplan::{check_reserved, NamedPrefix, ReservedSet};
/// let hits = check_reserved(
///     &[NamedPrefix::new("pods", "172.16.0.0/12".parse().unwrap())],
///     &[ReservedSet::aks_forbidden()],
/// ).unwrap();
/// assert_eq!(hits.len(), 2); // 172.30.0.0/16 and 172.31.0.0/16
/// assert!(!hits[0].inside);
/// ```
pub fn check_reserved(prefixes: &[NamedPrefix], sets: &[ReservedSet]) -> Result<Vec<ReservedHit>> {
    let mut all: Vec<&IpNet> = prefixes.iter().map(|p| &p.prefix).collect();
    let mut owner: Vec<(usize, usize)> = Vec::new(); // for reserved entries: (set, entry)
    for (si, s) in sets.iter().enumerate() {
        for (ei, e) in s.entries.iter().enumerate() {
            all.push(&e.prefix);
            owner.push((si, ei));
        }
    }
    let n = prefixes.len();
    let pairs = overlap_index_pairs(all.into_iter(), DEFAULT_MAX_OVERLAP_PAIRS)?;
    let mut hits = Vec::new();
    for (outer, inner) in pairs {
        let (user, res, inside) = match (outer < n, inner < n) {
            (true, false) => (outer, inner - n, false),
            (false, true) => (inner, outer - n, true),
            _ => continue,
        };
        let (si, ei) = owner[res];
        let entry = &sets[si].entries[ei];
        let p = &prefixes[user];
        hits.push(ReservedHit {
            name: p.name.clone(),
            prefix: p.prefix,
            set: sets[si].name.clone(),
            entry: entry.name.clone(),
            entry_prefix: entry.prefix,
            inside: inside || entry.prefix.trunc() == p.prefix.trunc(),
        });
    }
    hits.sort_by(|a, b| {
        (first(&a.prefix), &a.name, first(&a.entry_prefix)).cmp(&(first(&b.prefix), &b.name, first(&b.entry_prefix)))
    });
    Ok(hits)
}
