//! Properties that must hold for any input (proptest).

#![allow(clippy::unwrap_used)]

use cidrplan::{Strategy as Fit, *};
use ipnet::{IpNet, Ipv4Net, Ipv6Net};
use proptest::prelude::*;
use proptest::strategy::Strategy;
use std::net::{Ipv4Addr, Ipv6Addr};

fn v4net() -> impl Strategy<Value = IpNet> {
    (any::<u32>(), 0u8..=32).prop_map(|(a, l)| IpNet::V4(Ipv4Net::new(Ipv4Addr::from(a), l).unwrap().trunc()))
}

/// Prefixes clustered inside 10.0.0.0/16 so that they overlap and touch often.
fn clustered_v4() -> impl Strategy<Value = IpNet> {
    (0u32..65536, 16u8..=32)
        .prop_map(|(a, l)| IpNet::V4(Ipv4Net::new(Ipv4Addr::from(0x0a00_0000 | a), l).unwrap().trunc()))
}

fn v6net() -> impl Strategy<Value = IpNet> {
    (any::<u128>(), 0u8..=128).prop_map(|(a, l)| IpNet::V6(Ipv6Net::new(Ipv6Addr::from(a), l).unwrap().trunc()))
}

fn count(v: &[IpNet]) -> u128 {
    v.iter().map(|p| 1u128 << (32 - p.prefix_len())).sum()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn collapse_is_idempotent_and_keeps_addresses(nets in prop::collection::vec(clustered_v4(), 0..40)) {
        let c = collapse(&nets).unwrap();
        prop_assert_eq!(collapse(&c).unwrap(), c.clone());
        let a = PrefixSet::from_prefixes(nets.iter().copied());
        let b = PrefixSet::from_prefixes(c.iter().copied());
        prop_assert_eq!(a, b);
        // sorted and disjoint
        for w in c.windows(2) {
            prop_assert!(w[0].broadcast() < w[1].network());
        }
    }

    #[test]
    fn collapse_v6_keeps_addresses(nets in prop::collection::vec(v6net(), 0..20)) {
        let c = collapse(&nets).unwrap();
        prop_assert_eq!(PrefixSet::from_prefixes(nets.iter().copied()), PrefixSet::from_prefixes(c.iter().copied()));
    }

    #[test]
    fn exclude_plus_excluded_is_the_original(base in clustered_v4(), remove in prop::collection::vec(clustered_v4(), 0..10)) {
        let rest = exclude(&base, &remove).unwrap();
        let removed_inside = PrefixSet::from_prefixes([base]).intersection(&PrefixSet::from_prefixes(remove.iter().copied()));
        let rebuilt = PrefixSet::from_prefixes(rest.iter().copied()).union(&removed_inside);
        prop_assert_eq!(rebuilt, PrefixSet::from_prefixes([base]));
        prop_assert!(!PrefixSet::from_prefixes(rest.iter().copied()).overlaps_set(&removed_inside));
        let mut sorted = rest.clone();
        sorted.sort();
        prop_assert_eq!(sorted, rest);
    }

    #[test]
    fn split_children_are_disjoint_and_cover(base in v4net(), extra in 0u8..=8) {
        let new_len = (base.prefix_len() + extra).min(32);
        let kids = split_to_vec(&base, new_len, 1 << 12).unwrap();
        prop_assert_eq!(kids.len() as u128, 1u128 << (new_len - base.prefix_len()));
        for w in kids.windows(2) {
            prop_assert!(w[0].broadcast() < w[1].network());
        }
        prop_assert_eq!(PrefixSet::from_prefixes(kids.iter().copied()), PrefixSet::from_prefixes([base]));
    }

    #[test]
    fn allocation_stays_inside_and_never_overlaps(
        used in prop::collection::vec(clustered_v4(), 0..12),
        lens in prop::collection::vec(20u8..=30, 1..8),
        best in any::<bool>(),
    ) {
        let parent: IpNet = "10.0.0.0/16".parse().unwrap();
        let reqs: Vec<AllocationRequest> = lens.iter().map(|&l| AllocationRequest { name: String::new(), prefix_len: l }).collect();
        let strategy = if best { Fit::BestFit } else { Fit::FirstFit };
        if let Ok(r) = allocate(&parent, &used, &reqs, strategy) {
            let used_set = PrefixSet::from_prefixes(used.iter().copied());
            let mut seen = PrefixSet::new();
            for (s, want) in r.subnets.iter().zip(&lens) {
                prop_assert_eq!(s.prefix.prefix_len(), *want);
                prop_assert!(parent.contains(&s.prefix));
                prop_assert!(!used_set.overlaps(&s.prefix));
                prop_assert!(!seen.overlaps(&s.prefix));
                seen = seen.union(&PrefixSet::from_prefixes([s.prefix]));
            }
            // holes + remaining + new + used (inside parent) = parent
            let all = seen.union(&PrefixSet::from_prefixes(r.holes.iter().chain(&r.remaining).copied()))
                .union(&used_set.intersection(&PrefixSet::from_prefixes([parent])));
            prop_assert_eq!(all, PrefixSet::from_prefixes([parent]));
        } else {
            // refused as a whole: a typed does-not-fit, and the free space really lacks room
            let err = allocate(&parent, &used, &reqs, strategy).unwrap_err();
            prop_assert_eq!(err.kind(), "does-not-fit");
            let free: u128 = count(&free_space(&parent, &used).unwrap());
            let asked: u128 = lens.iter().map(|l| 1u128 << (32 - l)).sum();
            let largest_free = free_space(&parent, &used).unwrap().iter().map(|p| p.prefix_len()).min();
            prop_assert!(asked > free || largest_free.is_none_or(|l| lens.iter().any(|&want| want < l)) || lens.len() > 1);
        }
    }

    #[test]
    fn best_fit_never_fragments_more_than_first_fit(used in prop::collection::vec(clustered_v4(), 0..16), len in 16u8..=32) {
        let parent: IpNet = "10.0.0.0/16".parse().unwrap();
        let req = [AllocationRequest { name: String::new(), prefix_len: len }];
        let ff = allocate(&parent, &used, &req, Fit::FirstFit);
        let bf = allocate(&parent, &used, &req, Fit::BestFit);
        prop_assert_eq!(ff.is_ok(), bf.is_ok());
        if let (Ok(ff), Ok(bf)) = (ff, bf) {
            let frag = |r: &CarveReport| r.holes.len() + r.remaining.len();
            let free_after = |p: IpNet| free_space(&parent, &[used.clone(), vec![p]].concat()).unwrap().len();
            prop_assert!(free_after(bf.subnets[0].prefix) <= free_after(ff.subnets[0].prefix));
            prop_assert_eq!(frag(&bf), free_after(bf.subnets[0].prefix));
        }
    }

    #[test]
    fn first_fit_is_the_lowest_aligned_free_block(used in prop::collection::vec(clustered_v4(), 0..10), len in 18u8..=26) {
        let parent: IpNet = "10.0.0.0/16".parse().unwrap();
        let used_set = PrefixSet::from_prefixes(used.iter().copied());
        let lowest = split(&parent, len).unwrap().find(|c| !used_set.overlaps(c));
        let got = allocate_one(&parent, &used, len, Fit::FirstFit).ok();
        prop_assert_eq!(got, lowest);
    }

    #[test]
    fn overlaps_match_brute_force(nets in prop::collection::vec(clustered_v4(), 0..30)) {
        let named: Vec<NamedPrefix> = nets.iter().enumerate().map(|(i, p)| NamedPrefix::new(i.to_string(), *p)).collect();
        let got = find_overlaps(&named).unwrap();
        let mut brute = 0;
        for i in 0..nets.len() {
            for j in (i + 1)..nets.len() {
                if nets[i].contains(&nets[j]) || nets[j].contains(&nets[i]) {
                    brute += 1;
                }
            }
        }
        prop_assert_eq!(got.len(), brute);
        for o in &got {
            prop_assert!(o.a_prefix.contains(&o.b_prefix));
        }
    }

    #[test]
    fn set_algebra_laws(a in prop::collection::vec(clustered_v4(), 0..10), b in prop::collection::vec(clustered_v4(), 0..10)) {
        let (x, y) = (PrefixSet::from_prefixes(a), PrefixSet::from_prefixes(b));
        prop_assert_eq!(x.union(&y).difference(&y), x.difference(&y));
        prop_assert_eq!(x.intersection(&y), y.intersection(&x));
        prop_assert_eq!(x.difference(&y).union(&x.intersection(&y)), x.clone());
        prop_assert_eq!(x.complement(Family::V4).complement(Family::V4), x.clone());
        prop_assert!(x.intersection(&y).is_subset(&x));
    }

    #[test]
    fn cidrsubnets_blocks_are_aligned_ordered_and_inside(bits in prop::collection::vec(1u8..=8, 1..10)) {
        let base: IpNet = "10.0.0.0/16".parse().unwrap();
        if let Ok(v) = cidrsubnets(&base, &bits) {
            for (p, nb) in v.iter().zip(&bits) {
                prop_assert_eq!(p.prefix_len(), 16 + nb);
                prop_assert!(base.contains(p));
            }
            for w in v.windows(2) {
                prop_assert!(w[0].broadcast() < w[1].network());
            }
        }
    }

    #[test]
    fn parse_never_panics(s in ".{0,64}") {
        let _ = parse_prefix(&s);
        let _ = parse_prefix_lenient(&s);
        let _ = parse_address(&s);
        let _ = parse_range(&s);
    }

    #[test]
    fn ipv4_fast_path_agrees_with_full_parser(a in 0u32..300, b in 0u32..300, c in 0u32..300, d in 0u32..300, l in 0u32..40, z in any::<bool>()) {
        let s = if z { format!("{a}.{b}.{c}.0{d}/{l}") } else { format!("{a}.{b}.{c}.{d}/{l}") };
        // a leading space skips the fast path, so this compares the two parsers
        prop_assert_eq!(parse_prefix(&s), parse_prefix(&format!(" {s}")).map_err(|e| match e {
            Error::HostBitsSet { suggestion, .. } => Error::HostBitsSet { input: s.clone(), suggestion },
            Error::Parse { expected, reason, .. } => Error::Parse { input: s.clone(), expected, reason },
            other => other,
        }));
    }

    #[test]
    fn bulk_text_is_display(nets in prop::collection::vec(prop_oneof![v4net(), v6net()], 0..20)) {
        let want: Vec<String> = nets.iter().map(|n| n.to_string()).collect();
        prop_assert_eq!(prefixes_to_text(&nets, ','), want.join(","));
    }

    #[test]
    fn parse_display_round_trips(n in prop_oneof![v4net(), v6net()]) {
        prop_assert_eq!(parse_prefix(&n.to_string()).unwrap(), n);
    }
}
