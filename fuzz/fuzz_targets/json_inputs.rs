#![no_main]
// The JSON the page and the Python package accept for structured inputs.
use cidrplan::{aks, eks, gke, plan};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // the friendly-error reader the bindings use
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(e) = cidrplan::input::from_json::<plan::Requirement>(text, "requirement") {
            assert_eq!(e.kind(), "invalid-argument");
        }
        let _ = cidrplan::input::from_json::<aks::Cluster>(text, "cluster");
    }
    if let Ok(r) = serde_json::from_slice::<plan::Requirement>(data) {
        for p in plan::Platform::all("m5.large") {
            let _ = plan::size(&p, &r);
        }
        if let Ok(vpc) = cidrplan::parse_prefix("10.0.0.0/16") {
            let _ = plan::carve(&vpc, &plan::Platform::Aks { mode: aks::Mode::AzureCni }, &r);
        }
    }
    if let Ok(c) = serde_json::from_slice::<aks::Cluster>(data) {
        let _ = aks::validate(&c);
    }
    if let Ok(o) = serde_json::from_slice::<eks::MaxPodsOptions>(data) {
        let _ = eks::max_pods("m5.large", &o);
    }
    if let Ok(w) = serde_json::from_slice::<eks::WarmPool>(data) {
        if let Ok(t) = eks::instance_type("c5.large") {
            let _ = eks::node_subnet_ips(t, 20, true, &w);
        }
    }
    if let Ok(s) = serde_json::from_slice::<gke::ClusterShape>(data) {
        let _ = gke::cluster_max_nodes(&s);
    }
    if let Ok(v) = serde_json::from_slice::<Vec<cidrplan::VlsmRequest>>(data) {
        if let Ok(base) = cidrplan::parse_prefix("10.0.0.0/16") {
            let _ = cidrplan::vlsm(&base, &v, cidrplan::AddressProfile::Aws);
        }
    }
    if let Ok(v) = serde_json::from_slice::<Vec<cidrplan::NamedSlot>>(data) {
        if let Ok(base) = cidrplan::parse_prefix("10.0.0.0/8") {
            let _ = cidrplan::named_subnets(&base, &v);
        }
    }
});
