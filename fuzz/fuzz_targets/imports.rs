#![no_main]
//! Cloud, Terraform and NetBox exports from arbitrary bytes: every importer either refuses the
//! text with a message or gives a plan that checks, maps its subnets and prints YAML
//! that reads back as the same plan; never a panic.
use cidrplan::document::{import::Source, Plan};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let sources = [Source::Aws, Source::Azure, Source::Gcp, Source::Terraform, Source::Kubectl, Source::Netbox];
    let source = sources[which as usize % sources.len()];
    let Ok(plan) = Plan::import(source, &[(text, "fuzz.json")]) else { return };
    let report = plan.check();
    for s in &report.subnets {
        let _ = plan.subnet_map(&s.subnet);
    }
    let yaml = plan.to_yaml();
    let again = Plan::from_text(&yaml, "imported.yaml").unwrap_or_else(|e| panic!("imported plan does not read back: {e}\n{yaml}"));
    assert_eq!(serde_json::to_value(&again).unwrap(), serde_json::to_value(&plan).unwrap());
    let _ = plan.diff(&again);
});
