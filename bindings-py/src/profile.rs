//! Address profiles and inspection: `cidrplan::profile`.

use crate::arg;
use crate::convert::{self, parse_str, record};
use crate::errors::IntoPy;
use cidrplan::AddressProfile;
use pyo3::prelude::*;

/// Everything about a prefix under an address profile.
#[pyfunction]
#[pyo3(signature = (prefix, profile = "standard"))]
fn inspect<'py>(py: Python<'py>, prefix: &Bound<'py, PyAny>, profile: &str) -> PyResult<Bound<'py, PyAny>> {
    let p = convert::prefix(prefix)?;
    record(py, "PrefixInfo", &cidrplan::inspect(&p, parse_str::<AddressProfile>(profile)?).py_err()?)
}

/// Usable host addresses under a profile (standard, aws, azure, azure-older-faq, gcp, oci).
#[pyfunction]
#[pyo3(signature = (prefix, profile = "standard"))]
fn usable_hosts(prefix: &Bound<'_, PyAny>, profile: &str) -> PyResult<u128> {
    cidrplan::usable_hosts(&convert::prefix(prefix)?, parse_str(profile)?).py_err()
}

/// Smallest prefix length whose usable addresses hold `hosts` under the profile.
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
