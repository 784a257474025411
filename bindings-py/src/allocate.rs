//! Allocation around used space: `cidrplan::allocate`.

use crate::arg;
use crate::convert::{parse_str, prefix, prefixes, record, str_list};
use crate::errors::IntoPy;
use cidrplan::Strategy;
use pyo3::prelude::*;
use pyo3::types::PyList;

/// Free space of `parent` around `used`: minimal sorted CIDRs.
#[pyfunction]
fn free_space<'py>(
    py: Python<'py>,
    parent: &Bound<'py, PyAny>,
    used: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyList>> {
    let (p, u) = (prefix(parent)?, prefixes(used)?);
    let out = py.detach(|| cidrplan::free_space(&p, &u)).py_err()?;
    str_list(py, &out)
}

/// Number of free aligned blocks of `prefix_len` (e.g. /28 for EKS prefix delegation).
#[pyfunction]
fn free_aligned_blocks(
    parent: &Bound<'_, PyAny>,
    used: &Bound<'_, PyAny>,
    #[pyo3(from_py_with = arg::prefix_len)] prefix_len: u8,
) -> PyResult<u128> {
    cidrplan::free_aligned_blocks(&prefix(parent)?, &prefixes(used)?, prefix_len).py_err()
}

/// One new prefix of `prefix_len` in `parent` around `used` ("first_fit" or "best_fit").
#[pyfunction]
#[pyo3(signature = (parent, used, prefix_len, strategy = "first_fit"))]
fn allocate_one(
    parent: &Bound<'_, PyAny>,
    used: &Bound<'_, PyAny>,
    #[pyo3(from_py_with = arg::prefix_len)] prefix_len: u8,
    strategy: &str,
) -> PyResult<String> {
    Ok(cidrplan::allocate_one(&prefix(parent)?, &prefixes(used)?, prefix_len, parse_str::<Strategy>(strategy)?)
        .py_err()?
        .to_string())
}

/// A batch of new prefixes, all or nothing: a list of lengths or a dict {name: length}.
#[pyfunction]
#[pyo3(signature = (parent, used, requests, strategy = "first_fit"))]
fn allocate<'py>(
    py: Python<'py>,
    parent: &Bound<'py, PyAny>,
    used: &Bound<'py, PyAny>,
    requests: &Bound<'py, PyAny>,
    strategy: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let reqs = crate::carve::sized_requests::<u8>(requests, "prefix_len")?
        .into_iter()
        .map(|(name, prefix_len)| cidrplan::AllocationRequest { name, prefix_len })
        .collect::<Vec<_>>();
    let (p, u, s) = (prefix(parent)?, prefixes(used)?, parse_str::<Strategy>(strategy)?);
    let report = py.detach(|| cidrplan::allocate(&p, &u, &reqs, s)).py_err()?;
    record(py, "CarveReport", &report)
}

/// Adds this module's functions to `m`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(free_space, m)?)?;
    m.add_function(wrap_pyfunction!(free_aligned_blocks, m)?)?;
    m.add_function(wrap_pyfunction!(allocate_one, m)?)?;
    m.add_function(wrap_pyfunction!(allocate, m)?)?;
    Ok(())
}
