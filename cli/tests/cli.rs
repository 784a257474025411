//! The CLI as a user runs it: the golden plan cases (exit codes, findings, messages),
//! `carve | check -`, `carve --write`, every export format, the schema file, and the
//! calculators' JSON.

#![allow(clippy::unwrap_used)]

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn cidrplan(args: &[&str], dir: &Path, stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cidrplan"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run cidrplan");
    if let Some(text) = stdin {
        // a run that refuses its arguments exits before it reads: a closed pipe is fine
        if let Err(e) = child.stdin.take().unwrap().write_all(text.as_bytes()) {
            assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
        }
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn golden_plan_cases() {
    let golden = root().join("tests/golden/plans");
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(golden.join("expected.json")).unwrap()).unwrap();
    for case in expected["cases"].as_array().unwrap() {
        let path = golden.join(case["plan"].as_str().unwrap());
        let dir = path.parent().unwrap();
        let file = case["file"].as_str().unwrap();
        let out = cidrplan(&["check", file, "--format", "json"], dir, None);
        assert_eq!(out.status.code(), case["exit"].as_i64().map(|c| c as i32), "{file}: {}", text(&out.stderr));
        if case["op"] == "document.check" {
            let r: Value = serde_json::from_slice(&out.stdout).unwrap();
            // a script reads the CLI's JSON back into the crate's types (big counts as text too)
            let typed =
                cidrplan::document::Report::from_json(&text(&out.stdout)).unwrap_or_else(|e| panic!("{file}: {e}"));
            assert_eq!(typed.findings.len(), r["findings"].as_array().unwrap().len());
            let got: Vec<Value> = r["findings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| {
                    let at = f["objects"].as_array().unwrap().iter().find_map(|o| {
                        o.get("at").map(|a| format!("{}:{}:{}", a["file"].as_str().unwrap(), a["line"], a["column"]))
                    });
                    serde_json::json!({
                        "severity": f["severity"], "rule": f["rule"],
                        "objects": f["objects"].as_array().unwrap().iter().map(|o| o["name"].clone()).collect::<Vec<_>>(),
                        "at": at,
                    })
                })
                .collect();
            assert_eq!(Value::Array(got), case["findings"], "{file}");
            assert_eq!(r["summary"]["errors"].as_u64().unwrap() == 0, case["exit"] == 0);
            // the text and markdown reports say the same thing
            let t = text(&cidrplan(&["check", file], dir, None).stdout);
            let m = text(&cidrplan(&["check", file, "--format", "markdown"], dir, None).stdout);
            for f in case["findings"].as_array().unwrap() {
                let tag = format!("{}[{}]", f["severity"].as_str().unwrap(), f["rule"].as_str().unwrap());
                assert!(t.contains(&tag), "{file}: text report lacks {tag}");
                assert!(m.contains(&format!("`{}`", f["rule"].as_str().unwrap())), "{file}: markdown lacks {tag}");
            }
        } else {
            // a script asked for JSON: it gets the error as JSON, and the message on stderr
            let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{file}: {e}"));
            assert_eq!(v["format"], "cidrplan-check/1", "{file}");
            assert_eq!(v["error"]["message"], case["error"]["message"], "{file}");
            assert!(text(&cidrplan(&["check", file], dir, None).stdout).is_empty(), "{file}: text has no report");
            let at = &case["error"]["at"];
            for key in ["line", "column", "width", "path"] {
                assert_eq!(v["error"][key], at[key], "{file}: {key}");
            }
            assert_eq!(v["error"]["file"], file);
            assert_eq!(v["error"]["suggestions"], case["error"]["suggestions"], "{file}");
            // stderr: the message on its first line, then the line it is about with a marker
            // under it (no colour when piped)
            let err = text(&out.stderr);
            assert_eq!(
                err.lines().next().unwrap_or(""),
                format!("cidrplan: {}", case["error"]["message"].as_str().unwrap()),
                "{file}"
            );
            assert!(!err.contains('\u{1b}'), "{file}: colour in a pipe");
            let line = at["line"].as_u64().unwrap();
            let source = std::fs::read_to_string(&path).unwrap();
            if let Some(src_line) = source.lines().nth(line as usize - 1).filter(|l| !l.trim().is_empty()) {
                assert!(err.contains(&format!("{line} | {src_line}")), "{file}: no source line in {err}");
                assert!(
                    err.contains(&"^".repeat(at["width"].as_u64().unwrap() as usize)),
                    "{file}: no marker in {err}"
                );
            }
        }
    }
}

#[test]
fn missing_file_and_bad_arguments_exit_2() {
    let out = cidrplan(&["check", "no-such-plan.yaml"], &root(), None);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stderr).trim(), "cidrplan: no-such-plan.yaml: cannot read the plan: no such file");
    let out = cidrplan(&["import", "aws", "no-such-export.json"], &root(), None);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stderr).trim(), "cidrplan: no-such-export.json: cannot read the export: no such file");
    let out = cidrplan(&["check"], &root(), None);
    assert_eq!(out.status.code(), Some(2));
    let out = cidrplan(&["check", "-", "-"], &root(), Some("version: 1\n"));
    assert_eq!(out.status.code(), Some(2));
    let out = cidrplan(&["check", "cli/src"], &root(), None);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stderr).trim(), "cidrplan: cli/src: no plan files (*.yaml, *.yml, *.json) in this directory");
}

#[test]
fn each_file_is_its_own_plan_unless_merged() {
    // the README's command: every example is clean on its own
    let files: Vec<String> =
        ["aks-hub-spoke", "multicloud", "startup-eks"].iter().map(|n| format!("examples/plans/{n}.yaml")).collect();
    let args = |extra: &[&str]| -> Vec<String> {
        ["check"].iter().chain(extra).map(|s| s.to_string()).chain(files.clone()).collect()
    };
    let run = |a: Vec<String>| cidrplan(&a.iter().map(String::as_str).collect::<Vec<_>>(), &root(), None);
    let each = run(args(&["--format", "json"]));
    assert_eq!(each.status.code(), Some(0), "{}", text(&each.stdout));
    let r: Value = serde_json::from_slice(&each.stdout).unwrap();
    // one report over the three: every file's spaces, none of their cross-file overlaps
    let spaces = r["spaces"].as_array().unwrap().len();
    assert!(spaces >= 3, "{spaces}");
    // merged, the examples are one plan and overlap one another
    let merged = run(args(&["--merge", "--format", "json"]));
    assert_eq!(merged.status.code(), Some(1));
    let m: Value = serde_json::from_slice(&merged.stdout).unwrap();
    assert!(
        m["findings"].as_array().unwrap().iter().any(|f| f["rule"].as_str().unwrap().starts_with("overlap")),
        "{m}"
    );
    // a directory is every plan file under it, in name order
    let dir = cidrplan(&["check", "examples/plans", "--format", "json"], &root(), None);
    assert_eq!(dir.status.code(), Some(0));
    let d: Value = serde_json::from_slice(&dir.stdout).unwrap();
    assert_eq!(d["spaces"], r["spaces"]);
    // one unusable file stops the run with its place (exit 2)
    let tmp = std::env::temp_dir().join(format!("cidrplan-dir-{}", std::process::id()));
    std::fs::create_dir_all(tmp.join("sub")).unwrap();
    std::fs::copy(root().join("examples/plans/startup-eks.yaml"), tmp.join("a.yaml")).unwrap();
    std::fs::write(tmp.join("sub/b.yml"), "version: 1\nspaces: [{name: s, cidr: 10.0.0.0/8, colour: red}]\n").unwrap();
    std::fs::write(tmp.join("notes.txt"), "not a plan").unwrap();
    std::fs::write(tmp.join(".hidden.yaml"), "not: a plan").unwrap();
    let bad = cidrplan(&["check", tmp.to_str().unwrap()], &root(), None);
    assert_eq!(bad.status.code(), Some(2), "{}", text(&bad.stderr));
    assert!(text(&bad.stderr).contains("sub/b.yml:2:38: spaces[0]: unknown key `colour`"), "{}", text(&bad.stderr));
    std::fs::remove_dir_all(&tmp).unwrap();
}

#[test]
fn carve_then_check_from_stdin_is_clean_and_write_is_stable() {
    let tmp = std::env::temp_dir().join(format!("cidrplan-cli-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    for name in ["startup-eks", "aks-hub-spoke", "multicloud"] {
        let src = root().join(format!("examples/plans/{name}.yaml"));
        let out = cidrplan(&["check", src.to_str().unwrap()], &root(), None);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", text(&out.stdout));
        let carved = cidrplan(&["carve", src.to_str().unwrap()], &root(), None);
        assert_eq!(carved.status.code(), Some(0));
        let again = cidrplan(&["check", "-", "--format", "json"], &root(), Some(&text(&carved.stdout)));
        assert_eq!(again.status.code(), Some(0), "{name}: carve | check -");
        let r: Value = serde_json::from_slice(&again.stdout).unwrap();
        assert_eq!(r["carved"].as_array().unwrap().len(), 0, "{name}: nothing left to carve");
        // --write keeps comments and is stable
        let copy = tmp.join(format!("{name}.yaml"));
        std::fs::copy(&src, &copy).unwrap();
        let w = cidrplan(&["carve", "--write", copy.to_str().unwrap()], &root(), None);
        assert_eq!(w.status.code(), Some(0), "{}", text(&w.stderr));
        let written = std::fs::read_to_string(&copy).unwrap();
        let original = std::fs::read_to_string(&src).unwrap();
        for comment in original.lines().filter(|l| l.trim_start().starts_with('#')) {
            assert!(written.contains(comment), "{name}: comment kept: {comment}");
        }
        let w2 = cidrplan(&["carve", "--write", copy.to_str().unwrap()], &root(), None);
        assert_eq!(w2.status.code(), Some(0));
        assert_eq!(std::fs::read_to_string(&copy).unwrap(), written, "{name}: a second carve changes nothing");
        let c = cidrplan(&["check", copy.to_str().unwrap()], &root(), None);
        assert_eq!(c.status.code(), Some(0));
    }
    // a plan that cannot be carved fails with what did not fit
    let bad = root().join("tests/golden/plans/carve-fails.yaml");
    let out = cidrplan(&["carve", bad.to_str().unwrap()], &root(), None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("c: no free /24 in space small (10.0.0.0/23); it is full"),
        "{}",
        text(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    std::fs::remove_dir_all(&tmp).ok();
}

#[test]
fn exports() {
    let plan = root().join("examples/plans/multicloud.yaml");
    let p = plan.to_str().unwrap();
    let tf = text(&cidrplan(&["export", p, "--format", "terraform"], &root(), None).stdout);
    assert!(tf.contains("\"aws-prod-use1/nodes/us-east-1a\" = {"), "{tf}");
    assert!(tf.contains("ipv6_cidr        = \"2600:1f18:4a00:100::/64\""));
    // GKE pod and service ranges are secondary ranges of the node subnet; EKS's service range is virtual
    assert!(
        tf.contains(
            "secondary_ranges = { \"gke-usc1-pods\" = \"100.65.0.0/17\", \"gke-usc1-services\" = \"100.65.128.0/20\" }"
        ),
        "{tf}"
    );
    assert!(tf.contains(
        "\"eks-use1\" = { platform = \"eks/custom-networking/m5.2xlarge\", pods = null, services = \"172.20.0.0/16\" }"
    ));
    let csv = text(&cidrplan(&["export", p, "--format", "csv"], &root(), None).stdout);
    let header = csv.lines().next().unwrap();
    assert_eq!(header, "kind,name,parent,cidr,first,last,addresses,profile,region,zone,role,space,source,tags");
    assert!(csv.lines().all(|l| l.split(',').count() >= 14 || l.contains('"')));
    assert!(csv.contains(
        "subnet,use1-nodes-a,aws-prod-use1,10.0.0.0/20,10.0.0.0,10.0.15.255,4096,aws,us-east-1,us-east-1a,nodes,,,"
    ));
    let md = text(&cidrplan(&["export", p, "--format", "markdown"], &root(), None).stdout);
    assert!(md.starts_with("# Address plan: globex\n"));
    assert!(md.contains("| aws-prod-use1 | use1-nodes-a | `10.0.0.0/20` | 4091 | aws |"));
    let json: Value =
        serde_json::from_slice(&cidrplan(&["export", p, "--format", "json"], &root(), None).stdout).unwrap();
    assert_eq!(json["version"], 1);
    let out = cidrplan(&["export", p, "--format", "pdf"], &root(), None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_shipped_schema_is_the_generated_one() {
    let out = cidrplan(&["schema"], &root(), None);
    let shipped = std::fs::read_to_string(root().join("docs/plan.schema.json")).unwrap();
    assert!(
        text(&out.stdout) == shipped,
        "docs/plan.schema.json is stale; run: cargo run -p cidrplan-cli -- schema > docs/plan.schema.json"
    );
}

#[test]
fn calculators() {
    let r = root();
    let j = |args: &[&str]| -> Value {
        let out = cidrplan(args, &r, None);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", text(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let i = j(&["inspect", "10.0.0.0/24", "--profile", "aws", "--format", "json"]);
    assert_eq!(i["usable"], 251);
    let s = j(&["split", "10.0.0.0/16", "/18", "--format", "json"]);
    assert_eq!(s["subnets"], serde_json::json!(["10.0.0.0/18", "10.0.64.0/18", "10.0.128.0/18", "10.0.192.0/18"]));
    let s = j(&["split", "2001:db8::/32", "96", "--limit", "2", "--format", "json"]);
    assert_eq!(s["count"], "18446744073709551616");
    assert_eq!(s["truncated"], true);
    let m = j(&["max-pods", "m5.large", "--format", "json"]);
    assert_eq!(m["address_limit"], 29);
    let m = j(&["max-pods", "m5.large", "--prefix-delegation", "--format", "json"]);
    assert_eq!(m["recommended"], 110);
    let z = j(&["size", "aks/azure-cni", "--nodes", "50", "--max-pods", "30", "--zones", "1", "--format", "json"]);
    assert_eq!(z["ranges"][0]["prefix_len"], 21); // Microsoft's worked example: 1,581 IPs
    assert_eq!(z["ranges"][0]["addresses"], 1581);
    let c = j(&["compare", "--nodes", "100", "--format", "json"]);
    assert_eq!(c["format"], "cidrplan-compare/1");
    assert_eq!(c["rows"].as_array().unwrap().len(), 10);
    // at equal pods: m5.large's 29 per node (AWS's table) need 35 nodes for 1,000 pods
    let c = j(&["compare", "--pods", "1000", "--format", "json"]);
    assert_eq!(c["rows"][0]["nodes_for_pods"], 35);
    assert_eq!(c["rows"][0]["sizing"]["max_pods"], 29);
    // every JSON output says its format; a count past 2^53 - 1 is a decimal string, and
    // ::/0 holds exactly 2^128 addresses
    assert_eq!(m["format"], "cidrplan-max-pods/1");
    assert_eq!(z["format"], "cidrplan-size/1");
    let i = j(&["inspect", "::/0", "--format", "json"]);
    assert_eq!(i["format"], "cidrplan-inspect/1");
    assert_eq!(i["total_addresses"], "340282366920938463463374607431768211456");
    assert_eq!(i["usable"], "340282366920938463463374607431768211455");
    assert_eq!(j(&["split", "10.0.0.0/8", "/9", "--format", "json"])["format"], "cidrplan-split/1");
    // unusable input still answers in JSON, tagged as the answer would be
    let bad = cidrplan(&["inspect", "10.0.0.1/24", "--format", "json"], &root(), None);
    assert_eq!(bad.status.code(), Some(2));
    let e: Value = serde_json::from_slice(&bad.stdout).unwrap();
    assert_eq!(e["format"], "cidrplan-inspect/1");
    assert!(e["error"]["message"].as_str().unwrap().contains("did you mean 10.0.0.0/24"));
    // pools: Microsoft's per-pool formula summed, one pool upgrading at a time
    let s = j(&[
        "size",
        "aks/azure-cni",
        "--max-pods",
        "30",
        "--zones",
        "1",
        "--pool",
        "name=system,nodes=3,mode=system",
        "--pool",
        "name=user,nodes=50",
        "--format",
        "json",
    ]);
    assert_eq!((s["ranges"][0]["addresses"].as_u64(), s["ranges"][0]["prefix_len"].as_u64()), (Some(1674), Some(21)));
    assert_eq!(s["pools"][1]["ranges"][0]["addresses"], 1581);
    for bad in [
        &["size", "aks/overlay", "--pool", "name=a"][..],
        &["size", "aks/overlay", "--pool", "name=a,nodes=3,colour=red"],
        &["size", "aks/overlay", "--pool", "name=win-pool,nodes=3,os=windows"],
    ] {
        let out = cidrplan(bad, &r, None);
        assert!(matches!(out.status.code(), Some(1 | 2)), "{bad:?}");
        assert!(text(&out.stderr).contains("pool"), "{bad:?}: {}", text(&out.stderr));
    }
    for bad in [
        &["inspect", "10.0.0.1/24"][..],
        &["split", "10.0.0.0/16", "/40"],
        &["max-pods", "m5.huge"],
        &["size", "eks", "--nodes", "3"],
        &["size", "aks/overlay", "--nodes", "3", "--zones", "9"],
    ] {
        let out = cidrplan(bad, &r, None);
        assert!(matches!(out.status.code(), Some(1 | 2)), "{bad:?}");
        assert!(text(&out.stderr).starts_with("cidrplan: "), "{bad:?}: {}", text(&out.stderr));
    }
}

#[test]
fn lookup_and_reverse() {
    let r = root();
    let table = "# routes\ndefault 0.0.0.0/0\ncorp 10.0.0.0/8\nvpc-prod 10.1.0.0/16\n10.1.2.0/24\n";
    let out = cidrplan(&["lookup", "10.1.2.3", "10.9.9.9", "--table", "-"], &r, Some(table));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "10.1.2.3\t10.1.2.0/24\n10.9.9.9\t10.0.0.0/8\tcorp\n");
    let out = cidrplan(&["lookup", "10.1.2.3", "--shortest", "--table", "-"], &r, Some(table));
    assert_eq!(text(&out.stdout), "10.1.2.3\t0.0.0.0/0\tdefault\n");
    let out = cidrplan(&["lookup", "10.1.2.3", "--all", "--table", "-", "--format", "json"], &r, Some(table));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["format"], "cidrplan-lookup/1");
    let names: Vec<&str> =
        v["rows"][0]["matches"].as_array().unwrap().iter().map(|m| m["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["default", "corp", "vpc-prod", "10.1.2.0/24"]);
    // an address no prefix holds: exit 1, as grep does when nothing matched
    let out = cidrplan(&["lookup", "2001:db8::1", "--table", "-"], &r, Some(table));
    assert_eq!((out.status.code(), text(&out.stdout)), (Some(1), "2001:db8::1\t-\n".to_string()));
    // a bad table line: exit 2, naming the line and the fix
    let out = cidrplan(&["lookup", "10.0.0.1", "--table", "-"], &r, Some("ok 10.0.0.0/8\nbad 10.0.0.1/8\n"));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("-:2: 10.0.0.1/8 has host bits set; did you mean 10.0.0.0/8?"),
        "{}",
        text(&out.stderr)
    );
    // RFC 2317 (its own example: 192.0.2.0/25) and an ip6.arpa name
    let out = cidrplan(&["reverse", "192.0.2.0/25"], &r, None);
    assert_eq!(text(&out.stdout), "0/25.2.0.192.in-addr.arpa\n");
    let out = cidrplan(&["reverse", "2001:db8::1", "--format", "json"], &r, None);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["pointer"][0], "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa");
}

#[test]
fn import_then_check_and_diff() {
    let imports = root().join("tests/golden/imports");
    let tmp = std::env::temp_dir().join(format!("cidrplan-import-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let files = |sub: &str| -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(imports.join(sub))
            .unwrap()
            .map(|e| e.unwrap().path().to_string_lossy().into_owned())
            // the folders' README.md say where the fixtures come from
            .filter(|p| p.ends_with(".json") || p.ends_with(".csv"))
            .collect();
        v.sort();
        v
    };
    // each cloud: import prints a plan; check finds what was planted, naming resource ids
    let expect = [
        ("aws", 1, vec!["overlap.connected", "usage.fragmented"]),
        ("azure", 1, vec!["overlap.connected"]),
        ("gcp", 0, vec![]),
        ("terraform", 0, vec![]),
    ];
    for (source, exit, rules) in expect {
        let mut args = vec!["import", source];
        let fs = files(source);
        args.extend(fs.iter().map(String::as_str));
        let out = cidrplan(&args, &root(), None);
        assert_eq!(out.status.code(), Some(0), "{source}: {}", text(&out.stderr));
        let plan = tmp.join(format!("{source}.yaml"));
        std::fs::write(&plan, &out.stdout).unwrap();
        let c = cidrplan(&["check", plan.to_str().unwrap(), "--format", "json"], &root(), None);
        assert_eq!(c.status.code(), Some(exit), "{source}");
        let r: Value = serde_json::from_slice(&c.stdout).unwrap();
        let got: Vec<&str> = r["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
        assert_eq!(got, rules, "{source}");
        if source == "aws" {
            assert_eq!(r["findings"][0]["objects"][0]["id"], "vpc-0a1111111111111aa");
            let frag = r["subnets"].as_array().unwrap().iter().find(|s| s["subnet"] == "eks-nodes-a").unwrap();
            assert_eq!(frag["free_aligned_28"], 0);
            assert_eq!(frag["free"], 237);
        }
    }
    // the clusters that exist, with their pools: each import checks as its fixture says
    for (source, sub, rule) in [
        ("azure", "clusters/aks", "cluster.capacity"),
        ("aws", "clusters/eks", "cluster.capacity"),
        ("terraform", "clusters/terraform", "cluster.capacity"),
    ] {
        let mut args = vec!["import", source];
        let fs = files(sub);
        args.extend(fs.iter().map(String::as_str));
        let out = cidrplan(&args, &root(), None);
        assert_eq!(out.status.code(), Some(0), "{sub}: {}", text(&out.stderr));
        let plan = tmp.join(format!("{}.yaml", sub.replace('/', "-")));
        std::fs::write(&plan, &out.stdout).unwrap();
        let c = cidrplan(&["check", plan.to_str().unwrap(), "--format", "json"], &root(), None);
        assert_eq!(c.status.code(), Some(1), "{sub}");
        let r: Value = serde_json::from_slice(&c.stdout).unwrap();
        let errors = r["findings"].as_array().unwrap().iter().filter(|f| f["severity"] == "error");
        assert!(errors.clone().count() > 0 && errors.into_iter().all(|f| f["rule"] == rule), "{sub}: {r}");
        assert!(!r["clusters"][0]["pools"].as_array().unwrap().is_empty(), "{sub}");
    }
    // kubectl: the nodes join the planned cluster of their name
    let nodes = cidrplan(
        &["import", "kubectl", imports.join("clusters/kubectl/prod-aks.json").to_str().unwrap()],
        &root(),
        None,
    );
    assert_eq!(nodes.status.code(), Some(0), "{}", text(&nodes.stderr));
    let observed = tmp.join("prod-aks.yaml");
    std::fs::write(&observed, &nodes.stdout).unwrap();
    let planned = imports.join("clusters/kubectl-plan.yaml");
    let c = cidrplan(&["check", "--merge", planned.to_str().unwrap(), observed.to_str().unwrap()], &root(), None);
    assert_eq!(c.status.code(), Some(0), "{}", text(&c.stdout));
    assert!(text(&c.stdout)
        .contains("observed: 8 nodes, 8 Pod CIDRs; pods (10.244.0.0/16): 8 node CIDRs handed out, 248 more fit"));
    // plans from several imports check together: the Terraform state's VPC overlaps the AWS ones
    let both = cidrplan(
        &["check", "--merge", tmp.join("aws.yaml").to_str().unwrap(), tmp.join("terraform.yaml").to_str().unwrap()],
        &root(),
        None,
    );
    assert_eq!(both.status.code(), Some(1));
    assert!(text(&both.stdout).contains("prod (10.0.0.0/16) and aws_vpc.main (10.0.0.0/16) overlap"));
    // diff: the plan against what exists
    let planned = tmp.join("planned.yaml");
    std::fs::write(&planned, "version: 1\nnetworks:\n  - {name: prod, cidr: [10.0.0.0/16, \"2600:1f18:1234:5600::/56\"]}\n  - {name: next, cidr: 10.9.0.0/16}\n").unwrap();
    let d = cidrplan(&["diff", planned.to_str().unwrap(), tmp.join("aws.yaml").to_str().unwrap()], &root(), None);
    assert_eq!(d.status.code(), Some(1));
    let t = text(&d.stdout);
    assert!(t.contains("missing: network next 10.9.0.0/16 is planned but not there"), "{t}");
    assert!(t.contains("unplanned: network eks"), "{t}");
    assert!(!t.contains("network prod"), "prod matches vpc-0a by its name and ranges: {t}");
    // the JSON reads back into the crate's type
    let dj = cidrplan(
        &["diff", planned.to_str().unwrap(), tmp.join("aws.yaml").to_str().unwrap(), "--format", "json"],
        &root(),
        None,
    );
    let v: Value = serde_json::from_slice(&dj.stdout).unwrap();
    let typed: Vec<cidrplan::document::Difference> = serde_json::from_value(v["differences"].clone()).unwrap();
    assert!(typed.iter().any(|d| d.change == "missing" && d.name == "next"), "{typed:?}");
    let same = cidrplan(
        &["diff", tmp.join("aws.yaml").to_str().unwrap(), tmp.join("aws.yaml").to_str().unwrap(), "--format", "json"],
        &root(),
        None,
    );
    assert_eq!(same.status.code(), Some(0));
    // broken exports exit 2 and name the file (and the position); nothing on stdout
    for (f, says) in [
        ("truncated.json", "truncated.json:5:16: the JSON ends too early"),
        ("not-json.txt", "not-json.txt:1:1: not valid JSON"),
        ("describe-instances.json", "found an object with Reservations"),
        ("vpcs-malformed.json", "vpcs-malformed.json: Vpcs[0]: an object was expected, not null"),
        ("eni-bad-address.json", "eni-0bad0000000000001: PrivateIpAddress \"10.0.1.999\" is not an IP address"),
    ] {
        let out = cidrplan(&["import", "aws", imports.join("broken").join(f).to_str().unwrap()], &root(), None);
        assert_eq!(out.status.code(), Some(2), "{f}");
        assert!(out.stdout.is_empty(), "{f}: nothing half written");
        assert!(text(&out.stderr).contains(says), "{f}: {}", text(&out.stderr));
    }
    let out = cidrplan(&["import", "oracle", "x.json"], &root(), None);
    assert_eq!(out.status.code(), Some(2));
    // what Windows writes: PowerShell 5.1's `>` (UTF-16 LE with a BOM), Notepad's UTF-8 BOM
    let vpcs = std::fs::read_to_string(imports.join("aws/describe-vpcs.json")).unwrap();
    let enc = std::env::temp_dir().join(format!("cidrplan-encodings-{}", std::process::id()));
    std::fs::create_dir_all(&enc).unwrap();
    let mut le = vec![0xFF, 0xFE];
    le.extend(vpcs.encode_utf16().flat_map(u16::to_le_bytes));
    let mut be = vec![0xFE, 0xFF];
    be.extend(vpcs.encode_utf16().flat_map(u16::to_be_bytes));
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend(vpcs.as_bytes());
    // names of one length: how the YAML lays out `source` depends on the path's length
    std::fs::write(enc.join("utf8.json"), &vpcs).unwrap();
    let plain = cidrplan(&["import", "aws", enc.join("utf8.json").to_str().unwrap()], &root(), None);
    for (name, bytes) in [("le16.json", le), ("be16.json", be), ("bom8.json", bom)] {
        std::fs::write(enc.join(name), bytes).unwrap();
        let out = cidrplan(&["import", "aws", enc.join(name).to_str().unwrap()], &root(), None);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", text(&out.stderr));
        assert_eq!(
            text(&out.stdout).replace(enc.join(name).to_str().unwrap(), "F"),
            text(&plain.stdout).replace(enc.join("utf8.json").to_str().unwrap(), "F"),
            "{name}"
        );
    }
    // YAML as gcloud describes by default, and the state file Terraform writes
    let out = cidrplan(
        &["import", "gcp", imports.join("yaml-output/gcloud-container-clusters-describe.yaml").to_str().unwrap()],
        &root(),
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("platform: gke/standard"), "{}", text(&out.stdout));
    let out = cidrplan(
        &["import", "terraform", imports.join("terraform/terraform.tfstate").to_str().unwrap()],
        &root(),
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("module.network.aws_subnet.private[1]"), "{}", text(&out.stdout));
    std::fs::write(enc.join("odd.json"), [0xFF, 0xFE, b'{']).unwrap();
    let out = cidrplan(&["import", "aws", enc.join("odd.json").to_str().unwrap()], &root(), None);
    assert!(
        text(&out.stderr).contains("UTF-16 little-endian text of an odd number of bytes (3)"),
        "{}",
        text(&out.stderr)
    );
    // NetBox: its API's JSON and its CSV, exported back as NetBox imports it
    let nb = imports.join("netbox/planted");
    let files: Vec<String> = ["prefixes.json", "vrfs.json", "aggregates.json"]
        .iter()
        .map(|f| nb.join(f).to_str().unwrap().to_string())
        .collect();
    let mut args = vec!["import", "netbox"];
    args.extend(files.iter().map(String::as_str));
    let out = cidrplan(&args, &root(), None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    std::fs::write(enc.join("netbox.yaml"), &out.stdout).unwrap();
    let csv = cidrplan(&["export", enc.join("netbox.yaml").to_str().unwrap(), "--format", "netbox-csv"], &root(), None);
    assert!(text(&csv.stdout).starts_with("prefix,vrf,tenant,status,role,scope_type,scope_id,is_pool,mark_utilized,description,tags\n10.0.0.0/16,,Acme,container,,dcim.region,7,false,false,global container,\n"), "{}", text(&csv.stdout));
    let check = cidrplan(&["check", enc.join("netbox.yaml").to_str().unwrap()], &root(), None);
    assert_eq!(check.status.code(), Some(1));
    assert!(text(&check.stdout).contains("error[overlap.subnets]: prod app (10.0.5.0/24) and prod app again (10.0.5.0/24) overlap inside prod container"), "{}", text(&check.stdout));
    // what an import leaves out is said on stderr; the plan is still printed
    std::fs::write(enc.join("enis.json"), r#"{"NetworkInterfaces": [{"NetworkInterfaceId": "eni-2", "SubnetId": "subnet-404", "PrivateIpAddresses": [{"PrivateIpAddress": "10.9.0.5"}]}]}"#).unwrap();
    let out = cidrplan(&["import", "aws", enc.join("enis.json").to_str().unwrap()], &root(), None);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        text(&out.stderr).contains("cidrplan: note: ")
            && text(&out.stderr)
                .contains("eni-2 is in subnet-404, which the export does not hold: its address is left out"),
        "{}",
        text(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(&enc);
    // gcloud + az imports checked together: a GKE secondary range on a VNet is an overlap
    // naming both; the exports' purpose and delegation name the service subnets
    let svc = imports.join("services");
    let mut plans = Vec::new();
    for (source, file) in [("gcp", "gcloud-subnets-list.json"), ("azure", "az-network-vnet-list.json")] {
        let out = cidrplan(&["import", source, svc.join(file).to_str().unwrap()], &root(), None);
        assert_eq!(out.status.code(), Some(0), "{source}: {}", text(&out.stderr));
        let plan = tmp.join(format!("services-{source}.yaml"));
        std::fs::write(&plan, &out.stdout).unwrap();
        plans.push(plan);
    }
    let c = cidrplan(
        &["check", "--merge", plans[0].to_str().unwrap(), plans[1].to_str().unwrap(), "--format", "json"],
        &root(),
        None,
    );
    assert_eq!(c.status.code(), Some(1));
    let r: Value = serde_json::from_slice(&c.stdout).unwrap();
    let got: Vec<(&str, Vec<&str>)> = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap(),
                f["objects"].as_array().unwrap().iter().map(|o| o["name"].as_str().unwrap()).collect(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("service.size", vec!["proxy-only-euw1"]),
            ("service.size", vec!["spoke-weu/sqlmi"]),
            ("overlap.connected", vec!["spoke-weu", "gke-prod/pods"]),
        ]
    );
    let overlap = &r["findings"][2];
    assert!(overlap["message"].as_str().unwrap().contains("shared (secondary range gke-prod/pods 10.8.0.0/14)"));
    assert!(overlap["objects"][0]["id"].as_str().unwrap().ends_with("/virtualNetworks/spoke-weu"));
    std::fs::remove_dir_all(&tmp).ok();
}

#[test]
fn no_report_prints_a_negative_percentage() {
    let golden = root().join("tests/golden/plans");
    let mut plans: Vec<PathBuf> = std::fs::read_dir(&golden)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    plans.sort();
    assert!(plans.len() >= 18);
    let negative = |t: &str| t.as_bytes().windows(2).any(|w| w[0] == b'-' && w[1].is_ascii_digit()) && t.contains('%');
    for p in plans {
        for format in ["text", "markdown", "json"] {
            let out = cidrplan(&["check", p.to_str().unwrap(), "--format", format], &root(), None);
            let t = text(&out.stdout);
            for line in t.lines().filter(|l| l.contains('%')) {
                // a percentage is never below zero; dates and ranges carry no %
                let words: Vec<&str> = line.split(|c: char| c.is_whitespace() || c == '"' || c == ',').collect();
                assert!(
                    !words.iter().any(|w| w.starts_with('-') && w.ends_with('%') && negative(w)),
                    "{}: {format}: {line}",
                    p.display()
                );
            }
            if format == "json" {
                let r: Value = serde_json::from_str(&t).unwrap();
                for c in r["clusters"].as_array().unwrap() {
                    for g in c["ranges"].as_array().unwrap() {
                        assert!(g["headroom_percent"].is_null() || g["headroom_percent"].as_u64().is_some());
                        assert!(!g["summary"].as_str().unwrap().contains("-"), "{g}");
                    }
                }
            }
        }
    }
    // the shortfall reads as one
    let out = cidrplan(&["check", golden.join("shortfall.yaml").to_str().unwrap()], &root(), None);
    let t = text(&out.stdout);
    assert!(t.contains("needs 1,581 addresses, has 251 (short 1,330; a /21 holds it)"), "{t}");
    assert!(
        t.contains("needs 1,581 addresses at peak with surge (51 nodes), has 251 (short 1,330; a /21 holds it)"),
        "{t}"
    );
}

#[test]
fn carve_write_is_as_careful_as_git() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = std::env::temp_dir().join(format!("cidrplan-write-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let base = "version: 1\nspaces: [{name: s, cidr: 10.0.0.0/8}]\nnetworks:\n  - name: a   # keep me\n    space: s\n    size: 16\n";
    let put = |name: &str, text: &str| {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    let carve = |p: &Path| cidrplan(&["carve", p.to_str().unwrap(), "--write"], &dir, None);
    let leftovers = || {
        std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".cidrplan-") || n.ends_with(".lock"))
            .collect::<Vec<_>>()
    };
    // the mode is kept; comments too
    let m = put("mode.yaml", base);
    std::fs::set_permissions(&m, std::fs::Permissions::from_mode(0o600)).unwrap();
    assert_eq!(carve(&m).status.code(), Some(0));
    assert_eq!(std::fs::metadata(&m).unwrap().mode() & 0o777, 0o600);
    let t = std::fs::read_to_string(&m).unwrap();
    assert!(t.contains("# keep me") && t.contains("cidr: 10.0.0.0/16"), "{t}");
    // nothing to place: not written at all (same inode)
    let ino = std::fs::metadata(&m).unwrap().ino();
    let again = carve(&m);
    assert_eq!(again.status.code(), Some(0));
    assert!(text(&again.stderr).contains("nothing to place"));
    assert_eq!(std::fs::metadata(&m).unwrap().ino(), ino);
    // through a symlink: the target is updated, the link stays a link
    let real = put("real.yaml", base);
    let link = dir.join("link.yaml");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    assert_eq!(carve(&link).status.code(), Some(0));
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert!(std::fs::read_to_string(&real).unwrap().contains("cidr: 10.0.0.0/16"));
    // read-only and hard-linked files are refused, named, and left as they were
    let ro = put("ro.yaml", base);
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o444)).unwrap();
    let out = carve(&ro);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("ro.yaml: the file is read-only"), "{}", text(&out.stderr));
    assert_eq!(std::fs::read_to_string(&ro).unwrap(), base);
    let h = put("hard.yaml", base);
    std::fs::hard_link(&h, dir.join("hard2.yaml")).unwrap();
    let out = carve(&h);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("2 hard links"));
    assert_eq!(std::fs::read_to_string(dir.join("hard2.yaml")).unwrap(), base);
    // a second writer fails at once, naming the lock
    let l = put("locked.yaml", base);
    std::fs::write(dir.join("locked.yaml.lock"), "").unwrap();
    let out = carve(&l);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("another cidrplan is writing it"));
    assert_eq!(std::fs::read_to_string(&l).unwrap(), base);
    std::fs::remove_file(dir.join("locked.yaml.lock")).unwrap();
    // JSON stays JSON, CR line ends stay CR
    let j = put(
        "plan.json",
        r#"{"version": 1, "spaces": [{"name": "s", "cidr": "10.0.0.0/8"}], "networks": [{"name": "a", "space": "s", "size": 16}]}"#,
    );
    assert_eq!(carve(&j).status.code(), Some(0));
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&j).unwrap()).unwrap();
    assert_eq!(v["networks"][0]["cidr"], "10.0.0.0/16");
    let cr = put("cr.yaml", &base.replace('\n', "\r"));
    assert_eq!(carve(&cr).status.code(), Some(0));
    let t = std::fs::read_to_string(&cr).unwrap();
    assert!(!t.contains('\n') && t.contains("cidr: 10.0.0.0/16\r"), "{t:?}");
    assert_eq!(cidrplan(&["check", cr.to_str().unwrap()], &dir, None).status.code(), Some(0));
    // two writers at once, again and again: each succeeds or is told of the lock; the file
    // always reads as a plan, and nothing is left behind
    for round in 0..20 {
        let p = put("race.yaml", base);
        let spawn = || {
            Command::new(env!("CARGO_BIN_EXE_cidrplan"))
                .args(["carve", p.to_str().unwrap(), "--write"])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn(), spawn());
        for child in [a, b] {
            let o = child.wait_with_output().unwrap();
            let e = text(&o.stderr);
            assert!(o.status.code() == Some(0) || e.contains("another cidrplan is writing it"), "round {round}: {e}");
        }
        let t = std::fs::read_to_string(&p).unwrap();
        assert!(t.contains("cidr: 10.0.0.0/16") || t == base, "round {round}: {t}");
        assert_eq!(t.matches("cidr: 10.0.0.0/16").count(), usize::from(t != base), "round {round}: {t}");
    }
    assert_eq!(leftovers(), Vec::<String>::new());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn names_cannot_turn_the_output_against_its_reader() {
    // a screen clear, a window title (OSC), a forged report line, a right-to-left override
    let plan = "version: 1\nnetworks:\n  - {name: \"a\\e[2Jb\", cidr: 10.0.0.0/16}\n  - {name: \"x\\nerror[forged]: fake\", cidr: 10.0.0.0/24}\n  - {name: \"\\e]0;owned\\a<script>alert(1)</script>|\\r\", cidr: 10.0.0.0/25}\n  - {name: \"r\\u202eevil\", cidr: 10.0.0.0/26}\n";
    for format in ["text", "markdown"] {
        let out = cidrplan(&["check", "-", "--format", format], &root(), Some(plan));
        assert_eq!(out.status.code(), Some(1));
        let t = text(&out.stdout);
        assert!(!t.chars().any(|c| (c.is_control() && c != '\n') || c == '\u{202e}'), "{format}: {t:?}");
        assert!(!t.lines().any(|l| l.starts_with("error[forged]")), "{format}: {t}");
        assert!(t.contains(if format == "text" { "a\\e[2Jb" } else { "a\\x1b[2Jb" }), "{format}: {t}");
        if format == "markdown" {
            assert!(!t.contains("<script>") && t.contains("&lt;script&gt;"), "{t}");
            // every table row keeps its columns
            for row in t.lines().filter(|l| l.starts_with("| ❌")) {
                assert_eq!(row.matches(" | ").count(), 4, "{row}");
            }
        }
    }
    // error messages too
    let out = cidrplan(&["check", "-"], &root(), Some("version: 1\n\"\\e]0;owned\\a\": 1\n"));
    assert_eq!(out.status.code(), Some(2));
    let e = text(&out.stderr);
    assert!(!e.trim_end().chars().any(|c| c.is_control() && c != '\n'), "{e:?}");
    assert!(e.contains("\\e]0;owned\\x07"), "{e}");
}

#[test]
fn exports_escape_names_for_their_readers() {
    let plan = "version: 1\nnetworks:\n  - {name: \"q\\\"b\\\\s\\nn${x}%{y}\", profile: aws, cidr: 10.0.0.0/16, subnets: [{name: \"=cmd\", zone: \"no\", cidr: 10.0.0.0/24}, {name: \"\\tcell\", zone: \"2024-01-01\", cidr: 10.0.1.0/24}]}\n";
    let tf = text(&cidrplan(&["export", "-", "--format", "terraform"], &root(), Some(plan)).stdout);
    assert!(tf.contains(r#""q\"b\\s\nn$${x}%%{y}" = {"#), "{tf}");
    let csv = text(&cidrplan(&["export", "-", "--format", "csv"], &root(), Some(plan)).stdout);
    assert!(csv.contains("\"'=cmd\"") && csv.contains("\"'\tcell\""), "{csv}");
    let yaml = text(&cidrplan(&["export", "-", "--format", "yaml"], &root(), Some(plan)).stdout);
    assert!(yaml.contains("zone: \"no\"") && yaml.contains("zone: \"2024-01-01\""), "{yaml}");
    let again = cidrplan(&["export", "-", "--format", "json"], &root(), Some(&yaml));
    assert_eq!(again.status.code(), Some(0));
}

/// Hostile plan files, each in its own process under a 2 GiB address-space limit and a
/// time limit: a clear error or an answer, never an abort, a hang or a crash.
#[test]
fn hostile_files_in_their_own_processes() {
    let dir = std::env::temp_dir().join(format!("cidrplan-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let items = vec!["1"; 400_000].join(",");
    let keys: String = (0..100_000).map(|i| format!("      k{i}: v\n")).collect();
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "nested-anchors.yaml",
            format!(
                "version: 1\nx: {}{items}{}\n",
                (0..60).map(|i| format!("&a{i} [")).collect::<String>(),
                "]".repeat(60)
            ),
            "anchors and aliases copy",
        ),
        (
            "alias-bomb.yaml",
            format!(
                "version: 1\na: &a [x,x,x,x,x,x,x,x,x,x]\n{}",
                (0..9)
                    .map(|i| format!(
                        "{}: &{} [{}]\n",
                        (b'b' + i) as char,
                        (b'b' + i) as char,
                        vec![format!("*{}", (b'a' + i) as char); 10].join(",")
                    ))
                    .collect::<String>()
            ),
            "anchors and aliases copy",
        ),
        (
            "deep.yaml",
            format!("version: 1\nx: {}{}\n", "[".repeat(100_000), "]".repeat(100_000)),
            "recursion limit exceeded",
        ),
        ("keys.yaml", format!("version: 1\nnetworks:\n  - name: a\n    cidr: 10.0.0.0/16\n    tags:\n{keys}"), ""),
        ("too-big.yaml", " ".repeat((64 << 20) + 1), "more than a plan may hold"),
        ("nul.yaml", "version: 1\nname: \u{0}\u{1}\n".to_string(), ""),
    ];
    for (name, body, says) in cases {
        let p = dir.join(name);
        std::fs::write(&p, body).unwrap();
        let out = Command::new("bash")
            .arg("-c")
            .arg(format!("ulimit -v 2097152; exec timeout 60 {} check {}", env!("CARGO_BIN_EXE_cidrplan"), p.display()))
            .output()
            .unwrap();
        let code = out.status.code();
        assert!(matches!(code, Some(0..=2)), "{name}: exit {code:?}, {}", text(&out.stderr));
        assert!(text(&out.stderr).contains(says), "{name}: {}", text(&out.stderr));
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// `kill -9` at any moment of `carve --write` leaves the old plan or the new one.
#[test]
fn a_killed_carve_write_leaves_the_old_plan_or_the_new() {
    let dir = std::env::temp_dir().join(format!("cidrplan-kill-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut base = String::from("version: 1\nspaces: [{name: s, cidr: 10.0.0.0/8}]\nnetworks:\n");
    for i in 0..20_000 {
        base.push_str(&format!("  - {{name: n{i}, space: s, size: 24}}\n"));
    }
    let p = dir.join("plan.yaml");
    for round in 0..8u64 {
        std::fs::write(&p, &base).unwrap();
        let _ = std::fs::remove_file(dir.join("plan.yaml.lock"));
        let mut child = Command::new(env!("CARGO_BIN_EXE_cidrplan"))
            .args(["carve", p.to_str().unwrap(), "--write"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(40 * round));
        let _ = child.kill();
        let _ = child.wait();
        let t = std::fs::read_to_string(&p).unwrap();
        assert!(t == base || t.matches("cidr: 10.").count() == 20_001, "round {round}: a mixed file");
        assert!(cidrplan::document::Plan::from_text(&t, "p").is_ok(), "round {round}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn linter_habits_github_annotations_fail_on_and_pipes() {
    let golden = root().join("tests/golden/plans");
    let public = golden.join("public-space.yaml");
    // GitHub workflow commands, one per finding, escaped as the runner reads them
    let out = cidrplan(&["check", public.to_str().unwrap(), "--format", "github"], &root(), None);
    assert_eq!(out.status.code(), Some(0));
    let t = text(&out.stdout);
    let first = t.lines().next().unwrap();
    assert!(first.starts_with("::warning file="), "{first}");
    assert!(first.contains("public-space.yaml,line=14,col=5,title=reserved.special-purpose::"), "{first}");
    let plan = "version: 1\nnetworks:\n  - {name: \"a\\nb%c\", cidr: 10.0.0.0/16}\n  - {name: b, cidr: 10.0.0.0/24}\n";
    let t = text(&cidrplan(&["check", "-", "--format", "github"], &root(), Some(plan)).stdout);
    assert!(t.starts_with("::error file=-,line=3,col=5,title=overlap.connected::a\\nb%25c (10.0.0.0/16)"), "{t}");
    assert!(t.contains("[a\\nb%25c, b]"), "the fix is escaped too: {t}");
    assert_eq!(t.lines().count(), 2, "{t}");
    // --fail-on: warnings fail the run when asked
    for (level, code) in [("error", 0), ("warning", 1), ("info", 1)] {
        let out = cidrplan(&["check", public.to_str().unwrap(), "--fail-on", level], &root(), None);
        assert_eq!(out.status.code(), Some(code), "--fail-on {level}");
    }
    // a closed pipe ends the output quietly; the count goes to standard error
    let mut child = Command::new(env!("CARGO_BIN_EXE_cidrplan"))
        .args(["split", "10.0.0.0/8", "/24", "--limit", "100000"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 12];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(&first, b"10.0.0.0/24\n");
    assert_eq!(out.status.code(), Some(0));
    assert!(!text(&out.stderr).contains("Broken pipe"), "{}", text(&out.stderr));
    let out = cidrplan(&["split", "10.0.0.0/16", "/24", "--limit", "3"], &root(), None);
    assert_eq!(text(&out.stdout), "10.0.0.0/24\n10.0.1.0/24\n10.0.2.0/24\n");
    assert!(text(&out.stderr).contains("256 subnets in all"));
}

#[test]
fn completions_load_and_the_manual_renders() {
    let dir = std::env::temp_dir().join(format!("cidrplan-completions-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = cidrplan(&["completions", shell], &root(), None);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = text(&out.stdout);
        assert!(script.contains("check") && script.contains("carve"), "{shell}");
        if shell == "bash" {
            let p = dir.join("cidrplan.bash");
            std::fs::write(&p, &script).unwrap();
            let ok = Command::new("bash").arg("-n").arg(&p).status().unwrap();
            assert!(ok.success(), "bash -n");
        }
    }
    assert_eq!(cidrplan(&["completions", "tcsh"], &root(), None).status.code(), Some(2));
    let man = cidrplan(&["man"], &root(), None);
    assert_eq!(man.status.code(), Some(0));
    let roff = text(&man.stdout);
    assert!(roff.starts_with(".ie \\n(.g .ds Aq") || roff.contains(".TH cidrplan"), "{roff}");
    let page = dir.join("cidrplan.1");
    std::fs::write(&page, &roff).unwrap();
    // rendered as a user reads it: man -l where man is installed, else groff
    let rendered = Command::new("man").arg("-l").arg(&page).env("MANPAGER", "cat").env("MANWIDTH", "80").output();
    let rendered = match rendered {
        Ok(o) if o.status.success() => text(&o.stdout),
        _ => text(&Command::new("groff").args(["-man", "-Tutf8"]).arg(&page).output().unwrap().stdout),
    };
    assert!(rendered.contains("NAME") && rendered.contains("cidrplan"), "{rendered}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn json_output_is_json_even_when_the_input_is_unusable() {
    let out = cidrplan(&["check", "-", "--format", "json"], &root(), Some("version: 1\nnetwork: []\n"));
    assert_eq!(out.status.code(), Some(2));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["format"], "cidrplan-check/1");
    assert_eq!(v["error"]["kind"], "unusable");
    assert!(v["error"]["message"]
        .as_str()
        .unwrap()
        .starts_with("-:2:1: unknown key `network`; did you mean `networks`?"));
    assert_eq!((v["error"]["line"].as_u64(), v["error"]["column"].as_u64()), (Some(2), Some(1)));
    assert_eq!(v["error"]["path"], "network");
    assert!(text(&out.stderr).contains("unknown key `network`"));
    let out = cidrplan(&["diff", "no-such.yaml", "x.yaml", "--format", "json"], &root(), None);
    assert_eq!(out.status.code(), Some(2));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["format"], "cidrplan-diff/1");
    // text stays text
    assert!(cidrplan(&["check", "no-such.yaml"], &root(), None).stdout.is_empty());
}

#[test]
fn inspect_an_address_with_its_length_and_split_advice() {
    let r = root();
    let out = cidrplan(&["inspect", "10.0.0.1/24"], &r, None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("did you mean 10.0.0.0/24? (or inspect --lenient"), "{}", text(&out.stderr));
    let out = cidrplan(&["inspect", "10.0.0.1/24", "--lenient"], &r, None);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).lines().next().unwrap_or("").ends_with("10.0.0.0/24"));
    // the advice names what exists: the shorter prefix itself
    let out = cidrplan(&["split", "10.0.0.0/16", "/12"], &r, None);
    assert!(text(&out.stderr).contains("the /12 that holds it is 10.0.0.0/12"), "{}", text(&out.stderr));
}

#[test]
fn json_counts_past_2_53_are_decimal_strings() {
    let r = root();
    let out = cidrplan(&["inspect", "2001:db8::/32", "--format", "json"], &r, None);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["total_addresses"], "79228162514264337593543950336");
    let out = cidrplan(&["inspect", "10.0.0.0/8", "--format", "json"], &r, None);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["total_addresses"], 16777216); // small counts stay numbers
}

#[test]
fn sarif_validates_against_the_sarif_2_1_0_schema() {
    let r = root();
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(r.join("tests/sarif/sarif-schema-2.1.0.json")).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let valid = |v: &Value, what: &str| {
        let errors: Vec<String> = validator.iter_errors(v).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        assert!(errors.is_empty(), "{what}: {errors:?}");
    };
    // bad plans of every kind: findings with and without related places
    for plan in ["planted-mistakes.yaml", "pools-aks.yaml", "overlap-once.yaml", "dual-stack.yaml"] {
        let path = format!("tests/golden/plans/{plan}");
        let out = cidrplan(&["check", &path, "--format", "sarif"], &r, None);
        assert_eq!(out.status.code(), Some(1), "{plan}");
        let log: Value = serde_json::from_slice(&out.stdout).unwrap();
        valid(&log, plan);
        let run = &log["runs"][0];
        let results = run["results"].as_array().unwrap();
        assert!(!results.is_empty());
        for res in results {
            let rule = res["ruleId"].as_str().unwrap();
            let i = res["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(run["tool"]["driver"]["rules"][i]["id"], rule);
            assert!(["error", "warning", "note"].contains(&res["level"].as_str().unwrap()));
            let loc = &res["locations"][0]["physicalLocation"];
            assert_eq!(loc["artifactLocation"]["uri"], path.as_str());
            assert!(loc["region"]["startLine"].as_u64().unwrap() >= 1);
        }
    }
    // a clean plan: no results; unusable input: still a SARIF log, the execution failed
    let clean = cidrplan(&["check", "examples/plans/startup-eks.yaml", "--format", "sarif"], &r, None);
    let log: Value = serde_json::from_slice(&clean.stdout).unwrap();
    valid(&log, "clean");
    let broken = cidrplan(&["check", "-", "--format", "sarif"], &r, Some("x: ["));
    assert_eq!(broken.status.code(), Some(2));
    let log: Value = serde_json::from_slice(&broken.stdout).unwrap();
    valid(&log, "unusable");
    assert_eq!(log["runs"][0]["invocations"][0]["executionSuccessful"], false);
    // the validator does validate: a level SARIF does not have is refused
    let mut wrong = log.clone();
    wrong["runs"][0]["results"] = serde_json::json!([{"ruleId": "x", "level": "fatal", "message": {"text": "m"}}]);
    assert!(!validator.is_valid(&wrong));
}

#[test]
fn findings_show_their_line_for_a_terminal_and_colour_only_when_asked() {
    let plan = "tests/golden/plans/overlap-once.yaml";
    // piped: the report as scripts read it, no source lines, no escapes
    let piped = text(&cidrplan(&["check", plan], &root(), None).stdout);
    assert!(!piped.contains(" | ") && !piped.contains('\u{1b}'), "{piped}");
    // --color always (a terminal's view, forced): the line under each finding, coloured
    let forced = text(&cidrplan(&["--color", "always", "check", plan], &root(), None).stdout);
    assert!(forced.contains('\u{1b}'), "{forced}");
    assert!(forced.contains("{name: stray, cidr: 10.9.0.0/24}"), "{forced}");
    // unusable input: the line and marker on stderr, coloured only when asked
    let bad = "version: 1\nspaces:\n  - {name: s, cidr: 10.0.0.0/8, colour: red}\n";
    let plain = text(&cidrplan(&["check", "-"], &root(), Some(bad)).stderr);
    assert!(plain.contains("3 |   - {name: s, cidr: 10.0.0.0/8, colour: red}") && !plain.contains('\u{1b}'), "{plain}");
    assert!(plain.contains("^^^^^^ did you mean `cidr`?"), "{plain}");
    let coloured = text(&cidrplan(&["--color", "always", "check", "-"], &root(), Some(bad)).stderr);
    assert!(coloured.contains('\u{1b}'), "{coloured}");
    // GitHub annotations: the unusable input as an error at its place
    let gh = cidrplan(&["check", "-", "--format", "github"], &root(), Some(bad));
    assert_eq!(gh.status.code(), Some(2));
    assert!(
        text(&gh.stdout)
            .starts_with("::error file=-,line=3,col=33,title=cidrplan::-:3:33: spaces[0]: unknown key `colour`"),
        "{}",
        text(&gh.stdout)
    );
    let never = text(&cidrplan(&["--color", "never", "check", "-"], &root(), Some(bad)).stderr);
    assert!(!never.contains('\u{1b}'), "{never}");
}
