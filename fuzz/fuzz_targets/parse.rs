#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(p) = cidrplan::parse_prefix(text) {
        // what strict parsing accepts prints back to itself
        assert_eq!(cidrplan::parse_prefix(&p.to_string()).ok(), Some(p));
        assert_eq!(cidrplan::parse_prefix_lenient(text).ok(), Some(p));
    }
    let _ = cidrplan::parse_prefix_lenient(text);
    let _ = cidrplan::parse_address(text);
    let _ = cidrplan::parse_range(text);
    let _ = text.parse::<cidrplan::AddressProfile>();
    let _ = text.parse::<cidrplan::plan::Platform>();
    let _ = text.parse::<cidrplan::aks::Surge>();
    let _ = text.parse::<cidrplan::aks::Mode>();
    let _ = cidrplan::eks::instance_type(text);
});
