//! Addresses in bits: `cidrplan::network_bits` (core module `addr`).

use crate::convert;
use pyo3::prelude::*;

/// The network address of a prefix in bits: IPv4 as four octets of 8 bits, IPv6 as eight groups of 16.
///
/// Args:
///     prefix: a CIDR string (``"10.0.0.0/24"``) or an ``ipaddress`` network
/// Returns:
///     str: the bits, separated by dots (IPv4) or colons (IPv6)
/// Raises:
///     ParseError: text that is not a prefix, or has host bits set
/// Example:
///     >>> cp.network_bits("10.0.0.0/8")
///     '00001010.00000000.00000000.00000000'
#[pyfunction]
fn network_bits(prefix: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(cidrplan::network_bits(&convert::prefix(prefix)?))
}

/// Adds this module's functions to `m`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(network_bits, m)?)?;
    Ok(())
}
