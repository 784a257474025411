//! A plan as NetBox takes it: the CSV of its bulk-import forms (prefixes, VRFs,
//! aggregates) and the request bodies of `POST /api/ipam/prefixes/`. Columns are the
//! import forms' own (NetBox's `ipam/forms/bulk_import.py`): prefixes `prefix, vrf,
//! tenant, status, role, scope_type, scope_id, is_pool, mark_utilized, description, tags`;
//! VRFs `name, rd, tenant, enforce_unique, description, tags`; aggregates `prefix, rir,
//! tenant, description, tags`. What the plan does not know (a scope's id, a RIR) stays
//! empty for NetBox to ask; NetBox tags are a plan's tags without a value.

use super::model::{Network, NetworkStatus, Plan};
use serde_json::{json, Value};

/// One prefix row: the prefix and what NetBox records beside it.
struct Row {
    prefix: String,
    vrf: Option<String>,
    tenant: Option<String>,
    status: &'static str,
    role: Option<String>,
    scope: Option<(String, String)>,
    description: Option<String>,
    tags: Vec<String>,
}

fn netbox_tags(tags: &std::collections::BTreeMap<String, String>) -> Vec<String> {
    tags.iter().filter(|(_, v)| v.is_empty()).map(|(k, _)| k.clone()).collect()
}

/// Every range of the plan NetBox would hold as a prefix: networks and subnets (each of
/// their CIDRs), then reservations.
fn rows(plan: &Plan) -> Vec<Row> {
    fn walk(list: &[Network], vrf: Option<&str>, out: &mut Vec<Row>) {
        for n in list {
            let vrf = n.vrf.as_deref().or(vrf);
            let status = match n.status {
                Some(s) => s.as_str(),
                None if !n.subnets.is_empty() => NetworkStatus::Container.as_str(),
                None => NetworkStatus::Active.as_str(),
            };
            let scope = n
                .tags
                .get("netbox_scope")
                .and_then(|s| s.rsplit_once(':'))
                .map(|(t, i)| (t.to_string(), i.to_string()));
            for c in &n.cidr {
                // a name that is the prefix itself says nothing NetBox does not
                let description =
                    n.tags.get("description").cloned().or_else(|| (n.name != c.to_string()).then(|| n.name.clone()));
                out.push(Row {
                    prefix: c.to_string(),
                    vrf: vrf.map(str::to_string),
                    tenant: n.tags.get("tenant").cloned(),
                    status,
                    role: n.role.clone(),
                    scope: scope.clone(),
                    description,
                    tags: netbox_tags(&n.tags),
                });
            }
            walk(&n.subnets, vrf, out);
        }
    }
    let mut out = Vec::new();
    walk(&plan.networks, None, &mut out);
    for r in &plan.reservations {
        if let Some(c) = r.cidr {
            out.push(Row {
                prefix: c.to_string(),
                vrf: None,
                tenant: None,
                status: NetworkStatus::Reserved.as_str(),
                role: None,
                scope: None,
                description: r.purpose.clone().or_else(|| Some(r.name.clone())),
                tags: Vec::new(),
            });
        }
    }
    out
}

fn line(cells: &[&str]) -> String {
    let mut s = cells.iter().map(|c| super::csv_cell::csv_field(c)).collect::<Vec<_>>().join(",");
    s.push('\n');
    s
}

/// NetBox's bulk-import CSV of the plan's prefixes (IPAM > Prefixes > Import).
pub(crate) fn prefixes_csv(plan: &Plan) -> String {
    let mut out = line(&[
        "prefix",
        "vrf",
        "tenant",
        "status",
        "role",
        "scope_type",
        "scope_id",
        "is_pool",
        "mark_utilized",
        "description",
        "tags",
    ]);
    for r in rows(plan) {
        let (st, sid) = r.scope.clone().unwrap_or_default();
        out.push_str(&line(&[
            &r.prefix,
            r.vrf.as_deref().unwrap_or(""),
            r.tenant.as_deref().unwrap_or(""),
            r.status,
            r.role.as_deref().unwrap_or(""),
            &st,
            &sid,
            "false",
            "false",
            r.description.as_deref().unwrap_or(""),
            &r.tags.join(","),
        ]));
    }
    out
}

/// NetBox's bulk-import CSV of the plan's VRFs (IPAM > VRFs > Import).
pub(crate) fn vrfs_csv(plan: &Plan) -> String {
    let mut out = line(&["name", "rd", "tenant", "enforce_unique", "description", "tags"]);
    for v in &plan.vrfs {
        out.push_str(&line(&[
            &v.name,
            v.rd.as_deref().unwrap_or(""),
            v.tags.get("tenant").map_or("", String::as_str),
            if v.enforce_unique { "true" } else { "false" },
            v.description.as_deref().unwrap_or(""),
            &netbox_tags(&v.tags).join(","),
        ]));
    }
    out
}

/// NetBox's bulk-import CSV of the plan's spaces as aggregates (IPAM > Aggregates >
/// Import); the RIR is the space's `rir` tag (NetBox requires one: empty, it asks).
pub(crate) fn aggregates_csv(plan: &Plan) -> String {
    let mut out = line(&["prefix", "rir", "tenant", "description", "tags"]);
    for s in &plan.spaces {
        out.push_str(&line(&[
            &s.cidr.to_string(),
            s.tags.get("rir").map_or("", String::as_str),
            s.owner.as_deref().unwrap_or(""),
            s.purpose.as_deref().unwrap_or(&s.name),
            &netbox_tags(&s.tags).join(","),
        ]));
    }
    out
}

/// The request bodies of `POST /api/ipam/prefixes/` (a list NetBox creates in one call);
/// related objects by name, as NetBox's REST API resolves them.
pub(crate) fn prefixes_json(plan: &Plan) -> String {
    let named = |n: &Option<String>| n.as_ref().map_or(Value::Null, |n| json!({ "name": n }));
    let bodies: Vec<Value> = rows(plan)
        .into_iter()
        .map(|r| {
            let mut b = json!({
                "prefix": r.prefix,
                "status": r.status,
                "vrf": named(&r.vrf),
                "tenant": named(&r.tenant),
                "role": named(&r.role),
                "description": r.description.unwrap_or_default(),
                "tags": r.tags.iter().map(|t| json!({ "name": t })).collect::<Vec<_>>(),
            });
            if let Some((t, id)) = r.scope {
                b["scope_type"] = json!(t);
                b["scope_id"] = id.parse::<u64>().map_or(json!(id), |n| json!(n));
            }
            b
        })
        .collect();
    serde_json::to_string_pretty(&bodies).unwrap_or_default() + "\n"
}
