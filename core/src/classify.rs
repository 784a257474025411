//! Classification of prefixes against the IANA special-purpose registries.
//!
//! The table is a data file compiled in (`core/data/iana-special-purpose.csv`),
//! versioned with its registry date, not a set of hard-coded booleans: Python
//! changed `is_private` in a 2024 security fix, and 100.64.0.0/10 (CG-NAT) is
//! neither private nor global, so planners need the registry's own words.

use crate::addr::{first, last, Family};
use crate::Result;
use ipnet::IpNet;
use std::sync::OnceLock;

/// The registry version the compiled table was transcribed from.
pub const SPECIAL_PURPOSE_REGISTRY_VERSION: &str = "2025";

const TABLE: &str = include_str!("../data/iana-special-purpose.csv");

/// One entry of the special-purpose table.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct SpecialRange {
    /// The block.
    pub prefix: IpNet,
    /// The registry's name for it.
    pub name: String,
    /// Defining RFC.
    pub rfc: String,
    /// Which registry: `ipv4-special`, `ipv6-special`, `ipv4-multicast`, `ipv6-multicast`.
    pub registry: String,
    /// A stable tag: `private-use`, `shared-address-space`, `documentation`, ...
    pub category: String,
    /// The registry's "globally reachable" column.
    pub globally_reachable: bool,
}

/// Split one CSV line, honouring double quotes (the table's names may hold commas).
pub(crate) fn split_csv_line(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out
}

fn parse_table(text: &str) -> std::result::Result<Vec<SpecialRange>, String> {
    let mut rows = Vec::new();
    let mut lines = text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty());
    let header = lines.next().ok_or("empty table")?;
    if header != "prefix,name,rfc,registry,category,globally_reachable" {
        return Err(format!("unexpected header {header}"));
    }
    for line in lines {
        let f = split_csv_line(line);
        if f.len() != 6 {
            return Err(format!("bad row {line}"));
        }
        rows.push(SpecialRange {
            prefix: crate::parse_prefix(&f[0]).map_err(|e| e.to_string())?,
            name: f[1].clone(),
            rfc: f[2].clone(),
            registry: f[3].clone(),
            category: f[4].clone(),
            globally_reachable: f[5] == "true",
        });
    }
    Ok(rows)
}

/// The compiled-in table, parsed once.
///
/// ```
/// let t = cidrplan::special_ranges();
/// assert!(t.iter().any(|r| r.category == "shared-address-space"));
/// ```
pub fn special_ranges() -> &'static [SpecialRange] {
    static CELL: OnceLock<Vec<SpecialRange>> = OnceLock::new();
    // The table ships with the crate and a unit test parses it, so the fallback
    // (an empty table) is never taken in a released build.
    CELL.get_or_init(|| parse_table(TABLE).unwrap_or_default())
}

/// What the special-purpose registries say about a prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct Classification {
    /// The prefix classified.
    pub prefix: IpNet,
    /// Entries containing the whole prefix, most specific first.
    pub within: Vec<SpecialRange>,
    /// Entries that overlap only part of the prefix (they lie inside it).
    pub partly: Vec<SpecialRange>,
    /// Category of the most specific containing entry, or `global-unicast` / `unclassified`.
    pub category: String,
    /// RFC 1918 private-use.
    pub is_private_use: bool,
    /// RFC 6598 shared address space (CG-NAT), neither private nor global.
    pub is_shared_address_space: bool,
    /// No containing entry, or the most specific one says globally reachable.
    pub is_globally_reachable: bool,
    /// The registry version the answer comes from ([`SPECIAL_PURPOSE_REGISTRY_VERSION`]).
    pub registry_version: String,
}

/// Classify a prefix.
///
/// ```
/// use cidrplan::classify;
/// let c = classify(&"100.64.1.0/24".parse().unwrap()).unwrap();
/// assert_eq!(c.category, "shared-address-space");
/// assert!(!c.is_private_use && !c.is_globally_reachable);
/// let c = classify(&"8.8.8.0/24".parse().unwrap()).unwrap();
/// assert_eq!(c.category, "global-unicast");
/// assert!(c.is_globally_reachable);
/// let c = classify(&"192.0.0.0/16".parse().unwrap()).unwrap();
/// assert!(c.within.is_empty() && !c.partly.is_empty());
/// ```
pub fn classify(net: &IpNet) -> Result<Classification> {
    let net = net.trunc();
    let (lo, hi, fam) = (first(&net), last(&net), Family::of(&net));
    let mut within: Vec<SpecialRange> = Vec::new();
    let mut partly: Vec<SpecialRange> = Vec::new();
    for r in special_ranges().iter().filter(|r| Family::of(&r.prefix) == fam) {
        let (rlo, rhi) = (first(&r.prefix), last(&r.prefix));
        if rlo <= lo && hi <= rhi {
            within.push(r.clone());
        } else if rlo <= hi && lo <= rhi {
            partly.push(r.clone());
        }
    }
    within.sort_by_key(|r| std::cmp::Reverse(r.prefix.prefix_len()));
    let category = match within.first() {
        Some(r) => r.category.clone(),
        None if partly.is_empty() => "global-unicast".to_string(),
        None => "unclassified".to_string(),
    };
    Ok(Classification {
        prefix: net,
        is_private_use: within.iter().any(|r| r.category == "private-use"),
        is_shared_address_space: within.iter().any(|r| r.category == "shared-address-space"),
        is_globally_reachable: within.first().is_none_or(|r| r.globally_reachable) && partly.is_empty(),
        within,
        partly,
        category,
        registry_version: SPECIAL_PURPOSE_REGISTRY_VERSION.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_parses_completely() {
        let rows = parse_table(TABLE).unwrap();
        let data_rows = TABLE.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).count() - 1;
        assert_eq!(rows.len(), data_rows);
        assert_eq!(special_ranges().len(), data_rows);
    }

    #[test]
    fn planners_ranges() {
        for (p, cat) in [
            ("10.1.0.0/16", "private-use"),
            ("169.254.169.254/32", "link-local"),
            ("192.0.2.0/24", "documentation"),
            ("198.19.0.0/16", "benchmarking"),
            ("240.10.0.0/16", "reserved"),
            ("fd00::/8", "unique-local"),
            ("2001:db8:1::/48", "documentation"),
            ("ff02::1/128", "multicast"),
            ("192.88.99.2/32", "protocol-assignments"),
            ("100:0:0:1::/64", "dummy"),
            ("2001:1::3/128", "protocol-assignments"),
        ] {
            assert_eq!(classify(&p.parse().unwrap()).unwrap().category, cat, "{p}");
        }
    }
}
