//! `aws ec2 describe-*` output.

use super::{address, cidr, list, new_network, push_unique, required, text, unknown_shape};
use crate::document::model::{Link, LinkKind, Plan, Provenance, UsedRange};
use crate::{AddressProfile, Result};
use ipnet::IpNet;
use serde_json::Value;
use std::collections::BTreeMap;

const EXPECTED: &str =
    "the JSON of aws ec2 describe-vpcs (Vpcs), describe-subnets (Subnets), describe-network-interfaces \
    (NetworkInterfaces), describe-vpc-peering-connections (VpcPeeringConnections) or \
    describe-transit-gateway-attachments (TransitGatewayAttachments); aws eks describe-cluster (cluster), \
    describe-nodegroup (nodegroup) or list-nodegroups (nodegroups)";

fn tags(v: &Value) -> BTreeMap<String, String> {
    list(v, "Tags")
        .iter()
        .filter_map(|t| Some((text(t, "Key")?.to_string(), t.get("Value")?.as_str()?.to_string())))
        .collect()
}

/// A VPC's or subnet's ranges: `CidrBlock` and the associated IPv4 and IPv6 blocks
/// (subnets have no IPv4 association set; an absent list adds nothing).
fn blocks(v: &Value, file: &str, id: &str, into: &mut Vec<IpNet>) -> Result<()> {
    if let Some(c) = text(v, "CidrBlock") {
        push_unique(into, cidr(c, file, id)?);
    }
    for (set, key, state) in [
        ("CidrBlockAssociationSet", "CidrBlock", "CidrBlockState"),
        ("Ipv6CidrBlockAssociationSet", "Ipv6CidrBlock", "Ipv6CidrBlockState"),
    ] {
        for a in list(v, set) {
            if let (Some(c), true) = (text(a, key), associated(a.get(state))) {
                push_unique(into, cidr(c, file, id)?);
            }
        }
    }
    Ok(())
}

fn associated(state: Option<&Value>) -> bool {
    // disassociated / failed blocks are not in use
    state.and_then(|s| s.get("State")).and_then(Value::as_str).is_none_or(|s| s == "associated" || s == "associating")
}

pub(super) fn import(docs: &[(Value, &str)]) -> Result<Plan> {
    let mut plan = Plan::default();
    let mut vpc_index: BTreeMap<String, usize> = BTreeMap::new();
    // (entry, file, where in the file: `Subnets[3]`)
    let mut subnets: Vec<(Value, String, String)> = Vec::new();
    let mut enis: Vec<(Value, String, String)> = Vec::new();
    let mut peerings: Vec<(Value, String, String)> = Vec::new();
    let mut attachments: Vec<(Value, String, String)> = Vec::new();
    // EKS clusters and node groups (`aws eks describe-*`), in any order with the rest
    let eks: Vec<(&Value, &str)> = docs.iter().filter(|(d, _)| super::eks::is_eks(d)).map(|(d, f)| (d, *f)).collect();
    super::eks::import(&mut plan, &eks)?;
    for (doc, file) in docs {
        let mut known = super::eks::is_eks(doc);
        if let Some(v) = doc.get("Vpcs").and_then(Value::as_array) {
            known = true;
            for (k, vpc) in v.iter().enumerate() {
                let id = required(vpc, "VpcId", file, &format!("Vpcs[{k}]"))?;
                let i = *vpc_index.entry(id.to_string()).or_insert_with(|| {
                    plan.networks.push(new_network(id, file, id));
                    plan.networks.len() - 1
                });
                let n = &mut plan.networks[i];
                n.profile = Some(AddressProfile::Aws);
                n.tags = tags(vpc);
                blocks(vpc, file, id, &mut n.cidr)?;
            }
        }
        for (key, into) in [
            ("Subnets", &mut subnets),
            ("NetworkInterfaces", &mut enis),
            ("VpcPeeringConnections", &mut peerings),
            ("TransitGatewayAttachments", &mut attachments),
        ] {
            if let Some(v) = doc.get(key).and_then(Value::as_array) {
                known = true;
                into.extend(v.iter().enumerate().map(|(k, x)| (x.clone(), file.to_string(), format!("{key}[{k}]"))));
            }
        }
        if !known {
            return Err(unknown_shape(file, doc, EXPECTED));
        }
    }
    // subnets into their VPCs (a VPC not in the export is made from its subnets' ids)
    let mut subnet_of: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (s, file, entry) in &subnets {
        let id = required(s, "SubnetId", file, entry)?;
        let vpc = required(s, "VpcId", file, id)?;
        let vi = *vpc_index.entry(vpc.to_string()).or_insert_with(|| {
            let mut n = new_network(vpc, file, vpc);
            n.profile = Some(AddressProfile::Aws);
            plan.networks.push(n);
            plan.networks.len() - 1
        });
        let mut sub = new_network(id, file, id);
        sub.zone = text(s, "AvailabilityZone").map(String::from);
        sub.tags = tags(s);
        blocks(s, file, id, &mut sub.cidr)?;
        let net = &mut plan.networks[vi];
        if subnet_of.contains_key(id) {
            continue; // the same subnet on two pages
        }
        subnet_of.insert(id.to_string(), (vi, net.subnets.len()));
        net.subnets.push(sub);
    }
    // a VPC known only from its subnets spans them
    for n in &mut plan.networks {
        if n.cidr.is_empty() {
            let all: Vec<IpNet> = n.subnets.iter().flat_map(|s| s.cidr.iter().copied()).collect();
            n.cidr = crate::PrefixSet::from_prefixes(all).prefixes();
        }
    }
    // every private address and delegated prefix counts as used
    for (e, file, entry) in &enis {
        let id = required(e, "NetworkInterfaceId", file, entry)?;
        let subnet = required(e, "SubnetId", file, id)?;
        let mut used = Vec::new();
        // a malformed address is an error naming the interface; one outside its subnet is
        // kept, and check reports it (usage.outside-subnet)
        for a in list(e, "PrivateIpAddresses") {
            if let Some(ip) = text(a, "PrivateIpAddress") {
                used.push(address(ip, file, id, "PrivateIpAddress")?);
            }
        }
        for p in list(e, "Ipv4Prefixes") {
            if let Some(c) = text(p, "Ipv4Prefix") {
                used.push(cidr(c, file, id)?);
            }
        }
        for a in list(e, "Ipv6Addresses") {
            if let Some(ip) = text(a, "Ipv6Address") {
                used.push(address(ip, file, id, "Ipv6Address")?);
            }
        }
        for p in list(e, "Ipv6Prefixes") {
            if let Some(c) = text(p, "Ipv6Prefix") {
                used.push(cidr(c, file, id)?);
            }
        }
        let Some(&(vi, si)) = subnet_of.get(subnet) else { continue };
        let sub = &mut plan.networks[vi].subnets[si];
        sub.used.extend(used.into_iter().map(|c| UsedRange { cidr: c, by: id.to_string() }));
    }
    for n in &mut plan.networks {
        for s in &mut n.subnets {
            s.used
                .sort_by_key(|u| (crate::addr::Family::of(&u.cidr), crate::addr::first(&u.cidr), u.cidr.prefix_len()));
            s.used.dedup_by(|a, b| a.cidr == b.cidr);
        }
    }
    // connectivity: active peerings, and the VPCs attached to each transit gateway
    for (p, file, _) in &peerings {
        let code = p.get("Status").and_then(|s| s.get("Code")).and_then(Value::as_str).unwrap_or("active");
        if code != "active" {
            continue;
        }
        let a = p.get("RequesterVpcInfo").and_then(|v| text(v, "VpcId"));
        let b = p.get("AccepterVpcInfo").and_then(|v| text(v, "VpcId"));
        if let (Some(a), Some(b)) = (a, b) {
            let id = text(p, "VpcPeeringConnectionId").unwrap_or("peering");
            if vpc_index.contains_key(a) && vpc_index.contains_key(b) {
                plan.connectivity.push(Link {
                    name: Some(id.into()),
                    kind: LinkKind::Peering,
                    networks: vec![a.into(), b.into()],
                    source: Some(Provenance { file: file.clone(), id: id.into() }),
                    at: None,
                });
            }
        }
    }
    let mut tgws: BTreeMap<String, (Vec<String>, String)> = BTreeMap::new();
    for (a, file, _) in &attachments {
        let state = text(a, "State").unwrap_or("available");
        if text(a, "ResourceType") != Some("vpc") || !matches!(state, "available" | "pending" | "modifying") {
            continue;
        }
        if let (Some(tgw), Some(vpc)) = (text(a, "TransitGatewayId"), text(a, "ResourceId")) {
            if vpc_index.contains_key(vpc) {
                let e = tgws.entry(tgw.into()).or_insert_with(|| (Vec::new(), file.clone()));
                if !e.0.iter().any(|x| x == vpc) {
                    e.0.push(vpc.into());
                }
            }
        }
    }
    for (tgw, (vpcs, file)) in tgws {
        if vpcs.len() >= 2 {
            plan.connectivity.push(Link {
                name: Some(tgw.clone()),
                kind: LinkKind::Transit,
                networks: vpcs,
                source: Some(Provenance { file, id: tgw }),
                at: None,
            });
        }
    }
    Ok(plan)
}
