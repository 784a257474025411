#![no_main]
use cidrplan::{NamedPrefix, ReservedSet};
use libfuzzer_sys::fuzz_target;
#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let mut b = common::Bytes(data);
    let nets = b.nets(64);
    let named: Vec<NamedPrefix> = nets.iter().enumerate().map(|(i, p)| NamedPrefix::new(i.to_string(), *p)).collect();
    if let Ok(pairs) = cidrplan::find_overlaps_limited(&named, 10_000) {
        for o in &pairs {
            assert!(o.a_prefix.contains(&o.b_prefix));
        }
    }
    let _ = cidrplan::check_reserved(&named, &[ReservedSet::iana_special_purpose(), ReservedSet::aks_forbidden()]);
    for p in nets.iter().take(4) {
        let _ = cidrplan::classify(p);
    }
});
