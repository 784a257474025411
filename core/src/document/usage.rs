//! The address map of a subnet whose addresses in use are known (an import): every
//! aligned /28 block and what is in it, for a picture of where the free space is and
//! why EKS prefix delegation cannot use it.

use super::model::{Network, Plan};
use crate::addr::{first, make_net, Family};
use crate::{Error, Result};
use serde::Serialize;

/// Most blocks one map draws: a /12 in /28s.
pub const MAX_MAP_BLOCKS: usize = 65_536;

/// One aligned /28 block of a subnet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct Block {
    /// The /28.
    pub block: String,
    /// `free` (whole and usable by prefix delegation), `partial` (some addresses in use),
    /// `delegated` (a /28 prefix of an interface), `reserved` (holds the cloud's reserved addresses only) or `full`.
    #[cfg_attr(
        feature = "typescript",
        tsify(type = "\"free\" | \"partial\" | \"delegated\" | \"reserved\" | \"full\"")
    )]
    pub state: &'static str,
    /// Addresses in use in it (16 when delegated).
    pub used: u32,
    /// What holds them.
    pub by: Vec<String>,
}

/// A subnet's /28 blocks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct SubnetMap {
    /// Subnet name.
    pub subnet: String,
    /// Its IPv4 range.
    pub cidr: String,
    /// Every /28, in address order.
    pub blocks: Vec<Block>,
}

fn find<'a>(
    list: &'a [Network],
    name: &str,
    profile: crate::AddressProfile,
) -> Option<(&'a Network, crate::AddressProfile)> {
    for n in list {
        let p = n.profile.unwrap_or(profile);
        if n.name == name || n.source.as_ref().is_some_and(|s| s.id == name) {
            return Some((n, p));
        }
        if let Some(x) = find(&n.subnets, name, p) {
            return Some(x);
        }
    }
    None
}

impl Plan {
    /// The /28 blocks of subnet `name` (its IPv4 range) and what is in each.
    ///
    /// ```
    /// use cidrplan::document::Plan;
    /// let p = Plan::from_text("version: 1\nnetworks:\n  - name: vpc\n    profile: aws\n    cidr: 10.0.0.0/16\n    subnets:\n      - name: s\n        cidr: 10.0.0.0/26\n        used: [{cidr: 10.0.0.20/32, by: eni-1}, {cidr: 10.0.0.32/28, by: eni-2}]\n", "p")?;
    /// let m = p.subnet_map("s")?;
    /// let states: Vec<&str> = m.blocks.iter().map(|b| b.state).collect();
    /// assert_eq!(states, ["reserved", "partial", "delegated", "reserved"]); // AWS reserves .0-.3 and the last
    /// # Ok::<(), cidrplan::Error>(())
    /// ```
    pub fn subnet_map(&self, name: &str) -> Result<SubnetMap> {
        let (net, profile) = find(&self.networks, name, crate::AddressProfile::Standard)
            .ok_or_else(|| Error::InvalidArgument(format!("the plan has no subnet {:?}", crate::parse::echo(name))))?;
        let cidr = *net
            .cidr
            .iter()
            .find(|c| Family::of(c) == Family::V4 && c.prefix_len() <= 28)
            .ok_or_else(|| Error::InvalidArgument(format!("{name} has no IPv4 range of /28 or larger to map")))?;
        let count = 1usize << (28 - cidr.prefix_len());
        if count > MAX_MAP_BLOCKS {
            return Err(Error::LimitExceeded(format!(
                "{name} ({cidr}) has {count} /28 blocks; a map draws at most {MAX_MAP_BLOCKS} (a /12)"
            )));
        }
        let reserved: Vec<u128> = profile
            .inspect(&cidr)
            .map(|i| i.reserved.iter().map(|r| first(&ipnet::IpNet::from(r.address))).collect())
            .unwrap_or_default();
        let base = first(&cidr);
        let mut blocks: Vec<Block> = (0..count)
            .map(|i| Block {
                block: make_net(Family::V4, base + (i as u128) * 16, 28).to_string(),
                state: "free",
                used: 0,
                by: Vec::new(),
            })
            .collect();
        let mut has_reserved = vec![false; count];
        for r in &reserved {
            has_reserved[((r - base) / 16) as usize] = true;
        }
        for u in net.used.iter().filter(|u| cidr.contains(&u.cidr)) {
            let start = first(&u.cidr);
            let span = 1u128 << (32 - u.cidr.prefix_len().max(cidr.prefix_len()) as u32);
            let (lo, hi) = (((start - base) / 16) as usize, ((start - base + span - 1) / 16) as usize);
            for b in blocks.iter_mut().take(hi + 1).skip(lo) {
                if u.cidr.prefix_len() <= 28 {
                    b.state = "delegated";
                    b.used = 16;
                } else {
                    b.used += span as u32;
                }
                if !b.by.contains(&u.by) {
                    b.by.push(u.by.clone());
                }
            }
        }
        for (i, b) in blocks.iter_mut().enumerate() {
            if b.state == "delegated" {
                continue;
            }
            let reserved_here = reserved.iter().filter(|r| (**r - base) / 16 == i as u128).count() as u32;
            b.state = match (b.used, has_reserved[i]) {
                (0, false) => "free",
                (0, true) => "reserved",
                (n, _) if n + reserved_here >= 16 => "full",
                _ => "partial",
            };
        }
        Ok(SubnetMap { subnet: net.name.clone(), cidr: cidr.to_string(), blocks })
    }
}
