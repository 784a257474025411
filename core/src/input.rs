//! Structured input (the options objects of the Python and JavaScript faces, later plan
//! files) read from JSON with errors a person can act on: the path of the field, what
//! it must be, and what was given, never a deserializer's internal wording.
//!
//! ```
//! use cidrplan::{input::from_json, plan::Requirement};
//! let r: Requirement = from_json(r#"{"nodes": 50, "zones": 2}"#, "requirement").unwrap();
//! assert_eq!((r.nodes, r.zones), (50, 2));
//! let e = from_json::<Requirement>(r#"{"nodes": 1e20}"#, "requirement").unwrap_err();
//! assert_eq!(e.to_string(), "requirement: nodes must be a whole number from 0 to 18446744073709551615, not 1e20");
//! let e = from_json::<Requirement>(r#"{"nodes": -5}"#, "requirement").unwrap_err();
//! assert_eq!(e.to_string(), "requirement: nodes must be a whole number from 0 to 18446744073709551615, not -5");
//! assert_eq!((e.kind(), e.field()), ("invalid-argument", Some("nodes")));
//! let e = from_json::<Requirement>(r#"{"zones": 2}"#, "requirement").unwrap_err();
//! assert_eq!((e.to_string().as_str(), e.field()), ("requirement: nodes is missing", Some("nodes")));
//! // a typo is refused, not ignored (the platform's default would take its place)
//! let e = from_json::<Requirement>(r#"{"nodes": 5, "max_pod": 300}"#, "requirement").unwrap_err();
//! assert!(e.to_string().starts_with("requirement: unknown field max_pod, expected one of nodes, peak_nodes, max_pods"));
//! assert_eq!(e.field(), Some("max_pod"));
//! let e = from_json::<Requirement>(r#"{"nodes": [5]}"#, "requirement").unwrap_err();
//! assert_eq!(e.to_string(), "requirement: nodes must be a whole number from 0 to 18446744073709551615, not sequence");
//! // other types in words too, not the deserializer's "invalid type: ..., expected a sequence"
//! let e = from_json::<cidrplan::aks::Cluster>(r#"{"mode": "overlay", "vnet": "10.0.0.0/16"}"#, "AKS cluster").unwrap_err();
//! assert_eq!(e.to_string(), "AKS cluster: vnet must be a list, not the text \"10.0.0.0/16\"");
//! ```

use crate::{Error, Result};
use serde::de::DeserializeOwned;

/// Deserialize `text` as a `T`; `what` names the input in messages.
pub fn from_json<T: DeserializeOwned>(text: &str, what: &str) -> Result<T> {
    let de = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.inner().to_string();
        // a missing field is about that field, one level below the path serde reports
        let missing = inner.strip_prefix("missing field `").and_then(|r| r.split('`').next());
        let field = match (path.as_str(), missing) {
            (".", Some(name)) => name.to_string(),
            (_, Some(name)) => format!("{path}.{name}"),
            (".", None) => String::new(),
            _ => path,
        };
        // an unknown field's message names it already (as the plan reader's does)
        let message = match missing {
            Some(_) => format!("{what}: {field} is missing"),
            None if field.is_empty() || inner.starts_with("unknown field") => {
                format!("{what}: {}", friendly(&inner, text))
            }
            None => format!("{what}: {field} {}", friendly(&inner, text)),
        };
        let error = Error::InvalidArgument(message);
        if field.is_empty() {
            error
        } else {
            error.about(field)
        }
    })
}

/// [`from_json`] for options written as JavaScript writes them: an object key in
/// camelCase (`prefixDelegation`, `peakNodes`) is read as its snake_case twin
/// (`prefix_delegation`, `peak_nodes`), at every depth (a requirement's `pools` too);
/// snake_case keys are read as they are. A key given both ways in one object is an
/// error naming both.
///
/// ```
/// use cidrplan::plan::Requirement;
/// let r: Requirement = cidrplan::input::from_json_any_case(r#"{"nodes": 3, "peakNodes": 9, "max_pods": 30}"#, "requirement").unwrap();
/// assert_eq!((r.peak_nodes, r.max_pods), (Some(9), Some(30)));
/// let e = cidrplan::input::from_json_any_case::<Requirement>(r#"{"nodes": 3, "maxPods": 1, "max_pods": 2}"#, "requirement").unwrap_err();
/// assert_eq!(e.to_string(), "requirement: maxPods and max_pods are the same option; give it once");
/// let typo = cidrplan::input::from_json_any_case::<Requirement>(r#"{"nodes": 3, "maxPodz": 1}"#, "requirement").unwrap_err();
/// assert!(typo.to_string().starts_with("requirement: unknown field maxPodz, expected one of nodes"), "{typo}");
/// assert_eq!(typo.field(), Some("maxPodz"));
/// ```
pub fn from_json_any_case<T: DeserializeOwned>(text: &str, what: &str) -> Result<T> {
    let Ok(mut value) = serde_json::from_str::<serde_json::Value>(text) else {
        // not JSON at all: the plain reader words the error
        return from_json(text, what);
    };
    let mut renamed = Vec::new();
    snake_keys(&mut value, what, 0, &mut renamed)?;
    from_json(&value.to_string(), what).map_err(|e| {
        // an unknown key is named as the user wrote it (maxPodz, not max_podz)
        let message = e.to_string();
        match renamed.iter().find(|(_, snake)| message.starts_with(&format!("{what}: unknown field {snake},"))) {
            Some((camel, snake)) => {
                let field = e.field().map(|f| f.replace(snake.as_str(), camel)).unwrap_or_else(|| camel.clone());
                Error::InvalidArgument(message.replacen(
                    &format!("unknown field {snake}"),
                    &format!("unknown field {camel}"),
                    1,
                ))
                .about(field)
            }
            None => e,
        }
    })
}

/// `prefixDelegation` -> `prefix_delegation`; a key that is not camelCase is kept.
fn snake_key(key: &str) -> Option<String> {
    let camel = key.starts_with(|c: char| c.is_ascii_lowercase())
        && key.chars().all(|c| c.is_ascii_alphanumeric())
        && key.chars().any(|c| c.is_ascii_uppercase());
    camel.then(|| {
        let mut out = String::with_capacity(key.len() + 4);
        for c in key.chars() {
            if c.is_ascii_uppercase() {
                out.push('_');
                out.push(c.to_ascii_lowercase());
            } else {
                out.push(c);
            }
        }
        out
    })
}

fn snake_keys(
    value: &mut serde_json::Value,
    what: &str,
    depth: usize,
    renamed: &mut Vec<(String, String)>,
) -> Result<()> {
    // options nest a few levels; a deeper value is left as written (serde refuses it)
    if depth > 32 {
        return Ok(());
    }
    match value {
        serde_json::Value::Array(items) => items.iter_mut().try_for_each(|v| snake_keys(v, what, depth + 1, renamed)),
        serde_json::Value::Object(fields) => {
            let renames: Vec<(String, String)> =
                fields.keys().filter_map(|k| snake_key(k).map(|s| (k.clone(), s))).collect();
            for (camel, snake) in renames {
                if fields.contains_key(&snake) {
                    return Err(Error::InvalidArgument(format!(
                        "{what}: {camel} and {snake} are the same option; give it once"
                    ))
                    .about(snake));
                }
                if let Some(v) = fields.remove(&camel) {
                    fields.insert(snake.clone(), v);
                }
                renamed.push((camel, snake));
            }
            fields.values_mut().try_for_each(|v| snake_keys(v, what, depth + 1, renamed))
        }
        _ => Ok(()),
    }
}

/// Rewrite serde's wording ("invalid type: floating point `1e20`, expected u64 at line 1
/// column 14") in the user's terms.
pub(crate) fn friendly(message: &str, text: &str) -> String {
    let message = match message.rfind(" at line ") {
        Some(i) => &message[..i],
        None => message,
    };
    let given = message.split('`').nth(1).unwrap_or("");
    let wanted = message.rsplit("expected ").next().unwrap_or("");
    let range = match wanted {
        "u8" => Some("0 to 255"),
        "u16" => Some("0 to 65535"),
        "u32" => Some("0 to 4294967295"),
        "u64" => Some("0 to 18446744073709551615"),
        "u128" => Some("0 to 2^128 - 1"),
        "i64" => Some("-2^63 to 2^63 - 1"),
        "i128" => Some("-2^127 to 2^127 - 1"),
        _ => None,
    };
    if let Some(range) = range {
        if message.starts_with("invalid type: floating point") || message.starts_with("invalid value: integer") {
            // serde prints floats its own way (1e+20); show the number as written where it is plain
            let shown = given.replace("e+", "e");
            let shown = if text.contains(shown.as_str()) { shown } else { given.to_string() };
            return format!("must be a whole number from {range}, not {shown}");
        }
        if message.starts_with("invalid type:") {
            return format!(
                "must be a whole number from {range}, not {}",
                message.trim_start_matches("invalid type: ").split(',').next().unwrap_or("")
            );
        }
    }
    // other types in the user's words: "invalid type: string \"x\", expected a sequence"
    // -> "must be a list, not the text \"x\""
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        if let Some((given, wanted)) = rest.rsplit_once(", expected ") {
            let given = match given.split_once(' ') {
                Some(("string", text)) => format!("the text {text}"),
                Some((_, value)) => value.replace('`', ""),
                None if given == "sequence" => "a list".into(),
                None if given == "map" => "an object".into(),
                None => given.to_string(),
            };
            let wanted = match wanted {
                "a sequence" => "a list",
                "a string" => "text",
                "a boolean" => "true or false",
                w if w == "a map" || w.starts_with("struct ") => "an object",
                w => w,
            };
            return format!("must be {wanted}, not {given}");
        }
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        return format!("is missing {}", rest.replace('`', ""));
    }
    message.replace('`', "")
}
