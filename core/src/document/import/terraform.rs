//! `terraform show -json` of a state or a plan: root and child modules; and the state
//! file itself (`terraform.tfstate`, `terraform state pull`).

use super::{cidr, last_segment, list, new_network, push_unique, text, unknown_shape};
use crate::document::model::{Cluster, ClusterRange, NamedRange, Plan, Provenance};
use crate::gke::ClusterKind;
use crate::plan::Platform;
use crate::{AddressProfile, Result};
use serde_json::Value;
use std::collections::BTreeMap;

const EXPECTED: &str =
    "the JSON of terraform show -json (format_version with values.root_module or planned_values.root_module) \
    or a state file as Terraform 0.12 and later write it (terraform.tfstate, terraform state pull: version 4 with resources)";

/// A state file (`terraform.tfstate`, `terraform state pull`; format version 4) as the
/// one module `terraform show -json` would print: every instance of every resource, its
/// address rebuilt from module, mode, type, name and index key.
fn state_file_module(doc: &Value) -> Option<Value> {
    if doc.get("version").and_then(Value::as_u64) != Some(4) || doc.get("format_version").is_some() {
        return None;
    }
    let mut out = Vec::new();
    for r in doc.get("resources")?.as_array()? {
        let (Some(ty), Some(name)) = (text(r, "type"), text(r, "name")) else { continue };
        let mode = text(r, "mode").unwrap_or("managed");
        let module = text(r, "module").map(|m| format!("{m}.")).unwrap_or_default();
        let data = if mode == "data" { "data." } else { "" };
        for instance in list(r, "instances") {
            let key = match instance.get("index_key") {
                Some(k @ (Value::Number(_) | Value::String(_))) => format!("[{k}]"),
                _ => String::new(),
            };
            out.push(serde_json::json!({
                "address": format!("{module}{data}{ty}.{name}{key}"),
                "mode": mode,
                "type": ty,
                "name": name,
                "values": instance.get("attributes").cloned().unwrap_or(Value::Null),
            }));
        }
    }
    Some(serde_json::json!({ "resources": out }))
}

/// Every managed resource: (address, type, values).
fn resources<'a>(module: &'a Value, out: &mut Vec<(&'a str, &'a str, &'a Value)>) {
    for r in list(module, "resources") {
        if text(r, "mode").is_some_and(|m| m != "managed") {
            continue;
        }
        if let (Some(addr), Some(ty), Some(values)) = (text(r, "address"), text(r, "type"), r.get("values")) {
            out.push((addr, ty, values));
        }
    }
    for m in list(module, "child_modules") {
        resources(m, out);
    }
}

fn strings(v: &Value, key: &str) -> Vec<String> {
    match v.get(key) {
        Some(Value::String(s)) if !s.is_empty() => vec![s.clone()],
        Some(Value::Array(a)) => {
            a.iter().filter_map(|x| x.as_str().filter(|s| !s.is_empty()).map(String::from)).collect()
        }
        _ => Vec::new(),
    }
}

/// An address without instance keys: `module.net[0].google_compute_subnetwork.a["x"]`
/// -> `module.net.google_compute_subnetwork.a`, as the plan's `configuration` names it.
fn unindexed(addr: &str) -> String {
    let mut out = String::with_capacity(addr.len());
    let mut depth = 0usize;
    let mut quoted = false;
    for ch in addr.chars() {
        match ch {
            '"' if depth > 0 => quoted = !quoted,
            '[' if !quoted => depth += 1,
            ']' if !quoted && depth > 0 => depth -= 1,
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The resources a plan's `configuration` says each resource's fields refer to:
/// (unindexed address, field) -> referenced resource addresses, module paths included.
fn config_references(doc: &Value) -> BTreeMap<(String, String), Vec<String>> {
    fn walk(module: &Value, prefix: &str, out: &mut BTreeMap<(String, String), Vec<String>>) {
        for r in list(module, "resources") {
            let (Some(addr), Some(ex)) = (text(r, "address"), r.get("expressions").and_then(Value::as_object)) else {
                continue;
            };
            for (field, e) in ex {
                let refs: Vec<String> = list(e, "references")
                    .iter()
                    .filter_map(Value::as_str)
                    // `google_compute_network.vpc.id` -> the resource `google_compute_network.vpc`
                    .filter(|r| !r.starts_with("var.") && !r.starts_with("local.") && !r.starts_with("module."))
                    .map(|r| {
                        let parts: Vec<&str> = r.splitn(3, '.').collect();
                        let head = if parts.first() == Some(&"data") { parts.len().min(3) } else { parts.len().min(2) };
                        format!("{prefix}{}", unindexed(&parts[..head].join(".")))
                    })
                    .collect();
                if !refs.is_empty() {
                    out.insert((format!("{prefix}{addr}"), field.clone()), refs);
                }
            }
        }
        if let Some(calls) = module.get("module_calls").and_then(Value::as_object) {
            for (name, call) in calls {
                if let Some(m) = call.get("module") {
                    walk(m, &format!("{prefix}module.{name}."), out);
                }
            }
        }
    }
    let mut out = BTreeMap::new();
    if let Some(root) = doc.get("configuration").and_then(|c| c.get("root_module")) {
        walk(root, "", &mut out);
    }
    out
}

fn tags(v: &Value) -> BTreeMap<String, String> {
    v.get("tags")
        .and_then(Value::as_object)
        .map(|t| t.iter().filter_map(|(k, x)| x.as_str().map(|s| (k.clone(), s.to_string()))).collect())
        .unwrap_or_default()
}

/// What a plan holds that an import adds: networks, subnets and clusters.
fn entries(plan: &Plan) -> usize {
    plan.networks.iter().map(|n| 1 + n.subnets.len()).sum::<usize>() + plan.clusters.len()
}

pub(super) fn import(docs: &[(Value, &str)], notes: &mut Vec<String>) -> Result<Plan> {
    let mut plan = Plan::default();
    for (doc, file) in docs {
        let before = entries(&plan);
        let state = state_file_module(doc);
        let root = doc
            .get("values")
            .and_then(|v| v.get("root_module"))
            .or_else(|| doc.get("planned_values").and_then(|v| v.get("root_module")))
            .or(state.as_ref());
        let Some(root) = root else { return Err(unknown_shape(file, doc, EXPECTED)) };
        let mut rs = Vec::new();
        resources(root, &mut rs);
        let references = config_references(doc);
        // networks first, keyed by every id a child may use to point at them
        let mut key_of: BTreeMap<String, usize> = BTreeMap::new();
        for (addr, ty, v) in &rs {
            let profile = match *ty {
                "aws_vpc" => AddressProfile::Aws,
                "azurerm_virtual_network" => AddressProfile::Azure,
                "google_compute_network" => AddressProfile::Gcp,
                _ => continue,
            };
            let id = text(v, "id").unwrap_or(addr);
            let mut n = new_network(addr, file, id);
            n.profile = Some(profile);
            n.region = text(v, "location").map(String::from);
            n.tags = tags(v);
            for c in strings(v, "cidr_block")
                .iter()
                .chain(&strings(v, "ipv6_cidr_block"))
                .chain(&strings(v, "address_space"))
            {
                push_unique(&mut n.cidr, cidr(c, file, addr)?);
            }
            let i = plan.networks.len();
            for k in [Some(*addr), text(v, "id"), text(v, "name"), text(v, "self_link")].into_iter().flatten() {
                key_of.insert(k.to_string(), i);
            }
            // the configuration names it without instance keys
            key_of.entry(unindexed(addr)).or_insert(i);
            plan.networks.push(n);
        }
        for (addr, ty, v) in &rs {
            match *ty {
                "aws_vpc_ipv4_cidr_block_association" | "aws_vpc_ipv6_cidr_block_association" => {
                    let blocks: Vec<String> =
                        strings(v, "cidr_block").into_iter().chain(strings(v, "ipv6_cidr_block")).collect();
                    // in a plan the VPC may be unknown until apply: the configuration says which
                    let referenced = references
                        .get(&(unindexed(addr), "vpc_id".to_string()))
                        .and_then(|refs| refs.iter().find_map(|r| key_of.get(r)));
                    match text(v, "vpc_id").and_then(|k| key_of.get(k)).or(referenced) {
                        Some(&i) => {
                            for c in &blocks {
                                push_unique(&mut plan.networks[i].cidr, cidr(c, file, addr)?);
                            }
                        }
                        None if !blocks.is_empty() => notes.push(format!(
                            "{file}: {addr} adds {} to {}, which this file does not hold: left out",
                            blocks.join(", "),
                            text(v, "vpc_id").unwrap_or("a VPC unknown until apply")
                        )),
                        None => {}
                    }
                }
                "aws_subnet" | "azurerm_subnet" | "google_compute_subnetwork" => {
                    let field = match *ty {
                        "aws_subnet" => "vpc_id",
                        "azurerm_subnet" => "virtual_network_name",
                        _ => "network",
                    };
                    let parent = match *ty {
                        "google_compute_subnetwork" => text(v, field).map(last_segment),
                        _ => text(v, field),
                    };
                    // in a plan a parent created in the same apply is unknown: the
                    // configuration says which resource the field refers to
                    let referenced = references
                        .get(&(unindexed(addr), field.to_string()))
                        .and_then(|refs| refs.iter().find_map(|r| key_of.get(r)).copied());
                    let id = text(v, "id").unwrap_or(addr);
                    let mut sub = new_network(addr, file, id);
                    sub.zone = text(v, "availability_zone").map(String::from);
                    sub.region = text(v, "region").map(String::from);
                    sub.tags = tags(v);
                    for c in strings(v, "cidr_block")
                        .iter()
                        .chain(&strings(v, "ipv6_cidr_block"))
                        .chain(&strings(v, "address_prefixes"))
                        // azurerm 2.x: one address_prefix
                        .chain(&strings(v, "address_prefix"))
                        .chain(&strings(v, "ip_cidr_range"))
                    {
                        push_unique(&mut sub.cidr, cidr(c, file, addr)?);
                    }
                    for r in list(v, "secondary_ip_range") {
                        if let (Some(n), Some(c)) = (text(r, "range_name"), text(r, "ip_cidr_range")) {
                            sub.secondary_ranges.push(NamedRange {
                                name: n.into(),
                                cidr: cidr(c, file, addr)?,
                                at: None,
                            });
                        }
                    }
                    // in a plan the parent's id may be unknown until apply: the network that holds the range
                    let holder = || {
                        let first = sub.cidr.first()?;
                        let mut hits =
                            plan.networks.iter().enumerate().filter(|(_, n)| n.cidr.iter().any(|c| c.contains(first)));
                        match (hits.next(), hits.next()) {
                            (Some((i, _)), None) => Some(i),
                            _ => None,
                        }
                    };
                    let i = match parent.and_then(|k| key_of.get(k)).copied().or(referenced).or_else(holder) {
                        Some(i) => i,
                        None => {
                            // the network is not in this state (another state, or a data source): one by its id
                            let k = parent.unwrap_or("unknown-network").to_string();
                            let mut n = new_network(last_segment(&k), file, &k);
                            n.profile = Some(match *ty {
                                "aws_subnet" => AddressProfile::Aws,
                                "azurerm_subnet" => AddressProfile::Azure,
                                _ => AddressProfile::Gcp,
                            });
                            plan.networks.push(n);
                            key_of.insert(k, plan.networks.len() - 1);
                            plan.networks.len() - 1
                        }
                    };
                    plan.networks[i].subnets.push(sub);
                }
                _ => {}
            }
        }
        // a network without ranges of its own (GCP, or one not in this state) spans its subnets
        for n in plan.networks.iter_mut().filter(|n| n.cidr.is_empty()) {
            let all: Vec<ipnet::IpNet> = n.subnets.iter().flat_map(|s| s.cidr.iter().copied()).collect();
            n.cidr = crate::PrefixSet::from_prefixes(all).prefixes();
        }
        for (addr, ty, v) in &rs {
            if *ty != "google_container_cluster" {
                continue;
            }
            let policy = list(v, "ip_allocation_policy").first();
            let pods = text(v, "cluster_ipv4_cidr").or(policy.and_then(|p| text(p, "cluster_ipv4_cidr_block")));
            let services = policy.and_then(|p| text(p, "services_ipv4_cidr_block"));
            let network = text(v, "network")
                .and_then(|k| key_of.get(k).or_else(|| key_of.get(last_segment(k))))
                .map(|&i| plan.networks[i].name.clone());
            let subnet = text(v, "subnetwork").map(last_segment).and_then(|s| {
                plan.networks
                    .iter()
                    .flat_map(|n| &n.subnets)
                    .find(|x| x.name == s || x.source.as_ref().is_some_and(|p| last_segment(&p.id) == s))
                    .map(|x| x.name.clone())
            });
            let autopilot = v.get("enable_autopilot").and_then(Value::as_bool).unwrap_or(false);
            let max_pods = v.get("default_max_pods_per_node").and_then(Value::as_u64).map(|m| m as u32);
            let nodes = v.get("initial_node_count").and_then(Value::as_u64).unwrap_or(1).max(1);
            plan.clusters.push(Cluster {
                name: addr.to_string(),
                platform: Platform::Gke {
                    kind: if autopilot { ClusterKind::Autopilot } else { ClusterKind::Standard },
                },
                network,
                nodes,
                peak_nodes: None,
                instance_type: None,
                pools: Vec::new(),
                surge: Default::default(),
                zones: Some(if text(v, "location").is_some_and(|l| l.matches('-').count() >= 2) { 1 } else { 3 }),
                max_pods,
                services: None,
                internal_load_balancer_ips: 0,
                node_subnets: subnet.into_iter().collect(),
                pod_subnets: Vec::new(),
                network_policy: None,
                dns_service_ip: None,
                pod_range: pods.map(|p| cidr(p, file, addr)).transpose()?.map(ClusterRange::fixed),
                service_range: services.map(|p| cidr(p, file, addr)).transpose()?.map(ClusterRange::fixed),
                source: Some(Provenance { file: file.to_string(), id: text(v, "id").unwrap_or(addr).to_string() }),
                ip_families: Vec::new(),
                pod_range_v6: None,
                service_range_v6: None,
                observed: None,
                tags: BTreeMap::new(),
                at: None,
            });
        }
        super::terraform_clusters::import(&mut plan, &rs, file)?;
        if entries(&plan) == before {
            notes.push(format!(
                "{file}: none of its {} resources is one cidrplan reads (networks and subnets of aws, azurerm and google; \
                 EKS, AKS and GKE clusters and their node pools): nothing imported from it",
                rs.len()
            ));
        }
    }
    Ok(plan)
}
