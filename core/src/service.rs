//! Cloud service subnets: the documented size, name, free-address, zone and
//! dedication rules of the subnets cloud services deploy into (Azure Firewall,
//! Bastion and gateways, EKS control-plane and load-balancer subnets, GKE control
//! plane and proxy-only ranges, ...). The rules are the compiled-in data file
//! `data/service-subnets.csv`, each row citing its official page.
//!
//! ```
//! use cidrplan::service;
//! let fw = service::rule("azure-firewall").unwrap();
//! assert_eq!((fw.name.as_deref(), fw.smallest), (Some("AzureFirewallSubnet"), Some(26)));
//! assert_eq!(service::implied_by_name("GatewaySubnet").unwrap().id, "azure-gateway");
//! assert!(service::rule("azure-firewal").unwrap_err().to_string().contains("did you mean azure-firewall"));
//! ```

use crate::{Error, Result};
use std::sync::OnceLock;

/// Whether a service needs its subnet to itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Dedicated {
    /// The cloud refuses anything else in the subnet.
    Yes,
    /// The provider recommends a subnet of its own.
    Recommended,
    /// Other resources may share it.
    No,
}

/// The documented rules of one service's subnet.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct ServiceRule {
    /// The id a plan names it by (`azure-firewall`).
    pub id: String,
    /// aws, azure or gcp.
    pub cloud: String,
    /// The service, as its provider names it.
    pub what: String,
    /// The subnet name the cloud requires, if any.
    pub name: Option<String>,
    /// What marks such a subnet in the cloud's own export: an Azure delegation's
    /// `serviceName`, a GCP subnet `purpose`.
    pub export_marks: Vec<String>,
    /// Longest prefix length the cloud accepts (a smaller subnet is refused).
    pub smallest: Option<u8>,
    /// Shortest prefix length the cloud accepts (a larger subnet is refused).
    pub largest: Option<u8>,
    /// Longest prefix length the provider recommends.
    pub recommended: Option<u8>,
    /// Free addresses the cloud requires.
    pub min_free: Option<u32>,
    /// Free addresses the provider recommends.
    pub recommended_free: Option<u32>,
    /// Subnets in different zones the service requires.
    pub min_zones: Option<u32>,
    /// Whether the subnet must be the service's alone.
    pub dedicated: Dedicated,
    /// The official page the rules come from.
    pub source: String,
}

const TABLE: &str = include_str!("../data/service-subnets.csv");
const HEADER: &str =
    "id,cloud,what,name,export,smallest,largest,recommended,min_free,recommended_free,min_zones,dedicated,source";

fn parse_table(text: &str) -> std::result::Result<Vec<ServiceRule>, String> {
    let mut lines = text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty());
    if lines.next() != Some(HEADER) {
        return Err("unexpected header".into());
    }
    fn num<T: std::str::FromStr>(s: &str) -> std::result::Result<Option<T>, String> {
        if s.is_empty() {
            Ok(None)
        } else {
            s.parse().map(Some).map_err(|_| format!("not a number: {s}"))
        }
    }
    lines
        .map(|l| {
            let f = crate::classify::split_csv_line(l);
            let [id, cloud, what, name, export, smallest, largest, recommended, min_free, rec_free, zones, dedicated, source] =
                f.as_slice()
            else {
                return Err(format!("bad row {l}"));
            };
            Ok(ServiceRule {
                id: id.clone(),
                cloud: cloud.clone(),
                what: what.clone(),
                name: (!name.is_empty()).then(|| name.clone()),
                export_marks: export.split(';').filter(|m| !m.is_empty()).map(String::from).collect(),
                smallest: num(smallest)?,
                largest: num(largest)?,
                recommended: num(recommended)?,
                min_free: num(min_free)?,
                recommended_free: num(rec_free)?,
                min_zones: num(zones)?,
                dedicated: match dedicated.as_str() {
                    "yes" => Dedicated::Yes,
                    "recommended" => Dedicated::Recommended,
                    "no" => Dedicated::No,
                    other => return Err(format!("dedicated is yes, recommended or no, not {other}")),
                },
                source: source.clone(),
            })
        })
        .collect()
}

/// Every service with documented subnet rules, in the data file's order.
///
/// ```
/// assert!(cidrplan::service::rules().iter().any(|r| r.id == "gcp-proxy-only"));
/// ```
pub fn rules() -> &'static [ServiceRule] {
    static CELL: OnceLock<Vec<ServiceRule>> = OnceLock::new();
    // A unit test parses the file in full; an empty list is never shipped.
    CELL.get_or_init(|| parse_table(TABLE).unwrap_or_default())
}

/// The rules of service `id`; an unknown id is an error naming the closest ids.
///
/// ```
/// let r = cidrplan::service::rule("gcp-proxy-only").unwrap();
/// assert_eq!((r.smallest, r.recommended), (Some(26), Some(23)));
/// ```
pub fn rule(id: &str) -> Result<&'static ServiceRule> {
    if let Some(r) = rules().iter().find(|r| r.id == id) {
        return Ok(r);
    }
    let key = id.trim().to_ascii_lowercase();
    let mut buf = Vec::new();
    let mut scored: Vec<(usize, &str)> = rules()
        .iter()
        .filter(|_| key.len() <= 64)
        .map(|r| (crate::eks::transposition_distance(key.as_bytes(), r.id.as_bytes(), &mut buf), r.id.as_str()))
        .filter(|s| s.0 <= 4)
        .collect();
    scored.sort();
    let hint = match scored.first() {
        Some((_, best)) => format!("did you mean {best}? "),
        None => String::new(),
    };
    Err(Error::InvalidArgument(format!(
        "unknown service {}; {hint}the services with documented subnet rules are {}",
        crate::parse::echo(id),
        rules().iter().map(|r| r.id.as_str()).collect::<Vec<_>>().join(", ")
    ))
    .about("service"))
}

/// The service a subnet's name implies: Azure's reserved subnet names
/// (`GatewaySubnet`, `AzureFirewallSubnet`, `AzureFirewallManagementSubnet`,
/// `AzureBastionSubnet`, `RouteServerSubnet`). Only the last `/` segment counts, so an
/// imported `vnet/GatewaySubnet` implies it too.
///
/// ```
/// use cidrplan::service::implied_by_name;
/// assert_eq!(implied_by_name("hub/AzureBastionSubnet").unwrap().id, "azure-bastion");
/// assert!(implied_by_name("app").is_none());
/// ```
pub fn implied_by_name(subnet_name: &str) -> Option<&'static ServiceRule> {
    let last = subnet_name.rsplit('/').next().unwrap_or(subnet_name);
    rules().iter().find(|r| r.cloud == "azure" && r.name.as_deref() == Some(last))
}

/// The service an export's marker names: an Azure subnet delegation
/// (`Microsoft.Sql/managedInstances`) or a GCP subnet purpose (`REGIONAL_MANAGED_PROXY`).
///
/// ```
/// use cidrplan::service::by_export_mark;
/// assert_eq!(by_export_mark("REGIONAL_MANAGED_PROXY").unwrap().id, "gcp-proxy-only");
/// assert_eq!(by_export_mark("Microsoft.Sql/managedInstances").unwrap().id, "azure-sql-managed-instance");
/// assert!(by_export_mark("PRIVATE").is_none());
/// ```
pub fn by_export_mark(mark: &str) -> Option<&'static ServiceRule> {
    rules().iter().find(|r| r.export_marks.iter().any(|m| m.eq_ignore_ascii_case(mark)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_parses_whole() {
        let rows = parse_table(TABLE).unwrap();
        assert_eq!(rows.len(), rules().len());
        assert!(rows.len() >= 28);
        for r in &rows {
            assert!(r.source.starts_with("https://"), "{}", r.id);
            assert!(["aws", "azure", "gcp"].contains(&r.cloud.as_str()), "{}", r.id);
            if let (Some(s), Some(l)) = (r.smallest, r.largest) {
                assert!(l <= s, "{}", r.id);
            }
        }
    }

    #[test]
    fn unknown_ids_name_the_closest() {
        let e = rule("aws-albb").unwrap_err();
        assert!(e.to_string().contains("did you mean aws-alb?"), "{e}");
        assert_eq!(e.field(), Some("service"));
        assert!(rule(&"x".repeat(10_000)).is_err());
    }
}
