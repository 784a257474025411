//! Parsing prefixes and addresses: `cidrplan::parse`.

use crate::convert::{address, prefix, prefix_lenient};
use pyo3::prelude::*;

/// Parse a prefix; strict by default (host bits set is an error).
#[pyfunction]
#[pyo3(signature = (text, strict = true))]
fn parse_prefix(text: &Bound<'_, PyAny>, strict: bool) -> PyResult<String> {
    Ok(if strict { prefix(text)? } else { prefix_lenient(text)? }.to_string())
}

/// Parse an address (leading zeros in IPv4 octets are rejected).
#[pyfunction]
fn parse_address(text: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(address(text)?.to_string())
}

/// Adds this module's functions to `m`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(parse_prefix, m)?)?;
    m.add_function(wrap_pyfunction!(parse_address, m)?)?;
    Ok(())
}
