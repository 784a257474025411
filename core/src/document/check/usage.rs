//! Addresses in use: per-subnet free addresses and aligned /28 blocks, and the
//! `usage.fragmented` warning.

use super::*;

impl Checker<'_> {
    /// Subnets with addresses in use: free addresses, free aligned /28s, and a warning
    /// where addresses are plenty but aligned /28s few (EKS prefix delegation then
    /// fails with InsufficientCidrBlocks although addresses are free).
    pub(super) fn usage(&mut self) {
        for i in 0..self.flat.len() {
            let f = self.flat[i];
            if f.net.used.is_empty() {
                continue;
            }
            // an address in use outside every range of its subnet: the export and the
            // subnet disagree (a stale subnet record, or an address typed by hand)
            let outside: Vec<&super::super::model::UsedRange> =
                f.net.used.iter().filter(|u| !f.net.cidr.iter().any(|c| c.contains(&u.cidr))).collect();
            if !outside.is_empty() {
                const NAMED: usize = 5;
                let list =
                    outside.iter().take(NAMED).map(|u| format!("{} ({})", u.cidr, u.by)).collect::<Vec<_>>().join(", ");
                let more = outside.len().saturating_sub(NAMED);
                self.push(
                    Severity::Warning,
                    "usage.outside-subnet",
                    format!(
                        "{} ({}): {} address{} in use lie{} outside it: {list}{}",
                        f.net.name,
                        cidr_text(&f.net.cidr).unwrap_or_default(),
                        outside.len(),
                        if outside.len() == 1 { "" } else { "es" },
                        if outside.len() == 1 { "s" } else { "" },
                        if more > 0 { format!(" and {more} more") } else { String::new() }
                    ),
                    vec![self.network_obj(i)],
                    Some("export the subnets and interfaces again at the same time, or correct the addresses".into()),
                );
            }
            for net in f.net.cidr.iter().filter(|c| Family::of(c) == Family::V4 && c.prefix_len() <= 28) {
                let Ok(info) = f.profile.inspect(net) else { continue };
                let mut taken: Vec<IpNet> = f.net.used.iter().map(|u| u.cidr).filter(|u| net.contains(u)).collect();
                let used_set = PrefixSet::from_prefixes(taken.iter().copied());
                let used = used_set.ipv4_address_count() as u128;
                taken.extend(info.reserved.iter().map(|r| IpNet::from(r.address)));
                let all = PrefixSet::from_prefixes(taken.iter().copied());
                let total = 1u128 << (32 - net.prefix_len());
                let free = total.saturating_sub(all.ipv4_address_count() as u128);
                let free28 = crate::free_aligned_blocks(net, &taken, 28).unwrap_or(0);
                let largest = crate::free_space(net, &taken)
                    .ok()
                    .and_then(|v| v.into_iter().min_by_key(|p| (p.prefix_len(), crate::addr::first(p))));
                // the /28s held by a few single addresses (not by a delegated prefix)
                let mut blocks: BTreeMap<u128, (u32, Vec<String>)> = BTreeMap::new();
                let mut whole: HashSet<u128> = HashSet::new();
                for u in f.net.used.iter().filter(|u| net.contains(&u.cidr)) {
                    let start = crate::addr::first(&u.cidr) & !0xf;
                    if u.cidr.prefix_len() <= 28 {
                        whole.insert(start);
                        continue;
                    }
                    let e = blocks.entry(start).or_default();
                    e.0 += 1;
                    if !e.1.contains(&u.by) {
                        e.1.push(u.by.clone());
                    }
                }
                let reserved_blocks: HashSet<u128> =
                    info.reserved.iter().map(|r| crate::addr::first(&IpNet::from(r.address)) & !0xf).collect();
                let mut blockers: Vec<Blocker> = blocks
                    .into_iter()
                    .filter(|(s, _)| !whole.contains(s) && !reserved_blocks.contains(s))
                    .map(|(s, (n, by))| Blocker {
                        block: crate::addr::make_net(Family::V4, s, 28).to_string(),
                        used: n,
                        by,
                    })
                    .collect();
                blockers.sort_by_key(|b| b.used);
                blockers.truncate(20);
                let usable = info.usable;
                let free_usable = free.min(usable);
                if free_usable >= 32 && free28 * 16 * 2 < free_usable {
                    let drain: Vec<String> =
                        blockers.iter().filter(|b| b.used <= 2).flat_map(|b| b.by.clone()).take(5).collect();
                    let hint = if drain.is_empty() {
                        String::new()
                    } else {
                        format!("; draining {} would free aligned /28s", drain.join(", "))
                    };
                    self.push(
                        Severity::Warning,
                        "usage.fragmented",
                        format!("{} ({net}): {free_usable} addresses free but only {free28} aligned /28 block{} free: EKS prefix delegation needs whole /28s and fails with InsufficientCidrBlocks{hint}", f.net.name, if free28 == 1 { "" } else { "s" }),
                        vec![FindingObject { cidr: Some(net.to_string()), ..self.network_obj(i) }],
                        Some("drain the interfaces that hold single addresses in otherwise free /28s, or add a subnet for prefix delegation (or a /28 reservation with a subnet CIDR reservation)".into()),
                    );
                }
                self.subnets.push(SubnetUsage {
                    subnet: f.net.name.clone(),
                    cidr: net.to_string(),
                    usable,
                    used,
                    free: free_usable,
                    free_aligned_28: free28,
                    largest_free: largest.map(|p| p.to_string()),
                    blockers,
                });
            }
        }
    }
}
