//! The check report for a terminal (text), a pull request (markdown) and scripts
//! (json, stable: documented in docs/plan-format.md).

use crate::escape::esc;
use cidrplan::document::{Finding, Report, Severity};

fn summary(r: &Report) -> String {
    let n = |s| r.count(s);
    let plural = |k: usize, w: &str| format!("{k} {w}{}", if k == 1 { "" } else { "s" });
    format!(
        "{}, {}, {} info",
        plural(n(Severity::Error), "error"),
        plural(n(Severity::Warning), "warning"),
        n(Severity::Info)
    )
}

fn place(f: &Finding) -> String {
    f.objects.iter().find_map(|o| o.at.as_ref()).map(|a| format!("{}: ", esc(&a.to_string()))).unwrap_or_default()
}

/// A readable terminal report.
pub fn text(r: &Report) -> String {
    text_drawn(r, &|_, _| None)
}

/// The text report with each finding's source line drawn under it by `draw` (given the
/// place and whether the finding is less than an error).
pub fn text_drawn(r: &Report, draw: &dyn Fn(&cidrplan::document::Position, bool) -> Option<String>) -> String {
    let mut s = String::new();
    for f in &r.findings {
        s.push_str(&format!("{}{}[{}]: {}\n", place(f), f.severity.name(), f.rule, esc(&f.message)));
        if let Some(drawn) =
            f.objects.iter().find_map(|o| o.at.as_ref()).and_then(|at| draw(at, f.severity != Severity::Error))
        {
            s.push_str(&drawn);
            s.push('\n');
        }
        for o in &f.objects {
            s.push_str(&format!(
                "    {} {}{}{}\n",
                o.kind,
                esc(&o.name),
                o.cidr.as_ref().map(|c| format!(" {c}")).unwrap_or_default(),
                o.at.as_ref().map(|a| format!(" ({})", esc(&a.to_string()))).unwrap_or_default()
            ));
        }
        if let Some(fix) = &f.fix {
            s.push_str(&format!("    fix: {}\n", esc(fix)));
        }
    }
    if !r.carved.is_empty() {
        s.push_str(&format!("\nplaced by carve ({}):\n", r.carved.len()));
        for p in r.carved.iter().take(20) {
            s.push_str(&format!("  {} {} = {} (in {})\n", p.kind, esc(&p.name), p.cidr, esc(&p.within)));
        }
        if r.carved.len() > 20 {
            s.push_str(&format!("  ... and {} more (cidrplan carve prints them all)\n", r.carved.len() - 20));
        }
    }
    if !r.clusters.is_empty() {
        s.push_str("\nclusters at peak with surge:\n");
        for c in &r.clusters {
            s.push_str(&format!(
                "  {} ({}): {} nodes, {} pods per node",
                esc(&c.cluster),
                c.platform,
                c.nodes,
                c.max_pods
            ));
            if let (Some(first), Some(max)) = (&c.runs_out_first, c.max_peak_nodes) {
                s.push_str(&format!("; {} runs out first, at {max} peak nodes", esc(first)));
            }
            s.push('\n');
            if let Some(e) = &c.error {
                s.push_str(&format!("    not sized at peak: {}\n", esc(e)));
            }
            for g in &c.ranges {
                s.push_str(&format!("    {:<16} {:<18} {}\n", esc(&g.name), g.cidr, g.summary));
            }
            for p in &c.pools {
                s.push_str(&format!("    {}\n", esc(&pool_line(p))));
            }
            if let Some(o) = &c.observed {
                let ranges: Vec<String> = o
                    .ranges
                    .iter()
                    .map(|r| {
                        format!("{} ({}): {} node CIDRs handed out, {} more fit", r.name, r.cidr, r.handed_out, r.left)
                    })
                    .collect();
                s.push_str(&format!(
                    "    observed: {} nodes, {} Pod CIDRs{}{}\n",
                    o.nodes,
                    o.pod_cidrs,
                    if ranges.is_empty() { "" } else { "; " },
                    esc(&ranges.join("; "))
                ));
            }
            if let Some(z) = &c.zone_loss {
                if z.holds {
                    s.push_str(&format!("    one zone lost: the other {} zones absorb its nodes\n", z.zones_left));
                } else {
                    s.push_str(&format!("    one zone lost: {} run out\n", esc(&z.short.join(", "))));
                }
            }
        }
    }
    if !r.spaces.is_empty() {
        s.push_str("\nspaces:\n");
        for sp in &r.spaces {
            s.push_str(&format!(
                "  {:<16} {:<18} {:>3}% free{}\n",
                esc(&sp.space),
                sp.cidr,
                sp.free_percent,
                sp.largest_free.as_ref().map(|l| format!(", largest free block {l}")).unwrap_or_default()
            ));
        }
    }
    if !r.subnets.is_empty() {
        s.push_str("\nsubnets in use:\n");
        for u in &r.subnets {
            s.push_str(&format!(
                "  {:<24} {:<18} {:>6} used, {:>6} free, {:>4} free aligned /28s, largest free {}\n",
                esc(&u.subnet),
                u.cidr,
                u.used,
                u.free,
                u.free_aligned_28,
                u.largest_free.as_deref().unwrap_or("none")
            ));
        }
    }
    s.push_str(&format!("\n{}\n", summary(r)));
    s
}

/// The differences between a plan and what exists, one per line.
pub fn diff_text(d: &[cidrplan::document::Difference]) -> String {
    let mut s = String::new();
    for x in d {
        let at = x.at.as_ref().map(|a| format!("{}: ", esc(&a.to_string()))).unwrap_or_default();
        let id = x.id.as_ref().filter(|i| **i != x.name).map(|i| format!(" ({})", esc(i))).unwrap_or_default();
        let name = esc(&x.name);
        match x.change {
            "missing" => s.push_str(&format!(
                "{at}missing: {} {name}{id} {} is planned but not there\n",
                x.kind,
                x.planned.join(", ")
            )),
            "unplanned" => s.push_str(&format!(
                "{at}unplanned: {} {name}{id} {} exists but is not in the plan\n",
                x.kind,
                x.actual.join(", ")
            )),
            _ => s.push_str(&format!(
                "{at}changed: {} {name}{id} is planned as {} but is {}\n",
                x.kind,
                x.planned.join(", "),
                x.actual.join(", ")
            )),
        }
    }
    s.push_str(&format!("{} difference{}\n", d.len(), if d.len() == 1 { "" } else { "s" }));
    s
}

/// For scripts: `{"summary": {...}, "findings": [...], "carved": [...], "clusters": [...], "spaces": [...]}`.
pub fn json(r: &Report) -> String {
    let v = serde_json::json!({
        "format": "cidrplan-check/1",
        "summary": r.summary,
        "findings": r.findings,
        "carved": r.carved,
        "clusters": r.clusters,
        "spaces": r.spaces,
        "subnets": r.subnets,
    });
    big_numbers_as_text(&serde_json::to_string_pretty(&v).unwrap_or_default()) + "\n"
}

/// Text for a markdown table cell (the core's rule: no line breaks, `|` escaped, HTML
/// shown as text, control characters visible).
fn md(s: &str) -> String {
    cidrplan::document::markdown_cell(s)
}

/// GitHub Actions workflow commands (`::error file=..,line=..,col=..,title=rule::message`):
/// each finding shows on the pull request at its line, without code scanning. Escaped as
/// the runner reads them: `%`, CR and LF in the message; `:` and `,` too in properties.
fn data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

/// An unusable input as one GitHub workflow error, at its place when it has one, so
/// the pull request shows why the check could not run.
pub fn github_error(message: &str, at: Option<&cidrplan::Location>) -> String {
    match at {
        Some(at) => format!(
            "::error file={},line={},col={},title=cidrplan::{}\n",
            property(&at.file),
            at.line,
            at.column,
            data(message)
        ),
        None => format!("::error title=cidrplan::{}\n", data(message)),
    }
}

pub fn github(r: &Report) -> String {
    let mut s = String::new();
    for f in &r.findings {
        let level = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut props: Vec<String> = Vec::new();
        if let Some(at) = f.objects.iter().find_map(|o| o.at.as_ref()) {
            props.push(format!("file={}", property(&at.file)));
            props.push(format!("line={}", at.line));
            props.push(format!("col={}", at.column));
        }
        props.push(format!("title={}", property(f.rule)));
        let fix = f.fix.as_ref().map(|x| format!(" (fix: {})", esc(x))).unwrap_or_default();
        s.push_str(&format!("::{level} {}::{}\n", props.join(","), data(&format!("{}{fix}", esc(&f.message)))));
    }
    s.push_str(&format!("{}\n", summary(r)));
    s
}

/// A pull-request comment.
pub fn markdown(r: &Report) -> String {
    let mark = if r.is_clean() { "✅" } else { "❌" };
    let mut s = format!("### {mark} cidrplan check: {}\n\n", summary(r));
    if !r.findings.is_empty() {
        s.push_str("| | Rule | Where | Finding | Fix |\n|---|---|---|---|---|\n");
        for f in &r.findings {
            let icon = match f.severity {
                Severity::Error => "❌ error",
                Severity::Warning => "⚠️ warning",
                Severity::Info => "ℹ️ info",
            };
            let at = f.objects.iter().find_map(|o| o.at.as_ref()).map(|a| format!("`{a}`")).unwrap_or_default();
            s.push_str(&format!(
                "| {icon} | `{}` | {at} | {} | {} |\n",
                f.rule,
                md(&f.message),
                md(f.fix.as_deref().unwrap_or(""))
            ));
        }
        s.push('\n');
    }
    if !r.clusters.is_empty() {
        s.push_str("<details><summary>Clusters at peak with surge</summary>\n\n| Cluster | Platform | Nodes | Runs out first | Max peak nodes | One zone lost |\n|---|---|---:|---|---:|---|\n");
        for c in &r.clusters {
            let z = c
                .zone_loss
                .as_ref()
                .map(|z| if z.holds { "holds".to_string() } else { format!("short: {}", md(&z.short.join(", "))) })
                .unwrap_or_else(|| "n/a".into());
            s.push_str(&format!(
                "| {} | {} | {} | {} | {} | {z} |\n",
                md(&c.cluster),
                c.platform,
                c.nodes,
                md(c.runs_out_first.as_deref().unwrap_or("")),
                c.max_peak_nodes.map(|m| m.to_string()).unwrap_or_default()
            ));
        }
        s.push_str("\n| Cluster | Range | CIDR | Use at peak |\n|---|---|---|---|\n");
        for c in &r.clusters {
            if let Some(e) = &c.error {
                s.push_str(&format!("| {} | | | not sized: {} |\n", md(&c.cluster), md(e)));
            }
            for g in &c.ranges {
                s.push_str(&format!("| {} | {} | `{}` | {} |\n", md(&c.cluster), md(&g.name), g.cidr, md(&g.summary)));
            }
        }
        if r.clusters.iter().any(|c| !c.pools.is_empty()) {
            s.push_str("\n| Cluster | Pool | Use |\n|---|---|---|\n");
            for c in &r.clusters {
                for p in &c.pools {
                    s.push_str(&format!("| {} | {} | {} |\n", md(&c.cluster), md(&p.pool), md(&pool_line(p))));
                }
            }
        }
        s.push_str("\n</details>\n");
    }
    s
}

/// One node pool in words: its size, and the range its growth exhausts first.
fn pool_line(p: &cidrplan::document::PoolCapacity) -> String {
    let mut line = format!(
        "pool {} ({}): {} peak nodes + {} surge, {} pods per node",
        p.pool, p.platform, p.peak_nodes, p.surge_nodes, p.max_pods
    );
    if let Some(e) = &p.error {
        line.push_str(&format!("; {e}"));
    } else if let (Some(r), Some(m)) = (&p.runs_out_first, p.max_peak_nodes) {
        if m < p.peak_nodes {
            line.push_str(&format!("; {r} is short already (it holds {m} of its nodes)"));
        } else {
            line.push_str(&format!("; as it grows, {r} runs out first, at {m} nodes"));
        }
    }
    line
}

/// SARIF 2.1.0 (OASIS): one run; the tool with every rule of the catalogue (its summary as
/// help, its severity as default level); a result per finding with its level, rule,
/// message (the fix appended) and the place it was written as the physical location; the
/// other objects' places as related locations. GitHub code scanning reads it.
pub fn sarif(r: &Report) -> String {
    sarif_log(&r.findings, None)
}

/// A SARIF log for input cidrplan could not use: no results, the execution failed, the
/// message as a tool notification (a script still reads a SARIF file).
pub fn sarif_error(message: &str, at: Option<&cidrplan::Location>) -> String {
    sarif_log(&[], Some((message, at)))
}

fn sarif_level(severity: &str) -> &'static str {
    match severity.split(',').next().unwrap_or("").trim() {
        "error" => "error",
        "warning" => "warning",
        _ => "note",
    }
}

/// A file name as a SARIF artifact URI: relative paths stay relative references (to the
/// repository root, as code scanning expects), absolute ones become file: URIs; characters
/// outside RFC 3986's unreserved set and `/` are percent-encoded.
fn artifact_uri(file: &str) -> String {
    let mut out = String::with_capacity(file.len());
    let path = file.replace('\\', "/");
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    if path.starts_with('/') {
        format!("file://{out}")
    } else {
        out
    }
}

fn sarif_log(findings: &[cidrplan::document::Finding], error: Option<(&str, Option<&cidrplan::Location>)>) -> String {
    use serde_json::{json, Value};
    let catalogue = cidrplan::document::rules();
    let docs = "https://github.com/cidrplan/cidrplan/blob/main/docs/plan-format.md#rules";
    let mut rules: Vec<Value> = catalogue
        .iter()
        .map(|x| {
            json!({
                "id": x.id,
                "shortDescription": {"text": x.summary},
                "fullDescription": {"text": format!("{} ({})", x.summary, x.severity)},
                "help": {"text": x.summary, "markdown": format!("`{}` ({}): {}", x.id, x.severity, x.summary)},
                "helpUri": docs,
                "defaultConfiguration": {"level": sarif_level(&x.severity)},
            })
        })
        .collect();
    let mut index: std::collections::HashMap<String, usize> =
        catalogue.iter().enumerate().map(|(i, x)| (x.id.clone(), i)).collect();
    let location = |at: &cidrplan::document::Position, name: &str| {
        json!({
            "physicalLocation": {
                "artifactLocation": {"uri": artifact_uri(&at.file)},
                "region": {"startLine": at.line, "startColumn": at.column},
            },
            "message": {"text": name},
        })
    };
    let mut results = Vec::new();
    for f in findings {
        // a rule not in the catalogue still gets a descriptor (the log stays valid)
        let i = *index.entry(f.rule.to_string()).or_insert_with(|| {
            rules.push(json!({"id": f.rule, "shortDescription": {"text": f.rule}, "helpUri": docs}));
            rules.len() - 1
        });
        let mut placed = f.objects.iter().filter_map(|o| o.at.as_ref().map(|a| (a, o)));
        let mut result = json!({
            "ruleId": f.rule,
            "ruleIndex": i,
            "level": match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "note",
            },
            "message": {"text": match &f.fix {
                Some(fix) => format!("{} (fix: {fix})", f.message),
                None => f.message.clone(),
            }},
        });
        if let Some((at, o)) = placed.next() {
            result["locations"] = json!([location(at, &format!("{} {}", o.kind, o.name))]);
            let related: Vec<Value> = placed
                .enumerate()
                .map(|(k, (a, o))| {
                    let mut l = location(a, &format!("{} {}", o.kind, o.name));
                    l["id"] = json!(k);
                    l
                })
                .collect();
            if !related.is_empty() {
                result["relatedLocations"] = json!(related);
            }
        }
        results.push(result);
    }
    let mut invocation = json!({"executionSuccessful": error.is_none()});
    if let Some((m, at)) = error {
        let mut note = json!({"level": "error", "message": {"text": m}});
        if let Some(at) = at {
            // where the plan stopped being readable, so code scanning can point at it
            note["locations"] = json!([{"physicalLocation": {
                "artifactLocation": {"uri": artifact_uri(&at.file)},
                "region": {"startLine": at.line, "startColumn": at.column, "endColumn": at.column.saturating_add(at.width)},
            }}]);
        }
        invocation["toolExecutionNotifications"] = json!([note]);
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "cidrplan",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/cidrplan/cidrplan",
                "rules": rules,
            }},
            "invocations": [invocation],
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&log).unwrap_or_default() + "\n"
}

/// Whole numbers past 2^53 - 1 as decimal strings: jq and JavaScript read a larger bare
/// number as a rounded float (an IPv6 /32 holds 79228162514264337593543950336 addresses,
/// not 79228162514264340000000000000). Smaller numbers stay numbers.
pub fn big_numbers_as_text(text: &str) -> String {
    const SAFE: u128 = (1 << 53) - 1;
    let mut out = String::with_capacity(text.len() + 16);
    let (mut in_string, mut escaped) = (false, false);
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        if c == '"' {
            in_string = true;
            out.push(c);
            continue;
        }
        if c.is_ascii_digit() || c == '-' {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if d.is_ascii_digit() || matches!(d, '.' | 'e' | 'E' | '+' | '-') {
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            let token = &text[i..end];
            let whole = token.trim_start_matches('-');
            let digits = !whole.is_empty() && whole.bytes().all(|b| b.is_ascii_digit());
            match whole.parse::<u128>() {
                Ok(n) if n > SAFE => out.push_str(&format!("\"{token}\"")),
                // past u128 (2^128, the addresses of ::/0)
                Err(_) if digits => out.push_str(&format!("\"{token}\"")),
                _ => out.push_str(token),
            }
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn big_numbers_become_text_and_strings_stay_as_they_are() {
        let t = r#"{"a": 79228162514264337593543950336, "b": 9007199254740991, "c": "12345678901234567890", "d": -9007199254740993, "e": 1.5e300}"#;
        assert_eq!(
            super::big_numbers_as_text(t),
            r#"{"a": "79228162514264337593543950336", "b": 9007199254740991, "c": "12345678901234567890", "d": "-9007199254740993", "e": 1.5e300}"#
        );
    }
}
