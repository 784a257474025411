//! `gcloud compute networks subnets list --format=json` and
//! `gcloud container clusters list --format=json` (or `clusters describe`) output, each
//! cluster's `nodePools` its pools.

use super::{cidr, count, last_segment, list, new_network, new_pool, push_unique, text, unknown_shape};
use crate::document::model::{Cluster, ClusterRange, NamedRange, Plan, Provenance};
use crate::gke::ClusterKind;
use crate::plan::Platform;
use crate::{AddressProfile, Result};
use serde_json::Value;
use std::collections::BTreeMap;

const EXPECTED: &str = "the JSON of gcloud compute networks subnets list --format=json (ipCidrRange, network), \
    gcloud compute networks list --format=json (peerings), gcloud container clusters list / describe --format=json \
    (clusterIpv4Cidr, nodePools), or gcloud container node-pools list / describe (a cluster's pools on their own)";

fn is_subnet(v: &Value) -> bool {
    text(v, "ipCidrRange").is_some() && text(v, "network").is_some()
}
/// A VPC network of `gcloud compute networks list` (its peerings are its links).
fn is_network(v: &Value) -> bool {
    text(v, "ipCidrRange").is_none()
        && (text(v, "kind") == Some("compute#network")
            || v.get("peerings").is_some()
            || v.get("subnetworks").is_some()
            || v.get("x_gcloud_subnet_mode").is_some())
}

/// One entry of `gcloud container node-pools list` (or `describe`): a node pool on its
/// own, its cluster named by its `selfLink`.
fn is_node_pool(v: &Value) -> bool {
    v.get("nodePools").is_none() && text(v, "selfLink").is_some_and(|s| s.contains("/nodePools/"))
}

/// `projects/P/locations/L/clusters/C` of a cluster's or a pool's `selfLink` (the v1 API
/// also writes `zones` for `locations`): what a pool and its cluster share.
fn cluster_path(self_link: &str) -> Option<String> {
    let from = self_link.find("projects/")?;
    let path = &self_link[from..];
    let path = path.find("/nodePools/").map_or(path, |i| &path[..i]);
    Some(path.replace("/zones/", "/locations/"))
}

/// Clusters with the node pools listed on their own: a pool of the same name replaced
/// (the list is the newer word), another added; a pool whose cluster is not there is a note.
fn join_node_pools<'a>(
    clusters: Vec<(&'a Value, &'a str)>,
    pools: &[(&Value, &str)],
    notes: &mut Vec<String>,
) -> Vec<(std::borrow::Cow<'a, Value>, &'a str)> {
    let mut out: Vec<(std::borrow::Cow<'a, Value>, &'a str)> =
        clusters.into_iter().map(|(c, f)| (std::borrow::Cow::Borrowed(c), f)).collect();
    for (p, file) in pools {
        let link = text(p, "selfLink").unwrap_or_default();
        let path = cluster_path(link);
        let at = out.iter().position(|(c, _)| path.is_some() && text(c, "selfLink").and_then(cluster_path) == path);
        let Some(at) = at else {
            notes.push(format!(
                "{file}: node pool {link}: its cluster is not in the import: left out (add the gcloud container clusters describe output of its cluster)"
            ));
            continue;
        };
        let cluster = out[at].0.to_mut();
        let name = text(p, "name");
        if let Some(m) = cluster.as_object_mut() {
            // a cluster whose nodePools is no list has none to keep (the import reads none)
            let list = m.entry("nodePools").or_insert(Value::Null);
            if !list.is_array() {
                *list = Value::Array(Vec::new());
            }
            if let Value::Array(list) = list {
                match list.iter_mut().find(|x| name.is_some() && text(x, "name") == name) {
                    Some(x) => *x = (*p).clone(),
                    None => list.push((*p).clone()),
                }
            }
        }
    }
    out
}

fn is_cluster(v: &Value) -> bool {
    v.get("nodePools").is_some() || v.get("ipAllocationPolicy").is_some() || v.get("clusterIpv4Cidr").is_some()
}

pub(super) fn import(docs: &[(Value, &str)], notes: &mut Vec<String>) -> Result<Plan> {
    let mut plan = Plan::default();
    let mut networks: Vec<(&Value, &str)> = Vec::new();
    let mut network_index: BTreeMap<String, usize> = BTreeMap::new();
    let mut clusters: Vec<(&Value, &str)> = Vec::new();
    let mut node_pools: Vec<(&Value, &str)> = Vec::new();
    // sets, not scans: a VPC may hold thousands of subnets
    let mut seen_subnets: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut network_cidrs: std::collections::HashSet<(usize, ipnet::IpNet)> = std::collections::HashSet::new();
    for (doc, file) in docs {
        let items: Vec<&Value> = match doc {
            Value::Array(a) => a.iter().collect(),
            v => vec![v],
        };
        for v in items {
            if is_node_pool(v) {
                node_pools.push((v, file));
                continue;
            }
            if is_cluster(v) {
                clusters.push((v, file));
                continue;
            }
            if is_network(v) {
                networks.push((v, file));
                continue;
            }
            if !is_subnet(v) {
                return Err(unknown_shape(file, doc, EXPECTED));
            }
            let name = text(v, "name").unwrap_or("subnet");
            let id = text(v, "selfLink").or(text(v, "id")).unwrap_or(name);
            let network = last_segment(text(v, "network").unwrap_or("default")).to_string();
            let ni = *network_index.entry(network.clone()).or_insert_with(|| {
                let mut n = new_network(&network, file, text(v, "network").unwrap_or(&network));
                n.profile = Some(AddressProfile::Gcp);
                plan.networks.push(n);
                plan.networks.len() - 1
            });
            if !seen_subnets.insert(id.to_string()) {
                continue; // the same subnet twice (pages listed again)
            }
            let mut sub = new_network(name, file, id);
            sub.region = text(v, "region").map(|r| last_segment(r).to_string());
            // purpose-built subnets (proxy-only, Private Service Connect) name their service
            sub.service = text(v, "purpose").and_then(crate::service::by_export_mark).map(|r| r.id.clone());
            push_unique(&mut sub.cidr, cidr(text(v, "ipCidrRange").unwrap_or(""), file, id)?);
            if let Some(v6) = text(v, "ipv6CidrRange").or(text(v, "internalIpv6Prefix")) {
                push_unique(&mut sub.cidr, cidr(v6, file, id)?);
            }
            for r in list(v, "secondaryIpRanges") {
                if let (Some(rn), Some(rc)) = (text(r, "rangeName"), text(r, "ipCidrRange")) {
                    sub.secondary_ranges.push(NamedRange { name: rn.into(), cidr: cidr(rc, file, id)?, at: None });
                }
            }
            // a VPC network has no range of its own: its subnets' primary ranges are its ranges
            let net = &mut plan.networks[ni];
            for c in &sub.cidr {
                if network_cidrs.insert((ni, *c)) {
                    net.cidr.push(*c);
                }
            }
            net.subnets.push(sub);
        }
    }
    // peerings of `gcloud compute networks list`: active ones are links (one per pair)
    let mut pairs: std::collections::HashSet<(String, String)> = std::collections::HashSet::new();
    for (v, file) in networks {
        let Some(name) = text(v, "name") else { continue };
        for p in list(v, "peerings") {
            let (Some(peer), Some(pname)) = (text(p, "network").map(last_segment), text(p, "name")) else { continue };
            if !text(p, "state").unwrap_or("ACTIVE").eq_ignore_ascii_case("ACTIVE") {
                continue;
            }
            if !network_index.contains_key(name) || !network_index.contains_key(peer) {
                let missing = if network_index.contains_key(name) { peer } else { name };
                notes.push(format!(
                    "{file}: peering {pname} of {name}: network {missing} has no subnets in the export, so no ranges: the link is left out (add its subnets list)"
                ));
                continue;
            }
            let key =
                if name < peer { (name.to_string(), peer.to_string()) } else { (peer.to_string(), name.to_string()) };
            if !pairs.insert(key) {
                continue;
            }
            plan.connectivity.push(crate::document::model::Link {
                name: Some(pname.to_string()),
                kind: crate::document::model::LinkKind::Peering,
                networks: vec![name.to_string(), peer.to_string()],
                source: Some(Provenance {
                    file: file.to_string(),
                    id: text(v, "selfLink").unwrap_or(name).to_string(),
                }),
                at: None,
            });
        }
    }
    let clusters = join_node_pools(clusters, &node_pools, notes);
    for (c, file) in &clusters {
        let (c, file): (&Value, &str) = (c, file);
        let name = text(c, "name").unwrap_or("cluster");
        let id = text(c, "selfLink").or(text(c, "id")).unwrap_or(name);
        let policy = c.get("ipAllocationPolicy");
        let pods = text(c, "clusterIpv4Cidr").or(policy.and_then(|p| text(p, "clusterIpv4CidrBlock")));
        let services = text(c, "servicesIpv4Cidr").or(policy.and_then(|p| text(p, "servicesIpv4CidrBlock")));
        let autopilot = c.get("autopilot").and_then(|a| a.get("enabled")).and_then(Value::as_bool).unwrap_or(false);
        let max_pods = c
            .get("defaultMaxPodsConstraint")
            .and_then(|m| m.get("maxPodsPerNode"))
            .and_then(|m| m.as_str().and_then(|s| s.parse().ok()).or_else(|| m.as_u64()))
            .map(|m| m as u32);
        let nodes = c.get("currentNodeCount").and_then(Value::as_u64).unwrap_or(1).max(1);
        let network = text(c, "network").map(|n| last_segment(n).to_string());
        let subnet = text(c, "subnetwork").map(|n| last_segment(n).to_string());
        let location = text(c, "location").unwrap_or("");
        // a zonal location (us-central1-a) has one zone; a region spreads over three
        let regional = location.matches('-').count() < 2;
        let cluster_zones = match list(c, "locations").len() {
            0 => {
                if regional {
                    3
                } else {
                    1
                }
            }
            n => n as u64,
        };
        let cluster_pods = pods.map(|p| cidr(p, file, id)).transpose()?;
        // node pools (GKE Standard): node counts are per zone; a pool may have its own
        // max pods and its own Pod range (multi-Pod CIDR)
        let mut pools = Vec::new();
        if !autopilot {
            for (k, p) in list(c, "nodePools").iter().enumerate() {
                let pname = text(p, "name").unwrap_or("pool");
                let pid = text(p, "selfLink").map_or_else(|| format!("{id}/nodePools/{pname}"), String::from);
                let mut pool = new_pool(pname, file, &pid);
                let zones = match list(p, "locations").len() {
                    0 => cluster_zones,
                    n => n as u64,
                };
                pool.zones = u32::try_from(zones).ok();
                pool.nodes = Some(count(p, "initialNodeCount").unwrap_or(0).saturating_mul(zones));
                if let Some(a) =
                    p.get("autoscaling").filter(|a| a.get("enabled").and_then(Value::as_bool) == Some(true))
                {
                    pool.peak_nodes = count(a, "totalMaxNodeCount")
                        .filter(|&n| n > 0)
                        .or_else(|| count(a, "maxNodeCount").map(|m| m.saturating_mul(zones)));
                }
                pool.max_pods = p
                    .get("maxPodsConstraint")
                    .and_then(|m| count(m, "maxPodsPerNode"))
                    .and_then(|m| u32::try_from(m).ok());
                pool.surge = p
                    .get("upgradeSettings")
                    .and_then(|u| count(u, "maxSurge"))
                    .map(|n| crate::cluster::Surge::Nodes(u32::try_from(n).unwrap_or(u32::MAX)));
                let config = p.get("networkConfig");
                let own = config.and_then(|n| text(n, "podIpv4CidrBlock"));
                let entry = format!("{id}: nodePools[{k}]");
                // a pool may name its Pod range (a secondary range of the cluster's subnet)
                // and leave its CIDR out: the subnet says it
                let named = config.and_then(|n| text(n, "podRange")).and_then(|range| {
                    plan.networks
                        .iter()
                        .flat_map(|n| &n.subnets)
                        .filter(|x| subnet.as_deref().is_some_and(|s| x.name == s))
                        .flat_map(|x| &x.secondary_ranges)
                        .find(|r| r.name == range)
                        .map(|r| r.cidr)
                });
                let own = match own {
                    Some(c) => Some(cidr(c, file, &entry)?),
                    None => named,
                };
                if let Some(own) = own {
                    if Some(own) != cluster_pods {
                        pool.pod_range = Some(ClusterRange::fixed(own));
                    }
                }
                pools.push(pool);
            }
        }
        // a private cluster's control plane: a /28 Google's network uses, peered with ours
        let control_plane = c
            .get("privateClusterConfig")
            .and_then(|p| text(p, "masterIpv4CidrBlock"))
            .map(|r| cidr(r, file, id))
            .transpose()?;
        if let Some(range) = control_plane {
            let cp_name = format!("{name}-control-plane");
            match network.as_ref().and_then(|n| plan.networks.iter_mut().find(|x| &x.name == n)) {
                Some(net) => {
                    let mut sub = new_network(&cp_name, file, &format!("{id}/privateClusterConfig"));
                    sub.cidr = vec![range];
                    sub.service = Some("gcp-gke-control-plane".into());
                    push_unique(&mut net.cidr, range);
                    net.subnets.push(sub);
                }
                None => plan.external.push(crate::document::model::ExternalRange {
                    name: cp_name,
                    cidr: vec![range],
                    kind: Some("gke-control-plane".into()),
                    owner: Some(format!("Google (GKE control plane of {name})")),
                    tags: BTreeMap::new(),
                    at: None,
                }),
            }
        }
        plan.clusters.push(Cluster {
            name: name.into(),
            platform: Platform::Gke { kind: if autopilot { ClusterKind::Autopilot } else { ClusterKind::Standard } },
            network: network.filter(|n| network_index.contains_key(n)),
            nodes,
            peak_nodes: None,
            instance_type: None,
            pools,
            surge: Default::default(),
            zones: Some(if regional { 3 } else { 1 }),
            max_pods,
            services: None,
            internal_load_balancer_ips: 0,
            node_subnets: subnet
                .into_iter()
                .filter(|s| plan.networks.iter().any(|n| n.subnets.iter().any(|x| &x.name == s)))
                .collect(),
            pod_subnets: Vec::new(),
            network_policy: None,
            dns_service_ip: None,
            pod_range: cluster_pods.map(ClusterRange::fixed),
            service_range: services.map(|p| cidr(p, file, id)).transpose()?.map(ClusterRange::fixed),
            source: Some(Provenance { file: file.to_string(), id: id.to_string() }),
            ip_families: Vec::new(),
            pod_range_v6: None,
            service_range_v6: None,
            observed: None,
            tags: BTreeMap::new(),
            at: None,
        });
    }
    Ok(plan)
}
