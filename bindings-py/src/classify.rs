//! The IANA special-purpose registries: `cidrplan::classify`.

use crate::convert::{self, record, records};
use crate::errors::IntoPy;
use pyo3::prelude::*;
use pyo3::types::PyList;

/// What the IANA special-purpose registries say about a prefix.
#[pyfunction]
fn classify<'py>(py: Python<'py>, prefix: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    record(py, "Classification", &cidrplan::classify(&convert::prefix(prefix)?).py_err()?)
}

/// The compiled-in special-purpose table.
#[pyfunction]
fn special_ranges(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    records(py, "SpecialRange", cidrplan::special_ranges())
}

/// Adds this module's functions to `m`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(classify, m)?)?;
    m.add_function(wrap_pyfunction!(special_ranges, m)?)?;
    Ok(())
}
