//! Spaces and reservations: networks outside their space, prefix lengths a space does
//! not allow, overlapping spaces and reservations; how much of each space is used.

use super::*;

impl Checker<'_> {
    pub(super) fn spaces_and_reservations(&mut self) {
        let plan = self.plan;
        // spaces overlapping each other
        let sp: Vec<IpNet> = plan.spaces.iter().map(|s| s.cidr).collect();
        // past the pair bound, a plan.limit error says so (never a silent skip)
        if let Some(pairs) = self.overlapping_pairs(&sp) {
            for (a, b) in pairs {
                let o = |i: usize| FindingObject {
                    id: None,
                    kind: "space",
                    name: plan.spaces[i].name.clone(),
                    cidr: Some(plan.spaces[i].cidr.to_string()),
                    at: plan.spaces[i].at.clone(),
                };
                self.push(
                    Severity::Warning,
                    "space.overlap",
                    format!(
                        "spaces {} ({}) and {} ({}) overlap: two owners may hand out the same addresses",
                        plan.spaces[a].name, sp[a], plan.spaces[b].name, sp[b]
                    ),
                    vec![o(a), o(b)],
                    Some("nest the smaller space deliberately or renumber it".into()),
                );
            }
        }
        for r in &plan.reservations {
            if let (Some(c), Some(si)) =
                (r.cidr, r.space.as_deref().and_then(|s| plan.spaces.iter().position(|x| x.name == s)))
            {
                if !plan.spaces[si].cidr.contains(&c) {
                    let s = &plan.spaces[si];
                    self.push(
                        Severity::Error,
                        "space.outside",
                        format!("reservation {} ({c}) is not inside its space {} ({})", r.name, s.name, s.cidr),
                        vec![FindingObject {
                            id: None,
                            kind: "reservation",
                            name: r.name.clone(),
                            cidr: Some(c.to_string()),
                            at: r.at.clone(),
                        }],
                        None,
                    );
                }
            }
        }
    }

    pub(super) fn space_usage(&mut self) {
        let plan = self.plan;
        let mut taken: Vec<IpNet> = Vec::new();
        for f in &self.flat {
            if f.parent.is_none() {
                taken.extend(f.net.cidr.iter().copied());
            }
        }
        taken.extend(plan.reservations.iter().filter_map(|r| r.cidr));
        for ranges in &self.cluster_ranges {
            taken.extend(ranges.iter().map(|r| r.2));
        }
        let taken = PrefixSet::from_prefixes(taken);
        for s in &plan.spaces {
            let space = PrefixSet::from_prefixes([s.cidr]);
            let used = space.intersection(&taken);
            let free = space.difference(&taken);
            let total_bits = Family::of(&s.cidr).bits() - s.cidr.prefix_len();
            let used_count = exact_count(&used);
            let free_percent = percent_free(&free, total_bits);
            let largest_free = free.prefixes().into_iter().min_by_key(|p| (p.prefix_len(), crate::addr::first(p)));
            if let Some(min) = plan.policies.min_headroom_percent {
                if free_percent < min {
                    self.push(
                        Severity::Warning,
                        "policy.headroom",
                        format!("space {} ({}) is {}% free; the policy asks for {min}%", s.name, s.cidr, free_percent),
                        vec![FindingObject {
                            id: None,
                            kind: "space",
                            name: s.name.clone(),
                            cidr: Some(s.cidr.to_string()),
                            at: s.at.clone(),
                        }],
                        Some("add a space or release ranges".into()),
                    );
                }
            }
            self.spaces.push(SpaceUsage {
                space: s.name.clone(),
                cidr: s.cidr.to_string(),
                addresses: if total_bits >= 128 {
                    "340282366920938463463374607431768211456".into()
                } else {
                    (1u128 << total_bits).to_string()
                },
                used: used_count,
                free_percent,
                largest_free: largest_free.map(|p| p.to_string()),
            });
        }
    }
}

fn exact_count(set: &PrefixSet) -> String {
    set.address_count_decimal()
}

fn percent_free(free: &PrefixSet, total_bits: u8) -> u8 {
    // exact in integers: sum of 2^(host bits) scaled to the space, floor percent
    let mut num: u128 = 0;
    for p in free.prefixes() {
        let bits = Family::of(&p).bits() - p.prefix_len();
        // share of the space as a fraction of 2^total_bits; shift to keep 100x in range
        let shift = total_bits.saturating_sub(bits);
        if shift < 100 {
            num = num.saturating_add((100u128 << 20) >> shift.min(127));
        }
    }
    (num >> 20).min(100) as u8
}
