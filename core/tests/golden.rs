//! The shared golden corpus (`tests/golden/*.json`) run against the Rust core.
//! The Python and WebAssembly test suites read the same files.

#![allow(clippy::unwrap_used)]

use cidrplan::{aks, eks, gke, k8s, plan, *};
use ipnet::IpNet;
use serde_json::{json, Value};
use std::path::PathBuf;

fn golden_dir() -> PathBuf {
    // core/tests/golden is a link to the repository's tests/golden, so the packaged crate carries it
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn load(name: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(golden_dir().join(name)).expect("golden file");
    serde_json::from_str(&text).expect("golden JSON")
}

fn s<'a>(args: &'a Value, key: &str) -> &'a str {
    args[key].as_str().unwrap_or_else(|| panic!("string arg {key}"))
}
fn net(args: &Value, key: &str) -> Result<IpNet> {
    parse_prefix(s(args, key))
}
fn nets(args: &Value, key: &str) -> Result<Vec<IpNet>> {
    args[key]
        .as_array()
        .unwrap_or_else(|| panic!("list arg {key} in {args}"))
        .iter()
        .map(|v| parse_prefix(v.as_str().unwrap()))
        .collect()
}
fn u(args: &Value, key: &str) -> u64 {
    args[key].as_u64().unwrap_or_else(|| panic!("int arg {key}"))
}
fn opt_u8(args: &Value, key: &str) -> Option<u8> {
    args[key].as_u64().map(|v| v as u8)
}
fn strs(v: &[IpNet]) -> Value {
    json!(v.iter().map(|p| p.to_string()).collect::<Vec<_>>())
}
fn to_value<T: serde::Serialize>(t: T) -> Value {
    serde_json::to_value(t).unwrap()
}
fn from_args<T: serde::de::DeserializeOwned>(args: &Value) -> T {
    serde_json::from_value(args.clone()).unwrap_or_else(|e| panic!("args {args}: {e}"))
}
/// `{"name": "prefix", ...}` under "prefixes".
fn named_prefixes(args: &Value) -> Result<Vec<NamedPrefix>> {
    args["prefixes"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| Ok(NamedPrefix::new(k.clone(), parse_prefix(v.as_str().unwrap())?)))
        .collect()
}
fn surge(args: &Value) -> aks::Surge {
    serde_json::from_value(args["surge"].clone()).unwrap()
}
fn mode(args: &Value) -> Result<aks::Mode> {
    s(args, "mode").parse()
}

/// Run one case's operation; the result as JSON.
fn run(op: &str, a: &Value) -> Result<Value> {
    Ok(match op {
        "parse_prefix" => json!(parse_prefix(s(a, "text"))?.to_string()),
        "parse_prefix_lenient" => json!(parse_prefix_lenient(s(a, "text"))?.to_string()),
        "split" => strs(&split_to_vec(&net(a, "prefix")?, u(a, "new_prefix") as u8, DEFAULT_MATERIALIZE_LIMIT)?),
        "supernet" => json!(supernet(&net(a, "prefix")?, u(a, "new_prefix") as u8)?.to_string()),
        "collapse" => strs(&collapse(&nets(a, "prefixes")?)?),
        "exclude" => strs(&exclude(&net(a, "prefix")?, &nets(a, "remove")?)?),
        "range_to_cidrs" => strs(&range_to_cidrs(parse_address(s(a, "first"))?, parse_address(s(a, "last"))?)?),
        "spanning_cidr" => json!(spanning_cidr(&nets(a, "prefixes")?)?.to_string()),
        "PrefixSet" => {
            let x = PrefixSet::from_prefixes(nets(a, "a")?);
            let y = PrefixSet::from_prefixes(nets(a, "b")?);
            let r = match s(a, "operation") {
                "union" => x.union(&y),
                "intersection" => x.intersection(&y),
                "difference" => x.difference(&y),
                "symmetric_difference" => x.symmetric_difference(&y),
                "complement_v4" => x.complement(Family::V4),
                "complement_v6" => x.complement(Family::V6),
                other => panic!("set operation {other}"),
            };
            strs(&r.prefixes())
        }
        "cidrsubnets" => {
            let bits: Vec<u8> = a["newbits"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap() as u8).collect();
            strs(&cidrsubnets(&parse_prefix_lenient(s(a, "prefix"))?, &bits)?)
        }
        "cidrsubnet" => {
            json!(cidrsubnet(&parse_prefix_lenient(s(a, "prefix"))?, u(a, "newbits") as u8, u(a, "netnum") as u128)?
                .to_string())
        }
        "splits_to" => strs(&cidrplan::splits_to(&net(a, "prefix")?, u(a, "new_prefix") as u8)?),
        "cidrnetmask" => json!(cidrplan::cidrnetmask(&parse_prefix_lenient(s(a, "prefix"))?)?.to_string()),
        "cidrhost" => {
            json!(cidrhost(&parse_prefix_lenient(s(a, "prefix"))?, a["hostnum"].as_i64().unwrap() as i128)?.to_string())
        }
        "named_subnets" => {
            let slots: Vec<NamedSlot> = from_args(&a["slots"]);
            let r = named_subnets(&parse_prefix_lenient(s(a, "prefix"))?, &slots)?;
            let mut m = serde_json::Map::new();
            for sub in r.subnets {
                m.insert(sub.name.unwrap(), json!(sub.prefix.to_string()));
            }
            Value::Object(m)
        }
        "vlsm" => {
            let reqs: Vec<VlsmRequest> = a["hosts"]
                .as_array()
                .unwrap()
                .iter()
                .enumerate()
                .map(|(i, h)| VlsmRequest {
                    name: format!("s{i}"),
                    size: SubnetSize::Hosts(h.as_u64().unwrap() as u128),
                })
                .collect();
            let r = vlsm(&net(a, "prefix")?, &reqs, s(a, "profile").parse()?)?;
            strs(&r.subnets.iter().map(|x| x.prefix).collect::<Vec<_>>())
        }
        "free_space" => strs(&free_space(&net(a, "parent")?, &nets(a, "used")?)?),
        "free_aligned_blocks" => {
            json!(free_aligned_blocks(&net(a, "parent")?, &nets(a, "used")?, u(a, "prefix_len") as u8)? as u64)
        }
        "allocate" => {
            let reqs: Vec<AllocationRequest> = a["prefix_lens"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| AllocationRequest { name: String::new(), prefix_len: l.as_u64().unwrap() as u8 })
                .collect();
            let r = allocate(&net(a, "parent")?, &nets(a, "used")?, &reqs, s(a, "strategy").parse()?)?;
            strs(&r.subnets.iter().map(|x| x.prefix).collect::<Vec<_>>())
        }
        "find_overlaps" => {
            let named = named_prefixes(a)?;
            let r = find_overlaps(&named)?;
            json!(r.iter().map(|o| json!([o.a, o.b, to_value(o.relation)])).collect::<Vec<_>>())
        }
        "check_reserved" => {
            let named = named_prefixes(a)?;
            let sets: Vec<ReservedSet> = a["sets"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| ReservedSet::by_name(v.as_str().unwrap()))
                .collect::<Result<_>>()?;
            strs(&check_reserved(&named, &sets)?.iter().map(|h| h.entry_prefix).collect::<Vec<_>>())
        }
        "usable_hosts" => json!(usable_hosts(&net(a, "prefix")?, s(a, "profile").parse()?)? as u64),
        "inspect" => to_value(inspect(&net(a, "prefix")?, s(a, "profile").parse()?)?),
        "network_bits" => json!(cidrplan::network_bits(&net(a, "prefix")?)),
        "reverse_pointer" => {
            json!(cidrplan::reverse_pointer(cidrplan::parse_address(a["address"].as_str().unwrap_or_default())?))
        }
        "reverse_zones" => json!(cidrplan::reverse_zones(&net(a, "prefix")?)?),
        "next_address" => {
            json!(cidrplan::next_address(cidrplan::parse_address(a["address"].as_str().unwrap_or_default())?)?
                .to_string())
        }
        "previous_address" => {
            json!(cidrplan::previous_address(cidrplan::parse_address(a["address"].as_str().unwrap_or_default())?)?
                .to_string())
        }
        "next_prefix" => {
            let p = net(a, "prefix")?;
            json!(cidrplan::next_prefix(&p, a["new_prefix"].as_u64().map_or(p.prefix_len(), |l| l as u8))?.to_string())
        }
        "previous_prefix" => {
            let p = net(a, "prefix")?;
            json!(cidrplan::previous_prefix(&p, a["new_prefix"].as_u64().map_or(p.prefix_len(), |l| l as u8))?
                .to_string())
        }
        "longest_match" => {
            json!(cidrplan::longest_match(cidrplan::parse_address(s(a, "address"))?, &nets(a, "prefixes")?)
                .map(|n| n.to_string()))
        }
        "shortest_match" => {
            json!(cidrplan::shortest_match(cidrplan::parse_address(s(a, "address"))?, &nets(a, "prefixes")?)
                .map(|n| n.to_string()))
        }
        "addresses" | "address_range" => {
            let r = if op == "addresses" {
                let p = net(a, "prefix")?;
                if a["hosts"].as_bool().unwrap_or(false) {
                    cidrplan::AddressRange::hosts(&p)
                } else {
                    cidrplan::AddressRange::of_prefix(&p)
                }
            } else {
                cidrplan::AddressRange::new(
                    cidrplan::parse_address(s(a, "first"))?,
                    cidrplan::parse_address(s(a, "last"))?,
                )?
            };
            let count = match r.total() {
                n if n < (1 << 53) => json!(n as u64),
                _ => json!(r.total_decimal()),
            };
            json!({"count": count, "head": r.iter().take(3).map(|x| x.to_string()).collect::<Vec<_>>(), "last": r.last().to_string()})
        }
        "parse_scoped_address" => {
            let (addr, zone) = cidrplan::parse_scoped_address(s(a, "text"))?;
            json!([addr.to_string(), zone])
        }
        "exploded" => json!(cidrplan::exploded(cidrplan::parse_address(a["address"].as_str().unwrap_or_default())?)),
        "classify" => to_value(classify(&net(a, "prefix")?)?),
        "eks.max_pods" => {
            // the options are the args other than the instance type (options refuse unknown fields)
            let mut rest = a.clone();
            rest.as_object_mut().unwrap().remove("instance_type");
            let opts: eks::MaxPodsOptions = from_args(&rest);
            to_value(eks::max_pods(s(a, "instance_type"), &opts)?)
        }
        "eks.node_subnet_ips" => {
            let t = eks::instance_type(s(a, "instance_type"))?;
            let warm: eks::WarmPool = if a["warm"].is_null() { Default::default() } else { from_args(&a["warm"]) };
            let pd = a["prefix_delegation"].as_bool().unwrap_or(false);
            json!(eks::node_subnet_ips(t, u(a, "pods") as u32, pd, &warm)?.subnet_ips)
        }
        "eks.nodes_in_subnet" => {
            let t = eks::instance_type(s(a, "instance_type"))?;
            to_value(eks::nodes_in_subnet(&net(a, "subnet")?, t, u(a, "pods") as u32, false, &Default::default())?)
        }
        "eks.default_service_cidr" => json!(eks::default_service_cidr(&nets(a, "vpc_cidrs")?).0.to_string()),
        "gke.default_services_range" => {
            let kind: gke::ClusterKind = serde_json::from_value(a["kind"].clone()).unwrap();
            let v = (a["version"][0].as_u64().unwrap() as u32, a["version"][1].as_u64().unwrap() as u32);
            json!(gke::default_services_range(kind, v).map(|n| n.to_string()))
        }
        "aks.required_node_subnet_ips" => {
            json!(aks::required_node_subnet_ips(mode(a)?, u(a, "nodes"), u(a, "max_pods") as u32, surge(a))?)
        }
        "aks.min_node_subnet_prefix" => {
            json!(aks::min_node_subnet_prefix(mode(a)?, u(a, "nodes"), u(a, "max_pods") as u32, surge(a))?)
        }
        "aks.max_nodes" => to_value(aks::max_nodes(&net(a, "subnet")?, mode(a)?, u(a, "max_pods") as u32, surge(a))?),
        "aks.pod_address_need" => {
            to_value(aks::pod_address_need(mode(a)?, u(a, "nodes"), u(a, "max_pods") as u32, surge(a))?)
        }
        "aks.max_nodes_for_pod_range" => {
            json!(aks::max_nodes_for_pod_range(&net(a, "range")?, mode(a)?, u(a, "max_pods") as u32)?)
        }
        "aks.validate" => {
            let c: aks::Cluster = from_args(a);
            json!(aks::validate(&c).iter().map(|i| i.rule).collect::<Vec<_>>())
        }
        "gke.max_nodes_for_primary" => json!(gke::max_nodes_for_primary(u(a, "prefix_len") as u8)?),
        "gke.primary_prefix_for" => json!(gke::primary_prefix_for(u(a, "nodes"))?),
        "gke.pod_range_prefix" => {
            json!(gke::pod_range_prefix(u(a, "max_pods") as u32, a["overprovisioning"].as_bool().unwrap_or(true))?)
        }
        "gke.nodes_for_pod_range" => {
            json!(gke::nodes_for_pod_range(u(a, "pod_prefix") as u8, u(a, "max_pods") as u32)?)
        }
        "gke.max_nodes" => {
            json!(gke::max_nodes(&gke::NodeAndPodRanges {
                node_prefix: u(a, "node_prefix") as u8,
                pod_prefix: u(a, "pod_prefix") as u8,
                max_pods: u(a, "max_pods") as u32
            })?)
        }
        "gke.services_for_range" => json!(gke::services_for_range(u(a, "prefix_len") as u8)?),
        "gke.route_based_max_nodes" => json!(gke::route_based_max_nodes(u(a, "prefix_len") as u8)?),
        "gke.cluster_max_nodes" => {
            let mut args = a.clone();
            args["psc_without_private_endpoint_subnet"] = json!(false);
            to_value(gke::cluster_max_nodes(&from_args(&args))?)
        }
        "k8s.range_allocator_nodes" => {
            let rule = a["rule"].as_str().map_or(Ok(k8s::MaskLimit::Controller), str::parse)?;
            json!(k8s::range_allocator_nodes(&net(a, "cluster_cidr")?, opt_u8(a, "node_mask"), rule)? as u64)
        }
        "k8s.calico_pool" => {
            to_value(k8s::calico_pool(&net(a, "pool")?, opt_u8(a, "block_size"), u(a, "pods_per_node") as u32)?)
        }
        "k8s.cilium_cluster_pool_nodes" => {
            json!(k8s::cilium_cluster_pool_nodes(&net(a, "pool")?, opt_u8(a, "node_mask"))? as u64)
        }
        "k8s.flannel_nodes" => json!(k8s::flannel_nodes(&net(a, "network")?, u(a, "subnet_len") as u8)? as u64),
        "plan.size" => sizing_summary(&plan::size(&s(a, "platform").parse()?, &from_args(&a["requirement"]))?),
        "plan.compare" => {
            let rows = plan::compare(&from_args(&a["requirement"]), &plan::Platform::all(s(a, "instance_type")));
            json!({"rows": rows.len(), "rows_with_sizing": rows.iter().filter(|r| r.sizing.is_some()).count()})
        }
        "plan.compare_at_pods" => {
            let ps: Vec<plan::Platform> =
                a["platforms"].as_array().unwrap().iter().map(|p| p.as_str().unwrap().parse().unwrap()).collect();
            let rows = plan::compare_at_pods(a["pods"].as_u64().unwrap(), &from_args(&a["requirement"]), &ps)?;
            json!({"nodes_for_pods": rows.iter().map(|r| r.nodes_for_pods).collect::<Vec<_>>(), "errors": rows.iter().map(|r| r.error.clone()).collect::<Vec<_>>()})
        }
        "plan.carve" => {
            let p = plan::carve(&net(a, "vpc")?, &s(a, "platform").parse()?, &from_args(&a["requirement"]))?;
            let services = p.ranges.iter().find(|r| r.role == plan::Role::ServiceRange).map(|r| r.prefix.to_string());
            json!({"services": services, "in_vpc": p.ranges.iter().filter(|r| r.in_vpc).count(), "overlaps": p.overlaps.len()})
        }
        other => panic!("unknown op {other}"),
    })
}

/// A sizing as the flat fields the golden cases check (`ranges_0_prefix_len` ...).
fn sizing_summary(sz: &plan::Sizing) -> Value {
    let mut v = to_value(sz);
    for (i, r) in sz.ranges.iter().enumerate() {
        v[format!("ranges_{i}_prefix_len")] = json!(r.prefix_len);
        v[format!("ranges_{i}_addresses")] = json!(r.addresses as u64);
    }
    v
}

/// A count the corpus writes as a decimal string (past 2^53 - 1, so that every face's
/// JSON reader keeps it exact) against the number a result holds.
fn same_whole_number(got: &Value, want: &Value) -> bool {
    matches!((got, want), (Value::Number(n), Value::String(w)) if !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()) && n.to_string() == *w)
}

/// Compare a result with an expectation: objects key by key (with `_between` ranges).
fn matches(got: &Value, want: &Value) -> std::result::Result<(), String> {
    if let (Value::Object(w), Value::Object(_)) = (want, got) {
        for (k, v) in w {
            if let Some(base) = k.strip_suffix("_between") {
                let x = got[base].as_f64().ok_or(format!("{base} missing"))?;
                let (lo, hi) = (v[0].as_f64().unwrap(), v[1].as_f64().unwrap());
                if x < lo || x > hi {
                    return Err(format!("{base} = {x}, want {lo}..={hi}"));
                }
            } else if &got[k] != v && !same_whole_number(&got[k], v) {
                return Err(format!("{k}: got {}, want {v}", got[k]));
            }
        }
        return Ok(());
    }
    if got == want {
        Ok(())
    } else {
        Err(format!("got {got}, want {want}"))
    }
}

fn run_file(name: &str) -> usize {
    let cases = load(name);
    let mut failures = Vec::new();
    for c in &cases {
        let label = c["name"].as_str().unwrap();
        let result = run(c["op"].as_str().unwrap(), &c["args"]);
        match (&result, c.get("error")) {
            (Err(e), Some(kind)) => {
                if e.kind() != kind.as_str().unwrap() {
                    failures.push(format!("{label}: error kind {} ({e}), want {kind}", e.kind()));
                }
                if let Some(msg) = c.get("message") {
                    if e.to_string() != msg.as_str().unwrap() {
                        failures.push(format!("{label}: message {e:?}, want {msg}"));
                    }
                }
                if let Some(field) = c.get("field") {
                    if e.field() != field.as_str() {
                        failures.push(format!("{label}: field {:?} ({e}), want {field}", e.field()));
                    }
                }
            }
            (Ok(v), Some(kind)) => failures.push(format!("{label}: got {v}, want error {kind}")),
            (Err(e), None) => failures.push(format!("{label}: unexpected error {e}")),
            (Ok(v), None) => {
                if let Err(m) = matches(v, &c["expect"]) {
                    failures.push(format!("{label}: {m}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{name}: {} failure(s):\n{}", failures.len(), failures.join("\n"));
    cases.len()
}

#[test]
fn golden_cidr_worked_examples() {
    assert!(run_file("cidr.json") >= 60);
}

#[test]
fn golden_capacity_worked_examples() {
    assert!(run_file("capacity.json") >= 55);
}

/// The peers' own test cases (Terraform, go-cidr), transcribed; `differs` marks where
/// cidrplan deliberately answers otherwise (README, Semantics).
#[test]
fn golden_peers_own_tests() {
    assert!(run_file("peers.json") >= 80);
}

#[test]
fn golden_recorded_from_python_ipaddress() {
    assert!(run_file("ipaddress.json") >= 500);
}

#[test]
fn eni_max_pods_table_matches_for_every_instance_type() {
    let text = std::fs::read_to_string(golden_dir().join("eni-max-pods.txt")).unwrap();
    let mut checked = 0;
    for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let mut parts = line.split_whitespace();
        let (name, want) = (parts.next().unwrap(), parts.next().unwrap().parse::<u32>().unwrap());
        let got = eks::max_pods(name, &eks::MaxPodsOptions::default()).unwrap();
        assert_eq!(got.address_limit, Some(want), "{name}");
        checked += 1;
    }
    assert_eq!(checked, 1391);
    assert_eq!(checked, eks::instance_types().len(), "every compiled-in type is in AWS's table");
}

#[test]
fn compiled_table_is_the_shared_data_file() {
    // The project carries its own copy; when ../shared is beside it, they must agree.
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/data/ec2-instance-network-limits.csv");
    if let Ok(text) = std::fs::read_to_string(&shared) {
        assert_eq!(text, eks::INSTANCE_DATA_CSV, "core/data copy differs from {}", shared.display());
    }
    // and the compiled table is exactly the file in the repository
    let ours =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/ec2-instance-network-limits.csv"))
            .unwrap();
    assert_eq!(ours, eks::INSTANCE_DATA_CSV);
}
