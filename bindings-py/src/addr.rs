//! Addresses in bits: `cidrplan::network_bits` (core module `addr`).

use crate::convert;
use pyo3::prelude::*;

/// The network address of a prefix in bits: IPv4 as four 8-bit octets joined by ".",
/// IPv6 as eight 16-bit groups joined by ":"; the first prefix-length digits are the
/// network bits.
#[pyfunction]
fn network_bits(prefix: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(cidrplan::network_bits(&convert::prefix(prefix)?))
}

/// Adds this module's functions to `m`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(network_bits, m)?)?;
    Ok(())
}
