//! Terraform's cluster resources, read by translating each to the cloud CLI's own shape
//! and handing it to that cloud's importer (one reading of each cloud's rules):
//! `aws_eks_cluster` and `aws_eks_node_group` as `aws eks describe-*`;
//! `azurerm_kubernetes_cluster` (its `default_node_pool` and `network_profile`) and
//! `azurerm_kubernetes_cluster_node_pool` as `az aks show`; `google_container_node_pool`
//! as a pool of its `google_container_cluster`.

use super::{count, list, new_pool, text};
use crate::document::model::{ClusterRange, Plan};
use crate::Result;
use serde_json::{json, Map, Value};

/// The first element of a nested block (Terraform writes blocks as lists).
fn block<'a>(v: &'a Value, key: &'a str) -> &'a Value {
    list(v, key).first().unwrap_or(&Value::Null)
}

fn copy(from: &Value, to: &mut Map<String, Value>, pairs: &[(&str, &str)]) {
    for (tf, cli) in pairs {
        if let Some(x) = from.get(*tf).filter(|x| !x.is_null()) {
            to.insert((*cli).to_string(), x.clone());
        }
    }
}

/// An AKS agent pool in `az aks show`'s shape from a Terraform pool block or resource.
fn agent_pool(p: &Value, mode: Option<&str>) -> Value {
    let mut m = Map::new();
    copy(
        p,
        &mut m,
        &[
            ("name", "name"),
            ("node_count", "count"),
            ("vm_size", "vmSize"),
            ("max_pods", "maxPods"),
            ("vnet_subnet_id", "vnetSubnetId"),
            ("pod_subnet_id", "podSubnetId"),
            ("max_count", "maxCount"),
            ("min_count", "minCount"),
            ("os_type", "osType"),
            ("mode", "mode"),
        ],
    );
    // azurerm 4 says auto_scaling_enabled, 3 enable_auto_scaling
    let autoscaling = p.get("auto_scaling_enabled").or(p.get("enable_auto_scaling")).and_then(Value::as_bool);
    m.insert("enableAutoScaling".into(), Value::Bool(autoscaling.unwrap_or(false)));
    if let Some(s) = block(p, "upgrade_settings").get("max_surge").filter(|s| !s.is_null()) {
        m.insert("upgradeSettings".into(), json!({ "maxSurge": s }));
    }
    if let Some(mode) = mode {
        m.insert("mode".into(), Value::String(mode.into()));
    }
    Value::Object(m)
}

/// Every cluster resource of one state or plan, added to `plan`.
pub(super) fn import(plan: &mut Plan, rs: &[(&str, &str, &Value)], file: &str) -> Result<()> {
    // AKS: the cluster with its default pool, then its other pools by cluster id
    for (addr, ty, v) in rs.iter().filter(|r| r.1 == "azurerm_kubernetes_cluster") {
        let _ = ty;
        let id = text(v, "id").unwrap_or(addr);
        let mut pools = vec![agent_pool(block(v, "default_node_pool"), Some("System"))];
        for (_, _, p) in rs.iter().filter(|r| r.1 == "azurerm_kubernetes_cluster_node_pool") {
            let of = text(p, "kubernetes_cluster_id");
            if of.is_some_and(|c| c.eq_ignore_ascii_case(id)) || (of.is_none() && text(v, "id").is_none()) {
                pools.push(agent_pool(p, None));
            }
        }
        let mut net = Map::new();
        copy(
            block(v, "network_profile"),
            &mut net,
            &[
                ("network_plugin", "networkPlugin"),
                ("network_plugin_mode", "networkPluginMode"),
                ("network_policy", "networkPolicy"),
                ("network_data_plane", "networkDataplane"),
                ("pod_cidr", "podCidr"),
                ("service_cidr", "serviceCidr"),
                ("dns_service_ip", "dnsServiceIp"),
            ],
        );
        let shaped = json!({ "name": addr, "id": id, "agentPoolProfiles": pools, "networkProfile": net });
        super::aks::import(plan, &shaped, file)?;
    }
    // EKS: the cluster and its node groups
    let mut eks: Vec<Value> = Vec::new();
    for (addr, ty, v) in rs {
        match *ty {
            "aws_eks_cluster" => {
                let vpc = block(v, "vpc_config");
                let net = block(v, "kubernetes_network_config");
                eks.push(json!({ "cluster": {
                    "name": text(v, "name").unwrap_or(addr),
                    "arn": text(v, "arn").unwrap_or(addr),
                    "resourcesVpcConfig": { "vpcId": vpc.get("vpc_id"), "subnetIds": vpc.get("subnet_ids") },
                    "kubernetesNetworkConfig": { "serviceIpv4Cidr": net.get("service_ipv4_cidr") },
                }}));
            }
            "aws_eks_node_group" => {
                let s = block(v, "scaling_config");
                eks.push(json!({ "nodegroup": {
                    "nodegroupName": text(v, "node_group_name").unwrap_or(addr),
                    "nodegroupArn": text(v, "arn").unwrap_or(addr),
                    "clusterName": text(v, "cluster_name").unwrap_or("eks"),
                    "scalingConfig": { "desiredSize": s.get("desired_size"), "maxSize": s.get("max_size") },
                    "instanceTypes": v.get("instance_types"),
                    "subnets": v.get("subnet_ids"),
                    "amiType": v.get("ami_type"),
                    "updateConfig": { "maxUnavailable": block(v, "update_config").get("max_unavailable") },
                }}));
            }
            _ => {}
        }
    }
    let docs: Vec<(&Value, &str)> = eks.iter().map(|d| (d, file)).collect();
    super::eks::import(plan, &docs)?;
    // GKE: node pools of the google_container_cluster resources read before
    for (addr, _, v) in rs.iter().filter(|r| r.1 == "google_container_node_pool") {
        let of = text(v, "cluster").unwrap_or("");
        let Some(c) = plan.clusters.iter_mut().find(|c| {
            c.source.as_ref().is_some_and(|s| s.id == of || super::last_segment(&s.id) == super::last_segment(of))
                || c.name == of
        }) else {
            continue;
        };
        let name = text(v, "name").unwrap_or(addr);
        let mut pool = new_pool(name, file, text(v, "id").unwrap_or(addr));
        let zones = match list(v, "node_locations").len() {
            0 => u64::from(c.zones.unwrap_or(3)),
            n => n as u64,
        };
        pool.zones = u32::try_from(zones).ok();
        // node counts are per zone
        pool.nodes = Some(count(v, "node_count").or(count(v, "initial_node_count")).unwrap_or(0).saturating_mul(zones));
        let a = block(v, "autoscaling");
        pool.peak_nodes = count(a, "total_max_node_count")
            .filter(|&n| n > 0)
            .or_else(|| count(a, "max_node_count").map(|m| m * zones));
        pool.max_pods = count(v, "max_pods_per_node").and_then(|m| u32::try_from(m).ok());
        pool.surge = count(block(v, "upgrade_settings"), "max_surge")
            .map(|n| crate::cluster::Surge::Nodes(u32::try_from(n).unwrap_or(u32::MAX)));
        if let Some(own) = text(block(v, "network_config"), "pod_ipv4_cidr_block") {
            let own = super::cidr(own, file, addr)?;
            if c.pod_range.as_ref().and_then(|r| r.cidr) != Some(own) {
                pool.pod_range = Some(ClusterRange::fixed(own));
            }
        }
        c.pools.push(pool);
    }
    Ok(())
}
