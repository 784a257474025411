//! Every rule `check` can report, with its severity and what it means: the catalogue
//! that SARIF's `tool.driver.rules` and the docs' rule table show (`data/rules.csv`).

use std::sync::OnceLock;

/// One rule of `check`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct RuleInfo {
    /// Stable id, e.g. `overlap.connected`.
    pub id: String,
    /// `error`, `warning`, `info`, or two of them (`error, warning`).
    pub severity: String,
    /// When it is reported.
    pub summary: String,
}

/// The catalogue, in the order of the docs' table.
///
/// ```
/// let rules = cidrplan::document::rules();
/// assert!(rules.iter().any(|r| r.id == "cluster.capacity" && r.severity == "error"));
/// ```
pub fn rules() -> &'static [RuleInfo] {
    static TABLE: OnceLock<Vec<RuleInfo>> = OnceLock::new();
    TABLE.get_or_init(|| {
        include_str!("../../data/rules.csv")
            .lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty())
            .filter_map(|l| {
                let f = crate::classify::split_csv_line(l);
                match f.as_slice() {
                    [id, severity, summary] => {
                        Some(RuleInfo { id: id.clone(), severity: severity.clone(), summary: summary.clone() })
                    }
                    _ => None,
                }
            })
            .collect()
    })
}

/// The catalogue entry of `id`.
pub fn rule(id: &str) -> Option<&'static RuleInfo> {
    rules().iter().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_row_reads() {
        let n = include_str!("../../data/rules.csv").lines().skip(1).filter(|l| !l.trim().is_empty()).count();
        assert_eq!(super::rules().len(), n);
    }
}
