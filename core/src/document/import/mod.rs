//! Reading what exists, offline: the JSON the AWS CLI, the Azure CLI, gcloud and
//! Terraform print, turned into plan documents with provenance (the file and the
//! resource id of every entry), so findings name real ids. Each file is recognised
//! by its shape; unknown fields are ignored; a file of no known shape, or JSON cut
//! short, is an error naming the file (and the position).

mod aks;
mod aws;
mod aws_vpn;
mod azure;
mod eks;
mod gcp;
mod kubectl;
mod netbox;
mod terraform;
mod terraform_clusters;

use super::model::{Network, Plan, Provenance, PLAN_VERSION};
use crate::{Error, Result};
use ipnet::IpNet;
use serde_json::Value;

/// Where an export comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Source {
    /// `aws ec2 describe-vpcs`, `describe-subnets`, `describe-network-interfaces`,
    /// `describe-vpc-peering-connections`, `describe-transit-gateway-attachments`;
    /// `aws eks describe-cluster`, `describe-nodegroup`, `list-nodegroups`.
    Aws,
    /// `az network vnet list`, `az aks show`, `az aks list`.
    Azure,
    /// `gcloud compute networks subnets list --format=json`, `gcloud container clusters list --format=json`.
    Gcp,
    /// `terraform show -json` of a state or a plan.
    Terraform,
    /// `kubectl get nodes -o json`: a cluster's nodes, pools and the Pod CIDRs in use.
    Kubectl,
    /// NetBox: the REST API's JSON of `/api/ipam/prefixes/`, `aggregates/`, `vrfs/`,
    /// `ip-ranges/`, `ip-addresses/`, or its CSV of prefixes.
    Netbox,
}

impl std::str::FromStr for Source {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "aws" => Ok(Source::Aws),
            "azure" | "az" => Ok(Source::Azure),
            "gcp" | "gcloud" | "google" => Ok(Source::Gcp),
            "terraform" | "tf" => Ok(Source::Terraform),
            "kubectl" | "kubernetes" | "k8s" => Ok(Source::Kubectl),
            "netbox" => Ok(Source::Netbox),
            _ => Err(Error::InvalidArgument(format!(
                "import source {:?} is not one of aws, azure, gcp, terraform, kubectl, netbox",
                crate::parse::echo(s)
            ))),
        }
    }
}

/// An import and what it left out: each note names the file, the entry and why (an
/// interface whose subnet is not in the export, a peering whose far side gives no
/// range ...). The CLI prints them on stderr, Python as warnings.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Imported {
    /// The plan of what exists.
    pub plan: Plan,
    /// What the exports held that the plan does not, and why.
    pub notes: Vec<String>,
}

impl Plan {
    /// [`Plan::import`], with what it left out.
    ///
    /// ```
    /// use cidrplan::document::{Plan, import::Source};
    /// let enis = r#"{"NetworkInterfaces": [{"NetworkInterfaceId": "eni-1", "SubnetId": "subnet-9", "PrivateIpAddresses": [{"PrivateIpAddress": "10.0.0.5"}]}]}"#;
    /// let got = Plan::import_noting(Source::Aws, &[(enis, "enis.json")])?;
    /// assert!(got.notes[0].contains("enis.json: eni-1 is in subnet-9, which the export does not hold"), "{:?}", got.notes);
    /// # Ok::<(), cidrplan::Error>(())
    /// ```
    pub fn import_noting(source: Source, files: &[(&str, &str)]) -> Result<Imported> {
        let mut notes = Vec::new();
        let plan = Self::import_into(source, files, &mut notes)?;
        Ok(Imported { plan, notes })
    }

    /// A plan of what exists, from export files `(text, file name)` of one source.
    ///
    /// ```
    /// use cidrplan::document::{Plan, import::Source};
    /// let vpcs = r#"{"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}, {"VpcId": "vpc-2", "CidrBlock": "10.0.128.0/17"}]}"#;
    /// let plan = Plan::import(Source::Aws, &[(vpcs, "vpcs.json")])?;
    /// assert_eq!(plan.networks[0].source.as_ref().unwrap().id, "vpc-1");
    /// assert_eq!(plan.check().findings[0].rule, "overlap.connected"); // no peering data: connected
    /// # Ok::<(), cidrplan::Error>(())
    /// ```
    pub fn import(source: Source, files: &[(&str, &str)]) -> Result<Plan> {
        Self::import_into(source, files, &mut Vec::new())
    }

    fn import_into(source: Source, files: &[(&str, &str)], notes: &mut Vec<String>) -> Result<Plan> {
        // every file's values are held at once: together they keep the one limit
        let total = files.iter().fold(0usize, |t, (text, _)| t.saturating_add(text.len()));
        if total > super::MAX_PLAN_BYTES {
            return Err(Error::LimitExceeded(format!(
                "the export files hold {total} bytes together, more than one import reads ({} MiB); import them in smaller groups and check the plans together",
                super::MAX_PLAN_BYTES >> 20
            )));
        }
        // NetBox may be CSV: it reads its own texts
        let mut docs = Vec::new();
        for (text, file) in files.iter().filter(|_| source != Source::Netbox) {
            for v in json_values(text, file)? {
                docs.push((v, *file));
            }
        }
        let mut plan = match source {
            Source::Aws => aws::import(&docs, notes)?,
            Source::Azure => azure::import(&docs, notes)?,
            Source::Gcp => gcp::import(&docs, notes)?,
            Source::Terraform => terraform::import(&docs, notes)?,
            Source::Kubectl => kubectl::import(&docs)?,
            Source::Netbox => netbox::import(files, notes)?,
        };
        plan.version = PLAN_VERSION;
        name_imported_references(&mut plan);
        Ok(plan)
    }
}

/// Every JSON value in `text` (pages of one call may be concatenated), or an error
/// with the position where the JSON stops making sense.
pub(crate) fn json_values(text: &str, file: &str) -> Result<Vec<Value>> {
    if text.len() > super::MAX_PLAN_BYTES {
        return Err(Error::LimitExceeded(format!(
            "{file}: {} bytes is more than an export may hold ({})",
            text.len(),
            super::MAX_PLAN_BYTES
        )));
    }
    let mut out = Vec::new();
    // a byte-order mark a reader left at the start is not JSON ("1:1: not valid JSON")
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // memory follows the values, not the bytes: `[1,1,1,...]` of 64 MiB would take GBs
    let values = json_value_count(text);
    if values > MAX_IMPORT_VALUES {
        return Err(too_many_values(file));
    }
    let stream = serde_json::Deserializer::from_str(text).into_iter::<Value>();
    for v in stream {
        match v {
            Ok(v) => out.push(v),
            Err(e) => {
                // what `gcloud ... describe` prints by default, `--format=yaml`, `aws ...
                // --output yaml`, `az ... -o yaml`, `kubectl get -o yaml`: the same values in YAML
                if out.is_empty() && !text.trim_start().starts_with(['{', '[']) {
                    if let Some(values) = yaml_values(text, file)? {
                        return Ok(values);
                    }
                }
                let what = if e.is_eof() { "the JSON ends too early (a truncated file?)" } else { "not valid JSON" };
                let inner = e.to_string();
                let inner = inner.split(" at line ").next().unwrap_or(&inner).to_string();
                return Err(Error::InvalidArgument(format!("{file}:{}:{}: {what}: {inner}", e.line(), e.column())));
            }
        }
    }
    if out.is_empty() {
        return Err(Error::InvalidArgument(format!("{file}: the file holds no JSON")));
    }
    Ok(out)
}

/// The most values (lists, objects and their items) one export file may hold: real
/// exports spend 20 to 30 bytes on a value (26 MB of `describe-network-interfaces` holds
/// 0.9 million), so a file within [`super::MAX_PLAN_BYTES`] holds under 4 million; ten
/// million keeps an import's memory near a GB whatever the file.
pub const MAX_IMPORT_VALUES: usize = 10_000_000;

fn too_many_values(file: &str) -> Error {
    Error::LimitExceeded(format!(
        "{file}: more than {MAX_IMPORT_VALUES} values (lists, objects and their items) in one export; \
         export in parts (by region, or with --query or --filters) and import the parts together"
    ))
}

/// An upper bound on the JSON values in `text`: every value but the first follows a
/// comma or opens a list or object (commas inside strings are not counted).
fn json_value_count(text: &str) -> usize {
    let (mut count, mut in_string, mut escaped) = (1usize, false, false);
    for &b in text.as_bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
        } else {
            match b {
                b'"' => in_string = true,
                b',' | b'[' | b'{' => count += 1,
                _ => {}
            }
        }
    }
    count
}

/// The documents of a YAML export, when the text is YAML of lists and mappings (a plain
/// word is YAML too, but no export: `None`, and the JSON error stands).
fn yaml_values(text: &str, file: &str) -> Result<Option<Vec<Value>>> {
    use super::source::{parse_documents, Kind};
    let docs = match parse_documents(text, file, MAX_IMPORT_VALUES) {
        Ok(docs) => docs,
        // a file that starts as YAML does gets the YAML's own error and position
        Err(e) if starts_as_yaml(text) => return Err(e),
        Err(_) => return Ok(None),
    };
    if docs.is_empty() || !docs.iter().all(|d| matches!(d.kind, Kind::Seq(_) | Kind::Map { .. })) {
        return Ok(None);
    }
    Ok(Some(docs.iter().map(|d| d.to_value()).collect()))
}

/// `---`, `- item` or `key:` on the first line that is not a comment.
fn starts_as_yaml(text: &str) -> bool {
    let Some(line) = text.lines().map(str::trim_end).find(|l| !l.trim().is_empty() && !l.starts_with('#')) else {
        return false;
    };
    let key = line.split_once(':').is_some_and(|(k, rest)| {
        !k.is_empty()
            && k.chars().all(|c| c.is_alphanumeric() || "_-.\"' ".contains(c))
            && (rest.is_empty() || rest.starts_with(' '))
    });
    line.starts_with("---") || line.starts_with("- ") || line == "-" || key
}

/// The error for a file of no known shape.
pub(crate) fn unknown_shape(file: &str, value: &Value, expected: &str) -> Error {
    let keys = match value {
        Value::Object(m) => {
            // keys echoed cut short: a key may be megabytes of anything
            format!("an object with {}", m.keys().take(6).map(|k| crate::parse::echo(k)).collect::<Vec<_>>().join(", "))
        }
        Value::Array(a) if a.is_empty() => "an empty list".into(),
        Value::Array(_) => "a list of other objects".into(),
        _ => "a single value".into(),
    };
    Error::InvalidArgument(format!("{file}: not an export cidrplan reads (found {keys}); expected {expected}"))
}

pub(crate) fn text<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str).filter(|s| !s.is_empty())
}

/// A field an entry cannot do without: text, or an error naming the file, the entry
/// (`Vpcs[1]`, or its id) and the field, with what was found.
pub(crate) fn required<'a>(v: &'a Value, key: &str, file: &str, entry: &str) -> Result<&'a str> {
    if !v.is_object() {
        return Err(Error::InvalidArgument(format!("{file}: {entry}: an object was expected, not {}", shown(v))));
    }
    match v.get(key) {
        Some(Value::String(s)) if !s.is_empty() => Ok(s),
        None | Some(Value::Null) => {
            Err(Error::InvalidArgument(format!("{file}: {entry}: {key} is missing; the export is not whole")))
        }
        Some(other) => {
            Err(Error::InvalidArgument(format!("{file}: {entry}: {key} must be text, not {}", shown(other))))
        }
    }
}

fn shown(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 60 {
        format!("{}...", s.chars().take(60).collect::<String>())
    } else {
        s
    }
}

/// An address an export gives for `entry`: an error naming it when it is not one.
pub(crate) fn address(s: &str, file: &str, entry: &str, key: &str) -> Result<IpNet> {
    s.parse::<std::net::IpAddr>().map(IpNet::from).map_err(|_| {
        Error::InvalidArgument(format!(
            "{file}: {entry}: {key} {} is not an IP address",
            shown(&Value::String(s.into()))
        ))
    })
}

pub(crate) fn list<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key).and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[])
}

/// EC2's tags (`Tags: [{"Key", "Value"}]`) as a map.
pub(crate) fn ec2_tags(v: &Value) -> std::collections::BTreeMap<String, String> {
    list(v, "Tags")
        .iter()
        .filter_map(|t| Some((text(t, "Key")?.to_string(), t.get("Value")?.as_str()?.to_string())))
        .collect()
}

/// Every network and subnet, depth first.
pub(crate) fn each_network(list: &mut [Network], f: &mut impl FnMut(&mut Network)) {
    for n in list {
        f(n);
        each_network(&mut n.subnets, f);
    }
}

/// A CIDR from an export, with the file and the resource named when it is not one.
pub(crate) fn cidr(s: &str, file: &str, id: &str) -> Result<IpNet> {
    crate::parse_prefix(s).map_err(|e| Error::InvalidArgument(format!("{file}: {id}: {e}")))
}

/// The last path segment of a URL or resource id (`.../networks/prod` -> `prod`).
pub(crate) fn last_segment(s: &str) -> &str {
    s.trim_end_matches('/').rsplit('/').next().unwrap_or(s)
}

pub(crate) fn new_network(name: &str, file: &str, id: &str) -> Network {
    Network { source: Some(Provenance { file: file.to_string(), id: id.to_string() }), ..Network::new(name) }
}

pub(crate) fn push_unique(v: &mut Vec<IpNet>, n: IpNet) {
    if !v.contains(&n) {
        v.push(n);
    }
}

pub(crate) fn new_cluster(name: &str, platform: crate::plan::Platform, file: &str, id: &str) -> super::model::Cluster {
    super::model::Cluster {
        name: name.to_string(),
        platform,
        network: None,
        nodes: 0,
        peak_nodes: None,
        instance_type: None,
        pools: Vec::new(),
        surge: Default::default(),
        zones: None,
        max_pods: None,
        services: None,
        internal_load_balancer_ips: 0,
        node_subnets: Vec::new(),
        pod_subnets: Vec::new(),
        network_policy: None,
        dns_service_ip: None,
        pod_range: None,
        service_range: None,
        source: Some(Provenance { file: file.to_string(), id: id.to_string() }),
        ip_families: Vec::new(),
        pod_range_v6: None,
        service_range_v6: None,
        observed: None,
        tags: std::collections::BTreeMap::new(),
        at: None,
    }
}

pub(crate) fn new_pool(name: &str, file: &str, id: &str) -> super::model::Pool {
    super::model::Pool {
        name: name.to_string(),
        nodes: None,
        peak_nodes: None,
        surge: None,
        max_pods: None,
        instance_type: None,
        os: None,
        mode: None,
        zones: None,
        node_subnets: None,
        pod_subnets: None,
        pod_range: None,
        source: Some(Provenance { file: file.to_string(), id: id.to_string() }),
        at: None,
    }
}

/// A count an export gives as a number or as decimal text.
pub(crate) fn count(v: &Value, key: &str) -> Option<u64> {
    v.get(key).and_then(|x| x.as_u64().or_else(|| x.as_str().and_then(|s| s.trim().parse().ok())))
}

/// Clusters name their networks and subnets by resource id; where the same import
/// brought that network, its plan name reads better. Ids of networks from another
/// import stay ids: `check` finds them by id.
fn name_imported_references(plan: &mut Plan) {
    fn walk(list: &[Network], into: &mut std::collections::HashMap<String, String>) {
        for n in list {
            if let Some(s) = &n.source {
                into.entry(s.id.to_ascii_lowercase()).or_insert_with(|| n.name.clone());
            }
            walk(&n.subnets, into);
        }
    }
    let mut names = std::collections::HashMap::new();
    walk(&plan.networks, &mut names);
    let rename = |r: &mut String| {
        if let Some(n) = names.get(&r.to_ascii_lowercase()) {
            *r = n.clone();
        }
    };
    for c in &mut plan.clusters {
        c.network.iter_mut().chain(&mut c.node_subnets).chain(&mut c.pod_subnets).for_each(rename);
        for p in &mut c.pools {
            p.node_subnets.iter_mut().chain(&mut p.pod_subnets).flatten().for_each(rename);
        }
    }
}
