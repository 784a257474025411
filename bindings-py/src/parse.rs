//! Parsing prefixes and addresses: `cidrplan::parse`.

use crate::convert::{address, prefix, prefix_lenient, text_of};
use crate::errors::IntoPy;
use pyo3::prelude::*;

/// Parse a prefix; strict by default (host bits set is an error). Also called ``parse``.
///
/// Args:
///     text: a CIDR string or an ``ipaddress`` network/interface
///     strict: False reads ``10.0.0.1/24`` as the network that holds it
/// Returns:
///     str: the canonical prefix
/// Raises:
///     ParseError: text that is not a prefix, or has host bits set
/// Example:
///     >>> cp.parse_prefix("10.0.0.0/24")
///     '10.0.0.0/24'
///     >>> cp.parse_prefix("10.0.0.1/24", strict=False)
///     '10.0.0.0/24'
#[pyfunction]
#[pyo3(signature = (text, strict = true))]
fn parse_prefix(text: &Bound<'_, PyAny>, strict: bool) -> PyResult<String> {
    Ok(if strict { prefix(text)? } else { prefix_lenient(text)? }.to_string())
}

/// Parse an address (leading zeros in IPv4 octets are rejected, as ``ipaddress`` does).
///
/// Args:
///     text: an address string or ``ipaddress`` address
/// Returns:
///     str: the canonical address
/// Raises:
///     ParseError: text that is not an address (an IPv6 zone id, ``fe80::1%eth0``,
///         included: ``parse_scoped_address`` reads it)
/// Example:
///     >>> cp.parse_address("10.0.0.1")
///     '10.0.0.1'
#[pyfunction]
fn parse_address(text: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(address(text)?.to_string())
}

/// Parse an IPv6 address with an optional zone id (``fe80::1%eth0``, RFC 4007), as
/// ``ipaddress`` reads it: the address and the zone (None without one).
///
/// Args:
///     text: an address string, or an ``ipaddress`` address (its ``scope_id`` kept)
/// Returns:
///     tuple[str, str | None]: the canonical address and the zone id
/// Raises:
///     ParseError: not an address, an empty zone, a zone on an IPv4 address
/// Example:
///     >>> cp.parse_scoped_address("fe80::1%eth0"), cp.parse_scoped_address("10.0.0.1")
///     (('fe80::1', 'eth0'), ('10.0.0.1', None))
#[pyfunction]
fn parse_scoped_address(text: &Bound<'_, PyAny>) -> PyResult<(String, Option<String>)> {
    let (a, zone) = cidrplan::parse_scoped_address(&text_of(text, "address")?).py_err()?;
    Ok((a.to_string(), zone))
}

/// Adds this module's functions to `m`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(parse_prefix, m)?)?;
    m.add_function(wrap_pyfunction!(parse_address, m)?)?;
    m.add_function(wrap_pyfunction!(parse_scoped_address, m)?)?;
    Ok(())
}
