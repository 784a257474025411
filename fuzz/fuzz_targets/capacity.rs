#![no_main]
use cidrplan::{aks, eks, gke, k8s, plan};
use libfuzzer_sys::fuzz_target;
#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let mut b = common::Bytes(data);
    let types = eks::instance_types();
    let t = &types[b.u32() as usize % types.len()];
    let opts = eks::MaxPodsOptions {
        prefix_delegation: b.bool(),
        custom_networking: b.bool(),
        max_enis: if b.bool() { Some(b.u64() as i64) } else { None },
        reserved_enis: b.u8() as u32,
        security_groups_for_pods: b.bool(),
        vcpus: if b.bool() { Some(b.u32()) } else { None },
        ceiling: [eks::Ceiling::ManagedNodeGroup, eks::Ceiling::AutoMode, eks::Ceiling::None][b.u8() as usize % 3],
        ip_family: if b.bool() { eks::IpFamily::Ipv6 } else { eks::IpFamily::Ipv4 },
        os: if b.bool() { eks::NodeOs::Windows } else { eks::NodeOs::Linux },
    };
    let _ = eks::max_pods_for(t, &opts);
    let warm = eks::WarmPool {
        warm_eni_target: if b.bool() { Some(b.u32()) } else { None },
        warm_ip_target: if b.bool() { Some(b.u32()) } else { None },
        minimum_ip_target: if b.bool() { Some(b.u32()) } else { None },
        warm_prefix_target: if b.bool() { Some(b.u32()) } else { None },
        max_pods: if b.bool() { Some(b.u32()) } else { None },
    };
    let pods = b.u32();
    let _ = eks::node_subnet_ips(t, pods, b.bool(), &warm);
    let subnet = b.net();
    let _ = eks::nodes_in_subnet(&subnet, t, pods % 1000, b.bool(), &warm);
    let mode = aks::Mode::ALL[b.u8() as usize % 5];
    let surge = if b.bool() { aks::Surge::Nodes(b.u32()) } else { aks::Surge::Percent(b.u32()) };
    let (nodes, mp) = (b.u64(), b.u32());
    let _ = aks::required_node_subnet_ips(mode, nodes, mp, surge);
    let _ = aks::min_node_subnet_prefix(mode, nodes, mp, surge);
    let _ = aks::max_nodes(&subnet, mode, mp, surge);
    let _ = aks::pod_address_need(mode, nodes, mp, surge);
    let _ = aks::max_nodes_for_pod_range(&subnet, mode, mp);
    let _ = gke::primary_prefix_for(b.u64());
    let _ = gke::max_nodes(&gke::NodeAndPodRanges { node_prefix: b.u8(), pod_prefix: b.u8(), max_pods: b.u32() });
    let _ = gke::pod_range_prefix_for(b.u64(), b.u32());
    let _ = gke::route_based_max_nodes(b.u8());
    let mask = if b.bool() { Some(b.u8()) } else { None };
    let rule = if b.bool() { k8s::MaskLimit::Kubeadm } else { k8s::MaskLimit::Controller };
    let _ = k8s::range_allocator_nodes(&subnet, mask, rule);
    let _ = k8s::calico_pool(&subnet, mask, b.u32());
    let _ = k8s::cilium_cluster_pool_nodes(&subnet, mask);
    let _ = k8s::host_local_pod_ips(b.u8(), cidrplan::Family::of(&subnet));
    let _ = eks::default_service_cidr(&[subnet]);
    let req = plan::Requirement {
        nodes: b.u64() % 100_000,
        peak_nodes: if b.bool() { Some(b.u64()) } else { None },
        max_pods: if b.bool() { Some(b.u32()) } else { None },
        surge,
        // the whole u32 range: zones are bounded in core before anything is built
        zones: if b.bool() { b.u8() as u32 } else { b.u32() },
        services: if b.bool() { Some(b.u64()) } else { None },
        internal_load_balancer_ips: b.u64(),
        pools: Vec::new(),
    };
    // the same requirement as pools of random sizes, types and surges
    let mut pooled = req.clone();
    for k in 0..(b.u8() % 5) {
        let mut p = cidrplan::pool::NodePool::new(format!("p{k}"), b.u64() % 100_000);
        p.peak_nodes = if b.bool() { Some(b.u64()) } else { None };
        p.max_pods = if b.bool() { Some(b.u32()) } else { None };
        p.surge = if b.bool() { Some(aks::Surge::Percent(b.u32())) } else { None };
        p.zones = if b.bool() { Some(b.u32()) } else { None };
        p.instance_type = if b.bool() { Some(types[b.u32() as usize % types.len()].name.clone()) } else { None };
        p.os = if b.bool() { cidrplan::pool::Os::Windows } else { cidrplan::pool::Os::Linux };
        pooled.pools.push(p);
    }
    let platforms = plan::Platform::all(&t.name);
    let p = &platforms[b.u8() as usize % platforms.len()];
    let _ = plan::size(p, &req);
    let _ = plan::size(p, &pooled);
    if let Ok(plan) = plan::carve(&subnet, p, &req) {
        assert!(plan.overlaps.is_empty());
    }
});
