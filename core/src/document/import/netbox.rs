//! NetBox: what its REST API returns for `GET /api/ipam/prefixes/`, `aggregates/`,
//! `vrfs/`, `ip-ranges/` and `ip-addresses/` (pages `{count, next, previous, results}`,
//! several concatenated or one per file, or the bare `results` list, in any order), and
//! NetBox's CSV of prefixes (its bulk-import columns, or the table's "export" columns).
//!
//! What NetBox means, kept: a VRF is a routing domain (`vrfs`, and `vrf` on each top-level
//! network; none is the global table); prefixes nest by containment within their VRF, as
//! NetBox computes depth (a container holds its children as a network holds subnets);
//! aggregates are spaces; a reserved prefix of the global table that holds nothing is a
//! reservation; IP ranges and IP addresses are `used` in the deepest prefix of their VRF
//! that holds them. Site or scope, tenant, role, tags and description go to the plan's
//! zone/region, tags, role and names; `source` keeps each object's URL (or id).

use super::{text, unknown_shape};
use crate::document::model::{Network, NetworkStatus, Plan, Provenance, Reservation, Space, UsedRange, Vrf};
use crate::lookup::PrefixTable;
use crate::{Error, Result};
use ipnet::IpNet;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

const EXPECTED: &str = "NetBox's REST API JSON of /api/ipam/prefixes/, aggregates/, vrfs/, ip-ranges/ or \
    ip-addresses/ (a page {count, next, previous, results}, or its results list), or NetBox's CSV of prefixes \
    (with a prefix column)";

/// The most rows of NetBox's CSV one import reads: a prefix becomes a plan entry of about
/// 2 KB while importing (250,000 took 480 MB), and a CSV within the byte limit could hold
/// three million.
const MAX_CSV_ROWS: usize = 1_000_000;

/// One NetBox prefix, read.
struct Prefix {
    net: IpNet,
    vrf: Option<String>,
    status: Option<NetworkStatus>,
    role: Option<String>,
    tenant: Option<String>,
    description: Option<String>,
    zone: Option<String>,
    region: Option<String>,
    scope: Option<(String, String)>,
    tags: Vec<String>,
    id: Option<String>,
    source: Provenance,
}

/// An address or range in use, and where: its VRF and what NetBox calls it.
struct Use {
    vrf: Option<String>,
    nets: Vec<IpNet>,
    by: String,
}

#[derive(Default)]
struct Read {
    prefixes: Vec<Prefix>,
    aggregates: Vec<(IpNet, Value, Provenance)>,
    vrfs: Vec<(Vrf, Option<String>)>,
    uses: Vec<Use>,
}

/// Whether `text` is NetBox's CSV of prefixes rather than JSON.
pub(super) fn is_csv(text: &str) -> bool {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    !(t.starts_with('{') || t.starts_with('['))
}

pub(super) fn import(files: &[(&str, &str)], notes: &mut Vec<String>) -> Result<Plan> {
    let mut read = Read::default();
    for (text, file) in files {
        if is_csv(text) {
            read_csv(text, file, &mut read)?;
            continue;
        }
        for doc in super::json_values(text, file)? {
            let items: Vec<&Value> = match &doc {
                Value::Array(a) => a.iter().collect(),
                Value::Object(m) if m.contains_key("results") => match m.get("results") {
                    Some(Value::Array(a)) => a.iter().collect(),
                    _ => return Err(unknown_shape(file, &doc, EXPECTED)),
                },
                v => vec![v],
            };
            for (k, item) in items.iter().enumerate() {
                read_object(item, file, &format!("results[{k}]"), &mut read).ok_or_else(|| {
                    if items.len() == 1 {
                        unknown_shape(file, item, EXPECTED)
                    } else {
                        Error::InvalidArgument(format!(
                            "{file}: results[{k}]: not a NetBox prefix, aggregate, VRF, IP range or IP address; expected {EXPECTED}"
                        ))
                    }
                })??;
            }
        }
    }
    Ok(build(read, notes))
}

/// The name of a related object: `{"name": ...}` (or its `display`) or the text itself.
fn related(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Object(o) => o
            .get("name")
            .or_else(|| o.get("display"))
            .and_then(Value::as_str)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        _ => None,
    }
}

/// A choice field: `{"value": "active", "label": "Active"}` or `"active"`.
fn choice(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.trim().to_ascii_lowercase()),
        Value::Object(o) => o.get("value").and_then(Value::as_str).map(|s| s.trim().to_ascii_lowercase()),
        _ => None,
    }
    .filter(|s| !s.is_empty())
}

fn status_of(s: Option<&str>, file: &str, entry: &str) -> Result<Option<NetworkStatus>> {
    Ok(match s {
        None => None,
        Some("container") => Some(NetworkStatus::Container),
        Some("active") => Some(NetworkStatus::Active),
        Some("reserved") => Some(NetworkStatus::Reserved),
        Some("deprecated") => Some(NetworkStatus::Deprecated),
        Some(other) => {
            return Err(Error::InvalidArgument(format!(
                "{file}: {entry}: status {:?} is not one of NetBox's prefix statuses (container, active, reserved, deprecated)",
                crate::parse::echo(other)
            )))
        }
    })
}

fn tags_of(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|t| match t {
                Value::String(s) => Some(s.trim().to_string()),
                Value::Object(o) => o.get("name").or_else(|| o.get("slug")).and_then(Value::as_str).map(str::to_string),
                _ => None,
            })
            .filter(|s| !s.is_empty())
            .collect(),
        Some(Value::String(s)) => s.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect(),
        _ => Vec::new(),
    }
}

fn id_text(v: &Value) -> Option<String> {
    match v.get("id")? {
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        _ => None,
    }
}

/// Where an object came from: its API URL, else its model and id, else `entry`.
fn provenance(v: &Value, model: &str, file: &str, entry: &str) -> Provenance {
    let id = text(v, "url")
        .map(str::to_string)
        .or_else(|| id_text(v).map(|i| format!("{model}:{i}")))
        .unwrap_or_else(|| entry.to_string());
    Provenance { file: file.to_string(), id }
}

/// An address with its mask length as NetBox writes it (`10.0.0.5/24`): the address.
fn host(s: &str, file: &str, entry: &str, key: &str) -> Result<std::net::IpAddr> {
    let a = s.trim().split('/').next().unwrap_or_default();
    a.parse().map_err(|_| {
        Error::InvalidArgument(format!(
            "{file}: {entry}: {key} {:?} is not an IP address (with or without a /length)",
            crate::parse::echo(s)
        ))
    })
}

/// One object of the API; `None` when it is none of the five.
fn read_object(v: &Value, file: &str, entry: &str, read: &mut Read) -> Option<Result<()>> {
    let has = |k: &str| v.get(k).is_some();
    if !v.is_object() {
        return None;
    }
    Some(if has("start_address") && has("end_address") {
        read_range(v, file, entry, read)
    } else if has("address") {
        read_address(v, file, entry, read)
    } else if has("prefix") && has("rir") {
        read_aggregate(v, file, entry, read)
    } else if has("prefix") {
        read_prefix(v, file, entry, read)
    } else if has("rd") || has("enforce_unique") {
        read_vrf(v, file, entry, read)
    } else {
        return None;
    })
}

fn read_prefix(v: &Value, file: &str, entry: &str, read: &mut Read) -> Result<()> {
    let p = super::required(v, "prefix", file, entry)?;
    let net = super::cidr(p, file, entry)?;
    let source = provenance(v, "ipam.prefix", file, entry);
    let status = status_of(choice(v.get("status")).as_deref(), file, entry)?;
    // NetBox 4.2+ scopes a prefix (site, site group, location, region); before, a site
    let scope_type = text(v, "scope_type").map(str::to_string);
    let scope_name = related(v.get("scope")).or_else(|| related(v.get("site")));
    let scope_type = scope_type.or_else(|| related(v.get("site")).map(|_| "dcim.site".to_string()));
    let (zone, region) = match scope_type.as_deref() {
        Some("dcim.region" | "dcim.sitegroup") => (None, scope_name.clone()),
        _ => (scope_name.clone(), None),
    };
    let scope_id =
        v.get("scope_id").and_then(|i| i.as_u64().map(|n| n.to_string()).or_else(|| i.as_str().map(str::to_string)));
    read.prefixes.push(Prefix {
        net: net.trunc(),
        vrf: related(v.get("vrf")),
        status,
        role: related(v.get("role")),
        tenant: related(v.get("tenant")),
        description: text(v, "description").map(|s| s.trim().to_string()).filter(|s| !s.is_empty()),
        zone,
        region,
        scope: scope_type.zip(scope_id),
        tags: tags_of(v.get("tags")),
        id: id_text(v),
        source,
    });
    Ok(())
}

fn read_aggregate(v: &Value, file: &str, entry: &str, read: &mut Read) -> Result<()> {
    let p = super::required(v, "prefix", file, entry)?;
    let net = super::cidr(p, file, entry)?;
    read.aggregates.push((net.trunc(), v.clone(), provenance(v, "ipam.aggregate", file, entry)));
    Ok(())
}

fn read_vrf(v: &Value, file: &str, entry: &str, read: &mut Read) -> Result<()> {
    let name = super::required(v, "name", file, entry)?.trim().to_string();
    let mut tags: BTreeMap<String, String> = tags_of(v.get("tags")).into_iter().map(|t| (t, String::new())).collect();
    if let Some(t) = related(v.get("tenant")) {
        tags.insert("tenant".into(), t);
    }
    let vrf = Vrf {
        name,
        rd: text(v, "rd").map(str::to_string),
        // NetBox's default for a VRF is to enforce unique space
        enforce_unique: v.get("enforce_unique").and_then(Value::as_bool).unwrap_or(true),
        description: text(v, "description").map(str::to_string),
        tags,
        source: Some(provenance(v, "ipam.vrf", file, entry)),
        at: None,
    };
    read.vrfs.push((vrf, id_text(v)));
    Ok(())
}

fn read_range(v: &Value, file: &str, entry: &str, read: &mut Read) -> Result<()> {
    let a = host(super::required(v, "start_address", file, entry)?, file, entry, "start_address")?;
    let b = host(super::required(v, "end_address", file, entry)?, file, entry, "end_address")?;
    let set =
        crate::PrefixSet::from_range(a, b).map_err(|e| Error::InvalidArgument(format!("{file}: {entry}: {e}")))?;
    let by = id_text(v).map_or_else(|| format!("ip-range {a}-{b}"), |i| format!("ip-range {i}"));
    read.uses.push(Use { vrf: related(v.get("vrf")), nets: set.prefixes(), by });
    Ok(())
}

fn read_address(v: &Value, file: &str, entry: &str, read: &mut Read) -> Result<()> {
    let a = host(super::required(v, "address", file, entry)?, file, entry, "address")?;
    let by = text(v, "dns_name")
        .map(str::to_string)
        .or_else(|| id_text(v).map(|i| format!("ip-address {i}")))
        .unwrap_or_else(|| format!("ip-address {a}"));
    read.uses.push(Use { vrf: related(v.get("vrf")), nets: vec![IpNet::from(a)], by });
    Ok(())
}

/// NetBox's CSV: its bulk-import columns (`prefix,vrf,tenant,status,role,scope_type,
/// scope_id,description,tags`; VRFs `name,rd,enforce_unique,...`; aggregates
/// `prefix,rir,...`) or a table's "export" columns (`Prefix,Status,VRF,Tenant,Site,Scope,
/// Role,Description,Tags,ID`), in any order; each row read as the API's object would be.
fn read_csv(text: &str, file: &str, read: &mut Read) -> Result<()> {
    let text = text.trim_start_matches('\u{feff}');
    let mut r = csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).from_reader(text.as_bytes());
    let headers: Vec<String> = r
        .headers()
        .map_err(|e| Error::InvalidArgument(format!("{file}: not CSV: {e}")))?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase().replace(' ', "_"))
        .collect();
    let known = ["prefix", "address", "start_address"].iter().any(|k| headers.iter().any(|h| h == k))
        || headers.iter().any(|h| h == "rd" || h == "enforce_unique");
    if headers.iter().all(String::is_empty) {
        return Err(Error::InvalidArgument(format!(
            "{file}: the file is empty (no JSON, no CSV header); expected {EXPECTED}"
        )));
    }
    if !known {
        // echoed cut short: a header line may be megabytes of anything
        let found = headers.iter().take(6).map(|h| crate::parse::echo(h)).collect::<Vec<_>>().join(", ");
        return Err(Error::InvalidArgument(format!(
            "{file}: not an export cidrplan reads (a table with {found}); expected {EXPECTED}"
        )));
    }
    for (k, row) in r.records().enumerate() {
        if k == MAX_CSV_ROWS {
            return Err(Error::LimitExceeded(format!(
                "{file}: more than {MAX_CSV_ROWS} prefixes in one CSV; export them in parts (per VRF, site or tenant) and import the parts one by one"
            )));
        }
        let line = k + 2;
        let row = row.map_err(|e| Error::InvalidArgument(format!("{file}:{line}: not valid CSV: {e}")))?;
        let mut obj = serde_json::Map::new();
        for (h, x) in headers.iter().zip(row.iter()) {
            // a spreadsheet-safe cell ('=...) reads back as written; the table export
            // writes the global table as "Global"
            let x = match x.strip_prefix('\'') {
                Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
                _ => x,
            };
            if x.is_empty() || (h == "vrf" && x.eq_ignore_ascii_case("global")) {
                continue;
            }
            let value = match (h.as_str(), x.to_ascii_lowercase().as_str()) {
                ("enforce_unique" | "is_pool" | "mark_utilized", "true" | "yes" | "1") => Value::Bool(true),
                ("enforce_unique" | "is_pool" | "mark_utilized", "false" | "no" | "0") => Value::Bool(false),
                _ => Value::String(x.to_string()),
            };
            obj.insert(h.clone(), value);
        }
        let v = Value::Object(obj);
        let entry = format!("line {line}");
        read_object(&v, file, &entry, read).ok_or_else(|| {
            Error::InvalidArgument(format!(
                "{file}:{line}: a row with no prefix, address or VRF name; expected {EXPECTED}"
            ))
        })??;
    }
    Ok(())
}

/// A name no other entry has: the description, else the prefix; a repeated one gets its
/// prefix and VRF beside it, and the object's id when that is not enough.
fn unique_names(candidates: Vec<(String, String, Option<String>)>) -> Vec<String> {
    let count = |names: &[String]| {
        let mut c: HashMap<String, usize> = HashMap::new();
        for n in names {
            *c.entry(n.clone()).or_default() += 1;
        }
        c
    };
    let mut names: Vec<String> = candidates.iter().map(|c| c.0.clone()).collect();
    let seen = count(&names);
    for (n, c) in names.iter_mut().zip(&candidates) {
        if seen[n.as_str()] > 1 {
            *n = if c.0 == c.1 { c.1.clone() } else { format!("{} ({})", c.0, c.1) };
        }
    }
    let seen = count(&names);
    for (k, (n, c)) in names.iter_mut().zip(&candidates).enumerate() {
        if seen[n.as_str()] > 1 {
            *n = match &c.2 {
                Some(extra) => format!("{n} [{extra}]"),
                None => format!("{n} #{}", k + 1),
            };
        }
    }
    names
}

fn build(read: Read, notes: &mut Vec<String>) -> Plan {
    let mut plan = Plan::default();
    // VRFs: a prefix names its VRF by name (or by id, resolved through the VRFs read)
    let mut vrf_by_id: HashMap<String, String> = HashMap::new();
    for (v, id) in read.vrfs {
        if plan.vrfs.iter().any(|x| x.name == v.name) {
            continue; // the same VRF on two pages
        }
        if let Some(id) = id {
            vrf_by_id.insert(id, v.name.clone());
        }
        plan.vrfs.push(v);
    }
    let mut prefixes = read.prefixes;
    // the same object on two pages (same URL or id): once
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    prefixes.retain(|p| p.id.is_none() && !p.source.id.contains('/') || seen.insert(p.source.id.clone()));
    for p in &mut prefixes {
        if let Some(v) = &p.vrf {
            if let Some(name) = vrf_by_id.get(v) {
                p.vrf = Some(name.clone());
            }
        }
    }
    // a VRF a prefix names but the export did not include: NetBox's default (unique)
    for p in &prefixes {
        if let Some(v) = &p.vrf {
            if !plan.vrfs.iter().any(|x| &x.name == v) {
                plan.vrfs.push(Vrf {
                    name: v.clone(),
                    rd: None,
                    enforce_unique: true,
                    description: None,
                    tags: BTreeMap::new(),
                    source: None,
                    at: None,
                });
            }
        }
    }
    // aggregates are spaces
    let space_names = unique_names(
        read.aggregates
            .iter()
            .map(|(net, v, _)| {
                let d = text(v, "description").map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
                (d.unwrap_or_else(|| net.to_string()), net.to_string(), id_text(v))
            })
            .collect(),
    );
    for ((net, v, _), name) in read.aggregates.iter().zip(space_names) {
        if plan.spaces.iter().any(|s| s.cidr == *net) {
            continue;
        }
        let mut tags = BTreeMap::new();
        if let Some(r) = related(v.get("rir")) {
            tags.insert("rir".to_string(), r);
        }
        for t in tags_of(v.get("tags")) {
            tags.insert(t, String::new());
        }
        plan.spaces.push(Space {
            name,
            cidr: *net,
            purpose: text(v, "description").map(str::to_string),
            owner: related(v.get("tenant")),
            allowed_prefix_lengths: None,
            tags,
            at: None,
        });
    }
    // nesting by containment within each VRF: sorted by VRF, start, then length, each
    // prefix's parent is the nearest one before it that strictly holds it
    let n = prefixes.len();
    let mut order: Vec<usize> = (0..n).collect();
    let key =
        |p: &Prefix| (p.vrf.clone(), crate::addr::Family::of(&p.net), crate::addr::first(&p.net), p.net.prefix_len());
    order.sort_by_key(|&i| key(&prefixes[i]));
    let mut parent: Vec<Option<usize>> = vec![None; n];
    let mut stack: Vec<usize> = Vec::new();
    for &i in &order {
        while let Some(&top) = stack.last() {
            let (t, p) = (&prefixes[top], &prefixes[i]);
            if t.vrf == p.vrf && t.net.prefix_len() < p.net.prefix_len() && t.net.contains(&p.net) {
                break;
            }
            stack.pop();
        }
        parent[i] = stack.last().copied();
        stack.push(i);
    }
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &i in &order {
        if let Some(p) = parent[i] {
            children[p].push(i);
        }
    }
    // names: unique over every prefix
    let names = unique_names(
        prefixes
            .iter()
            .map(|p| {
                let at = match &p.vrf {
                    Some(v) => format!("{} in {v}", p.net),
                    None => p.net.to_string(),
                };
                (p.description.clone().unwrap_or_else(|| p.net.to_string()), at, p.id.clone())
            })
            .collect(),
    );
    // addresses and ranges in use: in the deepest prefix of their VRF that holds them
    let mut tables: HashMap<Option<String>, (PrefixTable, HashMap<IpNet, usize>)> = HashMap::new();
    for &i in &order {
        let p = &prefixes[i];
        let (table, at) = tables.entry(p.vrf.clone()).or_insert_with(|| (PrefixTable::new(&[]), HashMap::new()));
        table.insert(&p.net);
        at.entry(p.net).or_insert(i);
    }
    let mut used: Vec<Vec<UsedRange>> = vec![Vec::new(); n];
    let mut outside: Vec<&str> = Vec::new();
    for u in &read.uses {
        let vrf = u.vrf.as_ref().map(|v| vrf_by_id.get(v).cloned().unwrap_or_else(|| v.clone()));
        let mut placed = false;
        if let Some((table, at)) = tables.get(&vrf) {
            for c in &u.nets {
                if let Some(i) = table.longest_match(c.network()).and_then(|p| at.get(&p)) {
                    used[*i].push(UsedRange { cidr: *c, by: u.by.clone() });
                    placed = true;
                }
            }
        }
        if !placed {
            outside.push(&u.by);
        }
    }
    if !outside.is_empty() {
        notes.push(format!(
            "{} IP address{} or range{} in no prefix of their VRF (the export holds no prefix for them), left out: {}{}",
            outside.len(),
            if outside.len() == 1 { "" } else { "es" },
            if outside.len() == 1 { "" } else { "s" },
            outside.iter().take(5).copied().collect::<Vec<_>>().join(", "),
            if outside.len() > 5 { ", ..." } else { "" }
        ));
    }
    let mut nets: Vec<Option<Network>> = prefixes
        .iter()
        .zip(&names)
        .zip(used)
        .map(|((p, name), mut used)| {
            used.sort_by_key(|u| (crate::addr::first(&u.cidr), u.cidr.prefix_len()));
            used.dedup_by(|a, b| a.cidr == b.cidr);
            let mut tags: BTreeMap<String, String> = p.tags.iter().map(|t| (t.clone(), String::new())).collect();
            for (k, v) in [("tenant", &p.tenant), ("description", &p.description)] {
                if let Some(v) = v {
                    tags.insert(k.to_string(), v.clone());
                }
            }
            if let Some((t, id)) = &p.scope {
                tags.insert("netbox_scope".to_string(), format!("{t}:{id}"));
            }
            Some(Network {
                cidr: vec![p.net],
                status: p.status,
                role: p.role.clone(),
                zone: p.zone.clone(),
                region: p.region.clone(),
                tags,
                used,
                source: Some(p.source.clone()),
                ..Network::new(name.clone())
            })
        })
        .collect();
    fn assemble(i: usize, nets: &mut [Option<Network>], children: &[Vec<usize>]) -> Network {
        let mut net = nets[i].take().unwrap_or_else(|| Network::new(""));
        for &c in &children[i] {
            net.subnets.push(assemble(c, nets, children));
        }
        net
    }
    for &i in &order {
        if parent[i].is_some() {
            continue;
        }
        let p = &prefixes[i];
        let space = if p.vrf.is_none() {
            plan.spaces.iter().find(|s| s.cidr.contains(&p.net)).map(|s| s.name.clone())
        } else {
            None
        };
        // a reserved prefix of the global table that holds nothing is held back space
        if p.vrf.is_none() && p.status == Some(NetworkStatus::Reserved) && children[i].is_empty() {
            let net = nets[i].take().unwrap_or_else(|| Network::new(""));
            plan.reservations.push(Reservation {
                name: net.name,
                cidr: Some(p.net),
                size: None,
                space,
                purpose: p.description.clone().or_else(|| Some("reserved in NetBox".into())),
                at: None,
            });
            continue;
        }
        let mut net = assemble(i, &mut nets, &children);
        net.vrf = p.vrf.clone();
        net.space = space;
        plan.networks.push(net);
    }
    plan
}
