//! The IANA special-purpose registries: `cidrplan::classify`.

use crate::convert::{self, record, records};
use crate::errors::IntoPy;
use pyo3::prelude::*;
use pyo3::types::PyList;

/// What the IANA special-purpose registries say about a prefix.
///
/// Args:
///     prefix: a CIDR string (``"10.0.0.0/24"``) or an ``ipaddress`` network
/// Returns:
///     Classification: the entries it lies within or overlaps, its category and reachability
/// Raises:
///     ParseError: text that is not a prefix, or has host bits set
/// Example:
///     >>> c = cp.classify("100.64.0.0/10")
///     >>> c.category, c.is_private_use
///     ('shared-address-space', False)
#[pyfunction]
fn classify<'py>(py: Python<'py>, prefix: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    record(py, "Classification", &cidrplan::classify(&convert::prefix(prefix)?).py_err()?)
}

/// The compiled-in IANA special-purpose address table (both families).
///
/// Returns:
///     list[SpecialRange]: the registry's entries
/// Example:
///     >>> any(r.prefix == "192.168.0.0/16" for r in cp.special_ranges())
///     True
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
