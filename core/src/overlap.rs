//! Overlap reports: which named prefixes collide, and which hit reserved ranges.
//!
//! Two CIDR blocks either nest or are disjoint, so an overlap is always a
//! containment. A single sweep over the prefixes sorted by (start, length) with a
//! stack of open enclosing blocks reports every pair in O(n log n + k).

use crate::addr::{first, last, Family};
use crate::{Error, Result};
use ipnet::IpNet;

/// A prefix with a name (a VPC, a subnet, a pod range, an on-prem network ...).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
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

/// Named prefixes read from text, with the lines that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct NamedLines {
    /// The prefixes read, in line order.
    pub prefixes: Vec<NamedPrefix>,
    /// One entry per line that is not a valid `name prefix` line.
    pub errors: Vec<LineError>,
}

/// A line of text that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct LineError {
    /// Line number, from 1.
    pub line: usize,
    /// Why, with the fix.
    pub message: String,
}

/// The named-prefix lines users paste: one per line, `name prefix` (also `name,prefix`,
/// `name=prefix`, names with spaces), a bare prefix named by itself; `#` starts a
/// comment. Every line is read: a bad one is reported and the others are kept.
///
/// ```
/// let r = cidrplan::parse_named_lines("vpc-prod 10.0.0.0/16\non prem, 10.0.0.0/8  # DC\n\nbad 10.0.0.1/8\n172.16.0.0/12");
/// let names: Vec<&str> = r.prefixes.iter().map(|p| p.name.as_str()).collect();
/// assert_eq!(names, ["vpc-prod", "on prem", "172.16.0.0/12"]);
/// assert_eq!(r.errors[0].line, 4);
/// assert!(r.errors[0].message.contains("did you mean 10.0.0.0/8"));
/// ```
pub fn parse_named_lines(text: &str) -> NamedLines {
    let mut out = NamedLines { prefixes: Vec::new(), errors: Vec::new() };
    for (i, line) in text.lines().enumerate() {
        let content = line.split('#').next().unwrap_or("").trim();
        if content.is_empty() {
            continue;
        }
        let parts: Vec<&str> = content.split([' ', '\t', ',', ';', '=']).filter(|p| !p.is_empty()).collect();
        let (name, prefix) = match parts.as_slice() {
            [only] => (only.to_string(), *only),
            [names @ .., last] => (names.join(" "), *last),
            [] => continue,
        };
        match crate::parse_prefix(prefix) {
            Ok(p) => out.prefixes.push(NamedPrefix::new(name, p)),
            Err(e) => out.errors.push(LineError { line: i + 1, message: e.to_string() }),
        }
    }
    out
}

/// How the two prefixes of an overlap relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum Relation {
    /// The same prefix.
    Equal,
    /// `a` contains `b`.
    Contains,
}

impl Relation {
    /// How `a` relates to `b`, given that `a` contains `b` (every overlap is a containment).
    ///
    /// ```
    /// use cidrplan::Relation;
    /// let n = |s: &str| s.parse().unwrap();
    /// assert_eq!(Relation::of(&n("10.0.0.0/8"), &n("10.0.0.0/8")), Relation::Equal);
    /// assert_eq!(Relation::of(&n("10.0.0.0/8"), &n("10.1.0.0/16")), Relation::Contains);
    /// ```
    pub fn of(a: &IpNet, b: &IpNet) -> Relation {
        if a.trunc() == b.trunc() {
            Relation::Equal
        } else {
            Relation::Contains
        }
    }

    /// The name used in reports: `equal` or `contains`.
    pub const fn name(self) -> &'static str {
        match self {
            Relation::Equal => "equal",
            Relation::Contains => "contains",
        }
    }
}

/// One overlapping pair. `a` is the containing (or, when equal, the earlier) prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
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
                relation: Relation::of(&a.prefix, &b.prefix),
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
    crate::bounds::check(
        "max_pairs",
        max_pairs,
        0,
        crate::bounds::MAX_OVERLAP_PAIRS,
        "the most overlapping pairs one report holds",
    )?;
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
                "more than {max_pairs} overlapping pairs; narrow the input or raise max_pairs (at most {})",
                crate::bounds::MAX_OVERLAP_PAIRS
            )));
        }
        out.extend(stack.iter().map(|&(_, _, outer)| (outer, idx)));
        stack.push((fam, end, idx));
    }
    Ok(out)
}
