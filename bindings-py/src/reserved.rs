//! Reserved sets: `cidrplan::reserved`.

use crate::convert::{named_prefixes, records};
use crate::errors::IntoPy;
use pyo3::prelude::*;
use pyo3::types::PyList;

/// Where named prefixes hit reserved sets (IANA special purpose, AKS forbidden ranges, ...).
///
/// Args:
///     prefixes: a dict ``{name: prefix}`` or pairs
///     sets: set names (default: every compiled-in set)
///     custom: extra ``{name: prefix}`` entries to check against
/// Returns:
///     list[ReservedHit]: each hit, with the entry and whether the prefix lies inside it
/// Raises:
///     ParseError: text that is not a prefix, or has host bits set
///     InvalidArgumentError: an unknown set name
/// Example:
///     >>> [h.entry for h in cp.check_reserved({"pods": "100.64.0.0/16"})]
///     ['Shared Address Space (RFC 6598)']
#[pyfunction]
#[pyo3(signature = (prefixes, sets = vec!["iana-special-purpose".to_string()], custom = None))]
fn check_reserved<'py>(
    py: Python<'py>,
    prefixes: &Bound<'py, PyAny>,
    sets: Vec<String>,
    custom: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyList>> {
    let mut all =
        sets.iter().map(|s| cidrplan::ReservedSet::by_name(s)).collect::<cidrplan::Result<Vec<_>>>().py_err()?;
    if let Some(c) = custom {
        all.push(cidrplan::ReservedSet::custom("custom", named_prefixes(c)?));
    }
    records(py, "ReservedHit", &cidrplan::check_reserved(&named_prefixes(prefixes)?, &all).py_err()?)
}

/// Adds this module's functions to `m`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(check_reserved, m)?)?;
    Ok(())
}
