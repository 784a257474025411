//! `az network vnet list` output, and `az aks show` / `az aks list` (in `aks`).

use super::{cidr, last_segment, list, new_network, push_unique, text, unknown_shape};
use crate::document::model::{Link, LinkKind, Plan, Provenance};
use crate::{AddressProfile, Result};
use serde_json::Value;
use std::collections::{HashMap, HashSet};

const EXPECTED: &str = "the JSON of az network vnet list (a list of virtual networks with addressSpace and subnets) \
    or az aks show / az aks list (managed clusters with agentPoolProfiles)";

fn is_vnet(v: &Value) -> bool {
    v.get("addressSpace").is_some()
        && (text(v, "type").is_none_or(|t| t.eq_ignore_ascii_case("Microsoft.Network/virtualNetworks")))
}

pub(super) fn import(docs: &[(Value, &str)]) -> Result<Plan> {
    let mut plan = Plan::default();
    let mut peerings: Vec<(String, String, String, String)> = Vec::new(); // (vnet id, remote id, peering id, file)
                                                                          // vnet resource id (lowercased: Azure ids are case-insensitive) -> plan name; names taken
    let mut ids: HashMap<String, String> = HashMap::new();
    let mut names: HashSet<String> = HashSet::new();
    for (doc, file) in docs {
        // a VNet list, an AKS cluster list, or one of either
        let items: Vec<&Value> = match doc {
            Value::Array(a) => a.iter().collect(),
            v => vec![v],
        };
        if !items.iter().all(|v| is_vnet(v) || super::aks::is_managed_cluster(v)) {
            return Err(unknown_shape(file, doc, EXPECTED));
        }
        let mut vnets = Vec::new();
        for v in items {
            if super::aks::is_managed_cluster(v) {
                super::aks::import(&mut plan, v, file)?;
            } else {
                vnets.push(v);
            }
        }
        for v in vnets {
            let name = text(v, "name").unwrap_or("vnet");
            let id = text(v, "id").unwrap_or(name);
            if ids.contains_key(&id.to_ascii_lowercase()) {
                continue; // the same VNet twice
            }
            // VNet names repeat across resource groups: the group makes them unique
            let plan_name = match text(v, "resourceGroup") {
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
                let sname = text(s, "name").unwrap_or("subnet");
                let sid = text(s, "id").unwrap_or(sname);
                let mut sub = new_network(&format!("{plan_name}/{sname}"), file, sid);
                if let Some(p) = text(s, "addressPrefix") {
                    push_unique(&mut sub.cidr, cidr(p, file, sid)?);
                }
                for p in list(s, "addressPrefixes") {
                    if let Some(p) = p.as_str() {
                        push_unique(&mut sub.cidr, cidr(p, file, sid)?);
                    }
                }
                // a delegation names the service (ARM bodies nest it under properties);
                // reserved names (GatewaySubnet ...) imply theirs in check
                sub.service = list(s, "delegations")
                    .iter()
                    .filter_map(|d| text(d, "serviceName").or(d.get("properties").and_then(|p| text(p, "serviceName"))))
                    .find_map(crate::service::by_export_mark)
                    .map(|r| r.id.clone());
                n.subnets.push(sub);
            }
            for p in list(v, "virtualNetworkPeerings") {
                let state = text(p, "peeringState").unwrap_or("Connected");
                if let (Some(remote), true) =
                    (p.get("remoteVirtualNetwork").and_then(|r| text(r, "id")), state != "Disconnected")
                {
                    peerings.push((
                        id.to_string(),
                        remote.to_string(),
                        text(p, "id").or(text(p, "name")).unwrap_or("peering").to_string(),
                        file.to_string(),
                    ));
                }
            }
            names.insert(plan_name.clone());
            ids.insert(id.to_ascii_lowercase(), plan_name);
            plan.networks.push(n);
        }
    }
    let name_of = |id: &str| ids.get(&id.to_ascii_lowercase()).cloned();
    let mut seen: HashSet<(String, String)> = HashSet::new();
    for (a, b, pid, file) in peerings {
        // a peering is listed on both VNets; one link. A remote VNet not in the export is left out.
        let (Some(na), Some(nb)) = (name_of(&a), name_of(&b)) else { continue };
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
    Ok(plan)
}
