#![no_main]
//! Plan documents from arbitrary text: reading never panics; a plan that reads is
//! checked, carved and exported without panicking; carved ranges stay inside their
//! parents and apart from each other; the printed YAML and JSON read back as the same
//! plan; writing placements into the text gives the same plan.
use cidrplan::document::{write_placements, ExportFormat, Plan};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(plan) = Plan::from_text(text, "fuzz.yaml") else { return };
    let report = plan.check();
    assert_eq!(report.summary.errors + report.summary.warnings + report.summary.info, report.findings.len());
    let Ok(carved) = plan.carve() else { return };
    for f in [ExportFormat::Terraform, ExportFormat::Csv, ExportFormat::Markdown, ExportFormat::Json] {
        let _ = carved.plan.export(f);
    }
    for n in &carved.plan.networks {
        for s in &n.subnets {
            for c in &s.cidr {
                // a carved subnet sits inside its network (given subnets may not: that is a finding)
                if carved.placements.iter().any(|p| p.cidr == *c && p.kind == "subnet") {
                    assert!(n.cidr.iter().any(|p| p.contains(c)), "{c} outside {}", n.name);
                }
            }
        }
    }
    let value = |p: &Plan| serde_json::to_value(p).unwrap();
    let yaml = carved.plan.to_yaml();
    let again = Plan::from_text(&yaml, "carved.yaml").unwrap_or_else(|e| panic!("printed YAML does not read back: {e}\n{yaml}"));
    assert_eq!(value(&again), value(&carved.plan));
    let json = Plan::from_text(&carved.plan.to_json(), "carved.json").unwrap();
    assert_eq!(value(&json), value(&carved.plan));
    if let Ok(written) = write_placements(text, "fuzz.yaml", &carved.placements) {
        if let Ok(w) = Plan::from_text(&written, "fuzz.yaml") {
            assert_eq!(value(&w), value(&carved.plan), "carve --write differs from carve\n{written}");
        }
    }
});
