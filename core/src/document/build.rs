//! Plans built from the answers of the quick tools: a subnet calculator's tree and a
//! carved cluster plan become plan documents to keep, check and grow.

use super::model::{Cluster, ClusterRange, Network, Plan, PLAN_VERSION};
use crate::cluster::{Requirement, Role};
use crate::plan::Platform;
use crate::{AddressProfile, Error, NamedPrefix, Result};
use ipnet::IpNet;
use std::collections::BTreeMap;

fn network(name: String, profile: AddressProfile, cidr: Vec<IpNet>) -> Network {
    Network { profile: (profile != AddressProfile::Standard).then_some(profile), cidr, ..Network::new(name) }
}

impl Plan {
    /// A subnet calculator's state as a plan: one network per base (`network`, or
    /// `network-1`, `network-2` ...), and as its subnets the leaves of the split tree
    /// that have a name (the leaves in use), in address order.
    ///
    /// ```
    /// use cidrplan::{document::Plan, AddressProfile, NamedPrefix};
    /// let n = |s: &str| s.parse().unwrap();
    /// let p = Plan::for_subnets(&[n("10.0.0.0/16")], &[n("10.0.0.0/16")], &[NamedPrefix::new("app", n("10.0.0.0/17"))], AddressProfile::Aws)?;
    /// assert_eq!(p.networks[0].subnets[0].name, "app");
    /// assert!(p.check().is_clean());
    /// # Ok::<(), cidrplan::Error>(())
    /// ```
    pub fn for_subnets(
        bases: &[IpNet],
        splits: &[IpNet],
        names: &[NamedPrefix],
        profile: AddressProfile,
    ) -> Result<Plan> {
        let by_prefix: BTreeMap<IpNet, &str> = names.iter().map(|n| (n.prefix.trunc(), n.name.as_str())).collect();
        let mut networks = Vec::with_capacity(bases.len());
        for (i, base) in bases.iter().enumerate() {
            let base = base.trunc();
            let name = if bases.len() == 1 { "network".to_string() } else { format!("network-{}", i + 1) };
            let mut net = network(name, profile, vec![base]);
            for row in crate::split_tree(&base, splits, profile)? {
                if let Some(sub) = by_prefix.get(&row.prefix) {
                    net.subnets.push(network(sub.to_string(), AddressProfile::Standard, vec![row.prefix]));
                }
            }
            networks.push(net);
        }
        Ok(Plan { version: PLAN_VERSION, networks, ..Plan::default() })
    }

    /// A cluster carved out of a VPC ([`crate::plan::carve`]) as a plan: the VPC with its
    /// subnets (node and pod subnets), and the cluster with its size, growth, subnets
    /// and pod and service ranges, ready to be checked and grown.
    ///
    /// ```
    /// use cidrplan::{document::Plan, plan::{Platform, Requirement}};
    /// let platform: Platform = "eks/prefix-delegation/m5.large".parse()?;
    /// let p = Plan::for_cluster("prod", &"10.0.0.0/16".parse().unwrap(), &platform, &Requirement::new(30))?;
    /// assert_eq!(p.clusters[0].node_subnets, ["nodes-a", "nodes-b", "nodes-c"]);
    /// assert!(p.check().is_clean());
    /// # Ok::<(), cidrplan::Error>(())
    /// ```
    pub fn for_cluster(name: &str, vpc: &IpNet, platform: &Platform, req: &Requirement) -> Result<Plan> {
        if name.trim().is_empty() {
            return Err(Error::InvalidArgument("a cluster needs a name".into()));
        }
        let carved = crate::plan::carve(vpc, platform, req)?;
        let profile = match platform {
            Platform::Eks { .. } => AddressProfile::Aws,
            Platform::Aks { .. } => AddressProfile::Azure,
            Platform::Gke { .. } => AddressProfile::Gcp,
            _ => AddressProfile::Standard,
        };
        let mut net = network(format!("{name}-network"), profile, vec![carved.vpc]);
        let mut cluster = Cluster {
            name: name.to_string(),
            platform: platform.clone(),
            network: Some(net.name.clone()),
            nodes: req.nodes,
            instance_type: None,
            pools: req
                .pools
                .iter()
                .map(|p| super::model::Pool {
                    name: p.name.clone(),
                    nodes: Some(p.nodes),
                    peak_nodes: p.peak_nodes,
                    surge: p.surge,
                    max_pods: p.max_pods,
                    instance_type: p.instance_type.clone(),
                    os: (p.os != crate::pool::Os::Linux).then_some(p.os),
                    mode: p.mode,
                    zones: p.zones,
                    node_subnets: None,
                    pod_subnets: None,
                    pod_range: None,
                    source: None,
                    at: None,
                })
                .collect(),
            peak_nodes: req.peak_nodes,
            surge: req.surge,
            zones: Some(req.zones),
            max_pods: req.max_pods,
            services: req.services,
            internal_load_balancer_ips: req.internal_load_balancer_ips,
            node_subnets: Vec::new(),
            pod_subnets: Vec::new(),
            network_policy: None,
            dns_service_ip: None,
            pod_range: None,
            service_range: None,
            source: None,
            ip_families: Vec::new(),
            pod_range_v6: None,
            service_range_v6: None,
            observed: None,
            tags: BTreeMap::new(),
            at: None,
        };
        for r in &carved.ranges {
            match r.role {
                Role::NodeSubnet | Role::PodSubnet => {
                    let mut s = network(r.name.clone(), AddressProfile::Standard, vec![r.prefix]);
                    s.role = Some(if r.role == Role::NodeSubnet { "nodes" } else { "pods" }.into());
                    net.subnets.push(s);
                    let list =
                        if r.role == Role::NodeSubnet { &mut cluster.node_subnets } else { &mut cluster.pod_subnets };
                    list.push(r.name.clone());
                }
                Role::PodRange => cluster.pod_range = Some(ClusterRange::fixed(r.prefix)),
                Role::ServiceRange => cluster.service_range = Some(ClusterRange::fixed(r.prefix)),
            }
        }
        Ok(Plan { version: PLAN_VERSION, networks: vec![net], clusters: vec![cluster], ..Plan::default() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every platform's carved cluster plan, kept as a plan, checks without an error.
    #[test]
    fn every_platform_carved_plan_checks_clean() {
        let vpc: IpNet = "10.0.0.0/16".parse().unwrap();
        let mut checked = 0;
        for platform in Platform::all("m5.large") {
            let req = Requirement { peak_nodes: Some(60), ..Requirement::new(20) };
            let p =
                Plan::for_cluster("c", &vpc, &platform, &req).unwrap_or_else(|e| panic!("{}: {e}", platform.label()));
            checked += 1;
            let r = p.check();
            assert!(r.is_clean(), "{}: {:?}", platform.label(), r.findings);
            let back = Plan::from_text(&p.to_yaml(), "p.yaml").unwrap();
            assert_eq!(serde_json::to_value(&back).unwrap(), serde_json::to_value(&p).unwrap());
        }
        assert_eq!(checked, 10);
    }
}
