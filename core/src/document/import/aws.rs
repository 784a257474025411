//! `aws ec2 describe-*` output.

use super::{address, cidr, each_network, ec2_tags, list, new_network, push_unique, required, text, unknown_shape};
use crate::document::model::{Link, LinkKind, Network, Plan, Provenance, UsedRange};
use crate::{AddressProfile, Result};
use ipnet::IpNet;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

const EXPECTED: &str =
    "the JSON of aws ec2 describe-vpcs (Vpcs), describe-subnets (Subnets), describe-network-interfaces \
    (NetworkInterfaces), describe-vpc-peering-connections (VpcPeeringConnections), \
    describe-transit-gateway-attachments (TransitGatewayAttachments), describe-route-tables (RouteTables), \
    describe-vpn-connections (VpnConnections), describe-vpn-gateways (VpnGateways), \
    search-transit-gateway-routes (Routes, AdditionalRoutesAvailable), describe-nat-gateways, describe-vpc-endpoints, describe-transit-gateway-route-tables (each also as its bare list or one object of it: --query 'Subnets', 'Vpcs[0]'), or what create-vpc, create-subnet and the other create commands print (Vpc, Subnet, ...); aws eks \
    describe-cluster (cluster), describe-nodegroup (nodegroup) or list-nodegroups (nodegroups)";

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
    // disassociated / failed blocks are not in use; the API's enums are lower case, but
    // exports written by other tools upper-case them (ASSOCIATED)
    state
        .and_then(|s| s.get("State"))
        .and_then(Value::as_str)
        .is_none_or(|s| s.eq_ignore_ascii_case("associated") || s.eq_ignore_ascii_case("associating"))
}

/// The list an element of a bare list belongs to (`aws ec2 describe-subnets --query
/// 'Subnets'` prints the list alone), told by the id each kind carries.
fn list_of(v: &Value) -> Option<&'static str> {
    let has = |k: &str| v.get(k).is_some();
    Some(if has("RouteTableId") {
        "RouteTables"
    } else if has("VpnConnectionId") {
        "VpnConnections"
    } else if has("VpnGatewayId") && has("VpcAttachments") {
        "VpnGateways"
    } else if has("NetworkInterfaceId") {
        "NetworkInterfaces"
    } else if has("VpcPeeringConnectionId") {
        "VpcPeeringConnections"
    } else if has("TransitGatewayAttachmentId") {
        "TransitGatewayAttachments"
    } else if has("SubnetId") {
        "Subnets"
    } else if has("VpcId") && (has("CidrBlock") || has("CidrBlockAssociationSet")) {
        "Vpcs"
    } else {
        return None;
    })
}

/// Subnets named one by one in the notes of a file; the rest are counted in one note.
const MISSING_SUBNETS_NAMED: usize = 20;

/// The notes for interfaces in subnets the export does not hold: (file, subnet,
/// interfaces, addresses), in the order met.
fn note_missing_subnets(missing: &[(&str, &str, Vec<&str>, usize)], notes: &mut Vec<String>) {
    let addresses = |n: usize| if n == 1 { "address is".to_string() } else { format!("{n} addresses are") };
    let mut named: HashMap<&str, usize> = HashMap::new();
    let mut rest: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    for (file, subnet, ids, used) in missing {
        let n = named.entry(file).or_default();
        if *n == MISSING_SUBNETS_NAMED {
            let r = rest.entry(file).or_default();
            *r = (r.0 + 1, r.1 + ids.len(), r.2 + used);
            continue;
        }
        *n += 1;
        let (who, whose) = match ids.as_slice() {
            [one] => (format!("{one} is"), "its"),
            [a, b] => (format!("{a} and {b} are"), "their"),
            [a, b, more @ ..] => (format!("{a}, {b} and {} more interfaces are", more.len()), "their"),
            [] => continue,
        };
        notes.push(format!(
            "{file}: {who} in {subnet}, which the export does not hold: {whose} {} left out (add the describe-subnets output that lists {subnet})",
            addresses(*used)
        ));
    }
    for (file, (subnets, interfaces, used)) in rest {
        notes.push(format!(
            "{file}: and {interfaces} more interfaces in {subnets} more subnets the export does not hold: their {} left out (add the describe-subnets output of their VPCs)",
            addresses(used)
        ));
    }
}

/// The list a `create-*` command's one object belongs to: `{"Vpc": {...}}` from
/// `aws ec2 create-vpc` is a `describe-vpcs` of one (the object's own ids must agree).
fn created(key: &str, v: &Value) -> Option<&'static str> {
    let list = match key {
        "Vpc" => "Vpcs",
        "Subnet" => "Subnets",
        "NetworkInterface" => "NetworkInterfaces",
        "VpcPeeringConnection" => "VpcPeeringConnections",
        "RouteTable" => "RouteTables",
        "VpnConnection" => "VpnConnections",
        "VpnGateway" => "VpnGateways",
        "TransitGatewayAttachment" => "TransitGatewayAttachments",
        _ => return None,
    };
    (list_of(v) == Some(list) || (list == "VpnGateways" && v.get("VpnGatewayId").is_some())).then_some(list)
}

pub(super) fn import(docs: &[(Value, &str)], notes: &mut Vec<String>) -> Result<Plan> {
    let mut plan = Plan::default();
    let mut vpc_index: BTreeMap<String, usize> = BTreeMap::new();
    // (entry, file, where in the file: `Subnets[3]`)
    let mut subnets: Vec<(Value, String, String)> = Vec::new();
    let mut enis: Vec<(Value, String, String)> = Vec::new();
    let mut peerings: Vec<(Value, String, String)> = Vec::new();
    let mut attachments: Vec<(Value, String, String)> = Vec::new();
    let mut route_tables: Vec<(Value, String, String)> = Vec::new();
    let mut vpn_connections: Vec<(Value, String, String)> = Vec::new();
    let mut vpn_gateways: Vec<(Value, String, String)> = Vec::new();
    // `aws ec2 search-transit-gateway-routes`: {Routes, AdditionalRoutesAvailable}
    let mut tgw_routes: Vec<(Value, String, String)> = Vec::new();
    // EKS clusters and node groups (`aws eks describe-*`), in any order with the rest
    let eks: Vec<(&Value, &str)> = docs.iter().filter(|(d, _)| super::eks::is_eks(d)).map(|(d, f)| (d, *f)).collect();
    super::eks::import(&mut plan, &eks)?;
    // a bare list (`--query 'Subnets'`) is read as the list it came from
    // (borrowed as they are otherwise: an export is held once)
    let wrapped: Vec<(std::borrow::Cow<'_, Value>, &str)> = docs
        .iter()
        .map(|(doc, file)| match doc {
            Value::Array(a) if !a.is_empty() => match a.iter().map(list_of).collect::<Option<Vec<_>>>() {
                Some(kinds) if kinds.iter().all(|k| *k == kinds[0]) => {
                    (std::borrow::Cow::Owned(serde_json::json!({ kinds[0]: doc.clone() })), *file)
                }
                _ => (std::borrow::Cow::Borrowed(doc), *file),
            },
            // one object of a list (`--query 'Vpcs[0]'`), told by its ids as a bare list's are
            Value::Object(_) if list_of(doc).is_some() => {
                let list = list_of(doc).unwrap_or_default();
                (std::borrow::Cow::Owned(serde_json::json!({ list: [doc] })), *file)
            }
            // what `aws ec2 create-vpc` (and create-subnet, ...) prints: the one object made
            Value::Object(o) if o.len() == 1 => match o.iter().next().and_then(|(k, v)| created(k, v)) {
                Some(list) => (std::borrow::Cow::Owned(serde_json::json!({ list: [o.values().next()] })), *file),
                None => (std::borrow::Cow::Borrowed(doc), *file),
            },
            _ => (std::borrow::Cow::Borrowed(doc), *file),
        })
        .collect();
    for (doc, file) in &wrapped {
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
                n.tags = ec2_tags(vpc);
                blocks(vpc, file, id, &mut n.cidr)?;
            }
        }
        for (key, into) in [
            ("Subnets", &mut subnets),
            ("NetworkInterfaces", &mut enis),
            ("VpcPeeringConnections", &mut peerings),
            ("TransitGatewayAttachments", &mut attachments),
            ("RouteTables", &mut route_tables),
            ("VpnConnections", &mut vpn_connections),
            ("VpnGateways", &mut vpn_gateways),
        ] {
            match doc.get(key) {
                Some(Value::Array(v)) => {
                    known = true;
                    into.extend(
                        v.iter().enumerate().map(|(k, x)| (x.clone(), file.to_string(), format!("{key}[{k}]"))),
                    );
                }
                // the AWS CLI reference's describe-vpn-connections example prints one
                // connection as an object
                Some(x @ Value::Object(_)) if key.starts_with("Vpn") => {
                    known = true;
                    into.push((x.clone(), file.to_string(), key.to_string()));
                }
                _ => {}
            }
        }
        if doc.get("AdditionalRoutesAvailable").is_some() {
            if let Some(v) = doc.get("Routes").and_then(Value::as_array) {
                known = true;
                tgw_routes
                    .extend(v.iter().enumerate().map(|(k, x)| (x.clone(), file.to_string(), format!("Routes[{k}]"))));
                if doc["AdditionalRoutesAvailable"].as_bool() == Some(true) {
                    notes.push(format!(
                        "{file}: the search stopped at {} routes and more are available (AdditionalRoutesAvailable): the rest are not read; search again with --max-results up to 1000, or with narrower --filters",
                        v.len()
                    ));
                }
            }
        }
        // NAT gateways, endpoints and transit gateway route tables: known shapes; what
        // they add (routes) is in the route tables
        for key in ["NatGateways", "VpcEndpoints", "TransitGatewayRouteTables"] {
            known |= doc.get(key).is_some_and(Value::is_array);
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
        sub.region = sub.zone.as_deref().and_then(region_of_zone).map(String::from);
        sub.tags = ec2_tags(s);
        blocks(s, file, id, &mut sub.cidr)?;
        let net = &mut plan.networks[vi];
        if let Some(&(v, k)) = subnet_of.get(id) {
            // the same subnet on two pages; two different copies keep the first, said
            let first = &plan.networks[v].subnets[k];
            if first.cidr != sub.cidr || first.zone != sub.zone {
                notes.push(format!(
                    "{file}: {entry}: {id} appears again with other values ({} in {}); the first copy ({}) is kept",
                    sub.cidr.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "),
                    sub.zone.as_deref().unwrap_or("no zone"),
                    first.source.as_ref().map_or("", |s| s.file.as_str())
                ));
            }
            continue;
        }
        subnet_of.insert(id.to_string(), (vi, net.subnets.len()));
        net.subnets.push(sub);
    }
    // a VPC known only from its subnets spans them; a VPC is in its subnets' region
    for n in &mut plan.networks {
        if n.cidr.is_empty() {
            let all: Vec<IpNet> = n.subnets.iter().flat_map(|s| s.cidr.iter().copied()).collect();
            n.cidr = crate::PrefixSet::from_prefixes(all).prefixes();
        }
        let mut regions = n.subnets.iter().filter_map(|s| s.region.as_deref());
        if let Some(first) = regions.next() {
            if regions.all(|r| r == first) {
                n.region = Some(first.to_string());
            }
        }
    }
    // every private address and delegated prefix counts as used; interfaces in a subnet
    // the export does not hold are said per subnet, a file's first few subnets by name
    let mut missing: Vec<(&str, &str, Vec<&str>, usize)> = Vec::new();
    let mut missing_at: HashMap<(&str, &str), usize> = HashMap::new();
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
        let Some(&(vi, si)) = subnet_of.get(subnet) else {
            let k = *missing_at.entry((file.as_str(), subnet)).or_insert_with(|| {
                missing.push((file.as_str(), subnet, Vec::new(), 0));
                missing.len() - 1
            });
            missing[k].2.push(id);
            missing[k].3 += used.len();
            continue;
        };
        let sub = &mut plan.networks[vi].subnets[si];
        sub.used.extend(used.into_iter().map(|c| UsedRange { cidr: c, by: id.to_string() }));
    }
    note_missing_subnets(&missing, notes);
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
        if !code.eq_ignore_ascii_case("active") {
            continue;
        }
        let (ra, rb) = (p.get("RequesterVpcInfo"), p.get("AccepterVpcInfo"));
        let a = ra.and_then(|v| text(v, "VpcId"));
        let b = rb.and_then(|v| text(v, "VpcId"));
        if let (Some(a), Some(b)) = (a, b) {
            let id = text(p, "VpcPeeringConnectionId").unwrap_or("peering");
            // a side not in this export (another account's VPC, often) is kept as an
            // external range of the blocks the peering carries for it
            let mut ends = Vec::new();
            for (vpc, info) in [(a, ra), (b, rb)] {
                if vpc_index.contains_key(vpc) {
                    ends.push(vpc.to_string());
                    continue;
                }
                let mut cidrs = Vec::new();
                if let Some(info) = info {
                    if let Some(c) = text(info, "CidrBlock") {
                        push_unique(&mut cidrs, cidr(c, file, id)?);
                    }
                    for (set, key) in [("CidrBlockSet", "CidrBlock"), ("Ipv6CidrBlockSet", "Ipv6CidrBlock")] {
                        for c in list(info, set).iter().filter_map(|x| text(x, key)) {
                            push_unique(&mut cidrs, cidr(c, file, id)?);
                        }
                    }
                }
                if cidrs.is_empty() {
                    notes.push(format!(
                        "{file}: {id}: {vpc} is not in the export and the peering gives no range for it: the link is left out"
                    ));
                    break;
                }
                let owner = info.and_then(|i| text(i, "OwnerId")).map(str::to_string);
                if !plan.external.iter().any(|e| e.name == vpc) {
                    let mut tags = BTreeMap::new();
                    if let Some(r) = info.and_then(|i| text(i, "Region")) {
                        tags.insert("region".to_string(), r.to_string());
                    }
                    plan.external.push(crate::document::model::ExternalRange {
                        name: vpc.to_string(),
                        cidr: cidrs,
                        kind: Some("peer".into()),
                        owner: owner.map(|o| format!("AWS account {o}")),
                        tags,
                        at: None,
                    });
                }
                ends.push(vpc.to_string());
            }
            if ends.len() == 2 {
                plan.connectivity.push(Link {
                    name: Some(id.into()),
                    kind: LinkKind::Peering,
                    networks: ends,
                    source: Some(Provenance { file: file.clone(), id: id.into() }),
                    at: None,
                });
            }
        }
    }
    // routing evidence: which VPCs' route tables send traffic where (blackhole routes do not)
    let mut routes_to: BTreeMap<String, Vec<String>> = BTreeMap::new(); // vpc -> pcx / tgw ids routed to
    let mut tables_of: BTreeMap<String, Vec<String>> = BTreeMap::new(); // vpc -> its route table ids
    let mut sent_to_vgw: BTreeMap<String, Vec<(String, IpNet, String)>> = BTreeMap::new(); // vgw -> (vpc, destination, file)
    for (t, file, entry) in &route_tables {
        let Some(vpc) = text(t, "VpcId") else { continue };
        let rtb = text(t, "RouteTableId").unwrap_or(entry);
        tables_of.entry(vpc.to_string()).or_default().push(rtb.to_string());
        for r in list(t, "Routes") {
            if text(r, "State").is_some_and(|s| s.eq_ignore_ascii_case("blackhole")) {
                continue;
            }
            // a virtual private gateway's routes (static or propagated from the VPN) name
            // what is behind it
            let vgw = text(r, "GatewayId").filter(|g| g.starts_with("vgw-"));
            if let Some(vgw) = vgw {
                for key in ["DestinationCidrBlock", "DestinationIpv6CidrBlock"] {
                    if let Some(c) = text(r, key) {
                        let to = (vpc.to_string(), cidr(c, file, rtb)?, file.clone());
                        sent_to_vgw.entry(vgw.to_string()).or_default().push(to);
                    }
                }
            }
            for via in [text(r, "VpcPeeringConnectionId"), text(r, "TransitGatewayId"), vgw].into_iter().flatten() {
                let e = routes_to.entry(vpc.to_string()).or_default();
                if !e.iter().any(|x| x == via) {
                    e.push(via.to_string());
                }
            }
        }
    }
    let routes = |vpc: &str, via: &str| routes_to.get(vpc).is_some_and(|v| v.iter().any(|x| x == via));
    let mut tgws: BTreeMap<String, (Vec<String>, String)> = BTreeMap::new();
    let mut tgw_tables: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    // VPNs, Direct Connect gateways and peerings on a transit gateway: resource -> attachment
    let mut beyond_tgw: BTreeMap<String, super::aws_vpn::Attached> = BTreeMap::new();
    for (a, file, entry) in &attachments {
        // states in any case, as other tools write them (AVAILABLE)
        let state = text(a, "State").unwrap_or("available").to_ascii_lowercase();
        if !matches!(state.as_str(), "available" | "pending" | "modifying") {
            continue;
        }
        let (tgw, resource) = (text(a, "TransitGatewayId").unwrap_or("?"), text(a, "ResourceId").unwrap_or("?"));
        if let Some(rt) = a.get("Association").and_then(|x| text(x, "TransitGatewayRouteTableId")) {
            let e = tgw_tables.entry(tgw).or_default();
            if !e.contains(&rt) {
                e.push(rt);
            }
        }
        let id = text(a, "TransitGatewayAttachmentId").unwrap_or(entry);
        match text(a, "ResourceType") {
            Some("vpc") => {}
            Some(kind @ ("vpn" | "direct-connect-gateway" | "peering" | "connect")) => {
                let at =
                    super::aws_vpn::Attached { tgw: tgw.into(), kind: kind.into(), file: file.clone(), id: id.into() };
                beyond_tgw.insert(resource.to_string(), at);
                continue;
            }
            _ => continue,
        }
        if let (Some(tgw), Some(vpc)) = (text(a, "TransitGatewayId"), text(a, "ResourceId")) {
            // with its route tables in the export, a VPC is on the transit gateway only if
            // one of them routes to it
            if vpc_index.contains_key(vpc) && (!tables_of.contains_key(vpc) || routes(vpc, tgw)) {
                let e = tgws.entry(tgw.into()).or_insert_with(|| (Vec::new(), file.clone()));
                if !e.0.iter().any(|x| x == vpc) {
                    e.0.push(vpc.into());
                }
            }
        }
    }
    for (tgw, tables) in &tgw_tables {
        if tables.len() > 1 {
            notes.push(format!(
                "{tgw}: its attachments are associated with {} route tables ({}); which reaches which is in those tables' routes, which no export names with their table: every VPC that routes to {tgw} is taken to reach the others",
                tables.len(),
                tables.join(", ")
            ));
        }
    }
    let evidence = super::aws_vpn::VpnEvidence {
        connections: &vpn_connections,
        gateways: &vpn_gateways,
        sent_to_vgw: &sent_to_vgw,
        tgw_routes: &tgw_routes,
        beyond_tgw: &beyond_tgw,
        tgws: &tgws,
        tables_of: &tables_of,
    };
    let on_tgw = super::aws_vpn::vpns(&mut plan, &evidence, notes)?;
    for (tgw, (mut vpcs, file)) in tgws {
        vpcs.extend(on_tgw.get(&tgw).into_iter().flatten().cloned());
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
    // a peering whose VPCs' route tables (both in the export) send nothing over it carries
    // no traffic
    if !tables_of.is_empty() {
        plan.connectivity.retain(|l| {
            l.kind != LinkKind::Peering
                || l.networks.iter().any(|n| !tables_of.contains_key(n))
                || l.networks.iter().all(|n| l.name.as_deref().is_some_and(|pcx| routes(n, pcx)))
        });
    }
    // two overlapping VPCs whose route tables are in the export and that no link joins
    // never route to each other: isolated, and the evidence said
    let evidenced: Vec<usize> = plan
        .networks
        .iter()
        .enumerate()
        .filter(|(_, n)| n.source.as_ref().is_some_and(|s| tables_of.contains_key(&s.id)))
        .map(|(i, _)| i)
        .collect();
    for (x, &i) in evidenced.iter().enumerate() {
        for &j in &evidenced[x + 1..] {
            let (a, b) = (&plan.networks[i], &plan.networks[j]);
            let overlap = a.cidr.iter().any(|c| b.cidr.iter().any(|d| c.contains(d) || d.contains(c)));
            let (ia, ib) = (a.name.clone(), b.name.clone());
            let joined = plan.connectivity.iter().any(|l| l.networks.contains(&ia) && l.networks.contains(&ib));
            if overlap && !joined {
                let id =
                    |n: &crate::document::model::Network| n.source.as_ref().map_or(String::new(), |s| s.id.clone());
                let (va, vb) = (id(a), id(b));
                plan.isolated.push(crate::document::model::Isolation {
                    networks: vec![ia, ib],
                    reason: Some(format!(
                        "describe-route-tables: no route between {va} ({}) and {vb} ({})",
                        tables_of[&va].join(", "),
                        tables_of[&vb].join(", ")
                    )),
                    at: None,
                });
            }
        }
    }
    // the ranges behind a VPN or a peering to another account are reached only over their
    // link: a VPC whose route tables are in the export and that no link joins to them
    // never routes there, so an overlap with them is allowed too
    let mut apart = Vec::new();
    for e in &plan.external {
        for &i in &evidenced {
            let n = &plan.networks[i];
            let overlap = n.cidr.iter().any(|c| e.cidr.iter().any(|d| c.contains(d) || d.contains(c)));
            let joined = plan.connectivity.iter().any(|l| l.networks.contains(&n.name) && l.networks.contains(&e.name));
            if overlap && !joined {
                let vpc = n.source.as_ref().map_or("", |s| s.id.as_str());
                let via = e.tags.get("gateway").map_or(String::new(), |g| format!(" behind {g}"));
                let reason = format!(
                    "describe-route-tables: no route from {vpc} ({}) to {}{via}",
                    tables_of[vpc].join(", "),
                    e.name
                );
                apart.push(crate::document::model::Isolation {
                    networks: vec![n.name.clone(), e.name.clone()],
                    reason: Some(reason),
                    at: None,
                });
            }
        }
    }
    plan.isolated.extend(apart);
    name_by_tag(&mut plan);
    super::aws_vpn::name_vpns_by_tag(&mut plan, &vpn_connections);
    Ok(plan)
}

/// The region of an availability zone (`us-east-1a`, a Local Zone `us-west-2-lax-1a`,
/// `us-gov-west-1b`): the name up to and including its first number, which is how AWS
/// names zones after their region (EC2 User Guide, "Regions and Zones").
pub(crate) fn region_of_zone(zone: &str) -> Option<&str> {
    let mut len = 0;
    for (k, part) in zone.split('-').enumerate() {
        len += usize::from(k > 0);
        let digits = part.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            if part.is_empty() || !part.bytes().all(|b| b.is_ascii_lowercase()) || (k == 0 && part.len() != 2) {
                return None;
            }
            len += part.len();
            continue;
        }
        if k < 2 {
            return None;
        }
        len += digits;
        // a zone is longer than its region: a letter (`1a`) or a dash (`2-lax-1a`) follows
        return (len < zone.len()).then(|| &zone[..len]);
    }
    None
}

/// Entries are named by their `Name` tag, as the console shows them (the id stays in
/// `source`); a tag two entries share gets the id beside it (`private-a (subnet-0a01)`),
/// and an entry with no tag keeps its id. Links name the VPCs the same way.
fn name_by_tag(plan: &mut Plan) {
    let tag = |n: &Network| n.tags.get("Name").map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
    let mut uses: BTreeMap<String, usize> = BTreeMap::new();
    each_network(&mut plan.networks, &mut |n| {
        if let Some(t) = tag(n) {
            *uses.entry(t).or_default() += 1;
        }
    });
    let mut names: BTreeMap<String, usize> = BTreeMap::new();
    each_network(&mut plan.networks, &mut |n| {
        if let Some(t) = tag(n) {
            n.name = if uses[&t] > 1 { format!("{t} ({})", n.name) } else { t };
        }
        *names.entry(n.name.clone()).or_default() += 1;
    });
    // a tag that reads like another entry's id would make two entries one name: ids then
    let mut by_id: BTreeMap<String, String> = BTreeMap::new();
    each_network(&mut plan.networks, &mut |n| {
        if let Some(src) = &n.source {
            if names[&n.name] > 1 {
                n.name = src.id.clone();
            }
            by_id.insert(src.id.clone(), n.name.clone());
        }
    });
    let lists =
        plan.connectivity.iter_mut().map(|l| &mut l.networks).chain(plan.isolated.iter_mut().map(|g| &mut g.networks));
    for list in lists {
        for n in list {
            if let Some(name) = by_id.get(n.as_str()) {
                *n = name.clone();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::region_of_zone;

    #[test]
    fn regions_of_zones() {
        // zone names from the EC2 User Guide's Regions and Zones pages
        for (zone, region) in [
            ("us-east-1a", Some("us-east-1")),
            ("eu-central-2c", Some("eu-central-2")),
            ("ap-southeast-1b", Some("ap-southeast-1")),
            ("us-gov-west-1a", Some("us-gov-west-1")),
            ("cn-northwest-1a", Some("cn-northwest-1")),
            ("us-west-2-lax-1a", Some("us-west-2")),
            ("us-east-1-wl1-bos-wlz-1", Some("us-east-1")),
            ("us-east-1", None), // a region, not a zone
            ("use1-az1", None),  // a zone id says no region by its name
            ("", None),
            ("1a", None),
            ("US-EAST-1A", None),
        ] {
            assert_eq!(region_of_zone(zone), region, "{zone}");
        }
    }
}
