//! Hard limits and hostile inputs: every one returns a typed error or a bounded
//! result, never a panic, a hang or an out-of-memory.

#![allow(clippy::unwrap_used)]

use cidrplan::plan::{carve, compare, size, EksMode, Platform, Requirement};
use cidrplan::*;

fn n(s: &str) -> ipnet::IpNet {
    s.parse().unwrap()
}

#[test]
fn splitting_the_whole_ipv6_space_into_128s_is_refused_not_built() {
    let e = split_to_vec(&n("::/0"), 128, DEFAULT_MATERIALIZE_LIMIT).unwrap_err();
    assert_eq!(e.kind(), "limit-exceeded");
    assert!(e.to_string().contains("2^128"), "{e}");
    // lazily it is fine: take a few from the end
    let it = split(&n("::/0"), 128).unwrap();
    assert_eq!(it.total(), u128::MAX);
    let mut it = split(&n("::/0"), 1).unwrap();
    assert_eq!(it.next(), Some(n("::/1")));
    assert_eq!(it.next(), Some(n("8000::/1")));
    assert_eq!(it.next(), None);
}

#[test]
fn extremes_of_the_address_space() {
    assert_eq!(cidrhost(&n("::/0"), -1).unwrap().to_string(), "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
    assert_eq!(cidrhost(&n("0.0.0.0/0"), -1).unwrap().to_string(), "255.255.255.255");
    assert!(cidrhost(&n("::/0"), i128::MIN).is_ok());
    assert_eq!(
        cidrplan::subnet_at(&n("::/0"), 128, u128::MAX).unwrap().to_string(),
        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128"
    );
    // Terraform's cidrsubnets refuses more than 32 new bits, whatever the family; cidrsubnet
    // takes any that fit the address (Terraform's own test)
    assert_eq!(cidrsubnet(&n("::/0"), 128, u128::MAX).unwrap(), n("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128"));
    assert!(cidrsubnets(&n("::/0"), &[33]).is_err());
    assert!(cidrsubnets(&n("255.255.255.0/24"), &[1, 1, 1]).is_err());
    assert_eq!(cidrsubnets(&n("::/0"), &[1, 1]).unwrap(), vec![n("::/1"), n("8000::/1")]);
    assert!(cidrsubnets(&n("::/0"), &[1, 1, 1]).is_err());
    assert_eq!(usable_hosts(&n("::/0"), AddressProfile::Standard).unwrap(), u128::MAX);
    assert_eq!(free_aligned_blocks(&n("::/0"), &[], 0).unwrap(), 1);
    assert_eq!(free_aligned_blocks(&n("::/0"), &[], 128).unwrap(), u128::MAX);
    assert_eq!(exclude(&n("::/0"), &[n("::/0")]).unwrap(), vec![]);
    assert_eq!(collapse(&[n("::/0"), n("::1/128")]).unwrap(), vec![n("::/0")]);
    assert_eq!(spanning_cidr(&[n("::/128"), n("ffff::/16")]).unwrap(), n("::/0"));
    assert!(supernet(&n("::/0"), 0).is_ok());
    assert!(allocate_one(&n("::/0"), &[], 128, Strategy::FirstFit).is_ok());
    assert!(allocate_one(&n("0.0.0.0/0"), &[n("0.0.0.0/0")], 32, Strategy::BestFit).is_err());
    let r = vlsm(
        &n("::/0"),
        &[VlsmRequest { name: "all".into(), size: SubnetSize::PrefixLen(0) }],
        AddressProfile::Standard,
    )
    .unwrap();
    assert_eq!(r.subnets[0].prefix, n("::/0"));
    let r = inspect(&n("::/0"), AddressProfile::Standard).unwrap();
    assert_eq!(r.total_addresses, u128::MAX);
}

#[test]
fn overlap_pairs_are_bounded() {
    let same: Vec<NamedPrefix> = (0..3000).map(|i| NamedPrefix::new(i.to_string(), n("10.0.0.0/8"))).collect();
    // 4.5 million pairs fit the default cap; a tighter cap refuses
    assert_eq!(find_overlaps_limited(&same, 100_000).unwrap_err().kind(), "limit-exceeded");
}

#[test]
fn absurd_plans_fail_fast() {
    let huge = Requirement::new(u64::MAX);
    for p in Platform::all("m5.large") {
        let e = size(&p, &huge).unwrap_err();
        assert_eq!(e.kind(), "limit-exceeded", "{}", p.label());
    }
    let rows = compare(&Requirement::new(20_000), &Platform::all("m5.large"));
    assert!(rows.iter().all(|r| r.error.is_some() || r.sizing.is_some()));
    let zero = Requirement { zones: 0, ..Requirement::new(3) };
    assert!(size(&Platform::Gke { kind: Default::default() }, &zero).is_err());
    assert!(size(
        &Platform::Eks { instance_type: "nope.large".into(), mode: EksMode::SecondaryIp },
        &Requirement::new(3)
    )
    .is_err());
    assert!(carve(&n("10.0.0.0/28"), &Platform::all("m5.large")[0], &Requirement::new(3)).is_err());
    assert!(carve(&n("2001:db8::/32"), &Platform::all("m5.large")[0], &Requirement::new(3)).is_err());
}

#[test]
fn every_platform_carves_a_plan_in_a_16() {
    for p in Platform::all("m5.large") {
        let plan = carve(&n("10.0.0.0/16"), &p, &Requirement::new(50)).unwrap_or_else(|e| panic!("{}: {e}", p.label()));
        assert!(plan.overlaps.is_empty());
        assert!(plan.ranges.iter().any(|r| r.in_vpc));
    }
}

#[test]
fn capacity_inputs_out_of_range_are_config_errors() {
    use cidrplan::{aks, bounds, eks, gke, k8s};
    assert_eq!(
        aks::max_nodes(&n("10.0.0.0/24"), aks::Mode::Kubenet, 5, aks::Surge::Nodes(0)).unwrap_err().rule(),
        Some("aks.max-pods-range")
    );
    assert!(aks::max_nodes(&n("10.0.0.0/32"), aks::Mode::AzureCni, 30, aks::Surge::Percent(u32::MAX)).is_ok());
    assert!(aks::min_node_subnet_prefix(aks::Mode::AzureCni, u64::MAX, 250, aks::Surge::Nodes(u32::MAX)).is_err());
    // ipamd ignores a MAX_ENI of 0 or less
    for m in [0, -1, i64::MIN] {
        let r = eks::max_pods("m5.large", &eks::MaxPodsOptions { max_enis: Some(m), ..Default::default() }).unwrap();
        assert_eq!(r.address_limit, Some(29), "MAX_ENI={m}");
    }
    assert!(eks::max_pods("m5.large", &eks::MaxPodsOptions { reserved_enis: u32::MAX, ..Default::default() }).is_err());
    assert!(eks::node_subnet_ips(eks::instance_type("m5.large").unwrap(), u32::MAX, true, &Default::default()).is_err());
    let w = eks::WarmPool {
        warm_ip_target: Some(u32::MAX),
        minimum_ip_target: Some(u32::MAX),
        warm_eni_target: Some(u32::MAX),
        warm_prefix_target: Some(u32::MAX),
        max_pods: None,
    };
    assert!(eks::node_subnet_ips(eks::instance_type("m5.large").unwrap(), 10, false, &w).is_ok());
    assert!(eks::node_subnet_ips(eks::instance_type("m5.large").unwrap(), 10, true, &w).is_ok());
    assert!(gke::primary_prefix_for(u64::MAX).is_err());
    assert!(gke::pod_range_prefix(u32::MAX, true).is_err());
    assert!(k8s::range_allocator_nodes(&n("::/0"), Some(128), k8s::MaskLimit::Controller).is_err());
    // 2^128 blocks or nodes is past u128: an error, never a saturated count
    assert_eq!(k8s::calico_pool(&n("::/0"), Some(128), u32::MAX).unwrap_err().kind(), "limit-exceeded");
    assert_eq!(k8s::calico_pool(&n("::/1"), Some(128), u32::MAX).unwrap().blocks, 1u128 << 127);
    assert_eq!(k8s::cilium_cluster_pool_nodes(&n("::/0"), Some(128)).unwrap_err().kind(), "limit-exceeded");
    assert_eq!(k8s::cilium_cluster_pool_nodes(&n("::/1"), Some(128)).unwrap(), 1u128 << 127);
    assert_eq!(eks::instance_type(&"x".repeat(100_000)).unwrap_err().kind(), "unknown-instance-type");
    // sums and products of caller-supplied counts saturate instead of overflowing
    let pool = |nodes| aks::Pool {
        name: "p".into(),
        nodes,
        max_pods: Some(250),
        surge: aks::Surge::Percent(u32::MAX),
        os: aks::PoolOs::Linux,
    };
    let cluster = aks::Cluster {
        mode: aks::Mode::Kubenet,
        vnet: vec![n("10.0.0.0/8")],
        node_subnet: n("10.1.0.0/16"),
        pod_range: Some(n("192.168.0.0/16")),
        service_cidr: n("172.20.0.0/16"),
        dns_service_ip: "172.20.0.10".parse().unwrap(),
        pools: vec![pool(u64::MAX), pool(u64::MAX)],
        network_policy: aks::NetworkPolicy::AzureNpm,
        pod_cidr_v6: None,
        service_cidr_v6: None,
        internal_load_balancer_ips: u64::MAX,
    };
    assert!(aks::validate(&cluster).iter().any(|i| i.rule == "aks.nodes-per-cluster"));
    let shape = gke::ClusterShape {
        node_prefix: 8,
        pod_ranges: vec![gke::PodRangeUse { prefix_len: 9, max_pods: 8, node_pools: u32::MAX }; 3],
        zones: bounds::MAX_ZONES,
        regional: false,
        psc_without_private_endpoint_subnet: true,
    };
    assert_eq!(gke::cluster_max_nodes(&shape).unwrap().max_nodes, 15_000);
    // zones past what any cloud region has are refused, not multiplied
    let many = gke::ClusterShape { zones: u32::MAX, ..shape };
    assert!(gke::cluster_max_nodes(&many).unwrap_err().to_string().contains("zones=4294967295"));
}

#[test]
fn split_trees_are_bounded_exact_and_go_as_deep_as_ipv6() {
    // 17 levels of every split: 131,072 leaves, more than MAX_TREE_ROWS: refused
    let base = n("10.0.0.0/8");
    let mut splits = Vec::new();
    for len in 8..25u8 {
        splits.extend(split(&base, len).unwrap());
    }
    let e = split_tree(&base, &splits, AddressProfile::Standard).unwrap_err();
    assert_eq!(e.kind(), "limit-exceeded");
    assert!(e.to_string().contains("65536"), "{e}");
    // one chain of splits from ::/0 to a single address: 129 rows, depth 128
    let mut chain = Vec::new();
    let mut p = n("::/0");
    while p.prefix_len() < 128 {
        chain.push(p);
        p = split(&p, p.prefix_len() + 1).unwrap().next().unwrap();
    }
    let rows = split_tree(&n("::/0"), &chain, AddressProfile::Aws).unwrap();
    assert_eq!(rows.len(), 129);
    assert_eq!((rows[0].prefix, rows[0].depth, rows[0].first_half), (n("::/128"), 128, None));
    assert_eq!(rows[0].parent, Some(n("::/127")));
    assert_eq!(rows[128].prefix, n("8000::/1"));
    // the leaves cover the base exactly once, and splits outside it are ignored
    let rows = split_tree(
        &n("10.0.0.0/24"),
        &[n("10.0.0.0/24"), n("10.0.0.128/25"), n("192.168.0.0/16"), n("::/0")],
        AddressProfile::Azure,
    )
    .unwrap();
    let got: Vec<String> = rows.iter().map(|r| r.prefix.to_string()).collect();
    assert_eq!(got, ["10.0.0.0/25", "10.0.0.128/26", "10.0.0.192/26"]);
    assert_eq!(rows.iter().map(|r| r.share).sum::<f64>(), 1.0);
    assert_eq!(rows[1].info.usable, 59); // Azure keeps 5 of every subnet
}
