#![no_main]
use libfuzzer_sys::fuzz_target;
#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let mut b = common::Bytes(data);
    let base = b.net();
    let len = b.u8();
    if let Ok(it) = cidrplan::split(&base, len) {
        for sub in it.take(64) {
            assert!(base.contains(&sub));
        }
    }
    let _ = cidrplan::split_to_vec(&base, len, 4096);
    // a limit past the bound is refused before anything is built
    assert!(cidrplan::split_to_vec(&base, len, b.u64() | (1 << 23)).is_err());
    let _ = cidrplan::supernet(&base, len);
    let _ = cidrplan::cidrsubnet(&base, b.u8(), b.u128());
    let _ = cidrplan::cidrhost(&base, b.u128() as i128);
    let bits: Vec<u8> = (0..b.u8() % 12).map(|_| b.u8() % 40).collect();
    if let Ok(v) = cidrplan::cidrsubnets(&base, &bits) {
        for w in v.windows(2) {
            assert!(w[0].broadcast() < w[1].network());
        }
    }
    let _ = cidrplan::cidrsubnets_report(&base, &bits);
    let profile = cidrplan::AddressProfile::ALL[b.u8() as usize % 6];
    let _ = cidrplan::inspect(&base, profile);
    let _ = profile.prefix_for_hosts(cidrplan::Family::of(&base), b.u128());
    let reqs: Vec<cidrplan::VlsmRequest> = (0..b.u8() % 8)
        .map(|i| cidrplan::VlsmRequest {
            name: i.to_string(),
            size: if b.bool() { cidrplan::SubnetSize::Hosts(b.u64() as u128 % 100_000) } else { cidrplan::SubnetSize::PrefixLen(b.u8()) },
        })
        .collect();
    if let Ok(r) = cidrplan::vlsm(&base, &reqs, profile) {
        assert_eq!(r.subnets.len(), reqs.len());
    }
});
