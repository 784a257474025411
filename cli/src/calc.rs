//! The quick calculators: inspect, split, max-pods, size, compare.

use crate::Failure;
use cidrplan::cluster::{Requirement, Surge};
use cidrplan::plan::Platform;
use cidrplan::{AddressProfile, Family};
use std::io::Write;
use std::process::ExitCode;

/// What a cluster must hold, as flags.
#[derive(clap::Args)]
pub struct RequirementArgs {
    /// Nodes now (with --pool, each pool gives its own; compare also takes --pods instead).
    #[arg(long)]
    nodes: Option<u64>,
    /// Nodes at peak (autoscaling maximum).
    #[arg(long)]
    peak_nodes: Option<u64>,
    /// Pods per node (the platform's default when absent).
    #[arg(long)]
    max_pods: Option<u32>,
    /// Upgrade surge: a node count (1) or a percentage (10%).
    #[arg(long, default_value = "1")]
    surge: String,
    /// Availability zones.
    #[arg(long, default_value_t = 3)]
    zones: u32,
    /// Services (ClusterIPs) to plan for.
    #[arg(long)]
    services: Option<u64>,
    /// A node pool, as the plan file's keys: name=user,nodes=50,peak_nodes=80,max_pods=30,surge=33%
    /// (also instance_type, os, mode, zones). Repeat for each pool; each range then needs every
    /// pool at peak plus one pool's surge.
    #[arg(long = "pool", id = "pools", value_name = "KEY=VALUE,...")]
    pools: Vec<String>,
}

impl RequirementArgs {
    fn requirement(&self) -> Result<Requirement, Failure> {
        if self.nodes.is_none() && self.pools.is_empty() {
            return Err(Failure::Unusable("give --nodes N (nodes now), or a --pool for each node pool".into()));
        }
        self.build(self.nodes.unwrap_or(0))
    }

    /// The requirement without a node count (compare --pods solves it per platform;
    /// one node stands in while the rest is checked).
    fn requirement_of_pods(&self) -> Result<Requirement, Failure> {
        self.build(1)
    }

    fn build(&self, nodes: u64) -> Result<Requirement, Failure> {
        let surge: Surge = self.surge.parse().map_err(|e: cidrplan::Error| Failure::Unusable(e.to_string()))?;
        let r = Requirement {
            peak_nodes: self.peak_nodes,
            max_pods: self.max_pods,
            surge,
            zones: self.zones,
            services: self.services,
            pools: self
                .pools
                .iter()
                .map(|p| p.parse())
                .collect::<Result<_, cidrplan::Error>>()
                .map_err(|e| Failure::Unusable(e.to_string()))?,
            ..Requirement::new(nodes)
        };
        r.check().map_err(|e| Failure::Unusable(e.to_string()))?;
        Ok(r)
    }
}

fn write(out: &mut dyn Write, s: String) -> Result<ExitCode, Failure> {
    out.write_all(s.as_bytes()).map_err(Failure::from_write)?;
    Ok(ExitCode::SUCCESS)
}

/// The JSON of a calculator's answer, tagged with its format (`cidrplan-inspect/1`, ...)
/// as `check` is: an object gets `format` first; a list becomes `{"format", "rows"}`.
fn json<T: serde::Serialize>(tag: &str, v: &T) -> String {
    let value = match serde_json::to_value(v).unwrap_or_default() {
        serde_json::Value::Object(fields) => {
            let mut tagged = serde_json::Map::with_capacity(fields.len() + 1);
            tagged.insert("format".into(), tag.into());
            tagged.extend(fields);
            serde_json::Value::Object(tagged)
        }
        other => serde_json::json!({"format": tag, "rows": other}),
    };
    crate::report::big_numbers_as_text(&serde_json::to_string_pretty(&value).unwrap_or_default()) + "\n"
}

pub fn inspect(
    cidr: &str,
    profile: &str,
    lenient: bool,
    as_json: bool,
    out: &mut dyn Write,
) -> Result<ExitCode, Failure> {
    // an address with its prefix length (10.0.0.1/24): the network that holds it, as
    // ipcalc answers, when asked; else the core's error and its suggestion
    let net = if lenient {
        cidrplan::parse_prefix_lenient(cidr)?
    } else {
        cidrplan::parse_prefix(cidr).map_err(|e| match e {
            cidrplan::Error::HostBitsSet { .. } => {
                Failure::Unusable(format!("{e} (or inspect --lenient: the network that holds the address)"))
            }
            e => Failure::from(e),
        })?
    };
    let profile: AddressProfile = profile.parse()?;
    let info = cidrplan::inspect(&net, profile)?;
    if as_json {
        return write(out, json("cidrplan-inspect/1", &info));
    }
    let v = serde_json::to_value(&info).unwrap_or_default();
    let mut s = String::new();
    if let Some(m) = v.as_object() {
        let width = m.keys().map(String::len).max().unwrap_or(0);
        for (k, x) in m {
            let shown = match x {
                serde_json::Value::String(t) => t.clone(),
                serde_json::Value::Array(a) => a
                    .iter()
                    .map(|i| {
                        i.as_object()
                            .map(|o| {
                                o.values()
                                    .map(|z| z.as_str().map(String::from).unwrap_or_else(|| z.to_string()))
                                    .collect::<Vec<_>>()
                                    .join(" ")
                            })
                            .unwrap_or_else(|| i.to_string())
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
                other => other.to_string(),
            };
            s.push_str(&format!("{k:width$}  {shown}\n"));
        }
    }
    write(out, s)
}

pub fn split(
    cidr: &str,
    new_prefix: &str,
    limit: u64,
    as_json: bool,
    out: &mut dyn Write,
) -> Result<ExitCode, Failure> {
    let net = cidrplan::parse_prefix(cidr)?;
    let len: u8 = new_prefix.trim().trim_start_matches('/').parse().map_err(|_| {
        Failure::Unusable(format!(
            "new prefix {new_prefix:?} is not a prefix length; write 24 or /24 (from /{} to /{})",
            net.prefix_len(),
            Family::of(&net).bits()
        ))
    })?;
    let subnets = cidrplan::split(&net, len)?;
    let (total, count) = (subnets.total_decimal(), subnets.total());
    let shown = limit.min(cidrplan::bounds::MAX_MATERIALIZE_LIMIT);
    let list: Vec<String> = subnets.take(shown as usize).map(|n| n.to_string()).collect();
    if as_json {
        return write(
            out,
            json(
                "cidrplan-split/1",
                &serde_json::json!({"cidr": net.to_string(), "new_prefix": len, "count": total, "subnets": list, "truncated": (list.len() as u128) < count}),
            ),
        );
    }
    let mut s = list.join("\n");
    s.push('\n');
    let written = write(out, s);
    // the count goes to standard error: standard output stays one subnet a line
    if written.is_ok() && (list.len() as u128) < count {
        eprintln!("... {total} subnets in all; --limit shows more");
    }
    written
}

pub fn max_pods(
    instance: &str,
    pd: bool,
    custom: bool,
    options: Option<&str>,
    as_json: bool,
    out: &mut dyn Write,
) -> Result<ExitCode, Failure> {
    let mut o: cidrplan::eks::MaxPodsOptions = match options {
        Some(t) => cidrplan::input::from_json(t, "--options").map_err(|e| Failure::Unusable(e.to_string()))?,
        None => Default::default(),
    };
    o.prefix_delegation |= pd;
    o.custom_networking |= custom;
    let m = cidrplan::eks::max_pods(instance, &o)?;
    if as_json {
        return write(out, json("cidrplan-max-pods/1", &m));
    }
    let mut s = format!("{}: max pods {}", m.instance_type, m.recommended.map_or("unknown".into(), |r| r.to_string()));
    if let Some(a) = m.address_limit {
        s.push_str(&format!(" (address limit {a}"));
        s.push_str(&format!(
            ", limited by {})",
            serde_json::to_value(m.limited_by).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
        ));
    }
    s.push('\n');
    write(out, s)
}

fn sizing_text(s: &cidrplan::plan::Sizing) -> String {
    let mut t = format!(
        "{}: {} nodes at peak with surge, {} pods per node, {} pods\n",
        s.platform, s.nodes, s.max_pods, s.pods
    );
    for r in &s.ranges {
        let count = if r.count > 1 { format!("{} x ", r.count) } else { String::new() };
        t.push_str(&format!(
            "  {:<10} {count}/{:<3} {:>9} addresses  {}  ({})\n",
            r.name,
            r.prefix_len,
            r.addresses,
            if r.in_vpc { "in VPC" } else { "virtual" },
            r.rule
        ));
    }
    for p in &s.pools {
        let own: Vec<String> = p
            .ranges
            .iter()
            .filter(|r| r.role != cidrplan::cluster::Role::ServiceRange)
            .map(|r| format!("{} {} (/{})", r.name, r.addresses, r.prefix_len))
            .collect();
        t.push_str(&format!(
            "  pool {} ({}): {} peak nodes + {} surge, {} pods per node; alone it needs {}\n",
            crate::escape::esc(&p.name),
            p.platform,
            p.peak_nodes,
            p.surge_nodes,
            p.max_pods,
            own.join(", ")
        ));
    }
    if !s.limited_by.is_empty() {
        t.push_str(&format!("  limited by: {}\n", s.limited_by.join("; ")));
    }
    t
}

pub fn size(platform: &str, req: &RequirementArgs, as_json: bool, out: &mut dyn Write) -> Result<ExitCode, Failure> {
    let p: Platform = platform.parse().map_err(|e: cidrplan::Error| Failure::Unusable(e.to_string()))?;
    let s = cidrplan::plan::size(&p, &req.requirement()?)?;
    if as_json {
        return write(out, json("cidrplan-size/1", &s));
    }
    write(out, sizing_text(&s))
}

/// Every platform side by side: at `--nodes`, or at equal `pods` (nodes solved per platform).
pub fn compare(
    instance: &str,
    req: &RequirementArgs,
    pods: Option<u64>,
    as_json: bool,
    out: &mut dyn Write,
) -> Result<ExitCode, Failure> {
    let rows = match pods {
        Some(pods) => cidrplan::plan::compare_at_pods(pods, &req.requirement_of_pods()?, &Platform::all(instance))
            .map_err(|e| Failure::Unusable(e.to_string()))?,
        None => cidrplan::plan::compare(&req.requirement()?, &Platform::all(instance)),
    };
    if as_json {
        return write(out, json("cidrplan-compare/1", &rows));
    }
    let mut t = String::new();
    for r in rows {
        match (&r.sizing, &r.error) {
            (Some(s), _) => {
                if let (Some(n), Some(pods)) = (r.nodes_for_pods, pods) {
                    t.push_str(&format!("{}: {pods} pods at {} per node: {n} nodes at peak\n", r.platform, s.max_pods));
                }
                t.push_str(&sizing_text(s))
            }
            (_, Some(e)) => t.push_str(&format!("{}: does not fit: {e}\n", r.platform)),
            _ => {}
        }
    }
    write(out, t)
}

/// Which matches `lookup` reports.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Match {
    Longest,
    Shortest,
    All,
}

/// The most a lookup table file may hold (a full Internet table of a million routes is
/// about 20 MB of text).
const MAX_TABLE_BYTES: u64 = 512 << 20;

fn read_table(path: &str) -> Result<String, Failure> {
    use std::io::Read;
    let mut bytes = Vec::new();
    let reader: Box<dyn Read> = if path == "-" {
        Box::new(std::io::stdin())
    } else {
        Box::new(
            std::fs::File::open(path).map_err(|e| Failure::Unusable(format!("{path}: cannot read the table: {e}")))?,
        )
    };
    reader
        .take(MAX_TABLE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::Unusable(format!("{path}: cannot read the table: {e}")))?;
    if bytes.len() as u64 > MAX_TABLE_BYTES {
        return Err(Failure::Unusable(format!("{path}: more than {MAX_TABLE_BYTES} bytes; a table may hold no more")));
    }
    String::from_utf8(bytes)
        .map_err(|e| Failure::Unusable(format!("{path}: is not UTF-8 text (byte {})", e.utf8_error().valid_up_to())))
}

pub fn lookup(
    addresses: &[String],
    table: &str,
    which: Match,
    as_json: bool,
    out: &mut dyn Write,
) -> Result<ExitCode, Failure> {
    let lines = cidrplan::parse_named_lines(&read_table(table)?);
    if let Some(e) = lines.errors.first() {
        let more = match lines.errors.len() {
            1 => String::new(),
            n => format!(" ({n} bad lines in all)"),
        };
        return Err(Failure::Unusable(format!("{table}:{}: {}{more}", e.line, e.message)));
    }
    let nets: Vec<_> = lines.prefixes.iter().map(|p| p.prefix).collect();
    let index = cidrplan::PrefixTable::new(&nets);
    // a prefix's name: the first line that gave it
    let mut names = std::collections::HashMap::new();
    for p in &lines.prefixes {
        names.entry(p.prefix).or_insert(p.name.as_str());
    }
    let mut rows = Vec::with_capacity(addresses.len());
    let mut unmatched = false;
    for text in addresses {
        let a = cidrplan::parse_address(text)?;
        let found = match which {
            Match::Longest => index.longest_match(a).into_iter().collect(),
            Match::Shortest => index.shortest_match(a).into_iter().collect(),
            Match::All => index.all_matches(a),
        };
        unmatched |= found.is_empty();
        let matches: Vec<_> = found
            .iter()
            .map(|n| serde_json::json!({"prefix": n.to_string(), "name": names.get(n).copied().unwrap_or_default()}))
            .collect();
        rows.push(serde_json::json!({"address": a.to_string(), "matches": matches}));
    }
    let written = if as_json {
        write(out, json("cidrplan-lookup/1", &rows))
    } else {
        let mut s = String::new();
        for row in &rows {
            let address = row["address"].as_str().unwrap_or_default();
            let ms = row["matches"].as_array().map(Vec::as_slice).unwrap_or_default();
            if ms.is_empty() {
                s.push_str(&format!("{address}\t-\n"));
            }
            for m in ms {
                let (prefix, name) = (m["prefix"].as_str().unwrap_or_default(), m["name"].as_str().unwrap_or_default());
                if name == prefix {
                    s.push_str(&format!("{address}\t{prefix}\n"));
                } else {
                    s.push_str(&format!("{address}\t{prefix}\t{name}\n"));
                }
            }
        }
        write(out, s)
    };
    written.map(|ok| if unmatched { ExitCode::from(1) } else { ok })
}

pub fn reverse(cidr: &str, as_json: bool, out: &mut dyn Write) -> Result<ExitCode, Failure> {
    let (kind, names) = if cidr.contains('/') {
        ("zones", cidrplan::reverse_zones(&cidrplan::parse_prefix(cidr)?)?)
    } else {
        ("pointer", vec![cidrplan::reverse_pointer(cidrplan::parse_address(cidr)?)])
    };
    if as_json {
        return write(out, json("cidrplan-reverse/1", &serde_json::json!({"input": cidr.trim(), kind: names})));
    }
    write(out, names.join("\n") + "\n")
}
