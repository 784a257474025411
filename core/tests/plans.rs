//! The plan-document golden cases (tests/golden/plans/expected.json): every plan gives
//! exactly its findings, every unusable plan exactly its error.

#![allow(clippy::unwrap_used)]

use cidrplan::document::Plan;
use serde_json::Value;
use std::path::PathBuf;

fn dir() -> PathBuf {
    // core/tests/golden links to the repository's tests/golden (and core/examples/plans to the
    // example plans), so the packaged crate carries both
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/plans")
}

fn findings_of(plan: &Plan) -> Vec<Value> {
    plan.check()
        .findings
        .iter()
        .map(|f| {
            serde_json::json!({
                "severity": f.severity.name(),
                "rule": f.rule,
                "objects": f.objects.iter().map(|o| o.name.clone()).collect::<Vec<_>>(),
                "at": f.objects.iter().find_map(|o| o.at.as_ref().map(|a| a.to_string())),
            })
        })
        .collect()
}

#[test]
fn every_plan_case() {
    let expected: Value = serde_json::from_str(&std::fs::read_to_string(dir().join("expected.json")).unwrap()).unwrap();
    let cases = expected["cases"].as_array().unwrap();
    assert!(cases.len() >= 20);
    for case in cases {
        let path = dir().join(case["plan"].as_str().unwrap());
        let text = std::fs::read_to_string(&path).unwrap();
        let file = case["file"].as_str().unwrap();
        match case["op"].as_str().unwrap() {
            "document.check" => {
                let plan = Plan::from_text(&text, file).unwrap_or_else(|e| panic!("{file}: {e}"));
                let got = findings_of(&plan);
                assert_eq!(Value::Array(got), case["findings"], "{file}");
                let report = plan.check();
                assert_eq!(report.is_clean(), case["exit"] == 0, "{file}");
                // a report reads back as itself
                let back = cidrplan::document::Report::from_json(&serde_json::to_string(&report).unwrap());
                assert_eq!(back.as_ref(), Ok(&report), "{file}");
            }
            "document.from_text" => {
                let e = Plan::from_text(&text, file).unwrap_err();
                assert_eq!(e.kind(), case["error"]["kind"], "{file}");
                assert_eq!(e.to_string(), case["error"]["message"], "{file}");
                // the place and path are fields too, not only text
                let at = e.location().unwrap_or_else(|| panic!("{file}: no location"));
                let want = &case["error"]["at"];
                assert_eq!(
                    (at.file.as_str(), at.line, at.column, at.width),
                    (
                        file,
                        want["line"].as_u64().unwrap() as u32,
                        want["column"].as_u64().unwrap() as u32,
                        want["width"].as_u64().unwrap() as u32
                    ),
                    "{file}"
                );
                assert_eq!(at.path.as_deref(), want["path"].as_str(), "{file}");
                assert_eq!(serde_json::json!(e.suggestions()), case["error"]["suggestions"], "{file}");
            }
            other => panic!("unknown op {other}"),
        }
    }
}

#[test]
fn examples_carve_then_check_clean_and_carving_is_stable() {
    for name in ["startup-eks", "aks-hub-spoke", "multicloud"] {
        let path = dir().join(format!("../../../examples/plans/{name}.yaml"));
        let text = std::fs::read_to_string(&path).unwrap();
        let plan = Plan::from_text(&text, name).unwrap();
        let carved = plan.carve().unwrap();
        assert!(!carved.placements.is_empty(), "{name} has sized entries");
        // the printed plan reads back as the same plan and checks clean
        let yaml = carved.plan.to_yaml();
        let again = Plan::from_text(&yaml, "carved.yaml").unwrap();
        assert!(again.check().is_clean(), "{name}");
        assert!(again.carve().unwrap().placements.is_empty(), "{name}: a carved plan has nothing left to place");
        assert_eq!(strip(&again), strip(&carved.plan), "{name}: YAML round trip");
        // the same plan always carves the same way
        assert_eq!(plan.carve().unwrap().placements, carved.placements);
        // the in-place edit gives the same ranges
        let written = cidrplan::document::write_placements(&text, name, &carved.placements).unwrap();
        let w = Plan::from_text(&written, name).unwrap();
        assert_eq!(strip(&w), strip(&carved.plan), "{name}: --write");
        // JSON round trip
        let j = Plan::from_text(&carved.plan.to_json(), "carved.json").unwrap();
        assert_eq!(strip(&j), strip(&carved.plan));
    }
}

/// The plan without positions (which differ between files).
fn strip(p: &Plan) -> Value {
    serde_json::to_value(p).unwrap()
}

#[test]
fn ranges_with_a_cidr_never_move() {
    let text = "version: 1\nspaces: [{name: s, cidr: 10.0.0.0/16}]\nnetworks:\n  - {name: fixed, space: s, cidr: 10.0.128.0/24}\n  - {name: a, space: s, size: 17}\n  - {name: b, space: s, size: 24}\n";
    let c = Plan::from_text(text, "p").unwrap().carve().unwrap();
    assert_eq!(c.plan.networks[0].cidr[0].to_string(), "10.0.128.0/24");
    assert_eq!(c.plan.networks[1].cidr[0].to_string(), "10.0.0.0/17");
    assert_eq!(c.plan.networks[2].cidr[0].to_string(), "10.0.129.0/24");
    assert!(c.plan.check().is_clean());
}

#[test]
fn ipv6_carving_is_nibble_aligned_for_host_counts() {
    let text = "version: 1\nspaces: [{name: v6, cidr: \"2001:db8::/32\"}]\nnetworks:\n  - {name: a, space: v6, hosts: 1000}\n  - {name: b, space: v6, size: 48}\n";
    let c = Plan::from_text(text, "p").unwrap().carve().unwrap();
    // 1000 hosts need a /118; carved on a nibble: /116
    assert_eq!(c.plan.networks[0].cidr[0].prefix_len(), 116);
    assert_eq!(c.plan.networks[1].cidr[0].to_string(), "2001:db8::/48");
}

mod exports_round_trip {
    use cidrplan::document::Plan;
    use proptest::prelude::*;

    fn plan_with(names: &[String]) -> Plan {
        let mut v = serde_json::json!({"version": 1, "networks": []});
        for (i, n) in names.iter().enumerate() {
            v["networks"].as_array_mut().unwrap().push(serde_json::json!({
                "name": format!("{n}{i}"), "cidr": format!("10.{i}.0.0/16"), "zone": n, "tags": {"t": n}
            }));
        }
        Plan::from_value(&v, "p.json").unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        /// Names drawn from all of Unicode, controls included: the YAML and JSON exports read
        /// back as the same plan.
        #[test]
        fn yaml_and_json_read_back_the_same(names in proptest::collection::vec(any::<String>(), 1..6)) {
            let plan = plan_with(&names);
            let yaml = Plan::from_text(&plan.to_yaml(), "p.yaml").unwrap();
            prop_assert_eq!(serde_json::to_value(&yaml).unwrap(), serde_json::to_value(&plan).unwrap());
            let json = Plan::from_text(&plan.to_json(), "p.json").unwrap();
            prop_assert_eq!(serde_json::to_value(&json).unwrap(), serde_json::to_value(&plan).unwrap());
        }

        /// Words a YAML 1.1 reader takes for booleans, numbers or dates stay quoted.
        #[test]
        fn yaml_1_1_lookalikes_are_quoted(word in prop_oneof![
            Just("no".to_string()), Just("Yes".to_string()), Just("on".to_string()), Just("OFF".to_string()),
            Just("y".to_string()), Just("12:30".to_string()), Just("2024-01-01".to_string()), Just(".inf".to_string()),
            Just("010".to_string()), Just("1_000".to_string()), Just("0x1f".to_string()), Just("-.5".to_string()),
        ]) {
            let yaml = plan_with(std::slice::from_ref(&word)).to_yaml();
            prop_assert!(yaml.contains(&format!("zone: \"{word}\"")), "{}", yaml);
        }
    }
}

#[test]
fn a_carved_cluster_of_pools_checks_clean() {
    use cidrplan::plan::{Platform, Requirement};
    use cidrplan::pool::NodePool;
    for spec in ["aks/azure-cni", "eks/prefix-delegation/m5.large", "gke/standard", "aks/overlay"] {
        let platform: Platform = spec.parse().unwrap();
        let mut user = NodePool::new("user", 50);
        user.peak_nodes = Some(80);
        let req =
            Requirement { max_pods: Some(30), pools: vec![NodePool::new("system", 3), user], ..Requirement::new(0) };
        let p =
            cidrplan::document::Plan::for_cluster("prod", &"10.0.0.0/16".parse().unwrap(), &platform, &req).unwrap();
        assert_eq!(p.clusters[0].pools.len(), 2, "{spec}");
        let r = p.check();
        assert!(r.summary.errors == 0, "{spec}: {:?}", r.findings);
        assert_eq!(r.clusters[0].pools.len(), 2, "{spec}");
    }
}

#[test]
fn every_rule_a_golden_plan_reports_is_in_the_catalogue() {
    let expected: Value = serde_json::from_str(&std::fs::read_to_string(dir().join("expected.json")).unwrap()).unwrap();
    let mut seen = std::collections::BTreeSet::new();
    for case in expected["cases"].as_array().unwrap() {
        for f in case["findings"].as_array().into_iter().flatten() {
            seen.insert(f["rule"].as_str().unwrap().to_string());
        }
    }
    let missing: Vec<&String> = seen.iter().filter(|r| cidrplan::document::rule(r).is_none()).collect();
    assert!(missing.is_empty(), "rules reported but not in data/rules.csv: {missing:?}");
    // the severity a finding has is one its rule says
    for case in expected["cases"].as_array().unwrap() {
        for f in case["findings"].as_array().into_iter().flatten() {
            let r = cidrplan::document::rule(f["rule"].as_str().unwrap()).unwrap();
            assert!(
                r.severity.contains(f["severity"].as_str().unwrap()),
                "{}: {} is not {}",
                r.id,
                f["severity"],
                r.severity
            );
        }
    }
}

/// Placements as `(name, cidr)` text, for comparing carves.
fn placed(c: &cidrplan::document::Carved) -> Vec<(String, String)> {
    c.placements.iter().map(|p| (p.name.clone(), p.cidr.to_string())).collect()
}

#[test]
fn carving_keeps_what_an_earlier_carve_placed() {
    let text = |b: &str| {
        format!(
            "version: 1\nspaces: [{{name: s, cidr: 10.0.0.0/14}}]\nnetworks:\n  - {{name: big, space: s, size: 16}}\n  - name: vpc\n    space: s\n    size: 16\n    subnets:\n      - {{name: a, size: 24}}\n      - {{name: b, size: {b}}}\n      - {{name: c, size: 22}}\n      - {{name: d, hosts: 500}}\n"
        )
    };
    let before = Plan::from_text(&text("24"), "p.yaml").unwrap().carve().unwrap();
    // keeping its own placements, a plan carves the same again
    let again = Plan::from_text(&text("24"), "p.yaml").unwrap().carve_keeping(&before.placements).unwrap();
    assert_eq!(placed(&again), placed(&before));
    // b grows: afresh, largest first moves a, c and d; kept, only b moves
    let after = Plan::from_text(&text("20"), "p.yaml").unwrap();
    let fresh = after.carve().unwrap();
    let kept = after.carve_keeping(&before.placements).unwrap();
    let moved = |c: &cidrplan::document::Carved| {
        placed(c).into_iter().filter(|x| !placed(&before).contains(x)).map(|x| x.0).collect::<Vec<_>>()
    };
    assert_eq!(moved(&fresh), ["a", "b", "c", "d"]);
    assert_eq!(moved(&kept), ["b"]);
    assert!(Plan::from_text(&kept.plan.to_yaml(), "k.yaml").unwrap().check().is_clean());
}

#[test]
fn kept_placements_that_no_longer_fit_are_placed_afresh() {
    let text = "version: 1\nnetworks:\n  - name: vpc\n    cidr: 10.0.0.0/16\n    subnets:\n      - {name: fixed, cidr: 10.0.5.0/24}\n      - {name: a, size: 24}\n      - {name: b, size: 24}\n      - {name: c, size: 24}\n      - {name: e, size: 24}\n";
    let plan = Plan::from_text(text, "p.yaml").unwrap();
    let mut previous = plan.carve().unwrap().placements;
    let at = |s: &str| s.parse::<ipnet::IpNet>().unwrap();
    previous[0].cidr = at("10.0.5.0/24"); // a: now taken by a fixed subnet
    previous[1].cidr = at("10.0.9.0/24"); // b: free, kept
    previous[2].cidr = at("10.0.9.0/24"); // c: where b is kept: placed afresh
    previous[3].cidr = at("10.1.0.0/24"); // e: outside its network
    previous.push(previous[1].clone()); // a stale duplicate changes nothing
    previous.push(cidrplan::document::Placement { name: "gone".into(), ..previous[1].clone() });
    let kept = plan.carve_keeping(&previous).unwrap();
    let got: Vec<(String, String)> = placed(&kept);
    assert_eq!(
        got,
        [
            // afresh, best fit: the holes beside the fixed /24 and the kept one first
            ("a".to_string(), "10.0.4.0/24".to_string()),
            ("b".to_string(), "10.0.9.0/24".to_string()),
            ("c".to_string(), "10.0.8.0/24".to_string()),
            ("e".to_string(), "10.0.6.0/24".to_string()),
        ]
    );
    // a placement of another size is not kept: the entry asks for what it asks for now
    let mut other = plan.carve().unwrap().placements;
    other[0].cidr = at("10.0.128.0/17");
    let got = plan.carve_keeping(&other).unwrap().placements;
    assert_eq!(got[0].cidr.prefix_len(), 24);
    assert_eq!(got[1..], plan.carve().unwrap().placements[1..], "the others kept where they were");
    assert!(Plan::from_text(&kept.plan.to_yaml(), "k.yaml").unwrap().check().is_clean());
}

#[test]
fn kept_placements_never_make_a_plan_that_fits_fail() {
    // a /23 holds a /24 and two /25s; a /25 kept in the middle of the first /24 would
    // leave no room for the /24: the network is carved afresh instead
    let text = "version: 1\nnetworks:\n  - name: vpc\n    cidr: 10.0.0.0/23\n    subnets:\n      - {name: a, size: 24}\n      - {name: b, size: 25}\n      - {name: c, size: 25}\n";
    let plan = Plan::from_text(text, "p.yaml").unwrap();
    let mut previous = plan.carve().unwrap().placements;
    let b = previous.iter_mut().find(|p| p.name == "b").unwrap();
    b.cidr = "10.0.0.128/25".parse().unwrap();
    let a = previous.iter().position(|p| p.name == "a").unwrap();
    previous.remove(a);
    assert_eq!(placed(&plan.carve_keeping(&previous).unwrap()), placed(&plan.carve().unwrap()));
}
