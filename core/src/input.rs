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
