//! Every public numeric argument over its whole integer range: each call returns a
//! value or a typed `Error`, never panics, and counts are exact or refused. (Runs in
//! the test harness: a panic or an abort fails it.)

#![allow(clippy::unwrap_used)]

use cidrplan::{
    aks, allocate_one, bounds, cidrhost, cidrsubnet, cidrsubnets, eks, free_aligned_blocks, gke, k8s, plan, split,
    split_to_vec, supernet, AddressProfile, Family, PrefixSet,
};
use ipnet::IpNet;
use proptest::prelude::*;

fn n(s: &str) -> IpNet {
    s.parse().unwrap()
}

fn prefixes() -> impl proptest::strategy::Strategy<Value = IpNet> {
    prop_oneof![
        Just(n("0.0.0.0/0")),
        Just(n("10.0.0.0/8")),
        Just(n("10.0.0.0/24")),
        Just(n("255.255.255.255/32")),
        Just(n("::/0")),
        Just(n("2001:db8::/32")),
        Just(n("::/127")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn carving(p in prefixes(), len in any::<u8>(), bits in any::<u8>(), num in any::<u128>(), host in any::<i128>(), limit in any::<u64>()) {
        let _ = split(&p, len).map(|s| s.total());
        match split_to_vec(&p, len, limit) {
            Ok(v) => prop_assert!(v.len() as u64 <= bounds::MAX_MATERIALIZE_LIMIT),
            Err(e) => prop_assert!(matches!(e.kind(), "invalid-argument" | "limit-exceeded")),
        }
        let _ = supernet(&p, len);
        let _ = cidrsubnet(&p, bits, num);
        let _ = cidrhost(&p, host);
        let _ = cidrsubnets(&p, &[bits, len]);
        let _ = free_aligned_blocks(&p, &[], len);
        let _ = allocate_one(&p, &[], len, cidrplan::Strategy::BestFit);
        let _ = AddressProfile::Aws.prefix_for_hosts(Family::V4, num);
        let _ = AddressProfile::Standard.prefix_for_hosts(Family::V6, num);
    }

    #[test]
    fn kubernetes(p in prefixes(), mask in any::<Option<u8>>(), pods in any::<u32>(), len in any::<u8>()) {
        let _ = k8s::range_allocator_nodes(&p, mask, k8s::MaskLimit::Controller);
        let _ = k8s::range_allocator_nodes(&p, mask, k8s::MaskLimit::Kubeadm);
        let _ = k8s::calico_pool(&p, mask, pods);
        let _ = k8s::cilium_cluster_pool_nodes(&p, mask);
        let _ = k8s::flannel_nodes(&p, len);
        let _ = k8s::host_local_pod_ips(len, Family::V4);
        let _ = k8s::host_local_pod_ips(len, Family::V6);
    }

    #[test]
    fn platforms(nodes in any::<u64>(), pods in any::<u32>(), surge in any::<u32>(), len in any::<u8>(), zones in any::<u32>(), max_enis in any::<i64>(), vcpus in any::<u32>()) {
        for mode in aks::Mode::ALL {
            for s in [aks::Surge::Nodes(surge), aks::Surge::Percent(surge)] {
                let _ = aks::required_node_subnet_ips(mode, nodes, pods, s);
                let _ = aks::min_node_subnet_prefix(mode, nodes, pods, s);
                let _ = aks::pod_address_need(mode, nodes, pods, s);
                let _ = aks::max_nodes(&n("10.0.0.0/16"), mode, pods, s);
            }
        }
        let _ = gke::primary_prefix_for(nodes);
        let _ = gke::pod_range_prefix(pods, true);
        let _ = gke::pod_range_prefix_for(nodes, pods);
        let _ = gke::max_nodes(&gke::NodeAndPodRanges { node_prefix: len, pod_prefix: len.wrapping_add(4), max_pods: pods });
        let _ = gke::services_for_range(len);
        let _ = gke::route_based_max_nodes(len);
        let opts = eks::MaxPodsOptions { max_enis: Some(max_enis), vcpus: Some(vcpus), reserved_enis: surge, ..Default::default() };
        let _ = eks::max_pods("m5.large", &opts);
        let warm = eks::WarmPool { warm_eni_target: Some(surge), warm_ip_target: Some(pods), minimum_ip_target: Some(surge), warm_prefix_target: Some(pods), max_pods: Some(vcpus) };
        let t = eks::instance_type("m5.large").unwrap();
        let _ = eks::node_subnet_ips(t, pods, true, &warm);
        let _ = eks::node_subnet_ips(t, pods, false, &warm);
        let req = plan::Requirement { nodes, zones, max_pods: Some(pods), ..plan::Requirement::new(nodes) };
        for p in plan::Platform::all("m5.large") {
            if let Ok(s) = plan::size(&p, &req) {
                prop_assert!(s.ranges.len() <= 3 + 3 * bounds::MAX_ZONES as usize);
            }
        }
    }
}

#[test]
fn zones_and_limits_are_bounded_before_any_allocation() {
    let req = plan::Requirement { zones: u32::MAX, ..plan::Requirement::new(10) };
    let e = plan::carve(&n("10.0.0.0/8"), &"eks/secondary-ip/m5.large".parse().unwrap(), &req).unwrap_err();
    assert_eq!(e.kind(), "invalid-argument");
    assert!(e.to_string().contains("zones="), "{e}");
    let e = split_to_vec(&n("::/0"), 63, 1 << 63).unwrap_err();
    assert!(e.to_string().contains("limit="), "{e}");
    // exact, not saturated
    let all = PrefixSet::from_prefixes([n("::/0"), n("0.0.0.0/0")]);
    assert_eq!(all.address_count_decimal(), "340282366920938463463374607436063178752");
}
