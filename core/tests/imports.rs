//! Importers over the fixtures in tests/golden/imports/ (written from the documented
//! output shapes of the AWS CLI, the Azure CLI, gcloud and `terraform show -json`):
//! the plans they give, the findings those plans give, and broken files.

#![allow(clippy::unwrap_used)]

use cidrplan::document::{import::Source, Plan};
use std::path::PathBuf;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/imports")
}

fn import(source: Source, sub: &str) -> Plan {
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir().join(sub))
        .unwrap()
        .map(|e| e.unwrap().path())
        // the folders' README.md say where each fixture comes from
        .filter(|p| p.extension().is_some_and(|x| x == "json" || x == "csv"))
        .map(|p| (std::fs::read_to_string(&p).unwrap(), format!("{sub}/{}", p.file_name().unwrap().to_string_lossy())))
        .collect();
    files.sort_by(|a, b| a.1.cmp(&b.1));
    let pairs: Vec<(&str, &str)> = files.iter().map(|(t, f)| (t.as_str(), f.as_str())).collect();
    Plan::import(source, &pairs).unwrap()
}

/// An import of the named fixtures (paths under tests/golden/imports), with its notes.
fn import_files(source: Source, paths: &[&str]) -> cidrplan::document::import::Imported {
    let files: Vec<(String, &str)> =
        paths.iter().map(|f| (std::fs::read_to_string(dir().join(f)).unwrap(), *f)).collect();
    let pairs: Vec<(&str, &str)> = files.iter().map(|(t, f)| (t.as_str(), *f)).collect();
    Plan::import_noting(source, &pairs).unwrap()
}

fn rules(p: &Plan) -> Vec<(String, Vec<String>)> {
    p.check()
        .findings
        .iter()
        .map(|f| (f.rule.to_string(), f.objects.iter().map(|o| o.name.clone()).collect()))
        .collect()
}

#[test]
fn aws_pages_associations_interfaces_and_connectivity() {
    let p = import(Source::Aws, "aws");
    let names: Vec<&str> = p.networks.iter().map(|n| n.name.as_str()).collect();
    // two pages of describe-vpcs; named by their Name tags, the ids kept in source
    assert_eq!(names, ["prod", "eks", "legacy"]);
    assert_eq!(p.networks[2].source.as_ref().unwrap().id, "vpc-0c3333333333333cc");
    let b = &p.networks[1];
    // the disassociated 100.65.0.0/16 is not in use
    assert_eq!(b.cidr.iter().map(|c| c.to_string()).collect::<Vec<_>>(), ["10.1.0.0/16", "100.64.0.0/16"]);
    assert_eq!(p.networks[0].cidr.len(), 2, "IPv4 and the IPv6 /56");
    assert_eq!(p.networks.iter().map(|n| n.subnets.len()).sum::<usize>(), 5, "two pages of describe-subnets");
    let a01 = &p.networks[0].subnets[0];
    assert_eq!(a01.source.as_ref().unwrap().id, "subnet-0a01");
    assert_eq!((a01.name.as_str(), a01.tags["Name"].as_str()), ("prod-private-a", "prod-private-a"));
    // the region from the zone, and the VPC in its subnets' region
    assert_eq!((a01.zone.as_deref(), a01.region.as_deref()), (Some("us-east-1a"), Some("us-east-1")));
    assert_eq!(p.networks[0].region.as_deref(), Some("us-east-1"));
    let used: Vec<String> = a01.used.iter().map(|u| u.cidr.to_string()).collect();
    assert_eq!(used, ["10.0.0.10/32", "10.0.0.11/32", "10.0.0.32/28", "2600:1f18:1234:5600::10/128"]);
    // an active peering and a transit gateway's VPC attachments; the rejected peering and the VPN attachment are not links
    let links: Vec<(String, Vec<String>)> =
        p.connectivity.iter().map(|l| (l.name.clone().unwrap(), l.networks.clone())).collect();
    assert_eq!(
        links,
        [
            ("pcx-0ab12345".to_string(), vec!["prod".to_string(), "eks".to_string()]),
            ("tgw-0123".to_string(), vec!["eks".to_string(), "legacy".to_string()]),
        ]
    );
    // the planted overlap (no link between a and c) and the fragmented subnet
    assert_eq!(
        rules(&p),
        [
            ("overlap.connected".to_string(), vec!["prod".to_string(), "legacy".to_string()]),
            ("usage.fragmented".to_string(), vec!["eks-nodes-a".to_string()]),
        ]
    );
    let r = p.check();
    let frag = r.subnets.iter().find(|s| s.subnet == "eks-nodes-a").unwrap();
    // 256 - 5 AWS-reserved - 14 in use = 237 free, none of them in a whole aligned /28
    assert_eq!((frag.used, frag.free, frag.free_aligned_28), (14, 237, 0));
    assert_eq!(frag.blockers.len(), 14);
    assert_eq!(frag.blockers[0].by, ["eni-0f00"]);
    let a = r.subnets.iter().find(|s| s.subnet == "prod-private-a").unwrap();
    // 4096 - 5 reserved - 2 addresses - a delegated /28 (16)
    assert_eq!((a.used, a.free), (18, 4073));
    // the printed plan reads back as the same plan
    let again = Plan::from_text(&p.to_yaml(), "aws.yaml").unwrap();
    assert_eq!(serde_json::to_value(&again).unwrap(), serde_json::to_value(&p).unwrap());
}

#[test]
fn azure_vnets_subnets_and_peerings() {
    let p = import(Source::Azure, "azure");
    assert_eq!(p.networks.len(), 3);
    let spoke = &p.networks[1];
    assert_eq!(spoke.subnets[1].name, "spoke-prod/dual");
    assert_eq!(spoke.subnets[1].cidr.len(), 2, "addressPrefixes, IPv4 and IPv6");
    assert_eq!(p.networks[0].subnets[1].cidr[0].to_string(), "10.100.0.64/26"); // addressPrefixes only
    assert_eq!(p.connectivity.len(), 1, "a peering listed on both VNets is one link");
    assert_eq!(rules(&p), [("overlap.connected".to_string(), vec!["hub-weu".to_string(), "lab".to_string()])]);
    let f = &p.check().findings[0];
    assert!(f.objects[1].id.as_deref().unwrap().ends_with("/virtualNetworks/lab"));
}

#[test]
fn gcp_subnets_and_clusters() {
    let p = import(Source::Gcp, "gcp");
    assert_eq!(p.networks.iter().map(|n| n.name.as_str()).collect::<Vec<_>>(), ["prod", "default"]);
    let gke = &p.networks[0].subnets[0];
    assert_eq!(gke.secondary_ranges.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["pods", "services"]);
    assert_eq!(p.networks[0].subnets[1].cidr.len(), 2, "dual-stack subnet");
    let c = &p.clusters[0];
    assert_eq!((c.nodes, c.max_pods, c.zones), (9, Some(110), Some(3)));
    assert_eq!(c.pod_range.as_ref().unwrap().cidr.unwrap().to_string(), "100.64.0.0/14");
    assert_eq!(c.node_subnets, ["gke-usc1"]);
    let r = p.check();
    assert!(r.is_clean(), "{:?}", r.findings);
    assert_eq!(r.clusters[0].cluster, "prod-usc1");
}

#[test]
fn terraform_state_and_plan_root_and_child_modules() {
    let p = import(Source::Terraform, "terraform");
    let names: Vec<&str> = p.networks.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(names, ["aws_vpc.next", "aws_vpc.main", "google_compute_network.vpc", "azurerm_virtual_network.spoke"]);
    let main = &p.networks[1];
    assert_eq!(main.cidr.iter().map(|c| c.to_string()).collect::<Vec<_>>(), ["10.0.0.0/16", "100.64.0.0/16"]);
    assert_eq!(
        main.subnets.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(),
        ["module.network.aws_subnet.private[0]", "module.network.aws_subnet.private[1]"]
    );
    // in a plan the subnet's vpc_id is unknown: it goes to the one network that holds it
    assert_eq!(p.networks[0].subnets[0].name, "aws_subnet.next_a");
    assert_eq!(p.clusters[0].name, "google_container_cluster.primary");
    assert_eq!(p.clusters[0].node_subnets, ["google_compute_subnetwork.gke"]);
    assert!(p.check().is_clean(), "{:?}", p.check().findings);
}

#[test]
fn a_terraform_state_file_imports_as_terraform_show_prints_it() {
    // terraform.tfstate (`terraform state pull`) holds the resources show-state.json shows
    let file = |f: &str| std::fs::read_to_string(dir().join("terraform").join(f)).unwrap();
    let (state, shown) = (file("terraform.tfstate"), file("show-state.json"));
    let from_state = Plan::import(Source::Terraform, &[(state.as_str(), "S")]).unwrap();
    let from_show = Plan::import(Source::Terraform, &[(shown.as_str(), "S")]).unwrap();
    assert_eq!(from_state.networks.len(), 3);
    assert_eq!(from_state.networks[0].subnets[1].name, "module.network.aws_subnet.private[1]");
    assert_eq!(from_state.to_yaml(), from_show.to_yaml());
    // a state of no network says so; a state of another version names the shapes read
    let none = r#"{"version": 4, "terraform_version": "1.9.5", "serial": 1, "lineage": "x", "outputs": {},
        "resources": [{"mode": "managed", "type": "null_resource", "name": "n", "instances": [{"attributes": {"id": "1"}}]}]}"#;
    let got = Plan::import_noting(Source::Terraform, &[(none, "n.tfstate")]).unwrap();
    assert!(got.plan.networks.is_empty());
    assert!(got.notes[0].contains("n.tfstate: none of its 1 resources is one cidrplan reads"), "{:?}", got.notes);
    // a block added to a VPC of another state is said, not dropped
    let added = r#"{"version": 4, "resources": [{"mode": "managed", "type": "aws_vpc_ipv4_cidr_block_association",
        "name": "pods", "instances": [{"attributes": {"id": "a", "vpc_id": "vpc-9", "cidr_block": "100.64.0.0/16"}}]}]}"#;
    let got = Plan::import_noting(Source::Terraform, &[(added, "a.tfstate")]).unwrap();
    assert!(
        got.notes.iter().any(|n| n.contains(
            "aws_vpc_ipv4_cidr_block_association.pods adds 100.64.0.0/16 to vpc-9, which this file does not hold"
        )),
        "{:?}",
        got.notes
    );
    // in a plan, a VPC unknown until apply is found through the configuration
    let planned = r#"{"format_version": "1.2", "planned_values": {"root_module": {"resources": [
        {"address": "aws_vpc.a", "mode": "managed", "type": "aws_vpc", "name": "a", "values": {"cidr_block": "10.0.0.0/16"}},
        {"address": "aws_vpc_ipv4_cidr_block_association.b", "mode": "managed", "type": "aws_vpc_ipv4_cidr_block_association", "name": "b", "values": {"cidr_block": "100.64.0.0/16"}}]}},
        "configuration": {"root_module": {"resources": [{"address": "aws_vpc_ipv4_cidr_block_association.b",
        "expressions": {"vpc_id": {"references": ["aws_vpc.a.id", "aws_vpc.a"]}}}]}}}"#;
    let got = Plan::import_noting(Source::Terraform, &[(planned, "p.json")]).unwrap();
    assert_eq!(got.plan.networks[0].cidr.len(), 2, "{:?} {:?}", got.plan.networks, got.notes);
    let v3 = r#"{"version": 3, "modules": [{"path": ["root"], "resources": {}}]}"#;
    let e = Plan::import(Source::Terraform, &[(v3, "old.tfstate")]).unwrap_err().to_string();
    assert!(e.contains("version 4 with resources"), "{e}");
}

#[test]
fn interfaces_outside_the_export_are_said_per_subnet_and_counted_past_twenty() {
    let enis: Vec<String> = (0..50)
        .map(|i| {
            format!(
                r#"{{"NetworkInterfaceId": "eni-{i}", "SubnetId": "subnet-{}", "PrivateIpAddresses": [{{"PrivateIpAddress": "10.0.{i}.5"}}]}}"#,
                i % 25
            )
        })
        .collect();
    let text = format!(r#"{{"NetworkInterfaces": [{}]}}"#, enis.join(","));
    let got = Plan::import_noting(Source::Aws, &[(text.as_str(), "enis.json")]).unwrap();
    assert_eq!(got.notes.len(), 21, "{:?}", got.notes);
    assert_eq!(
        got.notes[0],
        "enis.json: eni-0 and eni-25 are in subnet-0, which the export does not hold: their 2 addresses are left out (add the describe-subnets output that lists subnet-0)"
    );
    assert_eq!(
        got.notes[20],
        "enis.json: and 10 more interfaces in 5 more subnets the export does not hold: their 10 addresses are left out (add the describe-subnets output of their VPCs)"
    );
}

#[test]
fn an_export_of_more_values_than_an_import_holds_is_refused_before_it_is_parsed() {
    use cidrplan::document::import::MAX_IMPORT_VALUES;
    // 20 MB of `1,`: within the byte limit, but tens of GB's worth of parsed values at scale
    let many = format!("[{}1]", "1,".repeat(MAX_IMPORT_VALUES));
    let e = Plan::import(Source::Aws, &[(many.as_str(), "ones.json")]).unwrap_err().to_string();
    assert!(e.starts_with("ones.json: more than 10000000 values"), "{e}");
    // commas inside strings are no values
    let text = format!(
        r#"{{"Vpcs": [{{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16", "Tags": [{{"Key": "Name", "Value": "{}"}}]}}]}}"#,
        ",".repeat(MAX_IMPORT_VALUES)
    );
    assert_eq!(Plan::import(Source::Aws, &[(text.as_str(), "v.json")]).unwrap().networks.len(), 1);
}

#[test]
fn aks_node_pools_listed_on_their_own_join_their_cluster() {
    // `az aks nodepool list` after `az aks show`: the list's user pool (now up to 60) replaces
    // the profile's, its batch pool is added
    let got = import_files(
        Source::Azure,
        &[
            "clusters/aks/az-aks-show.json",
            "clusters/aks-nodepools/az-aks-nodepool-list.json",
            "clusters/aks/az-network-vnet-list.json",
        ],
    );
    let c = &got.plan.clusters[0];
    let pools: Vec<(&str, Option<u64>, Option<u64>)> =
        c.pools.iter().map(|p| (p.name.as_str(), p.nodes, p.peak_nodes)).collect();
    assert_eq!(pools, [("system", Some(3), None), ("user", Some(20), Some(60)), ("batch", Some(4), Some(10))]);
    assert!(got.notes.is_empty(), "{:?}", got.notes);
    assert!(got.plan.check().findings.iter().any(|f| f.rule == "cluster.capacity"));
    // a pool whose cluster the import does not hold is said, not dropped
    let alone = import_files(Source::Azure, &["clusters/aks-nodepools/az-aks-nodepool-list.json"]);
    assert!(alone.plan.clusters.is_empty());
    assert_eq!(alone.notes.len(), 3);
    assert!(alone.notes[0].contains("agentPools/system: its cluster is not in the import"), "{:?}", alone.notes);
}

#[test]
fn gke_node_pools_listed_on_their_own_join_their_cluster() {
    let got = import_files(
        Source::Gcp,
        &["gcp/container-clusters-list.json", "gcp/subnets-list.json", "gcp-node-pools/node-pools-list.json"],
    );
    let c = got.plan.clusters.iter().find(|c| c.name == "prod-usc1").unwrap();
    // counts per zone times the pool's three zones
    let pools: Vec<String> =
        c.pools.iter().map(|p| format!("{} {:?} {:?} {:?}", p.name, p.nodes, p.peak_nodes, p.max_pods)).collect();
    assert_eq!(pools, ["default-pool Some(9) Some(36) Some(110)", "batch Some(6) Some(15) Some(64)"]);
    // a cluster whose nodePools is no list still takes the pools listed on their own
    let odd = r#"[{"selfLink": "https://c/v1/projects/p/locations/l/clusters/c", "nodePools": 5, "clusterIpv4Cidr": "10.0.0.0/14"},
        {"selfLink": "https://c/v1/projects/p/zones/l/clusters/c/nodePools/x", "name": "x", "initialNodeCount": 2}]"#;
    let p = Plan::import(Source::Gcp, &[(odd, "odd.json")]).unwrap();
    assert_eq!(p.clusters[0].pools.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["x"]);
    let alone = import_files(Source::Gcp, &["gcp-node-pools/node-pools-list.json"]);
    assert!(alone.plan.clusters.is_empty());
    assert_eq!(alone.notes.len(), 2);
    assert!(alone.notes[1].contains("nodePools/batch: its cluster is not in the import"), "{:?}", alone.notes);
}

#[test]
fn exports_printed_as_yaml_import_as_their_json() {
    let read = |f: &str| std::fs::read_to_string(dir().join(f)).unwrap();
    // the first JSON value of a file (describe-vpcs.json holds two pages)
    let first = |f: &str| {
        let text = read(f);
        serde_json::Deserializer::from_str(&text).into_iter::<serde_json::Value>().next().unwrap().unwrap().to_string()
    };
    let gke =
        serde_json::from_str::<serde_json::Value>(&first("gcp/container-clusters-list.json")).unwrap()[0].to_string();
    for (source, yaml, json) in [
        (Source::Gcp, "gcloud-compute-networks-subnets-list.yaml", first("gcp/subnets-list.json")),
        (Source::Gcp, "gcloud-container-clusters-describe.yaml", gke),
        (Source::Aws, "aws-ec2-describe-vpcs.yaml", first("aws/describe-vpcs.json")),
        (Source::Azure, "az-network-vnet-list.yaml", first("azure/az-network-vnet-list.json")),
        (Source::Kubectl, "kubectl-get-nodes.yaml", first("clusters/kubectl/prod-aks.json")),
    ] {
        let from_yaml = Plan::import(source, &[(read(&format!("yaml-output/{yaml}")).as_str(), "export")]).unwrap();
        let from_json = Plan::import(source, &[(json.as_str(), "export")]).unwrap();
        assert!(!from_yaml.networks.is_empty() || !from_yaml.clusters.is_empty(), "{yaml}");
        assert_eq!(from_yaml.to_yaml(), from_json.to_yaml(), "{yaml}");
    }
    // broken YAML is reported as YAML, where it breaks; a plain word is no export
    let e = Plan::import(Source::Aws, &[("Vpcs:\n- VpcId: vpc-1\n  CidrBlock: [10.0.0.0/16\n", "v.yaml")]).unwrap_err();
    assert!(e.to_string().starts_with("v.yaml:4:1: not valid YAML"), "{e}");
    let e = Plan::import(Source::Aws, &[("VPCS\tvpc-1\t10.0.0.0/16\n", "t.txt")]).unwrap_err();
    assert!(e.to_string().starts_with("t.txt:1:1: not valid JSON"), "{e}");
}

#[test]
fn imports_check_together_and_overlaps_name_resource_ids() {
    let both = Plan::merge(vec![import(Source::Aws, "aws"), import(Source::Terraform, "terraform")]);
    let overlaps: Vec<Vec<String>> =
        rules(&both).into_iter().filter(|r| r.0 == "overlap.connected").map(|r| r.1).collect();
    assert!(overlaps.contains(&vec!["prod".to_string(), "aws_vpc.main".to_string()]), "{overlaps:?}");
    assert!(overlaps.contains(&vec!["eks".to_string(), "aws_vpc.main".to_string()]), "{overlaps:?}");
    // across clouds and Terraform: the Azure spoke the state also declares
    let azure_tf = Plan::merge(vec![import(Source::Azure, "azure"), import(Source::Terraform, "terraform")]);
    let found = azure_tf
        .check()
        .findings
        .into_iter()
        .find(|f| f.rule == "overlap.connected" && f.objects[1].name == "azurerm_virtual_network.spoke")
        .unwrap();
    assert_eq!(found.objects[0].name, "spoke-prod");
    assert!(found.objects[0].id.as_deref().unwrap().ends_with("/virtualNetworks/spoke-prod"));
    assert_eq!(
        found.objects[1].id.as_deref(),
        Some("/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/tf-spoke")
    );
}

#[test]
fn broken_exports_say_what_is_wrong() {
    let read = |f: &str| std::fs::read_to_string(dir().join("broken").join(f)).unwrap();
    let e = Plan::import(Source::Aws, &[(&read("truncated.json"), "truncated.json")]).unwrap_err().to_string();
    assert!(e.starts_with("truncated.json:5:16: the JSON ends too early"), "{e}");
    let e = Plan::import(Source::Aws, &[(&read("not-json.txt"), "not-json.txt")]).unwrap_err().to_string();
    assert!(e.starts_with("not-json.txt:1:1: not valid JSON"), "{e}");
    let e = Plan::import(Source::Aws, &[(&read("describe-instances.json"), "describe-instances.json")])
        .unwrap_err()
        .to_string();
    assert!(e.contains("found an object with Reservations") && e.contains("describe-vpcs (Vpcs)"), "{e}");
    let vpcs = std::fs::read_to_string(dir().join("aws/describe-vpcs.json")).unwrap();
    let e = Plan::import(Source::Gcp, &[(&vpcs, "describe-vpcs.json")]).unwrap_err().to_string();
    assert!(e.contains("gcloud compute networks subnets list"), "{e}");
    assert_eq!(
        Plan::import(Source::Azure, &[("", "empty.json")]).unwrap_err().to_string(),
        "empty.json: the file holds no JSON"
    );
}

#[test]
fn diff_planned_against_actual() {
    let planned = Plan::from_text(
        "version: 1\nnetworks:\n  - name: prod\n    cidr: 10.0.0.0/16\n    subnets:\n      - {name: prod-private-a, cidr: 10.0.0.0/20}\n      - {name: prod-private-c, cidr: 10.0.32.0/20}\n  - {name: eks, cidr: 10.1.0.0/16}\n  - {name: next, cidr: 10.9.0.0/16}\n",
        "planned.yaml",
    )
    .unwrap();
    let d = planned.diff(&import(Source::Aws, "aws"));
    let got: Vec<(&str, &str, &str)> = d.iter().map(|x| (x.change, x.kind, x.name.as_str())).collect();
    assert_eq!(
        got,
        [
            ("changed", "network", "prod"),          // the VPC also has an IPv6 /56
            ("changed", "subnet", "prod-private-a"), // (matched by its Name tag) and an IPv6 /64
            ("missing", "subnet", "prod-private-c"),
            ("changed", "network", "eks"), // and a secondary 100.64.0.0/16
            ("missing", "network", "next"),
            ("unplanned", "subnet", "prod-private-b"),
            ("unplanned", "subnet", "eks-nodes-a"),
            ("unplanned", "subnet", "subnet-0b02"), // no Name tag: its id
            ("unplanned", "network", "legacy"),
            ("unplanned", "subnet", "subnet-0c01"),
        ]
    );
}

#[test]
fn clusters_that_exist_become_pools() {
    // az aks show + the VNet: the pools on one /22, summed
    let p = import(Source::Azure, "clusters/aks");
    let c = &p.clusters[0];
    assert_eq!((c.name.as_str(), c.platform.label().as_str()), ("prod-aks", "aks/azure-cni"));
    assert_eq!(c.network.as_deref(), Some("aks-vnet"));
    let pools: Vec<(&str, Option<u64>, Option<u64>)> =
        c.pools.iter().map(|p| (p.name.as_str(), p.nodes, p.peak_nodes)).collect();
    assert_eq!(pools, [("system", Some(3), None), ("user", Some(20), Some(50))]);
    assert_eq!(c.pools[0].node_subnets.as_deref(), Some(&["aks-vnet/aks-nodes".to_string()][..]));
    let r = p.check();
    assert_eq!(r.clusters[0].ranges[0].needed, Some(1674));
    assert_eq!(
        rules(&p),
        [("cluster.capacity".to_string(), vec!["prod-aks".to_string(), "aks-vnet/aks-nodes".to_string()])]
    );
    // EKS: the node groups in the cluster's subnets, the update surge EKS documents
    let p = import(Source::Aws, "clusters/eks");
    let c = &p.clusters[0];
    assert_eq!(c.network.as_deref(), Some("eks-vpc")); // its Name tag, from the VPC's id
    let groups: Vec<(&str, Option<&str>, Option<u64>)> =
        c.pools.iter().map(|p| (p.name.as_str(), p.instance_type.as_deref(), p.peak_nodes)).collect();
    // in the order of the files (describe-nodegroup-compute.json sorts first)
    assert_eq!(groups, [("compute", Some("c6i.4xlarge"), Some(6)), ("general", Some("m5.large"), Some(12))]);
    assert_eq!(c.pools[0].surge, Some(cidrplan::cluster::Surge::Nodes(6)));
    let r = p.check();
    assert!(r.clusters[0].ranges[..3].iter().all(|g| g.needed == Some(600) && g.short == Some(93)));
    // Terraform: AKS, EKS (a Windows group) and a GKE pool on its own Pod range
    let p = import(Source::Terraform, "clusters/terraform");
    let names: Vec<&str> = p.clusters.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["google_container_cluster.main", "azurerm_kubernetes_cluster.main", "tf-eks"]);
    assert_eq!(p.clusters[2].pools[1].os, Some(cidrplan::pool::Os::Windows));
    let r = p.check();
    let rules: Vec<&str> = r.findings.iter().map(|f| f.rule).collect();
    assert_eq!(rules, ["cluster.capacity"]);
    assert_eq!(r.findings[0].objects[1].name, "google_container_cluster.main/pods-wide");
    assert_eq!(r.clusters[1].ranges[0].needed, Some(1674));
}

#[test]
fn gcloud_node_pools_are_per_zone() {
    let p = import(Source::Gcp, "gcp");
    let pool = &p.clusters[0].pools[0];
    // initialNodeCount 3 and maxNodeCount 10 per zone, in the region's 3 zones
    assert_eq!(
        (pool.name.as_str(), pool.nodes, pool.peak_nodes, pool.zones),
        ("default-pool", Some(9), Some(30), Some(3))
    );
}

#[test]
fn kubectl_nodes_join_the_planned_cluster() {
    let p = import(Source::Kubectl, "clusters/kubectl");
    let c = p.clusters.iter().find(|c| c.name == "prod-aks").unwrap();
    let pools: Vec<(&str, Option<u64>, Option<u32>)> =
        c.pools.iter().map(|p| (p.name.as_str(), p.nodes, p.max_pods)).collect();
    assert_eq!(pools, [("system", Some(3), Some(110)), ("user", Some(5), Some(110))]);
    assert_eq!(c.observed.as_ref().unwrap().pod_cidrs.len(), 8);
    // with the plan: the observation joins the planned cluster, 8 of the /16's 256 node /24s used
    let text = std::fs::read_to_string(dir().join("clusters/kubectl-plan.yaml")).unwrap();
    let planned = Plan::from_text(&text, "plan.yaml").unwrap();
    let both = Plan::merge(vec![planned, p]);
    assert_eq!(both.clusters.len(), 1);
    let r = both.check();
    assert!(r.is_clean(), "{:?}", r.findings);
    let o = r.clusters[0].observed.as_ref().unwrap();
    assert_eq!((o.nodes, o.ranges[0].handed_out, o.ranges[0].left.as_str()), (8, 8, "248"));
    // a plan whose Pod range the nodes do not use is wrong about what exists
    let wrong = Plan::from_text(&text.replace("10.244.0.0/16", "10.245.0.0/16"), "plan.yaml").unwrap();
    let both = Plan::merge(vec![wrong, import(Source::Kubectl, "clusters/kubectl")]);
    let rules: Vec<&str> = both.check().findings.iter().map(|f| f.rule).collect();
    assert_eq!(rules, ["cluster.observed-outside"]);
}

#[test]
fn aws_names_from_tags_stay_unique() {
    // the same Name tag on subnets of two VPCs, a tag that is another VPC's id, no tag
    let subnets = r#"{"Subnets": [
        {"SubnetId": "subnet-1", "VpcId": "vpc-1", "CidrBlock": "10.0.0.0/24", "AvailabilityZone": "eu-west-1a", "Tags": [{"Key": "Name", "Value": "private-a"}]},
        {"SubnetId": "subnet-2", "VpcId": "vpc-2", "CidrBlock": "10.1.0.0/24", "AvailabilityZone": "eu-west-1b", "Tags": [{"Key": "Name", "Value": " private-a "}]},
        {"SubnetId": "subnet-3", "VpcId": "vpc-2", "CidrBlock": "10.1.1.0/24", "AvailabilityZone": "us-west-2-lax-1a", "Tags": [{"Key": "Name", "Value": ""}]}
    ]}"#;
    let vpcs = r#"{"Vpcs": [
        {"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16", "Tags": [{"Key": "Name", "Value": "vpc-2"}]},
        {"VpcId": "vpc-2", "CidrBlock": "10.1.0.0/16"}
    ]}"#;
    let p = Plan::import(Source::Aws, &[(vpcs, "vpcs.json"), (subnets, "subnets.json")]).unwrap();
    let names: Vec<(&str, Option<&str>)> = p
        .networks
        .iter()
        .flat_map(|n| std::iter::once(n).chain(&n.subnets))
        .map(|n| (n.name.as_str(), n.region.as_deref()))
        .collect();
    assert_eq!(
        names,
        [
            ("vpc-1", Some("eu-west-1")), // its tag is vpc-2's id: both keep their ids
            ("private-a (subnet-1)", Some("eu-west-1")),
            ("vpc-2", None), // subnets in two regions: the VPC's is not guessed
            ("private-a (subnet-2)", Some("eu-west-1")),
            ("subnet-3", Some("us-west-2")),
        ]
    );
    assert!(p.check().is_clean(), "{:?}", p.check().findings);
}

#[test]
fn netbox_demo_data_nests_by_vrf_and_checks_clean() {
    // NetBox's own demo data (netbox-demo-data v3.6), as its REST API returns it
    let p = import(Source::Netbox, "netbox/demo");
    assert_eq!(p.vrfs.len(), 6);
    assert!(p.vrfs.iter().filter(|v| v.name != "Shared").all(|v| !v.enforce_unique), "Alpha..Echo do not enforce");
    assert_eq!(
        p.spaces.iter().map(|s| s.cidr.to_string()).collect::<Vec<_>>(),
        ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"]
    );
    fn count(list: &[cidrplan::document::Network]) -> usize {
        list.iter().map(|n| 1 + count(&n.subnets)).sum()
    }
    assert_eq!(count(&p.networks) + p.reservations.len(), 90, "every prefix, once");
    // nesting as NetBox computes depth: 10.112.128.0/28 under /22 under /17 under /15
    let top = p.networks.iter().find(|n| n.cidr[0].to_string() == "10.112.0.0/15").unwrap();
    let branch = top.subnets.iter().find(|n| n.name == "DM branch offices").unwrap();
    assert_eq!(branch.subnets[0].cidr[0].to_string(), "10.112.128.0/22");
    assert_eq!(branch.subnets[0].zone.as_deref(), Some("DM-Akron"));
    assert_eq!(branch.subnets[0].subnets[0].role.as_deref(), Some("Management"));
    // each VRF's 172.x/16 container is its own top-level network in its VRF
    let alpha = p.networks.iter().find(|n| n.vrf.as_deref() == Some("Alpha")).unwrap();
    assert_eq!((alpha.cidr[0].to_string(), alpha.subnets.len()), ("172.16.0.0/16".into(), 3));
    assert_eq!(alpha.space, None, "aggregates are the global table's");
    // addresses and the IP range are in use in the deepest prefix of their VRF
    let lan = p.networks.iter().find(|n| n.cidr[0].to_string() == "192.168.0.0/22" && n.vrf.is_none()).unwrap();
    assert!(lan.used.iter().any(|u| u.by == "ip-range 1"), "{:?}", lan.used.first());
    assert!(alpha.subnets[0].used.len() > 1);
    assert_eq!(alpha.source.as_ref().unwrap().id, "https://demo.netbox.dev/api/ipam/prefixes/75/");
    let r = p.check();
    assert!(r.findings.is_empty(), "{:?}", r.findings);
    assert!(r.subnets.iter().any(|s| s.subnet == lan.name));
}

#[test]
fn netbox_planted_overlaps_inside_a_vrf_and_none_across() {
    let p = import(Source::Netbox, "netbox/planted");
    assert_eq!(
        rules(&p),
        [
            ("overlap.subnets".to_string(), vec!["ams web".to_string(), "ams web copy".to_string()]),
            ("overlap.subnets".to_string(), vec!["prod app".to_string(), "prod app again".to_string()]),
            ("network.deprecated".to_string(), vec!["old dmz".to_string()]),
            ("overlap.duplicate-allowed".to_string(), vec!["lab one".to_string(), "lab two".to_string()]),
        ]
    );
    // scope: a region is the region, a site the zone; the reserved top-level prefix is held back
    let g = &p.networks[0];
    assert_eq!((g.region.as_deref(), g.subnets[0].zone.as_deref()), (Some("Europe"), Some("AMS1")));
    assert_eq!(g.space.as_deref(), Some("private"));
    assert_eq!(p.reservations[0].cidr.unwrap().to_string(), "10.99.0.0/16");
    // 10.0.1.100-150: a DHCP range as the prefixes that cover it, and one address
    let used: Vec<String> = g.subnets[0].used.iter().map(|u| u.cidr.to_string()).collect();
    assert_eq!(used[0], "10.0.1.10/32");
    assert_eq!(used.len(), 8);
    let report = p.check();
    let web = report.subnets.iter().find(|s| s.subnet == "ams web").unwrap();
    assert_eq!(web.used, 52); // 51 in the range, one address
}

#[test]
fn netbox_csv_export_reimports_as_the_same_plan() {
    use cidrplan::document::ExportFormat;
    let p = import(Source::Netbox, "netbox/planted");
    let files = [
        (p.export(ExportFormat::NetboxCsv).unwrap(), "prefixes.csv"),
        (p.export(ExportFormat::NetboxVrfsCsv).unwrap(), "vrfs.csv"),
        (p.export(ExportFormat::NetboxAggregatesCsv).unwrap(), "aggregates.csv"),
    ];
    let pairs: Vec<(&str, &str)> = files.iter().map(|(t, f)| (t.as_str(), *f)).collect();
    let again = Plan::import(Source::Netbox, &pairs).unwrap();
    // what a CSV cannot carry: where each object came from, the addresses in use, and a
    // scope's name (NetBox's import columns name a scope by type and id, kept in the tag)
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                for k in ["source", "used", "zone", "region"] {
                    m.remove(k);
                }
                m.values_mut().for_each(strip);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let (mut a, mut b) = (serde_json::to_value(&p).unwrap(), serde_json::to_value(&again).unwrap());
    strip(&mut a);
    strip(&mut b);
    assert_eq!(a, b);
    // the JSON is the bodies of POST /api/ipam/prefixes/, related objects by name
    let bodies: serde_json::Value = serde_json::from_str(&p.export(ExportFormat::NetboxJson).unwrap()).unwrap();
    let prod = bodies.as_array().unwrap().iter().find(|b| b["description"] == "prod app").unwrap();
    assert_eq!(prod["vrf"], serde_json::json!({"name": "prod"}));
    assert_eq!(prod["status"], "active");
    let ams = bodies.as_array().unwrap().iter().find(|b| b["description"] == "ams web").unwrap();
    assert_eq!((ams["scope_type"].as_str(), ams["scope_id"].as_u64()), (Some("dcim.site"), Some(3)));
}

#[test]
fn netbox_table_export_and_wrong_shapes() {
    let p = import(Source::Netbox, "netbox/table-export");
    let branches = &p.networks[0];
    assert_eq!((branches.name.as_str(), branches.subnets.len()), ("Branches, EU", 2));
    assert_eq!(branches.subnets[0].tags.get("wifi").map(String::as_str), Some(""));
    assert_eq!(p.networks[1].vrf.as_deref(), Some("blue"), "Global is the global table; blue a VRF");
    assert!(p.check().findings.is_empty());
    for (text, want) in [
        (r#"{"Vpcs": []}"#, "not an export cidrplan reads (found an object with Vpcs)"),
        ("name,cidr\na,10.0.0.0/8\n", "not an export cidrplan reads (a table with name, cidr)"),
        (r#"{"count": 1, "results": [{"id": 1, "name": "x"}]}"#, "not an export cidrplan reads"),
        (r#"[{"prefix": "10.0.0.0/33"}]"#, "results[0]"),
        ("prefix,status\n10.0.0.0/8,lost\n", "line 2: status \"lost\" is not one of NetBox's prefix statuses"),
        ("", "the file is empty (no JSON, no CSV header)"),
        (
            r#"[{"start_address": "10.0.0.9/24", "end_address": "10.0.0.1/24"}]"#,
            "results[0]: address range 10.0.0.9-10.0.0.1 is reversed",
        ),
    ] {
        let e = Plan::import(Source::Netbox, &[(text, "f")]).unwrap_err().to_string();
        assert!(e.contains(want), "{e}");
        assert!(e.contains("NetBox") || e.contains("/33") || e.contains("reversed"), "{e}");
    }
}

#[test]
fn diff_against_netbox_matches_by_prefix_and_vrf() {
    let netbox = import(Source::Netbox, "netbox/planted");
    let planned = Plan::from_text(
        "version: 1\nvrfs: [{name: prod}, {name: lab, enforce_unique: false}]\nnetworks:\n  - {name: app, vrf: prod, cidr: 10.0.5.0/24}\n  - {name: new, vrf: prod, cidr: 10.0.6.0/24}\n  - {name: lab app, vrf: lab, cidr: 10.0.5.0/24}\n  - {name: web, cidr: 10.0.1.0/24}\n",
        "planned.yaml",
    )
    .unwrap();
    let d = planned.diff(&netbox);
    let mine: Vec<(&str, &str)> =
        d.iter().filter(|x| x.change != "unplanned").map(|x| (x.change, x.name.as_str())).collect();
    // `app` is NetBox's prod 10.0.5.0/24 (nested there under a container); lab has no 10.0.5.0/24
    assert_eq!(mine, [("missing", "new"), ("missing", "lab app")]);
    let unplanned: Vec<&str> = d.iter().filter(|x| x.change == "unplanned").map(|x| x.name.as_str()).collect();
    assert!(unplanned.contains(&"prod app again") && unplanned.contains(&"lab one"), "{unplanned:?}");
    assert!(!unplanned.contains(&"prod app") && !unplanned.contains(&"ams web"), "{unplanned:?}");
}

#[test]
fn exports_as_users_save_them() {
    // ARM's own shape (az rest): Azure's REST API spec example, properties nested; its VNets overlap
    let p = import(Source::Azure, "azure-arm");
    let names: Vec<&str> = p.networks.iter().map(|n| n.name.as_str()).collect();
    // a VNet, a list body (another vnet1, in rg1: named by its group), vnet create, a subnet list
    assert_eq!(names, ["vnet1", "rg1/vnet1", "vnet2", "created", "spoke"]);
    assert_eq!(p.networks[1].subnets[0].cidr[0].to_string(), "10.0.0.0/24", "addressPrefix under properties");
    let spoke = &p.networks[4];
    assert_eq!(spoke.subnets.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["spoke/app", "spoke/db"]);
    // the peering to a VNet not in the export: its remote address space, kept, and the link
    let remote = p.external.iter().find(|e| e.name == "vnet2 (remote)").unwrap();
    assert_eq!(remote.cidr[0].to_string(), "12.0.0.0/8");
    assert_eq!(p.connectivity[0].networks, ["vnet1", "vnet2 (remote)"]);
    assert!(
        rules(&p).contains(&("overlap.connected".to_string(), vec!["rg1/vnet1".to_string(), "vnet2".to_string()])),
        "{:?}",
        rules(&p)
    );
    // AWS: a bare list (--query 'Vpcs'), ASSOCIATED in upper case, a peering to another account
    let p = import(Source::Aws, "aws-shapes");
    assert_eq!(p.networks[0].cidr.len(), 2, "the IPv6 block whose state is ASSOCIATED");
    let other = &p.external[0];
    assert_eq!((other.name.as_str(), other.owner.as_deref()), ("vpc-1a2b3c4d", Some("AWS account 111122223333")));
    assert_eq!(p.connectivity.len(), 1, "the pending peering is not a link");
    // Terraform plan: networks unknown until apply, found through the configuration's references
    let p = import(Source::Terraform, "terraform-plan");
    let shape: Vec<(&str, Vec<&str>)> =
        p.networks.iter().map(|n| (n.name.as_str(), n.subnets.iter().map(|s| s.name.as_str()).collect())).collect();
    assert_eq!(
        shape,
        [
            ("google_compute_network.vpc", vec!["google_compute_subnetwork.app", "google_compute_subnetwork.db"]),
            ("google_compute_network.lab", vec!["google_compute_subnetwork.lab[0]"]),
            ("module.legacy.azurerm_virtual_network.old", vec!["module.legacy.azurerm_subnet.web"]),
        ]
    );
    assert_eq!(p.networks[2].subnets[0].cidr[0].to_string(), "10.30.1.0/24", "azurerm 2.x address_prefix");
    assert!(p.check().is_clean(), "{:?}", p.check().findings);
    // GKE private cluster: the control plane /28 is a gcp-gke-control-plane subnet of its network
    let p = import_files(Source::Gcp, &["gcp/subnets-list.json", "gcp-private/clusters-describe-private.json"]).plan;
    let cp = p.networks[0].subnets.iter().find(|s| s.name == "private-usc1-control-plane").unwrap();
    assert_eq!(
        (cp.cidr[0].to_string(), cp.service.as_deref()),
        ("172.16.0.32/28".into(), Some("gcp-gke-control-plane"))
    );
    assert!(p.check().is_clean(), "{:?}", p.check().findings);
}

#[test]
fn what_an_import_leaves_out_is_said() {
    let subnets = r#"{"Subnets": [
        {"SubnetId": "subnet-1", "VpcId": "vpc-1", "CidrBlock": "10.0.0.0/24", "AvailabilityZone": "eu-west-1a"}
    ]}"#;
    let again = r#"{"Subnets": [
        {"SubnetId": "subnet-1", "VpcId": "vpc-1", "CidrBlock": "10.0.9.0/24", "AvailabilityZone": "eu-west-1a"}
    ]}"#;
    let enis = r#"{"NetworkInterfaces": [
        {"NetworkInterfaceId": "eni-1", "SubnetId": "subnet-1", "PrivateIpAddresses": [{"PrivateIpAddress": "10.0.0.5"}]},
        {"NetworkInterfaceId": "eni-2", "SubnetId": "subnet-404", "PrivateIpAddresses": [{"PrivateIpAddress": "10.9.0.5"}, {"PrivateIpAddress": "10.9.0.6"}]}
    ]}"#;
    let got = Plan::import_noting(Source::Aws, &[(subnets, "a.json"), (again, "b.json"), (enis, "enis.json")]).unwrap();
    assert_eq!(got.notes.len(), 2, "{:?}", got.notes);
    assert!(got.notes[0].contains("b.json: Subnets[0]: subnet-1 appears again with other values (10.0.9.0/24 in eu-west-1a); the first copy (a.json) is kept"), "{}", got.notes[0]);
    assert!(
        got.notes[1].contains(
            "enis.json: eni-2 is in subnet-404, which the export does not hold: its 2 addresses are left out"
        ),
        "{}",
        got.notes[1]
    );
    // NetBox: an address in no prefix of its VRF
    let nb = r#"[{"prefix": "10.0.0.0/24"}, {"id": 7, "address": "192.168.9.9/24"}]"#;
    let got = Plan::import_noting(Source::Netbox, &[(nb, "nb.json")]).unwrap();
    assert_eq!(got.notes, ["1 IP address or range in no prefix of their VRF (the export holds no prefix for them), left out: ip-address 7"]);
}

#[test]
fn gcloud_network_peerings_are_links() {
    let got = import_files(Source::Gcp, &["gcp/subnets-list.json", "gcp-peerings/networks-list.json"]);
    let links: Vec<(Option<&str>, &[String])> =
        got.plan.connectivity.iter().map(|l| (l.name.as_deref(), l.networks.as_slice())).collect();
    assert_eq!(links, [(Some("prod-to-default"), &["prod".to_string(), "default".to_string()][..])]);
    assert_eq!(got.notes.len(), 1, "{:?}", got.notes);
    assert!(
        got.notes[0].contains("peering prod-to-partner of prod: network shared has no subnets in the export"),
        "{}",
        got.notes[0]
    );
}

#[test]
fn route_tables_decide_connectivity() {
    let p = aws_with(&[]).plan;
    // without the route tables prod and legacy overlap as connected (an error); with them,
    // no route joins them: isolated, and the finding says which evidence decided it
    assert_eq!(p.isolated.len(), 1);
    assert_eq!(p.isolated[0].networks, ["prod", "legacy"]);
    let r = p.check();
    let f = r.findings.iter().find(|f| f.rule == "overlap.isolated").unwrap();
    assert!(
        f.message.contains("allowed because they are isolated: describe-route-tables: no route between vpc-0a1111111111111aa (rtb-0aaa) and vpc-0c3333333333333cc (rtb-0ccc)"),
        "{}",
        f.message
    );
    assert!(!r.findings.iter().any(|f| f.rule == "overlap.connected"), "{:?}", r.findings);
    // the peering and the transit gateway both carry routes: still links
    let links: Vec<&str> = p.connectivity.iter().filter_map(|l| l.name.as_deref()).collect();
    assert_eq!(links, ["pcx-0ab12345", "tgw-0123"]);
}

/// The export of ../aws with the route tables of ../aws-routes and the files of `dirs`.
fn aws_with(dirs: &[&str]) -> cidrplan::document::import::Imported {
    let mut files: Vec<(String, String)> = Vec::new();
    for d in ["aws", "aws-routes"].iter().chain(dirs) {
        let mut here: Vec<(String, String)> = std::fs::read_dir(dir().join(d))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .map(|p| {
                (std::fs::read_to_string(&p).unwrap(), format!("{d}/{}", p.file_name().unwrap().to_string_lossy()))
            })
            .collect();
        here.sort_by(|a, b| a.1.cmp(&b.1));
        files.extend(here);
    }
    let pairs: Vec<(&str, &str)> = files.iter().map(|(t, f)| (t.as_str(), f.as_str())).collect();
    Plan::import_noting(Source::Aws, &pairs).unwrap()
}

#[test]
fn vpns_bring_the_ranges_behind_them() {
    let got = aws_with(&["aws-vpn"]);
    let p = &got.plan;
    let ext: Vec<(&str, String, Option<&str>)> = p
        .external
        .iter()
        .map(|e| {
            let cidrs = e.cidr.iter().map(ToString::to_string).collect::<Vec<_>>().join(" ");
            (e.name.as_str(), cidrs, e.kind.as_deref())
        })
        .collect();
    assert_eq!(
        ext,
        [
            // a static route and a propagated one; the deleted route and the summary
            // 10.0.0.0/8 over prod's own range are not behind it
            ("office-london", "172.20.0.0/16 10.1.200.0/24 172.21.0.0/16".to_string(), Some("on-prem")),
            // learned by BGP: the transit gateway's routes name it (a blackhole route does not)
            ("vpn-0abc", "172.16.0.0/16".to_string(), Some("on-prem")),
            // a static route and the customer side it was given
            ("dc-frankfurt", "10.1.128.0/20 192.168.0.0/16".to_string(), Some("on-prem")),
        ]
    );
    let links: Vec<(&str, &[String])> =
        p.connectivity.iter().map(|l| (l.name.as_deref().unwrap(), l.networks.as_slice())).collect();
    assert_eq!(
        links,
        [
            ("pcx-0ab12345", &["prod".to_string(), "eks".into()][..]),
            ("vgw-0aaa", &["prod".to_string(), "office-london".into()][..]),
            ("tgw-0123", &["eks".to_string(), "legacy".into(), "vpn-0abc".into(), "dc-frankfurt".into()][..]),
        ]
    );
    // the planted overlap: dc-frankfurt's 10.1.128.0/20 is inside eks, on the same transit gateway
    let r = p.check();
    let overlaps: Vec<&str> =
        r.findings.iter().filter(|f| f.rule == "connectivity.overlap").map(|f| f.message.as_str()).collect();
    assert_eq!(overlaps.len(), 1, "{overlaps:?}");
    assert!(overlaps[0].starts_with("eks (10.1.0.0/16) and dc-frankfurt (10.1.128.0/20) overlap and a transit link"));
    // eks holds office-london's 10.1.200.0/24, but its route tables send nothing to vgw-0aaa
    // (prod's peering does not carry it on): isolated, the evidence said
    let info: Vec<&str> =
        r.findings.iter().filter(|f| f.rule == "overlap.isolated").map(|f| f.message.as_str()).collect();
    assert!(
        info.contains(&"eks (10.1.0.0/16) and office-london (10.1.200.0/24) overlap; allowed because they are isolated: describe-route-tables: no route from vpc-0b2222222222222bb (rtb-0bbb) to vpn-0123 behind vgw-0aaa"),
        "{info:?}"
    );
    assert!(!r.findings.iter().any(|f| f.rule == "overlap.connected"), "{:?}", r.findings);
    // what was left out is said
    assert_eq!(got.notes.len(), 2, "{:?}", got.notes);
    assert!(got.notes.iter().any(|n| n.contains(
        "10.50.0.0/16 is routed to direct-connect-gateway 11460968-4ac1-4fd3-bdb2-00599EXAMPLE, which no attachment"
    )));
    assert!(got
        .notes
        .iter()
        .any(|n| n.contains("vpn-0123 on vgw-0aaa: 10.0.0.0/8 is a summary over vpc-0a1111111111111aa's 10.0.0.0/16")));

    // without the VPN connections and routes, the VPN on the transit gateway is a note
    let bare = aws_with(&[]);
    assert!(bare.plan.external.is_empty());
    assert!(
        bare.notes
            .iter()
            .any(|n| n.contains("tgw-attach-03: vpn vpn-0abc on tgw-0123: the ranges behind it are not in the export")),
        "{:?}",
        bare.notes
    );
}

#[test]
fn vpn_edge_cases() {
    let vpc = r#"{"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}]}"#;
    let import = |more: &str| Plan::import_noting(Source::Aws, &[(vpc, "vpcs.json"), (more, "more.json")]).unwrap();
    // the AWS CLI reference prints one connection as an object; attached by the gateway's
    // VpcAttachments when no route table is in the export
    let got = import(
        r#"{"VpnConnections": {"VpnConnectionId": "vpn-1", "State": "available", "VpnGatewayId": "vgw-1",
            "CustomerGatewayId": "cgw-1", "Routes": [], "Options": {"StaticRoutesOnly": false, "LocalIpv4NetworkCidr": "192.168.10.0/24"}},
           "VpnGateways": [{"VpnGatewayId": "vgw-1", "State": "available", "VpcAttachments": [{"State": "attached", "VpcId": "vpc-1"}]}]}"#,
    );
    assert_eq!(got.plan.external[0].cidr[0].to_string(), "192.168.10.0/24");
    assert_eq!(got.plan.connectivity[0].networks, ["vpc-1", "vpn-1"]);
    assert_eq!(got.plan.connectivity[0].kind, cidrplan::document::LinkKind::Vpn);
    // a BGP VPN whose routes are nowhere in the export: a note, nothing made up
    let got = import(
        r#"{"VpnConnections": [{"VpnConnectionId": "vpn-2", "VpnGatewayId": "vgw-2", "Routes": [], "Options": {"LocalIpv4NetworkCidr": "0.0.0.0/0"}}],
           "VpnGateways": [{"VpnGatewayId": "vgw-2", "VpcAttachments": [{"State": "attached", "VpcId": "vpc-1"}]}]}"#,
    );
    assert!(got.plan.external.is_empty() && got.plan.connectivity.is_empty());
    assert!(got.notes[0].contains("vpn-2 on vgw-2: the ranges behind it are not in the export"), "{:?}", got.notes);
    // states in any case: a DELETED connection and a DETACHED gateway count for nothing
    let got = import(
        r#"{"VpnConnections": [{"VpnConnectionId": "vpn-3", "State": "DELETED", "VpnGatewayId": "vgw-3", "Routes": [{"DestinationCidrBlock": "192.168.3.0/24"}]}],
           "VpnGateways": [{"VpnGatewayId": "vgw-3", "VpcAttachments": [{"State": "DETACHED", "VpcId": "vpc-1"}]}]}"#,
    );
    assert!(got.plan.external.is_empty() && got.notes.is_empty(), "{:?} {:?}", got.plan.external, got.notes);
    // more routes than one page: said
    let got = import(r#"{"Routes": [], "AdditionalRoutesAvailable": true}"#);
    assert!(got.notes[0].contains("AdditionalRoutesAvailable"), "{:?}", got.notes);
    // attachments associated with two transit gateway route tables: which reaches which is
    // not in any export, said
    let got = import(
        r#"{"TransitGatewayAttachments": [
            {"TransitGatewayAttachmentId": "a1", "TransitGatewayId": "tgw-1", "ResourceType": "vpc", "ResourceId": "vpc-1", "State": "available", "Association": {"TransitGatewayRouteTableId": "tgw-rtb-1"}},
            {"TransitGatewayAttachmentId": "a2", "TransitGatewayId": "tgw-1", "ResourceType": "vpc", "ResourceId": "vpc-9", "State": "available", "Association": {"TransitGatewayRouteTableId": "tgw-rtb-2"}}]}"#,
    );
    assert!(
        got.notes
            .iter()
            .any(|n| n.contains("tgw-1: its attachments are associated with 2 route tables (tgw-rtb-1, tgw-rtb-2)")),
        "{:?}",
        got.notes
    );
    // a bad destination names its file and table
    let e = Plan::import(
        Source::Aws,
        &[(vpc, "vpcs.json"), (r#"{"RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-1", "Routes": [{"DestinationCidrBlock": "10.0.0.0/33", "GatewayId": "vgw-1"}]}]}"#, "rt.json")],
    )
    .unwrap_err()
    .to_string();
    assert!(e.starts_with("rt.json: rtb-1:"), "{e}");
}

#[test]
fn gke_pool_pod_range_by_name() {
    let subnets = r#"[{"name": "gke", "network": "projects/p/global/networks/prod", "region": "us-central1", "ipCidrRange": "10.0.0.0/20",
        "secondaryIpRanges": [{"rangeName": "pods", "ipCidrRange": "10.4.0.0/14"}, {"rangeName": "pods-2", "ipCidrRange": "10.8.0.0/16"}, {"rangeName": "svc", "ipCidrRange": "10.12.0.0/20"}]}]"#;
    let cluster = r#"{"name": "c", "location": "us-central1", "network": "prod", "subnetwork": "gke",
        "clusterIpv4Cidr": "10.4.0.0/14", "servicesIpv4Cidr": "10.12.0.0/20",
        "ipAllocationPolicy": {"useIpAliases": true, "clusterSecondaryRangeName": "pods", "servicesSecondaryRangeName": "svc"},
        "nodePools": [
            {"name": "default", "initialNodeCount": 1, "networkConfig": {"podRange": "pods", "podIpv4CidrBlock": "10.4.0.0/14"}},
            {"name": "extra", "initialNodeCount": 1, "networkConfig": {"podRange": "pods-2"}}
        ]}"#;
    let p = Plan::import(Source::Gcp, &[(subnets, "subnets.json"), (cluster, "cluster.json")]).unwrap();
    let pools = &p.clusters[0].pools;
    assert_eq!(pools[0].pod_range, None, "the cluster's own range");
    assert_eq!(pools[1].pod_range.as_ref().and_then(|r| r.cidr).map(|c| c.to_string()).as_deref(), Some("10.8.0.0/16"));
}

#[test]
fn a_huge_header_or_key_is_echoed_cut_short() {
    let header = "x".repeat(1 << 20);
    let e = Plan::import(Source::Netbox, &[(&format!("{header}\n1\n"), "h.csv")]).unwrap_err().to_string();
    assert!(e.len() < 2000, "{} bytes", e.len());
    let e = Plan::import(Source::Aws, &[(&format!("{{\"{header}\": 1}}"), "k.json")]).unwrap_err().to_string();
    assert!(e.len() < 2000, "{} bytes", e.len());
}

/// Every JSON file of a fixture folder, (text, file name), in name order.
fn json_files(folder: &str) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir().join(folder))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| (std::fs::read_to_string(&p).unwrap(), p.file_name().unwrap().to_string_lossy().to_string()))
        .collect();
    files.sort_by(|a, b| a.1.cmp(&b.1));
    files
}

#[test]
fn botocores_own_examples_import() {
    // botocore's EC2 examples, create-* outputs among them ({"Vpc": {...}})
    let files = json_files("botocore-examples");
    assert!(files.len() >= 9, "{} files", files.len());
    for (text, file) in &files {
        let got = Plan::import_noting(Source::Aws, &[(text.as_str(), file.as_str())]);
        assert!(got.is_ok(), "{file}: {}", got.unwrap_err());
    }
    let created =
        Plan::import(Source::Aws, &[(files.iter().find(|f| f.1 == "CreateVpc.1.json").unwrap().0.as_str(), "v")]);
    let created = created.unwrap();
    assert_eq!(created.networks.len(), 1);
    assert_eq!(created.networks[0].name, "vpc-a01106c2");
    assert_eq!(created.networks[0].cidr, ["10.0.0.0/16".parse::<ipnet::IpNet>().unwrap()]);
    // one object of a list, as `--query 'Vpcs[0]'` prints it, is that list of one
    let vpcs: serde_json::Value =
        serde_json::from_str(&files.iter().find(|f| f.1 == "DescribeVpcs.1.json").unwrap().0).unwrap();
    let first = vpcs["Vpcs"][0].to_string();
    let one = Plan::import(Source::Aws, &[(first.as_str(), "one.json")]).unwrap();
    assert_eq!(one.networks[0].cidr, ["10.0.0.0/16".parse::<ipnet::IpNet>().unwrap()]);
    let pairs: Vec<(&str, &str)> = files.iter().map(|(t, f)| (t.as_str(), f.as_str())).collect();
    let all = Plan::import_noting(Source::Aws, &pairs).unwrap();
    assert_eq!(all.plan.networks.len(), 1, "one VPC, vpc-a01106c2, in every example");
    assert_eq!(all.plan.networks[0].name, "MyVPC");
    // the examples disagree with each other, and the import says where
    assert!(all.notes.iter().any(|n| n.contains("subnet-9d4a7b6c appears again with other values")), "{:?}", all.notes);
    assert!(all.notes.iter().any(|n| n.contains("eni-e5aa89a3 is in subnet-b61f49f0, which the export does not hold")));
    let r = all.plan.check();
    assert!(r.findings.iter().any(|f| f.rule == "usage.outside-subnet"), "{:?}", r.findings);
}

#[test]
fn the_aws_cli_references_own_outputs_import() {
    let files = json_files("aws-cli-reference");
    assert!(files.len() >= 15, "{} files", files.len());
    for (text, file) in &files {
        let got = Plan::import_noting(Source::Aws, &[(text.as_str(), file.as_str())]);
        assert!(got.is_ok(), "{file}: {}", got.unwrap_err());
    }
    let pairs: Vec<(&str, &str)> = files.iter().map(|(t, f)| (t.as_str(), f.as_str())).collect();
    let all = Plan::import_noting(Source::Aws, &pairs).unwrap();
    let names: Vec<&str> = all.plan.networks.iter().map(|n| n.name.as_str()).collect();
    assert!(names.contains(&"Shared VPC") && names.contains(&"Not Shared"), "{names:?}");
    assert!(all.plan.external.iter().any(|e| e.name == "vpc-1a2b3c4d"), "the peer of another account");
    // nothing the examples hold is dropped unsaid
    assert!(all.notes.iter().any(|n| n.contains(
        "eni-e5aa89a3 and eni-f9ba99bf are in subnet-b61f49f0, which the export does not hold: their 2 addresses"
    )));
    assert!(all.notes.iter().any(|n| n.contains("direct-connect-gateway 11460968-4ac1-4fd3-bdb2-00599EXAMPLE")));
    // and the plan it makes checks like any other (the examples are of unrelated accounts)
    let r = all.plan.check();
    assert!(r.findings.iter().any(|f| f.rule == "overlap.connected"), "{:?}", r.findings);
}
