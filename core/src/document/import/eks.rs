//! `aws eks describe-cluster`, `aws eks describe-nodegroup` and `aws eks
//! list-nodegroups` output: each cluster with its managed node groups as pools. The
//! VPC CNI's prefix delegation is a setting of the aws-node DaemonSet, not of the EKS
//! API: an imported cluster is `eks/secondary-ip` until the plan says otherwise.

use super::{count, list, new_cluster, new_pool, required, text};
use crate::cluster::Surge;
use crate::document::model::{ClusterRange, Plan};
use crate::eks::EksMode;
use crate::plan::Platform;
use crate::pool::Os;
use crate::Result;
use serde_json::Value;

/// An EKS export: `{"cluster": {...}}`, `{"nodegroup": {...}}` or `{"nodegroups": [...]}`.
pub(super) fn is_eks(doc: &Value) -> bool {
    doc.get("cluster").is_some_and(|c| c.get("resourcesVpcConfig").is_some() || c.get("arn").is_some())
        || doc.get("nodegroup").is_some_and(Value::is_object)
        || doc.get("nodegroups").is_some_and(Value::is_array)
}

pub(super) fn import(plan: &mut Plan, docs: &[(&Value, &str)]) -> Result<()> {
    let first = plan.clusters.len();
    for (doc, file) in docs {
        let Some(c) = doc.get("cluster") else { continue };
        let name = required(c, "name", file, "cluster")?;
        let id = text(c, "arn").unwrap_or(name);
        let mut cluster =
            new_cluster(name, Platform::Eks { instance_type: String::new(), mode: EksMode::SecondaryIp }, file, id);
        let vpc = c.get("resourcesVpcConfig").cloned().unwrap_or(Value::Null);
        cluster.network = text(&vpc, "vpcId").map(String::from);
        let net = c.get("kubernetesNetworkConfig").cloned().unwrap_or(Value::Null);
        cluster.service_range =
            text(&net, "serviceIpv4Cidr").map(|p| super::cidr(p, file, id).map(ClusterRange::fixed)).transpose()?;
        if !plan.clusters[first..].iter().any(|x| x.name == cluster.name) {
            plan.clusters.push(cluster);
        }
    }
    for (doc, file) in docs {
        let Some(g) = doc.get("nodegroup") else { continue };
        let name = required(g, "nodegroupName", file, "nodegroup")?;
        let cluster_name = required(g, "clusterName", file, "nodegroup")?;
        let id = text(g, "nodegroupArn").unwrap_or(name);
        let ci = match plan.clusters[first..].iter().position(|c| c.name == cluster_name) {
            Some(i) => first + i,
            None => {
                // its cluster's describe-cluster is not among the files: the group alone
                plan.clusters.push(new_cluster(
                    cluster_name,
                    Platform::Eks { instance_type: String::new(), mode: EksMode::SecondaryIp },
                    file,
                    cluster_name,
                ));
                plan.clusters.len() - 1
            }
        };
        let mut pool = new_pool(name, file, id);
        let scaling = g.get("scalingConfig").cloned().unwrap_or(Value::Null);
        pool.nodes = Some(count(&scaling, "desiredSize").unwrap_or(0));
        pool.peak_nodes = count(&scaling, "maxSize");
        // the instance type with the most addresses per node is what sizes a subnet; a
        // group of several types takes its first (EKS orders them as given)
        pool.instance_type = list(g, "instanceTypes").iter().find_map(Value::as_str).map(String::from);
        pool.os =
            text(g, "amiType")
                .map(|a| if a.to_ascii_uppercase().starts_with("WINDOWS") { Os::Windows } else { Os::Linux });
        let subnets: Vec<String> = list(g, "subnets").iter().filter_map(Value::as_str).map(String::from).collect();
        // a managed node group update first grows the group by the larger of twice its
        // Availability Zones and its maximum unavailable (EKS user guide, "Understand each
        // phase of node updates", scale-up phase); its subnets are one per zone
        let unavailable = g.get("updateConfig").and_then(|u| count(u, "maxUnavailable")).unwrap_or(1);
        let surge = (2 * subnets.len() as u64).max(unavailable);
        pool.surge = Some(Surge::Nodes(u32::try_from(surge).unwrap_or(u32::MAX)));
        if !subnets.is_empty() {
            pool.zones = u32::try_from(subnets.len()).ok();
            pool.node_subnets = Some(subnets);
        }
        let c = &mut plan.clusters[ci];
        if c.pools.iter().all(|p| p.name != pool.name) {
            c.pools.push(pool);
        }
    }
    Ok(())
}
