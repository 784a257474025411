//! `kubectl get nodes -o json`: the cluster as its nodes show it. Nodes are grouped into
//! pools by the pool label each platform sets (EKS `eks.amazonaws.com/nodegroup`, AKS
//! `kubernetes.azure.com/agentpool`, GKE `cloud.google.com/gke-nodepool`, Karpenter
//! `karpenter.sh/nodepool`); the platform is read from `spec.providerID`; every node's
//! `spec.podCIDRs` is the observed use of the Pod range. The cluster is named after the
//! file (`prod.json` -> `prod`): checked together with a plan that has a cluster of that
//! name, the observation joins the planned cluster.

use super::{new_cluster, new_pool, text, unknown_shape};
use crate::document::model::{Observed, Plan};
use crate::plan::Platform;
use crate::pool::Os;
use crate::Result;
use serde_json::Value;
use std::collections::BTreeMap;

const EXPECTED: &str = "the JSON of kubectl get nodes -o json (a List of Node objects)";

const POOL_LABELS: &[&str] = &[
    "eks.amazonaws.com/nodegroup",
    "kubernetes.azure.com/agentpool",
    "agentpool",
    "cloud.google.com/gke-nodepool",
    "karpenter.sh/nodepool",
];

fn is_node(v: &Value) -> bool {
    text(v, "kind") == Some("Node")
        || (v.get("spec").is_some() && v.get("status").and_then(|s| s.get("allocatable")).is_some())
}

pub(super) fn import(docs: &[(Value, &str)]) -> Result<Plan> {
    let mut plan = Plan::default();
    for (doc, file) in docs {
        let nodes: Vec<&Value> = match doc {
            v if text(v, "kind") == Some("List") || text(v, "kind") == Some("NodeList") => {
                super::list(v, "items").iter().collect()
            }
            v if is_node(v) => vec![v],
            other => return Err(unknown_shape(file, other, EXPECTED)),
        };
        if let Some(bad) = nodes.iter().position(|n| !is_node(n)) {
            return Err(crate::Error::InvalidArgument(format!("{file}: items[{bad}] is not a Node")));
        }
        let stem = std::path::Path::new(file).file_stem().and_then(|s| s.to_str()).unwrap_or("cluster");
        let provider = nodes.iter().find_map(|n| n.get("spec").and_then(|s| text(s, "providerID"))).unwrap_or("");
        let mask = nodes
            .iter()
            .filter_map(|n| n.get("spec").and_then(|s| text(s, "podCIDR")))
            .find_map(|c| crate::parse_prefix(c).ok())
            .map(|c| c.prefix_len());
        let platform = if provider.starts_with("aws://") {
            Platform::Eks { instance_type: String::new(), mode: crate::eks::EksMode::SecondaryIp }
        } else if provider.starts_with("azure://") {
            // node Pod CIDRs: kubenet or overlay; none: pods in VNet subnets
            Platform::Aks { mode: if mask.is_some() { crate::aks::Mode::Overlay } else { crate::aks::Mode::AzureCni } }
        } else if provider.starts_with("gce://") {
            Platform::Gke { kind: crate::gke::ClusterKind::Standard }
        } else {
            Platform::Kubernetes { node_mask: mask.filter(|m| (16..=30).contains(m)).unwrap_or(24) }
        };
        let eks = matches!(platform, Platform::Eks { .. });
        let mut c = new_cluster(stem, platform, file, stem);
        let mut observed = Observed { nodes: nodes.len() as u64, pod_cidrs: Vec::new() };
        let mut seen = std::collections::HashSet::new();
        // pool -> (nodes, max allocatable pods, instance type, os, AKS mode)
        type Seen = (u64, u32, Option<String>, Os, Option<crate::pool::PoolMode>);
        let mut pools: BTreeMap<String, Seen> = BTreeMap::new();
        for (k, n) in nodes.iter().enumerate() {
            let name = n.get("metadata").and_then(|m| text(m, "name")).unwrap_or("node");
            let labels = n.get("metadata").and_then(|m| m.get("labels")).cloned().unwrap_or(Value::Null);
            let spec = n.get("spec").cloned().unwrap_or(Value::Null);
            let mut cidrs: Vec<&str> = super::list(&spec, "podCIDRs").iter().filter_map(Value::as_str).collect();
            if cidrs.is_empty() {
                cidrs.extend(text(&spec, "podCIDR"));
            }
            for p in cidrs {
                let p = super::cidr(p, file, &format!("items[{k}] ({name}): spec.podCIDRs"))?;
                // a set, not a scan: a cluster may have thousands of nodes
                if seen.insert(p) {
                    observed.pod_cidrs.push(p);
                }
            }
            let pool = POOL_LABELS.iter().find_map(|l| text(&labels, l)).unwrap_or("nodes").to_string();
            let pods = n
                .get("status")
                .and_then(|s| s.get("allocatable"))
                .and_then(|a| super::count(a, "pods"))
                .and_then(|p| u32::try_from(p).ok())
                .unwrap_or(0);
            let instance = text(&labels, "node.kubernetes.io/instance-type")
                .or(text(&labels, "beta.kubernetes.io/instance-type"))
                .map(String::from);
            let os = if text(&labels, "kubernetes.io/os") == Some("windows") { Os::Windows } else { Os::Linux };
            let mode = text(&labels, "kubernetes.azure.com/mode").map(|m| {
                if m == "system" {
                    crate::pool::PoolMode::System
                } else {
                    crate::pool::PoolMode::User
                }
            });
            let e = pools.entry(pool).or_insert((0, 0, instance, os, mode));
            e.0 += 1;
            e.1 = e.1.max(pods);
        }
        for (name, (count, pods, instance, os, mode)) in pools {
            let mut p = new_pool(&name, file, &format!("{stem}/{name}"));
            p.nodes = Some(count);
            p.max_pods = (pods > 0).then_some(pods);
            p.instance_type = if eks { instance } else { None };
            p.os = Some(os);
            p.mode = mode;
            c.pools.push(p);
        }
        c.observed = Some(observed);
        plan.clusters.push(c);
    }
    Ok(plan)
}
