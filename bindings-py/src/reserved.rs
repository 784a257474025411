//! Reserved sets: `cidrplan::reserved`.

use crate::convert::{named_prefixes, records};
use crate::errors::IntoPy;
use pyo3::prelude::*;
use pyo3::types::PyList;

/// Hits of named prefixes on reserved sets: "iana-special-purpose", "aks-forbidden",
/// and/or a dict {name: prefix} of your own (`custom`).
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
