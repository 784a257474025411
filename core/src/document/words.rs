//! The words a report is made of (object kinds, rule ids, changes): cidrplan's own
//! `&'static str`s, read back from a report only as one of them, an unknown one refused.
//! Check, carve and diff all name things with them, so they live apart from each.

use serde::{Deserialize, Deserializer};

/// Every kind of object a finding or a placement names ([`FindingObject::kind`](super::FindingObject::kind),
/// [`Placement::kind`](super::Placement::kind)).
pub const OBJECT_KINDS: [&str; 13] = [
    "network",
    "vrf",
    "subnet",
    "external",
    "reservation",
    "space",
    "cluster",
    "cluster-range",
    "pool",
    "forbidden",
    "link",
    "isolation",
    "secondary-range",
];

/// `&'static str` by another name: serde would otherwise borrow the field from the
/// input (a `'de: 'static` bound), where it is read from cidrplan's own words.
pub type Word = &'static str;

/// An object kind, one of [`OBJECT_KINDS`].
pub fn kind<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    let text = String::deserialize(d)?;
    OBJECT_KINDS.iter().find(|k| **k == text).copied().ok_or_else(|| {
        serde::de::Error::custom(format!(
            "object kind {text:?} is not one cidrplan reports ({})",
            OBJECT_KINDS.join(", ")
        ))
    })
}

/// A rule id of the catalogue (`core/data/rules.csv`).
pub fn rule<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    let text = String::deserialize(d)?;
    crate::document::rule(&text).map(|r| r.id.as_str()).ok_or_else(|| {
        serde::de::Error::custom(format!("rule {text:?} is not one this cidrplan has (a report from another version?)"))
    })
}

/// A difference's change: missing, unplanned or changed.
pub fn change<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    let text = String::deserialize(d)?;
    ["missing", "unplanned", "changed"]
        .into_iter()
        .find(|c| *c == text)
        .ok_or_else(|| serde::de::Error::custom(format!("change {text:?}: missing, unplanned or changed")))
}
