//! Site-to-site VPNs and what else a transit gateway reaches, from `aws ec2
//! describe-vpn-connections`, `describe-vpn-gateways`, `search-transit-gateway-routes` and
//! the VPCs' route tables: the ranges behind them as external ranges.

use super::{cidr, each_network, ec2_tags, list, push_unique, required, text};
use crate::document::model::{Link, LinkKind, Plan, Provenance};
use crate::Result;
use ipnet::IpNet;
use serde_json::Value;
use std::collections::BTreeMap;

/// What a transit gateway reaches besides VPCs: a VPN, a Direct Connect gateway, another
/// transit gateway (peering) or a Connect attachment.
pub(super) struct Attached {
    pub(super) tgw: String,
    pub(super) kind: String,
    pub(super) file: String,
    pub(super) id: String,
}

/// What an export says about the ranges behind VPNs and transit gateways.
pub(super) struct VpnEvidence<'a> {
    pub(super) connections: &'a [(Value, String, String)],
    pub(super) gateways: &'a [(Value, String, String)],
    /// vgw -> (vpc, destination, file), from the VPCs' route tables
    pub(super) sent_to_vgw: &'a BTreeMap<String, Vec<(String, IpNet, String)>>,
    /// `search-transit-gateway-routes`
    pub(super) tgw_routes: &'a [(Value, String, String)],
    /// resource (vpn-, a Direct Connect gateway, tgw-attach-) -> its attachment
    pub(super) beyond_tgw: &'a BTreeMap<String, Attached>,
    /// tgw -> (the VPCs on it, file)
    pub(super) tgws: &'a BTreeMap<String, (Vec<String>, String)>,
    pub(super) tables_of: &'a BTreeMap<String, Vec<String>>,
}

/// Site-to-site VPNs and what else a transit gateway reaches: what is behind each (a VPN
/// connection's static routes and the on-premises CIDR it was given, the destinations the
/// VPCs' route tables send to a virtual private gateway, a transit gateway's routes to an
/// attachment) becomes an external range. A virtual private gateway's is linked (vpn) to the
/// VPCs that route to it, or are attached to it when their route tables are not in the
/// export; a transit gateway's are returned by gateway, to join its link.
pub(super) fn vpns(
    plan: &mut Plan,
    ev: &VpnEvidence<'_>,
    notes: &mut Vec<String>,
) -> Result<BTreeMap<String, Vec<String>>> {
    #[derive(Default)]
    struct Behind {
        gateway: String,
        kind: String,
        file: String,
        vpns: Vec<String>,
        customer_gateways: Vec<String>,
        vpcs: Vec<String>,
        cidrs: Vec<IpNet>,
    }
    // states in any case, as other tools write them (DELETED)
    let live = |v: &Value| {
        text(v, "State").is_none_or(|s| !matches!(s.to_ascii_lowercase().as_str(), "deleting" | "deleted" | "detached"))
    };
    // by virtual private gateway (its VPNs reach the same place, and the route tables name
    // the gateway, not the connection), or by what a transit gateway reaches (each its own
    // attachment)
    let mut behind: BTreeMap<String, Behind> = BTreeMap::new();
    let new = |gateway: &str, kind: &str, file: &str| Behind {
        gateway: gateway.into(),
        kind: kind.into(),
        file: file.into(),
        ..Behind::default()
    };
    for (v, file, entry) in ev.connections {
        let id = required(v, "VpnConnectionId", file, entry)?;
        if !live(v) {
            continue;
        }
        let Some(gw) = text(v, "VpnGatewayId").or_else(|| text(v, "TransitGatewayId")) else {
            notes.push(format!("{file}: {id} is attached to no gateway: left out"));
            continue;
        };
        let key = if gw.starts_with("tgw-") { id } else { gw };
        let b = behind.entry(key.to_string()).or_insert_with(|| new(gw, "vpn", file));
        b.vpns.push(id.to_string());
        if let Some(cgw) = text(v, "CustomerGatewayId") {
            b.customer_gateways.push(cgw.to_string());
        }
        for r in list(v, "Routes").iter().filter(|r| live(r)) {
            if let Some(c) = text(r, "DestinationCidrBlock") {
                push_unique(&mut b.cidrs, cidr(c, file, id)?);
            }
        }
        // the customer gateway's side; its default, 0.0.0.0/0 (::/0), says nothing
        if let Some(options) = v.get("Options") {
            for key in ["LocalIpv4NetworkCidr", "LocalIpv6NetworkCidr"] {
                if let Some(c) = text(options, key) {
                    let c = cidr(c, file, id)?;
                    if c.prefix_len() > 0 {
                        push_unique(&mut b.cidrs, c);
                    }
                }
            }
        }
    }
    let known = |vpc: &str| plan.networks.iter().any(|n| n.source.as_ref().is_some_and(|s| s.id == vpc));
    for (g, file, entry) in ev.gateways {
        let id = required(g, "VpnGatewayId", file, entry)?;
        if !live(g) {
            continue;
        }
        let b = behind.entry(id.to_string()).or_insert_with(|| new(id, "vpn", file));
        for a in list(g, "VpcAttachments").iter().filter(|a| live(a)) {
            // a VPC whose route tables are in the export reaches the gateway only by a route
            if let Some(vpc) = text(a, "VpcId").filter(|v| known(v) && !ev.tables_of.contains_key(*v)) {
                if !b.vpcs.iter().any(|x| x == vpc) {
                    b.vpcs.push(vpc.to_string());
                }
            }
        }
    }
    for (vgw, sent) in ev.sent_to_vgw {
        for (vpc, c, file) in sent {
            let b = behind.entry(vgw.clone()).or_insert_with(|| new(vgw, "vpn", file));
            if known(vpc) && !b.vpcs.contains(vpc) {
                b.vpcs.push(vpc.clone());
            }
            if c.prefix_len() > 0 {
                push_unique(&mut b.cidrs, *c);
            }
        }
    }
    // a transit gateway's routes to a VPN, Direct Connect gateway or peering name what is
    // behind it (static or learned by BGP); its routes to VPCs are the VPCs' own ranges
    for (r, file, entry) in ev.tgw_routes {
        if text(r, "State").is_some_and(|s| !s.eq_ignore_ascii_case("active")) {
            continue;
        }
        let Some(dest) = text(r, "DestinationCidrBlock") else { continue };
        let dest = cidr(dest, file, entry)?;
        for a in list(r, "TransitGatewayAttachments") {
            let (Some(resource), Some(kind)) = (text(a, "ResourceId"), text(a, "ResourceType")) else { continue };
            if kind == "vpc" || dest.prefix_len() == 0 {
                continue;
            }
            let b = match (behind.get_mut(resource), ev.beyond_tgw.get(resource)) {
                (Some(b), _) => b,
                (None, Some(at)) => behind.entry(resource.to_string()).or_insert_with(|| new(&at.tgw, kind, file)),
                (None, None) => {
                    notes.push(format!(
                        "{file}: {entry}: {dest} is routed to {kind} {resource}, which no attachment or VPN connection in the export places on a transit gateway: left out (add aws ec2 describe-transit-gateway-attachments)"
                    ));
                    continue;
                }
            };
            if kind == "vpn" && !b.vpns.iter().any(|v| v == resource) {
                b.vpns.push(resource.to_string());
            }
            push_unique(&mut b.cidrs, dest);
        }
    }
    for (resource, at) in ev.beyond_tgw {
        if !behind.contains_key(resource) {
            let add = if at.kind == "vpn" {
                "add aws ec2 describe-vpn-connections, or search-transit-gateway-routes for BGP routes"
            } else {
                "add aws ec2 search-transit-gateway-routes"
            };
            notes.push(format!(
                "{}: {}: {} {resource} on {}: the ranges behind it are not in the export ({add}), so they are not checked",
                at.file, at.id, at.kind, at.tgw
            ));
        }
    }
    let mut on_tgw: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (key, mut b) in behind {
        let gw = std::mem::take(&mut b.gateway);
        if b.vpns.is_empty() && b.cidrs.is_empty() {
            continue; // a gateway with no VPN and no route to it: nothing behind it to check
        }
        let vpcs =
            if gw.starts_with("tgw-") { ev.tgws.get(&gw).map(|t| t.0.clone()).unwrap_or_default() } else { b.vpcs };
        let what = if b.vpns.is_empty() {
            format!("{} {key} on {gw}", b.kind)
        } else {
            format!("{} on {gw}", b.vpns.join(", "))
        };
        if vpcs.is_empty() {
            notes.push(format!("{what}: no VPC of the export routes to it or is attached to it: left out"));
            continue;
        }
        // a summary route over a VPC (10.0.0.0/8 to on-prem from 10.1.0.0/16) leaves the
        // VPC's own addresses to its more specific local route: not a range behind the VPN
        let blocks: Vec<(String, IpNet)> = plan
            .networks
            .iter()
            .filter(|n| n.source.as_ref().is_some_and(|s| vpcs.contains(&s.id)))
            .flat_map(|n| n.cidr.iter().map(move |c| (n.source.as_ref().map_or(String::new(), |s| s.id.clone()), *c)))
            .collect();
        b.cidrs.retain(|c| match blocks.iter().find(|(_, d)| c.contains(d) && c != d) {
            Some((vpc, d)) => {
                notes.push(format!(
                    "{what}: {c} is a summary over {vpc}'s {d}, whose own traffic stays on its local route: left out of the range behind it"
                ));
                false
            }
            None => true,
        });
        if b.cidrs.is_empty() {
            let add = if gw.starts_with("tgw-") {
                "add aws ec2 search-transit-gateway-routes for the transit gateway's route tables, which list what BGP learned"
            } else {
                "add aws ec2 describe-route-tables, whose propagated routes list what BGP learned"
            };
            notes.push(format!("{what}: the ranges behind it are not in the export ({add}): left out"));
            continue;
        }
        let name = if b.vpns.len() == 1 { b.vpns[0].clone() } else { key };
        let mut tags = BTreeMap::from([("gateway".to_string(), gw.clone())]);
        if !b.vpns.is_empty() {
            tags.insert("vpn".into(), b.vpns.join(", "));
        }
        b.customer_gateways.dedup();
        let (kind, owner) = match b.kind.as_str() {
            "peering" => ("peer", format!("beyond transit gateway peering {name}")),
            _ if b.customer_gateways.is_empty() => ("on-prem", "on-premises".to_string()),
            _ => ("on-prem", format!("on-premises (customer gateway {})", b.customer_gateways.join(", "))),
        };
        plan.external.push(crate::document::model::ExternalRange {
            name: name.clone(),
            cidr: b.cidrs,
            kind: Some(kind.into()),
            owner: Some(owner),
            tags,
            at: None,
        });
        if gw.starts_with("tgw-") {
            on_tgw.entry(gw).or_default().push(name);
        } else {
            let mut networks = vpcs;
            networks.push(name);
            plan.connectivity.push(Link {
                name: Some(gw.clone()),
                kind: LinkKind::Vpn,
                networks,
                source: Some(Provenance { file: b.file, id: gw }),
                at: None,
            });
        }
    }
    Ok(on_tgw)
}

/// An on-prem range made for one VPN connection takes the connection's `Name` tag when no
/// other network or range has that name.
pub(super) fn name_vpns_by_tag(plan: &mut Plan, connections: &[(Value, String, String)]) {
    for (v, _, _) in connections {
        let (Some(id), Some(tag)) = (text(v, "VpnConnectionId"), ec2_tags(v).remove("Name")) else { continue };
        let tag = tag.trim().to_string();
        let mut taken = false;
        each_network(&mut plan.networks, &mut |n| taken |= n.name == tag);
        if tag.is_empty() || taken || plan.external.iter().any(|e| e.name == tag) {
            continue;
        }
        if let Some(e) = plan.external.iter_mut().find(|e| e.name == id) {
            e.name = tag.clone();
            let lists = plan
                .connectivity
                .iter_mut()
                .map(|l| &mut l.networks)
                .chain(plan.isolated.iter_mut().map(|g| &mut g.networks));
            for n in lists.flatten().filter(|n| *n == id) {
                n.clone_from(&tag);
            }
        }
    }
}
