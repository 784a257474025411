//! `az aks show` / `az aks list` output: each managed cluster with its agent pools
//! (`agentPoolProfiles`) and its network profile; and `az aks nodepool list` / `show`,
//! pools listed on their own, which join their cluster by its id. Subnets are named by
//! their resource ids, which `check` finds whichever import brought the VNet.

use super::{count, new_cluster, new_pool, text};
use crate::aks::{Mode, NetworkPolicy};
use crate::document::model::{ClusterRange, Plan, Pool};
use crate::plan::Platform;
use crate::pool::{Os, PoolMode};
use crate::Result;
use serde_json::Value;

/// An `az aks show` object (or one entry of `az aks list`).
pub(super) fn is_managed_cluster(v: &Value) -> bool {
    v.get("agentPoolProfiles").is_some()
        || text(v, "type").is_some_and(|t| t.eq_ignore_ascii_case("Microsoft.ContainerService/ManagedClusters"))
}

/// One entry of `az aks nodepool list` (or `az aks nodepool show`): an agent pool on
/// its own, its cluster named by its id.
pub(super) fn is_agent_pool(v: &Value) -> bool {
    text(v, "type").is_some_and(|t| t.eq_ignore_ascii_case("Microsoft.ContainerService/managedClusters/agentPools"))
}

/// Agent pools listed on their own join the cluster their id names: a pool of the same
/// name is replaced (the list is the newer word), another is added; a pool whose cluster
/// the import does not hold is a note.
pub(super) fn join_pools(plan: &mut Plan, pools: &[(Value, String)], notes: &mut Vec<String>) -> Result<()> {
    for (k, (p, file)) in pools.iter().enumerate() {
        let pname = text(p, "name").unwrap_or("pool");
        let pid = text(p, "id").unwrap_or(pname);
        let lower = pid.to_ascii_lowercase();
        let cluster_id = lower.find("/agentpools/").map(|i| &pid[..i]);
        let Some(c) = plan
            .clusters
            .iter_mut()
            .find(|c| cluster_id.is_some_and(|id| c.source.as_ref().is_some_and(|s| s.id.eq_ignore_ascii_case(id))))
        else {
            notes.push(format!(
                "{file}: agent pool {pid}: its cluster is not in the import: left out (add the az aks show output of {})",
                cluster_id.unwrap_or("its cluster")
            ));
            continue;
        };
        let (pool, network) = read_pool(p, k, cluster_id.unwrap_or(pid), file)?;
        if c.network.is_none() {
            c.network = network;
        }
        match c.pools.iter_mut().find(|x| x.name.eq_ignore_ascii_case(pname)) {
            Some(x) => *x = pool,
            None => c.pools.push(pool),
        }
    }
    Ok(())
}

/// One agent pool (of `agentPoolProfiles` or listed on its own) and the VNet its node
/// subnet is in.
fn read_pool(p: &Value, k: usize, id: &str, file: &str) -> Result<(Pool, Option<String>)> {
    let pname = text(p, "name").unwrap_or("pool");
    let mut pool = new_pool(pname, file, &format!("{id}/agentPools/{pname}"));
    pool.nodes = Some(count(p, "count").unwrap_or(0));
    let autoscaling = p.get("enableAutoScaling").and_then(Value::as_bool).unwrap_or(false);
    // the autoscaler's maximum is the pool's peak
    pool.peak_nodes = if autoscaling { count(p, "maxCount") } else { None };
    pool.max_pods = count(p, "maxPods").and_then(|m| u32::try_from(m).ok());
    pool.os = text(p, "osType").map(|o| if o.eq_ignore_ascii_case("windows") { Os::Windows } else { Os::Linux });
    pool.mode =
        text(p, "mode").map(|m| if m.eq_ignore_ascii_case("system") { PoolMode::System } else { PoolMode::User });
    pool.surge = match p.get("upgradeSettings").and_then(|u| u.get("maxSurge")) {
        Some(Value::String(s)) if !s.is_empty() => Some(s.parse().map_err(|e: crate::Error| {
            crate::Error::InvalidArgument(format!("{file}: {id}: agentPoolProfiles[{k}].upgradeSettings.maxSurge: {e}"))
        })?),
        Some(Value::Number(n)) => n.as_u64().and_then(|n| u32::try_from(n).ok()).map(crate::cluster::Surge::Nodes),
        _ => None,
    };
    let mut network = None;
    if let Some(s) = text(p, "vnetSubnetId") {
        pool.node_subnets = Some(vec![s.to_string()]);
        // the VNet: the subnet id up to /subnets/
        if let Some(i) = s.to_ascii_lowercase().find("/subnets/") {
            network = Some(s[..i].to_string());
        }
    }
    if let Some(s) = text(p, "podSubnetId") {
        pool.pod_subnets = Some(vec![s.to_string()]);
    }
    Ok((pool, network))
}

pub(super) fn import(plan: &mut Plan, v: &Value, file: &str) -> Result<()> {
    let name = text(v, "name").unwrap_or("aks");
    let id = text(v, "id").unwrap_or(name);
    let net = v.get("networkProfile").cloned().unwrap_or(Value::Null);
    let pools = super::list(v, "agentPoolProfiles");
    let plugin = text(&net, "networkPlugin").unwrap_or("kubenet").to_ascii_lowercase();
    let overlay = text(&net, "networkPluginMode").is_some_and(|m| m.eq_ignore_ascii_case("overlay"));
    let pod_subnet = pools.iter().any(|p| text(p, "podSubnetId").is_some());
    let static_block =
        pools.iter().any(|p| text(p, "podIpAllocationMode").is_some_and(|m| m.eq_ignore_ascii_case("StaticBlock")));
    // Microsoft's network models: kubenet; Azure CNI overlay; Azure CNI with a pod subnet
    // (dynamic or static block); Azure CNI node subnet; none (bring your own CNI)
    let platform = match plugin.as_str() {
        "kubenet" => Platform::Aks { mode: Mode::Kubenet },
        "azure" if overlay => Platform::Aks { mode: Mode::Overlay },
        "azure" if pod_subnet && static_block => Platform::Aks { mode: Mode::PodSubnetStatic },
        "azure" if pod_subnet => Platform::Aks { mode: Mode::PodSubnetDynamic },
        "azure" => Platform::Aks { mode: Mode::AzureCni },
        _ => Platform::Kubernetes { node_mask: 24 },
    };
    let mut c = new_cluster(name, platform, file, id);
    c.network_policy = match text(&net, "networkPolicy").map(str::to_ascii_lowercase).as_deref() {
        Some("azure") => Some(NetworkPolicy::AzureNpm),
        Some("calico") => Some(NetworkPolicy::Calico),
        Some("cilium") => Some(NetworkPolicy::Cilium),
        _ if text(&net, "networkDataplane").is_some_and(|d| d.eq_ignore_ascii_case("cilium")) => {
            Some(NetworkPolicy::Cilium)
        }
        _ => None,
    };
    let range = |key: &str| -> Result<Option<ClusterRange>> {
        text(&net, key).map(|p| super::cidr(p, file, id).map(ClusterRange::fixed)).transpose()
    };
    if matches!(c.platform, Platform::Aks { mode: Mode::Kubenet | Mode::Overlay }) {
        c.pod_range = range("podCidr")?;
    }
    c.service_range = range("serviceCidr")?;
    c.dns_service_ip = text(&net, "dnsServiceIp").and_then(|a| a.parse().ok());
    for (k, p) in pools.iter().enumerate() {
        let (pool, network) = read_pool(p, k, id, file)?;
        if c.network.is_none() {
            c.network = network;
        }
        c.pools.push(pool);
    }
    plan.clusters.push(c);
    Ok(())
}
