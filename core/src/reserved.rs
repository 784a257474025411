//! Reserved sets: named lists of ranges a prefix should not hit (the IANA
//! special-purpose registry, AKS's forbidden ranges, a user's own), and the report of
//! which prefixes hit them.

use crate::addr::first;
use crate::classify::{special_ranges, SpecialRange};
use crate::overlap::{overlap_index_pairs, NamedPrefix, DEFAULT_MAX_OVERLAP_PAIRS};
use crate::{Error, Result};
use ipnet::IpNet;
use std::sync::OnceLock;

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

    /// Ranges AKS refuses for service, pod and VNet CIDRs (`core/data/aks-forbidden.csv`).
    ///
    /// ```
    /// assert_eq!(cidrplan::ReservedSet::aks_forbidden().entries.len(), 4);
    /// ```
    pub fn aks_forbidden() -> Self {
        ReservedSet { name: "aks-forbidden".into(), entries: aks_forbidden_entries().to_vec() }
    }

    /// The IANA special-purpose entries that are findings in a private network plan:
    /// every entry except private-use (RFC 1918), unique-local (fc00::/7) and shared
    /// address space (100.64.0.0/10, the usual home of extra pod ranges). A VPC in
    /// 10.0.0.0/8 is not a problem; one in 192.0.2.0/24 is.
    ///
    /// ```
    /// let s = cidrplan::ReservedSet::iana_not_for_private_networks();
    /// assert!(s.entries.iter().any(|e| e.prefix.to_string() == "192.0.2.0/24"));
    /// assert!(!s.entries.iter().any(|e| e.prefix.to_string() == "10.0.0.0/8"));
    /// ```
    pub fn iana_not_for_private_networks() -> Self {
        const FINE: [&str; 3] = ["private-use", "unique-local", "shared-address-space"];
        ReservedSet {
            name: "iana-not-for-private-networks".into(),
            entries: special_ranges()
                .iter()
                .filter(|r| !FINE.contains(&r.category.as_str()))
                .map(|r: &SpecialRange| NamedPrefix::new(format!("{} ({})", r.name, r.rfc), r.prefix))
                .collect(),
        }
    }

    /// A compiled-in set by name: `iana-special-purpose`, `iana-not-for-private-networks`
    /// or `aks-forbidden`.
    ///
    /// ```
    /// use cidrplan::ReservedSet;
    /// assert_eq!(ReservedSet::by_name("aks-forbidden").unwrap(), ReservedSet::aks_forbidden());
    /// assert_eq!(ReservedSet::by_name("corp").unwrap_err().kind(), "invalid-argument");
    /// ```
    pub fn by_name(name: &str) -> Result<Self> {
        match name.trim() {
            "iana-special-purpose" => Ok(ReservedSet::iana_special_purpose()),
            "iana-not-for-private-networks" => Ok(ReservedSet::iana_not_for_private_networks()),
            "aks-forbidden" => Ok(ReservedSet::aks_forbidden()),
            other => Err(Error::InvalidArgument(format!(
                "unknown reserved set {:?}; the compiled-in sets are iana-special-purpose, iana-not-for-private-networks and aks-forbidden \
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

const AKS_FORBIDDEN: &str = include_str!("../data/aks-forbidden.csv");

/// The AKS forbidden ranges, parsed once from the compiled-in data file.
pub(crate) fn aks_forbidden_entries() -> &'static [NamedPrefix] {
    static CELL: OnceLock<Vec<NamedPrefix>> = OnceLock::new();
    // A unit test parses the file in full; an empty list is never shipped.
    CELL.get_or_init(|| parse_named_table(AKS_FORBIDDEN).unwrap_or_default())
}

fn parse_named_table(text: &str) -> std::result::Result<Vec<NamedPrefix>, String> {
    let mut lines = text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty());
    if lines.next() != Some("prefix,name") {
        return Err("unexpected header".into());
    }
    lines
        .map(|l| {
            let f = crate::classify::split_csv_line(l);
            match f.as_slice() {
                [p, n] => Ok(NamedPrefix::new(n.clone(), crate::parse_prefix(p).map_err(|e| e.to_string())?)),
                _ => Err(format!("bad row {l}")),
            }
        })
        .collect()
}

/// A prefix that overlaps an entry of a reserved set.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
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

#[cfg(test)]
mod tests {
    #[test]
    fn aks_forbidden_file_parses_in_full() {
        let rows = super::parse_named_table(super::AKS_FORBIDDEN).unwrap();
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0].prefix.to_string(), "169.254.0.0/16");
    }
}
