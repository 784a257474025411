#![no_main]
use cidrplan::{AllocationRequest, PrefixSet, Strategy};
use libfuzzer_sys::fuzz_target;
#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let mut b = common::Bytes(data);
    let parent = b.net();
    let used = b.nets(16);
    let _ = cidrplan::free_space(&parent, &used);
    let _ = cidrplan::free_aligned_blocks(&parent, &used, b.u8());
    let reqs: Vec<AllocationRequest> = (0..b.u8() % 16).map(|_| AllocationRequest { name: String::new(), prefix_len: b.u8() }).collect();
    let strategy = if b.bool() { Strategy::BestFit } else { Strategy::FirstFit };
    if let Ok(r) = cidrplan::allocate(&parent, &used, &reqs, strategy) {
        let used_set = PrefixSet::from_prefixes(used.iter().copied());
        let mut seen = PrefixSet::new();
        for s in &r.subnets {
            assert!(parent.contains(&s.prefix));
            assert!(!used_set.overlaps(&s.prefix) && !seen.overlaps(&s.prefix));
            seen = seen.union(&PrefixSet::from_prefixes([s.prefix]));
        }
    }
});
