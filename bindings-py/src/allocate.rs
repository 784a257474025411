//! Allocation around used space: `cidrplan::allocate`.

use crate::arg;
use crate::convert::{parse_str, prefix, prefixes, record, str_list};
use crate::errors::IntoPy;
use cidrplan::Strategy;
use pyo3::prelude::*;
use pyo3::types::PyList;

/// The free space of ``parent`` around ``used``: the fewest prefixes, sorted.
///
/// Args:
///     parent: the prefix to look in
///     used: prefixes taken (outside parts are ignored)
/// Returns:
///     list[str]: free prefixes
/// Raises:
///     ParseError: text that is not a prefix, or has host bits set
///     MixedFamiliesError: IPv4 and IPv6 mixed where one family is needed
/// Example:
///     >>> cp.free_space("10.0.0.0/24", ["10.0.0.0/26"])
///     ['10.0.0.64/26', '10.0.0.128/25']
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

/// How many free aligned blocks of ``prefix_len`` ``parent`` has around ``used`` (/28 for EKS prefix delegation).
///
/// Args:
///     parent: the prefix to look in
///     used: prefixes taken
///     prefix_len: the block length
/// Returns:
///     int: the number of free blocks
/// Raises:
///     ParseError: text that is not a prefix, or has host bits set
///     MixedFamiliesError: IPv4 and IPv6 mixed where one family is needed
///     InvalidArgumentError: prefix_len shorter than parent's
/// Example:
///     >>> cp.free_aligned_blocks("10.0.0.0/24", ["10.0.0.0/26"], 28)
///     12
#[pyfunction]
fn free_aligned_blocks(
    parent: &Bound<'_, PyAny>,
    used: &Bound<'_, PyAny>,
    #[pyo3(from_py_with = arg::prefix_len)] prefix_len: u8,
) -> PyResult<u128> {
    cidrplan::free_aligned_blocks(&prefix(parent)?, &prefixes(used)?, prefix_len).py_err()
}

/// One new prefix of ``prefix_len`` in ``parent`` around ``used``.
///
/// Args:
///     parent: the prefix to allocate from
///     used: prefixes taken
///     prefix_len: the new prefix's length
///     strategy: ``"first_fit"`` (lowest address) or ``"best_fit"`` (smallest free block)
/// Returns:
///     str: the new prefix
/// Raises:
///     ParseError: text that is not a prefix, or has host bits set
///     DoesNotFitError: no free block that large
///     InvalidArgumentError: an unknown strategy
/// Example:
///     >>> cp.allocate_one("10.0.0.0/16", ["10.0.0.0/24"], 24)
///     '10.0.1.0/24'
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

/// A batch of new prefixes, all or nothing: a list of lengths or a dict ``{name: length}``. Also called ``allocate_many``.
///
/// Args:
///     parent: the prefix to allocate from
///     used: prefixes taken
///     requests: lengths, or ``{name: length}``
///     strategy: ``"first_fit"`` or ``"best_fit"``
/// Returns:
///     CarveReport: the new subnets (named), holes and what remains
/// Raises:
///     ParseError: text that is not a prefix, or has host bits set
///     DoesNotFitError: the batch does not fit (nothing is allocated)
/// Example:
///     >>> [s.prefix for s in cp.allocate("10.0.0.0/16", ["10.0.0.0/24"], {"a": 24, "b": 25}).subnets]
///     ['10.0.1.0/24', '10.0.2.0/25']
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
