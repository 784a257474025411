#![no_main]
use cidrplan::PrefixSet;
use libfuzzer_sys::fuzz_target;
#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let mut b = common::Bytes(data);
    let a = b.nets(24);
    let c = b.nets(24);
    let (x, y) = (PrefixSet::from_prefixes(a.iter().copied()), PrefixSet::from_prefixes(c.iter().copied()));
    assert_eq!(x.union(&y).difference(&y), x.difference(&y));
    assert_eq!(x.difference(&y).union(&x.intersection(&y)), x);
    assert_eq!(PrefixSet::from_prefixes(x.prefixes()), x);
    assert_eq!(x.prefix_count(), x.prefixes().len());
    let _ = x.complement(cidrplan::Family::V4).complement(cidrplan::Family::V6);
    if let Ok(col) = cidrplan::collapse(&a) {
        assert_eq!(PrefixSet::from_prefixes(col), x);
    }
    if let Some(first) = a.first() {
        if let Ok(rest) = cidrplan::exclude(first, &c) {
            assert!(!PrefixSet::from_prefixes(rest).overlaps_set(&y));
        }
    }
    let _ = cidrplan::spanning_cidr(&a);
    let (lo, hi) = (b.net(), b.net());
    let _ = cidrplan::range_to_cidrs(lo.network(), hi.broadcast());
});
