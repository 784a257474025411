//! Stepping through the address space: `cidrplan::neighbor`.

use crate::arg;
use crate::convert;
use crate::errors::IntoPy;
use pyo3::prelude::*;

/// The address after ``address`` (netipx ``Next``).
///
/// Args:
///     address: an address string or ``ipaddress`` address
/// Returns:
///     str: the next address
/// Raises:
///     ParseError: not an address
///     InvalidArgumentError: the last address of its family (nothing wraps around)
/// Example:
///     >>> cp.next_address("10.0.0.255")
///     '10.0.1.0'
#[pyfunction]
fn next_address(address: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(cidrplan::next_address(convert::address(address)?).py_err()?.to_string())
}

/// The address before ``address`` (netipx ``Prev``).
///
/// Args:
///     address: an address string or ``ipaddress`` address
/// Returns:
///     str: the previous address
/// Raises:
///     ParseError: not an address
///     InvalidArgumentError: the first address of its family
/// Example:
///     >>> cp.previous_address("10.0.1.0")
///     '10.0.0.255'
#[pyfunction]
fn previous_address(address: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(cidrplan::previous_address(convert::address(address)?).py_err()?.to_string())
}

/// The block of length ``new_prefix`` after the one that holds the prefix's last address
/// (go-cidr ``NextSubnet``); by default the next block of the same size.
///
/// Args:
///     prefix: a CIDR string or ``ipaddress`` network
///     new_prefix: the block length (default: the prefix's own)
/// Returns:
///     str: the next block
/// Raises:
///     ParseError: not a prefix
///     InvalidArgumentError: past the end of the address space, or a length past 32/128
/// Example:
///     >>> cp.next_prefix("10.0.0.0/24"), cp.next_prefix("10.0.0.0/24", 23)
///     ('10.0.1.0/24', '10.0.2.0/23')
#[pyfunction]
#[pyo3(signature = (prefix, new_prefix = None))]
fn next_prefix(
    prefix: &Bound<'_, PyAny>,
    #[pyo3(from_py_with = arg::opt::new_prefix)] new_prefix: Option<u8>,
) -> PyResult<String> {
    let net = convert::prefix(prefix)?;
    Ok(cidrplan::next_prefix(&net, new_prefix.unwrap_or(net.prefix_len())).py_err()?.to_string())
}

/// The block of length ``new_prefix`` just before the prefix's first address (go-cidr
/// ``PreviousSubnet``); by default the previous block of the same size.
///
/// Args:
///     prefix: a CIDR string or ``ipaddress`` network
///     new_prefix: the block length (default: the prefix's own)
/// Returns:
///     str: the previous block
/// Raises:
///     ParseError: not a prefix
///     InvalidArgumentError: before the start of the address space, or a length past 32/128
/// Example:
///     >>> cp.previous_prefix("10.0.1.0/24"), cp.previous_prefix("10.0.1.0/24", 26)
///     ('10.0.0.0/24', '10.0.0.192/26')
#[pyfunction]
#[pyo3(signature = (prefix, new_prefix = None))]
fn previous_prefix(
    prefix: &Bound<'_, PyAny>,
    #[pyo3(from_py_with = arg::opt::new_prefix)] new_prefix: Option<u8>,
) -> PyResult<String> {
    let net = convert::prefix(prefix)?;
    Ok(cidrplan::previous_prefix(&net, new_prefix.unwrap_or(net.prefix_len())).py_err()?.to_string())
}

/// Adds this module's functions to `m`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(next_address, m)?)?;
    m.add_function(wrap_pyfunction!(previous_address, m)?)?;
    m.add_function(wrap_pyfunction!(next_prefix, m)?)?;
    m.add_function(wrap_pyfunction!(previous_prefix, m)?)?;
    Ok(())
}
