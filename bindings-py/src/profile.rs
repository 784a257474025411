//! Address profiles and inspection: `cidrplan::profile`.

use crate::arg;
use crate::convert::{self, parse_str, record};
use crate::errors::IntoPy;
use cidrplan::AddressProfile;
use pyo3::prelude::*;

/// Everything about a prefix under an address profile: addresses, masks, usable range, reserved addresses.
///
/// Args:
///     prefix: a CIDR string (``"10.0.0.0/24"``) or an ``ipaddress`` network
///     profile: standard, aws, azure, azure-older-faq, gcp or oci
/// Returns:
///     PrefixInfo: the prefix's facts (``total_addresses`` is exact, 2**128 for ``::/0``)
/// Raises:
///     ParseError: text that is not a prefix, or has host bits set
///     InvalidArgumentError: an unknown profile
/// Example:
///     >>> info = cp.inspect("10.0.0.0/24", "aws")
///     >>> info.usable, info.first_usable
///     (251, '10.0.0.4')
#[pyfunction]
#[pyo3(signature = (prefix, profile = "standard"))]
fn inspect<'py>(py: Python<'py>, prefix: &Bound<'py, PyAny>, profile: &str) -> PyResult<Bound<'py, PyAny>> {
    let p = convert::prefix(prefix)?;
    record(py, "PrefixInfo", &cidrplan::inspect(&p, parse_str::<AddressProfile>(profile)?).py_err()?)
}

/// Usable host addresses in a prefix under a profile.
///
/// Args:
///     prefix: a CIDR string (``"10.0.0.0/24"``) or an ``ipaddress`` network
///     profile: standard, aws, azure, azure-older-faq, gcp or oci
/// Returns:
///     int: the usable addresses
/// Raises:
///     ParseError: text that is not a prefix, or has host bits set
///     InvalidArgumentError: an unknown profile
/// Example:
///     >>> cp.usable_hosts("10.0.0.0/24", "azure")
///     251
#[pyfunction]
#[pyo3(signature = (prefix, profile = "standard"))]
fn usable_hosts(prefix: &Bound<'_, PyAny>, profile: &str) -> PyResult<u128> {
    cidrplan::usable_hosts(&convert::prefix(prefix)?, parse_str(profile)?).py_err()
}

/// The longest prefix length whose usable addresses hold ``hosts`` under the profile.
///
/// Args:
///     hosts: usable addresses wanted
///     profile: standard, aws, azure, azure-older-faq, gcp or oci
///     version: 4 or 6
/// Returns:
///     int: the prefix length
/// Raises:
///     InvalidArgumentError: more hosts than the family holds, or an unknown profile
/// Example:
///     >>> cp.prefix_for_hosts(100, "aws")
///     25
#[pyfunction]
#[pyo3(signature = (hosts, profile = "standard", version = 4))]
fn prefix_for_hosts(
    #[pyo3(from_py_with = arg::hosts)] hosts: u128,
    profile: &str,
    #[pyo3(from_py_with = arg::version)] version: u8,
) -> PyResult<u8> {
    parse_str::<AddressProfile>(profile)?.prefix_for_hosts(convert::family(version)?, hosts).py_err()
}

/// Adds this module's functions to `m`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(inspect, m)?)?;
    m.add_function(wrap_pyfunction!(usable_hosts, m)?)?;
    m.add_function(wrap_pyfunction!(prefix_for_hosts, m)?)?;
    Ok(())
}
