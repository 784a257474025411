//! Reverse DNS names and the exploded form: `cidrplan::reverse`.

use crate::convert;
use crate::errors::IntoPy;
use pyo3::prelude::*;

/// The PTR name of an address, as ``ipaddress``'s ``reverse_pointer`` gives it.
///
/// Args:
///     address: an address string or ``ipaddress`` address
/// Returns:
///     str: ``d.c.b.a.in-addr.arpa`` or the 32 nibbles of ``ip6.arpa``, no trailing dot
/// Raises:
///     ParseError: not an address
/// Example:
///     >>> cp.reverse_pointer("192.0.2.5")
///     '5.2.0.192.in-addr.arpa'
#[pyfunction]
fn reverse_pointer(address: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(cidrplan::reverse_pointer(convert::address(address)?))
}

/// The reverse DNS zones that hold exactly a prefix, in address order (RFC 2317's
/// classless name for an IPv4 prefix longer than /24).
///
/// Args:
///     prefix: a CIDR string or ``ipaddress`` network
/// Returns:
///     list[str]: zone names (a /22 is four /24 zones; an IPv6 /49 eight /52 zones)
/// Raises:
///     ParseError: not a prefix
/// Example:
///     >>> cp.reverse_zones("10.1.4.0/23")
///     ['4.1.10.in-addr.arpa', '5.1.10.in-addr.arpa']
///     >>> cp.reverse_zones("192.0.2.0/25")
///     ['0/25.2.0.192.in-addr.arpa']
#[pyfunction]
fn reverse_zones(prefix: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    cidrplan::reverse_zones(&convert::prefix(prefix)?).py_err()
}

/// An address in full: IPv6 with every group of four hex digits, as ``ipaddress``'s ``exploded``.
///
/// Args:
///     address: an address string or ``ipaddress`` address
/// Returns:
///     str: the exploded form (IPv4 unchanged)
/// Raises:
///     ParseError: not an address
/// Example:
///     >>> cp.exploded("2001:db8::1")
///     '2001:0db8:0000:0000:0000:0000:0000:0001'
#[pyfunction]
fn exploded(address: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(cidrplan::exploded(convert::address(address)?))
}

/// Adds this module's functions to `m`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(reverse_pointer, m)?)?;
    m.add_function(wrap_pyfunction!(reverse_zones, m)?)?;
    m.add_function(wrap_pyfunction!(exploded, m)?)?;
    Ok(())
}
