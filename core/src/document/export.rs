//! Writing a plan: YAML and JSON (the document itself), a Terraform variables file,
//! CSV for spreadsheets and Markdown for design documents; and `carve --write`'s
//! in-place edit that keeps the file's comments.

use super::carve::Placement;
use super::model::{Network, Plan};
use super::source::{parse_tree, plain_scalar, Kind, Node};
use crate::addr::Family;
use crate::plan::Platform;
use crate::{Error, Result};
use ipnet::IpNet;
use serde_json::Value;
use std::fmt::Write as _;

/// The formats [`Plan::export`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ExportFormat {
    /// The plan document as YAML.
    Yaml,
    /// The plan document as JSON.
    Json,
    /// A Terraform variables file (`.tfvars`): networks, subnets keyed
    /// `network/role/zone` for `for_each`, secondary ranges, and virtual ranges apart.
    Terraform,
    /// One row per range.
    Csv,
    /// Tables for a design document.
    Markdown,
    /// NetBox's bulk-import CSV of prefixes (IPAM > Prefixes > Import).
    NetboxCsv,
    /// NetBox's bulk-import CSV of VRFs.
    NetboxVrfsCsv,
    /// NetBox's bulk-import CSV of aggregates (the plan's spaces).
    NetboxAggregatesCsv,
    /// The request bodies of NetBox's `POST /api/ipam/prefixes/`.
    NetboxJson,
}

impl std::str::FromStr for ExportFormat {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "yaml" | "yml" => Ok(ExportFormat::Yaml),
            "json" => Ok(ExportFormat::Json),
            "terraform" | "tfvars" | "tf" => Ok(ExportFormat::Terraform),
            "csv" => Ok(ExportFormat::Csv),
            "markdown" | "md" => Ok(ExportFormat::Markdown),
            "netbox-csv" => Ok(ExportFormat::NetboxCsv),
            "netbox-vrfs-csv" => Ok(ExportFormat::NetboxVrfsCsv),
            "netbox-aggregates-csv" => Ok(ExportFormat::NetboxAggregatesCsv),
            "netbox-json" => Ok(ExportFormat::NetboxJson),
            _ => Err(Error::InvalidArgument(format!(
                "export format {:?} is not one of yaml, json, terraform, csv, markdown, netbox-csv, netbox-vrfs-csv, netbox-aggregates-csv, netbox-json",
                crate::parse::echo(s)
            ))),
        }
    }
}

impl Plan {
    /// Write the plan in `format`. Ranges given by size are carved first; a plan
    /// that cannot be carved is an error.
    ///
    /// ```
    /// use cidrplan::document::{Plan, ExportFormat};
    /// let p = Plan::from_text("version: 1\nnetworks:\n  - name: vpc\n    profile: aws\n    region: eu-west-1\n    cidr: 10.0.0.0/16\n    subnets:\n      - {name: a, role: private, zone: eu-west-1a, cidr: 10.0.0.0/20}\n", "p.yaml").unwrap();
    /// let tf = p.export(ExportFormat::Terraform).unwrap();
    /// assert!(tf.contains("\"vpc/private/eu-west-1a\" = {"));
    /// let csv = p.export(ExportFormat::Csv).unwrap();
    /// assert!(csv.lines().nth(2).unwrap().starts_with("subnet,a,vpc,10.0.0.0/20,"));
    /// ```
    pub fn export(&self, format: ExportFormat) -> Result<String> {
        self.export_keeping(format, &[])
    }

    /// [`Plan::export`], carving as [`Plan::carve_keeping`] does (sized ranges stay where
    /// `previous` placed them while they still fit).
    ///
    /// ```
    /// use cidrplan::document::{Plan, ExportFormat};
    /// let p = Plan::from_text("version: 1\nnetworks:\n  - name: vpc\n    cidr: 10.0.0.0/16\n    subnets:\n      - {name: a, size: 24}\n", "p.yaml")?;
    /// let mut before = p.carve()?.placements;
    /// before[0].cidr = "10.0.7.0/24".parse().unwrap();
    /// assert!(p.export_keeping(ExportFormat::Csv, &before)?.contains("10.0.7.0/24"));
    /// # Ok::<(), cidrplan::Error>(())
    /// ```
    pub fn export_keeping(&self, format: ExportFormat, previous: &[Placement]) -> Result<String> {
        let plan = self.carve_keeping(previous)?.plan;
        Ok(match format {
            ExportFormat::Yaml => plan.to_yaml(),
            ExportFormat::Json => plan.to_json(),
            ExportFormat::Terraform => terraform(&plan),
            ExportFormat::Csv => csv(&plan),
            ExportFormat::Markdown => markdown(&plan),
            ExportFormat::NetboxCsv => super::netbox::prefixes_csv(&plan),
            ExportFormat::NetboxVrfsCsv => super::netbox::vrfs_csv(&plan),
            ExportFormat::NetboxAggregatesCsv => super::netbox::aggregates_csv(&plan),
            ExportFormat::NetboxJson => super::netbox::prefixes_json(&plan),
        })
    }

    /// The plan document as YAML, as `cidrplan carve` prints it.
    pub fn to_yaml(&self) -> String {
        let v = serde_json::to_value(self).unwrap_or(Value::Null);
        let mut out =
            String::from("# cidrplan address plan (https://github.com/cidrplan/cidrplan, schema: plan.schema.json)\n");
        yaml_value(&v, 0, &mut out, true);
        out
    }

    /// The plan document as JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }
}

/// Text that can stay unquoted in YAML and reads back as the same text.
fn plain_ok(s: &str) -> bool {
    let Some(c0) = s.chars().next() else { return false };
    (c0.is_ascii_alphanumeric() || c0 == '/' || c0 == '.')
        && !s.ends_with([' ', ':'])
        && !s.contains(": ")
        && !s.contains(" #")
        && s.chars().all(|c| c.is_ascii_alphanumeric() || " ._/:+@()-".contains(c))
        && matches!(plain_scalar(s), Kind::Str(_))
}

/// Text a YAML 1.1 reader (PyYAML, Ansible, many CI systems) would take for something
/// else: booleans (`no`, `on`, `y`), numbers (`010`, `1_000`, `12:30` sexagesimal,
/// `.inf`), dates (`2024-01-01`). CIDRs hold a `/`, which none of those do.
fn yaml_1_1_not_text(s: &str) -> bool {
    const WORDS: [&str; 14] =
        ["y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", ".inf", ".nan", "+.inf", "-.inf"];
    WORDS.iter().any(|w| s.eq_ignore_ascii_case(w))
        || (s.starts_with(|c: char| c.is_ascii_digit() || "+-.".contains(c)) && !s.contains('/'))
}

/// A double-quoted YAML scalar every reader takes: JSON's escapes, and DEL, C1 controls
/// and the non-characters escaped too (YAML readers refuse them raw).
fn yaml_quoted(s: &str) -> String {
    let json = serde_json::to_string(s).unwrap_or_default();
    if !json.chars().any(|c| c == '\u{7f}' || ('\u{80}'..='\u{9f}').contains(&c) || c == '\u{fffe}' || c == '\u{ffff}')
    {
        return json;
    }
    json.chars()
        .map(|c| {
            if c == '\u{7f}' || ('\u{80}'..='\u{9f}').contains(&c) || c == '\u{fffe}' || c == '\u{ffff}' {
                format!("\\u{:04x}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) if plain_ok(s) && !yaml_1_1_not_text(s) => s.clone(),
        Value::String(s) => yaml_quoted(s),
        Value::Null => "null".into(),
        other => other.to_string(),
    }
}

fn is_scalar(v: &Value) -> bool {
    !matches!(v, Value::Array(_) | Value::Object(_))
}

/// `{a: 1, b: x}` when short and flat, for lists of small entries.
fn flow(v: &Value) -> Option<String> {
    let s = match v {
        Value::Object(m)
            if m.values().all(|x| is_scalar(x) || matches!(x, Value::Array(a) if a.iter().all(is_scalar))) =>
        {
            let parts: Vec<String> = m
                .iter()
                .map(|(k, x)| {
                    format!("{}: {}", scalar(&Value::String(k.clone())), flow(x).unwrap_or_else(|| scalar(x)))
                })
                .collect();
            format!("{{{}}}", parts.join(", "))
        }
        Value::Array(a) if a.iter().all(is_scalar) => {
            format!("[{}]", a.iter().map(scalar).collect::<Vec<_>>().join(", "))
        }
        _ => return None,
    };
    (s.len() <= 100).then_some(s)
}

fn yaml_value(v: &Value, indent: usize, out: &mut String, top: bool) {
    let pad = " ".repeat(indent);
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let key = scalar(&Value::String(k.clone()));
                if top && !out.ends_with("\n\n") && matches!(x, Value::Array(_) | Value::Object(_)) {
                    out.push('\n');
                }
                match x {
                    Value::Array(a) if a.is_empty() => writeln!(out, "{pad}{key}: []").unwrap_or(()),
                    Value::Object(o) if o.is_empty() => writeln!(out, "{pad}{key}: {{}}").unwrap_or(()),
                    Value::Array(a) if a.iter().all(is_scalar) => match flow(x) {
                        Some(f) => writeln!(out, "{pad}{key}: {f}").unwrap_or(()),
                        None => {
                            writeln!(out, "{pad}{key}:").unwrap_or(());
                            for i in a {
                                writeln!(out, "{pad}  - {}", scalar(i)).unwrap_or(());
                            }
                        }
                    },
                    Value::Array(_) | Value::Object(_) => {
                        let f = if matches!(x, Value::Object(_)) && !top { flow(x) } else { None };
                        match f {
                            Some(f) => writeln!(out, "{pad}{key}: {f}").unwrap_or(()),
                            None => {
                                writeln!(out, "{pad}{key}:").unwrap_or(());
                                yaml_value(x, indent + 2, out, false);
                            }
                        }
                    }
                    _ => writeln!(out, "{pad}{key}: {}", scalar(x)).unwrap_or(()),
                }
            }
        }
        Value::Array(a) => {
            for x in a {
                match flow(x) {
                    Some(f) if matches!(x, Value::Object(_)) => writeln!(out, "{pad}- {f}").unwrap_or(()),
                    _ if matches!(x, Value::Object(_)) => {
                        let mut inner = String::new();
                        yaml_value(x, indent + 2, &mut inner, false);
                        // the first line takes the dash
                        let body = inner.strip_prefix(&" ".repeat(indent + 2)).unwrap_or(&inner);
                        write!(out, "{pad}- {body}").unwrap_or(());
                    }
                    _ => writeln!(out, "{pad}- {}", flow(x).unwrap_or_else(|| scalar(x))).unwrap_or(()),
                }
            }
        }
        other => writeln!(out, "{pad}{}", scalar(other)).unwrap_or(()),
    }
}

fn hcl_str(s: &str) -> String {
    // HCL strings: JSON escapes, plus ${ and %{ which start templates
    serde_json::to_string(s).unwrap_or_default().replace("${", "$${").replace("%{", "%%{")
}

fn hcl_opt(s: Option<&str>) -> String {
    s.map_or("null".into(), hcl_str)
}

fn hcl_list(v: &[IpNet]) -> String {
    format!("[{}]", v.iter().map(|n| hcl_str(&n.to_string())).collect::<Vec<_>>().join(", "))
}

fn hcl_map(pairs: &[(String, String)]) -> String {
    if pairs.is_empty() {
        return "{}".into();
    }
    format!(
        "{{ {} }}",
        pairs.iter().map(|(k, v)| format!("{} = {}", hcl_str(k), hcl_str(v))).collect::<Vec<_>>().join(", ")
    )
}

fn by_family(v: &[IpNet], f: Family) -> Vec<IpNet> {
    v.iter().filter(|n| Family::of(n) == f).copied().collect()
}

/// GKE's pod and service ranges are secondary ranges of the node subnet; every
/// other platform's are virtual (never a VPC subnet).
fn in_subnet(p: &Platform) -> bool {
    matches!(p, Platform::Gke { .. })
}

fn terraform(plan: &Plan) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Generated by cidrplan from the plan{}. Do not edit: change the plan and export again.",
        plan.name.as_deref().map(|n| format!(" {n:?}")).unwrap_or_default()
    );
    let _ =
        writeln!(out, "# networks: one per VPC/VNet/network. subnets: keyed \"network/role/zone\", for for_each over");
    let _ = writeln!(
        out,
        "# aws_subnet, azurerm_subnet or google_compute_subnetwork (secondary_ranges feed secondary_ip_range)."
    );
    let _ =
        writeln!(out, "# virtual_ranges: cluster pod and service CIDRs that are not VPC subnets (cluster settings).\n");
    out.push_str("networks = {\n");
    for n in &plan.networks {
        let _ = writeln!(out, "  {} = {{", hcl_str(&n.name));
        let _ = writeln!(out, "    profile          = {}", hcl_str(n.profile.unwrap_or_default().name()));
        let _ = writeln!(out, "    region           = {}", hcl_opt(n.region.as_deref()));
        let _ = writeln!(out, "    cidr_blocks      = {}", hcl_list(&by_family(&n.cidr, Family::V4)));
        let _ = writeln!(out, "    ipv6_cidr_blocks = {}", hcl_list(&by_family(&n.cidr, Family::V6)));
        let _ = writeln!(
            out,
            "    tags             = {}",
            hcl_map(&n.tags.iter().map(|(k, v)| (k.clone(), v.clone())).collect::<Vec<_>>())
        );
        out.push_str("  }\n");
    }
    out.push_str("}\n\nsubnets = {\n");
    // GKE cluster ranges become secondary ranges of their first node subnet
    let mut extra: std::collections::HashMap<&str, Vec<(String, String)>> = std::collections::HashMap::new();
    for c in plan.clusters.iter().filter(|c| in_subnet(&c.platform)) {
        if let Some(s) = c.node_subnets.first() {
            for (word, r) in [("pods", &c.pod_range), ("services", &c.service_range)] {
                if let Some(cidr) = r.as_ref().and_then(|r| r.cidr) {
                    extra.entry(s.as_str()).or_default().push((format!("{}-{word}", c.name), cidr.to_string()));
                }
            }
        }
    }
    let mut keys = std::collections::HashSet::new();
    fn walk<'a>(
        list: &'a [Network],
        top: &'a Network,
        region: Option<&'a str>,
        out: &mut Vec<(&'a Network, &'a Network, Option<&'a str>)>,
    ) {
        for s in list {
            let region = s.region.as_deref().or(region);
            out.push((top, s, region));
            walk(&s.subnets, top, region, out);
        }
    }
    let mut rows = Vec::new();
    for n in &plan.networks {
        walk(&n.subnets, n, n.region.as_deref(), &mut rows);
    }
    for (top, s, region) in rows {
        let mut key = [Some(top.name.as_str()), Some(s.role.as_deref().unwrap_or(&s.name)), s.zone.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("/");
        if !keys.insert(key.clone()) {
            key = format!("{key}/{}", s.name);
            keys.insert(key.clone());
        }
        let mut secondary: Vec<(String, String)> =
            s.secondary_ranges.iter().map(|r| (r.name.clone(), r.cidr.to_string())).collect();
        secondary.extend(extra.get(s.name.as_str()).cloned().unwrap_or_default());
        let _ = writeln!(out, "  {} = {{", hcl_str(&key));
        let _ = writeln!(out, "    name             = {}", hcl_str(&s.name));
        let _ = writeln!(out, "    network          = {}", hcl_str(&top.name));
        let _ = writeln!(out, "    role             = {}", hcl_opt(s.role.as_deref()));
        let _ = writeln!(out, "    zone             = {}", hcl_opt(s.zone.as_deref()));
        let _ = writeln!(out, "    region           = {}", hcl_opt(region));
        let _ = writeln!(
            out,
            "    cidr             = {}",
            hcl_opt(by_family(&s.cidr, Family::V4).first().map(|n| n.to_string()).as_deref())
        );
        let _ = writeln!(
            out,
            "    ipv6_cidr        = {}",
            hcl_opt(by_family(&s.cidr, Family::V6).first().map(|n| n.to_string()).as_deref())
        );
        let _ = writeln!(out, "    secondary_ranges = {}", hcl_map(&secondary));
        let _ = writeln!(
            out,
            "    tags             = {}",
            hcl_map(&s.tags.iter().map(|(k, v)| (k.clone(), v.clone())).collect::<Vec<_>>())
        );
        out.push_str("  }\n");
    }
    out.push_str("}\n\nvirtual_ranges = {\n");
    for c in plan.clusters.iter().filter(|c| !in_subnet(&c.platform)) {
        let pods = c.pod_range.as_ref().and_then(|r| r.cidr).map(|n| n.to_string());
        let services = c.service_range.as_ref().and_then(|r| r.cidr).map(|n| n.to_string());
        if pods.is_none() && services.is_none() {
            continue;
        }
        let _ = writeln!(
            out,
            "  {} = {{ platform = {}, pods = {}, services = {} }}",
            hcl_str(&c.name),
            hcl_str(&c.platform.label()),
            hcl_opt(pods.as_deref()),
            hcl_opt(services.as_deref())
        );
    }
    out.push_str("}\n");
    out
}

fn count(n: &IpNet) -> String {
    let bits = Family::of(n).bits() - n.prefix_len();
    if bits >= 128 {
        "340282366920938463463374607431768211456".into()
    } else {
        (1u128 << bits).to_string()
    }
}

fn csv(plan: &Plan) -> String {
    let mut out =
        String::from("kind,name,parent,cidr,first,last,addresses,profile,region,zone,role,space,source,tags\n");
    let mut row = |kind: &str,
                   name: &str,
                   parent: &str,
                   cidr: &IpNet,
                   profile: &str,
                   region: &str,
                   zone: &str,
                   role: &str,
                   space: &str,
                   source: &str,
                   tags: &str| {
        let f = [
            kind,
            name,
            parent,
            &cidr.to_string(),
            &cidr.network().to_string(),
            &cidr.broadcast().to_string(),
            &count(cidr),
            profile,
            region,
            zone,
            role,
            space,
            source,
            tags,
        ];
        out.push_str(&f.iter().map(|x| super::csv_cell::csv_field(x)).collect::<Vec<_>>().join(","));
        out.push('\n');
    };
    for s in &plan.spaces {
        row("space", &s.name, "", &s.cidr, "", "", "", s.purpose.as_deref().unwrap_or(""), "", "", &tags(&s.tags));
    }
    fn walk(
        list: &[Network],
        parent: &str,
        profile: crate::AddressProfile,
        region: Option<String>,
        out: &mut Vec<(String, Network, crate::AddressProfile)>,
    ) {
        for n in list {
            let p = n.profile.unwrap_or(profile);
            // subnets inherit the region; their own subnets are listed next, not nested
            let mut row = Network { subnets: Vec::new(), ..n.clone() };
            if row.region.is_none() {
                row.region = region.clone();
            }
            out.push((parent.to_string(), row, p));
            walk(&n.subnets, &n.name, p, n.region.clone().or_else(|| region.clone()), out);
        }
    }
    let mut rows = Vec::new();
    walk(&plan.networks, "", crate::AddressProfile::Standard, None, &mut rows);
    for (parent, n, profile) in &rows {
        let kind = if parent.is_empty() { "network" } else { "subnet" };
        let source = n.source.as_ref().map(|s| s.id.clone()).unwrap_or_default();
        for c in &n.cidr {
            row(
                kind,
                &n.name,
                parent,
                c,
                profile.name(),
                n.region.as_deref().unwrap_or(""),
                n.zone.as_deref().unwrap_or(""),
                n.role.as_deref().unwrap_or(""),
                n.space.as_deref().unwrap_or(""),
                &source,
                &tags(&n.tags),
            );
        }
        for r in &n.secondary_ranges {
            row("secondary-range", &r.name, &n.name, &r.cidr, profile.name(), "", "", "", "", "", "");
        }
    }
    for e in &plan.external {
        for c in &e.cidr {
            row("external", &e.name, "", c, "", "", "", e.kind.as_deref().unwrap_or(""), "", "", &tags(&e.tags));
        }
    }
    for r in &plan.reservations {
        if let Some(c) = r.cidr {
            row(
                "reservation",
                &r.name,
                "",
                &c,
                "",
                "",
                "",
                r.purpose.as_deref().unwrap_or(""),
                r.space.as_deref().unwrap_or(""),
                "",
                "",
            );
        }
    }
    for c in &plan.clusters {
        for (word, r) in [("pods", &c.pod_range), ("services", &c.service_range)] {
            if let Some(cidr) = r.as_ref().and_then(|r| r.cidr) {
                row(
                    "cluster-range",
                    &format!("{}/{word}", c.name),
                    c.network.as_deref().unwrap_or(""),
                    &cidr,
                    "",
                    "",
                    "",
                    word,
                    r.as_ref().and_then(|r| r.space.as_deref()).unwrap_or(""),
                    "",
                    &tags(&c.tags),
                );
            }
        }
    }
    out
}

fn tags(t: &std::collections::BTreeMap<String, String>) -> String {
    t.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(";")
}

fn md(s: &str) -> String {
    markdown_cell(s)
}

/// Text for one markdown table cell, safe in a design document or a pull-request comment:
/// line breaks become spaces, `|` is escaped, HTML (`<script>`, `<img>`) and entities are
/// shown as text, and other control characters as visible escapes (`\x1b`).
///
/// ```
/// use cidrplan::document::markdown_cell;
/// assert_eq!(markdown_cell("a|b\r\n<script>"), "a\\|b  &lt;script&gt;");
/// assert_eq!(markdown_cell("x\u{1b}[2J"), "x\\x1b[2J");
/// assert_eq!(markdown_cell("r\u{202e}evil"), "r\\u{202e}evil");
/// ```
pub fn markdown_cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            '|' => out.push_str("\\|"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c if c.is_control() && (c as u32) < 0x100 => out.push_str(&format!("\\x{:02x}", c as u32)),
            // controls that reorder text (a right-to-left override hides what a name says)
            '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32))
            }
            c => out.push(c),
        }
    }
    out
}

fn markdown(plan: &Plan) -> String {
    let mut out =
        format!("# Address plan{}\n\n", plan.name.as_deref().map(|n| format!(": {}", md(n))).unwrap_or_default());
    if !plan.spaces.is_empty() {
        out.push_str("## Spaces\n\n| Space | CIDR | Addresses | Purpose | Owner | Prefix lengths |\n|---|---|---:|---|---|---|\n");
        for s in &plan.spaces {
            let _ = writeln!(
                out,
                "| {} | `{}` | {} | {} | {} | {} |",
                md(&s.name),
                s.cidr,
                count(&s.cidr),
                md(s.purpose.as_deref().unwrap_or("")),
                md(s.owner.as_deref().unwrap_or("")),
                s.allowed_prefix_lengths.map(|l| format!("/{} to /{}", l.min, l.max)).unwrap_or_default()
            );
        }
        out.push('\n');
    }
    if !plan.networks.is_empty() {
        out.push_str("## Networks\n\n| Network | Subnet | CIDR | Usable | Profile | Region | Zone | Role |\n|---|---|---|---:|---|---|---|---|\n");
        fn walk(list: &[Network], top: Option<&str>, profile: crate::AddressProfile, out: &mut String) {
            for n in list {
                let p = n.profile.unwrap_or(profile);
                for c in &n.cidr {
                    let usable = p.usable_hosts(c).map(|u| u.to_string()).unwrap_or_else(|_| count(c));
                    let (net, sub) = match top {
                        None => (md(&n.name), String::new()),
                        Some(t) => (md(t), md(&n.name)),
                    };
                    let _ = writeln!(
                        out,
                        "| {net} | {sub} | `{c}` | {usable} | {} | {} | {} | {} |",
                        p.name(),
                        md(n.region.as_deref().unwrap_or("")),
                        md(n.zone.as_deref().unwrap_or("")),
                        md(n.role.as_deref().unwrap_or(""))
                    );
                }
                for r in &n.secondary_ranges {
                    let _ = writeln!(
                        out,
                        "| {} | {} (secondary) | `{}` | {} | {} |  |  |  |",
                        md(top.unwrap_or(&n.name)),
                        md(&format!("{}/{}", n.name, r.name)),
                        r.cidr,
                        count(&r.cidr),
                        p.name()
                    );
                }
                walk(&n.subnets, Some(top.unwrap_or(&n.name)), p, out);
            }
        }
        walk(&plan.networks, None, crate::AddressProfile::Standard, &mut out);
        out.push('\n');
    }
    if !plan.external.is_empty() || !plan.reservations.is_empty() {
        out.push_str("## External ranges and reservations\n\n| Name | Kind | CIDR | Note |\n|---|---|---|---|\n");
        for e in &plan.external {
            for c in &e.cidr {
                let _ = writeln!(
                    out,
                    "| {} | external{} | `{c}` | {} |",
                    md(&e.name),
                    e.kind.as_deref().map(|k| format!(" ({})", md(k))).unwrap_or_default(),
                    md(e.owner.as_deref().unwrap_or(""))
                );
            }
        }
        for r in &plan.reservations {
            if let Some(c) = r.cidr {
                let _ = writeln!(
                    out,
                    "| {} | reservation | `{c}` | {} |",
                    md(&r.name),
                    md(r.purpose.as_deref().unwrap_or(""))
                );
            }
        }
        out.push('\n');
    }
    if !plan.clusters.is_empty() {
        out.push_str("## Clusters\n\n| Cluster | Platform | Network | Nodes (peak) | Node subnets | Pod range | Service range |\n|---|---|---|---:|---|---|---|\n");
        for c in &plan.clusters {
            let r = |x: &Option<super::ClusterRange>| {
                x.as_ref().and_then(|r| r.cidr).map(|n| format!("`{n}`")).unwrap_or_default()
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} ({}) | {} | {} | {} |",
                md(&c.name),
                c.platform.label(),
                md(c.network.as_deref().unwrap_or("")),
                c.nodes,
                c.peak_nodes.unwrap_or(c.nodes),
                md(&c.node_subnets.join(", ")),
                r(&c.pod_range),
                r(&c.service_range)
            );
        }
        out.push('\n');
    }
    if !plan.connectivity.is_empty() || !plan.isolated.is_empty() {
        out.push_str("## Connectivity\n\n");
        for l in &plan.connectivity {
            let _ = writeln!(
                out,
                "- {}{}: {}",
                serde_json::to_value(l.kind).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default(),
                l.name.as_deref().map(|n| format!(" {}", md(n))).unwrap_or_default(),
                md(&l.networks.join(", "))
            );
        }
        for g in &plan.isolated {
            let _ = writeln!(
                out,
                "- isolated: {}{}",
                md(&g.networks.join(", ")),
                g.reason.as_deref().map(|r| format!(" ({})", md(r))).unwrap_or_default()
            );
        }
        out.push('\n');
    }
    out
}

/// `text` with every placement written in, comments and layout kept: a `cidr` key
/// is added after each placed entry's name (a dual-stack subnet gets a list, a range
/// carved beside an existing one joins its list), `auto` is replaced by the CIDR.
/// Only for a plan read from this one text.
///
/// ```
/// use cidrplan::document::{Plan, write_placements};
/// let text = "version: 1\nspaces: [{name: s, cidr: 10.0.0.0/8}]\nnetworks:\n  - name: a  # the app VPC\n    space: s\n    size: 16\n";
/// let carved = Plan::from_text(text, "p.yaml")?.carve()?;
/// let out = write_placements(text, "p.yaml", &carved.placements)?;
/// assert!(out.contains("  - name: a  # the app VPC\n    cidr: 10.0.0.0/16\n    space: s\n"));
/// # Ok::<(), cidrplan::Error>(())
/// ```
pub fn write_placements(text: &str, file: &str, placements: &[Placement]) -> Result<String> {
    if placements.is_empty() {
        return Ok(text.to_string());
    }
    // a file whose lines end in CR alone (classic Mac OS): edit it as LF, give it back as CR
    if text.contains('\r') && !text.contains('\n') {
        return Ok(write_placements_in(&text.replace('\r', "\n"), file, placements)?.replace('\n', "\r"));
    }
    write_placements_in(text, file, placements)
}

fn write_placements_in(text: &str, file: &str, placements: &[Placement]) -> Result<String> {
    // a JSON plan stays JSON: keys and values written as JSON strings
    let json = text.trim_start_matches('\u{feff}').trim_start().starts_with('{');
    let q = |c: &str| if json { format!("\"{c}\"") } else { quote_cidr(c) };
    let key = if json { "\"cidr\"" } else { "cidr" };
    let root = parse_tree(text, file)?;
    let chars: Vec<char> = text.chars().collect();
    let slice = |a: usize, b: usize| chars[a.min(chars.len())..b.min(chars.len())].iter().collect::<String>();
    // group by entry, in order
    let mut groups: Vec<(&str, Vec<String>)> = Vec::new();
    let mut group_of: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for p in placements {
        let g = *group_of.entry(p.path.as_str()).or_insert_with(|| {
            groups.push((&p.path, Vec::new()));
            groups.len() - 1
        });
        groups[g].1.push(p.cidr.to_string());
    }
    let list = |v: &[String]| {
        if v.len() == 1 {
            q(&v[0])
        } else {
            format!("[{}]", v.iter().map(|c| q(c)).collect::<Vec<_>>().join(", "))
        }
    };
    // (char index, text to insert, chars replaced)
    let mut edits: Vec<(usize, String, usize)> = Vec::new();
    for (path, cidrs) in groups {
        let node = follow(&root, path)
            .ok_or_else(|| Error::InvalidArgument(format!("{file}: cannot find {path} to write its cidr")))?;
        let bad = || {
            Error::InvalidArgument(format!(
                "{file}:{}:{}: cannot write a cidr into this value; write it by hand",
                node.line, node.column
            ))
        };
        match &node.kind {
            Kind::Str(s) if s.trim() == "auto" => edits.push((node.start, list(&cidrs), node.end - node.start)),
            Kind::Map { flow, entries } => match node.get("cidr") {
                Some(v) => match &v.kind {
                    Kind::Str(_) => {
                        let mut all = vec![slice(v.start, v.end)];
                        all.extend(cidrs.iter().map(|c| q(c)));
                        edits.push((v.start, format!("[{}]", all.join(", ")), v.end - v.start));
                    }
                    Kind::Seq(items) if chars.get(v.start) == Some(&'[') => {
                        let close =
                            (v.start..v.end.min(chars.len())).rev().find(|&i| chars[i] == ']').ok_or_else(bad)?;
                        let sep = if items.is_empty() { "" } else { ", " };
                        edits.push((
                            close,
                            format!("{sep}{}", cidrs.iter().map(|c| q(c)).collect::<Vec<_>>().join(", ")),
                            0,
                        ));
                    }
                    Kind::Seq(items) if !items.is_empty() => {
                        let pad = " ".repeat(items[0].column as usize - 3);
                        let add: String = cidrs.iter().map(|c| format!("{}\n{pad}- ", q(c))).collect();
                        edits.push((items[0].start, add, 0));
                    }
                    _ => return Err(bad()),
                },
                None => {
                    let value = list(&cidrs);
                    let name = node.get("name");
                    match (flow, name) {
                        (true, Some(n)) => edits.push((n.end, format!(", {key}: {value}"), 0)),
                        (true, None) => edits.push((node.start + 1, format!("{key}: {value}, "), 0)),
                        (false, Some(n)) if matches!(n.kind, Kind::Str(_)) && n.line == node.get_key_line("name") => {
                            let indent = entries.first().map_or(0, |(k, _)| k.column as usize - 1);
                            let eol = (n.end..chars.len()).find(|&i| chars[i] == '\n').unwrap_or(chars.len());
                            let eol = if eol > 0 && chars.get(eol - 1) == Some(&'\r') { eol - 1 } else { eol };
                            let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
                            edits.push((eol, format!("{nl}{}cidr: {value}", " ".repeat(indent)), 0));
                        }
                        (false, _) => {
                            let indent =
                                entries.first().map_or(node.column as usize - 1, |(k, _)| k.column as usize - 1);
                            edits.push((node.start, format!("cidr: {value}\n{}", " ".repeat(indent)), 0));
                        }
                    }
                }
            },
            _ => return Err(bad()),
        }
    }
    edits.sort_by_key(|e| e.0);
    let mut out = String::with_capacity(text.len() + edits.len() * 32);
    let mut edit = edits.iter().peekable();
    let mut skip = 0usize;
    for (ci, ch) in chars.iter().enumerate() {
        while let Some(e) = edit.peek() {
            if e.0 != ci {
                break;
            }
            out.push_str(&e.1);
            skip = e.2;
            edit.next();
        }
        if skip > 0 {
            skip -= 1;
            continue;
        }
        out.push(*ch);
    }
    for e in edit {
        out.push_str(&e.1);
    }
    Ok(out)
}

/// Carve plan `text` and write what was placed into the text itself (what
/// `cidrplan carve --write` does): comments and layout kept.
///
/// ```
/// let out = cidrplan::document::carve_text("version: 1\nspaces: [{name: s, cidr: 10.0.0.0/8}]\nnetworks:\n  - {name: a, space: s, size: 16}\n", "p.yaml")?;
/// assert!(out.ends_with("  - {name: a, cidr: 10.0.0.0/16, space: s, size: 16}\n"));
/// # Ok::<(), cidrplan::Error>(())
/// ```
pub fn carve_text(text: &str, file: &str) -> Result<String> {
    carve_text_keeping(text, file, &[])
}

/// [`carve_text`], keeping sized ranges where `previous` placed them while they still
/// fit (as [`Plan::carve_keeping`]): what the page showed is what gets pinned.
///
/// ```
/// let text = "version: 1\nspaces: [{name: s, cidr: 10.0.0.0/8}]\nnetworks:\n  - {name: a, space: s, size: 16}\n";
/// let mut shown = cidrplan::document::Plan::from_text(text, "p.yaml")?.check().carved;
/// shown[0].cidr = "10.9.0.0/16".parse().unwrap();
/// let out = cidrplan::document::carve_text_keeping(text, "p.yaml", &shown)?;
/// assert!(out.contains("{name: a, cidr: 10.9.0.0/16, space: s, size: 16}"), "{out}");
/// # Ok::<(), cidrplan::Error>(())
/// ```
pub fn carve_text_keeping(text: &str, file: &str, previous: &[Placement]) -> Result<String> {
    let carved = Plan::from_text(text, file)?.carve_keeping(previous)?;
    write_placements(text, file, &carved.placements)
}

/// IPv6 CIDRs are quoted in flow lists for readers that stop at `::`.
fn quote_cidr(c: &str) -> String {
    if c.contains(':') {
        format!("\"{c}\"")
    } else {
        c.to_string()
    }
}

fn follow<'a>(root: &'a Node, path: &str) -> Option<&'a Node> {
    let mut node = root;
    for part in path.split('.') {
        let (key, index) = match part.split_once('[') {
            Some((k, rest)) => (k, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        node = node.get(key)?;
        if let Some(i) = index {
            node = node.items().get(i)?;
        }
    }
    Some(node)
}
