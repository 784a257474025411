//! Capacity properties: more space never gives fewer nodes; required prefixes are minimal;
//! carved plans never overlap.

#![allow(clippy::unwrap_used)]

use cidrplan::aks::{self, Mode, Surge};
use cidrplan::plan::{carve, size, EksMode, Platform, Requirement};
use cidrplan::{eks, gke, AddressProfile, Family};
use proptest::prelude::*;

fn mode() -> impl Strategy<Value = Mode> {
    prop::sample::select(Mode::ALL.to_vec())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn aks_more_space_never_fewer_nodes(m in mode(), len in 8u8..=28, pods in 10u32..=250, surge in 0u32..5) {
        let small: ipnet::IpNet = format!("10.0.0.0/{}", len + 1).parse().unwrap();
        let big: ipnet::IpNet = format!("10.0.0.0/{len}").parse().unwrap();
        let a = aks::max_nodes(&small, m, pods, Surge::Nodes(surge)).unwrap();
        let b = aks::max_nodes(&big, m, pods, Surge::Nodes(surge)).unwrap();
        prop_assert!(b.nodes >= a.nodes);
    }

    #[test]
    fn aks_min_prefix_is_minimal(m in mode(), nodes in 1u64..2000, pods in 10u32..=250, pct in 0u32..50) {
        let surge = Surge::Percent(pct);
        if let Ok(p) = aks::min_node_subnet_prefix(m, nodes, pods, surge) {
            let need = aks::required_node_subnet_ips(m, nodes, pods, surge).unwrap() as u128;
            let fits = |len: u8| AddressProfile::Azure.usable_hosts(&format!("10.0.0.0/{len}").parse().unwrap()).unwrap() >= need;
            prop_assert!(fits(p));
            if p < 29 {
                prop_assert!(!fits(p + 1), "one bit smaller still fits");
            }
            // and max_nodes agrees: the subnet holds at least the pool
            let cap = aks::max_nodes(&format!("10.0.0.0/{p}").parse().unwrap(), m, pods, surge).unwrap();
            prop_assert!(cap.address_nodes >= nodes);
        }
    }

    #[test]
    fn gke_primary_is_minimal(nodes in 1u64..5_000_000) {
        let p = gke::primary_prefix_for(nodes).unwrap();
        prop_assert!(gke::max_nodes_for_primary(p).unwrap() >= nodes);
        if p < 29 {
            prop_assert!(gke::max_nodes_for_primary(p + 1).unwrap() < nodes);
        }
    }

    #[test]
    fn gke_more_pod_space_never_fewer_nodes(r in 9u8..24, pods in 8u32..=256) {
        prop_assert!(gke::nodes_for_pod_range(r, pods).unwrap() >= gke::nodes_for_pod_range(r + 1, pods).unwrap());
    }

    #[test]
    fn eks_more_enis_never_fewer_pods(i in 0usize..1391, pd in any::<bool>(), cn in any::<bool>()) {
        let t = &eks::instance_types()[i];
        let opts = eks::MaxPodsOptions { prefix_delegation: pd, custom_networking: cn, ..Default::default() };
        let fewer = eks::MaxPodsOptions { max_enis: Some(i64::from(t.max_enis.saturating_sub(1).max(1))), ..opts };
        if let (Ok(a), Ok(b)) = (eks::max_pods_for(t, &opts), eks::max_pods_for(t, &fewer)) {
            prop_assert!(a.address_limit >= b.address_limit);
        }
    }

    #[test]
    fn eks_pd_subnet_prefix_is_minimal(nodes in 2u64..300) {
        let req = Requirement { nodes, ..Requirement::new(nodes) };
        let s = size(&Platform::Eks { instance_type: "m5.large".into(), mode: EksMode::PrefixDelegation }, &req).unwrap();
        let r = &s.ranges[0];
        let fits = |len: u8| AddressProfile::Aws.usable_hosts(&format!("10.0.0.0/{len}").parse().unwrap()).unwrap() >= r.addresses;
        prop_assert!(fits(r.prefix_len));
        let _ = Family::V4;
    }

    #[test]
    fn carved_plans_never_overlap(nodes in 1u64..400, which in 0usize..10, vpc_len in 8u8..=20) {
        let p = Platform::all("m5.large")[which].clone();
        let vpc: ipnet::IpNet = format!("10.0.0.0/{vpc_len}").parse().unwrap();
        if let Ok(plan) = carve(&vpc, &p, &Requirement::new(nodes)) {
            prop_assert!(plan.overlaps.is_empty());
            for r in plan.ranges.iter().filter(|r| r.in_vpc) {
                prop_assert!(vpc.contains(&r.prefix));
            }
            for r in plan.ranges.iter().filter(|r| !r.in_vpc) {
                prop_assert!(!vpc.contains(&r.prefix.network()) && !r.prefix.contains(&vpc.network()));
            }
            let named: Vec<cidrplan::NamedPrefix> = plan.ranges.iter().map(|r| cidrplan::NamedPrefix::new(r.name.clone(), r.prefix)).collect();
            prop_assert!(cidrplan::find_overlaps(&named).unwrap().is_empty());
        }
    }
}
