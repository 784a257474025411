//! `az network vnet list` output, and `az aks show` / `az aks list` (in `aks`).

use super::{cidr, last_segment, list, new_network, push_unique, text, unknown_shape};
use crate::document::model::{Link, LinkKind, Plan, Provenance};
use crate::{AddressProfile, Result};
use serde_json::Value;
use std::collections::{HashMap, HashSet};

const EXPECTED: &str = "the JSON of az network vnet list / show / create (virtual networks with addressSpace and \
    subnets), az network vnet subnet list / show, az aks show / az aks list (managed clusters with \
    agentPoolProfiles), az aks nodepool list / show (agent pools of those clusters), or the same as ARM returns it (az rest: {\"value\": [...]}, properties nested)";

fn is_vnet(v: &Value) -> bool {
    v.get("addressSpace").is_some()
        && (text(v, "type").is_none_or(|t| t.eq_ignore_ascii_case("Microsoft.Network/virtualNetworks")))
}

/// A subnet on its own (`az network vnet subnet list`): its id names its VNet.
fn is_subnet(v: &Value) -> bool {
    (v.get("addressPrefix").is_some() || v.get("addressPrefixes").is_some())
        && text(v, "type").is_none_or(|t| t.eq_ignore_ascii_case("Microsoft.Network/virtualNetworks/subnets"))
        && text(v, "id").is_some_and(|id| id.to_ascii_lowercase().contains("/virtualnetworks/"))
}

/// ARM's own shape (`az rest`, the REST API, the Azure REST API specs' examples) nests a
/// resource's fields under `properties`; the Azure CLI lifts them. Lifted here too, at
/// every level, so both read the same.
fn lift(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            let mut out = serde_json::Map::new();
            for (k, x) in m {
                if k == "properties" && x.is_object() {
                    continue;
                }
                out.insert(k.clone(), lift(x));
            }
            if let Some(Value::Object(p)) = m.get("properties") {
                for (k, x) in p {
                    out.entry(k.clone()).or_insert_with(|| lift(x));
                }
            }
            Value::Object(out)
        }
        Value::Array(a) => Value::Array(a.iter().map(lift).collect()),
        other => other.clone(),
    }
}

/// Whether anything in `v` nests its fields under `properties` (ARM's shape).
fn has_properties(v: &Value) -> bool {
    match v {
        Value::Object(m) => m.get("properties").is_some_and(Value::is_object) || m.values().any(has_properties),
        Value::Array(a) => a.iter().any(has_properties),
        _ => false,
    }
}

/// The resources of one document: a list, an ARM list body (`{"value": [...],
/// "nextLink"}`), `az network vnet create`'s `{"newVNet": {...}}`, or one resource.
/// Borrowed as they are unless ARM's `properties` need lifting (a copy then).
fn resources(doc: &Value) -> Vec<std::borrow::Cow<'_, Value>> {
    use std::borrow::Cow;
    fn pick(doc: &Value) -> Vec<&Value> {
        match doc {
            Value::Array(a) => a.iter().collect(),
            Value::Object(m) if m.get("value").is_some_and(Value::is_array) && !m.contains_key("addressSpace") => {
                m.get("value").and_then(Value::as_array).map(|a| a.iter().collect()).unwrap_or_default()
            }
            Value::Object(m) if m.get("newVNet").is_some_and(Value::is_object) => {
                m.get("newVNet").into_iter().collect()
            }
            v => vec![v],
        }
    }
    pick(doc).into_iter().map(|v| if has_properties(v) { Cow::Owned(lift(v)) } else { Cow::Borrowed(v) }).collect()
}

/// The resource group an ARM id names (`/subscriptions/s/resourceGroups/rg/...`).
fn resource_group(id: &str) -> Option<&str> {
    let mut parts = id.split('/');
    parts.by_ref().find(|p| p.eq_ignore_ascii_case("resourceGroups"))?;
    parts.next().filter(|rg| !rg.is_empty())
}

/// A VNet peering as listed on one VNet.
struct Peering {
    vnet: String,
    remote: String,
    id: String,
    file: String,
    remote_space: Vec<ipnet::IpNet>,
}

/// One subnet, named `vnet/subnet`.
fn read_subnet(s: &Value, vnet: &str, file: &str) -> Result<crate::document::model::Network> {
    let sname = text(s, "name").unwrap_or("subnet");
    let sid = text(s, "id").unwrap_or(sname);
    let mut sub = new_network(&format!("{vnet}/{sname}"), file, sid);
    if let Some(p) = text(s, "addressPrefix") {
        push_unique(&mut sub.cidr, cidr(p, file, sid)?);
    }
    for p in list(s, "addressPrefixes") {
        if let Some(p) = p.as_str() {
            push_unique(&mut sub.cidr, cidr(p, file, sid)?);
        }
    }
    // a delegation names the service; reserved names (GatewaySubnet ...) imply theirs in check
    sub.service = list(s, "delegations")
        .iter()
        .filter_map(|d| text(d, "serviceName"))
        .find_map(crate::service::by_export_mark)
        .map(|r| r.id.clone());
    Ok(sub)
}

pub(super) fn import(docs: &[(Value, &str)], notes: &mut Vec<String>) -> Result<Plan> {
    let mut plan = Plan::default();
    let mut peerings: Vec<Peering> = Vec::new();
    // vnet resource id (lowercased: Azure ids are case-insensitive) -> plan name; names taken
    let mut ids: HashMap<String, String> = HashMap::new();
    let mut names: HashSet<String> = HashSet::new();
    // subnets listed on their own, by the VNet id in their own id
    let mut loose: Vec<(Value, String)> = Vec::new();
    // `az aks nodepool list`: pools on their own, joined to their clusters at the end
    let mut agent_pools: Vec<(Value, String)> = Vec::new();
    let lifted: Vec<(Vec<std::borrow::Cow<'_, Value>>, &str, &Value)> =
        docs.iter().map(|(d, f)| (resources(d), *f, d)).collect();
    for (items, file, doc) in &lifted {
        let file = *file;
        // a VNet list, an AKS cluster list, a subnet list, or one of any
        if items.is_empty()
            || !items.iter().all(|v| {
                is_vnet(v) || is_subnet(v) || super::aks::is_managed_cluster(v) || super::aks::is_agent_pool(v)
            })
        {
            return Err(unknown_shape(file, doc, EXPECTED));
        }
        let mut vnets = Vec::new();
        for v in items {
            if super::aks::is_managed_cluster(v) {
                super::aks::import(&mut plan, v, file)?;
            } else if super::aks::is_agent_pool(v) {
                agent_pools.push((v.clone().into_owned(), file.to_string()));
            } else if is_vnet(v) {
                vnets.push(v);
            } else {
                loose.push((v.clone().into_owned(), file.to_string()));
            }
        }
        for v in vnets {
            let name = text(v, "name").unwrap_or("vnet");
            let id = text(v, "id").unwrap_or(name);
            if ids.contains_key(&id.to_ascii_lowercase()) {
                continue; // the same VNet twice
            }
            // VNet names repeat across resource groups: the group makes them unique
            let plan_name = match text(v, "resourceGroup").or_else(|| resource_group(id)) {
                Some(rg) if names.contains(name) => format!("{rg}/{name}"),
                _ => name.to_string(),
            };
            let mut n = new_network(&plan_name, file, id);
            n.profile = Some(AddressProfile::Azure);
            n.region = text(v, "location").map(String::from);
            if let Some(t) = v.get("tags").and_then(Value::as_object) {
                n.tags = t.iter().filter_map(|(k, x)| x.as_str().map(|s| (k.clone(), s.to_string()))).collect();
            }
            for p in v.get("addressSpace").map(|a| list(a, "addressPrefixes")).unwrap_or(&[]) {
                if let Some(p) = p.as_str() {
                    push_unique(&mut n.cidr, cidr(p, file, id)?);
                }
            }
            for s in list(v, "subnets") {
                n.subnets.push(read_subnet(s, &plan_name, file)?);
            }
            for p in list(v, "virtualNetworkPeerings") {
                let state = text(p, "peeringState").unwrap_or("Connected");
                if let (Some(remote), false) = (
                    p.get("remoteVirtualNetwork").and_then(|r| text(r, "id")),
                    state.eq_ignore_ascii_case("Disconnected"),
                ) {
                    // the remote VNet's ranges, kept for when the remote is not in the export
                    let mut remote_space = Vec::new();
                    for r in p.get("remoteAddressSpace").map(|a| list(a, "addressPrefixes")).unwrap_or(&[]) {
                        if let Some(r) = r.as_str() {
                            push_unique(&mut remote_space, cidr(r, file, remote)?);
                        }
                    }
                    peerings.push(Peering {
                        vnet: id.to_string(),
                        remote: remote.to_string(),
                        id: text(p, "id").or(text(p, "name")).unwrap_or("peering").to_string(),
                        file: file.to_string(),
                        remote_space,
                    });
                }
            }
            names.insert(plan_name.clone());
            ids.insert(id.to_ascii_lowercase(), plan_name);
            plan.networks.push(n);
        }
    }
    // subnets listed on their own join their VNet, or make it (spanning them) when the
    // export has no VNet list
    for (s, file) in loose {
        let sid = text(&s, "id").unwrap_or_default();
        let lower = sid.to_ascii_lowercase();
        let vnet_id = &sid[..lower.find("/subnets/").unwrap_or(sid.len())];
        let key = vnet_id.to_ascii_lowercase();
        let vname = match ids.get(&key) {
            Some(n) => n.clone(),
            None => {
                let mut n = new_network(last_segment(vnet_id), &file, vnet_id);
                if names.contains(&n.name) {
                    n.name = resource_group(vnet_id).map_or(n.name.clone(), |rg| format!("{rg}/{}", n.name));
                }
                n.profile = Some(AddressProfile::Azure);
                names.insert(n.name.clone());
                ids.insert(key.clone(), n.name.clone());
                let name = n.name.clone();
                plan.networks.push(n);
                name
            }
        };
        let Some(net) = plan.networks.iter_mut().find(|n| n.name == vname) else { continue };
        if net.subnets.iter().any(|x| x.source.as_ref().is_some_and(|p| p.id.eq_ignore_ascii_case(sid))) {
            continue; // the same subnet in the VNet list too
        }
        let sub = read_subnet(&s, &vname, &file)?;
        net.subnets.push(sub);
    }
    for n in &mut plan.networks {
        if n.cidr.is_empty() && !n.subnets.is_empty() {
            let all: Vec<ipnet::IpNet> = n.subnets.iter().flat_map(|s| s.cidr.iter().copied()).collect();
            n.cidr = crate::PrefixSet::from_prefixes(all).prefixes();
        }
    }
    let name_of = |id: &str| ids.get(&id.to_ascii_lowercase()).cloned();
    let mut seen: HashSet<(String, String)> = HashSet::new();
    for Peering { vnet: a, remote: b, id: pid, file, remote_space } in peerings {
        // a peering is listed on both VNets; one link. A remote VNet not in the export is
        // kept as an external range of the remote address space the peering carries.
        let Some(na) = name_of(&a) else { continue };
        let nb = match name_of(&b) {
            Some(nb) => nb,
            None if !remote_space.is_empty() => {
                let name = last_segment(&b).to_string();
                let name = if names.contains(&name) { format!("{name} (remote)") } else { name };
                if !plan.external.iter().any(|e| e.name == name) {
                    let mut tags = std::collections::BTreeMap::new();
                    tags.insert("azure_id".to_string(), b.clone());
                    plan.external.push(crate::document::model::ExternalRange {
                        name: name.clone(),
                        cidr: remote_space,
                        kind: Some("peer".into()),
                        owner: None,
                        tags,
                        at: None,
                    });
                }
                name
            }
            None => {
                notes.push(format!(
                    "{file}: {pid}: the remote VNet {b} is not in the export and the peering gives no remoteAddressSpace: the link is left out"
                ));
                continue;
            }
        };
        let key = if na < nb { (na.clone(), nb.clone()) } else { (nb.clone(), na.clone()) };
        if !seen.insert(key) {
            continue;
        }
        plan.connectivity.push(Link {
            name: Some(last_segment(&pid).to_string()),
            kind: LinkKind::Peering,
            networks: vec![na, nb],
            source: Some(Provenance { file, id: pid }),
            at: None,
        });
    }
    super::aks::join_pools(&mut plan, &agent_pools, notes)?;
    Ok(plan)
}
